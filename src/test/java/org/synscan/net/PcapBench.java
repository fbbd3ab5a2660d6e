package org.synscan.net;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.synscan.net.pcap.CaptureStats;

/**
 * Not a test: measures PcapHandle.inject (through PcapFrameSink) and next (through
 * PcapFrameSource, the receiver's settings) on a veth pair. Run as root:
 * <pre>
 *   java -cp target/test-classes:target/classes:$JNA_JAR org.synscan.net.PcapBench
 * </pre>
 * It makes the namespace ssnet-bench holding both ends (ssnet-bva, ssnet-bvb), with no
 * addresses and no routes, sends only frames of the local experimental ethertype 0x88b5
 * between them, re-runs itself inside the namespace, and deletes the namespace afterwards.
 */
public final class PcapBench {
    private static final String NS = "ssnet-bench";
    private static final String TX = "ssnet-bva";
    private static final String RX = "ssnet-bvb";
    private static final int FRAME = 64;

    private PcapBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--inside")) {
            inside();
            return;
        }
        try {
            NetLab.sh("ip", "netns", "add", NS);
            NetLab.sh("ip", "-n", NS, "link", "add", TX, "type", "veth", "peer", "name", RX);
            NetLab.sh("ip", "-n", NS, "link", "set", TX, "up");
            NetLab.sh("ip", "-n", NS, "link", "set", RX, "up");
            List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", NS,
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-cp", System.getProperty("java.class.path"), PcapBench.class.getName(), "--inside"));
            Process p = new ProcessBuilder(cmd).inheritIO().start();
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
            }
        } finally {
            NetLab.sh("ip", "netns", "del", NS);
        }
    }

    private static void inside() throws Exception {
        long dst = NetLab.mac(NS, RX);
        long src = NetLab.mac(NS, TX);
        byte[] frame = TestPackets.ethernet(dst, src, 0x88b5, new byte[FRAME - 14]);
        byte[] buf = new byte[2048];
        try (PcapFrameSink sink = PcapFrameSink.open(TX)) {
            send(sink, frame, 50_000);
            int n = 200_000;
            long t0 = System.nanoTime();
            send(sink, frame, n);
            long sendNs = System.nanoTime() - t0;
            System.out.printf("inject, no capture open on the peer: %.0f ns/op (%.0f kpps)%n", (double) sendNs / n,
                    n * 1e6 / sendNs);
        }
        try (PcapFrameSink sink = PcapFrameSink.open(TX);
             PcapFrameSource source = PcapFrameSource.open(RX, "ether proto 0x88b5", 512)) {
            send(sink, frame, 50_000);                     // warm-up, read back below too
            int n = 200_000;
            long t0 = System.nanoTime();
            send(sink, frame, n);
            long sendNs = System.nanoTime() - t0;
            System.out.printf("inject, peer captured: %d frames of %d bytes, %.0f ns/op (%.0f kpps)%n", n, FRAME,
                    (double) sendNs / n, n * 1e6 / sendNs);
            Thread.sleep(300);                              // let the kernel retire the last ring block
            int read = 0;
            long r0 = System.nanoTime();
            long last = r0;
            while (source.next(buf) > 0) {
                read++;
                last = System.nanoTime();
            }
            CaptureStats st = source.stats();
            System.out.printf("next:   %d frames read from the ring, %.0f ns/op; pcap stats %s%n", read,
                    (double) (last - r0) / read, st);
            concurrent(sink, source, frame, 500_000);
        }
    }

    private static void send(FrameSink sink, byte[] frame, int n) throws Exception {
        for (int i = 0; i < n; i++) {
            frame[14] = (byte) i;
            sink.send(frame, frame.length);
        }
    }

    /** Sender and receiver at once, as in a scan: does the reader keep up without drops? */
    private static void concurrent(FrameSink sink, FrameSource source, byte[] frame, int n) throws Exception {
        CaptureStats before = source.stats();
        long[] got = {0};
        Thread reader = new Thread(() -> {
            byte[] b = new byte[2048];
            for (int r; (r = source.next(b)) >= 0; ) {
                if (r > 0) {
                    got[0]++;
                }
            }
        });
        reader.start();
        long t0 = System.nanoTime();
        send(sink, frame, n);
        long ns = System.nanoTime() - t0;
        Thread.sleep(500);
        source.breakLoop();
        reader.join();
        CaptureStats after = source.stats();
        System.out.printf("both:   sent %d at %.0f kpps, read %d, pcap drops %d%n", n, n * 1e6 / ns, got[0],
                after.dropped() - before.dropped());
    }
}
