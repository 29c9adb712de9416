# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Inventory of the Haivision Play set-top boxes a Haivision Media Platform (HMP) server manages."""

from __future__ import annotations

DOCUMENTATION = r"""
name: hmp
short_description: Haivision Play set-top boxes of an HMP server as inventory hosts
version_added: 0.1.0
description:
  - Reads the set-top boxes (Haivision Play STBs) of a Haivision Media Platform server and adds each as a host named
    after the box's name (its id when it has no name), with C(ansible_host) set to its IP address when it has one.
  - A second box with the name of a box already added is skipped with a warning.
  - "Groups: C(hmp_stbs) (every box), C(hmp_status_<status>) (C(hmp_status_online), C(hmp_status_standby),
    C(hmp_status_offline), C(hmp_status_warning), C(hmp_status_never)), C(hmp_type_<type>) (for example
    C(hmp_type_play_stb_4000)) and C(hmp_tag_<tag>) for each of the box's tags (C(floor-1) gives
    C(hmp_tag_floor_1))."
  - Group name suffixes are the HMP values in lower case, with every character other than letters, digits and C(_)
    replaced by C(_).
  - "Host variables start with O(hostvars_prefix) (default C(hmp_)): C(hmp_id) (the box's C(_id)), C(hmp_name),
    C(hmp_hostname), C(hmp_ip), C(hmp_mac), C(hmp_type), C(hmp_firmware), C(hmp_status) (V(Online), V(Standby),
    V(Offline), V(Warning) or V(Never)), C(hmp_tags) (list), C(hmp_channel) (what the box plays, a dict with C(id),
    C(name) and C(type) (V(source), V(session), V(asset)...), or null), C(hmp_standby), C(hmp_muted) (booleans),
    C(hmp_volume) (0.0 to 1.0) and C(hmp_last_connected_at) (epoch milliseconds, or null)."
  - The box's admin PIN and the other fields HMP returns are not exposed.
  - The boxes are read in one paged read (500 per page); once the first page tells the page count, the other pages
    are read concurrently (at most O(max_workers) at once). One login per run.
  - The configuration file name must end with C(hmp.yml) or C(hmp.yaml), for example C(campus.hmp.yml).
  - With O(cache) enabled, the normalised box data (not the hosts) is cached under a key derived from the
    configuration file path, with the filters it was read with; C(--flush-cache) reads the server again and replaces
    the entry.
author:
  - broadcast.video contributors (!UNKNOWN)
extends_documentation_fragment:
  - constructed
  - inventory_cache
  - broadcast.video.hmp_inventory
options:
  plugin:
    description:
      - The name of this plugin; marks the file as a configuration of it.
    type: str
    required: true
    choices: [broadcast.video.hmp]
  hostvars_prefix:
    description:
      - Prefix of every host variable this plugin sets (except C(ansible_host)).
      - Must start with a letter or C(_) and contain only letters, digits and C(_); it cannot be empty, so that no
        host variable is called C(name), a reserved name.
    type: str
    default: hmp_
  device_types:
    description:
      - Only the boxes of these types (HMP's C(deviceTypes) filter), for example V(play_stb_2000),
        V(play_stb_2000_B), V(play_stb_4000), V(calypso_stb). Empty or unset reads every box.
    type: list
    elements: str
    default: []
  tags:
    description:
      - Only the boxes that carry at least one of these tags (HMP's C(tags) filter). Empty or unset reads every box.
    type: list
    elements: str
    default: []
notes:
  - Runs on the controller, which needs the Python library C(requests).
  - Errors (missing host or credentials, refused credentials, unreachable server) fail the inventory source with
    the client's message; secrets never appear in it. Set C(ANSIBLE_INVENTORY_UNPARSED_FAILED=true) to make
    C(ansible-inventory) and playbooks stop on such an error instead of warning.
  - The hosts are for inventory and grouping (and for modules that drive the boxes through HMP, delegated to the
    controller); Haivision Play boxes are not managed over SSH.
"""

EXAMPLES = r"""
# campus.hmp.yml: every set-top box; the password from the environment (or a vault-encrypted string)
plugin: broadcast.video.hmp
host: hmp.example.com
username: haiadmin
password: "{{ lookup('ansible.builtin.env', 'HMP_PASSWORD') }}"

---
# lab.hmp.yml: a lab simulator over plain HTTP, only Play 2000 boxes of the lobby or the boardroom
plugin: broadcast.video.hmp
host: 127.0.0.1
port: 8444
use_ssl: false
username: haiadmin
password: hmp-password
device_types: [play_stb_2000, play_stb_2000_B]
tags: [lobby, boardroom]

---
# apikey.hmp.yml: HMP 4.1 API key from HMP_API_KEY and HMP_API_SECRET, groups by firmware, composed variables,
# and the box data cached for ten minutes in JSON files
plugin: broadcast.video.hmp
host: hmp.example.com
ca_path: /etc/pki/hmp-ca.pem
auth_method: api_key
keyed_groups:
  # firmware_8_3_46, firmware_9_1_12...
  - key: hmp_firmware
    prefix: firmware
  # channel_source, channel_session, channel_asset
  - key: hmp_channel.type | default('none', true)
    prefix: channel
groups:
  # boxes that are not playing or not reachable
  hmp_attention: hmp_status in ['Offline', 'Warning', 'Never'] or hmp_muted
compose:
  volume_percent: (100 * hmp_volume) | int
  now_playing: hmp_channel.name if hmp_channel else 'nothing'
cache: true
cache_plugin: ansible.builtin.jsonfile
cache_connection: ~/.cache/ansible/hmp-inventory
cache_timeout: 600
"""

from typing import Any, Dict, List, Mapping, Optional

from ansible_collections.broadcast.video.plugins.module_utils.hmp.client import CONNECTION_SPEC, HmpClient
from ansible_collections.broadcast.video.plugins.plugin_utils.inventory import DeviceInventory

#: Host variables of a set-top box (after the prefix).
STB_VARS = ("id", "name", "hostname", "ip", "mac", "type", "firmware", "status", "tags", "channel", "standby", "muted",
            "volume", "last_connected_at")
#: Host variable -> HMP field copied as is.
STB_FIELDS = {"name": "name", "hostname": "hostname", "ip": "ip", "mac": "mac", "type": "type", "firmware": "firmware",
              "status": "status", "standby": "standby", "muted": "muted", "volume": "volume",
              "last_connected_at": "lastConnectedAt"}


def stb_vars(box: Mapping[str, Any]) -> Dict[str, Any]:
    """The host variables of one box as HMP spells it (without the prefix); nothing else, the admin PIN least of
    all."""
    result: Dict[str, Any] = {"id": box.get("_id")}
    result.update((var, box.get(field)) for var, field in STB_FIELDS.items())
    tags = box.get("tags")
    result["tags"] = [str(tag) for tag in tags] if isinstance(tags, list) else []
    channel = {"id": box.get("channelId"), "name": box.get("channelName"), "type": box.get("channelType")}
    result["channel"] = channel if channel["id"] or channel["name"] else None
    return result


class InventoryModule(DeviceInventory):
    """``broadcast.video.hmp``: the set-top boxes of one HMP server per configuration file."""

    NAME = "broadcast.video.hmp"
    FILE_SUFFIX = "hmp"
    CONNECTION_SPEC = CONNECTION_SPEC
    TEMPLATED_OPTIONS = ("host", "username", "password", "api_key", "api_secret", "ca_path")
    CACHE_FORMAT = 2

    # ------------------------------------------------------------------ reading
    def _wanted(self) -> Dict[str, List[str]]:
        """The filters: ``{"device_types": [...], "tags": [...]}`` (the client turns them into HMP's query)."""
        return {"device_types": self._str_list("device_types"), "tags": self._str_list("tags")}

    def _str_list(self, option: str) -> List[str]:
        values = self.get_option(option) or []
        for value in values:
            if not isinstance(value, str) or not value or (option == "tags" and "," in value):
                raise self._error("%s: %r is not a valid %s" % (option, value, "tag (no commas)" if option == "tags" else "device type"))
        return [str(value) for value in values]

    def _cache_covers(self, data: Mapping[str, Any], wanted: Dict[str, List[str]]) -> bool:
        """The entry was read with the same filters."""
        return data.get("filters") == wanted and isinstance(data.get("stbs"), list)

    def _fetch(self, wanted: Dict[str, List[str]]) -> Dict[str, Any]:
        """Read the boxes once: ``{"filters": {...}, "stbs": [...]}`` (normalised, JSON-safe)."""
        boxes = self._with_client(HmpClient, lambda client: client.list_devices(wanted["device_types"], wanted["tags"]))
        return {"filters": wanted, "stbs": [stb_vars(box) for box in boxes if isinstance(box, Mapping)]}

    # ------------------------------------------------------------------ hosts
    def _populate(self, data: Mapping[str, Any], wanted: Dict[str, List[str]], prefix: str) -> None:
        seen: Dict[str, str] = {}
        self.inventory.add_group("hmp_stbs")
        for box in data.get("stbs") or []:
            host: Optional[str] = self._add_host(seen, "set-top box", box.get("name") or box.get("id"))
            if host is None:
                continue
            self.inventory.add_child("hmp_stbs", host)
            if box.get("status"):
                self._add_to_group(self._group("hmp_status_", box["status"]), host)
            if box.get("type"):
                self._add_to_group(self._group("hmp_type_", box["type"]), host)
            for tag in box.get("tags") or []:
                self._add_to_group(self._group("hmp_tag_", tag), host)
            if box.get("ip"):
                self.inventory.set_variable(host, "ansible_host", box["ip"])
            self._set_vars(host, prefix, box, STB_VARS)
