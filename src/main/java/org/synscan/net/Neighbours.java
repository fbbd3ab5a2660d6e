package org.synscan.net;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.synscan.ScanFailure;
import org.synscan.net.pcap.PcapHandle;
import org.synscan.net.pcap.SendFailure;

/**
 * Neighbour (next-hop MAC) resolution: the kernel's cache first (/proc/net/arp, `ip -6 neigh`),
 * else our own ARP request or Neighbor Solicitation through pcap, a few bounded tries.
 */
final class Neighbours implements NeighbourResolver {
    static final int TRIES = 3;
    static final int WAIT_MS = 300;
    private static final int ATF_COM = 0x2;

    private final Path arpTable;
    private final Supplier<List<String>> ipv6Neighbours;

    Neighbours(Path arpTable, Supplier<List<String>> ipv6Neighbours) {
        this.arpTable = arpTable;
        this.ipv6Neighbours = ipv6Neighbours;
    }

    public static Neighbours system() {
        return new Neighbours(Path.of("/proc/net/arp"), Neighbours::ipNeighShow);
    }

    @Override
    public long resolve(NetInterface iface, IpAddr source, IpAddr target) {
        long cached = kernelCache(iface.name(), target);
        return cached != Mac.NONE ? cached : solicit(iface, source, target, TRIES, WAIT_MS);
    }

    /** The kernel's complete entry for {@code target} on {@code iface}, or {@link Mac#NONE}. */
    public long kernelCache(String iface, IpAddr target) {
        return target.v6() ? parseIpNeigh(ipv6Neighbours.get(), iface, target)
                : parseArpTable(Interfaces.readOrEmpty(arpTable), iface, target);
    }

    /** Finds {@code target} in /proc/net/arp lines: IP, HW type, flags, HW address, mask, device. */
    static long parseArpTable(List<String> lines, String iface, IpAddr target) {
        String want = target.toString();
        for (String line : lines) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 6 || !f[0].equals(want) || !f[5].equals(iface)) {
                continue;
            }
            long mac = Mac.parse(f[3]);
            if ((Integer.decode(f[2]) & ATF_COM) != 0 && mac != 0) {
                return mac;
            }
        }
        return Mac.NONE;
    }

    /** Finds {@code target} in `ip -6 neigh show` lines: "ADDR dev IF lladdr MAC [router] STATE". */
    static long parseIpNeigh(List<String> lines, String iface, IpAddr target) {
        for (String line : lines) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 3 || !sameAddress(f[0], target)) {
                continue;
            }
            String dev = null;
            long mac = Mac.NONE;
            String state = f[f.length - 1];
            for (int i = 1; i + 1 < f.length; i++) {
                if (f[i].equals("dev")) {
                    dev = f[i + 1];
                } else if (f[i].equals("lladdr")) {
                    mac = Mac.parse(f[i + 1]);
                }
            }
            boolean usable = !state.equals("FAILED") && !state.equals("INCOMPLETE");
            if (iface.equals(dev) && mac != Mac.NONE && usable) {
                return mac;
            }
        }
        return Mac.NONE;
    }

    private static boolean sameAddress(String text, IpAddr target) {
        try {
            return IpAddr.parse(text).equals(target);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static List<String> ipNeighShow() {
        try {
            Process p = ChildCapabilities.start(new ProcessBuilder("ip", "-6", "neigh", "show").redirectErrorStream(true));
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(2, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return List.of();
            }
            return new String(out, StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            return List.of();    // no iproute2: fall back to our own solicitation
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    /**
     * Asks {@code target} for its MAC on {@code iface} ourselves: ARP for IPv4, a Neighbor
     * Solicitation to the solicited-node group for IPv6 (from our link-local address when we
     * have one, which the target can always answer). Up to {@code tries} × {@code waitMs}.
     */
    public static long solicit(NetInterface iface, IpAddr source, IpAddr target, int tries, int waitMs) {
        boolean v6 = target.v6();
        IpAddr from = v6 && iface.linkLocalV6() != null ? iface.linkLocalV6() : source;
        byte[] request = v6 ? NeighbourFrames.neighborSolicitation(iface.mac(), from, target)
                : NeighbourFrames.arpRequest(iface.mac(), from, target);
        byte[] buf = new byte[256];
        try (PcapHandle h = PcapHandle.openLive(iface.name(), buf.length, 1 << 20, 20, true)) {
            h.setFilter(v6 ? "icmp6 and ip6[40] == 136" : "arp and arp[6:2] == 2");
            for (int i = 0; i < tries; i++) {
                h.inject(request, request.length);
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMs);
                while (System.nanoTime() < deadline) {
                    int n = h.next(buf);
                    long mac = n <= 0 ? Mac.NONE : v6 ? NeighbourFrames.neighborAdvertFor(buf, n, target)
                            : NeighbourFrames.arpReplyFrom(buf, n, target);
                    if (mac != Mac.NONE) {
                        return mac;
                    }
                }
            }
        } catch (SendFailure e) {
            throw new ScanFailure("cannot ask for " + target + "'s MAC: " + e.getMessage());
        }
        throw new ScanFailure(target + " did not answer " + (v6 ? "neighbour solicitation" : "ARP") + " on "
                + iface.name() + " (is it up?)");
    }
}
