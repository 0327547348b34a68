from base64 import b32encode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.forms import SecondFactorForm
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
    if is_verified(request.user):
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
