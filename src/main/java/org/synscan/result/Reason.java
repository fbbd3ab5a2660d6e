package org.synscan.result;

/**
 * Why a port got its state, with nmap's singular and plural spellings (portreasons.cc):
 * the plural appears in "Not shown" lines and XML {@code extrareasons} when the count is not 1.
 */
public enum Reason {
    SYN_ACK("syn-ack", "syn-acks"),
    RESET("reset", "resets"),
    UDP_RESPONSE("udp-response", "udp-responses"),
    NET_UNREACH("net-unreach", "net-unreaches"),
    HOST_UNREACH("host-unreach", "host-unreaches"),
    PROTO_UNREACH("proto-unreach", "proto-unreaches"),
    PORT_UNREACH("port-unreach", "port-unreaches"),
    DEST_UNREACH("dest-unreach", "dest-unreaches"),
    NET_PROHIBITED("net-prohibited", "net-prohibiteds"),
    HOST_PROHIBITED("host-prohibited", "host-prohibiteds"),
    ADMIN_PROHIBITED("admin-prohibited", "admin-prohibiteds"),
    NO_ROUTE("no-route", "no-routes"),
    BEYOND_SCOPE("beyond-scope", "beyond-scopes"),
    REJECT_ROUTE("reject-route", "reject-routes"),
    PARAM_PROBLEM("param-problem", "param-problems"),
    TIME_EXCEEDED("time-exceeded", "time-exceededs"),
    NO_RESPONSE("no-response", "no-responses"),
    LOCALHOST_RESPONSE("localhost-response", "localhost-responses");

    private final String singular;
    private final String plural;

    Reason(String singular, String plural) {
        this.singular = singular;
        this.plural = plural;
    }

    public String label() {
        return singular;
    }

    /** nmap's wording for {@code count} ports with this reason. */
    public String label(long count) {
        return count == 1 ? singular : plural;
    }
}
