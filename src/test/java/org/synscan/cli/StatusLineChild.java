package org.synscan.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * A child process for {@link StatusLineTtyTest}: shows the status line the way a scan does (terminal
 * detection, refresh, a result printed through the guard) on a made-up scan that settles 1000
 * probes in 1.5 s.
 */
public final class StatusLineChild {
    private StatusLineChild() {
    }

    public static void main(String[] args) throws Exception {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        long start = System.nanoTime();
        StatusLine status = new StatusLine(err, Tty.stderrIsTerminal(), 0, () -> {
            long elapsed = System.nanoTime() - start;
            long done = Math.min(1000, elapsed / 1_500_000);
            return new StatusLine.Snapshot(elapsed, done, 1000, done + done / 10, done, done / 100, done / 10);
        });
        PrintWriter stdout = new PrintWriter(new StdoutGuard(out, status::whileCleared));
        status.start();
        Thread.sleep(800);
        stdout.println("Discovered open port 22/tcp on 198.18.0.2");
        stdout.flush();
        Thread.sleep(800);
        status.stop();
        stdout.println("synscan done");
        stdout.flush();
    }
}
