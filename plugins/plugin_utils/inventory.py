# -*- coding: utf-8 -*-
# Copyright: (c) 2026, broadcast.video contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What every device inventory plugin of the collection shares (controller side).

:class:`DeviceInventory` is the base of ``broadcast.video.vos`` and ``broadcast.video.hmp``. It holds everything that
is not about one device's data:

* ``verify_file`` by file-name suffix (``vos.yml``/``vos.yaml``...);
* the canonical inventory cache flow (ansible-core developer guide, "Inventory cache"), with a versioned cache
  layout and a per-plugin check that a cache entry still covers what the configuration asks for;
* the connection options (the device client's ``CONNECTION_SPEC``), templated where they may be lookups or
  vault-encrypted strings; templating errors never show the value of a secret (``no_log``) option;
* one client per run, closed in all cases, whose errors become :class:`AnsibleParserError` with the client's
  message (the clients never put secrets in messages);
* the ``hostvars_prefix`` check, group-name sanitising, host de-duplication, host variables, and
  ``compose``/``groups``/``keyed_groups`` (Constructable).

A plugin sets the class attributes :attr:`NAME`, :attr:`FILE_SUFFIX`, :attr:`CONNECTION_SPEC` and
:attr:`TEMPLATED_OPTIONS` and implements :meth:`_wanted`, :meth:`_fetch`, :meth:`_populate` and, when its cache
entries depend on options, :meth:`_cache_covers`.
"""

from __future__ import annotations

import re
from typing import Any, Callable, Dict, Mapping, Optional, Sequence, Tuple, TypeVar

from ansible.errors import AnsibleParserError
from ansible.module_utils.common.text.converters import to_text
from ansible.plugins.inventory import BaseInventoryPlugin, Cacheable, Constructable

from ansible_collections.broadcast.video.plugins.module_utils.errors import BroadcastError

#: A ``hostvars_prefix`` that makes valid variable names and is never empty (so no variable is called ``name``).
PREFIX_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
UNSAFE_GROUP_CHARS = re.compile(r"[^a-z0-9_]")

T = TypeVar("T")


class DeviceInventory(BaseInventoryPlugin, Constructable, Cacheable):
    """Base of the collection's device inventory plugins: one device (cluster, server) per configuration file."""

    #: The plugin's fully qualified name; starts every message.
    NAME = ""
    #: Configuration file names must end with ``<FILE_SUFFIX>.yml`` or ``<FILE_SUFFIX>.yaml``.
    FILE_SUFFIX = ""
    #: The device client's connection options (argument spec): read with ``get_option``, so the plugin's
    #: documentation must declare every one of them.
    CONNECTION_SPEC: Mapping[str, Mapping[str, Any]] = {}
    #: Connection options that may hold templates (lookups) or vault-encrypted strings.
    TEMPLATED_OPTIONS: Tuple[str, ...] = ()
    #: Version of the cached data layout; a cache entry of another version is read again from the device.
    CACHE_FORMAT = 1

    # ------------------------------------------------------------------ plugin API
    def verify_file(self, path: str) -> bool:
        """Accept readable files whose name ends with ``<FILE_SUFFIX>.yml`` or ``<FILE_SUFFIX>.yaml``."""
        if not super().verify_file(path):
            return False
        suffixes = ("%s.yml" % self.FILE_SUFFIX, "%s.yaml" % self.FILE_SUFFIX)
        if path.endswith(suffixes):
            return True
        self.display.vvv("%s: skipping %s: the file name must end with %s or %s" % ((self.NAME, path) + suffixes))
        return False

    def parse(self, inventory: Any, loader: Any, path: str, cache: bool = True) -> None:
        super().parse(inventory, loader, path, cache)
        self._read_config_data(path)
        self._constructed_options: Optional[Tuple[Any, Any, Any, Any]] = None
        prefix = self._hostvars_prefix()
        wanted = self._wanted()
        data = self._cached(path, cache, wanted)
        self._populate(data, wanted, prefix)

    # ------------------------------------------------------------------ hooks
    def _wanted(self) -> Any:
        """What this configuration reads (from its options), handed to :meth:`_fetch`, :meth:`_cache_covers` and
        :meth:`_populate`."""
        return None

    def _fetch(self, wanted: Any) -> Dict[str, Any]:
        """Read the device: the JSON-safe, normalised data the hosts are built from (this is what is cached)."""
        raise NotImplementedError

    def _cache_covers(self, data: Mapping[str, Any], wanted: Any) -> bool:
        """Whether a cache entry (of this layout) holds what ``wanted`` asks for; options may have changed since
        it was written."""
        return True

    def _populate(self, data: Mapping[str, Any], wanted: Any, prefix: str) -> None:
        """Add the hosts and groups of ``data``."""
        raise NotImplementedError

    # ------------------------------------------------------------------ reading
    def _error(self, message: str) -> AnsibleParserError:
        return AnsibleParserError("%s: %s" % (self.NAME, message))

    def _hostvars_prefix(self) -> str:
        prefix = self.get_option("hostvars_prefix")
        if not isinstance(prefix, str) or not PREFIX_RE.match(prefix):
            raise self._error("hostvars_prefix %r must start with a letter or _ and contain only letters, digits "
                              "and _ (it cannot be empty)" % (prefix,))
        return prefix

    def _cached(self, path: str, cache: bool, wanted: Any) -> Dict[str, Any]:
        """The device data, from the inventory cache when allowed and usable, else read (and cached when the user
        enabled the cache): the canonical flow of the ansible-core developer guide."""
        cache_key = self.get_cache_key(path)
        user_cache_setting = bool(self.get_option("cache"))
        attempt_to_read_cache = user_cache_setting and cache
        cache_needs_update = user_cache_setting and not cache
        data: Optional[Dict[str, Any]] = None
        if attempt_to_read_cache:
            try:
                data = self._cache[cache_key]
            except KeyError:
                cache_needs_update = True
            if data is not None and not self._cache_usable(data, wanted):
                data, cache_needs_update = None, True
        if data is None:
            data = {"format": self.CACHE_FORMAT}
            data.update(self._fetch(wanted))
            if cache_needs_update:
                self._cache[cache_key] = self._cache_entry(data)
        else:
            data = self._from_cache_entry(data)
        return data

    def _cache_entry(self, data: Dict[str, Any]) -> Dict[str, Any]:
        """What is stored in the inventory cache for ``data`` (default: ``data`` itself). A plugin with very large
        data stores a compact form (Ansible deep-copies cache entries once per run)."""
        return data

    def _from_cache_entry(self, entry: Dict[str, Any]) -> Dict[str, Any]:
        """``data`` back from a usable cache entry written by :meth:`_cache_entry`."""
        return entry

    def _cache_usable(self, data: Any, wanted: Any) -> bool:
        """A cache entry of our layout that covers what the configuration asks for."""
        return isinstance(data, Mapping) and data.get("format") == self.CACHE_FORMAT and self._cache_covers(data, wanted)

    def _connection_params(self) -> Dict[str, Any]:
        """The connection options, templated where they may be lookups or vault-encrypted strings."""
        params: Dict[str, Any] = {}
        for key in self.CONNECTION_SPEC:
            value = self.get_option(key)
            if key in self.TEMPLATED_OPTIONS and value is not None:
                value = self._template(key, value)
            params[key] = value
        return params

    def _template(self, key: str, value: Any) -> Optional[str]:
        try:
            if self.templar.is_template(value):
                value = self.templar.template(value)
        except Exception as exc:  # pylint: disable=broad-except
            # The templating error may quote the value: never show it for secrets.
            detail = "" if self.CONNECTION_SPEC.get(key, {}).get("no_log") else ": %s" % to_text(exc)
            raise self._error("could not template option %s%s" % (key, detail)) from None
        # str() also decrypts vault-encrypted strings into a plain str.
        return None if value is None else str(value)

    def _with_client(self, factory: Callable[[Dict[str, Any]], Any], read: Callable[[Any], T]) -> T:
        """``read(client)`` with a client built by ``factory`` from the connection options, closed afterwards.

        :raises AnsibleParserError: the client refused the options or a request failed (the client's message,
            which never holds a secret).
        """
        try:
            client = factory(self._connection_params())
        except BroadcastError as exc:
            raise self._error(exc.message) from None
        try:
            result = read(client)
            if getattr(client, "http", None) is not None:
                self.display.vvv("%s: requests per endpoint: %s" % (self.NAME, client.http.stats.as_dict()))
            return result
        except BroadcastError as exc:
            raise self._error(exc.message) from None
        finally:
            client.close()

    # ------------------------------------------------------------------ hosts
    def _group(self, prefix: str, value: Any) -> str:
        """``prefix`` + ``value`` in lower case with every other character than ``[a-z0-9_]`` replaced by ``_``."""
        return str(self._sanitize_group_name(prefix + UNSAFE_GROUP_CHARS.sub("_", str(value).lower())))

    def _add_to_group(self, group: str, host: str) -> None:
        """Add ``host`` to ``group``, creating the group."""
        self.inventory.add_child(self.inventory.add_group(group), host)

    def _add_host(self, seen: Dict[str, str], kind: str, name: Any) -> Optional[str]:
        """Add host ``name`` once; a second item of the same name is skipped with a warning.

        :param seen: host name -> kind of the item it came from, for this run.
        :param kind: the item's kind in messages (``cloud link``, ``set-top box``).
        :returns: the host name, or None when the item was skipped.
        """
        if not name:
            self.display.warning("%s: skipped a %s without a name or id" % (self.NAME, kind))
            return None
        host = str(name)
        if host in seen:
            self.display.warning("%s: skipped %s %r: a %s of that name is already a host" % (self.NAME, kind, host, seen[host]))
            return None
        seen[host] = kind
        self.inventory.add_host(host)
        return host

    def _set_vars(self, host: str, prefix: str, item: Mapping[str, Any], names: Sequence[str],
                  kind: Optional[str] = None) -> None:
        """Set ``prefix + name`` for each of ``names`` from ``item`` (and ``prefix + "kind"`` when ``kind`` is
        given), then apply ``compose``, ``groups`` and ``keyed_groups`` to the host."""
        if kind is not None:
            self.inventory.set_variable(host, prefix + "kind", kind)
        for name in names:
            self.inventory.set_variable(host, prefix + name, item.get(name))
        self._construct(host)

    def _construct(self, host: str) -> None:
        """Apply ``compose``, ``groups`` and ``keyed_groups`` to ``host`` (nothing to do, and nothing read back,
        when none is configured)."""
        constructed = self._constructed_options
        if constructed is None:
            # read once per run, not once per host (100,000 DMS devices: ~1 s of get_option calls)
            constructed = (self.get_option("compose"), self.get_option("groups"), self.get_option("keyed_groups"),
                           self.get_option("strict"))
            self._constructed_options = constructed
        compose, groups, keyed_groups, strict = constructed
        if not (compose or groups or keyed_groups):
            return  # nothing to construct: skip reading the host's variables back (10,000 boxes: ~0.5 s)
        self._set_composite_vars(compose, self.inventory.get_host(host).get_vars(), host, strict=strict)
        hostvars = self.inventory.get_host(host).get_vars()
        self._add_host_to_composed_groups(groups, hostvars, host, strict=strict)
        self._add_host_to_keyed_groups(keyed_groups, hostvars, host, strict=strict)
