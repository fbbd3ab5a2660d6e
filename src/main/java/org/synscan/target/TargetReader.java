package org.synscan.target;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.synscan.UsageException;
import org.synscan.text.Ascii;
import org.synscan.text.BoundedLines;

/**
 * Reads target specifications in the order given and hands each target's address ranges to a
 * {@link Visitor} as it reads them: words from the command line (positional targets, --exclude) or a
 * file (-iL, --excludefile; "-" is standard input) line by line. Nothing is kept per target, so a
 * file of any length is read in the memory of one line, and a line is at most
 * {@link #MAX_LINE_BYTES}: /dev/zero or a binary file is an error at once. Every error names the
 * flag, the file and the line. {@link TargetParser} builds a scan's set with it; anything that wants
 * the targets in the order written can visit them itself.
 */
public final class TargetReader {
    /** The longest line of a target file: far beyond any list's line, small enough to stop /dev/zero at once. */
    public static final int MAX_LINE_BYTES = 1 << 20;
    /** Host names remembered, so a name repeated in a list is looked up once without a table of every name. */
    private static final int RESOLVED_CACHE = 4096;
    private static final Pattern HOSTNAME = Pattern.compile(
            "(?=.{1,253}$)[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?(\\.[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)*\\.?");

    /** Where the targets go, in the order they are written. */
    public interface Visitor {
        /**
         * One inclusive range of {@code target}: a target gives one range, or several in ascending
         * order for an nmap octet pattern (198.18.0-3.1). A {@link UsageException} thrown here is
         * reported with the target's file and line in front.
         */
        void range(Target target, long startHi, long startLo, long endHi, long endLo);
    }

    /**
     * A target as written ({@code text}), its family, and where: {@code source} is null for the
     * command line, else the flag and file ("-iL hosts.txt"), with {@code line} its 1-based line.
     */
    public record Target(String text, boolean ipv6, String source, long line) {
        /** The error with the file and line in front, so a bad line in a long file can be found. */
        UsageException located(UsageException e) {
            return source == null ? e : new UsageException(source + " line " + line + ": " + e.getMessage());
        }
    }

    private final boolean ipv6;
    private final HostResolver resolver;
    private final InputStream stdin;
    private final Map<String, IpAddress> resolved = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, IpAddress> eldest) {
            return size() > RESOLVED_CACHE;
        }
    };

    /**
     * @param ipv6  true for -6: host names resolve to AAAA, else to A
     * @param stdin read for the file name "-"
     */
    public TargetReader(boolean ipv6, HostResolver resolver, InputStream stdin) {
        this.ipv6 = ipv6;
        this.resolver = resolver;
        this.stdin = stdin;
    }

    /** Targets on the command line: each word holds one or more, separated by commas or spaces. */
    public long words(List<String> words, Visitor visitor) {
        long count = 0;
        for (String word : words) {
            for (String text : split(word)) {
                visit(text, null, 0, visitor);
                count++;
            }
        }
        return count;
    }

    /**
     * The targets of file {@code name} ("-" for standard input), several per line, '#' to the end
     * of a line a comment; returns how many.
     *
     * @param flag the flag that named the file (-iL, --excludefile), for errors
     */
    public long file(String flag, String name, Visitor visitor) {
        String source = flag + " " + name;
        long count = 0;
        try (BoundedLines in = name.equals("-")
                ? new BoundedLines(stdin, StandardCharsets.UTF_8, MAX_LINE_BYTES)
                : BoundedLines.open(Path.of(name), StandardCharsets.UTF_8, MAX_LINE_BYTES)) {
            String line;
            while ((line = in.next()) != null) {
                long n = in.lineNumber();
                if (isBinary(line)) {
                    throw new UsageException(source + " line " + n + ": binary data; expected a text list of targets");
                }
                int hash = line.indexOf('#');
                for (String text : split(hash >= 0 ? line.substring(0, hash) : line)) {
                    visit(text, source, n, visitor);
                    count++;
                }
            }
        } catch (BoundedLines.LineTooLongException e) {
            throw new UsageException(source + " line " + e.line() + ": longer than " + e.limit()
                    + " bytes; expected a text list of targets");
        } catch (NoSuchFileException e) {
            throw new UsageException(source + ": no such file");
        } catch (AccessDeniedException e) {
            throw new UsageException(source + ": permission denied");
        } catch (IOException | UncheckedIOException | InvalidPathException e) {
            throw new UsageException(source + ": cannot read it (" + e.getMessage() + ")");
        }
        return count;
    }

    private void visit(String text, String source, long line, Visitor visitor) {
        Target target = null;
        try {
            boolean v6 = text.indexOf(':') >= 0;
            int slash = text.indexOf('/');
            String host = slash < 0 ? text : text.substring(0, slash);
            List<Range> ranges;
            if (v6) {
                ranges = Ipv6.parse(text);
            } else if (Ipv4.looksLikeIpv4(host)) {
                ranges = Ipv4.parse(text);
            } else {
                v6 = ipv6;
                ranges = List.of(hostRange(text, host, slash));
            }
            target = new Target(text, v6, source, line);
            for (Range r : ranges) {
                visitor.range(target, r.startHi(), r.startLo(), r.endHi(), r.endLo());
            }
        } catch (UsageException e) {
            throw (target != null ? target : new Target(text, ipv6, source, line)).located(e);
        }
    }

    private Range hostRange(String text, String host, int slash) {
        if (!HOSTNAME.matcher(host).matches() || Ascii.isDigits(host.replace(".", ""))) {
            throw Ipv4.bad(text, "not an IPv4/IPv6 address, range, CIDR or hostname");
        }
        IpAddress a = resolve(text, host);
        if (slash < 0) {
            return Range.single(a.hi(), a.lo());
        }
        String prefix = text.substring(slash + 1);
        return ipv6 ? Ipv6.cidr(a.hi(), a.lo(), Ipv4.parsePrefix(text, prefix, 128)) : Ipv4.cidr(text, a.lo(), prefix);
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

    /**
     * Control characters other than tab, carriage return and form feed do not occur in a text file.
     * (Lines are read as UTF-8, so an error quotes a look-alike digit as written.)
     */
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
     * "198.18.0.1,5" is one target (octet list) while "198.18.0.1,198.18.0.9" is two. Linear in the
     * text's length, however many pieces an octet list has.
     */
    static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        int at = 0;
        while (true) {
            while (at < text.length() && isSpace(text.charAt(at))) {
                at++;
            }
            if (at == text.length()) {
                return out;
            }
            int wordEnd = at;
            while (wordEnd < text.length() && !isSpace(text.charAt(wordEnd))) {
                wordEnd++;
            }
            splitWord(text.substring(at, wordEnd), out);
            at = wordEnd;
        }
    }

    /** Space, tab, line feed, vertical tab, form feed, carriage return: a regex's \s. */
    private static boolean isSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    private static void splitWord(String word, List<String> out) {
        if (word.indexOf(',') < 0) {
            out.add(word);
            return;
        }
        int start = -1;
        int end = -1;
        boolean octetList = false;
        int dots = 0;
        for (int i = 0; i <= word.length(); ) {
            int comma = word.indexOf(',', i);
            comma = comma < 0 ? word.length() : comma;
            if (comma > i) {
                boolean v4 = Ipv4.looksLikeIpv4(word, i, comma);
                int pieceDots = count(word, i, comma, '.');
                boolean slash = count(word, i, comma, '/') > 0;
                if (start >= 0 && octetList && v4 && (dots < 3 || pieceDots == 0)) {
                    end = comma;
                    dots += pieceDots;
                    octetList = !slash;
                } else {
                    if (start >= 0) {
                        out.add(word.substring(start, end));
                    }
                    start = i;
                    end = comma;
                    dots = pieceDots;
                    octetList = v4 && !slash;
                }
            }
            i = comma + 1;
        }
        if (start >= 0) {
            out.add(word.substring(start, end));
        }
    }

    private static int count(String s, int from, int to, char c) {
        int n = 0;
        for (int i = from; i < to; i++) {
            n += s.charAt(i) == c ? 1 : 0;
        }
        return n;
    }
}
