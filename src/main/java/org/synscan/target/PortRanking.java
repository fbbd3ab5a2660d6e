package org.synscan.target;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.synscan.result.Protocol;

/** Ports in order of popularity, per protocol, from nmap-services or synscan's built-in list. */
record PortRanking(int[] tcp, int[] udp, boolean fromNmap) {
    static final String BUILT_IN = "port-ranking.txt";

    /** nmap-services when readable and non-empty, else the built-in list. */
    static PortRanking load(Path nmapServices) {
        if (nmapServices != null) {
            PortRanking r = fromNmapServices(nmapServices);
            if (r != null && (r.tcp.length > 0 || r.udp.length > 0)) {
                return r;
            }
        }
        return builtIn();
    }

    /** Lines "name port/proto frequency ...": sorted by frequency, ties by port; null if unreadable. */
    static PortRanking fromNmapServices(Path file) {
        List<double[]> entries = new ArrayList<>();
        boolean ok = ServicesFile.read(file, 3, (data, start, end, n) -> {
            int code = n < 3 ? -1 : ServicesFile.portProto(data, start[1], end[1]);
            if (code < 0 || (code & 0xFFFF) == 0) {
                return;
            }
            try {
                double freq = Double.parseDouble(ServicesFile.text(data, start[2], end[2]));
                if (freq >= 0) {
                    entries.add(new double[] {freq, code});
                }
            } catch (NumberFormatException e) {
                // not a frequency: not a ranking line
            }
        });
        if (!ok) {
            return null;
        }
        entries.sort((x, y) -> {
            int c = Double.compare(y[0], x[0]);
            return c != 0 ? c : Double.compare(x[1], y[1]);
        });
        int[] codes = new int[entries.size()];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = (int) entries.get(i)[1];
        }
        return new PortRanking(ofProtocol(codes, Protocol.TCP), ofProtocol(codes, Protocol.UDP), true);
    }

    static PortRanking builtIn() {
        try (InputStream s = PortRanking.class.getResourceAsStream(BUILT_IN)) {
            if (s == null) {
                throw new IllegalStateException("resource " + BUILT_IN + " missing from the build");
            }
            return fromBuiltIn(new BufferedReader(new InputStreamReader(s, StandardCharsets.US_ASCII)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lines "tcp 80 443 22 ..." or "udp 53 ...", most popular first; '#' starts a comment. */
    static PortRanking fromBuiltIn(BufferedReader in) throws IOException {
        List<Integer> codes = new ArrayList<>();
        String line;
        while ((line = in.readLine()) != null) {
            int hash = line.indexOf('#');
            String[] f = (hash >= 0 ? line.substring(0, hash) : line).trim().split("\\s+");
            if (f.length < 2) {
                continue;
            }
            Protocol p = switch (f[0]) {
                case "tcp" -> Protocol.TCP;
                case "udp" -> Protocol.UDP;
                default -> throw new IOException("bad line in " + BUILT_IN + ": " + line);
            };
            for (int i = 1; i < f.length; i++) {
                codes.add(PortList.code(p, Integer.parseInt(f[i])));
            }
        }
        int[] all = codes.stream().mapToInt(Integer::intValue).toArray();
        return new PortRanking(ofProtocol(all, Protocol.TCP), ofProtocol(all, Protocol.UDP), false);
    }

    /** The ports of one protocol in the given order, first occurrence only, port 0 dropped. */
    private static int[] ofProtocol(int[] codes, Protocol p) {
        boolean[] seen = new boolean[65536];
        return Arrays.stream(codes).filter(c -> c >>> 16 == p.ordinal()).map(c -> c & 0xFFFF)
                .filter(port -> port != 0 && !seen[port] && (seen[port] = true)).toArray();
    }

    /** Number of ports the source actually ranks (before the ascending fill). */
    int ranked(Protocol p) {
        return (p == Protocol.TCP ? tcp : udp).length;
    }

    /** All ports 1-65535: ranked first, the rest ascending, then port 0. */
    int[] order(Protocol p) {
        int[] ranked = p == Protocol.TCP ? tcp : udp;
        int[] out = new int[65536];
        boolean[] used = new boolean[65536];
        int n = 0;
        for (int port : ranked) {
            out[n++] = port;
            used[port] = true;
        }
        for (int port = 1; port <= 65535; port++) {
            if (!used[port]) {
                out[n++] = port;
            }
        }
        out[n] = 0;
        return out;
    }
}
