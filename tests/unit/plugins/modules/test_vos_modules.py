# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Module tests: every VOS module's ``main()`` run in-process against the VOS simulator.

Each state (merged, replaced, overridden, deleted, gathered, rendered), check mode, diff, ``-vvv`` (``http_log``),
``update_password: always`` and the failure paths (device error, unreachable, bad credentials, validation,
missing ``requests``), with assertions on ``changed``, ``requests``, ``diff`` and on the simulator's request log.
"""

from __future__ import annotations

import json
import runpy
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from ansible.module_utils.testing import patch_module_args

from ansible_collections.broadcast.video.plugins.module_utils.vos import device as vos_device
from ansible_collections.broadcast.video.plugins.module_utils.vos.resources import reference
from ansible_collections.broadcast.video.plugins.modules import (
    vos_destinations, vos_facts, vos_images, vos_services, vos_sources, vos_users)

CONFIGURE = "/vos-api/configure/v1"
SERVICES = CONFIGURE + "/services"
SOURCES = CONFIGURE + "/sources"
DESTINATIONS = CONFIGURE + "/destinations"
IMAGES = CONFIGURE + "/images"
USERS = "/vos-api/user/v1/users"

# Seed data of the simulator (tests/simulators/vos/seed.py, 4 channels).
SEED_SERVICES = ["AandEHD.1080.tv", "CNNHD.720.tv", "ESPNHD.1080.tv", "HBOHD.720.tv"]
SOURCE_1 = "AandE.AandEHD.1080.eng.p"
SOURCE_2 = "CNN.CNNHD.1080.eng.p"
ORIGIN_1 = "AandEHD-1382.dfw.1080.mobile.origin"
ATS_2 = "CNNHD-2041.dfw.720.mobile.ATS"
BLACKOUT = "http://slates.example.com/vos/blackout.png"
SIGNAL_LOSS = "http://slates.example.com/vos/signal-loss.png"
SECRET = "Sup3r-S3cret-Pa55"
OAUTH = {"client_id": "vos-client", "client_secret": "vos-client-secret"}
#: Nothing listens on the discard port of loopback: connections are refused at once.
UNREACHABLE = {"host": "127.0.0.1", "port": 9, "use_ssl": False, "retries": 0, "timeout": 1, "connect_timeout": 1}

RESOURCE_MODULES = [vos_services, vos_sources, vos_destinations, vos_images, vos_users]
ALL_MODULES = RESOURCE_MODULES + [vos_facts]


def names(items, key="name"):
    return [item[key] for item in items]


def ops(result):
    """``(operation, item)`` of each reported request."""
    return [(r["operation"], r["item"]) for r in result["requests"]]


def warnings(result):
    """Warning texts of a result (ansible-core 2.19 prints each as a structured WarningSummary)."""
    return [w["event"]["msg"] if isinstance(w, dict) else w for w in result.get("warnings", [])]


def new_service(name="news.1080", **extra):
    item = {"name": name, "profile": "dfw.1080 2", "sources": [{"name": SOURCE_1, "rank": 1}, {"name": SOURCE_2, "rank": 2}],
            "destinations": [ORIGIN_1, ATS_2], "slate_image": BLACKOUT, "control_state": "activated"}
    item.update(extra)
    return item


def zixi_source(name="news.primary", **extra):
    item = {"name": name, "enable_monitoring": True, "inputs": [
        {"rank": 1, "type": "zixi", "program_number": 1, "cloud_link_group": "DFW-CL-GROUP-A", "ip_address": "232.9.0.1",
         "ip_port": 5000, "ssm_ip_addresses": ["10.20.30.11"]},
        {"rank": 2, "type": "slate", "slate_type": "signal_loss", "slate_image": SIGNAL_LOSS}]}
    item.update(extra)
    return item


def origin_destination(name="news.origin", password=SECRET):
    return {"name": name, "type": "origin", "destination_profile": "Akamai", "outputs": [
        {"rank": 1, "type": "origin", "end_points": [
            {"packaging": "hls", "protocol": "https", "hostname": "origin.example.com", "port": 443, "path": "HLS",
             "profile_name": "hls.00", "username": "publisher", "password": password},
            {"packaging": "internal", "protocol": "http", "hostname": "127.0.0.1", "port": 80, "path": "INTERNAL",
             "publish_name": "news", "output_mode": "live_and_timeshift"}]}]}


def ats_destination(name="news.ats"):
    return {"name": name, "type": "ats", "destination_profile": "ATS", "outputs": [
        {"rank": 1, "type": "cloudlink", "ip_address": "239.243.9.1", "ip_port": 40000, "cloud_link_group": "DFW-CL-GROUP-B"}]}


# ====================================================================================== every resource module: gathered
@pytest.mark.parametrize("module, key, expected", [
    (vos_services, "name", SEED_SERVICES),
    (vos_sources, "name", ["AandE.AandEHD.1080.eng.p", "CNN.CNNHD.1080.eng.p", "ESPN.ESPNHD.1080.eng.p", "HBO.HBOHD.1080.eng.p"]),
    (vos_destinations, "name", [ORIGIN_1, ATS_2, "ESPNHD-3310.dfw.1080.mobile.origin", "HBOHD-5120.dfw.720.mobile.ATS"]),
    (vos_images, "url", [BLACKOUT, SIGNAL_LOSS]),
    (vos_users, "username", ["monitor", "operator"]),
])
def test_gathered_lists_every_item_sorted_and_writes_nothing(sim, run_module, module, key, expected):
    code, result = run_module(module, dict(sim.connection(), state="gathered"))
    assert code == 0
    assert result["changed"] is False
    assert names(result["gathered"], key) == expected
    assert "requests" not in result and "http_log" not in result
    assert all(entry["errors"] == 0 for entry in result["endpoints"].values())
    assert sim.writes() == []
    assert SECRET not in json.dumps(result)


def test_gathered_services_in_config_format(sim, run_module):
    _code, result = run_module(vos_services, dict(sim.connection(), state="gathered"))
    first = result["gathered"][0]
    assert first == {"name": "AandEHD.1080.tv", "control_state": "activated", "profile": "dfw.1080 2",
                     "sources": [{"name": SOURCE_1, "rank": 1}], "destinations": [ORIGIN_1], "slate_image": BLACKOUT,
                     "program_number": 1}
    assert set(result["endpoints"]) == {"services", "sources", "destinations", "profiles", "images"}
    assert result["gathered"][3]["control_state"] == "off"


def test_gathered_output_fed_back_changes_nothing(sim, run_module):
    for module in RESOURCE_MODULES:
        _code, gathered = run_module(module, dict(sim.connection(), state="gathered"))
        _code, result = run_module(module, dict(sim.connection(), state="overridden", config=gathered["gathered"]))
        assert result["changed"] is False, (module.__name__, result["requests"])
        assert result["requests"] == []
    assert sim.writes() == []


def test_gathered_with_oauth_client_credentials(sim, run_module):
    params = dict(sim.connection(), state="gathered")
    del params["username"], params["password"]
    params.update(OAUTH)
    _code, result = run_module(vos_images, params)
    assert names(result["gathered"], "url") == [BLACKOUT, SIGNAL_LOSS]
    assert result["endpoints"]["token"] == {"calls": 1, "errors": 0}
    assert [e["auth"] for e in sim.requests_log()] == ["basic", "bearer"]  # client auth on /oauth/token, then the token


# ====================================================================================== vos_services
def test_services_merged_creates_then_is_idempotent(sim, run_module):
    params = dict(sim.connection(), config=[new_service()])
    code, result = run_module(vos_services, params)
    assert code == 0 and result["changed"] is True
    assert result["requests"] == [{"method": "POST", "path": SERVICES, "item": "news.1080", "operation": "create"}]
    assert names(result["before"]) == SEED_SERVICES
    assert names(result["after"]) == sorted(SEED_SERVICES + ["news.1080"])
    assert "diff" not in result
    assert sim.writes() == [("POST", SERVICES)]

    sim.control("DELETE", "requests")
    _code, again = run_module(vos_services, params)
    assert again["changed"] is False and again["requests"] == []
    assert sim.writes() == []
    created = [s for s in again["before"] if s["name"] == "news.1080"][0]
    assert created == dict(new_service(), program_number=1)


def test_services_merged_update_with_diff_changes_only_given_options(sim, run_module):
    params = dict(sim.connection(), _ansible_diff=True, config=[{"name": "AandEHD.1080.tv", "control_state": "off"}])
    _code, result = run_module(vos_services, params)
    assert result["changed"] is True
    assert ops(result) == [("update", "AandEHD.1080.tv")]
    assert result["requests"][0]["method"] == "PUT" and result["requests"][0]["path"].startswith(SERVICES + "/")
    diff = result["diff"]
    assert len(diff) == 1
    assert diff[0]["before_header"] == diff[0]["after_header"] == "service 'AandEHD.1080.tv'"
    assert diff[0]["before"]["control_state"] == "activated" and diff[0]["after"]["control_state"] == "off"
    assert {k: v for k, v in diff[0]["before"].items() if k != "control_state"} == \
        {k: v for k, v in diff[0]["after"].items() if k != "control_state"}
    assert [m for m, _rest in sim.writes()] == ["PUT"]
    _code, gathered = run_module(vos_services, dict(sim.connection(), state="gathered"))
    assert gathered["gathered"][0]["control_state"] == "off"
    assert gathered["gathered"][0]["destinations"] == [ORIGIN_1]


def test_services_merged_check_mode_plans_and_writes_nothing(sim, run_module):
    params = dict(sim.connection(), _ansible_check_mode=True, _ansible_diff=True,
                  config=[new_service(), {"name": "CNNHD.720.tv", "program_number": 7}])
    _code, result = run_module(vos_services, params)
    assert result["changed"] is True
    assert ops(result) == [("create", "news.1080"), ("update", "CNNHD.720.tv")]
    assert [d["before_header"] for d in result["diff"]] == ["service 'news.1080' (absent)", "service 'CNNHD.720.tv'"]
    assert result["diff"][0]["before"] == {}
    assert [s["program_number"] for s in result["after"] if s["name"] == "CNNHD.720.tv"] == [7]
    assert sim.writes() == []
    _code, gathered = run_module(vos_services, dict(sim.connection(), state="gathered"))
    assert names(gathered["gathered"]) == SEED_SERVICES


def test_services_replaced_resets_omitted_options(sim, run_module):
    config = [{"name": "AandEHD.1080.tv", "profile": "dfw.720 3", "sources": [{"name": SOURCE_2, "rank": 1}]}]
    _code, result = run_module(vos_services, dict(sim.connection(), state="replaced", _ansible_diff=True, config=config))
    assert result["changed"] is True and ops(result) == [("update", "AandEHD.1080.tv")]
    after = [s for s in result["after"] if s["name"] == "AandEHD.1080.tv"][0]
    assert after == {"name": "AandEHD.1080.tv", "control_state": "off", "profile": "dfw.720 3",
                     "sources": [{"name": SOURCE_2, "rank": 1}], "destinations": []}
    _code, again = run_module(vos_services, dict(sim.connection(), state="replaced", config=config))
    assert again["changed"] is False


def test_services_overridden_check_mode_diff_is_a_drift_report(sim, run_module):
    keep = {"name": "CNNHD.720.tv"}
    params = dict(sim.connection(), state="overridden", _ansible_check_mode=True, _ansible_diff=True, config=[keep])
    _code, result = run_module(vos_services, params)
    assert result["changed"] is True
    removed = [n for n in SEED_SERVICES if n != "CNNHD.720.tv"]
    deletes = [r for r in result["requests"] if r["operation"] == "delete"]
    assert [r["item"] for r in deletes] == removed
    assert all(r["method"] == "DELETE" and r["path"].endswith("?force=True") for r in deletes)
    assert [d["after_header"] for d in result["diff"] if d["after"] == {}] == ["service %r (deleted)" % n for n in removed]
    assert names(result["after"]) == ["CNNHD.720.tv"]
    assert sim.writes() == []


def test_services_overridden_deletes_with_force(sim, run_module):
    _code, result = run_module(vos_services, dict(sim.connection(), state="overridden", config=[new_service()]))
    assert ops(result)[:4] == [("delete", n) for n in SEED_SERVICES] and ops(result)[4] == ("create", "news.1080")
    writes = sim.writes()
    assert len([w for w in writes if w[0] == "DELETE"]) == 4
    assert all(e["query"] == {"force": "True"} for e in sim.requests_log() if e["method"] == "DELETE")
    _code, gathered = run_module(vos_services, dict(sim.connection(), state="gathered"))
    assert names(gathered["gathered"]) == ["news.1080"]


def test_services_overridden_with_empty_config_deletes_everything(sim, run_module):
    _code, result = run_module(vos_services, dict(sim.connection(), state="overridden", config=[]))
    assert result["changed"] is True and result["after"] == []
    _code, again = run_module(vos_services, dict(sim.connection(), state="overridden"))
    assert again["changed"] is False and again["before"] == []


def test_services_deleted_then_unchanged(sim, run_module):
    params = dict(sim.connection(), state="deleted", _ansible_diff=True, config=[{"name": "HBOHD.720.tv"}, {"name": "no.such.service"}])
    _code, result = run_module(vos_services, params)
    assert result["changed"] is True and ops(result) == [("delete", "HBOHD.720.tv")]
    assert result["requests"][0]["path"].endswith("?force=True")
    assert result["diff"][0]["after_header"] == "service 'HBOHD.720.tv' (deleted)" and result["diff"][0]["after"] == {}
    assert names(result["after"]) == SEED_SERVICES[:3]
    _code, again = run_module(vos_services, params)
    assert again["changed"] is False and again["requests"] == [] and "diff" not in again


def test_services_deleted_with_empty_config_is_refused(sim, run_module):
    code, result = run_module(vos_services, dict(sim.connection(), state="deleted", config=[]))
    assert code == 1 and result["failed"] is True
    assert "state=deleted needs the service items to delete" in result["msg"]
    assert sim.requests_log() == []


def test_services_rendered_is_offline(sim, run_module):
    params = {"state": "rendered", "config": [new_service()]}
    _code, result = run_module(vos_services, params)
    assert result["changed"] is False
    assert len(result["rendered"]) == 1
    rendered = result["rendered"][0]
    assert rendered["method"] == "POST" and rendered["path"] == SERVICES
    body = rendered["body"]
    assert body["name"] == "news.1080" and body["controlState"] == "ACTIVATED"
    assert body["profileId"] == "<profiles:dfw.1080 2>"
    assert body["serviceSources"] == [{"sourceId": "<sources:%s>" % SOURCE_1, "rank": 1}, {"sourceId": "<sources:%s>" % SOURCE_2, "rank": 2}]
    assert body["destinationsId"] == ["<destinations:%s>" % ORIGIN_1, "<destinations:%s>" % ATS_2]
    assert body["destinationId"] == "<destinations:%s>" % ORIGIN_1
    assert body["addons"]["scte35SlateAddon"] == {"imageId": "<images:%s>" % BLACKOUT}
    assert "endpoints" not in result
    assert sim.requests_log() == []


def test_services_rendered_checks_required_options(sim, run_module):
    code, result = run_module(vos_services, {"state": "rendered", "config": [{"name": "x"}]})
    assert code == 1 and result["msg"] == "config[0] (service 'x'): profile and sources are needed to create a service"


@pytest.mark.parametrize("item, message", [
    (new_service(profile="no such profile"), "config[0] (service 'news.1080').profile: no profile named 'no such profile' exists"),
    (new_service(sources=[{"name": "ghost", "rank": 1}]), "config[0] (service 'news.1080').sources[0].name: no source named 'ghost'"),
    (new_service(destinations=["ghost"]), "config[0] (service 'news.1080').destinations[0]: no destination named 'ghost'"),
    (new_service(slate_image="http://nowhere/x.png"), "no slate image named 'http://nowhere/x.png'"),
    (new_service(sources=[{"name": SOURCE_1, "rank": 1}, {"name": SOURCE_2, "rank": 1}]),
     "config[0] (service 'news.1080'): sources: each source needs its own rank (1 = primary, 2 = backup), got [1, 1]"),
    ({"name": "news.1080", "profile": "dfw.1080 2"}, "config[0] (service 'news.1080'): sources is needed to create a service"),
])
def test_services_validation_fails_before_any_write(sim, run_module, item, message):
    code, result = run_module(vos_services, dict(sim.connection(), config=[new_service("ok.first"), item]))
    assert code == 1 and result["failed"] is True
    assert message.replace("config[0]", "config[1]") in result["msg"]
    assert "exception" not in result
    assert result["endpoints"]["services"] == {"calls": 1, "errors": 0}
    assert sim.writes() == []


def test_services_duplicate_names_in_config(sim, run_module):
    _code, result = run_module(vos_services, dict(sim.connection(), config=[{"name": "a"}, {"name": "a"}]))
    assert result["msg"] == "config[1]: service 'a' is declared twice (also config[0])"
    assert sim.requests_log() == []


def test_services_duplicate_names_on_device_are_refused(sim, run_module):
    _code, gathered = run_module(vos_services, dict(sim.connection(), state="gathered"))
    sim.control("POST", "items/services", {"name": "CNNHD.720.tv", "controlState": "OFF", "serviceSources": []})
    _code, result = run_module(vos_services, dict(sim.connection(), config=[gathered["gathered"][1]]))
    assert result["failed"] is True
    assert "2 services with this name exist on the device; remove the duplicates first" in result["msg"]
    assert gathered["gathered"][1]["name"] == "CNNHD.720.tv"


# ====================================================================================== vos_sources
def test_sources_merged_create_update_and_repeat(sim, run_module):
    params = dict(sim.connection(), config=[zixi_source()])
    _code, result = run_module(vos_sources, params)
    assert result["changed"] is True and result["requests"] == [
        {"method": "POST", "path": SOURCES, "item": "news.primary", "operation": "create"}]
    _code, gathered = run_module(vos_sources, dict(sim.connection(), state="gathered"))
    created = [s for s in gathered["gathered"] if s["name"] == "news.primary"][0]
    assert created == zixi_source()
    _code, again = run_module(vos_sources, params)
    assert again["changed"] is False

    wanted = {"name": "news.primary", "enable_monitoring": False, "inputs": [{"rank": 1, "ip_port": 5002}]}
    update = dict(sim.connection(), _ansible_diff=True, config=[wanted])
    _code, changed = run_module(vos_sources, update)
    assert ops(changed) == [("update", "news.primary")]
    assert changed["diff"][0]["before"]["enable_monitoring"] is True and changed["diff"][0]["after"]["enable_monitoring"] is False
    after_inputs = changed["diff"][0]["after"]["inputs"]
    assert after_inputs == [dict(zixi_source()["inputs"][0], ip_port=5002)]


def test_sources_replaced_and_deleted(sim, run_module):
    config = [{"name": SOURCE_1, "inputs": [{"rank": 1, "type": "slate", "slate_type": "signal_loss", "slate_image": BLACKOUT}]}]
    _code, result = run_module(vos_sources, dict(sim.connection(), state="replaced", config=config))
    assert ops(result) == [("update", SOURCE_1)]
    after = [s for s in result["after"] if s["name"] == SOURCE_1][0]
    assert after == dict(config[0], enable_monitoring=False)
    _code, created = run_module(vos_sources, dict(sim.connection(), config=[zixi_source("spare")]))
    assert created["changed"] is True
    _code, deleted = run_module(vos_sources, dict(sim.connection(), state="deleted", config=[{"name": "spare"}]))
    assert ops(deleted) == [("delete", "spare")] and deleted["requests"][0]["path"].startswith(SOURCES + "/")
    assert "?" not in deleted["requests"][0]["path"]


def test_sources_overridden_check_mode(sim, run_module):
    params = dict(sim.connection(), state="overridden", _ansible_check_mode=True, config=[zixi_source()])
    _code, result = run_module(vos_sources, params)
    assert [o for o, _rest in ops(result)] == ["delete"] * 4 + ["create"]
    assert names(result["after"]) == ["news.primary"]
    assert sim.writes() == []


def test_sources_rendered(sim, run_module):
    _code, result = run_module(vos_sources, {"state": "rendered", "config": [zixi_source()]})
    body = result["rendered"][0]["body"]
    zixi, slate = body["inputs"]
    assert zixi["type"] == "ZIXI" and zixi["zixiSettings"]["zixiInputType"] == "HARMONIC_UPLINK"
    assert zixi["zixiSettings"]["harmonicUplinkSetting"]["uplinkGroupId"] == "<uplink_groups:DFW-CL-GROUP-A>"
    assert zixi["zixiSettings"]["harmonicUplinkSetting"]["ipPort"] == 5000
    assert slate["type"] == "SLATE"
    assert slate["slateSettings"] == {"type": "SIGNAL_LOSS", "imageId": "<images:%s>" % SIGNAL_LOSS, "customSlateSettings": None}
    assert body["enableMonitoring"] is True
    assert sim.requests_log() == []


@pytest.mark.parametrize("inputs, message", [
    ([{"rank": 1, "type": "slate"}, {"rank": 1, "type": "zixi"}], "inputs: each input needs its own rank (1 = main), got [1, 1]"),
    ([{"rank": 1}], "inputs[0]: type (zixi or slate) and rank are required"),
    ([{"rank": 1, "type": "zixi", "cloud_link_group": "nope"}], "no cloud link group named 'nope' exists on the device"),
])
def test_sources_validation(sim, run_module, inputs, message):
    _code, result = run_module(vos_sources, dict(sim.connection(), config=[{"name": "bad", "inputs": inputs}]))
    assert result["failed"] is True and message in result["msg"]
    assert sim.writes() == []


def test_sources_device_refuses_deleting_a_source_in_use(sim, run_module):
    code, result = run_module(vos_sources, dict(sim.connection(), state="deleted", config=[{"name": SOURCE_1}]))
    assert code == 1
    assert result["msg"].startswith("delete source %r: DELETE %s/" % (SOURCE_1, SOURCES))
    assert "failed with HTTP 409" in result["msg"] and "is in use by" in result["msg"]
    assert result["status"] == 409 and result["method"] == "DELETE"
    assert result["endpoints"]["sources"]["errors"] == 1
    assert "exception" not in result


# ====================================================================================== vos_destinations
def test_destinations_create_ats_and_origin_secret_never_returned(sim, run_module):
    params = dict(sim.connection(), _ansible_diff=True, config=[origin_destination(), ats_destination()])
    _code, result = run_module(vos_destinations, params)
    assert result["changed"] is True and ops(result) == [("create", "news.origin"), ("create", "news.ats")]
    assert SECRET not in json.dumps(result)
    end_point = result["diff"][0]["after"]["outputs"][0]["end_points"][0]
    assert "password" not in end_point and end_point["username"] == "publisher"
    state = sim.control("GET", "state")
    assert SECRET in json.dumps(state)  # it did reach the device

    _code, again = run_module(vos_destinations, params)
    assert again["changed"] is False and again["requests"] == []


def test_destinations_update_password_always_sends_the_secret(sim, run_module):
    run_module(vos_destinations, dict(sim.connection(), config=[origin_destination()]))
    sim.control("DELETE", "requests")
    params = dict(sim.connection(), update_password="always", _ansible_diff=True, config=[origin_destination(password="n3w-" + SECRET)])
    _code, result = run_module(vos_destinations, params)
    assert result["changed"] is True and ops(result) == [("update", "news.origin")]
    assert result["diff"][0]["before"] == result["diff"][0]["after"]
    assert SECRET not in json.dumps(result)
    assert [m for m, _rest in sim.writes()] == ["PUT"]
    assert "n3w-" + SECRET in json.dumps(sim.control("GET", "state"))

    _code, on_create = run_module(vos_destinations, dict(params, update_password="on_create"))
    assert on_create["changed"] is False


def test_destinations_merged_update_keeps_stored_password(sim, run_module):
    config = [{"name": ORIGIN_1, "outputs": [{"rank": 1, "end_points": [{"packaging": "dash", "port": 8080}]}]}]
    _code, result = run_module(vos_destinations, dict(sim.connection(), config=config))
    assert ops(result) == [("update", ORIGIN_1)]
    _code, gathered = run_module(vos_destinations, dict(sim.connection(), state="gathered"))
    origin = [d for d in gathered["gathered"] if d["name"] == ORIGIN_1][0]
    assert origin["outputs"][0]["end_points"][0]["port"] == 8080


def test_destinations_replaced_overridden_deleted(sim, run_module):
    _code, replaced = run_module(vos_destinations, dict(sim.connection(), state="replaced", config=[ats_destination(ATS_2)]))
    assert ops(replaced) == [("update", ATS_2)]
    _code, overridden = run_module(vos_destinations, dict(sim.connection(), state="overridden", _ansible_check_mode=True,
                                                          config=[ats_destination(ATS_2)]))
    assert sorted(i for o, i in ops(overridden) if o == "delete") == sorted(
        [ORIGIN_1, "ESPNHD-3310.dfw.1080.mobile.origin", "HBOHD-5120.dfw.720.mobile.ATS"])
    run_module(vos_destinations, dict(sim.connection(), config=[ats_destination()]))
    _code, deleted = run_module(vos_destinations, dict(sim.connection(), state="deleted", config=[{"name": "news.ats"}]))
    assert ops(deleted) == [("delete", "news.ats")]


def test_destinations_rendered(sim, run_module):
    _code, result = run_module(vos_destinations, {"state": "rendered", "config": [origin_destination(), ats_destination()]})
    origin, ats = [r["body"] for r in result["rendered"]]
    end_points = origin["outputs"][0]["originSettings"]["originOutputEndPoints"]
    assert [e["packagingProfileType"] for e in end_points] == ["e_HLS", "e_INTERNAL"]
    # a create sends the secret; Ansible masks the no_log value in the printed result
    assert end_points[0]["password"] == "********"
    assert SECRET not in json.dumps(result)
    assert end_points[1]["outputMode"] == "LIVE_AND_TIMESHIFT" and end_points[1]["originOutputProtocol"] == "HTTP"
    assert origin["destinationProfileId"] == "<profiles:Akamai>"
    assert ats["type"] == "ATS" and ats["outputs"][0]["outputType"] == "HARMONIC_CLOUDLINK"
    assert ats["outputs"][0]["ipSettings"]["cloudlinkGroupId"] == "<uplink_groups:DFW-CL-GROUP-B>"


@pytest.mark.parametrize("item, message", [
    ({"name": "d", "type": "ats", "outputs": [{"rank": 1, "type": "origin"}]},
     "outputs[0]: a destination of type ats takes outputs of type cloudlink, not origin"),
    ({"name": "d", "type": "origin", "outputs": [{"rank": 1}]}, "outputs[0]: rank and type (cloudlink or origin) are required"),
    ({"name": "d", "type": "origin", "outputs": [{"rank": 1, "type": "origin"}, {"rank": 1, "type": "origin"}]},
     "outputs: each output needs its own rank, got [1, 1]"),
    ({"name": "d", "outputs": [{"rank": 1, "type": "origin"}]}, "type is needed to create a destination"),
])
def test_destinations_validation(sim, run_module, item, message):
    _code, result = run_module(vos_destinations, dict(sim.connection(), config=[item]))
    assert result["failed"] is True and message in result["msg"]
    assert sim.writes() == []


# ====================================================================================== vos_images
def test_images_all_states(sim, run_module):
    new = "http://slates.example.com/vos/new.png"
    _code, created = run_module(vos_images, dict(sim.connection(), _ansible_diff=True, config=[{"url": new}, {"url": BLACKOUT}]))
    assert created["requests"] == [{"method": "POST", "path": IMAGES, "item": new, "operation": "create"}]
    assert created["diff"] == [{"before_header": "slate image %r (absent)" % new, "after_header": "slate image %r" % new,
                                "before": {}, "after": {"url": new}}]
    _code, replaced = run_module(vos_images, dict(sim.connection(), state="replaced", config=[{"url": new}]))
    assert replaced["changed"] is False
    _code, rendered = run_module(vos_images, {"state": "rendered", "config": [{"url": new}]})
    assert rendered["rendered"][0]["body"]["url"] == new and len(rendered["rendered"][0]["body"]["id"]) == 36
    # overridden: the seeded slates are used by services and sources, so the device refuses; check mode plans it
    _code, planned = run_module(vos_images, dict(sim.connection(), state="overridden", _ansible_check_mode=True, config=[{"url": new}]))
    assert ops(planned) == [("delete", BLACKOUT), ("delete", SIGNAL_LOSS)]
    _code, deleted = run_module(vos_images, dict(sim.connection(), state="deleted", config=[{"url": new}]))
    assert ops(deleted) == [("delete", new)]
    assert names(deleted["after"], "url") == [BLACKOUT, SIGNAL_LOSS]


def test_images_need_url(sim, run_module):
    _code, result = run_module(vos_images, dict(sim.connection(), config=[{"url": ""}]))
    assert result["msg"] == "config[0]: url is required for every slate image"


# ====================================================================================== vos_users
def test_users_create_repeat_update_password_and_delete(sim, run_module):
    user = {"username": "ops2", "name": "Ops Two", "email": "ops2@example.com", "roles": ["OPERATOR"], "password": SECRET}
    _code, created = run_module(vos_users, dict(sim.connection(), _ansible_diff=True, config=[user]))
    assert created["requests"] == [{"method": "POST", "path": USERS, "item": "ops2", "operation": "create"}]
    assert SECRET not in json.dumps(created)
    assert created["diff"][0]["after"] == {k: v for k, v in user.items() if k != "password"}

    _code, repeat = run_module(vos_users, dict(sim.connection(), config=[user]))
    assert repeat["changed"] is False

    _code, always = run_module(vos_users, dict(sim.connection(), update_password="always", config=[user]))
    assert always["changed"] is True and ops(always) == [("update", "ops2")]
    assert always["requests"][0]["method"] == "PUT"

    # the new user can log in with the password that was sent
    _code, as_user = run_module(vos_users, dict(sim.connection(username="ops2", password=SECRET), state="gathered"))
    assert "ops2" in names(as_user["gathered"], "username")

    _code, renamed = run_module(vos_users, dict(sim.connection(), state="merged", config=[{"username": "ops2", "email": "x@example.com"}]))
    assert ops(renamed) == [("update", "ops2")]
    _code, deleted = run_module(vos_users, dict(sim.connection(), state="deleted", config=[{"username": "ops2"}]))
    assert ops(deleted) == [("delete", "ops2")]


def test_users_replaced_overridden_rendered(sim, run_module):
    _code, replaced = run_module(vos_users, dict(sim.connection(), state="replaced", config=[{"username": "monitor", "roles": ["VIEWER"]}]))
    assert ops(replaced) == [("update", "monitor")]
    assert [u for u in replaced["after"] if u["username"] == "monitor"] == [{"username": "monitor", "roles": ["VIEWER"]}]
    _code, overridden = run_module(vos_users, dict(sim.connection(), state="overridden", _ansible_check_mode=True,
                                                   config=[{"username": "monitor"}]))
    assert ops(overridden) == [("delete", "operator"), ("update", "monitor")]
    assert sim.writes() == [("PUT", replaced["requests"][0]["path"])]
    _code, rendered = run_module(vos_users, {"state": "rendered", "config": [{"username": "u1", "password": SECRET}]})
    assert rendered["rendered"] == [{"method": "POST", "path": USERS,
                                     "body": {"name": "u1", "username": "u1", "password": "********"}}]


def test_users_password_needed_to_create(sim, run_module):
    _code, result = run_module(vos_users, dict(sim.connection(), config=[{"username": "x"}]))
    assert result["msg"] == "config[0] (user 'x'): password is needed to create a user"


# ====================================================================================== vos_facts
def test_facts_all_subsets(sim, run_module):
    _code, result = run_module(vos_facts, sim.connection())
    assert result["changed"] is False
    facts = result["ansible_facts"]["vos"]
    assert list(facts) == ["services", "sources", "destinations", "profiles", "cloud_links", "nodes", "origin_engine", "images",
                           "notifications", "notification_types", "scte_logs", "platform"]
    assert names(facts["services"]) == SEED_SERVICES and all("id" in s for s in facts["services"])
    assert facts["cloud_links"]["lost"] == 1
    assert {u["name"]: u["state"] for u in facts["cloud_links"]["uplinks"]} == {"dfw-cloudlink-01": "CONNECTED", "dfw-cloudlink-02": "LOST"}
    assert facts["notifications"]["active_critical"] == 1
    assert len(facts["notification_types"]) == 10
    assert len(facts["origin_engine"]["servers"]) == 3
    assert sorted(n["services"][0] for n in facts["nodes"] if n["services"]) == SEED_SERVICES
    assert len(facts["platform"]["rf"]["monitorings"]) == 2
    assert "warnings" not in result
    assert all(v == {"calls": 1, "errors": 0} for v in result["endpoints"].values()), result["endpoints"]
    assert SECRET not in json.dumps(result)
    assert sim.writes() == []


def test_facts_subset_selection_and_limits(sim, run_module):
    params = dict(sim.connection(), gather_subset=["all", "!platform", "!scte_logs", "!nodes", "!origin_engine", "!cloud_links",
                                                   "!notification_types", "!profiles", "!destinations", "!sources", "!services"],
                  notification_limit=2)
    _code, result = run_module(vos_facts, params)
    assert list(result["ansible_facts"]["vos"]) == ["images", "notifications"]
    assert len(result["ansible_facts"]["vos"]["notifications"]["items"]) == 2
    assert [e["query"] for e in sim.requests_log() if e["path"].endswith("/notifications")] == [{"result_count": "2"}]
    _code, logs = run_module(vos_facts, dict(sim.connection(), gather_subset=["scte_logs"], scte_log_limit=1))
    assert len(logs["ansible_facts"]["vos"]["scte_logs"]) == 1


def test_facts_without_rf_cards_warns(sim, run_module):
    sim.control("POST", "config", {"rf_absent": True})
    _code, result = run_module(vos_facts, dict(sim.connection(), gather_subset=["platform"]))
    assert result["ansible_facts"]["vos"]["platform"]["rf"] == {"monitorings": [], "statistics": [], "settings": []}
    assert len(result["warnings"]) == 3 and all("normal without RF cards" in w for w in warnings(result))


def test_facts_unknown_subset(sim, run_module):
    code, result = run_module(vos_facts, dict(sim.connection(), gather_subset=["bogus"]))
    assert code == 1 and result["msg"].startswith("gather_subset: 'bogus' is not a subset; choose from all, services")
    assert sim.requests_log() == []


def test_facts_absent_modeled_endpoint_returns_empty_with_warning(sim, run_module):
    params = dict(sim.connection(), gather_subset=["nodes", "images"], endpoint_paths={"nodes": "/vos-api/cluster/v9/nowhere"})
    _code, result = run_module(vos_facts, params)
    assert result["ansible_facts"]["vos"]["nodes"] == []
    assert warnings(result)[0].startswith("subset nodes: the device has no such endpoint")


# ====================================================================================== diagnostics (-vvv)
@pytest.mark.parametrize("module, extra", [
    (vos_facts, {"gather_subset": ["images"]}),
    (vos_images, {"state": "gathered"}),
    (vos_services, {"config": [{"name": "CNNHD.720.tv", "control_state": "off"}]}),
])
def test_verbosity_3_adds_http_log_without_secrets(sim, run_module, module, extra):
    _code, result = run_module(module, dict(sim.connection(), _ansible_verbosity=3, **extra))
    log = result["http_log"]
    assert log and all(set(e) == {"method", "path", "status", "duration_ms"} for e in log)
    assert len(log) == sum(v["calls"] for v in result["endpoints"].values())
    assert all(e["status"] == 200 for e in log)
    assert "admin-password" not in json.dumps(result)


def test_verbosity_3_on_failure_keeps_http_log(sim, run_module):
    sim.fault(count=1, status=500, methods=["POST"])
    _code, result = run_module(vos_images, dict(sim.connection(), _ansible_verbosity=3, config=[{"url": "http://x/y.png"}]))
    assert result["failed"] is True
    assert [(e["method"], e["status"]) for e in result["http_log"]] == [("GET", 200), ("POST", 500), ("GET", 200)]


def test_verbosity_below_3_has_no_http_log(sim, run_module):
    _code, result = run_module(vos_images, dict(sim.connection(), _ansible_verbosity=2, state="gathered"))
    assert "http_log" not in result and result["endpoints"]["images"]["calls"] == 1


# ====================================================================================== failures
@pytest.mark.parametrize("module, extra", [
    (vos_facts, {}), (vos_services, {"state": "gathered"}), (vos_sources, {"state": "gathered"}),
    (vos_destinations, {"state": "gathered"}), (vos_images, {"state": "gathered"}), (vos_users, {"state": "gathered"}),
])
def test_device_error_is_a_clear_failure(sim, run_module, module, extra):
    sim.fault(count=50, status=500, methods=["GET"])
    code, result = run_module(module, dict(sim.connection(), **extra))
    assert code == 1 and result["failed"] is True
    assert "failed with HTTP 500" in result["msg"] and result["msg"].startswith("GET /vos-api/")
    assert result["status"] == 500 and result["method"] == "GET"
    assert "exception" not in result
    assert sum(v["errors"] for v in result["endpoints"].values()) >= 1


def test_create_failure_with_5xx_rereads_then_fails(sim, run_module):
    sim.fault(count=1, status=503, methods=["POST"])
    code, result = run_module(vos_images, dict(sim.connection(), config=[{"url": "http://x/y.png"}]))
    assert code == 1
    assert result["msg"].startswith("create slate image 'http://x/y.png': POST %s failed with HTTP 503" % IMAGES)
    assert [m for m, _rest in sim.writes()] == ["POST"]


def test_create_lost_answer_but_item_exists_counts_as_created(sim, run_module):
    sim.fault(count=1, drop=True, methods=["POST"])
    # the dropped request never reached the device: the re-read does not find it, the module fails clearly
    code, result = run_module(vos_images, dict(sim.connection(), config=[{"url": "http://x/y.png"}]))
    assert code == 1 and "cannot reach" in result["msg"]


@pytest.mark.parametrize("module", ALL_MODULES)
def test_unreachable_device_names_host_and_cause(sim, run_module, module):
    params = dict(UNREACHABLE, username="admin", password="admin-password")
    if module is not vos_facts:
        params["state"] = "gathered"
    code, result = run_module(module, params)
    assert code == 1
    assert "cannot reach http://127.0.0.1:9" in result["msg"] and "connection refused" in result["msg"]
    assert "exception" not in result


@pytest.mark.parametrize("module", ALL_MODULES)
def test_bad_credentials_name_the_user(sim, run_module, module):
    params = sim.connection(password="wrong-" + SECRET)
    if module is not vos_facts:
        params["state"] = "gathered"
    code, result = run_module(module, params)
    assert code == 1
    assert "VOS refused username 'admin' (HTTP 403" in result["msg"]
    assert SECRET not in json.dumps(result)


def test_bad_oauth_client_secret(sim, run_module):
    params = dict(sim.connection(), state="gathered", client_id=OAUTH["client_id"], client_secret="wrong-" + SECRET,
                  auth_method="client_credentials")
    _code, result = run_module(vos_users, params)
    assert result["msg"].startswith("VOS refused the OAuth2 client credentials at /oauth/token (HTTP 401)")
    assert SECRET not in json.dumps(result)


@pytest.mark.parametrize("extra, message", [
    ({"max_workers": 0}, "max_workers: 0 is not allowed; give 1 (sequential) to 64"),
    ({"endpoint_paths": {"nope": "/x"}}, "endpoint_paths: 'nope' is not an endpoint key of VOS"),
    ({"endpoint_paths": {"services": "relative"}}, "endpoint_paths.services: 'relative' must be a path starting with /"),
    ({"username": None}, "auth_method=basic needs username"),
    ({"host": None}, "host is required"),
])
def test_connection_option_validation(sim, run_module, extra, message):
    _code, result = run_module(vos_services, dict(sim.connection(**extra), state="gathered"))
    assert result["failed"] is True and message in result["msg"]
    assert sim.requests_log() == []


@pytest.mark.parametrize("args, message", [
    ({"state": "merged"}, "state is merged but all of the following are missing: config"),
    ({"state": "bogus", "config": []}, "value of state must be one of"),
    ({"config": [{"name": "x", "unknown": 1}]}, "Unsupported parameters"),
    ({"config": [{"name": "x", "program_number": "abc"}]}, "program_number"),
    ({"config": "not a list of dicts"}, "dictionary requested, could not parse JSON or key=value"),
])
def test_argument_spec_errors(sim, run_module, args, message):
    code, result = run_module(vos_services, dict(sim.connection(), **args))
    assert code == 1 and message in result["msg"]
    assert sim.requests_log() == []


@pytest.mark.parametrize("module", ALL_MODULES)
def test_missing_requests_library(sim, run_module, monkeypatch, module):
    monkeypatch.setattr(vos_device.VOS, "requires", {"requests": "Traceback (most recent call last):\nImportError: No module named requests"})
    params = sim.connection(state="gathered") if module is not vos_facts else sim.connection()
    code, result = run_module(module, params)
    assert code == 1
    assert result["msg"].startswith("Failed to import the required Python library (requests)")
    assert sim.requests_log() == []


def test_env_fallback_connection(sim, run_module, monkeypatch):
    monkeypatch.setenv("VOS_HOST", "127.0.0.1")
    monkeypatch.setenv("VOS_PORT", str(sim.port))
    monkeypatch.setenv("VOS_USE_SSL", "false")
    monkeypatch.setenv("VOS_USERNAME", "admin")
    monkeypatch.setenv("VOS_PASSWORD", "admin-password")
    _code, result = run_module(vos_images, {"state": "gathered"})
    assert names(result["gathered"], "url") == [BLACKOUT, SIGNAL_LOSS]


def test_reference_helper():
    assert reference({"a": {"b": 1}}, "a.b") == 1
    assert reference({"a": None}, "a.b") is None


def test_service_with_only_the_main_destination_id(sim, run_module):
    """An older service object has ``destinationId`` and no ``destinationsId``: gathered shows that destination."""
    _code, destinations = run_module(vos_facts, dict(sim.connection(), gather_subset=["destinations"]))
    ident = [d["id"] for d in destinations["ansible_facts"]["vos"]["destinations"] if d["name"] == ATS_2][0]
    sim.control("POST", "items/services", {"name": "legacy.tv", "controlState": "OFF", "serviceSources": [], "destinationId": ident})
    _code, result = run_module(vos_services, dict(sim.connection(), state="gathered"))
    assert [s["destinations"] for s in result["gathered"] if s["name"] == "legacy.tv"] == [[ATS_2]]


def test_list_endpoint_answering_an_object_fails_clearly(sim, run_module):
    params = dict(sim.connection(), state="gathered", endpoint_paths={"images": "/vos-api/platform-config/v1/systemInfo"})
    code, result = run_module(vos_images, params)
    assert code == 1 and result["msg"] == "GET /vos-api/platform-config/v1/systemInfo: expected a JSON array, got dict"


# ====================================================================================== OAuth2 answers the simulator never gives
class _OAuthOddities(BaseHTTPRequestHandler):
    """``/oauth/authorize`` redirects without a code; ``/oauth/token`` answers 200 without an access_token."""

    def _answer(self, status, body=b"", headers=()):
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):  # noqa: N802 - http.server naming
        self._answer(302, headers=[("Location", "https://callback.example.com/cb?error=access_denied")])

    def do_POST(self):  # noqa: N802 - http.server naming
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self._answer(200, b'{"token_type": "bearer"}', [("Content-Type", "application/json")])

    def log_message(self, *args):  # pylint: disable=arguments-differ
        pass


@pytest.fixture
def oauth_oddities():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _OAuthOddities)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield {"host": "127.0.0.1", "port": server.server_address[1], "use_ssl": False, "retries": 0, "timeout": 5}
    server.shutdown()
    server.server_close()
    thread.join(5)


def test_token_answer_without_access_token(oauth_oddities, run_module):
    _code, result = run_module(vos_images, dict(oauth_oddities, state="gathered", **OAUTH))
    assert result["msg"] == "the token endpoint /oauth/token answered without an access_token"


def test_authorize_redirect_without_code(oauth_oddities, run_module):
    params = dict(oauth_oddities, state="gathered", username="admin", password="admin-password", **OAUTH)
    _code, result = run_module(vos_images, params)
    assert result["msg"] == "/oauth/authorize redirected without an authorization code (Location: https://callback.example.com/cb)"


# ====================================================================================== run as a script
@pytest.mark.parametrize("module", ALL_MODULES)
def test_module_runs_as_a_script(sim, capsys, module):
    args = sim.connection(gather_subset=["images"]) if module is vos_facts else sim.connection(state="gathered")
    capsys.readouterr()
    with patch_module_args(args):
        with pytest.raises(SystemExit) as exit_info:
            runpy.run_path(module.__file__, run_name="__main__")
    assert exit_info.value.code == 0
    result = json.loads(capsys.readouterr().out)
    assert result["changed"] is False and "failed" not in result


# ====================================================================================== former tracebacks (found by fuzzing)
def _gathered_images(sim, **extra):
    return dict(sim.connection(), state="gathered", **extra)


@pytest.mark.parametrize("extra", [{"timeout": -1}, {"connect_timeout": -2}, {"timeout": 1e300}, {"timeout": float("nan")}],
                         ids=["negative-timeout", "negative-connect-timeout", "huge-timeout", "nan-timeout"])
def test_bug_invalid_timeouts_end_in_fail_json(sim, run_module, extra):
    code, result = run_module(vos_images, _gathered_images(sim, **extra))
    assert code == 1 and "timeout" in result["msg"]


@pytest.mark.parametrize("extra", [{"password": "pässwörd✓"}, {"username": "用户"},
                                   {"auth_method": "client_credentials", "client_id": "✓", "client_secret": "✓"}],
                         ids=["password", "username", "client-credentials"])
def test_bug_non_latin1_credentials_end_in_fail_json(sim, run_module, extra):
    code, result = run_module(vos_images, _gathered_images(sim, **extra))
    assert code == 1 and result["msg"]


def test_bug_missing_ca_path_ends_in_fail_json(sim, run_module):
    code, result = run_module(vos_images, _gathered_images(sim, use_ssl=True, ca_path="/nonexistent/vos-ca.pem"))
    assert code == 1 and "ca_path" in result["msg"]


def test_bug_url_host_with_bad_port_ends_in_fail_json(sim, run_module):
    code, result = run_module(vos_images, _gathered_images(sim, host="http://127.0.0.1:notaport"))
    assert code == 1 and "host" in result["msg"]


def test_bug_huge_max_workers_is_refused(sim, run_module, monkeypatch):
    from urllib3 import connectionpool

    original = connectionpool.HTTPConnectionPool.__init__

    def guarded(self, *args, **kwargs):
        if int(kwargs.get("maxsize") or 1) > 10 ** 6:
            raise MemoryError("urllib3 would pre-fill a pool queue of %s entries" % kwargs["maxsize"])
        original(self, *args, **kwargs)

    monkeypatch.setattr(connectionpool.HTTPConnectionPool, "__init__", guarded)
    code, result = run_module(vos_images, _gathered_images(sim, max_workers=10 ** 9))
    assert code == 1 and "max_workers" in result["msg"]
