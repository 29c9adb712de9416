# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""HMP wire conventions shared by every handler.

* the error body ``{"code", "name", "message", "httpStatusCode"}`` with the codes of hmp-api.md section 6;
* the ``{"data": ...}`` envelope, the ``paging`` object ``{results, pageSize[, next]}`` (cap 100, default 15) and the
  STB ``paging`` object ``{numResults, numPages, hasMoreData}``;
* field checks that raise the right error code, the ``q`` search and the category ``filter`` syntax.
"""

from __future__ import annotations

import math
import re
from typing import Any, Callable, TypeGuard
from urllib.parse import urlencode

from common.app import ApiError, Request, Response, json_response

DEFAULT_PAGE_SIZE = 15
MAX_PAGE_SIZE = 100
STB_DEFAULT_PAGE_SIZE = 15
STB_MAX_PAGE_SIZE = 500

# Status -> (code, name) used when a handler (or the common layer: faults, bad JSON) raises a plain ApiError.
DEFAULT_CODES = {
    400: ("010001", "InputValidation"),
    401: ("020001", "UserNotAuthorized"),
    403: ("030000", "Forbidden"),
    404: ("040000", "NotFound"),
    405: ("040000", "NotFound"),
    409: ("060000", "Conflict"),
    413: ("010001", "InputValidation"),
    429: ("090001", "TooManyRequests"),
    500: ("070000", "InternalServer"),
    503: ("090002", "ServiceUnavailable"),
}


def hmp_error(status: int, code: str, name: str, message: str, headers: dict[str, str] | None = None) -> ApiError:
    """An ApiError carrying the HMP error body ``{"code", "name", "message", "httpStatusCode"}``."""
    return ApiError(status, message, headers=headers, body={"code": code, "name": name, "message": message, "httpStatusCode": status})


def default_error_body(status: int, message: str) -> dict[str, Any]:
    """The HMP error body for a plain ApiError (code and name picked from the status, see ``DEFAULT_CODES``)."""
    code, name = DEFAULT_CODES.get(status, ("070000", "InternalServer") if status >= 500 else (f"{status:03d}000", "Error"))
    return {"code": code, "name": name, "message": message, "httpStatusCode": status}


def input_error(message: str) -> ApiError:
    """400 ``010001 InputValidation`` (most create/edit calls, login, paging parameters)."""
    return hmp_error(400, "010001", "InputValidation", message)


def bad_request(message: str) -> ApiError:
    """400 ``010000 BadRequest`` (events)."""
    return hmp_error(400, "010000", "BadRequest", message)


def not_found(message: str = "Not Found Error") -> ApiError:
    """404 ``040000 NotFound`` (undefined routes and methods, source PUT, STBs)."""
    return hmp_error(404, "040000", "NotFound", message)


def no_results() -> ApiError:
    """404 ``040012 NoResults``: the confirmed answer for an empty collection."""
    return hmp_error(404, "040012", "NoResults", "No results")


def unauthorized() -> ApiError:
    """401 ``020001 UserNotAuthorized``."""
    return hmp_error(401, "020001", "UserNotAuthorized", "User is not authorized")


def recording_in_progress() -> ApiError:
    """409 ``060003 RecordingInProgress``."""
    return hmp_error(409, "060003", "RecordingInProgress", "Recording currently in progress")


# Envelope and paging -------------------------------------------------------------------------------------------------
def data_response(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    """``{"data": data}`` as a JSON response."""
    return json_response({"data": data}, status=status, headers=headers)


def _int_arg(request: Request, name: str, default: int) -> int:
    """Query parameter ``name`` as a positive int (``default`` when absent or blank); 400 010001 otherwise."""
    text = request.arg(name)
    if text is None or text.strip() == "":
        return default
    try:
        value = int(text.strip())
    except ValueError as exc:
        raise input_error(f"{name} must be a number") from exc
    if value < 1:
        raise input_error(f"{name} must be greater than 0")
    return value


def page_window(request: Request, default_size: int = DEFAULT_PAGE_SIZE, cap: int = MAX_PAGE_SIZE) -> tuple[int, int]:
    """``(page, effective pageSize)`` from the query: page is 1-based, pageSize above ``cap`` is silently reduced."""
    page = _int_arg(request, "page", 1)
    size = min(_int_arg(request, "pageSize", default_size), cap)
    return page, size


def next_link(request: Request, page: int, size: int) -> str:
    """``/apis/<collection>?page=<page>&pageSize=<size>`` (other query parameters, e.g. ``q``, follow unchanged)."""
    params: list[tuple[str, str]] = [("page", str(page)), ("pageSize", str(size))]
    for key, values in request.query.items():
        if key not in ("page", "pageSize"):
            params.extend((key, value) for value in values)
    path = request.path.rstrip("/") or "/"
    return path + "?" + urlencode(params)


def paged(request: Request, items: list[dict[str, Any]], render: Callable[[dict[str, Any]], Any]) -> Response:
    """One page of ``items`` as ``{"data": [...], "paging": {"results", "pageSize"[, "next"]}}``.

    An empty collection, and a page past the last one, answer 404 ``040012 NoResults``. Only the page's items are
    rendered, so large collections stay cheap.
    """
    page, size = page_window(request)
    if not items:
        raise no_results()
    start = (page - 1) * size
    if start >= len(items):
        raise no_results()
    paging: dict[str, Any] = {"results": len(items), "pageSize": size}
    if start + size < len(items):
        paging["next"] = next_link(request, page + 1, size)
    return json_response({"data": [render(item) for item in items[start:start + size]], "paging": paging})


def stb_paged(request: Request, items: list[dict[str, Any]], render: Callable[[dict[str, Any]], Any]) -> Response:
    """Device paging: ``{"data": [...], "paging": {"numResults", "numPages", "hasMoreData"}}`` (no 404 when empty)."""
    page, size = page_window(request, STB_DEFAULT_PAGE_SIZE, STB_MAX_PAGE_SIZE)
    pages = math.ceil(len(items) / size) if items else 0
    start = (page - 1) * size
    chunk = items[start:start + size]
    return json_response({"data": [render(item) for item in chunk], "paging": {"numResults": len(items), "numPages": pages, "hasMoreData": page < pages}})


# Field checks ----------------------------------------------------------------------------------------------------------
def is_int(value: Any) -> TypeGuard[int]:
    """True for a JSON integer (``bool`` excluded)."""
    return isinstance(value, int) and not isinstance(value, bool)


def is_number(value: Any) -> TypeGuard[float]:
    """True for a JSON number (``bool`` excluded)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def body_object(request: Request, error: Callable[[str], ApiError] = input_error, required: bool = True) -> dict[str, Any]:
    """The JSON object body; ``error`` (400) when it is not an object. Without ``required`` a missing body is ``{}``."""
    if not request.body.strip():
        if required:
            raise error("Request body is required")
        return {}
    try:
        body = request.json()
    except ApiError as exc:
        raise error(exc.message) from exc
    if not isinstance(body, dict):
        raise error("Request body must be a JSON object")
    return body


def require_str(body: dict[str, Any], name: str, error: Callable[[str], ApiError] = input_error) -> str:
    """``body[name]`` as a non-empty string; ``error("<name> is required ...")`` otherwise."""
    value = body.get(name)
    if not isinstance(value, str) or not value.strip():
        raise error(f"{name} is required and must be a non-empty string")
    return value


def optional_str(body: dict[str, Any], name: str, default: str, error: Callable[[str], ApiError] = input_error) -> str:
    """``body[name]`` when given (a string, ``null`` counts as absent), else ``default``."""
    value = body.get(name)
    if value is None:
        return default
    if not isinstance(value, str):
        raise error(f"{name} must be a string")
    return value


def optional_bool(body: dict[str, Any], name: str, default: bool, error: Callable[[str], ApiError] = input_error) -> bool:
    """``body[name]`` when given (a boolean, ``null`` counts as absent), else ``default``."""
    value = body.get(name)
    if value is None:
        return default
    if not isinstance(value, bool):
        raise error(f"{name} must be a boolean")
    return value


def require_port(body: dict[str, Any], name: str = "port", error: Callable[[str], ApiError] = input_error) -> int:
    """``body[name]`` as an integer 0..65535."""
    value = body.get(name)
    if not is_int(value) or not 0 <= value <= 65535:
        raise error(f"{name} is required and must be an integer between 0 and 65535")
    return value


# Search and category filter ----------------------------------------------------------------------------------------------
def search_term(request: Request) -> str | None:
    """The ``q`` parameter, lower-cased, surrounding double quotes removed; None when absent or blank."""
    term = request.arg("q")
    if term is None:
        return None
    term = term.strip()
    if len(term) >= 2 and term[0] == term[-1] == '"':
        term = term[1:-1]
    return term.lower() or None


def matches_term(term: str | None, *texts: Any) -> bool:
    """Case-insensitive substring match of ``term`` in any of ``texts`` (None term matches everything)."""
    if term is None:
        return True
    return any(isinstance(text, str) and term in text.lower() for text in texts)


_CLAUSE = re.compile(r'\s*category::"([^"]*)"\s+(NOT\s+IN|IN)\s*\(\s*((?:"[^"]*"\s*(?:,\s*"[^"]*"\s*)*)?)\)\s*(&|$)')


def parse_filter(text: str) -> list[tuple[str, bool, list[str]]]:
    """Parse ``category::"Label" IN ("v1","v2") & category::"Other" NOT IN ("")`` into ``[(label, negated, values)]``.

    Raises 400 ``010002 InvalidFilter`` on any other syntax.
    """
    clauses: list[tuple[str, bool, list[str]]] = []
    position = 0
    text = text.strip()
    while position < len(text):
        match = _CLAUSE.match(text, position)
        if match is None:
            raise hmp_error(400, "010002", "InvalidFilter", "Invalid filter")
        clauses.append((match.group(1), match.group(2).upper() != "IN", re.findall(r'"([^"]*)"', match.group(3))))
        position = match.end()
        if match.group(4) == "&" and position >= len(text):
            raise hmp_error(400, "010002", "InvalidFilter", "Invalid filter")
    if not clauses:
        raise hmp_error(400, "010002", "InvalidFilter", "Invalid filter")
    return clauses


def category_values(metadata: list[dict[str, Any]], label: str) -> list[str]:
    """The ``valueString``s of the ``calypso:category:<label>`` metadata entry (``[]`` when absent)."""
    name = "calypso:category:" + label
    for entry in metadata:
        if isinstance(entry, dict) and entry.get("name") == name:
            return [field["valueString"] for field in entry.get("field") or [] if isinstance(field, dict) and isinstance(field.get("valueString"), str)]
    return []


def filter_matches(clauses: list[tuple[str, bool, list[str]]], metadata: list[dict[str, Any]]) -> bool:
    """All clauses hold: ``IN`` = some value of the category is listed; ``NOT IN`` = the category has a value and none is listed."""
    for label, negated, values in clauses:
        have = category_values(metadata, label)
        if negated:
            if not have or any(value in values for value in have):
                return False
        elif not any(value in values for value in have):
            return False
    return True
