#!/usr/bin/env python3
"""make_corpus.py — regenerates the seed corpora in tests/fuzz/corpus/ from the project's vectors.

    python3 tests/fuzz/make_corpus.py        (needs tshark for the captures)

Sources (tests/vectors/README.md names where each came from):
  - RFC 8448 (tests/vectors/rfc8448/*.json): every handshake message body ("construct a ..."
    steps, 4-byte header removed) for the parser targets; the server's records for `record`;
    §3's server byte stream for `client` (the only one that answers §3's replayed ClientHello),
    and §3's server plaintexts in fuzz_client_flight.c's chunk form for `client_flight`.
  - the captures (tests/vectors/captures/**.pcap*): with `tshark -z follow,tcp,raw`, the first
    ClientHello / ServerHello bodies, the first 4 KiB of each server stream (`record`) and the
    first 512 bytes of each client stream (`tls_start`, including the HTTP CONNECT / RDP prefixes
    of the Schannel captures); with `tshark -T fields`, the first 40 TCP segments of each capture
    in fuzz_tcp_reassembly.c's encoding (`tcp_reassembly`).
  - tests/vectors/traces/*.trace, and one trace written here from RFC 8448 §3 (`token_trace`).
  - RFC 8448's text (tests/vectors/rfc/rfc8448.txt) cut into its sections 2..7, and §3 up to
    the EncryptedExtensions (`trace_rfc8448`, `vectors`).
  - a few hand-made edge seeds (KeyUpdate bodies, an HTTP prefix) named *-synthetic.
Regression seeds (inputs that crashed, named regress-*) are kept: this script never deletes.
"""
import glob
import hashlib
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
VEC = os.path.join(HERE, "..", "vectors")
OUT = os.path.join(HERE, "corpus")

HT = {"ClientHello": "client_hello", "ServerHello": "server_hello",
      "EncryptedExtensions": "encrypted_extensions", "Certificate": "certificate",
      "CertificateVerify": "certificate_verify", "Finished": "finished",
      "NewSessionTicket": "new_session_ticket", "CertificateRequest": "certificate_request"}


def put(target, name, data):
    d = os.path.join(OUT, target)
    os.makedirs(d, exist_ok=True)
    for f in os.listdir(d):  # same bytes already there under another name: skip
        with open(os.path.join(d, f), "rb") as fh:
            if fh.read() == data:
                return
    with open(os.path.join(d, name), "wb") as fh:
        fh.write(data)


def rfc8448():
    for path in sorted(glob.glob(os.path.join(VEC, "rfc8448", "*.json"))):
        doc = json.load(open(path))
        sec = "rfc8448-s" + os.path.basename(path).split("-")[1]
        server_stream = b""
        for e in doc["entries"]:
            raw = bytes.fromhex(e["hex"] or "")
            step = e["step"]
            if "construct" in step and e["label"] in HT:
                side = "server" if step.startswith("{server}") else "client"
                name = "%s-%s-%s-%d" % (sec, side, e["label"], e["occurrence"])
                put(HT[e["label"]], name, raw[4:])
                extensions_seeds(name, e["label"], raw[4:])
            if step.startswith("{server}  send") and e["label"] == "complete record":
                put("record", "%s-server-record-%d" % (sec, e["index"]), raw)
                server_stream += raw
            if step.startswith("{client}  send") and e["label"] == "complete record" and e["index"] < 10:
                put("tls_start", "%s-client-first-record" % sec, raw)
        put("record", sec + "-server-stream", server_stream)
        if sec == "rfc8448-s3":
            put("client", sec + "-server-stream", server_stream)
            recs = records(server_stream)
            put("client", sec + "-server-flight", recs[0] + recs[1])
            # Compatibility mode (App. D.4): a CCS between ServerHello and the encrypted flight.
            put("client", sec + "-server-flight-ccs", recs[0] + bytes.fromhex("140303000101") + recs[1])
            put("token_trace", sec + ".trace", trace(doc))
            client_flight_seeds(doc)


def extensions_block(msg, body):
    """The Extension block (without its length) of a message body, or None."""
    try:
        if msg in ("ClientHello", "ServerHello"):
            pos = 34 + 1 + body[34]
            if msg == "ClientHello":
                pos += 2 + int.from_bytes(body[pos:pos + 2], "big")
                pos += 1 + body[pos]
            else:
                pos += 3
        elif msg == "EncryptedExtensions":
            pos = 0
        elif msg == "CertificateRequest":
            pos = 1 + body[0]
        elif msg == "NewSessionTicket":
            pos = 8 + 1 + body[8]
            pos += 2 + int.from_bytes(body[pos:pos + 2], "big")
        else:
            return None
        n = int.from_bytes(body[pos:pos + 2], "big")
        return body[pos + 2:pos + 2 + n]
    except IndexError:
        return None


def extensions_seeds(name, msg, body):
    """For `extensions`: the whole block, and each extension_data on its own."""
    block = extensions_block(msg, body)
    if not block:
        return
    put("extensions", name + "-block", block)
    pos = 0
    while pos + 4 <= len(block):
        t = int.from_bytes(block[pos:pos + 2], "big")
        n = int.from_bytes(block[pos + 2:pos + 4], "big")
        put("extensions", "%s-ext%d" % (name, t), block[pos + 4:pos + 4 + n])
        pos += 4 + n


def client_flight_seeds(doc):
    """For `client_flight`: RFC 8448 §3's server plaintexts as fuzz_client_flight.c's chunks."""
    def value(step, label, occ=0):
        return next(bytes.fromhex(e["hex"]) for e in doc["entries"]
                    if e["step"] == step and e["label"] == label and e["occurrence"] == occ)

    def chunk(control, content):
        return bytes([control]) + len(content).to_bytes(2, "big") + content

    flight = value("{server}  send handshake record", "payload", 1)
    msgs = [value("{server}  construct an EncryptedExtensions handshake message", "EncryptedExtensions"),
            value("{server}  construct a Certificate handshake message", "Certificate"),
            value("{server}  construct a CertificateVerify handshake message", "CertificateVerify"),
            value("{server}  construct a Finished handshake message", "Finished")]
    nst = value("{server}  send handshake record", "payload", 2)
    app = value("{server}  send application_data record", "payload")
    alert = value("{server}  send alert record", "payload")
    put("client_flight", "rfc8448-s3-flight", chunk(22, flight))
    put("client_flight", "rfc8448-s3-flight-per-message", b"".join(chunk(22, m) for m in msgs))
    put("client_flight", "rfc8448-s3-ccs-flight", chunk(20, b"\x01") + chunk(22, flight))
    put("client_flight", "rfc8448-s3-whole-connection",
        chunk(22, flight) + chunk(0x96, nst) + chunk(0x97, app) + chunk(0x95, alert))
    # A KeyUpdate (update_requested) after the handshake: the client must answer it (§4.6.3).
    put("client_flight", "rfc8448-s3-key-update-synthetic",
        chunk(22, flight) + chunk(0x96, bytes.fromhex("1800000101")) + chunk(0x97, app))


def trace(doc):
    lines = ["# RFC 8448 §3 as a token trace: one token per record (made by make_corpus.py)"]
    for e in doc["entries"]:
        if e["label"] == "complete record" and "send" in e["step"]:
            lines.append(("C:" if e["step"].startswith("{client}") else "S:"))
            h = e["hex"]
            lines += [h[i:i + 64] for i in range(0, len(h), 64)]
    return ("\n".join(lines) + "\n").encode()


def records(stream):
    out, pos = [], 0
    while pos + 5 <= len(stream):
        n = 5 + int.from_bytes(stream[pos + 3:pos + 5], "big")
        out.append(stream[pos:pos + n])
        pos += n
    return out


def follow(pcap, stream):
    """(client bytes, server bytes) of one TCP stream, via tshark's raw follow."""
    txt = subprocess.run(["tshark", "-r", pcap, "-q", "-z", "follow,tcp,raw,%d" % stream],
                         capture_output=True, text=True).stdout
    c, s = bytearray(), bytearray()
    for line in txt.splitlines():
        if not line or line.startswith(("=", "Follow", "Filter", "Node")):
            continue
        if line.startswith("\t"):
            s += bytes.fromhex(line.strip())
        else:
            c += bytes.fromhex(line.strip())
    return bytes(c), bytes(s)


def first_message(stream, msg_type):
    for r in records(stream[:8192]):
        if r[0] == 22 and len(r) > 9 and r[5] == msg_type:
            n = int.from_bytes(r[6:9], "big")
            if 9 + n <= len(r):
                return r[9:9 + n]
    return None


def captures():
    pcaps = sorted(glob.glob(os.path.join(VEC, "captures", "*.pcap*")) +
                   glob.glob(os.path.join(VEC, "captures", "schannel", "*.pcap*")))
    for pcap in pcaps:
        base = os.path.basename(pcap).rsplit(".", 1)[0]
        c, s = follow(pcap, 0)
        if not c and not s:
            continue
        put("tls_start", base + "-client-start", c[:512])
        put("tls_start", base + "-server-start", s[:512])
        put("record", base + "-server-stream", s[:4096])
        put("tcp_reassembly", base + "-segments", tcp_segments(pcap))
        ch, sh = first_message(c, 1), first_message(s, 2)
        if ch:
            put("client_hello", base + "-ClientHello", ch)
        if sh:
            put("server_hello", base + "-ServerHello", sh)


def tcp_segments(pcap, limit=40):
    """The first TCP segments of a capture in fuzz_tcp_reassembly.c's encoding."""
    fields = ["tcp.stream", "tcp.srcport", "tcp.dstport", "tcp.seq_raw", "tcp.flags", "tcp.payload"]
    cmd = ["tshark", "-r", pcap, "-Y", "tcp", "-T", "fields"] + sum((["-e", f] for f in fields), [])
    out = bytearray()
    first_src = {}
    for line in subprocess.run(cmd, capture_output=True, text=True).stdout.splitlines()[:limit]:
        stream, sport, dport, seq, flags, payload = (line.split("\t") + [""] * 6)[:6]
        if not seq:
            continue
        stream = int(stream)
        first_src.setdefault(stream, sport)
        flags = int(flags, 16)
        control = (0 if sport == first_src[stream] else 1) | ((stream & 3) << 1)
        control |= (0x08 if flags & 1 else 0) | (0x10 if flags & 2 else 0)
        control |= (0x20 if flags & 4 else 0) | (0x40 if flags & 16 else 0)
        data = bytes.fromhex(payload.replace(":", ""))
        out += bytes([control]) + int(seq).to_bytes(4, "big") + len(data).to_bytes(2, "big") + data
    return bytes(out)


def rfc8448_text():
    """For `trace_rfc8448` and `vectors`: RFC 8448's text, one file per section (2..7)."""
    lines = open(os.path.join(VEC, "rfc", "rfc8448.txt"), "rb").read().split(b"\n")
    heads = [i for i, l in enumerate(lines) if l[:1].isdigit() and b".  " in l[:5]]
    for a, b in zip(heads, heads[1:]):
        number = lines[a].split(b".")[0].decode()
        if number in ("2", "3", "4", "5", "6", "7"):
            text = b"\n".join(lines[a:b]) + b"\n"
            put("trace_rfc8448", "rfc8448-s%s.txt" % number, text)
            if number == "3":
                put("vectors", "rfc8448-s3.txt", text)
                # Up to the ServerHello record: every value checkable without the later ones.
                end = next(i for i in range(a, b) if b"construct an EncryptedExtensions" in lines[i])
                put("trace_rfc8448", "rfc8448-s3-head.txt", b"\n".join(lines[a:end]) + b"\n")
                put("vectors", "rfc8448-s3-head.txt", b"\n".join(lines[a:end]) + b"\n")


def synthetic():
    put("key_update", "update_not_requested-synthetic", b"\x00")
    put("key_update", "update_requested-synthetic", b"\x01")
    put("tls_start", "http-connect-synthetic",
        b"CONNECT example.com:443 HTTP/1.1\r\nHost: example.com\r\n\r\n" + bytes.fromhex("16030100050100000100"))
    put("tls_start", "tpkt-synthetic", bytes.fromhex("0300000b06e00000000000") + bytes.fromhex("16030100050100000100"))
    # STARTTLS families (src/decoder/tls_start.c), each followed by a ClientHello record header
    hello = bytes.fromhex("16030100050100000100")
    put("tls_start", "smtp-starttls-synthetic", b"EHLO client.example\r\nSTARTTLS\r\n" + hello)
    put("tls_start", "smtp-server-synthetic",
        b"220 mx ESMTP\r\n250-mx\r\n250 STARTTLS\r\n220 Ready\r\n" + hello)
    put("tls_start", "imap-starttls-synthetic", b"a1 CAPABILITY\r\na2 STARTTLS\r\n" + hello)
    put("tls_start", "ldap-starttls-synthetic",
        bytes.fromhex("301d02010177188016") + b"1.3.6.1.4.1.1466.20037" + hello)
    put("tls_start", "postgres-sslrequest-synthetic", bytes.fromhex("0000000804d2162f") + hello)
    put("tls_start", "mysql-greeting-synthetic",
        bytes.fromhex("150000000a382e30002a000000616263646566676800ffff21") + hello)
    for path in sorted(glob.glob(os.path.join(VEC, "traces", "*.trace"))):
        put("token_trace", os.path.basename(path), open(path, "rb").read())


if __name__ == "__main__":
    rfc8448()
    captures()
    rfc8448_text()
    synthetic()
    total = sum(os.path.getsize(p) for p in glob.glob(os.path.join(OUT, "*", "*")))
    print("corpus: %d bytes in %d files" % (total, len(glob.glob(os.path.join(OUT, "*", "*")))), file=sys.stderr)
