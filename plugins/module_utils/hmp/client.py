# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Haivision Media Platform (HMP) client: session login, the ``data`` envelope, paging and the device's quirks.

Wire facts (``docs/hmp.md`` has the confirmed/modeled table; sources: Haivision's HMP REST API Integrator's Guide
3.8-4.1.1, AVISPL's HMP adapter, vtjoeh's RoomOS macro):

* base ``https://HOST:PORT/apis/`` (443 by default), JSON bodies (confirmed);
* ``POST /apis/authentication/login`` with username and password answers ``data.sessionId`` and the cookie
  ``calypso-session-id``, sent on every request; ``DELETE`` on the same path logs out (confirmed); a 401 means the
  session expired: log in again once (confirmed client behaviour). HMP 4.1 API keys:
  ``POST /apis/authentication/login/key`` -> ``data.authToken``, a bearer token valid 30 minutes (confirmed);
* every answer is wrapped in ``data``; collections page with ``page``/``pageSize`` (at most 100 per page, the
  device reduces larger values) and ``paging.results``/``paging.next``; set-top boxes page with
  ``paging.numResults``/``numPages``/``hasMoreData`` (confirmed); the page count is known from the first page, so
  the remaining pages are read concurrently;
* an empty collection answers **404 with code 040012 NoResults**: that is an empty list, not an error (confirmed);
* errors are ``{code, name, message, httpStatusCode}`` (confirmed);
* sources and sessions are edited by full-object PUT where omitted optional fields revert to their defaults
  (confirmed): the engine reads, merges and PUTs.
"""

from __future__ import annotations

import json
from functools import partial
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

from ansible.module_utils.basic import env_fallback

from ..errors import ApiError, AuthenticationError, BroadcastError, TransportError, ValidationError
from ..rest import Page, RestClient, connection_spec, fetch_all_pages, page_count
from ..resource import Operation, ResourceSpec
from ..transport import HttpClient, TokenAuth, decode_json

#: Endpoint key -> path (all confirmed by Haivision's HMP REST API guide; correct them with ``endpoint_paths``).
DEFAULT_PATHS: Dict[str, str] = {
    "login": "/apis/authentication/login",
    "login_key": "/apis/authentication/login/key",
    "system_version": "/apis/system/version",
    "users": "/apis/users/enabled",
    "groups": "/apis/groups/enabled",
    "sources": "/apis/sources",
    "sessions": "/apis/sessions",
    "recordings": "/apis/recordings",
    "videos": "/apis/assets",
    "categories": "/apis/categories",
    "streams": "/apis/streams",
    "devices": "/apis/devices/stbs",
}

#: The device's page-size cap for most collections (confirmed: larger values are reduced to 100).
PAGE_SIZE = 100
#: Page size asked for set-top boxes (AVISPL's adapter asks 500; the cap is not documented).
STB_PAGE_SIZE = 500
#: Code of the "empty collection" 404 (confirmed).
NO_RESULTS = "040012"
#: Code answered while a session records (confirmed: deleting it or changing its sources).
RECORDING_IN_PROGRESS = "060003"

AUTH_METHODS = ("session", "api_key")

#: Argument spec of the HMP connection options; ``plugins/doc_fragments/hmp.py`` documents it.
CONNECTION_SPEC: Dict[str, Dict[str, Any]] = connection_spec("HMP", 443, {
    "auth_method": {"type": "str", "choices": list(AUTH_METHODS), "fallback": (env_fallback, ["HMP_AUTH_METHOD"])},
    "username": {"type": "str", "fallback": (env_fallback, ["HMP_USERNAME"])},
    "password": {"type": "str", "no_log": True, "fallback": (env_fallback, ["HMP_PASSWORD"])},
    "api_key": {"type": "str", "no_log": True, "fallback": (env_fallback, ["HMP_API_KEY"])},
    "api_secret": {"type": "str", "no_log": True, "fallback": (env_fallback, ["HMP_API_SECRET"])},
})

#: Labels of kinds in messages.
KIND_LABELS: Dict[str, str] = {"videos": "video", "devices": "set-top box"}


def infer_auth_method(params: Mapping[str, Any]) -> str:
    """``auth_method`` as given, else ``api_key`` when an API key is given without a username, else ``session``."""
    method = params.get("auth_method")
    if method:
        return str(method)
    return "api_key" if params.get("api_key") and not params.get("username") else "session"


class HmpAuth(TokenAuth):
    """HMP login: a cookie session (``calypso-session-id``) from username and password, or (HMP 4.1+) a bearer
    token from an API key and secret. One login per run, one more after a 401, logout at the end.

    :param params: the connection options (``auth_method``, ``username``, ``password``, ``api_key``, ``api_secret``).
    :param paths: the endpoint paths (``login``, ``login_key``).
    :raises ValidationError: the options the method needs are missing.
    """

    COOKIE = "calypso-session-id"

    def __init__(self, params: Mapping[str, Any], paths: Mapping[str, str]) -> None:
        super().__init__()
        self.method = infer_auth_method(params)
        self.username = params.get("username")
        self.password = params.get("password")
        self.api_key = params.get("api_key")
        self.api_secret = params.get("api_secret")
        self.paths = paths
        needed = ("username", "password") if self.method == "session" else ("api_key", "api_secret")
        missing = [name for name in needed if not params.get(name)]
        if missing:
            raise ValidationError("auth_method=%s needs %s (set them as options, in module_defaults, or as HMP_%s "
                                  "environment variables)" % (self.method, " and ".join(missing),
                                                              "/HMP_".join(m.upper() for m in missing)))

    def secrets(self) -> List[str]:
        return [s for s in (self.password, self.api_key, self.api_secret, self.token) if s]

    def fetch_token(self, http: HttpClient) -> str:
        if self.method == "api_key":
            path, body, field = self.paths["login_key"], {"apiKey": self.api_key, "apiSecret": self.api_secret}, "authToken"
        else:
            path, body, field = self.paths["login"], {"username": self.username, "password": self.password}, "sessionId"
        try:
            response = http.request("POST", path, json_body=body, authenticate=False, write=False, endpoint="login")
        except ApiError as exc:
            raise self._login_error(exc, path) from None
        payload = decode_json(response)
        data = payload.get("data") if isinstance(payload, dict) else None
        token = data.get(field) if isinstance(data, dict) else None
        if not token and self.method == "session":
            # AVISPL reads data.sessionId, vtjoeh falls back to the Set-Cookie header: accept both
            token = response.cookies.get(self.COOKIE)
        # the cookie travels in our own header, so that a re-login replaces it everywhere at once
        http.session.cookies.clear()
        if not token:
            raise AuthenticationError("HMP answered the login at %s without %s: is this an HMP %s?" % (
                path, "data.%s" % field, "4.1 or later (API keys)" if self.method == "api_key" else "server"))
        return str(token)

    def _login_error(self, exc: ApiError, path: str) -> Exception:
        who = ("username %r" % self.username) if self.method == "session" else "the API key"
        if exc.status == 401 and exc.code == "020002":
            return AuthenticationError("HMP refused %s (HTTP 401, code 020002 InvalidCredentials): check the "
                                       "credentials" % who, exc.details)
        if exc.status == 401:
            return AuthenticationError("HMP refused %s (HTTP 401%s): the user may have no role assigned (%s)" % (
                who, ", code %s" % exc.code if exc.code else "", exc.message), exc.details)
        if exc.status == 404 and self.method == "api_key":
            return AuthenticationError("HMP has no API key login at %s (HTTP 404): API keys need HMP 4.1 or later; "
                                       "use auth_method=session with username and password" % path, exc.details)
        if exc.status == 400:
            return AuthenticationError("HMP rejected the login request at %s: %s" % (path, exc.message), exc.details)
        return exc

    def apply_token(self, kwargs: Dict[str, Any], token: Optional[str]) -> None:
        if self.method == "api_key":
            kwargs["headers"]["Authorization"] = "Bearer %s" % token
        else:
            kwargs["headers"]["Cookie"] = "%s=%s" % (self.COOKIE, token)

    def logout(self, http: HttpClient) -> None:
        """``DELETE /apis/authentication/login`` for cookie sessions (API-key tokens simply expire)."""
        if self.method == "session" and self.token:
            http.request("DELETE", self.paths["login"], write=False, endpoint="logout", expected=(200, 204, 404))


def _label(kind: str) -> str:
    return KIND_LABELS.get(kind, kind[:-1] if kind.endswith("s") else kind)


class HmpClient(RestClient):
    """One HMP server, shared by every request of a module or inventory run.

    :param params: the connection options (see :data:`CONNECTION_SPEC`); module options the client acts on
        (``stop_recordings``) are read from it too.
    :param check_mode: refuse every write.
    :param offline: build without a host, for ``state: rendered``.
    :raises ValidationError: missing host or credentials, unknown ``endpoint_paths`` key.
    """

    def __init__(self, params: Mapping[str, Any], check_mode: bool = False, offline: bool = False) -> None:
        super().__init__(params, DEFAULT_PATHS, "HMP", "HMP", lambda p: HmpAuth(p, self.paths),
                         check_mode=check_mode, offline=offline)
        self.kind_labels = dict(KIND_LABELS)
        self.stop_recordings = bool(params.get("stop_recordings"))
        #: session id -> ids of its active recordings, read while planning a delete with stop_recordings
        self.session_recordings: Dict[str, List[str]] = {}

    # ------------------------------------------------------------------ transport
    def permission_detail(self, exc: ApiError) -> Optional[str]:
        """HMP's message after a permission 403; code 040006 is not about permissions and passes on as it is."""
        return None if exc.code == "040006" else " (%s)" % exc.message

    def data(self, method: str, path: str, endpoint: Optional[str] = None, **kwargs: Any) -> Any:
        """:meth:`request`, unwrapped from HMP's ``{"data": ...}`` envelope."""
        body = self.request(method, path, endpoint=endpoint, **kwargs)
        return body.get("data") if isinstance(body, dict) else body

    def get_collection(self, path: str, endpoint: Optional[str] = None, params: Optional[Mapping[str, Any]] = None,
                       stb: bool = False) -> List[Dict[str, Any]]:
        """Every item of a collection, all pages (pages 2..N concurrently once page 1 tells the count).

        :param path: the collection's path (``/apis/sources``, ``/apis/sessions/<id>/events``).
        :param params: extra query parameters (``deviceTypes``, ``tags``, ``q``).
        :param stb: set-top-box paging (``numResults``/``numPages``/``hasMoreData``, 500 per page).
        :returns: list of dicts as HMP spells them; empty for the 404 NoResults answer.
        """
        size = STB_PAGE_SIZE if stb else PAGE_SIZE

        def fetch(number: int) -> Page:
            query = dict(params or {})
            query.update(page=number, pageSize=size)
            try:
                body = self.request("GET", path, endpoint=endpoint, params=query)
            except ApiError as exc:
                if exc.status == 404 and exc.code == NO_RESULTS:
                    return Page([], pages=0)
                raise
            items = body.get("data") if isinstance(body, dict) else body
            if not isinstance(items, list):
                raise ApiError("GET %s: expected a list in data, got %s" % (path, type(items).__name__), status=200)
            paging = body.get("paging") if isinstance(body, dict) else None
            if not isinstance(paging, dict):
                return Page(items, pages=1)  # an unpaged collection (streams)
            if stb:
                pages = paging.get("numPages")
                return Page(items, pages=int(pages) if isinstance(pages, int) else None, more=bool(paging.get("hasMoreData")))
            return Page(items, pages=page_count(paging.get("results"), paging.get("pageSize") or size),
                        more=bool(paging.get("next")))

        return fetch_all_pages(fetch, self.run_concurrently)

    def list_cached(self, kind: str) -> List[Dict[str, Any]]:
        """The items of ``kind``, read once per client run (facts and the engine share reads)."""
        return self.cached(kind, lambda: self._read(kind))  # type: ignore[no-any-return]

    def path(self, kind: str, *parts: Any) -> str:
        """The path of endpoint ``kind`` followed by ``/part`` for each part (ids, sub-collections)."""
        return "/".join([self.paths[kind]] + [str(p) for p in parts])

    # ------------------------------------------------------------------ reads
    def system_version(self) -> Dict[str, Any]:
        """``{"version": str, "build": str}`` from ``GET /apis/system/version`` (confirmed)."""
        data = self.data("GET", self.paths["system_version"], endpoint="system_version")
        return data if isinstance(data, dict) else {}

    def list_devices(self, device_types: Sequence[str] = (), tags: Sequence[str] = ()) -> List[Dict[str, Any]]:
        """Set-top boxes, optionally only those of ``device_types`` (``deviceTypes``, a JSON array, e.g.
        ``["play_stb_2000"]``) or carrying any of ``tags`` (``tags=a,b``); filters as AVISPL's adapter sends them.

        :raises ValidationError: a tag containing a comma (it cannot travel in HMP's comma list).
        """
        query: Dict[str, str] = {}
        if device_types:
            query["deviceTypes"] = json.dumps([str(t) for t in device_types], separators=(",", ":"))
        if tags:
            bad = [t for t in tags if "," in str(t)]
            if bad:
                raise ValidationError("tags: %r contains a comma, which HMP's tag filter cannot carry" % bad[0])
            query["tags"] = ",".join(str(t) for t in tags)
        if not query:
            return self.list_cached("devices")
        return self.get_collection(self.paths["devices"], endpoint="devices", params=query, stb=True)

    def session_events(self, session_id: str) -> List[Dict[str, Any]]:
        """The events of one session (``GET /apis/sessions/:id/events``; none -> 404 NoResults -> [])."""
        return self.get_collection(self.path("sessions", session_id, "events"), endpoint="session_events")

    def session_recordings_of(self, session_id: str) -> List[Dict[str, Any]]:
        """The active recordings of one session (``GET /apis/sessions/:id/recordings``)."""
        return self.get_collection(self.path("sessions", session_id, "recordings"), endpoint="session_recordings")

    def list_items(self, kind: str) -> List[Dict[str, Any]]:
        """Every item of ``kind``: sources, sessions, recordings, videos, categories, streams, users, groups,
        devices (set-top boxes), or events (read per session, concurrently; each event carries ``moduleId``).

        Read once per run and shared (events need the sessions the engine reads too); a write to a kind
        forgets its read, so a re-read after a write sees the device's new state."""
        return self.list_cached(kind)

    def _read(self, kind: str) -> List[Dict[str, Any]]:
        if kind == "events":
            sessions = self.list_cached("sessions")
            lists = self.run_concurrently([partial(self.session_events, str(s.get("id"))) for s in sessions])
            events: List[Dict[str, Any]] = []
            for session, items in zip(sessions, lists):
                for event in items:
                    event = dict(event)
                    event.setdefault("moduleId", session.get("id"))
                    events.append(event)
            return events
        if kind not in self.paths:
            raise ValidationError("internal error: unknown HMP kind %r" % kind)
        return self.get_collection(self.paths[kind], endpoint=kind, stb=kind == "devices")

    def item_id(self, kind: str, obj: Mapping[str, Any]) -> str:
        """Set-top boxes are identified by ``_id`` (not a UUID, confirmed); everything else by ``id``."""
        return str(obj.get("_id") if kind == "devices" else obj.get("id"))

    def item_name(self, kind: str, obj: Mapping[str, Any]) -> str:
        """Sessions and videos are named by ``title``, the rest by ``name``."""
        return str(obj.get("title") if kind in ("sessions", "videos") else obj.get("name"))

    def _source_names(self) -> Dict[str, str]:
        """Source name -> id."""
        return {self.item_name("sources", o): self.item_id("sources", o) for o in self.list_cached("sources")}

    # ------------------------------------------------------------------ writes
    def create_item(self, kind: str, body: Dict[str, Any]) -> Dict[str, Any]:
        try:
            return self._create(kind, body)
        finally:
            self.forget(kind)  # a later read (the engine's re-read after a lost answer) sees the device's state

    def create_target(self, kind: str, body: Mapping[str, Any]) -> Tuple[str, str]:
        """``(path, endpoint key)`` of the POST creating an item of ``kind``: events are created under their
        session, recordings under the session they record, streams under their video.

        :raises ValidationError: HMP has no create for ``kind`` (videos come from recordings).
        """
        if kind in ("sources", "sessions"):
            return self.paths[kind], kind
        if kind == "events":
            return self.path("sessions", body.get("moduleId"), "events"), "session_events"
        if kind == "recordings":
            return self.path("sessions", body.get("session"), "recordings"), "session_recordings"
        if kind == "streams":
            return self.path("videos", body.get("asset"), "streams"), "video_streams"
        raise ValidationError("HMP has no create endpoint for %ss" % _label(kind))

    def _create(self, kind: str, body: Dict[str, Any]) -> Dict[str, Any]:
        path, endpoint = self.create_target(kind, body)
        created = self._data_dict("POST", path, endpoint, self.wire_body(kind, body))
        if kind == "sessions":
            for source_id in body.get("sources") or []:
                self._follow_up("session %r was created, but adding its source %s" % (body.get("title"), source_id),
                                partial(self._add_session_source, str(created.get("id")), source_id))
        paused = {"recordings": "PAUSED", "streams": "paused"}.get(kind)
        if paused and body.get("state") == paused:
            created = self._follow_up("the %s started, but pausing it" % _label(kind), partial(
                self._data_dict, "PUT", self.path(kind, created.get("id")), kind, {"state": paused}))
        return created

    def update_item(self, kind: str, ident: str, body: Dict[str, Any],
                    current: Optional[Mapping[str, Any]] = None) -> Dict[str, Any]:
        try:
            return self._update(kind, ident, body, current)
        finally:
            self.forget(kind)

    def _update(self, kind: str, ident: str, body: Dict[str, Any], current: Optional[Mapping[str, Any]]) -> Dict[str, Any]:
        current = current or {}
        if kind == "sources":
            return self._data_dict("PUT", self.path("sources", ident), "sources", _compact(body))
        if kind == "sessions":
            result: Dict[str, Any] = dict(current)
            if _session_body(body) != _session_body(current):
                result = self._data_dict("PUT", self.path("sessions", ident), "sessions", _compact(_session_full(body)))
            removes, adds = source_changes(current.get("sources") or [], body.get("sources") or [])
            for source_id in removes:
                self.request("DELETE", self.path("sessions", ident, "sources", source_id), endpoint="session_sources")
            for source_id in adds:
                self._add_session_source(ident, source_id)
            return result
        if kind == "events":
            event = _compact(body)
            return self._data_dict("PUT", self.path("sessions", body.get("moduleId"), "events", ident), "session_events", event)
        if kind in ("recordings", "streams"):
            return self._data_dict("PUT", self.path(kind, ident), kind, {"state": body.get("state")})
        if kind == "videos":
            return self._data_dict("PUT", self.path("videos", ident), "videos",
                                   {"title": body.get("title"), "description": body.get("description") or ""})
        raise ValidationError("HMP has no edit endpoint for %ss" % _label(kind))

    def delete_item(self, kind: str, ident: str, current: Optional[Mapping[str, Any]] = None) -> None:
        try:
            self._delete(kind, ident, current)
        finally:
            self.forget(kind)
            if kind in ("recordings", "sessions"):
                self.forget("videos")  # a stopped recording becomes a video

    def _delete(self, kind: str, ident: str, current: Optional[Mapping[str, Any]]) -> None:
        if kind == "events":
            # HMP has no event delete (confirmed: no DELETE in the API); deactivating is what is possible
            event = dict(current or {})
            event["active"] = False
            self.update_item("events", ident, event, current)
            return
        if kind == "sessions":
            for recording_id in self.session_recordings.get(ident, []):
                self.request("DELETE", self.path("recordings", recording_id), endpoint="recordings")
        self.request("DELETE", self.path(kind, ident), endpoint=kind)

    @staticmethod
    def _follow_up(what: str, call: Any) -> Any:
        """Run the second request of a create. Its failure is not an "outcome unknown" of the create (the item
        exists): it is raised as a plain :class:`BroadcastError`, so the engine does not count the create as done."""
        try:
            return call()
        except (ApiError, TransportError) as exc:
            raise BroadcastError("%s failed: %s; re-run the task to finish" % (what, exc.message), exc.details) from None

    def _data_dict(self, method: str, path: str, endpoint: str, body: Any) -> Dict[str, Any]:
        data = self.data(method, path, endpoint=endpoint, json_body=body)
        return data if isinstance(data, dict) else {}

    def _add_session_source(self, session_id: str, source_id: str) -> None:
        self.request("POST", self.path("sessions", session_id, "sources"), endpoint="session_sources",
                     json_body={"sourceId": source_id})

    # ------------------------------------------------------------------ planning
    def write_request(self, kind: str, operation: str, ident: Optional[str]) -> Tuple[str, str]:
        if operation == "create":
            return "POST", self.paths[kind]
        return ("PUT" if operation == "update" else "DELETE"), self.path(kind, ident)

    def planned_requests(self, kind: str, operation: Operation) -> List[Tuple[Any, ...]]:
        """Every request of one operation, in order (sessions add and remove their sources one by one, a paused
        recording or stream is started then paused, a deleted event is deactivated)."""
        body = operation.body or {}
        current = operation.current or {}
        ident = operation.ident
        new = "<new %s>" % _label(kind)
        if operation.op == "create":
            first: List[Tuple[Any, ...]] = [("POST", self.create_target(kind, body)[0])]
            if kind == "sessions":
                return first + [("POST", self.path("sessions", new, "sources"), {"sourceId": s}) for s in body.get("sources") or []]
            paused = {"recordings": "PAUSED", "streams": "paused"}.get(kind)
            return first + ([("PUT", self.path(kind, new))] if paused and body.get("state") == paused else [])
        if operation.op == "update":
            if kind == "sessions":
                planned: List[Tuple[Any, ...]] = [("PUT", self.path("sessions", ident))] \
                    if _session_body(body) != _session_body(current) else []
                removes, adds = source_changes(current.get("sources") or [], body.get("sources") or [])
                planned += [("DELETE", self.path("sessions", ident, "sources", s)) for s in removes]
                return planned + [("POST", self.path("sessions", ident, "sources"), {"sourceId": s}) for s in adds]
            if kind == "events":
                return [("PUT", self.path("sessions", body.get("moduleId"), "events", ident))]
            return [("PUT", self.path(kind, ident))]
        if kind == "events":
            return [("PUT", self.path("sessions", current.get("moduleId"), "events", ident))]
        if kind == "sessions":
            stops = [("DELETE", self.path("recordings", r)) for r in self.session_recordings.get(str(ident), [])]
            return stops + [("DELETE", self.path("sessions", ident))]
        return [("DELETE", self.path(kind, ident))]

    def wire_body(self, kind: str, body: Dict[str, Any]) -> Dict[str, Any]:
        """The first request's body of a create, as :meth:`create_item` sends it."""
        if kind == "sessions":
            return _compact(_session_body(body))
        if kind == "events":
            return {k: v for k, v in _compact(body).items() if k not in ("id", "moduleId", "title")}
        if kind == "recordings":
            return {"recorders": body["recorders"]} if body.get("recorders") else {}
        if kind == "streams":
            return {"destinations": body["destinations"]} if body.get("destinations") else \
                {"address": body.get("address"), "port": body.get("port")}
        return _compact(body)

    def check_plan(self, spec: ResourceSpec, operations: Sequence[Operation]) -> Optional[List[Operation]]:
        """HMP rules checked before the first write.

        * a session that records cannot be deleted (HMP answers 409 060003) unless ``stop_recordings`` is true,
          and its sources cannot change while it records;
        * the sources of an active recording cannot change (they are chosen when it starts); a recording declared
          without sources keeps the ones it has.
        """
        if spec.kind == "sessions":
            for operation in operations:
                current = operation.current or {}
                if not current.get("recording"):
                    continue
                title = operation.name
                if operation.op == "delete":
                    if not self.stop_recordings:
                        raise ValidationError(
                            "session %r is recording: HMP refuses to delete it (409 060003 RecordingInProgress). Stop "
                            "the recording first (broadcast.video.hmp_recordings state=deleted), or set "
                            "stop_recordings: true to stop it and keep what was recorded as a video" % title)
                    ident = str(operation.ident)
                    self.session_recordings[ident] = [str(r.get("id")) for r in self.session_recordings_of(ident)]
                elif operation.op == "update":
                    removes, adds = source_changes(current.get("sources") or [], (operation.body or {}).get("sources") or [])
                    if removes or adds:
                        raise ValidationError(
                            "session %r is recording: its sources cannot change now (HMP answers 409 060003 "
                            "RecordingInProgress); stop the recording first (broadcast.video.hmp_recordings "
                            "state=deleted)" % title)
            return None
        if spec.kind == "events" and any(o.op == "delete" for o in operations):
            count = sum(1 for o in operations if o.op == "delete")
            self.warnings.append("HMP has no API to delete events: %d event%s deactivated (active: false) instead; "
                                 "they stay listed on their session" % (count, " is" if count == 1 else "s are"))
            return None
        if spec.kind == "streams":
            videos = {str(v.get("id")): v for v in self.list_cached("videos")}
            for operation in operations:
                if operation.op != "create":
                    continue
                video = videos.get(str((operation.body or {}).get("asset")), {})
                tracks = video.get("movieTrackCount")
                if isinstance(tracks, int) and tracks > 1 and not (operation.body or {}).get("destinations"):
                    raise ValidationError("stream %r: the video was recorded from %d sources; give destinations "
                                          "(one per track_id) instead of address and port (HMP answers 400 010005 "
                                          "MultiSourcesStream otherwise)" % (operation.name, tracks))
            return None
        if spec.kind == "recordings":
            sessions = {str(s.get("id")): s for s in self.list_cached("sessions")}
            kept = []
            for operation in operations:
                if operation.op == "create":
                    session = sessions.get(str((operation.body or {}).get("session")), {})
                    members = [str(m) for m in session.get("sources") or []]
                    if not members:
                        raise ValidationError("recording of session %r: the session has no sources; HMP refuses to "
                                              "record it (060009); add sources with broadcast.video.hmp_sessions" % operation.name)
                    strangers = [r.get("source") for r in (operation.body or {}).get("recorders") or []
                                 if str(r.get("source")) not in members]
                    if strangers:
                        names = {v: k for k, v in self._source_names().items()}
                        raise ValidationError("recording of session %r: %s %s not in the session (its sources: %s); HMP "
                                              "records only session sources" % (
                                                  operation.name, ", ".join(repr(names.get(str(x), x)) for x in strangers),
                                                  "is" if len(strangers) == 1 else "are",
                                                  ", ".join(repr(names.get(m, m)) for m in members)))
                if operation.op == "update":
                    want = (operation.after or {}).get("sources")
                    have = (operation.before or {}).get("sources")
                    if want is None:
                        if operation.after is not None:
                            operation.after["sources"] = have
                        if operation.after == operation.before:
                            continue
                    elif sorted(want) != sorted(have or []):
                        raise ValidationError(
                            "recording of session %r: its sources are chosen when it starts (now %s); stop it "
                            "(state=deleted) and start a new one to record %s" % (operation.name, have, want))
                kept.append(operation)
            return kept
        return None


def _compact(body: Mapping[str, Any]) -> Dict[str, Any]:
    """``body`` without None values: HMP reverts an omitted optional field to its default (confirmed), which is
    what an unset option means."""
    return {k: v for k, v in body.items() if v is not None}


SESSION_WRITE_FIELDS = ("title", "description", "active", "syncrecord")


def _session_body(obj: Mapping[str, Any]) -> Dict[str, Any]:
    """The session fields a POST or PUT sets (``sources`` change through the session-sources endpoints)."""
    return {k: obj.get(k) for k in SESSION_WRITE_FIELDS}


def _session_full(obj: Mapping[str, Any]) -> Dict[str, Any]:
    """The full session object for a PUT, without the ignored ``sources`` list."""
    return {k: v for k, v in obj.items() if k != "sources"}


def source_changes(have: Sequence[Any], want: Sequence[Any]) -> Tuple[List[str], List[str]]:
    """Session-source edits turning the ordered list ``have`` into ``want`` (source ids), with few requests.

    HMP removes a source from a session and appends one at the next index (confirmed endpoints; order = index).

    :returns: ``(removes, adds)``: the sources no longer wanted, plus those after the first position where the
        kept ones are out of order; then the sources to append, in order.
    """
    have_ids = [str(s) for s in have]
    want_ids = [str(s) for s in want]
    removes = [s for s in have_ids if s not in want_ids]
    kept = [s for s in have_ids if s in want_ids]
    common = 0
    while common < min(len(kept), len(want_ids)) and kept[common] == want_ids[common]:
        common += 1
    removes += kept[common:]
    return removes, want_ids[common:]


def client_factory(params: Mapping[str, Any], check_mode: bool, offline: bool = False) -> HmpClient:
    """The :class:`~ansible_collections.broadcast.video.plugins.module_utils.module.Device` factory for HMP."""
    return HmpClient(params, check_mode=check_mode, offline=offline)
