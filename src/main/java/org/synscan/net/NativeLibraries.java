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
     * libc, by its glibc soname where that loads, through the loader's cache at once. Asked for by
     * JNA's name ("c"), JNA first finds libc.so, which on Debian is a linker script it cannot load,
     * and then searches the library directories for a versioned file. Other C libraries (musl) by
     * JNA's search. (JNA's other child process, "ldconfig -p" to list those directories, is avoided
     * by the launcher naming them in jna.platform.library.path.)
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
