package org.synscan.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteOrder;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synscan.local.SocketOwners.Owner;

class SocketOwnersTest {
    @TempDir
    Path dir;

    @Test
    void mapsSocketInodesToEveryProcessHoldingThem() throws Exception {
        Path proc = LocalFixtures.fakeProc(dir);
        SocketOwners owners = SocketOwners.scan(proc, Set.of(20001L, 20101L, 20004L, 20003L, 20202L, 20002L));
        assertEquals(List.of(new Owner(812, "sshd", 3)), owners.of(20001));
        assertEquals(List.of(new Owner(812, "sshd", 4)), owners.of(20101));
        // a socket inherited by a worker belongs to both, as ss -p shows it
        assertEquals(List.of(new Owner(900, "nginx", 6), new Owner(901, "nginx", 6)), owners.of(20004));
        assertEquals(List.of(new Owner(600, "systemd-resolve", 12)), owners.of(20003));
        assertEquals(List.of(new Owner(600, "systemd-resolve", 13)), owners.of(20202));
        assertEquals(List.of(), owners.of(20002), "nobody visible holds it");
        assertEquals(List.of(), owners.of(777777), "not asked for");
        // 1300's descriptors cannot be read; 1400 exited (no fd directory): that is not hiding
        assertEquals(1, owners.hidden());
        assertEquals("901/nginx", owners.of(20004).get(1).toString());
    }

    @Test
    void noProcAtAllMeansNoOwners() {
        SocketOwners owners = SocketOwners.scan(dir.resolve("missing"), Set.of(1L));
        assertEquals(List.of(), owners.of(1));
        assertEquals(0, owners.hidden());
    }

    @Test
    void aProgramNameThatIsNotUtf8IsKept() throws Exception {
        LocalFixtures.process(dir, 77, "x", 9, 5555);
        Files.write(dir.resolve("77/comm"), new byte[] {'a', (byte) 0xff, 'b', '\n'});
        assertEquals("a\ufffdb", SocketOwners.scan(dir, Set.of(5555L)).of(5555).get(0).program());
    }

    /** The real /proc: a socket this JVM opens is found with this JVM's pid and name. */
    @Test
    void findsThisProcessInTheRealProc() throws Exception {
        try (ServerSocketChannel tcp = ServerSocketChannel.open(StandardProtocolFamily.INET)) {
            tcp.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = ((InetSocketAddress) tcp.getLocalAddress()).getPort();
            ListeningSocket mine = ProcNet.read(Path.of("/proc/net"), ByteOrder.nativeOrder()).stream()
                    .filter(s -> s.port() == port && s.address().toString().equals("127.0.0.1")).findFirst()
                    .orElseThrow();
            List<Owner> owners = SocketOwners.scan(Path.of("/proc"), Set.of(mine.inode())).of(mine.inode());
            assertEquals(1, owners.size(), owners.toString());
            assertEquals(ProcessHandle.current().pid(), owners.get(0).pid());
            String comm = Files.readString(Path.of("/proc/self/comm")).strip();
            assertEquals(comm, owners.get(0).program());
            assertTrue(owners.get(0).fd() > 2);
        }
    }
}
