# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Harmonic DMS client: token login, paging, filters, writes and over-the-air commands.

**The DMS REST API is modeled** (``docs/dms-api.md``): Harmonic publishes no paths, authentication flow or fields.
Confirmed (Skyline's DataMiner DMS connector documentation, firmware 11.4.0.0): HTTP REST, username and password,
a table of polled GET endpoints each of which can be switched off, devices with a custom description,
authorization tables with schedule authorization sets that may be allowed or not, destinations, alarms read all
or active only. Everything else here follows the modeled contract, and every path can be corrected (or switched
off) with ``endpoint_paths``:

* ``POST /api/v1/auth/login`` ``{username, password}`` -> ``{token, expiresIn}``; ``Authorization: Bearer``; one
  login per run and one more after a 401; no logout (tokens expire), so a run costs its reads plus one login;
* collections page with ``page``/``pageSize`` (at most 1000) and answer ``{items, totalCount, totalPages}``:
  page 1, then pages 2..N concurrently;
* errors are ``{"error": {"code", "message", "details"}}``.
"""

from __future__ import annotations

from functools import partial
from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence, Tuple

from ansible.module_utils.basic import env_fallback

from ..errors import ApiError, AuthenticationError, ValidationError
from ..rest import Page, RestClient, connection_spec, fetch_all_pages
from ..resource import Operation, ResourceSpec
from ..transport import HttpClient, TokenAuth, decode_json

#: Endpoint key -> path (modeled: ``docs/dms-api.md``; correct them, or switch one off, with ``endpoint_paths``).
DEFAULT_PATHS: Dict[str, str] = {
    "login": "/api/v1/auth/login",
    "system": "/api/v1/system",
    "devices": "/api/v1/devices",
    "device_commands": "/api/v1/devices/commands",
    "groups": "/api/v1/groups",
    "authorizations": "/api/v1/authorizations",
    "destinations": "/api/v1/destinations",
    "alarms": "/api/v1/alarms",
    "firmware": "/api/v1/firmware",
}

#: Largest page the modeled API serves (larger ``pageSize`` values are reduced to it).
MAX_PAGE_SIZE = 1000
#: Most device ids in one ``id=`` filter or one command request (modeled).
MAX_IDS = 1000

#: Device filter option -> query parameter (modeled).
DEVICE_FILTERS: Dict[str, str] = {"group": "group", "region": "region", "model": "model", "status": "status",
                                  "firmware_version": "firmwareVersion"}
#: Device statuses (modeled), the values of the ``status`` filter.
DEVICE_STATUSES = ("online", "offline")
#: Argument spec (sub-options) of a device filter option: ``dms_facts`` ``device_filters``, ``dms_device_command``
#: ``filters``.
DEVICE_FILTER_OPTIONS: Dict[str, Dict[str, Any]] = {
    name: ({"type": "str", "choices": list(DEVICE_STATUSES)} if name == "status" else {"type": "str"})
    for name in DEVICE_FILTERS}
#: Over-the-air commands (modeled).
COMMANDS = ("reboot", "resend_authorization", "firmware_upgrade")
#: Alarm retrieval modes: the connector's "Alarm Retrieval" parameter (confirmed: all alarms or only active ones).
ALARM_RETRIEVAL = ("active", "all")

#: Argument spec of the DMS connection options; ``plugins/doc_fragments/dms.py`` documents it.
CONNECTION_SPEC: Dict[str, Dict[str, Any]] = connection_spec("DMS", 443, {
    "username": {"type": "str", "fallback": (env_fallback, ["DMS_USERNAME"])},
    "password": {"type": "str", "no_log": True, "fallback": (env_fallback, ["DMS_PASSWORD"])},
    "page_size": {"type": "int", "default": MAX_PAGE_SIZE},
})

#: Labels of kinds in messages.
KIND_LABELS: Dict[str, str] = {"authorizations": "authorization set"}


class DmsAuth(TokenAuth):
    """DMS token login (modeled): ``POST login {username, password}`` -> ``{token}``, sent as a bearer token.

    :param params: the connection options (``username``, ``password``).
    :param paths: the endpoint paths (``login``).
    :raises ValidationError: username or password missing.
    """

    def __init__(self, params: Mapping[str, Any], paths: Mapping[str, str]) -> None:
        super().__init__()
        self.username = params.get("username")
        self.password = params.get("password")
        self.path = paths["login"]
        missing = [name for name in ("username", "password") if not params.get(name)]
        if missing:
            many = len(missing) > 1
            raise ValidationError("DMS needs %s (set %s, in module_defaults or the inventory file, or as %sDMS_%s "
                                  "environment variable%s)" % (
                                      " and ".join(missing), "them as options" if many else "it as an option",
                                      "" if many else "the ", "/DMS_".join(m.upper() for m in missing), "s" if many else ""))

    def secrets(self) -> List[str]:
        return [s for s in (self.password, self.token) if s]

    def fetch_token(self, http: HttpClient) -> str:
        body = {"username": self.username, "password": self.password}
        try:
            response = http.request("POST", self.path, json_body=body, authenticate=False, write=False, endpoint="login")
        except ApiError as exc:
            if exc.status in (401, 403):
                # a server that asks for a token at this path (not a credentials error) does not log in there
                hint = "; or correct endpoint_paths.login: %s asked for a token, it may not be the login path" % self.path \
                    if exc.code in ("UNAUTHORIZED", "TOKEN_EXPIRED") else ""
                raise AuthenticationError("DMS refused username %r (HTTP %s%s): check username and password%s" % (
                    self.username, exc.status, ", %s" % exc.code if exc.code else "", hint), exc.details) from None
            if exc.status == 404:
                raise AuthenticationError("DMS has no login at %s (HTTP 404): correct endpoint_paths.login with the "
                                          "path of your DMS's API guide" % self.path, exc.details) from None
            raise
        payload = decode_json(response)
        token = payload.get("token") if isinstance(payload, dict) else None
        if not token:
            raise AuthenticationError("DMS answered the login at %s without a token: is this the DMS REST API?" % self.path)
        return str(token)

    def apply_token(self, kwargs: Dict[str, Any], token: Optional[str]) -> None:
        kwargs["headers"]["Authorization"] = "Bearer %s" % token


def _chunks(values: Sequence[str], size: int) -> List[List[str]]:
    return [list(values[i:i + size]) for i in range(0, len(values), size)]


class DmsClient(RestClient):
    """One DMS server, shared by every request of a module or inventory run.

    :param params: the connection options (see :data:`CONNECTION_SPEC`).
    :param check_mode: refuse every write.
    :param offline: build without a host, for ``state: rendered``.
    :raises ValidationError: missing host or credentials, bad ``page_size``, unknown ``endpoint_paths`` key.
    """

    def __init__(self, params: Mapping[str, Any], check_mode: bool = False, offline: bool = False) -> None:
        super().__init__(params, DEFAULT_PATHS, "DMS", "DMS", lambda p: DmsAuth(p, self.paths),
                         check_mode=check_mode, offline=offline)
        self.kind_labels = dict(KIND_LABELS)
        size = params.get("page_size")
        self.page_size = MAX_PAGE_SIZE if size is None else size
        if not isinstance(self.page_size, int) or not 1 <= self.page_size <= MAX_PAGE_SIZE:
            raise ValidationError("page_size: %s is not allowed; give 1 to %d" % (size, MAX_PAGE_SIZE))

    # ------------------------------------------------------------------ transport
    def get_collection(self, key: str, params: Optional[Mapping[str, Any]] = None,
                       transform: Optional[Callable[[List[Dict[str, Any]]], List[Any]]] = None) -> List[Any]:
        """Every item of the collection at endpoint ``key``: page 1, then pages 2..``totalPages`` concurrently.

        :param params: query parameters (filters), as the API spells them.
        :param transform: applied to each page's items as soon as the page arrives (in the reading thread), so
            that a large collection is never held twice: the inventory keeps compact rows only.
        :returns: the (transformed) items in page order.
        :raises EndpointDisabled: the endpoint is switched off.
        """
        path = self.endpoint(key)

        def fetch(number: int) -> Page:
            query = dict(params or {})
            query.update(page=number, pageSize=self.page_size)
            body = self.request("GET", path, endpoint=key, params=query)
            items = body.get("items") if isinstance(body, dict) else None
            if not isinstance(items, list):
                raise ApiError("GET %s: expected {items: [...]} (a DMS collection), got %s" % (path, type(body).__name__), status=200)
            pages = body.get("totalPages")
            rows = transform(items) if transform is not None else items
            return Page(rows, pages=pages if isinstance(pages, int) and pages >= 0 else None,
                        more=len(items) >= self.page_size)

        return fetch_all_pages(fetch, self.run_concurrently)

    def list_cached(self, kind: str) -> List[Dict[str, Any]]:
        """Every item of ``kind`` (groups, authorizations, destinations, devices, firmware), read once per run."""
        return self.cached(kind, partial(self.get_collection, kind))  # type: ignore[no-any-return]

    def path(self, key: str, *parts: Any) -> str:
        """The path of endpoint ``key`` followed by ``/part`` for each part."""
        return "/".join([self.endpoint(key)] + [str(p) for p in parts])

    # ------------------------------------------------------------------ reads
    def system(self) -> Dict[str, Any]:
        """``GET system``: ``{name, version, deviceCount, onlineCount, groupCount, serverTime}`` (modeled)."""
        body = self.request("GET", self.endpoint("system"), endpoint="system")
        return body if isinstance(body, dict) else {}

    def device_query(self, filters: Optional[Mapping[str, Any]]) -> Dict[str, str]:
        """The query parameters of device ``filters`` (``{group, region, model, status, firmware_version}``, each
        a string; None or empty values are left out).

        :raises ValidationError: an unknown filter or a value that is not a string.
        """
        query: Dict[str, str] = {}
        for name, value in (filters or {}).items():
            if name not in DEVICE_FILTERS:
                raise ValidationError("filters: %r is not a device filter; allowed: %s" % (name, ", ".join(DEVICE_FILTERS)))
            if value in (None, ""):
                continue
            if not isinstance(value, (str, int, float)) or isinstance(value, bool):
                raise ValidationError("filters.%s: %r is not a single value" % (name, value))
            query[DEVICE_FILTERS[name]] = str(value)
        return query

    def devices(self, filters: Optional[Mapping[str, Any]] = None,
                transform: Optional[Callable[[List[Dict[str, Any]]], List[Any]]] = None) -> List[Any]:
        """Devices matching ``filters`` (server side, see :meth:`device_query`), all pages, each page passed
        through ``transform``. Without filters nor transform the read is shared with the engine and facts."""
        query = self.device_query(filters)
        if not query and transform is None:
            return self.list_cached("devices")
        return self.get_collection("devices", query, transform)

    def devices_by_id(self, ids: Sequence[str]) -> List[Dict[str, Any]]:
        """The devices among ``ids`` that exist (``id=a,b,...``, 1000 ids per request, requests concurrent)."""
        wanted = sorted({str(i) for i in ids})
        if not wanted:
            return []
        bad = [i for i in wanted if "," in i]
        if bad:
            raise ValidationError("device id %r contains a comma, which DMS device ids never do" % bad[0])
        lists = self.run_concurrently([partial(self.get_collection, "devices", {"id": ",".join(chunk)})
                                       for chunk in _chunks(wanted, MAX_IDS)])
        return [device for found in lists for device in found]

    def alarms(self, retrieval: str = "all") -> List[Dict[str, Any]]:
        """Alarms, ``retrieval`` ``active`` (active only) or ``all`` (the connector's Alarm Retrieval parameter).

        :raises ValidationError: another ``retrieval``.
        """
        if retrieval not in ALARM_RETRIEVAL:
            raise ValidationError("alarm_retrieval: %r is not allowed; choose active or all" % (retrieval,))
        return self.get_collection("alarms", {"state": retrieval})

    def list_items(self, kind: str) -> List[Dict[str, Any]]:
        """Every item of ``kind`` (read once per run; a write forgets it)."""
        if kind not in self.paths:
            raise ValidationError("internal error: unknown DMS kind %r" % kind)
        return self.list_cached(kind)

    def list_declared(self, kind: str, names: Sequence[str]) -> List[Dict[str, Any]]:
        """Devices are read by id (a few among 100,000); the other kinds are read whole."""
        if kind == "devices":
            return self.devices_by_id(names)
        return self.list_items(kind)

    def item_name(self, kind: str, obj: Mapping[str, Any]) -> str:
        """Devices are named by their id, everything else by ``name``."""
        return str(obj.get("id") if kind == "devices" else obj.get("name"))

    # ------------------------------------------------------------------ writes
    def write_request(self, kind: str, operation: str, ident: Optional[str]) -> Tuple[str, str]:
        if operation == "create":
            return "POST", self.path(kind)
        return ("PATCH" if operation == "update" else "DELETE"), self.path(kind, ident)

    def create_item(self, kind: str, body: Dict[str, Any]) -> Dict[str, Any]:
        try:
            created = self.request("POST", self.path(kind), endpoint=kind, json_body=body)
        finally:
            self.forget(kind)
        return created if isinstance(created, dict) else {}

    def update_item(self, kind: str, ident: str, body: Dict[str, Any],
                    current: Optional[Mapping[str, Any]] = None) -> Dict[str, Any]:
        """``PATCH`` the writable fields of ``body`` (read-only fields the engine carried over are left out)."""
        writable = WRITABLE.get(kind)
        patch = {k: v for k, v in body.items() if writable is None or k in writable}
        try:
            updated = self.request("PATCH", self.path(kind, ident), endpoint=kind, json_body=patch)
        finally:
            self.forget(kind)
        return updated if isinstance(updated, dict) else {}

    def delete_item(self, kind: str, ident: str, current: Optional[Mapping[str, Any]] = None) -> None:
        try:
            self.request("DELETE", self.path(kind, ident), endpoint=kind)
        finally:
            self.forget(kind)

    def send_command(self, command: str, device_ids: Sequence[str],
                     parameters: Optional[Mapping[str, Any]] = None) -> List[Dict[str, Any]]:
        """Send an over-the-air ``command`` to ``device_ids`` (1000 per request, requests concurrent).

        :returns: one ``{deviceId, status: accepted|rejected, message}`` per device, in request order.
        :raises ValidationError: an unknown command.
        :raises CheckModeWriteError: in check mode (the module never calls it then).
        """
        if command not in COMMANDS:
            raise ValidationError("command: %r is not allowed; choose %s" % (command, ", ".join(COMMANDS)))
        path = self.endpoint("device_commands")

        def send(chunk: List[str]) -> List[Dict[str, Any]]:
            body = {"command": command, "deviceIds": chunk, "parameters": dict(parameters or {})}
            answer = self.request("POST", path, endpoint="device_commands", json_body=body, expected=(200, 201, 202))
            results = answer.get("results") if isinstance(answer, dict) else None
            return [r for r in results if isinstance(r, dict)] if isinstance(results, list) else []

        try:
            lists = self.run_concurrently([partial(send, chunk) for chunk in _chunks(list(device_ids), MAX_IDS)])
        finally:
            self.forget("devices")
        return [result for results in lists for result in results]

    # ------------------------------------------------------------------ plan checks
    def check_plan(self, spec: ResourceSpec, operations: Sequence[Operation]) -> Optional[List[Operation]]:
        """DMS rules checked before the first write (the modeled API would refuse them halfway):

        * an authorization set's target device must exist, and a schedule set needs a target (group or device)
          whose ``allowScheduleAuthorization`` is true (the connector's "Allow Schedule Authorization");
        * a group that an authorization set targets cannot be deleted (unless that set is deleted first, in
          another task), and a group or device cannot stop allowing schedule authorization while a schedule set
          targets it.
        """
        if spec.kind == "authorizations":
            self._check_targets(operations)
            return None
        if spec.kind not in ("groups", "devices"):
            return None
        target_type = spec.kind[:-1]
        deleted = {str(o.ident): o.name for o in operations if o.op == "delete"}
        disallowed = {str(o.ident): o.name for o in operations if o.op == "update" and (o.current or {}).get(
            "allowScheduleAuthorization") and (o.body or {}).get("allowScheduleAuthorization") is False}
        if not (deleted or disallowed):
            return None
        for auth in self.list_cached("authorizations"):
            if auth.get("targetType") != target_type:
                continue
            target = str(auth.get("targetId"))
            if target in deleted:
                raise ValidationError(
                    "group %r cannot be deleted: authorization set %r targets it; delete or retarget the set first "
                    "(broadcast.video.dms_authorizations)" % (deleted[target], auth.get("name")))
            if target in disallowed and auth.get("type") == "schedule":
                raise ValidationError(
                    "%s %r: allow_schedule_authorization cannot become false while the schedule authorization set %r "
                    "targets it; delete the set or remove its schedule first (broadcast.video.dms_authorizations)" % (
                        target_type, disallowed[target], auth.get("name")))
        return None

    def _check_targets(self, operations: Sequence[Operation]) -> None:
        writes = [o for o in operations if o.op in ("create", "update") and o.body]
        device_ids = [str(o.body.get("targetId")) for o in writes if o.body and o.body.get("targetType") == "device"]
        devices = {str(d.get("id")): d for d in self.devices_by_id(device_ids)} if device_ids else {}
        groups = {str(g.get("id")): g for g in self.list_cached("groups")}
        for operation in writes:
            body = operation.body or {}
            target_type, target_id = body.get("targetType"), str(body.get("targetId"))
            if target_type == "device":
                target = devices.get(target_id)
                label = "device %r" % target_id
                if target is None:
                    raise ValidationError("authorization set %r: target device %r does not exist on the DMS" % (
                        operation.name, target_id))
                fix = "set allow_schedule_authorization: true on the device (broadcast.video.dms_devices)"
            else:
                target = groups.get(target_id, {})
                label = "group %r" % target.get("name", target_id)
                fix = "set allow_schedule_authorization: true on the group (broadcast.video.dms_groups)"
            if body.get("type") == "schedule" and not target.get("allowScheduleAuthorization"):
                raise ValidationError(
                    "authorization set %r: a schedule (schedule-based authorization set) is not allowed on %s, whose "
                    "allow_schedule_authorization is false; %s, or declare the set without schedule" % (
                        operation.name, label, fix))


#: Fields a PATCH may carry, per kind (modeled: ``docs/dms-api.md``).
WRITABLE: Dict[str, Tuple[str, ...]] = {
    "devices": ("customDescription", "location", "groups", "allowScheduleAuthorization"),
    "groups": ("name", "description", "allowScheduleAuthorization"),
    "authorizations": ("name", "targetType", "targetId", "entitlements", "enabled", "type", "schedule"),
    "destinations": ("name", "description", "address", "port", "protocol", "enabled"),
}


def client_factory(params: Mapping[str, Any], check_mode: bool, offline: bool = False) -> DmsClient:
    """The :class:`~ansible_collections.broadcast.video.plugins.module_utils.module.Device` factory for DMS."""
    return DmsClient(params, check_mode=check_mode, offline=offline)
