#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: dms_devices
short_description: Edit the settings of Harmonic DMS devices declaratively
version_added: 0.1.0
description:
  - Edits the writable settings of the devices (edge receivers) of a Harmonic DMS (Distribution Management System)
    server (C(/api/v1/devices), modeled), that is their custom description, location, groups and whether schedule
    authorization sets may target them.
  - Devices register themselves with DMS and cannot be created or deleted through its API, so the module offers
    O(state=merged), O(state=replaced) and O(state=gathered) only. Declaring a device id that does not exist fails
    before any write.
  - Devices are matched by O(config[].id), the id DMS gave them (C(dev-000042); M(broadcast.video.dms_facts) and the
    C(broadcast.video.dms) inventory list them).
  - With O(state=merged) and O(state=replaced) only the declared devices are read, by id (C(GET /api/v1/devices?id=...),
    up to 1000 ids per request), never the whole population, so that editing a few devices of a DMS with 100,000
    costs a few requests. RV(before) and RV(after) then hold the declared devices only. O(state=gathered) reads every
    device (all pages).
  - O(config[].groups) are group names, resolved to ids with one read of the groups and checked before the first
    write. A changed device gets one C(PATCH) of its writable fields.
  - That DMS devices have a custom description and that schedule authorization can be allowed or not is confirmed
    (the DataMiner DMS connector documentation, firmware 11.4.0.0); the paths and the field names (C(id),
    C(customDescription), C(location), C(groups), C(allowScheduleAuthorization)) are modeled, see the collection's
    C(docs/dms-api.md), and the paths can be corrected with O(endpoint_paths).
author:
  - broadcast.video contributors (!UNKNOWN)
extends_documentation_fragment:
  - broadcast.video.dms
  - broadcast.video.resource_state
options:
  state:
    description:
      - V(merged) updates the options given for each declared device; options left out and undeclared devices are
        left alone.
      - V(replaced) makes each declared device exactly as declared; options left out go back to their defaults (an
        empty description and location, no group, schedule authorization not allowed). Undeclared devices are left
        alone.
      - V(gathered) reads every device and returns it in RV(gathered), in exactly the O(config) format.
      - Devices cannot be created or deleted, so V(overridden), V(deleted) and V(rendered) are not offered.
      - The module reads the declared devices (and the groups) once, validates every device and group, and only then
        writes. In check mode nothing is written and RV(requests) lists the planned writes.
    type: str
    choices: [merged, replaced, gathered]
    default: merged
  config:
    description:
      - The devices to edit. With O(state=gathered) leave it out; the module returns RV(gathered) in this same format.
    type: list
    elements: dict
    suboptions:
      id:
        description:
          - DMS device id (the natural key; DMS C(id)), for example C(dev-000042). The device must exist.
        type: str
        required: true
      custom_description:
        description:
          - Free text shown for the device (DMS C(customDescription), the monitoring connector's display key).
            Default V("").
        type: str
      location:
        description: Free text, for example the site and rack (DMS C(location)). Default V("").
        type: str
      groups:
        description:
          - Names of the groups the device belongs to (DMS C(groups), which holds their ids). Default V([]) (no
            group).
          - With O(state=merged) a given list replaces the device's whole list; leave it out to keep the groups.
          - Order and duplicates do not matter; RV(gathered) returns the names sorted. The groups must exist (see
            M(broadcast.video.dms_groups)).
        type: list
        elements: str
      allow_schedule_authorization:
        description:
          - Whether schedule-based authorization sets may target this device (DMS C(allowScheduleAuthorization)).
            Default V(false).
          - M(broadcast.video.dms_authorizations) refuses, before any write, a set with a schedule on a device where
            this is V(false).
          - Setting it to V(false) (also by O(state=replaced) leaving it out) while a schedule-based authorization set
            targets the device fails before any write, naming the set; delete the set or remove its schedule first.
        type: bool
notes:
  - The other device fields (serial number, unit address, model, firmware version, region, status, address, last
    contact, alarm count) are read only; M(broadcast.video.dms_facts) returns them.
seealso:
  - module: broadcast.video.dms_facts
  - module: broadcast.video.dms_groups
  - module: broadcast.video.dms_authorizations
  - module: broadcast.video.dms_device_command
"""

EXAMPLES = r"""
- name: Describe and place two receivers
  broadcast.video.dms_devices:
    host: dms.example.com
    username: dmsadmin
    password: "{{ vault_dms_password }}"
    config:
      - id: dev-000042
        custom_description: Lobby screen
        location: "Northgate headend, rack R3-U12"
        groups: [region-north, hotels]
      - id: dev-000043
        allow_schedule_authorization: true

- name: Every DMS task of the play shares the connection options
  hosts: localhost
  gather_facts: false
  module_defaults:
    group/broadcast.video.dms:
      host: dms.example.com
      username: dmsadmin
      password: "{{ vault_dms_password }}"
  tasks:
    - name: Exactly these settings on one receiver (what is left out goes back to its default)
      broadcast.video.dms_devices:
        state: replaced
        config:
          - id: dev-000042
            custom_description: Lobby screen
            groups: [region-north]
"""

RETURN = r"""
before:
  description: The declared devices before the run, in the O(config) format.
  returned: when O(state) is V(merged) or V(replaced)
  type: list
  elements: dict
after:
  description: The declared devices after the run (as planned in check mode), in the O(config) format.
  returned: when O(state) is V(merged) or V(replaced)
  type: list
  elements: dict
requests:
  description: Each write planned (check mode) or sent, in order, with C(method), C(path), C(item) and C(operation).
  returned: when O(state) is V(merged) or V(replaced)
  type: list
  elements: dict
  sample: [{"method": "PATCH", "path": "/api/v1/devices/dev-000042", "item": "dev-000042", "operation": "update"}]
gathered:
  description: Every device on the server, in the O(config) format (can be fed back as O(config)).
  returned: when O(state=gathered)
  type: list
  elements: dict
  sample: [{"id": "dev-000042", "custom_description": "Lobby screen", "location": "Northgate headend, rack R3-U12",
            "groups": ["hotels", "region-north"], "allow_schedule_authorization": false}]
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
from ansible_collections.broadcast.video.plugins.module_utils.dms.resources import DEVICES
from ansible_collections.broadcast.video.plugins.module_utils.module import run_resource_module


def main() -> None:
    """Run the module."""
    run_resource_module(DMS, DEVICES, states=("merged", "replaced", "gathered"))


if __name__ == "__main__":
    main()
