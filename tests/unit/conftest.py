# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Make ``ansible_collections.broadcast.video`` importable under plain pytest.

``ansible-test units`` runs from an ``ansible_collections/broadcast/video`` tree and needs nothing. Plain
``pytest`` from a checkout gets a temporary directory holding ``ansible_collections/broadcast/video -> <repo root>``
(a symlink) put first on ``sys.path``.
"""

from __future__ import annotations

import importlib
import os
import shutil
import sys
import tempfile

REPO_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def _importable() -> bool:
    try:
        importlib.import_module("ansible_collections.broadcast.video.plugins.module_utils.errors")
    except ImportError:
        return False
    return True


def _link_collection() -> str:
    top = tempfile.mkdtemp(prefix="broadcast-video-unit-")
    namespace = os.path.join(top, "ansible_collections", "broadcast")
    os.makedirs(namespace)
    os.symlink(REPO_ROOT, os.path.join(namespace, "video"))
    sys.path.insert(0, top)
    for name in [m for m in sys.modules if m == "ansible_collections" or m.startswith("ansible_collections.")]:
        del sys.modules[name]
    importlib.invalidate_caches()
    return top


_TEMP_TOP = None if _importable() else _link_collection()


def pytest_unconfigure(config):  # pylint: disable=unused-argument
    """Remove the temporary symlink tree made for plain pytest."""
    if _TEMP_TOP is not None:
        shutil.rmtree(_TEMP_TOP, ignore_errors=True)
