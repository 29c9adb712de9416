# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Compact channel definitions -> the config lists of the VOS and HMP resource modules (controller side).

The pure core of the ``broadcast.video.channel_lineup`` filter and of the ``broadcast.video.channel`` role. One
channel definition (see :data:`CHANNEL_SPEC`, the same option tree as the role's ``meta/argument_specs.yml``)
expands to VOS objects named after the channel:

===================================== ==========================================================================
channel field                         VOS / HMP object
===================================== ==========================================================================
``name``                              service ``<name>``
``inputs[0]``                         source ``<name>.primary`` (service source rank 1)
``inputs[1]``                         source ``<name>.backup`` (service source rank 2)
``inputs[k]``, k >= 2                 source ``<name>.backup<k>`` (rank k + 1)
``inputs[].name``                     the source's name instead of the default above
``inputs[]`` fields                   the source's rank-1 ``zixi`` input
``slate`` (+ ``signal_loss_slate``)   a slate image; each source's rank-2 ``signal_loss`` slate input; the
                                      service's SCTE-35 slate image
``destinations[]``                    destination ``<name>.<type>`` (or ``destinations[].name``), one output
``on_air``                            the service's ``control_state`` (``activated`` / ``off``)
``recording``                         HMP session (title ``recording.session``, default ``<name>``) and its
                                      events (``weekly``: one weekly-recurring event, ``one_time``: one each)
===================================== ==========================================================================

Everything is validated before anything is returned; errors are :class:`LineupError` with a message that names the
channel (``channel 'news' (channel_lineup[0])``), the field (``inputs[1].ip_port``) and what is allowed. Secrets (end
point passwords) are never part of a message.
"""

from __future__ import annotations

import copy
import datetime
import re
from typing import Any, Dict, List, Mapping, Optional, Sequence, Set, Tuple

from ansible.module_utils.parsing.convert_bool import boolean

from ansible_collections.broadcast.video.plugins.module_utils.errors import ValidationError
from ansible_collections.broadcast.video.plugins.module_utils.hmp.resources import parse_days, parse_start_time
from ansible_collections.broadcast.video.plugins.module_utils.vos import resources as vos

# ---------------------------------------------------------------------------------------------- the option tree
# Argument-spec shaped (type, required, default, choices, elements, options, no_log); the role's
# meta/argument_specs.yml declares exactly this tree (with descriptions), a unit test keeps the two equal.

END_POINT_SPEC: Dict[str, Dict[str, Any]] = {
    "packaging": {"type": "str", "required": True, "choices": ["dash", "hls", "ss", "internal"]},
    "protocol": {"type": "str", "default": "https", "choices": ["https", "http"]},
    "hostname": {"type": "str", "default": "127.0.0.1"},
    "port": {"type": "int", "default": 80},
    "path": {"type": "str"},
    "profile_name": {"type": "str"},
    "publish_name": {"type": "str"},
    "output_mode": {"type": "str", "choices": ["live_and_timeshift"]},
    "username": {"type": "str", "default": ""},
    "password": {"type": "str", "no_log": True},
}

INPUT_SPEC: Dict[str, Dict[str, Any]] = {
    "name": {"type": "str"},
    "cloud_link_group": {"type": "str", "required": True},
    "ip_address": {"type": "str", "required": True},
    "ip_port": {"type": "int", "required": True},
    "program_number": {"type": "int", "default": 0},
    "ssm_ip_addresses": {"type": "list", "elements": "str", "default": []},
}

DESTINATION_SPEC: Dict[str, Dict[str, Any]] = {
    "type": {"type": "str", "required": True, "choices": ["origin", "ats"]},
    "name": {"type": "str"},
    "destination_profile": {"type": "str", "required": True},
    "end_points": {"type": "list", "elements": "dict", "options": END_POINT_SPEC},
    "ip_address": {"type": "str"},
    "ip_port": {"type": "int"},
    "cloud_link_group": {"type": "str"},
}

EVENT_SPEC: Dict[str, Dict[str, Any]] = {
    "start_time": {"type": "raw", "required": True},
    "duration": {"type": "int"},
    "go_live": {"type": "bool", "default": False},
}

WEEKLY_SPEC: Dict[str, Dict[str, Any]] = dict(EVENT_SPEC, days={"type": "raw", "required": True})

RECORDING_SPEC: Dict[str, Dict[str, Any]] = {
    "session": {"type": "str"},
    "description": {"type": "str"},
    "sources": {"type": "list", "elements": "str", "required": True},
    "live": {"type": "bool"},
    "sync_record": {"type": "bool"},
    "weekly": {"type": "dict", "options": WEEKLY_SPEC},
    "one_time": {"type": "list", "elements": "dict", "options": EVENT_SPEC},
}

CHANNEL_SPEC: Dict[str, Dict[str, Any]] = {
    "name": {"type": "str", "required": True},
    "profile": {"type": "str", "required": True},
    "on_air": {"type": "bool", "default": False},
    "program_number": {"type": "int", "default": 1},
    "monitoring": {"type": "bool", "default": False},
    "inputs": {"type": "list", "elements": "dict", "required": True, "options": INPUT_SPEC},
    "slate": {"type": "str"},
    "signal_loss_slate": {"type": "bool", "default": True},
    "destinations": {"type": "list", "elements": "dict", "options": DESTINATION_SPEC},
    "recording": {"type": "dict", "options": RECORDING_SPEC},
}

#: Keys of the ``pending`` argument: objects a check-mode run plans to create (see :func:`expand_lineup`).
PENDING_KINDS = ("images", "sources", "destinations")
#: Most sources in one HMP session (hmp_sessions refuses more).
MAX_SESSION_SOURCES = 4
#: Destination fields that belong to one type only.
ATS_FIELDS = ("ip_address", "ip_port", "cloud_link_group")

_INT_RE = re.compile(r"^[+-]?\d+$")


class LineupError(ValueError):
    """A channel definition (or the line-up) is not valid; the message names the channel, the field and what is
    allowed, and never holds a secret."""


class _FieldError(ValueError):
    """A field of one channel is not valid (``path``: ``inputs[1].ip_port``, empty for the channel itself)."""

    def __init__(self, path: str, text: str) -> None:
        super().__init__(text)
        self.path = path
        self.text = text


# ---------------------------------------------------------------------------------------------- validation


def _join(path: str, key: str) -> str:
    return "%s.%s" % (path, key) if path else key


def _scalar(kind: str, value: Any, path: str, secret: bool) -> Any:
    """``value`` converted to ``kind`` (``str``, ``int``, ``bool`` or ``raw``) as Ansible's argument specs convert it.

    :raises _FieldError: not convertible; a secret's value is never shown.
    """
    shown = "" if secret else " (got %r)" % (value,)
    if kind == "str":
        if isinstance(value, str):
            return str(value)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)
        raise _FieldError(path, "must be a string%s" % shown)
    if kind == "int":
        if isinstance(value, int) and not isinstance(value, bool):
            return int(value)
        if isinstance(value, str) and _INT_RE.match(value.strip()):
            return int(value.strip())
        if isinstance(value, float) and value.is_integer():
            return int(value)
        raise _FieldError(path, "must be an integer%s" % shown)
    if kind == "bool":
        try:
            return boolean(value, strict=True)
        except TypeError:
            raise _FieldError(path, "must be a boolean (true or false)%s" % shown) from None
    return value  # raw


def _to_list(value: Any, path: str) -> List[Any]:
    """A list; a string becomes the list of its comma-separated parts (as Ansible's ``type: list``)."""
    if isinstance(value, (list, tuple)):
        return list(value)
    if isinstance(value, str):
        return [part.strip() for part in value.split(",")]
    raise _FieldError(path, "must be a list (got %s)" % type(value).__name__)


def _convert(option: Mapping[str, Any], value: Any, path: str) -> Any:
    kind = option["type"]
    if kind == "dict":
        return _check(option["options"], value, path)
    if kind == "list":
        items = _to_list(value, path)
        if option["elements"] == "dict":
            return [_check(option["options"], item, "%s[%d]" % (path, index)) for index, item in enumerate(items)]
        return [_scalar(option["elements"], item, "%s[%d]" % (path, index), False) for index, item in enumerate(items)]
    converted = _scalar(kind, value, path, bool(option.get("no_log")))
    choices = option.get("choices")
    if choices and converted not in choices:
        raise _FieldError(path, "%r is not allowed; choose one of %s" % (converted, ", ".join(choices)))
    return converted


def _check(spec: Mapping[str, Mapping[str, Any]], value: Any, path: str) -> Dict[str, Any]:
    """``value`` checked against the option tree ``spec``: a dict with every known key (None when not given and
    without default), values converted.

    :raises _FieldError: not a mapping, an unknown key, a missing required field, a bad type or choice.
    """
    if not isinstance(value, Mapping):
        raise _FieldError(path, "must be a mapping of fields (got %s)" % type(value).__name__)
    unknown = sorted(str(key) for key in value if key not in spec)
    if unknown:
        raise _FieldError(path, "unknown field%s %s; allowed: %s" % (
            "s" if len(unknown) > 1 else "", ", ".join(unknown), ", ".join(sorted(spec))))
    result: Dict[str, Any] = {}
    for key, option in spec.items():
        raw = value.get(key)
        if raw is None:
            if option.get("required"):
                raise _FieldError(_join(path, key), "is required")
            result[key] = copy.deepcopy(option.get("default"))
            continue
        result[key] = _convert(option, raw, _join(path, key))
    return result


def _nonempty(value: Optional[str], path: str) -> None:
    if value is not None and not value.strip():
        raise _FieldError(path, "must not be empty")


def _port(value: Optional[int], path: str) -> None:
    if value is not None and not 1 <= value <= 65535:
        raise _FieldError(path, "%d is not a port; give 1 to 65535" % value)


def _secrets(channel: Any) -> List[str]:
    """End point passwords of a raw channel definition (to keep them out of messages)."""
    found: List[str] = []
    destinations = channel.get("destinations") if isinstance(channel, Mapping) else None
    for destination in destinations if isinstance(destinations, list) else []:
        end_points = destination.get("end_points") if isinstance(destination, Mapping) else None
        for end_point in end_points if isinstance(end_points, list) else []:
            password = end_point.get("password") if isinstance(end_point, Mapping) else None
            if isinstance(password, str) and password:
                found.append(password)
    return found


def _masked(text: str, secrets: Sequence[str]) -> str:
    for secret in sorted(secrets, key=len, reverse=True):
        text = text.replace(secret, "********")
    return text


# ---------------------------------------------------------------------------------------------- expansion


def _unique(names: Sequence[Tuple[str, str]], what: str) -> None:
    """``names``: ``(name, path)`` pairs within one channel; a name used twice is an error naming both paths."""
    seen: Dict[str, str] = {}
    for name, path in names:
        if name in seen:
            raise _FieldError(path, "%s %r is also the name of %s; give each its own name" % (what, name, seen[name]))
        seen[name] = path


def _sources(channel: Mapping[str, Any]) -> List[Dict[str, Any]]:
    name = channel["name"]
    slate = channel["slate"] if channel["signal_loss_slate"] else None
    sources: List[Dict[str, Any]] = []
    names: List[Tuple[str, str]] = []
    if not channel["inputs"]:
        raise _FieldError("inputs", "needs at least one input (the first is the primary, further ones are backups)")
    for index, entry in enumerate(channel["inputs"]):
        path = "inputs[%d]" % index
        _nonempty(entry["name"], path + ".name")
        _nonempty(entry["cloud_link_group"], path + ".cloud_link_group")
        _nonempty(entry["ip_address"], path + ".ip_address")
        _port(entry["ip_port"], path + ".ip_port")
        default = "%s.%s" % (name, "primary" if index == 0 else "backup" if index == 1 else "backup%d" % index)
        source_name = entry["name"] or default
        names.append((source_name, path))
        inputs: List[Dict[str, Any]] = [{
            "rank": 1, "type": "zixi", "cloud_link_group": entry["cloud_link_group"], "ip_address": entry["ip_address"],
            "ip_port": entry["ip_port"], "program_number": entry["program_number"],
            "ssm_ip_addresses": entry["ssm_ip_addresses"]}]
        if slate:
            inputs.append({"rank": 2, "type": "slate", "slate_type": "signal_loss", "slate_image": slate})
        sources.append({"name": source_name, "enable_monitoring": channel["monitoring"], "inputs": inputs})
    _unique(names, "source")
    return sources


def _destination(channel: Mapping[str, Any], entry: Mapping[str, Any], path: str) -> Dict[str, Any]:
    kind = entry["type"]
    _nonempty(entry["name"], path + ".name")
    _nonempty(entry["destination_profile"], path + ".destination_profile")
    if kind == "origin":
        wrong = [key for key in ATS_FIELDS if entry[key] is not None]
        if wrong:
            raise _FieldError(path, "%s: only for ats destinations; an origin destination takes end_points" % ", ".join(wrong))
        if not entry["end_points"]:
            raise _FieldError(path + ".end_points", "is required for an origin destination (one per packaging)")
        end_points = []
        for index, end_point in enumerate(entry["end_points"]):
            _port(end_point["port"], "%s.end_points[%d].port" % (path, index))
            end_points.append({key: value for key, value in end_point.items() if value is not None})
        output: Dict[str, Any] = {"rank": 1, "type": "origin", "end_points": end_points}
    else:
        if entry["end_points"] is not None:
            raise _FieldError(path, "end_points: only for origin destinations; an ats destination takes ip_address, "
                                    "ip_port and cloud_link_group")
        missing = [key for key in ATS_FIELDS if entry[key] is None]
        if missing:
            raise _FieldError(path, "%s: required for an ats destination" % ", ".join(missing))
        _nonempty(entry["ip_address"], path + ".ip_address")
        _nonempty(entry["cloud_link_group"], path + ".cloud_link_group")
        _port(entry["ip_port"], path + ".ip_port")
        output = {"rank": 1, "type": "cloudlink", "ip_address": entry["ip_address"], "ip_port": entry["ip_port"],
                  "cloud_link_group": entry["cloud_link_group"]}
    return {"name": entry["name"] or "%s.%s" % (channel["name"], kind), "type": kind,
            "destination_profile": entry["destination_profile"], "outputs": [output]}


def _destinations(channel: Mapping[str, Any]) -> List[Dict[str, Any]]:
    destinations = [_destination(channel, entry, "destinations[%d]" % index)
                    for index, entry in enumerate(channel["destinations"] or [])]
    _unique([(d["name"], "destinations[%d]" % i) for i, d in enumerate(destinations)], "destination")
    return destinations


def _service(channel: Mapping[str, Any], sources: Sequence[Mapping[str, Any]],
             destinations: Sequence[Mapping[str, Any]]) -> Dict[str, Any]:
    service: Dict[str, Any] = {
        "name": channel["name"],
        "profile": channel["profile"],
        "control_state": "activated" if channel["on_air"] else "off",
        "program_number": channel["program_number"],
        "sources": [{"name": source["name"], "rank": rank} for rank, source in enumerate(sources, 1)],
        "destinations": [destination["name"] for destination in destinations],
    }
    if channel["slate"] is not None:
        service["slate_image"] = channel["slate"]
    return service


def _reworded(exc: ValidationError, where: str) -> str:
    """The text of an hmp module_utils parser error raised with ``where``, without that prefix."""
    text = str(exc)
    return text[len(where) + 2:] if text.startswith(where + ": ") else text


def _event(session: str, entry: Mapping[str, Any], path: str, days: Optional[List[str]]) -> Tuple[int, Dict[str, Any]]:
    """``(start in epoch seconds, hmp_events item)`` of one recording event."""
    start_time = entry["start_time"]
    if isinstance(start_time, (datetime.datetime, datetime.date)):
        start_time = start_time.isoformat()  # an unquoted YAML timestamp
    try:
        start = parse_start_time(start_time, path)
    except ValidationError as exc:
        raise _FieldError(path, _reworded(exc, path)) from None
    if entry["duration"] is not None and entry["duration"] < 0:
        raise _FieldError(path + ".duration", "%d is not allowed; give seconds >= 0" % entry["duration"])
    event: Dict[str, Any] = {"session": session, "start_time": start_time,
                             "type": "weekly-recurring" if days is not None else "one-time"}
    if days is not None:
        event["days"] = days
    if entry["duration"] is not None:
        event["duration"] = entry["duration"]
    if entry["go_live"]:
        event.update(command="set-live", record=True)
    else:
        event["command"] = "record"
    return start, event


def _recording(channel: Mapping[str, Any]) -> Tuple[Optional[Dict[str, Any]], List[Dict[str, Any]]]:
    recording = channel["recording"]
    if recording is None:
        return None, []
    _nonempty(recording["session"], "recording.session")
    title = recording["session"] or channel["name"]
    sources = recording["sources"]
    if not 1 <= len(sources) <= MAX_SESSION_SOURCES:
        raise _FieldError("recording.sources", "%d given; an HMP session takes 1 to %d sources" % (
            len(sources), MAX_SESSION_SOURCES))
    for index, source in enumerate(sources):
        _nonempty(source, "recording.sources[%d]" % index)
    if len(set(sources)) != len(sources):
        raise _FieldError("recording.sources", "each source can be in the session once, got %s" % sources)
    session: Dict[str, Any] = {"title": title, "sources": list(sources)}
    for key in ("description", "live", "sync_record"):
        if recording[key] is not None:
            session[key] = recording[key]
    planned: List[Tuple[str, Mapping[str, Any], Optional[List[str]]]] = []
    weekly = recording["weekly"]
    if weekly is not None:
        try:
            days = parse_days(weekly["days"], "recording.weekly")
        except ValidationError as exc:
            raise _FieldError("recording.weekly", _reworded(exc, "recording.weekly")) from None
        if not days:
            raise _FieldError("recording.weekly.days", "is empty; give at least one day (MON to SUN)")
        planned.append(("recording.weekly", weekly, days))
    for index, entry in enumerate(recording["one_time"] or []):
        planned.append(("recording.one_time[%d]" % index, entry, None))
    events: List[Dict[str, Any]] = []
    starts: Dict[int, str] = {}
    for path, entry, days_or_none in planned:
        start, event = _event(title, entry, path, days_or_none)
        if start in starts:
            raise _FieldError(path + ".start_time", "%s is also the start of %s; an HMP event is known by its session "
                                                    "and start time, so each needs its own" % (event["start_time"], starts[start]))
        starts[start] = path
        events.append(event)
    return session, events


def _label(index: int, channel: Any) -> str:
    name = channel.get("name") if isinstance(channel, Mapping) else None
    if isinstance(name, str) and name.strip():
        return "channel %r (channel_lineup[%d])" % (name, index)
    return "channel_lineup[%d]" % index


def expand_channel(channel: Any, index: int = 0) -> Dict[str, Any]:
    """Expand one channel definition.

    :param channel: one item of the line-up (see :data:`CHANNEL_SPEC`).
    :param index: its position in the line-up, for messages.
    :returns: ``{"channel": <the definition, checked and converted>, "image": url or None, "sources": [..],
        "destinations": [..], "service": {..}, "hmp_session": {..} or None, "hmp_events": [..]}``, each in the
        config format of its module (vos_sources, vos_destinations, vos_services, hmp_sessions, hmp_events).
    :raises LineupError: the definition is not valid; the message names the channel and the field.
    """
    label = _label(index, channel)
    try:
        checked = _check(CHANNEL_SPEC, channel, "")
        _nonempty(checked["name"], "name")
        _nonempty(checked["profile"], "profile")
        _nonempty(checked["slate"], "slate")
        sources = _sources(checked)
        destinations = _destinations(checked)
        session, events = _recording(checked)
    except _FieldError as exc:
        where = "%s: %s" % (label, exc.path) if exc.path else label
        raise LineupError(_masked("%s: %s" % (where, exc.text), _secrets(channel))) from None
    return {"channel": checked, "image": checked["slate"], "sources": sources, "destinations": destinations,
            "service": _service(checked, sources, destinations), "hmp_session": session, "hmp_events": events}


def _pending(pending: Any) -> Dict[str, Set[str]]:
    """The ``pending`` argument as ``{kind: set of names}`` for :data:`PENDING_KINDS`.

    :raises LineupError: not a mapping, an unknown kind, or a value that is not a list of strings.
    """
    if pending is None:
        return {kind: set() for kind in PENDING_KINDS}
    if not isinstance(pending, Mapping):
        raise LineupError("pending: must be a mapping such as {images: [...], sources: [...], destinations: [...]} "
                          "(got %s)" % type(pending).__name__)
    unknown = sorted(str(key) for key in pending if key not in PENDING_KINDS)
    if unknown:
        raise LineupError("pending: unknown key %s; allowed: %s" % (", ".join(unknown), ", ".join(PENDING_KINDS)))
    result: Dict[str, Set[str]] = {}
    for kind in PENDING_KINDS:
        names = pending.get(kind) or []
        if not isinstance(names, (list, tuple)) or not all(isinstance(name, str) for name in names):
            raise LineupError("pending.%s: must be a list of names (strings)" % kind)
        result[kind] = set(names)
    return result


def _claim(owners: Dict[str, str], name: str, what: str, label: str) -> None:
    """Record that ``label`` (a channel) declares the ``what`` called ``name``; a second channel is an error."""
    if name in owners:
        raise LineupError("%s: %s %r is also declared by %s; VOS and HMP names must be unique across the line-up" % (
            label, what, name, owners[name]))
    owners[name] = label


def expand_lineup(lineup: Any, pending: Any = None) -> Dict[str, Any]:
    """Expand a channel line-up into the config lists of the resource modules.

    :param lineup: list of channel definitions (see :data:`CHANNEL_SPEC`).
    :param pending: for check mode: ``{"images": [urls], "sources": [names], "destinations": [names]}``, objects a
        check-mode run has planned to create but which do not exist yet (the modules cannot resolve a reference to
        them). Default: nothing pending.
    :returns: ``{"images": [{url}], "sources": [..], "destinations": [..], "services": [..], "hmp_sessions": [..],
        "hmp_events": [..], "deferred": {"sources": [names], "services": [names]}}``. The lists are in line-up order
        (images once each, in order of first use), ready as ``config`` of vos_images, vos_sources,
        vos_destinations, vos_services, hmp_sessions and hmp_events. ``deferred`` names the sources that use a
        pending slate image and the services that use a pending image, source or destination: a check-mode run
        cannot plan them yet (both lists are empty without ``pending``).
    :raises LineupError: the line-up is not a list, a channel is not valid, two channels declare the same channel,
        source, destination or HMP session name, or ``pending`` is malformed.
    """
    if not isinstance(lineup, (list, tuple)):
        raise LineupError("channel_lineup: must be a list of channel definitions (got %s)" % type(lineup).__name__)
    waiting = _pending(pending)
    result: Dict[str, Any] = {"images": [], "sources": [], "destinations": [], "services": [], "hmp_sessions": [],
                              "hmp_events": [], "deferred": {"sources": [], "services": []}}
    owners: Dict[str, Dict[str, str]] = {"channel": {}, "source": {}, "destination": {}, "HMP session": {}}
    images: List[str] = []
    for index, channel in enumerate(lineup):
        expanded = expand_channel(channel, index)
        label = _label(index, channel)
        _claim(owners["channel"], expanded["service"]["name"], "channel", label)
        for source in expanded["sources"]:
            _claim(owners["source"], source["name"], "source", label)
        for destination in expanded["destinations"]:
            _claim(owners["destination"], destination["name"], "destination", label)
        if expanded["hmp_session"] is not None:
            _claim(owners["HMP session"], expanded["hmp_session"]["title"], "HMP session", label)
            result["hmp_sessions"].append(expanded["hmp_session"])
        result["hmp_events"].extend(expanded["hmp_events"])
        if expanded["image"] is not None and expanded["image"] not in images:
            images.append(expanded["image"])
        result["sources"].extend(expanded["sources"])
        result["destinations"].extend(expanded["destinations"])
        result["services"].append(expanded["service"])
        # What uses a pending object, from the references the VOS resource specs declare (Field ref).
        result["deferred"]["sources"].extend(source["name"] for source in expanded["sources"]
                                             if vos.SOURCES.fields.uses_any(source, waiting))
        if vos.SERVICES.fields.uses_any(expanded["service"], waiting):
            result["deferred"]["services"].append(expanded["service"]["name"])
    result["images"] = [{"url": url} for url in images]
    return result
