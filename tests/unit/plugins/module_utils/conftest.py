# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fixtures of the module_utils unit tests: the VOS simulator as a subprocess on an OS-chosen loopback port."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading

import pytest
import requests

SERVE = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", "simulators", "serve.py"))


class Simulator:
    """``tests/simulators/serve.py vos --port 0`` as a subprocess; ``url`` comes from its first stdout line."""

    def __init__(self):
        self.process = subprocess.Popen([sys.executable, SERVE, "vos", "--port", "0"], stdout=subprocess.PIPE,  # pylint: disable=consider-using-with
                                        stderr=subprocess.DEVNULL, text=True)
        line = {}
        reader = threading.Thread(target=lambda: line.update(text=self.process.stdout.readline()), daemon=True)
        reader.start()
        reader.join(15)
        if not line.get("text"):
            self.process.kill()
            self.process.wait(10)
            raise RuntimeError("the VOS simulator did not start")
        self.url = json.loads(line["text"])["url"]

    def control(self, method, name, body=None):
        response = requests.request(method, "%s/__sim__/%s" % (self.url, name), json=body, timeout=5)
        response.raise_for_status()
        return response.json()

    def requests_log(self):
        return self.control("GET", "requests")

    def count(self, method, path):
        return len([e for e in self.requests_log() if e["method"] == method and e["path"] == path])

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(10)
        self.process.stdout.close()


@pytest.fixture(scope="session")
def simulator():
    """One VOS simulator for the whole session."""
    sim = Simulator()
    yield sim
    sim.stop()


@pytest.fixture
def sim(simulator):
    """The shared simulator, reset to its seed with no faults, an empty request log and RF cards present."""
    simulator.control("POST", "reset", {})
    simulator.control("POST", "config", {"rf_absent": False})
    simulator.control("DELETE", "faults")
    simulator.control("DELETE", "requests")
    return simulator
