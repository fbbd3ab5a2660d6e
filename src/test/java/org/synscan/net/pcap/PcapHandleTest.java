package org.synscan.net.pcap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PcapHandleTest {
    @Test
    void activateErrorsAreOneClearLine() {
        assertEquals("cannot open eth9: no such interface (see --list-interfaces)",
                PcapHandle.activateMessage("eth9", PcapLib.ERROR_NO_SUCH_DEVICE, "SIOCGIFINDEX: No such device"));
        assertEquals("cannot open eth0: not permitted: run as root or grant CAP_NET_RAW (see docs/usage.md)",
                PcapHandle.activateMessage("eth0", PcapLib.ERROR_PERM_DENIED, "socket: Operation not permitted"));
        assertEquals("cannot open veth0: interface is down (bring it up with `ip link set veth0 up`)",
                PcapHandle.activateMessage("veth0", PcapLib.ERROR_IFACE_NOT_UP, ""));
        assertEquals("cannot open x: something odd", PcapHandle.activateMessage("x", PcapLib.ERROR, "something odd"));
    }

    @Test
    void libraryLoadsHere() {
        // libpcap0.8 is a build requirement of this project, so it must load on a dev or CI machine
        assertTrue(PcapHandle.libraryVersion().startsWith("libpcap version"));
    }
}
