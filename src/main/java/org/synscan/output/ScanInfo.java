package org.synscan.output;

import java.time.ZonedDateTime;

/**
 * What the outputs say about the run itself.
 *
 * @param version     synscan's version
 * @param commandLine the arguments as given, for the XML "args" and the grepable header
 * @param started     when the scan started
 */
public record ScanInfo(String version, String commandLine, ZonedDateTime started) {
}
