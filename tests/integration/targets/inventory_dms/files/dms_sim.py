# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The DMS simulator's control API (``/__sim__/``, no authentication), for runme.sh.

    dms_sim.py URL clear-requests       empty the request log
    dms_sim.py URL requests             print the logged requests ("METHOD PATH QUERY-JSON"), one per line
    dms_sim.py URL set-device JSON      insert or update a device (POST /__sim__/items/devices: an existing id is
                                        updated with the fields given)
    dms_sim.py URL check ACTUAL [--display-key KEY] [--prefix PREFIX] [--filter NAME=VALUE]...
                                        an independent oracle: derive the inventory from the simulator's state
                                        (GET /__sim__/state) as docs of the plugin describe it, and compare it with
                                        ``ansible-inventory --list`` output ACTUAL (host names, every host variable,
                                        ansible_host, and the members of every dms_* group); exit 1 on a difference
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, Dict, List, Optional

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "setup_simulator" / "files"))
from compare_inventory_json import call, group_name, unwrap  # noqa: E402  pylint: disable=wrong-import-position

#: Host variable (after the prefix) -> device field (docs/dms-api.md).
VARIABLES = {
    "id": "id", "serial_number": "serialNumber", "unit_address": "unitAddress", "model": "model",
    "firmware_version": "firmwareVersion", "region": "region", "status": "status", "ip_address": "ipAddress",
    "last_seen": "lastSeen", "active_alarm_count": "activeAlarmCount", "custom_description": "customDescription",
    "location": "location", "allow_schedule_authorization": "allowScheduleAuthorization",
}
DISPLAY_FIELDS = {"id": "id", "serial_number": "serialNumber", "unit_address": "unitAddress",
                  "custom_description": "customDescription"}
FILTER_FIELDS = {"region": "region", "model": "model", "status": "status", "firmware_version": "firmwareVersion"}


def expected(state: Dict[str, Any], display_key: str, prefix: str, filters: Dict[str, str]) -> Dict[str, Any]:
    """``{"hostvars": {host: vars}, "groups": {group: sorted hosts}}`` as the plugin's documentation promises."""
    names = {g["id"]: g["name"] for g in state["groups"]}
    hostvars: Dict[str, Dict[str, Any]] = {}
    groups: Dict[str, List[str]] = {"dms_devices": []}
    for device in state["devices"]:  # device order = id order, as the API answers
        device_groups = [names.get(g, g) for g in device.get("groups") or []]
        if "group" in filters and filters["group"] not in device_groups:
            continue
        if any(device.get(FILTER_FIELDS[k]) != v for k, v in filters.items() if k != "group"):
            continue
        host = device.get(DISPLAY_FIELDS[display_key]) or device["id"]
        if host in hostvars:
            continue  # skipped with a warning
        variables = {prefix + var: device.get(field) for var, field in VARIABLES.items()}
        variables[prefix + "groups"] = device_groups
        if device.get("ipAddress"):
            variables["ansible_host"] = device["ipAddress"]
        hostvars[host] = variables
        members = ["dms_devices"] + [group_name("dms_group_", n) for n in device_groups]
        columns = (("dms_region_", "region"), ("dms_model_", "model"), ("dms_status_", "status"))
        members += [group_name(p, device[f]) for p, f in columns if device.get(f)]
        for group in members:
            groups.setdefault(group, []).append(host)
    return {"hostvars": hostvars, "groups": {k: sorted(v) for k, v in groups.items()}}


def check(url: str, argv: List[str]) -> int:
    parser = argparse.ArgumentParser(prog="dms_sim.py URL check")
    parser.add_argument("actual")
    parser.add_argument("--display-key", default="id", choices=sorted(DISPLAY_FIELDS))
    parser.add_argument("--prefix", default="dms_")
    parser.add_argument("--filter", action="append", default=[], metavar="NAME=VALUE")
    args = parser.parse_args(argv)
    filters = dict(item.split("=", 1) for item in args.filter)
    want = expected(call(url, "GET", "/__sim__/state"), args.display_key, args.prefix, filters)
    with open(args.actual, encoding="utf-8") as handle:
        data = unwrap(json.load(handle))
    got_groups = {name: sorted(group.get("hosts") or []) for name, group in data.items()
                  if name.startswith("dms_") and isinstance(group, dict)}
    got = {"hostvars": (data.get("_meta") or {}).get("hostvars") or {}, "groups": got_groups}
    problems = []
    for kind in ("hostvars", "groups"):
        for name in sorted(set(want[kind]) | set(got[kind])):
            expect, actual = want[kind].get(name), got[kind].get(name)
            if expect != actual:
                problems.append("%s %s: expected %s, got %s" % (
                    kind, name, json.dumps(expect, sort_keys=True), json.dumps(actual, sort_keys=True)))
    for problem in problems:
        print(problem)
    if problems:
        print("MISMATCH: %s differs from the simulator's state (%d differences)" % (args.actual, len(problems)))
        return 1
    print("OK: %s matches the simulator's state (%d hosts, %d dms_* groups)" % (
        args.actual, len(want["hostvars"]), len(want["groups"])))
    return 0


def main(argv: List[str]) -> Optional[int]:
    url, command, args = argv[0], argv[1], argv[2:]
    if command == "clear-requests":
        call(url, "DELETE", "/__sim__/requests")
    elif command == "requests":
        for entry in call(url, "GET", "/__sim__/requests") or []:
            print("%s %s %s" % (entry["method"], entry["path"], json.dumps(entry.get("query") or {}, sort_keys=True)))
    elif command == "set-device":
        call(url, "POST", "/__sim__/items/devices", json.loads(args[0]))
    elif command == "check":
        return check(url, args)
    else:
        print("unknown command %r" % command, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
