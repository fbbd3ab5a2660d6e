package org.synscan.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.synscan.net.IpAddr;
import org.synscan.result.PortResult;
import org.synscan.result.PortState;
import org.synscan.result.Protocol;
import org.synscan.result.Reason;
import org.synscan.target.PortList;

class ExposureCheckTest {
    private static final IpAddr V4_LOOPBACK = IpAddr.parse("127.0.0.1");
    private static final IpAddr V6_LOOPBACK = IpAddr.parse("::1");

    /** Records every probe; answers from a table keyed "address proto/port". */
    private static final class FakeProber implements Prober {
        final List<String> calls = new ArrayList<>();
        final Map<String, PortResult> answers = new HashMap<>();
        Function<IpAddr, String> refuse = a -> null;

        void answer(String address, Protocol p, int port, PortState state, Reason reason) {
            answers.put(address + " " + p.label() + "/" + port, new PortResult(p, port, state, reason, 64));
        }

        @Override
        public void requireReady() {
        }

        @Override
        public List<PortResult> probe(IpAddr target, PortList ports) throws NotLocal {
            calls.add(target + " " + ports);
            String why = refuse.apply(target);
            if (why != null) {
                throw new NotLocal(why);
            }
            List<PortResult> out = new ArrayList<>();
            for (int i = 0; i < ports.size(); i++) {
                PortResult r = answers.get(target + " " + ports.protocolAt(i).label() + "/" + ports.portAt(i));
                if (r != null) {
                    out.add(r);
                }
            }
            return out;
        }
    }

    /** Local for 127/8, ::1 and 198.18.0.2; multicast for 224/4; unicast via eth0 otherwise. */
    private static RouteCheck.Answer route(IpAddr a) {
        String s = a.toString();
        if (a.isLoopback() || s.equals("198.18.0.2")) {
            return new RouteCheck.Answer(true, true, "local " + s + " dev lo table local src " + s);
        }
        if (a.isMulticast()) {
            return new RouteCheck.Answer(false, true, "multicast " + s + " dev eth0 table local src 10.0.0.5");
        }
        return new RouteCheck.Answer(false, true, s + " via 10.0.0.1 dev eth0 src 10.0.0.5");
    }

    private static LocalEntry entry(Protocol p, String address, int port) {
        return new LocalEntry(new ListeningSocket(p, IpAddr.parse(address), port,
                p == Protocol.TCP ? ListeningSocket.TCP_LISTEN : ListeningSocket.UDP_UNCONNECTED, 0, port), null,
                List.of());
    }

    @Test
    void wildcardsGoToLoopbackAndMappedAddressesToIpv4() {
        assertEquals(V4_LOOPBACK, ExposureCheck.probeTarget(entry(Protocol.TCP, "0.0.0.0", 1).socket()));
        assertEquals(V6_LOOPBACK, ExposureCheck.probeTarget(entry(Protocol.TCP, "::", 1).socket()));
        assertEquals(V4_LOOPBACK, ExposureCheck.probeTarget(entry(Protocol.TCP, "::ffff:127.0.0.1", 1).socket()));
        assertEquals(V4_LOOPBACK, ExposureCheck.probeTarget(entry(Protocol.UDP, "::ffff:0.0.0.0", 1).socket()));
        assertEquals(IpAddr.parse("127.0.0.53"),
                ExposureCheck.probeTarget(entry(Protocol.UDP, "127.0.0.53", 53).socket()));
        assertEquals(IpAddr.parse("fd00:5ca0::2"),
                ExposureCheck.probeTarget(entry(Protocol.TCP, "fd00:5ca0::2", 1).socket()));
    }

    @Test
    void probesEachLocalAddressOnceAndNeverANonLocalOne() throws Exception {
        List<LocalEntry> entries = List.of(
                entry(Protocol.TCP, "0.0.0.0", 22),
                entry(Protocol.TCP, "::", 22),
                entry(Protocol.TCP, "127.0.0.1", 631),
                entry(Protocol.UDP, "0.0.0.0", 68),
                entry(Protocol.TCP, "198.18.0.2", 443),
                entry(Protocol.UDP, "224.0.0.251", 5353),
                entry(Protocol.TCP, "::ffff:127.0.0.1", 8000),
                entry(Protocol.TCP, "10.0.0.77", 9000));
        FakeProber prober = new FakeProber();
        prober.answer("127.0.0.1", Protocol.TCP, 22, PortState.OPEN, Reason.SYN_ACK);
        prober.answer("127.0.0.1", Protocol.TCP, 631, PortState.FILTERED, Reason.NO_RESPONSE);
        prober.answer("127.0.0.1", Protocol.UDP, 68, PortState.OPEN_FILTERED, Reason.NO_RESPONSE);
        prober.answer("127.0.0.1", Protocol.TCP, 8000, PortState.CLOSED, Reason.RESET);
        prober.answer("::1", Protocol.TCP, 22, PortState.OPEN, Reason.SYN_ACK);
        prober.answer("198.18.0.2", Protocol.TCP, 443, PortState.OPEN, Reason.SYN_ACK);
        StringWriter err = new StringWriter();
        List<Exposure> x = new ExposureCheck(ExposureCheckTest::route, prober, new PrintWriter(err, true))
                .check(entries);

        assertEquals(List.of("127.0.0.1 T:22,631,8000,U:68", "::1 T:22", "198.18.0.2 T:443"), prober.calls);
        assertEquals(List.of("open", "open", "filtered", "open|filtered", "open", "not probed", "closed",
                "not probed"), x.stream().map(Exposure::label).toList());
        assertEquals(List.of(V4_LOOPBACK, V6_LOOPBACK, V4_LOOPBACK, V4_LOOPBACK, IpAddr.parse("198.18.0.2"),
                IpAddr.parse("224.0.0.251"), V4_LOOPBACK, IpAddr.parse("10.0.0.77")),
                x.stream().map(Exposure::target).toList());
        assertEquals(Reason.NO_RESPONSE, x.get(2).reason());
        assertEquals("the route to 224.0.0.251 is not local (multicast 224.0.0.251 dev eth0 table local src"
                + " 10.0.0.5)", x.get(5).notProbed());
        assertTrue(x.get(7).notProbed().contains("via 10.0.0.1 dev eth0"), x.get(7).notProbed());
        assertNull(x.get(5).reason());
        assertEquals("", err.toString());
    }

    @Test
    void theProbersOwnRefusalIsReportedAndNothingElseHappens() throws Exception {
        FakeProber prober = new FakeProber();
        prober.refuse = a -> a + " would be sent on eth0, not the loopback interface";
        List<Exposure> x = new ExposureCheck(ExposureCheckTest::route, prober, new PrintWriter(new StringWriter()))
                .check(List.of(entry(Protocol.TCP, "198.18.0.2", 443), entry(Protocol.UDP, "198.18.0.2", 53)));
        assertEquals(List.of("198.18.0.2 T:443,U:53"), prober.calls);
        for (Exposure e : x) {
            assertEquals("198.18.0.2 would be sent on eth0, not the loopback interface", e.notProbed());
        }
    }

    @Test
    void withoutTheIpToolItSaysSoOnceAndLeavesTheCheckToTheProber() throws Exception {
        FakeProber prober = new FakeProber();
        prober.answer("127.0.0.1", Protocol.TCP, 22, PortState.OPEN, Reason.SYN_ACK);
        StringWriter err = new StringWriter();
        RouteCheck noIp = a -> new RouteCheck.Answer(false, false, "cannot run ip: No such file or directory");
        List<Exposure> x = new ExposureCheck(noIp, prober, new PrintWriter(err, true))
                .check(List.of(entry(Protocol.TCP, "0.0.0.0", 22), entry(Protocol.TCP, "::", 22)));
        assertEquals(2, prober.calls.size());
        assertEquals("open", x.get(0).label());
        assertEquals("not probed", x.get(1).label(), "no verdict for ::1 port 22");
        assertEquals("the scan ended before a verdict", x.get(1).notProbed());
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertTrue(err.toString().startsWith("synscan: cannot ask the kernel for routes (cannot run ip"));
    }
}
