#!/usr/bin/env python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Open a health report (broadcast.video.health) in headless Chromium and check that it renders.

usage: check_report.py REPORT.html [--screenshot OUT.png] [--topology-screenshot OUT.png [--topology-service NAME]]
                       [--width PX] [--min-topologies N] [--min-tables N] [--min-cards N]

Chromium and its WebDriver come from Debian's packages (tools/install_chromium.sh): /usr/bin/chromium and
/usr/bin/chromedriver, given to Selenium explicitly so that selenium-manager never downloads anything. The browser
runs with the flags a closed network needs (no background networking, component updates, sync or QUIC) and a fresh
profile directory.

What is checked, after every ``<details>`` element is opened:

* the browser logged no SEVERE console message (a script error, a resource that did not load);
* every ``<svg>`` in ``section.topology`` has a non-zero bounding box inside the window's width, and draws boxes
  (``rect``) and text with non-zero size inside the window's width; in the topology pictures of
  broadcast.video.vos_topology_svg (``svg.vos-topology``) every text of a box lies inside the box's rectangle;
* every ``table.health-table`` is visible, has a header row with visible cells and at least one body row whose cells
  all have a non-zero size;
* the device summary cards (``--card-selector``, by default ``section.device .card``) are visible.

It prints the counts it checked and exits 0, or prints every problem found and exits 1 (2 for bad arguments or a
browser that cannot start). ``--screenshot`` saves the whole page (the window is resized to the page's height);
``--topology-screenshot`` saves one topology picture (``--topology-service``, or the first critical one, else the
first).
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import pathlib
import shutil
import sys
import tempfile
from typing import Any, Dict, List, Optional

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--hide-scrollbars", "--force-device-scale-factor=1")
TOLERANCE = 1.5  # px, for sub-pixel rounding of text boxes

#: Runs in the page: opens every <details>, measures everything, returns JSON-able data.
MEASURE = r"""
const cardSelector = arguments[0];
document.querySelectorAll('details').forEach(d => { d.open = true; });
const vw = document.documentElement.clientWidth;
const r = el => { const b = el.getBoundingClientRect(); return [b.left, b.top, b.width, b.height]; };
const svgs = Array.from(document.querySelectorAll('section.topology svg')).map(svg => ({
  name: svg.getAttribute('data-service') || (svg.querySelector('title') || {}).textContent || '',
  state: svg.getAttribute('data-state') || '',
  ours: svg.classList.contains('vos-topology'),
  box: r(svg),
  rects: Array.from(svg.querySelectorAll('rect')).map(r),
  texts: Array.from(svg.querySelectorAll('text')).map(t => [r(t), t.textContent]),
  boxes: Array.from(svg.querySelectorAll('g.box')).map(g => ({
    rect: g.querySelector('rect') ? r(g.querySelector('rect')) : null,
    texts: Array.from(g.querySelectorAll('text')).map(t => [r(t), t.textContent]),
  })),
}));
const tables = Array.from(document.querySelectorAll('table.health-table')).map(t => {
  const rows = Array.from(t.rows);
  const head = t.tHead && t.tHead.rows.length ? Array.from(t.tHead.rows)
             : rows.filter(row => row.cells.length && Array.from(row.cells).every(c => c.tagName === 'TH')).slice(0, 1);
  const body = rows.filter(row => !head.includes(row));
  const cap = t.caption ? t.caption.textContent : '';
  let title = cap;
  if (!title) { let p = t.previousElementSibling; while (p && !/^H[1-6]$/.test(p.tagName)) p = p.previousElementSibling;
                title = p ? p.textContent : ''; }
  return {title: title.trim(), box: r(t), head: head.map(row => Array.from(row.cells).map(r)),
          body: body.map(row => Array.from(row.cells).map(r))};
});
const cards = Array.from(document.querySelectorAll(cardSelector)).map(c => ({text: c.textContent.trim().slice(0, 60),
                                                                              box: r(c)}));
return JSON.stringify({vw: vw, height: document.documentElement.scrollHeight, svgs: svgs, tables: tables,
                       cards: cards});
"""


def _sized(box: List[float]) -> bool:
    return box[2] > 0 and box[3] > 0


def _in_width(box: List[float], vw: float) -> bool:
    return box[0] >= -TOLERANCE and box[0] + box[2] <= vw + TOLERANCE


def _inside(inner: List[float], outer: List[float]) -> bool:
    return (inner[0] >= outer[0] - TOLERANCE and inner[1] >= outer[1] - TOLERANCE
            and inner[0] + inner[2] <= outer[0] + outer[2] + TOLERANCE
            and inner[1] + inner[3] <= outer[1] + outer[3] + TOLERANCE)


def check(data: Dict[str, Any], min_topologies: int, min_tables: int, min_cards: int) -> List[str]:
    """Every problem found in the page's measurements (``MEASURE``'s result); empty when the page renders."""
    problems: List[str] = []
    vw = data["vw"]
    svgs, tables, cards = data["svgs"], data["tables"], data["cards"]
    if len(svgs) < min_topologies:
        problems.append("%d <svg> in section.topology, expected at least %d" % (len(svgs), min_topologies))
    for svg in svgs:
        label = "topology %r" % svg["name"]
        if not _sized(svg["box"]):
            problems.append("%s: the <svg> has no size (%s)" % (label, svg["box"]))
            continue
        if not _in_width(svg["box"], vw):
            problems.append("%s: the <svg> (%s) is wider than the window (%d px)" % (label, svg["box"], vw))
        rects = [b for b in svg["rects"] if _sized(b)]
        texts = [t for t in svg["texts"] if _sized(t[0])]
        if not rects:
            problems.append("%s: no drawn box (rect) with a size" % label)
        if not texts:
            problems.append("%s: no drawn text with a size" % label)
        for box in svg["rects"] + [t[0] for t in svg["texts"]]:
            if _sized(box) and not _in_width(box, vw):
                problems.append("%s: an element at %s is outside the window's width (%d px)" % (label, box, vw))
                break
        if svg["ours"]:
            if not svg["boxes"]:
                problems.append("%s: no g.box in a vos-topology picture" % label)
            for group in svg["boxes"]:
                if group["rect"] is None or not _sized(group["rect"]):
                    problems.append("%s: a g.box without a sized rect" % label)
                    continue
                for box, text in group["texts"]:
                    if text and not _sized(box):
                        problems.append("%s: text %r has no size" % (label, text))
                    elif text and not _inside(box, group["rect"]):
                        problems.append("%s: text %r (%s) overflows its box %s" % (label, text, box, group["rect"]))
    if len(tables) < min_tables:
        problems.append("%d table.health-table, expected at least %d" % (len(tables), min_tables))
    for n, table in enumerate(tables, 1):
        label = "table %d %r" % (n, table["title"])
        if not _sized(table["box"]):
            problems.append("%s: not visible (%s)" % (label, table["box"]))
            continue
        if not table["head"] or not all(_sized(c) for row in table["head"] for c in row) or not table["head"][0]:
            problems.append("%s: no visible header row" % label)
        if not table["body"]:
            problems.append("%s: no body rows" % label)
        for k, row in enumerate(table["body"], 1):
            if not row or not all(_sized(c) for c in row):
                problems.append("%s: row %d has a cell without size" % (label, k))
                break
    if len(cards) < min_cards:
        problems.append("%d device summary cards, expected at least %d" % (len(cards), min_cards))
    for card in cards:
        if not _sized(card["box"]):
            problems.append("device card %r is not visible" % card["text"])
    return problems


def _driver(width: int, profile: str) -> Any:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    for path in (CHROMIUM, CHROMEDRIVER):
        if not os.access(path, os.X_OK):
            raise RuntimeError("%s is missing: run tools/install_chromium.sh (Debian packages chromium and "
                               "chromium-driver)" % path)
    os.environ["SE_OFFLINE"] = "true"  # selenium-manager must never download a browser or driver
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument("--user-data-dir=%s" % profile)
    options.add_argument("--window-size=%d,900" % width)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))


def _page_screenshot(driver: Any, path: str, scale: float) -> None:
    """The whole page (not only the window) as PNG, scaled by ``scale``, through the DevTools protocol."""
    size = json.loads(driver.execute_script(
        "const e = document.documentElement; return JSON.stringify([e.scrollWidth, e.scrollHeight]);"))
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": size[0], "height": size[1], "scale": scale}})
    with open(path, "wb") as handle:
        handle.write(base64.b64decode(shot["data"]))


def _topology_element(driver: Any, service: Optional[str]) -> Any:
    from selenium.webdriver.common.by import By

    svgs = driver.find_elements(By.CSS_SELECTOR, "section.topology svg")
    if service is not None:
        chosen = [s for s in svgs if s.get_attribute("data-service") == service]
        if not chosen:
            raise RuntimeError("no topology picture of service %r (have: %s)" % (
                service, ", ".join(repr(s.get_attribute("data-service")) for s in svgs) or "none"))
        return chosen[0]
    critical = [s for s in svgs if s.get_attribute("data-state") == "critical"]
    if not (critical or svgs):
        raise RuntimeError("no topology picture in the report to take a screenshot of")
    return (critical or svgs)[0]


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", maxsplit=1)[0])
    parser.add_argument("report", help="the HTML report written by broadcast.video.health")
    parser.add_argument("--screenshot", metavar="OUT.png", help="save a screenshot of the whole page")
    parser.add_argument("--topology-screenshot", metavar="OUT.png", help="save a screenshot of one topology picture")
    parser.add_argument("--topology-service", metavar="NAME", help="the service of --topology-screenshot")
    parser.add_argument("--width", type=int, default=1400, help="window width in px (default 1400)")
    parser.add_argument("--scale", type=float, default=1.0,
                        help="scale of the --screenshot image (default 1; 0.5 halves width and height)")
    parser.add_argument("--card-selector", default="section.device .card",
                        help="CSS selector of the device summary cards (default: section.device .card)")
    parser.add_argument("--min-topologies", type=int, default=1, help="fewest topology pictures (default 1)")
    parser.add_argument("--min-tables", type=int, default=1, help="fewest health tables (default 1)")
    parser.add_argument("--min-cards", type=int, default=1, help="fewest device cards (default 1)")
    args = parser.parse_args(argv)
    report = pathlib.Path(args.report).resolve()
    if not report.is_file():
        print("check_report: ERROR: %s does not exist or is not a file" % report, file=sys.stderr)
        return 2
    profile = tempfile.mkdtemp(prefix="check-report-chromium.")
    driver = None
    try:
        try:
            driver = _driver(args.width, profile)
        except Exception as exc:  # pylint: disable=broad-except
            print("check_report: ERROR: cannot start Chromium through %s: %s" % (CHROMEDRIVER, str(exc).strip()),
                  file=sys.stderr)
            return 2
        driver.get(report.as_uri())
        data = json.loads(driver.execute_script(MEASURE, args.card_selector))
        logs = driver.get_log("browser")
        severe = [entry.get("message", "") for entry in logs if entry.get("level") == "SEVERE"]
        problems = ["console error: %s" % message for message in severe]
        problems += check(data, args.min_topologies, args.min_tables, args.min_cards)
        boxes = sum(len(s["boxes"]) or len(s["rects"]) for s in data["svgs"])
        texts = sum(len(s["texts"]) for s in data["svgs"])
        rows = sum(len(t["body"]) for t in data["tables"])
        print("check_report: %s in Chromium, window %d px wide, page %d px high" % (report, data["vw"], data["height"]))
        print("check_report: %d console messages (%d severe)" % (len(logs), len(severe)))
        print("check_report: %d topology pictures (%s), %d boxes, %d texts" % (
            len(data["svgs"]), ", ".join(("%s %s" % (s["name"], s["state"])).strip() for s in data["svgs"]) or "none", boxes,
            texts))
        print("check_report: %d health tables, %d rows" % (len(data["tables"]), rows))
        print("check_report: %d device cards (%s)" % (len(data["cards"]), args.card_selector))
        if args.screenshot:
            _page_screenshot(driver, args.screenshot, args.scale)
            print("check_report: page screenshot %s (scale %g)" % (args.screenshot, args.scale))
        if args.topology_screenshot:
            element = _topology_element(driver, args.topology_service)
            driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", element)
            element.screenshot(args.topology_screenshot)
            print("check_report: topology screenshot %s (%s)" % (args.topology_screenshot,
                                                                 element.get_attribute("data-service")))
        if problems:
            for problem in problems:
                print("check_report: FAIL: %s" % problem, file=sys.stderr)
            print("check_report: FAILED: %d problem(s) in %s" % (len(problems), report), file=sys.stderr)
            return 1
        print("check_report: OK: the report renders")
        return 0
    except RuntimeError as exc:
        print("check_report: ERROR: %s" % exc, file=sys.stderr)
        return 2
    finally:
        if driver is not None:
            driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
