#!/usr/bin/env python
"""Mirror the working tree into .build/ansible_collections/broadcast/video.

ansible-test must run from inside ``.../ansible_collections/<ns>/<name>/`` and
resolves the working directory with getcwd(), so a symlink does not work: the
collection is copied.  The copy is a mirror: changed files are copied
(size + mtime), files removed from the working tree are removed from the copy.
Never touched in the copy: ``.git`` (a private repository, see below) and
``tests/output`` (ansible-test's results).

ansible-test lists content files with git when the collection root has a
``.git`` and otherwise walks up to the nearest ``.git`` - which would be this
repository, where ``.build/`` is ignored, so ansible-test would see no files.
The copy therefore gets its own ``git init`` (nothing is ever committed there:
ansible-test lists untracked files too, honouring the copied .gitignore, which
keeps ``tests/output/`` out of sanity).

Usage: sync_build.py [SRC_ROOT [DEST]]   (defaults: repo root, .build/...)
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_DEST = os.path.join(ROOT, ".build", "ansible_collections", "broadcast", "video")

# Paths relative to the repo root that are never copied (and never deleted in DEST).
EXCLUDE_TOP = {
    ".git", ".venv", ".build", ".ansible", ".mypy_cache", ".pytest_cache", ".tox",
    "htmlcov", os.path.join("tests", "output"), os.path.join("benchmarks", "results"),
}
# Directory names excluded at any depth.
EXCLUDE_ANY_DIR = {"__pycache__", ".pytest_cache", ".mypy_cache", ".ansible"}
EXCLUDE_SUFFIX = (".pyc", ".pyo", ".tar.gz", ".retry")


def excluded(rel: str, is_dir: bool) -> bool:
    if rel in EXCLUDE_TOP:
        return True
    name = os.path.basename(rel)
    if is_dir:
        return name in EXCLUDE_ANY_DIR
    return name.endswith(EXCLUDE_SUFFIX) or name.startswith(".coverage")


def walk(top: str) -> tuple[set[str], set[str]]:
    files: set[str] = set()
    dirs: set[str] = set()
    for root, dir_names, file_names in os.walk(top):
        rel_root = os.path.relpath(root, top)
        rel_root = "" if rel_root == "." else rel_root
        keep = []
        for d in dir_names:
            rel = os.path.join(rel_root, d)
            if excluded(rel, True):
                continue
            if os.path.islink(os.path.join(root, d)):
                files.add(rel)  # directory symlink: copied as a link
                continue
            keep.append(d)
            dirs.add(rel)
        dir_names[:] = keep
        for f in file_names:
            rel = os.path.join(rel_root, f)
            if not excluded(rel, False):
                files.add(rel)
    return files, dirs


def same(src: str, dst: str) -> bool:
    if os.path.islink(src) or os.path.islink(dst):
        return os.path.islink(src) and os.path.islink(dst) and os.readlink(src) == os.readlink(dst)
    try:
        s, d = os.stat(src), os.stat(dst)
    except FileNotFoundError:
        return False
    return s.st_size == d.st_size and int(s.st_mtime) == int(d.st_mtime) and s.st_mode == d.st_mode


def main() -> int:
    src = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else ROOT
    dest = os.path.abspath(sys.argv[2]) if len(sys.argv) > 2 else DEFAULT_DEST
    os.makedirs(dest, exist_ok=True)
    src_files, src_dirs = walk(src)
    dst_files, dst_dirs = walk(dest)
    copied = removed = 0
    for rel in sorted(dst_files - src_files):
        os.remove(os.path.join(dest, rel))
        removed += 1
    for rel in sorted(dst_dirs - src_dirs, reverse=True):
        shutil.rmtree(os.path.join(dest, rel), ignore_errors=True)
        removed += 1
    for rel in sorted(src_dirs):
        path = os.path.join(dest, rel)
        if os.path.islink(path) or (os.path.exists(path) and not os.path.isdir(path)):
            os.remove(path)
        os.makedirs(path, exist_ok=True)
    for rel in sorted(src_files):
        s, d = os.path.join(src, rel), os.path.join(dest, rel)
        if same(s, d):
            continue
        if os.path.lexists(d):
            if os.path.isdir(d) and not os.path.islink(d):
                shutil.rmtree(d)
            else:
                os.remove(d)
        if os.path.islink(s):
            os.symlink(os.readlink(s), d)
        else:
            shutil.copy2(s, d)
        copied += 1
    if not os.path.isdir(os.path.join(dest, ".git")):
        subprocess.run(["git", "init", "-q", dest], check=True)
    rel_dest = os.path.relpath(dest, src) if dest.startswith(src) else dest
    print("sync: %s (%d files, %d copied, %d removed)" % (rel_dest, len(src_files), copied, removed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
