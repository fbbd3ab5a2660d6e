package org.synscan.doctor;

import java.io.PrintWriter;
import org.synscan.UsageException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** The {@code synscan doctor} command line. */
@Command(name = "synscan doctor", usageHelpWidth = 100, sortOptions = false,
        customSynopsis = "synscan doctor [-6] [-e IFACE] [TARGET]",
        description = {"Checks what a scan from here needs: libpcap (version and file), privileges and",
            "capabilities, interfaces with their addresses and link types, and for TARGET the kernel's",
            "route and synscan's next hop. Ends with what is missing, each with its fix.",
            "Without TARGET nothing is sent. With TARGET, finding the next hop's MAC may send one ARP",
            "request or IPv6 neighbour solicitation, as a scan of TARGET would.",
            ""},
        footerHeading = "%nEXAMPLES:%n",
        footer = {"  synscan doctor", "  sudo synscan doctor 198.18.0.2", "  sudo synscan doctor -6 fd00:5ca0::2",
            "", "Exit status: 0 nothing missing, 1 something missing, 2 bad usage."})
public final class DoctorCommand {
    @Parameters(arity = "0..1", paramLabel = "TARGET", description = "An address or host name to check the way to")
    String target;

    @Option(names = "-6", description = "Resolve TARGET to an IPv6 address")
    boolean ipv6;

    @Option(names = "-e", paramLabel = "IFACE", description = "Check the way out through this interface")
    String iface;

    @Option(names = "--debug", description = "Accepted like the scan's --debug (stack traces on errors)")
    boolean debug;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Print this help and exit")
    boolean help;

    private DoctorCommand() {
    }

    /** Runs {@code synscan doctor ARGS} (ARGS without the word doctor); returns the exit code. */
    public static int run(String[] args, PrintWriter out, String version) {
        return run(args, out, version, SystemView.system());
    }

    static int run(String[] args, PrintWriter out, String version, SystemView os) {
        DoctorCommand c = new DoctorCommand();
        CommandLine cl = new CommandLine(c);
        try {
            cl.parseArgs(args);
        } catch (ParameterException e) {
            String m = e.getMessage();
            throw new UsageException(Character.toLowerCase(m.charAt(0)) + m.substring(1)
                    + " (see synscan doctor --help)");
        }
        if (cl.isUsageHelpRequested()) {
            cl.setSeparator(" ");
            cl.usage(out);
            out.flush();
            return 0;
        }
        return new Doctor(os, out).examine(new Doctor.Request(c.target, c.ipv6, c.iface), version);
    }
}
