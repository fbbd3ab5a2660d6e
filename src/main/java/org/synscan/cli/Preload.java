package org.synscan.cli;

import org.synscan.net.LibpcapCheck;
import org.synscan.net.LinkPlanner;
import org.synscan.net.NativeLibraries;
import org.synscan.target.Services;

/**
 * Start-up work that does not depend on the command line, done on a second thread while the main
 * thread parses it (picocli alone takes some 70 ms of a cold JVM): loading libpcap and libc through
 * JNA (whose first library load lists the system's libraries, with "ldconfig -p" in a child process
 * unless the launcher names the directories), seeding the secure random source, and a first look
 * at the network interfaces and routes (discarded: the next hop reads them afresh, and fast, once
 * this one has warmed the JDK's interface code). The loads are class
 * initialisations, so when the main thread needs one before it is ready it simply waits for it;
 * nothing is done twice. Only scans preload: `local`, `doctor` and the others start as they did.
 *
 * <p>Reading nmap-services for the service names (some 20 ms) is not done here: start-up is CPU-bound
 * on a 2-CPU machine (the JIT compiler thread wants the second CPU too), and measured, it only moved
 * the time from one phase to the next. It is done while the scan runs instead ({@link #serviceNames}),
 * when the reports have not yet asked for a name.
 */
final class Preload {
    private Preload() {
    }

    static void start() {
        daemon("synscan-preload", Preload::run);
    }

    /** Reads the service names on a spare thread, so the reports find them ready when the scan ends. */
    static void serviceNames(Services services) {
        daemon("synscan-services", () -> {
            try {
                services.preloadNames();
            } catch (RuntimeException e) {
                // the reports read the files again when they need them, and say what is wrong then
            }
        });
    }

    /** The preload's work, on the calling thread (also the class-data-sharing warm-up's). */
    static void run() {
        try {
            LibpcapCheck.available();
            NativeLibraries.load();
            CliContext.Seeds.RANDOM.nextLong();
            LinkPlanner.readSystemTables();
        } catch (RuntimeException | LinkageError e) {
            // nothing lost: whoever needs the piece loads it again and reports the failure properly
        }
    }

    private static void daemon(String name, Runnable work) {
        Thread t = new Thread(work, name);
        t.setDaemon(true);
        t.start();
    }
}
