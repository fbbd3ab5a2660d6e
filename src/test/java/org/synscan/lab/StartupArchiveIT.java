package org.synscan.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synscan.result.Protocol;

/**
 * Issue 16: the launcher's class-data-sharing archive names the checkout's path, so a copied or
 * moved checkout used to print the JVM's "Unable to use shared archive" warning, on standard
 * output, at every run. A copy and a moved copy must print only synscan's own output (`-oX -`
 * stays valid XML) and map an archive made for where they now lie. And, as issue 14 asks of every
 * file a privileged run uses: an archive another user could have written (mapped classes run
 * unverified) is never mapped by root, nor by a run that holds CAP_NET_RAW. Loopback only.
 */
class StartupArchiveIT {
    static final String USER = "synscan-jsa";
    static final Duration TIMEOUT = Duration.ofSeconds(120);
    static final String VERSION = "synscan 0.1.0\n";
    private static TestUser user;

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp() {
        Lab.require(Lab.isRoot(), "needs root: loopback scans, and a second user");
        Lab.requireTool("setpriv");
        user = TestUser.create(USER);
        // the original's archive too, so that each copy starts with one made for another path
        CheckoutCopy.readyOriginal();
    }

    @AfterAll
    static void removeUser() {
        if (user != null) {
            user.close();
        }
    }

    @Test
    void aCopiedOrMovedCheckoutPrintsOnlyItsOwnOutput() throws Exception {
        try (CheckoutCopy copy = CheckoutCopy.of("synscan")) {
            Path key = copy.home().resolve("target/synscan.jsa.key");
            assertTrue(Files.readString(key).startsWith(Lab.home() + " "), "the copy has the original's archive");
            assertOnlyItsOwnOutput(copy);
            assertTrue(Files.readString(key).startsWith(copy.home() + " "), Files.readString(key));

            copy.moveTo("moved");
            assertOnlyItsOwnOutput(copy);
            key = copy.home().resolve("target/synscan.jsa.key");
            assertTrue(Files.readString(key).startsWith(copy.home() + " "), Files.readString(key));
            assertTrue(mapsItsArchive(List.of(copy.launcher().toString())), "the moved copy's JVM maps no archive");
        }
    }

    @Test
    void rootNeverMapsAnArchiveAnotherUserCouldHaveWritten() throws Exception {
        try (CheckoutCopy copy = CheckoutCopy.of("synscan")) {
            Path jsa = copy.home().resolve("target/synscan.jsa");
            assertEquals(VERSION, Lab.run(TIMEOUT, List.of(copy.launcher().toString(), "--version")).stdout());
            // the user's archive, made for this very checkout and JDK: all that differs is who wrote it
            CapabilityLeakIT.chown(jsa, USER);
            Object planted = Files.getAttribute(jsa, "unix:ino");
            ProcessResult r = Lab.run(TIMEOUT, List.of(copy.launcher().toString(), "--version"));
            assertEquals(VERSION, r.stdout(), r.describe());
            assertEquals("", r.stderr());
            assertEquals("root", Files.getOwner(jsa).getName(), "root's run kept the user's archive");
            assertNotEquals(planted, Files.getAttribute(jsa, "unix:ino"));
        }
    }

    @Test
    void aRunHoldingTheCapabilityMapsOnlyAnArchiveItCannotChange() throws Exception {
        try (CheckoutCopy copy = CheckoutCopy.of("synscan")) {
            Path jsa = copy.home().resolve("target/synscan.jsa");
            assertEquals(VERSION, Lab.run(TIMEOUT, List.of(copy.launcher().toString(), "--version")).stdout());
            // Started as a systemd unit or by hand, not through grant-capabilities.sh's check
            List<String> asUser = List.of("setpriv", "--reuid", USER, "--regid", USER, "--init-groups",
                    "--inh-caps=-all,+net_raw", "--ambient-caps=-all,+net_raw", "--bounding-set=-all,+net_raw",
                    "--no-new-privs", "--", copy.launcher().toString());
            assertTrue(mapsItsArchive(asUser), "root's archive is not mapped by the user's run");

            CapabilityLeakIT.chown(jsa, USER);
            assertFalse(mapsItsArchive(asUser), "a run holding CAP_NET_RAW mapped an archive its user owns");
            assertEquals(USER, Files.getOwner(jsa).getName(), "the user's run wrote the archive");
        }
    }

    /** `--version` prints its line and nothing else; a loopback scan's -oX - is nmap XML and all. */
    private static void assertOnlyItsOwnOutput(CheckoutCopy copy) throws IOException {
        ProcessResult v = Lab.run(TIMEOUT, List.of(copy.launcher().toString(), "--version"));
        assertEquals(0, v.exitCode(), v.describe());
        assertEquals(VERSION, v.stdout());
        assertEquals("", v.stderr());
        ProcessResult x = Lab.run(TIMEOUT, List.of(copy.launcher().toString(), "127.0.0.1", "-p", "80", "-oX", "-"));
        assertEquals(0, x.exitCode(), x.describe());
        assertEquals("", x.stderr());
        NmapResults xml = NmapResults.parse(x.stdout()); // throws unless the whole of it is well-formed
        assertTrue(x.stdout().startsWith("<?xml "), x.stdout());
        assertTrue(x.stdout().endsWith("</nmaprun>\n"), x.stdout());
        assertEquals(List.of(InetAddress.getByName("127.0.0.1")), xml.hosts());
        assertTrue(xml.scannedPorts(Protocol.TCP).contains(80), x.stdout());
    }

    /** Starts a loopback scan with PREFIX (the launcher last) and says whether its JVM maps the archive. */
    private boolean mapsItsArchive(List<String> prefix) throws Exception {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(CapabilityLeakIT.LONG_SCAN);
        Process scan = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(dir.resolve("scan.out").toFile()).redirectError(dir.resolve("scan.err").toFile())
                .start();
        try {
            CapabilityLeakIT.awaitThread(scan, "synscan-receive");
            String launcher = prefix.get(prefix.size() - 1);
            String jsa = Path.of(launcher).resolveSibling("target/synscan.jsa").toString();
            return Files.readAllLines(Path.of("/proc", Long.toString(scan.pid()), "maps")).stream()
                    .anyMatch(l -> l.endsWith(" " + jsa));
        } finally {
            CapabilityLeakIT.stop(scan);
        }
    }
}
