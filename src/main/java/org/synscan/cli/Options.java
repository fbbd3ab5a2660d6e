package org.synscan.cli;

import static org.synscan.cli.FlagSpecs.flag;
import static org.synscan.cli.FlagSpecs.group;
import static org.synscan.cli.FlagSpecs.repeatable;
import static org.synscan.cli.FlagSpecs.text;

import picocli.CommandLine.Model.ArgGroupSpec;

/**
 * The flags, grouped as nmap's --help groups them: each group's fields and, in {@code spec()}, their
 * picocli model (see {@link FlagSpecs} for why not annotations). Values stay strings here:
 * {@link PlanBuilder} validates them so every bad value gets one line naming the flag and the value.
 */
final class Options {
    private Options() {
    }

    static final class Targets {
        String inputFile;
        String exclude;
        String excludeFile;

        ArgGroupSpec spec() {
            return group(1, "%nTARGET SPECIFICATION:%n"
                        + "  Hostnames, IPv4/IPv6 addresses, CIDR networks and ranges, e.g.%n"
                        + "  scanme.example, 198.18.0.0/24, 198.18.0-3.1-254, 198.18.0.1-198.18.1.5, fd00:5ca0::/120%n",
                text("-iL", "FILE", () -> inputFile, v -> inputFile = v,
                        "Read targets from FILE ('-' = stdin); several per line, '#' comments"),
                text("--exclude", "HOST[,HOST...]", () -> exclude, v -> exclude = v,
                        "Exclude hosts/networks"),
                text("--excludefile", "FILE", () -> excludeFile, v -> excludeFile = v,
                        "Exclude the targets listed in FILE"));
        }
    }

    static final class Ports {
        String ports;
        String excludePorts;
        boolean fast;
        String topPorts;

        ArgGroupSpec spec() {
            return group(2, "%nPORT SPECIFICATION AND SCAN ORDER:%n",
                text("-p", "PORTS", () -> ports, v -> ports = v,
                        "Only scan these ports, e.g. -p 22; -p 1-65535; -p- (all);",
                        "-p -1024; -p 60000-; -p ssh,http; -p T:80,443,U:53 (U: scans UDP even without -sU)"),
                text("--exclude-ports", "PORTS", () -> excludePorts, v -> excludePorts = v,
                        "Exclude these ports from scanning"),
                flag("-F", () -> fast, v -> fast = v,
                        "Fast mode: scan the 100 most common ports"),
                text("--top-ports", "N", () -> topPorts, v -> topPorts = v,
                        "Scan the N most common ports (default: 1000)"));
        }
    }

    static final class Techniques {
        boolean syn;
        boolean udp;
        boolean list;
        boolean noPing;

        ArgGroupSpec spec() {
            return group(3, "%nSCAN TECHNIQUES:%n",
                flag("-sS", () -> syn, v -> syn = v,
                        "TCP SYN scan (the default)"),
                flag("-sU", () -> udp, v -> udp = v,
                        "UDP scan (alone: only UDP; with -sS: both)"),
                flag("-sL --list-targets", () -> list, v -> list = v,
                        "List every probe in scan order (ADDRESS PROTO PORT) and send nothing"),
                flag("-Pn", () -> noPing, v -> noPing = v,
                        "Accepted for nmap compatibility: synscan never pings first"));
        }
    }

    static final class Timing {
        String template;
        String rate;
        String minRate;
        String maxRetries;
        String hostTimeout;

        ArgGroupSpec spec() {
            return group(4, "%nTIMING AND PERFORMANCE:%n",
                text("-T", "<0-5>", () -> template, v -> template = v,
                        "Timing template: -T0 paranoid .. -T3 normal (default) .. -T5 insane"),
                text("--rate", "PPS", () -> rate, v -> rate = v,
                        "Send this many packets per second"),
                text("--min-rate", "PPS", () -> minRate, v -> minRate = v,
                        "Never send slower than this"),
                text("--max-retries", "N", () -> maxRetries, v -> maxRetries = v,
                        "Retransmit an unanswered probe at most N times (0-50)"),
                text("--host-timeout", "TIME", () -> hostTimeout, v -> hostTimeout = v,
                        "Give up on a host after TIME (e.g. 500ms, 30s, 5m, 1h; 0 = never)"));
        }
    }

    static final class Spoofing {
        String iface;
        String sourceAddress;
        String sourcePort;
        String ttl;
        String sourceMac;
        String routerMac;
        String sendPath;

        ArgGroupSpec spec() {
            return group(5, "%nFIREWALL/IDS EVASION AND SPOOFING:%n",
                text("-e", "IFACE", () -> iface, v -> iface = v,
                        "Send and capture on this interface"),
                text("-S", "ADDR", () -> sourceAddress, v -> sourceAddress = v,
                        "Use this source address"),
                text("-g --source-port", "PORT", () -> sourcePort, v -> sourcePort = v,
                        "Use this source port"),
                text("--ttl", "N", () -> ttl, v -> ttl = v,
                        "IP time-to-live / hop limit (1-255)"),
                text("--source-mac", "MAC", () -> sourceMac, v -> sourceMac = v,
                        "Use this source MAC address"),
                text("--router-mac", "MAC", () -> routerMac, v -> routerMac = v,
                        "Send every probe to this next-hop MAC address"),
                text("--send-path", "PATH", () -> sendPath, v -> sendPath = v,
                        "How frames leave: auto (default: "
                        + "batches through sendmmsg where the system has them, else libpcap), batch, or pcap (one "
                        + "pcap_sendpacket per frame)"));
        }
    }

    static final class Output {
        String normal;
        String xml;
        String grepable;
        String json;
        String all;
        boolean[] verbose = new boolean[0];
        boolean open;
        boolean reason;
        String statsEvery;
        boolean noDns;
        String resume;

        ArgGroupSpec spec() {
            return group(6, "%nOUTPUT:%n",
                text("-oN", "FILE", () -> normal, v -> normal = v,
                        "Normal output to FILE ('-' = stdout)"),
                text("-oX", "FILE", () -> xml, v -> xml = v,
                        "XML output to FILE (nmap's DTD; ndiff reads it)"),
                text("-oG", "FILE", () -> grepable, v -> grepable = v,
                        "Grepable output to FILE"),
                text("-oJ", "FILE", () -> json, v -> json = v,
                        "JSON lines output to FILE: a header, one object per port result, a summary"),
                text("-oA", "BASE", () -> all, v -> all = v,
                        "Normal, XML and grepable output to BASE.nmap, BASE.xml, BASE.gnmap"),
                repeatable("-v", () -> verbose, v -> verbose = v,
                        "Increase verbosity (-vv for more)"),
                flag("--open", () -> open, v -> open = v,
                        "Only show open (or possibly open) ports"),
                flag("--reason", () -> reason, v -> reason = v,
                        "Show why each port is in its state"),
                text("--stats-every", "TIME", () -> statsEvery, v -> statsEvery = v,
                        "Print a progress line every TIME "
                        + "(e.g. 10s, 1m) when standard error is not a terminal (default: 10s with -v, else never);"
                        + " on a terminal a status line is always shown"),
                flag("-n", () -> noDns, v -> noDns = v,
                        "Never do reverse DNS resolution"),
                text("--resume", "FILE", () -> resume, v -> resume = v,
                        "Continue an interrupted scan from its "
                        + "resume file (written on Ctrl-C and every second while scanning; no other options)"));
        }
    }

    static final class Misc {
        boolean ipv6;
        String seed;
        String shard;
        boolean debug;
        boolean version;
        boolean help;

        ArgGroupSpec spec() {
            return group(7, "%nMISC:%n",
                flag("-6", () -> ipv6, v -> ipv6 = v,
                        "Scan IPv6 targets (names resolve to AAAA)"),
                text("--seed", "N", () -> seed, v -> seed = v,
                        "Seed of the probe order (same seed, same order; default: random)"),
                text("--shard", "I/N", () -> shard, v -> shard = v,
                        "Send only shard I of N (needs --seed; "
                        + "N machines with shards 1/N..N/N cover the scan once)"),
                flag("--debug", () -> debug, v -> debug = v,
                        "Show stack traces and internals"),
                flag("-V --version", () -> version, v -> version = v,
                        "Print the version and exit").toBuilder().versionHelp(true).build(),
                flag("-h --help", () -> help, v -> help = v,
                        "Print this help and exit").toBuilder().usageHelp(true).build());
        }
    }
}
