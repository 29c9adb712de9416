#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: hmp_recordings
short_description: Start, pause, resume and stop Haivision Media Platform recordings declaratively
version_added: 0.1.0
description:
  - Manages the active recordings of Haivision Media Platform (HMP) sessions (C(/apis/recordings)). Declaring a
    recording for a session starts one (C(POST /apis/sessions/:id/recordings)); O(config[].status) pauses or resumes
    it (C(PUT /apis/recordings/:id)); O(state=deleted) stops it (C(DELETE /apis/recordings/:id)).
  - Recordings are keyed by session (O(config[].session), a session title); a session has at most one active
    recording here. When HMP shows several active recordings of one session, the module refuses to touch them with
    a clear error, before any write.
  - A stopped recording leaves HMP's list of recordings and becomes a B(video) (a finished recording, HMP's
    C(asset)); edit or delete it with M(broadcast.video.hmp_videos).
  - The sources a recording records are chosen when it starts and cannot change while it runs; declaring other
    sources for a running recording fails before any write (stop it and start a new one).
  - O(state=overridden) stops every active recording that is not declared, on every session.
  - Starting, pausing, resuming, stopping and listing recordings are confirmed by Haivision's HMP REST API guide
    (3.8 to 4.1.1); that a start without sources records all of the session's sources, and that the video keeps the
    recording's id, are modeled.
author:
  - broadcast.video contributors (!UNKNOWN)
extends_documentation_fragment:
  - broadcast.video.hmp
  - broadcast.video.resource_state
options:
  config:
    description:
      - The recordings. With O(state=gathered) leave it out; the module returns RV(gathered) in this same format.
    type: list
    elements: dict
    suboptions:
      session:
        description:
          - Title of the recorded session (the natural key; HMP C(session), an id). The session must exist, have a
            unique title and at least one source (see M(broadcast.video.hmp_sessions)).
        type: str
        required: true
      sources:
        description:
          - Names of the session's sources to record (HMP C(recorders[].source)), chosen when the recording starts.
          - When left out, a new recording records all of the session's sources, and a running one keeps the
            sources it records. Sources that are not in the session are ignored by HMP.
        type: list
        elements: str
      status:
        description:
          - V(recording) records; V(paused) pauses a running recording and V(recording) resumes it (HMP C(state)
            C(RECORDING) or C(PAUSED), confirmed). Default V(recording).
          - A recording declared V(paused) that does not run yet is started, then paused.
        type: str
        choices: [recording, paused]
seealso:
  - module: broadcast.video.hmp_sessions
  - module: broadcast.video.hmp_videos
  - module: broadcast.video.hmp_events
"""

EXAMPLES = r"""
- name: Record the town hall (all its sources) and the studio's camera only
  broadcast.video.hmp_recordings:
    host: hmp.example.com
    username: haiadmin
    password: "{{ vault_hmp_password }}"
    config:
      - session: Town Hall
      - session: Studio A
        sources: [Studio A Camera]

- name: Pause the town hall recording during the break
  broadcast.video.hmp_recordings:
    config:
      - session: Town Hall
        status: paused

- name: Stop it; HMP keeps what was recorded as a video
  broadcast.video.hmp_recordings:
    state: deleted
    config:
      - session: Town Hall

- name: Every HMP task of the play shares the connection options
  hosts: localhost
  gather_facts: false
  module_defaults:
    group/broadcast.video.hmp:
      host: hmp.example.com
      username: haiadmin
      password: "{{ vault_hmp_password }}"
  tasks:
    - name: Read what records now
      broadcast.video.hmp_recordings:
        state: gathered
      register: recordings
"""

RETURN = r"""
before:
  description: Every active recording before the run, in the O(config) format.
  returned: when O(state) is V(merged), V(replaced), V(overridden) or V(deleted)
  type: list
  elements: dict
after:
  description: Every active recording after the run (as planned in check mode), in the O(config) format; stopped
    recordings are gone (they are videos now).
  returned: when O(state) is V(merged), V(replaced), V(overridden) or V(deleted)
  type: list
  elements: dict
requests:
  description:
    - Each write planned (check mode) or sent, in order, with C(method), C(path), C(item) and C(operation).
    - A recording started paused is a C(POST) followed by a C(PUT).
  returned: when O(state) is V(merged), V(replaced), V(overridden) or V(deleted)
  type: list
  elements: dict
  sample: [{"method": "DELETE", "path": "/apis/recordings/bea38704-2a8b-4c53-9a0e-6f1f7c2d9e11", "item": "Town Hall",
            "operation": "delete"}]
gathered:
  description: The active and paused recordings, in the O(config) format (can be fed back as O(config)).
  returned: when O(state=gathered)
  type: list
  elements: dict
  sample: [{"session": "Town Hall", "sources": ["Lobby Encoder", "Makito SRT"], "status": "recording"}]
rendered:
  description: The start requests (method, path, body) for the declared recordings, built offline; ids appear as
    C(<sessions:title>) and C(<sources:name>) placeholders.
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
from ansible_collections.broadcast.video.plugins.module_utils.hmp.resources import RECORDINGS
from ansible_collections.broadcast.video.plugins.module_utils.module import run_resource_module


def main() -> None:
    """Run the module."""
    run_resource_module(HMP, RECORDINGS)


if __name__ == "__main__":
    main()
