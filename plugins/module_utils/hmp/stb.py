# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Commands to Haivision Play set-top boxes through HMP (``POST /apis/devices/stbs/:id/commands``, confirmed).

Boxes are selected by id, name or tag from one paged list read. A box must be Online or Standby to take a command
(HMP does not queue them, confirmed): other boxes are reported per box as ``offline`` and never abort the run.
Commands whose effect is visible on the box (standby, mute, volume, channel) are skipped for boxes already in
that state, so a playbook can be re-run; ``reboot`` and ``show-text-message`` are always sent.
"""

from __future__ import annotations

from functools import partial
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

from ..errors import ApiError, BroadcastError, ValidationError
from .client import HmpClient

COMMANDS = ("standby-on", "standby-off", "reboot", "mute", "unmute", "set-volume", "set-channel", "show-text-message")
#: Option value -> HMP channel type (confirmed: source, session, asset, composition).
CHANNEL_TYPES = {"source": "source", "session": "session", "video": "asset", "composition": "composition"}
#: Kind listing the channels of each type, for names -> ids.
CHANNEL_KINDS = {"source": "sources", "session": "sessions", "video": "videos"}
#: Statuses in which a box takes commands (confirmed).
REACHABLE = ("Online", "Standby")


def select_boxes(boxes: Sequence[Mapping[str, Any]], ids: Sequence[str], names: Sequence[str],
                 tags: Sequence[str]) -> List[Mapping[str, Any]]:
    """The boxes matching any of ``ids`` (``_id``), ``names`` or ``tags`` (a box with any of the tags), in list order.

    :raises ValidationError: an id or name that matches no box (the message lists a few that exist), or no
        selector at all.
    """
    if not (ids or names or tags):
        raise ValidationError("give ids, names or tags to select the set-top boxes")
    by_id = {str(b.get("_id")): b for b in boxes}
    by_name: Dict[str, List[Mapping[str, Any]]] = {}
    for box in boxes:
        by_name.setdefault(str(box.get("name")), []).append(box)
    unknown_ids = [i for i in ids if str(i) not in by_id]
    if unknown_ids:
        raise ValidationError("ids: no set-top box has id %s (%d boxes exist, e.g. %s)" % (
            ", ".join(map(repr, unknown_ids)), len(boxes), ", ".join(repr(k) for k in list(by_id)[:5]) or "none"))
    unknown_names = [n for n in names if str(n) not in by_name]
    if unknown_names:
        raise ValidationError("names: no set-top box is named %s (e.g. %s)" % (
            ", ".join(map(repr, unknown_names)), ", ".join(repr(k) for k in sorted(by_name)[:5]) or "none"))
    wanted_ids = {str(i) for i in ids}
    wanted_names = {str(n) for n in names}
    wanted_tags = {str(t) for t in tags}
    return [b for b in boxes if str(b.get("_id")) in wanted_ids or str(b.get("name")) in wanted_names
            or wanted_tags.intersection(str(t) for t in b.get("tags") or [])]


def build_command(params: Mapping[str, Any], client: Optional[HmpClient]) -> Dict[str, Any]:
    """The command body HMP expects (confirmed shapes), from the module options.

    :param params: ``command`` plus ``volume`` (0.0-1.0), ``channel``/``channel_id``/``channel_type``,
        ``message_text``/``message_duration`` (milliseconds)/``message_color``/``message_blink``/``message_repeat``.
    :param client: used to resolve a channel name to its id (one list read); None in tests.
    :raises ValidationError: a missing or out-of-range parameter, an unknown channel name.
    """
    command = params["command"]
    if command not in COMMANDS:
        raise ValidationError("command: %r is not allowed; choose from %s" % (command, ", ".join(COMMANDS)))
    if command == "set-volume":
        volume = params.get("volume")
        if volume is None or not 0.0 <= float(volume) <= 1.0:
            raise ValidationError("volume: %r is not allowed; set-volume needs a level from 0.0 to 1.0" % (volume,))
        return {"command": command, "parameters": {"volume": float(volume)}}
    if command == "set-channel":
        channel_type = params.get("channel_type") or "source"
        if channel_type not in CHANNEL_TYPES:
            raise ValidationError("channel_type: %r is not allowed; choose from %s" % (channel_type, ", ".join(CHANNEL_TYPES)))
        ident = params.get("channel_id")
        name = params.get("channel")
        if not ident:
            if not name:
                raise ValidationError("set-channel needs channel (a name) or channel_id")
            if channel_type not in CHANNEL_KINDS:
                raise ValidationError("channel: a composition is given by channel_id (HMP documents no list of compositions)")
            ident = _channel_id(client, CHANNEL_KINDS[channel_type], str(name)) if client is not None else "<%s:%s>" % (channel_type, name)
        return {"command": command, "parameters": {"id": ident, "name": name, "type": CHANNEL_TYPES[channel_type]}}
    if command == "show-text-message":
        message = params.get("message_text")
        if not message:
            raise ValidationError("show-text-message needs message_text (the text to show)")
        duration = params.get("message_duration")
        if duration is None or int(duration) <= 0:
            raise ValidationError("message_duration: %r is not allowed; give milliseconds > 0" % (duration,))
        return {"command": command, "parameters": {
            "data": [{"message": message, "duration": int(duration), "color": params.get("message_color") or "#ffffff",
                      "blink": bool(params.get("message_blink"))}],
            "useFades": True, "repeat": params.get("message_repeat") if params.get("message_repeat") is not None else 1}}
    return {"command": command}


def _channel_id(client: HmpClient, kind: str, name: str) -> str:
    matches = [client.item_id(kind, o) for o in client.list_cached(kind) if client.item_name(kind, o) == name]
    if not matches:
        raise ValidationError("channel: no %s named %r exists on HMP" % (client.kind_labels.get(kind, kind[:-1]), name))
    if len(matches) > 1:
        raise ValidationError("channel: %d %ss are named %r (ids %s); give channel_id" % (
            len(matches), client.kind_labels.get(kind, kind[:-1]), name, ", ".join(matches)))
    return matches[0]


def already_done(box: Mapping[str, Any], body: Mapping[str, Any]) -> bool:
    """Whether the box already shows the command's effect (so sending it would change nothing)."""
    command = body["command"]
    parameters = body.get("parameters") or {}
    if command == "standby-on":
        return box.get("standby") is True
    if command == "standby-off":
        return box.get("standby") is False
    if command == "mute":
        return box.get("muted") is True
    if command == "unmute":
        return box.get("muted") is False
    if command == "set-volume":
        volume = box.get("volume")
        return isinstance(volume, (int, float)) and abs(float(volume) - float(parameters["volume"])) < 0.005
    if command == "set-channel":
        return str(box.get("channelId")) == str(parameters.get("id")) and box.get("channelType") == parameters.get("type")
    return False


def send_commands(client: HmpClient, boxes: Sequence[Mapping[str, Any]], body: Mapping[str, Any],
                  check_mode: bool, force: bool = False) -> Tuple[List[Dict[str, Any]], bool]:
    """Send ``body`` to each box (concurrently, bounded); in check mode nothing is sent.

    :returns: ``(results, changed)``; one result per box: ``{id, name, status, result, message}`` where
        ``result`` is ``sent``, ``would_send`` (check mode), ``unchanged`` (already so), ``offline`` (not
        Online/Standby, or HMP answered "Device stream not found") or ``failed``.
    """
    def one(box: Mapping[str, Any]) -> Dict[str, Any]:
        entry = {"id": box.get("_id"), "name": box.get("name"), "status": box.get("status")}
        if box.get("status") not in REACHABLE:
            entry.update(result="offline", message="the box is %s; HMP only sends commands to Online or Standby boxes "
                                                   "and does not queue them" % box.get("status"))
            return entry
        if not force and already_done(box, body):
            entry.update(result="unchanged", message="the box already shows this (%s)" % body["command"])
            return entry
        if check_mode:
            entry.update(result="would_send", message="check mode: not sent")
            return entry
        try:
            answer = client.data("POST", client.path("devices", box.get("_id"), "commands"), endpoint="stb_commands",
                                 json_body=dict(body))
        except ApiError as exc:
            offline = exc.status == 404 and "stream" in exc.message.lower()
            entry.update(result="offline" if offline else "failed", message=exc.message)
            return entry
        except BroadcastError as exc:
            entry.update(result="failed", message=exc.message)
            return entry
        status = answer.get("status") if isinstance(answer, dict) else None
        entry.update(result="sent" if status == "ok" else "failed",
                     message=(answer or {}).get("message") if isinstance(answer, dict) else str(answer))
        return entry

    results = client.run_concurrently([partial(one, box) for box in boxes])
    changed = any(r["result"] in ("sent", "would_send") for r in results)
    return results, changed
