"""Setting up policy through the platform's Connect JSON API (shared by the policy/ABAC/real-client tests)."""

from __future__ import annotations

from tools.platform.client import Client

NS = "/policy.namespaces.NamespaceService/"
ATTR = "/policy.attributes.AttributesService/"
SM = "/policy.subjectmapping.SubjectMappingService/"
KAS = "/policy.kasregistry.KeyAccessServerRegistryService/"


def condition(selector: str, values: list[str], operator: str = "IN") -> dict:
    return {
        "subjectExternalSelectorValue": selector,
        "operator": f"SUBJECT_MAPPING_OPERATOR_ENUM_{operator}",
        "subjectExternalValues": values,
    }


def subject_sets(*conditions: dict, boolean: str = "OR") -> list:
    group = {"booleanOperator": f"CONDITION_BOOLEAN_TYPE_ENUM_{boolean}", "conditions": list(conditions)}
    return [{"conditionGroups": [group]}]


class Policy:
    def __init__(self, client: Client, token: str, codec: str = "json"):
        self.client, self.token, self.codec = client, token, codec

    def call(self, path: str, body: dict) -> dict:
        status, doc = self.client.rpc(path, body, self.token, self.codec)
        assert status == 200, (path, status, doc)
        return doc

    def namespace(self, name: str) -> dict:
        return self.call(NS + "CreateNamespace", {"name": name})["namespace"]

    def attribute(self, ns: dict, name: str, rule: str, values: list[str]) -> dict:
        body = {"namespaceId": ns["id"], "name": name, "rule": rule, "values": values}
        return self.call(ATTR + "CreateAttribute", body)["attribute"]

    def condition_set(self, sets: list) -> str:
        return self.call(SM + "CreateSubjectConditionSet", {"subjectConditionSet": {"subjectSets": sets}})[
            "subjectConditionSet"
        ]["id"]

    def map_value(self, value_id: str, sets: list, actions=({"name": "read"},)) -> dict:
        body = {
            "attributeValueId": value_id,
            "actions": list(actions),
            "existingSubjectConditionSetId": self.condition_set(sets),
        }
        return self.call(SM + "CreateSubjectMapping", body)["subjectMapping"]

    def entitle(self, attr: dict, value: str, selector: str, values: list[str], operator: str = "IN") -> dict:
        (value_id,) = [v["id"] for v in attr["values"] if v["value"] == value]
        return self.map_value(value_id, subject_sets(condition(selector, values, operator)))

    def kas_servers(self) -> list[dict]:
        return self.call(KAS + "ListKeyAccessServers", {})["keyAccessServers"]
