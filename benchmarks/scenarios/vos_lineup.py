# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""VOS line-up: N channels (N sources, N destinations, N services) against the VOS simulator with 20 ms latency.

Measured (each an entire ``ansible-playbook`` command, start-up included):

* converge: ``benchmarks/vos/lineup.yml`` on an empty cluster (vos_sources, vos_destinations, vos_services, one
  task each with the whole list);
* no-op: the same playbook again; must report changed=0 and, per task, exactly one list GET per kind the module
  reads, no write, and for authentication nothing (basic) or one token request (client_credentials variant);
* baseline: ``benchmarks/vos/uri_check.yml``, one ``ansible.builtin.uri`` GET ``?name=`` per item (3 N GETs, HTTP
  Basic), the no-op check without this collection. When the full loop would exceed the time budget it is measured on
  a sample and extrapolated linearly (printed as such).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from collections import Counter
from typing import Any

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import lib  # noqa: E402  pylint: disable=wrong-import-position

NAME = "vos_lineup"
DEFAULT_CHANNELS = 500
LATENCY_MS = 20
SPEEDUP_TARGET = 20.0
USERNAME, PASSWORD = "admin", "admin-password"
CLIENT_ID, CLIENT_SECRET = "vos-client", "vos-client-secret"

SLATE_IMAGE = "http://slates.example.com/vos/signal-loss.png"
PROFILE = "dfw.1080 2"
GROUPS = ("DFW-CL-GROUP-A", "DFW-CL-GROUP-B")

# The list endpoint of every kind a module reads, and what each task of lineup.yml must read (once each).
LIST_PATHS = {
    "/vos-api/configure/v1/services": "services",
    "/vos-api/configure/v1/sources": "sources",
    "/vos-api/configure/v1/destinations": "destinations",
    "/vos-api/configure/v1/images": "images",
    "/vos-api/labwizard/v1/profiles": "profiles",
    "/vos-api/uplink-hub/v1/uplinkGroups": "uplink_groups",
}
AUTH_PATHS = ("/oauth/",)
TASK_READS = {
    "Sources": ("sources", "uplink_groups", "images"),
    "Destinations": ("destinations", "profiles", "uplink_groups"),
    "Services": ("services", "sources", "destinations", "profiles", "images"),
}


def lineup(channels: int) -> dict[str, list[dict[str, Any]]]:
    """The N-channel line-up in the modules' config format: even channels publish to the origin, odd ones go ATS."""
    sources: list[dict[str, Any]] = []
    destinations: list[dict[str, Any]] = []
    services: list[dict[str, Any]] = []
    for index in range(1, channels + 1):
        channel = f"bench{index:04d}"
        high, low = divmod(index, 250)
        sources.append({
            "name": f"{channel}.src",
            "enable_monitoring": False,
            "inputs": [
                {"rank": 1, "type": "zixi", "cloud_link_group": GROUPS[index % 2], "program_number": 0,
                 "ip_address": f"232.20.{high}.{low + 1}", "ip_port": 5000, "ssm_ip_addresses": ["10.20.30.11"]},
                {"rank": 2, "type": "slate", "slate_type": "signal_loss", "slate_image": SLATE_IMAGE},
            ],
        })
        if index % 2 == 0:
            destination: dict[str, Any] = {
                "name": f"{channel}.dst", "type": "origin", "destination_profile": "Akamai",
                "outputs": [{"rank": 1, "type": "origin", "end_points": [
                    {"packaging": "dash", "path": "DASH", "profile_name": "dash.00", "hostname": "origin.example.com", "port": 80,
                     "username": "publisher", "password": "publish-secret"},
                    {"packaging": "hls", "path": "HLS", "profile_name": "hls.00", "hostname": "origin.example.com", "port": 80,
                     "username": "publisher", "password": "publish-secret"},
                ]}],
            }
        else:
            destination = {
                "name": f"{channel}.dst", "type": "ats", "destination_profile": "ATS",
                "outputs": [{"rank": 1, "type": "cloudlink", "ip_address": f"239.20.{high}.{low + 1}", "ip_port": 40000,
                             "cloud_link_group": GROUPS[(index + 1) % 2]}],
            }
        destinations.append(destination)
        services.append({
            "name": f"{channel}.svc",
            "profile": PROFILE,
            "control_state": "activated",
            "sources": [{"name": f"{channel}.src", "rank": 1}],
            "destinations": [f"{channel}.dst"],
            "slate_image": SLATE_IMAGE,
            "program_number": 1,
        })
    return {"vos_sources": sources, "vos_destinations": destinations, "vos_services": services}


def connection(sim: lib.Simulator, auth_method: str) -> dict[str, Any]:
    """``module_defaults`` of the vos action group for the simulator (plain HTTP)."""
    conn: dict[str, Any] = {"host": "127.0.0.1", "port": sim.port, "use_ssl": False, "validate_certs": False,
                            "auth_method": auth_method}
    if auth_method == "basic":
        conn.update(username=USERNAME, password=PASSWORD)
    else:
        conn.update(client_id=CLIENT_ID, client_secret=CLIENT_SECRET)
    return {"vos_connection": conn}


def classify(request: dict[str, Any]) -> str:
    """``GET <kind>`` for a list read, ``auth`` for the token endpoint, else ``METHOD path`` (writes, item reads)."""
    path = request["path"]
    if path.startswith(AUTH_PATHS):
        return "auth"
    if request["method"] == "GET" and path in LIST_PATHS:
        return f"GET {LIST_PATHS[path]}"
    return f"{request['method']} {path}"


def check_noop_tasks(per_task: list[tuple[str, list[dict[str, Any]]]], auth_requests: int) -> tuple[bool, list[str]]:
    """Every task: exactly one GET per kind it reads, ``auth_requests`` auth requests, nothing else."""
    ok = True
    lines = []
    for name, requests in per_task:
        counts = Counter(classify(request) for request in requests)
        expected = Counter({f"GET {kind}": 1 for kind in TASK_READS.get(name, ())})
        if auth_requests:
            expected["auth"] = auth_requests
        good = name in TASK_READS and counts == expected
        ok = ok and good
        shown = " ".join(f"{key.replace(' ', ':')}={value}" for key, value in sorted(counts.items()))
        writes = sum(value for key, value in counts.items() if key.split(" ")[0] in ("POST", "PUT", "DELETE", "PATCH") and key != "auth")
        lines.append(f"  {name:<13} requests={len(requests):<3} writes={writes} {shown}  {'OK' if good else 'UNEXPECTED'}")
    if [name for name, _count in per_task] != list(TASK_READS):
        ok = False
        lines.append(f"  tasks seen: {[name for name, _count in per_task]}, expected {list(TASK_READS)}")
    return ok, lines


def summarize_converge(per_task: list[tuple[str, list[dict[str, Any]]]]) -> list[str]:
    """Per task: total requests and requests per method/kind (item paths folded)."""
    lines = []
    for name, requests in per_task:
        counts: Counter[str] = Counter()
        for request in requests:
            label = classify(request)
            if label.startswith(("POST ", "PUT ", "DELETE ")):
                method, path = label.split(" ", 1)
                kind = next((k for p, k in LIST_PATHS.items() if path.startswith(p)), path)
                label = f"{method} {kind}"
            counts[label] += 1
        shown = " ".join(f"{key.replace(' ', ':')}={value}" for key, value in sorted(counts.items()))
        lines.append(f"  {name:<13} requests={len(requests):<5} {shown}")
    return lines


class Scenario:  # pylint: disable=too-many-instance-attributes
    """One run of the scenario: the simulator, the temp dir, the vars files and the results."""

    def __init__(self, options: argparse.Namespace, sim: lib.Simulator, workdir: str) -> None:
        self.options = options
        self.sim = sim
        self.workdir = workdir
        self.channels: int = options.channels or DEFAULT_CHANNELS
        self.data = lineup(self.channels)
        self.lineup_vars = lib.write_vars(workdir, "lineup.json", self.data)
        self.playbook = os.path.join(lib.BENCH_DIR, "vos", "lineup.yml")
        self.uri_playbook = os.path.join(lib.BENCH_DIR, "vos", "uri_check.yml")
        self.results: dict[str, Any] = {"channels": self.channels, "latency_ms": LATENCY_MS}

    def prepare(self) -> None:
        """The slate image (``--empty`` has none) and a check of the seeded references the line-up uses."""
        auth = (USERNAME, PASSWORD)
        lib.http_json("POST", self.sim.url + "/vos-api/configure/v1/images", {"url": SLATE_IMAGE}, auth=auth)
        profiles = {item["name"] for item in lib.http_json("GET", self.sim.url + "/vos-api/labwizard/v1/profiles", auth=auth)}
        groups = {item["name"] for item in lib.http_json("GET", self.sim.url + "/vos-api/uplink-hub/v1/uplinkGroups", auth=auth)}
        missing = ({PROFILE, "Akamai", "ATS"} - profiles) | (set(GROUPS) - groups)
        if missing:
            raise lib.BenchError(f"the simulator lacks the seeded references {sorted(missing)}")
        self.sim.clear_log()

    def playbook_run(self, label: str, auth_method: str) -> tuple[lib.PlaybookRun, list[tuple[str, list[dict[str, Any]]]], int]:
        """Run lineup.yml; return the run, the requests per task and the total device requests."""
        conn_vars = lib.write_vars(self.workdir, f"connection-{auth_method}.json", connection(self.sim, auth_method))
        marks = os.path.join(self.workdir, f"{label}.marks.json")
        env = lib.ansible_env(self.workdir, lib.marks_env(self.sim, marks))
        self.sim.clear_log()
        result = lib.run_playbook(self.playbook, self.workdir, env, [conn_vars, self.lineup_vars], label)
        requests = self.sim.request_log()
        if result.rc != 0:
            raise lib.BenchError(f"{label}: ansible-playbook failed (rc={result.rc}):\n{result.tail()}")
        return result, lib.split_by_task(requests, marks), len(requests)

    def cluster_counts(self) -> dict[str, int]:
        """How many sources, destinations and services the simulator holds (read after the log was taken)."""
        counts = {}
        for kind in ("sources", "destinations", "services"):
            items = lib.http_json("GET", f"{self.sim.url}/vos-api/configure/v1/{kind}", auth=(USERNAME, PASSWORD))
            counts[kind] = len(items)
        self.sim.clear_log()
        return counts

    def uri_run(self, label: str, per_type: int) -> tuple[float, int]:
        """Run the uri loop over the first ``per_type`` names of each type; return (wall_s, device requests)."""
        names: dict[str, Any] = {f"uri_{kind}": [item["name"] for item in self.data[f"vos_{kind}"][:per_type]]
                                 for kind in ("sources", "destinations", "services")}
        names.update(vos_url=self.sim.url, vos_username=USERNAME, vos_password=PASSWORD)
        path = lib.write_vars(self.workdir, f"{label}.json", names)
        env = lib.ansible_env(self.workdir)
        self.sim.clear_log()
        result = lib.run_playbook(self.uri_playbook, self.workdir, env, [path], label)
        requests = len(self.sim.request_log())
        if result.rc != 0:
            raise lib.BenchError(f"{label}: the uri baseline failed (rc={result.rc}):\n{result.tail()}")
        return result.wall_s, requests

    def baseline(self) -> tuple[float, int, str]:
        """The uri loop over all 3 N items, or a sample extrapolated when the full loop would exceed the budget."""
        total = self.channels
        sample = self.options.baseline_items // 3 if self.options.baseline_items else 0
        startup: float | None = None
        if not sample and 3 * total > 300:
            # Calibrate: start-up alone (empty loops) and 10 items per type, to predict the full loop.
            startup, _unused = self.uri_run("baseline-startup", 0)
            calib_wall, _unused = self.uri_run("baseline-calibration", 10)
            per_item = max(calib_wall - startup, 0.0) / 30
            predicted = startup + per_item * 3 * total
            lib.log(f"baseline: start-up {startup:.2f}s, {per_item * 1000:.0f} ms per item, full loop predicted {predicted:.0f}s "
                    f"(budget {self.options.baseline_budget:.0f}s)")
            if predicted > self.options.baseline_budget:
                sample = 100
        if not sample or sample >= total:
            wall, requests = self.uri_run("baseline", total)
            return wall, requests, f"measured over all {3 * total} items"
        if startup is None:
            startup, _unused = self.uri_run("baseline-startup", 0)
        wall, requests = self.uri_run("baseline-sample", sample)
        factor = total / sample
        extrapolated = startup + (wall - startup) * factor
        note = (f"EXTRAPOLATED linearly from a sample of {3 * sample} of {3 * total} items: sample {wall:.2f}s "
                f"({requests} requests), start-up {startup:.2f}s; wall = start-up + (sample - start-up) x {factor:g}")
        return extrapolated, round(requests * factor), note


def run(options: argparse.Namespace) -> list[lib.Target]:
    """Run the scenario; print its report and BENCH lines; return the targets."""
    channels = options.channels or DEFAULT_CHANNELS
    name = f"vos_lineup_{channels}"
    workdir = lib.make_workdir(NAME)
    try:
        with lib.simulator("vos", "--empty", "--latency-ms", str(LATENCY_MS), workdir=workdir) as sim:
            return _run(Scenario(options, sim, workdir), name)
    finally:
        if options.keep:
            lib.log(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


def _run(scn: Scenario, name: str) -> list[lib.Target]:  # pylint: disable=too-many-locals
    scn.prepare()
    n = scn.channels
    print(f"== {name}: {n} sources, {n} destinations, {n} services; VOS simulator with {LATENCY_MS} ms latency", flush=True)

    converge, converge_tasks, converge_requests = scn.playbook_run("converge", "basic")
    counts = scn.cluster_counts()
    print(f"converge (basic): wall {converge.wall_s:.2f}s, {converge_requests} requests, changed={converge.count('changed')}, "
          f"cluster now {counts}")
    for line in summarize_converge(converge_tasks):
        print(line)

    noop, noop_tasks, noop_requests = scn.playbook_run("noop", "basic")
    noop_ok, noop_lines = check_noop_tasks(noop_tasks, 0)
    print(f"no-op re-run (basic): wall {noop.wall_s:.2f}s, {noop_requests} requests, changed={noop.count('changed')}")
    for line in noop_lines:
        print(line)

    oauth, oauth_tasks, oauth_requests = scn.playbook_run("noop-oauth", "client_credentials")
    oauth_ok, oauth_lines = check_noop_tasks(oauth_tasks, 1)
    print(f"no-op re-run (client_credentials): wall {oauth.wall_s:.2f}s, {oauth_requests} requests "
          f"(one token request per task), changed={oauth.count('changed')}")
    for line in oauth_lines:
        print(line)

    base_wall, base_requests, base_note = scn.baseline()
    print(f"baseline (ansible.builtin.uri GET ?name= per item, basic): wall {base_wall:.2f}s, {base_requests} requests; {base_note}")

    converge_ok = converge.count("changed") == 3 and counts == {"sources": n, "destinations": n, "services": n}
    speedup = base_wall / noop.wall_s
    targets = [
        lib.Target("converge creates the whole line-up (changed=3, all items on the cluster)", converge_ok,
                   f"changed={converge.count('changed')} cluster={counts}"),
        lib.Target("no-op re-run reports changed=0", noop.count("changed") == 0 and oauth.count("changed") == 0,
                   f"basic changed={noop.count('changed')}, client_credentials changed={oauth.count('changed')}"),
        lib.Target("no-op requests <= 1 per type + auth", noop_ok and oauth_ok, "see the per-task lines above"),
        # The 20x target is set for the 500 channels; smaller quick runs only report it.
        lib.Target(f"speedup >= {SPEEDUP_TARGET:g}", speedup >= SPEEDUP_TARGET, f"speedup {speedup:.1f}", enforced=n >= DEFAULT_CHANNELS),
    ]
    scn.results.update({
        "converge": {"wall_s": converge.wall_s, "requests": converge_requests, "changed": converge.count("changed")},
        "noop": {"wall_s": noop.wall_s, "requests": noop_requests, "changed": noop.count("changed")},
        "noop_client_credentials": {"wall_s": oauth.wall_s, "requests": oauth_requests, "changed": oauth.count("changed")},
        "baseline": {"wall_s": base_wall, "requests": base_requests, "note": base_note},
        "targets": {target.text: {"met": target.met, "enforced": target.enforced} for target in targets},
    })
    lib.save_result(name, scn.results)
    for target in targets:
        print(target.line())
    print(lib.bench_line(f"{name}_converge", converge_requests, converge.wall_s, base_requests, base_wall))
    print(lib.bench_line(name, noop_requests, noop.wall_s, base_requests, base_wall), flush=True)
    return targets
