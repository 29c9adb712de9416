# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Unit tests of plugins/module_utils/dms/resources.py: weekday, date and time spellings, schedules, field maps and
normalisers on small in-memory fakes, then every spec through the ResourceEngine against the DMS simulator (merged,
replaced and gathered round trips, each idempotent: the second run plans nothing and writes nothing)."""

from __future__ import annotations

import copy
import datetime

import pytest

from ansible_collections.broadcast.video.plugins.module_utils.dms.client import DmsClient
from ansible_collections.broadcast.video.plugins.module_utils.dms.resources import (
    AUTHORIZATION_FIELDS, AUTHORIZATIONS, DESTINATION_FIELDS, DESTINATIONS, DEVICE_FIELDS, DEVICES, GROUP_FIELDS, GROUPS,
    SCHEDULE_API, SCHEDULE_OPTIONS, WEEKDAYS, _normalize_authorization, _normalize_device, _read_entitlements,
    _read_schedule, _read_target, _sorted_names, _validate_destination, _write_schedule, _write_target,
    normalize_schedule, weekday)
from ansible_collections.broadcast.video.plugins.module_utils.errors import ValidationError
from ansible_collections.broadcast.video.plugins.module_utils.fields import References
from ansible_collections.broadcast.video.plugins.module_utils.resource import ResourceClient, ResourceEngine

WHERE = "config[0].schedule"
REFS = References({"groups": [("sports", "grp-0011"), ("hotels", "grp-0014"), ("news", "grp-0012")]})
SCHEDULE = {"start_date": "2026-12-01", "end_date": "2026-12-31", "start_time": "18:00", "end_time": "23:30",
            "weekdays": ["FRI", "SAT", "SUN"]}
API_SCHEDULE = {"startDate": "2026-12-01", "endDate": "2026-12-31", "startTime": "18:00", "endTime": "23:30",
                "weekdays": ["FRI", "SAT", "SUN"]}


# ---------------------------------------------------------------------------------------------- weekdays
@pytest.mark.parametrize("value, expected", [
    ("MON", "MON"), ("mon", "MON"), (" Fri ", "FRI"), ("Monday", "MON"), ("wednesday", "WED"), ("SUNDAY", "SUN"),
    ("Thursday", "THU"), ("sat", "SAT"), ("tUeSdAy", "TUE"),
])
def test_weekday_spellings(value, expected):
    assert weekday(value, WHERE) == expected


@pytest.mark.parametrize("value", ["FUN", "Mondays", "", "M", 1, None, "THURS"])
def test_weekday_refuses(value):
    with pytest.raises(ValidationError) as info:
        weekday(value, "config[1].schedule.weekdays[2]")
    assert str(info.value) == ("config[1].schedule.weekdays[2]: %r is not a weekday; use MON, TUE, WED, THU, FRI, SAT, "
                               "SUN (or full day names)" % (value,))


def test_weekdays_constant_and_schedule_options():
    assert WEEKDAYS == ("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN")
    assert SCHEDULE_OPTIONS["start_date"]["required"] is True and SCHEDULE_OPTIONS["end_date"]["required"] is True
    assert SCHEDULE_OPTIONS["start_time"]["default"] == "00:00" and SCHEDULE_OPTIONS["end_time"]["default"] == "23:59"
    assert SCHEDULE_OPTIONS["weekdays"] == {"type": "list", "elements": "str"}
    assert SCHEDULE_API == {"start_date": "startDate", "end_date": "endDate", "start_time": "startTime",
                            "end_time": "endTime", "weekdays": "weekdays"}


# ---------------------------------------------------------------------------------------------- schedules
@pytest.mark.parametrize("weekdays, expected", [
    (None, list(WEEKDAYS)),
    ("", list(WEEKDAYS)),
    ([], list(WEEKDAYS)),
    (["SUN", "FRI", "SAT"], ["FRI", "SAT", "SUN"]),
    (["friday", "Saturday", "sun"], ["FRI", "SAT", "SUN"]),
    ("fri;mon", ["MON", "FRI"]),
    ("MON,WED", ["MON", "WED"]),
    ("Mon Wed  Fri", ["MON", "WED", "FRI"]),
    (["MON;FRI"], ["MON", "FRI"]),  # Ansible's list type splits on commas only
    (["WED", "wed", "Wednesday"], ["WED"]),
    (("tue", "MON"), ["MON", "TUE"]),
    ([""], list(WEEKDAYS)),  # weekdays: "" as Ansible's list type gives it: left out, like ""
    (" ; ", list(WEEKDAYS)),
])
def test_normalize_schedule_weekdays(weekdays, expected):
    result = normalize_schedule(dict(SCHEDULE, weekdays=weekdays), WHERE)
    assert result["weekdays"] == expected


@pytest.mark.parametrize("start, end, expected", [
    ("2026-12-01", "2026-12-31", ("2026-12-01", "2026-12-31")),
    ("2026-12-01T18:00:00Z", "2026-12-31 23:00", ("2026-12-01", "2026-12-31")),
    (datetime.date(2026, 12, 1), datetime.datetime(2026, 12, 1, 8, 0), ("2026-12-01", "2026-12-01")),
    ("20261201", "2026-12-01", ("2026-12-01", "2026-12-01")),
])
def test_normalize_schedule_dates(start, end, expected):
    result = normalize_schedule(dict(SCHEDULE, start_date=start, end_date=end), WHERE)
    assert (result["start_date"], result["end_date"]) == expected


@pytest.mark.parametrize("changes, message", [
    ({"start_date": None}, "config[0].schedule.start_date is required in a schedule (YYYY-MM-DD)"),
    ({"end_date": ""}, "config[0].schedule.end_date is required in a schedule (YYYY-MM-DD)"),
    ({"start_date": "tomorrow"}, "config[0].schedule.start_date: 'tomorrow' is not a date; give YYYY-MM-DD"),
    ({"end_date": "2026-02-30"}, "config[0].schedule.end_date: '2026-02-30' is not a date; give YYYY-MM-DD"),
    ({"start_date": "2027-01-01"}, "config[0].schedule: end_date 2026-12-31 is before start_date 2027-01-01"),
    ({"start_time": "24:00"}, "config[0].schedule.start_time: '24:00' is not a time of day; give HH:MM (24 h)"),
    ({"end_time": "6pm"}, "config[0].schedule.end_time: '6pm' is not a time of day; give HH:MM (24 h)"),
    ({"end_time": "18:30:15"}, "config[0].schedule.end_time: '18:30:15' is not a time of day; give HH:MM (24 h)"),
    ({"weekdays": ["MON;FUN"]}, "config[0].schedule.weekdays[1]: 'FUN' is not a weekday; use MON, TUE, WED, THU, FRI, "
                                "SAT, SUN (or full day names)"),
])
def test_normalize_schedule_refuses(changes, message):
    with pytest.raises(ValidationError) as info:
        normalize_schedule(dict(SCHEDULE, **changes), WHERE)
    assert str(info.value) == message


@pytest.mark.parametrize("start, end, expected", [
    (None, None, ("00:00", "23:59")),
    ("", "", ("00:00", "23:59")),
    ("8:00", "9:05", ("08:00", "09:05")),
    ("18:00:00", " 23:30 ", ("18:00", "23:30")),
    ("00:00", "23:59", ("00:00", "23:59")),
])
def test_normalize_schedule_times(start, end, expected):
    result = normalize_schedule({"start_date": "2026-12-01", "end_date": "2026-12-01", "start_time": start,
                                 "end_time": end}, WHERE)
    assert (result["start_time"], result["end_time"]) == expected
    assert result == {"start_date": "2026-12-01", "end_date": "2026-12-01", "start_time": expected[0],
                      "end_time": expected[1], "weekdays": list(WEEKDAYS)}


def test_normalize_schedule_does_not_change_its_input():
    given = {"start_date": "2026-12-01", "end_date": "2026-12-31", "weekdays": "sun;fri"}
    kept = copy.deepcopy(given)
    assert normalize_schedule(given, WHERE)["weekdays"] == ["FRI", "SUN"]
    assert given == kept


# ---------------------------------------------------------------------------------------------- authorization fields
def test_read_schedule():
    assert _read_schedule({"type": "schedule", "schedule": API_SCHEDULE}, REFS) == SCHEDULE
    assert _read_schedule({"type": "standard", "schedule": API_SCHEDULE}, REFS) is None
    assert _read_schedule({"type": "schedule", "schedule": None}, REFS) is None
    assert _read_schedule({"type": "schedule", "schedule": "daily"}, REFS) is None
    shuffled = dict(API_SCHEDULE, weekdays=["SUN", "FRI", "XYZ"])
    assert _read_schedule({"type": "schedule", "schedule": shuffled}, REFS)["weekdays"] == ["FRI", "SUN"]
    odd = dict(API_SCHEDULE, weekdays="FRI")
    assert _read_schedule({"type": "schedule", "schedule": odd}, REFS)["weekdays"] == "FRI"
    assert _read_schedule({"type": "schedule", "schedule": {}}, REFS) == {
        "start_date": None, "end_date": None, "start_time": None, "end_time": None, "weekdays": None}


def test_write_schedule_sets_the_type_and_clears_it():
    obj = {"type": "standard", "schedule": None}
    _write_schedule(obj, SCHEDULE, REFS, WHERE)
    assert obj == {"type": "schedule", "schedule": API_SCHEDULE}
    _write_schedule(obj, None, REFS, WHERE)
    assert obj == {"type": "standard", "schedule": None}
    obj = {"type": "schedule", "schedule": API_SCHEDULE}
    _write_schedule(obj, {}, REFS, WHERE)
    assert obj == {"type": "standard", "schedule": None}


def test_read_and_write_target_by_type():
    assert _read_target({"targetType": "group", "targetId": "grp-0011"}, REFS) == "sports"
    assert _read_target({"targetType": "group", "targetId": "grp-9999"}, REFS) == "grp-9999"  # dangling: the id
    assert _read_target({"targetType": "device", "targetId": "dev-000001"}, REFS) == "dev-000001"
    obj = {"targetType": "group"}
    _write_target(obj, "hotels", REFS, "config[3]")
    assert obj == {"targetType": "group", "targetId": "grp-0014"}
    obj = {"targetType": "device"}
    _write_target(obj, "dev-000007", REFS, "config[3]")
    assert obj == {"targetType": "device", "targetId": "dev-000007"}
    with pytest.raises(ValidationError) as info:
        _write_target({"targetType": "group"}, "movies", REFS, "config[3]")
    assert str(info.value) == ("config[3].target: no group named 'movies' exists on the device (known: 'hotels', "
                               "'news', 'sports')")


def test_read_entitlements_sorted():
    assert _read_entitlements({"entitlements": ["ESPN-HD", "CNN-INTL", 7]}, REFS) == ["7", "CNN-INTL", "ESPN-HD"]
    assert _read_entitlements({"entitlements": None}, REFS) is None
    assert _read_entitlements({}, REFS) is None


def test_normalize_authorization():
    item = {"name": "a", "entitlements": ["b", "a", "b"], "schedule": {"start_date": "2026-12-01",
                                                                       "end_date": "2026-12-02", "weekdays": "sun;mon"}}
    result = _normalize_authorization(item, "config[2]")
    assert result["entitlements"] == ["a", "b"]
    assert result["schedule"] == {"start_date": "2026-12-01", "end_date": "2026-12-02", "start_time": "00:00",
                                  "end_time": "23:59", "weekdays": ["MON", "SUN"]}
    assert item["entitlements"] == ["b", "a", "b"]  # the input is not changed
    assert _normalize_authorization({"name": "a", "entitlements": None, "schedule": None}, "c") == {
        "name": "a", "entitlements": None, "schedule": None}
    assert _normalize_authorization({"name": "a"}, "c") == {"name": "a"}
    with pytest.raises(ValidationError, match=r"^config\[2\]\.schedule\.start_date is required"):
        _normalize_authorization({"name": "a", "schedule": {"end_date": "2026-12-01"}}, "config[2]")


def test_authorization_fields_from_and_to_api():
    api = {"id": "auth-0006", "name": "hotels-weekend-sports", "targetType": "group", "targetId": "grp-0014",
           "entitlements": ["EUROSPORT-2", "ESPN-HD"], "enabled": True, "type": "schedule", "schedule": API_SCHEDULE}
    item = AUTHORIZATION_FIELDS.from_api(api, REFS)
    assert item == {"name": "hotels-weekend-sports", "target_type": "group", "target": "hotels",
                    "entitlements": ["ESPN-HD", "EUROSPORT-2"], "enabled": True, "schedule": SCHEDULE}
    new = AUTHORIZATION_FIELDS.to_api(AUTHORIZATIONS.fields.complete({"name": "n", "target": "news"}, None), REFS)
    assert new == {"type": "standard", "schedule": None, "name": "n", "targetType": "group", "targetId": "grp-0012",
                   "entitlements": [], "enabled": True}
    spec = AUTHORIZATION_FIELDS.argument_spec()
    assert spec["schedule"] == {"type": "dict", "options": SCHEDULE_OPTIONS}
    assert spec["target_type"] == {"type": "str", "choices": ["group", "device"]}
    assert spec["entitlements"] == {"type": "list", "elements": "str"}
    assert AUTHORIZATIONS.required == ("target",) and AUTHORIZATIONS.label == "authorization set"
    assert AUTHORIZATION_FIELDS.reference_kinds() == ["groups"]


def test_replaced_without_schedule_clears_it():
    current = {"id": "auth-0006", "name": "s", "targetType": "group", "targetId": "grp-0014", "entitlements": [],
               "enabled": True, "type": "schedule", "schedule": API_SCHEDULE}
    desired = AUTHORIZATION_FIELDS.complete({"name": "s", "target": "hotels"}, None)
    assert desired["schedule"] is None
    body = AUTHORIZATION_FIELDS.to_api(desired, REFS, current)
    assert body["type"] == "standard" and body["schedule"] is None and body["id"] == "auth-0006"
    # merged keeps the current schedule
    kept = AUTHORIZATION_FIELDS.complete({"name": "s"}, AUTHORIZATION_FIELDS.from_api(current, REFS))
    assert AUTHORIZATION_FIELDS.to_api(kept, REFS, current) == current


# ---------------------------------------------------------------------------------------------- devices, groups, destinations
def test_sorted_names_and_normalize_device():
    read = _sorted_names("groups")
    assert read({"groups": ["grp-0014", "grp-0011", "grp-0077"]}, REFS) == ["grp-0077", "hotels", "sports"]
    assert read({"groups": None}, REFS) is None and read({}, REFS) is None
    assert _normalize_device({"id": "d", "groups": ["sports", "hotels", "sports"]}, "c") == {
        "id": "d", "groups": ["hotels", "sports"]}
    assert _normalize_device({"id": "d", "groups": None}, "c") == {"id": "d", "groups": None}
    assert _normalize_device({"id": "d"}, "c") == {"id": "d"}


def test_device_fields():
    api = {"id": "dev-000005", "serialNumber": "PV1", "customDescription": "Sports bar", "location": "",
           "groups": ["grp-0014", "grp-0011"], "allowScheduleAuthorization": False}
    assert DEVICE_FIELDS.from_api(api, REFS) == {"id": "dev-000005", "custom_description": "Sports bar", "location": "",
                                                 "groups": ["hotels", "sports"], "allow_schedule_authorization": False}
    merged = DEVICE_FIELDS.complete({"id": "dev-000005", "custom_description": "Bar", "groups": ["news"]},
                                    DEVICE_FIELDS.from_api(api, REFS))
    assert DEVICE_FIELDS.to_api(merged, REFS, api) == dict(api, customDescription="Bar", groups=["grp-0012"])
    replaced = DEVICE_FIELDS.complete({"id": "dev-000005"}, None)
    assert DEVICE_FIELDS.to_api(replaced, REFS, api) == dict(api, customDescription="", groups=[])
    assert DEVICES.key == "id" and DEVICES.label == "device" and DEVICES.create_error.startswith(
        "DMS devices register themselves with DMS and cannot be created through its API")
    assert DEVICE_FIELDS.argument_spec()["groups"] == {"type": "list", "elements": "str"}


def test_group_fields():
    api = {"id": "grp-0014", "name": "hotels", "description": "", "allowScheduleAuthorization": True, "deviceCount": 7}
    assert GROUP_FIELDS.from_api(api, REFS) == {"name": "hotels", "description": "", "allow_schedule_authorization": True}
    assert GROUPS.kind == "groups" and GROUPS.key == "name" and GROUPS.fields is GROUP_FIELDS


@pytest.mark.parametrize("item", [
    {"address": "239.10.1.1", "port": 5000}, {"address": "2001:db8::10", "port": 1}, {"address": None, "port": None},
    {"port": "65535"}, {},
])
def test_validate_destination_ok(item):
    assert _validate_destination(item, "config[0]") is None


@pytest.mark.parametrize("item, message", [
    ({"address": "headend.example.com", "port": 5000},
     "config[0]: address 'headend.example.com' is not an IPv4 or IPv6 address"),
    ({"address": "239.10.1.256"}, "config[0]: address '239.10.1.256' is not an IPv4 or IPv6 address"),
    ({"address": "239.10.1.1", "port": 0}, "config[0]: port 0 is not allowed; give 1 to 65535"),
    ({"port": 70000}, "config[0]: port 70000 is not allowed; give 1 to 65535"),
])
def test_validate_destination_refuses(item, message):
    with pytest.raises(ValidationError) as info:
        _validate_destination(item, "config[0]")
    assert str(info.value) == message


def test_destination_fields():
    assert DESTINATION_FIELDS.argument_spec()["protocol"] == {"type": "str", "choices": ["udp", "rtp", "srt"]}
    assert DESTINATION_FIELDS.argument_spec()["port"] == {"type": "int"}
    assert DESTINATIONS.required == ("address", "port")
    desired = DESTINATION_FIELDS.complete({"name": "d", "address": "10.0.0.1", "port": 1234}, None)
    assert desired == {"name": "d", "description": "", "address": "10.0.0.1", "port": 1234, "protocol": "udp",
                       "enabled": True}


# ---------------------------------------------------------------------------------------------- engine on a fake
class Fake(ResourceClient):
    """An in-memory DMS: items by kind, DmsClient's naming and request shapes, recorded writes."""

    def __init__(self, data):
        self.data = copy.deepcopy(data)
        self.dms = DmsClient({}, offline=True)
        self.kind_labels = self.dms.kind_labels
        self.writes = []
        self.declared = []

    def list_items(self, kind):
        return copy.deepcopy(self.data.get(kind, []))

    def list_declared(self, kind, names):
        self.declared.append((kind, list(names)))
        return self.list_items(kind)

    def item_name(self, kind, obj):
        return self.dms.item_name(kind, obj)

    def write_request(self, kind, operation, ident):
        return self.dms.write_request(kind, operation, ident)

    def create_item(self, kind, body):
        self.writes.append(("create", kind, body))
        return body

    def update_item(self, kind, ident, body, current=None):
        self.writes.append(("update", kind, ident, body))
        return body

    def delete_item(self, kind, ident, current=None):
        self.writes.append(("delete", kind, ident))


DATA = {
    "groups": [{"id": "grp-0011", "name": "sports", "allowScheduleAuthorization": True},
               {"id": "grp-0014", "name": "hotels", "allowScheduleAuthorization": True}],
    "authorizations": [{"id": "auth-0006", "name": "weekend", "targetType": "group", "targetId": "grp-0014",
                        "entitlements": ["ESPN-HD", "EUROSPORT-2"], "enabled": True, "type": "schedule",
                        "schedule": API_SCHEDULE}],
    "devices": [{"id": "dev-000005", "customDescription": "", "location": "", "groups": ["grp-0014", "grp-0011"],
                 "allowScheduleAuthorization": False}],
}


def test_engine_replaced_without_schedule_makes_a_standard_set():
    fake = Fake(DATA)
    result = ResourceEngine(fake, AUTHORIZATIONS).run("replaced", [
        {"name": "weekend", "target": "hotels", "entitlements": ["EUROSPORT-2", "ESPN-HD"]}])
    (write,) = fake.writes
    assert write[:3] == ("update", "authorizations", "auth-0006")
    assert write[3]["type"] == "standard" and write[3]["schedule"] is None
    assert result["operations"][0].after == {"name": "weekend", "target_type": "group", "target": "hotels",
                                             "entitlements": ["ESPN-HD", "EUROSPORT-2"], "enabled": True}
    assert fake.declared == [("authorizations", ["weekend"])]


def test_engine_merged_schedule_spellings_are_no_change():
    fake = Fake(DATA)
    result = ResourceEngine(fake, AUTHORIZATIONS).run("merged", [
        {"name": "weekend", "entitlements": ["EUROSPORT-2", "ESPN-HD", "ESPN-HD"],
         "schedule": {"start_date": "2026-12-01T00:00:00", "end_date": "2026-12-31", "start_time": "18:00:00",
                      "end_time": "23:30", "weekdays": "sunday;Friday;sat"}}])
    assert result["changed"] is False and fake.writes == []


def test_engine_device_group_order_is_no_change_and_create_is_refused():
    fake = Fake(DATA)
    result = ResourceEngine(fake, DEVICES).run("merged", [{"id": "dev-000005", "groups": ["sports", "hotels"]}])
    assert result["changed"] is False and fake.writes == []
    assert fake.declared == [("devices", ["dev-000005"])]
    with pytest.raises(ValidationError) as info:
        ResourceEngine(fake, DEVICES).run("merged", [{"id": "dev-999999", "location": "x"}])
    assert str(info.value).startswith("config[0] (device 'dev-999999'): DMS devices register themselves with DMS and "
                                      "cannot be created through its API")


# ---------------------------------------------------------------------------------------------- engine on the simulator
@pytest.fixture
def engine(dms_sim):
    """``engine(spec, check_mode=False, **options) -> ResourceEngine`` on a fresh DmsClient (closed after the test)."""
    clients = []

    def make(spec, check_mode=False, **extra):
        client = DmsClient(dms_sim.connection(**extra), check_mode=check_mode)
        clients.append(client)
        return ResourceEngine(client, spec, check_mode=check_mode)

    yield make
    for client in clients:
        client.close()


def run_twice(engine, dms_sim, spec, state, config):
    """Run ``state`` twice: returns the first result; the second must plan and write nothing."""
    dms_sim.control("DELETE", "requests")
    first = engine(spec).run(state, config)
    writes = dms_sim.writes()
    dms_sim.control("DELETE", "requests")
    second = engine(spec).run(state, config)
    assert second["changed"] is False and second["operations"] == [] and second["requests"] == []
    assert dms_sim.writes() == []
    assert second["before"] == second["after"]
    first["writes"] = writes
    first["second"] = second
    return first


def gathered(engine, spec):
    return engine(spec).run("gathered", None)["gathered"]


def by(items, key, value):
    (item,) = [i for i in items if i.get(key) == value]
    return item


def test_devices_merged_replaced_gathered(engine, dms_sim):
    location = by(dms_sim.state()["devices"], "id", "dev-000002")["location"]
    config = [{"id": "dev-000002", "custom_description": "Lobby screen", "groups": ["sports", "region-coastal", "hotels"],
               "allow_schedule_authorization": True}]
    first = run_twice(engine, dms_sim, DEVICES, "merged", config)
    assert first["changed"] is True and first["writes"] == [("PATCH", "/api/v1/devices/dev-000002")]
    assert location and first["after"] == [{
        "id": "dev-000002", "custom_description": "Lobby screen", "location": location,
        "groups": ["hotels", "region-coastal", "sports"], "allow_schedule_authorization": True}]
    # only the declared device is read (by id), never the whole device list
    assert [q.get("id") for q in dms_sim.queries("/api/v1/devices")] == ["dev-000002"]
    replaced = run_twice(engine, dms_sim, DEVICES, "replaced", [{"id": "dev-000002", "location": "Rack 4"}])
    assert replaced["after"] == [{"id": "dev-000002", "custom_description": "", "location": "Rack 4", "groups": [],
                                  "allow_schedule_authorization": False}]
    devices = gathered(engine, DEVICES)
    assert len(devices) == dms_sim.devices and by(devices, "id", "dev-000002") == replaced["after"][0]
    # gathered, fed back as replaced, changes nothing
    dms_sim.control("DELETE", "requests")
    again = engine(DEVICES).run("replaced", devices)
    assert again["changed"] is False and dms_sim.writes() == []


def test_devices_check_mode_plans_without_writing(engine, dms_sim):
    result = engine(DEVICES, check_mode=True).run("merged", [{"id": "dev-000003", "location": "Rack 9"}])
    assert result["changed"] is True and result["requests"] == [
        {"method": "PATCH", "path": "/api/v1/devices/dev-000003", "item": "dev-000003", "operation": "update"}]
    assert dms_sim.writes() == []


def test_groups_merged_replaced_gathered(engine, dms_sim):
    config = [{"name": "lab", "description": "Lab receivers"}, {"name": "hotels", "description": "Hotels and bars"}]
    first = run_twice(engine, dms_sim, GROUPS, "merged", config)
    assert sorted(first["writes"]) == [("PATCH", "/api/v1/groups/grp-0014"), ("POST", "/api/v1/groups")]
    assert by(first["after"], "name", "hotels") == {"name": "hotels", "description": "Hotels and bars",
                                                    "allow_schedule_authorization": True}
    replaced = run_twice(engine, dms_sim, GROUPS, "replaced", [{"name": "lab", "allow_schedule_authorization": True}])
    assert by(replaced["after"], "name", "lab") == {"name": "lab", "description": "", "allow_schedule_authorization": True}
    groups = gathered(engine, GROUPS)
    assert len(groups) == 17 and by(groups, "name", "lab") == by(replaced["after"], "name", "lab")
    assert engine(GROUPS).run("replaced", groups)["changed"] is False


def test_authorizations_merged_replaced_gathered(engine, dms_sim):
    schedule = {"start_date": "2026-12-24", "end_date": "2027-01-02", "start_time": "8:00", "weekdays": "sat;sun"}
    config = [{"name": "holiday-sports", "target": "sports", "entitlements": ["ESPN-HD", "EUROSPORT-1"],
               "schedule": schedule},
              {"name": "lobby-news", "target_type": "device", "target": "dev-000023", "entitlements": ["CNN-INTL"],
               "schedule": dict(schedule, end_time="20:00:00")},
              {"name": "news-package", "entitlements": ["BBC-WORLD", "CNN-INTL"]}]
    first = run_twice(engine, dms_sim, AUTHORIZATIONS, "merged", config)
    assert sorted(first["writes"]) == [("PATCH", "/api/v1/authorizations/auth-0002"),
                                       ("POST", "/api/v1/authorizations"), ("POST", "/api/v1/authorizations")]
    state = {a["name"]: a for a in dms_sim.state()["authorizations"]}
    assert state["holiday-sports"]["schedule"] == {"startDate": "2026-12-24", "endDate": "2027-01-02", "startTime": "08:00",
                                                   "endTime": "23:59", "weekdays": ["SAT", "SUN"]}
    assert state["holiday-sports"]["type"] == "schedule" and state["holiday-sports"]["targetId"] == "grp-0011"
    assert state["lobby-news"]["targetType"] == "device" and state["lobby-news"]["schedule"]["endTime"] == "20:00"
    assert state["news-package"]["entitlements"] == ["BBC-WORLD", "CNN-INTL"]
    # replaced without schedule: the set becomes a standard one
    replaced = run_twice(engine, dms_sim, AUTHORIZATIONS, "replaced",
                         [{"name": "holiday-sports", "target": "sports", "entitlements": ["ESPN-HD"]}])
    assert replaced["writes"] == [("PATCH", "/api/v1/authorizations/%s" % state["holiday-sports"]["id"])]
    assert by(replaced["after"], "name", "holiday-sports") == {
        "name": "holiday-sports", "target_type": "group", "target": "sports", "entitlements": ["ESPN-HD"],
        "enabled": True}
    stored = by(dms_sim.state()["authorizations"], "name", "holiday-sports")
    assert stored["type"] == "standard" and stored["schedule"] is None
    sets = gathered(engine, AUTHORIZATIONS)
    assert len(sets) == 9 and by(sets, "name", "lobby-evening-news")["target"] == "dev-000001"
    assert by(sets, "name", "hotels-weekend-sports")["schedule"] == {
        "start_date": "2026-12-01", "end_date": "2026-12-31", "start_time": "18:00", "end_time": "23:30",
        "weekdays": ["FRI", "SAT", "SUN"]}
    assert engine(AUTHORIZATIONS).run("replaced", sets)["changed"] is False


def test_authorization_schedule_on_a_group_that_does_not_allow_it(engine, dms_sim):
    config = [{"name": "late-news", "target": "news", "schedule": {"start_date": "2026-12-01", "end_date": "2026-12-02"}}]
    with pytest.raises(ValidationError) as info:
        engine(AUTHORIZATIONS).run("merged", config)
    assert str(info.value).startswith("authorization set 'late-news': a schedule (schedule-based authorization set) "
                                      "is not allowed on group 'news'")
    with pytest.raises(ValidationError, match="target device 'dev-999999' does not exist on the DMS"):
        engine(AUTHORIZATIONS).run("merged", [{"name": "x", "target_type": "device", "target": "dev-999999"}])
    assert dms_sim.writes() == []


def test_destinations_merged_replaced_gathered(engine, dms_sim):
    config = [{"name": "playout-srt", "address": "203.0.113.20", "port": 9001, "protocol": "srt"},
              {"name": "cloud-srt", "enabled": True}]
    first = run_twice(engine, dms_sim, DESTINATIONS, "merged", config)
    assert sorted(first["writes"]) == [("PATCH", "/api/v1/destinations/dst-0003"), ("POST", "/api/v1/destinations")]
    assert by(first["after"], "name", "playout-srt") == {
        "name": "playout-srt", "description": "", "address": "203.0.113.20", "port": 9001, "protocol": "srt",
        "enabled": True}
    replaced = run_twice(engine, dms_sim, DESTINATIONS, "replaced",
                         [{"name": "cloud-srt", "address": "2001:db8::20", "port": 9000}])
    assert by(replaced["after"], "name", "cloud-srt") == {"name": "cloud-srt", "description": "", "address": "2001:db8::20",
                                                          "port": 9000, "protocol": "udp", "enabled": True}
    destinations = gathered(engine, DESTINATIONS)
    assert len(destinations) == 5
    assert engine(DESTINATIONS).run("replaced", destinations)["changed"] is False
    with pytest.raises(ValidationError, match=r"^config\[0\] \(destination 'bad'\): address 'nowhere' is not an IPv4"):
        engine(DESTINATIONS).run("merged", [{"name": "bad", "address": "nowhere", "port": 1}])
