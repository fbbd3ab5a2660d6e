package org.synscan.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code synscan doctor} in the lab's scanner namespace, as root: the way to a target behind the
 * router and to an on-link IPv6 target, with the MAC the frames would go to; a lab address with no
 * route is reported missing (exit 1) with the planner's fix, and nothing is sent for it.
 */
@ExtendWith(LabExtension.class)
class DoctorIT {
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    static ProcessResult doctor(String... args) {
        String[] cmd = new String[args.length + 2];
        cmd[0] = Lab.home().resolve("synscan").toString();
        cmd[1] = "doctor";
        System.arraycopy(args, 0, cmd, 2, args.length);
        return Lab.inScanner(TIMEOUT, cmd);
    }

    /** The target's MAC on the lab link, as the kernel in its namespace reports it. */
    static String targetMac() {
        ProcessResult r = Lab.run(TIMEOUT, List.of("ip", "-n", Lab.TARGET_NS, "-br", "link", "show", Lab.TARGET_IF));
        assertEquals(0, r.exitCode(), r.describe());
        return r.stdout().trim().split("\\s+")[2];
    }

    @Test
    void targetBehindTheRouter() {
        ProcessResult r = doctor("198.18.200.9");
        assertEquals(0, r.exitCode(), r.describe());
        String out = r.stdout();
        assertTrue(out.contains("loaded from /"), out);
        assertTrue(out.contains(Lab.SCANNER_IF) && out.contains("198.18.0.1/24"), "interfaces: " + out);
        assertTrue(out.contains("kernel   198.18.200.9 via 198.18.0.2 dev " + Lab.SCANNER_IF), out);
        assertTrue(out.contains("ok       synscan sends on dev " + Lab.SCANNER_IF), out);
        assertTrue(out.contains("-> " + targetMac() + " via 198.18.0.2"), out);
        assertTrue(out.contains("through the router 198.18.0.2 (" + targetMac() + ")"), out);
        assertTrue(out.contains("nothing: synscan can scan from here\n"), out);
    }

    @Test
    void onLinkIpv6Target() {
        ProcessResult r = doctor("fd00:5ca0::2");
        assertEquals(0, r.exitCode(), r.describe());
        assertTrue(r.stdout().contains("src fd00:5ca0::1 "), r.stdout());
        assertTrue(r.stdout().contains("-> " + targetMac() + " on-link"), r.stdout());
        assertTrue(r.stdout().contains("on-link: frames go straight to fd00:5ca0::2"), r.stdout());
    }

    @Test
    void labAddressWithoutARouteIsMissing() {
        ProcessResult r = doctor("198.19.5.5");
        assertEquals(1, r.exitCode(), r.describe());
        assertTrue(r.stdout().contains("MISSING  no route to 198.19.5.5"), r.stdout());
        assertTrue(r.stdout().contains("  a way to 198.19.5.5\n           fix: no route to 198.19.5.5"), r.stdout());
    }
}
