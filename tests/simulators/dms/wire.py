# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""DMS wire conventions shared by every handler (docs/dms-api.md, "Conventions" and "Paging and filters").

* the error body ``{"error": {"code": "<UPPER_SNAKE>", "message", "details": {...}}}``;
* the paged answer ``{"items", "page", "pageSize", "totalCount", "totalPages"}`` (``pageSize`` default 100, cap 1000);
* field checks that raise 422 ``VALIDATION_FAILED`` with ``details.field`` naming the offending field.
"""

from __future__ import annotations

from typing import Any, Callable, Iterable, Sequence, TypeGuard

from common.app import ApiError, Request, Response, json_response

DEFAULT_PAGE_SIZE = 100
MAX_PAGE_SIZE = 1000

# Status -> code for plain ApiErrors (the common layer's faults and body errors, the router's 404 / 405).
DEFAULT_CODES = {
    400: "VALIDATION_FAILED",
    401: "UNAUTHORIZED",
    403: "FORBIDDEN",
    404: "NOT_FOUND",
    405: "NOT_FOUND",
    409: "CONFLICT",
    413: "VALIDATION_FAILED",
    422: "VALIDATION_FAILED",
    429: "TOO_MANY_REQUESTS",
    500: "INTERNAL_ERROR",
    502: "SERVICE_UNAVAILABLE",
    503: "SERVICE_UNAVAILABLE",
    504: "SERVICE_UNAVAILABLE",
}


def error_body(code: str, message: str, details: dict[str, Any] | None = None) -> dict[str, Any]:
    """``{"error": {"code", "message", "details"}}`` (``details`` is ``{}`` when not given)."""
    return {"error": {"code": code, "message": message, "details": dict(details or {})}}


def dms_error(status: int, code: str, message: str, details: dict[str, Any] | None = None, headers: dict[str, str] | None = None) -> ApiError:
    """An ApiError carrying the DMS error body."""
    return ApiError(status, message, headers=headers, body=error_body(code, message, details))


def default_error_body(status: int, message: str) -> dict[str, Any]:
    """The DMS error body of a plain ApiError, its code picked from the status (see ``DEFAULT_CODES``)."""
    return error_body(DEFAULT_CODES.get(status, "INTERNAL_ERROR" if status >= 500 else "VALIDATION_FAILED"), message)


def invalid(field: str, message: str) -> ApiError:
    """422 ``VALIDATION_FAILED`` with ``details.field``."""
    return dms_error(422, "VALIDATION_FAILED", message, {"field": field})


def not_found(message: str = "Not found") -> ApiError:
    """404 ``NOT_FOUND``."""
    return dms_error(404, "NOT_FOUND", message)


def conflict(message: str, details: dict[str, Any] | None = None) -> ApiError:
    """409 ``CONFLICT`` (a duplicate name, a group or target still referenced)."""
    return dms_error(409, "CONFLICT", message, details)


# Bodies and paging --------------------------------------------------------------------------------------------------------
def body_object(request: Request) -> dict[str, Any]:
    """The JSON object body; 422 ``VALIDATION_FAILED`` (``details.field`` = ``body``) when missing, invalid or not an object."""
    if not request.body.strip():
        raise invalid("body", "a JSON object body is required")
    try:
        body = request.json()
    except ApiError as exc:
        raise invalid("body", exc.message) from exc
    if not isinstance(body, dict):
        raise invalid("body", "the body must be a JSON object")
    return body


def _int_arg(request: Request, name: str, default: int) -> int:
    """Query parameter ``name`` as an int >= 1 (``default`` when absent or blank); 422 otherwise."""
    text = request.arg(name)
    if text is None or not text.strip():
        return default
    try:
        value = int(text.strip())
    except ValueError as exc:
        raise invalid(name, f"{name} must be an integer") from exc
    if value < 1:
        raise invalid(name, f"{name} must be at least 1")
    return value


def page_window(request: Request) -> tuple[int, int]:
    """``(page, pageSize)``: ``page`` 1-based (default 1); ``pageSize`` default 100, values above 1000 reduced to 1000."""
    return _int_arg(request, "page", 1), min(_int_arg(request, "pageSize", DEFAULT_PAGE_SIZE), MAX_PAGE_SIZE)


def paged(request: Request, items: Sequence[dict[str, Any]], render: Callable[[dict[str, Any]], Any] | None = None) -> Response:
    """One page of ``items``: ``{"items", "page", "pageSize", "totalCount", "totalPages"}``.

    Only the page's items are rendered (``render``; as stored when None), so a page of 1000 out of 100,000 devices costs
    the serialisation of 1000. A page past the end answers 200 with ``items: []``.
    """
    page, size = page_window(request)
    total = len(items)
    start = (page - 1) * size
    chunk = items[start:start + size] if start < total else []
    rendered = list(chunk) if render is None else [render(item) for item in chunk]
    return json_response({"items": rendered, "page": page, "pageSize": size, "totalCount": total, "totalPages": -(-total // size)})


# Field checks ------------------------------------------------------------------------------------------------------------
def is_int(value: Any) -> TypeGuard[int]:
    """True for a JSON integer (``bool`` excluded)."""
    return isinstance(value, int) and not isinstance(value, bool)


def only_fields(body: dict[str, Any], allowed: Iterable[str]) -> None:
    """422 naming the first (sorted) field of ``body`` that is not in ``allowed`` (read-only or unknown)."""
    extra = sorted(set(body) - set(allowed))
    if extra:
        raise invalid(extra[0], f"{extra[0]} is not a writable field")


def string(body: dict[str, Any], name: str, required: bool = False, non_empty: bool = False, default: str = "") -> str:
    """``body[name]`` as a string (non-empty with ``non_empty``); ``default`` when absent unless ``required``."""
    if name not in body:
        if required:
            raise invalid(name, f"{name} is required")
        return default
    value = body[name]
    if not isinstance(value, str) or (non_empty and not value.strip()):
        raise invalid(name, f"{name} must be a {'non-empty ' if non_empty else ''}string")
    return value


def boolean(body: dict[str, Any], name: str, default: bool) -> bool:
    """``body[name]`` as a boolean; ``default`` when absent."""
    if name not in body:
        return default
    value = body[name]
    if not isinstance(value, bool):
        raise invalid(name, f"{name} must be a boolean")
    return value


def string_list(body: dict[str, Any], name: str, default: list[str] | None = None, required: bool = False) -> list[str]:
    """``body[name]`` as a list of non-empty strings; ``default`` (``[]``) when absent unless ``required``."""
    if name not in body:
        if required:
            raise invalid(name, f"{name} is required")
        return list(default or [])
    value = body[name]
    if not isinstance(value, list) or not all(isinstance(entry, str) and entry.strip() for entry in value):
        raise invalid(name, f"{name} must be a list of non-empty strings")
    return list(value)
