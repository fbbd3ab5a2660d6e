package org.synscan.cli;

import java.io.PrintWriter;
import java.io.Writer;

/**
 * Standard output as the reports see it: before results reach the terminal, the status line on
 * standard error is cleared, so the two never share a line.
 */
final class StdoutGuard extends Writer {
    private final PrintWriter out;
    private final java.util.function.Consumer<Runnable> cleared;
    private boolean dirty;

    /** @param cleared runs the flush given to it while the status line is off the screen */
    StdoutGuard(PrintWriter out, java.util.function.Consumer<Runnable> cleared) {
        this.out = out;
        this.cleared = cleared;
    }

    @Override
    public void write(char[] buf, int off, int len) {
        out.write(buf, off, len);
        dirty |= len > 0;
    }

    @Override
    public void write(String s, int off, int len) {
        out.write(s, off, len);
        dirty |= len > 0;
    }

    @Override
    public void flush() {
        if (dirty) {
            dirty = false;
            cleared.accept(out::flush);
        } else {
            out.flush();
        }
    }

    @Override
    public void close() {
        flush(); // standard output stays open: Main prints after the scan
    }
}
