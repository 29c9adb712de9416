#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: vos_sources
short_description: Manage Harmonic VOS sources and their inputs declaratively
version_added: 0.1.0
description:
  - Creates, updates and deletes VOS sources. A source has ranked inputs, for example a Zixi input received through
    a CloudLink group (rank 1) and a signal-loss slate (rank 2), as Harmonic's source creation scripts build them.
  - Items are matched by O(config[].name); cloud-link groups are given by name and slate images by URL, resolved
    with one list read per kind and checked before the first write.
  - Updates read, merge and PUT the whole source object; inputs keep their VOS ids, matched by rank.
author:
  - broadcast.video contributors (!UNKNOWN)
extends_documentation_fragment:
  - broadcast.video.vos
  - broadcast.video.resource_state
options:
  config:
    description:
      - The sources. With O(state=gathered) leave it out; the module returns RV(gathered) in this same format.
    type: list
    elements: dict
    suboptions:
      name:
        description: Source name, unique on the cluster (the natural key).
        type: str
        required: true
      enable_monitoring:
        description: Whether VOS monitors the source (C(enableMonitoring)). Default for new sources V(false).
        type: bool
      inputs:
        description:
          - The source's inputs; the whole list is declared and inputs are matched by O(config[].inputs[].rank).
          - Required to create a source.
        type: list
        elements: dict
        suboptions:
          rank:
            description: Input rank; 1 is the main input, 2 the backup (often the slate).
            type: int
          type:
            description: V(zixi) for a Zixi input received through a Harmonic CloudLink, V(slate) for a slate.
            type: str
            choices: [zixi, slate]
          program_number:
            description: Program number in the incoming transport stream (V(zixi) inputs). VOS default 0.
            type: int
          cloud_link_group:
            description: Name of the CloudLink (uplink) group that receives the input (V(zixi) inputs).
            type: str
          ip_address:
            description: Multicast or unicast address of the stream at the CloudLink (V(zixi) inputs).
            type: str
          ip_port:
            description: UDP port of the stream (V(zixi) inputs).
            type: int
          ssm_ip_addresses:
            description: Source-specific multicast sender addresses (V(zixi) inputs).
            type: list
            elements: str
          slate_type:
            description: When the slate shows (V(slate) inputs); only C(SIGNAL_LOSS) is known.
            type: str
            choices: [signal_loss]
          slate_image:
            description: URL of the slate image (V(slate) inputs); see M(broadcast.video.vos_images).
            type: str
seealso:
  - module: broadcast.video.vos_services
  - module: broadcast.video.vos_images
"""

EXAMPLES = r"""
- name: A source with a CloudLink input and a signal-loss slate as backup
  broadcast.video.vos_sources:
    config:
      - name: news.primary
        inputs:
          - rank: 1
            type: zixi
            cloud_link_group: DFW-CL-GROUP-A
            ip_address: 232.10.1.1
            ip_port: 5000
            ssm_ip_addresses: [10.1.1.10]
          - rank: 2
            type: slate
            slate_type: signal_loss
            slate_image: http://images.example.com/slate.png

- name: Duplicate a source under a new name from gathered output
  block:
    - name: Read the sources
      broadcast.video.vos_sources:
        state: gathered
      register: current
    - name: Create the copy
      broadcast.video.vos_sources:
        config:
          - "{{ (current.gathered | selectattr('name', 'equalto', 'news.primary') | first) | combine({'name': 'news.copy'}) }}"
"""

RETURN = r"""
before:
  description: Every source before the run, in the O(config) format.
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
  sample: [{"method": "POST", "path": "/vos-api/configure/v1/sources", "item": "news.primary", "operation": "create"}]
gathered:
  description: The sources on the cluster, in the O(config) format (can be fed back as O(config)).
  returned: when O(state=gathered)
  type: list
  elements: dict
rendered:
  description: The create requests (method, path, body) for the declared sources, built offline.
  returned: when O(state=rendered)
  type: list
  elements: dict
endpoints:
  description: Calls and errors per API endpoint during this run.
  returned: when the device was contacted
  type: dict
http_log:
  description: Each HTTP request of the run with method, path, status and duration in milliseconds (no secrets).
  returned: with verbosity 3 or more (C(-vvv))
  type: list
  elements: dict
"""

from ansible_collections.broadcast.video.plugins.module_utils.module import run_resource_module
from ansible_collections.broadcast.video.plugins.module_utils.vos.device import VOS
from ansible_collections.broadcast.video.plugins.module_utils.vos.resources import SOURCES


def main() -> None:
    """Run the module."""
    run_resource_module(VOS, SOURCES)


if __name__ == "__main__":
    main()
