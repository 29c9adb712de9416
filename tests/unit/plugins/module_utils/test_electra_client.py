# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Unit tests of plugins/module_utils/electra/client.py and device.py, and of the shared pieces written for Electra XT
(transport.BasicAuth, RestClient.request's 401 wording with BasicAuth): the HTTP jobs interface against the Electra
simulator (list, job, start, stop, parameters, errors), the state shared with SNMP, credentials checked on the first
HTTP request only, endpoint_paths, secrets masked, the plan checks and requests of electra_jobs; stubbed answers for
the shapes the simulator does not produce."""

from __future__ import annotations

import pytest

from ansible_collections.broadcast.video.plugins.module_utils.electra.client import (
    CONNECTION_SPEC, DEFAULT_PATHS, JOB_STATUSES, REQUIRES_HTTP, REQUIRES_SNMP, ElectraClient, client_factory,
    parameter_changes)
from ansible_collections.broadcast.video.plugins.module_utils.electra.device import ELECTRA, ELECTRA_HTTP
from ansible_collections.broadcast.video.plugins.module_utils.electra.profile import load_profile
from ansible_collections.broadcast.video.plugins.module_utils.electra.resources import JOBS
from ansible_collections.broadcast.video.plugins.module_utils.errors import (
    ApiError, AuthenticationError, CheckModeWriteError, EndpointDisabled, ValidationError)
from ansible_collections.broadcast.video.plugins.module_utils.resource import Operation
from ansible_collections.broadcast.video.plugins.module_utils.transport import MASK, BasicAuth

JOBS_PATH = DEFAULT_PATHS["jobs"]
NO_CREDENTIALS = ("this needs the HTTP interface, and so username and password (options, module_defaults, or "
                  "ELECTRA_USERNAME/ELECTRA_PASSWORD)")


@pytest.fixture
def electra(electra_sim):
    """``electra(check_mode=False, **options) -> ElectraClient`` on the simulator; closed after the test."""
    clients = []

    def make(check_mode=False, **extra):
        made = ElectraClient(electra_sim.connection(**extra), check_mode=check_mode)
        clients.append(made)
        return made

    yield make
    for made in clients:
        made.close()


def op(operation, name="x", ident=None, body=None, current=None):
    return Operation(operation, name, ident, body, None, None, current)


def by_status(sim, status):
    """The ids of the simulator's jobs in ``status``."""
    return [job["id"] for job in sim.state()["jobs"] if job["status"] == status]


# ---------------------------------------------------------------------------------------------- options and factory
def test_connection_spec():
    assert CONNECTION_SPEC["port"]["default"] == 80 and CONNECTION_SPEC["use_ssl"]["default"] is False
    for option in ("host", "port", "use_ssl", "username", "password", "snmp_port", "snmp_version", "community",
                   "v3_user", "v3_auth_key", "v3_priv_key", "profile"):
        assert CONNECTION_SPEC[option]["fallback"][1] == ["ELECTRA_%s" % option.upper()], option
    for secret in ("password", "community", "v3_auth_key", "v3_priv_key"):
        assert CONNECTION_SPEC[secret]["no_log"] is True
    # no default community in the spec: a no_log default "public" would mask that word in every result
    assert "default" not in CONNECTION_SPEC["community"]
    assert CONNECTION_SPEC["snmp_port"]["default"] == 161 and CONNECTION_SPEC["snmp_version"]["choices"] == ["v2c", "v3"]
    assert CONNECTION_SPEC["v3_auth_protocol"]["choices"] == ["md5", "sha", "sha224", "sha256", "sha384", "sha512"]
    assert CONNECTION_SPEC["v3_priv_protocol"]["choices"] == ["des", "3des", "aes", "aes192", "aes256"]
    assert (CONNECTION_SPEC["snmp_timeout"], CONNECTION_SPEC["snmp_retries"], CONNECTION_SPEC["max_repetitions"]) == (
        {"type": "float", "default": 2.0}, {"type": "int", "default": 2}, {"type": "int", "default": 25})
    assert CONNECTION_SPEC["profile"]["type"] == "raw"
    assert DEFAULT_PATHS == {"jobs": "/api/v1/jobs", "job": "/api/v1/jobs/{id}", "job_start": "/api/v1/jobs/{id}/start",
                             "job_stop": "/api/v1/jobs/{id}/stop", "job_parameters": "/api/v1/jobs/{id}/parameters"}
    assert JOB_STATUSES == ("running", "stopped")
    assert set(REQUIRES_SNMP) == {"requests", "pysnmp"} and set(REQUIRES_HTTP) == {"requests"}


def test_devices():
    assert ELECTRA.name == ELECTRA_HTTP.name == "electra"
    assert ELECTRA.connection_spec == ELECTRA_HTTP.connection_spec == CONNECTION_SPEC
    assert set(ELECTRA.requires) == {"requests", "pysnmp"} and set(ELECTRA_HTTP.requires) == {"requests"}
    assert ELECTRA.client_factory is client_factory
    made = client_factory({"host": "electra"}, True)
    assert isinstance(made, ElectraClient) and made.http.check_mode is True
    made.close()
    assert client_factory({}, False, offline=True).http is None


def test_plain_http_on_port_80_by_default():
    made = ElectraClient({"host": "electra.example"})
    assert made.http.base_url == "http://electra.example:80"
    assert ElectraClient({"host": "electra.example", "use_ssl": None, "port": 8080}).http.base_url == \
        "http://electra.example:8080"
    assert ElectraClient({"host": "electra.example", "use_ssl": True, "port": 443}).http.base_url == \
        "https://electra.example:443"
    assert made.snmp_settings.host == "electra.example" and made.snmp_settings.port == 161
    assert made.profile.name == "broadcast.video default (modeled)"
    assert made.snmp is made.snmp and made.snmp.settings is made.snmp_settings  # built once, on first use


def test_offline_client():
    made = ElectraClient({"profile": {"tables": {}}}, offline=True)
    assert made.http is None and made.snmp_settings is None and made.profile.tables == {}
    assert made.mask("password electra-password") == "password electra-password"
    with pytest.raises(ValidationError) as info:
        made.snmp  # pylint: disable=pointless-statement
    assert str(info.value) == "internal error: an offline client cannot send requests"
    assert made.job_path("job_start", 7) == "/api/v1/jobs/7/start"


@pytest.mark.parametrize("params, message", [
    ({}, "host is required: the Electra XT's address (option host, or ELECTRA_HOST)"),
    ({"host": "electra", "snmp_version": "v3"}, "snmp_version=v3 needs v3_user (and v3_auth_key, v3_priv_key for "
                                                "authPriv)"),
    ({"host": "electra", "profile": {"tables": {"jobz": {}}}},
     "profile: tables.jobz is not a table; choose from nodes, workflows, jobs, job_parameters, alarms, logs"),
    ({"host": "electra", "profile": 3}, "profile: give the path of a profile file or the profile itself (a mapping), "
                                        "not int"),
    ({"host": "electra", "endpoint_paths": {"jobz": "/x"}},
     "endpoint_paths: 'jobz' is not an endpoint key of Electra XT; allowed: job, job_parameters, job_start, job_stop, jobs"),
    ({"host": "electra", "endpoint_paths": {"jobs": "api/jobs"}},
     "endpoint_paths.jobs: 'api/jobs' must be a path starting with /"),
])
def test_construction_refused(params, message):
    with pytest.raises(ValidationError) as info:
        ElectraClient(params)
    assert str(info.value) == message


def test_profile_option_takes_a_file(tmp_path):
    path = tmp_path / "site.yml"
    path.write_text("name: site\nextends: default\ntables: {logs: null}\n", encoding="utf-8")
    made = ElectraClient({"host": "electra", "profile": str(path)})
    assert made.profile.name == "site" and made.profile.table("logs") is None
    assert ElectraClient({"host": "electra", "profile": "default"}).profile.summary() == load_profile(None).summary()


# ---------------------------------------------------------------------------------------------- BasicAuth
def test_basic_auth_handler():
    auth = BasicAuth("admin", "pa55word")
    kwargs = {}
    auth.apply(kwargs)
    assert kwargs == {"auth": ("admin", "pa55word")} and auth.secrets() == ["pa55word"]
    auth.login(None)  # nothing is sent: the credentials are only checked
    assert auth.refresh(None) is False
    assert BasicAuth("admin", None).secrets() == []
    assert BasicAuth.rejection == "with the HTTP Basic username and password it was given: check them"
    for username, password in (("admin", None), (None, "pa55word"), ("", "pa55word"), ("admin", "")):
        with pytest.raises(ValidationError) as info:
            BasicAuth(username, password).login(None)
        assert str(info.value) == "this needs the HTTP interface, and so username and password"
    with pytest.raises(ValidationError) as info:
        BasicAuth("admin", None, "the ELECTRA_PASSWORD").login(None)
    assert str(info.value) == "this needs the HTTP interface, and so the ELECTRA_PASSWORD"
    with pytest.raises(ValidationError) as info:
        BasicAuth("admin", "pässwörd€").login(None)
    assert str(info.value) == ("password: HTTP Basic authentication carries only latin-1 characters, and this value "
                               "has others")
    BasicAuth("ädmin", "pässwörd").login(None)  # latin-1 is fine


# ---------------------------------------------------------------------------------------------- HTTP against the simulator
def test_list_jobs_is_read_once_and_copied(electra, electra_sim):
    made = electra()
    jobs = made.list_jobs()
    state = electra_sim.state()["jobs"]
    assert [job["id"] for job in jobs] == list(range(1, 13))
    assert [(j["name"], j["status"], j["alarmState"], j["parameters"]) for j in jobs] == [
        (j["name"], j["status"], j["alarmState"], j["parameters"]) for j in state]
    jobs[0]["name"] = "changed"
    assert made.list_jobs()[0]["name"] == state[0]["name"]
    assert made.list_items("jobs") == made.list_jobs()
    assert [job["name"] for job in made.list_declared("jobs", [state[3]["name"], "nope", state[1]["name"]])] == [
        state[1]["name"], state[3]["name"]]
    assert made.item_id("jobs", jobs[4]) == "5"
    assert electra_sim.http_requests() == [("GET", JOBS_PATH)]
    assert electra_sim.requests_log()[0]["auth"] == "basic"
    assert made.http.stats.as_dict() == {"jobs": {"calls": 1, "errors": 0}}


def test_job_detail_and_not_found(electra):
    made = electra()
    detail = made.job(1)
    writable = ["output_bitrate", "service_name", "audio_language", "custom_label"]
    assert detail["id"] == 1 and detail["writableParameters"] == writable
    assert set(detail["parameters"]) == {"codec", "resolution", "output_bitrate", "service_name", "audio_language",
                                         "custom_label"}
    with pytest.raises(ApiError) as info:
        made.job(99)
    assert info.value.status == 404 and info.value.code == "JOB_NOT_FOUND"
    assert str(info.value) == "GET /api/v1/jobs/99 failed with HTTP 404 (device code JOB_NOT_FOUND): job 99 not found"


def test_start_and_stop_share_state_with_snmp(electra, electra_sim):
    made = electra()
    running, stopped = by_status(electra_sim, "running")[0], by_status(electra_sim, "stopped")[0]
    assert made.set_status(stopped, "running")["status"] == "running"
    assert made.set_status(stopped, "running")["status"] == "running"  # 200, unchanged
    assert made.set_status(running, "stopped")["status"] == "stopped"
    statuses = [e["status"] for e in electra_sim.requests_log() if e["method"] == "POST"]
    assert statuses == [202, 200, 202]
    assert electra_sim.http_requests() == [("POST", "/api/v1/jobs/%d/start" % stopped)] * 2 + [
        ("POST", "/api/v1/jobs/%d/stop" % running)]
    # SNMP sees it: the jobs table and the alarm the stop raised
    _values, rows = made.snmp.read(None, [made.profile.table("jobs"), made.profile.table("alarms")])
    jobs = {row["index"]: row for row in rows["jobs"]}
    assert jobs[stopped]["status"] == "running" and jobs[running]["status"] == "stopped"
    assert any(a["job"] == running and a["severity"] == "major" and a["text"].endswith(" stopped")
               for a in rows["alarms"])
    assert not any(a["job"] == stopped and a["severity"] == "major" for a in rows["alarms"])
    with pytest.raises(ValidationError) as info:
        made.set_status(1, "paused")
    assert str(info.value) == "status: 'paused' is not allowed; choose running or stopped"


def test_set_parameters_and_device_errors(electra, electra_sim):
    made = electra()
    job = made.set_parameters(2, {"custom_label": "studio C", "output_bitrate": "8000"})
    assert job["parameters"]["custom_label"] == "studio C" and job["parameters"]["output_bitrate"] == 8000
    for changes, code, text in (
            ({"codec": "HEVC"}, "READ_ONLY_PARAMETER", "parameter 'codec' is read-only"),
            ({"gop": "2s"}, "UNKNOWN_PARAMETER", "has no parameter 'gop'"),
            ({"output_bitrate": "fast"}, "INVALID_PARAMETER_VALUE", "parameter 'output_bitrate': an integer number")):
        with pytest.raises(ApiError) as info:
            made.set_parameters(2, changes)
        assert info.value.status == 422 and info.value.code == code and text in str(info.value)
        assert str(info.value).startswith("PATCH /api/v1/jobs/2/parameters failed with HTTP 422 (device code %s): "
                                          % code)
    assert electra_sim.writes() == [("PATCH", "/api/v1/jobs/2/parameters")] * 4


def test_check_mode_refuses_writes(electra, electra_sim):
    made = electra(check_mode=True)
    assert len(made.list_jobs()) == 12
    with pytest.raises(CheckModeWriteError):
        made.set_status(1, "stopped")
    with pytest.raises(CheckModeWriteError):
        made.set_parameters(1, {"custom_label": "x"})
    assert electra_sim.writes() == []


# ---------------------------------------------------------------------------------------------- credentials
def test_wrong_password_401_wording(electra, electra_sim):
    made = electra(password="not-the-password")
    with pytest.raises(AuthenticationError) as info:
        made.list_jobs()
    message = str(info.value)
    assert message == ("Electra XT answered 401 to GET /api/v1/jobs with the HTTP Basic username and password it was "
                       "given: check them: GET /api/v1/jobs failed with HTTP 401 (device code UNAUTHORIZED): invalid "
                       "username or password")
    assert "not-the-password" not in message
    # Basic authentication has nothing to renew: one request, no retry
    assert electra_sim.http_requests() == [("GET", JOBS_PATH)]
    with pytest.raises(AuthenticationError) as info:
        electra(username="operator").job(1)
    assert "401 to GET /api/v1/jobs/1 with the HTTP Basic username and password it was given" in str(info.value)


@pytest.mark.parametrize("missing", [("username",), ("password",), ("username", "password")])
def test_missing_credentials_only_on_the_first_http_request(electra_sim, missing):
    params = electra_sim.connection()
    for option in missing:
        params.pop(option)
    made = ElectraClient(params)  # building needs no credentials
    values, _rows = made.snmp.read({"name": ((1, 3, 6, 1, 2, 1, 1, 5, 0), "string")})  # SNMP needs none
    assert values == {"name": "electra-xt-sim"}
    with pytest.raises(ValidationError) as info:
        made.list_jobs()
    assert str(info.value) == NO_CREDENTIALS
    with pytest.raises(ValidationError) as info:
        made.set_status(1, "running")
    assert str(info.value) == NO_CREDENTIALS
    assert electra_sim.http_requests() == []
    made.close()


# ---------------------------------------------------------------------------------------------- endpoint_paths
def test_endpoint_paths(electra, electra_sim):
    wrong = electra(endpoint_paths={"jobs": "/api/v2/jobs/"})
    assert wrong.endpoint("jobs") == "/api/v2/jobs"
    with pytest.raises(ApiError) as info:
        wrong.list_jobs()
    assert info.value.status == 404 and "GET /api/v2/jobs failed with HTTP 404" in str(info.value)
    # corrected (as a dict entry), and an endpoint with {id} pointing at the job read
    fixed = electra(endpoint_paths={"jobs": {"path": "/api/v1/jobs", "enabled": True},
                                    "job_parameters": "/api/v1/jobs/{id}/parameters"})
    assert len(fixed.list_jobs()) == 12 and fixed.set_parameters(3, {"custom_label": "ok"})["id"] == 3
    off = electra(endpoint_paths={"job_stop": {"enabled": False}})
    with pytest.raises(EndpointDisabled) as info:
        off.set_status(1, "stopped")
    assert str(info.value) == ("the Electra XT endpoint 'job_stop' (/api/v1/jobs/{id}/stop) is switched off in "
                               "endpoint_paths (enabled: false); this needs it")
    assert electra_sim.writes() == [("PATCH", "/api/v1/jobs/3/parameters")]


def test_jobs_answer_of_another_shape(electra, monkeypatch):
    made = electra(endpoint_paths={"jobs": "/api/v1/jobs/1"})  # one job: a dict without items
    with pytest.raises(ApiError) as info:
        made.list_jobs()
    assert str(info.value) == "GET /api/v1/jobs/1: expected {items: [...]}, got dict" and info.value.status == 200
    answers = iter([[{"id": 1, "name": "a"}, "junk", 3], {"items": [{"id": 2}, None]}, None, [1]])
    monkeypatch.setattr(ElectraClient, "request", lambda self, *args, **kwargs: next(answers))
    made = electra()
    assert made.list_jobs() == [{"id": 1, "name": "a"}]  # a bare list is accepted, non-objects are left out
    made.forget("jobs")
    assert made.list_jobs() == [{"id": 2}]
    # job, start, stop and parameters answer {} for a body that is not an object
    assert made.job(1) == {} and made.set_status(1, "running") == {}


# ---------------------------------------------------------------------------------------------- secrets
def test_secrets_are_masked(electra, electra_sim):
    secret_paths = {"job": "/api/electra-password/{id}", "job_start": "/api/site-community/{id}",
                    "job_stop": "/api/electra-auth-key/{id}", "job_parameters": "/api/electra-priv-key/{id}"}
    made = electra(community="site-community", v3_auth_key="electra-auth-key", v3_priv_key="electra-priv-key",
                   endpoint_paths=secret_paths)
    calls = (lambda: made.job(1), lambda: made.set_status(1, "running"), lambda: made.set_status(1, "stopped"),
             lambda: made.set_parameters(1, {"custom_label": "x"}))
    for call in calls:
        with pytest.raises(ApiError) as info:
            call()
        assert info.value.status == 404 and "/api/%s/1" % MASK in str(info.value)
        for secret in ("electra-password", "site-community", "electra-auth-key", "electra-priv-key"):
            assert secret not in str(info.value)
    assert made.mask("community site-community, keys electra-auth-key electra-priv-key, electra-password") == \
        "community %s, keys %s %s, %s" % (MASK, MASK, MASK, MASK)
    # the default community is not a secret worth masking: "public" would vanish from every message
    assert electra().mask("public") == "public"


# ---------------------------------------------------------------------------------------------- electra_jobs plumbing
def test_parameter_changes():
    current = {"parameters": {"output_bitrate": 8000, "custom_label": "", "codec": "HEVC"}}
    assert parameter_changes({"parameters": {"output_bitrate": "8000", "custom_label": ""}}, current) == {}
    assert parameter_changes({"parameters": {"output_bitrate": 9000, "service_name": "News"}}, current) == {
        "output_bitrate": 9000, "service_name": "News"}
    assert parameter_changes({"status": "running"}, current) == {}
    assert parameter_changes({"parameters": None}, current) == {}
    assert parameter_changes({"parameters": {"a": "1"}}, None) == {"a": "1"}
    assert parameter_changes({"parameters": {"a": "1"}}, {"parameters": None}) == {"a": "1"}


def test_planned_requests_patch_before_post():
    made = ElectraClient({}, offline=True)
    current = {"id": 4, "status": "stopped", "parameters": {"custom_label": "a"}}
    both = op("update", "news", "4", {"status": "running", "parameters": {"custom_label": "b"}}, current)
    assert made.planned_requests("jobs", both) == [
        ("PATCH", "/api/v1/jobs/4/parameters", {"custom_label": "b"}), ("POST", "/api/v1/jobs/4/start")]
    stop = op("update", "news", "4", {"status": "stopped", "parameters": {"custom_label": "a"}},
              dict(current, status="running"))
    assert made.planned_requests("jobs", stop) == [("POST", "/api/v1/jobs/4/stop")]
    assert made.planned_requests("jobs", op("update", "news", "4", {"status": "stopped"}, current)) == []
    assert made.planned_requests("jobs", op("update", "news", "4", {"status": "failed"}, current)) == []
    assert made.planned_requests("jobs", op("update", "news", "4", None, None)) == []


def test_update_item_order_and_results(electra, electra_sim):
    made = electra()
    stopped = by_status(electra_sim, "stopped")[0]
    current = [job for job in made.list_jobs() if job["id"] == stopped][0]
    result = made.update_item("jobs", str(stopped), {"status": "running", "parameters": {"custom_label": "on air"}},
                              current)
    assert result["status"] == "running" and result["parameters"]["custom_label"] == "on air"
    assert electra_sim.writes() == [("PATCH", "/api/v1/jobs/%d/parameters" % stopped),
                                    ("POST", "/api/v1/jobs/%d/start" % stopped)]
    # the jobs list is read again after a write
    assert [job for job in made.list_jobs() if job["id"] == stopped][0]["status"] == "running"
    assert electra_sim.count("GET", JOBS_PATH) == 2
    # nothing to change: no request, the current job comes back
    fresh = [job for job in made.list_jobs() if job["id"] == stopped][0]
    electra_sim.control("DELETE", "requests")
    assert made.update_item("jobs", str(stopped), {"status": "running", "parameters": {"custom_label": "on air"}},
                            fresh) == fresh
    assert made.update_item("jobs", "1", {}, None) == {}
    assert electra_sim.writes() == []
    # parameters only, status only
    made.update_item("jobs", "1", {"parameters": {"custom_label": "p"}}, {"status": "running", "parameters": {}})
    made.update_item("jobs", "1", {"status": "stopped"}, {"status": "running", "parameters": {}})
    assert electra_sim.writes() == [("PATCH", "/api/v1/jobs/1/parameters"), ("POST", "/api/v1/jobs/1/stop")]


def test_check_plan_against_the_device(electra, electra_sim):
    made = electra()
    jobs = {job["name"]: job for job in made.list_jobs()}
    first, second = sorted(jobs)[:2]
    electra_sim.control("DELETE", "requests")

    def update(name, parameters, status=None):
        body = {"parameters": parameters}
        if status:
            body["status"] = status
        return op("update", name, str(jobs[name]["id"]), body, jobs[name])

    fine = [update(first, {"custom_label": "x"}), update(second, {"output_bitrate": "7000"}),
            update(second, {}, "stopped"), op("update", "y", "9", {"status": "running"}, {"status": "stopped"}),
            op("create", "z", None, {"parameters": {"a": "b"}})]
    assert made.check_plan(JOBS, fine) is None
    # one GET job per job whose parameters change, nothing else
    assert sorted(electra_sim.http_requests()) == sorted([("GET", "/api/v1/jobs/%d" % jobs[first]["id"]),
                                                          ("GET", "/api/v1/jobs/%d" % jobs[second]["id"])])
    with pytest.raises(ValidationError) as info:
        made.check_plan(JOBS, [update(first, {"custom_label": "x", "gop": "2s"})])
    assert str(info.value) == ("job %r: parameters.gop: the job has no such parameter; its parameters are "
                               "audio_language, codec, custom_label, output_bitrate, resolution, service_name" % first)
    with pytest.raises(ValidationError) as info:
        made.check_plan(JOBS, [update(first, {"resolution": "1280x720", "custom_label": "x"})])
    assert str(info.value) == ("job %r: parameters.resolution is read-only on the device; writable: audio_language, "
                               "custom_label, output_bitrate, service_name" % first)
    assert made.check_plan(JOBS, []) is None
    assert electra_sim.writes() == []


def test_check_plan_with_answers_of_other_shapes(electra, monkeypatch):
    made = electra()
    details = {"1": {"parameters": None}, "2": {"parameters": {"a": "1"}, "writableParameters": "a"},
               "3": {"parameters": {"a": "1"}, "writableParameters": []}}
    monkeypatch.setattr(ElectraClient, "job", lambda self, ident: details[ident])
    with pytest.raises(ValidationError) as info:
        made.check_plan(JOBS, [op("update", "one", "1", {"parameters": {"a": "2"}}, {"parameters": {}})])
    assert str(info.value) == "job 'one': parameters.a: the job has no such parameter; its parameters are none"
    # writableParameters that is not a list: not checked
    assert made.check_plan(JOBS, [op("update", "two", "2", {"parameters": {"a": "2"}}, {"parameters": {}})]) is None
    with pytest.raises(ValidationError) as info:
        made.check_plan(JOBS, [op("update", "three", "3", {"parameters": {"a": "2"}}, None)])
    assert str(info.value) == "job 'three': parameters.a is read-only on the device; writable: none"
