#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: dms_destinations
short_description: Manage Harmonic DMS destinations declaratively
version_added: 0.1.0
description:
  - Creates, updates and deletes the destinations of a Harmonic DMS (Distribution Management System) server
    (C(/api/v1/destinations), modeled), that is the IP outputs (address, port and protocol) DMS sends streams to.
  - Destinations are matched by O(config[].name), which DMS keeps unique. A destination's id (C(dst-0001)) is chosen
    by DMS and never needed here.
  - One run reads the destinations once, validates every declared item (address, port) and plans every change
    before the first write. A changed destination gets one C(PATCH) of its writable fields, a new one one C(POST), a
    deleted one one C(DELETE).
  - O(state=overridden) deletes every destination that is not declared; use it with care.
  - That DMS has destinations is confirmed (the DataMiner DMS connector documentation, firmware 11.4.0.0); the paths
    and the field names (C(name), C(description), C(address), C(port), C(protocol), C(enabled)) are modeled, see the
    collection's C(docs/dms-api.md), and the paths can be corrected with O(endpoint_paths).
author:
  - broadcast.video contributors (!UNKNOWN)
extends_documentation_fragment:
  - broadcast.video.dms
  - broadcast.video.resource_state
options:
  config:
    description:
      - The destinations. With O(state=gathered) leave it out; the module returns RV(gathered) in this same format.
    type: list
    elements: dict
    suboptions:
      name:
        description: Destination name (the natural key; DMS C(name), unique).
        type: str
        required: true
      description:
        description: Free text (DMS C(description)). Default V("").
        type: str
      address:
        description:
          - IPv4 or IPv6 address the stream is sent to, unicast or multicast (DMS C(address)), for example
            C(239.10.1.1) or C(2001:db8::10). Host names are refused.
          - Required to create a destination.
        type: str
      port:
        description:
          - Destination port, 1 to 65535 (DMS C(port)). Required to create a destination.
        type: int
      protocol:
        description:
          - Transport of the stream (DMS C(protocol)). Default V(udp).
        type: str
        choices: [udp, rtp, srt]
      enabled:
        description: Whether DMS sends to the destination (DMS C(enabled)). Default V(true).
        type: bool
seealso:
  - module: broadcast.video.dms_facts
"""

EXAMPLES = r"""
- name: Outputs of the headend
  broadcast.video.dms_destinations:
    host: dms.example.com
    username: dmsadmin
    password: "{{ vault_dms_password }}"
    config:
      - name: headend-north-mcast
        description: Primary multicast to the north headend
        address: 239.10.1.1
        port: 5000
      - name: cloud-srt
        address: 203.0.113.10
        port: 9000
        protocol: srt
        enabled: false

- name: Every DMS task of the play shares the connection options
  hosts: localhost
  gather_facts: false
  module_defaults:
    group/broadcast.video.dms:
      host: dms.example.com
      username: dmsadmin
      password: "{{ vault_dms_password }}"
  tasks:
    - name: Exactly these destinations, no other
      broadcast.video.dms_destinations:
        state: overridden
        config:
          - name: headend-north-mcast
            address: 239.10.1.1
            port: 5000

    - name: Show the request bodies without contacting DMS
      broadcast.video.dms_destinations:
        state: rendered
        config:
          - name: monitoring-v6
            address: "2001:db8::10"
            port: 6000
      register: bodies
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
  sample: [{"method": "PATCH", "path": "/api/v1/destinations/dst-0001", "item": "headend-north-mcast",
            "operation": "update"}]
gathered:
  description: The destinations on the server, in the O(config) format (can be fed back as O(config)).
  returned: when O(state=gathered)
  type: list
  elements: dict
  sample: [{"name": "headend-north-mcast", "description": "Primary multicast to the north headend",
            "address": "239.10.1.1", "port": 5000, "protocol": "udp", "enabled": true}]
rendered:
  description: The create requests (C(method), C(path), C(body)) for the declared destinations, built offline.
  returned: when O(state=rendered)
  type: list
  elements: dict
  sample: [{"method": "POST", "path": "/api/v1/destinations",
            "body": {"name": "monitoring-v6", "description": "", "address": "2001:db8::10", "port": 6000,
                     "protocol": "udp", "enabled": true}}]
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

from ansible_collections.broadcast.video.plugins.module_utils.dms.device import DMS
from ansible_collections.broadcast.video.plugins.module_utils.dms.resources import DESTINATIONS
from ansible_collections.broadcast.video.plugins.module_utils.module import run_resource_module


def main() -> None:
    """Run the module."""
    run_resource_module(DMS, DESTINATIONS)


if __name__ == "__main__":
    main()
