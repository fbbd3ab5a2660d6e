package org.synscan.plan;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.synscan.net.SendPath;
import org.synscan.target.AddressSet;
import org.synscan.target.PortList;
import org.synscan.target.ProbeOrder;
import org.synscan.target.ScanSpace;
import org.synscan.target.Shard;

/**
 * Everything the user asked for, parsed and validated: what the engine needs to run one scan.
 *
 * @param targets    the addresses (all IPv4, or all IPv6 with -6)
 * @param ports      (protocol, port) pairs, TCP then UDP
 * @param seed       key of the probe order (--seed, else random)
 * @param seedGiven  true when the user chose the seed
 * @param shard      which slice of the order this run sends (--shard, else 1/1)
 * @param timing     rate, retries and timeouts (-T with overrides)
 * @param network    interface, source address/port/MAC, router MAC, TTL
 * @param outputs    -oN/-oX/-oG/-oJ files (-oA expanded), in command-line order
 * @param display    verbosity and what to show
 * @param resumeFile --resume FILE
 */
public record ScanPlan(AddressSet targets, PortList ports, long seed, boolean seedGiven, Shard shard, Timing timing,
        Network network, List<OutputSpec> outputs, Display display, Optional<Path> resumeFile) {

    public ScanPlan {
        outputs = List.copyOf(outputs);
    }

    public boolean ipv6() {
        return targets.isIpv6();
    }

    /** The (address, port) space; its size is hosts × ports. */
    public ScanSpace space() {
        return new ScanSpace(targets, ports);
    }

    /** A fresh iterator over this run's probes, in scan order. */
    public ProbeOrder newOrder() {
        return new ProbeOrder(space(), seed, shard);
    }

    /**
     * Overrides for how probes leave this machine; empty means "work it out" (routes, neighbours).
     *
     * @param interfaceName -e
     * @param sourceAddress -S (same family as the targets)
     * @param sourcePort    -g / --source-port (1-65535); empty = the engine picks
     * @param ttl           --ttl (1-255)
     * @param sourceMac     --source-mac
     * @param routerMac     --router-mac (next hop for every probe)
     */
    public record Network(Optional<String> interfaceName, Optional<InetAddress> sourceAddress, OptionalInt sourcePort,
            int ttl, Optional<MacAddress> sourceMac, Optional<MacAddress> routerMac, SendPath sendPath) {
        /** TTL / hop limit when --ttl is not given. */
        public static final int DEFAULT_TTL = 64;
    }

    /**
     * @param verbosity number of -v
     * @param openOnly  --open: show only open (and open|filtered) ports
     * @param reason    --reason: show why each port got its state
     * @param noDns     -n: never reverse-resolve addresses
     * @param debug     --debug: stack traces and internals
     * @param statsEvery --stats-every: how often a plain progress line is printed when standard error
     *                  is not a terminal; empty = nmap's default (every 10 s with -v, else never)
     */
    public record Display(int verbosity, boolean openOnly, boolean reason, boolean noDns, boolean debug,
            Optional<Duration> statsEvery) {
        public Display(int verbosity, boolean openOnly, boolean reason, boolean noDns, boolean debug) {
            this(verbosity, openOnly, reason, noDns, debug, Optional.empty());
        }
    }
}
