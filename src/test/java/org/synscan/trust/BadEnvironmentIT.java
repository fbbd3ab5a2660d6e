package org.synscan.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synscan.lab.Lab;
import org.synscan.lab.NmapResults;
import org.synscan.lab.ProcessResult;
import org.synscan.lab.Verdict;
import org.synscan.result.PortState;
import org.synscan.result.Protocol;
import org.synscan.result.Reason;

/**
 * Issue 7, bad environment: not root, root without CAP_NET_RAW, libpcap missing, an unknown
 * interface, an interface without an address, the interface taken down mid-scan, a full disk and
 * unwritable output files. Each ends with exit 1 and one clear line on stderr, and whatever the
 * scan found before is in every output that still works. Runs in namespaces of its own
 * ({@link PairNet}): taking links down must not disturb the shared lab.
 */
class BadEnvironmentIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final List<Integer> LISTENING = List.of(22, 80, 443);
    private static PairNet net;
    private static Process listeners;

    @TempDir
    Path dir;

    @BeforeAll
    static void up() {
        Lab.require(Lab.unavailableReason().isEmpty(), Lab.unavailableReason().orElse(""));
        net = PairNet.up();
        String py = "import socket,time\nss=[]\nfor p in (22,80,443):\n"
                + "  s=socket.socket(); s.setsockopt(socket.SOL_SOCKET,socket.SO_REUSEADDR,1); s.bind(('0.0.0.0',p));"
                + " s.listen(64); ss.append(s)\nprint('ready',flush=True)\ntime.sleep(600)\n";
        try {
            listeners = new ProcessBuilder("ip", "netns", "exec", PairNet.TARGET, Procs.python(), "-c", py)
                    .redirectErrorStream(true).start();
            String ready = new String(listeners.getInputStream().readNBytes(6), StandardCharsets.UTF_8);
            assertEquals("ready\n", ready, "listeners in " + PairNet.TARGET);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void down() {
        if (listeners != null) {
            Procs.stop(listeners);
        }
        if (net != null) {
            net.close();
        }
    }

    @Test
    void notRoot() {
        ProcessResult r = synscan(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"),
                PairNet.TARGET_V4, "-p", "80");
        assertOneLineFailure(r, "CAP_NET_RAW");
    }

    @Test
    void rootWithoutCapNetRaw() {
        ProcessResult r = synscan(List.of("setpriv", "--bounding-set=-net_raw", "--inh-caps=-net_raw"),
                PairNet.TARGET_V4, "-p", "80");
        assertOneLineFailure(r, "CAP_NET_RAW");
    }

    /**
     * libpcap really absent: in a private mount namespace the library directory is replaced by a
     * directory of links to everything in it except libpcap.*, so the dynamic loader finds no
     * libpcap at all (the launcher's ldconfig check still passes: its cache is a file, untouched).
     */
    @Test
    void libpcapMissing() throws IOException {
        ProcessResult where = Lab.run(TIMEOUT, List.of("sh", "-c", "ldconfig -p | awk '/libpcap\\.so/ {print $NF; exit}'"));
        Path lib = Path.of(where.stdout().strip()).toRealPath().getParent();
        Path original = Files.createDirectory(dir.resolve("original"));
        Path farm = Files.createDirectory(dir.resolve("farm"));
        String hide = "d=$1; o=$2; f=$3; shift 3\n"
                + "mount --bind \"$d\" \"$o\" && mount -t tmpfs -o size=8m sstrust-farm \"$f\" &&\n"
                + "for x in \"$d\"/*; do n=${x##*/}; case \"$n\" in libpcap.*) ;; *) ln -s \"$o/$n\" \"$f/$n\";; esac; done"
                + " &&\nmount --bind \"$f\" \"$d\" && ! ls \"$d\"/libpcap.* >/dev/null 2>&1 && exec \"$@\"\n";
        List<String> prefix = List.of("unshare", "--mount", "--propagation", "private", "sh", "-c", hide, "sh",
                lib.toString(), original.toString(), farm.toString());
        ProcessResult r = synscan(prefix, PairNet.TARGET_V4, "-p", "80");
        assertOneLineFailure(r, "libpcap is not installed");
    }

    @Test
    void unknownInterface() {
        assertOneLineFailure(synscan(List.of(), "-e", "nosuch0", PairNet.TARGET_V4, "-p", "80"),
                "nosuch0: no such interface");
    }

    @Test
    void interfaceWithoutAnAddress() {
        assertOneLineFailure(synscan(List.of(), "-e", PairNet.BARE_IF, PairNet.TARGET_V4, "-p", "80"),
                PairNet.BARE_IF + " has no IPv4 address");
    }

    /**
     * A slow scan (400 probes/s) whose link goes down after three seconds: exit 1, a line that says
     * sending failed, and the ports answered until then in the normal output on stdout, in -oN and
     * in -oX, identical, each one right (nothing invented for the probes cut short).
     */
    @Test
    void interfaceTakenDownMidScan() throws Exception {
        Path normal = dir.resolve("down.nmap");
        Path xml = dir.resolve("down.xml");
        Thread downer = new Thread(() -> {
            try {
                Thread.sleep(3000);
                PairNet.sh("ip", "-n", PairNet.SCANNER, "link", "set", PairNet.SCANNER_IF, "down");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        downer.start();
        ProcessResult r;
        try {
            r = synscan(List.of(), PairNet.TARGET_V4, "-p", "1-4000", "--rate", "400", "--reason", "-oN",
                    normal.toString(), "-oX", xml.toString());
        } finally {
            downer.join(10_000);
            PairNet.sh("ip", "-n", PairNet.SCANNER, "link", "set", PairNet.SCANNER_IF, "up");
        }
        assertOneLineFailure(r, "sending failed");
        assertTrue(r.stderr().contains(PairNet.SCANNER_IF), r.stderr());
        ScanRun.Summary s = ScanRun.summaryOf(r.stdout());
        assertTrue(s != null && s.replies() > 200 && s.replies() < 4000, "the scan stopped too early or too late: "
                + r.stdout());
        Map<Integer, Verdict> found = NmapResults.parse(Files.readString(xml)).ports(
                InetAddress.getByName(PairNet.TARGET_V4), Protocol.TCP);
        assertEquals(s.replies(), found.size(), "every answer written to -oX, nothing else");
        found.forEach((port, v) -> assertEquals(LISTENING.contains(port) ? new Verdict(PortState.OPEN, Reason.SYN_ACK)
                : new Verdict(PortState.CLOSED, Reason.RESET), v, "port " + port));
        assertEquals(withoutClock(r.stdout()), withoutClock(Files.readString(normal)), "stdout and -oN differ");
        System.out.printf("[issue 7] link down after 3 s of a 400/s scan: %s; %s; %d results in -oX, -oN, stdout%n",
                r.stderr().strip(), s, found.size());
    }

    /** A full disk under -oX: the normal output on stdout and in -oN is complete, exit 1, one line. */
    @Test
    void diskFull() throws Exception {
        Path full = Files.createDirectory(dir.resolve("full"));
        PairNet.sh("mount", "-t", "tmpfs", "-o", "size=8k", "sstrust-full", full.toString());
        try {
            Lab.run(TIMEOUT, List.of("dd", "if=/dev/zero", "of=" + full.resolve("filler"), "bs=4k"));
            Path normal = dir.resolve("ok.nmap");
            ProcessResult r = synscan(List.of(), PairNet.TARGET_V4, "-p", "1-2000", "--reason", "-oX",
                    full.resolve("out.xml").toString(), "-oN", normal.toString());
            assertOneLineFailure(r, "could not write all of " + full.resolve("out.xml"));
            assertCompleteNormalReport(r.stdout());
            assertEquals(withoutClock(r.stdout()), withoutClock(Files.readString(normal)), "stdout and -oN differ");
            // and the other way round: the XML file is complete when the normal one cannot be written
            Path okXml = dir.resolve("ok.xml");
            ProcessResult r2 = synscan(List.of(), PairNet.TARGET_V4, "-p", "1-2000", "-oN",
                    full.resolve("out.nmap").toString(), "-oX", okXml.toString());
            assertOneLineFailure(r2, "could not write all of " + full.resolve("out.nmap"));
            Map<Integer, Verdict> ports = NmapResults.parse(Files.readString(okXml)).ports(
                    InetAddress.getByName(PairNet.TARGET_V4), Protocol.TCP);
            assertEquals(2000, ports.size());
            System.out.printf("[issue 7] disk full: %s / %s%n", r.stderr().strip(), r2.stderr().strip());
        } finally {
            PairNet.sh("umount", full.toString());
        }
    }

    @Test
    void unwritableOutputFiles() throws Exception {
        Path ro = Files.createDirectory(dir.resolve("ro"));
        PairNet.sh("mount", "-t", "tmpfs", "-o", "ro,size=8k", "sstrust-ro", ro.toString());
        try {
            assertOneLineFailure(synscan(List.of(), PairNet.TARGET_V4, "-p", "80", "-oX", ro.resolve("x.xml").toString()),
                    "cannot write " + ro.resolve("x.xml") + ": Read-only file system");
        } finally {
            PairNet.sh("umount", ro.toString());
        }
        assertOneLineFailure(synscan(List.of(), PairNet.TARGET_V4, "-p", "80", "-oN", dir.toString()),
                "cannot write " + dir + ": Is a directory");
        assertOneLineFailure(synscan(List.of(), PairNet.TARGET_V4, "-p", "80", "-oX", dir.resolve("no/such.xml").toString()),
                "cannot write " + dir.resolve("no/such.xml") + ": no such directory");
    }

    /** Runs {@code ip netns exec sstrust-s PREFIX... synscan ARGS}: the prefix changes rights or mounts. */
    private static ProcessResult synscan(List<String> prefix, String... args) {
        PairNet.assertNoDefaultRoute();
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", PairNet.SCANNER));
        cmd.addAll(prefix);
        cmd.add(Lab.home().resolve("synscan").toString());
        cmd.addAll(List.of(args));
        return Lab.run(TIMEOUT, cmd);
    }

    private static void assertOneLineFailure(ProcessResult r, String mustSay) {
        assertEquals(1, r.exitCode(), r.describe());
        String err = r.stderr();
        assertTrue(err.startsWith("synscan: ") && err.endsWith("\n") && err.indexOf('\n') == err.length() - 1,
                "not one line: " + r.describe());
        assertFalse(err.contains("Exception") || err.contains("\tat "), r.describe());
        assertTrue(err.contains(mustSay), "expected \"" + mustSay + "\": " + r.describe());
    }

    /** The normal report of ports 1-2000 of the pair's target, complete down to the summary. */
    private static void assertCompleteNormalReport(String out) {
        assertTrue(out.contains("Not shown: 1997 closed tcp ports (reset)"), out);
        for (int port : LISTENING) {
            assertTrue(out.lines().anyMatch(l -> l.matches(port + "/tcp +open +\\S+ +syn-ack ttl 64")), out);
        }
        ScanRun.Summary s = ScanRun.summaryOf(out);
        assertTrue(s != null && s.replies() == 2000, out);
    }

    private static String withoutClock(String report) {
        return report.replaceAll("(?m)^Starting synscan .*$", "").replaceAll("scanned in [0-9.]+ seconds", "")
                .replaceAll("Rate: \\d+/s", "").replaceAll("\\(\\d\\.\\d+s latency\\)", "");
    }
}
