package org.synscan.net;

import com.sun.jna.Native;

/**
 * The few libc calls of the raw IPv4 and batch send paths and of {@link ChildCapabilities}, direct-mapped;
 * pointers are passed as addresses or arrays.
 */
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

    /** prctl(2) with an option whose arguments are unsigned longs (PR_CAP_AMBIENT). */
    static native int prctl(int option, long arg2, long arg3, long arg4, long arg5);

    /** capget(2): {@code header} is {version, pid}; {@code data} 2 x {effective, permitted, inheritable} (version 3). */
    static native int capget(int[] header, int[] data);

    /** capset(2), with the arrays of {@link #capget}: pid 0 is the calling thread. */
    static native int capset(int[] header, int[] data);
}
