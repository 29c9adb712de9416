# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""VOS facts: one function per ``gather_subset`` entry, each returning normalised snake_case data.

Reads are shared through :meth:`VosClient.list_cached`, so a subset that needs another subset's list (services
need source and destination names) never reads it twice. Subsets run concurrently (bounded by ``max_workers``);
inside a subset reads are sequential, so the number of threads never exceeds the bound.
"""

from __future__ import annotations

from typing import Any, Callable, Dict, List, Mapping

from ..errors import ApiError
from ..facts import FactsGatherer
from ..fields import References, snake_keys
from .client import VosClient
from .resources import DESTINATION_FIELDS, IMAGE_FIELDS, SERVICE_FIELDS, SOURCE_FIELDS
from ..resource import clean

SUBSETS = ("services", "sources", "destinations", "profiles", "cloud_links", "nodes", "origin_engine", "images",
           "notifications", "notification_types", "scte_logs", "platform")

#: Value of a subset whose endpoint the cluster does not have.
EMPTY: Dict[str, Any] = {"origin_engine": {}, "platform": {}, "cloud_links": {}, "notifications": {}}


class VosFacts(FactsGatherer):
    """Builds the ``ansible_facts.vos`` dict.

    :param client: the cluster's client.
    :param scte_log_limit: rows of SCTE logs to ask for (``result_count``).
    :param notification_limit: notifications to ask for (``result_count``); 0 means the device's default.
    """

    SUBSETS = SUBSETS
    EMPTY = EMPTY
    client: VosClient

    def __init__(self, client: VosClient, scte_log_limit: int = 100, notification_limit: int = 0) -> None:
        super().__init__(client)
        self.scte_log_limit = scte_log_limit
        self.notification_limit = notification_limit

    # ------------------------------------------------------------------ helpers
    def _refs(self, *kinds: str) -> References:
        lists = [self.client.list_cached(k) for k in kinds]
        refs = References(labels=self.client.kind_labels)
        for kind, items in zip(kinds, lists):
            refs.add_table(kind, [(self.client.item_name(kind, o), str(o.get("id"))) for o in items])
        return refs

    def _config_items(self, kind: str, fields: Any, ref_kinds: List[str]) -> List[Dict[str, Any]]:
        refs = self._refs(kind, *ref_kinds)
        items = []
        for obj in self.client.list_cached(kind):
            item = clean(fields.strip_secrets(fields.from_api(obj, refs)))
            item["id"] = obj.get("id")
            items.append(item)
        return sorted(items, key=lambda i: str(i.get("name") or i.get("url")))

    # ------------------------------------------------------------------ subsets
    def services(self) -> List[Dict[str, Any]]:
        """Services in the ``vos_services`` config form plus ``id``."""
        return self._config_items("services", SERVICE_FIELDS, ["sources", "destinations", "profiles", "images"])

    def sources(self) -> List[Dict[str, Any]]:
        """Sources with their inputs, in the ``vos_sources`` config form plus ``id``."""
        return self._config_items("sources", SOURCE_FIELDS, ["uplink_groups", "images"])

    def destinations(self) -> List[Dict[str, Any]]:
        """Destinations with outputs and end points, in the ``vos_destinations`` config form plus ``id``."""
        return self._config_items("destinations", DESTINATION_FIELDS, ["profiles", "uplink_groups"])

    def images(self) -> List[Dict[str, Any]]:
        """Slate images: ``[{"id", "url"}]``."""
        return self._config_items("images", IMAGE_FIELDS, [])

    def profiles(self) -> List[Dict[str, Any]]:
        """Profiles (transcoding and destination): ``[{"id", "name", "customer_version", "type", ...}]``."""
        return sorted(snake_keys(self.client.list_cached("profiles")), key=lambda p: str(p.get("name")))

    def cloud_links(self) -> Dict[str, Any]:
        """``{"uplinks": [...with "state" and "group"], "groups": [{"id", "name", "uplinks": [names]}],
        "lost": <count of uplinks in state LOST>}``."""
        uplinks, groups, status = [self.client.list_cached(k) for k in ("uplinks", "uplink_groups", "uplink_status")]
        names = {u.get("id"): u.get("name") for u in uplinks}
        group_of: Dict[Any, Any] = {}
        for group in groups:
            for uplink_id in group.get("uplinkIds") or []:
                group_of.setdefault(uplink_id, group.get("name"))
        state = {s.get("id"): s for s in status}
        result = []
        for uplink in uplinks:
            entry = snake_keys(uplink)
            st = state.get(uplink.get("id"), {})
            entry["state"] = st.get("uplinkState")
            entry["statistics"] = snake_keys((st.get("uplinkStatistic") or {}).get("uplinkOutputStatisticList") or [])
            entry["group"] = group_of.get(uplink.get("id"))
            result.append(entry)
        group_list = [{"id": g.get("id"), "name": g.get("name"),
                       "uplinks": [names.get(i, i) for i in g.get("uplinkIds") or []]} for g in groups]
        return {"uplinks": sorted(result, key=lambda u: str(u.get("name"))),
                "groups": sorted(group_list, key=lambda g: str(g.get("name"))),
                "lost": sum(1 for u in result if u.get("state") == "LOST")}

    def nodes(self) -> List[Dict[str, Any]]:
        """Kubernetes pods (modeled endpoint): ``[{"id", "host_name", "node_name", "state", "cpu_usage" (percent),
        "memory_usage" (bytes), "memory_limit" (bytes), "services": [service names]}]``."""
        nodes = self.client.list_cached("nodes")
        services = {s.get("id"): s.get("name") for s in self.client.list_cached("services")}
        result = []
        for node in nodes:
            entry = snake_keys({k: v for k, v in node.items() if k != "serviceIds"})
            entry["services"] = sorted(str(services.get(i, i)) for i in node.get("serviceIds") or [])
            result.append(entry)
        return sorted(result, key=lambda n: str(n.get("host_name")))

    def origin_engine(self) -> Dict[str, Any]:
        """Origin engine (modeled): ``{"statistics": {...}, "servers": [{"host_name", "cpu_usage", ...}]}``."""
        stats, servers = self.client.get_object("origin_engine"), self.client.get_list("origin_engine_servers")
        return {"statistics": snake_keys(stats or {}), "servers": sorted(snake_keys(servers), key=lambda s: str(s.get("host_name")))}

    def notifications(self) -> Dict[str, Any]:
        """``{"items": [...], "counts": {"by_state": {..}, "by_severity": {..}, "active_by_severity": {..}},
        "active_critical": n}``; ``creation_time`` and ``resolved_time`` are epoch milliseconds (confirmed)."""
        params = {"result_count": self.notification_limit} if self.notification_limit else None
        items = snake_keys(self.client.get_list("notifications", params=params))
        counts: Dict[str, Dict[str, int]] = {"by_state": {}, "by_severity": {}, "active_by_severity": {}}
        for item in items:
            state, severity = str(item.get("state")), str(item.get("severity"))
            counts["by_state"][state] = counts["by_state"].get(state, 0) + 1
            counts["by_severity"][severity] = counts["by_severity"].get(severity, 0) + 1
            if state == "ACTIVE":
                counts["active_by_severity"][severity] = counts["active_by_severity"].get(severity, 0) + 1
        return {"items": items, "counts": counts, "active_critical": counts["active_by_severity"].get("CRITICAL", 0)}

    def notification_types(self) -> List[Dict[str, Any]]:
        """Every notification type the cluster can raise (modeled endpoint)."""
        return snake_keys(self.client.get_list("notification_types"))  # type: ignore[no-any-return]

    def scte_logs(self) -> List[Dict[str, Any]]:
        """The newest ``scte_log_limit`` SCTE-35 log rows (modeled endpoint); ``time`` in epoch milliseconds."""
        rows = self.client.get_list("scte_logs", params={"result_count": self.scte_log_limit})
        return snake_keys(rows[: self.scte_log_limit])  # type: ignore[no-any-return]

    def platform(self) -> Dict[str, Any]:
        """``{"system_info": {..}, "networks": [..], "rf": {"monitorings": [..], "statistics": [..], "settings": [..]}}``;
        RF parts are empty (with a warning) on clusters without RF cards."""
        def optional(kind: str, empty: Any) -> Callable[[], Any]:
            def fetch() -> Any:
                try:
                    return self.client.get_object(kind)
                except ApiError as exc:
                    if exc.status in (404, 501):
                        self.warnings.append("platform: %s is not available on this cluster (%s); returned empty "
                                             "(normal without RF cards)" % (self.client.paths[kind], exc.message))
                        return empty
                    raise
            return fetch
        info, networks, monitorings, statistics, settings = [fetch() for fetch in (
            optional("system_info", {}), optional("networks", []), optional("rf_monitorings", []),
            optional("rf_statistics", []), optional("rf_settings", []))]
        return {"system_info": snake_keys(info or {}), "networks": snake_keys(networks or []),
                "rf": {"monitorings": snake_keys(monitorings or []), "statistics": snake_keys(statistics or []),
                       "settings": snake_keys(settings or [])}}


def summary(facts: Mapping[str, Any]) -> Dict[str, Any]:
    """Counts per subset, for a short printed summary."""
    result: Dict[str, Any] = {}
    for name, value in facts.items():
        if isinstance(value, list):
            result[name] = len(value)
    return result
