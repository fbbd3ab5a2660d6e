package org.synscan.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.synscan.result.Protocol;
import org.synscan.target.Shard;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * docs/kubernetes/synscan-shards.yaml, the Indexed Job that spreads a scan over machines: read as
 * YAML and checked for what the shards rely on, then its container command run here once per
 * completion index, in the lab's scanner namespace, with the environment Kubernetes would give each
 * pod. The shards' results must be disjoint, their union must equal one full scan (the same
 * command as one shard of one), and every port must equal the truth.
 */
@ExtendWith(LabExtension.class)
class KubernetesShardsIT {
    static final Path MANIFEST = Lab.home().resolve("docs/kubernetes/synscan-shards.yaml");
    static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static Map<String, Object> job;

    @TempDir
    Path tmp;

    @BeforeAll
    static void readManifest() throws IOException {
        try (Reader r = Files.newBufferedReader(MANIFEST, StandardCharsets.UTF_8)) {
            job = new Yaml(new SafeConstructor(new LoaderOptions())).load(r);
        }
    }

    @SuppressWarnings("unchecked")
    static <T> T at(Object node, String... path) {
        Object cur = node;
        for (String key : path) {
            cur = key.matches("\\d+") ? ((List<Object>) cur).get(Integer.parseInt(key)) : ((Map<String, Object>) cur).get(key);
            if (cur == null) {
                throw new AssertionError(MANIFEST.getFileName() + " has no " + String.join(".", path));
            }
        }
        return (T) cur;
    }

    static Map<String, Object> container() {
        List<Object> containers = at(job, "spec", "template", "spec", "containers");
        assertEquals(1, containers.size(), "one container");
        return at(containers, "0");
    }

    /** The container's env list as a map, in order. */
    static Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        List<Map<String, Object>> list = at(container(), "env");
        for (Map<String, Object> e : list) {
            env.put((String) e.get("name"), String.valueOf(e.get("value")));
        }
        return env;
    }

    @Test
    void manifestIsAnIndexedJobWithOnlyNetRaw() {
        assertEquals("batch/v1", at(job, "apiVersion"));
        assertEquals("Job", at(job, "kind"));
        assertEquals("Indexed", at(job, "spec", "completionMode"));
        int shards = Integer.parseInt(env().get("SHARDS"));
        assertEquals(shards, (int) at(job, "spec", "completions"), "one completion per shard");
        assertTrue((int) at(job, "spec", "parallelism") <= shards);
        assertEquals(Boolean.TRUE, at(job, "spec", "template", "spec", "hostNetwork"));
        assertEquals("Never", at(job, "spec", "template", "spec", "restartPolicy"));
        assertEquals(List.of("ALL"), at(container(), "securityContext", "capabilities", "drop"));
        assertEquals(List.of("NET_RAW"), at(container(), "securityContext", "capabilities", "add"));
        assertEquals(Boolean.FALSE, at(container(), "securityContext", "allowPrivilegeEscalation"));
        assertEquals(List.of("/bin/sh", "-c"), at(container(), "command"));
        String args = command();
        assertTrue(args.contains("--shard \"$((JOB_COMPLETION_INDEX + 1))/$SHARDS\""), args);
        assertTrue(args.contains("--seed \"$SEED\""), "every shard needs the same seed: " + args);
        assertTrue(args.endsWith("-oX -"), "XML on stdout, for kubectl logs: " + args);
        assertEquals("job-name", ((Map<?, ?>) at(job, "spec", "template", "spec", "topologySpreadConstraints", "0",
                "labelSelector", "matchLabels")).keySet().iterator().next());
    }

    static String command() {
        List<String> args = at(container(), "args");
        assertEquals(1, args.size());
        return args.get(0);
    }

    @Test
    void shardsRunLocallyCoverOneFullScanExactlyOnce() throws Exception {
        Map<String, String> env = env();
        int shards = Integer.parseInt(env.get("SHARDS"));
        Map<String, Verdict> full = run(env, 1, 0);
        Map<String, Verdict> union = new TreeMap<>();
        for (int index = 0; index < shards; index++) {
            Map<String, Verdict> shard = run(env, shards, index);
            assertEquals(new Shard(index + 1, shards).countOf(full.size()), shard.size(), "shard " + (index + 1));
            assertEquals(16, shard.keySet().stream().map(k -> k.split(" ")[0]).distinct().count(),
                    "shard " + (index + 1) + " interleaves every host");
            for (Map.Entry<String, Verdict> e : shard.entrySet()) {
                Verdict before = union.put(e.getKey(), e.getValue());
                assertEquals(null, before, e.getKey() + " was probed by two shards");
            }
        }
        assertEquals(16 * (1024 + 3), full.size(), "16 hosts x (1024 TCP + 3 UDP ports)");
        assertEquals(full, union, "the shards together equal one full scan");
        // and synscan merge, as docs/distributed.md has the collected logs combined, says the same
        List<String> merge = new ArrayList<>(List.of(Lab.home().resolve("synscan").toString(), "merge"));
        for (int index = 0; index < shards; index++) {
            merge.add(xmlOf(shards, index).toString());
        }
        merge.addAll(List.of("-oX", "-"));
        ProcessResult merged = Lab.run(TIMEOUT, merge);
        assertEquals(0, merged.exitCode(), merged.describe());
        assertEquals(full, verdicts(NmapResults.parse(merged.stdout())), "synscan merge of the shards' XML");
        Truth truth = Truth.load();
        for (Map.Entry<String, Verdict> e : union.entrySet()) {
            String[] k = e.getKey().split(" ");
            assertEquals(truth.expectedAt(InetAddress.getByName(k[0]), Protocol.valueOf(k[1]), Integer.parseInt(k[2])),
                    e.getValue(), e.getKey());
        }
    }

    /**
     * Runs the manifest's command as pod {@code index} of a job with {@code shards} completions would:
     * the manifest's environment, JOB_COMPLETION_INDEX, and synscan on the PATH.
     * Returns "host PROTO port" -> verdict.
     */
    private Map<String, Verdict> run(Map<String, String> env, int shards, int index) throws IOException {
        Path bin = tmp.resolve("bin");
        if (!Files.exists(bin)) {
            Files.createDirectories(bin);
            Files.createSymbolicLink(bin.resolve("synscan"), Lab.home().resolve("synscan"));
        }
        List<String> cmd = new ArrayList<>(List.of("env", "-i", "PATH=" + bin + ":/usr/sbin:/usr/bin:/sbin:/bin",
                "HOME=/root", "JOB_COMPLETION_INDEX=" + index));
        env.forEach((k, v) -> cmd.add(k + "=" + (k.equals("SHARDS") ? String.valueOf(shards) : v)));
        List<String> shell = at(container(), "command");
        cmd.addAll(shell);
        cmd.add(command());
        ProcessResult r = Lab.inScanner(TIMEOUT, cmd.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.describe());
        assertEquals("", r.stderr(), "kubectl logs mixes stderr into the XML: a shard must print nothing there");
        NmapResults scan = NmapResults.parse(r.stdout());
        assertTrue(scan.args().contains("--shard " + (index + 1) + "/" + shards), scan.args());
        Files.writeString(xmlOf(shards, index), r.stdout());
        return verdicts(scan);
    }

    private Path xmlOf(int shards, int index) {
        return tmp.resolve("shard-" + (index + 1) + "-of-" + shards + ".xml");
    }

    private static Map<String, Verdict> verdicts(NmapResults scan) {
        Map<String, Verdict> out = new TreeMap<>();
        for (InetAddress host : scan.hosts()) {
            for (Protocol p : Protocol.values()) {
                scan.ports(host, p).forEach((port, v) -> out.put(host.getHostAddress() + " " + p + " " + port, v));
            }
        }
        return out;
    }
}
