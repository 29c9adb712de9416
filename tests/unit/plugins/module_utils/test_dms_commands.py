# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Unit tests of plugins/module_utils/dms/commands.py (run_command) against the DMS simulator: option checks before
any request, selection by ids, group and filters, the max_devices guard, firmware skips, check mode sending nothing,
per-device reports; stubbed answers for what the simulator never says."""

from __future__ import annotations

import pytest

from ansible_collections.broadcast.video.plugins.module_utils.dms.client import DEFAULT_PATHS, DmsClient
from ansible_collections.broadcast.video.plugins.module_utils.dms.commands import STATUSES, run_command
from ansible_collections.broadcast.video.plugins.module_utils.errors import EndpointDisabled, ValidationError

COMMANDS_PATH = DEFAULT_PATHS["device_commands"]
VERSIONS = "10.8.5.1, 11.2.1.0, 11.3.0.2, 11.4.0.0, 11.4.1.0"


@pytest.fixture
def dms(dms_sim):
    """``dms(**options) -> DmsClient`` on the simulator; closed after the test."""
    clients = []

    def make(**extra):
        client = DmsClient(dms_sim.connection(**extra))
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


def commands_sent(dms_sim):
    return dms_sim.state()["commands"]


def entry(ident, status, message="", name=None):
    return {"id": ident, "name": name or ident, "status": status, "message": message}


def test_statuses():
    assert STATUSES == ("accepted", "rejected", "skipped", "planned")


# ---------------------------------------------------------------------------------------------- option checks
@pytest.mark.parametrize("kwargs, message", [
    ({"command": "factory_reset", "devices": ["dev-000002"]},
     "command: 'factory_reset' is not allowed; choose reboot, resend_authorization, firmware_upgrade"),
    ({"command": "firmware_upgrade", "devices": ["dev-000002"]},
     "firmware_version: required with command=firmware_upgrade"),
    ({"command": "reboot", "devices": ["dev-000002"], "firmware_version": "11.4.1.0"},
     "firmware_version: only used with command=firmware_upgrade"),
    ({"command": "reboot", "devices": ["dev-000002"], "max_devices": -1},
     "max_devices: -1 is not allowed; give 0 (no limit) or more"),
    ({"command": "reboot", "devices": ["dev-000002"], "max_devices": "10"},
     "max_devices: '10' is not allowed; give 0 (no limit) or more"),
    ({"command": "reboot"},
     "select the devices: give devices (a list of device ids), group (a DMS group name) or filters (region, model, "
     "status, firmware_version, group)"),
    ({"command": "reboot", "filters": {"region": None, "model": ""}, "group": ""},
     "select the devices: give devices (a list of device ids), group (a DMS group name) or filters (region, model, "
     "status, firmware_version, group)"),
    ({"command": "reboot", "devices": ["dev-000002"], "group": "hotels"},
     "devices: give either devices (ids) or group/filters, not both"),
    ({"command": "reboot", "devices": ["dev-000002"], "filters": {"region": "north"}},
     "devices: give either devices (ids) or group/filters, not both"),
    ({"command": "reboot", "devices": ["dev-000002", "dev-999999"]},
     "devices: 1 unknown device id: dev-999999 (nothing was sent)"),
    ({"command": "reboot", "devices": ["dev-99999%d" % n for n in range(1, 7)] + ["dev-000002"]},
     "devices: 6 unknown device ids: dev-999991, dev-999992, dev-999993, dev-999994, dev-999995... (nothing was sent)"),
    ({"command": "reboot", "group": "nope"},
     "group: 'nope' is not a DMS group; groups: hotels, international, kids, movies, news, region-central, "
     "region-coastal, region-east, region-islands, region-mountain, region-north, region-south, region-west, sports, "
     "tier-basic, tier-premium"),
    ({"command": "reboot", "group": "hotels", "filters": {"group": "sports"}},
     "group: 'hotels' and filters.group 'sports' differ; give one"),
    ({"command": "firmware_upgrade", "devices": ["dev-000002"], "firmware_version": "9.9.9"},
     "firmware_version: '9.9.9' is not on the DMS; available: " + VERSIONS),
    ({"command": "reboot", "group": "region-north", "max_devices": 5},
     "the selection holds 12 devices, more than max_devices (5): narrow it, or raise max_devices (0 means no limit); "
     "nothing was sent"),
])
def test_refused_before_anything_is_sent(dms, dms_sim, kwargs, message):
    with pytest.raises(ValidationError) as info:
        run_command(dms(), **kwargs)
    assert str(info.value) == message
    assert dms_sim.writes() == []


def test_no_groups_and_no_firmware(dms, dms_sim):
    dms_sim.control("POST", "reset", {"empty": True})
    with pytest.raises(ValidationError) as info:
        run_command(dms(), "reboot", group="hotels")
    assert str(info.value) == "group: 'hotels' is not a DMS group; groups: none"
    for version in VERSIONS.split(", "):
        dms_sim.control("DELETE", "items/firmware/%s" % version)
    with pytest.raises(ValidationError) as info:
        run_command(dms(), "firmware_upgrade", devices=["dev-000002"], firmware_version="11.4.1.0")
    assert str(info.value) == "firmware_version: '11.4.1.0' is not on the DMS; available: none"
    assert dms_sim.writes() == []


def test_switched_off_firmware_endpoint_names_its_key(dms, dms_sim):
    with pytest.raises(EndpointDisabled) as info:
        run_command(dms(endpoint_paths={"firmware": {"enabled": False}}), "firmware_upgrade", devices=["dev-000002"],
                    firmware_version="11.4.1.0")
    assert "'firmware'" in str(info.value) and info.value.key == "firmware"
    assert dms_sim.requests_log() == []


# ---------------------------------------------------------------------------------------------- sending
def test_reboot_by_ids_reports_in_the_given_order(dms, dms_sim):
    result = run_command(dms(), "reboot", devices=["dev-000004", "dev-000001", "dev-000002"])
    assert result == {
        "changed": True, "command": "reboot", "selected": 3, "sent": 3, "accepted": 2, "rejected": 1, "skipped": 0,
        "planned": 0, "results": [entry("dev-000004", "accepted", "reboot started"),
                                  entry("dev-000001", "rejected", "device is offline"),
                                  entry("dev-000002", "accepted", "reboot started")]}
    (command,) = commands_sent(dms_sim)
    assert command["deviceIds"] == ["dev-000004", "dev-000001", "dev-000002"] and command["parameters"] == {}
    assert dms_sim.writes() == [("POST", COMMANDS_PATH)]


def test_only_rejections_is_no_change(dms, dms_sim):
    result = run_command(dms(), "resend_authorization", devices=["dev-000001"])
    assert result["changed"] is False and result["sent"] == 1 and result["rejected"] == 1
    assert commands_sent(dms_sim)[0]["command"] == "resend_authorization"


def test_group_and_filters_select_on_the_server(dms, dms_sim):
    client = dms()
    everything = {d["id"]: d for d in client.devices()}
    result = run_command(client, "reboot", group="hotels", filters={"status": "online", "group": "hotels"},
                         display_key="custom_description")
    expected = [d for d in everything.values() if "grp-0014" in d["groups"] and d["status"] == "online"]
    assert [r["id"] for r in result["results"]] == [d["id"] for d in expected] and expected
    assert all(r["status"] == "accepted" for r in result["results"])
    assert [r["name"] for r in result["results"]] == [d["customDescription"] or d["id"] for d in expected]
    queries = [q for q in dms_sim.queries("/api/v1/devices") if "group" in q]
    assert queries == [{"group": "hotels", "status": "online", "page": "1", "pageSize": "1000"}]
    islands = run_command(client, "reboot", filters={"region": "islands"}, display_key="serial_number")
    assert [r["id"] for r in islands["results"]] == [d["id"] for d in everything.values() if d["region"] == "islands"]
    assert islands["results"][0]["name"] == everything[islands["results"][0]["id"]]["serialNumber"]


def test_max_devices_zero_means_no_limit(dms, dms_sim):
    result = run_command(dms(), "reboot", group="region-north", max_devices=0)
    assert result["selected"] == 12 and result["sent"] == 12
    result = run_command(dms(), "reboot", group="region-north", max_devices=12)
    assert result["selected"] == 12


def test_firmware_upgrade_skips_devices_that_need_nothing(dms, dms_sim):
    devices = ["dev-000006", "dev-000002", "dev-000033", "dev-000004"]
    result = run_command(dms(), "firmware_upgrade", devices=devices, firmware_version="11.4.1.0")
    assert result == {
        "changed": True, "command": "firmware_upgrade", "selected": 4, "sent": 3, "accepted": 2, "rejected": 1,
        "skipped": 1, "planned": 0, "results": [
            entry("dev-000006", "accepted", "upgrade to 11.4.1.0 started"),
            entry("dev-000002", "skipped", "firmware 11.4.1.0 does not fit model ProView 7100"),
            entry("dev-000033", "rejected", "device is offline"),
            entry("dev-000004", "accepted", "upgrade to 11.4.1.0 started")]}
    (command,) = commands_sent(dms_sim)
    assert command["deviceIds"] == ["dev-000006", "dev-000033", "dev-000004"]
    assert command["parameters"] == {"firmwareVersion": "11.4.1.0"}
    again = run_command(dms(), "firmware_upgrade", devices=devices, firmware_version="11.4.1.0")
    assert again["changed"] is False and again["sent"] == 1 and again["skipped"] == 3
    assert again["results"][0] == entry("dev-000006", "skipped", "already on 11.4.1.0")


def test_firmware_upgrade_where_nothing_is_needed_sends_nothing(dms, dms_sim):
    result = run_command(dms(), "firmware_upgrade", devices=["dev-000004", "dev-000002"], firmware_version="11.4.0.0")
    assert result["changed"] is False and result["sent"] == 0 and result["skipped"] == 2
    assert result["results"][0] == entry("dev-000004", "skipped", "already on 11.4.0.0")
    assert dms_sim.writes() == []


def test_firmware_without_a_model_list_fits_every_model(dms, dms_sim):
    dms_sim.insert("firmware", {"version": "12.0.0.0", "models": None})
    result = run_command(dms(), "firmware_upgrade", devices=["dev-000002", "dev-000003"], firmware_version="12.0.0.0")
    assert result["skipped"] == 0 and result["sent"] == 2
    assert [r["message"] for r in result["results"]] == ["firmware 12.0.0.0 is not available for ProView 7100",
                                                         "firmware 12.0.0.0 is not available for RD9000"]


# ---------------------------------------------------------------------------------------------- check mode
def test_check_mode_plans_and_sends_nothing(dms, dms_sim):
    client = DmsClient(dms_sim.connection(), check_mode=True)
    try:
        result = run_command(client, "firmware_upgrade", devices=["dev-000006", "dev-000002", "dev-000033"],
                             firmware_version="11.4.1.0", check_mode=True)
        assert result == {
            "changed": True, "command": "firmware_upgrade", "selected": 3, "sent": 0, "accepted": 0, "rejected": 0,
            "skipped": 1, "planned": 2, "results": [
                entry("dev-000006", "planned"),
                entry("dev-000002", "skipped", "firmware 11.4.1.0 does not fit model ProView 7100"),
                entry("dev-000033", "planned")]}
        nothing = run_command(client, "firmware_upgrade", devices=["dev-000002"], firmware_version="11.4.1.0",
                              check_mode=True)
        assert nothing["changed"] is False and nothing["planned"] == 0
    finally:
        client.close()
    assert dms_sim.writes() == [] and commands_sent(dms_sim) == []


# ---------------------------------------------------------------------------------------------- odd answers
def test_answers_the_report_cannot_use(dms, dms_sim, monkeypatch):
    client = dms()
    sent = []

    def send_command(command, device_ids, parameters=None):
        sent.append((command, list(device_ids), parameters))
        return [{"deviceId": "dev-000004", "status": "queued", "message": None},
                {"deviceId": "dev-999999", "status": "accepted"},
                {"deviceId": "dev-000003", "status": "accepted", "message": "ok"}]

    monkeypatch.setattr(client, "send_command", send_command)
    result = run_command(client, "reboot", devices=["dev-000004", "dev-000002", "dev-000003"])
    assert sent == [("reboot", ["dev-000004", "dev-000002", "dev-000003"], {})]
    assert result["results"] == [entry("dev-000004", "rejected"),
                                 entry("dev-000002", "rejected", "DMS did not report on this device"),
                                 entry("dev-000003", "accepted", "ok")]
    assert result["changed"] is True and result["accepted"] == 1 and result["rejected"] == 2
