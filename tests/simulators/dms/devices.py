# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The device table of the DMS simulator: up to 100,000+ devices in id order, with per-value indexes for the filters.

``GET /api/v1/devices`` filters on ``group``, ``region``, ``model``, ``status`` and ``firmwareVersion``. A linear scan of
100,000 dicts costs about 5 ms per field, paid again by each of the 100 concurrent page requests of a filtered
inventory; an index (value -> devices in id order) makes a filtered page cost its slice. Every index is built when the
devices are loaded; a change drops the indexes of the fields it touches (:meth:`DeviceStore.changed`) and the next
query rebuilds them (about 20 ms each for 100,000 devices).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any, Iterable

INDEXED = ("groups", "region", "model", "status", "firmwareVersion")
SELECTION_CACHE = 64


class DeviceStore:
    """Devices keyed by id in insertion (id) order; ``index(field)`` maps each value to the devices holding it.

    The ``groups`` index maps each group id to its member devices (a device lists several groups). Device dicts are
    stored and returned as they are: the caller mutates them in place and then calls :meth:`changed`.
    """

    def __init__(self) -> None:
        self._items: dict[str, dict[str, Any]] = {}
        self._ordered: list[dict[str, Any]] | None = None
        self._positions: dict[str, int] | None = None
        self._indexes: dict[str, dict[Any, list[dict[str, Any]]]] = {}
        self._selections: dict[tuple[Any, ...], list[dict[str, Any]]] = {}

    def load(self, devices: Iterable[dict[str, Any]]) -> None:
        """Replace every device with ``devices`` (kept in the given order) and build every index (about 0.1 s for 100,000)."""
        self._items = {device["id"]: device for device in devices}
        self._reset_views()
        for name in INDEXED:
            self.index(name)

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, device_id: object) -> bool:
        return isinstance(device_id, str) and device_id in self._items

    def get(self, device_id: str) -> dict[str, Any] | None:
        """The stored device ``device_id`` or None."""
        return self._items.get(device_id)

    def values(self) -> list[dict[str, Any]]:
        """Every device in order (a cached list: do not modify it)."""
        if self._ordered is None:
            self._ordered = list(self._items.values())
        return self._ordered

    def put(self, device: dict[str, Any]) -> dict[str, Any]:
        """Insert or replace a device (a replaced one keeps its position); every index is dropped."""
        self._items[device["id"]] = device
        self._reset_views()
        return device

    def delete(self, device_id: str) -> dict[str, Any] | None:
        """Remove and return a device, or None when absent; every index is dropped."""
        device = self._items.pop(device_id, None)
        if device is not None:
            self._reset_views()
        return device

    def changed(self, *fields: str) -> None:
        """Drop the indexes of ``fields`` after devices were modified in place."""
        for name in fields:
            self._indexes.pop(name, None)
        self._selections.clear()

    def _reset_views(self) -> None:
        """Forget the ordered list, the positions and every index."""
        self._ordered = None
        self._positions = None
        self._indexes.clear()
        self._selections.clear()

    def index(self, name: str) -> dict[Any, list[dict[str, Any]]]:
        """Value of field ``name`` (one of ``INDEXED``) -> the devices holding it, in order; built when missing."""
        known = self._indexes.get(name)
        if known is not None:
            return known
        index: defaultdict[Any, list[dict[str, Any]]] = defaultdict(list)
        if name == "groups":
            for device in self.values():
                for member in device.get("groups") or ():
                    if isinstance(member, str):
                        bucket = index[member]
                        if not bucket or bucket[-1] is not device:  # a group listed twice counts once
                            bucket.append(device)
        else:
            for device in self.values():
                value = device.get(name)
                if not isinstance(value, (list, dict)):  # an unchecked /__sim__/items insert may hold anything
                    index[value].append(device)
        self._indexes[name] = index
        return index

    def count(self, name: str, value: Any) -> int:
        """How many devices hold ``value`` in field ``name`` (a member of group ``value`` for ``groups``)."""
        return len(self.index(name).get(value, ()))

    def by_ids(self, device_ids: Iterable[str]) -> list[dict[str, Any]]:
        """The known devices among ``device_ids``, once each, in device order."""
        if self._positions is None:
            self._positions = {device["id"]: position for position, device in enumerate(self.values())}
        positions = self._positions
        found = {device_id: positions[device_id] for device_id in device_ids if device_id in positions}
        ordered = self.values()
        return [ordered[position] for position in sorted(found.values())]

    def select(self, filters: dict[str, Any], device_ids: list[str] | None = None) -> list[dict[str, Any]]:
        """Devices matching every filter (field -> exact value; ``groups`` -> a group id) and, when given, ``device_ids``.

        The smallest candidate list (an index bucket, or the id list) is scanned for the remaining conditions; the result
        of a combined query is kept (up to ``SELECTION_CACHE`` of them, until the next change), since a client reads its
        pages 2..N with the same filters.
        """
        key = (tuple(sorted(filters.items())), None if device_ids is None else tuple(device_ids))
        cached = self._selections.get(key)
        if cached is not None:
            return cached
        candidates: list[list[dict[str, Any]]] = [self.index(name).get(value, []) for name, value in filters.items()]
        wanted = None if device_ids is None else set(device_ids)
        if device_ids is not None:
            candidates.append(self.by_ids(device_ids))
        if not candidates:
            return self.values()
        smallest = min(candidates, key=len)
        if len(candidates) == 1:
            return smallest
        result = []
        for device in smallest:
            if wanted is not None and device["id"] not in wanted:
                continue
            for name, value in filters.items():
                if name == "groups":
                    if value not in (device.get("groups") or ()):
                        break
                elif device.get(name) != value:
                    break
            else:
                result.append(device)
        if len(self._selections) >= SELECTION_CACHE:
            self._selections.clear()
        self._selections[key] = result
        return result
