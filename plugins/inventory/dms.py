# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Inventory of the edge devices a Harmonic DMS manages, built for populations of 100,000 devices."""

from __future__ import annotations

DOCUMENTATION = r"""
name: dms
short_description: Edge devices of a Harmonic DMS as inventory hosts
version_added: 0.1.0
description:
  - Reads the edge devices (receivers, XOS edge devices) a Harmonic DMS (Distribution Management System) manages and
    adds each as a host, named after the device field chosen with O(display_key) (the device id by default), with
    C(ansible_host) set to the device's management address when it has one.
  - A second device with the name of a device already added is skipped with a warning (custom descriptions need not
    be unique).
  - "Groups: C(dms_devices) (every device), C(dms_group_<name>) for each DMS group the device belongs to,
    C(dms_region_<region>), C(dms_model_<model>) (C(ProView 8130) gives C(dms_model_proview_8130)) and
    C(dms_status_<status>) (C(dms_status_online), C(dms_status_offline)). Group name suffixes are the DMS values in
    lower case, with every character other than letters, digits and C(_) replaced by C(_)."
  - "Host variables start with O(hostvars_prefix) (default C(dms_)): C(dms_id), C(dms_serial_number),
    C(dms_unit_address), C(dms_model), C(dms_firmware_version), C(dms_region), C(dms_status) (V(online) or
    V(offline)), C(dms_ip_address), C(dms_last_seen) (epoch seconds), C(dms_active_alarm_count),
    C(dms_custom_description), C(dms_location), C(dms_groups) (list of group names) and
    C(dms_allow_schedule_authorization)."
  - The devices are read in pages of O(page_size) (1000 by default); once the first page tells the page count, the
    other pages are read concurrently (at most O(max_workers) at once), and each page is reduced to the host
    variables as soon as it arrives. The group names come from one more request. One login per run, no logout.
  - O(filters) are applied by the DMS server, so an inventory of one region or one model never reads the others.
  - The DMS REST API is modeled (Harmonic publishes no paths or fields); correct the paths with O(endpoint_paths).
  - The configuration file name must end with C(dms.yml) or C(dms.yaml), for example C(edge.dms.yml).
  - With O(cache) enabled, the device data (not the hosts) is cached under a key derived from the configuration file
    path, with the filters it was read with, as compressed JSON text (Ansible copies cache entries once per run; a
    text copies for free); C(--flush-cache) reads the server again and replaces the entry.
author:
  - broadcast.video contributors (!UNKNOWN)
extends_documentation_fragment:
  - constructed
  - inventory_cache
  - broadcast.video.dms_inventory
options:
  plugin:
    description:
      - The name of this plugin; marks the file as a configuration of it.
    type: str
    required: true
    choices: [broadcast.video.dms]
  hostvars_prefix:
    description:
      - Prefix of every host variable this plugin sets (except C(ansible_host)).
      - Must start with a letter or C(_) and contain only letters, digits and C(_); it cannot be empty, so that no
        host variable is called C(id) or C(groups), reserved or confusing names.
    type: str
    default: dms_
  display_key:
    description:
      - Which device field names the host, as the monitoring connector's custom display key does.
      - V(custom_description) names a device after its custom description, and falls back to its id when it has
        none.
    type: str
    choices: [id, serial_number, unit_address, custom_description]
    default: id
  filters:
    description:
      - Server-side filters (DMS answers only the matching devices), combined with AND, each an exact value.
    type: dict
    default: {}
    suboptions:
      group:
        description: Only the devices of this DMS group (its name).
        type: str
      region:
        description: Only the devices of this region.
        type: str
      model:
        description: Only the devices of this model, for example V(ProView 8130).
        type: str
      status:
        description: Only online or only offline devices.
        type: str
        choices: [online, offline]
      firmware_version:
        description: Only the devices running this firmware version, for example V(11.4.0.0).
        type: str
notes:
  - Runs on the controller, which needs the Python library C(requests).
  - Errors (missing host or credentials, refused credentials, unreachable server) fail the inventory source with
    the client's message; secrets never appear in it. Set C(ANSIBLE_INVENTORY_UNPARSED_FAILED=true) to make
    C(ansible-inventory) and playbooks stop on such an error instead of warning.
  - The hosts are for inventory, grouping and modules that act through DMS (delegated to the controller, for
    example M(broadcast.video.dms_device_command)); edge receivers are not managed over SSH.
  - At 100,000 devices Ansible itself dominates the run (adding the hosts); see the collection's C(docs/dms.md)
    for measured times and memory.
"""

EXAMPLES = r"""
# edge.dms.yml: every device, named by id; the password from the environment (or a vault-encrypted string)
plugin: broadcast.video.dms
host: dms.example.com
username: dmsadmin
password: "{{ lookup('ansible.builtin.env', 'DMS_PASSWORD') }}"

---
# north.dms.yml: only the online devices of the north region (filtered by DMS), named by custom description,
# cached for an hour
plugin: broadcast.video.dms
host: dms.example.com
ca_path: /etc/pki/dms-ca.pem
username: dmsadmin
password: !vault |
  $ANSIBLE_VAULT;1.1;AES256
  ...
display_key: custom_description
filters:
  region: north
  status: online
cache: true
cache_plugin: ansible.builtin.jsonfile
cache_connection: ~/.cache/ansible/dms-inventory
cache_timeout: 3600

---
# lab.dms.yml: the simulator over plain HTTP; groups by firmware; devices with active alarms in one group
plugin: broadcast.video.dms
host: 127.0.0.1
port: 8445
use_ssl: false
username: dmsadmin
password: dms-password
keyed_groups:
  # firmware_11_4_0_0, firmware_11_2_1_0...
  - key: dms_firmware_version
    prefix: firmware
groups:
  dms_alarmed: dms_active_alarm_count > 0
"""

import base64
import gc
import json
import sys
import zlib
from typing import Any, Dict, List, Mapping, Sequence, Tuple

from ansible_collections.broadcast.video.plugins.module_utils.dms.client import (
    CONNECTION_SPEC, DEVICE_FILTERS, DEVICE_STATUSES, DmsClient)
from ansible_collections.broadcast.video.plugins.module_utils.dms.facts import DISPLAY_KEYS
from ansible_collections.broadcast.video.plugins.plugin_utils.inventory import DeviceInventory

#: One row per device: (host variable after the prefix, DMS field) in row order (modeled field names).
COLUMNS: Tuple[Tuple[str, str], ...] = (
    ("id", "id"), ("serial_number", "serialNumber"), ("unit_address", "unitAddress"), ("model", "model"),
    ("firmware_version", "firmwareVersion"), ("region", "region"), ("status", "status"), ("ip_address", "ipAddress"),
    ("last_seen", "lastSeen"), ("active_alarm_count", "activeAlarmCount"), ("custom_description", "customDescription"),
    ("location", "location"), ("groups", "groups"), ("allow_schedule_authorization", "allowScheduleAuthorization"),
)
FIELDS = tuple(field for _var, field in COLUMNS)
INDEX = {var: i for i, (var, _field) in enumerate(COLUMNS)}
GROUPS_AT = INDEX["groups"]
#: Columns with few distinct values: one shared string per value instead of one per device.
SHARED = tuple(INDEX[var] for var in ("model", "firmware_version", "region", "status"))
#: Host groups made from a column: (group prefix, column).
COLUMN_GROUPS = (("dms_region_", INDEX["region"]), ("dms_model_", INDEX["model"]), ("dms_status_", INDEX["status"]))


def device_rows(devices: Sequence[Mapping[str, Any]]) -> List[List[Any]]:
    """Devices as the API spells them -> rows of :data:`COLUMNS` (group ids kept; repeated strings shared).

    Runs on each page as it arrives, so the decoded JSON of a page is dropped at once."""
    rows = []
    for device in devices:
        if not isinstance(device, Mapping) or not device.get("id"):
            continue
        row = [device.get(field) for field in FIELDS]
        share(row)
        rows.append(row)
    return rows


def share(row: List[Any]) -> List[Any]:
    """Make the low-cardinality strings of ``row`` (and its group ids) shared objects (in place)."""
    for index in SHARED:
        if isinstance(row[index], str):
            row[index] = sys.intern(row[index])
    groups = row[GROUPS_AT]
    row[GROUPS_AT] = [sys.intern(g) for g in groups if isinstance(g, str)] if isinstance(groups, list) else []
    return row


def pack(rows: List[List[Any]]) -> str:
    """Rows -> compressed JSON text (zlib, base64): what the cache holds."""
    text = json.dumps(rows, separators=(",", ":"))
    return base64.b64encode(zlib.compress(text.encode("utf-8"), 1)).decode("ascii")


def unpack(text: str) -> List[List[Any]]:
    """:func:`pack` reversed, with the repeated strings shared again."""
    rows = json.loads(zlib.decompress(base64.b64decode(text)).decode("utf-8"))
    return [share(row) for row in rows]


class InventoryModule(DeviceInventory):
    """``broadcast.video.dms``: the devices of one DMS per configuration file."""

    NAME = "broadcast.video.dms"
    FILE_SUFFIX = "dms"
    CONNECTION_SPEC = CONNECTION_SPEC
    TEMPLATED_OPTIONS = ("host", "username", "password", "ca_path")
    CACHE_FORMAT = 1

    # ------------------------------------------------------------------ reading
    def _wanted(self) -> Dict[str, str]:
        """The server-side filters, ``{name: value}`` without empty ones."""
        filters = self.get_option("filters") or {}
        if not isinstance(filters, Mapping):
            raise self._error("filters: give a dictionary of %s" % ", ".join(DEVICE_FILTERS))
        wanted = {}
        for name, value in filters.items():
            if name not in DEVICE_FILTERS:
                raise self._error("filters: %r is not a device filter; allowed: %s" % (name, ", ".join(DEVICE_FILTERS)))
            if value in (None, ""):
                continue
            if not isinstance(value, str):
                raise self._error("filters.%s: %r is not a string" % (name, value))
            if name == "status" and value not in DEVICE_STATUSES:  # suboption choices are not checked by Ansible
                raise self._error("filters.status: %r is not allowed; choose %s" % (value, " or ".join(DEVICE_STATUSES)))
            wanted[name] = value
        return wanted

    def _cache_covers(self, data: Mapping[str, Any], wanted: Dict[str, str]) -> bool:
        """The entry was read with the same filters."""
        return data.get("filters") == wanted and isinstance(data.get("devices"), str)

    def _fetch(self, wanted: Dict[str, str]) -> Dict[str, Any]:
        """Read the groups and the devices (pages concurrently, each page reduced to rows on arrival)."""
        def read(client: DmsClient) -> Tuple[Any, Any]:
            groups, rows = client.run_concurrently([
                lambda: client.list_cached("groups"),
                lambda: client.devices(wanted, transform=device_rows),
            ])
            return groups, rows

        groups, rows = self._with_client(DmsClient, read)
        names = {str(g.get("id")): str(g.get("name")) for g in groups if isinstance(g, Mapping)}
        return {"filters": wanted, "groups": names, "rows": rows}

    def _cache_entry(self, data: Dict[str, Any]) -> Dict[str, Any]:
        """The rows as compressed JSON text (Ansible deep-copies cache entries: 100,000 rows would cost ~0.5 s and
        their memory twice; a string is shared)."""
        entry = {k: v for k, v in data.items() if k != "rows"}
        entry["devices"] = pack(data["rows"])
        return entry

    def _from_cache_entry(self, entry: Dict[str, Any]) -> Dict[str, Any]:
        data = {k: v for k, v in entry.items() if k != "devices"}
        data["rows"] = unpack(entry["devices"])
        return data

    # ------------------------------------------------------------------ hosts
    def _populate(self, data: Mapping[str, Any], wanted: Dict[str, str], prefix: str) -> None:
        # Adding 100,000 hosts allocates millions of objects and no reference cycle: Python's cyclic garbage
        # collector would spend ~30 % of the time scanning them (measured: cold 18.3 s -> 14.9 s). It is paused
        # for this loop only, and restored as it was.
        enabled = gc.isenabled()
        gc.disable()
        try:
            self._add_hosts(data, prefix)
        finally:
            if enabled:
                gc.enable()

    def _add_hosts(self, data: Mapping[str, Any], prefix: str) -> None:
        inventory = self.inventory
        add_host, add_child, set_variable = inventory.add_host, inventory.add_child, inventory.set_variable
        group_names: Dict[str, str] = data.get("groups") or {}
        display_key = self.get_option("display_key") or "id"
        name_at = INDEX.get(display_key, 0) if display_key in DISPLAY_KEYS else 0
        variables = [(i, prefix + var) for i, (var, _field) in enumerate(COLUMNS) if i != GROUPS_AT]
        groups_variable = prefix + "groups"
        ip_at = INDEX["ip_address"]
        host_groups: Dict[Tuple[str, Any], str] = {}  # (prefix, value) -> sanitised group name, made once

        def group(prefix_: str, value: Any) -> str:
            key = (prefix_, value)
            name = host_groups.get(key)
            if name is None:
                name = host_groups[key] = self._group(prefix_, value)
                inventory.add_group(name)
            return name

        inventory.add_group("dms_devices")
        seen = set()
        for row in data.get("rows") or []:
            host = row[name_at] or row[0]
            if host in seen:
                self.display.warning("%s: skipped device %s: a device named %r is already a host" % (self.NAME, row[0], host))
                continue
            seen.add(host)
            host = add_host(str(host), group="dms_devices")
            names = [group_names.get(g, g) for g in row[GROUPS_AT]]
            for index, variable in variables:
                set_variable(host, variable, row[index])
            set_variable(host, groups_variable, names)
            if row[ip_at]:
                set_variable(host, "ansible_host", row[ip_at])
            for name in names:
                add_child(group("dms_group_", name), host)
            for prefix_, index in COLUMN_GROUPS:
                if row[index]:
                    add_child(group(prefix_, row[index]), host)
            self._construct(host)
