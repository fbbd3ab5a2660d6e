package org.synscan.local;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.nio.channels.NetworkChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A child process for the integration tests: names itself ("comm=NAME", written to /proc/self/comm,
 * which is what ss -p and synscan local show), binds the sockets named on its command line
 * ("tcp4/127.0.0.1/0", "tcp6/::/0", "tcp6/::ffff:127.0.0.1/0" for an IPv4-mapped one, "udp4/…",
 * "udp6/…"; port 0 = any), prints "bound SPEC PORT" for each, "pid PID", then "ready", and stays
 * until its standard input closes, two minutes at most.
 */
public final class ListenerChild {
    private ListenerChild() {
    }

    public static void main(String[] args) throws Exception {
        List<Closeable> open = new ArrayList<>();
        for (String a : args) {
            if (a.startsWith("comm=")) {
                Files.writeString(Path.of("/proc/self/comm"), a.substring(5));
                continue;
            }
            NetworkChannel ch = bind(a);
            open.add(ch);
            System.out.println("bound " + a + " " + ((InetSocketAddress) ch.getLocalAddress()).getPort());
        }
        System.out.println("pid " + ProcessHandle.current().pid());
        System.out.println("ready");
        System.out.flush();
        Thread stdin = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // the parent holds the pipe open while it needs us
                }
            } catch (IOException e) {
                // parent gone
            }
        });
        stdin.setDaemon(true);
        stdin.start();
        stdin.join(120_000);
        for (Closeable c : open) {
            c.close();
        }
        System.exit(0);
    }

    private static NetworkChannel bind(String spec) throws IOException {
        int first = spec.indexOf('/');
        int last = spec.lastIndexOf('/');
        String kind = spec.substring(0, first);
        InetAddress host = InetAddress.getByName(spec.substring(first + 1, last)); // a literal, never looked up
        InetSocketAddress at = new InetSocketAddress(host, Integer.parseInt(spec.substring(last + 1)));
        StandardProtocolFamily family = kind.endsWith("6") ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
        if (kind.startsWith("tcp")) {
            return ServerSocketChannel.open(family).bind(at, 16);
        }
        return DatagramChannel.open(family).bind(at);
    }
}
