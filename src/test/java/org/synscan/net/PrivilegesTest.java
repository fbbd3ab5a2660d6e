package org.synscan.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.synscan.ScanFailure;

class PrivilegesTest {
    @Test
    void rootWithFullCapabilities() {
        Privileges p = Privileges.parse(Fixtures.lines("status-root.txt"));
        assertTrue(p.isRoot());
        assertTrue(p.has(Privileges.CAP_NET_RAW));
        assertTrue(p.has(Privileges.CAP_NET_ADMIN));
        p.require();
    }

    @Test
    void userGrantedNetRawOnly() {
        Privileges p = Privileges.parse(Fixtures.lines("status-user-netraw.txt"));
        assertFalse(p.isRoot());
        assertTrue(p.canUseRawSockets());
        assertFalse(p.has(Privileges.CAP_NET_ADMIN));
        p.require();
    }

    @Test
    void effectiveRootWithoutNetRawIsRefused() {
        Privileges p = Privileges.parse(Fixtures.lines("status-root-nocaps.txt"));
        assertTrue(p.isRoot());   // effective uid is the second Uid field
        assertTrue(p.has(Privileges.CAP_NET_ADMIN));
        assertFalse(p.canUseRawSockets());
        ScanFailure e = assertThrows(ScanFailure.class, p::require);
        assertEquals("synscan needs raw-socket rights: run as root (sudo) or grant CAP_NET_RAW"
                + " (see native-setup/grant-capabilities.sh)", e.getMessage());
    }

    @Test
    void readsThisProcess() {
        Privileges.current();   // must parse the real file without throwing
    }
}
