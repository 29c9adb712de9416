# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Plug-in description of the Harmonic VOS simulator for ``serve.py vos``."""

from __future__ import annotations

import argparse

from common.cli import DeviceSpec, non_negative_int, positive_int
from vos.app import VosApp, VosSettings

DEFAULTS = VosSettings()


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """VOS options: credentials, OAuth client, token lifetime and seed data."""
    group = parser.add_argument_group("VOS options")
    group.add_argument("--username", default=DEFAULTS.username, help="HTTP Basic user (also the /oauth/authorize user)")
    group.add_argument("--password", default=DEFAULTS.password, help="password of --username")
    group.add_argument("--client-id", default=DEFAULTS.client_id, help="pre-registered OAuth2 client id")
    group.add_argument("--client-secret", default=DEFAULTS.client_secret, help="secret of --client-id")
    group.add_argument("--token-ttl", type=positive_int, default=DEFAULTS.token_ttl, help="bearer token lifetime and expires_in, seconds")
    group.add_argument("--services", type=non_negative_int, default=DEFAULTS.services,
                       help="generated channels (each: source with ZIXI + SLATE inputs, ORIGIN or ATS destination, service, pod)")
    group.add_argument("--empty", action="store_true", help="start without services, sources, destinations, images and users "
                       "(profiles, cloud links and nodes stay)")
    group.add_argument("--rf-absent", action="store_true", help="answer 404 on the platform-config rf* endpoints (no RF cards)")


def create_app(args: argparse.Namespace) -> VosApp:
    """Build the VOS application from parsed arguments."""
    return VosApp(VosSettings(username=args.username, password=args.password, client_id=args.client_id, client_secret=args.client_secret,
                              token_ttl=args.token_ttl, services=args.services, empty=args.empty, rf_absent=args.rf_absent, seed=args.seed))


DEVICE = DeviceSpec(
    name="vos",
    description="Harmonic VOS cluster REST API (/vos-api/..., /oauth/...)",
    default_port=8443,
    credentials=(f"Basic user {DEFAULTS.username} / {DEFAULTS.password}; OAuth2 client {DEFAULTS.client_id} / {DEFAULTS.client_secret}; "
                 "seeded users operator / operator-password, monitor / monitor-password"),
    add_arguments=add_arguments,
    create_app=create_app,
)
