# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""VOS authentication: HTTP Basic users, OAuth2 client apps, authorization codes and bearer tokens.

CONFIRMED behaviour (vos-api.md section 3): Basic on every request, 403 for bad credentials, ``/oauth/authorize`` with
Basic *user* credentials answering 302 with a 6-character ``code``, ``/oauth/token`` with Basic *client* credentials
and a form body, UUID bearer tokens. MODELED (docs/dev/vos-wire-model.md): 401 without credentials or with an
unknown/expired token, Spring-style OAuth error bodies, ``expires_in`` and ``scope``.
"""

from __future__ import annotations

import base64
import binascii
import time
from dataclasses import dataclass, field
from typing import Any, Callable
from urllib.parse import urlencode

from common.app import ApiError, Request, Response, empty_response, json_response
from common.store import IdFactory

CODE_TTL_S = 300.0
SCOPE = "read write"


@dataclass
class ClientApp:
    """A registered OAuth client app; an empty ``redirect_uri`` list accepts any redirect URI."""

    client_id: str
    client_secret: str
    redirect_uri: list[str] = field(default_factory=list)

    def public(self) -> dict[str, Any]:
        """The app as ``GET /vos-api/client-apps/v1/apps/{client_id}`` shows it (the secret cannot be read back)."""
        return {"client_id": self.client_id, "redirect_uri": list(self.redirect_uri)}


@dataclass
class AuthCode:
    """An issued authorization code: single use, bound to client and redirect URI, valid ``CODE_TTL_S`` seconds."""

    client_id: str
    redirect_uri: str | None
    username: str
    expires: float


def parse_basic(header: str) -> tuple[str, str] | None:
    """``(user, password)`` from an ``Authorization: Basic ...`` header value, or None when absent or malformed."""
    scheme, _sep, value = header.strip().partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        decoded = base64.b64decode(value.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return None
    if ":" not in decoded:
        return None
    user, _sep, password = decoded.partition(":")
    return user, password


def oauth_error(status: int, error: str, description: str, headers: dict[str, str] | None = None) -> ApiError:
    """An ApiError carrying the Spring Security OAuth2 body ``{"error", "error_description"}``."""
    return ApiError(status, description, headers=headers, body={"error": error, "error_description": description})


class Authenticator:
    """Checks credentials and issues codes and tokens.

    ``check_user(username, password) -> bool`` is supplied by the app (the CLI account plus stored users);
    ``token_ttl`` is the bearer token lifetime in seconds (also reported as ``expires_in``).
    """

    def __init__(self, ids: IdFactory, check_user: Callable[[str, str], bool], client_id: str, client_secret: str, token_ttl: int) -> None:
        self.ids = ids
        self.check_user = check_user
        self.token_ttl = token_ttl
        self.clients: dict[str, ClientApp] = {client_id: ClientApp(client_id, client_secret)}
        self.tokens: dict[str, tuple[str, float]] = {}
        self.codes: dict[str, AuthCode] = {}

    def expire_all(self) -> None:
        """Invalidate every token and unused code (``POST /__sim__/expire-tokens``)."""
        self.tokens.clear()
        self.codes.clear()

    def require(self, request: Request) -> str:
        """Authenticate a ``/vos-api/`` request; returns the principal or raises 401/403."""
        header = request.header("Authorization").strip()
        scheme = header.split(" ", 1)[0].lower()
        if scheme == "bearer":
            token = header[len("bearer"):].strip()
            entry = self.tokens.get(token)
            if entry is None or entry[1] <= time.monotonic():
                self.tokens.pop(token, None)
                raise oauth_error(401, "invalid_token", f"Invalid access token: {token}",
                                  headers={"WWW-Authenticate": 'Bearer realm="vos-api", error="invalid_token"'})
            return entry[0]
        if scheme == "basic":
            credentials = parse_basic(header)
            if credentials is None:
                raise ApiError(401, "Malformed Basic credentials", headers={"WWW-Authenticate": 'Basic realm="vos-api"'})
            if not self.check_user(*credentials):
                raise ApiError(403, "Access Denied")
            return credentials[0]
        raise ApiError(401, "Full authentication is required to access this resource", headers={"WWW-Authenticate": 'Basic realm="vos-api"'})

    # Client apps ---------------------------------------------------------------------------------------------------
    def register(self, body: dict[str, Any]) -> dict[str, Any]:
        """``POST /vos-api/client-apps/v1/apps`` body ``{"redirect_uri": [..]}`` -> ``{"client_id", "client_secret", "redirect_uri"}``."""
        uris = body.get("redirect_uri", [])
        if isinstance(uris, str):
            uris = [uris]
        if not isinstance(uris, list) or not all(isinstance(uri, str) for uri in uris):
            raise ApiError(400, "redirect_uri must be a list of strings")
        app = ClientApp(self.ids.uuid(), self.ids.uuid(), list(uris))
        self.clients[app.client_id] = app
        return {"client_id": app.client_id, "client_secret": app.client_secret, "redirect_uri": list(app.redirect_uri)}

    # OAuth endpoints -----------------------------------------------------------------------------------------------
    def authorize(self, request: Request) -> Response:
        """``GET /oauth/authorize?client_id=..&response_type=code&redirect_uri=..`` with Basic user credentials -> 302."""
        credentials = parse_basic(request.header("Authorization"))
        if credentials is None:
            raise ApiError(401, "Full authentication is required to access this resource", headers={"WWW-Authenticate": 'Basic realm="vos-api"'})
        if not self.check_user(*credentials):
            raise ApiError(403, "Access Denied")
        client = self.clients.get(request.arg("client_id") or "")
        if client is None:
            raise oauth_error(400, "invalid_client", "No client with requested id: " + (request.arg("client_id") or ""))
        if request.arg("response_type") != "code":
            raise oauth_error(400, "unsupported_response_type", "Unsupported response types: " + str(request.arg("response_type")))
        redirect_uri = request.arg("redirect_uri")
        if not redirect_uri and len(client.redirect_uri) == 1:
            redirect_uri = client.redirect_uri[0]
        if not redirect_uri:
            raise oauth_error(400, "invalid_request", "A redirect_uri must be supplied.")
        if client.redirect_uri and redirect_uri not in client.redirect_uri:
            raise oauth_error(400, "invalid_grant", "Invalid redirect: " + redirect_uri + " does not match one of the registered values.")
        code = self.ids.token(6)
        while code in self.codes:
            code = self.ids.token(6)
        self.codes[code] = AuthCode(client.client_id, request.arg("redirect_uri"), credentials[0], time.monotonic() + CODE_TTL_S)
        params = {"code": code}
        state = request.arg("state")
        if state is not None:
            params["state"] = state
        separator = "&" if "?" in redirect_uri else "?"
        return empty_response(302, headers={"Location": redirect_uri + separator + urlencode(params)})

    def token(self, request: Request) -> Response:
        """``POST /oauth/token`` (Basic client auth, form body) -> ``{"access_token", "token_type", "expires_in", "scope"}``."""
        credentials = parse_basic(request.header("Authorization"))
        unauthorized = {"WWW-Authenticate": 'Basic realm="oauth2/client"'}
        if credentials is None:
            raise oauth_error(401, "unauthorized", "Full authentication is required to access this resource", headers=unauthorized)
        client = self.clients.get(credentials[0])
        if client is None or client.client_secret != credentials[1]:
            raise oauth_error(401, "invalid_client", "Bad client credentials", headers=unauthorized)
        form = request.form()
        grant = form.get("grant_type", "")
        if grant == "authorization_code":
            code = self.codes.pop(form.get("code", ""), None)
            if code is None or code.expires <= time.monotonic() or code.client_id != client.client_id:
                raise oauth_error(400, "invalid_grant", "Invalid authorization code: " + form.get("code", ""))
            if code.redirect_uri is not None and form.get("redirect_uri") != code.redirect_uri:
                raise oauth_error(400, "invalid_grant", "Redirect URI mismatch.")
            principal = code.username
        elif grant == "client_credentials":
            principal = client.client_id
        elif not grant:
            raise oauth_error(400, "invalid_request", "Missing grant type")
        else:
            raise oauth_error(400, "unsupported_grant_type", "Unsupported grant type: " + grant)
        access_token = self.ids.uuid()
        self.tokens[access_token] = (principal, time.monotonic() + self.token_ttl)
        return json_response({"access_token": access_token, "token_type": "bearer", "expires_in": self.token_ttl, "scope": SCOPE},
                             headers={"Cache-Control": "no-store", "Pragma": "no-cache"})
