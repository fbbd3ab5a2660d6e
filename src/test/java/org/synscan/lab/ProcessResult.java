package org.synscan.lab;

import java.util.List;

/** What a finished command printed and returned. */
public record ProcessResult(List<String> command, int exitCode, String stdout, String stderr) {

    public boolean ok() {
        return exitCode == 0;
    }

    /** One paragraph for a failure message: the command, its exit code and its output. */
    public String describe() {
        StringBuilder sb = new StringBuilder(String.join(" ", command)).append(" -> exit ").append(exitCode);
        if (!stderr.isBlank()) {
            sb.append("\nstderr: ").append(stderr.strip());
        }
        if (!stdout.isBlank()) {
            sb.append("\nstdout: ").append(stdout.strip());
        }
        return sb.toString();
    }
}
