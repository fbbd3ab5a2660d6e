package org.synscan.cli;

import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.synscan.ScanFailure;
import org.synscan.UsageException;
import org.synscan.local.LocalCommand;
import org.synscan.doctor.DoctorCommand;
import org.synscan.net.ChildCapabilities;
import org.synscan.plan.ScanRunner;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/** Entry point: runs the command and turns every failure into one stderr line and an exit code. */
public final class Main {
    public static final String VERSION = "0.1.0";

    private Main() {
    }

    public static void main(String[] args) {
        EngineRunner.trace("main");
        // The descriptor, not System.out: a PrintStream swallows write errors, so "| head" would go unnoticed.
        PrintWriter out = new PrintWriter(new BufferedWriter(
                new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8), 1 << 16));
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        // before this thread starts any other: threads copy their creator's capability sets
        try {
            ChildCapabilities.dropInheritable();
        } catch (ScanFailure e) {
            System.exit(fail(err, Arrays.asList(args).contains("--debug"), e, e.getMessage(), 1));
        } catch (LinkageError e) {
            System.exit(fail(err, Arrays.asList(args).contains("--debug"), e,
                    "cannot keep capabilities from the programs synscan starts: " + e, 1));
        }
        CliContext system = CliContext.system(ScanRunner.NOT_IMPLEMENTED);
        int code = run(args, out, err, system.withRunner(new EngineRunner(system.services(), args)));
        out.flush();
        err.flush();
        EngineRunner.trace("exit");
        System.exit(code);
    }

    /**
     * Runs synscan in-process; returns the exit code instead of exiting: 0 done, 1 runtime failure,
     * 2 usage error.
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err, CliContext ctx) {
        boolean debug = Arrays.asList(args).contains("--debug");
        try {
            if (args.length > 0 && args[0].equals("demo")) {
                return new DemoCommand(DemoCommand.home(), out, err).run();
            }
            if (args.length > 0 && args[0].equals("doctor")) {
                return DoctorCommand.run(Arrays.copyOfRange(args, 1, args.length), out, VERSION);
            }
            if (args.length > 0 && args[0].equals("merge")) {
                return MergeCommand.run(Arrays.copyOfRange(args, 1, args.length), ctx.services(), out, err);
            }
            if (args.length > 0 && args[0].equals("local")) {
                return new LocalCommand(ctx.services(), out, err).run(Arrays.copyOfRange(args, 1, args.length));
            }
            if (ctx.runner() instanceof EngineRunner) {
                Preload.start();
            }
            args = ResumeArgs.expand(args);
            ScanCommand command = new ScanCommand();
            CommandLine cl = commandLine(command);
            cl.setOut(out);
            cl.setErr(err);
            ParseResult parsed = cl.parseArgs(normalize(args));
            if (args.length == 0 || cl.isUsageHelpRequested()) {
                usageModel(cl).usage(out);
                out.flush();
                return 0;
            }
            if (cl.isVersionHelpRequested()) {
                out.println("synscan " + VERSION);
                out.flush();
                return 0;
            }
            EngineRunner.trace("parsed");
            int code = command.execute(parsed, ctx, out, err);
            out.flush();
            return code;
        } catch (ParameterException e) {
            return fail(err, debug, e, message(e) + " (see synscan --help)", 2);
        } catch (UsageException e) {
            return fail(err, debug, e, e.getMessage(), 2);
        } catch (ScanFailure e) {
            return fail(err, debug, e, e.getMessage(), 1);
        } catch (Exception | OutOfMemoryError | StackOverflowError e) {
            String what = e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getClass().getSimpleName() + ": " + e.getMessage();
            return fail(err, debug, e, "internal error: " + what + (debug ? "" : " (rerun with --debug for details)"), 1);
        } finally {
            out.flush();
        }
    }

    /** The parser for {@code command}, set up for nmap's conventions. */
    static CommandLine commandLine(ScanCommand command) {
        CommandLine cl = new CommandLine(command.spec());
        // nmap (getopt) takes the next word as a flag's value whatever it looks like; picocli would
        // otherwise read "-p -65535" as -p followed by the flag -6.
        cl.setAllowOptionsAsOptionParameters(true);
        return cl;
    }

    /** The model as help, the man page and completion show it. */
    static CommandLine usageModel(CommandLine cl) {
        // Parsing accepts "--rate=5" and "--rate 5"; help shows nmap's spelling.
        cl.setSeparator(" ");
        return cl;
    }

    private static int fail(PrintWriter err, boolean debug, Throwable e, String message, int code) {
        if (debug) {
            e.printStackTrace(err);
        }
        err.println("synscan: " + oneLine(message));
        err.flush();
        return code;
    }

    private static String message(ParameterException e) {
        if (e instanceof UnmatchedArgumentException u) {
            for (String arg : u.getUnmatched()) {
                if (arg.matches("-s[A-Z]+")) {
                    return arg + " is not supported: synscan scans with -sS (TCP SYN) and -sU (UDP)";
                }
            }
        }
        String m = e.getMessage();
        return m.isEmpty() ? m : Character.toLowerCase(m.charAt(0)) + m.substring(1);
    }

    /**
     * One line, and a safe one: messages quote what the user gave (arguments, file contents), and
     * a control character there must be shown (\x1b), not sent to the terminal.
     */
    static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        String line = s.strip().replaceAll("\\s*[\\r\\n]+\\s*", "; ");
        StringBuilder out = new StringBuilder(line.length());
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c < 0x20 || (c >= 0x7F && c < 0xA0)) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** nmap spellings picocli cannot take as-is: "-sSU" means -sS -sU. */
    static String[] normalize(String[] args) {
        List<String> out = new ArrayList<>(args.length);
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--")) {
                out.addAll(Arrays.asList(args).subList(i, args.length));
                break;
            }
            if (a.equals("-sSU") || a.equals("-sUS")) {
                out.add("-sS");
                out.add("-sU");
            } else {
                out.add(a);
            }
        }
        return out.toArray(String[]::new);
    }
}
