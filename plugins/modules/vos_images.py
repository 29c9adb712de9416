#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: vos_images
short_description: Manage Harmonic VOS slate images
version_added: 0.1.0
description:
  - Registers and removes slate images (VOS C(/configure/v1/images)), which sources and services reference.
  - VOS images carry only an id and a URL, so the URL is the natural key and nothing can be updated in place.
author:
  - broadcast.video contributors (!UNKNOWN)
extends_documentation_fragment:
  - broadcast.video.vos
  - broadcast.video.resource_state
options:
  config:
    description: The slate images.
    type: list
    elements: dict
    suboptions:
      url:
        description: URL of the image (the natural key).
        type: str
        required: true
"""

EXAMPLES = r"""
- name: The slates every channel uses
  broadcast.video.vos_images:
    config:
      - url: http://images.example.com/signal-loss.png
      - url: http://images.example.com/blackout.png
"""

RETURN = r"""
before:
  description: Every slate image before the run, in the O(config) format.
  returned: when O(state) is V(merged), V(replaced), V(overridden) or V(deleted)
  type: list
  elements: dict
after:
  description: Every slate image after the run (as planned in check mode), in the O(config) format.
  returned: when O(state) is V(merged), V(replaced), V(overridden) or V(deleted)
  type: list
  elements: dict
requests:
  description: Each write planned (check mode) or sent, in order, with C(method), C(path), C(item) and C(operation).
  returned: when O(state) is V(merged), V(replaced), V(overridden) or V(deleted)
  type: list
  elements: dict
  sample: [{"method": "POST", "path": "/vos-api/configure/v1/images", "item": "http://images.example.com/slate.png", "operation": "create"}]
gathered:
  description: The slate images on the cluster, in the O(config) format (can be fed back as O(config)).
  returned: when O(state=gathered)
  type: list
  elements: dict
rendered:
  description: The create requests (method, path, body) for the declared slate images, built offline.
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

from ansible_collections.broadcast.video.plugins.module_utils.module import run_resource_module
from ansible_collections.broadcast.video.plugins.module_utils.vos.device import VOS
from ansible_collections.broadcast.video.plugins.module_utils.vos.resources import IMAGES


def main() -> None:
    """Run the module."""
    run_resource_module(VOS, IMAGES)


if __name__ == "__main__":
    main()
