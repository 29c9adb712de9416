# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""End-to-end tests of the VOS simulator (tests/simulators/serve.py vos) over real HTTP with ``requests``."""

from __future__ import annotations

import http.client
import os
import threading
import time
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

ADMIN = ("admin", "admin-password")
CLIENT = ("vos-client", "vos-client-secret")
CONFIGURE = "/vos-api/configure/v1"
SERVICES = CONFIGURE + "/services"
SOURCES = CONFIGURE + "/sources"
DESTINATIONS = CONFIGURE + "/destinations"
IMAGES = CONFIGURE + "/images"


@pytest.fixture(autouse=True)
def clean(vos_sim):
    """Every test starts from the default seed with an empty request log and no pending faults."""
    vos_sim.reset(rf_absent=False)


def get(sim, path, auth=ADMIN, **kwargs):
    return requests.get(sim.url + path, auth=auth, timeout=5, **kwargs)


def state(sim):
    return requests.get(sim.control("state"), timeout=5).json()


def token(sim, client=CLIENT):
    resp = requests.post(sim.url + "/oauth/token", auth=client, data={"grant_type": "client_credentials"}, timeout=5)
    assert resp.status_code == 200, resp.text
    return resp.json()


# Authentication --------------------------------------------------------------------------------------------------
def test_basic_auth_and_seed(vos_sim):
    resp = get(vos_sim, SERVICES)
    assert resp.status_code == 200
    services = resp.json()
    assert isinstance(services, list) and len(services) == 4
    assert {s["controlState"] for s in services} == {"OFF", "ACTIVATED"}
    sources = {s["id"]: s for s in get(vos_sim, SOURCES).json()}
    for srv in services:
        src = sources[srv["serviceSources"][0]["sourceId"]]
        assert [(i["rank"], i["type"]) for i in src["inputs"]] == [(1, "ZIXI"), (2, "SLATE")]
        assert src["inputs"][0]["zixiSettings"]["zixiInputType"] == "HARMONIC_UPLINK"
    profiles = {p["name"] for p in get(vos_sim, "/vos-api/labwizard/v1/profiles").json()}
    assert {"dfw.1080 2", "ATS", "Akamai"} <= profiles
    status = {s["uplinkState"] for s in get(vos_sim, "/vos-api/uplink-hub/v1/uplinkStatus").json()}
    assert status == {"CONNECTED", "LOST"}
    assert len(get(vos_sim, IMAGES).json()) == 2
    entry = requests.get(vos_sim.control("requests"), timeout=5).json()[0]
    assert entry["method"] == "GET" and entry["path"] == SERVICES and entry["status"] == 200 and entry["auth"] == "basic"
    assert set(entry) == {"method", "path", "query", "status", "auth", "duration_ms"}


def test_bad_credentials_403_and_missing_401(vos_sim):
    assert get(vos_sim, SERVICES, auth=("admin", "wrong")).status_code == 403
    resp = get(vos_sim, SERVICES, auth=None)
    assert resp.status_code == 401
    assert resp.json()["status"] == 401 and resp.json()["path"] == SERVICES
    bad_client = requests.post(vos_sim.url + "/oauth/token", auth=("vos-client", "nope"), data={"grant_type": "client_credentials"}, timeout=5)
    assert bad_client.status_code == 401 and bad_client.json()["error"] == "invalid_client"


def test_client_credentials_and_expire(vos_sim):
    body = token(vos_sim)
    assert body["token_type"] == "bearer" and body["expires_in"] == 43199 and len(body["access_token"]) == 36
    bearer = {"Authorization": "Bearer " + body["access_token"]}
    assert get(vos_sim, SERVICES, auth=None, headers=bearer).status_code == 200
    assert requests.post(vos_sim.control("expire-tokens"), timeout=5).status_code == 200
    expired = get(vos_sim, SERVICES, auth=None, headers=bearer)
    assert expired.status_code == 401 and expired.json()["error"] == "invalid_token"
    auths = [e["auth"] for e in requests.get(vos_sim.control("requests"), timeout=5).json()]
    assert auths == ["basic", "bearer", "bearer"]


def test_authorization_code(vos_sim):
    redirect = "https://dataminer.example/callback"
    params = {"client_id": CLIENT[0], "response_type": "code", "redirect_uri": redirect}
    assert requests.get(vos_sim.url + "/oauth/authorize", params=params, auth=("admin", "bad"), allow_redirects=False, timeout=5).status_code == 403
    resp = requests.get(vos_sim.url + "/oauth/authorize", params=params, auth=ADMIN, allow_redirects=False, timeout=5)
    assert resp.status_code == 302
    location = urlsplit(resp.headers["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == redirect
    code = parse_qs(location.query)["code"][0]
    assert len(code) == 6 and code.isalnum()
    form = {"grant_type": "authorization_code", "code": code, "redirect_uri": redirect}
    first = requests.post(vos_sim.url + "/oauth/token", auth=CLIENT, data=form, timeout=5)
    assert first.status_code == 200
    bearer = {"Authorization": "Bearer " + first.json()["access_token"]}
    assert get(vos_sim, "/vos-api/notification/v1/notifications", auth=None, headers=bearer).status_code == 200
    again = requests.post(vos_sim.url + "/oauth/token", auth=CLIENT, data=form, timeout=5)
    assert again.status_code == 400 and again.json()["error"] == "invalid_grant"


def test_client_app_registration(vos_sim):
    resp = requests.post(vos_sim.url + "/vos-api/client-apps/v1/apps", json={"redirect_uri": ["https://x.example/cb"]}, auth=ADMIN, timeout=5)
    assert resp.status_code == 200
    app = resp.json()
    shown = get(vos_sim, "/vos-api/client-apps/v1/apps/" + app["client_id"]).json()
    assert shown["client_id"] == app["client_id"] and "client_secret" not in shown
    assert token(vos_sim, (app["client_id"], app["client_secret"]))["access_token"]


# Configure API ---------------------------------------------------------------------------------------------------
def _new_chain(sim, password="s3cret"):
    groups = get(sim, "/vos-api/uplink-hub/v1/uplinkGroups").json()
    profiles = {p["name"]: p["id"] for p in get(sim, "/vos-api/labwizard/v1/profiles").json()}
    image = requests.post(sim.url + IMAGES, json={"id": "", "url": "http://slates.example/x.png"}, auth=ADMIN, timeout=5)
    assert image.status_code == 200
    image_id = image.json()["id"]
    source = {"id": "", "name": "test.src", "labels": [], "inputs": [
        {"rank": 1, "type": "ZIXI", "zixiSettings": {"zixiInputType": "HARMONIC_UPLINK", "harmonicUplinkSetting": {"uplinkGroupId": groups[0]["id"]}}},
        {"rank": 2, "type": "SLATE", "slateSettings": {"type": "SIGNAL_LOSS", "imageId": image_id}}]}
    src = requests.post(sim.url + SOURCES, json=source, auth=ADMIN, timeout=5).json()
    assert all(len(i["id"]) == 36 for i in src["inputs"])
    destination = {"id": "0a615c16-b23f-bcbd-9f0c-25fb77bc9914", "type": "ORIGIN", "name": "test.origin", "destinationProfileId": profiles["Akamai"],
                   "outputs": [{"rank": 1, "outputType": "ORIGIN", "originSettings": {"originOutputEndPoints": [
                       {"packagingProfileType": "e_DASH", "path": "DASH", "username": "u", "password": password}]}}]}
    dst = requests.post(sim.url + DESTINATIONS, json=destination, auth=ADMIN, timeout=5)
    assert dst.status_code == 200 and dst.json()["id"] == destination["id"]
    service = {"id": "", "name": "test.tv", "serviceSources": [{"sourceId": src["id"], "rank": 1}], "profileId": profiles["dfw.1080 2"],
               "destinationId": destination["id"], "destinationsId": [destination["id"]], "addons": {"scte35SlateAddon": {"imageId": image_id}},
               "controlState": "OFF", "customField": {"kept": [1, 2]}}
    srv = requests.post(sim.url + SERVICES, json=service, auth=ADMIN, timeout=5)
    assert srv.status_code == 200, srv.text
    return image_id, src, dst.json(), srv.json()


def test_crud_filters_and_force(vos_sim):
    image_id, src, dst, srv = _new_chain(vos_sim)
    assert srv["customField"] == {"kept": [1, 2]}
    assert srv["id"] == srv["id"].lower() and len(srv["id"]) == 36
    assert [s["id"] for s in get(vos_sim, SERVICES, params={"name": "test.tv"}).json()] == [srv["id"]]
    assert [s["id"] for s in get(vos_sim, SERVICES, params={"serviceName": "test.tv"}).json()] == [srv["id"]]
    assert get(vos_sim, SERVICES, params={"name": "nope"}).json() == []
    assert get(vos_sim, SOURCES, params={"name": "test.src"}).json()[0]["id"] == src["id"]
    srv["controlState"] = "ACTIVATED"
    put = requests.put(f"{vos_sim.url}{SERVICES}/{srv['id']}", json=srv, auth=ADMIN, timeout=5)
    assert put.status_code == 200 and put.json()["controlState"] == "ACTIVATED"
    assert get(vos_sim, f"{SERVICES}/{srv['id']}").json()["controlState"] == "ACTIVATED"
    srv["controlState"] = "STANDBY"
    assert requests.put(f"{vos_sim.url}{SERVICES}/{srv['id']}", json=srv, auth=ADMIN, timeout=5).status_code == 400
    assert get(vos_sim, f"{DESTINATIONS}/{dst['id']}").json()["inUse"] is True
    for path in (f"{SOURCES}/{src['id']}", f"{DESTINATIONS}/{dst['id']}", f"{IMAGES}/{image_id}"):
        assert requests.delete(vos_sim.url + path, auth=ADMIN, timeout=5).status_code == 409
    assert requests.delete(f"{vos_sim.url}{SERVICES}/{srv['id']}", auth=ADMIN, timeout=5).status_code == 400
    assert requests.delete(f"{vos_sim.url}{SERVICES}/{srv['id']}", params={"force": "True"}, auth=ADMIN, timeout=5).status_code == 200
    assert get(vos_sim, f"{SERVICES}/{srv['id']}").status_code == 404
    for path in (f"{DESTINATIONS}/{dst['id']}", f"{SOURCES}/{src['id']}", f"{IMAGES}/{image_id}"):
        assert requests.delete(vos_sim.url + path, auth=ADMIN, timeout=5).status_code == 200


def test_referential_integrity(vos_sim):
    missing = "11111111-2222-3333-4444-555555555555"
    resp = requests.post(vos_sim.url + SERVICES, json={"id": "", "name": "x", "serviceSources": [{"sourceId": missing, "rank": 1}]}, auth=ADMIN,
                         timeout=5)
    assert resp.status_code == 400
    assert set(resp.json()) == {"timestamp", "status", "error", "message", "path"}
    bad_group = {"id": "", "name": "s", "inputs": [{"rank": 1, "type": "ZIXI", "zixiSettings": {"harmonicUplinkSetting": {"uplinkGroupId": missing}}}]}
    assert requests.post(vos_sim.url + SOURCES, json=bad_group, auth=ADMIN, timeout=5).status_code == 400
    bad_profile = {"id": "", "name": "d", "type": "ATS", "destinationProfileId": missing, "outputs": []}
    assert requests.post(vos_sim.url + DESTINATIONS, json=bad_profile, auth=ADMIN, timeout=5).status_code == 400


def test_masked_secret_round_trip(vos_sim):
    _image, _src, dst, _srv = _new_chain(vos_sim, password="origin-secret")
    endpoint = dst["outputs"][0]["originSettings"]["originOutputEndPoints"][0]
    assert endpoint["password"] == "******" and endpoint["id"]
    shown = get(vos_sim, f"{DESTINATIONS}/{dst['id']}").json()
    shown["labels"] = ["changed"]
    assert requests.put(f"{vos_sim.url}{DESTINATIONS}/{dst['id']}", json=shown, auth=ADMIN, timeout=5).status_code == 200

    def stored():
        item = next(d for d in state(vos_sim)["collections"]["destinations"] if d["id"] == dst["id"])
        return item["outputs"][0]["originSettings"]["originOutputEndPoints"][0]["password"]

    assert stored() == "origin-secret"
    shown["outputs"][0]["originSettings"]["originOutputEndPoints"][0]["password"] = "new-secret"
    assert requests.put(f"{vos_sim.url}{DESTINATIONS}/{dst['id']}", json=shown, auth=ADMIN, timeout=5).status_code == 200
    assert stored() == "new-secret"


def test_users_password_write_only(vos_sim):
    resp = requests.post(vos_sim.url + "/vos-api/user/v1/users", json={"name": "Tester", "username": "tester", "password": "pw-1"}, auth=ADMIN,
                         timeout=5)
    assert resp.status_code == 200 and "password" not in resp.json()
    found = get(vos_sim, "/vos-api/user/v1/users", params={"username": "tester"})
    assert found.status_code == 200 and "password" not in found.json()[0]
    assert get(vos_sim, "/vos-api/user/v1/users", params={"username": "ghost"}).status_code == 404
    assert get(vos_sim, SERVICES, auth=("tester", "pw-1")).status_code == 200
    user = resp.json()
    user["name"] = "Renamed"
    assert requests.put(f"{vos_sim.url}/vos-api/user/v1/users/{user['id']}", json=user, auth=ADMIN, timeout=5).status_code == 200
    assert get(vos_sim, SERVICES, auth=("tester", "pw-1")).status_code == 200
    assert requests.delete(f"{vos_sim.url}/vos-api/user/v1/users/{user['id']}", auth=ADMIN, timeout=5).status_code == 200
    assert get(vos_sim, SERVICES, auth=("tester", "pw-1")).status_code == 403


def test_monitoring_endpoints_and_rf_absent(vos_sim):
    notes = get(vos_sim, "/vos-api/notification/v1/notifications", params={"state": "ACTIVE", "result_count": 2}).json()
    assert len(notes) == 2 and all(n["state"] == "ACTIVE" for n in notes)
    assert any(n["severity"] == "CRITICAL" for n in get(vos_sim, "/vos-api/notification/v1/notifications", params={"state": "ACTIVE"}).json())
    logs = get(vos_sim, "/vos-api/scte35/v1/logs", params={"result_count": 3}).json()
    assert len(logs) == 3 and logs[0]["time"] >= logs[1]["time"] >= logs[2]["time"]
    assert get(vos_sim, "/vos-api/platform-config/v1/systemInfo").json()["nodeCount"] == 4
    assert get(vos_sim, "/vos-api/origin-engine/v1/statistics").json()["serverCount"] == 3
    assert all(n["serviceIds"] for n in get(vos_sim, "/vos-api/cluster/v1/nodes").json())
    for name in ("rfMonitorings", "rfStatistics", "rfSettings"):
        assert get(vos_sim, "/vos-api/platform-config/v1/" + name).status_code == 200
    requests.post(vos_sim.control("config"), json={"rf_absent": True}, timeout=5).raise_for_status()
    for name in ("rfMonitorings", "rfStatistics", "rfSettings"):
        assert get(vos_sim, "/vos-api/platform-config/v1/" + name).status_code == 404
    assert get(vos_sim, "/vos-api/platform-config/v1/networks").status_code == 200


def test_control_items(vos_sim):
    note = {"type": "NODE_FAILED", "severity": "CRITICAL", "state": "ACTIVE", "creationTime": int(time.time() * 1000) + 1000, "resolvedTime": None,
            "title": "Injected", "channelName": "", "objectName": "pod-x"}
    stored = requests.post(vos_sim.control("items/notifications"), json=note, timeout=5).json()
    newest = get(vos_sim, "/vos-api/notification/v1/notifications", params={"result_count": 1}).json()
    assert newest[0]["id"] == stored["id"]
    assert requests.delete(vos_sim.control("items/notifications/" + stored["id"]), timeout=5).status_code == 200
    assert requests.delete(vos_sim.control("items/notifications/" + stored["id"]), timeout=5).status_code == 404
    requests.post(vos_sim.control("reset"), json={"empty": True}, timeout=5).raise_for_status()
    assert get(vos_sim, SERVICES).json() == [] and get(vos_sim, "/vos-api/labwizard/v1/profiles").json()


# Faults, log, transport --------------------------------------------------------------------------------------------
def test_scripted_faults_and_drop(vos_sim):
    rule = {"count": 2, "status": 503, "methods": ["GET"], "path_prefix": "/vos-api/configure/", "retry_after": 1}
    requests.post(vos_sim.control("faults"), json=rule, timeout=5).raise_for_status()
    assert get(vos_sim, "/vos-api/labwizard/v1/profiles").status_code == 200
    for _round in range(2):
        resp = get(vos_sim, SERVICES)
        assert resp.status_code == 503 and resp.headers["Retry-After"] == "1"
    assert get(vos_sim, SERVICES).status_code == 200
    requests.post(vos_sim.control("faults"), json={"count": 1, "drop": True}, timeout=5).raise_for_status()
    with pytest.raises(requests.exceptions.ConnectionError):
        get(vos_sim, SERVICES)
    assert get(vos_sim, SERVICES).status_code == 200
    log = requests.get(vos_sim.control("requests"), timeout=5).json()
    statuses = [e["status"] for e in log]
    # The dropped connection is logged when the server gives it up, which can come after the next request's answer.
    assert statuses[:4] == [200, 503, 503, 200] and sorted(statuses[4:], key=str) == [200, None]
    assert all(not e["path"].startswith("/__sim__") for e in log)


def test_keep_alive_reuses_connection(vos_sim):
    conn = http.client.HTTPConnection("127.0.0.1", vos_sim.port, timeout=5)
    headers = {"Authorization": requests.auth._basic_auth_str(*ADMIN)}  # pylint: disable=protected-access
    for _round in range(3):
        conn.request("GET", SERVICES, headers=headers)
        resp = conn.getresponse()
        assert resp.status == 200 and int(resp.headers["Content-Length"]) == len(resp.read())
    conn.request("DELETE", SERVICES + "/nope", headers=headers)
    resp = conn.getresponse()
    assert resp.status == 404 and resp.headers["Content-Length"] == str(len(resp.read()))
    sock = conn.sock
    conn.request("GET", "/vos-api/uplink-hub/v1/uplinks", headers=headers)
    assert conn.getresponse().status == 200 and conn.sock is sock
    conn.close()


def test_tls_latency_size_and_sigterm(start_simulator, tmp_path):
    trustme = pytest.importorskip("trustme")
    sim = start_simulator("vos", "--tls", "--cert-dir", str(tmp_path), "--latency-ms", "300", "--services", "500")
    assert sim.url.startswith("https://127.0.0.1:") and sim.ca == str(tmp_path / "ca.pem") and os.path.isfile(sim.ca)
    with requests.Session() as session:
        session.auth = ADMIN
        started = time.monotonic()
        assert len(session.get(sim.url + SERVICES, verify=sim.ca, timeout=5).json()) == 500
        assert session.get(f"https://localhost:{sim.port}{SOURCES}", verify=sim.ca, timeout=5).status_code == 200
        assert time.monotonic() - started >= 0.6
    other = tmp_path / "other-ca.pem"
    trustme.CA().cert_pem.write_to_path(str(other))
    with pytest.raises(requests.exceptions.SSLError):
        requests.get(sim.url + SERVICES, auth=ADMIN, verify=str(other), timeout=5)

    results = []

    def call():
        results.append(requests.get(sim.url + "/vos-api/cluster/v1/nodes", auth=ADMIN, verify=sim.ca, timeout=5).status_code)

    threads = [threading.Thread(target=call) for _round in range(4)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [200] * 4 and time.monotonic() - started < 1.1
    assert sim.stop() == 0


def test_empty_port_file_and_fast_start(start_simulator, tmp_path):
    port_file = tmp_path / "port"
    started = time.monotonic()
    sim = start_simulator("vos", "--empty", "--port-file", str(port_file), "--rf-absent", "--token-ttl", "1")
    assert time.monotonic() - started < 5
    assert int(port_file.read_text(encoding="utf-8")) == sim.port
    assert get(sim, SERVICES).json() == [] and get(sim, "/vos-api/user/v1/users").json() == []
    assert len(get(sim, "/vos-api/cluster/v1/nodes").json()) == 4 and len(get(sim, "/vos-api/uplink-hub/v1/uplinks").json()) == 2
    assert get(sim, "/vos-api/platform-config/v1/rfSettings").status_code == 404
    body = token(sim)
    assert body["expires_in"] == 1
    time.sleep(1.1)
    assert get(sim, SERVICES, auth=None, headers={"Authorization": "Bearer " + body["access_token"]}).status_code == 401
