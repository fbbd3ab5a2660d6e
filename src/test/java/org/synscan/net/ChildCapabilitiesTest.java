package org.synscan.net;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChildCapabilitiesTest {
    private static List<String> status(String inh, String amb) {
        return List.of("Name:\tjava", "Uid:\t1001\t1001\t1001\t1001", "CapInh:\t" + inh, "CapPrm:\t0000000000002000",
                "CapEff:\t0000000000002000", "CapBnd:\t0000000000002000", "CapAmb:\t" + amb, "NoNewPrivs:\t1");
    }

    @Test
    void aThreadPassesOnWhatIsInheritableOrAmbient() {
        assertTrue(ChildCapabilities.passesOn(status("0000000000002000", "0000000000002000")));
        assertTrue(ChildCapabilities.passesOn(status("0000000000002000", "0000000000000000")));
        assertTrue(ChildCapabilities.passesOn(status("0000000000000000", "0000000000002000")));
        assertTrue(ChildCapabilities.passesOn(status("8000000000000000", "0000000000000000")));
    }

    @Test
    void effectiveAndPermittedAloneAreNotPassedOn() {
        assertFalse(ChildCapabilities.passesOn(status("0000000000000000", "0000000000000000")));
        assertFalse(ChildCapabilities.passesOn(List.of("Name:\tjava", "CapEff:\t000001ffffffffff")));
    }

    @Test
    void afterDroppingThemTheThreadPassesNothingOn() {
        // as root or a user without capabilities a no-op; with them, the real drop
        ChildCapabilities.dropInheritable();
        assertFalse(ChildCapabilities.passesOn(Interfaces.readOrEmpty(java.nio.file.Path.of("/proc/thread-self/status"))));
    }
}
