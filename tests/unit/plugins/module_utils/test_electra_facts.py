# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Unit tests of plugins/module_utils/electra/facts.py: every subset gathered over SNMP from the Electra simulator
(what each reads, in how many round trips), display_key and its fallback, include_parameters, profiles without a
table (a warning and an empty subset), the summary; storage rows, summary and display names directly."""

from __future__ import annotations

import copy

import pytest

pytest.importorskip("pysnmp.hlapi.v3arch.asyncio")

# pylint: disable=wrong-import-position
from ansible_collections.broadcast.video.plugins.module_utils.electra.client import ElectraClient  # noqa: E402
from ansible_collections.broadcast.video.plugins.module_utils.electra.facts import (  # noqa: E402
    STORAGE_TYPES, SUBSETS, ElectraFacts, display_name, storage_row, summary)
from ansible_collections.broadcast.video.plugins.module_utils.electra.profile import DEFAULT_PROFILE  # noqa: E402
from ansible_collections.broadcast.video.plugins.module_utils.errors import ValidationError  # noqa: E402
# pylint: enable=wrong-import-position

SYSTEM_KEYS = {"description", "object_id", "uptime_seconds", "contact", "name", "location", "date_time"}


@pytest.fixture
def facts(electra_sim):
    """``facts(display_key="name", **options) -> ElectraFacts`` on the simulator (SNMP v2c, no HTTP credentials)."""
    clients = []

    def make(display_key="name", **extra):
        params = electra_sim.connection(**extra)
        params.pop("username")
        params.pop("password")
        made = ElectraClient(params)
        clients.append(made)
        return ElectraFacts(made, display_key)

    yield make
    for made in clients:
        made.close()


def profile(**tables):
    """The default profile with ``tables`` replaced (None switches a table off)."""
    return {"name": "site", "extends": "default", "tables": tables}


def default_table(key, **column_changes):
    table = copy.deepcopy(DEFAULT_PROFILE["tables"][key])
    for name, spec in column_changes.items():
        if spec is None:
            del table["columns"][name]
        else:
            table["columns"][name] = spec
    return table


# ---------------------------------------------------------------------------------------------- subsets
def test_subsets_constant():
    assert SUBSETS == ("system", "storage", "workflows", "nodes", "jobs", "alarms", "logs")
    assert STORAGE_TYPES[4] == "fixedDisk" and STORAGE_TYPES[10] == "networkDisk" and len(STORAGE_TYPES) == 10


@pytest.mark.parametrize("subset, keys, tables", [
    ("system", {"system"}, {"system": 1}),
    ("storage", {"storage"}, {"storage": 1}),
    ("workflows", {"workflows"}, {"workflows": 1}),
    ("nodes", {"nodes", "summary"}, {"nodes": 1}),
    ("jobs", {"jobs", "summary"}, {"jobs": 1, "job_parameters": 3, "nodes": 1}),
    ("alarms", {"alarms"}, {"alarms": 1}),
    ("logs", {"logs"}, {"logs": 1}),
])
def test_each_subset_reads_only_its_tables(facts, electra_sim, subset, keys, tables):
    gatherer = facts()
    result = gatherer.gather([subset])
    assert set(result) == {"profile"} | keys
    assert result["profile"] == gatherer.client.profile.summary()
    assert gatherer.client.snmp.stats.as_dict()["by_table"] == tables
    assert gatherer.warnings == [] and electra_sim.http_requests() == []


def test_all_subsets(facts, electra_sim):
    gatherer = facts()
    result = gatherer.gather(["all"])
    state = electra_sim.state()
    assert list(result) == ["profile", "system", "storage", "workflows", "nodes", "alarms", "logs", "jobs", "summary"]
    assert set(result["system"]) == SYSTEM_KEYS and result["system"]["name"] == "electra-xt-sim"
    assert result["storage"][0]["type"] == "fixedDisk"
    assert result["storage"][0]["size_bytes"] == state["storage"][0]["size"] * state["storage"][0]["allocation_units"]
    assert [w["name"] for w in result["workflows"]] == [w["name"] for w in state["workflows"]]
    assert len(result["nodes"]) == 3 and len(result["logs"]) == len(state["logs"])
    # jobs: display name, node name, parameters (text, from the job parameter table) and the writable ones
    job = result["jobs"][0]
    assert job["display_name"] == job["name"] == state["jobs"][0]["name"]
    assert job["node_name"] == state["jobs"][0]["nodeName"]
    assert job["parameters"] == {name: str(value) for name, value in state["jobs"][0]["parameters"].items()}
    assert job["writable_parameters"] == ["audio_language", "custom_label", "output_bitrate", "service_name"]
    # alarms of jobs carry the job's display name; node alarms do not
    for alarm in result["alarms"]:
        if alarm["job"]:
            assert alarm["job_name"] == state["jobs"][alarm["job"] - 1]["name"]
        else:
            assert "job_name" not in alarm and alarm["source"] == "node:1"
    assert {a["job"] for a in result["alarms"] if a["job"]} == {j["id"] for j in state["jobs"]
                                                                if j["alarmState"] != "normal"}
    assert gatherer.client.snmp.stats.requests == 10 and gatherer.warnings == []


def test_summary_on_the_simulator(facts, electra_sim):
    electra_sim.control("POST", "config", {"node_down": 2})
    state = electra_sim.state()
    result = facts().gather(["jobs", "nodes"])
    statuses = [j["status"] for j in state["jobs"]]
    alarm_states = [j["alarmState"] for j in state["jobs"]]
    assert result["summary"] == {
        "jobs_total": 12,
        "jobs_by_status": {s: statuses.count(s) for s in sorted(set(statuses))},
        "jobs_by_alarm_state": {s: alarm_states.count(s) for s in sorted(set(alarm_states))},
        "jobs_in_alarm": [j["name"] for j in state["jobs"] if j["alarmState"] != "normal"],
        "nodes_total": 3, "nodes_not_up": ["xt-node-02"]}
    assert facts().gather(["nodes"])["summary"] == {"nodes_total": 3, "nodes_not_up": ["xt-node-02"]}


def test_subset_selection_and_errors(facts):
    assert set(facts().gather(["!jobs", "!alarms", "!system", "!storage"])) == {"profile", "workflows", "nodes", "logs",
                                                                                "summary"}
    assert "jobs" in facts().gather([])
    with pytest.raises(ValidationError) as info:
        facts().gather(["encoders"])
    assert str(info.value) == ("gather_subset: 'encoders' is not a subset; choose from all, system, storage, workflows, "
                               "nodes, jobs, alarms, logs (prefix ! to exclude)")


# ---------------------------------------------------------------------------------------------- display_key, parameters
def test_display_key_and_fallback(facts, electra_sim):
    state = electra_sim.state()["jobs"]
    result = facts("custom_label").gather(["jobs", "alarms"])
    labels = [j["parameters"]["custom_label"] or j["name"] for j in state]
    assert [job["display_name"] for job in result["jobs"]] == labels
    assert "" in [j["parameters"]["custom_label"] for j in state] and any(j["parameters"]["custom_label"] for j in state)
    assert result["summary"]["jobs_in_alarm"] == [labels[i] for i, j in enumerate(state) if j["alarmState"] != "normal"]
    for alarm in result["alarms"]:
        if alarm["job"]:
            assert alarm["job_name"] == labels[alarm["job"] - 1]
    assert [job["display_name"] for job in facts("index").gather(["jobs"])["jobs"]] == [str(n) for n in range(1, 13)]


def test_display_key_refused(electra_sim):
    made = ElectraClient(electra_sim.connection())
    with pytest.raises(ValidationError) as info:
        ElectraFacts(made, "label")
    assert str(info.value) == ("display_key: 'label' is not a column of the profile's jobs table; choose from index, "
                               "name, workflow, node, status, alarm_state, service_name, output_bitrate, uptime, "
                               "custom_label")
    no_jobs = ElectraClient(electra_sim.connection(profile=profile(jobs=None)))
    with pytest.raises(ValidationError) as info:
        ElectraFacts(no_jobs, "name")
    assert str(info.value) == "display_key: 'name' is not a column of the profile's jobs table; choose from index"
    assert ElectraFacts(no_jobs, "index").display_key == "index"


def test_include_parameters_false(facts):
    gatherer = facts()
    jobs = gatherer.gather(["jobs"], include_parameters=False)["jobs"]
    assert all("parameters" not in job and "writable_parameters" not in job for job in jobs)
    assert "job_parameters" not in gatherer.client.snmp.stats.by_table


# ---------------------------------------------------------------------------------------------- profiles without tables
def test_profile_without_a_table_warns_and_returns_empty(facts):
    gatherer = facts(profile=profile(logs=None, workflows=None))
    result = gatherer.gather(["logs", "workflows", "system"])
    assert result["logs"] == [] and result["workflows"] == []
    assert gatherer.warnings == ["subset workflows: the OID profile 'site' has no workflows table; returned empty",
                                 "subset logs: the OID profile 'site' has no logs table; returned empty"]
    assert gatherer.client.snmp.stats.by_table == {"system": 1}


def test_profile_without_jobs_or_parameters_or_nodes(facts):
    gatherer = facts("index", profile=profile(jobs=None))
    result = gatherer.gather(["jobs", "alarms"])
    assert result["jobs"] == [] and result["summary"]["jobs_total"] == 0 and result["summary"]["nodes_total"] == 3
    assert gatherer.warnings == ["subset jobs: the OID profile 'site' has no jobs table; returned empty"]
    assert all("job_name" not in alarm or alarm["job_name"] is None for alarm in result["alarms"])

    gatherer = facts(profile=profile(job_parameters=None))
    jobs = gatherer.gather(["jobs"])["jobs"]
    assert len(jobs) == 12 and all("parameters" not in job for job in jobs)
    assert gatherer.warnings == ["subset jobs: the OID profile 'site' has no job_parameters table; returned jobs "
                                 "without parameters"]

    # no nodes table: jobs still read (node names unknown), no warning unless nodes were asked for, no node summary
    gatherer = facts(profile=profile(nodes=None))
    result = gatherer.gather(["jobs"])
    assert gatherer.warnings == [] and all(job["node_name"] is None for job in result["jobs"])
    assert "nodes_total" not in result["summary"] and result["summary"]["jobs_total"] == 12
    gatherer = facts(profile=profile(nodes=None))
    assert gatherer.gather(["nodes"]) == {"profile": gatherer.client.profile.summary(), "nodes": [],
                                          "summary": {"nodes_total": 0, "nodes_not_up": []}}
    assert gatherer.warnings == ["subset nodes: the OID profile 'site' has no nodes table; returned empty"]


def test_profile_pointing_at_empty_tables_warns(facts):
    """OIDs that are not the device's read as empty tables (a valid SNMP answer): the facts say so."""
    moved = dict(default_table("jobs"), entry="1.3.6.1.4.1.32473.1.40.1.1")
    gatherer = facts(profile=profile(jobs=moved))
    result = gatherer.gather(["jobs"])
    assert result["jobs"] == []
    assert gatherer.warnings == ["the jobs table (profile 'site', entry 1.3.6.1.4.1.32473.1.40.1.1) is empty, but the "
                                 "nodes report 12 jobs: check that the profile's OIDs are the device's"]
    gatherer = facts(profile=profile(nodes=dict(default_table("nodes"), entry="1.3.6.1.4.1.32473.1.20.1.1")))
    assert gatherer.gather(["nodes"])["nodes"] == []
    assert gatherer.warnings == ["the nodes table (profile 'site', entry 1.3.6.1.4.1.32473.1.20.1.1) is empty, and an "
                                 "Electra XT has at least one node: check that the profile's OIDs are the device's"]


def test_jobs_table_without_node_and_alarm_columns(facts):
    gatherer = facts(profile=profile(jobs=default_table("jobs", node=None, alarm_state=None)))
    result = gatherer.gather(["jobs"])
    assert all("node" not in job and "node_name" not in job for job in result["jobs"])
    assert result["summary"]["jobs_by_alarm_state"] == {"None": 12} and result["summary"]["jobs_in_alarm"] == []


# ---------------------------------------------------------------------------------------------- pure helpers
def test_jobs_assembly_skips_unnamed_parameters():
    gatherer = ElectraFacts(ElectraClient({}, offline=True))
    jobs = gatherer._jobs(  # pylint: disable=protected-access
        [{"index": 1, "name": "a", "node": 2}, {"index": 2, "name": "b", "node": 9}],
        [{"job": 1, "index": 1, "name": "codec", "value": "HEVC", "writable": False},
         {"job": 1, "index": 2, "name": "", "value": "x", "writable": True},
         {"job": 1, "index": 3, "value": "y"},
         {"job": 1, "index": 4, "name": "label", "value": "z", "writable": True},
         {"job": 7, "index": 1, "name": "orphan", "value": "o"}],
        [{"index": 2, "name": "node-2"}])
    assert jobs == [
        {"index": 1, "name": "a", "node": 2, "display_name": "a", "node_name": "node-2",
         "parameters": {"codec": "HEVC", "label": "z"}, "writable_parameters": ["label"]},
        {"index": 2, "name": "b", "node": 9, "display_name": "b", "node_name": None, "parameters": {},
         "writable_parameters": []}]


@pytest.mark.parametrize("job, key, expected", [
    ({"index": 3, "name": "news", "custom_label": "Studio"}, "custom_label", "Studio"),
    ({"index": 3, "name": "news", "custom_label": ""}, "custom_label", "news"),
    ({"index": 3, "name": "news"}, "custom_label", "news"),
    ({"index": 3, "name": "", "custom_label": None}, "custom_label", "3"),
    ({"index": 3, "output_bitrate": 0}, "output_bitrate", "0"),
    ({}, "name", ""),
])
def test_display_name(job, key, expected):
    assert display_name(job, key) == expected


@pytest.mark.parametrize("row, expected", [
    ({"index": 1, "type": "1.3.6.1.2.1.25.2.1.10", "description": "/mnt/nas", "allocation_units": 4096, "size": 100,
      "used": 25},
     {"index": 1, "type": "networkDisk", "description": "/mnt/nas", "allocation_units": 4096, "size": 100, "used": 25,
      "size_bytes": 409600, "used_bytes": 102400, "used_percent": 25.0}),
    ({"type": "1.3.6.1.2.1.25.2.1.99", "allocation_units": 1, "size": 3, "used": 1},
     {"type": "1.3.6.1.2.1.25.2.1.99", "allocation_units": 1, "size": 3, "used": 1, "size_bytes": 3, "used_bytes": 1,
      "used_percent": 33.3}),
    ({"type": "1.3.6.1.2.1.25.2.1.x", "size": 0, "used": 0},
     {"type": "1.3.6.1.2.1.25.2.1.x", "size": 0, "used": 0, "used_percent": None}),
    ({"type": "1.3.6.1.4.1.9.1", "allocation_units": "4k", "size": 10, "used": None},
     {"type": "1.3.6.1.4.1.9.1", "allocation_units": "4k", "size": 10, "used": None, "used_percent": None}),
    ({"allocation_units": 512, "size": "big", "used": 3},
     {"allocation_units": 512, "size": "big", "used": 3, "used_bytes": 1536, "used_percent": None}),
    ({}, {"used_percent": None}),
])
def test_storage_row(row, expected):
    assert storage_row(row) == expected


def test_summary_directly():
    jobs = [{"display_name": "a", "status": "running", "alarm_state": "normal"},
            {"display_name": "b", "status": "failed", "alarm_state": "critical"},
            {"display_name": "c", "status": "running"},
            {"display_name": "d", "status": "stopped", "alarm_state": 4}]
    nodes = [{"index": 1, "name": "n1", "status": "up"}, {"index": 2, "status": "down"}, {"index": 3, "name": "n3"},
             {"index": 4, "name": "n4", "status": "degraded"}]
    assert summary(jobs, nodes) == {
        "jobs_total": 4, "jobs_by_status": {"failed": 1, "running": 2, "stopped": 1},
        "jobs_by_alarm_state": {"4": 1, "None": 1, "critical": 1, "normal": 1}, "jobs_in_alarm": ["b", "d"],
        "nodes_total": 4, "nodes_not_up": ["2", "n4"]}
    assert summary(None, None) == {}
    assert summary([], None) == {"jobs_total": 0, "jobs_by_status": {}, "jobs_by_alarm_state": {}, "jobs_in_alarm": []}
