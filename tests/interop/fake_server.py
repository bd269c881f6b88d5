#!/usr/bin/env python3
"""fake_server.py MODE PORTFILE — the server side of the toy protocol of fake_client.c.

Serves one connection on 127.0.0.1 (port written to PORTFILE), then exits 0 if the client
sent what the mode expects, 1 otherwise. Records are framed like RFC 8446 §5.1, unencrypted.
Modes:
  echo       WELCOME split over three sends; each data record echoed upper-cased as two records
             in one send; answers close_notify with close_notify
  extras     after WELCOME: TICKET and KEYUPD in one send; expects KU (--key-update) and
             KEYUPD-ACK, then behaves like echo
  early      WELCOME + data + close_notify in one send (server closes first)
  truncate   echoes the first data record, then closes TCP without close_notify
  alert      answers HELLO with a fatal handshake_failure alert
  reset      after FIN: 24 KiB of data, close_notify, then a TCP reset (SO_LINGER 0) without
             waiting for the client's close_notify (RFC 8446 §6.1 allows it); then creates
             PORTFILE.reset, so that slow_stdout.py lets the client go on only after the reset
  reset-keyupdate   the same with a KEYUPD (reply requested) between the data and close_notify
  reset-no-close    data and KEYUPD, then the reset: no close_notify, so not a clean close
"""
import os
import socket
import struct
import sys
import time

CLOSE_NOTIFY = bytes([21, 3, 3, 0, 2, 1, 0])


def record(rtype, data):
    return bytes([rtype, 3, 3, len(data) >> 8, len(data) & 0xFF]) + data


def read_record(conn, buf):
    while True:
        if len(buf) >= 5:
            n = 5 + (buf[3] << 8 | buf[4])
            if len(buf) >= n:
                return buf[:n], buf[n:]
        chunk = conn.recv(65536)
        if not chunk:
            return None, buf
        buf += chunk


def expect(conn, buf, want):
    rec, buf = read_record(conn, buf)
    if rec != want:
        sys.exit("fake_server: expected %r, got %r" % (want, rec))
    return buf


def echo_until(conn, buf, want, stop_after_first=False):
    """Echoes data records until the record want arrives (close_notify: answered)."""
    while True:
        rec, buf = read_record(conn, buf)
        if rec is None:
            sys.exit("fake_server: EOF before %r" % want)
        if rec == want:
            if rec == CLOSE_NOTIFY:
                conn.sendall(CLOSE_NOTIFY)
            return buf
        if rec[0] != 23:
            sys.exit("fake_server: unexpected record %r" % rec)
        data = rec[5:].upper()
        half = len(data) // 2
        conn.sendall(record(23, data[:half]) + record(23, data[half:]))
        if stop_after_first:
            return buf


def main():
    mode, portfile = sys.argv[1], sys.argv[2]
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(1)
    srv.settimeout(20)
    with open(portfile + ".tmp", "w") as f:
        f.write(str(srv.getsockname()[1]))
    os.rename(portfile + ".tmp", portfile)
    conn, _ = srv.accept()
    conn.settimeout(20)
    buf = expect(conn, b"", record(22, b"HELLO"))
    if mode == "alert":
        conn.sendall(bytes([21, 3, 3, 0, 2, 2, 40]))
        return
    welcome = record(22, b"WELCOME")
    if mode == "early":
        conn.sendall(welcome + record(23, b"early-bye\n") + CLOSE_NOTIFY)
        buf = expect(conn, buf, record(22, b"FIN"))
        buf = expect(conn, buf, CLOSE_NOTIFY)
        return
    if mode.startswith("reset"):
        conn.sendall(welcome)
        buf = expect(conn, buf, record(22, b"FIN"))
        # 24 KiB in three records: more than the client's stdout pipe takes (slow_stdout.py),
        # so the client is still writing the first record when the reset arrives
        data = b"".join(record(23, bytes([ord("a") + i]) * 8192) for i in range(3))
        if mode != "reset":
            data += record(22, b"KEYUPD")
        if mode != "reset-no-close":
            data += CLOSE_NOTIFY
        conn.sendall(data)
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        conn.close()
        with open(portfile + ".reset", "w") as f:
            f.write("reset\n")
        return
    for part in (welcome[:2], welcome[2:7], welcome[7:]):  # a record across three chunks
        conn.sendall(part)
        time.sleep(0.05)
    buf = expect(conn, buf, record(22, b"FIN"))
    if mode == "extras":
        buf = expect(conn, buf, record(22, b"KU"))
        conn.sendall(record(22, b"TICKET") + record(22, b"KEYUPD"))
        buf = echo_until(conn, buf, record(22, b"KEYUPD-ACK"))
    echo_until(conn, buf, CLOSE_NOTIFY, stop_after_first=(mode == "truncate"))
    conn.close()


if __name__ == "__main__":
    main()
