# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Threaded HTTP/1.1 server shared by every HTTP device simulator.

It adds, around a :class:`common.app.DeviceApp`: keep-alive with an exact ``Content-Length`` on every answer,
per-request latency (slept in the request's own thread, so concurrent clients overlap), random and scripted faults,
connection drops, the request log, and the ``/__sim__/`` control API of docs/dev/simulator-contract.md.
"""

from __future__ import annotations

import json
import logging
import random
import socket
import ssl
import threading
import time
from collections import deque
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

from common.app import ApiError, DeviceApp, Request, Response, json_response, reason_phrase

CONTROL_PREFIX = "/__sim__/"
MAX_BODY_BYTES = 16 * 1024 * 1024
REQUEST_LOG_LIMIT = 100_000

LOG = logging.getLogger("simulator")


@dataclass
class SimOptions:
    """Behaviour switches common to every device.

    ``latency_ms``: sleep before answering each device request (milliseconds).
    ``fault_rate``: fraction 0..1 of device requests answered with 503.
    ``seed``: seed of the fault generator. ``access_log``: log one line per request to stderr.
    """

    latency_ms: float = 0.0
    fault_rate: float = 0.0
    seed: int = 1
    access_log: bool = False


@dataclass
class FaultRule:
    """A scripted fault: the next ``count`` matching requests fail.

    ``methods``: upper-case methods to match (None = any); ``path_prefix``: path prefix to match;
    ``status``: status to answer; ``retry_after``: seconds for a ``Retry-After`` header (None = no header);
    ``drop``: close the connection without an answer instead.
    """

    count: int
    status: int = 503
    methods: list[str] | None = None
    path_prefix: str = ""
    retry_after: int | float | None = None
    drop: bool = False

    @classmethod
    def from_json(cls, body: Any) -> FaultRule:
        """Build a rule from the ``POST /__sim__/faults`` body; raises ApiError 400 on bad input."""
        if not isinstance(body, dict):
            raise ApiError(400, "fault body must be a JSON object")
        unknown = set(body) - {"count", "status", "methods", "path_prefix", "retry_after", "drop"}
        if unknown:
            raise ApiError(400, "unknown fault fields: " + ", ".join(sorted(unknown)))
        count = body.get("count", 1)
        status = body.get("status", 503)
        methods = body.get("methods")
        path_prefix = body.get("path_prefix", "") or ""
        retry_after = body.get("retry_after")
        if not isinstance(count, int) or isinstance(count, bool) or count < 1:
            raise ApiError(400, "count must be a positive integer")
        if not isinstance(status, int) or isinstance(status, bool) or not 100 <= status <= 599:
            raise ApiError(400, "status must be an HTTP status code")
        if methods is not None and (not isinstance(methods, list) or not all(isinstance(m, str) for m in methods)):
            raise ApiError(400, "methods must be a list of strings")
        if not isinstance(path_prefix, str):
            raise ApiError(400, "path_prefix must be a string")
        if retry_after is not None and (not isinstance(retry_after, (int, float)) or isinstance(retry_after, bool)):
            raise ApiError(400, "retry_after must be a number of seconds")
        return cls(count=count, status=status, methods=[m.upper() for m in methods] if methods is not None else None,
                   path_prefix=path_prefix, retry_after=retry_after, drop=bool(body.get("drop", False)))

    def matches(self, method: str, path: str) -> bool:
        """Whether this rule applies to a request."""
        return (self.methods is None or method.upper() in self.methods) and path.startswith(self.path_prefix)

    def to_json(self) -> dict[str, Any]:
        """The rule as reported by ``GET /__sim__/faults``."""
        return {"count": self.count, "status": self.status, "methods": self.methods, "path_prefix": self.path_prefix,
                "retry_after": self.retry_after, "drop": self.drop}


class FaultInjector:
    """Scripted fault rules (consumed in order) plus a random fault rate; thread-safe."""

    def __init__(self, rate: float, seed: int) -> None:
        self.rate = rate
        self._rng = random.Random(seed)
        self._rules: list[FaultRule] = []
        self._lock = threading.Lock()

    def add(self, rule: FaultRule) -> None:
        """Queue a scripted rule."""
        with self._lock:
            self._rules.append(rule)

    def clear(self) -> None:
        """Forget every scripted rule."""
        with self._lock:
            self._rules.clear()

    def pending(self) -> list[dict[str, Any]]:
        """The scripted rules that still have requests to fail."""
        with self._lock:
            return [rule.to_json() for rule in self._rules]

    def pick(self, method: str, path: str) -> FaultRule | None:
        """The fault to apply to this request, if any (a scripted match first, then the random rate)."""
        with self._lock:
            for rule in self._rules:
                if rule.matches(method, path):
                    rule.count -= 1
                    if rule.count <= 0:
                        self._rules.remove(rule)
                    return FaultRule(count=1, status=rule.status, retry_after=rule.retry_after, drop=rule.drop)
            if self.rate > 0 and self._rng.random() < self.rate:
                return FaultRule(count=1, status=503)
        return None


class RequestLog:
    """Bounded, thread-safe list of device requests (see the contract for the entry shape)."""

    def __init__(self, limit: int = REQUEST_LOG_LIMIT) -> None:
        self._entries: deque[dict[str, Any]] = deque(maxlen=limit)
        self._lock = threading.Lock()

    def add(self, entry: dict[str, Any]) -> None:
        """Append one entry."""
        with self._lock:
            self._entries.append(entry)

    def entries(self) -> list[dict[str, Any]]:
        """A copy of every entry, oldest first."""
        with self._lock:
            return list(self._entries)

    def clear(self) -> None:
        """Remove every entry."""
        with self._lock:
            self._entries.clear()


def log_query(raw_query: str, request: Request) -> dict[str, Any]:
    """Query parameters for the request log: ``{name: value}``, or ``{name: [values]}`` when repeated."""
    if not raw_query:
        return {}
    return {key: values[0] if len(values) == 1 else values for key, values in request.query.items()}


class SimHTTPServer(ThreadingHTTPServer):
    """A ThreadingHTTPServer bound to one :class:`DeviceApp`, with optional TLS wrapped per connection."""

    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128

    def __init__(self, address: tuple[str, int], app: DeviceApp, options: SimOptions, ssl_context: ssl.SSLContext | None = None) -> None:
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, SimRequestHandler)
        self.app = app
        self.options = options
        self.ssl_context = ssl_context
        self.faults = FaultInjector(options.fault_rate, options.seed)
        self.request_log = RequestLog()

    @property
    def port(self) -> int:
        """The TCP port actually bound (useful with port 0)."""
        return int(self.server_address[1])

    def get_request(self) -> tuple[socket.socket, Any]:
        """Accept a connection; with TLS the handshake is deferred to the request thread (a bad client never blocks accept)."""
        sock, address = super().get_request()
        if self.ssl_context is not None:
            sock = self.ssl_context.wrap_socket(sock, server_side=True, do_handshake_on_connect=False)
        return sock, address

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Stay quiet about clients that go away or fail the TLS handshake; log anything else."""
        LOG.debug("connection error from %s", client_address, exc_info=True)


class SimRequestHandler(BaseHTTPRequestHandler):
    """Reads one request, applies control API / faults / latency, asks the app, writes the answer."""

    protocol_version = "HTTP/1.1"
    server_version = "broadcast-video-sim/1.0"
    # headers and body are separate writes: without TCP_NODELAY every answer waits for the peer's delayed ACK
    disable_nagle_algorithm = True
    server: SimHTTPServer

    def version_string(self) -> str:
        """The ``Server`` header value."""
        return self.server_version

    def setup(self) -> None:
        """Complete a deferred TLS handshake before reading (errors close the connection quietly)."""
        super().setup()
        if isinstance(self.connection, ssl.SSLSocket):
            self.connection.do_handshake()

    # Every method goes through the same path.
    def do_GET(self) -> None:  # pylint: disable=invalid-name
        """Handle GET."""
        self._handle()

    def do_POST(self) -> None:  # pylint: disable=invalid-name
        """Handle POST."""
        self._handle()

    def do_PUT(self) -> None:  # pylint: disable=invalid-name
        """Handle PUT."""
        self._handle()

    def do_DELETE(self) -> None:  # pylint: disable=invalid-name
        """Handle DELETE."""
        self._handle()

    def do_PATCH(self) -> None:  # pylint: disable=invalid-name
        """Handle PATCH."""
        self._handle()

    def do_HEAD(self) -> None:  # pylint: disable=invalid-name
        """Handle HEAD (answered like GET, without the body)."""
        self._handle()

    def log_message(self, format: str, *args: Any) -> None:  # pylint: disable=redefined-builtin
        """Access log to stderr only with ``--access-log``."""
        if self.server.options.access_log:
            LOG.info("%s - %s", self.address_string(), format % args)

    def _read_body(self) -> bytes | None:
        """The request body (Content-Length or chunked); None after answering 400/413 itself."""
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            chunks = []
            total = 0
            while True:
                line = self.rfile.readline(65537)
                try:
                    size = int(line.split(b";", 1)[0].strip() or b"0", 16)
                except ValueError:
                    self._send_plain(400, "bad chunk size", close=True)
                    return None
                if size == 0:
                    while self.rfile.readline(65537) not in (b"\r\n", b"\n", b""):
                        pass
                    return b"".join(chunks)
                total += size
                if total > MAX_BODY_BYTES:
                    self._send_plain(413, "request body too large", close=True)
                    return None
                chunks.append(self.rfile.read(size))
                self.rfile.readline(65537)
        length_text = self.headers.get("Content-Length", "0") or "0"
        try:
            length = int(length_text)
        except ValueError:
            self._send_plain(400, "bad Content-Length", close=True)
            return None
        if length < 0 or length > MAX_BODY_BYTES:
            self._send_plain(413, "request body too large", close=True)
            return None
        return self.rfile.read(length) if length else b""

    def _handle(self) -> None:
        started = time.monotonic()
        parts = urlsplit(self.path)
        path = parts.path or "/"
        body = self._read_body()
        if body is None:
            return
        request = Request(method=self.command, path=path, raw_query=parts.query, headers=self.headers, body=body,
                          client=self.client_address[0] if self.client_address else "")
        if path.startswith(CONTROL_PREFIX):
            self._send(self._control(request))
            return

        options = self.server.options
        if options.latency_ms > 0:
            time.sleep(options.latency_ms / 1000.0)
        fault = self.server.faults.pick(request.method, path)
        status: int | None
        if fault is not None and fault.drop:
            status = None
            self._drop()
        else:
            if fault is not None:
                headers = {}
                if fault.retry_after is not None:
                    headers["Retry-After"] = str(int(fault.retry_after)) if float(fault.retry_after).is_integer() else str(fault.retry_after)
                error = ApiError(fault.status, "Simulated fault: " + reason_phrase(fault.status), headers=headers)
                response = self.server.app.error_response(request, error)
            else:
                try:
                    with self.server.app.lock:
                        response = self.server.app.dispatch(request)
                except Exception:  # pylint: disable=broad-except
                    LOG.exception("handler failed for %s %s", request.method, path)
                    response = self.server.app.error_response(request, ApiError(500, "simulator internal error"))
            status = response.status
        # logged before the answer goes out, so a client that reads the log right after its call sees this request
        self.server.request_log.add({
            "method": request.method,
            "path": path,
            "query": log_query(parts.query, request),
            "status": status,
            "auth": request.auth_kind(),
            "duration_ms": round((time.monotonic() - started) * 1000.0, 3),
        })
        if status is not None:
            self._send(response)

    def _drop(self) -> None:
        """Close the connection without writing anything (the client sees a reset / remote disconnect)."""
        self.close_connection = True
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def _send(self, response: Response) -> None:
        self.send_response(response.status)
        if response.content_type:
            self.send_header("Content-Type", response.content_type)
        for name, value in response.headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(response.body)))
        self.end_headers()
        if self.command != "HEAD" and response.body:
            self.wfile.write(response.body)

    def _send_plain(self, status: int, text: str, close: bool = False) -> None:
        if close:
            self.close_connection = True
        headers = {"Connection": "close"} if close else {}
        self._send(Response(status=status, body=text.encode("utf-8"), headers=headers, content_type="text/plain; charset=utf-8"))

    # Control API -------------------------------------------------------------------------------------------------
    def _control(self, request: Request) -> Response:
        """Serve ``/__sim__/...`` (no authentication, not logged, no latency or faults)."""
        try:
            return self._control_dispatch(request)
        except ApiError as exc:
            return json_response(exc.body if exc.body is not None else {"error": exc.message}, status=exc.status, headers=exc.headers)

    def _control_dispatch(self, request: Request) -> Response:
        server = self.server
        app = server.app
        method = request.method
        route = request.path[len(CONTROL_PREFIX):].strip("/")
        segments = route.split("/") if route else []

        if route == "requests":
            if method == "GET":
                return json_response(server.request_log.entries())
            if method == "DELETE":
                server.request_log.clear()
                return json_response({"cleared": True})
        elif route == "faults":
            if method == "POST":
                server.faults.add(FaultRule.from_json(request.json()))
                return json_response({"pending": server.faults.pending()})
            if method == "GET":
                return json_response({"pending": server.faults.pending()})
            if method == "DELETE":
                server.faults.clear()
                return json_response({"pending": []})
        elif route == "expire-tokens" and method == "POST":
            with app.lock:
                app.expire_tokens()
            return json_response({"expired": True})
        elif route == "reset" and method == "POST":
            body = request.json_object() if request.body.strip() else {}
            with app.lock:
                app.reset(bool(body.get("empty", False)))
            return json_response({"reset": True, "empty": bool(body.get("empty", False))})
        elif route == "config" and method in ("POST", "GET"):
            changes = request.json_object() if method == "POST" and request.body.strip() else {}
            with app.lock:
                return json_response(app.configure(changes))
        elif route == "state" and method == "GET":
            with app.lock:
                return json_response(app.dump_state())
        elif len(segments) == 2 and segments[0] == "items" and method == "POST":
            with app.lock:
                return json_response(app.insert_item(segments[1], request.json()))
        elif len(segments) == 3 and segments[0] == "items" and method == "DELETE":
            with app.lock:
                app.remove_item(segments[1], segments[2])
            return json_response({"deleted": segments[2]})
        elif route == "" and method == "GET":
            return json_response({"device": app.name, "endpoints": ["requests", "faults", "expire-tokens", "reset", "config", "state", "items"]})
        raise ApiError(404, f"unknown control call {method} {request.path}")


def dumps_line(obj: Any) -> str:
    """Compact one-line JSON (the READY line)."""
    return json.dumps(obj, separators=(", ", ": "))
