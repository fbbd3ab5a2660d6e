package org.synscan.target;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import org.synscan.result.Protocol;

/**
 * Port names and popularity. Names come from an installed nmap-services first, so reports name ports
 * exactly as nmap does (ndiff then sees no difference), and from /etc/services for the rest. The ranking for
 * --top-ports and -F comes from nmap-services' frequencies when it is installed, else from synscan's
 * own list ({@code port-ranking.txt}). Files are read once, on first use; the object is thread-safe.
 */
public final class Services {
    public static final Path ETC_SERVICES = Path.of("/etc/services");
    public static final Path NMAP_SERVICES = Path.of("/usr/share/nmap/nmap-services");

    private final Path etcServices;
    private final Path nmapServices;
    private Names names;
    private PortRanking ranking;

    private Services(Path etcServices, Path nmapServices) {
        this.etcServices = etcServices;
        this.nmapServices = nmapServices;
    }

    /** The system files; either may be missing. */
    public static Services system() {
        return load(ETC_SERVICES, NMAP_SERVICES);
    }

    /** Given files (tests); a path that does not exist counts as an empty file; null = none. */
    public static Services load(Path etcServices, Path nmapServices) {
        return new Services(etcServices, nmapServices);
    }

    /** The service name of a port, "unknown" when no file names it (as nmap prints). */
    public String name(Protocol p, int port) {
        String n = lookup(p, port);
        return n != null ? n : "unknown";
    }

    /** The service name of a port, or null when no file names it (nmap's XML then has no service element). */
    public String lookup(Protocol p, int port) {
        return names().byPort[PortList.code(p, port)];
    }

    /** The port a service name (or alias) means for protocol {@code p}; case-insensitive. */
    public OptionalInt port(Protocol p, String name) {
        Integer code = names().byName().get(p.ordinal() + "/" + name.toLowerCase(Locale.ROOT));
        return code == null ? OptionalInt.empty() : OptionalInt.of(code & 0xFFFF);
    }

    /**
     * Every port 1-65535 of {@code p}, most popular first; ports the ranking does not know follow in
     * ascending order, and port 0 comes last.
     */
    public int[] rankedPorts(Protocol p) {
        return ranking().order(p);
    }

    /** True when the ranking came from an installed nmap-services file. */
    public boolean rankingFromNmap() {
        return ranking().fromNmap();
    }

    /**
     * Reads the service names now rather than on first use: called on a spare thread while a scan
     * runs, so the reports do not wait for nmap-services' 27,000 lines when it ends.
     */
    public void preloadNames() {
        names();
    }

    private synchronized Names names() {
        if (names == null) {
            names = new Names(nmapServices, etcServices);
        }
        return names;
    }

    private synchronized PortRanking ranking() {
        if (ranking == null) {
            ranking = PortRanking.load(nmapServices);
        }
        return ranking;
    }

    /**
     * Both lookup directions; the first file to name a port or a name wins. Names by port are an array
     * indexed by the packed code (looked up for every reported port); names to ports are built only
     * when a name is asked for (-p ssh).
     */
    private static final class Names {
        final String[] byPort = new String[2 << 16];
        private final Path nmapServices;
        private final Path etcServices;
        private Map<String, Integer> byName;

        Names(Path nmapServices, Path etcServices) {
            this.nmapServices = nmapServices;
            this.etcServices = etcServices;
            for (Path f : new Path[] {nmapServices, etcServices}) {
                if (f != null) {
                    ServicesFile.read(f, 2, (data, start, end, n) -> {
                        int code = n < 2 ? -1 : ServicesFile.portProto(data, start[1], end[1]);
                        // nmap-services calls some ports "unknown" on purpose, and nmap prints that name
                        if (code >= 0 && byPort[code] == null) {
                            byPort[code] = ServicesFile.text(data, start[0], end[0]);
                        }
                    });
                }
            }
        }

        synchronized Map<String, Integer> byName() {
            if (byName == null) {
                Map<String, Integer> m = new HashMap<>();
                for (Path f : new Path[] {nmapServices, etcServices}) {
                    if (f == null) {
                        continue;
                    }
                    boolean nmapFormat = f == nmapServices;
                    ServicesFile.read(f, 16, (data, start, end, n) -> {
                        int code = n < 2 ? -1 : ServicesFile.portProto(data, start[1], end[1]);
                        if (code < 0) {
                            return;
                        }
                        String name = ServicesFile.text(data, start[0], end[0]);
                        if (!name.equals("unknown")) {
                            m.putIfAbsent((code >>> 16) + "/" + name.toLowerCase(Locale.ROOT), code);
                        }
                        // /etc/services lists aliases after the port; nmap-services has a frequency there
                        for (int i = 2; !nmapFormat && i < n; i++) {
                            m.putIfAbsent((code >>> 16) + "/" + ServicesFile.text(data, start[i], end[i])
                                    .toLowerCase(Locale.ROOT), code);
                        }
                    });
                }
                byName = m;
            }
            return byName;
        }
    }

}
