package org.synscan.result;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AddressesTest {
    @Test
    void formatsIpv4() {
        assertEquals("198.18.0.2", Addresses.format(false, 0, 0xC6120002L));
        assertEquals("255.255.255.255", Addresses.format(false, 0, 0xFFFFFFFFL));
        assertEquals("0.0.0.0", Addresses.format(false, 0, 0));
    }

    @Test
    void formatsIpv6PerRfc5952() {
        assertEquals("::", Addresses.formatV6(0, 0));
        assertEquals("::1", Addresses.formatV6(0, 1));
        assertEquals("fd00:5ca0::2", Addresses.formatV6(0xfd005ca000000000L, 2));
        assertEquals("2001:db8:0:1:1:1:1:1", Addresses.formatV6(0x20010db800000001L, 0x0001000100010001L),
                "a single zero group is not compressed");
        assertEquals("2001:0:0:1::1", Addresses.formatV6(0x2001000000000001L, 1), "longest run wins");
        assertEquals("2001:db8::1:0:0:1", Addresses.formatV6(0x20010db800000000L, 0x0001000000000001L),
                "first run wins a tie");
        assertEquals("1::", Addresses.formatV6(0x0001000000000000L, 0));
    }

    @Test
    void agreesWithTheJdkOnRandomAddresses() throws Exception {
        Random rnd = new Random(1);
        for (int i = 0; i < 10_000; i++) {
            long hi = rnd.nextLong();
            long lo = rnd.nextLong();
            // sprinkle zero groups so compression is exercised
            for (int g = 0; g < 4; g++) {
                if (rnd.nextInt(3) == 0) {
                    hi &= ~(0xFFFFL << (16 * g));
                }
                if (rnd.nextInt(3) == 0) {
                    lo &= ~(0xFFFFL << (16 * g));
                }
            }
            byte[] b = ByteBuffer.allocate(16).putLong(hi).putLong(lo).array();
            String jdk = InetAddress.getByAddress(b).getHostAddress();
            // the JDK does not compress; compare by parsing ours back
            assertEquals(jdk, InetAddress.getByName(Addresses.formatV6(hi, lo)).getHostAddress().replace("%0", ""),
                    Addresses.formatV6(hi, lo));
        }
    }
}
