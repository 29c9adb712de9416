# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""DMS inventory: `ansible -i <dms inventory> <group> --list-hosts` of 100,000 devices, cold/warm/sequential vs a floor.

The DMS simulator runs with ``--devices 100000 --latency-ms 20``; the ``broadcast.video.dms`` inventory plugin makes
every device a host (about 15 variables and 6 groups each). The measure is what a play pays for the inventory:
``ansible -i <file> dms_region_north --list-hosts`` (the whole command, start-up included; ``ansible-inventory
--list`` would spend most of its time serialising 100,000 hosts to JSON). Rounds of four commands, taken in turn so
that the load of a shared machine weighs on all alike (``--repeat``, default 3; medians reported):

* floor: ``benchmarks/dms/devices.floor.yml``, Ansible's own floor: ``benchmarks/dms/inventory_plugins/dms_floor.py``
  adds the same hosts, variables and groups from a pickle written beforehand (no network, no plugin logic);
* cold: ``benchmarks/dms/devices-cached.dms.yml`` (jsonfile cache) with a fresh, empty cache directory: 1 login +
  every page of 1000 devices once + 1 groups page (the group names), and the cache written;
* warm: the same file with the cache the cold run of the round filled: no device request;
* sequential: ``devices-workers1.dms.yml``, a cold run with the pages read one at a time (``max_workers: 1``).

Every command's wall time and peak memory (the maximum resident set size of that one child process, from
``os.wait4``) are taken; requests come from the simulator's request log, cleared before each command. Before
measuring, the floor and the plugin (cold, warm, sequential) list the same inventory (``ansible-inventory --list``:
hosts, host variables, group memberships) for a population of 2,000 devices.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import pickle
import shutil
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Callable

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import lib  # noqa: E402  pylint: disable=wrong-import-position
from scenarios import hmp_common  # noqa: E402  pylint: disable=wrong-import-position

NAME = "dms_inventory"
DEFAULT_DEVICES = 100000
#: Population of the equality check (``ansible-inventory --list`` of the floor and of the plugin compared).
CHECK_DEVICES = 2000
LATENCY_MS = 20
SEED = 1
PAGE_SIZE = 1000
DEFAULT_REPEAT = 3
#: The ``<one group>`` of ``ansible -i ... <group> --list-hosts``: region north, 15 % of the devices.
GROUP = "dms_region_north"
DMS_DIR = os.path.join(lib.BENCH_DIR, "dms")
FLOOR_PLUGINS = os.path.join(DMS_DIR, "inventory_plugins")
PEAK_RSS = os.path.join(DMS_DIR, "peak_rss.py")
SIMULATORS_DIR = os.path.join(lib.ROOT, "tests", "simulators")
LOGIN_PATH = "/api/v1/auth/login"
DEVICES_PATH = "/api/v1/devices"
GROUPS_PATH = "/api/v1/groups"
#: Variables Ansible adds per inventory source (they name the file, which differs between the floor and ours).
SOURCE_VARS = ("inventory_file", "inventory_dir")
#: Targets of the issue: speedup = floor wall / ours (at least), peak memory = ours / floor's (at most).
COLD_SPEEDUP, WARM_SPEEDUP, PEAK_RATIO = 0.67, 0.83, 1.2
KINDS = ("floor", "cold", "warm", "sequential")
DESCRIPTIONS = {
    "floor": "floor (dms_floor: the same hosts from a pickle, no network)",
    "cold": "cold (jsonfile cache, fresh cache dir: reads the server, fills the cache)",
    "warm": "warm (the cache the cold run filled)",
    "sequential": "sequential (max_workers 1, fresh cache dir: pages one at a time)",
}


# ---------------------------------------------------------------- the floor's hosts
def plugin_module(workdir: str) -> tuple[Any, Any]:
    """``plugins/inventory/dms.py`` (for ``COLUMNS`` and ``device_rows``) and ``plugins/plugin_utils/inventory.py``
    (group-name sanitising) imported in this process, from the collection path the ansible commands use."""
    base = lib.collections_path(workdir).split(os.pathsep)
    for entry in reversed(base):
        if entry and entry not in sys.path:
            sys.path.insert(0, entry)
    try:
        dms = importlib.import_module("ansible_collections.broadcast.video.plugins.inventory.dms")
        inventory = importlib.import_module("ansible_collections.broadcast.video.plugins.plugin_utils.inventory")
    except ImportError as exc:
        raise lib.BenchError(f"cannot import the dms inventory plugin (run with the venv's python): {exc}") from exc
    return dms, inventory


def floor_hosts(count: int, workdir: str) -> list[tuple[str, dict[str, Any], list[str]]]:
    """For every device of ``serve.py dms --devices COUNT --seed SEED``: (host, host variables, groups), exactly
    as ``broadcast.video.dms`` makes them with its default options (the plugin's own ``COLUMNS`` and
    ``device_rows``, the same group-name sanitising; checked by :func:`check_same_inventory`)."""
    if SIMULATORS_DIR not in sys.path:
        sys.path.append(SIMULATORS_DIR)
    # pylint: disable-next=import-outside-toplevel,import-error
    from dms.seed import generate_population  # type: ignore[import-not-found]

    dms, inventory = plugin_module(workdir)
    sanitize = inventory.DeviceInventory._sanitize_group_name  # pylint: disable=protected-access
    unsafe = inventory.UNSAFE_GROUP_CHARS

    def group(prefix: str, value: Any) -> str:
        return str(sanitize(prefix + unsafe.sub("_", str(value).lower())))

    population = generate_population(count, SEED)
    group_names = {str(g.get("id")): str(g.get("name")) for g in population.groups}
    index = dms.INDEX
    hosts = []
    for row in dms.device_rows(population.devices):
        names = [group_names.get(g, g) for g in row[dms.GROUPS_AT]]
        variables = {"dms_" + var: row[i] for i, (var, _field) in enumerate(dms.COLUMNS) if i != dms.GROUPS_AT}
        variables["dms_groups"] = names
        if row[index["ip_address"]]:
            variables["ansible_host"] = row[index["ip_address"]]
        groups = ["dms_devices"] + [group("dms_group_", name) for name in names]
        groups += [group(prefix, row[at]) for prefix, at in dms.COLUMN_GROUPS if row[at]]
        hosts.append((str(row[0]), variables, groups))
    return hosts


def write_floor(count: int, workdir: str, name: str) -> tuple[str, int, list[str]]:
    """Write the floor's pickle; returns its path, the host count and the hosts of :data:`GROUP`, in order."""
    started = time.perf_counter()
    hosts = floor_hosts(count, workdir)
    path = os.path.join(workdir, name)
    with open(path, "wb") as stream:
        pickle.dump(hosts, stream, protocol=pickle.HIGHEST_PROTOCOL)
    members = [host for host, _variables, groups in hosts if GROUP in groups]
    lib.log(f"floor pickle {name}: {len(hosts)} hosts, {len(members)} in {GROUP}, "
            f"{os.path.getsize(path) / 1e6:.1f} MB, {time.perf_counter() - started:.1f}s")
    return path, len(hosts), members


# ---------------------------------------------------------------- commands
@dataclass
class Run:
    """One timed command: exit status, wall time, peak resident memory (MB) and CPU time (user + system) of that
    process, its output."""

    label: str
    rc: int
    wall_s: float
    peak_mb: float
    cpu_s: float
    stdout: str
    stderr: str

    def tail(self, lines: int = 30) -> str:
        """The last lines of stderr, else of stdout."""
        text = self.stderr if self.stderr.strip() else self.stdout
        return "\n".join(text.splitlines()[-lines:])


def run_measured(command: list[str], workdir: str, env: dict[str, str], label: str) -> Run:
    """Run ``command`` through ``benchmarks/dms/peak_rss.py``: its wall time (start-up included, the wrapper's own
    excluded), CPU time and peak memory, that of the command's one process (see the wrapper for why a direct child
    would report the benchmark's own peak)."""
    shown = [os.path.relpath(part, lib.ROOT) if part.startswith(lib.ROOT) else part for part in command[1:]]
    log_name = " ".join([os.path.basename(command[0])] + shown)
    lib.log(f"{label}: {log_name}")
    out_path, err_path, usage_path = (os.path.join(workdir, f"{label}.{suffix}")
                                      for suffix in ("out", "err", "usage.json"))
    with open(out_path, "w", encoding="utf-8") as out, open(err_path, "w", encoding="utf-8") as err:
        result = subprocess.run([sys.executable, "-I", PEAK_RSS, usage_path, *command], env=env, cwd=workdir,
                                stdin=subprocess.DEVNULL, stdout=out, stderr=err, check=False)
    try:
        with open(usage_path, encoding="utf-8") as handle:
            usage = json.load(handle)
    except (OSError, ValueError) as exc:
        raise lib.BenchError(f"{label}: peak_rss.py wrote no result (rc={result.returncode}): {exc}") from exc
    with open(out_path, encoding="utf-8") as out, open(err_path, encoding="utf-8") as err:
        stdout, stderr = out.read(), err.read()
    run = Run(label=label, rc=int(usage["rc"]), wall_s=float(usage["wall_s"]), peak_mb=usage["peak_kb"] / 1024,
              cpu_s=float(usage["user_s"]) + float(usage["sys_s"]), stdout=stdout, stderr=stderr)
    lib.log(f"{label}: rc={run.rc} wall={run.wall_s:.2f}s cpu={run.cpu_s:.2f}s peak={run.peak_mb:.0f} MB")
    return run


def listed_hosts(run: Run) -> list[str]:
    """The hosts ``ansible ... --list-hosts`` printed (``  hosts (N):`` then one per line)."""
    lines = [line.strip() for line in run.stdout.splitlines() if line.strip()]
    if not lines or not lines[0].startswith("hosts ("):
        raise lib.BenchError(f"{run.label}: --list-hosts printed no host list:\n{run.stdout[:500]}{run.tail()}")
    hosts = lines[1:]
    announced = int(lines[0][len("hosts ("):].split(")", 1)[0])
    if announced != len(hosts):
        raise lib.BenchError(f"{run.label}: --list-hosts announced {announced} hosts and printed {len(hosts)}")
    return hosts


class Commands:
    """The four commands of a round, against one simulator (``sim`` None: the floor only)."""

    def __init__(self, workdir: str, sim: lib.Simulator | None, floor_pickle: str) -> None:
        self.workdir = workdir
        self.sim = sim
        self.floor_pickle = floor_pickle

    def env(self, kind: str, cache_dir: str = "") -> dict[str, str]:
        """The environment of a ``kind`` command (floor, cold, warm, sequential)."""
        if kind == "floor":
            return lib.ansible_env(self.workdir, {
                "ANSIBLE_INVENTORY_PLUGINS": FLOOR_PLUGINS,
                "ANSIBLE_INVENTORY_ENABLED": "dms_floor",
                "ANSIBLE_INVENTORY_UNPARSED_FAILED": "true",
                "DMS_FLOOR_HOSTS_FILE": self.floor_pickle,
            })
        assert self.sim is not None
        return lib.ansible_env(self.workdir, {
            "DMS_PORT": str(self.sim.port),
            "ANSIBLE_INVENTORY_CACHE_CONNECTION": cache_dir,
            "ANSIBLE_INVENTORY_UNPARSED_FAILED": "true",
        })

    @staticmethod
    def source(kind: str) -> str:
        """The inventory file of a ``kind`` command."""
        names = {"floor": "devices.floor.yml", "sequential": "devices-workers1.dms.yml"}
        return os.path.join(DMS_DIR, names.get(kind, "devices-cached.dms.yml"))

    def cache_dir(self, kind: str, round_: int) -> str:
        """The cache directory of a run: cold and warm of a round share one (cold starts it empty)."""
        return os.path.join(self.workdir, f"cache-{'sequential' if kind == 'sequential' else 'cold'}-{round_}")

    def prepare(self, kind: str, round_: int) -> str:
        """Empty the cache directory of a cold or sequential run; check that a warm run's one is filled."""
        cache_dir = self.cache_dir(kind, round_)
        if kind in ("cold", "sequential"):
            shutil.rmtree(cache_dir, ignore_errors=True)
        elif kind == "warm" and not (os.path.isdir(cache_dir) and os.listdir(cache_dir)):
            raise lib.BenchError(f"warm run {round_}: the cold run left no cache in {cache_dir}")
        return cache_dir

    def list_hosts(self, kind: str, round_: int, label: str) -> Run:
        """``ansible -i <file> GROUP --list-hosts``, timed, with peak memory."""
        cache_dir = self.prepare(kind, round_)
        command = [lib.find_ansible_tool("ansible"), "-i", self.source(kind), GROUP, "--list-hosts"]
        run = run_measured(command, self.workdir, self.env(kind, cache_dir), label)
        if run.rc != 0:
            raise lib.BenchError(f"{label}: ansible --list-hosts failed (rc={run.rc}):\n{run.tail()}")
        return run

    def inventory_list(self, kind: str, round_: int, label: str) -> dict[str, Any]:
        """``ansible-inventory -i <file> --list``, parsed."""
        cache_dir = self.prepare(kind, round_)
        result = lib.run_inventory(self.source(kind), self.workdir, self.env(kind, cache_dir), label)
        if result.rc != 0:
            raise lib.BenchError(f"{label}: ansible-inventory --list failed (rc={result.rc}):\n{result.tail()}")
        try:
            return json.loads(result.stdout)
        except ValueError as exc:
            raise lib.BenchError(f"{label}: ansible-inventory --list printed no JSON: {exc}") from exc


# ---------------------------------------------------------------- checks
def inventory_view(data: dict[str, Any]) -> dict[str, Any]:
    """``ansible-inventory --list`` output as {hosts: {host: vars without inventory_file/dir}, groups: {group:
    (sorted hosts, sorted children)}}."""
    hostvars = (data.get("_meta") or {}).get("hostvars") or {}
    hosts = {host: {key: value for key, value in variables.items() if key not in SOURCE_VARS}
             for host, variables in hostvars.items()}
    groups = {name: (sorted(group.get("hosts") or []), sorted(group.get("children") or []))
              for name, group in data.items() if name != "_meta" and isinstance(group, dict)}
    return {"hosts": hosts, "groups": groups}


def view_differences(floor: dict[str, Any], ours: dict[str, Any], limit: int = 5) -> list[str]:
    """The first differences between two :func:`inventory_view` results (empty: the same inventory)."""
    found: list[str] = []
    for what in ("hosts", "groups"):
        a, b = floor[what], ours[what]
        for key in sorted(set(a) | set(b)):
            if key not in b:
                found.append(f"{what[:-1]} {key} only in the floor")
            elif key not in a:
                found.append(f"{what[:-1]} {key} only in ours")
            elif a[key] != b[key]:
                if what == "hosts":
                    keys = sorted(k for k in set(a[key]) | set(b[key])
                                  if a[key].get(k, "<unset>") != b[key].get(k, "<unset>"))
                    pairs = [f"{k} floor={a[key].get(k, '<unset>')!r} ours={b[key].get(k, '<unset>')!r}" for k in keys[:3]]
                    found.append(f"host {key}: " + ", ".join(pairs))
                else:
                    found.append(f"group {key}: floor {len(a[key][0])} hosts/{len(a[key][1])} children, "
                                 f"ours {len(b[key][0])}/{len(b[key][1])}")
            if len(found) >= limit:
                return found
    return found


def check_same_inventory(workdir: str) -> tuple[bool, str]:
    """``ansible-inventory --list`` of the floor and of the plugin (cold, warm, sequential) for
    :data:`CHECK_DEVICES` devices (a simulator of its own, no latency): the same hosts, host variables and group
    memberships. Returns (ok, detail)."""
    check_dir = os.path.join(workdir, "check")
    os.makedirs(check_dir)
    floor_pickle, count, _members = write_floor(CHECK_DEVICES, workdir, f"check-{CHECK_DEVICES}.pickle")
    with lib.simulator("dms", "--devices", str(CHECK_DEVICES), "--seed", str(SEED), workdir=check_dir) as sim:
        commands = Commands(check_dir, sim, floor_pickle)
        views = {kind: inventory_view(commands.inventory_list(kind, 0, f"check-{kind}")) for kind in KINDS}
    floor = views["floor"]
    problems = []
    for kind in KINDS[1:]:
        differences = view_differences(floor, views[kind])
        if differences:
            problems.append(f"{kind}: " + "; ".join(differences))
    hosts = len(floor["hosts"])
    variables = sum(len(v) for v in floor["hosts"].values())
    memberships = sum(len(hosts_) for name, (hosts_, _children) in floor["groups"].items() if name != "all")
    if hosts != count:
        problems.append(f"the floor lists {hosts} hosts, not {count}")
    detail = (f"{CHECK_DEVICES} devices: {hosts} hosts, {variables} host variables, {len(floor['groups'])} groups, "
              f"{memberships} group memberships; cold, warm and sequential "
              + ("list the same as the floor" if not problems else "DIFFER: " + " | ".join(problems)))
    return not problems, detail


def check_requests(requests: list[dict[str, Any]], pages: int) -> tuple[bool, str]:
    """A cold read: exactly 1 login, device pages 1..PAGES once each at pageSize 1000, 1 groups page; nothing
    else. Returns (ok, ``requests=n: login=1 device pages=N (...) groups=1``)."""
    counts: Counter[str] = Counter()
    numbers: Counter[int] = Counter()
    sizes: set[str] = set()
    others: list[str] = []
    for request in requests:
        method, path, query = request["method"], request["path"], request.get("query") or {}
        if method == "POST" and path == LOGIN_PATH:
            counts["login"] += 1
        elif method == "GET" and path == DEVICES_PATH:
            numbers[int(query.get("page", 1))] += 1
            sizes.add(str(query.get("pageSize")))
        elif method == "GET" and path == GROUPS_PATH:
            counts["groups"] += 1
        else:
            others.append(f"{method} {path}")
    expected = Counter(range(1, pages + 1))
    repeated = sorted(number for number, seen in numbers.items() if seen > 1)
    missing = sorted(set(expected) - set(numbers))
    ok = (counts["login"] == 1 and counts["groups"] == 1 and numbers == expected and not others
          and sizes == {str(PAGE_SIZE)})
    detail = (f"requests={len(requests)}: login={counts['login']} device pages={sum(numbers.values())} "
              f"(pageSize={','.join(sorted(sizes)) or '-'}, pages 1..{pages} once each"
              f"{'; repeated ' + str(repeated[:5]) if repeated else ''}"
              f"{'; missing ' + str(missing[:5]) if missing else ''}) "
              f"groups={counts['groups']}{' other=' + str(others[:5]) if others else ''}")
    return ok, detail


# ---------------------------------------------------------------- rounds
@dataclass
class Measured(lib.MedianRuns):
    """The runs of one kind of command over the rounds."""

    kind: str
    walls: list[float] = field(default_factory=list)
    peaks: list[float] = field(default_factory=list)
    cpus: list[float] = field(default_factory=list)
    requests: list[int] = field(default_factory=list)
    checks: list[tuple[bool, str]] = field(default_factory=list)
    hosts_ok: list[bool] = field(default_factory=list)

    @property
    def peak(self) -> float:
        """Median peak memory (MB)."""
        return lib.median(self.peaks)

    @property
    def cpu(self) -> float:
        """Median CPU time (user + system, s)."""
        return lib.median(self.cpus)

    def text(self) -> str:
        """``wall X s (median of n: ...), CPU Z s, peak Y MB (...), <request check>``."""
        walls = ", ".join(f"{w:.2f}" for w in self.walls)
        cpus = ", ".join(f"{c:.2f}" for c in self.cpus)
        peaks = ", ".join(f"{p:.0f}" for p in self.peaks)
        many = len(self.walls) > 1
        details = sorted({detail for _ok, detail in self.checks})
        verdict = "OK" if self.checks_ok else "UNEXPECTED"
        return (f"wall {self.wall:.2f}s" + (f" (median of {len(self.walls)}: {walls})" if many else "")
                + f", CPU {self.cpu:.2f}s" + (f" ({cpus})" if many else "")
                + f", peak {self.peak:.0f} MB" + (f" ({peaks})" if many else "")
                + f", {' / '.join(details)} {verdict}")


def measure_rounds(commands: Commands, times: int, pages: int, members: list[str]) -> dict[str, Measured]:
    """``times`` rounds of floor, cold, warm, sequential; the request log cleared before each command."""
    assert commands.sim is not None
    sim = commands.sim
    results = {kind: Measured(kind) for kind in KINDS}
    for round_ in range(1, times + 1):
        for kind in KINDS:
            label = f"{kind}-{round_}"
            sim.clear_log()
            run = commands.list_hosts(kind, round_, label)
            requests = hmp_common.settled_log(sim)
            measured = results[kind]
            measured.walls.append(run.wall_s)
            measured.peaks.append(run.peak_mb)
            measured.cpus.append(run.cpu_s)
            measured.requests.append(len(requests))
            if kind in ("cold", "sequential"):
                measured.checks.append(check_requests(requests, pages))
            else:
                measured.checks.append((not requests, f"requests={len(requests)}"))
            measured.hosts_ok.append(listed_hosts(run) == members)
            if kind in ("warm", "sequential"):
                shutil.rmtree(commands.cache_dir(kind, round_), ignore_errors=True)
    return results


def run(options: argparse.Namespace) -> list[lib.Target]:
    """Run the scenario; print its report and BENCH lines; return the targets."""
    devices = getattr(options, "devices", 0) or DEFAULT_DEVICES
    times = max(1, getattr(options, "repeat", 0) or DEFAULT_REPEAT)
    workdir = lib.make_workdir(NAME)
    try:
        return _run(devices, times, workdir)
    finally:
        if getattr(options, "keep", False):
            lib.log(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


def _ratio_text(values: Callable[[Measured], list[float]], ours: Measured, floor: Measured, invert: bool) -> str:
    pairs = zip(values(floor), values(ours))
    return ", ".join(f"{(f / o if invert else o / f):.2f}" for f, o in pairs)


def _run(devices: int, times: int, workdir: str) -> list[lib.Target]:  # pylint: disable=too-many-locals
    name = f"dms_inventory_{devices}"
    pages = -(-devices // PAGE_SIZE)
    expected_requests = pages + 2
    print(f"== {name}: ansible -i <inventory> {GROUP} --list-hosts, broadcast.video.dms, {devices} devices = {pages} "
          f"pages of {PAGE_SIZE}; DMS simulator with {LATENCY_MS} ms latency; {times} round(s) of floor, cold, warm, "
          f"sequential", flush=True)

    same_ok, same_detail = check_same_inventory(workdir)
    print(f"same inventory (ansible-inventory --list, floor vs ours, inventory_file/inventory_dir ignored): "
          f"{same_detail}", flush=True)

    floor_pickle, count, members = write_floor(devices, workdir, f"floor-{devices}.pickle")
    with lib.simulator("dms", "--latency-ms", str(LATENCY_MS), "--devices", str(devices), "--seed", str(SEED),
                       workdir=workdir) as sim:
        results = measure_rounds(Commands(workdir, sim, floor_pickle), times, pages, members)
    floor, cold, warm, sequential = (results[kind] for kind in KINDS)

    for kind in KINDS:
        measured = results[kind]
        listed = "the expected" if all(measured.hosts_ok) else "NOT the expected"
        print(f"{DESCRIPTIONS[kind]}: {measured.text()}; {listed} {len(members)} hosts of {GROUP}")
    print(f"requests: a cold read is 1 login + {pages} device pages + 1 groups page (the plugin reads the group names "
          f"with one extra request) = {expected_requests}; no logout; a warm run makes none, nor does the floor")
    speedups = {kind: floor.wall / results[kind].wall for kind in KINDS[1:]}
    memory = {kind: results[kind].peak / floor.peak for kind in KINDS[1:]}
    for kind in KINDS[1:]:
        ours = results[kind]
        print(f"{kind} vs floor: speedup (floor / ours) {speedups[kind]:.2f} (per round: "
              f"{_ratio_text(lambda m: m.walls, ours, floor, True)}), peak memory ours / floor {memory[kind]:.2f} "
              f"(per round: {_ratio_text(lambda m: m.peaks, ours, floor, False)}), CPU time floor / ours "
              f"{floor.cpu / ours.cpu:.2f}")

    full = devices >= DEFAULT_DEVICES
    listed_ok = all(all(results[kind].hosts_ok) for kind in KINDS)
    targets = [
        lib.Target("the floor and ours list the same inventory (hosts, host variables, groups)", same_ok, same_detail),
        lib.Target(f"every run lists the same {len(members)} hosts of {GROUP} ({count} devices)", listed_ok,
                   ", ".join(f"{kind} {results[kind].hosts_ok}" for kind in KINDS)),
        lib.Target(f"cold and sequential runs: login + {pages} pages + groups = {expected_requests} requests",
                   cold.checks_ok and sequential.checks_ok,
                   "; ".join(detail for m in (cold, sequential) for ok, detail in m.checks if not ok)),
        lib.Target("warm runs (and the floor) make no device request",
                   warm.checks_ok and floor.checks_ok, f"warm {warm.requests}, floor {floor.requests}"),
        lib.Target(f"cold speedup (floor / cold) >= {COLD_SPEEDUP}", speedups["cold"] >= COLD_SPEEDUP,
                   f"{speedups['cold']:.2f}", enforced=full),
        lib.Target(f"warm speedup (floor / warm) >= {WARM_SPEEDUP}", speedups["warm"] >= WARM_SPEEDUP,
                   f"{speedups['warm']:.2f}", enforced=full),
        lib.Target(f"cold peak memory <= {PEAK_RATIO} x the floor's", memory["cold"] <= PEAK_RATIO,
                   f"{cold.peak:.0f} MB / {floor.peak:.0f} MB = {memory['cold']:.2f}", enforced=full),
        lib.Target(f"warm peak memory <= {PEAK_RATIO} x the floor's", memory["warm"] <= PEAK_RATIO,
                   f"{warm.peak:.0f} MB / {floor.peak:.0f} MB = {memory['warm']:.2f}", enforced=full),
    ]
    results_json: dict[str, Any] = {"devices": devices, "pages": pages, "latency_ms": LATENCY_MS, "repeat": times,
                                    "group": GROUP, "group_hosts": len(members), "same_inventory": same_detail}
    for kind in KINDS:
        measured = results[kind]
        results_json[kind] = {"wall_s": measured.wall, "walls": measured.walls, "peak_mb": measured.peak,
                              "peaks_mb": measured.peaks, "cpu_s": measured.cpu, "cpus_s": measured.cpus,
                              "requests": measured.requests}
        if kind != "floor":
            results_json[kind].update(speedup=speedups[kind], peak_ratio=memory[kind])
    results_json["targets"] = {target.text: {"met": target.met, "enforced": target.enforced} for target in targets}
    lib.save_result(name, results_json)
    for target in targets:
        print(target.line())
    for kind in ("sequential", "warm", "cold"):  # the cold run last: the headline
        ours = results[kind]
        print(lib.bench_line(f"{name}_{kind}", ours.request_count, ours.wall, floor.request_count, floor.wall)
              + f" peak_mb={ours.peak:.0f} baseline_peak_mb={floor.peak:.0f}", flush=True)
    return targets
