# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The HMP simulator's control API (``/__sim__/``, no authentication), for runme.sh.

    hmp_sim.py URL clear-requests            empty the request log
    hmp_sim.py URL device-requests           print the logged device requests ("METHOD PATH QUERY-JSON"), one per line
    hmp_sim.py URL set-status NAME STATUS    give the set-top box named NAME the status STATUS behind the client's back
                                             (``POST /__sim__/items/stbs`` with the whole box, read through the API)

``set-status`` logs in with the simulator's default account (haiadmin / hmp-password) to read the box; clear the
request log afterwards.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import List, Optional

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "setup_simulator" / "files"))
from compare_inventory_json import call  # noqa: E402  pylint: disable=wrong-import-position

#: statusLevel the simulator seeds for each status (docs/simulators.md, "Seeded STB details").
STATUS_LEVELS = {"Online": 0, "Standby": 0, "Warning": 1, "Offline": 2, "Never": 3}


def set_status(url: str, name: str, status: str) -> None:
    login = call(url, "POST", "/apis/authentication/login", {"username": "haiadmin", "password": "hmp-password"})
    cookie = {"Cookie": "calypso-session-id=%s" % login["data"]["sessionId"]}
    try:
        boxes = call(url, "GET", "/apis/devices/stbs?page=1&pageSize=500", headers=cookie)["data"]
    finally:
        call(url, "DELETE", "/apis/authentication/login", headers=cookie)
    matches = [box for box in boxes if box.get("name") == name]
    if len(matches) != 1:
        raise SystemExit("set-status: %d boxes are named %r" % (len(matches), name))
    box = matches[0]
    box.update(status=status, statusLevel=STATUS_LEVELS.get(status, 2), standby=status == "Standby")
    call(url, "POST", "/__sim__/items/stbs", box)


def main(argv: List[str]) -> Optional[int]:
    url, command, args = argv[0], argv[1], argv[2:]
    if command == "clear-requests":
        call(url, "DELETE", "/__sim__/requests")
    elif command == "device-requests":
        for entry in call(url, "GET", "/__sim__/requests") or []:
            print("%s %s %s" % (entry["method"], entry["path"], json.dumps(entry.get("query") or {}, sort_keys=True)))
    elif command == "set-status":
        set_status(url, args[0], args[1])
    else:
        print("unknown command %r" % command, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
