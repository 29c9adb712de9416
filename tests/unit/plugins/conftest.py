# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fixtures shared by the module_utils and module unit tests: the VOS, HMP, DMS and Electra XT simulators as
subprocesses on OS-chosen loopback ports (``sim``, ``hmp_sim``, ``dms_sim`` and ``electra_sim``: reset to their seed
before each test)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time

import pytest
import requests

SERVE = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "simulators", "serve.py"))

#: Default credentials of the simulator (tests/simulators/vos/app.py VosSettings).
BASIC = {"username": "admin", "password": "admin-password"}
#: Default credentials of the HMP simulator (tests/simulators/hmp/app.py HmpSettings).
HMP_LOGIN = {"username": "haiadmin", "password": "hmp-password"}
HMP_KEY = {"api_key": "hmp-api-key", "api_secret": "hmp-api-secret"}
#: Default credentials of the DMS simulator (tests/simulators/dms/app.py DmsSettings).
DMS_LOGIN = {"username": "dmsadmin", "password": "dms-password"}
#: Devices of the shared DMS simulator: small, so that a reset (which regenerates them) stays cheap.
DMS_DEVICES = 60
#: Default HTTP credentials of the Electra XT simulator (tests/simulators/electra/settings.py ElectraSettings).
ELECTRA_LOGIN = {"username": "admin", "password": "electra-password"}
#: Its default SNMPv3 user (authPriv: SHA and AES; tests/simulators/electra/settings.py SnmpSettings).
ELECTRA_V3 = {"snmp_version": "v3", "v3_user": "electra-v3", "v3_auth_protocol": "sha", "v3_auth_key": "electra-auth-key",
              "v3_priv_protocol": "aes", "v3_priv_key": "electra-priv-key"}


class Simulator:
    """``tests/simulators/serve.py DEVICE --port 0`` as a subprocess (loopback only); ``url`` comes from its READY line.

    A device's subclass sets :attr:`CREDENTIALS` (module options), :attr:`LOGIN_PREFIX` (paths of the login
    requests, which are not configuration writes) and :attr:`ENV_PREFIX` (its environment fallbacks).
    """

    CREDENTIALS = BASIC
    LOGIN_PREFIX = "/oauth/"
    ENV_PREFIX = "VOS_"

    def __init__(self, device="vos", args=()):
        command = [sys.executable, SERVE, device, "--host", "127.0.0.1", "--port", "0"] + list(args)
        self.process = subprocess.Popen(command,  # pylint: disable=consider-using-with
                                        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        line = {}
        reader = threading.Thread(target=lambda: line.update(text=self.process.stdout.readline()), daemon=True)
        reader.start()
        reader.join(15)
        if not line.get("text"):
            self.process.kill()
            self.process.wait(10)
            raise RuntimeError("the %s simulator did not start" % device.upper())
        info = json.loads(line["text"])
        self.info = info
        self.url = info["url"]
        self.port = int(info["port"])
        self.session = requests.Session()

    def control(self, method, name, body=None):
        """One ``/__sim__/NAME`` control call; returns the decoded JSON answer (None when empty)."""
        response = self.session.request(method, "%s/__sim__/%s" % (self.url, name), json=body, timeout=5)
        response.raise_for_status()
        return response.json() if response.content else None

    def requests_log(self):
        """Device requests since the last reset, oldest first."""
        return self.control("GET", "requests")

    def count(self, method, path):
        """How many logged device requests had this method and path."""
        return len([e for e in self.requests_log() if e["method"] == method and e["path"] == path])

    def writes(self):
        """``(method, path)`` of every write request in the log, logins left out."""
        return [(e["method"], e["path"]) for e in self.requests_log() if e["method"] in ("POST", "PUT", "PATCH", "DELETE")
                and not e["path"].startswith(self.LOGIN_PREFIX)]

    def fault(self, **rule):
        """Script a fault (``count``, ``status``, ``methods``, ``path_prefix``, ``drop``)."""
        return self.control("POST", "faults", rule)

    def connection(self, **extra):
        """Module connection options for this simulator (its default credentials, plain HTTP, no retries)."""
        params = {"host": "127.0.0.1", "port": self.port, "use_ssl": False, "retries": 0, "timeout": 5}
        params.update(self.CREDENTIALS)
        params.update(extra)
        return params

    def state(self):
        """The simulator's raw state (``/__sim__/state``)."""
        return self.control("GET", "state")

    def insert(self, collection, item):
        """Insert (or update) a raw item (``/__sim__/items/COLLECTION``); returns it as stored."""
        return self.control("POST", "items/%s" % collection, item)

    def reset(self):
        """Back to the seed: data and switches, no faults, empty request log."""
        self.control("POST", "reset", {})
        self.control("DELETE", "faults")
        self.control("DELETE", "requests")

    def fresh(self, monkeypatch):
        """:meth:`reset`, with no ``<ENV_PREFIX>*`` environment variable; returns the simulator (for fixtures)."""
        for name in list(os.environ):
            if name.startswith(self.ENV_PREFIX):
                monkeypatch.delenv(name)
        self.reset()
        return self

    def stop(self):
        """SIGTERM and wait."""
        self.session.close()
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(10)
        self.process.stdout.close()


@pytest.fixture(scope="session")
def vos_simulator():
    """One VOS simulator for the whole unit-test session (module_utils and module tests share it)."""
    simulator = Simulator()
    yield simulator
    simulator.stop()


@pytest.fixture
def sim(vos_simulator, monkeypatch):
    """The shared simulator reset to its seed: no faults, empty request log, RF cards present; no VOS_* environment."""
    vos_simulator.control("POST", "config", {"rf_absent": False})
    return vos_simulator.fresh(monkeypatch)


class HmpSimulator(Simulator):
    """``tests/simulators/serve.py hmp --port 0``: cookie-session login by default (``connection(auth="api_key")`` for
    the HMP 4.1 API key)."""

    CREDENTIALS = HMP_LOGIN
    LOGIN_PREFIX = "/apis/authentication/"
    ENV_PREFIX = "HMP_"

    def __init__(self):
        super().__init__("hmp")
        self.clients = []
        self.baseline = 0

    def track(self, client):
        """Count the requests of ``client`` (an HmpClient) for :meth:`requests_log`; returns ``client``."""
        self.clients.append(client)
        return client

    def sent(self):
        """How many requests the tracked clients have sent and seen answered."""
        return sum(len(c.http.log) for c in self.clients if getattr(c, "http", None) is not None)

    def clear_requests(self):
        """Empty the request log (what the tracked clients sent so far is not waited for any more)."""
        self.control("DELETE", "requests")
        self.baseline = self.sent()

    def requests_log(self, timeout=5.0):
        """Device requests since the last reset, oldest first.

        The simulator logs a request just after it sent the answer, so a client can hold the answer before the entry
        exists: this waits (up to ``timeout`` s) until every answered request of the tracked clients is logged.
        """
        expected = self.sent() - self.baseline
        deadline = time.monotonic() + timeout
        while True:
            entries = super().requests_log()
            if len(entries) >= expected or time.monotonic() >= deadline:
                return entries
            time.sleep(0.005)

    def connection(self, auth="session", **extra):  # pylint: disable=arguments-differ
        """Module connection options for this simulator (plain HTTP, no retries); ``auth="api_key"``: the HMP 4.1
        API key instead of the session login."""
        params = super().connection(**extra)
        if auth == "api_key":
            for name in HMP_LOGIN:
                params.pop(name, None)
            params.update(HMP_KEY)
            params.update(extra)
        return params

    def reset(self):
        """:meth:`Simulator.reset`, and the tracked clients forgotten."""
        super().reset()
        self.clients = []
        self.baseline = 0


@pytest.fixture(scope="session")
def hmp_simulator():
    """One HMP simulator for the whole unit-test session."""
    simulator = HmpSimulator()
    yield simulator
    simulator.stop()


@pytest.fixture
def hmp_sim(hmp_simulator, monkeypatch):
    """The shared HMP simulator reset to its seed: default switches, no faults, empty request log; no HMP_*
    environment."""
    return hmp_simulator.fresh(monkeypatch)


class DmsSimulator(Simulator):
    """``tests/simulators/serve.py dms --devices N --port 0``: token login (``POST /api/v1/auth/login``), bearer
    tokens. The request log is written before each answer goes out, so it is complete when a client call returns."""

    CREDENTIALS = DMS_LOGIN
    LOGIN_PREFIX = "/api/v1/auth/"
    ENV_PREFIX = "DMS_"

    def __init__(self, devices=DMS_DEVICES):
        super().__init__("dms", ["--devices", str(devices)])
        self.devices = devices

    def queries(self, path, method="GET"):
        """The query (``{name: value}``) of every logged request to ``path``, oldest first."""
        return [e["query"] for e in self.requests_log() if e["method"] == method and e["path"] == path]


@pytest.fixture(scope="session")
def dms_simulator():
    """One DMS simulator (``DMS_DEVICES`` devices) for the whole unit-test session."""
    simulator = DmsSimulator()
    yield simulator
    simulator.stop()


@pytest.fixture
def dms_sim(dms_simulator, monkeypatch):
    """The shared DMS simulator reset to its seed: default switches, no faults, empty request log; no DMS_*
    environment."""
    return dms_simulator.fresh(monkeypatch)


class ElectraSimulator(Simulator):
    """``tests/simulators/serve.py electra --port 0 --snmp-port 0 ARGS``: the HTTP interface (HTTP Basic, no login
    request) and the SNMP agent on an OS-chosen UDP port (:attr:`snmp_port`, from the READY line), sharing one state.
    SNMP PDUs appear in the request log with method ``SNMP-GET``, ``SNMP-GETNEXT`` or ``SNMP-GETBULK``."""

    CREDENTIALS = ELECTRA_LOGIN
    LOGIN_PREFIX = "/__no_login__/"
    ENV_PREFIX = "ELECTRA_"

    def __init__(self, args=()):
        super().__init__("electra", ["--snmp-port", "0"] + list(args))
        self.snmp_port = int(self.info["snmp_port"])

    def connection(self, **extra):
        """HTTP and SNMP (v2c, community ``public``) options for this simulator; one SNMP attempt of 3 s at most."""
        params = {"snmp_port": self.snmp_port, "snmp_timeout": 3.0, "snmp_retries": 0}
        params.update(extra)
        return super().connection(**params)

    def snmp_requests(self, method=None):
        """The logged SNMP PDUs (``method``: only ``SNMP-GETBULK`` and so on), oldest first."""
        return [e for e in self.requests_log() if e["method"].startswith("SNMP-") and method in (None, e["method"])]

    def http_requests(self):
        """``(method, path)`` of the logged HTTP requests, oldest first."""
        return [(e["method"], e["path"]) for e in self.requests_log() if not e["method"].startswith("SNMP-")]


@pytest.fixture(scope="session")
def electra_simulator():
    """One Electra XT simulator (12 jobs on 3 nodes) for the whole unit-test session."""
    simulator = ElectraSimulator()
    yield simulator
    simulator.stop()


@pytest.fixture
def electra_sim(electra_simulator, monkeypatch):
    """The shared Electra XT simulator reset to its seed (no node down): no faults, empty request log; no ELECTRA_*
    environment."""
    return electra_simulator.fresh(monkeypatch)


@pytest.fixture(scope="module")
def electra_simulators():
    """``start(*args) -> ElectraSimulator``: more Electra XT simulators with their own options (``--jobs 200``,
    ``--v3-priv-protocol none``, ``--profile FILE``) for one test module; all stopped at the module's teardown."""
    started = []

    def start(*args):
        simulator = ElectraSimulator(args)
        started.append(simulator)
        return simulator

    yield start
    for simulator in started:
        simulator.stop()
