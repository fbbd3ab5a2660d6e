package org.synscan.output;

import java.io.PrintWriter;
import java.time.ZonedDateTime;
import org.synscan.result.Addresses;
import org.synscan.result.HostResult;
import org.synscan.result.PortResult;
import org.synscan.result.PortState;

/**
 * JSON lines (-oJ): a header object, then one object per port result as it settles, then a summary
 * object; one object per line, so a reader can follow the file while the scan runs ({@code tail -f |
 * jq}) and a file cut short by a crash is still valid up to its last full line. Every result is
 * written, none folded; --open keeps only the ports that are or may be open, as in nmap's outputs.
 */
public final class JsonReport implements Report {
    private final PrintWriter out;
    private final ServiceNames services;
    private final boolean openOnly;
    private final StringBuilder line = new StringBuilder(256);

    public JsonReport(PrintWriter out, ServiceNames services, boolean openOnly) {
        this.out = out;
        this.services = services;
        this.openOnly = openOnly;
    }

    @Override
    public void begin(ScanInfo info) {
        line.setLength(0);
        Json header = Json.object(line).put("type", "header").put("scanner", "synscan")
                .put("version", info.version()).put("args", info.commandLine())
                .put("start", info.started().toEpochSecond()).put("startstr", NmapTime.ctime(info.started()));
        if (info.tcpServices() != null) {
            header.object("tcp").put("count", info.tcpCount()).put("ports", info.tcpServices()).close();
        }
        if (info.udpServices() != null) {
            header.object("udp").put("count", info.udpCount()).put("ports", info.udpServices()).close();
        }
        header.put("resumed", info.resumed()).close();
        out.println(line);
    }

    @Override
    public void port(boolean ipv6, long hi, long lo, PortResult r, long epochMillis) {
        if (openOnly && r.state() != PortState.OPEN && r.state() != PortState.OPEN_FILTERED
                && r.state() != PortState.UNFILTERED) {
            return;
        }
        line.setLength(0);
        Json.object(line).put("type", "port").put("address", Addresses.format(ipv6, hi, lo))
                .put("addrtype", ipv6 ? "ipv6" : "ipv4").put("protocol", r.protocol().label()).put("port", r.port())
                .put("state", r.state().label()).put("reason", r.reason().label()).put("reason_ttl", r.ttl())
                .put("service", services.lookup(r.protocol(), r.port())).put("time", epochMillis / 1000).close();
        out.println(line);
    }

    @Override
    public void host(HostResult host) {
        // every port was written as it settled
    }

    @Override
    public void end(ScanSummary s, ZonedDateTime finished) {
        line.setLength(0);
        Json.object(line).put("type", "summary").put("finished", finished.toEpochSecond())
                .put("finishedstr", NmapTime.ctime(finished)).put("elapsed", s.seconds(), 2)
                .put("addresses", s.addresses()).put("hosts_up", s.hostsUp()).put("sent", s.sent())
                .put("retries", s.retries()).put("replies", s.answers()).put("invalid", s.invalid())
                .put("duplicates", s.duplicates()).put("drops", s.drops()).put("unfinished", s.unfinished())
                .put("exit", s.unfinished() > 0 ? "stopped" : "success").close();
        out.println(line);
        out.flush();
    }
}
