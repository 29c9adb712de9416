# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
name: channel_lineup
short_description: Expand compact OTT channel definitions into VOS and HMP resource module configs
version_added: 0.1.0
author:
  - broadcast.video contributors (!UNKNOWN)
description:
  - Takes a list of compact channel definitions (the C(channel_lineup) variable of the
    P(broadcast.video.channel#role) role) and returns the O(broadcast.video.vos_images#module:config),
    O(broadcast.video.vos_sources#module:config), O(broadcast.video.vos_destinations#module:config),
    O(broadcast.video.vos_services#module:config), O(broadcast.video.hmp_sessions#module:config) and
    O(broadcast.video.hmp_events#module:config) lists that provision them.
  - "Naming: the service is called C(<name>); the first input becomes the source C(<name>.primary) (service
    source rank 1), the second C(<name>.backup) (rank 2), further ones C(<name>.backup2), C(<name>.backup3) and so
    on; a destination is called C(<name>.<type>) (C(news.origin), C(news.ats)). An explicit C(name) on an input or a
    destination replaces the default. The HMP session is titled C(recording.session), by default C(<name>)."
  - "Each source has the input as its rank-1 C(zixi) input and, when the channel has a C(slate) and
    C(signal_loss_slate) is true (the default), a rank-2 C(signal_loss) slate input showing that image. The slate is
    also the service's SCTE-35 slate image and is registered once in the images list."
  - "Every definition is checked before anything is returned: unknown or missing fields, types and choices (the same
    option tree as the role's C(meta/argument_specs.yml)), ports, origin versus ats fields, HMP days and start times,
    and names used twice (channels, sources, destinations, HMP sessions, event start times). Errors name the channel
    and the field, for example - channel 'news' (channel_lineup[0]): inputs[1].ip_port: is required. End point
    passwords never appear in a message."
  - The lists keep the line-up's order, so the result is deterministic.
positional: _input
options:
  _input:
    description:
      - The channel definitions. See the P(broadcast.video.channel#role) role's README or
        C(docs/guides/channel-lineup.md) for every field.
    type: list
    elements: dict
    required: true
  pending:
    description:
      - "For check mode. Objects a check-mode run has planned to create but that do not exist yet, as
        C({images: [urls], sources: [names], destinations: [names]})."
      - The result's RV(_value.deferred) then names the sources and services that reference one of them, which a
        module cannot plan before they exist.
    type: dict
seealso:
  - module: broadcast.video.vos_services
  - module: broadcast.video.vos_sources
  - module: broadcast.video.vos_destinations
  - module: broadcast.video.hmp_events
"""

EXAMPLES = r"""
- name: Expand the line-up and apply the services only
  broadcast.video.vos_services:
    config: "{{ (channel_lineup | broadcast.video.channel_lineup).services }}"
  vars:
    channel_lineup:
      - name: news
        profile: dfw.1080 2
        on_air: true
        inputs:
          - {cloud_link_group: DFW-CL-GROUP-A, ip_address: 232.50.0.1, ip_port: 5000}
          - {cloud_link_group: DFW-CL-GROUP-B, ip_address: 232.50.1.1, ip_port: 5000}
        slate: http://slates.example.com/news.png
        destinations:
          - type: ats
            destination_profile: ATS
            ip_address: 239.50.0.1
            ip_port: 40000
            cloud_link_group: DFW-CL-GROUP-A

# The expansion of the channel above:
# services:     [{name: news, profile: dfw.1080 2, control_state: activated, slate_image: http://slates.example.com/news.png,
#                 sources: [{name: news.primary, rank: 1}, {name: news.backup, rank: 2}], destinations: [news.ats]}]
# sources:      news.primary and news.backup, each [{rank: 1, type: zixi, ...}, {rank: 2, type: slate, ...}]
# destinations: [{name: news.ats, type: ats, destination_profile: ATS, outputs: [{rank: 1, type: cloudlink, ...}]}]
# images:       [{url: http://slates.example.com/news.png}]

- name: In check mode, leave out the services that use sources this run would create
  ansible.builtin.debug:
    msg: "{{ (channel_lineup | broadcast.video.channel_lineup(pending={'sources': ['news.primary'] })).deferred.services }}"
"""

RETURN = r"""
_value:
  description: The config lists, one per resource module, and what check mode has to defer.
  type: dict
  contains:
    images:
      description: Slate images (O(broadcast.video.vos_images#module:config)), each C({url}), once each.
      type: list
      elements: dict
    sources:
      description: Sources (O(broadcast.video.vos_sources#module:config)).
      type: list
      elements: dict
    destinations:
      description: Destinations (O(broadcast.video.vos_destinations#module:config)); may hold end point passwords.
      type: list
      elements: dict
    services:
      description: Services (O(broadcast.video.vos_services#module:config)).
      type: list
      elements: dict
    hmp_sessions:
      description: HMP sessions of the channels with C(recording) (O(broadcast.video.hmp_sessions#module:config)).
      type: list
      elements: dict
    hmp_events:
      description: Their recording events (O(broadcast.video.hmp_events#module:config)).
      type: list
      elements: dict
    deferred:
      description:
        - "C({sources: [names], services: [names]}): the sources that use a pending slate image, and the services
          that use a pending slate image, source or destination (see O(pending)). Empty lists without O(pending)."
      type: dict
"""

from typing import Any, Callable, Dict

from ansible.errors import AnsibleFilterError

from ansible_collections.broadcast.video.plugins.plugin_utils.channel import LineupError, expand_lineup


def channel_lineup(lineup: Any, pending: Any = None) -> Dict[str, Any]:
    """The filter: :func:`~ansible_collections.broadcast.video.plugins.plugin_utils.channel.expand_lineup`.

    :raises AnsibleFilterError: a definition is not valid (the message names the channel and the field).
    """
    try:
        return expand_lineup(lineup, pending)
    except LineupError as exc:
        raise AnsibleFilterError("broadcast.video.channel_lineup: %s" % exc) from None


class FilterModule:
    """broadcast.video.channel_lineup."""

    def filters(self) -> Dict[str, Callable[..., Any]]:
        return {"channel_lineup": channel_lineup}
