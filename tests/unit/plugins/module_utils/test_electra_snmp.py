# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Unit tests of plugins/module_utils/electra/snmp.py.

Pure logic first (option validation in SnmpSettings, DateAndTime, value conversion by column type, row assembly,
error wording), then the real path: pysnmp's asyncio client against the Electra simulator's SNMP agent (a pysnmp
command responder on a loopback UDP port): v2c and v3 (authPriv with every protocol pair, authNoPriv, noAuthNoPriv)
full reads checked against the simulator's state, GETBULK round trips counted in the agent's request log, the
GETNEXT walk, answers cut by the agent's message size, timeouts, USM reports, missing columns and scalars, type
mismatches, genErr and dropped PDUs. A scripted ``_Session._send`` covers what no agent here answers (empty and
non-increasing answers, answers cut inside a row)."""

from __future__ import annotations

import copy
import datetime
import errno

import pytest

pytest.importorskip("pysnmp.hlapi.v3arch.asyncio")

# pylint: disable=wrong-import-position
from pysnmp.proto import errind, rfc1902, rfc1905  # noqa: E402  pylint: disable=import-error

from ansible_collections.broadcast.video.plugins.module_utils.electra import snmp  # noqa: E402
from ansible_collections.broadcast.video.plugins.module_utils.electra.profile import (  # noqa: E402
    DEFAULT_PROFILE, STORAGE_TABLE, SYSTEM_OBJECTS, Column, Table, build_profile, load_profile)
from ansible_collections.broadcast.video.plugins.module_utils.electra.snmp import (  # noqa: E402
    AUTH_PROTOCOLS, MAX_REPETITIONS, PRIV_PROTOCOLS, VERSIONS, SnmpClient, SnmpSettings, SnmpStats, _rows, convert,
    date_and_time)
from ansible_collections.broadcast.video.plugins.module_utils.errors import (  # noqa: E402
    AuthenticationError, TransportError, ValidationError)
# pylint: enable=wrong-import-position

PROFILE = load_profile(None)
TABLES = [PROFILE.table(key) for key in ("nodes", "workflows", "jobs", "job_parameters", "alarms", "logs")]
V3 = {"snmp_version": "v3", "v3_user": "electra-v3", "v3_auth_key": "electra-auth-key", "v3_priv_key": "electra-priv-key"}
LOCAL = {"host": "127.0.0.1"}


def settings(**params):
    return SnmpSettings(dict(LOCAL, **params))


def client(sim, **params):
    """An SnmpClient for the simulator's agent (v2c ``public`` unless ``params`` say otherwise)."""
    options = {"host": "127.0.0.1", "snmp_port": sim.snmp_port, "snmp_timeout": 3.0, "snmp_retries": 0}
    options.update(params)
    return SnmpClient(SnmpSettings(options))


def refused(**params):
    with pytest.raises(ValidationError) as info:
        SnmpSettings(params)
    return str(info.value)


def iso(epoch):
    """The simulator's epoch seconds as the client reads the DateAndTime it serves (UTC, deci-seconds)."""
    moment = datetime.datetime.fromtimestamp(epoch, datetime.timezone.utc)
    text = moment.strftime("%Y-%m-%dT%H:%M:%S")
    deci = moment.microsecond // 100000
    return text + (".%d" % deci if deci else "") + "+00:00"


# ---------------------------------------------------------------------------------------------- settings
def test_settings_defaults():
    s = settings()
    assert (s.host, s.port, s.version, s.community, s.timeout, s.retries, s.max_repetitions) == (
        "127.0.0.1", 161, "v2c", "public", 2.0, 2, 25)
    assert (s.user, s.auth_protocol, s.auth_key, s.priv_protocol, s.priv_key) == (None, "sha", None, "aes", None)
    assert s.security_level == "v2c" and s.secrets() == ["public"]
    assert VERSIONS == ("v2c", "v3") and MAX_REPETITIONS == 200
    # empty strings mean "not given" (a module passes None or "")
    s = settings(host="  electra.example  ", snmp_version="", community="", snmp_port=1161, snmp_timeout="0.5",
                 snmp_retries=0, max_repetitions=200)
    assert (s.host, s.version, s.community, s.port, s.timeout, s.retries, s.max_repetitions) == (
        "electra.example", "v2c", "public", 1161, 0.5, 0, 200)


def test_settings_v3_levels_and_secrets():
    s = settings(**V3)
    assert s.security_level == "authPriv" and s.secrets() == ["public", "electra-auth-key", "electra-priv-key"]
    s = settings(snmp_version="v3", v3_user="u", v3_auth_key="auth-key-1", v3_auth_protocol="md5")
    assert s.security_level == "authNoPriv" and s.auth_protocol == "md5" and s.secrets() == ["public", "auth-key-1"]
    s = settings(snmp_version="v3", v3_user="u", community="site-community")
    assert s.security_level == "noAuthNoPriv" and s.secrets() == ["site-community"]
    assert set(AUTH_PROTOCOLS) == {"md5", "sha", "sha224", "sha256", "sha384", "sha512"}
    assert set(PRIV_PROTOCOLS) == {"des", "3des", "aes", "aes192", "aes256"}
    # v2c ignores the v3 options entirely (no validation of the keys)
    assert settings(v3_auth_key="short", v3_auth_protocol="nope").security_level == "v2c"


@pytest.mark.parametrize("params, message", [
    ({}, "host is required: the Electra XT's address (option host, or ELECTRA_HOST)"),
    ({"host": "   "}, "host is required: the Electra XT's address (option host, or ELECTRA_HOST)"),
    ({"host": "http://electra:80"}, "host: 'http://electra:80' is a URL; give the host name or address only (SNMP "
                                    "uses snmp_port, HTTP uses port and use_ssl)"),
    (dict(LOCAL, snmp_port=0), "snmp_port: 0 is not allowed; give an integer from 1 to 65535"),
    (dict(LOCAL, snmp_port=65536), "snmp_port: 65536 is not allowed; give an integer from 1 to 65535"),
    (dict(LOCAL, snmp_port="161"), "snmp_port: '161' is not allowed; give an integer from 1 to 65535"),
    (dict(LOCAL, snmp_port=True), "snmp_port: True is not allowed; give an integer from 1 to 65535"),
    (dict(LOCAL, snmp_version="v1"), "snmp_version: 'v1' is not allowed; choose v2c or v3"),
    (dict(LOCAL, snmp_timeout=0), "snmp_timeout: 0 is not allowed; give seconds greater than 0 and at most 600"),
    (dict(LOCAL, snmp_timeout=600.5), "snmp_timeout: 600.5 is not allowed; give seconds greater than 0 and at most 600"),
    (dict(LOCAL, snmp_timeout="soon"), "snmp_timeout: 'soon' is not allowed; give seconds greater than 0 and at most 600"),
    (dict(LOCAL, snmp_timeout=[1]), "snmp_timeout: [1] is not allowed; give seconds greater than 0 and at most 600"),
    (dict(LOCAL, snmp_timeout=True), "snmp_timeout: True is not allowed; give seconds greater than 0 and at most 600"),
    (dict(LOCAL, snmp_retries=-1), "snmp_retries: -1 is not allowed; give an integer from 0 to 10"),
    (dict(LOCAL, snmp_retries=11), "snmp_retries: 11 is not allowed; give an integer from 0 to 10"),
    (dict(LOCAL, max_repetitions=0), "max_repetitions: 0 is not allowed; give an integer from 1 to 200"),
    (dict(LOCAL, max_repetitions=201), "max_repetitions: 201 is not allowed; give an integer from 1 to 200"),
    (dict(LOCAL, max_repetitions=2.5), "max_repetitions: 2.5 is not allowed; give an integer from 1 to 200"),
    (dict(LOCAL, snmp_version="v3"), "snmp_version=v3 needs v3_user (and v3_auth_key, v3_priv_key for authPriv)"),
    (dict(LOCAL, snmp_version="v3", v3_user="u", v3_auth_protocol="sha1"),
     "v3_auth_protocol: 'sha1' is not allowed; choose from md5, sha, sha224, sha256, sha384, sha512"),
    (dict(LOCAL, snmp_version="v3", v3_user="u", v3_priv_protocol="aes128"),
     "v3_priv_protocol: 'aes128' is not allowed; choose from des, 3des, aes, aes192, aes256"),
    (dict(LOCAL, snmp_version="v3", v3_user="u", v3_priv_key="electra-priv-key"),
     "v3_priv_key needs v3_auth_key too (SNMPv3 has no privacy without authentication)"),
])
def test_settings_refused(params, message):
    assert refused(**params) == message


@pytest.mark.parametrize("option", ["v3_auth_key", "v3_priv_key"])
def test_short_v3_key_is_refused_without_echoing_it(option):
    params = dict(LOCAL, snmp_version="v3", v3_user="u", v3_auth_key="long-enough-1", v3_priv_key="long-enough-2")
    params[option] = "s3cr3t!"
    message = refused(**params)
    assert message == "%s: an SNMPv3 key has at least 8 characters (RFC 3414); this one is shorter" % option
    assert "s3cr3t" not in message


# ---------------------------------------------------------------------------------------------- values
@pytest.mark.parametrize("octets, expected", [
    (bytes([7, 234, 11, 21, 3, 29, 17, 2, ord("+"), 0, 0]), "2026-11-21T03:29:17.2+00:00"),
    (bytes([7, 234, 11, 21, 3, 29, 17, 0, ord("-"), 5, 30]), "2026-11-21T03:29:17-05:30"),
    (bytes([7, 234, 11, 21, 3, 29, 17, 9]), "2026-11-21T03:29:17.9"),
    (bytes([7, 234, 1, 2, 3, 4, 5, 0]), "2026-01-02T03:04:05"),
    (bytes([7, 234, 12, 31, 23, 59, 60, 0, ord("+"), 1, 0]), "2026-12-31T23:59:59+01:00"),  # leap second 60 -> 59
    (bytes([7, 234, 1, 2, 3, 4, 5, 0, ord("x"), 2, 0]), "2026-01-02T03:04:05+02:00"),  # a bad sign reads as +
    (bytes(8), None), (bytes(11), None),  # an unset date
    (bytes([7, 234, 1, 2, 3, 4, 5]), None), (b"", None), (bytes(12), None),  # wrong length
    (bytes([7, 234, 13, 2, 3, 4, 5, 0]), None), (bytes([7, 234, 2, 30, 3, 4, 5, 0]), None),  # no such date
    (bytes([7, 234, 1, 2, 24, 4, 5, 0]), None), (bytes([7, 234, 1, 2, 3, 4, 5, 10]), None),  # hour 24, 10 deci
])
def test_date_and_time(octets, expected):
    assert date_and_time(octets) == expected


ENUM = Column("status", 5, "enum", {1: "running", 2: "stopped"})


@pytest.mark.parametrize("value, kind, column, expected", [
    (rfc1902.OctetString("news-0001"), "string", None, "news-0001"),
    (rfc1902.OctetString("Zoé".encode("utf-8")), "string", None, "Zoé"),
    (rfc1902.OctetString(b"\xff\xfeok"), "string", None, "\ufffd\ufffdok"),
    (rfc1902.Integer32(-5), "integer", None, -5),
    (rfc1902.Counter32(4294967295), "counter", None, 4294967295),
    (rfc1902.Counter64(2 ** 40), "counter", None, 2 ** 40),
    (rfc1902.Gauge32(52000), "gauge", None, 52000),
    (rfc1902.TimeTicks(159235099), "timeticks", None, 1592350),
    (rfc1902.IpAddress("10.40.1.11"), "ip", None, "10.40.1.11"),
    (rfc1902.Integer32(2), "enum", ENUM, "stopped"),
    (rfc1902.Integer32(9), "enum", ENUM, 9),  # a number without a label stays a number
    (rfc1902.Integer32(2), "enum", None, 2),
    (rfc1902.Integer32(1), "bool", None, True),
    (rfc1902.Integer32(2), "bool", None, False),
    (rfc1902.OctetString(bytes([7, 234, 11, 21, 3, 29, 17, 2, ord("+"), 0, 0])), "datetime", None,
     "2026-11-21T03:29:17.2+00:00"),
    (rfc1902.OctetString(bytes(8)), "datetime", None, None),
    (rfc1902.ObjectIdentifier("1.3.6.1.2.1.25.2.1.4"), "oid", None, "1.3.6.1.2.1.25.2.1.4"),
])
def test_convert(value, kind, column, expected):
    assert convert(value, kind, column) == expected


@pytest.mark.parametrize("value, kind, error", [
    (rfc1902.OctetString("news-0001"), "ip", ValueError),
    (rfc1902.OctetString("x"), "integer", ValueError),
    (rfc1902.Integer32(1), "string", AttributeError),
    (rfc1902.Integer32(1), "blob", ValueError),
])
def test_convert_refuses(value, kind, error):
    with pytest.raises(error):
        convert(value, kind)


def test_convert_ip_reads_any_four_octets():
    # an IpAddress is four octets on the wire; four octets of text read as an address too (the type is the profile's)
    assert convert(rfc1902.OctetString("news"), "ip") == "110.101.119.115"


def test_convert_unknown_type_message():
    with pytest.raises(ValueError) as info:
        convert(rfc1902.Integer32(1), "blob")
    assert str(info.value) == "unknown type blob"


def test_stats():
    stats = SnmpStats()
    assert stats.as_dict() == {"requests": 0, "by_table": {}}
    for table in ("jobs", "system", "jobs"):
        stats.record(table)
    assert stats.as_dict() == {"requests": 3, "by_table": {"jobs": 2, "system": 1}}


def test_rows_index_parts_and_order():
    table = Table("job_parameters", (1, 3, 6, 9), ["job", "index"], [Column("name", 3, "string")])
    cells = {(2, 1): {"name": "b"}, (1, 2): {"name": "a2"}, (1, 1): {"name": "a1"}}
    assert _rows(table, cells) == [{"job": 1, "index": 1, "name": "a1"}, {"job": 1, "index": 2, "name": "a2"},
                                   {"job": 2, "index": 1, "name": "b"}]
    # a profile that describes the index with fewer parts than the agent uses: the last name takes the rest, dotted
    short = Table("job_parameters", (1, 3, 6, 9), ["job"], [Column("name", 3, "string")])
    assert _rows(short, {(2, 1): {"name": "b"}, (1, 12): {"name": "a"}}) == [
        {"job": "1.12", "name": "a"}, {"job": "2.1", "name": "b"}]
    two = Table("x", (1, 3, 6, 9), ["a", "b"], [Column("name", 3, "string")])
    assert _rows(two, {(4, 5, 6): {"name": "n"}}) == [{"a": 4, "b": "5.6", "name": "n"}]
    assert _rows(table, {}) == []


def test_rows_missing_column():
    table = Table("jobs", (1, 3, 6, 9), ["index"], [Column("name", 2, "string"), Column("priority", 11, "integer"),
                                                    Column("owner", 12, "string")])
    with pytest.raises(ValidationError) as info:
        _rows(table, {(1,): {"name": "a"}, (2,): {"name": "b"}})
    assert str(info.value) == ("SNMP: table jobs has 2 rows but no value under column priority (1.3.6.9.11): the agent "
                               "does not have this column; correct or remove profile tables.jobs.columns.priority")
    # one cell in any row is enough for a column
    assert _rows(table, {(1,): {"name": "a", "owner": "x"}, (2,): {"name": "b", "priority": 3}}) == [
        {"index": 1, "name": "a", "owner": "x"}, {"index": 2, "name": "b", "priority": 3}]


# ---------------------------------------------------------------------------------------------- errors and auth data
@pytest.mark.parametrize("indication, error, text", [
    (errind.UnknownUserName(), AuthenticationError, "the agent does not know v3_user 'electra-v3'"),
    (errind.WrongDigest(), AuthenticationError,
     "wrong v3_auth_key or v3_auth_protocol for v3_user 'electra-v3' (the agent reports wrongDigests)"),
    (errind.DecryptionError(), AuthenticationError,
     "wrong v3_priv_key or v3_priv_protocol for v3_user 'electra-v3' (the agent reports decryptionErrors)"),
    (errind.UnsupportedSecurityLevel(), AuthenticationError,
     "v3_user 'electra-v3' does not allow this security level (give or drop v3_priv_key / v3_auth_key as the agent's "
     "user is configured)"),
    (errind.NotInTimeWindow(), AuthenticationError,
     "the agent reports notInTimeWindows for v3_user 'electra-v3' (clock or engine boots mismatch)"),
    (errind.AuthenticationFailure(), AuthenticationError, "v3 authentication failed for v3_user 'electra-v3'"),
    (errind.UnknownEngineID(), AuthenticationError, "the agent reports unknownEngineIDs"),
])
def test_failure_usm_reports(indication, error, text):
    failure = SnmpClient(settings(snmp_port=1161, **V3)).failure(indication, "GETBULK of table jobs")
    assert isinstance(failure, error)
    assert str(failure) == "SNMPv3 127.0.0.1:1161 refused the request (GETBULK of table jobs): " + text
    assert "electra-auth-key" not in str(failure) and "electra-priv-key" not in str(failure)


def test_failure_timeouts_and_others():
    v2c = SnmpClient(settings(community="site-secret", snmp_timeout=0.5, snmp_retries=3))
    failure = v2c.failure(errind.RequestTimedOut(), "GET of the system objects")
    assert isinstance(failure, TransportError)
    assert str(failure) == (
        "SNMP v2c: no answer from 127.0.0.1:161 within 0.5 s x 4 attempts (GET of the system objects); the agent is "
        "unreachable, or it does not accept the community (a v2c agent does not answer a community it does not know): "
        "check host, snmp_port and community")
    v3 = SnmpClient(settings(snmp_retries=0, **V3))
    assert str(v3.failure(errind.RequestTimedOut(), "x")) == (
        "SNMP v3: no answer from 127.0.0.1:161 within 2.0 s x 1 attempts (x); the agent is unreachable or does not "
        "speak SNMPv3, or it drops requests of another security level than its user's (this one is authPriv: the "
        "keys given decide it): check host, snmp_port, snmp_version, and v3_auth_key/v3_priv_key against the user's "
        "configuration")
    other = v3.failure(errind.OidNotIncreasing(), "GETNEXT walk of table jobs")
    assert isinstance(other, TransportError) and not isinstance(other, AuthenticationError)
    assert str(other) == "SNMP 127.0.0.1:161: GETNEXT walk of table jobs failed: oidNotIncreasing"


def test_auth_data():
    hlapi = snmp.hlapi
    community = SnmpClient(settings(community="c0mmunity")).auth_data()
    assert isinstance(community, hlapi.CommunityData) and community.message_processing_model == 1
    assert community.communityName == "c0mmunity"
    auth_priv = SnmpClient(settings(v3_auth_protocol="sha512", v3_priv_protocol="aes256", **V3)).auth_data()
    assert isinstance(auth_priv, hlapi.UsmUserData) and auth_priv.userName == "electra-v3"
    assert auth_priv.authentication_protocol == hlapi.usmHMAC384SHA512AuthProtocol
    assert auth_priv.privacy_protocol == hlapi.usmAesCfb256Protocol
    auth_only = SnmpClient(settings(snmp_version="v3", v3_user="u", v3_auth_key="auth-key-1")).auth_data()
    assert auth_only.authentication_protocol == hlapi.usmHMACSHAAuthProtocol
    assert auth_only.privacy_protocol == hlapi.usmNoPrivProtocol
    none = SnmpClient(settings(snmp_version="v3", v3_user="u")).auth_data()
    assert none.authentication_protocol == hlapi.usmNoAuthProtocol and none.privacy_protocol == hlapi.usmNoPrivProtocol
    for name in list(AUTH_PROTOCOLS.values()) + list(PRIV_PROTOCOLS.values()):
        assert hasattr(hlapi, name), name


# ---------------------------------------------------------------------------------------------- the real agent: reads
def check_against_state(values, rows, state):
    """Every value read over SNMP is the simulator's state (what HTTP and /__sim__/state show)."""
    system = state["system"]
    assert values["description"] == system["descr"] and values["object_id"] == system["object_id"]
    assert (values["contact"], values["name"], values["location"]) == (system["contact"], system["name"],
                                                                       system["location"])
    assert abs(values["uptime_seconds"] - system["uptime_seconds"]) <= 5
    assert abs(datetime.datetime.fromisoformat(values["date_time"]).timestamp() - system["now"]) <= 5
    assert [(n["index"], n["name"], n["address"], n["role"], n["status"], n["capacity"], n["job_count"])
            for n in rows["nodes"]] == [(n["index"], n["name"], n["address"], n["role"], n["status"], n["capacity"],
                                         n["job_count"]) for n in state["nodes"]]
    assert all(0 <= n["cpu_load"] <= 100 for n in rows["nodes"])
    assert rows["workflows"] == [{k: w[k] for k in ("index", "name", "version", "category", "description")}
                                 for w in state["workflows"]]
    jobs = [{"index": j["id"], "name": j["name"], "workflow": j["workflow"], "node": j["node"], "status": j["status"],
             "alarm_state": j["alarmState"], "service_name": j["parameters"]["service_name"],
             "output_bitrate": j["parameters"]["output_bitrate"], "custom_label": j["parameters"]["custom_label"]}
            for j in state["jobs"]]
    assert [{k: v for k, v in row.items() if k != "uptime"} for row in rows["jobs"]] == jobs
    for row, job in zip(rows["jobs"], state["jobs"]):
        assert abs(row["uptime"] - job["uptimeSeconds"]) <= 5
    parameters = [{"job": j["id"], "index": position, "name": name, "value": str(value),
                   "writable": name in state["writable_parameters"]}
                  for j in state["jobs"] for position, (name, value) in enumerate(j["parameters"].items(), start=1)]
    assert rows["job_parameters"] == parameters
    assert rows["alarms"] == [{"index": a["index"], "severity": a["severity"], "source": a["source"], "text": a["text"],
                               "raised_at": iso(a["raised_at"]), "job": a["job"]} for a in state["alarms"]]
    assert rows["logs"] == [{"index": line["index"], "severity": line["severity"], "source": line["source"],
                             "text": line["text"], "time": iso(line["time"])} for line in state["logs"]]
    assert [(r["index"], r["description"], r["allocation_units"], r["size"], r["used"]) for r in rows["storage"]] == [
        (s["index"], s["descr"], s["allocation_units"], s["size"], s["used"]) for s in state["storage"]]
    assert {r["type"] for r in rows["storage"]} <= {"1.3.6.1.2.1.25.2.1.%d" % n for n in range(1, 11)}


def test_v2c_full_read(electra_sim):
    reader = client(electra_sim)
    values, rows = reader.read(SYSTEM_OBJECTS, [STORAGE_TABLE] + TABLES)
    check_against_state(values, rows, electra_sim.state())
    assert len(rows["jobs"]) == 12 and len(rows["nodes"]) == 3 and len(rows["job_parameters"]) == 72
    # one GET for the scalars and one GETBULK per table (each table fits one answer of 25 rows but job_parameters)
    assert reader.stats.as_dict() == {"requests": 10, "by_table": {
        "alarms": 1, "job_parameters": 3, "jobs": 1, "logs": 1, "nodes": 1, "storage": 1, "system": 1, "workflows": 1}}
    log = electra_sim.snmp_requests()
    assert len(log) == 10 and {e["auth"] for e in log} == {"community"}
    assert {e["query"]["version"] for e in log} == {"v2c"}
    (get,) = electra_sim.snmp_requests("SNMP-GET")
    assert get["path"] == "1.3.6.1.2.1.1.1.0" and get["query"]["varbinds"] == 7
    jobs = [e for e in log if e["path"] == "1.3.6.1.4.1.32473.1.4.1.1.2"]
    assert len(jobs) == 1 and jobs[0]["method"] == "SNMP-GETBULK"
    assert jobs[0]["query"]["varbinds"] == 9 and jobs[0]["query"]["max_repetitions"] == 25
    assert jobs[0]["query"]["non_repeaters"] == 0


def test_v3_auth_priv_full_read(electra_sim):
    reader = client(electra_sim, **V3)
    values, rows = reader.read(SYSTEM_OBJECTS, [STORAGE_TABLE] + TABLES)
    check_against_state(values, rows, electra_sim.state())
    log = electra_sim.snmp_requests()
    assert {e["auth"] for e in log} == {"usm"} and {e["query"]["version"] for e in log} == {"v3"}


def test_only_scalars_only_tables_and_nothing(electra_sim):
    values, rows = client(electra_sim).read({"name": SYSTEM_OBJECTS["name"]})
    assert values == {"name": "electra-xt-sim"} and rows == {}
    values, rows = client(electra_sim).read(None, [PROFILE.table("nodes")])
    assert values == {} and [n["name"] for n in rows["nodes"]] == ["xt-node-01", "xt-node-02", "xt-node-03"]
    reader = client(electra_sim)
    assert reader.read() == ({}, {}) and reader.stats.requests == 0


@pytest.mark.parametrize("auth, priv", [("md5", "des"), ("sha224", "3des"), ("sha256", "aes192"), ("sha384", "aes256"),
                                        ("sha512", "aes")])
def test_v3_protocols(electra_simulators, auth, priv):
    agent = electra_simulators("--v3-auth-protocol", auth, "--v3-priv-protocol", priv, "--jobs", "2")
    values, rows = client(agent, v3_auth_protocol=auth, v3_priv_protocol=priv, **V3).read(
        {"name": SYSTEM_OBJECTS["name"]}, [PROFILE.table("jobs")])
    assert values == {"name": "electra-xt-sim"} and len(rows["jobs"]) == 2
    # the same keys with another protocol pair: the agent's USM report, named
    other = "aes" if priv != "aes" else "des"
    with pytest.raises(AuthenticationError) as info:
        client(agent, v3_auth_protocol=auth, v3_priv_protocol=other, **V3).read({"name": SYSTEM_OBJECTS["name"]})
    assert "wrong v3_priv_key or v3_priv_protocol" in str(info.value)


def test_v3_auth_no_priv_and_no_auth_no_priv(electra_simulators, electra_sim):
    auth_only = electra_simulators("--v3-priv-protocol", "none", "--jobs", "2")
    reader = client(auth_only, snmp_version="v3", v3_user="electra-v3", v3_auth_key="electra-auth-key")
    assert reader.settings.security_level == "authNoPriv"
    assert len(reader.read(None, [PROFILE.table("jobs")])[1]["jobs"]) == 2
    with pytest.raises(TransportError) as info:  # authPriv asked of an authNoPriv user: the agent does not answer
        client(auth_only, snmp_timeout=0.2, **V3).read({"name": SYSTEM_OBJECTS["name"]})
    assert "no answer from" in str(info.value)
    with pytest.raises(AuthenticationError) as info:  # authNoPriv asked of the default authPriv user: a report
        client(electra_sim, snmp_version="v3", v3_user="electra-v3", v3_auth_key="electra-auth-key").read(
            {"name": SYSTEM_OBJECTS["name"]})
    assert str(info.value).endswith("v3_user 'electra-v3' does not allow this security level (give or drop "
                                    "v3_priv_key / v3_auth_key as the agent's user is configured)")
    open_user = electra_simulators("--v3-auth-protocol", "none", "--v3-priv-protocol", "none", "--jobs", "2")
    reader = client(open_user, snmp_version="v3", v3_user="electra-v3")
    assert reader.settings.security_level == "noAuthNoPriv"
    assert reader.read({"name": SYSTEM_OBJECTS["name"]})[0] == {"name": "electra-xt-sim"}


# ---------------------------------------------------------------------------------------------- round trips
def test_getbulk_round_trips_for_200_jobs(electra_simulators):
    agent = electra_simulators("--jobs", "200")
    agent.control("DELETE", "requests")
    reader = client(agent, max_repetitions=25)
    rows = reader.read(None, [PROFILE.table("jobs")])[1]["jobs"]
    assert [row["index"] for row in rows] == list(range(1, 201))
    # 8 answers of 25 rows, and a 9th that leaves the table (200 = 8 x 25, so the end shows one answer later)
    assert reader.stats.as_dict() == {"requests": 9, "by_table": {"jobs": 9}}
    log = agent.snmp_requests()
    assert [e["method"] for e in log] == ["SNMP-GETBULK"] * 9
    assert [e["query"]["answered"] for e in log] == [225] * 9
    assert {(e["query"]["varbinds"], e["query"]["max_repetitions"]) for e in log} == {(9, 25)}


def test_walk_is_one_round_trip_per_cell_and_reads_the_same(electra_sim):
    bulk = client(electra_sim, max_repetitions=5)
    tables = [PROFILE.table("jobs"), PROFILE.table("logs")]
    by_bulk = bulk.read(None, tables)[1]
    # 12 jobs, 5 rows per answer: 3 GETBULK; logs: its last column runs into endOfMibView
    assert bulk.stats.by_table["jobs"] == 3
    electra_sim.control("DELETE", "requests")
    walk = client(electra_sim)
    by_walk = walk.read(None, tables, bulk=False)[1]
    for rows in (by_bulk, by_walk):
        for row in rows["jobs"]:
            row.pop("uptime")
    assert by_walk == by_bulk
    logs = len(by_walk["logs"])
    # one GETNEXT per cell, plus one per column to see it end
    assert walk.stats.as_dict() == {"requests": 9 * 13 + 4 * (logs + 1), "by_table": {"jobs": 117, "logs": 4 * (logs + 1)}}
    assert {e["method"] for e in electra_sim.snmp_requests()} == {"SNMP-GETNEXT"}


def test_max_repetitions_1_reads_everything(electra_sim):
    reader = client(electra_sim, max_repetitions=1)
    values, rows = reader.read(SYSTEM_OBJECTS, [STORAGE_TABLE] + TABLES)
    check_against_state(values, rows, electra_sim.state())
    assert reader.stats.by_table["jobs"] == 13 and reader.stats.by_table["job_parameters"] == 73
    assert {e["query"]["max_repetitions"] for e in electra_sim.snmp_requests("SNMP-GETBULK")} == {1}


def test_answers_cut_by_the_agent_message_size(electra_sim):
    """Alarm texts of 2,000 characters: 200 repetitions of 5 columns do not fit one SNMP message, so the agent cuts
    the answer at whole rows and the client goes on from where each column stopped."""
    texts = ["alarm %03d " % n + "x" * 2000 for n in range(40)]
    for text in texts:
        electra_sim.insert("alarms", {"severity": "minor", "text": text})
    electra_sim.control("DELETE", "requests")
    reader = client(electra_sim, max_repetitions=200)
    rows = reader.read(None, [PROFILE.table("alarms")])[1]["alarms"]
    assert [row["text"] for row in rows][-40:] == texts
    # 45 rows would fit 200 repetitions, but not one message: the first answer stops short, at a whole row
    log = electra_sim.snmp_requests("SNMP-GETBULK")
    assert len(log) == reader.stats.requests == 2
    assert log[0]["query"]["answered"] < 5 * len(rows) and log[0]["query"]["answered"] % 5 == 0


# ---------------------------------------------------------------------------------------------- the real agent: errors
def test_wrong_community_times_out_without_naming_it(electra_sim):
    reader = client(electra_sim, community="site-secret-community", snmp_timeout=0.2, snmp_retries=0)
    with pytest.raises(TransportError) as info:
        reader.read(SYSTEM_OBJECTS, [PROFILE.table("jobs")])
    message = str(info.value)
    assert message == (
        "SNMP v2c: no answer from 127.0.0.1:%d within 0.2 s x 1 attempts (GET of the system objects); the agent is "
        "unreachable, or it does not accept the community (a v2c agent does not answer a community it does not know): "
        "check host, snmp_port and community" % electra_sim.snmp_port)
    assert "site-secret" not in message
    assert electra_sim.snmp_requests() == []  # the agent dropped the PDUs unprocessed
    with pytest.raises(TransportError) as info:
        client(electra_sim, community="wrong", snmp_timeout=0.2).read(None, [PROFILE.table("jobs")])
    assert "(GETBULK of table jobs)" in str(info.value)


def test_unreachable_port(electra_sim):
    with pytest.raises(TransportError) as info:
        client(electra_sim, snmp_port=9, snmp_timeout=0.2, snmp_retries=1).read(SYSTEM_OBJECTS)
    assert str(info.value).startswith("SNMP v2c: no answer from 127.0.0.1:9 within 0.2 s x 2 attempts (GET of the "
                                      "system objects); the agent is unreachable")
    with pytest.raises(TransportError) as info:
        client(electra_sim, snmp_port=9, snmp_timeout=0.2, **V3).read(SYSTEM_OBJECTS)
    assert str(info.value).endswith("the agent is unreachable or does not speak SNMPv3, or it drops requests of "
                                    "another security level than its user's (this one is authPriv: the keys given "
                                    "decide it): check host, snmp_port, snmp_version, and v3_auth_key/v3_priv_key "
                                    "against the user's configuration")


def test_socket_error_is_a_transport_error(electra_sim, monkeypatch):
    async def refuse(*args, **kwargs):
        raise OSError(errno.ENETUNREACH, "Network is unreachable")
    monkeypatch.setattr(snmp.hlapi.UdpTransportTarget, "create", refuse)
    with pytest.raises(TransportError) as info:
        client(electra_sim).read(SYSTEM_OBJECTS)
    assert str(info.value) == "SNMP: cannot reach 127.0.0.1:%d over UDP: Network is unreachable" % electra_sim.snmp_port


def test_unresolvable_host_is_a_transport_error(electra_sim):
    # "127.0.0.1/" passes as an HTTP host (the trailing slash is dropped there); pysnmp cannot resolve it
    for host in ("no-such-host.invalid", "127.0.0.1/"):
        with pytest.raises(TransportError) as info:
            client(electra_sim, host=host).read(SYSTEM_OBJECTS)
        assert str(info.value).startswith("SNMP: cannot reach %s:%d over UDP: " % (host, electra_sim.snmp_port))
        assert "Name or service not known" in str(info.value) or "resol" in str(info.value)


@pytest.mark.parametrize("user, auth, priv, text", [
    ("someone", "electra-auth-key", "electra-priv-key", "the agent does not know v3_user 'someone'"),
    ("electra-v3", "wrong-auth-key", "electra-priv-key", "wrong v3_auth_key or v3_auth_protocol for v3_user "
                                                         "'electra-v3' (the agent reports wrongDigests)"),
    ("electra-v3", "electra-auth-key", "wrong-priv-key", "wrong v3_priv_key or v3_priv_protocol for v3_user "
                                                         "'electra-v3' (the agent reports decryptionErrors)"),
])
def test_usm_errors(electra_sim, user, auth, priv, text):
    reader = client(electra_sim, snmp_version="v3", v3_user=user, v3_auth_key=auth, v3_priv_key=priv)
    with pytest.raises(AuthenticationError) as info:
        reader.read(SYSTEM_OBJECTS, TABLES)
    message = str(info.value)
    assert message == "SNMPv3 127.0.0.1:%d refused the request (GET of the system objects): %s" % (
        electra_sim.snmp_port, text)
    assert auth not in message and priv not in message


def test_profile_column_the_agent_lacks(electra_sim):
    document = copy.deepcopy(DEFAULT_PROFILE)
    document["tables"]["jobs"]["columns"]["priority"] = {"id": 11, "type": "integer"}
    reader = client(electra_sim)
    with pytest.raises(ValidationError) as info:
        reader.read(None, [build_profile(document).table("jobs")])
    assert str(info.value) == (
        "SNMP: table jobs has 12 rows but no value under column priority (1.3.6.1.4.1.32473.1.4.1.1.11): the agent "
        "does not have this column; correct or remove profile tables.jobs.columns.priority")
    # the same column, walked
    with pytest.raises(ValidationError) as info:
        client(electra_sim).read(None, [build_profile(document).table("jobs")], bulk=False)
    assert "no value under column priority" in str(info.value)


def test_table_the_agent_lacks_reads_empty(electra_sim):
    table = build_profile({"tables": {"jobs": {"entry": "1.3.6.1.4.1.32473.1.9.1.1", "columns": {
        "name": {"id": 2, "type": "string"}}}}}).table("jobs")
    assert client(electra_sim).read(None, [table])[1] == {"jobs": []}
    electra_sim.control("POST", "reset", {"empty": True})
    rows = client(electra_sim).read(None, [PROFILE.table("jobs"), PROFILE.table("nodes")])[1]
    assert rows["jobs"] == [] and len(rows["nodes"]) == 3


def test_scalar_the_agent_lacks(electra_sim, monkeypatch):
    monkeypatch.setitem(SYSTEM_OBJECTS, "contact", ((1, 3, 6, 1, 2, 1, 1, 8, 0), "string"))
    with pytest.raises(ValidationError) as info:
        client(electra_sim).read(SYSTEM_OBJECTS)
    assert str(info.value) == ("SNMP: the agent has no contact (1.3.6.1.2.1.1.8.0 answered NoSuchObject); it does not "
                               "implement the standard object this reads")
    with pytest.raises(ValidationError) as info:
        client(electra_sim).read({"x": ((1, 3, 6, 1, 2, 1, 1, 5, 1), "string")})
    assert str(info.value).startswith("SNMP: the agent has no x (1.3.6.1.2.1.1.5.1 answered NoSuchInstance)")


def test_type_mismatch_names_the_column(electra_sim):
    document = copy.deepcopy(DEFAULT_PROFILE)
    document["tables"]["nodes"]["columns"]["name"]["type"] = "ip"
    with pytest.raises(ValidationError) as info:
        client(electra_sim).read(None, [build_profile(document).table("nodes")])
    assert str(info.value) == ("SNMP: profile tables.nodes.columns.name (1.3.6.1.4.1.32473.1.2.1.1.2.1) answered "
                               "OctetString, which does not read as ip; correct the type in the profile")
    document = copy.deepcopy(DEFAULT_PROFILE)
    document["tables"]["jobs"]["columns"]["name"]["type"] = "integer"
    with pytest.raises(ValidationError) as info:
        client(electra_sim).read(None, [build_profile(document).table("jobs")], bulk=False)
    assert "tables.jobs.columns.name (1.3.6.1.4.1.32473.1.4.1.1.2.1) answered OctetString, which does not read as " \
           "integer" in str(info.value)
    with pytest.raises(ValidationError) as info:
        client(electra_sim).read({"name": ((1, 3, 6, 1, 2, 1, 1, 5, 0), "timeticks")})
    assert str(info.value) == ("SNMP: name (1.3.6.1.2.1.1.5.0) answered OctetString, which does not read as timeticks; "
                               "correct the type in the profile")


def test_gen_err_and_dropped_pdus(electra_sim):
    electra_sim.fault(methods=["SNMP-GETBULK"], path_prefix="1.3.6.1.4.1.32473.1.4", status=500)
    reader = client(electra_sim)
    with pytest.raises(TransportError) as info:
        reader.read(SYSTEM_OBJECTS, [PROFILE.table("nodes"), PROFILE.table("jobs")])
    assert str(info.value) == ("SNMP 127.0.0.1:%d answered genErr to GETBULK of table jobs (error index 1)"
                               % electra_sim.snmp_port)
    electra_sim.fault(methods=["SNMP-GETBULK"], path_prefix="1.3.6.1.4.1.32473.1.2", drop=True)
    with pytest.raises(TransportError) as info:
        client(electra_sim, snmp_timeout=0.3).read(None, [PROFILE.table("nodes")])
    assert "no answer from 127.0.0.1:%d within 0.3 s x 1 attempts (GETBULK of table nodes)" % electra_sim.snmp_port \
        in str(info.value)


# ---------------------------------------------------------------------------------------------- scripted answers
TWO = Table("jobs", (1, 3, 6, 1, 4, 1, 9, 1), ["index"], [Column("name", 2, "string"), Column("label", 3, "string")])
PREFIX = "1.3.6.1.4.1.9.1"


def script(monkeypatch, answers):
    """Replace the wire: each request gets the next answer of ``answers`` (``[(oid text, value)]``); returns the
    request descriptions."""
    asked = []

    async def send(self, command, table, what, *args):
        self.client.stats.record(table)
        asked.append(what)
        return [(rfc1902.ObjectName(oid), value) for oid, value in answers.pop(0)]
    monkeypatch.setattr(snmp._Session, "_send", send)  # pylint: disable=protected-access
    return asked


def s(text):
    return rfc1902.OctetString(text)


def test_bulk_answer_cut_inside_a_row(monkeypatch):
    asked = script(monkeypatch, [
        [(PREFIX + ".2.1", s("a")), (PREFIX + ".3.1", s("b")), (PREFIX + ".2.2", s("c"))],  # 1.5 rows
        [(PREFIX + ".2.3", s("e")), (PREFIX + ".3.2", s("d")), (PREFIX + ".4.1", s("next table"))],
        [(PREFIX + ".3.3", s("f")), (PREFIX + ".4.1", s("next table"))],  # only label is still going
    ])
    reader = SnmpClient(settings(snmp_port=1161))
    rows = reader.read(None, [TWO])[1]["jobs"]
    assert rows == [{"index": 1, "name": "a", "label": "b"}, {"index": 2, "name": "c", "label": "d"},
                    {"index": 3, "name": "e", "label": "f"}]
    assert asked == ["GETBULK of table jobs"] * 3 and reader.stats.requests == 3


def test_bulk_empty_and_repeated_answers_end_the_table(monkeypatch):
    script(monkeypatch, [[]])
    assert SnmpClient(settings()).read(None, [TWO])[1] == {"jobs": []}
    # an agent that answers the same OIDs again does not make the client loop
    script(monkeypatch, [
        [(PREFIX + ".2.1", s("a")), (PREFIX + ".3.1", s("b"))],
        [(PREFIX + ".2.1", s("a")), (PREFIX + ".3.1", s("b"))],
    ])
    assert SnmpClient(settings()).read(None, [TWO])[1] == {"jobs": [{"index": 1, "name": "a", "label": "b"}]}
    script(monkeypatch, [[(PREFIX + ".2.1", s("a")), (PREFIX + ".3", rfc1905.endOfMibView)],
                         [(PREFIX + ".3.1", s("b"))]])  # only name goes on, and leaves its column
    with pytest.raises(ValidationError) as info:
        SnmpClient(settings()).read(None, [TWO])
    assert "no value under column label" in str(info.value)


def test_walk_empty_and_repeated_answers(monkeypatch):
    asked = script(monkeypatch, [
        [(PREFIX + ".2.1", s("a"))], [],  # name: one row, then an empty answer
        [(PREFIX + ".3.1", s("b"))], [(PREFIX + ".3.1", s("b"))],  # label: one row, then the same OID again
    ])
    reader = SnmpClient(settings())
    assert reader.read(None, [TWO], bulk=False)[1] == {"jobs": [{"index": 1, "name": "a", "label": "b"}]}
    assert asked == ["GETNEXT walk of table jobs"] * 4


def test_one_failing_table_fails_the_read(monkeypatch):
    async def send(self, command, table, what, *args):
        if table == "logs":
            raise TransportError("logs failed")
        return [(rfc1902.ObjectName(PREFIX + ".9"), s("outside"))] if table != "system" else [
            (rfc1902.ObjectName("1.3.6.1.2.1.1.5.0"), s("n"))]
    monkeypatch.setattr(snmp._Session, "_send", send)  # pylint: disable=protected-access
    with pytest.raises(TransportError) as info:
        SnmpClient(settings()).read({"name": SYSTEM_OBJECTS["name"]}, [TWO, PROFILE.table("logs")])
    assert str(info.value) == "logs failed"
