package org.synscan.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synscan.UsageException;
import org.synscan.result.PortResult;
import org.synscan.result.PortState;
import org.synscan.result.Protocol;
import org.synscan.result.Reason;

/** Result files read back for merge: every bad input is a usage error naming the file and the line. */
class ResultFilesTest {
    private static final String PORT = "{\"type\":\"port\",\"address\":\"198.18.0.2\",\"addrtype\":\"ipv4\","
            + "\"protocol\":\"tcp\",\"port\":80,\"state\":\"open\",\"reason\":\"syn-ack\",\"reason_ttl\":64}";
    private static final String HEADER = "{\"type\":\"header\",\"scanner\":\"synscan\",\"tcp\":{\"count\":1}}";
    private static final String XML_HEAD = "<?xml version=\"1.0\"?>\n<!DOCTYPE nmaprun>\n<nmaprun>\n"
            + "<host><address addr=\"198.18.0.2\" addrtype=\"ipv4\"/>\n<ports>\n";
    private static final String XML_PORT = "<port protocol=\"tcp\" portid=\"80\"><state state=\"open\" reason=\"syn-ack\""
            + " reason_ttl=\"64\"/></port>\n";
    private static final String XML_TAIL = "</ports></host>\n</nmaprun>\n";

    @TempDir
    Path dir;

    private List<PortResult> read(String name, String content) throws IOException {
        Path f = Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
        List<PortResult> out = new ArrayList<>();
        ResultFiles.read(f, (ipv6, hi, lo, r) -> out.add(r));
        return out;
    }

    @Test
    void goodLinesAndElementsReadBack() throws IOException {
        PortResult open = new PortResult(Protocol.TCP, 80, PortState.OPEN, Reason.SYN_ACK, 64);
        assertEquals(List.of(open, open), read("ok.json", "\n" + HEADER + "\n" + PORT + "\r\n\n" + PORT));
        assertEquals(List.of(open), read("ok.xml", XML_HEAD + XML_PORT + XML_TAIL));
    }

    /** {file name, content, line the message must name, what it must say}. */
    @Test
    void badJsonLinesNameFileAndLine() {
        String[][] cases = {
            {"a.json", HEADER + "\n" + PORT.replace(":80,", ":99999,"), "2", "port 99999 is out of range (0-65535)"},
            {"b.json", PORT.replace(":80,", ":-1,"), "1", "port -1 is out of range"},
            {"c.json", PORT.replace(":80,", ":\"80\","), "1", "port '80' is not a whole number"},
            {"d.json", PORT.replace(":80,", ":80.0,"), "1", "port 80.0 is not a whole number"},
            {"e.json", PORT.replace(":64}", ":256}"), "1", "reason_ttl 256 is out of range (0-255)"},
            {"f.json", PORT + "\n" + PORT.replace("open", "opened"), "2", "unknown port state 'opened'"},
            {"g.json", PORT.replace("syn-ack", "because"), "1", "unknown reason 'because'"},
            {"h.json", PORT.replace("\"tcp\"", "\"sctp\""), "1", "protocol 'sctp'"},
            {"i.json", PORT.replace("198.18.0.2", "198.18.0.256"), "1", "bad address '198.18.0.256'"},
            {"j.json", PORT.replace("\"address\":\"198.18.0.2\",", ""), "1", "\"address\" is missing"},
            {"k.json", PORT.replace("\"198.18.0.2\"", "7"), "1", "\"address\" is not a string"},
            {"l.json", PORT.replace("198.18.0.2", "\\u00zz"), "1", "\\u needs four hex digits"},
            {"m.json", PORT.replace(":80,", ":８０,"), "1", "a value expected"},
            {"n.json", PORT.replace(":80,", ":80,\"port\":81,"), "1", "member \"port\" given twice"},
            {"o.json", HEADER + "\n\n" + "{\"type\":\"port\",", "3", "not a JSON object as synscan -oJ writes them"},
            {"p.json", "{\"a\":\"" + "x".repeat(ResultFiles.MAX_JSON_LINE_BYTES) + "\"}", "1", "longer than"},
        };
        for (String[] c : cases) {
            UsageException e = assertThrows(UsageException.class, () -> read(c[0], c[1]), c[0]);
            assertTrue(e.getMessage().startsWith(dir.resolve(c[0]) + " line " + c[2] + ": "), c[0] + " -> " + e.getMessage());
            assertTrue(e.getMessage().contains(c[3]), c[0] + " -> " + e.getMessage());
            assertTrue(e.getMessage().length() < 300, c[0] + ": one screen line, not the input -> " + e.getMessage());
        }
    }

    @Test
    void badXmlNamesFileAndLine() {
        String[][] cases = {
            {"a.xml", XML_HEAD + XML_PORT.replace("\"80\"", "\"99999\"") + XML_TAIL, "6", "portid 99999 is out of range"},
            {"b.xml", XML_HEAD + "\n" + XML_PORT.replace("\"80\"", "\"٨٠\"") + XML_TAIL, "7", "portid '٨٠' is not a whole number"},
            {"c.xml", XML_HEAD + XML_PORT.replace("\"64\"", "\"999\"") + XML_TAIL, "6", "reason_ttl 999 is out of range"},
            {"d.xml", XML_HEAD + XML_PORT.replace("open", "ajar") + XML_TAIL, "6", "unknown port state 'ajar'"},
            {"e.xml", XML_HEAD + XML_PORT + "</nmaprun>\n", "7", "not readable nmap XML"},
            {"f.xml", XML_HEAD.replace("198.18.0.2", "198.18.0.2.3") + XML_TAIL, "4", "bad address"},
            {"g.xml", XML_HEAD + "<extraports state=\"closed\"><extrareasons reason=\"reset\" count=\"2\" proto=\"tcp\""
                    + " ports=\"5-3\"/></extraports>\n" + XML_TAIL, "6", "port range 5-3 is backwards"},
            {"h.xml", "<?xml version=\"1.0\"?>\n<!DOCTYPE n [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;"
                    + "&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;"
                    + "&c;&c;\"><!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\"><!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;"
                    + "&e;\">]>\n<nmaprun>&f;</nmaprun>\n", "", "entity expansions"},
        };
        for (String[] c : cases) {
            UsageException e = assertThrows(UsageException.class, () -> read(c[0], c[1]), c[0]);
            // "" where the parser's own line is inside an entity's text, not the file's
            String line = dir.resolve(c[0]) + " line " + c[2] + (c[2].isEmpty() ? "" : ": ");
            assertTrue(e.getMessage().startsWith(line), c[0] + " -> " + e.getMessage());
            assertTrue(e.getMessage().contains(c[3]), c[0] + " -> " + e.getMessage());
        }
    }

    @Test
    void filesThatAreNoResultsAreUsageErrors() throws IOException {
        Path missing = dir.resolve("missing.json");
        assertEquals(missing + ": no such file", assertThrows(UsageException.class,
                () -> ResultFiles.read(missing, (ipv6, hi, lo, r) -> { })).getMessage());
        assertEquals(dir + " is a directory, not a result file", assertThrows(UsageException.class,
                () -> ResultFiles.read(dir, (ipv6, hi, lo, r) -> { })).getMessage());
        assertEquals("/dev/zero is neither synscan JSON lines (-oJ) nor nmap XML (-oX)", assertThrows(UsageException.class,
                () -> ResultFiles.read(Path.of("/dev/zero"), (ipv6, hi, lo, r) -> { })).getMessage());
        assertThrows(UsageException.class, () -> read("blank.json", " \n".repeat(40_000)));
    }

    /** Read once, front to back: a pipe (merge <(cat a.json)) works, though it cannot seek or be reopened. */
    @Test
    void aPipeIsReadLikeAFile() throws Exception {
        Path fifo = dir.resolve("fifo");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertEquals(0, mk.waitFor());
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try (OutputStream out = Files.newOutputStream(fifo)) {
                out.write(("  \n" + HEADER + "\n" + PORT + "\n").getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        List<PortResult> got = new ArrayList<>();
        ResultFiles.read(fifo, (ipv6, hi, lo, r) -> got.add(r));
        writer.get();
        assertEquals(1, got.size());
    }
}
