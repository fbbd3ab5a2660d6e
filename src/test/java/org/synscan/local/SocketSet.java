package org.synscan.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.synscan.net.IpAddr;
import org.synscan.text.JsonReader;

/** The (protocol, address, port, pids) of every socket, sorted,, as ss -ltnup and synscan local -oJ list them. */
final class SocketSet {
    record Sock(String proto, IpAddr address, int port, Set<Long> pids) {
        @Override
        public String toString() {
            return proto + " " + address + " " + port + " " + pids;
        }
    }

    private static final Pattern PID = Pattern.compile("pid=(\\d+)");

    private SocketSet() {
    }

    /**
     * Parses {@code ss -ltnupH}: "tcp LISTEN 0 128 [::ffff:127.0.0.1]:47002 *:* users:((...))". ss writes
     * "*" for a dual-stack IPv6 wildcard and "addr%dev" for a socket bound to a device; /proc shows
     * neither distinction, so both are folded.
     */
    static List<Sock> fromSs(String output) {
        List<Sock> out = new ArrayList<>();
        for (String line : output.lines().filter(l -> !l.isBlank()).toList()) {
            String[] f = line.trim().split("\\s+");
            String local = f[4];
            int colon = local.lastIndexOf(':');
            String host = local.substring(0, colon);
            int percent = host.indexOf('%');
            if (percent >= 0) {
                host = host.substring(0, percent);
            }
            host = host.replace("[", "").replace("]", "");
            IpAddr address = host.equals("*") ? IpAddr.v6(0, 0) : IpAddr.parse(host);
            Set<Long> pids = new TreeSet<>();
            Matcher m = PID.matcher(line);
            while (m.find()) {
                pids.add(Long.parseLong(m.group(1)));
            }
            out.add(new Sock(f[0], address, Integer.parseInt(local.substring(colon + 1)), pids));
        }
        return sorted(out);
    }

    /** Parses synscan local -oJ output. */
    static List<Sock> fromJson(String output) {
        List<Sock> out = new ArrayList<>();
        for (String line : output.lines().filter(l -> !l.isBlank()).toList()) {
            Map<String, Object> o = JsonReader.object(line);
            Set<Long> pids = new TreeSet<>();
            for (Object p : (List<?>) o.get("processes")) {
                pids.add((Long) ((Map<?, ?>) p).get("pid"));
            }
            IpAddr address = IpAddr.parse((String) o.get("address"));
            if (address.v6() != o.get("family").equals("ipv6")) {
                throw new AssertionError("family does not match the address: " + line);
            }
            out.add(new Sock((String) o.get("proto"), address, ((Long) o.get("port")).intValue(), pids));
        }
        return sorted(out);
    }

    /** In a fixed order, so two listings compare as multisets (SO_REUSEPORT sockets may repeat a tuple). */
    private static List<Sock> sorted(List<Sock> socks) {
        return socks.stream().sorted(java.util.Comparator.comparing(Sock::toString)).toList();
    }
}
