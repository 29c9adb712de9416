# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Unit tests of plugins/module_utils/dms/client.py: DmsAuth and DmsClient against the DMS simulator (real sockets:
token login and re-login, paging, filters, id chunks, writes, errors, commands, plan checks), plus stubbed answers
for the shapes the simulator does not produce."""

from __future__ import annotations

import threading

import pytest
import requests

from ansible_collections.broadcast.video.plugins.module_utils.dms import client as dms_client
from ansible_collections.broadcast.video.plugins.module_utils.dms.client import (
    COMMANDS, CONNECTION_SPEC, DEFAULT_PATHS, DEVICE_FILTERS, MAX_IDS, MAX_PAGE_SIZE, WRITABLE, DmsAuth, DmsClient,
    _chunks, client_factory)
from ansible_collections.broadcast.video.plugins.module_utils.dms.resources import (
    AUTHORIZATIONS, DESTINATIONS, DEVICES, GROUPS)
from ansible_collections.broadcast.video.plugins.module_utils.errors import (
    ApiError, AuthenticationError, CheckModeWriteError, EndpointDisabled, ValidationError)
from ansible_collections.broadcast.video.plugins.module_utils.resource import Operation, ResourceEngine
from ansible_collections.broadcast.video.plugins.module_utils.transport import HttpClient

LOGIN = DEFAULT_PATHS["login"]
DEVICES_PATH = DEFAULT_PATHS["devices"]
COMMANDS_PATH = DEFAULT_PATHS["device_commands"]


@pytest.fixture
def dms(dms_sim):
    """``dms(check_mode=False, **options) -> DmsClient`` on the simulator; closed after the test."""
    clients = []

    def make(check_mode=False, **extra):
        client = DmsClient(dms_sim.connection(**extra), check_mode=check_mode)
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


def offline(**params):
    return DmsClient(params, offline=True)


def op(operation, name="x", ident=None, body=None, current=None):
    return Operation(operation, name, ident, body, None, None, current)


def by(items, key, value):
    """The one item whose ``key`` is ``value``."""
    matches = [i for i in items if i.get(key) == value]
    assert len(matches) == 1, (key, value, items)
    return matches[0]


# ---------------------------------------------------------------------------------------------- options and helpers
def test_connection_spec_has_dms_options_and_env_fallbacks():
    assert CONNECTION_SPEC["port"]["default"] == 443 and CONNECTION_SPEC["use_ssl"]["default"] is True
    for option in ("host", "port", "username", "password"):
        assert CONNECTION_SPEC[option]["fallback"][1] == ["DMS_%s" % option.upper()]
    assert CONNECTION_SPEC["password"]["no_log"] is True
    assert CONNECTION_SPEC["page_size"] == {"type": "int", "default": MAX_PAGE_SIZE}
    assert list(CONNECTION_SPEC).index("username") == list(CONNECTION_SPEC).index("ca_path") + 1
    assert MAX_PAGE_SIZE == MAX_IDS == 1000
    assert COMMANDS == ("reboot", "resend_authorization", "firmware_upgrade")
    assert set(DEFAULT_PATHS) == {"login", "system", "devices", "device_commands", "groups", "authorizations",
                                  "destinations", "alarms", "firmware"}


@pytest.mark.parametrize("params, message", [
    ({}, "DMS needs username and password (set them as options, in module_defaults or the inventory file, or as "
         "DMS_USERNAME/DMS_PASSWORD environment variables)"),
    ({"username": "u"}, "DMS needs password (set it as an option, in module_defaults or the inventory file, or as "
                        "the DMS_PASSWORD environment variable)"),
    ({"password": "p", "username": ""}, "DMS needs username (set it as an option, in module_defaults or the "
                                        "inventory file, or as the DMS_USERNAME environment variable)"),
])
def test_dms_auth_missing_credentials(params, message):
    with pytest.raises(ValidationError) as info:
        DmsAuth(params, DEFAULT_PATHS)
    assert str(info.value) == message


def test_dms_auth_secrets_and_bearer_header():
    auth = DmsAuth({"username": "u", "password": "pw"}, {"login": "/custom/login"})
    assert auth.path == "/custom/login" and auth.secrets() == ["pw"]
    auth.token = "tok"
    assert auth.secrets() == ["pw", "tok"]
    kwargs = {"headers": {}}
    auth.apply_token(kwargs, "tok")
    assert kwargs["headers"] == {"Authorization": "Bearer tok"}


def test_dms_client_needs_host_and_credentials():
    with pytest.raises(ValidationError, match=r"^host is required: the DMS's address \(option host, or DMS_HOST\)$"):
        DmsClient({"username": "u", "password": "p"})
    with pytest.raises(ValidationError, match="^DMS needs password"):
        DmsClient({"host": "h", "username": "u"})


@pytest.mark.parametrize("size", [0, 1001, -1, "5", 2.5])
def test_page_size_is_validated(size):
    with pytest.raises(ValidationError) as info:
        offline(page_size=size)
    assert str(info.value) == "page_size: %s is not allowed; give 1 to 1000" % size


@pytest.mark.parametrize("size, expected", [(None, 1000), (1, 1), (1000, 1000), (250, 250)])
def test_page_size_accepted(size, expected):
    assert offline(page_size=size).page_size == expected


def test_client_factory_offline_paths_and_labels():
    client = client_factory({"endpoint_paths": {"devices": "/dms/rest/v2/devices/"}}, False, offline=True)
    assert isinstance(client, DmsClient) and client.http is None and client.auth is None
    assert client.paths["devices"] == "/dms/rest/v2/devices" and client.paths["groups"] == "/api/v1/groups"
    assert client.kind_labels == {"authorizations": "authorization set"}
    assert client.kind_labels is not dms_client.KIND_LABELS
    assert client.path("devices", "dev-1") == "/dms/rest/v2/devices/dev-1"
    assert client.path("groups") == "/api/v1/groups"
    with pytest.raises(ValidationError, match="offline client cannot send requests"):
        client.request("GET", "/api/v1/system", endpoint="system")
    checked = client_factory({"host": "h", "username": "u", "password": "p"}, True)
    assert checked.http.check_mode is True and checked.auth.path == LOGIN
    checked.close()


def test_dms_device_glue():
    from ansible_collections.broadcast.video.plugins.module_utils.dms.device import DMS
    assert DMS.name == "dms" and DMS.connection_spec == CONNECTION_SPEC and DMS.client_factory is client_factory
    assert DMS.connection_spec is not CONNECTION_SPEC and "requests" in DMS.requires


def test_item_name_id_and_write_requests():
    client = offline()
    assert client.item_name("devices", {"id": "dev-1", "name": "no"}) == "dev-1"
    assert client.item_name("groups", {"id": "grp-1", "name": "sports"}) == "sports"
    assert client.item_id("groups", {"id": "grp-1"}) == "grp-1"
    assert client.write_request("groups", "create", None) == ("POST", "/api/v1/groups")
    assert client.write_request("groups", "update", "grp-1") == ("PATCH", "/api/v1/groups/grp-1")
    assert client.write_request("authorizations", "delete", "auth-1") == ("DELETE", "/api/v1/authorizations/auth-1")
    assert client.write_request("devices", "update", "dev-1") == ("PATCH", "/api/v1/devices/dev-1")


def test_chunks():
    assert _chunks([], 2) == []
    assert _chunks(["a", "b", "c"], 2) == [["a", "b"], ["c"]]
    assert _chunks(("a", "b"), 2) == [["a", "b"]]


def test_list_items_refuses_an_unknown_kind():
    with pytest.raises(ValidationError) as info:
        offline().list_items("channels")
    assert str(info.value) == "internal error: unknown DMS kind 'channels'"


def test_device_query():
    client = offline()
    assert client.device_query(None) == {} and client.device_query({}) == {}
    assert client.device_query({"group": "hotels", "region": "north", "model": "XOS Edge", "status": "online",
                                "firmware_version": "11.4.0.0"}) == {
        "group": "hotels", "region": "north", "model": "XOS Edge", "status": "online", "firmwareVersion": "11.4.0.0"}
    assert client.device_query({"region": None, "model": "", "firmware_version": 11.4}) == {"firmwareVersion": "11.4"}
    assert client.device_query({"region": 7}) == {"region": "7"}
    assert list(DEVICE_FILTERS) == ["group", "region", "model", "status", "firmware_version"]


@pytest.mark.parametrize("filters, message", [
    ({"serial": "x"}, "filters: 'serial' is not a device filter; allowed: group, region, model, status, firmware_version"),
    ({"region": ["north", "south"]}, "filters.region: ['north', 'south'] is not a single value"),
    ({"status": {"a": 1}}, "filters.status: {'a': 1} is not a single value"),
    ({"model": True}, "filters.model: True is not a single value"),
])
def test_device_query_refuses(filters, message):
    with pytest.raises(ValidationError) as info:
        offline().device_query(filters)
    assert str(info.value) == message


def test_devices_by_id_and_alarms_and_commands_check_their_input_before_sending():
    client = offline()
    assert client.devices_by_id([]) == []
    with pytest.raises(ValidationError) as info:
        client.devices_by_id(["dev-1", "dev-2,dev-3"])
    assert str(info.value) == "device id 'dev-2,dev-3' contains a comma, which DMS device ids never do"
    with pytest.raises(ValidationError) as info:
        client.alarms("cleared")
    assert str(info.value) == "alarm_retrieval: 'cleared' is not allowed; choose active or all"
    with pytest.raises(ValidationError) as info:
        client.send_command("factory_reset", ["dev-1"])
    assert str(info.value) == "command: 'factory_reset' is not allowed; choose reboot, resend_authorization, firmware_upgrade"


def test_disabled_endpoint_is_never_requested(dms, dms_sim):
    client = dms(endpoint_paths={"alarms": {"enabled": False}, "groups": {"path": "/api/v1/groups", "enabled": True}})
    assert client.disabled == frozenset({"alarms"})
    with pytest.raises(EndpointDisabled) as info:
        client.alarms("active")
    assert str(info.value) == ("the DMS endpoint 'alarms' (/api/v1/alarms) is switched off in endpoint_paths (enabled: "
                               "false); this needs it")
    assert info.value.key == "alarms" and info.value.details == {"endpoint": "alarms"}
    assert isinstance(info.value, ValidationError)
    assert len(client.list_items("groups")) == 16
    assert [e["path"] for e in dms_sim.requests_log()] == [LOGIN, "/api/v1/groups"]


# ---------------------------------------------------------------------------------------------- login
def test_one_login_then_bearer_token(dms, dms_sim):
    client = dms()
    system = client.system()
    assert system["version"] == "11.4.0.0" and system["deviceCount"] == dms_sim.devices and system["groupCount"] == 16
    assert set(system) == {"name", "version", "deviceCount", "onlineCount", "groupCount", "serverTime"}
    client.list_items("groups")
    assert client.auth.logins == 1 and client.auth.token
    log = dms_sim.requests_log()
    assert [(e["method"], e["path"], e["auth"], e["status"]) for e in log] == [
        ("POST", LOGIN, "none", 200), ("GET", "/api/v1/system", "bearer", 200), ("GET", "/api/v1/groups", "bearer", 200)]
    assert client.http.stats.as_dict() == {"groups": {"calls": 1, "errors": 0}, "login": {"calls": 1, "errors": 0},
                                           "system": {"calls": 1, "errors": 0}}
    # no logout: tokens expire on their own
    tokens = dms_sim.state()["auth"]["tokens"]
    client.close()
    assert len(dms_sim.requests_log()) == 3 and dms_sim.state()["auth"]["tokens"] == tokens


def test_token_is_masked_in_error_messages(dms):
    client = dms()
    client.system()
    with pytest.raises(ApiError) as info:
        client.request("GET", "/api/v1/groups/%s" % client.auth.token, endpoint="groups")
    assert client.auth.token not in str(info.value) and "/api/v1/groups/********" in str(info.value)
    assert info.value.status == 404 and info.value.code == "NOT_FOUND"


def test_wrong_password_is_an_authentication_error(dms, dms_sim):
    with pytest.raises(AuthenticationError) as info:
        dms(password="wrong-password").system()
    assert str(info.value) == ("DMS refused username 'dmsadmin' (HTTP 401, INVALID_CREDENTIALS): check username and "
                               "password")
    assert info.value.details["status"] == 401 and info.value.details["code"] == "INVALID_CREDENTIALS"
    assert "wrong-password" not in str(info.value) and "wrong-password" not in str(info.value.details)
    assert [(e["path"], e["status"]) for e in dms_sim.requests_log()] == [(LOGIN, 401)]


def test_login_403_is_an_authentication_error(dms, dms_sim):
    dms_sim.fault(count=1, status=403, path_prefix=LOGIN)
    with pytest.raises(AuthenticationError) as info:
        dms().system()
    assert str(info.value) == "DMS refused username 'dmsadmin' (HTTP 403, FORBIDDEN): check username and password"


def test_login_path_that_does_not_exist(dms, dms_sim):
    with pytest.raises(AuthenticationError) as info:
        dms(endpoint_paths={"login": "/dms/login"}).system()
    assert str(info.value) == ("DMS has no login at /dms/login (HTTP 404): correct endpoint_paths.login with the path "
                               "of your DMS's API guide")
    assert info.value.details["status"] == 404


def test_login_path_that_asks_for_a_token(dms, dms_sim):
    with pytest.raises(AuthenticationError) as info:
        dms(endpoint_paths={"login": "/api/v1/auth/signin"}).system()
    assert str(info.value) == ("DMS refused username 'dmsadmin' (HTTP 401, UNAUTHORIZED): check username and password; "
                               "or correct endpoint_paths.login: /api/v1/auth/signin asked for a token, it may not be "
                               "the login path")


def test_login_server_error_passes_through(dms, dms_sim):
    dms_sim.fault(count=1, status=500, path_prefix=LOGIN)
    with pytest.raises(ApiError) as info:
        dms().system()
    assert type(info.value) is ApiError  # pylint: disable=unidiomatic-typecheck
    assert info.value.status == 500 and info.value.code == "INTERNAL_ERROR"
    assert str(info.value) == ("POST /api/v1/auth/login failed with HTTP 500 (device code INTERNAL_ERROR): Simulated "
                               "fault: Internal Server Error")


def fake_answer(payload, status=200):
    response = requests.Response()
    response.status_code = status
    response._content = b"" if payload is None else requests.compat.json.dumps(payload).encode()  # pylint: disable=protected-access
    return response


def login_with(monkeypatch, answer):
    http = HttpClient("http://127.0.0.1:1", retries=0)
    sent = []

    def request(method, path, **kwargs):
        sent.append((method, path, kwargs))
        if isinstance(answer, Exception):
            raise answer
        return answer

    monkeypatch.setattr(http, "request", request)
    auth = DmsAuth({"username": "u", "password": "p"}, DEFAULT_PATHS)
    return auth.fetch_token(http), sent


def test_login_body_and_token(monkeypatch):
    token, sent = login_with(monkeypatch, fake_answer({"token": 12345, "tokenType": "Bearer", "expiresIn": 3600}))
    assert token == "12345"
    assert sent == [("POST", LOGIN, {"json_body": {"username": "u", "password": "p"}, "authenticate": False,
                                     "write": False, "endpoint": "login"})]


@pytest.mark.parametrize("payload", [{}, {"token": ""}, ["token"], None])
def test_login_answer_without_token(monkeypatch, payload):
    with pytest.raises(AuthenticationError) as info:
        login_with(monkeypatch, fake_answer(payload))
    assert str(info.value) == "DMS answered the login at /api/v1/auth/login without a token: is this the DMS REST API?"


def test_login_401_without_a_device_code(monkeypatch):
    with pytest.raises(AuthenticationError) as info:
        login_with(monkeypatch, ApiError("denied", status=401, details={"status": 401}))
    assert str(info.value) == "DMS refused username 'u' (HTTP 401): check username and password"
    assert info.value.details == {"status": 401}


# ---------------------------------------------------------------------------------------------- token expiry and errors
def test_expired_token_logs_in_again_once(dms, dms_sim):
    client = dms()
    client.system()
    dms_sim.control("POST", "expire-tokens")
    dms_sim.control("DELETE", "requests")
    assert len(client.list_items("destinations")) == 4
    assert client.auth.logins == 2
    assert [(e["method"], e["path"], e["status"]) for e in dms_sim.requests_log()] == [
        ("GET", "/api/v1/destinations", 401), ("POST", LOGIN, 200), ("GET", "/api/v1/destinations", 200)]


def test_expired_token_seen_by_concurrent_pages_costs_one_login(dms, dms_sim):
    client = dms(max_workers=8, page_size=5)
    client.system()
    dms_sim.control("POST", "expire-tokens")
    dms_sim.control("DELETE", "requests")
    results = client.run_concurrently([client.system for _call in range(8)])
    assert all(r["version"] == "11.4.0.0" for r in results)
    assert client.auth.logins == 2 and dms_sim.count("POST", LOGIN) == 1


def test_401_after_a_fresh_login_is_an_authentication_error(dms, dms_sim):
    client = dms()
    client.system()
    dms_sim.fault(count=2, status=401, path_prefix="/api/v1/system")
    with pytest.raises(AuthenticationError) as info:
        client.system()
    assert str(info.value) == ("DMS answered 401 to GET /api/v1/system after a fresh login: GET /api/v1/system failed "
                               "with HTTP 401 (device code UNAUTHORIZED): Simulated fault: Unauthorized")
    assert client.auth.logins == 2 and info.value.details["status"] == 401


def test_403_is_a_permission_error(dms, dms_sim):
    dms_sim.fault(count=1, status=403, path_prefix="/api/v1/groups")
    with pytest.raises(AuthenticationError) as info:
        dms().list_items("groups")
    assert str(info.value) == "DMS refused GET /api/v1/groups (HTTP 403): the user lacks the permission this needs"
    assert info.value.details["code"] == "FORBIDDEN"


def test_other_errors_are_api_errors_with_the_dms_message(dms, dms_sim):
    client = dms()
    with pytest.raises(ApiError) as info:
        client.request("GET", "/api/v1/groups/grp-9999", endpoint="groups")
    assert str(info.value) == ("GET /api/v1/groups/grp-9999 failed with HTTP 404 (device code NOT_FOUND): group "
                               "grp-9999 not found")
    assert info.value.details == {"method": "GET", "path": "/api/v1/groups/grp-9999", "status": 404, "code": "NOT_FOUND"}
    dms_sim.fault(count=1, status=503, path_prefix="/api/v1/firmware")
    with pytest.raises(ApiError) as info:
        client.list_items("firmware")
    assert info.value.status == 503 and info.value.code == "SERVICE_UNAVAILABLE"


def test_check_mode_refuses_writes_before_sending(dms, dms_sim):
    client = dms(check_mode=True)
    assert len(client.list_items("groups")) == 16
    with pytest.raises(CheckModeWriteError):
        client.create_item("groups", {"name": "new"})
    with pytest.raises(CheckModeWriteError):
        client.send_command("reboot", ["dev-000002"])
    assert dms_sim.writes() == []


# ---------------------------------------------------------------------------------------------- collections and paging
def test_pages_2_to_n_after_page_1(dms, dms_sim):
    full = dms().devices()
    assert [d["id"] for d in full] == ["dev-%06d" % n for n in range(1, dms_sim.devices + 1)]
    dms_sim.control("DELETE", "requests")
    paged = dms(page_size=7, max_workers=4).get_collection("devices")
    assert paged == full
    seen = dms_sim.queries(DEVICES_PATH)
    pages = -(-dms_sim.devices // 7)
    assert seen[0] == {"page": "1", "pageSize": "7"}
    assert sorted(int(q["page"]) for q in seen) == list(range(1, pages + 1))
    assert all(q["pageSize"] == "7" for q in seen)


class Stub:
    """Scripted ``DmsClient.request``: ``answers(page, params) -> body`` (or an exception)."""

    def __init__(self, answers):
        self.answers = answers
        self.calls = []
        self.lock = threading.Lock()

    def __call__(self, method, path, endpoint=None, params=None, **kwargs):
        with self.lock:
            self.calls.append((method, path, endpoint, dict(params or {}), kwargs))
        answer = self.answers(int((params or {}).get("page", 1)), params or {})
        if isinstance(answer, Exception):
            raise answer
        return answer


def stubbed(monkeypatch, answers, **params):
    client = offline(**params)
    stub = Stub(answers)
    monkeypatch.setattr(client, "request", stub)
    return client, stub


def test_pages_2_to_n_are_read_concurrently(monkeypatch):
    barrier = threading.Barrier(4, timeout=5)

    def answers(page, params):
        if page > 1:
            barrier.wait()  # only passes when pages 2..5 are in flight together
        return {"items": [{"id": page}], "page": page, "pageSize": 1, "totalCount": 5, "totalPages": 5}

    client, stub = stubbed(monkeypatch, answers, max_workers=4, page_size=1)
    assert [i["id"] for i in client.get_collection("groups", {"x": "y"})] == [1, 2, 3, 4, 5]
    assert stub.calls[0][:4] == ("GET", "/api/v1/groups", "groups", {"x": "y", "page": 1, "pageSize": 1})


def test_collection_without_total_pages_follows_full_pages(monkeypatch):
    def answers(page, params):
        return {"items": [{"id": page}] * (2 if page < 3 else 1)}

    client, stub = stubbed(monkeypatch, answers, page_size=2)
    assert [i["id"] for i in client.get_collection("alarms")] == [1, 1, 2, 2, 3]
    assert [c[3]["page"] for c in stub.calls] == [1, 2, 3]


@pytest.mark.parametrize("pages", [-1, "2", None, 1.5])
def test_collection_with_a_bad_total_pages_follows_full_pages(monkeypatch, pages):
    def answers(page, params):
        return {"items": [{"id": page}] if page < 3 else [], "totalPages": pages}

    client, stub = stubbed(monkeypatch, answers, page_size=1)
    assert client.get_collection("alarms") == [{"id": 1}, {"id": 2}]
    assert len(stub.calls) == 3


@pytest.mark.parametrize("body, kind", [([{"id": 1}], "list"), ({"data": []}, "dict"), ({"items": {"a": 1}}, "dict"),
                                        (None, "NoneType")])
def test_collection_refuses_what_is_not_a_dms_collection(monkeypatch, body, kind):
    client, _stub = stubbed(monkeypatch, lambda page, params: body)
    with pytest.raises(ApiError) as info:
        client.get_collection("destinations")
    assert str(info.value) == "GET /api/v1/destinations: expected {items: [...]} (a DMS collection), got %s" % kind
    assert info.value.status == 200


def test_transform_is_applied_per_page_and_bypasses_the_cache(dms, dms_sim):
    client = dms(page_size=25)
    pages = []

    def compact(items):
        pages.append(len(items))
        return [d["id"] for d in items]

    ids = client.devices(transform=compact)
    assert ids == ["dev-%06d" % n for n in range(1, dms_sim.devices + 1)]
    assert sorted(pages) == sorted([25, 25, dms_sim.devices - 50])
    assert len(dms_sim.queries(DEVICES_PATH)) == 3
    client.devices()
    client.devices()
    assert len(dms_sim.queries(DEVICES_PATH)) == 6  # one more full read, shared from then on


def test_device_filters_are_sent_to_the_server(dms, dms_sim):
    client = dms()
    everything = client.devices()
    north = client.devices({"region": "north", "status": "online", "model": None})
    assert north == [d for d in everything if d["region"] == "north" and d["status"] == "online"] and north
    hotels = client.devices({"group": "hotels", "firmware_version": "11.4.0.0"})
    assert hotels == [d for d in everything if "grp-0014" in d["groups"] and d["firmwareVersion"] == "11.4.0.0"] and hotels
    assert client.devices({"group": "no-such-group"}) == []
    assert dms_sim.queries(DEVICES_PATH)[1:] == [
        {"region": "north", "status": "online", "page": "1", "pageSize": "1000"},
        {"group": "hotels", "firmwareVersion": "11.4.0.0", "page": "1", "pageSize": "1000"},
        {"group": "no-such-group", "page": "1", "pageSize": "1000"}]


def test_list_items_is_read_once_and_forgotten_by_a_write(dms, dms_sim):
    client = dms(max_workers=4)
    lists = client.run_concurrently([lambda: client.list_items("groups") for _call in range(4)])
    assert all(items == lists[0] for items in lists) and dms_sim.count("GET", "/api/v1/groups") == 1
    created = client.create_item("groups", {"name": "lab", "description": "Lab receivers"})
    assert created["id"] == "grp-0017" and created["deviceCount"] == 0
    assert len(client.list_items("groups")) == 17 and dms_sim.count("GET", "/api/v1/groups") == 2


def test_empty_collections(dms, dms_sim):
    dms_sim.control("POST", "reset", {"empty": True})
    client = dms()
    assert client.list_items("groups") == [] and client.list_items("authorizations") == []
    assert dms_sim.count("GET", "/api/v1/groups") == 1


def test_alarms_active_or_all(dms, dms_sim):
    client = dms()
    every = client.alarms()
    active = client.alarms("active")
    assert active == [a for a in every if a["state"] == "active"] and len(active) < len(every)
    assert [q["state"] for q in dms_sim.queries("/api/v1/alarms")] == ["all", "active"]


# ---------------------------------------------------------------------------------------------- devices by id
def id_queries(dms_sim):
    return [q["id"].split(",") for q in dms_sim.queries(DEVICES_PATH) if "id" in q]


def test_devices_by_id_sorted_unique_and_only_existing(dms, dms_sim):
    found = dms().devices_by_id(["dev-000003", "dev-000001", "dev-999999", "dev-000003"])
    assert [d["id"] for d in found] == ["dev-000001", "dev-000003"]
    assert id_queries(dms_sim) == [["dev-000001", "dev-000003", "dev-999999"]]


def test_devices_by_id_in_chunks_of_1000_read_concurrently(dms, dms_sim):
    dms_sim.insert("devices", {"id": "dev-001400", "model": "XOS Edge"})
    wanted = ["dev-%06d" % n for n in range(1500, 0, -1)]
    found = dms(max_workers=2).devices_by_id(wanted)
    assert [d["id"] for d in found] == ["dev-%06d" % n for n in range(1, dms_sim.devices + 1)] + ["dev-001400"]
    chunks = id_queries(dms_sim)
    assert sorted(len(c) for c in chunks) == [500, 1000]
    assert sorted(c[0] for c in chunks) == ["dev-000001", "dev-001001"]


def test_list_declared_reads_declared_devices_only(dms, dms_sim):
    client = dms()
    assert [d["id"] for d in client.list_declared("devices", ["dev-000002"])] == ["dev-000002"]
    assert len(client.list_declared("groups", ["sports"])) == 16
    assert id_queries(dms_sim) == [["dev-000002"]] and len(dms_sim.queries(DEVICES_PATH)) == 1


# ---------------------------------------------------------------------------------------------- writes
def test_create_update_delete_groups(dms, dms_sim):
    client = dms()
    created = client.create_item("groups", {"name": "lab", "allowScheduleAuthorization": True})
    gid = created["id"]
    updated = client.update_item("groups", gid, dict(created, description="Lab receivers"))
    assert updated == dict(created, description="Lab receivers")
    assert client.delete_item("groups", gid) is None
    assert dms_sim.writes() == [("POST", "/api/v1/groups"), ("PATCH", "/api/v1/groups/%s" % gid),
                                ("DELETE", "/api/v1/groups/%s" % gid)]
    assert all(g["name"] != "lab" for g in client.list_items("groups"))


def test_update_sends_only_the_writable_fields(dms, dms_sim, monkeypatch):
    client = dms()
    (device,) = client.devices_by_id(["dev-000002"])
    sent = []
    original = client.request

    def spy(method, path, endpoint, **kwargs):
        sent.append(kwargs.get("json_body"))
        return original(method, path, endpoint, **kwargs)

    monkeypatch.setattr(client, "request", spy)
    answer = client.update_item("devices", "dev-000002", dict(device, customDescription="Lobby", groups=["grp-0001"]),
                                current=device)
    assert sent == [{"customDescription": "Lobby", "location": device["location"], "groups": ["grp-0001"],
                     "allowScheduleAuthorization": False}]
    assert answer == dict(device, customDescription="Lobby", groups=["grp-0001"])
    assert set(WRITABLE) == {"devices", "groups", "authorizations", "destinations"}


def test_update_of_a_kind_without_a_writable_list_sends_the_body(monkeypatch):
    client, stub = stubbed(monkeypatch, lambda page, params: None)
    assert client.update_item("firmware", "11.4.0.0", {"version": "11.4.0.0", "x": 1}) == {}
    assert stub.calls[0][4]["json_body"] == {"version": "11.4.0.0", "x": 1}
    assert client.create_item("groups", {"name": "g"}) == {}


def test_write_errors_forget_the_cached_list(dms, dms_sim):
    client = dms()
    client.list_items("groups")
    with pytest.raises(ApiError) as info:
        client.create_item("groups", {"name": "sports"})
    assert info.value.status == 409 and info.value.code == "CONFLICT"
    assert str(info.value) == ("POST /api/v1/groups failed with HTTP 409 (device code CONFLICT): group name 'sports' is "
                               "already taken by grp-0011")
    with pytest.raises(ApiError) as info:
        client.update_item("devices", "dev-000002", {"groups": ["grp-9999"]})
    assert info.value.status == 422 and info.value.code == "VALIDATION_FAILED" and "unknown group id grp-9999" in str(info.value)
    with pytest.raises(ApiError) as info:
        client.delete_item("groups", "grp-0011")  # the target of sports-package
    assert info.value.status == 409 and "auth-0001" in str(info.value)
    client.list_items("groups")
    assert dms_sim.count("GET", "/api/v1/groups") == 2


def test_schedule_not_allowed_is_refused_by_the_server_too(dms):
    client = dms()
    body = {"name": "news-evening", "targetType": "group", "targetId": "grp-0012", "type": "schedule",
            "schedule": {"startDate": "2026-12-01", "endDate": "2026-12-31", "startTime": "18:00", "endTime": "23:00",
                         "weekdays": ["MON"]}}
    with pytest.raises(ApiError) as info:
        client.create_item("authorizations", body)
    assert info.value.status == 422 and info.value.code == "SCHEDULE_NOT_ALLOWED"


# ---------------------------------------------------------------------------------------------- commands
def test_send_command_results_in_order(dms, dms_sim):
    client = dms()
    client.devices()
    results = client.send_command("reboot", ["dev-000003", "dev-000001", "dev-999999"])
    assert results == [
        {"deviceId": "dev-000003", "status": "accepted", "message": "reboot started"},
        {"deviceId": "dev-000001", "status": "rejected", "message": "device is offline"},
        {"deviceId": "dev-999999", "status": "rejected", "message": "no such device"}]
    (command,) = dms_sim.state()["commands"]
    assert command["command"] == "reboot" and command["parameters"] == {}
    client.devices()
    assert len(dms_sim.queries(DEVICES_PATH)) == 2  # the command forgot the cached device list


def test_send_command_firmware_parameters(dms, dms_sim):
    results = dms().send_command("firmware_upgrade", ["dev-000004", "dev-000003"], {"firmwareVersion": "11.4.1.0"})
    assert results == [
        {"deviceId": "dev-000004", "status": "accepted", "message": "upgrade to 11.4.1.0 started"},
        {"deviceId": "dev-000003", "status": "rejected", "message": "firmware 11.4.1.0 is not available for RD9000"}]
    assert dms_sim.state()["commands"][0]["parameters"] == {"firmwareVersion": "11.4.1.0"}


def test_send_command_in_requests_of_1000(dms, dms_sim):
    ids = ["dev-%06d" % n for n in range(2500, 0, -1)]
    results = dms(max_workers=3).send_command("resend_authorization", ids)
    assert [r["deviceId"] for r in results] == ids
    assert sorted(len(c["deviceIds"]) for c in dms_sim.state()["commands"]) == [500, 1000, 1000]
    assert dms_sim.writes() == [("POST", COMMANDS_PATH)] * 3
    accepted = {r["deviceId"] for r in results if r["status"] == "accepted"}
    assert accepted and accepted <= {"dev-%06d" % n for n in range(1, dms_sim.devices + 1)}


@pytest.mark.parametrize("answer, expected", [
    (None, []), ({"results": None}, []), ({"results": [{"deviceId": "a"}, "junk", None]}, [{"deviceId": "a"}])])
def test_send_command_odd_answers(monkeypatch, answer, expected):
    client, stub = stubbed(monkeypatch, lambda page, params: answer)
    assert client.send_command("reboot", ["a"]) == expected
    method, path, endpoint, _params, kwargs = stub.calls[0]
    assert (method, path, endpoint) == ("POST", COMMANDS_PATH, "device_commands")
    assert kwargs == {"json_body": {"command": "reboot", "deviceIds": ["a"], "parameters": {}}, "expected": (200, 201, 202)}


# ---------------------------------------------------------------------------------------------- plan checks
SCHEDULE = {"startDate": "2026-12-01", "endDate": "2026-12-31", "startTime": "18:00", "endTime": "23:30",
            "weekdays": ["FRI"]}


def auth_body(target_type, target_id, schedule=None):
    return {"name": "x", "targetType": target_type, "targetId": target_id, "entitlements": [], "enabled": True,
            "type": "schedule" if schedule else "standard", "schedule": schedule}


def test_check_plan_accepts_schedules_where_allowed(dms, dms_sim):
    client = dms()
    operations = [op("create", "a", body=auth_body("group", "grp-0014", SCHEDULE)),
                  op("create", "b", body=auth_body("device", "dev-000023", SCHEDULE)),
                  op("update", "c", "auth-0002", body=auth_body("group", "grp-0012")),
                  op("update", "e", "auth-0004", body=None), op("update", "g", "auth-0004", body={}),
                  op("delete", "f", "auth-0001")]
    assert client.check_plan(AUTHORIZATIONS, operations) is None
    assert id_queries(dms_sim) == [["dev-000023"]] and dms_sim.writes() == []


def test_check_plan_without_device_targets_reads_no_device(dms, dms_sim):
    client = dms()
    assert client.check_plan(AUTHORIZATIONS, [op("create", "a", body=auth_body("group", "grp-0011"))]) is None
    assert dms_sim.queries(DEVICES_PATH) == []


@pytest.mark.parametrize("body, message", [
    (auth_body("group", "grp-0012", SCHEDULE),
     "authorization set 'late-news': a schedule (schedule-based authorization set) is not allowed on group 'news', "
     "whose allow_schedule_authorization is false; set allow_schedule_authorization: true on the group "
     "(broadcast.video.dms_groups), or declare the set without schedule"),
    (auth_body("device", "dev-000002", SCHEDULE),
     "authorization set 'late-news': a schedule (schedule-based authorization set) is not allowed on device "
     "'dev-000002', whose allow_schedule_authorization is false; set allow_schedule_authorization: true on the device "
     "(broadcast.video.dms_devices), or declare the set without schedule"),
    (auth_body("group", "grp-9999", SCHEDULE),
     "authorization set 'late-news': a schedule (schedule-based authorization set) is not allowed on group "
     "'grp-9999', whose allow_schedule_authorization is false; set allow_schedule_authorization: true on the group "
     "(broadcast.video.dms_groups), or declare the set without schedule"),
    (auth_body("device", "dev-999999"),
     "authorization set 'late-news': target device 'dev-999999' does not exist on the DMS"),
])
def test_check_plan_refuses_before_any_write(dms, dms_sim, body, message):
    with pytest.raises(ValidationError) as info:
        dms().check_plan(AUTHORIZATIONS, [op("create", "ok", body=auth_body("group", "grp-0011")),
                                          op("update", "late-news", "auth-0001", body=body)])
    assert str(info.value) == message
    assert dms_sim.writes() == []


def test_check_plan_group_deletes(dms, dms_sim):
    client = dms()
    assert client.check_plan(GROUPS, [op("update", "movies", "grp-0015", body={"name": "movies"})]) is None
    assert dms_sim.queries("/api/v1/authorizations") == []  # no delete: nothing to check
    assert client.check_plan(GROUPS, [op("delete", "movies", "grp-0015")]) is None
    with pytest.raises(ValidationError) as info:
        client.check_plan(GROUPS, [op("delete", "movies", "grp-0015"),
                                   op("delete", "hotels", "grp-0014")])
    assert str(info.value) == ("group 'hotels' cannot be deleted: authorization set 'hotels-weekend-sports' targets it; "
                               "delete or retarget the set first (broadcast.video.dms_authorizations)")
    assert dms_sim.count("GET", "/api/v1/authorizations") == 1 and dms_sim.writes() == []


def test_check_plan_ignores_device_targeted_sets_and_other_kinds(dms, dms_sim):
    client = dms()
    dms_sim.insert("authorizations", {"id": "auth-0100", "name": "odd", "targetType": "device", "targetId": "grp-0015"})
    assert client.check_plan(GROUPS, [op("delete", "movies", "grp-0015")]) is None
    assert client.check_plan(DESTINATIONS, [op("delete", "cloud-srt", "dst-0003")]) is None
    assert client.check_plan(DEVICES, [op("update", "dev-000002", "dev-000002", body={})]) is None


def test_engine_deleting_a_targeted_group_fails_before_any_write(dms, dms_sim):
    with pytest.raises(ValidationError, match="^group 'sports' cannot be deleted: authorization set 'sports-package'"):
        ResourceEngine(dms(), GROUPS).run("deleted", [{"name": "movies"}, {"name": "sports"}])
    assert dms_sim.writes() == []
    result = ResourceEngine(dms(), GROUPS).run("deleted", [{"name": "movies"}])
    assert [(r["method"], r["path"]) for r in result["requests"]] == [("DELETE", "/api/v1/groups/grp-0015")]
    assert dms_sim.writes() == [("DELETE", "/api/v1/groups/grp-0015")]


def test_check_plan_schedule_authorization_cannot_be_switched_off_under_a_schedule_set(dms, dms_sim):
    client = dms()
    groups = {g["name"]: g for g in client.list_items("groups")}
    hotels, sports = groups["hotels"], groups["sports"]
    # sports is targeted by a standard set only; movies by none
    keep = [op("update", "sports", "grp-0011", body=dict(sports, allowScheduleAuthorization=False), current=sports),
            op("update", "hotels", "grp-0014", body=dict(hotels, description="x"), current=hotels),
            op("update", "movies", "grp-0015", body={"allowScheduleAuthorization": False},
               current=groups["movies"]),
            op("update", "odd", "grp-0016", body=None, current=dict(groups["international"], allowScheduleAuthorization=True))]
    assert client.check_plan(GROUPS, keep) is None
    with pytest.raises(ValidationError) as info:
        client.check_plan(GROUPS, keep + [op("update", "hotels", "grp-0014",
                                             body=dict(hotels, allowScheduleAuthorization=False), current=hotels)])
    assert str(info.value) == ("group 'hotels': allow_schedule_authorization cannot become false while the schedule "
                               "authorization set 'hotels-weekend-sports' targets it; delete the set or remove its "
                               "schedule first (broadcast.video.dms_authorizations)")
    (device,) = client.devices_by_id(["dev-000001"])
    with pytest.raises(ValidationError) as info:
        client.check_plan(DEVICES, [op("update", "dev-000001", "dev-000001",
                                       body=dict(device, allowScheduleAuthorization=False), current=device)])
    assert str(info.value) == ("device 'dev-000001': allow_schedule_authorization cannot become false while the "
                               "schedule authorization set 'lobby-evening-news' targets it; delete the set or remove "
                               "its schedule first (broadcast.video.dms_authorizations)")
    assert dms_sim.writes() == []


def test_engine_refuses_to_switch_off_schedule_authorization_before_any_write(dms, dms_sim):
    with pytest.raises(ValidationError, match="^device 'dev-000001': allow_schedule_authorization cannot become false"):
        ResourceEngine(dms(), DEVICES).run("merged", [{"id": "dev-000001", "allow_schedule_authorization": False}])
    with pytest.raises(ValidationError, match="^group 'hotels': allow_schedule_authorization cannot become false"):
        ResourceEngine(dms(), GROUPS).run("replaced", [{"name": "hotels", "description": "Hotels"}])
    assert dms_sim.writes() == []
    result = ResourceEngine(dms(), GROUPS).run("merged", [{"name": "sports", "allow_schedule_authorization": False}])
    assert result["changed"] is True and dms_sim.writes() == [("PATCH", "/api/v1/groups/grp-0011")]
