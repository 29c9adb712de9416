# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The broadcast.video.backup_document and broadcast.video.backup_restore_plan filters: entry points, errors as
AnsibleFilterError, and the backup file text as the playbook writes it (to_nice_yaml, sort_keys=false)."""

from __future__ import annotations

import pytest
import yaml

from ansible.errors import AnsibleFilterError
from ansible.plugins.filter.core import to_nice_yaml

from ansible_collections.broadcast.video.plugins.filter import backup_document, backup_restore_plan

DOCUMENT = backup_document.FilterModule().filters()["backup_document"]
PLAN = backup_restore_plan.FilterModule().filters()["backup_restore_plan"]

USERS = [{"username": "operator", "roles": ["OPERATOR"], "name": "Ops", "email": "ops@example.com"},
         {"username": "monitor", "name": "NOC", "roles": ["VIEWER"]}]


def test_backup_document_text_is_stable_and_in_contract_order():
    text = to_nice_yaml(DOCUMENT(USERS, "broadcast.video.vos_users"), indent=2, sort_keys=False, width=1000)
    assert text == to_nice_yaml(DOCUMENT(list(reversed(USERS)), "vos_users"), indent=2, sort_keys=False, width=1000)
    assert text.splitlines()[:9] == [
        "integration: vos",
        "module: broadcast.video.vos_users",
        "key: username",
        "secrets_left_out:",
        "- item: monitor",
        "  option: password",
        "- item: operator",
        "  option: password",
        "config:",
    ]
    assert yaml.safe_load(text)["config"][1] == {"email": "ops@example.com", "name": "Ops", "roles": ["OPERATOR"],
                                                 "username": "operator"}


def test_backup_document_errors():
    with pytest.raises(AnsibleFilterError, match=r"^broadcast.video.backup_document: module 'vos_facts' is not a resource"):
        DOCUMENT([], "vos_facts")


def test_backup_restore_plan():
    documents = {"vos_users": DOCUMENT(USERS, "vos_users")}
    current = {"vos_users": [{"username": "monitor", "name": "NOC", "roles": ["VIEWER"]}]}
    plans = PLAN(documents, "vos", current)
    assert plans["vos_users"]["summary"] == "vos_users (merged): no change; 1 skipped"
    plans = PLAN(documents, "vos", current, "merged", {"vos_users": {"operator": {"password": "pw"}}}, True)
    assert plans["vos_users"]["config"][1]["password"] == "pw"
    assert plans["vos_users"]["summary"] == "vos_users (merged): 1 to create"
    with pytest.raises(AnsibleFilterError, match=r"^broadcast.video.backup_restore_plan: restore_state: 'deleted' is not "):
        PLAN(documents, "vos", current, "deleted")
