# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Unit tests of plugins/module_utils/electra/resources.py and of Field(merge=True) in FieldMap.complete: parameter
values normalised to text, refused values, then the jobs spec through the ResourceEngine against the Electra simulator
(merged parameters kept key by key, PATCH before start/stop, idempotent second runs, check mode, plan checks before any
write, jobs that cannot be created, gathered)."""

from __future__ import annotations

import pytest

from ansible_collections.broadcast.video.plugins.module_utils.electra.client import ElectraClient
from ansible_collections.broadcast.video.plugins.module_utils.electra.resources import (
    JOB_FIELDS, JOBS, _normalize_job, _read_parameters)
from ansible_collections.broadcast.video.plugins.module_utils.errors import ApiError, ValidationError
from ansible_collections.broadcast.video.plugins.module_utils.fields import Field, FieldMap, References
from ansible_collections.broadcast.video.plugins.module_utils.resource import ResourceEngine

REFS = References()


# ---------------------------------------------------------------------------------------------- fields and normalising
def test_spec_and_argument_spec():
    assert JOBS.kind == "jobs" and JOBS.label == "job" and JOBS.key == "name"
    assert JOBS.create_error == ("Electra XT jobs are built from workflows on the device and cannot be created here; "
                                 "check the job name (broadcast.video.electra_facts lists the jobs)")
    assert JOB_FIELDS.argument_spec() == {"name": {"type": "str"},
                                          "status": {"type": "str", "choices": ["running", "stopped", "starting", "stopping", "failed"]},
                                          "parameters": {"type": "dict"}}


def test_read_parameters():
    assert _read_parameters({"parameters": {"output_bitrate": 8000, "custom_label": None, "codec": "HEVC"}}, REFS) == {
        "output_bitrate": "8000", "custom_label": "", "codec": "HEVC"}
    assert _read_parameters({"parameters": None}, REFS) is None
    assert _read_parameters({"parameters": ["a"]}, REFS) is None
    assert _read_parameters({}, REFS) is None
    assert JOB_FIELDS.from_api({"id": 3, "name": "news", "status": "failed", "parameters": {"a": 1}}, REFS) == {
        "name": "news", "status": "failed", "parameters": {"a": "1"}}


def test_normalize_job():
    item = {"name": "news", "parameters": {"output_bitrate": 8000, "ratio": 1.5, "service_name": "News", 7: "x"}}
    assert _normalize_job(item, "config[0]") == {"name": "news", "parameters": {
        "output_bitrate": "8000", "ratio": "1.5", "service_name": "News", "7": "x"}}
    assert item["parameters"]["output_bitrate"] == 8000  # the input is not changed
    assert _normalize_job({"name": "news", "status": "running"}, "config[0]") == {"name": "news", "status": "running"}
    assert _normalize_job({"name": "news", "parameters": None}, "w") == {"name": "news", "parameters": None}


@pytest.mark.parametrize("parameters, message", [
    ("output_bitrate=8000", "config[1]: parameters: give a mapping of parameter name -> value"),
    (["a"], "config[1]: parameters: give a mapping of parameter name -> value"),
    ({"enabled": True}, "config[1]: parameters.enabled: True is not allowed; give a string or a number"),
    ({"label": None}, "config[1]: parameters.label: None is not allowed; give a string or a number"),
    ({"ladder": [1, 2]}, "config[1]: parameters.ladder: [1, 2] is not allowed; give a string or a number"),
    ({"x": {"y": 1}}, "config[1]: parameters.x: {'y': 1} is not allowed; give a string or a number"),
])
def test_normalize_job_refuses(parameters, message):
    with pytest.raises(ValidationError) as info:
        _normalize_job({"name": "news", "parameters": parameters}, "config[1]")
    assert str(info.value) == message


def test_field_merge_in_complete():
    fields = FieldMap([Field("name"), Field("parameters", spec={"type": "dict"}, merge=True),
                       Field("tags", spec={"type": "dict"})])
    current = {"name": "n", "parameters": {"a": "1", "b": "2"}, "tags": {"x": "1", "y": "2"}}
    # merge=True: declared keys win, the others are kept; a plain dict option replaces
    assert fields.complete({"name": "n", "parameters": {"b": "3", "c": "4"}, "tags": {"y": "3"}}, current) == {
        "name": "n", "parameters": {"a": "1", "b": "3", "c": "4"}, "tags": {"y": "3"}}
    assert current["parameters"] == {"a": "1", "b": "2"}  # the current item is not changed
    # nothing to merge with: the declared dict as it is (a new item, replaced, or a current item without the dict)
    assert fields.complete({"name": "n", "parameters": {"b": "3"}}, None)["parameters"] == {"b": "3"}
    assert fields.complete({"name": "n", "parameters": {"b": "3"}}, {"name": "n"})["parameters"] == {"b": "3"}
    assert fields.complete({"name": "n", "parameters": {"b": "3"}}, {"parameters": "odd"})["parameters"] == {"b": "3"}
    # left out: the current value, merged or not
    assert fields.complete({"name": "n"}, current)["parameters"] == {"a": "1", "b": "2"}
    assert Field("p").merge is False and JOB_FIELDS.fields[2].merge is True


# ---------------------------------------------------------------------------------------------- the engine on the simulator
@pytest.fixture
def engine(electra_sim):
    """``engine(check_mode=False, **options) -> ResourceEngine`` for JOBS on a fresh ElectraClient (closed after)."""
    clients = []

    def make(check_mode=False, **extra):
        client = ElectraClient(electra_sim.connection(**extra), check_mode=check_mode)
        clients.append(client)
        return ResourceEngine(client, JOBS, check_mode=check_mode)

    yield make
    for client in clients:
        client.close()


def jobs_by_status(sim, status):
    return [job for job in sim.state()["jobs"] if job["status"] == status]


def run_twice(engine, sim, config):
    """Run merged twice: returns the first result and its writes; the second plans and writes nothing."""
    sim.control("DELETE", "requests")
    first = engine().run("merged", config)
    writes = sim.writes()
    sim.control("DELETE", "requests")
    second = engine().run("merged", config)
    assert second["changed"] is False and second["requests"] == [] and sim.writes() == []
    return first, writes


def test_merged_parameters_and_start(engine, electra_sim):
    job = jobs_by_status(electra_sim, "stopped")[0]
    config = [{"name": job["name"], "status": "running", "parameters": {"output_bitrate": 9000, "custom_label": "HD"}}]
    first, writes = run_twice(engine, electra_sim, config)
    assert first["changed"] is True
    path = "/api/v1/jobs/%d" % job["id"]
    assert writes == [("PATCH", path + "/parameters"), ("POST", path + "/start")]
    assert first["requests"] == [{"method": "PATCH", "path": path + "/parameters", "item": job["name"], "operation": "update"},
                                 {"method": "POST", "path": path + "/start", "item": job["name"], "operation": "update"}]
    before = {name: str(value) for name, value in job["parameters"].items()}
    assert first["before"] == [{"name": job["name"], "status": "stopped", "parameters": before}]
    # merged: the declared parameters change, the others stay as they were
    assert first["after"] == [{"name": job["name"], "status": "running",
                               "parameters": dict(before, output_bitrate="9000", custom_label="HD")}]
    now = [j for j in electra_sim.state()["jobs"] if j["id"] == job["id"]][0]
    assert now["status"] == "running" and now["parameters"] == dict(job["parameters"], output_bitrate=9000,
                                                                    custom_label="HD")


def test_numbers_and_text_are_the_same_value(engine, electra_sim):
    job = electra_sim.state()["jobs"][0]
    config = [{"name": job["name"], "status": job["status"],
               "parameters": {"output_bitrate": job["parameters"]["output_bitrate"],
                              "service_name": job["parameters"]["service_name"]}}]
    electra_sim.control("DELETE", "requests")
    result = engine().run("merged", config)
    assert result["changed"] is False and electra_sim.writes() == []
    config[0]["parameters"]["output_bitrate"] = str(job["parameters"]["output_bitrate"])
    assert engine().run("merged", config)["changed"] is False


def test_stop_only_and_check_mode(engine, electra_sim):
    job = jobs_by_status(electra_sim, "running")[0]
    electra_sim.control("DELETE", "requests")
    planned = engine(check_mode=True).run("merged", [{"name": job["name"], "status": "stopped"}])
    assert planned["changed"] is True and electra_sim.writes() == []
    assert planned["requests"] == [{"method": "POST", "path": "/api/v1/jobs/%d/stop" % job["id"], "item": job["name"],
                                    "operation": "update"}]
    assert planned["after"][0]["status"] == "stopped"
    first, writes = run_twice(engine, electra_sim, [{"name": job["name"], "status": "stopped"}])
    assert writes == [("POST", "/api/v1/jobs/%d/stop" % job["id"])] and first["changed"] is True


def test_plan_checks_before_any_write(engine, electra_sim):
    jobs = electra_sim.state()["jobs"]
    config = [{"name": jobs[0]["name"], "parameters": {"custom_label": "ok"}},
              {"name": jobs[1]["name"], "parameters": {"codec": "HEVC"}}]
    electra_sim.control("DELETE", "requests")
    with pytest.raises(ValidationError) as info:
        engine().run("merged", config)
    assert str(info.value) == ("job %r: parameters.codec is read-only on the device; writable: audio_language, "
                               "custom_label, output_bitrate, service_name" % jobs[1]["name"])
    with pytest.raises(ValidationError) as info:
        engine().run("merged", [{"name": jobs[0]["name"], "parameters": {"gop": 2}}])
    assert "parameters.gop: the job has no such parameter" in str(info.value)
    with pytest.raises(ValidationError) as info:
        engine().run("merged", [{"name": "no-such-job", "status": "running"}])
    assert str(info.value) == ("config[0] (job 'no-such-job'): Electra XT jobs are built from workflows on the device "
                               "and cannot be created here; check the job name (broadcast.video.electra_facts lists "
                               "the jobs)")
    with pytest.raises(ValidationError) as info:
        engine().run("merged", [{"name": jobs[0]["name"], "parameters": {"custom_label": True}}])
    assert str(info.value) == "config[0]: parameters.custom_label: True is not allowed; give a string or a number"
    assert electra_sim.writes() == []


def test_gathered_fed_back_changes_nothing(engine, electra_sim):
    """Round trip: gathered output (also the failed job's status) as config is a no-op; a reported-only status
    declared for a job that is not in it fails before any write."""
    gathered = engine().run("gathered", None)["gathered"]
    assert "failed" in [job["status"] for job in gathered]
    electra_sim.control("DELETE", "requests")
    result = engine().run("merged", gathered)
    assert result["changed"] is False and result["requests"] == [] and electra_sim.writes() == []
    running = [job for job in gathered if job["status"] == "running"][0]
    with pytest.raises(ValidationError) as info:
        engine().run("merged", [{"name": running["name"], "status": "failed"}])
    assert str(info.value) == ("job %r: status failed cannot be requested (the device reports it; the job is running); "
                               "declare running or stopped" % running["name"])
    assert electra_sim.writes() == []


def test_device_refusal_names_the_job(engine, electra_sim):
    job = electra_sim.state()["jobs"][0]
    with pytest.raises(ApiError) as info:  # the device's 422, prefixed by the engine with the job
        engine().run("merged", [{"name": job["name"], "parameters": {"audio_language": "english"}}])
    assert str(info.value).startswith("update job %r: PATCH /api/v1/jobs/%d/parameters failed with HTTP 422 (device "
                                      "code INVALID_PARAMETER_VALUE): " % (job["name"], job["id"]))
    assert info.value.code == "INVALID_PARAMETER_VALUE" and electra_sim.writes() == [
        ("PATCH", "/api/v1/jobs/%d/parameters" % job["id"])]


def test_gathered(engine, electra_sim):
    state = electra_sim.state()["jobs"]
    gathered = engine().run("gathered", None)["gathered"]
    assert gathered == sorted(({"name": j["name"], "status": j["status"],
                                "parameters": {k: str(v) for k, v in j["parameters"].items()}} for j in state),
                              key=lambda item: item["name"])
    assert electra_sim.http_requests() == [("GET", "/api/v1/jobs")]
