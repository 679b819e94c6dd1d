"""A minimal OIDC provider: discovery, client_credentials tokens (RS256 JWTs), JWKS, token checks.

Enough for the real SDKs: Python and JS post the client secret in the form body; Go and Java
use HTTP Basic client authentication and add a DPoP proof header, which is ignored (the answer
says `token_type: Bearer`, so they then send plain Bearer tokens).
"""

from __future__ import annotations

import base64
import binascii
import time
import uuid
from urllib.parse import parse_qs, unquote

import jwt
from jwt.algorithms import RSAAlgorithm

from tools.platform.config import CLIENTS, CLOCK_SKEW_SECONDS, TOKEN_LIFETIME_SECONDS, Client
from tools.platform.errors import OAuthError, Unauthenticated
from tools.platform.keys import KeyPair


class IdentityProvider:
    def __init__(self, issuer: str, audience: str, signing_key: KeyPair, clients=CLIENTS):
        self.issuer = issuer
        self.audience = audience
        self.signing_key = signing_key
        self.clients = {c.client_id: c for c in clients}
        self._public_key = signing_key.private_key.public_key()

    # --- discovery -----------------------------------------------------------------------
    def discovery(self) -> dict:
        base = self.issuer + "/protocol/openid-connect"
        return {
            "issuer": self.issuer,
            "authorization_endpoint": base + "/auth",
            "token_endpoint": base + "/token",
            "userinfo_endpoint": base + "/userinfo",
            "jwks_uri": base + "/certs",
            "grant_types_supported": ["client_credentials"],
            "token_endpoint_auth_methods_supported": ["client_secret_post", "client_secret_basic"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "response_types_supported": ["token"],
            "subject_types_supported": ["public"],
            "dpop_signing_alg_values_supported": ["RS256", "ES256"],
        }

    def jwks(self) -> dict:
        jwk = RSAAlgorithm.to_jwk(self._public_key, as_dict=True)
        jwk.update({"kid": self.signing_key.kid, "use": "sig", "alg": "RS256"})
        return {"keys": [jwk]}

    # --- token endpoint ------------------------------------------------------------------
    def token_response(self, form_body: bytes, authorization: str | None) -> dict:
        form = {k: v[0] for k, v in parse_qs(form_body.decode("utf-8", "replace")).items()}
        grant = form.get("grant_type")
        if grant != "client_credentials":
            raise OAuthError("unsupported_grant_type", f"grant_type {grant!r} is not supported; use client_credentials")
        client = self._authenticate_client(form, authorization)
        return {
            "access_token": self.issue_token(client),
            "token_type": "Bearer",
            "expires_in": TOKEN_LIFETIME_SECONDS,
            "scope": form.get("scope", ""),
        }

    def _authenticate_client(self, form: dict, authorization: str | None) -> Client:
        client_id, secret = form.get("client_id"), form.get("client_secret")
        if authorization and authorization.lower().startswith("basic "):
            client_id, secret = _parse_basic(authorization[6:])
        if not client_id:
            raise OAuthError("invalid_client", "no client_id (form field or HTTP Basic)", status=401)
        client = self.clients.get(client_id)
        if client is None or client.secret != secret:
            raise OAuthError("invalid_client", f"bad client credentials for {client_id!r}", status=401)
        return client

    def issue_token(self, client: Client, lifetime: int = TOKEN_LIFETIME_SECONDS, now: float | None = None) -> str:
        now = int(time.time() if now is None else now)
        claims = {
            "iss": self.issuer,
            "aud": [self.audience],
            "sub": client.client_id,
            "azp": client.client_id,
            "client_id": client.client_id,
            "clientId": client.client_id,
            "preferred_username": f"service-account-{client.client_id}",
            "realm_access": {"roles": list(client.roles)},
            "typ": "Bearer",
            "jti": str(uuid.uuid4()),
            "iat": now,
            "exp": now + lifetime,
        }
        return jwt.encode(
            claims, self.signing_key.private_key, algorithm="RS256", headers={"kid": self.signing_key.kid}
        )

    # --- protecting endpoints ------------------------------------------------------------
    def verify_authorization(self, authorization: str | None) -> dict:
        """Return the claims of the access token in an `Authorization: Bearer|DPoP` header."""
        if not authorization:
            raise Unauthenticated("missing Authorization header (expected 'Bearer <access token>')")
        scheme, _, token = authorization.strip().partition(" ")
        if scheme.lower() not in ("bearer", "dpop") or not token.strip():
            raise Unauthenticated(f"unsupported Authorization scheme {scheme!r} (expected Bearer)")
        return self.verify_token(token.strip())

    def verify_token(self, token: str) -> dict:
        try:
            return jwt.decode(
                token,
                self._public_key,
                algorithms=["RS256"],
                issuer=self.issuer,
                leeway=CLOCK_SKEW_SECONDS,
                options={"verify_aud": False, "require": ["exp", "iat", "iss"]},
            )
        except jwt.ExpiredSignatureError as e:
            raise Unauthenticated(f"access token expired: {e}") from None
        except jwt.InvalidTokenError as e:
            raise Unauthenticated(f"invalid access token: {e}") from None


def _parse_basic(encoded: str) -> tuple[str, str]:
    try:
        decoded = base64.b64decode(encoded.strip(), validate=True).decode()
    except (binascii.Error, UnicodeDecodeError):
        raise OAuthError("invalid_client", "malformed HTTP Basic credentials", status=401) from None
    user, sep, password = decoded.partition(":")
    if not sep:
        raise OAuthError("invalid_client", "HTTP Basic credentials lack ':'", status=401)
    # RFC 6749 §2.3.1: both parts are form-urlencoded before Basic encoding.
    return unquote(user.replace("+", " ")), unquote(password.replace("+", " "))
