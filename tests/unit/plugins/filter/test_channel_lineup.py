# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Unit tests of the broadcast.video.channel_lineup filter: registration, the pending keyword, errors as
AnsibleFilterError naming the channel and the field, and its documentation. The expansion
itself: tests/unit/plugins/plugin_utils/test_channel.py; in the role: tests/integration/targets/role_channel."""

from __future__ import annotations

import pytest
import yaml
from ansible.errors import AnsibleFilterError

from ansible_collections.broadcast.video.plugins.filter import channel_lineup as plugin
from ansible_collections.broadcast.video.plugins.filter.channel_lineup import FilterModule, channel_lineup

NEWS = {"name": "news", "profile": "dfw.1080 2", "on_air": True, "slate": "http://slates.example.com/news.png",
        "inputs": [{"cloud_link_group": "DFW-CL-GROUP-A", "ip_address": "232.50.0.1", "ip_port": 5000}]}


def test_registered():
    assert FilterModule().filters() == {"channel_lineup": channel_lineup}


def test_expands_and_defers():
    result = channel_lineup([NEWS])
    assert [s["name"] for s in result["services"]] == ["news"]
    assert result["deferred"] == {"sources": [], "services": []}
    result = channel_lineup([NEWS], pending={"images": ["http://slates.example.com/news.png"]})
    assert result["deferred"] == {"sources": ["news.primary"], "services": ["news"]}


@pytest.mark.parametrize("lineup, pending, message", [
    ([dict(NEWS, inputs=[])], None, "channel 'news' (channel_lineup[0]): inputs: needs at least one input"),
    ("news", None, "channel_lineup: must be a list of channel definitions (got str)"),
    ([NEWS], {"services": []}, "pending: unknown key services"),
])
def test_errors_are_filter_errors(lineup, pending, message):
    with pytest.raises(AnsibleFilterError) as caught:
        channel_lineup(lineup, pending)
    assert str(caught.value).startswith("broadcast.video.channel_lineup: " + message)


def test_documentation_parses():
    doc = yaml.safe_load(plugin.DOCUMENTATION)
    assert doc["name"] == "channel_lineup" and set(doc["options"]) == {"_input", "pending"}
    assert set(yaml.safe_load(plugin.RETURN)["_value"]["contains"]) == {
        "images", "sources", "destinations", "services", "hmp_sessions", "hmp_events", "deferred"}
