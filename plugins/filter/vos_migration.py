# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The ``broadcast.video.vos_migration`` filter: a thin wrapper over ``plugins/plugin_utils/migration.py``."""

from __future__ import annotations

DOCUMENTATION = r"""
name: vos_migration
short_description: Compute the configuration that copies VOS services to another cluster
version_added: 0.1.0
author: broadcast.video contributors (!UNKNOWN)
description:
  - Takes the source cluster's services, sources and destinations (the C(state=gathered) results of
    M(broadcast.video.vos_services), M(broadcast.video.vos_sources) and M(broadcast.video.vos_destinations), or the
    same lists from M(broadcast.video.vos_facts)), a selection of services and a mapping, and returns the C(config)
    lists to apply on the target cluster with C(state=merged), in the order images, sources, destinations,
    services.
  - The result holds exactly the selected services and the sources, destinations and slate images they reference.
    Every name and every reference is mapped the same way (names, cloud-link groups, profiles, slate image URLs).
  - Everything is checked before anything is returned, and every problem is named in one error. A selection entry
    that matches no service, a selected service that references a source or destination the source cluster does
    not have, two objects of one kind mapped to the same name, a malformed mapping, and, when O(target) gives the
    target's facts, a profile or cloud-link group the target does not have after mapping and an object that exists
    on the target with other settings (unless O(overwrite)) are refused.
  - Destination end point passwords are write-only, so they cannot be copied. RV(_value.secrets_not_copied) lists
    each end point whose password must be set again on the target.
  - The playbook C(broadcast.video.migrate) uses this filter; see C(docs/guides/migration.md).
positional: mapping, services
options:
  _input:
    description:
      - "The source cluster's objects: a dict with the lists C(services), C(sources) and C(destinations) in the
        modules' C(config) format. An C(id) key (as M(broadcast.video.vos_facts) adds) is dropped."
    type: dict
    required: true
  mapping:
    description:
      - The mapping, usually loaded from a YAML file. Every key is optional; without a mapping everything is copied
        with its names unchanged.
      - C(names.services), C(names.sources), C(names.destinations) are dicts of old name to new name.
      - "C(names.rules) is a list of C({pattern, replace, kinds}) applied to names without an explicit entry; the
        first rule whose Python regular expression C(pattern) is found in the name replaces that first match with
        C(replace) (C(\\1) and C(\\g<name>) refer to groups). C(kinds) (default all three) limits a rule to
        C(services), C(sources) or C(destinations)."
      - C(cloud_link_groups), C(profiles) (transcoding and destination profiles) and C(slate_images) (URLs) are
        dicts of old value to new value.
    type: dict
  services:
    description:
      - The services to copy, by name or shell-style pattern (C(*), C(?), C([...])), on the source cluster's names.
        Omit it (or give C(*)) for every service. An entry that matches nothing is an error.
    type: list
    elements: str
  target:
    description:
      - The target cluster's C(ansible_facts.vos) from M(broadcast.video.vos_facts).
      - With C(profiles) and C(cloud_links) in it, every profile and cloud-link group the result references must
        exist there.
      - With C(images), C(sources), C(destinations) and C(services) in it, the result carries the O(target) plan
        (create, update or unchanged per object), and an object that exists there with other settings is refused
        unless O(overwrite).
    type: dict
  control_state:
    description:
      - C(activated) or C(off) sets every copied service's control state, for example C(off) to stage the services
        off air. Empty or omitted keeps each service's state from the source cluster.
    type: str
  overwrite:
    description:
      - Update target objects that already exist with other settings, instead of refusing.
    type: bool
    default: false
"""

EXAMPLES = r"""
- name: Compute the migration
  ansible.builtin.set_fact:
    migration: >-
      {{ {'services': services.gathered, 'sources': sources.gathered, 'destinations': destinations.gathered}
         | broadcast.video.vos_migration(mapping, ['news.*', 'sports.1080'], target=target_facts,
                                         control_state='off') }}
  vars:
    mapping:
      names:
        rules:
          - {pattern: '^dfw\.', replace: 'ord.'}
        services: {news.1080: ord.news.1080}
      cloud_link_groups: {DFW-CL-GROUP-A: ORD-CL-GROUP-A}
      profiles: {"dfw.1080 2": "ord.1080 2"}

- name: Apply it on the target (module_defaults point at the target cluster)
  broadcast.video.vos_sources:
    config: "{{ migration.sources }}"
"""

RETURN = r"""
_value:
  description: The target configuration and a report of the migration.
  type: dict
  contains:
    images:
      description: The slate images to create (C({url})), sorted.
      type: list
      elements: dict
    sources:
      description: The C(config) list for M(broadcast.video.vos_sources), sorted by old name.
      type: list
      elements: dict
    destinations:
      description: The C(config) list for M(broadcast.video.vos_destinations), sorted by old name.
      type: list
      elements: dict
    services:
      description: The C(config) list for M(broadcast.video.vos_services), sorted by old name.
      type: list
      elements: dict
    renamed:
      description: "Each renamed object: C({kind, from, to})."
      type: list
      elements: dict
    remapped:
      description: The C(profiles), C(cloud_link_groups) and C(slate_images) entries that changed a value, old to new.
      type: dict
    secrets_not_copied:
      description: "Each end point password that could not be copied: C({item, option}), for example
        C({item: ord.news.origin, option: 'outputs[0].end_points[1].password'})."
      type: list
      elements: dict
    unused_mapping:
      description: Mapping entries that matched nothing (a typo, or entries meant for other services).
      type: list
      elements: str
    plan:
      description: Per kind given in O(target), the names to C(create), C(update) and leave C(unchanged).
      type: dict
    deferred:
      description:
        - Per kind, the objects that reference an object this run creates. In check mode a module cannot check them
          (the reference does not exist yet), so the playbook lists them instead.
      type: dict
    summary:
      description: Lines describing the migration, for display.
      type: list
      elements: str
"""

from typing import Any, Callable, Dict

from ansible.errors import AnsibleFilterError

from ansible_collections.broadcast.video.plugins.plugin_utils.migration import MigrationError, migrate


def vos_migration(source: Any, mapping: Any = None, services: Any = None, target: Any = None,
                  control_state: Any = None, overwrite: bool = False) -> Dict[str, Any]:
    """See DOCUMENTATION; :func:`migrate` does the work. Raises AnsibleFilterError naming every problem."""
    try:
        return migrate(source, mapping, services=services, target=target, control_state=control_state,
                       overwrite=bool(overwrite))
    except MigrationError as exc:
        raise AnsibleFilterError("vos_migration: %s" % exc) from None


class FilterModule:
    """The collection's ``vos_migration`` filter."""

    def filters(self) -> Dict[str, Callable[..., Any]]:
        return {"vos_migration": vos_migration}
