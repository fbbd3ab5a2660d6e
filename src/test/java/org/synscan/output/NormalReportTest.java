package org.synscan.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.synscan.result.HostResult;
import org.synscan.result.PortResult;
import org.synscan.result.PortState;
import org.synscan.result.Protocol;
import org.synscan.result.Reason;

class NormalReportTest {
    static final ServiceNames NAMES = (p, port) -> switch (port) {
        case 22 -> "ssh";
        case 80 -> "http";
        case 8080 -> "http-proxy";
        default -> null;
    };

    static String render(boolean reason, StateFolding folding, HostResult host) {
        StringWriter w = new StringWriter();
        new NormalReport(new PrintWriter(w, true), NAMES, reason, folding).host(host);
        return w.toString().replace(System.lineSeparator(), "\n");
    }

    static HostResult lab(int closed, int dropped) {
        List<PortResult> ports = new ArrayList<>();
        for (int p = 1000; p < 1000 + closed; p++) {
            ports.add(new PortResult(Protocol.TCP, p, PortState.CLOSED, Reason.RESET, 64));
        }
        ports.add(new PortResult(Protocol.TCP, 22, PortState.OPEN, Reason.SYN_ACK, 64));
        ports.add(new PortResult(Protocol.TCP, 80, PortState.OPEN, Reason.SYN_ACK, 64));
        for (int i = 0; i < dropped; i++) {
            ports.add(new PortResult(Protocol.TCP, 5000 + i, PortState.FILTERED, Reason.NO_RESPONSE, 0));
        }
        ports.add(new PortResult(Protocol.TCP, 8080, PortState.FILTERED, Reason.ADMIN_PROHIBITED, 64));
        ports.sort((a, b) -> Integer.compare(a.port(), b.port()));
        return new HostResult(0, 0xC6120002L, false, 12_000, ports);
    }

    @Test
    void foldsLargeStatesLikeNmapWithReasons() {
        String text = render(true, new StateFolding(false, 0), lab(96, 2));
        assertEquals("""
                synscan scan report for 198.18.0.2
                Host is up, received user-set (0.000012s latency).
                Not shown: 96 closed tcp ports (reset)
                PORT     STATE    SERVICE    REASON
                22/tcp   open     ssh        syn-ack ttl 64
                80/tcp   open     http       syn-ack ttl 64
                5000/tcp filtered unknown    no-response
                5001/tcp filtered unknown    no-response
                8080/tcp filtered http-proxy admin-prohibited ttl 64

                """, text);
    }

    @Test
    void foldsSeveralReasonsOrderedByCountAndSaysWhenAllAreIgnored() {
        List<PortResult> ports = new ArrayList<>();
        for (int p = 100; p < 159; p++) {
            ports.add(new PortResult(Protocol.TCP, p, PortState.FILTERED, Reason.NO_RESPONSE, 0));
        }
        ports.add(new PortResult(Protocol.TCP, 159, PortState.FILTERED, Reason.ADMIN_PROHIBITED, 64));
        String text = render(false, new StateFolding(false, 0), new HostResult(0, 0xC6120002L, false, 30_000, ports));
        assertEquals("""
                synscan scan report for 198.18.0.2
                Host is up (0.000030s latency).
                All 60 scanned ports on 198.18.0.2 are in ignored states.
                Not shown: 59 filtered tcp ports (no-response), 1 filtered tcp ports (admin-prohibited)

                """, text);
    }

    @Test
    void verbosityShowsMorePortsAndSmallStatesAreListed() {
        String text = render(false, new StateFolding(false, 1), lab(47, 0));
        assertEquals(55, text.lines().count(), "47 closed ports are under -v's 50: " + text);
        String quiet = render(false, new StateFolding(false, 0), lab(20, 0));
        assertEquals(28, quiet.lines().count(), "20 closed ports are under the 25 threshold:\n" + quiet);
    }

    @Test
    void openOnlySkipsHostsWithoutOpenPortsAndFoldsTheRest() {
        HostResult none = new HostResult(0, 1, false, -1,
                List.of(new PortResult(Protocol.TCP, 1, PortState.CLOSED, Reason.RESET, 64)));
        assertEquals("", render(false, new StateFolding(true, 0), none));
        String text = render(false, new StateFolding(true, 0), lab(3, 0));
        assertEquals("""
                synscan scan report for 198.18.0.2
                Host is up (0.000012s latency).
                Not shown: 3 closed tcp ports (reset), 1 filtered tcp port (admin-prohibited)
                PORT   STATE SERVICE
                22/tcp open  ssh
                80/tcp open  http

                """, text);
    }

    @Test
    void latencyHasTwoSignificantDigits() {
        assertEquals("0.0000060", NormalReport.seconds(6_000));
        assertEquals("0.00012", NormalReport.seconds(120_000));
        assertEquals("1.3", NormalReport.seconds(1_299_000_000));
    }

    static PortResult tcp(int port, PortState state, Reason reason) {
        return new PortResult(Protocol.TCP, port, state, reason, reason == Reason.NO_RESPONSE ? 0 : 64);
    }

    /** Lines nmap 7.93 printed for the same ports of the lab target with --open. */
    @Test
    void notShownOrdersAndWordsLikeNmap() {
        HostResult host = new HostResult(0, 0xC6120002L, false, -1, List.of(
                tcp(22, PortState.OPEN, Reason.SYN_ACK), tcp(23, PortState.CLOSED, Reason.RESET),
                tcp(81, PortState.FILTERED, Reason.NO_RESPONSE), tcp(111, PortState.FILTERED, Reason.NET_UNREACH),
                tcp(112, PortState.FILTERED, Reason.HOST_UNREACH), tcp(113, PortState.FILTERED, Reason.PORT_UNREACH),
                tcp(50000, PortState.FILTERED, Reason.NO_RESPONSE)));
        StateFolding open = new StateFolding(true, 0);
        assertEquals("Not shown: 2 filtered tcp ports (no-response), 1 filtered tcp ports (port-unreach), 1 filtered"
                + " tcp ports (host-unreach), 1 filtered tcp ports (net-unreach), 1 closed tcp port (reset)",
                NormalReport.notShown(host, open.folded(host)));
        HostResult mixed = new HostResult(0, 1, true, -1, List.of(
                tcp(22, PortState.OPEN, Reason.SYN_ACK), tcp(23, PortState.CLOSED, Reason.RESET),
                tcp(81, PortState.FILTERED, Reason.NO_RESPONSE),
                new PortResult(Protocol.UDP, 9, PortState.OPEN_FILTERED, Reason.NO_RESPONSE, 0),
                new PortResult(Protocol.UDP, 69, PortState.CLOSED, Reason.PORT_UNREACH, 64),
                new PortResult(Protocol.UDP, 7777, PortState.OPEN_FILTERED, Reason.NO_RESPONSE, 0)));
        assertEquals("Not shown: 1 closed udp ports (port-unreach), 1 closed tcp ports (reset), 1 filtered tcp port"
                + " (no-response)", NormalReport.notShown(mixed, open.folded(mixed)));
    }
}
