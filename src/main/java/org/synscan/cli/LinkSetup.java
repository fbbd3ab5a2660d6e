package org.synscan.cli;

import java.util.Locale;
import org.synscan.net.IpAddr;
import org.synscan.net.LinkOverrides;
import org.synscan.net.LinkPlanner;
import org.synscan.net.Mac;
import org.synscan.net.MacTable;
import org.synscan.net.NeighbourSweep;
import org.synscan.net.NextHop;
import org.synscan.net.pcap.PcapHandle;
import org.synscan.plan.MacAddress;
import org.synscan.plan.ScanPlan;
import org.synscan.target.AddressSet;

/** How a plan's probes leave this machine: the next hop, and the MACs of several on-link targets. */
final class LinkSetup {
    private LinkSetup() {
    }

    static NextHop nextHop(ScanPlan plan) {
        AddressSet targets = plan.targets();
        ScanPlan.Network n = plan.network();
        LinkOverrides overrides = new LinkOverrides(n.interfaceName().orElse(null),
                n.sourceAddress().map(IpAddr::of).orElse(null), n.sourceMac().map(MacAddress::bits).orElse(Mac.NONE),
                n.routerMac().map(MacAddress::bits).orElse(Mac.NONE));
        long hi = targets.highAt(0);
        long lo = targets.lowAt(0);
        if (targets.size() > 1 && overrides.routerMac() == Mac.NONE) {
            // several targets: learn the route first without asking the first target for its MAC (it
            // may be down); on-link hosts are then resolved all together by the sweep
            NextHop probe = LinkPlanner.resolve(hi, lo, plan.ipv6(), new LinkOverrides(overrides.iface(),
                    overrides.source(), overrides.sourceMac(), Mac.ZERO));
            if (probe.gateway() == null || probe.loopback()) {
                return probe;
            }
        }
        return LinkPlanner.resolve(hi, lo, plan.ipv6(), overrides);
    }

    /** Several hosts on the link itself (no router in between, none given): each needs its own MAC. */
    static boolean needsMacs(ScanPlan plan, NextHop hop) {
        return plan.targets().size() > 1 && hop.gateway() == null && !hop.loopback()
                && plan.network().routerMac().isEmpty() && hop.linkType() == PcapHandle.DLT_EN10MB;
    }

    static MacTable sweep(NextHop hop, AddressSet targets) {
        return NeighbourSweep.resolve(hop, new NeighbourSweep.Targets() {
            @Override
            public long count() {
                return targets.size();
            }

            @Override
            public long hiAt(long index) {
                return targets.highAt(index);
            }

            @Override
            public long loAt(long index) {
                return targets.lowAt(index);
            }

            @Override
            public boolean contains(long hi, long lo) {
                return targets.contains(hi, lo);
            }
        });
    }

    /** The MAC of the one target when it is on-link (the frames go to it): nmap reports it. */
    static String targetMac(ScanPlan plan, NextHop hop) {
        if (plan.targets().size() != 1 || hop.gateway() != null || hop.loopback() || hop.dstMac() == Mac.NONE
                || hop.dstMac() == Mac.ZERO) {
            return null;
        }
        return Mac.format(hop.dstMac()).toUpperCase(Locale.ROOT);
    }
}
