# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The OID profile the simulator serves: the default (modeled) profile of docs/electra-model.md, or one loaded from a
file with ``--profile`` (JSON, or YAML when PyYAML is importable) in the same format.

A profile maps each table key (``nodes``, ``workflows``, ``jobs``, ``job_parameters``, ``alarms``, ``logs``) to its
conceptual row OID (``entry``), its index names and its columns (``{name: {id, type, values?, writable?}}``). Tables
and columns a profile leaves out are not served; a column name the simulator has no data for is an error.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ARC = "1.3.6.1.4.1.32473.1"
"""The placeholder arc of the default profile: enterprise 32473 is IANA's documentation number (RFC 5612)."""

TABLE_KEYS = ("nodes", "workflows", "jobs", "job_parameters", "alarms", "logs")
COLUMN_TYPES = frozenset({"string", "integer", "counter", "gauge", "timeticks", "ip", "enum", "bool", "datetime", "oid"})


class ProfileError(ValueError):
    """An OID profile that cannot be served (the message names the table and column)."""


DEFAULT_PROFILE_FILE = Path(__file__).resolve().parents[3] / "profiles" / "electra" / "default.yml"
"""The collection's shipped default profile (modeled), the one document both the simulator and users start from."""


def _read_document(path: Path) -> Any:
    text = path.read_text(encoding="utf-8")
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        try:
            import yaml  # pylint: disable=import-outside-toplevel,import-error
        except ImportError as exc:
            raise ProfileError(f"{path}: not JSON, and PyYAML is not installed to read YAML") from exc
        return yaml.safe_load(text)


DEFAULT_PROFILE: dict[str, Any] = _read_document(DEFAULT_PROFILE_FILE)

# The fields the simulator holds for each table (a profile column must name one of them).
KNOWN_FIELDS: dict[str, frozenset[str]] = {
    key: frozenset(table["columns"]) for key, table in DEFAULT_PROFILE["tables"].items()
}
KNOWN_INDEXES: dict[str, tuple[str, ...]] = {key: tuple(table["index"]) for key, table in DEFAULT_PROFILE["tables"].items()}


def parse_oid(text: Any, where: str) -> tuple[int, ...]:
    """``"1.3.6.1"`` (a leading dot allowed) -> ``(1, 3, 6, 1)``; ProfileError otherwise."""
    if not isinstance(text, str):
        raise ProfileError(f"{where}: an OID string expected")
    try:
        arcs = tuple(int(part) for part in text.strip().lstrip(".").split("."))
    except ValueError as exc:
        raise ProfileError(f"{where}: {text!r} is not a dotted OID") from exc
    if len(arcs) < 2 or any(arc < 0 or arc > 0xFFFFFFFF for arc in arcs):
        raise ProfileError(f"{where}: {text!r} is not a valid OID")
    return arcs


@dataclass(frozen=True)
class Column:
    """One served column: ``field`` (the simulator's name), SNMP column ``id``, ``type``, enum ``values`` (number -> label)."""

    field: str
    id: int
    type: str
    values: tuple[tuple[int, str], ...] = ()

    def number(self, label: Any) -> int:
        """The enum number of ``label`` (0 when the label is not in ``values``)."""
        for number, name in self.values:
            if name == label:
                return number
        return 0


@dataclass(frozen=True)
class Table:
    """One served table: ``key``, ``entry`` OID, ``index`` names, ``columns`` sorted by id."""

    key: str
    entry: tuple[int, ...]
    index: tuple[str, ...]
    columns: tuple[Column, ...]


@dataclass(frozen=True)
class Profile:
    """A validated OID profile: ``name``, ``modeled`` and the served tables (in profile order)."""

    name: str
    modeled: bool
    tables: tuple[Table, ...]

    def table(self, key: str) -> Table | None:
        """The served table ``key``, or None when the profile leaves it out."""
        for table in self.tables:
            if table.key == key:
                return table
        return None


def build_profile(document: Any) -> Profile:
    """Validate a profile document (the YAML/JSON shape of docs/electra-model.md) into a :class:`Profile`."""
    if not isinstance(document, dict) or not isinstance(document.get("tables"), dict):
        raise ProfileError("a profile is a mapping with a 'tables' mapping")
    tables: list[Table] = []
    for key, spec in document["tables"].items():
        if key not in KNOWN_FIELDS:
            raise ProfileError(f"tables.{key}: unknown table (known: {', '.join(TABLE_KEYS)})")
        if not isinstance(spec, dict):
            raise ProfileError(f"tables.{key}: a mapping expected")
        entry = parse_oid(spec.get("entry"), f"tables.{key}.entry")
        index = spec.get("index", list(KNOWN_INDEXES[key]))
        if list(index) != list(KNOWN_INDEXES[key]):
            raise ProfileError(f"tables.{key}.index: the simulator serves index {list(KNOWN_INDEXES[key])}")
        columns: list[Column] = []
        raw_columns = spec.get("columns")
        if not isinstance(raw_columns, dict) or not raw_columns:
            raise ProfileError(f"tables.{key}.columns: a non-empty mapping expected")
        for name, column in raw_columns.items():
            where = f"tables.{key}.columns.{name}"
            if name not in KNOWN_FIELDS[key]:
                raise ProfileError(f"{where}: the simulator has no such field (known: {', '.join(sorted(KNOWN_FIELDS[key]))})")
            if not isinstance(column, dict) or not isinstance(column.get("id"), int) or column["id"] < 1:
                raise ProfileError(f"{where}: 'id' must be a positive integer")
            kind = column.get("type")
            if kind not in COLUMN_TYPES:
                raise ProfileError(f"{where}: type must be one of {', '.join(sorted(COLUMN_TYPES))}")
            values: tuple[tuple[int, str], ...] = ()
            if kind == "enum":
                raw_values = column.get("values")
                if not isinstance(raw_values, dict) or not raw_values:
                    raise ProfileError(f"{where}: an enum needs 'values'")
                try:
                    values = tuple(sorted((int(number), str(label)) for number, label in raw_values.items()))
                except ValueError as exc:
                    raise ProfileError(f"{where}: enum numbers must be integers") from exc
            columns.append(Column(field=name, id=column["id"], type=kind, values=values))
        ids = [column.id for column in columns]
        if len(set(ids)) != len(ids):
            raise ProfileError(f"tables.{key}.columns: two columns share an id")
        tables.append(Table(key=key, entry=entry, index=tuple(index), columns=tuple(sorted(columns, key=lambda column: column.id))))
    entries = sorted(table.entry for table in tables)
    for first, second in zip(entries, entries[1:]):
        if second[:len(first)] == first:
            raise ProfileError(f"entry {'.'.join(map(str, second))} lies inside entry {'.'.join(map(str, first))}")
    return Profile(name=str(document.get("name", "custom")), modeled=bool(document.get("modeled", False)), tables=tuple(tables))


def default_profile() -> Profile:
    """The modeled default profile (placeholder arc 1.3.6.1.4.1.32473.1)."""
    return build_profile(copy.deepcopy(DEFAULT_PROFILE))


def load_profile(path: str | None) -> Profile:
    """The profile in file ``path`` (JSON; YAML needs PyYAML), or the default profile when ``path`` is None."""
    if path is None:
        return default_profile()
    return build_profile(_read_document(Path(path)))
