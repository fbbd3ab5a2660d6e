package org.synscan.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synscan.ScanFailure;
import org.synscan.UsageException;
import org.synscan.cli.CliContext;
import org.synscan.cli.Main;
import org.synscan.net.IpAddr;
import org.synscan.plan.ScanRunner;
import org.synscan.result.PortResult;
import org.synscan.result.PortState;
import org.synscan.result.Reason;
import org.synscan.target.PortList;
import org.synscan.text.JsonReader;

class LocalCommandTest {
    @TempDir
    Path dir;
    private Path proc;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final List<String> probed = new ArrayList<>();
    private boolean root = true;
    private boolean ready = true;

    /** Answers every TCP probe with open and every UDP probe with open|filtered; refuses without rights. */
    private final Prober prober = new Prober() {
        @Override
        public void requireReady() {
            if (!ready) {
                throw new ScanFailure("synscan needs raw-socket rights");
            }
        }

        @Override
        public List<PortResult> probe(IpAddr target, PortList ports) {
            probed.add(target + " " + ports);
            List<PortResult> r = new ArrayList<>();
            for (int i = 0; i < ports.size(); i++) {
                boolean tcp = ports.protocolAt(i) == org.synscan.result.Protocol.TCP;
                r.add(new PortResult(ports.protocolAt(i), ports.portAt(i), tcp ? PortState.OPEN
                        : PortState.OPEN_FILTERED, tcp ? Reason.SYN_ACK : Reason.NO_RESPONSE, 64));
            }
            return r;
        }
    };

    /** Local: loopback and the fixture's own 198.18.0.2; fd00:5ca0::2 and fe80::1 are "elsewhere". */
    private static RouteCheck.Answer route(IpAddr a) {
        boolean local = a.isLoopback() || a.toString().equals("198.18.0.2");
        return new RouteCheck.Answer(local, true, (local ? "local " : "") + a + " dev " + (local ? "lo" : "eth0"));
    }

    @BeforeEach
    void fakeMachine() throws Exception {
        proc = LocalFixtures.fakeProc(dir.resolve("proc"));
    }

    private int run(String... args) throws Exception {
        return new LocalCommand(LocalFixtures.services(), new PrintWriter(out, true), new PrintWriter(err, true), proc,
                ByteOrder.LITTLE_ENDIAN, root, LocalCommandTest::route, prober).run(args);
    }

    @Test
    void listsEverySocketSortedLikeSsWithServiceAndOwners() throws Exception {
        assertEquals(0, run());
        assertEquals(String.join("\n",
                "Proto  State   Local Address:Port       Service  PID/Program",
                "tcp    LISTEN  0.0.0.0:22               ssh      812/sshd",
                "tcp6   LISTEN  [::]:22                  ssh      812/sshd",
                "tcp    LISTEN  127.0.0.53:53            domain   600/systemd-resolve",
                "tcp    LISTEN  198.18.0.2:443           https    900/nginx,901/nginx",
                "tcp6   LISTEN  [fd00:5ca0::2]:443       https    -",
                "tcp6   LISTEN  [fe80::1]:546            -        -",
                "tcp    LISTEN  127.0.0.1:631            ipp      -",
                "tcp6   LISTEN  [::1]:631                ipp      -",
                "tcp6   LISTEN  [::ffff:127.0.0.1]:8000  -        -",
                "tcp6   LISTEN  [::ffff:0.0.0.0]:8001    -        -",
                "tcp    LISTEN  0.0.0.0:8082             -        -",
                "tcp    LISTEN  198.18.0.2:65535         -        -",
                "udp    UNCONN  127.0.0.53:53            domain   600/systemd-resolve",
                "udp    UNCONN  0.0.0.0:68               bootpc   -",
                "udp6   UNCONN  [::ffff:127.0.0.1]:137   -        -",
                "udp6   UNCONN  [::1]:514                -        -",
                "udp    UNCONN  0.0.0.0:5353             mdns     -",
                "udp    UNCONN  224.0.0.251:5353         mdns     -",
                "udp6   UNCONN  [::]:5353                mdns     -",
                ""), out.toString());
        // root, yet one process could not be read: said once, without asking for root
        assertEquals("synscan: the descriptors of 1 process could not be read: their sockets show no PID/program\n",
                err.toString());
    }

    @Test
    void withoutRootOneLineSaysMoreNeedsRoot() throws Exception {
        root = false;
        assertEquals(0, run());
        assertEquals(20, out.toString().lines().count());
        assertEquals(List.of("synscan: the sockets of 1 process of other users are hidden from you: run as root"
                + " (sudo synscan local) to see every PID/program"), err.toString().lines().toList());
    }

    @Test
    void jsonLinesToStandardOutputReplaceTheTable() throws Exception {
        assertEquals(0, run("-oJ", "-"));
        List<String> lines = out.toString().lines().toList();
        assertEquals(19, lines.size());
        Map<String, Object> first = JsonReader.object(lines.get(0));
        assertEquals("tcp", first.get("proto"));
        assertEquals("0.0.0.0", first.get("address"));
        assertEquals(22L, first.get("port"));
        assertEquals("ssh", first.get("service"));
        assertEquals(List.of(Map.of("pid", 812L, "program", "sshd", "fd", 3L)), first.get("processes"));
        assertTrue(lines.stream().map(JsonReader::object).noneMatch(o -> o.containsKey("exposure")));
        Map<String, Object> mapped = JsonReader.object(lines.get(8));
        assertEquals("::ffff:127.0.0.1", mapped.get("address"));
        assertEquals("ipv6", mapped.get("family"));
    }

    @Test
    void jsonLinesToAFileKeepTheTable() throws Exception {
        Path file = dir.resolve("local.json");
        assertEquals(0, run("-oJ", file.toString()));
        assertTrue(out.toString().startsWith("Proto  State"));
        List<String> lines = Files.readAllLines(file);
        assertEquals(19, lines.size());
        lines.forEach(JsonReader::object);
        ScanFailure f = assertThrows(ScanFailure.class, () -> run("-oJ", dir.resolve("no/such/dir/x.json").toString()));
        assertTrue(f.getMessage().startsWith("cannot write -oJ "), f.getMessage());
    }

    @Test
    void exposureProbesLocalAddressesAndExplainsTheRest() throws Exception {
        assertEquals(0, run("--exposure"));
        assertEquals(List.of("127.0.0.1 T:22,631,8000-8001,8082,U:68,137,5353", "::1 T:22,631,U:514,5353",
                "127.0.0.53 T:53,U:53", "198.18.0.2 T:443,65535"), probed);
        List<String> lines = out.toString().lines().toList();
        assertEquals("Proto  State   Local Address:Port       Service  Probed at     Exposure       Reason       "
                + "PID/Program", lines.get(0));
        assertEquals("tcp    LISTEN  0.0.0.0:22               ssh      127.0.0.1     open           syn-ack      "
                + "812/sshd", lines.get(1));
        assertEquals("tcp6   LISTEN  [fd00:5ca0::2]:443       https    fd00:5ca0::2  not probed     -            -",
                lines.get(5));
        assertEquals("udp    UNCONN  0.0.0.0:68               bootpc   127.0.0.1     open|filtered  no-response  -",
                lines.get(14));
        assertEquals(List.of(
                "tcp6 [fd00:5ca0::2]:443 not probed: the route to fd00:5ca0::2 is not local (fd00:5ca0::2 dev eth0)",
                "tcp6 [fe80::1]:546 not probed: the route to fe80::1 is not local (fe80::1 dev eth0)",
                "udp 224.0.0.251:5353 not probed: the route to 224.0.0.251 is not local (224.0.0.251 dev eth0)",
                "10 reachable (open), 0 refused (closed), 0 filtered by the local firewall, 6 open|filtered (UDP"
                        + " without an answer: a silent service and a DROP rule look the same), 3 not probed"),
                lines.subList(20, lines.size()));
    }

    @Test
    void exposureAsJson() throws Exception {
        assertEquals(0, run("--exposure", "-oJ", "-"));
        List<Map<String, Object>> objects = out.toString().lines().map(JsonReader::object).toList();
        assertEquals(19, objects.size());
        assertEquals("open", objects.get(0).get("exposure"));
        assertEquals("127.0.0.1", objects.get(0).get("probed"));
        assertEquals("syn-ack", objects.get(0).get("reason"));
        assertEquals("not probed", objects.get(4).get("exposure"));
        assertTrue(((String) objects.get(4).get("note")).contains("not local"));
    }

    @Test
    void exposureWithoutRightsFailsBeforeAnything() {
        ready = false;
        ScanFailure f = assertThrows(ScanFailure.class, () -> run("--exposure"));
        assertEquals("synscan needs raw-socket rights", f.getMessage());
        assertEquals(List.of(), probed);
        assertEquals("", out.toString());
    }

    @Test
    void badFlagsAreUsageErrors() {
        UsageException e = assertThrows(UsageException.class, () -> run("--exposed"));
        assertEquals("unknown option: '--exposed' (see synscan local --help)", e.getMessage());
        assertThrows(UsageException.class, () -> run("-oJ"));
        assertEquals("-oJ: needs a file name ('-' for standard output)",
                assertThrows(UsageException.class, () -> run("-oJ", "")).getMessage());
        assertThrows(UsageException.class, () -> run("127.0.0.1"));
    }

    @Test
    void helpNamesTheFlags() throws Exception {
        assertEquals(0, run("--help"));
        for (String s : new String[] {"Usage: synscan local", "--exposure", "-oJ FILE", "ss -ltnup", "EXAMPLES:"}) {
            assertTrue(out.toString().contains(s), s + " in " + out);
        }
    }

    /** Through Main, on this machine's real /proc: exit codes and one-line errors as for scans. */
    @Test
    void mainDispatchesLocal() {
        CliContext ctx = CliContext.system(ScanRunner.NOT_IMPLEMENTED);
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        assertEquals(0, Main.run(new String[] {"local", "-oJ", "-"}, new PrintWriter(o), new PrintWriter(e), ctx));
        o.toString().lines().forEach(JsonReader::object);
        StringWriter e2 = new StringWriter();
        assertEquals(2, Main.run(new String[] {"local", "--nope"}, new PrintWriter(new StringWriter()),
                new PrintWriter(e2), ctx));
        assertEquals("synscan: unknown option: '--nope' (see synscan local --help)\n", e2.toString());
    }
}
