# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Plug-in description of the Harmonic DMS simulator for ``serve.py dms``."""

from __future__ import annotations

import argparse

from common.cli import DeviceSpec, non_negative_int, positive_int
from dms.app import DmsApp, DmsSettings

DEFAULTS = DmsSettings()


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """DMS options: credentials, token lifetime, population size, empty start."""
    group = parser.add_argument_group("DMS options")
    group.add_argument("--username", default=DEFAULTS.username, help="the account for POST /api/v1/auth/login")
    group.add_argument("--password", default=DEFAULTS.password, help="password of --username")
    group.add_argument("--token-ttl", type=positive_int, default=DEFAULTS.token_ttl, help="bearer token lifetime, seconds (reported as expiresIn)")
    group.add_argument("--devices", type=non_negative_int, default=DEFAULTS.devices,
                       help="generated edge receivers (100000 starts in about a second); the same --seed and count always give the same devices")
    group.add_argument("--empty", action="store_true", help="start without groups, authorization sets and destinations (devices belong to no "
                       "group); devices, alarms and the firmware list stay")


def create_app(args: argparse.Namespace) -> DmsApp:
    """Build the DMS application from parsed arguments."""
    return DmsApp(DmsSettings(username=args.username, password=args.password, token_ttl=args.token_ttl, devices=args.devices, empty=args.empty,
                              seed=args.seed))


DEVICE = DeviceSpec(
    name="dms",
    description="Harmonic DMS REST API, modeled (/api/v1/..., docs/dms-api.md)",
    default_port=8445,
    credentials=f"login {DEFAULTS.username} / {DEFAULTS.password} (POST /api/v1/auth/login, then Bearer token)",
    add_arguments=add_arguments,
    create_app=create_app,
)
