package org.synscan.text;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict RFC 8259 reader for one JSON value: objects become maps (in order), arrays lists, strings
 * strings, integers Long (Double when they do not fit), other numbers Double, true/false Boolean and
 * null null. Strict on purpose, for synscan's own JSON lines read back ({@code merge}) and for the
 * tests that check what synscan writes: anything a real JSON consumer would reject is an error,
 * and so is a repeated key (two "port" members must not mean whichever one a reader happens to
 * keep). Nesting is limited, so a line of '[' is an error, not a stack overflow.
 */
public final class JsonReader {
    /** Deeper than any JSON synscan writes (two levels) by far. */
    static final int MAX_DEPTH = 64;

    /** Not JSON; the message says what and where (1-based column). */
    public static final class MalformedJsonException extends IllegalArgumentException {
        private final int column;

        MalformedJsonException(String what, int column) {
            super(what + " at column " + column);
            this.column = column;
        }

        public int column() {
            return column;
        }
    }

    private final String s;
    private int i;
    private int depth;

    private JsonReader(String s) {
        this.s = s;
    }

    /** The one value {@code text} holds (white space around it allowed). */
    public static Object parse(String text) {
        JsonReader r = new JsonReader(text);
        Object v = r.value();
        r.space();
        if (r.i != text.length()) {
            throw r.error("more after the value");
        }
        return v;
    }

    /** The object {@code text} holds; anything else is malformed. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(String text) {
        JsonReader r = new JsonReader(text);
        r.space();
        if (r.peek() != '{') {
            throw r.error("an object expected");
        }
        return (Map<String, Object>) parse(text);
    }

    private Object value() {
        space();
        if (i >= s.length()) {
            throw error("a value expected");
        }
        return switch (s.charAt(i)) {
            case '{' -> nested(true);
            case '[' -> nested(false);
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> number();
        };
    }

    private Object nested(boolean isObject) {
        if (++depth > MAX_DEPTH) {
            throw error("nested deeper than " + MAX_DEPTH);
        }
        Object v = isObject ? members() : elements();
        depth--;
        return v;
    }

    private Map<String, Object> members() {
        Map<String, Object> m = new LinkedHashMap<>();
        i++;
        space();
        if (peek() == '}') {
            i++;
            return m;
        }
        while (true) {
            space();
            if (peek() != '"') {
                throw error("a member name expected");
            }
            int at = i;
            String key = string();
            if (m.containsKey(key)) {
                i = at;
                throw error("member \"" + key + "\" given twice");
            }
            space();
            expect(':');
            m.put(key, value());
            space();
            char c = next();
            if (c == '}') {
                return m;
            }
            if (c != ',') {
                i--;
                throw error("',' or '}' expected");
            }
        }
    }

    private List<Object> elements() {
        List<Object> l = new ArrayList<>();
        i++;
        space();
        if (peek() == ']') {
            i++;
            return l;
        }
        while (true) {
            l.add(value());
            space();
            char c = next();
            if (c == ']') {
                return l;
            }
            if (c != ',') {
                i--;
                throw error("',' or ']' expected");
            }
        }
    }

    private String string() {
        expect('"');
        StringBuilder sb = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') {
                return sb.toString();
            }
            if (c < 0x20) {
                i--;
                throw error("a raw control character in a string");
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char e = next();
            switch (e) {
                case '"', '\\', '/' -> sb.append(e);
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> sb.append(unicodeEscape());
                default -> {
                    i -= 2;
                    throw error("a bad escape \\" + e);
                }
            }
        }
    }

    private char unicodeEscape() {
        int v = 0;
        for (int k = 0; k < 4; k++) {
            int d = i < s.length() ? Ascii.hexValue(s.charAt(i)) : -1;
            if (d < 0) {
                throw error("\\u needs four hex digits");
            }
            v = v << 4 | d;
            i++;
        }
        return (char) v;
    }

    private Object number() {
        int start = i;
        if (peek() == '-') {
            i++;
        }
        if (peek() == '0') {
            i++;
        } else if (Ascii.isDigit(peek()) && peek() != '0') {
            digits();
        } else {
            throw error("a value expected");
        }
        boolean integer = true;
        if (peek() == '.') {
            i++;
            digits();
            integer = false;
        }
        if (peek() == 'e' || peek() == 'E') {
            i++;
            if (peek() == '+' || peek() == '-') {
                i++;
            }
            digits();
            integer = false;
        }
        String n = s.substring(start, i);
        if (integer && n.length() <= 18) {
            return Long.parseLong(n);
        }
        return Double.parseDouble(n);
    }

    private void digits() {
        if (!Ascii.isDigit(peek())) {
            throw error("a digit expected");
        }
        while (Ascii.isDigit(peek())) {
            i++;
        }
    }

    private Object literal(String word, Object v) {
        if (!s.startsWith(word, i)) {
            throw error("a value expected");
        }
        i += word.length();
        return v;
    }

    private void space() {
        while (i < s.length() && " \t\r\n".indexOf(s.charAt(i)) >= 0) {
            i++;
        }
    }

    private char peek() {
        return i < s.length() ? s.charAt(i) : '\0';
    }

    private char next() {
        if (i >= s.length()) {
            throw error("the text ends too early");
        }
        return s.charAt(i++);
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("'" + c + "' expected");
        }
        i++;
    }

    private MalformedJsonException error(String what) {
        return new MalformedJsonException(what, i + 1);
    }
}
