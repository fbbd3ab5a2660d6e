package org.synscan.output;

import org.synscan.result.Protocol;

/** Port number to service name, as the outputs print it. */
@FunctionalInterface
public interface ServiceNames {
    /** The name, or null when nothing names the port. */
    String lookup(Protocol protocol, int port);

    /** The name as nmap's normal output prints it: "unknown" when nothing names the port. */
    default String name(Protocol protocol, int port) {
        String n = lookup(protocol, port);
        return n == null ? "unknown" : n;
    }
}
