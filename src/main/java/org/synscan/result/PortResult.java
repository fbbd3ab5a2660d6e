package org.synscan.result;

/** One port's final answer. {@code ttl} is the reply's IP TTL / hop limit, 0 when there was no reply. */
public record PortResult(Protocol protocol, int port, PortState state, Reason reason, int ttl) {
}
