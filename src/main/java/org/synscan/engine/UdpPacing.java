package org.synscan.engine;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * A second look, at the host's own pace, before a UDP port is called open|filtered. A closed UDP
 * port answers only with ICMP port-unreachable, and Linux sends those to one peer at about one per
 * second after a burst of 6: at scan speed most closed ports of such a host look silent. So when a
 * UDP port has used its tries without an answer on a host that does send ICMP errors, it is not given
 * up yet: it gets {@value #VERIFY_TRIES} more tries, held back and sent one per interval per host, the
 * interval starting from the ICMP rate seen from that host (one per second when only a burst was
 * seen), longer whenever a verification probe is answered only at a later try (silence alone proves
 * nothing: a port may just be silent). It never gets shorter: probing for a faster pace would spend
 * the very tries the verification is for. Once
 * a host is paced, all its UDP probes take its slots, so the scan's own retries cannot spend the ICMP
 * answers the verification waits for. A port still silent then is open|filtered for good; it counts as
 * undecided when its host was shown to rate-limit (a verification probe got the answer the normal
 * tries did not).
 *
 * <p>Threads: the receiver reports answers; the sender does the rest. Methods are synchronized;
 * UDP answers are few next to TCP's.
 */
final class UdpPacing {
    static final int VERIFY_TRIES = 2;
    private static final long MIN_INTERVAL = 1_000_000L;
    private static final long MAX_INTERVAL = 2_000_000_000L;
    /** Linux's default: one ICMP error per second to a peer once the burst of 6 is spent. */
    private static final long DEFAULT_INTERVAL = 1_000_000_000L;
    private static final int LINUX_BURST = 6;

    /** One held-back probe: who, which port, the try outstanding now and the try to send. */
    static final class Due {
        long hi;
        long lo;
        int packedPort;
        int currentTry;
        int nextTry;
    }

    private record Key(long hi, long lo) {
    }

    private static final class Host {
        final long hi;
        final long lo;
        long icmpAnswers;
        long firstIcmp;
        long lastIcmp;
        long interval = -1;
        /** When the pace was last slowed (or began): only tries sent after it may slow it again. */
        long slowedAt;
        long nextSlot;
        boolean rateLimited;
        /** packedPort << 16 | currentTry << 8 | nextTry, in arrival order. */
        final ArrayDeque<Long> held = new ArrayDeque<>();

        Host(long hi, long lo) {
            this.hi = hi;
            this.lo = lo;
        }
    }

    private final int firstVerifyTry;
    private final Map<Key, Host> hosts = new HashMap<>();
    private final PriorityQueue<Host> waiting = new PriorityQueue<>((a, b) -> Long.compare(a.nextSlot, b.nextSlot));
    private long held;
    private long rateLimitedHosts;
    private long undecided;

    /** @param maxRetries --max-retries: verification tries are numbered after the normal ones */
    UdpPacing(int maxRetries) {
        this.firstVerifyTry = maxRetries + 1;
    }

    /** How many tries a UDP probe may get in all, verification included (for the cookie's try encoding). */
    static int maxTries(int maxRetries) {
        return maxRetries + 1 + VERIFY_TRIES;
    }

    /**
     * Receiver: try {@code tryNo} of a UDP probe to the host was answered at {@code now};
     * {@code latest} when that try is the one outstanding (not an earlier, late one), and then
     * {@code previousSentAt} is when the try before it went out.
     */
    synchronized void onAnswer(long hi, long lo, boolean icmp, int tryNo, boolean latest, long previousSentAt,
            long now) {
        Host h = host(hi, lo);
        if (icmp) {
            if (h.icmpAnswers++ == 0) {
                h.firstIcmp = now;
            }
            h.lastIcmp = now;
        }
        if (tryNo >= firstVerifyTry && !h.rateLimited) {
            // the normal tries went unanswered and a paced one was not: the host rate-limits
            h.rateLimited = true;
            rateLimitedHosts++;
        }
        if (h.interval < 0 || !latest) {
            return;
        }
        if (tryNo > firstVerifyTry && previousSentAt - h.slowedAt >= 0) {
            // a paced try went unanswered and the next one was not: the pace was too fast for the
            // host's ICMP budget. (Silence alone says nothing: a port may simply be silent.) Only a
            // try that went out at the current pace may slow it again.
            h.interval = Math.min(MAX_INTERVAL, h.interval * 3 / 2);
            h.slowedAt = now;
        }
    }

    /**
     * Sender: the probe's try {@code tryNo} went unanswered and its normal tries are used up. Returns
     * the try to send next at the host's pace, or -1 when the port is open|filtered for good.
     */
    synchronized int nextVerifyTry(long hi, long lo, int tryNo) {
        Host h = hosts.get(new Key(hi, lo));
        if (h == null || h.icmpAnswers == 0) {
            return -1; // a host that never sends ICMP errors has nothing to hold back
        }
        if (tryNo < firstVerifyTry) {
            return firstVerifyTry;
        }
        if (tryNo + 1 < firstVerifyTry + VERIFY_TRIES) {
            return tryNo + 1;
        }
        if (h.rateLimited) {
            undecided++;
        }
        return -1;
    }

    /**
     * True once the host has a port under verification: from then on all its UDP probes, new ones and
     * retries too, take the host's slots, or the scan's own retries would spend the ICMP answers the
     * verification waits for.
     */
    synchronized boolean isPaced(long hi, long lo) {
        Host h = hosts.get(new Key(hi, lo));
        return h != null && h.interval >= 0;
    }

    /** {@link Due#currentTry} of a probe not sent yet: its first try goes through the pacing too. */
    static final int NOT_SENT = 0xFF;

    /** Holds a probe back until the host's next slot. */
    synchronized void hold(long hi, long lo, int packedPort, int currentTry, int nextTry, long now) {
        Host h = host(hi, lo);
        if (h.interval < 0) {
            h.interval = firstInterval(h);
            h.nextSlot = now;
            h.slowedAt = now;
        }
        if (h.held.isEmpty()) {
            waiting.add(h);
        }
        h.held.add(((long) packedPort << 16) | ((long) currentTry << 8) | nextTry);
        held++;
    }

    /**
     * The host's ICMP rate beyond a first burst (Linux allows 6 at once), if it showed any, else
     * Linux's default of one a second.
     */
    private static long firstInterval(Host h) {
        if (h.icmpAnswers <= LINUX_BURST || h.lastIcmp - h.firstIcmp <= 0) {
            return DEFAULT_INTERVAL;
        }
        long perAnswer = (h.lastIcmp - h.firstIcmp) / (h.icmpAnswers - LINUX_BURST);
        return Math.min(MAX_INTERVAL, Math.max(MIN_INTERVAL, perAnswer * 11 / 10));
    }

    /** Fills {@code out} with a held probe whose host's slot has come; false when none is due. */
    synchronized boolean nextDue(long now, Due out) {
        Host h = waiting.peek();
        if (h == null || h.nextSlot > now) {
            return false;
        }
        waiting.poll();
        long v = h.held.poll();
        held--;
        out.hi = h.hi;
        out.lo = h.lo;
        out.packedPort = (int) (v >>> 16);
        out.currentTry = (int) (v >>> 8) & 0xFF;
        out.nextTry = (int) v & 0xFF;
        h.nextSlot = now + h.interval;
        if (!h.held.isEmpty()) {
            waiting.add(h);
        }
        return true;
    }

    /** When the next held probe is due, or Long.MAX_VALUE when none is held. */
    synchronized long nextDueAt() {
        Host h = waiting.peek();
        return h == null ? Long.MAX_VALUE : h.nextSlot;
    }

    synchronized long held() {
        return held;
    }

    /** Hosts shown to rate-limit ICMP (a paced probe got the answer the normal tries did not). */
    synchronized long rateLimitedHosts() {
        return rateLimitedHosts;
    }

    /** UDP ports of such hosts still silent after verification: open|filtered, maybe only rate-limited. */
    synchronized long undecided() {
        return undecided;
    }

    private Host host(long hi, long lo) {
        return hosts.computeIfAbsent(new Key(hi, lo), k -> new Host(hi, lo));
    }
}
