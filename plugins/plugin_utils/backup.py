# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Backup documents and restore plans of the resource modules (controller side, pure Python).

The ``broadcast.video.backup`` playbook turns each resource module's ``state: gathered`` result into one backup
document (:func:`backup_document`), the file format of docs/dev/roles-and-playbooks.md section 3::

    integration: vos                              # the device family
    module: broadcast.video.vos_sources           # the module that gathered it and restores it
    key: name                                     # the option naming an item
    secrets_left_out:                             # write-only options the device never returns
      - {item: demo.news.origin, option: "outputs[0].end_points[1].password"}
    config: [...]                                 # the gathered items, sorted by their key, keys sorted

The ``broadcast.video.restore`` playbook reads one host's documents back and asks :func:`restore_plans` what to do
with each: the module state to run, the ``config`` to send (items that cannot be created and are missing on the
device left out, statuses the device only reports dropped, secrets from ``restore_secrets`` put in), the items to
delete afterwards (``restore_state: overridden``), the changes a module run would make (computed offline from the
device's gathered state with the same rules as the resource engine) and warnings.

Everything about a module comes from its :class:`ResourceSpec` in ``plugins/module_utils/<device>/resources.py``
(:data:`RESOURCES`): its key, its secret options (``Field(secret=True)``), the kinds it references, whether it can
be created (``create_error``), which states it offers. Nothing here contacts a device.

Errors are :class:`BackupError` (a :class:`ValueError`) with a message naming the module, the item or the option and
what is allowed.
"""

from __future__ import annotations

import copy
import re
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

from ansible_collections.broadcast.video.plugins.module_utils.dms import resources as dms
from ansible_collections.broadcast.video.plugins.module_utils.electra import resources as electra
from ansible_collections.broadcast.video.plugins.module_utils.electra.client import JOB_STATUSES
from ansible_collections.broadcast.video.plugins.module_utils.errors import BroadcastError
from ansible_collections.broadcast.video.plugins.module_utils.fields import Field, FieldMap
from ansible_collections.broadcast.video.plugins.module_utils.hmp import resources as hmp
from ansible_collections.broadcast.video.plugins.module_utils.resource import ResourceSpec, clean
from ansible_collections.broadcast.video.plugins.module_utils.vos import resources as vos

COLLECTION = "broadcast.video"
ALL_STATES = ("merged", "replaced", "overridden", "deleted", "gathered", "rendered")
RESTORE_STATES = ("merged", "overridden")


class BackupError(ValueError):
    """Bad input of a backup or restore: the message names the module, item or option and what is allowed."""


class Resource:
    """One resource module as backups see it.

    :param module: the module's short name (``vos_sources``).
    :param integration: its device family (``vos``, ``hmp``, ``dms``, ``electra``).
    :param spec: its :class:`ResourceSpec`.
    :param states: the ``state`` choices the module offers.
    :param settable: ``{option: values}`` for options of which the device reports more values than a write can
        set (Electra XT job ``status``: ``starting``, ``stopping`` and ``failed`` are only reported).
    """

    def __init__(self, module: str, integration: str, spec: ResourceSpec, states: Sequence[str] = ALL_STATES,
                 settable: Optional[Mapping[str, Sequence[str]]] = None) -> None:
        self.module = module
        self.integration = integration
        self.spec = spec
        self.states = tuple(states)
        self.settable = {k: tuple(v) for k, v in (settable or {}).items()}

    @property
    def fqcn(self) -> str:
        """``broadcast.video.<module>``."""
        return "%s.%s" % (COLLECTION, self.module)

    @property
    def creatable(self) -> bool:
        """Whether the module can create items (DMS devices, Electra XT jobs and HMP videos cannot)."""
        return not self.spec.create_error

    @property
    def deletable(self) -> bool:
        """Whether a restore deletes undeclared items of this kind (``restore_state: overridden``): the module must
        offer ``state: deleted`` and be able to create items, since a restore could not bring back what it deleted
        (HMP videos are recorded media, never deleted by a restore)."""
        return "deleted" in self.states and self.creatable


#: Every resource module, by short name. The backup covers those listed in :data:`INTEGRATIONS`.
RESOURCES: Dict[str, Resource] = {r.module: r for r in (
    Resource("vos_images", "vos", vos.IMAGES),
    Resource("vos_sources", "vos", vos.SOURCES),
    Resource("vos_destinations", "vos", vos.DESTINATIONS),
    Resource("vos_services", "vos", vos.SERVICES),
    Resource("vos_users", "vos", vos.USERS),
    Resource("hmp_sources", "hmp", hmp.SOURCES),
    Resource("hmp_sessions", "hmp", hmp.SESSIONS),
    Resource("hmp_events", "hmp", hmp.EVENTS),
    Resource("hmp_videos", "hmp", hmp.VIDEOS),
    Resource("hmp_recordings", "hmp", hmp.RECORDINGS),
    Resource("hmp_streams", "hmp", hmp.STREAMS),
    Resource("dms_groups", "dms", dms.GROUPS),
    Resource("dms_destinations", "dms", dms.DESTINATIONS),
    Resource("dms_devices", "dms", dms.DEVICES, states=("merged", "replaced", "gathered")),
    Resource("dms_authorizations", "dms", dms.AUTHORIZATIONS),
    Resource("electra_jobs", "electra", electra.JOBS, states=("merged", "gathered"), settable={"status": JOB_STATUSES}),
)}

#: Device family -> (inventory group of its device hosts, the modules a backup covers in restore order: every item
#: a module references is restored by an earlier one). HMP recordings and re-streams are runtime activity, not
#: configuration, and are not backed up.
INTEGRATIONS: Dict[str, Tuple[str, Tuple[str, ...]]] = {
    "vos": ("vos_clusters", ("vos_images", "vos_sources", "vos_destinations", "vos_services", "vos_users")),
    "hmp": ("hmp_servers", ("hmp_sources", "hmp_sessions", "hmp_events", "hmp_videos")),
    "dms": ("dms_servers", ("dms_groups", "dms_destinations", "dms_devices", "dms_authorizations")),
    "electra": ("electra_systems", ("electra_jobs",)),
}


def resource(module: Any) -> Resource:
    """The :class:`Resource` of ``module`` (``vos_sources`` or ``broadcast.video.vos_sources``).

    :raises BackupError: not a resource module of the collection; the message lists them.
    """
    name = str(module)
    if name.startswith(COLLECTION + "."):
        name = name[len(COLLECTION) + 1:]
    if name not in RESOURCES:
        raise BackupError("module %r is not a resource module of %s; use one of %s" % (
            module, COLLECTION, ", ".join(sorted(RESOURCES))))
    return RESOURCES[name]


def integration_modules(integration: Any) -> Tuple[str, ...]:
    """The modules a backup of ``integration`` covers, in restore order.

    :raises BackupError: an unknown integration; the message lists them.
    """
    if integration not in INTEGRATIONS:
        raise BackupError("integration %r is not one of %s" % (integration, ", ".join(INTEGRATIONS)))
    return INTEGRATIONS[str(integration)][1]


def plain(value: Any) -> Any:
    """A copy of ``value`` made of plain ``dict``, ``list``, ``str``, ``int``, ``float``, ``bool`` and None.

    Filters get Ansible's own containers (lazily templated on ansible-core 2.19 and later, where every access costs
    a template check): the planning code reads its input many times, so the filters copy it once first.
    """
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, bool) or value is None:
        return value
    for kind in (str, int, float):
        if isinstance(value, kind):
            return kind(value)
    return value


# ---------------------------------------------------------------------------------------------- backup documents


def sort_keys(value: Any) -> Any:
    """A copy of ``value`` with the keys of every dict, also nested, in sorted order (lists keep their order)."""
    if isinstance(value, Mapping):
        return {str(k): sort_keys(value[k]) for k in sorted(value, key=str)}
    if isinstance(value, (list, tuple)):
        return [sort_keys(v) for v in value]
    return value


def _identity(res: Resource, item: Mapping[str, Any], where: str) -> str:
    name = res.spec.identity(item)
    if name is None:
        raise BackupError("%s: %s: %s has no %s (every item needs one)" % (res.module, where, res.spec.label, res.spec.key))
    return name


def _items(res: Resource, value: Any, what: str) -> List[Dict[str, Any]]:
    if value is None:
        return []
    if not isinstance(value, (list, tuple)):
        raise BackupError("%s: %s must be a list of %s items, got %s" % (res.module, what, res.module, type(value).__name__))
    for index, item in enumerate(value):
        if not isinstance(item, Mapping):
            raise BackupError("%s: %s[%d] must be a dict, got %s" % (res.module, what, index, type(item).__name__))
    return [dict(item) for item in value]


def backup_document(gathered: Any, module: Any) -> Dict[str, Any]:
    """The backup document of one module's ``state: gathered`` output.

    :param gathered: the module's ``gathered`` list (items in option form).
    :param module: the module, ``vos_sources`` or ``broadcast.video.vos_sources``.
    :returns: ``{integration, module (FQCN), key, secrets_left_out: [{item, option}], config}`` in that key order;
        items sorted by their natural key, every dict's keys sorted, secrets listed sorted by item and option. The
        same input always gives the same document (no time or run-dependent value).
    :raises BackupError: an unknown module, an item that is not a dict, lacks its key, holds a secret value, or
        shares its key with another item.
    """
    res = resource(module)
    items = _items(res, gathered, "gathered")
    keyed: Dict[str, Dict[str, Any]] = {}
    for index, item in enumerate(items):
        name = _identity(res, item, "gathered[%d]" % index)
        if name in keyed:
            raise BackupError("%s: gathered[%d]: %s %r appears twice; the device holds two items with this %s (rename "
                              "one so that a restore can tell them apart)" % (res.module, index, res.spec.label, name,
                                                                              res.spec.key))
        if res.spec.fields.has_secrets(item):
            raise BackupError("%s: gathered[%d] (%s %r) holds a secret value; give the module's gathered output, which "
                              "never does" % (res.module, index, res.spec.label, name))
        keyed[name] = item
    config = [sort_keys(clean(keyed[name])) for name in sorted(keyed)]
    left_out = [{"item": name, "option": path}
                for name in sorted(keyed) for path in sorted(res.spec.fields.secret_paths(keyed[name]))]
    return {"integration": res.integration, "module": res.fqcn, "key": res.spec.key, "secrets_left_out": left_out,
            "config": config}


# ---------------------------------------------------------------------------------------------- restore plans

_PATH_PART = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)(?:\[(\d+)\])?$")


def _field(fields: FieldMap, option: str) -> Optional[Field]:
    return fields.by_option.get(option)


def set_secret(res: Resource, item: Dict[str, Any], path: str, value: Any, where: str) -> None:
    """Put ``value`` at option path ``path`` (``outputs[0].end_points[1].password``) of ``item`` (in place).

    :raises BackupError: the path does not lead to a secret option of an existing (sub-)item, or the value is not a
        string; the message names ``where`` and the secret options the item has.
    """
    allowed = res.spec.fields.secret_paths(item)
    if path not in allowed:
        raise BackupError("%s: %r is not a secret option of this %s; its secret options are %s" % (
            where, path, res.spec.label, ", ".join(allowed) or "none"))
    if not isinstance(value, str):
        raise BackupError("%s.%s: give the secret as a string (from Ansible Vault), got %s" % (
            where, path, type(value).__name__))
    fields: FieldMap = res.spec.fields
    current: Dict[str, Any] = item
    parts = path.split(".")
    for part in parts[:-1]:
        match = _PATH_PART.match(part)
        option, index = match.group(1), int(match.group(2))  # type: ignore[union-attr]  # FieldMap.secret_paths made it
        nested = _field(fields, option).nested  # type: ignore[union-attr]
        sub = [dict(s) for s in current[option]]
        current[option] = sub
        current = sub[index]
        fields = nested  # type: ignore[assignment]
    current[parts[-1]] = value


def _visible(res: Resource, item: Mapping[str, Any]) -> Dict[str, Any]:
    visible: Dict[str, Any] = sort_keys(clean(res.spec.fields.strip_secrets(item)))
    return visible


def _normalized(res: Resource, item: Mapping[str, Any], where: str) -> Dict[str, Any]:
    if res.spec.normalize is None:
        return dict(item)
    try:
        return res.spec.normalize(item, where)
    except BroadcastError as exc:
        raise BackupError("%s: %s" % (res.module, exc.message)) from None


class _Plan:
    """The plan of one module (see :func:`restore_plans` for the fields of :meth:`as_dict`)."""

    def __init__(self, res: Resource, state: str) -> None:
        self.res = res
        self.state = state
        self.config: List[Dict[str, Any]] = []
        self.shown: List[Dict[str, Any]] = []
        self.deletes: List[Dict[str, Any]] = []
        self.changes: List[Dict[str, Any]] = []
        self.skipped: List[Dict[str, str]] = []
        self.secrets: List[Dict[str, str]] = []
        self.warnings: List[str] = []
        self.deferred: List[str] = []

    def change(self, operation: str, name: str, before: Optional[Dict[str, Any]], after: Optional[Dict[str, Any]]) -> None:
        self.changes.append({"operation": operation, "item": name, "before": before or {}, "after": after or {}})

    def summary(self) -> str:
        """``vos_sources (merged): 2 to create, 1 to update; 1 skipped``."""
        counts: Dict[str, int] = {}
        for change in self.changes:
            counts[change["operation"]] = counts.get(change["operation"], 0) + 1
        text = ", ".join("%d to %s" % (counts[op], op) for op in ("create", "update", "delete") if op in counts)
        return "%s (%s%s): %s%s" % (self.res.module, self.state, ", then deleted" if self.deletes else "",
                                    text or "no change", "; %d skipped" % len(self.skipped) if self.skipped else "")

    def notes(self) -> List[str]:
        """The warnings and skipped items as text, each starting with the module's name."""
        lines = ["%s: %s" % (self.res.module, text) for text in self.warnings]
        lines.extend("%s: %s %r is not restored: %s" % (self.res.module, self.res.spec.label, entry["item"], entry["reason"])
                     for entry in self.skipped)
        return lines

    def secret_notes(self) -> List[str]:
        """The secrets left out as text: ``vos_users: operator password (kept as on the device)``."""
        return ["%s: %s %s (%s)" % (self.res.module, e["item"], e["option"], e["effect"]) for e in self.secrets]

    def as_dict(self, with_config: bool) -> Dict[str, Any]:
        res = self.res
        return {
            "summary": self.summary(),
            "module": res.fqcn,
            "state": self.state,
            "config": self.config if with_config else self.shown,
            "delete_state": "deleted" if self.deletes else None,
            "deletes": self.deletes,
            "changes": self.changes,
            "changed": bool(self.changes),
            "run": any(c["operation"] != "delete" for c in self.changes),
            "deferred": self.deferred,
            "skipped": self.skipped,
            "secrets_left_out": self.secrets,
            "warnings": self.warnings,
            "notes": self.notes(),
            "secret_notes": self.secret_notes(),
        }


def _document(res_name: str, document: Any, integration: str) -> Tuple[Resource, List[Dict[str, Any]]]:
    where = "%s.yml" % res_name
    if not isinstance(document, Mapping):
        raise BackupError("%s: not a backup document (a mapping with integration, module, key, secrets_left_out and "
                          "config), got %s" % (where, type(document).__name__))
    module = document.get("module")
    try:
        res = resource(module)
    except BackupError:
        raise BackupError("%s: module %r is not a resource module of %s" % (where, module, COLLECTION)) from None
    if res.module != res_name:
        raise BackupError("%s: the file holds a backup of %s; a file is named after its module (%s.yml)" % (
            where, res.fqcn, res.module))
    if res.integration != integration or document.get("integration") != integration:
        raise BackupError("%s: a backup of %s (integration %s) cannot be restored to a %s device host; restore it to a "
                          "host of group %s" % (where, res.fqcn, document.get("integration"), integration,
                                                INTEGRATIONS[res.integration][0]))
    if res.module not in integration_modules(integration):
        raise BackupError("%s: %s is not part of a backup (only %s)" % (where, res.fqcn,
                                                                        ", ".join(integration_modules(integration))))
    if document.get("key") != res.spec.key:
        raise BackupError("%s: key is %r; a backup of %s has key %r" % (where, document.get("key"), res.fqcn,
                                                                        res.spec.key))
    return res, _items(res, document.get("config"), "%s: config" % where)


def _plan_module(res: Resource, config: List[Dict[str, Any]], current: List[Dict[str, Any]], restore_state: str,
                 secrets: Mapping[str, Any], left_out: Sequence[Mapping[str, Any]]) -> _Plan:
    spec = res.spec
    state = "merged"
    if restore_state == "overridden" and "replaced" in res.states:
        state = "replaced"
    plan = _Plan(res, state)
    have: Dict[str, Dict[str, Any]] = {}
    for index, item in enumerate(current):
        have.setdefault(_identity(res, item, "gathered[%d]" % index), item)
    wanted = []
    for index, original in enumerate(config):
        where = "%s.yml: config[%d]" % (res.module, index)
        if spec.fields.has_secrets(original):
            raise BackupError("%s: holds a secret value; a backup holds none (give secrets in restore_secrets, from "
                              "Ansible Vault)" % where)
        want = _normalized(res, original, where)
        wanted.append((original, want, _identity(res, want, where)))
    declared = set(entry[2] for entry in wanted)
    unknown = sorted(set(str(k) for k in secrets) - declared)
    if unknown:
        raise BackupError("restore_secrets.%s: %s not in the backup of %s" % (
            res.module, ", ".join(repr(u) for u in unknown), res.fqcn))
    for original, want, name in wanted:
        shown = copy.deepcopy(original)
        send = copy.deepcopy(original)
        given = secrets.get(name) or {}
        if not isinstance(given, Mapping):
            raise BackupError("restore_secrets.%s[%r]: give a mapping of option path -> secret" % (res.module, name))
        for path in sorted(given):
            set_secret(res, send, str(path), given[path], "restore_secrets.%s[%r]" % (res.module, name))
        current_item = have.get(name)
        if current_item is None and not res.creatable:
            plan.skipped.append({"item": name, "reason": "not on the device, and %s cannot create it (%s)" % (
                res.fqcn, spec.create_error)})
            continue
        missing = [opt for opt in spec.required if _field(spec.fields, opt).secret and not send.get(opt)]  # type: ignore[union-attr]
        if current_item is None and missing:
            plan.skipped.append({"item": name, "reason": "not on the device, and a %s cannot be created without its "
                                                         "%s, which the backup leaves out (give %s in restore_secrets)" % (
                                                             spec.label, " and ".join(missing), " and ".join(
                                                                 "%s[%r].%s" % (res.module, name, m) for m in missing))})
            continue
        for option, values in sorted(res.settable.items()):
            value = want.get(option)
            if value is not None and value not in values and (current_item or {}).get(option) != value:
                plan.warnings.append("%s %r was %s %s at backup time: a restore can only set %s %s, so it is left as it "
                                     "is (%s)" % (spec.label, name, option, value, option, " or ".join(values),
                                                  (current_item or {}).get(option)))
                want.pop(option)
                send.pop(option)
                shown.pop(option)
        for entry in left_out:
            if entry.get("item") == name and entry.get("option") not in given:
                plan.secrets.append({"item": name, "option": str(entry.get("option")),
                                     "effect": "kept as on the device" if current_item is not None else
                                     "created without it"})
        plan.config.append(send)
        plan.shown.append(shown)
        if current_item is None:
            plan.change("create", name, None, _visible(res, spec.fields.complete(want, None)))
            continue
        desired = spec.fields.complete(want, current_item if state == "merged" else None)
        if spec._identity is None:  # pylint: disable=protected-access
            desired[spec.key] = current_item.get(spec.key)
        if _visible(res, desired) != _visible(res, current_item):
            plan.change("update", name, _visible(res, current_item), _visible(res, desired))
    extra = [name for name in sorted(have) if name not in declared]
    if restore_state == "overridden" and res.deletable:
        for name in extra:
            item = have[name]
            soft = spec.soft_delete
            if soft and all(item.get(k) == v for k, v in soft.items()):
                continue
            plan.deletes.append(item)
            plan.change("delete", name, _visible(res, item), _visible(res, dict(item, **soft)) if soft else None)
    elif restore_state == "overridden" and extra:
        why = ("%s cannot delete items" % res.fqcn if "deleted" not in res.states else
               "a restore never deletes %ss, since %s cannot create them" % (spec.label, res.fqcn))
        plan.warnings.append("%s not in the backup %s left as %s: %s (%s)" % (
            ", ".join(repr(name) for name in extra), "is" if len(extra) == 1 else "are",
            "it is" if len(extra) == 1 else "they are", why, spec.label))
    return plan


def restore_plans(documents: Any, integration: Any, current: Any, restore_state: Any = "merged",
                  secrets: Any = None, with_secrets: bool = False) -> Dict[str, Dict[str, Any]]:
    """What a restore of one device host does, module by module, in restore order.

    :param documents: ``{module short name (the file name): backup document}`` of the host (any subset of the
        integration's modules).
    :param integration: the host's device family (``vos``, ``hmp``, ``dms``, ``electra``).
    :param current: ``{module short name: the device's gathered list}`` for every module of ``documents``.
    :param restore_state: ``merged`` (create missing items, update the backed-up options of existing ones) or
        ``overridden`` (each backed-up item becomes exactly as backed up, and every other item is deleted where
        the kind can be created and deleted).
    :param secrets: ``{module: {item: {option path: secret}}}`` (``restore_secrets``): write-only values to send
        with the items, since the backup has none. Modules of other integrations are ignored (one dict may serve
        every host).
    :param with_secrets: put the secrets in each plan's ``config`` (for the module task; never print such a plan).
        Without it, ``config`` holds the backed-up items (which hold no secret) as the module gets them otherwise.
    :returns: ``{module: plan}``, each plan ``{summary (one line: what changes), module (FQCN), state (merged or replaced), config (for the module),
        delete_state (deleted or None), deletes (items for the deleted run that follows, in reverse restore
        order), changes: [{operation (create, update, delete), item, before, after}] (what the module runs would
        change, computed from ``current``; secrets never shown), changed, deferred: [references to items this
        restore creates in an earlier module: a module run in check mode cannot resolve them], skipped: [{item,
        reason}] (not restored), secrets_left_out: [{item, option, effect}], warnings: [text], notes: [the warnings and
        skipped items as text], secret_notes: [the secrets left out as text]}``.
    :raises BackupError: ``restore_state`` not merged or overridden; a document that is not a backup of one of the
        integration's modules, is named after another module, is malformed or holds a secret value; ``restore_secrets`` naming an item
        or option the backup does not have, or a value that is not a string; a ``current`` list missing.
    """
    if restore_state not in RESTORE_STATES:
        raise BackupError("restore_state: %r is not allowed; use merged (the default: create missing items, update "
                          "existing ones, delete nothing) or overridden (also delete every item the backup does not "
                          "have)" % (restore_state,))
    order = integration_modules(integration)
    if not isinstance(documents, Mapping):
        raise BackupError("documents: give a mapping of module -> backup document, got %s" % type(documents).__name__)
    unexpected = sorted(str(name) for name in documents if name not in order)
    if unexpected:
        raise BackupError("%s: not a backup file of the %s integration (its files are %s)" % (
            ", ".join("%s.yml" % u for u in unexpected), integration, ", ".join("%s.yml" % m for m in order)))
    secrets = {} if secrets is None else secrets
    if not isinstance(secrets, Mapping):
        raise BackupError("restore_secrets: give a mapping of module -> item -> option path -> secret")
    stray = sorted(str(name) for name in secrets if name not in RESOURCES or RESOURCES[name].integration == integration
                   and name not in order)
    if stray:
        raise BackupError("restore_secrets: %s is not a module of a backup; use %s" % (
            ", ".join(repr(s) for s in stray), ", ".join(m for i in INTEGRATIONS for m in integration_modules(i))))
    current = {} if current is None else current
    plans: Dict[str, _Plan] = {}
    for name in order:
        if name not in documents:
            continue
        res, config = _document(name, documents[name], str(integration))
        if not isinstance(current, Mapping) or name not in current:
            raise BackupError("current: the device's gathered %s items are needed to plan the restore of %s" % (
                name, res.fqcn))
        given = secrets.get(name) or {}
        if not isinstance(given, Mapping):
            raise BackupError("restore_secrets.%s: give a mapping of item -> option path -> secret" % name)
        left_out = documents[name].get("secrets_left_out") or []
        plans[name] = _plan_module(res, config, _items(res, current[name], "current"), str(restore_state), given,
                                   [e for e in left_out if isinstance(e, Mapping)])
    _mark_deferred(plans)
    return {name: plan.as_dict(with_secrets) for name, plan in plans.items()}


def _mark_deferred(plans: Mapping[str, _Plan]) -> None:
    """Record, for each plan, the references its items make to items an earlier module of the restore creates."""
    created: Dict[str, set] = {}
    for plan in plans.values():
        spec = plan.res.spec
        wanted = set()
        for item in plan.config:
            wanted.update(spec.fields.references(item))
        plan.deferred = ["%s %s" % (kind, name) for kind, name in sorted(wanted) if name in created.get(kind, set())]
        created.setdefault(spec.kind, set()).update(c["item"] for c in plan.changes if c["operation"] == "create")
