# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Electra XT OID profiles: which OIDs hold the Electra tables (nodes, workflows, jobs, job parameters, active
alarms, active logs) and how their values read.

**No Electra MIB is public**, so the default profile is modeled (``docs/electra-model.md``): it lives under
``1.3.6.1.4.1.32473.1``, IANA's documentation enterprise number (RFC 5612), a placeholder that is not Harmonic's.
The collection ships the same profile as a data file, ``profiles/electra/default.yml``, to copy and correct from the
vendor's MIB; the ``profile`` option then takes that file (or the same document inline) and nothing else changes.

A profile document::

    name: my site (from the vendor MIB)      # shown in the facts
    modeled: false
    extends: default                          # optional: tables left out come from the default profile
    tables:
      jobs:                                   # one of TABLE_KEYS
        entry: 1.3.6.1.4.1.32473.1.4.1.1      # the conceptual row (xxxEntry); a cell is <entry>.<column id>.<index>
        index: [index]                        # names of the index parts, in order (integers on the wire)
        columns:
          name:   {id: 2, type: string}
          status: {id: 5, type: enum, values: {1: running, 2: stopped}}

The standard objects (SNMPv2-MIB system group, HOST-RESOURCES-MIB ``hrSystemDate`` and ``hrStorageTable``) are not
part of a profile: :data:`STORAGE_TABLE` and :data:`SYSTEM_OBJECTS`.
"""

from __future__ import annotations

import copy
import json
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

from ..errors import ValidationError

#: The placeholder arc of the default profile (IANA documentation enterprise 32473, RFC 5612): modeled.
ARC = "1.3.6.1.4.1.32473.1"
#: The tables a profile may map, in facts order.
TABLE_KEYS = ("nodes", "workflows", "jobs", "job_parameters", "alarms", "logs")
#: Column types: how a value reads (``timeticks`` in seconds, ``datetime`` as ISO 8601, ``bool`` from TruthValue).
COLUMN_TYPES = ("string", "integer", "counter", "gauge", "timeticks", "ip", "enum", "bool", "datetime", "oid")
_SEVERITIES = {1: "critical", 2: "major", 3: "minor", 4: "warning", 5: "info"}

#: The default profile (modeled), identical to ``profiles/electra/default.yml``.
DEFAULT_PROFILE: Dict[str, Any] = {
    "name": "broadcast.video default (modeled)",
    "modeled": True,
    "tables": {
        "nodes": {
            "entry": ARC + ".2.1.1",
            "index": ["index"],
            "columns": {
                "name": {"id": 2, "type": "string"},
                "address": {"id": 3, "type": "ip"},
                "role": {"id": 4, "type": "enum", "values": {1: "master", 2: "masterisable", 3: "standard"}},
                "status": {"id": 5, "type": "enum", "values": {1: "up", 2: "down", 3: "degraded"}},
                "cpu_load": {"id": 6, "type": "gauge"},
                "capacity": {"id": 7, "type": "integer"},
                "job_count": {"id": 8, "type": "gauge"},
            },
        },
        "workflows": {
            "entry": ARC + ".3.1.1",
            "index": ["index"],
            "columns": {
                "name": {"id": 2, "type": "string"},
                "version": {"id": 3, "type": "string"},
                "category": {"id": 4, "type": "string"},
                "description": {"id": 5, "type": "string"},
            },
        },
        "jobs": {
            "entry": ARC + ".4.1.1",
            "index": ["index"],
            "columns": {
                "name": {"id": 2, "type": "string"},
                "workflow": {"id": 3, "type": "string"},
                "node": {"id": 4, "type": "integer"},
                "status": {"id": 5, "type": "enum",
                           "values": {1: "running", 2: "stopped", 3: "starting", 4: "stopping", 5: "failed"}},
                "alarm_state": {"id": 6, "type": "enum",
                                "values": {1: "normal", 2: "warning", 3: "minor", 4: "major", 5: "critical"}},
                "service_name": {"id": 7, "type": "string", "writable": True},
                "output_bitrate": {"id": 8, "type": "gauge", "writable": True},
                "uptime": {"id": 9, "type": "timeticks"},
                "custom_label": {"id": 10, "type": "string", "writable": True},
            },
        },
        "job_parameters": {
            "entry": ARC + ".5.1.1",
            "index": ["job", "index"],
            "columns": {
                "name": {"id": 3, "type": "string"},
                "value": {"id": 4, "type": "string"},
                "writable": {"id": 5, "type": "bool"},
            },
        },
        "alarms": {
            "entry": ARC + ".6.1.1",
            "index": ["index"],
            "columns": {
                "severity": {"id": 2, "type": "enum", "values": dict(_SEVERITIES)},
                "source": {"id": 3, "type": "string"},
                "text": {"id": 4, "type": "string"},
                "raised_at": {"id": 5, "type": "datetime"},
                "job": {"id": 6, "type": "integer"},
            },
        },
        "logs": {
            "entry": ARC + ".7.1.1",
            "index": ["index"],
            "columns": {
                "severity": {"id": 2, "type": "enum", "values": dict(_SEVERITIES)},
                "source": {"id": 3, "type": "string"},
                "text": {"id": 4, "type": "string"},
                "time": {"id": 5, "type": "datetime"},
            },
        },
    },
}

OID = Tuple[int, ...]


def parse_oid(text: Any, where: str) -> OID:
    """``"1.3.6.1.2"`` (a leading dot allowed) -> ``(1, 3, 6, 1, 2)``.

    :param where: the option path named in the error (``profile: tables.jobs.entry``).
    :raises ValidationError: not a dotted string of at least two non-negative 32-bit integers.
    """
    if not isinstance(text, str):
        raise ValidationError("%s: %r is not an OID; give a dotted string such as 1.3.6.1.4.1.32473.1.4.1.1" % (where, text))
    try:
        arcs = tuple(int(part) for part in text.strip().lstrip(".").split("."))
    except ValueError:
        raise ValidationError("%s: %r is not a dotted OID (numbers only, such as 1.3.6.1.4.1.32473.1.4.1.1)" % (
            where, text)) from None
    if len(arcs) < 2 or any(arc < 0 or arc > 0xFFFFFFFF for arc in arcs):
        raise ValidationError("%s: %r is not a valid OID" % (where, text))
    return arcs


def oid_text(oid: Sequence[int]) -> str:
    """``(1, 3, 6)`` -> ``"1.3.6"``."""
    return ".".join(str(arc) for arc in oid)


class Column:
    """One column of a table.

    :param name: the field name it gives each row (snake_case; the facts use it as is).
    :param id: the column's sub-identifier under the table's entry OID.
    :param type: one of :data:`COLUMN_TYPES`.
    :param values: enum number -> label (``type: enum`` only).
    :param writable: informational (writes go through the HTTP interface).
    """

    def __init__(self, name: str, id: int, type: str, values: Optional[Mapping[int, str]] = None,  # pylint: disable=redefined-builtin
                 writable: bool = False) -> None:
        self.name = name
        self.id = id
        self.type = type
        self.values = dict(values or {})
        self.writable = writable


class Table:
    """One table: ``key`` (one of :data:`TABLE_KEYS`, or ``storage``), ``entry`` OID, ``index`` names, ``columns``
    (sorted by id)."""

    def __init__(self, key: str, entry: OID, index: Sequence[str], columns: Sequence[Column]) -> None:
        self.key = key
        self.entry = tuple(entry)
        self.index = tuple(index)
        self.columns = tuple(sorted(columns, key=lambda column: column.id))

    def column(self, name: str) -> Optional[Column]:
        """The column called ``name``, or None."""
        for column in self.columns:
            if column.name == name:
                return column
        return None

    def column_oid(self, column: Column) -> OID:
        """``entry + (column.id,)``: the prefix of every cell of ``column``."""
        return self.entry + (column.id,)


class Profile:
    """A validated profile: ``name``, ``modeled`` (informational, shown in facts), ``tables`` by key."""

    def __init__(self, name: str, modeled: bool, tables: Mapping[str, Table]) -> None:
        self.name = name
        self.modeled = modeled
        self.tables = dict(tables)

    def table(self, key: str) -> Optional[Table]:
        """Table ``key``, or None when the profile leaves it out."""
        return self.tables.get(key)

    def summary(self) -> Dict[str, Any]:
        """``{name, modeled, tables: {key: entry OID}}`` for the facts."""
        return {"name": self.name, "modeled": self.modeled,
                "tables": {key: oid_text(self.tables[key].entry) for key in TABLE_KEYS if key in self.tables}}


#: HOST-RESOURCES-MIB hrStorageTable (RFC 2790): the Network Storage table. Standard, not part of a profile.
STORAGE_TABLE = Table("storage", (1, 3, 6, 1, 2, 1, 25, 2, 3, 1), ["index"], [
    Column("type", 2, "oid"),
    Column("description", 3, "string"),
    Column("allocation_units", 4, "integer"),
    Column("size", 5, "integer"),
    Column("used", 6, "integer"),
])

#: SNMPv2-MIB system group and HOST-RESOURCES-MIB hrSystemDate (RFC 3418, RFC 2790): fact name -> (OID, type).
SYSTEM_OBJECTS: Dict[str, Tuple[OID, str]] = {
    "description": ((1, 3, 6, 1, 2, 1, 1, 1, 0), "string"),
    "object_id": ((1, 3, 6, 1, 2, 1, 1, 2, 0), "oid"),
    "uptime_seconds": ((1, 3, 6, 1, 2, 1, 1, 3, 0), "timeticks"),
    "contact": ((1, 3, 6, 1, 2, 1, 1, 4, 0), "string"),
    "name": ((1, 3, 6, 1, 2, 1, 1, 5, 0), "string"),
    "location": ((1, 3, 6, 1, 2, 1, 1, 6, 0), "string"),
    "date_time": ((1, 3, 6, 1, 2, 1, 25, 1, 2, 0), "datetime"),
}


def _column(name: Any, spec: Any, where: str) -> Column:
    if not isinstance(name, str) or not name:
        raise ValidationError("%s: column names are non-empty strings" % where)
    where = "%s.%s" % (where, name)
    if not isinstance(spec, Mapping):
        raise ValidationError("%s: give {id, type} (and values for an enum)" % where)
    unknown = sorted(set(spec) - {"id", "type", "values", "writable"})
    if unknown:
        raise ValidationError("%s: %s is not allowed; give id, type, values, writable" % (where, ", ".join(map(str, unknown))))
    ident = spec.get("id")
    if isinstance(ident, bool) or not isinstance(ident, int) or not 0 < ident <= 0xFFFFFFFF:
        raise ValidationError("%s.id: %r is not allowed; give the column's sub-identifier, a positive integer" % (where, ident))
    kind = spec.get("type")
    if kind not in COLUMN_TYPES:
        raise ValidationError("%s.type: %r is not allowed; choose from %s" % (where, kind, ", ".join(COLUMN_TYPES)))
    values: Dict[int, str] = {}
    if kind == "enum":
        raw = spec.get("values")
        if not isinstance(raw, Mapping) or not raw:
            raise ValidationError("%s.values: an enum column needs values, a mapping of number -> label" % where)
        for number, label in raw.items():
            try:
                values[int(number)] = str(label)
            except (TypeError, ValueError):
                raise ValidationError("%s.values: %r is not an integer" % (where, number)) from None
    elif spec.get("values") is not None:
        raise ValidationError("%s.values: only enum columns have values" % where)
    writable = spec.get("writable", False)
    if not isinstance(writable, bool):
        raise ValidationError("%s.writable: %r is not a boolean" % (where, writable))
    return Column(name, ident, str(kind), values, writable)


def _table(key: str, spec: Any, where: str) -> Table:
    if not isinstance(spec, Mapping):
        raise ValidationError("%s: give {entry, index, columns}" % where)
    unknown = sorted(set(spec) - {"entry", "index", "columns"})
    if unknown:
        raise ValidationError("%s: %s is not allowed; give entry, index, columns" % (where, ", ".join(map(str, unknown))))
    entry = parse_oid(spec.get("entry"), where + ".entry")
    index = spec.get("index", ["index"])
    if not isinstance(index, list) or not index or not all(isinstance(name, str) and name for name in index):
        raise ValidationError("%s.index: give the names of the index parts, a non-empty list of strings" % where)
    raw_columns = spec.get("columns")
    if not isinstance(raw_columns, Mapping) or not raw_columns:
        raise ValidationError("%s.columns: give at least one column, {name: {id, type}}" % where)
    columns = [_column(name, column, where + ".columns") for name, column in raw_columns.items()]
    ids = [column.id for column in columns]
    if len(set(ids)) != len(ids):
        duplicate = sorted(ident for ident in ids if ids.count(ident) > 1)[0]
        raise ValidationError("%s.columns: two columns have id %d" % (where, duplicate))
    clash = sorted(set(index) & set(column.name for column in columns))
    if clash:
        raise ValidationError("%s: %s is both an index and a column name" % (where, clash[0]))
    return Table(key, entry, index, columns)


def build_profile(document: Any, source: str = "profile") -> Profile:
    """Validate a profile document (the shape in this module's docstring) into a :class:`Profile`.

    :param source: how messages name the document (``profile (site.yml)``).
    :raises ValidationError: naming the table, the column and what is allowed.
    """
    if not isinstance(document, Mapping) or not isinstance(document.get("tables"), Mapping):
        raise ValidationError("%s: a profile is a mapping with name, modeled and tables (a mapping of table key -> "
                              "{entry, index, columns}); see docs/electra.md" % source)
    unknown = sorted(set(document) - {"name", "modeled", "extends", "tables"})
    if unknown:
        raise ValidationError("%s: %s is not allowed; give name, modeled, extends, tables" % (source, ", ".join(map(str, unknown))))
    extends = document.get("extends")
    if extends not in (None, "default"):
        raise ValidationError("%s: extends: %r is not allowed; the only profile to extend is default" % (source, extends))
    raw_tables: Dict[str, Any] = dict(copy.deepcopy(DEFAULT_PROFILE["tables"])) if extends == "default" else {}
    raw_tables.update(document["tables"])
    tables: Dict[str, Table] = {}
    for key, spec in raw_tables.items():
        if key not in TABLE_KEYS:
            raise ValidationError("%s: tables.%s is not a table; choose from %s" % (source, key, ", ".join(TABLE_KEYS)))
        if spec is None:  # extends: default, and this table switched off
            continue
        tables[key] = _table(key, spec, "%s: tables.%s" % (source, key))
    entries = sorted((table.entry, key) for key, table in tables.items())
    for (first, first_key), (second, second_key) in zip(entries, entries[1:]):
        if second[:len(first)] == first:
            raise ValidationError("%s: tables.%s.entry %s lies inside tables.%s.entry %s" % (
                source, second_key, oid_text(second), first_key, oid_text(first)))
    modeled = document.get("modeled", False)
    if not isinstance(modeled, bool):
        raise ValidationError("%s: modeled: %r is not a boolean" % (source, modeled))
    return Profile(str(document.get("name") or "custom"), modeled, tables)


def load_profile(value: Any) -> Profile:
    """The profile the ``profile`` option names.

    :param value: None (the modeled default), a path of a YAML or JSON file, or the document itself (a dict).
    :raises ValidationError: an unreadable file, bad YAML, or an invalid document (the message names the file).
    """
    if value is None or value == "default":
        return build_profile(copy.deepcopy(DEFAULT_PROFILE), "profile (default)")
    if isinstance(value, Mapping):
        return build_profile(value, "profile")
    if not isinstance(value, str):
        raise ValidationError("profile: give the path of a profile file or the profile itself (a mapping), not %s"
                              % type(value).__name__)
    try:
        with open(value, encoding="utf-8") as handle:
            text = handle.read()
    except OSError as exc:
        raise ValidationError("profile: cannot read %s: %s" % (value, exc.strerror or exc)) from None
    document = _parse(text, value)
    return build_profile(document, "profile (%s)" % value)


def _parse(text: str, path: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        pass
    try:
        import yaml  # pylint: disable=import-outside-toplevel
    except ImportError:  # pragma: no cover - PyYAML comes with ansible-core
        raise ValidationError("profile (%s): not JSON, and PyYAML is not installed to read YAML" % path) from None
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ValidationError("profile (%s): not valid YAML: %s" % (path, str(exc).replace("\n", " "))) from None


def table_keys(profile: Profile) -> List[str]:
    """The profile's table keys in :data:`TABLE_KEYS` order."""
    return [key for key in TABLE_KEYS if key in profile.tables]
