# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fixtures that run a device simulator as a subprocess on an OS-chosen port.

Use ``start_simulator("vos", "--tls", ...)`` (function-scoped factory, everything it starts is stopped at teardown)
or the module-scoped ``vos_sim`` for a default VOS simulator. Each returns a :class:`Sim` with ``url``, ``port``, ``ca``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

import pytest
import requests

SERVE = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "simulators", "serve.py"))
START_TIMEOUT_S = 15.0


@dataclass
class Sim:
    """A running simulator: ``info`` is the parsed READY line ``{"device", "url", "port", "ca"}``."""

    process: subprocess.Popen[str]
    info: dict[str, Any]
    stderr: list[str] = field(default_factory=list)

    @property
    def url(self) -> str:
        """Base URL, e.g. ``http://127.0.0.1:PORT``."""
        return str(self.info["url"])

    @property
    def port(self) -> int:
        """Listening port."""
        return int(self.info["port"])

    @property
    def ca(self) -> str | None:
        """Path of the test CA (``--tls``) or None."""
        return self.info.get("ca")

    def control(self, path: str) -> str:
        """URL of a control call, e.g. ``control("requests")``."""
        return f"{self.url}/__sim__/{path}"

    def reset(self, **config: Any) -> None:
        """Back to the seed, with the given ``/__sim__/config`` switches (``rf_absent=False``), an empty request log
        and no pending faults."""
        requests.post(self.control("reset"), json={}, timeout=5).raise_for_status()
        if config:
            requests.post(self.control("config"), json=config, timeout=5).raise_for_status()
        requests.delete(self.control("requests"), timeout=5).raise_for_status()
        requests.delete(self.control("faults"), timeout=5).raise_for_status()

    def stop(self) -> int:
        """SIGTERM and wait; returns the exit code."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        if self.process.stdout is not None:
            self.process.stdout.close()
        return int(self.process.returncode)


def launch(device: str, *args: str) -> Sim:
    """Start ``serve.py DEVICE --port 0 ARGS`` and wait for its READY line (stderr is drained in a thread)."""
    process = subprocess.Popen([sys.executable, SERVE, device, "--port", "0", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, bufsize=1)
    stderr: list[str] = []
    threading.Thread(target=lambda: stderr.extend(iter(process.stderr.readline, "")), daemon=True).start()
    result: dict[str, Any] = {}
    reader = threading.Thread(target=lambda: result.update(line=process.stdout.readline()), daemon=True)
    reader.start()
    reader.join(START_TIMEOUT_S)
    line = result.get("line", "")
    if not line:
        process.kill()
        process.wait(timeout=10)
        raise RuntimeError(f"simulator {device} did not start: {''.join(stderr)}")
    return Sim(process=process, info=json.loads(line), stderr=stderr)


def _simulators() -> Iterator[Callable[..., Sim]]:
    started: list[Sim] = []

    def _start(device: str, *args: str) -> Sim:
        sim = launch(device, *args)
        started.append(sim)
        return sim

    yield _start
    for sim in started:
        sim.stop()


@pytest.fixture
def start_simulator() -> Iterator[Callable[..., Sim]]:
    """Factory fixture: ``start_simulator(device, *args) -> Sim``; stops every started simulator at teardown."""
    yield from _simulators()


@pytest.fixture(scope="module")
def module_simulators() -> Iterator[Callable[..., Sim]]:
    """:func:`start_simulator` for simulators a whole test module shares; stopped at the module's teardown."""
    yield from _simulators()


@pytest.fixture(scope="module")
def vos_sim(module_simulators: Callable[..., Sim]) -> Sim:
    """One default VOS simulator (plain HTTP) shared by a test module."""
    return module_simulators("vos")
