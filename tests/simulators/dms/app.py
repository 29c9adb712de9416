# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The stateful in-memory Harmonic DMS REST API (``/api/v1/...``) of docs/dms-api.md.

That page is the contract, and everything on it is modeled (Harmonic publishes no DMS REST API): token login, paged
collections with filters, devices (no create or delete), groups, authorization sets with schedules, destinations,
alarms, over-the-air commands and the firmware list. Choices the contract leaves open are listed in docs/simulators.md
(section "Harmonic DMS").
"""

from __future__ import annotations

import gc
import time
from collections import deque
from dataclasses import dataclass
from typing import Any, Callable

from common.app import ApiError, DeviceApp, Request, Response, empty_response, json_response
from common.store import Collection
from dms import seed
from dms.auth import DmsAuth
from dms.devices import DeviceStore
from dms.model import (build_authorization, build_destination, build_group, command_request, device_changes)
from dms.wire import body_object, conflict, default_error_body, dms_error, invalid, not_found, page_window, paged

API = "/api/v1"
ENDPOINT_KEYS = ("login", "system", "devices", "device_commands", "groups", "authorizations", "destinations", "alarms", "firmware")
COLLECTIONS = ("devices", "groups", "authorizations", "destinations", "alarms", "firmware")
SMALL_COLLECTIONS = ("groups", "authorizations", "destinations", "alarms", "firmware")
ID_PREFIX = {"devices": ("dev", 6), "groups": ("grp", 4), "authorizations": ("auth", 4), "destinations": ("dst", 4), "alarms": ("alm", 6)}
DEVICE_FILTERS = ("region", "model", "status", "firmwareVersion")
MAX_ID_FILTER = 1000
COMMAND_LOG_LIMIT = 10_000
PUBLIC_ROUTES = frozenset({("POST", API + "/auth/login")})
ACCEPTED = {"reboot": "reboot started", "resend_authorization": "authorization resent"}


@dataclass
class DmsSettings:
    """Start-up options of the DMS simulator (credentials, token lifetime in seconds, population)."""

    username: str = "dmsadmin"
    password: str = "dms-password"
    token_ttl: int = 3600
    devices: int = 200
    empty: bool = False
    seed: int = 1


def item_defaults(collection: str, now: int) -> dict[str, Any]:
    """The fields a new item inserted through ``/__sim__/items/<collection>`` gets when it does not give them."""
    if collection == "devices":
        return {"serialNumber": "", "unitAddress": "", "model": "ProView 8130", "firmwareVersion": seed.SYSTEM_VERSION, "region": "central",
                "status": "online", "ipAddress": None, "lastSeen": now, "activeAlarmCount": 0, "customDescription": "", "location": "",
                "groups": [], "allowScheduleAuthorization": False}
    if collection == "groups":
        return {"name": "", "description": "", "allowScheduleAuthorization": False}
    if collection == "authorizations":
        return {"name": "", "targetType": "group", "targetId": "", "entitlements": [], "enabled": True, "type": "standard", "schedule": None}
    if collection == "destinations":
        return {"name": "", "description": "", "address": "0.0.0.0", "port": 5000, "protocol": "udp", "enabled": True}
    if collection == "alarms":
        return {"deviceId": "", "severity": "major", "type": "SIGNAL_LOSS", "message": "Input signal lost on RF input 1", "state": "active",
                "raisedAt": now, "clearedAt": None}
    return {"models": []}


class DmsApp(DeviceApp):  # pylint: disable=too-many-public-methods
    """In-memory DMS. Devices live in a :class:`DeviceStore` (indexed for the filters), the small collections in
    :class:`Collection` s, all in their wire shape; a group's ``deviceCount`` and the system counts are computed from the
    device indexes when shown. ``commands`` keeps the commands received (the last 10,000) for ``/__sim__/state``.
    """

    name = "dms"

    def __init__(self, settings: DmsSettings) -> None:
        super().__init__()
        self.settings = settings
        self.auth = DmsAuth(settings.username, settings.password, settings.token_ttl)
        self.devices = DeviceStore()
        self.collections: dict[str, Collection] = {key: Collection(key, "version" if key == "firmware" else "id") for key in SMALL_COLLECTIONS}
        self.commands: deque[dict[str, Any]] = deque(maxlen=COMMAND_LOG_LIMIT)
        self.command_seq = 0
        self.counters: dict[str, int] = {}
        self.endpoint_absent: set[str] = set()
        self._load(settings.empty)
        self._routes()

    # State -----------------------------------------------------------------------------------------------------------------
    def _load(self, empty: bool) -> None:
        """(Re)generate the population of ``--devices`` / ``--seed`` (``empty``: no groups, sets or destinations).

        The cyclic garbage collector is paused while some million objects are made (a third faster with 100,000
        devices) and they are then frozen out of its reach, so later collections do not walk them on every request.
        """
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            population = seed.generate_population(self.settings.devices, self.settings.seed, empty)
            self.devices.load(population.devices)
        finally:
            if was_enabled:
                gc.enable()
        gc.freeze()
        for key in SMALL_COLLECTIONS:
            self.collections[key].clear()
            for item in getattr(population, key):
                if key == "groups":
                    item.pop("deviceCount", None)
                self.collections[key].put(item)
        self.counters = {"devices": len(self.devices), **{key: len(self.collections[key]) for key in SMALL_COLLECTIONS}}
        self.commands.clear()
        self.command_seq = 0

    def _new_id(self, collection: str) -> str:
        """The next unused id of ``collection`` (``grp-0017``...); ids are never reused within a run."""
        prefix, width = ID_PREFIX[collection]
        taken: Any = self.devices if collection == "devices" else self.collections[collection]
        while True:
            self.counters[collection] += 1
            candidate = f"{prefix}-{self.counters[collection]:0{width}d}"
            if candidate not in taken:
                return candidate

    def _routes(self) -> None:
        """Register every route of docs/dms-api.md, each under its ``endpoint_paths`` key."""
        add = self._add
        add("login", "POST", "/auth/login", self.auth.login)
        add("login", "POST", "/auth/logout", self.auth.logout)
        add("system", "GET", "/system", self.get_system)
        add("device_commands", "POST", "/devices/commands", self.device_command)
        add("devices", "GET", "/devices", self.list_devices)
        add("devices", "GET", "/devices/{id}", self.get_device)
        add("devices", "PATCH", "/devices/{id}", self.patch_device)
        add("groups", "GET", "/groups", self.list_groups)
        add("groups", "POST", "/groups", self.create_group)
        add("groups", "GET", "/groups/{id}", self.get_group)
        add("groups", "PATCH", "/groups/{id}", self.patch_group)
        add("groups", "DELETE", "/groups/{id}", self.delete_group)
        add("authorizations", "GET", "/authorizations", self._lister("authorizations"))
        add("authorizations", "POST", "/authorizations", self.create_authorization)
        add("authorizations", "GET", "/authorizations/{id}", self._getter("authorizations"))
        add("authorizations", "PATCH", "/authorizations/{id}", self.patch_authorization)
        add("authorizations", "DELETE", "/authorizations/{id}", self._deleter("authorizations"))
        add("destinations", "GET", "/destinations", self._lister("destinations"))
        add("destinations", "POST", "/destinations", self.create_destination)
        add("destinations", "GET", "/destinations/{id}", self._getter("destinations"))
        add("destinations", "PATCH", "/destinations/{id}", self.patch_destination)
        add("destinations", "DELETE", "/destinations/{id}", self._deleter("destinations"))
        add("alarms", "GET", "/alarms", self.list_alarms)
        add("firmware", "GET", "/firmware", self._lister("firmware"))

    def _add(self, key: str, method: str, pattern: str, handler: Callable[[Request], Response]) -> None:
        """Register ``handler`` on ``/api/v1`` + ``pattern``; it answers 404 while ``key`` is in ``endpoint_absent``."""
        def guarded(request: Request) -> Response:
            if key in self.endpoint_absent:
                raise not_found(f"no such endpoint: {request.method} {request.path}")
            return handler(request)

        guarded.__doc__ = handler.__doc__
        self.router.add(method, API + pattern, guarded)

    def dispatch(self, request: Request) -> Response:
        """Authenticate every ``/api/`` request except login, then route. Unknown routes and methods, and every path
        outside ``/api/``, answer 404 ``NOT_FOUND``."""
        try:
            path = request.path.rstrip("/") or "/"
            if not path.startswith("/api/"):
                raise not_found(f"no such endpoint: {request.method} {request.path}")
            if (request.method, path) not in PUBLIC_ROUTES:
                self.auth.authenticate(request)
            try:
                handler, params = self.router.resolve(request.method, request.path)
            except ApiError as exc:
                raise not_found(f"no such endpoint: {request.method} {request.path}") from exc
            request.params = params
            return handler(request)
        except ApiError as exc:
            return self.error_response(request, exc)

    def error_response(self, request: Request, error: ApiError) -> Response:
        """The DMS error body ``{"error": {"code", "message", "details"}}`` (code from the status for plain errors)."""
        body = error.body if error.body is not None else default_error_body(error.status, error.message)
        return json_response(body, status=error.status, headers=error.headers)

    # Generic handlers of the small collections --------------------------------------------------------------------------------
    def _get(self, collection: str, item_id: str) -> dict[str, Any]:
        """Stored item ``item_id`` of ``collection``; 404 ``NOT_FOUND``."""
        item = self.collections[collection].get(item_id)
        if item is None:
            raise not_found(f"{collection[:-1]} {item_id} not found")
        return item

    def _lister(self, collection: str) -> Callable[[Request], Response]:
        """A paged list handler over ``collection`` (items as stored)."""
        def handler(request: Request) -> Response:
            return paged(request, self.collections[collection].values())

        handler.__doc__ = f"``GET /api/v1/{collection}``: paged."
        return handler

    def _getter(self, collection: str) -> Callable[[Request], Response]:
        """A ``GET .../{id}`` handler over ``collection``."""
        def handler(request: Request) -> Response:
            return json_response(self._get(collection, request.params["id"]))

        handler.__doc__ = f"``GET /api/v1/{collection}/{{id}}``; 404 ``NOT_FOUND``."
        return handler

    def _deleter(self, collection: str) -> Callable[[Request], Response]:
        """A ``DELETE .../{id}`` handler over ``collection`` (204)."""
        def handler(request: Request) -> Response:
            self.collections[collection].delete(self._get(collection, request.params["id"])["id"])
            return empty_response(204)

        handler.__doc__ = f"``DELETE /api/v1/{collection}/{{id}}`` -> 204; 404 ``NOT_FOUND``."
        return handler

    def _check_name(self, collection: str, name: str, own_id: str | None = None) -> None:
        """409 ``CONFLICT`` when another item of ``collection`` already has ``name``."""
        for item in self.collections[collection].values():
            if item.get("name") == name and item.get("id") != own_id:
                raise conflict(f"{collection[:-1]} name {name!r} is already taken by {item.get('id')}", {"field": "name", "id": item.get("id")})

    def _created(self, collection: str, item: dict[str, Any]) -> Response:
        """201 with the stored item and its ``Location``."""
        self.collections[collection].put(item)
        body = self._group_view(item) if collection == "groups" else item
        return json_response(body, status=201, headers={"Location": f"{API}/{collection}/{item['id']}"})

    # System ----------------------------------------------------------------------------------------------------------------------
    def get_system(self, request: Request) -> Response:  # pylint: disable=unused-argument
        """``GET /api/v1/system``: name, version, device / online / group counts and the server time."""
        return json_response({"name": seed.SYSTEM_NAME, "version": seed.SYSTEM_VERSION, "deviceCount": len(self.devices),
                              "onlineCount": self.devices.count("status", "online"), "groupCount": len(self.collections["groups"]),
                              "serverTime": int(time.time())})

    # Devices -----------------------------------------------------------------------------------------------------------------------
    def _device(self, device_id: str) -> dict[str, Any]:
        """Stored device ``device_id``; 404 ``NOT_FOUND``."""
        device = self.devices.get(device_id)
        if device is None:
            raise not_found(f"device {device_id} not found")
        return device

    def _group_named(self, name: str) -> dict[str, Any] | None:
        """The group called ``name`` (names are unique), or None."""
        return next((group for group in self.collections["groups"].values() if group.get("name") == name), None)

    def list_devices(self, request: Request) -> Response:
        """``GET /api/v1/devices?group=&region=&model=&status=&firmwareVersion=&id=a,b``: exact, case-sensitive, ANDed.

        ``group`` is a group name (an unknown one matches nothing); ``id`` a comma-separated list of at most 1000 ids
        (422 beyond). Matches come in device order; the indexes make a filtered page cost its slice.
        """
        page_window(request)  # 422 on a bad page or pageSize before any work
        filters: dict[str, Any] = {}
        for name in DEVICE_FILTERS:
            value = request.arg(name)
            if value is not None:
                filters[name] = value
        group_name = request.arg("group")
        group = self._group_named(group_name) if group_name is not None else None
        if group is not None:
            filters["groups"] = group["id"]
        device_ids = None
        id_text = request.arg("id")
        if id_text is not None:
            device_ids = [part.strip() for part in id_text.split(",") if part.strip()]
            if len(device_ids) > MAX_ID_FILTER:
                raise invalid("id", f"at most {MAX_ID_FILTER} ids per request ({len(device_ids)} given)")
        if group_name is not None and group is None:
            return paged(request, [])
        return paged(request, self.devices.select(filters, device_ids))

    def get_device(self, request: Request) -> Response:
        """``GET /api/v1/devices/{id}``; 404 ``NOT_FOUND``."""
        return json_response(self._device(request.params["id"]))

    def _schedule_sets_on(self, target_type: str, target_id: str) -> list[str]:
        """Ids of the schedule authorization sets that target this device or group."""
        return [item["id"] for item in self.collections["authorizations"].values()
                if item.get("type") == "schedule" and item.get("targetType") == target_type and item.get("targetId") == target_id]

    def _check_schedule_flag(self, target_type: str, target: dict[str, Any], changes: dict[str, Any]) -> None:
        """409 ``CONFLICT`` when ``changes`` turn ``allowScheduleAuthorization`` off while schedule sets target ``target``."""
        if changes.get("allowScheduleAuthorization") is False and target.get("allowScheduleAuthorization"):
            sets = self._schedule_sets_on(target_type, target["id"])
            if sets:
                raise conflict(f"schedule authorization sets target this {target_type}: {', '.join(sets)}",
                               {"field": "allowScheduleAuthorization", "authorizations": sets})

    def patch_device(self, request: Request) -> Response:
        """``PATCH /api/v1/devices/{id}``: any subset of ``customDescription``, ``location``, ``groups`` (group ids; an
        unknown one is 422 ``groups``) and ``allowScheduleAuthorization``; answers the whole device. Any other field is
        422; turning ``allowScheduleAuthorization`` off while a schedule set targets the device is 409."""
        device = self._device(request.params["id"])
        changes = device_changes(body_object(request))
        unknown = [gid for gid in changes.get("groups", []) if gid not in self.collections["groups"]]
        if unknown:
            raise dms_error(422, "VALIDATION_FAILED", f"unknown group id {unknown[0]}", {"field": "groups", "value": unknown[0]})
        self._check_schedule_flag("device", device, changes)
        device.update(changes)
        if "groups" in changes:
            self.devices.changed("groups")
        return json_response(device)

    def device_command(self, request: Request) -> Response:
        """``POST /api/v1/devices/commands`` ``{"command", "deviceIds", "parameters"}`` -> 202 with one result per device.

        An unknown id is rejected ("no such device"), an offline device ("device is offline"), a firmware upgrade to the
        running version ("already on X") or to a version not released for the model ("firmware X is not available for
        M"). Accepted devices feel the command: ``lastSeen`` becomes now, and a firmware upgrade sets ``firmwareVersion``.
        """
        versions = {item["version"]: list(item.get("models") or []) for item in self.collections["firmware"].values()}
        command, device_ids, parameters = command_request(body_object(request), versions)
        version = parameters.get("firmwareVersion") if command == "firmware_upgrade" else None
        now = int(time.time())
        results = []
        upgraded = False
        for device_id in device_ids:
            device = self.devices.get(device_id)
            message = ""
            if device is None:
                message = "no such device"
            elif device.get("status") != "online":
                message = "device is offline"
            elif version is not None and device.get("firmwareVersion") == version:
                message = f"already on {version}"
            elif version is not None and device.get("model") not in versions[version]:
                message = f"firmware {version} is not available for {device.get('model')}"
            if message:
                results.append({"deviceId": device_id, "status": "rejected", "message": message})
                continue
            assert device is not None
            device["lastSeen"] = now
            if version is not None:
                device["firmwareVersion"] = version
                upgraded = True
            results.append({"deviceId": device_id, "status": "accepted", "message": ACCEPTED.get(command, f"upgrade to {version} started")})
        if upgraded:
            self.devices.changed("firmwareVersion")
        self.command_seq += 1
        answer = {"id": f"cmd-{self.command_seq:06d}", "command": command, "results": results}
        self.commands.append(dict(answer, deviceIds=device_ids, parameters=parameters, time=now))
        return json_response(answer, status=202)

    # Groups -------------------------------------------------------------------------------------------------------------------------
    def _group_view(self, group: dict[str, Any]) -> dict[str, Any]:
        """A group with its computed ``deviceCount``."""
        return dict(group, deviceCount=self.devices.count("groups", group.get("id")))

    def list_groups(self, request: Request) -> Response:
        """``GET /api/v1/groups``: paged, each with ``deviceCount``."""
        return paged(request, self.collections["groups"].values(), self._group_view)

    def get_group(self, request: Request) -> Response:
        """``GET /api/v1/groups/{id}``; 404 ``NOT_FOUND``."""
        return json_response(self._group_view(self._get("groups", request.params["id"])))

    def create_group(self, request: Request) -> Response:
        """``POST /api/v1/groups`` ``{"name", "description", "allowScheduleAuthorization"}`` -> 201; 409 for a taken name."""
        group = build_group(body_object(request), "")
        self._check_name("groups", group["name"])
        group["id"] = self._new_id("groups")
        return self._created("groups", group)

    def patch_group(self, request: Request) -> Response:
        """``PATCH /api/v1/groups/{id}``: any subset of the writable fields; 409 for a taken name, or for turning
        ``allowScheduleAuthorization`` off while a schedule set targets the group."""
        old = self._get("groups", request.params["id"])
        body = body_object(request)
        group = build_group(body, old["id"], old)
        self._check_name("groups", group["name"], old["id"])
        self._check_schedule_flag("group", old, body)
        self.collections["groups"].put(group)
        return json_response(self._group_view(group))

    def delete_group(self, request: Request) -> Response:
        """``DELETE /api/v1/groups/{id}`` -> 204, the group leaves its devices' ``groups``; 409 while an authorization set
        targets it."""
        group = self._get("groups", request.params["id"])
        sets = [item["id"] for item in self.collections["authorizations"].values()
                if item.get("targetType") == "group" and item.get("targetId") == group["id"]]
        if sets:
            raise conflict(f"group {group['id']} is the target of authorization sets {', '.join(sets)}", {"authorizations": sets})
        self._drop_group(group["id"])
        return empty_response(204)

    def _drop_group(self, gid: str) -> None:
        """Remove group ``gid`` and take it out of its members' ``groups``."""
        self.collections["groups"].delete(gid)
        for device in self.devices.index("groups").get(gid, []):
            device["groups"] = [member for member in device.get("groups") or [] if member != gid]
        self.devices.changed("groups")

    # Authorization sets ----------------------------------------------------------------------------------------------------------
    def _store_authorization(self, body: dict[str, Any], old: dict[str, Any] | None) -> dict[str, Any]:
        """Validate a create or PATCH body: fields (422), target exists (422 ``targetId``), name free (409), schedule
        allowed by the target (422 ``SCHEDULE_NOT_ALLOWED``); only then store it."""
        item = build_authorization(body, old["id"] if old is not None else "", old)
        if item["targetType"] == "device":
            target = self.devices.get(item["targetId"])
        else:
            target = self.collections["groups"].get(item["targetId"])
        if target is None:
            raise invalid("targetId", f"no {item['targetType']} {item['targetId']}")
        self._check_name("authorizations", item["name"], old["id"] if old is not None else None)
        if item["type"] == "schedule" and not target.get("allowScheduleAuthorization"):
            raise dms_error(422, "SCHEDULE_NOT_ALLOWED",
                            f"{item['targetType']} {item['targetId']} does not allow schedule authorization (allowScheduleAuthorization is false)",
                            {"field": "targetId", "targetType": item["targetType"], "targetId": item["targetId"]})
        if old is None:
            item["id"] = self._new_id("authorizations")
        return self.collections["authorizations"].put(item)

    def create_authorization(self, request: Request) -> Response:
        """``POST /api/v1/authorizations`` -> 201."""
        item = self._store_authorization(body_object(request), None)
        return json_response(item, status=201, headers={"Location": f"{API}/authorizations/{item['id']}"})

    def patch_authorization(self, request: Request) -> Response:
        """``PATCH /api/v1/authorizations/{id}``: any subset of the fields, checked as a whole afterwards."""
        old = self._get("authorizations", request.params["id"])
        return json_response(self._store_authorization(body_object(request), old))

    # Destinations -------------------------------------------------------------------------------------------------------------------
    def create_destination(self, request: Request) -> Response:
        """``POST /api/v1/destinations`` -> 201; 409 for a taken name."""
        item = build_destination(body_object(request), "")
        self._check_name("destinations", item["name"])
        item["id"] = self._new_id("destinations")
        return self._created("destinations", item)

    def patch_destination(self, request: Request) -> Response:
        """``PATCH /api/v1/destinations/{id}``: any subset of the fields."""
        old = self._get("destinations", request.params["id"])
        item = build_destination(body_object(request), old["id"], old)
        self._check_name("destinations", item["name"], old["id"])
        return json_response(self.collections["destinations"].put(item))

    # Alarms -------------------------------------------------------------------------------------------------------------------------
    def list_alarms(self, request: Request) -> Response:
        """``GET /api/v1/alarms?state=active|all&deviceId=``: paged, oldest id first (``state`` default ``all``, else 422)."""
        page_window(request)
        state = request.arg("state") or "all"
        if state not in ("active", "all"):
            raise invalid("state", "state must be active or all")
        device_id = request.arg("deviceId")
        items = [alarm for alarm in self.collections["alarms"].values()
                 if (state == "all" or alarm.get("state") == "active") and (device_id is None or alarm.get("deviceId") == device_id)]
        return paged(request, items)

    def _recount(self, *device_ids: Any) -> None:
        """Set ``activeAlarmCount`` of these devices from the active alarms that name them."""
        for device_id in device_ids:
            device = self.devices.get(device_id) if isinstance(device_id, str) else None
            if device is not None:
                device["activeAlarmCount"] = sum(1 for alarm in self.collections["alarms"].values()
                                                 if alarm.get("deviceId") == device_id and alarm.get("state") == "active")

    # Control hooks ------------------------------------------------------------------------------------------------------------------
    def expire_tokens(self) -> None:
        """Every issued token becomes expired: 401 ``TOKEN_EXPIRED``."""
        self.auth.expire_all()

    def reset(self, empty: bool) -> None:
        """``{}``: regenerate everything from the start-up options; ``{"empty": true}``: as ``--empty`` (devices and alarms
        stay, without groups; no groups, authorization sets or destinations). Switches return to their start-up values,
        the command log is cleared; tokens stay valid."""
        self.endpoint_absent = set()
        self.auth.token_ttl = self.settings.token_ttl
        self._load(empty)

    def _config(self) -> dict[str, Any]:
        """The current switch values."""
        return {"endpoint_absent": sorted(self.endpoint_absent), "token_ttl": self.auth.token_ttl}

    def configure(self, changes: dict[str, Any]) -> dict[str, Any]:
        """Switches: ``endpoint_absent`` (a list of endpoint keys, e.g. ``["alarms"]``: those endpoints answer 404 as if
        this DMS had none; replaces the previous list) and ``token_ttl`` (seconds, for tokens issued afterwards)."""
        unknown = set(changes) - {"endpoint_absent", "token_ttl"}
        if unknown:
            raise ApiError(400, "unknown switches: " + ", ".join(sorted(unknown)))
        if "endpoint_absent" in changes:
            keys = changes["endpoint_absent"]
            if not isinstance(keys, list) or not all(isinstance(key, str) and key in ENDPOINT_KEYS for key in keys):
                raise ApiError(400, "endpoint_absent must be a list of endpoint keys: " + ", ".join(ENDPOINT_KEYS))
        if "token_ttl" in changes:
            ttl = changes["token_ttl"]
            if not isinstance(ttl, int) or isinstance(ttl, bool) or ttl < 1:
                raise ApiError(400, "token_ttl must be a positive integer")
        if "endpoint_absent" in changes:
            self.endpoint_absent = set(changes["endpoint_absent"])
        self.auth.token_ttl = changes.get("token_ttl", self.auth.token_ttl)
        return self._config()

    def _check_collection(self, collection: str) -> None:
        """404 for a collection name ``/__sim__/items`` does not know."""
        if collection not in COLLECTIONS:
            raise ApiError(404, f"unknown collection {collection}; known: {', '.join(COLLECTIONS)}")

    def insert_item(self, collection: str, item: Any) -> Any:
        """Insert or update a raw item, unchecked. An item whose key (``id``; ``version`` for firmware) exists is updated
        with the fields given; a new one gets the missing fields from :func:`item_defaults` and, without a key, the next id.

        Devices' ``activeAlarmCount`` follows the alarms (an inserted device's value is recomputed); a group's
        ``deviceCount`` is always computed.
        """
        self._check_collection(collection)
        if not isinstance(item, dict):
            raise ApiError(400, "item must be a JSON object")
        key = "version" if collection == "firmware" else "id"
        if item.get(key) in (None, ""):
            if collection == "firmware":
                raise ApiError(400, "firmware items need a version")
            item[key] = self._new_id(collection)
        if not isinstance(item[key], str):
            raise ApiError(400, f"{collection} items need a string {key!r}")
        if collection == "groups":
            item.pop("deviceCount", None)
        old = self.devices.get(item[key]) if collection == "devices" else self.collections[collection].get(item[key])
        stored = {**(old if old is not None else item_defaults(collection, int(time.time()))), **item}
        if collection == "devices":
            self.devices.put(stored)
            self._recount(stored["id"])
        else:
            self.collections[collection].put(stored)
        if collection == "alarms":
            self._recount(stored.get("deviceId"), old.get("deviceId") if old is not None else None)
        return stored

    def remove_item(self, collection: str, item_id: str) -> None:
        """Delete a raw item, unchecked (404 when absent). A group also leaves its devices' ``groups``; an alarm updates
        its device's ``activeAlarmCount``; a device's alarms and authorization sets stay."""
        self._check_collection(collection)
        if collection == "devices":
            if self.devices.delete(item_id) is None:
                raise ApiError(404, f"devices item {item_id} not found")
            return
        if item_id not in self.collections[collection]:
            raise ApiError(404, f"{collection} item {item_id} not found")
        if collection == "groups":
            self._drop_group(item_id)
            return
        removed = self.collections[collection].delete(item_id)
        if collection == "alarms" and removed is not None:
            self._recount(removed.get("deviceId"))

    def dump_state(self) -> dict[str, Any]:
        """The whole state (every device: tens of MB with 100,000 of them), plus switches, counts and the command log."""
        return {
            "config": self._config(),
            "counts": {"devices": len(self.devices), "online": self.devices.count("status", "online"),
                       **{key: len(self.collections[key]) for key in SMALL_COLLECTIONS}},
            "devices": self.devices.values(),
            "groups": [self._group_view(group) for group in self.collections["groups"].values()],
            **{key: self.collections[key].values() for key in ("authorizations", "destinations", "alarms", "firmware")},
            "commands": list(self.commands),
            "auth": {"tokens": len(self.auth.tokens), "expired": len(self.auth.expired)},
        }
