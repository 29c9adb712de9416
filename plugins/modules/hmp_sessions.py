#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: hmp_sessions
short_description: Manage Haivision Media Platform sessions and their sources declaratively
version_added: 0.1.0
description:
  - Creates, updates and deletes the sessions of a Haivision Media Platform (HMP) server (C(/apis/sessions)). A
    session groups up to four sources that are watched, recorded and scheduled together.
  - Sessions are matched by O(config[].title). HMP does not enforce unique titles; when several sessions on the
    server share a declared title, the module refuses to touch them with a clear error, before any write.
  - O(config[].sources) are source names, resolved to ids with one list read and checked before the first write.
    HMP ignores C(sources) in a session's body, so they are managed through the session-sources endpoints
    (C(POST /apis/sessions/:id/sources) adds one at the next position, C(DELETE /apis/sessions/:id/sources/:sourceId)
    removes one). Sources no longer declared are removed; when the order changes, the sources from the first
    out-of-order position on are removed and added again in order.
  - HMP edits a session by a full-object PUT in which omitted optional fields go back to their defaults, so the
    module reads the session, merges the declared options into it and sends the whole object. The PUT is only sent
    when the title, description, live or sync-record setting changes.
  - HMP refuses to delete a session that is recording, and to change its sources while it records (HTTP 409, code
    060003 RecordingInProgress). The module checks this before any write; see O(stop_recordings).
  - Every field and request is confirmed by Haivision's HMP REST API guide (3.8 to 4.1.1); the limit of four
    sources per session is confirmed by HMP's command-line API documentation.
author:
  - broadcast.video contributors (!UNKNOWN)
extends_documentation_fragment:
  - broadcast.video.hmp
  - broadcast.video.resource_state
options:
  stop_recordings:
    description:
      - What O(state=deleted) and O(state=overridden) do with a session that is recording.
      - V(false) fails the task before any write, naming the session.
      - V(true) first stops the session's active recordings (C(DELETE /apis/recordings/:id)), which HMP keeps as
        videos (see M(broadcast.video.hmp_videos)), then deletes the session.
    type: bool
    default: false
  config:
    description:
      - The sessions. With O(state=gathered) leave it out; the module returns RV(gathered) in this same format.
    type: list
    elements: dict
    suboptions:
      title:
        description: Session title (the natural key; HMP C(title)).
        type: str
        required: true
      description:
        description: Free text. Default V("").
        type: str
      live:
        description:
          - Whether the session is live, that is visible to other users and not only to its owner (HMP C(active)).
            Default V(false).
        type: bool
      sync_record:
        description:
          - Whether HMP records the session's sources in sync (HMP C(syncrecord)). Default V(false).
        type: bool
      sources:
        description:
          - Names of the session's sources, in order; at most 4, each once. Default V([]) (no source).
          - With O(state=merged) a given list replaces the session's whole list; leave it out to keep the sources.
          - The sources must exist (see M(broadcast.video.hmp_sources)).
        type: list
        elements: str
seealso:
  - module: broadcast.video.hmp_sources
  - module: broadcast.video.hmp_events
  - module: broadcast.video.hmp_recordings
"""

EXAMPLES = r"""
- name: Sessions of the building
  broadcast.video.hmp_sessions:
    host: hmp.example.com
    username: haiadmin
    password: "{{ vault_hmp_password }}"
    config:
      - title: Town Hall
        description: Monthly all-hands
        live: true
        sync_record: true
        sources: [Lobby Encoder, Makito SRT]
      - title: Boardroom
        sources: [Boardroom Camera]

- name: Delete a session, stopping its recording first (what was recorded stays as a video)
  broadcast.video.hmp_sessions:
    state: deleted
    stop_recordings: true
    config:
      - title: Old Session

- name: Duplicate a session under a new title from gathered output
  block:
    - name: Read the sessions
      broadcast.video.hmp_sessions:
        state: gathered
      register: current
    - name: Create the copy with the same sources
      broadcast.video.hmp_sessions:
        config:
          - "{{ (current.gathered | selectattr('title', 'equalto', 'Town Hall') | first)
                | combine({'title': 'Town Hall (rehearsal)', 'live': false}) }}"

- name: All HMP tasks of a play share the connection options
  hosts: localhost
  gather_facts: false
  module_defaults:
    group/broadcast.video.hmp:
      host: hmp.example.com
      username: haiadmin
      password: "{{ vault_hmp_password }}"
  tasks:
    - name: Exactly these sessions, no other
      broadcast.video.hmp_sessions:
        state: overridden
        config:
          - title: Town Hall
            sources: [Lobby Encoder]
"""

RETURN = r"""
before:
  description: Every session before the run, in the O(config) format.
  returned: when O(state) is V(merged), V(replaced), V(overridden) or V(deleted)
  type: list
  elements: dict
after:
  description: Every session after the run (as planned in check mode), in the O(config) format.
  returned: when O(state) is V(merged), V(replaced), V(overridden) or V(deleted)
  type: list
  elements: dict
requests:
  description:
    - Each write planned (check mode) or sent, in order, with C(method), C(path), C(item) and C(operation).
    - A session's own request is followed by one request per source added or removed, and a delete with
      O(stop_recordings) is preceded by one C(DELETE /apis/recordings/:id) per active recording.
  returned: when O(state) is V(merged), V(replaced), V(overridden) or V(deleted)
  type: list
  elements: dict
  sample: [{"method": "POST", "path": "/apis/sessions", "item": "Town Hall", "operation": "create"},
           {"method": "POST", "path": "/apis/sessions/<new session>/sources", "item": "Town Hall", "operation": "create"}]
gathered:
  description: The sessions on the server, in the O(config) format (can be fed back as O(config)).
  returned: when O(state=gathered)
  type: list
  elements: dict
  sample: [{"title": "Town Hall", "description": "", "live": true, "sync_record": false,
            "sources": ["Lobby Encoder", "Makito SRT"]}]
rendered:
  description:
    - The create requests (method, path, body) for the declared sessions, built offline; C(then) lists the
      session-source requests that follow. Source ids appear as C(<sources:name>) placeholders.
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
from ansible_collections.broadcast.video.plugins.module_utils.hmp.resources import SESSIONS
from ansible_collections.broadcast.video.plugins.module_utils.module import run_resource_module

#: Read by HmpClient from the module parameters while it plans a delete.
STOP_RECORDINGS = {"stop_recordings": {"type": "bool", "default": False}}


def main() -> None:
    """Run the module."""
    run_resource_module(HMP, SESSIONS, STOP_RECORDINGS)


if __name__ == "__main__":
    main()
