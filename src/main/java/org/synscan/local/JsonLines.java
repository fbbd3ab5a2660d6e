package org.synscan.local;

import java.io.PrintWriter;
import java.util.List;
import org.synscan.local.SocketOwners.Owner;
import org.synscan.output.Json;

/**
 * The listing as JSON lines: one object per socket, e.g.
 * <pre>
 * {"proto":"tcp","family":"ipv4","state":"LISTEN","address":"0.0.0.0","port":22,"service":"ssh","uid":0,
 *  "inode":1145,"processes":[{"pid":812,"program":"sshd","fd":3}]}
 * </pre>
 * With --exposure each object also has "probed" (the address probed, or null), "exposure" (open,
 * closed, filtered, open|filtered or "not probed"), "reason" (nmap's reason, or null) and "note"
 * (why it was not probed, or null).
 */
final class JsonLines {
    private JsonLines() {
    }

    /** @param exposures one per entry, or null for the plain listing */
    static void write(List<LocalEntry> entries, List<Exposure> exposures, PrintWriter out) {
        StringBuilder sb = new StringBuilder(256);
        for (int i = 0; i < entries.size(); i++) {
            sb.setLength(0);
            object(sb, entries.get(i), exposures == null ? null : exposures.get(i));
            out.println(sb);
        }
    }

    static void object(StringBuilder sb, LocalEntry e, Exposure x) {
        ListeningSocket s = e.socket();
        sb.append("{\"proto\":");
        Json.string(sb, s.protocol().label());
        sb.append(",\"family\":").append(s.v6() ? "\"ipv6\"" : "\"ipv4\"");
        sb.append(",\"state\":");
        Json.string(sb, s.stateLabel());
        sb.append(",\"address\":");
        Json.string(sb, s.addressText());
        sb.append(",\"port\":").append(s.port());
        sb.append(",\"service\":");
        Json.string(sb, e.service());
        sb.append(",\"uid\":").append(s.uid());
        sb.append(",\"inode\":").append(s.inode());
        sb.append(",\"processes\":[");
        for (int i = 0; i < e.owners().size(); i++) {
            Owner o = e.owners().get(i);
            sb.append(i > 0 ? ",{\"pid\":" : "{\"pid\":").append(o.pid()).append(",\"program\":");
            Json.string(sb, o.program());
            sb.append(",\"fd\":").append(o.fd()).append('}');
        }
        sb.append(']');
        if (x != null) {
            sb.append(",\"probed\":");
            Json.string(sb, x.target() == null ? null : x.target().toString());
            sb.append(",\"exposure\":");
            Json.string(sb, x.label());
            sb.append(",\"reason\":");
            Json.string(sb, x.wasProbed() ? x.reason().label() : null);
            sb.append(",\"note\":");
            Json.string(sb, x.notProbed());
        }
        sb.append('}');
    }
}
