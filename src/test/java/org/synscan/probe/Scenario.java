package org.synscan.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.synscan.result.PortState;
import org.synscan.result.Protocol;
import org.synscan.result.Reason;

/** One scan's probe kind, parser and classifier, wired to a test configuration. */
final class Scenario {
    final ProbeConfig config;
    final ProbeKind kind;
    final ReplyClassifier classifier;
    final Reply reply = new Reply();
    final Verdict verdict = new Verdict();
    final byte[] buf;
    final boolean v6;

    Scenario(Protocol protocol, boolean v6, int maxTries, int fixedPort) {
        this(TestNet.config(v6, 14, maxTries, fixedPort), protocol);
    }

    Scenario(ProbeConfig config, Protocol protocol) {
        this.config = config;
        this.v6 = config.ipv6();
        kind = ProbeKind.create(protocol, config);
        classifier = new ReplyClassifier(config);
        buf = new byte[kind.maxFrameLength()];
    }

    long targetHi() {
        return v6 ? TestNet.V6_HI : 0;
    }

    long targetLo() {
        return v6 ? TestNet.TARGET6 : TestNet.TARGET4;
    }

    long routerLo() {
        return v6 ? TestNet.ROUTER6 : TestNet.ROUTER4;
    }

    /** Builds a probe to the lab target and returns a responder for it. */
    Responder probe(int port, int tryNo) {
        return probe(targetHi(), targetLo(), port, tryNo);
    }

    Responder probe(long hi, long lo, int port, int tryNo) {
        int len = kind.build(buf, hi, lo, port, tryNo);
        return new Responder(buf, len, config.linkHeaderLength());
    }

    boolean accepts(byte[] frame) {
        return accepts(frame, frame.length, ReplyParser.DLT_EN10MB);
    }

    boolean accepts(byte[] frame, int length, int linkType) {
        return ReplyParser.parse(frame, length, linkType, reply) && classifier.classify(reply, verdict);
    }

    void assertVerdict(byte[] frame, Protocol protocol, int port, int tryNo, PortState state, Reason reason) {
        assertTrue(accepts(frame), "reply should validate: " + protocol + "/" + port + " " + state + " " + reason);
        assertEquals(protocol, verdict.protocol());
        assertEquals(targetHi(), verdict.targetHi());
        assertEquals(targetLo(), verdict.targetLo());
        assertEquals(port, verdict.port());
        assertEquals(tryNo, verdict.tryNo());
        assertEquals(state, verdict.state());
        assertEquals(reason, verdict.reason());
        assertEquals(57, verdict.replyTtl());
        assertEquals(v6, verdict.ipv6());
    }
}
