package org.synscan.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

/**
 * An ordinary user for tests that need a second, unprivileged one: created (useradd) when it does
 * not exist, and then removed again by {@link #close()}. Needs root.
 */
public final class TestUser implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private final String name;
    private final boolean created;

    private TestUser(String name, boolean created) {
        this.name = name;
        this.created = created;
    }

    public static TestUser create(String name) {
        if (Lab.run(TIMEOUT, List.of("id", "-u", name)).ok()) {
            return new TestUser(name, false);
        }
        ProcessResult r = Lab.run(TIMEOUT, List.of("useradd", "--create-home", "--user-group", "--shell",
                "/usr/sbin/nologin", name));
        assertEquals(0, r.exitCode(), r.describe());
        return new TestUser(name, true);
    }

    public String name() {
        return name;
    }

    public String uid() {
        return Lab.run(TIMEOUT, List.of("id", "-u", name)).stdout().strip();
    }

    /** {@code setpriv} as this user, with its own groups and no capabilities: the prefix of a command. */
    public List<String> setpriv() {
        return List.of("setpriv", "--reuid", name, "--regid", name, "--init-groups", "--inh-caps=-all",
                "--bounding-set=-all", "--");
    }

    @Override
    public void close() {
        if (created) {
            // what a JVM of the user's left in /tmp (userdel removes only the home and mail)
            Lab.run(TIMEOUT, List.of("find", "/tmp", "-maxdepth", "1", "-name", "hsperfdata_" + name, "-user", name,
                    "-exec", "rm", "-rf", "{}", "+"));
            ProcessResult r = Lab.run(TIMEOUT, List.of("userdel", "--remove", name));
            // userdel complains about a mail spool that never existed; the user must be gone either way
            assertTrue(!Lab.run(TIMEOUT, List.of("id", "-u", name)).ok(), r.describe());
        }
    }
}
