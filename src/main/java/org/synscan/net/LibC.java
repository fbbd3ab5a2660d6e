package org.synscan.net;

import com.sun.jna.Native;

/** The few libc calls of the raw IPv4 and batch send paths, direct-mapped; pointers are passed as addresses. */
final class LibC {
    static final int AF_INET = 2;
    static final int SOCK_RAW = 3;
    static final int IPPROTO_RAW = 255;

    static {
        Native.register(LibC.class, NativeLibraries.libc());
    }

    private LibC() {
    }

    static native int socket(int domain, int type, int protocol);

    static native long sendto(int fd, long buf, long len, int flags, long addr, int addrLen);

    static native int close(int fd);

    /** sendmmsg(2): {@code msgvec} is the address of an array of {@code vlen} struct mmsghdr. */
    static native int sendmmsg(int fd, long msgvec, int vlen, int flags);

    static native int setsockopt(int fd, int level, int optname, long optval, int optlen);

    static native String strerror(int errno);
}
