# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Shared helpers of ``make bench``: simulators, ansible-playbook runs, request logs, timing and BENCH lines.

Standard library only. The scenarios under ``benchmarks/scenarios/`` use these helpers; ``benchmarks/run.py``
runs them.
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from contextlib import contextmanager
from typing import Any, Iterator

BENCH_DIR = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH_DIR)
SERVE = os.path.join(ROOT, "tests", "simulators", "serve.py")
CALLBACK_DIR = os.path.join(BENCH_DIR, "callback_plugins")
RESULTS_DIR = os.path.join(BENCH_DIR, "results")

RECAP_RE = re.compile(r"^(?P<host>\S+)\s+:\s+(?P<counts>(?:\w+=\d+\s*)+)$")


class BenchError(Exception):
    """A benchmark could not run (simulator did not start, a playbook failed...)."""


def log(message: str) -> None:
    """Progress output (stderr keeps stdout for results)."""
    print(f"bench: {message}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------- simulators
@dataclass
class Simulator:
    """A running ``tests/simulators/serve.py`` process and its control API."""

    device: str
    url: str
    port: int
    process: subprocess.Popen[str]
    stderr_path: str

    def control(self, method: str, path: str, body: Any = None) -> Any:
        """Call the control API (``/__sim__/...``: no auth, no latency, never logged)."""
        return http_json(method, self.url + path, body)

    def request_log(self) -> list[dict[str, Any]]:
        """The device requests seen since the last :meth:`clear_log`."""
        result = self.control("GET", "/__sim__/requests")
        if not isinstance(result, list):
            raise BenchError(f"unexpected request log: {result!r}")
        return result

    def clear_log(self) -> None:
        """Empty the request log."""
        self.control("DELETE", "/__sim__/requests")


def http_json(method: str, url: str, body: Any = None, auth: tuple[str, str] | None = None, timeout: float = 30.0) -> Any:
    """One HTTP request with an optional JSON body; returns the decoded JSON answer (``None`` when empty)."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    if auth is not None:
        token = base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode()
        request.add_header("Authorization", f"Basic {token}")
    with urllib.request.urlopen(request, timeout=timeout) as answer:  # nosec B310 - loopback simulator only
        raw = answer.read()
    return json.loads(raw) if raw.strip() else None


def _read_first_line(process: subprocess.Popen[str], timeout: float) -> str:
    """The first stdout line of ``process``, or ``""`` after ``timeout`` seconds or when it exits."""
    lines: list[str] = []

    def reader() -> None:
        assert process.stdout is not None
        lines.append(process.stdout.readline())

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    thread.join(timeout)
    return lines[0] if lines else ""


@contextmanager
def simulator(device: str, *args: str, workdir: str) -> Iterator[Simulator]:
    """Start ``serve.py DEVICE --port 0 ARGS`` on loopback, yield it, stop it (SIGTERM) on exit."""
    stderr_path = os.path.join(workdir, f"{device}.sim.err")
    command = [sys.executable, SERVE, device, "--host", "127.0.0.1", "--port", "0", *args]
    with open(stderr_path, "w", encoding="utf-8") as stderr:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=stderr, text=True)  # pylint: disable=consider-using-with
    try:
        line = _read_first_line(process, 30.0)
        try:
            ready = json.loads(line)
        except ValueError as exc:
            with open(stderr_path, encoding="utf-8") as err:
                raise BenchError(f"the {device} simulator did not start: {line!r} {err.read()}") from exc
        sim = Simulator(device=device, url=ready["url"], port=int(ready["port"]), process=process, stderr_path=stderr_path)
        log(f"{device} simulator on {sim.url} (pid {process.pid}; {' '.join(args)})")
        yield sim
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stdout is not None:
            process.stdout.close()


# ---------------------------------------------------------------- ansible
def find_ansible_playbook() -> str:
    """``ansible-playbook`` next to this Python (its venv), else the first on PATH."""
    candidate = os.path.join(os.path.dirname(sys.executable), "ansible-playbook")
    if os.access(candidate, os.X_OK):
        return candidate
    found = shutil.which("ansible-playbook")
    if not found:
        raise BenchError("ansible-playbook not found (run with the venv's python, e.g. .venv/core219/bin/python)")
    return found


def collections_path(workdir: str) -> str:
    """ANSIBLE_COLLECTIONS_PATH to use: the caller's (``make bench`` sets ``.build``) if it holds this collection,
    else a symlink ``WORKDIR/collections/ansible_collections/broadcast/video`` -> the repo root."""
    given = os.environ.get("ANSIBLE_COLLECTIONS_PATH", "")
    for entry in given.split(os.pathsep):
        if entry and os.path.isfile(os.path.join(entry, "ansible_collections", "broadcast", "video", "galaxy.yml")):
            return given
    base = os.path.join(workdir, "collections")
    namespace = os.path.join(base, "ansible_collections", "broadcast")
    link = os.path.join(namespace, "video")
    if not os.path.islink(link):
        os.makedirs(namespace, exist_ok=True)
        os.symlink(ROOT, link)
    return base


def ansible_env(workdir: str, extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of every ansible-playbook run: this collection, no colour, quiet warnings, local config."""
    env = dict(os.environ)
    env.update({
        "ANSIBLE_COLLECTIONS_PATH": collections_path(workdir),
        "ANSIBLE_COLLECTIONS_SCAN_SYS_PATH": "false",
        "ANSIBLE_NOCOLOR": "1",
        "ANSIBLE_FORCE_COLOR": "0",
        "ANSIBLE_DEPRECATION_WARNINGS": "false",
        "ANSIBLE_LOCALHOST_WARNING": "false",
        "ANSIBLE_INVENTORY_UNPARSED_WARNING": "false",
        "ANSIBLE_RETRY_FILES_ENABLED": "false",
        "ANSIBLE_HOST_KEY_CHECKING": "false",
        "ANSIBLE_LOCAL_TEMP": os.path.join(workdir, "ansible-local"),
        "ANSIBLE_REMOTE_TEMP": os.path.join(workdir, "ansible-remote"),
        "ANSIBLE_CONFIG": _empty_config(workdir),
    })
    env.update(extra or {})
    return env


def _empty_config(workdir: str) -> str:
    """An empty ansible.cfg, so no user or project configuration changes what is measured."""
    path = os.path.join(workdir, "ansible.cfg")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("[defaults]\n")
    return path


def write_inventory(workdir: str) -> str:
    """An inventory with ``localhost`` on the local connection and this Python (it has ``requests``)."""
    path = os.path.join(workdir, "inventory.ini")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(f"localhost ansible_connection=local ansible_python_interpreter={sys.executable}\n")
    return path


def write_vars(workdir: str, name: str, data: dict[str, Any]) -> str:
    """Write ``data`` as a vars file (JSON is YAML) and return its path."""
    path = os.path.join(workdir, name)
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(data, handle, indent=1)
    return path


@dataclass
class PlaybookRun:
    """One timed ``ansible-playbook`` command."""

    playbook: str
    rc: int
    wall_s: float
    output: str
    recap: dict[str, dict[str, int]] = field(default_factory=dict)

    def count(self, key: str) -> int:
        """Sum of ``key`` (``changed``, ``failed``...) over the PLAY RECAP hosts."""
        return sum(counts.get(key, 0) for counts in self.recap.values())

    def tail(self, lines: int = 40) -> str:
        """The last ``lines`` lines of the output (for error reports)."""
        return "\n".join(self.output.splitlines()[-lines:])


def parse_recap(output: str) -> dict[str, dict[str, int]]:
    """The PLAY RECAP as ``{host: {ok: n, changed: n, ...}}``."""
    recap: dict[str, dict[str, int]] = {}
    in_recap = False
    for line in output.splitlines():
        if line.startswith("PLAY RECAP"):
            in_recap = True
            continue
        if in_recap:
            match = RECAP_RE.match(line.strip())
            if match:
                counts = dict(pair.split("=") for pair in match.group("counts").split())
                recap[match.group("host")] = {key: int(value) for key, value in counts.items()}
    return recap


def run_playbook(playbook: str, workdir: str, env: dict[str, str], extra_vars_files: list[str], label: str) -> PlaybookRun:
    """Run and time the whole ``ansible-playbook`` command (its start-up included); keep its output in WORKDIR."""
    inventory = write_inventory(workdir)
    command = [find_ansible_playbook(), "-i", inventory, playbook]
    for path in extra_vars_files:
        command += ["-e", f"@{path}"]
    log(f"{label}: ansible-playbook {os.path.relpath(playbook, ROOT)}")
    start = time.perf_counter()
    result = subprocess.run(command, env=env, cwd=workdir, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False)
    wall = time.perf_counter() - start
    with open(os.path.join(workdir, f"{label}.log"), "w", encoding="utf-8") as handle:
        handle.write(result.stdout)
    run = PlaybookRun(playbook=playbook, rc=result.returncode, wall_s=wall, output=result.stdout, recap=parse_recap(result.stdout))
    log(f"{label}: rc={run.rc} wall={wall:.2f}s recap={run.recap}")
    return run


# ---------------------------------------------------------------- other ansible commands (ansible-inventory)
def find_ansible_tool(tool: str) -> str:
    """``tool`` (``ansible-inventory``...) next to this Python (its venv), else the first on PATH."""
    candidate = os.path.join(os.path.dirname(sys.executable), tool)
    if os.access(candidate, os.X_OK):
        return candidate
    found = shutil.which(tool)
    if not found:
        raise BenchError(f"{tool} not found (run with the venv's python, e.g. .venv/core219/bin/python)")
    return found


@dataclass
class CommandRun:
    """One timed command (``ansible-inventory --list``...): its exit status, wall time, stdout and stderr."""

    command: list[str]
    rc: int
    wall_s: float
    stdout: str
    stderr: str

    def tail(self, lines: int = 40) -> str:
        """The last ``lines`` lines of stderr, else of stdout (for error reports)."""
        text = self.stderr if self.stderr.strip() else self.stdout
        return "\n".join(text.splitlines()[-lines:])


def run_command(command: list[str], workdir: str, env: dict[str, str], label: str) -> CommandRun:
    """Run and time the whole command (its start-up included); keep its stdout and stderr in WORKDIR."""
    log(f"{label}: {' '.join(os.path.basename(part) if i == 0 else part for i, part in enumerate(command))}")
    start = time.perf_counter()
    result = subprocess.run(command, env=env, cwd=workdir, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, check=False)
    wall = time.perf_counter() - start
    for suffix, text in (("out", result.stdout), ("err", result.stderr)):
        with open(os.path.join(workdir, f"{label}.{suffix}"), "w", encoding="utf-8") as handle:
            handle.write(text)
    log(f"{label}: rc={result.returncode} wall={wall:.2f}s")
    return CommandRun(command=command, rc=result.returncode, wall_s=wall, stdout=result.stdout, stderr=result.stderr)


def run_inventory(inventory: str, workdir: str, env: dict[str, str], label: str, *args: str) -> CommandRun:
    """``ansible-inventory -i INVENTORY --list ARGS``, timed (start-up included)."""
    return run_command([find_ansible_tool("ansible-inventory"), "-i", inventory, "--list", *args], workdir, env, label)


def callback_env(*envs: dict[str, str]) -> dict[str, str]:
    """Merge the environments of several helper callbacks (``marks_env``...): the callback directories and the
    enabled callbacks are joined, everything else is taken as is."""
    merged: dict[str, str] = {}
    joiners = {"ANSIBLE_CALLBACK_PLUGINS": os.pathsep, "ANSIBLE_CALLBACKS_ENABLED": ","}
    for env in envs:
        for key, value in env.items():
            if key in joiners and merged.get(key):
                merged[key] = merged[key] + joiners[key] + value
            else:
                merged[key] = value
    return merged


def median(values: list[float]) -> float:
    """The median of ``values`` (the mean of the middle two for an even count)."""
    if not values:
        raise BenchError("median of no values")
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


class MedianRuns:
    """What every measured command reports over its repeated runs; a scenario's dataclass with the lists ``walls``
    (seconds), ``requests`` (count per run) and ``checks`` (``(ok, detail)`` per run) inherits it."""

    walls: list[float]
    requests: list[int]
    checks: list[tuple[bool, str]]

    @property
    def wall(self) -> float:
        """Median wall time (s)."""
        return median(self.walls)

    @property
    def request_count(self) -> int:
        """Requests of the median run (every run is checked to make the same requests)."""
        return self.requests[self.walls.index(sorted(self.walls)[(len(self.walls) - 1) // 2])]

    @property
    def checks_ok(self) -> bool:
        """Every run made exactly the expected requests."""
        return all(ok for ok, _detail in self.checks)


# ---------------------------------------------------------------- request marks (callback plugin)
def marks_env(sim: Simulator, marks_file: str) -> dict[str, str]:
    """Environment enabling the ``bench_request_marks`` callback: it notes the request-log length at every task start."""
    return {
        "ANSIBLE_CALLBACK_PLUGINS": CALLBACK_DIR,
        "ANSIBLE_CALLBACKS_ENABLED": "bench_request_marks",
        "BENCH_SIM_URL": sim.url,
        "BENCH_MARKS_FILE": marks_file,
    }


def split_by_task(requests: list[dict[str, Any]], marks_file: str) -> list[tuple[str, list[dict[str, Any]]]]:
    """Cut the request log into ``(task name, requests)`` with the marks the callback wrote."""
    with open(marks_file, encoding="utf-8") as handle:
        marks = json.load(handle)
    tasks: list[dict[str, Any]] = marks["tasks"]
    bounds = [task["start"] for task in tasks] + [marks["end"]]
    return [(task["name"], requests[bounds[i]:bounds[i + 1]]) for i, task in enumerate(tasks)]


# ---------------------------------------------------------------- results
@dataclass
class Target:
    """A target a scenario checks; ``run.py`` exits non-zero when one is not met."""

    text: str
    met: bool
    detail: str = ""
    enforced: bool = True

    @property
    def failed(self) -> bool:
        """Not met and enforced (an informational target never fails the run)."""
        return self.enforced and not self.met

    def line(self) -> str:
        """``target TEXT: MET`` (or ``NOT MET (detail)``; ``(informational: why)`` when not enforced)."""
        verdict = "MET" if self.met else "NOT MET"
        notes = [self.detail] if self.detail and not self.met else []
        if not self.enforced:
            notes.append("informational only at this size")
        return f"target {self.text}: {verdict}" + (f" ({'; '.join(notes)})" if notes else "")


def bench_line(name: str, requests: int, wall_s: float, baseline_requests: int, baseline_wall_s: float) -> str:
    """``BENCH name requests=n wall_s=s baseline_requests=n baseline_wall_s=s speedup=x`` (speedup = baseline / ours)."""
    speedup = baseline_wall_s / wall_s if wall_s > 0 else float("inf")
    return (f"BENCH {name} requests={requests} wall_s={wall_s:.2f} baseline_requests={baseline_requests} "
            f"baseline_wall_s={baseline_wall_s:.2f} speedup={speedup:.1f}")


def save_result(name: str, data: dict[str, Any]) -> str:
    """Write ``benchmarks/results/NAME.json`` (git-ignored) and return its path."""
    os.makedirs(RESULTS_DIR, exist_ok=True)
    path = os.path.join(RESULTS_DIR, f"{name}.json")
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(data, handle, indent=1, sort_keys=True)
    return path


def make_workdir(prefix: str) -> str:
    """A fresh temporary directory (removed by the caller unless ``--keep``)."""
    return tempfile.mkdtemp(prefix=f"broadcast-video-bench-{prefix}-")
