# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Unit tests of plugins/module_utils/hmp/stb.py: box selection, command bodies, the "already so" checks, and
commands sent to the HMP simulator's set-top boxes."""

from __future__ import annotations

import pytest

from ansible_collections.broadcast.video.plugins.module_utils.errors import ApiError, ValidationError
from ansible_collections.broadcast.video.plugins.module_utils.hmp.client import HmpClient
from ansible_collections.broadcast.video.plugins.module_utils.hmp.stb import (
    CHANNEL_TYPES, COMMANDS, already_done, build_command, select_boxes, send_commands)

BOXES = [
    {"_id": "b1", "name": "Lobby 1", "tags": ["lobby"], "status": "Online"},
    {"_id": "b2", "name": "Lobby 2", "tags": ["lobby", "floor-1"], "status": "Standby"},
    {"_id": "b3", "name": "Board", "tags": ["boardroom"], "status": "Offline"},
    {"_id": "b4", "name": "Board", "tags": None, "status": "Online"},
    {"_id": "5", "name": "Numbered", "status": "Never"},
]


@pytest.fixture
def hmp(hmp_sim):
    clients = []

    def make(**extra):
        client = hmp_sim.track(HmpClient(hmp_sim.connection(**extra)))
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


# ---------------------------------------------------------------------------------------------- select_boxes
def ids(boxes):
    return [b["_id"] for b in boxes]


def test_select_boxes_by_id_name_or_tag_in_list_order():
    assert ids(select_boxes(BOXES, ["b3"], [], [])) == ["b3"]
    assert ids(select_boxes(BOXES, [], ["Board"], [])) == ["b3", "b4"]
    assert ids(select_boxes(BOXES, [], [], ["floor-1"])) == ["b2"]
    assert ids(select_boxes(BOXES, [], [], ["lobby", "boardroom"])) == ["b1", "b2", "b3"]
    assert ids(select_boxes(BOXES, ["b4", 5], ["Lobby 1"], ["floor-1"])) == ["b1", "b2", "b4", "5"]
    assert select_boxes(BOXES, [], [], ["nowhere"]) == []


def test_select_boxes_needs_a_selector():
    with pytest.raises(ValidationError, match=r"^give ids, names or tags to select the set-top boxes$"):
        select_boxes(BOXES, [], [], [])


def test_select_boxes_unknown_ids_and_names():
    with pytest.raises(ValidationError) as info:
        select_boxes(BOXES, ["b1", "nope", "zz"], [], [])
    assert str(info.value) == "ids: no set-top box has id 'nope', 'zz' (5 boxes exist, e.g. 'b1', 'b2', 'b3', 'b4', '5')"
    with pytest.raises(ValidationError) as info:
        select_boxes(BOXES, [], ["Lobby"], [])
    assert str(info.value) == ("names: no set-top box is named 'Lobby' (e.g. 'Board', 'Lobby 1', 'Lobby 2', "
                               "'Numbered')")
    with pytest.raises(ValidationError) as info:
        select_boxes([], ["x"], [], [])
    assert str(info.value) == "ids: no set-top box has id 'x' (0 boxes exist, e.g. none)"
    with pytest.raises(ValidationError, match=r"\(e\.g\. none\)$"):
        select_boxes([], [], ["x"], [])


# ---------------------------------------------------------------------------------------------- build_command
@pytest.mark.parametrize("command", ["standby-on", "standby-off", "reboot", "mute", "unmute"])
def test_build_simple_commands(command):
    assert build_command({"command": command, "volume": 0.5}, None) == {"command": command}


def test_build_unknown_command():
    with pytest.raises(ValidationError) as info:
        build_command({"command": "explode"}, None)
    assert str(info.value) == "command: 'explode' is not allowed; choose from %s" % ", ".join(COMMANDS)


@pytest.mark.parametrize("volume, expected", [(0, 0.0), (1, 1.0), (0.25, 0.25), ("0.5", 0.5)])
def test_build_set_volume(volume, expected):
    body = build_command({"command": "set-volume", "volume": volume}, None)
    assert body == {"command": "set-volume", "parameters": {"volume": expected}}
    assert isinstance(body["parameters"]["volume"], float)


@pytest.mark.parametrize("volume", [None, -0.01, 1.01, 50])
def test_build_set_volume_range(volume):
    with pytest.raises(ValidationError) as info:
        build_command({"command": "set-volume", "volume": volume}, None)
    assert str(info.value) == "volume: %r is not allowed; set-volume needs a level from 0.0 to 1.0" % (volume,)


def test_build_set_channel_by_id_and_types():
    assert build_command({"command": "set-channel", "channel_id": "abc"}, None) == {
        "command": "set-channel", "parameters": {"id": "abc", "name": None, "type": "source"}}
    for option, api in CHANNEL_TYPES.items():
        body = build_command({"command": "set-channel", "channel_id": "abc", "channel": "Shown", "channel_type": option}, None)
        assert body["parameters"] == {"id": "abc", "name": "Shown", "type": api}


def test_build_set_channel_offline_placeholder():
    body = build_command({"command": "set-channel", "channel": "Town Hall", "channel_type": "session"}, None)
    assert body["parameters"] == {"id": "<session:Town Hall>", "name": "Town Hall", "type": "session"}


@pytest.mark.parametrize("params, message", [
    ({}, "set-channel needs channel (a name) or channel_id"),
    ({"channel": ""}, "set-channel needs channel (a name) or channel_id"),
    ({"channel_id": "x", "channel_type": "tv"}, "channel_type: 'tv' is not allowed; choose from source, session, video, composition"),
    ({"channel": "Lobby Layout", "channel_type": "composition"},
     "channel: a composition is given by channel_id (HMP documents no list of compositions)"),
])
def test_build_set_channel_errors(params, message):
    with pytest.raises(ValidationError) as info:
        build_command(dict(params, command="set-channel"), None)
    assert str(info.value) == message


def test_build_set_channel_by_name_through_the_client(hmp, hmp_sim):
    client = hmp()
    sources = {s["name"]: s["id"] for s in client.list_items("sources")}
    body = build_command({"command": "set-channel", "channel": "Makito SRT"}, client)
    assert body["parameters"] == {"id": sources["Makito SRT"], "name": "Makito SRT", "type": "source"}
    video = build_command({"command": "set-channel", "channel": "Safety Training", "channel_type": "video"}, client)
    assert video["parameters"]["type"] == "asset"
    assert video["parameters"]["id"] == [v["id"] for v in client.list_items("videos") if v["title"] == "Safety Training"][0]
    session = build_command({"command": "set-channel", "channel": "Boardroom", "channel_type": "session"}, client)
    assert session["parameters"]["type"] == "session"
    build_command({"command": "set-channel", "channel": "Lobby Encoder"}, client)
    assert hmp_sim.count("GET", "/apis/sources") == 1  # one list read per kind


def test_build_set_channel_unknown_and_ambiguous_names(hmp, hmp_sim):
    client = hmp()
    with pytest.raises(ValidationError) as info:
        build_command({"command": "set-channel", "channel": "Nope", "channel_type": "session"}, client)
    assert str(info.value) == "channel: no session named 'Nope' exists on HMP"
    with pytest.raises(ValidationError) as info:
        build_command({"command": "set-channel", "channel": "Nope", "channel_type": "video"}, client)
    assert str(info.value) == "channel: no video named 'Nope' exists on HMP"
    first = hmp_sim.insert("assets", {"title": "Twin", "description": ""})
    second = hmp_sim.insert("assets", {"title": "Twin", "description": ""})
    client.forget("videos")
    with pytest.raises(ValidationError) as info:
        build_command({"command": "set-channel", "channel": "Twin", "channel_type": "video"}, client)
    assert str(info.value) == "channel: 2 videos are named 'Twin' (ids %s, %s); give channel_id" % (first["id"], second["id"])


def test_build_show_text_message():
    body = build_command({"command": "show-text-message", "message_text": "Fire drill", "message_duration": 5000}, None)
    assert body == {"command": "show-text-message", "parameters": {
        "data": [{"message": "Fire drill", "duration": 5000, "color": "#ffffff", "blink": False}],
        "useFades": True, "repeat": 1}}
    custom = build_command({"command": "show-text-message", "message_text": "m", "message_duration": "10",
                            "message_color": "#ff0000", "message_blink": True, "message_repeat": 0}, None)
    assert custom["parameters"] == {"data": [{"message": "m", "duration": 10, "color": "#ff0000", "blink": True}],
                                    "useFades": True, "repeat": 0}


@pytest.mark.parametrize("params, message", [
    ({"message_duration": 5}, "show-text-message needs message_text (the text to show)"),
    ({"message_text": "", "message_duration": 5}, "show-text-message needs message_text (the text to show)"),
    ({"message": "the old option name", "message_duration": 5}, "show-text-message needs message_text (the text to show)"),
    ({"message_text": "m"}, "message_duration: None is not allowed; give milliseconds > 0"),
    ({"message_text": "m", "message_duration": 0}, "message_duration: 0 is not allowed; give milliseconds > 0"),
    ({"message_text": "m", "message_duration": -5}, "message_duration: -5 is not allowed; give milliseconds > 0"),
])
def test_build_show_text_message_errors(params, message):
    with pytest.raises(ValidationError) as info:
        build_command(dict(params, command="show-text-message"), None)
    assert str(info.value) == message


# ---------------------------------------------------------------------------------------------- already_done
@pytest.mark.parametrize("box, body, expected", [
    ({"standby": True}, {"command": "standby-on"}, True),
    ({"standby": False}, {"command": "standby-on"}, False),
    ({}, {"command": "standby-on"}, False),
    ({"standby": False}, {"command": "standby-off"}, True),
    ({}, {"command": "standby-off"}, False),
    ({"muted": True}, {"command": "mute"}, True),
    ({"muted": False}, {"command": "mute"}, False),
    ({"muted": False}, {"command": "unmute"}, True),
    ({"muted": None}, {"command": "unmute"}, False),
    ({"volume": 0.5}, {"command": "set-volume", "parameters": {"volume": 0.5}}, True),
    ({"volume": 0.503}, {"command": "set-volume", "parameters": {"volume": 0.5}}, True),
    ({"volume": 0.51}, {"command": "set-volume", "parameters": {"volume": 0.5}}, False),
    ({"volume": 1}, {"command": "set-volume", "parameters": {"volume": 1.0}}, True),
    ({"volume": "0.5"}, {"command": "set-volume", "parameters": {"volume": 0.5}}, False),
    ({}, {"command": "set-volume", "parameters": {"volume": 0.5}}, False),
    ({"channelId": "c1", "channelType": "source"}, {"command": "set-channel", "parameters": {"id": "c1", "type": "source"}}, True),
    ({"channelId": "c1", "channelType": "asset"}, {"command": "set-channel", "parameters": {"id": "c1", "type": "source"}}, False),
    ({"channelId": "c2", "channelType": "source"}, {"command": "set-channel", "parameters": {"id": "c1", "type": "source"}}, False),
    ({"standby": False, "muted": False}, {"command": "reboot"}, False),
    ({}, {"command": "show-text-message", "parameters": {"data": []}}, False),
])
def test_already_done(box, body, expected):
    assert already_done(box, body) is expected


# ---------------------------------------------------------------------------------------------- send_commands
def boxes_by_status(client):
    result = {}
    for box in client.list_items("devices"):
        result.setdefault(box["status"], []).append(box)
    return result


def sim_commands(hmp_sim):
    return [(c["stbId"], c["command"]) for c in hmp_sim.state()["stb_commands"]]


def test_send_commands_per_box_results(hmp, hmp_sim):
    client = hmp(max_workers=4)
    status = boxes_by_status(client)
    online = [b for b in status["Online"] if not b["muted"]][:2]
    muted = [b for b in status["Online"] if b["muted"]][:1]
    standby = status["Standby"][:1]
    offline = [status["Offline"][0], status["Warning"][0], status["Never"][0]]
    boxes = online + muted + standby + offline
    results, changed = send_commands(client, boxes, {"command": "mute"}, check_mode=False)
    assert changed is True
    assert [(r["id"], r["result"]) for r in results] == (
        [(b["_id"], "sent") for b in online] + [(muted[0]["_id"], "unchanged")] + [(standby[0]["_id"], "sent")]
        + [(b["_id"], "offline") for b in offline])
    assert results[0] == {"id": online[0]["_id"], "name": online[0]["name"], "status": "Online", "result": "sent",
                          "message": "Successfully sent command to device"}
    assert results[2]["message"] == "the box already shows this (mute)"
    assert results[4]["message"] == ("the box is Offline; HMP only sends commands to Online or Standby boxes and does "
                                     "not queue them")
    assert sorted(sim_commands(hmp_sim)) == sorted((b["_id"], "mute") for b in online + standby)
    assert all(e["path"].endswith("/commands") for e in hmp_sim.requests_log() if e["method"] == "POST"
               and "stbs" in e["path"])


def test_send_commands_nothing_to_do_is_unchanged(hmp, hmp_sim):
    client = hmp()
    muted = [b for b in boxes_by_status(client)["Online"] if b["muted"]][:2]
    results, changed = send_commands(client, muted, {"command": "mute"}, check_mode=False)
    assert changed is False and {r["result"] for r in results} == {"unchanged"}
    forced, changed = send_commands(client, muted, {"command": "mute"}, check_mode=False, force=True)
    assert changed is True and {r["result"] for r in forced} == {"sent"}
    assert len(sim_commands(hmp_sim)) == 2


def test_send_commands_check_mode_sends_nothing(hmp, hmp_sim):
    client = hmp()
    status = boxes_by_status(client)
    boxes = [status["Online"][0], status["Offline"][0]]
    results, changed = send_commands(client, boxes, {"command": "reboot"}, check_mode=True)
    assert changed is True
    assert [(r["result"], r["message"][:11]) for r in results] == [("would_send", "check mode:"), ("offline", "the box is ")]
    assert sim_commands(hmp_sim) == []
    results, changed = send_commands(client, [status["Offline"][0]], {"command": "reboot"}, check_mode=True)
    assert changed is False


def test_device_stream_not_found_is_offline(hmp, hmp_sim):
    client = hmp()
    gone = dict(boxes_by_status(client)["Offline"][0], status="Online")  # our list says Online, HMP knows better
    results, changed = send_commands(client, [gone], {"command": "reboot"}, check_mode=False)
    assert changed is False
    assert results[0]["result"] == "offline" and "Device stream not found" in results[0]["message"]


def test_refused_commands_fail_per_box(hmp, hmp_sim):
    client = hmp()
    online = boxes_by_status(client)["Online"]
    bad_channel = {"command": "set-channel", "parameters": {"id": "no-such-source", "name": None, "type": "source"}}
    results, changed = send_commands(client, online[:1], bad_channel, check_mode=False)
    assert changed is False and results[0]["result"] == "failed"
    assert "HTTP 404" in results[0]["message"] and "Source not found" in results[0]["message"]
    unknown = {"_id": "NoSuchBox", "name": "Ghost", "status": "Online"}
    results, _changed = send_commands(client, [unknown], {"command": "reboot"}, check_mode=False)
    assert results[0]["result"] == "failed" and "Device not found" in results[0]["message"]
    loud = {"command": "set-volume", "parameters": {"volume": 2.0}}
    results, _changed = send_commands(client, online[1:2], loud, check_mode=False)
    assert results[0]["result"] == "failed" and "HTTP 400" in results[0]["message"]
    assert sim_commands(hmp_sim) == []


def test_transport_error_fails_the_box_not_the_run(hmp, hmp_sim):
    client = hmp()
    online = boxes_by_status(client)["Online"][:2]
    hmp_sim.fault(count=1, drop=True, methods=["POST"], path_prefix="/apis/devices/stbs/%s" % online[0]["_id"])
    results, changed = send_commands(client, online, {"command": "reboot"}, check_mode=False)
    assert [r["result"] for r in results] == ["failed", "sent"] and changed is True
    assert "cannot reach" in results[0]["message"]


@pytest.mark.parametrize("answer, message", [
    ({"status": "error", "message": "busy"}, "busy"),
    ({"status": "ok", "message": "done"}, "done"),
    ("weird", "weird"),
    (None, "None"),
    ({}, None),
])
def test_unexpected_command_answers(monkeypatch, answer, message):
    client = HmpClient({}, offline=True)
    sent = []
    monkeypatch.setattr(client, "data", lambda method, path, **kw: sent.append((method, path, kw)) or answer)
    results, changed = send_commands(client, [BOXES[0]], {"command": "reboot"}, check_mode=False)
    expected = "sent" if isinstance(answer, dict) and answer.get("status") == "ok" else "failed"
    assert results[0]["result"] == expected and results[0]["message"] == message and changed is (expected == "sent")
    assert sent == [("POST", "/apis/devices/stbs/b1/commands", {"endpoint": "stb_commands", "json_body": {"command": "reboot"}})]


def test_non_stream_404_is_a_failure(monkeypatch):
    client = HmpClient({}, offline=True)

    def refuse(method, path, **kwargs):
        raise ApiError("POST /x failed with HTTP 404: Device not found", status=404)

    monkeypatch.setattr(client, "data", refuse)
    results, _changed = send_commands(client, [BOXES[0]], {"command": "reboot"}, check_mode=False)
    assert results[0]["result"] == "failed"
