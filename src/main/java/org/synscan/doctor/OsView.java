package org.synscan.doctor;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.synscan.net.ChildCapabilities;
import org.synscan.net.Interfaces;
import org.synscan.net.IpAddr;
import org.synscan.net.LibpcapCheck;
import org.synscan.net.LinkOverrides;
import org.synscan.net.LinkPlanner;
import org.synscan.net.NetInterface;
import org.synscan.net.NextHop;
import org.synscan.net.pcap.PcapHandle;
import org.synscan.target.HostResolver;

/** The real machine, through the same org.synscan.net code a scan uses. */
final class OsView implements SystemView {
    private static final Path MAPS = Path.of("/proc/self/maps");
    private static final Path STATUS = Path.of("/proc/self/status");

    @Override
    public String libpcapVersion() {
        return LibpcapCheck.version();
    }

    /** The dynamic loader's answer, not a guess from the library search path. */
    @Override
    public Optional<String> libpcapFile() {
        for (String line : readLines(MAPS)) {
            int slash = line.indexOf('/');
            if (slash >= 0 && line.contains("/libpcap.so")) {
                return Optional.of(line.substring(slash));
            }
        }
        return Optional.empty();
    }

    @Override
    public List<String> processStatus() {
        return readLines(STATUS);
    }

    @Override
    public List<NetInterface> interfaces() {
        return Interfaces.system().list();
    }

    @Override
    public void openCapture(String iface) {
        try (PcapHandle h = PcapHandle.openLive(iface, 128, 1 << 16, 10, true)) {
            h.linkType();
        }
    }

    @Override
    public Optional<String> kernelRoute(IpAddr target) {
        try {
            Process p = ChildCapabilities.start(new ProcessBuilder("ip", "route", "get", target.toString())
                    .redirectErrorStream(true));
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(2, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            String text = new String(out, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? Optional.empty() : Optional.of(text.lines().findFirst().orElse("").strip());
        } catch (IOException e) {
            return Optional.empty(); // no iproute2: synscan's own plan below still answers
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    @Override
    public NextHop plan(IpAddr target, LinkOverrides overrides) {
        return LinkPlanner.resolve(target.hi(), target.lo(), target.v6(), overrides);
    }

    @Override
    public List<InetAddress> resolve(String host) throws UnknownHostException {
        return HostResolver.system().resolve(host);
    }

    private static List<String> readLines(Path p) {
        try {
            return Files.readAllLines(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return List.of();
        }
    }
}
