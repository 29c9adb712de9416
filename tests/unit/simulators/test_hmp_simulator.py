# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""End-to-end tests of the HMP simulator (tests/simulators/serve.py hmp) over real HTTP with ``requests``."""

from __future__ import annotations

import time

import pytest
import requests

LOGIN = {"username": "haiadmin", "password": "hmp-password"}
API_KEY = {"apiKey": "hmp-api-key", "apiSecret": "hmp-api-secret"}
NO_RESULTS = {"code": "040012", "name": "NoResults", "message": "No results", "httpStatusCode": 404}
NOT_AUTHORIZED = {"code": "020001", "name": "UserNotAuthorized", "message": "User is not authorized", "httpStatusCode": 401}
COMMAND_OK = {"type": "Send Commands to Device", "status": "ok", "message": "Successfully sent command to device"}


@pytest.fixture(scope="module")
def hmp_sim(module_simulators):
    """One default HMP simulator (plain HTTP) shared by this module."""
    return module_simulators("hmp")


@pytest.fixture(autouse=True)
def clean(request):
    """Tests using ``hmp_sim`` start from the default seed, default switches, an empty request log and no faults."""
    if "hmp_sim" in request.fixturenames:
        request.getfixturevalue("hmp_sim").reset()


class Client:
    """A logged-in HMP client: ``get/post/put/delete(path, ...)`` send the session cookie (or a bearer token)."""

    def __init__(self, sim, session_id=None, token=None, verify=True):
        self.sim = sim
        self.verify = verify
        self.headers = {}
        if token is not None:
            self.headers["Authorization"] = "Bearer " + token
        elif session_id is not None:
            self.headers["Cookie"] = "calypso-session-id=" + session_id

    def call(self, method, path, **kwargs):
        """One request to ``/apis`` + ``path``."""
        headers = dict(self.headers, **kwargs.pop("headers", {}))
        return requests.request(method, self.sim.url + "/apis" + path, headers=headers, timeout=10, verify=self.verify, **kwargs)

    def get(self, path, **kwargs):
        """GET."""
        return self.call("GET", path, **kwargs)

    def post(self, path, body=None, **kwargs):
        """POST a JSON body."""
        return self.call("POST", path, json=body, **kwargs)

    def put(self, path, body=None, **kwargs):
        """PUT a JSON body."""
        return self.call("PUT", path, json=body, **kwargs)

    def delete(self, path, **kwargs):
        """DELETE."""
        return self.call("DELETE", path, **kwargs)

    def data(self, path, **kwargs):
        """``GET`` and return ``data`` (asserting 200)."""
        resp = self.get(path, **kwargs)
        assert resp.status_code == 200, resp.text
        return resp.json()["data"]

    def all(self, path):
        """Every item of a paged collection, following ``paging.next``."""
        items = []
        url = path + ("&" if "?" in path else "?") + "pageSize=100"
        while True:
            resp = self.get(url)
            if resp.status_code == 404 and resp.json()["code"] == "040012":
                return items
            assert resp.status_code == 200, resp.text
            items += resp.json()["data"]
            url = resp.json()["paging"].get("next")
            if url is None:
                return items
            url = url[len("/apis"):]


def login(sim, verify=True):
    """Log in with the default account; returns a cookie :class:`Client`."""
    resp = requests.post(sim.url + "/apis/authentication/login", json=LOGIN, timeout=5, verify=verify)
    assert resp.status_code == 200, resp.text
    return Client(sim, session_id=resp.json()["data"]["sessionId"], verify=verify)


def state(sim):
    """The ``/__sim__/state`` dump."""
    return requests.get(sim.control("state"), timeout=5).json()


def log(sim):
    """The request log."""
    return requests.get(sim.control("requests"), timeout=5).json()


def by_name(client, path, key, value):
    """The item of paged collection ``path`` whose ``key`` is ``value``."""
    return next(item for item in client.all(path) if item[key] == value)


def assert_error(resp, status, code, name=None, message=None):
    """Assert an HMP error body with this status and code (and name / message when given)."""
    body = resp.json()
    assert resp.status_code == status and body["httpStatusCode"] == status and body["code"] == code, resp.text
    assert set(body) == {"code", "name", "message", "httpStatusCode"}
    if name is not None:
        assert body["name"] == name
    if message is not None:
        assert body["message"] == message


# Authentication ---------------------------------------------------------------------------------------------------------
def test_cookie_login_info_logout(hmp_sim):
    resp = requests.post(hmp_sim.url + "/apis/authentication/login", json=LOGIN, timeout=5)
    assert resp.status_code == 200
    data = resp.json()["data"]
    assert resp.headers["Set-Cookie"] == f"calypso-session-id={data['sessionId']}; Path=/"
    assert data["username"] == "haiadmin" and data["admin"] is True and data["id"] is None and len(data["sessionId"]) == 36
    assert data["roles"][0]["admin"] is True and data["roleIds"] == [data["roles"][0]["id"]] and data["expires"].endswith("Z")
    client = Client(hmp_sim, session_id=data["sessionId"])
    info = client.get("/authentication/login")
    assert info.status_code == 200 and info.json()["data"]["sessionId"] == data["sessionId"]
    assert client.data("/system/version") == {"version": "4.1.1", "build": "41127"}

    anonymous = requests.get(hmp_sim.url + "/apis/sources", timeout=5)
    assert anonymous.status_code == 401 and anonymous.json() == NOT_AUTHORIZED
    assert Client(hmp_sim, session_id="nope").get("/authentication/login").json() == NOT_AUTHORIZED
    bad = requests.post(hmp_sim.url + "/apis/authentication/login", json={"username": "haiadmin", "password": "x"}, timeout=5)
    assert_error(bad, 401, "020002", "InvalidCredentials")
    for body in ({"username": "haiadmin"}, {"username": 1, "password": "hmp-password"}):
        assert_error(requests.post(hmp_sim.url + "/apis/authentication/login", json=body, timeout=5), 400, "010001", "InputValidation")
    assert_error(requests.post(hmp_sim.url + "/apis/authentication/login", data="{", timeout=5), 400, "010001")

    out = client.delete("/authentication/login")
    assert out.status_code == 200 and out.content == b""
    assert_error(client.delete("/authentication/login"), 404, "040022", "AuthSessionNotFound", "Unknown session")
    assert client.get("/sources").status_code == 401
    assert [entry["auth"] for entry in log(hmp_sim)][:3] == ["none", "cookie", "cookie"]


def test_api_key_bearer_and_key_login_switch(hmp_sim):
    resp = requests.post(hmp_sim.url + "/apis/authentication/login/key", json=API_KEY, timeout=5)
    assert resp.status_code == 200 and "Set-Cookie" not in resp.headers
    data = resp.json()["data"]
    assert data["authToken"] and data["provisionType"] == "IDP" and data["username"] == "haiadmin"
    client = Client(hmp_sim, token=data["authToken"])
    assert client.data("/authentication/login/key")["authToken"] == data["authToken"]
    assert client.get("/sessions").status_code == 200
    assert log(hmp_sim)[-1]["auth"] == "bearer"
    assert client.post("/sessions/%s/recordings" % by_name(client, "/sessions", "title", "Boardroom")["id"]).json()["data"]["username"] == "haiadmin"
    wrong = requests.post(hmp_sim.url + "/apis/authentication/login/key", json=dict(API_KEY, apiSecret="x"), timeout=5)
    assert_error(wrong, 401, "020002", "InvalidCredentials")
    assert_error(requests.post(hmp_sim.url + "/apis/authentication/login/key", json={"apiKey": "k"}, timeout=5), 400, "010001")
    assert requests.post(hmp_sim.control("config"), json={"key_login": False}, timeout=5).json()["key_login"] is False
    assert_error(requests.post(hmp_sim.url + "/apis/authentication/login/key", json=API_KEY, timeout=5), 404, "040000", "NotFound")


def test_expire_tokens_and_lifetimes(hmp_sim):
    cookie = login(hmp_sim)
    bearer = Client(hmp_sim, token=requests.post(hmp_sim.url + "/apis/authentication/login/key", json=API_KEY, timeout=5).json()["data"]["authToken"])
    assert cookie.get("/sources").status_code == 200 and bearer.get("/sources").status_code == 200
    assert requests.post(hmp_sim.control("expire-tokens"), timeout=5).status_code == 200
    assert cookie.get("/sources").json() == NOT_AUTHORIZED and bearer.get("/sources").json() == NOT_AUTHORIZED
    assert_error(cookie.delete("/authentication/login"), 404, "040022")
    config = requests.post(hmp_sim.control("config"), json={"session_ttl": 1, "token_ttl": 1}, timeout=5).json()
    assert config == {"session_ttl": 1, "token_ttl": 1, "key_login": True, "version": "4.1.1"}
    short = login(hmp_sim)
    short_bearer = Client(hmp_sim, token=requests.post(hmp_sim.url + "/apis/authentication/login/key", json=API_KEY, timeout=5).json()["data"]["authToken"])
    assert short.get("/sources").status_code == 200
    time.sleep(1.2)
    assert short.get("/sources").status_code == 401 and short_bearer.get("/sources").status_code == 401
    requests.post(hmp_sim.control("reset"), json={}, timeout=5).raise_for_status()
    assert requests.get(hmp_sim.control("config"), timeout=5).json()["session_ttl"] == 3600
    assert requests.post(hmp_sim.control("config"), json={"nope": 1}, timeout=5).status_code == 400


def test_undefined_routes_and_methods_are_040000(hmp_sim):
    client = login(hmp_sim)
    session_id = by_name(client, "/sessions", "title", "Town Hall")["id"]
    event_id = client.data(f"/sessions/{session_id}/events")[0]["id"]
    for method, path in (("DELETE", f"/sessions/{session_id}/events/{event_id}"), ("GET", "/events"), ("PATCH", "/sources"),
                         ("POST", "/streams"), ("GET", "/nothing/here")):
        assert_error(client.call(method, path), 404, "040000", "NotFound")
    assert_error(requests.get(hmp_sim.url + "/", timeout=5), 404, "040000")
    assert requests.get(hmp_sim.url + "/apis/nothing", timeout=5).status_code == 401


# Paging -------------------------------------------------------------------------------------------------------------------
def test_paging_defaults_cap_next_and_no_results(hmp_sim):
    client = login(hmp_sim)
    body = client.get("/sources").json()
    assert body["paging"] == {"results": 6, "pageSize": 15} and len(body["data"]) == 6
    first = client.get("/sources", params={"pageSize": 4}).json()
    assert first["paging"] == {"results": 6, "pageSize": 4, "next": "/apis/sources?page=2&pageSize=4"}
    second = client.get("/sources", params={"page": 2, "pageSize": 4}).json()
    assert len(second["data"]) == 2 and "next" not in second["paging"]
    assert client.get("/sources", params={"page": 3, "pageSize": 4}).json() == NO_RESULTS
    assert_error(client.get("/sources", params={"pageSize": "ten"}), 400, "010001")
    assert_error(client.get("/sources", params={"page": "x"}), 400, "010001")
    assert client.get("/sources", params={"pageSize": 1000}).json()["paging"]["pageSize"] == 100
    searched = client.get("/sources", params={"q": '"srt"', "pageSize": 1}).json()
    assert searched["paging"]["results"] == 2 and searched["paging"]["next"] == "/apis/sources?page=2&pageSize=1&q=%22srt%22"
    assert client.get("/sources", params={"q": "no such thing"}).json() == NO_RESULTS
    assert client.get("/streams").json().keys() == {"data"}
    requests.post(hmp_sim.control("reset"), json={"empty": True}, timeout=5).raise_for_status()
    for path in ("/sources", "/sessions", "/recordings", "/assets", "/streams"):
        assert client.get(path).json() == NO_RESULTS, path
    assert len(client.all("/users/enabled")) == 4 and len(client.all("/categories")) == 2
    assert client.get("/devices/stbs").json()["paging"]["numResults"] == 36


def test_scale_sources_and_stbs(start_simulator):
    started = time.monotonic()
    sim = start_simulator("hmp", "--sources", "2000", "--stbs", "10000")
    assert time.monotonic() - started < 5
    client = login(sim)
    started = time.monotonic()
    body = client.get("/sources", params={"page": 3, "pageSize": 500}).json()
    assert body["paging"] == {"results": 2006, "pageSize": 100, "next": "/apis/sources?page=4&pageSize=100"} and len(body["data"]) == 100
    last = client.get("/sources", params={"page": 21, "pageSize": 100}).json()
    assert len(last["data"]) == 6 and "next" not in last["paging"]
    stbs = client.get("/devices/stbs", params={"pageSize": 1000, "page": 2}).json()
    assert len(stbs["data"]) == 500 and stbs["paging"] == {"numResults": 10000, "numPages": 20, "hasMoreData": True}
    assert client.get("/devices/stbs", params={"pageSize": 500, "page": 20}).json()["paging"]["hasMoreData"] is False
    assert client.get("/devices/stbs", params={"page": 21, "pageSize": 500}).json()["data"] == []
    dump = requests.get(sim.control("state"), timeout=5)
    assert dump.json()["stbs"]["count"] == 10000 and len(dump.content) < 2_000_000
    assert time.monotonic() - started < 3


# Sources ---------------------------------------------------------------------------------------------------------------
def test_source_create_validation_and_shapes(hmp_sim):
    client = login(hmp_sim)
    udp = client.post("/sources", {"description": "", "host": "239.35.126.101", "multicast": True, "name": "InfoDevSource", "port": 4902, "type": "UDP"})
    assert udp.status_code == 200
    data = udp.json()["data"]
    assert data["continuous"] is False and data["active"] is False and data["bitrate"] == 0 and data["iptv"] is False
    assert data["detectedFeatures"] == {"autodetectEnabled": True, "hevc": False, "_4k": False} and data["ctime"] == data["mtime"]
    assert "mode" not in data and "passphrase" not in data
    srt = client.post("/sources", {"description": "SRT listener source", "host": "0.0.0.0", "mode": "LISTENER", "name": "SRTsource", "port": 1234,
                                   "type": "SRT", "continuous": False}).json()["data"]
    assert srt["continuous"] is True and srt["latency"] == 20 and srt["passphrase"] == "" and "multicast" not in srt
    bad_bodies = [
        ({"type": "UDP", "port": 1, "multicast": False}, "name"),
        ({"name": "x", "type": "RTP", "port": 1}, "type"),
        ({"name": "x", "type": "UDP", "port": 70000, "multicast": False}, "port"),
        ({"name": "x", "type": "UDP", "port": 1}, "multicast"),
        ({"name": "x", "type": "UDP", "port": 1, "multicast": True}, "host"),
        ({"name": "x", "type": "SRT", "port": 1}, "mode"),
        ({"name": "x", "type": "SRT", "port": 1, "mode": "CALLER"}, "host"),
        ({"name": "x", "type": "SRT", "port": 1, "mode": "RENDEZVOUS"}, "host"),
    ]
    for body, field in bad_bodies:
        resp = client.post("/sources", body)
        assert_error(resp, 400, "010001", "InputValidation")
        assert field in resp.json()["message"], (body, resp.text)
    assert client.post("/sources", {"name": "u", "type": "UDP", "port": 5000, "multicast": False}).status_code == 200


def test_source_put_get_delete_quirks(hmp_sim):
    client = login(hmp_sim)
    created = client.post("/sources", {"name": "Edit me", "type": "SRT", "mode": "CALLER", "host": "10.0.0.1", "port": 9000, "latency": 200,
                                       "passphrase": "0123456789ab", "description": "keep?"}).json()["data"]
    created = requests.post(hmp_sim.control("items/sources"), json=dict(created, ctime=1000, mtime=1000), timeout=5).json()
    body = {"name": "Edited", "type": "SRT", "mode": "CALLER", "host": "10.0.0.2", "port": 9001, "ctime": 1, "active": True, "bitrate": 5, "id": "ignored"}
    edited = client.put("/sources/" + created["id"], body).json()["data"]
    assert edited["id"] == created["id"] and edited["ctime"] == 1000 and edited["mtime"] > 1000
    assert edited["description"] == "" and edited["latency"] == 20 and edited["passphrase"] == "" and edited["active"] is False
    assert edited["bitrate"] == 0 and "iptvIndex" in edited
    assert client.data("/sources/" + created["id"])["name"] == "Edited"
    missing = "11111111-2222-3333-4444-555555555555"
    assert_error(client.get("/sources/" + missing), 404, "040009", "SourceNotFound")
    assert_error(client.put("/sources/" + missing, {"name": "x", "type": "UDP", "port": 1, "multicast": False}), 404, "040000", "NotFound",
                 "Not Found Error")
    assert_error(client.delete("/sources/" + missing), 404, "040009")
    deleted = client.delete("/sources/" + created["id"])
    assert deleted.status_code == 200 and deleted.content == b""
    # A source of the recording session cannot go; one of an idle session leaves that session.
    town_hall = by_name(client, "/sessions", "title", "Town Hall")
    assert_error(client.delete("/sources/" + town_hall["sources"][0]), 409, "060003", "RecordingInProgress", "Recording currently in progress")
    studio = by_name(client, "/sessions", "title", "Studio A")
    assert client.delete("/sources/" + studio["sources"][0]).status_code == 200
    assert client.data("/sessions/" + studio["id"])["sources"] == studio["sources"][1:]


# Sessions ---------------------------------------------------------------------------------------------------------------
def test_sessions_and_session_sources(hmp_sim):
    client = login(hmp_sim)
    created = client.post("/sessions", {"title": "InfoDevSource", "description": "UDP", "syncrecord": True, "sources": ["ignored"]}).json()["data"]
    assert created["sources"] == [] and created["recording"] is False and created["movieTrackCount"] == 0 and created["duration"] == 0
    assert created["active"] is False and created["syncrecord"] is True
    assert_error(client.post("/sessions", {"description": "no title"}), 400, "010001")
    edited = client.put("/sessions/" + created["id"], {"title": "Renamed", "active": True}).json()["data"]
    assert edited["title"] == "Renamed" and edited["description"] == "" and edited["syncrecord"] is False and edited["active"] is True
    assert_error(client.get("/sessions/00000000-0000-4000-8000-000000000000"), 404, "040006", "SessionNotFound")

    path = f"/sessions/{created['id']}/sources"
    assert client.get(path).json() == NO_RESULTS
    sources = [source["id"] for source in client.all("/sources")]
    for index, source_id in enumerate(sources[:4]):
        assert client.post(path, {"sourceId": source_id}).json()["data"] == {"sourceId": source_id, "index": index}
    assert_error(client.post(path, {"sourceId": sources[0]}), 409, "060008", "SessionSourceAlreadyExists")
    assert_error(client.post(path, {"sourceId": sources[4]}), 400, "010001")
    assert_error(client.post(path, {"sourceId": "00000000-0000-4000-8000-000000000000"}), 404, "040009", "SourceNotFound")
    assert_error(client.post(path, {}), 400, "010001")
    listed = client.get(path).json()
    assert listed["paging"] == {"results": 4, "pageSize": 15} and listed["data"][0] == {"index": 0, "sourceId": sources[0]}
    assert client.delete(f"{path}/{sources[0]}").status_code == 200
    assert_error(client.delete(f"{path}/{sources[0]}"), 404, "040015", "TrackNotFound")
    assert client.post(path, {"sourceId": sources[4]}).json()["data"]["index"] == 4
    assert client.data("/sessions/" + created["id"])["movieTrackCount"] == 4
    assert client.get("/sessions", params={"q": "renamed"}).json()["paging"]["results"] == 1
    assert client.delete("/sessions/" + created["id"]).content == b""
    assert_error(client.delete("/sessions/" + created["id"]), 404, "040006")


def test_recording_lifecycle_becomes_video(hmp_sim):
    client = login(hmp_sim)
    town_hall = by_name(client, "/sessions", "title", "Town Hall")
    assert town_hall["recording"] is True
    assert_error(client.delete("/sessions/" + town_hall["id"]), 409, "060003", "RecordingInProgress", "Recording currently in progress")
    assert_error(client.post(f"/sessions/{town_hall['id']}/sources", {"sourceId": client.all("/sources")[1]["id"]}), 409, "060003")
    assert_error(client.delete(f"/sessions/{town_hall['id']}/sources/{town_hall['sources'][0]}"), 409, "060003")
    assert_error(client.post(f"/sessions/{town_hall['id']}/recordings"), 409, "060003")

    studio = by_name(client, "/sessions", "title", "Studio A")
    resp = client.post(f"/sessions/{studio['id']}/recordings", {"recorders": [{"source": studio["sources"][1]}, {"source": "not-a-member"}]})
    recording = resp.json()["data"]
    assert resp.status_code == 200 and recording["state"] == "RECORDING" and recording["session"] == studio["id"]
    assert recording["username"] == "haiadmin" and recording["title"].startswith("Studio A - ") and len(recording["recorders"]) == 1
    recorder = recording["recorders"][0]
    assert recorder["source"] == studio["sources"][1] and recorder["chunk"] == f"asset-chunk://{recording['id']}/1/0/0" and recorder["id"].isdigit()
    assert client.data("/sessions/" + studio["id"])["recording"] is True
    assert client.get("/recordings").json()["paging"]["results"] == 2
    assert [item["id"] for item in client.data(f"/sessions/{studio['id']}/recordings")] == [recording["id"]]

    path = "/recordings/" + recording["id"]
    paused = client.put(path, {"state": "PAUSED"}).json()["data"]
    assert paused["state"] == "PAUSED" and paused["recorders"][0]["state"] == "PAUSED"
    time.sleep(0.3)
    assert client.data(path)["duration"] == paused["duration"]
    assert client.data("/sessions/" + studio["id"])["recording"] is True
    assert_error(client.delete("/sessions/" + studio["id"]), 409, "060003")
    assert_error(client.put(path, {"state": "STOPPED"}), 400, "010001", message="State should be either 'RECORDING' or PAUSED'")
    resumed = client.put(path, {"state": "RECORDING"}).json()["data"]
    assert resumed["state"] == "RECORDING" and resumed["recorders"][0]["state"] == "RECORDING"
    time.sleep(0.2)
    duration = client.data(path)["duration"]
    assert duration > paused["duration"]

    stopped = client.delete(path)
    assert stopped.status_code == 200 and stopped.content == b""
    assert_error(client.get(path), 404, "040001", "RecordingNotFound", "Active recording not found")
    assert_error(client.delete(path), 404, "040001")
    video = client.data("/assets/" + recording["id"])
    assert video["title"] == recording["title"] and video["description"] == "" and video["movieTrackCount"] == 1 and video["duration"] >= duration
    metadata = {entry["name"]: entry["field"][0]["valueString"] for entry in client.data(f"/assets/{recording['id']}/metadata")}
    assert metadata["calypso:recorded_from_session"] == studio["id"] and metadata["calypso:creator"] == "haiadmin"
    assert recording["id"] in [item["id"] for item in client.data(f"/sessions/{studio['id']}/assets")]
    assert client.data("/sessions/" + studio["id"])["recording"] is False
    assert client.get(f"/sessions/{studio['id']}/recordings").json() == NO_RESULTS

    empty = client.post("/sessions", {"title": "No sources"}).json()["data"]
    assert_error(client.post(f"/sessions/{empty['id']}/recordings"), 409, "060009", message="Session requires at least one source")
    assert_error(client.post("/sessions/00000000-0000-4000-8000-000000000000/recordings"), 404, "040006")


# Videos, categories, streams ------------------------------------------------------------------------------------------------
def test_videos_metadata_categories_and_search(hmp_sim):
    client = login(hmp_sim)
    videos = client.all("/assets")
    assert len(videos) >= 5 and any(video["movieTrackCount"] == 2 for video in videos)
    assert set(videos[0]) == {"id", "title", "description", "active", "ctime", "mtime", "tag", "duration", "recording", "trimming", "importing",
                              "movieTrackCount"}
    assert [video["title"] for video in client.data("/assets", params={"q": "TOWN HALL"})] == ["Quarterly Update"]
    chicago = client.data("/assets", params={"filter": 'category::"Locations" IN ("Chicago","Austin")'})
    assert [video["title"] for video in chicago] == ["Product Launch"]
    located = client.data("/assets", params={"filter": 'category::"Locations" NOT IN ("") & category::"Department" IN ("Sales")'})
    assert [video["title"] for video in located] == ["Quarterly Update"]
    assert_error(client.get("/assets", params={"filter": "Locations = Chicago"}), 400, "010002", "InvalidFilter")

    categories = client.all("/categories")
    assert {category["label"] for category in categories} == {"Locations", "Department"}
    assert client.data("/categories/" + categories[0]["id"]) == categories[0]
    assert_error(client.get("/categories/nope"), 404, "040007", "CategoryNotFound")

    video = videos[0]
    edited = client.put("/assets/" + video["id"], {"title": "New title"}).json()["data"]
    assert edited["title"] == "New title" and edited["description"] == "" and edited["id"] == video["id"]
    assert_error(client.put("/assets/" + video["id"], {"description": "no title"}), 400, "010001")
    replaced = client.put(f"/assets/{video['id']}/metadata", [{"name": "calypso:category:Locations",
                                                              "field": [{"fieldType": "STRING", "valueString": "Austin"}]}]).json()["data"]
    assert replaced == [{"name": "calypso:category:Locations", "field": [{"fieldType": "STRING", "valueString": "Austin"}]}]
    assert_error(client.put(f"/assets/{video['id']}/metadata", {"name": "x"}), 400, "010001")
    with_creator = client.data(f"/assets/{videos[1]['id']}/metadata")
    assert {"calypso:creator", "calypso:creatorDisplayName"} <= {entry["name"] for entry in with_creator}
    missing = "00000000-0000-4000-8000-000000000000"
    for method in ("GET", "PUT", "DELETE"):
        assert_error(client.call(method, "/assets/" + missing, json={"title": "x"}), 404, "040002", "AssetNotFound", "Video not found")

    streams = client.data("/streams")
    played = next(stream for stream in streams if stream["asset"] == video["id"])
    assert client.delete("/assets/" + video["id"]).content == b""
    assert_error(client.get("/assets/" + video["id"]), 404, "040002")
    assert played["id"] not in [stream["id"] for stream in client.data("/streams")]


def test_streams_create_toggle_delete(hmp_sim):
    client = login(hmp_sim)
    videos = client.all("/assets")
    single = next(video for video in videos if video["movieTrackCount"] == 1)
    multi = next(video for video in videos if video["movieTrackCount"] == 2)
    created = client.post(f"/assets/{single['id']}/streams", {"address": "239.134.32.100", "port": 4900})
    stream = created.json()["data"]
    assert created.status_code == 200 and stream["state"] == "playing" and stream["username"] == "haiadmin" and stream["asset"] == single["id"]
    assert set(stream) == {"address", "port", "asset", "username", "id", "state"}
    assert_error(client.post(f"/assets/{single['id']}/streams", {"address": "239.1.1.1", "port": 70000}), 400, "010001")
    assert_error(client.post(f"/assets/{single['id']}/streams", {"port": 4900}), 400, "010001")
    assert_error(client.post(f"/assets/{multi['id']}/streams", {"address": "239.1.1.1", "port": 4900}), 400, "010005", "MultiSourcesStream")
    multi_stream = client.post(f"/assets/{multi['id']}/streams", {"address": "239.1.1.1", "port": 4900, "destinations": [
        {"trackId": 1, "address": "239.1.1.2", "port": 5000}, {"trackId": 2, "address": "239.1.1.3", "port": 5002}]}).json()["data"]
    assert multi_stream["address"] == "multiple" and multi_stream["port"] == 0 and len(multi_stream["destinations"]) == 2

    path = "/streams/" + stream["id"]
    assert client.put(path, {"state": "paused"}).json()["data"]["state"] == "paused"
    assert client.put(path, {}).json()["data"]["state"] == "playing"
    assert client.put(path).json()["data"]["state"] == "paused"
    resp = client.put(path, {"state": "stopped"})
    assert_error(resp, 400, "010001", "InputValidationFailed", "Invalid state stopped")
    assert client.data(f"/assets/{single['id']}/streams/{stream['id']}")["state"] == "paused"
    assert_error(client.get(f"/assets/{multi['id']}/streams/{stream['id']}"), 404, "040003")
    listed = client.get("/streams").json()
    assert "paging" not in listed and all("state" in item for item in listed["data"]) and len(listed["data"]) == 4
    assert client.get(f"/assets/{multi['id']}/streams").json()["paging"]["results"] == 2
    assert client.delete(path).content == b""
    assert_error(client.delete(path), 404, "040003", "StreamNotFound")
    assert_error(client.put(path, {"state": "playing"}), 404, "040003")


def test_events_validation_and_edit(hmp_sim):
    client = login(hmp_sim)
    session = by_name(client, "/sessions", "title", "Boardroom")
    path = f"/sessions/{session['id']}/events"
    body = {"module": "session", "startTime": 1592344800, "duration": 7200, "type": "weekly-recurring", "typeData": {"days": ["MON", "WED", "SAT"]},
            "command": "set-live", "parameters": {"record": True}, "active": True}
    created = client.post(path, body).json()["data"]
    assert created == dict(body, moduleId=session["id"], id=created["id"], title="Boardroom")
    broken = [
        (dict(body, module="sessions"), "module"), (dict(body, startTime="noon"), "startTime"), (dict(body, startTime=1.5), "startTime"),
        (dict(body, duration="long"), "duration"), (dict(body, type="daily"), "type"), (dict(body, typeData={}), "typeData.days"),
        (dict(body, typeData={"days": ["MONDAY"]}), "typeData.days"), (dict(body, command="stop"), "command"),
        ({key: value for key, value in body.items() if key != "parameters"}, "parameters"),
        ({key: value for key, value in body.items() if key != "active"}, "active"),
    ]
    for bad, field in broken:
        resp = client.post(path, bad)
        assert_error(resp, 400, "010000", "BadRequest")
        assert field in resp.json()["message"], (bad, resp.text)
    one_time = {"module": "session", "startTime": 1893456000, "type": "one-time", "command": "record", "active": False, "moduleId": "ignored"}
    edited = client.put(f"{path}/{created['id']}", one_time).json()["data"]
    assert edited["type"] == "one-time" and "typeData" not in edited and "duration" not in edited and edited["moduleId"] == session["id"]
    assert client.data(f"{path}/{created['id']}")["active"] is False
    assert client.get(path).json()["paging"]["results"] == 2
    assert_error(client.get(f"{path}/00000000-0000-4000-8000-000000000000"), 404, "040031", "ScheduledEventNotFound", "Scheduled event not found")
    other = by_name(client, "/sessions", "title", "Studio A")
    assert_error(client.get(f"/sessions/{other['id']}/events/{created['id']}"), 404, "040031")
    assert_error(client.post("/sessions/00000000-0000-4000-8000-000000000000/events", body), 404, "040006")
    kinds = {event["type"] for sess in client.all("/sessions") for event in client.all(f"/sessions/{sess['id']}/events")}
    assert kinds == {"one-time", "weekly-recurring"}


# Set-top boxes --------------------------------------------------------------------------------------------------------------
def test_stb_list_filters_and_shape(hmp_sim):
    client = login(hmp_sim)
    body = client.get("/devices/stbs").json()
    assert body["paging"] == {"numResults": 36, "numPages": 3, "hasMoreData": True} and len(body["data"]) == 15
    everything = client.get("/devices/stbs", params={"pageSize": 500}).json()["data"]
    statuses = [box["status"] for box in everything]
    assert statuses.count("Online") > len(everything) / 2 and {"Standby", "Offline", "Never", "Warning"} <= set(statuses)
    box = everything[0]
    for field in ("_id", "hostname", "ip", "mac", "name", "tags", "status", "channelId", "channelName", "channelType", "lastAcceptedUpdate",
                  "lastConnectedAt", "muted", "standby", "volume", "firmware", "type", "statusDetails", "statusLevel", "timezone", "lastConnection"):
        assert field in box
    assert len(box["_id"]) == 22 and "-" not in box["_id"] and box["lastConnectedAt"] > 10 ** 12
    assert all(box["standby"] == (box["status"] == "Standby") for box in everything)
    typed = client.get("/devices/stbs", params={"deviceTypes": '["play_stb_4000","calypso_stb"]', "pageSize": 500}).json()
    assert typed["paging"]["numResults"] == len([b for b in everything if b["type"] in ("play_stb_4000", "calypso_stb")]) > 0
    assert {b["type"] for b in typed["data"]} == {"play_stb_4000", "calypso_stb"}
    tagged = client.get("/devices/stbs", params={"tags": "lobby,boardroom", "pageSize": 500}).json()["data"]
    assert tagged and all({"lobby", "boardroom"} & set(b["tags"]) for b in tagged)
    page3 = client.get("/devices/stbs", params={"page": 3}).json()
    assert page3["paging"]["hasMoreData"] is False and len(page3["data"]) == 6
    assert client.data("/devices/stbs/" + box["_id"]) == box
    assert_error(client.get("/devices/stbs/nope"), 404, "040000", "NotFound", "Device not found")
    assert_error(client.get("/devices/stbs", params={"pageSize": "x"}), 400, "010001")


def test_stb_commands_effects_and_offline(hmp_sim):
    client = login(hmp_sim)
    boxes = client.get("/devices/stbs", params={"pageSize": 500}).json()["data"]
    online = next(box for box in boxes if box["status"] == "Online")
    path = f"/devices/stbs/{online['_id']}/commands"

    def send(command, parameters=None):
        """POST one command to the box."""
        body = {"command": command}
        if parameters is not None:
            body["parameters"] = parameters
        return client.post(path, body)

    assert send("standby-on").json() == {"data": COMMAND_OK}
    box = client.data("/devices/stbs/" + online["_id"])
    assert box["standby"] is True and box["status"] == "Standby"
    assert send("standby-off").status_code == 200 and client.data("/devices/stbs/" + online["_id"])["status"] == "Online"
    assert send("mute").status_code == 200 and client.data("/devices/stbs/" + online["_id"])["muted"] is True
    assert send("unmute").status_code == 200 and client.data("/devices/stbs/" + online["_id"])["muted"] is False
    assert send("set-volume", {"volume": 0.75}).status_code == 200 and client.data("/devices/stbs/" + online["_id"])["volume"] == 0.75
    for volume in (1.5, -0.1, "loud", None):
        assert_error(send("set-volume", {"volume": volume}), 400, "010001")
    source = client.all("/sources")[0]
    assert send("set-channel", {"id": source["id"], "name": None, "type": "source"}).status_code == 200
    box = client.data("/devices/stbs/" + online["_id"])
    assert (box["channelId"], box["channelName"], box["channelType"]) == (source["id"], source["name"], "source")
    assert_error(send("set-channel", {"id": "00000000-0000-4000-8000-000000000000", "type": "asset"}), 404, "040000")
    assert_error(send("set-channel", {"id": source["id"], "type": "radio"}), 400, "010001")
    assert send("show-text-message", {"data": [{"message": "Hello", "duration": 300000, "color": "#ffffff", "blink": False}]}).status_code == 200
    assert_error(send("show-text-message", {}), 400, "010001")
    assert send("reboot").status_code == 200
    assert_error(send("self-destruct"), 400, "010001")

    offline = next(box for box in boxes if box["status"] == "Offline")
    assert_error(client.post(f"/devices/stbs/{offline['_id']}/commands", {"command": "reboot"}), 404, "040000", "NotFound", "Device stream not found")
    assert_error(client.post("/devices/stbs/unknown/commands", {"command": "reboot"}), 404, "040000", "NotFound", "Device not found")
    requests.post(hmp_sim.control("items/stbs"), json=dict(online, status="Offline"), timeout=5).raise_for_status()
    assert_error(send("mute"), 404, "040000", message="Device stream not found")

    dump = state(hmp_sim)
    sent = [entry["command"] for entry in dump["stb_commands"]]
    assert sent == ["standby-on", "standby-off", "mute", "unmute", "set-volume", "set-channel", "show-text-message", "reboot"]
    assert dump["stb_commands"][4]["parameters"] == {"volume": 0.75} and dump["stb_commands"][0]["stbId"] == online["_id"]
    assert [box["_id"] for box in dump["stbs"]["changed"]] == [online["_id"]] and dump["stbs"]["changed"][0]["status"] == "Offline"
    requests.post(hmp_sim.control("reset"), json={}, timeout=5).raise_for_status()
    assert state(hmp_sim)["stb_commands"] == [] and client.data("/devices/stbs/" + online["_id"])["status"] == "Online"


# Control API, seed, transport --------------------------------------------------------------------------------------------------
def test_seed_users_groups_and_state(hmp_sim):
    client = login(hmp_sim)
    users = client.all("/users/enabled")
    assert "haiadmin" in {user["username"] for user in users}
    assert {"id", "username", "displayName", "email", "dn", "roles", "assets", "sessions", "shares", "userAttribute", "userContext",
            "userObjectClass"} <= set(users[0])
    assert {group["name"] for group in client.all("/groups/enabled")} == {"Administrators", "Operators", "Viewers"}
    sources = client.all("/sources")
    kinds = {(source["type"], source.get("multicast"), source.get("mode")) for source in sources}
    assert {("UDP", True, None), ("UDP", False, None), ("SRT", None, "LISTENER"), ("SRT", None, "CALLER")} <= kinds
    sessions = client.all("/sessions")
    assert len(sessions) == 3 and all(session["sources"] for session in sessions) and sum(s["recording"] for s in sessions) == 1
    assert len(client.data("/streams")) == 2 and any("destinations" in stream for stream in client.data("/streams"))
    dump = state(hmp_sim)
    assert set(dump["collections"]) == {"sources", "sessions", "recordings", "assets", "streams", "events", "users", "groups", "categories",
                                        "compositions"}
    assert dump["stbs"]["count"] == 36 and dump["stbs"]["changed"] == [] and dump["auth"]["sessions"] >= 1
    assert len(client.all("/_/compositions")) == 2
    assert client.data("/sections/content", params={"itemType": "session"})[0].keys() == {"id", "title", "itemType"}


def test_reset_items_and_deterministic_seed(hmp_sim, start_simulator):
    client = login(hmp_sim)
    inserted = requests.post(hmp_sim.control("items/sources"), json={"name": "Raw", "type": "UDP", "port": 1}, timeout=5).json()
    assert client.data("/sources/" + inserted["id"])["name"] == "Raw"
    assert requests.delete(hmp_sim.control("items/sources/" + inserted["id"]), timeout=5).status_code == 200
    assert requests.delete(hmp_sim.control("items/sources/" + inserted["id"]), timeout=5).status_code == 404
    assert requests.post(hmp_sim.control("items/nothing"), json={}, timeout=5).status_code == 404
    session = requests.post(hmp_sim.control("items/sessions"), json={"title": "Raw session", "sources": [client.all("/sources")[0]["id"]]},
                            timeout=5).json()
    assert client.data("/sessions/" + session["id"])["movieTrackCount"] == 1
    stb_ids = [box["_id"] for box in client.get("/devices/stbs", params={"pageSize": 500}).json()["data"]]
    requests.post(hmp_sim.control("reset"), json={"empty": True}, timeout=5).raise_for_status()
    assert client.get("/sessions").json() == NO_RESULTS and client.get("/recordings").json() == NO_RESULTS
    assert [box["_id"] for box in client.get("/devices/stbs", params={"pageSize": 500}).json()["data"]] == stb_ids
    requests.post(hmp_sim.control("reset"), json={}, timeout=5).raise_for_status()
    seeded = [source["id"] for source in client.all("/sources")]
    same_seed = login(start_simulator("hmp", "--stbs", "3"))
    assert [source["id"] for source in same_seed.all("/sources")] == seeded
    assert [box["_id"] for box in same_seed.get("/devices/stbs").json()["data"]] == stb_ids[:3]
    empty = start_simulator("hmp", "--empty", "--stbs", "3")
    empty_client = login(empty)
    assert empty_client.get("/sources").json() == NO_RESULTS and empty_client.get("/assets").json() == NO_RESULTS
    assert empty_client.get("/devices/stbs").json()["paging"]["numResults"] == 3
    requests.post(empty.control("reset"), json={}, timeout=5).raise_for_status()
    assert empty_client.get("/sources").json() == NO_RESULTS
    assert all(box["channelId"] is None for box in empty_client.get("/devices/stbs").json()["data"])


def test_faults_use_hmp_error_body(hmp_sim):
    client = login(hmp_sim)
    requests.post(hmp_sim.control("faults"), json={"count": 1, "status": 503, "path_prefix": "/apis/sources", "retry_after": 2},
                  timeout=5).raise_for_status()
    resp = client.get("/sources")
    assert_error(resp, 503, "090002", "ServiceUnavailable")
    assert resp.headers["Retry-After"] == "2" and client.get("/sources").status_code == 200
    assert [entry["status"] for entry in log(hmp_sim)][-2:] == [503, 200]


def test_tls_custom_credentials_and_sigterm(start_simulator, tmp_path):
    pytest.importorskip("trustme")
    sim = start_simulator("hmp", "--tls", "--cert-dir", str(tmp_path), "--username", "ops", "--password", "pw", "--api-key", "k",
                          "--api-secret", "s", "--token-ttl", "60", "--seed", "7", "--stbs", "0")
    assert sim.url.startswith("https://127.0.0.1:") and sim.ca == str(tmp_path / "ca.pem")
    assert requests.post(sim.url + "/apis/authentication/login", json=LOGIN, verify=sim.ca, timeout=5).status_code == 401
    resp = requests.post(sim.url + "/apis/authentication/login", json={"username": "ops", "password": "pw"}, verify=sim.ca, timeout=5)
    assert resp.status_code == 200 and resp.json()["data"]["username"] == "ops"
    key = requests.post(sim.url + "/apis/authentication/login/key", json={"apiKey": "k", "apiSecret": "s"}, verify=sim.ca, timeout=5).json()["data"]
    client = Client(sim, token=key["authToken"], verify=sim.ca)
    assert client.data("/system/version")["version"] == "4.1.1"
    assert "ops" in {user["username"] for user in client.all("/users/enabled")}
    assert client.get("/devices/stbs").json() == {"data": [], "paging": {"numResults": 0, "numPages": 0, "hasMoreData": False}}
    assert sim.stop() == 0
