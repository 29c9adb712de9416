# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Electra XT resource specs: jobs (``electra_jobs``).

Jobs are built from workflows on the device and cannot be created or deleted here (the modeled HTTP interface has
no such request); what a playbook declares is a job's ``status`` (running or stopped) and the values of the
parameters the device lets change (its ``writableParameters``). Jobs are matched by their unique ``name``.
"""

from __future__ import annotations

from typing import Any, Dict, Mapping

from ..errors import ValidationError
from ..fields import Field, FieldMap, References
from ..resource import ResourceSpec
from .client import DEVICE_JOB_STATUSES


def _read_parameters(obj: Mapping[str, Any], refs: References) -> Any:
    values = obj.get("parameters")
    if not isinstance(values, dict):
        return None
    return {str(name): "" if value is None else str(value) for name, value in values.items()}


def _normalize_job(item: Mapping[str, Any], where: str) -> Dict[str, Any]:
    """Parameter values as text (the device's parameter table holds text; ``8000`` and ``"8000"`` are the same)."""
    result = dict(item)
    parameters = result.get("parameters")
    if parameters is None:
        return result
    if not isinstance(parameters, dict):
        raise ValidationError("%s: parameters: give a mapping of parameter name -> value" % where)
    cleaned: Dict[str, str] = {}
    for name, value in parameters.items():
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            raise ValidationError("%s: parameters.%s: %r is not allowed; give a string or a number" % (where, name, value))
        cleaned[str(name)] = str(value)
    result["parameters"] = cleaned
    return result


JOB_FIELDS = FieldMap([
    Field("name", "name"),
    Field("status", "status", spec={"type": "str", "choices": list(DEVICE_JOB_STATUSES)}),
    Field("parameters", "parameters", spec={"type": "dict"}, merge=True, read=_read_parameters),
])

JOBS = ResourceSpec("jobs", "job", JOB_FIELDS, normalize=_normalize_job,
                    create_error="Electra XT jobs are built from workflows on the device and cannot be created here; "
                                 "check the job name (broadcast.video.electra_facts lists the jobs)")
