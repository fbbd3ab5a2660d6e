package org.synscan.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.synscan.net.ChildCapabilities;
import org.synscan.net.IpAddr;

/**
 * {@link RouteCheck} by {@code ip route get ADDR}: the kernel's own lookup (netlink RTM_GETROUTE,
 * every table and rule), which names the route type first when it is not unicast: "local 127.0.0.1
 * dev lo table local ...". Asking sends nothing.
 */
final class IpRouteGet implements RouteCheck {
    private static final long TIMEOUT_MS = 5_000;

    @Override
    public Answer route(IpAddr address) {
        List<String> cmd = List.of("ip", address.v6() ? "-6" : "-4", "-o", "route", "get", address.toString());
        Process p;
        try {
            p = ChildCapabilities.start(new ProcessBuilder(cmd).redirectErrorStream(true));
        } catch (IOException e) {
            return new Answer(false, false, "cannot run ip: " + e.getMessage());
        }
        try {
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return new Answer(false, true, "ip route get " + address + " did not answer");
            }
            if (p.exitValue() != 0) {
                return new Answer(false, true, "ip route get " + address + ": " + firstLine(out));
            }
            return parse(out);
        } catch (IOException e) {
            p.destroyForcibly();
            return new Answer(false, true, "ip route get " + address + ": " + e.getMessage());
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            return new Answer(false, true, "interrupted");
        }
    }

    /** Reads the first route of `ip -o route get` output. */
    static Answer parse(String output) {
        String route = firstLine(output);
        int cache = route.indexOf('\\');
        if (cache >= 0) {
            route = route.substring(0, cache).strip();
        }
        route = route.replaceAll("\\s+", " ");
        return new Answer(route.startsWith("local "), true, route);
    }

    private static String firstLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        return (nl < 0 ? t : t.substring(0, nl)).strip();
    }
}
