package org.synscan.target;

import org.synscan.UsageException;

/** Every (address, port) pair of a scan: hosts x ports probes, at most 2^62. */
public record ScanSpace(AddressSet addresses, PortList ports) {

    public ScanSpace {
        long hosts = addresses.size();
        long n = ports.size();
        if (Math.multiplyHigh(hosts, n) != 0 || hosts * n > Range.MAX_SIZE || hosts * n < 0) {
            throw new UsageException("the scan is too large: " + hosts + " addresses x " + n
                    + " ports is more than 2^62 probes");
        }
    }

    /** Number of probes (without retries). */
    public long size() {
        return addresses.size() * ports.size();
    }
}
