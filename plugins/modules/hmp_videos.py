#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: hmp_videos
short_description: Edit and delete Haivision Media Platform videos declaratively
version_added: 0.1.0
description:
  - Edits and deletes the videos of a Haivision Media Platform (HMP) server, that is its finished recordings (HMP
    calls them assets, C(/apis/assets)).
  - Videos cannot be created here; HMP makes one from each stopped recording (see M(broadcast.video.hmp_recordings)
    with O(state=deleted)). Declaring a video that does not exist fails before any write.
  - Videos are matched by O(config[].title). HMP does not enforce unique titles; when several videos share a
    declared title, the module refuses to touch them with a clear error, before any write. To rename a video, give
    its current O(config[].title) and O(config[].new_title); a re-run after the rename finds the video under its
    new title and changes nothing.
  - O(state=overridden) deletes every video that is not declared; use it with care.
  - Listing videos and the C(title) and C(description) fields are confirmed by Haivision's HMP REST API guide (3.9 to
    4.1.1); the edit and delete requests (C(PUT) and C(DELETE /apis/assets/:id)) are confirmed as methods, their
    bodies and answers are modeled.
author:
  - broadcast.video contributors (!UNKNOWN)
extends_documentation_fragment:
  - broadcast.video.hmp
  - broadcast.video.resource_state
options:
  config:
    description:
      - The videos. With O(state=gathered) leave it out; the module returns RV(gathered) in this same format.
    type: list
    elements: dict
    suboptions:
      title:
        description:
          - Video title (the natural key; HMP C(title)). A video recorded from a session is titled after it, for
            example C(Town Hall - 06/05/2026, 15:26).
        type: str
        required: true
      new_title:
        description:
          - A new title for the video found under O(config[].title) (a rename; HMP C(title)).
          - When no video has O(config[].title) but one has O(config[].new_title), the rename was done by an earlier
            run and nothing changes. Renaming onto a title another video has fails before any write.
          - Never returned in RV(gathered).
        type: str
      description:
        description: Free text (HMP C(description)). Default V("").
        type: str
seealso:
  - module: broadcast.video.hmp_recordings
  - module: broadcast.video.hmp_streams
  - module: broadcast.video.hmp_facts
"""

EXAMPLES = r"""
- name: Describe a recorded video
  broadcast.video.hmp_videos:
    host: hmp.example.com
    username: haiadmin
    password: "{{ vault_hmp_password }}"
    config:
      - title: Town Hall - 06/05/2026, 15:26
        description: June all-hands, with the Q&A

- name: Give a recording a title viewers understand (idempotent rename)
  broadcast.video.hmp_videos:
    config:
      - title: Town Hall - 06/05/2026, 15:26
        new_title: Town Hall, June 2026

- name: Every HMP task of the play shares the connection options
  hosts: localhost
  gather_facts: false
  module_defaults:
    group/broadcast.video.hmp:
      host: hmp.example.com
      username: haiadmin
      password: "{{ vault_hmp_password }}"
  tasks:
    - name: Delete old rehearsal videos
      broadcast.video.hmp_videos:
        state: deleted
        config:
          - title: Rehearsal - 05/05/2026, 10:00
          - title: Rehearsal - 12/05/2026, 10:00
"""

RETURN = r"""
before:
  description: Every video before the run, in the O(config) format.
  returned: when O(state) is V(merged), V(replaced), V(overridden) or V(deleted)
  type: list
  elements: dict
after:
  description: Every video after the run (as planned in check mode), in the O(config) format.
  returned: when O(state) is V(merged), V(replaced), V(overridden) or V(deleted)
  type: list
  elements: dict
requests:
  description: Each write planned (check mode) or sent, in order, with C(method), C(path), C(item) and C(operation).
  returned: when O(state) is V(merged), V(replaced), V(overridden) or V(deleted)
  type: list
  elements: dict
  sample: [{"method": "PUT", "path": "/apis/assets/3bc946a6-1d2e-4f5a-8b9c-0d1e2f3a4b5c", "item": "Town Hall - 06/05/2026, 15:26",
            "operation": "update"}]
gathered:
  description: The videos on the server, in the O(config) format (can be fed back as O(config)).
  returned: when O(state=gathered)
  type: list
  elements: dict
  sample: [{"title": "Product Launch", "description": ""}]
rendered:
  description: Not meaningful for videos, which HMP cannot create; do not use O(state=rendered) with this module.
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
from ansible_collections.broadcast.video.plugins.module_utils.hmp.resources import VIDEOS
from ansible_collections.broadcast.video.plugins.module_utils.module import run_resource_module


def main() -> None:
    """Run the module."""
    run_resource_module(HMP, VIDEOS)


if __name__ == "__main__":
    main()
