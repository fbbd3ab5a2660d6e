package org.synscan.net;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.synscan.ScanFailure;

/**
 * The kernel's routing tables as /proc shows them: /proc/net/route (IPv4 main table) and
 * /proc/net/ipv6_route (every IPv6 table, including the local routes of our own addresses).
 */
final class Routes {
    private static final int RTF_UP = 0x1;
    private static final int RTF_GATEWAY = 0x2;
    private static final int RTF_REJECT = 0x200;
    private static final int RTF_LOCAL = 0x8000_0000;

    private final List<Route> routes;

    public Routes(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    public static Routes system() {
        return read(Path.of("/proc/net/route"), Path.of("/proc/net/ipv6_route"));
    }

    public static Routes read(Path ipv4Table, Path ipv6Table) {
        List<Route> all = new ArrayList<>(parseIpv4(Interfaces.readOrEmpty(ipv4Table)));
        all.addAll(parseIpv6(Interfaces.readOrEmpty(ipv6Table)));
        return new Routes(all);
    }

    /** Parses /proc/net/route: addresses are the kernel's big-endian words printed in host order. */
    static List<Route> parseIpv4(List<String> lines) {
        List<Route> out = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 8 || f[0].equals("Iface")) {
                continue;
            }
            int flags = Integer.parseInt(f[3], 16);
            if ((flags & RTF_UP) == 0 || (flags & RTF_REJECT) != 0) {
                continue;
            }
            IpAddr dest = IpAddr.v4(hostOrderWord(f[1]));
            long mask = hostOrderWord(f[7]);
            IpAddr gw = (flags & RTF_GATEWAY) != 0 ? IpAddr.v4(hostOrderWord(f[2])) : null;
            out.add(new Route(dest, Long.bitCount(mask), gw, f[0], Long.parseLong(f[6]), false));
        }
        return out;
    }

    /** Parses /proc/net/ipv6_route: dest, plen, src, src plen, next hop, metric, refcnt, use, flags, dev. */
    static List<Route> parseIpv6(List<String> lines) {
        List<Route> out = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 10 || f[0].length() != 32) {
                continue;
            }
            long flags = Long.parseLong(f[8], 16);
            if ((flags & RTF_UP) == 0 || (flags & RTF_REJECT) != 0) {
                continue;
            }
            IpAddr gw = (flags & RTF_GATEWAY) != 0 ? hex128(f[4]) : null;
            out.add(new Route(hex128(f[0]), Integer.parseInt(f[1], 16), gw, f[9],
                    Long.parseLong(f[5], 16), (flags & (RTF_LOCAL & 0xffff_ffffL)) != 0));
        }
        return out;
    }

    public List<Route> all() {
        return routes;
    }

    /** The best route to {@code target}: longest prefix, then lowest metric; iface null means any. */
    public Optional<Route> lookup(IpAddr target, String iface) {
        Route best = null;
        for (Route r : routes) {
            if (!r.matches(target) || (iface != null && !r.iface().equals(iface))) {
                continue;
            }
            if (best == null || r.prefixLength() > best.prefixLength()
                    || (r.prefixLength() == best.prefixLength() && r.metric() < best.metric())) {
                best = r;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Like {@link #lookup} but a missing route is a one-line ScanFailure. */
    public Route require(IpAddr target, String iface) {
        return lookup(target, iface).orElseThrow(() -> new ScanFailure("no route to " + target
                + (iface == null ? "" : " via " + iface)
                + " (check `ip " + (target.v6() ? "-6 " : "") + "route`; use -e to choose an interface)"));
    }

    private static long hostOrderWord(String hex) {
        int v = (int) Long.parseLong(hex, 16);
        if (ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN) {
            v = Integer.reverseBytes(v);
        }
        return v & 0xffff_ffffL;
    }

    private static IpAddr hex128(String hex) {
        return IpAddr.v6(Long.parseUnsignedLong(hex.substring(0, 16), 16), Long.parseUnsignedLong(hex.substring(16), 16));
    }
}
