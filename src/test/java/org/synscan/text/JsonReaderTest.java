package org.synscan.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonReaderTest {
    @Test
    void readsWhatRfc8259Allows() {
        Map<String, Object> o = JsonReader.object(" {\"type\":\"header\",\"tcp\":{\"count\":1,\"ports\":\"2}2\"},"
                + "\"args\":\"a \\\"b\\\" \\u00e9\\/\\ud83d\\ude00\",\"n\":null,\"x\":-1.5e3,\"t\" : true,"
                + "\"f\":false,\"a\":[1,[],{}],\"big\":123456789012345678901} ");
        assertEquals("header", o.get("type"));
        assertEquals(Map.of("count", 1L, "ports", "2}2"), o.get("tcp"));
        assertEquals("a \"b\" é/\uD83D\uDE00", o.get("args"));
        assertTrue(o.containsKey("n"));
        assertNull(o.get("n"));
        assertEquals(-1500.0, o.get("x"));
        assertEquals(Boolean.TRUE, o.get("t"));
        assertEquals(Boolean.FALSE, o.get("f"));
        assertEquals(List.of(1L, List.of(), Map.of()), o.get("a"));
        assertEquals(1.2345678901234568E20, o.get("big"));
        assertEquals(List.of("type", "tcp", "args", "n", "x", "t", "f", "a", "big"), List.copyOf(o.keySet()));
        assertEquals(0L, JsonReader.parse("0"));
        assertEquals(-0.0, JsonReader.parse("-0.0"));
    }

    /** {text, what the error must say}: each is rejected by a strict reader, with the column. */
    @Test
    void rejectsEverythingElseSayingWhatAndWhere() {
        String[][] cases = {
            {"{", "a member name expected at column 2"},
            {"{\"a\"", "':' expected"},
            {"{\"a\":", "a value expected"},
            {"{\"a\":\"x", "the text ends too early"},
            {"{\"a\":1 \"b\":2}", "',' or '}' expected at column 8"},
            {"{\"a\":1,}", "a member name expected"},
            {"[1,]", "a value expected"},
            {"{\"a\":1}x", "more after the value at column 8"},
            {"{\"port\":80,\"port\":81}", "member \"port\" given twice at column 12"},
            {"{\"a\":\"\\x\"}", "a bad escape \\x at column 7"},
            {"{\"a\":\"\\u12\"}", "\\u needs four hex digits"},
            {"{\"a\":\"\\u００４１\"}", "\\u needs four hex digits"},
            {"{\"a\":\"tab\there\"}", "a raw control character in a string at column 10"},
            {"{\"a\":０}", "a value expected"},
            {"{\"a\":+1}", "a value expected"},
            {"{\"a\":01}", "',' or '}' expected"},
            {"{\"a\":1.}", "a digit expected"},
            {"{\"a\":1e}", "a digit expected"},
            {"{\"a\":NaN}", "a value expected"},
            {"{\"a\":tru}", "a value expected"},
            {"{'a':1}", "a member name expected"},
            {"", "a value expected at column 1"},
        };
        for (String[] c : cases) {
            JsonReader.MalformedJsonException e = assertThrows(JsonReader.MalformedJsonException.class,
                    () -> JsonReader.parse(c[0]), c[0]);
            assertTrue(e.getMessage().contains(c[1]), c[0] + " -> " + e.getMessage());
        }
        assertThrows(JsonReader.MalformedJsonException.class, () -> JsonReader.object("[]"));
    }

    @Test
    void deepNestingIsAnErrorNotAStackOverflow() {
        char[] open = new char[100_000];
        Arrays.fill(open, '[');
        JsonReader.MalformedJsonException e = assertThrows(JsonReader.MalformedJsonException.class,
                () -> JsonReader.parse(new String(open)));
        assertTrue(e.getMessage().startsWith("nested deeper than " + JsonReader.MAX_DEPTH), e.getMessage());
        String deepest = "[".repeat(JsonReader.MAX_DEPTH) + "]".repeat(JsonReader.MAX_DEPTH);
        assertTrue(JsonReader.parse(deepest) instanceof List);
    }
}
