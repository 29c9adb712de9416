# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""HMP inventory: ansible-inventory --list of 10,000 set-top boxes (20 pages of 500), concurrent vs a uri page loop.

The HMP simulator has 20 ms latency and ``--stbs 10000``; the ``broadcast.video.hmp`` inventory plugin makes every
box a host. Measured (each an entire command, start-up included; median of ``--repeat`` rounds of uncached, cached
and uri-loop runs taken in turn, so that the load of a shared machine weighs on all alike):

* ``ansible-inventory -i benchmarks/hmp/stbs.hmp.yml --list`` (max_workers 4, the default; headline): exactly 1 login
  + one GET per page (page 1 first, it tells ``numPages``; pages 2..N concurrently) + 1 logout, every box a host;
* ``stbs-workers1.hmp.yml``: the same with ``max_workers: 1`` (pages one at a time), once;
* ``stbs-cached.hmp.yml`` (Ansible's jsonfile inventory cache): a first run fills the cache (same requests), then
  cached runs make no device request and list the same inventory;
* baseline: ``benchmarks/hmp/uri_pages.yml`` (``ansible.builtin.uri`` login, page 1, a loop over pages 2..N one at a
  time, 500 per page, logout), and once ``uri_follow.yml`` (follows ``hasMoreData`` with a recursive include).
  The baseline only counts the boxes; it builds no hosts.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from typing import Any

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import lib  # noqa: E402  pylint: disable=wrong-import-position
from scenarios import hmp_common as hmp  # noqa: E402  pylint: disable=wrong-import-position

NAME = "hmp_inventory"
DEFAULT_STBS = 10000
PAGE_SIZE = 500
STBS_PATH = "/apis/devices/stbs"
PAGES_TASK = "Pages 2..N, one at a time"


class Scenario:
    """One run of the scenario: the simulator, the temp dir (with the inventory cache) and the box count."""

    def __init__(self, options: argparse.Namespace, sim: lib.Simulator, workdir: str) -> None:
        self.options = options
        self.sim = sim
        self.workdir = workdir
        self.coll = hmp.read_collection(sim, STBS_PATH, PAGE_SIZE, stb=True)
        self.cache_dir = os.path.join(workdir, "inventory-cache")
        self.outputs: dict[str, dict[str, Any]] = {}

    def inventory(self, config: str, label: str, coll: hmp.Collection | None) -> hmp.Runner:
        """``ansible-inventory -i benchmarks/hmp/CONFIG --list`` for :func:`hmp.interleave`; keeps the parsed output
        of its first run under ``label``. ``coll`` None: no request check (the cached runs, checked for none)."""
        env = lib.ansible_env(self.workdir, {
            "HMP_PORT": str(self.sim.port),
            "ANSIBLE_INVENTORY_CACHE_CONNECTION": self.cache_dir,
            "ANSIBLE_INVENTORY_UNPARSED_FAILED": "true",
        })
        path = os.path.join(hmp.HMP_DIR, config)

        def once(run_label: str) -> tuple[float, str | None]:
            result = lib.run_inventory(path, self.workdir, env, run_label)
            if result.rc != 0:
                raise lib.BenchError(f"{run_label}: ansible-inventory failed (rc={result.rc}):\n{result.tail()}")
            if label not in self.outputs:
                try:
                    self.outputs[label] = json.loads(result.stdout)
                except ValueError as exc:
                    raise lib.BenchError(f"{run_label}: ansible-inventory --list printed no JSON: {exc}") from exc
            return result.wall_s, None

        return hmp.Runner(label, once, coll)

    def hosts(self, label: str) -> int:
        """Hosts in the output kept under ``label``."""
        return len((self.outputs.get(label, {}).get("_meta") or {}).get("hostvars") or {})


def run(options: argparse.Namespace) -> list[lib.Target]:
    """Run the scenario; print its report and BENCH lines; return the targets."""
    stbs = options.stbs or DEFAULT_STBS
    name = f"hmp_inventory_{stbs}"
    workdir = lib.make_workdir(NAME)
    try:
        with lib.simulator("hmp", "--latency-ms", str(hmp.LATENCY_MS), "--stbs", str(stbs), workdir=workdir) as sim:
            return _run(Scenario(options, sim, workdir), name)
    finally:
        if options.keep:
            lib.log(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


def _line(label: str, measured: hmp.Measured, extra: str = "") -> str:
    ok, detail = measured.checks[0]
    same = all(check == measured.checks[0] for check in measured.checks)
    return f"{label}: wall {measured.walls_text()}, {detail} {'OK' if ok and same else 'UNEXPECTED'}{extra}"


def _run(scn: Scenario, name: str) -> list[lib.Target]:  # pylint: disable=too-many-locals
    coll = scn.coll
    times = hmp.repeat_count(scn.options)
    print(f"== {name}: ansible-inventory --list, broadcast.video.hmp, {coll.total} set-top boxes = {coll.pages} pages "
          f"of {coll.page_size}; HMP simulator with {hmp.LATENCY_MS} ms latency", flush=True)

    base = hmp.UriBaseline(scn.sim, scn.workdir, coll)
    sample = base.sample_pages(scn.options)
    # the cache is filled first; then rounds of: uncached, cached, uri loop
    cold, = hmp.interleave(scn.sim, 1, [scn.inventory("stbs-cached.hmp.yml", "inventory-cache-fill", coll)])
    runners = [scn.inventory("stbs.hmp.yml", "inventory", coll), scn.inventory("stbs-cached.hmp.yml", "inventory-cached", None)]
    runners += [] if sample else [base.loop_runner("baseline-uri-loop")]
    runs = hmp.interleave(scn.sim, times, runners)
    plain, warm = runs[:2]
    loop = base.extrapolated("baseline-uri-loop", sample) if sample else base.measured(runs[2])
    workers1, = hmp.interleave(scn.sim, 1, [scn.inventory("stbs-workers1.hmp.yml", "inventory-workers1", coll)])
    follow = base.follow("baseline-uri-follow")

    hosts = scn.hosts("inventory")
    same_inventory = bool(scn.outputs.get("inventory")) and scn.outputs.get("inventory-cached") == scn.outputs.get("inventory")
    print(_line("ansible-inventory --list, max_workers 4 (default)", plain, f"; {hosts} hosts"))
    print(_line("ansible-inventory --list, max_workers 1 (pages one at a time)", workers1, f"; {scn.hosts('inventory-workers1')} hosts"))
    print(_line("ansible-inventory --list, jsonfile cache, first run (fills the cache)", cold))
    print(f"ansible-inventory --list, jsonfile cache, cached runs: wall {warm.walls_text()}, requests "
          f"{', '.join(str(count) for count in warm.requests)}; {scn.hosts('inventory-cached')} hosts, "
          f"{'the same inventory as the uncached run' if same_inventory else 'NOT the same inventory as the uncached run'}")
    if loop.measured is not None:
        print(_line("baseline uri loop (login, page 1, pages 2..N one at a time, logout)", loop.measured,
                    f"; task '{PAGES_TASK}' {loop.measured.task(PAGES_TASK):.2f}s; {loop.note}"))
    else:
        print(f"baseline uri loop (login, page 1, pages 2..N one at a time, logout): wall {loop.wall:.2f}s, "
              f"{loop.requests} requests; {loop.note}")
    if follow is not None:
        print(_line("baseline uri following hasMoreData (recursive include_tasks)", follow,
                    f"; task 'Read one page' {follow.task('Read one page'):.2f}s"))
    print(f"logout: the plugin logs out at the end of its read (DELETE {hmp.LOGIN_PATH}), counted above; so does the "
          f"uri baseline, so both make {coll.pages} page reads + login + logout = {coll.pages + 2} requests")
    print(f"ratios: uri loop / inventory = {loop.wall / plain.wall:.2f}x, max_workers 1 / max_workers 4 = "
          f"{workers1.wall / plain.wall:.2f}x, uncached / cached = {plain.wall / warm.wall:.2f}x; the cached run still "
          f"builds and prints {hosts} hosts, which is most of the wall time (see docs/benchmarks.md)")

    targets = [
        lib.Target(f"every box is a host ({coll.total})", hosts == coll.total and scn.hosts("inventory-workers1") == coll.total,
                   f"hosts {hosts}, max_workers 1: {scn.hosts('inventory-workers1')}"),
        lib.Target(f"login + {coll.pages} pages (each once) + logout = {coll.pages + 2} requests per uncached run",
                   plain.checks_ok and workers1.checks_ok and cold.checks_ok,
                   "; ".join(detail for measured in (plain, workers1, cold) for ok, detail in measured.checks if not ok)),
        lib.Target("cached runs make no device request and list the same inventory",
                   all(count == 0 for count in warm.requests) and same_inventory,
                   f"requests {warm.requests}, same inventory: {same_inventory}"),
    ]
    results: dict[str, Any] = {"stbs": coll.total, "pages": coll.pages, "latency_ms": hmp.LATENCY_MS, "repeat": times,
                               "hosts": hosts}
    for key, measured in (("inventory", plain), ("inventory_workers1", workers1), ("inventory_cache_fill", cold),
                          ("inventory_cached", warm)):
        results[key] = {"wall_s": measured.wall, "walls": measured.walls, "requests": measured.request_count}
    results["baseline_uri_loop"] = {"wall_s": loop.wall, "requests": loop.requests, "note": loop.note}
    if follow is not None:
        results["baseline_uri_follow"] = {"wall_s": follow.wall, "requests": follow.request_count}
    results["targets"] = {target.text: {"met": target.met, "enforced": target.enforced} for target in targets}
    lib.save_result(name, results)
    for target in targets:
        print(target.line())
    print(lib.bench_line(f"{name}_vs_workers1", plain.request_count, plain.wall, workers1.request_count, workers1.wall))
    print(lib.bench_line(f"{name}_cached", warm.request_count, warm.wall, loop.requests, loop.wall))
    print(lib.bench_line(name, plain.request_count, plain.wall, loop.requests, loop.wall), flush=True)
    return targets
