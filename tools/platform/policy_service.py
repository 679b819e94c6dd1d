"""The policy services as Connect JSON unary RPCs, with the real platform's service, method and field names.

`POST /policy.<pkg>.<Service>/<Method>`; reads need any valid token, writes the `opentdf-admin`
role. Objects are rendered as the real protos' JSON (lowerCamel), with `fqn`s and KAS `grants`
filled in where GetAttributeValuesByFqns consumers (SDK split planning) look for them.
"""

from __future__ import annotations

from collections.abc import Callable

from tools.platform.config import ADMIN_ROLE
from tools.platform.errors import InvalidArgument, NotFound, PermissionDenied
from tools.platform.policy_store import PolicyStore

NS = "policy.namespaces.NamespaceService"
ATTR = "policy.attributes.AttributesService"
SM = "policy.subjectmapping.SubjectMappingService"
KASREG = "policy.kasregistry.KeyAccessServerRegistryService"


def _require(body: dict, *names: str) -> list:
    out = []
    for name in names:
        value = body.get(name)
        if value in (None, "", [], {}):
            raise InvalidArgument(f"missing required field {name!r}")
        out.append(value)
    return out


class PolicyService:
    def __init__(self, store: PolicyStore):
        self.store = store

    # --- rendering ---------------------------------------------------------------------------
    def kas_json(self, kas: dict) -> dict:
        return {
            "id": kas["id"],
            "uri": kas["uri"],
            "publicKey": kas.get("publicKey") or {},
            "name": kas.get("name", ""),
        }

    def _grants(self, table: str, target_id: str) -> list[dict]:
        return [self.kas_json(k) for k in self.store.grants(table, target_id)]

    def namespace_json(self, ns: dict) -> dict:
        return {
            "id": ns["id"],
            "name": ns["name"],
            "fqn": f"https://{ns['name']}",
            "active": True,
            "grants": self._grants("namespaceGrants", ns["id"]),
        }

    def value_json(self, value: dict, attr: dict | None = None) -> dict:
        attr = attr or self.store.attribute(value["attributeId"])
        ns = self.store.namespace(attr["namespaceId"])
        return {
            "id": value["id"],
            "value": value["value"],
            "fqn": f"https://{ns['name']}/attr/{attr['name']}/value/{value['value']}",
            "active": True,
            "grants": self._grants("valueGrants", value["id"]),
        }

    def attribute_json(self, attr: dict) -> dict:
        ns = self.store.namespace(attr["namespaceId"])
        return {
            "id": attr["id"],
            "name": attr["name"],
            "fqn": f"https://{ns['name']}/attr/{attr['name']}",
            "rule": attr["rule"],
            "active": True,
            "namespace": self.namespace_json(ns),
            "values": [self.value_json(self.store.value(v), attr) for v in attr["valueIds"]],
            "grants": self._grants("attributeGrants", attr["id"]),
        }

    def subject_mapping_json(self, sm: dict) -> dict:
        value = self.store.value(sm["attributeValueId"])
        return {
            "id": sm["id"],
            "attributeValue": self.value_json(value),
            "actions": sm["actions"],
            "subjectConditionSet": self.store.condition_set(sm["subjectConditionSetId"]),
        }

    # --- methods -----------------------------------------------------------------------------
    def methods(self) -> dict[str, tuple[bool, Callable[[dict], dict]]]:
        """'/<service>/<Method>' -> (needs admin, implementation)."""
        s = self.store
        return {
            f"/{NS}/CreateNamespace": (
                True,
                lambda b: {"namespace": self.namespace_json(s.create_namespace(b.get("name")))},
            ),
            f"/{NS}/GetNamespace": (False, self._get_namespace),
            f"/{NS}/ListNamespaces": (
                False,
                lambda b: {"namespaces": [self.namespace_json(n) for n in s.namespaces()]},
            ),
            f"/{ATTR}/CreateAttribute": (True, self._create_attribute),
            f"/{ATTR}/GetAttribute": (False, self._get_attribute),
            f"/{ATTR}/ListAttributes": (False, self._list_attributes),
            f"/{ATTR}/CreateAttributeValue": (True, self._create_value),
            f"/{ATTR}/GetAttributeValuesByFqns": (False, self._values_by_fqns),
            f"/{ATTR}/GetKeyMappingsByFqns": (False, self._key_mappings_by_fqns),
            f"/{SM}/CreateSubjectConditionSet": (True, self._create_condition_set),
            f"/{SM}/ListSubjectConditionSets": (False, lambda b: {"subjectConditionSets": s.condition_sets()}),
            f"/{SM}/CreateSubjectMapping": (True, self._create_subject_mapping),
            f"/{SM}/ListSubjectMappings": (
                False,
                lambda b: {"subjectMappings": [self.subject_mapping_json(m) for m in s.subject_mappings()]},
            ),
            f"/{SM}/DeleteSubjectMapping": (
                True,
                lambda b: {"subjectMapping": s.delete_subject_mapping(_require(b, "id")[0])},
            ),
            f"/{KASREG}/CreateKeyAccessServer": (True, self._create_kas),
            f"/{KASREG}/GetKeyAccessServer": (
                False,
                lambda b: {"keyAccessServer": self.kas_json(s.kas(_require(b, "id")[0]))},
            ),
            f"/{KASREG}/ListKeyAccessServers": (
                False,
                lambda b: {"keyAccessServers": [self.kas_json(k) for k in s.kas_servers()]},
            ),
            **self._grant_methods(),
        }

    def call(self, path: str, claims: dict, body: dict) -> dict:
        needs_admin, impl = self.methods()[path]
        if needs_admin and ADMIN_ROLE not in ((claims.get("realm_access") or {}).get("roles") or []):
            who = claims.get("clientId") or claims.get("sub")
            raise PermissionDenied(f"{path} needs role {ADMIN_ROLE!r}; client {who!r} lacks it")
        return impl(body)

    def _get_namespace(self, body: dict) -> dict:
        if body.get("fqn"):
            return {"namespace": self.namespace_json(self.store.namespace_by_fqn(body["fqn"]))}
        ns_id = body.get("namespaceId") or body.get("id")
        return {"namespace": self.namespace_json(self.store.namespace(_require({"id": ns_id}, "id")[0]))}

    def _create_attribute(self, body: dict) -> dict:
        ns_id, name, rule = _require(body, "namespaceId", "name", "rule")
        return {"attribute": self.attribute_json(self.store.create_attribute(ns_id, name, rule, body.get("values")))}

    def _get_attribute(self, body: dict) -> dict:
        attr_id = body.get("attributeId") or body.get("id")
        return {"attribute": self.attribute_json(self.store.attribute(_require({"id": attr_id}, "id")[0]))}

    def _list_attributes(self, body: dict) -> dict:
        attrs = [self.attribute_json(a) for a in self.store.attributes()]
        ns = body.get("namespace")
        if ns:
            attrs = [a for a in attrs if ns in (a["namespace"]["id"], a["namespace"]["name"])]
        return {"attributes": attrs}

    def _create_value(self, body: dict) -> dict:
        attr_id, value = _require(body, "attributeId", "value")
        return {"value": self.value_json(self.store.create_value(attr_id, value))}

    def _resolve_fqns(self, body: dict) -> list[tuple[str, dict, dict]]:
        """[(fqn, attribute, value)] for the request's `fqns`; an unknown value FQN is not_found."""
        (fqns,) = _require(body, "fqns")
        if not isinstance(fqns, list) or not all(isinstance(f, str) for f in fqns):
            raise InvalidArgument("fqns must be a list of strings")
        out = []
        for fqn in fqns:
            found = self.store.value_by_fqn(fqn)
            if found is None:
                raise NotFound(f"attribute value {fqn!r} not found")
            out.append((fqn, *found))
        return out

    def _values_by_fqns(self, body: dict) -> dict:
        out = {
            fqn: {"attribute": self.attribute_json(attr), "value": self.value_json(value, attr)}
            for fqn, attr, value in self._resolve_fqns(body)
        }
        return {"fqnAttributeValues": out}

    def _key_mappings_by_fqns(self, body: dict) -> dict:
        """Key mappings (key-management `kasKeys`) per value FQN, keyed by the normalised FQN.

        This platform has KAS grants only, no mapped keys, so every `keys` list is empty, as the real
        platform answers for grant-only policy: the Go SDK then resolves those values through
        GetAttributeValuesByFqns (its grants), which is the path the suite's fixtures exercise.
        """
        out = {fqn.strip().lower(): {"rule": attr["rule"], "keys": []} for fqn, attr, _ in self._resolve_fqns(body)}
        return {"fqnKeyMappings": out}

    def _grant_methods(self) -> dict[str, tuple[bool, Callable[[dict], dict]]]:
        """Assign/RemoveKeyAccessServerTo/From{Namespace,Attribute,Value}: one shape, three targets."""
        methods = {}
        for service, noun, target in (
            (NS, "Namespace", "namespace"),
            (ATTR, "Attribute", "attribute"),
            (ATTR, "Value", "value"),
        ):
            args = (f"{target}Grants", f"{target}KeyAccessServer", f"{target}Id")
            methods[f"/{service}/AssignKeyAccessServerTo{noun}"] = (True, self._grant(*args))
            methods[f"/{service}/RemoveKeyAccessServerFrom{noun}"] = (True, self._grant(*args, remove=True))
        return methods

    def _grant(self, table: str, wrapper: str, target_field: str, remove: bool = False):
        def impl(body: dict) -> dict:
            inner = body.get(wrapper)
            if not isinstance(inner, dict):
                raise InvalidArgument(f"missing required field {wrapper!r}")
            target_id, kas_id = _require(inner, target_field, "keyAccessServerId")
            self.store.assign_grant(table, target_id, kas_id, remove=remove)
            return {wrapper: {target_field: target_id, "keyAccessServerId": kas_id}}

        return impl

    def _create_condition_set(self, body: dict) -> dict:
        scs = body.get("subjectConditionSet")
        if not isinstance(scs, dict):
            raise InvalidArgument("missing required field 'subjectConditionSet'")
        return {"subjectConditionSet": self.store.create_condition_set(scs.get("subjectSets"))}

    def _create_subject_mapping(self, body: dict) -> dict:
        value_id, actions = _require(body, "attributeValueId", "actions")
        scs_id = body.get("existingSubjectConditionSetId")
        new_scs = body.get("newSubjectConditionSet")
        if not scs_id and isinstance(new_scs, dict):
            scs_id = self.store.create_condition_set(new_scs.get("subjectSets"))["id"]
        if not scs_id:
            raise InvalidArgument("need existingSubjectConditionSetId or newSubjectConditionSet")
        sm = self.store.create_subject_mapping(value_id, actions, scs_id)
        return {"subjectMapping": self.subject_mapping_json(sm)}

    def _create_kas(self, body: dict) -> dict:
        (uri,) = _require(body, "uri")
        kas = self.store.register_kas(uri, body.get("publicKey"), body.get("name") or "")
        return {"keyAccessServer": self.kas_json(kas)}
