#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: hmp_sources
short_description: Manage Haivision Media Platform sources (UDP and SRT) declaratively
version_added: 0.1.0
description:
  - Creates, updates and deletes the sources of a Haivision Media Platform (HMP) server (C(/apis/sources)), that is
    UDP unicast or multicast streams and SRT streams in caller, listener or rendezvous mode.
  - Sources are matched by O(config[].name). HMP does not enforce unique names; when several sources on the server
    share a declared name, the module refuses to touch them with a clear error, before any write.
  - HMP edits a source by a full-object PUT in which omitted optional fields go back to their defaults, so the module
    reads the source, merges the declared options into it and sends the whole object.
  - Every field, the create and edit requests and the list are confirmed by Haivision's HMP REST API guide (3.8 to
    4.1.1). The delete request (C(DELETE /apis/sources/:id)) is confirmed as a method; its answer is modeled.
author:
  - broadcast.video contributors (!UNKNOWN)
extends_documentation_fragment:
  - broadcast.video.hmp
  - broadcast.video.resource_state
options:
  update_password:
    description:
      - V(on_create) sends the SRT O(config[].passphrase) only when a source is created, so runs stay idempotent.
      - V(always) sends the passphrase to existing sources too; the task then always reports changed, since HMP
        never returns passphrases in a comparable form.
    type: str
    default: on_create
    choices: [always, on_create]
  config:
    description:
      - The sources. With O(state=gathered) leave it out; the module returns RV(gathered) in this same format.
    type: list
    elements: dict
    suboptions:
      name:
        description: Source name (the natural key; HMP C(name)).
        type: str
        required: true
      type:
        description:
          - V(udp) or V(srt) (HMP C(UDP) or C(SRT)). Required to create a source.
        type: str
        choices: [udp, srt]
      host:
        description:
          - IP address or host name. For UDP multicast the multicast group (required); for SRT caller and
            rendezvous the remote host (required); for an SRT listener the local address to listen on (for example
            C(0.0.0.0)); optional for UDP unicast.
        type: str
      port:
        description: UDP or SRT port, 0 to 65535. Required to create a source.
        type: int
      multicast:
        description:
          - Whether a UDP source is multicast (UDP sources only; ignored for SRT).
          - Defaults for a new source to V(true) when O(config[].host) is a multicast address, else V(false).
        type: bool
      description:
        description: Free text. Default V("").
        type: str
      continuous:
        description:
          - Whether HMP keeps the source's recorder running continuously. Default V(false) for UDP sources.
          - HMP forces V(true) for SRT sources, so V(false) is refused for them.
        type: bool
      mode:
        description:
          - SRT connection mode (HMP C(CALLER), C(LISTENER) or C(RENDEZVOUS)); required for SRT sources, ignored
            for UDP.
        type: str
        choices: [caller, listener, rendezvous]
      latency:
        description:
          - SRT latency, in milliseconds (0 or more). HMP's default is V(20) (SRT sources only).
        type: int
      passphrase:
        description:
          - SRT encryption passphrase (SRT sources only). Write-only; never logged, returned or shown in a diff. See
            O(update_password).
        type: str
notes:
  - Deleting a source that sessions use is left to HMP to accept or refuse; remove it from the sessions first with
    M(broadcast.video.hmp_sessions).
seealso:
  - module: broadcast.video.hmp_sessions
  - module: broadcast.video.hmp_facts
"""

EXAMPLES = r"""
- name: Sources of the lobby and the remote guest
  broadcast.video.hmp_sources:
    host: hmp.example.com
    username: haiadmin
    password: "{{ vault_hmp_password }}"
    config:
      - name: Lobby Encoder
        type: udp
        host: 239.35.126.101
        port: 4902
      - name: Makito SRT
        type: srt
        mode: caller
        host: 10.65.11.174
        port: 9942
        latency: 120
      - name: Remote Guest
        type: srt
        mode: listener
        host: 0.0.0.0
        port: 1234
        passphrase: "{{ vault_srt_passphrase }}"

- name: Connection options set once for every HMP module of the play
  hosts: localhost
  gather_facts: false
  module_defaults:
    group/broadcast.video.hmp:
      host: hmp.example.com
      username: haiadmin
      password: "{{ vault_hmp_password }}"
  tasks:
    - name: Remove a retired source
      broadcast.video.hmp_sources:
        state: deleted
        config:
          - name: Old Encoder

- name: Duplicate a source under a new name from gathered output
  block:
    - name: Read the sources
      broadcast.video.hmp_sources:
        state: gathered
      register: current
    - name: Create the copy on another port
      broadcast.video.hmp_sources:
        config:
          - "{{ (current.gathered | selectattr('name', 'equalto', 'Lobby Encoder') | first)
                | combine({'name': 'Lobby Encoder (copy)', 'port': 4904}) }}"
"""

RETURN = r"""
before:
  description: Every source before the run, in the O(config) format (passphrases left out).
  returned: when O(state) is V(merged), V(replaced), V(overridden) or V(deleted)
  type: list
  elements: dict
after:
  description: Every source after the run (as planned in check mode), in the O(config) format.
  returned: when O(state) is V(merged), V(replaced), V(overridden) or V(deleted)
  type: list
  elements: dict
requests:
  description: Each write planned (check mode) or sent, in order, with C(method), C(path), C(item) and C(operation).
  returned: when O(state) is V(merged), V(replaced), V(overridden) or V(deleted)
  type: list
  elements: dict
  sample: [{"method": "POST", "path": "/apis/sources", "item": "Lobby Encoder", "operation": "create"}]
gathered:
  description: The sources on the server, in the O(config) format (can be fed back as O(config)); no passphrases.
  returned: when O(state=gathered)
  type: list
  elements: dict
  sample: [{"name": "Lobby Encoder", "type": "udp", "host": "239.35.126.101", "port": 4902, "multicast": true,
            "description": "", "continuous": false}]
rendered:
  description: The create requests (method, path, body) for the declared sources, built offline; passphrases masked.
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
from ansible_collections.broadcast.video.plugins.module_utils.hmp.resources import SOURCES
from ansible_collections.broadcast.video.plugins.module_utils.module import UPDATE_PASSWORD, run_resource_module


def main() -> None:
    """Run the module."""
    run_resource_module(HMP, SOURCES, UPDATE_PASSWORD, secrets_option="update_password")


if __name__ == "__main__":
    main()
