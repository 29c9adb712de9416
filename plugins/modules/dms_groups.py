#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: dms_groups
short_description: Manage Harmonic DMS device groups declaratively
version_added: 0.1.0
description:
  - Creates, updates and deletes the device groups of a Harmonic DMS (Distribution Management System) server
    (C(/api/v1/groups), modeled). Authorization sets target groups (see M(broadcast.video.dms_authorizations)) and
    devices list the groups they belong to (see M(broadcast.video.dms_devices)).
  - Groups are matched by O(config[].name), which DMS keeps unique. A group's id (C(grp-0001)) is chosen by DMS and
    never needed here.
  - A group that an authorization set targets cannot be deleted (O(state=deleted) or O(state=overridden)); the module
    checks this before any write and fails naming the group and the set. Delete or retarget the set first. Deleting a
    group removes it from its devices' group lists.
  - One run reads the groups once and plans every change before the first write. A changed group gets one C(PATCH)
    of its writable fields (C(name), C(description), C(allowScheduleAuthorization)), a new one one C(POST), a deleted
    one one C(DELETE).
  - That DMS has device groups whose schedule authorization can be allowed or not is confirmed (the DataMiner DMS
    connector documentation, firmware 11.4.0.0); the paths and the field names (C(name), C(description),
    C(allowScheduleAuthorization)) are modeled, see the collection's C(docs/dms-api.md), and the paths can be
    corrected with O(endpoint_paths).
author:
  - broadcast.video contributors (!UNKNOWN)
extends_documentation_fragment:
  - broadcast.video.dms
  - broadcast.video.resource_state
options:
  config:
    description:
      - The groups. With O(state=gathered) leave it out; the module returns RV(gathered) in this same format.
    type: list
    elements: dict
    suboptions:
      name:
        description: Group name (the natural key; DMS C(name), unique).
        type: str
        required: true
      description:
        description: Free text (DMS C(description)). Default V("").
        type: str
      allow_schedule_authorization:
        description:
          - Whether schedule-based authorization sets may target this group (DMS C(allowScheduleAuthorization), the
            connector's "Allow Schedule Authorization"). Default V(false).
          - M(broadcast.video.dms_authorizations) refuses, before any write, a set with a schedule on a group where
            this is V(false).
          - Setting it to V(false) (also by O(state=replaced) leaving it out) while a schedule-based authorization set
            targets the group fails before any write, naming the set; delete the set or remove its schedule first.
        type: bool
notes:
  - The number of devices in a group (DMS C(deviceCount)) is read only; M(broadcast.video.dms_facts) returns it.
seealso:
  - module: broadcast.video.dms_authorizations
  - module: broadcast.video.dms_devices
  - module: broadcast.video.dms_facts
"""

EXAMPLES = r"""
- name: Groups of the distribution network
  broadcast.video.dms_groups:
    host: dms.example.com
    username: dmsadmin
    password: "{{ vault_dms_password }}"
    config:
      - name: hotels
        description: "Hospitality sites: hotels and bars"
        allow_schedule_authorization: true
      - name: stadiums
        description: Stadium suites

- name: Every DMS task of the play shares the connection options
  hosts: localhost
  gather_facts: false
  module_defaults:
    group/broadcast.video.dms:
      host: dms.example.com
      username: dmsadmin
      password: "{{ vault_dms_password }}"
  tasks:
    - name: Remove a retired group (fails before any write while an authorization set targets it)
      broadcast.video.dms_groups:
        state: deleted
        config:
          - name: trial-2025

    - name: Read the groups
      broadcast.video.dms_groups:
        state: gathered
      register: groups

    - name: Show the groups that allow schedule authorization
      ansible.builtin.debug:
        msg: "{{ groups.gathered | selectattr('allow_schedule_authorization') | map(attribute='name') | list }}"
"""

RETURN = r"""
before:
  description: Every group before the run, in the O(config) format.
  returned: when O(state) is V(merged), V(replaced), V(overridden) or V(deleted)
  type: list
  elements: dict
after:
  description: Every group after the run (as planned in check mode), in the O(config) format.
  returned: when O(state) is V(merged), V(replaced), V(overridden) or V(deleted)
  type: list
  elements: dict
requests:
  description: Each write planned (check mode) or sent, in order, with C(method), C(path), C(item) and C(operation).
  returned: when O(state) is V(merged), V(replaced), V(overridden) or V(deleted)
  type: list
  elements: dict
  sample: [{"method": "POST", "path": "/api/v1/groups", "item": "hotels", "operation": "create"}]
gathered:
  description: The groups on the server, in the O(config) format (can be fed back as O(config)).
  returned: when O(state=gathered)
  type: list
  elements: dict
  sample: [{"name": "hotels", "description": "Hospitality sites (hotels, bars)", "allow_schedule_authorization": true}]
rendered:
  description: The create requests (C(method), C(path), C(body)) for the declared groups, built offline.
  returned: when O(state=rendered)
  type: list
  elements: dict
  sample: [{"method": "POST", "path": "/api/v1/groups",
            "body": {"name": "hotels", "description": "", "allowScheduleAuthorization": true}}]
endpoints:
  description: Calls and errors per API endpoint during this run.
  returned: when the server was contacted
  type: dict
http_log:
  description: Each HTTP request of the run with method, path, status and duration in milliseconds (no secrets).
  returned: with verbosity 3 or more (C(-vvv))
  type: list
  elements: dict
"""

from ansible_collections.broadcast.video.plugins.module_utils.dms.device import DMS
from ansible_collections.broadcast.video.plugins.module_utils.dms.resources import GROUPS
from ansible_collections.broadcast.video.plugins.module_utils.module import run_resource_module


def main() -> None:
    """Run the module."""
    run_resource_module(DMS, GROUPS)


if __name__ == "__main__":
    main()
