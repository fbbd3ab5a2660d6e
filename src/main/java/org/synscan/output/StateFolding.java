package org.synscan.output;

import java.util.EnumSet;
import java.util.Set;
import org.synscan.result.HostResult;
import org.synscan.result.PortResult;
import org.synscan.result.PortState;

/**
 * Which port states a report folds into "Not shown" / extraports, by nmap's rule
 * (PortList::isIgnoredState): never open; open|filtered only below -vvv; with --open everything
 * that cannot be open; otherwise any state with more than 25 ports (25 × (v+1) with -v).
 */
public final class StateFolding {
    private static final int MAX_PER_STATE = 25;

    private final boolean openOnly;
    private final int verbosity;

    public StateFolding(boolean openOnly, int verbosity) {
        this.openOnly = openOnly;
        this.verbosity = verbosity;
    }

    /** --open was given. */
    public boolean openOnly() {
        return openOnly;
    }

    /** --open leaves out hosts where nothing is open (or possibly open). */
    public boolean hidesHost(HostResult host) {
        if (!openOnly) {
            return false;
        }
        for (PortResult p : host.ports()) {
            if (p.state() == PortState.OPEN || p.state() == PortState.OPEN_FILTERED) {
                return false;
            }
        }
        return true;
    }

    /** The states of this host that are folded; counted once per host. */
    public Set<PortState> folded(HostResult host) {
        long[] counts = new long[PortState.values().length];
        for (PortResult p : host.ports()) {
            counts[p.state().ordinal()]++;
        }
        Set<PortState> folded = EnumSet.noneOf(PortState.class);
        for (PortState s : PortState.values()) {
            if (isIgnored(s, counts[s.ordinal()])) {
                folded.add(s);
            }
        }
        return folded;
    }

    private boolean isIgnored(PortState state, long count) {
        if (state == PortState.OPEN) {
            return false;
        }
        if (state == PortState.OPEN_FILTERED && verbosity > 2) {
            return false;
        }
        if (openOnly && state != PortState.OPEN_FILTERED && state != PortState.UNFILTERED && count > 0) {
            return true;
        }
        long max = verbosity > 0 ? MAX_PER_STATE * (verbosity + 1L) : MAX_PER_STATE;
        return count > max;
    }
}
