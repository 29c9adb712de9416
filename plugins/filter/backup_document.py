# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
name: backup_document
short_description: Turn a resource module's gathered state into a broadcast.video backup document
version_added: 0.1.0
description:
  - Takes the RV(gathered) list of one resource module of the collection (run with O(state=gathered)) and returns
    the document the C(broadcast.video.backup) playbook writes to C(<backup_dir>/<host>/<module>.yml) and the
    C(broadcast.video.restore) playbook reads back.
  - "The document has, in this order: C(integration) (V(vos), V(hmp), V(dms) or V(electra)), C(module) (the
    module's fully qualified name), C(key) (the option naming an item), C(secrets_left_out) and C(config) (the
    gathered items, sorted by their natural key, with the keys of every mapping sorted)."
  - C(secrets_left_out) lists, as C({item, option}), every option path of every item where a write-only secret can
    be set (VOS destination end point passwords, VOS user passwords, HMP SRT source passphrases). Devices never
    return secrets, so the backup holds none and cannot tell whether one is set; a restore does not set them unless
    they are given to it. The secret options come from each module's field declarations.
  - The same gathered state always gives the same document (no time or run-dependent value), so written with
    P(ansible.builtin.to_nice_yaml#filter) and O(ansible.builtin.to_nice_yaml#filter:sort_keys=false), a backup
    directory under git shows real changes only.
  - The collection's C(docs/guides/backup-restore.md) describes the backup and restore playbooks.
positional: module
options:
  _input:
    description: The module's RV(gathered) list (items in the module's O(config) format).
    type: list
    elements: dict
    required: true
  module:
    description:
      - The resource module that gathered the list, short (V(vos_sources)) or fully qualified
        (V(broadcast.video.vos_sources)).
      - One of the VOS V(vos_images), V(vos_sources), V(vos_destinations), V(vos_services), V(vos_users); the HMP
        V(hmp_sources), V(hmp_sessions), V(hmp_events), V(hmp_videos), V(hmp_recordings), V(hmp_streams); the DMS
        V(dms_groups), V(dms_destinations), V(dms_devices), V(dms_authorizations); the Electra XT V(electra_jobs).
    type: str
    required: true
author:
  - broadcast.video contributors (!UNKNOWN)
"""

EXAMPLES = r"""
- name: Gather the VOS sources
  broadcast.video.vos_sources:
    state: gathered
  register: sources

- name: Write them as a backup file
  ansible.builtin.copy:
    dest: "backups/{{ inventory_hostname }}/vos_sources.yml"
    content: |
      # broadcast.video backup of vos_sources on {{ inventory_hostname }}
      {{ sources.gathered | broadcast.video.backup_document('vos_sources') | ansible.builtin.to_nice_yaml(indent=2, sort_keys=false) }}
    mode: "0644"
"""

RETURN = r"""
_value:
  description: The backup document.
  type: dict
  contains:
    integration:
      description: The module's device family.
      type: str
      sample: vos
    module:
      description: The module's fully qualified name.
      type: str
      sample: broadcast.video.vos_destinations
    key:
      description: The option that names an item (HMP events are named by session and start time together).
      type: str
      sample: name
    secrets_left_out:
      description: Where the items can hold a write-only secret the backup does not contain, sorted.
      type: list
      elements: dict
      sample: [{"item": "demo.news.origin", "option": "outputs[0].end_points[1].password"}]
    config:
      description: The gathered items, sorted by their natural key, every mapping's keys sorted.
      type: list
      elements: dict
"""

from ansible.errors import AnsibleFilterError

from ansible_collections.broadcast.video.plugins.plugin_utils.backup import BackupError, backup_document, plain


def _backup_document(gathered, module):
    """Filter entry point: see DOCUMENTATION; BackupError becomes AnsibleFilterError with the same message."""
    try:
        return backup_document(plain(gathered), plain(module))
    except BackupError as exc:
        raise AnsibleFilterError("broadcast.video.backup_document: %s" % exc) from None


class FilterModule:
    """broadcast.video.backup_document."""

    def filters(self):
        """The filter this file provides."""
        return {"backup_document": _backup_document}
