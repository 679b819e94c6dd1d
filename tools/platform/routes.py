"""Which paths each listener serves, wired to the services (OPENTDF-WIRE.md §10, CONTRACTS.md).

The platform listener serves discovery, the IdP, health, the policy services and the default KAS;
every KAS listener serves its KAS routes under `/kas/...` and at the root, plus the Connect routes.
"""

from __future__ import annotations

from tools import opentdf_proto as pb
from tools.platform import connect
from tools.platform.config import REALM_PATH
from tools.platform.errors import InvalidArgument
from tools.platform.http_server import Request, Response, Router
from tools.platform.idp import IdentityProvider
from tools.platform.policy_service import PolicyService
from tools.platform.rewrap import Kas

SERVING = pb.HealthCheckResponse.ServingStatus.Value("SERVING")


def add_kas_routes(router: Router, kas: Kas, idp: IdentityProvider) -> None:
    def public_key_rest(request: Request) -> Response:
        key = kas.ring.public_key(request.query_param("algorithm"), request.query_param("kid"))
        if request.query_param("v") == "2" or request.path.endswith("/v2/kas_public_key"):
            return Response.json({"publicKey": key.public_pem, "kid": key.kid})
        return Response.json(key.public_pem)  # v1: a bare JSON string (the JS nano client needs that)

    def rewrap_rest(request: Request) -> Response:
        claims = idp.verify_authorization(request.header("authorization"))
        srt = request.json().get("signedRequestToken")
        if not srt:
            raise InvalidArgument("missing signedRequestToken in the rewrap body")
        outcome = kas.rewrap(srt, claims)
        outcome.raise_first_error()  # REST clients only look at the HTTP status
        return Response.json(outcome.to_json())

    def public_key_connect(request: Request, msg):
        key = kas.ring.public_key(msg.algorithm, "")
        return pb.PublicKeyResponse(public_key=key.public_pem, kid=key.kid)

    def legacy_public_key_connect(request: Request, msg):
        return pb.LegacyPublicKeyResponse(value=kas.ring.public_key(msg.algorithm, "").public_pem)

    def rewrap_connect(request: Request, msg):
        claims = idp.verify_authorization(request.header("authorization"))
        outcome = kas.rewrap(msg.signed_request_token, claims)
        if outcome.legacy:  # v1 has no per-KAO results: a failed KAO fails the call (real rewrap.go, isV1)
            outcome.raise_first_error()
        return outcome.to_proto()

    for prefix in ("/kas", ""):
        router.add("GET", f"{prefix}/kas_public_key", public_key_rest)
        router.add("GET", f"{prefix}/v2/kas_public_key", public_key_rest)
        router.add("POST", f"{prefix}/v2/rewrap", rewrap_rest)
        router.add(
            "POST",
            f"{prefix}/kas.AccessService/PublicKey",
            connect.unary(pb.PublicKeyRequest, public_key_connect),
        )
        router.add(
            "POST",
            f"{prefix}/kas.AccessService/LegacyPublicKey",
            connect.unary(pb.LegacyPublicKeyRequest, legacy_public_key_connect),
        )
        router.add("POST", f"{prefix}/kas.AccessService/Rewrap", connect.unary(pb.RewrapRequest, rewrap_connect))
    router.add("GET", "/healthz", lambda r: Response.json({"status": "SERVING"}))
    # gRPC health: the Go SDK's WithConnectionValidation calls it first, unauthenticated.
    health = connect.unary(pb.HealthCheckRequest, lambda r, msg: pb.HealthCheckResponse(status=SERVING))
    router.add("POST", "/grpc.health.v1.Health/Check", health)


def well_known_configuration(idp: IdentityProvider) -> dict:
    return {
        "configuration": {
            "idp": idp.discovery(),
            "platform_issuer": idp.issuer,
            "health": {"endpoint": "/healthz"},
        }
    }


def add_platform_routes(router: Router, idp: IdentityProvider, policy: PolicyService) -> None:
    def well_known_connect(request: Request, msg):
        reply = pb.GetWellKnownConfigurationResponse()
        reply.configuration.update(well_known_configuration(idp)["configuration"])
        return reply

    def userinfo(request: Request) -> Response:
        claims = idp.verify_authorization(request.header("authorization"))
        return Response.json({"sub": claims.get("sub"), "preferred_username": claims.get("preferred_username")})

    def token(request: Request) -> Response:
        return Response.json(idp.token_response(request.body, request.header("authorization")))

    oidc = f"{REALM_PATH}/protocol/openid-connect"
    router.add("GET", "/.well-known/opentdf-configuration", lambda r: Response.json(well_known_configuration(idp)))
    router.add(
        "POST",
        "/wellknownconfiguration.WellKnownService/GetWellKnownConfiguration",
        connect.unary(pb.GetWellKnownConfigurationRequest, well_known_connect),
    )
    router.add("GET", f"{REALM_PATH}/.well-known/openid-configuration", lambda r: Response.json(idp.discovery()))
    router.add("POST", f"{oidc}/token", token)
    router.add("GET", f"{oidc}/certs", lambda r: Response.json(idp.jwks()))
    router.add("GET", f"{oidc}/userinfo", userinfo)
    router.add("POST", f"{oidc}/userinfo", userinfo)

    for path in policy.methods():

        def call(request: Request, body: dict, path=path) -> dict:
            claims = idp.verify_authorization(request.header("authorization"))
            return policy.call(path, claims, body)

        router.add("POST", path, connect.json_unary(call, *pb.method_classes(path)))
