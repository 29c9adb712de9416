# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Filter broadcast.video.vos_topology_svg: one SVG picture per VOS service, coloured by state."""

from __future__ import annotations

DOCUMENTATION = r"""
name: vos_topology_svg
short_description: Draw each Harmonic VOS service's topology as an SVG picture coloured by state
version_added: 0.1.0
description:
  - Takes the C(ansible_facts.vos) dict of M(broadcast.video.vos_facts) and returns one entry per service, sorted by
    service name, with the service's state and a self-contained SVG picture of its topology.
  - "The picture has five columns: inputs, sources, the service, destinations and outputs (one box per origin end
    point or cloud-link output), joined by arrows; the primary path is solid, backups are dashed; a legend explains
    the colours."
  - "Colours: V(ok) green, V(warning) amber (running on a backup, part of a cloud-link group lost, a pod not
    running, an active MAJOR, MINOR or WARNING notification naming it), V(critical) red (every uplink of a
    cloud-link group LOST, a source with no healthy content input, a pod FAILED, an active CRITICAL notification),
    V(off) grey (service not activated), unknown white with a dashed outline (not in the facts, never a fault)."
  - The service is V(critical) when none of its sources has a healthy input or its main destination is
    critical, V(warning) when it runs on a backup or anything it depends on is degraded.
  - Every device string is escaped; the output has no scripts, styles, external resources or C(id) attributes,
    and the same facts always give the same text.
  - Subsets missing from the facts are drawn as unknown; gather at least C(services), C(sources), C(destinations),
    C(cloud_links), C(nodes) and C(notifications) for a complete picture.
author:
  - broadcast.video contributors (!UNKNOWN)
positional: _input
options:
  _input:
    description:
      - The C(ansible_facts.vos) dict returned by M(broadcast.video.vos_facts).
    type: dict
    required: true
seealso:
  - module: broadcast.video.vos_facts
"""

EXAMPLES = r"""
- name: Read the cluster
  broadcast.video.vos_facts:
    gather_subset: [services, sources, destinations, cloud_links, nodes, notifications]

- name: Write one SVG file per service
  ansible.builtin.copy:
    content: "{{ item.svg }}"
    dest: "/tmp/topology-{{ item.service }}.svg"
    mode: "0644"
  loop: "{{ ansible_facts.vos | broadcast.video.vos_topology_svg }}"
  loop_control:
    label: "{{ item.service }}: {{ item.state }}"

- name: Services that are not ok
  ansible.builtin.debug:
    msg: "{{ ansible_facts.vos | broadcast.video.vos_topology_svg | rejectattr('state', 'in', ['ok', 'off'])
             | map(attribute='service') | list }}"
"""

RETURN = r"""
_value:
  description:
    - One entry per service, sorted by service name.
  type: list
  elements: dict
  contains:
    service:
      description: The service name.
      type: str
    state:
      description: The service's state.
      type: str
      choices: [ok, warning, critical, "off"]
    reasons:
      description: Why the state is not V(ok), one sentence each (empty when nothing is wrong).
      type: list
      elements: str
    svg:
      description:
        - The picture, an C(<svg>) element with C(role="img"), a C(<title>) and a C(<desc>), sized by its
          C(viewBox) and scaling down to the width of its container.
      type: str
"""

from collections.abc import Mapping
from typing import Any, Callable, Dict, List

from ansible.errors import AnsibleFilterError

from ansible_collections.broadcast.video.plugins.plugin_utils.topology import service_topologies


def vos_topology_svg(vos_facts: Any) -> List[Dict[str, Any]]:
    """See DOCUMENTATION."""
    if not isinstance(vos_facts, Mapping):
        raise AnsibleFilterError("vos_topology_svg: the input must be the ansible_facts.vos dict returned by "
                                 "broadcast.video.vos_facts, got %s" % type(vos_facts).__name__)
    return service_topologies(vos_facts)


class FilterModule(object):
    """broadcast.video.vos_topology_svg"""

    def filters(self) -> Dict[str, Callable[..., Any]]:
        return {"vos_topology_svg": vos_topology_svg}
