# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Electra XT facts, all over SNMP in one session: the scalars in one GET and every selected table concurrently,
each with GETBULK (see :mod:`.snmp`).

Subsets (the DataMiner connector's pages, confirmed; the OIDs of the Electra tables are the profile's, modeled):

* ``system``: SNMPv2-MIB system group and HOST-RESOURCES-MIB ``hrSystemDate`` (the General page's date and time);
* ``storage``: HOST-RESOURCES-MIB ``hrStorageTable`` (the Network Storage table), sizes in bytes;
* ``workflows``, ``nodes``, ``jobs`` (with their ``parameters`` from the job parameter table), ``alarms`` (active),
  ``logs`` (active): the profile's tables.
"""

from __future__ import annotations

from typing import Any, Dict, List, Mapping, Optional, Sequence

from ..errors import ValidationError
from ..facts import select_subsets
from .client import ElectraClient
from .profile import STORAGE_TABLE, SYSTEM_OBJECTS, Table, oid_text

#: Subsets in display order.
SUBSETS = ("system", "storage", "workflows", "nodes", "jobs", "alarms", "logs")
#: HOST-RESOURCES-TYPES hrStorageTypes (RFC 2790): last arc -> name.
STORAGE_TYPES = {1: "other", 2: "ram", 3: "virtualMemory", 4: "fixedDisk", 5: "removableDisk", 6: "floppyDisk",
                 7: "compactDisc", 8: "ramDisk", 9: "flashMemory", 10: "networkDisk"}
_STORAGE_TYPE_PREFIX = "1.3.6.1.2.1.25.2.1."
#: Job statuses and alarm states counted in ``summary`` (the default profile's labels).
_QUIET_ALARM_STATES = ("normal", None)


def display_name(job: Mapping[str, Any], display_key: str) -> str:
    """The name of ``job`` under ``display_key`` (a jobs column, or ``index``); its ``name`` (or index) when that
    value is empty, as the connector's custom display key falls back."""
    for value in (job.get(display_key), job.get("name"), job.get("index")):
        if value not in (None, ""):
            return str(value)
    return ""


class ElectraFacts:
    """Gathers the selected subsets.

    :param client: the :class:`ElectraClient`.
    :param display_key: the jobs column naming a job (``display_name`` of jobs, ``job_name`` of alarms); ``index``
        or any column of the profile's jobs table.
    :raises ValidationError: a ``display_key`` that is not a jobs column.
    """

    def __init__(self, client: ElectraClient, display_key: str = "name") -> None:
        self.client = client
        self.display_key = display_key
        jobs = client.profile.table("jobs")
        allowed = list((jobs.index if jobs else ("index",))) + [c.name for c in (jobs.columns if jobs else ())]
        if display_key not in allowed:
            raise ValidationError("display_key: %r is not a column of the profile's jobs table; choose from %s" % (
                display_key, ", ".join(allowed)))
        self.warnings: List[str] = []

    def gather(self, gather_subset: Sequence[str], include_parameters: bool = True) -> Dict[str, Any]:
        """``{profile, <subset>: ...}`` for the selected subsets (and ``summary`` when jobs or nodes are).

        :param include_parameters: read the job parameter table for ``jobs`` (the inventory may leave it out).
        :raises BroadcastError: SNMP failures (see :meth:`SnmpClient.read`).
        """
        names = select_subsets(list(gather_subset), list(SUBSETS))
        profile = self.client.profile
        wanted = set(names)
        if "jobs" in wanted:
            wanted.add("nodes_for_jobs")
            if include_parameters:
                wanted.add("job_parameters")
        tables: List[Table] = []
        if "storage" in wanted:
            tables.append(STORAGE_TABLE)
        for key in ("workflows", "nodes", "jobs", "job_parameters", "alarms", "logs"):
            needed = key in wanted or (key == "nodes" and "nodes_for_jobs" in wanted)
            if not needed:
                continue
            table = profile.table(key)
            if table is None:
                if key in names or key == "job_parameters":
                    self.warnings.append("subset %s: the OID profile %r has no %s table; returned %s" % (
                        "jobs" if key == "job_parameters" else key, profile.name, key,
                        "jobs without parameters" if key == "job_parameters" else "empty"))
                continue
            tables.append(table)
        scalars = dict(SYSTEM_OBJECTS) if "system" in wanted else {}
        values, rows = self.client.snmp.read(scalars, tables)
        facts: Dict[str, Any] = {"profile": profile.summary()}
        if "system" in wanted:
            facts["system"] = values
        if "storage" in wanted:
            facts["storage"] = [storage_row(row) for row in rows.get("storage", [])]
        for key in ("workflows", "nodes", "alarms", "logs"):
            if key in wanted:
                facts[key] = rows.get(key, [])
        if "jobs" in wanted:
            facts["jobs"] = self._jobs(rows.get("jobs", []), rows.get("job_parameters") if include_parameters else None,
                                       rows.get("nodes", []))
            facts["summary"] = summary(facts["jobs"], rows.get("nodes", []) if "nodes" in rows else None)
        elif "nodes" in wanted:
            facts["summary"] = summary(None, rows.get("nodes", []))
        self._check_empty(rows)
        if "alarms" in wanted and "jobs" in wanted:
            names_by_index = {job.get("index"): job["display_name"] for job in facts["jobs"]}
            for alarm in facts["alarms"]:
                if alarm.get("job"):
                    alarm["job_name"] = names_by_index.get(alarm["job"])
        return facts

    def _check_empty(self, rows: Mapping[str, List[Dict[str, Any]]]) -> None:
        """Warn when a table the profile places is empty although the device must have rows there: a profile whose
        OIDs are not the device's reads nothing at all rather than failing (an empty table is a valid answer)."""
        profile = self.client.profile
        nodes = rows.get("nodes")
        if nodes is not None and not nodes:
            self.warnings.append("the nodes table (profile %r, entry %s) is empty, and an Electra XT has at least one "
                                 "node: check that the profile's OIDs are the device's" % (
                                     profile.name, oid_text(profile.tables["nodes"].entry)))
        jobs = rows.get("jobs")
        expected = sum(node["job_count"] for node in nodes or [] if isinstance(node.get("job_count"), int))
        if jobs is not None and not jobs and expected:
            self.warnings.append("the jobs table (profile %r, entry %s) is empty, but the nodes report %d jobs: check "
                                 "that the profile's OIDs are the device's" % (
                                     profile.name, oid_text(profile.tables["jobs"].entry), expected))

    def _jobs(self, jobs: List[Dict[str, Any]], parameters: Optional[List[Dict[str, Any]]],
              nodes: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
        by_job: Dict[Any, Dict[str, Any]] = {}
        writable: Dict[Any, List[str]] = {}
        for row in parameters or []:
            if row.get("name") in (None, ""):
                continue
            by_job.setdefault(row.get("job"), {})[row["name"]] = row.get("value")
            if row.get("writable"):
                writable.setdefault(row.get("job"), []).append(row["name"])
        node_names = {node.get("index"): node.get("name") for node in nodes}
        for job in jobs:
            job["display_name"] = display_name(job, self.display_key)
            if "node" in job:
                job["node_name"] = node_names.get(job["node"])
            if parameters is not None:
                job["parameters"] = by_job.get(job.get("index"), {})
                job["writable_parameters"] = sorted(writable.get(job.get("index"), []))
        return jobs


def storage_row(row: Mapping[str, Any]) -> Dict[str, Any]:
    """An hrStorageTable row with ``type`` named (``networkDisk``), ``size_bytes``, ``used_bytes``, ``used_percent``."""
    result = dict(row)
    kind = str(row.get("type") or "")
    if kind.startswith(_STORAGE_TYPE_PREFIX) and kind[len(_STORAGE_TYPE_PREFIX):].isdigit():
        result["type"] = STORAGE_TYPES.get(int(kind[len(_STORAGE_TYPE_PREFIX):]), kind)
    units = row.get("allocation_units")
    if isinstance(units, int):
        for field in ("size", "used"):
            if isinstance(row.get(field), int):
                result[field + "_bytes"] = row[field] * units
    size, used = row.get("size"), row.get("used")
    result["used_percent"] = round(100.0 * used / size, 1) if isinstance(size, int) and size > 0 and isinstance(used, int) else None
    return result


def summary(jobs: Optional[List[Dict[str, Any]]], nodes: Optional[List[Dict[str, Any]]]) -> Dict[str, Any]:
    """Counts for health checks: ``jobs_by_status``, ``jobs_by_alarm_state``, ``jobs_in_alarm`` (display names of the
    jobs whose alarm state is not ``normal``), ``nodes_not_up`` (names of the nodes whose status is not ``up``)."""
    result: Dict[str, Any] = {}
    if jobs is not None:
        by_status: Dict[str, int] = {}
        by_alarm: Dict[str, int] = {}
        for job in jobs:
            by_status[str(job.get("status"))] = by_status.get(str(job.get("status")), 0) + 1
            by_alarm[str(job.get("alarm_state"))] = by_alarm.get(str(job.get("alarm_state")), 0) + 1
        result["jobs_total"] = len(jobs)
        result["jobs_by_status"] = dict(sorted(by_status.items()))
        result["jobs_by_alarm_state"] = dict(sorted(by_alarm.items()))
        result["jobs_in_alarm"] = [job["display_name"] for job in jobs if job.get("alarm_state") not in _QUIET_ALARM_STATES]
    if nodes is not None:
        result["nodes_total"] = len(nodes)
        result["nodes_not_up"] = [str(node.get("name", node.get("index"))) for node in nodes if node.get("status") not in ("up", None)]
    return result
