# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""One HTTP layer for every REST device: a ``requests.Session`` with timeouts, TLS, a safe retry policy,
per-endpoint statistics, check-mode enforcement on writes and secret masking.

Retry policy (urllib3's ``Retry``):

* connection errors before a request is sent are retried for every method (nothing reached the device);
* GET, PUT, DELETE and HEAD are retried on read errors and on 502, 503 and 504 with exponential backoff;
* 429 is retried for every method (the device refused to process it), honouring ``Retry-After`` (seconds);
* a POST is never retried after it may have reached the device: callers re-read to learn whether it took effect
  (the resource engine does this).
"""

from __future__ import annotations

import json
import math
import os
import threading
import time
import traceback
from typing import Any, Callable, Dict, Iterable, List, Mapping, Optional, Tuple

from .errors import ApiError, CheckModeWriteError, TransportError, ValidationError

REQUESTS_IMPORT_ERROR: Optional[str]
try:
    import requests
    from requests.adapters import HTTPAdapter
    from urllib3.util.retry import Retry
    REQUESTS_IMPORT_ERROR = None
except ImportError:  # pragma: no cover - exercised by the missing-library path of the modules
    REQUESTS_IMPORT_ERROR = traceback.format_exc()

WRITE_METHODS = frozenset(("POST", "PUT", "PATCH", "DELETE"))
IDEMPOTENT_METHODS = frozenset(("GET", "HEAD", "PUT", "DELETE", "OPTIONS"))
RETRY_STATUSES = (502, 503, 504)
MASK = "********"
#: Longest wait honoured from a ``Retry-After`` header, in seconds.
MAX_RETRY_AFTER = 30.0
#: Longest accepted connect or read timeout, in seconds (one day).
MAX_TIMEOUT = 86400.0
#: Most concurrent workers (and pooled connections) accepted.
MAX_WORKERS = 64
#: Most retries accepted.
MAX_RETRIES = 20


def check_settings(timeout: Any, connect_timeout: Any, retries: Any, pool_size: Any, ca_path: Any = None) -> None:
    """Validate connection settings before anything is sent.

    :raises ValidationError: a timeout that is not a number of seconds in (0, 86400], retries outside 0..20,
        max_workers outside 1..64, or a ca_path that is not a readable file; the message names the option.
    """
    for option, value in (("timeout", timeout), ("connect_timeout", connect_timeout)):
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise ValidationError("%s: %r is not a number of seconds" % (option, value)) from None
        if math.isnan(number) or not 0 < number <= MAX_TIMEOUT:
            raise ValidationError("%s: %r is not allowed; give seconds greater than 0 and at most %d" % (option, value, MAX_TIMEOUT))
    if not isinstance(retries, int) or not 0 <= retries <= MAX_RETRIES:
        raise ValidationError("retries: %r is not allowed; give 0 to %d" % (retries, MAX_RETRIES))
    if not isinstance(pool_size, int) or not 1 <= pool_size <= MAX_WORKERS:
        raise ValidationError("max_workers: %r is not allowed; give 1 (sequential) to %d" % (pool_size, MAX_WORKERS))
    if ca_path and not (os.path.isfile(ca_path) and os.access(ca_path, os.R_OK)):
        raise ValidationError("ca_path: %s is not a readable file; give the PEM file of the CA that signed the device's "
                              "certificate" % ca_path)


def check_latin1(**values: Optional[str]) -> None:
    """HTTP Basic carries latin-1 text only.

    :raises ValidationError: naming the option (never echoing its value) whose text is not latin-1.
    """
    for option, value in values.items():
        if value is None:
            continue
        try:
            str(value).encode("latin-1")
        except UnicodeEncodeError:
            raise ValidationError("%s: HTTP Basic authentication carries only latin-1 characters, and this value has "
                                  "others" % option) from None


class AuthHandler:
    """Interface of a device's authentication scheme, used by :class:`HttpClient`.

    ``apply`` adds credentials to the keyword arguments of one request (headers, auth, cookies);
    ``login`` is called once before the first authenticated request; ``refresh`` is called once after a 401
    and returns True when re-sending the request is worthwhile; ``logout`` ends the session (best effort).
    """

    def login(self, http: "HttpClient") -> None:
        """Authenticate before the first request (default: nothing to do)."""

    def apply(self, kwargs: Dict[str, Any]) -> None:
        """Add credentials to the ``requests`` keyword arguments of one request."""

    def refresh(self, http: "HttpClient") -> bool:
        """Re-authenticate after a 401; return True when the request should be sent once more."""
        return False

    def logout(self, http: "HttpClient") -> None:
        """End the session on the device (best effort, default: nothing)."""

    def secrets(self) -> List[str]:
        """The secret strings (passwords, tokens) to mask in every message."""
        return []


class BasicAuth(AuthHandler):
    """HTTP Basic credentials on every request (no login request, nothing to renew).

    The credentials are checked when the first request needs them, not before: a client whose HTTP side is optional
    (Electra XT facts read SNMP only) can be built without them.

    :param username: user name (latin-1).
    :param password: password (latin-1, masked in every message).
    :param hint: what the missing-credentials message names (``"username and password (ELECTRA_USERNAME...)"``).
    :raises ValidationError: (on first use) a missing username or password, or non-latin-1 text.
    """

    #: read by :meth:`RestClient.request` for its 401 message
    rejection = "with the HTTP Basic username and password it was given: check them"

    def __init__(self, username: Optional[str], password: Optional[str], hint: str = "username and password") -> None:
        self.username = username
        self.password = password
        self.hint = hint

    def login(self, http: "HttpClient") -> None:
        if not self.username or not self.password:
            raise ValidationError("this needs the HTTP interface, and so %s" % self.hint)
        check_latin1(username=self.username, password=self.password)

    def apply(self, kwargs: Dict[str, Any]) -> None:
        kwargs["auth"] = (self.username, self.password)

    def secrets(self) -> List[str]:
        return [self.password] if self.password else []


class TokenAuth(AuthHandler):
    """An :class:`AuthHandler` that logs in once for a token (a bearer token, a session cookie) and logs in again
    once when the device answers 401, however many threads saw that 401 at the same time.

    Subclasses implement :meth:`fetch_token` (one login request, returning the token string) and
    :meth:`apply_token` (put it on a request). ``logins`` counts the logins of this run.
    """

    def __init__(self) -> None:
        self.token: Optional[str] = None
        self.logins = 0
        self._lock = threading.Lock()
        self._local = threading.local()

    def fetch_token(self, http: "HttpClient") -> str:
        """Log in and return the token (raise :class:`~.errors.AuthenticationError` on refused credentials)."""
        raise NotImplementedError

    def apply_token(self, kwargs: Dict[str, Any], token: Optional[str]) -> None:
        """Add ``token`` to the ``requests`` keyword arguments (``kwargs["headers"]`` is a dict)."""
        raise NotImplementedError

    def login(self, http: "HttpClient") -> None:
        self.logins += 1
        self.token = self.fetch_token(http)
        http.add_secret(self.token)

    def apply(self, kwargs: Dict[str, Any]) -> None:
        self._local.token = self.token
        self.apply_token(kwargs, self.token)

    def refresh(self, http: "HttpClient") -> bool:
        with self._lock:
            # only the first thread that saw the stale token logs in again; the others reuse the new one
            if getattr(self._local, "token", None) == self.token:
                self.login(http)
        return True

    def secrets(self) -> List[str]:
        return [self.token] if self.token else []


class EndpointStats:
    """Thread-safe per-endpoint call and error counters: ``{endpoint: {"calls": int, "errors": int}}``."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._stats: Dict[str, Dict[str, int]] = {}

    def record(self, endpoint: str, error: bool) -> None:
        """Count one call of ``endpoint`` (an endpoint key or path), and one error when ``error``."""
        with self._lock:
            entry = self._stats.setdefault(endpoint, {"calls": 0, "errors": 0})
            entry["calls"] += 1
            if error:
                entry["errors"] += 1

    def as_dict(self) -> Dict[str, Dict[str, int]]:
        """A copy of the counters, sorted by endpoint."""
        with self._lock:
            return {k: dict(v) for k, v in sorted(self._stats.items())}


class HttpClient:
    """A ``requests.Session`` wrapper shared by every request of one module or inventory run.

    :param base_url: scheme, host and port, e.g. ``https://vos.example.com:443`` (no trailing slash).
    :param timeout: read timeout in seconds.
    :param connect_timeout: connect timeout in seconds.
    :param validate_certs: verify the device's TLS certificate (default True).
    :param ca_path: path of a PEM CA bundle used for verification instead of the system store.
    :param retries: retries of safe requests (see the module docstring); 0 disables retries.
    :param backoff_factor: seconds; waits are ``backoff_factor * 2 ** (retry - 1)``.
    :param pool_size: connections kept open (at least the number of concurrent workers).
    :param check_mode: when True every write raises :class:`CheckModeWriteError` before anything is sent.
    :param auth: the device's :class:`AuthHandler`, or None.
    :param error_parser: turns an error response into ``(message, device_code)``; the default reads JSON bodies.
    """

    def __init__(self, base_url: str, timeout: float = 30.0, connect_timeout: float = 10.0,
                 validate_certs: bool = True, ca_path: Optional[str] = None, retries: int = 3,
                 backoff_factor: float = 0.5, pool_size: int = 4, check_mode: bool = False,
                 auth: Optional[AuthHandler] = None,
                 error_parser: Optional[Callable[[Any], Tuple[str, Optional[str]]]] = None) -> None:
        if REQUESTS_IMPORT_ERROR is not None:  # pragma: no cover - modules check this first
            raise TransportError("the Python library 'requests' is required but not installed")
        check_settings(timeout, connect_timeout, retries, pool_size, ca_path if validate_certs else None)
        self.base_url = base_url.rstrip("/")
        self.timeout = (float(connect_timeout), float(timeout))
        self.check_mode = check_mode
        self.auth = auth
        self.retries = max(0, int(retries))
        self.error_parser = error_parser or default_error_parser
        self.stats = EndpointStats()
        self.log: List[Dict[str, Any]] = []
        self._log_lock = threading.Lock()
        self._extra_secrets: List[str] = []
        self._logged_in = False
        self._login_lock = threading.Lock()
        self.session = requests.Session()
        # Passed on every request too: requests lets REQUESTS_CA_BUNDLE / CURL_CA_BUNDLE override Session.verify.
        self.verify: Any = ca_path if ca_path and validate_certs else bool(validate_certs)
        self.session.verify = self.verify
        if not validate_certs:
            import urllib3
            urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)
        retry = Retry(total=self.retries, connect=self.retries, read=self.retries, status=self.retries,
                      backoff_factor=backoff_factor, status_forcelist=RETRY_STATUSES + (429,),
                      allowed_methods=IDEMPOTENT_METHODS, respect_retry_after_header=True,
                      raise_on_status=False, raise_on_redirect=False)
        adapter = HTTPAdapter(max_retries=retry, pool_connections=1, pool_maxsize=max(1, int(pool_size)))
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        self.session.headers.update({"Accept": "application/json", "User-Agent": "broadcast.video-ansible"})

    # ------------------------------------------------------------------ secrets
    def add_secret(self, value: Optional[str]) -> None:
        """Register one more string (a token, a cookie) to be masked in every message."""
        if value:
            self._extra_secrets.append(str(value))

    def mask(self, text: str) -> str:
        """Return ``text`` with every known secret replaced by ``********``."""
        secrets = list(self._extra_secrets)
        if self.auth is not None:
            secrets.extend(self.auth.secrets())
        for secret in sorted((s for s in secrets if s and len(s) >= 3), key=len, reverse=True):
            text = text.replace(secret, MASK)
        return text

    # ------------------------------------------------------------------ requests
    def ensure_login(self) -> None:
        """Log in once per client (thread-safe); later calls do nothing."""
        if self.auth is None or self._logged_in:
            return
        with self._login_lock:
            if not self._logged_in:
                self.auth.login(self)
                self._logged_in = True

    def request(self, method: str, path: str, *, params: Optional[Mapping[str, Any]] = None,
                json_body: Any = None, data: Any = None, headers: Optional[Mapping[str, str]] = None,
                endpoint: Optional[str] = None, authenticate: bool = True, write: Optional[bool] = None,
                expected: Iterable[int] = (200, 201, 202, 204), allow_redirects: bool = False,
                extra: Optional[Dict[str, Any]] = None) -> "requests.Response":
        """Send one request and return the response when its status is in ``expected``.

        :param method: HTTP method.
        :param path: path below ``base_url`` (leading slash) or an absolute URL.
        :param params: query parameters.
        :param json_body: a JSON-serialisable body.
        :param data: a form body (dict) or raw text.
        :param endpoint: the endpoint key counted in :attr:`stats` (default: the path).
        :param authenticate: apply the :class:`AuthHandler` (False for login calls themselves).
        :param write: whether this changes the device (default: POST, PUT, PATCH, DELETE are writes);
            writes raise :class:`CheckModeWriteError` in check mode.
        :param expected: statuses that count as success.
        :raises CheckModeWriteError: a write in check mode.
        :raises TransportError: the device could not be reached.
        :raises ApiError: any other status; the message names method, path, status and the device's error.
        """
        method = method.upper()
        is_write = method in WRITE_METHODS if write is None else write
        if is_write and self.check_mode:
            raise CheckModeWriteError("internal error: %s %s attempted in check mode" % (method, path))
        if authenticate:
            self.ensure_login()
        url = path if path.startswith(("http://", "https://")) else self.base_url + path
        kwargs: Dict[str, Any] = {"params": params, "timeout": self.timeout, "allow_redirects": allow_redirects,
                                  "verify": self.verify}
        if json_body is not None:
            kwargs["json"] = json_body
        if data is not None:
            kwargs["data"] = data
        if headers:
            kwargs["headers"] = dict(headers)
        if extra:
            kwargs.update(extra)
        key = endpoint or path
        response = self._send(method, url, path, key, kwargs, authenticate)
        if response.status_code == 401 and authenticate and self.auth is not None and self.auth.refresh(self):
            response = self._send(method, url, path, key, kwargs, authenticate)
        expected_set = set(expected)
        ok = response.status_code in expected_set
        self.stats.record(key, error=not ok)
        if not ok:
            raise self.api_error(method, path, response)
        return response

    def _send(self, method: str, url: str, path: str, key: str, kwargs: Dict[str, Any], authenticate: bool) -> "requests.Response":
        attempts_for_429 = self.retries
        while True:
            call_kwargs = dict(kwargs)
            if authenticate and self.auth is not None:
                call_kwargs["headers"] = dict(call_kwargs.get("headers") or {})
                self.auth.apply(call_kwargs)
            started = time.monotonic()
            try:
                response = self.session.request(method, url, **call_kwargs)
            except requests.exceptions.SSLError as exc:
                self.stats.record(key, error=True)
                raise TransportError(self.mask(
                    "TLS verification of %s failed: %s. Give the CA that signed the device's certificate as "
                    "ca_path, or set validate_certs: false for a lab device." % (self.base_url, _root_cause(exc))),
                    {"method": method, "path": path}) from None
            except requests.exceptions.RequestException as exc:
                self.stats.record(key, error=True)
                if isinstance(exc, requests.exceptions.Timeout) or _is_timeout(exc):
                    raise TransportError(self.mask("%s %s on %s timed out after %s s (connect, read): %s" % (
                        method, path, self.base_url, self.timeout, _root_cause(exc))), {"method": method, "path": path}) from None
                raise TransportError(self.mask("cannot reach %s (%s %s): %s" % (
                    self.base_url, method, path, _root_cause(exc))), {"method": method, "path": path}) from None
            duration_ms = round((time.monotonic() - started) * 1000.0, 1)
            with self._log_lock:
                self.log.append({"method": method, "path": path, "status": response.status_code,
                                 "duration_ms": duration_ms})
            if response.status_code == 429 and method not in IDEMPOTENT_METHODS and attempts_for_429 > 0:
                attempts_for_429 -= 1
                time.sleep(_retry_after_seconds(response.headers.get("Retry-After")))
                continue
            return response

    def api_error(self, method: str, path: str, response: "requests.Response") -> ApiError:
        """Build the :class:`ApiError` for an unexpected response (message masked)."""
        message, code = self.error_parser(response)
        text = "%s %s failed with HTTP %s" % (method, path, response.status_code)
        if code:
            text += " (device code %s)" % code
        if message:
            text += ": %s" % message
        details = {"method": method, "path": path, "status": response.status_code}
        if code:
            details["code"] = code
        return ApiError(self.mask(text), status=response.status_code, code=code, details=details)

    # convenience wrappers ---------------------------------------------------
    def get_json(self, path: str, **kwargs: Any) -> Any:
        """GET ``path`` and return the decoded JSON body (None for an empty body)."""
        return decode_json(self.request("GET", path, **kwargs))

    def close(self) -> None:
        """Log out (best effort: errors are ignored) and close the connection pool."""
        try:
            if self.auth is not None and self._logged_in:
                self.auth.logout(self)
        except Exception:  # pylint: disable=broad-except
            pass
        finally:
            self.session.close()


def decode_json(response: "requests.Response") -> Any:
    """The JSON body of ``response``, or None when the body is empty.

    :raises ApiError: the body is not JSON.
    """
    if not response.content:
        return None
    try:
        return response.json()
    except ValueError:
        raise ApiError("%s answered HTTP %s with a body that is not JSON: %.200s" % (
            response.url, response.status_code, response.text), status=response.status_code) from None


def default_error_parser(response: Any) -> Tuple[str, Optional[str]]:
    """Extract ``(message, device code)`` from an error response.

    Understands ``{"message": ..}``, ``{"error": .., "error_description": ..}``, ``{"code": .., "name": .., "message": ..}``
    and the same wrapped in ``{"error": {...}}``;
    falls back to the first 300 characters of the body.
    """
    try:
        body = response.json()
    except ValueError:
        body = None
    if isinstance(body, dict) and isinstance(body.get("error"), dict):
        body = body["error"]  # {"error": {"code": .., "message": .., "details": ..}}
    if isinstance(body, dict):
        code = body.get("code")
        parts = []
        for key in ("name", "error", "message", "error_description", "detail"):
            value = body.get(key)
            if isinstance(value, str) and value and value not in parts:
                parts.append(value)
        if parts:
            return ": ".join(parts), (str(code) if code is not None else None)
    text = (response.text or "").strip()
    return text[:300], None


def _retry_after_seconds(value: Optional[str]) -> float:
    try:
        return max(0.0, min(float(value or 1.0), MAX_RETRY_AFTER))
    except ValueError:
        return 1.0


def _chain(exc: BaseException) -> List[BaseException]:
    """``exc`` and the exceptions it wraps (urllib3 ``reason``, requests' first arg, cause, context), outermost first."""
    chain = [exc]
    while len(chain) < 10:
        current = chain[-1]
        first_arg = current.args[0] if current.args else None
        inner = next((c for c in (getattr(current, "reason", None), first_arg, current.__cause__, current.__context__)
                      if isinstance(c, BaseException) and c not in chain), None)
        if inner is None:
            break
        chain.append(inner)
    return chain


def _is_timeout(exc: BaseException) -> bool:
    """Whether a requests/urllib3 error is a connect or read timeout, also when urllib3's retries wrapped it."""
    from urllib3 import exceptions as u3
    for error in _chain(exc):
        if isinstance(error, u3.NewConnectionError):  # subclasses ConnectTimeoutError for compatibility, yet is not one
            return False
        if isinstance(error, (u3.ReadTimeoutError, u3.ConnectTimeoutError, TimeoutError)):
            return True
    return False


def _root_cause(exc: BaseException) -> str:
    """The innermost, most specific reason of a requests/urllib3 exception, as one line."""
    seen = _chain(exc)[-1]
    text = str(seen) or seen.__class__.__name__
    if seen is not exc and isinstance(exc, requests.exceptions.ConnectionError) and "refused" in text.lower():
        return "connection refused"
    return text.splitlines()[0][:300] if text else seen.__class__.__name__


def dumps(value: Any) -> str:
    """Compact, key-sorted JSON (used for stable comparisons and messages)."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), default=str)
