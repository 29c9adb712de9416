# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Typed SNMP values and a small BER encoder for them.

A value is ``(tag, python value)`` with the BER tag of its SNMP type (:data:`OCTETS`, :data:`INTEGER`, :data:`IPADDRESS`,
:data:`COUNTER32`, :data:`GAUGE32`, :data:`TIMETICKS`, :data:`OID`) or one of the v2 exceptions (:data:`NO_SUCH_OBJECT`,
:data:`NO_SUCH_INSTANCE`, :data:`END_OF_MIB_VIEW`). :func:`to_pysnmp` makes the pysnmp object (GET / GETNEXT go through
pysnmp's own responders); :func:`encode_varbinds` writes a whole VarBindList directly, which is what keeps a GETBULK
of hundreds of varbinds cheap (building and encoding them as pyasn1 objects costs some 100 microseconds each).
"""

from __future__ import annotations

from typing import Any, Iterable

from pysnmp.proto import rfc1902, rfc1905  # pylint: disable=import-error

INTEGER = 0x02
OCTETS = 0x04
NULL = 0x05
OID = 0x06
SEQUENCE = 0x30
IPADDRESS = 0x40
COUNTER32 = 0x41
GAUGE32 = 0x42
TIMETICKS = 0x43
NO_SUCH_OBJECT = 0x80
NO_SUCH_INSTANCE = 0x81
END_OF_MIB_VIEW = 0x82
EXCEPTIONS = frozenset({NO_SUCH_OBJECT, NO_SUCH_INSTANCE, END_OF_MIB_VIEW})

Value = tuple[int, Any]


def length(size: int) -> bytes:
    """BER definite length octets."""
    if size < 0x80:
        return bytes((size,))
    octets = size.to_bytes((size.bit_length() + 7) // 8, "big")
    return bytes((0x80 | len(octets),)) + octets


def tlv(tag: int, content: bytes) -> bytes:
    """Tag, length, content."""
    return bytes((tag,)) + length(len(content)) + content


def encode_oid(oid: tuple[int, ...]) -> bytes:
    """An OBJECT IDENTIFIER (tag included)."""
    content = bytearray()
    arcs = (oid[0] * 40 + oid[1],) + tuple(oid[2:]) if len(oid) >= 2 else (oid[0] * 40 if oid else 0,)
    for arc in arcs:
        if arc < 0x80:
            content.append(arc)
        else:
            chunk = [arc & 0x7F]
            arc >>= 7
            while arc:
                chunk.append(0x80 | (arc & 0x7F))
                arc >>= 7
            content.extend(reversed(chunk))
    return tlv(OID, bytes(content))


def _integer_content(number: int) -> bytes:
    """Minimal two's complement octets."""
    return number.to_bytes(max(1, (number + (number < 0)).bit_length() // 8 + 1), "big", signed=True)


def encode_value(value: Value) -> bytes:
    """The BER encoding of a typed value (tag included)."""
    tag, data = value
    if tag == OCTETS:
        return tlv(OCTETS, data)
    if tag in (INTEGER, COUNTER32, GAUGE32, TIMETICKS):
        return tlv(tag, _integer_content(data))
    if tag == OID:
        return encode_oid(data)
    if tag == IPADDRESS:
        return tlv(IPADDRESS, bytes(int(part) for part in data.split(".")))
    if tag in EXCEPTIONS:
        return bytes((tag, 0))
    return bytes((NULL, 0))


def encode_varbinds(varbinds: Iterable[tuple[tuple[int, ...], Value]]) -> bytes:
    """A whole VarBindList (``SEQUENCE OF SEQUENCE {name, value}``)."""
    return tlv(SEQUENCE, b"".join(tlv(SEQUENCE, encode_oid(oid) + encode_value(value)) for oid, value in varbinds))


def to_pysnmp(value: Value) -> Any:
    """The pysnmp object of a typed value."""
    tag, data = value
    if tag == OCTETS:
        return rfc1902.OctetString(data)
    if tag == INTEGER:
        return rfc1902.Integer32(data)
    if tag == GAUGE32:
        return rfc1902.Gauge32(data)
    if tag == COUNTER32:
        return rfc1902.Counter32(data)
    if tag == TIMETICKS:
        return rfc1902.TimeTicks(data)
    if tag == OID:
        return rfc1902.ObjectIdentifier(data)
    if tag == IPADDRESS:
        return rfc1902.IpAddress(data)
    if tag == NO_SUCH_INSTANCE:
        return rfc1905.noSuchInstance
    if tag == END_OF_MIB_VIEW:
        return rfc1905.endOfMibView
    return rfc1905.noSuchObject
