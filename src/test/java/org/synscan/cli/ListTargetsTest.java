package org.synscan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synscan.target.Fixtures;

class ListTargetsTest {
    @TempDir
    Path dir;

    private final Cli cli = new Cli();

    @Test
    void goldenShardListing() {
        Cli.Result r = cli.run("-sL", "198.18.0.0/29", "-p", "22,80", "--seed", "7", "--shard", "2/3");
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
        // 8 hosts x 2 ports = 16 probes; shard 2/3 takes positions 1, 4, 7, 10, 13
        assertEquals(List.of(
                "198.18.0.0 tcp 80",
                "198.18.0.2 tcp 80",
                "198.18.0.4 tcp 80",
                "198.18.0.1 tcp 22",
                "198.18.0.7 tcp 22"), r.lines());
    }

    @Test
    void threeShardsListTheWholeScanOnce() {
        Set<String> union = new HashSet<>();
        int total = 0;
        for (String shard : new String[] {"1/3", "2/3", "3/3"}) {
            Cli.Result r = cli.run("-sL", "198.18.0.0/29", "-p", "22,80", "--seed", "7", "--shard", shard);
            assertEquals(0, r.code());
            union.addAll(r.lines());
            total += r.lines().size();
        }
        assertEquals(16, total);
        Set<String> expected = new HashSet<>();
        for (int h = 0; h < 8; h++) {
            expected.add("198.18.0." + h + " tcp 22");
            expected.add("198.18.0." + h + " tcp 80");
        }
        assertEquals(expected, union);
        assertEquals(expected, new HashSet<>(cli.run("-sL", "198.18.0.0/29", "-p", "22,80", "--seed", "7").lines()));
    }

    @Test
    void ipv6AndUdpLines() {
        Cli.Result r = cli.run("-6", "-sL", "fd00:5ca0::1-fd00:5ca0::2", "-p", "U:53,T:22", "--seed", "1");
        assertEquals(0, r.code(), r.err());
        assertEquals(Set.of("fd00:5ca0::1 udp 53", "fd00:5ca0::2 udp 53", "fd00:5ca0::1 tcp 22", "fd00:5ca0::2 tcp 22"),
                new HashSet<>(r.lines()));
        assertEquals(4, r.lines().size());
    }

    @Test
    void listTargetsIsTheLongSpellingAndReadsStdin() {
        cli.stdin = Fixtures.stdin("198.18.0.5 # from a pipe\n");
        Cli.Result r = cli.run("--list-targets", "-iL", "-", "-p", "ssh");
        assertEquals(List.of("198.18.0.5 tcp 22"), r.lines());
    }

    @Test
    void seedIsRandomUnlessGivenAndPrintedOnlyWithVerbose() {
        cli.seed = 1;
        Cli.Result a = cli.run("-sL", "198.18.0.0/24", "-p", "80");
        cli.seed = 2;
        Cli.Result b = cli.run("-sL", "198.18.0.0/24", "-p", "80");
        assertEquals("", a.err());
        assertNotEquals(a.lines(), b.lines());
        assertEquals(new HashSet<>(a.lines()), new HashSet<>(b.lines()));
        assertEquals(cli.run("-sL", "198.18.0.0/24", "-p", "80", "--seed", "1").lines(), a.lines());

        Cli.Result v = cli.run("-sL", "198.18.0.0/24", "-p", "80", "-v");
        assertEquals("synscan: 256 addresses x 1 ports = 256 probes\nsynscan: seed 2\n", v.err());
        assertEquals(b.lines(), v.lines());
        Cli.Result shard = cli.run("-sL", "198.18.0.0/24", "-p", "80", "-v", "--seed", "0xff", "--shard", "1/2");
        assertTrue(shard.err().contains("; shard 1/2 sends 128\nsynscan: seed 255\n"), shard.err());
    }

    @Test
    void normalOutputFileGetsACopy() throws IOException {
        Path file = dir.resolve("list.txt");
        Cli.Result r = cli.run("-sL", "198.18.0.0/28", "-p", "22,80", "--seed", "3", "-oN", file.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(32, r.lines().size());
        assertEquals(r.out(), Files.readString(file));
        Cli.Result unwritable = cli.run("-sL", "198.18.0.1", "-oN", dir.resolve("no/such/dir/f").toString());
        assertEquals(1, unwritable.code());
        assertTrue(unwritable.err().startsWith("synscan: cannot write -oN "), unwritable.err());
    }

    @Test
    void closedStdoutStopsTheListing() {
        Writer broken = new Writer() {
            @Override
            public void write(char[] cbuf, int off, int len) throws IOException {
                throw new IOException("Broken pipe");
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"-sL", "198.18.0.0/16", "-p", "1-100", "--seed", "1"}, new PrintWriter(broken),
                new PrintWriter(err), cli.context());
        assertEquals(1, code);
        assertEquals("synscan: standard output was closed; stopped listing after 65536 lines\n", err.toString());
    }

    /** Counts lines without keeping them. */
    private static final class CountingWriter extends Writer {
        long lines;

        @Override
        public void write(char[] cbuf, int off, int len) {
            for (int i = off; i < off + len; i++) {
                if (cbuf[i] == '\n') {
                    lines++;
                }
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    @Test
    void millionsOfLinesStreamInConstantMemory() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        CountingWriter sink = new CountingWriter();
        StringWriter err = new StringWriter();
        long start = System.nanoTime();
        long before = mx.getThreadAllocatedBytes(tid);
        int code = Main.run(new String[] {"-sL", "198.18.0.0/16", "-p", "1-100"}, new PrintWriter(sink),
                new PrintWriter(err), cli.context());
        long allocated = mx.getThreadAllocatedBytes(tid) - before;
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(0, code, err.toString());
        assertEquals(65536L * 100, sink.lines);
        // Keeping the lines (or even one object per probe) would take hundreds of megabytes.
        assertTrue(allocated < 32 << 20, "allocated " + (allocated >> 20) + " MiB for 6.5M lines");
        assertTrue(millis < 5_000, "took " + millis + " ms");
    }

    @Test
    void listingUsesTheSameOrderAsThePlan() {
        Cli.Result r = cli.run("-sL", "198.18.0.0/30", "-p", "1-3", "--seed", "77");
        List<String> fromPlan = new ArrayList<>();
        var plan = cli.plan("198.18.0.0/30", "-p", "1-3", "--seed", "77");
        var order = plan.newOrder();
        var c = new org.synscan.target.ProbeCursor();
        while (order.next(c)) {
            fromPlan.add(org.synscan.target.AddressSet.format(false, c.addrHi(), c.addrLo()) + " "
                    + c.protocol().label() + " " + c.port());
        }
        assertEquals(fromPlan, r.lines());
    }
}
