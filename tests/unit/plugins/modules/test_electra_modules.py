# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Module tests: electra_facts and electra_jobs ``main()`` run in-process against the Electra XT simulator (SNMP agent
and HTTP interface), with assertions on the result, on what the simulator logged and on secrets never printed."""

from __future__ import annotations

import json

import pytest

pytest.importorskip("pysnmp.hlapi.v3arch.asyncio")

# pylint: disable=wrong-import-position
from ansible_collections.broadcast.video.plugins.module_utils.electra import device as electra_device  # noqa: E402
from ansible_collections.broadcast.video.plugins.modules import electra_facts, electra_jobs  # noqa: E402
# pylint: enable=wrong-import-position

V3 = {"snmp_version": "v3", "v3_user": "electra-v3", "v3_auth_key": "electra-auth-key", "v3_priv_key": "electra-priv-key"}
SECRETS = ("electra-password", "electra-auth-key", "electra-priv-key", "site-community")


def warnings(result):
    """Warning texts of a result (ansible-core 2.19 prints each as a structured WarningSummary)."""
    return [w["event"]["msg"] if isinstance(w, dict) else w for w in result.get("warnings", [])]


def snmp_only(sim, **extra):
    """SNMP options for the simulator, without HTTP credentials (electra_facts needs none)."""
    params = sim.connection(**extra)
    params.pop("username")
    params.pop("password")
    return params


def no_secret(result, *secrets):
    text = json.dumps(result)
    for secret in secrets or SECRETS:
        assert secret not in text, secret


# ---------------------------------------------------------------------------------------------- electra_facts
def test_facts_all(run_module, electra_sim):
    code, result = run_module(electra_facts, snmp_only(electra_sim))
    assert code == 0 and result["changed"] is False
    facts = result["ansible_facts"]["electra"]
    assert list(facts) == ["profile", "system", "storage", "workflows", "nodes", "alarms", "logs", "jobs", "summary"]
    assert facts["profile"]["modeled"] is True and facts["summary"]["jobs_total"] == 12
    assert result["snmp"] == {"requests": 10, "by_table": {"alarms": 1, "job_parameters": 3, "jobs": 1, "logs": 1,
                                                           "nodes": 1, "storage": 1, "system": 1, "workflows": 1}}
    assert result["endpoints"] == {}  # no HTTP request
    assert electra_sim.http_requests() == [] and len(electra_sim.snmp_requests()) == 10


def test_facts_options_and_check_mode(run_module, electra_sim):
    args = snmp_only(electra_sim, gather_subset=["jobs"], display_key="custom_label", job_parameters=False,
                     _ansible_check_mode=True, max_repetitions=5)
    code, result = run_module(electra_facts, args)
    facts = result["ansible_facts"]["electra"]
    assert code == 0 and set(facts) == {"profile", "jobs", "summary"}
    assert all("parameters" not in job for job in facts["jobs"])
    labelled = [job for job in facts["jobs"] if job["custom_label"]]
    assert labelled and all(job["display_name"] == job["custom_label"] for job in labelled)
    assert result["snmp"]["by_table"] == {"jobs": 3, "nodes": 1}


def test_facts_v3_and_environment(run_module, electra_sim, monkeypatch):
    for name, value in {"ELECTRA_HOST": "127.0.0.1", "ELECTRA_SNMP_PORT": str(electra_sim.snmp_port),
                        "ELECTRA_SNMP_VERSION": "v3", "ELECTRA_V3_USER": "electra-v3",
                        "ELECTRA_V3_AUTH_KEY": "electra-auth-key", "ELECTRA_V3_PRIV_KEY": "electra-priv-key"}.items():
        monkeypatch.setenv(name, value)
    code, result = run_module(electra_facts, {"gather_subset": ["system"], "snmp_timeout": 3, "snmp_retries": 0})
    assert code == 0 and result["ansible_facts"]["electra"]["system"]["name"] == "electra-xt-sim"
    assert {e["auth"] for e in electra_sim.snmp_requests()} == {"usm"}


def test_facts_profile_warning(run_module, electra_sim):
    profile = {"name": "site", "extends": "default", "tables": {"logs": None}}
    code, result = run_module(electra_facts, snmp_only(electra_sim, gather_subset=["logs"], profile=profile))
    assert code == 0 and result["ansible_facts"]["electra"]["logs"] == []
    assert warnings(result) == ["subset logs: the OID profile 'site' has no logs table; returned empty"]


def test_facts_wrong_community(run_module, electra_sim):
    args = snmp_only(electra_sim, community="site-community", snmp_timeout=0.2, gather_subset=["system", "nodes"])
    code, result = run_module(electra_facts, args)
    assert code == 1 and result["msg"].startswith("SNMP v2c: no answer from 127.0.0.1:%d within 0.2 s x 1 attempts"
                                                  % electra_sim.snmp_port)
    assert "does not accept the community" in result["msg"]
    assert result["snmp"] == {"requests": 2, "by_table": {"nodes": 1, "system": 1}}  # how far the run got
    no_secret(result)


def test_facts_wrong_v3_key(run_module, electra_sim):
    wrong = dict(V3)
    wrong["v3_priv_key"] = "wrong-priv-key"
    code, result = run_module(electra_facts, snmp_only(electra_sim, **wrong))
    assert code == 1 and result["msg"].endswith("wrong v3_priv_key or v3_priv_protocol for v3_user 'electra-v3' (the "
                                                "agent reports decryptionErrors)")
    no_secret(result, "wrong-priv-key", "electra-auth-key")


@pytest.mark.parametrize("args, message", [
    ({"display_key": "label"}, "display_key: 'label' is not a column of the profile's jobs table; choose from index, "),
    ({"gather_subset": ["encoders"]}, "gather_subset: 'encoders' is not a subset; choose from all, system, "),
    ({"snmp_version": "v3"}, "snmp_version=v3 needs v3_user"),
    ({"snmp_version": "v3", "v3_user": "u", "v3_auth_key": "short"}, "v3_auth_key: an SNMPv3 key has at least 8 "),
    ({"max_repetitions": 0}, "max_repetitions: 0 is not allowed; give an integer from 1 to 200"),
    ({"profile": "/nonexistent/site.yml"}, "profile: cannot read /nonexistent/site.yml: No such file or directory"),
    ({"host": "http://electra.example"}, "host: 'http://electra.example' is a URL; give the host name or address only"),
])
def test_facts_refused_before_anything_is_sent(run_module, electra_sim, args, message):
    code, result = run_module(electra_facts, dict(snmp_only(electra_sim), **args))
    assert code == 1 and result["msg"].startswith(message), result["msg"]
    assert electra_sim.snmp_requests() == []


def test_facts_host_that_does_not_resolve(run_module, electra_sim):
    """A host HTTP accepts (a trailing slash) that pysnmp cannot resolve: a clear failure, not an unexpected error."""
    code, result = run_module(electra_facts, snmp_only(electra_sim, host="127.0.0.1/", gather_subset=["system"]))
    assert code == 1 and "unexpected error" not in result["msg"] and "Traceback" not in str(result.get("exception"))
    assert result["msg"].startswith("SNMP: cannot reach 127.0.0.1/:%d over UDP" % electra_sim.snmp_port)


def test_facts_without_pysnmp(run_module, electra_sim, monkeypatch):
    monkeypatch.setitem(electra_device.ELECTRA.requires, "pysnmp", "Traceback: No module named 'pysnmp'")
    code, result = run_module(electra_facts, snmp_only(electra_sim))
    assert code == 1 and "Failed to import the required Python library (pysnmp)" in result["msg"]
    # electra_jobs uses HTTP only and does not need it
    code, result = run_module(electra_jobs, electra_sim.connection(state="gathered"))
    assert code == 0 and len(result["gathered"]) == 12


# ---------------------------------------------------------------------------------------------- electra_jobs
def test_jobs_merged_twice_with_diff(run_module, electra_sim):
    job = [j for j in electra_sim.state()["jobs"] if j["status"] == "stopped"][0]
    config = [{"name": job["name"], "status": "running", "parameters": {"output_bitrate": 7000, "custom_label": "UHD"}}]
    code, result = run_module(electra_jobs, electra_sim.connection(config=config, _ansible_diff=True))
    assert code == 0 and result["changed"] is True
    path = "/api/v1/jobs/%d" % job["id"]
    assert [(r["method"], r["path"]) for r in result["requests"]] == [("PATCH", path + "/parameters"),
                                                                      ("POST", path + "/start")]
    assert electra_sim.writes() == [("PATCH", path + "/parameters"), ("POST", path + "/start")]
    (diff,) = result["diff"]
    assert diff["before"]["status"] == "stopped" and diff["after"]["status"] == "running"
    assert diff["after"]["parameters"]["output_bitrate"] == "7000"
    assert diff["after"]["parameters"]["codec"] == diff["before"]["parameters"]["codec"]
    assert result["endpoints"]["jobs"] == {"calls": 1, "errors": 0}
    no_secret(result)
    electra_sim.control("DELETE", "requests")
    code, result = run_module(electra_jobs, electra_sim.connection(config=config))
    assert code == 0 and result["changed"] is False and result["requests"] == [] and electra_sim.writes() == []


def test_jobs_check_mode_and_gathered(run_module, electra_sim):
    job = [j for j in electra_sim.state()["jobs"] if j["status"] == "running"][0]
    code, result = run_module(electra_jobs, electra_sim.connection(config=[{"name": job["name"], "status": "stopped"}],
                                                                   _ansible_check_mode=True))
    assert code == 0 and result["changed"] is True and electra_sim.writes() == []
    assert result["requests"] == [{"method": "POST", "path": "/api/v1/jobs/%d/stop" % job["id"], "item": job["name"],
                                   "operation": "update"}]
    code, result = run_module(electra_jobs, electra_sim.connection(state="gathered", _ansible_verbosity=3))
    assert code == 0 and [j["name"] for j in result["gathered"]] == sorted(j["name"] for j in electra_sim.state()["jobs"])
    assert result["http_log"][0]["path"] == "/api/v1/jobs"


@pytest.mark.parametrize("config, message", [
    ([{"name": "no-such-job", "status": "running"}], "config[0] (job 'no-such-job'): Electra XT jobs are built from "
                                                     "workflows on the device and cannot be created here"),
    ([{"name": "JOB", "parameters": {"codec": "HEVC"}}], "job 'JOB': parameters.codec is read-only on the device; "
                                                         "writable: audio_language, custom_label, output_bitrate, "
                                                         "service_name"),
    ([{"name": "JOB", "parameters": {"gop": 2}}], "job 'JOB': parameters.gop: the job has no such parameter"),
    ([{"name": "JOB", "parameters": {"custom_label": ["a"]}}], "config[0]: parameters.custom_label: ['a'] is not "
                                                               "allowed; give a string or a number"),
])
def test_jobs_refused_before_any_write(run_module, electra_sim, config, message):
    name = electra_sim.state()["jobs"][0]["name"]
    config = [dict(item, name=name if item["name"] == "JOB" else item["name"]) for item in config]
    code, result = run_module(electra_jobs, electra_sim.connection(config=config))
    assert code == 1 and result["msg"].startswith(message.replace("JOB", name)), result["msg"]
    assert electra_sim.writes() == []


def test_jobs_credentials(run_module, electra_sim):
    args = electra_sim.connection(state="gathered")
    args.pop("password")
    code, result = run_module(electra_jobs, args)
    assert code == 1 and result["msg"] == ("this needs the HTTP interface, and so username and password (options, "
                                           "module_defaults, or ELECTRA_USERNAME/ELECTRA_PASSWORD)")
    assert electra_sim.http_requests() == []
    code, result = run_module(electra_jobs, electra_sim.connection(state="gathered", password="site-community"))
    assert code == 1 and result["msg"].startswith("Electra XT answered 401 to GET /api/v1/jobs with the HTTP Basic "
                                                  "username and password it was given: check them")
    no_secret(result)


def test_jobs_states_offered(run_module, electra_sim):
    code, result = run_module(electra_jobs, electra_sim.connection(state="replaced", config=[{"name": "x"}]))
    assert code == 1 and "value of state must be one of: merged, gathered" in result["msg"]
    code, result = run_module(electra_jobs, electra_sim.connection(state="merged"))
    assert code == 1 and "state is merged but all of the following are missing: config" in result["msg"]
