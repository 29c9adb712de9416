# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The resource engine shared by every state module, with Ansible's resource-module states.

=========== =========================================================================================
state       meaning
=========== =========================================================================================
merged      create missing items, update the given options of existing ones, leave others alone
replaced    each declared item becomes exactly as declared (omitted options go back to defaults)
overridden  as replaced, and every undeclared item is deleted
deleted     the declared items are deleted (an empty ``config`` is refused)
gathered    read only: the items in exactly the ``config`` format
rendered    offline: the request bodies that would be sent, without contacting the device
=========== =========================================================================================

One run reads the items of its kind and of every kind it references once (concurrently), plans every
create/update/delete and validates every item and reference before the first write. In check mode nothing is
written (the client's write methods refuse it too). Results: ``before``, ``after`` (lists of items in option
form), ``changed``, ``requests`` (method and path of each write planned or made) and per-item diffs.
"""

from __future__ import annotations

import copy
from functools import partial
from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence, Tuple

from .errors import ApiError, BroadcastError, TransportError, ValidationError
from .fields import FieldMap, References

STATES = ("merged", "replaced", "overridden", "deleted", "gathered", "rendered")


class ResourceSpec:
    """Declaration of one resource kind of one device.

    :param kind: the client's endpoint key and the references' kind (``"services"``).
    :param label: singular human name used in messages (``"service"``).
    :param fields: the :class:`FieldMap` of one item.
    :param key: option naming the item (its natural key), ``"name"`` by default; required in every ``config`` item.
    :param api_key: API field holding that key (``"name"``; VOS images: ``"url"``); informational when ``identity``
        is given.
    :param required: options needed to create an item (checked before any write).
    :param validate: ``fn(item, where) -> None`` raising :class:`ValidationError` for semantic checks.
    :param identity: ``fn(option_item) -> str``, the natural key of an item in option form when it is more than
        the ``key`` option (HMP events: session and start time); default ``str(item[key])``. Items of the device
        and of ``config`` are matched by it.
    :param normalize: ``fn(item, where) -> item`` applied to each ``config`` item before anything else
        (accepted spellings -> one canonical form, e.g. ``"WED;FRI"`` -> ``["WED", "FRI"]``); raises
        :class:`ValidationError`.
    :param create_error: when set, the kind cannot be created through the API: planning a create raises a
        :class:`ValidationError` with this text (HMP videos come from recordings).
    :param soft_delete: ``{option: value}`` when the device cannot delete items of this kind and the client's
        ``delete_item`` sets these values instead (HMP events: ``{"active": False}``): an item already holding them
        needs no delete, and ``after`` keeps it with those values.
    :param rename: option giving a new value of ``key`` (``new_title``): the item found under ``key`` is renamed;
        when only the new name exists, the rename is done and nothing changes (idempotent). The field map declares
        the option with ``read``/``write`` that do nothing.
    """

    def __init__(self, kind: str, label: str, fields: FieldMap, key: str = "name", api_key: Optional[str] = None,
                 required: Sequence[str] = (), validate: Optional[Callable[[Mapping[str, Any], str], None]] = None,
                 identity: Optional[Callable[[Mapping[str, Any]], Optional[str]]] = None,
                 normalize: Optional[Callable[[Mapping[str, Any], str], Dict[str, Any]]] = None,
                 create_error: Optional[str] = None,
                 soft_delete: Optional[Mapping[str, Any]] = None,
                 rename: Optional[str] = None) -> None:
        self.kind = kind
        self.label = label
        self.fields = fields
        self.key = key
        self.api_key = api_key or key
        self.required = tuple(required)
        self.validate = validate
        self.normalize = normalize
        self.create_error = create_error
        self.soft_delete = dict(soft_delete) if soft_delete else None
        self.rename = rename
        self._identity = identity

    def identity(self, item: Mapping[str, Any]) -> Optional[str]:
        """The natural key of option-form ``item`` (None when it has none)."""
        if self._identity is not None:
            return self._identity(item)
        value = item.get(self.key)
        return None if value is None else str(value)


class ResourceClient:
    """What the engine needs from a device client (each device client implements it).

    Items are the device's JSON objects (dicts). ``ident`` is the device's id of an item. ``kind_labels`` gives
    human labels of reference kinds whose key does not read well in messages (``{"uplink_groups": "cloud link group"}``).
    """

    max_workers = 4
    kind_labels: Dict[str, str] = {}

    def list_items(self, kind: str) -> List[Dict[str, Any]]:
        """Every item of ``kind`` (one list read, all pages)."""
        raise NotImplementedError

    def list_declared(self, kind: str, names: Sequence[str]) -> List[Dict[str, Any]]:
        """The items of ``kind`` that may carry one of the declared natural keys ``names`` (states merged,
        replaced and deleted, which touch declared items only). Default: :meth:`list_items`; a device with
        collections too large to read for a few items (DMS devices) reads only those."""
        return self.list_items(kind)

    def create_item(self, kind: str, body: Dict[str, Any]) -> Dict[str, Any]:
        """Create one item; returns the device's object (with its id)."""
        raise NotImplementedError

    def update_item(self, kind: str, ident: str, body: Dict[str, Any],
                    current: Optional[Mapping[str, Any]] = None) -> Dict[str, Any]:
        """Replace one item with ``body`` (``current``: the device's object before); returns the device's object."""
        raise NotImplementedError

    def delete_item(self, kind: str, ident: str, current: Optional[Mapping[str, Any]] = None) -> None:
        """Delete one item (``current``: the device's object)."""
        raise NotImplementedError

    def item_id(self, kind: str, obj: Mapping[str, Any]) -> str:
        """The id of a device object of ``kind``."""
        return str(obj.get("id"))

    def item_name(self, kind: str, obj: Mapping[str, Any]) -> str:
        """The name by which other items reference a device object of ``kind`` (default: its ``name``)."""
        return str(obj.get("name"))

    def write_request(self, kind: str, operation: str, ident: Optional[str]) -> Tuple[str, str]:
        """``(method, path)`` of a create/update/delete, for the ``requests`` report."""
        raise NotImplementedError

    def planned_requests(self, kind: str, operation: "Operation") -> List[Tuple[Any, ...]]:
        """``[(method, path[, body]), ...]`` of one planned operation, for the ``requests`` report and
        ``state: rendered`` (which shows the body of each follow-up request that has one); default one request from
        :meth:`write_request`. Devices whose writes take several requests (HMP session sources) override it."""
        return [self.write_request(kind, operation.op, operation.ident)]

    def wire_body(self, kind: str, body: Dict[str, Any]) -> Dict[str, Any]:
        """The body a create of ``kind`` actually sends, for ``state: rendered`` (default: ``body`` itself; HMP
        sends a recording's sources only, for example)."""
        return body

    def check_plan(self, spec: "ResourceSpec", operations: Sequence["Operation"]) -> Optional[List["Operation"]]:
        """Refuse a plan before any write (raise :class:`ValidationError`), for device rules the field maps cannot
        express (HMP: a recording session cannot be deleted). May read, never write. Returns None to keep the plan,
        or the operations to run instead (a device may drop an operation that changes nothing on its side)."""
        return None

    def run_concurrently(self, funcs: Sequence[Callable[[], Any]]) -> List[Any]:
        """Run callables with at most :attr:`max_workers` at once; results in order; the first error is raised."""
        return run_concurrently(funcs, self.max_workers)


def run_concurrently(funcs: Sequence[Callable[[], Any]], max_workers: int) -> List[Any]:
    """Run ``funcs`` in a bounded thread pool and return their results in order.

    Every callable runs to completion; then the first exception (in input order) is raised.
    """
    results: List[Any] = [None] * len(funcs)
    errors: List[Optional[BaseException]] = [None] * len(funcs)

    def call(index: int) -> None:
        try:
            results[index] = funcs[index]()
        except BaseException as exc:  # pylint: disable=broad-except
            errors[index] = exc

    if len(funcs) <= 1 or max_workers <= 1:
        for index in range(len(funcs)):
            call(index)
    else:
        from concurrent.futures import ThreadPoolExecutor
        with ThreadPoolExecutor(max_workers=min(max_workers, len(funcs))) as pool:
            list(pool.map(call, range(len(funcs))))
    for exc in errors:
        if exc is not None:
            raise exc
    return results


def clean(value: Any) -> Any:
    """Drop None values from dicts (recursively), for readable gathered/before/after output."""
    if isinstance(value, dict):
        return {k: clean(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [clean(v) for v in value]
    return value


class Operation:
    """One planned write: ``create``, ``update`` or ``delete`` of the item called ``name``.

    ``body`` is the API object to send, ``before``/``after`` the item in option form, ``current`` the device's
    object before the write (None for a create).
    """

    def __init__(self, op: str, name: str, ident: Optional[str], body: Optional[Dict[str, Any]],
                 before: Optional[Dict[str, Any]], after: Optional[Dict[str, Any]],
                 current: Optional[Mapping[str, Any]] = None) -> None:
        self.op = op
        self.name = name
        self.ident = ident
        self.body = body
        self.before = before
        self.after = after
        self.current = current


class ResourceEngine:
    """Plan and apply one module run.

    :param client: the device client (a :class:`ResourceClient`).
    :param spec: the :class:`ResourceSpec` of the kind.
    :param check_mode: plan only.
    :param update_secrets: ``on_create`` (default: secrets are sent when an item is created, and unreadable
        secrets never count as a change) or ``always`` (a declared secret is sent on every run, reported changed).
    """

    def __init__(self, client: ResourceClient, spec: ResourceSpec, check_mode: bool = False,
                 update_secrets: str = "on_create") -> None:
        self.client = client
        self.spec = spec
        self.check_mode = check_mode
        self.update_secrets = update_secrets
        self.refs = References(labels=getattr(client, "kind_labels", None))
        self.have: Dict[str, Dict[str, Any]] = {}
        self.have_all: Dict[str, List[Dict[str, Any]]] = {}
        self.have_items: Dict[str, Dict[str, Any]] = {}
        self.duplicates: Dict[str, int] = {}

    # ------------------------------------------------------------------ entry point
    def run(self, state: str, config: Optional[Sequence[Mapping[str, Any]]]) -> Dict[str, Any]:
        """Run one state; returns the module result (without ``diff`` formatting, see :meth:`diffs`).

        :raises ValidationError: bad input, before any write.
        :raises BroadcastError: device or transport errors.
        """
        if state not in STATES:
            raise ValidationError("state: %r is not one of %s" % (state, ", ".join(STATES)))
        config = [dict(item) for item in (config or [])]
        if self.spec.normalize is not None and state != "gathered":
            config = [self.spec.normalize(item, "config[%d]" % index) for index, item in enumerate(config)]
        if state in ("merged", "replaced", "overridden", "deleted", "rendered"):
            self._validate_config(state, config)
        if state == "rendered":
            return self.render(config)
        declared = None
        if state in ("merged", "replaced", "deleted"):
            declared = [str(self.spec.identity(item)) for item in config]
        self.read(declared)
        if state == "gathered":
            return {"changed": False, "gathered": self.gathered()}
        operations = self.plan(state, config)
        checked = self.client.check_plan(self.spec, operations)
        if checked is not None:
            operations = list(checked)
        result: Dict[str, Any] = {"changed": bool(operations), "before": self.gathered(),
                                  "requests": self._report(operations)}
        if not self.check_mode:
            self.apply(operations)
        result["after"] = self._after(operations)
        result["operations"] = operations
        return result

    # ------------------------------------------------------------------ reading
    def read(self, declared: Optional[Sequence[str]] = None) -> None:
        """Read the kind and every referenced kind once, concurrently; build references and the current items.

        :param declared: the natural keys of the ``config`` items when only those matter (see
            :meth:`ResourceClient.list_declared`); None reads every item of the kind.
        """
        kinds = [self.spec.kind] + [k for k in self.spec.fields.reference_kinds() if k != self.spec.kind]
        reads = [partial(self.client.list_items, k) for k in kinds]
        if declared is not None:
            reads[0] = partial(self.client.list_declared, self.spec.kind, declared)
        lists = self.client.run_concurrently(reads)
        for kind, items in zip(kinds, lists):
            if kind != self.spec.kind:
                self.refs.add_table(kind, self.reference_pairs(kind, items))
        self.refs.add_table(self.spec.kind, self.reference_pairs(self.spec.kind, lists[0]))
        self._index(lists[0])

    def reference_pairs(self, kind: str, items: Sequence[Mapping[str, Any]]) -> List[Tuple[str, str]]:
        """``(name, id)`` pairs of the items of ``kind``, as the client names them."""
        return [(self.client.item_name(kind, obj), self.client.item_id(kind, obj)) for obj in items]

    def _index(self, items: Sequence[Mapping[str, Any]]) -> None:
        self.have, self.have_items, self.duplicates, self.have_all = {}, {}, {}, {}
        for obj in items:
            item = self.spec.fields.from_api(obj, self.refs)
            name = self.spec.identity(item)
            if name is None:
                continue
            self.have_all.setdefault(name, []).append(dict(obj))
            if name in self.have:
                self.duplicates[name] = self.duplicates.get(name, 1) + 1
                continue
            self.have[name] = dict(obj)
            self.have_items[name] = item

    def gathered(self) -> List[Dict[str, Any]]:
        """Current items in option form, sorted by key, without secrets and None values."""
        return [clean(self.spec.fields.strip_secrets(self.have_items[k])) for k in sorted(self.have_items)]

    # ------------------------------------------------------------------ planning
    def _validate_config(self, state: str, config: Sequence[Mapping[str, Any]]) -> None:
        key = self.spec.key
        if state == "deleted" and not config:
            raise ValidationError("config: state=deleted needs the %s items to delete; an empty config is refused "
                                  "so that nothing is deleted by accident (use state=overridden with an empty "
                                  "config to delete every %s)" % (self.spec.label, self.spec.label))
        seen: Dict[str, int] = {}
        for index, item in enumerate(config):
            if item.get(key) in (None, ""):
                raise ValidationError("config[%d]: %s is required for every %s" % (index, key, self.spec.label))
            name = self.spec.identity(item)
            if name in seen:
                raise ValidationError("config[%d]: %s %r is declared twice (also config[%d])" % (
                    index, self.spec.label, name, seen[str(name)]))
            seen[str(name)] = index

    def _where(self, index: int, name: str) -> str:
        return "config[%d] (%s %r)" % (index, self.spec.label, name)

    def plan(self, state: str, config: Sequence[Mapping[str, Any]]) -> List[Operation]:
        """Every write needed to reach ``state``; validates all items and references first.

        :raises ValidationError: an unknown reference, a missing required option, an ambiguous name.
        """
        fields = self.spec.fields
        creates: List[Operation] = []
        updates: List[Operation] = []
        deletes: List[Operation] = []
        declared = set()
        for index, want in enumerate(config):
            name = str(self.spec.identity(want))
            declared.add(name)
            where = self._where(index, name)
            new_name = want.get(self.spec.rename) if self.spec.rename else None
            if new_name not in (None, "") and state != "deleted" and str(new_name) != name:
                if name not in self.have and str(new_name) in self.have:
                    # renamed by an earlier run: the item is now found under its new name
                    name = str(new_name)
                    declared.add(name)
                    want = dict(want, **{self.spec.key: name, str(self.spec.rename): None})
                elif name in self.have and str(new_name) in self.have:
                    raise ValidationError("%s: cannot rename it to %r: a %s of that %s exists" % (
                        where, new_name, self.spec.label, self.spec.key))
            if name in self.duplicates:
                raise ValidationError("%s: %d %ss with this %s exist on the device; remove the duplicates first" % (
                    where, self.duplicates[name], self.spec.label, self.spec.key))
            current = self.have.get(name)
            if state == "deleted":
                if current is not None and not self._already_deleted(current):
                    deletes.append(Operation("delete", name, self.client.item_id(self.spec.kind, current), None,
                                             self._visible(self.have_items[name]), self._soft_deleted(self.have_items[name]),
                                             current))
                continue
            if current is None:
                if self.spec.create_error:
                    raise ValidationError("%s: %s" % (where, self.spec.create_error))
                desired = fields.complete(want, None)
                self._check_required(desired, where)
                if self.spec.validate:
                    self.spec.validate(desired, where)
                body = fields.to_api(desired, self.refs, None, where)
                creates.append(Operation("create", name, None, body, None, self._visible(desired)))
                continue
            have_item = self.have_items[name]
            desired = fields.complete(want, have_item if state == "merged" else None)
            if self.spec._identity is None:  # pylint: disable=protected-access
                desired[self.spec.key] = have_item[self.spec.key]
            if self.spec.rename and desired.get(self.spec.rename) not in (None, ""):
                desired[self.spec.key] = desired[self.spec.rename]
                desired[self.spec.rename] = None
            if self.spec.validate:
                self.spec.validate(desired, where)
            send_secrets = self.update_secrets == "always" and fields.has_secrets(desired)
            write_item = desired if send_secrets else fields.strip_secrets(desired)
            body = fields.to_api(write_item, self.refs, current, where)
            if self._visible(desired) != self._visible(have_item) or send_secrets:
                updates.append(Operation("update", name, self.client.item_id(self.spec.kind, current), body,
                                         self._visible(have_item), self._visible(desired), current))
        if state == "overridden":
            for name in sorted(self.have):
                if name not in declared:
                    # every undeclared item goes, also each of several that share a name
                    for obj in self.have_all[name]:
                        if self._already_deleted(obj):
                            continue
                        item = self.spec.fields.from_api(obj, self.refs)
                        deletes.append(Operation("delete", name, self.client.item_id(self.spec.kind, obj), None,
                                                 self._visible(item), self._soft_deleted(item), obj))
        return deletes + creates + updates

    def _already_deleted(self, obj: Mapping[str, Any]) -> bool:
        if not self.spec.soft_delete:
            return False
        item = self.spec.fields.from_api(obj, self.refs)
        return all(item.get(k) == v for k, v in self.spec.soft_delete.items())

    def _soft_deleted(self, item: Mapping[str, Any]) -> Optional[Dict[str, Any]]:
        """The item as a soft delete leaves it (None for a real delete)."""
        if not self.spec.soft_delete:
            return None
        return self._visible(dict(item, **self.spec.soft_delete))

    def _check_required(self, item: Mapping[str, Any], where: str) -> None:
        missing = [opt for opt in self.spec.required if item.get(opt) in (None, [], "")]
        if missing:
            article = "an" if self.spec.label[:1].lower() in ("a", "e", "i", "o") else "a"
            raise ValidationError("%s: %s needed to create %s %s" % (
                where, " and ".join(missing) + (" is" if len(missing) == 1 else " are"), article, self.spec.label))

    def _visible(self, item: Mapping[str, Any]) -> Dict[str, Any]:
        visible: Dict[str, Any] = clean(self.spec.fields.strip_secrets(item))
        return visible

    # ------------------------------------------------------------------ rendering
    def render(self, config: Sequence[Mapping[str, Any]]) -> Dict[str, Any]:
        """Request bodies for creating every declared item, without contacting the device. References cannot be
        resolved offline and appear as ``<kind:name>`` placeholders."""
        self.refs = References(offline=True, labels=getattr(self.client, "kind_labels", None))
        rendered = []
        for index, want in enumerate(config):
            name = str(self.spec.identity(want))
            if self.spec.create_error:
                raise ValidationError("%s: state=rendered shows create requests, and %s" % (
                    self._where(index, name), self.spec.create_error))
            desired = self.spec.fields.complete(want, None)
            self._check_required(desired, self._where(index, name))
            if self.spec.validate:
                self.spec.validate(desired, self._where(index, name))
            body = self.spec.fields.to_api(desired, self.refs, None, self._where(index, name))
            operation = Operation("create", name, None, body, None, self._visible(desired))
            requests = self.client.planned_requests(self.spec.kind, operation)
            method, path = requests[0][0], requests[0][1]
            sent = self.client.wire_body(self.spec.kind, self.spec.fields.mask_secrets(copy.deepcopy(body)))
            entry: Dict[str, Any] = {"method": method, "path": path, "body": sent}
            if len(requests) > 1:
                entry["then"] = [dict({"method": r[0], "path": r[1]}, **({"body": r[2]} if len(r) > 2 else {}))
                                 for r in requests[1:]]
            rendered.append(entry)
        return {"changed": False, "rendered": rendered}

    # ------------------------------------------------------------------ applying
    def _report(self, operations: Sequence[Operation]) -> List[Dict[str, str]]:
        report = []
        for operation in operations:
            for planned in self.client.planned_requests(self.spec.kind, operation):
                method, path = planned[0], planned[1]
                report.append({"method": method, "path": path, "item": operation.name, "operation": operation.op})
        return report

    def apply(self, operations: Sequence[Operation]) -> None:
        """Send the planned writes: deletes, then creates, then updates; each group concurrently (bounded)."""
        for op_name in ("delete", "create", "update"):
            group = [o for o in operations if o.op == op_name]
            if group:
                self.client.run_concurrently([partial(self._apply_one, o) for o in group])

    def _apply_one(self, operation: Operation) -> None:
        kind = self.spec.kind
        try:
            if operation.op == "delete":
                self.client.delete_item(kind, str(operation.ident), operation.current)
            elif operation.op == "update":
                self.client.update_item(kind, str(operation.ident), operation.body or {}, operation.current)
            else:
                self._create(operation)
        except BroadcastError as exc:
            exc.message = "%s %s %r: %s" % (operation.op, self.spec.label, operation.name, exc.message)
            exc.args = (exc.message,)
            raise

    def _create(self, operation: Operation) -> None:
        """POST once; when the outcome is unknown (connection lost, 5xx), re-read instead of retrying blindly."""
        try:
            self.client.create_item(self.spec.kind, operation.body or {})
        except (TransportError, ApiError) as exc:
            if isinstance(exc, ApiError) and exc.status < 500:
                raise
            try:
                items = self.client.list_items(self.spec.kind)
            except BroadcastError:
                raise exc from None
            if any(self.spec.identity(self.spec.fields.from_api(obj, self.refs)) == operation.name for obj in items):
                return
            raise

    def _after(self, operations: Sequence[Operation]) -> List[Dict[str, Any]]:
        after = {name: self._visible(item) for name, item in self.have_items.items()}
        for operation in operations:
            if operation.op == "delete" and operation.after is None:
                after.pop(operation.name, None)
            else:
                after[operation.name] = copy.deepcopy(operation.after or {})
        return [after[name] for name in sorted(after)]

    def diffs(self, operations: Sequence[Operation]) -> List[Dict[str, Any]]:
        """Ansible ``diff`` entries, one per changed item (before/after in option form, secrets left out)."""
        result = []
        for operation in operations:
            label = "%s %r" % (self.spec.label, operation.name)
            result.append({
                "before_header": label if operation.before is not None else "%s (absent)" % label,
                "after_header": label if operation.after is not None else "%s (deleted)" % label,
                "before": operation.before or {},
                "after": operation.after or {},
            })
        return result
