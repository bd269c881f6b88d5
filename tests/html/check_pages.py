#!/usr/bin/env python3
"""check_pages.py — the HTML page of `tls13 decode --format html` in a real browser.

    check_pages.py TLS13 VECTORS_DIR OUT_DIR [INPUT KEYLOG]...
    check_pages.py TLS13 VECTORS_DIR OUT_DIR --given-page PAGE INPUT KEYLOG

The second form checks a page made elsewhere (`tls13 connect --html`) against the JSON of INPUT
(the same connection's --trace).

For each INPUT (path relative to VECTORS_DIR; KEYLOG "-" for none) it renders the page and the
JSON of the same input, runs headless Chromium on the page (its DOM after the script ran, and a
1280x800 screenshot) and asserts, per docs/decoder-html.md:

  - the page fetches nothing (no <link>, src=, @import or url()) and Chromium logs no console
    message (an error, or anything the page would print);
  - one data-connection element per JSON connection, and per connection as many data-record
    elements as the JSON has records;
  - each record's fields (data-field, data-offset, data-length) tile its bytes: sorted by offset
    they start at 0, follow each other without gap or overlap, and end at 5 + the JSON's length
    (DTLS, RFC 6347 §4.1: 13 + length; a DTLS 1.3 unified header, RFC 9147 §4, is 2 to 260
    bytes);
  - DTLS records carry the JSON's epoch, sequence_number and retransmission as data-epoch,
    data-sequence-number and data-retransmission;
    decrypted TLSInnerPlaintext fields (data-inner-*) tile 0..their own end the same way;
  - each data-secret value equals the key log's line of that name (NSS label) and every
    connection with keys shows both handshake traffic secrets;
  - each TLS 1.3 Finished the JSON verified (or failed) is on the page as a data-check with
    that data-result;
  - the screenshot is a PNG of 1280x800 that is not blank (many pixels differ from the first).

Exit status 0 when every page passes, 1 otherwise, 77 (ctest: skipped) without Chromium.
"""
import concurrent.futures
import html.parser
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

NSS = {
    "client_early_traffic_secret": "CLIENT_EARLY_TRAFFIC_SECRET",
    "client_handshake_traffic_secret": "CLIENT_HANDSHAKE_TRAFFIC_SECRET",
    "server_handshake_traffic_secret": "SERVER_HANDSHAKE_TRAFFIC_SECRET",
    "client_application_traffic_secret_0": "CLIENT_TRAFFIC_SECRET_0",
    "server_application_traffic_secret_0": "SERVER_TRAFFIC_SECRET_0",
    "exporter_master_secret": "EXPORTER_SECRET",
    "master_secret": "CLIENT_RANDOM",  # TLS 1.2 (RFC 5246 §8.1), from the key log
}

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--hide-scrollbars",
                  "--window-size=1280,800", "--enable-logging=stderr", "--v=0"]


class Page(html.parser.HTMLParser):
    """Collects connections, records with their fields, and secrets from the DOM."""

    def __init__(self):
        super().__init__()
        self.connections = []        # [connection id]
        self.records = []            # dicts: conn, record, fields [(off, len)], inner [(off, len)]
        self.secrets = []            # [conn, name, text]
        self.checks = []             # (conn, data-check, data-result)
        self.conn = None
        self.secret = None           # [conn, name, text] being read
        self.fetches = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "link" or "src" in a:
            self.fetches.append(tag)
        if tag == "section" and "data-connection" in a:
            self.conn = int(a["data-connection"])
            self.connections.append(self.conn)
        if "data-record" in a:
            self.records.append({"conn": int(a["data-connection"]), "record": int(a["data-record"]),
                                 "fields": [], "inner": [], "epoch": a.get("data-epoch"),
                                 "seq": a.get("data-sequence-number"),
                                 "retrans": a.get("data-retransmission") == "true"})
        if "data-field" in a:
            self.records[-1]["fields"].append((int(a["data-offset"]), int(a["data-length"])))
        if "data-inner-field" in a:
            self.records[-1]["inner"].append((int(a["data-inner-offset"]),
                                              int(a["data-inner-length"])))
        if "data-check" in a:
            self.checks.append((self.conn, a["data-check"], a.get("data-result")))
        if "data-secret" in a:
            self.secret = [self.conn, a["data-secret"], ""]

    def handle_data(self, data):
        if self.secret is not None:
            self.secret[2] += data

    def handle_endtag(self, tag):
        if self.secret is not None and tag == "code":
            self.secrets.append(self.secret)
            self.secret = None


# The versions whose key log line is CLIENT_RANDOM (RFC 5246 §8.1; DTLS 1.2, RFC 6347 §4.2.6,
# keeps TLS 1.2's key schedule) and whose Finished is PRF(master_secret, ...).
TLS12 = ("TLS 1.2", "DTLS 1.2")


def record_end(fields, j):
    """Where a record's bytes end: after its header (TLS 5 bytes, RFC 8446 §5.1; DTLS 13,
    RFC 6347 §4.1) and its fragment. A DTLS 1.3 unified header (RFC 9147 §4) is 1 byte of flags,
    a connection ID of 0 to 255 bytes, 1 or 2 of sequence number and 0 or 2 of length: when the
    fields end within that range of the length, that end is taken (the tiling still checks)."""
    if "epoch" not in j:
        return 5 + j["length"]
    if not j.get("unified_header"):
        return 13 + j["length"]
    end = max((o + n for o, n in fields), default=0)
    return end if 2 <= end - j["length"] <= 260 else 2 + j["length"]


def tiles(ranges, end):
    """None when the ranges cover 0..end exactly once, else what is wrong."""
    pos = 0
    for off, length in sorted(ranges):
        if off != pos:
            return "byte %d: %s" % (pos, "gap" if off > pos else "overlap")
        if length <= 0:
            return "empty field at %d" % off
        pos = off + length
    return None if pos == end else "fields end at %d, record at %d" % (pos, end)


def png_not_blank(path):
    """(width, height, differing pixels) of an 8-bit RGB/RGBA PNG, unfiltered by hand."""
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and colour in (2, 6), "unexpected PNG format"
            bpp = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw = zlib.decompress(idat)
    stride = width * bpp
    prev = bytearray(stride)
    first, differing = None, 0
    for y in range(height):
        row = raw[y * (stride + 1):(y + 1) * (stride + 1)]
        f, line = row[0], bytearray(row[1:])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        if first is None:
            first = bytes(line[:bpp])
        differing += sum(1 for x in range(0, stride, bpp) if bytes(line[x:x + bpp]) != first)
        prev = line
    return width, height, differing


def keylog_values(path):
    values = set()
    if path is None:
        return values
    for line in open(path):
        parts = line.split()
        if len(parts) == 3 and not line.startswith("#"):
            values.add((parts[0], parts[2].lower()))
    return values


def run_browser(chromium, page, png):
    profile = tempfile.mkdtemp(prefix="tls13-html-")
    try:
        r = subprocess.run([chromium] + CHROMIUM_FLAGS + ["--user-data-dir=" + profile,
                            "--screenshot=" + png, "--dump-dom", "file://" + page],
                           capture_output=True, text=True, timeout=120)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    console = [l for l in r.stderr.splitlines() if ":CONSOLE" in l]
    return r.returncode, r.stdout, console


def check_one(tls13, chromium, vectors, out_dir, inp, keylog, given=None):
    errors = []
    base = os.path.basename(inp) + (".nokeys" if keylog is None else "")
    page = given or os.path.join(out_dir, base + ".html")
    png = os.path.join(out_dir, base + ".png")
    args = [tls13, "decode"] + (["--keylog", keylog] if keylog else []) + [inp]
    if given is None:
        with open(page, "wb") as f:
            subprocess.run(args[:2] + ["--format", "html"] + args[2:], stdout=f, check=True,
                           cwd=vectors)
    doc = json.loads(subprocess.run(args[:2] + ["--format", "json"] + args[2:], check=True,
                                    cwd=vectors, capture_output=True).stdout)
    # An input's "skipped" entry (flows that are not TLS or DTLS) is no connection.
    doc = [conn for conn in doc if "id" in conn]
    text = open(page, encoding="utf-8").read()
    for bad in ("<link", " src=", "@import", "url("):
        if bad in text:
            errors.append("the page would fetch something (%s)" % bad)
    rc, dom, console = run_browser(chromium, page, png)
    if rc != 0:
        errors.append("chromium exited with %d" % rc)
    errors += ["console: " + l for l in console]
    p = Page()
    p.feed(dom)
    errors += ["the page loads a resource (<%s>)" % t for t in p.fetches]
    if len(p.connections) != len(doc):
        errors.append("%d connections in the page, %d in the JSON" % (len(p.connections), len(doc)))
    records = 0
    for conn in doc:
        mine = [r for r in p.records if r["conn"] == conn["id"]]
        if len(mine) != len(conn["records"]):
            errors.append("connection %d: %d data-record elements, %d JSON records"
                          % (conn["id"], len(mine), len(conn["records"])))
            continue
        for i, (r, j) in enumerate(zip(mine, conn["records"]), 1):
            if r["record"] != i:
                errors.append("connection %d: record %d numbered %d" % (conn["id"], i, r["record"]))
            why = tiles(r["fields"], record_end(r["fields"], j))
            if why is not None:
                errors.append("connection %d record %d: %s" % (conn["id"], i, why))
            if "epoch" in j and (r["epoch"], r["seq"], r["retrans"]) != (
                    str(j["epoch"]), str(j["sequence_number"]), j["retransmission"]):
                errors.append("connection %d record %d: epoch/sequence_number/retransmission %s, "
                              "JSON %s" % (conn["id"], i, (r["epoch"], r["seq"], r["retrans"]),
                                           (j["epoch"], j["sequence_number"], j["retransmission"])))
            if r["inner"]:
                end = max(o + n for o, n in r["inner"])
                why = tiles(r["inner"], end)
                if why is not None:
                    errors.append("connection %d record %d plaintext: %s" % (conn["id"], i, why))
            elif j.get("decrypted") and j["length"] > 16:
                errors.append("connection %d record %d: decrypted, but no plaintext shown"
                              % (conn["id"], i))
            records += 1
    logged = keylog_values(os.path.join(vectors, keylog) if keylog else None)
    checked = 0
    version = {str(conn["id"]): conn["version"] for conn in doc}
    for conn_id, name, value in p.secrets:
        # TLS 1.3's master_secret (§7.1, on connect --html's page) is in no key log; TLS 1.2's
        # is the CLIENT_RANDOM line.
        if name == "master_secret" and version.get(str(conn_id)) not in TLS12:
            continue
        if name in NSS:
            checked += 1
            if (NSS[name], value.strip().lower()) not in logged:
                errors.append("connection %s: %s is not the key log's" % (conn_id, name))
    for conn in doc:
        names = {n for c, n, _ in p.secrets if c == conn["id"]}
        if conn["keys"] and conn["version"] == "TLS 1.3" and not {
                "client_handshake_traffic_secret", "server_handshake_traffic_secret"} <= names:
            errors.append("connection %d: keys, but no handshake traffic secrets" % conn["id"])
    # The Finished checks are shown as computations, with the JSON's verdicts (TLS 1.3, §4.4.4,
    # and TLS 1.2, RFC 5246 §7.4.9); a TLS 1.2 connection with keys shows its master secret.
    for conn in doc:
        names = {n for c, n, _ in p.secrets if c == conn["id"]}
        if conn["keys"] and conn["version"] in TLS12 and "master_secret" not in names:
            errors.append("connection %d: TLS 1.2 keys, but no master_secret" % conn["id"])
        if conn["version"] not in ("TLS 1.3",) + TLS12:
            continue
        for side in ("server", "client"):
            verdict = conn[side + "_finished"]
            shown = [r for c, n, r in p.checks if c == conn["id"] and n == side + " Finished"]
            if verdict != "unknown" and shown != [verdict]:
                errors.append("connection %d: %s Finished %s in the JSON, %s on the page"
                              % (conn["id"], side, verdict, shown))
    width, height, differing = png_not_blank(png)
    if (width, height) != (1280, 800) or differing < 2000:
        errors.append("screenshot %dx%d with %d non-background pixels" % (width, height, differing))
    lines = ["%s %s: %d connections, %d records tiled, %d secrets equal the key log's, "
          "screenshot %d non-background pixels" % ("FAIL" if errors else "ok", base,
          len(doc), records, checked, differing)]
    lines += ["    " + e for e in errors]
    print("\n".join(lines), flush=True)
    return not errors


def main():
    tls13, vectors, out_dir = sys.argv[1:4]
    rest = sys.argv[4:]
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("chromium not installed (scripts/deps.sh installs it): skipped")
        return 77
    os.makedirs(out_dir, exist_ok=True)
    if rest[:1] == ["--given-page"]:
        given, inp, keylog = rest[1:4]
        return 0 if check_one(os.path.abspath(tls13), chromium, vectors, os.path.abspath(out_dir),
                              inp, keylog, os.path.abspath(given)) else 1
    # Two browsers at a time: most of a page's time is Chromium starting, not CPU.
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        jobs = [pool.submit(check_one, os.path.abspath(tls13), chromium, vectors,
                            os.path.abspath(out_dir), inp, None if keylog == "-" else keylog)
                for inp, keylog in zip(rest[0::2], rest[1::2])]
        results = [j.result() for j in jobs]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
