package org.synscan.net.pcap;

import com.sun.jna.Native;
import org.synscan.net.NativeLibraries;

/** poll and an eventfd: how a reader waits for packets with a real timeout and can be woken. */
final class PosixLib {
    static final short POLLIN = 0x1;
    static final int EFD_NONBLOCK = 0x800;
    static final int EFD_CLOEXEC = 0x80000;

    static {
        Native.register(PosixLib.class, NativeLibraries.libc());
    }

    private PosixLib() {
    }

    static native int poll(long fds, long count, int timeoutMs);

    static native int eventfd(int initial, int flags);

    static native long write(int fd, long buf, long count);

    static native int close(int fd);
}
