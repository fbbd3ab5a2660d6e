package org.synscan.cli;

import java.io.InputStream;
import java.security.SecureRandom;
import java.util.function.LongSupplier;
import org.synscan.plan.ScanRunner;
import org.synscan.target.HostResolver;
import org.synscan.target.Services;

/**
 * What the command needs from the outside world, injectable so tests run without DNS, system
 * files or a network.
 *
 * @param stdin      read by "-iL -"
 * @param resolver   forward name resolution for hostname targets
 * @param services   port names and popularity
 * @param runner     runs real scans (the engine)
 * @param randomSeed the seed when --seed is not given
 */
public record CliContext(InputStream stdin, HostResolver resolver, Services services, ScanRunner runner,
        LongSupplier randomSeed) {

    /** The real machine: System.in, the OS resolver, /etc/services and nmap-services, a secure random seed. */
    public static CliContext system(ScanRunner runner) {
        return new CliContext(System.in, HostResolver.system(), Services.system(), runner, () -> Seeds.RANDOM.nextLong());
    }

    /** Made on first use (or by {@link Preload}): setting up the security provider takes milliseconds. */
    static final class Seeds {
        static final SecureRandom RANDOM = new SecureRandom();

        private Seeds() {
        }
    }

    public CliContext withRunner(ScanRunner r) {
        return new CliContext(stdin, resolver, services, r, randomSeed);
    }
}
