package org.synscan.local;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.synscan.net.IpAddr;
import org.synscan.result.PortResult;
import org.synscan.result.Protocol;
import org.synscan.target.PortList;

/**
 * {@code synscan local --exposure}: probes every listening socket at the address it is bound to and
 * reports what a client on this machine meets there: open (reachable), closed (refused), filtered
 * (dropped or rejected by the local firewall), or for UDP open|filtered (a bound socket that does not
 * answer and one behind a DROP rule look the same).
 *
 * <p>These are this machine's own addresses, so every probe must stay on the loopback interface: an
 * address is probed only when the kernel's route to it is of type local ({@link RouteCheck}) and
 * synscan's own next-hop planning agrees ({@link Prober.NotLocal}); anything else is reported as not
 * probed, with the reason, and nothing is sent to it.
 */
final class ExposureCheck {
    private static final IpAddr LOOPBACK_V4 = IpAddr.v4(0x7f00_0001L);
    private static final IpAddr LOOPBACK_V6 = IpAddr.v6(0, 1);

    private final RouteCheck routes;
    private final Prober prober;
    private final PrintWriter err;

    ExposureCheck(RouteCheck routes, Prober prober, PrintWriter err) {
        this.routes = routes;
        this.prober = prober;
        this.err = err;
    }

    /** Where a socket is probed: its own address; 127.0.0.1 or ::1 for a wildcard; IPv4 for a mapped one. */
    static IpAddr probeTarget(ListeningSocket s) {
        IpAddr a = s.address();
        if (s.v4Mapped()) {
            a = IpAddr.v4(a.lo());
        }
        if (a.hi() == 0 && a.lo() == 0) {
            return a.v6() ? LOOPBACK_V6 : LOOPBACK_V4;
        }
        return a;
    }

    /** One exposure per entry, in the entries' order. */
    List<Exposure> check(List<LocalEntry> entries) throws InterruptedException {
        Map<IpAddr, List<ListeningSocket>> byTarget = new LinkedHashMap<>();
        for (LocalEntry e : entries) {
            byTarget.computeIfAbsent(probeTarget(e.socket()), k -> new ArrayList<>()).add(e.socket());
        }
        Map<ListeningSocket, Exposure> found = new HashMap<>();
        boolean warned = false;
        for (Map.Entry<IpAddr, List<ListeningSocket>> group : byTarget.entrySet()) {
            IpAddr target = group.getKey();
            RouteCheck.Answer route = routes.route(target);
            if (!route.known() && !warned) {
                err.println("synscan: cannot ask the kernel for routes (" + route.detail()
                        + "); relying on synscan's own route view to keep the probes on the loopback interface");
                warned = true;
            }
            if (route.known() && !route.local()) {
                String why = "the route to " + target + " is not local (" + route.detail() + ")";
                group.getValue().forEach(s -> found.put(s, Exposure.skipped(target, why)));
                continue;
            }
            probe(target, group.getValue(), found);
        }
        List<Exposure> out = new ArrayList<>(entries.size());
        for (LocalEntry e : entries) {
            out.add(found.get(e.socket()));
        }
        return out;
    }

    private static int[] portsOf(List<ListeningSocket> sockets, Protocol p) {
        return sockets.stream().filter(s -> s.protocol() == p).mapToInt(ListeningSocket::port).toArray();
    }

    private void probe(IpAddr target, List<ListeningSocket> sockets, Map<ListeningSocket, Exposure> found)
            throws InterruptedException {
        PortList ports = PortList.of(Protocol.TCP, portsOf(sockets, Protocol.TCP))
                .union(PortList.of(Protocol.UDP, portsOf(sockets, Protocol.UDP)));
        List<PortResult> results;
        try {
            results = prober.probe(target, ports);
        } catch (Prober.NotLocal e) {
            sockets.forEach(s -> found.put(s, Exposure.skipped(target, e.getMessage())));
            return;
        }
        Map<Integer, PortResult> byPort = new HashMap<>();
        for (PortResult r : results) {
            byPort.put(r.protocol().ordinal() << 16 | r.port(), r);
        }
        for (ListeningSocket s : sockets) {
            PortResult r = byPort.get(s.protocol().ordinal() << 16 | s.port());
            found.put(s, r == null ? Exposure.skipped(target, "the scan ended before a verdict")
                    : Exposure.probed(target, r.state(), r.reason()));
        }
    }
}
