package org.synscan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synscan.plan.ScanPlan;
import org.synscan.ScanFailure;
import org.synscan.UsageException;

class MainTest {
    private final Cli cli = new Cli();

    /** Exit 2 with exactly the line "synscan: MESSAGE", nothing on stdout, no stack trace. */
    private void assertUsage(String message, String... args) {
        assertFails(2, message, args);
    }

    private void assertFails(int code, String message, String... args) {
        Cli.Result r = cli.run(args);
        assertEquals("synscan: " + message + "\n", r.err(), String.join(" ", args));
        assertEquals(code, r.code(), String.join(" ", args));
        assertEquals("", r.out(), String.join(" ", args));
    }

    @Test
    void version() {
        for (String flag : new String[] {"--version", "-V"}) {
            Cli.Result r = cli.run(flag);
            assertEquals(0, r.code());
            assertEquals("synscan 0.1.0\n", r.out());
            assertEquals("", r.err());
        }
    }

    @Test
    void helpIsGroupedLikeNmaps() {
        for (String[] args : new String[][] {{"--help"}, {"-h"}, {}}) {
            Cli.Result r = cli.run(args);
            assertEquals(0, r.code());
            String help = r.out().replaceAll(" +", " ");
            int last = -1;
            for (String heading : new String[] {"Usage: synscan", "TARGET SPECIFICATION:", "PORT SPECIFICATION",
                    "SCAN TECHNIQUES:", "TIMING AND PERFORMANCE:", "FIREWALL/IDS EVASION AND SPOOFING:", "OUTPUT:",
                    "MISC:", "EXAMPLES:"}) {
                int at = help.indexOf(heading);
                assertTrue(at > last, heading + " missing or out of order");
                last = at;
            }
            for (String flag : new String[] {"-iL FILE", "--exclude ", "--excludefile", "-p PORTS", "--exclude-ports",
                    "-F ", "--top-ports N", "-sS", "-sU", "-sL, --list-targets", "-T <0-5>", "--rate PPS", "--min-rate",
                    "--max-retries", "--host-timeout", "-e IFACE", "-S ADDR", "-g, --source-port", "--ttl",
                    "--source-mac", "--router-mac", "-oN FILE", "-oX", "-oG", "-oJ", "-oA BASE", "-v ", "--open",
                    "--reason", "-n ", "--resume", "-6 ", "--seed", "--shard I/N", "--debug", "--version", "--help",
                    "synscan -sL 198.18.0.0/29 -p 22,80 --seed 7 --shard 2/3"}) {
                assertTrue(help.contains(flag), "help lacks " + flag);
            }
        }
    }

    @Test
    void picocliErrorsAreOneLineWithAHint() {
        assertUsage("unknown option: '--bogus' (see synscan --help)", "--bogus", "198.18.0.1");
        assertUsage("missing required parameter for option '--rate' (PPS) (see synscan --help)", "198.18.0.1", "--rate");
        assertUsage("-sT is not supported: synscan scans with -sS (TCP SYN) and -sU (UDP) (see synscan --help)",
                "-sT", "198.18.0.1");
    }

    @Test
    void numericFlagsAreValidated() {
        String t = "198.18.0.1";
        assertUsage("--rate 0: must be greater than 0", t, "--rate", "0");
        assertUsage("--rate abc: not a number of packets per second", t, "--rate", "abc");
        assertUsage("--rate -5: not a number of packets per second", t, "--rate", "-5");
        assertUsage("--rate 200000000: must be at most 100000000", t, "--rate", "200000000");
        assertUsage("--min-rate 0.0: must be greater than 0", t, "--min-rate", "0.0");
        assertUsage("--min-rate 100 is above --rate 10", t, "--min-rate", "100", "--rate", "10");
        assertUsage("--ttl 0: must be between 1 and 255", t, "--ttl", "0");
        assertUsage("--ttl 256: must be between 1 and 255", t, "--ttl", "256");
        assertUsage("--ttl x: not a whole number (expected 1-255)", t, "--ttl", "x");
        assertUsage("-g 0: must be between 1 and 65535", t, "-g", "0");
        assertUsage("-g 65536: must be between 1 and 65535", t, "--source-port", "65536");
        assertUsage("--max-retries 51: must be between 0 and 50", t, "--max-retries", "51");
        assertUsage("--max-retries -1: not a whole number (expected 0-50)", t, "--max-retries", "-1");
        assertUsage("--top-ports 0: must be between 1 and 65535", t, "--top-ports", "0");
        assertUsage("--top-ports 65536: must be between 1 and 65535", t, "--top-ports", "65536");
        assertUsage("-T 6: expected 0-5 or paranoid, sneaky, polite, normal, aggressive, insane", t, "-T6");
        assertUsage("-T fast: expected 0-5 or paranoid, sneaky, polite, normal, aggressive, insane", t, "-T", "fast");
        assertUsage("--host-timeout 5x: not a time (e.g. 500ms, 30s, 5m, 1h)", t, "--host-timeout", "5x");
        assertUsage("--seed xyz: not a 64-bit number", t, "--seed", "xyz");
        assertUsage("--shard 4/3: I must be between 1 and N", t, "--seed", "1", "--shard", "4/3");
    }

    @Test
    void addressAndNameFlagsAreValidated() {
        String t = "198.18.0.1";
        assertUsage("-S 1.2.3: not an IPv4 or IPv6 address", t, "-S", "1.2.3");
        assertUsage("-S fd00::1: is IPv6 but the targets are IPv4 (use -6 for IPv6)", t, "-S", "fd00::1");
        assertUsage("-S 198.18.0.9: is IPv4 but -6 was given", "-6", "fd00::1", "-S", "198.18.0.9");
        assertUsage("--source-mac zz: not a MAC address (e.g. 02:00:5e:10:00:01)", t, "--source-mac", "zz");
        assertUsage("--router-mac 02:00:5e:10:00: not a MAC address (e.g. 02:00:5e:10:00:01)", t, "--router-mac",
                "02:00:5e:10:00");
        assertUsage("-e a/b: not a valid interface name", t, "-e", "a/b");
        assertUsage("-e averyveryverylongname: not a valid interface name", t, "-e", "averyveryverylongname");
        assertUsage("--shard 2/3 needs --seed, so every shard follows the same order", "-sL", t, "--shard", "2/3");
    }

    @Test
    void targetAndPortErrorsReachTheUser() {
        assertUsage("bad target '198.18.0.256': octet 256 is out of range (0-255)", "-sL", "198.18.0.256");
        assertUsage("'fd00::1' is an IPv6 target; use -6 for IPv6 targets", "-sL", "fd00::1");
        assertUsage("the target list mixes IPv4 and IPv6 ('198.18.0.1', 'fd00::1'); use -6 for IPv6 targets and "
                + "scan IPv4 separately", "-sL", "198.18.0.1", "fd00::1");
        assertUsage("'198.18.0.1' is an IPv4 target but -6 was given; scan IPv4 without -6", "-6", "-sL", "198.18.0.1");
        assertUsage("-p: port 65536 is out of range (0-65535)", "-sL", "198.18.0.1", "-p", "65536");
        assertUsage("no targets given (see synscan --help)", "-sL", "-p", "22");
        assertUsage("no targets left to scan after the exclusions", "-sL", "198.18.0.0/30", "--exclude", "198.18.0.0/29");
        assertUsage("cannot resolve 'nowhere.test' (from target 'nowhere.test')", "-sL", "nowhere.test");
        assertUsage("the scan is too large: 4611686018427387904 addresses x 2 ports is more than 2^62 probes",
                "-6", "-sL", "fd00::/66", "-p", "1,2");
    }

    @Test
    void resumeTakesNoOtherOptionsAndNeedsAResumeFile(@TempDir Path dir) throws Exception {
        assertUsage("--resume takes no other options: the scan continues with the options it was started with"
                + " (synscan --resume scan.resume)", "198.18.0.1", "--resume", "scan.resume");
        assertUsage("--resume needs the resume file (see synscan --help)", "--resume");
        Path missing = dir.resolve("none.resume");
        assertUsage("--resume " + missing + ": no such file", "--resume", missing.toString());
        Path other = Files.writeString(dir.resolve("x.resume"), "hello\n");
        assertUsage("--resume " + other + ": not a synscan resume file", "--resume", other.toString());
    }

    @Test
    void resumeRunsTheStoredCommandLineWithItsSeed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("scan.resume");
        Files.writeString(file, "synscan-resume 1\narg\t198.18.0.0/30\narg\t-p\narg\t22,80\narg\t--shard\narg\t2/3"
                + "\narg\t--seed\narg\t99\nseed\t99\nspace\tx\n");
        ScanPlan p = cli.plan("--resume", file.toString());
        assertEquals(99, p.seed());
        assertEquals("2/3", p.shard().toString());
        assertEquals("T:22,80", p.ports().toString());
        assertEquals(Optional.of(file), p.resumeFile());
        Files.writeString(file, "synscan-resume 1\narg\t198.18.0.1\nseed\t18446744073709551615\nspace\tx\n");
        assertEquals(-1, cli.plan("--resume=" + file).seed(), "the seed is added when the scan had none");
    }

    @Test
    void engineFailuresMapToExitCodes() {
        cli.runner = (p, o, e) -> {
            throw new ScanFailure("cannot open eth9: no such interface (see --list-interfaces)");
        };
        assertFails(1, "cannot open eth9: no such interface (see --list-interfaces)", "198.18.0.1");
        cli.runner = (p, o, e) -> {
            throw new UsageException("bad thing");
        };
        assertFails(2, "bad thing", "198.18.0.1");
        cli.runner = (p, o, e) -> {
            throw new IllegalStateException("boom");
        };
        assertFails(1, "internal error: IllegalStateException: boom (rerun with --debug for details)", "198.18.0.1");
        cli.runner = (p, o, e) -> 3;
        assertEquals(3, cli.run("198.18.0.1").code());
    }

    @Test
    void debugAddsTheStackTrace() {
        cli.runner = (p, o, e) -> {
            throw new IllegalStateException("boom");
        };
        Cli.Result r = cli.run("198.18.0.1", "--debug");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("\tat org.synscan."), r.err());
        assertTrue(r.err().endsWith("synscan: internal error: IllegalStateException: boom\n"), r.err());
        Cli.Result usage = cli.run("-sL", "198.18.0.300", "--debug");
        assertEquals(2, usage.code());
        assertTrue(usage.err().contains("UsageException"), usage.err());
        Cli.Result quiet = cli.run("-sL", "198.18.0.300");
        assertFalse(quiet.err().contains("\tat "), quiet.err());
    }

    @Test
    void nmapSpellingsParse() {
        assertEquals("T:1-65535", cli.plan("198.18.0.1", "-p-").ports().toString());
        assertEquals("T:1-65535", cli.plan("198.18.0.1", "-p", "-").ports().toString());
        assertEquals("T:1-65535", cli.plan("198.18.0.1", "-p", "-65535").ports().toString());
        assertEquals("T:1-1024", cli.plan("198.18.0.1", "-p", "-1024").ports().toString());
        assertEquals("T:22,U:22", cli.plan("-sSU", "198.18.0.1", "-p22").ports().toString());
        assertEquals("U:53", cli.plan("-sU", "198.18.0.1", "-p", "53").ports().toString());
        assertEquals("T:22,80-90", cli.plan("-sS", "198.18.0.1", "-p", "22,80-90").ports().toString());
        assertEquals(4, cli.plan("198.18.0.1", "-T4").timing().level());
        assertEquals(4, cli.plan("198.18.0.1", "-T", "4").timing().level());
        assertEquals(5, cli.plan("198.18.0.1", "-Tinsane").timing().level());
        assertEquals(0, cli.plan("198.18.0.1", "-T", "Paranoid").timing().level());
        assertEquals(4, cli.plan("198.18.0.1", "-vvv", "-v").display().verbosity());
        assertEquals(100, cli.plan("198.18.0.1", "-F", "-Pn", "-n").ports().size());
        assertEquals(65534, cli.plan("198.18.0.1", "-p-", "--exclude-ports", "-1").ports().size());
        assertEquals(20, cli.plan("198.18.0.1", "--top-ports=20").ports().size());
        assertEquals(2, cli.plan("198.18.0.0/31", "--rate=5", "-p", "22").targets().size());
    }
}
