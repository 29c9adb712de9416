# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Benchmark helper callback (not part of the collection's plugins): write the result of the
``broadcast.video.electra_facts`` task as JSON, so ``benchmarks/scenarios/electra_facts.py`` can check the rows and
the module's own round-trip count (``snmp``) without a second task (which would add to the measured wall time).

Enabled only by ``make bench`` (``ANSIBLE_CALLBACKS_ENABLED=bench_electra_result``); writes the (last) result of a
task whose action ends in ``electra_facts`` to ``BENCH_ELECTRA_RESULT_FILE``, ok or failed, with ``"_bench_status":
"ok"|"failed"`` added.
"""

from __future__ import annotations

import json
import os
from typing import Any

from ansible.plugins.callback import CallbackBase

DOCUMENTATION = r"""
name: bench_electra_result
type: aggregate
short_description: Write the electra_facts result to a file (make bench only)
description:
  - Benchmark helper; see the module docstring.
"""


class CallbackModule(CallbackBase):
    """Writes the electra_facts task result to ``BENCH_ELECTRA_RESULT_FILE``."""

    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = "aggregate"
    CALLBACK_NAME = "bench_electra_result"
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._file = os.environ.get("BENCH_ELECTRA_RESULT_FILE", "")

    def _write(self, result: Any, status: str) -> None:
        if not self._file or not str(getattr(result.task, "action", "")).endswith("electra_facts"):
            return
        # ansible-core 2.19+ has ``result.result``; ``_result`` is the older name
        data = dict(result.result if hasattr(type(result), "result") else result._result)  # pylint: disable=protected-access
        data["_bench_status"] = status
        with open(self._file, "w", encoding="utf-8") as handle:
            json.dump(data, handle, default=str)

    def v2_runner_on_ok(self, result: Any) -> None:
        self._write(result, "ok")

    def v2_runner_on_failed(self, result: Any, ignore_errors: bool = False) -> None:  # pylint: disable=unused-argument
        self._write(result, "failed")
