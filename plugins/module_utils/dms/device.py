# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The DMS integration as the shared module glue sees it: connection options and client factory."""

from __future__ import annotations

from ..module import Device
from .client import CONNECTION_SPEC, client_factory

DMS = Device("dms", CONNECTION_SPEC, client_factory)
