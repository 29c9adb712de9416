# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Inventory of the nodes of a Harmonic Electra XT system, with the jobs each node runs, read over SNMP."""

from __future__ import annotations

DOCUMENTATION = r"""
name: electra
short_description: Nodes of a Harmonic Electra XT system as inventory hosts
version_added: 0.1.0
description:
  - Reads the nodes table and the jobs table of a Harmonic Electra XT system over SNMP (one session, each table with
    GETBULK) and adds each node as a host named after the node's name (for example C(xt-node-01)), with the jobs
    that run on it.
  - A second node with the name of a node already added, and a node without a name, are skipped with a warning.
  - "Groups: C(electra) (every node), C(electra_role_<role>) (C(electra_role_master), C(electra_role_masterisable),
    C(electra_role_standard)), C(electra_status_<status>) (C(electra_status_up), C(electra_status_down),
    C(electra_status_degraded)) and C(electra_alarm) (the nodes with at least one job whose alarm state is not
    V(normal); a node's own alarms, which are not a job's, do not count). C(electra_alarm) exists even when it is
    empty, so that host patterns naming it always match. Group name suffixes are the values in lower case, with
    every character other than letters, digits and C(_) replaced by C(_)."
  - "Host variables start with O(hostvars_prefix) (default C(electra_)): C(electra_node) (the node's row: C(index),
    C(name), C(address), C(role), C(status), C(cpu_load) (percent), C(capacity) (jobs), C(job_count)),
    C(electra_jobs) (the jobs assigned to the node, in index order, each with C(index), C(name), C(display_name)
    (see O(display_key)), C(workflow), C(status), C(alarm_state), C(service_name), C(output_bitrate) (kbit/s),
    C(uptime) (seconds, 0 when not running), C(custom_label), and C(parameters) (name to value, values as text)
    when O(job_parameters) is true), C(electra_jobs_in_alarm) (the display names of the node's jobs whose alarm
    state is not V(normal)) and C(electra_system) (the O(host) option: the system the node belongs to, to use as
    the modules' C(host))."
  - "C(ansible_host) is not set (a node's address is the cluster's internal address, and the collection's Electra
    modules talk to the system's O(host), not to a node); set it with O(compose) when the node addresses are
    reachable, for example C(ansible_host: electra_node.address)."
  - Which OIDs hold the tables is the OID profile's (O(profile)); the built-in default is modeled (no Electra MIB is
    public) and its field names are the host variables' field names. A table column the profile leaves out reads
    as null.
  - The configuration file name must end with C(electra.yml) or C(electra.yaml), for example C(playout.electra.yml).
  - With O(cache) enabled, the node and job data (not the hosts) is cached under a key derived from the
    configuration file path, with the O(host), O(display_key), O(job_parameters) and OID profile it was read with
    (an entry read with others is not used); C(--flush-cache) reads the system again and replaces the entry.
author:
  - broadcast.video contributors (!UNKNOWN)
extends_documentation_fragment:
  - constructed
  - inventory_cache
  - broadcast.video.electra_inventory
options:
  plugin:
    description:
      - The name of this plugin; marks the file as a configuration of it.
    type: str
    required: true
    choices: [broadcast.video.electra]
  hostvars_prefix:
    description:
      - Prefix of every host variable this plugin sets.
      - Must start with a letter or C(_) and contain only letters, digits and C(_); it cannot be empty, so that no
        host variable is called C(node) or C(jobs), confusing names.
    type: str
    default: electra_
  display_key:
    description:
      - Which jobs column gives a job its C(display_name) (in C(electra_jobs) and C(electra_jobs_in_alarm)), as the
        monitoring connector's custom display key does; a job whose value is empty falls back to its name.
      - Any column of the OID profile's jobs table, or V(index); with the default profile for example V(name),
        V(service_name) or V(custom_label).
    type: str
    default: name
  job_parameters:
    description:
      - Also read the job parameter table and give each job its C(parameters) (name to value, as text).
      - One more table read (a few GETBULK round trips per hundred jobs), so it is off by default.
    type: bool
    default: false
notes:
  - Runs on the controller, which needs the Python library C(pysnmp) (7.x). Nothing is read over HTTP and nothing is
    written.
  - "Errors (missing host, a bad option, an unreachable agent, a wrong community, which a v2c agent answers with
    silence and so ends in a timeout, or a USM error for SNMPv3) fail the inventory source with the client's
    message; secrets never appear in it. With a wrong community the run lasts O(snmp_timeout) x (O(snmp_retries) +
    1) seconds. Set C(ANSIBLE_INVENTORY_UNPARSED_FAILED=true) to make C(ansible-inventory) and playbooks stop on
    such an error instead of warning."
  - Node names are host names, so two systems whose nodes have the same names (C(xt-node-01)) must not share one
    inventory run, or their nodes merge into one host each; give each system its own inventory.
  - The hosts are for inventory, grouping and modules that act through the system (delegated to the controller,
    with C(host) set to C(electra_system)).
"""

EXAMPLES = r"""
# playout.electra.yml: every node of one Electra XT system over SNMP v2c; the community from the environment
plugin: broadcast.video.electra
host: electra.example.com
community: "{{ lookup('ansible.builtin.env', 'ELECTRA_COMMUNITY') }}"

---
# secure.electra.yml: SNMPv3 authPriv, jobs named by their service name, with their parameters; a site profile
# (a relative path is looked up next to this file); node addresses as ansible_host; cached for ten minutes
plugin: broadcast.video.electra
host: electra.example.com
snmp_version: v3
v3_user: ansible-ro
v3_auth_protocol: sha256
v3_auth_key: !vault |
  $ANSIBLE_VAULT;1.1;AES256
  ...
v3_priv_protocol: aes
v3_priv_key: !vault |
  $ANSIBLE_VAULT;1.1;AES256
  ...
profile: profiles/site-electra.yml
display_key: service_name
job_parameters: true
compose:
  ansible_host: electra_node.address
cache: true
cache_plugin: ansible.builtin.jsonfile
cache_connection: ~/.cache/ansible/electra-inventory
cache_timeout: 600

---
# lab.electra.yml: the simulator on a high UDP port, fail fast; groups by job workflow and by load
plugin: broadcast.video.electra
host: 127.0.0.1
snmp_port: 1161
snmp_timeout: 0.5
snmp_retries: 0
keyed_groups:
  # workflow_live_hd_h_264_abr, workflow_statmux_pool_sd...
  - key: electra_jobs | map(attribute='workflow') | unique
    prefix: workflow
groups:
  electra_busy: electra_node.cpu_load > 80
  electra_failed_jobs: electra_jobs | selectattr('status', 'eq', 'failed') | list | length > 0
compose:
  running_jobs: electra_jobs | selectattr('status', 'eq', 'running') | map(attribute='name') | list
"""

import hashlib
import importlib.util
import json
import os
import sys
from typing import Any, Dict, List, Mapping, Optional

from ansible_collections.broadcast.video.plugins.module_utils.electra.client import (
    CONNECTION_SPEC as CLIENT_SPEC, ElectraClient)
from ansible_collections.broadcast.video.plugins.module_utils.electra.facts import ElectraFacts
from ansible_collections.broadcast.video.plugins.module_utils.electra.profile import Profile, load_profile, oid_text
from ansible_collections.broadcast.video.plugins.module_utils.errors import BroadcastError
from ansible_collections.broadcast.video.plugins.plugin_utils.inventory import DeviceInventory

#: The options this plugin reads (the SNMP ones: no HTTP request is sent), as the client's argument spec has them.
SNMP_OPTIONS = ("host", "snmp_port", "snmp_version", "community", "v3_user", "v3_auth_protocol", "v3_auth_key",
                "v3_priv_protocol", "v3_priv_key", "snmp_timeout", "snmp_retries", "max_repetitions", "profile")
CONNECTION_SPEC: Dict[str, Dict[str, Any]] = {key: CLIENT_SPEC[key] for key in SNMP_OPTIONS}
#: Fields of ``electra_node`` (nodes table columns of the default profile, plus the index).
NODE_FIELDS = ("index", "name", "address", "role", "status", "cpu_load", "capacity", "job_count")
#: Fields of each job of ``electra_jobs`` (jobs table columns of the default profile, the index and display_name;
#: ``parameters`` is added when ``job_parameters`` is true).
JOB_FIELDS = ("index", "name", "display_name", "workflow", "status", "alarm_state", "service_name", "output_bitrate",
              "uptime", "custom_label")
#: Host variables (after the prefix), in order.
HOST_VARS = ("node", "jobs", "jobs_in_alarm", "system")
#: Alarm states that are not "in alarm" (None: the profile has no alarm_state column).
QUIET_ALARM_STATES = ("normal", None)
#: Tables whose layout shapes the cached data (the profile fingerprint covers them).
PROFILE_TABLES = ("nodes", "jobs", "job_parameters")
#: The packages pysnmp's MIB builder loads MIB modules from by default (its default MIB sources).
MIB_PACKAGES = ("pysnmp.smi.mibs.instances", "pysnmp.smi.mibs", "pysnmp_mibs")


def shield_mib_files() -> int:
    """Let pysnmp load its MIB modules inside an Ansible controller process; returns how many files were marked.

    pysnmp's MIB builder runs each MIB module file with ``runpy.run_path``, which first asks the path hooks whether
    the file is an importable location. Ansible's collection loader installs a path hook that claims every path
    below a configured collections directory, so when pysnmp is installed there (``ansible-test`` puts its
    virtual environments under ``tests/output`` of the collection), ``run_path`` takes a MIB file for a package
    and fails with "can't find '__main__' module". Marking each MIB file as "no importer" (``None`` in
    ``sys.path_importer_cache``, what Python's own path hooks answer for a file) makes ``run_path`` run it as the
    script it is. Nothing else is changed; without pysnmp nothing is done.
    """
    marked = 0
    for package in MIB_PACKAGES:
        try:
            spec = importlib.util.find_spec(package)
        except (ImportError, ValueError):
            continue
        for directory in (spec.submodule_search_locations or []) if spec is not None else []:
            try:
                names = os.listdir(directory)
            except OSError:
                continue
            for name in names:
                path = os.path.join(directory, name)
                if name.endswith((".py", ".pyc")) and os.path.isfile(path):
                    sys.path_importer_cache[path] = None
                    marked += 1
    return marked


def profile_fingerprint(profile: Profile) -> str:
    """A short digest of what of ``profile`` shapes the inventory data: the entry OID, index names and columns
    (name, id, type, enum labels) of the nodes, jobs and job parameter tables. Two profiles with the same digest read
    the same data from the same agent, so a cache entry read with one serves the other."""
    layout: Dict[str, Any] = {}
    for key in PROFILE_TABLES:
        table = profile.table(key)
        layout[key] = None if table is None else [
            oid_text(table.entry), [str(name) for name in table.index],
            [[str(c.name), c.id, str(c.type), sorted([int(k), str(v)] for k, v in c.values.items())]
             for c in table.columns]]
    text = json.dumps(layout, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def job_entry(job: Mapping[str, Any], with_parameters: bool) -> Dict[str, Any]:
    """One job of ``electra_jobs`` from an :class:`ElectraFacts` job: :data:`JOB_FIELDS` (null when the profile has
    no such column), and ``parameters`` (``{name: text}``) when ``with_parameters``."""
    entry = {field: job.get(field) for field in JOB_FIELDS}
    if with_parameters:
        parameters = job.get("parameters")
        entry["parameters"] = dict(parameters) if isinstance(parameters, Mapping) else {}
    return entry


def node_entries(nodes: List[Mapping[str, Any]], jobs: List[Mapping[str, Any]],
                 with_parameters: bool) -> Dict[str, Any]:
    """The cached data from the gathered rows: ``{"nodes": [{"node": {NODE_FIELDS}, "jobs": [job_entry...]}],
    "orphan_jobs": N}``; nodes and jobs in index order, jobs under the node whose index their ``node`` column holds.
    ``orphan_jobs`` counts the jobs of no known node (not shown as any host's)."""
    result: List[Dict[str, Any]] = []
    by_index: Dict[Any, List[Dict[str, Any]]] = {}
    for node in nodes:
        node_jobs: List[Dict[str, Any]] = []
        result.append({"node": {field: node.get(field) for field in NODE_FIELDS}, "jobs": node_jobs})
        by_index.setdefault(node.get("index"), node_jobs)
    orphans = 0
    for job in jobs:
        bucket = by_index.get(job.get("node"))
        if bucket is None:
            orphans += 1
            continue
        bucket.append(job_entry(job, with_parameters))
    return {"nodes": result, "orphan_jobs": orphans}


def jobs_in_alarm(jobs: List[Mapping[str, Any]]) -> List[str]:
    """The display names of the jobs whose alarm state is not ``normal`` (in job order)."""
    return [str(job.get("display_name")) for job in jobs if job.get("alarm_state") not in QUIET_ALARM_STATES]


class InventoryModule(DeviceInventory):
    """``broadcast.video.electra``: the nodes of one Electra XT system per configuration file."""

    NAME = "broadcast.video.electra"
    FILE_SUFFIX = "electra"
    CONNECTION_SPEC = CONNECTION_SPEC
    TEMPLATED_OPTIONS = ("host", "community", "v3_user", "v3_auth_key", "v3_priv_key")
    CACHE_FORMAT = 1

    def parse(self, inventory: Any, loader: Any, path: str, cache: bool = True) -> None:
        self._config_dir = os.path.dirname(os.path.abspath(path))
        self._system: Optional[str] = None
        self._profile_value: Any = None
        super().parse(inventory, loader, path, cache)

    # ------------------------------------------------------------------ reading
    def _wanted(self) -> Dict[str, Any]:
        """``{"system", "display_key", "job_parameters", "profile"}``: the system (the templated ``host``), the
        options that shape the data, and the OID profile's fingerprint. The profile is loaded and ``display_key``
        checked against it here, before any SNMP request (and before the cache is consulted)."""
        host = self.get_option("host")
        self._system = self._template("host", host) if host is not None else None
        self._profile_value = self._profile_source(self.get_option("profile"))
        try:
            profile = load_profile(self._profile_value)
        except BroadcastError as exc:
            raise self._error(exc.message) from None
        display_key = self.get_option("display_key") or "name"
        jobs = profile.table("jobs")
        allowed = list(jobs.index if jobs else ("index",)) + [c.name for c in (jobs.columns if jobs else ())]
        if display_key not in allowed:
            raise self._error("display_key: %r is not a column of the OID profile's jobs table; choose from %s" % (
                display_key, ", ".join(str(name) for name in allowed)))
        return {"system": self._system, "display_key": str(display_key),
                "job_parameters": bool(self.get_option("job_parameters")), "profile": profile_fingerprint(profile)}

    def _profile_source(self, value: Any) -> Any:
        """The ``profile`` option for the client: a relative path is looked up next to the configuration file
        first, then in the current directory; anything else as given."""
        if isinstance(value, str) and value and value != "default" and not os.path.isabs(value):
            beside = os.path.join(self._config_dir, os.path.expanduser(value))
            if os.path.isfile(beside):
                return beside
        return os.path.expanduser(value) if isinstance(value, str) else value

    def _connection_params(self) -> Dict[str, Any]:
        """The SNMP options (secrets templated), with ``host`` and ``profile`` as :meth:`_wanted` resolved them."""
        params: Dict[str, Any] = {}
        for key in self.CONNECTION_SPEC:
            if key == "host":
                params[key] = self._system
            elif key == "profile":
                params[key] = self._profile_value
            else:
                value = self.get_option(key)
                if key in self.TEMPLATED_OPTIONS and value is not None:
                    value = self._template(key, value)
                params[key] = value
        return params

    def _cache_covers(self, data: Mapping[str, Any], wanted: Dict[str, Any]) -> bool:
        """The entry was read from the same system with the same display key, parameters choice and profile."""
        return data.get("wanted") == wanted and isinstance(data.get("nodes"), list)

    def _fetch(self, wanted: Dict[str, Any]) -> Dict[str, Any]:
        """Read the nodes and jobs tables (and the job parameter table with ``job_parameters``) in one SNMP
        session: ``{"wanted": ..., "nodes": [{"node": {...}, "jobs": [...]}], "orphan_jobs": N}``."""
        def read(client: ElectraClient) -> Dict[str, Any]:
            facts = ElectraFacts(client, wanted["display_key"])
            gathered = facts.gather(["nodes", "jobs"], include_parameters=wanted["job_parameters"])
            for warning in facts.warnings:
                self.display.warning("%s: %s" % (self.NAME, warning))
            self.display.vvv("%s: SNMP round trips: %s" % (self.NAME, client.snmp.stats.as_dict()))
            return gathered

        shield_mib_files()
        gathered = self._with_client(ElectraClient, read)
        data = node_entries(gathered.get("nodes") or [], gathered.get("jobs") or [], wanted["job_parameters"])
        if data["orphan_jobs"]:
            self.display.warning("%s: %d job(s) run on a node the nodes table does not list; they are not shown" % (
                self.NAME, data["orphan_jobs"]))
        data["wanted"] = wanted
        return data

    # ------------------------------------------------------------------ hosts
    def _populate(self, data: Mapping[str, Any], wanted: Dict[str, Any], prefix: str) -> None:
        seen: Dict[str, str] = {}
        self.inventory.add_group("electra")
        self.inventory.add_group("electra_alarm")  # always there: host patterns naming it match even when empty
        system = (data.get("wanted") or {}).get("system")
        for entry in data.get("nodes") or []:
            node: Mapping[str, Any] = entry.get("node") or {}
            host = self._add_host(seen, "node", node.get("name"))
            if host is None:
                continue
            self.inventory.add_child("electra", host)
            for group_prefix, field in (("electra_role_", "role"), ("electra_status_", "status")):
                if node.get(field) not in (None, ""):
                    self._add_to_group(self._group(group_prefix, node[field]), host)
            jobs = list(entry.get("jobs") or [])
            alarmed = jobs_in_alarm(jobs)
            if alarmed:
                self.inventory.add_child("electra_alarm", host)
            self._set_vars(host, prefix, {"node": dict(node), "jobs": jobs, "jobs_in_alarm": alarmed, "system": system},
                           HOST_VARS)
