"""The access decision for rewrap: may this entity (token claims) read data with these attributes?

Entitlements: every attribute value whose subject mapping (with a read/decrypt action) has a
condition set that holds for the entity. Then the policy's data attributes are grouped by
definition and every definition must pass its rule:
- ANY_OF: entitled to at least one listed value;
- ALL_OF: entitled to every listed value;
- HIERARCHY: entitled to a value ranked at or above the highest-ranked listed value
  (rank = order of the definition's values, first is highest).
An FQN the policy service does not know denies; no data attributes permits.
"""

from __future__ import annotations

from tools.platform.policy_store import PolicyStore
from tools.platform.rewrap import Decision
from tools.platform.subject_conditions import condition_set_holds

READ_ACTIONS = {"read", "decrypt", "STANDARD_ACTION_DECRYPT"}


def entitled_value_ids(store: PolicyStore, entity: dict) -> set[str]:
    entitled = set()
    for sm in store.subject_mappings():
        if not _grants_read(sm.get("actions") or []):
            continue
        scs = store.state["conditionSets"].get(sm["subjectConditionSetId"])
        if scs and condition_set_holds(scs["subjectSets"], entity):
            entitled.add(sm["attributeValueId"])
    return entitled


def _grants_read(actions: list) -> bool:
    for a in actions:
        if isinstance(a, dict) and (a.get("name") in READ_ACTIONS or a.get("standard") in READ_ACTIONS):
            return True
    return False


def decide(store: PolicyStore, entity: dict, fqns: list[str]) -> Decision:
    if not fqns:
        return Decision(True, "no data attributes")
    by_definition: dict[str, tuple[dict, list[dict]]] = {}
    for fqn in fqns:
        found = store.value_by_fqn(fqn)
        if found is None:
            return Decision(False, f"attribute value {fqn} is not defined in the policy service")
        attr, value = found
        by_definition.setdefault(attr["id"], (attr, []))[1].append(value)
    entitled = entitled_value_ids(store, entity)
    for attr, values in by_definition.values():
        denial = _check_rule(attr, values, entitled)
        if denial:
            return Decision(False, denial)
    return Decision(True, f"entitled to {len(fqns)} data attribute value(s)")


def _check_rule(attr: dict, values: list[dict], entitled: set[str]) -> str | None:
    rule = attr["rule"]
    names = [v["value"] for v in values]
    if rule == "ATTRIBUTE_RULE_TYPE_ENUM_ANY_OF":
        if not any(v["id"] in entitled for v in values):
            return f"anyOf {attr['name']}: not entitled to any of {names}"
    elif rule == "ATTRIBUTE_RULE_TYPE_ENUM_ALL_OF":
        missing = [v["value"] for v in values if v["id"] not in entitled]
        if missing:
            return f"allOf {attr['name']}: not entitled to {missing}"
    else:  # hierarchy
        order = attr["valueIds"]
        top = min(values, key=lambda v: order.index(v["id"]))
        if not any(vid in entitled for vid in order[: order.index(top["id"]) + 1]):
            return f"hierarchy {attr['name']}: not entitled to {top['value']!r} or a higher value"
    return None
