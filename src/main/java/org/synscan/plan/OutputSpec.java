package org.synscan.plan;

/**
 * One requested output file.
 *
 * @param path a file name, or "-" for standard output (as nmap)
 */
public record OutputSpec(Format format, String path) {

    /** The formats, with the flag that asks for each. */
    public enum Format {
        NORMAL("-oN"),
        XML("-oX"),
        GREPABLE("-oG"),
        JSON("-oJ");

        private final String flag;

        Format(String flag) {
            this.flag = flag;
        }

        public String flag() {
            return flag;
        }
    }

    public boolean toStdout() {
        return path.equals("-");
    }
}
