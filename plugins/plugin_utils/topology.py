# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The topology picture of each VOS service: one self-contained SVG per service, coloured by state.

:func:`service_topologies` takes the ``ansible_facts.vos`` dict of ``broadcast.video.vos_facts`` and returns, for
every service sorted by name, ``{"service": name, "state": "ok"|"warning"|"critical"|"off", "reasons": [text, ...],
"svg": "<svg ...>...</svg>"}``. The filter ``broadcast.video.vos_topology_svg`` wraps it; the health report
(``broadcast.video.health``) inlines the pictures.

The picture
-----------
Five columns, left to right: *inputs* -> *sources* -> *service* -> *destinations* -> *outputs*. Every box is a
rectangle with a name line and a detail line; the service box adds its profile, its control state and its pods.
Inputs are drawn next to their source, in rank order; outputs next to their destination (an ``origin`` output
is drawn as one box per end point, a ``cloudlink`` output as one box). Lines with arrow heads join the columns;
the primary (rank 1, first destination) is a solid line, backups are dashed. A legend of the colours is at the
bottom.

Colour rules
------------
Every box has one of five states; the service's state (the ``state`` key) is one of the first four.

``ok`` (green)
    Nothing in the facts says anything is wrong.
``warning`` (amber)
    Degraded but on air: running on a backup input or source, part of a cloud-link group lost, a pod not
    ``RUNNING``, an active ``MAJOR``/``MINOR``/``WARNING`` notification naming it.
``critical`` (red)
    Failed: a cloud-link group with no uplink left (all ``LOST``), a source with no healthy content input (only a
    slate, or nothing), a pod ``FAILED``, an active ``CRITICAL`` notification naming it.
``off`` (grey)
    A service whose ``control_state`` is not ``activated``. Its boxes keep their own colours (a lost input of an
    off service is still red) but the service, and so the ``state`` key, is ``off`` and its lines are grey.
``unknown`` (white, dashed outline)
    The facts cannot tell: a source or destination the service names is not in the facts, an input's or output's
    cloud-link group is not in ``cloud_links`` (subset not gathered, or the group does not exist). Unknown is
    never counted as a fault.

How states are derived:

* **Cloud-link input or output** (``type: zixi`` input or ``type: cloudlink`` output): from the uplinks of its
  ``cloud_link_group`` in ``cloud_links.uplinks`` (matched by their ``group``): ``critical`` when every uplink of
  the group is ``LOST`` (or the group has no uplink), ``warning`` when some are ``LOST`` or any is in a state other
  than ``CONNECTED``, else ``ok``; ``unknown`` when the group is not in ``cloud_links.groups``.
* **Slate input**: drawn ``ok`` (a slate is always available) but it is not a *content* input.
* **Origin end point**: ``ok`` (the facts hold no per-end-point state); an active notification naming its
  destination colours the destination.
* **Source**: from its content (non-slate) inputs in rank order: the first is ``ok`` -> ``ok`` (``unknown`` ->
  ``unknown``); the first is not, another is healthy (``ok`` or ``unknown``) -> ``warning`` (on backup); none healthy but one ``warning`` -> ``warning``; none
  usable -> ``critical`` (viewers see the slate, or nothing); a source with only slate inputs -> ``warning``, with no
  inputs -> ``critical``. An active notification whose ``object_name`` is the source raises it to at least the
  notification's level. A source missing from the facts is ``unknown``.
* **Destination**: its outputs: all ``critical`` -> ``critical``, some -> ``warning``, any ``warning`` -> ``warning``,
  all ``unknown`` (or none) -> ``unknown``;
  raised by active notifications whose ``object_name`` is the destination; ``unknown`` when missing from the facts.
* **Service** (``activated``): the worst of: its sources (first source by rank ``ok``/``unknown`` -> ok; a backup
  source healthy -> ``warning``; a ``warning`` source -> ``warning``; none usable -> ``critical``; no source at
  all -> ``critical``), its destinations (main destination ``critical`` -> ``critical``, another ``critical`` or
  any ``warning`` -> ``warning``), its pods (``nodes`` listing the service: ``FAILED`` -> ``critical``, any other
  state than ``RUNNING``/``SUCCEEDED`` -> ``warning``) and the active notifications whose ``channel_name`` or
  ``object_name`` is the service or one of its pods. Not ``activated`` -> ``off``.

Notification levels: ``CRITICAL`` -> ``critical``; ``MAJOR``, ``MINOR``, ``WARNING`` -> ``warning``; anything else
(``INFO``) colours nothing. Only notifications in state ``ACTIVE`` count.

Safety and determinism
----------------------
The SVG is built with :mod:`xml.etree.ElementTree`, so every device string is escaped as text or attribute value;
characters XML does not allow are replaced by U+FFFD, and ``{``/``}`` are written as character references so the
output is never taken for a Jinja template. There are no ``id`` attributes (several pictures share one HTML page),
no scripts, styles, external fonts or images. The layout is fixed arithmetic on the number of boxes and the length
of their labels (monospace text, so widths are known): the same facts always give the same bytes.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

#: Box states, mildest first (``unknown`` ranks with ``ok``: it is never a fault).
STATES = ("ok", "unknown", "warning", "critical", "off")
SEVERITY = {"ok": 0, "unknown": 0, "off": 0, "warning": 1, "critical": 2}

#: (fill, stroke, text) per state.
COLOURS = {
    "ok": ("#e6f4ea", "#1e8e3e", "#0d3b1e"),
    "warning": ("#fef7e0", "#e37400", "#4a2800"),
    "critical": ("#fce8e6", "#d93025", "#5c0f0a"),
    "off": ("#f1f3f4", "#80868b", "#3c4043"),
    "unknown": ("#ffffff", "#9aa0a6", "#3c4043"),
}
#: Word drawn in the top right corner of a box that is not ok, so colour is not the only sign.
BADGE = {"ok": "", "warning": "WARN", "critical": "CRIT", "off": "OFF", "unknown": "?"}
LEGEND = (("ok", "ok"), ("warning", "WARN warning (backup, alarm)"), ("critical", "CRIT critical (lost, failed)"),
          ("off", "OFF off"), ("unknown", "? unknown (not in facts)"))

NOTIFICATION_LEVEL = {"CRITICAL": "critical", "MAJOR": "warning", "MINOR": "warning", "WARNING": "warning"}
POD_OK = ("RUNNING", "SUCCEEDED")

# Layout (px). Text is monospace: a character is at most CHAR_W wide at FONT size.
FONT = 11
TITLE_FONT = 13
CHAR_W = 6.8
LINE = 15
PAD = 12
TEXT_PAD = 8
GAP = 56
BOX_H = 2 * LINE + 10
ROW = BOX_H + 12
MIN_COL_W = 120
MAX_CHARS = 44
HEADER = 44
LEGEND_H = 34
COLUMNS = ("Inputs", "Sources", "Service", "Destinations", "Outputs")

_INVALID_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


# ---------------------------------------------------------------------------------------------------- helpers
def _text(value: Any) -> str:
    """A device value as safe text: ``None`` -> ``""``, characters XML forbids -> U+FFFD."""
    if value is None:
        return ""
    return _INVALID_XML.sub("\ufffd", str(value))


def _clip(text: str, limit: int = MAX_CHARS) -> str:
    """``text`` cut to ``limit`` characters, the last one an ellipsis when cut."""
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def _num(value: float) -> str:
    """A coordinate: an integer when whole, else one decimal."""
    rounded = round(value, 1)
    return str(int(rounded)) if rounded == int(rounded) else "%.1f" % rounded


def _worst(states: Iterable[str]) -> str:
    result = "ok"
    for state in states:
        if SEVERITY[state] > SEVERITY[result]:
            result = state
    return result


def _raise(state: str, level: str) -> str:
    """``state`` raised to at least ``level`` (``unknown`` stays unless ``level`` is a fault)."""
    return level if SEVERITY[level] > SEVERITY[state] else state


def _list(value: Any) -> List[Any]:
    return list(value) if isinstance(value, (list, tuple)) else []


def _dict(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _rank(item: Mapping[str, Any], index: int) -> Tuple[int, int]:
    rank = item.get("rank")
    return (rank if isinstance(rank, int) and not isinstance(rank, bool) else 1 << 30, index)


def _by_rank(items: Sequence[Any]) -> List[Mapping[str, Any]]:
    dicts = [i for i in items if isinstance(i, Mapping)]
    order = sorted(range(len(dicts)), key=lambda n: _rank(dicts[n], n))
    return [dicts[n] for n in order]


def _chain(states: Sequence[str], usable: Sequence[bool]) -> Tuple[str, str]:
    """State of a ranked chain (inputs of a source, sources of a service): ``(state, why)``."""
    candidates = [s for s, u in zip(states, usable) if u]
    if not candidates:
        return "critical", "nothing usable"
    if SEVERITY[candidates[0]] == 0:
        return "ok", ""
    if any(SEVERITY[s] == 0 for s in candidates[1:]):
        return "warning", "on backup"
    if any(SEVERITY[s] == 1 for s in candidates):
        return "warning", "degraded"
    return "critical", "no healthy feed"


# ---------------------------------------------------------------------------------------------------- model
class _Facts:
    """Indexes of one ``ansible_facts.vos`` dict."""

    def __init__(self, facts: Mapping[str, Any]) -> None:
        self.sources = {_text(s.get("name")): s for s in _list(facts.get("sources")) if isinstance(s, Mapping)}
        self.destinations = {_text(d.get("name")): d for d in _list(facts.get("destinations"))
                             if isinstance(d, Mapping)}
        links = _dict(facts.get("cloud_links"))
        self.groups = {_text(g.get("name")) for g in _list(links.get("groups")) if isinstance(g, Mapping)}
        self.uplinks: Dict[str, List[str]] = {}
        for uplink in _list(links.get("uplinks")):
            if isinstance(uplink, Mapping) and uplink.get("group") is not None:
                self.uplinks.setdefault(_text(uplink.get("group")), []).append(_text(uplink.get("state")))
        self.pods: Dict[str, List[Mapping[str, Any]]] = {}
        for node in _list(facts.get("nodes")):
            if isinstance(node, Mapping):
                for service in _list(node.get("services")):
                    self.pods.setdefault(_text(service), []).append(node)
        self.alarms: List[Tuple[str, str, str, str]] = []  # (level, channel_name, object_name, title)
        for item in _list(_dict(facts.get("notifications")).get("items")):
            if isinstance(item, Mapping) and item.get("state") == "ACTIVE":
                level = NOTIFICATION_LEVEL.get(str(item.get("severity")).upper())
                if level:
                    self.alarms.append((level, _text(item.get("channel_name")), _text(item.get("object_name")),
                                        _text(item.get("title"))))

    def group_state(self, group: Any) -> Tuple[str, str]:
        """State of a cloud-link group, with why."""
        name = _text(group)
        if name not in self.groups:
            return "unknown", "cloud-link group %s not in facts" % name
        states = self.uplinks.get(name, [])
        if not states:
            return "critical", "cloud-link group %s has no uplink" % name
        lost = sum(1 for s in states if s == "LOST")
        if lost == len(states):
            return "critical", "cloud-link group %s: all %d uplink(s) lost" % (name, lost)
        if lost:
            return "warning", "cloud-link group %s: %d of %d uplinks lost" % (name, lost, len(states))
        if any(s != "CONNECTED" for s in states):
            return "warning", "cloud-link group %s: uplink not connected" % name
        return "ok", ""

    def alarm_state(self, names: Iterable[str], channel: Optional[str] = None) -> Tuple[str, List[str]]:
        """Worst level of the active notifications whose object_name is one of ``names`` (or channel_name is
        ``channel``), with their titles."""
        wanted = set(names)
        hits = [(level, title) for level, chan, obj, title in self.alarms
                if obj in wanted or (channel is not None and chan == channel)]
        return _worst(hit[0] for hit in hits), ["%s: %s" % hit for hit in hits]


class _Box:
    """One box: ``lines`` of text (first is the name), ``state``, ``tip`` (hover text)."""

    def __init__(self, lines: Sequence[str], state: str, tip: str, dashed: bool = False) -> None:
        self.lines = [_clip(_text(line)) for line in lines]
        self.state = state
        self.tip = _text(tip)
        self.dashed = dashed  # drawn with a dashed line from/to its neighbour (a backup)
        self.x = self.y = self.w = 0.0
        self.h = float(BOX_H if len(self.lines) <= 2 else len(self.lines) * LINE + 10)


def _input_box(item: Mapping[str, Any], facts: _Facts) -> Tuple[_Box, bool]:
    """An input's box and whether it is a content (non-slate) input."""
    kind = _text(item.get("type"))
    rank = item.get("rank")
    if kind == "slate":
        detail = "slate %s" % _text(item.get("slate_type") or "")
        return _Box(["#%s %s" % (_text(rank), detail.strip()), _text(item.get("slate_image"))], "ok",
                    "slate input, rank %s" % _text(rank), dashed=rank != 1), False
    address = "%s:%s" % (_text(item.get("ip_address")), _text(item.get("ip_port")))
    group = item.get("cloud_link_group")
    if group is None:
        state, why = "unknown", "no cloud-link group"
    else:
        state, why = facts.group_state(group)
    lines = ["#%s %s %s" % (_text(rank), kind, address), _text(group) if group is not None else ""]
    tip = "%s input %s, rank %s, cloud-link group %s: %s%s" % (
        kind, address, _text(rank), _text(group), state, " (%s)" % why if why else "")
    return _Box(lines, state, tip, dashed=rank != 1), True


def _output_boxes(output: Mapping[str, Any], facts: _Facts) -> List[_Box]:
    kind = _text(output.get("type"))
    rank = output.get("rank")
    if kind == "cloudlink" or output.get("cloud_link_group") is not None:
        group = output.get("cloud_link_group")
        state, why = facts.group_state(group)
        address = "%s:%s" % (_text(output.get("ip_address")), _text(output.get("ip_port")))
        return [_Box(["#%s %s %s" % (_text(rank), kind, address), _text(group)], state,
                     "%s output %s via %s: %s%s" % (kind, address, _text(group), state, " (%s)" % why if why else ""),
                     dashed=rank != 1)]
    boxes = []
    for point in _list(output.get("end_points")):
        if not isinstance(point, Mapping):
            continue
        packaging = _text(point.get("packaging"))
        where = "%s://%s:%s/%s" % (_text(point.get("protocol") or "http"), _text(point.get("hostname")),
                                   _text(point.get("port")), _text(point.get("path")))
        boxes.append(_Box(["#%s %s" % (_text(rank), packaging), where], "ok",
                          "%s end point %s (rank %s)" % (packaging, where, _text(rank)), dashed=rank != 1))
    if not boxes:
        boxes.append(_Box(["#%s %s" % (_text(rank), kind), "no end points"], "unknown",
                          "%s output, rank %s, without end points" % (kind, _text(rank)), dashed=rank != 1))
    return boxes


class _Topology:
    """The boxes of one service and its derived state."""

    def __init__(self, service: Mapping[str, Any], facts: _Facts) -> None:
        self.name = _text(service.get("name"))
        self.active = service.get("control_state") == "activated"
        self.reasons: List[str] = []
        # left: [(source box, [input boxes])], right: [(destination box, [output boxes])]
        self.left: List[Tuple[_Box, List[_Box]]] = []
        self.right: List[Tuple[_Box, List[_Box]]] = []
        for index, ref in enumerate(_by_rank(_list(service.get("sources")))):
            self.left.append(self._source(ref, facts, index))
        state, why = _chain([pair[0].state for pair in self.left], [True] * len(self.left))
        if state != "ok":
            self.reasons.append("sources: %s" % {"nothing usable": "none"}.get(why, why))
        states = [state]
        for index, name in enumerate(_list(service.get("destinations"))):
            box, outputs = self._destination(_text(name), facts, index)
            self.right.append((box, outputs))
            if box.state == "critical" and index == 0:
                states.append("critical")
                self.reasons.append("main destination %s critical" % _text(name))
            elif SEVERITY[box.state]:
                states.append("warning")
                self.reasons.append("destination %s %s" % (_text(name), box.state))
        pods = facts.pods.get(self.name, [])
        pod_lines = []
        for pod in sorted(pods, key=lambda p: _text(p.get("host_name"))):
            pod_state = _text(pod.get("state"))
            pod_lines.append("pod %s %s" % (_text(pod.get("host_name")), pod_state))
            if pod_state == "FAILED":
                states.append("critical")
                self.reasons.append("pod %s FAILED" % _text(pod.get("host_name")))
            elif pod_state not in POD_OK:
                states.append("warning")
                self.reasons.append("pod %s %s" % (_text(pod.get("host_name")), pod_state))
        alarm, titles = facts.alarm_state([self.name] + [_text(p.get("host_name")) for p in pods], channel=self.name)
        states.append(alarm)
        self.reasons.extend("notification %s" % t for t in titles)
        self.state = _worst(states) if self.active else "off"
        if not self.active:
            self.reasons.insert(0, "control state %s" % _text(service.get("control_state") or "unset"))
        lines = [self.name, "profile %s" % _text(service.get("profile")),
                 "control_state %s" % _text(service.get("control_state") or "unset")] + pod_lines
        self.box = _Box(lines, self.state, "service %s: %s%s" % (
            self.name, self.state, "".join("; " + r for r in self.reasons)))

    def _source(self, ref: Mapping[str, Any], facts: _Facts, index: int) -> Tuple[_Box, List[_Box]]:
        name = _text(ref.get("name"))
        rank = ref.get("rank")
        source = facts.sources.get(name)
        if source is None:
            return _Box([name, "rank %s, not in facts" % _text(rank)], "unknown", "source %s: not in facts" % name,
                        dashed=index > 0), []
        boxes, states, usable = [], [], []
        for item in _by_rank(_list(source.get("inputs"))):
            box, content = _input_box(item, facts)
            boxes.append(box)
            states.append(box.state)
            usable.append(content)
        if boxes and not any(usable):
            state, why = "warning", "only slate inputs"
        else:
            state, why = _chain(states, usable)
            why = {"nothing usable": "no inputs", "no healthy feed": "no healthy input, on slate"}.get(why, why)
            if state == "ok" and [s for s, u in zip(states, usable) if u][0] == "unknown":
                state = "unknown"
        alarm, titles = facts.alarm_state([name])
        state = _raise(state, alarm)
        notes = ([why] if why else []) + titles
        box = _Box([name, "rank %s, %d input(s)" % (_text(rank), len(boxes))], state,
                   "source %s: %s%s" % (name, state, "".join("; " + n for n in notes)), dashed=index > 0)
        return box, boxes

    def _destination(self, name: str, facts: _Facts, index: int) -> Tuple[_Box, List[_Box]]:
        destination = facts.destinations.get(name)
        if destination is None:
            return _Box([name, "not in facts"], "unknown", "destination %s: not in facts" % name,
                        dashed=index > 0), []
        outputs: List[_Box] = []
        for output in _by_rank(_list(destination.get("outputs"))):
            outputs.extend(_output_boxes(output, facts))
        states = [b.state for b in outputs]
        bad = sum(1 for s in states if s == "critical")
        if all(s == "unknown" for s in states):
            state = "unknown"
        elif bad == len(states):
            state = "critical"
        elif bad or "warning" in states:
            state = "warning"
        else:
            state = "ok"
        alarm, titles = facts.alarm_state([name])
        state = _raise(state, alarm)
        detail = "%s %s" % (_text(destination.get("type")), _text(destination.get("destination_profile")))
        box = _Box([name, detail.strip()], state, "destination %s: %s%s" % (
            name, state, "".join("; " + t for t in titles)), dashed=index > 0)
        return box, outputs


# ---------------------------------------------------------------------------------------------------- drawing
def _col_width(boxes: Iterable[_Box]) -> float:
    longest = max([len(line) + (len(BADGE[box.state]) + 1 if n == 0 and BADGE[box.state] else 0)
                   for box in boxes for n, line in enumerate(box.lines)] + [0])
    return float(max(MIN_COL_W, int(longest * CHAR_W + 2 * TEXT_PAD + 0.999)))


def _layout(topo: _Topology) -> Tuple[float, float, List[float]]:
    """Place every box; return (width, height, column x positions)."""
    inputs = [b for pair in topo.left for b in pair[1]]
    outputs = [b for pair in topo.right for b in pair[1]]
    columns = [inputs, [pair[0] for pair in topo.left], [topo.box], [pair[0] for pair in topo.right], outputs]
    widths = [_col_width(c) for c in columns]
    xs, x = [], float(PAD)
    for w in widths:
        xs.append(x)
        x += w + GAP
    width = x - GAP + PAD
    left_slots = sum(max(1, len(pair[1])) for pair in topo.left)
    right_slots = sum(max(1, len(pair[1])) for pair in topo.right)
    rows = max(left_slots, right_slots, int((topo.box.h + 12 + ROW - 1) // ROW), 1)
    body = rows * ROW

    def place_side(groups: List[Tuple[_Box, List[_Box]]], slots: int, outer: int, inner: int) -> None:
        y = HEADER + (rows - slots) * ROW / 2.0
        for box, children in groups:
            n = max(1, len(children))
            for k, child in enumerate(children):
                child.x, child.w = xs[outer], widths[outer]
                child.y = y + k * ROW + (ROW - child.h) / 2.0
            box.x, box.w = xs[inner], widths[inner]
            box.y = y + n * ROW / 2.0 - box.h / 2.0
            y += n * ROW

    place_side(topo.left, left_slots, 0, 1)
    place_side(topo.right, right_slots, 4, 3)
    topo.box.x, topo.box.w = xs[2], widths[2]
    topo.box.y = HEADER + body / 2.0 - topo.box.h / 2.0
    return width, HEADER + body + LEGEND_H, xs


def _sub(parent: ET.Element, tag: str, text: Optional[str] = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, {k.rstrip("_").replace("_", "-"): v for k, v in attrs.items()})
    if text is not None:
        element.text = text
    return element


def _draw_box(parent: ET.Element, box: _Box, role: str) -> None:
    fill, stroke, ink = COLOURS[box.state]
    group = _sub(parent, "g", class_="box %s %s" % (role, box.state))
    _sub(group, "title", box.tip)
    rect = _sub(group, "rect", x=_num(box.x), y=_num(box.y), width=_num(box.w), height=_num(box.h), rx="5",
                fill=fill, stroke=stroke, stroke_width="2" if role == "service" else "1.5")
    if box.state == "unknown":
        rect.set("stroke-dasharray", "4 3")
    for n, line in enumerate(box.lines):
        _sub(group, "text", line, x=_num(box.x + TEXT_PAD), y=_num(box.y + 5 + LINE * (n + 1) - 3), fill=ink,
             font_weight="bold" if n == 0 else "normal")
    if BADGE[box.state]:
        _sub(group, "text", BADGE[box.state], x=_num(box.x + box.w - TEXT_PAD), y=_num(box.y + 5 + LINE - 3),
             fill=ink, font_weight="bold", text_anchor="end", class_="badge")


def _connect(parent: ET.Element, a: _Box, b: _Box, state: str, dashed: bool) -> None:
    """An elbow line from the right edge of ``a`` to the left edge of ``b`` with an arrow head."""
    stroke = COLOURS[state][1]
    x1, y1 = a.x + a.w, a.y + a.h / 2.0
    x2, y2 = b.x, b.y + b.h / 2.0
    mid = (x1 + x2) / 2.0
    path = _sub(parent, "path", d="M%s %s H%s V%s H%s" % (_num(x1), _num(y1), _num(mid), _num(y2), _num(x2 - 6)),
                fill="none", stroke=stroke, stroke_width="1.5")
    if dashed:
        path.set("stroke-dasharray", "5 4")
    points = (x2 - 7, y2 - 4, x2, y2, x2 - 7, y2 + 4)
    _sub(parent, "polygon", points="%s,%s %s,%s %s,%s" % tuple(_num(p) for p in points), fill=stroke)


def _svg(topo: _Topology) -> str:
    width, height, xs = _layout(topo)
    title = "VOS service %s: %s" % (topo.name, topo.state)
    root = ET.Element("svg", {
        "xmlns": "http://www.w3.org/2000/svg", "class": "vos-topology", "role": "img",
        "viewBox": "0 0 %s %s" % (_num(width), _num(height)), "width": _num(width), "height": _num(height),
        "data-service": topo.name, "data-state": topo.state, "style": "max-width:100%;height:auto",
        "font-family": "DejaVu Sans Mono, Menlo, Consolas, monospace", "font-size": str(FONT)})
    _sub(root, "title", title)
    _sub(root, "desc", "Inputs, sources, service, destinations and outputs of %s. %s" % (
        topo.name, "; ".join(topo.reasons) if topo.reasons else "Nothing reported wrong."))
    _sub(root, "rect", x="0", y="0", width=_num(width), height=_num(height), fill="#ffffff")
    fill, stroke, ink = COLOURS[topo.state]
    _sub(root, "text", _clip(title, int((width - 2 * PAD) // (TITLE_FONT * 0.62))), x=str(PAD), y="18", fill=ink,
         font_size=str(TITLE_FONT), font_weight="bold")
    for x, label in zip(xs, COLUMNS):
        _sub(root, "text", label, x=_num(x), y="36", fill="#5f6368")
    lines = _sub(root, "g", class_="links")
    boxes = _sub(root, "g", class_="boxes")

    def line_state(state: str) -> str:
        return state if topo.active else "off"

    for source, inputs in topo.left:
        for child in inputs:
            _connect(lines, child, source, line_state(child.state), child.dashed)
            _draw_box(boxes, child, "input")
        _connect(lines, source, topo.box, line_state(source.state), source.dashed)
        _draw_box(boxes, source, "source")
    _draw_box(boxes, topo.box, "service")
    for destination, outputs in topo.right:
        _connect(lines, topo.box, destination, line_state(topo.state), destination.dashed)
        _draw_box(boxes, destination, "destination")
        for child in outputs:
            _connect(lines, destination, child, line_state(child.state), child.dashed)
            _draw_box(boxes, child, "output")
    legend = _sub(root, "g", class_="legend")
    x, y = float(PAD), height - LEGEND_H + 12
    for state, label in LEGEND:
        fill, stroke = COLOURS[state][:2]
        _sub(legend, "rect", x=_num(x), y=_num(y), width="14", height="14", rx="3", fill=fill, stroke=stroke)
        _sub(legend, "text", label, x=_num(x + 20), y=_num(y + 11), fill="#3c4043")
        x += 20 + len(label) * CHAR_W + 18
    text = ET.tostring(root, encoding="unicode")
    return text.replace("{", "&#123;").replace("}", "&#125;")


# ---------------------------------------------------------------------------------------------------- API
def service_topologies(vos_facts: Mapping[str, Any]) -> List[Dict[str, Any]]:
    """One picture per VOS service.

    :param vos_facts: the ``ansible_facts.vos`` dict of ``broadcast.video.vos_facts`` (any subset may be missing:
        then the boxes it would colour are ``unknown``).
    :returns: ``[{"service": name, "state": "ok"|"warning"|"critical"|"off", "reasons": [text, ...],
        "svg": "<svg ...>...</svg>"}]`` sorted by service name; ``reasons`` explains a state other than ``ok``.
    :raises TypeError: when ``vos_facts`` is not a mapping.
    """
    if not isinstance(vos_facts, Mapping):
        raise TypeError("vos_facts must be the ansible_facts.vos dict of broadcast.video.vos_facts, not %s"
                        % type(vos_facts).__name__)
    facts = _Facts(vos_facts)
    services = [s for s in _list(vos_facts.get("services")) if isinstance(s, Mapping)]
    result = []
    for service in sorted(services, key=lambda s: _text(s.get("name"))):
        topo = _Topology(service, facts)
        result.append({"service": topo.name, "state": topo.state, "reasons": list(topo.reasons), "svg": _svg(topo)})
    return result
