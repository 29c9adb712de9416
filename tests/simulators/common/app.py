# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Device-independent request/response model, routing and the device application base class.

A device simulator is a :class:`DeviceApp` subclass that registers handlers on its :class:`Router`.
The HTTP server (``common.server``) turns each device request into a :class:`Request`, asks the app for a
:class:`Response` and writes it back; it never needs to know anything about the device.
"""

from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any, Callable
from urllib.parse import parse_qs

JSON_TYPE = "application/json"


class ApiError(Exception):
    """Raised by a handler to answer with an error status.

    :param status: HTTP status code (int).
    :param message: human readable text put in the device's error body.
    :param headers: extra response headers, e.g. ``{"WWW-Authenticate": "Basic"}``.
    :param body: a complete JSON body to send instead of the device's standard error shape.
    """

    def __init__(self, status: int, message: str = "", headers: dict[str, str] | None = None, body: Any = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = dict(headers or {})
        self.body = body


@dataclass
class Response:
    """An HTTP answer: status code, body bytes and extra headers (Content-Length is added by the server)."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str | None = None


def json_response(obj: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    """Serialise ``obj`` as compact UTF-8 JSON into a :class:`Response`."""
    body = json.dumps(obj, separators=(",", ":")).encode("utf-8")
    return Response(status=status, body=body, headers=dict(headers or {}), content_type=JSON_TYPE)


def empty_response(status: int = 204, headers: dict[str, str] | None = None) -> Response:
    """A response without a body (still sent with ``Content-Length: 0``)."""
    return Response(status=status, body=b"", headers=dict(headers or {}))


def reason_phrase(status: int) -> str:
    """The standard reason phrase for ``status``, e.g. ``"Bad Request"`` for 400."""
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


@dataclass
class Request:
    """One parsed device request.

    ``query`` maps each query parameter to the list of its values (``parse_qs`` shape, blank values kept);
    ``headers`` is the case-insensitive header mapping of ``http.server``; ``params`` are the ``{name}`` parts of the
    matched route pattern.
    """

    method: str
    path: str
    raw_query: str
    headers: Any
    body: bytes = b""
    params: dict[str, str] = field(default_factory=dict)
    client: str = ""

    @property
    def query(self) -> dict[str, list[str]]:
        """Query parameters as ``{name: [value, ...]}``."""
        return parse_qs(self.raw_query, keep_blank_values=True)

    def arg(self, name: str, default: str | None = None) -> str | None:
        """The last value of query parameter ``name``, or ``default`` when absent."""
        values = self.query.get(name)
        return values[-1] if values else default

    def header(self, name: str, default: str = "") -> str:
        """One request header (case-insensitive), or ``default``."""
        value = self.headers.get(name) if self.headers is not None else None
        return value if value is not None else default

    def json(self) -> Any:
        """The body decoded as JSON; raises :class:`ApiError` 400 when it is missing or invalid."""
        if not self.body:
            raise ApiError(400, "Required request body is missing")
        try:
            return json.loads(self.body.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ApiError(400, f"JSON parse error: {exc}") from exc

    def json_object(self) -> dict[str, Any]:
        """The body as a JSON object (dict); raises :class:`ApiError` 400 for any other JSON type."""
        obj = self.json()
        if not isinstance(obj, dict):
            raise ApiError(400, "JSON object expected")
        return obj

    def form(self) -> dict[str, str]:
        """An ``application/x-www-form-urlencoded`` body as ``{name: last value}``."""
        try:
            text = self.body.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ApiError(400, "form body is not UTF-8") from exc
        return {key: values[-1] for key, values in parse_qs(text, keep_blank_values=True).items()}

    def auth_kind(self) -> str:
        """How the request authenticates: ``basic``, ``bearer``, ``cookie`` or ``none`` (for the request log)."""
        authorization = self.header("Authorization").strip()
        scheme = authorization.split(" ", 1)[0].lower()
        if scheme == "basic":
            return "basic"
        if scheme == "bearer":
            return "bearer"
        if self.header("Cookie"):
            return "cookie"
        return "none"


Handler = Callable[[Request], Response]

_PARAM = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


def compile_pattern(pattern: str) -> re.Pattern[str]:
    """Turn ``/a/{id}/b`` into a regex where each ``{name}`` matches one non-empty path segment."""
    parts = []
    last = 0
    for match in _PARAM.finditer(pattern):
        parts.append(re.escape(pattern[last:match.start()]))
        parts.append(f"(?P<{match.group(1)}>[^/]+)")
        last = match.end()
    parts.append(re.escape(pattern[last:]))
    return re.compile("^" + "".join(parts) + "/?$")


class Router:
    """Maps (method, path pattern) to handlers; answers 404 for unknown paths and 405 for unknown methods."""

    def __init__(self) -> None:
        self._routes: list[tuple[str, re.Pattern[str], Handler]] = []

    def add(self, method: str, pattern: str, handler: Handler) -> None:
        """Register ``handler`` for ``method`` (e.g. ``GET``) on ``pattern`` (e.g. ``/v1/items/{id}``)."""
        self._routes.append((method.upper(), compile_pattern(pattern), handler))

    def resolve(self, method: str, path: str) -> tuple[Handler, dict[str, str]]:
        """Find the handler and path parameters for a request; raises :class:`ApiError` 404 or 405."""
        allowed: list[str] = []
        for route_method, regex, handler in self._routes:
            match = regex.match(path)
            if match is None:
                continue
            if route_method == method.upper():
                return handler, match.groupdict()
            allowed.append(route_method)
        if allowed:
            raise ApiError(405, f"Request method '{method}' not supported", headers={"Allow": ", ".join(sorted(set(allowed)))})
        raise ApiError(404, "No handler found for " + path)


class DeviceApp:
    """Base class of every device's stateful application.

    Subclasses register routes in ``__init__`` and override the control hooks they support. All handlers of one app
    run under ``self.lock`` (the server takes it), so state needs no further locking; latency is applied outside it.
    """

    name = "device"

    def __init__(self) -> None:
        self.router = Router()
        self.lock = threading.RLock()

    def dispatch(self, request: Request) -> Response:
        """Route ``request`` to its handler and turn an :class:`ApiError` into the device's error response."""
        try:
            handler, params = self.router.resolve(request.method, request.path)
            request.params = params
            return handler(request)
        except ApiError as exc:
            return self.error_response(request, exc)

    def error_response(self, request: Request, error: ApiError) -> Response:
        """Render an :class:`ApiError`; devices override this to mimic their real error body."""
        body = error.body if error.body is not None else {"status": error.status, "error": reason_phrase(error.status), "message": error.message,
                                                          "path": request.path}
        return json_response(body, status=error.status, headers=error.headers)

    # Control hooks (``/__sim__/...``). The defaults answer "not supported" with ApiError 404.
    def expire_tokens(self) -> None:
        """Invalidate every issued token or session."""
        raise ApiError(404, f"{self.name} has no tokens")

    def reset(self, empty: bool) -> None:
        """Re-seed the configuration, or empty it when ``empty`` is true."""
        raise ApiError(404, f"{self.name} cannot reset")

    def configure(self, changes: dict[str, Any]) -> dict[str, Any]:
        """Apply device switches and return the resulting switch values."""
        if changes:
            raise ApiError(400, "unknown switches: " + ", ".join(sorted(changes)))
        return {}

    def insert_item(self, collection: str, item: Any) -> Any:
        """Insert a raw item into ``collection`` behind the client's back; returns the stored item."""
        raise ApiError(404, f"unknown collection {collection}")

    def remove_item(self, collection: str, item_id: str) -> None:
        """Remove item ``item_id`` from ``collection`` behind the client's back; ApiError 404 when absent."""
        raise ApiError(404, f"unknown collection {collection}")

    def dump_state(self) -> dict[str, Any]:
        """The whole in-memory state as JSON-serialisable data."""
        return {}
