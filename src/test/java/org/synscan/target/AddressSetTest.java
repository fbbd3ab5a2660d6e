package org.synscan.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.synscan.UsageException;

class AddressSetTest {

    private static AddressSet v4(Range... ranges) {
        return new AddressSet(false, List.of(ranges));
    }

    @Test
    void indexesWalkRangesInAscendingOrder() {
        AddressSet s = v4(Range.v4(10, 12), Range.v4(100, 100), Range.v4(3, 4));
        assertEquals(6, s.size());
        assertEquals(3, s.rangeCount());
        long[] expected = {3, 4, 10, 11, 12, 100};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], s.lowAt(i), "index " + i);
            assertEquals(0, s.highAt(i));
        }
        assertThrows(IndexOutOfBoundsException.class, () -> s.lowAt(6));
        assertThrows(IndexOutOfBoundsException.class, () -> s.lowAt(-1));
    }

    @Test
    void overlappingAndTouchingRangesMerge() {
        AddressSet s = v4(Range.v4(1, 5), Range.v4(3, 9), Range.v4(10, 10), Range.v4(12, 12), Range.v4(12, 12));
        assertEquals(List.of(Range.v4(1, 10), Range.v4(12, 12)), s.ranges());
        assertEquals(11, s.size());
    }

    @Test
    void containsChecksEveryRangeEdge() {
        AddressSet s = v4(Range.v4(10, 12), Range.v4(20, 20));
        for (long a = 0; a < 30; a++) {
            assertEquals(a >= 10 && a <= 12 || a == 20, s.contains(0, a), "address " + a);
        }
        assertFalse(s.contains(1, 10));
        assertFalse(AddressSet.empty(false).contains(0, 0));
    }

    @Test
    void ipv6IndexCarriesIntoTheHighHalf() {
        // fd00::ffff:ffff:ffff:fffe .. fd00::1:0:0:0:1 crosses the 64-bit boundary
        long hi = 0xfd00_0000_0000_0000L;
        AddressSet s = new AddressSet(true, List.of(new Range(hi, -2L, hi + 1, 1)));
        assertEquals(4, s.size());
        assertEquals(hi, s.highAt(1));
        assertEquals(-1L, s.lowAt(1));
        assertEquals(hi + 1, s.highAt(2));
        assertEquals(0, s.lowAt(2));
        assertEquals("fd00:0:0:1::1", AddressSet.format(true, s.highAt(3), s.lowAt(3)));
        assertTrue(s.contains(hi + 1, 0));
        assertFalse(s.contains(hi + 1, 2));
        assertFalse(s.contains(hi, -3L));
    }

    @Test
    void setsBeyondTwoToTheSixtyTwoAreRefused() {
        long hi = 0xfd00_0000_0000_0000L;
        // exactly 2^62 is fine
        assertEquals(1L << 62, new AddressSet(true, List.of(new Range(hi, 0, hi, (1L << 62) - 1))).size());
        UsageException e = assertThrows(UsageException.class,
                () -> new AddressSet(true, List.of(new Range(hi, 0, hi, 1L << 62))));
        assertTrue(e.getMessage().contains("more than 2^62 addresses"), e.getMessage());
        assertThrows(UsageException.class, () -> new AddressSet(true, List.of(new Range(hi, 0, hi, 1L << 61),
                new Range(hi + 1, 0, hi + 1, 1L << 61))));
    }

    @Test
    void formatsIpv4() {
        assertEquals("0.0.0.0", AddressSet.format(false, 0, 0));
        assertEquals("198.18.0.2", AddressSet.format(false, 0, 0xC6120002L));
        assertEquals("255.255.255.255", AddressSet.format(false, 0, 0xFFFFFFFFL));
    }

    @Test
    void formatsIpv6AsRfc5952() {
        String[][] cases = {
            {"2001:db8::1", "2001:0db8:0000:0000:0000:0000:0000:0001"},
            {"::", "0:0:0:0:0:0:0:0"},
            {"::1", "0:0:0:0:0:0:0:1"},
            {"fd00:5ca0::", "fd00:5ca0:0:0:0:0:0:0"},
            // a single zero group is not compressed
            {"2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"},
            // the longest run wins; on a tie, the first
            {"2001:0:0:1::1", "2001:0:0:1:0:0:0:1"},
            {"2001:db8::1:0:0:1", "2001:db8:0:0:1:0:0:1"},
            {"fd00:5ca0::abcd:ef", "FD00:5CA0::ABCD:00EF"},
            {"::ffff:198.18.0.1", "::ffff:c612:1"},
            {"1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8"},
            {"1::", "1:0:0:0:0:0:0:0"},
        };
        for (String[] c : cases) {
            IpAddress a = IpAddress.parseLiteral(c[1]).orElseThrow();
            assertEquals(c[0], AddressSet.format(true, a.hi(), a.lo()), c[1]);
        }
    }

    @Test
    void parsesIpv6LiteralsAndRejectsMalformedOnes() {
        assertEquals(new IpAddress(true, 0, 0xFFFF_C612_0001L), IpAddress.parseLiteral("::ffff:198.18.0.1").orElseThrow());
        assertEquals(new IpAddress(true, 0x0001_0002_0003_0004L, 0x0005_0006_0007_0000L),
                IpAddress.parseLiteral("1:2:3:4:5:6:7::").orElseThrow());
        for (String bad : new String[] {"1:2:3:4:5:6:7:8:9", "1::2::3", ":::", "12345::", "fd00::g", ":1:2:3:4:5:6:7",
                "1:2:3:4:5:6:7", "1.2.3.4::", "::1.2.3", "::%eth0", "::\u0661"}) {
            assertTrue(IpAddress.parseLiteral(bad).isEmpty(), bad);
        }
    }

    @Test
    void ipAddressRoundTripsThroughTheJdkWithoutLookups() throws Exception {
        for (String text : new String[] {"198.18.0.1", "fd00:5ca0::1", "::ffff:198.18.0.1", "::"}) {
            IpAddress a = IpAddress.parseLiteral(text).orElseThrow();
            InetAddress jdk = a.toInetAddress();
            assertEquals(a, IpAddress.of(jdk), text);
            assertEquals(a.toString(), text);
        }
    }

    @Test
    void toStringListsRanges() {
        assertEquals("0.0.0.3-0.0.0.4, 0.0.0.9", v4(Range.v4(3, 4), Range.v4(9, 9)).toString());
    }
}
