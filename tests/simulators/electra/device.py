# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Plug-in description of the Harmonic Electra XT simulator for ``serve.py electra``: the HTTP interface on
``--http-port`` (``--port`` is the same option) and an SNMP agent on ``--snmp-port`` (UDP), sharing one state."""

from __future__ import annotations

import argparse

from common.app import DeviceApp
from common.cli import DeviceSpec, ExtraService, non_negative_int, positive_int, write_port_file
from common.server import SimHTTPServer
from electra.profile import ProfileError, load_profile
from electra.settings import AUTH_PROTOCOL_NAMES, PRIV_PROTOCOL_NAMES, ElectraSettings, SnmpSettings

NEEDS_PYSNMP = "serve.py electra needs pysnmp 7 (pip install 'pysnmp>=7.1,<8'; tests/requirements-dev.txt has it)"

DEFAULTS = ElectraSettings()
SNMP_DEFAULTS = SnmpSettings()
DEFAULT_HTTP_PORT = 8080


def _port(value: str) -> int:
    number = non_negative_int(value)
    if number > 65535:
        raise argparse.ArgumentTypeError("must be a port number (0..65535)")
    return number


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Electra options: ports, SNMP communities and v3 user, HTTP credentials, population, profile."""
    group = parser.add_argument_group("Electra XT options")
    group.add_argument("--http-port", dest="port", metavar="HTTP_PORT", type=int, default=argparse.SUPPRESS,
                       help=f"HTTP TCP port, the same option as --port (default {DEFAULT_HTTP_PORT}); 0 lets the OS choose")
    group.add_argument("--snmp-port", type=_port, default=SNMP_DEFAULTS.port, help="SNMP UDP port; 0 lets the OS choose")
    group.add_argument("--snmp-port-file", default=None, help="write the chosen SNMP port number to this file once listening")
    group.add_argument("--community", default=SNMP_DEFAULTS.community, help="SNMP v1/v2c get community (other communities get no answer)")
    group.add_argument("--set-community", default=SNMP_DEFAULTS.set_community, help="SNMP v1/v2c set community (SET answers notWritable)")
    group.add_argument("--v3-user", default=SNMP_DEFAULTS.v3_user, help="SNMPv3 USM user name")
    group.add_argument("--v3-auth-protocol", choices=AUTH_PROTOCOL_NAMES, default=SNMP_DEFAULTS.v3_auth_protocol, help="SNMPv3 auth protocol")
    group.add_argument("--v3-auth-key", default=SNMP_DEFAULTS.v3_auth_key, help="SNMPv3 auth pass phrase (8 characters or more)")
    group.add_argument("--v3-priv-protocol", choices=PRIV_PROTOCOL_NAMES, default=SNMP_DEFAULTS.v3_priv_protocol,
                       help="SNMPv3 privacy protocol")
    group.add_argument("--v3-priv-key", default=SNMP_DEFAULTS.v3_priv_key, help="SNMPv3 privacy pass phrase (8 characters or more)")
    group.add_argument("--username", default=DEFAULTS.username, help="HTTP Basic user name")
    group.add_argument("--password", default=DEFAULTS.password, help="HTTP Basic password")
    group.add_argument("--jobs", type=non_negative_int, default=DEFAULTS.jobs, help="generated jobs (2000 and more are fine)")
    group.add_argument("--nodes", type=positive_int, default=DEFAULTS.nodes, help="cluster nodes")
    group.add_argument("--profile", default=None, help="OID profile file (JSON, or YAML with PyYAML) to serve instead of the modeled default")


def create_app(args: argparse.Namespace) -> DeviceApp:
    """Build the Electra application (HTTP side and shared state) from parsed arguments."""
    try:
        from electra.app import ElectraApp  # pylint: disable=import-outside-toplevel
    except ImportError as exc:
        raise SystemExit(f"{NEEDS_PYSNMP}: {exc}") from exc
    for name in ("v3_auth_key", "v3_priv_key"):
        protocol = getattr(args, name.replace("_key", "_protocol"))
        if protocol != "none" and len(getattr(args, name)) < 8:
            raise SystemExit(f"serve.py electra: --{name.replace('_', '-')} must have at least 8 characters (RFC 3414)")
    if args.v3_priv_protocol != "none" and args.v3_auth_protocol == "none":
        raise SystemExit("serve.py electra: a v3 privacy protocol needs an auth protocol")
    try:
        return ElectraApp(ElectraSettings(username=args.username, password=args.password, jobs=args.jobs, nodes=args.nodes, seed=args.seed),
                          load_profile(args.profile))
    except (OSError, ProfileError) as exc:
        raise SystemExit(f"serve.py electra: --profile: {exc}") from exc


def start_snmp(args: argparse.Namespace, app: DeviceApp, server: SimHTTPServer) -> ExtraService:
    """Start the SNMP agent beside the HTTP server (sharing its request log, faults and latency)."""
    from electra.agent import SnmpAgent  # pylint: disable=import-outside-toplevel
    from electra.app import ElectraApp  # pylint: disable=import-outside-toplevel
    assert isinstance(app, ElectraApp)
    settings = SnmpSettings(host=args.host, port=args.snmp_port, community=args.community, set_community=args.set_community,
                            v3_user=args.v3_user, v3_auth_protocol=args.v3_auth_protocol, v3_auth_key=args.v3_auth_key,
                            v3_priv_protocol=args.v3_priv_protocol, v3_priv_key=args.v3_priv_key, latency_ms=args.latency_ms, seed=args.seed)
    agent = SnmpAgent(settings, app.view, app.lock, server.request_log, server.faults)
    port = agent.start()
    if args.snmp_port_file:
        write_port_file(args.snmp_port_file, port)
    return ExtraService(ready={"snmp_port": port, "snmp_host": args.host}, stop=agent.stop, alive=agent.alive)


DEVICE = DeviceSpec(
    name="electra",
    description="Harmonic Electra XT, modeled (SNMP agent with the docs/electra-model.md OID profile + HTTP /api/v1/jobs)",
    default_port=DEFAULT_HTTP_PORT,
    credentials=(f"HTTP Basic {DEFAULTS.username} / {DEFAULTS.password}; SNMP community {SNMP_DEFAULTS.community} (set "
                 f"{SNMP_DEFAULTS.set_community}); v3 {SNMP_DEFAULTS.v3_user} {SNMP_DEFAULTS.v3_auth_protocol}/{SNMP_DEFAULTS.v3_auth_key} "
                 f"{SNMP_DEFAULTS.v3_priv_protocol}/{SNMP_DEFAULTS.v3_priv_key}"),
    add_arguments=add_arguments,
    create_app=create_app,
    start_extra=start_snmp,
)
