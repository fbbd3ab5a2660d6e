package org.synscan.net;

/** The Internet checksum (RFC 1071), for the few frames this package builds itself. */
final class Checksum {
    private Checksum() {
    }

    /** Adds {@code len} bytes as big-endian 16-bit words to an unfolded sum. */
    static long add(long sum, byte[] b, int off, int len) {
        int i = off;
        int end = off + len;
        for (; i + 1 < end; i += 2) {
            sum += ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
        }
        if (i < end) {
            sum += (b[i] & 0xff) << 8;
        }
        return sum;
    }

    /** Folds the carries and complements: the value to store in the checksum field. */
    static int finish(long sum) {
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) (~sum & 0xffff);
    }
}
