#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: electra_facts
short_description: Gather facts from a Harmonic Electra XT video system over SNMP
version_added: 0.1.0
description:
  - Reads the state of a Harmonic Electra XT system into C(ansible_facts.electra), entirely over SNMP (v2c with a
    community, or v3 USM), in one SNMP session; the HTTP interface is not used, so O(username) and O(password) are
    not needed.
  - The subsets follow the pages of Skyline's DataMiner Electra XT connector (B(confirmed)), that is the device's date
    and time, the Network Storage table, the Workflow table, the Node table, the Jobs list with its job parameters and
    a custom display key, the Active Alarm table and the Active Log table.
  - The standard objects are read as the standards define them (confirmed standards, not confirmed to be what an
    Electra XT answers), that is the SNMPv2-MIB system group (C(sysDescr), C(sysObjectID), C(sysUpTime),
    C(sysContact), C(sysName), C(sysLocation)), HOST-RESOURCES-MIB C(hrSystemDate) and C(hrStorageTable).
  - "No Electra MIB is public: the OIDs of the Electra tables (workflows, nodes, jobs, job parameters, alarms, logs)
    come from the OID profile O(profile). The built-in default is B(modeled), under the placeholder arc
    C(1.3.6.1.4.1.32473.1) (IANA's documentation enterprise number, not Harmonic's); C(ansible_facts.electra.profile)
    says which profile was used and whether it is modeled. Give a profile with the vendor's OIDs to read a real
    system."
  - The scalars are read with one GET and every selected table with GETBULK over all its columns at once (O(max_repetitions)
    rows per answer), the tables concurrently; a table is never walked with GETNEXT. The round trips are returned in
    RV(snmp).
author:
  - broadcast.video contributors (!UNKNOWN)
extends_documentation_fragment:
  - broadcast.video.electra
options:
  gather_subset:
    description:
      - Which parts to read. V(all), any of the subset names, and V(!name) to exclude one
        (for example V([all, "!logs"])); only exclusions means V(all) minus those. An unknown name fails the task.
      - C(system) is the SNMPv2-MIB system group and the device's date and time (C(hrSystemDate)), one GET.
      - C(storage) is the Network Storage table (C(hrStorageTable)), with sizes in bytes.
      - C(workflows), C(nodes), C(jobs), C(alarms) (active) and C(logs) (active) are the profile's tables. C(jobs) also
        reads the node table (for C(node_name)) and, with O(job_parameters), the job parameter table.
      - C(summary) (health counts) is added whenever C(jobs) or C(nodes) is gathered.
    type: list
    elements: str
    default: [all]
  display_key:
    description:
      - Which jobs column names a job, as the connector's custom display key does, that is C(display_name) of each job,
        the names in C(summary.jobs_in_alarm) and C(job_name) of the alarms.
      - V(index) or any column of the profile's jobs table (with the default profile V(name), V(workflow), V(node),
        V(status), V(alarm_state), V(service_name), V(output_bitrate), V(uptime), V(custom_label)); another value fails
        the task naming the allowed ones.
      - A job whose chosen column is empty (for example no custom label) is named by its C(name), else its index.
    type: str
    default: name
  job_parameters:
    description:
      - Read the job parameter table for the C(jobs) subset (each job's C(parameters) and C(writable_parameters)).
      - V(false) saves the round trips of that table (one row per job and parameter) on a large system; the jobs then
        have neither key.
    type: bool
    default: true
attributes:
  check_mode:
    support: full
    description: Only reads.
  diff_mode:
    support: none
    description: Nothing changes.
  facts:
    support: full
    description: Sets C(ansible_facts.electra).
notes:
  - Wrong credentials fail clearly. A v2c agent does not answer a community it does not know, so a wrong
    O(community) is a timeout after O(snmp_timeout) x (O(snmp_retries) + 1) seconds whose message names the
    community as the likely cause (without its value). A wrong v3 user or key is the agent's USM report
    (C(unknownUserNames), C(wrongDigests), C(decryptionErrors)) named in the message; a v3 key shorter than 8
    characters fails before anything is sent.
  - A profile that names a column the agent does not have fails naming the table, the column and its OID; a profile
    whose tables the agent does not have at all gives empty tables.
  - A profile without a table (C(extends) with the table set to null) returns that subset empty with a warning.
seealso:
  - module: broadcast.video.electra_jobs
"""

EXAMPLES = r"""
- name: Gather everything over SNMP v2c (community public)
  broadcast.video.electra_facts:
    host: electra.example.com

- name: Gather over SNMPv3 authPriv, without the log table
  broadcast.video.electra_facts:
    host: electra.example.com
    snmp_version: v3
    v3_user: ansible-ro
    v3_auth_protocol: sha256
    v3_auth_key: "{{ vault_electra_auth_key }}"
    v3_priv_protocol: aes
    v3_priv_key: "{{ vault_electra_priv_key }}"
    gather_subset: [all, "!logs"]

- name: Read a real system with the OIDs of the vendor's MIB (a copy of profiles/electra/default.yml, corrected)
  broadcast.video.electra_facts:
    host: electra.example.com
    community: "{{ vault_electra_community }}"
    profile: "{{ playbook_dir }}/files/electra-site-profile.yml"
    gather_subset: [jobs, alarms]

- name: Every Electra XT task of the play shares the connection options; fail on jobs in alarm
  hosts: localhost
  gather_facts: false
  module_defaults:
    group/broadcast.video.electra:
      host: electra.example.com
      community: "{{ vault_electra_community }}"
      snmp_timeout: 1
  tasks:
    - name: Read the jobs and nodes, each job named by its service name
      broadcast.video.electra_facts:
        gather_subset: [jobs, nodes]
        display_key: service_name
        job_parameters: false

    - name: Fail when a job is in alarm or a node is not up
      ansible.builtin.assert:
        that:
          - ansible_facts.electra.summary.jobs_in_alarm | length == 0
          - ansible_facts.electra.summary.nodes_not_up | length == 0
        fail_msg: >-
          Jobs in alarm: {{ ansible_facts.electra.summary.jobs_in_alarm | join(', ') or 'none' }};
          nodes not up: {{ ansible_facts.electra.summary.nodes_not_up | join(', ') or 'none' }}

    - name: List the critical alarms with the job they belong to
      ansible.builtin.debug:
        msg: "{{ ansible_facts.electra.alarms | default([]) | selectattr('severity', 'equalto', 'critical')
                 | map(attribute='text') | list }}"
"""

RETURN = r"""
ansible_facts:
  description: The gathered facts.
  returned: always
  type: dict
  contains:
    electra:
      description:
        - C(profile), one key per gathered subset, and C(summary) when C(jobs) or C(nodes) is gathered.
        - Field names of the profile's tables are the profile's column names (the default profile's below) plus the
          index names (C(index); C(job) and C(index) for the job parameter table). Enum columns give their label, an
          unknown number as is; C(timeticks) columns are in seconds; C(datetime) columns are ISO 8601 strings.
        - The samples are from the collection's simulator with the default profile.
      returned: always
      type: dict
      contains:
        profile:
          description:
            - "The OID profile used: C(name), C(modeled) (true for the built-in default: its OIDs are a model, not
              Harmonic's MIB) and C(tables) (table key -> entry OID)."
          returned: always
          type: dict
          sample: {name: broadcast.video default (modeled), modeled: true,
                   tables: {nodes: 1.3.6.1.4.1.32473.1.2.1.1, workflows: 1.3.6.1.4.1.32473.1.3.1.1,
                            jobs: 1.3.6.1.4.1.32473.1.4.1.1, job_parameters: 1.3.6.1.4.1.32473.1.5.1.1,
                            alarms: 1.3.6.1.4.1.32473.1.6.1.1, logs: 1.3.6.1.4.1.32473.1.7.1.1}}
        system:
          description:
            - "The standard objects (confirmed standards): C(description) (sysDescr), C(object_id) (sysObjectID,
              dotted), C(uptime_seconds) (sysUpTime in whole seconds), C(contact), C(name), C(location)
              (sysContact, sysName, sysLocation) and C(date_time) (hrSystemDate as ISO 8601 with the agent's UTC
              offset, null when the agent reports an unset date)."
          returned: when C(system) is gathered
          type: dict
          sample: {description: "Harmonic Electra XT video system (broadcast.video simulator; modeled management
                                 interface, OIDs under 1.3.6.1.4.1.32473.1, not Harmonic's MIB)",
                   object_id: 1.3.6.1.4.1.32473.1.1, uptime_seconds: 2267463, contact: noc@broadcast.example,
                   name: electra-xt-sim, location: "Playout centre, rack B3 (simulated)",
                   date_time: "2026-11-21T03:33:54.7+00:00"}
        storage:
          description:
            - "The Network Storage table (hrStorageTable, standard): C(index), C(type) (the hrStorageTypes name,
              for example C(fixedDisk), C(networkDisk); the OID when not a standard type), C(description),
              C(allocation_units) (bytes), C(size) and C(used) (in allocation units), C(size_bytes) and
              C(used_bytes) (bytes), C(used_percent) (one decimal, null when the size is 0)."
          returned: when C(storage) is gathered
          type: list
          elements: dict
          sample: [{index: 3, type: networkDisk, description: "nfs://media-archive/ingest",
                    allocation_units: 1048576, size: 209715200, used: 141243396, size_bytes: 219902325555200,
                    used_bytes: 148104435204096, used_percent: 67.4}]
        workflows:
          description:
            - "The Workflow table: C(index), C(name), C(version), C(category) (C(live), C(file), C(statmux)),
              C(description)."
          returned: when C(workflows) is gathered
          type: list
          elements: dict
          sample: [{index: 1, name: Live HD H.264 ABR, version: 3.2.1, category: live,
                    description: "HD live channel, H.264 ABR ladder for OTT"}]
        nodes:
          description:
            - "The Node table: C(index), C(name), C(address) (IPv4), C(role) (C(master), C(masterisable),
              C(standard)), C(status) (C(up), C(down), C(degraded)), C(cpu_load) (percent), C(capacity) (jobs),
              C(job_count)."
          returned: when C(nodes) is gathered
          type: list
          elements: dict
          sample: [{index: 1, name: xt-node-01, address: 10.40.1.11, role: master, status: up, cpu_load: 50,
                    capacity: 8, job_count: 4}]
        jobs:
          description:
            - "The Jobs list: C(index), C(name), C(workflow) (the workflow's name), C(node) (node index),
              C(status) (C(running), C(stopped), C(starting), C(stopping), C(failed)), C(alarm_state) (C(normal),
              C(warning), C(minor), C(major), C(critical)), C(service_name), C(output_bitrate) (kbit/s),
              C(uptime) (seconds, 0 when not running), C(custom_label)."
            - C(display_name) is the column O(display_key) chooses, C(node_name) the name of the job's node.
            - "With O(job_parameters): C(parameters) (parameter name -> value, all strings, from the job parameter
              table) and C(writable_parameters) (sorted names of the parameters the device lets one change, with
              M(broadcast.video.electra_jobs))."
          returned: when C(jobs) is gathered
          type: list
          elements: dict
          sample: [{index: 3, name: movies-0003, workflow: Live HD HEVC broadcast, node: 3, status: failed,
                    alarm_state: critical, service_name: Movies 1 HD, output_bitrate: 7000, uptime: 0,
                    custom_label: "", display_name: movies-0003, node_name: xt-node-03,
                    parameters: {codec: HEVC, resolution: 1920x1080, output_bitrate: "7000",
                                 service_name: Movies 1 HD, audio_language: deu, custom_label: ""},
                    writable_parameters: [audio_language, custom_label, output_bitrate, service_name]}]
        alarms:
          description:
            - "The Active Alarm table: C(index), C(severity) (C(critical), C(major), C(minor), C(warning),
              C(info)), C(source) (C(job:<index>) or C(node:<index>)), C(text), C(raised_at) (ISO 8601),
              C(job) (the job's index, 0 when the alarm is not a job's)."
            - C(job_name) is the job's display name (O(display_key)); only on job alarms, and only when C(jobs) is
              gathered too.
          returned: when C(alarms) is gathered
          type: list
          elements: dict
          sample: [{index: 2, severity: critical, source: "job:3", text: "job movies-0003 failed: license unavailable",
                    raised_at: "2026-11-20T22:30:21.9+00:00", job: 3, job_name: movies-0003},
                   {index: 4, severity: warning, source: "node:1",
                    text: "node xt-node-01: NTP server 10.40.0.1 unreachable",
                    raised_at: "2026-11-21T03:12:31.9+00:00", job: 0}]
        logs:
          description:
            - "The Active Log table: C(index), C(severity) (as the alarms'), C(source), C(text), C(time) (ISO 8601)."
          returned: when C(logs) is gathered
          type: list
          elements: dict
          sample: [{index: 6, severity: critical, source: "job:3", text: "job movies-0003 failed: license unavailable",
                    time: "2026-11-20T22:30:21.9+00:00"}]
        summary:
          description:
            - "Health counts. With C(jobs): C(jobs_total), C(jobs_by_status) and C(jobs_by_alarm_state) (label ->
              count), C(jobs_in_alarm) (display names of the jobs whose C(alarm_state) is not C(normal), in index
              order)."
            - "With C(nodes): C(nodes_total) and C(nodes_not_up) (names of the nodes whose C(status) is not C(up))."
          returned: when C(jobs) or C(nodes) is gathered
          type: dict
          sample: {jobs_total: 12, jobs_by_status: {failed: 1, running: 9, stopped: 2},
                   jobs_by_alarm_state: {critical: 1, major: 2, minor: 1, normal: 8},
                   jobs_in_alarm: [movies-0003, shopping-0008, events-0010, series-0011],
                   nodes_total: 3, nodes_not_up: []}
snmp:
  description:
    - "SNMP round trips of this run: C(requests) in all and C(by_table) (C(system) for the GET of the scalars, else
      the table key, C(storage) for hrStorageTable). A table of up to O(max_repetitions) rows takes one GETBULK;
      a failed run reports its counts in the failure too."
  returned: always
  type: dict
  sample: {requests: 10, by_table: {alarms: 1, job_parameters: 3, jobs: 1, logs: 1, nodes: 1, storage: 1, system: 1,
                                    workflows: 1}}
endpoints:
  description: HTTP calls and errors per endpoint key; empty, as this module reads over SNMP only.
  returned: always
  type: dict
  sample: {}
"""

from typing import Any, Dict

from ansible_collections.broadcast.video.plugins.module_utils.electra.device import ELECTRA
from ansible_collections.broadcast.video.plugins.module_utils.electra.facts import ElectraFacts
from ansible_collections.broadcast.video.plugins.module_utils.errors import BroadcastError
from ansible_collections.broadcast.video.plugins.module_utils.module import ansible_module, run_module


def main() -> None:
    """Run the module."""
    argument_spec = dict(ELECTRA.connection_spec)
    argument_spec.update(
        gather_subset={"type": "list", "elements": "str", "default": ["all"]},
        display_key={"type": "str", "default": "name", "no_log": False},
        job_parameters={"type": "bool", "default": True},
    )
    module = ansible_module(argument_spec, supports_check_mode=True)
    params = module.params

    def body(client: Any) -> Dict[str, Any]:
        gatherer = ElectraFacts(client, params["display_key"])
        try:
            facts = gatherer.gather(params["gather_subset"], include_parameters=params["job_parameters"])
        except BroadcastError as exc:
            exc.details.setdefault("snmp", client.snmp.stats.as_dict())  # how far the run got
            raise
        client.warnings.extend(gatherer.warnings)
        return {"changed": False, "ansible_facts": {"electra": facts}, "snmp": client.snmp.stats.as_dict()}

    run_module(module, ELECTRA, body)


if __name__ == "__main__":
    main()
