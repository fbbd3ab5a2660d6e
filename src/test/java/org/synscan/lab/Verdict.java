package org.synscan.lab;

import org.synscan.result.PortState;
import org.synscan.result.Reason;

/** A port's state and the reason for it, the pair nmap prints with {@code --reason}. */
public record Verdict(PortState state, Reason reason) {

    /** Parses nmap's spellings; the reason may be singular or plural ("reset", "resets"). */
    public static Verdict of(String state, String reason) {
        return new Verdict(state(state), reason(reason));
    }

    static PortState state(String label) {
        for (PortState s : PortState.values()) {
            if (s.label().equals(label)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown port state: " + label);
    }

    static Reason reason(String label) {
        for (Reason r : Reason.values()) {
            if (r.label().equals(label) || r.label(2).equals(label)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown reason: " + label);
    }

    @Override
    public String toString() {
        return state.label() + "/" + reason.label();
    }
}
