# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Unit tests of plugins/plugin_utils/topology.py: colour rules, layout, escaping and determinism."""

from __future__ import annotations

import copy
import re
import xml.etree.ElementTree as ET
from typing import Any, Dict, List

import pytest

from ansible_collections.broadcast.video.plugins.plugin_utils import topology
from ansible_collections.broadcast.video.plugins.plugin_utils.topology import service_topologies

SVG_NS = "{http://www.w3.org/2000/svg}"


def zixi(rank: int, group: Any, address: str = "232.1.0.1") -> Dict[str, Any]:
    return {"rank": rank, "type": "zixi", "cloud_link_group": group, "ip_address": address, "ip_port": 5000,
            "program_number": 0, "ssm_ip_addresses": ["10.20.30.11"]}


def slate(rank: int) -> Dict[str, Any]:
    return {"rank": rank, "type": "slate", "slate_type": "signal_loss",
            "slate_image": "http://slates.example.com/vos/signal-loss.png"}


def origin(name: str) -> Dict[str, Any]:
    points = [{"hostname": "127.0.0.1", "packaging": p, "path": p.upper(), "port": 80, "profile_name": p + ".00",
               "protocol": "https"} for p in ("dash", "hls")]
    return {"name": name, "type": "origin", "destination_profile": "Akamai",
            "outputs": [{"rank": 1, "type": "origin", "end_points": points}]}


def ats(name: str, group: str) -> Dict[str, Any]:
    return {"name": name, "type": "ats", "destination_profile": "ATS",
            "outputs": [{"rank": 1, "type": "cloudlink", "cloud_link_group": group, "ip_address": "239.243.0.2",
                         "ip_port": 40000}]}


def service(name: str, sources: List[str], destinations: List[str], state: str = "activated") -> Dict[str, Any]:
    return {"name": name, "control_state": state, "profile": "dfw.1080 2", "program_number": 1,
            "sources": [{"name": s, "rank": n} for n, s in enumerate(sources, 1)], "destinations": destinations}


def notification(severity: str, channel: str, obj: str, state: str = "ACTIVE", title: str = "alarm") -> Dict[str, Any]:
    return {"severity": severity, "state": state, "channel_name": channel, "object_name": obj, "title": title,
            "type": "X", "creation_time": 1, "resolved_time": None, "id": "n"}


def cloud_links(**groups: List[str]) -> Dict[str, Any]:
    """cloud_links(GROUP_A=["CONNECTED"], ...): one uplink per state."""
    uplinks, group_list = [], []
    for group, states in sorted(groups.items()):
        names = []
        for n, state in enumerate(states):
            name = "%s-link-%d" % (group, n)
            names.append(name)
            uplinks.append({"name": name, "group": group, "state": state, "id": name})
        group_list.append({"name": group, "uplinks": names, "id": group})
    return {"uplinks": uplinks, "groups": group_list, "lost": sum(u["state"] == "LOST" for u in uplinks)}


@pytest.fixture
def facts() -> Dict[str, Any]:
    """The shape of the VOS simulator's seed, as broadcast.video.vos_facts returns it."""
    return {
        "services": [
            service("HBOHD.720.tv", ["HBO.p"], ["HBO.ATS"], state="off"),
            service("AandEHD.1080.tv", ["AandE.p"], ["AandE.origin"]),
            service("CNNHD.720.tv", ["CNN.p"], ["CNN.ATS"]),
            service("ESPNHD.1080.tv", ["ESPN.p"], ["ESPN.origin"]),
        ],
        "sources": [
            {"name": "AandE.p", "inputs": [zixi(1, "GROUP-A"), slate(2)], "id": "1"},
            {"name": "CNN.p", "inputs": [zixi(1, "GROUP-B"), slate(2)], "id": "2"},
            {"name": "ESPN.p", "inputs": [slate(2), zixi(1, "GROUP-A")], "id": "3"},
            {"name": "HBO.p", "inputs": [zixi(1, "GROUP-B"), slate(2)], "id": "4"},
        ],
        "destinations": [origin("AandE.origin"), ats("CNN.ATS", "GROUP-B"), origin("ESPN.origin"),
                         ats("HBO.ATS", "GROUP-B")],
        "cloud_links": cloud_links(**{"GROUP-A": ["CONNECTED"], "GROUP-B": ["LOST"]}),
        "nodes": [
            {"host_name": "pod-aande", "state": "RUNNING", "services": ["AandEHD.1080.tv"]},
            {"host_name": "pod-cnn", "state": "RUNNING", "services": ["CNNHD.720.tv"]},
            {"host_name": "pod-espn", "state": "RUNNING", "services": ["ESPNHD.1080.tv"]},
            {"host_name": "pod-hbo", "state": "PENDING", "services": ["HBOHD.720.tv"]},
        ],
        "notifications": {"items": [
            notification("MAJOR", "CNNHD.720.tv", "CNN.p", title="Input signal loss, switched to slate"),
            notification("CRITICAL", "", "GROUP-B-link-0", title="CloudLink connection lost"),
            notification("MINOR", "AandEHD.1080.tv", "pod-aande", title="Pod CPU above 80 %"),
            notification("WARNING", "AandEHD.1080.tv", "AandE.origin", state="CLEARED"),
            notification("INFO", "AandEHD.1080.tv", "AandEHD.1080.tv", title="Service activated"),
        ], "active_critical": 1},
    }


def by_name(result: List[Dict[str, Any]]) -> Dict[str, Dict[str, Any]]:
    return {item["service"]: item for item in result}


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def boxes(svg: str) -> List[Dict[str, Any]]:
    """Every g.box: {classes, rect attributes, texts}."""
    result = []
    for group in parse(svg).iter(SVG_NS + "g"):
        classes = (group.get("class") or "").split()
        if "box" in classes:
            rect = group.find(SVG_NS + "rect")
            texts = list(group.findall(SVG_NS + "text"))
            result.append({"classes": classes, "rect": rect.attrib, "title": group.find(SVG_NS + "title").text,
                           "texts": [(t.text or "") for t in texts], "text_elements": texts})
    return result


def box_states(svg: str, role: str) -> List[str]:
    return [b["classes"][2] for b in boxes(svg) if b["classes"][1] == role]


# ---------------------------------------------------------------------------------------------------- seed
def test_simulator_seed_states(facts: Dict[str, Any]) -> None:
    result = service_topologies(facts)
    assert [r["service"] for r in result] == ["AandEHD.1080.tv", "CNNHD.720.tv", "ESPNHD.1080.tv", "HBOHD.720.tv"]
    states = {r["service"]: r["state"] for r in result}
    assert states == {"AandEHD.1080.tv": "warning", "CNNHD.720.tv": "critical", "ESPNHD.1080.tv": "ok",
                      "HBOHD.720.tv": "off"}
    named = by_name(result)
    assert named["AandEHD.1080.tv"]["reasons"] == ["notification warning: Pod CPU above 80 %"]
    assert named["CNNHD.720.tv"]["reasons"] == [
        "sources: no healthy feed", "main destination CNN.ATS critical",
        "notification warning: Input signal loss, switched to slate"]
    assert named["ESPNHD.1080.tv"]["reasons"] == []
    assert named["HBOHD.720.tv"]["reasons"][0] == "control state off"
    assert "pod pod-hbo PENDING" in named["HBOHD.720.tv"]["reasons"]
    cnn = named["CNNHD.720.tv"]["svg"]
    assert box_states(cnn, "input") == ["critical", "ok"]
    assert box_states(cnn, "source") == ["critical"]
    assert box_states(cnn, "service") == ["critical"]
    assert box_states(cnn, "destination") == ["critical"]
    assert box_states(cnn, "output") == ["critical"]
    espn = named["ESPNHD.1080.tv"]["svg"]
    assert box_states(espn, "input") == ["ok", "ok"]
    assert [b["texts"][0] for b in boxes(espn) if "input" in b["classes"]] == [
        "#1 zixi 232.1.0.1:5000", "#2 slate signal_loss"]
    assert box_states(espn, "output") == ["ok", "ok"]
    hbo = named["HBOHD.720.tv"]["svg"]
    assert box_states(hbo, "service") == ["off"]
    assert box_states(hbo, "input") == ["critical", "ok"]
    # an off service's lines are grey
    assert {p.get("stroke") for p in parse(hbo).iter(SVG_NS + "path")} == {topology.COLOURS["off"][1]}


def test_svg_structure_and_accessibility(facts: Dict[str, Any]) -> None:
    for item in service_topologies(facts):
        svg = item["svg"]
        root = parse(svg)
        assert root.tag == SVG_NS + "svg"
        assert root.get("role") == "img"
        assert root[0].tag == SVG_NS + "title"
        assert root[0].text == "VOS service %s: %s" % (item["service"], item["state"])
        assert root[1].tag == SVG_NS + "desc"
        assert root.get("data-service") == item["service"] and root.get("data-state") == item["state"]
        width, height = float(root.get("width")), float(root.get("height"))
        assert root.get("viewBox") == "0 0 %s %s" % (root.get("width"), root.get("height"))
        assert "max-width:100%" in root.get("style")
        for element in root.iter():
            assert "id" not in element.attrib
            assert element.tag.replace(SVG_NS, "") in ("svg", "title", "desc", "rect", "text", "g", "path", "polygon")
            for name, value in element.attrib.items():
                assert "url(" not in value and not name.startswith("on") and "href" not in name
        # every box lies inside the picture, every text line fits its box (monospace widths)
        for box in boxes(svg):
            x, y, w, h = (float(box["rect"][k]) for k in ("x", "y", "width", "height"))
            assert 0 <= x and x + w <= width and 0 <= y and y + h <= height
            lines = [t for t, e in zip(box["texts"], box["text_elements"]) if e.get("class") != "badge"]
            badge = [t for t, e in zip(box["texts"], box["text_elements"]) if e.get("class") == "badge"]
            assert max(len(t) for t in lines) * topology.CHAR_W + 2 * topology.TEXT_PAD <= w
            if badge:
                assert (len(lines[0]) + 1 + len(badge[0])) * topology.CHAR_W + 2 * topology.TEXT_PAD <= w
            assert topology.LINE * len(lines) + 10 <= h
        legend = [g for g in root.iter(SVG_NS + "g") if g.get("class") == "legend"][0]
        assert [t.text for t in legend.findall(SVG_NS + "text")] == [entry[1] for entry in topology.LEGEND]


def test_badges_only_when_not_ok(facts: Dict[str, Any]) -> None:
    cnn = by_name(service_topologies(facts))["CNNHD.720.tv"]["svg"]
    for box in boxes(cnn):
        badges = [e.text for e in box["text_elements"] if e.get("class") == "badge"]
        state = box["classes"][2]
        assert badges == ([topology.BADGE[state]] if state != "ok" else [])


def test_deterministic(facts: Dict[str, Any]) -> None:
    first = service_topologies(facts)
    shuffled = copy.deepcopy(facts)
    shuffled["services"].reverse()
    shuffled["sources"].reverse()
    shuffled["destinations"].reverse()
    shuffled["nodes"].reverse()
    assert service_topologies(shuffled) == first
    assert service_topologies(copy.deepcopy(facts)) == first


# ---------------------------------------------------------------------------------------------------- escaping
HOSTILE = "<script>alert(1)</script>&amp;\"' {{ lookup('pipe', 'id') }} {% raw %} {# c #}\x00\x1b\ud800 é 🚀"


def test_hostile_names_are_escaped(facts: Dict[str, Any]) -> None:
    facts["services"] = [service(HOSTILE, [HOSTILE], [HOSTILE + "d"])]
    facts["services"][0]["profile"] = HOSTILE
    facts["sources"] = [{"name": HOSTILE, "inputs": [zixi(1, HOSTILE, address=HOSTILE), slate(2)]}]
    facts["destinations"] = [ats(HOSTILE + "d", HOSTILE)]
    facts["cloud_links"] = {"groups": [{"name": HOSTILE}], "uplinks": [{"name": HOSTILE, "group": HOSTILE,
                                                                        "state": "LOST"}]}
    facts["nodes"] = [{"host_name": HOSTILE, "state": HOSTILE, "services": [HOSTILE]}]
    facts["notifications"] = {"items": [notification("critical", HOSTILE, HOSTILE, title=HOSTILE)]}
    [item] = service_topologies(facts)
    svg = item["svg"]
    assert item["state"] == "critical"
    assert "<script" not in svg and "{" not in svg and "}" not in svg and "\x00" not in svg and "\x1b" not in svg
    assert "\ud800" not in svg
    assert "&lt;script&gt;" in svg and "&#123;&#123;" in svg and "&#123;%" in svg and "&#123;#" in svg
    root = parse(svg)  # well-formed: every string is escaped
    safe = HOSTILE.replace("\x00", "\ufffd").replace("\x1b", "\ufffd").replace("\ud800", "\ufffd")
    assert root.get("data-service") == safe
    assert safe in root[1].text
    assert item["service"] == safe
    # only our own elements, whatever the names hold
    tags = {e.tag.replace(SVG_NS, "") for e in root.iter()}
    assert tags <= {"svg", "title", "desc", "rect", "text", "g", "path", "polygon"}
    # the full name is in the hover title; the drawn line is clipped to MAX_CHARS
    service_box = [b for b in boxes(svg) if "service" in b["classes"]][0]
    assert safe in service_box["title"]
    assert service_box["texts"][0] == safe[: topology.MAX_CHARS - 1] + "\u2026"


def test_text_helpers() -> None:
    assert topology._text(None) == ""
    assert topology._text(12) == "12"
    assert topology._text("a\x07b\ufffec") == "a\ufffdb\ufffdc"
    assert topology._clip("abc", 3) == "abc"
    assert topology._clip("abcd", 3) == "ab\u2026"
    assert topology._num(3.0) == "3"
    assert topology._num(2.25) in ("2.2", "2.3")
    assert topology._num(-1.04) == "-1"


# ---------------------------------------------------------------------------------------------------- colour rules
@pytest.mark.parametrize("states, expected", [
    (["CONNECTED"], "ok"),
    (["CONNECTED", "CONNECTED"], "ok"),
    (["LOST"], "critical"),
    (["LOST", "LOST"], "critical"),
    (["LOST", "CONNECTED"], "warning"),
    (["CONNECTED", "DEGRADED"], "warning"),
    (["CONNECTED", None], "warning"),
    ([], "critical"),
])
def test_cloud_link_group_states(facts: Dict[str, Any], states: List[Any], expected: str) -> None:
    facts["cloud_links"] = cloud_links(**{"GROUP-A": states, "GROUP-B": ["LOST"]})
    svg = by_name(service_topologies(facts))["ESPNHD.1080.tv"]["svg"]
    assert box_states(svg, "input")[0] == expected


def test_group_reasons_in_titles(facts: Dict[str, Any]) -> None:
    facts["cloud_links"] = cloud_links(**{"GROUP-A": ["LOST", "CONNECTED"], "GROUP-B": []})
    named = by_name(service_topologies(facts))
    titles = [b["title"] for b in boxes(named["ESPNHD.1080.tv"]["svg"]) if "input" in b["classes"]]
    assert "cloud-link group GROUP-A: 1 of 2 uplinks lost" in titles[0]
    assert titles[1] == "slate input, rank 2"
    titles = [b["title"] for b in boxes(named["CNNHD.720.tv"]["svg"]) if "input" in b["classes"]]
    assert "cloud-link group GROUP-B has no uplink" in titles[0]


def test_unknown_group_and_missing_subsets(facts: Dict[str, Any]) -> None:
    for key in ("cloud_links", "nodes", "notifications", "destinations"):
        del facts[key]
    named = by_name(service_topologies(facts))
    assert named["CNNHD.720.tv"]["state"] == "ok"
    svg = named["CNNHD.720.tv"]["svg"]
    assert box_states(svg, "input") == ["unknown", "ok"]
    assert box_states(svg, "source") == ["unknown"]
    assert box_states(svg, "destination") == ["unknown"]
    assert box_states(svg, "output") == []
    rects = [b["rect"] for b in boxes(svg) if "unknown" in b["classes"]]
    assert all(r.get("stroke-dasharray") == "4 3" for r in rects)


def test_only_services(facts: Dict[str, Any]) -> None:
    named = by_name(service_topologies({"services": facts["services"]}))
    svg = named["AandEHD.1080.tv"]["svg"]
    assert named["AandEHD.1080.tv"]["state"] == "ok"
    assert box_states(svg, "source") == ["unknown"]
    assert [b["texts"][1] for b in boxes(svg) if "source" in b["classes"]] == ["rank 1, not in facts"]
    assert [b["texts"][1] for b in boxes(svg) if "destination" in b["classes"]] == ["not in facts"]


def test_input_without_group_is_unknown(facts: Dict[str, Any]) -> None:
    facts["sources"][2]["inputs"] = [{"rank": 1, "type": "srt", "ip_address": "1.2.3.4", "ip_port": 1}]
    svg = by_name(service_topologies(facts))["ESPNHD.1080.tv"]["svg"]
    assert box_states(svg, "input") == ["unknown"]
    assert [b["texts"] for b in boxes(svg) if "input" in b["classes"]] == [["#1 srt 1.2.3.4:1", "", "?"]]
    assert box_states(svg, "source") == ["unknown"]


@pytest.mark.parametrize("groups, inputs, source_state, why", [
    ({"A": ["CONNECTED"], "B": ["LOST"]}, [zixi(1, "A"), zixi(2, "B")], "ok", ""),
    ({"A": ["LOST"], "B": ["CONNECTED"]}, [zixi(1, "A"), zixi(2, "B"), slate(3)], "warning", "on backup"),
    ({"A": ["LOST"], "B": ["CONNECTED", "LOST"]}, [zixi(1, "A"), zixi(2, "B")], "warning", "degraded"),
    ({"A": ["LOST"], "B": ["LOST"]}, [zixi(1, "A"), zixi(2, "B"), slate(3)], "critical",
     "no healthy input, on slate"),
    ({"A": ["LOST"]}, [slate(1), slate(2)], "warning", "only slate inputs"),
    ({"A": ["LOST"]}, [], "critical", "no inputs"),
    ({"A": ["LOST"]}, [zixi(1, "X"), zixi(2, "A")], "unknown", ""),
    ({"A": ["LOST"]}, [zixi(2, "A"), zixi(1, "X")], "unknown", ""),
])
def test_source_rules(facts: Dict[str, Any], groups: Dict[str, List[str]], inputs: List[Dict[str, Any]],
                      source_state: str, why: str) -> None:
    facts["cloud_links"] = cloud_links(**groups)
    facts["sources"][2]["inputs"] = inputs
    facts["notifications"] = {}
    item = by_name(service_topologies(facts))["ESPNHD.1080.tv"]
    source = [b for b in boxes(item["svg"]) if "source" in b["classes"]][0]
    assert source["classes"][2] == source_state
    assert source["title"] == "source ESPN.p: %s%s" % (source_state, "; " + why if why else "")
    assert source["texts"][1] == "rank 1, %d input(s)" % len(inputs)
    expected = {"unknown": "ok"}.get(source_state, source_state)
    assert item["state"] == expected
    if expected != "ok":
        assert item["reasons"][0].startswith("sources: ")


def test_source_notifications(facts: Dict[str, Any]) -> None:
    facts["notifications"]["items"] = [
        notification("CRITICAL", "", "ESPN.p"),
        notification("MAJOR", "", "AandE.p"),
        notification("CRITICAL", "", "AandE.p", state="CLEARED"),
        notification("INFO", "", "AandE.p"),
        notification(None, "", "AandE.p"),
        "not a notification",
    ]
    named = by_name(service_topologies(facts))
    assert box_states(named["ESPNHD.1080.tv"]["svg"], "source") == ["critical"]
    assert named["ESPNHD.1080.tv"]["state"] == "critical"
    assert named["ESPNHD.1080.tv"]["reasons"] == ["sources: no healthy feed"]
    assert box_states(named["AandEHD.1080.tv"]["svg"], "source") == ["warning"]
    assert named["AandEHD.1080.tv"]["state"] == "warning"
    title = [b["title"] for b in boxes(named["AandEHD.1080.tv"]["svg"]) if "source" in b["classes"]][0]
    assert title == "source AandE.p: warning; warning: alarm"


def test_backup_source(facts: Dict[str, Any]) -> None:
    facts["services"] = [service("S", ["CNN.p", "ESPN.p"], ["ESPN.origin"])]
    facts["notifications"] = {}
    [item] = service_topologies(facts)
    assert item["state"] == "warning" and item["reasons"] == ["sources: on backup"]
    assert box_states(item["svg"], "source") == ["critical", "ok"]
    # the backup source's line is dashed, the primary's solid
    paths = list(parse(item["svg"]).iter(SVG_NS + "path"))
    assert [p.get("stroke-dasharray") for p in paths][:6] == [None, "5 4", None, None, "5 4", "5 4"]
    facts["services"] = [service("S", ["ESPN.p", "CNN.p"], ["ESPN.origin"])]
    assert service_topologies(facts)[0]["state"] == "ok"
    facts["services"] = [service("S", ["CNN.p", "HBO.p"], ["ESPN.origin"])]
    assert service_topologies(facts)[0]["reasons"] == ["sources: no healthy feed"]


def test_service_without_sources_or_destinations(facts: Dict[str, Any]) -> None:
    facts["services"] = [{"name": "bare", "control_state": "activated", "sources": "x", "destinations": None}]
    [item] = service_topologies(facts)
    assert item["state"] == "critical" and item["reasons"] == ["sources: none"]
    assert box_states(item["svg"], "service") == ["critical"]
    assert len(boxes(item["svg"])) == 1


@pytest.mark.parametrize("destinations, groups, state, reason", [
    (["CNN.ATS", "ESPN.origin"], {"GROUP-A": ["CONNECTED"], "GROUP-B": ["LOST"]}, "critical",
     "main destination CNN.ATS critical"),
    (["ESPN.origin", "CNN.ATS"], {"GROUP-A": ["CONNECTED"], "GROUP-B": ["LOST"]}, "warning",
     "destination CNN.ATS critical"),
    (["CNN.ATS"], {"GROUP-A": ["CONNECTED"], "GROUP-B": ["LOST", "CONNECTED"]}, "warning",
     "destination CNN.ATS warning"),
    (["ESPN.origin", "nowhere"], {"GROUP-A": ["CONNECTED"], "GROUP-B": ["CONNECTED"]}, "ok", None),
])
def test_destination_rules(facts: Dict[str, Any], destinations: List[str], groups: Dict[str, List[str]],
                           state: str, reason: Any) -> None:
    facts["services"] = [service("S", ["ESPN.p"], destinations)]
    facts["cloud_links"] = cloud_links(**groups)
    [item] = service_topologies(facts)
    assert item["state"] == state
    assert item["reasons"] == ([reason] if reason else [])
    # the second destination's line is dashed
    if len(destinations) > 1:
        dashed = [p.get("stroke-dasharray") for p in parse(item["svg"]).iter(SVG_NS + "path")]
        assert "5 4" in dashed


def test_destination_outputs(facts: Dict[str, Any]) -> None:
    facts["destinations"] = [
        {"name": "mixed", "type": "ats", "destination_profile": "ATS", "outputs": [
            {"rank": 2, "type": "cloudlink", "cloud_link_group": "GROUP-B", "ip_address": "1.1.1.1", "ip_port": 1},
            {"rank": 1, "type": "cloudlink", "cloud_link_group": "GROUP-A", "ip_address": "2.2.2.2", "ip_port": 2},
        ]},
        {"name": "empty", "type": "origin", "outputs": [{"rank": 1, "type": "origin", "end_points": ["junk"]}]},
        {"name": "none", "outputs": []},
        {"name": "group-less", "outputs": [{"rank": 1, "type": "cloudlink"}]},
        {"name": "alarmed", "type": "origin", "outputs": origin("x")["outputs"]},
    ]
    facts["notifications"]["items"] = [notification("MAJOR", "", "alarmed"), notification("CRITICAL", "", "none")]
    facts["services"] = [service("S", ["ESPN.p"], ["mixed", "empty", "none", "group-less", "alarmed"])]
    [item] = service_topologies(facts)
    svg = item["svg"]
    assert box_states(svg, "destination") == ["warning", "unknown", "critical", "unknown", "warning"]
    assert box_states(svg, "output") == ["ok", "critical", "unknown", "unknown", "ok", "ok"]
    outputs = [b["texts"][:2] for b in boxes(svg) if "output" in b["classes"]]
    assert outputs == [["#1 cloudlink 2.2.2.2:2", "GROUP-A"], ["#2 cloudlink 1.1.1.1:1", "GROUP-B"],
                       ["#1 origin", "no end points"], ["#1 cloudlink :", ""], ["#1 dash", "https://127.0.0.1:80/DASH"],
                       ["#1 hls", "https://127.0.0.1:80/HLS"]]
    destinations = {b["texts"][0]: b for b in boxes(svg) if "destination" in b["classes"]}
    assert destinations["alarmed"]["title"] == "destination alarmed: warning; warning: alarm"
    assert destinations["none"]["texts"][1] == "ats ATS" or destinations["none"]["texts"][1] == ""
    assert item["state"] == "warning"
    assert item["reasons"] == ["destination mixed warning", "destination none critical",
                               "destination alarmed warning"]


@pytest.mark.parametrize("pod_state, expected", [
    ("RUNNING", "ok"), ("SUCCEEDED", "ok"), ("PENDING", "warning"), (None, "warning"), ("FAILED", "critical")])
def test_pod_rules(facts: Dict[str, Any], pod_state: Any, expected: str) -> None:
    facts["nodes"][2]["state"] = pod_state
    item = by_name(service_topologies(facts))["ESPNHD.1080.tv"]
    assert item["state"] == expected
    service_box = [b for b in boxes(item["svg"]) if "service" in b["classes"]][0]
    assert service_box["texts"][3] == "pod pod-espn %s" % (pod_state or "")


def test_pods_and_service_notifications(facts: Dict[str, Any]) -> None:
    facts["nodes"] = [{"host_name": "pod-%d" % n, "state": "RUNNING", "services": ["ESPNHD.1080.tv"]}
                      for n in range(6)] + ["junk", {"host_name": "loose", "services": None}]
    facts["notifications"]["items"] = [notification("CRITICAL", "", "pod-3", title="Pod restarted"),
                                       notification("WARNING", "ESPNHD.1080.tv", "x", title="late")]
    item = by_name(service_topologies(facts))["ESPNHD.1080.tv"]
    assert item["state"] == "critical"
    assert item["reasons"] == ["notification critical: Pod restarted", "notification warning: late"]
    service_box = [b for b in boxes(item["svg"]) if "service" in b["classes"]][0]
    assert [t for t in service_box["texts"] if t.startswith("pod ")] == ["pod pod-%d RUNNING" % n for n in range(6)]
    # a tall service box makes the picture taller than its single input/output rows
    height = float(service_box["rect"]["height"])
    assert height == 9 * topology.LINE + 10
    assert float(parse(item["svg"]).get("height")) >= topology.HEADER + height + topology.LEGEND_H


def test_control_states(facts: Dict[str, Any]) -> None:
    facts["services"][0]["control_state"] = None
    item = by_name(service_topologies(facts))["HBOHD.720.tv"]
    assert item["state"] == "off"
    assert item["reasons"][0] == "control state unset"
    service_box = [b for b in boxes(item["svg"]) if "service" in b["classes"]][0]
    assert service_box["texts"][2] == "control_state unset"


def test_layout_grows_with_boxes(facts: Dict[str, Any]) -> None:
    small = by_name(service_topologies(facts))["CNNHD.720.tv"]["svg"]
    facts["sources"][1]["inputs"] = [zixi(n, "GROUP-A", "232.1.0.%d" % n) for n in range(1, 7)]
    big = by_name(service_topologies(facts))["CNNHD.720.tv"]["svg"]
    assert float(parse(big).get("height")) - float(parse(small).get("height")) == 4 * topology.ROW
    ys = [float(b["rect"]["y"]) for b in boxes(big) if "input" in b["classes"]]
    assert ys == sorted(ys) and len(set(ys)) == 6
    source = [b for b in boxes(big) if "source" in b["classes"]][0]
    # the source sits in the middle of its inputs
    centre = float(source["rect"]["y"]) + float(source["rect"]["height"]) / 2
    assert abs(centre - (ys[0] + ys[-1] + topology.BOX_H) / 2) < 0.11


def test_long_names_widen_columns_up_to_the_limit(facts: Dict[str, Any]) -> None:
    facts["services"] = [service("N" * 200, ["ESPN.p"], ["ESPN.origin"])]
    [item] = service_topologies(facts)
    root = parse(item["svg"])
    service_box = [b for b in boxes(item["svg"]) if "service" in b["classes"]][0]
    assert len(service_box["texts"][0]) == topology.MAX_CHARS
    width = float(service_box["rect"]["width"])
    assert width == int(topology.MAX_CHARS * topology.CHAR_W + 2 * topology.TEXT_PAD + 0.999)
    heading = root.findall(SVG_NS + "text")[0].text
    assert heading.endswith("\u2026")
    assert len(heading) * topology.TITLE_FONT * 0.62 <= float(root.get("width")) - 2 * topology.PAD
    facts["services"] = [service("S", ["ESPN.p"], ["ESPN.origin"])]
    narrow = [b for b in boxes(service_topologies(facts)[0]["svg"]) if "service" in b["classes"]][0]
    assert float(narrow["rect"]["width"]) < width


# ---------------------------------------------------------------------------------------------------- input shapes
def test_odd_shapes(facts: Dict[str, Any]) -> None:
    assert service_topologies({}) == []
    assert service_topologies({"services": None}) == []
    facts["services"] = ["junk", service("S", ["ESPN.p"], ["ESPN.origin"])]
    facts["services"][1]["sources"] = [{"name": "CNN.p", "rank": True}, "junk", {"name": "ESPN.p", "rank": 1}]
    facts["sources"].append("junk")
    facts["destinations"].append(None)
    facts["cloud_links"]["groups"].append("junk")
    facts["cloud_links"]["uplinks"] += ["junk", {"name": "no-group", "state": "LOST"}]
    facts["nodes"].append(None)
    [item] = service_topologies(facts)
    # ranks that are not integers sort last: ESPN.p is primary
    assert [b["texts"][0] for b in boxes(item["svg"]) if "source" in b["classes"]] == ["ESPN.p", "CNN.p"]
    assert item["state"] == "ok"


def test_not_a_mapping() -> None:
    with pytest.raises(TypeError, match="vos_facts must be the ansible_facts.vos dict.*not list"):
        service_topologies([])  # type: ignore[arg-type]


def test_worst_and_raise() -> None:
    assert topology._worst([]) == "ok"
    assert topology._worst(["unknown", "ok"]) == "ok"
    assert topology._worst(["warning", "critical", "ok"]) == "critical"
    assert topology._raise("unknown", "ok") == "unknown"
    assert topology._raise("unknown", "warning") == "warning"
    assert topology._raise("critical", "warning") == "critical"


def test_no_randomness_in_output(facts: Dict[str, Any]) -> None:
    svg = by_name(service_topologies(facts))["AandEHD.1080.tv"]["svg"]
    assert not re.search(r"[0-9a-f]{8}-[0-9a-f]{4}-", svg)  # no ids/uuids leak into the picture
