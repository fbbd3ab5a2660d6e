/**
 * Everything that faces the OS network stack: interfaces, routes, neighbours (ARP/NDP), link
 * planning, privileges, and the frame sinks and sources over libpcap and raw sockets.
 * <p>
 * How the engine uses it:
 * <ol>
 * <li>{@code Privileges.current().require()} and {@code LibpcapCheck.version()} up front.</li>
 * <li>{@code NextHop hop = LinkPlanner.resolve(hi, lo, ipv6, overrides)} for the first target
 *     (may send ARP or a neighbour solicitation on the chosen interface, ≤ 3 × 300 ms).</li>
 * <li>Receive: {@code PcapFrameSource.forReplies(hop)}, read by one thread.
 *     Send: {@code hop.rawIpv4Loopback() ? RawIpv4Sink.open(14) : PcapFrameSink.open(hop.iface())},
 *     used by one thread. On lo the source also sees our own probes: drop them by parsing.</li>
 * <li>Shutdown: set the stop flag, {@code source.breakLoop()}, join the receiver,
 *     then close the source and the sink. Closing while a thread is inside {@code next}
 *     frees memory under it.</li>
 * </ol>
 * Addresses are {@link org.synscan.net.IpAddr} (hi, lo, v6); MACs are longs ({@link org.synscan.net.Mac}).
 */
package org.synscan.net;
