package org.synscan.doctor;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import org.synscan.net.IpAddr;
import org.synscan.net.LinkOverrides;
import org.synscan.net.NetInterface;
import org.synscan.net.NextHop;

/**
 * What the doctor asks of the operating system, behind one seam so tests run every diagnosis
 * without root, libpcap or a network. Only {@link #plan} may send a packet.
 */
interface SystemView {
    /** libpcap's version string; throws a ScanFailure whose message says how to install it. */
    String libpcapVersion();

    /** The file libpcap was loaded from, once {@link #libpcapVersion} has loaded it. */
    Optional<String> libpcapFile();

    /** The lines of /proc/self/status (capability sets, uids). */
    List<String> processStatus();

    List<NetInterface> interfaces();

    /** Opens a capture on {@code iface} and closes it again (sends nothing); throws a ScanFailure when it cannot. */
    void openCapture(String iface);

    /** The kernel's route to {@code target} as {@code ip route get} prints it (a lookup: sends nothing). */
    Optional<String> kernelRoute(IpAddr target);

    /**
     * synscan's own plan for reaching {@code target}, exactly as a scan makes it: the route, the
     * source, and the next hop's MAC from the kernel's cache or, when it is not there, from one
     * ARP request or neighbour solicitation to the next hop.
     */
    NextHop plan(IpAddr target, LinkOverrides overrides);

    List<InetAddress> resolve(String host) throws UnknownHostException;

    static SystemView system() {
        return new OsView();
    }
}
