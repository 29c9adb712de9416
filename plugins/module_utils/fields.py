# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Declarative field maps: snake_case module options <-> the device's own (usually camelCase) JSON fields,
and name <-> id resolution of references between resources.

A :class:`FieldMap` converts one item in both directions:

* ``from_api(obj, refs)`` -> the item in option form (every declared option present, ``None`` when unset);
* ``to_api(item, refs, base)`` -> a full API object: ``base`` (the device's current object, or the resource's
  skeleton for a new one) with every declared option that is not ``None`` written into it. Fields the map does
  not declare are kept untouched, which is what a full-object PUT needs.

References (a service naming its sources) are names in option form and ids on the wire; :class:`References`
holds one name -> id table per referenced kind, filled from one list read per kind.
"""

from __future__ import annotations

import copy
from typing import Any, Callable, Container, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

from .errors import ValidationError

_MISSING = object()


def get_path(obj: Any, path: str) -> Any:
    """Value at dotted ``path`` in nested dicts (``"addons.scte35SlateAddon.imageId"``), or None."""
    current = obj
    for part in path.split("."):
        if not isinstance(current, Mapping):
            return None
        current = current.get(part)
    return current


def set_path(obj: Dict[str, Any], path: str, value: Any) -> None:
    """Set dotted ``path`` in nested dicts, creating (or replacing null) intermediate dicts."""
    parts = path.split(".")
    current = obj
    for part in parts[:-1]:
        nxt = current.get(part)
        if not isinstance(nxt, dict):
            nxt = {}
            current[part] = nxt
        current = nxt
    current[parts[-1]] = value


class References:
    """Name <-> id tables of referenced resources, one per kind.

    :param tables: ``{kind: [(name, id), ...]}``, e.g. ``{"sources": [("CNN", "3f0c...")]}``.
    :param offline: when True (state ``rendered``) ids are not known: ``id_of`` returns a ``<kind:name>`` placeholder.
    :param labels: ``{kind: singular label}`` for messages, where the kind key does not read well.
    """

    def __init__(self, tables: Optional[Mapping[str, Iterable[Tuple[str, str]]]] = None, offline: bool = False,
                 labels: Optional[Mapping[str, str]] = None) -> None:
        self.offline = offline
        self.labels = dict(labels or {})
        self._by_name: Dict[str, Dict[str, List[str]]] = {}
        self._by_id: Dict[str, Dict[str, str]] = {}
        for kind, pairs in (tables or {}).items():
            self.add_table(kind, pairs)

    def add_table(self, kind: str, pairs: Iterable[Tuple[str, str]]) -> None:
        """Register (or replace) the table of ``kind`` from ``(name, id)`` pairs."""
        by_name: Dict[str, List[str]] = {}
        by_id: Dict[str, str] = {}
        for name, ident in pairs:
            if name is None or ident is None:
                continue
            by_name.setdefault(str(name), []).append(str(ident))
            by_id[str(ident)] = str(name)
        self._by_name[kind] = by_name
        self._by_id[kind] = by_id

    def add(self, kind: str, name: str, ident: str) -> None:
        """Add one item (for example one created earlier in the same run)."""
        self._by_name.setdefault(kind, {}).setdefault(name, []).append(ident)
        self._by_id.setdefault(kind, {})[ident] = name

    def id_of(self, kind: str, name: Any, where: str) -> str:
        """The id of the ``kind`` item called ``name``.

        :param where: the option path and item, for the error message (``"config[2].sources[0].name"``).
        :raises ValidationError: no such item, or the name is ambiguous; the message lists what exists.
        """
        if self.offline:
            return "<%s:%s>" % (kind, name)
        table = self._by_name.get(kind, {})
        ids = table.get(str(name))
        if not ids:
            known = sorted(table)
            shown = ", ".join(repr(k) for k in known[:20]) + (" ..." if len(known) > 20 else "")
            raise ValidationError("%s: no %s named %r exists on the device (known: %s)" % (
                where, kind_label(kind, labels=self.labels), name, shown or "none"))
        if len(ids) > 1:
            raise ValidationError("%s: %d %s are named %r (ids %s); rename them on the device so names are unique" % (
                where, len(ids), kind_label(kind, plural=True, labels=self.labels), name, ", ".join(ids)))
        return ids[0]

    def name_of(self, kind: str, ident: Any) -> Any:
        """The name of the ``kind`` item with id ``ident``; the id itself when unknown (a dangling reference)."""
        if ident is None:
            return None
        return self._by_id.get(kind, {}).get(str(ident), ident)


def kind_label(kind: str, plural: bool = False, labels: Optional[Mapping[str, str]] = None) -> str:
    """Human label of a kind key: ``sources`` -> ``source``; ``labels`` (``{kind: singular label}``) win."""
    if labels and kind in labels:
        return labels[kind] + ("s" if plural else "")
    label = kind.replace("_", " ")
    if not plural and label.endswith("s"):
        label = label[:-1]
    return label


class Field:
    """One option <-> API field mapping.

    :param option: snake_case option name.
    :param api: dotted path of the API field (``"addons.scte35SlateAddon.imageId"``).
    :param ref: the kind this field references; the option holds a name (or a list of names with ``many``),
        the API holds ids.
    :param many: the referenced value is a list.
    :param choices: ``{option value: api value}``; API values not in the map pass through unchanged.
    :param default: the option's value for a new item and for ``state: replaced`` when omitted; a callable
        ``fn(item) -> value`` computes it from the item's other options (HMP: SRT sources default to continuous).
    :param secret: write-only (passwords): never read back, compared only on request.
    :param nested: a :class:`FieldMap` for a list of sub-items (inputs, outputs).
    :param when: ``{option: value}`` conditions on the same item; the field exists only when they hold
        (``{"type": "zixi"}``).
    :param read: custom ``fn(api_obj, refs) -> option value`` (overrides ``api``).
    :param write: custom ``fn(api_obj, value, refs, where) -> None`` writing the value into the API object.
    :param spec: the option's Ansible argument spec (``{"type": "int"}``); default ``{"type": "str"}``.
    :param clear: with ``write``: ``fn(api_obj) -> None`` clearing the field on an existing object when the option
        is None (state replaced); without it a custom field keeps its current API value (DMS: no schedule means a
        ``standard`` authorization set).
    :param merge: a dict option that ``merged`` merges key by key into the current dict (declared keys win, the
        others are kept), rather than replacing it (Electra XT job parameters).
    """

    def __init__(self, option: str, api: Optional[str] = None, *, ref: Optional[str] = None, many: bool = False,
                 choices: Optional[Mapping[str, Any]] = None, default: Any = None, secret: bool = False,
                 nested: Optional["FieldMap"] = None, when: Optional[Mapping[str, Any]] = None,
                 read: Optional[Callable[[Mapping[str, Any], References], Any]] = None,
                 write: Optional[Callable[[Dict[str, Any], Any, References, str], None]] = None,
                 spec: Optional[Mapping[str, Any]] = None,
                 clear: Optional[Callable[[Dict[str, Any]], None]] = None, merge: bool = False) -> None:
        self.option = option
        self.clear = clear
        self.merge = merge
        self.spec = dict(spec or {"type": "str"})
        self.api = api or option
        self.ref = ref
        self.many = many
        self.choices = dict(choices or {})
        self._reverse = {v: k for k, v in self.choices.items()}
        self.default = default
        self.secret = secret
        self.nested = nested
        self.when = dict(when or {})
        self.read = read
        self.write = write

    def applies(self, item: Mapping[str, Any]) -> bool:
        """Whether the field exists for this option-form item (its ``when`` conditions hold)."""
        return all(item.get(k) == v for k, v in self.when.items())

    def from_api(self, obj: Mapping[str, Any], refs: References) -> Any:
        """The option value of this field in API object ``obj``."""
        if self.secret:
            return None
        if self.read is not None:
            return self.read(obj, refs)
        value = get_path(obj, self.api)
        if value is None:
            return None
        if self.nested is not None:
            return [self.nested.from_api(sub, refs) for sub in value] if isinstance(value, list) else None
        if self.ref:
            if self.many:
                return [refs.name_of(self.ref, v) for v in value] if isinstance(value, list) else None
            return refs.name_of(self.ref, value)
        if self.choices:
            return self._reverse.get(value, value)
        return value

    def to_api(self, obj: Dict[str, Any], value: Any, refs: References, where: str) -> None:
        """Write option ``value`` into API object ``obj`` (in place)."""
        if self.write is not None:
            self.write(obj, value, refs, where)
            return
        if self.nested is not None:
            current = get_path(obj, self.api)
            nested = self.nested.list_to_api(value, current if isinstance(current, list) else [], refs, "%s.%s" % (where, self.option))
            set_path(obj, self.api, nested)
            return
        if self.ref:
            if self.many:
                api_value: Any = [refs.id_of(self.ref, v, "%s.%s[%d]" % (where, self.option, i)) for i, v in enumerate(value)]
            else:
                api_value = refs.id_of(self.ref, value, "%s.%s" % (where, self.option))
        elif self.choices:
            api_value = self.choices.get(value, value)
        else:
            api_value = copy.deepcopy(value)
        set_path(obj, self.api, api_value)


class FieldMap:
    """The fields of one item kind.

    :param fields: the :class:`Field` list.
    :param key: option name identifying a sub-item inside its parent's list (``rank``), used to keep the
        device's nested ids and unknown fields on update; None matches by position.
    :param skeleton: ``fn(item) -> dict``, the API object a new (sub-)item starts from.
    """

    def __init__(self, fields: Sequence[Field], key: Optional[str] = None,
                 skeleton: Optional[Callable[[Mapping[str, Any]], Dict[str, Any]]] = None) -> None:
        self.fields = list(fields)
        self.by_option = {f.option: f for f in self.fields}
        self.key = key
        self.skeleton = skeleton or (lambda item: {})

    # -------------------------------------------------------------- API -> options
    def from_api(self, obj: Mapping[str, Any], refs: References) -> Dict[str, Any]:
        """The option form of API object ``obj``: every declared option, None when unset or not applicable."""
        item: Dict[str, Any] = {}
        for field in self.fields:
            if not field.when:
                item[field.option] = field.from_api(obj, refs)
        for field in self.fields:
            if field.when:
                item[field.option] = field.from_api(obj, refs) if field.applies(item) else None
        return item

    # -------------------------------------------------------------- options -> API
    def to_api(self, item: Mapping[str, Any], refs: References, base: Optional[Mapping[str, Any]] = None,
               where: str = "config") -> Dict[str, Any]:
        """API object for option-form ``item``: ``base`` (or the skeleton) with every non-None option written in;
        on an existing ``base``, a None option clears its field (secrets excepted).

        :raises ValidationError: an unknown reference (message names ``where``).
        """
        obj = copy.deepcopy(dict(base)) if base is not None else self.skeleton(item)
        for field in self.fields:
            value = item.get(field.option)
            if not field.applies(item):
                continue
            if value is None:
                # On an existing object an unset option clears the field (state replaced); secrets stay as the
                # device echoes them ("******" means unchanged), custom fields manage their own defaults.
                if base is not None and not field.secret and field.write is None and get_path(obj, field.api) is not None:
                    set_path(obj, field.api, None)
                elif field.clear is not None:
                    field.clear(obj)
                continue
            field.to_api(obj, value, refs, where)
        return obj

    def list_to_api(self, items: Sequence[Mapping[str, Any]], current: Sequence[Mapping[str, Any]], refs: References,
                    where: str) -> List[Dict[str, Any]]:
        """API list for a nested option list; each sub-item starts from its current API object when one matches."""
        result = []
        matched = self.match(items, current, refs)
        for index, item in enumerate(items):
            result.append(self.to_api(item, refs, matched[index], "%s[%d]" % (where, index)))
        return result

    def match(self, items: Sequence[Mapping[str, Any]], current: Sequence[Mapping[str, Any]],
              refs: References) -> List[Optional[Mapping[str, Any]]]:
        """For each option sub-item, its current API sub-object (by ``key``, else by position), or None."""
        if self.key is None:
            return [current[i] if i < len(current) else None for i in range(len(items))]
        by_key: Dict[Any, Mapping[str, Any]] = {}
        for obj in current:
            by_key.setdefault(self.from_api(obj, refs).get(self.key), obj)
        return [by_key.get(item.get(self.key)) for item in items]

    # -------------------------------------------------------------- completion
    def complete(self, item: Mapping[str, Any], fallback: Optional[Mapping[str, Any]]) -> Dict[str, Any]:
        """Fill the options ``item`` leaves out (None): from ``fallback`` (the current item, for ``merged``) or from
        the declared defaults when ``fallback`` is None (new items, ``replaced``). Nested lists are completed item
        by item, matching sub-items by ``key``."""
        result: Dict[str, Any] = {}
        for field in self.fields:
            value = item.get(field.option)
            base = fallback.get(field.option) if fallback is not None else None
            if value is None:
                if fallback is not None:
                    value = copy.deepcopy(base)
                elif not callable(field.default):
                    value = copy.deepcopy(field.default)
            elif field.nested is not None and isinstance(value, list):
                value = field.nested.complete_list(value, base if fallback is not None and isinstance(base, list) else None)
            elif field.merge and isinstance(value, dict) and isinstance(base, dict):
                value = dict(copy.deepcopy(base), **value)
            result[field.option] = value
        for field in self.fields:
            if callable(field.default) and result.get(field.option) is None and fallback is None:
                result[field.option] = field.default(result)
        for field in self.fields:
            if field.when and not field.applies(result):
                result[field.option] = None
        return result

    def complete_list(self, items: Sequence[Mapping[str, Any]], current: Optional[Sequence[Mapping[str, Any]]]) -> List[Dict[str, Any]]:
        """:meth:`complete` for each sub-item; ``current`` None means use defaults."""
        if current is None:
            return [self.complete(item, None) for item in items]
        if self.key is None:
            return [self.complete(item, current[i] if i < len(current) else None) for i, item in enumerate(items)]
        by_key = {c.get(self.key): c for c in current}
        return [self.complete(item, by_key.get(item.get(self.key))) for item in items]

    def strip_secrets(self, item: Mapping[str, Any]) -> Dict[str, Any]:
        """A copy of option-form ``item`` with every secret option (also nested) set to None."""
        result = {}
        for field in self.fields:
            value = item.get(field.option)
            if field.secret:
                value = None
            elif field.nested is not None and isinstance(value, list):
                value = [field.nested.strip_secrets(v) for v in value]
            result[field.option] = value
        return result

    def mask_secrets(self, obj: Dict[str, Any], mask: str = "********") -> Dict[str, Any]:
        """API object ``obj`` (in place, also returned) with every secret field that holds a value replaced by
        ``mask`` (also in nested lists), for output that must not show secrets (``state: rendered``)."""
        for field in self.fields:
            value = get_path(obj, field.api)
            if value is None:
                continue
            if field.secret:
                set_path(obj, field.api, mask)
            elif field.nested is not None and isinstance(value, list):
                for sub in value:
                    if isinstance(sub, dict):
                        field.nested.mask_secrets(sub, mask)
        return obj

    def has_secrets(self, item: Mapping[str, Any]) -> bool:
        """Whether option-form ``item`` sets any secret option (also nested)."""
        for field in self.fields:
            value = item.get(field.option)
            if field.secret and value is not None:
                return True
            if field.nested is not None and isinstance(value, list) and any(field.nested.has_secrets(v) for v in value):
                return True
        return False

    def secret_paths(self, item: Mapping[str, Any], prefix: str = "") -> List[str]:
        """Option paths of option-form ``item`` where a write-only secret can be set: every secret field whose
        ``when`` conditions hold, also in nested lists (``outputs[0].end_points[1].password``). The device never
        returns secrets, so a gathered item cannot tell whether one is set: every place one can be is listed."""
        paths: List[str] = []
        for field in self.fields:
            if not field.applies(item):
                continue
            if field.secret:
                paths.append(prefix + field.option)
            elif field.nested is not None and isinstance(item.get(field.option), list):
                for index, sub in enumerate(item[field.option]):
                    if isinstance(sub, Mapping):
                        paths.extend(field.nested.secret_paths(sub, "%s%s[%d]." % (prefix, field.option, index)))
        return paths

    def references(self, item: Mapping[str, Any]) -> List[Tuple[str, str]]:
        """``(kind, name)`` of every reference option-form ``item`` makes (fields with ``ref``, whose ``when``
        conditions hold), also from nested lists: ``[("sources", "news.primary"), ("images", "http://...")]``."""
        found: List[Tuple[str, str]] = []
        for field in self.fields:
            value = item.get(field.option)
            if value is None or not field.applies(item):
                continue
            if field.nested is not None:
                for sub in value if isinstance(value, list) else []:
                    if isinstance(sub, Mapping):
                        found.extend(field.nested.references(sub))
            elif field.ref:
                values = value if isinstance(value, list) else [value]
                found.extend((field.ref, str(v)) for v in values)
        return found

    def uses_any(self, item: Mapping[str, Any], names: Mapping[str, Container[str]]) -> bool:
        """Whether option-form ``item`` references one of ``names`` (``{ref kind: names}``, for example the objects
        a check-mode run would only create: ``{"images": [...], "sources": [...]}``)."""
        return any(name in names.get(kind, ()) for kind, name in self.references(item))

    def argument_spec(self) -> Dict[str, Dict[str, Any]]:
        """The Ansible ``options`` of one item: types from each field's ``spec``, choices, nested options, no_log."""
        result: Dict[str, Dict[str, Any]] = {}
        for field in self.fields:
            spec = dict(field.spec)
            if field.choices:
                spec["choices"] = list(field.choices)
            if field.nested is not None:
                spec.update(type="list", elements="dict", options=field.nested.argument_spec())
            elif field.ref and field.many:
                spec.update(type="list", elements="str")
            if field.secret:
                spec["no_log"] = True
            result[field.option] = spec
        return result

    def reference_kinds(self) -> List[str]:
        """Every kind referenced by this map or its nested maps (to read once before planning)."""
        kinds: List[str] = []
        for field in self.fields:
            if field.ref and field.ref not in kinds:
                kinds.append(field.ref)
            if field.nested is not None:
                kinds.extend(k for k in field.nested.reference_kinds() if k not in kinds)
        return kinds


def snake(name: str) -> str:
    """``uplinkState`` -> ``uplink_state``; ``ipAddress`` -> ``ip_address``; ``cpuUsage`` -> ``cpu_usage``."""
    out = []
    for index, char in enumerate(name):
        if char.isupper() and index and (not name[index - 1].isupper() or
                                         (index + 1 < len(name) and name[index + 1].islower())):
            out.append("_")
        out.append(char.lower())
    return "".join(out).replace("__", "_")


def snake_keys(value: Any) -> Any:
    """Recursively convert every dict key from camelCase to snake_case (facts are snake_case)."""
    if isinstance(value, dict):
        return {snake(str(k)): snake_keys(v) for k, v in value.items()}
    if isinstance(value, list):
        return [snake_keys(v) for v in value]
    return value
