# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""HMP facts: one function per ``gather_subset`` entry, each returning normalised snake_case data.

Reads are shared through :meth:`HmpClient.list_cached`: the sessions subset reuses the sources list for source
names, streams reuse the videos list for titles. Subsets run concurrently; each collection's pages 2..N are read
concurrently too.
"""

from __future__ import annotations

from typing import Any, Dict, List

from ..facts import FactsGatherer
from ..fields import snake_keys
from .client import HmpClient

SUBSETS = ("system", "users", "groups", "sources", "sessions", "recordings", "videos", "categories", "streams",
           "devices")

#: Value of a subset whose endpoint the server does not have.
EMPTY: Dict[str, Any] = {"system": {}}

#: Fields never returned as facts: SRT passphrases, the set-top box admin PIN.
SECRET_FIELDS = ("passphrase", "adminPin")


def _public(item: Any) -> Any:
    if isinstance(item, dict):
        return {k: v for k, v in item.items() if k not in SECRET_FIELDS}
    return item


class HmpFacts(FactsGatherer):
    """Builds the ``ansible_facts.hmp`` dict.

    :param client: the server's client.
    """

    SUBSETS = SUBSETS
    EMPTY = EMPTY
    client: HmpClient

    def _list(self, kind: str) -> List[Dict[str, Any]]:
        return [snake_keys(_public(item)) for item in self.client.list_cached(kind)]

    def _names(self, kind: str) -> Dict[str, str]:
        return {self.client.item_id(kind, o): self.client.item_name(kind, o) for o in self.client.list_cached(kind)}

    # ------------------------------------------------------------------ subsets
    def system(self) -> Dict[str, Any]:
        """``{version, build}`` (confirmed: ``GET /apis/system/version``)."""
        return snake_keys(self.client.system_version())  # type: ignore[no-any-return]

    def users(self) -> List[Dict[str, Any]]:
        """Enabled users (with a role), as HMP lists them; HMP documents no endpoint to create users."""
        return self._list("users")

    def groups(self) -> List[Dict[str, Any]]:
        """Enabled groups."""
        return self._list("groups")

    def sources(self) -> List[Dict[str, Any]]:
        """Sources (SRT passphrases left out)."""
        return self._list("sources")

    def sessions(self) -> List[Dict[str, Any]]:
        """Sessions, each with ``sources`` as ``[{id, name}]`` and its ``events``."""
        names = self._names("sources")
        events: Dict[str, List[Dict[str, Any]]] = {}
        for event in self.client.list_cached("events"):
            events.setdefault(str(event.get("moduleId")), []).append(snake_keys(event))
        result = []
        for session in self.client.list_cached("sessions"):
            item = snake_keys(_public(session))
            item["sources"] = [{"id": s, "name": names.get(str(s))} for s in session.get("sources") or []]
            item["events"] = events.get(str(session.get("id")), [])
            result.append(item)
        return result

    def recordings(self) -> List[Dict[str, Any]]:
        """Active and paused recordings with their recorders (each recorder's ``source_name`` added)."""
        names = self._names("sources")
        sessions = self._names("sessions")
        result = []
        for recording in self.client.list_cached("recordings"):
            item = snake_keys(recording)
            item["session_title"] = sessions.get(str(recording.get("session")))
            for recorder in item.get("recorders") or []:
                if isinstance(recorder, dict):
                    recorder["source_name"] = names.get(str(recorder.get("source")))
            result.append(item)
        return result

    def videos(self) -> List[Dict[str, Any]]:
        """Videos (HMP's assets: finished recordings)."""
        return self._list("videos")

    def categories(self) -> List[Dict[str, Any]]:
        """Video categories with their values."""
        return self._list("categories")

    def streams(self) -> List[Dict[str, Any]]:
        """Active re-streams of videos, each with ``video_title``."""
        titles = self._names("videos")
        result = []
        for stream in self.client.list_cached("streams"):
            item = snake_keys(stream)
            item["video_title"] = titles.get(str(stream.get("asset")))
            result.append(item)
        return result

    def devices(self) -> List[Dict[str, Any]]:
        """Haivision Play set-top boxes (``_id`` becomes ``id``; the admin PIN is left out)."""
        result = []
        for box in self.client.list_cached("devices"):
            item = snake_keys(_public(box))
            item["id"] = item.pop("_id", item.get("id"))
            result.append(item)
        return result
