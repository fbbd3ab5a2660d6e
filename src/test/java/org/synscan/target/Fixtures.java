package org.synscan.target;

import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Shared test data: fixture service files and a resolver that never touches DNS. */
public final class Fixtures {
    private Fixtures() {
    }

    public static Path resource(String name) {
        try {
            return Path.of(Fixtures.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** /etc/services and nmap-services fixtures. */
    public static Services services() {
        return Services.load(resource("services.txt"), resource("nmap-services.txt"));
    }

    /** The fixture /etc/services and no nmap-services: the built-in ranking. */
    public static Services servicesWithoutNmap() {
        return Services.load(resource("services.txt"), Path.of("/nonexistent/nmap-services"));
    }

    /** Resolves only the given names; anything else is unknown. Records every lookup. */
    public static final class FakeResolver implements HostResolver {
        private final Map<String, List<String>> table;
        public final List<String> lookups = new ArrayList<>();

        public FakeResolver(Map<String, List<String>> table) {
            this.table = table;
        }

        @Override
        public List<InetAddress> resolve(String host) throws UnknownHostException {
            lookups.add(host);
            List<String> addrs = table.get(host);
            if (addrs == null) {
                throw new UnknownHostException(host);
            }
            List<InetAddress> out = new ArrayList<>();
            for (String a : addrs) {
                out.add(IpAddress.parseLiteral(a).orElseThrow().toInetAddress());
            }
            return out;
        }
    }

    public static FakeResolver resolver() {
        return new FakeResolver(Map.of(
                "lab.test", List.of("198.18.0.10", "fd00:5ca0::10"),
                "v6only.test", List.of("fd00:5ca0::20"),
                "v4only.test", List.of("198.18.0.30")));
    }

    public static ByteArrayInputStream stdin(String text) {
        return new ByteArrayInputStream(text.getBytes());
    }
}
