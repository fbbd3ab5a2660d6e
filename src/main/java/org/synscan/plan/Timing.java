package org.synscan.plan;

import java.time.Duration;
import java.util.Locale;

/**
 * Effective timing of a scan: the -T template's values with --rate, --min-rate, --max-retries and
 * --host-timeout applied on top.
 *
 * <p>Templates follow nmap's table (nmap book, "Timing Templates") for retries and round-trip timeouts.
 * nmap has no rate knob in its templates; synscan's sender adapts its rate to loss (see
 * engine.CongestionControl: it starts at 10k pps or the ceiling if lower, grows while nothing is lost,
 * and backs off only for loss that falls when the rate falls), so each template sets the rate
 * ceiling it may grow to: T0-T2 use nmap's minimum scan delay as the interval (5 min, 15 s, 400 ms);
 * T3-T5 are our choice for a raw-packet scanner on a LAN (masscan users pick such rates by hand).
 * The minimum timeout of T3/T4 is 50 ms where nmap has 100 ms: timeouts follow the measured round trip
 * (srtt + 4 rttvar) and only a LAN's sub-millisecond RTT meets the floor; a false timeout costs a
 * retry here, not a wrong verdict (the receiver's progress gates expiry, retries adapt to loss).
 * <pre>
 *  level  name        rate (pps)   max retries  initial RTT  min RTT  max RTT  host timeout
 *  T0     paranoid    1/300            10        5 min       100 ms   10 s     none
 *  T1     sneaky      1/15             10        15 s        100 ms   10 s     none
 *  T2     polite      2.5              10        1 s         100 ms   10 s     none
 *  T3     normal      100,000          10        1 s         50 ms    10 s     none
 *  T4     aggressive  300,000           6        500 ms      50 ms    1250 ms  none
 *  T5     insane      1,000,000         2        250 ms      50 ms    300 ms   none (nmap: 15 min)
 * </pre>
 *
 * @param level       template 0-5
 * @param rate        packets per second to send at (ceiling), > 0
 * @param minRate     --min-rate floor for an adaptive sender, 0 when not given
 * @param maxRetries  retransmissions of an unanswered probe
 * @param hostTimeout give up on a host after this long; {@link Duration#ZERO} = never
 */
public record Timing(int level, double rate, double minRate, int maxRetries, Duration initialRtt, Duration minRtt,
        Duration maxRtt, Duration hostTimeout) {

    private static final String[] NAMES = {"paranoid", "sneaky", "polite", "normal", "aggressive", "insane"};

    /** The default template, -T3. */
    public static final int NORMAL = 3;

    /** The values of template {@code level} (0-5). */
    public static Timing template(int level) {
        return switch (level) {
            case 0 -> new Timing(0, 1.0 / 300, 0, 10, Duration.ofMinutes(5), ms(100), Duration.ofSeconds(10), Duration.ZERO);
            case 1 -> new Timing(1, 1.0 / 15, 0, 10, Duration.ofSeconds(15), ms(100), Duration.ofSeconds(10), Duration.ZERO);
            case 2 -> new Timing(2, 2.5, 0, 10, Duration.ofSeconds(1), ms(100), Duration.ofSeconds(10), Duration.ZERO);
            case 3 -> new Timing(3, 100_000, 0, 10, Duration.ofSeconds(1), ms(50), Duration.ofSeconds(10), Duration.ZERO);
            case 4 -> new Timing(4, 300_000, 0, 6, ms(500), ms(50), ms(1250), Duration.ZERO);
            // nmap's T5 also gives up on a host after 15 min; the engine has no host timeout yet
            case 5 -> new Timing(5, 1_000_000, 0, 2, ms(250), ms(50), ms(300), Duration.ZERO);
            default -> throw new IllegalArgumentException("timing level " + level);
        };
    }

    /** The template level for "0".."5" or a name (paranoid..insane, any case); -1 if neither. */
    public static int levelOf(String text) {
        if (text.length() == 1 && text.charAt(0) >= '0' && text.charAt(0) <= '5') {
            return text.charAt(0) - '0';
        }
        String lower = text.toLowerCase(Locale.ROOT);
        for (int i = 0; i < NAMES.length; i++) {
            if (NAMES[i].equals(lower)) {
                return i;
            }
        }
        return -1;
    }

    /** nmap's name of the template ("normal" for T3). */
    public String name() {
        return NAMES[level];
    }

    public Timing withRate(double rate, double minRate) {
        return new Timing(level, rate, minRate, maxRetries, initialRtt, minRtt, maxRtt, hostTimeout);
    }

    public Timing withMaxRetries(int retries) {
        return new Timing(level, rate, minRate, retries, initialRtt, minRtt, maxRtt, hostTimeout);
    }

    public Timing withHostTimeout(Duration timeout) {
        return new Timing(level, rate, minRate, maxRetries, initialRtt, minRtt, maxRtt, timeout);
    }

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }
}
