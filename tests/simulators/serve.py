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


def discover_devices(only: str | None = None) -> tuple[dict[str, DeviceSpec], dict[str, str]]:
    """Map device name -> DeviceSpec for every ``<dir>/device.py`` next to this file (sorted by directory).

    :param only: import only this device directory (the one asked for on the command line), so that a simulator
        whose extra library is missing (``pysnmp`` for electra) never stops the others from starting.
    :returns: ``(devices, broken)``: ``broken`` maps a directory to the import error that kept it out.
    """
    devices: dict[str, DeviceSpec] = {}
    broken: dict[str, str] = {}
    for entry in sorted(os.listdir(HERE)):
        if entry.startswith((".", "_")) or entry == "common" or not os.path.isfile(os.path.join(HERE, entry, "device.py")):
            continue
        if only is not None and entry != only:
            continue
        try:
            module = importlib.import_module(f"{entry}.device")
        except ImportError as exc:
            broken[entry] = str(exc)
            continue
        spec = getattr(module, "DEVICE", None)
        if isinstance(spec, DeviceSpec):
            devices[spec.name] = spec
    return devices, broken


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
    argv = sys.argv[1:] if argv is None else argv
    word = argv[0] if argv and not argv[0].startswith("-") else None
    named = word is not None and os.path.isfile(os.path.join(HERE, word, "device.py"))
    devices, broken = discover_devices(word if named else None)
    if named and word in broken:
        print(f"serve.py: the {word} simulator cannot start: {broken[word]} (install the test requirements: "
              "tests/requirements-dev.txt)", file=sys.stderr)
        return 2
    args = build_parser(devices).parse_args(argv)
    return run(devices[args.device], args)


if __name__ == "__main__":
    sys.exit(main())
