# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""``make bench`` helper (benchmarks/scenarios/electra_facts.py): read one table of the Electra XT simulator with the
collection's own SNMP client and write the rows as JSON; the scenario times the whole command (start-up included).

* default: the baseline, a GETNEXT walk (``SnmpClient.read({}, [table], bulk=False)``): one GETNEXT per cell, column
  after column, as ``snmpwalk`` does: ``columns x (rows + 1)`` round trips (the last GETNEXT of each column answers
  the next column's first cell, which ends that column);
* ``--bulk``: the same client's GETBULK read of the same table (``bulk=True``, every column at once,
  ``--max-repetitions`` rows per answer), for the in-process comparison (no Ansible around it).

    python benchmarks/electra/walk.py --port SNMP_PORT --out rows.json [--bulk] [--table jobs]

Needs ``ANSIBLE_COLLECTIONS_PATH`` naming a directory that holds ``ansible_collections/broadcast/video`` (the
scenario passes the one its ``ansible-playbook`` runs use) and pysnmp 7. v2c, community ``public``.

Output (``--out``): ``{"table", "bulk", "rows": [{index, column: value}], "requests", "by_table", "read_s"}``; rows
in index order as :meth:`SnmpClient.read` returns them; ``read_s``: wall seconds of the read alone (``perf_counter``
around ``SnmpClient.read``); ``requests``: round trips as the client counted them. Exit status 1 with the error on
stderr when the read fails.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True, help="the simulator's SNMP UDP port")
    parser.add_argument("--community", default="public")
    parser.add_argument("--table", default="jobs", help="profile table key (default jobs)")
    parser.add_argument("--bulk", action="store_true", help="GETBULK over all columns instead of the GETNEXT walk")
    parser.add_argument("--max-repetitions", type=int, default=25, help="rows per GETBULK answer (the module's default, 25)")
    parser.add_argument("--out", required=True, help="write the rows and counts here (JSON)")
    args = parser.parse_args(argv)

    for entry in reversed(os.environ.get("ANSIBLE_COLLECTIONS_PATH", "").split(os.pathsep)):
        if entry and entry not in sys.path:
            sys.path.insert(0, entry)
    # pylint: disable=import-outside-toplevel,import-error
    from ansible_collections.broadcast.video.plugins.module_utils.errors import BroadcastError
    from ansible_collections.broadcast.video.plugins.module_utils.electra.profile import load_profile
    from ansible_collections.broadcast.video.plugins.module_utils.electra.snmp import SnmpClient, SnmpSettings

    table = load_profile(None).table(args.table)
    if table is None:
        print(f"walk.py: the default profile has no table {args.table!r}", file=sys.stderr)
        return 2
    client = SnmpClient(SnmpSettings({"host": args.host, "snmp_port": args.port, "community": args.community,
                                      "max_repetitions": args.max_repetitions}))
    start = time.perf_counter()
    try:
        _values, tables = client.read({}, [table], bulk=args.bulk)
    except BroadcastError as exc:
        print(f"walk.py: {exc}", file=sys.stderr)
        return 1
    read_s = time.perf_counter() - start
    stats = client.stats.as_dict()
    with open(args.out, "w", encoding="utf-8") as handle:
        json.dump({"table": args.table, "bulk": args.bulk, "rows": tables.get(args.table, []), "read_s": read_s,
                   "requests": stats["requests"], "by_table": stats["by_table"]}, handle)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
