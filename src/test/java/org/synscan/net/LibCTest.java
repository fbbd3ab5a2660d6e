package org.synscan.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.jna.Native;
import org.junit.jupiter.api.Test;

class LibCTest {
    @Test
    void errnoSurvivesTheDirectCall() {
        // RawIpv4Sink reports failures through errno; this proves it is read after a direct-mapped call
        assertEquals(-1, LibC.sendto(-1, 0, 0, 0, 0, 0));
        assertEquals(9, Native.getLastError());   // EBADF
        assertEquals("Bad file descriptor", LibC.strerror(9));
    }
}
