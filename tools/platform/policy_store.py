"""In-memory policy state: namespaces, attributes and values, subject mappings, KAS registry, grants.

The state is one JSON-serialisable dict (so `--state FILE` persistence is a dump/load), guarded
by a lock; every mutation calls `on_change` (the persister). Names are stored lower-case and
FQNs compared lower-case, as the real platform normalises them.
"""

from __future__ import annotations

import copy
import re
import threading
import uuid
from collections.abc import Callable

from tools.platform.errors import AlreadyExists, InvalidArgument, NotFound
from tools.platform.subject_conditions import validate_subject_sets

RULES = (
    "ATTRIBUTE_RULE_TYPE_ENUM_ANY_OF",
    "ATTRIBUTE_RULE_TYPE_ENUM_ALL_OF",
    "ATTRIBUTE_RULE_TYPE_ENUM_HIERARCHY",
)
_HOST = re.compile(r"^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$")
_NAME = re.compile(r"^[a-z0-9]([a-z0-9_-]{0,251}[a-z0-9])?$")
_TABLES = ("namespaces", "attributes", "values", "conditionSets", "subjectMappings", "kas")
_GRANTS = ("namespaceGrants", "attributeGrants", "valueGrants")


def empty_state() -> dict:
    return {**{t: {} for t in _TABLES}, **{g: [] for g in _GRANTS}}


def normalise_rule(rule) -> str:
    if isinstance(rule, str):
        full = rule if rule.startswith("ATTRIBUTE_RULE_TYPE_ENUM_") else "ATTRIBUTE_RULE_TYPE_ENUM_" + rule.upper()
        if full in RULES:
            return full
    raise InvalidArgument(f"attribute rule {rule!r} unknown; one of {RULES}")


def _check_name(value, what: str, pattern=_NAME) -> str:
    if not isinstance(value, str) or not pattern.match(value.lower()):
        raise InvalidArgument(f"{what} {value!r} is not valid (letters, digits, '-' and '_'; hostnames for namespaces)")
    return value.lower()


class PolicyStore:
    def __init__(self, state: dict | None = None, on_change: Callable[[dict], None] | None = None):
        self._lock = threading.RLock()
        self.state = empty_state()
        if state:
            for key in self.state:
                self.state[key] = state.get(key, self.state[key])
        self.on_change = on_change

    def snapshot(self) -> dict:
        with self._lock:
            return copy.deepcopy(self.state)

    def _changed(self) -> None:
        # Under the lock, so concurrent saves land in mutation order (the last one is the newest).
        if self.on_change:
            with self._lock:
                self.on_change(copy.deepcopy(self.state))

    def _get(self, table: str, id_: str, what: str) -> dict:
        with self._lock:  # re-entrant: mutations call this while holding the lock
            item = self.state[table].get(id_) if isinstance(id_, str) else None
        if item is None:
            raise NotFound(f"{what} {id_!r} not found")
        return item

    # --- namespaces ------------------------------------------------------------------------
    def create_namespace(self, name) -> dict:
        name = _check_name(name, "namespace name", _HOST)
        with self._lock:
            if any(n["name"] == name for n in self.state["namespaces"].values()):
                raise AlreadyExists(f"namespace {name!r} already exists")
            ns = {"id": str(uuid.uuid4()), "name": name}
            self.state["namespaces"][ns["id"]] = ns
        self._changed()
        return ns

    def _all(self, table: str) -> list[dict]:
        with self._lock:
            return list(self.state[table].values())

    def namespace(self, id_: str) -> dict:
        return self._get("namespaces", id_, "namespace")

    def namespace_by_fqn(self, fqn: str) -> dict:
        name = fqn.lower().removeprefix("https://").rstrip("/")
        with self._lock:
            for ns in self.state["namespaces"].values():
                if ns["name"] == name:
                    return ns
        raise NotFound(f"namespace {fqn!r} not found")

    # --- attributes and values ---------------------------------------------------------------
    def create_attribute(self, namespace_id: str, name, rule, values) -> dict:
        name, rule = _check_name(name, "attribute name"), normalise_rule(rule)
        values = [_check_name(v, "attribute value") for v in (values or [])]
        if len(set(values)) != len(values):
            raise InvalidArgument(f"attribute {name!r} lists a value twice: {values}")
        with self._lock:
            self._get("namespaces", namespace_id, "namespace")
            if any(a["namespaceId"] == namespace_id and a["name"] == name for a in self.state["attributes"].values()):
                raise AlreadyExists(f"attribute {name!r} already exists in namespace {namespace_id}")
            attr = {"id": str(uuid.uuid4()), "namespaceId": namespace_id, "name": name, "rule": rule, "valueIds": []}
            self.state["attributes"][attr["id"]] = attr
            for v in values:
                self._add_value(attr, v)
        self._changed()
        return attr

    def create_value(self, attribute_id: str, value) -> dict:
        value = _check_name(value, "attribute value")
        with self._lock:
            attr = self._get("attributes", attribute_id, "attribute")
            if any(self.state["values"][v]["value"] == value for v in attr["valueIds"]):
                raise AlreadyExists(f"value {value!r} already exists on attribute {attr['name']!r}")
            val = self._add_value(attr, value)
        self._changed()
        return val

    def _add_value(self, attr: dict, value: str) -> dict:
        val = {"id": str(uuid.uuid4()), "attributeId": attr["id"], "value": value}
        self.state["values"][val["id"]] = val
        attr["valueIds"].append(val["id"])  # order = hierarchy rank (first is highest)
        return val

    def attribute(self, id_: str) -> dict:
        return self._get("attributes", id_, "attribute")

    def value(self, id_: str) -> dict:
        return self._get("values", id_, "attribute value")

    def attributes(self) -> list[dict]:
        return self._all("attributes")

    def namespaces(self) -> list[dict]:
        return self._all("namespaces")

    def value_by_fqn(self, fqn: str) -> tuple[dict, dict] | None:
        """(attribute, value) for `https://<ns>/attr/<name>/value/<value>`, or None if unknown."""
        m = re.match(r"^https://([^/]+)/attr/([^/]+)/value/([^/]+)$", fqn.strip().lower())
        if not m:
            return None
        ns_name, attr_name, value = m.groups()
        with self._lock:
            for attr in self.state["attributes"].values():
                ns = self.state["namespaces"].get(attr["namespaceId"])
                if ns and ns["name"] == ns_name and attr["name"] == attr_name:
                    for vid in attr["valueIds"]:
                        if self.state["values"][vid]["value"] == value:
                            return attr, self.state["values"][vid]
        return None

    # --- subject mappings ------------------------------------------------------------------------
    def create_condition_set(self, subject_sets) -> dict:
        scs = {"id": str(uuid.uuid4()), "subjectSets": validate_subject_sets(subject_sets)}
        with self._lock:
            self.state["conditionSets"][scs["id"]] = scs
        self._changed()
        return scs

    def create_subject_mapping(self, value_id: str, actions, condition_set_id: str) -> dict:
        if not isinstance(actions, list) or not actions:
            raise InvalidArgument('subject mapping needs a non-empty actions list, e.g. [{"name": "read"}]')
        with self._lock:
            self._get("values", value_id, "attribute value")
            self._get("conditionSets", condition_set_id, "subject condition set")
            sm = {
                "id": str(uuid.uuid4()),
                "attributeValueId": value_id,
                "actions": actions,
                "subjectConditionSetId": condition_set_id,
            }
            self.state["subjectMappings"][sm["id"]] = sm
        self._changed()
        return sm

    def delete_subject_mapping(self, id_: str) -> dict:
        with self._lock:
            sm = self._get("subjectMappings", id_, "subject mapping")
            del self.state["subjectMappings"][id_]
        self._changed()
        return sm

    def condition_set(self, id_: str) -> dict:
        return self._get("conditionSets", id_, "subject condition set")

    def subject_mappings(self) -> list[dict]:
        return self._all("subjectMappings")

    def condition_sets(self) -> list[dict]:
        return self._all("conditionSets")

    # --- KAS registry and grants -------------------------------------------------------------------
    def register_kas(self, uri, public_key, name: str = "", id_: str | None = None) -> dict:
        if not isinstance(uri, str) or not uri.startswith(("http://", "https://")):
            raise InvalidArgument(f"KAS uri {uri!r} must be an http(s) URL")
        with self._lock:
            kas = {"id": id_ or str(uuid.uuid4()), "uri": uri, "publicKey": public_key or {}, "name": name}
            if id_ is not None and id_ in self.state["kas"]:  # a built-in KAS: its URL may change per run
                self.state["kas"][id_] = kas
                return kas
            if any(k["uri"] == uri for k in self.state["kas"].values()):
                raise AlreadyExists(f"a KAS with uri {uri!r} is already registered")
            self.state["kas"][kas["id"]] = kas
        self._changed()
        return kas

    def kas_servers(self) -> list[dict]:
        return self._all("kas")

    def kas(self, id_: str) -> dict:
        return self._get("kas", id_, "key access server")

    def assign_grant(self, table: str, target_id: str, kas_id: str, remove: bool = False) -> None:
        """table: namespaceGrants | attributeGrants | valueGrants."""
        target_table = {"namespaceGrants": "namespaces", "attributeGrants": "attributes", "valueGrants": "values"}[
            table
        ]
        with self._lock:
            self._get(target_table, target_id, target_table.rstrip("s"))
            self._get("kas", kas_id, "key access server")
            pair = [target_id, kas_id]
            grants = self.state[table]
            if remove:
                if pair in grants:
                    grants.remove(pair)
            elif pair not in grants:
                grants.append(pair)
        self._changed()

    def grants(self, table: str, target_id: str) -> list[dict]:
        with self._lock:
            return [self.state["kas"][k] for t, k in self.state[table] if t == target_id and k in self.state["kas"]]
