package org.synscan.net;

/**
 * Binds the JNA libc mappings ahead of need (the command line's start-up preload): each binding
 * registers in its class initialiser, so initialising the class is all it takes.
 */
public final class NativeLibraries {
    private static final String[] BINDINGS = {"org.synscan.net.LibC", "org.synscan.net.pcap.PosixLib"};

    private NativeLibraries() {
    }

    public static void load() {
        for (String name : BINDINGS) {
            try {
                Class.forName(name, true, NativeLibraries.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(name, e);
            }
        }
    }
}
