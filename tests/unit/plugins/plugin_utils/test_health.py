# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Unit tests of plugins/plugin_utils/health.py: every rule at, below and above its threshold, the tables (order,
cap, cell formats), the statuses, the unreachable result and the input checks. The facts have the shapes the facts
modules return (captured from the simulators and trimmed). The role against the simulators:
tests/integration/targets/role_health."""

from __future__ import annotations

import copy
import math

import pytest

from ansible_collections.broadcast.video.plugins.plugin_utils import health
from ansible_collections.broadcast.video.plugins.plugin_utils.health import (
    DEFAULT_THRESHOLDS, RULES, check_severities, check_thresholds, evaluate, status_of)

# --------------------------------------------------------------------------------------------------- facts
VOS = {
    "services": [
        {"name": "news.tv", "control_state": "activated", "profile": "dfw.1080 2",
         "sources": [{"name": "news.backup", "rank": 2}, {"name": "news.main", "rank": 1}],
         "destinations": ["news.origin"], "id": "s1"},
        {"name": "movies.tv", "control_state": "off", "profile": "dfw.720 3", "sources": [{"name": "movies.main"}],
         "destinations": ["movies.ats"], "id": "s2"},
    ],
    "sources": [
        {"name": "news.main", "inputs": [{"rank": 1, "type": "zixi", "cloud_link_group": "GROUP-B",
                                          "ip_address": "232.1.0.1", "ip_port": 5000}]},
        {"name": "news.backup", "inputs": [{"rank": 1, "type": "zixi", "cloud_link_group": "GROUP-A",
                                            "ip_address": "232.1.0.2", "ip_port": 5000}]},
        {"name": "movies.main", "inputs": [{"rank": 1, "type": "slate", "slate_type": "signal_loss"}]},
    ],
    "destinations": [
        {"name": "news.origin", "type": "origin", "outputs": [{"rank": 1, "type": "origin", "end_points": [
            {"packaging": "hls", "hostname": "origin.example", "port": 80, "path": "HLS"}]}]},
        {"name": "movies.ats", "type": "ats", "outputs": [{"rank": 1, "type": "cloudlink",
                                                           "cloud_link_group": "GROUP-A"}]},
    ],
    "cloud_links": {
        "uplinks": [{"name": "link-01", "group": "GROUP-A", "state": "CONNECTED", "ip_address": "10.0.0.1",
                     "version": "2.4"},
                    {"name": "link-02", "group": "GROUP-B", "state": "LOST", "ip_address": "10.0.0.2",
                     "version": "2.4"}],
        "groups": [{"name": "GROUP-A", "uplinks": ["link-01"]}, {"name": "GROUP-B", "uplinks": ["link-02"]}],
        "lost": 1,
    },
    "nodes": [],
    "notifications": {
        "items": [
            {"severity": "MAJOR", "state": "ACTIVE", "title": "Input signal loss", "channel_name": "news.tv",
             "object_name": "news.main", "creation_time": 1795239552724},
            {"severity": "CRITICAL", "state": "ACTIVE", "title": "CloudLink connection lost", "channel_name": "",
             "object_name": "link-02", "creation_time": 1795239492724},
            {"severity": "CRITICAL", "state": "CLEARED", "title": "Old", "creation_time": 1795139492724},
            {"severity": "MINOR", "state": "ACTIVE", "type": "POD_HIGH_CPU", "creation_time": None},
            "not a notification",
        ],
        "active_critical": 1,
    },
}

HMP = {
    "devices": [
        {"id": "b1", "name": "Lobby 1", "status": "Online", "tags": ["lobby"], "ip": "10.50.0.2"},
        {"id": "b2", "name": "Floor 2", "status": "Offline", "status_details": "Not connected for 3 days.",
         "tags": ["floor-2"], "last_connection": "3d", "ip": "10.50.0.12"},
        {"id": "b3", "name": "Board", "status": "Standby", "tags": []},
        {"id": "b4", "name": "Never 1", "status": "Never", "tags": [], "ip": ""},
        {"id": "b5", "name": "Warn 1", "status": "Warning", "tags": ["floor-1", "lobby"], "last_connection": "2m"},
        {"id": "b6", "status": "Offline"},
    ],
    "recordings": [
        {"id": "r1", "title": "Town Hall - 11/21/2026", "session_title": "Town Hall", "state": "RECORDING",
         "duration": 48.881, "recorders": [{"source_name": "Lobby Encoder", "state": "RECORDING"},
                                           {"source": "src-2", "state": "RECORDING"}]},
        {"id": "r2", "title": "Studio A - failed", "session_title": "Studio A", "state": "ERROR", "duration": 12,
         "recorders": [{"source_name": "Camera", "state": "ERROR"}]},
        {"id": "r3", "session_title": "Boardroom", "state": "RECORDING", "duration": True,
         "recorders": [{"source_name": "Board Cam", "state": "error"}, "junk"]},
        {"id": "r4", "title": "Paused", "state": "PAUSED", "duration": "n/a"},
    ],
}

DMS = {
    "system": {"name": "DMS", "device_count": 200, "online_count": 183},
    "devices": [
        {"id": "dev-000001", "display_name": "Lobby North", "model": "ProView 7100", "region": "coastal",
         "location": "", "status": "offline", "last_seen": 1792381399, "active_alarm_count": 1},
        {"id": "dev-000117", "model": "ProView 8130", "region": "islands", "status": "offline",
         "last_seen": 1792000000, "active_alarm_count": 0},
        {"id": "dev-000002", "status": "online", "last_seen": 1793491100},
    ],
    "alarms": [
        {"id": "alm-2", "device_id": "dev-000058", "severity": "critical", "type": "FAN_FAILURE",
         "message": "Fan 2 stopped", "state": "active", "raised_at": 1793400000},
        {"id": "alm-1", "device_id": "dev-000044", "severity": "warning", "type": "HIGH_TEMPERATURE",
         "message": "Chassis temperature above 55 C", "state": "active", "raised_at": 1793465694},
        {"id": "alm-3", "device_id": "dev-000001", "severity": "major", "type": "SIGNAL_LOSS", "message": "Lost",
         "raised_at": 1793300000},
        {"id": "alm-4", "device_id": "dev-000009", "severity": "critical", "type": "OLD", "state": "cleared",
         "raised_at": 1790000000},
    ],
}

ELECTRA = {
    "jobs": [
        {"index": 1, "name": "news-0001", "display_name": "news-0001", "status": "running", "alarm_state": "normal",
         "node": 1, "node_name": "xt-node-01", "workflow": "Live HD"},
        {"index": 3, "name": "movies-0003", "display_name": "Movies 1 HD", "status": "failed",
         "alarm_state": "critical", "node": 3, "node_name": "xt-node-03", "workflow": "Live HEVC"},
        {"index": 11, "name": "series-0011", "status": "stopped", "alarm_state": "major", "node": 2,
         "workflow": "Live HD"},
        {"index": 12, "status": "running"},
    ],
    "nodes": [
        {"index": 1, "name": "xt-node-01", "role": "master", "status": "up", "address": "10.40.1.11",
         "cpu_load": 50, "capacity": 8, "job_count": 4},
        {"index": 2, "name": "xt-node-02", "role": "masterisable", "status": "down", "address": "10.40.1.12",
         "cpu_load": 0, "capacity": 8, "job_count": 4},
        {"index": 3, "role": "standard", "status": "degraded", "cpu_load": None, "capacity": 8, "job_count": 4},
        {"index": 4, "name": "xt-node-04"},
    ],
    "alarms": [
        {"index": 1, "severity": "major", "text": "job series-0011 stopped", "job": 11, "raised_at": "2026-11-21T00:06"},
        {"index": 2, "severity": "critical", "text": "job movies-0003 failed", "job": 3, "raised_at": "2026-11-21T00:41"},
        {"index": 3, "severity": "minor", "text": "job movies-0003 cc errors", "job": 3, "raised_at": "2026-11-21T05:18"},
        {"index": 4, "severity": "warning", "text": "node xt-node-01: NTP unreachable", "job": 0},
    ],
}


def finding(result, rule):
    return next(f for f in result["findings"] if f["rule"] == rule)


def table(result, title):
    return next(t for t in result["tables"] if t["title"] == title)


# --------------------------------------------------------------------------------------------------- VOS
def test_vos_rules_tables_and_topology():
    result = evaluate(copy.deepcopy(VOS), "vos", "vos-a")
    assert result["device"] == "vos-a" and result["integration"] == "vos"
    assert result["status"] == "critical"
    assert finding(result, "vos_critical_notifications") == {
        "rule": "vos_critical_notifications", "value": 1, "threshold": 0, "crossed": True, "severity": "critical",
        "message": "1 critical notification active: CloudLink connection lost"}
    assert finding(result, "vos_lost_cloud_links")["message"] == "1 cloud link lost: link-02"
    assert result["summary"] == {"services": 2, "activated": 1, "cloud links": 2, "lost": 1,
                                 "active notifications": 3, "active critical": 1}
    services = table(result, "Services")
    assert services["columns"] == ["Service", "Control state", "Health", "Why", "Profile", "Sources", "Destinations"]
    # the worst first; sources in rank order (a missing rank last)
    assert [row[0] for row in services["rows"]] == ["news.tv", "movies.tv"]
    assert services["rows"][0][2] == "warning" and "backup" in services["rows"][0][3]  # the main source's link is lost
    assert services["rows"][0][5] == "news.main, news.backup"
    assert services["rows"][1][1:3] == ["off", "off"]
    links = table(result, "Cloud links")
    assert links["rows"][0] == ["link-02", "GROUP-B", "LOST", "10.0.0.2", "2.4"]
    notes = table(result, "Active notifications")
    assert [row[0] for row in notes["rows"]] == ["CRITICAL", "MAJOR", "MINOR"]
    assert notes["rows"][0][4] == "2026-11-21 05:38 UTC"
    assert notes["rows"][2][1] == "POD_HIGH_CPU" and notes["rows"][2][4] == ""
    assert [t["service"] for t in result["topology"]] == ["movies.tv", "news.tv"]
    assert all(t["svg"].startswith("<svg") for t in result["topology"])


def test_vos_healthy_at_threshold_and_without_topology_state(monkeypatch):
    facts = copy.deepcopy(VOS)
    facts["notifications"]["items"] = []
    facts["cloud_links"]["uplinks"][1]["state"] = "CONNECTED"
    monkeypatch.setattr(health, "service_topologies", lambda vos: [])
    result = evaluate(facts, "vos", "vos-a")
    assert result["status"] == "ok" and result["topology"] == []
    assert finding(result, "vos_critical_notifications")["message"] == "0 critical notifications active"
    assert finding(result, "vos_lost_cloud_links")["message"] == "0 cloud links lost"
    assert [row[2] for row in table(result, "Services")["rows"]] == ["", ""]
    # value == threshold is not crossed
    result = evaluate(copy.deepcopy(VOS), "vos", "vos-a", {"vos_critical_notifications": 1, "vos_lost_cloud_links": 1})
    assert result["status"] == "ok" and not any(f["crossed"] for f in result["findings"])


def test_vos_missing_subset_names_it():
    facts = copy.deepcopy(VOS)
    del facts["notifications"]
    with pytest.raises(ValueError, match=r"vos facts have no 'notifications' subset \(missing\): gather it with "
                                         r"broadcast.video.vos_facts gather_subset including notifications"):
        evaluate(facts, "vos", "vos-a")
    facts = copy.deepcopy(VOS)
    facts["services"] = {}
    with pytest.raises(ValueError, match=r"'services' subset \(not a list\)"):
        evaluate(facts, "vos", "vos-a")


# --------------------------------------------------------------------------------------------------- HMP
def test_hmp_rules_and_tables():
    result = evaluate(copy.deepcopy(HMP), "hmp", "hmp-a", max_rows=3)
    assert result["status"] == "critical"
    assert "topology" not in result
    offline = finding(result, "hmp_offline_stbs")
    assert (offline["value"], offline["severity"], offline["crossed"]) == (2, "warning", True)
    assert offline["message"] == "2 set-top boxes offline: Floor 2, b6"
    failed = finding(result, "hmp_failed_recordings")
    assert failed["value"] == 2 and failed["message"] == "2 recordings failed: Studio A - failed, r3"
    assert result["summary"] == {"set-top boxes": 6, "online or standby": 2, "offline": 2, "recordings": 4,
                                 "failed": 2}
    boxes = table(result, "Set-top boxes not online")
    assert boxes["total"] == 4 and len(boxes["rows"]) == 3
    assert boxes["rows"][0] == ["Floor 2", "Offline", "Not connected for 3 days.", "floor-2", "3d", "10.50.0.12"]
    assert [row[1] for row in boxes["rows"]] == ["Offline", "Offline", "Warning"]
    recordings = table(result, "Recordings")
    assert recordings["total"] == 4
    assert recordings["rows"][0] == ["Studio A - failed", "Studio A", "ERROR", "Camera: ERROR", 12]
    assert recordings["rows"][1] == ["r3", "Boardroom", "RECORDING", "Board Cam: error", "True"]  # failed: a recorder
    assert recordings["rows"][2] == ["Paused", "", "PAUSED", "", "n/a"]


def test_hmp_healthy_and_recording_duration_rounded():
    facts = {"devices": [{"name": "Lobby", "status": "Online"}],
             "recordings": [dict(HMP["recordings"][0])]}
    result = evaluate(facts, "hmp", "hmp-a")
    assert result["status"] == "ok"
    assert finding(result, "hmp_offline_stbs")["message"] == "0 set-top boxes offline"
    assert finding(result, "hmp_failed_recordings")["message"] == "0 recordings failed"
    assert table(result, "Recordings")["rows"] == [["Town Hall - 11/21/2026", "Town Hall", "RECORDING",
                                                    "Lobby Encoder: RECORDING, src-2: RECORDING", 49]]
    assert table(result, "Set-top boxes not online") == {"title": "Set-top boxes not online", "columns": [
        "Set-top box", "Status", "Details", "Tags", "Last connection", "Address"], "rows": [], "total": 0}


def test_hmp_warning_only():
    facts = {"devices": [{"name": "Floor", "status": "Offline"}], "recordings": []}
    assert evaluate(facts, "hmp", "hmp-a")["status"] == "warning"
    assert evaluate(facts, "hmp", "hmp-a", {"hmp_offline_stbs": 1})["status"] == "ok"


# --------------------------------------------------------------------------------------------------- DMS
def test_dms_rules_and_tables():
    result = evaluate(copy.deepcopy(DMS), "dms", "dms-a")
    assert result["status"] == "critical"
    alarms = finding(result, "dms_active_alarms")
    assert alarms["value"] == 2
    assert alarms["message"] == "2 alarms active (critical/major): FAN_FAILURE on dev-000058, SIGNAL_LOSS on dev-000001"
    offline = finding(result, "dms_offline_devices_percent")
    assert (offline["value"], offline["threshold"], offline["crossed"]) == (8.5, 10, False)
    assert offline["message"] == "8.5% of 200 devices offline (17)"
    assert result["summary"] == {"devices": 200, "online": 183, "offline": 17, "offline %": 8.5,
                                 "active alarms": 3, "counted alarms": 2}
    rows = table(result, "Active alarms")["rows"]
    assert [row[0] for row in rows] == ["critical", "major", "warning"]
    assert rows[0] == ["critical", "dev-000058", "FAN_FAILURE", "Fan 2 stopped", "2026-10-30 22:40 UTC"]
    offline_rows = table(result, "Offline devices")["rows"]
    assert [row[0] for row in offline_rows] == ["dev-000117", "Lobby North"]
    assert offline_rows[1] == ["Lobby North", "ProView 7100", "coastal", "", "2026-10-19 03:43 UTC", "1"]


def test_dms_severities_percent_threshold_and_counts():
    result = evaluate(copy.deepcopy(DMS), "dms", "dms-a", {"dms_offline_devices_percent": 5},
                      dms_alarm_severities=["WARNING"])
    assert finding(result, "dms_active_alarms")["message"].startswith("1 alarm active (warning): HIGH_TEMPERATURE")
    assert finding(result, "dms_offline_devices_percent")["crossed"] is True
    result = evaluate(copy.deepcopy(DMS), "dms", "dms-a", dms_alarm_severities=[])
    assert finding(result, "dms_active_alarms")["message"] == "0 alarms active (no severity counted)"
    facts = {"system": {"device_count": 0, "online_count": 0}, "devices": [], "alarms": []}
    result = evaluate(facts, "dms", "dms-a")
    assert result["status"] == "ok"
    assert finding(result, "dms_offline_devices_percent")["message"] == "0% of 0 devices offline (0)"
    facts = {"system": {"device_count": 10, "online_count": 12}, "devices": [], "alarms": []}
    assert finding(evaluate(facts, "dms", "dms-a"), "dms_offline_devices_percent")["value"] == 0.0


@pytest.mark.parametrize("system", [{}, {"device_count": 10}, {"device_count": True, "online_count": 3},
                                    {"device_count": -1, "online_count": 0}])
def test_dms_without_counts_is_not_evaluated(system):
    result = evaluate({"system": system, "devices": DMS["devices"], "alarms": []}, "dms", "dms-a")
    offline = finding(result, "dms_offline_devices_percent")
    assert offline["value"] is None and offline["crossed"] is False
    assert offline["message"].startswith("not evaluated: the DMS reported no device_count and online_count")
    assert result["summary"]["offline"] is None and result["summary"]["offline %"] is None
    assert result["status"] == "ok"


# --------------------------------------------------------------------------------------------------- Electra
def test_electra_rules_and_tables():
    result = evaluate(copy.deepcopy(ELECTRA), "electra", "electra-a")
    assert result["status"] == "critical"
    jobs = finding(result, "electra_jobs_in_alarm")
    assert jobs["value"] == 2 and jobs["message"] == "2 jobs in alarm: Movies 1 HD, series-0011"
    nodes = finding(result, "electra_nodes_not_up")
    assert nodes["value"] == 2 and nodes["message"] == "2 nodes not up: xt-node-02 (down), 3 (degraded)"
    assert result["summary"] == {"jobs": 4, "running": 2, "in alarm": 2, "nodes": 4, "not up": 2}
    rows = table(result, "Jobs in alarm")["rows"]
    assert rows == [["Movies 1 HD", "critical", "failed", "xt-node-03", "Live HEVC",
                     "job movies-0003 failed, job movies-0003 cc errors"],
                    ["series-0011", "major", "stopped", "2", "Live HD", "job series-0011 stopped"]]
    rows = table(result, "Nodes")["rows"]
    assert [row[0] for row in rows] == ["3", "xt-node-02", "xt-node-04", "xt-node-01"]
    assert rows[0] == ["3", "standard", "degraded", "", "", "4 / 8"]
    assert rows[3] == ["xt-node-01", "master", "up", "10.40.1.11", 50, "4 / 8"]


def test_electra_healthy_without_alarms_subset():
    facts = {"jobs": [ELECTRA["jobs"][0]], "nodes": [ELECTRA["nodes"][0]]}
    result = evaluate(facts, "electra", "electra-a")
    assert result["status"] == "ok"
    assert finding(result, "electra_jobs_in_alarm")["message"] == "0 jobs in alarm"
    assert finding(result, "electra_nodes_not_up")["message"] == "0 nodes not up"


# --------------------------------------------------------------------------------------------------- common
def test_unreachable_result():
    result = evaluate(None, "vos", "vos-a", error="cannot connect to 127.0.0.1:1 (connection refused)")
    assert result == {"device": "vos-a", "integration": "vos", "status": "unreachable",
                      "findings": [{"rule": "unreachable", "value": 1, "threshold": 0, "crossed": True,
                                    "severity": "unreachable",
                                    "message": "facts could not be gathered: cannot connect to 127.0.0.1:1 "
                                               "(connection refused)"}],
                      "summary": {}, "tables": [], "topology": []}
    assert "topology" not in evaluate({}, "dms", "dms-a", error="x")


def test_long_messages_and_tables_are_capped():
    facts = {"devices": [{"name": "box-%02d" % i, "status": "Offline"} for i in range(8)], "recordings": []}
    result = evaluate(facts, "hmp", "hmp-a", max_rows=1)
    assert finding(result, "hmp_offline_stbs")["message"] == (
        "8 set-top boxes offline: box-00, box-01, box-02, box-03, box-04 and 3 more")
    boxes = table(result, "Set-top boxes not online")
    assert boxes["total"] == 8 and boxes["rows"] == [["box-00", "Offline", "", "", "", ""]]


def test_float_threshold_in_message_and_rules_table():
    assert set(DEFAULT_THRESHOLDS) == set(RULES)
    assert {rule[0] for rule in RULES.values()} == set(health.INTEGRATIONS)
    result = evaluate(copy.deepcopy(DMS), "dms", "dms-a", {"dms_offline_devices_percent": 2.5})
    assert finding(result, "dms_offline_devices_percent")["threshold"] == 2.5


@pytest.mark.parametrize("value, text", [
    (None, ""), ([1, None, ["a", "b"]], "1, , a, b"), (("x",), "x"), (3, "3"), ("s", "s")])
def test_text(value, text):
    assert health._text(value) == text


@pytest.mark.parametrize("value, milliseconds, text", [
    (0, False, "1970-01-01 00:00 UTC"), (1795239552724, True, "2026-11-21 05:39 UTC"), (True, False, "True"),
    ("2026-11-21", False, "2026-11-21"), (None, True, ""), (1e20, False, "1e+20"), (float("nan"), False, "nan")])
def test_utc(value, milliseconds, text):
    assert health._utc(value, milliseconds) == text


def test_small_helpers():
    assert health._rank("CRITICAL") < health._rank("major") < health._rank("ok") < health._rank("whatever")
    assert health._number(3.0) == "3" and health._number(2.5) == "2.5" and health._number(7) == "7"
    assert health._plural(1, "box", "boxes") == "1 box" and health._plural(2, "link") == "2 links"
    assert health._epoch(5) == 5.0 and health._epoch(False) == 0.0 and health._epoch("5") == 0.0
    assert health._count(0) and not health._count(-1) and not health._count(True) and not health._count("3")
    assert health._failed({"state": "error"}) and health._failed({"recorders": [{"state": "ERROR"}]})
    assert not health._failed({"state": "RECORDING", "recorders": None})


# --------------------------------------------------------------------------------------------------- checks
def test_check_thresholds():
    assert check_thresholds(None) == DEFAULT_THRESHOLDS
    assert check_thresholds({"hmp_offline_stbs": 3, "dms_offline_devices_percent": 0.5}) == dict(
        DEFAULT_THRESHOLDS, hmp_offline_stbs=3, dms_offline_devices_percent=0.5)


@pytest.mark.parametrize("thresholds, message", [
    ([1], "thresholds must be a dict of rule name -> number, not list"),
    ({"vos_lost_links": 1}, "thresholds: 'vos_lost_links' is not a rule; choose from vos_critical_notifications, "),
    ({"hmp_offline_stbs": -1}, "thresholds: hmp_offline_stbs is -1; give a number of 0 or more"),
    ({"hmp_offline_stbs": "2"}, "thresholds: hmp_offline_stbs is '2'; give a number"),
    ({"hmp_offline_stbs": True}, "thresholds: hmp_offline_stbs is True; give a number"),
    ({"hmp_offline_stbs": math.nan}, "thresholds: hmp_offline_stbs is nan; give a number"),
])
def test_check_thresholds_refuses(thresholds, message):
    with pytest.raises(ValueError) as error:
        check_thresholds(thresholds)
    assert str(error.value).startswith(message)


def test_check_severities():
    assert check_severities(["Warning", "critical", "critical"]) == ("critical", "warning")
    assert check_severities(()) == ()
    with pytest.raises(ValueError, match="dms_alarm_severities must be a list of critical, major, minor, warning"):
        check_severities("critical")
    with pytest.raises(ValueError, match="dms_alarm_severities: 'fatal' is not a DMS alarm severity; choose from"):
        check_severities(["fatal"])


def test_status_of():
    assert status_of([]) == "ok"
    assert status_of([{"crossed": False, "severity": "critical"}]) == "ok"
    assert status_of([{"crossed": True, "severity": "warning"}, {"crossed": True, "severity": "critical"},
                      {"crossed": True, "severity": "warning"}]) == "critical"
    assert status_of([{"crossed": True, "severity": "bogus"}]) == "ok"
    assert status_of([{"crossed": True, "severity": "critical"}, {"crossed": True, "severity": "unreachable"}]) == \
        "unreachable"


@pytest.mark.parametrize("args, kwargs, message", [
    (({}, "snmp", "x"), {}, "integration: 'snmp' is not one of vos, hmp, dms, electra"),
    (({}, "hmp", "x"), {"max_rows": 0}, "max_rows: 0 is not allowed; give a whole number of 1 or more"),
    (({}, "hmp", "x"), {"max_rows": True}, "max_rows: True is not allowed"),
    (({}, "hmp", "x"), {"max_rows": "5"}, "max_rows: '5' is not allowed"),
    (([], "hmp", "x"), {}, "hmp facts must be a dict (ansible_facts.hmp), not list"),
    (({}, "hmp", "x"), {"thresholds": {"x": 1}}, "thresholds: 'x' is not a rule"),
    (({}, "hmp", "x"), {"dms_alarm_severities": ["x"]}, "dms_alarm_severities: 'x' is not"),
])
def test_evaluate_refuses(args, kwargs, message):
    with pytest.raises(ValueError) as error:
        evaluate(*args, **kwargs)
    assert str(error.value).startswith(message)
