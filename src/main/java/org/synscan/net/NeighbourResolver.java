package org.synscan.net;

/** Finds the MAC of an on-link neighbour; the seam LinkPlanner uses so it can be tested without root. */
interface NeighbourResolver {
    /**
     * @param source our address to ask from (same family as {@code target})
     * @return the neighbour's MAC as a long ({@link Mac})
     * @throws org.synscan.ScanFailure when the neighbour does not answer
     */
    long resolve(NetInterface iface, IpAddr source, IpAddr target);
}
