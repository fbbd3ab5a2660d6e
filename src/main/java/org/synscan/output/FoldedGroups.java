package org.synscan.output;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.synscan.result.HostResult;
import org.synscan.result.PortResult;
import org.synscan.result.PortState;
import org.synscan.result.Protocol;
import org.synscan.result.Reason;

/**
 * A host's folded ports grouped by (state, protocol, reason), for the "Not shown" line and the XML
 * extraports. Counted in arrays indexed by the three ordinals: a -p- host has 65,535 ports to fold,
 * and a map keyed by a string per port cost a tenth of a second at the end of every such scan.
 */
final class FoldedGroups {
    private static final int STATES = PortState.values().length;
    private static final int PROTOCOLS = Protocol.values().length;
    private static final int REASONS = Reason.values().length;

    /** One group; {@code ports} in the host's port order, or null when not asked for. */
    record Group(PortState state, Protocol protocol, Reason reason, int count, int firstSeen, int[] ports) {
    }

    private FoldedGroups() {
    }

    /** The groups in the order their first port appears in the host's port list. */
    static List<Group> of(HostResult host, Set<PortState> folded, boolean withPorts) {
        int keys = STATES * PROTOCOLS * REASONS;
        int[] counts = new int[keys];
        int[] firstSeen = new int[keys];
        int[][] ports = withPorts ? new int[keys][] : null;
        int seen = 0;
        for (PortResult p : host.ports()) {
            if (!folded.contains(p.state())) {
                continue;
            }
            int k = (p.state().ordinal() * PROTOCOLS + p.protocol().ordinal()) * REASONS + p.reason().ordinal();
            int n = counts[k]++;
            if (n == 0) {
                firstSeen[k] = seen++;
            }
            if (withPorts) {
                if (ports[k] == null) {
                    ports[k] = new int[16];
                } else if (n == ports[k].length) {
                    ports[k] = Arrays.copyOf(ports[k], n * 2);
                }
                ports[k][n] = p.port();
            }
        }
        Group[] groups = new Group[seen];
        for (int k = 0; k < keys; k++) {
            if (counts[k] > 0) {
                int reason = k % REASONS;
                int protocol = k / REASONS % PROTOCOLS;
                int state = k / REASONS / PROTOCOLS;
                groups[firstSeen[k]] = new Group(PortState.values()[state], Protocol.values()[protocol],
                        Reason.values()[reason], counts[k], firstSeen[k],
                        withPorts ? Arrays.copyOf(ports[k], counts[k]) : null);
            }
        }
        return new ArrayList<>(Arrays.asList(groups));
    }
}
