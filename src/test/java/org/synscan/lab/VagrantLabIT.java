package org.synscan.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The Vagrant lab's provisioning, for real, with two network namespaces standing in for the two VMs
 * (VMs cannot boot here): each "VM" gets its lab interface with the IPv4 address the Vagrantfile
 * gives it, then runs the Vagrantfile's provisioning command ({@code lab.sh vm-up target|scanner});
 * lab-check.sh, run inside the scanner, must recognise the VM setup and find the truth. The
 * namespaces (ssvg-*) are this test's own and have no default route.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VagrantLabIT {
    static final String SCANNER = "ssvg-scan";
    static final String TARGET = "ssvg-tgt";
    static final String SCANNER_IF = "ssvg-s1";
    static final String TARGET_IF = "ssvg-t1";
    static final Duration TIMEOUT = Duration.ofSeconds(240);

    @BeforeAll
    static void twoMachinesOnAPrivateNetwork() {
        Lab.unavailableReason().ifPresent(reason -> Lab.require(false, reason));
        removeAll();
        sh("ip", "netns", "add", SCANNER);
        sh("ip", "netns", "add", TARGET);
        sh("ip", "link", "add", SCANNER_IF, "netns", SCANNER, "type", "veth", "peer", "name", TARGET_IF, "netns",
                TARGET);
        // what Vagrant's private_network configures in each VM: the interface and its IPv4 address
        for (String[] vm : new String[][] {{SCANNER, SCANNER_IF, "198.18.0.1/24"}, {TARGET, TARGET_IF, "198.18.0.2/24"}}) {
            sh("ip", "-n", vm[0], "link", "set", "lo", "up");
            sh("ip", "-n", vm[0], "addr", "add", vm[2], "dev", vm[1]);
            sh("ip", "-n", vm[0], "link", "set", vm[1], "up");
        }
        assertNoDefaultRoute();
    }

    @AfterAll
    static void destroy() {
        if (Lab.unavailableReason().isEmpty()) {
            removeAll();
        }
    }

    private static void removeAll() {
        if (namespaceExists(TARGET)) {
            Lab.run(TIMEOUT, List.of("ip", "netns", "exec", TARGET, Lab.script().toString(), "target-down"));
        }
        for (String ns : List.of(SCANNER, TARGET)) {
            if (namespaceExists(ns)) {
                sh("ip", "netns", "del", ns);
            }
        }
    }

    private static boolean namespaceExists(String ns) {
        return Lab.run(TIMEOUT, List.of("ip", "netns", "list")).stdout().lines()
                .anyMatch(l -> l.split("\\s+")[0].equals(ns));
    }

    @Test
    @Order(1)
    void labCheckRefusesAScannerWithoutTheLabRoutes() {
        // before `vm-up scanner` the AnyIP range has no route: the check must not scan it
        ProcessResult r = in(SCANNER, Lab.home().resolve("native-setup/lab-check.sh").toString(), "anyip4");
        assertEquals(2, r.exitCode(), r.describe());
        assertTrue(r.stderr().contains("198.18.128.1 is not routed through the lab interface " + SCANNER_IF),
                r.describe());
    }

    @Test
    @Order(2)
    void provisioningGivesEachMachineItsPartOfTheLab() {
        ProcessResult target = in(TARGET, Lab.script().toString(), "vm-up", "target");
        assertEquals(0, target.exitCode(), target.describe());
        assertTrue(target.stdout().contains("target up on " + TARGET_IF + " (198.18.0.2, fd00:5ca0::2;"),
                target.describe());
        ProcessResult scanner = in(SCANNER, Lab.script().toString(), "vm-up", "scanner");
        assertEquals(0, scanner.exitCode(), scanner.describe());
        assertTrue(in(SCANNER, "ip", "-6", "addr", "show", "dev", SCANNER_IF).stdout().contains("fd00:5ca0::1/64"));
        assertTrue(in(SCANNER, "ip", "route", "get", "198.18.200.1").stdout()
                .contains("via 198.18.0.2 dev " + SCANNER_IF));
        assertTrue(in(SCANNER, "ip", "-6", "route", "get", "fd00:5ca0:1::77").stdout()
                .contains("via fd00:5ca0::2 dev " + SCANNER_IF));
        // run: "always" runs it on every boot: a second run must leave the same machine
        assertEquals(0, in(TARGET, Lab.script().toString(), "vm-up", "target").exitCode());
        assertEquals(0, in(SCANNER, Lab.script().toString(), "vm-up", "scanner").exitCode());
        assertNoDefaultRoute();
    }

    @Test
    @Order(3)
    void labCheckInsideTheScannerFindsTheTruth() {
        ProcessResult r = in(SCANNER, Lab.home().resolve("native-setup/lab-check.sh").toString(), "--rate",
                LabCheckIT.FAST);
        assertEquals(0, r.exitCode(), r.describe());
        assertTrue(r.stdout().startsWith("synscan lab check: Vagrant scanner VM (lab interface " + SCANNER_IF + ")"),
                r.stdout());
        assertEquals(LabCheckIT.CHECKS, List.copyOf(LabCheckIT.table(r.stdout()).keySet()), r.stdout());
        assertTrue(r.stdout().endsWith("lab-check: 7 of 7 checks passed\n"), r.stdout());
    }

    @Test
    @Order(4)
    void vmUpOutsideAVagrantMachineSaysWhy() {
        ProcessResult r = in(TARGET, Lab.script().toString(), "vm-up", "scanner");
        assertEquals(1, r.exitCode(), r.describe());
        assertTrue(r.stderr().contains("no interface has 198.18.0.1: vm-up scanner runs in the Vagrant scanner VM"),
                r.describe());
    }

    private static ProcessResult in(String ns, String... cmd) {
        assertNoDefaultRoute();
        List<String> line = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        line.addAll(Arrays.asList(cmd));
        return Lab.run(TIMEOUT, line);
    }

    private static void sh(String... cmd) {
        ProcessResult r = Lab.run(TIMEOUT, List.of(cmd));
        assertEquals(0, r.exitCode(), r.describe());
    }

    private static void assertNoDefaultRoute() {
        for (String ns : List.of(SCANNER, TARGET)) {
            for (String family : List.of("-4", "-6")) {
                String routes = Lab.run(TIMEOUT, List.of("ip", "-n", ns, family, "route", "show", "table", "all",
                        "default")).stdout().lines().filter(l -> !l.startsWith("unreachable")).reduce("", String::concat);
                assertEquals("", routes, "namespace " + ns + " has a default route");
            }
        }
    }
}
