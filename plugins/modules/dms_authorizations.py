#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: dms_authorizations
short_description: Manage Harmonic DMS authorization sets, standard and schedule-based, declaratively
version_added: 0.1.0
description:
  - Creates, updates and deletes the authorization sets of a Harmonic DMS (Distribution Management System) server
    (C(/api/v1/authorizations), modeled). A set authorizes entitlements (services, channels) on a device group or on
    one device; a schedule-based set does so only between two dates, between two times of day, on given weekdays.
  - Sets are matched by O(config[].name), which DMS keeps unique. A set's id (C(auth-0001)) is chosen by DMS and never
    needed here.
  - O(config[].target) is a group name (resolved to its id with one read of the groups) or a device id, depending on
    O(config[].target_type). Every target is checked before the first write; a device target is read by its id only.
  - A set with a O(config[].schedule) needs a target whose C(allow_schedule_authorization) is V(true) (the connector's
    "Allow Schedule Authorization"). A schedule set on a group or device where it is V(false) fails before any write,
    naming the set and the target; allow it first with M(broadcast.video.dms_groups) or
    M(broadcast.video.dms_devices).
  - One run reads the sets and the groups once, validates every declared item and plans every change before the first
    write. A changed set gets one C(PATCH) of its writable fields, a new one one C(POST), a deleted one one C(DELETE).
  - O(state=overridden) deletes every set that is not declared; use it with care.
  - That DMS has authorization tables with schedule authorization sets that may be allowed or not is confirmed (the
    DataMiner DMS connector documentation, firmware 11.4.0.0); the paths and the field names (C(name), C(targetType),
    C(targetId), C(entitlements), C(enabled), C(type), C(schedule) with C(startDate), C(endDate), C(startTime),
    C(endTime), C(weekdays)) are modeled, see the collection's C(docs/dms-api.md), and the paths can be corrected
    with O(endpoint_paths).
author:
  - broadcast.video contributors (!UNKNOWN)
extends_documentation_fragment:
  - broadcast.video.dms
  - broadcast.video.resource_state
options:
  config:
    description:
      - The authorization sets. With O(state=gathered) leave it out; the module returns RV(gathered) in this same
        format.
    type: list
    elements: dict
    suboptions:
      name:
        description: Authorization set name (the natural key; DMS C(name), unique).
        type: str
        required: true
      target_type:
        description:
          - What O(config[].target) names (DMS C(targetType)). Default V(group).
        type: str
        choices: [group, device]
      target:
        description:
          - With O(config[].target_type=group) the name of a device group (see M(broadcast.video.dms_groups)); with
            O(config[].target_type=device) a DMS device id such as C(dev-000042) (DMS C(targetId)).
          - Required to create a set. An unknown group or device fails before any write.
        type: str
      entitlements:
        description:
          - The entitlements (services, channels) the set authorizes, for example C(ESPN-HD) (DMS C(entitlements)).
            Default V([]).
          - Order and duplicates do not matter; RV(gathered) returns them sorted.
        type: list
        elements: str
      enabled:
        description: Whether the set is in force (DMS C(enabled)). Default V(true).
        type: bool
      schedule:
        description:
          - Makes the set schedule-based (DMS C(type) C(schedule) and C(schedule)); the set then authorizes only from
            O(config[].schedule.start_date) to O(config[].schedule.end_date), between O(config[].schedule.start_time)
            and O(config[].schedule.end_time), on O(config[].schedule.weekdays).
          - Left out, a new set is a standard set (DMS C(type) C(standard), no schedule). With O(state=merged) an
            existing set keeps its schedule; O(state=replaced) without a schedule turns a schedule set into a
            standard one.
          - The target must allow schedule authorization, else the task fails before any write.
        type: dict
        suboptions:
          start_date:
            description:
              - First day of the schedule, an ISO 8601 date C(YYYY-MM-DD) (DMS C(startDate)); the date part of a
                date and time is accepted.
            type: str
            required: true
          end_date:
            description:
              - Last day of the schedule, C(YYYY-MM-DD) (DMS C(endDate)); not before O(config[].schedule.start_date).
            type: str
            required: true
          start_time:
            description:
              - Time of day the authorization starts, C(HH:MM) on a 24 h clock in the DMS server's time zone (DMS
                C(startTime)). C(8:00) and C(08:00:00) are accepted and returned as C(08:00).
            type: str
            default: "00:00"
          end_time:
            description:
              - Time of day the authorization ends, C(HH:MM) on a 24 h clock in the DMS server's time zone (DMS
                C(endTime)).
            type: str
            default: "23:59"
          weekdays:
            description:
              - The days of the week the schedule applies (DMS C(weekdays)); every day when left out.
              - Each day is a three-letter code (V(MON), V(TUE), V(WED), V(THU), V(FRI), V(SAT), V(SUN)) or a full
                English day name (C(Friday)), in any case; C("MON;FRI") and C("MON,FRI") are accepted too.
              - Order and duplicates do not matter; DMS and RV(gathered) hold the codes in week order.
            type: list
            elements: str
notes:
  - Deleting a group that an authorization set targets is refused (see M(broadcast.video.dms_groups)); delete or
    retarget the set first.
seealso:
  - module: broadcast.video.dms_groups
  - module: broadcast.video.dms_devices
  - module: broadcast.video.dms_facts
"""

EXAMPLES = r"""
- name: Packages of the sports and news groups
  broadcast.video.dms_authorizations:
    host: dms.example.com
    username: dmsadmin
    password: "{{ vault_dms_password }}"
    config:
      - name: sports-package
        target: sports
        entitlements: [ESPN-HD, EUROSPORT-1, SKY-SPORTS-MAIN]
      - name: news-package
        target: news
        entitlements: [CNN-INTL, BBC-WORLD]

- name: Every DMS task of the play shares the connection options
  hosts: localhost
  gather_facts: false
  module_defaults:
    group/broadcast.video.dms:
      host: dms.example.com
      username: dmsadmin
      password: "{{ vault_dms_password }}"
  tasks:
    - name: Let the hotels group take schedule-based sets
      broadcast.video.dms_groups:
        config:
          - name: hotels
            allow_schedule_authorization: true

    - name: Weekend evening sports in hotels during December
      broadcast.video.dms_authorizations:
        config:
          - name: hotels-weekend-sports
            target: hotels
            entitlements: [ESPN-HD, EUROSPORT-2]
            schedule:
              start_date: "2026-12-01"
              end_date: "2026-12-31"
              start_time: "18:00"
              end_time: "23:30"
              weekdays: "FRI;SAT;SUN"

    - name: Evening news on one lobby receiver, weekdays only
      broadcast.video.dms_authorizations:
        config:
          - name: lobby-evening-news
            target_type: device
            target: dev-000001
            entitlements: [CNN-INTL]
            schedule:
              start_date: "2026-11-15"
              end_date: "2027-03-31"
              start_time: "17:00"
              end_time: "20:00"
              weekdays: [Monday, Tuesday, Wednesday, Thursday, Friday]

    - name: Retire a set
      broadcast.video.dms_authorizations:
        state: deleted
        config:
          - name: kids-package
"""

RETURN = r"""
before:
  description: Every authorization set before the run, in the O(config) format.
  returned: when O(state) is V(merged), V(replaced), V(overridden) or V(deleted)
  type: list
  elements: dict
after:
  description: Every authorization set after the run (as planned in check mode), in the O(config) format.
  returned: when O(state) is V(merged), V(replaced), V(overridden) or V(deleted)
  type: list
  elements: dict
requests:
  description: Each write planned (check mode) or sent, in order, with C(method), C(path), C(item) and C(operation).
  returned: when O(state) is V(merged), V(replaced), V(overridden) or V(deleted)
  type: list
  elements: dict
  sample: [{"method": "POST", "path": "/api/v1/authorizations", "item": "sports-package", "operation": "create"}]
gathered:
  description:
    - The authorization sets on the server, in the O(config) format (can be fed back as O(config)).
    - A standard set has no C(schedule) key; group targets are group names, device targets device ids.
  returned: when O(state=gathered)
  type: list
  elements: dict
  sample: [{"name": "hotels-weekend-sports", "target_type": "group", "target": "hotels",
            "entitlements": ["ESPN-HD", "EUROSPORT-2"], "enabled": true,
            "schedule": {"start_date": "2026-12-01", "end_date": "2026-12-31", "start_time": "18:00",
                         "end_time": "23:30", "weekdays": ["FRI", "SAT", "SUN"]}}]
rendered:
  description:
    - The create requests (C(method), C(path), C(body)) for the declared sets, built offline.
    - A group target cannot be resolved offline and appears as C(<groups:NAME>) in C(targetId).
  returned: when O(state=rendered)
  type: list
  elements: dict
  sample: [{"method": "POST", "path": "/api/v1/authorizations",
            "body": {"name": "sports-package", "targetType": "group", "targetId": "<groups:sports>",
                     "entitlements": ["ESPN-HD"], "enabled": true, "type": "standard", "schedule": null}}]
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
from ansible_collections.broadcast.video.plugins.module_utils.dms.resources import AUTHORIZATIONS
from ansible_collections.broadcast.video.plugins.module_utils.module import run_resource_module


def main() -> None:
    """Run the module."""
    run_resource_module(DMS, AUTHORIZATIONS)


if __name__ == "__main__":
    main()
