# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Simulator helpers of the playbook_backup_restore target (the simulators' control API and their own APIs).

    sim.py inventory OUT VOS HMP DMS ELECTRA ELECTRA_SNMP_PORT
                                        write an inventory of the four device hosts (simulator base URLs)
    sim.py clear URL...                 empty the request logs
    sim.py writes URL...                print every write request (method and path; logins left out), one per line
    sim.py prepare-b HMP_A HMP_B DMS_B ELECTRA_B
                                        give the emptied second set something to restore: the first HMP's videos
                                        with no description, a DMS device's description and an Electra XT job's
                                        label changed (devices, jobs and videos cannot be created by a restore)
    sim.py secrets VOS HMP              print the write-only secrets the simulators hold (end point passwords,
                                        SRT passphrases), one per line
    sim.py restore-secrets VOS OUT      write restore_secrets (YAML-compatible JSON): the users' passwords and the
                                        first end point password of the first origin destination
    sim.py check-secret VOS_A VOS_B     that end point password is the same on both; the user backup-test logs in
    sim.py images URL                   print the VOS slate image URLs, sorted
"""

from __future__ import annotations

import base64
import json
import sys
import urllib.error
import urllib.request

LOGINS = ("/apis/authentication/", "/api/v1/auth/")
PASSWORDS = {"operator": "operator-password", "monitor": "monitor-password", "backup-test": "backup-test-password"}


def call(url, method, path, body=None, headers=None):
    """One request; the decoded JSON answer (None when empty)."""
    data = None if body is None else json.dumps(body).encode("utf-8")
    request = urllib.request.Request(url.rstrip("/") + path, data=data, method=method, headers=dict(headers or {}))
    if data is not None:
        request.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(request, timeout=10) as answer:
        text = answer.read().decode("utf-8")
    return json.loads(text) if text else None


def basic(username, password):
    """An HTTP Basic authorization header."""
    return {"Authorization": "Basic " + base64.b64encode(("%s:%s" % (username, password)).encode()).decode()}


def first_origin(state):
    """The first origin destination (by name) of a VOS state and its first end point."""
    origins = sorted((d for d in state["collections"]["destinations"] if d.get("type") == "ORIGIN"),
                     key=lambda d: d["name"])
    return origins[0], origins[0]["outputs"][0]["originSettings"]["originOutputEndPoints"][0]


def port(url):
    """The port of a simulator's base URL."""
    return int(url.rsplit(":", 1)[1])


def main(argv):
    command, args = argv[1], argv[2:]
    if command == "inventory":
        out, vos, hmp, dms, electra, snmp_port = args
        hosts = {
            "vos_clusters": {"vos-dfw": {"vos_connection": {
                "host": "127.0.0.1", "port": port(vos), "use_ssl": False, "auth_method": "basic",
                "username": "admin", "password": "admin-password"}}},
            "hmp_servers": {"hmp-dfw": {"hmp_connection": {
                "host": "127.0.0.1", "port": port(hmp), "use_ssl": False, "username": "haiadmin",
                "password": "hmp-password"}}},
            "dms_servers": {"dms-edge": {"dms_connection": {
                "host": "127.0.0.1", "port": port(dms), "use_ssl": False, "username": "dmsadmin",
                "password": "dms-password"}}},
            "electra_systems": {"electra-playout": {"electra_connection": {
                "host": "127.0.0.1", "port": port(electra), "use_ssl": False, "username": "admin",
                "password": "electra-password", "snmp_port": int(snmp_port), "community": "public"}}},
        }
        with open(out, "w", encoding="utf-8") as handle:
            json.dump({"all": {"children": {group: {"hosts": h} for group, h in hosts.items()}}}, handle, indent=1)
    elif command == "clear":
        for url in args:
            call(url, "DELETE", "/__sim__/requests")
    elif command == "writes":
        for url in args:
            for entry in call(url, "GET", "/__sim__/requests"):
                method = entry["method"]
                if method in ("GET", "HEAD") or method.startswith("SNMP-GET") or entry["path"].startswith(LOGINS):
                    continue
                print("%s %s %s" % (url, method, entry["path"]))
    elif command == "prepare-b":
        hmp_a, hmp_b, dms_b, electra_b = args
        for asset in call(hmp_a, "GET", "/__sim__/state")["collections"]["assets"]:
            call(hmp_b, "POST", "/__sim__/items/assets", dict(asset, description=""))
        call(dms_b, "POST", "/__sim__/items/devices", {"id": "dev-000001", "customDescription": "changed on B",
                                                       "location": "somewhere else"})
        auth = basic("admin", "electra-password")
        job = [j for j in call(electra_b, "GET", "/api/v1/jobs", headers=auth)["items"] if j["name"] == "kids-0004"][0]
        call(electra_b, "PATCH", "/api/v1/jobs/%s/parameters" % job["id"], {"custom_label": "changed on B"},
             headers=auth)
    elif command == "secrets":
        vos, hmp = args
        found = set(PASSWORDS.values())
        for destination in call(vos, "GET", "/__sim__/state")["collections"]["destinations"]:
            for output in destination.get("outputs") or []:
                for end_point in (output.get("originSettings") or {}).get("originOutputEndPoints") or []:
                    found.add(end_point.get("password"))
        found.update(s.get("passphrase") for s in call(hmp, "GET", "/__sim__/state")["collections"]["sources"])
        found.update(["admin-password", "hmp-password", "dms-password", "electra-password"])
        for secret in sorted(s for s in found if s):
            print(secret)
    elif command == "restore-secrets":
        vos, out = args
        destination, end_point = first_origin(call(vos, "GET", "/__sim__/state"))
        secrets = {"vos_users": {user: {"password": password} for user, password in PASSWORDS.items()},
                   "vos_destinations": {destination["name"]: {
                       "outputs[0].end_points[0].password": end_point["password"]}}}
        with open(out, "w", encoding="utf-8") as handle:
            json.dump({"restore_secrets": secrets}, handle, indent=1)
    elif command == "check-secret":
        vos_a, vos_b = args
        want = first_origin(call(vos_a, "GET", "/__sim__/state"))[1]
        have = first_origin(call(vos_b, "GET", "/__sim__/state"))[1]
        assert want["password"] and have["password"] == want["password"], "end point password not restored"
        call(vos_b, "GET", "/vos-api/user/v1/users?username=backup-test",
             headers=basic("backup-test", PASSWORDS["backup-test"]))
    elif command == "images":
        for url in sorted(i["url"] for i in call(args[0], "GET", "/__sim__/state")["collections"]["images"]):
            print(url)
    else:
        raise SystemExit("sim.py: unknown command %r" % command)


if __name__ == "__main__":
    main(sys.argv)
