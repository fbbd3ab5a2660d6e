package org.synscan.output;

/**
 * The end-of-scan figures.
 *
 * @param addresses   addresses scanned
 * @param hostsUp     addresses reported up
 * @param seconds     wall time of the scan
 * @param sent        probes sent, retries included
 * @param retries     retransmissions
 * @param answers     valid replies that settled a probe
 * @param invalid     frames rejected as forged, stray or malformed
 * @param duplicates  valid replies for probes already settled
 * @param drops       frames the capture dropped
 * @param unfinished  probes left without a verdict (scan interrupted)
 * @param rateLimited hosts whose UDP probes were paced to their ICMP rate limit
 * @param undecided   UDP ports of those hosts left open|filtered
 */
public record ScanSummary(long addresses, long hostsUp, double seconds, long sent, long retries, long answers,
        long invalid, long duplicates, long drops, long unfinished, long rateLimited, long undecided) {

    public double averageRate() {
        return seconds > 0 ? sent / seconds : 0;
    }
}
