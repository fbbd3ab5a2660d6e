package org.synscan.probe;

import org.synscan.result.Protocol;

/**
 * One kind of probe: a frame template built once per sender thread, patched per target in a reused
 * buffer (destination, ports, cookie, IP ID / flow label, checksums updated incrementally).
 * Not thread-safe: each sender thread creates its own with {@link #create}.
 */
public sealed interface ProbeKind permits TcpSynV4, TcpSynV6, UdpV4, UdpV6 {

    Protocol protocol();

    boolean ipv6();

    /** The longest frame {@link #build} writes; size the reused buffer with it. */
    int maxFrameLength();

    /**
     * Writes the whole frame (link header first, if any) for try {@code tryNo} (0-based) of the probe
     * to {@code dstHi/dstLo} port {@code dstPort} into {@code buf}, and returns its length.
     * Allocates nothing.
     */
    int build(byte[] buf, long dstHi, long dstLo, int dstPort, int tryNo);

    /** The probe kind for {@code protocol} over the configuration's address family. */
    static ProbeKind create(Protocol protocol, ProbeConfig config) {
        switch (protocol) {
            case TCP:
                return config.ipv6() ? new TcpSynV6(config) : new TcpSynV4(config);
            case UDP:
                return config.ipv6() ? new UdpV6(config) : new UdpV4(config);
            default:
                throw new IllegalArgumentException("no probe kind for " + protocol);
        }
    }
}
