"""Single sign-on with the region's identity provider (OpenID Connect): configuration, discovery and refusals.

The protocol (authorization code flow with PKCE, state and nonce, the token request, the provider's keys) is
mozilla-django-oidc's; this module gives it the provider's endpoints from the discovery document, so that only the
discovery URL or the issuer needs configuring, and names the ways a login can be refused.
"""

import threading
import time
from urllib.parse import urlencode

import requests
from django.conf import settings
from django.shortcuts import resolve_url
from mozilla_django_oidc.utils import absolutify, import_from_settings

# Where a session keeps what the provider said about the login.
SESSION_SSO = "sso_login"
SESSION_MFA = "sso_mfa"
# How long a fetched discovery document is used (seconds). The provider's keys are fetched at each login.
DISCOVERY_MAX_AGE = 3600

_discovery_lock = threading.Lock()
_discovered: dict[str, tuple[float, dict]] = {}

# mozilla-django-oidc's endpoint settings and the discovery document's names for them.
_ENDPOINTS = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
}


class SsoRefused(Exception):
    """A login with the region's account that is refused. `reason` goes to the audit record (English, short);
    `message` is shown to the person (translated); `status` is the page's HTTP status."""

    def __init__(self, reason: str, message: str, status: int = 403, *, username: str = ""):
        super().__init__(reason)
        self.reason = reason
        self.message = message
        self.status = status
        self.username = username


class ProviderUnavailable(Exception):
    """The identity provider did not answer, or answered with something that is not OpenID Connect."""


def is_enabled() -> bool:
    """Whether single sign-on is configured (read per call, so tests can change the settings)."""
    return bool(settings.OIDC_RP_CLIENT_ID and (settings.OIDC_DISCOVERY_URL or settings.OIDC_ISSUER))


def discovery_url() -> str:
    if settings.OIDC_DISCOVERY_URL:
        return settings.OIDC_DISCOVERY_URL
    return settings.OIDC_ISSUER.rstrip("/") + "/.well-known/openid-configuration"


def provider_configuration() -> dict:
    """The provider's discovery document, fetched once an hour. Raises ProviderUnavailable."""
    url = discovery_url()
    with _discovery_lock:
        kept = _discovered.get(url)
        if kept and time.monotonic() - kept[0] < DISCOVERY_MAX_AGE:
            return kept[1]
    try:
        response = requests.get(url, timeout=settings.OIDC_TIMEOUT)
        response.raise_for_status()
        document = response.json()
    except (requests.RequestException, ValueError) as error:
        raise ProviderUnavailable(f"discovery {url}: {error}") from error
    required = ("issuer", "authorization_endpoint", "token_endpoint", "jwks_uri")
    if not isinstance(document, dict) or not all(isinstance(document.get(name), str) for name in required):
        raise ProviderUnavailable(f"discovery {url}: not an OpenID Connect provider configuration")
    if settings.OIDC_ISSUER and document["issuer"] != settings.OIDC_ISSUER:
        raise ProviderUnavailable(f"discovery {url}: issuer {document['issuer']!r} is not OIDC_ISSUER")
    with _discovery_lock:
        _discovered[url] = (time.monotonic(), document)
    return document


def forget_provider_configuration() -> None:
    """Fetch the discovery document again at the next login (tests; a provider that moved)."""
    with _discovery_lock:
        _discovered.clear()


def get_setting(attr, *args):
    """mozilla-django-oidc's settings, with the provider's endpoints from its discovery document."""
    if attr in _ENDPOINTS and not getattr(settings, attr, None):
        return provider_configuration().get(_ENDPOINTS[attr])
    return import_from_settings(attr, *args)


def expected_issuer() -> str:
    return provider_configuration()["issuer"]


def is_multi_factor(claims: dict) -> bool:
    """Whether the provider reports a login with more than one factor (the `amr` or `acr` claim)."""
    amr = claims.get("amr")
    methods = set(amr) if isinstance(amr, list) else {amr} if isinstance(amr, str) else set()
    acr = claims.get("acr")
    return bool(methods & set(settings.OIDC_MFA_AMR_VALUES)) or (
        isinstance(acr, str) and acr in settings.OIDC_MFA_ACR_VALUES)


def provider_logout_url(request) -> str:
    """Where to go after the portal's logout: the provider's end-session endpoint (RP-initiated logout) for a
    session that began there and a provider that has one, else the portal's front page."""
    home = resolve_url(settings.LOGOUT_REDIRECT_URL)
    if not (is_enabled() and request.session.get(SESSION_SSO)):
        return home
    try:
        endpoint = provider_configuration().get("end_session_endpoint")
    except ProviderUnavailable:
        return home
    if not endpoint:
        return home
    params = {"client_id": settings.OIDC_RP_CLIENT_ID, "post_logout_redirect_uri": absolutify(request, home)}
    if id_token := request.session.get("oidc_id_token"):
        params["id_token_hint"] = id_token
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{urlencode(params)}"
