package org.synscan.doctor;

import java.util.List;
import org.synscan.net.Privileges;

/**
 * A process's capability sets and user ids as /proc/PID/status shows them. The doctor reads all
 * five sets, not just the effective one the scan checks, because the fix depends on where
 * CAP_NET_RAW is missing: absent from the bounding set, no user can grant it (a container's limit).
 *
 * @param realUid      -1 when the status has no Uid line
 * @param effectiveUid the uid the kernel checks; 0 is root
 */
record Capabilities(long effective, long permitted, long inheritable, long ambient, long bounding, long realUid,
        long effectiveUid) {

    static Capabilities parse(List<String> statusLines) {
        long eff = 0;
        long prm = 0;
        long inh = 0;
        long amb = 0;
        long bnd = 0;
        long ruid = -1;
        long euid = -1;
        for (String line : statusLines) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String value = line.substring(colon + 1).strip();
            switch (line.substring(0, colon)) {
                case "CapEff" -> eff = hex(value);
                case "CapPrm" -> prm = hex(value);
                case "CapInh" -> inh = hex(value);
                case "CapAmb" -> amb = hex(value);
                case "CapBnd" -> bnd = hex(value);
                case "Uid" -> {
                    String[] ids = value.split("\\s+");
                    ruid = Long.parseLong(ids[0]);
                    euid = ids.length > 1 ? Long.parseLong(ids[1]) : ruid;
                }
                default -> {
                }
            }
        }
        return new Capabilities(eff, prm, inh, amb, bnd, ruid, euid);
    }

    private static long hex(String value) {
        return Long.parseUnsignedLong(value, 16);
    }

    boolean canUseRawSockets() {
        return has(effective, Privileges.CAP_NET_RAW);
    }

    /** CAP_NET_RAW can still be raised in this process or given to it at exec (by root or a file capability). */
    boolean netRawPossible() {
        return has(bounding, Privileges.CAP_NET_RAW);
    }

    /** "effective yes, permitted yes, inheritable no, ambient no, bounding yes" for one capability. */
    String describe(int capability) {
        return "effective " + yesNo(effective, capability) + ", permitted " + yesNo(permitted, capability)
                + ", inheritable " + yesNo(inheritable, capability) + ", ambient " + yesNo(ambient, capability)
                + ", bounding " + yesNo(bounding, capability);
    }

    private static String yesNo(long set, int capability) {
        return has(set, capability) ? "yes" : "no";
    }

    private static boolean has(long set, int capability) {
        return (set & (1L << capability)) != 0;
    }
}
