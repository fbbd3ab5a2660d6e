package org.synscan.target;

import java.util.BitSet;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import org.synscan.UsageException;
import org.synscan.result.Protocol;
import org.synscan.text.Ascii;

/**
 * nmap's port syntax: {@code 22,80-90}, open ends ({@code -1024}, {@code 60000-}), {@code -} for 1-65535,
 * port 0 only when named, {@code T:}/{@code U:} prefixes that hold until the next prefix, service names,
 * plus --top-ports, -F and --exclude-ports. Unprefixed ports go to the scan types in force (-sS, the
 * default, and/or -sU); a prefix scans its ports over that protocol even without the scan flag.
 */
public final class PortParser {
    /** nmap's default: the 1000 most popular ports of each protocol scanned. */
    static final int DEFAULT_TOP = 1000;
    static final int FAST_TOP = 100;

    private final Services services;

    public PortParser(Services services) {
        this.services = services;
    }

    /** The ports a scan probes; never empty. */
    public PortList select(PortRequest r) {
        Set<Protocol> inForce = EnumSet.noneOf(Protocol.class);
        if (r.synScan() || !r.udpScan()) {
            inForce.add(Protocol.TCP);
        }
        if (r.udpScan()) {
            inForce.add(Protocol.UDP);
        }
        if (r.fast() && r.ports() != null) {
            throw new UsageException("-F cannot be combined with -p (use --top-ports N with -p for the top ports of a range)");
        }
        if (r.fast() && r.topPorts() > 0) {
            throw new UsageException("-F cannot be combined with --top-ports (-F means --top-ports " + FAST_TOP + ")");
        }
        if (r.topPorts() < 0 || r.topPorts() > 65535) {
            throw new UsageException("--top-ports " + r.topPorts() + ": must be between 1 and 65535");
        }
        int top = r.fast() ? FAST_TOP : r.topPorts();
        PortList list;
        if (r.ports() != null) {
            list = parse("-p", r.ports(), inForce);
            if (top > 0) {
                list = top(top, list);
            }
        } else {
            list = top(top > 0 ? top : DEFAULT_TOP, universe(inForce));
        }
        if (r.excludePorts() != null) {
            list = list.minus(parse("--exclude-ports", r.excludePorts(), EnumSet.allOf(Protocol.class)));
            if (list.size() == 0) {
                throw new UsageException("--exclude-ports " + r.excludePorts() + " leaves no ports to scan");
            }
        }
        return list;
    }

    /** Ports 0-65535 of every protocol in {@code protocols}. */
    private static PortList universe(Set<Protocol> protocols) {
        BitSet codes = new BitSet();
        for (Protocol p : protocols) {
            codes.set(PortList.code(p, 0), PortList.code(p, 65535) + 1);
        }
        return PortList.ofCodes(codes);
    }

    /** The {@code n} most popular ports of each protocol in {@code within}. */
    PortList top(int n, PortList within) {
        BitSet codes = new BitSet();
        for (Protocol p : Protocol.values()) {
            if (!within.has(p)) {
                continue;
            }
            int taken = 0;
            for (int port : services.rankedPorts(p)) {
                if (taken == n) {
                    break;
                }
                if (within.contains(p, port)) {
                    codes.set(PortList.code(p, port));
                    taken++;
                }
            }
        }
        return PortList.ofCodes(codes);
    }

    /**
     * Parses one port list.
     *
     * @param flag       the flag it came from, for messages
     * @param unprefixed protocols for entries before any T:/U: prefix
     */
    PortList parse(String flag, String spec, Set<Protocol> unprefixed) {
        if (spec.isBlank()) {
            throw new UsageException(flag + ": empty port list");
        }
        BitSet codes = new BitSet();
        Set<Protocol> current = unprefixed;
        for (String raw : spec.split(",", -1)) {
            String item = raw.trim();
            if (item.length() >= 2 && item.charAt(1) == ':') {
                current = prefix(flag, item);
                item = item.substring(2).trim();
                if (item.isEmpty()) {
                    throw new UsageException(flag + " " + spec + ": '" + raw.trim() + "' has no ports after the prefix");
                }
            }
            if (item.isEmpty()) {
                throw new UsageException(flag + " " + spec + ": empty entry in the port list");
            }
            addItem(flag, spec, item, current, codes);
        }
        return PortList.ofCodes(codes);
    }

    private static Set<Protocol> prefix(String flag, String item) {
        return switch (Character.toUpperCase(item.charAt(0))) {
            case 'T' -> EnumSet.of(Protocol.TCP);
            case 'U' -> EnumSet.of(Protocol.UDP);
            case 'S' -> throw new UsageException(flag + ": SCTP ports (" + item.substring(0, 2) + ") are not supported");
            case 'P' -> throw new UsageException(flag + ": IP protocol scans (" + item.substring(0, 2) + ") are not supported");
            default -> throw new UsageException(flag + ": unknown port prefix '" + item.substring(0, 2)
                    + "' (use T: for TCP, U: for UDP)");
        };
    }

    private void addItem(String flag, String spec, String item, Set<Protocol> protocols, BitSet codes) {
        char first = item.charAt(0);
        // a digit of any script takes the number path, where only ASCII digits pass: "８０" is a bad
        // port, not a service name to look up
        if (first == '-' || Character.isDigit(item.codePointAt(0))) {
            int dash = item.indexOf('-');
            int lo;
            int hi;
            if (dash < 0) {
                lo = number(flag, item, item);
                hi = lo;
            } else {
                // Open ends stop at 1, so port 0 is only scanned when written out.
                lo = dash == 0 ? 1 : number(flag, item, item.substring(0, dash));
                hi = dash == item.length() - 1 ? 65535 : number(flag, item, item.substring(dash + 1));
                if (lo > hi) {
                    throw new UsageException(flag + ": port range " + item + " is backwards (did you mean "
                            + hi + "-" + lo + "?)");
                }
            }
            for (Protocol p : protocols) {
                codes.set(PortList.code(p, lo), PortList.code(p, hi) + 1);
            }
            return;
        }
        boolean found = false;
        for (Protocol p : protocols) {
            OptionalInt port = services.port(p, item);
            if (port.isPresent()) {
                codes.set(PortList.code(p, port.getAsInt()));
                found = true;
            }
        }
        if (!found) {
            throw new UsageException(flag + " " + spec + ": unknown service name '" + item + "' for "
                    + protocolNames(protocols));
        }
    }

    private static String protocolNames(Set<Protocol> protocols) {
        return String.join("/", protocols.stream().map(Protocol::label).toList());
    }

    private static int number(String flag, String item, String text) {
        if (!Ascii.isDigits(text)) {
            throw new UsageException(flag + ": bad port '" + item + "'");
        }
        long port = Ascii.decimal(text);
        if (port > 65535) {
            throw new UsageException(flag + ": port " + text + " is out of range (0-65535)");
        }
        return (int) port;
    }
}
