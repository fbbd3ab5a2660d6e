package org.synscan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synscan.output.ReportSet;
import org.synscan.output.ResultFiles;
import org.synscan.output.ScanInfo;
import org.synscan.output.ScanSummary;
import org.synscan.output.StateFolding;
import org.synscan.plan.OutputSpec;
import org.synscan.result.HostResult;
import org.synscan.result.PortResult;
import org.synscan.result.PortState;
import org.synscan.result.Protocol;
import org.synscan.result.Reason;
import org.synscan.result.ScanResults;
import org.synscan.target.Services;

/** synscan merge: shard outputs (JSON lines and XML, folded ports included) back into one result set. */
class MergeCommandTest {
    @TempDir
    Path dir;

    /** Host .2: ports 1-200 closed but 22/80 open and 81 filtered; host .3: every third port of 1-90 open. */
    static PortResult expected(long host, int port) {
        if (host == 2) {
            return port == 22 || port == 80 ? new PortResult(Protocol.TCP, port, PortState.OPEN, Reason.SYN_ACK, 64)
                    : port == 81 ? new PortResult(Protocol.TCP, port, PortState.FILTERED, Reason.NO_RESPONSE, 0)
                    : new PortResult(Protocol.TCP, port, PortState.CLOSED, Reason.RESET, 64);
        }
        return port % 3 == 0 ? new PortResult(Protocol.TCP, port, PortState.OPEN, Reason.SYN_ACK, 63)
                : new PortResult(Protocol.TCP, port, PortState.CLOSED, Reason.RESET, 63);
    }

    /** Writes the ports of shard {@code shard} of 3 (port % 3 == shard) in the given format. */
    Path shard(int shard, OutputSpec.Format format, String name) {
        ScanResults r = new ScanResults(false);
        for (long host : new long[] {2, 3}) {
            for (int port = 1; port <= (host == 2 ? 200 : 90); port++) {
                if (port % 3 == shard) {
                    r.record(0, 0xC6120000L | host, expected(host, port), 1000);
                }
            }
        }
        Path file = dir.resolve(name);
        StringWriter stdout = new StringWriter();
        PrintWriter out = new PrintWriter(stdout);
        ReportSet reports = ReportSet.open(List.of(new OutputSpec(format, file.toString())), out, (p, port) -> null,
                false, new StateFolding(false, 0), 0, null);
        reports.begin(new ScanInfo("0.1.0", "synscan shard " + shard, java.time.ZonedDateTime.now(), "1-200", 200, null,
                0, 0, false, null));
        for (HostResult h : r.hosts()) {
            for (PortResult p : h.ports()) {
                reports.port(false, h.hi(), h.lo(), p, 0);
            }
            reports.host(h);
        }
        reports.end(new ScanSummary(2, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0), java.time.ZonedDateTime.now());
        reports.close(out);
        return file;
    }

    static Map<String, PortResult> read(Path file) {
        Map<String, PortResult> all = new TreeMap<>();
        ResultFiles.read(file, (ipv6, hi, lo, r) -> all.put(lo + "/" + r.protocol() + "/" + r.port(), r));
        return all;
    }

    @Test
    void shardsInJsonAndXmlMergeIntoTheWholeScan() throws Exception {
        Path a = shard(0, OutputSpec.Format.JSON, "a.json");
        Path b = shard(1, OutputSpec.Format.XML, "b.xml");
        Path c = shard(2, OutputSpec.Format.JSON, "c.json");
        Path merged = dir.resolve("all.json");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = MergeCommand.run(new String[] {a.toString(), b.toString(), c.toString(), "-oJ", merged.toString(),
                "-oX", dir.resolve("all.xml").toString()}, Services.load(null, null), new PrintWriter(out),
                new PrintWriter(err));
        assertEquals(0, code, err.toString());
        Map<String, PortResult> got = read(merged);
        assertEquals(290, got.size(), "every port of both hosts, once");
        for (Map.Entry<String, PortResult> e : got.entrySet()) {
            long host = Long.parseLong(e.getKey().split("/")[0]) & 0xFF;
            PortResult want = expected(host, e.getValue().port());
            PortResult have = e.getValue();
            assertEquals(want.state(), have.state(), e.getKey());
            assertEquals(want.reason(), have.reason(), e.getKey());
        }
        // the XML written by the merge reads back the same, folded closed ports included
        Map<String, PortResult> fromXml = read(dir.resolve("all.xml"));
        assertEquals(got.keySet(), fromXml.keySet());
        assertEquals("", err.toString());
    }

    @Test
    void aPortReportedTwiceKeepsTheFirstAndIsCounted() {
        Path a = shard(0, OutputSpec.Format.JSON, "a.json");
        Path again = shard(0, OutputSpec.Format.XML, "again.xml");
        StringWriter err = new StringWriter();
        StringWriter out = new StringWriter();
        int code = MergeCommand.run(new String[] {a.toString(), again.toString(), "-oJ", dir.resolve("m.json").toString()},
                Services.load(null, null), new PrintWriter(out), new PrintWriter(err));
        assertEquals(0, code);
        assertEquals(96, read(dir.resolve("m.json")).size(), "66 ports of .2 and 30 of .3");
        assertTrue(err.toString().contains("96 reported twice"), err.toString());
    }

    @Test
    void badFilesAreOneLineUsageErrors() throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.txt"), "hello\n");
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"type\":\"port\",\"address\":\n");
        for (Path p : List.of(junk, broken)) {
            Cli.Result r = new Cli().run("merge", p.toString());
            assertEquals(2, r.code(), r.err());
            assertEquals(1, r.err().lines().count(), r.err());
            assertTrue(r.err().startsWith("synscan: " + p), r.err());
        }
    }

    /**
     * Issue 14: a real shard's output with one line spoiled, each way a file can be wrong. Exit 2,
     * one line naming the file and the spoiled line, nothing written (a port of 99999 was an
     * internal error, exit 1).
     */
    @Test
    void aSpoiledLineExitsTwoNamingFileAndLine() throws Exception {
        List<String> json = Files.readAllLines(shard(0, OutputSpec.Format.JSON, "good.json"));
        List<String> xml = Files.readAllLines(shard(0, OutputSpec.Format.XML, "good.xml"));
        int jsonLine = indexOf(json, "\"port\":6,") + 1;
        int xmlLine = indexOf(xml, "portid=\"6\"") + 1;
        String[][] cases = {
            {"json", "\"port\":6,", "\"port\":99999,", "port 99999 is out of range (0-65535)"},
            {"json", "\"port\":6,", "\"port\":-6,", "port -6 is out of range"},
            {"json", "\"reason_ttl\":64", "\"reason_ttl\":300", "reason_ttl 300 is out of range (0-255)"},
            {"json", "\"state\":\"closed\"", "\"state\":\"shut\"", "unknown port state 'shut'"},
            {"json", "\"reason\":\"reset\"", "\"reason\":\"why\"", "unknown reason 'why'"},
            {"json", "\"protocol\":\"tcp\"", "\"protocol\":\"icmp\"", "protocol 'icmp'"},
            {"json", "198.18.0.2", "198.18.0.299", "bad address '198.18.0.299'"},
            {"json", "198.18.0.2", "\\u0031\\u00g8", "\\u needs four hex digits"},
            {"json", "\"port\":6,", "\"port\":６,", "not a JSON object"},
            {"json", "}", "", "not a JSON object"},
            {"xml", "portid=\"6\"", "portid=\"99999\"", "portid 99999 is out of range (0-65535)"},
            {"xml", "portid=\"6\"", "portid=\"６\"", "portid '６' is not a whole number"},
            {"xml", "state=\"open\"", "state=\"shut\"", "unknown port state 'shut'"},
            {"xml", "portid=\"6\"", "portid=\"6\" <", "not readable nmap XML"},
        };
        for (int i = 0; i < cases.length; i++) {
            String[] c = cases[i];
            boolean isJson = c[0].equals("json");
            List<String> lines = new java.util.ArrayList<>(isJson ? json : xml);
            int at = isJson ? jsonLine : xmlLine;
            assertTrue(lines.get(at - 1).contains(c[1]), "line " + at + " holds " + c[1] + ": " + lines.get(at - 1));
            lines.set(at - 1, lines.get(at - 1).replace(c[1], c[2]));
            Path bad = Files.write(dir.resolve("bad" + i + "." + c[0]), lines);
            Path out = dir.resolve("out" + i + ".json");
            Cli.Result r = new Cli().run("merge", dir.resolve("good.json").toString(), bad.toString(), "-oJ", out.toString());
            String what = c[2] + " -> " + r.err();
            assertEquals(2, r.code(), what);
            assertEquals(1, r.err().lines().count(), what);
            assertTrue(r.err().startsWith("synscan: " + bad + " line " + at + ": "), what);
            assertTrue(r.err().contains(c[3]), what);
            assertEquals("", r.out(), what);
            assertTrue(!Files.exists(out), "nothing is written from a bad input: " + what);
        }
    }

    private static int indexOf(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        throw new AssertionError(text + " not in the file");
    }
}
