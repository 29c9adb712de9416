# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Errors raised by the shared layer and the device clients.

Every error carries a plain-language message that is safe to show (secrets are masked before the
error is built) and an optional ``details`` dict (JSON-serialisable) that modules pass to ``fail_json``.
"""

from __future__ import annotations

from typing import Any, Dict, Optional


class BroadcastError(Exception):
    """Base class of every error this collection raises on purpose.

    :param message: plain-language text, already free of secrets.
    :param details: extra JSON-serialisable facts (method, path, status, device code...).
    """

    def __init__(self, message: str, details: Optional[Dict[str, Any]] = None) -> None:
        super().__init__(message)
        self.message = message
        self.details: Dict[str, Any] = dict(details or {})

    def __str__(self) -> str:
        return self.message


class ValidationError(BroadcastError):
    """Bad input found before any write: names the option, the item and what is allowed."""


class EndpointDisabled(ValidationError):
    """The user switched the endpoint off (``endpoint_paths.<key>.enabled: false``): it is never requested.

    ``key`` is the endpoint key. Facts answer an empty subset with a warning; modules that need it fail.
    """

    def __init__(self, message: str, key: str) -> None:
        super().__init__(message, {"endpoint": key})
        self.key = key


class TransportError(BroadcastError):
    """The device could not be reached (DNS, refused connection, timeout, TLS verification)."""


class AuthenticationError(BroadcastError):
    """The device refused the credentials; the message names which credential option is at fault."""


class ApiError(BroadcastError):
    """The device answered with an HTTP error status.

    ``status`` is the HTTP status code, ``code`` the device's own error code when it has one.
    """

    def __init__(self, message: str, status: int, code: Optional[str] = None,
                 details: Optional[Dict[str, Any]] = None) -> None:
        super().__init__(message, details)
        self.status = status
        self.code = code


class CheckModeWriteError(BroadcastError):
    """A write was attempted while the client is in check mode (a programming error: never reaches users)."""
