package org.synscan.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.synscan.result.HostResult;
import org.synscan.result.PortResult;
import org.synscan.result.PortState;
import org.synscan.result.Protocol;
import org.synscan.result.Reason;

/**
 * Every format on one fixed scan (an IPv4 host with most states and reasons, an IPv6 host, a host
 * with nothing open), compared byte for byte with the files in src/test/resources/org/synscan/output.
 * Run with -Dsynscan.updateGolden=true to rewrite them after a deliberate change, then review the diff.
 */
class FormatsGoldenTest {
    static final ZonedDateTime STARTED = ZonedDateTime.of(2025, 11, 7, 9, 5, 3, 0, ZoneOffset.UTC);
    static final ZonedDateTime FINISHED = STARTED.plusSeconds(12);
    static final ServiceNames NAMES = (p, port) -> switch (p.label() + port) {
        case "tcp22" -> "ssh";
        case "tcp80" -> "http";
        case "tcp81" -> "hosts2-ns";
        case "tcp3389" -> "ms-wbt-server";
        case "udp53" -> "domain";
        case "udp9" -> "discard";
        default -> null;
    };

    static ScanInfo info(int verbosity) {
        return new ScanInfo("0.1.0", "synscan 198.18.0.2 198.18.0.3 -p T:1-100,3389,U:9,53 -oA out", STARTED,
                "1-100,3389", 101, "9,53", 2, verbosity, false, null);
    }

    static final ScanSummary SUMMARY = new ScanSummary(2, 2, 12.34, 310, 4, 300, 1, 0, 0, 0, 0, 0);

    /** 198.18.0.2: 94 closed, open 22 and 80, filtered 81 (no-response) and 3389 (admin-prohibited), UDP. */
    static HostResult v4() {
        List<PortResult> ports = new ArrayList<>();
        for (int p = 1; p <= 100; p++) {
            switch (p) {
                case 22, 80 -> ports.add(new PortResult(Protocol.TCP, p, PortState.OPEN, Reason.SYN_ACK, 64));
                case 81 -> ports.add(new PortResult(Protocol.TCP, p, PortState.FILTERED, Reason.NO_RESPONSE, 0));
                case 111, 112 -> { }
                default -> ports.add(new PortResult(Protocol.TCP, p, PortState.CLOSED, Reason.RESET, 64));
            }
        }
        ports.add(new PortResult(Protocol.TCP, 3389, PortState.FILTERED, Reason.ADMIN_PROHIBITED, 63));
        ports.add(new PortResult(Protocol.UDP, 9, PortState.OPEN_FILTERED, Reason.NO_RESPONSE, 0));
        ports.add(new PortResult(Protocol.UDP, 53, PortState.OPEN, Reason.UDP_RESPONSE, 64));
        return new HostResult(0, 0xC6120002L, false, 120_000, ports);
    }

    /** 198.18.0.3: every port closed but one filtered. */
    static HostResult quiet() {
        List<PortResult> ports = new ArrayList<>();
        for (int p = 1; p <= 30; p++) {
            ports.add(new PortResult(Protocol.TCP, p, p == 7 ? PortState.FILTERED : PortState.CLOSED,
                    p == 7 ? Reason.NO_RESPONSE : Reason.RESET, 64));
        }
        return new HostResult(0, 0xC6120003L, false, -1, ports);
    }

    static HostResult v6() {
        return new HostResult(0xFD005CA000000000L, 2, true, 40_000, List.of(
                new PortResult(Protocol.TCP, 22, PortState.OPEN, Reason.SYN_ACK, 64),
                new PortResult(Protocol.TCP, 23, PortState.CLOSED, Reason.RESET, 64),
                new PortResult(Protocol.TCP, 111, PortState.FILTERED, Reason.NO_ROUTE, 64)));
    }

    /** Drives a report the way LiveOutput does: ports as they settle (1 s apart), hosts, the end. */
    static String render(Report report, StringWriter sink, HostResult... hosts) {
        report.begin(info(1));
        long millis = STARTED.toInstant().toEpochMilli();
        for (HostResult h : hosts) {
            for (PortResult p : h.ports()) {
                report.port(h.ipv6(), h.hi(), h.lo(), p, millis += 1000);
            }
        }
        for (HostResult h : hosts) {
            report.host(h);
        }
        report.end(SUMMARY, FINISHED);
        return sink.toString();
    }

    static String render(String format, StateFolding folding, boolean reason) {
        StringWriter w = new StringWriter();
        PrintWriter out = new PrintWriter(w);
        Report r = switch (format) {
            case "nmap" -> new NormalReport(out, NAMES, reason, folding, true);
            case "xml" -> new XmlReport(out, NAMES, folding, () -> FINISHED.toInstant().toEpochMilli());
            case "gnmap" -> new GrepableReport(out, NAMES, folding);
            case "json" -> new JsonReport(out, NAMES, folding.openOnly());
            default -> throw new IllegalArgumentException(format);
        };
        return render(r, w, v4(), quiet(), v6());
    }

    static void assertGolden(String name, String actual) throws IOException {
        Path file = Path.of("src/test/resources/org/synscan/output", name);
        if (Boolean.getBoolean("synscan.updateGolden")) {
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual, name);
    }

    @Test
    void normal() throws IOException {
        assertGolden("golden.nmap", render("nmap", new StateFolding(false, 0), true));
    }

    @Test
    void xml() throws IOException {
        String xml = render("xml", new StateFolding(false, 0), false);
        assertGolden("golden.xml", xml);
        assertValidNmapXml(xml);
    }

    @Test
    void grepable() throws IOException {
        assertGolden("golden.gnmap", render("gnmap", new StateFolding(false, 0), false));
    }

    @Test
    void json() throws IOException {
        String json = render("json", new StateFolding(false, 0), false);
        assertGolden("golden.json", json);
        assertValidJsonLines(json, 103 + 30 + 3);
    }

    @Test
    void openOnlyInEveryFormat() throws IOException {
        StateFolding open = new StateFolding(true, 0);
        StringBuilder all = new StringBuilder();
        for (String f : List.of("nmap", "gnmap", "json")) {
            all.append("=== ").append(f).append('\n').append(render(f, open, false));
        }
        String xml = render("xml", open, false);
        assertValidNmapXml(xml);
        all.append("=== xml\n").append(xml);
        assertGolden("golden-open.txt", all.toString());
    }

    /** A lone on-link target: its MAC address, as nmap reports it, in the normal and XML outputs. */
    @Test
    void macAddressOfAnOnLinkTarget() throws IOException {
        ScanInfo info = new ScanInfo("0.1.0", "synscan fd00:5ca0::2 -p 22,23,111", STARTED, "22-23,111", 3, null, 0,
                0, false, "1E:1F:FE:22:18:3C");
        StringBuilder all = new StringBuilder();
        for (String format : List.of("nmap", "xml")) {
            StringWriter w = new StringWriter();
            PrintWriter out = new PrintWriter(w);
            Report r = format.equals("nmap") ? new NormalReport(out, NAMES, false, new StateFolding(false, 0))
                    : new XmlReport(out, NAMES, new StateFolding(false, 0), () -> FINISHED.toInstant().toEpochMilli());
            r.begin(info);
            r.host(v6());
            r.end(SUMMARY, FINISHED);
            out.flush();
            all.append(w);
            if (format.equals("xml")) {
                assertValidNmapXml(w.toString());
            }
        }
        assertGolden("golden-mac.txt", all.toString());
    }

    /** xmllint against the DTD of the nmap package, when both are installed (CI installs them). */
    static void assertValidNmapXml(String xml) throws IOException {
        Path dtd = Path.of("/usr/share/nmap/nmap.dtd");
        Assumptions.assumeTrue(Files.exists(dtd) && onPath("xmllint"), "xmllint or nmap.dtd missing");
        Path file = Files.createTempFile("synscan", ".xml");
        try {
            Files.writeString(file, xml);
            String out = exec("xmllint", "--noout", "--dtdvalid", dtd.toString(), file.toString());
            assertEquals("", out, "xmllint");
        } finally {
            Files.delete(file);
        }
    }

    /** Each line parses as a JSON object (python3's json module: an independent parser). */
    static void assertValidJsonLines(String text, int ports) throws IOException {
        Assumptions.assumeTrue(onPath("python3"), "python3 missing");
        Path file = Files.createTempFile("synscan", ".json");
        try {
            Files.writeString(file, text);
            String out = exec("python3", "-c", "import json,sys\n"
                    + "rows=[json.loads(l) for l in open(sys.argv[1])]\n"
                    + "assert all(isinstance(r, dict) for r in rows)\n"
                    + "print(rows[0]['type'], sum(r['type']=='port' for r in rows), rows[-1]['type'])", file.toString());
            assertEquals("header " + ports + " summary\n", out);
        } finally {
            Files.delete(file);
        }
    }

    static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    static String exec(String... cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), String.join(" ", cmd) + ": " + out);
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
