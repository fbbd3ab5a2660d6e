package org.synscan.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, finding 2: a scan that grant-capabilities.sh runs as an ordinary user with CAP_NET_RAW
 * must not hand the capability on. With a second user made here, and on loopback only: the user's
 * jcmd cannot get into the scan's JVM; no program the launcher or the JVM starts holds CAP_NET_RAW
 * in any set, while the JVM's own threads keep it effective; a run that holds it does not build;
 * and grant-capabilities.sh refuses (exit 2, one line) when the user could change what the scan
 * runs: the launcher, a jar, the JDK, a directory on PATH or above any of them.
 */
class CapabilityLeakIT {
    static final String USER = "synscan-caps";
    static final Duration TIMEOUT = Duration.ofSeconds(120);
    /** Long enough to look at (30 s at most), loopback only: 127.0.0.1. */
    static final List<String> LONG_SCAN = List.of("127.0.0.1", "-p", "1-30000", "--rate", "1000");
    private static TestUser user;

    @TempDir
    Path dir;

    @BeforeAll
    static void createUser() {
        Lab.require(Lab.isRoot(), "needs root: it makes a user and hands it CAP_NET_RAW");
        for (String tool : List.of("setpriv", "useradd", "userdel", "unshare", "mount")) {
            Lab.requireTool(tool);
        }
        user = TestUser.create(USER);
        // the build and its start-up archive, made by root before the user runs anything
        CheckoutCopy.readyOriginal();
    }

    @AfterAll
    static void removeUser() {
        if (user != null) {
            user.close();
        }
    }

    @Test
    void theUsersJcmdCannotGetIntoTheScanAndTheCapabilityIsEffectiveOnly() throws Exception {
        List<String> cmd = new ArrayList<>(List.of(NonRootIT.grant(), "run", "--user", USER, "--"));
        cmd.addAll(LONG_SCAN);
        Process scan = startQuietly(cmd);
        try {
            long pid = scan.pid(); // grant-capabilities.sh, setpriv and the launcher exec: the JVM keeps the pid
            List<ThreadCaps> threads = awaitThread(scan, "synscan-receive");

            Path jcmd = Path.of(ProcessHandle.current().info().command().orElseThrow()).resolveSibling("jcmd");
            Lab.require(Files.isExecutable(jcmd), jcmd + " is missing (a JDK, not a JRE: install-deps.sh --build)");
            List<String> attach = new ArrayList<>(user.setpriv());
            attach.addAll(List.of(jcmd.toString(), "-J-XX:-UsePerfData", "-J-Dsun.tools.attach.attachTimeout=3000",
                    Long.toString(pid), "VM.version"));
            ProcessResult r = Lab.run(TIMEOUT, attach);
            assertTrue(scan.isAlive(), "the scan ended before jcmd tried it: " + r.describe());
            assertNotEquals(0, r.exitCode(), "the user's jcmd got into the scan's JVM: " + r.describe());
            assertFalse(r.stdout().contains("JDK "), r.describe());
            // jcmd -l finds JVMs by their perf-data files in /tmp: the scan writes none
            assertFalse(Files.exists(Path.of("/tmp/hsperfdata_" + USER, Long.toString(pid))));
            List<String> list = new ArrayList<>(user.setpriv());
            list.addAll(List.of(jcmd.toString(), "-J-XX:-UsePerfData", "-l"));
            ProcessResult listed = Lab.run(TIMEOUT, list);
            assertFalse(listed.stdout().lines().anyMatch(l -> l.startsWith(pid + " ")), listed.describe());

            // every thread synscan made: CAP_NET_RAW effective (its sockets), nothing to pass on
            List<ThreadCaps> ours = threads.stream()
                    .filter(t -> t.name().startsWith("synscan-") || (t.name().equals("java") && t.tid() != pid))
                    .toList();
            assertTrue(ours.size() >= 3, threads.toString());
            for (ThreadCaps t : ours) {
                assertTrue(t.effectiveNetRaw(), t.toString());
                assertFalse(t.passesOn(), "a thread of synscan would pass CAP_NET_RAW on: " + t);
            }
        } finally {
            stop(scan);
        }
    }

    /**
     * Every program the launcher and the JVM start runs through a spy on PATH (root's, readable by
     * all) that writes down its capability sets: for `synscan doctor 127.0.0.1` the launcher's
     * readlink and find and the JVM's `ip route get`. Those of the user must all be empty.
     */
    @Test
    void noProgramTheLauncherOrTheJvmStartsHoldsTheCapability() throws Exception {
        Path base = Files.createTempDirectory("synscan-spy");
        try {
            Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path spies = Files.createDirectory(base.resolve("bin"));
            Files.setPosixFilePermissions(spies, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path log = Files.createFile(base.resolve("log"));
            Files.setPosixFilePermissions(log, PosixFilePermissions.fromString("rw-rw-rw-"));
            for (String program : List.of("readlink", "find", "stat", "ip", "ldconfig", "mktemp", "mv", "rm", "mvn")) {
                ProcessResult where = Lab.run(TIMEOUT, List.of("sh", "-c", "command -v " + program));
                if (where.ok()) {
                    spy(spies.resolve(program), where.stdout().strip(), log);
                }
            }
            ProcessResult r = Lab.run(TIMEOUT, List.of("env", "PATH=" + spies + ":" + System.getenv("PATH"), NonRootIT.grant(),
                    "run", "--user", USER, "--", "doctor", "127.0.0.1"));
            assertEquals(0, r.exitCode(), r.describe());
            assertTrue(r.stdout().contains("nothing: synscan can scan from here"), r.stdout());

            String uid = user.uid();
            Set<String> seen = new TreeSet<>();
            for (String line : Files.readAllLines(log)) {
                String[] f = line.split(" ");
                if (!f[1].equals(uid)) {
                    continue; // grant-capabilities.sh's own work, as root, before it drops to the user
                }
                seen.add(f[0]);
                assertEquals("CapInh:0000000000000000 CapPrm:0000000000000000 CapEff:0000000000000000"
                        + " CapAmb:0000000000000000", String.join(" ", List.of(f).subList(2, f.length)),
                        f[0] + ", run as " + USER + " by the launcher or the JVM, holds a capability: " + line);
            }
            assertTrue(seen.containsAll(List.of("readlink", "find", "ip")), "the spies saw only " + seen);
        } finally {
            Lab.run(TIMEOUT, List.of("rm", "-rf", base.toString()));
        }
    }

    @Test
    void aRunHoldingTheCapabilityDoesNotBuild() throws Exception {
        try (CheckoutCopy copy = CheckoutCopy.of("synscan")) {
            Path jar = copy.home().resolve("target/synscan.jar");
            FileTime built = Files.getLastModifiedTime(jar);
            Files.setLastModifiedTime(copy.home().resolve("pom.xml"), FileTime.fromMillis(built.toMillis() + 60_000));
            ProcessResult r = Lab.run(TIMEOUT, List.of(copy.grant().toString(), "run", "--user", USER, "--",
                    "--version"));
            assertEquals(1, r.exitCode(), r.describe());
            assertEquals("synscan: the build in " + copy.home() + " is missing or older than its sources, and a run"
                    + " holding CAP_NET_RAW does not build: build it first: sudo " + copy.launcher() + " --version\n",
                    r.stderr());
            assertEquals("", r.stdout());
            assertEquals(built, Files.getLastModifiedTime(jar));
            assertFalse(Files.exists(copy.home().resolve("target/classes")), "Maven ran");
        }
    }

    @Test
    void grantRefusesWhenTheUserCanChangeWhatTheScanRuns() throws Exception {
        try (CheckoutCopy copy = CheckoutCopy.of("synscan")) {
            assertGranted(copy);

            Path launcher = copy.launcher();
            chown(launcher, USER);
            assertRefused(copy, "owns " + launcher);
            chown(launcher, "root");

            Path jar;
            try (var jars = Files.newDirectoryStream(copy.home().resolve("target/lib"), "jna-*.jar")) {
                jar = jars.iterator().next();
            }
            chmod("o+w", jar);
            assertRefused(copy, "can write " + jar);
            chmod("o-w", jar);

            chown(copy.parent(), USER);
            assertRefused(copy, "owns " + copy.parent());
            chown(copy.parent(), "root");

            // the JDK in a directory of the user's: the system's JDK mounted there, for this one command
            Path users = Files.createDirectory(copy.parent().resolve("users"));
            Path jdk = Files.createDirectory(users.resolve("jdk"));
            chown(users, USER);
            Path javaHome = javaHome();
            ProcessResult r = Lab.run(TIMEOUT, List.of("unshare", "--mount", "--propagation", "private", "sh", "-c",
                    "mount --bind \"$1\" \"$2\" && PATH=\"$2/bin:$PATH\" exec \"$3\" run --user \"$4\" -- --version",
                    "sh", javaHome.toString(), jdk.toString(), copy.grant().toString(), USER));
            assertRefusal(r, "owns " + users);

            // a directory on PATH the user can write: a program there would run before the system's
            r = Lab.run(TIMEOUT, List.of("env", "PATH=" + users + ":" + System.getenv("PATH"), copy.grant().toString(),
                    "run", "--user", USER, "--", "--version"));
            assertRefusal(r, "owns " + users);

            assertGranted(copy); // everything put back
        }
    }

    private static void assertGranted(CheckoutCopy copy) {
        ProcessResult r = Lab.run(TIMEOUT, List.of(copy.grant().toString(), "run", "--user", USER, "--", "--version"));
        assertEquals(0, r.exitCode(), r.describe());
        assertEquals("synscan 0.1.0\n", r.stdout());
        assertEquals("", r.stderr());
    }

    private static void assertRefused(CheckoutCopy copy, String what) {
        assertRefusal(Lab.run(TIMEOUT, List.of(copy.grant().toString(), "run", "--user", USER, "--", "--version")),
                what);
    }

    /** Exit 2, nothing run (no output), one line that names the user and what it can change. */
    private static void assertRefusal(ProcessResult r, String what) {
        assertEquals(2, r.exitCode(), r.describe());
        assertEquals("", r.stdout(), r.describe());
        assertEquals(1, r.stderr().lines().count(), r.describe());
        assertTrue(r.stderr().startsWith("grant-capabilities: " + USER + " " + what + " ("), r.describe());
    }

    private static Path javaHome() throws IOException {
        ProcessResult r = Lab.run(TIMEOUT, List.of("sh", "-c", "readlink -f \"$(command -v java)\""));
        assertEquals(0, r.exitCode(), r.describe());
        return Path.of(r.stdout().strip()).getParent().getParent();
    }

    static void chown(Path p, String owner) {
        ProcessResult r = Lab.run(TIMEOUT, List.of("chown", owner, p.toString()));
        assertEquals(0, r.exitCode(), r.describe());
    }

    private static void chmod(String mode, Path p) {
        ProcessResult r = Lab.run(TIMEOUT, List.of("chmod", mode, p.toString()));
        assertEquals(0, r.exitCode(), r.describe());
    }

    /** A program that writes "NAME UID CapInh:.. CapPrm:.. CapEff:.. CapAmb:.." to LOG, then runs REAL. */
    private static void spy(Path at, String real, Path log) throws IOException {
        Files.writeString(at, "#!/bin/sh\n"
                + "while read -r k v; do case $k in\n"
                + "  Uid:) uid=${v%%[!0-9]*} ;;\n"
                + "  CapInh:|CapPrm:|CapEff:|CapAmb:) caps=\"$caps $k$v\" ;;\n"
                + "esac; done </proc/self/status\n"
                + "echo \"" + at.getFileName() + " $uid$caps\" >>'" + log + "'\n"
                + "exec '" + real + "' \"$@\"\n");
        Files.setPosixFilePermissions(at, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private Process startQuietly(List<String> cmd) throws IOException {
        return new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(dir.resolve("scan.out").toFile()).redirectError(dir.resolve("scan.err").toFile())
                .start();
    }

    /** The process's threads, once one is called {@code name} (the scan is then under way). */
    static List<ThreadCaps> awaitThread(Process p, String name) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && p.isAlive()) {
            List<ThreadCaps> threads = ThreadCaps.of(p.pid());
            if (threads.stream().anyMatch(t -> t.name().equals(name))) {
                return threads;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no thread " + name + " in " + p.pid() + " (alive: " + p.isAlive() + ")");
    }

    static void stop(Process p) throws InterruptedException {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
    }
}
