package org.synscan.target;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
        return names().byPort.get(PortList.code(p, port));
    }

    /** The port a service name (or alias) means for protocol {@code p}; case-insensitive. */
    public OptionalInt port(Protocol p, String name) {
        Integer code = names().byName.get(p.ordinal() + "/" + name.toLowerCase(Locale.ROOT));
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

    private synchronized Names names() {
        if (names == null) {
            names = new Names();
            names.read(nmapServices, true);
            names.read(etcServices, false);
        }
        return names;
    }

    private synchronized PortRanking ranking() {
        if (ranking == null) {
            ranking = PortRanking.load(nmapServices);
        }
        return ranking;
    }

    /** Both lookup directions; the first file to name a port or a name wins. */
    private static final class Names {
        final Map<Integer, String> byPort = new HashMap<>();
        final Map<String, Integer> byName = new HashMap<>();

        void read(Path file, boolean nmapFormat) {
            if (file == null || !Files.isReadable(file)) {
                return;
            }
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
                String line;
                while ((line = in.readLine()) != null) {
                    parseLine(line, nmapFormat);
                }
            } catch (IOException e) {
                // Names are cosmetic; an unreadable file only means more "unknown".
            }
        }

        private void parseLine(String line, boolean nmapFormat) {
            int hash = line.indexOf('#');
            String[] f = (hash >= 0 ? line.substring(0, hash) : line).trim().split("\\s+");
            if (f.length < 2) {
                return;
            }
            int code = parsePortProto(f[1]);
            if (code < 0) {
                return;
            }
            String name = f[0];
            // nmap-services calls some ports "unknown" on purpose, and nmap prints that name
            byPort.putIfAbsent(code, name);
            if (!name.equals("unknown")) {
                byName.putIfAbsent((code >>> 16) + "/" + name.toLowerCase(Locale.ROOT), code);
            }
            // /etc/services lists aliases after the port; nmap-services has a frequency there instead.
            for (int i = 2; !nmapFormat && i < f.length; i++) {
                byName.putIfAbsent((code >>> 16) + "/" + f[i].toLowerCase(Locale.ROOT), code);
            }
        }
    }

    /** "22/tcp" → packed code, or -1 for other protocols and malformed fields. */
    static int parsePortProto(String field) {
        int slash = field.indexOf('/');
        if (slash <= 0) {
            return -1;
        }
        String proto = field.substring(slash + 1);
        Protocol p = proto.equals("tcp") ? Protocol.TCP : proto.equals("udp") ? Protocol.UDP : null;
        String num = field.substring(0, slash);
        if (p == null || num.length() > 5 || !num.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        int port = Integer.parseInt(num);
        return port <= 65535 ? PortList.code(p, port) : -1;
    }
}
