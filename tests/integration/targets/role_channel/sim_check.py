# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Checks of the role_channel target against the simulators' control API (/__sim__/).

    sim_check.py clear URL...                    empty the request logs
    sim_check.py no-writes URL...                fail listing any configuration write since the logs were cleared
    sim_check.py lineup VOS_URL HMP_URL PHASE    the simulators hold lineup.yml; PHASE is "applied" (the seeded
                                                 objects are still there) or "purged" (only the line-up's are)
    sim_check.py changed LOG                     print the changed= count of the PLAY RECAP in an ansible-playbook log
"""

from __future__ import annotations

import json
import re
import sys
import urllib.request

#: Login and logout requests are not configuration writes (VOS /oauth/, HMP /apis/authentication/).
AUTH = re.compile(r"^/oauth/|/authentication/")
WRITES = ("POST", "PUT", "PATCH", "DELETE")

SERVICES = {"it.news", "it.sports", "it.movies"}
SOURCES = {"it.news.primary", "it.news.backup", "it.sports.feed", "it.movies.primary"}
DESTINATIONS = {"it.news.origin", "it.news.ats", "it.sports.origin", "it.movies.ats"}


def call(url: str, path: str, method: str = "GET") -> object:
    request = urllib.request.Request(url + "/__sim__/" + path, method=method)
    with urllib.request.urlopen(request) as answer:
        return json.loads(answer.read().decode() or "null")


def check(condition: bool, message: str) -> None:
    if not condition:
        raise SystemExit("sim_check: " + message)


def by_name(items: list, key: str = "name") -> dict:
    return {item[key]: item for item in items}


def lineup(vos_url: str, hmp_url: str, phase: str) -> None:
    vos = call(vos_url, "state")["collections"]  # type: ignore[index]
    services, sources, destinations = by_name(vos["services"]), by_name(vos["sources"]), by_name(vos["destinations"])
    images = {image["id"]: image["url"] for image in vos["images"]}
    groups = {group["id"]: group["name"] for group in vos["uplink_groups"]}
    source_ids = {source["id"]: name for name, source in sources.items()}
    destination_ids = {destination["id"]: name for name, destination in destinations.items()}
    for want, have, kind in ((SERVICES, services, "services"), (SOURCES, sources, "sources"),
                             (DESTINATIONS, destinations, "destinations")):
        check(want <= set(have), "%s missing: %s" % (kind, sorted(want - set(have))))
        if phase == "purged":
            check(set(have) == want, "%s not purged: %s" % (kind, sorted(set(have) - want)))
        else:
            check(len(have) == len(want) + 4, "%s: expected the line-up's and the 4 seeded, got %s" % (kind, sorted(have)))
    check("http://slates.example.com/it/news.png" in images.values(), "slate image not registered: %s" % images)
    check(len(images) == 3, "slate images are never purged: %s" % images)

    news = services["it.news"]
    check(news["controlState"] == "ACTIVATED", "it.news is not on air")
    check([(s["rank"], source_ids[s["sourceId"]]) for s in news["serviceSources"]]
          == [(1, "it.news.primary"), (2, "it.news.backup")], "it.news sources: %s" % news["serviceSources"])
    check([destination_ids[i] for i in news["destinationsId"]] == ["it.news.origin", "it.news.ats"],
          "it.news destinations: %s" % news["destinationsId"])
    check(images[news["addons"]["scte35SlateAddon"]["imageId"]] == "http://slates.example.com/it/news.png",
          "it.news slate: %s" % news["addons"])
    check(services["it.movies"]["controlState"] == "OFF", "it.movies is on air")
    check(services["it.sports"]["serviceSources"][0]["sourceId"] == sources["it.sports.feed"]["id"], "it.sports source")

    primary = sources["it.news.primary"]["inputs"]
    uplink = primary[0]["zixiSettings"]["harmonicUplinkSetting"]
    check((primary[0]["rank"], primary[0]["type"], groups[uplink["uplinkGroupId"]], uplink["ipAddress"], uplink["ipPort"])
          == (1, "ZIXI", "DFW-CL-GROUP-A", "232.60.0.1", 5000), "it.news.primary input 1: %s" % primary[0])
    check((primary[1]["rank"], primary[1]["type"], primary[1]["slateSettings"]["type"],
           images[primary[1]["slateSettings"]["imageId"]])
          == (2, "SLATE", "SIGNAL_LOSS", "http://slates.example.com/it/news.png"), "it.news.primary input 2: %s" % primary[1])
    check(len(sources["it.movies.primary"]["inputs"]) == 1, "it.movies has no slate, so no slate input")

    origin = destinations["it.news.origin"]
    end_points = origin["outputs"][0]["originSettings"]["originOutputEndPoints"]
    check((origin["type"], [e["packagingProfileType"] for e in end_points]) == ("ORIGIN", ["e_DASH", "e_HLS"]),
          "it.news.origin: %s" % origin)
    check(end_points[0]["password"] == "it-end-point-secret", "the end point password was not set on create")
    ats = destinations["it.news.ats"]["outputs"][0]
    check((ats["outputType"], ats["ipSettings"]["ipAddress"], ats["ipSettings"]["ipPort"],
           groups[ats["ipSettings"]["cloudlinkGroupId"]]) == ("HARMONIC_CLOUDLINK", "239.60.0.1", 40000, "DFW-CL-GROUP-A"),
          "it.news.ats output: %s" % ats)

    hmp = call(hmp_url, "state")
    collections = hmp["collections"]  # type: ignore[index]
    hmp_sources = {source["id"]: source["name"] for source in collections["sources"]}
    sessions = [s for s in collections["sessions"] if s["title"] == "IT Evening News"]
    check(len(sessions) == 1, "HMP session: %s" % sessions)
    session = sessions[0]
    check(session["syncrecord"] is True, "HMP session sync_record")
    check([hmp_sources[s["sourceId"]] for s in hmp["session_sources"][session["id"]]]  # type: ignore[index]
          == ["Lobby Encoder", "Studio A Camera"], "HMP session sources")
    events = sorted((e["type"], e["command"], e.get("typeData", {}).get("days"), e["duration"], e["active"])
                    for e in collections["events"] if e["moduleId"] == session["id"])
    check(events == [("one-time", "set-live", None, 7200, True), ("weekly-recurring", "record", ["WED", "FRI"], 3600, True)],
          "HMP events: %s" % events)
    check(len(collections["sessions"]) == 4, "HMP is never purged: %s" % [s["title"] for s in collections["sessions"]])


def main(argv: list) -> None:
    command, args = argv[1], argv[2:]
    if command == "clear":
        for url in args:
            call(url, "requests", "DELETE")
    elif command == "no-writes":
        for url in args:
            writes = ["%s %s" % (r["method"], r["path"]) for r in call(url, "requests")  # type: ignore[union-attr]
                      if r["method"] in WRITES and not AUTH.search(r["path"])]
            check(not writes, "writes reached %s: %s" % (url, writes))
    elif command == "lineup":
        lineup(*args)
    elif command == "changed":
        with open(args[0], encoding="utf-8") as log:
            counts = re.findall(r"\schanged=(\d+)\s", log.read())
        check(len(counts) == 1, "no single PLAY RECAP line in %s" % args[0])
        print(counts[0])
    else:
        raise SystemExit("sim_check: unknown command %r" % command)


if __name__ == "__main__":
    main(sys.argv)
