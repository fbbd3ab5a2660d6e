package org.synscan.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.synscan.UsageException;
import org.synscan.output.ResumeState;

/**
 * {@code synscan --resume FILE} runs the interrupted scan's own command line again, with its seed,
 * so the order, shard, exclusions, rate and outputs are the same; the plan then carries the resume
 * file and the engine skips what it settled. As with nmap, no other option may be given.
 */
final class ResumeArgs {
    private ResumeArgs() {
    }

    /** The arguments to parse: {@code args} itself unless it asks to resume. */
    static String[] expand(String[] args) {
        String file = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--resume")) {
                if (i + 1 >= args.length) {
                    throw new UsageException("--resume needs the resume file (see synscan --help)");
                }
                file = args[i + 1];
            } else if (args[i].startsWith("--resume=")) {
                file = args[i].substring("--resume=".length());
            }
        }
        if (file == null) {
            return args;
        }
        int given = args[0].startsWith("--resume=") ? 1 : 2;
        if (args.length != given) {
            throw new UsageException("--resume takes no other options: the scan continues with the options it was"
                    + " started with (synscan --resume " + file + ")");
        }
        ResumeState state = ResumeState.load(Path.of(file));
        List<String> out = new ArrayList<>(state.args());
        if (out.stream().noneMatch(a -> a.equals("--seed") || a.startsWith("--seed="))) {
            out.add("--seed");
            out.add(Long.toUnsignedString(state.seed()));
        }
        out.add("--resume");
        out.add(file);
        return out.toArray(String[]::new);
    }
}
