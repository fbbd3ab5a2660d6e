package org.synscan.net;

import java.nio.file.Path;
import java.util.List;
import org.synscan.ScanFailure;

/** Whether this process may open raw and packet sockets, read from /proc/self/status. */
public final class Privileges {
    public static final int CAP_NET_ADMIN = 12;
    public static final int CAP_NET_RAW = 13;
    static final String MESSAGE = "synscan needs raw-socket rights: run as root (sudo) or grant CAP_NET_RAW"
            + " (see native-setup/grant-capabilities.sh)";

    private final long effective;
    private final long euid;

    Privileges(long effectiveCapabilities, long effectiveUid) {
        this.effective = effectiveCapabilities;
        this.euid = effectiveUid;
    }

    public static Privileges current() {
        return parse(Interfaces.readOrEmpty(Path.of("/proc/self/status")));
    }

    /** Reads the CapEff and Uid (real, effective, saved, fs) lines of a /proc/PID/status. */
    static Privileges parse(List<String> statusLines) {
        long caps = 0;
        long uid = -1;
        for (String line : statusLines) {
            if (line.startsWith("CapEff:")) {
                caps = Long.parseUnsignedLong(line.substring(7).strip(), 16);
            } else if (line.startsWith("Uid:")) {
                uid = Long.parseLong(line.substring(4).strip().split("\\s+")[1]);
            }
        }
        return new Privileges(caps, uid);
    }

    public boolean isRoot() {
        return euid == 0;
    }

    public boolean has(int capability) {
        return (effective & (1L << capability)) != 0;
    }

    public boolean canUseRawSockets() {
        return has(CAP_NET_RAW);
    }

    /** Throws the one-line ScanFailure unless CAP_NET_RAW is effective. */
    public void require() {
        if (!canUseRawSockets()) {
            throw new ScanFailure(MESSAGE);
        }
    }
}
