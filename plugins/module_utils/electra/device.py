# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The Electra XT integration as the shared module glue sees it: connection options and client factory.

``ELECTRA`` is for the SNMP modules (``electra_facts``: needs pysnmp), ``ELECTRA_HTTP`` for those that use only the
HTTP interface (``electra_jobs``: requests only).
"""

from __future__ import annotations

from ..module import Device
from .client import CONNECTION_SPEC, REQUIRES_HTTP, REQUIRES_SNMP, client_factory

ELECTRA = Device("electra", CONNECTION_SPEC, client_factory, requires=REQUIRES_SNMP)
ELECTRA_HTTP = Device("electra", CONNECTION_SPEC, client_factory, requires=REQUIRES_HTTP)
