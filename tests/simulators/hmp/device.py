# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Plug-in description of the Haivision Media Platform simulator for ``serve.py hmp``."""

from __future__ import annotations

import argparse

from common.cli import DeviceSpec, non_negative_int, positive_int
from hmp.app import HmpApp, HmpSettings

DEFAULTS = HmpSettings()


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """HMP options: credentials, session and token lifetimes, seed data sizes."""
    group = parser.add_argument_group("HMP options")
    group.add_argument("--username", default=DEFAULTS.username, help="local user for POST /apis/authentication/login")
    group.add_argument("--password", default=DEFAULTS.password, help="password of --username")
    group.add_argument("--api-key", default=DEFAULTS.api_key, help="apiKey for POST /apis/authentication/login/key (HMP 4.1)")
    group.add_argument("--api-secret", default=DEFAULTS.api_secret, help="apiSecret of --api-key")
    group.add_argument("--session-ttl", type=positive_int, default=DEFAULTS.session_ttl, help="cookie session lifetime, seconds (from login)")
    group.add_argument("--token-ttl", type=positive_int, default=DEFAULTS.token_ttl, help="API-key bearer token lifetime, seconds")
    group.add_argument("--stbs", type=non_negative_int, default=DEFAULTS.stbs, help="generated Play set-top boxes")
    group.add_argument("--sources", type=non_negative_int, default=DEFAULTS.sources, help="extra generated sources (scale tests)")
    group.add_argument("--empty", action="store_true", help="start without sources, sessions, recordings, videos, streams and events "
                       "(users, groups, categories and set-top boxes stay)")


def create_app(args: argparse.Namespace) -> HmpApp:
    """Build the HMP application from parsed arguments."""
    return HmpApp(HmpSettings(username=args.username, password=args.password, api_key=args.api_key, api_secret=args.api_secret,
                              session_ttl=args.session_ttl, token_ttl=args.token_ttl, stbs=args.stbs, sources=args.sources, empty=args.empty,
                              seed=args.seed))


DEVICE = DeviceSpec(
    name="hmp",
    description="Haivision Media Platform REST API (/apis/...)",
    default_port=8444,
    credentials=(f"login {DEFAULTS.username} / {DEFAULTS.password} (cookie calypso-session-id); "
                 f"API key {DEFAULTS.api_key} / {DEFAULTS.api_secret} (Bearer token)"),
    add_arguments=add_arguments,
    create_app=create_app,
)
