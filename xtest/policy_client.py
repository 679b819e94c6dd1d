"""A small Connect-JSON client for the OpenTDF policy services (works against a real platform too).

Unary Connect RPCs: ``POST {platform}/<service>/<Method>`` with a JSON body and a client-credentials
bearer token (docs/CONTRACTS.md, "Embedded platform"). Errors become :class:`PolicyError` with the
Connect code, so callers can treat ``already_exists`` as a lost creation race.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.parse
import urllib.request

NS = "policy.namespaces.NamespaceService"
ATTR = "policy.attributes.AttributesService"
SM = "policy.subjectmapping.SubjectMappingService"
KASREG = "policy.kasregistry.KeyAccessServerRegistryService"

RULES = {
    "anyOf": "ATTRIBUTE_RULE_TYPE_ENUM_ANY_OF",
    "allOf": "ATTRIBUTE_RULE_TYPE_ENUM_ALL_OF",
    "hierarchy": "ATTRIBUTE_RULE_TYPE_ENUM_HIERARCHY",
}
_TIMEOUT = 30


class PolicyError(Exception):
    """A policy RPC failed; ``code`` is the Connect error code (or ``http_<status>``)."""

    def __init__(self, rpc: str, code: str, message: str):
        self.rpc, self.code, self.message = rpc, code, message
        super().__init__(f"{rpc} failed: {code}: {message}")


class PolicyClient:
    def __init__(self, platform_url: str, token_endpoint: str, client_id: str, client_secret: str):
        self.platform_url = platform_url.rstrip("/")
        self._token_endpoint = token_endpoint
        self._client = (client_id, client_secret)
        self._token: tuple[str, float] | None = None

    def _bearer(self) -> str:
        if self._token and self._token[1] > time.time() + 30:
            return self._token[0]
        form = urllib.parse.urlencode(
            {"grant_type": "client_credentials", "client_id": self._client[0], "client_secret": self._client[1]}
        ).encode()
        req = urllib.request.Request(self._token_endpoint, data=form, method="POST")
        req.add_header("Content-Type", "application/x-www-form-urlencoded")
        try:
            with urllib.request.urlopen(req, timeout=_TIMEOUT) as resp:
                body = json.loads(resp.read())
        except urllib.error.HTTPError as e:
            raise PolicyError("token", f"http_{e.code}", e.read().decode(errors="replace")) from None
        self._token = (body["access_token"], time.time() + float(body.get("expires_in", 300)))
        return self._token[0]

    def call(self, service: str, method: str, body: dict) -> dict:
        rpc = f"{service}/{method}"
        req = urllib.request.Request(f"{self.platform_url}/{rpc}", data=json.dumps(body).encode(), method="POST")
        req.add_header("Content-Type", "application/json")
        req.add_header("Connect-Protocol-Version", "1")
        req.add_header("Authorization", f"Bearer {self._bearer()}")
        try:
            with urllib.request.urlopen(req, timeout=_TIMEOUT) as resp:
                return json.loads(resp.read() or b"{}")
        except urllib.error.HTTPError as e:
            text = e.read().decode(errors="replace")
            try:
                err = json.loads(text)
                raise PolicyError(rpc, err.get("code", f"http_{e.code}"), err.get("message", text)) from None
            except json.JSONDecodeError:
                raise PolicyError(rpc, f"http_{e.code}", text) from None

    # --- namespaces, attributes, subject mappings ---------------------------------------------
    def list_namespaces(self) -> list[dict]:
        return self.call(NS, "ListNamespaces", {}).get("namespaces", [])

    def create_namespace(self, name: str) -> dict:
        return self.call(NS, "CreateNamespace", {"name": name})["namespace"]

    def create_attribute(self, namespace_id: str, name: str, rule: str, values: list[str]) -> dict:
        body = {"namespaceId": namespace_id, "name": name, "rule": RULES[rule], "values": values}
        return self.call(ATTR, "CreateAttribute", body)["attribute"]

    def create_condition_set(self, client_ids: list[str]) -> dict:
        condition = {
            "subjectExternalSelectorValue": ".clientId",
            "operator": "SUBJECT_MAPPING_OPERATOR_ENUM_IN",
            "subjectExternalValues": client_ids,
        }
        group = {"booleanOperator": "CONDITION_BOOLEAN_TYPE_ENUM_OR", "conditions": [condition]}
        body = {"subjectConditionSet": {"subjectSets": [{"conditionGroups": [group]}]}}
        return self.call(SM, "CreateSubjectConditionSet", body)["subjectConditionSet"]

    def create_subject_mapping(self, value_id: str, condition_set_id: str) -> dict:
        body = {
            "attributeValueId": value_id,
            "actions": [{"name": "read"}],
            "existingSubjectConditionSetId": condition_set_id,
        }
        return self.call(SM, "CreateSubjectMapping", body)["subjectMapping"]

    # --- KAS registry and grants --------------------------------------------------------------
    def list_kas(self) -> list[dict]:
        return self.call(KASREG, "ListKeyAccessServers", {}).get("keyAccessServers", [])

    def ensure_kas(self, uri: str, public_key: dict | None = None) -> dict:
        """The registry entry for ``uri``, created if absent; a lost creation race re-lists."""
        for kas in self.list_kas():
            if kas.get("uri") == uri:
                return kas
        body = {"uri": uri, "publicKey": public_key or {}, "name": ""}
        try:
            return self.call(KASREG, "CreateKeyAccessServer", body)["keyAccessServer"]
        except PolicyError as e:
            if e.code != "already_exists" and "unique field violation" not in e.message:
                raise
        for kas in self.list_kas():
            if kas.get("uri") == uri:
                return kas
        raise PolicyError(f"{KASREG}/CreateKeyAccessServer", "not_found", f"{uri} exists but is not listed")

    def assign_kas(self, level: str, target_id: str, kas_id: str) -> None:
        """Grant KAS ``kas_id`` on a ``value``, ``attribute`` or ``namespace`` (legacy KAS grants)."""
        if level == "value":
            self.call(
                ATTR,
                "AssignKeyAccessServerToValue",
                {"valueKeyAccessServer": {"valueId": target_id, "keyAccessServerId": kas_id}},
            )
        elif level == "attribute":
            body = {"attributeKeyAccessServer": {"attributeId": target_id, "keyAccessServerId": kas_id}}
            self.call(ATTR, "AssignKeyAccessServerToAttribute", body)
        elif level == "namespace":
            body = {"namespaceKeyAccessServer": {"namespaceId": target_id, "keyAccessServerId": kas_id}}
            self.call(NS, "AssignKeyAccessServerToNamespace", body)
        else:
            raise ValueError(f"grant level must be value, attribute or namespace, got {level!r}")
