package org.synscan.cli;

import org.synscan.engine.NextProbe;
import org.synscan.engine.ProbeSupply;
import org.synscan.output.ResumeState;
import org.synscan.target.ProbeCursor;
import org.synscan.target.ProbeOrder;

/**
 * The probe order of a resumed scan: the same keyed order as the interrupted run, from its start,
 * minus every probe whose result the resume file holds. So the resumed run sends exactly the probes
 * without a logged result (those in flight at the interruption, those whose result came after the
 * last checkpoint, and those never drawn) and nothing that was settled. Skipping costs a permutation
 * step and a hash look-up per settled probe, done on the sender thread without sending.
 */
final class SkippingSupply implements ProbeSupply {
    private final ProbeOrder order;
    private final ProbeCursor cursor = new ProbeCursor();
    private final Settled settled;

    SkippingSupply(ProbeOrder order, Iterable<ResumeState.Logged> done, int count) {
        this.order = order;
        this.settled = new Settled(count);
        for (ResumeState.Logged l : done) {
            settled.add(l.hi(), l.lo(), l.result().protocol().ordinal() << 16 | l.result().port());
        }
    }

    @Override
    public boolean next(NextProbe out) {
        while (order.next(cursor)) {
            if (!settled.contains(cursor.addrHi(), cursor.addrLo(), cursor.protocol().ordinal() << 16 | cursor.port())) {
                out.hi = cursor.addrHi();
                out.lo = cursor.addrLo();
                out.protocol = cursor.protocol();
                out.port = cursor.port();
                return true;
            }
        }
        return false;
    }

    @Override
    public long total() {
        return order.count();
    }

    @Override
    public long drawn() {
        return order.position();
    }

    /** An insert-only open-addressing set of (address, protocol+port) keys, primitives only. */
    static final class Settled {
        private final long[] hi;
        private final long[] lo;
        /** code + 1, 0 = empty */
        private final int[] code;
        private final int mask;

        Settled(int expected) {
            int capacity = Integer.highestOneBit(Math.max(4, expected) * 2 - 1) << 1;
            hi = new long[capacity];
            lo = new long[capacity];
            code = new int[capacity];
            mask = capacity - 1;
        }

        void add(long h, long l, int c) {
            int i = slot(h, l, c);
            hi[i] = h;
            lo[i] = l;
            code[i] = c + 1;
        }

        boolean contains(long h, long l, int c) {
            return code[slot(h, l, c)] != 0;
        }

        /** The key's slot, or the empty slot where it would go. */
        private int slot(long h, long l, int c) {
            long x = l * 0x9E3779B97F4A7C15L ^ h * 0xC2B2AE3D27D4EB4FL ^ c * 0x165667B19E3779F9L;
            int i = (int) (x ^ (x >>> 31)) & mask;
            while (code[i] != 0 && !(code[i] == c + 1 && lo[i] == l && hi[i] == h)) {
                i = (i + 1) & mask;
            }
            return i;
        }
    }
}
