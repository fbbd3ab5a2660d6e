package org.synscan.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * grant-capabilities.sh's systemd unit (the scheduled-scan form of the same grant), checked
 * without root and, where systemd-analyze exists, by systemd's own parser. The `run` form is
 * exercised for real in NonRootIT.
 */
class GrantCapabilitiesTest {
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    static ProcessResult grant(String... args) {
        List<String> cmd = new java.util.ArrayList<>(List.of(Lab.home().resolve("native-setup/grant-capabilities.sh")
                .toString()));
        cmd.addAll(List.of(args));
        return Lab.run(TIMEOUT, cmd);
    }

    @Test
    void unitRunsTheScanAsTheUserWithOnlyNetRaw() throws Exception {
        ProcessResult r = grant("unit", "nobody", "198.18.0.0/24", "-p", "22,80", "-oX", "/var/tmp/lab scan.xml");
        assertEquals(0, r.exitCode(), r.describe());
        List<String> lines = r.stdout().lines().toList();
        assertTrue(lines.contains("User=nobody"), r.stdout());
        assertTrue(lines.contains("ExecStart=" + Lab.home().resolve("synscan") + " 198.18.0.0/24 -p 22,80 -oX"
                + " \"/var/tmp/lab scan.xml\""), r.stdout());
        assertTrue(lines.contains("AmbientCapabilities=CAP_NET_RAW"), r.stdout());
        assertTrue(lines.contains("CapabilityBoundingSet=CAP_NET_RAW"), r.stdout());
        assertTrue(lines.contains("NoNewPrivileges=yes"), r.stdout());
        // what the scan runs is checked again, as root, at every start
        assertTrue(lines.contains("ExecStartPre=+" + Lab.home().resolve("native-setup/grant-capabilities.sh")
                + " check nobody"), r.stdout());
        if (Lab.onPath("systemd-analyze")) {
            Path unit = tmp.resolve("synscan-lab.service");
            Files.writeString(unit, r.stdout());
            ProcessResult verify = Lab.run(TIMEOUT, List.of("systemd-analyze", "verify", unit.toString()));
            String said = verify.stdout() + verify.stderr();
            assertFalse(said.contains("Unknown") || said.contains("ignoring") || said.contains("rror"), said);
        }
    }

    @Test
    void refusesRootUnknownUsersAndBadUsage() {
        ProcessResult root = grant("unit", "root");
        assertEquals(2, root.exitCode());
        assertTrue(root.stderr().contains("root is root"), root.describe());
        assertEquals(2, grant("unit", "no-such-user-ssvg").exitCode());
        assertEquals(2, grant("check", "root").exitCode());
        assertEquals(2, grant("check").exitCode());
        ProcessResult usage = grant("frobnicate");
        assertEquals(2, usage.exitCode());
        assertTrue(usage.stderr().startsWith("usage: grant-capabilities.sh run"), usage.describe());
    }
}
