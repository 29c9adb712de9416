# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fixtures of the module unit tests: each module's ``main()`` run in-process against the VOS simulator.

``run_module(module, args)`` calls ``main()`` under ``ansible.module_utils.testing.patch_module_args`` and returns
``(exit code, result dict)`` parsed from the JSON the module printed on stdout; a Python exception escaping
``main()`` is not caught (it fails the test, which is the point of the no-tracebacks rule).
"""

from __future__ import annotations

import json

import pytest

from ansible.module_utils import _internal as ansible_internal
from ansible.module_utils.common import warnings as ansible_warnings
from ansible.module_utils.testing import patch_module_args


def call_main(module, args):
    """Run ``module.main()`` with ``args``; returns the SystemExit code (exceptions propagate).

    Ansible keeps warnings and deprecations of the process in module globals; they are cleared first so that each
    run reports only its own, as in a real (one process per task) run. A module runs outside the controller: once a
    test has imported controller code (an inventory plugin), ansible-core 2.19 marks the process as the controller
    and sends module warnings to its display instead of the result; the mark is lifted while the module runs.
    """
    ansible_warnings._global_warnings.clear()  # pylint: disable=protected-access
    ansible_warnings._global_deprecations.clear()  # pylint: disable=protected-access
    was_controller = ansible_internal.is_controller
    ansible_internal.is_controller = False
    try:
        with patch_module_args(args):
            try:
                module.main()
            except SystemExit as exc:
                return exc.code
    finally:
        ansible_internal.is_controller = was_controller
    raise AssertionError("%s.main() returned without exit_json/fail_json" % module.__name__)


@pytest.fixture
def run_module(capsys):
    """``run_module(module, args) -> (code, result)``: the module's exit code and its JSON result."""
    def run(module, args):
        capsys.readouterr()
        code = call_main(module, args)
        out = capsys.readouterr().out
        try:
            result = json.loads(out)
        except ValueError:
            raise AssertionError("%s printed no JSON result: %r" % (module.__name__, out[:2000])) from None
        assert isinstance(result, dict)
        assert code == (1 if result.get("failed") else 0), (code, result)
        return code, result
    return run
