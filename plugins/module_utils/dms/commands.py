# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Over-the-air commands to DMS devices (confirmed: DMS offers over-the-air control of XOS edge devices; the
commands and their wire format are modeled, ``docs/dms-api.md``).

:func:`run_command` selects the devices (by id, or server side by group and filters), checks everything before the
first request (unknown ids, unknown group or firmware version, the ``max_devices`` guard), leaves out devices that
need nothing (a firmware upgrade to the version a device already runs, or that does not fit its model), sends the
rest in requests of 1000 and reports per device. In check mode nothing is sent.
"""

from __future__ import annotations

from typing import Any, Dict, List, Mapping, Optional, Sequence

from ..errors import ValidationError
from .client import COMMANDS, DmsClient
from .facts import display_name

#: Per-device statuses of the report.
STATUSES = ("accepted", "rejected", "skipped", "planned")


def _select(client: DmsClient, devices: Sequence[str], group: Optional[str],
            filters: Optional[Mapping[str, Any]]) -> List[Dict[str, Any]]:
    query = {k: v for k, v in (filters or {}).items() if v not in (None, "")}
    if devices and (group or query):
        raise ValidationError("devices: give either devices (ids) or group/filters, not both")
    if not devices and not group and not query:
        raise ValidationError("select the devices: give devices (a list of device ids), group (a DMS group name) "
                              "or filters (region, model, status, firmware_version, group)")
    if devices:
        wanted = [str(d) for d in devices]
        found = client.devices_by_id(wanted)
        known = {str(d.get("id")) for d in found}
        unknown = [d for d in wanted if d not in known]
        if unknown:
            raise ValidationError("devices: %d unknown device id%s: %s%s (nothing was sent)" % (
                len(unknown), "" if len(unknown) == 1 else "s", ", ".join(unknown[:5]), "..." if len(unknown) > 5 else ""))
        order = {d: i for i, d in enumerate(wanted)}
        return sorted(found, key=lambda d: order[str(d.get("id"))])
    if group:
        names = sorted(str(g.get("name")) for g in client.list_cached("groups"))
        if group not in names:
            raise ValidationError("group: %r is not a DMS group; groups: %s" % (group, ", ".join(names) or "none"))
        if query.get("group") not in (None, group):
            raise ValidationError("group: %r and filters.group %r differ; give one" % (group, query["group"]))
        query["group"] = group
    return client.devices(query)


def run_command(client: DmsClient, command: str, devices: Sequence[str] = (), group: Optional[str] = None,
                filters: Optional[Mapping[str, Any]] = None, firmware_version: Optional[str] = None,
                max_devices: int = 1000, display_key: str = "id", check_mode: bool = False) -> Dict[str, Any]:
    """Send ``command`` to the selected devices and report per device.

    :param command: ``reboot``, ``resend_authorization`` or ``firmware_upgrade``.
    :param devices: device ids (exclusive with ``group``/``filters``).
    :param group: a DMS group name (server-side filter).
    :param filters: server-side filters ``{region, model, status, firmware_version, group}``.
    :param firmware_version: the version of a ``firmware_upgrade`` (one of the DMS's firmware list).
    :param max_devices: refuse (before sending) a selection larger than this; 0 means no limit.
    :param display_key: which device field names a device in the report (see ``dms_facts``).
    :param check_mode: select and check, send nothing (``planned`` instead of ``accepted``/``rejected``).
    :returns: ``{changed, command, selected, sent, accepted, rejected, skipped, results}``; ``results`` is a list of
        ``{id, name, status, message}`` in selection order.
    :raises ValidationError: bad options, unknown ids, group or firmware version, too many devices (nothing sent).
    """
    if command not in COMMANDS:
        raise ValidationError("command: %r is not allowed; choose %s" % (command, ", ".join(COMMANDS)))
    if (command == "firmware_upgrade") != bool(firmware_version):
        raise ValidationError("firmware_version: %s" % ("required with command=firmware_upgrade" if not firmware_version
                                                        else "only used with command=firmware_upgrade"))
    if not isinstance(max_devices, int) or max_devices < 0:
        raise ValidationError("max_devices: %r is not allowed; give 0 (no limit) or more" % (max_devices,))
    fits: Optional[List[str]] = None
    if command == "firmware_upgrade":
        images = {str(f.get("version")): f for f in client.list_cached("firmware")}
        if firmware_version not in images:
            raise ValidationError("firmware_version: %r is not on the DMS; available: %s" % (
                firmware_version, ", ".join(sorted(images)) or "none"))
        models = images[str(firmware_version)].get("models")
        fits = [str(m) for m in models] if isinstance(models, list) else None
    selected = _select(client, devices, group, filters)
    if max_devices and len(selected) > max_devices:
        raise ValidationError("the selection holds %d devices, more than max_devices (%d): narrow it, or raise "
                              "max_devices (0 means no limit); nothing was sent" % (len(selected), max_devices))
    report: Dict[str, Dict[str, Any]] = {}
    to_send: List[str] = []
    for device in selected:
        ident = str(device.get("id"))
        entry: Dict[str, Any] = {"id": ident, "name": display_name(device, display_key), "status": "planned", "message": ""}
        if command == "firmware_upgrade":
            if device.get("firmwareVersion") == firmware_version:
                entry.update(status="skipped", message="already on %s" % firmware_version)
            elif fits is not None and device.get("model") not in fits:
                entry.update(status="skipped", message="firmware %s does not fit model %s" % (firmware_version, device.get("model")))
        report[ident] = entry
        if entry["status"] == "planned":
            to_send.append(ident)
    if to_send and not check_mode:
        parameters = {"firmwareVersion": firmware_version} if firmware_version else {}
        for answer in client.send_command(command, to_send, parameters):
            answered = report.get(str(answer.get("deviceId")))
            if answered is not None:
                status = str(answer.get("status"))
                answered.update(status=status if status in STATUSES else "rejected", message=str(answer.get("message") or ""))
        for ident in to_send:
            if report[ident]["status"] == "planned":
                report[ident].update(status="rejected", message="DMS did not report on this device")
    results = [report[str(d.get("id"))] for d in selected]
    counts = {status: sum(1 for r in results if r["status"] == status) for status in STATUSES}
    return {"changed": bool(to_send) and (check_mode or counts["accepted"] > 0), "command": command,
            "selected": len(results), "sent": 0 if check_mode else len(to_send), "accepted": counts["accepted"],
            "rejected": counts["rejected"], "skipped": counts["skipped"], "planned": counts["planned"],
            "results": results}
