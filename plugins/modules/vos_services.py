#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: vos_services
short_description: Manage Harmonic VOS services (channels) declaratively
version_added: 0.1.0
description:
  - Creates, updates and deletes VOS services, each processing one or more sources (primary and backup) with a
    transcoding profile into one or more destinations, optionally with an SCTE-35 slate image.
  - Items are matched by O(config[].name). Sources, profile, destinations and slate image are given by name (slate
    images by URL) and resolved to ids with one list read per kind; every reference is checked before the first write.
  - Updates read, merge and PUT the whole service object, as VOS replaces objects on PUT. Deletes use C(?force=True).
author:
  - broadcast.video contributors (!UNKNOWN)
extends_documentation_fragment:
  - broadcast.video.vos
  - broadcast.video.resource_state
options:
  config:
    description:
      - The services. With O(state=gathered) leave it out; the module returns RV(gathered) in this same format.
    type: list
    elements: dict
    suboptions:
      name:
        description: Service name, unique on the cluster (the natural key).
        type: str
        required: true
      control_state:
        description:
          - V(activated) puts the service on air (VOS C(controlState=ACTIVATED)), V(off) takes it off air (C(OFF)).
          - Default for new services and with O(state=replaced) is V(off).
        type: str
        choices: [activated, "off"]
      profile:
        description: Name of the transcoding profile (a Lab Wizard profile). Required to create a service.
        type: str
      sources:
        description:
          - Sources the service takes, by rank. Rank 1 is the primary, rank 2 the backup. Required to create a service.
          - The whole list is declared; sources left out are removed from the service.
        type: list
        elements: dict
        suboptions:
          name:
            description: Source name.
            type: str
          rank:
            description: 1 for the primary source, 2 for the backup.
            type: int
      destinations:
        description:
          - "Destination names. The first is the main destination (VOS C(destinationId)). Default: empty list."
        type: list
        elements: str
      slate_image:
        description: URL of the slate image (see M(broadcast.video.vos_images)) shown on SCTE-35 slate insertion.
        type: str
      program_number:
        description: MPEG program number of the service. VOS uses 1 for a new service when not set.
        type: int
seealso:
  - module: broadcast.video.vos_sources
  - module: broadcast.video.vos_destinations
  - module: broadcast.video.vos_facts
"""

EXAMPLES = r"""
- name: Declare the line-up (connection options set once for the play)
  hosts: localhost
  gather_facts: false
  module_defaults:
    group/broadcast.video.vos:
      host: vos.example.com
      client_id: "{{ vault_vos_client_id }}"
      client_secret: "{{ vault_vos_client_secret }}"
  tasks:
    - name: Services are on air with a primary and a backup source
      broadcast.video.vos_services:
        config:
          - name: news.1080
            profile: dfw.1080 2
            control_state: activated
            sources:
              - {name: news.primary, rank: 1}
              - {name: news.backup, rank: 2}
            destinations: [news.origin, news.ats]
            slate_image: http://images.example.com/slate.png

    - name: Take one service off air, leaving everything else as it is
      broadcast.video.vos_services:
        config:
          - name: news.1080
            control_state: "off"

    - name: Show what would be removed to match git exactly
      broadcast.video.vos_services:
        config: "{{ lineup_services }}"
        state: overridden
      check_mode: true
      diff: true

    - name: Back up the services in the config format
      broadcast.video.vos_services:
        state: gathered
      register: services

    - name: Delete a service
      broadcast.video.vos_services:
        config:
          - name: old.channel
        state: deleted
"""

RETURN = r"""
before:
  description: Every service before the run, in the O(config) format.
  returned: when O(state) is V(merged), V(replaced), V(overridden) or V(deleted)
  type: list
  elements: dict
after:
  description: Every service after the run (as planned in check mode), in the O(config) format.
  returned: when O(state) is V(merged), V(replaced), V(overridden) or V(deleted)
  type: list
  elements: dict
requests:
  description: Each write planned (check mode) or sent, in order.
  returned: when O(state) is V(merged), V(replaced), V(overridden) or V(deleted)
  type: list
  elements: dict
  sample: [{"method": "PUT", "path": "/vos-api/configure/v1/services/3f0c1e52-8d2a-4c1e-9b51-0d8f2a1c7e11",
            "item": "news.1080", "operation": "update"}]
gathered:
  description: The services on the cluster, in the O(config) format (can be fed back as O(config)).
  returned: when O(state=gathered)
  type: list
  elements: dict
rendered:
  description: The create requests (method, path, body) for the declared services, built offline.
  returned: when O(state=rendered)
  type: list
  elements: dict
endpoints:
  description: Calls and errors per API endpoint during this run.
  returned: when the device was contacted
  type: dict
  sample: {"services": {"calls": 1, "errors": 0}, "sources": {"calls": 1, "errors": 0}}
http_log:
  description: Each HTTP request of the run with method, path, status and duration in milliseconds (no secrets).
  returned: with verbosity 3 or more (C(-vvv))
  type: list
  elements: dict
"""

from ansible_collections.broadcast.video.plugins.module_utils.module import run_resource_module
from ansible_collections.broadcast.video.plugins.module_utils.vos.device import VOS
from ansible_collections.broadcast.video.plugins.module_utils.vos.resources import SERVICES


def main() -> None:
    """Run the module."""
    run_resource_module(VOS, SERVICES)


if __name__ == "__main__":
    main()
