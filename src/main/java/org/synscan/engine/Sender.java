package org.synscan.engine;

import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.synscan.result.PortState;
import org.synscan.result.Protocol;
import org.synscan.result.Reason;
import org.synscan.result.ScanResults;

/**
 * The sender thread's loop: new probes in scan order, retries of probes that timed out, and the
 * no-response verdict for probes out of tries, all paced by the rate limiter. Expiry is driven from
 * here rather than by a separate sweeper thread, so the timeout queues need no locking.
 */
final class Sender implements Runnable {
    /** Probes sent per rate-limiter grant; small enough to keep pacing smooth at low rates. */
    private static final int BATCH = 64;
    private static final long MAX_PARK_NANOS = 1_000_000;
    private static final Protocol[] PROTOCOLS = Protocol.values();
    private static final int UDP = Protocol.UDP.ordinal();

    private final Scan scan;
    private final ProbeSupply supply;
    private final ProbeChannel channel;
    private final NextProbe next = new NextProbe();
    private final UdpPacing.Due due = new UdpPacing.Due();
    private final LongSupplier localDrops;
    private boolean supplyDone;
    /** A probe drawn from the supply that could not be sent yet (table full). */
    private boolean pending;
    private boolean draining;
    private long loops;
    private long drainDeadline;
    /** The last send attempt stopped because the probe table or timeout queue was full. */
    private boolean blocked;
    /** A UDP probe went out: retries then always wait two timeouts (see {@link Scan#retryTimeouts}). */
    private boolean udpSent;

    Sender(Scan scan, ProbeSupply supply, ProbeChannel channel) {
        this.scan = scan;
        this.supply = supply;
        this.channel = channel;
        this.localDrops = scan::localDrops;
    }

    @Override
    public void run() {
        RateLimiter limiter = scan.limiter;
        while (true) {
            long now = System.nanoTime();
            if (scan.stopRequested() && !draining) {
                // Ctrl-C: nothing new, no retries; wait one timeout for replies already on their way
                draining = true;
                supplyDone = true;
                pending = false;
                drainDeadline = now + scan.rtt.timeoutNanos();
            }
            if (draining && (scan.table.size() == 0 || now - drainDeadline >= 0)) {
                break;
            }
            scan.congestion.tick(now, scan.settleNanos(), localDrops);
            if (++loops % 64 == 0) {
                scan.updateAllowedRetries();
            }
            int expired = draining ? 0 : expire(now, limiter);
            int sent = draining ? 0 : sendHeld(now, limiter);
            sent += sendNew(now, limiter);
            if (supplyDone && !pending && scan.table.size() == 0 && (draining || scan.udpPacing.held() == 0)) {
                break;
            }
            if (expired == 0 && sent == 0) {
                channel.flush();
                idle(now, limiter);
            } else if (sent > 0) {
                channel.flush(); // a batching sink holds at most one loop's probes
            }
        }
        channel.flush();
    }

    /**
     * Handles probes whose timeout passed: a retry while tries remain (needs a token), else the
     * no-response verdict. Returns how many queue entries were handled.
     */
    private int expire(long now, RateLimiter limiter) {
        long timeout = scan.rtt.timeoutNanos();
        long seen = Math.min(now, scan.seenUntil());
        return expire(scan.firstTries, timeout, seen, now, limiter)
                + expire(scan.retries, scan.retryTimeouts(udpSent) * timeout, seen, now, limiter);
    }

    private int expire(TimeoutQueue queue, long timeout, long seen, long now, RateLimiter limiter) {
        int handled = 0;
        while (!queue.isEmpty() && seen - queue.headSentNanos() >= timeout) {
            long hi = queue.headHi();
            long lo = queue.headLo();
            int packed = queue.headPort();
            int tryNo = queue.headTry();
            boolean udp = packed >>> 16 == UDP;
            if (tryNo >= scan.allowedRetries() && !udp) {
                // out of tries, and no UDP verification to come: settle checks the try itself, so
                // this is one table lookup instead of two (when nothing answers, most of the work)
                queue.pop();
                if (scan.table.settle(hi, lo, packed, tryNo)) {
                    giveUp(hi, lo, packed);
                }
                handled++;
                continue;
            }
            int current = scan.table.tryOf(hi, lo, packed);
            if (current != tryNo) {
                queue.pop(); // answered, or retried since this entry was queued
                handled++;
                continue;
            }
            if (tryNo < scan.allowedRetries() && udp && scan.udpPacing.isPaced(hi, lo)) {
                queue.pop();
                scan.udpPacing.hold(hi, lo, packed, tryNo, tryNo + 1, now);
            } else if (tryNo < scan.allowedRetries()) {
                if (scan.retries.isFull() || limiter.take(1, now) == 0) {
                    break; // the retry waits for room or a token; the head stays
                }
                queue.pop();
                if (scan.table.retried(hi, lo, packed, tryNo, tryNo + 1, now)) {
                    transmit(hi, lo, packed, tryNo + 1, now);
                    scan.counters.retries.incrementAndGet();
                } else {
                    limiter.giveBack(1); // answered just now
                }
            } else {
                queue.pop();
                int verify = udp ? scan.udpPacing.nextVerifyTry(hi, lo, tryNo) : -1;
                if (verify >= 0) {
                    scan.udpPacing.hold(hi, lo, packed, tryNo, verify, now);
                } else if (scan.table.settle(hi, lo, packed, tryNo)) {
                    giveUp(hi, lo, packed);
                }
            }
            handled++;
        }
        return handled;
    }

    /** Sends the held-back UDP verification probes whose host's slot has come. */
    private int sendHeld(long now, RateLimiter limiter) {
        UdpPacing pacing = scan.udpPacing;
        int sent = 0;
        while (!scan.table.isFull() && !scan.firstTries.isFull() && !scan.retries.isFull()
                && pacing.nextDueAt() <= now) {
            if (limiter.take(1, now) == 0) {
                break;
            }
            if (!pacing.nextDue(now, due)) {
                limiter.giveBack(1);
                break;
            }
            boolean first = due.currentTry == UdpPacing.NOT_SENT;
            if (first ? scan.table.sent(due.hi, due.lo, due.packedPort, now)
                    : scan.table.retried(due.hi, due.lo, due.packedPort, due.currentTry, due.nextTry, now)) {
                transmit(due.hi, due.lo, due.packedPort, due.nextTry, now);
                if (!first) {
                    scan.counters.retries.incrementAndGet();
                }
                sent++;
            } else {
                limiter.giveBack(1); // answered while it waited
            }
        }
        return sent;
    }

    private int sendNew(long now, RateLimiter limiter) {
        if (supplyDone && !pending) {
            return 0;
        }
        int budget = limiter.take(BATCH, now);
        int sent = 0;
        blocked = false;
        while (sent < budget) {
            if (!pending) {
                if (!supply.next(next)) {
                    supplyDone = true;
                    break;
                }
                pending = true;
            }
            int packed = ProbeTable.packPort(next.protocol.ordinal(), next.port);
            if (next.protocol == Protocol.UDP && scan.udpPacing.isPaced(next.hi, next.lo)) {
                scan.udpPacing.hold(next.hi, next.lo, packed, UdpPacing.NOT_SENT, 0, now);
                pending = false;
                continue;
            }
            if (scan.table.isFull() || scan.firstTries.isFull()) {
                blocked = true;
                break;
            }
            pending = false;
            if (scan.table.sent(next.hi, next.lo, packed, now)) {
                transmit(next.hi, next.lo, packed, 0, now);
                sent++;
            }
        }
        limiter.giveBack(budget - sent);
        return sent;
    }

    /** Puts a probe the table already knows of on the wire, so even an instant reply finds its entry. */
    private void transmit(long hi, long lo, int packed, int tryNo, long now) {
        (tryNo == 0 ? scan.firstTries : scan.retries).push(hi, lo, packed, tryNo, now);
        udpSent |= packed >>> 16 == UDP;
        channel.send(hi, lo, PROTOCOLS[packed >>> 16], packed & 0xFFFF, tryNo);
        scan.counters.sent.incrementAndGet();
    }

    private void giveUp(long hi, long lo, int packed) {
        Protocol protocol = PROTOCOLS[packed >>> 16];
        PortState state = protocol == Protocol.TCP ? PortState.FILTERED : PortState.OPEN_FILTERED;
        scan.results.record(hi, lo, ScanResults.pack(protocol, packed & 0xFFFF, state, Reason.NO_RESPONSE, 0), -1);
        scan.counters.settled.incrementAndGet();
    }

    /** Sleeps until the next thing can happen: a token, the head's expiry, or at most a millisecond. */
    private void idle(long now, RateLimiter limiter) {
        if (draining) {
            LockSupport.parkNanos(MAX_PARK_NANOS);
            return;
        }
        long wait = MAX_PARK_NANOS;
        long timeout = scan.rtt.timeoutNanos();
        // at least a little: the receiver may still have to catch up past the deadline
        if (!scan.firstTries.isEmpty()) {
            wait = Math.min(wait, Math.max(50_000, scan.firstTries.headSentNanos() + timeout - now));
        }
        if (!scan.retries.isEmpty()) {
            wait = Math.min(wait, Math.max(50_000,
                    scan.retries.headSentNanos() + scan.retryTimeouts(udpSent) * timeout - now));
        }
        long heldDue = scan.udpPacing.nextDueAt();
        if (heldDue != Long.MAX_VALUE) {
            wait = Math.min(wait, Math.max(20_000, heldDue - now));
        }
        if (blocked) {
            // only replies or expiries free room: no point waking for tokens
            wait = Math.min(wait, 200_000);
        } else if (!supplyDone || pending) {
            // wake for a batch, not a single token: parking per probe would spin a CPU at high rates
            wait = Math.min(wait, Math.max(limiter.nanosUntil(BATCH), 20_000));
        }
        if (wait > 10_000) {
            LockSupport.parkNanos(wait);
        } else {
            Thread.onSpinWait();
        }
    }
}
