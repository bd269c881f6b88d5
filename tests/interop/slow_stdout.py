#!/usr/bin/env python3
"""slow_stdout.py FLAG OUT CMD... — run CMD with its stdout on a one-page pipe that nobody reads
until the file FLAG exists (at most 20 s), then copy everything CMD writes to OUT; exit with
CMD's status.

It holds the client still at a known point: writing the first received record to stdout blocks
once the 4 KiB pipe is full, so whatever the server does meanwhile (fake_server.py's reset modes:
close_notify, then a TCP reset) has happened before the client reads on. The order of events
is then fixed, not a race: the client sends its close_notify after the reset, every time.
"""
import fcntl
import os
import subprocess
import sys
import time


def main():
    flag, out_path, cmd = sys.argv[1], sys.argv[2], sys.argv[3:]
    r, w = os.pipe()
    fcntl.fcntl(w, fcntl.F_SETPIPE_SZ, 4096)  # the smallest pipe Linux makes: one page
    proc = subprocess.Popen(cmd, stdout=w)
    os.close(w)
    deadline = time.monotonic() + 20
    while not os.path.exists(flag) and time.monotonic() < deadline:
        time.sleep(0.02)
    with open(out_path, "wb") as out:
        while True:
            chunk = os.read(r, 65536)
            if not chunk:
                break
            out.write(chunk)
    sys.exit(proc.wait())


if __name__ == "__main__":
    main()
