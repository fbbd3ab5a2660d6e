package org.synscan.local;

import org.synscan.net.IpAddr;
import org.synscan.result.PortState;
import org.synscan.result.Reason;

/**
 * What a probe of a listening socket at its own address found, or why it was not probed.
 *
 * @param target    the address probed (a wildcard binding is probed at 127.0.0.1 or ::1)
 * @param state     open (reachable), closed (refused), filtered, open|filtered (UDP without an answer);
 *                  null when not probed
 * @param reason    why the state, in nmap's words (syn-ack, reset, no-response ...); null when not probed
 * @param notProbed why no probe was sent (the route is not local, ...); null when probed
 */
record Exposure(IpAddr target, PortState state, Reason reason, String notProbed) {

    static Exposure probed(IpAddr target, PortState state, Reason reason) {
        return new Exposure(target, state, reason, null);
    }

    static Exposure skipped(IpAddr target, String why) {
        return new Exposure(target, null, null, why);
    }

    boolean wasProbed() {
        return state != null;
    }

    /** The state's nmap label, or "not probed". */
    String label() {
        return wasProbed() ? state.label() : "not probed";
    }
}
