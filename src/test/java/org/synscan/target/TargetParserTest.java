package org.synscan.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synscan.UsageException;

class TargetParserTest {
    @TempDir
    Path dir;

    private final Fixtures.FakeResolver resolver = Fixtures.resolver();

    private AddressSet v4(String... targets) {
        return new TargetParser(false, resolver, Fixtures.stdin("")).parse(List.of(targets), null, null, null);
    }

    private AddressSet v6(String... targets) {
        return new TargetParser(true, resolver, Fixtures.stdin("")).parse(List.of(targets), null, null, null);
    }

    /** Every address of the set, formatted, in index order. */
    private static List<String> all(AddressSet s) {
        List<String> out = new ArrayList<>();
        for (long i = 0; i < s.size(); i++) {
            out.add(AddressSet.format(s.isIpv6(), s.highAt(i), s.lowAt(i)));
        }
        return out;
    }

    private static String error(Runnable r) {
        return assertThrows(UsageException.class, r::run).getMessage();
    }

    @Test
    void ipv4LiteralsAndCidr() {
        assertEquals(List.of("198.18.0.1"), all(v4("198.18.0.1")));
        AddressSet net = v4("198.18.0.0/24");
        assertEquals(256, net.size());
        assertEquals("198.18.0.0", all(net).get(0));
        assertEquals("198.18.0.255", all(net).get(255));
        // host bits are masked off, as nmap does
        assertEquals(v4("198.18.0.0/30"), v4("198.18.0.3/30"));
        assertEquals(1L << 32, v4("0.0.0.0/0").size());
        assertEquals(List.of("198.18.0.7"), all(v4("198.18.0.7/32")));
    }

    @Test
    void dashRanges() {
        assertEquals(20, v4("198.18.0.1-20").size());
        assertEquals("198.18.0.20", all(v4("198.18.0.1-20")).get(19));
        AddressSet full = v4("198.18.0.250-198.18.1.5");
        assertEquals(12, full.size());
        assertEquals(List.of("198.18.0.250", "198.18.0.251", "198.18.0.252", "198.18.0.253", "198.18.0.254",
                "198.18.0.255", "198.18.1.0", "198.18.1.1", "198.18.1.2", "198.18.1.3", "198.18.1.4", "198.18.1.5"),
                all(full));
    }

    @Test
    void nmapOctetRanges() {
        assertEquals(List.of("198.18.0.1", "198.18.0.5", "198.18.1.1", "198.18.1.5", "198.18.2.1", "198.18.2.5",
                "198.18.3.1", "198.18.3.5"), all(v4("198.18.0-3.1,5")));
        AddressSet star = v4("198.18.*.1");
        assertEquals(256, star.size());
        assertEquals(256, star.rangeCount());
        assertEquals("198.18.255.1", all(star).get(255));
        // trailing full octets collapse into one range per combination
        AddressSet wide = v4("198.18-19.*.*");
        assertEquals(1, wide.rangeCount());
        assertEquals(2 * 65536, wide.size());
        assertEquals(List.of("198.18.0.0", "198.18.0.1", "198.18.0.2", "198.18.0.255"), all(v4("198.18.0.-2,255")));
        assertEquals(List.of("198.18.0.254", "198.18.0.255"), all(v4("198.18.0.254-")));
        assertEquals(List.of("198.18.1.1", "198.18.5.1", "198.18.6.1"), all(v4("198.18.1,5-6.1")));
    }

    @Test
    void ipv6LiteralCidrAndRange() {
        assertEquals(List.of("fd00:5ca0::1"), all(v6("fd00:5ca0::1")));
        AddressSet net = v6("fd00:5ca0::/120");
        assertEquals(256, net.size());
        assertEquals("fd00:5ca0::ff", all(net).get(255));
        assertEquals(List.of("fd00:5ca0::fe", "fd00:5ca0::ff", "fd00:5ca0::100"), all(v6("fd00:5ca0::fe-fd00:5ca0::100")));
        assertEquals(1L << 62, v6("fd00:5ca0::/66").size());
        assertEquals(List.of("::1"), all(v6("::1/128")));
    }

    @Test
    void duplicatesAndOverlapsAreScannedOnce() {
        AddressSet s = v4("198.18.0.1", "198.18.0.0/30", "198.18.0.2-5", "198.18.0.1");
        assertEquals(List.of("198.18.0.0", "198.18.0.1", "198.18.0.2", "198.18.0.3", "198.18.0.4", "198.18.0.5"), all(s));
        assertEquals(1, s.rangeCount());
    }

    @Test
    void listsSplitOnCommasAndSpacesButKeepOctetLists() {
        assertEquals(List.of("198.18.0.1", "198.18.0.9"), TargetReader.split("198.18.0.1,198.18.0.9"));
        assertEquals(List.of("198.18.0.1,5", "198.18.0.9"), TargetReader.split("198.18.0.1,5 198.18.0.9"));
        assertEquals(List.of("198.18.1,5.1", "lab.test"), TargetReader.split(" 198.18.1,5.1,lab.test "));
        assertEquals(List.of("fd00::1", "fd00::2"), TargetReader.split("fd00::1,,fd00::2,"));
        assertEquals(List.of("198.18.0.0/24", "5"), TargetReader.split("198.18.0.0/24,5"));
        assertEquals(List.of(), TargetReader.split("   "));
    }

    @Test
    void hostnamesResolveOnceToTheRequestedFamily() {
        assertEquals(List.of("198.18.0.10", "198.18.0.30"), all(v4("lab.test", "v4only.test", "LAB.test")));
        assertEquals(List.of("lab.test", "v4only.test"), resolver.lookups);
        assertEquals(List.of("fd00:5ca0::10"), all(v6("lab.test")));
        assertEquals(List.of("198.18.0.8", "198.18.0.9", "198.18.0.10", "198.18.0.11"), all(v4("lab.test/30")));
        assertEquals(16, v6("lab.test/124").size());
    }

    @Test
    void hostnameErrors() {
        assertEquals("cannot resolve 'nowhere.test' (from target 'nowhere.test')", error(() -> v4("nowhere.test")));
        assertEquals("'v6only.test' has no IPv4 address (A); use -6 to scan its IPv6 address",
                error(() -> v4("v6only.test")));
        assertEquals("'v4only.test' has no IPv6 address (AAAA); drop -6 to scan its IPv4 address",
                error(() -> v6("v4only.test")));
    }

    @Test
    void literalsAndMalformedTokensNeverReachTheResolver() {
        for (String bad : new String[] {"198.18.0.300", "198.18.0", "1.2.3.4.5", "-", "*", "198.18.0.1/33"}) {
            assertThrows(UsageException.class, () -> v4(bad), bad);
        }
        v4("198.18.0.1", "198.18.0.0/24", "198.18.0-1.*");
        v6("fd00::1");
        assertEquals(List.of(), resolver.lookups);
    }

    @Test
    void badTargetsNameTheToken() {
        assertEquals("bad target '198.18.0.300': octet 300 is out of range (0-255)", error(() -> v4("198.18.0.300")));
        assertEquals("bad target '198.18.0': an IPv4 address needs 4 octets", error(() -> v4("198.18.0")));
        assertEquals("bad target '198.18.0.1/33': prefix length 33 is out of range (0-32)",
                error(() -> v4("198.18.0.1/33")));
        assertEquals("bad target '198.18.0.1/x': bad prefix length 'x'", error(() -> v4("198.18.0.1/x")));
        assertEquals("bad target '198.18.0.9-198.18.0.1': range start is after its end",
                error(() -> v4("198.18.0.9-198.18.0.1")));
        assertEquals("bad target '198.18.0.9-1': octet range 9-1 is backwards", error(() -> v4("198.18.0.9-1")));
        assertEquals("bad target '198.18.0.01': bad octet '01'", error(() -> v4("198.18.0.01")));
        assertEquals("bad target 'bad_host!': not an IPv4/IPv6 address, range, CIDR or hostname",
                error(() -> v4("bad_host!")));
        assertEquals("bad target 'fd00::1::2': not a valid IPv6 address", error(() -> v6("fd00::1::2")));
        assertEquals("bad target 'fd00::/129': prefix length 129 is out of range (0-128)", error(() -> v6("fd00::/129")));
        assertEquals("bad target 'fd00::1-20': an IPv6 range needs two full addresses (fd00::1-fd00::20)",
                error(() -> v6("fd00::1-20")));
        assertEquals("bad target 'fe80::1%eth0': zone ids are not supported; choose the interface with -e",
                error(() -> v6("fe80::1%eth0")));
        assertEquals("bad target '*.*.*.1': the pattern expands to 16777216 separate ranges (the limit is 1048576)",
                error(() -> v4("*.*.*.1")));
    }

    @Test
    void familyMistakesAreExplained() {
        assertEquals("the target list mixes IPv4 and IPv6 ('198.18.0.1', 'fd00::1'); use -6 for IPv6 targets and"
                + " scan IPv4 separately", error(() -> v4("198.18.0.1", "fd00::1")));
        assertEquals("'fd00::1' is an IPv6 target; use -6 for IPv6 targets", error(() -> v4("fd00::1")));
        assertEquals("'198.18.0.1' is an IPv4 target but -6 was given; scan IPv4 without -6",
                error(() -> v6("fd00::1", "198.18.0.1")));
    }

    @Test
    void tooLargeIpv6TargetsNameTheToken() {
        assertEquals("target 'fd00:5ca0::/64' is too large (more than 2^62 addresses)",
                error(() -> v6("fd00:5ca0::/64")));
        assertEquals("target '::-ffff::' is too large (more than 2^62 addresses)", error(() -> v6("::-ffff::")));
        assertEquals("the targets cover more than 2^62 addresses; narrow them or --exclude some",
                error(() -> v6("fd00::/66", "fd01::/66")));
    }

    @Test
    void inputFileHoldsSeveralTargetsPerLineWithComments() throws IOException {
        Path file = dir.resolve("targets.txt");
        Files.writeString(file, """
                # lab hosts
                198.18.0.1 198.18.0.2,198.18.0.3\t198.18.0.10-11   # trailing comment
                lab.test

                198.18.1.1,5  #198.18.9.9
                """);
        AddressSet s = new TargetParser(false, resolver, Fixtures.stdin("")).parse(List.of("198.18.0.1"),
                file.toString(), null, null);
        assertEquals(List.of("198.18.0.1", "198.18.0.2", "198.18.0.3", "198.18.0.10", "198.18.0.11", "198.18.1.1",
                "198.18.1.5"), all(s));
    }

    @Test
    void inputFromStdin() {
        AddressSet s = new TargetParser(false, resolver, Fixtures.stdin("198.18.0.4\n198.18.0.5 # x\n"))
                .parse(List.of(), "-", null, null);
        assertEquals(List.of("198.18.0.4", "198.18.0.5"), all(s));
    }

    @Test
    void missingFilesAreUsageErrors() {
        TargetParser p = new TargetParser(false, resolver, Fixtures.stdin(""));
        String missing = dir.resolve("nope.txt").toString();
        assertEquals("-iL " + missing + ": no such file", error(() -> p.parse(List.of(), missing, null, null)));
        assertEquals("--excludefile " + missing + ": no such file",
                error(() -> p.parse(List.of("198.18.0.1"), null, null, missing)));
        assertEquals("-iL - and --excludefile - cannot both read standard input",
                error(() -> p.parse(List.of(), "-", null, "-")));
    }

    @Test
    void exclusionsAreSubtractedExactly() throws IOException {
        Path file = dir.resolve("exclude.txt");
        Files.writeString(file, "198.18.0.128/26 # a block\nfd00::1\nlab.test\n");
        AddressSet s = new TargetParser(false, resolver, Fixtures.stdin("")).parse(List.of("198.18.0.0/24"),
                null, "198.18.0.0,198.18.0.5-7,198.18.0.255", file.toString());
        assertEquals(256 - 1 - 3 - 1 - 64 - 1, s.size());
        List<String> all = all(s);
        for (String gone : new String[] {"198.18.0.0", "198.18.0.5", "198.18.0.6", "198.18.0.7", "198.18.0.10",
                "198.18.0.128", "198.18.0.191", "198.18.0.255"}) {
            assertTrue(!all.contains(gone), gone);
        }
        for (String kept : new String[] {"198.18.0.1", "198.18.0.4", "198.18.0.8", "198.18.0.11", "198.18.0.127",
                "198.18.0.192", "198.18.0.254"}) {
            assertTrue(all.contains(kept), kept);
        }
    }

    @Test
    void exclusionsCanEmptyTheSetAndReachAcrossRanges() {
        TargetParser p = new TargetParser(true, resolver, Fixtures.stdin(""));
        assertEquals(0, p.parse(List.of("fd00::/120"), null, "fd00::/112", null).size());
        AddressSet s = p.parse(List.of("fd00::0-fd00::f", "fd00::20-fd00::2f"), null, "fd00::8-fd00::27", null);
        assertEquals(8 + 8, s.size());
        assertEquals("fd00::7", all(s).get(7));
        assertEquals("fd00::28", all(s).get(8));
    }

    @Test
    void subtractMatchesAnAddressByAddressModel() {
        java.util.Random random = new java.util.Random(42);
        for (int trial = 0; trial < 300; trial++) {
            boolean[] model = new boolean[200];
            List<Range> inc = new ArrayList<>();
            List<Range> exc = new ArrayList<>();
            for (int k = 0; k < 1 + random.nextInt(6); k++) {
                int a = random.nextInt(200);
                int b = Math.min(199, a + random.nextInt(40));
                inc.add(Range.v4(a, b));
                for (int x = a; x <= b; x++) {
                    model[x] = true;
                }
            }
            for (int k = 0; k < random.nextInt(6); k++) {
                int a = random.nextInt(200);
                int b = Math.min(199, a + random.nextInt(30));
                exc.add(Range.v4(a, b));
            }
            for (Range r : exc) {
                for (long x = r.startLo(); x <= r.endLo(); x++) {
                    model[(int) x] = false;
                }
            }
            RangeSetBuilder include = new RangeSetBuilder(false, "targets");
            inc.forEach(r -> include.add(0, r.startLo(), 0, r.endLo()));
            RangeSetBuilder exclude = new RangeSetBuilder(false, "exclusions");
            exc.forEach(r -> exclude.add(0, r.startLo(), 0, r.endLo()));
            AddressSet s = new AddressSet(false, include.subtract(exclude));
            List<Long> expected = new ArrayList<>();
            for (int x = 0; x < 200; x++) {
                if (model[x]) {
                    expected.add((long) x);
                }
            }
            List<Long> actual = new ArrayList<>();
            for (long i = 0; i < s.size(); i++) {
                actual.add(s.lowAt(i));
            }
            assertEquals(expected, actual, "trial " + trial);
        }
    }

    @Test
    void exclusionsOfTheOtherFamilyAreIgnored() {
        AddressSet s = new TargetParser(false, resolver, Fixtures.stdin("")).parse(List.of("198.18.0.0/30"),
                null, "fd00::1,198.18.0.1", null);
        assertEquals(List.of("198.18.0.0", "198.18.0.2", "198.18.0.3"), all(s));
    }

    @Test
    void resolverSeesHostnamesOnlyOnce() {
        Fixtures.FakeResolver counting = new Fixtures.FakeResolver(Map.of("a.test", List.of("198.18.0.1")));
        new TargetParser(false, counting, Fixtures.stdin("")).parse(List.of("a.test", "a.test,a.test/32"), null,
                "a.test", null);
        assertEquals(List.of("a.test"), counting.lookups);
    }
}
