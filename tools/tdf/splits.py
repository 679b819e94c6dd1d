"""Split plans: which KAS servers must each release a share of the DEK.

A plan is a list of clauses; each clause is one split (one share, one `sid`) and lists the KAS
URLs any one of which can release it. From data attributes (autoconfigure):

* a value's KAS set is its value grants, else its definition's grants, else its namespace's
  grants; a value with none of these adds no clause (as the Go SDK's granter does);
* per definition: ALL_OF ⇒ one clause per value (AND); ANY_OF and HIERARCHY ⇒ one clause with
  the union of its values' sets (OR); clauses of different definitions are ANDed;
* duplicate clauses and clauses that contain another clause are dropped (absorption);
* no clause at all ⇒ the default KAS alone.
"""

from __future__ import annotations

from .keyaccess import ALG_EC, ALG_RSA, KasKey, PublicKeySource

RULE_ALL_OF = "ATTRIBUTE_RULE_TYPE_ENUM_ALL_OF"
_KEY_ALGS = {
    "KAS_PUBLIC_KEY_ALG_ENUM_RSA_2048": ALG_RSA,
    "KAS_PUBLIC_KEY_ALG_ENUM_EC_SECP256R1": ALG_EC,
    ALG_RSA: ALG_RSA,
    ALG_EC: ALG_EC,
}

Plan = list[list[str]]


def _grant_uris(grants) -> list[str]:
    return [g["uri"] for g in grants or [] if isinstance(g, dict) and g.get("uri")]


def value_kas(entry: dict) -> list[str]:
    """Most specific grants first: value, then attribute definition, then namespace."""
    attribute = entry.get("attribute") or {}
    for grants in (
        (entry.get("value") or {}).get("grants"),
        attribute.get("grants"),
        (attribute.get("namespace") or {}).get("grants"),
    ):
        uris = _grant_uris(grants)
        if uris:
            return list(dict.fromkeys(uris))
    return []


def _definition_key(fqn: str, entry: dict) -> str:
    attribute = entry.get("attribute") or {}
    return attribute.get("fqn") or fqn.lower().split("/value/")[0]


def reduce_clauses(clauses: Plan) -> Plan:
    """Drops duplicates and any clause that is a superset of another (A ∧ (A ∨ B) = A)."""
    unique: Plan = []
    for clause in clauses:
        if clause and set(clause) not in [set(c) for c in unique]:
            unique.append(clause)
    return [c for c in unique if not any(set(o) < set(c) for o in unique)]


def plan_from_attributes(values: dict[str, dict], default_kas: str) -> Plan:
    """`values`: GetAttributeValuesByFqns answer, `{fqn: {attribute, value}}`, in policy order."""
    definitions: dict[str, tuple[str, list[list[str]]]] = {}
    for fqn, entry in values.items():
        rule = (entry.get("attribute") or {}).get("rule", "")
        definitions.setdefault(_definition_key(fqn, entry), (rule, []))[1].append(value_kas(entry))
    clauses: Plan = []
    for rule, kas_sets in definitions.values():
        granted = [s for s in kas_sets if s]
        if rule == RULE_ALL_OF:
            clauses += granted
        elif granted:
            clauses.append(list(dict.fromkeys(u for s in granted for u in s)))
    return reduce_clauses(clauses) or [[default_kas]]


def grant_keys(values: dict[str, dict]) -> dict[tuple[str, str], KasKey]:
    """Public keys the grants already carry (`publicKey.cached.keys`), by (uri, alg)."""
    found: dict[tuple[str, str], KasKey] = {}
    for entry in values.values():
        attribute = entry.get("attribute") or {}
        for grants in (
            (entry.get("value") or {}).get("grants"),
            attribute.get("grants"),
            (attribute.get("namespace") or {}).get("grants"),
        ):
            for kas in grants or []:
                for key in ((kas.get("publicKey") or {}).get("cached") or {}).get("keys") or []:
                    alg = _KEY_ALGS.get(key.get("alg", ""))
                    if alg and key.get("pem") and kas.get("uri"):
                        found.setdefault(
                            (kas["uri"], alg),
                            KasKey(kas["uri"], alg, key["pem"], key.get("kid", "")),
                        )
    return found


def resolve_keys(
    plan: Plan,
    alg: str,
    source: PublicKeySource,
    known: dict[tuple[str, str], KasKey] | None = None,
) -> list[list[KasKey]]:
    """Turns a plan of URLs into KAS keys of `alg`, fetching only keys the grants lacked."""
    known = known or {}
    return [[known.get((url, alg)) or source.public_key(url, alg) for url in clause] for clause in plan]
