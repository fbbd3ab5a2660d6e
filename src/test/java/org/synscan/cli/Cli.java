package org.synscan.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.synscan.plan.ScanPlan;
import org.synscan.plan.ScanRunner;
import org.synscan.target.Fixtures;

/** Runs synscan in-process with captured output, fixture services, a fake resolver and a recording engine. */
final class Cli {
    /** Plans the fake engine was given. */
    final List<ScanPlan> plans = new ArrayList<>();
    ScanRunner runner = (plan, out, err) -> {
        plans.add(plan);
        return 0;
    };
    long seed = 0x5EED;
    InputStream stdin = Fixtures.stdin("");

    record Result(int code, String out, String err) {
        List<String> lines() {
            return out.isEmpty() ? List.of() : List.of(out.split("\n"));
        }
    }

    CliContext context() {
        return new CliContext(stdin, Fixtures.resolver(), Fixtures.services(), (p, o, e) -> runner.run(p, o, e),
                () -> seed);
    }

    Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err), context());
        return new Result(code, out.toString(), err.toString());
    }

    ScanPlan plan(String... args) {
        Result r = run(args);
        if (r.code != 0 || plans.isEmpty()) {
            throw new AssertionError("exit " + r.code + ": " + r.err);
        }
        return plans.remove(plans.size() - 1);
    }
}
