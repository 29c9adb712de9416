# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The Electra XT state shared by the SNMP agent and the HTTP interface: nodes, workflows, jobs with parameters,
active alarms, the log, network storage, and the clock (uptime and date).

Every mutation goes through :class:`ElectraState` methods (callers hold the app lock). Each table has a version
number that changes when rows are added or removed (:meth:`ElectraState.version`), so the SNMP view rebuilds only the
tables whose rows changed; cell values are read live from these objects, so a job stopped over HTTP reads ``stopped``
over SNMP at once.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any, Callable

# Parameters every job has, in parameter-index order: (name, writable).
PARAMETERS: tuple[tuple[str, bool], ...] = (
    ("codec", False),
    ("resolution", False),
    ("output_bitrate", True),
    ("service_name", True),
    ("audio_language", True),
    ("custom_label", True),
)
WRITABLE = frozenset(name for name, writable in PARAMETERS if writable)
PARAMETER_INDEX = {name: position + 1 for position, (name, _writable) in enumerate(PARAMETERS)}

SEVERITY_RANK = {"critical": 5, "major": 4, "minor": 3, "warning": 2, "info": 1}
# The worst severity rank of a job's alarms -> its alarm_state (info alarms leave it normal).
RANK_STATE = {5: "critical", 4: "major", 3: "minor", 2: "warning"}
STORAGE_TYPES = {"ram": (1, 3, 6, 1, 2, 1, 25, 2, 1, 2), "fixedDisk": (1, 3, 6, 1, 2, 1, 25, 2, 1, 4),
                 "networkDisk": (1, 3, 6, 1, 2, 1, 25, 2, 1, 10), "other": (1, 3, 6, 1, 2, 1, 25, 2, 1, 1)}
LOG_LIMIT = 1000
MAX_BITRATE_KBPS = 200_000
TABLE_KEYS = ("nodes", "workflows", "jobs", "job_parameters", "alarms", "logs", "storage")


@dataclass
class Node:
    """A cluster node (``role``: master, masterisable, standard; ``status``: up, down, degraded)."""

    index: int
    name: str
    address: str
    role: str
    status: str
    capacity: int


@dataclass
class Workflow:
    """A workflow of the library; ``codec`` and ``resolution`` are what its jobs' read-only parameters get."""

    index: int
    name: str
    version: str
    category: str
    description: str
    codec: str
    resolution: str
    bitrate_kbps: int


@dataclass
class Job:
    """A job: ``node`` is the node index; ``params`` holds every parameter of :data:`PARAMETERS` (output_bitrate an int,
    the others strings); ``started_at`` (epoch seconds) is None unless running; ``alarm_state`` follows its alarms."""

    index: int
    name: str
    workflow: str
    node: int
    status: str
    params: dict[str, Any]
    started_at: float | None = None
    alarm_state: str = "normal"


@dataclass
class Alarm:
    """An active alarm. ``source``: ``job:<index>`` or ``node:<index>``; ``job``: the job index (0 when not a job's);
    ``kind``: why the simulator raised it (``stopped``, ``failed``, ``node_down``, ``seeded``, ``inserted``)."""

    index: int
    severity: str
    source: str
    text: str
    raised_at: float
    job: int = 0
    kind: str = "inserted"


@dataclass
class LogLine:
    """A line of the active log."""

    index: int
    severity: str
    source: str
    text: str
    time: float


@dataclass
class Storage:
    """An hrStorageTable row (``type`` a key of :data:`STORAGE_TYPES`; ``size`` and ``used`` in allocation units)."""

    index: int
    type: str
    descr: str
    allocation_units: int
    size: int
    used: int


@dataclass
class SystemInfo:
    """The SNMPv2-MIB system group values that do not come from the clock."""

    descr: str
    object_id: tuple[int, ...]
    contact: str
    name: str
    location: str
    services: int = 72


@dataclass
class Population:
    """Everything :func:`electra.seed.generate` makes (times are offsets in seconds before ``now``)."""

    system: SystemInfo
    uptime_s: float
    nodes: list[Node] = field(default_factory=list)
    workflows: list[Workflow] = field(default_factory=list)
    jobs: list[Job] = field(default_factory=list)
    alarms: list[Alarm] = field(default_factory=list)
    logs: list[LogLine] = field(default_factory=list)
    storage: list[Storage] = field(default_factory=list)


class StateError(Exception):
    """A refused change: ``status`` (HTTP), ``code`` (the error code), ``message`` and the ``parameter`` concerned."""

    def __init__(self, status: int, code: str, message: str, parameter: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.parameter = parameter


class ElectraState:  # pylint: disable=too-many-instance-attributes,too-many-public-methods
    """The live device. ``loader(empty)`` returns the :class:`Population` to (re)load; ``clock`` gives epoch seconds."""

    def __init__(self, loader: Callable[[bool], Population], clock: Callable[[], float] = time.time) -> None:
        self._loader = loader
        self.clock = clock
        self.system = SystemInfo("", (0, 0), "", "", "")
        self.boot_time = 0.0
        self.nodes: dict[int, Node] = {}
        self.workflows: dict[int, Workflow] = {}
        self.jobs: dict[int, Job] = {}
        self.alarms: dict[int, Alarm] = {}
        self.logs: OrderedDict[int, LogLine] = OrderedDict()
        self.storage: dict[int, Storage] = {}
        self.node_down: int | None = None
        self._versions = dict.fromkeys(TABLE_KEYS, 0)
        self._next_alarm = 1
        self._next_log = 1
        self._job_rev = 0
        self._node_stats: tuple[int, dict[int, tuple[int, int]]] = (-1, {})
        self.load(False)

    # Loading -------------------------------------------------------------------------------------------------------------
    def load(self, empty: bool) -> None:
        """(Re)load the seeded population (``empty``: no jobs, alarms or log lines; nodes, workflows, storage stay)."""
        population = self._loader(empty)
        now = self.clock()
        self.system = population.system
        self.boot_time = now - population.uptime_s
        self.nodes = {node.index: node for node in population.nodes}
        self.workflows = {workflow.index: workflow for workflow in population.workflows}
        self.jobs = {}
        for job in population.jobs:
            if job.started_at is not None:
                job.started_at = now - job.started_at
            self.jobs[job.index] = job
        self.alarms = {}
        for alarm in population.alarms:
            alarm.raised_at = now - alarm.raised_at
            self.alarms[alarm.index] = alarm
        self.logs = OrderedDict()
        for line in population.logs:
            line.time = now - line.time
            self.logs[line.index] = line
        while len(self.logs) > LOG_LIMIT:
            self.logs.popitem(last=False)
        self.storage = {row.index: row for row in population.storage}
        self.node_down = None
        self._next_alarm = max(self.alarms, default=0) + 1
        self._next_log = max(self.logs, default=0) + 1
        self._refresh_all_alarm_states()
        self._bump(*TABLE_KEYS)
        self._job_rev += 1

    def _bump(self, *keys: str) -> None:
        for key in keys:
            self._versions[key] += 1

    def version(self, key: str) -> int:
        """Changes whenever rows of table ``key`` are added or removed (cell values are read live)."""
        return self._versions[key]

    # Clock ---------------------------------------------------------------------------------------------------------------
    def uptime(self) -> float:
        """Seconds since the (simulated) boot."""
        return max(0.0, self.clock() - self.boot_time)

    def job_uptime(self, job: Job) -> float:
        """Seconds the job has been running (0 when it is not running)."""
        if job.status != "running" or job.started_at is None:
            return 0.0
        return max(0.0, self.clock() - job.started_at)

    # Nodes ---------------------------------------------------------------------------------------------------------------
    def node_stats(self, index: int) -> tuple[int, int]:
        """``(assigned jobs, running jobs)`` of node ``index`` (recounted only after a job changed state)."""
        revision, stats = self._node_stats
        if revision != self._job_rev:
            counts: dict[int, list[int]] = {}
            for job in self.jobs.values():
                entry = counts.setdefault(job.node, [0, 0])
                entry[0] += 1
                if job.status == "running":
                    entry[1] += 1
            stats = {node: (values[0], values[1]) for node, values in counts.items()}
            self._node_stats = (self._job_rev, stats)
        return stats.get(index, (0, 0))

    def cpu_load(self, node: Node) -> int:
        """A percentage that follows the node's running jobs against its capacity (0 when the node is down)."""
        if node.status == "down":
            return 0
        running = self.node_stats(node.index)[1]
        return min(100, 6 + round(88 * running / max(1, node.capacity)))

    def set_node_down(self, index: int | None) -> None:
        """Mark node ``index`` down (a critical ``node:<index>`` alarm and a log line); None or 0 brings it back up."""
        if index and index not in self.nodes:
            raise StateError(400, "BAD_REQUEST", f"no node {index}")
        previous = self.node_down
        if previous == (index or None):
            return
        if previous is not None and previous in self.nodes:
            node = self.nodes[previous]
            node.status = "up"
            self._clear_alarms(lambda alarm: alarm.kind == "node_down" and alarm.source == f"node:{previous}")
            self.log("info", f"node:{previous}", f"node {node.name} up")
        self.node_down = index or None
        if self.node_down is not None:
            node = self.nodes[self.node_down]
            node.status = "down"
            self.raise_alarm("critical", f"node:{node.index}", f"node {node.name} down", job=0, kind="node_down")
            self.log("critical", f"node:{node.index}", f"node {node.name} down")

    # Alarms and log ------------------------------------------------------------------------------------------------------
    def raise_alarm(self, severity: str, source: str, text: str, job: int = 0, kind: str = "inserted",
                    raised_at: float | None = None) -> Alarm:
        """Add an active alarm (and refresh the job's alarm_state)."""
        alarm = Alarm(index=self._next_alarm, severity=severity, source=source, text=text,
                      raised_at=self.clock() if raised_at is None else raised_at, job=job, kind=kind)
        self._next_alarm += 1
        self.alarms[alarm.index] = alarm
        self._bump("alarms")
        if job:
            self._refresh_alarm_state(job)
        return alarm

    def remove_alarm(self, index: int) -> Alarm | None:
        """Clear alarm ``index``; returns it, or None when there is no such active alarm."""
        alarm = self.alarms.pop(index, None)
        if alarm is not None:
            self._bump("alarms")
            if alarm.job:
                self._refresh_alarm_state(alarm.job)
        return alarm

    def _clear_alarms(self, predicate: Callable[[Alarm], bool]) -> list[Alarm]:
        cleared = [alarm for alarm in self.alarms.values() if predicate(alarm)]
        for alarm in cleared:
            self.remove_alarm(alarm.index)
        return cleared

    def _refresh_alarm_state(self, job_index: int) -> None:
        job = self.jobs.get(job_index)
        if job is None:
            return
        worst = max((SEVERITY_RANK[alarm.severity] for alarm in self.alarms.values() if alarm.job == job_index), default=0)
        job.alarm_state = RANK_STATE.get(worst, "normal")

    def _refresh_all_alarm_states(self) -> None:
        worst: dict[int, int] = {}
        for alarm in self.alarms.values():
            if alarm.job:
                worst[alarm.job] = max(worst.get(alarm.job, 0), SEVERITY_RANK[alarm.severity])
        for job in self.jobs.values():
            job.alarm_state = RANK_STATE.get(worst.get(job.index, 0), "normal")

    def log(self, severity: str, source: str, text: str, at: float | None = None) -> LogLine:
        """Append a log line (the log keeps the last :data:`LOG_LIMIT` lines)."""
        line = LogLine(index=self._next_log, severity=severity, source=source, text=text, time=self.clock() if at is None else at)
        self._next_log += 1
        self.logs[line.index] = line
        while len(self.logs) > LOG_LIMIT:
            self.logs.popitem(last=False)
        self._bump("logs")
        return line

    def remove_log(self, index: int) -> LogLine | None:
        """Remove log line ``index`` (None when absent)."""
        line = self.logs.pop(index, None)
        if line is not None:
            self._bump("logs")
        return line

    # Storage -------------------------------------------------------------------------------------------------------------
    def add_storage(self, row: Storage) -> Storage:
        """Add (or replace) an hrStorageTable row."""
        self.storage[row.index] = row
        self.storage = dict(sorted(self.storage.items()))
        self._bump("storage")
        return row

    def remove_storage(self, index: int) -> Storage | None:
        """Remove hrStorageTable row ``index`` (None when absent)."""
        row = self.storage.pop(index, None)
        if row is not None:
            self._bump("storage")
        return row

    # Jobs ----------------------------------------------------------------------------------------------------------------
    def job(self, index: int) -> Job:
        """Job ``index``; StateError 404 ``JOB_NOT_FOUND`` otherwise."""
        job = self.jobs.get(index)
        if job is None:
            raise StateError(404, "JOB_NOT_FOUND", f"job {index} not found")
        return job

    def start_job(self, index: int) -> bool:
        """Start job ``index``: ``running``, its alarms cleared, a log line. False when it was already running."""
        job = self.job(index)
        if job.status == "running":
            return False
        job.status = "running"
        job.started_at = self.clock()
        self._job_rev += 1
        self._clear_alarms(lambda alarm: alarm.job == index)
        self.log("info", f"job:{index}", f"job {job.name} started")
        return True

    def stop_job(self, index: int) -> bool:
        """Stop job ``index``: ``stopped``, a major alarm "job <name> stopped" (replacing a failed job's alarm) and a log
        line. False when it was already stopped."""
        job = self.job(index)
        if job.status == "stopped":
            return False
        job.status = "stopped"
        job.started_at = None
        self._job_rev += 1
        self._clear_alarms(lambda alarm: alarm.job == index and alarm.kind in ("stopped", "failed"))
        self.raise_alarm("major", f"job:{index}", f"job {job.name} stopped", job=index, kind="stopped")
        self.log("major", f"job:{index}", f"job {job.name} stopped")
        return True

    def set_parameters(self, index: int, changes: dict[str, Any]) -> dict[str, Any]:
        """Apply ``{name: value}`` to job ``index`` all or nothing; returns the values that changed.

        StateError 422 ``UNKNOWN_PARAMETER`` / ``READ_ONLY_PARAMETER`` / ``INVALID_PARAMETER_VALUE`` naming the first
        offending parameter (in body order); nothing is applied then.
        """
        job = self.job(index)
        cleaned: dict[str, Any] = {}
        for name, value in changes.items():
            if name not in PARAMETER_INDEX:
                raise StateError(422, "UNKNOWN_PARAMETER", f"job {job.name} has no parameter {name!r}", name)
            if name not in WRITABLE:
                raise StateError(422, "READ_ONLY_PARAMETER", f"parameter {name!r} is read-only", name)
            cleaned[name] = validate_parameter(name, value)
        changed = {name: value for name, value in cleaned.items() if job.params[name] != value}
        for name, value in changed.items():
            job.params[name] = value
            self.log("info", f"job:{index}", f"job {job.name}: parameter {name} set to {value}")
        return changed


def validate_parameter(name: str, value: Any) -> Any:
    """The stored form of a writable parameter value; StateError 422 ``INVALID_PARAMETER_VALUE`` otherwise.

    ``output_bitrate``: an integer (or decimal string) 1..200000 kbit/s; ``service_name``: a non-empty string of at most
    64 characters; ``audio_language``: an ISO 639-2 code (three letters, stored lower case); ``custom_label``: a string of
    at most 64 characters (may be empty).
    """
    def bad(reason: str) -> StateError:
        return StateError(422, "INVALID_PARAMETER_VALUE", f"parameter {name!r}: {reason}", name)

    if name == "output_bitrate":
        if isinstance(value, bool):
            raise bad("an integer number of kbit/s expected")
        if isinstance(value, str) and value.strip().isdigit():
            value = int(value.strip())
        if not isinstance(value, int) or not 1 <= value <= MAX_BITRATE_KBPS:
            raise bad(f"an integer number of kbit/s between 1 and {MAX_BITRATE_KBPS} expected")
        return value
    if not isinstance(value, str):
        raise bad("a string expected")
    if name == "service_name":
        if not value.strip() or len(value) > 64:
            raise bad("a non-empty string of at most 64 characters expected")
        return value
    if name == "audio_language":
        if len(value) != 3 or not value.isalpha() or not value.isascii():
            raise bad("a three-letter ISO 639-2 code expected")
        return value.lower()
    if len(value) > 64:
        raise bad("at most 64 characters expected")
    return value
