package org.synscan.cli;

import java.util.List;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A troff man page (man(7) macros) from the picocli model: the sections of --help, so the two never
 * disagree. picocli-codegen writes the AsciiDoc source beside it; this one needs no asciidoctor.
 */
final class ManPage {
    private ManPage() {
    }

    static String render(CommandSpec spec) {
        StringBuilder m = new StringBuilder();
        m.append(".\\\" Generated from synscan's command model by DocsTest; do not edit.\n");
        m.append(".TH SYNSCAN 1 \"\" \"synscan ").append(Main.VERSION).append("\" \"User Commands\"\n");
        m.append(".SH NAME\nsynscan \\- ").append(text(spec.usageMessage().description()[0])).append('\n');
        m.append(".SH SYNOPSIS\n.B synscan\n[\\fIScan Type(s)\\fR] [\\fIOptions\\fR] {\\fItarget specification\\fR}\n");
        m.append(".SH DESCRIPTION\n").append(text(String.join(" ", spec.usageMessage().description()))).append('\n');
        m.append("It sends probes from raw packets, reads the replies with libpcap, and reports ports with nmap's"
                + " states and reasons, in nmap's normal, XML and grepable formats and as JSON lines.\n");
        for (ArgGroupSpec group : spec.argGroups()) {
            String[] heading = group.heading().replace("%n", "\n").strip().split("\n");
            m.append(".SH ").append(text(heading[0].replaceAll(":$", ""))).append('\n');
            for (int i = 1; i < heading.length; i++) {
                m.append(text(heading[i].strip())).append('\n');
            }
            for (OptionSpec o : group.options()) {
                m.append(".TP\n.B ").append(text(String.join(", ", o.names())));
                if (o.arity().max() > 0) {
                    m.append(" \\fI").append(text(o.paramLabel())).append("\\fR");
                }
                m.append('\n').append(text(String.join(" ", o.description()))).append('\n');
            }
        }
        List<String> footer = List.of(spec.usageMessage().footer());
        m.append(".SH EXAMPLES\n");
        int i = 0;
        for (; i < footer.size() && !footer.get(i).isEmpty(); i++) {
            String line = footer.get(i);
            if (line.startsWith("  sudo") || line.startsWith("  synscan")) {
                String[] parts = line.strip().split("\\s{2,}", 2);
                m.append(".TP\n.B ").append(text(parts[0])).append('\n');
                if (parts.length > 1) {
                    m.append(text(parts[1])).append('\n');
                }
            } else {
                m.append(text(line.strip())).append('\n');
            }
        }
        StringBuilder notes = new StringBuilder();
        String exit = "";
        for (; i < footer.size(); i++) {
            String line = footer.get(i);
            if (line.startsWith("Exit status:")) {
                exit = line.substring("Exit status:".length()).strip();
            } else if (!line.isEmpty()) {
                notes.append(text(line)).append('\n');
            }
        }
        m.append(".SH NOTES\n").append(notes);
        m.append(".SH EXIT STATUS\n").append(text(exit)).append('\n');
        m.append(".SH SEE ALSO\n.BR nmap (1),\n.BR ndiff (1)\n");
        return m.toString();
    }

    /** Escapes troff: backslashes, hyphens (so they copy as ASCII), a leading dot or quote. */
    static String text(String s) {
        String t = s.replace("%n", " ").replace("\\", "\\e").replace("-", "\\-");
        return t.startsWith(".") || t.startsWith("'") ? "\\&" + t : t;
    }

}
