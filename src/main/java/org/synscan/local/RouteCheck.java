package org.synscan.local;

import org.synscan.net.IpAddr;

/** Asks the kernel how it would route to an address, before any probe is sent there. */
interface RouteCheck {

    /**
     * The kernel's answer.
     *
     * @param local  the route is of type local: the kernel delivers the address to this machine itself
     * @param known  false when the route could not be asked (no `ip` tool); then {@code local} is false
     * @param detail the route as the kernel printed it, or why it could not be asked
     */
    record Answer(boolean local, boolean known, String detail) {
    }

    Answer route(IpAddr address);
}
