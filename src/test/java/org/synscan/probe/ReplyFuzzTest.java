package org.synscan.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.synscan.result.Protocol;

/**
 * Over a million generated frames: random bytes, random bytes behind plausible headers,
 * truncations of genuine replies at every length, mutated lengths/IHL/extension chains of forged
 * and genuine replies, and ICMP errors with junk quotes. No exception may escape; nothing
 * validates, except a genuine reply whose mutation left it meaningfully intact, which must then
 * give exactly the unmutated verdict.
 */
class ReplyFuzzTest {
    private static final int[] LINK_TYPES = {ReplyParser.DLT_EN10MB, ReplyParser.DLT_RAW, ReplyParser.LINKTYPE_RAW,
        ReplyParser.DLT_LINUX_SLL, ReplyParser.DLT_IPV4, ReplyParser.DLT_IPV6, ReplyParser.DLT_LINUX_SLL2, 0, 113 + 1};
    private static final int[] PROTOCOLS = {0, 1, 6, 17, 43, 44, 51, 58, 59, 60};

    private final Scenario[] ours = {new Scenario(Protocol.TCP, false, 4, -1), new Scenario(Protocol.TCP, true, 4, -1),
        new Scenario(Protocol.UDP, false, 4, -1), new Scenario(Protocol.UDP, true, 4, -1)};
    private final Reply reply = new Reply();
    private final Verdict verdict = new Verdict();
    private final SplittableRandom rnd = new SplittableRandom(20240601);
    private long frames;
    private long parsed;

    @Test
    void millionFramesNoExceptionNothingValidates() {
        randomBytes(300_000);
        randomBehindHeaders(200_000);
        List<Genuine> genuine = genuineReplies();
        truncations(genuine);
        mutatedForgeries(250_000);
        mutatedGenuine(genuine, 150_000);
        junkIcmpQuotes(150_000);
        System.out.printf("fuzz: %d frames, %d parsed%n", frames, parsed);
        assertTrue(frames >= 1_000_000, "frames: " + frames);
        assertTrue(parsed >= 150_000, "too few frames reached the classifier to mean anything: " + parsed);
    }

    /** Parses and classifies with the IPv4 and the IPv6 scan's classifier; returns how many accepted. */
    private int run(byte[] f, int length, int linkType) {
        frames++;
        try {
            if (!ReplyParser.parse(f, length, linkType, reply)) {
                return 0;
            }
            parsed++;
            // One classifier per address family: it handles TCP and UDP replies alike.
            return (ours[0].classifier.classify(reply, verdict) ? 1 : 0)
                    + (ours[1].classifier.classify(reply, verdict) ? 1 : 0);
        } catch (RuntimeException e) {
            throw new AssertionError("threw on " + HexFormat.of().formatHex(f, 0, length) + " link " + linkType, e);
        }
    }

    private void mustReject(byte[] f, int length, int linkType, String what) {
        if (run(f, length, linkType) != 0) {
            fail(what + " validated: " + HexFormat.of().formatHex(f, 0, length) + " -> " + verdict);
        }
    }

    private void randomBytes(int n) {
        byte[] f = new byte[300];
        for (int i = 0; i < n; i++) {
            rnd.nextBytes(f);
            int len = rnd.nextInt(f.length + 1);
            int link = LINK_TYPES[rnd.nextInt(LINK_TYPES.length)];
            if (rnd.nextBoolean() && len > 20) {
                f[link == ReplyParser.DLT_LINUX_SLL2 ? 20 : link == ReplyParser.DLT_LINUX_SLL ? 16 : 0] =
                        (byte) (rnd.nextBoolean() ? 0x45 : 0x60);
            }
            mustReject(f, len, link, "random bytes");
        }
    }

    /** Plausible Ethernet + IP headers addressed to us, then random bytes. */
    private void randomBehindHeaders(int n) {
        for (int i = 0; i < n; i++) {
            boolean v6 = rnd.nextBoolean();
            byte[] body = new byte[rnd.nextInt(120)];
            rnd.nextBytes(body);
            int proto = rnd.nextInt(4) == 0 ? rnd.nextInt(256) : PROTOCOLS[rnd.nextInt(PROTOCOLS.length)];
            byte[] ip = v6 ? TestNet.ipv6(TestNet.V6_HI, TestNet.TARGET6, TestNet.V6_HI, TestNet.US6, proto, 64, body)
                    : TestNet.ipv4(TestNet.TARGET4, TestNet.US4, proto, 64, body);
            byte[] f = TestNet.eth(v6 ? 0x86DD : 0x0800, ip);
            mustReject(f, f.length, ReplyParser.DLT_EN10MB, "random transport");
        }
    }

    /** A genuine reply, the scenario it answers and the verdict it gets. */
    private record Genuine(byte[] frame, Scenario scenario, String verdict) {
    }

    private List<Genuine> genuineReplies() {
        List<Genuine> out = new ArrayList<>();
        for (Scenario s : ours) {
            for (int i = 0; i < 60; i++) {
                int port = i < 10 ? new int[] {53, 111, 123, 137, 161, 1900, 2049, 5353, 5683, 11211}[i] : rnd.nextInt(65536);
                Responder r = s.probe(port, rnd.nextInt(4));
                List<byte[]> replies = new ArrayList<>();
                int unreach = s.v6 ? 1 : 3;
                if (s.kind.protocol() == Protocol.TCP) {
                    replies.add(r.synAck());
                    replies.add(r.rst());
                } else {
                    replies.add(r.udpAnswer());
                }
                replies.add(r.icmpError(unreach, s.v6 ? 4 : 3));
                replies.add(r.icmpErrorMinimalQuote(unreach, 1));
                if (s.v6) {
                    byte[] transport = s.kind.protocol() == Protocol.TCP ? r.tcp(9, r.seq + 1, Reply.SYN | Reply.ACK)
                            : TestNet.udp(true, r.targetHi, r.targetLo, r.usHi, r.usLo, r.targetPort, r.ourPort, r.answerPayload());
                    byte[] chain = TestNet.cat(TestNet.extension(60, 1), TestNet.extension(44, 2),
                            TestNet.fragmentHeader(s.kind.protocol().ipNumber(), 0, false), transport);
                    replies.add(TestNet.eth(0x86DD, TestNet.ipv6(r.targetHi, r.targetLo, r.usHi, r.usLo, 0, 57, chain)));
                }
                for (byte[] f : replies) {
                    assertTrue(s.accepts(f), "genuine reply must validate");
                    out.add(new Genuine(f, s, s.verdict.toString() + s.verdict.targetLo()));
                }
            }
        }
        return out;
    }

    private void truncations(List<Genuine> genuine) {
        for (Genuine g : genuine) {
            for (int len = 0; len < g.frame.length; len++) {
                mustReject(g.frame, len, ReplyParser.DLT_EN10MB, "truncation to " + len);
            }
        }
    }

    /** Well-formed replies to a scan with another key, rejected as they are, then mutated. */
    private void mutatedForgeries(int n) {
        List<byte[]> corpus = new ArrayList<>();
        int accidental = 0;
        for (Scenario s : ours) {
            Scenario theirs = new Scenario(TestNet.config(s.v6, 14, 4, -1, new CookieKey(7, 8), UdpPayloads.builtIn()),
                    s.kind.protocol());
            for (int i = 0; i < 200; i++) {
                Responder r = theirs.probe(rnd.nextInt(65536), rnd.nextInt(4));
                byte[][] replies = s.kind.protocol() == Protocol.TCP
                        ? new byte[][] {r.synAck(), r.rst(), r.icmpError(s.v6 ? 1 : 3, 1)}
                        : new byte[][] {r.udpAnswer(), r.icmpError(s.v6 ? 1 : 3, s.v6 ? 4 : 3)};
                for (byte[] f : replies) {
                    if (run(f, f.length, ReplyParser.DLT_EN10MB) == 0) {
                        corpus.add(f);
                    } else {
                        accidental++; // UDP's 16-bit port cookie passes maxTries/64512 of strays by design
                    }
                }
            }
        }
        assertTrue(accidental <= 3, "forged replies accepted unmutated: " + accidental);
        for (int i = 0; i < n; i++) {
            byte[] f = corpus.get(rnd.nextInt(corpus.size())).clone();
            int len = mutate(f, true);
            mustReject(f, len, ReplyParser.DLT_EN10MB, "mutated forgery");
        }
    }

    private void mutatedGenuine(List<Genuine> genuine, int n) {
        int stillValid = 0;
        for (int i = 0; i < n; i++) {
            Genuine g = genuine.get(rnd.nextInt(genuine.size()));
            byte[] f = g.frame.clone();
            int len = mutate(f, false);
            int accepted = run(f, len, ReplyParser.DLT_EN10MB);
            if (accepted > 0) {
                assertEquals(1, accepted, "only the scan it answers may accept it");
                assertTrue(g.scenario.accepts(f, len, ReplyParser.DLT_EN10MB));
                assertEquals(g.verdict, g.scenario.verdict.toString() + g.scenario.verdict.targetLo(),
                        "a mutated reply must not change its verdict: " + HexFormat.of().formatHex(f, 0, len));
                stillValid++;
            }
        }
        System.out.printf("fuzz: %d of %d mutated genuine replies still valid, same verdict%n", stillValid, n);
    }

    private void junkIcmpQuotes(int n) {
        for (int i = 0; i < n; i++) {
            boolean v6 = rnd.nextBoolean();
            byte[] quote;
            int kind = rnd.nextInt(3);
            byte[] transport = new byte[8 + rnd.nextInt(40)];
            rnd.nextBytes(transport);
            int proto = rnd.nextBoolean() ? 6 : 17;
            if (kind == 0) {
                quote = new byte[rnd.nextInt(100)];
                rnd.nextBytes(quote);
            } else if (v6) {
                quote = TestNet.ipv6(TestNet.V6_HI, TestNet.US6, TestNet.V6_HI, kind == 1 ? rnd.nextLong() : TestNet.TARGET6,
                        proto, 64, transport);
            } else {
                quote = TestNet.ipv4(TestNet.US4, kind == 1 ? rnd.nextLong(1L << 32) : TestNet.TARGET4, proto, 64, transport);
            }
            int code = rnd.nextInt(16);
            byte[] f = v6 ? TestNet.eth(0x86DD, TestNet.ipv6(TestNet.V6_HI, TestNet.TARGET6, TestNet.V6_HI, TestNet.US6, 58, 60,
                    TestNet.icmp6(TestNet.V6_HI, TestNet.TARGET6, TestNet.V6_HI, TestNet.US6, rnd.nextBoolean() ? 1 : 4, code, quote)))
                    : TestNet.eth(0x0800, TestNet.ipv4(TestNet.TARGET4, TestNet.US4, 1, 60,
                    TestNet.icmp4(rnd.nextBoolean() ? 3 : 11, code, quote)));
            mustReject(f, f.length, ReplyParser.DLT_EN10MB, "junk ICMP quote");
        }
    }

    /**
     * Mutates one length or structure field of an Ethernet frame (outer or quoted), maybe also
     * truncating it; {@code anyByte} also allows random byte flips. Returns the length to parse.
     */
    private int mutate(byte[] f, boolean anyByte) {
        int ip = 14;
        boolean v6 = (f[ip] & 0xF0) == 0x60;
        int t = v6 ? ip + 40 : ip + (f[ip] & 0x0F) * 4;
        int proto = v6 ? f[ip + 6] & 0xFF : f[ip + 9] & 0xFF;
        boolean icmp = proto == 1 || proto == 58;
        int q = icmp ? t + 8 : f.length; // the quoted packet; none outside ICMP (the q < length tests fail)
        int choice = rnd.nextInt(anyByte ? 9 : 8);
        switch (choice) {
            case 0 -> put16(f, ip + (v6 ? 4 : 2), rnd.nextInt(65536));
            case 1 -> put16(f, ip + (v6 ? 4 : 2), ((f[ip + (v6 ? 4 : 2)] & 0xFF) << 8 | (f[ip + (v6 ? 5 : 3)] & 0xFF)) + rnd.nextInt(-8, 9));
            case 2 -> f[ip] = (byte) (v6 ? rnd.nextInt(256) : 0x40 | rnd.nextInt(16));
            case 3 -> {
                if (proto == 6) {
                    f[t + 12] = (byte) (rnd.nextInt(16) << 4);
                } else if (proto == 17) {
                    put16(f, t + 4, rnd.nextInt(65536));
                } else if (q < f.length) {
                    f[q] = (byte) ((f[q] & 0xF0) | rnd.nextInt(16)); // quoted IHL, or IPv6 traffic class bits
                }
            }
            case 4 -> f[ip + (v6 ? 6 : 9)] = (byte) PROTOCOLS[rnd.nextInt(PROTOCOLS.length)];
            case 5 -> {
                if (v6 && proto != 6 && proto != 17 && proto != 58) {
                    f[t + (rnd.nextBoolean() ? 0 : 1)] = (byte) (rnd.nextBoolean() ? rnd.nextInt(256) : PROTOCOLS[rnd.nextInt(PROTOCOLS.length)]);
                } else if (q + 9 < f.length) {
                    f[q + ((f[q] & 0xF0) == 0x60 ? 6 : 9)] = (byte) PROTOCOLS[rnd.nextInt(PROTOCOLS.length)];
                }
            }
            case 6 -> {
                if (q + 4 < f.length) {
                    put16(f, q + ((f[q] & 0xF0) == 0x60 ? 4 : 2), rnd.nextInt(65536));
                }
            }
            case 7 -> {
                int len = rnd.nextInt(f.length);
                put16(f, ip + (v6 ? 4 : 2), rnd.nextInt(65536));
                return len;
            }
            default -> {
                for (int k = rnd.nextInt(1, 5); k > 0; k--) {
                    f[rnd.nextInt(f.length)] ^= (byte) (1 << rnd.nextInt(8));
                }
            }
        }
        return f.length;
    }

    private static void put16(byte[] f, int at, int v) {
        if (at + 1 < f.length) {
            f[at] = (byte) (v >>> 8);
            f[at + 1] = (byte) v;
        }
    }
}
