package org.synscan.output;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import javax.xml.parsers.SAXParserFactory;
import org.synscan.ScanFailure;
import org.synscan.UsageException;
import org.synscan.result.PortResult;
import org.synscan.result.PortState;
import org.synscan.result.Protocol;
import org.synscan.result.Reason;
import org.synscan.target.IpAddress;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads results back from synscan's own outputs, for {@code synscan merge}: JSON lines (-oJ) and nmap
 * XML (-oX, ours or nmap's). Folded ports come back too when the XML names them (extrareasons with
 * {@code ports}, as synscan and nmap 7.9x write it); older nmap XML only counts them, and those are
 * skipped with a count.
 */
public final class ResultFiles {
    /** Where read results go; one call per port. */
    public interface Sink {
        void port(boolean ipv6, long hi, long lo, PortResult result);
    }

    private ResultFiles() {
    }

    /** Reads {@code file} (format by its first non-blank character); returns folded ports it could not expand. */
    public static long read(Path file, Sink sink) {
        try (InputStream in = Files.newInputStream(file)) {
            int c;
            do {
                c = in.read();
            } while (c == ' ' || c == '\n' || c == '\r' || c == '\t');
            if (c == '<') {
                return readXml(file, sink);
            }
            if (c == '{') {
                readJson(file, sink);
                return 0;
            }
            throw new UsageException(file + " is neither synscan JSON lines (-oJ) nor nmap XML (-oX)");
        } catch (IOException e) {
            throw new ScanFailure("cannot read " + file + ": " + e.getMessage());
        }
    }

    private static void readJson(Path file, Sink sink) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = in.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                Map<String, String> o = flatObject(line, file, n);
                if (!"port".equals(o.get("type"))) {
                    continue; // header and summary lines
                }
                IpAddress a = address(o.get("address"), file, n);
                sink.port(a.ipv6(), a.hi(), a.lo(), new PortResult(protocol(o.get("protocol"), file, n),
                        integer(o.get("port"), file, n), state(o.get("state"), file, n), reason(o.get("reason"), file, n),
                        o.get("reason_ttl") == null ? 0 : integer(o.get("reason_ttl"), file, n)));
            }
        }
    }

    /**
     * The top-level members of one JSON object, values as their text (strings unescaped); nested objects
     * are skipped. Enough for our own lines, strict enough to name a broken one.
     */
    static Map<String, String> flatObject(String s, Path file, int line) {
        Map<String, String> out = new HashMap<>();
        int[] i = {skip(s, 0)};
        expect(s, i, '{', file, line);
        while (true) {
            i[0] = skip(s, i[0]);
            if (i[0] < s.length() && s.charAt(i[0]) == '}') {
                return out;
            }
            String key = string(s, i, file, line);
            i[0] = skip(s, i[0]);
            expect(s, i, ':', file, line);
            i[0] = skip(s, i[0]);
            out.put(key, value(s, i, file, line));
            i[0] = skip(s, i[0]);
            if (i[0] < s.length() && s.charAt(i[0]) == ',') {
                i[0]++;
            } else {
                i[0] = skip(s, i[0]);
                expect(s, i, '}', file, line);
                return out;
            }
        }
    }

    private static String value(String s, int[] i, Path file, int line) {
        if (i[0] >= s.length()) {
            throw broken(file, line);
        }
        char c = s.charAt(i[0]);
        if (c == '"') {
            return string(s, i, file, line);
        }
        if (c == '{') {
            int depth = 0;
            boolean inString = false;
            for (; i[0] < s.length(); i[0]++) {
                char d = s.charAt(i[0]);
                if (inString) {
                    if (d == '\\') {
                        i[0]++;
                    } else if (d == '"') {
                        inString = false;
                    }
                } else if (d == '"') {
                    inString = true;
                } else if (d == '{') {
                    depth++;
                } else if (d == '}' && --depth == 0) {
                    i[0]++;
                    return null;
                }
            }
            throw broken(file, line);
        }
        int start = i[0];
        while (i[0] < s.length() && ",} \t".indexOf(s.charAt(i[0])) < 0) {
            i[0]++;
        }
        String v = s.substring(start, i[0]);
        return v.equals("null") ? null : v;
    }

    private static String string(String s, int[] i, Path file, int line) {
        expect(s, i, '"', file, line);
        StringBuilder sb = new StringBuilder();
        while (i[0] < s.length()) {
            char c = s.charAt(i[0]++);
            if (c == '"') {
                return sb.toString();
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (i[0] >= s.length()) {
                break;
            }
            char e = s.charAt(i[0]++);
            switch (e) {
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'u' -> {
                    if (i[0] + 4 > s.length()) {
                        throw broken(file, line);
                    }
                    sb.append((char) Integer.parseInt(s.substring(i[0], i[0] + 4), 16));
                    i[0] += 4;
                }
                default -> sb.append(e);
            }
        }
        throw broken(file, line);
    }

    private static int skip(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static void expect(String s, int[] i, char c, Path file, int line) {
        if (i[0] >= s.length() || s.charAt(i[0]) != c) {
            throw broken(file, line);
        }
        i[0]++;
    }

    private static UsageException broken(Path file, int line) {
        return new UsageException(file + " line " + line + ": not a JSON object as synscan -oJ writes them");
    }

    private static long readXml(Path file, Sink sink) throws IOException {
        XmlHandler handler = new XmlHandler(file, sink);
        try {
            SAXParserFactory f = SAXParserFactory.newInstance();
            // nmap's XML names a DTD and a stylesheet: never fetch anything while reading it
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.newSAXParser().parse(file.toFile(), handler);
        } catch (SAXException | javax.xml.parsers.ParserConfigurationException e) {
            throw new UsageException(file + " is not readable nmap XML: " + e.getMessage());
        }
        return handler.unexpanded;
    }

    /** Walks host / address / ports / port+state / extraports+extrareasons. */
    private static final class XmlHandler extends DefaultHandler {
        private final Path file;
        private final Sink sink;
        private IpAddress host;
        private Protocol protocol;
        private int port;
        private String extraState;
        long unexpanded;

        XmlHandler(Path file, Sink sink) {
            this.file = file;
            this.sink = sink;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes a) {
            switch (qName) {
                case "host" -> host = null;
                case "address" -> {
                    String type = a.getValue("addrtype");
                    if (type == null || type.equals("ipv4") || type.equals("ipv6")) {
                        host = address(a.getValue("addr"), file, 0);
                    }
                }
                case "port" -> {
                    protocol = protocol(a.getValue("protocol"), file, 0);
                    port = integer(a.getValue("portid"), file, 0);
                }
                case "state" -> {
                    if (host != null && protocol != null) {
                        String ttl = a.getValue("reason_ttl");
                        sink.port(host.ipv6(), host.hi(), host.lo(), new PortResult(protocol, port,
                                state(a.getValue("state"), file, 0), reason(a.getValue("reason"), file, 0),
                                ttl == null ? 0 : integer(ttl, file, 0)));
                    }
                }
                case "extraports" -> extraState = a.getValue("state");
                case "extrareasons" -> extra(a);
                default -> {
                }
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            if (qName.equals("port")) {
                protocol = null;
            }
        }

        private void extra(Attributes a) {
            String ports = a.getValue("ports");
            String proto = a.getValue("proto");
            if (host == null || ports == null || proto == null) {
                unexpanded += a.getValue("count") == null ? 0 : integer(a.getValue("count"), file, 0);
                return;
            }
            Protocol p = protocol(proto, file, 0);
            PortState state = state(extraState, file, 0);
            Reason reason = reason(a.getValue("reason"), file, 0);
            for (String range : ports.split(",")) {
                int dash = range.indexOf('-');
                int from = integer(dash < 0 ? range : range.substring(0, dash), file, 0);
                int to = dash < 0 ? from : integer(range.substring(dash + 1), file, 0);
                for (int port = from; port <= to; port++) {
                    // the folded ports' reply TTL is not in the XML; 0 says "unknown"
                    sink.port(host.ipv6(), host.hi(), host.lo(), new PortResult(p, port, state, reason, 0));
                }
            }
        }
    }

    private static IpAddress address(String text, Path file, int line) {
        return (text == null ? java.util.Optional.<IpAddress>empty() : IpAddress.parseLiteral(text))
                .orElseThrow(() -> new UsageException(where(file, line) + ": bad address '" + text + "'"));
    }

    private static Protocol protocol(String text, Path file, int line) {
        if ("tcp".equals(text)) {
            return Protocol.TCP;
        }
        if ("udp".equals(text)) {
            return Protocol.UDP;
        }
        throw new UsageException(where(file, line) + ": protocol '" + text + "' (synscan merges tcp and udp)");
    }

    private static PortState state(String text, Path file, int line) {
        for (PortState s : PortState.values()) {
            if (s.label().equals(text)) {
                return s;
            }
        }
        throw new UsageException(where(file, line) + ": unknown port state '" + text + "'");
    }

    private static Reason reason(String text, Path file, int line) {
        String t = text == null ? "" : text.toLowerCase(Locale.ROOT);
        for (Reason r : Reason.values()) {
            if (r.label().equals(t) || r.label(2).equals(t)) {
                return r;
            }
        }
        throw new UsageException(where(file, line) + ": unknown reason '" + text + "'");
    }

    private static int integer(String text, Path file, int line) {
        try {
            return Integer.parseInt(text.trim());
        } catch (RuntimeException e) {
            throw new UsageException(where(file, line) + ": bad number '" + text + "'");
        }
    }

    private static String where(Path file, int line) {
        return line > 0 ? file + " line " + line : file.toString();
    }
}
