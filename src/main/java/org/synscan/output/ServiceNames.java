package org.synscan.output;

import org.synscan.result.Protocol;

/** Port number to service name ("unknown" when none), as the outputs print it. */
@FunctionalInterface
public interface ServiceNames {
    String name(Protocol protocol, int port);
}
