package org.synscan.net.pcap;

/**
 * libpcap's counters for one capture handle (pcap_stats). On Linux {@code received} counts
 * packets that passed the filter, {@code dropped} those lost because the ring buffer was
 * full, {@code ifDropped} those dropped by the interface.
 */
public record CaptureStats(long received, long dropped, long ifDropped) {
}
