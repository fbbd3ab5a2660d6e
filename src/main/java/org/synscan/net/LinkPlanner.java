package org.synscan.net;

import org.synscan.ScanFailure;
import org.synscan.UsageException;
import org.synscan.net.pcap.PcapHandle;

/**
 * Decides how probes for a target leave this machine: interface, addresses, MACs. The engine's
 * one entry point is {@link #resolve}; the constructor takes the OS views so tests can fake them.
 */
public final class LinkPlanner {
    private final Interfaces interfaces;
    private final Routes routes;
    private final NeighbourResolver neighbours;

    LinkPlanner(Interfaces interfaces, Routes routes, NeighbourResolver neighbours) {
        this.interfaces = interfaces;
        this.routes = routes;
        this.neighbours = neighbours;
    }

    /**
     * Reads the interfaces, routes and neighbours once and drops them: a warm-up. The first reading
     * sets up the JDK's interface code and runs cold code (some 20 ms); {@link #resolve} reads them
     * afresh, in 1-2 ms after this.
     */
    public static void readSystemTables() {
        Interfaces.system();
        Routes.system();
        Neighbours.system();
    }

    /** Plans with this machine's interfaces, routes and neighbours (may send ARP/NS). */
    public static NextHop resolve(long hi, long lo, boolean ipv6, LinkOverrides overrides) {
        return new LinkPlanner(Interfaces.system(), Routes.system(), Neighbours.system())
                .plan(new IpAddr(ipv6 ? hi : 0, lo, ipv6), overrides);
    }

    NextHop plan(IpAddr target, LinkOverrides o) {
        if (o.source() != null && o.source().v6() != target.v6()) {
            throw new UsageException("-S " + o.source() + " is " + family(o.source()) + " but the target "
                    + target + " is " + family(target));
        }
        if (isLocal(target)) {
            return planLocal(target, o);
        }
        if (o.iface() != null) {
            // what is wrong with the chosen interface itself (absent, down, no address) says more than
            // "no route via it", which is all the route table can tell
            NetInterface chosen = interfaces.find(o.iface()).requireUp();
            if (o.source() == null && !chosen.loopback()) {
                chosen.sourceFor(target);
            }
        }
        Route route = routes.lookup(target, o.iface()).orElse(null);
        if (route == null && (o.iface() == null || o.routerMac() == Mac.NONE)) {
            routes.require(target, o.iface());
        }
        NetInterface ni = interfaces.find(o.iface() != null ? o.iface() : route.iface()).requireUp();
        if (ni.loopback()) {
            return planLocal(target, o);
        }
        IpAddr source = o.source() != null ? o.source() : ni.sourceFor(target);
        IpAddr gateway = route == null ? null : route.gateway();
        long dstMac = o.routerMac();
        if (dstMac == Mac.NONE) {
            dstMac = ni.arpType() == NetInterface.ARPHRD_NONE ? 0
                    : neighbours.resolve(ni, source, gateway != null ? gateway : target);
        }
        long srcMac = o.sourceMac() != Mac.NONE ? o.sourceMac() : ni.mac();
        return new NextHop(ni.name(), ni.index(), linkType(ni), ni.mtu(), srcMac, dstMac, source, gateway,
                false, false);
    }

    private NextHop planLocal(IpAddr target, LinkOverrides o) {
        NetInterface lo = interfaces.loopback().requireUp();
        if (o.iface() != null && !o.iface().equals(lo.name())) {
            throw new UsageException(target + " is this machine: it is reached through " + lo.name()
                    + ", not " + o.iface() + " (drop -e)");
        }
        IpAddr source = o.source();
        if (source == null) {
            source = target.isLoopback() ? lo.sourceFor(target) : target;
        }
        long srcMac = o.sourceMac() != Mac.NONE ? o.sourceMac() : 0;
        long dstMac = o.routerMac() != Mac.NONE ? o.routerMac() : 0;
        return new NextHop(lo.name(), lo.index(), PcapHandle.DLT_EN10MB, lo.mtu(), srcMac, dstMac, source, null,
                true, !target.v6());
    }

    /** 127/8, ::1, one of our addresses, or (IPv6) a destination of a local route. */
    boolean isLocal(IpAddr target) {
        if (target.isLoopback() || interfaces.owner(target).isPresent()) {
            return true;
        }
        return target.v6() && routes.lookup(target, null).map(Route::local).orElse(false);
    }

    private static int linkType(NetInterface ni) {
        switch (ni.arpType()) {
            case NetInterface.ARPHRD_ETHER:
            case NetInterface.ARPHRD_LOOPBACK:
                return PcapHandle.DLT_EN10MB;
            case NetInterface.ARPHRD_NONE:
                return PcapHandle.DLT_RAW;
            default:
                throw new ScanFailure(ni.name() + " has link type " + ni.arpType()
                        + ", which synscan cannot send on (use -e to choose an Ethernet interface)");
        }
    }

    private static String family(IpAddr a) {
        return a.v6() ? "IPv6" : "IPv4";
    }
}
