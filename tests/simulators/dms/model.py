# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Validation and object shapes of the writable DMS resources (docs/dms-api.md, "Resources").

Each ``build_*`` function takes a request body (``POST``: the whole object; ``PATCH``: a subset, merged over ``old``)
and returns the object to store, or raises 422 ``VALIDATION_FAILED`` naming the field in ``details.field`` (nested
fields as ``schedule.weekdays``). Checks that need the state (names taken, targets known, schedules allowed) live in
``dms.app``.
"""

from __future__ import annotations

import ipaddress
import re
from datetime import date
from typing import Any

from dms.seed import WEEKDAYS
from dms.wire import boolean, invalid, is_int, only_fields, string, string_list

DEVICE_WRITABLE = ("customDescription", "location", "groups", "allowScheduleAuthorization")
GROUP_FIELDS = ("name", "description", "allowScheduleAuthorization")
AUTHORIZATION_FIELDS = ("name", "targetType", "targetId", "entitlements", "enabled", "type", "schedule")
DESTINATION_FIELDS = ("name", "description", "address", "port", "protocol", "enabled")
SCHEDULE_FIELDS = ("startDate", "endDate", "startTime", "endTime", "weekdays")
TARGET_TYPES = ("device", "group")
AUTHORIZATION_TYPES = ("standard", "schedule")
PROTOCOLS = ("udp", "rtp", "srt")
COMMANDS = ("reboot", "resend_authorization", "firmware_upgrade")
MAX_COMMAND_DEVICES = 1000
_TIME = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$")
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def _merged(body: dict[str, Any], old: dict[str, Any] | None, fields: tuple[str, ...]) -> dict[str, Any]:
    """``body`` limited to ``fields`` (422 for any other), laid over ``old`` for a PATCH."""
    only_fields(body, fields)
    return {**old, **body} if old is not None else dict(body)


def build_group(body: dict[str, Any], item_id: str, old: dict[str, Any] | None = None) -> dict[str, Any]:
    """A group ``{"id", "name", "description", "allowScheduleAuthorization"}`` (``deviceCount`` is computed when shown).

    ``name`` is a required non-empty string; ``description`` defaults to ``""``, ``allowScheduleAuthorization`` to false.
    """
    merged = _merged(body, old, GROUP_FIELDS)
    return {"id": item_id, "name": string(merged, "name", required=True, non_empty=True), "description": string(merged, "description"),
            "allowScheduleAuthorization": boolean(merged, "allowScheduleAuthorization", False)}


def _date(schedule: dict[str, Any], name: str) -> date:
    """``schedule[name]`` as an ISO 8601 calendar date (``2026-12-01``)."""
    value = schedule.get(name)
    field = "schedule." + name
    if not isinstance(value, str) or not _DATE.match(value):
        raise invalid(field, f"{field} must be a date YYYY-MM-DD")
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise invalid(field, f"{field} is not a valid date") from exc


def build_schedule(value: Any) -> dict[str, Any]:
    """A schedule ``{"startDate", "endDate", "startTime", "endTime", "weekdays"}``: every field required, ``endDate``
    not before ``startDate``, times ``HH:MM`` (24 h; ``endTime`` before ``startTime`` runs past midnight), weekdays a
    non-empty list of ``MON``..``SUN`` without repeats, in that order."""
    if not isinstance(value, dict):
        raise invalid("schedule", "a schedule set needs a schedule object")
    extra = sorted(set(value) - set(SCHEDULE_FIELDS))
    if extra:
        raise invalid("schedule." + extra[0], f"schedule.{extra[0]} is not a schedule field")
    start, end = _date(value, "startDate"), _date(value, "endDate")
    if end < start:
        raise invalid("schedule.endDate", "schedule.endDate is before schedule.startDate")
    for name in ("startTime", "endTime"):
        if not isinstance(value.get(name), str) or not _TIME.match(value[name]):
            raise invalid("schedule." + name, f"schedule.{name} must be a time of day HH:MM (24 h)")
    weekdays = value.get("weekdays")
    if not isinstance(weekdays, list) or not weekdays or not all(isinstance(day, str) and day in WEEKDAYS for day in weekdays):
        raise invalid("schedule.weekdays", "schedule.weekdays must be a non-empty list of " + " ".join(WEEKDAYS))
    positions = [WEEKDAYS.index(day) for day in weekdays]
    if positions != sorted(set(positions)):
        raise invalid("schedule.weekdays", "schedule.weekdays must list each day once, in the order " + " ".join(WEEKDAYS))
    return {"startDate": value["startDate"], "endDate": value["endDate"], "startTime": value["startTime"], "endTime": value["endTime"],
            "weekdays": list(weekdays)}


def build_authorization(body: dict[str, Any], item_id: str, old: dict[str, Any] | None = None) -> dict[str, Any]:
    """An authorization set. ``name``, ``targetType`` and ``targetId`` are required; ``entitlements`` defaults to ``[]``,
    ``enabled`` to true, ``type`` to ``standard``. A ``standard`` set has ``schedule: null`` (a PATCH to ``standard``
    without ``schedule`` drops it); a ``schedule`` set needs a valid schedule. Whether the target exists is checked
    by the caller."""
    merged = _merged(body, old, AUTHORIZATION_FIELDS)
    if old is not None and body.get("type") == "standard" and "schedule" not in body:
        merged["schedule"] = None
    name = string(merged, "name", required=True, non_empty=True)
    target_type = string(merged, "targetType", required=True)
    if target_type not in TARGET_TYPES:
        raise invalid("targetType", "targetType must be device or group")
    target_id = string(merged, "targetId", required=True, non_empty=True)
    entitlements = string_list(merged, "entitlements")
    enabled = boolean(merged, "enabled", True)
    kind = string(merged, "type", default="standard")
    if kind not in AUTHORIZATION_TYPES:
        raise invalid("type", "type must be standard or schedule")
    schedule = merged.get("schedule")
    if kind == "standard":
        if schedule is not None:
            raise invalid("schedule", "a standard set has no schedule (schedule must be null)")
    else:
        schedule = build_schedule(schedule)
    return {"id": item_id, "name": name, "targetType": target_type, "targetId": target_id, "entitlements": entitlements, "enabled": enabled,
            "type": kind, "schedule": schedule}


def build_destination(body: dict[str, Any], item_id: str, old: dict[str, Any] | None = None) -> dict[str, Any]:
    """A destination. ``name``, ``address`` (IPv4 or IPv6) and ``port`` (1-65535) are required; ``protocol`` (udp, rtp,
    srt) defaults to ``udp``, ``description`` to ``""``, ``enabled`` to true."""
    merged = _merged(body, old, DESTINATION_FIELDS)
    name = string(merged, "name", required=True, non_empty=True)
    address = string(merged, "address", required=True, non_empty=True)
    try:
        ipaddress.ip_address(address)
    except ValueError as exc:
        raise invalid("address", "address must be an IPv4 or IPv6 address") from exc
    if "port" not in merged:
        raise invalid("port", "port is required")
    port = merged["port"]
    if not is_int(port) or not 1 <= port <= 65535:
        raise invalid("port", "port must be an integer between 1 and 65535")
    protocol = string(merged, "protocol", default="udp")
    if protocol not in PROTOCOLS:
        raise invalid("protocol", "protocol must be udp, rtp or srt")
    return {"id": item_id, "name": name, "description": string(merged, "description"), "address": address, "port": port,
            "protocol": protocol, "enabled": boolean(merged, "enabled", True)}


def device_changes(body: dict[str, Any]) -> dict[str, Any]:
    """The writable device fields of a ``PATCH`` body, type-checked (group ids are checked by the caller).

    ``groups`` loses repeated ids (first kept). Any other field, read-only or unknown, is 422.
    """
    only_fields(body, DEVICE_WRITABLE)
    changes: dict[str, Any] = {}
    for name in ("customDescription", "location"):
        if name in body:
            changes[name] = string(body, name)
    if "groups" in body:
        changes["groups"] = list(dict.fromkeys(string_list(body, "groups")))
    if "allowScheduleAuthorization" in body:
        changes["allowScheduleAuthorization"] = boolean(body, "allowScheduleAuthorization", False)
    return changes


def command_request(body: dict[str, Any], versions: dict[str, list[str]]) -> tuple[str, list[str], dict[str, Any]]:
    """``(command, device ids without repeats, parameters)`` of a ``POST /api/v1/devices/commands`` body.

    422 for an unknown command (``factory_reset`` is not offered), an empty or non-string ``deviceIds``, more than 1000
    of them, non-object ``parameters``, or a ``firmware_upgrade`` whose ``parameters.firmwareVersion`` is not in
    ``versions`` (the firmware list: version -> models).
    """
    only_fields(body, ("command", "deviceIds", "parameters"))
    command = body.get("command")
    if command not in COMMANDS:
        raise invalid("command", "command must be one of " + ", ".join(COMMANDS))
    device_ids = string_list(body, "deviceIds", required=True)
    if not device_ids:
        raise invalid("deviceIds", "deviceIds must name at least one device")
    if len(device_ids) > MAX_COMMAND_DEVICES:
        raise invalid("deviceIds", f"at most {MAX_COMMAND_DEVICES} devices per request ({len(device_ids)} given)")
    parameters = body.get("parameters")
    if parameters is None:
        parameters = {}
    if not isinstance(parameters, dict):
        raise invalid("parameters", "parameters must be an object")
    if command == "firmware_upgrade":
        version = parameters.get("firmwareVersion")
        if not isinstance(version, str) or version not in versions:
            raise invalid("parameters.firmwareVersion", "parameters.firmwareVersion must be a version of GET /api/v1/firmware")
    return str(command), list(dict.fromkeys(device_ids)), parameters
