package org.synscan.probe;

import java.security.SecureRandom;

/** The per-scan secret behind every cookie: 128 bits, the two halves of a SipHash key. */
public record CookieKey(long k0, long k1) {

    /** A fresh key from {@link SecureRandom}, so nobody off-path can forge a reply. */
    public static CookieKey random() {
        SecureRandom rnd = new SecureRandom();
        return new CookieKey(rnd.nextLong(), rnd.nextLong());
    }

    /** Never print the key: it would let a reader of logs forge replies for the rest of the scan. */
    @Override
    public String toString() {
        return "CookieKey[hidden]";
    }
}
