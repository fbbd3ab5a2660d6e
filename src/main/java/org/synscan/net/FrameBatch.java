package org.synscan.net;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.synscan.net.pcap.SendFailure;

/**
 * Up to {@value #CAPACITY} frames in native memory, laid out for one sendmmsg(2) call. The native
 * buffers are fields of this object, so they stay reachable as long as the kernel may read them.
 *
 * <p>Struct layouts are those of LP64 Linux (x86-64, aarch64): iovec 16 bytes, msghdr 56, mmsghdr 64.
 */
final class FrameBatch {
    static final int CAPACITY = 64;
    static final int SLOT = 2048;
    private static final int IOVEC = 16;
    private static final int MMSGHDR = 64;
    private static final int EINTR = 4;

    private final Memory frames = new Memory((long) CAPACITY * SLOT);
    private final Memory iovecs = new Memory((long) CAPACITY * IOVEC);
    private final Memory messages = new Memory((long) CAPACITY * MMSGHDR);
    private final long messagesAddress = Pointer.nativeValue(messages);
    /**
     * Views of the same native memory: a bulk put into a direct buffer is a plain memory copy, where
     * JNA's Memory.write and setLong each cross into native code (a JNI transition per frame).
     */
    private final ByteBuffer framesView = frames.getByteBuffer(0, frames.size());
    private final ByteBuffer iovecsView = iovecs.getByteBuffer(0, iovecs.size()).order(ByteOrder.nativeOrder());
    private int queued;
    private int sent;

    FrameBatch() {
        messages.clear();
        long framesAddress = Pointer.nativeValue(frames);
        long iovecsAddress = Pointer.nativeValue(iovecs);
        for (int i = 0; i < CAPACITY; i++) {
            iovecs.setLong((long) i * IOVEC, framesAddress + (long) i * SLOT);
            long m = (long) i * MMSGHDR;
            messages.setLong(m + 16, iovecsAddress + (long) i * IOVEC); // msg_iov
            messages.setLong(m + 24, 1);                                // msg_iovlen
        }
    }

    boolean isFull() {
        return queued == CAPACITY;
    }

    boolean isEmpty() {
        return queued == 0;
    }

    /** Appends a frame of at most {@value #SLOT} bytes; the caller checks {@link #isFull()} first. */
    void add(byte[] frame, int len) {
        framesView.put(queued * SLOT, frame, 0, len);
        iovecsView.putLong(queued * IOVEC + 8, len);
        queued++;
    }

    /**
     * Sends what is queued and empties the batch. On a failure (a full kernel queue, or the interface
     * gone) the unsent frames stay queued and the failure is thrown, so a retry sends them, and a
     * caller that keeps failing learns it each time rather than once.
     */
    void send(int fd, String iface) throws SendFailure {
        while (sent < queued) {
            int n = LibC.sendmmsg(fd, messagesAddress + (long) sent * MMSGHDR, queued - sent, 0);
            if (n > 0) {
                sent += n;
                continue;
            }
            int errno = Native.getLastError();
            if (n < 0 && errno == EINTR) {
                continue;
            }
            throw new SendFailure("send on " + iface + ": " + (n < 0 ? LibC.strerror(errno) : "nothing sent"));
        }
        queued = 0;
        sent = 0;
    }
}
