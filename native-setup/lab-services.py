#!/usr/bin/env python3
"""The lab target's services, driven by the truth file.

Listens on every TCP port whose row says `listen` and runs the UDP services (`dns`, `ntp`,
`snmp`, `echo`, `silent`), for the row's address families. lab.sh starts it inside the target
network namespace (or on the Vagrant target VM); it detaches, writes its PID file once every
socket is bound (that file is the "ready" signal), and exits on SIGTERM.

Scanners only send SYNs, so the kernel answers SYN-ACK without us; accepting and closing in a
loop just keeps the accept queue from filling if a client ever completes a handshake.
UDP replies leave from the address the query was sent to (IP_PKTINFO), so every address of the
AnyIP range answers from itself, as a real host would.
"""
import errno
import os
import selectors
import signal
import socket
import struct
import sys
import time

# Not exported by Python's socket module on every version; values from <linux/in.h>.
IP_PKTINFO = 8
IP_FREEBIND = 15
IPV6_FREEBIND = 78
SO_RCVBUFFORCE = 33  # <asm-generic/socket.h>
UDP_KINDS = ("dns", "ntp", "snmp", "echo", "silent")
BATCH = 512  # datagrams or connections handled per wake-up before going back to select()


def log(msg):
    print(f"lab-services: {msg}", file=sys.stderr, flush=True)


def read_truth(path):
    """Rows (families, proto, port, how) of the truth file; families is a tuple of AF_* values."""
    fams = {"ipv4": (socket.AF_INET,), "ipv6": (socket.AF_INET6,),
            "both": (socket.AF_INET, socket.AF_INET6)}
    rows = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            fields = line.split("#", 1)[0].split()
            if not fields:
                continue
            if len(fields) != 6 or fields[0] not in fams or not fields[2].isdigit():
                raise SystemExit(f"lab-services: {path}:{n}: bad row: {line.strip()}")
            rows.append((fams[fields[0]], fields[1], int(fields[2]), fields[5]))
    return rows


# ---------------------------------------------------------------- DNS (RFC 1035)

LAB_A = socket.inet_pton(socket.AF_INET, "198.18.0.2")
LAB_AAAA = socket.inet_pton(socket.AF_INET6, "fd00:5ca0::2")


def dns_reply(q):
    """A response to a DNS query: same ID and question; A/AAAA/version.bind answered, the
    rest NOERROR without answers. Non-queries and datagrams too short for a header are ignored,
    as a real server does."""
    if len(q) < 12:
        return None
    ident, flags, qdcount = struct.unpack("!HHH", q[:6])
    if flags & 0x8000:
        return None
    opcode, rd = (flags >> 11) & 0xF, flags & 0x0100

    def header(rcode, qd, an):
        return struct.pack("!6H", ident, 0x8000 | opcode << 11 | 0x0400 | rd | rcode, qd, an, 0, 0)

    if opcode != 0:
        return header(4, 0, 0)  # NOTIMP (e.g. nmap's STATUS probe)
    end = 12
    try:
        if qdcount != 1:
            raise ValueError
        labels = []
        while q[end]:
            if q[end] & 0xC0:
                raise ValueError  # compression never appears in a question we accept
            labels.append(q[end + 1:end + 1 + q[end]].lower())
            end += 1 + q[end]
        qtype, qclass = struct.unpack("!HH", q[end + 1:end + 5])
        end += 5
    except (IndexError, ValueError, struct.error):
        return header(1, 0, 0)  # FORMERR
    rdata = None
    if qclass == 1 and qtype == 1:
        rdata = LAB_A
    elif qclass == 1 and qtype == 28:
        rdata = LAB_AAAA
    elif qclass == 3 and qtype == 16 and labels == [b"version", b"bind"]:
        rdata = b"\x0bsynscan-lab"
    answer = b""
    if rdata is not None:
        answer = b"\xc0\x0c" + struct.pack("!HHIH", qtype, qclass, 60, len(rdata)) + rdata
    return header(0, 1, 1 if answer else 0) + q[12:end] + answer


# ---------------------------------------------------------------- NTP (RFC 5905)

NTP_UNIX_OFFSET = 2208988800


def ntp_now():
    t = time.time() + NTP_UNIX_OFFSET
    return struct.pack("!II", int(t) & 0xFFFFFFFF, int((t % 1) * 2**32))


def ntp_reply(q):
    """Mode 3 (client) request -> mode 4 (server) reply, stratum 1, origin = client's transmit."""
    if len(q) < 48 or q[0] & 7 != 3:
        return None
    version = (q[0] >> 3) & 7
    now = ntp_now()
    return (struct.pack("!BBbbII4s", version << 3 | 4, 1, q[2], -20, 0, 0, b"LAB\0")
            + now + q[40:48] + now + now)


# ---------------------------------------------------------------- SNMP (RFC 1157, 3416, 3414)

def ber_read(buf, pos):
    """(tag, element start, value start, end) of the BER element at pos; raises
    IndexError/ValueError when it is truncated."""
    tag, length = buf[pos], buf[pos + 1]
    value = pos + 2
    if length & 0x80:
        n = length & 0x7F
        if n == 0 or n > 3:
            raise ValueError("unsupported BER length")
        length = int.from_bytes(buf[value:value + n], "big")
        value += n
    if value + length > len(buf):
        raise ValueError("truncated BER element")
    return tag, pos, value, value + length


def ber(tag, content):
    n = len(content)
    if n < 0x80:
        return bytes((tag, n)) + content
    size = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes((tag, 0x80 | len(size))) + size + content


def ber_int(value):
    return ber(0x02, value.to_bytes(max(1, (value.bit_length() + 8) // 8), "big", signed=True))


def ber_elements(buf, element):
    """The elements inside a constructed element, each as ber_read returns it."""
    out, pos, end = [], element[2], element[3]
    while pos < end:
        out.append(ber_read(buf, pos))
        pos = out[-1][3]
    return out


def raw(buf, element):
    return buf[element[1]:element[3]]


def value(buf, element):
    return buf[element[2]:element[3]]


ENGINE_ID = bytes.fromhex("80001f8804") + b"synscan-lab"
USM_UNKNOWN_ENGINE_IDS = bytes.fromhex("2b060106030f01010400")  # 1.3.6.1.6.3.15.1.1.4.0


def snmp_reply(q):
    """v1/v2c Get/GetNext/GetBulk -> GetResponse (no such object); v3 -> the engine-discovery
    Report a real agent sends (usmStatsUnknownEngineIDs). Anything unparsable is ignored."""
    try:
        message = ber_read(q, 0)
        if message[0] != 0x30:
            return None
        parts = ber_elements(q, message)
        version = int.from_bytes(value(q, parts[0]), "big")
        if version in (0, 1):
            return snmp_community_reply(q, version, parts)
        if version == 3:
            return snmp_v3_report(q, parts)
    except (IndexError, ValueError):
        pass
    return None


def snmp_community_reply(q, version, parts):
    community, pdu = parts[1], parts[2]
    if community[0] != 0x04 or pdu[0] not in (0xA0, 0xA1, 0xA5):
        return None
    fields = ber_elements(q, pdu)
    request_id, varbinds = raw(q, fields[0]), fields[3]
    if version == 0:  # v1: error noSuchName on the first varbind, varbinds echoed
        body = request_id + ber_int(2) + ber_int(1) + raw(q, varbinds)
    else:  # v2c: a noSuchObject exception per varbind
        out = b""
        for varbind in ber_elements(q, varbinds):
            out += ber(0x30, raw(q, ber_elements(q, varbind)[0]) + b"\x80\x00")
        body = request_id + ber_int(0) + ber_int(0) + ber(0x30, out)
    return ber(0x30, ber_int(version) + raw(q, community) + ber(0xA2, body))


def snmp_v3_report(q, parts):
    msg_id = value(q, ber_elements(q, parts[1])[0])
    request_id = 0
    scoped = parts[3]
    if scoped[0] == 0x30:  # plaintext scoped PDU: answer with its request-id
        pdu = ber_elements(q, scoped)[2]
        request_id = int.from_bytes(value(q, ber_elements(q, pdu)[0]), "big", signed=True)
    uptime = int(time.monotonic()) & 0x7FFFFFFF
    usm = ber(0x30, ber(0x04, ENGINE_ID) + ber_int(1) + ber_int(uptime)
              + ber(0x04, b"") + ber(0x04, b"") + ber(0x04, b""))
    varbind = ber(0x30, ber(0x30, ber(0x06, USM_UNKNOWN_ENGINE_IDS) + ber(0x41, b"\x01")))
    report = ber(0xA8, ber_int(request_id) + ber_int(0) + ber_int(0) + varbind)
    header = ber(0x30, ber(0x02, msg_id) + ber_int(65507) + ber(0x04, b"\x00") + ber_int(3))
    return ber(0x30, ber_int(3) + header + ber(0x04, usm)
               + ber(0x30, ber(0x04, ENGINE_ID) + ber(0x04, b"") + report))


ANSWER = {"dns": dns_reply, "ntp": ntp_reply, "snmp": snmp_reply,
          "echo": lambda q: q, "silent": lambda q: None}


# ---------------------------------------------------------------- sockets

def tcp_listener(family, port):
    s = socket.socket(family, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if family == socket.AF_INET6:
        s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
    s.bind(("::" if family == socket.AF_INET6 else "0.0.0.0", port))
    s.listen(65535)  # clamped by net.core.somaxconn, which lab.sh raises
    return s


def udp_socket(family, port):
    s = socket.socket(family, socket.SOCK_DGRAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:  # a deep queue absorbs scan bursts; FORCE (root) goes past net.core.rmem_max
        s.setsockopt(socket.SOL_SOCKET, SO_RCVBUFFORCE, 64 << 20)
    except OSError:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 64 << 20)
    if family == socket.AF_INET6:
        s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
        s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_RECVPKTINFO, 1)
        # an AnyIP address is not a configured address: replying from it needs freebind
        s.setsockopt(socket.IPPROTO_IPV6, IPV6_FREEBIND, 1)
        s.bind(("::", port))
    else:
        s.setsockopt(socket.IPPROTO_IP, IP_PKTINFO, 1)
        s.setsockopt(socket.IPPROTO_IP, IP_FREEBIND, 1)
        s.bind(("0.0.0.0", port))
    return s


def accept_all(sock):
    for _ in range(BATCH):
        try:
            conn, _ = sock.accept()
        except (BlockingIOError, InterruptedError):
            return
        except OSError as e:  # ECONNABORTED and friends: the client gave up first
            if e.errno in (errno.EMFILE, errno.ENFILE):
                log(f"accept: {e}")
            return
        conn.close()


def serve_udp(sock, answer):
    for _ in range(BATCH):
        try:
            data, ancdata, _, peer = sock.recvmsg(65535, 256)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:  # e.g. ECONNREFUSED queued by an ICMP error: nothing to answer
            continue
        reply = answer(data)
        if reply is None:
            continue
        try:
            sock.sendmsg([reply], reply_from(sock.family, ancdata), 0, peer)
        except OSError as e:
            log(f"udp reply to {peer[0]}: {e}")


def reply_from(family, ancdata):
    """Ancillary data that makes the reply leave from the query's destination address."""
    for level, kind, data in ancdata:
        if family == socket.AF_INET and level == socket.IPPROTO_IP and kind == IP_PKTINFO:
            dst = data[8:12]
            return [(socket.IPPROTO_IP, IP_PKTINFO, struct.pack("=i4s4s", 0, dst, bytes(4)))]
        if family == socket.AF_INET6 and level == socket.IPPROTO_IPV6 \
                and kind == socket.IPV6_PKTINFO:
            return [(socket.IPPROTO_IPV6, socket.IPV6_PKTINFO, data[:16] + bytes(4))]
    return []


def open_sockets(rows, sel):
    counts = {"tcp": 0, "udp": 0}
    for fams, proto, port, how in rows:
        for fam in fams:
            if proto == "tcp" and how == "listen":
                try:
                    s = tcp_listener(fam, port)
                except OSError as e:
                    if e.errno != errno.EADDRINUSE:
                        raise
                    # e.g. sshd on 22 of the Vagrant target VM: the port is open all the same
                    log(f"tcp {port}: already in use by another listener, left to it")
                    continue
                s.setblocking(False)
                sel.register(s, selectors.EVENT_READ, accept_all)
            elif proto == "udp" and how in UDP_KINDS:
                s = udp_socket(fam, port)
                s.setblocking(False)
                answer = ANSWER[how]
                sel.register(s, selectors.EVENT_READ, lambda sock, a=answer: serve_udp(sock, a))
            else:
                continue
            counts[proto] += 1
    return counts


def write_pid_file(path):
    tmp = f"{path}.{os.getpid()}.tmp"
    with open(tmp, "w", encoding="ascii") as f:
        f.write(f"{os.getpid()}\n")
    os.replace(tmp, path)


def main():
    # argv by hand: argparse is not in python3-minimal
    opts = dict(zip(sys.argv[1::2], sys.argv[2::2]))
    if len(sys.argv) != 5 or set(opts) != {"--truth", "--pid-file"}:
        raise SystemExit("usage: lab-services.py --truth FILE --pid-file FILE"
                         "  (the PID file is written once every socket is bound)")
    truth, pid_file = opts["--truth"], opts["--pid-file"]

    os.setsid()  # our own session: lab.sh's shell (and ip netns exec) may exit before us
    # A daemon must not keep its starter's descriptors: under `flock LOCK lab.sh up` the lock's
    # descriptor would otherwise live on in us, and every later flock on LOCK would wait forever.
    os.closerange(3, os.sysconf("SC_OPEN_MAX"))
    rows = read_truth(truth)
    sel = selectors.DefaultSelector()
    counts = open_sockets(rows, sel)

    def stop(*_):
        raise SystemExit(0)  # leaves select() at once; the finally below removes the PID file

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    write_pid_file(pid_file)
    log(f"pid {os.getpid()}: {counts['tcp']} tcp listeners, {counts['udp']} udp sockets")
    try:
        while True:
            for key, _ in sel.select():
                key.data(key.fileobj)
    finally:
        try:
            with open(pid_file, encoding="ascii") as f:
                if f.read().strip() == str(os.getpid()):
                    os.unlink(pid_file)
        except OSError:
            pass
        log("stopped")


if __name__ == "__main__":
    main()
