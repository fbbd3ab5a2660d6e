package org.synscan.output;

import java.time.ZonedDateTime;

/**
 * What the outputs say about the run itself.
 *
 * @param version     synscan's version
 * @param commandLine the command as given, for the XML "args" and the grepable header
 * @param started     when the scan started
 * @param tcpServices the TCP ports in nmap's range form ("1-1024,8080"), null when TCP is not scanned
 * @param tcpCount    how many TCP ports
 * @param udpServices the UDP ports likewise, null when UDP is not scanned
 * @param udpCount    how many UDP ports
 * @param verbosity   -v count
 * @param resumed     this run continues an interrupted one (--resume)
 * @param targetMac   the MAC address of the one target when it is on-link ("1E:1F:FE:22:18:3C", as nmap
 *                    writes it), else null
 */
public record ScanInfo(String version, String commandLine, ZonedDateTime started, String tcpServices, int tcpCount,
        String udpServices, int udpCount, int verbosity,
        boolean resumed, String targetMac) {
}
