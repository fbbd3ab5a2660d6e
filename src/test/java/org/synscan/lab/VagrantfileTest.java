package org.synscan.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Vagrant lab cannot boot here (no hypervisor), so this checks what can be checked: Ruby syntax,
 * {@code vagrant validate} (every machine's network, synced folder and provisioner settings; the
 * libvirt provider's settings with the vagrant-libvirt plugin), and that the Vagrantfile and lab.sh
 * agree on the lab. The provisioning itself (lab.sh vm-up) runs for real in VagrantLabIT.
 * Without ruby or vagrant the test is skipped, or fails when env CI is set.
 */
class VagrantfileTest {
    private static final Pattern CONSTANT = Pattern.compile("(?m)^([A-Z_]+) = \"([^\"]*)\"");
    private static final Pattern INLINE = Pattern.compile("inline: \"(/vagrant/native-setup/[^ \"]+)([^\"]*)\"");
    private static final Pattern SHELL_VAR = Pattern.compile("(?m)(?:^|(?<= ))([A-Z0-9_]+)=([0-9][^\\s]*)");

    @TempDir
    Path tmp;

    private static Path vagrantfile() {
        return Lab.home().resolve("Vagrantfile");
    }

    @Test
    void rubySyntaxIsValid() throws Exception {
        Lab.requireTool("ruby");
        Result r = run(List.of("ruby", "-c", vagrantfile().toString()), Map.of());
        assertEquals(0, r.code, r.output);
        assertTrue(r.output.contains("Syntax OK"), r.output);
    }

    @Test
    void vagrantValidatesBothMachines() throws Exception {
        Lab.requireTool("vagrant");
        Result r = vagrant(Lab.home(), "validate", "--ignore-provider");
        assertEquals(0, r.code, r.output);
        assertTrue(r.output.contains("Vagrantfile validated successfully"), r.output);
        assertTrue(r.output.contains("target:") && r.output.contains("scanner:"), "both machines: " + r.output);
    }

    @Test
    void vagrantValidatesTheLibvirtSettings() throws Exception {
        Lab.requireTool("vagrant");
        Lab.require(libvirtPlugin(), "the vagrant-libvirt plugin is missing (native-setup/install-deps.sh --test)");
        Result r = vagrantWithProvider(Lab.home(), "libvirt");
        assertEquals(0, r.code, r.output);
        assertTrue(r.output.contains("Vagrantfile validated successfully"), r.output);

        // and the same check rejects a broken libvirt block, so the pass above means something
        Path broken = Files.createDirectories(tmp.resolve("broken"));
        String text = Files.readString(vagrantfile());
        assertTrue(text.contains("lv.cpus = "), "the Vagrantfile sets lv.cpus");
        Files.writeString(broken.resolve("Vagrantfile"), text.replace("lv.cpus = ", "lv.cpuz = "));
        Result bad = vagrantWithProvider(broken, "libvirt");
        assertFalse(bad.code == 0, bad.output);
        assertTrue(bad.output.contains("cpuz"), bad.output);
    }

    @Test
    void addressesAndBoxAgreeWithLabSh() throws Exception {
        Map<String, String> vf = constants(CONSTANT, Files.readString(vagrantfile()));
        Map<String, String> lab = constants(SHELL_VAR, Files.readString(Lab.script()));
        assertEquals(lab.get("SCAN4"), vf.get("SCANNER_IP"), "scanner address in Vagrantfile and lab.sh");
        assertEquals(lab.get("TGT4"), vf.get("TARGET_IP"), "target address in Vagrantfile and lab.sh");
        assertEquals("24", lab.get("PREFIX4"), "the Vagrantfile's netmask is 255.255.255.0");
        assertEquals("debian/bookworm64", vf.get("BOX"));
        assertTrue(vf.getOrDefault("BOX_VERSION", "").matches("\\d+\\.\\d{8}\\.\\d+"),
                "the box is pinned to one version: " + vf.get("BOX_VERSION"));
    }

    @Test
    void provisionersRunScriptsThatExist() throws Exception {
        Matcher m = INLINE.matcher(Files.readString(vagrantfile()));
        Set<String> commands = new LinkedHashSet<>();
        while (m.find()) {
            Path script = Lab.home().resolve(m.group(1).substring("/vagrant/".length()));
            assertTrue(Files.isExecutable(script), script + " is executable");
            commands.add(script.getFileName() + m.group(2));
        }
        assertEquals(Set.of("install-deps.sh --lab", "install-deps.sh --build --lab", "lab.sh vm-up target",
                "lab.sh vm-up scanner"), commands);
    }

    private static Map<String, String> constants(Pattern p, String text) {
        Map<String, String> out = new java.util.HashMap<>();
        Matcher m = p.matcher(text);
        while (m.find()) {
            out.putIfAbsent(m.group(1), m.group(2));
        }
        return out;
    }

    private boolean libvirtPlugin() throws Exception {
        Result r = vagrantIn(Lab.home(), Map.of(), "plugin", "list");
        return r.code == 0 && r.output.lines().anyMatch(l -> l.startsWith("vagrant-libvirt "));
    }

    private Result vagrantWithProvider(Path dir, String provider) throws Exception {
        return vagrantIn(dir, Map.of("VAGRANT_DEFAULT_PROVIDER", provider), "validate");
    }

    private Result vagrant(Path dir, String... args) throws Exception {
        return vagrantIn(dir, Map.of(), args);
    }

    /** vagrant with its state in a temporary directory: nothing is written to the repository or ~. */
    private Result vagrantIn(Path dir, Map<String, String> extra, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("vagrant"));
        cmd.addAll(List.of(args));
        Map<String, String> env = new java.util.HashMap<>(extra);
        env.put("VAGRANT_CWD", dir.toString());
        env.put("VAGRANT_HOME", tmp.resolve("vagrant-home").toString());
        env.put("VAGRANT_DOTFILE_PATH", tmp.resolve("dotfile-" + dir.getFileName()).toString());
        env.put("VAGRANT_CHECKPOINT_DISABLE", "1"); // never ask HashiCorp for updates
        env.put("VAGRANT_NO_COLOR", "1");
        return run(cmd, env);
    }

    private record Result(int code, String output) {
    }

    private static Result run(List<String> cmd, Map<String, String> env) throws IOException, InterruptedException {
        Path log = Files.createTempFile("synscan-vagrant", ".log");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", cmd) + " did not finish within 60 s");
            }
            return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
