# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Shared command line options, the device plug-in description and the serve loop (READY line, signals)."""

from __future__ import annotations

import argparse
import ipaddress
import logging
import os
import shutil
import signal
import sys
import threading
from dataclasses import dataclass
from typing import Any, Callable

from common.app import DeviceApp
from common.server import SimHTTPServer, SimOptions, dumps_line


@dataclass
class ExtraService:
    """A server a device runs beside its HTTP server (e.g. the Electra SNMP agent), as returned by ``start_extra``.

    ``ready``: fields added to the READY line (e.g. ``{"snmp_port": 1161}``); ``stop()``: shut it down (called once, on
    exit); ``alive()``: False once it died (the simulator then exits with status 1).
    """

    ready: dict[str, Any]
    stop: Callable[[], None]
    alive: Callable[[], bool] = lambda: True


@dataclass
class DeviceSpec:
    """What a device package exports as ``DEVICE`` in its ``device.py``.

    ``name``: the CLI word (``vos``); ``description``: one line for ``--help``; ``default_port``: TCP port when
    ``--port`` is not given; ``credentials``: one line naming the default credentials (shown by ``--help``);
    ``add_arguments(parser)``: add device options; ``create_app(args)``: build the :class:`DeviceApp` from parsed args.
    Optional ``start_extra(args, app, server)``: start further servers once the HTTP server listens (it gets the
    :class:`SimHTTPServer`, so it can share its request log, fault injector and latency) and return an
    :class:`ExtraService`; an exception from it stops the simulator with exit status 1.
    """

    name: str
    description: str
    default_port: int
    credentials: str
    add_arguments: Callable[[argparse.ArgumentParser], None]
    create_app: Callable[[argparse.Namespace], DeviceApp]
    start_extra: Callable[[argparse.Namespace, DeviceApp, SimHTTPServer], ExtraService] | None = None


def _loopback(value: str) -> str:
    """argparse type: accept only loopback addresses (or ``localhost``)."""
    if value == "localhost":
        return "127.0.0.1"
    try:
        address = ipaddress.ip_address(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{value!r} is not an IP address") from exc
    if not address.is_loopback:
        raise argparse.ArgumentTypeError("simulators listen on loopback only")
    return value


def _fraction(value: str) -> float:
    """argparse type: a float in 0..1."""
    number = float(value)
    if not 0.0 <= number <= 1.0:
        raise argparse.ArgumentTypeError("must be between 0 and 1")
    return number


def positive_int(value: str) -> int:
    """argparse type for device options: an int >= 1."""
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be >= 1")
    return number


def non_negative_int(value: str) -> int:
    """argparse type for device options: an int >= 0."""
    number = int(value)
    if number < 0:
        raise argparse.ArgumentTypeError("must be >= 0")
    return number


def _non_negative(value: str) -> float:
    """argparse type: a float >= 0."""
    number = float(value)
    if number < 0:
        raise argparse.ArgumentTypeError("must be >= 0")
    return number


def add_common_arguments(parser: argparse.ArgumentParser, default_port: int) -> None:
    """Add the options every HTTP device shares (docs/dev/simulator-contract.md)."""
    group = parser.add_argument_group("common simulator options")
    group.add_argument("--host", type=_loopback, default="127.0.0.1", help="listen address (loopback only)")
    group.add_argument("--port", type=int, default=default_port, help="TCP port; 0 lets the OS choose")
    group.add_argument("--port-file", default=None, help="write the chosen port number to this file once listening")
    group.add_argument("--tls", action="store_true", help="serve HTTPS with a certificate from a test CA made by trustme")
    group.add_argument("--cert-dir", default=None, help="with --tls: directory that receives ca.pem (None: a new temp dir)")
    group.add_argument("--latency-ms", type=_non_negative, default=0.0, help="sleep this many milliseconds before answering each device request")
    group.add_argument("--fault-rate", type=_fraction, default=0.0, help="fraction (0..1) of device requests answered with 503")
    group.add_argument("--seed", type=int, default=1, help="random seed for generated data")
    group.add_argument("--access-log", action="store_true", help="log every request to stderr")


def write_port_file(path: str, port: int) -> None:
    """Write ``port`` to ``path`` atomically (a reader never sees a partial number)."""
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as handle:
        handle.write(f"{port}\n")
    os.replace(tmp, path)


def run(spec: DeviceSpec, args: argparse.Namespace) -> int:
    """Build the app, listen, print the READY line, serve until SIGTERM/SIGINT, then shut down cleanly (exit code 0)."""
    logging.basicConfig(level=logging.INFO if args.access_log else logging.WARNING, stream=sys.stderr,
                        format="%(asctime)s %(name)s %(levelname)s %(message)s")
    app = spec.create_app(args)
    ssl_context = None
    ca_path: str | None = None
    temp_dir: str | None = None
    if args.tls:
        from common.tls import make_server_context  # pylint: disable=import-outside-toplevel
        ssl_context, ca_path, temp_dir = make_server_context(args.cert_dir)
    options = SimOptions(latency_ms=args.latency_ms, fault_rate=args.fault_rate, seed=args.seed, access_log=args.access_log)
    server = SimHTTPServer((args.host, args.port), app, options, ssl_context)
    stop = threading.Event()

    def _on_signal(signum: int, frame: Any) -> None:  # pylint: disable=unused-argument
        stop.set()

    signal.signal(signal.SIGTERM, _on_signal)
    signal.signal(signal.SIGINT, _on_signal)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, name="serve", daemon=True)
    thread.start()
    extra: ExtraService | None = None
    try:
        if spec.start_extra is not None:
            try:
                extra = spec.start_extra(args, app, server)
            except Exception as exc:  # pylint: disable=broad-except
                print(f"{spec.name}: cannot start: {exc}", file=sys.stderr, flush=True)
                return 1
        if args.port_file:
            write_port_file(args.port_file, server.port)
        scheme = "https" if ssl_context is not None else "http"
        host = f"[{args.host}]" if ":" in args.host else args.host
        ready = {"device": spec.name, "url": f"{scheme}://{host}:{server.port}", "port": server.port, "ca": ca_path}
        if extra is not None:
            ready.update(extra.ready)
        print(dumps_line(ready), flush=True)
        while not stop.wait(0.2):
            if not thread.is_alive() or (extra is not None and not extra.alive()):
                return 1
    finally:
        if extra is not None:
            extra.stop()
        server.shutdown()
        server.server_close()
        if temp_dir is not None:
            shutil.rmtree(temp_dir, ignore_errors=True)
    return 0
