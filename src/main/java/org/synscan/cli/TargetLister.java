package org.synscan.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import org.synscan.ScanFailure;
import org.synscan.target.AddressSet;
import org.synscan.target.ProbeCursor;
import org.synscan.target.ProbeOrder;

/**
 * -sL: writes every probe of the order as "ADDRESS PROTO PORT", one per line. One cursor, one line
 * buffer and one char array serve every line, so listing billions of probes needs constant memory.
 */
final class TargetLister {
    /** How often to ask the PrintWriter whether writing failed (it swallows IOExceptions). */
    private static final int CHECK_EVERY = 1 << 16;

    private TargetLister() {
    }

    /**
     * @param copy also written to (the -oN file), or null
     * @return the number of lines written
     */
    static long list(ProbeOrder order, boolean ipv6, PrintWriter out, Writer copy) {
        ProbeCursor c = new ProbeCursor();
        StringBuilder line = new StringBuilder(64);
        char[] chars = new char[64];
        long lines = 0;
        try {
            while (order.next(c)) {
                line.setLength(0);
                AddressSet.appendTo(line, ipv6, c.addrHi(), c.addrLo())
                        .append(' ').append(c.protocol().label()).append(' ').append(c.port()).append('\n');
                int n = line.length();
                line.getChars(0, n, chars, 0);
                out.write(chars, 0, n);
                if (copy != null) {
                    copy.write(chars, 0, n);
                }
                if (++lines % CHECK_EVERY == 0 && out.checkError()) {
                    throw new ScanFailure("standard output was closed; stopped listing after " + lines + " lines");
                }
            }
        } catch (IOException e) {
            throw new ScanFailure("cannot write the -oN file: " + e.getMessage(), e);
        }
        out.flush();
        if (out.checkError()) {
            throw new ScanFailure("writing the list to standard output failed");
        }
        return lines;
    }
}
