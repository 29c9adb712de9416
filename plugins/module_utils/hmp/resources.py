# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""HMP resource specs: one declarative :class:`ResourceSpec` per resource module.

Field names and value spellings are HMP's (Haivision's HMP REST API guide 3.8-4.1.1, confirmed unless marked
modeled). Natural keys, since HMP enforces no unique names: sources by ``name``, sessions and videos by
``title``, recordings by session, events by session and start time, streams by video and destination.
"""

from __future__ import annotations

import datetime
import ipaddress
from typing import Any, Dict, List, Mapping, Optional

from ..errors import ValidationError
from ..fields import Field, FieldMap, References
from ..resource import ResourceSpec

INT = {"type": "int"}
BOOL = {"type": "bool"}
RAW = {"type": "raw"}

#: Day codes of weekly-recurring events, in week order (confirmed: 3-letter upper case, e.g. MON, WED, SAT).
DAYS = ("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN")
FULL_DAYS = {name.upper(): name[:3].upper() for name in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
                                                         "Saturday", "Sunday")}

# ---------------------------------------------------------------------------------------------- sources


def _is_multicast(host: Any) -> bool:
    try:
        return ipaddress.ip_address(str(host)).is_multicast
    except ValueError:
        return False


def _validate_source(item: Mapping[str, Any], where: str) -> None:
    port = item.get("port")
    if port is not None and not 0 <= int(port) <= 65535:
        raise ValidationError("%s: port %s is not allowed; give 0 to 65535" % (where, port))
    if item.get("type") == "udp" and item.get("multicast") and not item.get("host"):
        raise ValidationError("%s: host (the multicast group) is required for a multicast UDP source" % where)
    if item.get("type") == "srt":
        if not item.get("mode"):
            raise ValidationError("%s: mode (caller, listener or rendezvous) is required for an SRT source" % where)
        if item.get("mode") in ("caller", "rendezvous") and not item.get("host"):
            raise ValidationError("%s: host is required for an SRT %s source" % (where, item.get("mode")))
        if item.get("continuous") is False:
            raise ValidationError("%s: continuous: false is not possible for SRT sources (HMP forces true)" % where)
        latency = item.get("latency")
        if latency is not None and int(latency) < 0:
            raise ValidationError("%s: latency %s is not allowed; give milliseconds >= 0" % (where, latency))


def _default_host(item: Mapping[str, Any]) -> Optional[str]:
    """A unicast UDP or SRT listener source without a host listens on every interface: HMP shows ``0.0.0.0``
    (confirmed for SRT listeners by the guide's example; modeled for unicast UDP)."""
    if (item.get("type") == "udp" and not item.get("multicast")) or (item.get("type") == "srt" and item.get("mode") == "listener"):
        return "0.0.0.0"
    return None


SOURCE_FIELDS = FieldMap([
    Field("name", "name"),
    Field("type", "type", choices={"udp": "UDP", "srt": "SRT"}),
    Field("host", "host", default=_default_host),
    Field("port", "port", spec=INT),
    Field("multicast", "multicast", spec=BOOL, when={"type": "udp"}, default=lambda item: _is_multicast(item.get("host"))),
    Field("description", "description", default=""),
    Field("continuous", "continuous", spec=BOOL, default=lambda item: item.get("type") == "srt"),
    Field("mode", "mode", choices={"caller": "CALLER", "listener": "LISTENER", "rendezvous": "RENDEZVOUS"},
          when={"type": "srt"}),
    Field("latency", "latency", spec=INT, when={"type": "srt"}, default=20),
    Field("passphrase", "passphrase", secret=True, when={"type": "srt"}),
])

SOURCES = ResourceSpec("sources", "source", SOURCE_FIELDS, required=("type", "port"), validate=_validate_source)

# ---------------------------------------------------------------------------------------------- sessions

#: Most sources in one session (confirmed by HMP's command-line API docs: up to four).
MAX_SESSION_SOURCES = 4


def _validate_session(item: Mapping[str, Any], where: str) -> None:
    sources = item.get("sources") or []
    if len(sources) > MAX_SESSION_SOURCES:
        raise ValidationError("%s: sources: %d given, an HMP session holds at most %d" % (where, len(sources), MAX_SESSION_SOURCES))
    if len(set(sources)) != len(sources):
        raise ValidationError("%s: sources: each source can be in a session once, got %s" % (where, sources))


SESSION_FIELDS = FieldMap([
    Field("title", "title"),
    Field("description", "description", default=""),
    Field("live", "active", spec=BOOL, default=False),
    Field("sync_record", "syncrecord", spec=BOOL, default=False),
    Field("sources", "sources", ref="sources", many=True, default=[]),
])

SESSIONS = ResourceSpec("sessions", "session", SESSION_FIELDS, key="title", validate=_validate_session)

# ---------------------------------------------------------------------------------------------- events


def parse_start_time(value: Any, where: str) -> int:
    """Epoch seconds from an int, a string of digits, or an ISO 8601 date and time (``2026-11-25T18:00:00Z``;
    without an offset it is read as UTC).

    :raises ValidationError: anything else; the message names ``where``.
    """
    if isinstance(value, bool):
        raise ValidationError("%s: start_time %r is not a time" % (where, value))
    if isinstance(value, (int, float)):
        if value < 0:
            raise ValidationError("%s: start_time %r is before 1970; give a time from 1970 on" % (where, value))
        return int(value)
    text = str(value).strip()
    if text.isdigit():
        return int(text)
    try:
        parsed = datetime.datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        raise ValidationError("%s: start_time %r is neither ISO 8601 (2026-11-25T18:00:00Z) nor epoch seconds" % (
            where, value)) from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=datetime.timezone.utc)
    epoch = int(parsed.timestamp())
    if epoch < 0:
        raise ValidationError("%s: start_time %r is before 1970; give a time from 1970 on" % (where, value))
    return epoch


def parse_days(value: Any, where: str) -> List[str]:
    """Day codes in week order from a list (``[WED, FRI]``) or the DataMiner connector's ``"WED;FRI"`` form
    (also comma-separated; case-insensitive).

    :raises ValidationError: an unknown day; the message lists the allowed codes.
    """
    if isinstance(value, str):
        parts = value.replace(",", ";").split(";")
    elif isinstance(value, (list, tuple)):
        parts = [str(p) for p in value]
    else:
        raise ValidationError("%s: days must be a list such as [WED, FRI] or a string such as \"WED;FRI\"" % where)
    days = set()
    for part in parts:
        if not part.strip() and isinstance(value, str):
            continue  # "WED;FRI;" or "WED;;FRI"
        code = part.strip().upper()
        code = FULL_DAYS.get(code, code)
        if code not in DAYS:
            raise ValidationError("%s: days: %r is not a day; allowed: %s" % (where, part, ", ".join(DAYS)))
        days.add(code)
    return [d for d in DAYS if d in days]


def iso_utc(epoch: Any) -> str:
    """``2026-11-25T18:00:00Z`` for epoch seconds."""
    return datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _normalize_event(item: Mapping[str, Any], where: str) -> Dict[str, Any]:
    result = dict(item)
    if result.get("start_time") is None:
        raise ValidationError("%s: start_time is required: it is part of an event's natural key (session and start "
                              "time), so that a re-run finds the event instead of adding another" % where)
    result["start_time"] = parse_start_time(result["start_time"], where)
    if result.get("days") is not None:
        result["days"] = parse_days(result["days"], where)
        if not result["days"]:
            raise ValidationError("%s: days is empty; a weekly-recurring event needs at least one day" % where)
        if result.get("type") == "one-time":
            raise ValidationError("%s: days is given but type is one-time; use type: weekly-recurring (or leave type "
                                  "out: days make it weekly-recurring)" % where)
    return result


def _event_identity(item: Mapping[str, Any]) -> Optional[str]:
    if item.get("session") is None or item.get("start_time") is None:
        return None
    return "%s @ %s" % (item["session"], iso_utc(item["start_time"]))


def _read_days(obj: Mapping[str, Any], refs: References) -> Any:
    days = (obj.get("typeData") or {}).get("days") if isinstance(obj.get("typeData"), dict) else None
    if not isinstance(days, list):
        return None
    known = [d for d in DAYS if d in [str(x).upper() for x in days]]
    return known


def _write_days(obj: Dict[str, Any], value: Any, refs: References, where: str) -> None:
    obj["typeData"] = {"days": list(value)}


def _validate_event(item: Mapping[str, Any], where: str) -> None:
    if item.get("type") == "weekly-recurring" and not item.get("days"):
        raise ValidationError("%s: days is required for a weekly-recurring event (for example [WED, FRI] or "
                              "\"WED;FRI\")" % where)
    if item.get("type") == "one-time" and item.get("days"):
        raise ValidationError("%s: days is given but type is one-time; use type: weekly-recurring" % where)
    duration = item.get("duration")
    if duration is not None and int(duration) < 0:
        raise ValidationError("%s: duration %s is not allowed; give seconds >= 0" % (where, duration))


def _event_skeleton(item: Mapping[str, Any]) -> Dict[str, Any]:
    """A new event: ``module`` is always ``session`` (confirmed); set-live events carry ``parameters``."""
    return {"module": "session", "parameters": {}} if item.get("command") == "set-live" else {"module": "session"}


EVENT_FIELDS = FieldMap([
    Field("session", "moduleId", ref="sessions"),
    Field("start_time", "startTime", spec=RAW),
    Field("type", "type", choices={"one-time": "one-time", "weekly-recurring": "weekly-recurring"},
          default=lambda item: "weekly-recurring" if item.get("days") else "one-time"),
    Field("days", spec={"type": "raw"}, read=_read_days, write=_write_days, when={"type": "weekly-recurring"}),
    Field("duration", "duration", spec=INT),
    Field("command", "command", choices={"set-live": "set-live", "record": "record"}, default="set-live"),
    Field("record", "parameters.record", spec=BOOL, when={"command": "set-live"}, default=False),
    Field("active", "active", spec=BOOL, default=True),
], skeleton=_event_skeleton)

EVENTS = ResourceSpec("events", "event", EVENT_FIELDS, key="session", required=("start_time",),
                      validate=_validate_event, identity=_event_identity, normalize=_normalize_event,
                      soft_delete={"active": False})

# ---------------------------------------------------------------------------------------------- recordings


def _read_recorders(obj: Mapping[str, Any], refs: References) -> Any:
    recorders = obj.get("recorders")
    if not isinstance(recorders, list):
        return None
    return [refs.name_of("sources", r.get("source")) for r in recorders if isinstance(r, dict)]


def _write_recorders(obj: Dict[str, Any], names: List[str], refs: References, where: str) -> None:
    obj["recorders"] = [{"source": refs.id_of("sources", n, "%s.sources[%d]" % (where, i))} for i, n in enumerate(names)]


RECORDING_FIELDS = FieldMap([
    Field("session", "session", ref="sessions"),
    Field("sources", ref="sources", many=True, read=_read_recorders, write=_write_recorders),
    Field("status", "state", choices={"recording": "RECORDING", "paused": "PAUSED"}, default="recording"),
])

RECORDINGS = ResourceSpec("recordings", "recording", RECORDING_FIELDS, key="session")

# ---------------------------------------------------------------------------------------------- streams


def _read_address(obj: Mapping[str, Any], refs: References) -> Any:
    """A multi-source stream shows address ``multiple`` and port 0 (confirmed); its destinations say where."""
    return None if obj.get("destinations") else obj.get("address")


def _read_port(obj: Mapping[str, Any], refs: References) -> Any:
    return None if obj.get("destinations") else obj.get("port")


def _stream_identity(item: Mapping[str, Any]) -> Optional[str]:
    if item.get("video") is None:
        return None
    destinations = item.get("destinations") or []
    if destinations:
        where = ", ".join("track %s %s:%s" % (d.get("track_id"), d.get("address"), d.get("port"))
                          for d in sorted(destinations, key=lambda d: (str(d.get("track_id")), str(d.get("address")))))
    else:
        where = "%s:%s" % (item.get("address"), item.get("port"))
    return "%s -> %s" % (item["video"], where)


def _validate_stream(item: Mapping[str, Any], where: str) -> None:
    destinations = item.get("destinations") or []
    if not destinations and (item.get("address") is None or item.get("port") is None):
        raise ValidationError("%s: give address and port, or destinations (one per track) for a multi-source video" % where)
    if destinations and (item.get("address") is not None or item.get("port") is not None):
        raise ValidationError("%s: give either address and port, or destinations, not both" % where)
    for index, dest in enumerate([{"port": item.get("port")}] + list(destinations)):
        port = dest.get("port")
        if port is not None and not 0 <= int(port) <= 65535:
            raise ValidationError("%s: port %s is not allowed; give 0 to 65535%s" % (
                where, port, "" if index == 0 else " (destinations[%d])" % (index - 1)))


STREAM_DESTINATION = FieldMap([
    Field("track_id", "trackId", spec=INT),
    Field("address", "address"),
    Field("port", "port", spec=INT),
], key="track_id")


def _by_track(destinations: Any) -> Any:
    if not isinstance(destinations, list):
        return destinations
    return sorted(destinations, key=lambda d: (str(d.get("track_id")) if isinstance(d, dict) else "",
                                               str(d.get("address")) if isinstance(d, dict) else ""))


def _read_destinations(obj: Mapping[str, Any], refs: References) -> Any:
    """Destinations in track order (HMP keeps the order they were given in; the order means nothing)."""
    value = obj.get("destinations")
    if not isinstance(value, list) or not value:
        return None
    return _by_track([STREAM_DESTINATION.from_api(d, refs) for d in value if isinstance(d, dict)])


def _normalize_stream(item: Mapping[str, Any], where: str) -> Dict[str, Any]:
    result = dict(item)
    if result.get("destinations"):
        result["destinations"] = _by_track(result["destinations"])
    return result


STREAM_FIELDS = FieldMap([
    Field("video", "asset", ref="videos"),
    Field("address", "address", read=_read_address),
    Field("port", "port", spec=INT, read=_read_port),
    Field("destinations", "destinations", nested=STREAM_DESTINATION, read=_read_destinations),
    Field("status", "state", choices={"playing": "playing", "paused": "paused"}, default="playing"),
])

STREAMS = ResourceSpec("streams", "stream", STREAM_FIELDS, key="video", identity=_stream_identity,
                       validate=_validate_stream, normalize=_normalize_stream)

# ---------------------------------------------------------------------------------------------- videos

VIDEO_FIELDS = FieldMap([
    Field("title", "title"),
    Field("new_title", read=lambda obj, refs: None, write=lambda obj, value, refs, where: None),
    Field("description", "description", default=""),
])

VIDEOS = ResourceSpec("videos", "video", VIDEO_FIELDS, key="title", rename="new_title",
                      create_error="no such video: HMP makes videos from recordings (stop a recording with "
                                   "broadcast.video.hmp_recordings state=deleted); this module edits and deletes them")
