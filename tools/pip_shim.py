#!/usr/bin/env python
"""Seed ansible-test's offline pip bootstrap (practice doc, section 3.2).

``ansible-test ... --venv`` (and every sanity test venv) bootstraps pip by
downloading ``https://ci-files.testing.ansible.com/ansible-test/get-pip-X.Y.py``
unless ``~/.ansible/test/cache/get_pip_X_Y.py`` already exists.  That host is
not reachable here (only PyPI is), so for every ansible-core venv given on the
command line this script:

1. reads the pip version that venv's ansible-test bootstraps
   (``pip='X.Y'`` in ``ansible_test/_internal/python_requirements.py``),
2. downloads that pip wheel from PyPI into ``.venv/pipwheel`` (and keeps a copy
   in ``~/.ansible/test/cache/pipwheel`` so the shim survives ``make clean``),
3. writes a small stand-in ``get_pip_X_Y.py`` that installs pip from the wheel
   with ``--no-index``.

A real get-pip script already in the cache (one without our marker) is left
alone.

Usage: pip_shim.py WHEEL_DIR VENV_PYTHON [VENV_PYTHON ...]
"""
from __future__ import annotations

import glob
import os
import re
import shutil
import subprocess
import sys

MARKER = "broadcast.video offline get-pip shim"
CACHE = os.path.expanduser("~/.ansible/test/cache")
CACHE_WHEELS = os.path.join(CACHE, "pipwheel")

SHIM = '''\
# {marker} (written by tools/pip_shim.py; safe to delete).
# Offline stand-in for https://ci-files.testing.ansible.com/ansible-test/get-pip-{version}.py:
# ansible-test runs it with arguments like "pip=={version} --no-setuptools --no-wheel".
import glob
import os
import sys

DIRS = [os.environ.get("ANSIBLE_TEST_PIP_WHEEL_DIR", ""), {wheel_dir!r}, {cache_wheels!r}]
for wheel_dir in DIRS:
    wheels = sorted(glob.glob(os.path.join(wheel_dir, "pip-{version}-*.whl"))) if wheel_dir else []
    if wheels:
        break
else:
    sys.exit("get-pip shim: no pip-{version} wheel in any of %s (run: make venv)" % DIRS)
sys.path.insert(0, wheels[-1])
args = [a for a in sys.argv[1:] if a not in ("--no-setuptools", "--no-wheel")]
from pip._internal.cli.main import main as pip_main  # noqa: E402
sys.exit(pip_main(["install", "--no-index", "--find-links", wheel_dir] + args))
'''


def bootstrap_pip_version(python: str) -> str:
    code = (
        "import importlib.util, os;"
        "s = importlib.util.find_spec('ansible_test');"
        "print(os.path.join(os.path.dirname(s.origin), '_internal', 'python_requirements.py'))"
    )
    path = subprocess.check_output([python, "-c", code], text=True).strip()
    with open(path, encoding="utf-8") as f:
        match = re.search(r"\bpip='(\d+(?:\.\d+)+)'", f.read())
    if not match:
        sys.exit("pip_shim: cannot find the bootstrap pip version in %s" % path)
    return match.group(1)


def main() -> int:
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    wheel_dir = os.path.abspath(sys.argv[1])
    os.makedirs(wheel_dir, exist_ok=True)
    os.makedirs(CACHE_WHEELS, exist_ok=True)
    for python in sys.argv[2:]:
        version = bootstrap_pip_version(python)
        pattern = "pip-%s-*.whl" % version
        if not glob.glob(os.path.join(wheel_dir, pattern)):
            cached = glob.glob(os.path.join(CACHE_WHEELS, pattern))
            if cached:
                shutil.copy2(cached[0], wheel_dir)
            else:
                subprocess.check_call(
                    [python, "-m", "pip", "download", "-q", "--no-deps", "--only-binary=:all:",
                     "-d", wheel_dir, "pip==%s" % version]
                )
        for wheel in glob.glob(os.path.join(wheel_dir, pattern)):
            if not os.path.exists(os.path.join(CACHE_WHEELS, os.path.basename(wheel))):
                shutil.copy2(wheel, CACHE_WHEELS)
        target = os.path.join(CACHE, "get_pip_%s.py" % version.replace(".", "_"))
        if os.path.exists(target):
            with open(target, encoding="utf-8", errors="replace") as f:
                if MARKER not in f.read(4096):
                    print("pip_shim: keeping the existing real bootstrap script %s" % target)
                    continue
        text = SHIM.format(marker=MARKER, version=version, wheel_dir=wheel_dir, cache_wheels=CACHE_WHEELS)
        if os.path.exists(target):
            with open(target, encoding="utf-8") as f:
                if f.read() == text:
                    continue
        with open(target, "w", encoding="utf-8") as f:
            f.write(text)
        print("pip_shim: %s -> %s (pip %s)" % (python, target, version))
    return 0


if __name__ == "__main__":
    sys.exit(main())
