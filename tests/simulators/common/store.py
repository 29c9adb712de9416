# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""In-memory collections of JSON objects keyed by id, and deterministic id generation."""

from __future__ import annotations

import random
import re
import uuid
from typing import Any, Callable, Iterator

UUID_RE = re.compile(r"^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$", re.IGNORECASE)


def is_uuid(value: Any) -> bool:
    """True for a ``8-4-4-4-12`` hex string; variant and version bits are not checked (devices do not either)."""
    return isinstance(value, str) and UUID_RE.match(value) is not None


class IdFactory:
    """Lowercase UUID4 strings from a seeded random generator, so generated data is reproducible per ``--seed``."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def uuid(self) -> str:
        """A new lowercase hyphenated UUID4 string."""
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def token(self, length: int, alphabet: str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789") -> str:
        """A random string of ``length`` characters from ``alphabet`` (auth codes, session ids)."""
        return "".join(self.rng.choice(alphabet) for _index in range(length))


class Collection:
    """An insertion-ordered mapping id -> JSON object (dict) with the list/get/put/delete a REST resource needs.

    Items are stored as given (the caller copies when it must); ``key`` names the id field (default ``"id"``).
    """

    def __init__(self, name: str, key: str = "id") -> None:
        self.name = name
        self.key = key
        self._items: dict[str, dict[str, Any]] = {}

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, item_id: object) -> bool:
        return isinstance(item_id, str) and item_id in self._items

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return iter(list(self._items.values()))

    def get(self, item_id: str) -> dict[str, Any] | None:
        """The stored item with ``item_id`` or None."""
        return self._items.get(item_id)

    def put(self, item: dict[str, Any]) -> dict[str, Any]:
        """Insert or replace ``item`` under ``item[key]`` (keeping its original position on replace)."""
        self._items[str(item[self.key])] = item
        return item

    def delete(self, item_id: str) -> dict[str, Any] | None:
        """Remove and return the item, or None when absent."""
        return self._items.pop(item_id, None)

    def clear(self) -> None:
        """Remove every item."""
        self._items.clear()

    def find(self, predicate: Callable[[dict[str, Any]], bool]) -> list[dict[str, Any]]:
        """Items for which ``predicate(item)`` is true, in insertion order."""
        return [item for item in self._items.values() if predicate(item)]

    def values(self) -> list[dict[str, Any]]:
        """All items in insertion order."""
        return list(self._items.values())
