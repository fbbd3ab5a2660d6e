package org.synscan.local;

import java.io.InputStream;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.List;
import org.synscan.ScanFailure;
import org.synscan.engine.EngineConfig;
import org.synscan.engine.OrderSupply;
import org.synscan.engine.Scan;
import org.synscan.engine.Wire;
import org.synscan.net.Interfaces;
import org.synscan.net.IpAddr;
import org.synscan.net.LibpcapCheck;
import org.synscan.net.LinkOverrides;
import org.synscan.net.LinkPlanner;
import org.synscan.net.NextHop;
import org.synscan.net.Privileges;
import org.synscan.plan.ScanPlan;
import org.synscan.net.SendPath;
import org.synscan.plan.Timing;
import org.synscan.result.HostResult;
import org.synscan.result.PortResult;
import org.synscan.result.Protocol;
import org.synscan.result.ScanResults;
import org.synscan.target.AddressSet;
import org.synscan.target.PortList;
import org.synscan.target.ProbeOrder;
import org.synscan.target.ScanSpace;
import org.synscan.target.Shard;
import org.synscan.target.TargetParser;

/**
 * Probes one of this machine's addresses with the scanner's own engine, as cli.EngineRunner does
 * (LinkPlanner, then Wire, then Scan), after making sure the planned next hop is the loopback interface.
 */
final class EngineProber implements Prober {
    /** -T4: loopback answers in microseconds, so only silent ports cost time, and little of it. */
    private static final Timing TIMING = Timing.template(4);

    @Override
    public void requireReady() {
        Privileges.current().require();
        LibpcapCheck.version();
    }

    @Override
    public List<PortResult> probe(IpAddr target, PortList ports) throws NotLocal, InterruptedException {
        NextHop hop = loopbackHop(target);
        Timing t = TIMING;
        EngineConfig config = new EngineConfig(t.rate(), t.minRate(), t.maxRetries(), t.initialRtt(), t.minRtt(),
                t.maxRtt(), EngineConfig.defaultOutstanding(t.rate()));
        ProbeOrder order = new ProbeOrder(new ScanSpace(addressSet(target), ports), new SecureRandom().nextLong(),
                Shard.ALL);
        ScanResults results = new ScanResults(target.v6());
        try (Wire wire = Wire.open(hop, ports.has(Protocol.TCP), ports.has(Protocol.UDP), -1,
                ScanPlan.Network.DEFAULT_TTL, t.maxRetries(), t.rate(), SendPath.AUTO)) {
            new Scan(config, new OrderSupply(order), wire.channel(), wire.answers(), results).run();
        }
        List<HostResult> hosts = results.hosts();
        return hosts.isEmpty() ? List.of() : hosts.get(0).ports();
    }

    /**
     * The planner's next hop, which must be the loopback interface: anything else is refused. The
     * address must be 127/8, ::1 or one of our interfaces' own before the planner is asked at all,
     * since for any other address it may resolve a neighbour, and that means frames on a real link.
     */
    private static NextHop loopbackHop(IpAddr target) throws NotLocal {
        Interfaces interfaces = Interfaces.system();
        if (!target.isLoopback() && interfaces.owner(target).isEmpty()) {
            throw new NotLocal(target + " is not an address of this machine's interfaces");
        }
        NextHop hop;
        try {
            hop = LinkPlanner.resolve(target.hi(), target.lo(), target.v6(), LinkOverrides.NONE);
        } catch (ScanFailure e) {
            throw new NotLocal(target + " is not reached through the loopback interface: " + e.getMessage());
        }
        String iface = hop.iface();
        boolean loopbackDevice = interfaces.list().stream().anyMatch(ni -> ni.name().equals(iface) && ni.loopback());
        if (!hop.loopback() || !loopbackDevice) {
            throw new NotLocal(target + " would be sent on " + hop.iface() + ", not the loopback interface");
        }
        return hop;
    }

    private static AddressSet addressSet(IpAddr target) {
        InputStream none = InputStream.nullInputStream();
        return new TargetParser(target.v6(), host -> {
            throw new UnknownHostException(host);
        }, none).parse(List.of(target.toString()), null, null, null);
    }
}
