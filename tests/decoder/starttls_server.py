#!/usr/bin/env python3
"""starttls_server.py — a scripted server for one STARTTLS connection, for live_captures.sh.

    starttls_server.py PROTO PORT CERT KEY

PROTO is smtp, ftp, imap, pop3, postgres, ldap, mysql or xmpp. The server listens on 127.0.0.1:PORT,
accepts one connection, speaks just enough of the protocol in the clear for
`openssl s_client -starttls PROTO` to ask for TLS (RFC 3207, RFC 4217, RFC 3501, RFC 2595,
PostgreSQL SSLRequest, RFC 4511 §4.14, MySQL SSLRequest, RFC 6120 §5.4), then runs TLS 1.2 with Python's ssl
module, echoes one line reversed, sends close_notify and exits. Every wait is bounded (20 s).
"""
import socket
import ssl
import sys


def read_line(conn):
    data = b""
    while not data.endswith(b"\n"):
        chunk = conn.recv(1)
        if not chunk:
            raise EOFError("peer closed in the clear part")
        data += chunk
    return data


def read_exact(conn, n):
    data = b""
    while len(data) < n:
        chunk = conn.recv(n - len(data))
        if not chunk:
            raise EOFError("peer closed in the clear part")
        data += chunk
    return data


def read_until(conn, marker):
    data = b""
    while marker not in data:
        chunk = conn.recv(1)
        if not chunk:
            raise EOFError("peer closed in the clear part")
        data += chunk
    return data


def clear_part(proto, conn):
    """The protocol's exchange in the clear, up to the point where TLS starts."""
    if proto == "smtp":
        conn.sendall(b"220 mail.example.test ESMTP ready\r\n")
        read_line(conn)  # EHLO
        conn.sendall(b"250-mail.example.test\r\n250-PIPELINING\r\n250 STARTTLS\r\n")
        read_line(conn)  # STARTTLS
        conn.sendall(b"220 2.0.0 Ready to start TLS\r\n")
    elif proto == "ftp":
        conn.sendall(b"220 ftp.example.test FTP ready\r\n")
        read_line(conn)  # AUTH TLS
        conn.sendall(b"234 AUTH TLS successful\r\n")
    elif proto == "imap":
        conn.sendall(b"* OK imap.example.test IMAP4rev1 ready\r\n")
        tag = read_line(conn).split(b" ")[0]  # tag CAPABILITY
        conn.sendall(b"* CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED\r\n" + tag + b" OK done\r\n")
        tag = read_line(conn).split(b" ")[0]  # tag STARTTLS
        conn.sendall(tag + b" OK Begin TLS negotiation now\r\n")
    elif proto == "pop3":
        conn.sendall(b"+OK pop.example.test ready\r\n")
        line = read_line(conn)
        if line.upper().startswith(b"CAPA"):
            conn.sendall(b"+OK\r\nSTLS\r\n.\r\n")
            line = read_line(conn)
        conn.sendall(b"+OK Begin TLS negotiation\r\n")  # STLS
    elif proto == "postgres":
        read_exact(conn, 8)  # SSLRequest
        conn.sendall(b"S")
    elif proto == "ldap":
        # LDAPMessage: 30 len 02 n messageID 77 len ...: answer an ExtendedResponse, success.
        head = read_exact(conn, 2)
        body = read_exact(conn, head[1])
        msg_id = body[2:2 + body[1]]
        resp = bytes([0x02, len(msg_id)]) + msg_id + bytes([0x78, 0x07, 0x0a, 0x01, 0x00,
                                                            0x04, 0x00, 0x04, 0x00])
        conn.sendall(bytes([0x30, len(resp)]) + resp)
    elif proto == "mysql":
        # Protocol::HandshakeV10 with CLIENT_SSL (0x0800) and CLIENT_PROTOCOL_41 (0x0200).
        payload = (b"\x0a" + b"8.0.0-test\x00" + b"\x01\x00\x00\x00" + b"abcdefgh" + b"\x00"
                   + b"\xff\xff" + b"\x21" + b"\x02\x00" + b"\xff\xc1" + b"\x15"
                   + b"\x00" * 10 + b"ijklmnopqrst\x00" + b"mysql_native_password\x00")
        conn.sendall(len(payload).to_bytes(3, "little") + b"\x00" + payload)
        head = read_exact(conn, 4)  # SSLRequest packet, sequence 1
        read_exact(conn, int.from_bytes(head[:3], "little"))
    elif proto == "xmpp":
        # RFC 6120 §5.4.2: the client's stream header, the server's with <starttls/> among the
        # features, the client's <starttls/>, the server's <proceed/>.
        read_until(conn, b"<stream:stream")
        read_until(conn, b">")
        conn.sendall(b"<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
                     b"xmlns:stream='http://etherx.jabber.org/streams' id='s1' "
                     b"from='xmpp.example.test' version='1.0'><stream:features>"
                     b"<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls>"
                     b"</stream:features>")
        read_until(conn, b"/>")  # <starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>
        conn.sendall(b"<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>")
    else:
        raise SystemExit("unknown protocol " + proto)


def main():
    proto, port, cert, key = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    ctx.maximum_version = ssl.TLSVersion.TLSv1_2
    ctx.load_cert_chain(cert, key)
    srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(("127.0.0.1", port))
    srv.listen(1)
    srv.settimeout(20)
    conn, _ = srv.accept()
    conn.settimeout(20)
    clear_part(proto, conn)
    tls = ctx.wrap_socket(conn, server_side=True)
    line = b""
    while not line.endswith(b"\n"):
        chunk = tls.recv(1024)
        if not chunk:
            break
        line += chunk
    tls.sendall(line.rstrip(b"\n")[::-1] + b"\n")
    tls.unwrap()
    tls.close()
    srv.close()


if __name__ == "__main__":
    main()
