package org.synscan.engine;

/** The scan order, probe by probe (the planner's permutation and shard); used by the sender thread only. */
public interface ProbeSupply {
    /** Fills {@code out} with the next probe; false when the order is exhausted. */
    boolean next(NextProbe out);

    /** How many probes the order holds in all, for progress. */
    long total();

    /** How many probes have been drawn, for progress and checkpoints. */
    long drawn();
}
