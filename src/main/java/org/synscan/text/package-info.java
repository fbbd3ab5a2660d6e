/**
 * Reading text that synscan does not control (target and exclusion lists, result files given to
 * {@code merge}, resume files): {@link org.synscan.text.BoundedLines} reads lines with a bound on
 * their length, {@link org.synscan.text.Ascii} reads numbers from ASCII digits only, and
 * {@link org.synscan.text.JsonReader} reads strict RFC 8259 JSON. None of them keeps more than one
 * line, so a file of any length is read in the memory of its longest allowed line.
 */
package org.synscan.text;
