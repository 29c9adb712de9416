# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""SNMP reads for Electra XT, on pysnmp's asyncio API: v2c with a community, or v3 USM (authPriv, authNoPriv or
noAuthNoPriv, from the keys given).

Confirmed (Skyline's DataMiner Electra XT connector documentation): SNMP on UDP 161 with get community ``public``
(set community ``private``; this client never sets: job control goes through the HTTP interface). Everything else
about Electra's OIDs is in the OID profile (:mod:`.profile`).

One :meth:`SnmpClient.read` runs one event loop with one SNMP engine (one v3 engine-id discovery) for all the
scalars and tables a run needs: the scalars in one GET, every table at once, each table with GETBULK over all its
columns (``max_repetitions`` rows of every column per answer), rows assembled by index. A GETNEXT walk of the same
table (``bulk=False``) is what the benchmark compares against.
"""

from __future__ import annotations

import asyncio
import datetime
import threading
import traceback
from typing import Any, Dict, List, Mapping, Optional, Sequence, Set, Tuple

from ..errors import AuthenticationError, BroadcastError, TransportError, ValidationError
from .profile import OID, Column, Table, oid_text

PYSNMP_IMPORT_ERROR: Optional[str]
try:
    from pysnmp.error import PySnmpError
    from pysnmp.hlapi.v3arch import asyncio as hlapi
    PYSNMP_IMPORT_ERROR = None
except ImportError:  # pragma: no cover - modules check this first (missing_required_lib)
    hlapi = None
    PySnmpError = OSError
    PYSNMP_IMPORT_ERROR = traceback.format_exc()

#: v3 auth protocol option value -> pysnmp protocol attribute name (RFC 3414, RFC 7860).
AUTH_PROTOCOLS: Dict[str, str] = {
    "md5": "usmHMACMD5AuthProtocol", "sha": "usmHMACSHAAuthProtocol", "sha224": "usmHMAC128SHA224AuthProtocol",
    "sha256": "usmHMAC192SHA256AuthProtocol", "sha384": "usmHMAC256SHA384AuthProtocol",
    "sha512": "usmHMAC384SHA512AuthProtocol"}
#: v3 privacy protocol option value -> pysnmp protocol attribute name (RFC 3414, RFC 3826, draft-blumenthal AES-192/256).
PRIV_PROTOCOLS: Dict[str, str] = {
    "des": "usmDESPrivProtocol", "3des": "usm3DESEDEPrivProtocol", "aes": "usmAesCfb128Protocol",
    "aes192": "usmAesCfb192Protocol", "aes256": "usmAesCfb256Protocol"}
VERSIONS = ("v2c", "v3")
#: Largest ``max_repetitions`` accepted (an agent answers tooBig, or fewer rows, when the answer does not fit).
MAX_REPETITIONS = 200
_EXCEPTION_VALUES = ("NoSuchObject", "NoSuchInstance", "EndOfMibView")
#: USM error indications (RFC 3414 usmStats reports) -> what the user should check.
_USM_ERRORS = {
    "UnknownUserName": "the agent does not know v3_user %(user)r",
    "WrongDigest": "wrong v3_auth_key or v3_auth_protocol for v3_user %(user)r (the agent reports wrongDigests)",
    "DecryptionError": "wrong v3_priv_key or v3_priv_protocol for v3_user %(user)r (the agent reports decryptionErrors)",
    "UnsupportedSecurityLevel": "v3_user %(user)r does not allow this security level (give or drop v3_priv_key / "
                                "v3_auth_key as the agent's user is configured)",
    "NotInTimeWindow": "the agent reports notInTimeWindows for v3_user %(user)r (clock or engine boots mismatch)",
    "AuthenticationFailure": "v3 authentication failed for v3_user %(user)r",
    "UnknownEngineID": "the agent reports unknownEngineIDs",
}


class SnmpSettings:
    """The SNMP connection options, validated.

    :param params: module options: ``host``, ``snmp_port`` (UDP, default 161), ``snmp_version`` (``v2c`` | ``v3``),
        ``community``; ``v3_user``, ``v3_auth_protocol``, ``v3_auth_key``, ``v3_priv_protocol``, ``v3_priv_key``;
        ``snmp_timeout`` (seconds per attempt), ``snmp_retries`` (attempts after the first), ``max_repetitions``
        (rows per GETBULK answer).
    :raises ValidationError: naming the option and what is allowed (secrets are never echoed).
    """

    def __init__(self, params: Mapping[str, Any]) -> None:
        self.host = str(params.get("host") or "").strip()
        if not self.host:
            raise ValidationError("host is required: the Electra XT's address (option host, or ELECTRA_HOST)")
        if "://" in self.host:
            raise ValidationError("host: %r is a URL; give the host name or address only (SNMP uses snmp_port, "
                                  "HTTP uses port and use_ssl)" % self.host)
        self.port = _int(params, "snmp_port", 161, 1, 65535)
        self.version = params.get("snmp_version") or "v2c"
        if self.version not in VERSIONS:
            raise ValidationError("snmp_version: %r is not allowed; choose v2c or v3" % self.version)
        self.community = params.get("community") or "public"
        self.timeout = _float(params, "snmp_timeout", 2.0)
        self.retries = _int(params, "snmp_retries", 2, 0, 10)
        self.max_repetitions = _int(params, "max_repetitions", 25, 1, MAX_REPETITIONS)
        self.user = params.get("v3_user")
        self.auth_protocol = params.get("v3_auth_protocol") or "sha"
        self.auth_key = params.get("v3_auth_key")
        self.priv_protocol = params.get("v3_priv_protocol") or "aes"
        self.priv_key = params.get("v3_priv_key")
        if self.version == "v3":
            if not self.user:
                raise ValidationError("snmp_version=v3 needs v3_user (and v3_auth_key, v3_priv_key for authPriv)")
            if self.auth_protocol not in AUTH_PROTOCOLS:
                raise ValidationError("v3_auth_protocol: %r is not allowed; choose from %s" % (
                    self.auth_protocol, ", ".join(AUTH_PROTOCOLS)))
            if self.priv_protocol not in PRIV_PROTOCOLS:
                raise ValidationError("v3_priv_protocol: %r is not allowed; choose from %s" % (
                    self.priv_protocol, ", ".join(PRIV_PROTOCOLS)))
            for option in ("v3_auth_key", "v3_priv_key"):
                key = params.get(option)
                if key is not None and len(str(key)) < 8:
                    raise ValidationError("%s: an SNMPv3 key has at least 8 characters (RFC 3414); this one is shorter"
                                          % option)
            if self.priv_key and not self.auth_key:
                raise ValidationError("v3_priv_key needs v3_auth_key too (SNMPv3 has no privacy without authentication)")

    @property
    def security_level(self) -> str:
        """``v2c``, or the v3 level: ``authPriv``, ``authNoPriv`` or ``noAuthNoPriv``."""
        if self.version == "v2c":
            return "v2c"
        return "authPriv" if self.priv_key else "authNoPriv" if self.auth_key else "noAuthNoPriv"

    def secrets(self) -> List[str]:
        """The community and the v3 keys, masked in every message."""
        return [str(s) for s in (self.community, self.auth_key, self.priv_key) if s]


def _int(params: Mapping[str, Any], option: str, default: int, low: int, high: int) -> int:
    value = params.get(option)
    value = default if value is None else value
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValidationError("%s: %r is not allowed; give an integer from %d to %d" % (option, value, low, high))
    return value


def _float(params: Mapping[str, Any], option: str, default: float) -> float:
    value = params.get(option)
    value = default if value is None else value
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = -1.0
    if isinstance(value, bool) or not 0 < number <= 600:
        raise ValidationError("%s: %r is not allowed; give seconds greater than 0 and at most 600" % (option, value))
    return number


# ---------------------------------------------------------------------------------------------- values

def date_and_time(octets: bytes) -> Optional[str]:
    """RFC 2579 DateAndTime (8 or 11 octets) -> ISO 8601 (``2026-11-21T03:29:17.2+00:00``); None when malformed or
    all zero (an unset date)."""
    if len(octets) not in (8, 11) or not any(octets):
        return None
    year = octets[0] * 256 + octets[1]
    try:
        stamp = datetime.datetime(year, octets[2], octets[3], octets[4], octets[5], min(octets[6], 59),
                                  octets[7] * 100000)
    except ValueError:
        return None
    text = stamp.isoformat(timespec="milliseconds")[:-2] if octets[7] else stamp.isoformat(timespec="seconds")
    if len(octets) == 11:
        sign = chr(octets[8]) if chr(octets[8]) in "+-" else "+"
        text += "%s%02d:%02d" % (sign, octets[9], octets[10])
    return text


def convert(value: Any, kind: str, column: Optional[Column] = None) -> Any:
    """One SNMP value as a fact, by profile column type (see :data:`.profile.COLUMN_TYPES`).

    :returns: str, int, bool, None (an unset DateAndTime); ``timeticks`` in whole seconds; an enum number without a
        label stays an int.
    :raises ValueError: the value does not read as ``kind`` (the caller names the column and OID).
    """
    if kind == "string":
        return bytes(value.asOctets()).decode("utf-8", "replace")
    if kind in ("integer", "counter", "gauge"):
        return int(value)
    if kind == "timeticks":
        return int(value) // 100
    if kind == "ip":
        octets = bytes(value.asOctets())
        if len(octets) != 4:
            raise ValueError("not an IpAddress")
        return ".".join(str(octet) for octet in octets)
    if kind == "enum":
        number = int(value)
        return column.values.get(number, number) if column is not None else number
    if kind == "bool":
        return int(value) == 1
    if kind == "datetime":
        return date_and_time(bytes(value.asOctets()))
    if kind == "oid":
        return oid_text(tuple(value))
    raise ValueError("unknown type %s" % kind)


def _is_exception(value: Any) -> bool:
    return type(value).__name__ in _EXCEPTION_VALUES


class SnmpStats:
    """Round trips of one client: ``requests`` in all, and by table key (``system`` for the scalars)."""

    def __init__(self) -> None:
        self.requests = 0
        self.by_table: Dict[str, int] = {}
        self._lock = threading.Lock()

    def record(self, table: str) -> None:
        with self._lock:
            self.requests += 1
            self.by_table[table] = self.by_table.get(table, 0) + 1

    def as_dict(self) -> Dict[str, Any]:
        """``{requests, by_table: {key: round trips}}``."""
        return {"requests": self.requests, "by_table": dict(sorted(self.by_table.items()))}


class SnmpClient:
    """Reads scalars and tables from one agent.

    :param settings: the validated :class:`SnmpSettings`.
    """

    def __init__(self, settings: SnmpSettings) -> None:
        if PYSNMP_IMPORT_ERROR is not None:  # pragma: no cover - modules check this first
            raise TransportError("the Python library 'pysnmp' (7.x) is required for SNMP but not installed")
        self.settings = settings
        self.stats = SnmpStats()

    # ------------------------------------------------------------------ public API
    def read(self, scalars: Optional[Mapping[str, Tuple[OID, str]]] = None, tables: Sequence[Table] = (),
             bulk: bool = True) -> Tuple[Dict[str, Any], Dict[str, List[Dict[str, Any]]]]:
        """Read ``scalars`` with one GET and every table of ``tables`` concurrently, in one SNMP session.

        :param scalars: ``{fact name: (OID, column type)}``.
        :param tables: the tables; each is read with GETBULK (``bulk``) or walked with GETNEXT, one column at a time
            (``bulk=False``, the benchmark's baseline).
        :returns: ``({fact name: value}, {table key: rows})``; a row is ``{index name: int, ..., column name: value}``
            for every column the agent answered, rows in index order.
        :raises TransportError: no answer (timeout: unreachable agent, or a v2c community it does not accept).
        :raises AuthenticationError: a v3 USM report (unknown user, wrong keys).
        :raises ValidationError: a scalar the agent does not have (``noSuchObject``), a value that does not read as
            the profile says, a column missing from a table that has rows.
        """
        return asyncio.run(self._read(dict(scalars or {}), list(tables), bulk))

    # ------------------------------------------------------------------ internals
    async def _read(self, scalars: Dict[str, Tuple[OID, str]], tables: List[Table],
                    bulk: bool) -> Tuple[Dict[str, Any], Dict[str, List[Dict[str, Any]]]]:
        engine = hlapi.SnmpEngine()
        try:
            target = await hlapi.UdpTransportTarget.create((self.settings.host, self.settings.port),
                                                           timeout=self.settings.timeout, retries=self.settings.retries)
            session = _Session(self, engine, target)
            jobs: List[Any] = []
            if scalars:
                jobs.append(session.get(scalars))
            for table in tables:
                jobs.append(session.table(table) if bulk else session.walk(table))
            results = await asyncio.gather(*jobs, return_exceptions=True)
        except (OSError, PySnmpError) as exc:  # PySnmpError: a host name pysnmp cannot resolve
            raise TransportError("SNMP: cannot reach %s:%d over UDP: %s" % (
                self.settings.host, self.settings.port, getattr(exc, "strerror", None) or exc)) from None
        finally:
            engine.close_dispatcher()
        for outcome in results:
            if isinstance(outcome, BaseException):
                raise outcome
        answers: List[Any] = list(results)
        values: Dict[str, Any] = answers.pop(0) if scalars else {}
        return values, {table.key: rows for table, rows in zip(tables, answers)}

    def auth_data(self) -> Any:
        """pysnmp's CommunityData or UsmUserData for the settings."""
        settings = self.settings
        if settings.version == "v2c":
            return hlapi.CommunityData(settings.community, mpModel=1)
        auth = getattr(hlapi, AUTH_PROTOCOLS[settings.auth_protocol]) if settings.auth_key else hlapi.usmNoAuthProtocol
        priv = getattr(hlapi, PRIV_PROTOCOLS[settings.priv_protocol]) if settings.priv_key else hlapi.usmNoPrivProtocol
        return hlapi.UsmUserData(settings.user, authKey=settings.auth_key or None, privKey=settings.priv_key or None,
                                 authProtocol=auth, privProtocol=priv)

    def failure(self, indication: Any, what: str) -> BroadcastError:
        """The error for a pysnmp error indication (no secret in the text)."""
        settings = self.settings
        name = type(indication).__name__
        where = "%s:%d" % (settings.host, settings.port)
        if name == "RequestTimedOut":
            attempts = settings.retries + 1
            if settings.version == "v2c":
                cause = "the agent is unreachable, or it does not accept the community (a v2c agent does not answer " \
                        "a community it does not know): check host, snmp_port and community"
            else:
                cause = "the agent is unreachable or does not speak SNMPv3, or it drops requests of another security " \
                        "level than its user's (this one is %s: the keys given decide it): check host, snmp_port, " \
                        "snmp_version, and v3_auth_key/v3_priv_key against the user's configuration" % settings.security_level
            return TransportError("SNMP %s: no answer from %s within %.1f s x %d attempts (%s); %s" % (
                settings.version, where, settings.timeout, attempts, what, cause))
        if name in _USM_ERRORS:
            return AuthenticationError("SNMPv3 %s refused the request (%s): %s" % (
                where, what, _USM_ERRORS[name] % {"user": settings.user}))
        return TransportError("SNMP %s: %s failed: %s" % (where, what, indication))


class _Session:
    """One event loop's worth of requests for :class:`SnmpClient` (shared engine, target and credentials)."""

    def __init__(self, client: SnmpClient, engine: Any, target: Any) -> None:
        self.client = client
        self.engine = engine
        self.target = target
        self.auth = client.auth_data()
        self.context = hlapi.ContextData()

    async def _send(self, command: Any, table: str, what: str, *args: Any) -> Sequence[Any]:
        self.client.stats.record(table)
        indication, status, index, var_binds = await command(self.engine, self.auth, self.target, self.context, *args,
                                                             lookupMib=False)
        if indication:
            raise self.client.failure(indication, what)
        if status:
            raise TransportError("SNMP %s:%d answered %s to %s (error index %s)" % (
                self.client.settings.host, self.client.settings.port, status.prettyPrint()
                if hasattr(status, "prettyPrint") else status, what, index))
        return list(var_binds)

    async def get(self, scalars: Dict[str, Tuple[OID, str]]) -> Dict[str, Any]:
        names = list(scalars)
        var_binds = await self._send(hlapi.get_cmd, "system", "GET of the system objects",
                                     *[hlapi.ObjectType(hlapi.ObjectIdentity(oid_text(scalars[n][0]))) for n in names])
        values: Dict[str, Any] = {}
        for name, (oid, value) in zip(names, var_binds):
            kind = scalars[name][1]
            if _is_exception(value):
                raise ValidationError("SNMP: the agent has no %s (%s answered %s); it does not implement the standard "
                                      "object this reads" % (name, oid_text(tuple(oid)), type(value).__name__))
            values[name] = _converted(value, kind, None, "%s (%s)" % (name, oid_text(tuple(oid))))
        return values

    async def table(self, table: Table) -> List[Dict[str, Any]]:
        """GETBULK over every column at once until each column leaves its prefix."""
        settings = self.client.settings
        cursors: Dict[int, OID] = {column.id: table.column_oid(column) for column in table.columns}
        active = list(table.columns)
        cells: Dict[Tuple[int, ...], Dict[str, Any]] = {}
        while active:
            var_binds = await self._send(
                hlapi.bulk_cmd, table.key, "GETBULK of table %s" % table.key, 0, settings.max_repetitions,
                *[hlapi.ObjectType(hlapi.ObjectIdentity(oid_text(cursors[column.id]))) for column in active])
            if not var_binds:
                break
            done = set()
            width = len(active)
            for position, (name, value) in enumerate(var_binds):
                column = active[position % width]
                if column.id in done:
                    continue
                oid = tuple(name)
                prefix = table.column_oid(column)
                if _is_exception(value) or oid[:len(prefix)] != prefix or oid <= cursors[column.id]:
                    done.add(column.id)
                    continue
                cursors[column.id] = oid
                cells.setdefault(oid[len(prefix):], {})[column.name] = _cell(value, column, table, oid)
            # a column whose last answered OID is still inside it goes on (answers may be truncated)
            active = [column for column in active if column.id not in done]
        return _rows(table, cells)

    async def walk(self, table: Table) -> List[Dict[str, Any]]:
        """GETNEXT walk, one cell per round trip, column after column (what ``snmpwalk`` does)."""
        cells: Dict[Tuple[int, ...], Dict[str, Any]] = {}
        for column in table.columns:
            prefix = table.column_oid(column)
            cursor = prefix
            while True:
                var_binds = await self._send(hlapi.next_cmd, table.key, "GETNEXT walk of table %s" % table.key,
                                             hlapi.ObjectType(hlapi.ObjectIdentity(oid_text(cursor))))
                if not var_binds:
                    break
                name, value = var_binds[0]
                oid = tuple(name)
                if _is_exception(value) or oid[:len(prefix)] != prefix or oid <= cursor:
                    break
                cursor = oid
                cells.setdefault(oid[len(prefix):], {})[column.name] = _cell(value, column, table, oid)
        return _rows(table, cells)


def _converted(value: Any, kind: str, column: Optional[Column], where: str) -> Any:
    try:
        return convert(value, kind, column)
    except (ValueError, TypeError, AttributeError):
        raise ValidationError("SNMP: %s answered %s, which does not read as %s; correct the type in the profile" % (
            where, type(value).__name__, kind)) from None


def _cell(value: Any, column: Column, table: Table, oid: OID) -> Any:
    return _converted(value, column.type, column, "profile tables.%s.columns.%s (%s)" % (table.key, column.name, oid_text(oid)))


def _rows(table: Table, cells: Dict[Tuple[int, ...], Dict[str, Any]]) -> List[Dict[str, Any]]:
    """Rows in index order, each with its index parts; a column without a single cell in a table that has rows means
    the profile names a column the agent does not have."""
    if cells:
        seen: Set[str] = set()
        for cell in cells.values():
            seen.update(cell)
        missing = [column for column in table.columns if column.name not in seen]
        if missing:
            column = missing[0]
            raise ValidationError(
                "SNMP: table %s has %d rows but no value under column %s (%s): the agent does not have this column; "
                "correct or remove profile tables.%s.columns.%s" % (
                    table.key, len(cells), column.name, oid_text(table.column_oid(column)), table.key, column.name))
    rows = []
    for suffix in sorted(cells):
        row: Dict[str, Any] = {}
        names = table.index
        if len(suffix) == len(names):
            row.update(zip(names, suffix))
        else:  # an index the profile describes with fewer parts: the last name takes the rest, dotted
            row.update(zip(names[:-1], suffix))
            row[names[-1]] = oid_text(suffix[len(names) - 1:])
        row.update(cells[suffix])
        rows.append(row)
    return rows
