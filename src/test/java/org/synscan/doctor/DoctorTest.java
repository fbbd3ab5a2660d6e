package org.synscan.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.synscan.ScanFailure;
import org.synscan.UsageException;
import org.synscan.cli.CliContext;
import org.synscan.cli.Main;
import org.synscan.plan.ScanRunner;
import org.synscan.net.IfAddress;
import org.synscan.net.IpAddr;
import org.synscan.net.LinkOverrides;
import org.synscan.net.NetInterface;
import org.synscan.net.NextHop;

class DoctorTest {
    static final List<String> ROOT = List.of("Name:\tjava", "Uid:\t0\t0\t0\t0", "CapInh:\t0000000000000000",
            "CapPrm:\t000001ffffffffff", "CapEff:\t000001ffffffffff", "CapBnd:\t000001ffffffffff",
            "CapAmb:\t0000000000000000");
    static final List<String> USER_NETRAW = List.of("Uid:\t1000\t1000\t1000\t1000", "CapInh:\t0000000000002000",
            "CapPrm:\t0000000000002000", "CapEff:\t0000000000002000", "CapBnd:\t0000000000002000",
            "CapAmb:\t0000000000002000");
    static final List<String> USER_PLAIN = List.of("Uid:\t1000\t1000\t1000\t1000", "CapInh:\t0000000000000000",
            "CapPrm:\t0000000000000000", "CapEff:\t0000000000000000", "CapBnd:\t000001ffffffffff",
            "CapAmb:\t0000000000000000");
    static final List<String> CONTAINER_NO_NETRAW = List.of("Uid:\t0\t0\t0\t0", "CapInh:\t0000000000000000",
            "CapPrm:\t00000000a80415fb", "CapEff:\t00000000a80415fb", "CapBnd:\t00000000a80415fb",
            "CapAmb:\t0000000000000000");

    static final NetInterface LO = new NetInterface("lo", 1, 0, true, true, true, 65536, 772,
            List.of(new IfAddress(IpAddr.parse("127.0.0.1"), 8), new IfAddress(IpAddr.parse("::1"), 128)));
    static final NetInterface ETH = new NetInterface("eth1", 3, 0x0a0000000001L, true, true, false, 1500, 1,
            List.of(new IfAddress(IpAddr.parse("198.18.0.1"), 24)));
    static final NetInterface TUN = new NetInterface("tun0", 4, 0, true, true, false, 1400, 65534, List.of());
    static final NetInterface SIT = new NetInterface("sit0", 5, 0, false, false, false, 1480, 776, List.of());

    /** A machine as the test describes it; records every plan request (the only thing that may send). */
    static final class FakeOs implements SystemView {
        String libpcap = "libpcap version 1.10.3 (with TPACKET_V3)";
        List<String> status = ROOT;
        List<NetInterface> interfaces = List.of(LO, ETH, TUN, SIT);
        ScanFailure captureFailure;
        NextHop hop;
        ScanFailure planFailure;
        final List<String> planned = new ArrayList<>();
        final List<String> captures = new ArrayList<>();

        @Override
        public String libpcapVersion() {
            if (libpcap == null) {
                throw new ScanFailure("libpcap is not installed: run sudo native-setup/install-deps.sh"
                        + " (apt-get install libpcap0.8)");
            }
            return libpcap;
        }

        @Override
        public Optional<String> libpcapFile() {
            return Optional.of("/usr/lib/x86_64-linux-gnu/libpcap.so.1.10.3");
        }

        @Override
        public List<String> processStatus() {
            return status;
        }

        @Override
        public List<NetInterface> interfaces() {
            return interfaces;
        }

        @Override
        public void openCapture(String iface) {
            captures.add(iface);
            if (captureFailure != null) {
                throw captureFailure;
            }
        }

        @Override
        public Optional<String> kernelRoute(IpAddr target) {
            return Optional.of(target + " via 198.18.0.2 dev eth1 src 198.18.0.1 uid 0");
        }

        @Override
        public NextHop plan(IpAddr target, LinkOverrides overrides) {
            planned.add(target + " " + overrides.iface());
            if (planFailure != null) {
                throw planFailure;
            }
            return hop;
        }

        @Override
        public List<InetAddress> resolve(String host) throws UnknownHostException {
            if (!host.equals("target.lab")) {
                throw new UnknownHostException(host);
            }
            return List.of(InetAddress.getByName("198.18.0.2"), InetAddress.getByName("fd00:5ca0::2"));
        }
    }

    record Run(int code, String out) {
        /** The lines under the "what is missing" heading. */
        String missing() {
            return out.substring(out.indexOf("\nwhat is missing\n"));
        }
    }

    private final FakeOs os = new FakeOs();

    private Run doctor(String... args) {
        StringWriter out = new StringWriter();
        int code = DoctorCommand.run(args, new PrintWriter(out), "0.1.0", os);
        return new Run(code, out.toString());
    }

    @Test
    void allPresentWithoutTargetSendsNothing() {
        Run r = doctor();
        assertEquals(0, r.code(), r.out());
        assertTrue(r.out().contains("ok       libpcap version 1.10.3 (with TPACKET_V3)"), r.out());
        assertTrue(r.out().contains("loaded from /usr/lib/x86_64-linux-gnu/libpcap.so.1.10.3"), r.out());
        assertTrue(r.out().contains("uid 0 (root)"), r.out());
        assertTrue(r.out().contains("ok       CAP_NET_RAW (raw and packet sockets, needed): effective yes"), r.out());
        assertEquals(List.of("lo"), os.captures, "the capture check opens the loopback interface");
        assertTrue(r.missing().contains("nothing: synscan can scan from here"), r.out());
        assertEquals(List.of(), os.planned, "no target: no route planning, so nothing can be sent");
    }

    @Test
    void interfacesShowAddressesAndLinkTypes() {
        String out = doctor().out();
        assertTrue(out.contains("lo ") && out.contains("loopback (DLT_EN10MB) 127.0.0.1/8 ::1/128"), out);
        assertTrue(out.contains("eth1") && out.contains("Ethernet 0a:00:00:00:00:01 (DLT_EN10MB) 198.18.0.1/24"), out);
        assertTrue(out.contains("no link layer (DLT_RAW)"), out);
        assertTrue(out.contains("sit0") && out.contains("down") && out.contains("link type 776 (synscan cannot send here)"),
                out);
    }

    @Test
    void onlyLoopbackUpIsAWarningNotAFailure() {
        os.interfaces = List.of(LO, SIT);
        Run r = doctor();
        assertEquals(0, r.code());
        assertTrue(r.out().contains("warning  no interface but loopback is up"), r.out());
    }

    @Test
    void missingLibpcapSaysHowToInstallIt() {
        os.libpcap = null;
        Run r = doctor();
        assertEquals(1, r.code());
        assertTrue(r.out().contains("MISSING  libpcap is not installed"), r.out());
        assertTrue(r.missing().contains("  libpcap\n           fix: sudo native-setup/install-deps.sh"), r.out());
        assertEquals(List.of(), os.captures, "no capture is tried without libpcap");
    }

    @Test
    void userWithoutCapabilityIsToldAboutGrantCapabilities() {
        os.status = USER_PLAIN;
        Run r = doctor();
        assertEquals(1, r.code());
        assertTrue(r.out().contains("uid 1000\n"), r.out());
        assertTrue(r.out().contains("MISSING  CAP_NET_RAW (raw and packet sockets, needed): effective no, permitted no,"
                + " inheritable no, ambient no, bounding yes"), r.out());
        assertTrue(r.missing().contains("  CAP_NET_RAW\n           fix: run as root (sudo ./synscan ...), or as an"
                + " ordinary user with only this capability: sudo native-setup/grant-capabilities.sh run --user USER"
                + " -- ARGS"), r.out());
        assertEquals(List.of(), os.captures);
    }

    @Test
    void userWithAmbientNetRawNeedsNothingElse() {
        os.status = USER_NETRAW;
        Run r = doctor();
        assertEquals(0, r.code(), r.out());
        assertTrue(r.out().contains("effective yes, permitted yes, inheritable yes, ambient yes, bounding yes"), r.out());
        assertTrue(r.out().contains("info     CAP_NET_ADMIN (not needed): effective no"), r.out());
    }

    @Test
    void containerWithoutNetRawInTheBoundingSetNeedsTheRuntimeToAddIt() {
        os.status = CONTAINER_NO_NETRAW;
        Run r = doctor();
        assertEquals(1, r.code());
        assertTrue(r.missing().contains("not in the bounding set") && r.missing().contains("--cap-add NET_RAW"),
                r.out());
        assertFalse(r.missing().contains("grant-capabilities"), r.out());
    }

    @Test
    void captureThatFailsDespiteTheCapabilityIsMissing() {
        os.captureFailure = new ScanFailure("cannot open lo: socket: Operation not permitted");
        Run r = doctor();
        assertEquals(1, r.code());
        assertTrue(r.missing().contains("packet capture\n           fix: cannot open lo: socket: Operation not"
                + " permitted"), r.out());
    }

    @Test
    void targetThroughARouterShowsKernelRouteAndNextHop() {
        os.hop = new NextHop("eth1", 3, 1, 1500, 0x0a0000000001L, 0x0a0000000002L, IpAddr.parse("198.18.0.1"),
                IpAddr.parse("198.18.0.2"), false, false);
        Run r = doctor("198.18.128.9");
        assertEquals(0, r.code(), r.out());
        assertEquals(List.of("198.18.128.9 null"), os.planned);
        assertTrue(r.out().contains("\ntarget 198.18.128.9\n"), r.out());
        assertTrue(r.out().contains("kernel   198.18.128.9 via 198.18.0.2 dev eth1 src 198.18.0.1"), r.out());
        assertTrue(r.out().contains("ok       synscan sends on dev eth1 (index 3, dlt 1, mtu 1500) src 198.18.0.1"
                + " 0a:00:00:00:00:01 -> 0a:00:00:00:00:02 via 198.18.0.2"), r.out());
        assertTrue(r.out().contains("through the router 198.18.0.2 (0a:00:00:00:00:02)"), r.out());
    }

    @Test
    void interfaceChoiceIsPassedToThePlanner() {
        os.hop = new NextHop("eth1", 3, 1, 1500, 1, 2, IpAddr.parse("fd00:5ca0::1"), null, false, false);
        Run r = doctor("-e", "eth1", "fd00:5ca0::2");
        assertEquals(List.of("fd00:5ca0::2 eth1"), os.planned);
        assertTrue(r.out().contains("on-link: frames go straight to fd00:5ca0::2"), r.out());
    }

    @Test
    void unreachableTargetIsMissingWithThePlannersFix() {
        os.planFailure = new ScanFailure("no route to 203.0.113.9 (check `ip route`; use -e to choose an interface)");
        Run r = doctor("203.0.113.9");
        assertEquals(1, r.code());
        assertTrue(r.out().contains("MISSING  no route to 203.0.113.9"), r.out());
        assertTrue(r.missing().contains("a way to 203.0.113.9\n           fix: no route to 203.0.113.9 (check"),
                r.out());
    }

    @Test
    void hostNamesResolveOnceInTheFamilyAsked() {
        os.hop = new NextHop("eth1", 3, 1, 1500, 1, 2, IpAddr.parse("198.18.0.1"), null, false, false);
        assertTrue(doctor("target.lab").out().contains("\ntarget target.lab (198.18.0.2)\n"));
        doctor("-6", "target.lab");
        assertEquals(List.of("198.18.0.2 null", "fd00:5ca0::2 null"), os.planned);
    }

    @Test
    void badTargetsAreUsageErrorsAndNeverLookedUp() {
        UsageException range = assertThrows(UsageException.class, () -> doctor("198.18.0.1-5"));
        assertEquals("doctor takes one address or host name, not 198.18.0.1-5", range.getMessage());
        assertThrows(UsageException.class, () -> doctor("198.18.0.0/24"));
        UsageException unknown = assertThrows(UsageException.class, () -> doctor("no.such.host"));
        assertTrue(unknown.getMessage().startsWith("cannot resolve no.such.host"), unknown.getMessage());
        UsageException extra = assertThrows(UsageException.class, () -> doctor("a", "b"));
        assertTrue(extra.getMessage().endsWith("(see synscan doctor --help)"), extra.getMessage());
        assertEquals(List.of(), os.planned);
    }

    @Test
    void helpNamesTheCommandAndSaysWhatIsSent() {
        Run r = doctor("--help");
        assertEquals(0, r.code());
        assertTrue(r.out().startsWith("Usage: synscan doctor [-6] [-e IFACE] [TARGET]"), r.out());
        assertTrue(r.out().contains("Without TARGET nothing is sent"), r.out());
        assertEquals(List.of(), os.planned);
    }

    @Test
    void mainDispatchesDoctorAndReportsItsUsageErrors() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliContext ctx = CliContext.system(ScanRunner.NOT_IMPLEMENTED);
        assertEquals(0, Main.run(new String[] {"doctor", "--help"}, new PrintWriter(out), new PrintWriter(err), ctx));
        assertTrue(out.toString().startsWith("Usage: synscan doctor"), out.toString());
        assertEquals(2, Main.run(new String[] {"doctor", "--bogus"}, new PrintWriter(out), new PrintWriter(err), ctx));
        assertEquals("synscan: unknown option: '--bogus' (see synscan doctor --help)\n", err.toString());
    }

    @Test
    void effectiveUidIsTheSecondUidField() {
        Capabilities c = Capabilities.parse(List.of("Uid:\t1000\t0\t0\t0", "CapEff:\t0000000000001000"));
        assertEquals(1000, c.realUid());
        assertEquals(0, c.effectiveUid());
        assertFalse(c.canUseRawSockets(), "bit 12 is CAP_NET_ADMIN, not CAP_NET_RAW");
    }
}
