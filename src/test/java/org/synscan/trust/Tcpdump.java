package org.synscan.trust;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.synscan.lab.Lab;

/**
 * tcpdump in a namespace, as the tests' independent witness of what crossed a link: started before a
 * scan, stopped with SIGINT after it, its own counts read from what it prints then.
 */
final class Tcpdump implements AutoCloseable {
    private static final long SETTLE_MILLIS = 300;
    /**
     * Bytes kept of each packet: every header the tests read (Ethernet, IPv6, an ICMPv6 error quoting
     * IPv6 and TCP) fits. In immediate mode libpcap uses TPACKET_V2, whose ring has fixed-size slots
     * of about the snapshot length (the MTU for tcpdump's default 262144), so a small one is what lets
     * the 64 MB ring hold a whole test's packets (~200,000 slots instead of ~32,000) while a busy
     * machine keeps tcpdump off the CPU: the kernel drops a packet only when the ring is full.
     */
    private static final int SNAP_BYTES = 256;
    private final Process process;
    private final Path log;
    private String said;

    private Tcpdump(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Captures {@code filter} on {@code iface} into {@code pcap} (or /dev/null); waits until it listens. */
    static Tcpdump start(String namespace, String iface, String filter, Path pcap, Path log) {
        try {
            Process p = new ProcessBuilder("ip", "netns", "exec", namespace, "tcpdump", "-i", iface, "-nn", "-U",
                    "--immediate-mode", "-B", "65536", "-s", Integer.toString(SNAP_BYTES), "-w", pcap == null ? "/dev/null" : pcap.toString(), filter)
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline && p.isAlive()) {
                if (Files.readString(log).contains("listening on")) {
                    return new Tcpdump(p, log);
                }
                Thread.sleep(50);
            }
            Procs.stop(p);
            throw new IllegalStateException("tcpdump did not start: " + Files.readString(log));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Stops it as a user would (SIGINT) and returns what it said. SIGINT ends tcpdump's loop at once:
     * packets the kernel has passed it but it has not read yet are counted as "received by filter" and
     * never written. So it captures in immediate mode (without it, a partly filled kernel block waits
     * up to a second for its timeout) and gets a moment to read the last packets before the signal.
     */
    String stop() {
        if (said == null) {
            try {
                Thread.sleep(SETTLE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Lab.run(Duration.ofSeconds(10), List.of("kill", "-INT", Long.toString(process.pid())));
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    Procs.stop(process);
                }
                said = Files.readString(log).replace('\n', ' ').strip();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return said;
    }

    /**
     * Packets that passed its filter in the kernel, whether or not tcpdump read them before it was
     * stopped, and whether or not its ring had room for them: the kernel adds its drops to this count
     * (af_packet's PACKET_STATISTICS), so it is exact even when {@link #dropped()} is not 0. -1 before
     * {@link #stop()} or if it did not say.
     */
    long received() {
        return count("(\\d+) packets received by filter");
    }

    /** Packets the kernel dropped before tcpdump read them. */
    long dropped() {
        return count("(\\d+) packets dropped by kernel");
    }

    private long count(String regex) {
        Matcher m = Pattern.compile(regex).matcher(said == null ? "" : said);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    @Override
    public void close() {
        stop();
    }
}
