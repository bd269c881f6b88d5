#!/usr/bin/env python3
"""check_decode.py — the benchmark's correctness gate (not a timing check).

    check_decode.py DECODE.json TSHARK_FIELDS.txt

DECODE.json is `tls13 decode --format json` of a generated capture; TSHARK_FIELDS.txt is
`tshark -T fields -e tls.record.content_type` of the same capture with the same key log.
Fails (exit 1) unless, for every connection, both Finished messages are "verified", every
protected record was decrypted, and the number of application_data records we decrypted equals
the number tshark decrypted. (Once it has the keys, tshark reports a protected record's inner
content type as tls.record.content_type; without the key log it reports no 23 at all on these
captures, so the count also proves the baseline really decrypted: a tshark that skipped the work
would make the speed ratio meaningless.)
Prints the counts it compared.
"""
import json
import sys


def ours(path):
    with open(path) as f:
        conns = json.load(f)
    app = 0
    for c in conns:
        for side in ("server_finished", "client_finished"):
            if c.get(side) != "verified":
                sys.exit(f"check: connection {c.get('id')}: {side} is {c.get(side)!r}, not verified")
        for r in c["records"]:
            if r["content_type"] == "application_data" and not r["decrypted"]:
                sys.exit(f"check: connection {c.get('id')}: record at offset {r['offset']} not decrypted")
            if r.get("inner_content_type") == "application_data":
                app += 1
    return len(conns), app


def theirs(path):
    app = 0
    with open(path) as f:
        for line in f:
            app += line.strip().split(",").count("23")
    return app


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: check_decode.py DECODE.json TSHARK_FIELDS.txt")
    conns, app = ours(sys.argv[1])
    app_tshark = theirs(sys.argv[2])
    if app == 0 or app != app_tshark:
        sys.exit(f"check: application_data records: tls13 decrypted {app}, tshark {app_tshark}")
    print(f"check: {conns} connection(s), both Finished verified, every protected record decrypted, "
          f"{app} application_data records (tshark: {app_tshark})")


if __name__ == "__main__":
    main()
