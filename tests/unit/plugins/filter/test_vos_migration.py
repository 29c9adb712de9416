# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Unit tests of the broadcast.video.vos_migration filter (the migration itself: test_migration.py; the filter in a
playbook: tests/integration/targets/playbook_migrate)."""

from __future__ import annotations

import inspect

import pytest
import yaml
from ansible.errors import AnsibleFilterError

from ansible_collections.broadcast.video.plugins.filter import vos_migration as plugin
from ansible_collections.broadcast.video.plugins.filter.vos_migration import FilterModule, vos_migration

SOURCE = {"services": [{"name": "news", "profile": "dfw.1080 2", "control_state": "activated",
                        "sources": [{"name": "news.p", "rank": 1}], "destinations": []}],
          "sources": [{"name": "news.p", "inputs": [{"rank": 1, "type": "zixi", "cloud_link_group": "A"}]}],
          "destinations": []}
MAPPING = {"names": {"rules": [{"pattern": "^news", "replace": "ord.news"}]}, "cloud_link_groups": {"A": "B"}}


def test_filter_is_registered() -> None:
    assert FilterModule().filters() == {"vos_migration": vos_migration}


def test_filter_returns_the_target_configuration() -> None:
    result = vos_migration(SOURCE, MAPPING, ["news"], target={"cloud_links": {"groups": [{"name": "B"}]}},
                           control_state="off", overwrite="yes")
    assert result["services"][0]["name"] == "ord.news" and result["services"][0]["control_state"] == "off"
    assert result["sources"][0]["inputs"][0]["cloud_link_group"] == "B"


def test_filter_errors_are_ansible_filter_errors() -> None:
    with pytest.raises(AnsibleFilterError, match=r"^vos_migration: services\[0\]: 'sports' matches no service"):
        vos_migration(SOURCE, MAPPING, ["sports"])
    with pytest.raises(AnsibleFilterError, match=r"^vos_migration: source 'ord.news.p' \(was 'news.p'\) inputs\[0\]: cloud-link "
                                                 r"group 'B' \(mapped from 'A'\) does not exist on the target"):
        vos_migration(SOURCE, MAPPING, target={"cloud_links": {"groups": []}})


def test_documentation_matches_the_function() -> None:
    doc = yaml.safe_load(plugin.DOCUMENTATION)
    parameters = list(inspect.signature(vos_migration).parameters)
    assert doc["name"] == "vos_migration"
    assert list(doc["options"]) == ["_input"] + parameters[1:]
    assert [p.strip() for p in doc["positional"].split(",")] == parameters[1:3]
    assert yaml.safe_load(plugin.EXAMPLES) and yaml.safe_load(plugin.RETURN)["_value"]["type"] == "dict"
