package org.synscan.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.synscan.UsageException;

class IpAddrTest {
    @Test
    void ipv4Convention() {
        IpAddr a = IpAddr.parse("198.18.200.1");
        assertEquals(0, a.hi());
        assertEquals(0xc612c801L, a.lo());
        assertFalse(a.v6());
        assertEquals("198.18.200.1", a.toString());
        assertEquals("255.255.255.255", IpAddr.v4(0xffffffffL).toString());
    }

    @Test
    void ipv6RoundTripsInRfc5952Text() {
        for (String s : new String[] {"::1", "::", "fd00:5ca0:200::1", "fe80::284f:1ff:fe9c:7e10", "ff02::1:ff00:2",
                "1:0:1:0:1:0:1:0", "fd00:5ca0:200:0:1::", "2001:db8::1:0:0:1", "1::"}) {
            assertEquals(s, IpAddr.parse(s).toString());
        }
        IpAddr a = IpAddr.parse("fd00:5ca0:200::1");
        assertEquals(0xfd005ca002000000L, a.hi());
        assertEquals(1, a.lo());
        assertEquals("fd00:5ca0:200::1", IpAddr.parse("FD00:5CA0:0200:0000:0000:0000:0000:0001%ssnet-va").toString());
    }

    @Test
    void classifications() {
        assertTrue(IpAddr.parse("127.3.4.5").isLoopback());
        assertTrue(IpAddr.parse("::1").isLoopback());
        assertFalse(IpAddr.parse("::2").isLoopback());
        assertTrue(IpAddr.parse("fe80::1").isLinkLocal());
        assertTrue(IpAddr.parse("febf::1").isLinkLocal());
        assertFalse(IpAddr.parse("fec0::1").isLinkLocal());
        assertTrue(IpAddr.parse("ff02::1").isMulticast());
    }

    @Test
    void prefixes() {
        assertTrue(IpAddr.parse("198.18.200.77").inPrefix(IpAddr.parse("198.18.200.0"), 24));
        assertFalse(IpAddr.parse("198.18.201.77").inPrefix(IpAddr.parse("198.18.200.0"), 24));
        assertTrue(IpAddr.parse("1.2.3.4").inPrefix(IpAddr.parse("0.0.0.0"), 0));
        assertTrue(IpAddr.parse("198.18.200.1").inPrefix(IpAddr.parse("198.18.200.1"), 32));
        assertTrue(IpAddr.parse("fd00:5ca0:200::9").inPrefix(IpAddr.parse("fd00:5ca0:200::"), 64));
        assertTrue(IpAddr.parse("fd00:5ca0:200:0:1::9").inPrefix(IpAddr.parse("fd00:5ca0:200:0:1::"), 80));
        assertFalse(IpAddr.parse("fd00:5ca0:200:0:2::9").inPrefix(IpAddr.parse("fd00:5ca0:200:0:1::"), 80));
        assertTrue(IpAddr.parse("::1").inPrefix(IpAddr.parse("::1"), 128));
        assertFalse(IpAddr.parse("::2").inPrefix(IpAddr.parse("::1"), 128));
        assertFalse(IpAddr.parse("0.0.0.1").inPrefix(IpAddr.parse("::"), 0));
    }

    @Test
    void badTextIsAUsageError() {
        assertThrows(UsageException.class, () -> IpAddr.parse("example.org"));
        assertThrows(UsageException.class, () -> IpAddr.parse("1.2.3"));
        for (String bad : new String[] {"fd00::g", "g::1", "999.1.1.1", "1.2.3.4.5", "1:2:3:4:5:6:7:8:9", ":::",
                "1::2::3", "1:2:3:4:5:6:7", "fd00:12345::1", "::1.2.3", "1.2.3.-4", ""}) {
            assertThrows(UsageException.class, () -> IpAddr.parse(bad), bad);
        }
        assertEquals(IpAddr.v6(0, 0xffffc6120001L), IpAddr.parse("::ffff:198.18.0.1"));
        assertEquals(IpAddr.parse("1:2:3:4:5:6:7:8"), IpAddr.v6(0x0001000200030004L, 0x0005000600070008L));
        assertEquals(IpAddr.parse("1:2:3:4:5:6:7::"), IpAddr.v6(0x0001000200030004L, 0x0005000600070000L));
    }

    @Test
    void macs() {
        long m = Mac.parse("2A:4f:01:9c:7e:10");
        assertEquals(0x2a4f019c7e10L, m);
        assertEquals("2a:4f:01:9c:7e:10", Mac.format(m));
        assertEquals(m, Mac.read(Mac.toBytes(m), 0));
        assertThrows(IllegalArgumentException.class, () -> Mac.parse("2a:4f:01:9c:7e"));
    }
}
