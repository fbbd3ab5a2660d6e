package org.synscan.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MacVendorsTest {
    private static final byte[] TABLE = ("# comment 00000C Not a vendor\n"
            + "00000C Cisco Systems\n"
            + "0050C2A Longer Prefix Co\n"
            + "0050C2 IEEE Registration Authority\r\n"
            + "a0b1c2 Lower Case Hex  \n"
            + "FFFFFF Last Line Without Newline").getBytes(StandardCharsets.UTF_8);

    private static String find(String prefix) {
        return MacVendors.find(TABLE, prefix.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void findsSixDigitPrefixesOnly() {
        assertEquals("Cisco Systems", find("00000C"));
        assertEquals("IEEE Registration Authority", find("0050C2"));
        assertEquals("Lower Case Hex", find("A0B1C2"));
        assertEquals("Last Line Without Newline", find("FFFFFF"));
    }

    @Test
    void missesAndComments() {
        assertNull(find("123456"));
        assertNull(find("0050C3"));
        assertNull(MacVendors.find(new byte[0], "00000C".getBytes(StandardCharsets.US_ASCII)));
    }
}
