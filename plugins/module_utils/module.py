# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Glue between ``AnsibleModule`` and the shared layer, used by every module of every device.

A device provides a :class:`Device`: its connection argument spec and a client factory. Modules then call
:func:`run_resource_module` or :func:`run_module` and contain no HTTP or SNMP code.
"""

from __future__ import annotations

import copy
from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence

from ansible.module_utils.basic import AnsibleModule, missing_required_lib

from .errors import BroadcastError
from .transport import REQUESTS_IMPORT_ERROR
from .resource import STATES, ResourceEngine, ResourceSpec


#: The ``update_password`` option of modules whose items have write-only secrets (``always | on_create``).
UPDATE_PASSWORD: Dict[str, Any] = {
    "update_password": {"type": "str", "default": "on_create", "choices": ["always", "on_create"], "no_log": False}}


class Device:
    """One integration's connection options and client factory.

    :param name: the integration prefix (``vos``).
    :param connection_spec: argument spec of the connection options (the doc fragment mirrors it).
    :param client_factory: ``fn(params, check_mode, offline) -> client``; the client has ``http`` (an ``HttpClient``) and ``close()``.
    :param requires: ``{library name: import error or None}`` checked before anything runs.
    """

    def __init__(self, name: str, connection_spec: Mapping[str, Any], client_factory: Callable[[Mapping[str, Any], bool, bool], Any],
                 requires: Optional[Mapping[str, Optional[str]]] = None) -> None:
        self.name = name
        self.connection_spec = dict(connection_spec)
        self.client_factory = client_factory
        self.requires = dict(requires or {"requests": REQUESTS_IMPORT_ERROR})


def resource_argument_spec(device: Device, spec: ResourceSpec, extra: Optional[Mapping[str, Any]] = None,
                           states: Sequence[str] = STATES) -> Dict[str, Any]:
    """Connection options + ``config`` (list of items built from the field map) + ``state`` (one of ``states``)
    + ``extra``."""
    argument_spec = copy.deepcopy(device.connection_spec)
    options = spec.fields.argument_spec()
    options[spec.key]["required"] = True
    argument_spec["config"] = {"type": "list", "elements": "dict", "options": options}
    argument_spec["state"] = {"type": "str", "default": "merged", "choices": list(states)}
    argument_spec.update(copy.deepcopy(dict(extra or {})))
    return argument_spec


def _dict_options_removed(argument_spec: Mapping[str, Any]) -> Dict[str, Any]:
    """``argument_spec`` in which every ``type: dict`` option (also inside list-of-dict options) lost its
    sub-options, so that Ansible only checks that its value is a dict."""
    result: Dict[str, Any] = {}
    for name, spec in argument_spec.items():
        spec = dict(spec)
        if spec.get("options"):
            if spec.get("type") == "dict":
                spec.pop("options")
            else:
                spec["options"] = _dict_options_removed(spec["options"])
        result[name] = spec
    return result


def ansible_module(argument_spec: Mapping[str, Any], **kwargs: Any) -> AnsibleModule:
    """``AnsibleModule(argument_spec=..., **kwargs)``, except that a dict option with sub-options given a boolean or
    a number (``schedule: false``) ends in Ansible's own type error, not a traceback: ansible-core (2.19) looks
    for sub-option fallbacks in the value before checking that it is a dict, which raises TypeError."""
    try:
        return AnsibleModule(argument_spec=dict(argument_spec), **kwargs)
    except TypeError as exc:
        module = AnsibleModule(argument_spec=_dict_options_removed(argument_spec), **kwargs)
        module.fail_json(msg="invalid module arguments: %s" % exc)
        raise  # not reached: fail_json exits


def check_requirements(module: AnsibleModule, device: Device) -> None:
    """``fail_json`` with ``missing_required_lib``'s message for the first missing Python library."""
    for library, error in device.requires.items():
        if error is not None:
            module.fail_json(msg=missing_required_lib(library), exception=error)


def diagnostics(module: AnsibleModule, client: Any) -> Dict[str, Any]:
    """``endpoints`` call/error counts, plus at -vvv the ``http_log`` (method, path, status, duration_ms)."""
    http = getattr(client, "http", None)
    if http is None:
        return {}
    result: Dict[str, Any] = {"endpoints": http.stats.as_dict()}
    if getattr(module, "_verbosity", 0) >= 3:
        result["http_log"] = list(http.log)
    return result


def run_module(module: AnsibleModule, device: Device, body: Callable[[Any], Dict[str, Any]], offline: bool = False) -> None:
    """Build the client, run ``body(client)`` and exit with its result (plus diagnostics).

    With ``offline`` the client is built for rendering only: it needs no host and never sends a request.

    Every :class:`BroadcastError` ends in ``fail_json`` with its message and details; the client logs out and
    closes its connection pool in every case.
    """
    check_requirements(module, device)
    client = None
    try:
        client = device.client_factory(module.params, module.check_mode or offline, offline)
        result = body(client)
        result.update(diagnostics(module, client))
        for warning in getattr(client, "warnings", None) or []:
            module.warn(warning)
    except BroadcastError as exc:
        failure = dict(exc.details)
        failure.update(diagnostics(module, client))
        module.fail_json(msg=exc.message, **failure)
    except Exception as exc:  # pylint: disable=broad-except
        # A bug of ours: still end in fail_json, with the secrets masked and the traceback where -vvv shows it.
        import traceback
        masker = getattr(getattr(client, "http", None), "mask", lambda text: text)
        module.fail_json(msg="unexpected error (please report it): %s: %s" % (type(exc).__name__, masker(str(exc))),
                         exception=masker(traceback.format_exc()))
    finally:
        # also runs when fail_json exits (it raises SystemExit)
        if client is not None:
            client.close()
    module.exit_json(**result)


def run_resource_module(device: Device, spec: ResourceSpec, extra_options: Optional[Mapping[str, Any]] = None,
                        secrets_option: Optional[str] = None, states: Sequence[str] = STATES) -> None:
    """The whole of a resource module's ``main()``.

    :param extra_options: module-specific options beside ``config`` and ``state``.
    :param states: the states the module offers (DMS devices cannot be created or deleted: no ``overridden``,
        ``deleted`` or ``rendered``).
    :param secrets_option: name of the ``always | on_create`` option deciding whether write-only secrets are sent
        to existing items (``update_password``).
    """
    module = ansible_module(resource_argument_spec(device, spec, extra_options, states), supports_check_mode=True,
                            required_if=[("state", s, ("config",)) for s in ("merged", "replaced", "deleted", "rendered")])
    state = module.params["state"]

    def body(client: Any) -> Dict[str, Any]:
        update_secrets = module.params.get(secrets_option) if secrets_option else "on_create"
        engine = ResourceEngine(client, spec, check_mode=module.check_mode, update_secrets=update_secrets or "on_create")
        result = engine.run(state, module.params.get("config"))
        operations = result.pop("operations", [])
        if module._diff and operations:
            result["diff"] = engine.diffs(operations)
        return result

    run_module(module, device, body, offline=state == "rendered")


def merge_warnings(module: AnsibleModule, warnings: List[str]) -> None:
    """Show warnings after the task (``module.warn``; ansible-core 2.19 deprecates a ``warnings`` result key)."""
    for warning in warnings:
        module.warn(warning)
