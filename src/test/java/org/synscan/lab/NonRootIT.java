package org.synscan.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An ordinary user scans the lab with only CAP_NET_RAW, through native-setup/grant-capabilities.sh,
 * and gets the truth; without the capability the same user gets the one-line error and exit 1.
 * `ip netns exec` needs root, so root enters the scanner namespace and the script drops to the user
 * inside it. The user (synscan-test) is created for this class and removed after it.
 */
@ExtendWith(LabExtension.class)
class NonRootIT {
    static final String USER = "synscan-test";
    static final Duration TIMEOUT = Duration.ofSeconds(240);
    private static TestUser user;

    @BeforeAll
    static void createUser() {
        user = TestUser.create(USER);
    }

    @AfterAll
    static void removeUser() {
        if (user != null) {
            user.close();
        }
    }

    static String grant() {
        return Lab.home().resolve("native-setup/grant-capabilities.sh").toString();
    }

    static String uid() {
        return user.uid();
    }

    /** Runs {@code synscan ARGS} as the user with only CAP_NET_RAW, in the scanner namespace. */
    static ProcessResult asUser(String... args) {
        List<String> cmd = new ArrayList<>(List.of(grant(), "run", "--user", USER, "--"));
        cmd.addAll(List.of(args));
        return Lab.inScanner(TIMEOUT, cmd.toArray(String[]::new));
    }

    @Test
    void theFixedScansEqualTheTruthAsTheUser() {
        // IPv4 every port, IPv6 UDP, through the router, and loopback (the raw IPv4 socket): each path once
        List<String> checks = List.of("tcp4", "udp6", "anyip6", "loopback");
        List<String> cmd = new ArrayList<>(List.of(LabCheckIT.script().toString(), "--user", USER, "--rate",
                LabCheckIT.FAST));
        cmd.addAll(checks);
        ProcessResult r = Lab.run(TIMEOUT, cmd);
        assertEquals(0, r.exitCode(), r.describe());
        assertTrue(r.stdout().contains("synscan runs as " + USER + " with only CAP_NET_RAW"), r.stdout());
        assertEquals(checks, List.copyOf(LabCheckIT.table(r.stdout()).keySet()), r.stdout());
        assertTrue(r.stdout().endsWith("lab-check: 4 of 4 checks passed\n"), r.stdout());
    }

    @Test
    void theScanRunsAsTheUserWithThatOneCapability() throws Exception {
        ProcessResult doctor = asUser("doctor");
        assertEquals(0, doctor.exitCode(), doctor.describe());
        assertTrue(doctor.stdout().contains("info     uid " + uid() + "\n"), doctor.stdout());
        assertTrue(doctor.stdout().contains("ok       CAP_NET_RAW (raw and packet sockets, needed): effective yes,"
                + " permitted yes, inheritable yes, ambient yes, bounding yes"), doctor.stdout());
        assertTrue(doctor.stdout().contains("CAP_NET_ADMIN (not needed): effective no, permitted no, inheritable no,"
                + " ambient no, bounding no"), doctor.stdout());
        assertTrue(doctor.stdout().contains("nothing: synscan can scan from here"), doctor.stdout());

        // its output files belong to the user, not to root (JUnit's @TempDir is root's alone: not there)
        Path dir = Files.createTempDirectory("synscan-nonroot");
        try {
            Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
            Path file = dir.resolve("scan.txt");
            ProcessResult scan = asUser("198.18.0.2", "-p", "20-25", "-oN", file.toString());
            assertEquals(0, scan.exitCode(), scan.describe());
            assertEquals(USER, Files.getOwner(file).getName());
            String text = Files.readString(file);
            assertTrue(text.matches("(?s).*\\n22/tcp +open +ssh\\b.*"), text);
        } finally {
            Files.deleteIfExists(dir.resolve("scan.txt"));
            Files.deleteIfExists(dir);
        }
    }

    @Test
    void withoutTheCapabilityTheUserGetsOneLineAndExit1() {
        ProcessResult r = Lab.inScanner(TIMEOUT, "setpriv", "--reuid", USER, "--regid", USER, "--init-groups",
                "--inh-caps", "-all", "--bounding-set", "-all", "--", Lab.home().resolve("synscan").toString(),
                "198.18.0.2", "-p", "22");
        assertEquals(1, r.exitCode(), r.describe());
        assertEquals("synscan: synscan needs raw-socket rights: run as root (sudo) or grant CAP_NET_RAW"
                + " (see native-setup/grant-capabilities.sh)\n", r.stderr());
        assertEquals("", r.stdout());

        ProcessResult doctor = Lab.inScanner(TIMEOUT, "setpriv", "--reuid", USER, "--regid", USER, "--init-groups",
                "--inh-caps", "-all", "--", Lab.home().resolve("synscan").toString(), "doctor");
        assertEquals(1, doctor.exitCode(), doctor.describe());
        assertTrue(doctor.stdout().contains("  CAP_NET_RAW\n           fix: run as root (sudo ./synscan ...), or as an"
                + " ordinary user with only this capability: sudo native-setup/grant-capabilities.sh run"), doctor.stdout());
    }

    @Test
    void grantRefusesRootAndUnknownUsers() {
        ProcessResult root = Lab.run(TIMEOUT, List.of(grant(), "run", "--user", "root", "--", "--version"));
        assertEquals(2, root.exitCode(), root.describe());
        assertTrue(root.stderr().contains("root is root"), root.describe());
        ProcessResult nobody = Lab.run(TIMEOUT, List.of(grant(), "run", "--user", "no-such-user-ssvg", "--",
                "--version"));
        assertEquals(2, nobody.exitCode(), nobody.describe());
        assertTrue(nobody.stderr().contains("no such user: no-such-user-ssvg"), nobody.describe());
    }
}
