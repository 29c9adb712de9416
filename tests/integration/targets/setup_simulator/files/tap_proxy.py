# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A plain TCP proxy in front of a device simulator that writes down every session cookie and token it sees.

The simulators' own logs and state never show them (they are random and never leave the module), so the secrets
tests (hmp_diagnostics, dms_diagnostics) put this tap between the modules (and the inventory plugins) and the
simulator and then search the -vvvv output for every value written here.

usage: tap_proxy.py UPSTREAM_PORT PORT_FILE TAPPED_FILE

Listens on 127.0.0.1 (a free port, written to PORT_FILE once listening), forwards every connection to
127.0.0.1:UPSTREAM_PORT, and appends to TAPPED_FILE (one per line, each once), in either direction: HMP's
``calypso-session-id=`` cookies, the ``"sessionId"``, ``"authToken"`` (HMP) and ``"token"`` (DMS) fields of login
answers, and ``Authorization: Bearer`` tokens. Standard library only; stops on SIGTERM.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import sys
import threading

PATTERNS = [re.compile(p, re.IGNORECASE) for p in (
    rb"calypso-session-id=([^;,\s\"]+)",                         # HMP session cookie
    rb"\"(?:sessionId|authToken|token)\"\s*:\s*\"([^\"]+)\"",      # HMP and DMS login answers
    rb"Authorization:[ \t]*Bearer[ \t]+([A-Za-z0-9._~+/=-]+)",     # bearer tokens (HMP API keys, DMS)
)]
#: Bytes of the previous chunk kept, so a value split across two reads is still found.
TAIL = 512


class Tap:
    """The values seen so far, appended to ``path`` as they appear."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.seen: set[bytes] = set()
        self.lock = threading.Lock()

    def scan(self, data: bytes) -> None:
        for pattern in PATTERNS:
            for match in pattern.finditer(data):
                value = match.group(1)
                with self.lock:
                    if value in self.seen:
                        continue
                    self.seen.add(value)
                    with open(self.path, "ab") as out:
                        out.write(value + b"\n")


def pump(source: socket.socket, target: socket.socket, tap: Tap) -> None:
    tail = b""
    try:
        while True:
            chunk = source.recv(65536)
            if not chunk:
                break
            tap.scan(tail + chunk)
            tail = (tail + chunk)[-TAIL:]
            target.sendall(chunk)
    except OSError:
        pass
    finally:
        for sock in (source, target):
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def forward(client: socket.socket, upstream_port: int, tap: Tap) -> None:
    try:
        upstream = socket.create_connection(("127.0.0.1", upstream_port))
    except OSError:
        client.close()
        return
    threads = [threading.Thread(target=pump, args=(client, upstream, tap), daemon=True),
               threading.Thread(target=pump, args=(upstream, client, tap), daemon=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    client.close()
    upstream.close()


def main(argv: list[str]) -> int:
    if len(argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    upstream_port, port_file, tapped = int(argv[1]), argv[2], argv[3]
    open(tapped, "wb").close()
    tap = Tap(tapped)
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", 0))
    server.listen(64)
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    with open(port_file + ".tmp", "w", encoding="ascii") as out:
        out.write(str(server.getsockname()[1]))
    os.replace(port_file + ".tmp", port_file)
    while True:
        client, _address = server.accept()
        threading.Thread(target=forward, args=(client, upstream_port, tap), daemon=True).start()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
