# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""DMS token authentication (docs/dms-api.md, "Authentication"; all of it modeled).

``POST /api/v1/auth/login`` ``{"username", "password"}`` -> 200 ``{"token", "tokenType": "Bearer", "expiresIn"}``;
wrong credentials 401 ``INVALID_CREDENTIALS``. Every other ``/api/`` request needs ``Authorization: Bearer <token>``:
missing or unknown 401 ``UNAUTHORIZED``, expired (after ``--token-ttl`` seconds, or invalidated by
``POST /__sim__/expire-tokens``) 401 ``TOKEN_EXPIRED``. ``POST /api/v1/auth/logout`` revokes the token (204); a revoked
token is unknown afterwards.
"""

from __future__ import annotations

import secrets
import time

from common.app import ApiError, Request, Response, empty_response, json_response
from dms.wire import body_object, dms_error, invalid

CHALLENGE = {"WWW-Authenticate": 'Bearer realm="dms"'}


def bearer_token(request: Request) -> str | None:
    """The token of an ``Authorization: Bearer <token>`` header, or None."""
    scheme, _sep, value = request.header("Authorization").strip().partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        return None
    return value.strip()


def unauthorized(message: str = "authentication required") -> ApiError:
    """401 ``UNAUTHORIZED`` (no token, or one the server never issued or has revoked)."""
    return dms_error(401, "UNAUTHORIZED", message, headers=CHALLENGE)


def token_expired() -> ApiError:
    """401 ``TOKEN_EXPIRED``."""
    return dms_error(401, "TOKEN_EXPIRED", "the token has expired; log in again", headers=dict(CHALLENGE))


class DmsAuth:
    """Issues and checks bearer tokens.

    :param username: / :param password: the only account (``--username`` / ``--password``).
    :param token_ttl: token lifetime in seconds (``--token-ttl``), reported as ``expiresIn``.

    ``tokens`` maps each live token to its expiry (epoch seconds); ``expired`` holds the tokens that expired or were
    invalidated, so that they answer ``TOKEN_EXPIRED`` rather than ``UNAUTHORIZED``.
    """

    def __init__(self, username: str, password: str, token_ttl: int) -> None:
        self.username = username
        self.password = password
        self.token_ttl = token_ttl
        self.tokens: dict[str, float] = {}
        self.expired: set[str] = set()

    def expire_all(self) -> None:
        """Every issued token becomes expired (``POST /__sim__/expire-tokens``)."""
        self.expired.update(self.tokens)
        self.tokens.clear()

    def authenticate(self, request: Request) -> str:
        """The caller's live token; 401 ``UNAUTHORIZED`` or ``TOKEN_EXPIRED`` otherwise."""
        token = bearer_token(request)
        if token is None:
            raise unauthorized("missing Authorization: Bearer token")
        expires = self.tokens.get(token)
        if expires is not None and expires <= time.time():
            del self.tokens[token]
            self.expired.add(token)
            expires = None
        if expires is None:
            raise token_expired() if token in self.expired else unauthorized("unknown token")
        return token

    def login(self, request: Request) -> Response:
        """``POST /api/v1/auth/login`` -> 200 token; 422 ``VALIDATION_FAILED`` for a missing field; 401 ``INVALID_CREDENTIALS``."""
        body = body_object(request)
        for name in ("username", "password"):
            if not isinstance(body.get(name), str):
                raise invalid(name, f"{name} is required and must be a string")
        if body["username"] != self.username or body["password"] != self.password:
            raise dms_error(401, "INVALID_CREDENTIALS", "invalid username or password")
        token = secrets.token_urlsafe(32)
        self.tokens[token] = time.time() + self.token_ttl
        return json_response({"token": token, "tokenType": "Bearer", "expiresIn": self.token_ttl})

    def logout(self, request: Request) -> Response:
        """``POST /api/v1/auth/logout`` -> 204; the token is revoked (unknown from then on)."""
        token = self.authenticate(request)
        del self.tokens[token]
        return empty_response(204)
