"""The two ways to log in: a local password, and the region's account (OpenID Connect)."""

import jwt
import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import SuspiciousOperation
from django.utils.translation import gettext as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from accounts import sso
from accounts.services import sign_in_with_region_account

# Seconds of clock difference between the portal and the provider that the token's times may show.
LEEWAY = 60


def local_login_allowed(user) -> bool:
    """Whether the user may log in with a password: everyone while LOCAL_LOGIN is on, else only the break-glass
    administrators named in LOCAL_LOGIN_USERS. An account linked to the region's account logs in there."""
    if user.sso_subject:
        return False
    return settings.LOCAL_LOGIN or user.get_username() in settings.LOCAL_LOGIN_USERS


class LocalPasswordBackend(ModelBackend):
    """Django's user name and password, for those local_login_allowed() lets in (the login page, Django admin)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if kwargs.get("sso"):
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)

    def user_can_authenticate(self, user):
        return super().user_can_authenticate(user) and local_login_allowed(user)


def _token_refused(reason: str) -> sso.SsoRefused:
    return sso.SsoRefused(reason, _("The region's login service sent a login the portal cannot trust. Start the "
                                    "login again; if it happens again, tell the IT department."))


class RegionAccountBackend(OIDCAuthenticationBackend):
    """mozilla-django-oidc's backend with the provider's endpoints from discovery and a full check of the ID token:
    signature (the provider's published keys), issuer, audience (and `azp`), expiry and nonce.

    Only the single sign-on callback calls authenticate() (with sso=True); the password login never reaches the
    provider. Errors are raised as accounts.sso.SsoRefused or ProviderUnavailable for the callback to show."""

    def __init__(self, *args, **kwargs):
        # No network here: Django makes a backend for every request of a logged-in user.
        self.UserModel = get_user_model()

    get_settings = staticmethod(sso.get_setting)
    OIDC_RP_CLIENT_ID = property(lambda self: settings.OIDC_RP_CLIENT_ID)
    OIDC_RP_CLIENT_SECRET = property(lambda self: settings.OIDC_RP_CLIENT_SECRET)
    OIDC_RP_SIGN_ALGO = property(lambda self: settings.OIDC_RP_SIGN_ALGO)
    OIDC_RP_IDP_SIGN_KEY = None
    OIDC_OP_TOKEN_ENDPOINT = property(lambda self: sso.get_setting("OIDC_OP_TOKEN_ENDPOINT"))
    OIDC_OP_JWKS_ENDPOINT = property(lambda self: sso.get_setting("OIDC_OP_JWKS_ENDPOINT"))

    def authenticate(self, request, sso=False, **kwargs):
        if not sso or request is None:
            return None
        try:
            return super().authenticate(request, **kwargs)
        except requests.HTTPError as error:
            if error.response is not None and error.response.status_code < 500:
                raise _token_refused(f"token request refused: {error.response.status_code}") from error
            raise _unavailable(error) from error
        except (requests.RequestException, ValueError) as error:
            raise _unavailable(error) from error

    def get_user(self, user_id):
        # Unlike mozilla-django-oidc's, a deactivated user's session ends at their next request.
        return ModelBackend.get_user(self, user_id)

    def retrieve_matching_jwk(self, token):
        try:
            return super().retrieve_matching_jwk(token)
        except (KeyError, TypeError, jwt.PyJWTError, SuspiciousOperation) as error:
            raise _token_refused("no matching key at the provider") from error

    def _verify_jws(self, payload, key):
        try:
            header = jwt.get_unverified_header(payload)
        except jwt.PyJWTError as error:
            raise _token_refused("ID token is not a JWT") from error
        if header.get("alg") != self.OIDC_RP_SIGN_ALGO:
            raise _token_refused(f"ID token signed with {header.get('alg')!r}")
        try:
            claims = jwt.decode(
                payload, key, algorithms=[self.OIDC_RP_SIGN_ALGO], audience=self.OIDC_RP_CLIENT_ID,
                issuer=sso.expected_issuer(), leeway=LEEWAY,
                options={"require": ["iss", "sub", "aud", "exp", "iat"]})
        except jwt.ExpiredSignatureError as error:
            raise _token_refused("ID token expired") from error
        except jwt.InvalidAudienceError as error:
            raise _token_refused("ID token for another audience") from error
        except jwt.InvalidIssuerError as error:
            raise _token_refused("ID token from a wrong issuer") from error
        except jwt.InvalidSignatureError as error:
            raise _token_refused("ID token signature does not verify") from error
        except jwt.PyJWTError as error:
            raise _token_refused(f"ID token invalid: {type(error).__name__}") from error
        audience = claims["aud"]
        if isinstance(audience, list) and len(audience) > 1 and claims.get("azp") != self.OIDC_RP_CLIENT_ID:
            raise _token_refused("ID token for several audiences without this client as azp")
        return claims

    def verify_token(self, token, **kwargs):
        if not isinstance(token, str) or not token:
            raise _token_refused("no ID token in the token response")
        nonce = kwargs.get("nonce")
        claims = self._verify_jws(token, self.retrieve_matching_jwk(token))
        if not nonce or claims.get("nonce") != nonce:
            raise _token_refused("ID token nonce does not match the login")
        return claims

    def store_tokens(self, access_token, id_token):
        self.id_token = id_token  # the callback keeps it in the session after the login (which may renew it)

    def get_or_create_user(self, access_token, id_token, payload):
        # The claims are the ID token's: Microsoft Entra ID puts the groups there, not in its userinfo answer.
        user = sign_in_with_region_account(claims=payload, issuer=payload["iss"])
        user.sso_id_token, user.sso_multi_factor = id_token, sso.is_multi_factor(payload)
        return user


def _unavailable(error) -> sso.ProviderUnavailable:
    return sso.ProviderUnavailable(f"{type(error).__name__}: {error}")
