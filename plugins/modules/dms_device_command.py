#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: dms_device_command
short_description: Send over-the-air commands to edge devices through Harmonic DMS
version_added: 0.1.0
description:
  - Sends one over-the-air command (reboot, resend the authorization, firmware upgrade) to edge receivers that a
    Harmonic DMS (Distribution Management System) server manages.
  - That DMS offers over-the-air control of edge devices is confirmed; B(the commands and their wire format are
    modeled) (C(POST /api/v1/devices/commands) with C({command, deviceIds, parameters}), see the collection's
    C(docs/dms-api.md)). Correct the path with O(endpoint_paths) (key C(device_commands)).
  - Devices are selected either by O(devices) (device ids) or on the server by O(group) and O(filters); giving
    O(devices) together with O(group) or O(filters) fails, as does giving no selector.
  - Everything is checked before the first command is sent, and a failed check sends nothing - an unknown device id,
    an unknown group, a firmware version the DMS does not offer, a selection larger than O(max_devices).
  - A V(firmware_upgrade) skips the devices already on O(firmware_version) and those whose model it does not fit
    (reported C(skipped)), so a second run is not changed.
  - Commands go in requests of at most 1000 devices. DMS answers per device; an offline device rejects the command.
    Rejected devices are reported in RV(results) and, unless O(fail_on_rejected) is set, do not fail the task.
author:
  - broadcast.video contributors (!UNKNOWN)
extends_documentation_fragment:
  - broadcast.video.dms
options:
  command:
    description:
      - The command. V(reboot) restarts the devices, V(resend_authorization) sends their authorization (entitlements)
        again, V(firmware_upgrade) upgrades them to O(firmware_version).
    type: str
    required: true
    choices: [reboot, resend_authorization, firmware_upgrade]
  firmware_version:
    description:
      - The firmware version of a V(firmware_upgrade), one of the DMS's firmware list (the C(firmware) subset of
        M(broadcast.video.dms_facts)). Required with V(firmware_upgrade), refused with the other commands.
    type: str
  devices:
    description:
      - Ids of the devices (for example C(dev-000001)). An id DMS does not know fails the task before anything is sent.
      - Cannot be combined with O(group) or O(filters).
    type: list
    elements: str
  group:
    description:
      - The name of a DMS group; every device of the group is selected (a server-side filter).
      - An unknown group fails the task before anything is sent.
    type: str
  filters:
    description:
      - Server-side device filters, combined with AND (and with O(group)), each an exact, case-sensitive match.
    type: dict
    suboptions:
      region:
        description: The region DMS placed the device in (for example V(north)).
        type: str
      model:
        description: The device model (for example V(ProView 8130)).
        type: str
      status:
        description: V(online) or V(offline).
        type: str
        choices: [online, offline]
      firmware_version:
        description: The firmware version the device runs.
        type: str
      group:
        description: The name of a DMS group the device belongs to (the same as O(group)).
        type: str
  max_devices:
    description:
      - A guard against a selection much larger than intended. When more devices are selected, the task fails before
        anything is sent. V(0) means no limit.
    type: int
    default: 1000
  display_key:
    description:
      - Which device field names a device in RV(results) (C(name)), as in M(broadcast.video.dms_facts); a device whose
        field is empty is named by its id.
    type: str
    choices: [id, serial_number, unit_address, custom_description]
    default: id
  fail_on_rejected:
    description:
      - Fail the task, after sending, when DMS rejected the command for any device (for example an offline device).
        The failure message gives the counts and the first rejected devices; the failure still carries RV(results).
      - By default rejected devices are only reported.
    type: bool
    default: false
attributes:
  check_mode:
    support: full
    description: Selects and checks the devices and reports each one C(planned) (or C(skipped)); sends nothing.
  diff_mode:
    support: none
    description: No diff is shown; RV(results) says what happened per device.
notes:
  - DMS does not tell whether a reboot or an authorization resend is needed, so these commands are always sent (and the
    task is changed when a device accepted them); only V(firmware_upgrade) is idempotent.
seealso:
  - module: broadcast.video.dms_facts
"""

EXAMPLES = r"""
- name: Reboot two receivers
  broadcast.video.dms_device_command:
    host: dms.example.com
    username: dmsadmin
    password: "{{ vault_dms_password }}"
    command: reboot
    devices: [dev-000001, dev-000002]

- name: Every DMS task of the play shares the connection options
  hosts: localhost
  gather_facts: false
  module_defaults:
    group/broadcast.video.dms:
      host: dms.example.com
      username: dmsadmin
      password: "{{ vault_dms_password }}"
  tasks:
    - name: Resend the authorization to every online device of the sports group
      broadcast.video.dms_device_command:
        command: resend_authorization
        group: sports
        filters:
          status: online

    - name: See which ProView 8130 of the north region would be upgraded
      broadcast.video.dms_device_command:
        command: firmware_upgrade
        firmware_version: 11.4.1.0
        filters:
          region: north
          model: ProView 8130
      check_mode: true
      register: plan

    - name: Upgrade them, failing when a device refuses
      broadcast.video.dms_device_command:
        command: firmware_upgrade
        firmware_version: 11.4.1.0
        filters:
          region: north
          model: ProView 8130
        max_devices: 5000
        fail_on_rejected: true
"""

RETURN = r"""
changed:
  description:
    - Whether a device accepted the command (in check mode, whether the command would be sent to a device).
  returned: always
  type: bool
command:
  description: The command.
  returned: always
  type: str
  sample: reboot
selected:
  description: How many devices the selection holds.
  returned: always
  type: int
  sample: 3
sent:
  description: To how many devices the command was sent (V(0) in check mode).
  returned: always
  type: int
  sample: 2
accepted:
  description: How many devices accepted the command.
  returned: always
  type: int
  sample: 1
rejected:
  description: How many devices rejected it (offline, or another reason DMS gave).
  returned: always
  type: int
  sample: 1
skipped_count:
  description:
    - How many devices needed nothing and were not sent the command (a firmware upgrade to the version they run, or
      that does not fit their model); their RV(results) status is V(skipped).
    - Not called C(skipped), which Ansible reads as "the task was skipped".
  returned: always
  type: int
  sample: 1
planned:
  description: How many devices the command would be sent to (check mode; V(0) otherwise).
  returned: always
  type: int
  sample: 0
results:
  description:
    - One entry per selected device, in selection order (the order of O(devices), else the server's).
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: The device's id.
      type: str
      sample: dev-000001
    name:
      description: The device's name under O(display_key) (its id when that field is empty).
      type: str
      sample: Lobby screen North 1
    status:
      description:
        - V(accepted) or V(rejected) (DMS's answer), V(skipped) (nothing to do, not sent) or V(planned) (check mode).
      type: str
      sample: accepted
    message:
      description: DMS's message, or why the device was skipped; empty when there is nothing to say.
      type: str
      sample: device is offline
  sample:
    - {id: dev-000001, name: dev-000001, status: accepted, message: ""}
    - {id: dev-000007, name: dev-000007, status: rejected, message: device is offline}
endpoints:
  description: Calls and errors per API endpoint during this run.
  returned: always
  type: dict
  sample: {"login": {"calls": 1, "errors": 0}, "devices": {"calls": 1, "errors": 0}, "device_commands": {"calls": 1, "errors": 0}}
http_log:
  description: Each HTTP request of the run with method, path, status and duration in milliseconds (no secrets).
  returned: with verbosity 3 or more (C(-vvv))
  type: list
  elements: dict
"""

from typing import Any, Dict

from ansible_collections.broadcast.video.plugins.module_utils.errors import BroadcastError
from ansible_collections.broadcast.video.plugins.module_utils.dms.client import COMMANDS, DEVICE_FILTER_OPTIONS
from ansible_collections.broadcast.video.plugins.module_utils.dms.commands import run_command
from ansible_collections.broadcast.video.plugins.module_utils.dms.device import DMS
from ansible_collections.broadcast.video.plugins.module_utils.dms.facts import DISPLAY_KEYS
from ansible_collections.broadcast.video.plugins.module_utils.module import ansible_module, run_module


def main() -> None:
    """Run the module."""
    argument_spec = dict(DMS.connection_spec)
    argument_spec.update(
        command={"type": "str", "required": True, "choices": list(COMMANDS)},
        firmware_version={"type": "str"},
        devices={"type": "list", "elements": "str"},
        group={"type": "str"},
        filters={"type": "dict", "options": DEVICE_FILTER_OPTIONS},
        max_devices={"type": "int", "default": 1000},
        display_key={"type": "str", "default": "id", "choices": list(DISPLAY_KEYS)},
        fail_on_rejected={"type": "bool", "default": False},
    )
    module = ansible_module(argument_spec, supports_check_mode=True)
    params = module.params

    def body(client: Any) -> Dict[str, Any]:
        result = run_command(client, params["command"], devices=params["devices"] or [], group=params["group"],
                             filters=params["filters"], firmware_version=params["firmware_version"],
                             max_devices=params["max_devices"], display_key=params["display_key"],
                             check_mode=module.check_mode)
        # Ansible reads a true "skipped" key of a task result as "the task was skipped": the count is renamed
        result["skipped_count"] = result.pop("skipped")
        if params["fail_on_rejected"] and result["rejected"]:
            rejected = [r for r in result["results"] if r["status"] == "rejected"]
            raise BroadcastError("%d of %d devices rejected the command %s (%d accepted, %d skipped): %s%s" % (
                result["rejected"], result["selected"], params["command"], result["accepted"], result["skipped_count"],
                "; ".join("%s: %s" % (r["id"], r["message"]) for r in rejected[:10]),
                " ..." if len(rejected) > 10 else ""), result)
        if not result["selected"]:
            module.warn("no device matches the selection; nothing was sent")
        return result

    run_module(module, DMS, body)


if __name__ == "__main__":
    main()
