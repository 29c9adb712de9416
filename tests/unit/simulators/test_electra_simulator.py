# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""End-to-end tests of the Electra XT simulator (tests/simulators/serve.py electra): its SNMP agent read with pysnmp's
asyncio client (v2c and v3 authPriv) and its HTTP interface with ``requests``, sharing one state; plus in-process
tests of the MIB view ordering, the BER encoder, the OID profile and the seed."""

from __future__ import annotations

import asyncio
import datetime
import json
import os
import struct
import subprocess
import sys
import time

import pytest
import requests

pysnmp_hlapi = pytest.importorskip("pysnmp.hlapi.v3arch.asyncio")
from pyasn1.codec.ber import encoder as pyasn1_encoder  # noqa: E402  pylint: disable=wrong-import-position,import-error
from pyasn1.type import univ  # noqa: E402  pylint: disable=wrong-import-position,import-error
from pysnmp.proto import rfc1902  # noqa: E402  pylint: disable=wrong-import-position,import-error
from pysnmp.proto.api import v2c  # noqa: E402  pylint: disable=wrong-import-position,import-error

SIMULATORS = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "simulators"))
if SIMULATORS not in sys.path:
    sys.path.insert(0, SIMULATORS)

# pylint: disable=wrong-import-position,import-error
from electra import ber  # noqa: E402
from electra import seed as electra_seed  # noqa: E402
from electra.mib import MibView, date_and_time  # noqa: E402
from electra.model import ElectraState  # noqa: E402
from electra.profile import DEFAULT_PROFILE, ProfileError, build_profile, default_profile, load_profile  # noqa: E402
# pylint: enable=wrong-import-position,import-error

hl = pysnmp_hlapi
ARC = "1.3.6.1.4.1.32473.1"
NODES = ARC + ".2.1.1"
WORKFLOWS = ARC + ".3.1.1"
JOBS = ARC + ".4.1.1"
PARAMS = ARC + ".5.1.1"
ALARMS = ARC + ".6.1.1"
LOGS = ARC + ".7.1.1"
HR_STORAGE = "1.3.6.1.2.1.25.2.3.1"
JOB_STATUS = {1: "running", 2: "stopped", 3: "starting", 4: "stopping", 5: "failed"}
ALARM_STATE = {1: "normal", 2: "warning", 3: "minor", 4: "major", 5: "critical"}
SEVERITY = {1: "critical", 2: "major", 3: "minor", 4: "warning", 5: "info"}
AUTH = ("admin", "electra-password")
V2C = ("v2c", "public")
V3 = ("v3", "electra-v3", "electra-auth-key", "electra-priv-key")


@pytest.fixture(scope="module")
def sim(module_simulators):
    """One default Electra simulator (12 jobs, 3 nodes) on OS-chosen HTTP and SNMP ports, shared by this module."""
    return module_simulators("electra", "--snmp-port", "0")


@pytest.fixture(scope="module")
def big_sim(module_simulators):
    """An Electra simulator with 2,000 jobs."""
    return module_simulators("electra", "--snmp-port", "0", "--jobs", "2000")


@pytest.fixture(autouse=True)
def clean(request):
    """Tests using ``sim`` start from the seed, an empty request log and no faults."""
    if "sim" in request.fixturenames:
        request.getfixturevalue("sim").reset(node_down=None)


# SNMP client helpers (pysnmp asyncio hlapi) ---------------------------------------------------------------------------
def auth_data(credentials):
    """``("v2c", community)`` or ``("v3", user, auth key, priv key[, auth protocol, priv protocol])``."""
    if credentials[0] == "v2c":
        return hl.CommunityData(credentials[1], mpModel=1)
    auth_protocol = credentials[4] if len(credentials) > 4 else hl.usmHMACSHAAuthProtocol
    priv_protocol = credentials[5] if len(credentials) > 5 else hl.usmAesCfb128Protocol
    return hl.UsmUserData(credentials[1], credentials[2], credentials[3], authProtocol=auth_protocol, privProtocol=priv_protocol)


class Snmp:
    """Runs pysnmp client calls against one simulator, each in a fresh event loop and engine."""

    def __init__(self, running, credentials=V2C, timeout=3.0, retries=0):
        self.port = int(running.info["snmp_port"])
        self.credentials = credentials
        self.timeout = timeout
        self.retries = retries

    def run(self, make):
        """``make(engine, auth, target)`` -> awaitable; returns its result."""
        async def main():
            engine = hl.SnmpEngine()
            target = await hl.UdpTransportTarget.create(("127.0.0.1", self.port), timeout=self.timeout, retries=self.retries)
            try:
                return await make(engine, auth_data(self.credentials), target)
            finally:
                engine.close_dispatcher()
        return asyncio.run(main())

    def get(self, *oids):
        """GET: ``(errorIndication, errorStatus, [(oid str, value)])``."""
        async def make(engine, auth, target):
            return await hl.get_cmd(engine, auth, target, hl.ContextData(), *[hl.ObjectType(hl.ObjectIdentity(oid)) for oid in oids],
                                    lookupMib=False)
        indication, status, _index, var_binds = self.run(make)
        return indication, int(status), [(str(name), value) for name, value in var_binds]

    def values(self, *oids):
        """GET, asserting success: the values in order."""
        indication, status, var_binds = self.get(*oids)
        assert indication is None and status == 0, (indication, status)
        return [value for _name, value in var_binds]

    def next(self, oid):
        """One GETNEXT: ``(oid str, value)``."""
        async def make(engine, auth, target):
            return await hl.next_cmd(engine, auth, target, hl.ContextData(), hl.ObjectType(hl.ObjectIdentity(oid)), lookupMib=False)
        indication, status, _index, var_binds = self.run(make)
        assert indication is None and int(status) == 0, (indication, status)
        name, value = var_binds[0]
        return str(name), value

    def walk(self, oid="1.3.6"):
        """GETNEXT walk to the end of the MIB view: ``[(oid tuple, value)]``."""
        async def make(engine, auth, target):
            found = []
            async for indication, status, _index, var_binds in hl.walk_cmd(engine, auth, target, hl.ContextData(),
                                                                           hl.ObjectType(hl.ObjectIdentity(oid)), lookupMib=False,
                                                                           lexicographicMode=True):
                assert indication is None and int(status) == 0, (indication, status)
                found.extend((tuple(name), value) for name, value in var_binds)
            return found
        return self.run(make)

    def table(self, entry, columns, max_repetitions=25):
        """GETBULK over all ``columns`` of a table at once: ``({index tuple: {column: value}}, round trips)``."""
        prefixes = [tuple(int(part) for part in f"{entry}.{column}".split(".")) for column in columns]

        async def make(engine, auth, target):
            rows = {}
            current = list(prefixes)
            active = list(range(len(prefixes)))
            trips = 0
            while active:
                indication, status, _index, var_binds = await hl.bulk_cmd(
                    engine, auth, target, hl.ContextData(), 0, max_repetitions,
                    *[hl.ObjectType(hl.ObjectIdentity(rfc1902.ObjectName(current[column]))) for column in active], lookupMib=False)
                trips += 1
                assert indication is None and int(status) == 0, (indication, status)
                width = len(active)
                still = set(active)
                for position, (name, value) in enumerate(var_binds):
                    column = active[position % width]
                    oid = tuple(name)
                    prefix = prefixes[column]
                    if column not in still:
                        continue
                    if oid[:len(prefix)] != prefix or isinstance(value, (rfc1902.Null,)) or value.tagSet[0][0] == 0x80:
                        still.discard(column)
                        continue
                    rows.setdefault(oid[len(prefix):], {})[columns[column]] = value
                    current[column] = oid
                active = [column for column in active if column in still]
            return rows, trips
        return self.run(make)


def text(value):
    """An OCTET STRING value as str."""
    return bytes(value).decode("utf-8")


def parse_date_and_time(value):
    """RFC 2579 DateAndTime (8 or 11 octets) -> aware datetime."""
    octets = bytes(value)
    year, month, day, hour, minute, second, decis = struct.unpack(">HBBBBBB", octets[:8])
    offset = datetime.timedelta(0)
    if len(octets) == 11:
        sign = -1 if octets[8:9] == b"-" else 1
        offset = sign * datetime.timedelta(hours=octets[9], minutes=octets[10])
    return datetime.datetime(year, month, day, hour, minute, second, decis * 100000, tzinfo=datetime.timezone(offset))


def http(running, method, path, **kwargs):
    """One authenticated HTTP call to ``/api/v1`` + ``path``."""
    return requests.request(method, running.url + "/api/v1" + path, auth=kwargs.pop("auth", AUTH), timeout=30, **kwargs)


def state(running):
    """The ``/__sim__/state`` dump."""
    return requests.get(running.control("state"), timeout=30).json()


def first_job(running, status="running"):
    """The first job with ``status`` and without any alarm."""
    dump = state(running)
    alarmed = {alarm["job"] for alarm in dump["alarms"]}
    return next(job for job in dump["jobs"] if job["status"] == status and job["id"] not in alarmed)


# Start-up -------------------------------------------------------------------------------------------------------------
def test_ready_line_port_files_and_help(start_simulator, tmp_path):
    """The READY line names both ports, each port file holds its port; --help prints the defaults."""
    http_file = tmp_path / "http.port"
    snmp_file = tmp_path / "snmp.port"
    running = start_simulator("electra", "--snmp-port", "0", "--port-file", str(http_file), "--snmp-port-file", str(snmp_file))
    info = running.info
    assert info["device"] == "electra" and info["url"] == f"http://127.0.0.1:{info['port']}"
    assert isinstance(info["snmp_port"], int) and info["snmp_port"] > 0
    assert int(http_file.read_text()) == info["port"] and int(snmp_file.read_text()) == info["snmp_port"]
    assert Snmp(running).values("1.3.6.1.2.1.1.5.0")[0] == b"electra-xt-sim"
    assert running.stop() == 0

    out = subprocess.run([sys.executable, os.path.join(SIMULATORS, "serve.py"), "electra", "--help"], capture_output=True, text=True,
                         check=True, timeout=30).stdout
    for expected in ("--snmp-port", "--http-port", "(default: 1161)", "(default: public)", "(default: private)", "(default: electra-v3)",
                     "(default: sha)", "(default: aes)", "(default: 12)", "(default: 3)", "admin / electra-password"):
        assert expected in out


def test_http_port_is_an_alias_of_port(start_simulator, tmp_path):
    """``--http-port 0`` works like ``--port 0`` (the READY line port is the HTTP port)."""
    running = start_simulator("electra", "--snmp-port", "0", "--http-port", "0")
    assert http(running, "GET", "/jobs").status_code == 200


# SNMP reads -------------------------------------------------------------------------------------------------------------
def test_system_group_and_date(sim):
    """SNMPv2-MIB system group, hrSystemDate as an 11-octet DateAndTime near now (UTC), uptime counting."""
    values = Snmp(sim).values(*[f"1.3.6.1.2.1.1.{number}.0" for number in range(1, 8)], "1.3.6.1.2.1.25.1.2.0")
    descr, object_id, uptime, contact, name, location, services, date = values
    assert "Electra XT" in text(descr) and "32473" in text(descr)
    assert isinstance(object_id, univ.ObjectIdentifier) and str(object_id) == ARC + ".1"
    assert isinstance(uptime, rfc1902.TimeTicks) and int(uptime) > 3 * 86400 * 100
    assert text(contact) and text(name) == "electra-xt-sim" and text(location)
    assert int(services) == 72
    assert len(bytes(date)) == 11
    moment = parse_date_and_time(date)
    assert abs((moment - datetime.datetime.now(datetime.timezone.utc)).total_seconds()) < 5
    time.sleep(0.05)
    assert int(Snmp(sim).values("1.3.6.1.2.1.1.3.0")[0]) > int(uptime)


def test_walk_is_lexicographic_and_complete(sim):
    """A GETNEXT walk from 1.3.6 returns every served OID in strictly increasing order, then endOfMibView."""
    snmp = Snmp(sim)
    found = snmp.walk()
    oids = [oid for oid, _value in found]
    assert oids == sorted(oids) and len(set(oids)) == len(oids)
    text_oids = [".".join(map(str, oid)) for oid in oids]
    for prefix, cells in ((HR_STORAGE, 4 * 6), (NODES, 3 * 7), (WORKFLOWS, 8 * 4), (JOBS, 12 * 9), (PARAMS, 12 * 6 * 3)):
        assert sum(1 for oid in text_oids if oid.startswith(prefix + ".")) == cells, prefix
    dump = state(sim)
    assert sum(1 for oid in text_oids if oid.startswith(ALARMS + ".")) == 5 * len(dump["alarms"])
    assert sum(1 for oid in text_oids if oid.startswith(LOGS + ".")) == 4 * len(dump["logs"])
    name, value = snmp.next(text_oids[-1])
    assert name == text_oids[-1] and value.__class__.__name__ == "EndOfMibView"


def test_missing_objects_and_instances(sim):
    """noSuchInstance for a missing row or a scalar without .0, noSuchObject outside the served objects."""
    _indication, _status, var_binds = Snmp(sim).get(JOBS + ".2.9999", "1.3.6.1.2.1.1.1", JOBS + ".1.1", ARC + ".9.0")
    names = [value.__class__.__name__ for _oid, value in var_binds]
    assert names == ["NoSuchInstance", "NoSuchInstance", "NoSuchObject", "NoSuchObject"]


def test_tables_match_the_http_state(sim):
    """GETBULK over the six tables and hrStorageTable, checked against /__sim__/state and the HTTP job list."""
    snmp = Snmp(sim)
    dump = state(sim)
    jobs, _trips = snmp.table(JOBS, list(range(2, 11)))
    http_jobs = {job["id"]: job for job in http(sim, "GET", "/jobs").json()["items"]}
    assert sorted(index for (index,) in jobs) == sorted(http_jobs) == list(range(1, 13))
    statuses = set()
    for (index,), row in jobs.items():
        job = http_jobs[index]
        statuses.add(job["status"])
        assert text(row[2]) == job["name"] and text(row[3]) == job["workflow"] and int(row[4]) == job["node"]
        assert JOB_STATUS[int(row[5])] == job["status"] and ALARM_STATE[int(row[6])] == job["alarmState"]
        assert text(row[7]) == job["parameters"]["service_name"] and int(row[8]) == job["parameters"]["output_bitrate"]
        assert isinstance(row[8], rfc1902.Gauge32) and isinstance(row[9], rfc1902.TimeTicks)
        assert (int(row[9]) > 0) == (job["status"] == "running")
        assert text(row[10]) == job["parameters"]["custom_label"]
    assert statuses == {"running", "stopped", "failed"}

    nodes, _trips = snmp.table(NODES, list(range(2, 9)))
    assert [text(nodes[(index,)][2]) for index in (1, 2, 3)] == ["xt-node-01", "xt-node-02", "xt-node-03"]
    assert [int(nodes[(index,)][4]) for index in (1, 2, 3)] == [1, 2, 3]  # master, masterisable, standard
    assert all(isinstance(row[3], rfc1902.IpAddress) and int(row[5]) == 1 for row in nodes.values())
    assert sum(int(row[8]) for row in nodes.values()) == 12

    params, _trips = snmp.table(PARAMS, [3, 4, 5])
    assert len(params) == 12 * 6 and (1, 1) in params and (12, 6) in params
    first = params[(1, 1)]
    assert text(first[3]) == "codec" and int(first[5]) == 2  # read-only
    assert text(params[(1, 3)][3]) == "output_bitrate" and int(params[(1, 3)][5]) == 1
    assert text(params[(1, 3)][4]) == str(http_jobs[1]["parameters"]["output_bitrate"])

    alarms, _trips = snmp.table(ALARMS, [2, 3, 4, 5, 6])
    assert len(alarms) == len(dump["alarms"])
    for alarm in dump["alarms"]:
        row = alarms[(alarm["index"],)]
        assert SEVERITY[int(row[2])] == alarm["severity"] and text(row[3]) == alarm["source"] and text(row[4]) == alarm["text"]
        assert int(row[6]) == alarm["job"] and len(bytes(row[5])) == 11
        assert abs(parse_date_and_time(row[5]).timestamp() - alarm["raised_at"]) < 1

    storage, _trips = snmp.table(HR_STORAGE, [1, 2, 3, 4, 5, 6])
    descrs = {text(row[3]): row for row in storage.values()}
    assert set(descrs) == {"/", "/data", "nfs://media-archive/ingest", "nfs://media-archive/playout"}
    assert str(descrs["/"][2]) == "1.3.6.1.2.1.25.2.1.4" and str(descrs["nfs://media-archive/ingest"][2]) == "1.3.6.1.2.1.25.2.1.10"
    assert all(0 < int(row[6]) < int(row[5]) for row in storage.values())

    logs, _trips = snmp.table(LOGS, [2, 3, 4, 5])
    assert len(logs) == len(dump["logs"])


def test_v3_auth_priv_reads_the_same_as_v2c(sim):
    """SNMPv3 authPriv (SHA / AES by default) answers the same jobs table as v2c."""
    v2c_rows, _trips = Snmp(sim).table(JOBS, [2, 5])
    v3_rows, _trips = Snmp(sim, V3).table(JOBS, [2, 5], max_repetitions=10)
    assert {index: (text(row[2]), int(row[5])) for index, row in v2c_rows.items()} == \
        {index: (text(row[2]), int(row[5])) for index, row in v3_rows.items()}
    assert Snmp(sim, V3).values("1.3.6.1.2.1.1.5.0")[0] == b"electra-xt-sim"


def test_v3_other_protocols(start_simulator):
    """--v3-auth-protocol / --v3-priv-protocol choose the USM protocols."""
    running = start_simulator("electra", "--snmp-port", "0", "--v3-user", "ops", "--v3-auth-protocol", "sha512", "--v3-auth-key",
                              "auth-key-512", "--v3-priv-protocol", "aes256", "--v3-priv-key", "priv-key-256")
    credentials = ("v3", "ops", "auth-key-512", "priv-key-256", hl.usmHMAC384SHA512AuthProtocol, hl.usmAesCfb256Protocol)
    assert Snmp(running, credentials).values("1.3.6.1.2.1.1.5.0")[0] == b"electra-xt-sim"
    wrong = ("v3", "ops", "auth-key-512", "priv-key-256", hl.usmHMACSHAAuthProtocol, hl.usmAesCfb256Protocol)
    assert Snmp(running, wrong, timeout=2).get("1.3.6.1.2.1.1.5.0")[0] is not None


def test_wrong_community_gets_no_answer(sim):
    """A v2c request with another community is dropped: the client times out (no retries, short timeout)."""
    started = time.monotonic()
    indication, _status, var_binds = Snmp(sim, ("v2c", "not-the-community"), timeout=0.5, retries=0).get("1.3.6.1.2.1.1.5.0")
    assert "timeout" in str(indication).lower() and not var_binds
    assert time.monotonic() - started < 3
    assert not [entry for entry in requests.get(sim.control("requests"), timeout=5).json() if entry["method"].startswith("SNMP-")]


@pytest.mark.parametrize("credentials, indication", [
    (("v3", "electra-v3", "wrong-auth-key", "electra-priv-key"), "WrongDigest"),
    (("v3", "electra-v3", "electra-auth-key", "wrong-priv-key"), "DecryptionError"),
    (("v3", "somebody-else", "electra-auth-key", "electra-priv-key"), "UnknownUserName"),
])
def test_wrong_v3_credentials_get_usm_reports(sim, credentials, indication):
    """Wrong v3 keys or user: the USM report comes back as an error indication (not a timeout)."""
    started = time.monotonic()
    error, _status, _var_binds = Snmp(sim, credentials, timeout=2).get("1.3.6.1.2.1.1.5.0")
    assert error.__class__.__name__ == indication, repr(error)
    assert time.monotonic() - started < 2


def test_set_is_not_writable(sim):
    """SET with the set community answers notWritable; with the get community noAccess."""
    async def set_name(engine, auth, target):
        return await hl.set_cmd(engine, auth, target, hl.ContextData(),
                                hl.ObjectType(hl.ObjectIdentity("1.3.6.1.2.1.1.5.0"), rfc1902.OctetString("x")), lookupMib=False)
    _indication, status, _index, _var_binds = Snmp(sim, ("v2c", "private")).run(set_name)
    assert status.prettyPrint() == "notWritable"
    _indication, status, _index, _var_binds = Snmp(sim, V2C).run(set_name)
    assert status.prettyPrint() == "noAccess"
    assert Snmp(sim).values("1.3.6.1.2.1.1.5.0")[0] == b"electra-xt-sim"


# HTTP and shared state ------------------------------------------------------------------------------------------------
def test_http_basic_authentication(sim):
    """401 with a Basic challenge without or with wrong credentials; the job list with the right ones."""
    bare = requests.get(sim.url + "/api/v1/jobs", timeout=5)
    assert bare.status_code == 401 and bare.headers["WWW-Authenticate"].startswith("Basic")
    assert bare.json()["error"]["code"] == "UNAUTHORIZED"
    assert http(sim, "GET", "/jobs", auth=("admin", "wrong")).status_code == 401
    resp = http(sim, "GET", "/jobs")
    assert resp.status_code == 200
    job = resp.json()["items"][0]
    assert {"id", "name", "workflow", "node", "status", "alarmState", "parameters"} <= set(job)
    detail = http(sim, "GET", f"/jobs/{job['id']}").json()
    assert detail["writableParameters"] == ["output_bitrate", "service_name", "audio_language", "custom_label"]
    assert http(sim, "GET", "/jobs/999").json()["error"]["code"] == "JOB_NOT_FOUND"
    assert http(sim, "GET", "/jobs/999").status_code == 404


def test_stop_and_start_over_http_show_over_snmp(sim):
    """Stopping a running job: 202, SNMP reads stopped / major, a major alarm and a log line; starting clears it."""
    snmp = Snmp(sim)
    job = first_job(sim)
    index = job["id"]
    assert [int(value) for value in snmp.values(f"{JOBS}.5.{index}", f"{JOBS}.6.{index}")] == [1, 1]

    stop = http(sim, "POST", f"/jobs/{index}/stop")
    assert stop.status_code == 202 and stop.json()["status"] == "stopped" and stop.json()["alarmState"] == "major"
    assert [int(value) for value in snmp.values(f"{JOBS}.5.{index}", f"{JOBS}.6.{index}", f"{JOBS}.9.{index}")] == [2, 4, 0]
    alarms, _trips = snmp.table(ALARMS, [2, 3, 4, 6])
    raised = [row for row in alarms.values() if int(row[6]) == index]
    assert len(raised) == 1 and SEVERITY[int(raised[0][2])] == "major" and text(raised[0][4]) == f"job {job['name']} stopped"
    assert text(raised[0][3]) == f"job:{index}"
    logs, _trips = snmp.table(LOGS, [3, 4])
    assert text(logs[max(logs)][4]) == f"job {job['name']} stopped"
    assert http(sim, "POST", f"/jobs/{index}/stop").status_code == 200

    start_resp = http(sim, "POST", f"/jobs/{index}/start")
    assert start_resp.status_code == 202 and start_resp.json()["status"] == "running"
    assert [int(value) for value in snmp.values(f"{JOBS}.5.{index}", f"{JOBS}.6.{index}")] == [1, 1]
    alarms, _trips = snmp.table(ALARMS, [6])
    assert not [row for row in alarms.values() if int(row[6]) == index]
    assert http(sim, "POST", f"/jobs/{index}/start").status_code == 200


def test_starting_a_failed_job_clears_its_critical_alarm(sim):
    """A seeded failed job has a critical alarm (alarm_state critical) until it is started."""
    failed = next(job for job in state(sim)["jobs"] if job["status"] == "failed")
    assert failed["alarmState"] == "critical"
    assert http(sim, "POST", f"/jobs/{failed['id']}/start").status_code == 202
    assert not [alarm for alarm in state(sim)["alarms"] if alarm["job"] == failed["id"]]
    assert [int(value) for value in Snmp(sim).values(f"{JOBS}.5.{failed['id']}", f"{JOBS}.6.{failed['id']}")] == [1, 1]


def test_parameter_patch_rules(sim):
    """Writable parameters change (and show over SNMP); read-only, unknown and invalid ones are 422 naming them,
    and a refused PATCH applies nothing."""
    snmp = Snmp(sim)
    index = first_job(sim)["id"]
    resp = http(sim, "PATCH", f"/jobs/{index}/parameters", json={"output_bitrate": 9100, "service_name": "Renamed HD", "audio_language": "FRA"})
    assert resp.status_code == 200
    assert resp.json()["parameters"]["output_bitrate"] == 9100 and resp.json()["parameters"]["audio_language"] == "fra"
    bitrate, service = snmp.values(f"{JOBS}.8.{index}", f"{JOBS}.7.{index}")
    assert int(bitrate) == 9100 and text(service) == "Renamed HD"
    assert snmp.values(f"{PARAMS}.4.{index}.3", f"{PARAMS}.4.{index}.5") == [b"9100", b"fra"]

    for body, code, parameter in (({"codec": "HEVC"}, "READ_ONLY_PARAMETER", "codec"),
                                  ({"resolution": "1280x720"}, "READ_ONLY_PARAMETER", "resolution"),
                                  ({"gop_length": 12}, "UNKNOWN_PARAMETER", "gop_length"),
                                  ({"service_name": "Half applied", "codec": "HEVC"}, "READ_ONLY_PARAMETER", "codec"),
                                  ({"output_bitrate": "fast"}, "INVALID_PARAMETER_VALUE", "output_bitrate"),
                                  ({"audio_language": "english"}, "INVALID_PARAMETER_VALUE", "audio_language")):
        resp = http(sim, "PATCH", f"/jobs/{index}/parameters", json=body)
        assert resp.status_code == 422, body
        error = resp.json()["error"]
        assert error["code"] == code and error["parameter"] == parameter and parameter in error["message"]
    assert text(snmp.values(f"{JOBS}.7.{index}")[0]) == "Renamed HD"
    assert http(sim, "PATCH", f"/jobs/{index}/parameters", json=["output_bitrate"]).status_code == 400
    assert http(sim, "PATCH", "/jobs/999/parameters", json={"output_bitrate": 1}).status_code == 404


def test_request_log_counts_snmp_round_trips(sim):
    """Every SNMP PDU is a request-log entry (method SNMP-*, path = first OID); control calls are not logged."""
    snmp = Snmp(sim)
    _rows, trips = snmp.table(JOBS, [2, 5], max_repetitions=5)
    snmp.get("1.3.6.1.2.1.1.5.0", "1.3.6.1.2.1.1.3.0")
    snmp.next("1.3.6.1.2.1.1")
    http(sim, "GET", "/jobs")
    entries = requests.get(sim.control("requests"), timeout=5).json()
    methods = [entry["method"] for entry in entries]
    assert methods == ["SNMP-GETBULK"] * trips + ["SNMP-GET", "SNMP-GETNEXT", "GET"]
    bulk = entries[0]
    assert bulk["path"] == JOBS + ".2" and bulk["status"] == 0 and bulk["auth"] == "community"
    assert bulk["query"] == {"version": "v2c", "varbinds": 2, "non_repeaters": 0, "max_repetitions": 5, "answered": 10}
    assert entries[trips]["path"] == "1.3.6.1.2.1.1.5.0" and entries[trips]["query"]["varbinds"] == 2
    Snmp(sim, V3).get("1.3.6.1.2.1.1.5.0")
    assert requests.get(sim.control("requests"), timeout=5).json()[-1]["auth"] == "usm"


def test_snmp_faults(sim):
    """Scripted faults: ``drop`` gives no SNMP answer, another fault answers genErr; then normal answers again."""
    requests.post(sim.control("faults"), json={"count": 1, "methods": ["SNMP-GET"], "drop": True}, timeout=5).raise_for_status()
    indication, _status, _var_binds = Snmp(sim, timeout=0.5).get("1.3.6.1.2.1.1.5.0")
    assert "timeout" in str(indication).lower()
    requests.post(sim.control("faults"), json={"count": 1, "methods": ["SNMP-GETBULK"]}, timeout=5).raise_for_status()

    async def bulk(engine, auth, target):
        return await hl.bulk_cmd(engine, auth, target, hl.ContextData(), 0, 5, hl.ObjectType(hl.ObjectIdentity(JOBS + ".2")), lookupMib=False)
    _indication, status, _index, _var_binds = Snmp(sim).run(bulk)
    assert status.prettyPrint() == "genErr"
    assert Snmp(sim).values("1.3.6.1.2.1.1.5.0")[0] == b"electra-xt-sim"
    entries = requests.get(sim.control("requests"), timeout=5).json()
    assert [(entry["method"], entry["status"]) for entry in entries] == [("SNMP-GET", None), ("SNMP-GETBULK", 5), ("SNMP-GET", 0)]


def test_inserted_alarm_node_down_and_reset(sim):
    """/__sim__/items/alarms adds an alarm (the job's alarm_state follows); node_down marks a node down with a critical
    alarm; reset brings the seed back."""
    snmp = Snmp(sim)
    index = first_job(sim)["id"]
    resp = requests.post(sim.control("items/alarms"), json={"severity": "critical", "job": index, "text": "input lost"}, timeout=5)
    assert resp.status_code == 200
    alarm = resp.json()
    assert alarm["source"] == f"job:{index}"
    severity, source, alarm_text, job = snmp.values(*[f"{ALARMS}.{column}.{alarm['index']}" for column in (2, 3, 4, 6)])
    assert (int(severity), text(source), text(alarm_text), int(job)) == (1, f"job:{index}", "input lost", index)
    assert int(snmp.values(f"{JOBS}.6.{index}")[0]) == 5
    assert requests.delete(sim.control(f"items/alarms/{alarm['index']}"), timeout=5).status_code == 200
    assert int(snmp.values(f"{JOBS}.6.{index}")[0]) == 1

    assert requests.post(sim.control("config"), json={"node_down": 2}, timeout=5).json() == {"node_down": 2}
    assert int(snmp.values(f"{NODES}.5.2")[0]) == 2 and int(snmp.values(f"{NODES}.6.2")[0]) == 0
    assert [a for a in state(sim)["alarms"] if a["source"] == "node:2" and a["severity"] == "critical" and a["text"] == "node xt-node-02 down"]
    assert requests.post(sim.control("config"), json={"node_down": 9}, timeout=5).status_code == 400
    requests.post(sim.control("config"), json={"node_down": None}, timeout=5).raise_for_status()
    assert int(snmp.values(f"{NODES}.5.2")[0]) == 1
    assert not [a for a in state(sim)["alarms"] if a["source"] == "node:2"]

    seeded = state(sim)
    http(sim, "POST", f"/jobs/{index}/stop")
    requests.post(sim.control("reset"), json={}, timeout=5).raise_for_status()
    after = state(sim)
    assert [job["status"] for job in after["jobs"]] == [job["status"] for job in seeded["jobs"]]
    assert len(after["alarms"]) == len(seeded["alarms"])
    requests.post(sim.control("reset"), json={"empty": True}, timeout=5).raise_for_status()
    assert Snmp(sim).table(JOBS, [2])[0] == {} and http(sim, "GET", "/jobs").json() == {"items": []}


def test_latency_delays_snmp_answers_without_blocking(start_simulator):
    """--latency-ms delays each SNMP answer; concurrent requests overlap instead of queueing."""
    running = start_simulator("electra", "--snmp-port", "0", "--latency-ms", "400")
    snmp = Snmp(running)
    started = time.monotonic()
    assert snmp.values("1.3.6.1.2.1.1.5.0")[0] == b"electra-xt-sim"
    assert time.monotonic() - started >= 0.4

    async def three_at_once(engine, auth, target):
        calls = [hl.get_cmd(engine, auth, target, hl.ContextData(), hl.ObjectType(hl.ObjectIdentity(f"{JOBS}.2.{index}")), lookupMib=False)
                 for index in (1, 2, 3)]
        return await asyncio.gather(*calls)
    started = time.monotonic()
    answers = snmp.run(three_at_once)
    elapsed = time.monotonic() - started
    assert [text(answer[3][0][1]) for answer in answers] == [job["name"] for job in state(running)["jobs"][:3]]
    assert 0.4 <= elapsed < 1.0, elapsed
    assert all(entry["duration_ms"] >= 400 for entry in requests.get(running.control("requests"), timeout=5).json())


# 2,000 jobs -------------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("max_repetitions, columns", [(25, [2, 5]), (50, list(range(2, 11)))])
def test_bulk_read_of_2000_jobs(big_sim, max_repetitions, columns):
    """The jobs table of 2,000 jobs (two columns, then all nine) in 2000 / max_repetitions + 1 GETBULK round trips."""
    requests.delete(big_sim.control("requests"), timeout=5).raise_for_status()
    rows, trips = Snmp(big_sim, timeout=10).table(JOBS, columns, max_repetitions=max_repetitions)
    assert len(rows) == 2000 and all(len(row) == len(columns) for row in rows.values())
    assert trips == 2000 // max_repetitions + 1
    entries = requests.get(big_sim.control("requests"), timeout=5).json()
    assert len(entries) == trips and {entry["method"] for entry in entries} == {"SNMP-GETBULK"}
    assert entries[0]["query"]["answered"] == len(columns) * max_repetitions
    names = {job["id"]: job["name"] for job in http(big_sim, "GET", "/jobs").json()["items"]}
    assert {index: text(row[2]) for (index,), row in rows.items()} == names


def test_bulk_read_of_2000_jobs_v3(big_sim):
    """The same over v3 authPriv."""
    rows, _trips = Snmp(big_sim, V3, timeout=10).table(JOBS, [2, 5], max_repetitions=50)
    assert len(rows) == 2000


# In-process: MIB view, BER, profile, seed -----------------------------------------------------------------------------
def _state(jobs=12, nodes=3, seed=1):
    return ElectraState(lambda empty: electra_seed.generate(jobs, nodes, seed, empty))


def test_view_order_and_next_chain():
    """Every served OID is strictly after the previous one, and next() of each is the following one."""
    view = MibView(_state(jobs=300, nodes=4), default_profile())
    view.refresh()
    oids = view.walk()
    assert oids == sorted(oids) and len(set(oids)) == len(oids)
    assert view.next((1, 3, 6))[0] == oids[0]
    for current, following in zip(oids, oids[1:]):
        assert view.next(current)[0] == following
        assert view.get(current)[0] not in ber.EXCEPTIONS
    assert view.next(oids[-1])[1][0] == ber.END_OF_MIB_VIEW
    assert view.next((1, 3, 6, 1, 4, 1, 32473, 1, 4, 1, 1, 2, 5, 7))[0] == (1, 3, 6, 1, 4, 1, 32473, 1, 4, 1, 1, 2, 6)
    assert view.next((2,))[1][0] == ber.END_OF_MIB_VIEW


def test_ber_encoder_matches_pyasn1():
    """The hand-written VarBindList encoding equals pysnmp's (pyasn1) encoding of the same values."""
    samples = [((1, 3, 6, 1, 2, 1, 1, 1, 0), (ber.OCTETS, "Électra".encode("utf-8"))),
               ((1, 3, 6, 1, 4, 1, 32473, 1, 4, 1, 1, 4, 200000), (ber.INTEGER, -129)),
               ((1, 3, 6, 1, 4, 1, 32473, 1, 4, 1, 1, 8, 1), (ber.GAUGE32, 4294967295)),
               ((1, 3, 6, 1, 2, 1, 1, 3, 0), (ber.TIMETICKS, 128)),
               ((1, 3, 6, 1, 2, 1, 1, 2, 0), (ber.OID, (1, 3, 6, 1, 4, 1, 32473, 1, 1))),
               ((1, 3, 6, 1, 4, 1, 32473, 1, 2, 1, 1, 3, 1), (ber.IPADDRESS, "10.40.1.11")),
               ((1, 3, 6, 1, 4, 1, 32473, 1, 2, 1, 1, 9, 9), (ber.COUNTER32, 0)),
               ((1, 3, 6, 1, 4, 1, 32473, 1, 9, 9), (ber.NO_SUCH_OBJECT, None)),
               ((1, 3, 6, 1, 4, 1, 32473, 1, 9, 9), (ber.END_OF_MIB_VIEW, None)),
               ((1, 3, 6, 1, 2, 1, 25, 1, 2, 0), (ber.OCTETS, date_and_time(1793491200.25)))]
    pdu = v2c.GetResponsePDU()
    v2c.apiPDU.set_defaults(pdu)
    v2c.apiPDU.set_varbinds(pdu, [(rfc1902.ObjectName(oid), ber.to_pysnmp(value)) for oid, value in samples])
    assert ber.encode_varbinds(samples) == pyasn1_encoder.encode(pdu.getComponentByPosition(3))
    assert parse_date_and_time(date_and_time(1793491200.25)) == datetime.datetime(2026, 11, 1, 0, 0, 0, 200000, tzinfo=datetime.timezone.utc)


def test_custom_profile(tmp_path):
    """A profile moves tables and columns and may leave tables out; bad profiles are refused with the place named."""
    document = json.loads(json.dumps(DEFAULT_PROFILE))
    document["tables"]["jobs"]["entry"] = "1.3.6.1.4.1.99999.7.1.1"
    document["tables"]["jobs"]["columns"] = {"name": {"id": 3, "type": "string"}, "status": {"id": 9, "type": "string"}}
    del document["tables"]["logs"]
    profile = build_profile(document)
    view = MibView(_state(), profile)
    view.refresh()
    assert view.get((1, 3, 6, 1, 4, 1, 99999, 7, 1, 1, 3, 1))[0] == ber.OCTETS
    assert view.get((1, 3, 6, 1, 4, 1, 99999, 7, 1, 1, 9, 1))[1] in (b"running", b"stopped", b"failed")
    assert not [oid for oid in view.walk() if oid[:len((1, 3, 6, 1, 4, 1, 32473, 1, 7))] == (1, 3, 6, 1, 4, 1, 32473, 1, 7)]
    for broken, message in (({"tables": {"jobz": {}}}, "tables.jobz"),
                            ({"tables": {"jobs": {"entry": "1.3.x", "columns": {"name": {"id": 2, "type": "string"}}}}}, "tables.jobs.entry"),
                            ({"tables": {"jobs": {"entry": "1.3.6.9", "columns": {"colour": {"id": 2, "type": "string"}}}}}, "colour"),
                            ({"tables": {"jobs": {"entry": "1.3.6.9", "columns": {"name": {"id": 2, "type": "text"}}}}}, "type")):
        with pytest.raises(ProfileError, match=message):
            build_profile(broken)
    path = tmp_path / "profile.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    assert load_profile(str(path)) == profile and load_profile(None) == default_profile()


def test_seed_is_deterministic():
    """Same jobs / nodes / seed, same population; a few jobs stopped or failed with alarms, most running."""
    first = electra_seed.generate(12, 3, 1)
    again = electra_seed.generate(12, 3, 1)
    assert [(job.name, job.status, job.params) for job in first.jobs] == [(job.name, job.status, job.params) for job in again.jobs]
    assert [(alarm.severity, alarm.text) for alarm in first.alarms] == [(alarm.severity, alarm.text) for alarm in again.alarms]
    other = electra_seed.generate(12, 3, 2)
    assert [job.status for job in other.jobs] != [job.status for job in first.jobs] or \
        [job.workflow for job in other.jobs] != [job.workflow for job in first.jobs]
    statuses = [job.status for job in first.jobs]
    assert statuses.count("stopped") == 2 and statuses.count("failed") == 1 and statuses.count("running") == 9
    big = electra_seed.generate(2000, 3, 1)
    assert len({job.name for job in big.jobs}) == 2000
    assert sum(job.status == "running" for job in big.jobs) > 1400
    stopped_alarms = {alarm.job for alarm in big.alarms if alarm.kind == "stopped"}
    assert stopped_alarms == {job.index for job in big.jobs if job.status == "stopped"}
