package org.synscan.net;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.synscan.ScanFailure;
import org.synscan.net.pcap.PcapHandle;

/**
 * The code under test, run in a child JVM inside a lab namespace (`ip netns exec ssnet-a java …`)
 * so that /proc/net, /sys/class/net and every socket belong to that namespace. Prints
 * key=value lines for NetLabIT to check; a ScanFailure prints "error=…" and exits 1.
 */
public final class NetChild {
    private static final HexFormat HEX = HexFormat.of();

    private NetChild() {
    }

    public static void main(String[] args) throws Exception {
        try {
            run(args);
        } catch (ScanFailure e) {
            System.out.println("error=" + e.getMessage());
            System.exit(1);
        }
    }

    private static void run(String[] a) throws Exception {
        switch (a[0]) {
            case "capture" -> capture(a[1], a[2], Integer.parseInt(a[3]));
            case "inject" -> {
                try (PcapFrameSink sink = PcapFrameSink.open(a[1])) {
                    byte[] f = HEX.parseHex(a[2]);
                    sink.send(f, f.length);
                }
                System.out.println("sent=1");
            }
            case "solicit" -> {
                NetInterface ni = Interfaces.system().find(a[1]);
                IpAddr target = IpAddr.parse(a[2]);
                System.out.println("cache=" + fmt(Neighbours.system().kernelCache(a[1], target)));
                long mac = Neighbours.solicit(ni, ni.sourceFor(target), target, Neighbours.TRIES, Neighbours.WAIT_MS);
                System.out.println("mac=" + Mac.format(mac));
            }
            case "plan" -> {
                IpAddr target = IpAddr.parse(a[1]);
                LinkOverrides o = a.length > 2 ? new LinkOverrides(a[2], null, Mac.NONE, Mac.NONE) : LinkOverrides.NONE;
                NextHop h = LinkPlanner.resolve(target.hi(), target.lo(), target.v6(), o);
                System.out.println("iface=" + h.iface() + "\nindex=" + h.ifIndex() + "\ndlt=" + h.linkType()
                        + "\nsrcMac=" + Mac.format(h.srcMac()) + "\ndstMac=" + Mac.format(h.dstMac())
                        + "\nsource=" + h.source() + "\ngateway=" + h.gateway() + "\nloopback=" + h.loopback()
                        + "\nraw=" + h.rawIpv4Loopback() + "\nfilter=" + BpfFilters.replies(h));
            }
            case "syn" -> syn(IpAddr.parse(a[1]), Integer.parseInt(a[2]));
            case "breakloop" -> breakLoop(a[1]);
            default -> throw new IllegalArgumentException(a[0]);
        }
    }

    private static String fmt(long mac) {
        return mac == Mac.NONE ? "none" : Mac.format(mac);
    }

    private static void capture(String iface, String bpf, int timeoutMs) {
        byte[] buf = new byte[2048];
        try (PcapHandle h = PcapHandle.openLive(iface, buf.length, 1 << 20, 50, true)) {
            h.setFilter(bpf);
            System.out.println("ready=1");
            System.out.flush();
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
            while (System.nanoTime() < deadline) {
                int n = h.next(buf);
                if (n > 0) {
                    System.out.println("frame=" + HEX.formatHex(buf, 0, n));
                    return;
                }
            }
        }
        System.out.println("frame=none");
    }

    /**
     * Plans the route to {@code target} (one of this namespace's own addresses), listens on it,
     * sends one SYN the way the plan says (raw IPv4 socket, or a frame injected on lo for
     * IPv6) and reports whether the SYN-ACK was captured on the plan's interface.
     */
    private static void syn(IpAddr target, int port) throws Exception {
        NextHop hop = LinkPlanner.resolve(target.hi(), target.lo(), target.v6(), LinkOverrides.NONE);
        System.out.println("iface=" + hop.iface() + "\nraw=" + hop.rawIpv4Loopback());
        int sport = 40_000 + port % 1000;
        byte[] packet = target.v6() ? TestPackets.ipv6Syn(hop.source(), target, sport, port, 0x5ca00001)
                : TestPackets.ipv4Syn(hop.source(), target, sport, port, 0x5ca00001);
        // BPF's tcp[] indexing is IPv4-only: for IPv6 the flags byte is ip6[40 + 13]
        String flags = target.v6() ? "ip6[53]" : "tcp[13]";
        String bpf = "tcp and src port " + port + " and dst port " + sport + " and " + flags + " & 0x12 == 0x12";
        byte[] buf = new byte[2048];
        try (ServerSocket listener = new ServerSocket();
             PcapFrameSource source = PcapFrameSource.open(hop.iface(), bpf, 512);
             FrameSink sink = hop.rawIpv4Loopback() ? RawIpv4Sink.open() : PcapFrameSink.open(hop.iface())) {
            listener.bind(new InetSocketAddress(target.toInetAddress(), port));
            if (hop.rawIpv4Loopback()) {
                sink.send(packet, packet.length);
            } else {
                byte[] frame = TestPackets.ethernet(hop.dstMac(), hop.srcMac(), 0x86dd, packet);
                sink.send(frame, frame.length);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (System.nanoTime() < deadline) {
                if (source.next(buf) > 0) {
                    System.out.println("synack=1");
                    System.out.println("received=" + source.stats().received());
                    return;
                }
            }
        }
        System.out.println("synack=0");
    }

    /** A reader blocked in next() with a 5 s read timeout must return -1 soon after breakLoop. */
    private static void breakLoop(String iface) throws Exception {
        byte[] buf = new byte[256];
        try (PcapHandle h = PcapHandle.openLive(iface, 256, 1 << 20, 5000, false)) {
            h.setFilter("ether proto 0x88b6");
            int[] result = {99};
            long[] returnedAt = {0};
            Thread reader = new Thread(() -> {
                result[0] = h.next(buf);
                returnedAt[0] = System.nanoTime();
            });
            reader.start();
            Thread.sleep(300);
            System.out.println("blocked=" + reader.isAlive());
            long broke = System.nanoTime();
            h.breakLoop();
            reader.join(3000);
            System.out.println("result=" + result[0]);
            System.out.println("ms=" + TimeUnit.NANOSECONDS.toMillis(returnedAt[0] - broke));
            System.out.println("after=" + h.next(buf));
        }
    }
}
