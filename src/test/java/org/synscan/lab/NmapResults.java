package org.synscan.lab;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.synscan.result.Protocol;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * nmap's XML output ({@code -oX}) reduced to what the lab compares: for each host, the verdict of
 * every scanned port, whether nmap listed the port or folded it into {@code <extraports>}.
 * Also reads synscan's XML, which follows the same format.
 */
public final class NmapResults {
    private final Map<Protocol, SortedSet<Integer>> scanned;
    private final Map<InetAddress, Map<Protocol, Map<Integer, Verdict>>> hosts;
    private final double elapsedSeconds;
    private final String args;

    private NmapResults(Map<Protocol, SortedSet<Integer>> scanned,
            Map<InetAddress, Map<Protocol, Map<Integer, Verdict>>> hosts, double elapsedSeconds, String args) {
        this.scanned = scanned;
        this.hosts = hosts;
        this.elapsedSeconds = elapsedSeconds;
        this.args = args;
    }

    /**
     * Runs {@code nmap ARGS -oX -} in the scanner namespace (after checking that no namespace of the
     * lab has a default route) and parses what it prints.
     */
    public static NmapResults scan(Duration timeout, String... nmapArgs) {
        Lab.assertNoDefaultRoute();
        List<String> cmd = new ArrayList<>(List.of("nmap"));
        cmd.addAll(List.of(nmapArgs));
        cmd.addAll(List.of("-oX", "-"));
        ProcessResult r = Lab.run(timeout, Lab.scannerExec(cmd.toArray(String[]::new)));
        if (!r.ok()) {
            throw new IllegalStateException("nmap failed: " + r.describe());
        }
        return parse(r.stdout());
    }

    public static NmapResults parse(String xml) {
        try {
            return parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses nmap XML; throws IllegalArgumentException when it is not nmap XML we can read. */
    public static NmapResults parse(InputStream xml) throws IOException {
        Document doc;
        try {
            doc = builder().parse(xml);
        } catch (SAXException e) {
            throw new IllegalArgumentException("not well-formed XML: " + e.getMessage(), e);
        }
        Element run = doc.getDocumentElement();
        if (!run.getTagName().equals("nmaprun")) {
            throw new IllegalArgumentException("not nmap XML: root element <" + run.getTagName() + ">");
        }
        Map<Protocol, SortedSet<Integer>> scanned = new EnumMap<>(Protocol.class);
        for (Element info : children(run, "scaninfo")) {
            scanned.computeIfAbsent(protocol(info.getAttribute("protocol")), p -> new TreeSet<>())
                    .addAll(ports(info.getAttribute("services")));
        }
        Map<InetAddress, Map<Protocol, Map<Integer, Verdict>>> hosts = new LinkedHashMap<>();
        for (Element host : children(run, "host")) {
            hosts.put(address(host), hostPorts(host, scanned));
        }
        double elapsed = 0;
        for (Element stats : children(run, "runstats")) {
            for (Element finished : children(stats, "finished")) {
                elapsed = Double.parseDouble(finished.getAttribute("elapsed"));
            }
        }
        return new NmapResults(scanned, hosts, elapsed, run.getAttribute("args"));
    }

    private static DocumentBuilder builder() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            // nmap writes <!DOCTYPE nmaprun> without a DTD location: never fetch or expand anything
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(new DefaultHandler()); // throws on fatal errors, prints nothing
            return b;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser lacks a standard feature", e);
        }
    }

    private static Map<Protocol, Map<Integer, Verdict>> hostPorts(Element host,
            Map<Protocol, SortedSet<Integer>> scanned) {
        Map<Protocol, Map<Integer, Verdict>> result = new EnumMap<>(Protocol.class);
        for (Protocol p : scanned.keySet()) {
            result.put(p, new TreeMap<>());
        }
        List<Verdict> unplaced = new ArrayList<>();
        for (Element ports : children(host, "ports")) {
            for (Element port : children(ports, "port")) {
                Element state = children(port, "state").get(0);
                result.computeIfAbsent(protocol(port.getAttribute("protocol")), p -> new TreeMap<>())
                        .put(Integer.parseInt(port.getAttribute("portid")),
                                Verdict.of(state.getAttribute("state"), state.getAttribute("reason")));
            }
            for (Element extra : children(ports, "extraports")) {
                for (Element reasons : children(extra, "extrareasons")) {
                    Verdict v = Verdict.of(extra.getAttribute("state"), reasons.getAttribute("reason"));
                    if (!reasons.hasAttribute("ports")) {
                        unplaced.add(v);
                        continue;
                    }
                    Protocol p = protocol(reasons.hasAttribute("proto") ? reasons.getAttribute("proto") : "tcp");
                    Map<Integer, Verdict> byPort = result.computeIfAbsent(p, x -> new TreeMap<>());
                    for (int port : ports(reasons.getAttribute("ports"))) {
                        byPort.put(port, v);
                    }
                }
            }
        }
        placeUnlisted(result, unplaced, scanned);
        return result;
    }

    /** nmap before 7.80 gives no port list for extraports; only a single state/reason is unambiguous. */
    private static void placeUnlisted(Map<Protocol, Map<Integer, Verdict>> result, List<Verdict> unplaced,
            Map<Protocol, SortedSet<Integer>> scanned) {
        if (unplaced.isEmpty()) {
            return;
        }
        if (unplaced.size() > 1 || scanned.size() != 1) {
            throw new IllegalArgumentException(
                    "extraports without port lists are ambiguous here (nmap 7.80 and later list them)");
        }
        Map.Entry<Protocol, SortedSet<Integer>> only = scanned.entrySet().iterator().next();
        Map<Integer, Verdict> byPort = result.get(only.getKey());
        for (int port : only.getValue()) {
            byPort.putIfAbsent(port, unplaced.get(0));
        }
    }

    private static InetAddress address(Element host) {
        for (Element a : children(host, "address")) {
            String type = a.getAttribute("addrtype");
            if (type.equals("ipv4") || type.equals("ipv6")) {
                try {
                    return InetAddress.getByName(a.getAttribute("addr")); // a literal: no lookup
                } catch (UnknownHostException e) {
                    throw new IllegalArgumentException("bad host address " + a.getAttribute("addr"), e);
                }
            }
        }
        throw new IllegalArgumentException("<host> without an IP address");
    }

    private static Protocol protocol(String label) {
        for (Protocol p : Protocol.values()) {
            if (p.label().equals(label)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unsupported protocol " + label);
    }

    /** Parses nmap's port lists: "1-20,23,26-79". */
    static List<Integer> ports(String spec) {
        List<Integer> out = new ArrayList<>();
        for (String part : spec.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            int dash = part.indexOf('-');
            int lo = Integer.parseInt(part.substring(0, dash < 0 ? part.length() : dash).strip());
            int hi = dash < 0 ? lo : Integer.parseInt(part.substring(dash + 1).strip());
            for (int p = lo; p <= hi; p++) {
                out.add(p);
            }
        }
        return out;
    }

    private static List<Element> children(Element parent, String tag) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(tag)) {
                out.add(e);
            }
        }
        return out;
    }

    /** Hosts in the order nmap reported them. */
    public List<InetAddress> hosts() {
        return List.copyOf(hosts.keySet());
    }

    /** Ports the scan covered for a protocol (its {@code scaninfo}). */
    public SortedSet<Integer> scannedPorts(Protocol protocol) {
        return Collections.unmodifiableSortedSet(scanned.getOrDefault(protocol, new TreeSet<>()));
    }

    /** Every port verdict of a host for a protocol, by port; empty when the host is not in the scan. */
    public Map<Integer, Verdict> ports(InetAddress host, Protocol protocol) {
        return Collections.unmodifiableMap(hosts.getOrDefault(host, Map.of()).getOrDefault(protocol, Map.of()));
    }

    /** One port's verdict, or null when the scan has none for it. */
    public Verdict verdict(InetAddress host, Protocol protocol, int port) {
        return ports(host, protocol).get(port);
    }

    /** nmap's own run time ({@code runstats/finished/@elapsed}). */
    public double elapsedSeconds() {
        return elapsedSeconds;
    }

    /** The command line nmap recorded. */
    public String args() {
        return args;
    }
}
