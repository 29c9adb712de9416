# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The agent's MIB view over the live :class:`electra.model.ElectraState`: every served OID in lexicographic order, the
typed values (:mod:`electra.ber`) read from the state at request time.

The view is a sorted list of *segments*, each a disjoint subtree: the SNMPv2-MIB system group, HOST-RESOURCES-MIB
``hrSystem`` (``hrSystemDate.0``), ``hrStorageEntry`` and one segment per table of the OID profile (its ``entry``). A
segment holds its OIDs in order (columns by id, rows by index within a column, which is lexicographic order because
every index has a fixed number of integer parts) and, for each OID, the row object and the column reader. A segment is
rebuilt only when its table's rows changed (:meth:`electra.model.ElectraState.version`); the cells are read live, so a
job stopped over HTTP answers ``stopped`` on the next GET. GET and GETNEXT are two bisections.
"""

from __future__ import annotations

import struct
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Callable

from electra import ber
from electra.model import PARAMETERS, STORAGE_TYPES, WRITABLE, ElectraState
from electra.profile import Column, Profile, ProfileError, Table

Oid = tuple[int, ...]
Reader = Callable[[Any], Any]
"""``row -> value``: a Python value (field readers) or a typed :data:`electra.ber.Value` (cell readers)."""

SYSTEM = (1, 3, 6, 1, 2, 1, 1)
HR_SYSTEM = (1, 3, 6, 1, 2, 1, 25, 1)
HR_SYSTEM_DATE = HR_SYSTEM + (2,)
HR_STORAGE_ENTRY = (1, 3, 6, 1, 2, 1, 25, 2, 3, 1)

NO_SUCH_OBJECT: ber.Value = (ber.NO_SUCH_OBJECT, None)
NO_SUCH_INSTANCE: ber.Value = (ber.NO_SUCH_INSTANCE, None)
END_OF_MIB_VIEW: ber.Value = (ber.END_OF_MIB_VIEW, None)
MAX_UNSIGNED = 0xFFFFFFFF
MAX_INTEGER = 0x7FFFFFFF


def date_and_time(epoch: float) -> bytes:
    """RFC 2579 DateAndTime, 11 octets in UTC (``+00:00``), deci-seconds included."""
    moment = datetime.fromtimestamp(epoch, timezone.utc)
    return struct.pack(">HBBBBBBcBB", moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second,
                       moment.microsecond // 100000, b"+", 0, 0)


def _clamp(value: Any, low: int, high: int) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = 0
    return max(low, min(high, number))


def _oid_value(value: Any) -> ber.Value:
    if isinstance(value, str):
        value = tuple(int(part) for part in value.strip(".").split("."))
    return (ber.OID, tuple(value))


def _octets(value: Any) -> ber.Value:
    return (ber.OCTETS, ("" if value is None else str(value)).encode("utf-8"))


def encoder(column: Column) -> Callable[[Any], ber.Value]:
    """The function turning a Python value of this column into the typed value of its profile type."""
    kind = column.type
    if kind == "string":
        return _octets
    if kind == "integer":
        return lambda value: (ber.INTEGER, _clamp(value, -MAX_INTEGER - 1, MAX_INTEGER))
    if kind == "counter":
        return lambda value: (ber.COUNTER32, _clamp(value, 0, 1 << 62) & MAX_UNSIGNED)
    if kind == "gauge":
        return lambda value: (ber.GAUGE32, _clamp(value, 0, MAX_UNSIGNED))
    if kind == "timeticks":
        return lambda value: (ber.TIMETICKS, _clamp(float(value or 0) * 100, 0, 1 << 62) & MAX_UNSIGNED)
    if kind == "ip":
        return lambda value: (ber.IPADDRESS, str(value))
    if kind == "enum":
        return lambda value: (ber.INTEGER, column.number(value))
    if kind == "bool":
        return lambda value: (ber.INTEGER, 1 if value else 2)
    if kind == "datetime":
        return lambda value: (ber.OCTETS, date_and_time(float(value)))
    return _oid_value


@dataclass
class Segment:
    """A subtree: ``prefix``, its OIDs in order and, per OID, ``(row, reader)``; ``objects`` are the object OIDs (scalar
    or column, without the instance part) that exist, for noSuchInstance versus noSuchObject."""

    prefix: Oid
    oids: list[Oid] = field(default_factory=list)
    cells: list[tuple[Any, Reader]] = field(default_factory=list)
    objects: frozenset[Oid] = frozenset()
    object_length: int = 0
    version: int = -1


@dataclass
class Source:
    """How to (re)build a segment: ``prefix``, the state ``version_key`` (None: static shape) and ``build()``."""

    prefix: Oid
    version_key: str | None
    build: Callable[[], Segment]


class MibView:
    """Sorted served OIDs over the live state. Call :meth:`refresh` (under the app lock) before a request's lookups."""

    def __init__(self, state: ElectraState, profile: Profile) -> None:
        self.state = state
        self.profile = profile
        sources = [Source(SYSTEM, None, self._system_segment), Source(HR_SYSTEM, None, self._hr_system_segment),
                   Source(HR_STORAGE_ENTRY, "storage", self._storage_segment)]
        for table in profile.tables:
            sources.append(Source(table.entry, table.key, self._table_builder(table)))
        sources.sort(key=lambda source: source.prefix)
        for first, second in zip(sources, sources[1:]):
            if second.prefix[:len(first.prefix)] == first.prefix:
                raise ProfileError(f"profile entry {'.'.join(map(str, second.prefix))} overlaps {'.'.join(map(str, first.prefix))}")
        self._sources = sources
        self._prefixes = [source.prefix for source in sources]
        self._segments: list[Segment] = [Segment(source.prefix) for source in sources]

    # Building ------------------------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Rebuild the segments whose table rows changed since they were built."""
        for position, source in enumerate(self._sources):
            version = 0 if source.version_key is None else self.state.version(source.version_key)
            if self._segments[position].version != version:
                segment = source.build()
                segment.version = version
                self._segments[position] = segment

    def _system_segment(self) -> Segment:
        state = self.state
        scalars: list[tuple[int, Reader]] = [
            (1, lambda _row: _octets(state.system.descr)),
            (2, lambda _row: (ber.OID, tuple(state.system.object_id))),
            (3, lambda _row: (ber.TIMETICKS, int(state.uptime() * 100) & MAX_UNSIGNED)),
            (4, lambda _row: _octets(state.system.contact)),
            (5, lambda _row: _octets(state.system.name)),
            (6, lambda _row: _octets(state.system.location)),
            (7, lambda _row: (ber.INTEGER, state.system.services)),
        ]
        return Segment(SYSTEM, [SYSTEM + (number, 0) for number, _reader in scalars], [(None, reader) for _number, reader in scalars],
                       frozenset(SYSTEM + (number,) for number, _reader in scalars), len(SYSTEM) + 1)

    def _hr_system_segment(self) -> Segment:
        state = self.state
        return Segment(HR_SYSTEM, [HR_SYSTEM_DATE + (0,)], [(None, lambda _row: (ber.OCTETS, date_and_time(state.clock())))],
                       frozenset({HR_SYSTEM_DATE}), len(HR_SYSTEM_DATE))

    def _storage_segment(self) -> Segment:
        rows = list(self.state.storage.values())
        columns: list[tuple[int, Reader]] = [
            (1, lambda row: (ber.INTEGER, row.index)),
            (2, lambda row: (ber.OID, STORAGE_TYPES.get(row.type, STORAGE_TYPES["other"]))),
            (3, lambda row: _octets(row.descr)),
            (4, lambda row: (ber.INTEGER, _clamp(row.allocation_units, 1, MAX_INTEGER))),
            (5, lambda row: (ber.INTEGER, _clamp(row.size, 0, MAX_INTEGER))),
            (6, lambda row: (ber.INTEGER, _clamp(row.used, 0, MAX_INTEGER))),
        ]
        segment = Segment(HR_STORAGE_ENTRY, objects=frozenset(HR_STORAGE_ENTRY + (number,) for number, _reader in columns),
                          object_length=len(HR_STORAGE_ENTRY) + 1)
        for number, reader in columns:
            for row in rows:
                segment.oids.append(HR_STORAGE_ENTRY + (number, row.index))
                segment.cells.append((row, reader))
        return segment

    def _rows(self, key: str) -> list[tuple[Oid, Any]]:
        """``(index, row)`` of table ``key`` in index order."""
        state = self.state
        if key == "nodes":
            return [((index,), state.nodes[index]) for index in sorted(state.nodes)]
        if key == "workflows":
            return [((index,), state.workflows[index]) for index in sorted(state.workflows)]
        if key == "jobs":
            return [((index,), state.jobs[index]) for index in sorted(state.jobs)]
        if key == "job_parameters":
            return [((index, position), (state.jobs[index], name)) for index in sorted(state.jobs)
                    for position, (name, _writable) in enumerate(PARAMETERS, start=1)]
        if key == "alarms":
            return [((index,), state.alarms[index]) for index in sorted(state.alarms)]
        return [((index,), state.logs[index]) for index in sorted(state.logs)]

    def _field_reader(self, key: str, name: str) -> Reader:
        """``row -> Python value`` of field ``name`` of table ``key``."""
        state = self.state
        if key == "nodes":
            if name == "cpu_load":
                return state.cpu_load
            if name == "job_count":
                return lambda node: state.node_stats(node.index)[0]
        elif key == "jobs":
            if name in ("service_name", "output_bitrate", "custom_label"):
                return lambda job: job.params[name]
            if name == "uptime":
                return state.job_uptime
        elif key == "job_parameters":
            if name == "name":
                return lambda row: row[1]
            if name == "value":
                return lambda row: str(row[0].params[row[1]])
            return lambda row: row[1] in WRITABLE
        return lambda row: getattr(row, name)

    def _table_builder(self, table: Table) -> Callable[[], Segment]:
        def build() -> Segment:
            rows = self._rows(table.key)
            segment = Segment(table.entry, objects=frozenset(table.entry + (column.id,) for column in table.columns),
                              object_length=len(table.entry) + 1)
            for column in table.columns:
                read = self._field_reader(table.key, column.field)
                encode = encoder(column)

                def reader(row: Any, read: Reader = read, encode: Callable[[Any], ber.Value] = encode) -> ber.Value:
                    return encode(read(row))

                prefix = table.entry + (column.id,)
                segment.oids.extend(prefix + index for index, _row in rows)
                segment.cells.extend((row, reader) for _index, row in rows)
            return segment
        return build

    # Lookups -------------------------------------------------------------------------------------------------------------
    def _segment_of(self, oid: Oid) -> int:
        """Position of the last segment whose prefix is <= ``oid`` (-1 when none)."""
        return bisect_right(self._prefixes, oid) - 1

    def get(self, oid: Oid) -> ber.Value:
        """The typed value at ``oid``, or noSuchObject / noSuchInstance."""
        position = self._segment_of(oid)
        if position < 0:
            return NO_SUCH_OBJECT
        segment = self._segments[position]
        if oid[:len(segment.prefix)] != segment.prefix:
            return NO_SUCH_OBJECT
        at = bisect_left(segment.oids, oid)
        if at < len(segment.oids) and segment.oids[at] == oid:
            row, reader = segment.cells[at]
            return reader(row)
        if len(oid) >= segment.object_length and oid[:segment.object_length] in segment.objects:
            return NO_SUCH_INSTANCE
        return NO_SUCH_OBJECT

    def next(self, oid: Oid) -> tuple[Oid, ber.Value]:
        """The first served OID after ``oid`` and its typed value, or ``(oid, endOfMibView)``."""
        position = self._segment_of(oid)
        if position >= 0:
            segment = self._segments[position]
            if oid[:len(segment.prefix)] == segment.prefix:
                at = bisect_right(segment.oids, oid)
                if at < len(segment.oids):
                    row, reader = segment.cells[at]
                    return segment.oids[at], reader(row)
        for segment in self._segments[position + 1:]:
            if segment.oids:
                row, reader = segment.cells[0]
                return segment.oids[0], reader(row)
        return oid, END_OF_MIB_VIEW

    def walk(self) -> list[Oid]:
        """Every served OID in order (tests)."""
        return [oid for segment in self._segments for oid in segment.oids]
