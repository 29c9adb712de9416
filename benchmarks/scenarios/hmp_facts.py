# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""HMP facts: hmp_facts [sources] reads 2,006 sources (21 pages of 100), concurrent pages vs a sequential uri loop.

The HMP simulator has 20 ms latency and ``--sources 2000`` (plus its 6 seeded sources).

Measured (each an entire ``ansible-playbook`` command, start-up included, median of ``--repeat`` rounds; each round runs
every command once, in turn, so that the load of a shared machine weighs on all alike):

* ``benchmarks/hmp/facts.yml`` with ``max_workers`` 4 (the default; headline), 8, and 1 (the module reading one page
  at a time); every run must make exactly 1 login + one GET per page (page 1 first, it tells the page count; pages
  2..N concurrently) + 1 logout;
* baseline: ``benchmarks/hmp/uri_pages.yml``, ``ansible.builtin.uri`` login, page 1, a loop over pages 2..N one at a
  time, logout (the same requests); and once ``uri_follow.yml``, which follows ``paging.next`` with a recursive
  include.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from typing import Any

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import lib  # noqa: E402  pylint: disable=wrong-import-position
from scenarios import hmp_common as hmp  # noqa: E402  pylint: disable=wrong-import-position

NAME = "hmp_facts"
DEFAULT_SOURCES = 2000
PAGE_SIZE = 100
SOURCES_PATH = "/apis/sources"
SPEEDUP_TARGET = 4.0
FACTS_TASK = "Sources facts"
PAGES_TASK = "Pages 2..N, one at a time"


class Scenario:
    """One run of the scenario: the simulator, the temp dir and the collection read before measuring."""

    def __init__(self, options: argparse.Namespace, sim: lib.Simulator, workdir: str) -> None:
        self.options = options
        self.sim = sim
        self.workdir = workdir
        self.coll = hmp.read_collection(sim, SOURCES_PATH, PAGE_SIZE, stb=False)
        self.playbook = os.path.join(hmp.HMP_DIR, "facts.yml")
        self.conn_vars = lib.write_vars(workdir, "connection.json", {
            "hmp_connection": {"host": "127.0.0.1", "port": sim.port, "use_ssl": False, "validate_certs": False,
                               "username": hmp.USERNAME, "password": hmp.PASSWORD},
            "hmp_expected_sources": self.coll.total,
        })

    def facts(self, max_workers: int) -> hmp.Runner:
        """facts.yml with ``max_workers``, for :func:`hmp.interleave`."""
        def once(label: str) -> tuple[float, str | None]:
            times_file = os.path.join(self.workdir, f"{label}.times.json")
            env = lib.ansible_env(self.workdir, hmp.times_env(times_file))
            workers = lib.write_vars(self.workdir, f"{label}.workers.json", {"hmp_max_workers": max_workers})
            result = lib.run_playbook(self.playbook, self.workdir, env, [self.conn_vars, workers], label)
            if result.rc != 0:
                raise lib.BenchError(f"{label}: ansible-playbook failed (rc={result.rc}):\n{result.tail()}")
            return result.wall_s, times_file
        return hmp.Runner(f"facts-workers{max_workers}", once, self.coll)


def run(options: argparse.Namespace) -> list[lib.Target]:
    """Run the scenario; print its report and BENCH lines; return the targets."""
    sources = options.sources or DEFAULT_SOURCES
    name = f"hmp_facts_{sources}"
    workdir = lib.make_workdir(NAME)
    try:
        with lib.simulator("hmp", "--latency-ms", str(hmp.LATENCY_MS), "--sources", str(sources), workdir=workdir) as sim:
            return _run(Scenario(options, sim, workdir), name, sources)
    finally:
        if options.keep:
            lib.log(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


def _line(label: str, measured: hmp.Measured, task: str) -> str:
    ok, detail = measured.checks[0]
    same = all(check == measured.checks[0] for check in measured.checks)
    task_s = measured.task(task)
    return (f"{label}: wall {measured.walls_text()}, {detail} {'OK' if ok and same else 'UNEXPECTED'}"
            + (f"; task '{task}' {task_s:.2f}s" if task_s else ""))


def _run(scn: Scenario, name: str, sources: int) -> list[lib.Target]:  # pylint: disable=too-many-locals
    coll = scn.coll
    times = hmp.repeat_count(scn.options)
    print(f"== {name}: hmp_facts gather_subset [sources], {coll.total} sources ({sources} generated + seeded) = "
          f"{coll.pages} pages of {coll.page_size}; HMP simulator with {hmp.LATENCY_MS} ms latency", flush=True)

    base = hmp.UriBaseline(scn.sim, scn.workdir, coll)
    sample = base.sample_pages(scn.options)
    runners = [scn.facts(4), scn.facts(8), scn.facts(1)] + ([] if sample else [base.loop_runner("baseline-uri-loop")])
    runs = hmp.interleave(scn.sim, times, runners)
    workers4, workers8, workers1 = runs[:3]
    loop = base.extrapolated("baseline-uri-loop", sample) if sample else base.measured(runs[3])
    follow = base.follow("baseline-uri-follow")

    print(_line("hmp_facts max_workers 4 (default)", workers4, FACTS_TASK))
    print(_line("hmp_facts max_workers 8", workers8, FACTS_TASK))
    print(_line("hmp_facts max_workers 1 (sequential pages)", workers1, FACTS_TASK))
    if loop.measured is not None:
        print(_line("baseline uri loop (login, page 1, pages 2..N one at a time, logout)", loop.measured, PAGES_TASK)
              + f"; {loop.note}")
    else:
        print(f"baseline uri loop (login, page 1, pages 2..N one at a time, logout): wall {loop.wall:.2f}s, "
              f"{loop.requests} requests; {loop.note}")
    if follow is not None:
        print(_line("baseline uri following paging.next (recursive include_tasks)", follow, "Read one page"))
    print(f"logout: the module logs out at the end of its run (DELETE {hmp.LOGIN_PATH}), counted above; so does the "
          f"uri baseline, so both make {coll.pages} page reads + login + logout = {coll.pages + 2} requests")

    speedup = loop.wall / workers4.wall
    task4, task1 = workers4.task(FACTS_TASK), workers1.task(FACTS_TASK)
    print(f"ratios: uri loop / max_workers 4 = {speedup:.2f}x, uri loop / max_workers 8 = {loop.wall / workers8.wall:.2f}x, "
          f"max_workers 1 / max_workers 4 = {workers1.wall / workers4.wall:.2f}x whole command"
          + (f", {task1 / task4:.2f}x the hmp_facts task alone ({task1:.2f}s / {task4:.2f}s)" if task4 and task1 else ""))

    expected_requests = coll.pages + 2
    checks_ok = workers4.checks_ok and workers8.checks_ok and workers1.checks_ok
    targets = [
        lib.Target(f"every hmp_facts run reads all {coll.total} sources with login + {coll.pages} pages (each once) "
                   f"+ logout = {expected_requests} requests", checks_ok,
                   "; ".join(detail for measured in (workers4, workers8, workers1) for ok, detail in measured.checks if not ok)),
        # The 4x target is set for the 2,000 sources; smaller quick runs only report it.
        lib.Target(f"speedup >= {SPEEDUP_TARGET:g} (max_workers 4 vs the sequential uri loop)", speedup >= SPEEDUP_TARGET,
                   f"speedup {speedup:.2f}", enforced=sources >= DEFAULT_SOURCES),
    ]
    results: dict[str, Any] = {"sources": coll.total, "pages": coll.pages, "latency_ms": hmp.LATENCY_MS, "repeat": times}
    for key, measured in (("workers4", workers4), ("workers8", workers8), ("workers1", workers1)):
        results[key] = {"wall_s": measured.wall, "walls": measured.walls, "requests": measured.request_count,
                        "task_s": measured.task(FACTS_TASK)}
    results["baseline_uri_loop"] = {"wall_s": loop.wall, "requests": loop.requests, "note": loop.note}
    if follow is not None:
        results["baseline_uri_follow"] = {"wall_s": follow.wall, "requests": follow.request_count}
    results["targets"] = {target.text: {"met": target.met, "enforced": target.enforced} for target in targets}
    lib.save_result(name, results)
    for target in targets:
        print(target.line())
    print(lib.bench_line(f"{name}_workers8", workers8.request_count, workers8.wall, loop.requests, loop.wall))
    print(lib.bench_line(f"{name}_vs_workers1", workers4.request_count, workers4.wall, workers1.request_count, workers1.wall))
    print(lib.bench_line(name, workers4.request_count, workers4.wall, loop.requests, loop.wall), flush=True)
    return targets
