# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Electra XT facts: electra_facts [jobs] reads 2,000 jobs x 10 columns over SNMP (GETBULK) vs a GETNEXT walk.

The Electra XT simulator runs with ``--jobs 2000 --latency-ms 5`` (every SNMP answer 5 ms late) on free ports
(HTTP and SNMP; only SNMP is used). The jobs table has 10 columns: the index in the OID and 9 read columns, so
2,000 jobs are 18,000 cells.

Measured:

* ``benchmarks/electra/facts.yml``: ``broadcast.video.electra_facts`` with ``gather_subset: [jobs]`` and
  ``job_parameters: false`` (the jobs table, plus the small nodes table the module reads to name each job's node),
  default ``max_repetitions`` (25); the entire ``ansible-playbook`` command, start-up included, median of
  ``--repeat`` runs (default 3: one before the walk, the others after it, so that the median samples the load of a
  shared machine on both sides of the walk's minutes). Round trips are the SNMP PDUs in the simulator's request log
  (cleared before each run), cross-checked with the module's own ``snmp.requests`` and ``snmp.by_table``; CPU time
  (``RUSAGE_CHILDREN``, the module process included) is reported too, as it moves less with load;
* baseline: ``benchmarks/electra/walk.py``, a GETNEXT walk of the same jobs table with the collection's own client
  (``SnmpClient.read({}, [jobs], bulk=False)``: one GETNEXT per cell, column after column, as ``snmpwalk`` does),
  the whole command timed, once (about 3 minutes at 2,000 jobs);
* informational: ``walk.py --bulk``, the same client's GETBULK read of the jobs table alone in one Python process
  (no Ansible), to show what Ansible's start-up adds.

The module run and the walk must return the same rows (every column but ``uptime`` equal; ``uptime``, a running
job's time since start, within the seconds elapsed between the reads). Target (the issue's): at least 10 times
fewer round trips than the walk.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import resource
import shutil
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import lib  # noqa: E402  pylint: disable=wrong-import-position
from scenarios import hmp_common as common  # noqa: E402  pylint: disable=wrong-import-position

NAME = "electra_facts"
DEFAULT_JOBS = 2000
LATENCY_MS = 5
DEFAULT_REPEAT = 3
#: The issue's target: the GETNEXT walk's round trips / electra_facts' (at least).
RATIO_TARGET = 10.0
ELECTRA_DIR = os.path.join(lib.BENCH_DIR, "electra")
PLAYBOOK = os.path.join(ELECTRA_DIR, "facts.yml")
WALK = os.path.join(ELECTRA_DIR, "walk.py")
RESULT_CALLBACK_DIR = os.path.join(ELECTRA_DIR, "callback_plugins")
FACTS_TASK = "Jobs facts"
#: The jobs column that advances with the clock (a running job's seconds since start).
CLOCK_COLUMNS = ("uptime",)


def result_env(result_file: str) -> dict[str, str]:
    """Environment enabling ``benchmarks/electra/callback_plugins/bench_electra_result.py``."""
    return {
        "ANSIBLE_CALLBACK_PLUGINS": RESULT_CALLBACK_DIR,
        "ANSIBLE_CALLBACKS_ENABLED": "bench_electra_result",
        "BENCH_ELECTRA_RESULT_FILE": result_file,
    }


def profile_tables(workdir: str) -> dict[str, str]:
    """``{table key: entry OID text}`` of the default OID profile (the one the simulator serves and the module
    reads), imported from the collection path the ansible commands use."""
    for entry in reversed(lib.collections_path(workdir).split(os.pathsep)):
        if entry and entry not in sys.path:
            sys.path.insert(0, entry)
    try:
        profile = importlib.import_module("ansible_collections.broadcast.video.plugins.module_utils.electra.profile")
    except ImportError as exc:
        raise lib.BenchError(f"cannot import the Electra profile (run with the venv's python): {exc}") from exc
    loaded = profile.load_profile(None)
    return {key: profile.oid_text(loaded.table(key).entry) for key in profile.TABLE_KEYS if loaded.table(key)}


# ---------------------------------------------------------------- request log
@dataclass
class Trips:
    """The device requests of one command, from the simulator's log: SNMP PDUs by method and by table, HTTP."""

    snmp: int = 0
    by_method: Counter[str] = field(default_factory=Counter)
    by_table: Counter[str] = field(default_factory=Counter)
    http: int = 0

    @classmethod
    def of(cls, requests: list[dict[str, Any]], tables: dict[str, str]) -> "Trips":
        """Count ``requests``; an SNMP PDU belongs to the table whose entry OID prefixes its first OID (``other``)."""
        trips = cls()
        for request in requests:
            method = str(request.get("method", ""))
            if not method.startswith("SNMP-"):
                trips.http += 1
                continue
            trips.snmp += 1
            trips.by_method[method] += 1
            path = str(request.get("path", ""))
            key = next((k for k, entry in tables.items() if path.startswith(entry + ".")), "other")
            trips.by_table[key] += 1
        return trips

    def text(self) -> str:
        """``18009 SNMP round trips (SNMP-GETNEXT=18009; jobs=18009), 0 HTTP``."""
        methods = ", ".join(f"{m}={n}" for m, n in sorted(self.by_method.items()))
        tables = ", ".join(f"{k}={n}" for k, n in sorted(self.by_table.items()))
        return f"{self.snmp} SNMP round trips ({methods}; by table {tables or '-'}), {self.http} HTTP"


# ---------------------------------------------------------------- runs
@dataclass
class Run:
    """One measured command: wall time, rows returned, round trips (log and as the client counted them)."""

    label: str
    wall_s: float
    rows: list[dict[str, Any]]
    trips: Trips
    client_requests: int | None
    client_by_table: dict[str, int]
    inner_s: float | None = None
    started: float = 0.0
    ended: float = 0.0
    cpu_s: float = 0.0


def children_cpu() -> float:
    """User + system CPU seconds of every child process waited for so far (``RUSAGE_CHILDREN``): the difference
    around one command is that command's CPU, its own children included (the module process under
    ``ansible-playbook``); the simulator is not counted (it is reaped only at the end)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _find(data: Any, key: str, depth: int = 3) -> Any:
    """``data[key]``, else the first ``key`` found in nested dicts (``ansible_facts.electra.jobs``...), else None."""
    if not isinstance(data, dict):
        return None
    if key in data:
        return data[key]
    if depth:
        for value in data.values():
            found = _find(value, key, depth - 1)
            if found is not None:
                return found
    return None


class Scenario:
    """One run of the scenario: the simulator, its SNMP port, the temp dir, the profile's table OIDs."""

    def __init__(self, options: argparse.Namespace, sim: lib.Simulator, snmp_port: int, workdir: str, jobs: int) -> None:
        self.options = options
        self.sim = sim
        self.snmp_port = snmp_port
        self.workdir = workdir
        self.jobs = jobs
        self.tables = profile_tables(workdir)
        self.conn_vars = lib.write_vars(workdir, "connection.json", {
            "electra_connection": {"host": "127.0.0.1", "port": sim.port, "snmp_port": snmp_port},
        })

    def _log(self) -> Trips:
        return Trips.of(common.settled_log(self.sim), self.tables)

    def facts(self, label: str) -> Run:
        """``benchmarks/electra/facts.yml`` once (request log cleared before)."""
        times_file = os.path.join(self.workdir, f"{label}.times.json")
        result_file = os.path.join(self.workdir, f"{label}.result.json")
        env = lib.ansible_env(self.workdir, lib.callback_env(common.times_env(times_file), result_env(result_file)))
        self.sim.clear_log()
        started, cpu = time.time(), children_cpu()
        run = lib.run_playbook(PLAYBOOK, self.workdir, env, [self.conn_vars], label)
        ended, cpu = time.time(), children_cpu() - cpu
        trips = self._log()
        if run.rc != 0:
            raise lib.BenchError(f"{label}: ansible-playbook failed (rc={run.rc}):\n{run.tail()}")
        if not os.path.exists(result_file):
            raise lib.BenchError(f"{label}: no electra_facts result was written (is the module there?):\n{run.tail()}")
        with open(result_file, encoding="utf-8") as handle:
            result = json.load(handle)
        jobs = _find(result.get("ansible_facts") or {}, "jobs")
        if not isinstance(jobs, list):
            raise lib.BenchError(f"{label}: the electra_facts result has no jobs list (keys: {sorted(result)})")
        snmp = _find(result, "snmp") or {}
        task_s = common.read_times(times_file).get(FACTS_TASK) if os.path.exists(times_file) else None
        return Run(label=label, wall_s=run.wall_s, rows=jobs, trips=trips,
                   client_requests=snmp.get("requests") if isinstance(snmp, dict) else None,
                   client_by_table=dict(snmp.get("by_table") or {}) if isinstance(snmp, dict) else {},
                   inner_s=task_s, started=started, ended=ended, cpu_s=cpu)

    def walk(self, label: str, bulk: bool) -> Run:
        """``benchmarks/electra/walk.py`` (GETNEXT walk, or ``--bulk``) once, the whole command timed."""
        out = os.path.join(self.workdir, f"{label}.json")
        env = lib.ansible_env(self.workdir)
        command = [sys.executable, WALK, "--port", str(self.snmp_port), "--table", "jobs", "--out", out]
        if bulk:
            command.append("--bulk")
        self.sim.clear_log()
        started, cpu = time.time(), children_cpu()
        run = lib.run_command(command, self.workdir, env, label)
        ended, cpu = time.time(), children_cpu() - cpu
        trips = self._log()
        if run.rc != 0:
            raise lib.BenchError(f"{label}: walk.py failed (rc={run.rc}):\n{run.tail()}")
        with open(out, encoding="utf-8") as handle:
            data = json.load(handle)
        return Run(label=label, wall_s=run.wall_s, rows=data["rows"], trips=trips, client_requests=data["requests"],
                   client_by_table=dict(data["by_table"]), inner_s=data["read_s"], started=started, ended=ended,
                   cpu_s=cpu)


def same_rows(ours: list[dict[str, Any]], walk: list[dict[str, Any]], tolerance_s: float) -> tuple[bool, str]:
    """Compare ``ours`` (module rows, which add ``display_name``/``node_name``) with the walk's on the walk's keys
    (the index and every column): equal, but ``uptime`` (seconds, 0 for a job that is not running) may differ by up to
    ``tolerance_s`` seconds as long as it is 0 in both or in neither."""
    if len(ours) != len(walk):
        return False, f"{len(ours)} rows against the walk's {len(walk)}"
    differences: list[str] = []
    largest = 0
    for mine, theirs in zip(ours, walk):
        for key, value in theirs.items():
            other = mine.get(key)
            if key in CLOCK_COLUMNS and isinstance(value, int) and isinstance(other, int):
                largest = max(largest, abs(other - value))
                if abs(other - value) <= tolerance_s and (other == 0) == (value == 0):  # 0: not running
                    continue
            elif other == value:
                continue
            differences.append(f"index {theirs.get('index')} {key}: {other!r} vs walk {value!r}")
    if differences:
        return False, f"{len(differences)} differences, first: {'; '.join(differences[:3])}"
    columns = len(walk[0]) if walk else 0
    return True, (f"{len(walk)} rows x {columns} fields (index + {columns - 1} columns) equal; uptime within "
                  f"{largest} s (allowed {tolerance_s:.0f} s: the time between the reads)")


def repeat_count(options: argparse.Namespace) -> int:
    """``--repeat`` or the default (3)."""
    return max(1, getattr(options, "repeat", 0) or DEFAULT_REPEAT)


def run(options: argparse.Namespace) -> list[lib.Target]:
    """Run the scenario; print its report and BENCH lines; return the targets."""
    jobs = getattr(options, "jobs", 0) or DEFAULT_JOBS
    name = f"{NAME}_{jobs}"
    workdir = lib.make_workdir(NAME)
    port_file = os.path.join(workdir, "snmp.port")
    try:
        with lib.simulator("electra", "--latency-ms", str(LATENCY_MS), "--jobs", str(jobs), "--snmp-port", "0",
                           "--snmp-port-file", port_file, workdir=workdir) as sim:
            try:
                with open(port_file, encoding="utf-8") as handle:
                    snmp_port = int(handle.read().strip())
            except (OSError, ValueError) as exc:
                raise lib.BenchError(f"the electra simulator wrote no SNMP port to {port_file}: {exc}") from exc
            return _run(Scenario(options, sim, snmp_port, workdir, jobs), name)
    finally:
        if options.keep:
            lib.log(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


def _check_facts(run_: Run, jobs: int) -> list[str]:
    """What is wrong with one electra_facts run ([] when nothing)."""
    problems = []
    if len(run_.rows) != jobs:
        problems.append(f"{run_.label}: {len(run_.rows)} jobs returned, expected {jobs}")
    if run_.trips.http:
        problems.append(f"{run_.label}: {run_.trips.http} HTTP requests (facts are SNMP only)")
    if run_.trips.by_method.get("SNMP-GETNEXT") or run_.trips.by_table.get("other"):
        problems.append(f"{run_.label}: unexpected PDUs: {run_.trips.text()}")
    if run_.client_requests != run_.trips.snmp or Counter(run_.client_by_table) != run_.trips.by_table:
        problems.append(f"{run_.label}: the module counted snmp.requests={run_.client_requests} by_table="
                        f"{run_.client_by_table}, the simulator logged {run_.trips.text()}")
    return problems


def _run(scn: Scenario, name: str) -> list[lib.Target]:  # pylint: disable=too-many-locals,too-many-statements
    jobs = scn.jobs
    times = repeat_count(scn.options)
    cells = jobs * 9
    print(f"== {name}: electra_facts gather_subset [jobs], job_parameters false: {jobs} jobs x 10 columns (index in "
          f"the OID + 9 read columns = {cells} cells); Electra simulator with {LATENCY_MS} ms latency per SNMP answer",
          flush=True)

    # one electra_facts run before the walk and the others after it, so that the runs' median samples the
    # machine's load before and after the walk's minutes, not one moment only
    labels = [f"facts-{index + 1}" if times > 1 else "facts" for index in range(times)]
    facts = [scn.facts(labels[0])]
    bulk = scn.walk("client-bulk", bulk=True)
    walk = scn.walk("baseline-getnext-walk", bulk=False)
    facts += [scn.facts(label) for label in labels[1:]]

    walls = [r.wall_s for r in facts]
    wall = lib.median(walls)
    median_run = facts[walls.index(sorted(walls)[(len(walls) - 1) // 2])]
    trips = median_run.trips.snmp
    task_times = [r.inner_s for r in facts if r.inner_s is not None]
    task_s = lib.median(task_times) if task_times else None
    cpu_s = lib.median([r.cpu_s for r in facts])

    problems = [problem for r in facts for problem in _check_facts(r, jobs)]
    if len({r.trips.snmp for r in facts}) > 1:
        problems.append(f"the runs made different round trips: {[r.trips.snmp for r in facts]}")
    expected_walk = 9 * (jobs + 1)
    walk_ok = (len(walk.rows) == jobs and walk.trips.snmp == walk.client_requests == expected_walk
               and walk.trips.by_method == Counter({"SNMP-GETNEXT": expected_walk}) and not walk.trips.http)
    tolerance = max(walk.ended, median_run.ended) - min(walk.started, median_run.started) + 2.0
    rows_ok, rows_detail = same_rows(median_run.rows, walk.rows, tolerance)
    bulk_ok, bulk_detail = same_rows(bulk.rows, walk.rows, tolerance)

    runs_text = ", ".join(f"{w:.2f}" for w in walls)
    print(f"electra_facts (ansible-playbook {os.path.relpath(PLAYBOOK, lib.ROOT)}, whole command): wall {wall:.2f}s"
          + (f" (median of {times}: {runs_text})" if times > 1 else "")
          + (f"; task '{FACTS_TASK}' {task_s:.2f}s" if task_s is not None else "")
          + f"; CPU {cpu_s:.2f}s"
          + f"; {median_run.trips.text()}; module snmp.requests={median_run.client_requests} "
          f"by_table={median_run.client_by_table} {'OK' if not problems else 'UNEXPECTED'}")
    print(f"client GETBULK in one process (walk.py --bulk, jobs table only, no Ansible): wall {bulk.wall_s:.2f}s, "
          f"read {bulk.inner_s:.2f}s, CPU {bulk.cpu_s:.2f}s; {bulk.trips.text()}")
    print(f"baseline GETNEXT walk (walk.py: SnmpClient.read(bulk=False), one cell per round trip, column after "
          f"column): wall {walk.wall_s:.2f}s, read {walk.inner_s:.2f}s, CPU {walk.cpu_s:.2f}s "
          f"({1000 * walk.inner_s / max(walk.trips.snmp, 1):.1f} ms per round trip); {walk.trips.text()}; expected "
          f"9 columns x ({jobs} rows + 1) = {expected_walk} {'OK' if walk_ok else 'UNEXPECTED'}")
    print(f"same rows, electra_facts vs walk: {rows_detail}")
    print(f"same rows, client GETBULK vs walk: {bulk_detail}")

    ratio = walk.trips.snmp / trips if trips else float("inf")
    jobs_trips = median_run.trips.by_table.get("jobs", 0)
    speedup = walk.wall_s / wall
    print(f"ratios: round trips walk / electra_facts = {ratio:.1f}x ({walk.trips.snmp} / {trips}; the jobs table "
          f"alone {walk.trips.snmp / jobs_trips if jobs_trips else float('inf'):.1f}x: {jobs_trips} GETBULK), wall "
          f"walk / electra_facts = {speedup:.1f}x whole commands"
          + (f", {walk.inner_s / task_s:.1f}x the walk's read against the electra_facts task" if task_s else "")
          + f", {walk.inner_s / bulk.inner_s:.1f}x the walk against the client's GETBULK read in one process")

    targets = [
        lib.Target(f"every electra_facts run returns {jobs} jobs over SNMP GETBULK only, the module's snmp.requests "
                   f"matching the simulator's log", not problems, "; ".join(problems[:5])),
        lib.Target(f"the GETNEXT walk reads {jobs} rows in 9 x ({jobs} + 1) = {expected_walk} GETNEXT", walk_ok,
                   f"{len(walk.rows)} rows, {walk.trips.text()}, client counted {walk.client_requests}"),
        lib.Target("electra_facts and the walk return the same rows", rows_ok and bulk_ok,
                   rows_detail if not rows_ok else bulk_detail),
        # The 10x target is set for the 2,000 jobs; smaller quick runs only report it.
        lib.Target(f"round trips >= {RATIO_TARGET:g}x fewer than the GETNEXT walk", ratio >= RATIO_TARGET,
                   f"ratio {ratio:.1f}", enforced=jobs >= DEFAULT_JOBS),
    ]
    results: dict[str, Any] = {
        "jobs": jobs, "cells": cells, "latency_ms": LATENCY_MS, "repeat": times,
        "facts": {"wall_s": wall, "walls": walls, "task_s": task_s, "cpu_s": cpu_s, "requests": trips,
                  "by_table": dict(median_run.trips.by_table), "module_snmp_requests": median_run.client_requests},
        "client_bulk": {"wall_s": bulk.wall_s, "read_s": bulk.inner_s, "cpu_s": bulk.cpu_s, "requests": bulk.trips.snmp},
        "baseline_getnext_walk": {"wall_s": walk.wall_s, "read_s": walk.inner_s, "cpu_s": walk.cpu_s,
                                  "requests": walk.trips.snmp},
        "round_trip_ratio": ratio, "speedup": speedup,
        "targets": {target.text: {"met": target.met, "enforced": target.enforced} for target in targets},
    }
    lib.save_result(name, results)
    for target in targets:
        print(target.line())
    print(lib.bench_line(f"{name}_client", bulk.trips.snmp, bulk.wall_s, walk.trips.snmp, walk.wall_s)
          + f" round_trip_ratio={walk.trips.snmp / bulk.trips.snmp if bulk.trips.snmp else float('inf'):.1f}")
    print(lib.bench_line(name, trips, wall, walk.trips.snmp, walk.wall_s) + f" round_trip_ratio={ratio:.1f}", flush=True)
    return targets
