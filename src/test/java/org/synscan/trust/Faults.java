package org.synscan.trust;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.synscan.lab.Lab;
import org.synscan.lab.ProcessResult;

/**
 * Faults on the lab link, made with what this kernel has (no netem): netfilter rules in the target
 * namespace, in chains of our own (SSTRUST-*) hooked first into INPUT, OUTPUT and mangle OUTPUT,
 * for IPv4 and IPv6 alike.
 * <ul>
 * <li>loss: {@code -m statistic --mode random --probability P -j DROP}, on the way in (probes) and
 *     on the way out (replies);</li>
 * <li>duplication: {@code -j TEE --gateway SCANNER} in mangle OUTPUT, so the scanner gets every reply
 *     twice;</li>
 * <li>delay and reordering: {@code -j NFQUEUE --queue-bypass} for a random share of the replies, and a
 *     small nfnetlink consumer ({@code nfq_delay.py}) that accepts each one after its own random
 *     delay, so they come late and out of order.</li>
 * </ul>
 * {@link #close()} unhooks and deletes the chains and stops the consumer.
 */
final class Faults implements AutoCloseable {
    private static final String IN = "SSTRUST-IN";
    private static final String OUT = "SSTRUST-OUT";
    private static final String DUP = "SSTRUST-DUP";
    private static final int QUEUE = 7357;
    private static final Duration STEP = Duration.ofSeconds(20);

    private static final Path WMEM_DEFAULT = Path.of("/proc/sys/net/core/wmem_default");
    /** Thousands of held resets of ~1 KB each (truesize), with room to spare. */
    private static final long HELD_REPLIES_BYTES = 16L << 20;

    /** net.core.wmem_default before {@link #delay} raised it, or null when untouched. */
    private String wmemDefault;
    private Process relay;
    private final List<String> relayLines = new ArrayList<>();
    private CompletableFuture<Void> relayPump;

    private Faults() {
        removeAll();
        for (String tool : List.of("iptables", "ip6tables")) {
            target(tool, "-w", "-N", IN);
            target(tool, "-w", "-N", OUT);
            target(tool, "-w", "-t", "mangle", "-N", DUP);
            target(tool, "-w", "-I", "INPUT", "1", "-i", Lab.TARGET_IF, "-j", IN);
            target(tool, "-w", "-I", "OUTPUT", "1", "-o", Lab.TARGET_IF, "-j", OUT);
            target(tool, "-w", "-t", "mangle", "-I", "OUTPUT", "1", "-o", Lab.TARGET_IF, "-j", DUP);
        }
    }

    static Faults none() {
        return new Faults();
    }

    /** Drops each packet with probability {@code p}, both ways, IPv4 and IPv6. */
    Faults loss(double p) {
        String prob = String.format(Locale.ROOT, "%.4f", p);
        for (String tool : List.of("iptables", "ip6tables")) {
            for (String chain : List.of(IN, OUT)) {
                target(tool, "-w", "-A", chain, "-m", "statistic", "--mode", "random", "--probability", prob, "-j",
                        "DROP");
            }
        }
        return this;
    }

    /**
     * At most {@code perSecond} replies a second leave the target (a congested link or a rate-limiting
     * firewall): the rest are dropped, IPv4 and IPv6.
     */
    Faults capReplies(int perSecond) {
        for (String tool : List.of("iptables", "ip6tables")) {
            target(tool, "-w", "-A", OUT, "-m", "limit", "--limit", perSecond + "/second", "--limit-burst",
                    Integer.toString(Math.max(1, perSecond / 10)), "-j", "RETURN");
            target(tool, "-w", "-A", OUT, "-j", "DROP");
        }
        return this;
    }

    /** Every reply leaves the target twice. */
    Faults duplicate() {
        target("iptables", "-w", "-t", "mangle", "-A", DUP, "-j", "TEE", "--gateway",
                Lab.SCANNER_V4.getHostAddress());
        target("ip6tables", "-w", "-t", "mangle", "-A", DUP, "-j", "TEE", "--gateway",
                Lab.SCANNER_V6.getHostAddress());
        return this;
    }

    /**
     * A share {@code p} of the replies is held back between {@code minMs} and {@code maxMs} each (uniform),
     * so they arrive late (after the scanner's retry) and out of order.
     */
    Faults delay(double p, int minMs, int maxMs) {
        roomForHeldReplies();
        try {
            startRelay(minMs, maxMs);
        } catch (RuntimeException e) {
            close(); // the caller never gets this object to close
            throw e;
        }
        String prob = String.format(Locale.ROOT, "%.4f", p);
        for (String tool : List.of("iptables", "ip6tables")) {
            target(tool, "-w", "-A", OUT, "-m", "statistic", "--mode", "random", "--probability", prob, "-j",
                    "NFQUEUE", "--queue-num", Integer.toString(QUEUE), "--queue-bypass");
        }
        return this;
    }

    /**
     * Makes room in the target kernel for the replies the relay holds. Linux sends a TCP reset from a
     * per-CPU control socket shared by every namespace, whose send buffer is net.core.wmem_default
     * (set anew for each reply, and only settable from the initial namespace); a held reset stays
     * charged to it until released, and once ~200 KB are held the kernel silently drops every further
     * reset it makes (TcpOutRsts still counts them). A delaying network holds nothing in the target's
     * kernel, so without this the lab would lose a stream of replies no real path loses: measured,
     * 5 of 18 runs of the 50-700 ms case lost 7-1,300 closed ports outright (every try's reset
     * dropped); with room for the held replies, 8 of 8 were exact. Restored by {@link #close()}.
     */
    private void roomForHeldReplies() {
        try {
            // not Files.readString: procfs reports a size of 0, and it returned only the first digit
            String now = Files.readAllLines(WMEM_DEFAULT).get(0).trim();
            if (Long.parseLong(now) < HELD_REPLIES_BYTES) {
                Files.writeString(WMEM_DEFAULT, Long.toString(HELD_REPLIES_BYTES));
                wmemDefault = now;
            }
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("cannot raise " + WMEM_DEFAULT + " for the held replies: " + e, e);
        }
    }

    /** The relay's own counts ("held=N max_ms=M"), once it stopped; empty without a relay. */
    String relayReport() {
        synchronized (relayLines) {
            return String.join(" ", relayLines);
        }
    }

    private void startRelay(int minMs, int maxMs) {
        String script;
        try {
            script = Path.of(Faults.class.getResource("nfq_delay.py").toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        CompletableFuture<String> ready = new CompletableFuture<>();
        try {
            relay = new ProcessBuilder("ip", "netns", "exec", Lab.TARGET_NS, Procs.python(), script,
                    Integer.toString(QUEUE), Integer.toString(minMs), Integer.toString(maxMs))
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        relayPump = CompletableFuture.runAsync(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(relay.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (line.equals("ready")) {
                        ready.complete(line);
                    } else {
                        synchronized (relayLines) {
                            relayLines.add(line);
                        }
                    }
                }
            } catch (IOException e) {
                // gone
            }
            ready.complete("ended: " + relayReport());
        }, r -> {
            Thread t = new Thread(r, "nfq-relay-output");
            t.setDaemon(true);
            t.start();
        });
        try {
            String said = ready.get(15, TimeUnit.SECONDS);
            if (!said.equals("ready")) {
                throw new IllegalStateException("the NFQUEUE relay did not start: " + said);
            }
        } catch (Exception e) {
            Procs.stop(relay);
            throw new IllegalStateException("the NFQUEUE relay did not start: " + relayReport(), e);
        }
    }

    @Override
    public void close() {
        removeAll();
        if (wmemDefault != null) {
            try {
                Files.writeString(WMEM_DEFAULT, wmemDefault);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot restore " + WMEM_DEFAULT + " to " + wmemDefault, e);
            }
        }
        if (relay != null) {
            try {
                relay.getOutputStream().close(); // EOF: it accepts what it holds, prints its counts and exits
                if (!relay.waitFor(10, TimeUnit.SECONDS)) {
                    Procs.stop(relay);
                }
                relayPump.get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                Procs.stop(relay);
            }
        }
    }

    /** Unhooks and deletes our chains, whatever a crashed run left behind. */
    private static void removeAll() {
        for (String tool : List.of("iptables", "ip6tables")) {
            String[][] hooks = {{"filter", "INPUT", IN}, {"filter", "OUTPUT", OUT}, {"mangle", "OUTPUT", DUP}};
            for (String[] h : hooks) {
                ProcessResult rules = Lab.run(STEP, List.of("ip", "netns", "exec", Lab.TARGET_NS, tool, "-w", "-t",
                        h[0], "-S", h[1]));
                for (String rule : rules.stdout().lines().filter(l -> l.endsWith("-j " + h[2])).toList()) {
                    List<String> del = new ArrayList<>(List.of("ip", "netns", "exec", Lab.TARGET_NS, tool, "-w", "-t",
                            h[0]));
                    del.addAll(List.of(rule.replaceFirst("^-A ", "-D ").split(" ")));
                    Lab.run(STEP, del);
                }
                Lab.run(STEP, List.of("ip", "netns", "exec", Lab.TARGET_NS, tool, "-w", "-t", h[0], "-F", h[2]));
                Lab.run(STEP, List.of("ip", "netns", "exec", Lab.TARGET_NS, tool, "-w", "-t", h[0], "-X", h[2]));
            }
        }
    }

    private static void target(String... cmd) {
        List<String> line = new ArrayList<>(List.of("ip", "netns", "exec", Lab.TARGET_NS));
        line.addAll(List.of(cmd));
        ProcessResult r = Lab.run(STEP, line);
        if (!r.ok()) {
            throw new IllegalStateException(r.describe());
        }
    }
}
