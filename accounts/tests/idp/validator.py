"""The claims of the test users, and ID tokens that go wrong on purpose (see control.py)."""

import base64
import json
import time

from idp.control import profile
from jwcrypto import jwk, jwt
from oauth2_provider.oauth2_validators import OAuth2Validator


def _claims_of(serialized: str) -> dict:
    payload = serialized.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


class Validator(OAuth2Validator):
    oidc_claim_scope = None  # every claim below, whatever the scopes

    def get_additional_claims(self, request):
        user = request.user
        values = profile(user.username)
        claims = {
            "preferred_username": user.username,
            "given_name": user.username.capitalize(),
            "family_name": "Testesen",
            "name": f"{user.username.capitalize()} Testesen",
            "email": f"{user.username}@example.org",
            "groups": values.get("groups", []),
            "amr": values.get("amr", ["pwd"]),
        }
        claims.update(values.get("claims", {}))
        return claims

    def finalize_id_token(self, id_token, token, token_handler, request):
        serialized = super().finalize_id_token(id_token, token, token_handler, request)
        mode = profile(request.user.username).get("mode")
        if not mode:
            return serialized
        claims = _claims_of(serialized)
        key = request.client.jwk_key
        if mode == "wrong-audience":
            claims["aud"] = "another-application"
        elif mode == "wrong-issuer":
            claims["iss"] = "http://127.0.0.1:1/another-provider"
        elif mode == "expired":
            claims["iat"], claims["exp"] = int(time.time()) - 7200, int(time.time()) - 3600
        elif mode == "stale-nonce":
            claims["nonce"] = "a-nonce-of-an-earlier-login"
        elif mode == "bad-signature":
            key = jwk.JWK.generate(kty="RSA", size=2048)
        header = {"typ": "JWT", "alg": "RS256", "kid": request.client.jwk_key.thumbprint()}
        token = jwt.JWT(header=header, claims=claims)
        token.make_signed_token(key)
        return token.serialize()
