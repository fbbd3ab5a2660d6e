package org.synscan.target;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.synscan.UsageException;

/**
 * Turns target specifications (command line, -iL, --exclude, --excludefile) into one {@link AddressSet}.
 * Accepts IPv4/IPv6 literals, CIDR, dash ranges, nmap octet patterns and hostnames (resolved once,
 * AAAA with -6, else A). Duplicates and overlaps merge; exclusions are subtracted exactly.
 */
public final class TargetParser {
    private static final Pattern HOSTNAME = Pattern.compile(
            "(?=.{1,253}$)[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?(\\.[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)*\\.?");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s]+");

    private final boolean ipv6;
    private final HostResolver resolver;
    private final InputStream stdin;
    private final Map<String, IpAddress> resolved = new HashMap<>();

    /**
     * @param ipv6 true for -6: targets must be IPv6 and names resolve to AAAA
     * @param stdin read for the file name "-"
     */
    public TargetParser(boolean ipv6, HostResolver resolver, InputStream stdin) {
        this.ipv6 = ipv6;
        this.resolver = resolver;
        this.stdin = stdin;
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
        List<Token> tokens = new ArrayList<>();
        for (String t : targets) {
            addAll(tokens, split(t), null);
        }
        if (inputFile != null) {
            tokens.addAll(readFile("-iL", inputFile));
            if (tokens.isEmpty()) {
                throw new UsageException("-iL " + inputFile + ": no targets in it");
            }
        }
        List<Range> include = includeRanges(tokens);
        List<Token> exTokens = new ArrayList<>();
        if (excludes != null) {
            addAll(exTokens, split(excludes), null);
        }
        if (excludeFile != null) {
            exTokens.addAll(readFile("--excludefile", excludeFile));
        }
        List<Range> exclude = new ArrayList<>();
        for (Token token : exTokens) {
            Parsed p = parseToken(token);
            // An exclusion of the other family cannot match anything being scanned; shared
            // exclude files hold both, so it is not an error.
            if (p.ipv6 == ipv6) {
                exclude.addAll(p.ranges);
            }
        }
        List<Range> set = Ranges.normalize(include);
        if (!exclude.isEmpty()) {
            set = Ranges.subtract(set, Ranges.normalize(exclude));
        }
        return new AddressSet(ipv6, set);
    }

    private List<Range> includeRanges(List<Token> tokens) {
        List<Range> include = new ArrayList<>();
        String firstV4 = null;
        String firstV6 = null;
        for (Token token : tokens) {
            Parsed p = parseToken(token);
            if (p.ipv6) {
                firstV6 = firstV6 == null ? token.text : firstV6;
                checkSize(token, p.ranges);
            } else {
                firstV4 = firstV4 == null ? token.text : firstV4;
            }
            include.addAll(p.ranges);
            if (include.size() > Ipv4.MAX_RANGES * 4) {
                throw new UsageException("the targets are too fragmented (more than "
                        + Ipv4.MAX_RANGES * 4 + " separate ranges); merge them into ranges or CIDR blocks");
            }
        }
        if (ipv6 && firstV4 != null) {
            throw new UsageException("'" + firstV4 + "' is an IPv4 target but -6 was given; scan IPv4 without -6");
        }
        if (!ipv6 && firstV6 != null) {
            if (firstV4 != null) {
                throw new UsageException("the target list mixes IPv4 and IPv6 ('" + firstV4 + "', '" + firstV6
                        + "'); use -6 for IPv6 targets and scan IPv4 separately");
            }
            throw new UsageException("'" + firstV6 + "' is an IPv6 target; use -6 for IPv6 targets");
        }
        return include;
    }

    private static void checkSize(Token token, List<Range> ranges) {
        long total = 0;
        for (Range r : ranges) {
            long size = r.size();
            if (size < 0 || size > Range.MAX_SIZE - total) {
                throw token.located(Ipv6.tooLarge(token.text));
            }
            total += size;
        }
    }

    private record Parsed(boolean ipv6, List<Range> ranges) {
    }

    /** A target as written, and where: null for the command line, else "-iL FILE line N". */
    private record Token(String text, String origin) {
        /** The error with the file and line in front, so a bad line in a long file can be found. */
        UsageException located(UsageException e) {
            return origin == null ? e : new UsageException(origin + ": " + e.getMessage());
        }
    }

    private static void addAll(List<Token> out, List<String> texts, String origin) {
        for (String t : texts) {
            out.add(new Token(t, origin));
        }
    }

    private Parsed parseToken(Token token) {
        try {
            return parseToken(token.text);
        } catch (UsageException e) {
            throw token.located(e);
        }
    }

    private Parsed parseToken(String token) {
        if (token.indexOf(':') >= 0) {
            return new Parsed(true, Ipv6.parse(token));
        }
        int slash = token.indexOf('/');
        String host = slash < 0 ? token : token.substring(0, slash);
        if (Ipv4.looksLikeIpv4(host)) {
            return new Parsed(false, Ipv4.parse(token));
        }
        if (!HOSTNAME.matcher(host).matches() || host.replace(".", "").chars().allMatch(Character::isDigit)) {
            throw Ipv4.bad(token, "not an IPv4/IPv6 address, range, CIDR or hostname");
        }
        IpAddress a = resolve(token, host);
        if (slash < 0) {
            return new Parsed(ipv6, List.of(Range.single(a.hi(), a.lo())));
        }
        String prefix = token.substring(slash + 1);
        return new Parsed(ipv6, List.of(ipv6
                ? Ipv6.cidr(a.hi(), a.lo(), Ipv4.parsePrefix(token, prefix, 128))
                : Ipv4.cidr(token, a.lo(), prefix)));
    }

    /** The first address of the wanted family, like nmap, which scans one address per name. */
    private IpAddress resolve(String token, String host) {
        String key = host.toLowerCase(Locale.ROOT);
        IpAddress cached = resolved.get(key);
        if (cached != null) {
            return cached;
        }
        List<InetAddress> all;
        try {
            all = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw new UsageException("cannot resolve '" + host + "' (from target '" + token + "')");
        }
        for (InetAddress a : all) {
            if ((a instanceof Inet6Address) == ipv6) {
                IpAddress ip = IpAddress.of(a);
                resolved.put(key, ip);
                return ip;
            }
        }
        throw new UsageException("'" + host + "' has no " + (ipv6 ? "IPv6 address (AAAA)" : "IPv4 address (A)")
                + (ipv6 ? "; drop -6 to scan its IPv4 address" : "; use -6 to scan its IPv6 address"));
    }

    private List<Token> readFile(String flag, String name) {
        List<Token> tokens = new ArrayList<>();
        try (BufferedReader in = name.equals("-")
                ? new BufferedReader(new InputStreamReader(stdin, StandardCharsets.ISO_8859_1))
                : Files.newBufferedReader(Path.of(name), StandardCharsets.ISO_8859_1)) {
            String line;
            for (int n = 1; (line = in.readLine()) != null; n++) {
                if (isBinary(line)) {
                    throw new UsageException(flag + " " + name + ": line " + n
                            + " holds binary data; expected a text list of targets");
                }
                int hash = line.indexOf('#');
                addAll(tokens, split(hash >= 0 ? line.substring(0, hash) : line), flag + " " + name + " line " + n);
            }
        } catch (NoSuchFileException e) {
            throw new UsageException(flag + " " + name + ": no such file");
        } catch (IOException | UncheckedIOException e) {
            throw new UsageException(flag + " " + name + ": cannot read it (" + e.getMessage() + ")");
        }
        return tokens;
    }

    /** Control characters other than tab, carriage return and form feed do not occur in a text file. */
    private static boolean isBinary(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\r' && c != '\f') || (c >= 0x7F && c < 0xA0)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Splits a target list on whitespace and commas, but keeps nmap octet lists together:
     * "198.18.0.1,5" is one target (octet list) while "198.18.0.1,198.18.0.9" is two.
     */
    static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        for (String word : SEPARATORS.split(text.trim())) {
            String current = null;
            for (String piece : word.split(",", -1)) {
                if (piece.isEmpty()) {
                    continue;
                }
                if (current != null && continuesOctetList(current, piece)) {
                    current = current + "," + piece;
                } else {
                    if (current != null) {
                        out.add(current);
                    }
                    current = piece;
                }
            }
            if (current != null) {
                out.add(current);
            }
        }
        return out;
    }

    private static boolean continuesOctetList(String current, String piece) {
        if (!Ipv4.looksLikeIpv4(current) || current.indexOf('/') >= 0 || !Ipv4.looksLikeIpv4(piece)) {
            return false;
        }
        long dots = current.chars().filter(c -> c == '.').count();
        return dots < 3 || piece.indexOf('.') < 0;
    }
}
