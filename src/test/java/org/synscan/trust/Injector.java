package org.synscan.trust;

import java.io.IOException;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.synscan.net.Mac;
import org.synscan.net.pcap.PcapHandle;
import org.synscan.net.pcap.SendFailure;

/**
 * The hostile host on the lab link, run in its own namespace (see {@link HostileNet}): it sees
 * every probe of the scanner on a mirror port and, through a macvlan on the target's side of the
 * link, sends the scanner forged replies to those probes that are all slightly wrong (ack off,
 * another try's port, another source, ICMP errors quoting a changed header), replies for ports
 * never probed, or junk frames. Nothing it sends may change a result.
 *
 * <pre>
 * Injector MODE LISTEN_IF SEND_IF SCANNER_MAC SCANNER_ADDR UNPROBED_FROM EXTRA_RATE EXTRA_COUNT SECONDS SEED
 *   MODE           hostile (near misses for every probe, plus replies for unprobed ports) | junk
 *   UNPROBED_FROM  ports at and above it are never probed by the scan
 *   EXTRA_RATE/_COUNT  unsolicited or junk frames per second, and how many in all
 * </pre>
 * Prints "ready", runs until stdin closes or SECONDS pass, then prints its counts as key=value.
 */
public final class Injector {
    private final boolean hostile;
    private final PcapHandle listen;
    private final PcapHandle send;
    private final long ourMac;
    private final long scannerMac;
    private final byte[] scanner;
    /** The lab target these scans probe: the source of the unsolicited replies. */
    private final byte[] target;
    private final int unprobedFrom;
    private final SplittableRandom rnd;
    private final Junk junk;
    private final Map<String, Long> counts = new HashMap<>();
    private int base = -1;

    private Injector(String[] a) throws IOException {
        hostile = a[0].equals("hostile");
        listen = PcapHandle.openLive(a[1], 256, 16 << 20, 5, true);
        send = PcapHandle.openLive(a[2], 64, 1 << 20, 1000, true);
        send.setFilter("less 1");
        ourMac = macOf(a[2]);
        scannerMac = Mac.parse(a[3]);
        scanner = InetAddress.getByName(a[4]).getAddress();
        target = InetAddress.getByName(scanner.length == 16 ? "fd00:5ca0::2" : "198.18.0.2").getAddress();
        unprobedFrom = Integer.parseInt(a[5]);
        rnd = new SplittableRandom(Long.parseLong(a[9]));
        junk = new Junk(rnd, ourMac, scannerMac, scanner);
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 10) {
            System.err.println("usage: Injector hostile|junk LISTEN_IF SEND_IF SCANNER_MAC SCANNER_ADDR UNPROBED_FROM"
                    + " EXTRA_RATE EXTRA_COUNT SECONDS SEED");
            System.exit(2);
        }
        Injector in = new Injector(args);
        Thread stdin = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // the test closes our stdin when the scan is over
                }
            } catch (IOException ignored) {
                // closed
            }
            in.listen.breakLoop();
        });
        stdin.setDaemon(true);
        stdin.start();
        System.out.println("ready");
        System.out.flush();
        in.run(Double.parseDouble(args[6]), Long.parseLong(args[7]), Double.parseDouble(args[8]));
        in.counts.forEach((k, v) -> System.out.println(k + "=" + v));
        System.out.flush();
        System.exit(0);
    }

    private void run(double extraRate, long extraCount, double seconds) {
        byte[] buf = new byte[256];
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        long extraStart = -1;
        long extraSent = 0;
        while (System.nanoTime() < deadline) {
            int n = listen.next(buf);
            if (n < 0) {
                break;
            }
            Forge.Probe p = n == 0 ? null : Forge.probe(buf, n, scanner);
            if (p != null) {
                add("probes", 1);
                if (base < 0 && p.protocol() == Forge.TCP) {
                    base = p.sport(); // the first probe is some port's try 0: the scan's source-port base
                }
                if (extraStart < 0) {
                    extraStart = System.nanoTime();
                }
                if (hostile) {
                    nearMisses(p);
                }
                counts.put("before_last_probe", counts.getOrDefault("injected", 0L));
            }
            if (extraStart >= 0 && extraSent < extraCount) {
                long due = Math.min(extraCount, (long) ((System.nanoTime() - extraStart) * extraRate / 1e9) + 1);
                for (; extraSent < due; extraSent++) {
                    if (hostile) {
                        unsolicited();
                    } else {
                        inject("junk", junk.next(base < 0 ? 40000 : base));
                    }
                }
            }
        }
    }

    /** Near misses sent for each probe: three of the nine kinds, taking turns, so the injector keeps pace. */
    private static final int KINDS_PER_PROBE = 3;
    private int nextKind;

    /** Replies to a real probe, each wrong in one way a careless or hostile host could be. */
    private void nearMisses(Forge.Probe p) {
        if (p.protocol() != Forge.TCP) {
            return; // a UDP probe's cookie is its source port: another try's port is a valid reply by design
        }
        for (int i = 0; i < KINDS_PER_PROBE; i++) {
            nearMiss(p, nextKind);
            nextKind = (nextKind + 1) % 9;
        }
    }

    private void nearMiss(Forge.Probe p, int kind) {
        byte[] t = p.dst();
        byte[] us = p.src();
        int q = p.seq();
        byte[] quote = p.ipAndHeader();
        int ip = p.v6() ? 40 : (quote[0] & 0x0F) * 4;
        switch (kind) {
            case 0 -> inject("synack_wrong_ack", Forge.tcp(ourMac, scannerMac, t, us, p.dport(), p.sport(), rnd.nextInt(),
                    q + 2 + rnd.nextInt(Integer.MAX_VALUE - 2), 0x12));
            case 1 -> inject("rst_ack_off_by_one", Forge.tcp(ourMac, scannerMac, t, us, p.dport(), p.sport(), 0, q, 0x14));
            case 2 -> inject("rst_ack_plus_two", Forge.tcp(ourMac, scannerMac, t, us, p.dport(), p.sport(), 0, q + 2, 0x04));
            // the right ack, but for another try's source port or from another address: the cookie covers both
            case 3 -> inject("synack_other_try", Forge.tcp(ourMac, scannerMac, t, us, p.dport(),
                    p.sport() + 1 + rnd.nextInt(3), rnd.nextInt(), q + 1, 0x12));
            case 4 -> inject("synack_other_source", Forge.tcp(ourMac, scannerMac, otherHost(t), us, p.dport(), p.sport(),
                    rnd.nextInt(), q + 1, 0x12));
            case 5 -> inject("icmp_quote_other_seq", unreach(p, t, us, alter(quote, ip + 4 + rnd.nextInt(4))));
            case 6 -> inject("icmp_quote_other_port", unreach(p, t, us, port(quote, ip + 2, p.dport() + 1 + rnd.nextInt(100))));
            case 7 -> inject("icmp_quote_other_try", unreach(p, t, us, port(quote, ip, p.sport() + 1 + rnd.nextInt(3))));
            default -> inject("icmp_quote_not_from_us", unreach(p, t, us,
                    alter(quote, p.v6() ? 8 + rnd.nextInt(16) : 12 + rnd.nextInt(4))));
        }
    }

    private byte[] unreach(Forge.Probe p, byte[] from, byte[] to, byte[] quote) {
        int code = p.v6() ? rnd.nextInt(7) : new int[] {0, 1, 2, 3, 9, 10, 13}[rnd.nextInt(7)];
        return Forge.unreachable(ourMac, scannerMac, from, to, code, quote);
    }

    /** Replies for ports at or above UNPROBED_FROM: to our source ports, so only the cookie can tell. */
    private void unsolicited() {
        byte[] t = rnd.nextInt(4) == 0 ? otherHost(target) : target;
        int port = unprobedFrom + rnd.nextInt(65536 - unprobedFrom);
        int ours = (base < 0 ? 40000 : base) + rnd.nextInt(11);
        switch (rnd.nextInt(4)) {
            case 0 -> inject("unsolicited_synack", Forge.tcp(ourMac, scannerMac, t, scanner, port, ours, rnd.nextInt(),
                    rnd.nextInt(), 0x12));
            case 1 -> inject("unsolicited_rst", Forge.tcp(ourMac, scannerMac, t, scanner, port, ours, 0, rnd.nextInt(),
                    0x14));
            case 2 -> {
                byte[] probe = Forge.tcp(0, 0, scanner, t, ours, port, rnd.nextInt(), 0, 0x02);
                byte[] quote = java.util.Arrays.copyOfRange(probe, Forge.ETH, Forge.ETH + (t.length == 16 ? 48 : 28));
                inject("unsolicited_icmp", Forge.unreachable(ourMac, scannerMac, t, scanner,
                        t.length == 16 ? rnd.nextInt(7) : 3, quote));
            }
            default -> inject("unsolicited_udp", Forge.udp(ourMac, scannerMac, t, scanner, port,
                    1024 + rnd.nextInt(64512), new byte[rnd.nextInt(32)]));
        }
    }

    /**
     * An address of the lab's AnyIP range behind the target (198.18.128.0/17, fd00:5ca0:1::/112), never
     * probed by these scans. Behind the gateway on purpose: whatever the scanner's kernel answers goes to
     * the target, while a source on the link that nobody owns makes it resolve hundreds of neighbours,
     * which in this kernel costs the target's own replies (measured: 25k of 43k lost in 2 s).
     */
    static byte[] behindTheGateway(byte[] like, SplittableRandom rnd) {
        byte[] o = new byte[like.length];
        if (o.length == 16) {
            byte[] prefix = {(byte) 0xfd, 0, 0x5c, (byte) 0xa0, 0, 1};
            System.arraycopy(prefix, 0, o, 0, prefix.length);
            o[14] = (byte) rnd.nextInt(256);
            o[15] = (byte) (1 + rnd.nextInt(255));
        } else {
            o[0] = (byte) 198;
            o[1] = 18;
            o[2] = (byte) (128 + rnd.nextInt(128));
            o[3] = (byte) (1 + rnd.nextInt(254));
        }
        return o;
    }

    private byte[] otherHost(byte[] t) {
        return behindTheGateway(t, rnd);
    }

    private byte[] alter(byte[] quote, int at) {
        byte[] q = quote.clone();
        q[at] ^= (byte) (1 << rnd.nextInt(8));
        return q;
    }

    private static byte[] port(byte[] quote, int at, int port) {
        byte[] q = quote.clone();
        Forge.put16(q, at, port);
        return q;
    }

    private void inject(String kind, byte[] frame) {
        for (int attempt = 0; ; attempt++) {
            try {
                send.inject(frame, frame.length);
                add(kind, 1);
                add("injected", 1);
                return;
            } catch (SendFailure e) {
                if (attempt == 100) {
                    add("send_errors", 1);
                    return;
                }
                Thread.onSpinWait();
            }
        }
    }

    private void add(String key, long n) {
        counts.merge(key, n, Long::sum);
    }

    private static long macOf(String iface) throws IOException {
        String text = java.nio.file.Files.readString(java.nio.file.Path.of("/sys/class/net", iface, "address"));
        return Mac.parse(text.strip());
    }
}
