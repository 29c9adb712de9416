#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: hmp_stb_command
short_description: Send commands to Haivision Play set-top boxes through Haivision Media Platform
version_added: 0.1.0
description:
  - Sends one command (standby, reboot, mute, volume, channel, text message) to the Haivision Play set-top boxes
    that a Haivision Media Platform (HMP) server manages (C(POST /apis/devices/stbs/:id/commands)).
  - Boxes are selected by O(ids), O(names) and O(tags) from one read of the box list; a box matching any of them is
    selected. An id or name that matches no box fails the task before anything is sent.
  - The command body is built and checked (volume range, channel name resolved to its id) before any box is
    contacted. Commands go to the selected boxes concurrently (at most O(max_workers) at once).
  - HMP only passes commands to boxes that are C(Online) or C(Standby) and does not queue them; other boxes are
    reported as C(offline) in RV(results) and, unless O(fail_on_offline) is set, do not fail the task.
  - For idempotent runs, a command whose effect the box already shows (standby on or off, mute, unmute, the same
    volume, the same channel) is not sent and the box is reported C(unchanged); O(force) sends it anyway.
    C(reboot) and C(show-text-message) are always sent.
  - The endpoint, the commands and their bodies, and the box fields (C(status), C(standby), C(muted), C(volume),
    C(channelId), C(channelType)) are confirmed by Haivision's HMP REST API guide (3.8 to 4.1.1) and public client
    code; the unit of O(message_duration) and the meaning of O(message_repeat) are modeled from the documented
    example.
author:
  - broadcast.video contributors (!UNKNOWN)
extends_documentation_fragment:
  - broadcast.video.hmp
options:
  ids:
    description: Ids of the boxes (HMP C(_id), for example C(bvgR95DKAXUTr402cyM8ew); not UUIDs).
    type: list
    elements: str
  names:
    description: Names of the boxes.
    type: list
    elements: str
  tags:
    description: Tags; every box carrying any of them is selected.
    type: list
    elements: str
  command:
    description:
      - The command. V(standby-on), V(standby-off), V(reboot), V(mute) and V(unmute) take no parameter.
      - V(set-volume) needs O(volume); V(set-channel) needs O(channel) or O(channel_id) (and O(channel_type));
        V(show-text-message) needs O(message_text).
    type: str
    required: true
    choices: [standby-on, standby-off, reboot, mute, unmute, set-volume, set-channel, show-text-message]
  volume:
    description: Volume level for V(set-volume), from V(0.0) (silent) to V(1.0) (full), as HMP takes it.
    type: float
  channel:
    description:
      - Name of the channel for V(set-channel), that is the name of a source or the title of a session or video
        (per O(channel_type)), resolved to its id with one list read. An unknown or ambiguous name fails the task
        before anything is sent.
      - A composition is given by O(channel_id) only (HMP documents no list of compositions).
    type: str
  channel_id:
    description: Id of the channel for V(set-channel); used instead of resolving O(channel).
    type: str
  channel_type:
    description:
      - Kind of channel for V(set-channel). V(video) is HMP's C(asset) type.
    type: str
    choices: [source, session, video, composition]
    default: source
  message_text:
    description:
      - Text shown on the screens by V(show-text-message) (HMP C(parameters.data[].message); the option cannot be
        called C(message), a name Ansible reserves).
    type: str
  message_duration:
    description: How long the message stays on screen, in milliseconds.
    type: int
    default: 10000
  message_color:
    description: Text color of the message, as C(#rrggbb).
    type: str
    default: "#ffffff"
  message_blink:
    description: Whether the message blinks.
    type: bool
    default: false
  message_repeat:
    description:
      - How many times the message is shown. When unset, once (V(1)). HMP's documented example uses V(-1)
        (modeled as repeating until the next message).
    type: int
  force:
    description:
      - Send the command even to boxes that already show its effect (by default they are reported C(unchanged)
        and nothing is sent to them).
    type: bool
    default: false
  fail_on_offline:
    description:
      - Fail the task when a selected box is not reachable (status other than C(Online) or C(Standby), or HMP
        answers that the box's stream is not found). By default such boxes are only reported as C(offline).
    type: bool
    default: false
attributes:
  check_mode:
    support: full
    description: Reads the boxes, builds the command and reports C(would_send) for each box it would be sent to.
  diff_mode:
    support: none
    description: No diff is shown; RV(results) says what happened per box.
notes:
  - The task fails when HMP refused the command for any box (C(failed) in RV(results)), or when a box is offline
    and O(fail_on_offline) is set; the failure still carries RV(results) and RV(command).
seealso:
  - module: broadcast.video.hmp_facts
"""

EXAMPLES = r"""
- name: Put the lobby screens in standby for the night
  broadcast.video.hmp_stb_command:
    host: hmp.example.com
    username: haiadmin
    password: "{{ vault_hmp_password }}"
    tags: [lobby]
    command: standby-on

- name: Every HMP task of the play shares the connection options
  hosts: localhost
  gather_facts: false
  module_defaults:
    group/broadcast.video.hmp:
      host: hmp.example.com
      username: haiadmin
      password: "{{ vault_hmp_password }}"
  tasks:
    - name: Tune the lobby and boardroom screens to the town hall session
      broadcast.video.hmp_stb_command:
        tags: [lobby, boardroom]
        command: set-channel
        channel_type: session
        channel: Town Hall

    - name: Half volume on two boxes
      broadcast.video.hmp_stb_command:
        names: [Lobby Screen 001, Lobby Screen 005]
        command: set-volume
        volume: 0.5

    - name: Announce the town hall for a minute, blinking
      broadcast.video.hmp_stb_command:
        tags: [floor-1, floor-2]
        command: show-text-message
        message_text: The town hall starts in 5 minutes
        message_duration: 60000
        message_color: "#ffcc00"
        message_blink: true
        fail_on_offline: true
"""

RETURN = r"""
results:
  description:
    - One entry per selected box, in the order HMP lists them.
    - C(result) is V(sent), V(would_send) (check mode), V(unchanged) (the box already shows the effect), V(offline)
      (not reachable; nothing sent) or V(failed) (HMP refused it; C(message) says why).
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: The box's id (HMP C(_id)).
      type: str
    name:
      description: The box's name.
      type: str
    status:
      description: The box's status as HMP reported it (C(Online), C(Standby), C(Offline), C(Warning), C(Never)).
      type: str
    result:
      description: What happened to this box.
      type: str
      sample: sent
    message:
      description: HMP's answer or the reason nothing was sent.
      type: str
      sample: Successfully sent command to device
changed:
  description: Whether the command was sent (or in check mode would be sent) to at least one box.
  returned: always
  type: bool
command:
  description: The command body sent to each box, as HMP takes it.
  returned: always
  type: dict
  sample: {"command": "set-volume", "parameters": {"volume": 0.5}}
endpoints:
  description: Calls and errors per API endpoint during this run.
  returned: always
  type: dict
  sample: {"devices": {"calls": 1, "errors": 0}, "stb_commands": {"calls": 12, "errors": 0}}
http_log:
  description: Each HTTP request of the run with method, path, status and duration in milliseconds (no secrets).
  returned: with verbosity 3 or more (C(-vvv))
  type: list
  elements: dict
"""

from typing import Any, Dict

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.broadcast.video.plugins.module_utils.errors import BroadcastError
from ansible_collections.broadcast.video.plugins.module_utils.hmp.device import HMP
from ansible_collections.broadcast.video.plugins.module_utils.hmp.stb import (
    CHANNEL_TYPES, COMMANDS, build_command, select_boxes, send_commands)
from ansible_collections.broadcast.video.plugins.module_utils.module import run_module


def main() -> None:
    """Run the module."""
    argument_spec = dict(HMP.connection_spec)
    argument_spec.update(
        ids={"type": "list", "elements": "str"},
        names={"type": "list", "elements": "str"},
        tags={"type": "list", "elements": "str"},
        command={"type": "str", "required": True, "choices": list(COMMANDS)},
        volume={"type": "float"},
        channel={"type": "str"},
        channel_id={"type": "str"},
        channel_type={"type": "str", "default": "source", "choices": list(CHANNEL_TYPES)},
        message_text={"type": "str"},
        message_duration={"type": "int", "default": 10000},
        message_color={"type": "str", "default": "#ffffff"},
        message_blink={"type": "bool", "default": False},
        message_repeat={"type": "int"},
        force={"type": "bool", "default": False},
        fail_on_offline={"type": "bool", "default": False},
    )
    module = AnsibleModule(
        argument_spec=argument_spec,
        supports_check_mode=True,
        required_one_of=[("ids", "names", "tags")],
        required_if=[
            ("command", "set-volume", ("volume",)),
            ("command", "set-channel", ("channel", "channel_id"), True),
            ("command", "show-text-message", ("message_text",)),
        ],
    )
    params = module.params

    def body(client: Any) -> Dict[str, Any]:
        boxes = select_boxes(client.list_items("devices"), params["ids"] or [], params["names"] or [],
                             params["tags"] or [])
        command = build_command(params, client)  # every check before the first box is contacted
        results, changed = send_commands(client, boxes, command, module.check_mode, params["force"])
        result: Dict[str, Any] = {"changed": changed, "results": results, "command": command}
        bad = [r for r in results if r["result"] == "failed" or (params["fail_on_offline"] and r["result"] == "offline")]
        if bad:
            raise BroadcastError("%s: %s" % (
                "%d of %d set-top boxes did not take the command" % (len(bad), len(results)),
                "; ".join("%s (%s): %s, %s" % (r["name"], r["id"], r["result"], r["message"]) for r in bad[:10])
                + (" ..." if len(bad) > 10 else "")), result)
        if not boxes:
            module.warn("no set-top box carries any of the tags %s; nothing was sent" % ", ".join(params["tags"] or []))
        return result

    run_module(module, HMP, body)


if __name__ == "__main__":
    main()
