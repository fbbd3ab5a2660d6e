package org.synscan.plan;

import java.io.PrintWriter;
import org.synscan.UsageException;

/**
 * Runs a real scan. The command line builds a {@link ScanPlan} and hands it here; the engine
 * implements this. Throw {@link org.synscan.UsageException} (exit 2) or {@link org.synscan.ScanFailure}
 * (exit 1) with a one-line message; any other exception also exits 1.
 */
@FunctionalInterface
public interface ScanRunner {
    /**
     * @param out standard output (results); the caller flushes it
     * @param err standard error (status line, warnings)
     * @return the exit code, 0 when the scan completed
     */
    int run(ScanPlan plan, PrintWriter out, PrintWriter err) throws Exception;

    /** Until the engine exists: every scan is refused. */
    ScanRunner NOT_IMPLEMENTED = (plan, out, err) -> {
        throw new UsageException("scanning is not implemented yet in this build");
    };
}
