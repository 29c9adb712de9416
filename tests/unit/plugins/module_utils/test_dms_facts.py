# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Unit tests of plugins/module_utils/dms/facts.py against the DMS simulator: every subset, shared reads, display_key
and its fallbacks, target names, alarm order and retrieval, the endpoints table (counts, errors, switched-off
endpoints), and switched-off or absent endpoints giving empty subsets with warnings."""

from __future__ import annotations

import pytest

from ansible_collections.broadcast.video.plugins.module_utils.dms.client import DEFAULT_PATHS, DmsClient
from ansible_collections.broadcast.video.plugins.module_utils.dms.facts import (
    DISPLAY_KEYS, EMPTY, SUBSETS, DmsFacts, display_name)
from ansible_collections.broadcast.video.plugins.module_utils.errors import ApiError, ValidationError


@pytest.fixture
def facts(dms_sim):
    """``facts(display_key="id", alarm_retrieval="all", device_filters=None, **options) -> DmsFacts``."""
    clients = []

    def make(display_key="id", alarm_retrieval="all", device_filters=None, **extra):
        client = DmsClient(dms_sim.connection(**extra))
        clients.append(client)
        return DmsFacts(client, display_key=display_key, alarm_retrieval=alarm_retrieval, device_filters=device_filters)

    yield make
    for client in clients:
        client.close()


def gets(dms_sim):
    """``(path, query without paging)`` of every GET in the log, sorted."""
    return sorted((e["path"], tuple(sorted((k, v) for k, v in e["query"].items() if k not in ("page", "pageSize"))))
                  for e in dms_sim.requests_log() if e["method"] == "GET")


def by(items, key, value):
    (item,) = [i for i in items if i.get(key) == value]
    return item


DEVICE = {"id": "dev-1", "serialNumber": "PV1", "unitAddress": "000-1", "customDescription": "Lobby"}


@pytest.mark.parametrize("key, expected", [
    ("id", "dev-1"), ("serial_number", "PV1"), ("unit_address", "000-1"), ("custom_description", "Lobby"),
    ("bogus", "dev-1"),
])
def test_display_name(key, expected):
    assert display_name(DEVICE, key) == expected


def test_display_name_falls_back_to_the_id():
    assert display_name(dict(DEVICE, customDescription=""), "custom_description") == "dev-1"
    assert display_name(dict(DEVICE, serialNumber=None), "serial_number") == "dev-1"
    assert display_name({"id": "dev-2"}, "unit_address") == "dev-2"
    assert display_name({"id": 7, "serialNumber": 12}, "serial_number") == "12"


def test_constants():
    assert SUBSETS == ("system", "devices", "groups", "authorizations", "destinations", "alarms", "firmware", "endpoints")
    assert EMPTY == {"system": {}, "endpoints": {}}
    assert list(DISPLAY_KEYS) == ["id", "serial_number", "unit_address", "custom_description"]


def test_gather_all_reads_each_collection_once(facts, dms_sim):
    gatherer = facts()
    result = gatherer.gather(["all"])
    assert list(result) == list(SUBSETS) and gatherer.warnings == []
    assert gets(dms_sim) == sorted([
        ("/api/v1/alarms", (("state", "all"),)), ("/api/v1/authorizations", ()), ("/api/v1/destinations", ()),
        ("/api/v1/devices", ()), ("/api/v1/devices", (("id", "dev-000001"),)), ("/api/v1/firmware", ()),
        ("/api/v1/groups", ()), ("/api/v1/system", ())])
    assert dms_sim.count("POST", DEFAULT_PATHS["login"]) == 1
    assert result["endpoints"]["devices"] == {"path": "/api/v1/devices", "enabled": True, "calls": 2, "errors": 0}
    assert result["endpoints"]["groups"]["calls"] == 1 and result["endpoints"]["login"]["calls"] == 1
    assert result["endpoints"]["device_commands"] == {"path": "/api/v1/devices/commands", "enabled": True, "calls": 0,
                                                      "errors": 0}
    assert list(result["endpoints"]) == list(DEFAULT_PATHS)


def test_empty_gather_subset_means_all(facts):
    assert list(facts().gather([])) == list(SUBSETS)
    assert list(facts().gather(None)) == list(SUBSETS)


def test_system_and_small_subsets(facts, dms_sim):
    result = facts().gather(["system", "groups", "destinations", "firmware"])
    assert list(result) == ["system", "groups", "destinations", "firmware"]
    system = result["system"]
    assert set(system) == {"name", "version", "device_count", "online_count", "group_count", "server_time"}
    assert system["version"] == "11.4.0.0" and system["device_count"] == dms_sim.devices and system["group_count"] == 16
    hotels = by(result["groups"], "name", "hotels")
    assert hotels == {"id": "grp-0014", "name": "hotels", "description": "Hospitality sites (hotels, bars)",
                      "allow_schedule_authorization": True, "device_count": hotels["device_count"]}
    assert hotels["device_count"] > 0
    assert by(result["destinations"], "name", "monitoring-v6") == {
        "id": "dst-0004", "name": "monitoring-v6", "description": "", "address": "2001:db8::10", "port": 6000,
        "protocol": "udp", "enabled": True}
    assert result["firmware"][0] == {"version": "11.4.1.0", "models": ["ProView 8100", "ProView 8130", "XOS Edge"]}


def test_devices_with_display_name_and_group_names(facts, dms_sim):
    devices = facts().gather(["devices"])["devices"]
    assert [d["id"] for d in devices] == ["dev-%06d" % n for n in range(1, dms_sim.devices + 1)]
    five = by(devices, "id", "dev-000005")
    assert five["display_name"] == "dev-000005"
    assert five["group_names"] == ["region-mountain", "sports", "tier-basic"]
    assert five["groups"] == ["grp-0007", "grp-0011", "grp-0009"]
    assert {"serial_number", "unit_address", "firmware_version", "ip_address", "last_seen", "active_alarm_count",
            "custom_description", "allow_schedule_authorization"} <= set(five)
    assert "serialNumber" not in five


@pytest.mark.parametrize("key", ["serial_number", "unit_address", "custom_description"])
def test_display_key_and_its_fallback(facts, dms_sim, key):
    devices = facts(display_key=key).gather(["devices"])["devices"]
    for device in devices:
        assert device["display_name"] == (device[key] or device["id"])
    if key == "custom_description":
        assert by(devices, "id", "dev-000005")["display_name"] == "Sports bar Mountain 5"
        assert by(devices, "id", "dev-000002")["display_name"] == "dev-000002"


def test_unknown_and_missing_groups_of_a_device(facts, dms_sim):
    dms_sim.insert("devices", {"id": "dev-000002", "groups": ["grp-0014", "grp-0999"]})
    dms_sim.insert("devices", {"id": "dev-000003", "groups": None})
    devices = facts().gather(["devices"])["devices"]
    assert by(devices, "id", "dev-000002")["group_names"] == ["grp-0999", "hotels"]
    assert by(devices, "id", "dev-000003")["group_names"] == []


def test_device_filters_are_server_side(facts, dms_sim):
    devices = facts(device_filters={"region": "north", "status": "online"}).gather(["devices"])["devices"]
    assert devices and all(d["region"] == "north" and d["status"] == "online" for d in devices)
    assert ("/api/v1/devices", (("region", "north"), ("status", "online"))) in gets(dms_sim)


def test_authorizations_with_target_names(facts, dms_sim):
    dms_sim.insert("authorizations", {"name": "ghost", "targetType": "device", "targetId": "dev-999999"})
    dms_sim.insert("authorizations", {"name": "orphan", "targetType": "group", "targetId": "grp-0999"})
    sets = facts().gather(["authorizations"])["authorizations"]
    assert by(sets, "name", "sports-package")["target_name"] == "sports"
    lobby = by(sets, "name", "lobby-evening-news")
    assert lobby["target_name"] == "dev-000001" and lobby["target_type"] == "device"
    assert lobby["schedule"] == {"start_date": "2026-11-15", "end_date": "2027-03-31", "start_time": "17:00",
                                 "end_time": "20:00", "weekdays": ["MON", "TUE", "WED", "THU", "FRI"]}
    assert by(sets, "name", "news-package")["schedule"] is None
    assert by(sets, "name", "ghost")["target_name"] == "dev-999999"
    assert by(sets, "name", "orphan")["target_name"] == "grp-0999"
    # both device targets are read in one request by id
    assert [q for p, q in gets(dms_sim) if p == "/api/v1/devices"] == [(("id", "dev-000001,dev-999999"),)]


def test_authorization_device_target_uses_the_display_key(facts, dms_sim):
    dms_sim.insert("devices", {"id": "dev-000001", "customDescription": "Lobby screen"})
    sets = facts(display_key="custom_description").gather(["authorizations"])["authorizations"]
    assert by(sets, "name", "lobby-evening-news")["target_name"] == "Lobby screen"
    sets = facts(display_key="serial_number").gather(["authorizations"])["authorizations"]
    assert by(sets, "name", "lobby-evening-news")["target_name"].startswith("PV71")


def test_authorizations_without_device_targets_read_no_device(facts, dms_sim):
    dms_sim.control("DELETE", "items/authorizations/auth-0007")
    sets = facts().gather(["authorizations"])["authorizations"]
    assert len(sets) == 6 and all(s["target_type"] == "group" for s in sets)
    assert [p for p, _q in gets(dms_sim)] == ["/api/v1/authorizations", "/api/v1/groups"]


def test_alarms_newest_first_all_or_active(facts, dms_sim):
    dms_sim.insert("alarms", {"id": "alm-000900", "deviceId": "dev-000002", "raisedAt": 1800000000})
    dms_sim.insert("alarms", {"id": "alm-000800", "deviceId": "dev-000003", "raisedAt": 1800000000})
    dms_sim.insert("alarms", {"id": "alm-000700", "deviceId": "dev-000004", "raisedAt": None, "state": "cleared"})
    every = facts().gather(["alarms"])["alarms"]
    assert [a["id"] for a in every[:2]] == ["alm-000800", "alm-000900"]
    assert every[-1]["id"] == "alm-000700"
    times = [a["raised_at"] or 0 for a in every]
    assert times == sorted(times, reverse=True)
    assert {"device_id", "severity", "type", "message", "state", "raised_at", "cleared_at"} <= set(every[0])
    active = facts(alarm_retrieval="active").gather(["alarms"])["alarms"]
    assert active == [a for a in every if a["state"] == "active"] and len(active) < len(every)
    assert [q for p, q in gets(dms_sim) if p == "/api/v1/alarms"] == [(("state", "active"),), (("state", "all"),)]


def test_exclusions_and_unknown_subsets(facts, dms_sim):
    result = facts().gather(["all", "!devices", "!endpoints"])
    assert list(result) == ["system", "groups", "authorizations", "destinations", "alarms", "firmware"]
    assert list(facts().gather(["!alarms"])) == [s for s in SUBSETS if s != "alarms"]
    with pytest.raises(ValidationError, match=r"^gather_subset: 'channels' is not a subset"):
        facts().gather(["channels"])


def test_endpoints_alone_sends_nothing(facts, dms_sim):
    result = facts().gather(["endpoints"])
    assert list(result) == ["endpoints"]
    assert all(row["calls"] == 0 and row["errors"] == 0 and row["enabled"] for row in result["endpoints"].values())
    assert {key: row["path"] for key, row in result["endpoints"].items()} == DEFAULT_PATHS
    assert dms_sim.requests_log() == []


def test_endpoints_count_this_runs_requests_and_errors(facts, dms_sim):
    dms_sim.control("POST", "config", {"endpoint_absent": ["alarms"]})
    gatherer = facts()
    result = gatherer.gather(["groups", "alarms", "endpoints"])
    assert result["alarms"] == []
    assert gatherer.warnings == ["subset alarms: the device has no such endpoint (GET /api/v1/alarms failed with HTTP "
                                 "404 (device code NOT_FOUND): no such endpoint: GET /api/v1/alarms); returned empty"]
    rows = result["endpoints"]
    assert rows["alarms"] == {"path": "/api/v1/alarms", "enabled": True, "calls": 1, "errors": 1}
    assert rows["groups"]["calls"] == 1 and rows["login"]["calls"] == 1 and rows["system"]["calls"] == 0


def test_switched_off_endpoints_give_empty_subsets_and_are_never_requested(facts, dms_sim):
    gatherer = facts(endpoint_paths={"system": {"enabled": False}, "alarms": {"path": "/dms/alarms", "enabled": False},
                                     "firmware": {"path": "/api/v1/firmware"}})
    result = gatherer.gather(["all"])
    assert result["system"] == {} and result["alarms"] == [] and len(result["firmware"]) == 5
    assert gatherer.warnings == [
        "subset alarms: not read, its endpoint 'alarms' is switched off (endpoint_paths)",
        "subset system: not read, its endpoint 'system' is switched off (endpoint_paths)"]
    assert result["endpoints"]["alarms"] == {"path": "/dms/alarms", "enabled": False, "calls": 0, "errors": 0}
    assert result["endpoints"]["system"] == {"path": "/api/v1/system", "enabled": False, "calls": 0, "errors": 0}
    paths = {p for p, _q in gets(dms_sim)}
    assert "/api/v1/system" not in paths and "/api/v1/alarms" not in paths and "/dms/alarms" not in paths


def test_switched_off_groups_only_empties_the_groups_subset(facts, dms_sim):
    gatherer = facts(endpoint_paths={"groups": {"enabled": False}})
    result = gatherer.gather(["devices", "groups", "authorizations"])
    assert result["groups"] == []
    assert gatherer.warnings == ["subset groups: not read, its endpoint 'groups' is switched off (endpoint_paths)"]
    assert by(result["devices"], "id", "dev-000005")["group_names"] == ["grp-0007", "grp-0009", "grp-0011"]
    assert by(result["authorizations"], "name", "sports-package")["target_name"] == "grp-0011"
    assert "/api/v1/groups" not in {p for p, _q in gets(dms_sim)}


def test_absent_groups_only_empties_the_groups_subset(facts, dms_sim):
    dms_sim.control("POST", "config", {"endpoint_absent": ["groups"]})
    gatherer = facts()
    result = gatherer.gather(["devices", "groups", "authorizations"])
    assert result["groups"] == [] and len(gatherer.warnings) == 1
    assert gatherer.warnings[0].startswith("subset groups: the device has no such endpoint")
    assert by(result["devices"], "id", "dev-000005")["group_names"] == ["grp-0007", "grp-0009", "grp-0011"]
    assert by(result["authorizations"], "name", "news-package")["target_name"] == "grp-0012"


@pytest.mark.parametrize("switch", ["disabled", "absent"])
def test_switched_off_or_absent_devices_keep_the_authorizations(facts, dms_sim, switch):
    if switch == "absent":
        dms_sim.control("POST", "config", {"endpoint_absent": ["devices"]})
        gatherer = facts()
    else:
        gatherer = facts(endpoint_paths={"devices": {"enabled": False}})
    result = gatherer.gather(["devices", "authorizations"])
    assert result["devices"] == [] and len(gatherer.warnings) == 1
    assert gatherer.warnings[0].startswith("subset devices: ")
    assert by(result["authorizations"], "name", "lobby-evening-news")["target_name"] == "dev-000001"


@pytest.mark.parametrize("path, subset", [("/api/v1/groups", "devices"), ("/api/v1/devices", "authorizations")])
def test_other_errors_of_the_naming_reads_fail_the_gather(facts, dms_sim, path, subset):
    dms_sim.fault(count=1, status=500, path_prefix=path)
    with pytest.raises(ApiError) as info:
        facts().gather([subset])
    assert info.value.status == 500 and info.value.details["path"] == path
