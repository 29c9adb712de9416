# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The Electra XT simulator's control API (``/__sim__/``, no authentication) and the inventory oracle, for runme.sh.

    electra_sim.py URL clear-requests        empty the request log
    electra_sim.py URL requests              print the logged requests ("METHOD PATH AUTH"), SNMP PDUs included
                                             (method SNMP-GET, SNMP-GETNEXT, SNMP-GETBULK; AUTH community or usm)
    electra_sim.py URL config JSON           POST /__sim__/config (for example {"node_down": 2})
    electra_sim.py URL clear-job-alarms NAME clear every active alarm of job NAME (DELETE /__sim__/items/alarms/N)
    electra_sim.py URL mask ACTUAL OUT       write ACTUAL (ansible-inventory --list output) to OUT with every
                                             running job's uptime (a clock value) replaced by "<masked>"; 0 (a job
                                             that does not run) stays 0
    electra_sim.py URL check ACTUAL [--display-key KEY] [--prefix PREFIX] [--parameters] [--system SYSTEM]
                                             an independent oracle: derive the inventory from the simulator's state
                                             (GET /__sim__/state) as the plugin's documentation describes it, and
                                             compare it with ACTUAL (host names, every host variable, the members of
                                             every electra* group); job uptimes within 30 s; exit 1 on a difference
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, Dict, List, Optional

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "setup_simulator" / "files"))
from compare_inventory_json import call, group_name, unwrap  # noqa: E402  pylint: disable=wrong-import-position

#: Job fields of the simulator's state (HTTP names) -> electra_jobs field.
JOB_FIELDS = ("index", "name", "display_name", "workflow", "status", "alarm_state", "service_name", "output_bitrate",
              "uptime", "custom_label")
NODE_FIELDS = ("index", "name", "address", "role", "status", "cpu_load", "capacity", "job_count")
UPTIME_TOLERANCE_S = 30


def job_view(job: Dict[str, Any], display_key: str, parameters: bool) -> Dict[str, Any]:
    """One job of the state as the plugin's electra_jobs shows it."""
    params = job["parameters"]
    row = {"index": job["id"], "name": job["name"], "workflow": job["workflow"], "status": job["status"],
           "alarm_state": job["alarmState"], "service_name": params["service_name"],
           "output_bitrate": params["output_bitrate"], "uptime": job["uptimeSeconds"],
           "custom_label": params["custom_label"]}
    value = row["index"] if display_key == "index" else row.get(display_key)
    row["display_name"] = str(value) if value not in (None, "") else job["name"]
    if parameters:
        row["parameters"] = {name: str(value) for name, value in params.items()}  # SNMP gives text
    return row


def expected(state: Dict[str, Any], display_key: str, prefix: str, parameters: bool, system: str) -> Dict[str, Any]:
    """``{"hostvars": {host: vars}, "groups": {group: sorted hosts}}`` as the plugin's documentation promises."""
    hostvars: Dict[str, Dict[str, Any]] = {}
    groups: Dict[str, List[str]] = {"electra": [], "electra_alarm": []}
    jobs = sorted(state["jobs"], key=lambda job: job["id"])
    for node in sorted(state["nodes"], key=lambda node: node["index"]):
        host = node["name"]
        node_jobs = [job_view(job, display_key, parameters) for job in jobs if job["node"] == node["index"]]
        in_alarm = [job["display_name"] for job in node_jobs if job["alarm_state"] != "normal"]
        hostvars[host] = {
            prefix + "node": {field: node[field] for field in NODE_FIELDS},
            prefix + "jobs": node_jobs,
            prefix + "jobs_in_alarm": in_alarm,
            prefix + "system": system,
        }
        members = ["electra", group_name("electra_role_", node["role"]), group_name("electra_status_", node["status"])]
        if in_alarm:
            members.append("electra_alarm")
        for group in members:
            groups.setdefault(group, []).append(host)
    return {"hostvars": hostvars, "groups": {k: sorted(v) for k, v in groups.items()}}


def same(expect: Any, actual: Any, path: str = "") -> List[str]:
    """Differences between ``expect`` and ``actual``; an ``uptime`` may differ by the tolerance (clock values)."""
    if isinstance(expect, dict) and isinstance(actual, dict):
        problems = []
        for key in sorted(set(expect) | set(actual)):
            if key not in actual or key not in expect:
                problems.append("%s.%s: expected %s, got %s" % (path, key, json.dumps(expect.get(key)), json.dumps(actual.get(key))))
            elif key == "uptime" and isinstance(expect[key], int) and isinstance(actual[key], int):
                if abs(expect[key] - actual[key]) > UPTIME_TOLERANCE_S or (expect[key] == 0) != (actual[key] == 0):
                    problems.append("%s.uptime: expected about %s, got %s" % (path, expect[key], actual[key]))
            else:
                problems.extend(same(expect[key], actual[key], "%s.%s" % (path, key)))
        return problems
    if isinstance(expect, list) and isinstance(actual, list) and len(expect) == len(actual):
        return [p for i, (e, a) in enumerate(zip(expect, actual)) for p in same(e, a, "%s[%d]" % (path, i))]
    if expect != actual or type(expect) is not type(actual):
        return ["%s: expected %s, got %s" % (path, json.dumps(expect, sort_keys=True), json.dumps(actual, sort_keys=True))]
    return []


def check(url: str, argv: List[str]) -> int:
    parser = argparse.ArgumentParser(prog="electra_sim.py URL check")
    parser.add_argument("actual")
    parser.add_argument("--display-key", default="name")
    parser.add_argument("--prefix", default="electra_")
    parser.add_argument("--parameters", action="store_true")
    parser.add_argument("--system", default="127.0.0.1")
    args = parser.parse_args(argv)
    want = expected(call(url, "GET", "/__sim__/state"), args.display_key, args.prefix, args.parameters, args.system)
    with open(args.actual, encoding="utf-8") as handle:
        data = unwrap(json.load(handle))
    got_groups = {name: sorted(group.get("hosts") or []) for name, group in data.items()
                  if name.startswith("electra") and isinstance(group, dict)}
    got_groups.setdefault("electra_alarm", [])  # ansible-inventory leaves out empty groups
    got = {"hostvars": (data.get("_meta") or {}).get("hostvars") or {}, "groups": got_groups}
    problems = []
    for kind in ("hostvars", "groups"):
        for name in sorted(set(want[kind]) | set(got[kind])):
            problems.extend(same(want[kind].get(name), got[kind].get(name), "%s %s" % (kind, name)))
    for problem in problems:
        print(problem)
    if problems:
        print("MISMATCH: %s differs from the simulator's state (%d differences)" % (args.actual, len(problems)))
        return 1
    print("OK: %s matches the simulator's state (%d hosts, %d electra* groups)" % (
        args.actual, len(want["hostvars"]), len(want["groups"])))
    return 0


def mask(actual: str, out: str) -> None:
    with open(actual, encoding="utf-8") as handle:
        data = json.load(handle)
    for hostvars in ((data.get("_meta") or {}).get("hostvars") or {}).values():
        for name, value in hostvars.items():
            if name.endswith("jobs") and isinstance(value, list):
                for job in value:
                    if isinstance(job, dict) and isinstance(job.get("uptime"), int) and job["uptime"] > 0:
                        job["uptime"] = "<masked>"
    with open(out, "w", encoding="utf-8") as handle:
        json.dump(data, handle, indent=2, sort_keys=True)


def main(argv: List[str]) -> Optional[int]:
    url, command, args = argv[0], argv[1], argv[2:]
    if command == "clear-requests":
        call(url, "DELETE", "/__sim__/requests")
    elif command == "requests":
        for entry in call(url, "GET", "/__sim__/requests") or []:
            print("%s %s %s" % (entry["method"], entry["path"], entry.get("auth") or "-"))
    elif command == "config":
        print(json.dumps(call(url, "POST", "/__sim__/config", json.loads(args[0])), sort_keys=True))
    elif command == "clear-job-alarms":
        state = call(url, "GET", "/__sim__/state")
        index = {job["name"]: job["id"] for job in state["jobs"]}[args[0]]
        for alarm in state["alarms"]:
            if alarm["job"] == index:
                call(url, "DELETE", "/__sim__/items/alarms/%d" % alarm["index"])
    elif command == "mask":
        mask(args[0], args[1])
    elif command == "check":
        return check(url, args)
    else:
        print("unknown command %r" % command, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
