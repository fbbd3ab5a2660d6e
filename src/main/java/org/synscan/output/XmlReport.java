package org.synscan.output;

import java.io.PrintWriter;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.LongSupplier;
import org.synscan.result.Addresses;
import org.synscan.result.HostResult;
import org.synscan.result.PortResult;
import org.synscan.result.PortState;
import org.synscan.result.Protocol;
import org.synscan.target.PortList;

/**
 * nmap's XML output (nmap.dtd, xmloutputversion 1.05), so that tools that read nmap's XML (ndiff,
 * report generators, Metasploit imports) read ours. The DTD requires scanner="nmap"; profile_name and
 * the leading comment say it was synscan. Ports folded by the normal output's rule go into
 * extraports/extrareasons with their port ranges, as nmap 7.9x writes them.
 */
public final class XmlReport implements Report {
    private final PrintWriter out;
    private final ServiceNames services;
    private final StateFolding folding;
    private long startEpoch;
    private String targetMac;

    private final LongSupplier clockMillis;

    public XmlReport(PrintWriter out, ServiceNames services, StateFolding folding) {
        this(out, services, folding, System::currentTimeMillis);
    }

    /** @param clockMillis the wall clock, for each host's endtime */
    XmlReport(PrintWriter out, ServiceNames services, StateFolding folding, LongSupplier clockMillis) {
        this.out = out;
        this.services = services;
        this.folding = folding;
        this.clockMillis = clockMillis;
    }

    @Override
    public void begin(ScanInfo info) {
        startEpoch = info.started().toEpochSecond();
        targetMac = info.targetMac();
        String args = escape(info.commandLine());
        out.println("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        out.println("<!DOCTYPE nmaprun>");
        out.printf("<!-- synscan %s scan initiated %s as: %s -->%n", info.version(), NmapTime.ctime(info.started()),
                args.replace("--", "-&#45;"));
        out.printf("<nmaprun scanner=\"nmap\" args=\"%s\" start=\"%d\" startstr=\"%s\" version=\"%s\""
                + " profile_name=\"synscan\" xmloutputversion=\"1.05\">%n", args, info.started().toEpochSecond(),
                NmapTime.ctime(info.started()), escape(info.version()));
        if (info.tcpServices() != null) {
            out.printf("<scaninfo type=\"syn\" protocol=\"tcp\" numservices=\"%d\" services=\"%s\"/>%n",
                    info.tcpCount(), info.tcpServices());
        }
        if (info.udpServices() != null) {
            out.printf("<scaninfo type=\"udp\" protocol=\"udp\" numservices=\"%d\" services=\"%s\"/>%n",
                    info.udpCount(), info.udpServices());
        }
        out.printf("<verbose level=\"%d\"/>%n<debugging level=\"0\"/>%n", info.verbosity());
    }

    @Override
    public void host(HostResult host) {
        long endEpoch = clockMillis.getAsLong() / 1000;
        if (folding.hidesHost(host)) {
            return;
        }
        out.printf("<host starttime=\"%d\" endtime=\"%d\"><status state=\"up\" reason=\"user-set\" reason_ttl=\"0\"/>%n",
                startEpoch, endEpoch);
        out.printf("<address addr=\"%s\" addrtype=\"%s\"/>%n", Addresses.format(host.ipv6(), host.hi(), host.lo()),
                host.ipv6() ? "ipv6" : "ipv4");
        if (targetMac != null) {
            String vendor = MacVendors.lookup(targetMac);
            out.printf("<address addr=\"%s\" addrtype=\"mac\"%s/>%n", targetMac,
                    vendor == null ? "" : " vendor=\"" + escape(vendor) + "\"");
        }
        out.println("<hostnames>");
        out.println("</hostnames>");
        out.print("<ports>");
        Set<PortState> folded = folding.folded(host);
        extraports(host, folded);
        for (PortResult p : host.ports()) {
            if (!folded.contains(p.state())) {
                String name = services.lookup(p.protocol(), p.port());
                out.printf("<port protocol=\"%s\" portid=\"%d\"><state state=\"%s\" reason=\"%s\" reason_ttl=\"%d\"/>%s"
                        + "</port>%n", p.protocol().label(), p.port(), p.state().label(), p.reason().label(), p.ttl(),
                        name == null ? "" : "<service name=\"" + escape(name) + "\" method=\"table\" conf=\"3\"/>");
            }
        }
        out.println("</ports>");
        out.println("</host>");
    }

    @Override
    public void end(ScanSummary s, ZonedDateTime finished) {
        String when = NmapTime.ctime(finished);
        String summary = String.format(Locale.ROOT, "synscan done at %s; %d IP address%s (%d host%s up) scanned in %.2f seconds",
                when, s.addresses(), s.addresses() == 1 ? "" : "es", s.hostsUp(), s.hostsUp() == 1 ? "" : "s", s.seconds());
        // a stopped scan says so where the DTD has room for it: exit="error" with a message
        String exit = s.unfinished() > 0 ? "error\" errormsg=\"stopped with " + s.unfinished()
                + " probes unsettled; synscan --resume continues it" : "success";
        out.printf(Locale.ROOT, "<runstats><finished time=\"%d\" timestr=\"%s\" summary=\"%s\" elapsed=\"%.2f\""
                + " exit=\"%s\"/><hosts up=\"%d\" down=\"%d\" total=\"%d\"/>%n</runstats>%n</nmaprun>%n",
                finished.toEpochSecond(), when, escape(summary), s.seconds(), exit, s.hostsUp(),
                s.addresses() - s.hostsUp(), s.addresses());
        out.flush();
    }

    /** One extraports element per folded state, with an extrareasons per (reason, protocol). */
    private void extraports(HostResult host, Set<PortState> folded) {
        List<FoldedGroups.Group> groups = FoldedGroups.of(host, folded, true);
        List<PortState> states = new ArrayList<>(); // in the order of their first folded port
        for (FoldedGroups.Group g : groups) {
            if (!states.contains(g.state())) {
                states.add(g.state());
            }
        }
        for (PortState st : states) {
            int count = 0;
            for (FoldedGroups.Group g : groups) {
                count += g.state() == st ? g.count() : 0;
            }
            out.printf("<extraports state=\"%s\" count=\"%d\">%n", st.label(), count);
            for (FoldedGroups.Group g : groups) {
                if (g.state() == st) {
                    Protocol proto = g.protocol();
                    out.printf("<extrareasons reason=\"%s\" count=\"%d\" proto=\"%s\" ports=\"%s\"/>%n",
                            g.reason().label(), g.count(), proto.label(), PortList.of(proto, g.ports()).spec(proto));
                }
            }
            out.println("</extraports>");
        }
    }

    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                default -> sb.append(c < 0x20 && c != '\t' ? ' ' : c);
            }
        }
        return sb.toString();
    }
}
