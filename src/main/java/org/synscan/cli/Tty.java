package org.synscan.cli;

import com.sun.jna.Native;
import com.sun.jna.Platform;

/** Whether a file descriptor is a terminal (libc isatty): System.console() asks about stdin and stdout only. */
final class Tty {
    private static final boolean LOADED = load();

    private Tty() {
    }

    private static boolean load() {
        try {
            Native.register(Tty.class, Platform.C_LIBRARY_NAME);
            return true;
        } catch (Throwable e) {
            return false;
        }
    }

    private static native int isatty(int fd);

    /** Standard error is a terminal and can show a status line redrawn in place. */
    static boolean stderrIsTerminal() {
        if (!LOADED) {
            return false;
        }
        String term = System.getenv("TERM");
        return isatty(2) == 1 && (term == null || !term.equals("dumb"));
    }
}
