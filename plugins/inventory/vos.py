# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Inventory of a Harmonic VOS cluster: its cloud links (uplinks) and its nodes (Kubernetes pods) as hosts."""

from __future__ import annotations

DOCUMENTATION = r"""
name: vos
short_description: Harmonic VOS cloud links and nodes as inventory hosts
version_added: 0.1.0
description:
  - Reads a Harmonic VOS cluster and adds two kinds of hosts.
  - Every cloud link (uplink) becomes a host named after its name, with C(ansible_host) set to its IP address,
    in the groups C(vos_cloud_links) and C(vos_cloud_link_group_<group>) (the cloud-link group it belongs to).
  - Every node (a Kubernetes pod of the cluster, a modeled endpoint) becomes a host named after its host name,
    in the groups C(vos_nodes) and C(vos_node_<node>) (the worker node the pod runs on).
  - Group name suffixes are the VOS names in lower case, with every character other than letters, digits and
    C(_) replaced by C(_) (C(DFW-CL-GROUP-A) gives C(vos_cloud_link_group_dfw_cl_group_a)).
  - "Host variables start with O(hostvars_prefix) (default C(vos_)). Cloud links: C(vos_kind) (V(cloud_link)),
    C(vos_id), C(vos_name), C(vos_ip_address), C(vos_rank), C(vos_version), C(vos_state) (V(CONNECTED) or V(LOST),
    from the cloud link status) and C(vos_group) (its cloud-link group name, or null)."
  - "Nodes: C(vos_kind) (V(node)), C(vos_id), C(vos_host_name), C(vos_node_name), C(vos_state) (V(RUNNING),
    V(PENDING) or V(FAILED)), C(vos_cpu_usage) (percent), C(vos_memory_usage) and C(vos_memory_limit) (bytes) and
    C(vos_services) (names of the services the pod runs)."
  - Independent endpoints are read concurrently (at most O(max_workers) at once), each endpoint once, with one
    login per run. A cluster without the nodes endpoint (HTTP 404 or 501) gives no node hosts and a warning.
  - The configuration file name must end with C(vos.yml) or C(vos.yaml), for example C(headend.vos.yml).
  - With O(cache) enabled, the normalised cluster data (not the hosts) is cached under a key derived from the
    configuration file path; C(--flush-cache) reads the cluster again and replaces the entry.
author:
  - broadcast.video contributors (!UNKNOWN)
extends_documentation_fragment:
  - constructed
  - inventory_cache
  - broadcast.video.vos_inventory
options:
  plugin:
    description:
      - The name of this plugin; marks the file as a configuration of it.
    type: str
    required: true
    choices: [broadcast.video.vos]
  hostvars_prefix:
    description:
      - Prefix of every host variable this plugin sets (except C(ansible_host)).
      - Must start with a letter or C(_) and contain only letters, digits and C(_); it cannot be empty, so that no
        host variable is called C(name), a reserved name.
    type: str
    default: vos_
  want_cloud_links:
    description:
      - Add the cloud links (uplinks) as hosts.
    type: bool
    default: true
  want_nodes:
    description:
      - Add the nodes (Kubernetes pods) as hosts.
    type: bool
    default: true
notes:
  - Runs on the controller, which needs the Python library C(requests).
  - Errors (missing host or credentials, refused credentials, unreachable cluster) fail the inventory source with
    the client's message; secrets never appear in it. Set C(ANSIBLE_INVENTORY_UNPARSED_FAILED=true) to make
    C(ansible-inventory) and playbooks stop on such an error instead of warning.
seealso:
  - module: broadcast.video.vos_facts
"""

EXAMPLES = r"""
# headend.vos.yml: every cloud link and node; the password from the environment (or a vault-encrypted string)
plugin: broadcast.video.vos
host: vos.example.com
username: ansible
password: "{{ lookup('ansible.builtin.env', 'VOS_PASSWORD') }}"

---
# lab.vos.yml: a lab simulator over plain HTTP, only the cloud links
plugin: broadcast.video.vos
host: 127.0.0.1
port: 8443
use_ssl: false
auth_method: basic
username: admin
password: admin-password
want_nodes: false

---
# oauth.vos.yml: OAuth2 client credentials from VOS_CLIENT_ID and VOS_CLIENT_SECRET, groups by state,
# composed variables, and the cluster data cached for an hour in JSON files
plugin: broadcast.video.vos
host: vos.example.com
ca_path: /etc/pki/vos-ca.pem
keyed_groups:
  # vos_state_connected, vos_state_lost, vos_state_running, vos_state_pending...
  - key: vos_state | lower
    prefix: vos_state
  # role_cloud_link, role_node
  - key: vos_kind
    prefix: role
groups:
  # cloud links that are down, and pods above 90 % of their memory limit
  vos_alarms: >-
    vos_state == 'LOST' or
    (vos_kind == 'node' and vos_memory_limit > 0 and vos_memory_usage / vos_memory_limit > 0.9)
compose:
  # only on nodes: on cloud links the expression fails and, with strict false, is skipped
  memory_usage_percent: (100 * vos_memory_usage / vos_memory_limit) | round(1)
  # the cloud link's group, or "none"
  cloud_link_group: vos_group | default('none', true)
cache: true
cache_plugin: ansible.builtin.jsonfile
cache_connection: ~/.cache/ansible/vos-inventory
cache_timeout: 3600
"""

from typing import Any, Callable, Dict, List, Mapping

from ansible_collections.broadcast.video.plugins.module_utils.errors import ApiError
from ansible_collections.broadcast.video.plugins.module_utils.facts import ABSENT_STATUSES
from ansible_collections.broadcast.video.plugins.module_utils.vos.client import CONNECTION_SPEC, VosClient
from ansible_collections.broadcast.video.plugins.module_utils.vos.facts import VosFacts
from ansible_collections.broadcast.video.plugins.plugin_utils.inventory import DeviceInventory

#: Lists each subset reads: prefetched concurrently before the subsets are built.
SUBSET_KINDS: Dict[str, List[str]] = {
    "cloud_links": ["uplinks", "uplink_groups", "uplink_status"],
    "nodes": ["nodes", "services"],
}

#: Value of a subset whose endpoint the cluster does not have (the shapes VosFacts returns).
EMPTY_SUBSETS: Dict[str, Any] = {"cloud_links": {"uplinks": []}, "nodes": []}

CLOUD_LINK_VARS = ("id", "name", "ip_address", "rank", "version", "state", "group")
NODE_VARS = ("id", "host_name", "node_name", "state", "cpu_usage", "memory_usage", "memory_limit", "services")


class InventoryModule(DeviceInventory):
    """``broadcast.video.vos``: cloud links and nodes of one VOS cluster per configuration file."""

    NAME = "broadcast.video.vos"
    FILE_SUFFIX = "vos"
    CONNECTION_SPEC = CONNECTION_SPEC
    TEMPLATED_OPTIONS = ("host", "username", "password", "client_id", "client_secret", "ca_path")
    CACHE_FORMAT = 1

    # ------------------------------------------------------------------ reading
    def _wanted(self) -> List[str]:
        """The subsets asked for: ``cloud_links`` and/or ``nodes``."""
        return [name for name, option in (("cloud_links", "want_cloud_links"), ("nodes", "want_nodes"))
                if self.get_option(option)]

    def _cache_covers(self, data: Mapping[str, Any], wanted: List[str]) -> bool:
        """The entry holds every subset asked for."""
        return all(isinstance(data.get(name), list) for name in wanted)

    def _fetch(self, wanted: List[str]) -> Dict[str, Any]:
        """Read the cluster once: ``{"cloud_links": [...], "nodes": [...]}`` (normalised, JSON-safe)."""
        data: Dict[str, Any] = {}
        if not wanted:
            return data
        values, missing = self._with_client(VosClient, lambda client: self._read(client, wanted))
        for name in missing:
            values[name] = EMPTY_SUBSETS[name]
        if "cloud_links" in values:
            data["cloud_links"] = [{k: u.get(k) for k in CLOUD_LINK_VARS} for u in values["cloud_links"].get("uplinks") or []]
        if "nodes" in values:
            data["nodes"] = [{k: n.get(k) for k in NODE_VARS} for n in values["nodes"] or []]
        return data

    def _read(self, client: VosClient, subsets: List[str]) -> Any:
        """The subsets' facts, and the subsets whose endpoint the cluster does not have (with the error)."""
        absent = self._prefetch(client, subsets)
        missing = {name: absent[kind] for name in subsets for kind in SUBSET_KINDS[name] if kind in absent}
        for name in sorted(missing):
            self.display.warning("broadcast.video.vos: no %s hosts: the cluster has no such endpoint (%s)" % (
                {"cloud_links": "cloud link", "nodes": "node"}[name], missing[name].message))
        facts = VosFacts(client)
        wanted = [name for name in subsets if name not in missing]
        values: Dict[str, Any] = facts.gather(wanted) if wanted else {}
        for warning in facts.warnings:
            self.display.warning("broadcast.video.vos: %s" % warning)
        return values, missing

    @staticmethod
    def _prefetch(client: VosClient, subsets: List[str]) -> Dict[str, ApiError]:
        """Read every list the subsets need at once (bounded by ``max_workers``); the subsets then build from the
        client's shared reads.

        :returns: the endpoints the cluster does not have (HTTP 404 or 501), by kind.
        :raises BroadcastError: any other failure (credentials, transport...).
        """
        absent: Dict[str, ApiError] = {}

        def warm(kind: str) -> Callable[[], None]:
            def call() -> None:
                try:
                    client.list_cached(kind)
                except ApiError as exc:
                    if exc.status not in ABSENT_STATUSES:
                        raise
                    absent[kind] = exc
            return call
        client.run_concurrently([warm(kind) for name in subsets for kind in SUBSET_KINDS[name]])
        return absent

    # ------------------------------------------------------------------ hosts
    def _populate(self, data: Mapping[str, Any], wanted: List[str], prefix: str) -> None:
        seen: Dict[str, str] = {}
        if "cloud_links" in wanted:
            self.inventory.add_group("vos_cloud_links")
            for link in data.get("cloud_links") or []:
                host = self._add_host(seen, "cloud link", link.get("name") or link.get("id"))
                if host is None:
                    continue
                self.inventory.add_child("vos_cloud_links", host)
                if link.get("group"):
                    self._add_to_group(self._group("vos_cloud_link_group_", link["group"]), host)
                if link.get("ip_address"):
                    self.inventory.set_variable(host, "ansible_host", link["ip_address"])
                self._set_vars(host, prefix, link, CLOUD_LINK_VARS, kind="cloud_link")
        if "nodes" in wanted:
            self.inventory.add_group("vos_nodes")
            for node in data.get("nodes") or []:
                host = self._add_host(seen, "node", node.get("host_name") or node.get("id"))
                if host is None:
                    continue
                self.inventory.add_child("vos_nodes", host)
                if node.get("node_name"):
                    self._add_to_group(self._group("vos_node_", node["node_name"]), host)
                self._set_vars(host, prefix, node, NODE_VARS, kind="node")
