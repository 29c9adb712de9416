#!/usr/bin/env python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Simulator set-up and checks of the role_health target (standard library only).

    sim.py seed-problems VOS_URL HMP_URL      an HMP recording in state ERROR, a VOS notification whose title is markup
    sim.py healthy VOS_URL HMP_URL DMS_URL ELECTRA_URL
                                              clear every problem the health rules count (through /__sim__/)
    sim.py clear-logs URL...                  empty the simulators' request logs
    sim.py check-readonly [--none] URL...     only reads (and logins) in the request logs; --none: no request at all
    sim.py check-report FILE SERVICES DEVICE=STATUS...
                                              the report: one card per device with its status, its findings table and
                                              data tables, SERVICES SVGs in
                                              section.topology, nothing external, device strings escaped
"""

from __future__ import annotations

import json
import sys
import urllib.request
from html.parser import HTMLParser
from http.cookiejar import CookieJar

#: A device-provided string that must come out escaped in the report.
MARKUP = "<script>alert('health')</script><b>bold</b>"

#: Requests that are not configuration writes: logins and logouts.
LOGIN_PATHS = ("/apis/authentication/login", "/api/v1/auth/login", "/api/v1/auth/logout", "/oauth/token")
READ_METHODS = ("GET", "HEAD", "SNMP-GET", "SNMP-GETNEXT", "SNMP-GETBULK")
#: Data tables (section.data-table) of a reachable device's card, by integration (the hosts are named <integration>-x).
DATA_TABLES = {"vos": 3, "hmp": 2, "dms": 2, "electra": 2}


def call(url, method, path, body=None, opener=None):
    """One JSON request; returns the decoded answer (None when empty)."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url + path, data=data, method=method, headers={"Content-Type": "application/json"})
    with (opener or urllib.request.build_opener()).open(request, timeout=10) as answer:
        text = answer.read()
    return json.loads(text) if text else None


def state(url):
    return call(url, "GET", "/__sim__/state")


def items(collection):
    """A simulator collection as a list (the dumps hold lists or {key: item} dicts)."""
    return list(collection.values()) if isinstance(collection, dict) else list(collection)


def seed_problems(vos, hmp):
    sessions = items(state(hmp)["collections"]["sessions"])
    studio = next(s for s in sessions if s["title"] == "Studio A")
    sources = [entry["sourceId"] for entry in state(hmp)["session_sources"][studio["id"]]]
    call(hmp, "POST", "/__sim__/items/recordings", {
        "session": studio["id"], "username": "haiadmin", "state": "ERROR", "duration": 12,
        "title": "Studio A - 11/21/2026, 05:00", "ctime": 1795237200,
        "recorders": [{"source": s, "id": str(90 + i), "chunk": "asset-chunk://x/%d/0/0" % (i + 1)}
                      for i, s in enumerate(sources)]})
    call(vos, "POST", "/__sim__/items/notifications", {
        "type": "SOURCE_SIGNAL_LOSS", "severity": "MAJOR", "state": "ACTIVE", "creationTime": 1795239000000,
        "resolvedTime": None, "title": MARKUP, "channelName": "", "objectName": MARKUP})


def healthy(vos, hmp, dms, electra):
    # VOS: no active critical notification, every cloud link connected
    vos_state = state(vos)["collections"]
    for note in items(vos_state["notifications"]):
        if note.get("state") == "ACTIVE" and note.get("severity") == "CRITICAL":
            call(vos, "DELETE", "/__sim__/items/notifications/%s" % note["id"])
    for status in items(vos_state["uplink_status"]):
        if status.get("uplinkState") == "LOST":
            call(vos, "POST", "/__sim__/items/uplink_status", dict(status, uplinkState="CONNECTED"))
    # HMP: no failed recording, no Offline box (the boxes are read through the API: the dump only counts them)
    for recording in items(state(hmp)["collections"]["recordings"]):
        if recording.get("state") == "ERROR":
            call(hmp, "DELETE", "/__sim__/items/recordings/%s" % recording["id"])
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
    call(hmp, "POST", "/apis/authentication/login", {"username": "haiadmin", "password": "hmp-password"}, opener)
    boxes = call(hmp, "GET", "/apis/devices/stbs?pageSize=500", opener=opener)["data"]
    for box in boxes:
        if box.get("status") == "Offline":
            call(hmp, "POST", "/__sim__/items/stbs", dict(box, status="Online", statusLevel=0, lastConnection="<1m",
                                                          statusDetails="Device has connected within the past 4 "
                                                                        "seconds."))
    # DMS: no active critical or major alarm
    for alarm in items(state(dms)["alarms"]):
        if alarm.get("state") == "active" and alarm.get("severity") in ("critical", "major"):
            call(dms, "DELETE", "/__sim__/items/alarms/%s" % alarm["id"])
    # Electra XT: no active alarm, so every job's alarm state is normal
    for alarm in items(state(electra)["alarms"]):
        call(electra, "DELETE", "/__sim__/items/alarms/%s" % alarm["index"])


def clear_logs(urls):
    for url in urls:
        call(url, "DELETE", "/__sim__/requests")


def check_readonly(urls, none=False):
    for url in urls:
        log = call(url, "GET", "/__sim__/requests")
        if none:
            assert not log, "%s: expected no request, got %s" % (url, log[:3])
            continue
        assert log, "%s: no request reached the simulator" % url
        writes = [e for e in log if e["method"] not in READ_METHODS
                  and not (e["method"] in ("POST", "DELETE") and e["path"] in LOGIN_PATHS)]
        assert not writes, "%s: write requests sent: %s" % (url, writes)
        print("%s: %d requests, all reads (or logins)" % (url, len(log)))


class Report(HTMLParser):
    """Collects the device cards, their tables, the SVGs of section.topology and every external reference."""

    def __init__(self):
        super().__init__()
        self.sections = []          # open <section> classes
        self.devices = {}           # device -> {"status", "tables", "svgs"}
        self.device = None
        self.external = []
        self.scripts = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if tag == "script":
            self.scripts += 1
        for name in ("src", "href", "xlink:href"):
            if name in attrs and not str(attrs[name]).startswith("#"):
                self.external.append((tag, name, attrs[name]))
        if tag == "link":
            self.external.append((tag, "link", attrs.get("href")))
        if tag == "section":
            self.sections.append(classes)
            if "device" in classes:
                self.device = attrs["data-device"]
                status = [c[len("status-"):] for c in classes if c.startswith("status-")]
                self.devices[self.device] = {"status": status[0], "tables": 0, "sections": 0, "svgs": 0}
            elif "data-table" in classes and self.device:
                self.devices[self.device]["sections"] += 1
        elif tag == "table" and "health-table" in classes and self.device:
            self.devices[self.device]["tables"] += 1
        elif tag == "svg" and any("topology" in c for c in self.sections) and self.device:
            self.devices[self.device]["svgs"] += 1

    def handle_endtag(self, tag):
        if tag == "section":
            classes = self.sections.pop()
            if "device" in classes:
                self.device = None


def check_report(path, services, expected):
    text = open(path, encoding="utf-8").read()
    report = Report()
    report.feed(text)
    statuses = {device: value["status"] for device, value in report.devices.items()}
    assert statuses == expected, "device statuses %s, expected %s" % (statuses, expected)
    for device, value in report.devices.items():
        sections = 0 if value["status"] == "unreachable" else DATA_TABLES[device.split("-")[0]]
        assert value["sections"] == sections and value["tables"] >= 1, "%s: %s, expected %d data tables" % (
            device, value, sections)
        wanted = services if device.startswith("vos") and value["status"] != "unreachable" else 0
        assert value["svgs"] == wanted, "%s: %d SVGs in section.topology, expected %d" % (device, value["svgs"], wanted)
    assert not report.external and not report.scripts, (report.external, report.scripts)
    assert "<b>bold</b>" not in text and "<script>" not in text, "a device-provided string is not escaped"
    print("%s: %s, %d SVGs, nothing external" % (path, statuses, sum(v["svgs"] for v in report.devices.values())))


def main(argv):
    command, args = argv[1], argv[2:]
    if command == "seed-problems":
        seed_problems(*args)
    elif command == "healthy":
        healthy(*args)
    elif command == "clear-logs":
        clear_logs(args)
    elif command == "check-readonly":
        check_readonly([a for a in args if a != "--none"], none="--none" in args)
    elif command == "check-report":
        check_report(args[0], int(args[1]), dict(a.split("=", 1) for a in args[2:]))
    else:
        raise SystemExit("unknown command %s" % command)


if __name__ == "__main__":
    main(sys.argv)
