package org.synscan.target;

import java.io.InputStream;
import java.util.List;
import org.synscan.UsageException;

/**
 * Turns target specifications (command line, -iL, --exclude, --excludefile) into one {@link AddressSet}.
 * Accepts IPv4/IPv6 literals, CIDR, dash ranges, nmap octet patterns and hostnames (resolved once,
 * AAAA with -6, else A). Duplicates and overlaps merge; exclusions are subtracted exactly. Files are
 * streamed ({@link TargetReader}) into primitive range arrays ({@link RangeSetBuilder}), so memory
 * follows the number of disjoint ranges, not the number of lines.
 */
public final class TargetParser {
    private final boolean ipv6;
    private final TargetReader reader;

    /**
     * @param ipv6 true for -6: targets must be IPv6 and names resolve to AAAA
     * @param stdin read for the file name "-"
     */
    public TargetParser(boolean ipv6, HostResolver resolver, InputStream stdin) {
        this.ipv6 = ipv6;
        this.reader = new TargetReader(ipv6, resolver, stdin);
    }

    /**
     * The scan's address set.
     *
     * @param targets     positional targets (each may hold several, comma or space separated)
     * @param inputFile   -iL file or "-" for stdin; null when not given
     * @param excludes    --exclude list; null when not given
     * @param excludeFile --excludefile; null when not given
     */
    public AddressSet parse(List<String> targets, String inputFile, String excludes, String excludeFile) {
        if ("-".equals(inputFile) && "-".equals(excludeFile)) {
            throw new UsageException("-iL - and --excludefile - cannot both read standard input");
        }
        // in a method of its own, so the builders it leaves behind are garbage before the set is made
        return new AddressSet(ipv6, ranges(targets, inputFile, excludes, excludeFile));
    }

    private RangeSetBuilder ranges(List<String> targets, String inputFile, String excludes, String excludeFile) {
        Include include = new Include();
        long read = reader.words(targets, include);
        if (inputFile != null && reader.file("-iL", inputFile, include) + read == 0) {
            throw new UsageException("-iL " + inputFile + ": no targets in it");
        }
        include.checkFamilies();
        RangeSetBuilder exclude = new RangeSetBuilder(ipv6, "exclusions");
        // An exclusion of the other family cannot match anything being scanned; shared exclude
        // files hold both, so it is not an error.
        TargetReader.Visitor excluded = (t, startHi, startLo, endHi, endLo) -> {
            if (t.ipv6() == ipv6) {
                exclude.add(startHi, startLo, endHi, endLo);
            }
        };
        if (excludes != null) {
            reader.words(List.of(excludes), excluded);
        }
        if (excludeFile != null) {
            reader.file("--excludefile", excludeFile, excluded);
        }
        return exclude.count() == 0 ? include.ranges : include.ranges.subtract(exclude);
    }

    /** The targets to scan: the scan's family is kept, the first target of each family remembered for errors. */
    private final class Include implements TargetReader.Visitor {
        final RangeSetBuilder ranges = new RangeSetBuilder(ipv6, "targets");
        String firstV4;
        String firstV6;

        @Override
        public void range(TargetReader.Target t, long startHi, long startLo, long endHi, long endLo) {
            if (t.ipv6()) {
                firstV6 = firstV6 == null ? t.text() : firstV6;
                if (Range.size(startHi, startLo, endHi, endLo) < 0) {
                    throw Ipv6.tooLarge(Ipv4.quote(t.text()));
                }
            } else {
                firstV4 = firstV4 == null ? t.text() : firstV4;
            }
            if (t.ipv6() == ipv6) {
                ranges.add(startHi, startLo, endHi, endLo);
            }
        }

        /** Checked after all targets are read, so a mixed list is reported as mixed wherever it mixes. */
        void checkFamilies() {
            if (ipv6 && firstV4 != null) {
                throw new UsageException("'" + Ipv4.quote(firstV4) + "' is an IPv4 target but -6 was given; "
                        + "scan IPv4 without -6");
            }
            if (!ipv6 && firstV6 != null) {
                if (firstV4 != null) {
                    throw new UsageException("the target list mixes IPv4 and IPv6 ('" + Ipv4.quote(firstV4) + "', '"
                            + Ipv4.quote(firstV6) + "'); use -6 for IPv6 targets and scan IPv4 separately");
                }
                throw new UsageException("'" + Ipv4.quote(firstV6) + "' is an IPv6 target; use -6 for IPv6 targets");
            }
        }
    }
}
