package org.synscan.output;

import java.io.PrintWriter;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Set;
import org.synscan.result.Addresses;
import org.synscan.result.HostResult;
import org.synscan.result.PortResult;
import org.synscan.result.PortState;

/**
 * nmap's grepable output (-oG), line for line as nmap 7.9x writes it so that scripts written for
 * nmap's .gnmap keep working: a "Status: Up" line and a "Ports:" line per host, each port as
 * {@code port/state/protocol//service///}, and the folded state as "Ignored State" when there is
 * exactly one (the format has room for one only). Header and footer comments name synscan.
 */
public final class GrepableReport implements Report {
    private final PrintWriter out;
    private final ServiceNames services;
    private final StateFolding folding;

    public GrepableReport(PrintWriter out, ServiceNames services, StateFolding folding) {
        this.out = out;
        this.services = services;
        this.folding = folding;
    }

    @Override
    public void begin(ScanInfo info) {
        out.printf("# synscan %s scan initiated %s as: %s%n", info.version(), NmapTime.ctime(info.started()),
                info.commandLine());
        if (info.verbosity() > 0) {
            // nmap prints this line only with -v
            out.printf("# Ports scanned: TCP(%d;%s) UDP(%d;%s) SCTP(0;) PROTOCOLS(0;)%n", info.tcpCount(),
                    nullToEmpty(info.tcpServices()), info.udpCount(), nullToEmpty(info.udpServices()));
        }
    }

    @Override
    public void host(HostResult host) {
        if (folding.hidesHost(host)) {
            return;
        }
        String address = Addresses.format(host.ipv6(), host.hi(), host.lo());
        out.printf("Host: %s ()\tStatus: Up%n", address);
        Set<PortState> folded = folding.folded(host);
        StringBuilder line = new StringBuilder("Host: ").append(address).append(" ()\tPorts: ");
        boolean first = true;
        for (PortResult p : host.ports()) {
            if (folded.contains(p.state())) {
                continue;
            }
            if (!first) {
                line.append(", ");
            }
            first = false;
            String name = services.lookup(p.protocol(), p.port());
            line.append(p.port()).append('/').append(p.state().label()).append('/').append(p.protocol().label())
                    .append("//").append(name == null ? "" : name.replace('/', '|')).append("///");
        }
        if (folded.size() == 1) {
            PortState s = folded.iterator().next();
            line.append("\tIgnored State: ").append(s.label()).append(" (").append(host.count(s)).append(')');
        }
        out.println(line);
    }

    @Override
    public void end(ScanSummary s, ZonedDateTime finished) {
        out.printf(Locale.ROOT, "# synscan done at %s -- %d IP address%s (%d host%s up) scanned in %.2f seconds%n",
                NmapTime.ctime(finished), s.addresses(), s.addresses() == 1 ? "" : "es", s.hostsUp(),
                s.hostsUp() == 1 ? "" : "s", s.seconds());
        out.flush();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
