"""Evaluating subject condition sets against an entity (the JSON object of the token claims).

Semantics as the real platform: a set is true when all its subject sets are; a subject set when
all its condition groups are; a group combines its conditions with AND or OR; a condition selects
values from the entity with a jq-like selector (`.clientId`, `.realm_access.roles[]`, `.a[0].b`)
and compares them with IN / NOT_IN / IN_CONTAINS against `subjectExternalValues`.
"""

from __future__ import annotations

import re

from tools.platform.errors import InvalidArgument

OPERATORS = (
    "SUBJECT_MAPPING_OPERATOR_ENUM_IN",
    "SUBJECT_MAPPING_OPERATOR_ENUM_NOT_IN",
    "SUBJECT_MAPPING_OPERATOR_ENUM_IN_CONTAINS",
)
BOOLEANS = ("CONDITION_BOOLEAN_TYPE_ENUM_AND", "CONDITION_BOOLEAN_TYPE_ENUM_OR")

_STEP = re.compile(r"\.([A-Za-z_][A-Za-z0-9_\-]*)|\.?\[(\d*)\]|\.\"([^\"]+)\"")


def parse_selector(selector: str) -> list:
    """'.a.b[]' -> ['a', 'b', None]; names are str, indexes int, None means 'every element'."""
    if not isinstance(selector, str) or not selector.startswith("."):
        raise InvalidArgument(f"subjectExternalSelectorValue {selector!r} must start with '.'")
    steps, pos = [], 0
    if selector == ".":
        return steps
    while pos < len(selector):
        m = _STEP.match(selector, pos)
        if not m:
            raise InvalidArgument(f"subjectExternalSelectorValue {selector!r}: cannot parse at {selector[pos:]!r}")
        name, index, quoted = m.groups()
        if name is not None or quoted is not None:
            steps.append(name if name is not None else quoted)
        else:
            steps.append(int(index) if index else None)
        pos = m.end()
    return steps


def select(entity, selector: str) -> list[str]:
    """Every scalar the selector reaches, as strings (lists at the end are flattened)."""
    current = [entity]
    for step in parse_selector(selector):
        nxt = []
        for node in current:
            if step is None and isinstance(node, list):
                nxt.extend(node)
            elif (
                isinstance(step, int)
                and isinstance(node, list)
                and step < len(node)
                or isinstance(step, str)
                and isinstance(node, dict)
                and step in node
            ):
                nxt.append(node[step])
        current = nxt
    out = []
    for value in current:
        out.extend(_scalars(value))
    return out


def _scalars(value) -> list[str]:
    if isinstance(value, list):
        return [s for v in value for s in _scalars(v)]
    if isinstance(value, dict) or value is None:
        return []
    if isinstance(value, bool):
        return ["true" if value else "false"]
    return [str(value)]


def condition_holds(condition: dict, entity) -> bool:
    selected = select(entity, condition.get("subjectExternalSelectorValue", ""))
    wanted = [str(v) for v in condition.get("subjectExternalValues") or []]
    op = condition.get("operator")
    if op == "SUBJECT_MAPPING_OPERATOR_ENUM_IN":
        return any(s in wanted for s in selected)
    if op == "SUBJECT_MAPPING_OPERATOR_ENUM_NOT_IN":
        return not any(s in wanted for s in selected)
    if op == "SUBJECT_MAPPING_OPERATOR_ENUM_IN_CONTAINS":
        return any(w in s for s in selected for w in wanted)
    raise InvalidArgument(f"condition operator {op!r} unknown; one of {OPERATORS}")


def group_holds(group: dict, entity) -> bool:
    results = [condition_holds(c, entity) for c in group.get("conditions") or []]
    op = group.get("booleanOperator")
    if op == "CONDITION_BOOLEAN_TYPE_ENUM_AND":
        return bool(results) and all(results)
    if op == "CONDITION_BOOLEAN_TYPE_ENUM_OR":
        return any(results)
    raise InvalidArgument(f"booleanOperator {op!r} unknown; one of {BOOLEANS}")


def condition_set_holds(subject_sets: list, entity) -> bool:
    if not subject_sets:
        return False
    return all(
        bool(s.get("conditionGroups")) and all(group_holds(g, entity) for g in s["conditionGroups"])
        for s in subject_sets
    )


def validate_subject_sets(subject_sets) -> list:
    """Reject malformed condition sets at creation (selector syntax, operators), not at decision time."""
    if not isinstance(subject_sets, list) or not subject_sets:
        raise InvalidArgument("subjectConditionSet.subjectSets must be a non-empty list")
    for s in subject_sets:
        groups = s.get("conditionGroups") if isinstance(s, dict) else None
        if not isinstance(groups, list) or not groups:
            raise InvalidArgument("each subject set needs a non-empty conditionGroups list")
        for g in groups:
            if not isinstance(g, dict) or g.get("booleanOperator") not in BOOLEANS:
                raise InvalidArgument(f"conditionGroup booleanOperator must be one of {BOOLEANS}")
            conditions = g.get("conditions")
            if not isinstance(conditions, list) or not conditions:
                raise InvalidArgument("each condition group needs a non-empty conditions list")
            for c in conditions:
                if not isinstance(c, dict) or c.get("operator") not in OPERATORS:
                    raise InvalidArgument(f"condition operator must be one of {OPERATORS}")
                parse_selector(c.get("subjectExternalSelectorValue"))
                if not isinstance(c.get("subjectExternalValues"), list):
                    raise InvalidArgument("condition subjectExternalValues must be a list")
    return subject_sets
