package org.synscan.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.synscan.net.FrameSource;
import org.synscan.net.pcap.CaptureStats;
import org.synscan.probe.CookieKey;
import org.synscan.probe.ProbeConfig;
import org.synscan.probe.ProbeKind;
import org.synscan.probe.ReplyClassifier;
import org.synscan.probe.UdpPayloads;
import org.synscan.result.PortState;
import org.synscan.result.Protocol;

/**
 * Issue 7, the capture side end to end: frames go through {@link CapturedAnswers} (parse, classify,
 * the invalid count and the own-probe rule), as the receiver reads them. Junk mixed with genuine
 * replies: only the genuine ones answer, with their port; the scanner's own probes, which a capture
 * on lo sees addressed to ourselves, neither answer nor count as invalid.
 */
class CapturedAnswersFuzzTest {
    private static final long V6_HI = 0xfd00_5ca0_0000_0000L;
    private static final int BASE = 40000;
    private static final int MAX_TRIES = 4;

    private final SplittableRandom rnd = new SplittableRandom(7_000_007);

    /** A capture that hands out queued frames, then reports closed. */
    private static final class Queued implements FrameSource {
        final Deque<byte[]> frames = new ArrayDeque<>();

        @Override
        public int next(byte[] buf) {
            byte[] f = frames.poll();
            if (f == null) {
                return -1;
            }
            int n = Math.min(f.length, buf.length);
            System.arraycopy(f, 0, buf, 0, n);
            return n;
        }

        @Override
        public long lastTimestampMicros() {
            return 0;
        }

        @Override
        public CaptureStats stats() {
            return new CaptureStats(0, 0, 0);
        }

        @Override
        public void breakLoop() {
        }

        @Override
        public int linkType() {
            return 1;
        }

        @Override
        public void close() {
        }
    }

    private static long us(boolean v6) {
        return v6 ? 1 : 0xC612_0001L; // fd00:5ca0::1, 198.18.0.1
    }

    private static ProbeConfig config(boolean v6) {
        return new ProbeConfig(14, new byte[6], new byte[6], v6, v6 ? V6_HI : 0, us(v6), 64, -1, BASE, MAX_TRIES,
                CookieKey.random(), UdpPayloads.builtIn());
    }

    @Test
    void junkAmongGenuineRepliesOnlyTheGenuineAnswer() {
        for (boolean v6 : new boolean[] {false, true}) {
            ProbeConfig config = config(v6);
            ProbeKind tcp = ProbeKind.create(Protocol.TCP, config);
            Queued source = new Queued();
            int genuine = 0;
            long junk = 0;
            byte[] probe = new byte[tcp.maxFrameLength()];
            for (int i = 0; i < 150_000; i++) {
                if (i % 100 == 0) {
                    int port = 1 + rnd.nextInt(65535);
                    int len = tcp.build(probe, v6 ? V6_HI : 0, v6 ? 2 : 0xC612_0002L, port, rnd.nextInt(MAX_TRIES));
                    source.frames.add(reset(probe, len, v6));
                    genuine++;
                } else {
                    source.frames.add(junk(v6));
                    junk++;
                }
            }
            CapturedAnswers answers = new CapturedAnswers(source, new ReplyClassifier(config), v6 ? V6_HI : 0, us(v6),
                    2048, 8_000_000);
            Answer a = new Answer();
            int answered = 0;
            for (int r; (r = answers.next(a)) != AnswerSource.CLOSED; ) {
                if (r == AnswerSource.ANSWER) {
                    answered++;
                    assertEquals(PortState.CLOSED, a.state, "a genuine RST means closed");
                }
            }
            assertEquals(genuine, answered, "answers among " + junk + " junk frames (" + (v6 ? "IPv6" : "IPv4") + ")");
            assertTrue(answers.invalid() <= junk, "invalid " + answers.invalid() + " of " + junk);
            assertTrue(answers.invalid() > junk / 20, "the junk hardly reached the classifier: " + answers.invalid());
        }
    }

    /** Scanning our own address on lo: the capture sees every probe, src = dst = us. */
    @Test
    void ourOwnProbesAreNeitherAnswersNorInvalid() {
        for (boolean v6 : new boolean[] {false, true}) {
            ProbeConfig config = config(v6);
            for (Protocol protocol : Protocol.values()) {
                ProbeKind kind = ProbeKind.create(protocol, config);
                Queued source = new Queued();
                byte[] probe = new byte[kind.maxFrameLength()];
                for (int port = 1; port <= 65535; port++) {
                    int len = kind.build(probe, v6 ? V6_HI : 0, us(v6), port, port % MAX_TRIES);
                    source.frames.add(java.util.Arrays.copyOf(probe, len));
                }
                CapturedAnswers answers = new CapturedAnswers(source, new ReplyClassifier(config), v6 ? V6_HI : 0,
                        us(v6), 2048, 8_000_000);
                Answer a = new Answer();
                for (int r; (r = answers.next(a)) != AnswerSource.CLOSED; ) {
                    if (r == AnswerSource.ANSWER) {
                        fail("our own " + protocol + " probe to port " + a.port + " was taken for a reply");
                    }
                }
                assertEquals(0, answers.invalid(), "own " + protocol + " probes counted as invalid");
            }
        }
    }

    /** The RST a closed port sends for a SYN frame: addresses and ports swapped, ack = seq + 1. */
    private static byte[] reset(byte[] syn, int len, boolean v6) {
        byte[] f = java.util.Arrays.copyOf(syn, len);
        int ip = 14;
        int t = ip + (v6 ? 40 : 20);
        swap(f, ip + (v6 ? 8 : 12), ip + (v6 ? 24 : 16), v6 ? 16 : 4);
        swap(f, t, t + 2, 2);
        long seq = (f[t + 4] & 0xFFL) << 24 | (f[t + 5] & 0xFF) << 16 | (f[t + 6] & 0xFF) << 8 | (f[t + 7] & 0xFF);
        long ack = (seq + 1) & 0xFFFF_FFFFL;
        for (int i = 0; i < 4; i++) {
            f[t + 8 + i] = (byte) (ack >>> (24 - 8 * i));
            f[t + 4 + i] = 0;
        }
        f[t + 13] = 0x14; // RST+ACK; checksums are not checked by the reader
        return f;
    }

    private static void swap(byte[] f, int a, int b, int n) {
        for (int i = 0; i < n; i++) {
            byte x = f[a + i];
            f[a + i] = f[b + i];
            f[b + i] = x;
        }
    }

    /** Random bytes, or an IP header to us around random bytes (random protocol, lengths, truncation). */
    private byte[] junk(boolean v6) {
        int kind = rnd.nextInt(3);
        byte[] f = new byte[14 + rnd.nextInt(kind == 0 ? 200 : 120) + (kind == 0 ? 0 : v6 ? 40 : 20)];
        rnd.nextBytes(f);
        f[12] = (byte) (v6 ? 0x86 : 0x08);
        f[13] = (byte) (v6 ? 0xDD : 0x00);
        if (kind == 0) {
            return f;
        }
        int ip = 14;
        if (v6) {
            f[ip] = 0x60;
            f[ip + 6] = (byte) new int[] {6, 17, 58, 0, 43, 44, 60}[rnd.nextInt(7)];
            putLong(f, ip + 24, V6_HI);
            putLong(f, ip + 32, us(true));
            putLong(f, ip + 8, V6_HI);
        } else {
            f[ip] = (byte) (0x40 | (kind == 1 ? 5 : rnd.nextInt(16)));
            f[ip + 9] = (byte) new int[] {6, 17, 1}[rnd.nextInt(3)];
            f[ip + 6] = 0;
            f[ip + 7] = 0;
            long dst = us(false);
            for (int i = 0; i < 4; i++) {
                f[ip + 16 + i] = (byte) (dst >>> (24 - 8 * i));
            }
        }
        if (kind == 2) {
            int len = rnd.nextInt(f.length);
            return java.util.Arrays.copyOf(f, len);
        }
        // well-formed lengths, so the transport's random content is what the classifier must judge
        int t = ip + (v6 ? 40 : 20);
        int payload = f.length - t;
        if (v6) {
            f[ip + 4] = (byte) (payload >>> 8);
            f[ip + 5] = (byte) payload;
        } else {
            f[ip + 2] = (byte) ((payload + 20) >>> 8);
            f[ip + 3] = (byte) (payload + 20);
        }
        if (payload >= 20) {
            f[t + 12] = 0x50;
        }
        return f;
    }

    private static void putLong(byte[] f, int at, long v) {
        for (int i = 0; i < 8; i++) {
            f[at + i] = (byte) (v >>> (56 - 8 * i));
        }
    }
}
