package org.synscan.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.synscan.UsageException;

class ResultFilesTest {
    static final Path FILE = Path.of("x.json");

    @Test
    void flatObjectsWithNestedMembersAndEscapes() {
        Map<String, String> o = ResultFiles.flatObject("{\"type\":\"header\",\"tcp\":{\"count\":1,\"ports\":\"2}2\"},"
                + "\"args\":\"a \\\"b\\\" \\u00e9\",\"n\":null,\"x\":1.5, \"t\" : true }", FILE, 1);
        assertEquals("header", o.get("type"));
        assertEquals("a \"b\" é", o.get("args"));
        assertNull(o.get("n"));
        assertEquals("1.5", o.get("x"));
        assertEquals("true", o.get("t"));
        assertTrue(o.containsKey("tcp"));
    }

    @Test
    void brokenObjectsNameTheFileAndLine() {
        for (String bad : new String[] {"{", "{\"a\"", "{\"a\":", "{\"a\":\"x", "{\"a\":1 \"b\":2}", "[]"}) {
            UsageException e = assertThrows(UsageException.class, () -> ResultFiles.flatObject(bad, FILE, 7), bad);
            assertTrue(e.getMessage().startsWith("x.json line 7: "), e.getMessage());
        }
    }
}
