import re

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator
from django.db import transaction
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    """Django's login form, but an over-long user name is refused before anything looks it up
    (Django sets the field's max_length after construction, so it adds no validator of its own)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].validators.append(MaxLengthValidator(self.fields["username"].max_length))
        self.fields["password"].validators.append(MaxLengthValidator(4096))


class SecondFactorForm(forms.Form):
    """A code from an authenticator app, checked against the given TOTP devices (the user's own).

    On success, `device` is the device that accepted the code. Each device throttles wrong codes itself
    (django-otp doubles the wait after each failure), so guessing all million codes is not practical.
    """

    code = forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=20,
        help_text=_("The 6-digit code the app shows now. It changes every 30 seconds."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def __init__(self, devices, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.devices = devices
        self.device = None

    def clean_code(self):
        code = re.sub(r"[\s-]", "", self.cleaned_data["code"])
        if not re.fullmatch(r"[0-9]{6,8}", code):
            raise forms.ValidationError(_("Enter the 6 digits the app shows, for example 123456."), code="invalid")
        throttled = False
        # Locked rows: two requests with the same code cannot both pass, and failures count one by one.
        with transaction.atomic():
            for device in self.devices.select_for_update().order_by("pk"):
                allowed, _details = device.verify_is_allowed()
                if not allowed:
                    throttled = True
                elif device.verify_token(code):
                    self.device = device
                    return code
        # Raised outside the transaction, so that the failure count is saved.
        if throttled:
            raise forms.ValidationError(
                _("Too many wrong codes in a row. Wait a minute, then enter the code the app shows."),
                code="throttled",
            )
        raise forms.ValidationError(_("That code is not correct. Enter the code the app shows now."), code="incorrect")
