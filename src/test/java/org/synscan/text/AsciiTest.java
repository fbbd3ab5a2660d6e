package org.synscan.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AsciiTest {
    /** Digits the JDK's parsers take for 8 (Integer.parseInt("８") == 8), and a sign they take too. */
    static final String[] NOT_ASCII = {"８", "٨", "۸", "८", "৮", "๘", "\uD835\uDFE0" /* 𝟠 */, "+8", " 8", "8 "};

    @Test
    void theJdkTakesTheseDigitsSoTheTestMeansSomething() {
        assertEquals(8, Integer.parseInt("８"));
        assertEquals(8, Integer.parseInt("٨"));
        assertEquals(8, Integer.parseInt("+8"));
        assertEquals(10, Character.digit('Ａ', 16));
        assertTrue(Character.isDigit('८'));
    }

    @Test
    void onlyAsciiDigitsAreDigits() {
        assertTrue(Ascii.isDigits("0123456789"));
        for (String s : NOT_ASCII) {
            assertFalse(Ascii.isDigits(s), s);
            assertFalse(Ascii.isDigits("1" + s), s);
            assertThrows(NumberFormatException.class, () -> Ascii.decimal(s), s);
            assertThrows(NumberFormatException.class, () -> Ascii.unsigned64(s, 10), s);
            assertEquals(-1, Ascii.decimalAtMost(s, 100), s);
        }
        assertFalse(Ascii.isDigits(""));
        assertFalse(Ascii.isDigits("-1"));
    }

    @Test
    void onlyAsciiHexDigitsAreHex() {
        assertTrue(Ascii.isHexDigits("0123456789abcdefABCDEF"));
        assertEquals(15, Ascii.hexValue('F'));
        assertEquals(10, Ascii.hexValue('a'));
        for (char c : new char[] {'Ａ', 'ａ', '８', 'g', 'G', '/', ':', '@', '`'}) {
            assertEquals(-1, Ascii.hexValue(c), String.valueOf(c));
        }
        assertThrows(NumberFormatException.class, () -> Ascii.unsigned64("ＦＦ", 16));
        assertThrows(NumberFormatException.class, () -> Ascii.unsigned64("+ff", 16));
        assertEquals(-1L, Ascii.unsigned64("ffffffffffffffff", 16));
    }

    @Test
    void decimalsSaturateSoTooLargeIsOutOfRangeNotMalformed() {
        assertEquals(65535, Ascii.decimal("65535"));
        assertEquals(7, Ascii.decimal("0007"));
        assertEquals(Long.MAX_VALUE, Ascii.decimal("9223372036854775807"));
        assertEquals(Long.MAX_VALUE, Ascii.decimal("9223372036854775808"));
        assertEquals(Long.MAX_VALUE, Ascii.decimal("99999999999999999999999999999"));
        assertEquals(255, Ascii.decimalAtMost("255", 255));
        assertEquals(-1, Ascii.decimalAtMost("256", 255));
    }

    @Test
    void unsigned64TakesTheWholeRangeAndNoMore() {
        assertEquals(-1L, Ascii.unsigned64("18446744073709551615", 10));
        assertThrows(NumberFormatException.class, () -> Ascii.unsigned64("18446744073709551616", 10));
        assertThrows(NumberFormatException.class, () -> Ascii.unsigned64("", 10));
    }
}
