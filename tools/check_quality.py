#!/usr/bin/env python
"""Check docs/quality/<device>.yml against the integration quality scale.

Every rule of the project's quality scale (bronze .. platinum, listed in TIERS
below) must be listed in every docs/quality/*.yml with ``status: done | exempt | todo``:

- ``done`` needs ``evidence``: a list of repository paths, each of which must
  exist; ``path::test_name`` also requires ``test_name`` to occur in that file
  (for a Python file: ``def test_name``; otherwise the plain string);
- ``exempt`` needs a non-empty ``reason``;
- ``todo`` needs nothing (an optional ``note`` is shown).

Accepted layouts (one file per device; the device name is ``device:`` or the
file name)::

    device: vos
    rules:
      connection-group: {status: done, evidence: [plugins/doc_fragments/vos.py]}
      facts:
        status: todo

or the rules nested by tier (``bronze: {connection-group: {...}}``), or
``rules:`` as a list of mappings with a ``rule:`` (or ``name:``/``id:``) key.

Prints a per-device table and the todo rules; exits 1 on any error
(missing or unknown rule, bad status, missing evidence or reason, a path that
does not exist). An empty or missing docs/quality/ passes with a note.

Usage: check_quality.py [REPO_ROOT]
"""
from __future__ import annotations

import glob
import os
import re
import sys
from typing import Any

import yaml

TIERS: dict[str, list[str]] = {
    "bronze": [
        "connection-group", "dependency-transparency", "common-modules", "test-before-setup", "facts",
        "idempotent", "simulator", "docs-overview", "docs-setup", "docs-modules",
    ],
    "silver": [
        "auth-expiry", "unavailable", "no-tracebacks", "check-mode", "secrets", "test-coverage",
        "docs-options", "bounded-concurrency",
    ],
    "gold": [
        "inventory", "diagnostics", "round-trip", "drift-report", "remappable", "stale-items",
        "actionable-errors", "docs-examples", "docs-limitations", "docs-troubleshooting", "docs-versions",
    ],
    "platinum": ["strict-typing", "request-floor", "one-session"],
}
RULE_TIER = {rule: tier for tier, rules in TIERS.items() for rule in rules}
STATUSES = ("done", "exempt", "todo")


def normalise(data: Any, errors: list[str]) -> dict[str, dict[str, Any]]:
    """Return {rule: entry} from any accepted layout."""
    rules: dict[str, dict[str, Any]] = {}

    def add(name: Any, entry: Any) -> None:
        if isinstance(entry, str):  # "rule: todo" shorthand
            entry = {"status": entry}
        if not isinstance(entry, dict):
            errors.append("rule %r: expected a mapping, got %s" % (name, type(entry).__name__))
            return
        if name in rules:
            errors.append("rule %r listed twice" % name)
        rules[str(name)] = entry

    def add_many(block: Any) -> None:
        if isinstance(block, dict):
            for name, entry in block.items():
                if name in TIERS and isinstance(entry, (dict, list)):
                    add_many(entry)
                else:
                    add(name, entry)
        elif isinstance(block, list):
            for item in block:
                if not isinstance(item, dict):
                    errors.append("rules list item is not a mapping: %r" % (item,))
                    continue
                name = item.get("rule", item.get("name", item.get("id")))
                if name is None:
                    errors.append("rules list item without rule/name/id: %r" % (item,))
                    continue
                add(name, item)
        elif block is not None:
            errors.append("rules: expected a mapping or a list")

    if not isinstance(data, dict):
        errors.append("top level: expected a mapping")
        return rules
    if "rules" in data:
        add_many(data["rules"])
    for tier in TIERS:
        if tier in data:
            add_many(data[tier])
    return rules


def check_evidence(root: str, item: Any) -> str | None:
    if not isinstance(item, str) or not item.strip():
        return "evidence item %r is not a path string" % (item,)
    parts = item.strip().split("::", 1)
    path, test = parts[0], (parts[1] if len(parts) > 1 else "")
    full = os.path.join(root, path)
    if os.path.isabs(path) or not os.path.normpath(full).startswith(os.path.normpath(root)):
        return "evidence %r must be a path inside the repository" % item
    if not os.path.exists(full):
        return "evidence %r: %s does not exist" % (item, path)
    if test:
        test = test.split("[")[0]  # pytest parametrised ids: test_x[case]
        if os.path.isdir(full):
            return "evidence %r: %s is a directory, cannot hold a named test" % (item, path)
        with open(full, encoding="utf-8", errors="replace") as f:
            text = f.read()
        name = test.split("::")[-1]  # path::Class::test
        if path.endswith(".py"):
            found = re.search(r"^\s*(async\s+)?(def|class)\s+%s\b" % re.escape(name), text, re.M)
        else:
            found = name in text
        if not found:
            return "evidence %r: %s not found in %s" % (item, name, path)
    return None


def check_file(root: str, path: str) -> tuple[str, dict[str, dict[str, Any]], list[str]]:
    errors: list[str] = []
    with open(path, encoding="utf-8") as f:
        try:
            data = yaml.safe_load(f)
        except yaml.YAMLError as ex:
            return os.path.basename(path), {}, ["not valid YAML: %s" % ex]
    device = os.path.splitext(os.path.basename(path))[0]
    if isinstance(data, dict) and data.get("device"):
        device = str(data["device"])
    rules = normalise(data, errors)
    for rule in RULE_TIER:
        if rule not in rules:
            errors.append("rule %s (%s) is not listed" % (rule, RULE_TIER[rule]))
    for rule, entry in rules.items():
        if rule not in RULE_TIER:
            errors.append("unknown rule %r" % rule)
            continue
        status = entry.get("status")
        if status not in STATUSES:
            errors.append("%s: status must be one of %s, got %r" % (rule, "|".join(STATUSES), status))
            continue
        if status == "done":
            evidence = entry.get("evidence")
            if isinstance(evidence, str):
                evidence = [evidence]
            if not evidence or not isinstance(evidence, list):
                errors.append("%s: status done needs evidence (a list of repo paths)" % rule)
                continue
            for item in evidence:
                problem = check_evidence(root, item)
                if problem:
                    errors.append("%s: %s" % (rule, problem))
        elif status == "exempt":
            reason = entry.get("reason")
            if not isinstance(reason, str) or not reason.strip():
                errors.append("%s: status exempt needs a reason" % rule)
    return device, rules, errors


def main() -> int:
    root = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), ".."))
    files = sorted(glob.glob(os.path.join(root, "docs", "quality", "*.yml")) +
                   glob.glob(os.path.join(root, "docs", "quality", "*.yaml")))
    if not files:
        print("quality: no docs/quality/*.yml yet; nothing to check (%d rules in the scale)" % len(RULE_TIER))
        return 0
    total_errors = 0
    rows = []
    todo_lines = []
    for path in files:
        device, rules, errors = check_file(root, path)
        counts = {s: sum(1 for r in RULE_TIER if rules.get(r, {}).get("status") == s) for s in STATUSES}
        tier_reached = "-"
        for tier in TIERS:
            if all(rules.get(r, {}).get("status") in ("done", "exempt") for r in TIERS[tier]):
                tier_reached = tier
            else:
                break
        rows.append((device, counts["done"], counts["exempt"], counts["todo"], len(errors), tier_reached))
        todos = [r for r in RULE_TIER if rules.get(r, {}).get("status") == "todo"]
        if todos:
            todo_lines.append("%s todo (%d): %s" % (device, len(todos), ", ".join(todos)))
        for e in errors:
            print("ERROR %s: %s" % (os.path.relpath(path, root), e))
        total_errors += len(errors)
    header = ("device", "done", "exempt", "todo", "errors", "tier")
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows)]
    fmt = "  ".join("%%-%ds" % w for w in widths)
    print(fmt % header)
    for row in rows:
        print(fmt % row)
    for line in todo_lines:
        print(line)
    if total_errors:
        print("quality: %d error(s)" % total_errors)
        return 1
    print("quality: %d device file(s), %d rules each: OK" % (len(rows), len(RULE_TIER)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
