package org.synscan.net;

import java.io.IOException;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.synscan.ScanFailure;

/**
 * The machine's interfaces: names, index, MAC, flags, carrier, MTU and type from /sys/class/net (which
 * lists every interface, even one without addresses), IPv6 addresses from /proc/net/if_inet6
 * (which carries the DAD state), IPv4 addresses from the JDK (there is no /proc file for them).
 */
public final class Interfaces {
    private static final int IFF_UP = 0x1;
    private static final int IFF_LOOPBACK = 0x8;
    private static final int IFA_F_DADFAILED = 0x08;
    private static final int IFA_F_TENTATIVE = 0x40;

    private final List<NetInterface> list;

    public Interfaces(List<NetInterface> list) {
        this.list = List.copyOf(list);
    }

    /** Reads the interfaces of the network namespace this process runs in. */
    public static Interfaces system() {
        return read(Path.of("/sys/class/net"), Path.of("/proc/net/if_inet6"), ipv4FromJdk());
    }

    static Interfaces read(Path sysClassNet, Path ifInet6, Map<String, List<IfAddress>> ipv4) {
        Map<String, List<IfAddress>> ipv6 = parseIfInet6(readOrEmpty(ifInet6));
        List<NetInterface> result = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(sysClassNet)) {
            for (Path dir : (Iterable<Path>) dirs.sorted()::iterator) {
                if (Files.isRegularFile(dir.resolve("ifindex"))) {
                    String name = dir.getFileName().toString();
                    List<IfAddress> addrs = new ArrayList<>(ipv4.getOrDefault(name, List.of()));
                    addrs.addAll(ipv6.getOrDefault(name, List.of()));
                    result.add(fromSysfs(dir, name, addrs));
                }
            }
        } catch (IOException e) {
            throw new ScanFailure("cannot list network interfaces: " + e.getMessage());
        }
        result.sort(Comparator.comparingInt(NetInterface::index));
        return new Interfaces(result);
    }

    private static NetInterface fromSysfs(Path dir, String name, List<IfAddress> addrs) {
        int flags = Integer.decode(sysfs(dir, "flags"));
        String address = sysfs(dir, "address");
        long mac = address.isEmpty() ? 0 : Mac.parseOrFail(address, name);
        boolean up = (flags & IFF_UP) != 0;
        return new NetInterface(name, Integer.parseInt(sysfs(dir, "ifindex")), mac,
                up, up && hasCarrier(dir), (flags & IFF_LOOPBACK) != 0,
                Integer.parseInt(sysfs(dir, "mtu")), Integer.parseInt(sysfs(dir, "type")), addrs);
    }

    /** Parses /proc/net/if_inet6 lines: address, ifindex, prefix length, scope, flags, name. */
    static Map<String, List<IfAddress>> parseIfInet6(List<String> lines) {
        Map<String, List<IfAddress>> byName = new HashMap<>();
        for (String line : lines) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 6 || f[0].length() != 32) {
                continue;
            }
            int flags = Integer.parseInt(f[4], 16);
            if ((flags & (IFA_F_DADFAILED | IFA_F_TENTATIVE)) != 0) {
                continue;
            }
            IpAddr ip = IpAddr.v6(Long.parseUnsignedLong(f[0].substring(0, 16), 16),
                    Long.parseUnsignedLong(f[0].substring(16), 16));
            byName.computeIfAbsent(f[5], k -> new ArrayList<>())
                    .add(new IfAddress(ip, Integer.parseInt(f[2], 16)));
        }
        return byName;
    }

    private static Map<String, List<IfAddress>> ipv4FromJdk() {
        Map<String, List<IfAddress>> byName = new HashMap<>();
        try {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InterfaceAddress ia : ni.getInterfaceAddresses()) {
                    if (IpAddr.isV4(ia.getAddress())) {
                        byName.computeIfAbsent(ni.getName(), k -> new ArrayList<>())
                                .add(new IfAddress(IpAddr.of(ia.getAddress()), ia.getNetworkPrefixLength()));
                    }
                }
            }
        } catch (SocketException e) {
            throw new ScanFailure("cannot list network interfaces: " + e.getMessage());
        }
        return byName;
    }

    public List<NetInterface> list() {
        return list;
    }

    /** The named interface, or a one-line ScanFailure that says how to list them. */
    public NetInterface find(String name) {
        for (NetInterface ni : list) {
            if (ni.name().equals(name)) {
                return ni;
            }
        }
        throw new ScanFailure("cannot use " + name + ": no such interface (see --list-interfaces)");
    }

    /** The interface that has {@code ip} as one of its own addresses, if any. */
    public Optional<NetInterface> owner(IpAddr ip) {
        for (NetInterface ni : list) {
            if (ni.hasAddress(ip)) {
                return Optional.of(ni);
            }
        }
        return Optional.empty();
    }

    /** The loopback interface (normally "lo"). */
    public NetInterface loopback() {
        for (NetInterface ni : list) {
            if (ni.loopback()) {
                return ni;
            }
        }
        throw new ScanFailure("no loopback interface found (is `lo` present?)");
    }

    private static String sysfs(Path dir, String file) {
        try {
            return Files.readString(dir.resolve(file)).strip();
        } catch (IOException e) {
            throw new ScanFailure("cannot read " + dir.resolve(file) + ": " + e.getMessage());
        }
    }

    /** IFF_RUNNING is not in sysfs "flags"; "carrier" says the same (and fails while the link is down). */
    private static boolean hasCarrier(Path dir) {
        try {
            return Files.readString(dir.resolve("carrier")).strip().equals("1");
        } catch (IOException e) {
            return false;
        }
    }

    static List<String> readOrEmpty(Path p) {
        try {
            return Files.exists(p) ? Files.readAllLines(p) : List.of();
        } catch (IOException e) {
            throw new ScanFailure("cannot read " + p + ": " + e.getMessage());
        }
    }
}
