#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: electra_jobs
short_description: Start, stop and set the parameters of Harmonic Electra XT jobs declaratively
version_added: 0.1.0
description:
  - Declares the status (running or stopped) and the writable parameter values of the jobs of a Harmonic Electra XT
    video system, through its HTTP interface (HTTP Basic authentication with O(username) and O(password)). SNMP is
    not used by this module (the SNMP options are accepted, so that one C(module_defaults) serves every Electra
    module, and ignored); M(broadcast.video.electra_facts) reads the jobs, their alarms and the rest over SNMP.
  - Jobs are built from workflows on the device and cannot be created or deleted here, so the module offers
    O(state=merged) and O(state=gathered) only. Declaring a job name that does not exist fails before any write.
  - Jobs are matched by O(config[].name), the job's unique name (M(broadcast.video.electra_facts) lists them).
  - The module reads the job list once (C(GET /api/v1/jobs)). For each job whose parameters change it reads that job
    once (C(GET /api/v1/jobs/{id})) to check, before any write, that every declared parameter exists and is one the
    device marks writable (its C(writableParameters)).
  - A changed job gets at most two writes, in this order, parameters first then status; one C(PATCH) of the changed
    parameters only (C(/api/v1/jobs/{id}/parameters)), then C(POST /api/v1/jobs/{id}/start) or C(/stop).
  - "That an Electra XT has jobs built from workflows, a Node -> Job -> Job Parameter tree and an HTTP interface with
    a username and password is confirmed (the DataMiner Electra XT connector documentation); the HTTP paths, the
    field names and the error codes are modeled, see the collection's C(docs/electra-model.md), and the paths can be
    corrected with O(endpoint_paths)."
author:
  - broadcast.video contributors (!UNKNOWN)
extends_documentation_fragment:
  - broadcast.video.electra
  - broadcast.video.resource_state
options:
  state:
    description:
      - V(merged) sets the status and the parameters given for each declared job; parameters left out, and
        undeclared jobs, are left alone.
      - V(gathered) reads every job and returns it in RV(gathered), in exactly the O(config) format (every
        parameter, writable or not, as text).
      - Jobs cannot be created or deleted, so V(replaced), V(overridden), V(deleted) and V(rendered) are not offered.
      - The module reads the jobs once, validates every job and parameter, and only then writes. In check mode
        nothing is written and RV(requests) lists the planned writes.
    type: str
    choices: [merged, gathered]
    default: merged
  config:
    description:
      - The jobs to set. With O(state=gathered) leave it out; the module returns RV(gathered) in this same format.
    type: list
    elements: dict
    suboptions:
      name:
        description:
          - The job's unique name (the natural key; C(name) in the device's job list), for example C(news-0001).
            The job must exist.
        type: str
        required: true
      status:
        description:
          - V(running) starts a job that is not running (also a C(failed) one); V(stopped) stops a job that is not
            stopped. Left out, the status is not touched.
          - V(starting), V(stopping) and V(failed) are statuses the device reports; they are accepted only when they
            are the job's current status (nothing to do), so that RV(gathered) can be fed back as O(config).
            Declared for a job in another status, they fail before any write.
          - "On the device (modeled, as the simulator does it): stopping a job raises a C(major) alarm
            C(job <name> stopped) in the active alarm table; starting it clears the job's alarms."
        type: str
        choices: [running, stopped, starting, stopping, failed]
      parameters:
        description:
          - Parameter name -> value. Only the parameters given are compared and changed; the others keep their
            values.
          - Values are compared as text (the device's job parameter table holds text), so V(8000) and V("8000") are
            the same value. Give strings or numbers; a list, a dict or a boolean is refused before any request.
          - Only the parameters the device marks writable may be given (with the default simulator, C(output_bitrate)
            in kbit/s, C(service_name), C(audio_language) and C(custom_label); C(codec) and C(resolution) are
            read-only). An unknown parameter, or a read-only one given a value other than its current one, fails
            before any write, naming the job, the parameter and the parameters it has or the writable ones. A
            read-only parameter given its current value changes nothing and is accepted (so that RV(gathered) can
            be fed back).
          - The device checks the values themselves; a value it refuses (an C(output_bitrate) out of range) fails
            with the device's error code and message, and nothing of that job's C(PATCH) is applied.
        type: dict
notes:
  - The other job fields (workflow, node, alarm state, uptime) are read only; M(broadcast.video.electra_facts) returns
    them with the alarms.
  - Starting or stopping a job interrupts or restores a live service; run the task in check mode with diff first
    when in doubt.
seealso:
  - module: broadcast.video.electra_facts
"""

EXAMPLES = r"""
- name: Stop a job for maintenance
  broadcast.video.electra_jobs:
    host: electra.example.com
    username: admin
    password: "{{ vault_electra_password }}"
    config:
      - name: news-0001
        status: stopped

- name: Start it again
  broadcast.video.electra_jobs:
    host: electra.example.com
    username: admin
    password: "{{ vault_electra_password }}"
    config:
      - name: news-0001
        status: running

- name: Lower the output bitrate of a job (kbit/s; only that parameter is sent)
  broadcast.video.electra_jobs:
    host: electra.example.com
    username: admin
    password: "{{ vault_electra_password }}"
    config:
      - name: sports-0002
        parameters:
          output_bitrate: 6500

- name: See what would change, without changing anything
  broadcast.video.electra_jobs:
    host: electra.example.com
    username: admin
    password: "{{ vault_electra_password }}"
    config:
      - name: sports-0002
        status: running
        parameters:
          service_name: Sports 1 HD
          audio_language: eng
  check_mode: true
  diff: true
  register: planned

- name: Every Electra task of the play shares the connection options
  hosts: localhost
  gather_facts: false
  module_defaults:
    group/broadcast.video.electra:
      host: electra.example.com
      username: admin
      password: "{{ vault_electra_password }}"
  tasks:
    - name: Read every job in the config format
      broadcast.video.electra_jobs:
        state: gathered
      register: jobs

    - name: Label two jobs
      broadcast.video.electra_jobs:
        config:
          - name: movies-0003
            parameters: {custom_label: backup path}
          - name: kids-0004
            parameters: {custom_label: studio A feed}
"""

RETURN = r"""
before:
  description: The declared jobs before the run, in the O(config) format (every parameter, as text).
  returned: when O(state=merged)
  type: list
  elements: dict
  sample: [{"name": "news-0001", "status": "running", "parameters": {"codec": "H.264", "resolution": "1920x1080",
            "output_bitrate": "7500", "service_name": "News 1 HD", "audio_language": "eng", "custom_label": ""}}]
after:
  description: The declared jobs after the run (as planned in check mode), in the O(config) format.
  returned: when O(state=merged)
  type: list
  elements: dict
requests:
  description:
    - Each write planned (check mode) or sent, in order, with C(method), C(path), C(item) (the job name) and
      C(operation) (always C(update)). A job whose parameters and status both change has its C(PATCH) before its
      C(POST).
  returned: when O(state=merged)
  type: list
  elements: dict
  sample: [{"method": "PATCH", "path": "/api/v1/jobs/1/parameters", "item": "news-0001", "operation": "update"},
           {"method": "POST", "path": "/api/v1/jobs/1/stop", "item": "news-0001", "operation": "update"}]
gathered:
  description:
    - Every job of the device, sorted by name, in the O(config) format, every parameter (writable or not) as text.
    - C(status) is what the device reports, so besides V(running) and V(stopped) it can be C(starting), C(stopping)
      or C(failed); fed back as O(config) these change nothing while the job keeps that status.
  returned: when O(state=gathered)
  type: list
  elements: dict
  sample: [{"name": "news-0001", "status": "running", "parameters": {"codec": "H.264", "resolution": "1920x1080",
            "output_bitrate": "7500", "service_name": "News 1 HD", "audio_language": "eng", "custom_label": ""}}]
endpoints:
  description: Calls and errors per HTTP API endpoint during this run.
  returned: when the device was contacted
  type: dict
http_log:
  description: Each HTTP request of the run with method, path, status and duration in milliseconds (no secrets).
  returned: with verbosity 3 or more (C(-vvv))
  type: list
  elements: dict
"""

from ansible_collections.broadcast.video.plugins.module_utils.electra.device import ELECTRA_HTTP
from ansible_collections.broadcast.video.plugins.module_utils.electra.resources import JOBS
from ansible_collections.broadcast.video.plugins.module_utils.module import run_resource_module


def main() -> None:
    """Run the module: states merged and gathered (jobs cannot be created, deleted or replaced)."""
    run_resource_module(ELECTRA_HTTP, JOBS, states=("merged", "gathered"))


if __name__ == "__main__":
    main()
