package org.synscan.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.synscan.lab.Lab;
import org.synscan.lab.ProcessResult;
import org.synscan.local.SocketSet.Sock;
import org.synscan.net.IpAddr;
import org.synscan.text.JsonReader;

/**
 * {@code synscan local} on real sockets: listeners started in a namespace of our own by a child
 * process with a known pid and name must appear with exactly that pid and name; the listing must
 * equal ss -ltnup's, socket for socket, in that namespace and on this machine; without root, other
 * users' processes are hidden and one line says so.
 */
class LocalListingIT {
    private static final String NS = "sslocal-list";
    private static final String[] SPECS = {"tcp4/127.0.0.1/0", "tcp4/0.0.0.0/0", "tcp6/::1/0", "tcp6/::/0",
        "tcp6/::ffff:127.0.0.1/0", "udp4/0.0.0.0/0", "udp4/127.0.0.1/0", "udp6/::/0", "udp6/::1/0"};

    @BeforeAll
    static void namespace() {
        LocalNs.requireLab("ip", "ss", "setpriv");
        LocalNs.add(NS);
        LocalNs.assertNoDefaultRoute(NS);
    }

    @AfterAll
    static void removeNamespace() {
        LocalNs.delete(NS);
    }

    /** The address synscan reports for a spec's bound address. */
    private static String expectedAddress(String spec) {
        String host = spec.substring(spec.indexOf('/') + 1, spec.lastIndexOf('/'));
        return IpAddr.parse(host).v6() && host.contains(".") ? host : IpAddr.parse(host).toString();
    }

    @Test
    void listenersAppearWithTheirPidAndProgram() throws Exception {
        try (Listeners child = Listeners.start(LocalNs.in(NS), "sslocal-lsn", SPECS)) {
            ProcessResult r = LocalNs.synscan(NS, "local", "-oJ", "-");
            assertEquals(0, r.exitCode(), r.describe());
            assertEquals("", r.stderr(), "root sees every owner");
            List<Map<String, Object>> rows = r.stdout().lines().map(JsonReader::object).toList();
            assertEquals(SPECS.length, rows.size(), "the namespace holds the child's sockets and nothing else: "
                    + r.stdout());
            for (String spec : SPECS) {
                String proto = spec.substring(0, 3);
                String family = spec.charAt(3) == '6' ? "ipv6" : "ipv4";
                long port = child.port(spec);
                Map<String, Object> row = rows.stream().filter(o -> o.get("proto").equals(proto)
                        && o.get("family").equals(family) && o.get("port").equals(port)).findFirst()
                        .orElseThrow(() -> new AssertionError(spec + " port " + port + " missing:\n" + r.stdout()));
                assertEquals(expectedAddress(spec), row.get("address"), spec);
                assertEquals(proto.equals("tcp") ? "LISTEN" : "UNCONN", row.get("state"), spec);
                List<?> processes = (List<?>) row.get("processes");
                assertEquals(1, processes.size(), spec + ": " + row);
                Map<?, ?> owner = (Map<?, ?>) processes.get(0);
                assertEquals(child.pid, owner.get("pid"), spec);
                assertEquals("sslocal-lsn", owner.get("program"), spec);
            }
            ProcessResult table = LocalNs.synscan(NS, "local");
            assertEquals(0, table.exitCode(), table.describe());
            List<String> lines = table.stdout().lines().toList();
            assertEquals(SPECS.length + 1, lines.size(), table.stdout());
            assertTrue(lines.get(0).startsWith("Proto  State   Local Address:Port"), lines.get(0));
            for (String spec : SPECS) {
                String endpoint = ":" + child.port(spec) + " ";
                assertTrue(lines.stream().anyMatch(l -> l.contains(endpoint) && l.endsWith(child.pid + "/sslocal-lsn")),
                        spec + " in\n" + table.stdout());
            }
        }
    }

    @Test
    void equalsSsInTheNamespaceIncludingASharedSocket() throws Exception {
        // a socket held by two processes: python binds, then forks
        String shared = "import os,socket,sys,time\n"
                + "t=socket.socket(); t.bind(('0.0.0.0',0)); t.listen(4)\n"
                + "u=socket.socket(socket.AF_INET6,socket.SOCK_DGRAM); u.bind(('::1',0))\n"
                + "if os.fork()==0:\n  time.sleep(60); os._exit(0)\n"
                + "print('ready',flush=True)\n"
                + "sys.stdin.read()\n";
        Process python = null;
        try (Listeners a = Listeners.start(LocalNs.in(NS), "sslocal-a", SPECS);
                Listeners b = Listeners.start(LocalNs.in(NS), "sslocal-b", "tcp4/127.0.0.2/0", "udp6/::1/0")) {
            Lab.requireTool("python3");
            python = new ProcessBuilder(LocalNs.in(NS, "python3", "-c", shared)).redirectErrorStream(true).start();
            String ready = new String(python.getInputStream().readNBytes(6));
            assertEquals("ready\n", ready);
            ProcessResult ss = Lab.run(Duration.ofSeconds(15), LocalNs.in(NS, "ss", "-ltnupH"));
            assertTrue(ss.ok(), ss.describe());
            ProcessResult ours = LocalNs.synscan(NS, "local", "-oJ", "-");
            assertEquals(0, ours.exitCode(), ours.describe());
            List<Sock> expected = SocketSet.fromSs(ss.stdout());
            assertEquals(SPECS.length + 2 + 2, expected.size(), ss.stdout());
            assertTrue(expected.stream().anyMatch(s -> s.pids().size() == 2), "the forked socket: " + ss.stdout());
            assertEquals(SPECS.length, expected.stream().filter(s -> s.pids().equals(Set.of(a.pid))).count());
            assertEquals(2, expected.stream().filter(s -> s.pids().equals(Set.of(b.pid))).count());
            assertEquals(expected, SocketSet.fromJson(ours.stdout()));
        } finally {
            if (python != null) {
                python.descendants().forEach(ProcessHandle::destroyForcibly);
                python.destroyForcibly();
            }
        }
    }

    /**
     * This machine's own sockets, whatever they are. Sockets come and go, so a listing counts only
     * when ss saw the same before and after it.
     */
    @Test
    void equalsSsOnThisMachine() {
        List<String> history = new ArrayList<>();
        for (int attempt = 0; attempt < 5; attempt++) {
            String before = Lab.run(Duration.ofSeconds(15), List.of("ss", "-ltnupH")).stdout();
            ProcessResult ours = Lab.run(Duration.ofSeconds(60), List.of(Lab.home().resolve("synscan").toString(),
                    "local", "-oJ", "-"));
            String after = Lab.run(Duration.ofSeconds(15), List.of("ss", "-ltnupH")).stdout();
            assertEquals(0, ours.exitCode(), ours.describe());
            List<Sock> ss = SocketSet.fromSs(before);
            if (!ss.equals(SocketSet.fromSs(after))) {
                history.add(before + "---\n" + after);
                continue;
            }
            assertEquals(ss, SocketSet.fromJson(ours.stdout()));
            return;
        }
        throw new AssertionError("the machine's sockets kept changing:\n" + String.join("\n===\n", history));
    }

    @Test
    void withoutRootOtherUsersProcessesAreHiddenAndOneLineSaysSo() throws Exception {
        try (Listeners rootChild = Listeners.start(LocalNs.in(NS), "sslocal-root", "tcp4/127.0.0.1/0");
                Listeners nobodyChild = Listeners.start(LocalNs.asNobody(NS), "sslocal-nobody", "tcp6/::1/0",
                        "udp4/0.0.0.0/0")) {
            List<String> cmd = new ArrayList<>(LocalNs.asNobody(NS, Lab.home().resolve("synscan").toString(),
                    "local", "-oJ", "-"));
            LocalNs.assertNoDefaultRoute(NS);
            ProcessResult r = Lab.run(Duration.ofSeconds(60), cmd);
            assertEquals(0, r.exitCode(), r.describe());
            Map<String, List<?>> owners = new TreeMap<>();
            r.stdout().lines().map(JsonReader::object).forEach(o -> owners.put(o.get("proto") + " " + o.get("address")
                    + " " + o.get("port"), (List<?>) o.get("processes")));
            assertEquals(List.of(), owners.get("tcp 127.0.0.1 " + rootChild.port("tcp4/127.0.0.1/0")), r.stdout());
            List<?> mine = owners.get("tcp ::1 " + nobodyChild.port("tcp6/::1/0"));
            assertEquals(Set.of(nobodyChild.pid, "sslocal-nobody"),
                    Set.of(((Map<?, ?>) mine.get(0)).get("pid"), ((Map<?, ?>) mine.get(0)).get("program")));
            assertEquals(1, owners.get("udp 0.0.0.0 " + nobodyChild.port("udp4/0.0.0.0/0")).size());
            List<String> err = r.stderr().lines().toList();
            assertEquals(1, err.size(), r.stderr());
            assertTrue(err.get(0).matches("synscan: the sockets of \\d+ process(es)? of other users are hidden from you:"
                    + " run as root \\(sudo synscan local\\) to see every PID/program"), err.get(0));

            ProcessResult exposure = Lab.run(Duration.ofSeconds(60), LocalNs.asNobody(NS,
                    Lab.home().resolve("synscan").toString(), "local", "--exposure"));
            assertEquals(1, exposure.exitCode(), exposure.describe());
            assertEquals("", exposure.stdout());
            assertTrue(exposure.stderr().startsWith("synscan: synscan needs raw-socket rights"), exposure.stderr());
        }
    }
}
