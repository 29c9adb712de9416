# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
name: health_evaluate
short_description: Evaluate the health rules of one device host from its facts
version_added: 0.1.0
author:
  - broadcast.video contributors (!UNKNOWN)
description:
  - Takes the facts of one device host, as its facts module returns them, and returns its health result, that is its
    status, one finding per rule, the few numbers of its summary card, the tables an operator looks at and, for VOS,
    a topology picture per service.
  - "A threshold is crossed when the value is greater than it. The status is the worst severity of the crossed
    findings: V(ok), V(warning), V(critical), or V(unreachable) when O(error) is given."
  - "Rules, with their default threshold and the severity they give when crossed:
    C(vos_critical_notifications) (active CRITICAL notifications, 0, critical),
    C(vos_lost_cloud_links) (cloud links in state LOST, 0, critical),
    C(hmp_offline_stbs) (set-top boxes whose status is Offline, 0, warning),
    C(hmp_failed_recordings) (recordings, or recorders, in state ERROR, 0, critical),
    C(dms_active_alarms) (active alarms of the severities O(dms_alarm_severities), 0, critical),
    C(dms_offline_devices_percent) (percentage of the DMS's devices that are offline, 10, warning),
    C(electra_jobs_in_alarm) (jobs whose alarm state is not normal, 0, critical) and
    C(electra_nodes_not_up) (nodes whose status is not up, 0, critical)."
  - This is the core of the role C(broadcast.video.health) (see its README), which gathers the facts and writes
    the HTML report.
positional: integration, device, thresholds
options:
  _input:
    description:
      - "The integration's facts: C(ansible_facts.vos), C(ansible_facts.hmp), C(ansible_facts.dms) or
        C(ansible_facts.electra), with the subsets the rules read. VOS C(services), C(cloud_links) and
        C(notifications) (plus C(sources) and C(destinations) for the topology pictures); HMP C(devices) and
        C(recordings); DMS C(system), C(devices) and C(alarms) (best with O(broadcast.video.dms_facts#module:alarm_retrieval=active)
        and C(device_filters: {status: offline})); Electra C(jobs) and C(nodes) (and C(alarms) for the alarm texts)."
      - A missing subset fails, naming it.
      - Not read when O(error) is given (give V({}) then).
    type: dict
    required: true
  integration:
    description: Which integration the facts are of.
    type: str
    required: true
    choices: [vos, hmp, dms, electra]
  device:
    description: The device host's name (its C(inventory_hostname)), returned as RV(_value.device).
    type: str
    required: true
  thresholds:
    description:
      - Rule name -> threshold, a number of 0 or more. Rules left out keep their default (see the description).
      - Thresholds of other integrations' rules are accepted and unused, so one dict serves every device host.
    type: dict
    default: {}
  dms_alarm_severities:
    description: The DMS alarm severities that C(dms_active_alarms) counts.
    type: list
    elements: str
    choices: [critical, major, minor, warning]
    default: [critical, major]
  max_rows:
    description: Most rows of each table (1 or more); each table's C(total) keeps the count before the cap.
    type: int
    default: 20
  error:
    description:
      - Why the facts could not be gathered (for example C(ansible_failed_result.msg) in a C(rescue)). The result is
        then V(unreachable), with one crossed finding, rule C(unreachable), carrying this text.
      - It must hold no secret; the collection's modules never put one in a message.
    type: str
"""

EXAMPLES = r"""
- name: Read what the VOS rules need
  broadcast.video.vos_facts:
    gather_subset: [services, sources, destinations, cloud_links, notifications]

- name: Evaluate, with one lost cloud link tolerated
  ansible.builtin.set_fact:
    vos_health: "{{ ansible_facts.vos | broadcast.video.health_evaluate('vos', inventory_hostname,
                    {'vos_lost_cloud_links': 1}) }}"

- name: Fail on a crossed threshold
  ansible.builtin.assert:
    that: vos_health.status == 'ok'
    fail_msg: "{{ vos_health.findings | selectattr('crossed') | map(attribute='message') | join('; ') }}"

- name: Count only critical DMS alarms, and show 50 rows per table
  ansible.builtin.set_fact:
    dms_health: "{{ ansible_facts.dms | broadcast.video.health_evaluate('dms', inventory_hostname,
                    dms_alarm_severities=['critical'], max_rows=50) }}"
"""

RETURN = r"""
_value:
  description: The health result of the device host (docs/dev/roles-and-playbooks.md, section 4).
  type: dict
  contains:
    device:
      description: O(device).
      type: str
    integration:
      description: O(integration).
      type: str
    status:
      description: V(ok), V(warning), V(critical) or V(unreachable).
      type: str
    findings:
      description:
        - "One per rule of the integration: C(rule), C(value) (null when the device did not report it: never
          crossed), C(threshold), C(crossed) (value greater than threshold), C(severity) (the rule's, whether crossed
          or not) and C(message) (what the value counts, with the first names)."
      type: list
      elements: dict
      sample: [{rule: vos_lost_cloud_links, value: 1, threshold: 0, crossed: true, severity: critical,
                message: "1 cloud link lost: dfw-cloudlink-02"}]
    summary:
      description: Label -> number, the few numbers of the device's card.
      type: dict
      sample: {services: 4, activated: 3, cloud links: 2, lost: 1, active notifications: 3, active critical: 1}
    tables:
      description:
        - "The tables an operator looks at, each C(title), C(columns), C(rows) (strings and numbers, worst first,
          at most O(max_rows)) and C(total) (rows before the cap)."
        - "VOS: Services (with each service's topology state as Health), Cloud links, Active notifications. HMP:
          Set-top boxes not online, Recordings. DMS: Active alarms, Offline devices. Electra: Jobs in alarm, Nodes."
      type: list
      elements: dict
    topology:
      description:
        - VOS only. One C(service), C(state) (V(ok), V(warning), V(critical), V(off)) and C(svg) (an SVG document)
          per service, drawn by the core of the filter C(broadcast.video.vos_topology_svg); empty while the collection
          has no topology drawing.
      type: list
      elements: dict
"""

from typing import Any, Dict, List, Optional

from ansible.errors import AnsibleFilterError

from ansible_collections.broadcast.video.plugins.plugin_utils.health import (
    DEFAULT_DMS_ALARM_SEVERITIES, DEFAULT_MAX_ROWS, evaluate)


def health_evaluate(facts: Any, integration: str, device: str, thresholds: Optional[Dict[str, Any]] = None,
                    dms_alarm_severities: Optional[List[str]] = None, max_rows: int = DEFAULT_MAX_ROWS,
                    error: Optional[str] = None) -> Dict[str, Any]:
    """The filter: :func:`evaluate`, with its ``ValueError`` as :class:`AnsibleFilterError`."""
    severities = list(DEFAULT_DMS_ALARM_SEVERITIES) if dms_alarm_severities is None else dms_alarm_severities
    try:
        return evaluate(facts, integration, str(device), thresholds, severities, max_rows,
                        None if error is None else str(error))
    except ValueError as exc:
        raise AnsibleFilterError("broadcast.video.health_evaluate (%s): %s" % (device, exc)) from exc


class FilterModule:
    """broadcast.video.health_evaluate."""

    def filters(self) -> Dict[str, Any]:
        """The filters of this file."""
        return {"health_evaluate": health_evaluate}
