"""`supports FEATURE` answers: upstream feature names (XTEST-UPSTREAM.md §1.4 and the nano era).

0 = implemented here, 1 = a known upstream feature this SDK does not implement, 2 = unknown.
"""

from __future__ import annotations

SUPPORTED = frozenset(
    {
        "assertions",
        "assertion_verification",
        "autoconfigure",
        "better-messages-2024",
        "connectrpc",
        "ecwrap",
        "hexless",
        "hexaflexible",
        "kasallowlist",
        "mime_type",  # xtest's name: encrypt sets payload.mimeType (XT_WITH_MIME_TYPE)
        "ns_grants",
        "nano",
        "nano_ecdsa",
        "nano_policymode_plaintext",
    }
)
KNOWN_UNSUPPORTED = frozenset(
    {
        "attribute_traversal",
        "audit_logging",
        "bulk_rewrap",
        "dpop",
        "dpop_nonce_challenge",
        "key_management",
        "mechanism-rsa-4096",
        "mechanism-ec-curves-384-521",
        "mechanism-xwing",
        "mechanism-secpmlkem",
        "mechanism-mlkem",
        "obligations",
        "nano_attribute_bug",
    }
)


def supports(feature: str) -> int:
    if feature in SUPPORTED:
        return 0
    if feature in KNOWN_UNSUPPORTED:
        return 1
    return 2
