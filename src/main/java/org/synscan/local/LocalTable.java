package org.synscan.local;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.synscan.result.PortState;

/**
 * The listing as a table, columns as ss -ltnup and netstat -plunt have them (protocol, state, local
 * address:port, then service and PID/program), widths fitted to the content. With exposures, three
 * more columns say where each socket was probed and what came back.
 */
final class LocalTable {
    private LocalTable() {
    }

    /** @param exposures one per entry, or null for the plain listing */
    static void write(List<LocalEntry> entries, List<Exposure> exposures, PrintWriter out) {
        List<Column> columns = new ArrayList<>(List.of(
                new Column("Proto", i -> entries.get(i).socket().netid()),
                new Column("State", i -> entries.get(i).socket().stateLabel()),
                new Column("Local Address:Port", i -> entries.get(i).socket().endpoint()),
                new Column("Service", i -> orDash(entries.get(i).service()))));
        if (exposures != null) {
            columns.add(new Column("Probed at", i -> exposures.get(i).target() == null ? "-"
                    : exposures.get(i).target().toString()));
            columns.add(new Column("Exposure", i -> exposures.get(i).label()));
            columns.add(new Column("Reason", i -> exposures.get(i).wasProbed() ? exposures.get(i).reason().label()
                    : "-"));
        }
        columns.add(new Column("PID/Program", i -> entries.get(i).ownersText()));
        int[] widths = new int[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            widths[c] = columns.get(c).title.length();
            for (int i = 0; i < entries.size(); i++) {
                widths[c] = Math.max(widths[c], columns.get(c).value.apply(i).length());
            }
        }
        StringBuilder line = new StringBuilder();
        for (int row = -1; row < entries.size(); row++) {
            line.setLength(0);
            for (int c = 0; c < columns.size(); c++) {
                String v = row < 0 ? columns.get(c).title : columns.get(c).value.apply(row);
                line.append(v);
                if (c < columns.size() - 1) {
                    line.append(" ".repeat(widths[c] - v.length() + 2));
                }
            }
            out.println(line.toString().stripTrailing());
        }
    }

    /**
     * After the table: why each unprobed socket was not probed, then one line that counts the verdicts
     * and says what open|filtered means for UDP.
     */
    static void writeNotes(List<LocalEntry> entries, List<Exposure> exposures, PrintWriter out) {
        for (int i = 0; i < entries.size(); i++) {
            if (!exposures.get(i).wasProbed()) {
                ListeningSocket s = entries.get(i).socket();
                out.println(s.netid() + " " + s.endpoint() + " not probed: " + exposures.get(i).notProbed());
            }
        }
        out.println(summary(exposures));
    }

    static String summary(List<Exposure> exposures) {
        long open = count(exposures, PortState.OPEN);
        long closed = count(exposures, PortState.CLOSED);
        long filtered = count(exposures, PortState.FILTERED);
        long ambiguous = count(exposures, PortState.OPEN_FILTERED);
        long skipped = exposures.stream().filter(e -> !e.wasProbed()).count();
        StringBuilder sb = new StringBuilder();
        sb.append(open).append(" reachable (open), ").append(closed).append(" refused (closed), ")
                .append(filtered).append(" filtered by the local firewall");
        if (ambiguous > 0) {
            sb.append(", ").append(ambiguous).append(" open|filtered (UDP without an answer: a silent service and"
                    + " a DROP rule look the same)");
        }
        if (skipped > 0) {
            sb.append(", ").append(skipped).append(" not probed");
        }
        return sb.toString();
    }

    private static long count(List<Exposure> exposures, PortState state) {
        return exposures.stream().filter(e -> e.state() == state).count();
    }

    private static String orDash(String s) {
        return s == null ? "-" : s;
    }

    private record Column(String title, Function<Integer, String> value) {
    }
}
