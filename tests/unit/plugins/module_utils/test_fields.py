# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Unit tests of plugins/module_utils/fields.py: paths, references, field maps, argument specs, snake_case."""

from __future__ import annotations

import pytest

from ansible_collections.broadcast.video.plugins.module_utils.errors import ValidationError
from ansible_collections.broadcast.video.plugins.module_utils.fields import (
    Field, FieldMap, References, get_path, kind_label, set_path, snake, snake_keys)

# A small map: a "thing" with a reference, a list of references, choices, a nested keyed list with a secret,
# and two type-dependent (``when``) fields.
PORT = FieldMap([
    Field("rank", "rank", spec={"type": "int"}),
    Field("host", "address.host"),
    Field("token", "token", secret=True),
    Field("mode", "mode", choices={"fast": "FAST", "safe": "SAFE"}, default="safe"),
], key="rank", skeleton=lambda item: {"id": "new-port", "rank": item.get("rank"), "extra": "skeleton"})

THING = FieldMap([
    Field("name", "name"),
    Field("state", "controlState", choices={"on": "ACTIVATED", "off": "OFF"}, default="off"),
    Field("other", "otherId", ref="others"),
    Field("friends", "friendIds", ref="others", many=True, default=[]),
    Field("ports", "ports", nested=PORT, default=[]),
    Field("password", "password", secret=True),
    Field("kind", "kind", choices={"zixi": "ZIXI", "slate": "SLATE"}),
    Field("zixi_port", "zixi.port", spec={"type": "int"}, when={"kind": "zixi"}, default=2088),
    Field("slate_image", "slate.imageId", ref="images", when={"kind": "slate"}),
], skeleton=lambda item: {"id": "", "name": item.get("name"), "unknownField": 7})

REFS = References({"others": [("alpha", "o-1"), ("beta", "o-2")], "images": [("logo.png", "i-1")]})


# ---------------------------------------------------------------------------------------------- paths
def test_get_path_nested_and_missing():
    obj = {"a": {"b": {"c": 3}}, "x": None, "s": "text"}
    assert get_path(obj, "a.b.c") == 3
    assert get_path(obj, "a.b") == {"c": 3}
    assert get_path(obj, "a.z.c") is None
    assert get_path(obj, "x.y") is None
    assert get_path(obj, "s.y") is None
    assert get_path(None, "a") is None


def test_set_path_creates_and_replaces_intermediates():
    obj = {"a": None, "b": "scalar"}
    set_path(obj, "a.b.c", 1)
    set_path(obj, "b.c", 2)
    set_path(obj, "top", 3)
    set_path(obj, "a.b.d", 4)
    assert obj == {"a": {"b": {"c": 1, "d": 4}}, "b": {"c": 2}, "top": 3}


# ---------------------------------------------------------------------------------------------- references
def test_id_of_and_name_of():
    assert REFS.id_of("others", "alpha", "config[0].other") == "o-1"
    assert REFS.name_of("others", "o-2") == "beta"
    assert REFS.name_of("others", None) is None


def test_name_of_unknown_id_passes_through():
    assert REFS.name_of("others", "dangling-id") == "dangling-id"
    assert REFS.name_of("unknown_kind", 42) == 42


def test_id_of_unknown_name_names_where_and_lists_known():
    with pytest.raises(ValidationError) as info:
        REFS.id_of("others", "gamma", "config[3] (thing 'x').other")
    message = str(info.value)
    assert message.startswith("config[3] (thing 'x').other: ")
    assert "no other named 'gamma' exists on the device" in message
    assert "(known: 'alpha', 'beta')" in message


def test_id_of_unknown_kind_says_none_known():
    with pytest.raises(ValidationError, match=r"no link group named 'g' exists on the device \(known: none\)"):
        References().id_of("link_groups", "g", "where")


def test_id_of_known_list_truncated_after_20():
    refs = References({"others": [("n%02d" % i, "id%d" % i) for i in range(25)]})
    with pytest.raises(ValidationError) as info:
        refs.id_of("others", "missing", "w")
    message = str(info.value)
    assert "'n19' ..." in message
    assert "'n20'" not in message
    assert message.count("'n") == 20
    exact = References({"others": [("n%02d" % i, "id%d" % i) for i in range(20)]})
    with pytest.raises(ValidationError) as info:
        exact.id_of("others", "missing", "w")
    assert "..." not in str(info.value)


def test_id_of_ambiguous_name():
    refs = References({"others": [("same", "id-1"), ("same", "id-2"), (None, "id-3"), ("x", None)]})
    with pytest.raises(ValidationError) as info:
        refs.id_of("others", "same", "config[0].other")
    assert str(info.value) == ("config[0].other: 2 others are named 'same' (ids id-1, id-2); "
                               "rename them on the device so names are unique")
    assert refs.name_of("others", "id-3") == "id-3"


def test_offline_placeholders():
    refs = References(offline=True)
    assert refs.id_of("others", "anything", "w") == "<others:anything>"


def test_add_and_add_table_replace():
    refs = References()
    refs.add("others", "new", "id-9")
    assert refs.id_of("others", "new", "w") == "id-9"
    assert refs.name_of("others", "id-9") == "new"
    refs.add_table("others", [("fresh", 5)])
    assert refs.id_of("others", "fresh", "w") == "5"
    with pytest.raises(ValidationError):
        refs.id_of("others", "new", "w")


def test_kind_label():
    assert kind_label("link_groups") == "link group"
    assert kind_label("link_groups", plural=True) == "link groups"
    assert kind_label("news") == "new"
    labels = {"link_groups": "cloud link group"}
    assert kind_label("link_groups", labels=labels) == "cloud link group"
    assert kind_label("link_groups", plural=True, labels=labels) == "cloud link groups"


def test_references_use_their_labels():
    refs = References({"link_groups": [("A", "1")]}, labels={"link_groups": "cloud link group"})
    with pytest.raises(ValidationError) as info:
        refs.id_of("link_groups", "B", "config[0].group")
    assert "no cloud link group named 'B'" in str(info.value)
    with pytest.raises(ValidationError, match="no link group named 'x'"):
        References().id_of("link_groups", "x", "w")


# ---------------------------------------------------------------------------------------------- fields
def test_choices_both_ways_and_pass_through():
    field = Field("state", "controlState", choices={"on": "ACTIVATED", "off": "OFF"})
    assert field.from_api({"controlState": "ACTIVATED"}, REFS) == "on"
    assert field.from_api({"controlState": "PENDING"}, REFS) == "PENDING"
    obj = {}
    field.to_api(obj, "off", REFS, "w")
    assert obj == {"controlState": "OFF"}
    field.to_api(obj, "RAW", REFS, "w")
    assert obj == {"controlState": "RAW"}


def test_field_defaults_spec_and_api():
    field = Field("name")
    assert field.api == "name"
    assert field.spec == {"type": "str"}
    assert field.applies({})


def test_reference_fields_and_many():
    single = Field("other", "otherId", ref="others")
    many = Field("friends", "friendIds", ref="others", many=True)
    assert single.from_api({"otherId": "o-1"}, REFS) == "alpha"
    assert many.from_api({"friendIds": ["o-2", "zz"]}, REFS) == ["beta", "zz"]
    assert many.from_api({"friendIds": "not-a-list"}, REFS) is None
    obj = {}
    many.to_api(obj, ["beta", "alpha"], REFS, "config[1]")
    assert obj == {"friendIds": ["o-2", "o-1"]}
    with pytest.raises(ValidationError, match=r"^config\[1\]\.friends\[1\]: no other named 'nope'"):
        many.to_api(obj, ["alpha", "nope"], REFS, "config[1]")
    with pytest.raises(ValidationError, match=r"^config\[1\]\.other: "):
        single.to_api(obj, "nope", REFS, "config[1]")


def test_custom_read_and_write():
    calls = []
    field = Field("combo", read=lambda obj, refs: obj.get("a", 0) + obj.get("b", 0),
                  write=lambda obj, value, refs, where: calls.append((value, where)) or obj.update(a=value, b=0))
    assert field.from_api({"a": 1, "b": 2}, REFS) == 3
    obj = {}
    field.to_api(obj, 5, REFS, "w")
    assert obj == {"a": 5, "b": 0} and calls == [(5, "w")]


def test_secret_never_read_back():
    assert Field("password", secret=True).from_api({"password": "******"}, REFS) is None


def test_nested_not_a_list_reads_none():
    assert THING.by_option["ports"].from_api({"ports": {"rank": 1}}, REFS) is None


def test_to_api_deep_copies_plain_values():
    value = {"nested": [1, 2]}
    obj = {}
    Field("blob").to_api(obj, value, REFS, "w")
    value["nested"].append(3)
    assert obj == {"blob": {"nested": [1, 2]}}


# ---------------------------------------------------------------------------------------------- field maps
DEVICE_THING = {
    "id": "t-1", "name": "one", "controlState": "ACTIVATED", "otherId": "o-1", "friendIds": ["o-2"],
    "password": "******", "kind": "ZIXI", "zixi": {"port": 2077}, "slate": {"imageId": "i-1"}, "vendorOnly": {"keep": True},
    "ports": [
        {"id": "p-1", "rank": 1, "address": {"host": "a.example", "family": "v4"}, "token": "******", "mode": "FAST", "deviceOnly": 1},
        {"id": "p-2", "rank": 2, "address": {"host": "b.example"}, "mode": "SAFE"},
    ],
}


def test_from_api_all_options_and_when():
    item = THING.from_api(DEVICE_THING, REFS)
    assert item == {
        "name": "one", "state": "on", "other": "alpha", "friends": ["beta"], "password": None, "kind": "zixi",
        "zixi_port": 2077, "slate_image": None,
        "ports": [{"rank": 1, "host": "a.example", "token": None, "mode": "fast"},
                  {"rank": 2, "host": "b.example", "token": None, "mode": "safe"}],
    }
    assert list(item) == [f.option for f in THING.fields if not f.when] + ["zixi_port", "slate_image"]


def test_to_api_new_object_from_skeleton():
    item = THING.complete({"name": "n", "other": "beta", "kind": "slate", "slate_image": "logo.png", "password": "pw",
                           "ports": [{"rank": 1, "host": "h", "token": "tk"}]}, None)
    body = THING.to_api(item, REFS, None, "config[0]")
    assert body == {
        "id": "", "name": "n", "unknownField": 7, "controlState": "OFF", "otherId": "o-2", "friendIds": [],
        "password": "pw", "kind": "SLATE", "slate": {"imageId": "i-1"},
        "ports": [{"id": "new-port", "rank": 1, "extra": "skeleton", "address": {"host": "h"}, "token": "tk", "mode": "SAFE"}],
    }


def test_to_api_update_keeps_device_ids_and_unknown_fields_by_key():
    item = THING.from_api(DEVICE_THING, REFS)
    # reverse the list, change port 1, add port 3
    item["ports"] = [{"rank": 2, "host": "b2.example", "token": None, "mode": "safe"},
                     {"rank": 1, "host": "a.example", "token": None, "mode": "safe"},
                     {"rank": 3, "host": "c.example", "token": None, "mode": "fast"}]
    body = THING.to_api(item, REFS, DEVICE_THING, "config[0]")
    assert body["vendorOnly"] == {"keep": True}
    assert body["id"] == "t-1"
    ports = body["ports"]
    assert [p["id"] for p in ports] == ["p-2", "p-1", "new-port"]
    assert ports[0]["address"] == {"host": "b2.example"}
    assert ports[1] == {"id": "p-1", "rank": 1, "address": {"host": "a.example", "family": "v4"}, "token": "******",
                        "mode": "SAFE", "deviceOnly": 1}
    assert ports[2]["extra"] == "skeleton"
    assert DEVICE_THING["ports"][0]["mode"] == "FAST"  # the base is not modified


def test_match_by_position_without_key():
    positional = FieldMap([Field("host", "host")])
    current = [{"id": "a", "host": "x"}]
    assert positional.match([{"host": "y"}, {"host": "z"}], current, REFS) == [current[0], None]
    body = positional.list_to_api([{"host": "y"}, {"host": "z"}], current, REFS, "w")
    assert body == [{"id": "a", "host": "y"}, {"host": "z"}]


def test_to_api_clears_unset_option_on_existing_object_but_never_secrets():
    item = {"name": "one", "state": "on", "other": None, "friends": [], "password": None, "kind": "zixi",
            "zixi_port": None, "ports": [{"rank": 1, "host": None, "token": None, "mode": "fast"}]}
    body = THING.to_api(item, REFS, DEVICE_THING, "config[0]")
    assert body["otherId"] is None
    assert body["zixi"] == {"port": None}
    assert body["password"] == "******"
    assert body["ports"][0]["address"] == {"host": None, "family": "v4"}
    assert body["ports"][0]["token"] == "******"
    # a field that does not apply (when) is left alone, as is a field absent on the device
    assert body["slate"] == {"imageId": "i-1"}
    assert "ports" in body and len(body["ports"]) == 1


def test_to_api_none_on_new_object_is_not_written():
    body = FieldMap([Field("a"), Field("b", "x.y")]).to_api({"a": None, "b": None}, REFS)
    assert body == {}


def test_to_api_none_with_custom_write_is_left_to_the_field():
    fmap = FieldMap([Field("combo", "combo", write=lambda obj, value, refs, where: obj.update(combo=value))])
    assert fmap.to_api({"combo": None}, REFS, {"combo": 3}) == {"combo": 3}


def test_when_conditions_in_from_api_and_complete():
    slate = dict(DEVICE_THING, kind="SLATE")
    item = THING.from_api(slate, REFS)
    assert item["zixi_port"] is None and item["slate_image"] == "logo.png"
    done = THING.complete({"name": "x", "kind": "slate", "zixi_port": 1}, None)
    assert done["zixi_port"] is None and done["slate_image"] is None
    done = THING.complete({"name": "x", "kind": "zixi"}, None)
    assert done["zixi_port"] == 2088


def test_complete_from_defaults():
    done = THING.complete({"name": "x", "ports": [{"rank": 1}]}, None)
    assert done == {"name": "x", "state": "off", "other": None, "friends": [], "password": None, "kind": None,
                    "zixi_port": None, "slate_image": None,
                    "ports": [{"rank": 1, "host": None, "token": None, "mode": "safe"}]}


def test_complete_defaults_are_copies():
    first = THING.complete({"name": "x"}, None)
    first["friends"].append("alpha")
    assert THING.complete({"name": "y"}, None)["friends"] == []


def test_complete_from_fallback_including_nested_by_key():
    have = THING.from_api(DEVICE_THING, REFS)
    done = THING.complete({"name": "one", "ports": [{"rank": 2, "host": "new"}, {"rank": 9}]}, have)
    assert done["state"] == "on" and done["other"] == "alpha" and done["friends"] == ["beta"]
    assert done["zixi_port"] == 2077
    assert done["ports"] == [{"rank": 2, "host": "new", "token": None, "mode": "safe"},
                             {"rank": 9, "host": None, "token": None, "mode": "safe"}]
    # the fallback wins over the default: a value unset on the device stays unset
    assert THING.complete({"name": "one"}, dict(have, state=None))["state"] is None


def test_complete_nested_with_fallback_without_list():
    have = dict(THING.from_api(DEVICE_THING, REFS), ports=None)
    done = THING.complete({"name": "one", "ports": [{"rank": 1}]}, have)
    assert done["ports"] == [{"rank": 1, "host": None, "token": None, "mode": "safe"}]


def test_complete_list_positional():
    positional = FieldMap([Field("host"), Field("mode", default="m")])
    assert positional.complete_list([{"host": "a"}, {}], [{"host": "x", "mode": "keep"}]) == [
        {"host": "a", "mode": "keep"}, {"host": None, "mode": "m"}]
    assert positional.complete_list([{}], None) == [{"host": None, "mode": "m"}]


def test_strip_and_has_secrets():
    item = {"name": "x", "password": "pw", "ports": [{"rank": 1, "token": "tk", "host": "h"}]}
    stripped = THING.strip_secrets(item)
    assert stripped["password"] is None
    assert stripped["ports"] == [{"rank": 1, "host": "h", "token": None, "mode": None}]
    assert item["password"] == "pw" and item["ports"][0]["token"] == "tk"
    assert THING.has_secrets(item)
    assert THING.has_secrets({"name": "x", "ports": [{"token": "tk"}]})
    assert not THING.has_secrets(stripped)
    assert not THING.has_secrets({"name": "x", "ports": None})


def test_argument_spec():
    spec = THING.argument_spec()
    assert spec["name"] == {"type": "str"}
    assert spec["state"] == {"type": "str", "choices": ["on", "off"]}
    assert spec["friends"] == {"type": "list", "elements": "str"}
    assert spec["other"] == {"type": "str"}
    assert spec["password"] == {"type": "str", "no_log": True}
    assert spec["zixi_port"] == {"type": "int"}
    assert spec["ports"] == {"type": "list", "elements": "dict", "options": {
        "rank": {"type": "int"}, "host": {"type": "str"}, "token": {"type": "str", "no_log": True},
        "mode": {"type": "str", "choices": ["fast", "safe"]}}}
    assert "default" not in spec["state"]


def test_reference_kinds_include_nested_once():
    nested = FieldMap([Field("image", ref="images"), Field("peer", ref="others")])
    fmap = FieldMap([Field("a", ref="others"), Field("b", ref="others", many=True), Field("subs", nested=nested)])
    assert fmap.reference_kinds() == ["others", "images"]
    assert THING.reference_kinds() == ["others", "images"]


# ---------------------------------------------------------------------------------------------- snake_case
@pytest.mark.parametrize("name, expected", [
    ("ipAddress", "ip_address"),
    ("uplinkState", "uplink_state"),
    ("cpuUsage", "cpu_usage"),
    ("HTTPSPort", "https_port"),
    ("httpsPort", "https_port"),
    ("userID", "user_id"),
    ("ID", "id"),
    ("getHTTPResponseCode", "get_http_response_code"),
    ("already_snake", "already_snake"),
    ("ip_Address", "ip_address"),
    ("Name", "name"),
    ("ipv4Address", "ipv4_address"),
    ("", ""),
])
def test_snake(name, expected):
    assert snake(name) == expected


def test_snake_keys_recursive_values_untouched():
    value = {"uplinkState": "LOST", "uplinkStatistic": {"outputList": [{"bitRate": 1, "ipAddress": "camelValue"}]},
             1: "intKey", "tags": ["keepCase"]}
    assert snake_keys(value) == {"uplink_state": "LOST", "uplink_statistic": {"output_list": [{"bit_rate": 1, "ip_address": "camelValue"}]},
                                 "1": "intKey", "tags": ["keepCase"]}
    assert snake_keys("plainString") == "plainString"
