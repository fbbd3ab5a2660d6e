package org.synscan.output;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * MAC address vendors from nmap's own table (nmap-mac-prefixes), when nmap is installed: as nmap
 * names them. A report needs one or a few vendors, so the table's 32,000 lines are searched in their
 * raw bytes for the prefix asked for, not turned into a map: decoding the whole file into strings
 * cost some 45 ms at the end of every scan of an on-link host.
 */
final class MacVendors {
    private static final Path TABLE = Path.of("/usr/share/nmap/nmap-mac-prefixes");
    /** Answers already given (null values are misses). */
    private static final Map<String, String> CACHE = new HashMap<>();
    private static byte[] table;

    private MacVendors() {
    }

    /** The vendor of "1E:1F:FE:22:18:3C", or null when unknown (or the table is missing). */
    static synchronized String lookup(String mac) {
        String hex = mac.replace(":", "").toUpperCase(Locale.ROOT);
        if (hex.length() < 6) {
            return null;
        }
        String prefix = hex.substring(0, 6);
        if (CACHE.containsKey(prefix)) {
            return CACHE.get(prefix);
        }
        if (table == null) {
            table = load();
        }
        String vendor = find(table, prefix.getBytes(StandardCharsets.US_ASCII));
        CACHE.put(prefix, vendor);
        return vendor;
    }

    /**
     * The name on the line "XXXXXX Name" whose six hex digits are {@code prefix} (upper case; the
     * table's case is ignored). Longer prefixes ("0050C2A Name") do not match, as before.
     */
    static String find(byte[] data, byte[] prefix) {
        int n = data.length;
        int i = 0;
        while (i + 7 < n) {
            if (data[i + 6] == ' ' && sameHex(data, i, prefix)) {
                int end = i + 7;
                while (end < n && data[end] != '\n' && data[end] != '\r') {
                    end++;
                }
                return new String(data, i + 7, end - i - 7, StandardCharsets.UTF_8).strip();
            }
            while (i < n && data[i] != '\n') {
                i++;
            }
            i++;
        }
        return null;
    }

    private static boolean sameHex(byte[] data, int at, byte[] prefix) {
        for (int k = 0; k < 6; k++) {
            int c = data[at + k];
            if (c >= 'a' && c <= 'f') {
                c -= 'a' - 'A';
            }
            if (c != prefix[k]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] load() {
        try {
            return Files.readAllBytes(TABLE);
        } catch (IOException | RuntimeException e) {
            // no nmap: no vendor names, as nmap itself without its data files
            return new byte[0];
        }
    }
}
