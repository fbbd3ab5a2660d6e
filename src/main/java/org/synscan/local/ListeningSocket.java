package org.synscan.local;

import org.synscan.net.IpAddr;
import org.synscan.result.Protocol;

/**
 * One listening TCP socket or bound UDP socket as /proc/net shows it.
 *
 * @param address the local address; an IPv6 socket keeps its IPv6 form, also when it is IPv4-mapped
 * @param state   the kernel's socket state (0x0A LISTEN for TCP, 0x07 CLOSE, shown as UNCONN, for UDP)
 * @param uid     the socket owner's user id
 * @param inode   the socket's inode, the key to the processes holding it
 */
record ListeningSocket(Protocol protocol, IpAddr address, int port, int state, long uid, long inode) {
    static final int TCP_LISTEN = 0x0A;
    static final int UDP_UNCONNECTED = 0x07;

    /** An IPv6 socket (tcp6, udp6), whatever address it is bound to. */
    boolean v6() {
        return address.v6();
    }

    /** "tcp", "tcp6", "udp", "udp6", as netstat names them. */
    String netid() {
        return protocol.label() + (v6() ? "6" : "");
    }

    /** ss's name of the state. */
    String stateLabel() {
        return state == TCP_LISTEN ? "LISTEN" : state == UDP_UNCONNECTED ? "UNCONN" : "0x" + Integer.toHexString(state);
    }

    boolean wildcard() {
        return address.hi() == 0 && address.lo() == 0;
    }

    /** Bound to ::ffff:a.b.c.d: an IPv6 socket that only IPv4 packets reach. */
    boolean v4Mapped() {
        return v6() && address.hi() == 0 && (address.lo() >>> 32) == 0xffffL;
    }

    /** The address as ss prints it: dotted quad, RFC 5952, ::ffff:a.b.c.d for mapped addresses. */
    String addressText() {
        if (v4Mapped()) {
            return "::ffff:" + IpAddr.v4(address.lo());
        }
        return address.toString();
    }

    /** "0.0.0.0:22", "[::]:22", "[::ffff:127.0.0.1]:631". */
    String endpoint() {
        return v6() ? "[" + addressText() + "]:" + port : addressText() + ":" + port;
    }
}
