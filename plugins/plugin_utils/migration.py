# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Copy VOS services from one cluster to another: the pure core of the ``broadcast.video.vos_migration`` filter.

Input is what the source cluster returns (the ``state: gathered`` lists of ``vos_services``, ``vos_sources`` and
``vos_destinations``, or the same lists from ``vos_facts``, whose extra ``id`` is dropped), a selection of services
and a *mapping*. Output is the ``config`` lists to apply with ``state: merged`` on the target cluster, in the order
images, sources, destinations, services: exactly the selected services and the sources, destinations and slate
images they reference, with every name and reference mapped the same way.

The mapping (a dict, usually loaded from a YAML file; every key optional)::

    names:
      services: {AandEHD.1080.tv: aande.1080}          # explicit old -> new, per kind
      sources: {}
      destinations: {}
      rules:                                           # for names without an explicit entry: first match wins
        - {pattern: '\\.dfw\\.', replace: '.ord.', kinds: [destinations]}   # kinds: default all three
    cloud_link_groups: {DFW-CL-GROUP-A: ORD-CL-GROUP-A}
    profiles: {"dfw.1080 2": "ord.1080 2", Akamai: Limelight}   # transcoding and destination profiles
    slate_images: {http://old/slate.png: http://new/slate.png}

A rule's ``pattern`` is a Python regular expression searched in the name; its first match is replaced with
``replace`` (``re.sub`` with ``count=1``: ``\\1`` and ``\\g<name>`` refer to groups). Names, groups, profiles and images without an entry are
copied unchanged.

Every problem is found before anything is returned, and reported together in one :class:`MigrationError`: a
selection entry that matches no service, a selected service that references a source or destination the source
cluster does not have, two objects of one kind mapped to one name, and, when the target's facts are given, a
profile or cloud-link group the target does not have after mapping, and an object that already exists on the target
with other settings (unless ``overwrite``).

Passwords of destination end points are write-only (the source cluster never returns them): they cannot be copied,
and the result lists every end point whose password must be set again on the target (``secrets_not_copied``).
"""

from __future__ import annotations

import copy
import fnmatch
import re
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Set, Tuple

from ansible_collections.broadcast.video.plugins.module_utils.vos import resources as vos

#: The kinds whose objects are copied and renamed, in the order they are applied on the target.
KINDS = ("sources", "destinations", "services")
#: Singular labels for messages.
LABELS = {"services": "service", "sources": "source", "destinations": "destination", "images": "slate image"}
MAPPING_KEYS = ("names", "cloud_link_groups", "profiles", "slate_images")
NAMES_KEYS = ("services", "sources", "destinations", "rules")
RULE_KEYS = ("pattern", "replace", "kinds")
CONTROL_STATES = ("activated", "off")
_GLOB = re.compile(r"[*?\[]")


class MigrationError(Exception):
    """A selection, source inventory, mapping or target that cannot be migrated; the message names every problem."""


# ---------------------------------------------------------------------------------------------- the mapping


class Rule:
    """One ``names.rules`` entry: ``pattern`` (compiled), ``replace`` and the kinds it applies to."""

    def __init__(self, index: int, pattern: str, replace: str, kinds: Sequence[str]) -> None:
        self.index = index
        self.pattern = pattern
        self.regex = re.compile(pattern)
        self.replace = replace
        self.kinds = tuple(kinds)
        self.used = False

    @property
    def where(self) -> str:
        """The rule's place in the mapping, for messages: ``names.rules[0] ('^dfw\\.')``."""
        return "names.rules[%d] (%r)" % (self.index, self.pattern)


class MigrationMap:
    """A validated mapping. Build it with :func:`parse_mapping`.

    :ivar names: ``{kind: {old: new}}`` for the three kinds.
    :ivar rules: the :class:`Rule` list, in file order.
    :ivar maps: ``{"cloud_link_groups"|"profiles"|"slate_images": {old: new}}``.
    :ivar used: ``{section: set of old values that were used}``; sections are ``names.<kind>`` and the three maps.
    """

    def __init__(self, names: Dict[str, Dict[str, str]], rules: List[Rule], maps: Dict[str, Dict[str, str]]) -> None:
        self.names = names
        self.rules = rules
        self.maps = maps
        self.used: Dict[str, Set[str]] = {}

    def rename(self, kind: str, name: str) -> str:
        """The target name of the ``kind`` object ``name`` (explicit entry, else the first matching rule, else
        unchanged).

        :raises MigrationError: a rule's replacement is invalid for this name (bad group reference) or gives an
            empty name.
        """
        explicit = self.names.get(kind, {})
        if name in explicit:
            self.used.setdefault("names." + kind, set()).add(name)
            return explicit[name]
        for rule in self.rules:
            if kind in rule.kinds and rule.regex.search(name):
                rule.used = True
                try:
                    new = rule.regex.sub(rule.replace, name, count=1)
                except (re.error, IndexError) as exc:
                    raise MigrationError("%s: replace %r cannot be applied to %s %r: %s" % (
                        rule.where, rule.replace, LABELS[kind], name, exc)) from None
                if not new:
                    raise MigrationError("%s turns %s %r into an empty name" % (rule.where, LABELS[kind], name))
                return new
        return name

    def map(self, section: str, value: Any) -> Any:
        """``value`` through the ``section`` map (``profiles``, ``cloud_link_groups``, ``slate_images``); None and
        values without an entry are returned unchanged."""
        table = self.maps[section]
        if value is None or value not in table:
            return value
        self.used.setdefault(section, set()).add(value)
        return table[value]

    def unused(self) -> List[str]:
        """Entries that matched nothing in this run, as ``section['old']`` and ``names.rules[i] (pattern)``."""
        found = []
        for kind in ("services", "sources", "destinations"):
            used = self.used.get("names." + kind, set())
            found += ["names.%s[%r]" % (kind, old) for old in sorted(self.names[kind]) if old not in used]
        found += [rule.where for rule in self.rules if not rule.used]
        for section in ("cloud_link_groups", "profiles", "slate_images"):
            used = self.used.get(section, set())
            found += ["%s[%r]" % (section, old) for old in sorted(self.maps[section]) if old not in used]
        return found


def _string_map(value: Any, where: str, errors: List[str]) -> Dict[str, str]:
    """``value`` checked as a dict of non-empty strings to non-empty strings (None: empty)."""
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        errors.append("mapping %s must be a dict of old name: new name, got %s" % (where, type(value).__name__))
        return {}
    result: Dict[str, str] = {}
    for old, new in value.items():
        if not isinstance(old, str) or not old:
            errors.append("mapping %s: key %r must be a non-empty string (quote it in YAML)" % (where, old))
        elif not isinstance(new, str) or not new:
            errors.append("mapping %s[%r]: the new value must be a non-empty string, got %r" % (where, old, new))
        else:
            result[old] = new
    return result


def _rules(value: Any, errors: List[str]) -> List[Rule]:
    """``names.rules`` checked and compiled."""
    if value is None:
        return []
    if not isinstance(value, list):
        errors.append("mapping names.rules must be a list of {pattern, replace[, kinds]}, got %s" % type(value).__name__)
        return []
    rules = []
    for index, entry in enumerate(value):
        where = "mapping names.rules[%d]" % index
        if not isinstance(entry, Mapping):
            errors.append("%s must be a dict {pattern, replace[, kinds]}, got %r" % (where, entry))
            continue
        unknown = sorted(str(k) for k in entry if k not in RULE_KEYS)
        if unknown:
            errors.append("%s: unknown keys %s (allowed: %s)" % (where, ", ".join(unknown), ", ".join(RULE_KEYS)))
            continue
        pattern, replace = entry.get("pattern"), entry.get("replace")
        if not isinstance(pattern, str) or not pattern:
            errors.append("%s: pattern must be a non-empty regular expression, got %r" % (where, pattern))
            continue
        if not isinstance(replace, str):
            errors.append("%s: replace must be a string (it may be empty), got %r" % (where, replace))
            continue
        kinds = entry.get("kinds", list(KINDS))
        if isinstance(kinds, str):
            kinds = [kinds]
        if not isinstance(kinds, list) or not kinds or any(k not in KINDS for k in kinds):
            errors.append("%s: kinds must be a non-empty list of %s, got %r" % (where, ", ".join(sorted(KINDS)), kinds))
            continue
        try:
            rules.append(Rule(index, pattern, replace, kinds))
        except re.error as exc:
            errors.append("%s: pattern %r is not a valid regular expression: %s" % (where, pattern, exc))
    return rules


def parse_mapping(mapping: Any) -> MigrationMap:
    """Validate a mapping dict (None or ``{}``: copy everything unchanged).

    :param mapping: ``{names: {services|sources|destinations: {old: new}, rules: [{pattern, replace, kinds}]},
        cloud_link_groups: {old: new}, profiles: {old: new}, slate_images: {old url: new url}}``; every key optional.
    :returns: the :class:`MigrationMap`.
    :raises MigrationError: naming every malformed entry and what is allowed.
    """
    if mapping is None:
        mapping = {}
    if not isinstance(mapping, Mapping):
        raise MigrationError("the mapping must be a dict with the keys %s, got %s" % (
            ", ".join(MAPPING_KEYS), type(mapping).__name__))
    errors: List[str] = []
    unknown = sorted(str(k) for k in mapping if k not in MAPPING_KEYS)
    if unknown:
        errors.append("mapping: unknown keys %s (allowed: %s)" % (", ".join(unknown), ", ".join(MAPPING_KEYS)))
    names_section = mapping.get("names") or {}
    names: Dict[str, Dict[str, str]] = {kind: {} for kind in KINDS}
    rules: List[Rule] = []
    if not isinstance(names_section, Mapping):
        errors.append("mapping names must be a dict with the keys %s, got %s" % (
            ", ".join(NAMES_KEYS), type(names_section).__name__))
    else:
        unknown = sorted(str(k) for k in names_section if k not in NAMES_KEYS)
        if unknown:
            errors.append("mapping names: unknown keys %s (allowed: %s)" % (", ".join(unknown), ", ".join(NAMES_KEYS)))
        for kind in KINDS:
            names[kind] = _string_map(names_section.get(kind), "names.%s" % kind, errors)
        rules = _rules(names_section.get("rules"), errors)
    maps = {section: _string_map(mapping.get(section), section, errors)
            for section in ("cloud_link_groups", "profiles", "slate_images")}
    if errors:
        raise MigrationError("; ".join(errors))
    return MigrationMap(names, rules, maps)


# ---------------------------------------------------------------------------------------------- inputs


def _items(source: Mapping[str, Any], kind: str, errors: List[str]) -> Dict[str, Dict[str, Any]]:
    """The source cluster's ``kind`` list as ``{name: item}`` (deep copies without ``id``)."""
    value = source.get(kind)
    if not isinstance(value, list):
        errors.append("source %s must be the list that state gathered (or vos_facts) returns, got %s" % (
            kind, "nothing" if value is None else type(value).__name__))
        return {}
    found: Dict[str, Dict[str, Any]] = {}
    duplicates: Set[str] = set()
    for index, item in enumerate(value):
        if not isinstance(item, Mapping) or not isinstance(item.get("name"), str):
            errors.append("source %s[%d] must be a dict with a name, got %r" % (kind, index, item))
            continue
        name = item["name"]
        if name in found:
            duplicates.add(name)
        found[name] = {k: copy.deepcopy(v) for k, v in item.items() if k != "id"}
    for name in sorted(duplicates):
        errors.append("the source cluster has several %ss named %r: rename them there so names are unique" % (
            LABELS[kind], name))
    return found


def select_services(names: Iterable[str], selection: Any) -> List[str]:
    """The service names chosen by ``selection``, sorted.

    :param names: every service name of the source cluster.
    :param selection: None (every service), a string, or a list of strings; an entry with ``*``, ``?`` or ``[`` is
        a shell-style pattern (``fnmatch``, case-sensitive), any other entry an exact name.
    :raises MigrationError: an empty list, a non-string entry, or entries that match no service (all named).
    """
    available = sorted(names)
    if selection is None:
        return available
    if isinstance(selection, str):
        selection = [selection]
    if not isinstance(selection, list) or not selection:
        raise MigrationError("services: select at least one service by name or pattern (leave it out for all), got %r"
                             % (selection,))
    chosen: Set[str] = set()
    errors = []
    for index, entry in enumerate(selection):
        if not isinstance(entry, str) or not entry:
            errors.append("services[%d]: %r is not a service name or pattern" % (index, entry))
            continue
        if _GLOB.search(entry):
            matched = [n for n in available if fnmatch.fnmatchcase(n, entry)]
        else:
            matched = [entry] if entry in available else []
        if not matched:
            shown = ", ".join(repr(n) for n in available[:20]) + (" ..." if len(available) > 20 else "")
            errors.append("services[%d]: %r matches no service of the source cluster (services: %s)" % (
                index, entry, shown or "none"))
        chosen.update(matched)
    if errors:
        raise MigrationError("; ".join(errors))
    return sorted(chosen)


def _target_names(target: Mapping[str, Any], key: str) -> Optional[Set[str]]:
    """Names in the target's ``profiles`` list, or of its ``cloud_links.groups``; None when not given."""
    if key == "cloud_link_groups":
        links = target.get("cloud_links")
        if not isinstance(links, Mapping) or not isinstance(links.get("groups"), list):
            return None
        entries = links["groups"]
    else:
        entries = target.get(key)
        if not isinstance(entries, list):
            return None
    return {str(e.get("name")) for e in entries if isinstance(e, Mapping) and e.get("name") is not None}


def _target_items(target: Mapping[str, Any], kind: str) -> Optional[Dict[str, Dict[str, Any]]]:
    """The target's ``kind`` list as ``{name (url for images): item without id}``; None when not given."""
    entries = target.get(kind)
    if not isinstance(entries, list):
        return None
    key = "url" if kind == "images" else "name"
    return {str(e[key]): {k: v for k, v in e.items() if k != "id"} for e in entries
            if isinstance(e, Mapping) and e.get(key) is not None}


# ---------------------------------------------------------------------------------------------- the migration


def _differences(wanted: Mapping[str, Any], have: Mapping[str, Any]) -> List[str]:
    """Options of ``wanted`` whose value on the target differs (what ``state: merged`` would change)."""
    return sorted(k for k, v in wanted.items() if have.get(k) != v)


def _described(kind: str, new: str, old: str) -> str:
    label = "%s %r" % (LABELS[kind], new)
    return label if new == old else "%s (was %r)" % (label, old)


def migrate(source: Any, mapping: Any = None, services: Any = None, target: Any = None, control_state: Any = None,
            overwrite: bool = False) -> Dict[str, Any]:
    """Compute the target cluster's configuration for a migration.

    :param source: ``{"services": [...], "sources": [...], "destinations": [...]}``: the source cluster's items in
        the modules' ``config`` format (``state: gathered`` results, or ``vos_facts`` lists; ``id`` is dropped).
    :param mapping: the mapping dict (see the module docstring and :func:`parse_mapping`); None copies unchanged.
    :param services: the selection (see :func:`select_services`); None selects every service.
    :param target: optional ``ansible_facts.vos`` of the target cluster. ``profiles`` and ``cloud_links`` make
        mapped profiles and cloud-link groups checked; ``services``, ``sources``, ``destinations`` and ``images``
        give the ``plan`` (create, update or unchanged per object) and the check for objects that already exist with
        other settings.
    :param control_state: ``activated`` or ``off`` to set on every copied service; None or ``""`` keeps each
        service's state from the source cluster.
    :param overwrite: allow updating target objects that exist with other settings (otherwise refused).
    :returns: ``{"images": [{"url"}], "sources": [...], "destinations": [...], "services": [...]`` (config lists
        sorted by name/url), ``"renamed": [{"kind", "from", "to"}]``, ``"remapped": {"profiles"|
        "cloud_link_groups"|"slate_images": {old: new}}`` (entries used, value changed), ``"secrets_not_copied":
        [{"item", "option"}]``, ``"unused_mapping": [entry, ...]``, ``"plan": {kind: {"create", "update",
        "unchanged": [names]}}`` (kinds the target gave), ``"deferred": {kind: [names]}`` (objects that reference an
        object this run creates, which check mode cannot check before it exists) and ``"summary": [lines]}``.
    :raises MigrationError: naming every item and value that cannot be migrated; nothing is returned then.
    """
    if not isinstance(source, Mapping):
        raise MigrationError("the input must be a dict with the source cluster's services, sources and destinations "
                             "(state gathered results), got %s" % type(source).__name__)
    if control_state in (None, ""):
        control_state = None
    elif control_state not in CONTROL_STATES:
        raise MigrationError("control_state must be activated, off, or empty to keep each service's state; got %r"
                             % (control_state,))
    if target is not None and not isinstance(target, Mapping):
        raise MigrationError("target must be the target cluster's vos_facts (a dict), got %s" % type(target).__name__)
    target = target or {}
    rules = parse_mapping(mapping)

    errors: List[str] = []
    have = {kind: _items(source, kind, errors) for kind in KINDS}
    if errors:
        raise MigrationError("; ".join(errors))
    selected = select_services(have["services"], services)

    # What the selected services reference.
    wanted: Dict[str, List[str]] = {"sources": [], "destinations": []}
    for name in selected:
        service = have["services"][name]
        refs = [("sources", entry.get("name")) for entry in service.get("sources") or []]
        refs += [("destinations", dest) for dest in service.get("destinations") or []]
        for kind, ref in refs:
            if ref not in have[kind]:
                errors.append("service %r references %s %r, which the source cluster does not have" % (
                    name, LABELS[kind], ref))
            elif ref not in wanted[kind]:
                wanted[kind].append(ref)
    if errors:
        raise MigrationError("; ".join(errors))
    old_names = {"services": selected, "sources": sorted(wanted["sources"]),
                 "destinations": sorted(wanted["destinations"])}

    # New names, and collisions.
    new_name: Dict[str, Dict[str, str]] = {}
    for kind in KINDS:
        new_name[kind] = {old: rules.rename(kind, old) for old in old_names[kind]}
        by_new: Dict[str, List[str]] = {}
        for old, new in new_name[kind].items():
            by_new.setdefault(new, []).append(old)
        for new, olds in sorted(by_new.items()):
            if len(olds) > 1:
                errors.append("the mapping gives %s the same name %r on the target: %s" % (
                    LABELS[kind] + "s", new, ", ".join(repr(o) for o in sorted(olds))))
    if errors:
        raise MigrationError("; ".join(errors))

    # The items, with every reference mapped.
    result_items: Dict[str, List[Dict[str, Any]]] = {}
    remapped: Dict[str, Dict[str, str]] = {"profiles": {}, "cloud_link_groups": {}, "slate_images": {}}
    references: List[Tuple[str, str, str, str]] = []  # (what, section, value after mapping, value before)

    def mapped(section: str, value: Any, what: str) -> Any:
        new = rules.map(section, value)
        if value is not None:
            if new != value:
                remapped[section][value] = new
            references.append((what, section, new, value))
        return new

    images: Set[str] = set()
    sources = []
    for old in old_names["sources"]:
        item = have["sources"][old]
        item["name"] = new_name["sources"][old]
        for index, entry in enumerate(item.get("inputs") or []):
            what = "%s inputs[%d]" % (_described("sources", item["name"], old), index)
            if "cloud_link_group" in entry:
                entry["cloud_link_group"] = mapped("cloud_link_groups", entry["cloud_link_group"], what)
            if "slate_image" in entry:
                entry["slate_image"] = mapped("slate_images", entry["slate_image"], what)
                images.add(entry["slate_image"])
        sources.append(item)
    destinations = []
    secrets: List[Dict[str, str]] = []
    for old in old_names["destinations"]:
        item = have["destinations"][old]
        item["name"] = new_name["destinations"][old]
        described = _described("destinations", item["name"], old)
        if "destination_profile" in item:
            item["destination_profile"] = mapped("profiles", item["destination_profile"], described)
        for index, output in enumerate(item.get("outputs") or []):
            if "cloud_link_group" in output:
                output["cloud_link_group"] = mapped(
                    "cloud_link_groups", output["cloud_link_group"], "%s outputs[%d]" % (described, index))
        # Every place a write-only secret can be set (end point passwords), from the destinations' resource spec.
        secrets.extend({"item": item["name"], "option": path} for path in vos.DESTINATIONS.fields.secret_paths(item))
        destinations.append(item)
    services_out = []
    for old in old_names["services"]:
        item = have["services"][old]
        item["name"] = new_name["services"][old]
        described = _described("services", item["name"], old)
        if "profile" in item:
            item["profile"] = mapped("profiles", item["profile"], described)
        if item.get("slate_image") is not None:
            item["slate_image"] = mapped("slate_images", item["slate_image"], described)
            images.add(item["slate_image"])
        for entry in item.get("sources") or []:
            entry["name"] = new_name["sources"][entry["name"]]
        if item.get("destinations"):
            item["destinations"] = [new_name["destinations"][d] for d in item["destinations"]]
        if control_state is not None:
            item["control_state"] = control_state
        services_out.append(item)
    result_items = {"images": [{"url": url} for url in sorted(images)], "sources": sources,
                    "destinations": destinations, "services": services_out}

    # The target must have every profile and cloud-link group referenced after mapping.
    for section, label in (("profiles", "profile"), ("cloud_link_groups", "cloud-link group")):
        known = _target_names(target, section)
        if known is None:
            continue
        missing: Dict[Tuple[str, str], List[str]] = {}
        for what, ref_section, new, old_value in references:
            if ref_section == section and new not in known:
                missing.setdefault((new, old_value), []).append(what)
        for (new, old_value), users in sorted(missing.items()):
            origin = "" if new == old_value else " (mapped from %r)" % old_value
            errors.append("%s: %s %r%s does not exist on the target (it has: %s); map it to one of them in the "
                          "mapping's %s, or create it on the target first" % (
                              ", ".join(users), label, new, origin,
                              ", ".join(repr(n) for n in sorted(known)) or "none", section))
    if errors:
        raise MigrationError("; ".join(errors))

    # The plan against the target's objects, and objects that exist there with other settings.
    plan: Dict[str, Dict[str, List[str]]] = {}
    conflicts: List[str] = []
    for kind in ("images",) + KINDS:
        existing = _target_items(target, kind)
        if existing is None:
            continue
        key = "url" if kind == "images" else "name"
        steps: Dict[str, List[str]] = {"create": [], "update": [], "unchanged": []}
        for item in result_items[kind]:
            name = item[key]
            if name not in existing:
                steps["create"].append(name)
                continue
            differing = _differences(item, existing[name])
            if differing:
                steps["update"].append(name)
                conflicts.append("%s %r exists on the target with other %s" % (LABELS[kind], name, ", ".join(differing)))
            else:
                steps["unchanged"].append(name)
        plan[kind] = steps
    if conflicts and not overwrite:
        raise MigrationError("; ".join(conflicts) + ": set overwrite (migrate_overwrite: true) to update them with "
                             "the source's settings, or map them to other names")

    deferred: Dict[str, List[str]] = {}
    created = {kind: set(plan.get(kind, {}).get("create", [])) for kind in plan}
    if plan:
        for kind, spec, items in (("sources", vos.SOURCES, sources), ("services", vos.SERVICES, services_out)):
            for item in items:
                if spec.fields.uses_any(item, created):
                    deferred.setdefault(kind, []).append(item["name"])

    renamed = [{"kind": LABELS[kind], "from": old, "to": new} for kind in ("services", "sources", "destinations")
               for old, new in sorted(new_name[kind].items()) if old != new]
    result: Dict[str, Any] = dict(result_items)
    result.update({
        "renamed": renamed,
        "remapped": {section: dict(sorted(entries.items())) for section, entries in remapped.items()},
        "secrets_not_copied": secrets,
        "unused_mapping": rules.unused(),
        "plan": plan,
        "deferred": deferred,
    })
    result["summary"] = summary(result, old_names, new_name, control_state)
    return result


def summary(result: Mapping[str, Any], old_names: Mapping[str, Sequence[str]],
            new_name: Mapping[str, Mapping[str, str]], control_state: Optional[str]) -> List[str]:
    """Human lines describing a migration result: what is copied (``old -> new`` when renamed), what is remapped,
    the control state, the plan, the passwords to set again and the unused mapping entries."""
    lines = []
    for kind in ("services", "sources", "destinations"):
        shown = [old if new_name[kind][old] == old else "%s -> %s" % (old, new_name[kind][old])
                 for old in old_names[kind]]
        lines.append("%s (%d): %s" % (kind, len(shown), ", ".join(shown) or "none"))
    lines.append("slate images (%d): %s" % (len(result["images"]), ", ".join(i["url"] for i in result["images"]) or "none"))
    for section, label in (("profiles", "profiles"), ("cloud_link_groups", "cloud-link groups"),
                           ("slate_images", "slate images")):
        entries = result["remapped"][section]
        if entries:
            lines.append("%s remapped: %s" % (label, ", ".join("%s -> %s" % kv for kv in entries.items())))
    kept = control_state is None
    lines.append("control state: %s" % ("kept from the source cluster" if kept else "%s for every copied service" % control_state))
    for kind in ("images", "sources", "destinations", "services"):
        steps = result["plan"].get(kind)
        if steps is not None:
            lines.append("target %s: %d to create, %d to update, %d unchanged" % (
                kind, len(steps["create"]), len(steps["update"]), len(steps["unchanged"])))
    by_item: Dict[str, List[str]] = {}
    for secret in result["secrets_not_copied"]:
        by_item.setdefault(secret["item"], []).append(secret["option"])
    for item, options in by_item.items():
        lines.append("not copied (write-only, set again on the target if used): destination %s %s" % (
            item, ", ".join(options)))
    if result["unused_mapping"]:
        lines.append("mapping entries not used: %s" % ", ".join(result["unused_mapping"]))
    return lines
