package org.synscan.net.pcap;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import org.synscan.ScanFailure;

/**
 * One live libpcap handle on one interface, through the direct binding.
 * <p>
 * Threading: {@link #next} is called by one thread only (the receiver) and {@link #inject}
 * by one thread only (the sender); a handle is not shared between a reader and a writer
 * unless the caller serialises them. {@link #breakLoop} and {@link #close} may be called from
 * any thread. Shutdown order while a thread may be blocked in {@code next}: set the caller's
 * stop flag, {@code breakLoop()}, join the reading thread, then {@code close()}. Closing
 * first would free the pcap_t under the blocked reader.
 * <p>
 * Native buffers (packet out-pointers, the inject buffer, the stats struct) are allocated once
 * and kept as fields, so they stay strongly reachable for the handle's whole life.
 * <p>
 * The handle runs in non-blocking mode and waits in poll(2) itself: with TPACKET_V3 (libpcap
 * 1.10 without immediate mode) a blocking pcap_next_ex never times out while no packet
 * arrives, so the read timeout would not be honoured. The poll also watches an eventfd that
 * {@link #breakLoop} signals.
 */
public final class PcapHandle implements AutoCloseable {
    /** DLT_EN10MB: Ethernet, also what Linux gives for lo. */
    public static final int DLT_EN10MB = 1;
    /** DLT_RAW: packets start with the IP header. */
    public static final int DLT_RAW = 12;

    private static final int MAX_FRAME = 65_536;
    private static final int CAPLEN_OFFSET = 16;
    /** Base 0, so offsets are absolute addresses: reads libpcap's memory without a Pointer per packet. */
    private static final Pointer ABSOLUTE = new Pointer(0);

    private final String iface;
    private final Object lock = new Object();
    private volatile long pcap;
    private volatile boolean broken;
    private final Memory outPointers = new Memory(16);
    private final Memory sendBuffer = new Memory(MAX_FRAME);
    private final Memory statsBuffer = new Memory(16);
    private final Memory pollFds = new Memory(16);
    private final Memory wakeValue = new Memory(8);
    private final long outAddress = Pointer.nativeValue(outPointers);
    private final long pollAddress = Pointer.nativeValue(pollFds);
    private final int timeoutMs;
    private int wakeFd;
    private final long sendAddress = Pointer.nativeValue(sendBuffer);
    private long lastHeader;

    private PcapHandle(String iface, long pcap, int timeoutMs, int wakeFd) {
        this.iface = iface;
        this.pcap = pcap;
        this.timeoutMs = timeoutMs;
        this.wakeFd = wakeFd;
        pollFds.clear();
        pollFds.setInt(0, PcapLib.pcap_fileno(pcap));
        pollFds.setShort(4, PosixLib.POLLIN);
        pollFds.setInt(8, wakeFd);
        pollFds.setShort(12, PosixLib.POLLIN);
        wakeValue.setLong(0, 1);
    }

    /**
     * Opens and activates a capture on {@code iface}.
     *
     * @param timeoutMs read timeout: {@link #next} returns 0 after it when nothing arrived
     * @param immediate deliver each packet at once (for short request/reply exchanges) rather
     *                  than in kernel blocks (for throughput)
     */
    public static PcapHandle openLive(String iface, int snaplen, int bufferBytes, int timeoutMs,
                                      boolean immediate) {
        requireLibrary();
        Memory errbuf = new Memory(PcapLib.ERRBUF_SIZE);
        errbuf.setByte(0, (byte) 0);
        long p = PcapLib.pcap_create(iface, Pointer.nativeValue(errbuf));
        if (p == 0) {
            throw new ScanFailure("cannot open " + iface + ": " + errbuf.getString(0));
        }
        PcapLib.pcap_set_snaplen(p, snaplen);
        PcapLib.pcap_set_buffer_size(p, bufferBytes);
        PcapLib.pcap_set_immediate_mode(p, immediate ? 1 : 0);
        PcapLib.pcap_set_timeout(p, timeoutMs);
        PcapLib.pcap_set_promisc(p, 0);
        int rc = PcapLib.pcap_activate(p);
        if (rc < 0) {
            String detail = PcapLib.pcap_geterr(p);
            PcapLib.pcap_close(p);
            throw new ScanFailure(activateMessage(iface, rc, detail));
        }
        int wake = PosixLib.eventfd(0, PosixLib.EFD_NONBLOCK | PosixLib.EFD_CLOEXEC);
        if (wake < 0 || PcapLib.pcap_setnonblock(p, 1, Pointer.nativeValue(errbuf)) != 0) {
            PcapLib.pcap_close(p);
            if (wake >= 0) {
                PosixLib.close(wake);
            }
            throw new ScanFailure("cannot open " + iface + ": cannot set up non-blocking capture");
        }
        return new PcapHandle(iface, p, timeoutMs, wake);
    }

    static String activateMessage(String iface, int rc, String detail) {
        String prefix = "cannot open " + iface + ": ";
        switch (rc) {
            case PcapLib.ERROR_NO_SUCH_DEVICE:
                return prefix + "no such interface (see --list-interfaces)";
            case PcapLib.ERROR_PERM_DENIED:
                return prefix + "not permitted: run as root or grant CAP_NET_RAW (see docs/usage.md)";
            case PcapLib.ERROR_IFACE_NOT_UP:
                return prefix + "interface is down (bring it up with `ip link set " + iface + " up`)";
            default:
                return prefix + (detail == null || detail.isEmpty() ? "libpcap error " + rc : detail);
        }
    }

    /** Throws the one-line "libpcap is not installed" failure if the library could not be loaded. */
    public static void requireLibrary() {
        if (PcapLib.LOAD_ERROR != null) {
            throw new ScanFailure("libpcap is not installed: run sudo native-setup/install-deps.sh"
                    + " (apt-get install libpcap0.8)", PcapLib.LOAD_ERROR);
        }
    }

    /** libpcap's version string, e.g. "libpcap version 1.10.3 (with TPACKET_V3)". */
    public static String libraryVersion() {
        requireLibrary();
        return PcapLib.pcap_lib_version();
    }

    /** Compiles {@code bpf} and attaches it in the kernel. */
    public void setFilter(String bpf) {
        long p = handle();
        Memory program = new Memory(16);
        long programAddress = Pointer.nativeValue(program);
        if (PcapLib.pcap_compile(p, programAddress, bpf, 1, PcapLib.NETMASK_UNKNOWN) != 0) {
            throw new ScanFailure("bad capture filter \"" + bpf + "\": " + PcapLib.pcap_geterr(p));
        }
        try {
            if (PcapLib.pcap_setfilter(p, programAddress) != 0) {
                throw new ScanFailure("cannot set capture filter on " + iface + ": " + PcapLib.pcap_geterr(p));
            }
        } finally {
            PcapLib.pcap_freecode(programAddress);
        }
    }

    /** Captures only packets received by the interface (applied by libpcap after the copy). */
    public void setDirectionIn() {
        long p = handle();
        if (PcapLib.pcap_setdirection(p, PcapLib.D_IN) != 0) {
            throw new ScanFailure("cannot set capture direction on " + iface + ": " + PcapLib.pcap_geterr(p));
        }
    }

    /** The DLT_ link type, e.g. {@link #DLT_EN10MB}. */
    public int linkType() {
        return PcapLib.pcap_datalink(handle());
    }

    /** The handle's file descriptor (the packet socket), for poll or a batch send path. */
    public int fileDescriptor() {
        return PcapLib.pcap_fileno(handle());
    }

    /**
     * Sends one frame (link header included). The bytes are copied into a native buffer owned
     * by this handle, so nothing is allocated per call.
     *
     * @throws SendFailure when the kernel refused the frame (e.g. no buffer space)
     */
    public void inject(byte[] frame, int len) throws SendFailure {
        long p = pcap;
        if (p == 0) {
            throw new SendFailure(iface + " is closed");
        }
        if (len > MAX_FRAME) {
            throw new IllegalArgumentException("frame of " + len + " bytes");
        }
        sendBuffer.write(0, frame, 0, len);
        if (PcapLib.pcap_sendpacket(p, sendAddress, len) != 0) {
            throw new SendFailure("send on " + iface + ": " + PcapLib.pcap_geterr(p));
        }
    }

    /**
     * Waits for the next packet and copies it into {@code buf} (truncated to its length).
     *
     * @return the number of bytes copied; 0 when the read timeout expired with nothing;
     * -1 once {@link #breakLoop} or {@link #close} was called (and on every call after)
     */
    public int next(byte[] buf) {
        long p = pcap;
        if (p == 0 || broken) {
            return -1;
        }
        int rc = PcapLib.pcap_next_ex(p, outAddress, outAddress + 8);
        if (rc == 0) {
            if (PosixLib.poll(pollAddress, 2, timeoutMs) <= 0 || broken) {
                return broken ? -1 : 0;
            }
            rc = PcapLib.pcap_next_ex(p, outAddress, outAddress + 8);
        }
        if (rc == 1) {
            long header = outPointers.getLong(0);
            lastHeader = header;
            int n = Math.min(ABSOLUTE.getInt(header + CAPLEN_OFFSET), buf.length);
            ABSOLUTE.read(outPointers.getLong(8), buf, 0, n);
            return n;
        }
        if (rc == 0) {
            return 0;
        }
        if (rc == PcapLib.ERROR_BREAK || broken || pcap == 0) {
            broken = true;
            return -1;
        }
        throw new ScanFailure("capture on " + iface + " failed: " + PcapLib.pcap_geterr(p));
    }

    /**
     * The kernel's receive time of the packet last returned by {@link #next}, in microseconds
     * since the epoch. Valid until the next call to {@code next}. Use it for round-trip times:
     * without immediate mode a packet may reach {@code next} up to one read timeout late.
     */
    public long lastTimestampMicros() {
        long h = lastHeader;
        if (h == 0) {
            return 0;
        }
        return ABSOLUTE.getLong(h) * 1_000_000L + ABSOLUTE.getLong(h + 8);
    }

    /** libpcap's counters since the handle was activated. */
    public CaptureStats stats() {
        synchronized (lock) {
            long p = handle();
            if (PcapLib.pcap_stats(p, Pointer.nativeValue(statsBuffer)) != 0) {
                throw new ScanFailure("cannot read capture statistics on " + iface + ": " + PcapLib.pcap_geterr(p));
            }
            return new CaptureStats(Integer.toUnsignedLong(statsBuffer.getInt(0)),
                    Integer.toUnsignedLong(statsBuffer.getInt(4)),
                    Integer.toUnsignedLong(statsBuffer.getInt(8)));
        }
    }

    /** Makes a thread blocked in {@link #next} return -1 promptly; later calls return -1 too. */
    public void breakLoop() {
        synchronized (lock) {
            broken = true;
            if (pcap != 0) {
                PcapLib.pcap_breakloop(pcap);
                PosixLib.write(wakeFd, Pointer.nativeValue(wakeValue), 8);
            }
        }
    }

    /**
     * Releases the handle. Idempotent. Call only after any reading thread was joined.
     * <p>
     * The handle is unusable when this returns; libpcap's release of it finishes on a thread of its
     * own. Closing a packet socket waits for an RCU grace period in the kernel (measured: 23 ms per
     * handle), which nothing here needs to wait for: the scan's two handles then close side by side
     * while the reports are written, instead of adding ~46 ms to the end of every scan. (A process that
     * exits first has the kernel finish the release.)
     */
    @Override
    public void close() {
        synchronized (lock) {
            long p = pcap;
            if (p != 0) {
                pcap = 0;
                broken = true;
                int wake = wakeFd;
                wakeFd = -1;
                Thread release = new Thread(() -> {
                    PcapLib.pcap_close(p);
                    PosixLib.close(wake);
                }, "synscan-pcap-close");
                release.setDaemon(true);
                release.start();
            }
        }
    }

    public String interfaceName() {
        return iface;
    }

    private long handle() {
        long p = pcap;
        if (p == 0) {
            throw new ScanFailure("capture handle on " + iface + " is closed");
        }
        return p;
    }
}
