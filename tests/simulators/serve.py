# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Run one device simulator: ``python tests/simulators/serve.py DEVICE [options]``.

Devices are discovered automatically: every sub-directory of ``tests/simulators`` holding a ``device.py`` that defines
``DEVICE`` (a :class:`common.cli.DeviceSpec`) becomes a ``DEVICE`` word. Standard library only (``trustme`` for --tls).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
if HERE not in sys.path:
    sys.path.insert(0, HERE)

from common.cli import DeviceSpec, add_common_arguments, run  # noqa: E402  pylint: disable=wrong-import-position


def discover_devices() -> dict[str, DeviceSpec]:
    """Map device name -> DeviceSpec for every ``<dir>/device.py`` next to this file (sorted by directory)."""
    devices: dict[str, DeviceSpec] = {}
    for entry in sorted(os.listdir(HERE)):
        if entry.startswith((".", "_")) or entry == "common" or not os.path.isfile(os.path.join(HERE, entry, "device.py")):
            continue
        module = importlib.import_module(f"{entry}.device")
        spec = getattr(module, "DEVICE", None)
        if isinstance(spec, DeviceSpec):
            devices[spec.name] = spec
    return devices


def build_parser(devices: dict[str, DeviceSpec]) -> argparse.ArgumentParser:
    """The top-level parser with one sub-command per device."""
    epilog = "default credentials:\n" + "\n".join(f"  {name}: {spec.credentials}" for name, spec in devices.items())
    parser = argparse.ArgumentParser(prog="serve.py", description="Run a broadcast.video device simulator on loopback.", epilog=epilog,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    subparsers = parser.add_subparsers(dest="device", metavar="DEVICE", required=True)
    for name, spec in devices.items():
        sub = subparsers.add_parser(name, help=spec.description, description=f"{spec.description}\nDefault credentials: {spec.credentials}",
                                    formatter_class=_HelpFormatter)
        add_common_arguments(sub, spec.default_port)
        spec.add_arguments(sub)
    return parser


class _HelpFormatter(argparse.ArgumentDefaultsHelpFormatter, argparse.RawDescriptionHelpFormatter):
    """Show defaults and keep the description's line breaks."""


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and serve until SIGTERM/SIGINT; returns the exit code."""
    devices = discover_devices()
    args = build_parser(devices).parse_args(argv)
    return run(devices[args.device], args)


if __name__ == "__main__":
    sys.exit(main())
