package org.synscan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * The man page and the shell completion in docs/ are generated from the command's picocli model:
 * this test regenerates them on every build and fails when the committed files are stale. After
 * changing a flag, run {@code mvn test -Dtest=DocsTest -Dsynscan.updateDocs=true} and commit docs/.
 */
class DocsTest {
    static final Path DOCS = Path.of("docs");

    static CommandLine model() {
        return Main.usageModel(Main.commandLine(new ScanCommand()));
    }

    static void assertCurrent(String name, String generated) throws IOException {
        Path file = DOCS.resolve(name);
        if (Boolean.getBoolean("synscan.updateDocs")) {
            Files.writeString(file, generated, StandardCharsets.UTF_8);
        }
        assertTrue(Files.exists(file), file + " is missing: run mvn test -Dtest=DocsTest -Dsynscan.updateDocs=true");
        assertEquals(Files.readString(file, StandardCharsets.UTF_8), generated,
                file + " is stale: run mvn test -Dtest=DocsTest -Dsynscan.updateDocs=true and commit docs/");
    }

    @Test
    void manPageSourceIsCurrent() throws IOException {
        StringWriter w = new StringWriter();
        try (PrintWriter out = new PrintWriter(w)) {
            ManPageGenerator.writeSingleManPage(out, model().getCommandSpec());
        }
        assertCurrent("synscan.adoc", w.toString());
    }

    @Test
    void manPageIsCurrentAndRendersWithMan() throws Exception {
        String troff = ManPage.render(model().getCommandSpec());
        assertCurrent("synscan.1", troff);
        Path man = Path.of("/usr/bin/man");
        Assumptions.assumeTrue(Files.isExecutable(man), "man is not installed");
        Process p = new ProcessBuilder("man", "-l", "-P", "cat", DOCS.resolve("synscan.1").toString())
                .redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        Assumptions.assumeTrue(p.exitValue() == 0 || !text.contains("SYNOPSIS"), "man cannot format here: " + text);
        for (String part : new String[] {"SYNOPSIS", "TARGET SPECIFICATION", "--resume", "EXAMPLES", "EXIT STATUS"}) {
            assertTrue(text.contains(part), "the man page lacks " + part + ":\n" + text);
        }
    }

    @Test
    void completionIsCurrentAndLoadsInBash() throws Exception {
        String script = AutoComplete.bash("synscan", model());
        assertCurrent("synscan-completion.bash", script);
        // bash sources it and completes a flag prefix (zsh loads the same script through bashcompinit)
        Path bash = Path.of("/bin/bash");
        Assumptions.assumeTrue(Files.isExecutable(bash), "bash missing");
        String probe = "source " + DOCS.resolve("synscan-completion.bash") + "\n"
                + "COMP_WORDS=(synscan --res); COMP_CWORD=1; COMP_LINE='synscan --res'; COMP_POINT=${#COMP_LINE}\n"
                + "_complete_synscan synscan --res synscan; echo \"${COMPREPLY[@]}\"\n";
        Process p = new ProcessBuilder("/bin/bash", "-c", probe).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertTrue(out.contains("--resume"), out);
    }
}
