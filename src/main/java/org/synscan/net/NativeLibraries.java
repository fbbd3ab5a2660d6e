package org.synscan.net;

import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;

/**
 * Binds the JNA libc mappings ahead of need (the command line's start-up preload): each binding
 * registers in its class initialiser, so initialising the class is all it takes.
 */
public final class NativeLibraries {
    private static final String[] BINDINGS = {"org.synscan.net.LibC", "org.synscan.net.pcap.PosixLib"};

    private NativeLibraries() {
    }

    /**
     * libc, by its glibc soname where that loads: asked for by JNA's name ("c"), JNA finds no
     * libc.so it can load (on Debian it is a linker script) and runs "ldconfig -p" in a child process
     * to find the real one, some milliseconds of every start. Other C libraries (musl) by JNA's search.
     */
    public static NativeLibrary libc() {
        if (Platform.isLinux()) {
            try {
                return NativeLibrary.getInstance("libc.so.6");
            } catch (UnsatisfiedLinkError e) {
                // not glibc
            }
        }
        return NativeLibrary.getInstance(Platform.C_LIBRARY_NAME);
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
