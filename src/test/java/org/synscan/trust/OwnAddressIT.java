package org.synscan.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.synscan.lab.Lab;
import org.synscan.lab.LabExtension;
import org.synscan.lab.NmapResults;
import org.synscan.lab.Truth;
import org.synscan.lab.Verdict;
import org.synscan.result.PortState;
import org.synscan.result.Protocol;
import org.synscan.result.Reason;

/**
 * Issue 7, the scanner's own address and its own frames: scanning 127.0.0.1, ::1 and the scanner's
 * own lab addresses, where the capture sees every probe we send as well as the replies, must find
 * exactly the listeners there, one reply per probe, no frame of ours taken for a reply or counted
 * invalid; and a scan running while other programs on the scanner talk to the target reports the
 * target only, exactly as the truth says.
 */
@ExtendWith(LabExtension.class)
class OwnAddressIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    /** Listeners of our own in the scanner namespace: address family, bind address, port. */
    private static final String LISTENERS = "import socket,time\n"
            + "ss=[]\n"
            + "for fam,a,p in ((socket.AF_INET,'127.0.0.1',4711),(socket.AF_INET,'0.0.0.0',4712),"
            + "(socket.AF_INET6,'::1',4713),(socket.AF_INET6,'::',4714)):\n"
            + "  s=socket.socket(fam); s.setsockopt(socket.SOL_SOCKET,socket.SO_REUSEADDR,1)\n"
            + "  if fam==socket.AF_INET6: s.setsockopt(socket.IPPROTO_IPV6,socket.IPV6_V6ONLY,1)\n"
            + "  s.bind((a,p)); s.listen(64); ss.append(s)\n"
            + "print('ready',flush=True)\n"
            + "time.sleep(120)\n";

    @TempDir
    Path dir;

    @Test
    void loopbackIpv4() throws Exception {
        ownAddressScan(InetAddress.getByName("127.0.0.1"), 4711, 4712);
    }

    @Test
    void loopbackIpv6() throws Exception {
        ownAddressScan(InetAddress.getByName("::1"), 4713, 4714);
    }

    @Test
    void ownLabAddressIpv4() {
        ownAddressScan(Lab.SCANNER_V4, 4712);
    }

    @Test
    void ownLabAddressIpv6() {
        ownAddressScan(Lab.SCANNER_V6, 4714);
    }

    /** -p- of an address of the scanner itself: the listeners open, everything else closed, once each. */
    private void ownAddressScan(InetAddress self, Integer... open) {
        Process listeners = Lab.startInScanner(Procs.python(), "-c", LISTENERS);
        ScanRun run;
        try {
            boolean v6 = self.getAddress().length == 16;
            run = v6 ? ScanRun.lab(dir, TIMEOUT, "-6", self.getHostAddress(), "-p-", "--rate", "50000")
                    : ScanRun.lab(dir, TIMEOUT, self.getHostAddress(), "-p-", "--rate", "50000");
        } finally {
            Procs.stop(listeners);
        }
        System.out.printf("[issue 7] own address %s, -p-: %s%n", self.getHostAddress(), run.summary());
        run.assertCompleted();
        NmapResults r = run.results();
        assertEquals(java.util.List.of(self), r.hosts(), "hosts in the report");
        Map<Integer, Verdict> ports = r.ports(self, Protocol.TCP);
        assertEquals(65535, ports.size());
        assertEquals(65535, run.resultEntries(), "a port reported twice");
        SortedSet<Integer> found = new TreeSet<>();
        ports.forEach((port, v) -> {
            if (v.state() == PortState.OPEN) {
                found.add(port);
            } else {
                assertEquals(new Verdict(PortState.CLOSED, Reason.RESET), v, "port " + port);
            }
        });
        assertEquals(new TreeSet<>(java.util.List.of(open)), found, "open ports");
        // the capture saw each of our 65535 probes too: none became a reply or counted as invalid, and a
        // second answer to a probe can only come from a retry (both tries answered), never from our own frame
        ScanRun.Summary s = run.summary();
        assertEquals(65535, s.replies(), s.toString());
        assertEquals(0, s.invalid(), s.toString());
        assertTrue(s.duplicates() <= s.retries(), s.toString());
    }

    /**
     * Other programs on the scanner host talk to the target during the scan (TCP connections to its
     * listeners, DNS queries, from ephemeral ports that overlap the scan's own): their replies reach
     * the capture, addressed to us, and must change nothing.
     */
    @Test
    void otherTrafficOfTheScannerHostIsNoReply() {
        String client = "import socket,time\n"
                + "print('ready',flush=True)\n"
                + "end=time.time()+60\n"
                + "q=b'\\x12\\x34\\x01\\x00\\x00\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x03lab\\x00\\x00\\x01\\x00\\x01'\n"
                + "while time.time()<end:\n"
                + "  for p in (21,22,80,443,23,9999):\n"
                + "    s=socket.socket(); s.settimeout(0.2)\n"
                + "    try: s.connect(('198.18.0.2',p)); s.send(b'hello')\n"
                + "    except OSError: pass\n"
                + "    s.close()\n"
                + "  u=socket.socket(socket.AF_INET,socket.SOCK_DGRAM); u.settimeout(0.05)\n"
                + "  u.sendto(q,('198.18.0.2',53))\n"
                + "  try: u.recv(512)\n"
                + "  except OSError: pass\n"
                + "  u.close()\n";
        Process traffic = Lab.startInScanner(Procs.python(), "-c", client);
        ScanRun run;
        try {
            run = ScanRun.lab(dir, TIMEOUT, "198.18.0.2", "-p", "1-20000");
        } finally {
            Procs.stop(traffic);
        }
        System.out.printf("[issue 7] scan of 198.18.0.2 1-20000 while the scanner host makes its own connections"
                + " and DNS queries to it: %s%n", run.summary());
        SortedSet<Integer> ports = new TreeSet<>();
        for (int p = 1; p <= 20000; p++) {
            ports.add(p);
        }
        run.assertCompleted().assertTruth(Truth.load(), Lab.TARGET_V4, Protocol.TCP, ports);
        assertTrue(run.summary().invalid() > 0, "the other programs' replies never reached the capture: "
                + run.summary());
    }
}
