# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Benchmark helper callback (not part of the collection's plugins): note the simulator's request-log length at
every task start, so ``benchmarks/lib.py`` can attribute each device request to the task that sent it.

Enabled only by ``make bench`` (``ANSIBLE_CALLBACKS_ENABLED=bench_request_marks``); reads ``BENCH_SIM_URL`` (the
simulator, whose ``GET /__sim__/requests`` is unauthenticated, unlogged and has no simulated latency) and writes
``{"tasks": [{"name", "start"}], "end": n}`` to ``BENCH_MARKS_FILE`` when the playbook ends. Tasks run one after the
other on one host, so the requests between two marks belong to one task.
"""

from __future__ import annotations

import json
import os
import urllib.request
from typing import Any

from ansible.plugins.callback import CallbackBase

DOCUMENTATION = r"""
name: bench_request_marks
type: aggregate
short_description: Note the simulator request-log length at every task start (make bench only)
description:
  - Benchmark helper; see the module docstring.
"""


class CallbackModule(CallbackBase):
    """Marks the request log at every task start; writes the marks at the end of the playbook."""

    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = "aggregate"
    CALLBACK_NAME = "bench_request_marks"
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._url = os.environ.get("BENCH_SIM_URL", "")
        self._file = os.environ.get("BENCH_MARKS_FILE", "")
        self._tasks: list[dict[str, Any]] = []

    def _log_length(self) -> int:
        if not self._url:
            return 0
        with urllib.request.urlopen(self._url + "/__sim__/requests", timeout=30) as answer:  # nosec B310 - loopback
            return len(json.loads(answer.read()))

    def v2_playbook_on_task_start(self, task: Any, is_conditional: bool) -> None:  # pylint: disable=unused-argument
        self._tasks.append({"name": task.get_name(), "start": self._log_length()})

    def v2_playbook_on_stats(self, stats: Any) -> None:  # pylint: disable=unused-argument
        if self._file:
            with open(self._file, "w", encoding="utf-8") as handle:
                json.dump({"tasks": self._tasks, "end": self._log_length()}, handle)
