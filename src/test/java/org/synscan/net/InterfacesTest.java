package org.synscan.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synscan.ScanFailure;

class InterfacesTest {
    @TempDir
    Path sys;

    private void iface(String name, int index, String mac, String flags, String carrier, int mtu, int type)
            throws IOException {
        Path d = Files.createDirectories(sys.resolve(name));
        Files.writeString(d.resolve("ifindex"), index + "\n");
        Files.writeString(d.resolve("address"), mac + "\n");
        Files.writeString(d.resolve("flags"), flags + "\n");
        if (carrier != null) {
            Files.writeString(d.resolve("carrier"), carrier + "\n");
        }
        Files.writeString(d.resolve("mtu"), mtu + "\n");
        Files.writeString(d.resolve("type"), type + "\n");
    }

    private Interfaces sample() throws IOException {
        iface("lo", 1, "00:00:00:00:00:00", "0x9", "1", 65536, 772);
        iface("ssnet-va", 5, "02:5c:a0:00:00:01", "0x1003", "1", 1500, 1);
        iface("ssnet-vx", 7, "02:5c:a0:00:00:07", "0x1002", null, 1500, 1);
        Files.writeString(sys.resolve("bonding_masters"), "\n");   // a file, not an interface
        Map<String, List<IfAddress>> v4 = Map.of(
                "lo", List.of(new IfAddress(IpAddr.parse("127.0.0.1"), 8)),
                "ssnet-va", List.of(new IfAddress(IpAddr.parse("198.18.200.1"), 24)));
        return Interfaces.read(sys, Fixtures.path("if_inet6.txt"), v4);
    }

    @Test
    void readsSysfsAndIfInet6() throws IOException {
        Interfaces all = sample();
        assertEquals(List.of("lo", "ssnet-va", "ssnet-vx"), all.list().stream().map(NetInterface::name).toList());
        NetInterface va = all.find("ssnet-va");
        assertEquals(5, va.index());
        assertEquals(Mac.parse("02:5c:a0:00:00:01"), va.mac());
        assertTrue(va.up());
        assertTrue(va.running());
        assertFalse(va.loopback());
        assertEquals(1500, va.mtu());
        // the tentative fd00:5ca0:200::9 is left out: it cannot be used yet
        assertEquals(List.of(new IfAddress(IpAddr.parse("198.18.200.1"), 24),
                new IfAddress(IpAddr.parse("fd00:5ca0:200::1"), 64),
                new IfAddress(IpAddr.parse("fe80::284f:1ff:fe9c:7e11"), 64)), va.addresses());
        NetInterface lo = all.loopback();
        assertEquals("lo", lo.name());
        assertEquals(0, lo.mac());
        assertEquals(List.of(new IfAddress(IpAddr.parse("127.0.0.1"), 8), new IfAddress(IpAddr.parse("::1"), 128)),
                lo.addresses());
        NetInterface vx = all.find("ssnet-vx");
        assertFalse(vx.up());
        assertFalse(vx.running());
    }

    @Test
    void sourceAddressOfTheRightFamilyAndScope() throws IOException {
        NetInterface va = sample().find("ssnet-va");
        assertEquals(IpAddr.parse("198.18.200.1"), va.sourceFor(IpAddr.parse("198.18.201.9")));
        assertEquals(IpAddr.parse("fd00:5ca0:200::1"), va.sourceFor(IpAddr.parse("fd00:5ca0:200::2")));
        assertEquals(IpAddr.parse("fe80::284f:1ff:fe9c:7e11"), va.sourceFor(IpAddr.parse("fe80::2")));
        assertEquals(IpAddr.parse("fe80::284f:1ff:fe9c:7e11"), va.linkLocalV6());
        assertTrue(va.onLink(IpAddr.parse("198.18.200.200")));
        assertFalse(va.onLink(IpAddr.parse("198.18.201.2")));
    }

    @Test
    void clearErrors() throws IOException {
        Interfaces all = sample();
        assertEquals("cannot use eth9: no such interface (see --list-interfaces)",
                assertThrows(ScanFailure.class, () -> all.find("eth9")).getMessage());
        assertEquals("ssnet-vx is down (bring it up with `ip link set ssnet-vx up`)",
                assertThrows(ScanFailure.class, () -> all.find("ssnet-vx").requireUp()).getMessage());
        assertEquals("ssnet-vx has no IPv6 address (use -S to choose a source address, or -e another interface)",
                assertThrows(ScanFailure.class, () -> all.find("ssnet-vx").sourceFor(IpAddr.parse("fd00::1")))
                        .getMessage());
    }

    @Test
    void ownerOfAnAddress() throws IOException {
        Interfaces all = sample();
        assertEquals("ssnet-va", all.owner(IpAddr.parse("fd00:5ca0:200::1")).orElseThrow().name());
        assertTrue(all.owner(IpAddr.parse("198.18.200.2")).isEmpty());
    }

    @Test
    void readsThisMachine() {
        Interfaces mine = Interfaces.system();
        assertTrue(mine.loopback().loopback());
        assertTrue(mine.loopback().hasAddress(IpAddr.parse("127.0.0.1")));
    }
}
