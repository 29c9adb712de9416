# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Compare ``ansible-inventory --list`` output with a golden file, after normalising what differs between
ansible-core versions but not between runs (the netbox.netbox golden-file pattern).

    compare_inventory_json.py ACTUAL GOLDEN           print a unified diff and exit 1 on mismatch
    compare_inventory_json.py --write ACTUAL GOLDEN   (re)write GOLDEN from ACTUAL
    compare_inventory_json.py --hosts ACTUAL          print the host names, one per line
    --mask REGEX                                      (repeatable) host variables whose name matches REGEX hold
                                                      run-dependent values (clock times): a non-null value becomes
                                                      "<masked>" on both sides, null stays null

Normalisation: ``{"__ansible_unsafe": x}`` (ansible-core 2.19+ output of untrusted strings) becomes ``x``,
``_meta.profile`` is dropped, and the host and children lists are sorted. Nothing else is dropped unless masked:
the simulators run with ``--seed 1``, so ids and load figures are stable.

Shared by the inventory targets (``needs/target/setup_simulator``): ``../setup_simulator/files/``. Their helper
scripts and runme.sh snippets also import from here what they all need: :func:`call` (the simulators' control API),
:func:`unwrap`, :func:`group_name` (a built-in group's sanitised name), :func:`members` and :func:`expect_members`
(group membership checks).
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
import urllib.request
from typing import Any, Dict, List, Optional, Sequence


def call(url: str, method: str, path: str, body: Any = None, headers: Optional[Dict[str, str]] = None) -> Any:
    """One request to a simulator (``url`` is its base URL); returns the decoded JSON answer, or None when empty."""
    data = None if body is None else json.dumps(body).encode("utf-8")
    request = urllib.request.Request(url.rstrip("/") + path, data=data, method=method, headers=dict(headers or {}))
    if data is not None:
        request.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(request, timeout=30) as response:  # nosec - loopback simulator
        payload = response.read()
    return json.loads(payload) if payload else None


def group_name(prefix: str, value: Any) -> str:
    """``prefix`` + ``value`` lower-cased with every character but a-z, 0-9 and _ replaced by _ (the plugins' built-in
    group names)."""
    return prefix + re.sub(r"[^a-z0-9_]", "_", str(value).lower())


def members(data: Dict[str, Any], group: str) -> List[str]:
    """The sorted hosts of ``group`` in ansible-inventory ``--list`` output ``data`` ([] when absent)."""
    return sorted((data.get(group) or {}).get("hosts") or [])


def expect_members(data: Dict[str, Any], group: str, hosts: Sequence[str]) -> None:
    """Assert that ``group`` holds exactly ``hosts`` (a non-empty expectation)."""
    assert hosts, group
    assert members(data, group) == sorted(hosts), (group, members(data, group), sorted(hosts))


def unwrap(value: Any) -> Any:
    """Strip the serialisation wrappers ansible-inventory adds around tagged values."""
    if isinstance(value, dict):
        if len(value) == 1 and next(iter(value)) in ("__ansible_unsafe", "__ansible_vault"):
            return unwrap(next(iter(value.values())))
        return {k: unwrap(v) for k, v in value.items()}
    if isinstance(value, list):
        return [unwrap(v) for v in value]
    return value


def normalise(data: Dict[str, Any], masks: Sequence[str] = ()) -> Dict[str, Any]:
    data = unwrap(data)
    meta = data.get("_meta")
    if isinstance(meta, dict):
        meta.pop("profile", None)
        patterns = [re.compile(mask) for mask in masks]
        for hostvars in (meta.get("hostvars") or {}).values():
            for name in hostvars:
                if hostvars[name] is not None and any(p.fullmatch(name) for p in patterns):
                    hostvars[name] = "<masked>"
    for name, group in data.items():
        if name == "_meta" or not isinstance(group, dict):
            continue
        for key in ("hosts", "children"):
            if isinstance(group.get(key), list):
                group[key] = sorted(group[key])
    return data


def dump(data: Any) -> str:
    return json.dumps(data, indent=4, sort_keys=True) + "\n"


def load(path: str) -> Dict[str, Any]:
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)  # type: ignore[no-any-return]


def hosts(data: Dict[str, Any]) -> List[str]:
    return sorted((data.get("_meta") or {}).get("hostvars") or {})


def main(argv: List[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--write", action="store_true", help="write GOLDEN from ACTUAL instead of comparing")
    parser.add_argument("--hosts", action="store_true", help="print the host names of ACTUAL")
    parser.add_argument("--mask", action="append", default=[], metavar="REGEX",
                        help="mask the non-null values of the host variables whose name matches REGEX")
    parser.add_argument("actual")
    parser.add_argument("golden", nargs="?")
    args = parser.parse_args(argv)
    actual = normalise(load(args.actual), args.mask)
    if args.hosts:
        print("\n".join(hosts(actual)))
        return 0
    if not args.golden:
        parser.error("GOLDEN is required")
    if args.write:
        with open(args.golden, "w", encoding="utf-8") as handle:
            handle.write(dump(actual))
        print("wrote %s" % args.golden)
        return 0
    expected = dump(normalise(load(args.golden), args.mask))
    got = dump(actual)
    if expected == got:
        print("OK: %s matches %s" % (args.actual, args.golden))
        return 0
    sys.stdout.writelines(difflib.unified_diff(expected.splitlines(True), got.splitlines(True), args.golden, args.actual))
    print("MISMATCH: %s differs from %s (diff above)" % (args.actual, args.golden))
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
