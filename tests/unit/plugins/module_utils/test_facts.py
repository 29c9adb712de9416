# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Unit tests of plugins/module_utils/facts.py (subset selection, gathering) and of VosFacts on the VOS simulator."""

from __future__ import annotations

import threading
import time

import pytest

from ansible_collections.broadcast.video.plugins.module_utils.errors import ApiError, TransportError, ValidationError
from ansible_collections.broadcast.video.plugins.module_utils.facts import ABSENT_STATUSES, gather, select_subsets
from ansible_collections.broadcast.video.plugins.module_utils.vos.client import VosClient
from ansible_collections.broadcast.video.plugins.module_utils.vos.facts import SUBSETS, VosFacts, summary

AVAILABLE = ["services", "sources", "nodes", "platform"]


# ---------------------------------------------------------------------------------------------- select_subsets
@pytest.mark.parametrize("requested, expected", [
    (["all"], AVAILABLE),
    ([], AVAILABLE),
    (None, AVAILABLE),
    (["nodes", "services"], ["services", "nodes"]),
    (["nodes", "nodes"], ["nodes"]),
    (["!nodes"], ["services", "sources", "platform"]),
    (["!nodes", "!services"], ["sources", "platform"]),
    (["all", "!platform"], ["services", "sources", "nodes"]),
    (["sources", "!sources"], []),
    (["!all"], []),
    ([" nodes "], ["nodes"]),
])
def test_select_subsets(requested, expected):
    assert select_subsets(requested, AVAILABLE) == expected


def test_select_subsets_unknown_name():
    with pytest.raises(ValidationError) as info:
        select_subsets(["services", "!bogus"], AVAILABLE)
    assert str(info.value) == ("gather_subset: '!bogus' is not a subset; choose from all, services, sources, nodes, platform "
                               "(prefix ! to exclude)")
    with pytest.raises(ValidationError, match=r"^subsets: 'x' is not a subset"):
        select_subsets(["x"], AVAILABLE, option="subsets")


# ---------------------------------------------------------------------------------------------- gather
def _absent(status):
    def fetch():
        raise ApiError("GET /x failed with HTTP %d" % status, status=status)
    return fetch


def test_gather_selected_subsets_in_order():
    calls = []
    subsets = {name: (lambda n=name: calls.append(n) or [n]) for name in AVAILABLE}
    facts, warnings = gather(subsets, ["!sources"], 4)
    assert list(facts) == ["services", "nodes", "platform"]
    assert facts == {"services": ["services"], "nodes": ["nodes"], "platform": ["platform"]}
    assert sorted(calls) == ["nodes", "platform", "services"] and warnings == []


def test_gather_absent_endpoint_is_empty_with_warning():
    subsets = {"services": lambda: [1], "nodes": _absent(404), "platform": _absent(501)}
    facts, warnings = gather(subsets, ["all"], 2, empty={"platform": {}})
    assert facts == {"services": [1], "nodes": [], "platform": {}}
    assert warnings == ["subset nodes: the device has no such endpoint (GET /x failed with HTTP 404); returned empty",
                        "subset platform: the device has no such endpoint (GET /x failed with HTTP 501); returned empty"]
    assert ABSENT_STATUSES == (404, 501)


@pytest.mark.parametrize("error", [ApiError("GET /x failed with HTTP 500", status=500), TransportError("cannot reach"),
                                   ApiError("forbidden", status=403)])
def test_gather_other_errors_raise(error):
    def fail():
        raise error
    with pytest.raises(type(error)) as info:
        gather({"services": lambda: [], "nodes": fail}, ["all"], 4)
    assert info.value is error


def test_gather_unknown_subset_raises_before_fetching():
    calls = []
    with pytest.raises(ValidationError):
        gather({"services": lambda: calls.append(1)}, ["nope"], 4)
    assert calls == []


def test_gather_is_concurrent_and_bounded():
    state = {"active": 0, "peak": 0}
    lock = threading.Lock()

    def fetch():
        with lock:
            state["active"] += 1
            state["peak"] = max(state["peak"], state["active"])
        time.sleep(0.02)
        with lock:
            state["active"] -= 1
        return []

    facts, _warnings = gather({"s%d" % i: fetch for i in range(6)}, ["all"], 2)
    assert len(facts) == 6 and state["peak"] == 2


# ---------------------------------------------------------------------------------------------- VosFacts on the simulator
def _client(sim):
    return VosClient({"host": sim.url, "username": "admin", "password": "admin-password", "retries": 0, "max_workers": 4})


def test_vos_facts_all_subsets(sim):
    client = _client(sim)
    vos = VosFacts(client, scte_log_limit=5, notification_limit=10)
    facts = vos.gather(["all"])
    assert list(facts) == list(SUBSETS)
    assert len(facts["services"]) == 4
    service = facts["services"][0]
    assert set(service) >= {"id", "name", "control_state", "profile", "sources"}
    source_names = {s["name"] for s in facts["sources"]}
    assert {s["name"] for svc in facts["services"] for s in svc["sources"]} <= source_names
    assert [s["name"] for s in facts["services"]] == sorted(s["name"] for s in facts["services"])
    assert facts["cloud_links"]["lost"] == sum(1 for u in facts["cloud_links"]["uplinks"] if u["state"] == "LOST")
    assert facts["cloud_links"]["lost"] >= 1
    assert set(facts["platform"]) == {"system_info", "networks", "rf"}
    assert len(facts["scte_logs"]) <= 5
    assert set(facts["notifications"]) == {"items", "counts", "active_critical"}
    assert all("password" not in str(key) for item in facts["services"] for key in item)
    assert vos.warnings == []
    counts = summary(facts)
    assert counts["services"] == 4 and "platform" not in counts
    # every list was read once although several subsets need it
    log = sim.requests_log()
    paths = [e["path"] for e in log if e["method"] == "GET"]
    assert paths.count(client.paths["sources"]) == 1 and paths.count(client.paths["services"]) == 1


def test_vos_facts_rf_absent_warns(sim):
    sim.control("POST", "config", {"rf_absent": True})
    vos = VosFacts(_client(sim))
    facts = vos.gather(["platform"])
    assert list(facts) == ["platform"]
    assert facts["platform"]["rf"] == {"monitorings": [], "statistics": [], "settings": []}
    assert len(vos.warnings) == 3
    assert all(w.startswith("platform: /vos-api/platform-config/v1/rf") and "normal without RF cards" in w for w in vos.warnings)


def test_vos_facts_missing_endpoint_is_empty_with_warning(sim):
    client = VosClient({"host": sim.url, "username": "admin", "password": "admin-password", "retries": 0,
                        "endpoint_paths": {"nodes": "/vos-api/nothing/nodes", "origin_engine": "/vos-api/nothing/oe"}})
    vos = VosFacts(client)
    facts = vos.gather(["nodes", "origin_engine", "images"])
    assert facts["nodes"] == [] and facts["origin_engine"] == {}
    assert len(facts["images"]) == 2 and set(facts["images"][0]) == {"id", "url"}
    assert len(vos.warnings) == 2 and vos.warnings[0].startswith("subset nodes: the device has no such endpoint")
