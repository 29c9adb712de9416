# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Ansible's own floor for a 100,000-device inventory: the hosts, variables and groups of ``broadcast.video.dms``,
added from memory (a pickle the benchmark writes beforehand), with no network, no cache and no plugin logic.

Benchmark-only: not part of the collection. Enabled with ``ANSIBLE_INVENTORY_PLUGINS`` and
``ANSIBLE_INVENTORY_ENABLED=dms_floor``; the configuration file ``*.floor.yml`` names the pickle with ``hosts_file``
(or the environment, ``DMS_FLOOR_HOSTS_FILE``, as ``benchmarks/dms/devices.floor.yml`` does).
"""

from __future__ import annotations

DOCUMENTATION = r"""
name: dms_floor
short_description: Benchmark floor, the DMS hosts from a pickle
description:
  - Adds hosts from a pickled list of (name, variables, groups).
options:
  plugin:
    description: marks the file.
    required: true
    choices: [dms_floor]
  hosts_file:
    description: pickle written by the benchmark.
    required: true
    env:
      - name: DMS_FLOOR_HOSTS_FILE
"""

import pickle

from ansible.plugins.inventory import BaseInventoryPlugin


class InventoryModule(BaseInventoryPlugin):
    """The trivial plugin: add_host, set_variable and add_child, nothing else."""

    NAME = "dms_floor"

    def verify_file(self, path):
        return super().verify_file(path) and path.endswith((".floor.yml", ".floor.yaml"))

    def parse(self, inventory, loader, path, cache=True):
        super().parse(inventory, loader, path, cache)
        self._read_config_data(path)
        with open(self.get_option("hosts_file"), "rb") as stream:
            hosts = pickle.load(stream)
        hosts.reverse()
        while hosts:
            # each entry is dropped once added: the floor holds no more than Ansible's own hosts
            name, variables, groups = hosts.pop()
            self.inventory.add_host(name)
            for key, value in variables.items():
                self.inventory.set_variable(name, key, value)
            for group in groups:
                self.inventory.add_group(group)
                self.inventory.add_child(group, name)
