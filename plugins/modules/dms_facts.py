#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: dms_facts
short_description: Gather facts from a Harmonic DMS server
version_added: 0.1.0
description:
  - Reads the state of a Harmonic DMS (Distribution Management System) server into C(ansible_facts.dms), in
    snake_case (the API's camelCase field names converted, for example C(serial_number), C(firmware_version)).
  - The subsets follow the pages of Skyline's DataMiner DMS connector (confirmed behaviour, DMS firmware 11.4.0.0),
    that is devices with a custom description, authorization tables with schedule authorization sets, destinations,
    alarms read all or active only, and the API Endpoint Status table. The REST paths and fields behind them are
    modeled (the collection's C(docs/dms-api.md)); correct the paths with O(endpoint_paths).
  - Subsets are read concurrently (at most O(max_workers) requests at once), the pages of each long list too, and each
    endpoint is read once even when several subsets need it (devices and authorizations reuse the groups list for
    group names).
  - "A subset whose endpoint the server does not have (HTTP 404 or 501), or whose endpoint is switched off with
    C(endpoint_paths: {KEY: {enabled: false}}), is returned empty with a warning, never a failure; the switched-off
    endpoint is never requested."
  - The device list of a large DMS (100,000 devices) is read page by page; O(device_filters) filters it on the server
    so that the facts of one region or one model do not read every device.
author:
  - broadcast.video contributors (!UNKNOWN)
extends_documentation_fragment:
  - broadcast.video.dms
options:
  gather_subset:
    description:
      - Which parts to read. V(all), any of the subset names, and V(!name) to exclude one
        (for example V([all, "!devices"])); only exclusions means V(all) minus those.
      - C(system) is the server's name, version and counts (C(GET /api/v1/system)).
      - C(devices) are the edge receivers (filtered by O(device_filters)), each with C(display_name) and C(group_names).
      - C(groups) are the device groups; C(authorizations) the authorization sets, each with C(target_name);
        C(destinations) the output destinations.
      - C(alarms) are the alarms (see O(alarm_retrieval)); C(firmware) the firmware versions the DMS can push.
      - C(endpoints) is the API Endpoint Status table of this run (path, enabled, calls, errors per endpoint key),
        built after the other subsets so that it counts their requests.
    type: list
    elements: str
    default: [all]
  display_key:
    description:
      - Which device field names a device (C(display_name) in the C(devices) subset, C(target_name) of authorization
        sets that target a device), as the DataMiner connector's Custom Description display key does.
      - A device whose chosen field is empty (for example no custom description) is named by its id.
    type: str
    choices: [id, serial_number, unit_address, custom_description]
    default: id
  alarm_retrieval:
    description:
      - Which alarms the C(alarms) subset reads, as the connector's Alarm Retrieval parameter.
      - V(all) reads active and cleared alarms; V(active) reads only the active ones (C(state=active), a smaller
        read on a large network).
    type: str
    choices: [active, all]
    default: all
  device_filters:
    description:
      - Server-side filters of the C(devices) subset, combined with AND, each an exact, case-sensitive match.
        Unset filters do not filter. Other subsets are not filtered.
    type: dict
    suboptions:
      region:
        description: The region DMS placed the device in (for example V(north)).
        type: str
      model:
        description: The device model (for example V(ProView 8130)).
        type: str
      status:
        description: V(online) or V(offline).
        type: str
        choices: [online, offline]
      firmware_version:
        description: The firmware version the device runs (for example V(11.4.0.0)).
        type: str
      group:
        description: The name of a DMS group the device belongs to.
        type: str
attributes:
  check_mode:
    support: full
    description: Only reads.
  diff_mode:
    support: none
    description: Nothing changes.
  facts:
    support: full
    description: Sets C(ansible_facts.dms).
notes:
  - The wire format (paths, field names, paging) is modeled, not taken from Harmonic documentation; the fields below
    are the modeled API's in snake_case.
seealso:
  - module: broadcast.video.dms_device_command
"""

EXAMPLES = r"""
- name: Gather everything but the devices
  broadcast.video.dms_facts:
    host: dms.example.com
    username: dmsadmin
    password: "{{ vault_dms_password }}"
    gather_subset: [all, "!devices"]

- name: Every DMS task of the play shares the connection options
  hosts: localhost
  gather_facts: false
  module_defaults:
    group/broadcast.video.dms:
      host: dms.example.com
      username: dmsadmin
      password: "{{ vault_dms_password }}"
  tasks:
    - name: Read the offline devices of the north region, named by their custom description
      broadcast.video.dms_facts:
        gather_subset: [devices]
        display_key: custom_description
        device_filters:
          region: north
          status: offline
      register: north

    - name: List them
      ansible.builtin.debug:
        msg: "{{ ansible_facts.dms.devices | map(attribute='display_name') | list }}"

    - name: Only the active alarms, without polling the firmware endpoint
      broadcast.video.dms_facts:
        gather_subset: [alarms]
        alarm_retrieval: active
        endpoint_paths:
          firmware: {enabled: false}

    - name: Fail when a critical alarm is active
      ansible.builtin.assert:
        that:
          - ansible_facts.dms.alarms | selectattr('severity', 'equalto', 'critical') | list | length == 0
        fail_msg: A critical DMS alarm is active
"""

RETURN = r"""
ansible_facts:
  description: The gathered facts.
  returned: always
  type: dict
  contains:
    dms:
      description:
        - One key per gathered subset; C(system) and C(endpoints) are dicts, every other subset a list of dicts.
        - Field names are those of the modeled DMS API in snake_case; times are epoch seconds.
      returned: always
      type: dict
      contains:
        system:
          description:
            - "The server: C(name), C(version) (for example C(11.4.0.0)), C(device_count), C(online_count),
              C(group_count) and C(server_time) (epoch seconds)."
            - Empty when the endpoint is absent or switched off.
          returned: when C(system) is gathered
          type: dict
          sample: {name: DMS Simulator, version: 11.4.0.0, device_count: 300, online_count: 276, group_count: 16,
                   server_time: 1793491200}
        devices:
          description:
            - "Edge receivers (those of O(device_filters)): C(id), C(serial_number), C(unit_address), C(model),
              C(firmware_version), C(region), C(status) (C(online) or C(offline)), C(ip_address) (null when unknown),
              C(last_seen) (epoch seconds), C(active_alarm_count), C(custom_description), C(location), C(groups)
              (group ids), C(allow_schedule_authorization)."
            - C(display_name) is the field O(display_key) chooses (the id when that field is empty) and
              C(group_names) the sorted names of the device's groups (their ids when the C(groups) endpoint is
              switched off or absent).
          returned: when C(devices) is gathered
          type: list
          elements: dict
          sample: [{id: dev-000001, serial_number: PV813000000000, unit_address: 000-00000-00000-001,
                    model: ProView 8130, firmware_version: 11.4.0.0, region: north, status: online,
                    ip_address: 10.0.1.1, last_seen: 1793491100, active_alarm_count: 0,
                    custom_description: Lobby screen North 1, location: "Northgate headend, rack R1-U1",
                    groups: [grp-0001], allow_schedule_authorization: true, display_name: dev-000001,
                    group_names: [region-north]}]
        groups:
          description:
            - "Device groups: C(id), C(name), C(description), C(allow_schedule_authorization), C(device_count)."
          returned: when C(groups) is gathered
          type: list
          elements: dict
          sample: [{id: grp-0009, name: tier-basic, description: Basic subscription tier,
                    allow_schedule_authorization: false, device_count: 120}]
        authorizations:
          description:
            - "Authorization sets: C(id), C(name), C(target_type) (C(device) or C(group)), C(target_id),
              C(entitlements), C(enabled), C(type) (C(standard) or C(schedule)) and C(schedule) (null, or
              C(start_date), C(end_date), C(start_time), C(end_time), C(weekdays))."
            - C(target_name) is the target group's name, or the target device's display name (O(display_key)).
          returned: when C(authorizations) is gathered
          type: list
          elements: dict
          sample: [{id: auth-0006, name: hotels-weekend-sports, target_type: group, target_id: grp-0014,
                    target_name: hotels, entitlements: [ESPN-HD, EUROSPORT-2], enabled: true, type: schedule,
                    schedule: {start_date: "2026-12-01", end_date: "2026-12-31", start_time: "18:00",
                               end_time: "23:30", weekdays: [FRI, SAT, SUN]}}]
        destinations:
          description:
            - "Destinations: C(id), C(name), C(description), C(address) (IPv4 or IPv6), C(port), C(protocol)
              (C(udp), C(rtp) or C(srt)), C(enabled)."
          returned: when C(destinations) is gathered
          type: list
          elements: dict
          sample: [{id: dst-0001, name: headend-north-mcast, description: Primary multicast to the north headend,
                    address: 239.10.1.1, port: 5000, protocol: udp, enabled: true}]
        alarms:
          description:
            - "Alarms, newest first: C(id), C(device_id), C(severity) (C(critical), C(major), C(minor),
              C(warning)), C(type), C(message), C(state) (C(active) or C(cleared)), C(raised_at) and C(cleared_at)
              (epoch seconds; C(cleared_at) null while active)."
            - Only the active ones with O(alarm_retrieval=active).
          returned: when C(alarms) is gathered
          type: list
          elements: dict
          sample: [{id: alm-000003, device_id: dev-000042, severity: major, type: SIGNAL_LOSS,
                    message: Input signal lost on RF input 1, state: active, raised_at: 1793400000,
                    cleared_at: null}]
        firmware:
          description:
            - "Firmware versions the DMS can push: C(version) and C(models) (the models it fits)."
          returned: when C(firmware) is gathered
          type: list
          elements: dict
          sample: [{version: 11.4.1.0, models: [ProView 8100, ProView 8130, XOS Edge]}]
        endpoints:
          description:
            - "The API Endpoint Status table of this run, per endpoint key (C(login), C(system), C(devices),
              C(device_commands), C(groups), C(authorizations), C(destinations), C(alarms), C(firmware)):
              C(path) (after O(endpoint_paths)), C(enabled) (false when switched off), C(calls) and C(errors)
              (requests of this run as the client sent them; a retry made inside
              one request after a 502/503/504 is not counted again)."
          returned: when C(endpoints) is gathered
          type: dict
          sample: {devices: {path: /api/v1/devices, enabled: true, calls: 1, errors: 0},
                   alarms: {path: /api/v1/alarms, enabled: false, calls: 0, errors: 0}}
endpoints:
  description: Calls and errors per API endpoint during this run (endpoints that were requested).
  returned: always
  type: dict
  sample: {"login": {"calls": 1, "errors": 0}, "devices": {"calls": 1, "errors": 0}}
http_log:
  description: Each HTTP request of the run with method, path, status and duration in milliseconds (no secrets).
  returned: with verbosity 3 or more (C(-vvv))
  type: list
  elements: dict
"""

from typing import Any, Dict

from ansible_collections.broadcast.video.plugins.module_utils.dms.client import ALARM_RETRIEVAL, DEVICE_FILTER_OPTIONS
from ansible_collections.broadcast.video.plugins.module_utils.dms.device import DMS
from ansible_collections.broadcast.video.plugins.module_utils.dms.facts import DISPLAY_KEYS, DmsFacts
from ansible_collections.broadcast.video.plugins.module_utils.module import ansible_module, merge_warnings, run_module


def main() -> None:
    """Run the module."""
    argument_spec = dict(DMS.connection_spec)
    argument_spec.update(
        gather_subset={"type": "list", "elements": "str", "default": ["all"]},
        display_key={"type": "str", "default": "id", "choices": list(DISPLAY_KEYS)},
        alarm_retrieval={"type": "str", "default": "all", "choices": list(ALARM_RETRIEVAL)},
        device_filters={"type": "dict", "options": DEVICE_FILTER_OPTIONS},
    )
    module = ansible_module(argument_spec, supports_check_mode=True)
    params = module.params

    def body(client: Any) -> Dict[str, Any]:
        gatherer = DmsFacts(client, display_key=params["display_key"], alarm_retrieval=params["alarm_retrieval"],
                            device_filters=params["device_filters"])
        facts = gatherer.gather(params["gather_subset"])
        merge_warnings(module, gatherer.warnings)
        return {"changed": False, "ansible_facts": {"dms": facts}}

    run_module(module, DMS, body)


if __name__ == "__main__":
    main()
