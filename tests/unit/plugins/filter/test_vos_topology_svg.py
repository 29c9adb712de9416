# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Unit tests of the broadcast.video.vos_topology_svg filter (the picture itself: test_topology.py)."""

from __future__ import annotations

import pytest
from ansible.errors import AnsibleFilterError

from ansible_collections.broadcast.video.plugins.filter.vos_topology_svg import FilterModule, vos_topology_svg

FACTS = {"services": [{"name": "news", "control_state": "activated", "sources": [{"name": "news.p", "rank": 1}],
                       "destinations": []}],
         "sources": [{"name": "news.p", "inputs": [{"rank": 1, "type": "zixi", "cloud_link_group": "A"}]}],
         "cloud_links": {"groups": [{"name": "A"}], "uplinks": [{"name": "a1", "group": "A", "state": "CONNECTED"}]}}


def test_filter_is_registered() -> None:
    assert FilterModule().filters() == {"vos_topology_svg": vos_topology_svg}


def test_filter_returns_the_pictures() -> None:
    [item] = vos_topology_svg(FACTS)
    assert item["service"] == "news" and item["state"] == "ok" and item["reasons"] == []
    assert item["svg"].startswith("<svg ") and item["svg"].endswith("</svg>")


@pytest.mark.parametrize("value", [None, "facts", [FACTS]])
def test_filter_refuses_what_is_not_the_facts_dict(value: object) -> None:
    with pytest.raises(AnsibleFilterError, match="vos_topology_svg: the input must be the ansible_facts.vos dict "
                                                 "returned by broadcast.video.vos_facts, got "):
        vos_topology_svg(value)
