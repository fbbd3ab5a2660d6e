package org.synscan.doctor;

import java.io.PrintWriter;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.synscan.ScanFailure;
import org.synscan.UsageException;
import org.synscan.net.IfAddress;
import org.synscan.net.IpAddr;
import org.synscan.net.LinkOverrides;
import org.synscan.net.Mac;
import org.synscan.net.NetInterface;
import org.synscan.net.NextHop;
import org.synscan.net.Privileges;

/**
 * {@code synscan doctor}: what a scan from here needs and whether it has it: libpcap, privileges,
 * interfaces and, for a target the user names, the route and next hop. Ends with what is missing,
 * each with its fix. Reading sends nothing; only planning the named target's next hop may send one
 * ARP request or neighbour solicitation, as a scan of it would.
 */
final class Doctor {
    static final String GRANT = "native-setup/grant-capabilities.sh";
    private static final int ARPHRD_ETHER = 1;
    private static final int ARPHRD_LOOPBACK = 772;
    private static final int ARPHRD_NONE = 65534;
    /** Ranges, prefixes and mistyped addresses: never sent to DNS as if they were names. */
    private static final Pattern LITERAL_LIKE = Pattern.compile("[0-9.\\-]+|.*[:/,].*");

    private final SystemView os;
    private final PrintWriter out;
    private final List<String[]> missing = new ArrayList<>();

    /** What to check the way to; null target means no target (nothing is sent). */
    record Request(String target, boolean ipv6, String iface) {
    }

    Doctor(SystemView os, PrintWriter out) {
        this.os = os;
        this.out = out;
    }

    /** Prints the report; returns 0 when nothing is missing, 1 otherwise. */
    int examine(Request request, String version) {
        out.println("synscan doctor " + version + " (Java " + Runtime.version() + ", "
                + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch") + ")");
        boolean pcap = libpcap();
        List<NetInterface> interfaces = os.interfaces();
        privileges(pcap, interfaces);
        interfaces(interfaces);
        if (request.target() != null) {
            target(request);
        }
        summary(request.target() != null);
        out.flush();
        return missing.isEmpty() ? 0 : 1;
    }

    private boolean libpcap() {
        section("libpcap");
        try {
            String version = os.libpcapVersion();
            line("ok", version);
            os.libpcapFile().ifPresent(f -> more("loaded from " + f));
            return true;
        } catch (ScanFailure e) {
            line("MISSING", e.getMessage());
            missing("libpcap", "sudo native-setup/install-deps.sh (Debian/Ubuntu: apt-get install libpcap0.8;"
                    + " Fedora: dnf install libpcap; Arch: pacman -S libpcap)");
            return false;
        }
    }

    private void privileges(boolean pcap, List<NetInterface> interfaces) {
        section("privileges");
        Capabilities caps = Capabilities.parse(os.processStatus());
        line("info", "uid " + caps.realUid() + (caps.effectiveUid() != caps.realUid() ? ", effective uid "
                + caps.effectiveUid() : "") + (caps.effectiveUid() == 0 ? " (root)" : ""));
        line(caps.canUseRawSockets() ? "ok" : "MISSING", "CAP_NET_RAW (raw and packet sockets, needed): "
                + caps.describe(Privileges.CAP_NET_RAW));
        line("info", "CAP_NET_ADMIN (not needed): " + caps.describe(Privileges.CAP_NET_ADMIN));
        if (!caps.canUseRawSockets()) {
            missing("CAP_NET_RAW", caps.netRawPossible()
                    ? "run as root (sudo ./synscan ...), or as an ordinary user with only this capability: sudo "
                    + GRANT + " run --user USER -- ARGS (see docs/usage.md, Privileges)"
                    : "this process can never get it (it is not in the bounding set): in a container add the"
                    + " capability (docker run --cap-add NET_RAW; Kubernetes: securityContext.capabilities.add:"
                    + " [NET_RAW])");
            return;
        }
        if (!pcap) {
            return;
        }
        String lo = interfaces.stream().filter(NetInterface::loopback).map(NetInterface::name).findFirst()
                .orElse("lo");
        try {
            os.openCapture(lo);
            line("ok", "a capture opens on " + lo + " (nothing is sent)");
        } catch (ScanFailure e) {
            line("MISSING", "a capture does not open on " + lo + ": " + e.getMessage());
            missing("packet capture", e.getMessage());
        }
    }

    private void interfaces(List<NetInterface> interfaces) {
        section("interfaces");
        boolean outside = false;
        for (NetInterface ni : interfaces) {
            StringBuilder addrs = new StringBuilder();
            for (IfAddress a : ni.addresses()) {
                addrs.append(' ').append(a);
            }
            out.printf("  %-3d %-15s %-12s mtu %-6d %s%s%n", ni.index(), ni.name(),
                    ni.up() ? (ni.running() ? "up" : "up no-carrier") : "down", ni.mtu(), linkType(ni), addrs);
            outside |= ni.up() && !ni.loopback();
        }
        if (!outside) {
            line("warning", "no interface but loopback is up: only this machine (127.0.0.1, ::1) can be scanned");
        }
    }

    /** The link as synscan sees it: what it sends on that interface, or that it cannot. */
    static String linkType(NetInterface ni) {
        return switch (ni.arpType()) {
            case ARPHRD_LOOPBACK -> "loopback (DLT_EN10MB)";
            case ARPHRD_ETHER -> "Ethernet " + Mac.format(ni.mac()) + " (DLT_EN10MB)";
            case ARPHRD_NONE -> "no link layer (DLT_RAW)";
            default -> "link type " + ni.arpType() + " (synscan cannot send here)";
        };
    }

    private void target(Request request) {
        IpAddr target = address(request.target(), request.ipv6());
        section("target " + request.target() + (request.target().equals(target.toString()) ? "" : " (" + target + ")"));
        os.kernelRoute(target).ifPresent(r -> line("kernel", r));
        LinkOverrides overrides = new LinkOverrides(request.iface(), null, Mac.NONE, Mac.NONE);
        try {
            NextHop hop = os.plan(target, overrides);
            line("ok", "synscan sends on " + hop);
            more(hop.loopback() ? "this machine: probes go through the loopback interface"
                    : hop.gateway() == null ? "on-link: frames go straight to " + target
                    : "through the router " + hop.gateway() + " (" + Mac.format(hop.dstMac()) + ")");
        } catch (ScanFailure e) {
            line("MISSING", e.getMessage());
            missing("a way to " + target, e.getMessage());
        }
    }

    /** A literal address of either family, or a host name resolved once (AAAA with -6, else A). */
    private IpAddr address(String text, boolean ipv6) {
        try {
            return IpAddr.parse(text);
        } catch (UsageException notLiteral) {
            if (LITERAL_LIKE.matcher(text).matches()) {
                throw new UsageException("doctor takes one address or host name, not " + text);
            }
            try {
                for (InetAddress a : os.resolve(text)) {
                    if ((a instanceof Inet6Address) == ipv6) {
                        return IpAddr.of(a);
                    }
                }
            } catch (UnknownHostException e) {
                throw new UsageException("cannot resolve " + text + " (give an IP address, or check the name)");
            }
            throw new UsageException(text + " has no " + (ipv6 ? "IPv6" : "IPv4") + " address"
                    + (ipv6 ? "" : " (use -6 for IPv6)"));
        }
    }

    private void summary(boolean hadTarget) {
        section("what is missing");
        if (missing.isEmpty()) {
            out.println("  nothing: synscan can scan from here" + (hadTarget ? ""
                    : " (name a target to check the way to it: synscan doctor TARGET)"));
            return;
        }
        for (String[] m : missing) {
            out.println("  " + m[0]);
            out.println("           fix: " + m[1]);
        }
    }

    private void missing(String what, String fix) {
        missing.add(new String[] {what, fix});
    }

    private void section(String title) {
        out.println();
        out.println(title);
    }

    private void line(String status, String text) {
        out.printf("  %-8s %s%n", status, text);
    }

    private void more(String text) {
        out.printf("  %-8s %s%n", "", text);
    }
}
