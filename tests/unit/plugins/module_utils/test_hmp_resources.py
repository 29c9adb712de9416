# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Unit tests of plugins/module_utils/hmp/resources.py: time and day parsing, natural keys, validators, field maps,
and the specs run offline through the resource engine (``rendered``) and against an in-memory device."""

from __future__ import annotations

import copy

import pytest

from ansible_collections.broadcast.video.plugins.module_utils.errors import ValidationError
from ansible_collections.broadcast.video.plugins.module_utils.fields import References
from ansible_collections.broadcast.video.plugins.module_utils.hmp.client import HmpClient
from ansible_collections.broadcast.video.plugins.module_utils.hmp.resources import (
    DAYS, EVENT_FIELDS, EVENTS, MAX_SESSION_SOURCES, RECORDING_FIELDS, RECORDINGS, SESSIONS, SOURCE_FIELDS, SOURCES,
    STREAM_FIELDS, STREAMS, VIDEOS, _event_identity, _event_skeleton, _is_multicast, _normalize_event, _read_days,
    _stream_identity, _validate_event, _validate_session, _validate_source, _validate_stream, iso_utc, parse_days,
    parse_start_time)
from ansible_collections.broadcast.video.plugins.module_utils.resource import ResourceClient, ResourceEngine
from ansible_collections.broadcast.video.plugins.module_utils.transport import MASK

WHERE = "config[0]"
NOV_25 = 1795629600  # 2026-11-25T18:00:00Z


# ---------------------------------------------------------------------------------------------- start_time
@pytest.mark.parametrize("value, expected", [
    ("2026-11-25T18:00:00Z", NOV_25),
    ("2026-11-25T18:00:00z", NOV_25),
    (" 2026-11-25T18:00:00Z ", NOV_25),
    ("2026-11-25T18:00:00+00:00", NOV_25),
    ("2026-11-25T20:00:00+02:00", NOV_25),
    ("2026-11-25T13:00:00-05:00", NOV_25),
    ("2026-11-25T18:00:00", NOV_25),  # naive = UTC
    ("2026-11-25 18:00", NOV_25),
    ("2026-11-25T18:00:00.750Z", NOV_25),
    (NOV_25, NOV_25),
    (float(NOV_25) + 0.9, NOV_25),
    (str(NOV_25), NOV_25),
    (" %d " % NOV_25, NOV_25),
    (0, 0),
])
def test_parse_start_time(value, expected):
    assert parse_start_time(value, WHERE) == expected


@pytest.mark.parametrize("value", ["tomorrow", "2026-13-01T00:00:00Z", "", "-5", "1.5e9", [2026], True, False])
def test_parse_start_time_refuses_naming_start_time(value):
    with pytest.raises(ValidationError) as info:
        parse_start_time(value, "config[3]")
    message = str(info.value)
    assert message.startswith("config[3]: start_time %r is " % (value,))
    assert "not a time" in message if isinstance(value, bool) else \
        "neither ISO 8601 (2026-11-25T18:00:00Z) nor epoch seconds" in message


def test_iso_utc():
    assert iso_utc(NOV_25) == "2026-11-25T18:00:00Z"
    assert iso_utc("0") == "1970-01-01T00:00:00Z"


# ---------------------------------------------------------------------------------------------- days
@pytest.mark.parametrize("value, expected", [
    ("WED;FRI", ["WED", "FRI"]),
    ("wed,fri", ["WED", "FRI"]),
    ("fri; wed", ["WED", "FRI"]),
    (["FRI", "WED"], ["WED", "FRI"]),
    (("sun", "Mon"), ["MON", "SUN"]),
    (["Monday", "wednesday", "SUNDAY"], ["MON", "WED", "SUN"]),
    (["WED", "wed", "Wednesday"], ["WED"]),
    ("MON;TUE;WED;THU;FRI;SAT;SUN", list(DAYS)),
    ([], []),
])
def test_parse_days_week_order(value, expected):
    assert parse_days(value, WHERE) == expected


@pytest.mark.parametrize("value, bad", [("WED;FUN", "FUN"), (["MON", "Mondays"], "Mondays"),
                                        ([1], "1")])
def test_parse_days_unknown_day(value, bad):
    with pytest.raises(ValidationError) as info:
        parse_days(value, WHERE)
    assert str(info.value) == "config[0]: days: %r is not a day; allowed: MON, TUE, WED, THU, FRI, SAT, SUN" % bad


@pytest.mark.parametrize("value", [5, {"WED": True}, None])
def test_parse_days_wrong_type(value):
    with pytest.raises(ValidationError) as info:
        parse_days(value, WHERE)
    assert str(info.value) == 'config[0]: days must be a list such as [WED, FRI] or a string such as "WED;FRI"'


# ---------------------------------------------------------------------------------------------- events
def test_normalize_event():
    item = {"session": "Town Hall", "start_time": "2026-11-25T18:00:00Z", "days": "fri;wed"}
    result = _normalize_event(item, WHERE)
    assert result == {"session": "Town Hall", "start_time": NOV_25, "days": ["WED", "FRI"]}
    assert item["days"] == "fri;wed"  # the input is not changed
    assert _normalize_event({"session": "s", "start_time": 5}, WHERE) == {"session": "s", "start_time": 5}
    assert _normalize_event({"session": "s", "start_time": 5, "days": None}, WHERE)["days"] is None


def test_normalize_event_errors():
    with pytest.raises(ValidationError) as info:
        _normalize_event({"session": "s"}, "config[2]")
    assert str(info.value).startswith("config[2]: start_time is required: it is part of an event's natural key")
    with pytest.raises(ValidationError, match=r"^config\[0\]: days is empty; a weekly-recurring event needs at least one day$"):
        _normalize_event({"session": "s", "start_time": 1, "days": []}, WHERE)
    with pytest.raises(ValidationError, match="start_time 'soon'"):
        _normalize_event({"session": "s", "start_time": "soon"}, WHERE)


def test_event_identity():
    assert _event_identity({"session": "Town Hall", "start_time": NOV_25}) == "Town Hall @ 2026-11-25T18:00:00Z"
    assert _event_identity({"session": "Town Hall"}) is None
    assert _event_identity({"start_time": 1}) is None
    assert EVENTS.identity({"session": "S", "start_time": 0}) == "S @ 1970-01-01T00:00:00Z"


@pytest.mark.parametrize("item, message", [
    ({"type": "weekly-recurring"}, "config[0]: days is required for a weekly-recurring event (for example [WED, FRI] or "
                                   "\"WED;FRI\")"),
    ({"type": "weekly-recurring", "days": []}, "days is required"),
    ({"type": "one-time", "days": ["MON"]}, "config[0]: days is given but type is one-time; use type: weekly-recurring"),
    ({"type": "one-time", "duration": -1}, "config[0]: duration -1 is not allowed; give seconds >= 0"),
])
def test_validate_event_errors(item, message):
    with pytest.raises(ValidationError) as info:
        _validate_event(item, WHERE)
    assert message in str(info.value)


@pytest.mark.parametrize("item", [{"type": "one-time"}, {"type": "one-time", "duration": 0},
                                  {"type": "weekly-recurring", "days": ["MON"], "duration": 60}, {}])
def test_validate_event_ok(item):
    _validate_event(item, WHERE)


def test_event_fields_defaults_and_api_shape():
    one = EVENT_FIELDS.complete({"session": "s", "start_time": 5}, None)
    assert one == {"session": "s", "start_time": 5, "type": "one-time", "days": None, "duration": None,
                   "command": "set-live", "record": False, "active": True}
    weekly = EVENT_FIELDS.complete({"session": "s", "start_time": 5, "days": ["MON"], "command": "record"}, None)
    assert weekly["type"] == "weekly-recurring" and weekly["days"] == ["MON"] and weekly["record"] is None
    refs = References()
    refs.add("sessions", "s", "sid")
    assert EVENT_FIELDS.to_api(one, refs) == {"module": "session", "parameters": {"record": False}, "moduleId": "sid",
                                              "startTime": 5, "type": "one-time", "command": "set-live", "active": True}
    assert EVENT_FIELDS.to_api(weekly, refs) == {"module": "session", "moduleId": "sid", "startTime": 5,
                                                 "type": "weekly-recurring", "typeData": {"days": ["MON"]},
                                                 "command": "record", "active": True}
    assert _event_skeleton({"command": "record"}) == {"module": "session"}
    assert _event_skeleton({"command": "set-live"}) == {"module": "session", "parameters": {}}


def test_event_fields_read_days():
    refs = References()
    refs.add("sessions", "Town Hall", "sid")
    obj = {"moduleId": "sid", "startTime": 5, "type": "weekly-recurring", "typeData": {"days": ["fri", "MON", "XYZ"]},
           "command": "set-live", "parameters": {"record": True}, "active": True, "duration": 60}
    assert EVENT_FIELDS.from_api(obj, refs) == {"session": "Town Hall", "start_time": 5, "type": "weekly-recurring",
                                                "days": ["MON", "FRI"], "duration": 60, "command": "set-live",
                                                "record": True, "active": True}
    assert _read_days({"typeData": None}, refs) is None
    assert _read_days({"typeData": {"days": "MON"}}, refs) is None
    assert _read_days({}, refs) is None
    assert _read_days({"typeData": "MON"}, refs) is None


# ---------------------------------------------------------------------------------------------- sources
@pytest.mark.parametrize("host, expected", [("239.1.1.1", True), ("ff02::1", True), ("10.0.0.1", False),
                                            ("encoder.example.com", False), (None, False)])
def test_is_multicast(host, expected):
    assert _is_multicast(host) is expected


def test_source_defaults_follow_type_and_host():
    udp = SOURCE_FIELDS.complete({"name": "u", "type": "udp", "host": "239.1.1.1", "port": 5000}, None)
    assert udp["multicast"] is True and udp["continuous"] is False and udp["description"] == ""
    assert udp["mode"] is None and udp["latency"] is None and udp["passphrase"] is None
    unicast = SOURCE_FIELDS.complete({"name": "u", "type": "udp", "port": 5000}, None)
    assert unicast["multicast"] is False
    srt = SOURCE_FIELDS.complete({"name": "s", "type": "srt", "mode": "listener", "port": 9000}, None)
    assert srt["continuous"] is True and srt["latency"] == 20 and srt["multicast"] is None
    # merged: the device's values are kept, no default is computed
    kept = SOURCE_FIELDS.complete({"name": "s"}, {"name": "s", "type": "udp", "multicast": False, "continuous": True})
    assert kept["multicast"] is False and kept["continuous"] is True


def test_source_fields_api_shape_and_secret():
    item = SOURCE_FIELDS.complete({"name": "s", "type": "srt", "mode": "rendezvous", "host": "h", "port": 9000,
                                   "passphrase": "p4ss"}, None)
    body = SOURCE_FIELDS.to_api(item, References())
    assert body == {"name": "s", "type": "SRT", "host": "h", "port": 9000, "description": "", "continuous": True,
                    "mode": "RENDEZVOUS", "latency": 20, "passphrase": "p4ss"}
    back = SOURCE_FIELDS.from_api(dict(body, id="x"), References())
    assert back["type"] == "srt" and back["mode"] == "rendezvous" and back["passphrase"] is None


@pytest.mark.parametrize("item, message", [
    ({"type": "udp", "port": 70000}, "config[0]: port 70000 is not allowed; give 0 to 65535"),
    ({"type": "udp", "port": -1}, "port -1 is not allowed"),
    ({"type": "udp", "port": 5000, "multicast": True}, "config[0]: host (the multicast group) is required for a "
                                                       "multicast UDP source"),
    ({"type": "srt", "port": 1}, "config[0]: mode (caller, listener or rendezvous) is required for an SRT source"),
    ({"type": "srt", "port": 1, "mode": "caller"}, "config[0]: host is required for an SRT caller source"),
    ({"type": "srt", "port": 1, "mode": "rendezvous"}, "host is required for an SRT rendezvous source"),
    ({"type": "srt", "port": 1, "mode": "listener", "continuous": False},
     "config[0]: continuous: false is not possible for SRT sources (HMP forces true)"),
    ({"type": "srt", "port": 1, "mode": "listener", "latency": -5},
     "config[0]: latency -5 is not allowed; give milliseconds >= 0"),
])
def test_validate_source_errors(item, message):
    with pytest.raises(ValidationError) as info:
        _validate_source(item, WHERE)
    assert message in str(info.value)


@pytest.mark.parametrize("item", [
    {"type": "udp", "port": 0, "multicast": False},
    {"type": "udp", "port": 65535, "multicast": True, "host": "239.1.1.1"},
    {"type": "srt", "port": 1, "mode": "listener", "latency": 0, "continuous": True},
    {"type": "srt", "port": 1, "mode": "caller", "host": "h"},
    {"port": None},
])
def test_validate_source_ok(item):
    _validate_source(item, WHERE)


# ---------------------------------------------------------------------------------------------- sessions
def test_validate_session():
    _validate_session({"sources": ["a", "b", "c", "d"]}, WHERE)
    _validate_session({"sources": None}, WHERE)
    _validate_session({}, WHERE)
    with pytest.raises(ValidationError) as info:
        _validate_session({"sources": ["a", "b", "c", "d", "e"]}, WHERE)
    assert str(info.value) == "config[0]: sources: 5 given, an HMP session holds at most %d" % MAX_SESSION_SOURCES
    with pytest.raises(ValidationError) as info:
        _validate_session({"sources": ["a", "b", "a"]}, WHERE)
    assert str(info.value) == "config[0]: sources: each source can be in a session once, got ['a', 'b', 'a']"


def test_session_spec():
    assert SESSIONS.key == "title" and SESSIONS.identity({"title": "T"}) == "T"
    expected = {"title": "T", "description": "", "live": False, "sync_record": False, "sources": []}
    assert SESSIONS.fields.complete({"title": "T"}, None) == expected


# ---------------------------------------------------------------------------------------------- recordings
def test_recording_fields_read_and_write_recorders():
    refs = References()
    refs.add_table("sources", [("Cam A", "a"), ("Cam B", "b")])
    refs.add_table("sessions", [("One", "s1")])
    obj = {"session": "s1", "state": "PAUSED", "recorders": [{"source": "b"}, "junk", {"source": "zz"}]}
    assert RECORDING_FIELDS.from_api(obj, refs) == {"session": "One", "sources": ["Cam B", "zz"], "status": "paused"}
    assert RECORDING_FIELDS.from_api({"session": "s1", "recorders": None}, refs)["sources"] is None
    item = RECORDING_FIELDS.complete({"session": "One", "sources": ["Cam A"]}, None)
    assert RECORDING_FIELDS.to_api(item, refs) == {"session": "s1", "recorders": [{"source": "a"}], "state": "RECORDING"}
    with pytest.raises(ValidationError) as info:
        RECORDING_FIELDS.to_api({"session": "One", "sources": ["Cam A", "Nope"]}, refs, where=WHERE)
    assert str(info.value).startswith("config[0].sources[1]: ")
    assert RECORDINGS.key == "session"


# ---------------------------------------------------------------------------------------------- streams
def test_stream_identity():
    assert _stream_identity({"video": "V", "address": "239.1.1.1", "port": 5000}) == "V -> 239.1.1.1:5000"
    assert _stream_identity({"video": None, "address": "a", "port": 1}) is None
    item = {"video": "V", "destinations": [{"track_id": 2, "address": "239.0.0.2", "port": 2},
                                           {"track_id": 1, "address": "239.0.0.1", "port": 1}]}
    assert _stream_identity(item) == "V -> track 1 239.0.0.1:1, track 2 239.0.0.2:2"
    assert STREAMS.identity(item) == _stream_identity(item)


@pytest.mark.parametrize("item, message", [
    ({"address": "a"}, "config[0]: give address and port, or destinations (one per track) for a multi-source video"),
    ({"port": 1}, "give address and port, or destinations"),
    ({"address": "a", "destinations": [{"track_id": 1, "address": "b", "port": 1}]},
     "config[0]: give either address and port, or destinations, not both"),
    ({"port": 5, "destinations": [{"track_id": 1, "address": "b", "port": 1}]}, "not both"),
    ({"address": "a", "port": 65536}, "config[0]: port 65536 is not allowed; give 0 to 65535"),
    ({"destinations": [{"port": 1}, {"port": 70000}]},
     "config[0]: port 70000 is not allowed; give 0 to 65535 (destinations[1])"),
])
def test_validate_stream_errors(item, message):
    with pytest.raises(ValidationError) as info:
        _validate_stream(item, WHERE)
    assert message in str(info.value)
    if message.startswith("config[0]: port 65536"):
        assert str(info.value).endswith("65535")  # no "(destinations[...])" for the top-level port


@pytest.mark.parametrize("item", [{"address": "a", "port": 0},
                                  {"destinations": [{"track_id": 1, "address": "a", "port": 65535}, {"port": None}]}])
def test_validate_stream_ok(item):
    _validate_stream(item, WHERE)


def test_stream_fields_multi_source_reads_destinations_only():
    refs = References()
    refs.add("videos", "Launch", "v1")
    multi = {"asset": "v1", "address": "multiple", "port": 0, "state": "paused",
             "destinations": [{"trackId": 1, "address": "239.0.0.1", "port": 1}]}
    assert STREAM_FIELDS.from_api(multi, refs) == {"video": "Launch", "address": None, "port": None, "status": "paused",
                                                   "destinations": [{"track_id": 1, "address": "239.0.0.1", "port": 1}]}
    single = {"asset": "v1", "address": "239.0.0.9", "port": 9, "state": "playing"}
    assert STREAM_FIELDS.from_api(single, refs) == {"video": "Launch", "address": "239.0.0.9", "port": 9,
                                                    "destinations": None, "status": "playing"}


def test_videos_cannot_be_created():
    assert VIDEOS.create_error.startswith("no such video: HMP makes videos from recordings")
    assert VIDEOS.key == "title"


# ---------------------------------------------------------------------------------------------- through the engine
class Device(ResourceClient):
    """An in-memory HMP: lists by kind, records writes (HmpClient's naming and planning rules)."""

    def __init__(self, data):
        self.data = copy.deepcopy(data)
        self.hmp = HmpClient({}, offline=True)
        self.writes = []
        self.kind_labels = self.hmp.kind_labels

    def list_items(self, kind):
        return copy.deepcopy(self.data.get(kind, []))

    def item_id(self, kind, obj):
        return self.hmp.item_id(kind, obj)

    def item_name(self, kind, obj):
        return self.hmp.item_name(kind, obj)

    def create_item(self, kind, body):
        self.writes.append(("create", kind, body))
        return body

    def update_item(self, kind, ident, body, current=None):
        self.writes.append(("update", kind, ident, body))
        return body

    def delete_item(self, kind, ident, current=None):
        self.writes.append(("delete", kind, ident))

    def write_request(self, kind, operation, ident):
        return self.hmp.write_request(kind, operation, ident)

    def planned_requests(self, kind, operation):
        return self.hmp.planned_requests(kind, operation)

    def wire_body(self, kind, body):
        return self.hmp.wire_body(kind, body)


DATA = {
    "sessions": [{"id": "s1", "title": "Town Hall", "description": "", "active": True, "syncrecord": False,
                  "sources": ["a"]}],
    "sources": [{"id": "a", "name": "Cam A", "type": "UDP", "host": "239.1.1.1", "port": 5000, "multicast": True,
                 "description": "", "continuous": False}],
    "events": [
        {"id": "e1", "moduleId": "s1", "module": "session", "startTime": NOV_25, "type": "weekly-recurring",
         "typeData": {"days": ["WED", "FRI"]}, "command": "record", "active": True, "duration": 3600},
        {"id": "e2", "moduleId": "s1", "module": "session", "startTime": NOV_25 + 3600, "type": "one-time",
         "command": "record", "active": False},
    ],
    "videos": [{"id": "v1", "title": "Launch", "description": ""}],
    "streams": [{"id": "st1", "asset": "v1", "address": "239.0.0.9", "port": 9, "state": "playing"}],
}


def run(state, config, spec):
    device = Device(DATA)
    return ResourceEngine(device, spec).run(state, config), device


def test_events_match_by_session_and_start_time_in_any_spelling():
    config = [{"session": "Town Hall", "start_time": "2026-11-25T13:00:00-05:00", "days": "fri;wed", "command": "record",
               "duration": 3600}]
    result, device = run("merged", config, EVENTS)
    assert result["changed"] is False and device.writes == []
    assert result["before"][0]["days"] == ["WED", "FRI"]


def test_events_new_start_time_is_a_new_event():
    result, device = run("merged", [{"session": "Town Hall", "start_time": NOV_25 + 60}], EVENTS)
    (write,) = device.writes
    assert write[0] == "create" and write[2]["moduleId"] == "s1" and write[2]["startTime"] == NOV_25 + 60
    assert result["requests"] == [{"method": "POST", "path": "/apis/sessions/s1/events",
                                   "item": "Town Hall @ 2026-11-25T18:01:00Z", "operation": "create"}]


def test_events_deleted_skips_inactive_and_deactivates_active():
    config = [{"session": "Town Hall", "start_time": NOV_25}, {"session": "Town Hall", "start_time": NOV_25 + 3600}]
    result, device = run("deleted", config, EVENTS)
    assert device.writes == [("delete", "events", "e1")]
    assert result["requests"] == [{"method": "PUT", "path": "/apis/sessions/s1/events/e1",
                                   "item": "Town Hall @ 2026-11-25T18:00:00Z", "operation": "delete"}]


def test_events_rendered_offline():
    result, _device = run("rendered", [{"session": "Town Hall", "start_time": "2026-11-25T18:00:00Z", "days": ["WED"]}],
                          EVENTS)
    (entry,) = result["rendered"]
    assert entry["method"] == "POST" and entry["path"] == "/apis/sessions/<sessions:Town Hall>/events"
    assert entry["body"] == {"module": "session", "startTime": NOV_25, "type": "weekly-recurring",
                             "typeData": {"days": ["WED"]}, "command": "set-live", "parameters": {"record": False},
                             "active": True}


def test_events_missing_start_time_refused_before_reading():
    with pytest.raises(ValidationError, match=r"^config\[0\]: start_time is required"):
        run("merged", [{"session": "Town Hall"}], EVENTS)


def test_sources_rendered_mask_the_passphrase():
    config = [{"name": "Guest", "type": "srt", "mode": "rendezvous", "host": "203.0.113.5", "port": 9000,
               "passphrase": "very-secret-phrase"}]
    result, _device = run("rendered", config, SOURCES)
    (entry,) = result["rendered"]
    assert entry == {"method": "POST", "path": "/apis/sources", "body": {
        "name": "Guest", "type": "SRT", "host": "203.0.113.5", "port": 9000, "description": "", "continuous": True,
        "mode": "RENDEZVOUS", "latency": 20, "passphrase": MASK}}
    assert "very-secret-phrase" not in repr(result)


def test_sessions_rendered_lists_the_source_requests():
    result, _device = run("rendered", [{"title": "New", "sources": ["Cam A", "Cam B"]}], SESSIONS)
    (entry,) = result["rendered"]
    assert entry["path"] == "/apis/sessions"
    assert entry["body"] == {"title": "New", "description": "", "active": False, "syncrecord": False}
    assert entry["then"] == [
        {"method": "POST", "path": "/apis/sessions/<new session>/sources", "body": {"sourceId": "<sources:Cam A>"}},
        {"method": "POST", "path": "/apis/sessions/<new session>/sources", "body": {"sourceId": "<sources:Cam B>"}}]


def test_parse_days_skips_empty_parts_of_the_string_form():
    assert parse_days("WED;;FRI;", "config[0]") == ["WED", "FRI"]


def test_streams_and_videos_through_the_engine():
    result, device = run("merged", [{"video": "Launch", "address": "239.0.0.9", "port": 9, "status": "paused"}], STREAMS)
    assert device.writes == [("update", "streams", "st1", {"id": "st1", "asset": "v1", "address": "239.0.0.9", "port": 9,
                                                           "state": "paused"})]
    assert result["requests"][0]["path"] == "/apis/streams/st1"
    with pytest.raises(ValidationError) as info:
        run("merged", [{"title": "Not There"}], VIDEOS)
    assert str(info.value).startswith("config[0] (video 'Not There'): no such video: HMP makes videos from recordings")
    result, device = run("merged", [{"title": "Launch", "description": "new"}], VIDEOS)
    assert device.writes == [("update", "videos", "v1", {"id": "v1", "title": "Launch", "description": "new"})]
    with pytest.raises(ValidationError) as info:
        run("rendered", [{"title": "Launch"}], VIDEOS)
    assert str(info.value).startswith("config[0] (video 'Launch'): state=rendered shows create requests, and no such video")


def test_videos_rename_with_new_title():
    result, device = run("merged", [{"title": "Launch", "new_title": "Launch 2026"}], VIDEOS)
    assert device.writes == [("update", "videos", "v1", {"id": "v1", "title": "Launch 2026", "description": ""})]
    assert result["after"] == [{"title": "Launch 2026", "description": ""}]
    renamed = copy.deepcopy(DATA)
    renamed["videos"][0]["title"] = "Launch 2026"
    device = Device(renamed)
    again = ResourceEngine(device, VIDEOS).run("merged", [{"title": "Launch", "new_title": "Launch 2026"}])
    assert again["changed"] is False and device.writes == []


def test_start_time_before_1970_is_refused_before_any_write():
    for value in (-5, "1969-12-31T23:59:59Z"):
        with pytest.raises(ValidationError) as info:
            parse_start_time(value, "config[1]")
        assert str(info.value).startswith("config[1]: start_time") and "before 1970" in str(info.value)


def test_unicast_udp_and_srt_listener_sources_default_to_every_interface():
    from ansible_collections.broadcast.video.plugins.module_utils.hmp.resources import SOURCE_FIELDS
    assert SOURCE_FIELDS.complete({"name": "u", "type": "udp", "port": 5004}, None)["host"] == "0.0.0.0"
    assert SOURCE_FIELDS.complete({"name": "l", "type": "srt", "mode": "listener", "port": 7001}, None)["host"] == "0.0.0.0"
    assert SOURCE_FIELDS.complete({"name": "c", "type": "srt", "mode": "caller", "port": 7001}, None)["host"] is None
    multicast = SOURCE_FIELDS.complete({"name": "m", "type": "udp", "host": "239.1.1.1", "port": 5000}, None)
    assert multicast["host"] == "239.1.1.1" and multicast["multicast"] is True
