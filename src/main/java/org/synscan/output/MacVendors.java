package org.synscan.output;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** MAC address vendors from nmap's own table (nmap-mac-prefixes), when nmap is installed: as nmap names them. */
final class MacVendors {
    private static final Path TABLE = Path.of("/usr/share/nmap/nmap-mac-prefixes");
    private static Map<String, String> vendors;

    private MacVendors() {
    }

    /** The vendor of "1E:1F:FE:22:18:3C", or null when unknown (or the table is missing). */
    static synchronized String lookup(String mac) {
        if (vendors == null) {
            vendors = load();
        }
        String prefix = mac.replace(":", "").toUpperCase(Locale.ROOT);
        return prefix.length() < 6 ? null : vendors.get(prefix.substring(0, 6));
    }

    private static Map<String, String> load() {
        Map<String, String> m = new HashMap<>();
        try {
            for (String line : Files.readAllLines(TABLE, StandardCharsets.UTF_8)) {
                // "0001C8 Thomas Conrad": six hex digits, a space, the name (longer prefixes are skipped)
                if (line.length() > 7 && line.charAt(6) == ' ' && !line.startsWith("#")) {
                    m.put(line.substring(0, 6).toUpperCase(Locale.ROOT), line.substring(7).strip());
                }
            }
        } catch (IOException | RuntimeException e) {
            // no nmap: no vendor names, as nmap itself without its data files
        }
        return m;
    }
}
