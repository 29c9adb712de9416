# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The SNMP agent of the Electra XT simulator: a pysnmp ``SnmpEngine`` on a loopback UDP socket, in its own thread and
asyncio loop, answering GET / GETNEXT / GETBULK (and SET with ``notWritable``) from the live state through a custom MIB
instrumentation (:class:`StateInstrumentation` over :class:`electra.mib.MibView`).

* v1/v2c: the get community reads, the set community reads and may SET (answered ``notWritable``); any other community
  gets no answer (pysnmp drops it, as a real v2c agent does).
* v3: one USM user (auth and privacy protocol and keys); pysnmp answers wrong users / digests / keys with the USM report
  PDUs (``unknownUserNames``, ``wrongDigests``, ``decryptionErrors``).
* ``--latency-ms``: each response is sent that much later with ``loop.call_later`` (other requests are processed
  meanwhile, so concurrent requests overlap like the HTTP side's).
* faults: the HTTP server's :class:`common.server.FaultInjector` is consulted with method ``SNMP-GET`` / ``SNMP-GETNEXT`` /
  ``SNMP-GETBULK`` / ``SNMP-SET`` and the first OID as path: a scripted ``drop`` rule means no answer at all, any other
  fault (and the random ``--fault-rate``) an answer with error-status ``genErr``.
* every PDU the command responder handles is added to the HTTP server's request log: ``{"method": "SNMP-GETBULK",
  "path": "<first OID>", "query": {"version", "varbinds", "non_repeaters", "max_repetitions", "answered"}, "status":
  <error-status number, None when dropped>, "auth": "community" or "usm", "duration_ms"}``.
* GETBULK answers are cut at whole repetitions so that the message fits the request's maximum size (and at most
  :data:`MAX_BULK_VARBINDS` varbinds); they stop early when every column reached endOfMibView.
"""

from __future__ import annotations

# The overridden pysnmp methods keep pysnmp's camelCase parameter names.
# pylint: disable=invalid-name

import asyncio
import logging
import socket
import threading
import time
from dataclasses import dataclass
from typing import Any

# pylint: disable=import-error
from pysnmp.carrier.asyncio.dgram import udp, udp6
from pysnmp.carrier.asyncio.dispatch import AsyncioDispatcher
from pysnmp.entity import config, engine
from pysnmp.entity.rfc3413 import cmdrsp, context
from pysnmp.proto import rfc1902, rfc1905
from pysnmp.proto.api import v2c
from pysnmp.smi import error as smi_error
from pysnmp.smi.instrum import AbstractMibInstrumController
from pyasn1.type import univ
# pylint: enable=import-error

from common.server import FaultInjector, RequestLog
from electra import ber
from electra.mib import MibView
from electra.settings import AUTH_PROTOCOL_NAMES, PRIV_PROTOCOL_NAMES, SnmpSettings

LOG = logging.getLogger("simulator.electra.snmp")

AUTH_PROTOCOLS = {
    "none": config.USM_AUTH_NONE, "md5": config.USM_AUTH_HMAC96_MD5, "sha": config.USM_AUTH_HMAC96_SHA,
    "sha224": config.USM_AUTH_HMAC128_SHA224, "sha256": config.USM_AUTH_HMAC192_SHA256, "sha384": config.USM_AUTH_HMAC256_SHA384,
    "sha512": config.USM_AUTH_HMAC384_SHA512,
}
PRIV_PROTOCOLS = {
    "none": config.USM_PRIV_NONE, "des": config.USM_PRIV_CBC56_DES, "3des": config.USM_PRIV_CBC168_3DES, "aes": config.USM_PRIV_CFB128_AES,
    "aes192": config.USM_PRIV_CFB192_AES, "aes256": config.USM_PRIV_CFB256_AES,
}
assert set(AUTH_PROTOCOLS) == set(AUTH_PROTOCOL_NAMES) and set(PRIV_PROTOCOLS) == set(PRIV_PROTOCOL_NAMES)
ERROR_STATUS = {"noError": 0, "tooBig": 1, "noSuchName": 2, "badValue": 3, "readOnly": 4, "genErr": 5, "noAccess": 6, "wrongType": 7,
                "wrongLength": 8, "wrongEncoding": 9, "wrongValue": 10, "noCreation": 11, "inconsistentValue": 12,
                "resourceUnavailable": 13, "commitFailed": 14, "undoFailed": 15, "authorizationError": 16, "notWritable": 17,
                "inconsistentName": 18}
PDU_METHODS = {
    rfc1905.GetRequestPDU.tagSet: "SNMP-GET",
    rfc1905.GetNextRequestPDU.tagSet: "SNMP-GETNEXT",
    rfc1905.GetBulkRequestPDU.tagSet: "SNMP-GETBULK",
    rfc1905.SetRequestPDU.tagSet: "SNMP-SET",
}
VERSIONS = {0: "v1", 1: "v2c", 3: "v3"}
READ_VIEW = (1, 3, 6)
NO_VIEW = (0, 0)
MAX_BULK_VARBINDS = 2048
MESSAGE_OVERHEAD = 64
ENGINE_ID_PREFIX = "80007ed904"  # enterprise 32473 (documentation) with the top bit set, format 4 (text)


@dataclass
class RawVarBinds:
    """A VarBindList already BER-encoded (``data``) with its number of varbinds (``count``)."""

    data: bytes
    count: int

    def __len__(self) -> int:
        return self.count


class StateInstrumentation(AbstractMibInstrumController):
    """pysnmp MIB instrumentation answering from the :class:`MibView` (each call refreshes it under the app lock)."""

    def __init__(self, view: MibView, lock: Any) -> None:
        self.view = view
        self.lock = lock

    @staticmethod
    def _check(view_type: str, var_binds: tuple[Any, ...], **ctx: Any) -> None:
        """One VACM check per PDU, on its first varbind (the read view is the whole tree, so that decides)."""
        ac_fun = ctx.get("acFun")
        if ac_fun is not None and var_binds:
            ac_fun(view_type, (var_binds[0][0], None), idx=0, **ctx)

    def read_variables(self, *varBinds: Any, **ctx: Any) -> list[tuple[Any, Any]]:
        """GET: the value of each OID, or noSuchObject / noSuchInstance."""
        self._check("read", varBinds, **ctx)
        with self.lock:
            self.view.refresh()
            return [(name, ber.to_pysnmp(self.view.get(tuple(name)))) for name, _value in varBinds]

    def read_next_variables(self, *varBinds: Any, **ctx: Any) -> list[tuple[Any, Any]]:
        """GETNEXT: the next OID and value after each OID, or the OID with endOfMibView."""
        self._check("read", varBinds, **ctx)
        with self.lock:
            self.view.refresh()
            answer = []
            for name, _value in varBinds:
                oid, value = self.view.next(tuple(name))
                answer.append((rfc1902.ObjectName(oid) if value[0] != ber.END_OF_MIB_VIEW else name, ber.to_pysnmp(value)))
            return answer

    def bulk(self, non_repeaters: int, max_repetitions: int, var_binds: list[Any], budget: int, **ctx: Any) -> RawVarBinds:
        """GETBULK (RFC 3416 4.2.3) as an encoded VarBindList, cut at whole repetitions to fit ``budget`` bytes and
        :data:`MAX_BULK_VARBINDS`; it stops early once every repeated column reached endOfMibView."""
        self._check("read", tuple(var_binds), **ctx)
        n = min(max(0, non_repeaters), len(var_binds))
        r = len(var_binds) - n
        parts: list[bytes] = []
        size = 0
        with self.lock:
            view = self.view
            view.refresh()
            for name, _value in var_binds[:n]:
                oid, value = view.next(tuple(name))
                parts.append(ber.tlv(ber.SEQUENCE, ber.encode_oid(oid) + ber.encode_value(value)))
                size += len(parts[-1])
            if size > budget:
                raise smi_error.TooBigError()
            current = [tuple(name) for name, _value in var_binds[n:]]
            for _repetition in range(max(0, max_repetitions) if r else 0):
                row = [view.next(oid) for oid in current]
                encoded = [ber.tlv(ber.SEQUENCE, ber.encode_oid(oid) + ber.encode_value(value)) for oid, value in row]
                row_size = sum(len(part) for part in encoded)
                if parts and (size + row_size > budget or len(parts) + r > MAX_BULK_VARBINDS):
                    break
                size += row_size
                parts.extend(encoded)
                if all(value[0] == ber.END_OF_MIB_VIEW for _oid, value in row):
                    break
                current = [oid for oid, _value in row]
        return RawVarBinds(ber.tlv(ber.SEQUENCE, b"".join(parts)), len(parts))

    def write_variables(self, *varBinds: Any, **ctx: Any) -> list[tuple[Any, Any]]:
        """SET: ``noAccess`` without write access (the get community), else ``notWritable`` (job control is HTTP,
        docs/electra-model.md)."""
        ac_fun = ctx.get("acFun")
        for position, var_bind in enumerate(varBinds):
            # pysnmp's check raises for a missing access entry and answers True when the OID is outside the write view
            if ac_fun is not None and ac_fun("write", var_bind, idx=position, **ctx):
                raise smi_error.NoAccessError(name=var_bind[0], idx=position)
        raise smi_error.NotWritableError(name=varBinds[0][0] if varBinds else None, idx=0)


class _ResponderMixin:
    """Request log, faults and latency around pysnmp's command responders (one PDU = one log entry)."""

    agent: SnmpAgent

    def _setup(self, agent: SnmpAgent) -> None:
        self.agent = agent
        self._requests: dict[Any, dict[str, Any]] = {}
        self._deferred: set[Any] = set()

    def process_pdu(self, snmpEngine: Any, messageProcessingModel: Any, securityModel: Any, securityName: Any,  # pylint: disable=too-many-arguments
                    securityLevel: Any, contextEngineId: Any, contextName: Any, pduVersion: Any, PDU: Any,
                    maxSizeResponseScopedPDU: Any, stateReference: Any) -> None:
        """Log, pick a fault, remember the size budget, then let pysnmp process the PDU."""
        var_binds = v2c.apiPDU.get_varbinds(PDU)
        method = PDU_METHODS.get(PDU.tagSet, "SNMP-" + PDU.__class__.__name__.upper())
        path = str(var_binds[0][0]) if var_binds else ""
        query: dict[str, Any] = {"version": VERSIONS.get(int(messageProcessingModel), str(messageProcessingModel)), "varbinds": len(var_binds)}
        if PDU.tagSet == rfc1905.GetBulkRequestPDU.tagSet:
            query["non_repeaters"] = int(v2c.apiBulkPDU.get_non_repeaters(PDU))
            query["max_repetitions"] = int(v2c.apiBulkPDU.get_max_repetitions(PDU))
        info = {"method": method, "path": path, "query": query, "auth": "usm" if int(securityModel) == 3 else "community",
                "started": time.monotonic(), "budget": int(maxSizeResponseScopedPDU) - MESSAGE_OVERHEAD, "fault": False}
        fault = self.agent.faults.pick(method, path) if self.agent.faults is not None else None
        if fault is not None and fault.drop:
            self.agent.log_request(info, None, 0)
            return
        info["fault"] = fault is not None
        self._requests[stateReference] = info
        try:
            super().process_pdu(snmpEngine, messageProcessingModel, securityModel, securityName,  # type: ignore[misc]
                                securityLevel, contextEngineId, contextName, pduVersion, PDU, maxSizeResponseScopedPDU, stateReference)
        finally:
            if stateReference not in self._deferred:
                self._requests.pop(stateReference, None)

    def _fault_check(self, stateReference: Any) -> None:
        info = self._requests.get(stateReference)
        if info is not None and info["fault"]:
            raise smi_error.GenError(idx=0)

    def send_varbinds(self, snmpEngine: Any, stateReference: Any, errorStatus: Any, errorIndex: Any,
                      varBinds: Any) -> None:
        """Send now, or ``--latency-ms`` later without blocking the loop."""
        delay = self.agent.settings.latency_ms / 1000.0
        if delay <= 0:
            self._send_now(snmpEngine, stateReference, errorStatus, errorIndex, varBinds)
            return
        self._deferred.add(stateReference)
        self.agent.loop.call_later(delay, self._send_later, snmpEngine, stateReference, errorStatus, errorIndex, varBinds)

    def _send_now(self, snmpEngine: Any, stateReference: Any, errorStatus: Any, errorIndex: Any, varBinds: Any) -> None:
        info = self._requests.get(stateReference)
        if info is not None:
            status = errorStatus if isinstance(errorStatus, int) else ERROR_STATUS.get(str(errorStatus), 5)
            self.agent.log_request(info, int(status), len(varBinds))
        if isinstance(varBinds, RawVarBinds):
            # the response PDU pysnmp prepared for this request; the encoded VarBindList goes in as an untagged ANY,
            # which the BER encoder writes out verbatim
            pdu = self._CommandResponderBase__pendingReqs[stateReference][7]  # type: ignore[attr-defined]  # pylint: disable=no-member
            v2c.apiPDU.set_error_status(pdu, errorStatus)
            v2c.apiPDU.set_error_index(pdu, errorIndex)
            pdu.setComponentByPosition(3, univ.Any(varBinds.data), verifyConstraints=False, matchTags=False, matchConstraints=False)
            self.send_pdu(snmpEngine, stateReference, pdu)  # type: ignore[attr-defined]
            return
        super().send_varbinds(snmpEngine, stateReference, errorStatus, errorIndex, varBinds)  # type: ignore[misc]

    def _send_later(self, snmpEngine: Any, stateReference: Any, errorStatus: Any, errorIndex: Any, varBinds: Any) -> None:
        self._deferred.discard(stateReference)
        try:
            self._send_now(snmpEngine, stateReference, errorStatus, errorIndex, varBinds)
        except Exception:  # pylint: disable=broad-except
            LOG.exception("deferred SNMP answer failed")
        finally:
            self._requests.pop(stateReference, None)
            super().release_state_information(stateReference)  # type: ignore[misc]

    def release_state_information(self, stateReference: Any) -> None:
        """Keep the pending request while its answer waits for the latency."""
        if stateReference in self._deferred:
            return
        super().release_state_information(stateReference)  # type: ignore[misc]


class GetResponder(_ResponderMixin, cmdrsp.GetCommandResponder):
    """GET."""

    def handle_management_operation(self, snmpEngine: Any, stateReference: Any, contextName: Any, PDU: Any) -> None:
        """Fault check, then pysnmp's GET handling."""
        self._fault_check(stateReference)
        super().handle_management_operation(snmpEngine, stateReference, contextName, PDU)


class NextResponder(_ResponderMixin, cmdrsp.NextCommandResponder):
    """GETNEXT."""

    def handle_management_operation(self, snmpEngine: Any, stateReference: Any, contextName: Any, PDU: Any) -> None:
        """Fault check, then pysnmp's GETNEXT handling."""
        self._fault_check(stateReference)
        super().handle_management_operation(snmpEngine, stateReference, contextName, PDU)


class BulkResponder(_ResponderMixin, cmdrsp.BulkCommandResponder):
    """GETBULK, answered by :meth:`StateInstrumentation.bulk` (size-aware instead of pysnmp's 64-varbind cap)."""

    def handle_management_operation(self, snmpEngine: Any, stateReference: Any, contextName: Any, PDU: Any) -> None:
        """Fault check, then one bulk read under the lock."""
        self._fault_check(stateReference)
        info = self._requests.get(stateReference, {})
        instrumentation = self.snmpContext.get_mib_instrum(contextName)
        answer = instrumentation.bulk(int(v2c.apiBulkPDU.get_non_repeaters(PDU)), int(v2c.apiBulkPDU.get_max_repetitions(PDU)),
                                      list(v2c.apiPDU.get_varbinds(PDU)), int(info.get("budget", 65000)),
                                      snmpEngine=snmpEngine, acFun=self.verify_access, cbCtx=self.cbCtx)
        self.send_varbinds(snmpEngine, stateReference, 0, 0, answer)
        self.release_state_information(stateReference)


class SetResponder(_ResponderMixin, cmdrsp.SetCommandResponder):
    """SET (always notWritable, or noAccess for the get community)."""

    def handle_management_operation(self, snmpEngine: Any, stateReference: Any, contextName: Any, PDU: Any) -> None:
        """Fault check, then pysnmp's SET handling."""
        self._fault_check(stateReference)
        super().handle_management_operation(snmpEngine, stateReference, contextName, PDU)


class SnmpAgent:  # pylint: disable=too-many-instance-attributes
    """The agent thread. :meth:`start` binds the UDP socket (so the port is known at once) and returns the port."""

    def __init__(self, settings: SnmpSettings, view: MibView, lock: Any, request_log: RequestLog | None = None,
                 faults: FaultInjector | None = None) -> None:
        self.settings = settings
        self.instrumentation = StateInstrumentation(view, lock)
        self.request_log = request_log
        self.faults = faults
        self.loop: asyncio.AbstractEventLoop = asyncio.new_event_loop()
        self.port = 0
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()
        self._error: BaseException | None = None
        self._engine: Any = None

    def log_request(self, info: dict[str, Any], status: int | None, answered: int) -> None:
        """Add one SNMP request to the shared request log."""
        if self.request_log is None:
            return
        query = dict(info["query"])
        query["answered"] = answered
        self.request_log.add({"method": info["method"], "path": info["path"], "query": query, "status": status, "auth": info["auth"],
                              "duration_ms": round((time.monotonic() - info["started"]) * 1000.0, 3)})

    def start(self, timeout: float = 15.0) -> int:
        """Bind, start the engine thread and wait until it serves; returns the UDP port (OSError when it cannot bind)."""
        family = socket.AF_INET6 if ":" in self.settings.host else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_DGRAM)
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 * 1024 * 1024)
        except OSError:
            pass
        try:
            sock.bind((self.settings.host, self.settings.port))
        except OSError:
            sock.close()
            raise
        self.port = int(sock.getsockname()[1])
        self._thread = threading.Thread(target=self._run, args=(sock,), name="snmp-agent", daemon=True)
        self._thread.start()
        if not self._ready.wait(timeout):
            raise RuntimeError("the SNMP agent did not start")
        if self._error is not None:
            raise RuntimeError(f"the SNMP agent did not start: {self._error}") from self._error
        return self.port

    def alive(self) -> bool:
        """True while the engine thread runs."""
        return self._thread is not None and self._thread.is_alive()

    def stop(self) -> None:
        """Stop the loop and wait for the thread."""
        if self._thread is None:
            return
        if self.loop.is_running():
            self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(10)
        self._thread = None

    def _run(self, sock: socket.socket) -> None:
        asyncio.set_event_loop(self.loop)
        try:
            self._engine = self._build_engine(sock)
        except BaseException as exc:  # pylint: disable=broad-except
            self._error = exc
            self._ready.set()
            sock.close()
            return
        self.loop.call_soon(self._ready.set)
        try:
            self.loop.run_forever()
        finally:
            try:
                self._engine.close_dispatcher()
                pending = asyncio.all_tasks(self.loop)
                for task in pending:
                    task.cancel()
                self.loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
            except Exception:  # pylint: disable=broad-except
                LOG.debug("closing the SNMP dispatcher failed", exc_info=True)
            sock.close()
            self.loop.close()

    def _build_engine(self, sock: socket.socket) -> Any:
        settings = self.settings
        engine_id = ENGINE_ID_PREFIX + f"electra-sim-{settings.seed}".encode("ascii").hex()
        snmp_engine = engine.SnmpEngine(rfc1902.OctetString(hexValue=engine_id))
        snmp_engine.register_transport_dispatcher(AsyncioDispatcher(loop=self.loop))
        if sock.family == socket.AF_INET6:
            config.add_transport(snmp_engine, udp6.DOMAIN_NAME, udp6.Udp6Transport(loop=self.loop).open_server_mode(sock=sock))
        else:
            config.add_transport(snmp_engine, udp.DOMAIN_NAME, udp.UdpTransport(loop=self.loop).open_server_mode(sock=sock))
        if settings.set_community != settings.community:
            config.add_v1_system(snmp_engine, "electra-read", settings.community)
            for model in (1, 2):
                # a write view that holds nothing but 0.0: pysnmp treats a write view without any entry as "allowed"
                config.add_vacm_user(snmp_engine, model, "electra-read", "noAuthNoPriv", readSubTree=READ_VIEW, writeSubTree=NO_VIEW)
        config.add_v1_system(snmp_engine, "electra-write", settings.set_community)
        for model in (1, 2):
            config.add_vacm_user(snmp_engine, model, "electra-write", "noAuthNoPriv", readSubTree=READ_VIEW, writeSubTree=READ_VIEW)
        auth = AUTH_PROTOCOLS[settings.v3_auth_protocol]
        priv = PRIV_PROTOCOLS[settings.v3_priv_protocol]
        config.add_v3_user(snmp_engine, settings.v3_user, auth, settings.v3_auth_key if settings.v3_auth_protocol != "none" else None,
                           priv, settings.v3_priv_key if settings.v3_priv_protocol != "none" else None)
        level = "authPriv" if settings.v3_priv_protocol != "none" else "authNoPriv" if settings.v3_auth_protocol != "none" else "noAuthNoPriv"
        config.add_vacm_user(snmp_engine, 3, settings.v3_user, level, readSubTree=READ_VIEW, writeSubTree=READ_VIEW)
        snmp_context = context.SnmpContext(snmp_engine)
        snmp_context.unregister_context_name(b"")
        snmp_context.register_context_name(b"", self.instrumentation)
        for responder_class in (GetResponder, NextResponder, BulkResponder, SetResponder):
            responder = responder_class(snmp_engine, snmp_context)
            responder._setup(self)  # pylint: disable=protected-access
        snmp_engine.transport_dispatcher.job_started(1)
        return snmp_engine
