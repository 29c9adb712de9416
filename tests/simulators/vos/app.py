# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The stateful in-memory Harmonic VOS REST API (``/vos-api/...`` plus ``/oauth/...``).

Paths, shapes and behaviour follow docs/dev/vos-wire-model.md; every CONFIRMED fact of
/work/shared/reference/vos-api.md is reproduced (bare JSON arrays, 200 on create, whole-object PUT, ``?force=True``
on service delete, 403 for bad credentials, ``"******"`` secrets, ``controlState`` OFF/ACTIVATED ...).
"""

from __future__ import annotations

import copy
import os
import time
from dataclasses import dataclass
from typing import Any, Callable

from common.app import ApiError, DeviceApp, Request, Response, empty_response, json_response, reason_phrase
from common.store import Collection, IdFactory, is_uuid
from vos import seed
from vos.auth import Authenticator

MASK = "******"
SECRET_KEYS = frozenset({"password"})
CONTROL_STATES = ("OFF", "ACTIVATED")

CONFIGURE = "/vos-api/configure/v1"
PLATFORM = "/vos-api/platform-config/v1"

# Collection key (wire-model endpoint key) -> list path. Read-only collections answer GET only.
LIST_PATHS = {
    "profiles": "/vos-api/labwizard/v1/profiles",
    "uplinks": "/vos-api/uplink-hub/v1/uplinks",
    "uplink_groups": "/vos-api/uplink-hub/v1/uplinkGroups",
    "uplink_status": "/vos-api/uplink-hub/v1/uplinkStatus",
    "notification_types": "/vos-api/notification/v1/notificationTypes",
    "nodes": "/vos-api/cluster/v1/nodes",
    "origin_engine_servers": "/vos-api/origin-engine/v1/servers",
    "networks": PLATFORM + "/networks",
}
RF_PATHS = {"rf_monitorings": PLATFORM + "/rfMonitorings", "rf_statistics": PLATFORM + "/rfStatistics", "rf_settings": PLATFORM + "/rfSettings"}
CONFIG_COLLECTIONS = ("services", "sources", "destinations", "images")
COLLECTION_KEYS = {"networks": "name", "notification_types": "type"}
ALL_COLLECTIONS = CONFIG_COLLECTIONS + tuple(LIST_PATHS) + tuple(RF_PATHS) + ("notifications", "users", "scte_logs")


@dataclass
class VosSettings:
    """Start-up options of the VOS simulator (credentials, token lifetime in seconds, seed data size)."""

    username: str = "admin"
    password: str = "admin-password"
    client_id: str = "vos-client"
    client_secret: str = "vos-client-secret"
    token_ttl: int = 43199
    services: int = 4
    empty: bool = False
    rf_absent: bool = False
    seed: int = 1


def mask_secrets(obj: Any) -> Any:
    """A copy of ``obj`` where every non-empty ``password`` string is replaced by ``"******"``."""
    if isinstance(obj, dict):
        return {key: (MASK if key in SECRET_KEYS and isinstance(value, str) and value else mask_secrets(value)) for key, value in obj.items()}
    if isinstance(obj, list):
        return [mask_secrets(value) for value in obj]
    return obj


def keep_masked_secrets(new: Any, old: Any) -> None:
    """In place: every ``"******"`` secret in ``new`` takes the stored value at the same place in ``old``.

    List items are paired by their ``id`` when they have one, else by position.
    """
    if isinstance(new, dict) and isinstance(old, dict):
        for key, value in new.items():
            if key in SECRET_KEYS and value == MASK and key in old:
                new[key] = old[key]
            else:
                keep_masked_secrets(value, old.get(key))
    elif isinstance(new, list) and isinstance(old, list):
        by_id = {item.get("id"): item for item in old if isinstance(item, dict) and item.get("id")}
        for position, item in enumerate(new):
            if isinstance(item, dict) and item.get("id") in by_id:
                keep_masked_secrets(item, by_id[item["id"]])
            elif position < len(old):
                keep_masked_secrets(item, old[position])


def _dicts(value: Any) -> list[dict[str, Any]]:
    """The dict items of a JSON list (anything else -> [])."""
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _sub(obj: Any, *keys: str) -> Any:
    """Nested lookup tolerant of nulls: ``_sub(x, "a", "b")`` is ``x["a"]["b"]`` or None."""
    for key in keys:
        if not isinstance(obj, dict):
            return None
        obj = obj.get(key)
    return obj


class VosApp(DeviceApp):
    """In-memory VOS cluster. State lives in :class:`Collection` objects keyed by the wire-model endpoint keys."""

    name = "vos"

    def __init__(self, settings: VosSettings) -> None:
        super().__init__()
        self.settings = settings
        self.rf_absent = settings.rf_absent
        self.ids = IdFactory(settings.seed + 7919)
        self.passwords: dict[str, str] = {}
        self.collections: dict[str, Collection] = {key: Collection(key, COLLECTION_KEYS.get(key, "id")) for key in ALL_COLLECTIONS}
        self.system_info: dict[str, Any] = {}
        self.auth = Authenticator(IdFactory(int.from_bytes(os.urandom(8), "big")), self.check_user, settings.client_id, settings.client_secret,
                                  settings.token_ttl)
        self._load(settings.empty)
        self._routes()

    # State ---------------------------------------------------------------------------------------------------------
    def _load(self, empty: bool) -> None:
        self.passwords = {}
        data = seed.generate(self.settings.seed, self.settings.services, empty, self.passwords)
        self.system_info = data.pop("system_info")
        for key, collection in self.collections.items():
            collection.clear()
            for item in data.get(key, []):
                collection.put(item)

    def check_user(self, username: str, password: str) -> bool:
        """Basic user check: the CLI account, or a stored user whose (write-only) password matches."""
        if username == self.settings.username and password == self.settings.password:
            return True
        stored = self.passwords.get(username)
        return stored is not None and stored == password

    def _routes(self) -> None:
        add = self.router.add
        add("GET", "/", self.root)
        add("POST", "/", self.root)
        add("GET", "/oauth/authorize", self.auth.authorize)
        add("POST", "/oauth/token", self.auth.token)
        for key in CONFIG_COLLECTIONS:
            base = f"{CONFIGURE}/{key}"
            add("GET", base, self._bind(self.list_config, key))
            add("POST", base, self._bind(self.create_config, key))
            add("GET", base + "/{id}", self._bind(self.get_item, key))
            add("PUT", base + "/{id}", self._bind(self.update_config, key))
            add("DELETE", base + "/{id}", self._bind(self.delete_config, key))
        for key, path in LIST_PATHS.items():
            add("GET", path, self._bind(self.list_plain, key))
            if key != "networks":
                add("GET", path + "/{id}", self._bind(self.get_item, key))
        for key, path in RF_PATHS.items():
            add("GET", path, self._bind(self.list_rf, key))
        add("GET", PLATFORM + "/systemInfo", self.get_system_info)
        add("GET", "/vos-api/notification/v1/notifications", self.list_notifications)
        add("GET", "/vos-api/notification/v1/notifications/{id}", self._bind(self.get_item, "notifications"))
        add("GET", "/vos-api/scte35/v1/logs", self.list_scte_logs)
        add("GET", "/vos-api/origin-engine/v1/statistics", self.get_origin_statistics)
        add("GET", "/vos-api/user/v1/users", self.list_users)
        add("POST", "/vos-api/user/v1/users", self.create_user)
        add("GET", "/vos-api/user/v1/users/{id}", self.get_user)
        add("PUT", "/vos-api/user/v1/users/{id}", self.update_user)
        add("DELETE", "/vos-api/user/v1/users/{id}", self.delete_user)
        add("POST", "/vos-api/client-apps/v1/apps", self.register_app)
        add("GET", "/vos-api/client-apps/v1/apps/{client_id}", self.get_app)

    @staticmethod
    def _bind(handler: Callable[[str, Request], Response], key: str) -> Callable[[Request], Response]:
        return lambda request: handler(key, request)

    def dispatch(self, request: Request) -> Response:
        """Authenticate every ``/vos-api/`` request before routing (so unknown paths still need credentials)."""
        if request.path.startswith("/vos-api/"):
            try:
                self.auth.require(request)
            except ApiError as exc:
                return self.error_response(request, exc)
        return super().dispatch(request)

    def error_response(self, request: Request, error: ApiError) -> Response:
        """Spring Boot error body ``{"timestamp", "status", "error", "message", "path"}`` (OAuth errors keep their own body)."""
        body = error.body if error.body is not None else {"timestamp": int(time.time() * 1000), "status": error.status,
                                                          "error": reason_phrase(error.status), "message": error.message, "path": request.path}
        return json_response(body, status=error.status, headers=error.headers)

    # Generic handlers ----------------------------------------------------------------------------------------------
    def root(self, request: Request) -> Response:  # pylint: disable=unused-argument
        """``GET|POST /``: the warm-up call some scripts make; answers 200 without authentication (modeled)."""
        return json_response({"name": "VOS", "version": seed.ENGINE_VERSION})

    def _render(self, key: str, item: dict[str, Any]) -> dict[str, Any]:
        """The client view of a stored item: secrets masked; destinations get a computed ``inUse``."""
        view = mask_secrets(item)
        if key == "destinations":
            view["inUse"] = bool(self._services_using("destinations", item["id"]))
        return view

    def _find(self, key: str, item_id: str) -> dict[str, Any]:
        item = self.collections[key].get(item_id)
        if item is None:
            raise ApiError(404, f"{key[:-1].capitalize()} {item_id} not found")
        return item

    def get_item(self, key: str, request: Request) -> Response:
        """``GET <list path>/{id}`` -> one object or 404."""
        return json_response(self._render(key, self._find(key, request.params["id"])))

    def list_plain(self, key: str, request: Request) -> Response:
        """A bare JSON array, optionally filtered by ``?name=``."""
        name = request.arg("name")
        items = self.collections[key].values()
        if name is not None:
            items = [item for item in items if item.get("name") == name]
        return json_response([self._render(key, item) for item in items])

    def list_rf(self, key: str, request: Request) -> Response:
        """RF endpoints: 404 when the cluster has no RF cards (``--rf-absent`` / ``{"rf_absent": true}``)."""
        if self.rf_absent:
            raise ApiError(404, "No RF card present")
        return self.list_plain(key, request)

    def get_system_info(self, request: Request) -> Response:  # pylint: disable=unused-argument
        """``{"clusterName", "version", "build", "nodeCount"}``."""
        return json_response(dict(self.system_info, nodeCount=len(self.collections["nodes"])))

    @staticmethod
    def _result_count(request: Request) -> int | None:
        text = request.arg("result_count")
        if text is None or text == "":
            return None
        try:
            count = int(text)
        except ValueError as exc:
            raise ApiError(400, "result_count must be an integer") from exc
        if count < 0:
            raise ApiError(400, "result_count must be >= 0")
        return count

    def list_notifications(self, request: Request) -> Response:
        """Notifications newest first; ``?state=ACTIVE`` filters, ``?result_count=N`` limits."""
        state = request.arg("state")
        count = self._result_count(request)
        items = sorted(self.collections["notifications"].values(), key=lambda item: item.get("creationTime") or 0, reverse=True)
        if state:
            items = [item for item in items if str(item.get("state", "")).upper() == state.upper()]
        return json_response(items if count is None else items[:count])

    def list_scte_logs(self, request: Request) -> Response:
        """SCTE-35 logs newest first; ``?result_count=N`` limits, ``?serviceId=`` filters (modeled)."""
        count = self._result_count(request)
        service_id = request.arg("serviceId")
        items = sorted(self.collections["scte_logs"].values(), key=lambda item: item.get("time") or 0, reverse=True)
        if service_id:
            items = [item for item in items if item.get("serviceId") == service_id]
        return json_response(items if count is None else items[:count])

    def get_origin_statistics(self, request: Request) -> Response:  # pylint: disable=unused-argument
        """Global origin-engine figures derived from the ACTIVATED services that deliver to an ORIGIN destination."""
        destinations = self.collections["destinations"]
        live = 0
        for srv in self.collections["services"]:
            if srv.get("controlState") != "ACTIVATED":
                continue
            ids = [srv.get("destinationId")] + list(srv.get("destinationsId") or [])
            if any((destinations.get(d) or {}).get("type") == "ORIGIN" for d in ids if isinstance(d, str)):
                live += 1
        return json_response({"ingestBitrateBps": live * 8_000_000, "egressBitrateBps": live * 96_000_000, "activeSessions": live * 37,
                              "requestsPerSecond": round(live * 55.5, 1), "cacheHitRatio": 0.93 if live else 0.0,
                              "serverCount": len(self.collections["origin_engine_servers"])})

    # Configure API -------------------------------------------------------------------------------------------------
    def list_config(self, key: str, request: Request) -> Response:
        """``GET /configure/v1/<key>``: bare array; ``?name=`` (and ``?serviceName=`` for services) filter."""
        name = request.arg("name")
        if key == "services" and name is None:
            name = request.arg("serviceName")
        items = self.collections[key].values()
        if name is not None:
            items = [item for item in items if item.get("name") == name]
        return json_response([self._render(key, item) for item in items])

    def create_config(self, key: str, request: Request) -> Response:
        """``POST``: store the full object (server id when ``id`` is empty) -> 200 with the created object."""
        body = request.json_object()
        item_id = body.get("id")
        if item_id in (None, ""):
            item_id = self.ids.uuid()
        elif not is_uuid(item_id):
            raise ApiError(400, f"Invalid id {item_id!r}: a UUID is expected")
        elif item_id in self.collections[key]:
            raise ApiError(409, f"{key[:-1].capitalize()} {item_id} already exists")
        body["id"] = item_id
        self._validate(key, body)
        self.collections[key].put(body)
        return json_response(self._render(key, body))

    def update_config(self, key: str, request: Request) -> Response:
        """``PUT /{id}``: replace the whole object; ``"******"`` secrets keep the stored value."""
        item_id = request.params["id"]
        old = self._find(key, item_id)
        body = request.json_object()
        if body.get("id") not in (None, "", item_id):
            raise ApiError(400, f"Body id {body.get('id')} does not match path id {item_id}")
        body["id"] = item_id
        keep_masked_secrets(body, old)
        self._validate(key, body)
        if key == "services" and (request.arg("upgradeToLatestEngine") or "").lower() == "true":
            body["processingEngineVersion"] = seed.ENGINE_VERSION
        self.collections[key].put(body)
        return json_response(self._render(key, body))

    def delete_config(self, key: str, request: Request) -> Response:
        """``DELETE /{id}``: services need ``?force=True``; items used by a service answer 409 -> 200 empty body."""
        item_id = request.params["id"]
        self._find(key, item_id)
        if key == "services":
            if (request.arg("force") or "").lower() != "true":
                raise ApiError(400, "Service deletion requires force=True")
            for node in self.collections["nodes"]:
                if item_id in (node.get("serviceIds") or []):
                    node["serviceIds"] = [sid for sid in node["serviceIds"] if sid != item_id]
        else:
            users = self._services_using(key, item_id)
            if key == "images":
                users += [src["name"] for src in self._sources_using_image(item_id)]
            if users:
                raise ApiError(409, f"{key[:-1].capitalize()} {item_id} is in use by: {', '.join(str(u) for u in users)}")
        self.collections[key].delete(item_id)
        return empty_response(200)

    # Referential integrity (modeled) -------------------------------------------------------------------------------
    def _services_using(self, key: str, item_id: str) -> list[str]:
        """Names of services that reference ``item_id`` of collection ``key``."""
        names = []
        for srv in self.collections["services"]:
            if key == "sources":
                used = any(ref.get("sourceId") == item_id for ref in _dicts(srv.get("serviceSources")))
            elif key == "destinations":
                used = srv.get("destinationId") == item_id or item_id in (srv.get("destinationsId") or [])
            elif key == "images":
                used = _sub(srv, "addons", "scte35SlateAddon", "imageId") == item_id
            elif key == "profiles":
                used = srv.get("profileId") == item_id
            else:
                used = False
            if used:
                names.append(srv.get("name") or srv["id"])
        return names

    def _sources_using_image(self, image_id: str) -> list[dict[str, Any]]:
        return [src for src in self.collections["sources"]
                if any(_sub(inp, "slateSettings", "imageId") == image_id for inp in _dicts(src.get("inputs")))]

    def _require(self, key: str, item_id: Any, what: str) -> None:
        """400 unless ``item_id`` (when not null/empty) names an item of collection ``key``."""
        if item_id in (None, ""):
            return
        if item_id not in self.collections[key]:
            raise ApiError(400, f"{what} {item_id} does not exist")

    def _fill_ids(self, items: Any) -> None:
        for item in _dicts(items):
            if item.get("id") in (None, ""):
                item["id"] = self.ids.uuid()

    def _validate(self, key: str, body: dict[str, Any]) -> None:
        """Check names, enums and references of a new/updated object; fill nested ids. Raises ApiError 400."""
        if key != "images" and (not isinstance(body.get("name"), str) or not body["name"]):
            raise ApiError(400, "name is required")
        if key == "images":
            if not isinstance(body.get("url"), str) or not body["url"]:
                raise ApiError(400, "url is required")
        elif key == "services":
            state = body.setdefault("controlState", "OFF")
            if state not in CONTROL_STATES:
                raise ApiError(400, f"Invalid controlState {state!r}: expected one of {', '.join(CONTROL_STATES)}")
            refs = body.get("serviceSources")
            if refs is not None and not isinstance(refs, list):
                raise ApiError(400, "serviceSources must be a list")
            for ref in _dicts(refs):
                self._require("sources", ref.get("sourceId") or "<missing>", "Source")
            self._require("profiles", body.get("profileId"), "Profile")
            self._require("destinations", body.get("destinationId"), "Destination")
            destination_ids = body.get("destinationsId")
            if destination_ids is not None and not isinstance(destination_ids, list):
                raise ApiError(400, "destinationsId must be a list")
            for destination_id in destination_ids or []:
                self._require("destinations", destination_id, "Destination")
            self._require("images", _sub(body, "addons", "scte35SlateAddon", "imageId"), "Image")
        elif key == "sources":
            self._fill_ids(body.get("inputs"))
            for inp in _dicts(body.get("inputs")):
                self._require("images", _sub(inp, "slateSettings", "imageId"), "Image")
                self._require("uplink_groups", _sub(inp, "zixiSettings", "harmonicUplinkSetting", "uplinkGroupId"), "Uplink group")
        elif key == "destinations":
            self._require("profiles", body.get("destinationProfileId"), "Destination profile")
            self._fill_ids(body.get("outputs"))
            for output in _dicts(body.get("outputs")):
                self._require("uplink_groups", _sub(output, "ipSettings", "cloudlinkGroupId"), "Cloud-link group")
                self._fill_ids(_sub(output, "originSettings", "originOutputEndPoints"))

    # Users ---------------------------------------------------------------------------------------------------------
    def _user_view(self, user: dict[str, Any]) -> dict[str, Any]:
        return {key: value for key, value in user.items() if key != "password"}

    def list_users(self, request: Request) -> Response:
        """All users, or ``?username=`` -> ``[user]`` (404 when unknown: the confirmed "non-200 when not found")."""
        username = request.arg("username")
        users = self.collections["users"].values()
        if username is not None:
            users = [user for user in users if user.get("username") == username]
            if not users:
                raise ApiError(404, f"User {username} not found")
        return json_response([self._user_view(user) for user in users])

    def get_user(self, request: Request) -> Response:
        """``GET /users/{id}``."""
        return json_response(self._user_view(self._find("users", request.params["id"])))

    def _store_user(self, body: dict[str, Any], old: dict[str, Any] | None) -> Response:
        username = body.get("username")
        if not isinstance(username, str) or not username:
            raise ApiError(400, "username is required")
        for user in self.collections["users"]:
            if user.get("username") == username and user["id"] != body["id"]:
                raise ApiError(409, f"User {username} already exists")
        roles = body.get("roles")
        if roles is not None and (not isinstance(roles, list) or not all(isinstance(role, str) for role in roles)):
            raise ApiError(400, "roles must be a list of strings")
        password = body.pop("password", None)
        if old is not None and old.get("username") != username:
            self.passwords.pop(old.get("username"), None)
        if isinstance(password, str) and password and password != MASK:
            self.passwords[username] = password
        elif old is not None and old.get("username") in self.passwords:
            self.passwords[username] = self.passwords.pop(old["username"])
        self.collections["users"].put(body)
        return json_response(self._user_view(body))

    def create_user(self, request: Request) -> Response:
        """``POST /users``: 200 with the user (password accepted but never returned)."""
        body = request.json_object()
        item_id = body.get("id")
        if item_id in (None, ""):
            body["id"] = self.ids.uuid()
        elif item_id in self.collections["users"]:
            raise ApiError(409, f"User {item_id} already exists")
        return self._store_user(body, None)

    def update_user(self, request: Request) -> Response:
        """``PUT /users/{id}``: whole object; a missing or ``"******"`` password keeps the stored one."""
        item_id = request.params["id"]
        old = self._find("users", item_id)
        body = request.json_object()
        if body.get("id") not in (None, "", item_id):
            raise ApiError(400, f"Body id {body.get('id')} does not match path id {item_id}")
        body["id"] = item_id
        return self._store_user(body, old)

    def delete_user(self, request: Request) -> Response:
        """``DELETE /users/{id}`` -> 200 empty body."""
        user = self._find("users", request.params["id"])
        self.passwords.pop(user.get("username"), None)
        self.collections["users"].delete(user["id"])
        return empty_response(200)

    # Client apps ---------------------------------------------------------------------------------------------------
    def register_app(self, request: Request) -> Response:
        """``POST /vos-api/client-apps/v1/apps`` -> ``{"client_id", "client_secret", "redirect_uri"}``."""
        return json_response(self.auth.register(request.json_object()))

    def get_app(self, request: Request) -> Response:
        """``GET /vos-api/client-apps/v1/apps/{client_id}`` -> ``{"client_id", "redirect_uri"}`` (no secret)."""
        app = self.auth.clients.get(request.params["client_id"])
        if app is None:
            raise ApiError(404, "Client app not found")
        return json_response(app.public())

    # Control hooks -------------------------------------------------------------------------------------------------
    def expire_tokens(self) -> None:
        """Every bearer token and authorization code becomes invalid (401 / invalid_grant)."""
        self.auth.expire_all()

    def reset(self, empty: bool) -> None:
        """Re-seed from the start-up options (or empty), and restore the start-up ``rf_absent`` switch."""
        self.rf_absent = self.settings.rf_absent
        self._load(empty)

    def configure(self, changes: dict[str, Any]) -> dict[str, Any]:
        """Switches: ``rf_absent`` (bool), ``token_ttl`` (seconds, for tokens issued afterwards)."""
        unknown = set(changes) - {"rf_absent", "token_ttl"}
        if unknown:
            raise ApiError(400, "unknown switches: " + ", ".join(sorted(unknown)))
        if "rf_absent" in changes:
            self.rf_absent = bool(changes["rf_absent"])
        if "token_ttl" in changes:
            ttl = changes["token_ttl"]
            if not isinstance(ttl, int) or isinstance(ttl, bool) or ttl < 1:
                raise ApiError(400, "token_ttl must be a positive integer")
            self.auth.token_ttl = ttl
        return {"rf_absent": self.rf_absent, "token_ttl": self.auth.token_ttl}

    def _collection(self, name: str) -> Collection:
        collection = self.collections.get(name)
        if collection is None:
            raise ApiError(404, f"unknown collection {name}; known: {', '.join(sorted(self.collections))}")
        return collection

    def insert_item(self, collection: str, item: Any) -> Any:
        """Store ``item`` unchecked (an ``id`` is added when missing, ``networks`` are keyed by name and
        ``notification_types`` by type; a user ``password`` becomes its login password)."""
        target = self._collection(collection)
        if not isinstance(item, dict):
            raise ApiError(400, "item must be a JSON object")
        if target.key == "id" and item.get("id") in (None, ""):
            item["id"] = self.ids.uuid()
        if not isinstance(item.get(target.key), str) or not item[target.key]:
            raise ApiError(400, f"{collection} items need a non-empty {target.key!r}")
        if collection == "users" and isinstance(item.get("username"), str):
            password = item.pop("password", None)
            if isinstance(password, str) and password:
                self.passwords[item["username"]] = password
        target.put(item)
        return item

    def remove_item(self, collection: str, item_id: str) -> None:
        """Delete unchecked; 404 when absent."""
        removed = self._collection(collection).delete(item_id)
        if removed is None:
            raise ApiError(404, f"{collection} item {item_id} not found")
        if collection == "users":
            self.passwords.pop(removed.get("username"), None)

    def dump_state(self) -> dict[str, Any]:
        """Raw state: every collection unmasked, system info, switches, client ids and live token count."""
        return {
            "collections": {key: copy.deepcopy(collection.values()) for key, collection in self.collections.items()},
            "system_info": dict(self.system_info),
            "config": {"rf_absent": self.rf_absent, "token_ttl": self.auth.token_ttl},
            "clients": sorted(self.auth.clients),
            "tokens": len(self.auth.tokens),
            "user_passwords_set": sorted(self.passwords),
        }
