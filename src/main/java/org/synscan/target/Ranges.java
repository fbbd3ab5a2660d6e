package org.synscan.target;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Set algebra on lists of {@link Range}: sort and merge, subtract. Parse-time only. */
final class Ranges {
    private Ranges() {
    }

    /** Sorted, with overlapping and touching ranges merged, so every address appears once. */
    static List<Range> normalize(List<Range> input) {
        List<Range> sorted = new ArrayList<>(input);
        sorted.sort(Comparator.comparing(r -> r, Range::compareStart));
        List<Range> out = new ArrayList<>(sorted.size());
        Range cur = null;
        for (Range r : sorted) {
            if (cur == null) {
                cur = r;
            } else if (cur.reaches(r)) {
                if (!cur.endsAtOrAfter(r)) {
                    cur = new Range(cur.startHi(), cur.startLo(), r.endHi(), r.endLo());
                }
            } else {
                out.add(cur);
                cur = r;
            }
        }
        if (cur != null) {
            out.add(cur);
        }
        return out;
    }

    /** {@code include} minus {@code exclude}; both must be normalized, and so is the result. */
    static List<Range> subtract(List<Range> include, List<Range> exclude) {
        List<Range> out = new ArrayList<>(include.size());
        int j = 0;
        for (Range r : include) {
            while (j < exclude.size() && before(exclude.get(j), r)) {
                j++;
            }
            long curHi = r.startHi();
            long curLo = r.startLo();
            boolean open = true;
            int k = j;
            while (k < exclude.size() && startsAtOrBefore(exclude.get(k), r.endHi(), r.endLo())) {
                Range x = exclude.get(k);
                if (Range.compare(x.startHi(), x.startLo(), curHi, curLo) > 0) {
                    long lo = x.startLo() - 1;
                    long hi = x.startHi() - (x.startLo() == 0 ? 1 : 0);
                    out.add(new Range(curHi, curLo, hi, lo));
                }
                if (x.endsAtOrAfter(r)) {
                    open = false;
                    break;
                }
                curLo = x.endLo() + 1;
                curHi = x.endHi() + (curLo == 0 ? 1 : 0);
                k++;
            }
            if (open) {
                out.add(new Range(curHi, curLo, r.endHi(), r.endLo()));
            }
        }
        return out;
    }

    /** True when {@code x} ends before {@code r} starts. */
    private static boolean before(Range x, Range r) {
        return Range.compare(x.endHi(), x.endLo(), r.startHi(), r.startLo()) < 0;
    }

    private static boolean startsAtOrBefore(Range x, long hi, long lo) {
        return Range.compare(x.startHi(), x.startLo(), hi, lo) <= 0;
    }
}
