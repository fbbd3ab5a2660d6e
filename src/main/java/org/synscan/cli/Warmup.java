package org.synscan.cli;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.synscan.plan.ScanRunner;

/**
 * Loads what a scan loads, so the launcher can record it in a class-data-sharing archive
 * ({@code -XX:ArchiveClassesAtExit}): later JVMs map the classes instead of parsing and verifying
 * them, which is most of synscan's start-up time. Sends nothing and needs no privileges.
 */
public final class Warmup {
    private Warmup() {
    }

    public static void main(String[] args) throws IOException {
        PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
        // the command line and planner, as a real run parses them
        Main.run(new String[] {"-sL", "-sS", "-sU", "198.18.0.0/30", "-p", "T:1-100,U:53", "--reason", "-v",
                "--seed", "1"}, nowhere, nowhere, CliContext.system(ScanRunner.NOT_IMPLEMENTED));
        // every class of synscan and of the libraries it calls into on the hot path
        for (String path : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (path.endsWith("synscan.jar") || path.contains("picocli") || path.contains("/jna-")) {
                load(path);
            }
        }
    }

    private static void load(String jarPath) throws IOException {
        ClassLoader loader = Warmup.class.getClassLoader();
        try (JarFile jar = new JarFile(jarPath)) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                String name = entries.nextElement().getName();
                if (name.endsWith(".class") && !name.contains("module-info") && !name.startsWith("META-INF")) {
                    try {
                        Class.forName(name.substring(0, name.length() - 6).replace('/', '.'), false, loader);
                    } catch (Throwable ignored) {
                        // a class for another platform or an optional dependency: not ours to load
                    }
                }
            }
        }
    }
}
