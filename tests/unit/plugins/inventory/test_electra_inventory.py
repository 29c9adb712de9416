# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Unit tests of plugins/inventory/electra.py: the pure parts (profile fingerprint, node entries, jobs in alarm, the
SNMP option subset), and ``parse`` itself with the plugin's documented options against the Electra XT simulator
(``electra_sim``): hosts, groups, host variables, the SNMP requests, the cache, the profile path and the errors.
Through real ansible-inventory and ansible runs: tests/integration/targets/inventory_electra."""

from __future__ import annotations

import copy
import json
import os
import pkgutil
import sys
import time

import pytest
import yaml
from ansible import constants as C
from ansible.errors import AnsibleParserError
from ansible.inventory.data import InventoryData
from ansible.parsing.dataloader import DataLoader
from ansible.plugins.doc_fragments.constructed import ModuleDocFragment as ConstructedFragment
from ansible.plugins.doc_fragments.inventory_cache import ModuleDocFragment as CacheFragment

from ansible_collections.broadcast.video.plugins.doc_fragments.electra_inventory import (
    ModuleDocFragment as ElectraFragment)
from ansible_collections.broadcast.video.plugins.inventory import electra
from ansible_collections.broadcast.video.plugins.inventory.electra import (
    CONNECTION_SPEC, JOB_FIELDS, NODE_FIELDS, InventoryModule, job_entry, jobs_in_alarm, node_entries,
    profile_fingerprint, shield_mib_files)
from ansible_collections.broadcast.video.plugins.module_utils.electra.client import CONNECTION_SPEC as CLIENT_SPEC
from ansible_collections.broadcast.video.plugins.module_utils.electra.profile import DEFAULT_PROFILE, load_profile

pytest.importorskip("pysnmp.hlapi.v3arch.asyncio")

NAME = "broadcast.video.electra"
REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", ".."))
PARAMETERS_OID = "1.3.6.1.4.1.32473.1.5.1.1."


def documented_options():
    """The plugin's options as ansible-doc assembles them (its fragments: constructed, inventory_cache, ours)."""
    options = {}
    for text in (ConstructedFragment.DOCUMENTATION, CacheFragment.DOCUMENTATION, ElectraFragment.DOCUMENTATION,
                 electra.DOCUMENTATION):
        options.update(yaml.safe_load(text).get("options") or {})
    return options


# Ansible reads plugin options from the definitions its plugin loader registers; register ours the same way.
C.config.initialize_plugin_configuration_definitions("inventory", NAME, documented_options())


def parse(config_path, cache=True):
    """``InventoryModule.parse`` of the configuration file ``config_path``; returns ``(inventory data, plugin)``."""
    module = InventoryModule()
    module._load_name = NAME  # pylint: disable=protected-access
    inventory = InventoryData()
    module.parse(inventory, DataLoader(), str(config_path), cache=cache)
    if getattr(module, "_cache", None) is not None and hasattr(module._cache, "update_cache_if_changed"):
        module._cache.update_cache_if_changed()  # what the InventoryManager does after parse
    return inventory, module


@pytest.fixture
def configure(tmp_path, electra_sim):
    """``configure(extra="", name="lab")`` writes ``NAME.electra.yml`` for the simulator (v2c, one attempt of 3 s) and
    returns its path."""
    def write(extra="", name="lab"):
        path = tmp_path / ("%s.electra.yml" % name)
        path.write_text("plugin: %s\nhost: 127.0.0.1\nsnmp_port: %d\nsnmp_timeout: 3\nsnmp_retries: 0\n%s\n" % (
            NAME, electra_sim.snmp_port, extra), encoding="utf-8")
        return path
    return write


def variables(inventory, host):
    return dict(inventory.get_host(host).vars)


def members(inventory, group):
    found = inventory.groups.get(group)
    return sorted(h.name for h in found.get_hosts()) if found is not None else None


# ---------------------------------------------------------------------------------------------- pure parts
def test_connection_spec_is_the_clients_snmp_options_and_every_one_is_documented():
    assert list(CONNECTION_SPEC) == list(electra.SNMP_OPTIONS)
    assert all(CONNECTION_SPEC[key] is CLIENT_SPEC[key] for key in CONNECTION_SPEC)
    assert not {"username", "password", "port", "use_ssl", "endpoint_paths"} & set(CONNECTION_SPEC)
    fragment = yaml.safe_load(ElectraFragment.DOCUMENTATION)["options"]
    assert sorted(fragment) == sorted(CONNECTION_SPEC)
    for key, spec in CONNECTION_SPEC.items():
        assert fragment[key]["type"] == spec["type"], key
        assert fragment[key].get("default") == spec.get("default"), key
        assert fragment[key].get("choices") == spec.get("choices"), key
        # the plugin's environment variables are the modules' fallbacks
        want = spec["fallback"][1] if "fallback" in spec else []
        assert [e["name"] for e in fragment[key].get("env") or []] == want, key
    assert {k for k, s in CONNECTION_SPEC.items() if s.get("no_log")} == {"community", "v3_auth_key", "v3_priv_key"}
    assert set(InventoryModule.TEMPLATED_OPTIONS) <= set(CONNECTION_SPEC)


def test_profile_fingerprint_follows_the_table_layout_not_the_name():
    default = profile_fingerprint(load_profile(None))
    assert len(default) == 16
    assert profile_fingerprint(load_profile(os.path.join(REPO, "profiles", "electra", "default.yml"))) == default
    renamed = copy.deepcopy(DEFAULT_PROFILE)
    renamed["name"], renamed["modeled"] = "my site", False
    del renamed["tables"]["logs"]  # not read by the inventory
    assert profile_fingerprint(load_profile(renamed)) == default
    moved = copy.deepcopy(DEFAULT_PROFILE)
    moved["tables"]["jobs"]["columns"]["custom_label"]["id"] = 11
    relabelled = copy.deepcopy(DEFAULT_PROFILE)
    relabelled["tables"]["nodes"]["columns"]["role"]["values"][3] = "worker"
    without_parameters = copy.deepcopy(DEFAULT_PROFILE)
    del without_parameters["tables"]["job_parameters"]
    prints = {profile_fingerprint(load_profile(p)) for p in (moved, relabelled, without_parameters)}
    assert len(prints) == 3 and default not in prints


def job(index, node, alarm_state="normal", **extra):
    row = {"index": index, "name": "job-%04d" % index, "display_name": "Job %d" % index, "workflow": "Live",
           "node": node, "node_name": "n%d" % node, "status": "running", "alarm_state": alarm_state,
           "service_name": "S %d" % index, "output_bitrate": 8000, "uptime": 60, "custom_label": "",
           "writable_parameters": ["service_name"], "parameters": {"service_name": "S %d" % index}}
    row.update(extra)
    return row


def test_job_entry_has_the_documented_fields_and_parameters_only_when_asked():
    assert list(job_entry(job(1, 1), False)) == list(JOB_FIELDS)
    entry = job_entry(job(1, 1), True)
    assert list(entry) == list(JOB_FIELDS) + ["parameters"]
    assert entry["parameters"] == {"service_name": "S 1"}
    assert entry["parameters"] is not job(1, 1)["parameters"]
    # a profile without a column: null; no parameter table: an empty dict
    sparse = job_entry({"index": 3, "name": "x"}, True)
    assert sparse["alarm_state"] is None and sparse["parameters"] == {}


def test_node_entries_put_jobs_under_their_node_and_count_the_orphans():
    nodes = [{"index": 1, "name": "a", "role": "master", "extra": "dropped"}, {"index": 2, "name": "b"}]
    data = node_entries(nodes, [job(1, 1), job(2, 2), job(3, 1), job(4, 9)], False)
    assert data["orphan_jobs"] == 1
    assert [entry["node"]["name"] for entry in data["nodes"]] == ["a", "b"]
    assert list(data["nodes"][0]["node"]) == list(NODE_FIELDS)
    assert data["nodes"][0]["node"]["cpu_load"] is None and "extra" not in data["nodes"][0]["node"]
    assert [j["index"] for j in data["nodes"][0]["jobs"]] == [1, 3]
    assert [j["index"] for j in data["nodes"][1]["jobs"]] == [2]
    assert "node" not in data["nodes"][0]["jobs"][0]
    json.dumps(data)  # cacheable as is


def test_jobs_in_alarm_are_the_display_names_of_the_jobs_not_normal():
    jobs = [job(1, 1), job(2, 1, "minor"), job(3, 1, "critical"), job(4, 1, None)]
    assert jobs_in_alarm(jobs) == ["Job 2", "Job 3"]
    assert jobs_in_alarm([]) == []


def test_cache_covers_only_the_same_wanted_options():
    module = InventoryModule()
    wanted = {"system": "10.0.0.1", "display_key": "name", "job_parameters": False, "profile": "abc"}
    entry = {"format": 1, "wanted": dict(wanted), "nodes": [], "orphan_jobs": 0}
    assert module._cache_covers(entry, wanted)
    for key, other in (("system", "10.0.0.2"), ("display_key", "service_name"), ("job_parameters", True),
                       ("profile", "def")):
        assert not module._cache_covers(entry, dict(wanted, **{key: other})), key
    assert not module._cache_covers({"format": 1, "wanted": wanted}, wanted)


def test_populate_skips_nameless_and_duplicate_nodes_with_a_warning(monkeypatch):
    warnings = []
    module = InventoryModule()
    module.inventory = InventoryData()
    module._constructed_options = (None, None, None, False)
    monkeypatch.setattr(module.display, "warning", warnings.append)
    data = node_entries([{"index": 1, "name": "xt-a", "role": "Master Node", "status": "up"},
                         {"index": 2, "name": "", "status": "up"},
                         {"index": 3, "name": "xt-a", "status": "down"}],
                        [job(1, 1, "major"), job(2, 3, "critical")], False)
    data["wanted"] = {"system": "sys-1"}
    module._populate(data, None, "electra_")
    assert sorted(module.inventory.hosts) == ["xt-a"]
    assert members(module.inventory, "electra_role_master_node") == ["xt-a"]
    assert members(module.inventory, "electra_status_down") is None
    assert members(module.inventory, "electra_alarm") == ["xt-a"]
    assert variables(module.inventory, "xt-a")["electra_jobs_in_alarm"] == ["Job 1"]
    assert variables(module.inventory, "xt-a")["electra_system"] == "sys-1"
    assert warnings == ["broadcast.video.electra: skipped a node without a name or id",
                        "broadcast.video.electra: skipped node 'xt-a': a node of that name is already a host"]


def test_shield_mib_files_keeps_a_greedy_path_hook_off_the_mib_files(monkeypatch):
    """Ansible's collection path hook claims every path under a collections directory (where ansible-test puts its
    virtual environments); pysnmp's runpy.run_path of a MIB file must still see no importer."""
    import pysnmp.smi.mibs  # pylint: disable=import-outside-toplevel

    mib = os.path.join(os.path.dirname(pysnmp.smi.mibs.__file__), "SNMPv2-MIB.py")
    assert os.path.isfile(mib)

    class Finder:  # like _AnsiblePathHookFinder: a finder for any path, files included
        @staticmethod
        def find_spec(fullname, target=None):  # pylint: disable=unused-argument
            return None

    def greedy(path):
        if path.startswith(os.path.dirname(mib)):
            return Finder()
        raise ImportError("not interested")

    monkeypatch.setattr(sys, "path_hooks", [greedy] + list(sys.path_hooks))
    monkeypatch.setattr(sys, "path_importer_cache", {})
    assert pkgutil.get_importer(mib) is not None  # run_path would take the file for a package
    assert shield_mib_files() > 10
    assert pkgutil.get_importer(mib) is None  # run_path runs it as a script
    assert sys.path_importer_cache[mib] is None
    marked = [key for key, value in sys.path_importer_cache.items()
              if value is None and key.startswith(os.path.dirname(mib))]
    assert mib in marked and all(os.path.isfile(key) and key.endswith((".py", ".pyc")) for key in marked)


# ---------------------------------------------------------------------------------------------- against the simulator
def test_parse_adds_every_node_with_its_jobs_from_one_snmp_session(configure, electra_sim):
    inventory, _module = parse(configure())
    state = electra_sim.state()
    assert sorted(inventory.hosts) == ["xt-node-01", "xt-node-02", "xt-node-03"]
    assert members(inventory, "electra") == sorted(inventory.hosts)
    assert members(inventory, "electra_role_master") == ["xt-node-01"]
    assert members(inventory, "electra_role_masterisable") == ["xt-node-02"]
    assert members(inventory, "electra_role_standard") == ["xt-node-03"]
    assert members(inventory, "electra_status_up") == sorted(inventory.hosts)
    alarmed = sorted({j["nodeName"] for j in state["jobs"] if j["alarmState"] != "normal"})
    assert members(inventory, "electra_alarm") == alarmed
    for node in state["nodes"]:
        hostvars = variables(inventory, node["name"])
        assert "ansible_host" not in hostvars
        assert hostvars["electra_system"] == "127.0.0.1"
        assert hostvars["electra_node"] == {field: node[field] for field in NODE_FIELDS}
        want = sorted((j for j in state["jobs"] if j["node"] == node["index"]), key=lambda j: j["id"])
        got = hostvars["electra_jobs"]
        assert [j["index"] for j in got] == [j["id"] for j in want]
        for mine, theirs in zip(got, want):
            assert list(mine) == list(JOB_FIELDS)
            assert (mine["name"], mine["display_name"], mine["workflow"], mine["status"], mine["alarm_state"]) == (
                theirs["name"], theirs["name"], theirs["workflow"], theirs["status"], theirs["alarmState"])
            assert mine["service_name"] == theirs["parameters"]["service_name"]
            assert mine["output_bitrate"] == theirs["parameters"]["output_bitrate"]
            assert mine["custom_label"] == theirs["parameters"]["custom_label"]
            assert abs(mine["uptime"] - theirs["uptimeSeconds"]) <= 30
        assert hostvars["electra_jobs_in_alarm"] == [j["name"] for j in want if j["alarmState"] != "normal"]
    log = electra_sim.requests_log()
    assert log and {e["method"] for e in log} == {"SNMP-GETBULK"}  # no HTTP, no GET or GETNEXT
    assert {e["auth"] for e in log} == {"community"}
    assert not [e for e in log if e["path"].startswith(PARAMETERS_OID)]


def test_job_parameters_display_key_and_snmpv3(configure, electra_sim):
    inventory, _module = parse(configure(
        "snmp_version: v3\nv3_user: electra-v3\nv3_auth_key: electra-auth-key\nv3_priv_key: electra-priv-key\n"
        "job_parameters: true\ndisplay_key: service_name\nhostvars_prefix: xt_"))
    state = {j["id"]: j for j in electra_sim.state()["jobs"]}
    for host in inventory.hosts:
        hostvars = variables(inventory, host)
        assert sorted(k for k in hostvars if not k.startswith("inventory_")) == [
            "xt_jobs", "xt_jobs_in_alarm", "xt_node", "xt_system"]
        for entry in hostvars["xt_jobs"]:
            theirs = state[entry["index"]]
            assert entry["display_name"] == theirs["parameters"]["service_name"]
            assert entry["parameters"] == {k: str(v) for k, v in theirs["parameters"].items()}
        assert hostvars["xt_jobs_in_alarm"] == [j["display_name"] for j in hostvars["xt_jobs"]
                                                if j["alarm_state"] != "normal"]
    log = electra_sim.requests_log()
    assert {e["auth"] for e in log} == {"usm"}
    assert [e for e in log if e["path"].startswith(PARAMETERS_OID)]


def test_environment_fallbacks(tmp_path, electra_sim, monkeypatch):
    monkeypatch.setenv("ELECTRA_HOST", "127.0.0.1")
    monkeypatch.setenv("ELECTRA_SNMP_PORT", str(electra_sim.snmp_port))
    monkeypatch.setenv("ELECTRA_COMMUNITY", "public")
    path = tmp_path / "env.electra.yml"
    path.write_text("plugin: %s\n" % NAME, encoding="utf-8")
    inventory, _module = parse(path)
    assert len(inventory.hosts) == 3
    assert variables(inventory, "xt-node-01")["electra_system"] == "127.0.0.1"


def test_node_down_and_cleared_alarms_show_in_the_next_run(configure, electra_sim):
    electra_sim.control("POST", "config", {"node_down": 2})
    state = electra_sim.state()
    for alarm in state["alarms"]:
        if alarm["job"] and next(j for j in state["jobs"] if j["id"] == alarm["job"])["node"] == 1:
            electra_sim.control("DELETE", "items/alarms/%d" % alarm["index"])
    inventory, _module = parse(configure())
    assert members(inventory, "electra_status_down") == ["xt-node-02"]
    assert variables(inventory, "xt-node-02")["electra_node"]["cpu_load"] == 0
    assert "xt-node-01" not in members(inventory, "electra_alarm")
    assert variables(inventory, "xt-node-01")["electra_jobs_in_alarm"] == []


def test_cache_serves_the_second_run_and_not_other_options(configure, electra_sim, tmp_path):
    cache = "cache: true\ncache_plugin: jsonfile\ncache_connection: %s\ncache_timeout: 600\n" % (tmp_path / "cache")
    first, _module = parse(configure(cache))
    assert electra_sim.requests_log()
    assert "public" not in "".join(p.read_text() for p in (tmp_path / "cache").iterdir())
    electra_sim.control("DELETE", "requests")
    electra_sim.control("POST", "config", {"node_down": 3})  # hidden by the cache
    second, _module = parse(configure(cache))
    assert electra_sim.requests_log() == []
    for host in first.hosts:
        assert variables(second, host) == variables(first, host)
    assert members(second, "electra_status_down") is None
    # cache=False (--flush-cache): read again, entry replaced
    flushed, _module = parse(configure(cache), cache=False)
    assert electra_sim.requests_log()
    assert members(flushed, "electra_status_down") == ["xt-node-03"]
    electra_sim.control("DELETE", "requests")
    parse(configure(cache))
    assert electra_sim.requests_log() == []
    # other options that shape the data: the entry does not cover them
    for extra in ("job_parameters: true", "display_key: custom_label"):
        electra_sim.control("DELETE", "requests")
        path = configure(cache + extra)
        inventory, _module = parse(path)
        assert electra_sim.requests_log(), extra
        assert len(inventory.hosts) == 3
        electra_sim.control("DELETE", "requests")
        parse(path)
        assert electra_sim.requests_log() == [], extra


def test_a_relative_profile_path_is_found_next_to_the_configuration_file(configure, electra_sim, tmp_path,
                                                                         monkeypatch):
    profile = copy.deepcopy(DEFAULT_PROFILE)
    del profile["tables"]["jobs"]["columns"]["custom_label"]  # a column the profile leaves out reads as null
    (tmp_path / "profiles").mkdir()
    (tmp_path / "profiles" / "site.json").write_text(json.dumps(profile), encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    cache = "cache: true\ncache_plugin: jsonfile\ncache_connection: %s\n" % (tmp_path / "cache")
    inventory, _module = parse(configure(cache + "profile: profiles/site.json"))
    jobs = [j for host in inventory.hosts for j in variables(inventory, host)["electra_jobs"]]
    assert len(jobs) == 12 and all(j["custom_label"] is None for j in jobs)
    # the default profile has another fingerprint: the entry is not used for it
    electra_sim.control("DELETE", "requests")
    inventory, _module = parse(configure(cache))
    assert electra_sim.requests_log()
    assert any(j["custom_label"] for host in inventory.hosts for j in variables(inventory, host)["electra_jobs"])
    # then the current directory
    (elsewhere / "cwd.json").write_text(json.dumps(DEFAULT_PROFILE), encoding="utf-8")
    inventory, _module = parse(configure("profile: cwd.json"))
    assert len(inventory.hosts) == 3


def test_wrong_community_fails_fast_with_a_clear_message_without_the_community(configure, electra_sim):
    path = configure("community: Wr0ng-Community-4711")
    path.write_text(path.read_text().replace("snmp_timeout: 3", "snmp_timeout: 0.5"))
    started = time.monotonic()
    with pytest.raises(AnsibleParserError) as info:
        parse(path)
    assert time.monotonic() - started < 5
    message = str(info.value)
    assert message.startswith("broadcast.video.electra: SNMP v2c: no answer from 127.0.0.1:%d within 0.5 s x 1 "
                              "attempts" % electra_sim.snmp_port), message
    assert "does not accept the community" in message and "Wr0ng" not in message


@pytest.mark.parametrize("extra, message, secret", [
    ("snmp_version: v3\nv3_user: electra-v3\nv3_auth_key: Wr0ng-Auth-Key-4711\nv3_priv_key: electra-priv-key",
     "wrong v3_auth_key or v3_auth_protocol for v3_user 'electra-v3' (the agent reports wrongDigests)",
     "Wr0ng-Auth-Key-4711"),
    ("display_key: colour", "display_key: 'colour' is not a column of the OID profile's jobs table; choose from "
     "index, name, workflow, node, status, alarm_state, service_name, output_bitrate, uptime, custom_label", None),
    ("hostvars_prefix: ''", "hostvars_prefix '' must start with a letter or _", None),
    ("profile: missing.yml", "profile: cannot read missing.yml", None),
    ("snmp_retries: 11", "snmp_retries: 11 is not allowed; give an integer from 0 to 10", None),
    ("community: \"{{ Wr0ng_Community_4711 }}\"", "could not template option community", "Wr0ng_Community_4711"),
])
def test_errors_name_the_problem_and_no_secret(configure, electra_sim, extra, message, secret):
    with pytest.raises(AnsibleParserError) as info:
        parse(configure(extra))
    assert message in str(info.value), str(info.value)
    assert str(info.value).startswith("broadcast.video.electra: ")
    if secret:
        assert secret not in str(info.value)
    if "display_key" in extra or "prefix" in extra or "profile" in extra:
        assert electra_sim.requests_log() == []  # refused before any request


def test_missing_host_and_url_host(tmp_path):
    path = tmp_path / "nohost.electra.yml"
    path.write_text("plugin: %s\n" % NAME, encoding="utf-8")
    with pytest.raises(AnsibleParserError, match="host is required: the Electra XT's address"):
        parse(path)
    path.write_text("plugin: %s\nhost: http://127.0.0.1\n" % NAME, encoding="utf-8")
    with pytest.raises(AnsibleParserError, match="host: 'http://127.0.0.1' is a URL"):
        parse(path)


def test_verify_file_wants_the_electra_suffix(tmp_path):
    module = InventoryModule()
    for name, ok in (("lab.electra.yml", True), ("lab.electra.yaml", True), ("electra.yml", True),
                     ("lab.yml", False), ("lab.electra.json", False)):
        path = tmp_path / name
        path.write_text("plugin: %s\n" % NAME, encoding="utf-8")
        assert module.verify_file(str(path)) is ok, name
