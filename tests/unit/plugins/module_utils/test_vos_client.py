# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Unit tests of plugins/module_utils/vos/client.py: pure helpers, and VosClient against the VOS simulator."""

from __future__ import annotations

import pytest

from ansible_collections.broadcast.video.plugins.module_utils.errors import (
    ApiError, AuthenticationError, CheckModeWriteError, ValidationError)
from ansible_collections.broadcast.video.plugins.module_utils.vos.client import (
    DEFAULT_PATHS, VosAuth, VosClient, base_url, client_factory, infer_auth_method, resolve_paths)

ADMIN = {"username": "admin", "password": "admin-password"}
OAUTH = {"client_id": "vos-client", "client_secret": "vos-client-secret"}
SERVICES = DEFAULT_PATHS["services"]


# ---------------------------------------------------------------------------------------------- pure helpers
@pytest.mark.parametrize("params, expected", [
    ({"host": "vos.example.com"}, "https://vos.example.com:443"),
    ({"host": "vos.example.com", "port": 8443}, "https://vos.example.com:8443"),
    ({"host": "vos.example.com", "use_ssl": False, "port": 80}, "http://vos.example.com:80"),
    ({"host": " 10.0.0.5/ ", "use_ssl": True, "port": None}, "https://10.0.0.5:443"),
    ({"host": "https://vos.example.com", "port": 443}, "https://vos.example.com:443"),
    ({"host": "http://vos.example.com/", "port": 8080, "use_ssl": True}, "http://vos.example.com:8080"),
    ({"host": "https://vos.example.com:9443/some/path", "port": 443}, "https://vos.example.com:9443"),
    ({"host": "http://127.0.0.1:1234"}, "http://127.0.0.1:1234"),
    ({"host": "https://vos.example.com"}, "https://vos.example.com"),
])
def test_base_url(params, expected):
    assert base_url(params) == expected


def test_base_url_ipv6_address():
    assert base_url({"host": "fd00::5", "port": 443}) == "https://[fd00::5]:443"


@pytest.mark.parametrize("params, expected", [
    ({}, "basic"),
    ({"username": "u", "password": "p"}, "basic"),
    ({"client_id": "c"}, "client_credentials"),
    ({"client_id": "c", "username": "u"}, "authorization_code"),
    ({"auth_method": "basic", "client_id": "c"}, "basic"),
    ({"auth_method": "client_credentials", "username": "u", "client_id": "c"}, "client_credentials"),
])
def test_infer_auth_method(params, expected):
    assert infer_auth_method(params) == expected


@pytest.mark.parametrize("params, message", [
    ({}, "auth_method=basic needs username, password (set them as options, in module_defaults, or as "
         "VOS_USERNAME/VOS_PASSWORD environment variables)"),
    ({"username": "u"}, "auth_method=basic needs password (set them as options, in module_defaults, or as VOS_PASSWORD "
                        "environment variables)"),
    ({"auth_method": "client_credentials", "client_id": "c"}, "auth_method=client_credentials needs client_secret "
                                                              "(set them as options, in module_defaults, or as VOS_CLIENT_SECRET environment variables)"),
    ({"client_id": "c", "username": "u"}, "auth_method=authorization_code needs client_secret, password (set them as options, "
                                          "in module_defaults, or as VOS_CLIENT_SECRET/VOS_PASSWORD environment variables)"),
])
def test_vos_auth_missing_credentials(params, message):
    with pytest.raises(ValidationError) as info:
        VosAuth(params)
    assert str(info.value) == message


def test_vos_auth_defaults_and_secrets():
    auth = VosAuth(dict(OAUTH, token_path=None, username="u", password="pw"))
    assert auth.method == "authorization_code"
    assert auth.token_path == "/oauth/token" and auth.authorize_path == "/oauth/authorize"
    assert auth.secrets() == ["pw", "vos-client-secret"]
    basic = VosAuth(ADMIN)
    kwargs = {"headers": {}}
    basic.apply(kwargs)
    assert kwargs["auth"] == ("admin", "admin-password")
    assert basic.refresh(None) is False
    basic.login(None)


def test_resolve_paths():
    paths = resolve_paths({"services": "/custom/services/", "nodes": "/k8s/pods"})
    assert paths["services"] == "/custom/services"
    assert paths["nodes"] == "/k8s/pods"
    assert paths["sources"] == DEFAULT_PATHS["sources"]
    assert resolve_paths(None) == DEFAULT_PATHS
    assert DEFAULT_PATHS["services"] == "/vos-api/configure/v1/services"


def test_resolve_paths_unknown_key():
    with pytest.raises(ValidationError) as info:
        resolve_paths({"servics": "/x"})
    message = str(info.value)
    assert message.startswith("endpoint_paths: 'servics' is not an endpoint key of VOS; allowed: ")
    assert "services" in message and "uplink_groups" in message


@pytest.mark.parametrize("value", ["vos-api/x", "", 5, None])
def test_resolve_paths_bad_path(value):
    with pytest.raises(ValidationError, match=r"^endpoint_paths\.services: .* must be a path starting with /$"):
        resolve_paths({"services": value})


def test_write_request_forms():
    client = VosClient({}, offline=True)
    assert client.write_request("services", "create", None) == ("POST", SERVICES)
    assert client.write_request("services", "update", "s-1") == ("PUT", SERVICES + "/s-1")
    assert client.write_request("services", "delete", "s-1") == ("DELETE", SERVICES + "/s-1?force=True")
    assert client.write_request("sources", "delete", "x") == ("DELETE", DEFAULT_PATHS["sources"] + "/x")
    custom = VosClient({"endpoint_paths": {"images": "/img"}}, offline=True)
    assert custom.write_request("images", "update", "i") == ("PUT", "/img/i")


def test_item_names():
    client = VosClient({}, offline=True)
    assert client.item_name("images", {"url": "http://x/slate.png", "name": "ignored"}) == "http://x/slate.png"
    assert client.item_name("users", {"username": "op"}) == "op"
    assert client.item_name("services", {"name": "svc"}) == "svc"
    assert client.item_id("services", {"id": "abc"}) == "abc"


def test_offline_client_sends_nothing():
    client = client_factory({"max_workers": 1}, check_mode=True, offline=True)
    assert client.http is None and client.auth is None and client.max_workers == 1
    with pytest.raises(ValidationError, match="offline client cannot send requests"):
        client.list_items("services")
    client.close()


def test_max_workers_below_one_refused():
    with pytest.raises(ValidationError, match="max_workers: 0 is not allowed"):
        client_factory({"max_workers": 0}, check_mode=True, offline=True)


def test_host_required():
    with pytest.raises(ValidationError, match=r"^host is required"):
        VosClient(dict(ADMIN))


# ---------------------------------------------------------------------------------------------- simulator (fixtures in conftest.py)
def vos(sim, check_mode=False, **params):
    params.setdefault("host", sim.url)
    params.setdefault("retries", 0)
    client = VosClient(params, check_mode=check_mode)
    return client


def test_basic_auth(sim):
    client = vos(sim, **ADMIN)
    services = client.list_items("services")
    assert len(services) == 4 and all("id" in s for s in services)
    log = sim.requests_log()
    assert [(e["method"], e["path"], e["auth"]) for e in log] == [("GET", SERVICES, "basic")]
    assert client.auth.logins == 0
    assert client.http.stats.as_dict() == {"services": {"calls": 1, "errors": 0}}
    client.close()


def test_client_credentials(sim):
    client = vos(sim, **OAUTH)
    assert client.auth.method == "client_credentials"
    assert len(client.list_items("sources")) == 4
    assert sim.count("POST", "/oauth/token") == 1
    assert client.auth.token and client.http.mask("t=" + client.auth.token) == "t=********"
    assert [e["auth"] for e in sim.requests_log() if e["path"] == DEFAULT_PATHS["sources"]] == ["bearer"]
    client.close()


def test_authorization_code(sim):
    client = vos(sim, redirect_uri="https://example.com/cb", **dict(OAUTH, **ADMIN))
    assert client.auth.method == "authorization_code"
    assert len(client.list_items("services")) == 4
    assert sim.count("GET", "/oauth/authorize") == 1
    assert sim.count("POST", "/oauth/token") == 1
    client.close()


def test_authorization_code_error_is_not_hidden(sim):
    client = vos(sim, **dict(OAUTH, **ADMIN))
    with pytest.raises(ApiError, match=r"GET /oauth/authorize failed with HTTP 400: invalid_request: A redirect_uri must be supplied"):
        client.list_items("images")


def test_wrong_password(sim):
    client = vos(sim, username="admin", password="wrong-pass-xyz")
    with pytest.raises(AuthenticationError) as info:
        client.list_items("services")
    message = str(info.value)
    assert "username 'admin'" in message and "HTTP 403" in message and SERVICES in message
    assert "wrong-pass-xyz" not in message and "wrong-pass-xyz" not in repr(info.value.details)
    assert info.value.details["status"] == 403


def test_wrong_client_secret(sim):
    client = vos(sim, client_id="vos-client", client_secret="bad-secret-123")
    with pytest.raises(AuthenticationError) as info:
        client.list_items("services")
    message = str(info.value)
    assert message.startswith("VOS refused the OAuth2 client credentials at /oauth/token (HTTP 401): check client_id and client_secret")
    assert "bad-secret-123" not in message


def test_authorization_code_wrong_password(sim):
    client = vos(sim, password="bad-password-9", username="admin", **OAUTH)
    with pytest.raises(AuthenticationError) as info:
        client.list_items("services")
    assert str(info.value) == "VOS refused username/password at /oauth/authorize (HTTP 403): check username and password"
    assert sim.count("POST", "/oauth/token") == 0


def test_token_path_not_found(sim):
    client = vos(sim, token_path="/oauth/nothing", **OAUTH)
    with pytest.raises(AuthenticationError, match=r"^no OAuth2 token endpoint at /oauth/nothing \(HTTP 404\)"):
        client.list_items("services")


def test_token_expiry_transparent_single_relogin(sim):
    client = vos(sim, **OAUTH)
    assert len(client.list_items("services")) == 4
    first = client.auth.token
    sim.control("POST", "expire-tokens")
    assert len(client.list_items("services")) == 4
    assert sim.count("POST", "/oauth/token") == 2
    assert client.auth.token != first
    statuses = [e["status"] for e in sim.requests_log() if e["path"] == SERVICES]
    assert statuses == [200, 401, 200]


def test_one_login_for_many_concurrent_reads(sim):
    client = vos(sim, max_workers=4, **OAUTH)
    kinds = ["services", "sources", "destinations", "images", "profiles", "uplinks", "uplink_groups", "services"]
    results = client.run_concurrently([(lambda k=k: client.list_items(k)) for k in kinds])
    assert len(results) == 8 and all(isinstance(r, list) for r in results)
    assert sim.count("POST", "/oauth/token") == 1
    sim.control("POST", "expire-tokens")
    client.run_concurrently([(lambda k=k: client.list_items(k)) for k in kinds])
    assert sim.count("POST", "/oauth/token") == 2
    assert client.auth.logins == 2


def test_401_after_fresh_login_is_an_authentication_error(sim):
    sim.control("POST", "faults", {"count": 2, "status": 401, "path_prefix": SERVICES})
    client = vos(sim, **OAUTH)
    with pytest.raises(AuthenticationError) as info:
        client.list_items("services")
    assert str(info.value).startswith("VOS answered 401 to GET %s after a fresh login" % SERVICES)
    assert sim.count("POST", "/oauth/token") == 2


def test_other_errors_pass_through(sim):
    client = vos(sim, endpoint_paths={"nodes": "/vos-api/nothing/here"}, **ADMIN)
    with pytest.raises(ApiError) as info:
        client.list_items("nodes")
    assert info.value.status == 404 and not isinstance(info.value, AuthenticationError)


def test_get_list_refuses_non_array(sim):
    client = vos(sim, **ADMIN)
    assert isinstance(client.get_object("system_info"), dict)
    with pytest.raises(ApiError, match=r"^GET /vos-api/platform-config/v1/systemInfo: expected a JSON array, got dict$"):
        client.get_list("system_info")


def test_list_cached_reads_once(sim):
    client = vos(sim, **ADMIN)
    first = client.run_concurrently([lambda: client.list_cached("sources")] * 4)
    assert all(r == first[0] for r in first)
    assert sim.count("GET", DEFAULT_PATHS["sources"]) == 1
    assert client.cached("k", lambda: 1, scope="s") == 1 and client.cached("k", lambda: 2, scope="s") == 1


def test_write_calls_and_delete_service_with_force(sim):
    client = vos(sim, **ADMIN)
    image = client.create_item("images", {"id": "0d0e7a52-57b2-4b55-9a2f-3fb1c1c3e001", "url": "http://example.com/new.png"})
    assert image["url"] == "http://example.com/new.png"
    image["url"] = "http://example.com/renamed.png"
    assert client.update_item("images", image["id"], image)["url"] == "http://example.com/renamed.png"
    client.delete_item("images", image["id"])
    service = client.list_items("services")[0]
    client.delete_item("services", service["id"])
    log = [(e["method"], e["path"], e["query"]) for e in sim.requests_log() if e["method"] != "GET"]
    assert log[-1] == ("DELETE", "%s/%s" % (SERVICES, service["id"]), {"force": "True"})
    assert log[-2] == ("DELETE", "%s/%s" % (DEFAULT_PATHS["images"], image["id"]), {})
    assert len(client.list_items("services")) == 3


def test_check_mode_client_refuses_writes(sim):
    client = vos(sim, check_mode=True, **ADMIN)
    assert len(client.list_items("services")) == 4
    with pytest.raises(CheckModeWriteError):
        client.delete_item("services", "x")
    assert [e["method"] for e in sim.requests_log()] == ["GET"]


def test_token_endpoint_server_error_passes_through(sim):
    sim.control("POST", "faults", {"count": 1, "status": 500, "path_prefix": "/oauth/token"})
    client = vos(sim, **OAUTH)
    with pytest.raises(ApiError) as info:
        client.list_items("services")
    assert info.value.status == 500 and not isinstance(info.value, AuthenticationError)
    assert str(info.value).startswith("POST /oauth/token failed with HTTP 500")
