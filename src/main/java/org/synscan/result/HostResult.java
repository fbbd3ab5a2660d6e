package org.synscan.result;

import java.util.List;

/**
 * A host's results, ports sorted by protocol then number. {@code latencyNanos} is the first measured
 * round-trip time to the host, or -1 when none was measured.
 */
public record HostResult(long hi, long lo, boolean ipv6, long latencyNanos, List<PortResult> ports) {

    /** Number of ports in {@code state}. */
    public long count(PortState state) {
        return ports.stream().filter(p -> p.state() == state).count();
    }

    /** True when at least one port answered (anything but no-response). */
    public boolean responded() {
        return ports.stream().anyMatch(p -> p.reason() != Reason.NO_RESPONSE);
    }
}
