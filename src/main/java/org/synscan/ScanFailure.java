package org.synscan;

/**
 * The environment stopped the scan: interface, libpcap, privileges, an unwritable output.
 * The message is one line saying what is wrong and what to do; the CLI prints it and exits 1.
 */
public class ScanFailure extends RuntimeException {
    public ScanFailure(String message) {
        super(message, null, false, false);
    }

    public ScanFailure(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
