#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: hmp_facts
short_description: Gather facts from a Haivision Media Platform server
version_added: 0.1.0
description:
  - Reads the state of a Haivision Media Platform (HMP) server into C(ansible_facts.hmp), in snake_case (HMP's
    camelCase field names converted, for example C(movie_track_count), C(channel_type)).
  - Subsets are read concurrently (at most O(max_workers) requests at once), the pages of each long list too, and
    each endpoint is read once even when several subsets need it (sessions and recordings reuse the sources list
    for source names, streams reuse the videos list for titles).
  - A subset whose endpoint the server does not have (HTTP 404 or 501) is returned empty with a warning, never a
    failure. An empty list (HMP answers 404 with code 040012 NoResults) is simply an empty subset.
  - Secrets are never returned, neither SRT passphrases of sources nor the admin PIN of set-top boxes.
author:
  - broadcast.video contributors (!UNKNOWN)
extends_documentation_fragment:
  - broadcast.video.hmp
options:
  gather_subset:
    description:
      - Which parts to read. V(all), any of the subset names, and V(!name) to exclude one
        (for example V([all, "!devices"])); only exclusions means V(all) minus those.
      - C(system) is the software version and build (C(GET /apis/system/version)).
      - C(users) are the enabled users (those with a role) and C(groups) the enabled groups.
      - C(sources) are the sources; C(sessions) the sessions, each with C(sources) as C([{id, name}]) and its
        scheduled C(events) (start times in epoch seconds).
      - C(recordings) are the active and paused recordings with their recorders (each with C(source_name)) and
        C(session_title); C(videos) the finished recordings (HMP assets) and C(categories) the video categories with
        their values.
      - C(streams) are the active re-streams of videos, each with C(video_title).
      - C(devices) are the Haivision Play set-top boxes (C(id), C(name), C(status), C(tags), C(channel_id),
        C(channel_type), C(muted), C(standby), C(volume) from 0.0 to 1.0, C(last_connected_at) in epoch
        milliseconds...).
    type: list
    elements: str
    default: [all]
attributes:
  check_mode:
    support: full
    description: Only reads.
  diff_mode:
    support: none
    description: Nothing changes.
  facts:
    support: full
    description: Sets C(ansible_facts.hmp).
seealso:
  - module: broadcast.video.hmp_stb_command
"""

EXAMPLES = r"""
- name: Gather everything but the set-top boxes
  broadcast.video.hmp_facts:
    host: hmp.example.com
    username: haiadmin
    password: "{{ vault_hmp_password }}"
    gather_subset: [all, "!devices"]

- name: Every HMP task of the play shares the connection options
  hosts: localhost
  gather_facts: false
  module_defaults:
    group/broadcast.video.hmp:
      host: hmp.example.com
      username: haiadmin
      password: "{{ vault_hmp_password }}"
  tasks:
    - name: Read the set-top boxes
      broadcast.video.hmp_facts:
        gather_subset: [devices]

    - name: Fail when a lobby box is offline
      ansible.builtin.assert:
        that:
          - ansible_facts.hmp.devices | selectattr('tags', 'contains', 'lobby')
            | rejectattr('status', 'in', ['Online', 'Standby']) | list | length == 0
        fail_msg: A lobby set-top box is offline
"""

RETURN = r"""
ansible_facts:
  description: The gathered facts.
  returned: always
  type: dict
  contains:
    hmp:
      description: One key per gathered subset; C(system) is a dict, every other subset a list of dicts.
      returned: always
      type: dict
      sample:
        system: {version: 4.1.1, build: "41127"}
        sessions: [{id: 3a655931-0c1f-4f5e-9a55-8d1e1c1e9d01, title: Town Hall, active: true, recording: true,
                    sources: [{id: 8480b370-2b1e-4c55-9d3a-6f7e8a9b0c1d, name: Lobby Encoder}], events: []}]
        devices: [{id: bvgR95DKAXUTr402cyM8ew, name: Lobby 1, status: Online, tags: [lobby], muted: false,
                   standby: false, volume: 0.5, channel_type: source}]
endpoints:
  description: Calls and errors per API endpoint during this run.
  returned: always
  type: dict
  sample: {"sources": {"calls": 1, "errors": 0}, "session_events": {"calls": 3, "errors": 1}}
http_log:
  description: Each HTTP request of the run with method, path, status and duration in milliseconds (no secrets).
  returned: with verbosity 3 or more (C(-vvv))
  type: list
  elements: dict
"""

from typing import Any, Dict

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.broadcast.video.plugins.module_utils.hmp.device import HMP
from ansible_collections.broadcast.video.plugins.module_utils.hmp.facts import HmpFacts
from ansible_collections.broadcast.video.plugins.module_utils.module import merge_warnings, run_module


def main() -> None:
    """Run the module."""
    argument_spec = dict(HMP.connection_spec)
    argument_spec.update(
        gather_subset={"type": "list", "elements": "str", "default": ["all"]},
    )
    module = AnsibleModule(argument_spec=argument_spec, supports_check_mode=True)

    def body(client: Any) -> Dict[str, Any]:
        gatherer = HmpFacts(client)
        facts = gatherer.gather(module.params["gather_subset"])
        merge_warnings(module, gatherer.warnings)
        return {"changed": False, "ansible_facts": {"hmp": facts}}

    run_module(module, HMP, body)


if __name__ == "__main__":
    main()
