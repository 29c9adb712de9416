#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: hmp_streams
short_description: Re-stream Haivision Media Platform videos to network addresses declaratively
version_added: 0.1.0
description:
  - Starts, pauses, resumes and stops the re-streams of Haivision Media Platform (HMP) videos, that is MPEG-TS
    streams of a finished recording sent to a unicast or multicast address (C(/apis/streams)).
  - Declaring a stream starts it (C(POST /apis/assets/:id/streams)); O(config[].status) pauses or resumes it
    (C(PUT /apis/streams/:id)); O(state=deleted) stops it (C(DELETE /apis/streams/:id)).
  - A stream is identified by its video (O(config[].video), a video title) and where it goes, that is
    O(config[].address) and O(config[].port), or for a video recorded from several sources its
    O(config[].destinations) (one per track). A stream to another address is another stream; HMP cannot move a
    running stream, so stop the old one with O(state=deleted).
  - HMP does not enforce unique video titles; when several videos share a declared title, the module refuses with a
    clear error, before any write.
  - O(state=overridden) stops every stream that is not declared, of every video.
  - Starting, listing, pausing, resuming and stopping streams, and every field, are confirmed by Haivision's HMP
    REST API guide (3.9 to 4.1.1).
author:
  - broadcast.video contributors (!UNKNOWN)
extends_documentation_fragment:
  - broadcast.video.hmp
  - broadcast.video.resource_state
options:
  config:
    description:
      - The streams. With O(state=gathered) leave it out; the module returns RV(gathered) in this same format.
    type: list
    elements: dict
    suboptions:
      video:
        description:
          - Title of the video to stream (first part of the natural key; HMP C(asset), an id). The video must exist
            and its title must be unique (see M(broadcast.video.hmp_videos)).
        type: str
        required: true
      address:
        description:
          - Destination IP address (unicast or multicast) or host name (HMP C(address)), for a single-source video.
          - Give O(config[].address) and O(config[].port), or O(config[].destinations), not both.
        type: str
      port:
        description: Destination UDP port, 0 to 65535 (HMP C(port)), for a single-source video.
        type: int
      destinations:
        description:
          - One destination per track of a video recorded from several sources (HMP C(destinations)); HMP refuses
            a multi-source stream without them (400, code 010005 MultiSourcesStream) and then shows the stream's
            address as C(multiple) and port 0.
        type: list
        elements: dict
        suboptions:
          track_id:
            description: Track number of the video (HMP C(trackId)), one per recorded source.
            type: int
          address:
            description: Destination IP address or host name of this track.
            type: str
          port:
            description: Destination UDP port of this track, 0 to 65535.
            type: int
      status:
        description:
          - V(playing) streams; V(paused) pauses a running stream and V(playing) resumes it (HMP C(state),
            confirmed). Default V(playing).
          - A stream declared V(paused) that does not run yet is started, then paused.
        type: str
        choices: [playing, paused]
seealso:
  - module: broadcast.video.hmp_videos
  - module: broadcast.video.hmp_recordings
"""

EXAMPLES = r"""
- name: Loop the town hall video to the lobby screens
  broadcast.video.hmp_streams:
    host: hmp.example.com
    username: haiadmin
    password: "{{ vault_hmp_password }}"
    config:
      - video: Town Hall - 06/05/2026, 15:26
        address: 239.134.32.100
        port: 4900

- name: A video recorded from two sources, one destination per track
  broadcast.video.hmp_streams:
    config:
      - video: Product Launch
        destinations:
          - {track_id: 1, address: 239.134.32.101, port: 4900}
          - {track_id: 2, address: 239.134.32.102, port: 4900}
        status: paused

- name: Every HMP task of the play shares the connection options
  hosts: localhost
  gather_facts: false
  module_defaults:
    group/broadcast.video.hmp:
      host: hmp.example.com
      username: haiadmin
      password: "{{ vault_hmp_password }}"
  tasks:
    - name: Stop the lobby stream
      broadcast.video.hmp_streams:
        state: deleted
        config:
          - video: Town Hall - 06/05/2026, 15:26
            address: 239.134.32.100
            port: 4900
"""

RETURN = r"""
before:
  description: Every stream before the run, in the O(config) format.
  returned: when O(state) is V(merged), V(replaced), V(overridden) or V(deleted)
  type: list
  elements: dict
after:
  description: Every stream after the run (as planned in check mode), in the O(config) format.
  returned: when O(state) is V(merged), V(replaced), V(overridden) or V(deleted)
  type: list
  elements: dict
requests:
  description:
    - Each write planned (check mode) or sent, in order, with C(method), C(path), C(item) and C(operation).
    - C(item) is C(<video> -> <address>:<port>) or C(<video> -> track <n> <address>:<port>, ...). A stream started
      paused is a C(POST) followed by a C(PUT).
  returned: when O(state) is V(merged), V(replaced), V(overridden) or V(deleted)
  type: list
  elements: dict
  sample: [{"method": "POST", "path": "/apis/assets/a907804b-5c2e-4d0a-9d4f-3b2a1c0e9f87/streams",
            "item": "Product Launch -> 239.134.32.100:4900", "operation": "create"}]
gathered:
  description: The streams on the server, in the O(config) format (can be fed back as O(config)).
  returned: when O(state=gathered)
  type: list
  elements: dict
  sample: [{"video": "Product Launch", "address": "239.134.32.100", "port": 4900, "status": "playing"}]
rendered:
  description: The start requests (method, path, body) for the declared streams, built offline; the video id
    appears as a C(<videos:title>) placeholder.
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
from ansible_collections.broadcast.video.plugins.module_utils.hmp.resources import STREAMS
from ansible_collections.broadcast.video.plugins.module_utils.module import run_resource_module


def main() -> None:
    """Run the module."""
    run_resource_module(HMP, STREAMS)


if __name__ == "__main__":
    main()
