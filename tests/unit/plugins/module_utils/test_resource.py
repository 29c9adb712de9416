# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Unit tests of plugins/module_utils/resource.py: the plan of every state against an in-memory device."""

from __future__ import annotations

import copy
import threading
import time

import pytest

from ansible_collections.broadcast.video.plugins.module_utils.errors import ApiError, TransportError, ValidationError
from ansible_collections.broadcast.video.plugins.module_utils.fields import Field, FieldMap
from ansible_collections.broadcast.video.plugins.module_utils.resource import (
    STATES, ResourceClient, ResourceEngine, ResourceSpec, clean, run_concurrently)

PORT = FieldMap([
    Field("rank", "rank", spec={"type": "int"}),
    Field("host", "host"),
    Field("peer", "peerId", ref="others"),
], key="rank", skeleton=lambda item: {"id": "port-new", "rank": item.get("rank")})


def _validate(item, where):
    ranks = [p.get("rank") for p in item.get("ports") or []]
    if len(ranks) != len(set(ranks)):
        raise ValidationError("%s: ports: duplicate rank" % where)


THING_FIELDS = FieldMap([
    Field("name", "name"),
    Field("state", "state", choices={"on": "ON", "off": "OFF"}, default="off"),
    Field("other", "otherId", ref="others"),
    Field("ports", "ports", nested=PORT, default=[]),
    Field("password", "password", secret=True),
    Field("description", "description"),
], skeleton=lambda item: {"id": "", "name": item.get("name"), "vendor": "default"})

THINGS = ResourceSpec("things", "thing", THING_FIELDS, required=("other",), validate=_validate)

PATHS = {"things": "/api/things", "others": "/api/others"}


def device_data():
    """The initial device: two things referencing others by id, one with a (masked) password and a device-only field."""
    return {
        "things": [
            {"id": "t1", "name": "a", "state": "ON", "otherId": "o1", "password": "******", "vendor": "keep-me",
             "ports": [{"id": "p1", "rank": 1, "host": "h1", "peerId": "o2", "deviceOnly": True}]},
            {"id": "t2", "name": "b", "state": "OFF", "otherId": "o2", "ports": [], "description": "desc"},
        ],
        "others": [{"id": "o1", "name": "alpha"}, {"id": "o2", "name": "beta"}],
    }


class FakeClient(ResourceClient):
    """An in-memory device implementing the ResourceClient interface; records every call in :attr:`calls`.

    ``fail_create``: ``{name: (exception, persist)}``: the create of that item raises ``exception`` after storing
    the item when ``persist`` is true. ``fail_list``: an exception raised by reads after the first ``list_ok`` ones.
    """

    def __init__(self, data=None, max_workers=4):
        self.data = copy.deepcopy(data if data is not None else device_data())
        self.max_workers = max_workers
        self.calls = []
        self.lock = threading.Lock()
        self.fail_create = {}
        self.fail_update = None
        self.fail_list = None
        self.list_ok = 0
        self.counter = 0

    def _record(self, *call):
        with self.lock:
            self.calls.append(call)

    @property
    def writes(self):
        return [c for c in self.calls if c[0] in ("create", "update", "delete")]

    @property
    def reads(self):
        return [c for c in self.calls if c[0] == "list"]

    def list_items(self, kind):
        self._record("list", kind)
        if self.fail_list is not None and len(self.reads) > self.list_ok:
            raise self.fail_list
        return copy.deepcopy(self.data.get(kind, []))

    def create_item(self, kind, body):
        self._record("create", kind, copy.deepcopy(body))
        with self.lock:
            self.counter += 1
            obj = dict(copy.deepcopy(body), id="%s-new-%d" % (kind, self.counter))
        failure = self.fail_create.get(body.get("name"))
        if failure is None or failure[1]:
            self.data.setdefault(kind, []).append(obj)
        if failure is not None:
            raise failure[0]
        return obj

    def update_item(self, kind, ident, body, current=None):
        self._record("update", kind, ident, copy.deepcopy(body))
        if self.fail_update is not None:
            raise self.fail_update
        items = self.data[kind]
        for index, obj in enumerate(items):
            if obj["id"] == ident:
                items[index] = copy.deepcopy(body)
                return body
        raise ApiError("no such id", status=404)

    def delete_item(self, kind, ident, current=None):
        self._record("delete", kind, ident)
        self.data[kind] = [o for o in self.data[kind] if o["id"] != ident]

    def write_request(self, kind, operation, ident):
        path = PATHS[kind]
        return {"create": ("POST", path), "update": ("PUT", "%s/%s" % (path, ident)),
                "delete": ("DELETE", "%s/%s" % (path, ident))}[operation]


def run(state, config, client=None, **kwargs):
    client = client if client is not None else FakeClient()
    engine = ResourceEngine(client, THINGS, **kwargs)
    return engine.run(state, config), client, engine


def thing(client, name):
    matches = [o for o in client.data["things"] if o.get("name") == name]
    assert len(matches) == 1, matches
    return matches[0]


# ---------------------------------------------------------------------------------------------- reading
def test_read_lists_the_kind_and_each_referenced_kind_once():
    result, client, engine = run("gathered", None)
    assert sorted(client.reads) == [("list", "others"), ("list", "things")]
    assert result == {"changed": False, "gathered": [
        {"name": "a", "state": "on", "other": "alpha", "ports": [{"rank": 1, "host": "h1", "peer": "beta"}]},
        {"name": "b", "state": "off", "other": "beta", "ports": [], "description": "desc"},
    ]}
    assert engine.refs.id_of("things", "b", "w") == "t2"
    assert client.writes == []


# ---------------------------------------------------------------------------------------------- merged
def test_merged_create():
    result, client, _engine = run("merged", [{"name": "c", "other": "alpha", "password": "pw",
                                              "ports": [{"rank": 1, "host": "x", "peer": "beta"}]}])
    assert result["changed"] is True
    assert result["requests"] == [{"method": "POST", "path": "/api/things", "item": "c", "operation": "create"}]
    assert client.writes == [("create", "things", {
        "id": "", "name": "c", "vendor": "default", "state": "OFF", "otherId": "o1", "password": "pw",
        "ports": [{"id": "port-new", "rank": 1, "host": "x", "peerId": "o2"}]})]
    assert [i["name"] for i in result["before"]] == ["a", "b"]
    assert [i["name"] for i in result["after"]] == ["a", "b", "c"]
    assert result["after"][2] == {"name": "c", "state": "off", "other": "alpha", "ports": [{"rank": 1, "host": "x", "peer": "beta"}]}
    assert [op.op for op in result["operations"]] == ["create"]


def test_merged_update_keeps_unknown_fields_and_nested_ids():
    result, client, _engine = run("merged", [{"name": "a", "state": "off", "description": "new"}])
    assert result["changed"] is True
    assert result["requests"] == [{"method": "PUT", "path": "/api/things/t1", "item": "a", "operation": "update"}]
    assert client.writes == [("update", "things", "t1", {
        "id": "t1", "name": "a", "state": "OFF", "otherId": "o1", "password": "******", "vendor": "keep-me",
        "description": "new", "ports": [{"id": "p1", "rank": 1, "host": "h1", "peerId": "o2", "deviceOnly": True}]})]
    assert result["after"][0] == {"name": "a", "state": "off", "other": "alpha", "description": "new",
                                  "ports": [{"rank": 1, "host": "h1", "peer": "beta"}]}


def test_merged_nested_update_by_key():
    _result, client, _engine = run("merged", [{"name": "a", "ports": [{"rank": 2, "host": "h2"}, {"rank": 1, "host": "h1b"}]}])
    body = client.writes[0][3]
    assert body["ports"] == [{"id": "port-new", "rank": 2, "host": "h2"},
                             {"id": "p1", "rank": 1, "host": "h1b", "peerId": "o2", "deviceOnly": True}]


def test_merged_no_op():
    result, client, _engine = run("merged", [{"name": "a", "state": "on"}, {"name": "b", "other": "beta", "ports": []}])
    assert result["changed"] is False
    assert result["requests"] == [] and result["operations"] == []
    assert client.writes == []
    assert result["before"] == result["after"]


# ---------------------------------------------------------------------------------------------- replaced
def test_replaced_resets_omitted_options_to_defaults():
    result, client, _engine = run("replaced", [{"name": "a", "other": "alpha"}, {"name": "b", "other": "beta"}])
    assert result["changed"] is True
    assert [(w[0], w[2]) for w in client.writes] == [("update", "t1"), ("update", "t2")]
    body_a = client.writes[0][3]
    assert body_a["state"] == "OFF" and body_a["ports"] == [] and body_a["vendor"] == "keep-me"
    assert body_a["password"] == "******"
    body_b = client.writes[1][3]
    assert body_b["description"] is None
    assert result["after"] == [{"name": "a", "state": "off", "other": "alpha", "ports": []},
                               {"name": "b", "state": "off", "other": "beta", "ports": []}]


def test_replaced_creates_missing():
    result, client, _engine = run("replaced", [{"name": "new", "other": "beta"}])
    assert result["changed"] is True
    assert client.writes[0][0] == "create"


# ---------------------------------------------------------------------------------------------- overridden
def test_overridden_deletes_undeclared():
    result, client, _engine = run("overridden", [{"name": "a", "state": "on", "other": "alpha",
                                                  "ports": [{"rank": 1, "host": "h1", "peer": "beta"}]},
                                                 {"name": "c", "other": "beta"}])
    assert result["requests"] == [
        {"method": "DELETE", "path": "/api/things/t2", "item": "b", "operation": "delete"},
        {"method": "POST", "path": "/api/things", "item": "c", "operation": "create"},
    ]
    assert [w[0] for w in client.writes] == ["delete", "create"]
    assert sorted(o["name"] for o in client.data["things"]) == ["a", "c"]
    assert [i["name"] for i in result["after"]] == ["a", "c"]


def test_overridden_empty_config_deletes_everything():
    result, client, _engine = run("overridden", [])
    assert sorted(w[2] for w in client.writes) == ["t1", "t2"]
    assert result["after"] == [] and client.data["things"] == []


def test_overridden_with_undeclared_duplicates_deletes_all_or_refuses():
    data = device_data()
    data["things"].append({"id": "t3", "name": "b", "state": "OFF", "otherId": "o1", "ports": []})
    client = FakeClient(data)
    try:
        run("overridden", [{"name": "a", "state": "on", "other": "alpha", "ports": [{"rank": 1, "host": "h1", "peer": "beta"}]}],
            client=client)
    except ValidationError:
        assert client.writes == []
        return
    assert sorted(o["name"] for o in client.data["things"]) == ["a"]


# ---------------------------------------------------------------------------------------------- deleted
def test_deleted_empty_config_refused():
    client = FakeClient()
    for config in (None, []):
        with pytest.raises(ValidationError) as info:
            ResourceEngine(client, THINGS).run("deleted", config)
        assert str(info.value) == (
            "config: state=deleted needs the thing items to delete; an empty config is refused so that nothing is deleted "
            "by accident (use state=overridden with an empty config to delete every thing)")
    assert client.calls == []


def test_deleted_present_and_absent():
    result, client, _engine = run("deleted", [{"name": "b"}, {"name": "zz"}])
    assert result["changed"] is True
    assert client.writes == [("delete", "things", "t2")]
    assert result["requests"] == [{"method": "DELETE", "path": "/api/things/t2", "item": "b", "operation": "delete"}]
    assert [i["name"] for i in result["after"]] == ["a"]


def test_deleted_absent_is_no_op():
    result, client, _engine = run("deleted", [{"name": "zz", "other": "does-not-matter"}])
    assert result["changed"] is False and client.writes == [] and result["requests"] == []


# ---------------------------------------------------------------------------------------------- gathered round trip
@pytest.mark.parametrize("state", ["merged", "replaced", "overridden"])
def test_gathered_fed_back_is_a_no_op(state):
    gathered, _client, _engine = run("gathered", None)
    result, client, _engine = run(state, gathered["gathered"])
    assert result["changed"] is False
    assert client.writes == []
    assert result["after"] == gathered["gathered"]


# ---------------------------------------------------------------------------------------------- rendered
def test_rendered_is_offline_with_placeholders():
    client = FakeClient()
    result = ResourceEngine(client, THINGS).run("rendered", [
        {"name": "r", "other": "alpha", "ports": [{"rank": 1, "peer": "beta"}], "password": "pw"}])
    assert client.calls == []
    assert result == {"changed": False, "rendered": [{"method": "POST", "path": "/api/things", "body": {
        "id": "", "name": "r", "vendor": "default", "state": "OFF", "otherId": "<others:alpha>", "password": "********",
        "ports": [{"id": "port-new", "rank": 1, "peerId": "<others:beta>"}]}}]}


def test_rendered_checks_required_and_config():
    client = FakeClient()
    with pytest.raises(ValidationError, match=r"config\[0\] \(thing 'r'\): other is needed to create a thing"):
        ResourceEngine(client, THINGS).run("rendered", [{"name": "r"}])
    with pytest.raises(ValidationError, match="declared twice"):
        ResourceEngine(client, THINGS).run("rendered", [{"name": "r", "other": "x"}, {"name": "r", "other": "x"}])
    assert client.calls == []


# ---------------------------------------------------------------------------------------------- check mode
def test_check_mode_plans_without_writing():
    before = device_data()
    result, client, _engine = run("overridden", [{"name": "a", "other": "alpha"}, {"name": "c", "other": "beta"}], check_mode=True)
    assert result["changed"] is True
    assert result["requests"] == [
        {"method": "DELETE", "path": "/api/things/t2", "item": "b", "operation": "delete"},
        {"method": "POST", "path": "/api/things", "item": "c", "operation": "create"},
        {"method": "PUT", "path": "/api/things/t1", "item": "a", "operation": "update"},
    ]
    assert client.writes == []
    assert client.data == before
    assert [i["name"] for i in result["after"]] == ["a", "c"]


# ---------------------------------------------------------------------------------------------- validation before writes
def test_unknown_reference_in_last_item_fails_before_any_write():
    client = FakeClient()
    config = [{"name": "c", "other": "alpha"}, {"name": "a", "state": "off"}, {"name": "b", "description": "x"},
              {"name": "d", "other": "alpha", "ports": [{"rank": 1, "peer": "nope"}]}]
    with pytest.raises(ValidationError) as info:
        ResourceEngine(client, THINGS).run("merged", config)
    assert str(info.value).startswith("config[3] (thing 'd').ports[0].peer: no other named 'nope' exists on the device "
                                      "(known: 'alpha', 'beta')")
    assert client.writes == []


def test_unknown_reference_on_update_fails_before_any_write():
    client = FakeClient()
    with pytest.raises(ValidationError, match=r"^config\[1\] \(thing 'a'\)\.other: no other named 'gamma'"):
        ResourceEngine(client, THINGS).run("overridden", [{"name": "new", "other": "alpha"}, {"name": "a", "other": "gamma"}])
    assert client.writes == []


def test_validate_callback_fails_before_any_write():
    client = FakeClient()
    with pytest.raises(ValidationError, match=r"config\[1\] \(thing 'a'\): ports: duplicate rank"):
        ResourceEngine(client, THINGS).run("merged", [{"name": "c", "other": "alpha"},
                                                      {"name": "a", "ports": [{"rank": 1}, {"rank": 1}]}])
    with pytest.raises(ValidationError, match=r"config\[0\] \(thing 'c'\): ports: duplicate rank"):
        ResourceEngine(client, THINGS).run("merged", [{"name": "c", "other": "alpha", "ports": [{"rank": 1}, {"rank": 1}]}])
    assert client.writes == []


def test_duplicate_names_in_config_refused():
    client = FakeClient()
    with pytest.raises(ValidationError) as info:
        ResourceEngine(client, THINGS).run("merged", [{"name": "a"}, {"name": "b"}, {"name": "a", "state": "off"}])
    assert str(info.value) == "config[2]: thing 'a' is declared twice (also config[0])"
    assert client.calls == []


def test_missing_name_in_config_refused():
    with pytest.raises(ValidationError, match=r"^config\[1\]: name is required for every thing$"):
        run("merged", [{"name": "a"}, {"name": "", "state": "on"}])


def test_unknown_state_refused():
    with pytest.raises(ValidationError, match="state: 'absent' is not one of merged, replaced, overridden, deleted, gathered, rendered"):
        run("absent", [])
    assert STATES == ("merged", "replaced", "overridden", "deleted", "gathered", "rendered")


def test_duplicate_names_on_device_refused_only_when_touched():
    data = device_data()
    data["things"].append({"id": "t3", "name": "b", "state": "OFF", "otherId": "o1", "ports": []})
    result, client, _engine = run("merged", [{"name": "a", "state": "off"}], client=FakeClient(data))
    assert result["changed"] is True and len(client.writes) == 1
    for state in ("merged", "replaced", "deleted"):
        client = FakeClient(data)
        with pytest.raises(ValidationError) as info:
            ResourceEngine(client, THINGS).run(state, [{"name": "a", "state": "off"}, {"name": "b", "other": "beta"}])
        assert str(info.value) == "config[1] (thing 'b'): 2 things with this name exist on the device; remove the duplicates first"
        assert client.writes == []


def test_required_options_on_create_only():
    with pytest.raises(ValidationError) as info:
        run("merged", [{"name": "c", "state": "on"}])
    assert str(info.value) == "config[0] (thing 'c'): other is needed to create a thing"
    result, _client, _engine = run("merged", [{"name": "a", "state": "off"}])
    assert result["changed"] is True
    two = ResourceSpec("things", "thing", THING_FIELDS, required=("other", "description", "ports"))
    with pytest.raises(ValidationError) as info:
        ResourceEngine(FakeClient(), two).run("merged", [{"name": "c"}])
    assert str(info.value) == "config[0] (thing 'c'): other and description and ports are needed to create a thing"


# ---------------------------------------------------------------------------------------------- secrets
def test_secret_not_compared_on_create_policy():
    result, client, _engine = run("merged", [{"name": "a", "password": "new-password"}])
    assert result["changed"] is False and client.writes == []
    result, client, _engine = run("replaced", [{"name": "a", "other": "alpha", "state": "on", "password": "new-password",
                                                "ports": [{"rank": 1, "host": "h1", "peer": "beta"}]}])
    assert result["changed"] is False and client.writes == []


def test_secret_not_sent_on_other_updates_with_on_create():
    _result, client, _engine = run("merged", [{"name": "a", "state": "off", "password": "new-password"}])
    assert client.writes[0][3]["password"] == "******"


def test_secret_sent_and_changed_with_always():
    result, client, engine = run("merged", [{"name": "a", "password": "new-password"}], update_secrets="always")
    assert result["changed"] is True
    assert client.writes == [("update", "things", "t1", {
        "id": "t1", "name": "a", "state": "ON", "otherId": "o1", "password": "new-password", "vendor": "keep-me",
        "ports": [{"id": "p1", "rank": 1, "host": "h1", "peerId": "o2", "deviceOnly": True}]})]
    diff = engine.diffs(result["operations"])
    assert "new-password" not in repr(diff) and "new-password" not in repr(result["after"]) + repr(result["before"])
    result, client, _engine = run("merged", [{"name": "a"}], update_secrets="always")
    assert result["changed"] is False and client.writes == []


def test_secret_sent_on_create():
    _result, client, _engine = run("merged", [{"name": "c", "other": "beta", "password": "pw"}])
    assert client.writes[0][2]["password"] == "pw"


# ---------------------------------------------------------------------------------------------- create outcome unknown
def test_create_transport_error_but_item_exists_counts_as_created():
    client = FakeClient()
    client.fail_create["c"] = (TransportError("connection reset"), True)
    result, client, _engine = run("merged", [{"name": "c", "other": "alpha"}], client=client)
    assert result["changed"] is True
    assert [c[0] for c in client.calls].count("create") == 1
    assert client.reads.count(("list", "things")) == 2
    assert [i["name"] for i in result["after"]] == ["a", "b", "c"]


def test_create_5xx_but_item_exists_counts_as_created():
    client = FakeClient()
    client.fail_create["c"] = (ApiError("bad gateway", status=502), True)
    result, client, _engine = run("merged", [{"name": "c", "other": "alpha"}], client=client)
    assert result["changed"] is True


def test_create_transport_error_and_item_absent_reraises():
    client = FakeClient()
    client.fail_create["c"] = (TransportError("connection reset"), False)
    with pytest.raises(TransportError) as info:
        run("merged", [{"name": "c", "other": "alpha"}], client=client)
    assert str(info.value) == "create thing 'c': connection reset"
    assert info.value.args == ("create thing 'c': connection reset",)
    assert client.reads.count(("list", "things")) == 2


def test_create_4xx_reraises_without_reread():
    client = FakeClient()
    client.fail_create["c"] = (ApiError("POST /api/things failed with HTTP 400: bad body", status=400), True)
    with pytest.raises(ApiError, match=r"^create thing 'c': POST /api/things failed with HTTP 400: bad body$"):
        run("merged", [{"name": "c", "other": "alpha"}], client=client)
    assert client.reads.count(("list", "things")) == 1


def test_create_reread_failure_raises_the_original_error():
    client = FakeClient()
    client.fail_create["c"] = (TransportError("connection reset"), True)
    client.fail_list = ApiError("reread failed", status=503)
    client.list_ok = 2
    with pytest.raises(TransportError, match="^create thing 'c': connection reset$"):
        run("merged", [{"name": "c", "other": "alpha"}], client=client)


def test_update_error_names_operation_and_item():
    client = FakeClient()
    client.fail_update = ApiError("PUT /api/things/t1 failed with HTTP 409", status=409)
    with pytest.raises(ApiError) as info:
        run("merged", [{"name": "a", "state": "off"}], client=client)
    assert str(info.value) == "update thing 'a': PUT /api/things/t1 failed with HTTP 409"
    assert info.value.status == 409


def test_apply_order_deletes_creates_updates():
    _result, client, _engine = run("overridden", [{"name": "z", "other": "alpha"}, {"name": "a", "other": "alpha"}],
                                   client=FakeClient(max_workers=1))
    assert [w[0] for w in client.writes] == ["delete", "create", "update"]


# ---------------------------------------------------------------------------------------------- diffs
def test_diffs_shape():
    result, _client, engine = run("overridden", [{"name": "a", "other": "alpha"}, {"name": "c", "other": "beta", "password": "pw"}])
    diffs = engine.diffs(result["operations"])
    assert diffs == [
        {"before_header": "thing 'b'", "after_header": "thing 'b' (deleted)",
         "before": {"name": "b", "state": "off", "other": "beta", "ports": [], "description": "desc"}, "after": {}},
        {"before_header": "thing 'c' (absent)", "after_header": "thing 'c'", "before": {},
         "after": {"name": "c", "state": "off", "other": "beta", "ports": []}},
        {"before_header": "thing 'a'", "after_header": "thing 'a'",
         "before": {"name": "a", "state": "on", "other": "alpha", "ports": [{"rank": 1, "host": "h1", "peer": "beta"}]},
         "after": {"name": "a", "state": "off", "other": "alpha", "ports": []}},
    ]
    assert engine.diffs([]) == []


# ---------------------------------------------------------------------------------------------- helpers
def test_clean_drops_none_recursively():
    assert clean({"a": None, "b": [{"c": None, "d": 1}, None], "e": {"f": None}}) == {"b": [{"d": 1}, None], "e": {}}
    assert clean(3) == 3


def test_resource_client_defaults():
    base = ResourceClient()
    assert base.item_id("k", {"id": 5}) == "5"
    assert base.item_name("k", {"name": "n"}) == "n"
    for call in (lambda: base.list_items("k"), lambda: base.create_item("k", {}), lambda: base.update_item("k", "i", {}),
                 lambda: base.delete_item("k", "i"), lambda: base.write_request("k", "create", None)):
        with pytest.raises(NotImplementedError):
            call()
    assert base.run_concurrently([lambda: 1, lambda: 2]) == [1, 2]


def _tracker():
    state = {"active": 0, "peak": 0}
    lock = threading.Lock()

    def make(value, delay=0.02, error=None):
        def func():
            with lock:
                state["active"] += 1
                state["peak"] = max(state["peak"], state["active"])
            time.sleep(delay)
            with lock:
                state["active"] -= 1
                state.setdefault("done", []).append(value)
            if error is not None:
                raise error
            return value
        return func
    return state, make


def test_run_concurrently_bound_and_order():
    state, make = _tracker()
    funcs = [make(i, delay=0.02 if i % 2 else 0.04) for i in range(9)]
    assert run_concurrently(funcs, 3) == list(range(9))
    assert state["peak"] == 3


def test_run_concurrently_first_error_in_input_order_after_all_ran():
    state, make = _tracker()
    first, second = ValueError("first"), KeyError("second")
    funcs = [make(0), make(1, delay=0.06, error=first), make(2), make(3, delay=0.0, error=second), make(4)]
    with pytest.raises(ValueError) as info:
        run_concurrently(funcs, 4)
    assert info.value is first
    assert sorted(state["done"]) == [0, 1, 2, 3, 4]


def test_run_concurrently_sequential_paths():
    assert run_concurrently([], 4) == []
    assert run_concurrently([lambda: "only"], 4) == ["only"]
    assert run_concurrently([lambda: 1, lambda: 2], 1) == [1, 2]


def test_run_concurrently_single_worker_runs_every_callable():
    state, make = _tracker()
    with pytest.raises(ValueError):
        run_concurrently([make(0, delay=0, error=ValueError("x")), make(1, delay=0)], 1)
    assert sorted(state["done"]) == [0, 1]


def test_device_items_without_a_name_are_ignored():
    data = device_data()
    data["things"].append({"id": "t9", "state": "ON", "otherId": "o1", "ports": []})
    result, client, _engine = run("overridden", [{"name": "a", "state": "on", "other": "alpha",
                                                  "ports": [{"rank": 1, "host": "h1", "peer": "beta"}]}], client=FakeClient(data))
    assert client.writes == [("delete", "things", "t2")]
    assert [i["name"] for i in result["before"]] == ["a", "b"]
