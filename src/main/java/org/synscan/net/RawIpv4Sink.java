package org.synscan.net;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import org.synscan.ScanFailure;
import org.synscan.net.pcap.SendFailure;

/**
 * Sends IPv4 packets through a raw IP socket (IPPROTO_RAW, header included), as nmap does for
 * local targets: frames injected on lo with a 127.x source are dropped by the kernel as
 * martians, while a raw socket's packets are routed through lo normally. Replies are captured
 * on lo with pcap. The packet's own destination address is used for sendto.
 */
public final class RawIpv4Sink implements FrameSink {
    private static final int MAX_PACKET = 65_535;
    private static final int EPERM = 1;

    private final int skip;
    private final Memory packet = new Memory(MAX_PACKET);
    private final Memory sockaddr = new Memory(16);
    private final long packetAddress = Pointer.nativeValue(packet);
    private final long sockaddrAddress = Pointer.nativeValue(sockaddr);
    private volatile int fd;

    private RawIpv4Sink(int fd, int skip) {
        this.fd = fd;
        this.skip = skip;
        sockaddr.clear();
        sockaddr.setShort(0, (short) LibC.AF_INET);    // sa_family is in host order
    }

    /** A sink for bare IPv4 packets (no link header). */
    public static RawIpv4Sink open() {
        return open(0);
    }

    /**
     * A sink that drops the first {@code linkHeaderBytes} of every frame, so a sender can keep
     * one Ethernet template for every target (pass 14).
     */
    public static RawIpv4Sink open(int linkHeaderBytes) {
        int fd = LibC.socket(LibC.AF_INET, LibC.SOCK_RAW, LibC.IPPROTO_RAW);
        if (fd < 0) {
            int errno = Native.getLastError();
            if (errno == EPERM) {
                throw new ScanFailure(Privileges.MESSAGE);
            }
            throw new ScanFailure("cannot open a raw IPv4 socket: " + LibC.strerror(errno));
        }
        return new RawIpv4Sink(fd, linkHeaderBytes);
    }

    @Override
    public void send(byte[] frame, int len) throws SendFailure {
        int s = fd;
        int n = len - skip;
        if (s < 0) {
            throw new SendFailure("raw IPv4 socket is closed");
        }
        if (n < 20 || n > MAX_PACKET) {
            throw new IllegalArgumentException("IPv4 packet of " + n + " bytes");
        }
        packet.write(0, frame, skip, n);
        sockaddr.write(4, frame, skip + 16, 4);
        if (LibC.sendto(s, packetAddress, n, 0, sockaddrAddress, 16) < 0) {
            throw new SendFailure("raw send: " + LibC.strerror(Native.getLastError()));
        }
    }

    @Override
    public synchronized void close() {
        int s = fd;
        if (s >= 0) {
            fd = -1;
            LibC.close(s);
        }
    }
}
