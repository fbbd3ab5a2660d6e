package org.synscan.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A copy of the built checkout in a directory of its own ({@code cp -a}: times and modes kept), as
 * a user copies, moves or installs one: what the launcher reads (itself, pom.xml, the sources, the
 * scripts) and the build (jar, libraries, JNA's stub, the start-up archive the original made).
 * Root's, readable by all; removed by {@link #close()}.
 */
public final class CheckoutCopy implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final List<String> PARTS = List.of("synscan", "pom.xml", "native-setup", "src/main",
            "target/synscan.jar", "target/lib", "target/native", "target/synscan.jsa", "target/synscan.jsa.key");
    private final Path parent;
    private Path home;

    private CheckoutCopy(Path parent, Path home) {
        this.parent = parent;
        this.home = home;
    }

    /** Runs the checkout under test once, as root: its build and start-up archive then exist. */
    public static void readyOriginal() {
        ProcessResult v = Lab.run(TIMEOUT, List.of(Lab.home().resolve("synscan").toString(), "--version"));
        assertEquals(0, v.exitCode(), v.describe());
    }

    /** Copies {@link Lab#home()} to a new directory named {@code name} under a new temporary directory. */
    public static CheckoutCopy of(String name) {
        try {
            Path parent = Files.createTempDirectory("synscan-copy");
            Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path home = Files.createDirectory(parent.resolve(name));
            // cp --parents names each part relative to the working directory: the checkout's
            List<String> cmd = new ArrayList<>(List.of("sh", "-c", "cd \"$0\" && exec \"$@\"",
                    Lab.home().toString(), "cp", "-a", "--parents"));
            for (String part : PARTS) {
                if (Files.exists(Lab.home().resolve(part))) {
                    cmd.add(part);
                }
            }
            cmd.add(home.toString());
            ProcessResult r = Lab.run(TIMEOUT, cmd);
            assertEquals(0, r.exitCode(), r.describe());
            return new CheckoutCopy(parent, home);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path home() {
        return home;
    }

    public Path launcher() {
        return home.resolve("synscan");
    }

    public Path grant() {
        return home.resolve("native-setup/grant-capabilities.sh");
    }

    /** The directory the copy lies in (root's, mode 755), for files a test puts beside it. */
    public Path parent() {
        return parent;
    }

    /** Moves the copy to {@code name} beside it, as {@code mv} does. */
    public void moveTo(String name) {
        Path to = parent.resolve(name);
        ProcessResult r = Lab.run(TIMEOUT, List.of("mv", home.toString(), to.toString()));
        assertEquals(0, r.exitCode(), r.describe());
        home = to;
    }

    @Override
    public void close() {
        Lab.run(TIMEOUT, List.of("rm", "-rf", "--one-file-system", parent.toString()));
    }
}
