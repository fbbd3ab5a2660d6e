package org.synscan.cli;

import picocli.CommandLine.Option;

/**
 * The flags, grouped as nmap's --help groups them. Values stay strings here: {@link PlanBuilder}
 * validates them so every bad value gets one line naming the flag and the value.
 */
final class Options {
    private Options() {
    }

    static final class Targets {
        @Option(names = "-iL", paramLabel = "FILE", description = "Read targets from FILE ('-' = stdin); "
                + "several per line, '#' comments")
        String inputFile;

        @Option(names = "--exclude", paramLabel = "HOST[,HOST...]", description = "Exclude hosts/networks")
        String exclude;

        @Option(names = "--excludefile", paramLabel = "FILE", description = "Exclude the targets listed in FILE")
        String excludeFile;
    }

    static final class Ports {
        @Option(names = "-p", paramLabel = "PORTS", description = {"Only scan these ports, e.g. -p 22; -p 1-65535; -p- (all);",
            "-p -1024; -p 60000-; -p ssh,http; -p T:80,443,U:53 (U: scans UDP even without -sU)"})
        String ports;

        @Option(names = "--exclude-ports", paramLabel = "PORTS", description = "Exclude these ports from scanning")
        String excludePorts;

        @Option(names = "-F", description = "Fast mode: scan the 100 most common ports")
        boolean fast;

        @Option(names = "--top-ports", paramLabel = "N", description = "Scan the N most common ports "
                + "(default: 1000)")
        String topPorts;
    }

    static final class Techniques {
        @Option(names = "-sS", description = "TCP SYN scan (the default)")
        boolean syn;

        @Option(names = "-sU", description = "UDP scan (alone: only UDP; with -sS: both)")
        boolean udp;

        @Option(names = {"-sL", "--list-targets"}, description = "List every probe in scan order "
                + "(ADDRESS PROTO PORT) and send nothing")
        boolean list;

        @Option(names = "-Pn", description = "Accepted for nmap compatibility: synscan never pings first")
        boolean noPing;
    }

    static final class Timing {
        @Option(names = "-T", paramLabel = "<0-5>", description = "Timing template: -T0 paranoid .. -T3 normal "
                + "(default) .. -T5 insane")
        String template;

        @Option(names = "--rate", paramLabel = "PPS", description = "Send this many packets per second")
        String rate;

        @Option(names = "--min-rate", paramLabel = "PPS", description = "Never send slower than this")
        String minRate;

        @Option(names = "--max-retries", paramLabel = "N", description = "Retransmit an unanswered probe "
                + "at most N times (0-50)")
        String maxRetries;

        @Option(names = "--host-timeout", paramLabel = "TIME", description = "Give up on a host after TIME "
                + "(e.g. 500ms, 30s, 5m, 1h; 0 = never)")
        String hostTimeout;
    }

    static final class Spoofing {
        @Option(names = "-e", paramLabel = "IFACE", description = "Send and capture on this interface")
        String iface;

        @Option(names = "-S", paramLabel = "ADDR", description = "Use this source address")
        String sourceAddress;

        @Option(names = {"-g", "--source-port"}, paramLabel = "PORT", description = "Use this source port")
        String sourcePort;

        @Option(names = "--ttl", paramLabel = "N", description = "IP time-to-live / hop limit (1-255)")
        String ttl;

        @Option(names = "--source-mac", paramLabel = "MAC", description = "Use this source MAC address")
        String sourceMac;

        @Option(names = "--router-mac", paramLabel = "MAC", description = "Send every probe to this "
                + "next-hop MAC address")
        String routerMac;

        @Option(names = "--send-path", paramLabel = "PATH", description = "How frames leave: auto (default: "
                + "batches through sendmmsg where the system has them, else libpcap), batch, or pcap (one "
                + "pcap_sendpacket per frame)")
        String sendPath;
    }

    static final class Output {
        @Option(names = "-oN", paramLabel = "FILE", description = "Normal output to FILE ('-' = stdout)")
        String normal;

        @Option(names = "-oX", paramLabel = "FILE", description = "XML output to FILE (nmap's DTD; ndiff reads it)")
        String xml;

        @Option(names = "-oG", paramLabel = "FILE", description = "Grepable output to FILE")
        String grepable;

        @Option(names = "-oJ", paramLabel = "FILE", description = "JSON lines output to FILE: a header, one object per port "
                + "result, a summary")
        String json;

        @Option(names = "-oA", paramLabel = "BASE", description = "Normal, XML and grepable output to "
                + "BASE.nmap, BASE.xml, BASE.gnmap")
        String all;

        @Option(names = "-v", description = "Increase verbosity (-vv for more)")
        boolean[] verbose = new boolean[0];

        @Option(names = "--open", description = "Only show open (or possibly open) ports")
        boolean open;

        @Option(names = "--reason", description = "Show why each port is in its state")
        boolean reason;

        @Option(names = "--stats-every", paramLabel = "TIME", description = "Print a progress line every TIME "
                + "(e.g. 10s, 1m) when standard error is not a terminal (default: 10s with -v, else never);"
                + " on a terminal a status line is always shown")
        String statsEvery;

        @Option(names = "-n", description = "Never do reverse DNS resolution")
        boolean noDns;

        @Option(names = "--resume", paramLabel = "FILE", description = "Continue an interrupted scan from its "
                + "resume file (written on Ctrl-C and every second while scanning; no other options)")
        String resume;
    }

    static final class Misc {
        @Option(names = "-6", description = "Scan IPv6 targets (names resolve to AAAA)")
        boolean ipv6;

        @Option(names = "--seed", paramLabel = "N", description = "Seed of the probe order (same seed, same "
                + "order; default: random)")
        String seed;

        @Option(names = "--shard", paramLabel = "I/N", description = "Send only shard I of N (needs --seed; "
                + "N machines with shards 1/N..N/N cover the scan once)")
        String shard;

        @Option(names = "--debug", description = "Show stack traces and internals")
        boolean debug;

        @Option(names = {"-V", "--version"}, versionHelp = true, description = "Print the version and exit")
        boolean version;

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Print this help and exit")
        boolean help;
    }
}
