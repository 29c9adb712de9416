# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The stateful in-memory Haivision Media Platform REST API (``/apis/...``).

Every CONFIRMED fact of /work/shared/reference/hmp-api.md is reproduced, quirks included: the ``{"data": ...}``
envelope, 404 ``040012 NoResults`` for empty collections, ``paging`` ``{results, pageSize[, next]}`` capped at 100,
STB paging ``{numResults, numPages, hasMoreData}``, 404 ``040000 "Not Found Error"`` on source PUT but ``040009`` on
GET/DELETE, 409 ``060003`` while recording, stopped recordings turning into videos, stream pause/resume and toggle,
STB commands refused with "Device stream not found" unless the box is Online or Standby. What is MODELED is listed in
docs/simulators.md (section "Haivision Media Platform").
"""

from __future__ import annotations

import json
import time
from collections import deque
from dataclasses import dataclass
from typing import Any, Callable

from common.app import ApiError, DeviceApp, Request, Response, json_response
from common.store import Collection, IdFactory
from hmp import seed
from hmp.auth import HmpAuth, Principal
from hmp.model import (asset_object, build_event, build_session, build_source, build_stream, invalid_state, meta, metadata_view, now_s,
                       recording_title, validate_metadata, STREAM_STATES)
from hmp.wire import (bad_request, body_object, data_response, default_error_body, filter_matches, hmp_error, input_error, is_number,
                      matches_term, no_results, not_found, paged, parse_filter, recording_in_progress, search_term, stb_paged)

API = "/apis"
COLLECTIONS = ("sources", "sessions", "recordings", "assets", "streams", "events", "users", "groups", "categories", "compositions", "stbs")
CONTENT_COLLECTIONS = ("sources", "sessions", "recordings", "assets", "streams", "events")
STATIC_COLLECTIONS = ("users", "groups", "categories", "compositions")
PUBLIC_ROUTES = frozenset({("POST", API + "/authentication/login"), ("POST", API + "/authentication/login/key"),
                           ("DELETE", API + "/authentication/login")})
STB_COMMANDS = ("standby-on", "standby-off", "reboot", "mute", "unmute", "set-volume", "set-channel", "show-text-message")
CHANNEL_TYPES = ("source", "session", "asset", "composition")
COMMAND_LOG_LIMIT = 10_000
MAX_SESSION_SOURCES = 4
COMMAND_OK = {"type": "Send Commands to Device", "status": "ok", "message": "Successfully sent command to device"}


@dataclass
class HmpSettings:
    """Start-up options of the HMP simulator (credentials, lifetimes in seconds, seed data sizes)."""

    username: str = "haiadmin"
    password: str = "hmp-password"
    api_key: str = "hmp-api-key"
    api_secret: str = "hmp-api-secret"
    session_ttl: int = 3600
    token_ttl: int = 1800
    stbs: int = 36
    sources: int = 0
    empty: bool = False
    seed: int = 1


def _empty() -> Response:
    """The "(Empty payload)" answer of successful DELETEs: 200 without a body."""
    return Response(status=200)


class HmpApp(DeviceApp):
    """In-memory HMP. Objects live in :class:`Collection` s in their wire shape; relations live beside them:

    ``session_sources`` (session id -> ``[{"index", "sourceId"}]``), ``clocks`` (recording id -> running time),
    ``metadata`` / ``session_metadata`` (id -> metadata entries) and ``commands`` (the STB commands received).
    Handlers run under ``self.lock`` (taken by the server), so ``self.principal`` is the caller of the current request.
    """

    name = "hmp"

    def __init__(self, settings: HmpSettings) -> None:
        super().__init__()
        self.settings = settings
        self.ids = IdFactory(settings.seed * 31 + 23)
        self.collections: dict[str, Collection] = {key: Collection(key, "_id" if key == "stbs" else "id") for key in COLLECTIONS}
        self.session_sources: dict[str, list[dict[str, Any]]] = {}
        self.clocks: dict[str, dict[str, Any]] = {}
        self.metadata: dict[str, list[dict[str, Any]]] = {}
        self.session_metadata: dict[str, list[dict[str, Any]]] = {}
        self.recorder_seq = 1
        self.commands: deque[dict[str, Any]] = deque(maxlen=COMMAND_LOG_LIMIT)
        self.changed_stbs: set[str] = set()
        self.principal: Principal | None = None
        self.key_login = True
        self.version = seed.VERSION
        static = self._load_static()
        self.auth = HmpAuth(settings.username, settings.password, settings.api_key, settings.api_secret, settings.session_ttl, settings.token_ttl,
                            static["role"])
        self._load_stbs(self._load_content(settings.empty))
        self._routes()

    # State ---------------------------------------------------------------------------------------------------------------
    def _load_static(self) -> dict[str, Any]:
        """(Re)load users, groups, categories and compositions; returns the seed's static data."""
        static = seed.static_data(self.settings.seed, self.settings.username)
        for key in STATIC_COLLECTIONS:
            self.collections[key].clear()
            for item in static[key]:
                self.collections[key].put(item)
        return static

    def _load_content(self, empty: bool) -> seed.Content:
        """(Re)load sources, sessions, recordings, videos, streams and events (none with ``empty``); returns the seed."""
        data = seed.content(self.settings.seed, self.settings.username, self.settings.sources, empty)
        for key in CONTENT_COLLECTIONS:
            self.collections[key].clear()
            for item in getattr(data, key):
                self.collections[key].put(item)
        self.session_sources = data.session_sources
        self.clocks = data.clocks
        self.metadata = data.metadata
        self.session_metadata = data.session_metadata
        self.recorder_seq = data.recorder_seq
        return data

    def _load_stbs(self, data: seed.Content) -> None:
        """(Re)generate the ``--stbs`` set-top boxes, tuned to seeded content, and clear the command log."""
        self.collections["stbs"].clear()
        for box in seed.stbs(self.settings.seed, self.settings.stbs, seed.channel_choices(data)):
            self.collections["stbs"].put(box)
        self.commands.clear()
        self.changed_stbs.clear()

    def _routes(self) -> None:
        """Register every documented ``/apis/`` route (plus the two undocumented S2 ones) on the router."""
        add = self.router.add
        add("POST", API + "/authentication/login", self.login)
        add("GET", API + "/authentication/login", self.session_info)
        add("DELETE", API + "/authentication/login", self.logout)
        add("POST", API + "/authentication/login/key", self.login_key)
        add("GET", API + "/authentication/login/key", self.key_info)
        add("GET", API + "/system/version", self.get_version)
        add("GET", API + "/users/enabled", self._lister("users"))
        add("GET", API + "/groups/enabled", self._lister("groups"))
        add("GET", API + "/categories", self._lister("categories"))
        add("GET", API + "/categories/{id}", self.get_category)
        add("GET", API + "/_/compositions", self._lister("compositions"))
        add("GET", API + "/sections/content", self.list_section_content)
        add("GET", API + "/sources", self.list_sources)
        add("POST", API + "/sources", self.create_source)
        add("GET", API + "/sources/{id}", self.get_source)
        add("PUT", API + "/sources/{id}", self.update_source)
        add("DELETE", API + "/sources/{id}", self.delete_source)
        add("GET", API + "/sessions", self.list_sessions)
        add("POST", API + "/sessions", self.create_session)
        add("GET", API + "/sessions/{id}", self.get_session)
        add("PUT", API + "/sessions/{id}", self.update_session)
        add("DELETE", API + "/sessions/{id}", self.delete_session)
        add("GET", API + "/sessions/{id}/metadata", self.get_session_metadata)
        add("PUT", API + "/sessions/{id}/metadata", self.put_session_metadata)
        add("DELETE", API + "/sessions/{id}/metadata", self.delete_session_metadata)
        add("GET", API + "/sessions/{id}/sources", self.list_session_sources)
        add("POST", API + "/sessions/{id}/sources", self.add_session_source)
        add("DELETE", API + "/sessions/{id}/sources/{source_id}", self.remove_session_source)
        add("GET", API + "/sessions/{id}/recordings", self.list_session_recordings)
        add("POST", API + "/sessions/{id}/recordings", self.start_recording)
        add("GET", API + "/sessions/{id}/assets", self.list_session_assets)
        add("GET", API + "/sessions/{id}/events", self.list_events)
        add("POST", API + "/sessions/{id}/events", self.create_event)
        add("GET", API + "/sessions/{id}/events/{event_id}", self.get_event)
        add("PUT", API + "/sessions/{id}/events/{event_id}", self.update_event)
        add("GET", API + "/recordings", self.list_recordings)
        add("GET", API + "/recordings/{id}", self.get_recording)
        add("PUT", API + "/recordings/{id}", self.update_recording)
        add("DELETE", API + "/recordings/{id}", self.stop_recording)
        add("GET", API + "/assets", self.list_assets)
        add("GET", API + "/assets/{id}", self.get_asset)
        add("PUT", API + "/assets/{id}", self.update_asset)
        add("DELETE", API + "/assets/{id}", self.delete_asset)
        add("GET", API + "/assets/{id}/metadata", self.get_asset_metadata)
        add("PUT", API + "/assets/{id}/metadata", self.put_asset_metadata)
        add("DELETE", API + "/assets/{id}/metadata", self.delete_asset_metadata)
        add("GET", API + "/assets/{id}/streams", self.list_asset_streams)
        add("POST", API + "/assets/{id}/streams", self.create_stream)
        add("GET", API + "/assets/{id}/streams/{stream_id}", self.get_asset_stream)
        add("GET", API + "/streams", self.list_streams)
        add("PUT", API + "/streams/{id}", self.update_stream)
        add("DELETE", API + "/streams/{id}", self.delete_stream)
        add("GET", API + "/devices/stbs", self.list_stbs)
        add("GET", API + "/devices/stbs/{id}", self.get_stb)
        add("POST", API + "/devices/stbs/{id}/commands", self.stb_command)

    def dispatch(self, request: Request) -> Response:
        """Authenticate every ``/apis/`` request except login/logout, then route; every unknown route or method (and
        anything outside ``/apis/``) answers 404 ``040000 NotFound``."""
        try:
            self.principal = None
            path = request.path.rstrip("/") or "/"
            if not path.startswith(API + "/"):
                raise not_found()
            if (request.method, path) not in PUBLIC_ROUTES:
                self.principal = self.auth.authenticate(request)
            try:
                handler, params = self.router.resolve(request.method, request.path)
            except ApiError as exc:
                raise not_found() from exc
            request.params = params
            return handler(request)
        except ApiError as exc:
            return self.error_response(request, exc)

    def error_response(self, request: Request, error: ApiError) -> Response:
        """HMP error body ``{"code", "name", "message", "httpStatusCode"}`` (code from the status for plain errors)."""
        body = error.body if error.body is not None else default_error_body(error.status, error.message)
        return json_response(body, status=error.status, headers=error.headers)

    @property
    def username(self) -> str:
        """User name of the caller of the current request."""
        return self.principal.username if self.principal is not None else self.settings.username

    def _lister(self, key: str) -> Callable[[Request], Response]:
        """A paged list handler over collection ``key`` (items as stored)."""
        return lambda request: paged(request, self.collections[key].values(), dict)

    def _get(self, key: str, item_id: str, error: ApiError) -> dict[str, Any]:
        """The stored item ``item_id`` of collection ``key``, or raise ``error``."""
        item = self.collections[key].get(item_id)
        if item is None:
            raise error
        return item

    # Authentication and system ----------------------------------------------------------------------------------------------
    def login(self, request: Request) -> Response:
        """``POST /apis/authentication/login``."""
        return self.auth.login(request)

    def login_key(self, request: Request) -> Response:
        """``POST /apis/authentication/login/key`` (404 ``040000`` when the ``key_login`` switch is off, as before HMP 4.1)."""
        if not self.key_login:
            raise not_found()
        return self.auth.login_key(request)

    def session_info(self, request: Request) -> Response:  # pylint: disable=unused-argument
        """``GET /apis/authentication/login``: the caller's session info."""
        assert self.principal is not None
        return data_response(self.auth.info(self.principal))

    def key_info(self, request: Request) -> Response:
        """``GET /apis/authentication/login/key``: the caller's session info (``authToken`` for bearer callers)."""
        if not self.key_login:
            raise not_found()
        return self.session_info(request)

    def logout(self, request: Request) -> Response:
        """``DELETE /apis/authentication/login``: 200 empty, 404 ``040022`` when the session is unknown."""
        return self.auth.logout(request)

    def get_version(self, request: Request) -> Response:  # pylint: disable=unused-argument
        """``GET /apis/system/version`` -> ``{"version", "build"}``."""
        return data_response({"version": self.version, "build": seed.BUILD})

    def get_category(self, request: Request) -> Response:
        """``GET /apis/categories/:id``; 404 ``040007 CategoryNotFound``."""
        return data_response(self._get("categories", request.params["id"], hmp_error(404, "040007", "CategoryNotFound", "Category not found")))

    def list_section_content(self, request: Request) -> Response:
        """``GET /apis/sections/content?itemType=asset|session`` (undocumented, used by S2) -> paged ``{id, title, itemType}``."""
        item_type = request.arg("itemType")
        if item_type not in ("asset", "session"):
            raise input_error("itemType must be 'asset' or 'session'")
        items = self.collections["assets" if item_type == "asset" else "sessions"].values()
        return paged(request, items, lambda item: {"id": item["id"], "title": item.get("title"), "itemType": item_type})

    # Sources ------------------------------------------------------------------------------------------------------------------
    def list_sources(self, request: Request) -> Response:
        """``GET /apis/sources`` (``q`` searches name and description)."""
        term = search_term(request)
        items = self.collections["sources"].values()
        if term is not None:
            items = [item for item in items if matches_term(term, item.get("name"), item.get("description"))]
        return paged(request, items, dict)

    def create_source(self, request: Request) -> Response:
        """``POST /apis/sources`` -> the created source."""
        item = build_source(body_object(request), self.ids.uuid(), now_s())
        return data_response(self.collections["sources"].put(item))

    def _source(self, source_id: str) -> dict[str, Any]:
        """The stored object ``source_id``, or 404 ``040009 SourceNotFound``."""
        return self._get("sources", source_id, hmp_error(404, "040009", "SourceNotFound", "Source not found"))

    def get_source(self, request: Request) -> Response:
        """``GET /apis/sources/:id``; 404 ``040009``."""
        return data_response(self._source(request.params["id"]))

    def update_source(self, request: Request) -> Response:
        """``PUT /apis/sources/:id``: full object; 404 ``040000 "Not Found Error"`` (the confirmed inconsistency)."""
        old = self._get("sources", request.params["id"], not_found())
        item = build_source(body_object(request), old["id"], now_s(), old)
        return data_response(self.collections["sources"].put(item))

    def delete_source(self, request: Request) -> Response:
        """``DELETE /apis/sources/:id``: 409 ``060003`` while a session using it records; else removed from its sessions."""
        source_id = self._source(request.params["id"])["id"]
        for session_id, members in self.session_sources.items():
            if any(member["sourceId"] == source_id for member in members) and self._recording_of(session_id) is not None:
                raise recording_in_progress()
        for session_id, members in self.session_sources.items():
            self.session_sources[session_id] = [member for member in members if member["sourceId"] != source_id]
        self.collections["sources"].delete(source_id)
        return _empty()

    # Sessions -----------------------------------------------------------------------------------------------------------------
    def _session(self, session_id: str) -> dict[str, Any]:
        """The stored object ``session_id``, or 404 ``040006 SessionNotFound``."""
        return self._get("sessions", session_id, hmp_error(404, "040006", "SessionNotFound", "Session not found"))

    def _recording_of(self, session_id: str) -> dict[str, Any] | None:
        """The active (recording or paused) recording of a session, or None."""
        for recording in self.collections["recordings"]:
            if recording.get("session") == session_id:
                return recording
        return None

    def _session_view(self, item: dict[str, Any]) -> dict[str, Any]:
        """A session with ``sources``, ``movieTrackCount`` and ``recording`` filled from the current state."""
        members = self.session_sources.get(item["id"], [])
        return dict(item, movieTrackCount=len(members), sources=[member["sourceId"] for member in members],
                    recording=self._recording_of(item["id"]) is not None)

    def _filtered(self, request: Request, items: list[dict[str, Any]], metadata: dict[str, list[dict[str, Any]]],
                  texts: Callable[[dict[str, Any]], list[Any]]) -> list[dict[str, Any]]:
        """``items`` narrowed by ``q`` (over ``texts(item)``) and the category ``filter`` (over ``metadata[id]``)."""
        term = search_term(request)
        text = request.arg("filter")
        clauses = parse_filter(text) if text is not None and text.strip() else None
        if term is not None:
            items = [item for item in items if matches_term(term, *texts(item))]
        if clauses is not None:
            items = [item for item in items if filter_matches(clauses, metadata.get(item["id"], []))]
        return items

    def list_sessions(self, request: Request) -> Response:
        """``GET /apis/sessions`` (``q`` on title and description, category ``filter``)."""
        items = self._filtered(request, self.collections["sessions"].values(), self.session_metadata,
                               lambda item: [item.get("title"), item.get("description")])
        return paged(request, items, self._session_view)

    def create_session(self, request: Request) -> Response:
        """``POST /apis/sessions`` -> the created session (``sources`` in the body is ignored)."""
        item = build_session(body_object(request), self.ids.uuid(), now_s())
        self.collections["sessions"].put(item)
        self.session_sources[item["id"]] = []
        return data_response(self._session_view(item))

    def get_session(self, request: Request) -> Response:
        """``GET /apis/sessions/:id``; 404 ``040006``."""
        return data_response(self._session_view(self._session(request.params["id"])))

    def update_session(self, request: Request) -> Response:
        """``PUT /apis/sessions/:id``: full object, omitted Optional fields revert to their defaults."""
        old = self._session(request.params["id"])
        item = build_session(body_object(request), old["id"], now_s(), old)
        return data_response(self._session_view(self.collections["sessions"].put(item)))

    def delete_session(self, request: Request) -> Response:
        """``DELETE /apis/sessions/:id``: 409 ``060003`` while recording; removes its events (videos stay)."""
        session_id = self._session(request.params["id"])["id"]
        if self._recording_of(session_id) is not None:
            raise recording_in_progress()
        for event in self.collections["events"].find(lambda item: item.get("moduleId") == session_id):
            self.collections["events"].delete(event["id"])
        self.session_sources.pop(session_id, None)
        self.session_metadata.pop(session_id, None)
        self.collections["sessions"].delete(session_id)
        return _empty()

    def get_session_metadata(self, request: Request) -> Response:
        """``GET /apis/sessions/:id/metadata``."""
        session_id = self._session(request.params["id"])["id"]
        return data_response(metadata_view(self.session_metadata.get(session_id, []), self._display_names()))

    def put_session_metadata(self, request: Request) -> Response:
        """``PUT /apis/sessions/:id/metadata``: replace the full set."""
        session_id = self._session(request.params["id"])["id"]
        self.session_metadata[session_id] = validate_metadata(self._json_any(request))
        return self.get_session_metadata(request)

    def delete_session_metadata(self, request: Request) -> Response:
        """``DELETE /apis/sessions/:id/metadata`` -> empty."""
        self.session_metadata.pop(self._session(request.params["id"])["id"], None)
        return _empty()

    # Session sources ----------------------------------------------------------------------------------------------------------
    def list_session_sources(self, request: Request) -> Response:
        """``GET /apis/sessions/:id/sources`` -> paged ``[{index, sourceId}]``."""
        session_id = self._session(request.params["id"])["id"]
        return paged(request, list(self.session_sources.get(session_id, [])), dict)

    def add_session_source(self, request: Request) -> Response:
        """``POST /apis/sessions/:id/sources`` ``{sourceId}`` -> ``{sourceId, index}``.

        409 ``060003`` while recording, 400 ``010001`` without ``sourceId`` or beyond 4 sources, 404 ``040009`` unknown
        source, 409 ``060008`` already a member.
        """
        session_id = self._session(request.params["id"])["id"]
        if self._recording_of(session_id) is not None:
            raise recording_in_progress()
        body = body_object(request)
        source_id = body.get("sourceId")
        if not isinstance(source_id, str) or not source_id:
            raise input_error("sourceId is required and must be a string")
        self._source(source_id)
        members = self.session_sources.setdefault(session_id, [])
        if any(member["sourceId"] == source_id for member in members):
            raise hmp_error(409, "060008", "SessionSourceAlreadyExists", "Session source already exists")
        if len(members) >= MAX_SESSION_SOURCES:
            raise input_error(f"A session can have at most {MAX_SESSION_SOURCES} sources")
        index = max((member["index"] for member in members), default=-1) + 1
        members.append({"index": index, "sourceId": source_id})
        self._touch_session(session_id)
        return data_response({"sourceId": source_id, "index": index})

    def remove_session_source(self, request: Request) -> Response:
        """``DELETE /apis/sessions/:id/sources/:sourceId`` -> empty; 404 ``040015`` when not a member; 409 while recording."""
        session_id = self._session(request.params["id"])["id"]
        if self._recording_of(session_id) is not None:
            raise recording_in_progress()
        source_id = request.params["source_id"]
        members = self.session_sources.get(session_id, [])
        if not any(member["sourceId"] == source_id for member in members):
            raise hmp_error(404, "040015", "TrackNotFound", "Track not found")
        self.session_sources[session_id] = [member for member in members if member["sourceId"] != source_id]
        self._touch_session(session_id)
        return _empty()

    def _touch_session(self, session_id: str) -> None:
        """Update a session's ``mtime``."""
        session = self.collections["sessions"].get(session_id)
        if session is not None:
            session["mtime"] = now_s()

    # Recordings -----------------------------------------------------------------------------------------------------------------
    def _recording(self, recording_id: str) -> dict[str, Any]:
        """The stored object ``recording_id``, or 404 ``040001 RecordingNotFound``."""
        return self._get("recordings", recording_id, hmp_error(404, "040001", "RecordingNotFound", "Active recording not found"))

    def _duration(self, recording: dict[str, Any]) -> float:
        """Seconds recorded so far: the accumulated time plus the running stretch (paused time does not count)."""
        clock = self.clocks.get(recording["id"])
        if clock is None:
            value = recording.get("duration")
            return float(value) if is_number(value) else 0.0
        total = float(clock["accumulated"])
        if clock.get("since") is not None and recording.get("state") == "RECORDING":
            total += max(0.0, time.time() - float(clock["since"]))
        return round(total, 3)

    def _recording_view(self, recording: dict[str, Any]) -> dict[str, Any]:
        """A recording with its current ``duration`` and recorder states."""
        state = recording.get("state")
        return dict(recording, duration=self._duration(recording),
                    recorders=[dict(recorder, state=state) for recorder in recording.get("recorders") or [] if isinstance(recorder, dict)])

    def list_recordings(self, request: Request) -> Response:
        """``GET /apis/recordings``: the active (recording or paused) recordings."""
        return paged(request, self.collections["recordings"].values(), self._recording_view)

    def list_session_recordings(self, request: Request) -> Response:
        """``GET /apis/sessions/:id/recordings``."""
        session_id = self._session(request.params["id"])["id"]
        items = self.collections["recordings"].find(lambda item: item.get("session") == session_id)
        return paged(request, items, self._recording_view)

    def start_recording(self, request: Request) -> Response:
        """``POST /apis/sessions/:id/recordings`` (body optional ``{"recorders": [{"source": id}]}``) -> the recording.

        Records all session sources by default; non-member sources are ignored. 409 ``060009`` when nothing is left to
        record, 409 ``060003`` when the session already records.
        """
        session = self._session(request.params["id"])
        if self._recording_of(session["id"]) is not None:
            raise recording_in_progress()
        body = body_object(request, required=False)
        members = [member["sourceId"] for member in self.session_sources.get(session["id"], [])]
        wanted = body.get("recorders")
        if wanted is not None:
            if not isinstance(wanted, list) or not all(isinstance(entry, dict) and isinstance(entry.get("source"), str) for entry in wanted):
                raise input_error("recorders must be a list of {source: sourceId}")
            requested = [entry["source"] for entry in wanted]
            members = [source_id for source_id in members if source_id in requested]
        if not members:
            raise hmp_error(409, "060009", "SessionRequiresSource", "Session requires at least one source")
        started = time.time()
        recording_id = self.ids.uuid()
        recorders = []
        for number, source_id in enumerate(members, start=1):
            recorders.append({"source": source_id, "chunk": f"asset-chunk://{recording_id}/{number}/0/0", "id": str(self.recorder_seq),
                              "state": "RECORDING"})
            self.recorder_seq += 1
        recording = {"id": recording_id, "session": session["id"], "username": self.username, "state": "RECORDING", "duration": 0,
                     "recorders": recorders, "ctime": int(started), "title": recording_title(session["title"], started)}
        self.clocks[recording_id] = {"accumulated": 0.0, "since": started}
        self.collections["recordings"].put(recording)
        return data_response(self._recording_view(recording))

    def get_recording(self, request: Request) -> Response:
        """``GET /apis/recordings/:id``; 404 ``040001``."""
        return data_response(self._recording_view(self._recording(request.params["id"])))

    def update_recording(self, request: Request) -> Response:
        """``PUT /apis/recordings/:id`` ``{"state": "PAUSED"|"RECORDING"}`` -> the recording (pause / resume)."""
        recording = self._recording(request.params["id"])
        body = body_object(request, required=False)
        state = body.get("state")
        if state not in ("PAUSED", "RECORDING"):
            raise input_error("State should be either 'RECORDING' or PAUSED'")
        clock = self.clocks.setdefault(recording["id"], {"accumulated": self._duration(recording), "since": None})
        now = time.time()
        if state != recording.get("state"):
            if state == "PAUSED":
                if clock.get("since") is not None:
                    clock["accumulated"] = float(clock["accumulated"]) + max(0.0, now - float(clock["since"]))
                clock["since"] = None
            else:
                clock["since"] = now
            recording["state"] = state
        return data_response(self._recording_view(recording))

    def stop_recording(self, request: Request) -> Response:
        """``DELETE /apis/recordings/:id``: stop; the recording becomes a video with the same id -> empty."""
        recording = self._recording(request.params["id"])
        duration = self._duration(recording)
        recorders = [recorder for recorder in recording.get("recorders") or [] if isinstance(recorder, dict)]
        ctime = recording.get("ctime")
        title = recording.get("title")
        if not isinstance(ctime, int):
            ctime = now_s()
        if not isinstance(title, str):
            title = "Recording"
        asset = asset_object(recording["id"], title, "", ctime, duration, len(recorders), mtime=now_s())
        self.collections["assets"].put(asset)
        entries = [meta("calypso:creator", str(recording.get("username") or self.username))]
        if isinstance(recording.get("session"), str):
            entries.append(meta("calypso:recorded_from_session", recording["session"]))
        self.metadata[asset["id"]] = entries
        self.collections["recordings"].delete(recording["id"])
        self.clocks.pop(recording["id"], None)
        return _empty()

    # Videos (assets) -------------------------------------------------------------------------------------------------------------
    def _asset(self, asset_id: str) -> dict[str, Any]:
        """The stored object ``asset_id``, or 404 ``040002 AssetNotFound``."""
        return self._get("assets", asset_id, hmp_error(404, "040002", "AssetNotFound", "Video not found"))

    def _creator(self, asset_id: str) -> list[Any]:
        """The ``calypso:creator`` values of a video (searched by ``q``)."""
        for entry in self.metadata.get(asset_id, []):
            if isinstance(entry, dict) and entry.get("name") == "calypso:creator":
                return [field.get("valueString") for field in entry.get("field") or [] if isinstance(field, dict)]
        return []

    def list_assets(self, request: Request) -> Response:
        """``GET /apis/assets`` (``q`` on title, description and creator; category ``filter``)."""
        items = self._filtered(request, self.collections["assets"].values(), self.metadata,
                               lambda item: [item.get("title"), item.get("description")] + self._creator(item["id"]))
        return paged(request, items, dict)

    def list_session_assets(self, request: Request) -> Response:
        """``GET /apis/sessions/:id/assets``: videos whose ``calypso:recorded_from_session`` is the session."""
        session_id = self._session(request.params["id"])["id"]
        items = [item for item in self.collections["assets"]
                 if any(entry.get("name") == "calypso:recorded_from_session"
                        and any(field.get("valueString") == session_id for field in entry.get("field") or [] if isinstance(field, dict))
                        for entry in self.metadata.get(item["id"], []) if isinstance(entry, dict))]
        return paged(request, items, dict)

    def get_asset(self, request: Request) -> Response:
        """``GET /apis/assets/:id``; 404 ``040002``."""
        return data_response(self._asset(request.params["id"]))

    def update_asset(self, request: Request) -> Response:
        """``PUT /apis/assets/:id`` ``{"title", "description"}`` -> the updated video (description omitted -> "")."""
        asset = self._asset(request.params["id"])
        body = body_object(request)
        title = body.get("title")
        if not isinstance(title, str) or not title.strip():
            raise input_error("title is required and must be a non-empty string")
        description = body.get("description")
        if description is not None and not isinstance(description, str):
            raise input_error("description must be a string")
        asset.update(title=title, description=description or "", mtime=now_s())
        return data_response(asset)

    def delete_asset(self, request: Request) -> Response:
        """``DELETE /apis/assets/:id`` -> empty; its streams stop."""
        asset_id = self._asset(request.params["id"])["id"]
        for stream in self.collections["streams"].find(lambda item: item.get("asset") == asset_id):
            self.collections["streams"].delete(stream["id"])
        self.metadata.pop(asset_id, None)
        self.collections["assets"].delete(asset_id)
        return _empty()

    def _display_names(self) -> dict[str, str]:
        """username -> displayName of the enabled users."""
        return {user["username"]: user["displayName"] for user in self.collections["users"]
                if isinstance(user.get("username"), str) and isinstance(user.get("displayName"), str)}

    @staticmethod
    def _json_any(request: Request) -> Any:
        """The body as any JSON value; 400 ``010001`` when missing or invalid."""
        try:
            return request.json()
        except ApiError as exc:
            raise input_error(exc.message) from exc

    def get_asset_metadata(self, request: Request) -> Response:
        """``GET /apis/assets/:id/metadata``."""
        asset_id = self._asset(request.params["id"])["id"]
        return data_response(metadata_view(self.metadata.get(asset_id, []), self._display_names()))

    def put_asset_metadata(self, request: Request) -> Response:
        """``PUT /apis/assets/:id/metadata``: replace the full set -> the new set (plus ``calypso:creatorDisplayName``)."""
        asset_id = self._asset(request.params["id"])["id"]
        self.metadata[asset_id] = validate_metadata(self._json_any(request))
        return self.get_asset_metadata(request)

    def delete_asset_metadata(self, request: Request) -> Response:
        """``DELETE /apis/assets/:id/metadata`` -> empty."""
        self.metadata.pop(self._asset(request.params["id"])["id"], None)
        return _empty()

    # Categories ----------------------------------------------------------------------------------------------------------------
    # (list: ``_lister("categories")``; one: ``get_category``)

    # Streams ----------------------------------------------------------------------------------------------------------------------
    def _stream(self, stream_id: str) -> dict[str, Any]:
        """The stored object ``stream_id``, or 404 ``040003 StreamNotFound``."""
        return self._get("streams", stream_id, hmp_error(404, "040003", "StreamNotFound", "Stream not found"))

    def create_stream(self, request: Request) -> Response:
        """``POST /apis/assets/:id/streams`` ``{address, port}`` (or ``destinations`` for multi-source videos) -> the stream."""
        asset = self._asset(request.params["id"])
        stream = build_stream(body_object(request), self.ids.uuid(), asset, self.username)
        return data_response(self.collections["streams"].put(stream))

    def list_asset_streams(self, request: Request) -> Response:
        """``GET /apis/assets/:id/streams`` (paged)."""
        asset_id = self._asset(request.params["id"])["id"]
        return paged(request, self.collections["streams"].find(lambda item: item.get("asset") == asset_id), dict)

    def get_asset_stream(self, request: Request) -> Response:
        """``GET /apis/assets/:id/streams/:streamId``; 404 ``040003`` unless the stream plays that video."""
        asset_id = self._asset(request.params["id"])["id"]
        stream = self._stream(request.params["stream_id"])
        if stream.get("asset") != asset_id:
            raise hmp_error(404, "040003", "StreamNotFound", "Stream not found")
        return data_response(stream)

    def list_streams(self, request: Request) -> Response:  # pylint: disable=unused-argument
        """``GET /apis/streams``: every stream, no ``paging`` (as the confirmed example); empty -> 404 ``040012``."""
        items = self.collections["streams"].values()
        if not items:
            raise no_results()
        return data_response(items)

    def update_stream(self, request: Request) -> Response:
        """``PUT /apis/streams/:id`` ``{"state": "playing"|"paused"}``; no ``state`` toggles -> the stream."""
        stream = self._stream(request.params["id"])
        body = body_object(request, required=False)
        state = body.get("state")
        if state is None:
            state = "paused" if stream.get("state", "playing") == "playing" else "playing"
        elif state not in STREAM_STATES:
            raise invalid_state(state)
        stream["state"] = state
        return data_response(stream)

    def delete_stream(self, request: Request) -> Response:
        """``DELETE /apis/streams/:id`` -> empty; 404 ``040003``."""
        self.collections["streams"].delete(self._stream(request.params["id"])["id"])
        return _empty()

    # Events ----------------------------------------------------------------------------------------------------------------------
    def _event_view(self, event: dict[str, Any]) -> dict[str, Any]:
        """An event with ``title`` = its session's title."""
        session = self.collections["sessions"].get(str(event.get("moduleId")))
        return dict(event, title=session.get("title") if session is not None else None)

    def _event(self, session_id: str, event_id: str) -> dict[str, Any]:
        """Event ``event_id`` of session ``session_id``, or 404 ``040031 ScheduledEventNotFound``."""
        event = self.collections["events"].get(event_id)
        if event is None or event.get("moduleId") != session_id:
            raise hmp_error(404, "040031", "ScheduledEventNotFound", "Scheduled event not found")
        return event

    def list_events(self, request: Request) -> Response:
        """``GET /apis/sessions/:id/events``."""
        session_id = self._session(request.params["id"])["id"]
        return paged(request, self.collections["events"].find(lambda item: item.get("moduleId") == session_id), self._event_view)

    def create_event(self, request: Request) -> Response:
        """``POST /apis/sessions/:id/events`` -> the event with ``moduleId``, ``id`` and ``title`` (400 ``010000`` on bad fields)."""
        session_id = self._session(request.params["id"])["id"]
        event = build_event(body_object(request, bad_request), self.ids.uuid(), session_id)
        return data_response(self._event_view(self.collections["events"].put(event)))

    def get_event(self, request: Request) -> Response:
        """``GET /apis/sessions/:id/events/:eventId``; 404 ``040031``."""
        session_id = self._session(request.params["id"])["id"]
        return data_response(self._event_view(self._event(session_id, request.params["event_id"])))

    def update_event(self, request: Request) -> Response:
        """``PUT /apis/sessions/:id/events/:eventId``: full object -> the updated event."""
        session_id = self._session(request.params["id"])["id"]
        old = self._event(session_id, request.params["event_id"])
        event = build_event(body_object(request, bad_request), old["id"], session_id)
        return data_response(self._event_view(self.collections["events"].put(event)))

    # Set-top boxes ------------------------------------------------------------------------------------------------------------------
    def _stb(self, stb_id: str) -> dict[str, Any]:
        """The stored object ``stb_id``, or 404 ``040000 "Device not found"``."""
        return self._get("stbs", stb_id, not_found("Device not found"))

    @staticmethod
    def _list_param(text: str | None, name: str) -> list[str]:
        """A JSON array of strings (``["a","b"]``) or a comma-separated list; ``[]`` when absent or blank."""
        if text is None or not text.strip():
            return []
        try:
            value = json.loads(text)
        except json.JSONDecodeError:
            return [part.strip().strip('[]"\' ') for part in text.split(",") if part.strip().strip('[]"\' ')]
        if isinstance(value, str):
            return [value]
        if not isinstance(value, list) or not all(isinstance(entry, str) for entry in value):
            raise input_error(f"{name} must be a list of strings")
        return value

    def list_stbs(self, request: Request) -> Response:
        """``GET /apis/devices/stbs?page=&pageSize=&deviceTypes=[..]&tags=a,b`` (tags: boxes having any of them)."""
        types = set(self._list_param(request.arg("deviceTypes"), "deviceTypes"))
        tags = set(self._list_param(request.arg("tags"), "tags"))
        items = self.collections["stbs"].values()
        if types:
            items = [box for box in items if box.get("type") in types]
        if tags:
            items = [box for box in items if tags.intersection(box.get("tags") or [])]
        return stb_paged(request, items, dict)

    def get_stb(self, request: Request) -> Response:
        """``GET /apis/devices/stbs/:id``; 404 ``040000 "Device not found"``."""
        return data_response(self._stb(request.params["id"]))

    def _channel(self, parameters: dict[str, Any]) -> dict[str, Any]:
        """The box fields a ``set-channel`` command sets; 400 on bad parameters, 404 ``040000`` for unknown content."""
        channel_id = parameters.get("id")
        channel_type = parameters.get("type")
        name = parameters.get("name")
        if not isinstance(channel_id, str) or not channel_id:
            raise input_error("parameters.id is required and must be a string")
        if channel_type not in CHANNEL_TYPES:
            raise input_error("parameters.type must be one of " + ", ".join(CHANNEL_TYPES))
        if name is not None and not isinstance(name, str):
            raise input_error("parameters.name must be a string or null")
        key = {"source": "sources", "session": "sessions", "asset": "assets", "composition": "compositions"}[channel_type]
        target = self._get(key, channel_id, not_found(f"{channel_type.capitalize()} not found"))
        known = target.get("name") if channel_type == "source" else target.get("title")
        return {"channelId": channel_id, "channelName": name or known, "channelType": channel_type, "lastViewedChannelId": channel_id}

    def _command_changes(self, command: str, parameters: dict[str, Any]) -> dict[str, Any]:
        """Validate one command's parameters and return the box fields it changes."""
        if command == "standby-on":
            return {"standby": True, "status": "Standby"}
        if command == "standby-off":
            return {"standby": False, "status": "Online"}
        if command in ("mute", "unmute"):
            return {"muted": command == "mute"}
        if command == "set-volume":
            volume = parameters.get("volume")
            if not is_number(volume) or not 0.0 <= volume <= 1.0:
                raise input_error("parameters.volume is required and must be a number between 0.0 and 1.0")
            return {"volume": volume}
        if command == "set-channel":
            return self._channel(parameters)
        if command == "show-text-message":
            if not isinstance(parameters.get("data"), list) or not parameters["data"]:
                raise input_error("parameters.data is required and must be a non-empty list of messages")
            return {}
        return {"lastConnectedAt": int(time.time() * 1000)}  # reboot

    def stb_command(self, request: Request) -> Response:
        """``POST /apis/devices/stbs/:id/commands`` ``{"command", "parameters"}`` -> ``{"type", "status": "ok", "message"}``.

        404 ``040000 "Device not found"`` (unknown id), 400 ``010001`` (unknown command, bad parameters), 404 ``040000
        "Device stream not found"`` unless the box is Online or Standby. The effect shows on the box; the command is
        recorded in ``/__sim__/state`` ``stb_commands``.
        """
        box = self._stb(request.params["id"])
        body = body_object(request)
        command = body.get("command")
        if command not in STB_COMMANDS:
            raise input_error("command must be one of " + ", ".join(STB_COMMANDS))
        parameters = body.get("parameters")
        if parameters is not None and not isinstance(parameters, dict):
            raise input_error("parameters must be an object")
        changes = self._command_changes(command, parameters or {})
        if box.get("status") not in ("Online", "Standby"):
            raise not_found("Device stream not found")
        now_ms = int(time.time() * 1000)
        box.update(changes)
        box["lastAcceptedUpdate"] = now_ms
        self.changed_stbs.add(box["_id"])
        self.commands.append({"stbId": box["_id"], "command": command, "parameters": parameters, "time": now_ms, "username": self.username})
        return data_response(dict(COMMAND_OK))

    # Control hooks -------------------------------------------------------------------------------------------------------------------
    def expire_tokens(self) -> None:
        """Every cookie session and bearer token becomes invalid (401 ``020001``; logout 404 ``040022``)."""
        self.auth.expire_all()

    def reset(self, empty: bool) -> None:
        """``{}``: re-seed everything (STBs and their command log included) from the start-up options.
        ``{"empty": true}``: empty sources, sessions, recordings, videos, streams and events; users, groups, categories,
        compositions and STBs stay. Switches return to their start-up values either way."""
        self._configure_defaults()
        if empty:
            self._load_content(True)
            return
        self._load_static()
        self._load_stbs(self._load_content(self.settings.empty))

    def _configure_defaults(self) -> None:
        """Put every switch back to its start-up value."""
        self.auth.session_ttl = self.settings.session_ttl
        self.auth.token_ttl = self.settings.token_ttl
        self.key_login = True
        self.version = seed.VERSION

    def _config(self) -> dict[str, Any]:
        """The current switch values."""
        return {"session_ttl": self.auth.session_ttl, "token_ttl": self.auth.token_ttl, "key_login": self.key_login, "version": self.version}

    def configure(self, changes: dict[str, Any]) -> dict[str, Any]:
        """Switches: ``session_ttl`` / ``token_ttl`` (seconds, for sessions and tokens issued afterwards), ``key_login``
        (false: ``/apis/authentication/login/key`` answers 404 as before HMP 4.1), ``version`` (``/apis/system/version``)."""
        unknown = set(changes) - {"session_ttl", "token_ttl", "key_login", "version"}
        if unknown:
            raise ApiError(400, "unknown switches: " + ", ".join(sorted(unknown)))
        for key in ("session_ttl", "token_ttl"):
            if key in changes:
                value = changes[key]
                if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                    raise ApiError(400, f"{key} must be a positive integer")
        if "key_login" in changes and not isinstance(changes["key_login"], bool):
            raise ApiError(400, "key_login must be a boolean")
        if "version" in changes and (not isinstance(changes["version"], str) or not changes["version"]):
            raise ApiError(400, "version must be a non-empty string")
        self.auth.session_ttl = changes.get("session_ttl", self.auth.session_ttl)
        self.auth.token_ttl = changes.get("token_ttl", self.auth.token_ttl)
        self.key_login = changes.get("key_login", self.key_login)
        self.version = changes.get("version", self.version)
        return self._config()

    def _collection(self, name: str) -> Collection:
        """Collection ``name`` for the ``/__sim__/items`` calls; 404 for an unknown name."""
        collection = self.collections.get(name)
        if collection is None:
            raise ApiError(404, f"unknown collection {name}; known: {', '.join(COLLECTIONS)}")
        return collection

    def insert_item(self, collection: str, item: Any) -> Any:
        """Insert or replace a raw item, unchecked (``_id`` of an STB or ``id`` generated when missing).

        A session's ``sources`` list (ids) becomes its session sources; a video's ``metadata`` list its metadata; a
        recording gets a running clock starting at its ``duration``.
        """
        target = self._collection(collection)
        if not isinstance(item, dict):
            raise ApiError(400, "item must be a JSON object")
        if item.get(target.key) in (None, ""):
            item[target.key] = self.ids.token(22, seed.STB_ID_ALPHABET) if collection == "stbs" else self.ids.uuid()
        if not isinstance(item[target.key], str):
            raise ApiError(400, f"{collection} items need a string {target.key!r}")
        if collection == "sessions" and isinstance(item.get("sources"), list):
            self.session_sources[item["id"]] = [{"index": index, "sourceId": source_id} for index, source_id in enumerate(item["sources"])]
        elif collection == "sessions":
            self.session_sources.setdefault(item["id"], [])
        if collection == "assets" and "metadata" in item:
            metadata = item.pop("metadata")
            self.metadata[item["id"]] = metadata if isinstance(metadata, list) else []
        if collection == "recordings":
            duration = item.get("duration")
            self.clocks[item["id"]] = {"accumulated": float(duration) if is_number(duration) else 0.0,
                                       "since": time.time() if item.get("state", "RECORDING") == "RECORDING" else None}
            item.setdefault("state", "RECORDING")
        if collection == "stbs":
            self.changed_stbs.add(item["_id"])
        target.put(item)
        return item

    def remove_item(self, collection: str, item_id: str) -> None:
        """Delete a raw item, unchecked (its relations go with it); 404 when absent."""
        if self._collection(collection).delete(item_id) is None:
            raise ApiError(404, f"{collection} item {item_id} not found")
        if collection == "sessions":
            self.session_sources.pop(item_id, None)
            self.session_metadata.pop(item_id, None)
        elif collection == "assets":
            self.metadata.pop(item_id, None)
        elif collection == "recordings":
            self.clocks.pop(item_id, None)
        elif collection == "stbs":
            self.changed_stbs.discard(item_id)

    def dump_state(self) -> dict[str, Any]:
        """The raw state, serialised at once under the app lock (nothing is copied).

        Set-top boxes are summarised so the dump stays small with 10 000 of them: ``stbs`` is ``{"count", "by_status",
        "changed"}`` where ``changed`` holds the full boxes changed by a command or inserted through ``/__sim__/items``
        (``GET /apis/devices/stbs/:id`` shows any box).
        """
        stbs = self.collections["stbs"]
        by_status: dict[str, int] = {}
        for box in stbs.values():
            by_status[str(box.get("status"))] = by_status.get(str(box.get("status")), 0) + 1
        changed = [box for box in (stbs.get(stb_id) for stb_id in sorted(self.changed_stbs)) if box is not None]
        return {
            "config": self._config(),
            "collections": {key: collection.values() for key, collection in self.collections.items() if key != "stbs"},
            "stbs": {"count": len(stbs), "by_status": by_status, "changed": changed},
            "session_sources": self.session_sources,
            "recording_clocks": self.clocks,
            "metadata": self.metadata,
            "session_metadata": self.session_metadata,
            "stb_commands": list(self.commands),
            "auth": {"sessions": len(self.auth.sessions), "tokens": len(self.auth.tokens)},
        }
