package org.synscan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.synscan.net.SendPath;
import org.synscan.plan.MacAddress;
import org.synscan.plan.OutputSpec;
import org.synscan.plan.OutputSpec.Format;
import org.synscan.plan.ScanPlan;
import org.synscan.plan.Timing;
import org.synscan.target.Shard;

class PlanTest {
    private final Cli cli = new Cli();

    @Test
    void defaults() {
        ScanPlan p = cli.plan("198.18.0.1");
        assertEquals(1, p.targets().size());
        assertEquals(1000, p.ports().size());
        assertEquals(0x5EED, p.seed());
        assertFalse(p.seedGiven());
        assertEquals(Shard.ALL, p.shard());
        assertEquals(Timing.template(3), p.timing());
        assertEquals(new ScanPlan.Network(Optional.empty(), Optional.empty(), OptionalInt.empty(), 64, Optional.empty(),
                Optional.empty(), SendPath.AUTO), p.network());
        assertEquals(List.of(), p.outputs());
        assertEquals(new ScanPlan.Display(0, false, false, false, false), p.display());
        assertEquals(Optional.empty(), p.resumeFile());
        assertFalse(p.ipv6());
    }

    @Test
    void everythingParsedLandsInThePlan() throws Exception {
        ScanPlan p = cli.plan("-6", "fd00:5ca0::/126", "-p", "22,U:53", "--seed", "18446744073709551615",
                "--shard", "1/2", "-T4", "--rate", "1234.5", "--min-rate", "100", "--max-retries", "0",
                "--host-timeout", "1.5m", "-e", "veth-x", "-S", "fd00:5ca0::99", "-g", "40000", "--ttl", "33",
                "--source-mac", "02-00-5E-10-00-01", "--router-mac", "020000000002", "--send-path", "PCAP", "-oN",
                "out.txt", "-vv",
                "--open", "--reason", "-n", "--debug");
        assertTrue(p.ipv6());
        assertEquals(4, p.targets().size());
        assertEquals("T:22,U:53", p.ports().toString());
        assertEquals(-1L, p.seed());
        assertTrue(p.seedGiven());
        assertEquals(new Shard(1, 2), p.shard());
        assertEquals(new Timing(4, 1234.5, 100, 0, Duration.ofMillis(500), Duration.ofMillis(50),
                Duration.ofMillis(1250), Duration.ofSeconds(90)), p.timing());
        assertEquals(new ScanPlan.Network(Optional.of("veth-x"), Optional.of(InetAddress.getByName("fd00:5ca0::99")),
                OptionalInt.of(40000), 33, MacAddress.parse("02:00:5e:10:00:01"), MacAddress.parse("02:00:00:00:00:02"),
                SendPath.PCAP), p.network());
        assertEquals(List.of(new OutputSpec(Format.NORMAL, "out.txt")), p.outputs());
        assertEquals(new ScanPlan.Display(2, true, true, true, true), p.display());
        assertEquals(8, p.space().size());
        assertEquals(4, p.newOrder().count());
    }

    @Test
    void timingTemplatesFollowTheDocumentedTable() {
        double[] rates = {1.0 / 300, 1.0 / 15, 2.5, 100_000, 300_000, 1_000_000};
        int[] retries = {10, 10, 10, 10, 6, 2};
        String[] names = {"paranoid", "sneaky", "polite", "normal", "aggressive", "insane"};
        for (int level = 0; level <= 5; level++) {
            Timing t = cli.plan("198.18.0.1", "-T" + level).timing();
            assertEquals(rates[level], t.rate(), 1e-9);
            assertEquals(retries[level], t.maxRetries());
            assertEquals(names[level], t.name());
            assertEquals(level, Timing.levelOf(names[level]));
            assertTrue(t.minRtt().compareTo(t.maxRtt()) < 0);
        }
        assertEquals(Duration.ZERO, Timing.template(5).hostTimeout(), "no host timeout until the engine has one");
        assertEquals(Duration.ZERO, Timing.template(4).hostTimeout());
    }

    @Test
    void minRateRaisesTheTemplateRate() {
        assertEquals(500, cli.plan("198.18.0.1", "-T2", "--min-rate", "500").timing().rate());
        assertEquals(500, cli.plan("198.18.0.1", "-T2", "--min-rate", "500").timing().minRate());
        assertEquals(100_000, cli.plan("198.18.0.1", "--min-rate", "5").timing().rate());
        assertEquals(0.5, cli.plan("198.18.0.1", "--rate", ".5").timing().rate());
    }

    @Test
    void hostTimeoutSpellings() {
        assertEquals(Duration.ofMillis(500), cli.plan("198.18.0.1", "--host-timeout", "500ms").timing().hostTimeout());
        assertEquals(Duration.ofSeconds(30), cli.plan("198.18.0.1", "--host-timeout", "30").timing().hostTimeout());
        assertEquals(Duration.ofHours(2), cli.plan("198.18.0.1", "--host-timeout", "2h").timing().hostTimeout());
        assertEquals(Duration.ZERO, cli.plan("198.18.0.1", "-T5", "--host-timeout", "0").timing().hostTimeout());
    }

    @Test
    void allOutputsExpands() {
        // -oA is refused for now, so look at the builder directly
        ScanCommand c = new ScanCommand();
        c.positional.add("198.18.0.1");
        c.output.all = "base";
        c.output.json = "-";
        ScanPlan p = new PlanBuilder(c, cli.context()).build();
        assertEquals(List.of(new OutputSpec(Format.JSON, "-"), new OutputSpec(Format.NORMAL, "base.nmap"),
                new OutputSpec(Format.XML, "base.xml"), new OutputSpec(Format.GREPABLE, "base.gnmap")), p.outputs());
        c.output.normal = "-";
        assertEquals("only one output format can go to standard output ('-')",
                org.junit.jupiter.api.Assertions.assertThrows(org.synscan.UsageException.class,
                        () -> new PlanBuilder(c, cli.context()).build()).getMessage());
        c.output.normal = null;
        c.output.all = "-";
        assertEquals("-oA -: needs a base file name (stdout cannot hold three formats)",
                org.junit.jupiter.api.Assertions.assertThrows(org.synscan.UsageException.class,
                        () -> new PlanBuilder(c, cli.context()).build()).getMessage());
        c.output.all = null;
        c.output.resume = "r.dat";
        assertEquals(Optional.of(Path.of("r.dat")), new PlanBuilder(c, cli.context()).build().resumeFile());
    }

    @Test
    void macAddresses() {
        assertEquals("02:00:5e:10:00:01", MacAddress.parse("02:00:5E:10:00:01").orElseThrow().toString());
        assertEquals(6, MacAddress.parse("ffffffffffff").orElseThrow().bytes().length);
        assertEquals((byte) 0x5e, MacAddress.parse("02:00:5e:10:00:01").orElseThrow().bytes()[2]);
        for (String bad : new String[] {"02:00:5e:10:00", "02:00:5e:10:00:0g", "02:00-5e:10:00:01", "", "0200.5e10.0001"}) {
            assertTrue(MacAddress.parse(bad).isEmpty(), bad);
        }
    }
}
