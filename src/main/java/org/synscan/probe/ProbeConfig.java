package org.synscan.probe;

import java.util.Objects;

/**
 * Everything a probe kind and the reply classifier need, fixed for a scan.
 *
 * @param linkHeaderLength 14 (Ethernet, also {@code lo} with zero MACs) or 0 (raw IP packet for a raw socket)
 * @param srcMac           our MAC (6 bytes; ignored when the link header length is 0)
 * @param dstMac           the next hop's MAC (6 bytes; ignored when the link header length is 0)
 * @param ipv6             whether the scan is over IPv6 (the source address's family)
 * @param srcHi            our address, high 64 bits (0 for IPv4)
 * @param srcLo            our address, low 64 bits (the unsigned 32-bit address for IPv4)
 * @param ttl              IPv4 TTL / IPv6 hop limit of probes, 1..255
 * @param fixedSourcePort  {@code -g} port, or -1 to encode the try in the source port
 * @param sourcePortBase   first TCP source port (see {@link Cookie#randomSourcePortBase})
 * @param maxTries         tries per probe (1 + retries)
 * @param key              the scan's cookie key
 * @param udpPayloads      payloads for UDP probes by destination port
 */
public record ProbeConfig(int linkHeaderLength, byte[] srcMac, byte[] dstMac, boolean ipv6, long srcHi, long srcLo,
                          int ttl, int fixedSourcePort, int sourcePortBase, int maxTries, CookieKey key,
                          UdpPayloads udpPayloads) {

    public ProbeConfig {
        if (linkHeaderLength != 14 && linkHeaderLength != 0) {
            throw new IllegalArgumentException("link header length must be 14 or 0: " + linkHeaderLength);
        }
        srcMac = mac(srcMac, linkHeaderLength, "source");
        dstMac = mac(dstMac, linkHeaderLength, "destination");
        if (!ipv6 && (srcHi != 0 || (srcLo >>> 32) != 0)) {
            throw new IllegalArgumentException("IPv4 source address must have hi = 0 and a 32-bit lo");
        }
        if (ttl < 1 || ttl > 255) {
            throw new IllegalArgumentException("ttl out of range: " + ttl);
        }
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(udpPayloads, "udpPayloads");
        new Cookie(key, fixedSourcePort, sourcePortBase, maxTries); // validates the port and try settings
    }

    private static byte[] mac(byte[] mac, int linkHeaderLength, String which) {
        if (mac == null && linkHeaderLength == 0) {
            return new byte[6];
        }
        if (mac == null || mac.length != 6) {
            throw new IllegalArgumentException(which + " MAC must be 6 bytes");
        }
        return mac.clone();
    }

    @Override
    public byte[] srcMac() {
        return srcMac.clone();
    }

    @Override
    public byte[] dstMac() {
        return dstMac.clone();
    }

    /** The cookie codec for this configuration. */
    public Cookie cookie() {
        return new Cookie(key, fixedSourcePort, sourcePortBase, maxTries);
    }
}
