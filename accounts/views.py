import logging
import re
import time
from base64 import b32encode

from django.conf import settings
from django.contrib import auth, messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice
from mozilla_django_oidc.views import OIDCAuthenticationRequestView, OIDCLogoutView

from accounts import sso
from accounts.backends import RegionAccountBackend
from accounts.forms import LoginForm, SecondFactorForm
from accounts.middleware import is_verified
from audit.models import Event
from audit.services import record

# The name an administrator sees in the device list; stored, so not translated.
DEVICE_NAME = "Authenticator app"


def _next_url(request) -> str:
    """Where to go after the code: the requested page if it is on this site, the home page otherwise."""
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return url
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _device_to_set_up(user) -> TOTPDevice:
    """The user's unconfirmed device, made on the first visit: reloading the page shows the same key."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def _grouped(key: bytes) -> str:
    """The key in base32, in groups of four for reading aloud or typing."""
    text = b32encode(key).decode()
    return " ".join(text[i:i + 4] for i in range(0, len(text), 4))


@login_required
@require_http_methods(["GET", "POST"])
def second_factor(request):
    """Ask for the code of the user's authenticator app; the first time, set the app up."""
    next_url = _next_url(request)
    if is_verified(request):
        return redirect(next_url)

    confirmed = TOTPDevice.objects.devices_for_user(request.user, confirmed=True)
    setup_device = None if confirmed.exists() else _device_to_set_up(request.user)
    devices = TOTPDevice.objects.filter(pk=setup_device.pk) if setup_device else confirmed
    form = SecondFactorForm(devices, data=request.POST if request.method == "POST" else None)

    if form.is_bound:
        if form.is_valid():
            device = form.device
            if not device.confirmed:
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                messages.success(request, _("Your authenticator app is set up. Use it at each login."))
            otp_login(request, device)
            record(Event.Action.LOGIN, request=request, obj=device, detail="second factor")
            return redirect(next_url)
        if form.data.get("code", "").strip():
            record(Event.Action.LOGIN_FAILED, request=request, obj=devices.first(), detail="second factor")

    context = {"form": form, "next": next_url, "setting_up": setup_device is not None}
    if setup_device:
        context |= {"secret": _grouped(setup_device.bin_key), "config_url": setup_device.config_url}
    return render(request, "accounts/second_factor.html", context, status=400 if form.is_bound else 200)


# --- Logging in and out ---------------------------------------------------------------------------------

REGION_ACCOUNT_BACKEND = "accounts.backends.RegionAccountBackend"
# How long the provider's answer to a login may take to come back (seconds).
LOGIN_MAX_AGE = 15 * 60
logger = logging.getLogger(__name__)


def login(request):
    """The login page: the region's account first when single sign-on is set up, then user name and password
    (for everyone, or only for the break-glass administrators when LOCAL_LOGIN is off)."""
    context = {"sso_enabled": sso.is_enabled(), "local_login": settings.LOCAL_LOGIN}
    return auth_views.LoginView.as_view(redirect_authenticated_user=True, authentication_form=LoginForm,
                                        extra_context=context)(request)


class SsoLoginView(OIDCAuthenticationRequestView):
    """Sends the browser to the provider with state, nonce and a PKCE challenge (mozilla-django-oidc)."""

    get_settings = staticmethod(sso.get_setting)

    def __init__(self, **kwargs):
        View.__init__(self, **kwargs)  # the endpoints are looked up per request, below

    def get(self, request):
        if not sso.is_enabled():
            raise Http404
        try:
            self.OIDC_OP_AUTH_ENDPOINT = sso.get_setting("OIDC_OP_AUTHORIZATION_ENDPOINT")
        except sso.ProviderUnavailable as error:
            return _provider_unavailable(request, error)
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        return super().get(request)


@require_safe
@never_cache
def sso_callback(request):
    """The provider's answer: log the user in, or show why not (audited, never a server error)."""
    if not sso.is_enabled():
        raise Http404
    try:
        user = _user_from_callback(request)
    except sso.SsoRefused as refusal:
        record(Event.Action.LOGIN_FAILED, request=request, username=refusal.username[:150],
               detail=f"single sign-on: {refusal.reason}")
        no_access = refusal.reason == "no mapped group"
        return render(request, "accounts/sso_refused.html", {"message": refusal.message, "no_access": no_access},
                      status=refusal.status)
    except sso.ProviderUnavailable as error:
        return _provider_unavailable(request, error)
    next_url = request.session.get("oidc_login_next")
    user.login_method = "single sign-on, multi-factor" if user.sso_multi_factor else "single sign-on"
    auth.login(request, user, backend=REGION_ACCOUNT_BACKEND)
    request.session[sso.SESSION_SSO] = True
    request.session[sso.SESSION_MFA] = user.sso_multi_factor
    request.session["oidc_id_token"] = user.sso_id_token
    return redirect(next_url or settings.LOGIN_REDIRECT_URL)


def _user_from_callback(request):
    error = request.GET.get("error")
    state = request.GET.get("state")
    states = request.session.get("oidc_states")
    states = states if isinstance(states, dict) else {}
    entry = states.pop(state, None) if isinstance(state, str) else None
    if entry is not None:
        # A state is used once, whatever the answer: a replayed callback finds it gone.
        request.session["oidc_states"] = states
        request.session.save()
    if error is not None:
        shown = error if re.fullmatch(r"[a-z_]{1,40}", error) else "?"
        raise sso.SsoRefused(f"provider answered error={shown}",
                             _("The region's login service did not log you in (its answer: %(error)s). Start the "
                               "login again.") % {"error": shown}, status=400)
    code = request.GET.get("code")
    if not code or not state or len(code) > 2048:
        raise sso.SsoRefused("callback without code or state",
                             _("The answer from the region's login service was incomplete. Start the login again."),
                             status=400)
    if not isinstance(entry, dict) or time.time() - entry.get("added_on", 0) > LOGIN_MAX_AGE:
        raise sso.SsoRefused("unknown, used or expired state",
                             _("This login has expired or has been used already. Start the login again."),
                             status=400)
    user = RegionAccountBackend().authenticate(request, sso=True, nonce=entry.get("nonce"),
                                               code_verifier=entry.get("code_verifier"))
    if user is None:
        raise sso.SsoRefused("no user", _("The region's login service did not log you in. Start the login again."),
                             status=400)
    return user


def _provider_unavailable(request, error):
    logger.warning("identity provider unavailable: %s", error)
    response = render(request, "accounts/sso_unavailable.html", status=503)
    response["Retry-After"] = "60"
    return response


class LogoutView(OIDCLogoutView):
    """Ends the portal's session and, after a login with the region's account, the provider's too (RP-initiated
    logout, where the provider offers it). POST only."""

    get_settings = staticmethod(sso.get_setting)
