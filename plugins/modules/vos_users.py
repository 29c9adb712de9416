#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: vos_users
short_description: Manage Harmonic VOS users
version_added: 0.1.0
description:
  - Creates, updates and deletes VOS users (C(/vos-api/user/v1/users)), matched by O(config[].username).
  - Passwords are write-only; see O(update_password).
  - Listing and creating users is confirmed; updating and deleting by id, and the C(email) and C(roles) fields, are
    modeled (see the collection's docs/vos.md).
author:
  - broadcast.video contributors (!UNKNOWN)
extends_documentation_fragment:
  - broadcast.video.vos
  - broadcast.video.resource_state
options:
  update_password:
    description:
      - V(on_create) sets the password only when a user is created, so runs stay idempotent.
      - V(always) sends the password to existing users too; the task then always reports changed, since VOS never
        returns passwords.
    type: str
    default: on_create
    choices: [always, on_create]
  config:
    description: The users.
    type: list
    elements: dict
    suboptions:
      username:
        description: Login name (the natural key).
        type: str
        required: true
      name:
        description: Display name. Defaults to O(config[].username) for new users.
        type: str
      email:
        description: E-mail address (modeled field).
        type: str
      roles:
        description: Role names (modeled field).
        type: list
        elements: str
      password:
        description: Password; required to create a user; never returned.
        type: str
"""

EXAMPLES = r"""
- name: Operators of the cluster
  broadcast.video.vos_users:
    config:
      - username: operator
        name: Night operator
        roles: [operator]
        password: "{{ vault_operator_password }}"
"""

RETURN = r"""
before:
  description: Every user before the run, in the O(config) format.
  returned: when O(state) is V(merged), V(replaced), V(overridden) or V(deleted)
  type: list
  elements: dict
after:
  description: Every user after the run (as planned in check mode), in the O(config) format.
  returned: when O(state) is V(merged), V(replaced), V(overridden) or V(deleted)
  type: list
  elements: dict
requests:
  description: Each write planned (check mode) or sent, in order, with C(method), C(path), C(item) and C(operation).
  returned: when O(state) is V(merged), V(replaced), V(overridden) or V(deleted)
  type: list
  elements: dict
  sample: [{"method": "POST", "path": "/vos-api/user/v1/users", "item": "operator", "operation": "create"}]
gathered:
  description: The users on the cluster, in the O(config) format (can be fed back as O(config)).
  returned: when O(state=gathered)
  type: list
  elements: dict
rendered:
  description: The create requests (method, path, body) for the declared users, built offline.
  returned: when O(state=rendered)
  type: list
  elements: dict
endpoints:
  description: Calls and errors per API endpoint during this run.
  returned: when the device was contacted
  type: dict
http_log:
  description: Each HTTP request of the run with method, path, status and duration in milliseconds (no secrets).
  returned: with verbosity 3 or more (C(-vvv))
  type: list
  elements: dict
"""

from ansible_collections.broadcast.video.plugins.module_utils.module import UPDATE_PASSWORD, run_resource_module
from ansible_collections.broadcast.video.plugins.module_utils.vos.device import VOS
from ansible_collections.broadcast.video.plugins.module_utils.vos.resources import USERS


def main() -> None:
    """Run the module."""
    run_resource_module(VOS, USERS, UPDATE_PASSWORD, secrets_option="update_password")


if __name__ == "__main__":
    main()
