# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the HMP scenarios (``hmp_facts``, ``hmp_inventory``) share: credentials, the collection size read before
measuring, the request-log check (login + every page once + logout), the ``ansible.builtin.uri`` baselines
(``benchmarks/hmp/uri_pages.yml``, ``uri_follow.yml``) and the task-time callback. Not a scenario (no ``run()``).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import urllib.request
from collections import Counter
from dataclasses import dataclass
from typing import Any, Callable

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import lib  # noqa: E402  pylint: disable=wrong-import-position

LATENCY_MS = 20
USERNAME, PASSWORD = "haiadmin", "hmp-password"
HMP_DIR = os.path.join(lib.BENCH_DIR, "hmp")
TIMES_CALLBACK_DIR = os.path.join(HMP_DIR, "callback_plugins")
LOGIN_PATH = "/apis/authentication/login"
COOKIE = "calypso-session-id"
DEFAULT_REPEAT = 3
#: Above this many pages the uri baseline is measured on a sample and extrapolated.
MAX_FULL_BASELINE_PAGES = 60
SAMPLE_PAGES = 20


# ---------------------------------------------------------------- the simulator
def _device_call(sim: lib.Simulator, method: str, path: str, cookie: str | None = None, body: Any = None) -> tuple[Any, str]:
    """One device request (set-up only, never during a measurement); returns the decoded body and the session
    cookie the answer set (``""`` when none)."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(sim.url + path, data=data, method=method)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    if cookie:
        request.add_header("Cookie", f"{COOKIE}={cookie}")
    with urllib.request.urlopen(request, timeout=30) as answer:  # nosec B310 - loopback simulator only
        raw = answer.read()
        set_cookie = answer.headers.get("Set-Cookie") or ""
    session = set_cookie.split(";", 1)[0].split("=", 1)[1] if set_cookie.startswith(COOKIE + "=") else ""
    return (json.loads(raw) if raw.strip() else None), session


@dataclass
class Collection:
    """What a paged collection holds, read once before measuring."""

    path: str
    page_size: int
    stb: bool
    total: int
    pages: int

    @property
    def paging(self) -> str:
        """``stb`` (numPages/hasMoreData) or ``results`` (results/pageSize/next), as uri_pages.yml calls them."""
        return "stb" if self.stb else "results"


def read_collection(sim: lib.Simulator, path: str, page_size: int, stb: bool) -> Collection:
    """Log in, read page 1 of ``path`` (its paging tells the total and the page count), log out, clear the log."""
    _unused, cookie = _device_call(sim, "POST", LOGIN_PATH, body={"username": USERNAME, "password": PASSWORD})
    if not cookie:
        raise lib.BenchError("the HMP simulator answered the login without a session cookie")
    first, _unused = _device_call(sim, "GET", f"{path}?page=1&pageSize={page_size}", cookie=cookie)
    _device_call(sim, "DELETE", LOGIN_PATH, cookie=cookie)
    sim.clear_log()
    paging = first.get("paging") or {}
    if stb:
        total, pages = int(paging["numResults"]), int(paging["numPages"])
    else:
        total = int(paging["results"])
        pages = -(-total // int(paging["pageSize"]))
    return Collection(path=path, page_size=page_size, stb=stb, total=total, pages=pages)


def check_requests(requests: list[dict[str, Any]], coll: Collection) -> tuple[bool, str]:
    """Exactly one login, every page 1..N of the collection once at its page size, one logout (the collection's
    client and the uri baselines both log out), nothing else. Returns (ok, ``requests=n: login=1 pages=N (...) logout=1``)."""
    counts: Counter[str] = Counter()
    pages: Counter[int] = Counter()
    others: list[str] = []
    sizes: set[str] = set()
    for request in requests:
        method, path = request["method"], request["path"]
        if path == LOGIN_PATH and method in ("POST", "DELETE"):
            counts["login" if method == "POST" else "logout"] += 1
        elif method == "GET" and path == coll.path:
            query = request.get("query") or {}
            pages[int(query.get("page", 1))] += 1
            sizes.add(str(query.get("pageSize")))
        else:
            others.append(f"{method} {path}")
    expected_pages = Counter(range(1, coll.pages + 1))
    repeated = sorted(number for number, count in pages.items() if count > 1)
    missing = sorted(set(expected_pages) - set(pages))
    ok = (counts["login"] == 1 and counts["logout"] == 1 and pages == expected_pages and not others
          and sizes == {str(coll.page_size)})
    detail = (f"requests={len(requests)}: login={counts['login']} pages={sum(pages.values())} "
              f"(pageSize={','.join(sorted(sizes)) or '-'}, expected pages 1..{coll.pages} once each"
              f"{'; repeated ' + str(repeated) if repeated else ''}{'; missing ' + str(missing) if missing else ''}) "
              f"logout={counts['logout']}{' other=' + str(others[:5]) if others else ''}")
    return ok, detail


# ---------------------------------------------------------------- task times (callback)
def times_env(times_file: str) -> dict[str, str]:
    """Environment enabling ``benchmarks/hmp/callback_plugins/bench_task_times.py``."""
    return {
        "ANSIBLE_CALLBACK_PLUGINS": TIMES_CALLBACK_DIR,
        "ANSIBLE_CALLBACKS_ENABLED": "bench_task_times",
        "BENCH_TASK_TIMES_FILE": times_file,
    }


def read_times(times_file: str) -> dict[str, float]:
    """Task name -> seconds (tasks of the same name are summed), plus ``playbook`` (first task start to the end)."""
    with open(times_file, encoding="utf-8") as handle:
        data = json.load(handle)
    result: dict[str, float] = {"playbook": float(data["playbook_seconds"])}
    for task in data["tasks"]:
        result[task["name"]] = result.get(task["name"], 0.0) + float(task.get("seconds", 0.0))
    return result


# ---------------------------------------------------------------- measured runs
@dataclass
class Measured(lib.MedianRuns):
    """The runs of one measured command: wall times, request counts and checks, task times of each run."""

    label: str
    walls: list[float]
    requests: list[int]
    checks: list[tuple[bool, str]]
    task_times: list[dict[str, float]]

    def task(self, name: str) -> float:
        """Median seconds of task ``name`` over the runs (0 when the callback was not used)."""
        values = [times[name] for times in self.task_times if name in times]
        return lib.median(values) if values else 0.0

    def walls_text(self) -> str:
        """``median X s (runs a, b, c)``."""
        runs = ", ".join(f"{wall:.2f}" for wall in self.walls)
        return f"{self.wall:.2f}s" + (f" (median of {len(self.walls)}: {runs})" if len(self.walls) > 1 else "")


def repeat_count(options: argparse.Namespace) -> int:
    """``--repeat`` or the default (3)."""
    return max(1, getattr(options, "repeat", 0) or DEFAULT_REPEAT)


@dataclass
class Runner:
    """One measured command: ``once(run_label) -> (wall_s, task-times file or None)``; its requests are checked
    against ``coll`` (None: only counted)."""

    label: str
    once: Callable[[str], tuple[float, str | None]]
    coll: Collection | None


def settled_log(sim: lib.Simulator, timeout: float = 2.0) -> list[dict[str, Any]]:
    """The request log once two reads 50 ms apart agree: the simulator logs a request just after answering it, so
    the last answer of a command that just exited may not be logged yet."""
    requests = sim.request_log()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        time.sleep(0.05)
        again = sim.request_log()
        if len(again) == len(requests):
            return again
        requests = again
    return requests


def interleave(sim: lib.Simulator, times: int, runners: list[Runner]) -> list[Measured]:
    """``times`` rounds, each running every runner once in order (A B C, A B C...), so that the load of a shared
    machine weighs on every command alike; the request log is cleared before each run. One :class:`Measured` per
    runner, in order."""
    results = [Measured(label=runner.label, walls=[], requests=[], checks=[], task_times=[]) for runner in runners]
    for index in range(times):
        for runner, result in zip(runners, results):
            run_label = runner.label if times == 1 else f"{runner.label}-{index + 1}"
            sim.clear_log()
            wall, times_file = runner.once(run_label)
            requests = settled_log(sim)
            result.walls.append(wall)
            result.requests.append(len(requests))
            result.checks.append(check_requests(requests, runner.coll) if runner.coll is not None
                                 else (True, f"requests={len(requests)}"))
            if times_file and os.path.exists(times_file):
                result.task_times.append(read_times(times_file))
    return results


def measure(label: str, times: int, sim: lib.Simulator, once: Callable[[str], tuple[float, str | None]],
            coll: Collection | None) -> Measured:
    """One command ``times`` times (see :func:`interleave`)."""
    return interleave(sim, times, [Runner(label, once, coll)])[0]


# ---------------------------------------------------------------- the uri baselines
@dataclass
class Baseline:
    """The uri baseline: wall time and requests (measured, or extrapolated from a sample), and how."""

    wall: float
    requests: int
    note: str
    measured: Measured | None = None


class UriBaseline:
    """Runs ``benchmarks/hmp/uri_pages.yml`` / ``uri_follow.yml`` against one collection of the simulator."""

    def __init__(self, sim: lib.Simulator, workdir: str, coll: Collection) -> None:
        self.sim = sim
        self.workdir = workdir
        self.coll = coll

    def _vars(self, label: str, max_pages: int) -> str:
        return lib.write_vars(self.workdir, f"{label}.json", {
            "hmp_url": self.sim.url, "hmp_username": USERNAME, "hmp_password": PASSWORD, "hmp_path": self.coll.path,
            "hmp_page_size": self.coll.page_size, "hmp_paging": self.coll.paging, "hmp_expected": self.coll.total,
            "hmp_max_pages": max_pages,
        })

    def _once(self, playbook: str, max_pages: int) -> Callable[[str], tuple[float, str | None]]:
        def once(label: str) -> tuple[float, str | None]:
            times_file = os.path.join(self.workdir, f"{label}.times.json")
            env = lib.ansible_env(self.workdir, times_env(times_file))
            result = lib.run_playbook(os.path.join(HMP_DIR, playbook), self.workdir, env, [self._vars(label, max_pages)], label)
            if result.rc != 0:
                raise lib.BenchError(f"{label}: the uri baseline failed (rc={result.rc}):\n{result.tail()}")
            return result.wall_s, times_file
        return once

    def sample_pages(self, options: argparse.Namespace) -> int:
        """Pages of the sample to extrapolate from, or 0 to measure the whole collection: ``--baseline-items N``
        (read as pages), else ``SAMPLE_PAGES`` above ``MAX_FULL_BASELINE_PAGES`` pages, else 0."""
        sample = int(getattr(options, "baseline_items", 0) or 0)
        if not sample and self.coll.pages > MAX_FULL_BASELINE_PAGES:
            sample = SAMPLE_PAGES
        return max(sample, 2) if 0 < sample < self.coll.pages else 0

    def loop_runner(self, label: str) -> Runner:
        """uri_pages.yml over the whole collection, for :func:`interleave`."""
        return Runner(label, self._once("uri_pages.yml", 0), self.coll)

    def measured(self, measured: Measured) -> Baseline:
        """The baseline of whole-collection runs."""
        return Baseline(measured.wall, measured.request_count, f"measured over all {self.coll.pages} pages", measured)

    def extrapolated(self, label: str, sample_pages: int) -> Baseline:
        """uri_pages.yml on a sample, extrapolated linearly: ``wall = fixed + (sample - fixed) / (k - 1) x (N - 1)``
        where ``fixed`` is the run reading page 1 only and ``k`` the sample's pages."""
        pages = self.coll.pages
        fixed = measure(f"{label}-page1", 1, self.sim, self._once("uri_pages.yml", 1), None)
        sample = measure(f"{label}-sample", 1, self.sim, self._once("uri_pages.yml", sample_pages), None)
        per_page = max(sample.wall - fixed.wall, 0.0) / (sample_pages - 1)
        wall = fixed.wall + per_page * (pages - 1)
        requests = fixed.request_count + (pages - 1)
        note = (f"EXTRAPOLATED linearly from a sample of {sample_pages} of {pages} pages: sample {sample.wall:.2f}s "
                f"({sample.request_count} requests), page 1 only {fixed.wall:.2f}s ({fixed.request_count} requests), "
                f"{per_page * 1000:.0f} ms per further page; wall = page-1 run + per page x {pages - 1}")
        return Baseline(wall, requests, note)

    def follow(self, label: str) -> Measured | None:
        """uri_follow.yml once (following the paging links with a recursive include), or None for a collection
        the loop baseline had to extrapolate (it would take too long)."""
        if self.coll.pages > MAX_FULL_BASELINE_PAGES:
            return None
        return measure(label, 1, self.sim, self._once("uri_follow.yml", 0), self.coll)
