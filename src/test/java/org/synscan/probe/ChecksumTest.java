package org.synscan.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ChecksumTest {

    @Test
    void rfc1071Example() {
        // RFC 1071 1.0: the words 0001 f203 f4f5 f6f7 sum to ddf2 (folded), so the checksum is 220d.
        byte[] b = {0x00, 0x01, (byte) 0xf2, 0x03, (byte) 0xf4, (byte) 0xf5, (byte) 0xf6, (byte) 0xf7};
        assertEquals(0xddf2, Checksum.fold(Checksum.sum(0, b, 0, b.length)));
        assertEquals(0x220d, Checksum.of(b, 0, b.length));
    }

    @Test
    void oddLengthPadsWithZero() {
        byte[] b = {0x12, 0x34, 0x56};
        assertEquals(TestNet.checksum(b), Checksum.of(b, 0, 3));
        assertEquals(Checksum.of(new byte[] {0x12, 0x34, 0x56, 0}, 0, 4), Checksum.of(b, 0, 3));
    }

    @Test
    void matchesNaiveOnRandomData() {
        SplittableRandom rnd = new SplittableRandom(1);
        for (int i = 0; i < 2000; i++) {
            byte[] b = new byte[rnd.nextInt(1, 1600)];
            rnd.nextBytes(b);
            assertEquals(TestNet.checksum(b), Checksum.of(b, 0, b.length));
        }
    }

    @Test
    void incrementalUpdatesEqualFullRecomputation() {
        SplittableRandom rnd = new SplittableRandom(2);
        for (int round = 0; round < 2000; round++) {
            byte[] b = new byte[2 * rnd.nextInt(8, 400)];
            rnd.nextBytes(b);
            b[0] = 0x45; // a constant non-zero word, as every real header has: no +0/-0 ambiguity
            int ck = Checksum.of(b, 0, b.length);
            for (int patch = 0; patch < 20; patch++) {
                int width = new int[] {2, 4, 8}[rnd.nextInt(3)];
                int at = 2 + 2 * rnd.nextInt((b.length - 2 - width) / 2 + 1);
                long old = read(b, at, width);
                long neu = rnd.nextInt(4) == 0 ? 0 : rnd.nextLong(); // zero and random new values
                write(b, at, width, neu);
                neu = read(b, at, width);
                ck = width == 2 ? Checksum.update16(ck, (int) old, (int) neu)
                        : width == 4 ? Checksum.update32(ck, (int) old, (int) neu) : Checksum.update64(ck, old, neu);
                assertEquals(Checksum.of(b, 0, b.length), ck, "round " + round + " patch " + patch);
            }
        }
    }

    @Test
    void patchFromZeroedFieldsEqualsFullRecomputation() {
        SplittableRandom rnd = new SplittableRandom(3);
        for (int round = 0; round < 5000; round++) {
            byte[] b = new byte[40];
            rnd.nextBytes(b);
            b[0] = 0x60;
            b[8] = b[9] = b[10] = b[11] = 0;
            b[13] = 0; // an odd-positioned byte, as the SNMP request-id has
            int ck = Checksum.of(b, 0, b.length);
            int v = rnd.nextInt();
            int odd = rnd.nextInt(256);
            write(b, 8, 4, v);
            b[13] = (byte) odd;
            long added = Checksum.words(v) + Checksum.sumAt(b, 13, 1, true);
            assertEquals(Checksum.of(b, 0, b.length), Checksum.patch(ck, added));
        }
    }

    @Test
    void pseudoHeadersMatchTheirByteLayout() {
        long src = TestNet.ip4(198, 18, 0, 1);
        long dst = TestNet.ip4(203, 0, 113, 77);
        byte[] p4 = TestNet.pseudo(false, 0, src, 0, dst, 6, 24);
        assertEquals(Checksum.fold(Checksum.sum(0, p4, 0, p4.length)), Checksum.fold(Checksum.pseudoV4(src, dst, 6, 24)));
        byte[] p6 = TestNet.pseudo(true, 0xfd00_5ca0_0000_0000L, 1, 0x2001_0db8_ffff_0000L, 0xdead_beef_0000_0001L, 17, 70000);
        assertEquals(Checksum.fold(Checksum.sum(0, p6, 0, p6.length)),
                Checksum.fold(Checksum.pseudoV6(0xfd00_5ca0_0000_0000L, 1, 0x2001_0db8_ffff_0000L, 0xdead_beef_0000_0001L, 17, 70000)));
    }

    private static long read(byte[] b, int at, int width) {
        long v = 0;
        for (int i = 0; i < width; i++) {
            v = v << 8 | (b[at + i] & 0xFF);
        }
        return v;
    }

    private static void write(byte[] b, int at, int width, long v) {
        for (int i = width - 1; i >= 0; i--) {
            b[at + i] = (byte) v;
            v >>>= 8;
        }
    }
}
