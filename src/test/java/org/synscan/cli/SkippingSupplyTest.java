package org.synscan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.synscan.engine.NextProbe;
import org.synscan.engine.OrderSupply;
import org.synscan.output.ResumeState;
import org.synscan.plan.ScanPlan;
import org.synscan.result.PortResult;
import org.synscan.result.PortState;
import org.synscan.result.Reason;

class SkippingSupplyTest {
    private final Cli cli = new Cli();

    static List<String> drain(org.synscan.engine.ProbeSupply s) {
        List<String> out = new ArrayList<>();
        NextProbe p = new NextProbe();
        while (s.next(p)) {
            out.add(p.hi + "/" + p.lo + "/" + p.protocol + "/" + p.port);
        }
        return out;
    }

    @Test
    void yieldsTheSameOrderWithoutTheSettledProbesForBothFamilies() {
        for (String[] args : new String[][] {{"198.18.0.0/28", "-p", "T:20-40,U:53,161", "--seed", "3"},
            {"-6", "fd00:5ca0::/124", "-p", "1-50", "--seed", "4", "--shard", "2/3"}}) {
            ScanPlan plan = cli.plan(args);
            List<String> whole = drain(new OrderSupply(plan.newOrder()));
            // settle a random third, as an interrupted run would have
            Random random = new Random(11);
            List<ResumeState.Logged> done = new ArrayList<>();
            Set<String> settled = new HashSet<>();
            NextProbe p = new NextProbe();
            OrderSupply again = new OrderSupply(plan.newOrder());
            while (again.next(p)) {
                if (random.nextInt(3) == 0) {
                    done.add(new ResumeState.Logged(p.hi, p.lo,
                            new PortResult(p.protocol, p.port, PortState.CLOSED, Reason.RESET, 64)));
                    settled.add(p.hi + "/" + p.lo + "/" + p.protocol + "/" + p.port);
                }
            }
            assertTrue(settled.size() > 10);
            List<String> expected = new ArrayList<>(whole);
            expected.removeAll(settled);
            SkippingSupply resumed = new SkippingSupply(plan.newOrder(), done, done.size());
            assertEquals(expected, drain(resumed), String.join(" ", args));
            assertEquals(whole.size(), resumed.total());
        }
    }

    @Test
    void settledSetGrowsNothingAndFindsEveryKey() {
        SkippingSupply.Settled set = new SkippingSupply.Settled(1000);
        for (int i = 0; i < 1000; i++) {
            set.add(i % 3, 0xC6120000L + i, (i % 2) << 16 | i);
        }
        for (int i = 0; i < 1000; i++) {
            assertTrue(set.contains(i % 3, 0xC6120000L + i, (i % 2) << 16 | i));
            assertTrue(!set.contains(i % 3, 0xC6120000L + i, (1 - i % 2) << 16 | i));
        }
    }
}
