#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: hmp_events
short_description: Schedule Haivision Media Platform session events (go live, record) declaratively
version_added: 0.1.0
description:
  - Creates, updates and deactivates the scheduled events of Haivision Media Platform (HMP) sessions
    (C(/apis/sessions/:id/events)). An event sets a session live and/or records it, once or every week on given days.
  - An event's natural key is its session and its start time (O(config[].session) and O(config[].start_time)), so a
    re-run finds the event instead of adding another. Changing the start time therefore declares a new event;
    deactivate the old one with O(state=deleted).
  - HMP has no event delete. O(state=deleted) (and O(state=overridden) for undeclared events) B(deactivates) the
    event (C(active=false) by a PUT) and says so in a warning; an event that is already inactive counts as deleted.
    O(state=overridden) deactivates every undeclared active event of B(every) session.
  - HMP has no global list of events; they are read session by session (one request per session, concurrently).
  - Events, their fields, the create and edit requests and the day codes C(MON), C(TUE), C(WED), C(THU), C(SAT)
    and C(SUN) are confirmed by Haivision's HMP REST API guide (3.8 to 4.1.1); C(FRI) follows the same pattern
    (modeled). Deactivating as the way to delete is modeled (HMP documents no other way). The C("WED;FRI") form of
    O(config[].days) is the one of Skyline's DataMiner HMP connector.
author:
  - broadcast.video contributors (!UNKNOWN)
extends_documentation_fragment:
  - broadcast.video.hmp
  - broadcast.video.resource_state
options:
  config:
    description:
      - The events. With O(state=gathered) leave it out; the module returns RV(gathered) in this same format
        (O(config[].start_time) then in epoch seconds).
    type: list
    elements: dict
    suboptions:
      session:
        description:
          - Title of the session the event belongs to (first part of the natural key). The session must exist and
            its title must be unique (see M(broadcast.video.hmp_sessions)).
        type: str
        required: true
      start_time:
        description:
          - When the event first fires (second part of the natural key; HMP C(startTime), epoch seconds, confirmed).
          - Either ISO 8601 (V(2026-11-25T18:00:00Z), V(2026-11-25T13:00:00-05:00); without an offset the time is
            read as UTC) or epoch seconds (an integer or a string of digits).
          - Required for every event, also with O(state=deleted).
          - For a weekly-recurring event, the first occurrence; the time of day of the later occurrences.
        type: raw
      type:
        description:
          - V(one-time) fires once; V(weekly-recurring) fires every week on O(config[].days) (HMP C(type), confirmed).
          - Defaults to V(weekly-recurring) when O(config[].days) is given, else V(one-time).
        type: str
        choices: [one-time, weekly-recurring]
      days:
        description:
          - Week days of a weekly-recurring event (HMP C(typeData.days), three-letter upper-case codes C(MON) to
            C(SUN)). Required for V(weekly-recurring), refused for V(one-time).
          - Either a list (V([WED, FRI])) or one string with the days separated by C(;) or C(,) (V("WED;FRI"), as
            DataMiner's HMP connector takes them). Case-insensitive; full day names (V(Wednesday)) are accepted;
            the module returns them as a list in week order.
        type: raw
      duration:
        description:
          - How long the session stays live or records, in seconds (HMP C(duration), confirmed). When unset, HMP
            decides.
        type: int
      command:
        description:
          - V(set-live) sets the session live; V(record) records it (HMP C(command), confirmed). Default V(set-live).
        type: str
        choices: [set-live, record]
      record:
        description:
          - With O(config[].command=set-live), also record the session while it is live (HMP C(parameters.record),
            confirmed). Default V(false). Ignored for V(record) events.
        type: bool
      active:
        description:
          - Whether the event is enabled (HMP C(active), confirmed). Default V(true). O(state=deleted) sets it to
            V(false).
        type: bool
seealso:
  - module: broadcast.video.hmp_sessions
  - module: broadcast.video.hmp_recordings
"""

EXAMPLES = r"""
- name: Weekly schedule of the town hall and a one-time recording
  broadcast.video.hmp_events:
    host: hmp.example.com
    username: haiadmin
    password: "{{ vault_hmp_password }}"
    config:
      - session: Town Hall
        start_time: "2026-11-25T18:00:00Z"
        days: [WED, FRI]            # weekly-recurring (the default when days are given)
        duration: 7200              # seconds
        command: set-live
        record: true                # record while live
      - session: Boardroom
        start_time: 1795629600      # epoch seconds
        type: one-time
        command: record
        duration: 3600

- name: The same schedule with days written as DataMiner takes them
  broadcast.video.hmp_events:
    config:
      - session: Town Hall
        start_time: "2026-11-25T18:00:00Z"
        days: "WED;FRI"

- name: Cancel the one-time recording (HMP has no event delete; the event is deactivated)
  broadcast.video.hmp_events:
    state: deleted
    config:
      - session: Boardroom
        start_time: 1795629600

- name: Every HMP task of the play shares the connection options
  hosts: localhost
  gather_facts: false
  module_defaults:
    group/broadcast.video.hmp:
      host: hmp.example.com
      username: haiadmin
      password: "{{ vault_hmp_password }}"
  tasks:
    - name: Read the schedule
      broadcast.video.hmp_events:
        state: gathered
      register: schedule
"""

RETURN = r"""
before:
  description: Every event before the run, in the O(config) format.
  returned: when O(state) is V(merged), V(replaced), V(overridden) or V(deleted)
  type: list
  elements: dict
after:
  description: Every event after the run (as planned in check mode), in the O(config) format; deactivated events stay,
    with C(active=false).
  returned: when O(state) is V(merged), V(replaced), V(overridden) or V(deleted)
  type: list
  elements: dict
requests:
  description:
    - Each write planned (check mode) or sent, in order, with C(method), C(path), C(item) and C(operation).
    - C(item) is C(<session> @ <start time in ISO 8601 UTC>). A C(delete) operation is a C(PUT) that deactivates
      the event.
  returned: when O(state) is V(merged), V(replaced), V(overridden) or V(deleted)
  type: list
  elements: dict
  sample: [{"method": "PUT", "path": "/apis/sessions/3a655931-0c1f-4f5e-9a55-8d1e1c1e9d01/events/5e33bc64-7f10-4c1b-8a4e-9e4a1f2b3c4d",
            "item": "Boardroom @ 2026-11-25T18:00:00Z", "operation": "delete"}]
gathered:
  description: The events of every session, in the O(config) format (can be fed back as O(config)).
  returned: when O(state=gathered)
  type: list
  elements: dict
  sample: [{"session": "Town Hall", "start_time": 1795629600, "type": "weekly-recurring", "days": ["WED", "FRI"],
            "duration": 7200, "command": "set-live", "record": true, "active": true}]
rendered:
  description: The create requests (method, path, body) for the declared events, built offline; the session id
    appears as a C(<sessions:title>) placeholder.
  returned: when O(state=rendered)
  type: list
  elements: dict
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

from ansible_collections.broadcast.video.plugins.module_utils.hmp.device import HMP
from ansible_collections.broadcast.video.plugins.module_utils.hmp.resources import EVENTS
from ansible_collections.broadcast.video.plugins.module_utils.module import run_resource_module


def main() -> None:
    """Run the module."""
    run_resource_module(HMP, EVENTS)


if __name__ == "__main__":
    main()
