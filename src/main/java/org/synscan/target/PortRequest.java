package org.synscan.target;

/**
 * The port-related flags of one scan, as typed.
 *
 * @param ports        -p argument, or null
 * @param topPorts     --top-ports N, or 0 when not given
 * @param fast         -F (top 100)
 * @param excludePorts --exclude-ports argument, or null
 * @param synScan      -sS given
 * @param udpScan      -sU given
 */
public record PortRequest(String ports, int topPorts, boolean fast, String excludePorts, boolean synScan,
        boolean udpScan) {
}
