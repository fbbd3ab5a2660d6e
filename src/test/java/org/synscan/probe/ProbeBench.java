package org.synscan.probe;

import java.util.SplittableRandom;
import org.synscan.result.Protocol;

/**
 * Micro-benchmark, not part of the test suite: ns per probe build (template copy, cookie, patch)
 * and per reply parse + classify. Run after {@code mvn -q test-compile}:
 * <pre>
 * mvn -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) org.synscan.probe.ProbeBench
 * </pre>
 */
public final class ProbeBench {
    private static final int N = 2_000_000;
    private static long sink;

    private ProbeBench() {
    }

    public static void main(String[] args) {
        System.out.printf("%-36s %6.1f ns/op%n", "SipHash-2-4 of 3 longs:", best(ProbeBench::siphash));
        for (Protocol p : Protocol.values()) {
            for (boolean v6 : new boolean[] {false, true}) {
                ProbeKind kind = ProbeKind.create(p, TestNet.config(v6, 14, 3, -1));
                System.out.printf("%-36s %6.1f ns/op%n", "build " + p + (v6 ? " v6:" : " v4:"), best(() -> build(kind, v6)));
            }
        }
        frames("parse+classify SYN-ACK v4", Protocol.TCP, false, 0);
        frames("parse+classify SYN-ACK v6", Protocol.TCP, true, 0);
        frames("parse+classify ICMP 3/13 v4", Protocol.TCP, false, 1);
        frames("parse+classify ICMPv6 1/1", Protocol.TCP, true, 1);
        frames("parse+classify UDP DNS answer v4", Protocol.UDP, false, 2);
        frames("parse+classify UDP no-payload v6", Protocol.UDP, true, 3);
        frames("parse+classify forged SYN-ACK v4", Protocol.TCP, false, 4);
        System.out.println("(sink " + sink + ")");
    }

    private static double best(Runnable r) {
        double best = Double.MAX_VALUE;
        for (int round = 0; round < 7; round++) {
            long t0 = System.nanoTime();
            r.run();
            best = Math.min(best, (System.nanoTime() - t0) / (double) N);
        }
        return best;
    }

    private static void siphash() {
        long s = 0;
        for (int i = 0; i < N; i++) {
            s += SipHash.hash(1, 2, i, s, 80);
        }
        sink += s;
    }

    private static void build(ProbeKind kind, boolean v6) {
        byte[] buf = new byte[kind.maxFrameLength()];
        int[] ports = {53, 80, 123, 443, 161, 8080, 22, 5353};
        long hi = v6 ? TestNet.V6_HI : 0;
        long s = 0;
        for (int i = 0; i < N; i++) {
            s += kind.build(buf, hi, 0xC612_0000L + (i & 0xFFFF), ports[i & 7], i % 3);
        }
        sink += s + buf[30];
    }

    /** 64 distinct replies of one shape, cycled. */
    private static void frames(String label, Protocol protocol, boolean v6, int shape) {
        Scenario s = new Scenario(protocol, v6, 3, -1);
        Scenario forger = new Scenario(TestNet.config(v6, 14, 3, -1, new CookieKey(5, 6), UdpPayloads.builtIn()), protocol);
        SplittableRandom rnd = new SplittableRandom(1);
        byte[][] replies = new byte[64][];
        for (int i = 0; i < replies.length; i++) {
            int port = shape == 2 ? 53 : 1 + rnd.nextInt(60000);
            Responder r = (shape == 4 ? forger : s).probe(port, i % 3);
            replies[i] = switch (shape) {
                case 0, 4 -> r.synAck();
                case 1 -> r.icmpError(v6 ? 1 : 3, v6 ? 1 : 13);
                default -> r.udpAnswer();
            };
        }
        ReplyClassifier classifier = s.classifier;
        Reply reply = new Reply();
        Verdict verdict = new Verdict();
        double ns = best(() -> {
            long ok = 0;
            for (int i = 0; i < N; i++) {
                byte[] f = replies[i & 63];
                if (ReplyParser.parse(f, f.length, ReplyParser.DLT_EN10MB, reply) && classifier.classify(reply, verdict)) {
                    ok += verdict.port();
                }
            }
            sink += ok;
        });
        System.out.printf("%-36s %6.1f ns/op%n", label + ":", ns);
    }
}
