# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The facts gatherer shared by every ``<device>_facts`` module.

A device declares its subsets as ``{name: fetch}``, where ``fetch()`` returns the normalised, snake_case data of
that subset. ``gather_subset`` selects them (``all``, names, and ``!name`` exclusions); the selected subsets are
fetched concurrently (bounded by the client's worker count). A subset whose endpoint the device does not have
(HTTP 404 or 501, for example VOS RF endpoints on a cluster without RF cards), or whose endpoint the user switched
off (``endpoint_paths.KEY.enabled: false``), is returned empty with a warning.
"""

from __future__ import annotations

from functools import partial
from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence, Tuple, TypeVar

from .errors import ApiError, EndpointDisabled, ValidationError
from .resource import run_concurrently

T = TypeVar("T")

#: HTTP statuses meaning "this device does not have that endpoint".
ABSENT_STATUSES = (404, 501)


def select_subsets(requested: Sequence[str], available: Sequence[str], option: str = "gather_subset") -> List[str]:
    """The subsets to gather, in ``available`` order.

    :param requested: names, ``all``, or ``!name`` exclusions; only exclusions means ``all`` minus those.
    :param available: every subset name the device offers.
    :raises ValidationError: an unknown name (the message lists the allowed ones).
    """
    allowed = set(available)
    include: List[str] = []
    exclude: List[str] = []
    for raw in requested or ["all"]:
        entry = str(raw).strip()
        negate = entry.startswith("!")
        name = entry[1:] if negate else entry
        if name != "all" and name not in allowed:
            raise ValidationError("%s: %r is not a subset; choose from all, %s (prefix ! to exclude)" % (
                option, entry, ", ".join(available)))
        if negate:
            exclude.extend(available if name == "all" else [name])
        elif name == "all":
            include.extend(available)
        else:
            include.append(name)
    if not include:
        include = list(available)
    return [name for name in available if name in include and name not in exclude]


def optional(fetch: Callable[[], T], empty: T) -> T:
    """``fetch()``, or ``empty`` when its endpoint is switched off (``endpoint_paths``) or the device does not have it
    (HTTP 404 or 501): for reads that only add detail (names of referenced items) and must not fail a subset.

    :raises BroadcastError: any other failure.
    """
    try:
        return fetch()
    except EndpointDisabled:
        return empty
    except ApiError as exc:
        if exc.status in ABSENT_STATUSES:
            return empty
        raise


def gather(subsets: Mapping[str, Callable[[], Any]], requested: Sequence[str], max_workers: int,
           empty: Optional[Mapping[str, Any]] = None) -> Tuple[Dict[str, Any], List[str]]:
    """Fetch the selected subsets concurrently.

    :param subsets: ``{name: fetch}`` in display order.
    :param requested: the ``gather_subset`` option.
    :param max_workers: concurrency bound.
    :param empty: the value of an absent subset by name (default ``[]``).
    :returns: ``(facts, warnings)``: facts keyed by subset name; one warning per absent endpoint.
    :raises ValidationError: unknown subset name.
    :raises BroadcastError: any other device or transport failure.
    """
    names = select_subsets(requested, list(subsets))
    warnings: List[str] = []

    def fetch(name: str) -> Any:
        try:
            return subsets[name]()
        except EndpointDisabled as exc:
            warnings.append("subset %s: not read, its endpoint %r is switched off (endpoint_paths)" % (name, exc.key))
            return (empty or {}).get(name, [])
        except ApiError as exc:
            if exc.status in ABSENT_STATUSES:
                warnings.append("subset %s: the device has no such endpoint (%s); returned empty" % (name, exc.message))
                return (empty or {}).get(name, [])
            raise

    values = run_concurrently([partial(fetch, n) for n in names], max_workers)
    return dict(zip(names, values)), sorted(warnings)


class FactsGatherer:
    """Base of a device's facts: one method per subset, named after it, returning normalised snake_case data.

    Subclasses set :attr:`SUBSETS` (names in display order) and :attr:`EMPTY` (the value of a subset whose endpoint
    the device does not have, by name; default ``[]``).

    :param client: the device client (its ``max_workers`` bounds the concurrency).
    """

    SUBSETS: Tuple[str, ...] = ()
    EMPTY: Mapping[str, Any] = {}

    def __init__(self, client: Any) -> None:
        self.client = client
        self.warnings: List[str] = []

    def gather(self, gather_subset: List[str]) -> Dict[str, Any]:
        """Selected subsets, fetched concurrently; absent endpoints give empty subsets and :attr:`warnings`."""
        subsets: Dict[str, Callable[[], Any]] = {name: getattr(self, name) for name in self.SUBSETS}
        facts, warnings = gather(subsets, gather_subset, self.client.max_workers, self.EMPTY)
        self.warnings.extend(warnings)
        return facts
