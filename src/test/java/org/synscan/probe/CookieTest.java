package org.synscan.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CookieTest {
    private final Cookie cookie = new Cookie(TestNet.KEY, -1, TestNet.BASE, 5);

    @Test
    void tcpSourcePortEncodesTheTry() {
        for (int t = 0; t < 5; t++) {
            assertEquals(TestNet.BASE + t, cookie.tcpSourcePort(t));
            assertEquals(t, cookie.tcpTryNo(TestNet.BASE + t));
        }
        assertEquals(-1, cookie.tcpTryNo(TestNet.BASE - 1));
        assertEquals(-1, cookie.tcpTryNo(TestNet.BASE + 5));
    }

    @Test
    void fixedSourcePortRecoversTryZero() {
        Cookie fixed = new Cookie(TestNet.KEY, 53, 0, 5);
        assertEquals(53, fixed.tcpSourcePort(3));
        assertEquals(0, fixed.tcpTryNo(53));
        assertEquals(-1, fixed.tcpTryNo(54));
        long h = fixed.udpHash(0, TestNet.TARGET4, 161);
        assertEquals(53, fixed.udpSourcePort(h, 2));
        assertEquals(0, fixed.udpTryNo(h, 53));
        assertEquals(-1, fixed.udpTryNo(h, 1053));
    }

    @Test
    void udpSourcePortRoundTripsEveryTryAndStaysInRange() {
        SplittableRandom rnd = new SplittableRandom(11);
        for (int i = 0; i < 100_000; i++) {
            long h = cookie.udpHash(0, rnd.nextLong(1L << 32), rnd.nextInt(65536));
            for (int t = 0; t < 5; t++) {
                int port = cookie.udpSourcePort(h, t);
                assertTrue(port >= 1024 && port <= 65535, "port " + port);
                assertEquals(t, cookie.udpTryNo(h, port));
            }
        }
    }

    @Test
    void udpStrayPortsAreRejectedAtTheDesignedRate() {
        // A random destination port passes with probability maxTries / 64512 (5/64512 here).
        SplittableRandom rnd = new SplittableRandom(12);
        int accepted = 0;
        int n = 2_000_000;
        for (int i = 0; i < n; i++) {
            long h = cookie.udpHash(0, TestNet.TARGET4, i & 0xFFFF);
            if (cookie.udpTryNo(h, rnd.nextInt(65536)) >= 0) {
                accepted++;
            }
        }
        double expected = n * 5.0 / 64512 * (64512.0 / 65536);
        assertTrue(Math.abs(accepted - expected) < 5 * Math.sqrt(expected), accepted + " vs " + expected);
    }

    @Test
    void tcpCookieDependsOnEveryInputAndTheKey() {
        long h = cookie.tcpHash(0, TestNet.TARGET4, 80, 40000);
        assertNotEquals(h, cookie.tcpHash(0, TestNet.TARGET4 + 1, 80, 40000));
        assertNotEquals(h, cookie.tcpHash(1, TestNet.TARGET4, 80, 40000));
        assertNotEquals(h, cookie.tcpHash(0, TestNet.TARGET4, 81, 40000));
        assertNotEquals(h, cookie.tcpHash(0, TestNet.TARGET4, 80, 40001));
        assertNotEquals(h, new Cookie(new CookieKey(1, 2), -1, TestNet.BASE, 5).tcpHash(0, TestNet.TARGET4, 80, 40000));
        assertNotEquals(Cookie.tcpSeq(h), (int) cookie.udpHash(0, TestNet.TARGET4, 80));
    }

    @Test
    void randomBaseStaysInTheEphemeralRange() {
        SplittableRandom rnd = new SplittableRandom(13);
        for (int i = 0; i < 100_000; i++) {
            int base = Cookie.randomSourcePortBase(51, rnd);
            assertTrue(base >= 32768 && base + 51 - 1 <= 60999, "base " + base);
        }
    }

    @Test
    void randomKeysDifferAndHideThemselves() {
        CookieKey a = CookieKey.random();
        CookieKey b = CookieKey.random();
        assertNotEquals(a, b);
        assertEquals("CookieKey[hidden]", a.toString());
    }

    @Test
    void rejectsBadSettings() {
        assertThrows(IllegalArgumentException.class, () -> new Cookie(TestNet.KEY, -1, 65535, 2));
        assertThrows(IllegalArgumentException.class, () -> new Cookie(TestNet.KEY, -1, 40000, 0));
        assertThrows(IllegalArgumentException.class, () -> new Cookie(TestNet.KEY, 70000, 40000, 1));
    }
}
