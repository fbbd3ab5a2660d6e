package org.synscan.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.synscan.result.Protocol;

/**
 * The outputs on real lab scans: nmap's formats compared with nmap's own (xmllint, ndiff, the
 * grepable and normal port lines), Ctrl-C and SIGKILL followed by --resume, and the status line in
 * a pseudo-terminal.
 */
@ExtendWith(LabExtension.class)
class OutputsLabIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final Pattern JSON_PORT = Pattern.compile("\"type\":\"port\",\"address\":\"([^\"]+)\".*"
            + "\"protocol\":\"(\\w+)\",\"port\":(\\d+),\"state\":\"([^\"]+)\",\"reason\":\"([^\"]+)\"");
    private static final int PORTS = 3000;
    private final Truth truth = Truth.load();

    @TempDir
    Path dir;

    @BeforeAll
    static void tools() {
        Lab.requireTool("nmap");
        Lab.requireTool("ndiff");
        Lab.requireTool("xmllint");
        Lab.requireTool("script");
    }

    static List<String> synscan(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Lab.home().resolve("synscan").toString()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    static ProcessResult run(String... args) {
        ProcessResult r = Lab.inScanner(TIMEOUT, synscan(args).toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.describe());
        return r;
    }

    @Test
    void everyFormatAgreesWithNmapsOwn() throws Exception {
        for (String[] extra : new String[][] {{}, {"--open", "--reason"}}) {
            String ports = "1-1000,3389,50000";
            List<String> nmap = new ArrayList<>(List.of("nmap", "-sS", "-Pn", "-n", "-p", ports, "198.18.0.2", "-oA",
                    dir.resolve("nm").toString()));
            nmap.addAll(List.of(extra));
            ProcessResult n = Lab.inScanner(TIMEOUT, nmap.toArray(String[]::new));
            assertEquals(0, n.exitCode(), n.describe());
            List<String> ours = new ArrayList<>(List.of("198.18.0.2", "-p", ports, "-oA", dir.resolve("sy").toString(),
                    "-oJ", dir.resolve("sy.json").toString()));
            ours.addAll(List.of(extra));
            run(ours.toArray(String[]::new));
            String why = String.join(" ", extra);

            ProcessResult lint = Lab.run(TIMEOUT, List.of("xmllint", "--noout", "--dtdvalid", "/usr/share/nmap/nmap.dtd",
                    dir.resolve("sy.xml").toString()));
            assertEquals(0, lint.exitCode(), lint.describe());
            ProcessResult diff = Lab.run(TIMEOUT, List.of("ndiff", dir.resolve("nm.xml").toString(),
                    dir.resolve("sy.xml").toString()));
            // the scanners' banners differ; hosts, addresses (the target's MAC too) and ports do not
            for (String line : diff.stdout().lines().toList()) {
                assertTrue(line.isBlank() || line.matches("[-+]Nmap \\S+ scan initiated .*"),
                        "ndiff finds a difference (" + why + "):\n" + diff.stdout());
            }
            assertEquals(portsLine(read("nm.gnmap")), portsLine(read("sy.gnmap")), "grepable Ports: line " + why);
            assertEquals(table(read("nm.nmap")), table(read("sy.nmap")), "normal output's port table " + why);
            Map<String, String> json = jsonPorts(read("sy.json"));
            int expected = extra.length == 0 ? 1002 : (int) json.values().stream().filter(v -> v.startsWith("open")).count();
            assertEquals(expected, json.size(), why);
        }
    }

    /** "Host: 198.18.0.2 ()\tPorts: ..." with its Ignored State, as nmap writes it. */
    static String portsLine(String gnmap) {
        return gnmap.lines().filter(l -> l.contains("\tPorts: ")).findFirst().orElse("(none)\n" + gnmap);
    }

    /** From "Not shown" to the end of the port table. */
    static String table(String normal) {
        List<String> lines = normal.lines().toList();
        int from = 0;
        while (from < lines.size() && !lines.get(from).startsWith("Not shown") && !lines.get(from).startsWith("PORT")) {
            from++;
        }
        int to = from;
        while (to < lines.size() && !lines.get(to).isBlank() && !lines.get(to).startsWith("MAC Address")) {
            to++;
        }
        // nmap's note about its own RST rate-limit option has no synscan counterpart
        return String.join("\n", lines.subList(from, to).stream()
                .filter(l -> !l.startsWith("Some closed ports may be reported as filtered")).toList());
    }

    @Test
    void ctrlCThenResumeEqualsAFullScanIpv4() throws Exception {
        stopThenResume(false, "INT", Lab.TARGET_V4);
    }

    @Test
    void sigkillThenResumeFromTheCheckpointIpv6() throws Exception {
        stopThenResume(true, "KILL", Lab.TARGET_V6);
    }

    private void stopThenResume(boolean ipv6, String signal, InetAddress target) throws Exception {
        String host = ipv6 ? "fd00:5ca0::2" : "198.18.0.2";
        List<String> args = new ArrayList<>();
        if (ipv6) {
            args.add("-6");
        }
        args.addAll(List.of(host, "-p", "1-" + PORTS, "--rate", "400", "-oA", dir.resolve("s").toString(), "-oJ",
                dir.resolve("s.json").toString()));
        Lab.assertNoDefaultRoute();
        // python resets SIGINT to its default first: a JVM started with SIGINT ignored (a background job
        // of a non-interactive shell) would never see the Ctrl-C this test sends
        List<String> cmd = new ArrayList<>(List.of("python3", "-c", "import os,signal,sys\n"
                + "signal.signal(signal.SIGINT, signal.SIG_DFL)\nos.execvp(sys.argv[1], sys.argv[1:])"));
        cmd.addAll(Lab.scannerExec(synscan(args.toArray(String[]::new)).toArray(String[]::new)));
        Process scan = new ProcessBuilder(cmd)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(dir.resolve("run1.out").toFile()).redirectError(dir.resolve("run1.err").toFile()).start();
        // stop it a while into the scan: after some results (and, for SIGKILL, after a checkpoint on disk)
        Path resume = dir.resolve("s.resume");
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (signal.equals("KILL") ? !Files.exists(resume) : count(read("s.json"), "\"type\":\"port\"") < 300) {
            assertTrue(scan.isAlive() && System.nanoTime() < deadline, "no progress: " + read("run1.err"));
            Thread.sleep(50);
        }
        Thread.sleep(700);
        assertTrue(scan.isAlive(), "the scan is still running when stopped: " + read("run1.err"));
        // python, ip netns exec and the launcher all exec: the process is the JVM itself
        assertEquals(0, new ProcessBuilder("kill", "-" + signal, String.valueOf(scan.pid())).start().waitFor());
        assertTrue(scan.waitFor(60, TimeUnit.SECONDS));
        assertTrue(Files.exists(resume), "the resume file exists after SIG" + signal + ": " + read("run1.err"));
        if (signal.equals("INT")) {
            assertTrue(read("run1.err").contains("to resume: synscan --resume " + resume), read("run1.err"));
            assertTrue(read("s.xml").endsWith("</nmaprun>\n"), "Ctrl-C completes the XML");
        }
        long settledBefore = Files.readAllLines(resume).stream().filter(l -> l.startsWith("R\t")).count();
        assertTrue(settledBefore > 100 && settledBefore < PORTS, "interrupted mid-scan: " + settledBefore);

        ProcessResult again = run("--resume", resume.toString());
        assertFalse(Files.exists(resume), "a completed resume removes the resume file");
        // exactly the unsettled probes were sent again: first tries = all - settled
        Matcher sum = Pattern.compile("\"type\":\"summary\".*\"sent\":(\\d+),\"retries\":(\\d+)").matcher(read("s.json"));
        long sent = -1;
        long retries = -1;
        while (sum.find()) {
            sent = Long.parseLong(sum.group(1));
            retries = Long.parseLong(sum.group(2));
        }
        assertEquals(PORTS - settledBefore, sent - retries, again.describe());

        Map<String, String> union = jsonPorts(read("s.json")); // fails on a duplicate
        assertEquals(PORTS, union.size(), "every port once across both runs' JSON lines");
        NmapResults full = NmapResults.parse(run(ipv6 ? new String[] {"-6", host, "-p", "1-" + PORTS, "--rate",
            "100000", "-oX", "-"} : new String[] {host, "-p", "1-" + PORTS, "--rate", "100000", "-oX", "-"}).stdout());
        NmapResults resumed = NmapResults.parse(read("s.xml"));
        assertEquals(new TreeMap<>(full.ports(target, Protocol.TCP)), new TreeMap<>(resumed.ports(target, Protocol.TCP)),
                "the rewritten XML holds both runs and equals a full scan");
        SortedSet<Integer> all = new TreeSet<>();
        for (int p = 1; p <= PORTS; p++) {
            all.add(p);
        }
        Truth.Diff diff = truth.compare(target, Protocol.TCP, all, resumed.ports(target, Protocol.TCP));
        assertTrue(diff.agrees(), diff.report());
        for (Map.Entry<String, String> e : union.entrySet()) {
            String[] key = e.getKey().split(" ");
            Verdict v = resumed.ports(target, Protocol.TCP).get(Integer.parseInt(key[2]));
            assertEquals(v.state().label() + " " + v.reason().label(), e.getValue(), e.getKey());
        }
        ProcessResult lint = Lab.run(TIMEOUT, List.of("xmllint", "--noout", "--dtdvalid", "/usr/share/nmap/nmap.dtd",
                dir.resolve("s.xml").toString()));
        assertEquals(0, lint.exitCode(), lint.describe());
    }

    @Test
    void statusLineOfARealScanInAPseudoTerminal() throws Exception {
        Lab.assertNoDefaultRoute();
        String cmd = String.join(" ", Lab.scannerExec(synscan("198.18.0.2", "-p-", "--rate", "20000", "-oX",
                dir.resolve("t.xml").toString()).toArray(String[]::new)));
        ProcessBuilder pb = new ProcessBuilder("script", "-q", "-e", "-c", cmd, "/dev/null").redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().put("TERM", "xterm");
        Process p = pb.start();
        String screen = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), screen);
        Files.writeString(dir.resolve("screen.txt"), screen);
        Pattern line = Pattern.compile("(\\d+:\\d\\d:\\d\\d) elapsed \\| (\\d+\\.\\d)% done \\| (\\d+) probes/s \\| (\\d+)"
                + " replies \\| (\\d+) open \\| (\\d+) retries \\| ETA (\\d+:\\d\\d:\\d\\d|--:--:--)");
        int draws = 0;
        long maxRate = 0;
        for (String d : screen.split("\r\033\\[K", -1)) {
            Matcher m = line.matcher(d);
            if (m.lookingAt()) {
                draws++;
                maxRate = Math.max(maxRate, Long.parseLong(m.group(3)));
                assertTrue(Integer.parseInt(m.group(5)) <= 17, "open ports found so far: " + d);
            }
        }
        assertTrue(draws >= 4, "a 65535-probe scan at 20000/s redraws the line several times: " + screen);
        assertTrue(maxRate > 10_000 && maxRate < 30_000, "probes/s near --rate: " + maxRate);
        assertTrue(screen.contains("\r\033[Ksynscan scan report for 198.18.0.2"), "cleared before the report: " + screen);
    }

    static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    private String read(String name) throws IOException {
        Path f = dir.resolve(name);
        return Files.exists(f) ? Files.readString(f, StandardCharsets.UTF_8) : "";
    }

    /** "address proto port" to "state reason", failing on a port listed twice. */
    static Map<String, String> jsonPorts(String text) {
        Map<String, String> out = new TreeMap<>();
        for (String l : text.lines().toList()) {
            Matcher m = JSON_PORT.matcher(l);
            if (m.find()) {
                String key = m.group(1) + " " + m.group(2) + " " + m.group(3);
                String old = out.put(key, m.group(4) + " " + m.group(5));
                assertEquals(null, old, "listed twice: " + key);
            }
        }
        return out;
    }
}
