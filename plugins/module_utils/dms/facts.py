# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""DMS facts: one method per ``gather_subset`` entry, each returning normalised snake_case data.

The subsets are the DataMiner DMS connector's pages (confirmed: devices, authorizations, destinations, alarms
with "Alarm Retrieval" all or active, the "API Endpoint Status" table); their fields follow the modeled API. Reads
are shared through :meth:`DmsClient.list_cached` (group names for devices and authorizations); subsets run
concurrently and each collection's pages 2..N are read concurrently too. ``endpoints`` is built last, from the
counters of every request of the run.
"""

from __future__ import annotations

from typing import Any, Dict, List, Mapping, Optional

from ..facts import FactsGatherer, optional, select_subsets
from ..fields import snake_keys
from .client import DEFAULT_PATHS, DmsClient

SUBSETS = ("system", "devices", "groups", "authorizations", "destinations", "alarms", "firmware", "endpoints")

#: Value of a subset whose endpoint the server does not have (or that is switched off).
EMPTY: Dict[str, Any] = {"system": {}, "endpoints": {}}

#: ``display_key`` choices -> device field (the connector's "Custom Description" display key; modeled fields).
DISPLAY_KEYS: Dict[str, str] = {"id": "id", "serial_number": "serialNumber", "unit_address": "unitAddress",
                                "custom_description": "customDescription"}


def display_name(device: Mapping[str, Any], display_key: str) -> str:
    """The name of ``device`` (as the API spells it) under ``display_key``; the id when that field is empty
    (the connector falls back the same way when no custom description is set)."""
    value = device.get(DISPLAY_KEYS.get(display_key, "id"))
    return str(value) if value not in (None, "") else str(device.get("id"))


class DmsFacts(FactsGatherer):
    """Builds the ``ansible_facts.dms`` dict.

    :param client: the server's client.
    :param display_key: which device field names a device in ``devices`` (``display_name``) and in
        ``authorizations`` (``target_name``): ``id``, ``serial_number``, ``unit_address`` or ``custom_description``.
    :param alarm_retrieval: ``active`` or ``all`` alarms.
    :param device_filters: server-side filters of the ``devices`` subset (``{region: north}``).
    """

    SUBSETS = SUBSETS
    EMPTY = EMPTY
    client: DmsClient

    def __init__(self, client: DmsClient, display_key: str = "id", alarm_retrieval: str = "all",
                 device_filters: Optional[Mapping[str, Any]] = None) -> None:
        super().__init__(client)
        self.display_key = display_key
        self.alarm_retrieval = alarm_retrieval
        self.device_filters = dict(device_filters or {})

    def gather(self, gather_subset: List[str]) -> Dict[str, Any]:
        """Every selected subset; ``endpoints`` after the others, so that it counts their requests."""
        wanted = list(gather_subset or ["all"])
        facts = super().gather(wanted + ["!endpoints"])
        if "endpoints" in select_subsets(wanted, SUBSETS):
            facts["endpoints"] = self.endpoints()
        return facts

    def _group_names(self) -> Dict[str, str]:
        """Group id -> name; empty when the groups endpoint is switched off or absent (names then show the ids:
        that endpoint only names things here, it must not empty the devices and authorizations subsets)."""
        return optional(lambda: {str(g.get("id")): str(g.get("name")) for g in self.client.list_cached("groups")}, {})

    def _devices_by_id(self, ids: List[str]) -> Dict[str, Dict[str, Any]]:
        """Device id -> device for ``ids``; empty when the devices endpoint is switched off or absent."""
        return optional(lambda: {str(d.get("id")): d for d in self.client.devices_by_id(ids)} if ids else {}, {})

    def _devices(self) -> List[Dict[str, Any]]:
        return self.client.devices(self.device_filters)

    # ------------------------------------------------------------------ subsets
    def system(self) -> Dict[str, Any]:
        """``{name, version, device_count, online_count, group_count, server_time}`` (epoch seconds)."""
        return snake_keys(self.client.system())  # type: ignore[no-any-return]

    def devices(self) -> List[Dict[str, Any]]:
        """Devices (all, or those of ``device_filters``), each with ``display_name`` and ``group_names``."""
        names = self._group_names()
        result = []
        for device in self._devices():
            item = snake_keys(device)
            item["display_name"] = display_name(device, self.display_key)
            item["group_names"] = sorted(names.get(str(g), str(g)) for g in device.get("groups") or [])
            result.append(item)
        return result

    def groups(self) -> List[Dict[str, Any]]:
        """Groups with their device counts."""
        return [snake_keys(g) for g in self.client.list_cached("groups")]

    def authorizations(self) -> List[Dict[str, Any]]:
        """Authorization sets, each with ``target_name`` (the group's name, or the device's display name) and
        ``schedule`` in snake_case for schedule-based sets."""
        sets = self.client.list_cached("authorizations")
        groups = self._group_names()
        device_ids = [str(a.get("targetId")) for a in sets if a.get("targetType") == "device"]
        devices = self._devices_by_id(device_ids)
        result = []
        for auth in sets:
            item = snake_keys(auth)
            target = str(auth.get("targetId"))
            if auth.get("targetType") == "device":
                device = devices.get(target)
                item["target_name"] = display_name(device, self.display_key) if device else target
            else:
                item["target_name"] = groups.get(target, target)
            result.append(item)
        return result

    def destinations(self) -> List[Dict[str, Any]]:
        """Destinations."""
        return [snake_keys(d) for d in self.client.list_cached("destinations")]

    def alarms(self) -> List[Dict[str, Any]]:
        """Alarms, active only or all (``alarm_retrieval``), newest first."""
        alarms = [snake_keys(a) for a in self.client.alarms(self.alarm_retrieval)]
        return sorted(alarms, key=lambda a: (-(a.get("raised_at") or 0), str(a.get("id"))))

    def firmware(self) -> List[Dict[str, Any]]:
        """Firmware versions the DMS can push, with the models each fits."""
        return [snake_keys(f) for f in self.client.list_cached("firmware")]

    def endpoints(self) -> Dict[str, Dict[str, Any]]:
        """The connector's "API Endpoint Status" table: per endpoint key ``{path, enabled, calls, errors}`` for
        this run (calls and errors count the client's requests; transport retries inside one request are not
        counted again)."""
        stats = self.client.online().stats.as_dict()
        return {key: {"path": self.client.paths[key], "enabled": key not in self.client.disabled,
                      "calls": stats.get(key, {}).get("calls", 0), "errors": stats.get(key, {}).get("errors", 0)}
                for key in DEFAULT_PATHS}
