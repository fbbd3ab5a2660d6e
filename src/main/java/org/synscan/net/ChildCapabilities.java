package org.synscan.net;

import com.sun.jna.Native;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.synscan.ScanFailure;

/**
 * Keeps synscan's capability out of the programs it starts. Run by grant-capabilities.sh, the JVM
 * gets CAP_NET_RAW through the ambient set (the only way an ordinary user's exec keeps a
 * capability), and the kernel hands the ambient set on to every program the process starts, with
 * the inheritable set it requires. The JVM needs the capability only effective, for its own
 * sockets, so both sets are emptied; the effective and permitted sets stay as they are.
 *
 * <p>Capabilities belong to threads, and a new thread copies its creator's. The main thread drops
 * both sets before it starts any thread ({@code Main}), so every thread synscan makes starts
 * without them; the JVM's own threads, made before main (the one that runs shutdown hooks on a
 * signal among them), keep them. So every child is started through {@link #start}, which drops
 * them on the calling thread as well.
 */
public final class ChildCapabilities {
    private static final int PR_CAP_AMBIENT = 47;
    private static final int PR_CAP_AMBIENT_CLEAR_ALL = 4;
    private static final int EINVAL = 22;
    private static final int LINUX_CAPABILITY_VERSION_3 = 0x20080522;
    /** In the 2 × {effective, permitted, inheritable} words of capget's version 3 data. */
    private static final int[] INHERITABLE_WORDS = {2, 5};
    /** This thread's sets: /proc/self/status shows the thread group leader's, which may differ. */
    private static final Path THREAD_STATUS = Path.of("/proc/thread-self/status");

    private ChildCapabilities() {
    }

    /** {@code builder.start()}, after {@link #dropInheritable()} on the calling thread. */
    public static Process start(ProcessBuilder builder) throws IOException {
        dropInheritable();
        return builder.start();
    }

    /**
     * Empties the calling thread's ambient and inheritable sets; a no-op (one read of /proc) when
     * they are empty, as they are for root and for users without capabilities.
     *
     * @throws ScanFailure when they cannot be emptied: then no child may be started
     */
    public static void dropInheritable() {
        List<String> status = Interfaces.readOrEmpty(THREAD_STATUS);
        if (!status.isEmpty() && !passesOn(status)) {
            return;
        }
        // EINVAL: a kernel before 4.3, which has no ambient set to clear
        if (LibC.prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) != 0 && Native.getLastError() != EINVAL) {
            throw failure("prctl(PR_CAP_AMBIENT_CLEAR_ALL)");
        }
        int[] header = {LINUX_CAPABILITY_VERSION_3, 0};
        int[] sets = new int[6];
        if (LibC.capget(header, sets) != 0) {
            throw failure("capget");
        }
        for (int word : INHERITABLE_WORDS) {
            sets[word] = 0;
        }
        if (LibC.capset(header, sets) != 0) {
            throw failure("capset");
        }
        List<String> after = Interfaces.readOrEmpty(THREAD_STATUS);
        if (!after.isEmpty() && passesOn(after)) {
            throw new ScanFailure("cannot keep capabilities from the programs synscan starts: the ambient or"
                    + " inheritable set is still set after clearing");
        }
    }

    /** True when a /proc status (of a thread) holds a capability that a program it starts would get. */
    static boolean passesOn(List<String> statusLines) {
        for (String line : statusLines) {
            if ((line.startsWith("CapInh:") || line.startsWith("CapAmb:"))
                    && Long.parseUnsignedLong(line.substring(7).strip(), 16) != 0) {
                return true;
            }
        }
        return false;
    }

    private static ScanFailure failure(String call) {
        return new ScanFailure("cannot keep capabilities from the programs synscan starts: " + call + ": "
                + LibC.strerror(Native.getLastError()));
    }
}
