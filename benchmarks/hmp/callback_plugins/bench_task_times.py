# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Benchmark helper callback (not part of the collection's plugins): the wall time of every task, so a scenario can
tell the time a module spends (start-up of the module included) from the ``ansible-playbook`` start-up around it.

Enabled only by ``make bench`` (``ANSIBLE_CALLBACKS_ENABLED=bench_task_times``); writes
``{"tasks": [{"name", "seconds"}], "playbook_seconds": s}`` to ``BENCH_TASK_TIMES_FILE`` when the playbook ends. A task
lasts from its start to the start of the next task (or the end of the play), so the time of a loop covers every
item. Tasks run one after the other on one host.
"""

from __future__ import annotations

import json
import os
import time
from typing import Any

from ansible.plugins.callback import CallbackBase

DOCUMENTATION = r"""
name: bench_task_times
type: aggregate
short_description: Note the wall time of every task (make bench only)
description:
  - Benchmark helper; see the module docstring.
"""


class CallbackModule(CallbackBase):
    """Notes the time at every task start; writes the durations at the end of the playbook."""

    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = "aggregate"
    CALLBACK_NAME = "bench_task_times"
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._file = os.environ.get("BENCH_TASK_TIMES_FILE", "")
        self._start = time.perf_counter()
        self._tasks: list[dict[str, Any]] = []

    def _close_last(self, now: float) -> None:
        if self._tasks and "seconds" not in self._tasks[-1]:
            self._tasks[-1]["seconds"] = now - self._tasks[-1].pop("started")

    def v2_playbook_on_task_start(self, task: Any, is_conditional: bool) -> None:  # pylint: disable=unused-argument
        now = time.perf_counter()
        self._close_last(now)
        self._tasks.append({"name": task.get_name(), "started": now})

    def v2_playbook_on_stats(self, stats: Any) -> None:  # pylint: disable=unused-argument
        now = time.perf_counter()
        self._close_last(now)
        if self._file:
            with open(self._file, "w", encoding="utf-8") as handle:
                json.dump({"tasks": self._tasks, "playbook_seconds": now - self._start}, handle)
