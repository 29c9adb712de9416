# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The simulator's control API (``/__sim__/``, no authentication), for runme.sh.

    sim_control.py URL clear-requests          empty the request log
    sim_control.py URL device-requests         print the logged device requests ("METHOD PATH"), one per line
    sim_control.py URL delete COLLECTION ID    remove an item behind the client's back
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "setup_simulator" / "files"))
from compare_inventory_json import call  # noqa: E402  pylint: disable=wrong-import-position


def main(argv: List[str]) -> Optional[int]:
    url, command, args = argv[0], argv[1], argv[2:]
    if command == "clear-requests":
        call(url, "DELETE", "/__sim__/requests")
    elif command == "device-requests":
        for entry in call(url, "GET", "/__sim__/requests") or []:
            print("%s %s" % (entry["method"], entry["path"]))
    elif command == "delete":
        call(url, "DELETE", "/__sim__/items/%s/%s" % (args[0], args[1]))
    else:
        print("unknown command %r" % command, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
