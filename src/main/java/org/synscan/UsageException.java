package org.synscan;

/**
 * Bad input from the user: a target, port, flag or file that cannot be used.
 * The message is one line naming the bad token; the CLI prints it and exits 2.
 */
public class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message, null, false, false);
    }
}
