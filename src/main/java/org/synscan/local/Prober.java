package org.synscan.local;

import java.util.List;
import org.synscan.net.IpAddr;
import org.synscan.result.PortResult;
import org.synscan.target.PortList;

/** Sends the probes of one address and returns each port's verdict. */
interface Prober {

    /** Throws the one-line failure when probes cannot be sent at all (no rights, no libpcap). */
    void requireReady();

    /**
     * Probes {@code ports} of {@code target}, one of this machine's own addresses.
     *
     * @return a verdict for every port probed
     * @throws NotLocal when the target turns out not to be reached through the loopback interface:
     *                  then nothing was sent
     */
    List<PortResult> probe(IpAddr target, PortList ports) throws NotLocal, InterruptedException;

    /** The address would leave through a real interface: refused before anything was sent. */
    final class NotLocal extends Exception {
        NotLocal(String message) {
            super(message);
        }
    }
}
