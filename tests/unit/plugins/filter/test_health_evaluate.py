# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Unit tests of the broadcast.video.health_evaluate filter: registration, defaults, keyword arguments, errors as
AnsibleFilterError naming the device. The filter by its FQCN inside the role: tests/integration/targets/role_health."""

from __future__ import annotations

import pytest
from ansible.errors import AnsibleFilterError

from ansible_collections.broadcast.video.plugins.filter.health_evaluate import FilterModule, health_evaluate

ELECTRA = {"jobs": [{"index": 1, "name": "news-0001", "status": "running", "alarm_state": "major"}],
           "nodes": [{"index": 1, "name": "xt-node-01", "status": "up"}]}


def test_registered():
    assert FilterModule().filters() == {"health_evaluate": health_evaluate}


def test_defaults_and_keywords():
    result = health_evaluate(ELECTRA, "electra", "electra-a")
    assert result["status"] == "critical" and result["device"] == "electra-a"
    result = health_evaluate(ELECTRA, "electra", "electra-a", {"electra_jobs_in_alarm": 1}, max_rows=1)
    assert result["status"] == "ok"
    dms = {"system": {"device_count": 1, "online_count": 1}, "devices": [],
           "alarms": [{"severity": "minor", "state": "active", "type": "X", "device_id": "d"}]}
    assert health_evaluate(dms, "dms", "dms-a")["status"] == "ok"
    assert health_evaluate(dms, "dms", "dms-a", dms_alarm_severities=["minor"])["status"] == "critical"


def test_error_and_device_as_text():
    result = health_evaluate({}, "hmp", 42, error=RuntimeError("refused"))
    assert result["device"] == "42" and result["status"] == "unreachable"
    assert result["findings"][0]["message"] == "facts could not be gathered: refused"


def test_errors_name_the_device():
    with pytest.raises(AnsibleFilterError, match=r"broadcast.video.health_evaluate \(electra-a\): thresholds: "
                                                 r"electra_jobs_in_alarm is -1; give a number of 0 or more"):
        health_evaluate(ELECTRA, "electra", "electra-a", {"electra_jobs_in_alarm": -1})
    with pytest.raises(AnsibleFilterError, match=r"\(vos-a\): vos facts have no 'notifications' subset"):
        health_evaluate({}, "vos", "vos-a")
