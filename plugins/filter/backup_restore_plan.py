# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
name: backup_restore_plan
short_description: Plan the restore of one device host from its broadcast.video backup documents
version_added: 0.1.0
description:
  - Used by the C(broadcast.video.restore) playbook. Takes the backup documents of one device host (see
    P(broadcast.video.backup_document#filter)) and the device's current state, and returns what the restore does
    module by module, in restore order, before anything is written.
  - For each module, the state to run (V(merged); with O(restore_state=overridden), V(replaced) where the module has
    it, else V(merged)), the O(ignore:config) to send, the items to delete afterwards with V(deleted) (overridden only,
    in reverse restore order so that nothing is deleted while another item uses it), and the changes the module runs
    would make, computed from O(current) with the same rules as the modules (for display in check mode).
  - Items of kinds the modules cannot create (DMS devices, Electra XT jobs, HMP videos) that are not on the device are
    left out (C(skipped)), and so are items that cannot be created without a secret the backup leaves out (VOS users'
    passwords) unless O(secrets) gives it. Statuses a device only reports (Electra XT C(starting), C(stopping),
    C(failed)) are not sent when the job's status differs; a warning says so.
  - The collection's C(docs/guides/backup-restore.md) describes the backup and restore playbooks.
positional: integration, current, restore_state, secrets, with_secrets
options:
  _input:
    description:
      - The host's backup documents, as a mapping of the module's short name (the file name without C(.yml)) to the
        document read from the file.
    type: dict
    required: true
  integration:
    description: The host's device family, from its inventory group.
    type: str
    choices: [vos, hmp, dms, electra]
    required: true
  current:
    description:
      - The device's current items, as a mapping of module short name to that module's RV(gathered) list, for every
        module in O(_input).
    type: dict
    required: true
  restore_state:
    description:
      - V(merged) creates missing items and updates the backed-up options of existing ones; nothing is deleted.
      - V(overridden) makes each backed-up item exactly as backed up and deletes every other item of the kinds a
        module can create and delete.
    type: str
    choices: [merged, overridden]
    default: merged
  secrets:
    description:
      - "Write-only values to send with the items, since the backup has none, as C({module: {item: {option path:
        secret}}}), for example C({vos_users: {operator: {password: ...}}}) or C({vos_destinations: {news.origin:
        {outputs[0].end_points[1].password: ...}}}). The option paths are those of the documents'
        C(secrets_left_out)."
      - Modules of other integrations are ignored, so that one mapping can serve every host.
    type: dict
    default: {}
  with_secrets:
    description:
      - Put O(secrets) into each plan's C(config). Only for the module task's O(ignore:config); never print such a plan.
        Without it, C(config) holds the backed-up items, which hold no secret.
    type: bool
    default: false
author:
  - broadcast.video contributors (!UNKNOWN)
"""

EXAMPLES = r"""
- name: Plan the restore of a VOS cluster
  ansible.builtin.set_fact:
    restore_plans: "{{ documents | broadcast.video.backup_restore_plan('vos', current, 'merged') }}"
  vars:
    documents:
      vos_images: "{{ lookup('ansible.builtin.file', 'backups/vos-a/vos_images.yml') | ansible.builtin.from_yaml }}"
    current:
      vos_images: "{{ gathered_images.gathered }}"

- name: Restore the slate images
  broadcast.video.vos_images:
    state: "{{ restore_plans.vos_images.state }}"
    config: "{{ restore_plans.vos_images.config }}"
"""

RETURN = r"""
_value:
  description: The plan of each module of O(_input), by module short name, in restore order.
  type: dict
  contains:
    summary:
      description: One line saying what changes.
      type: str
      sample: "vos_sources (merged): 2 to create, 1 to update"
    module:
      description: The module's fully qualified name.
      type: str
    state:
      description: The state to run the module with.
      type: str
      sample: merged
    config:
      description: The O(ignore:config) to run the module with.
      type: list
      elements: dict
    delete_state:
      description: V(deleted) when items are to be deleted by a second module run, else V(null).
      type: str
    deletes:
      description: The O(ignore:config) of that second run (the items to delete).
      type: list
      elements: dict
    changes:
      description:
        - What the module runs would change, C({operation, item, before, after}) with C(operation) one of
          V(create), V(update), V(delete); secrets never appear.
      type: list
      elements: dict
    changed:
      description: Whether C(changes) is not empty.
      type: bool
    run:
      description:
        - Whether the first module run (C(state) with C(config)) creates or updates something. Without it the run
          would change nothing; the playbook leaves it out.
      type: bool
    deferred:
      description:
        - The references (C(kind name)) of the items to items an earlier module of the restore creates. A module run
          in check mode cannot resolve them, since nothing was created; the playbook shows C(changes) instead.
      type: list
      elements: str
    skipped:
      description: Backed-up items the restore leaves out, C({item, reason}).
      type: list
      elements: dict
    secrets_left_out:
      description:
        - The backed-up secret options O(secrets) does not give, C({item, option, effect}); C(effect) is
          V(kept as on the device) for an item that exists, V(created without it) for one the restore creates.
      type: list
      elements: dict
    warnings:
      description: Things the operator should know (statuses not restored, items a restore never deletes).
      type: list
      elements: str
"""

from ansible.errors import AnsibleFilterError

from ansible_collections.broadcast.video.plugins.plugin_utils.backup import BackupError, plain, restore_plans


def _backup_restore_plan(documents, integration, current, restore_state="merged", secrets=None, with_secrets=False):
    """Filter entry point: see DOCUMENTATION; BackupError becomes AnsibleFilterError with the same message."""
    try:
        return restore_plans(plain(documents), plain(integration), plain(current), plain(restore_state), plain(secrets),
                             bool(with_secrets))
    except BackupError as exc:
        raise AnsibleFilterError("broadcast.video.backup_restore_plan: %s" % exc) from None


class FilterModule:
    """broadcast.video.backup_restore_plan."""

    def filters(self):
        """The filter this file provides."""
        return {"backup_restore_plan": _backup_restore_plan}
