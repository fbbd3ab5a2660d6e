package org.synscan.output;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.synscan.result.Addresses;
import org.synscan.result.HostResult;
import org.synscan.result.PortResult;
import org.synscan.result.PortState;
import org.synscan.result.Reason;

/**
 * nmap's normal (human) output: per host a "scan report" block with the PORT/STATE/SERVICE[/REASON]
 * table, where the states {@link StateFolding} picks are folded into a "Not shown:" line.
 */
public final class NormalReport implements Report {
    private final PrintWriter out;
    private final ServiceNames services;
    private final boolean reason;
    private final StateFolding folding;
    private final boolean announce;
    private String targetMac;

    public NormalReport(PrintWriter out, ServiceNames services, boolean reason, StateFolding folding) {
        this(out, services, reason, folding, false);
    }

    /**
     * @param announce print nmap's "Discovered open port" line as each open port settles (nmap does
     *                 this with -v, on the terminal only, never in the -oN file)
     */
    public NormalReport(PrintWriter out, ServiceNames services, boolean reason, StateFolding folding,
            boolean announce) {
        this.out = out;
        this.services = services;
        this.reason = reason;
        this.folding = folding;
        this.announce = announce;
    }

    @Override
    public void begin(ScanInfo info) {
        out.printf("Starting synscan %s at %s%n", info.version(), NmapTime.started(info.started()));
        targetMac = info.targetMac();
    }

    @Override
    public void port(boolean ipv6, long hi, long lo, PortResult r, long epochMillis) {
        if (announce && r.state() == PortState.OPEN) {
            out.printf("Discovered open port %d/%s on %s%n", r.port(), r.protocol().label(), Addresses.format(ipv6, hi, lo));
        }
    }

    @Override
    public void host(HostResult host) {
        if (folding.hidesHost(host)) {
            return;
        }
        String address = Addresses.format(host.ipv6(), host.hi(), host.lo());
        out.printf("synscan scan report for %s%n", address);
        StringBuilder up = new StringBuilder("Host is up");
        if (reason) {
            up.append(", received user-set");
        }
        if (host.latencyNanos() >= 0) {
            up.append(" (").append(seconds(host.latencyNanos())).append("s latency)");
        }
        out.println(up.append('.'));

        Set<PortState> folded = folding.folded(host);
        List<PortResult> shown = new ArrayList<>();
        for (PortResult p : host.ports()) {
            if (!folded.contains(p.state())) {
                shown.add(p);
            }
        }
        if (shown.isEmpty()) {
            out.printf("All %d scanned ports on %s are in ignored states.%n", host.ports().size(), address);
        }
        if (!folded.isEmpty()) {
            out.println(notShown(host, folded));
        } else if (!shown.isEmpty()) {
            out.println();
        }
        if (!shown.isEmpty()) {
            table(shown);
        }
        if (targetMac != null) {
            String vendor = MacVendors.lookup(targetMac);
            out.printf("MAC Address: %s (%s)%n", targetMac, vendor == null ? "Unknown" : vendor);
        }
        out.println();
    }

    @Override
    public void end(ScanSummary s, ZonedDateTime finished) {
        out.printf(Locale.ROOT, "synscan done: %d IP address%s (%d host%s up) scanned in %.2f seconds%n", s.addresses(),
                s.addresses() == 1 ? "" : "es", s.hostsUp(), s.hostsUp() == 1 ? "" : "s", s.seconds());
        out.println("           " + statistics(s));
        out.flush();
    }

    /**
     * nmap's "Not shown" line: the folded states by their port count, most first (a tie in the state
     * order closed, filtered, unfiltered, open|filtered); within a state one entry per (protocol,
     * reason), most first, ties latest first; "port" or "ports" by the state's count, as nmap 7.9x.
     */
    static String notShown(HostResult host, Set<PortState> folded) {
        List<FoldedGroups.Group> groups = FoldedGroups.of(host, folded, false);
        long[] byState = new long[PortState.values().length];
        for (FoldedGroups.Group g : groups) {
            byState[g.state().ordinal()] += g.count();
        }
        List<PortState> states = new ArrayList<>();
        for (PortState st : PortState.values()) {
            if (byState[st.ordinal()] > 0) {
                states.add(st);
            }
        }
        states.sort(Comparator.comparingLong((PortState st) -> -byState[st.ordinal()]));
        StringBuilder line = new StringBuilder("Not shown: ");
        String sep = "";
        for (PortState st : states) {
            List<FoldedGroups.Group> entries = new ArrayList<>();
            for (FoldedGroups.Group g : groups) {
                if (g.state() == st) {
                    entries.add(g);
                }
            }
            Collections.reverse(entries);
            entries.sort((x, y) -> Integer.compare(y.count(), x.count()));
            String word = byState[st.ordinal()] == 1 ? "port" : "ports";
            for (FoldedGroups.Group g : entries) {
                line.append(sep).append(g.count()).append(' ').append(st.label()).append(' ')
                        .append(g.protocol().label()).append(' ').append(word).append(" (").append(g.reason().label())
                        .append(')');
                sep = ", ";
            }
        }
        return line.toString();
    }

    /** The one-line engine summary printed after the report. */
    public static String statistics(ScanSummary s) {
        return String.format(Locale.ROOT,
                "Probes sent: %d (%d retries) | Replies: %d | Invalid: %d | Duplicates: %d | Capture drops: %d"
                        + " | Rate: %.0f/s%s",
                s.sent(), s.retries(), s.answers(), s.invalid(), s.duplicates(), s.drops(), s.averageRate(),
                (s.unfinished() > 0 ? " | Unfinished: " + s.unfinished() : "")
                        + (s.rateLimited() > 0 ? " | ICMP rate-limited hosts: " + s.rateLimited()
                                + " (UDP paced; " + s.undecided() + " ports left open|filtered)" : ""));
    }

    private void table(List<PortResult> ports) {
        List<String[]> rows = new ArrayList<>();
        rows.add(reason ? new String[] {"PORT", "STATE", "SERVICE", "REASON"} : new String[] {"PORT", "STATE", "SERVICE"});
        for (PortResult p : ports) {
            String port = p.port() + "/" + p.protocol().label();
            String service = services.name(p.protocol(), p.port());
            if (reason) {
                rows.add(new String[] {port, p.state().label(), service, reasonText(p)});
            } else {
                rows.add(new String[] {port, p.state().label(), service});
            }
        }
        int[] width = new int[rows.get(0).length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                line.append(r[i]);
                if (i < r.length - 1) {
                    line.append(" ".repeat(width[i] - r[i].length() + 1));
                }
            }
            out.println(line);
        }
    }

    static String reasonText(PortResult p) {
        return p.reason() == Reason.NO_RESPONSE ? p.reason().label() : p.reason().label() + " ttl " + p.ttl();
    }

    /** nmap prints latency with two significant digits in plain notation ("0.0000060s"). */
    static String seconds(long nanos) {
        if (nanos == 0) {
            return "0.0";
        }
        return new BigDecimal(nanos).movePointLeft(9).round(new MathContext(2)).toPlainString();
    }
}
