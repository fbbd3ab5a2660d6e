package org.synscan.output;

import java.time.ZonedDateTime;
import org.synscan.result.HostResult;
import org.synscan.result.PortResult;

/**
 * One output format writing to one destination; called in the order begin, (port | host)*, end, from
 * one thread. {@link #port} comes for every result as it settles; {@link #host} once per host, when the
 * host is complete or the scan ends. A format uses whichever of the two suits it.
 */
public interface Report {
    void begin(ScanInfo info);

    /** A port result just settled, at {@code epochMillis}. */
    default void port(boolean ipv6, long hi, long lo, PortResult result, long epochMillis) {
    }

    void host(HostResult host);

    void end(ScanSummary summary, ZonedDateTime finished);
}
