# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The playbook_migrate target's checks, through the VOS simulators' control API (/__sim__/).

usage: verify.py COMMAND URL [URL]
  setup TARGET          give the (empty) target what only it has: profiles 'ord.1080 2' and 'ord.origin', the
                        cloud-link group ORD-CL-GROUP-A with its cloud link
  clear URL             clear the request log
  no-writes URL         the log holds requests but no POST, PUT or DELETE (fails listing them)
  only-reads URL        every logged request is a GET (the source cluster)
  migrated TARGET       the target holds exactly the mapped objects, references resolved to the target's ids
  off-air TARGET        the copied services are all OFF (after the migrate_control_state=off run)
"""

from __future__ import annotations

import json
import sys
import urllib.request

WRITES = ("POST", "PUT", "DELETE")


def call(url, method, path, body=None):
    """One control API call; the decoded JSON answer (None when empty)."""
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url + "/__sim__/" + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as answer:
        text = answer.read().decode()
    return json.loads(text) if text else None


def collections(url):
    return call(url, "GET", "state")["collections"]


def by_name(items, key="name"):
    return {item[key]: item for item in items}


def check(condition, message):
    if not condition:
        raise SystemExit("verify: " + message)


def setup(url):
    uplink = call(url, "POST", "items/uplinks", {"name": "ord-cloudlink-01", "ipAddress": "10.40.30.11", "rank": 1,
                                                 "version": "2.4.1.0.57"})
    call(url, "POST", "items/uplink_groups", {"name": "ORD-CL-GROUP-A", "uplinkIds": [uplink["id"]]})
    call(url, "POST", "items/profiles", {"name": "ord.1080 2", "customerVersion": "2", "type": "MULTISCREEN"})
    call(url, "POST", "items/profiles", {"name": "ord.origin", "customerVersion": "1", "type": "DESTINATION"})
    state = collections(url)
    check(not state["services"] and not state["sources"] and not state["destinations"] and not state["images"],
          "the target is not empty")


def writes(url):
    return [r for r in call(url, "GET", "requests") if r["method"] in WRITES and not r["path"].startswith("/oauth/")]


def no_writes(url):
    log = call(url, "GET", "requests")
    check(log, "no request reached %s: the run did not read it" % url)
    sent = writes(url)
    check(not sent, "writes reached %s: %s" % (url, ["%s %s" % (r["method"], r["path"]) for r in sent]))
    print("%d requests, no write" % len(log))


def only_reads(url):
    log = call(url, "GET", "requests")
    check(log, "no request reached %s" % url)
    others = sorted({"%s %s" % (r["method"], r["path"]) for r in log if r["method"] != "GET"})
    check(not others, "the source cluster received other requests than GET: %s" % others)
    print("%d requests, all GET" % len(log))


def migrated(url):
    state = collections(url)
    profiles = {p["id"]: p["name"] for p in state["profiles"]}
    groups = {g["id"]: g["name"] for g in state["uplink_groups"]}
    images = {i["id"]: i["url"] for i in state["images"]}
    sources = {s["id"]: s["name"] for s in state["sources"]}
    destinations = {d["id"]: d["name"] for d in state["destinations"]}

    check(sorted(images.values()) == ["http://slates.example.com/ord/blackout.png",
                                      "http://slates.example.com/vos/signal-loss.png"], "images: %s" % images)
    check(sorted(sources.values()) == ["ord.AandEHD.src", "ord.CNNHD.src", "ord.HBOHD.src"], "sources: %s" % sources)
    check(sorted(destinations.values()) == ["AandEHD-1382.ord.1080.mobile.origin", "CNNHD-2041.ord.720.mobile.ATS",
                                            "HBOHD-5120.ord.720.mobile.ATS"], "destinations: %s" % destinations)
    services = by_name(state["services"])
    check(sorted(services) == ["AandEHD.1080.ord", "HBOHD.720.ord", "cnn.news.720"], "services: %s" % sorted(services))

    expected_services = {
        # name: (profile, source, destination, control state)
        "AandEHD.1080.ord": ("ord.1080 2", "ord.AandEHD.src", "AandEHD-1382.ord.1080.mobile.origin", "ACTIVATED"),
        "cnn.news.720": ("dfw.720 3", "ord.CNNHD.src", "CNNHD-2041.ord.720.mobile.ATS", "ACTIVATED"),
        "HBOHD.720.ord": ("dfw.720 3", "ord.HBOHD.src", "HBOHD-5120.ord.720.mobile.ATS", "OFF"),
    }
    for name, (profile, source, destination, control) in expected_services.items():
        service = services[name]
        check(profiles.get(service["profileId"]) == profile, "%s profile %s" % (name, service["profileId"]))
        check([sources.get(s["sourceId"]) for s in service["serviceSources"]] == [source], "%s sources" % name)
        check([destinations.get(d) for d in service["destinationsId"]] == [destination], "%s destinations" % name)
        check(destinations.get(service["destinationId"]) == destination, "%s main destination" % name)
        check(service["controlState"] == control, "%s control state %s" % (name, service["controlState"]))
        check(images.get(service["addons"]["scte35SlateAddon"]["imageId"]) == "http://slates.example.com/ord/blackout.png",
              "%s slate image" % name)

    expected_groups = {"ord.AandEHD.src": "ORD-CL-GROUP-A", "ord.CNNHD.src": "DFW-CL-GROUP-B",
                       "ord.HBOHD.src": "DFW-CL-GROUP-B"}
    for source in state["sources"]:
        zixi = [i for i in source["inputs"] if i["type"] == "ZIXI"]
        slate = [i for i in source["inputs"] if i["type"] == "SLATE"]
        group = zixi[0]["zixiSettings"]["harmonicUplinkSetting"]["uplinkGroupId"]
        check(groups.get(group) == expected_groups[source["name"]], "%s cloud-link group %s" % (source["name"], group))
        check(images.get(slate[0]["slateSettings"]["imageId"]) == "http://slates.example.com/vos/signal-loss.png",
              "%s slate input" % source["name"])

    expected_destinations = {"AandEHD-1382.ord.1080.mobile.origin": ("ord.origin", None),
                             "CNNHD-2041.ord.720.mobile.ATS": ("ATS", "DFW-CL-GROUP-B"),
                             "HBOHD-5120.ord.720.mobile.ATS": ("ATS", "DFW-CL-GROUP-B")}
    for destination in state["destinations"]:
        profile, group = expected_destinations[destination["name"]]
        check(profiles.get(destination["destinationProfileId"]) == profile, "%s profile" % destination["name"])
        if group:
            check(groups.get(destination["outputs"][0]["ipSettings"]["cloudlinkGroupId"]) == group,
                  "%s cloud-link group" % destination["name"])
        else:
            end_points = destination["outputs"][0]["originSettings"]["originOutputEndPoints"]
            check(len(end_points) == 4, "%s end points" % destination["name"])
            check(not any(e.get("password") for e in end_points), "%s: a password was copied" % destination["name"])
    print("target holds exactly the mapped objects")


def off_air(url):
    states = {s["name"]: s["controlState"] for s in collections(url)["services"]}
    check(set(states.values()) == {"OFF"} and len(states) == 3, "control states: %s" % states)
    print("services off air: %s" % sorted(states))


COMMANDS = {"setup": setup, "clear": lambda url: call(url, "DELETE", "requests"), "no-writes": no_writes,
            "only-reads": only_reads, "migrated": migrated, "off-air": off_air}

if __name__ == "__main__":
    COMMANDS[sys.argv[1]](sys.argv[2])
