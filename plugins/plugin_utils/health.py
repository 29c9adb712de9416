# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Health rules of a headend's device hosts (controller side; the core of the ``broadcast.video.health_evaluate``
filter and the ``broadcast.video.health`` role).

:func:`evaluate` takes one device host's facts, as its facts module returns them (``ansible_facts.vos``,
``ansible_facts.hmp``, ``ansible_facts.dms`` or ``ansible_facts.electra``), and returns the health result of
docs/dev/roles-and-playbooks.md section 4::

    {"device": "vos-a", "integration": "vos", "status": "ok" | "warning" | "critical" | "unreachable",
     "findings": [{"rule", "value", "threshold", "crossed", "severity", "message"}, ...],
     "summary": {label: value, ...},
     "tables": [{"title", "columns": [...], "rows": [[...], ...], "total": n}, ...],
     "topology": [{"service", "state", "svg"}, ...]}          # VOS only

A threshold is crossed when ``value > threshold``. Each rule has a fixed severity (:data:`RULES`); the status is the
worst severity of the crossed findings, ``ok`` when none is crossed, and ``unreachable`` when the facts could not be
gathered (``error`` given). Tables hold strings and numbers only; a table's ``rows`` are capped at ``max_rows`` and
``total`` says how many rows there were before the cap.
"""

from __future__ import annotations

import datetime
import math
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

from ansible_collections.broadcast.video.plugins.plugin_utils.topology import service_topologies

#: Integrations, in report order.
INTEGRATIONS = ("vos", "hmp", "dms", "electra")

#: Statuses, from best to worst.
STATUSES = ("ok", "warning", "critical", "unreachable")

#: rule name -> (integration, default threshold, severity when crossed, what the value counts).
RULES: Dict[str, Tuple[str, float, str, str]] = {
    "vos_critical_notifications": ("vos", 0, "critical", "active CRITICAL notifications"),
    "vos_lost_cloud_links": ("vos", 0, "critical", "cloud links in state LOST"),
    "hmp_offline_stbs": ("hmp", 0, "warning", "set-top boxes whose status is Offline"),
    "hmp_failed_recordings": ("hmp", 0, "critical", "recordings in state ERROR, or with a recorder in state ERROR"),
    "dms_active_alarms": ("dms", 0, "critical", "active alarms of the severities counted (dms_alarm_severities)"),
    "dms_offline_devices_percent": ("dms", 10, "warning", "percentage of the DMS's devices that are offline"),
    "electra_jobs_in_alarm": ("electra", 0, "critical", "jobs whose alarm state is not normal"),
    "electra_nodes_not_up": ("electra", 0, "critical", "nodes whose status is not up"),
}

#: Default thresholds by rule name.
DEFAULT_THRESHOLDS: Dict[str, float] = {name: rule[1] for name, rule in RULES.items()}

#: DMS alarm severities, worst first; the ones counted by ``dms_active_alarms`` by default.
DMS_SEVERITIES = ("critical", "major", "minor", "warning")
DEFAULT_DMS_ALARM_SEVERITIES = ("critical", "major")

#: Rows of a table before it is capped.
DEFAULT_MAX_ROWS = 20

#: How many names a finding's message quotes.
NAMES_IN_MESSAGE = 5

#: Sort rank of severities and states seen on the devices (lower is worse); unknown values sort last.
_RANK = {"critical": 0, "error": 0, "lost": 0, "major": 1, "offline": 1, "down": 1, "failed": 1, "warning": 2,
         "degraded": 2, "minor": 3, "never": 4, "info": 5, "ok": 6, "off": 7}

#: HMP set-top box statuses that count as connected.
_HMP_CONNECTED = ("online", "standby")


def _rank(value: Any) -> int:
    return _RANK.get(str(value).lower(), 9)


def _text(value: Any) -> str:
    """A table cell: ``""`` for None, ``", "``-joined lists, else ``str``."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ", ".join(_text(v) for v in value)
    return str(value)


def _utc(value: Any, milliseconds: bool = False) -> str:
    """Epoch seconds (or milliseconds) as ``YYYY-MM-DD HH:MM UTC``; other values as text."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return _text(value)
    seconds = value / 1000.0 if milliseconds else float(value)
    try:
        moment = datetime.datetime.fromtimestamp(seconds, datetime.timezone.utc)
    except (OverflowError, OSError, ValueError):
        return _text(value)
    return moment.strftime("%Y-%m-%d %H:%M UTC")


def _names(names: Sequence[str]) -> str:
    """Up to :data:`NAMES_IN_MESSAGE` names, then ``and N more``."""
    shown = ", ".join(names[:NAMES_IN_MESSAGE])
    if len(names) > NAMES_IN_MESSAGE:
        shown += " and %d more" % (len(names) - NAMES_IN_MESSAGE)
    return shown


def _table(title: str, columns: Sequence[str], rows: List[List[Any]], max_rows: int) -> Dict[str, Any]:
    return {"title": title, "columns": list(columns), "rows": rows[:max_rows], "total": len(rows)}


def _subset(facts: Mapping[str, Any], integration: str, name: str, kind: type) -> Any:
    """``facts[name]``, checked to be a ``kind``.

    :raises ValueError: the subset is missing or of another type (the message names the ``gather_subset`` entry).
    """
    value = facts.get(name)
    if not isinstance(value, kind):
        raise ValueError("%s facts have no %r subset (%s): gather it with broadcast.video.%s_facts gather_subset "
                         "including %s" % (integration, name, "missing" if value is None else "not a %s" % kind.__name__,
                                           integration, name))
    return value


def _dicts(items: Iterable[Any]) -> List[Dict[str, Any]]:
    return [item for item in items if isinstance(item, dict)]


class _Result:
    """Collects findings, summary and tables for one device."""

    def __init__(self, thresholds: Mapping[str, float], max_rows: int) -> None:
        self.thresholds = thresholds
        self.max_rows = max_rows
        self.findings: List[Dict[str, Any]] = []
        self.summary: Dict[str, Any] = {}
        self.tables: List[Dict[str, Any]] = []

    def finding(self, rule: str, value: Optional[float], what: str) -> None:
        """Add the finding of ``rule``; ``what`` describes the value (``"1 cloud link lost: dfw-cloudlink-02"``).
        A ``None`` value (the device did not report it) is never crossed."""
        threshold = self.thresholds[rule]
        crossed = value is not None and value > threshold
        self.findings.append({"rule": rule, "value": value, "threshold": threshold, "crossed": crossed,
                              "severity": RULES[rule][2], "message": what})

    def table(self, title: str, columns: Sequence[str], rows: List[List[Any]]) -> None:
        self.tables.append(_table(title, columns, rows, self.max_rows))


def _number(value: float) -> str:
    """``3`` for 3 and 3.0, ``2.5`` for 2.5."""
    return str(int(value)) if float(value).is_integer() else str(value)


def _plural(count: float, singular: str, plural: Optional[str] = None) -> str:
    return "%s %s" % (_number(count), singular if count == 1 else (plural or singular + "s"))


# ---------------------------------------------------------------------------------------------------------- VOS
def _vos(facts: Mapping[str, Any], result: _Result) -> List[Dict[str, Any]]:
    notifications = _subset(facts, "vos", "notifications", dict)
    cloud_links = _subset(facts, "vos", "cloud_links", dict)
    services = _dicts(_subset(facts, "vos", "services", list))

    active = [n for n in _dicts(notifications.get("items") or []) if str(n.get("state")).upper() == "ACTIVE"]
    critical = [n for n in active if str(n.get("severity")).upper() == "CRITICAL"]
    result.finding("vos_critical_notifications", len(critical), "%s active%s" % (
        _plural(len(critical), "critical notification"),
        ": " + _names([_text(n.get("title") or n.get("type")) for n in critical]) if critical else ""))

    uplinks = _dicts(cloud_links.get("uplinks") or [])
    lost = [_text(u.get("name")) for u in uplinks if str(u.get("state")).upper() == "LOST"]
    result.finding("vos_lost_cloud_links", len(lost), "%s lost%s" % (
        _plural(len(lost), "cloud link"), ": " + _names(lost) if lost else ""))

    topology = service_topologies(facts)
    state_of = {str(t.get("service")): t for t in topology}

    activated = [s for s in services if str(s.get("control_state")).lower() == "activated"]
    result.summary.update([("services", len(services)), ("activated", len(activated)),
                           ("cloud links", len(uplinks)), ("lost", len(lost)),
                           ("active notifications", len(active)), ("active critical", len(critical))])

    rows = []
    for service in services:
        sources = sorted(_dicts(service.get("sources") or []), key=lambda s: (s.get("rank") is None, s.get("rank") or 0))
        picture = state_of.get(str(service.get("name")), {})
        rows.append([_text(service.get("name")), _text(service.get("control_state")), _text(picture.get("state")),
                     _text(picture.get("reasons")), _text(service.get("profile")),
                     _text([s.get("name") for s in sources]), _text(service.get("destinations"))])
    rows.sort(key=lambda r: (_rank(r[2]), r[0]))
    result.table("Services", ["Service", "Control state", "Health", "Why", "Profile", "Sources", "Destinations"], rows)

    rows = [[_text(u.get("name")), _text(u.get("group")), _text(u.get("state")), _text(u.get("ip_address")),
             _text(u.get("version"))] for u in uplinks]
    rows.sort(key=lambda r: (_rank(r[2]), r[0]))
    result.table("Cloud links", ["Cloud link", "Group", "State", "Address", "Version"], rows)

    ordered = sorted(active, key=lambda n: (_rank(n.get("severity")), -_epoch(n.get("creation_time"))))
    rows = [[_text(n.get("severity")), _text(n.get("title") or n.get("type")), _text(n.get("channel_name")),
             _text(n.get("object_name")), _utc(n.get("creation_time"), milliseconds=True)] for n in ordered]
    result.table("Active notifications", ["Severity", "Notification", "Channel", "Object", "Raised"], rows)
    return topology


def _count(value: Any) -> bool:
    """Whether ``value`` is a count (an int of 0 or more, not a bool)."""
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _epoch(value: Any) -> float:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else 0.0


# ---------------------------------------------------------------------------------------------------------- HMP
def _failed(recording: Mapping[str, Any]) -> bool:
    """A recording in state ERROR, or one with a recorder in state ERROR (HMP's recording states are RECORDING,
    PAUSED, FINISHED and ERROR)."""
    states = [recording.get("state")] + [r.get("state") for r in _dicts(recording.get("recorders") or [])]
    return any(str(state).upper() == "ERROR" for state in states)


def _hmp(facts: Mapping[str, Any], result: _Result) -> None:
    boxes = _dicts(_subset(facts, "hmp", "devices", list))
    recordings = _dicts(_subset(facts, "hmp", "recordings", list))

    offline = [b for b in boxes if str(b.get("status")).lower() == "offline"]
    result.finding("hmp_offline_stbs", len(offline), "%s offline%s" % (
        _plural(len(offline), "set-top box", "set-top boxes"),
        ": " + _names([_text(b.get("name") or b.get("id")) for b in offline]) if offline else ""))

    failed = [r for r in recordings if _failed(r)]
    result.finding("hmp_failed_recordings", len(failed), "%s failed%s" % (
        _plural(len(failed), "recording"), ": " + _names([_text(r.get("title") or r.get("id")) for r in failed])
        if failed else ""))

    connected = [b for b in boxes if str(b.get("status")).lower() in _HMP_CONNECTED]
    result.summary.update([("set-top boxes", len(boxes)), ("online or standby", len(connected)),
                           ("offline", len(offline)), ("recordings", len(recordings)), ("failed", len(failed))])

    others = [b for b in boxes if str(b.get("status")).lower() not in _HMP_CONNECTED]
    others.sort(key=lambda b: (_rank(b.get("status")), _text(b.get("name") or b.get("id"))))
    rows = [[_text(b.get("name") or b.get("id")), _text(b.get("status")), _text(b.get("status_details")),
             _text(b.get("tags")), _text(b.get("last_connection")), _text(b.get("ip"))] for b in others]
    result.table("Set-top boxes not online", ["Set-top box", "Status", "Details", "Tags", "Last connection", "Address"],
                 rows)

    rows = []
    for recording in sorted(recordings, key=lambda r: (not _failed(r), _text(r.get("title") or r.get("id")))):
        recorders = ["%s: %s" % (_text(r.get("source_name") or r.get("source")), _text(r.get("state")))
                     for r in _dicts(recording.get("recorders") or [])]
        duration = recording.get("duration")
        rows.append([_text(recording.get("title") or recording.get("id")), _text(recording.get("session_title")),
                     _text(recording.get("state")), _text(recorders),
                     round(duration) if isinstance(duration, (int, float)) and not isinstance(duration, bool)
                     else _text(duration)])
    result.table("Recordings", ["Recording", "Session", "State", "Recorders", "Duration (s)"], rows)


# ---------------------------------------------------------------------------------------------------------- DMS
def _dms(facts: Mapping[str, Any], result: _Result, severities: Sequence[str]) -> None:
    system = _subset(facts, "dms", "system", dict)
    devices = _dicts(_subset(facts, "dms", "devices", list))
    alarms = _dicts(_subset(facts, "dms", "alarms", list))

    active = [a for a in alarms if str(a.get("state", "active")).lower() == "active"]
    counted = [a for a in active if str(a.get("severity")).lower() in severities]
    result.finding("dms_active_alarms", len(counted), "%s active (%s)%s" % (
        _plural(len(counted), "alarm"), "/".join(severities) or "no severity counted",
        ": " + _names(["%s on %s" % (_text(a.get("type")), _text(a.get("device_id"))) for a in counted])
        if counted else ""))

    total, online = system.get("device_count"), system.get("online_count")
    if _count(total) and _count(online):
        offline_count: Optional[int] = max(0, total - online)
        percent: Optional[float] = round(100.0 * max(0, total - online) / total, 1) if total else 0.0
        result.finding("dms_offline_devices_percent", percent, "%s%% of %s offline (%d)" % (
            _number(percent or 0), _plural(total, "device"), max(0, total - online)))
    else:  # no system endpoint: the devices gathered may be filtered (the role reads the offline ones only)
        offline_count = percent = None
        result.finding("dms_offline_devices_percent", None, "not evaluated: the DMS reported no device_count and "
                       "online_count (system subset empty)")

    result.summary.update([("devices", total), ("online", online), ("offline", offline_count),
                           ("offline %", percent), ("active alarms", len(active)),
                           ("counted alarms", len(counted))])

    ordered = sorted(active, key=lambda a: (_rank(a.get("severity")), -_epoch(a.get("raised_at")), _text(a.get("id"))))
    rows = [[_text(a.get("severity")), _text(a.get("device_id")), _text(a.get("type")), _text(a.get("message")),
             _utc(a.get("raised_at"))] for a in ordered]
    result.table("Active alarms", ["Severity", "Device", "Type", "Message", "Raised"], rows)

    offline = [d for d in devices if str(d.get("status")).lower() == "offline"]
    offline.sort(key=lambda d: (_epoch(d.get("last_seen")), _text(d.get("id"))))
    rows = [[_text(d.get("display_name") or d.get("id")), _text(d.get("model")), _text(d.get("region")),
             _text(d.get("location")), _utc(d.get("last_seen")), _text(d.get("active_alarm_count"))] for d in offline]
    result.table("Offline devices", ["Device", "Model", "Region", "Location", "Last seen", "Active alarms"], rows)


# ---------------------------------------------------------------------------------------------------------- Electra
def _electra(facts: Mapping[str, Any], result: _Result) -> None:
    jobs = _dicts(_subset(facts, "electra", "jobs", list))
    nodes = _dicts(_subset(facts, "electra", "nodes", list))
    alarms = _dicts(facts.get("alarms") or [])

    in_alarm = [j for j in jobs if j.get("alarm_state") not in ("normal", None)]
    result.finding("electra_jobs_in_alarm", len(in_alarm), "%s in alarm%s" % (
        _plural(len(in_alarm), "job"), ": " + _names([_job_name(j) for j in in_alarm]) if in_alarm else ""))

    not_up = [n for n in nodes if n.get("status") not in ("up", None)]
    result.finding("electra_nodes_not_up", len(not_up), "%s not up%s" % (
        _plural(len(not_up), "node"), ": " + _names(["%s (%s)" % (_text(n.get("name") or n.get("index")),
                                                                  _text(n.get("status"))) for n in not_up])
        if not_up else ""))

    running = [j for j in jobs if j.get("status") == "running"]
    result.summary.update([("jobs", len(jobs)), ("running", len(running)), ("in alarm", len(in_alarm)),
                           ("nodes", len(nodes)), ("not up", len(not_up))])

    texts: Dict[Any, List[str]] = {}
    for alarm in sorted(alarms, key=lambda a: (_rank(a.get("severity")), _text(a.get("raised_at")))):
        if alarm.get("job"):
            texts.setdefault(alarm.get("job"), []).append(_text(alarm.get("text")))
    in_alarm.sort(key=lambda j: (_rank(j.get("alarm_state")), _job_name(j)))
    rows = [[_job_name(j), _text(j.get("alarm_state")), _text(j.get("status")), _text(j.get("node_name") or j.get("node")),
             _text(j.get("workflow")), _text(texts.get(j.get("index"), []))] for j in in_alarm]
    result.table("Jobs in alarm", ["Job", "Alarm state", "Status", "Node", "Workflow", "Alarms"], rows)

    rows = []
    for node in sorted(nodes, key=lambda n: (n.get("status") == "up", _text(n.get("name")))):
        load = node.get("cpu_load")
        rows.append([_text(node.get("name") or node.get("index")), _text(node.get("role")), _text(node.get("status")),
                     _text(node.get("address")), load if isinstance(load, (int, float)) else _text(load),
                     "%s / %s" % (_text(node.get("job_count")), _text(node.get("capacity")))])
    result.table("Nodes", ["Node", "Role", "Status", "Address", "CPU load (%)", "Jobs / capacity"], rows)


def _job_name(job: Mapping[str, Any]) -> str:
    return _text(job.get("display_name") or job.get("name") or job.get("index"))


# ---------------------------------------------------------------------------------------------------------- API
def check_thresholds(thresholds: Optional[Mapping[str, Any]]) -> Dict[str, float]:
    """Every rule's threshold: :data:`DEFAULT_THRESHOLDS` updated with ``thresholds``.

    :param thresholds: ``{rule name: number >= 0}``; rules left out keep their default. ``None`` means none given.
    :raises ValueError: an unknown rule name, or a value that is not a number of 0 or more (booleans are refused).
    """
    if thresholds is None:
        thresholds = {}
    if not isinstance(thresholds, Mapping):
        raise ValueError("thresholds must be a dict of rule name -> number, not %s" % type(thresholds).__name__)
    result = dict(DEFAULT_THRESHOLDS)
    for name, value in thresholds.items():
        if name not in RULES:
            raise ValueError("thresholds: %r is not a rule; choose from %s" % (name, ", ".join(RULES)))
        if isinstance(value, bool) or not isinstance(value, (int, float)) or math.isnan(value) or value < 0:
            raise ValueError("thresholds: %s is %r; give a number of 0 or more (the rule is crossed when the value "
                             "is greater)" % (name, value))
        result[name] = value
    return result


def check_severities(severities: Any) -> Tuple[str, ...]:
    """DMS alarm severities counted by ``dms_active_alarms``, lower-cased and in :data:`DMS_SEVERITIES` order.

    :raises ValueError: not a list, or a severity outside :data:`DMS_SEVERITIES`.
    """
    if not isinstance(severities, (list, tuple)):
        raise ValueError("dms_alarm_severities must be a list of %s" % ", ".join(DMS_SEVERITIES))
    wanted = set()
    for severity in severities:
        if str(severity).lower() not in DMS_SEVERITIES:
            raise ValueError("dms_alarm_severities: %r is not a DMS alarm severity; choose from %s" % (
                severity, ", ".join(DMS_SEVERITIES)))
        wanted.add(str(severity).lower())
    return tuple(s for s in DMS_SEVERITIES if s in wanted)


def status_of(findings: Sequence[Mapping[str, Any]]) -> str:
    """The worst severity of the crossed findings (:data:`STATUSES` order, ``unreachable`` the worst), or ``ok``."""
    worst = "ok"
    for finding in findings:
        severity = finding.get("severity")
        if finding.get("crossed") and severity in STATUSES and STATUSES.index(severity) > STATUSES.index(worst):
            worst = str(severity)
    return worst


def evaluate(facts: Any, integration: str, device: str, thresholds: Optional[Mapping[str, Any]] = None,
             dms_alarm_severities: Sequence[str] = DEFAULT_DMS_ALARM_SEVERITIES, max_rows: int = DEFAULT_MAX_ROWS,
             error: Optional[str] = None) -> Dict[str, Any]:
    """The health result of one device host.

    :param facts: the integration's facts dict (``ansible_facts.<integration>``) with the subsets the rules read:
        VOS ``services``, ``cloud_links``, ``notifications`` (plus ``sources`` and ``destinations`` for the topology);
        HMP ``devices``, ``recordings``; DMS ``system``, ``devices``, ``alarms`` (best read with
        ``alarm_retrieval: active`` and ``device_filters: {status: offline}``); Electra ``jobs``, ``nodes`` (and
        ``alarms`` for the alarm texts). Ignored (may be anything) when ``error`` is given.
    :param integration: ``vos``, ``hmp``, ``dms`` or ``electra``.
    :param device: the inventory hostname (``device`` of the result).
    :param thresholds: ``{rule name: number}``, see :func:`check_thresholds`; rules of other integrations are allowed
        (and unused), so one dict serves every device.
    :param dms_alarm_severities: DMS alarm severities counted by ``dms_active_alarms``.
    :param max_rows: most rows of each table (1 or more); ``total`` keeps the count before the cap.
    :param error: why the facts could not be gathered: the result is ``unreachable`` with one crossed finding,
        rule ``unreachable``, whose message is this text (it must hold no secret; the facts modules' messages do not).
    :returns: the result described in the module docstring; ``topology`` only for VOS: the pictures of
        :func:`~.topology.service_topologies` (``service``, ``state``, ``reasons``, ``svg``), whose state and reasons
        are also the Services table's Health and Why columns.
    :raises ValueError: an unknown integration, a bad threshold, severity or ``max_rows``, or a missing subset (the
        message names it and the ``gather_subset`` entry to add).
    """
    if integration not in INTEGRATIONS:
        raise ValueError("integration: %r is not one of %s" % (integration, ", ".join(INTEGRATIONS)))
    limits = check_thresholds(thresholds)
    severities = check_severities(dms_alarm_severities)
    if isinstance(max_rows, bool) or not isinstance(max_rows, int) or max_rows < 1:
        raise ValueError("max_rows: %r is not allowed; give a whole number of 1 or more" % (max_rows,))
    result = _Result(limits, max_rows)
    topology: List[Dict[str, Any]] = []
    if error is not None:
        result.findings.append({"rule": "unreachable", "value": 1, "threshold": 0, "crossed": True,
                                "severity": "unreachable", "message": "facts could not be gathered: %s" % error})
    else:
        if not isinstance(facts, Mapping):
            raise ValueError("%s facts must be a dict (ansible_facts.%s), not %s" % (
                integration, integration, type(facts).__name__))
        if integration == "vos":
            topology = _vos(facts, result)
        elif integration == "hmp":
            _hmp(facts, result)
        elif integration == "dms":
            _dms(facts, result, severities)
        else:
            _electra(facts, result)
    health: Dict[str, Any] = {"device": device, "integration": integration, "status": status_of(result.findings),
                              "findings": result.findings, "summary": result.summary, "tables": result.tables}
    if integration == "vos":
        health["topology"] = topology
    return health
