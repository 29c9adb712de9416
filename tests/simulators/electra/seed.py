# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Generated starting data of the Electra XT simulator: a pure function of ``(jobs, nodes, seed)``.

``from electra.seed import generate`` (with ``tests/simulators`` on ``sys.path``) regenerates exactly what a simulator
started with ``--jobs J --nodes N --seed S`` loads. Times are offsets in seconds before the moment of loading (the
state turns them into clock times), so everything but the clock is reproducible.

* nodes ``xt-node-01``...: node 1 ``master``, node 2 ``masterisable``, the others ``standard``, all ``up``;
* the workflow library (:data:`WORKFLOWS`, 8 workflows: live, file and statmux);
* jobs ``<channel>-0001``... assigned to nodes round robin; ``jobs // 6`` of them ``stopped`` (a major alarm
  "job <name> stopped" each) and ``jobs // 12`` ``failed`` (a critical alarm "job <name> failed: ..."), picked by the
  seed; the rest ``running``; with 6 jobs or more one running job also has a minor alarm;
* a warning alarm on node 1 (NTP), log lines for the boot, the nodes and each alarm;
* storage: ``/``, ``/data`` (fixed disks) and two ``nfs://media-archive/...`` mounts (network disks).
"""

from __future__ import annotations

import math
import random

from electra.model import Alarm, Job, LogLine, Node, Population, Storage, SystemInfo, Workflow
from electra.profile import ARC

SYSTEM_OBJECT_ID = tuple(int(part) for part in (ARC + ".1").split("."))
"""``sysObjectID.0``: 1.3.6.1.4.1.32473.1.1, under the documentation arc like every modeled OID."""

# index, name, version, category, description, codec, resolution, bitrate (kbit/s), weight
WORKFLOWS: tuple[tuple[int, str, str, str, str, str, str, int, int], ...] = (
    (1, "Live HD H.264 ABR", "3.2.1", "live", "HD live channel, H.264 ABR ladder for OTT", "H.264", "1920x1080", 8000, 30),
    (2, "Live UHD HEVC", "2.4.0", "live", "UHD live channel, HEVC Main10 HDR", "HEVC", "3840x2160", 20000, 8),
    (3, "Live SD MPEG-2 contribution", "1.9.3", "live", "SD contribution feed, MPEG-2 4:2:0", "MPEG-2", "720x576", 4500, 10),
    (4, "Live HD HEVC broadcast", "2.6.0", "live", "HD live channel, HEVC for DVB-T2", "HEVC", "1920x1080", 5000, 20),
    (5, "Statmux pool HD", "2.1.0", "statmux", "Statistical multiplexing pool member, HD", "H.264", "1920x1080", 6000, 12),
    (6, "Statmux pool SD", "1.8.4", "statmux", "Statistical multiplexing pool member, SD", "MPEG-2", "720x576", 3000, 8),
    (7, "File transcode mezzanine", "1.6.2", "file", "File transcode to XDCAM HD422 mezzanine", "MPEG-2 422", "1920x1080", 50000, 6),
    (8, "File transcode OTT ladder", "2.0.5", "file", "File transcode to an H.264 OTT ladder", "H.264", "1280x720", 3500, 6),
)
CHANNELS = ("news", "sports", "movies", "kids", "music", "weather", "docs", "shopping", "regional", "events", "series", "classics")
LANGUAGES = ("eng", "eng", "eng", "fra", "deu", "spa", "ita", "nld", "por")
LABELS = ("studio A feed", "studio B feed", "backup path", "DVB-T2 mux 1", "DVB-T2 mux 2", "OTT origin", "contribution uplink")
FAILURES = ("input signal lost", "license unavailable", "output destination unreachable", "encoder process crashed")


def _system() -> SystemInfo:
    return SystemInfo(
        descr="Harmonic Electra XT video system (broadcast.video simulator; modeled management interface, OIDs under "
              f"{ARC}, not Harmonic's MIB)",
        object_id=SYSTEM_OBJECT_ID,
        contact="noc@broadcast.example",
        name="electra-xt-sim",
        location="Playout centre, rack B3 (simulated)",
    )


def _storage(rng: random.Random) -> list[Storage]:
    rows = []
    gib = 1024 ** 3
    for index, (kind, descr, units, size_bytes, used_share) in enumerate((
            ("fixedDisk", "/", 4096, 64 * gib, rng.uniform(0.25, 0.45)),
            ("fixedDisk", "/data", 4096, 1800 * gib, rng.uniform(0.40, 0.75)),
            ("networkDisk", "nfs://media-archive/ingest", 1048576, 200 * 1024 * gib, rng.uniform(0.50, 0.85)),
            ("networkDisk", "nfs://media-archive/playout", 1048576, 120 * 1024 * gib, rng.uniform(0.30, 0.70)),
    ), start=1):
        size = size_bytes // units
        rows.append(Storage(index=index, type=kind, descr=descr, allocation_units=units, size=size, used=int(size * used_share)))
    return rows


def generate(jobs: int, nodes: int, seed: int, empty: bool = False) -> Population:
    """The population of ``--jobs jobs --nodes nodes --seed seed`` (``empty``: no jobs, alarms or log lines)."""
    rng = random.Random(f"electra/{seed}")
    uptime = float(rng.randint(3, 40) * 86400 + rng.randint(0, 86399))
    population = Population(system=_system(), uptime_s=uptime)
    capacity = max(8, 4 * math.ceil(1.25 * jobs / max(1, nodes) / 4))
    for index in range(1, nodes + 1):
        role = "master" if index == 1 else "masterisable" if index == 2 else "standard"
        population.nodes.append(Node(index=index, name=f"xt-node-{index:02d}", address=f"10.40.1.{10 + index}" if index < 240 else
                                     f"10.40.{1 + index // 240}.{10 + index % 240}", role=role, status="up", capacity=capacity))
    workflows = [Workflow(index=row[0], name=row[1], version=row[2], category=row[3], description=row[4], codec=row[5], resolution=row[6],
                          bitrate_kbps=row[7]) for row in WORKFLOWS]
    population.workflows = workflows
    population.storage = _storage(rng)
    if empty:
        return population

    weights = [row[8] for row in WORKFLOWS]
    picks = rng.choices(workflows, weights=weights, k=jobs)
    order = list(range(1, jobs + 1))
    rng.shuffle(order)
    stopped = set(order[:jobs // 6])
    failed = set(order[jobs // 6:jobs // 6 + jobs // 12])
    minor = order[jobs // 6 + jobs // 12] if jobs >= 6 else None
    pending_alarms: list[tuple[float, Alarm]] = []
    logs: list[tuple[float, str, str, str]] = [(uptime, "info", "system", "system started")]
    for node in population.nodes:
        logs.append((uptime - 30 - node.index, "info", f"node:{node.index}", f"node {node.name} joined the cluster"))
    for index in range(1, jobs + 1):
        workflow = picks[index - 1]
        channel = CHANNELS[(index - 1) % len(CHANNELS)]
        number = (index - 1) // len(CHANNELS) + 1
        suffix = {"3840x2160": " UHD", "720x576": " SD"}.get(workflow.resolution, " HD")
        status = "stopped" if index in stopped else "failed" if index in failed else "running"
        name = f"{channel}-{index:04d}"
        params = {
            "codec": workflow.codec,
            "resolution": workflow.resolution,
            "output_bitrate": workflow.bitrate_kbps + 500 * rng.randint(-2, 4),
            "service_name": f"{channel.capitalize()} {number}{suffix}",
            "audio_language": rng.choice(LANGUAGES),
            "custom_label": rng.choice(LABELS) if rng.random() < 0.3 else "",
        }
        started = float(rng.randint(300, int(uptime) - 120)) if status == "running" else None
        population.jobs.append(Job(index=index, name=name, workflow=workflow.name, node=(index - 1) % max(1, nodes) + 1, status=status,
                                   params=params, started_at=started))
        if status != "running":
            ago = float(rng.randint(60, 6 * 3600))
            if status == "stopped":
                alarm = Alarm(0, "major", f"job:{index}", f"job {name} stopped", ago, job=index, kind="stopped")
            else:
                alarm = Alarm(0, "critical", f"job:{index}", f"job {name} failed: {rng.choice(FAILURES)}", ago, job=index, kind="failed")
            pending_alarms.append((ago, alarm))
        elif index == minor:
            ago = float(rng.randint(60, 3600))
            pending_alarms.append((ago, Alarm(0, "minor", f"job:{index}", f"job {name}: continuity counter errors on input", ago,
                                              job=index, kind="seeded")))
    if population.nodes:
        ago = float(rng.randint(600, 7200))
        pending_alarms.append((ago, Alarm(0, "warning", "node:1", f"node {population.nodes[0].name}: NTP server 10.40.0.1 unreachable", ago,
                                          job=0, kind="seeded")))
    pending_alarms.sort(key=lambda pair: -pair[0])
    for position, (ago, alarm) in enumerate(pending_alarms, start=1):
        alarm.index = position
        population.alarms.append(alarm)
        logs.append((ago, alarm.severity, alarm.source, alarm.text))
    logs.sort(key=lambda entry: -entry[0])
    for position, (ago, severity, source, text) in enumerate(logs, start=1):
        population.logs.append(LogLine(index=position, severity=severity, source=source, text=text, time=ago))
    return population
