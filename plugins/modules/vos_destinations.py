#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: vos_destinations
short_description: Manage Harmonic VOS destinations, their outputs and delivery end points
version_added: 0.1.0
description:
  - Creates, updates and deletes VOS destinations, for example an C(ORIGIN) destination whose output publishes DASH,
    HLS and Smooth Streaming end points, or an C(ATS) destination whose output sends multicast through a CloudLink group.
  - Items are matched by O(config[].name); the destination profile and cloud-link groups are given by name and
    checked before the first write.
  - End point passwords are write-only; VOS echoes them as C(******), which never counts as a change.
author:
  - broadcast.video contributors (!UNKNOWN)
extends_documentation_fragment:
  - broadcast.video.vos
  - broadcast.video.resource_state
options:
  update_password:
    description:
      - V(on_create) sends end point passwords only when a destination is created, so runs stay idempotent.
      - V(always) also sends them to existing destinations (the task then always reports changed, since VOS never
        returns passwords).
    type: str
    default: on_create
    choices: [always, on_create]
  config:
    description:
      - The destinations. With O(state=gathered) leave it out; the module returns RV(gathered) in this same format.
    type: list
    elements: dict
    suboptions:
      name:
        description: Destination name, unique on the cluster (the natural key).
        type: str
        required: true
      type:
        description: V(origin) for the VOS origin, V(ats) for multicast through CloudLink. Required to create one.
        type: str
        choices: [ats, origin]
      destination_profile:
        description: Name of the destination profile (for example C(ATS) or C(Akamai)).
        type: str
      outputs:
        description:
          - The outputs, matched by O(config[].outputs[].rank); the whole list is declared. Required to create one.
        type: list
        elements: dict
        suboptions:
          rank:
            description: Output rank, 1 for the first.
            type: int
          type:
            description: V(cloudlink) (C(HARMONIC_CLOUDLINK)) for V(ats) destinations, V(origin) for V(origin) ones.
            type: str
            choices: [cloudlink, origin]
          ip_address:
            description: Output multicast address (V(cloudlink) outputs).
            type: str
          ip_port:
            description: Output UDP port (V(cloudlink) outputs).
            type: int
          cloud_link_group:
            description: Name of the CloudLink group that sends the output (V(cloudlink) outputs).
            type: str
          end_points:
            description: Delivery end points of an V(origin) output, one per packaging, in order.
            type: list
            elements: dict
            suboptions:
              packaging:
                description: Packaging (VOS C(e_DASH), C(e_HLS), C(e_SS), C(e_INTERNAL)).
                type: str
                choices: [dash, hls, ss, internal]
              protocol:
                description: Publishing protocol. VOS default C(HTTPS).
                type: str
                choices: [https, http]
              hostname:
                description: Publishing host.
                type: str
              port:
                description: Publishing TCP port.
                type: int
              path:
                description: Publishing path, such as C(DASH) or C(HLS).
                type: str
              profile_name:
                description: Packaging profile name, such as C(dash.00).
                type: str
              publish_name:
                description: Publish name (internal end points).
                type: str
              output_mode:
                description: Output mode of internal end points.
                type: str
                choices: [live_and_timeshift]
              username:
                description: Publishing user name.
                type: str
              password:
                description: Publishing password; write-only, see O(update_password).
                type: str
seealso:
  - module: broadcast.video.vos_services
"""

EXAMPLES = r"""
- name: An origin destination with DASH and HLS end points
  broadcast.video.vos_destinations:
    config:
      - name: news.origin
        type: origin
        destination_profile: Akamai
        outputs:
          - rank: 1
            type: origin
            end_points:
              - {packaging: dash, path: DASH, profile_name: dash.00, hostname: origin.example.com, port: 80}
              - {packaging: hls, path: HLS, profile_name: hls.00, hostname: origin.example.com, port: 80}

- name: An ATS destination sending multicast through a CloudLink group
  broadcast.video.vos_destinations:
    config:
      - name: news.ats
        type: ats
        destination_profile: ATS
        outputs:
          - {rank: 1, type: cloudlink, ip_address: 239.1.1.1, ip_port: 40000, cloud_link_group: DFW-CL-GROUP-A}
"""

RETURN = r"""
before:
  description: Every destination before the run, in the O(config) format.
  returned: when O(state) is V(merged), V(replaced), V(overridden) or V(deleted)
  type: list
  elements: dict
after:
  description: Every destination after the run (as planned in check mode), in the O(config) format.
  returned: when O(state) is V(merged), V(replaced), V(overridden) or V(deleted)
  type: list
  elements: dict
requests:
  description: Each write planned (check mode) or sent, in order, with C(method), C(path), C(item) and C(operation).
  returned: when O(state) is V(merged), V(replaced), V(overridden) or V(deleted)
  type: list
  elements: dict
  sample: [{"method": "PUT", "path": "/vos-api/configure/v1/destinations/3e2434e3-7af0-47bc-88d6-af57da711448", "item": "news.origin", "operation": "update"}]
gathered:
  description: The destinations on the cluster, in the O(config) format (can be fed back as O(config)).
  returned: when O(state=gathered)
  type: list
  elements: dict
rendered:
  description: The create requests (method, path, body) for the declared destinations, built offline.
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

from ansible_collections.broadcast.video.plugins.module_utils.module import UPDATE_PASSWORD, run_resource_module
from ansible_collections.broadcast.video.plugins.module_utils.vos.device import VOS
from ansible_collections.broadcast.video.plugins.module_utils.vos.resources import DESTINATIONS


def main() -> None:
    """Run the module."""
    run_resource_module(VOS, DESTINATIONS, UPDATE_PASSWORD, secrets_option="update_password")


if __name__ == "__main__":
    main()
