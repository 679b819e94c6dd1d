"""One KAS instance: its public keys and the rewrap operation (transport-independent).

The HTTP layer decodes the request (REST JSON or Connect), then calls `Kas.rewrap` with the SRT
and the caller's token claims; the outcome renders itself as REST JSON or as a Connect message.
"""

from __future__ import annotations

import base64
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from tools.opentdf_proto import RewrapResponse
from tools.platform.client_wrap import ClientKey
from tools.platform.errors import InvalidArgument, PermissionDenied, PlatformError
from tools.platform.key_release import KeyRing, ReleasedKey, b64decode, release_nano, release_ztdf
from tools.platform.srt import parse_signed_request_token

log = logging.getLogger("tools.platform.kas")

SCHEMA_VERSION = "1.0.0"


@dataclass(frozen=True)
class Decision:
    permitted: bool
    reason: str


# (token claims, data attribute FQNs) -> Decision; provided by the policy service.
Authorizer = Callable[[dict, list], Decision]


@dataclass
class KaoResult:
    kao_id: str
    wrapped: bytes = b""
    error: PlatformError | None = None

    @property
    def status(self) -> str:
        return "fail" if self.error else "permit"


@dataclass
class PolicyResult:
    policy_id: str
    results: list[KaoResult] = field(default_factory=list)


@dataclass
class RewrapOutcome:
    responses: list[PolicyResult]
    session_public_key: str
    legacy: bool  # v1 request (single keyAccess): also answer entityWrappedKey

    def raise_first_error(self) -> None:
        """Fail the whole call with the first failed KAO's error (its HTTP status and Connect code)."""
        error = next((r.error for p in self.responses for r in p.results if r.error), None)
        if error:
            raise error

    def entity_wrapped_key(self) -> bytes:
        return next((r.wrapped for p in self.responses for r in p.results if not r.error), b"")

    def to_json(self) -> dict:
        return {
            "entityWrappedKey": base64.b64encode(self.entity_wrapped_key()).decode(),
            "sessionPublicKey": self.session_public_key,
            "metadata": {},
            "schemaVersion": SCHEMA_VERSION,
            "responses": [
                {
                    "policyId": p.policy_id,
                    "results": [_result_json(r) for r in p.results],
                }
                for p in self.responses
            ],
        }

    def to_proto(self):
        msg = RewrapResponse(session_public_key=self.session_public_key, schema_version=SCHEMA_VERSION)
        if self.legacy:
            msg.entity_wrapped_key = self.entity_wrapped_key()
        for p in self.responses:
            pr = msg.responses.add(policy_id=p.policy_id)
            for r in p.results:
                kr = pr.results.add(key_access_object_id=r.kao_id, status=r.status)
                if r.error:
                    kr.error = r.error.message
                else:
                    kr.kas_wrapped_key = r.wrapped
        return msg


def _result_json(r: KaoResult) -> dict:
    out = {"keyAccessObjectId": r.kao_id, "status": r.status}
    if r.error:
        out["error"] = r.error.message
    else:
        out["kasWrappedKey"] = base64.b64encode(r.wrapped).decode()
    return out


class Kas:
    def __init__(self, name: str, ring: KeyRing, authorize: Authorizer):
        self.name = name
        self.ring = ring
        self.authorize = authorize

    def rewrap(self, signed_request_token: str, claims: dict) -> RewrapOutcome:
        body = parse_signed_request_token(signed_request_token)
        client = ClientKey(body.get("clientPublicKey") or body.get("client_public_key"))
        groups, legacy = _request_groups(body)
        responses = []
        for policy_id, policy_b64, kaos in groups:
            results = [self._rewrap_one(kao_id, kao, policy_b64, client, claims) for kao_id, kao in kaos]
            responses.append(PolicyResult(policy_id, results))
        return RewrapOutcome(responses, client.session_public_pem, legacy)

    def _rewrap_one(self, kao_id: str, kao, policy_b64, client: ClientKey, claims: dict) -> KaoResult:
        try:
            if not isinstance(kao, dict):
                raise InvalidArgument(f"key access object {kao_id} is not an object")
            released = self._release(kao, policy_b64)
            self._decide(released, claims)
            return KaoResult(kao_id, wrapped=client.wrap(released.key, released.salt))
        except PlatformError as e:
            return KaoResult(kao_id, error=e)

    def _release(self, kao: dict, policy_b64) -> ReleasedKey:
        header = kao.get("header")
        if header:
            return release_nano(self.ring, b64decode(header, "keyAccess.header"))
        return release_ztdf(self.ring, kao, policy_b64)

    def _decide(self, released: ReleasedKey, claims: dict) -> None:
        fqns = data_attribute_fqns(released.policy)
        decision = self.authorize(claims, fqns)
        who = claims.get("clientId") or claims.get("sub") or "?"
        log.info(
            "decision kas=%s entity=%s attributes=%s -> %s (%s)",
            self.name,
            who,
            fqns or "[]",
            "PERMIT" if decision.permitted else "DENY",
            decision.reason,
        )
        if not decision.permitted:
            raise PermissionDenied(f"forbidden: {decision.reason}")


def data_attribute_fqns(policy: dict) -> list[str]:
    body = policy.get("body") if isinstance(policy, dict) else None
    attrs = (body or {}).get("dataAttributes") if isinstance(body, dict) else None
    fqns = []
    for a in attrs or []:
        fqn = a.get("attribute") if isinstance(a, dict) else None
        if not isinstance(fqn, str) or not fqn:
            raise InvalidArgument("policy dataAttributes entry without an attribute FQN")
        fqns.append(fqn)
    return fqns


def _request_groups(body: dict) -> tuple[list[tuple[str, object, list]], bool]:
    """[(policy id, policy base64, [(kao id, kao)])], and whether this is a v1 (legacy) request."""
    requests = body.get("requests")
    if requests:
        if not isinstance(requests, list):
            raise InvalidArgument("requestBody.requests must be a list")
        return [_v2_group(i, r) for i, r in enumerate(requests)], False
    kao = body.get("keyAccess") or body.get("key_access")
    if not kao:
        raise InvalidArgument("rewrap request has neither requests nor keyAccess")
    return [("policy", body.get("policy"), [("kao-0", kao)])], True


def _v2_group(index: int, request) -> tuple[str, object, list]:
    if not isinstance(request, dict):
        raise InvalidArgument(f"requests[{index}] is not an object")
    policy = request.get("policy") or {}
    if not isinstance(policy, dict):
        raise InvalidArgument(f"requests[{index}].policy is not an object")
    kaos = []
    for j, item in enumerate(request.get("keyAccessObjects") or request.get("key_access_objects") or []):
        if not isinstance(item, dict):
            raise InvalidArgument(f"requests[{index}].keyAccessObjects[{j}] is not an object")
        kao_id = item.get("keyAccessObjectId") or item.get("key_access_object_id") or f"kao-{j}"
        kaos.append((kao_id, item.get("keyAccessObject") or item.get("key_access_object")))
    if not kaos:
        raise InvalidArgument(f"requests[{index}] has no keyAccessObjects")
    return policy.get("id") or f"policy-{index}", policy.get("body"), kaos
