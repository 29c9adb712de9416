# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""``make bench``: run every scenario under ``benchmarks/scenarios/`` (or ``--only NAME``) and exit non-zero when a
target is not met.

A scenario is a module ``benchmarks/scenarios/<name>.py`` defining ``NAME`` and ``run(options) -> list[Target]``;
it prints its report, ``target ...: MET|NOT MET`` lines and ``BENCH ...`` lines (the last one is its headline).

    python benchmarks/run.py                                   # everything (make bench)
    python benchmarks/run.py --only vos_lineup --channels 50   # a quick run
    python benchmarks/run.py --only hmp_facts --only hmp_inventory   # the HMP scenarios
    python benchmarks/run.py --only dms_inventory --devices 2000 --repeat 1   # a quick DMS run
    python benchmarks/run.py --only electra_facts --jobs 200 --repeat 1   # a quick Electra run
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys
from types import ModuleType

BENCH_DIR = os.path.dirname(os.path.abspath(__file__))
if BENCH_DIR not in sys.path:
    sys.path.insert(0, BENCH_DIR)

import lib  # noqa: E402  pylint: disable=wrong-import-position


def scenarios() -> list[ModuleType]:
    """Every ``benchmarks/scenarios/*.py`` module with a ``run()``, by name."""
    found = []
    for info in sorted(pkgutil.iter_modules([os.path.join(BENCH_DIR, "scenarios")]), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"scenarios.{info.name}")
        if callable(getattr(module, "run", None)):
            found.append(module)
    return found


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Run the broadcast.video benchmarks (make bench).")
    parser.add_argument("--only", action="append", default=[], metavar="NAME", help="run only this scenario (repeatable)")
    parser.add_argument("--list", action="store_true", help="list the scenarios and exit")
    parser.add_argument("--channels", type=int, default=0, help="line-up size for line-up scenarios (default: each scenario's, 500)")
    parser.add_argument("--baseline-items", type=int, default=0, metavar="N",
                        help="measure the per-item baseline on N items and extrapolate (default: all items unless the full "
                             "loop is predicted to exceed --baseline-budget)")
    parser.add_argument("--baseline-budget", type=float, default=300.0, metavar="SECONDS",
                        help="longest baseline loop measured in full (default 300)")
    parser.add_argument("--sources", type=int, default=0, help="generated HMP sources for hmp_facts (default: the scenario's, 2000)")
    parser.add_argument("--stbs", type=int, default=0, help="HMP set-top boxes for hmp_inventory (default: the scenario's, 10000)")
    parser.add_argument("--devices", type=int, default=0,
                        help="DMS devices for dms_inventory (default: the scenario's, 100000)")
    parser.add_argument("--jobs", type=int, default=0,
                        help="Electra XT jobs for electra_facts (default: the scenario's, 2000)")
    parser.add_argument("--repeat", type=int, default=0, metavar="N",
                        help="runs of each measured command in scenarios that report a median (default: each scenario's, 3)")
    parser.add_argument("--keep", action="store_true", help="keep the temp dirs (playbook logs, vars files)")
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    options = parse_args(argv)
    available = scenarios()
    if options.list:
        for module in available:
            print(f"{module.NAME}: {(module.__doc__ or '').strip().splitlines()[0]}")
        return 0
    unknown = set(options.only) - {module.NAME for module in available}
    if unknown:
        print(f"unknown scenario(s): {', '.join(sorted(unknown))}; known: {', '.join(m.NAME for m in available)}", file=sys.stderr)
        return 2
    selected = [module for module in available if not options.only or module.NAME in options.only]
    failed: list[str] = []
    for module in selected:
        try:
            targets = module.run(options)
        except lib.BenchError as exc:
            print(f"ERROR {module.NAME}: {exc}", flush=True)
            failed.append(f"{module.NAME} (error)")
            continue
        failed += [f"{module.NAME}: {target.text}" for target in targets if target.failed]
    if failed:
        print(f"bench: FAILED: {'; '.join(failed)}", flush=True)
        return 1
    print(f"bench: OK ({len(selected)} scenario(s), every target met)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
