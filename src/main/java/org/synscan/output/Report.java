package org.synscan.output;

import java.time.ZonedDateTime;
import org.synscan.result.HostResult;

/** One output format writing to one destination; called in the order begin, host*, end. */
public interface Report {
    void begin(ScanInfo info);

    void host(HostResult host);

    void end(ScanSummary summary, ZonedDateTime finished);
}
