# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Unit tests of plugins/module_utils/hmp/facts.py against the HMP simulator: every subset, shared reads, secrets left
out, absent endpoints."""

from __future__ import annotations

import json

import pytest

from ansible_collections.broadcast.video.plugins.module_utils.errors import ApiError, ValidationError
from ansible_collections.broadcast.video.plugins.module_utils.hmp.client import HmpClient
from ansible_collections.broadcast.video.plugins.module_utils.hmp.facts import SECRET_FIELDS, SUBSETS, HmpFacts, _public


@pytest.fixture
def facts(hmp_sim):
    """``facts(**options) -> HmpFacts`` on the simulator; its client is closed after the test."""
    clients = []

    def make(**extra):
        client = hmp_sim.track(HmpClient(hmp_sim.connection(**extra)))
        clients.append(client)
        return HmpFacts(client)

    yield make
    for client in clients:
        client.close()


def gets(hmp_sim):
    return sorted(e["path"] for e in hmp_sim.requests_log() if e["method"] == "GET")


def test_public_drops_secret_fields_only_from_dicts():
    assert SECRET_FIELDS == ("passphrase", "adminPin")
    assert _public({"name": "s", "passphrase": "p", "adminPin": "0000"}) == {"name": "s"}
    assert _public("text") == "text" and _public(None) is None


def test_gather_all_reads_each_collection_once(facts, hmp_sim):
    gatherer = facts(max_workers=6)
    result = gatherer.gather(["all"])
    assert list(result) == list(SUBSETS) and gatherer.warnings == []
    paths = gets(hmp_sim)
    for path in ("/apis/sources", "/apis/sessions", "/apis/recordings", "/apis/assets", "/apis/streams",
                 "/apis/users/enabled", "/apis/groups/enabled", "/apis/categories", "/apis/devices/stbs",
                 "/apis/system/version"):
        assert paths.count(path) == 1, path
    assert len([p for p in paths if p.endswith("/events")]) == 3
    text = json.dumps(result)
    assert "rendezvous-secret" not in text and "passphrase" not in text
    assert "admin_pin" not in text and "adminPin" not in text


def test_system_users_groups_categories(facts):
    result = facts().gather(["system", "users", "groups", "categories"])
    assert result["system"] == {"version": "4.1.1", "build": "41127"}
    assert {u["username"] for u in result["users"]} == {"haiadmin", "infodev", "operator", "viewer"}
    assert "display_name" in result["users"][0] and "displayName" not in result["users"][0]
    assert [g["name"] for g in result["groups"]] == ["Administrators", "Operators", "Viewers"]
    assert result["categories"][0]["multiple_values"] is True and result["categories"][0]["custom_values"] == ["Minneapolis"]


def test_sources_without_passphrase(facts):
    sources = facts().gather(["sources"])["sources"]
    guest = [s for s in sources if s["name"] == "Remote Guest"][0]
    assert "passphrase" not in guest and guest["mode"] == "RENDEZVOUS" and guest["latency"] == 120
    assert "detected_features" in guest


def test_sessions_with_source_names_and_events(facts, hmp_sim):
    sessions = {s["title"]: s for s in facts().gather(["sessions"])["sessions"]}
    assert [s["name"] for s in sessions["Town Hall"]["sources"]] == ["Lobby Encoder", "Makito SRT"]
    assert all(s["id"] for s in sessions["Town Hall"]["sources"])
    (event,) = sessions["Town Hall"]["events"]
    assert event["type_data"] == {"days": ["MON", "WED", "FRI"]} and event["module_id"] == sessions["Town Hall"]["id"]
    assert sessions["Town Hall"]["recording"] is True and sessions["Town Hall"]["movie_track_count"] == 2
    assert len(sessions["Boardroom"]["events"]) == 1 and len(sessions["Studio A"]["events"]) == 1
    assert gets(hmp_sim).count("/apis/sessions") == 1


def test_session_with_unknown_source_and_no_events(facts, hmp_sim):
    hmp_sim.insert("sessions", {"title": "Odd", "sources": ["ghost-source"]})
    sessions = {s["title"]: s for s in facts().gather(["sessions"])["sessions"]}
    assert sessions["Odd"]["sources"] == [{"id": "ghost-source", "name": None}]
    assert sessions["Odd"]["events"] == []


def test_recordings_with_session_title_and_source_names(facts):
    (recording,) = facts().gather(["recordings"])["recordings"]
    assert recording["session_title"] == "Town Hall" and recording["state"] == "RECORDING"
    assert [r["source_name"] for r in recording["recorders"]] == ["Lobby Encoder", "Makito SRT"]


def test_recordings_tolerate_odd_recorders():
    client = HmpClient({}, offline=True)
    client.cached("sources", lambda: [{"id": "a", "name": "Cam A"}])
    client.cached("sessions", lambda: [])
    recorders = ["junk", {"source": "a"}, {"source": "x"}]
    client.cached("recordings", lambda: [{"id": "r", "session": "gone", "recorders": recorders}])
    (recording,) = HmpFacts(client).recordings()
    assert recording == {"id": "r", "session": "gone", "session_title": None, "recorders": [
        "junk", {"source": "a", "source_name": "Cam A"}, {"source": "x", "source_name": None}]}


def test_videos_and_streams_with_video_titles(facts, hmp_sim):
    result = facts().gather(["videos", "streams"])
    assert len(result["videos"]) == 5 and "movie_track_count" in result["videos"][0]
    titles = sorted(s["video_title"] for s in result["streams"])
    assert titles == ["Product Launch", "Quarterly Update"]
    multi = [s for s in result["streams"] if s["video_title"] == "Product Launch"][0]
    assert multi["destinations"][0]["track_id"] == 1 and multi["state"] == "paused"
    assert gets(hmp_sim).count("/apis/assets") == 1


def test_devices_id_and_no_admin_pin(facts):
    devices = facts().gather(["devices"])["devices"]
    assert len(devices) == 36
    assert all("id" in d and "_id" not in d and "admin_pin" not in d for d in devices)
    assert devices[0]["id"] and devices[0]["last_connected_at"] is not None


def test_empty_server_gives_empty_subsets(facts, hmp_sim):
    hmp_sim.control("POST", "reset", {"empty": True})
    gatherer = facts()
    result = gatherer.gather(["sources", "sessions", "recordings", "videos", "streams"])
    assert result == {"sources": [], "sessions": [], "recordings": [], "videos": [], "streams": []}
    assert gatherer.warnings == []


def test_exclusions_and_unknown_subsets(facts, hmp_sim):
    result = facts().gather(["!devices", "!users", "!groups", "!categories", "!sessions", "!recordings", "!videos",
                             "!streams", "!sources"])
    assert list(result) == ["system"]
    assert gets(hmp_sim) == ["/apis/system/version"]
    with pytest.raises(ValidationError, match="gather_subset: 'stbs' is not a subset"):
        facts().gather(["stbs"])


def test_absent_endpoints_are_empty_with_warnings(facts, hmp_sim):
    hmp_sim.fault(count=1, status=404, path_prefix="/apis/system/version")
    hmp_sim.fault(count=1, status=501, path_prefix="/apis/categories")
    gatherer = facts()
    result = gatherer.gather(["system", "categories", "groups"])
    assert result["system"] == {} and result["categories"] == [] and len(result["groups"]) == 3
    assert len(gatherer.warnings) == 2
    assert gatherer.warnings[0].startswith("subset categories: the device has no such endpoint (GET /apis/categories "
                                           "failed with HTTP 501")
    assert gatherer.warnings[1].startswith("subset system: the device has no such endpoint")


def test_other_errors_fail_the_gather(facts, hmp_sim):
    hmp_sim.fault(count=1, status=500, path_prefix="/apis/groups")
    with pytest.raises(ApiError) as info:
        facts().gather(["groups"])
    assert info.value.status == 500
