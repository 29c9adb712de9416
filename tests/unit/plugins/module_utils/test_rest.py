# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Unit tests of the shared layer additions: plugins/module_utils/rest.py (connection options, base URL, endpoint
paths, paging, RestClient), transport.TokenAuth (one login, one re-login however many threads saw the 401), the
resource engine's ResourceSpec hooks (identity, normalize, create_error, skip_delete), Operation.current,
planned_requests / check_plan, rendered bodies masking secrets, and fields' callable defaults and mask_secrets; endpoints
switched off with ``endpoint_paths: {KEY: {path, enabled}}`` (EndpointDisabled, facts' empty subsets),
ResourceClient.list_declared, Field.clear, resource modules offering fewer states, nested ``{"error": {...}}`` bodies."""

from __future__ import annotations

import copy
import threading
import time

import pytest

from ansible_collections.broadcast.video.plugins.module_utils.errors import EndpointDisabled, ValidationError
from ansible_collections.broadcast.video.plugins.module_utils.facts import gather
from ansible_collections.broadcast.video.plugins.module_utils.fields import Field, FieldMap, References
from ansible_collections.broadcast.video.plugins.module_utils.module import Device as ModuleDevice
from ansible_collections.broadcast.video.plugins.module_utils.module import resource_argument_spec
from ansible_collections.broadcast.video.plugins.module_utils.resource import (
    STATES, Operation, ResourceClient, ResourceEngine, ResourceSpec)
from ansible_collections.broadcast.video.plugins.module_utils.rest import (
    Page, RestClient, base_url, connection_spec, disabled_endpoints, fetch_all_pages, given, page_count, resolve_paths)
from ansible_collections.broadcast.video.plugins.module_utils.transport import (
    MASK, AuthHandler, HttpClient, TokenAuth, default_error_parser)

PATHS = {"things": "/api/things", "others": "/api/others"}


# ---------------------------------------------------------------------------------------------- connection_spec
def test_connection_spec_order_env_fallbacks_and_device_options():
    device = {"api_key": {"type": "str", "no_log": True}}
    spec = connection_spec("DEV", 8443, device)
    assert list(spec) == ["host", "port", "use_ssl", "validate_certs", "ca_path", "api_key", "timeout",
                          "connect_timeout", "retries", "max_workers", "endpoint_paths"]
    assert spec["port"]["default"] == 8443
    assert spec["host"]["fallback"][1] == ["DEV_HOST"]
    assert spec["use_ssl"]["fallback"][1] == ["DEV_USE_SSL"]
    assert spec["ca_path"] == {"type": "path", "fallback": spec["ca_path"]["fallback"]}
    assert spec["ca_path"]["fallback"][1] == ["DEV_CA_PATH"]
    assert spec["api_key"] == {"type": "str", "no_log": True}
    assert spec["api_key"] is not device["api_key"]  # copied, the caller's dict is not shared
    assert spec["timeout"] == {"type": "float", "default": 30.0}
    assert spec["max_workers"] == {"type": "int", "default": 4}


def test_connection_spec_without_use_ssl_or_device_options():
    spec = connection_spec("X", 80, use_ssl=False)
    assert "use_ssl" not in spec
    assert list(spec)[:4] == ["host", "port", "validate_certs", "ca_path"]


# ---------------------------------------------------------------------------------------------- base_url
@pytest.mark.parametrize("params, default_port, expected", [
    ({"host": "hmp.example.com"}, 443, "https://hmp.example.com:443"),
    ({"host": "hmp.example.com", "port": None}, 8444, "https://hmp.example.com:8444"),
    ({"host": "hmp.example.com", "port": 80, "use_ssl": False}, 443, "http://hmp.example.com:80"),
    ({"host": "fd00::5", "port": 443}, 443, "https://[fd00::5]:443"),
    ({"host": "[fd00::5]", "port": 8443}, 443, "https://[fd00::5]:8443"),
    ({"host": "https://hmp.example.com/", "port": 8443}, 443, "https://hmp.example.com:8443"),
    ({"host": "https://hmp.example.com:9443/apis", "port": 443}, 443, "https://hmp.example.com:9443"),
    ({"host": "http://hmp.example.com"}, 443, "http://hmp.example.com"),
    ({"host": "http://hmp.example.com", "port": 443}, 443, "http://hmp.example.com"),
    ({"host": "http://hmp.example.com", "port": 8080}, 443, "http://hmp.example.com:8080"),
    ({"host": "https://hmp.example.com", "port": 443}, 443, "https://hmp.example.com:443"),
])
def test_base_url(params, default_port, expected):
    assert base_url(params, default_port) == expected


@pytest.mark.parametrize("host, message", [
    ("https://hmp.example.com:99999", "host: 'https://hmp.example.com:99999' has an invalid port"),
    ("https://hmp.example.com:port", "has an invalid port"),
    ("ftp://hmp.example.com", "host: 'ftp://hmp.example.com' is not an http:// or https:// URL with a host name"),
    ("https://:8443", "host: 'https://:8443' is not an http:// or https:// URL with a host name"),
    ("https:///apis", "is not an http:// or https:// URL with a host name"),
])
def test_base_url_bad_urls(host, message):
    with pytest.raises(ValidationError) as info:
        base_url({"host": host, "port": 443})
    assert message in str(info.value) and str(info.value).startswith("host: ")


# ---------------------------------------------------------------------------------------------- given / resolve_paths
def test_given_keeps_zero_and_false():
    assert given({}, "timeout", 30.0) == 30.0
    assert given({"timeout": None}, "timeout", 30.0) == 30.0
    assert given({"timeout": 0}, "timeout", 30.0) == 0
    assert given({"retries": False}, "retries", 3) is False


def test_resolve_paths_overrides_and_defaults_kept():
    defaults = {"a": "/x/a", "b": "/x/b"}
    assert resolve_paths(defaults, None, "DEV") == defaults
    assert resolve_paths(defaults, {}, "DEV") == defaults
    paths = resolve_paths(defaults, {"b": "/custom/b/"}, "DEV")
    assert paths == {"a": "/x/a", "b": "/custom/b"}
    assert defaults["b"] == "/x/b"


def test_resolve_paths_errors_name_the_device_and_keys():
    with pytest.raises(ValidationError) as info:
        resolve_paths({"b": "/b", "a": "/a"}, {"c": "/c"}, "HMP")
    assert str(info.value) == "endpoint_paths: 'c' is not an endpoint key of HMP; allowed: a, b"
    with pytest.raises(ValidationError) as info:
        resolve_paths({"a": "/a"}, ["/a"], "HMP")
    assert str(info.value) == "endpoint_paths: give a dictionary of endpoint key -> path"
    with pytest.raises(ValidationError) as info:
        resolve_paths({"a": "/a"}, {"a": "a/relative"}, "HMP")
    assert str(info.value) == "endpoint_paths.a: 'a/relative' must be a path starting with /"
    with pytest.raises(ValidationError):
        resolve_paths({"a": "/a"}, {"a": 7}, "HMP")


# ---------------------------------------------------------------------------------------------- paging
@pytest.mark.parametrize("total, size, expected", [
    (250, 100, 3), (200, 100, 2), ("200", "100", 2), (1, 100, 1), (0, 100, 0),
    (None, 100, None), ("many", 100, None), (10, 0, None), (10, -5, None), (-1, 10, None), (10, None, None),
])
def test_page_count(total, size, expected):
    assert page_count(total, size) == expected


def test_page_defaults():
    page = Page([{"id": 1}])
    assert page.items == [{"id": 1}] and page.pages is None and page.more is False


class PagedDevice:
    """A stub ``fetch(page)``: ``sizes`` items per page; reports the page count or only ``more``."""

    def __init__(self, sizes, known=True, always_more=False):
        self.sizes = sizes
        self.known = known
        self.always_more = always_more
        self.fetched = []
        self.lock = threading.Lock()

    def fetch(self, number):
        with self.lock:
            self.fetched.append(number)
        size = self.sizes[number - 1] if number <= len(self.sizes) else 0
        items = [{"page": number, "n": n} for n in range(size)]
        more = self.always_more or number < len(self.sizes)
        return Page(items, pages=len(self.sizes) if self.known else None, more=more)


def test_fetch_all_pages_known_count_reads_pages_2_to_n_through_run_in_order():
    device = PagedDevice([2, 2, 1])
    batches = []

    def run(funcs):
        batches.append(len(funcs))
        return [f() for f in reversed(funcs)][::-1]  # evaluated out of order, returned in order

    items = fetch_all_pages(device.fetch, run)
    assert [(i["page"], i["n"]) for i in items] == [(1, 0), (1, 1), (2, 0), (2, 1), (3, 0)]
    assert batches == [2]
    assert device.fetched[0] == 1 and sorted(device.fetched) == [1, 2, 3]


def test_fetch_all_pages_known_count_is_concurrent():
    """Pages 2..N wait for each other on a barrier: this only finishes when they run at the same time."""
    barrier = threading.Barrier(3, timeout=5)

    def fetch(number):
        if number > 1:
            barrier.wait()
        return Page([{"page": number}], pages=4)

    client = RestClient({"max_workers": 3}, PATHS, "DEV", "DEV", lambda p: None, offline=True)
    items = fetch_all_pages(fetch, client.run_concurrently)
    assert [i["page"] for i in items] == [1, 2, 3, 4]


def test_fetch_all_pages_single_and_empty_first_page():
    assert fetch_all_pages(PagedDevice([3]).fetch, lambda funcs: [f() for f in funcs]) == [
        {"page": 1, "n": 0}, {"page": 1, "n": 1}, {"page": 1, "n": 2}]
    calls = []
    empty = fetch_all_pages(lambda n: Page([], pages=0), lambda funcs: calls.append(funcs) or [])
    assert empty == [] and calls == [[]]


def test_fetch_all_pages_max_pages_bounds_a_known_count():
    device = PagedDevice([1] * 10)
    items = fetch_all_pages(device.fetch, lambda funcs: [f() for f in funcs], max_pages=4)
    assert [i["page"] for i in items] == [1, 2, 3, 4]


def test_fetch_all_pages_follows_more_sequentially():
    device = PagedDevice([2, 2, 1], known=False)
    run_calls = []
    items = fetch_all_pages(device.fetch, lambda funcs: run_calls.append(funcs) or [])
    assert len(items) == 5 and device.fetched == [1, 2, 3] and run_calls == []


def test_fetch_all_pages_stops_on_an_empty_page_and_at_max_pages():
    device = PagedDevice([2, 0, 2], known=False)
    assert len(fetch_all_pages(device.fetch, list)) == 2 and device.fetched == [1, 2]
    endless = PagedDevice([1] * 3, known=False, always_more=True)
    endless.sizes = [1] * 1000
    assert len(fetch_all_pages(endless.fetch, list, max_pages=7)) == 7 and endless.fetched == list(range(1, 8))


# ---------------------------------------------------------------------------------------------- RestClient
def offline_client(**params):
    return RestClient(params, PATHS, "DEV", "DEV", lambda p: None, offline=True)


def test_rest_client_offline_has_no_http_and_refuses_requests():
    client = offline_client(endpoint_paths={"things": "/v2/things"})
    assert client.http is None and client.auth is None
    assert client.paths == {"things": "/v2/things", "others": "/api/others"}
    assert client.max_workers == 4 and client.warnings == []
    with pytest.raises(ValidationError, match="offline client cannot send requests"):
        client.online()
    client.close()  # nothing to close


def test_rest_client_needs_a_host_naming_the_env_variable():
    with pytest.raises(ValidationError) as info:
        RestClient({}, PATHS, "Device X", "DEVX", lambda p: None)
    assert str(info.value) == "host is required: the Device X's address (option host, or DEVX_HOST)"


@pytest.mark.parametrize("workers", [0, 65, -1, "4", 2.0])
def test_rest_client_max_workers_validated(workers):
    with pytest.raises(ValidationError) as info:
        offline_client(max_workers=workers)
    assert str(info.value) == "max_workers: %s is not allowed; give 1 (sequential) to 64" % workers


@pytest.mark.parametrize("workers, expected", [(None, 4), (1, 1), (64, 64)])
def test_rest_client_max_workers_accepted(workers, expected):
    assert offline_client(max_workers=workers).max_workers == expected


def test_rest_client_builds_http_client_from_options():
    made = []

    def factory(params):
        made.append(params)
        return AuthHandler()

    params = {"host": "dev.example.com", "port": 8443, "timeout": 7, "connect_timeout": 2, "retries": 0,
              "max_workers": 6, "validate_certs": False}
    client = RestClient(params, PATHS, "DEV", "DEV", factory, check_mode=True, default_port=9)
    try:
        assert made == [params] and client.auth is not None and client.http is client.online()
        assert client.http.base_url == "https://dev.example.com:8443"
        assert client.http.timeout == (2.0, 7.0) and client.http.retries == 0 and client.http.check_mode is True
        assert client.http.auth is client.auth
    finally:
        client.close()
    defaults = RestClient({"host": "h"}, PATHS, "DEV", "DEV", lambda p: None, default_port=9)
    assert defaults.http.base_url == "https://h:9" and defaults.http.timeout == (10.0, 30.0) and defaults.http.retries == 3
    defaults.close()
    with pytest.raises(ValidationError, match="^timeout: 0 is not allowed"):
        RestClient({"host": "h", "timeout": 0}, PATHS, "DEV", "DEV", lambda p: None)


def test_rest_client_close_logs_out():
    events = []

    class Auth(AuthHandler):
        def logout(self, http):
            events.append("logout")

    client = RestClient({"host": "h"}, PATHS, "DEV", "DEV", lambda p: Auth())
    client.http._logged_in = True  # pylint: disable=protected-access
    client.close()
    assert events == ["logout"]


def test_cached_reads_once_per_key_and_scope_even_concurrently():
    client = offline_client(max_workers=8)
    calls = []
    lock = threading.Lock()

    def fetch(value):
        def read():
            with lock:
                calls.append(value)
            time.sleep(0.05)
            return [value]
        return read

    results = client.run_concurrently([lambda: client.cached("things", fetch("t")) for _call in range(8)])
    assert results == [["t"]] * 8 and calls == ["t"]
    assert client.cached("things", fetch("other"), scope="box-2") == ["other"]
    assert client.cached("things", fetch("ignored")) == ["t"]
    assert calls == ["t", "other"]


def test_forget_drops_one_memoised_read():
    client = offline_client()
    counter = iter(range(10))
    assert client.cached("a", lambda: next(counter)) == 0
    assert client.cached("b", lambda: next(counter)) == 1
    client.forget("a")
    client.forget("never-read")
    assert client.cached("a", lambda: next(counter)) == 2
    assert client.cached("b", lambda: next(counter)) == 1
    client.cached("a", lambda: "scoped", scope="s")
    client.forget("a", scope="s")
    assert client.cached("a", lambda: next(counter)) == 2


def test_cached_error_is_not_memoised():
    client = offline_client()

    def boom():
        raise ValidationError("read failed")

    with pytest.raises(ValidationError):
        client.cached("a", boom)
    assert client.cached("a", lambda: "ok") == "ok"


# ---------------------------------------------------------------------------------------------- TokenAuth
class FakeHttp:
    """What TokenAuth needs from HttpClient: ``add_secret``."""

    def __init__(self):
        self.secrets = []

    def add_secret(self, value):
        self.secrets.append(value)


class CountingAuth(TokenAuth):
    """Tokens ``token-1``, ``token-2``... in an ``X-Token`` header; each login sleeps to widen the race."""

    def __init__(self, delay=0.0):
        super().__init__()
        self.delay = delay

    def fetch_token(self, http):
        time.sleep(self.delay)
        return "token-%d" % (self.logins)

    def apply_token(self, kwargs, token):
        kwargs["headers"]["X-Token"] = token


def test_token_auth_base_methods_are_abstract():
    auth = TokenAuth()
    assert auth.token is None and auth.logins == 0 and auth.secrets() == []
    with pytest.raises(NotImplementedError):
        auth.fetch_token(FakeHttp())
    with pytest.raises(NotImplementedError):
        auth.apply_token({"headers": {}}, "t")


def test_token_auth_login_apply_and_secret():
    auth = CountingAuth()
    http = FakeHttp()
    auth.login(http)
    kwargs = {"headers": {}}
    auth.apply(kwargs)
    assert kwargs["headers"] == {"X-Token": "token-1"}
    assert auth.logins == 1 and http.secrets == ["token-1"] and auth.secrets() == ["token-1"]


def test_token_auth_one_relogin_when_many_threads_see_the_401_at_once():
    auth = CountingAuth(delay=0.05)
    http = FakeHttp()
    auth.login(http)
    threads_count = 8
    barrier = threading.Barrier(threads_count, timeout=5)
    resent = []

    def worker():
        kwargs = {"headers": {}}
        auth.apply(kwargs)          # every thread sends with token-1 ...
        barrier.wait()              # ... and every one of them gets a 401 at the same time
        assert auth.refresh(http) is True
        again = {"headers": {}}
        auth.apply(again)
        resent.append(again["headers"]["X-Token"])

    threads = [threading.Thread(target=worker) for _thread in range(threads_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert auth.logins == 2
    assert resent == ["token-2"] * threads_count
    assert http.secrets == ["token-1", "token-2"]


def test_token_auth_a_later_401_logs_in_again():
    auth = CountingAuth()
    http = FakeHttp()
    auth.login(http)
    auth.apply({"headers": {}})
    auth.refresh(http)
    auth.apply({"headers": {}})
    auth.refresh(http)
    assert auth.logins == 3 and auth.token == "token-3"


def test_token_auth_on_a_real_socket_relogs_in_once_for_concurrent_401s(hmp_sim):
    """Every HMP session expires; 8 concurrent reads all get 401 and share one new login."""
    from ansible_collections.broadcast.video.plugins.module_utils.hmp.client import HmpClient
    client = hmp_sim.track(HmpClient(hmp_sim.connection(max_workers=8)))
    try:
        client.data("GET", "/apis/system/version")
        hmp_sim.control("POST", "expire-tokens")
        hmp_sim.clear_requests()
        results = client.run_concurrently([lambda: client.data("GET", "/apis/system/version") for _call in range(8)])
        assert all(r["version"] for r in results)
        assert client.auth.logins == 2
        assert hmp_sim.count("POST", "/apis/authentication/login") == 1
    finally:
        client.close()


# ---------------------------------------------------------------------------------------------- resource engine hooks
def _default_unit(item):
    return "kbps" if item.get("rate") else None


CHILD = FieldMap([Field("slot", "slot", spec={"type": "int"}), Field("pin", "pin", secret=True)], key="slot")

ITEM_FIELDS = FieldMap([
    Field("name", "name"),
    Field("group", "group"),
    Field("rate", "rate", spec={"type": "int"}),
    Field("unit", "unit", default=_default_unit),
    Field("active", "active", spec={"type": "bool"}, default=True),
    Field("secret", "secret", secret=True),
    Field("children", "children", nested=CHILD),
])


def _identity(item):
    if item.get("group") is None:
        return None
    return "%s/%s" % (item["group"], item.get("name"))


def _normalize(item, where):
    result = dict(item)
    if isinstance(result.get("group"), str):
        result["group"] = result["group"].lower()
    if result.get("rate") == "bad":
        raise ValidationError("%s: rate is bad" % where)
    return result


class Device(ResourceClient):
    """An in-memory device; ``plan_hook(spec, operations)`` is what check_plan returns."""

    def __init__(self, items=None, plan_hook=None):
        self.items = copy.deepcopy(items or [])
        self.plan_hook = plan_hook
        self.writes = []
        self.seen_plans = []

    def list_items(self, kind):
        return copy.deepcopy(self.items)

    def create_item(self, kind, body):
        self.writes.append(("create", body))
        return body

    def update_item(self, kind, ident, body, current=None):
        self.writes.append(("update", ident, body, current))
        return body

    def delete_item(self, kind, ident, current=None):
        self.writes.append(("delete", ident, current))

    def write_request(self, kind, operation, ident):
        return {"create": "POST", "update": "PUT", "delete": "DELETE"}[operation], "/items" + ("/%s" % ident if ident else "")

    def check_plan(self, spec, operations):
        self.seen_plans.append(list(operations))
        return self.plan_hook(spec, operations) if self.plan_hook else None


DEVICE_ITEMS = [
    {"id": "1", "name": "x", "group": "a", "rate": 5, "unit": "kbps", "active": True},
    {"id": "2", "name": "x", "group": "b", "rate": 6, "unit": "kbps", "active": True},
    {"id": "3", "name": "y", "group": "b", "active": False},
    {"id": "4", "name": "orphan"},  # no identity: ignored
]


def engine_for(device, **spec_kwargs):
    kwargs = {"identity": _identity, "normalize": _normalize}
    kwargs.update(spec_kwargs)
    spec = ResourceSpec("items", "item", ITEM_FIELDS, **kwargs)
    return ResourceEngine(device, spec)


def test_resource_spec_identity_default_and_custom():
    plain = ResourceSpec("items", "item", ITEM_FIELDS)
    assert plain.identity({"name": 5}) == "5" and plain.identity({}) is None
    assert plain.api_key == "name" and plain.normalize is None and plain.create_error is None and plain.soft_delete is None
    keyed = ResourceSpec("items", "item", ITEM_FIELDS, key="group", api_key="groupName")
    assert keyed.identity({"group": "g"}) == "g" and keyed.api_key == "groupName"
    custom = ResourceSpec("items", "item", ITEM_FIELDS, identity=_identity)
    assert custom.identity({"group": "a", "name": "x"}) == "a/x" and custom.identity({"name": "x"}) is None


def test_identity_matches_items_by_composite_key_and_ignores_items_without_one():
    device = Device(DEVICE_ITEMS)
    engine = engine_for(device)
    result = engine.run("merged", [{"name": "x", "group": "B", "rate": 6}])
    assert result["changed"] is False and device.writes == []
    assert [(i["group"], i["name"]) for i in result["before"]] == [("a", "x"), ("b", "x"), ("b", "y")]
    assert sorted(engine.have) == ["a/x", "b/x", "b/y"]


def test_identity_update_keeps_the_declared_key_and_passes_current():
    device = Device(DEVICE_ITEMS)
    result = engine_for(device).run("merged", [{"name": "x", "group": "a", "rate": 9}])
    (operation,) = result["operations"]
    assert operation.op == "update" and operation.ident == "1"
    assert operation.current == DEVICE_ITEMS[0]
    assert operation.before["rate"] == 5 and operation.after["rate"] == 9
    assert device.writes == [("update", "1", dict(DEVICE_ITEMS[0], rate=9), DEVICE_ITEMS[0])]


def test_normalize_runs_before_validation_but_not_for_gathered():
    device = Device(DEVICE_ITEMS)
    with pytest.raises(ValidationError) as info:
        engine_for(device).run("merged", [{"name": "x", "group": "a"}, {"name": "z", "group": "a", "rate": "bad"}])
    assert str(info.value) == "config[1]: rate is bad"
    gathered = engine_for(device).run("gathered", [{"name": "x", "group": "a", "rate": "bad"}])
    assert gathered["changed"] is False and len(gathered["gathered"]) == 3
    # normalised spellings collide: declared twice
    with pytest.raises(ValidationError, match=r"^config\[1\]: item 'a/x' is declared twice \(also config\[0\]\)$"):
        engine_for(device).run("merged", [{"name": "x", "group": "a"}, {"name": "x", "group": "A"}])


def test_create_error_refuses_creates_only():
    device = Device(DEVICE_ITEMS)
    engine = engine_for(device, create_error="items come from elsewhere")
    with pytest.raises(ValidationError) as info:
        engine.run("merged", [{"name": "new", "group": "a"}])
    assert str(info.value) == "config[0] (item 'a/new'): items come from elsewhere"
    result = engine_for(device, create_error="nope").run("merged", [{"name": "x", "group": "a", "rate": 1}])
    assert [o.op for o in result["operations"]] == ["update"]


def test_soft_delete_counts_items_as_already_deleted_and_keeps_them_in_after():
    soft = {"active": False}
    device = Device(DEVICE_ITEMS)
    result = engine_for(device, soft_delete=soft).run("deleted", [{"name": "y", "group": "b"}, {"name": "x", "group": "a"}])
    assert [(o.op, o.ident) for o in result["operations"]] == [("delete", "1")]
    assert result["operations"][0].current == DEVICE_ITEMS[0]
    assert result["operations"][0].after["active"] is False
    assert any(item.get("name") == "x" and item.get("group") == "a" and item["active"] is False for item in result["after"])
    assert device.writes == [("delete", "1", DEVICE_ITEMS[0])]
    device = Device(DEVICE_ITEMS)
    result = engine_for(device, soft_delete=soft).run("overridden", [{"name": "x", "group": "a", "rate": 5}])
    assert [(o.op, o.ident, o.current["id"]) for o in result["operations"]] == [("delete", "2", "2")]


def test_check_plan_replacement_list_is_what_runs_and_is_reported():
    def keep_creates(spec, operations):
        assert spec.kind == "items"
        return [o for o in operations if o.op == "create"]

    device = Device(DEVICE_ITEMS, plan_hook=keep_creates)
    result = engine_for(device).run("merged", [{"name": "x", "group": "a", "rate": 1}, {"name": "n", "group": "c"}])
    assert [o.op for o in device.seen_plans[0]] == ["create", "update"]
    assert [o.op for o in result["operations"]] == ["create"]
    assert result["requests"] == [{"method": "POST", "path": "/items", "item": "c/n", "operation": "create"}]
    assert [w[0] for w in device.writes] == ["create"]
    assert [i["name"] for i in result["after"]] == ["x", "x", "y", "n"]
    # an empty replacement means nothing changes
    device = Device(DEVICE_ITEMS, plan_hook=lambda spec, operations: [])
    result = engine_for(device).run("merged", [{"name": "x", "group": "a", "rate": 1}])
    assert result["changed"] is False and result["requests"] == [] and device.writes == []


def test_check_plan_none_keeps_the_plan_and_errors_stop_before_writes():
    device = Device(DEVICE_ITEMS)
    result = engine_for(device).run("merged", [{"name": "x", "group": "a", "rate": 1}])
    assert result["changed"] is True and len(device.writes) == 1

    def refuse(spec, operations):
        raise ValidationError("device rule")

    device = Device(DEVICE_ITEMS, plan_hook=refuse)
    with pytest.raises(ValidationError, match="device rule"):
        engine_for(device).run("merged", [{"name": "x", "group": "a", "rate": 1}])
    assert device.writes == []


def test_planned_requests_default_and_multi_request_reports():
    device = Device(DEVICE_ITEMS)
    operation = Operation("update", "a/x", "1", {}, {}, {}, current={"id": "1"})
    assert device.planned_requests("items", operation) == [("PUT", "/items/1")]
    assert operation.current == {"id": "1"}
    assert Operation("create", "n", None, {}, None, {}).current is None

    class TwoStep(Device):
        def planned_requests(self, kind, operation):
            return [("POST", "/items"), ("PUT", "/items/<new>/state")]

    result = engine_for(TwoStep(DEVICE_ITEMS)).run("merged", [{"name": "n", "group": "c"}])
    assert result["requests"] == [
        {"method": "POST", "path": "/items", "item": "c/n", "operation": "create"},
        {"method": "PUT", "path": "/items/<new>/state", "item": "c/n", "operation": "create"}]
    rendered = engine_for(TwoStep()).run("rendered", [{"name": "n", "group": "c"}])["rendered"]
    assert rendered[0]["method"] == "POST" and rendered[0]["then"] == [{"method": "PUT", "path": "/items/<new>/state"}]
    single = engine_for(Device()).run("rendered", [{"name": "n", "group": "c"}])["rendered"]
    assert "then" not in single[0]


def test_rendered_bodies_mask_secrets_also_nested():
    config = [{"name": "n", "group": "c", "rate": 3, "secret": "top-secret",
               "children": [{"slot": 1, "pin": "1234"}, {"slot": 2}]}]
    result = engine_for(Device()).run("rendered", config)
    body = result["rendered"][0]["body"]
    assert body["secret"] == MASK
    assert body["children"] == [{"slot": 1, "pin": MASK}, {"slot": 2}]
    assert body["unit"] == "kbps" and body["active"] is True
    assert "top-secret" not in repr(result) and "1234" not in repr(result)
    assert config[0]["secret"] == "top-secret"


# ---------------------------------------------------------------------------------------------- fields additions
def test_complete_callable_default_computed_from_the_other_options():
    assert ITEM_FIELDS.complete({"name": "n", "rate": 5}, None)["unit"] == "kbps"
    assert ITEM_FIELDS.complete({"name": "n"}, None)["unit"] is None
    assert ITEM_FIELDS.complete({"name": "n", "rate": 5, "unit": "mbps"}, None)["unit"] == "mbps"
    # merged: the current value is the fallback, the default is not computed
    assert ITEM_FIELDS.complete({"name": "n", "rate": 5}, {"unit": None})["unit"] is None
    assert ITEM_FIELDS.complete({"name": "n"}, {"rate": 5, "unit": "bps"})["unit"] == "bps"


def test_complete_callable_default_sees_defaults_and_when():
    fields = FieldMap([
        Field("type", "type"),
        Field("mode", "mode", default="fast"),
        Field("label", "label", default=lambda item: "%s-%s" % (item.get("type"), item.get("mode"))),
        Field("extra", "extra", when={"type": "b"}, default=lambda item: "computed"),
    ])
    assert fields.complete({"type": "a"}, None) == {"type": "a", "mode": "fast", "label": "a-fast", "extra": None}
    assert fields.complete({"type": "b"}, None)["extra"] == "computed"


def test_mask_secrets_in_place_nested_and_only_when_set():
    obj = {"name": "n", "secret": "s3cret", "children": [{"slot": 1, "pin": "1"}, {"slot": 2, "pin": None}, "junk"]}
    result = ITEM_FIELDS.mask_secrets(obj)
    assert result is obj
    assert obj == {"name": "n", "secret": MASK, "children": [{"slot": 1, "pin": MASK}, {"slot": 2, "pin": None}, "junk"]}
    assert ITEM_FIELDS.mask_secrets({"name": "n"}) == {"name": "n"}
    assert ITEM_FIELDS.mask_secrets({"secret": "x", "children": "not a list"}, mask="*") == {"secret": "*", "children": "not a list"}


def test_http_client_is_the_transport_of_rest_client():
    # RestClient gives the HttpClient its pool size: max_workers connections
    client = RestClient({"host": "127.0.0.1", "port": 1, "use_ssl": False, "max_workers": 3}, PATHS, "DEV", "DEV",
                        lambda p: None)
    try:
        assert isinstance(client.http, HttpClient)
        adapter = client.http.session.get_adapter("http://127.0.0.1:1")
        assert adapter._pool_maxsize == 3  # pylint: disable=protected-access
    finally:
        client.close()


@pytest.mark.parametrize("host, expected", [
    ("hmp.example.com:8443", "https://hmp.example.com:8443"),
    ("fd00::5", "https://[fd00::5]:443"),
    ("http://hmp.example.com", "http://hmp.example.com"),
    ("https://hmp.example.com", "https://hmp.example.com:443"),
])
def test_base_url_host_forms(host, expected):
    assert base_url({"host": host, "port": 443}) == expected


@pytest.mark.parametrize("host", ["https://", "a:b:c:notipv6", "name:port"])
def test_base_url_refuses_what_is_not_a_host(host):
    with pytest.raises(ValidationError) as info:
        base_url({"host": host, "port": 443})
    assert str(info.value).startswith("host:")


# ---------------------------------------------------------------------------------------------- switched-off endpoints
def test_resolve_paths_entries_with_path_and_enabled():
    defaults = {"a": "/x/a", "b": "/x/b", "c": "/x/c"}
    overrides = {"a": {"path": "/v2/a/", "enabled": True}, "b": {"enabled": False}, "c": {"path": None}}
    assert resolve_paths(defaults, overrides, "DEV") == {"a": "/v2/a", "b": "/x/b", "c": "/x/c"}
    assert resolve_paths(defaults, {"a": {}}, "DEV") == defaults


@pytest.mark.parametrize("entry, message", [
    ({"path": "/a", "enable": False}, "endpoint_paths.a: enable is not allowed; give path and/or enabled"),
    ({"url": "/a", "paths": "/b"}, "endpoint_paths.a: paths, url is not allowed; give path and/or enabled"),
    ({"enabled": "no"}, "endpoint_paths.a.enabled: 'no' is not a boolean"),
    ({"enabled": None}, "endpoint_paths.a.enabled: None is not a boolean"),
    ({"enabled": 0}, "endpoint_paths.a.enabled: 0 is not a boolean"),
    ({"path": "relative"}, "endpoint_paths.a: 'relative' must be a path starting with /"),
    ({"path": 5, "enabled": True}, "endpoint_paths.a: 5 must be a path starting with /"),
])
def test_resolve_paths_refuses_bad_entries(entry, message):
    with pytest.raises(ValidationError) as info:
        resolve_paths({"a": "/a"}, {"a": entry}, "DEV")
    assert str(info.value) == message


def test_disabled_endpoints():
    assert disabled_endpoints(None) == frozenset() and disabled_endpoints({}) == frozenset()
    overrides = {"a": "/a", "b": {"enabled": False}, "c": {"enabled": True}, "d": {"path": "/d"},
                 "e": {"path": "/e", "enabled": False}}
    assert disabled_endpoints(overrides) == frozenset({"b", "e"})


def test_rest_client_endpoint_refuses_a_switched_off_key():
    client = offline_client(endpoint_paths={"things": {"path": "/v2/things", "enabled": False}, "others": "/o"})
    assert client.disabled == frozenset({"things"}) and client.paths["things"] == "/v2/things"
    assert client.endpoint("others") == "/o"
    with pytest.raises(EndpointDisabled) as info:
        client.endpoint("things")
    assert str(info.value) == ("the DEV endpoint 'things' (/v2/things) is switched off in endpoint_paths (enabled: "
                               "false); this needs it")
    assert info.value.key == "things" and info.value.details == {"endpoint": "things"}
    assert isinstance(info.value, ValidationError)
    assert offline_client().disabled == frozenset() and offline_client().endpoint("things") == "/api/things"


def test_facts_gather_switched_off_endpoint_is_empty_with_a_warning():
    def switched_off(key):
        def fetch():
            raise EndpointDisabled("off", key)
        return fetch

    subsets = {"info": switched_off("system"), "items": switched_off("items"), "ok": lambda: [1]}
    facts, warnings = gather(subsets, ["all"], 2, empty={"info": {}})
    assert facts == {"info": {}, "items": [], "ok": [1]}
    assert warnings == ["subset info: not read, its endpoint 'system' is switched off (endpoint_paths)",
                        "subset items: not read, its endpoint 'items' is switched off (endpoint_paths)"]
    facts, warnings = gather({"items": switched_off("items")}, ["items"], 1)
    assert facts == {"items": []} and len(warnings) == 1


# ---------------------------------------------------------------------------------------------- list_declared
class DeclaredDevice(Device):
    """A device that reads only the declared items of its kind, and records what it was asked."""

    def __init__(self, items=None):
        super().__init__(items)
        self.reads = []

    def list_items(self, kind):
        self.reads.append(("list_items", kind))
        return super().list_items(kind)

    def list_declared(self, kind, names):
        self.reads.append(("list_declared", kind, list(names)))
        return [i for i in self.items if "%s/%s" % (i.get("group"), i.get("name")) in names]


def test_resource_client_list_declared_defaults_to_list_items():
    device = Device(DEVICE_ITEMS)
    assert device.list_declared("items", ["a/x"]) == DEVICE_ITEMS


@pytest.mark.parametrize("state, declared", [("merged", True), ("replaced", True), ("deleted", True),
                                             ("overridden", False), ("gathered", False)])
def test_engine_reads_declared_items_only_for_states_that_touch_declared_items(state, declared):
    device = DeclaredDevice(DEVICE_ITEMS)
    config = [{"name": "x", "group": "a", "rate": 5}, {"name": "new", "group": "C"}]
    engine = engine_for(device)
    engine.run(state, config)
    if declared:
        assert device.reads == [("list_declared", "items", ["a/x", "c/new"])]
        assert sorted(engine.have) == ["a/x"]
    else:
        assert device.reads == [("list_items", "items")]
        assert sorted(engine.have) == ["a/x", "b/x", "b/y"]


def test_engine_read_declares_none_by_default():
    device = DeclaredDevice(DEVICE_ITEMS)
    engine = engine_for(device)
    engine.read()
    assert device.reads == [("list_items", "items")]
    engine.read(["b/y"])
    assert device.reads[-1] == ("list_declared", "items", ["b/y"]) and sorted(engine.have) == ["b/y"]


# ---------------------------------------------------------------------------------------------- Field.clear
def _write_mode(obj, value, refs, where):
    obj["mode"] = "custom"
    obj["settings"] = dict(value)


def _clear_mode(obj):
    obj["mode"] = "plain"
    obj["settings"] = None


CLEARED = FieldMap([
    Field("name", "name"),
    Field("settings", "settings", spec={"type": "dict"}, read=lambda obj, refs: obj.get("settings"), write=_write_mode,
          clear=_clear_mode),
    Field("custom", "custom", read=lambda obj, refs: obj.get("custom"), write=lambda obj, value, refs, where: None),
    Field("label", "label", clear=lambda obj: obj.update(label_cleared=True)),
])


def test_field_clear_runs_for_an_unset_custom_field():
    current = {"name": "n", "mode": "custom", "settings": {"a": 1}, "custom": "kept", "label": None}
    assert CLEARED.by_option["settings"].clear is _clear_mode and CLEARED.by_option["name"].clear is None
    body = CLEARED.to_api({"name": "n"}, References(), current)
    assert body == {"name": "n", "mode": "plain", "settings": None, "custom": "kept", "label": None,
                    "label_cleared": True}
    assert current["settings"] == {"a": 1}  # the current object is not changed
    # a set value is written, not cleared
    assert CLEARED.to_api({"name": "n", "settings": {"b": 2}}, References(), current)["settings"] == {"b": 2}
    # a plain field holding a value is set to None (clear is not needed then)
    assert CLEARED.to_api({"name": "n"}, References(), dict(current, label="L"))["label"] is None
    # a new item starts from the skeleton, which clear also sets up
    assert CLEARED.to_api({"name": "n"}, References()) == {"name": "n", "mode": "plain", "settings": None,
                                                           "label_cleared": True}


# ---------------------------------------------------------------------------------------------- states and error bodies
def test_resource_argument_spec_offers_the_given_states():
    device = ModuleDevice("dev", {"host": {"type": "str"}}, lambda params, check_mode, offline=False: None)
    spec = ResourceSpec("items", "item", ITEM_FIELDS)
    assert resource_argument_spec(device, spec)["state"] == {"type": "str", "default": "merged", "choices": list(STATES)}
    fewer = resource_argument_spec(device, spec, states=("merged", "replaced", "gathered"))
    assert fewer["state"] == {"type": "str", "default": "merged", "choices": ["merged", "replaced", "gathered"]}
    assert fewer["config"]["options"]["name"]["required"] is True and fewer["host"] == {"type": "str"}


class _ErrorResponse:
    """Just enough of a response for the error parser."""

    def __init__(self, body, text=None):
        self.body = body
        self.text = text if text is not None else repr(body)

    def json(self):
        if isinstance(self.body, Exception):
            raise self.body
        return self.body


@pytest.mark.parametrize("body, expected", [
    ({"error": {"code": "NOT_FOUND", "message": "group grp-9 not found", "details": {}}},
     ("group grp-9 not found", "NOT_FOUND")),
    ({"error": {"code": "VALIDATION_FAILED", "message": "bad", "details": {"field": "groups"}}}, ("bad", "VALIDATION_FAILED")),
    ({"error": {"name": "Conflict", "message": "taken"}}, ("Conflict: taken", None)),
    ({"error": "invalid_grant", "error_description": "expired"}, ("invalid_grant: expired", None)),
    ({"error": {"code": 409}}, ("{'error': {'code': 409}}", None)),
])
def test_default_error_parser_understands_nested_error_bodies(body, expected):
    assert default_error_parser(_ErrorResponse(body)) == expected
