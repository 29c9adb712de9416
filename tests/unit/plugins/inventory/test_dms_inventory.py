# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Unit tests of the pure parts of plugins/inventory/dms.py: device rows, shared strings, the cache text, filter
validation and which cache entries cover a configuration. The plugin against the simulator:
tests/integration/targets/inventory_dms."""

from __future__ import annotations

import pytest
from ansible.errors import AnsibleParserError

from ansible_collections.broadcast.video.plugins.inventory.dms import (
    COLUMNS, FIELDS, GROUPS_AT, INDEX, InventoryModule, device_rows, pack, share, unpack)


def fresh(text):
    """An equal string that is a distinct object (not interned by the compiler)."""
    return "".join(list(text))


def device(number, **changes):
    item = {"id": "dev-%06d" % number, "serialNumber": "PV8130%08d" % number,
            "unitAddress": "000-00000-00000-%03d" % number,
            "model": fresh("ProView 8130"), "firmwareVersion": fresh("11.4.0.0"), "region": fresh("north"),
            "status": fresh("online"), "ipAddress": "10.0.0.%d" % number, "lastSeen": 1793491000 + number,
            "activeAlarmCount": 0, "customDescription": "", "location": "Harbour Road hub",
            "groups": [fresh("grp-0001"), fresh("grp-0011")], "allowScheduleAuthorization": False}
    item.update(changes)
    return item


def plugin(filters):
    module = InventoryModule()
    module.get_option = {"filters": filters}.__getitem__
    return module


def test_device_rows_follow_columns_and_skip_devices_without_id():
    rows = device_rows([device(1), {"serialNumber": "no id"}, {"id": ""}, "not a device", device(2, ipAddress=None)])
    assert [row[0] for row in rows] == ["dev-000001", "dev-000002"]
    assert len(FIELDS) == len(COLUMNS) == len(rows[0])
    assert rows[0] == [device(1)[field] for field in FIELDS]
    assert rows[1][INDEX["ip_address"]] is None


def test_device_rows_missing_fields_are_none_and_groups_always_a_list_of_strings():
    row, other = device_rows([{"id": "dev-000009"}, {"id": "dev-000010", "groups": ["grp-0001", 7, None]}])
    assert row[0] == "dev-000009"
    assert row[1:GROUPS_AT] == [None] * (GROUPS_AT - 1)
    assert row[GROUPS_AT] == []
    assert other[GROUPS_AT] == ["grp-0001"]


def test_share_interns_low_cardinality_strings_and_group_ids_in_place():
    first, second = device_rows([device(1), device(2)])
    for var in ("model", "firmware_version", "region", "status"):
        assert first[INDEX[var]] is second[INDEX[var]], var
    assert all(a is b for a, b in zip(first[GROUPS_AT], second[GROUPS_AT]))
    assert first[INDEX["serial_number"]] != second[INDEX["serial_number"]]
    row = [None] * len(COLUMNS)
    row[GROUPS_AT] = "grp-0001"  # not a list
    assert share(row) is row
    assert row[GROUPS_AT] == []


def test_pack_unpack_round_trip_shares_strings_again():
    rows = device_rows([device(1, customDescription="Sports bar \u00e9t\u00e9 1"), device(2, ipAddress=None)])
    text = pack(rows)
    assert isinstance(text, str) and text.isascii()
    back = unpack(text)
    assert back == rows
    assert back[0][INDEX["model"]] is back[1][INDEX["model"]] is rows[0][INDEX["model"]]
    assert unpack(pack([])) == []


def test_wanted_keeps_string_filters_and_drops_empty_ones():
    assert plugin(None)._wanted() == {}
    assert plugin({})._wanted() == {}
    wanted = plugin({"group": "sports", "region": "", "model": None, "status": "online",
                     "firmware_version": "11.4.0.0"})._wanted()
    assert wanted == {"group": "sports", "status": "online", "firmware_version": "11.4.0.0"}


@pytest.mark.parametrize("filters, message", [
    ({"colour": "red"}, "filters: 'colour' is not a device filter; allowed: group, region, model, status, "
                        "firmware_version"),
    ({"firmware_version": 11}, "filters.firmware_version: 11 is not a string"),
    ({"region": ["north"]}, "filters.region: ['north'] is not a string"),
    ({"status": "Online"}, "filters.status: 'Online' is not allowed; choose online or offline"),
    (["north"], "filters: give a dictionary of group, region, model, status, firmware_version"),
])
def test_wanted_refuses_bad_filters(filters, message):
    with pytest.raises(AnsibleParserError) as info:
        plugin(filters)._wanted()
    assert str(info.value).startswith("broadcast.video.dms: " + message)


def test_cache_covers_only_the_same_filters_in_the_packed_layout():
    module = InventoryModule()
    data = {"format": 1, "filters": {"group": "sports"}, "groups": {"grp-0011": "sports"},
            "rows": device_rows([device(1)])}
    entry = module._cache_entry(data)
    assert "rows" not in entry and isinstance(entry["devices"], str)
    assert module._cache_covers(entry, {"group": "sports"})
    assert not module._cache_covers(entry, {})
    assert not module._cache_covers(entry, {"group": "sports", "status": "online"})
    assert not module._cache_covers(dict(entry, devices=data["rows"]), {"group": "sports"})  # rows not packed
    assert not module._cache_covers({"format": 1, "filters": {"group": "sports"}}, {"group": "sports"})
    assert module._from_cache_entry(entry) == data
