package org.synscan.output;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.SAXParserFactory;
import org.synscan.ScanFailure;
import org.synscan.UsageException;
import org.synscan.result.PortResult;
import org.synscan.result.PortState;
import org.synscan.result.Protocol;
import org.synscan.result.Reason;
import org.synscan.target.IpAddress;
import org.synscan.text.Ascii;
import org.synscan.text.BoundedLines;
import org.synscan.text.JsonReader;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads results back from synscan's own outputs, for {@code synscan merge}: JSON lines (-oJ) and nmap
 * XML (-oX, ours or nmap's). Folded ports come back too when the XML names them (extrareasons with
 * {@code ports}, as synscan and nmap 7.9x write it); older nmap XML only counts them, and those are
 * skipped with a count.
 * <p>
 * The files are input like any other: read once, as a stream (a pipe or process substitution works),
 * JSON lines bounded in length and parsed strictly ({@link JsonReader}), every value checked (an
 * address, a port 0-65535, a TTL 0-255, a known protocol, state and reason). Anything else is a
 * {@link UsageException} naming the file and the line.
 */
public final class ResultFiles {
    /** Where read results go; one call per port. */
    public interface Sink {
        void port(boolean ipv6, long hi, long lo, PortResult result);
    }

    /** A JSON line of ours is under a kilobyte; the header holds the command line, which Linux caps at 2 MB. */
    static final int MAX_JSON_LINE_BYTES = 4 << 20;
    /** How far the format is looked for: blank space before the first '{' or '<'. */
    private static final int SNIFF_BYTES = 1 << 16;

    private ResultFiles() {
    }

    /** Reads {@code file} (format by its first non-blank character); returns folded ports it could not expand. */
    public static long read(Path file, Sink sink) {
        if (Files.isDirectory(file)) {
            throw new UsageException(file + " is a directory, not a result file");
        }
        try (InputStream raw = Files.newInputStream(file)) {
            ByteArrayOutputStream blank = new ByteArrayOutputStream();
            int c = firstNonBlank(raw, blank);
            // what was looked at goes back in front; no mark and reset, which would ask a pipe its size
            InputStream in = new SequenceInputStream(new ByteArrayInputStream(blank.toByteArray()), raw);
            if (c == '<') {
                return readXml(file, in, sink);
            }
            if (c == '{') {
                readJson(file, in, sink);
                return 0;
            }
            throw new UsageException(file + " is neither synscan JSON lines (-oJ) nor nmap XML (-oX)");
        } catch (NoSuchFileException e) {
            throw new UsageException(file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new UsageException(file + ": permission denied");
        } catch (IOException e) {
            throw new ScanFailure("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** The first byte that is not white space, within the first {@link #SNIFF_BYTES}; all bytes read go to {@code seen}. */
    private static int firstNonBlank(InputStream in, ByteArrayOutputStream seen) throws IOException {
        int c;
        do {
            c = in.read();
            if (c >= 0) {
                seen.write(c);
            }
        } while ((c == ' ' || c == '\n' || c == '\r' || c == '\t') && seen.size() < SNIFF_BYTES);
        return c;
    }

    private static void readJson(Path file, InputStream in, Sink sink) throws IOException {
        BoundedLines lines = new BoundedLines(in, StandardCharsets.UTF_8, MAX_JSON_LINE_BYTES);
        try {
            String line;
            while ((line = lines.next()) != null) {
                String where = file + " line " + lines.lineNumber();
                if (line.isBlank()) {
                    continue;
                }
                Map<String, Object> o;
                try {
                    o = JsonReader.object(line);
                } catch (JsonReader.MalformedJsonException e) {
                    throw new UsageException(where + ": not a JSON object as synscan -oJ writes them ("
                            + e.getMessage() + ")");
                }
                if (!"port".equals(o.get("type"))) {
                    continue; // header and summary lines
                }
                IpAddress a = address(string(o, "address", where), where);
                Object ttl = o.get("reason_ttl");
                sink.port(a.ipv6(), a.hi(), a.lo(), new PortResult(protocol(string(o, "protocol", where), where),
                        (int) jsonInteger(o.get("port"), "port", 0, 65535, where),
                        state(string(o, "state", where), where), reason(string(o, "reason", where), where),
                        ttl == null ? 0 : (int) jsonInteger(ttl, "reason_ttl", 0, 255, where)));
            }
        } catch (BoundedLines.LineTooLongException e) {
            throw new UsageException(file + " line " + e.line() + ": longer than " + e.limit()
                    + " bytes; not synscan JSON lines");
        }
    }

    private static String string(Map<String, Object> o, String key, String where) {
        if (o.get(key) instanceof String s) {
            return s;
        }
        throw new UsageException(where + ": \"" + key + "\" is " + (o.containsKey(key) ? "not a string" : "missing"));
    }

    /** A JSON integer in [min, max]. */
    private static long jsonInteger(Object value, String name, long min, long max, String where) {
        if (!(value instanceof Long v)) {
            throw new UsageException(where + ": " + name + " " + shown(value) + " is not a whole number");
        }
        return inRange(v, name, min, max, where);
    }

    /** An XML attribute's whole number (ASCII digits) in [min, max]. */
    private static long xmlInteger(String text, String name, long min, long max, String where) {
        if (text == null || !Ascii.isDigits(text.trim())) {
            throw new UsageException(where + ": " + name + " " + shown(text) + " is not a whole number");
        }
        return inRange(Ascii.decimal(text.trim()), name, min, max, where);
    }

    private static long inRange(long v, String name, long min, long max, String where) {
        if (v < min || v > max) {
            throw new UsageException(where + ": " + name + " " + v + " is out of range (" + min + "-" + max + ")");
        }
        return v;
    }

    private static String shown(Object value) {
        String s = value instanceof String t ? "'" + t + "'" : String.valueOf(value);
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }

    private static long readXml(Path file, InputStream in, Sink sink) throws IOException {
        XmlHandler handler = new XmlHandler(file, sink);
        try {
            SAXParserFactory f = SAXParserFactory.newInstance();
            // nmap's XML names a DTD and a stylesheet: never fetch anything while reading it, and
            // keep the parser's limits on entity expansion (a "billion laughs" file is an error)
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            InputSource source = new InputSource(in);
            source.setSystemId(file.toUri().toString());
            f.newSAXParser().parse(source, handler);
        } catch (SAXParseException e) {
            throw new UsageException(file + " line " + e.getLineNumber() + ": not readable nmap XML ("
                    + e.getMessage() + ")");
        } catch (SAXException | javax.xml.parsers.ParserConfigurationException e) {
            throw new UsageException(file + " is not readable nmap XML: " + e.getMessage());
        }
        return handler.unexpanded;
    }

    /** Walks host / address / ports / port+state / extraports+extrareasons. */
    private static final class XmlHandler extends DefaultHandler {
        private final Path file;
        private final Sink sink;
        private Locator locator;
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
        public void setDocumentLocator(Locator locator) {
            this.locator = locator;
        }

        private String where() {
            return locator == null ? file.toString() : file + " line " + locator.getLineNumber();
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes a) {
            switch (qName) {
                case "host" -> host = null;
                case "address" -> {
                    String type = a.getValue("addrtype");
                    if (type == null || type.equals("ipv4") || type.equals("ipv6")) {
                        host = address(a.getValue("addr"), where());
                    }
                }
                case "port" -> {
                    protocol = protocol(a.getValue("protocol"), where());
                    port = (int) xmlInteger(a.getValue("portid"), "portid", 0, 65535, where());
                }
                case "state" -> {
                    if (host != null && protocol != null) {
                        String ttl = a.getValue("reason_ttl");
                        sink.port(host.ipv6(), host.hi(), host.lo(), new PortResult(protocol, port,
                                state(a.getValue("state"), where()), reason(a.getValue("reason"), where()),
                                ttl == null ? 0 : (int) xmlInteger(ttl, "reason_ttl", 0, 255, where())));
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
            String count = a.getValue("count");
            if (host == null || ports == null || proto == null) {
                unexpanded += count == null ? 0 : xmlInteger(count, "count", 0, 65536, where());
                return;
            }
            Protocol p = protocol(proto, where());
            PortState state = state(extraState, where());
            Reason reason = reason(a.getValue("reason"), where());
            for (String range : ports.split(",")) {
                int dash = range.indexOf('-');
                int from = (int) xmlInteger(dash < 0 ? range : range.substring(0, dash), "port", 0, 65535, where());
                int to = dash < 0 ? from : (int) xmlInteger(range.substring(dash + 1), "port", 0, 65535, where());
                if (from > to) {
                    throw new UsageException(where() + ": port range " + range + " is backwards");
                }
                for (int port = from; port <= to; port++) {
                    // the folded ports' reply TTL is not in the XML; 0 says "unknown"
                    sink.port(host.ipv6(), host.hi(), host.lo(), new PortResult(p, port, state, reason, 0));
                }
            }
        }
    }

    private static IpAddress address(String text, String where) {
        return (text == null ? java.util.Optional.<IpAddress>empty() : IpAddress.parseLiteral(text))
                .orElseThrow(() -> new UsageException(where + ": bad address " + shown(text)));
    }

    private static Protocol protocol(String text, String where) {
        if ("tcp".equals(text)) {
            return Protocol.TCP;
        }
        if ("udp".equals(text)) {
            return Protocol.UDP;
        }
        throw new UsageException(where + ": protocol " + shown(text) + " (synscan merges tcp and udp)");
    }

    private static PortState state(String text, String where) {
        for (PortState s : PortState.values()) {
            if (s.label().equals(text)) {
                return s;
            }
        }
        throw new UsageException(where + ": unknown port state " + shown(text));
    }

    private static Reason reason(String text, String where) {
        String t = text == null ? "" : text.toLowerCase(Locale.ROOT);
        for (Reason r : Reason.values()) {
            if (r.label().equals(t) || r.label(2).equals(t)) {
                return r;
            }
        }
        throw new UsageException(where + ": unknown reason " + shown(text));
    }
}
