# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Run a command and write its wall time, exit status and peak memory (maximum resident set size) as JSON.

    python -I benchmarks/dms/peak_rss.py RESULT.json COMMAND [ARGS...]

Why a wrapper: Linux records a process's memory high-water mark *before* ``exec`` into its ``ru_maxrss``. A command
started straight from the benchmark (a fork of it) would report at least the benchmark's own peak (hundreds of MB
once it has generated 100,000 devices). This small process (about 10 MB) starts the command instead, so the
command's ``ru_maxrss`` is its own. ``os.wait4`` on that one child gives its rusage alone (with the maximum over any
child it waited for itself, never a sum); ``RUSAGE_CHILDREN`` would mix every child ever reaped. stdin, stdout and
stderr are the wrapper's own, inherited. Standard library only.
"""

import json
import os
import sys
import time


def main(argv):
    if len(argv) < 3:
        sys.stderr.write("usage: peak_rss.py RESULT.json COMMAND [ARGS...]\n")
        return 2
    result_path, command = argv[1], argv[2:]
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:  # the child: become the command
        try:
            os.execvp(command[0], command)
        finally:
            os._exit(127)  # pylint: disable=protected-access
    _pid, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - start
    rc = os.waitstatus_to_exitcode(status)
    # ru_maxrss: kilobytes on Linux, bytes on macOS
    peak_kb = usage.ru_maxrss // 1024 if sys.platform == "darwin" else usage.ru_maxrss
    with open(result_path, "w", encoding="utf-8") as handle:
        json.dump({"rc": rc, "wall_s": wall, "peak_kb": peak_kb, "user_s": usage.ru_utime, "sys_s": usage.ru_stime}, handle)
    return rc


if __name__ == "__main__":
    sys.exit(main(sys.argv))
