package org.synscan.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.synscan.result.PortState;
import org.synscan.result.Protocol;
import org.synscan.result.Reason;

/**
 * The lab's expected results, read from {@code native-setup/lab-truth.tsv}: the state and reason of
 * every (family, protocol, port), with nmap's defaults for ports the file does not list.
 */
public final class Truth {
    public static final Verdict TCP_DEFAULT = new Verdict(PortState.CLOSED, Reason.RESET);
    public static final Verdict UDP_DEFAULT = new Verdict(PortState.CLOSED, Reason.PORT_UNREACH);
    static final Verdict ANYIP6_UDP_CLOSED = new Verdict(PortState.FILTERED, Reason.PORT_UNREACH);

    /** One line of the truth file, for one family ("both" lines become two rows). */
    public record Row(Family family, Protocol protocol, int port, Verdict verdict, String how) {
    }

    private final Map<Key, Row> rows;

    private record Key(Family family, Protocol protocol, int port) {
    }

    private Truth(Map<Key, Row> rows) {
        this.rows = rows;
    }

    /** The repository's truth file. */
    public static Truth load() {
        return load(Lab.home().resolve("native-setup/lab-truth.tsv"));
    }

    public static Truth load(Path file) {
        try {
            return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the lab truth " + file, e);
        }
    }

    /** Parses truth lines; {@code source} names them in error messages. */
    public static Truth parse(List<String> lines, String source) {
        Map<Key, Row> rows = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int hash = line.indexOf('#');
            String content = (hash >= 0 ? line.substring(0, hash) : line).strip();
            if (content.isEmpty()) {
                continue;
            }
            String where = source + ":" + (i + 1);
            for (Row row : parseRow(content.split("\\s+"), where)) {
                if (rows.put(new Key(row.family(), row.protocol(), row.port()), row) != null) {
                    throw new IllegalArgumentException(where + ": " + row.family().label() + " "
                            + row.protocol().label() + " " + row.port() + " listed twice");
                }
            }
        }
        return new Truth(rows);
    }

    private static List<Row> parseRow(String[] f, String where) {
        if (f.length != 6) {
            throw new IllegalArgumentException(where + ": expected 6 columns, found " + f.length);
        }
        try {
            List<Family> families = switch (f[0]) {
                case "both" -> List.of(Family.IPV4, Family.IPV6);
                case "ipv4" -> List.of(Family.IPV4);
                case "ipv6" -> List.of(Family.IPV6);
                default -> throw new IllegalArgumentException("family must be both, ipv4 or ipv6: " + f[0]);
            };
            Protocol protocol = switch (f[1]) {
                case "tcp" -> Protocol.TCP;
                case "udp" -> Protocol.UDP;
                default -> throw new IllegalArgumentException("protocol must be tcp or udp: " + f[1]);
            };
            int port = Integer.parseInt(f[2]);
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            Verdict verdict = Verdict.of(f[3], f[4]);
            checkHow(protocol, f[5]);
            return families.stream().map(fam -> new Row(fam, protocol, port, verdict, f[5])).toList();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    /** The "how" column: what lab.sh and lab-services.py know how to build. */
    private static void checkHow(Protocol protocol, String how) {
        boolean ok = how.equals("closed") || how.equals("drop") || how.matches("reject:[a-z0-9-]+")
                || (protocol == Protocol.TCP && how.equals("listen"))
                || (protocol == Protocol.UDP && how.matches("dns|ntp|snmp|echo|silent"));
        if (!ok) {
            throw new IllegalArgumentException("unknown how for " + protocol.label() + ": " + how);
        }
    }

    /**
     * Expected result for a family: at the target's own addresses (198.18.0.2, fd00:5ca0::2) and
     * anywhere in 198.18.128.0/17; {@link #expectedAt} also knows the IPv6 AnyIP range.
     */
    public Verdict expected(Family family, Protocol protocol, int port) {
        Row row = rows.get(new Key(family, protocol, port));
        if (row != null) {
            return row.verdict();
        }
        return protocol == Protocol.TCP ? TCP_DEFAULT : UDP_DEFAULT;
    }

    /**
     * Expected result at any lab target address. In the IPv6 AnyIP range the kernel sends ICMPv6
     * errors from fd00:5ca0::2, and a port-unreachable that does not come from the target means
     * filtered, not closed (nmap's rule): the one place where the address matters.
     */
    public Verdict expectedAt(InetAddress target, Protocol protocol, int port) {
        Verdict v = expected(Family.of(target), protocol, port);
        if (protocol == Protocol.UDP && v.equals(UDP_DEFAULT) && Lab.inWideV6(target)) {
            return ANYIP6_UDP_CLOSED;
        }
        return v;
    }

    /** The rows of one family and protocol, by port. */
    public List<Row> rows(Family family, Protocol protocol) {
        return rows.values().stream()
                .filter(r -> r.family() == family && r.protocol() == protocol)
                .sorted((a, b) -> Integer.compare(a.port(), b.port()))
                .toList();
    }

    /** Ports the file lists for a family and protocol (e.g. the UDP ports to scan), ascending. */
    public SortedSet<Integer> listedPorts(Family family, Protocol protocol) {
        return rows(family, protocol).stream().map(Row::port).collect(Collectors.toCollection(TreeSet::new));
    }

    /** {@link #listedPorts} as an nmap/synscan port list, e.g. "7,9,53". */
    public String portList(Family family, Protocol protocol) {
        return listedPorts(family, protocol).stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    /** 1-65535, for comparing a {@code -p-} scan. */
    public static SortedSet<Integer> allPorts() {
        return IntStream.rangeClosed(1, 65535).boxed().collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * Compares one host's results for one protocol with the truth: every port in {@code scanned}
     * must be in {@code actual} with the expected verdict, and {@code actual} must hold nothing else.
     */
    public Diff compare(InetAddress target, Protocol protocol, Collection<Integer> scanned,
            Map<Integer, Verdict> actual) {
        List<String> differences = new ArrayList<>();
        for (int port : new TreeSet<>(scanned)) {
            Verdict want = expectedAt(target, protocol, port);
            Verdict got = actual.get(port);
            if (!want.equals(got)) {
                differences.add(String.format("port %d/%s: expected %s, got %s", port, protocol.label(), want,
                        got == null ? "no result" : got));
            }
        }
        for (int port : new TreeSet<>(actual.keySet())) {
            if (!scanned.contains(port)) {
                differences.add(String.format("port %d/%s: not scanned, yet reported %s", port, protocol.label(),
                        actual.get(port)));
            }
        }
        String subject = target.getHostAddress() + " " + protocol.label();
        return new Diff(subject, scanned.size(), Collections.unmodifiableList(differences));
    }

    /** The outcome of {@link #compare}: empty differences when the scan equals the truth. */
    public record Diff(String subject, int ports, List<String> differences) {
        private static final int SHOWN = 40;

        public boolean agrees() {
            return differences.isEmpty();
        }

        /** A readable report: a summary line, then up to 40 differences. */
        public String report() {
            if (agrees()) {
                return subject + ": " + ports + " ports agree with the truth";
            }
            StringBuilder sb = new StringBuilder(subject).append(": ").append(differences.size())
                    .append(" differences from the truth over ").append(ports).append(" ports");
            differences.stream().limit(SHOWN).forEach(d -> sb.append("\n  ").append(d));
            if (differences.size() > SHOWN) {
                sb.append("\n  ... and ").append(differences.size() - SHOWN).append(" more");
            }
            return sb.toString();
        }

        @Override
        public String toString() {
            return report();
        }
    }
}
