# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Validation and construction of HMP objects (sources, sessions, events, videos, metadata, streams).

The seed and the API handlers build objects through the same functions, so seeded and created objects have the same
shape. JSON property kinds follow hmp-api.md section 2: *Required* fields missing -> error; *Optional* fields omitted on
PUT revert to their default; *Ignored* fields (ids, times, ``active``, ``bitrate`` ...) are never taken from a body.
"""

from __future__ import annotations

import time
from typing import Any

from common.app import ApiError
from hmp.wire import (bad_request, hmp_error, input_error, is_int, optional_bool, optional_str, require_port, require_str)

SOURCE_TYPES = ("UDP", "SRT")
SRT_MODES = ("CALLER", "LISTENER", "RENDEZVOUS")
SRT_DEFAULT_LATENCY = 20
ANY_HOST = "0.0.0.0"

EVENT_TYPES = ("one-time", "weekly-recurring")
EVENT_COMMANDS = ("set-live", "record")
DAYS = ("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN")

STREAM_STATES = ("playing", "paused")


# Sources ---------------------------------------------------------------------------------------------------------------
def build_source(body: dict[str, Any], source_id: str, now: int, old: dict[str, Any] | None = None) -> dict[str, Any]:
    """Validate a source body (POST, or full-object PUT when ``old`` is given) and return the object to store.

    :param body: the request body.
    :param source_id: id of the source (new or existing).
    :param now: epoch seconds for ``mtime`` (and ``ctime`` of a new source).
    :param old: the stored source on PUT: its Ignored fields (ctime, active, bitrate, iptv ...) are kept.
    :return: the source as the API shows it. Raises 400 ``010001`` naming the bad field.
    """
    name = require_str(body, "name")
    source_type = body.get("type")
    if source_type not in SOURCE_TYPES:
        raise input_error("type is required and must be 'UDP' or 'SRT'")
    port = require_port(body)
    description = optional_str(body, "description", "")
    continuous = optional_bool(body, "continuous", False)
    host = body.get("host")
    if host is not None and not isinstance(host, str):
        raise input_error("host must be a string")
    host = host.strip() if isinstance(host, str) else ""
    base = old or {}
    item: dict[str, Any] = {"description": description, "ctime": base.get("ctime", now), "mtime": now}
    if source_type == "UDP":
        multicast = body.get("multicast")
        if not isinstance(multicast, bool):
            raise input_error("multicast is required for UDP sources and must be a boolean")
        if multicast and not host:
            raise input_error("host is required for multicast UDP sources")
        item.update(host=host or ANY_HOST, port=port, type="UDP", multicast=multicast, continuous=continuous)
    else:
        mode = body.get("mode")
        if mode not in SRT_MODES:
            raise input_error("mode is required for SRT sources and must be one of CALLER, LISTENER, RENDEZVOUS")
        if mode in ("CALLER", "RENDEZVOUS") and not host:
            raise input_error(f"host is required for SRT {mode} sources")
        latency = body.get("latency")
        if latency is None:
            latency = SRT_DEFAULT_LATENCY
        elif not is_int(latency) or latency < 0:
            raise input_error("latency must be a non-negative integer (milliseconds)")
        passphrase = optional_str(body, "passphrase", "")
        item.update(host=host or ANY_HOST, port=port, type="SRT", continuous=True, mode=mode, latency=latency, passphrase=passphrase)
    item["iptv"] = base.get("iptv", False)
    if old is not None:
        item["iptvIndex"] = base.get("iptvIndex")
    item.update(retransmitPort=base.get("retransmitPort", 0), rtcPort=base.get("rtcPort", 0),
                detectedFeatures=dict(base.get("detectedFeatures") or {"autodetectEnabled": True, "hevc": False, "_4k": False}),
                active=base.get("active", False), bitrate=base.get("bitrate", 0), id=source_id, name=name)
    return item


# Sessions --------------------------------------------------------------------------------------------------------------
def build_session(body: dict[str, Any], session_id: str, now: int, old: dict[str, Any] | None = None) -> dict[str, Any]:
    """Validate a session body (POST, or full-object PUT with ``old``) and return the object to store.

    ``sources``, ``recording`` and ``movieTrackCount`` are Ignored here (the app fills them from the session sources
    and recordings when it renders the session). Raises 400 ``010001``.
    """
    title = require_str(body, "title")
    description = optional_str(body, "description", "")
    active = optional_bool(body, "active", False)
    syncrecord = optional_bool(body, "syncrecord", False)
    policies = body.get("distributionPolicies")
    if policies is not None and (not isinstance(policies, list) or not all(isinstance(policy, str) for policy in policies)):
        raise input_error("distributionPolicies must be a list of ids")
    base = old or {}
    return {"title": title, "description": description, "ctime": base.get("ctime", now), "mtime": now, "duration": base.get("duration", 0),
            "active": active, "syncrecord": syncrecord, "id": session_id, "movieTrackCount": 0, "sources": [], "recording": False}


# Events ----------------------------------------------------------------------------------------------------------------
def build_event(body: dict[str, Any], event_id: str, session_id: str) -> dict[str, Any]:
    """Validate a session event (POST or full-object PUT) and return it with ``moduleId`` and ``id``.

    Raises 400 ``010000 BadRequest`` naming the field. ``moduleId``, ``id`` and ``title`` in the body are ignored.
    """
    if body.get("module") != "session":
        raise bad_request("module is required and must be 'session'")
    start = body.get("startTime")
    if not is_int(start) or start < 0:
        raise bad_request("startTime is required and must be an integer (epoch seconds)")
    duration = body.get("duration")
    if duration is not None and (not is_int(duration) or duration < 0):
        raise bad_request("duration must be a non-negative integer (seconds)")
    event_type = body.get("type")
    if event_type not in EVENT_TYPES:
        raise bad_request("type is required and must be 'one-time' or 'weekly-recurring'")
    type_data = body.get("typeData")
    if event_type == "weekly-recurring":
        days = type_data.get("days") if isinstance(type_data, dict) else None
        if not isinstance(days, list) or not days:
            raise bad_request("typeData.days is required for weekly-recurring events and must be a non-empty list")
        bad = [day for day in days if day not in DAYS]
        if bad:
            raise bad_request(f"typeData.days contains invalid days {bad}: use MON TUE WED THU FRI SAT SUN")
    elif type_data is not None and not isinstance(type_data, dict):
        raise bad_request("typeData must be an object")
    command = body.get("command")
    if command not in EVENT_COMMANDS:
        raise bad_request("command is required and must be 'set-live' or 'record'")
    parameters = body.get("parameters")
    if command == "set-live" and not isinstance(parameters, dict):
        raise bad_request("parameters is required for set-live events and must be an object")
    if parameters is not None and not isinstance(parameters, dict):
        raise bad_request("parameters must be an object")
    active = body.get("active")
    if not isinstance(active, bool):
        raise bad_request("active is required and must be a boolean")
    event: dict[str, Any] = {"module": "session", "startTime": start}
    if duration is not None:
        event["duration"] = duration
    event["type"] = event_type
    if type_data is not None:
        event["typeData"] = dict(type_data)
    event["command"] = command
    if parameters is not None:
        event["parameters"] = dict(parameters)
    event.update(active=active, moduleId=session_id, id=event_id)
    return event


# Videos (assets) and metadata ------------------------------------------------------------------------------------------
def asset_object(asset_id: str, title: str, description: str, ctime: int, duration: float, tracks: int, mtime: int | None = None) -> dict[str, Any]:
    """A video in the list shape of hmp-api.md section 5.6."""
    return {"id": asset_id, "title": title, "description": description, "active": False, "ctime": ctime, "mtime": ctime if mtime is None else mtime,
            "tag": None, "duration": duration, "recording": False, "trimming": False, "importing": False, "movieTrackCount": tracks}


def meta(name: str, *values: str) -> dict[str, Any]:
    """One metadata entry ``{"name", "field": [{"fieldType": "STRING", "valueString": v}, ...]}``."""
    return {"name": name, "field": [{"fieldType": "STRING", "valueString": value} for value in values]}


def validate_metadata(body: Any) -> list[dict[str, Any]]:
    """A metadata PUT body: a list of ``{"name": str, "field": [{"fieldType": str, ...}]}``; 400 ``010001`` otherwise."""
    if not isinstance(body, list):
        raise input_error("metadata must be a list of {name, field} objects")
    result = []
    for entry in body:
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str) or not entry["name"]:
            raise input_error("every metadata entry needs a non-empty name")
        fields = entry.get("field", [])
        if not isinstance(fields, list) or not all(isinstance(field, dict) and isinstance(field.get("fieldType"), str) for field in fields):
            raise input_error(f"field of {entry['name']} must be a list of objects with a fieldType")
        result.append({"name": entry["name"], "field": [dict(field) for field in fields]})
    return result


def metadata_view(metadata: list[dict[str, Any]], display_names: dict[str, str]) -> list[dict[str, Any]]:
    """Metadata as answered: the stored entries plus ``calypso:creatorDisplayName`` derived from ``calypso:creator``."""
    view = [dict(entry) for entry in metadata]
    names = {entry.get("name") for entry in metadata}
    if "calypso:creatorDisplayName" not in names:
        for entry in metadata:
            if entry.get("name") == "calypso:creator" and entry.get("field"):
                creator = entry["field"][0].get("valueString")
                view.append(meta("calypso:creatorDisplayName", display_names.get(creator, creator) if isinstance(creator, str) else ""))
                break
    return view


# Streams ---------------------------------------------------------------------------------------------------------------
def multi_sources_error() -> ApiError:
    """400 ``010005 MultiSourcesStream``."""
    return hmp_error(400, "010005", "MultiSourcesStream", "A multi-source video needs destinations: [{trackId, address, port}]")


def invalid_state(value: Any) -> ApiError:
    """400 ``010001 InputValidationFailed "Invalid state <x>"`` (the confirmed name and text of the stream page)."""
    return hmp_error(400, "010001", "InputValidationFailed", f"Invalid state {value}")


def build_stream(body: dict[str, Any], stream_id: str, asset: dict[str, Any], username: str) -> dict[str, Any]:
    """Validate ``POST /apis/assets/:id/streams`` and return the stream to store.

    A multi-source video (``movieTrackCount`` > 1) needs ``destinations`` (else 400 ``010005``); its ``address`` and
    ``port`` are then stored as ``"multiple"`` / ``0``. Otherwise ``address`` (string) and ``port`` (0..65535) are required.
    """
    state = body.get("state")
    if state is None:
        state = "playing"
    elif state not in STREAM_STATES:
        raise invalid_state(state)
    stream: dict[str, Any]
    if int(asset.get("movieTrackCount") or 0) > 1:
        destinations = body.get("destinations")
        if not isinstance(destinations, list) or not destinations:
            raise multi_sources_error()
        cleaned = []
        for destination in destinations:
            if not isinstance(destination, dict) or not is_int(destination.get("trackId")):
                raise input_error("every destination needs an integer trackId")
            cleaned.append({"trackId": destination["trackId"], "address": require_str(destination, "address"), "port": require_port(destination)})
        stream = {"address": "multiple", "port": 0, "asset": asset["id"], "username": username, "id": stream_id, "destinations": cleaned}
    else:
        stream = {"address": require_str(body, "address"), "port": require_port(body), "asset": asset["id"], "username": username, "id": stream_id}
    stream["state"] = state
    return stream


def recording_title(session_title: str, epoch: float) -> str:
    """``"<session title> - MM/DD/YYYY, HH:MM"`` (UTC) for a recording started at ``epoch`` seconds."""
    return f"{session_title} - " + time.strftime("%m/%d/%Y, %H:%M", time.gmtime(epoch))


def now_s() -> int:
    """The current time in epoch seconds."""
    return int(time.time())
