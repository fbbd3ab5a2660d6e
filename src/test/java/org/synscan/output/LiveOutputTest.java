package org.synscan.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synscan.plan.OutputSpec;
import org.synscan.plan.OutputSpec.Format;
import org.synscan.result.PortResult;
import org.synscan.result.PortState;
import org.synscan.result.Protocol;
import org.synscan.result.Reason;
import org.synscan.result.ScanResults;

/**
 * The writer thread on real files: hosts reach the files while the scan runs, checkpoints record
 * what the files hold, and a run stopped or killed at any point resumes into outputs that hold every
 * result exactly once.
 */
class LiveOutputTest {
    private static final Pattern JSON_PORT = Pattern.compile("\"address\":\"([^\"]+)\".*\"protocol\":\"(\\w+)\",\"port\":(\\d+)");
    private static final int PORTS = 40;

    @TempDir
    Path dir;

    /** One run of the writer over files in {@link #dir}. */
    final class Run {
        final ScanResults results = new ScanResults(false);
        final ResultFeed feed = new ResultFeed();
        final StringWriter stdout = new StringWriter();
        final PrintWriter out = new PrintWriter(stdout);
        final ReportSet reports;
        final ResumeJournal journal;
        final LiveOutput live;

        Run(ResumeState resumed) {
            List<OutputSpec> specs = specs();
            reports = ReportSet.open(specs, out, FormatsGoldenTest.NAMES, false, new StateFolding(false, 0), 0,
                    resumed == null ? null : resumed.lengths());
            if (resumed != null) {
                for (ResumeState.Logged l : resumed.results()) {
                    results.record(l.hi(), l.lo(), l.result(), -1);
                }
            }
            results.addListener(feed);
            journal = resumed == null ? ResumeJournal.create(journalPath(), List.of("198.18.0.0/30", "-p", "1-40"), 7,
                    "fp") : ResumeJournal.append(journalPath());
            live = new LiveOutput(reports, results, feed, journal, PORTS);
            live.start(new ScanInfo("0.1.0", "synscan test", FormatsGoldenTest.STARTED, "1-40", PORTS, null, 0, 0,
                    resumed != null, null), resumed);
        }

        void settle(int host, int port) {
            results.record(0, 0xC6120000L + host, result(port), 1000);
        }

        void finish(boolean complete) {
            live.finish(new ScanSummary(4, results.hostCount(), 1, 0, 0, 0, 0, 0, 0, complete ? 0 : 1, 0, 0),
                    FormatsGoldenTest.FINISHED, complete);
            reports.close(out);
        }
    }

    static PortResult result(int port) {
        return port % 7 == 0 ? new PortResult(Protocol.TCP, port, PortState.OPEN, Reason.SYN_ACK, 64)
                : new PortResult(Protocol.TCP, port, PortState.CLOSED, Reason.RESET, 64);
    }

    List<OutputSpec> specs() {
        return List.of(new OutputSpec(Format.NORMAL, file("a.nmap").toString()),
                new OutputSpec(Format.XML, file("a.xml").toString()),
                new OutputSpec(Format.GREPABLE, file("a.gnmap").toString()),
                new OutputSpec(Format.JSON, file("a.json").toString()));
    }

    Path file(String name) {
        return dir.resolve(name);
    }

    Path journalPath() {
        return dir.resolve("a.resume");
    }

    String read(String name) throws IOException {
        return Files.readString(file(name), StandardCharsets.UTF_8);
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
            Thread.sleep(20);
        }
    }

    @Test
    void aCompleteHostReachesEveryFileWhileTheScanRuns() throws Exception {
        Run run = new Run(null);
        for (int p = 1; p <= PORTS; p++) {
            run.settle(1, p);
        }
        run.settle(2, 1);
        // one tick writes them all; the files are flushed one after the other
        await(() -> contains("a.gnmap", "Host: 198.18.0.1 ()\tPorts: 7/open/tcp") && contains("a.json", "\"port\":1,")
                && contains("a.nmap", "synscan scan report") && contains("a.xml", "</host>"), "every output");
        assertTrue(read("a.nmap").contains("synscan scan report for 198.18.0.1"));
        assertTrue(read("a.xml").contains("<address addr=\"198.18.0.1\""));
        await(() -> jsonCount() == PORTS + 1, "every result in the JSON lines");
        assertFalse(read("a.gnmap").contains("198.18.0.2"), "host 2 is not complete yet");
        run.finish(true);
        assertTrue(read("a.gnmap").contains("Host: 198.18.0.2 ()\tPorts: 1/closed/tcp/////\n"));
        assertFalse(Files.exists(journalPath()), "a finished scan leaves no resume file");
        FormatsGoldenTest.assertValidNmapXml(read("a.xml"));
    }

    private int jsonCount() {
        try {
            return jsonPorts(read("a.json")).size();
        } catch (IOException e) {
            return -1;
        }
    }

    private boolean contains(String name, String text) {
        try {
            return Files.exists(file(name)) && read(name).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void aStoppedRunResumesIntoOutputsWithEveryResultOnce() throws Exception {
        Run first = new Run(null);
        for (int host = 1; host <= 3; host++) {
            for (int p = 1; p <= (host == 1 ? PORTS : 15); p++) {
                first.settle(host, p);
            }
        }
        first.finish(false);
        assertTrue(Files.exists(journalPath()), "a stopped scan keeps its resume file");
        ResumeState state = ResumeState.load(journalPath());
        assertEquals(List.of("198.18.0.0/30", "-p", "1-40"), state.args());
        assertEquals(PORTS + 30, state.results().size());
        assertEquals(state.results().size(), state.replayFrom(), "the last checkpoint follows the last result");
        assertEquals(Set.of(new ResumeState.Key(0, 0xC6120001L)), state.reported());
        assertArrayEquals(new long[] {Files.size(file("a.nmap")), Files.size(file("a.xml")), Files.size(file("a.gnmap")),
            Files.size(file("a.json"))}, state.lengths());

        Run second = new Run(state);
        for (int host = 2; host <= 4; host++) {
            for (int p = host == 4 ? 1 : 16; p <= PORTS; p++) {
                second.settle(host, p);
            }
        }
        second.finish(true);
        assertEveryResultOnce();
        String gnmap = read("a.gnmap");
        assertEquals(2, count(gnmap, "# synscan 0.1.0 scan initiated"), "one header per run:\n" + gnmap);
        assertEquals(1, count(gnmap, "Host: 198.18.0.1 ()\tPorts:"), "a host completed in the first run is not repeated");
        assertEquals(1, count(read("a.xml"), "<?xml"), "the XML is rewritten, not appended");
        assertEquals(4, count(read("a.xml"), "<host "));
    }

    @Test
    void aKilledRunResumesFromItsLastCheckpoint() throws Exception {
        Run first = new Run(null);
        for (int p = 1; p <= PORTS; p++) {
            first.settle(1, p);
        }
        for (int p = 1; p <= 10; p++) {
            first.settle(2, p);
        }
        // the journal appears after two seconds and is checkpointed every second
        await(() -> Files.exists(journalPath()) && ResumeState.load(journalPath()).replayFrom() == PORTS + 10,
                "a checkpoint on disk");
        first.live.abandon();
        // SIGKILL: the writer never finishes. What a crash leaves: outputs written past the checkpoint
        // (results of the lost second), a journal line cut in half.
        long jsonAtCheckpoint = ResumeState.load(journalPath()).lengths()[3];
        Files.writeString(file("a.json"), "{\"type\":\"port\",\"address\":\"198.18.0.2\",\"addrtype\":\"ipv4\","
                + "\"protocol\":\"tcp\",\"port\":11,\"state\":\"closed\"}\n{\"type\":\"po", StandardOpenOption.APPEND);
        Files.writeString(journalPath(), "R\t198.18.0.2\ttcp\t11\tclo", StandardOpenOption.APPEND);
        assertTrue(Files.size(file("a.json")) > jsonAtCheckpoint);

        ResumeState state = ResumeState.load(journalPath());
        assertEquals(PORTS + 10, state.results().size(), "the half line is ignored");
        Run second = new Run(state);
        assertEquals(jsonAtCheckpoint, Files.size(file("a.json")) - lastLineLength(read("a.json")),
                "the JSON file was cut back to the checkpoint before the new header");
        for (int host = 2; host <= 4; host++) {
            for (int p = host == 2 ? 11 : 1; p <= PORTS; p++) {
                second.settle(host, p);
            }
        }
        second.finish(true);
        assertEveryResultOnce();
    }

    @Test
    void theJournalIsOnlyWrittenOnceTheScanRunsAWhile() throws Exception {
        Run run = new Run(null);
        run.settle(1, 1);
        Thread.sleep(LiveOutput.CHECKPOINT_MILLIS + LiveOutput.TICK_MILLIS * 2);
        assertFalse(Files.exists(journalPath()), "no file in the first " + LiveOutput.PERSIST_AFTER_MILLIS + " ms");
        run.finish(false);
        assertEquals(1, ResumeState.load(journalPath()).results().size());
    }

    @Test
    void aJournalOfManyLinesGetsItsFileForItsSizeNotItsAge() throws Exception {
        Run run = new Run(null);
        long started = System.nanoTime();
        int lines = LiveOutput.PERSIST_PENDING_CHARS / 30 + 1; // every R line is longer than 30 characters
        for (int i = 0; i < lines; i++) {
            run.settle(i / PORTS, i % PORTS + 1);
        }
        await(() -> Files.exists(journalPath()), "the resume file");
        assertTrue(System.nanoTime() - started < LiveOutput.PERSIST_AFTER_MILLIS * 1_000_000L,
                "written once its lines in memory passed " + LiveOutput.PERSIST_PENDING_CHARS + " characters");
        run.finish(false);
        assertEquals(lines, ResumeState.load(journalPath()).results().size(), "every line, before and after");
    }

    @Test
    void anUnwritableResumeFileDoesNotStopTheScan() throws Exception {
        Path blocked = dir.resolve("no-such-dir").resolve("a.resume");
        ResumeJournal j = ResumeJournal.create(blocked, List.of("x"), 1, "fp");
        j.result(false, 0, 1, result(1));
        j.persist();
        j.result(false, 0, 1, result(2));
        j.checkpoint(new long[] {1});
        j.close(false);
        assertTrue(j.problem() != null && !Files.exists(blocked), String.valueOf(j.problem()));
    }

    @Test
    void resumeFileEscapesArgumentsAndRejectsOtherFiles() throws Exception {
        assertEquals("a\tb\\c\nd", ResumeJournal.unescape(ResumeJournal.escape("a\tb\\c\nd")));
        ResumeJournal j = ResumeJournal.create(journalPath(), List.of("-iL", "my\ttargets"), -5, "fp 1");
        j.persist();
        j.close(false);
        ResumeState s = ResumeState.load(journalPath());
        assertEquals(List.of("-iL", "my\ttargets"), s.args());
        assertEquals(-5, s.seed());
        assertEquals("fp 1", s.fingerprint());
        assertNull(s.lengths());
    }

    /** Both runs' JSON lines together hold each (host, port) once; the XML holds the whole scan. */
    private void assertEveryResultOnce() throws IOException {
        List<String> json = jsonPorts(read("a.json"));
        Set<String> unique = new TreeSet<>(json);
        assertEquals(json.size(), unique.size(), "duplicates in the JSON lines");
        Set<String> expected = new TreeSet<>();
        for (int host = 1; host <= 4; host++) {
            for (int p = 1; p <= PORTS; p++) {
                expected.add("198.18.0." + host + " tcp " + p);
            }
        }
        assertEquals(expected, unique);
        String xml = read("a.xml");
        FormatsGoldenTest.assertValidNmapXml(xml);
        for (int host = 1; host <= 4; host++) {
            assertTrue(xml.contains("<address addr=\"198.18.0." + host + "\""), xml);
            assertTrue(xml.contains("<extraports state=\"closed\" count=\"" + (PORTS - PORTS / 7) + "\">"), xml);
        }
        assertEquals(4 * (PORTS / 7), count(xml, "state=\"open\""));
    }

    static List<String> jsonPorts(String text) {
        List<String> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            Matcher m = JSON_PORT.matcher(line);
            if (line.contains("\"type\":\"port\"") && m.find()) {
                out.add(m.group(1) + " " + m.group(2) + " " + m.group(3));
            }
        }
        return out;
    }

    static int lastLineLength(String text) {
        return text.length() - text.lastIndexOf('\n', text.length() - 2) - 1;
    }

    static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
