# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""HMP authentication: cookie sessions (``calypso-session-id``) and HMP 4.1 API-key bearer tokens.

CONFIRMED (hmp-api.md section 3): ``POST /apis/authentication/login`` ``{username, password}`` -> 200 with
``data.sessionId`` and ``Set-Cookie: calypso-session-id=<sessionId>``; the cookie on every request, else 401
``020001``; ``GET`` = session info; ``DELETE`` = logout (404 ``040022`` when unknown); ``POST .../login/key``
``{apiKey, apiSecret}`` -> ``data.authToken`` for ``Authorization: Bearer``, valid 30 minutes.
MODELED: the cookie session lifetime (``--session-ttl``, absolute from login), the token format, the principal of an
API key (the ``--username`` account, ``provisionType`` ``"IDP"``), logout with a bearer token.
"""

from __future__ import annotations

import secrets
import time
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from common.app import Request, Response
from hmp.wire import body_object, data_response, hmp_error, input_error, unauthorized

COOKIE = "calypso-session-id"


@dataclass
class Principal:
    """A logged-in user: a cookie session (``kind`` ``"cookie"``) or an API-key token (``"bearer"``).

    ``session_id``: the uuid reported as ``sessionId``; ``token``: the bearer token (None for cookies);
    ``created`` / ``expires``: epoch seconds.
    """

    username: str
    kind: str
    session_id: str
    token: str | None
    created: float
    expires: float


def iso(epoch: float) -> str:
    """Epoch seconds as ISO-8601 UTC with milliseconds, e.g. ``2026-05-01T12:00:00.000Z``."""
    return datetime.fromtimestamp(epoch, tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.") + f"{int(epoch * 1000) % 1000:03d}Z"


def request_cookie(request: Request, name: str) -> str | None:
    """The value of cookie ``name`` in the request's ``Cookie`` header(s), or None."""
    headers = request.headers
    values = headers.get_all("Cookie") if hasattr(headers, "get_all") else [request.header("Cookie")]
    for header in values or []:
        for part in str(header).split(";"):
            key, sep, value = part.strip().partition("=")
            if sep and key.strip() == name:
                return value.strip().strip('"')
    return None


def bearer_token(request: Request) -> str | None:
    """The token of an ``Authorization: Bearer <token>`` header, or None."""
    scheme, _sep, value = request.header("Authorization").strip().partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        return None
    return value.strip()


class HmpAuth:
    """Issues and checks cookie sessions and bearer tokens.

    :param username: / :param password: the local account (``--username`` / ``--password``).
    :param api_key: / :param api_secret: the API key pair (``--api-key`` / ``--api-secret``).
    :param session_ttl: cookie session lifetime in seconds; :param token_ttl: bearer token lifetime in seconds.
    :param role: the ``roles`` entry of the account (``{"id", "name", "admin", "permissions"}``).
    """

    def __init__(self, username: str, password: str, api_key: str, api_secret: str, session_ttl: int, token_ttl: int, role: dict[str, Any]) -> None:
        self.username = username
        self.password = password
        self.api_key = api_key
        self.api_secret = api_secret
        self.session_ttl = session_ttl
        self.token_ttl = token_ttl
        self.role = role
        self.sessions: dict[str, Principal] = {}
        self.tokens: dict[str, Principal] = {}

    def expire_all(self) -> None:
        """Invalidate every cookie session and bearer token (``POST /__sim__/expire-tokens``)."""
        self.sessions.clear()
        self.tokens.clear()

    def _live(self, table: dict[str, Principal], key: str | None) -> Principal | None:
        """The unexpired principal stored under ``key`` (an expired one is dropped)."""
        if key is None:
            return None
        principal = table.get(key)
        if principal is not None and principal.expires <= time.time():
            del table[key]
            return None
        return principal

    def authenticate(self, request: Request) -> Principal:
        """The principal of a valid bearer token or cookie session; 401 ``020001`` otherwise."""
        principal = self._live(self.tokens, bearer_token(request)) or self._live(self.sessions, request_cookie(request, COOKIE))
        if principal is None:
            raise unauthorized()
        return principal

    def info(self, principal: Principal) -> dict[str, Any]:
        """The session-info ``data`` (login answer shape of hmp-api.md section 3)."""
        data: dict[str, Any] = {
            "id": None, "sessionId": principal.session_id, "username": principal.username, "admin": True, "groups": [],
            "roleIds": [self.role["id"]], "roles": [dict(self.role)], "sessions": {}, "assets": {}, "ldapUser": False,
            "displayName": principal.username, "expires": iso(principal.expires),
        }
        if principal.kind == "bearer":
            data.update(authToken=principal.token, lastAction=iso(time.time()), lastLoginDate=iso(principal.created), provisionType="IDP",
                        numLoginFailures=0, preferredUsername=principal.username, sections=[], sharePermissions={}, sources={}, serviceMessages=[])
        return data

    # Endpoints ---------------------------------------------------------------------------------------------------------
    def login(self, request: Request) -> Response:
        """``POST /apis/authentication/login`` -> 200 ``data`` + ``Set-Cookie``; 400 ``010001``; 401 ``020002``."""
        body = body_object(request)
        for name in ("username", "password"):
            if not isinstance(body.get(name), str):
                raise input_error(f"{name} is required and must be a string")
        if body["username"] != self.username or body["password"] != self.password:
            raise hmp_error(401, "020002", "InvalidCredentials", "Invalid username or password")
        now = time.time()
        session_id = str(uuid.uuid4())
        principal = Principal(self.username, "cookie", session_id, None, now, now + self.session_ttl)
        self.sessions[session_id] = principal
        return data_response(self.info(principal), headers={"Set-Cookie": f"{COOKIE}={session_id}; Path=/"})

    def login_key(self, request: Request) -> Response:
        """``POST /apis/authentication/login/key`` -> 200 ``data`` with ``authToken``; 400 ``010001``; 401 ``020002``."""
        body = body_object(request)
        for name in ("apiKey", "apiSecret"):
            if not isinstance(body.get(name), str):
                raise input_error(f"{name} is required and must be a string")
        if body["apiKey"] != self.api_key or body["apiSecret"] != self.api_secret:
            raise hmp_error(401, "020002", "InvalidCredentials", "Invalid API key or secret")
        now = time.time()
        token = secrets.token_urlsafe(32)
        principal = Principal(self.username, "bearer", str(uuid.uuid4()), token, now, now + self.token_ttl)
        self.tokens[token] = principal
        return data_response(self.info(principal))

    def logout(self, request: Request) -> Response:
        """``DELETE /apis/authentication/login`` -> 200 empty; 404 ``040022`` for an unknown or expired session."""
        token = bearer_token(request)
        if self._live(self.tokens, token) is not None and token is not None:
            del self.tokens[token]
            return Response(status=200)
        session_id = request_cookie(request, COOKIE)
        if self._live(self.sessions, session_id) is not None and session_id is not None:
            del self.sessions[session_id]
            return Response(status=200)
        raise hmp_error(404, "040022", "AuthSessionNotFound", "Unknown session")
