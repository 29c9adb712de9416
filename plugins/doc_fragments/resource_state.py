# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations


class ModuleDocFragment:
    """The ``state`` option and attributes shared by every resource module."""

    DOCUMENTATION = r"""
options:
  state:
    description:
      - V(merged) creates missing items and updates the options given for existing ones; undeclared items and
        options are left alone.
      - V(replaced) makes each declared item exactly as declared; options left out go back to their defaults.
      - V(overridden) is V(replaced) plus the deletion of every item not declared in O(config).
      - V(deleted) deletes the declared items (only their key is needed); an empty O(config) is refused.
      - V(gathered) reads the items and returns them in RV(gathered), in exactly the O(config) format.
      - V(rendered) returns in RV(rendered) the request bodies that would create the declared items, without
        contacting the device; references to other items appear as C(<kind:name>) placeholders.
      - The module reads the current items (and every kind they reference) once, validates every item and reference,
        and only then writes. In check mode nothing is written and RV(requests) lists the planned writes.
    type: str
    choices: [merged, replaced, overridden, deleted, gathered, rendered]
    default: merged
attributes:
  check_mode:
    support: full
    description: Plans every change and sends no write request.
  diff_mode:
    support: full
    description: Shows, for each created, changed or deleted item, its options before and after.
"""
