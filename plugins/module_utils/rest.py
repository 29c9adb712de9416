# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What every REST device client shares: connection options, base URL, endpoint paths the user can correct,
an :class:`~.transport.HttpClient` built from the options, memoised reads, and concurrent paging.

A device client subclasses :class:`RestClient`, gives its ``DEFAULT_PATHS``, its :class:`~.transport.AuthHandler`
and its quirks (envelopes, empty-list answers, error shapes); nothing else about HTTP is written per device.
"""

from __future__ import annotations

import ipaddress
import math
import threading
from functools import partial
from typing import Any, Callable, Dict, FrozenSet, List, Mapping, Optional, Sequence, Tuple
from urllib.parse import urlparse

from ansible.module_utils.basic import env_fallback

from .errors import ApiError, AuthenticationError, EndpointDisabled, ValidationError
from .transport import MAX_WORKERS, AuthHandler, HttpClient, decode_json
from .resource import ResourceClient, run_concurrently


def connection_spec(prefix: str, default_port: int, device_options: Optional[Mapping[str, Dict[str, Any]]] = None,
                    use_ssl: bool = True) -> Dict[str, Dict[str, Any]]:
    """The argument spec of a REST device's connection options, with ``<PREFIX>_<OPTION>`` environment fallbacks.

    :param prefix: environment variable prefix (``VOS``, ``HMP``).
    :param default_port: TCP port used when ``port`` is not given.
    :param device_options: the device's own options (credentials...), inserted after ``ca_path``.
    :param use_ssl: whether to offer the ``use_ssl`` option (HTTPS by default, plain HTTP for lab simulators).
    :returns: ``{option: Ansible argument spec}``: host, port, [use_ssl], validate_certs, ca_path, the device's
        options, timeout (s), connect_timeout (s), retries, max_workers, endpoint_paths.
    """
    def env(option: str) -> Tuple[Any, List[str]]:
        return (env_fallback, ["%s_%s" % (prefix, option.upper())])

    spec: Dict[str, Dict[str, Any]] = {
        "host": {"type": "str", "fallback": env("host")},
        "port": {"type": "int", "default": default_port, "fallback": env("port")},
    }
    if use_ssl:
        spec["use_ssl"] = {"type": "bool", "default": True, "fallback": env("use_ssl")}
    spec["validate_certs"] = {"type": "bool", "default": True, "fallback": env("validate_certs")}
    spec["ca_path"] = {"type": "path", "fallback": env("ca_path")}
    for option, option_spec in (device_options or {}).items():
        spec[option] = dict(option_spec)
    spec.update({
        "timeout": {"type": "float", "default": 30.0},
        "connect_timeout": {"type": "float", "default": 10.0},
        "retries": {"type": "int", "default": 3},
        "max_workers": {"type": "int", "default": 4},
        "endpoint_paths": {"type": "dict"},
    })
    return spec


def base_url(params: Mapping[str, Any], default_port: int = 443) -> str:
    """``https://HOST:PORT`` from ``host`` (a name, an address, or a URL with scheme), ``port`` and ``use_ssl``.

    :raises ValidationError: a URL with a bad port or scheme (the message names ``host``).
    """
    host = str(params.get("host") or "").strip().rstrip("/")
    if "://" in host:
        parsed = urlparse(host)
        scheme, netloc = parsed.scheme, parsed.netloc
        try:
            url_port = parsed.port
        except ValueError:
            raise ValidationError("host: %r has an invalid port; give a host name or address, or a URL such as "
                                  "https://device.example.com:8443" % host) from None
        if scheme not in ("http", "https") or not parsed.hostname:
            raise ValidationError("host: %r is not an http:// or https:// URL with a host name" % host)
        # a URL without a port uses the option's port, except the default HTTPS port on a plain http:// URL
        if url_port is None and params.get("port") and not (scheme == "http" and int(params["port"]) == default_port == 443):
            netloc = "%s:%s" % (netloc, params["port"])
        return "%s://%s" % (scheme, netloc)
    port = params.get("port") or default_port
    if ":" in host and not host.startswith("["):
        try:
            ipaddress.IPv6Address(host)
            host = "[%s]" % host  # a bare IPv6 address
        except ValueError:
            name, _sep, given_port = host.rpartition(":")
            if not name or not given_port.isdigit() or ":" in name:
                raise ValidationError("host: %r is neither a host name, an IP address nor a URL; give the port with the "
                                      "port option (host: device.example.com, port: 8443)" % host) from None
            host, port = name, int(given_port)  # name:port
    if not host:
        raise ValidationError("host: give the device's host name or address")
    scheme = "https" if params.get("use_ssl", True) else "http"
    return "%s://%s:%s" % (scheme, host, port)


def given(params: Mapping[str, Any], option: str, default: Any) -> Any:
    """The option's value, or ``default`` when it is not set (0 stays 0, so that it is refused, not replaced)."""
    value = params.get(option)
    return default if value is None else value


def resolve_paths(defaults: Mapping[str, str], overrides: Optional[Mapping[str, Any]], device: str) -> Dict[str, str]:
    """``defaults`` (endpoint key -> path) with the user's ``endpoint_paths`` applied.

    An entry is a path (``/api/v2/devices``) or ``{"path": str, "enabled": bool}`` (both keys optional; see
    :func:`disabled_endpoints`).

    :param device: the device's display name for messages (``VOS``).
    :raises ValidationError: an unknown key, a path that does not start with ``/``, an entry of another shape.
    """
    paths = dict(defaults)
    if overrides is not None and not isinstance(overrides, Mapping):
        raise ValidationError("endpoint_paths: give a dictionary of endpoint key -> path")
    for key, value in (overrides or {}).items():
        if key not in paths:
            raise ValidationError("endpoint_paths: %r is not an endpoint key of %s; allowed: %s" % (key, device, ", ".join(sorted(paths))))
        if isinstance(value, Mapping):
            unknown = sorted(set(value) - {"path", "enabled"})
            if unknown:
                raise ValidationError("endpoint_paths.%s: %s is not allowed; give path and/or enabled" % (key, ", ".join(unknown)))
            if not isinstance(value.get("enabled", True), bool):
                raise ValidationError("endpoint_paths.%s.enabled: %r is not a boolean" % (key, value.get("enabled")))
            if value.get("path") is None:
                continue
            value = value["path"]
        if not isinstance(value, str) or not value.startswith("/"):
            raise ValidationError("endpoint_paths.%s: %r must be a path starting with /" % (key, value))
        paths[key] = value.rstrip("/")
    return paths


def disabled_endpoints(overrides: Optional[Mapping[str, Any]]) -> FrozenSet[str]:
    """Endpoint keys the user switched off with ``endpoint_paths: {KEY: {enabled: false}}`` (the monitoring
    connectors' "API Endpoint Status" switch). Call after :func:`resolve_paths` has validated ``overrides``."""
    return frozenset(key for key, value in (overrides or {}).items()
                     if isinstance(value, Mapping) and value.get("enabled") is False)


class Page:
    """One page of a collection.

    :param items: the page's items (list of dicts).
    :param pages: the total number of pages when the device tells it (or it can be computed), else None.
    :param more: whether a next page exists (used when ``pages`` is None).
    """

    def __init__(self, items: List[Dict[str, Any]], pages: Optional[int] = None, more: bool = False) -> None:
        self.items = items
        self.pages = pages
        self.more = more


def page_count(total: Any, page_size: Any) -> Optional[int]:
    """``ceil(total / page_size)`` for a device that reports a result count and the page size it used, else None."""
    try:
        total_n, size_n = int(total), int(page_size)
    except (TypeError, ValueError):
        return None
    if size_n <= 0 or total_n < 0:
        return None
    return int(math.ceil(total_n / float(size_n)))


def fetch_all_pages(fetch: Callable[[int], Page], run: Callable[[Sequence[Callable[[], Any]]], List[Any]],
                    max_pages: int = 100000) -> List[Dict[str, Any]]:
    """Every item of a paged collection.

    Page 1 is read first. When it tells the page count, pages 2..N are read concurrently (through ``run``, the
    client's bounded pool); otherwise pages are followed one after the other while ``more`` says so.

    :param fetch: ``fn(page_number) -> Page`` (1-based).
    :param run: runs callables concurrently and returns their results in order (``RestClient.run_concurrently``).
    :param max_pages: safety bound against a device that always answers "more".
    :returns: the items of every page, in page order.
    """
    first = fetch(1)
    items = list(first.items)
    if first.pages is not None:
        numbers = list(range(2, min(first.pages, max_pages) + 1))
        for page in run([partial(fetch, n) for n in numbers]):
            items.extend(page.items)
        return items
    number, page = 1, first
    while page.more and page.items and number < max_pages:
        number += 1
        page = fetch(number)
        items.extend(page.items)
    return items


class RestClient(ResourceClient):
    """Base of every REST device client, shared by every request of one module or inventory run.

    :param params: the connection options (see :func:`connection_spec`).
    :param default_paths: endpoint key -> path; ``endpoint_paths`` overrides entries.
    :param device: the device's display name in messages (``VOS``).
    :param env_prefix: prefix of the environment fallbacks, named in messages (``VOS``).
    :param auth_factory: ``fn(params) -> AuthHandler`` (raises ValidationError for missing credentials).
    :param check_mode: refuse every write.
    :param offline: build without a host, for ``state: rendered`` (no request is ever sent).
    :param default_port: port used when ``port`` is not given.
    :param error_parser: the device's error body parser (``HttpClient``'s default otherwise).
    :raises ValidationError: missing host, bad settings, unknown ``endpoint_paths`` key.
    """

    def __init__(self, params: Mapping[str, Any], default_paths: Mapping[str, str], device: str, env_prefix: str,
                 auth_factory: Callable[[Mapping[str, Any]], Optional[AuthHandler]], check_mode: bool = False,
                 offline: bool = False, default_port: int = 443,
                 error_parser: Optional[Callable[[Any], Tuple[str, Optional[str]]]] = None) -> None:
        self.device = device
        self.params = params
        self.paths = resolve_paths(default_paths, params.get("endpoint_paths"), device)
        #: endpoint keys switched off by the user: never requested
        self.disabled = disabled_endpoints(params.get("endpoint_paths"))
        workers = params.get("max_workers")
        self.max_workers = 4 if workers is None else workers
        if not isinstance(self.max_workers, int) or not 1 <= self.max_workers <= MAX_WORKERS:
            raise ValidationError("max_workers: %s is not allowed; give 1 (sequential) to %d" % (workers, MAX_WORKERS))
        self._memo: Dict[Tuple[str, str], Any] = {}
        self._memo_locks: Dict[Tuple[str, str], threading.Lock] = {}
        self._memo_guard = threading.Lock()
        self.auth: Optional[AuthHandler] = None
        self.http: Optional[HttpClient] = None
        #: warnings for the module result (device limits worth telling the user, e.g. "events cannot be deleted")
        self.warnings: List[str] = []
        if offline:
            return
        if not params.get("host"):
            raise ValidationError("host is required: the %s's address (option host, or %s_HOST)" % (device, env_prefix))
        self.auth = auth_factory(params)
        self.http = HttpClient(base_url(params, default_port), timeout=given(params, "timeout", 30.0),
                               connect_timeout=given(params, "connect_timeout", 10.0),
                               validate_certs=params.get("validate_certs", True), ca_path=params.get("ca_path"),
                               retries=given(params, "retries", 3), pool_size=self.max_workers,
                               check_mode=check_mode, auth=self.auth, error_parser=error_parser)

    def request(self, method: str, path: str, endpoint: Optional[str] = None, **kwargs: Any) -> Any:
        """Send one request to ``path`` and return the decoded JSON (None for an empty body).

        :param endpoint: the endpoint key counted in the per-endpoint statistics (default: ``path``).
        :raises AuthenticationError: 401 after a fresh login (the auth handler already logged in again once), or a
            403 that :meth:`permission_detail` reads as a missing permission.
        :raises ApiError: any other error status (``code`` holds the device's own error code).
        :raises TransportError: unreachable device.
        """
        try:
            return decode_json(self.online().request(method, path, endpoint=endpoint or path, **kwargs))
        except ApiError as exc:
            if exc.status == 401:
                raise AuthenticationError("%s answered 401 to %s %s %s: %s" % (
                    self.device, method, path, getattr(self.auth, "rejection", "after a fresh login"), exc.message),
                    exc.details) from None
            detail = self.permission_detail(exc) if exc.status == 403 else None
            if detail is not None:
                raise AuthenticationError("%s refused %s %s (HTTP 403): the user lacks the permission this needs%s" % (
                    self.device, method, path, detail), exc.details) from None
            raise

    def permission_detail(self, exc: ApiError) -> Optional[str]:
        """For a 403: the text that follows "the user lacks the permission this needs" (default none), or None when
        the device uses 403 for something else and the :class:`ApiError` should pass on unchanged."""
        return ""

    def online(self) -> HttpClient:
        """The :class:`HttpClient`; raises for an offline (rendering) client."""
        if self.http is None:
            raise ValidationError("internal error: an offline client cannot send requests")
        return self.http

    def endpoint(self, key: str) -> str:
        """The path of endpoint ``key``.

        :raises EndpointDisabled: the user switched it off (``endpoint_paths.KEY.enabled: false``).
        """
        if key in self.disabled:
            raise EndpointDisabled("the %s endpoint %r (%s) is switched off in endpoint_paths (enabled: false); this "
                                   "needs it" % (self.device, key, self.paths[key]), key)
        return self.paths[key]

    def cached(self, key: str, fetch: Callable[[], Any], scope: str = "") -> Any:
        """``fetch()`` once per client for ``(scope, key)``, even when called from several threads at once."""
        memo_key = (scope, key)
        with self._memo_guard:
            lock = self._memo_locks.setdefault(memo_key, threading.Lock())
        with lock:
            if memo_key not in self._memo:
                self._memo[memo_key] = fetch()
            return self._memo[memo_key]

    def forget(self, key: str, scope: str = "") -> None:
        """Drop one memoised read (after a write changed it)."""
        with self._memo_guard:
            self._memo.pop((scope, key), None)

    def run_concurrently(self, funcs: Sequence[Callable[[], Any]]) -> List[Any]:
        """Run callables with at most ``max_workers`` at once; results in order; the first error is raised."""
        return run_concurrently(funcs, self.max_workers)

    def close(self) -> None:
        """Log out (best effort) and close the connection pool."""
        if self.http is not None:
            self.http.close()
