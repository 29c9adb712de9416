#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: vos_facts
short_description: Gather facts from a Harmonic VOS cluster
version_added: 0.1.0
description:
  - Reads the state of a VOS cluster into C(ansible_facts.vos), in snake_case.
  - Independent endpoints are read concurrently (at most O(max_workers) at once), and each endpoint is read once
    even when several subsets need it.
  - A subset whose endpoint the cluster does not have (the RF endpoints on a cluster without RF cards) is returned
    empty with a warning, never a failure.
author:
  - broadcast.video contributors (!UNKNOWN)
extends_documentation_fragment:
  - broadcast.video.vos
options:
  gather_subset:
    description:
      - Which parts to read. V(all), any of the subset names, and V(!name) to exclude one
        (for example V([all, "!scte_logs"])).
      - Subsets are C(services), C(sources), C(destinations), C(profiles), C(cloud_links) (uplinks with their state and
        group, groups, count of lost ones), C(nodes) (Kubernetes pods with CPU and memory and their services),
        C(origin_engine) (global statistics and per-server CPU and memory), C(images), C(notifications) (with counts
        per state and severity), C(notification_types), C(scte_logs) and C(platform) (system info, networks, RF).
      - C(services), C(sources), C(destinations) and C(images) come in the O(broadcast.video.vos_services#module:config)
        format of their resource modules, plus C(id).
    type: list
    elements: str
    default: [all]
  scte_log_limit:
    description: Most SCTE-35 log rows to return (newest first), sent as C(result_count).
    type: int
    default: 100
  notification_limit:
    description: Most notifications to return, sent as C(result_count); V(0) returns what the cluster returns by default.
    type: int
    default: 0
attributes:
  check_mode:
    support: full
    description: Only reads.
  diff_mode:
    support: none
    description: Nothing changes.
  facts:
    support: full
    description: Sets C(ansible_facts.vos).
"""

EXAMPLES = r"""
- name: Gather everything but SCTE logs
  broadcast.video.vos_facts:
    host: vos.example.com
    client_id: "{{ vault_vos_client_id }}"
    client_secret: "{{ vault_vos_client_secret }}"
    gather_subset: [all, "!scte_logs"]

- name: Fail the run when a critical notification is active or a cloud link is lost
  ansible.builtin.assert:
    that:
      - ansible_facts.vos.notifications.active_critical == 0
      - ansible_facts.vos.cloud_links.lost == 0
    fail_msg: "VOS needs attention"
"""

RETURN = r"""
ansible_facts:
  description: The gathered facts.
  returned: always
  type: dict
  contains:
    vos:
      description: One key per gathered subset.
      returned: always
      type: dict
      sample:
        cloud_links: {lost: 1, uplinks: [{name: DFW-CL-01, ip_address: 10.20.0.11, state: LOST, group: DFW-CL-GROUP-A}]}
        notifications: {active_critical: 1, counts: {by_state: {ACTIVE: 3}, by_severity: {CRITICAL: 1}}}
endpoints:
  description: Calls and errors per API endpoint during this run.
  returned: always
  type: dict
  sample: {"services": {"calls": 1, "errors": 0}}
http_log:
  description: Each HTTP request of the run with method, path, status and duration in milliseconds (no secrets).
  returned: with verbosity 3 or more (C(-vvv))
  type: list
  elements: dict
"""

from typing import Any, Dict

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.broadcast.video.plugins.module_utils.module import merge_warnings, run_module
from ansible_collections.broadcast.video.plugins.module_utils.vos.device import VOS
from ansible_collections.broadcast.video.plugins.module_utils.vos.facts import VosFacts


def main() -> None:
    """Run the module."""
    argument_spec = dict(VOS.connection_spec)
    argument_spec.update(
        gather_subset={"type": "list", "elements": "str", "default": ["all"]},
        scte_log_limit={"type": "int", "default": 100},
        notification_limit={"type": "int", "default": 0},
    )
    module = AnsibleModule(argument_spec=argument_spec, supports_check_mode=True)

    def body(client: Any) -> Dict[str, Any]:
        gatherer = VosFacts(client, scte_log_limit=module.params["scte_log_limit"],
                            notification_limit=module.params["notification_limit"])
        facts = gatherer.gather(module.params["gather_subset"])
        result: Dict[str, Any] = {"changed": False, "ansible_facts": {"vos": facts}}
        merge_warnings(module, gatherer.warnings)
        return result

    run_module(module, VOS, body)


if __name__ == "__main__":
    main()
