# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""End-to-end tests of the DMS simulator (tests/simulators/serve.py dms) over real HTTP with ``requests``, and of its
pure seed functions (``dms.seed``)."""

from __future__ import annotations

import collections
import ipaddress
import os
import sys
import time

import pytest
import requests

SIMULATORS = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "simulators"))
if SIMULATORS not in sys.path:
    sys.path.insert(0, SIMULATORS)

from dms import seed as dms_seed  # noqa: E402  pylint: disable=wrong-import-position,import-error

LOGIN = {"username": "dmsadmin", "password": "dms-password"}
API = "/api/v1"
PAGE_KEYS = {"items", "page", "pageSize", "totalCount", "totalPages"}
SCHEDULE = {"startDate": "2026-12-01", "endDate": "2026-12-31", "startTime": "18:00", "endTime": "23:30", "weekdays": ["MON", "WED", "FRI"]}


@pytest.fixture(scope="module")
def dms_sim(module_simulators):
    """One default DMS simulator (plain HTTP, 200 devices) shared by this module."""
    return module_simulators("dms")


@pytest.fixture(autouse=True)
def clean(request):
    """Tests using ``dms_sim`` start from the default seed, default switches, an empty request log and no faults."""
    if "dms_sim" in request.fixturenames:
        request.getfixturevalue("dms_sim").reset()


class Client:
    """A logged-in DMS client: ``get/post/patch/delete(path, ...)`` under ``/api/v1`` with the bearer token."""

    def __init__(self, sim, token, verify=True):
        self.sim = sim
        self.token = token
        self.verify = verify

    def call(self, method, path, **kwargs):
        """One request to ``/api/v1`` + ``path``."""
        headers = dict({"Authorization": "Bearer " + self.token}, **kwargs.pop("headers", {}))
        return requests.request(method, self.sim.url + API + path, headers=headers, timeout=30, verify=self.verify, **kwargs)

    def get(self, path, **kwargs):
        """GET."""
        return self.call("GET", path, **kwargs)

    def post(self, path, body=None, **kwargs):
        """POST a JSON body."""
        return self.call("POST", path, json=body, **kwargs)

    def patch(self, path, body=None, **kwargs):
        """PATCH a JSON body."""
        return self.call("PATCH", path, json=body, **kwargs)

    def delete(self, path, **kwargs):
        """DELETE."""
        return self.call("DELETE", path, **kwargs)

    def json(self, path, **params):
        """``GET`` and return the body (asserting 200)."""
        resp = self.get(path, params=params)
        assert resp.status_code == 200, resp.text
        return resp.json()

    def all(self, path, **params):
        """Every item of a paged collection (pages of 1000)."""
        first = self.json(path, pageSize=1000, **params)
        items = list(first["items"])
        for page in range(2, first["totalPages"] + 1):
            items += self.json(path, pageSize=1000, page=page, **params)["items"]
        assert len(items) == first["totalCount"]
        return items


def login(sim, verify=True):
    """Log in with the default account; returns a :class:`Client`."""
    resp = requests.post(sim.url + API + "/auth/login", json=LOGIN, timeout=5, verify=verify)
    assert resp.status_code == 200, resp.text
    return Client(sim, resp.json()["token"], verify=verify)


def state(sim):
    """The ``/__sim__/state`` dump."""
    return requests.get(sim.control("state"), timeout=30).json()


def control(sim, path, body):
    """POST a control call and return its JSON answer (asserting 200)."""
    resp = requests.post(sim.control(path), json=body, timeout=30)
    assert resp.status_code == 200, resp.text
    return resp.json()


def assert_error(resp, status, code, field=None):
    """Assert a DMS error body with this status and code (and ``details.field`` when given)."""
    body = resp.json()
    assert resp.status_code == status and set(body) == {"error"}, resp.text
    assert body["error"]["code"] == code and isinstance(body["error"]["message"], str) and isinstance(body["error"]["details"], dict), resp.text
    if field is not None:
        assert body["error"]["details"].get("field") == field, resp.text
    return body["error"]


# Authentication ---------------------------------------------------------------------------------------------------------
def test_login_logout_and_unauthorized(dms_sim):
    resp = requests.post(dms_sim.url + API + "/auth/login", json=LOGIN, timeout=5)
    assert resp.status_code == 200
    body = resp.json()
    assert set(body) == {"token", "tokenType", "expiresIn"} and body["tokenType"] == "Bearer" and body["expiresIn"] == 3600 and body["token"]
    client = Client(dms_sim, body["token"])
    assert client.get("/system").status_code == 200
    assert_error(requests.post(dms_sim.url + API + "/auth/login", json=dict(LOGIN, password="wrong"), timeout=5), 401, "INVALID_CREDENTIALS")
    assert_error(requests.post(dms_sim.url + API + "/auth/login", json={"username": "dmsadmin"}, timeout=5), 422, "VALIDATION_FAILED", "password")
    assert_error(requests.post(dms_sim.url + API + "/auth/login", data="{", timeout=5), 422, "VALIDATION_FAILED", "body")
    anonymous = requests.get(dms_sim.url + API + "/devices", timeout=5)
    assert_error(anonymous, 401, "UNAUTHORIZED")
    assert anonymous.headers["WWW-Authenticate"].startswith("Bearer")
    assert_error(Client(dms_sim, "not-a-token").get("/devices"), 401, "UNAUTHORIZED")
    assert_error(requests.get(dms_sim.url + API + "/devices", auth=("dmsadmin", "dms-password"), timeout=5), 401, "UNAUTHORIZED")
    out = client.post("/auth/logout")
    assert out.status_code == 204 and out.content == b""
    assert_error(client.get("/system"), 401, "UNAUTHORIZED")
    log = requests.get(dms_sim.control("requests"), timeout=5).json()
    assert [entry["auth"] for entry in log[:3]] == ["none", "bearer", "none"]


def test_expired_tokens(dms_sim):
    client, other = login(dms_sim), login(dms_sim)
    assert client.get("/devices").status_code == 200
    assert requests.post(dms_sim.control("expire-tokens"), timeout=5).status_code == 200
    for expired in (client, other):
        assert_error(expired.get("/devices"), 401, "TOKEN_EXPIRED")
    assert_error(client.post("/auth/logout"), 401, "TOKEN_EXPIRED")
    assert control(dms_sim, "config", {"token_ttl": 1}) == {"endpoint_absent": [], "token_ttl": 1}
    resp = requests.post(dms_sim.url + API + "/auth/login", json=LOGIN, timeout=5)
    assert resp.json()["expiresIn"] == 1
    short = Client(dms_sim, resp.json()["token"])
    assert short.get("/system").status_code == 200
    time.sleep(1.2)
    assert_error(short.get("/system"), 401, "TOKEN_EXPIRED")
    assert login(dms_sim).get("/system").status_code == 200
    assert state(dms_sim)["auth"]["expired"] >= 3
    requests.post(dms_sim.control("reset"), json={}, timeout=5).raise_for_status()
    assert requests.get(dms_sim.control("config"), timeout=5).json()["token_ttl"] == 3600


def test_unknown_routes_and_methods(dms_sim):
    client = login(dms_sim)
    for method, path in (("GET", "/nothing"), ("DELETE", "/devices/dev-000001"), ("POST", "/devices"), ("PATCH", "/alarms"),
                         ("GET", "/devices/commands"), ("PUT", "/groups/grp-0001")):
        assert_error(client.call(method, path), 404, "NOT_FOUND")
    assert_error(requests.get(dms_sim.url + "/", timeout=5), 404, "NOT_FOUND")
    assert_error(requests.get(dms_sim.url + API + "/nothing", timeout=5), 401, "UNAUTHORIZED")
    assert client.get("/devices/").status_code == 200


# Paging -------------------------------------------------------------------------------------------------------------------
def test_paging(dms_sim):
    client = login(dms_sim)
    first = client.json("/devices")
    assert set(first) == PAGE_KEYS and len(first["items"]) == 100
    assert (first["page"], first["pageSize"], first["totalCount"], first["totalPages"]) == (1, 100, 200, 2)
    third = client.json("/devices", pageSize=75, page=3)
    assert (len(third["items"]), third["totalPages"]) == (50, 3) and third["items"][0]["id"] == "dev-000151"
    capped = client.json("/devices", pageSize=5000)
    assert capped["pageSize"] == 1000 and len(capped["items"]) == 200 and capped["totalPages"] == 1
    past = client.json("/devices", page=9)
    assert past["items"] == [] and past["totalCount"] == 200 and past["page"] == 9
    for name, value in (("page", "0"), ("page", "x"), ("pageSize", "-1"), ("pageSize", "ten")):
        assert_error(client.get("/devices", params={name: value}), 422, "VALIDATION_FAILED", name)
    assert_error(client.get("/groups", params={"page": "0"}), 422, "VALIDATION_FAILED", "page")
    ids = [device["id"] for device in client.all("/devices")]
    assert ids == [f"dev-{number:06d}" for number in range(1, 201)]
    groups = client.json("/groups", pageSize=5, page=4)
    assert (len(groups["items"]), groups["totalCount"], groups["totalPages"]) == (1, 16, 4)
    requests.post(dms_sim.control("reset"), json={"empty": True}, timeout=5).raise_for_status()
    for path in ("/groups", "/authorizations", "/destinations"):
        assert client.json(path) == {"items": [], "page": 1, "pageSize": 100, "totalCount": 0, "totalPages": 0}, path


# Devices ------------------------------------------------------------------------------------------------------------------
def test_device_shape_and_filters(dms_sim):
    client = login(dms_sim)
    devices = client.all("/devices")
    assert list(devices[0]) == ["id", "serialNumber", "unitAddress", "model", "firmwareVersion", "region", "status", "ipAddress", "lastSeen",
                                "activeAlarmCount", "customDescription", "location", "groups", "allowScheduleAuthorization"]
    assert devices == dms_seed.generate_devices(200, 1)
    groups = {group["name"]: group for group in client.all("/groups")}
    for name, value in (("region", "north"), ("model", "RD9000"), ("status", "offline"), ("firmwareVersion", "11.3.0.2")):
        expected = [device["id"] for device in devices if device[name] == value]
        assert expected and [device["id"] for device in client.all("/devices", **{name: value})] == expected, name
    sports = groups["sports"]["id"]
    in_sports = [device["id"] for device in devices if sports in device["groups"]]
    assert [device["id"] for device in client.all("/devices", group="sports")] == in_sports and groups["sports"]["deviceCount"] == len(in_sports)
    combined = [device["id"] for device in devices if device["region"] == "central" and device["status"] == "online"
                and groups["region-central"]["id"] in device["groups"]]
    assert [device["id"] for device in client.all("/devices", region="central", status="online", group="region-central")] == combined
    assert client.json("/devices", region="North")["totalCount"] == 0
    assert client.json("/devices", group="no-such-group")["totalCount"] == 0
    assert client.json("/devices", status="online", model="no such model") == {"items": [], "page": 1, "pageSize": 100, "totalCount": 0,
                                                                               "totalPages": 0}
    by_id = client.json("/devices", id="dev-000010, dev-000003,nope,dev-000003,dev-000150")
    assert [device["id"] for device in by_id["items"]] == ["dev-000003", "dev-000010", "dev-000150"] and by_id["totalCount"] == 3
    status = devices[2]["status"]
    assert [d["id"] for d in client.json("/devices", id="dev-000003,dev-000004", status=status)["items"]] == \
        [d["id"] for d in devices[2:4] if d["status"] == status]
    too_many = ",".join(f"dev-{number:06d}" for number in range(1, 1002))
    assert_error(client.get("/devices", params={"id": too_many}), 422, "VALIDATION_FAILED", "id")
    assert client.json("/devices", id=",".join(f"dev-{number:06d}" for number in range(1, 1001)))["totalCount"] == 200
    assert client.json("/devices/dev-000007") == devices[6]
    assert_error(client.get("/devices/dev-999999"), 404, "NOT_FOUND")


def test_device_patch_and_group_membership(dms_sim):
    client = login(dms_sim)
    groups = {group["name"]: group for group in client.all("/groups")}
    device = client.json("/devices/dev-000002")
    news = groups["news"]["id"]
    new_groups = [device["groups"][0], news, news]
    resp = client.patch("/devices/dev-000002", {"customDescription": "Lobby of the Grand Hotel", "location": "Rack 7", "groups": new_groups,
                                                "allowScheduleAuthorization": True})
    assert resp.status_code == 200
    patched = resp.json()
    assert patched == dict(device, customDescription="Lobby of the Grand Hotel", location="Rack 7", groups=[device["groups"][0], news],
                           allowScheduleAuthorization=True)
    assert client.json("/devices/dev-000002") == patched
    assert "dev-000002" in [item["id"] for item in client.all("/devices", group="news")]
    assert client.json("/groups/" + news)["deviceCount"] == groups["news"]["deviceCount"] + (0 if news in device["groups"] else 1)
    assert client.patch("/devices/dev-000002", {"groups": []}).json()["groups"] == []
    assert client.json("/groups/" + news)["deviceCount"] == groups["news"]["deviceCount"] - (1 if news in device["groups"] else 0)
    assert "dev-000002" not in [item["id"] for item in client.all("/devices", group="news")]
    for body, field in (({"groups": ["grp-9999"]}, "groups"), ({"groups": "grp-0001"}, "groups"), ({"status": "offline"}, "status"),
                        ({"firmwareVersion": "11.4.1.0"}, "firmwareVersion"), ({"customDescription": None}, "customDescription"),
                        ({"allowScheduleAuthorization": "yes"}, "allowScheduleAuthorization"), ({"nope": 1}, "nope")):
        assert_error(client.patch("/devices/dev-000002", body), 422, "VALIDATION_FAILED", field)
    assert_error(client.patch("/devices/dev-000002", [1]), 422, "VALIDATION_FAILED", "body")
    assert_error(client.patch("/devices/dev-999999", {"location": "x"}), 404, "NOT_FOUND")
    # dev-000001 is the target of the seeded device schedule set: its flag cannot be turned off
    error = assert_error(client.patch("/devices/dev-000001", {"allowScheduleAuthorization": False}), 409, "CONFLICT", "allowScheduleAuthorization")
    assert error["details"]["authorizations"] == ["auth-0007"]
    assert client.patch("/devices/dev-000001", {"allowScheduleAuthorization": True, "location": "Lobby"}).status_code == 200


# Groups -------------------------------------------------------------------------------------------------------------------
def test_groups_crud(dms_sim):
    client = login(dms_sim)
    groups = client.all("/groups")
    assert [group["name"] for group in groups[:8]] == ["region-" + region for region in dms_seed.REGIONS]
    assert {group["name"] for group in groups[8:]} == set(dms_seed.PACKAGES)
    assert {group["allowScheduleAuthorization"] for group in groups} == {True, False}
    assert set(groups[0]) == {"id", "name", "description", "allowScheduleAuthorization", "deviceCount"}
    assert sum(group["deviceCount"] for group in groups[:8]) == 200
    resp = client.post("/groups", {"name": "vip-lounges", "description": "VIP", "allowScheduleAuthorization": True})
    assert resp.status_code == 201
    created = resp.json()
    assert created == {"id": "grp-0017", "name": "vip-lounges", "description": "VIP", "allowScheduleAuthorization": True, "deviceCount": 0}
    assert resp.headers["Location"] == API + "/groups/grp-0017"
    minimal = client.post("/groups", {"name": "minimal"}).json()
    assert minimal["description"] == "" and minimal["allowScheduleAuthorization"] is False and minimal["id"] == "grp-0018"
    assert_error(client.post("/groups", {"name": "sports"}), 409, "CONFLICT", "name")
    for body, field in (({}, "name"), ({"name": ""}, "name"), ({"name": "x", "description": 3}, "description"),
                        ({"name": "x", "deviceCount": 4}, "deviceCount"), ({"name": "x", "id": "grp-7"}, "id")):
        assert_error(client.post("/groups", body), 422, "VALIDATION_FAILED", field)
    patched = client.patch("/groups/grp-0017", {"description": "VIP lounges"}).json()
    assert patched == dict(created, description="VIP lounges")
    assert_error(client.patch("/groups/grp-0017", {"name": "minimal"}), 409, "CONFLICT", "name")
    assert client.patch("/groups/grp-0017", {"name": "vip"}).json()["name"] == "vip"
    assert client.patch("/devices/dev-000005", {"groups": ["grp-0017"]}).status_code == 200
    assert client.json("/groups/grp-0017")["deviceCount"] == 1 and client.json("/devices", group="vip")["totalCount"] == 1
    deleted = client.delete("/groups/grp-0017")
    assert deleted.status_code == 204 and deleted.content == b""
    assert client.json("/devices/dev-000005")["groups"] == [] and client.json("/devices", group="vip")["totalCount"] == 0
    assert_error(client.get("/groups/grp-0017"), 404, "NOT_FOUND")
    assert_error(client.delete("/groups/grp-0017"), 404, "NOT_FOUND")
    sports = next(group for group in groups if group["name"] == "sports")
    error = assert_error(client.delete("/groups/" + sports["id"]), 409, "CONFLICT")
    assert error["details"]["authorizations"] == ["auth-0001"]
    hotels = next(group for group in groups if group["name"] == "hotels")
    assert_error(client.patch("/groups/" + hotels["id"], {"allowScheduleAuthorization": False}), 409, "CONFLICT", "allowScheduleAuthorization")
    assert client.json("/system")["groupCount"] == 17


# Authorization sets -------------------------------------------------------------------------------------------------------
def test_authorizations_crud_and_schedule_refusal(dms_sim):
    client = login(dms_sim)
    seeded = client.all("/authorizations")
    assert {item["type"] for item in seeded} == {"standard", "schedule"} and {item["targetType"] for item in seeded} == {"group", "device"}
    groups = {group["name"]: group for group in client.all("/groups")}
    north, hotels = groups["region-north"], groups["hotels"]
    assert north["allowScheduleAuthorization"] is False and hotels["allowScheduleAuthorization"] is True
    resp = client.post("/authorizations", {"name": "north-news", "targetType": "group", "targetId": north["id"], "entitlements": ["CNN-INTL"]})
    assert resp.status_code == 201
    created = resp.json()
    assert created == {"id": "auth-0008", "name": "north-news", "targetType": "group", "targetId": north["id"], "entitlements": ["CNN-INTL"],
                       "enabled": True, "type": "standard", "schedule": None}
    assert client.json("/authorizations/auth-0008") == created
    assert_error(client.post("/authorizations", {"name": "north-news", "targetType": "group", "targetId": hotels["id"]}), 409, "CONFLICT", "name")

    refused = {"name": "north-evening", "targetType": "group", "targetId": north["id"], "entitlements": ["ESPN-HD"], "type": "schedule",
               "schedule": SCHEDULE}
    error = assert_error(client.post("/authorizations", refused), 422, "SCHEDULE_NOT_ALLOWED")
    assert error["details"]["targetId"] == north["id"]
    offline_device = next(device for device in client.all("/devices") if not device["allowScheduleAuthorization"])
    assert_error(client.post("/authorizations", dict(refused, targetType="device", targetId=offline_device["id"])), 422, "SCHEDULE_NOT_ALLOWED")
    assert client.json("/authorizations")["totalCount"] == len(seeded) + 1
    assert "north-evening" not in [item["name"] for item in state(dms_sim)["authorizations"]]
    accepted = client.post("/authorizations", dict(refused, targetId=hotels["id"])).json()
    assert accepted["type"] == "schedule" and accepted["schedule"] == SCHEDULE and accepted["id"] == "auth-0009"

    bad = [({"targetType": "group", "targetId": north["id"]}, "name"),
           ({"name": "x", "targetType": "channel", "targetId": north["id"]}, "targetType"),
           ({"name": "x", "targetType": "group", "targetId": "grp-9999"}, "targetId"),
           ({"name": "x", "targetType": "device", "targetId": north["id"]}, "targetId"),
           ({"name": "x", "targetType": "group"}, "targetId"),
           ({"name": "x", "targetType": "group", "targetId": north["id"], "entitlements": "ESPN"}, "entitlements"),
           ({"name": "x", "targetType": "group", "targetId": north["id"], "enabled": "yes"}, "enabled"),
           ({"name": "x", "targetType": "group", "targetId": north["id"], "type": "weekly"}, "type"),
           ({"name": "x", "targetType": "group", "targetId": north["id"], "schedule": SCHEDULE}, "schedule"),
           ({"name": "x", "targetType": "group", "targetId": hotels["id"], "type": "schedule"}, "schedule")]
    for changes, field in (({"weekdays": ["FRI", "MON"]}, "schedule.weekdays"), ({"weekdays": []}, "schedule.weekdays"),
                           ({"weekdays": ["MON", "MON"]}, "schedule.weekdays"), ({"weekdays": ["MONDAY"]}, "schedule.weekdays"),
                           ({"endDate": "2026-11-30"}, "schedule.endDate"), ({"startDate": "2026-02-30"}, "schedule.startDate"),
                           ({"startDate": "01/12/2026"}, "schedule.startDate"), ({"startTime": "24:00"}, "schedule.startTime"),
                           ({"endTime": "7:30"}, "schedule.endTime"), ({"extra": 1}, "schedule.extra")):
        bad.append(({"name": "x", "targetType": "group", "targetId": hotels["id"], "type": "schedule", "schedule": dict(SCHEDULE, **changes)}, field))
    for body, field in bad:
        assert_error(client.post("/authorizations", body), 422, "VALIDATION_FAILED", field)
    overnight = client.post("/authorizations", {"name": "late", "targetType": "group", "targetId": hotels["id"], "type": "schedule",
                                                "schedule": dict(SCHEDULE, startTime="22:00", endTime="02:00", endDate="2026-12-01")})
    assert overnight.status_code == 201, overnight.text

    patched = client.patch("/authorizations/auth-0008", {"entitlements": ["CNN-INTL", "BBC-WORLD"], "enabled": False}).json()
    assert patched == dict(created, entitlements=["CNN-INTL", "BBC-WORLD"], enabled=False)
    assert_error(client.patch("/authorizations/auth-0008", {"type": "schedule", "schedule": SCHEDULE}), 422, "SCHEDULE_NOT_ALLOWED")
    assert client.json("/authorizations/auth-0008")["type"] == "standard"
    moved = client.patch("/authorizations/auth-0008", {"targetId": hotels["id"], "type": "schedule", "schedule": SCHEDULE}).json()
    assert moved["type"] == "schedule" and moved["targetId"] == hotels["id"]
    assert client.patch("/authorizations/auth-0008", {"type": "standard"}).json()["schedule"] is None
    assert_error(client.patch("/authorizations/auth-0008", {"name": "sports-package"}), 409, "CONFLICT", "name")
    assert_error(client.patch("/authorizations/auth-0008", {"id": "auth-1"}), 422, "VALIDATION_FAILED", "id")
    assert_error(client.patch("/authorizations/auth-9999", {"enabled": True}), 404, "NOT_FOUND")
    assert client.delete("/authorizations/auth-0008").status_code == 204
    assert_error(client.get("/authorizations/auth-0008"), 404, "NOT_FOUND")
    assert_error(client.delete("/authorizations/auth-0008"), 404, "NOT_FOUND")
    # once no set targets the sports group, it can go
    assert client.delete("/authorizations/auth-0001").status_code == 204
    assert client.delete("/groups/" + groups["sports"]["id"]).status_code == 204


# Destinations -------------------------------------------------------------------------------------------------------------
def test_destinations_crud(dms_sim):
    client = login(dms_sim)
    seeded = client.all("/destinations")
    assert len(seeded) == 4 and {item["protocol"] for item in seeded} == {"udp", "rtp", "srt"}
    assert any(ipaddress.ip_address(item["address"]).version == 6 for item in seeded)
    resp = client.post("/destinations", {"name": "studio-b", "address": "239.1.1.9", "port": 5500})
    assert resp.status_code == 201
    created = resp.json()
    assert created == {"id": "dst-0005", "name": "studio-b", "description": "", "address": "239.1.1.9", "port": 5500, "protocol": "udp",
                       "enabled": True}
    full = {"name": "v6", "description": "d", "address": "2001:db8::1", "port": 65535, "protocol": "srt", "enabled": False}
    assert client.post("/destinations", full).json() == dict(full, id="dst-0006")
    assert_error(client.post("/destinations", {"name": "studio-b", "address": "239.1.1.9", "port": 1}), 409, "CONFLICT", "name")
    for changes, field in (({"name": None}, "name"), ({"address": "not-an-ip"}, "address"), ({"address": "239.1.1.300"}, "address"),
                           ({"port": 0}, "port"), ({"port": 65536}, "port"), ({"port": "80"}, "port"), ({"port": True}, "port"),
                           ({"protocol": "tcp"}, "protocol"), ({"enabled": 1}, "enabled"), ({"inUse": True}, "inUse")):
        body = {key: value for key, value in {**full, "name": "x", **changes}.items() if value is not None}
        assert_error(client.post("/destinations", body), 422, "VALIDATION_FAILED", field)
    assert_error(client.post("/destinations", {"name": "x", "address": "10.0.0.1"}), 422, "VALIDATION_FAILED", "port")
    patched = client.patch("/destinations/dst-0005", {"port": 6000, "protocol": "rtp"}).json()
    assert patched == dict(created, port=6000, protocol="rtp")
    assert_error(client.patch("/destinations/dst-0005", {"name": "v6"}), 409, "CONFLICT", "name")
    assert_error(client.patch("/destinations/dst-0005", {"port": -1}), 422, "VALIDATION_FAILED", "port")
    assert client.json("/destinations/dst-0005") == patched
    assert client.delete("/destinations/dst-0005").status_code == 204
    assert_error(client.get("/destinations/dst-0005"), 404, "NOT_FOUND")
    assert client.json("/destinations")["totalCount"] == 5


# Alarms, system, firmware -------------------------------------------------------------------------------------------------
def test_alarms_system_and_firmware(dms_sim):
    client = login(dms_sim)
    devices = client.all("/devices")
    alarms = client.all("/alarms")
    active = client.all("/alarms", state="active")
    assert set(alarms[0]) == {"id", "deviceId", "severity", "type", "message", "state", "raisedAt", "clearedAt"}
    assert {alarm["state"] for alarm in alarms} == {"active", "cleared"} and all(alarm["state"] == "active" for alarm in active)
    assert all(alarm["clearedAt"] is None for alarm in active) and all(a["clearedAt"] > a["raisedAt"] for a in alarms if a["state"] == "cleared")
    counts = collections.Counter(alarm["deviceId"] for alarm in active)
    assert {device["id"]: device["activeAlarmCount"] for device in devices if device["activeAlarmCount"]} == dict(counts)
    one = next(iter(counts))
    assert {alarm["deviceId"] for alarm in client.all("/alarms", deviceId=one)} == {one}
    assert_error(client.get("/alarms", params={"state": "cleared"}), 422, "VALIDATION_FAILED", "state")
    inserted = control(dms_sim, "items/alarms", {"deviceId": "dev-000050", "severity": "critical", "type": "FAN_FAILURE", "message": "Fan 1"})
    assert inserted["id"].startswith("alm-") and inserted["state"] == "active" and inserted["clearedAt"] is None
    before = devices[49]["activeAlarmCount"]
    assert client.json("/devices/dev-000050")["activeAlarmCount"] == before + 1
    control(dms_sim, "items/alarms", {"id": inserted["id"], "state": "cleared", "clearedAt": int(time.time())})
    assert client.json("/devices/dev-000050")["activeAlarmCount"] == before
    assert requests.delete(dms_sim.control("items/alarms/" + inserted["id"]), timeout=5).status_code == 200
    assert client.json("/alarms")["totalCount"] == len(alarms)

    system = client.json("/system")
    assert set(system) == {"name", "version", "deviceCount", "onlineCount", "groupCount", "serverTime"}
    assert system["version"] == "11.4.0.0" and system["deviceCount"] == 200 and system["groupCount"] == 16
    assert system["onlineCount"] == sum(device["status"] == "online" for device in devices)
    assert abs(system["serverTime"] - time.time()) < 5

    firmware = client.all("/firmware")
    assert firmware[0] == {"version": "11.4.1.0", "models": ["ProView 8100", "ProView 8130", "XOS Edge"]}
    supported = {(entry["version"], model) for entry in firmware for model in entry["models"]}
    assert {(device["firmwareVersion"], device["model"]) for device in devices} <= supported
    assert {version for version, _model in supported} == {"11.4.1.0", "11.4.0.0", "11.3.0.2", "11.2.1.0", "10.8.5.1"}


# Commands -----------------------------------------------------------------------------------------------------------------
def test_device_commands(dms_sim):
    client = login(dms_sim)
    devices = client.all("/devices")
    online = [device for device in devices if device["status"] == "online"]
    offline = next(device for device in devices if device["status"] == "offline")
    resp = client.post("/devices/commands", {"command": "reboot", "deviceIds": [online[0]["id"], offline["id"], "dev-999999", online[0]["id"]]})
    assert resp.status_code == 202
    assert resp.json() == {"id": "cmd-000001", "command": "reboot", "results": [
        {"deviceId": online[0]["id"], "status": "accepted", "message": "reboot started"},
        {"deviceId": offline["id"], "status": "rejected", "message": "device is offline"},
        {"deviceId": "dev-999999", "status": "rejected", "message": "no such device"}]}
    assert client.json("/devices/" + online[0]["id"])["lastSeen"] >= int(time.time()) - 5
    assert client.json("/devices/" + offline["id"])["lastSeen"] == offline["lastSeen"]
    resend = client.post("/devices/commands", {"command": "resend_authorization", "deviceIds": [online[1]["id"]], "parameters": {}}).json()
    assert resend["id"] == "cmd-000002" and resend["results"][0]["status"] == "accepted"

    pv8130 = [device for device in online if device["model"] == "ProView 8130" and device["firmwareVersion"] != "11.4.1.0"][:3]
    rd9000 = next(device for device in online if device["model"] == "RD9000")
    target = [device["id"] for device in pv8130] + [rd9000["id"]]
    upgrade = client.post("/devices/commands", {"command": "firmware_upgrade", "deviceIds": target, "parameters": {"firmwareVersion": "11.4.1.0"}})
    results = upgrade.json()["results"]
    assert [result["status"] for result in results] == ["accepted"] * 3 + ["rejected"]
    assert results[0]["message"] == "upgrade to 11.4.1.0 started" and results[3]["message"] == "firmware 11.4.1.0 is not available for RD9000"
    assert [device["id"] for device in client.all("/devices", firmwareVersion="11.4.1.0")] == [device["id"] for device in pv8130]
    again = client.post("/devices/commands", {"command": "firmware_upgrade", "deviceIds": target[:1], "parameters": {"firmwareVersion": "11.4.1.0"}})
    assert again.json()["results"] == [{"deviceId": target[0], "status": "rejected", "message": "already on 11.4.1.0"}]

    ids = [device["id"] for device in devices]
    for body, field in (({"command": "factory_reset", "deviceIds": ids[:1]}, "command"), ({"deviceIds": ids[:1]}, "command"),
                        ({"command": "reboot"}, "deviceIds"), ({"command": "reboot", "deviceIds": []}, "deviceIds"),
                        ({"command": "reboot", "deviceIds": "dev-000001"}, "deviceIds"),
                        ({"command": "reboot", "deviceIds": [f"dev-{n:06d}" for n in range(1, 1002)]}, "deviceIds"),
                        ({"command": "reboot", "deviceIds": ids[:1], "parameters": []}, "parameters"),
                        ({"command": "firmware_upgrade", "deviceIds": ids[:1]}, "parameters.firmwareVersion"),
                        ({"command": "firmware_upgrade", "deviceIds": ids[:1], "parameters": {"firmwareVersion": "12.0.0.0"}}, "parameters.firmwareVersion"),
                        ({"command": "reboot", "deviceIds": ids[:1], "priority": 1}, "priority")):
        assert_error(client.post("/devices/commands", body), 422, "VALIDATION_FAILED", field)
    thousand = client.post("/devices/commands", {"command": "reboot", "deviceIds": [f"dev-{n:06d}" for n in range(1, 1001)]}).json()
    assert len(thousand["results"]) == 1000 and sum(result["status"] == "accepted" for result in thousand["results"]) == len(online)
    logged = state(dms_sim)["commands"]
    assert [entry["id"] for entry in logged] == ["cmd-000001", "cmd-000002", "cmd-000003", "cmd-000004", "cmd-000005"]
    assert logged[2]["parameters"] == {"firmwareVersion": "11.4.1.0"} and logged[2]["deviceIds"] == target


# Control API --------------------------------------------------------------------------------------------------------------
def test_endpoint_absent_switch(dms_sim):
    client = login(dms_sim)
    assert control(dms_sim, "config", {"endpoint_absent": ["alarms", "firmware"]}) == {"endpoint_absent": ["alarms", "firmware"], "token_ttl": 3600}
    assert_error(client.get("/alarms"), 404, "NOT_FOUND")
    assert_error(client.get("/firmware"), 404, "NOT_FOUND")
    assert client.get("/devices").status_code == 200
    assert_error(requests.get(dms_sim.url + API + "/alarms", timeout=5), 401, "UNAUTHORIZED")
    control(dms_sim, "config", {"endpoint_absent": ["device_commands", "login"]})
    assert client.get("/alarms").status_code == 200
    assert_error(client.post("/devices/commands", {"command": "reboot", "deviceIds": ["dev-000001"]}), 404, "NOT_FOUND")
    assert_error(requests.post(dms_sim.url + API + "/auth/login", json=LOGIN, timeout=5), 404, "NOT_FOUND")
    for bad in ({"endpoint_absent": ["nope"]}, {"endpoint_absent": "alarms"}, {"token_ttl": 0}, {"rf_absent": True}):
        assert requests.post(dms_sim.control("config"), json=bad, timeout=5).status_code == 400
    requests.post(dms_sim.control("reset"), json={}, timeout=5).raise_for_status()
    assert requests.get(dms_sim.control("config"), timeout=5).json() == {"endpoint_absent": [], "token_ttl": 3600}
    assert login(dms_sim).get("/devices/commands").status_code == 404


def test_items_reset_and_state(dms_sim):
    client = login(dms_sim)
    inserted = control(dms_sim, "items/devices", {"model": "XOS Edge", "status": "offline"})
    assert inserted["id"] == "dev-000201" and inserted["groups"] == [] and inserted["activeAlarmCount"] == 0
    assert client.json("/devices/dev-000201")["model"] == "XOS Edge" and client.json("/system")["deviceCount"] == 201
    assert client.json("/devices", model="XOS Edge", status="offline", id="dev-000201")["totalCount"] == 1
    taken_offline = control(dms_sim, "items/devices", {"id": "dev-000003", "status": "offline"})
    assert taken_offline["status"] == "offline" and taken_offline["serialNumber"] == client.json("/devices/dev-000003")["serialNumber"]
    result = client.post("/devices/commands", {"command": "reboot", "deviceIds": ["dev-000003"]}).json()["results"][0]
    assert result["message"] == "device is offline"
    assert requests.delete(dms_sim.control("items/devices/dev-000201"), timeout=5).status_code == 200
    assert_error(client.get("/devices/dev-000201"), 404, "NOT_FOUND")
    assert requests.delete(dms_sim.control("items/devices/dev-000201"), timeout=5).status_code == 404
    group = control(dms_sim, "items/groups", {"name": "raw", "deviceCount": 99})
    assert client.json("/groups/" + group["id"])["deviceCount"] == 0
    # deleting a group behind the client's back leaves a stale authorization set and takes it out of its devices
    north = client.json("/devices", group="region-north")
    assert requests.delete(dms_sim.control("items/groups/grp-0001"), timeout=5).status_code == 200
    assert all("grp-0001" not in client.json("/devices/" + device["id"])["groups"] for device in north["items"])
    control(dms_sim, "items/destinations", {"name": "raw-destination"})
    control(dms_sim, "items/firmware", {"version": "11.5.0.0", "models": ["ProView 8130"]})
    assert client.json("/firmware")["items"][-1] == {"version": "11.5.0.0", "models": ["ProView 8130"]}
    assert requests.delete(dms_sim.control("items/authorizations/auth-0001"), timeout=5).status_code == 200
    assert requests.post(dms_sim.control("items/nothing"), json={}, timeout=5).status_code == 404
    assert requests.post(dms_sim.control("items/groups"), json=[1], timeout=5).status_code == 400

    dump = state(dms_sim)
    assert set(dump) == {"config", "counts", "devices", "groups", "authorizations", "destinations", "alarms", "firmware", "commands", "auth"}
    assert dump["counts"]["devices"] == len(dump["devices"]) == 200 and dump["commands"][0]["command"] == "reboot"

    requests.post(dms_sim.control("reset"), json={"empty": True}, timeout=5).raise_for_status()
    devices = client.all("/devices")
    assert len(devices) == 200 and all(device["groups"] == [] for device in devices)
    assert [device["id"] for device in devices] == [f"dev-{n:06d}" for n in range(1, 201)]
    system = client.json("/system")
    assert system["groupCount"] == 0 and system["deviceCount"] == 200
    assert client.json("/alarms")["totalCount"] > 0 and client.json("/firmware")["totalCount"] == 5
    assert state(dms_sim)["commands"] == []
    requests.post(dms_sim.control("reset"), json={}, timeout=5).raise_for_status()
    assert client.json("/groups")["totalCount"] == 16 and client.json("/authorizations")["totalCount"] == 7
    assert client.all("/devices") == dms_seed.generate_devices(200, 1)


def test_faults_use_dms_error_body(dms_sim):
    client = login(dms_sim)
    control(dms_sim, "faults", {"count": 1, "status": 503, "path_prefix": "/api/v1/devices", "retry_after": 2})
    resp = client.get("/devices")
    assert_error(resp, 503, "SERVICE_UNAVAILABLE")
    assert resp.headers["Retry-After"] == "2" and client.get("/devices").status_code == 200


def test_cli_options_tls_and_empty(start_simulator, tmp_path):
    pytest.importorskip("trustme")
    sim = start_simulator("dms", "--tls", "--cert-dir", str(tmp_path), "--username", "ops", "--password", "pw", "--token-ttl", "60",
                          "--devices", "0", "--seed", "7")
    assert sim.url.startswith("https://127.0.0.1:") and sim.ca == str(tmp_path / "ca.pem")
    assert requests.post(sim.url + API + "/auth/login", json=LOGIN, verify=sim.ca, timeout=5).status_code == 401
    resp = requests.post(sim.url + API + "/auth/login", json={"username": "ops", "password": "pw"}, verify=sim.ca, timeout=5)
    assert resp.status_code == 200 and resp.json()["expiresIn"] == 60
    client = Client(sim, resp.json()["token"], verify=sim.ca)
    assert client.json("/devices") == {"items": [], "page": 1, "pageSize": 100, "totalCount": 0, "totalPages": 0}
    assert client.json("/alarms")["totalCount"] == 0
    assert [item["targetType"] for item in client.all("/authorizations")] == ["group"] * 6
    assert sim.stop() == 0
    empty = login(start_simulator("dms", "--empty", "--devices", "30", "--seed", "7"))
    assert empty.json("/groups")["totalCount"] == 0 and empty.json("/destinations")["totalCount"] == 0
    assert empty.json("/authorizations")["totalCount"] == 0
    assert empty.all("/devices") == dms_seed.generate_devices(30, 7, grouped=False)


# Seed ---------------------------------------------------------------------------------------------------------------------
def test_seed_is_deterministic_and_varied():
    first = dms_seed.generate_population(3000, 5)
    again = dms_seed.generate_population(3000, 5)
    assert first == again
    assert dms_seed.generate_devices(100, 5) == first.devices[:100]
    other = dms_seed.generate_devices(3000, 6)
    assert [device["id"] for device in other] == [device["id"] for device in first.devices] and other != first.devices
    devices = first.devices
    assert {device["model"] for device in devices} == set(dms_seed.MODELS)
    assert {device["region"] for device in devices} == set(dms_seed.REGIONS)
    versions = collections.Counter(device["firmwareVersion"] for device in devices)
    assert versions.most_common(1)[0][0] == "11.4.0.0" and set(versions) == {"11.4.0.0", "11.3.0.2", "11.2.1.0", "10.8.5.1"}
    online = [device for device in devices if device["status"] == "online"]
    assert 0.89 < len(online) / len(devices) < 0.95
    addresses = [device["ipAddress"] for device in online]
    assert len(set(addresses)) == len(addresses) and all(ipaddress.ip_address(a) in ipaddress.ip_network("10.0.0.0/8") for a in addresses)
    assert all(device["ipAddress"] is None for device in devices if device["status"] == "offline")
    assert len({device["serialNumber"] for device in devices}) == len({device["unitAddress"] for device in devices}) == 3000
    assert 0.25 < sum(bool(device["customDescription"]) for device in devices) / 3000 < 0.35
    assert 0.6 < sum(bool(device["location"]) for device in devices) / 3000 < 0.8
    alarmed = sum(device["activeAlarmCount"] > 0 for device in devices) / 3000
    assert 0.015 < alarmed < 0.045 and {device["activeAlarmCount"] for device in devices} == {0, 1, 2}
    active = collections.Counter(alarm["deviceId"] for alarm in first.alarms if alarm["state"] == "active")
    assert dict(active) == {device["id"]: device["activeAlarmCount"] for device in devices if device["activeAlarmCount"]}
    assert {alarm["severity"] for alarm in first.alarms if alarm["state"] == "active"} == set(dms_seed.SEVERITIES)
    assert {device["allowScheduleAuthorization"] for device in devices} == {True, False}
    by_id = {group["id"]: group for group in first.groups}
    for device in devices:
        assert by_id[device["groups"][0]]["name"] == "region-" + device["region"] and 1 <= len(device["groups"]) <= 3
        assert len(set(device["groups"])) == len(device["groups"])
    assert {len(device["groups"]) for device in devices} == {1, 2, 3}
    assert sum(group["deviceCount"] for group in first.groups[:8]) == 3000
    assert first.groups == dms_seed.generate_groups(5, devices)
    assert len(first.destinations) == 4 and len(first.authorizations) == 7
    empty = dms_seed.generate_population(3000, 5, empty=True)
    assert empty.groups == empty.authorizations == empty.destinations == [] and empty.alarms == first.alarms
    assert [dict(device, groups=[]) for device in devices] == empty.devices


def test_generation_and_serving_of_100000_devices(start_simulator):
    started = time.perf_counter()
    population = dms_seed.generate_population(100_000, 1)
    generated = time.perf_counter() - started
    devices = population.devices
    assert len(devices) == 100_000 and devices[-1]["id"] == "dev-100000"
    assert len({device["ipAddress"] for device in devices if device["ipAddress"]}) == sum(device["status"] == "online" for device in devices)
    assert sum(group["deviceCount"] for group in population.groups[:8]) == 100_000

    started = time.perf_counter()
    sim = start_simulator("dms", "--devices", "100000")
    startup = time.perf_counter() - started
    client = login(sim)
    started = time.perf_counter()
    page = client.json("/devices", page=42, pageSize=1000)
    page_s = time.perf_counter() - started
    assert page["totalPages"] == 100 and page["items"] == devices[41_000:42_000]
    started = time.perf_counter()
    filtered = client.json("/devices", region="coastal", status="online", page=2, pageSize=1000)
    filtered_s = time.perf_counter() - started
    expected = [device for device in devices if device["region"] == "coastal" and device["status"] == "online"]
    assert filtered["totalCount"] == len(expected) and filtered["items"] == expected[1000:2000]
    started = time.perf_counter()
    again = client.json("/devices", region="coastal", status="online", page=3, pageSize=1000)
    again_s = time.perf_counter() - started
    assert again["items"] == expected[2000:3000]
    sports = client.json("/devices", group="sports", pageSize=1000)
    assert sports["totalCount"] == next(group["deviceCount"] for group in population.groups if group["name"] == "sports")
    print(f"\nDMS 100,000 devices: generate_population {generated:.2f} s, simulator start-up {startup:.2f} s, page of 1000 "
          f"{page_s * 1000:.0f} ms, filtered page (first) {filtered_s * 1000:.0f} ms, next filtered page {again_s * 1000:.0f} ms")
