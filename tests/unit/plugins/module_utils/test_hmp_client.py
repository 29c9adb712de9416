# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Unit tests of plugins/module_utils/hmp/client.py: HmpAuth and HmpClient against the HMP simulator (real sockets),
plus stubbed answers for the paging and login shapes the simulator does not produce."""

from __future__ import annotations

import threading

import pytest
import requests

from ansible_collections.broadcast.video.plugins.module_utils.errors import (
    ApiError, AuthenticationError, CheckModeWriteError, ValidationError)
from ansible_collections.broadcast.video.plugins.module_utils.hmp import client as hmp_client
from ansible_collections.broadcast.video.plugins.module_utils.hmp.client import (
    CONNECTION_SPEC, DEFAULT_PATHS, HmpAuth, HmpClient, _label, client_factory, infer_auth_method, source_changes)
from ansible_collections.broadcast.video.plugins.module_utils.hmp.resources import (
    EVENTS, RECORDINGS, SESSIONS, SOURCES, STREAMS, VIDEOS)
from ansible_collections.broadcast.video.plugins.module_utils.resource import Operation, ResourceEngine
from ansible_collections.broadcast.video.plugins.module_utils.transport import HttpClient

LOGIN = DEFAULT_PATHS["login"]


@pytest.fixture
def hmp(hmp_sim):
    """``hmp(auth="session", check_mode=False, **options) -> HmpClient`` on the simulator; closed after the test."""
    clients = []

    def make(auth="session", check_mode=False, **extra):
        client = hmp_sim.track(HmpClient(hmp_sim.connection(auth, **extra), check_mode=check_mode))
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


def by(items, key, value):
    """The one item whose ``key`` is ``value``."""
    matches = [i for i in items if i.get(key) == value]
    assert len(matches) == 1, (key, value, items)
    return matches[0]


def offline(**params):
    return HmpClient(params, offline=True)


def op(kind, name="x", ident=None, body=None, current=None, before=None, after=None):
    return Operation(kind, name, ident, body, before, after, current)


# ---------------------------------------------------------------------------------------------- options and helpers
@pytest.mark.parametrize("params, expected", [
    ({}, "session"),
    ({"username": "u", "password": "p"}, "session"),
    ({"api_key": "k"}, "api_key"),
    ({"api_key": "k", "username": "u"}, "session"),
    ({"auth_method": "api_key", "username": "u"}, "api_key"),
    ({"auth_method": "session", "api_key": "k"}, "session"),
])
def test_infer_auth_method(params, expected):
    assert infer_auth_method(params) == expected


def test_connection_spec_has_hmp_options_and_env_fallbacks():
    assert CONNECTION_SPEC["port"]["default"] == 443 and CONNECTION_SPEC["use_ssl"]["default"] is True
    assert CONNECTION_SPEC["auth_method"]["choices"] == ["session", "api_key"]
    for option in ("host", "username", "password", "api_key", "api_secret", "auth_method"):
        assert CONNECTION_SPEC[option]["fallback"][1] == ["HMP_%s" % option.upper()]
    assert all(CONNECTION_SPEC[o]["no_log"] for o in ("password", "api_key", "api_secret"))
    assert list(CONNECTION_SPEC).index("auth_method") == list(CONNECTION_SPEC).index("ca_path") + 1


@pytest.mark.parametrize("params, message", [
    ({}, "auth_method=session needs username and password (set them as options, in module_defaults, or as "
         "HMP_USERNAME/HMP_PASSWORD environment variables)"),
    ({"username": "u"}, "auth_method=session needs password (set them as options, in module_defaults, or as "
                        "HMP_PASSWORD environment variables)"),
    ({"api_key": "k"}, "auth_method=api_key needs api_secret (set them as options, in module_defaults, or as "
                       "HMP_API_SECRET environment variables)"),
    ({"auth_method": "api_key"}, "auth_method=api_key needs api_key and api_secret (set them as options, in "
                                 "module_defaults, or as HMP_API_KEY/HMP_API_SECRET environment variables)"),
])
def test_hmp_auth_missing_credentials(params, message):
    with pytest.raises(ValidationError) as info:
        HmpAuth(params, DEFAULT_PATHS)
    assert str(info.value) == message


def test_hmp_client_needs_host_and_credentials():
    with pytest.raises(ValidationError, match=r"^host is required: the HMP's address \(option host, or HMP_HOST\)$"):
        HmpClient({"username": "u", "password": "p"})
    with pytest.raises(ValidationError, match="needs password"):
        HmpClient({"host": "h", "username": "u"})


def test_hmp_auth_secrets_and_apply():
    auth = HmpAuth({"username": "u", "password": "pw", "api_key": "k", "api_secret": "s"}, DEFAULT_PATHS)
    assert auth.secrets() == ["pw", "k", "s"]
    auth.token = "tok"
    assert auth.secrets() == ["pw", "k", "s", "tok"]
    kwargs = {"headers": {}}
    auth.apply_token(kwargs, "tok")
    assert kwargs["headers"] == {"Cookie": "calypso-session-id=tok"}
    key = HmpAuth({"api_key": "k", "api_secret": "s"}, DEFAULT_PATHS)
    kwargs = {"headers": {}}
    key.apply_token(kwargs, "bearer-tok")
    assert kwargs["headers"] == {"Authorization": "Bearer bearer-tok"}


def test_client_factory_offline_and_labels():
    client = client_factory({"stop_recordings": True, "endpoint_paths": {"sources": "/v2/sources/"}}, False, offline=True)
    assert isinstance(client, HmpClient) and client.http is None and client.stop_recordings is True
    assert client.paths["sources"] == "/v2/sources" and client.paths["sessions"] == "/apis/sessions"
    assert client.kind_labels == {"videos": "video", "devices": "set-top box"}
    assert client.path("sessions", "s1", "sources", 3) == "/apis/sessions/s1/sources/3"
    with pytest.raises(ValidationError, match="offline client cannot send requests"):
        client.request("GET", "/apis/sources")
    assert [_label(k) for k in ("videos", "devices", "sessions", "media")] == ["video", "set-top box", "session", "media"]
    assert client_factory({"host": "h", "username": "u", "password": "p"}, True).http.check_mode is True


def test_hmp_device_glue():
    from ansible_collections.broadcast.video.plugins.module_utils.hmp.device import HMP
    assert HMP.name == "hmp" and HMP.connection_spec == CONNECTION_SPEC and HMP.client_factory is client_factory
    assert HMP.connection_spec is not CONNECTION_SPEC and "requests" in HMP.requires


def test_item_id_and_name_per_kind():
    client = offline()
    assert client.item_id("devices", {"_id": "box", "id": "no"}) == "box"
    assert client.item_id("sources", {"id": "s", "_id": "no"}) == "s"
    assert client.item_name("sessions", {"title": "T", "name": "no"}) == "T"
    assert client.item_name("videos", {"title": "V"}) == "V"
    assert client.item_name("sources", {"name": "S", "title": "no"}) == "S"


# ---------------------------------------------------------------------------------------------- login and logout
def test_session_login_cookie_once_and_logout(hmp, hmp_sim):
    client = hmp()
    assert client.data("GET", DEFAULT_PATHS["system_version"]) == {"version": "4.1.1", "build": "41127"}
    info = client.data("GET", LOGIN)
    assert client.auth.method == "session" and client.auth.token == info["sessionId"] and client.auth.logins == 1
    assert len(client.http.session.cookies) == 0  # the cookie travels in our own header
    log = hmp_sim.requests_log()
    assert [(e["method"], e["path"], e["auth"]) for e in log] == [
        ("POST", LOGIN, "none"), ("GET", "/apis/system/version", "cookie"), ("GET", LOGIN, "cookie")]
    assert hmp_sim.state()["auth"]["sessions"] == 1
    client.close()
    assert hmp_sim.requests_log()[-1]["method"] == "DELETE" and hmp_sim.requests_log()[-1]["status"] == 200
    assert hmp_sim.state()["auth"]["sessions"] == 0


def test_api_key_login_bearer_and_no_logout(hmp, hmp_sim):
    client = hmp("api_key")
    info = client.data("GET", DEFAULT_PATHS["login_key"])
    assert client.auth.method == "api_key" and info["authToken"] == client.auth.token
    client.close()
    log = hmp_sim.requests_log()
    assert [(e["method"], e["path"], e["auth"]) for e in log] == [
        ("POST", DEFAULT_PATHS["login_key"], "none"), ("GET", DEFAULT_PATHS["login_key"], "bearer")]


def test_logout_of_an_expired_session_is_quiet(hmp, hmp_sim):
    client = hmp()
    client.data("GET", "/apis/system/version")
    hmp_sim.control("POST", "expire-tokens")
    client.auth.logout(client.http)  # 404 040022 is expected
    assert hmp_sim.requests_log()[-1]["status"] == 404


def test_no_logout_without_login(hmp, hmp_sim):
    hmp().close()
    assert hmp_sim.requests_log() == []


def test_token_is_masked_in_error_messages(hmp, hmp_sim):
    client = hmp()
    client.data("GET", "/apis/system/version")
    with pytest.raises(ApiError) as info:
        client.request("GET", "/apis/sources/%s" % client.auth.token)
    assert client.auth.token not in str(info.value) and "/apis/sources/********" in str(info.value)
    assert info.value.code == "040009"


@pytest.mark.parametrize("auth, bad, message", [
    ("session", {"password": "wrong-password"},
     "HMP refused username 'haiadmin' (HTTP 401, code 020002 InvalidCredentials): check the credentials"),
    ("api_key", {"api_secret": "wrong-secret"},
     "HMP refused the API key (HTTP 401, code 020002 InvalidCredentials): check the credentials"),
])
def test_login_refused_credentials(hmp, auth, bad, message):
    client = hmp(auth, **bad)
    with pytest.raises(AuthenticationError) as info:
        client.data("GET", "/apis/sources")
    assert str(info.value) == message
    assert info.value.details["status"] == 401 and info.value.details["code"] == "020002"
    assert "wrong" not in str(info.value)


def test_key_login_before_hmp_41_is_404(hmp, hmp_sim):
    hmp_sim.control("POST", "config", {"key_login": False})
    with pytest.raises(AuthenticationError) as info:
        hmp("api_key").data("GET", "/apis/sources")
    assert str(info.value) == ("HMP has no API key login at /apis/authentication/login/key (HTTP 404): API keys need "
                               "HMP 4.1 or later; use auth_method=session with username and password")


@pytest.mark.parametrize("status, error, text", [
    (401, AuthenticationError, "HMP refused username 'haiadmin' (HTTP 401, code 020001): the user may have no role "
                               "assigned (POST /apis/authentication/login failed with HTTP 401 (device code 020001)"),
    (400, AuthenticationError, "HMP rejected the login request at /apis/authentication/login: POST "),
    (404, ApiError, "POST /apis/authentication/login failed with HTTP 404 (device code 040000)"),
    (500, ApiError, "POST /apis/authentication/login failed with HTTP 500 (device code 070000)"),
])
def test_login_error_statuses(hmp, hmp_sim, status, error, text):
    hmp_sim.fault(count=1, status=status, path_prefix=LOGIN)
    with pytest.raises(error) as info:
        hmp().data("GET", "/apis/sources")
    assert type(info.value) is error  # pylint: disable=unidiomatic-typecheck
    assert str(info.value).startswith(text)
    assert "hmp-password" not in str(info.value)


def test_login_error_401_without_code():
    auth = HmpAuth({"username": "u", "password": "p"}, DEFAULT_PATHS)
    error = auth._login_error(ApiError("denied", status=401), LOGIN)  # pylint: disable=protected-access
    assert isinstance(error, AuthenticationError)
    assert str(error) == "HMP refused username 'u' (HTTP 401): the user may have no role assigned (denied)"


def fake_login_answer(payload, cookie=None):
    response = requests.Response()
    response.status_code = 200
    response._content = b"" if payload is None else requests.compat.json.dumps(payload).encode()  # pylint: disable=protected-access
    if cookie:
        response.cookies.set("calypso-session-id", cookie)
    return response


def login_with(monkeypatch, params, answer):
    http = HttpClient("http://127.0.0.1:1", retries=0)
    sent = []

    def request(method, path, **kwargs):
        sent.append((method, path, kwargs))
        return answer

    monkeypatch.setattr(http, "request", request)
    http.session.cookies.set("stale", "cookie")
    auth = HmpAuth(params, DEFAULT_PATHS)
    return auth, auth.fetch_token(http), sent, http


def test_session_token_from_set_cookie_when_data_has_no_session_id(monkeypatch):
    auth, token, sent, http = login_with(monkeypatch, {"username": "u", "password": "p"},
                                         fake_login_answer({"data": {"username": "u"}}, cookie="from-cookie"))
    assert token == "from-cookie"
    assert sent == [("POST", LOGIN, {"json_body": {"username": "u", "password": "p"}, "authenticate": False,
                                     "write": False, "endpoint": "login"})]
    assert len(http.session.cookies) == 0
    assert auth.method == "session"


def test_session_token_from_data_session_id_wins(monkeypatch):
    _auth, token, _sent, _http = login_with(monkeypatch, {"username": "u", "password": "p"},
                                            fake_login_answer({"data": {"sessionId": "sid"}}, cookie="cookie"))
    assert token == "sid"


def test_api_key_login_body(monkeypatch):
    _auth, token, sent, _http = login_with(monkeypatch, {"api_key": "k", "api_secret": "s"},
                                           fake_login_answer({"data": {"authToken": 12345}}))
    assert token == "12345"
    assert sent[0][1] == DEFAULT_PATHS["login_key"] and sent[0][2]["json_body"] == {"apiKey": "k", "apiSecret": "s"}


@pytest.mark.parametrize("params, payload, message", [
    ({"username": "u", "password": "p"}, {"data": {}},
     "HMP answered the login at /apis/authentication/login without data.sessionId: is this an HMP server?"),
    ({"username": "u", "password": "p"}, ["not", "an", "object"], "without data.sessionId"),
    ({"username": "u", "password": "p"}, {"data": "text"}, "without data.sessionId"),
    ({"username": "u", "password": "p"}, None, "without data.sessionId"),
    ({"api_key": "k", "api_secret": "s"}, {"data": {"sessionId": "not-for-keys"}},
     "HMP answered the login at /apis/authentication/login/key without data.authToken: is this an HMP 4.1 or later "
     "(API keys)?"),
])
def test_login_answer_without_token(monkeypatch, params, payload, message):
    with pytest.raises(AuthenticationError) as info:
        login_with(monkeypatch, params, fake_login_answer(payload, cookie="cookie" if "api_key" in params else None))
    assert message in str(info.value)


# ---------------------------------------------------------------------------------------------- request errors
def test_401_after_a_fresh_login_is_an_authentication_error(hmp, hmp_sim):
    client = hmp()
    client.data("GET", "/apis/system/version")
    hmp_sim.fault(count=2, status=401, path_prefix="/apis/sources")
    with pytest.raises(AuthenticationError) as info:
        client.data("GET", "/apis/sources")
    assert str(info.value).startswith("HMP answered 401 to GET /apis/sources after a fresh login: GET /apis/sources "
                                      "failed with HTTP 401")
    assert client.auth.logins == 2 and info.value.details["status"] == 401


def test_expired_session_logs_in_again_once(hmp, hmp_sim):
    client = hmp()
    client.list_items("sources")
    hmp_sim.control("POST", "expire-tokens")
    assert client.data("GET", "/apis/system/version")["version"] == "4.1.1"
    assert client.auth.logins == 2 and hmp_sim.count("POST", LOGIN) == 2


def test_403_is_a_permission_error(hmp, hmp_sim):
    hmp_sim.fault(count=1, status=403, path_prefix="/apis/sessions")
    with pytest.raises(AuthenticationError) as info:
        hmp().list_items("sessions")
    assert str(info.value).startswith("HMP refused GET /apis/sessions (HTTP 403): the user lacks the permission this "
                                      "needs (GET /apis/sessions failed with HTTP 403 (device code 030000)")


def test_403_with_code_040006_stays_an_api_error(monkeypatch):
    client = HmpClient({"host": "127.0.0.1", "port": 1, "use_ssl": False, "username": "u", "password": "p"})

    def refuse(*args, **kwargs):
        raise ApiError("GET /x failed with HTTP 403", status=403, code="040006")

    monkeypatch.setattr(client.http, "request", refuse)
    with pytest.raises(ApiError) as info:
        client.request("GET", "/x")
    assert type(info.value) is ApiError and info.value.code == "040006"  # pylint: disable=unidiomatic-typecheck


def test_other_errors_pass_through_and_data_unwraps(hmp, hmp_sim):
    client = hmp()
    hmp_sim.fault(count=1, status=500, path_prefix="/apis/categories")
    with pytest.raises(ApiError) as info:
        client.data("GET", "/apis/categories")
    assert info.value.status == 500 and type(info.value) is ApiError  # pylint: disable=unidiomatic-typecheck
    body = client.request("GET", "/apis/system/version")
    assert body == {"data": {"version": "4.1.1", "build": "41127"}}
    assert client.http.stats.as_dict()["/apis/system/version"] == {"calls": 1, "errors": 0}
    assert client.request("GET", "/apis/system/version", endpoint="version") == body
    assert client.http.stats.as_dict()["version"] == {"calls": 1, "errors": 0}


def test_check_mode_refuses_writes_before_sending(hmp, hmp_sim):
    client = hmp(check_mode=True)
    assert len(client.list_items("sources")) == 6
    with pytest.raises(CheckModeWriteError):
        client.create_item("sources", {"name": "x", "type": "UDP", "port": 1, "multicast": False})
    assert hmp_sim.writes() == []


# ---------------------------------------------------------------------------------------------- collections and paging
def queries(hmp_sim, path):
    return [e["query"] for e in hmp_sim.requests_log() if e["method"] == "GET" and e["path"] == path]


def test_get_collection_pages_2_to_n_after_page_1(hmp, hmp_sim, monkeypatch):
    full = hmp().list_items("sources")
    hmp_sim.clear_requests()
    monkeypatch.setattr(hmp_client, "PAGE_SIZE", 2)
    paged = hmp(max_workers=3).get_collection("/apis/sources", endpoint="sources")
    assert paged == full and len(paged) == 6
    seen = queries(hmp_sim, "/apis/sources")  # page 1 first: see test_get_collection_reads_pages_concurrently
    assert sorted(q["page"] for q in seen) == ["1", "2", "3"] and all(q["pageSize"] == "2" for q in seen)


def test_get_collection_stb_paging(hmp, hmp_sim, monkeypatch):
    monkeypatch.setattr(hmp_client, "STB_PAGE_SIZE", 10)
    boxes = hmp().list_items("devices")
    assert len(boxes) == 36 and len({b["_id"] for b in boxes}) == 36
    seen = queries(hmp_sim, "/apis/devices/stbs")
    assert sorted(q["page"] for q in seen) == ["1", "2", "3", "4"] and all(q["pageSize"] == "10" for q in seen)


def test_get_collection_extra_params_and_default_stb_page(hmp, hmp_sim):
    boxes = hmp().get_collection("/apis/devices/stbs", params={"tags": "boardroom"}, stb=True)
    assert boxes and all("boardroom" in b["tags"] for b in boxes)
    assert queries(hmp_sim, "/apis/devices/stbs") == [{"tags": "boardroom", "page": "1", "pageSize": "500"}]


def test_no_results_404_is_an_empty_list(hmp, hmp_sim):
    hmp_sim.control("POST", "reset", {"empty": True})
    client = hmp()
    assert client.list_items("sources") == [] and client.list_items("streams") == []
    assert client.list_items("sessions") == [] and client.list_items("events") == []
    assert [e["status"] for e in hmp_sim.requests_log() if e["method"] == "GET"] == [404, 404, 404]


def test_other_404_raises(hmp):
    with pytest.raises(ApiError) as info:
        hmp().session_events("no-such-session")
    assert info.value.status == 404 and info.value.code == "040006"


class Stub:
    """Scripted ``HmpClient.request``: ``answers(page, params) -> body`` (or an exception)."""

    def __init__(self, answers):
        self.answers = answers
        self.calls = []
        self.lock = threading.Lock()

    def __call__(self, method, path, endpoint=None, params=None, **kwargs):
        with self.lock:
            self.calls.append((method, path, endpoint, dict(params or {})))
        answer = self.answers(int((params or {}).get("page", 1)), params or {})
        if isinstance(answer, Exception):
            raise answer
        return answer


def stubbed(monkeypatch, answers, **params):
    client = offline(**params)
    stub = Stub(answers)
    monkeypatch.setattr(client, "request", stub)
    return client, stub


def test_get_collection_reads_pages_concurrently(monkeypatch):
    barrier = threading.Barrier(4, timeout=5)

    def answers(page, params):
        if page > 1:
            barrier.wait()  # only passes when pages 2..5 are in flight together
        return {"data": [{"id": page}], "paging": {"results": 5, "pageSize": 1}}

    client, stub = stubbed(monkeypatch, answers, max_workers=4)
    assert [i["id"] for i in client.get_collection("/apis/x")] == [1, 2, 3, 4, 5]
    assert stub.calls[0] == ("GET", "/apis/x", None, {"page": 1, "pageSize": 100})


def test_get_collection_page_size_from_paging_or_the_one_asked(monkeypatch):
    client, stub = stubbed(monkeypatch, lambda page, params: {"data": [{"id": page}], "paging": {"results": 250}})
    assert len(client.get_collection("/apis/x")) == 3 and len(stub.calls) == 3


def test_get_collection_follows_next_when_the_count_is_unknown(monkeypatch):
    def answers(page, params):
        paging = {"next": "/apis/x?page=%d" % (page + 1)} if page < 3 else {}
        return {"data": [{"id": page}], "paging": paging}

    client, stub = stubbed(monkeypatch, answers)
    assert [i["id"] for i in client.get_collection("/apis/x")] == [1, 2, 3]
    assert [c[3]["page"] for c in stub.calls] == [1, 2, 3]


def test_get_collection_stb_has_more_data_without_num_pages(monkeypatch):
    def answers(page, params):
        return {"data": [{"_id": page}], "paging": {"numResults": 2, "hasMoreData": page < 2}}

    client, stub = stubbed(monkeypatch, answers)
    assert client.get_collection("/apis/devices/stbs", stb=True) == [{"_id": 1}, {"_id": 2}]
    assert [c[3] for c in stub.calls] == [{"page": 1, "pageSize": 500}, {"page": 2, "pageSize": 500}]


def test_get_collection_stb_num_pages_zero(monkeypatch):
    client, stub = stubbed(monkeypatch, lambda page, params: {"data": [], "paging": {"numResults": 0, "numPages": 0,
                                                                                     "hasMoreData": False}})
    assert client.get_collection("/apis/devices/stbs", stb=True) == [] and len(stub.calls) == 1


def test_get_collection_unpaged_answers(monkeypatch):
    client, stub = stubbed(monkeypatch, lambda page, params: {"data": [{"id": 1}, {"id": 2}]})
    assert client.get_collection("/apis/streams") == [{"id": 1}, {"id": 2}] and len(stub.calls) == 1
    client, stub = stubbed(monkeypatch, lambda page, params: [{"id": "bare"}])
    assert client.get_collection("/apis/streams") == [{"id": "bare"}]


@pytest.mark.parametrize("body, kind", [({"data": {"id": 1}}, "dict"), ({"data": None}, "NoneType"), (None, "NoneType")])
def test_get_collection_refuses_a_non_list(monkeypatch, body, kind):
    client, _stub = stubbed(monkeypatch, lambda page, params: body)
    with pytest.raises(ApiError) as info:
        client.get_collection("/apis/x")
    assert str(info.value) == "GET /apis/x: expected a list in data, got %s" % kind and info.value.status == 200


def test_get_collection_later_page_no_results_and_errors(monkeypatch):
    def answers(page, params):
        if page == 1:
            return {"data": [{"id": 1}], "paging": {"results": 3, "pageSize": 1}}
        if page == 2:
            return ApiError("gone", status=404, code="040012")
        return ApiError("boom", status=500)

    client, _stub = stubbed(monkeypatch, answers)
    with pytest.raises(ApiError, match="boom"):
        client.get_collection("/apis/x")
    client, _stub = stubbed(monkeypatch, lambda page, params: ({"data": [{"id": 1}], "paging": {"results": 2, "pageSize": 1}}
                                                               if page == 1 else ApiError("none", status=404, code="040012")))
    assert client.get_collection("/apis/x") == [{"id": 1}]


# ---------------------------------------------------------------------------------------------- shared reads
def test_list_items_read_once_and_events_reuse_sessions(hmp, hmp_sim):
    client = hmp(max_workers=4)
    results = client.run_concurrently([lambda: client.list_items("events"), lambda: client.list_items("sessions"),
                                       lambda: client.list_items("sessions"), lambda: client.list_items("events")])
    sessions = results[1]
    assert len(sessions) == 3 and results[2] is sessions and results[3] is results[0]
    assert hmp_sim.count("GET", "/apis/sessions") == 1
    events = results[0]
    assert len(events) == 3 and {e["moduleId"] for e in events} == {s["id"] for s in sessions}
    assert sum(1 for e in hmp_sim.requests_log() if e["path"].endswith("/events")) == 3
    assert client.list_cached("sessions") is sessions


def test_events_get_their_session_id_when_hmp_leaves_it_out(monkeypatch):
    client = offline()
    client.cached("sessions", lambda: [{"id": "s1"}, {"id": "s2"}])
    monkeypatch.setattr(client, "session_events", lambda sid: [{"id": "e-" + sid}] if sid == "s1" else
                        [{"id": "e-x", "moduleId": "kept"}])
    assert client.list_items("events") == [{"id": "e-s1", "moduleId": "s1"}, {"id": "e-x", "moduleId": "kept"}]


def test_unknown_kind_is_an_internal_error():
    with pytest.raises(ValidationError, match=r"^internal error: unknown HMP kind 'widgets'$"):
        offline().list_items("widgets")


def test_system_version_and_session_recordings(hmp):
    client = hmp()
    assert client.system_version() == {"version": "4.1.1", "build": "41127"}
    town_hall = by(client.list_items("sessions"), "title", "Town Hall")
    recordings = client.session_recordings_of(town_hall["id"])
    assert len(recordings) == 1 and recordings[0]["session"] == town_hall["id"]
    studio = by(client.list_items("sessions"), "title", "Studio A")
    assert client.session_recordings_of(studio["id"]) == []


def test_list_devices_filters(hmp, hmp_sim):
    client = hmp()
    everything = client.list_devices()
    assert len(everything) == 36 and client.list_devices() is everything
    play = client.list_devices(device_types=["play_stb_4000", "calypso_stb"])
    assert play and {b["type"] for b in play} == {"play_stb_4000", "calypso_stb"}
    tagged = client.list_devices(tags=["boardroom", "lobby"])
    assert tagged and all({"boardroom", "lobby"} & set(b["tags"]) for b in tagged)
    both = client.list_devices(device_types=["calypso_stb"], tags=["floor-1"])
    assert all(b["type"] == "calypso_stb" and "floor-1" in b["tags"] for b in both)
    assert queries(hmp_sim, "/apis/devices/stbs") == [
        {"page": "1", "pageSize": "500"},
        {"deviceTypes": '["play_stb_4000","calypso_stb"]', "page": "1", "pageSize": "500"},
        {"tags": "boardroom,lobby", "page": "1", "pageSize": "500"},
        {"deviceTypes": '["calypso_stb"]', "tags": "floor-1", "page": "1", "pageSize": "500"}]


def test_list_devices_refuses_a_tag_with_a_comma():
    with pytest.raises(ValidationError) as info:
        offline().list_devices(tags=["ok", "a,b"])
    assert str(info.value) == "tags: 'a,b' contains a comma, which HMP's tag filter cannot carry"


def test_system_version_not_a_dict(monkeypatch):
    client = offline()
    monkeypatch.setattr(client, "request", lambda *a, **k: {"data": "4.1"})
    assert client.system_version() == {}


# ---------------------------------------------------------------------------------------------- writes
def test_create_source_drops_unset_fields_and_forgets_the_read(hmp, hmp_sim):
    client = hmp()
    assert len(client.list_items("sources")) == 6
    created = client.create_item("sources", {"name": "New", "type": "UDP", "port": 5000, "multicast": False,
                                             "host": None, "description": ""})
    assert created["name"] == "New" and created["id"]
    assert any(s["id"] == created["id"] for s in client.list_items("sources"))
    assert hmp_sim.count("GET", "/apis/sources") == 2
    assert hmp_sim.writes() == [("POST", "/apis/sources")]


def test_create_session_then_its_sources_in_order(hmp, hmp_sim):
    client = hmp()
    sources = client.list_items("sources")
    wanted = [by(sources, "name", n)["id"] for n in ("Makito SRT", "Lobby Encoder")]
    session = client.create_item("sessions", {"title": "New", "description": "", "active": False, "syncrecord": False,
                                              "sources": wanted})
    sid = session["id"]
    assert hmp_sim.writes() == [("POST", "/apis/sessions"), ("POST", "/apis/sessions/%s/sources" % sid),
                                ("POST", "/apis/sessions/%s/sources" % sid)]
    assert by(client.list_items("sessions"), "id", sid)["sources"] == wanted


def test_create_event_leaves_out_identity_fields(hmp, hmp_sim):
    client = hmp()
    studio = by(client.list_items("sessions"), "title", "Studio A")
    event = client.create_item("events", {"id": "ignored", "moduleId": studio["id"], "title": "Studio A", "module": "session",
                                          "startTime": 1900000000, "type": "one-time", "command": "record",
                                          "duration": None, "active": True})
    assert event["moduleId"] == studio["id"] and event["id"] != "ignored"
    assert hmp_sim.writes() == [("POST", "/apis/sessions/%s/events" % studio["id"])]
    assert len(client.list_items("events")) == 4


def test_create_recording_paused_is_started_then_paused(hmp, hmp_sim):
    client = hmp()
    studio = by(client.list_items("sessions"), "title", "Studio A")
    recording = client.create_item("recordings", {"session": studio["id"], "recorders": [{"source": studio["sources"][1]}],
                                                  "state": "PAUSED"})
    assert recording["state"] == "PAUSED" and [r["source"] for r in recording["recorders"]] == [studio["sources"][1]]
    assert hmp_sim.writes() == [("POST", "/apis/sessions/%s/recordings" % studio["id"]),
                                ("PUT", "/apis/recordings/%s" % recording["id"])]


def test_create_recording_without_recorders_records_every_source(hmp, hmp_sim):
    client = hmp()
    boardroom = by(client.list_items("sessions"), "title", "Boardroom")
    recording = client.create_item("recordings", {"session": boardroom["id"], "recorders": None, "state": "RECORDING"})
    assert recording["state"] == "RECORDING" and len(recording["recorders"]) == 1
    assert hmp_sim.writes() == [("POST", "/apis/sessions/%s/recordings" % boardroom["id"])]


def test_create_streams_single_and_multi_track_paused(hmp, hmp_sim):
    client = hmp()
    videos = client.list_items("videos")
    safety = by(videos, "title", "Safety Training")
    launch = by(videos, "title", "Product Launch")
    single = client.create_item("streams", {"asset": safety["id"], "address": "239.1.1.1", "port": 5000, "state": "playing"})
    assert single["address"] == "239.1.1.1" and single["state"] == "playing"
    multi = client.create_item("streams", {"asset": launch["id"], "destinations": [
        {"trackId": 1, "address": "239.1.1.2", "port": 5002}, {"trackId": 2, "address": "239.1.1.3", "port": 5004}],
        "state": "paused"})
    assert multi["state"] == "paused" and len(multi["destinations"]) == 2
    assert hmp_sim.writes() == [("POST", "/apis/assets/%s/streams" % safety["id"]),
                                ("POST", "/apis/assets/%s/streams" % launch["id"]),
                                ("PUT", "/apis/streams/%s" % multi["id"])]


@pytest.mark.parametrize("kind, label", [("videos", "video"), ("devices", "set-top box"), ("users", "user")])
def test_create_unsupported_kinds(kind, label):
    client = offline()
    client.cached(kind, lambda: ["stale"])
    with pytest.raises(ValidationError) as info:
        client.create_item(kind, {})
    assert str(info.value) == "HMP has no create endpoint for %ss" % label
    assert client.cached(kind, lambda: ["fresh"]) == ["fresh"]  # forgotten even on failure


def test_update_source_and_video(hmp, hmp_sim):
    client = hmp()
    source = by(client.list_items("sources"), "name", "Studio A Camera")
    updated = client.update_item("sources", source["id"], {"name": "Studio A Camera", "type": "UDP", "port": 5006,
                                                           "multicast": False, "host": None}, source)
    assert updated["port"] == 5006
    video = by(client.list_items("videos"), "title", "Safety Training")
    renamed = client.update_item("videos", video["id"], {"title": "Safety 2026", "description": None})
    assert renamed["title"] == "Safety 2026" and renamed["description"] == ""
    assert hmp_sim.writes() == [("PUT", "/apis/sources/%s" % source["id"]), ("PUT", "/apis/assets/%s" % video["id"])]
    assert by(client.list_items("videos"), "id", video["id"])["title"] == "Safety 2026"


def test_update_session_sources_only_with_few_requests(hmp, hmp_sim):
    client = hmp()
    sources = {s["name"]: s["id"] for s in client.list_items("sources")}
    studio = by(client.list_items("sessions"), "title", "Studio A")
    assert studio["sources"] == [sources["Studio A Camera"], sources["SRT Listener"]]
    body = dict(studio, sources=[sources["SRT Listener"], sources["Lobby Encoder"]])
    result = client.update_item("sessions", studio["id"], body, studio)
    assert result == studio  # nothing but sources changed: no PUT
    sid = studio["id"]
    assert hmp_sim.writes() == [("DELETE", "/apis/sessions/%s/sources/%s" % (sid, sources["Studio A Camera"])),
                                ("POST", "/apis/sessions/%s/sources" % sid)]
    assert by(client.list_items("sessions"), "id", sid)["sources"] == [sources["SRT Listener"], sources["Lobby Encoder"]]


def test_update_session_fields_put_without_sources(hmp, hmp_sim):
    client = hmp()
    studio = by(client.list_items("sessions"), "title", "Studio A")
    body = dict(studio, description=None, active=True)
    result = client.update_item("sessions", studio["id"], body, studio)
    assert result["active"] is True and result["description"] == ""
    assert hmp_sim.writes() == [("PUT", "/apis/sessions/%s" % studio["id"])]


def test_update_session_without_current(monkeypatch):
    client = offline()
    sent = []
    monkeypatch.setattr(client, "request", lambda method, path, endpoint=None, **kw: sent.append((method, path, kw)) or {"data": {"id": "s"}})
    assert client.update_item("sessions", "s", {"title": "T", "sources": ["a"]}) == {"id": "s"}
    assert sent == [("PUT", "/apis/sessions/s", {"json_body": {"title": "T"}}),
                    ("POST", "/apis/sessions/s/sources", {"json_body": {"sourceId": "a"}})]


def test_update_event_recording_and_stream_states(hmp, hmp_sim):
    client = hmp()
    event = by(client.list_items("events"), "duration", 3600)
    body = {k: v for k, v in event.items() if k not in ("id", "title")}
    body["duration"] = 1800
    updated = client.update_item("events", event["id"], body, event)
    assert updated["duration"] == 1800
    (recording,) = client.list_items("recordings")
    assert client.update_item("recordings", recording["id"], {"state": "PAUSED"})["state"] == "PAUSED"
    stream = by(client.list_items("streams"), "state", "paused")
    assert client.update_item("streams", stream["id"], {"state": "playing"})["state"] == "playing"
    assert hmp_sim.writes() == [("PUT", "/apis/sessions/%s/events/%s" % (event["moduleId"], event["id"])),
                                ("PUT", "/apis/recordings/%s" % recording["id"]), ("PUT", "/apis/streams/%s" % stream["id"])]


def test_update_unsupported_kind():
    with pytest.raises(ValidationError, match=r"^HMP has no edit endpoint for set-top boxs$"):
        offline().update_item("devices", "b", {})


def test_delete_event_deactivates_it(hmp, hmp_sim):
    client = hmp()
    event = by(client.list_items("events"), "duration", 3600)
    client.delete_item("events", event["id"], event)
    assert hmp_sim.writes() == [("PUT", "/apis/sessions/%s/events/%s" % (event["moduleId"], event["id"]))]
    assert by(client.list_items("events"), "id", event["id"])["active"] is False


def test_delete_session_stops_its_recordings_first_and_forgets_videos(hmp, hmp_sim):
    client = hmp(stop_recordings=True)
    town_hall = by(client.list_items("sessions"), "title", "Town Hall")
    assert len(client.list_items("videos")) == 5
    (recording,) = client.list_items("recordings")
    client.session_recordings[town_hall["id"]] = [recording["id"]]
    client.delete_item("sessions", town_hall["id"], town_hall)
    assert hmp_sim.writes() == [("DELETE", "/apis/recordings/%s" % recording["id"]),
                                ("DELETE", "/apis/sessions/%s" % town_hall["id"])]
    assert len(client.list_items("videos")) == 6 and len(client.list_items("sessions")) == 2


def test_delete_recording_forgets_videos_and_plain_deletes(hmp, hmp_sim):
    client = hmp()
    (recording,) = client.list_items("recordings")
    assert len(client.list_items("videos")) == 5
    client.delete_item("recordings", recording["id"])
    assert len(client.list_items("videos")) == 6
    stream = client.list_items("streams")[0]
    client.delete_item("streams", stream["id"], stream)
    assert hmp_sim.writes() == [("DELETE", "/apis/recordings/%s" % recording["id"]),
                                ("DELETE", "/apis/streams/%s" % stream["id"])]


def test_delete_error_still_forgets(hmp, hmp_sim):
    client = hmp()
    town_hall = by(client.list_items("sessions"), "title", "Town Hall")
    with pytest.raises(ApiError) as info:
        client.delete_item("sessions", town_hall["id"], town_hall)
    assert info.value.status == 409 and info.value.code == "060003"
    client.list_items("sessions")
    assert hmp_sim.count("GET", "/apis/sessions") == 2


# ---------------------------------------------------------------------------------------------- source_changes
@pytest.mark.parametrize("have, want, removes, adds", [
    ([], [], [], []),
    ([], ["a", "b"], [], ["a", "b"]),
    (["a", "b"], ["a", "b"], [], []),
    (["a", "b"], ["a"], ["b"], []),
    (["a", "b"], ["a", "b", "c"], [], ["c"]),
    (["a", "b", "c"], ["a", "c"], ["b"], []),
    (["a", "b"], ["b", "a"], ["a", "b"], ["b", "a"]),
    (["a", "b", "c"], ["a", "c", "b"], ["b", "c"], ["c", "b"]),
    (["a", "x", "b"], ["b", "a"], ["x", "a", "b"], ["b", "a"]),
    ([1, 2], ["1", "3"], ["2"], ["3"]),
])
def test_source_changes(have, want, removes, adds):
    assert source_changes(have, want) == (removes, adds)


# ---------------------------------------------------------------------------------------------- planning
def test_write_request_forms():
    client = offline()
    assert client.write_request("sources", "create", None) == ("POST", "/apis/sources")
    assert client.write_request("sources", "update", "s1") == ("PUT", "/apis/sources/s1")
    assert client.write_request("videos", "delete", "v1") == ("DELETE", "/apis/assets/v1")


def test_planned_requests_creates():
    client = offline()
    assert client.planned_requests("sessions", op("create", body={"sources": ["a", "b"]})) == [
        ("POST", "/apis/sessions"), ("POST", "/apis/sessions/<new session>/sources", {"sourceId": "a"}),
        ("POST", "/apis/sessions/<new session>/sources", {"sourceId": "b"})]
    assert client.planned_requests("sessions", op("create", body={"sources": None})) == [("POST", "/apis/sessions")]
    assert client.planned_requests("events", op("create", body={"moduleId": "s1"})) == [("POST", "/apis/sessions/s1/events")]
    assert client.planned_requests("recordings", op("create", body={"session": "s1", "state": "RECORDING"})) == [
        ("POST", "/apis/sessions/s1/recordings")]
    assert client.planned_requests("recordings", op("create", body={"session": "s1", "state": "PAUSED"})) == [
        ("POST", "/apis/sessions/s1/recordings"), ("PUT", "/apis/recordings/<new recording>")]
    assert client.planned_requests("streams", op("create", body={"asset": "v1", "state": "playing"})) == [
        ("POST", "/apis/assets/v1/streams")]
    assert client.planned_requests("streams", op("create", body={"asset": "v1", "state": "paused"})) == [
        ("POST", "/apis/assets/v1/streams"), ("PUT", "/apis/streams/<new stream>")]
    assert client.planned_requests("sources", op("create", body=None)) == [("POST", "/apis/sources")]


def test_planned_requests_updates():
    client = offline()
    current = {"title": "T", "description": "", "active": False, "syncrecord": False, "sources": ["a", "b"]}
    same_fields = dict(current, sources=["a", "c"])
    assert client.planned_requests("sessions", op("update", ident="s1", body=same_fields, current=current)) == [
        ("DELETE", "/apis/sessions/s1/sources/b"), ("POST", "/apis/sessions/s1/sources", {"sourceId": "c"})]
    assert client.planned_requests("sessions", op("update", ident="s1", body=dict(current, active=True), current=current)) == [
        ("PUT", "/apis/sessions/s1")]
    assert client.planned_requests("sessions", op("update", ident="s1", body={"title": "U"}, current=None)) == [
        ("PUT", "/apis/sessions/s1")]
    assert client.planned_requests("events", op("update", ident="e1", body={"moduleId": "s1"})) == [
        ("PUT", "/apis/sessions/s1/events/e1")]
    assert client.planned_requests("streams", op("update", ident="st1", body={})) == [("PUT", "/apis/streams/st1")]


def test_planned_requests_deletes():
    client = offline()
    assert client.planned_requests("events", op("delete", ident="e1", current={"moduleId": "s1"})) == [
        ("PUT", "/apis/sessions/s1/events/e1")]
    assert client.planned_requests("sessions", op("delete", ident="s1")) == [("DELETE", "/apis/sessions/s1")]
    client.session_recordings["s1"] = ["r1", "r2"]
    assert client.planned_requests("sessions", op("delete", ident="s1")) == [
        ("DELETE", "/apis/recordings/r1"), ("DELETE", "/apis/recordings/r2"), ("DELETE", "/apis/sessions/s1")]
    assert client.planned_requests("videos", op("delete", ident="v1")) == [("DELETE", "/apis/assets/v1")]


def test_check_plan_session_rules(hmp):
    client = hmp()
    sessions = client.list_items("sessions")
    town_hall = by(sessions, "title", "Town Hall")
    studio = by(sessions, "title", "Studio A")
    # not recording: anything goes
    assert client.check_plan(SESSIONS, [op("delete", "Studio A", studio["id"], current=studio)]) is None
    with pytest.raises(ValidationError) as info:
        client.check_plan(SESSIONS, [op("delete", "Town Hall", town_hall["id"], current=town_hall)])
    assert str(info.value).startswith("session 'Town Hall' is recording: HMP refuses to delete it (409 060003 "
                                      "RecordingInProgress). Stop the recording first")
    assert "stop_recordings: true" in str(info.value) and client.session_recordings == {}
    same = dict(town_hall, description="changed")
    assert client.check_plan(SESSIONS, [op("update", "Town Hall", town_hall["id"], body=same, current=town_hall)]) is None
    moved = dict(town_hall, sources=list(reversed(town_hall["sources"])))
    with pytest.raises(ValidationError, match=r"^session 'Town Hall' is recording: its sources cannot change now"):
        client.check_plan(SESSIONS, [op("update", "Town Hall", town_hall["id"], body=moved, current=town_hall)])
    assert client.check_plan(SESSIONS, [op("create", "New", body={"title": "New"})]) is None
    assert client.check_plan(SESSIONS, [op("create", "Odd", body={}, current={"recording": True})]) is None


def test_check_plan_stop_recordings_reads_the_recordings_to_stop(hmp):
    client = hmp(stop_recordings=True)
    town_hall = by(client.list_items("sessions"), "title", "Town Hall")
    (recording,) = client.list_items("recordings")
    assert client.check_plan(SESSIONS, [op("delete", "Town Hall", town_hall["id"], current=town_hall)]) is None
    assert client.session_recordings == {town_hall["id"]: [recording["id"]]}


def test_check_plan_events_delete_warning():
    client = offline()
    assert client.check_plan(EVENTS, [op("create"), op("update")]) is None and client.warnings == []
    assert client.check_plan(EVENTS, [op("delete")]) is None
    assert client.check_plan(EVENTS, [op("delete"), op("delete"), op("create")]) is None
    assert client.warnings == [
        "HMP has no API to delete events: 1 event is deactivated (active: false) instead; they stay listed on their session",
        "HMP has no API to delete events: 2 events are deactivated (active: false) instead; they stay listed on their session"]


def recording_client():
    client = offline()
    client.cached("sessions", lambda: [{"id": "s1", "title": "One", "sources": ["a", "b"]},
                                       {"id": "s2", "title": "Empty", "sources": []}])
    client.cached("sources", lambda: [{"id": "a", "name": "Cam A"}, {"id": "b", "name": "Cam B"},
                                      {"id": "c", "name": "Cam C"}])
    return client


def test_check_plan_recording_creates():
    client = recording_client()
    good = op("create", "One", body={"session": "s1", "recorders": [{"source": "b"}]})
    whole = op("create", "One", body={"session": "s1", "recorders": None})
    assert client.check_plan(RECORDINGS, [good, whole]) == [good, whole]
    with pytest.raises(ValidationError) as info:
        client.check_plan(RECORDINGS, [op("create", "Empty", body={"session": "s2"})])
    assert str(info.value) == ("recording of session 'Empty': the session has no sources; HMP refuses to record it "
                               "(060009); add sources with broadcast.video.hmp_sessions")
    with pytest.raises(ValidationError, match="the session has no sources"):
        client.check_plan(RECORDINGS, [op("create", "Gone", body={"session": "unknown"})])
    with pytest.raises(ValidationError) as info:
        client.check_plan(RECORDINGS, [op("create", "One", body={"session": "s1", "recorders": [{"source": "c"}]})])
    assert str(info.value) == ("recording of session 'One': 'Cam C' is not in the session (its sources: 'Cam A', "
                               "'Cam B'); HMP records only session sources")
    with pytest.raises(ValidationError) as info:
        client.check_plan(RECORDINGS, [op("create", "One", body={"session": "s1", "recorders": [
            {"source": "c"}, {"source": "zz"}]})])
    assert "'Cam C', 'zz' are not in the session" in str(info.value)


def test_check_plan_recording_updates():
    client = recording_client()
    before = {"session": "One", "sources": ["Cam A", "Cam B"], "status": "recording"}
    # sources not declared: the recording keeps its own, nothing else changes -> dropped
    keep = op("update", "One", "r1", after={"session": "One", "sources": None, "status": "recording"}, before=dict(before))
    assert client.check_plan(RECORDINGS, [keep]) == []
    assert keep.after["sources"] == ["Cam A", "Cam B"]
    pause = op("update", "One", "r1", after={"session": "One", "sources": None, "status": "paused"}, before=dict(before))
    same = op("update", "One", "r1", after={"session": "One", "sources": ["Cam B", "Cam A"], "status": "paused"},
              before=dict(before))
    assert client.check_plan(RECORDINGS, [pause, same]) == [pause, same]
    assert pause.after == {"session": "One", "sources": ["Cam A", "Cam B"], "status": "paused"}
    change = op("update", "One", "r1", after={"session": "One", "sources": ["Cam A"], "status": "recording"},
                before=dict(before))
    with pytest.raises(ValidationError) as info:
        client.check_plan(RECORDINGS, [change])
    assert str(info.value) == ("recording of session 'One': its sources are chosen when it starts (now ['Cam A', "
                               "'Cam B']); stop it (state=deleted) and start a new one to record ['Cam A']")
    delete = op("delete", "One", "r1")
    assert client.check_plan(RECORDINGS, [delete]) == [delete]


def test_check_plan_recording_update_without_after():
    client = recording_client()
    odd = op("update", "One", "r1", after=None, before=None)
    assert client.check_plan(RECORDINGS, [odd]) == []


def test_check_plan_other_kinds():
    client = offline()
    assert client.check_plan(SOURCES, [op("delete")]) is None
    assert client.check_plan(VIDEOS, [op("update")]) is None


def test_check_plan_multi_source_streams_need_destinations():
    client = offline()
    client.cached("videos", lambda: [{"id": "v1", "title": "One", "movieTrackCount": 1},
                                     {"id": "v2", "title": "Two", "movieTrackCount": 2},
                                     {"id": "v3", "title": "Unknown"}])
    fine = [op("create", "One -> a:1", body={"asset": "v1", "address": "a", "port": 1}),
            op("create", "Two -> tracks", body={"asset": "v2", "destinations": [{"trackId": 1}, {"trackId": 2}]}),
            op("create", "Unknown -> a:1", body={"asset": "v3", "address": "a", "port": 1}),
            op("create", "Gone -> a:1", body={"asset": "v9", "address": "a", "port": 1}),
            op("update", "Two -> a:1", body={"asset": "v2", "state": "paused"}), op("delete", "Two -> a:2")]
    assert client.check_plan(STREAMS, fine) is None
    with pytest.raises(ValidationError) as info:
        client.check_plan(STREAMS, [op("create", "Two -> a:1", body={"asset": "v2", "address": "a", "port": 1})])
    assert str(info.value) == ("stream 'Two -> a:1': the video was recorded from 2 sources; give destinations (one per "
                               "track_id) instead of address and port (HMP answers 400 010005 MultiSourcesStream otherwise)")


def test_wire_body_is_what_create_sends():
    client = offline()
    session = {"id": None, "title": "T", "description": None, "active": True, "syncrecord": False, "sources": ["a"]}
    assert client.wire_body("sessions", session) == {"title": "T", "active": True, "syncrecord": False}
    event = {"id": "e", "moduleId": "s", "title": "T", "module": "session", "startTime": 5, "duration": None}
    assert client.wire_body("events", event) == {"module": "session", "startTime": 5}
    assert client.wire_body("recordings", {"session": "s", "recorders": [{"source": "a"}], "state": "PAUSED"}) == {
        "recorders": [{"source": "a"}]}
    assert client.wire_body("recordings", {"session": "s", "recorders": None, "state": "RECORDING"}) == {}
    assert client.wire_body("streams", {"asset": "v", "address": "a", "port": 1, "state": "paused"}) == {
        "address": "a", "port": 1}
    assert client.wire_body("streams", {"asset": "v", "destinations": [{"trackId": 1}], "address": None}) == {
        "destinations": [{"trackId": 1}]}
    assert client.wire_body("sources", {"name": "s", "host": None, "port": 1}) == {"name": "s", "port": 1}


# ---------------------------------------------------------------------------------------------- engine end to end
def test_engine_sessions_merged_is_idempotent(hmp, hmp_sim):
    config = [{"title": "Lobby", "sources": ["Lobby Encoder", "Makito SRT"], "live": True}]
    result = ResourceEngine(hmp(), SESSIONS).run("merged", config)
    assert result["changed"] is True
    assert [(r["method"], r["path"].split("/")[-1]) for r in result["requests"]] == [
        ("POST", "sessions"), ("POST", "sources"), ("POST", "sources")]
    assert len(hmp_sim.writes()) == 3
    hmp_sim.clear_requests()
    again = ResourceEngine(hmp(), SESSIONS).run("merged", config)
    assert again["changed"] is False and hmp_sim.writes() == []
    (lobby,) = [s for s in again["before"] if s["title"] == "Lobby"]
    assert lobby == {"title": "Lobby", "description": "", "live": True, "sync_record": False,
                     "sources": ["Lobby Encoder", "Makito SRT"]}


def test_engine_events_deleted_deactivates_with_a_warning(hmp, hmp_sim):
    client = hmp()
    config = [{"session": "Boardroom", "start_time": "2030-01-01T00:00:00Z"}]
    result = ResourceEngine(client, EVENTS).run("deleted", config)
    assert result["changed"] is True and client.warnings == [
        "HMP has no API to delete events: 1 event is deactivated (active: false) instead; they stay listed on their session"]
    assert [r["method"] for r in result["requests"]] == ["PUT"]
    again = ResourceEngine(hmp(), EVENTS).run("deleted", config)
    assert again["changed"] is False


def test_engine_recordings_paused_create(hmp, hmp_sim):
    client = hmp()
    config = [{"session": "Studio A", "sources": ["SRT Listener"], "status": "paused"}]
    result = ResourceEngine(client, RECORDINGS).run("merged", config)
    assert [(r["method"], r["path"].rsplit("/", 1)[-1]) for r in result["requests"]] == [
        ("POST", "recordings"), ("PUT", "<new recording>")]
    (recording,) = [r for r in hmp().list_items("recordings") if r["state"] == "PAUSED"]
    assert len(recording["recorders"]) == 1
    again = ResourceEngine(hmp(), RECORDINGS).run("merged", [{"session": "Studio A", "status": "paused"}])
    assert again["changed"] is False


# ---------------------------------------------------------------------------------------------- creates with follow-ups
def test_a_failed_follow_up_of_a_create_is_an_error_not_an_unknown_outcome(hmp, hmp_sim):
    from ansible_collections.broadcast.video.plugins.module_utils.errors import BroadcastError
    from ansible_collections.broadcast.video.plugins.module_utils.hmp.resources import SESSIONS
    from ansible_collections.broadcast.video.plugins.module_utils.resource import ResourceEngine
    hmp_sim.fault(count=1, status=503, methods=["POST"], path_prefix="/apis/sessions/")
    with pytest.raises(BroadcastError) as info:
        ResourceEngine(hmp(retries=0), SESSIONS).run("merged", [{"title": "New", "sources": ["Lobby Encoder", "Makito SRT"]}])
    message = str(info.value)
    assert message.startswith("create session 'New': session 'New' was created, but adding its source ")
    assert "re-run the task to finish" in message
    # the re-run finishes the job
    result = ResourceEngine(hmp(), SESSIONS).run("merged", [{"title": "New", "sources": ["Lobby Encoder", "Makito SRT"]}])
    assert result["changed"] and [r["method"] for r in result["requests"]] == ["POST", "POST"]
