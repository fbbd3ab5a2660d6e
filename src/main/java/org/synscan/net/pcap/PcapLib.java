package org.synscan.net.pcap;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;

/**
 * JNA direct-mapped libpcap. Direct mapping (Native.register) avoids the reflection and
 * argument boxing of interface mapping, which matters at hundreds of thousands of calls per
 * second. Pointers are passed as {@code long} addresses so the hot calls take primitives only.
 * <p>
 * Loading never throws from the static initializer: a missing libpcap is recorded in
 * {@link #LOAD_ERROR} and reported as one clear line by {@link PcapHandle} and LibpcapCheck.
 */
final class PcapLib {
    static final int ERRBUF_SIZE = 256;
    static final int NETMASK_UNKNOWN = 0xffffffff;
    static final int D_IN = 1;

    static final int ERROR = -1;
    static final int ERROR_BREAK = -2;
    static final int ERROR_ACTIVATED = -4;
    static final int ERROR_NO_SUCH_DEVICE = -5;
    static final int ERROR_PERM_DENIED = -8;
    static final int ERROR_IFACE_NOT_UP = -9;

    /** Why libpcap could not be loaded, or null when it was. */
    static final Throwable LOAD_ERROR;

    /**
     * Library names tried in order: the runtime sonames (Debian/Ubuntu, then Fedora/Arch), which
     * dlopen finds through the loader's cache at once, then the bare name (macOS, development
     * installs). The bare name first would cost every start on Debian a failed dlopen and a walk of
     * JNA's library search path: the unversioned libpcap.so comes only with libpcap-dev.
     */
    private static final String[] NAMES = {"libpcap.so.0.8", "libpcap.so.1", "pcap"};

    static {
        Throwable failure = null;
        for (String name : NAMES) {
            try {
                Native.register(PcapLib.class, NativeLibrary.getInstance(name));
                failure = null;
                break;
            } catch (UnsatisfiedLinkError | IllegalArgumentException e) {
                if (failure == null) {
                    failure = e;
                }
            }
        }
        LOAD_ERROR = failure;
    }

    private PcapLib() {
    }

    static native long pcap_create(String source, long errbuf);

    static native int pcap_set_snaplen(long p, int snaplen);

    static native int pcap_set_buffer_size(long p, int bytes);

    static native int pcap_set_immediate_mode(long p, int on);

    static native int pcap_set_timeout(long p, int ms);

    static native int pcap_set_promisc(long p, int on);

    static native int pcap_activate(long p);

    static native int pcap_compile(long p, long program, String expression, int optimize, int netmask);

    static native int pcap_setfilter(long p, long program);

    static native void pcap_freecode(long program);

    static native int pcap_setdirection(long p, int direction);

    static native int pcap_next_ex(long p, long headerOut, long dataOut);

    static native int pcap_sendpacket(long p, long buf, int size);

    static native int pcap_stats(long p, long stats);

    static native void pcap_breakloop(long p);

    static native void pcap_close(long p);

    static native int pcap_datalink(long p);

    static native String pcap_geterr(long p);

    static native String pcap_lib_version();

    static native int pcap_fileno(long p);

    static native int pcap_setnonblock(long p, int nonblock, long errbuf);
}
