package org.synscan.net;

import java.util.concurrent.locks.LockSupport;
import org.synscan.ScanFailure;
import org.synscan.net.pcap.PcapHandle;
import org.synscan.net.pcap.SendFailure;

/**
 * Finds the MACs of many on-link hosts before a scan, as nmap's ARP ping does: ARP requests (IPv4)
 * or neighbour solicitations (IPv6) to every target, paced, in up to three rounds for those that
 * have not answered, with the kernel's neighbour cache taken first. A host that never answers is
 * down: on a LAN, a host that does not answer ARP cannot answer a probe either.
 */
public final class NeighbourSweep {
    private static final int ROUNDS = 3;
    private static final int ROUND_WAIT_MS = 300;
    /** Requests per second: ARP is broadcast, so keep it polite. */
    private static final int RATE = 20_000;
    private static final int BATCH = 200;
    /** More than this many on-link hosts and we refuse: ARP-sweeping a /8 is not a port scan. */
    public static final long MAX_HOSTS = 1 << 20;

    private NeighbourSweep() {
    }

    /** The hosts to resolve, by index, and a membership test to ignore other hosts' answers. */
    public interface Targets {
        long count();

        long hiAt(long index);

        long loAt(long index);

        boolean contains(long hi, long lo);
    }

    /** @return the MACs of the targets that answered */
    public static MacTable resolve(NextHop hop, Targets targets) {
        long count = targets.count();
        if (count > MAX_HOSTS) {
            throw new ScanFailure(count + " on-link hosts is more than synscan resolves at once (" + MAX_HOSTS
                    + "): split the range");
        }
        boolean v6 = hop.source().v6();
        MacTable macs = new MacTable((int) count);
        NetInterface iface = Interfaces.system().find(hop.iface());
        IpAddr from = v6 && iface.linkLocalV6() != null ? iface.linkLocalV6() : hop.source();
        byte[] buf = new byte[256];
        long[] answer = new long[3];
        try (PcapHandle h = PcapHandle.openLive(hop.iface(), buf.length, 4 << 20, 5, true)) {
            h.setFilter(v6 ? "icmp6 and ip6[40] == 136" : "arp and arp[6:2] == 2");
            for (int round = 0; round < ROUNDS && macs.size() < count; round++) {
                long sent = 0;
                long start = System.nanoTime();
                for (long i = 0; i < count; i++) {
                    long hi = targets.hiAt(i);
                    long lo = targets.loAt(i);
                    if (macs.get(hi, lo) != Mac.NONE) {
                        continue;
                    }
                    IpAddr target = new IpAddr(hi, lo, v6);
                    byte[] f = v6 ? NeighbourFrames.neighborSolicitation(hop.srcMac(), from, target)
                            : NeighbourFrames.arpRequest(hop.srcMac(), from, target);
                    h.inject(f, f.length);
                    if (++sent % BATCH == 0) {
                        drain(h, buf, answer, macs, targets, v6, iface.mac(), 0);
                        pace(start, sent);
                    }
                }
                drain(h, buf, answer, macs, targets, v6, iface.mac(), ROUND_WAIT_MS);
            }
        } catch (SendFailure e) {
            throw new ScanFailure("cannot send " + (v6 ? "neighbour solicitations" : "ARP requests") + " on "
                    + hop.iface() + ": " + e.getMessage());
        }
        return macs;
    }

    /** Reads answers until {@code waitMs} pass with none (0: only what has already arrived). */
    private static void drain(PcapHandle h, byte[] buf, long[] answer, MacTable macs, Targets targets, boolean v6,
            long ourMac, int waitMs) {
        long deadline = System.nanoTime() + waitMs * 1_000_000L;
        while (true) {
            int n = h.next(buf);
            if (n > 0) {
                boolean ok = v6 ? NeighbourFrames.neighborAdvert(buf, n, answer) : NeighbourFrames.arpReply(buf, n, answer);
                // our own kernel's replies (to the target's own ARP traffic) pass the capture too: a
                // host that answers with our MAC is this machine, never a target on the wire
                if (ok && answer[2] != 0 && answer[2] != Mac.BROADCAST && answer[2] != ourMac
                        && targets.contains(answer[0], answer[1])) {
                    macs.put(answer[0], answer[1], answer[2]);
                }
                continue;
            }
            if (n < 0 || System.nanoTime() >= deadline) {
                return;
            }
        }
    }

    private static void pace(long start, long sent) {
        long due = start + sent * 1_000_000_000L / RATE;
        long wait = due - System.nanoTime();
        if (wait > 0) {
            LockSupport.parkNanos(wait);
        }
    }
}
