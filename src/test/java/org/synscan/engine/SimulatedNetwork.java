package org.synscan.engine;

import java.util.PriorityQueue;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.ToIntFunction;
import org.synscan.result.PortState;
import org.synscan.result.Protocol;
import org.synscan.result.Reason;

/**
 * A target network in memory for engine tests: each probe may be lost, its answer (decided by the
 * truth function) may be lost, delayed or duplicated, all from a seeded random source.
 */
final class SimulatedNetwork implements ProbeChannel, AnswerSource {
    /** Truth codes returned by the truth function. */
    static final int OPEN = 0;
    static final int CLOSED = 1;
    static final int SILENT = 2;
    static final int ADMIN = 3;

    private record Delivery(long at, long seq, long hi, long lo, Protocol protocol, int port, int tryNo, int truth) {
    }

    private final ToIntFunction<Long> truthByPort;
    private final Random random;
    private final double loss;
    private final double duplication;
    private final long delayNanos;
    private final long jitterNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final PriorityQueue<Delivery> inFlight = new PriorityQueue<>(
            (a, b) -> a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.seq, b.seq));
    private long seq;
    private boolean woken;
    /** Probes per second the simulated path carries; more are dropped (a queue overflowing). 0 = no limit. */
    private double capacity;
    private double tokens;
    private long lastRefill = System.nanoTime();
    final AtomicLong overflowed = new AtomicLong();
    /** ICMP errors (closed UDP ports) the target sends: Linux-style token bucket; 0 = no limit. */
    private long icmpIntervalNanos;
    private double icmpTokens;
    private int icmpBurst;
    private long lastIcmp = System.nanoTime();
    final AtomicLong icmpSuppressed = new AtomicLong();
    final AtomicLong probes = new AtomicLong();
    final AtomicLong delivered = new AtomicLong();

    SimulatedNetwork(ToIntFunction<Long> truthByPort, long seed, double loss, double duplication, long delayNanos,
            long jitterNanos) {
        this.truthByPort = truthByPort;
        this.random = new Random(seed);
        this.loss = loss;
        this.duplication = duplication;
        this.delayNanos = delayNanos;
        this.jitterNanos = jitterNanos;
    }

    @Override
    public void send(long hi, long lo, Protocol protocol, int port, int tryNo) {
        probes.incrementAndGet();
        lock.lock();
        try {
            if (capacity > 0) {
                long now = System.nanoTime();
                tokens = Math.min(capacity / 1000, tokens + (now - lastRefill) * capacity / 1e9);
                lastRefill = now;
                if (tokens < 1) {
                    overflowed.incrementAndGet();
                    return;
                }
                tokens--;
            }
            int truth = truthByPort.applyAsInt(((long) protocol.ordinal() << 16) | port);
            if (truth == SILENT || random.nextDouble() < loss || random.nextDouble() < loss) {
                return; // probe or answer lost (or nothing answers)
            }
            if (icmpIntervalNanos > 0 && protocol == Protocol.UDP && truth == CLOSED && !icmpToken()) {
                icmpSuppressed.incrementAndGet();
                return;
            }
            int copies = random.nextDouble() < duplication ? 2 : 1;
            for (int i = 0; i < copies; i++) {
                long jitter = jitterNanos == 0 ? 0 : (long) (random.nextDouble() * jitterNanos);
                inFlight.add(new Delivery(System.nanoTime() + delayNanos + jitter, seq++, hi, lo, protocol, port, tryNo,
                        truth));
            }
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The target sends one ICMP error per {@code intervalNanos} after a burst of {@code burst}, as Linux does. */
    SimulatedNetwork withIcmpRateLimit(long intervalNanos, int burst) {
        this.icmpIntervalNanos = intervalNanos;
        this.icmpBurst = burst;
        this.icmpTokens = burst;
        return this;
    }

    private boolean icmpToken() {
        long now = System.nanoTime();
        icmpTokens = Math.min(icmpBurst, icmpTokens + (double) (now - lastIcmp) / icmpIntervalNanos);
        lastIcmp = now;
        if (icmpTokens < 1) {
            return false;
        }
        icmpTokens--;
        return true;
    }

    /** Limits the path to {@code pps} probes per second, with a 1 ms burst. */
    SimulatedNetwork withCapacity(double pps) {
        this.capacity = pps;
        return this;
    }

    @Override
    public int next(Answer out) {
        lock.lock();
        try {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10);
            while (true) {
                if (woken) {
                    return CLOSED;
                }
                long now = System.nanoTime();
                Delivery d = inFlight.peek();
                if (d != null && d.at <= now) {
                    inFlight.poll();
                    fill(out, d);
                    delivered.incrementAndGet();
                    return ANSWER;
                }
                long wait = Math.min(deadline, d == null ? deadline : d.at) - now;
                if (now >= deadline) {
                    return IDLE;
                }
                arrived.awaitNanos(Math.max(1, wait));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CLOSED;
        } finally {
            lock.unlock();
        }
    }

    private static void fill(Answer out, Delivery d) {
        out.hi = d.hi;
        out.lo = d.lo;
        out.protocol = d.protocol;
        out.port = d.port;
        out.tryNo = d.tryNo;
        out.ttl = 64;
        out.receivedNanos = System.nanoTime();
        boolean tcp = d.protocol == Protocol.TCP;
        switch (d.truth) {
            case OPEN -> {
                out.state = PortState.OPEN;
                out.reason = tcp ? Reason.SYN_ACK : Reason.UDP_RESPONSE;
            }
            case CLOSED -> {
                out.state = PortState.CLOSED;
                out.reason = tcp ? Reason.RESET : Reason.PORT_UNREACH;
            }
            default -> {
                out.state = PortState.FILTERED;
                out.reason = Reason.ADMIN_PROHIBITED;
            }
        }
    }

    @Override
    public long maxLatencyNanos() {
        return 0;
    }

    @Override
    public void wakeUp() {
        lock.lock();
        try {
            woken = true;
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long invalid() {
        return 0;
    }

    @Override
    public long dropped() {
        return 0;
    }

    @Override
    public void close() {
    }
}
