# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""DMS resource specs: one declarative :class:`ResourceSpec` per resource module.

The resources (devices with a custom description, groups, authorization sets with schedule-based sets, destinations)
are the DataMiner DMS connector's tables (confirmed); their API fields are modeled (``docs/dms-api.md``). Natural
keys: devices by ``id`` (DMS's device id; devices register themselves and cannot be created or deleted), the other
kinds by their unique ``name``.
"""

from __future__ import annotations

import datetime
import ipaddress
import re
from typing import Any, Dict, List, Mapping, Optional

from ..errors import ValidationError
from ..fields import Field, FieldMap, References
from ..resource import ResourceSpec

INT = {"type": "int"}
BOOL = {"type": "bool"}
STR_LIST = {"type": "list", "elements": "str"}

#: Weekdays of schedule authorization sets, in week order (modeled spelling).
WEEKDAYS = ("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN")
_FULL_DAYS = {day.upper(): day[:3].upper() for day in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
                                                       "Saturday", "Sunday")}
_TIME = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$")

# ---------------------------------------------------------------------------------------------- devices


def _sorted_names(kind: str) -> Any:
    def read(obj: Mapping[str, Any], refs: References) -> Optional[List[str]]:
        values = obj.get(kind)
        if not isinstance(values, list):
            return None
        return sorted(str(refs.name_of(kind, v)) for v in values)
    return read


def _normalize_device(item: Mapping[str, Any], where: str) -> Dict[str, Any]:
    result = dict(item)
    if result.get("groups") is not None:
        result["groups"] = sorted(set(str(g) for g in result["groups"]))
    return result


DEVICE_FIELDS = FieldMap([
    Field("id", "id"),
    Field("custom_description", "customDescription", default=""),
    Field("location", "location", default=""),
    Field("groups", "groups", ref="groups", many=True, default=[], read=_sorted_names("groups")),
    Field("allow_schedule_authorization", "allowScheduleAuthorization", spec=BOOL, default=False),
])

DEVICES = ResourceSpec("devices", "device", DEVICE_FIELDS, key="id", normalize=_normalize_device,
                       create_error="DMS devices register themselves with DMS and cannot be created through its API; "
                                    "check the device id (broadcast.video.dms_facts lists the devices)")

# ---------------------------------------------------------------------------------------------- groups

GROUP_FIELDS = FieldMap([
    Field("name", "name"),
    Field("description", "description", default=""),
    Field("allow_schedule_authorization", "allowScheduleAuthorization", spec=BOOL, default=False),
])

GROUPS = ResourceSpec("groups", "group", GROUP_FIELDS)

# ---------------------------------------------------------------------------------------------- authorizations

SCHEDULE_OPTIONS: Dict[str, Dict[str, Any]] = {
    "start_date": {"type": "str", "required": True},
    "end_date": {"type": "str", "required": True},
    "start_time": {"type": "str", "default": "00:00"},
    "end_time": {"type": "str", "default": "23:59"},
    "weekdays": {"type": "list", "elements": "str"},
}

#: Option name -> API field of a schedule (modeled).
SCHEDULE_API = {"start_date": "startDate", "end_date": "endDate", "start_time": "startTime", "end_time": "endTime",
                "weekdays": "weekdays"}


def weekday(value: Any, where: str) -> str:
    """``MON``...``SUN`` from a 3-letter code or a full English day name, in any case.

    :raises ValidationError: anything else (the message names ``where`` and the allowed values).
    """
    text = str(value).strip().upper()
    text = _FULL_DAYS.get(text, text)
    if text not in WEEKDAYS:
        raise ValidationError("%s: %r is not a weekday; use %s (or full day names)" % (where, value, ", ".join(WEEKDAYS)))
    return text


def normalize_schedule(schedule: Mapping[str, Any], where: str) -> Dict[str, Any]:
    """A schedule in canonical form: dates ``YYYY-MM-DD``, times ``HH:MM``, weekdays in week order (a list, or
    a ``"MON;WED"``/``"MON,WED"`` string; every day when left out).

    :raises ValidationError: a bad date, time or weekday, or an end before the start.
    """
    result: Dict[str, Any] = {}
    dates = {}
    for name in ("start_date", "end_date"):
        value = schedule.get(name)
        if value in (None, ""):
            raise ValidationError("%s.%s is required in a schedule (YYYY-MM-DD)" % (where, name))
        try:
            dates[name] = datetime.date.fromisoformat(str(value)[:10] if len(str(value)) > 10 and str(value)[10] in "T " else str(value))
        except ValueError:
            raise ValidationError("%s.%s: %r is not a date; give YYYY-MM-DD" % (where, name, value)) from None
        result[name] = dates[name].isoformat()
    if dates["end_date"] < dates["start_date"]:
        raise ValidationError("%s: end_date %s is before start_date %s" % (where, result["end_date"], result["start_date"]))
    for name, default in (("start_time", "00:00"), ("end_time", "23:59")):
        value = schedule.get(name)
        value = default if value in (None, "") else str(value).strip()
        if len(value) == 8 and value.endswith(":00"):
            value = value[:5]  # HH:MM:00
        if len(value) == 4 and value[1] == ":":
            value = "0" + value  # 8:00
        if not _TIME.match(value):
            raise ValidationError("%s.%s: %r is not a time of day; give HH:MM (24 h)" % (where, name, schedule.get(name)))
        result[name] = value
    days = schedule.get("weekdays")
    if days not in (None, "", []):
        # "MON;FRI" also arrives as ["MON;FRI"]: Ansible's list type splits a string on commas only
        days = [d for part in ([days] if isinstance(days, str) else days) for d in re.split(r"[;,\s]+", str(part)) if d]
    if not days:
        # left out: every day ("" also arrives as [""], which DMS would refuse as an empty list halfway)
        days = list(WEEKDAYS)
    codes = {weekday(day, "%s.weekdays[%d]" % (where, i)) for i, day in enumerate(days)}
    result["weekdays"] = [day for day in WEEKDAYS if day in codes]
    return result


def _read_schedule(obj: Mapping[str, Any], refs: References) -> Optional[Dict[str, Any]]:
    schedule = obj.get("schedule")
    if obj.get("type") != "schedule" or not isinstance(schedule, dict):
        return None
    result = {option: schedule.get(api) for option, api in SCHEDULE_API.items()}
    if isinstance(result["weekdays"], list):
        result["weekdays"] = [day for day in WEEKDAYS if day in result["weekdays"]]
    return result


def _write_schedule(obj: Dict[str, Any], value: Any, refs: References, where: str) -> None:
    if value:
        obj["type"] = "schedule"
        obj["schedule"] = {api: value.get(option) for option, api in SCHEDULE_API.items()}
    else:
        _clear_schedule(obj)


def _clear_schedule(obj: Dict[str, Any]) -> None:
    obj["type"] = "standard"
    obj["schedule"] = None


def _read_target(obj: Mapping[str, Any], refs: References) -> Any:
    if obj.get("targetType") == "group":
        return refs.name_of("groups", obj.get("targetId"))
    return obj.get("targetId")


def _write_target(obj: Dict[str, Any], value: Any, refs: References, where: str) -> None:
    if obj.get("targetType") == "group":
        obj["targetId"] = refs.id_of("groups", value, "%s.target" % where)
    else:
        obj["targetId"] = value


def _read_entitlements(obj: Mapping[str, Any], refs: References) -> Optional[List[str]]:
    values = obj.get("entitlements")
    return sorted(str(v) for v in values) if isinstance(values, list) else None


def _normalize_authorization(item: Mapping[str, Any], where: str) -> Dict[str, Any]:
    result = dict(item)
    if result.get("entitlements") is not None:
        result["entitlements"] = sorted(set(str(e) for e in result["entitlements"]))
    if result.get("schedule"):
        result["schedule"] = normalize_schedule(result["schedule"], "%s.schedule" % where)
    return result


AUTHORIZATION_FIELDS = FieldMap([
    Field("name", "name"),
    # target_type before target: writing target reads the type already written
    Field("target_type", "targetType", choices={"group": "group", "device": "device"}, default="group"),
    Field("target", "targetId", ref="groups", read=_read_target, write=_write_target),
    Field("entitlements", "entitlements", spec=STR_LIST, default=[], read=_read_entitlements),
    Field("enabled", "enabled", spec=BOOL, default=True),
    Field("schedule", "schedule", spec={"type": "dict", "options": SCHEDULE_OPTIONS}, read=_read_schedule,
          write=_write_schedule, clear=_clear_schedule),
], skeleton=lambda item: {"type": "standard", "schedule": None})

AUTHORIZATIONS = ResourceSpec("authorizations", "authorization set", AUTHORIZATION_FIELDS, required=("target",),
                              normalize=_normalize_authorization)

# ---------------------------------------------------------------------------------------------- destinations


def _validate_destination(item: Mapping[str, Any], where: str) -> None:
    address = item.get("address")
    if address is not None:
        try:
            ipaddress.ip_address(str(address))
        except ValueError:
            raise ValidationError("%s: address %r is not an IPv4 or IPv6 address" % (where, address)) from None
    port = item.get("port")
    if port is not None and not 1 <= int(port) <= 65535:
        raise ValidationError("%s: port %s is not allowed; give 1 to 65535" % (where, port))


DESTINATION_FIELDS = FieldMap([
    Field("name", "name"),
    Field("description", "description", default=""),
    Field("address", "address"),
    Field("port", "port", spec=INT),
    Field("protocol", "protocol", choices={"udp": "udp", "rtp": "rtp", "srt": "srt"}, default="udp"),
    Field("enabled", "enabled", spec=BOOL, default=True),
])

DESTINATIONS = ResourceSpec("destinations", "destination", DESTINATION_FIELDS, required=("address", "port"),
                            validate=_validate_destination)
