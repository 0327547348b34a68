"""The second factor: off in the demo setup; with REQUIRE_SECOND_FACTOR on, the International Office and
administrators confirm a code from an authenticator app (TOTP) once per session."""

import re
import time
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.tests.factories import UserFactory
from audit.models import Event

# English pages where the test reads text (the Danish catalogue is filled in separately).
SECOND_FACTOR = "/en/accounts/second-factor/"
PAGES = ["/", "/strategy/", "/plans/", "/admin/", "/en/"]


def code_for(device, *, steps_ahead=0):
    """The code the user's app shows now (or that many 30-second steps later)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def other_code(device):
    """A code that is certainly wrong now, even with one step of tolerance either side."""
    valid = {code_for(device, steps_ahead=n) for n in (-1, 0, 1)}
    return next(c for c in ("000000", "111111", "222222", "333333") if c not in valid)


def redirect_target(response):
    """The path and the `next` of a redirect."""
    parts = urlsplit(response.headers["Location"])
    return parts.path, parse_qs(parts.query).get("next", [None])[0]


@pytest.fixture
def required(settings):
    settings.REQUIRE_SECOND_FACTOR = True


@pytest.fixture
def office_client(client, international_office, required):
    client.force_login(international_office)
    return client


def confirmed_device(user):
    return TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)


def verify(client, device, **params):
    return client.post(SECOND_FACTOR, {"code": code_for(device), **params})


# --- Who is asked -----------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["international_office", "administrator", "area_editor", "council_member"])
def test_without_the_setting_nobody_is_asked(client, settings, request, who):
    """The demo setup: every role works with a password alone."""
    settings.REQUIRE_SECOND_FACTOR = False
    user = request.getfixturevalue(who)
    client.force_login(user)

    for url in ["/", "/strategy/", "/plans/", "/en/"]:
        assert client.get(url).status_code == 200, url
    if user.is_staff:
        assert client.get("/admin/").status_code == 200
    assert not TOTPDevice.objects.exists()


@pytest.mark.parametrize("who", ["international_office", "administrator"])
@pytest.mark.parametrize("url", PAGES)
def test_with_the_setting_staff_roles_are_sent_to_the_code_page(client, required, request, who, url):
    client.force_login(request.getfixturevalue(who))

    response = client.get(url)

    assert response.status_code == 302
    expected = SECOND_FACTOR if url.startswith("/en/") else reverse("accounts:second_factor")
    assert redirect_target(response) == (expected, url)


def test_a_form_sent_without_the_code_is_refused_too(office_client):
    response = office_client.post("/en/plans/", {"anything": "x"})

    assert response.status_code == 302
    assert redirect_target(response)[0] == SECOND_FACTOR


def test_a_superuser_without_a_role_is_asked_too(client, required, roles):
    """The first administrator is made with createsuperuser and belongs to no group."""
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))

    assert redirect_target(client.get("/admin/")) == (reverse("accounts:second_factor"), "/admin/")


@pytest.mark.parametrize("who", ["area_editor", "council_member"])
def test_with_the_setting_other_roles_are_not_asked(client, required, request, who):
    client.force_login(request.getfixturevalue(who))

    for url in ["/", "/strategy/", "/plans/", "/en/"]:
        assert client.get(url).status_code == 200, url


def test_visitors_who_are_not_logged_in_are_not_asked(client, required, starting_data):
    assert client.get("/").status_code == 200
    response = client.get(SECOND_FACTOR)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/en/accounts/login/")


def test_the_ways_out_stay_open(office_client, international_office):
    assert office_client.get(SECOND_FACTOR).status_code == 200
    assert office_client.get("/healthz").status_code == 200
    assert office_client.get("/static/css/portal.css").status_code == 200

    response = office_client.post("/en/accounts/logout/")

    assert response.status_code == 302
    assert Event.objects.filter(action=Event.Action.LOGOUT, user=international_office).exists()
    assert "_auth_user_id" not in office_client.session


# --- Setting up the app the first time ------------------------------------------------------------


def test_first_visit_shows_a_key_to_set_up_the_app(office_client, international_office):
    response = office_client.get(SECOND_FACTOR, {"next": "/en/plans/"})

    device = TOTPDevice.objects.get(user=international_office)
    assert not device.confirmed
    assert response.context["setting_up"] is True
    assert response.context["config_url"] == device.config_url
    assert device.config_url.startswith("otpauth://totp/")
    secret = response.context["secret"]
    assert re.fullmatch(r"([A-Z2-7]{4} )+[A-Z2-7]{4}", secret)
    page = response.content.decode()
    assert secret in page
    assert "Set up your authenticator app" in page
    assert device.config_url.replace("&", "&amp;") in page


def test_the_same_key_is_shown_until_it_is_confirmed(office_client, international_office):
    first = office_client.get(SECOND_FACTOR).context["secret"]
    second = office_client.get(SECOND_FACTOR).context["secret"]

    assert first == second
    assert TOTPDevice.objects.filter(user=international_office).count() == 1


def test_confirming_the_app_with_a_correct_code_gives_access(office_client, international_office):
    office_client.get(SECOND_FACTOR)
    device = TOTPDevice.objects.get(user=international_office)

    response = verify(office_client, device, next="/en/plans/")

    assert response.status_code == 302
    assert response.headers["Location"] == "/en/plans/"
    device.refresh_from_db()
    assert device.confirmed
    for url in PAGES:
        assert office_client.get(url).status_code == 200, url
    event = Event.objects.get(action=Event.Action.LOGIN, user=international_office, detail="second factor")
    assert event.object_type == "otp_totp.TOTPDevice"
    assert event.object_id == str(device.pk)


def test_the_next_login_asks_for_the_code_without_a_new_key(client, required, international_office):
    device = confirmed_device(international_office)
    client.force_login(international_office)

    response = client.get(SECOND_FACTOR)

    assert response.context["setting_up"] is False
    page = response.content.decode()
    assert "Enter your code" in page
    assert "otpauth://" not in page
    assert "secret" not in response.context
    assert TOTPDevice.objects.filter(user=international_office).count() == 1

    response = verify(client, device, next="/en/plans/")

    assert response.headers["Location"] == "/en/plans/"
    assert client.get("/admin/").status_code == 200


def test_an_administrator_gives_the_code_and_reaches_admin(client, required, administrator):
    device = confirmed_device(administrator)
    client.force_login(administrator)
    path, next_url = redirect_target(client.get("/admin/"))

    response = client.post(path, {"code": code_for(device), "next": next_url})

    assert response.headers["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_the_code_is_read_with_spaces(client, required, international_office):
    device = confirmed_device(international_office)
    client.force_login(international_office)
    code = code_for(device)

    response = client.post(SECOND_FACTOR, {"code": f" {code[:3]} {code[3:]} "})

    assert response.status_code == 302


def test_a_verified_user_is_sent_on(office_client, international_office):
    device = confirmed_device(international_office)
    verify(office_client, device)

    response = office_client.get(SECOND_FACTOR, {"next": "/en/plans/"})

    assert response.headers["Location"] == "/en/plans/"


# --- Refusals -----------------------------------------------------------------------------------------------


def test_a_wrong_code_is_refused_with_a_message(office_client, international_office):
    office_client.get(SECOND_FACTOR)
    device = TOTPDevice.objects.get(user=international_office)

    response = office_client.post(SECOND_FACTOR, {"code": other_code(device), "next": "/en/plans/"})

    assert response.status_code == 400
    assert response.context["form"].errors["code"] == [
        "That code is not correct. Enter the code the app shows now."
    ]
    assert "That code is not correct." in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    assert redirect_target(office_client.get("/en/plans/"))[0] == SECOND_FACTOR
    event = Event.objects.get(action=Event.Action.LOGIN_FAILED, user=international_office)
    assert event.detail == "second factor"
    assert not Event.objects.filter(action=Event.Action.LOGIN, detail="second factor").exists()


def test_a_wrong_code_for_a_confirmed_app_is_refused(client, required, administrator):
    device = confirmed_device(administrator)
    client.force_login(administrator)

    response = client.post(SECOND_FACTOR, {"code": other_code(device)})

    assert response.status_code == 400
    assert response.context["form"].has_error("code", "incorrect")
    assert client.get("/admin/").status_code == 302
    assert Event.objects.filter(action=Event.Action.LOGIN_FAILED, user=administrator, detail="second factor").exists()


def test_something_other_than_digits_is_refused_without_checking_it(office_client, international_office):
    response = office_client.post(SECOND_FACTOR, {"code": "abcdef"})

    assert response.context["form"].has_error("code", "invalid")
    assert TOTPDevice.objects.get(user=international_office).throttling_failure_count == 0


def test_guessing_is_slowed_down(office_client, international_office, settings):
    """After a wrong code, django-otp refuses even the right one for a while (1, 2, 4, ... seconds)."""
    settings.OTP_TOTP_THROTTLE_FACTOR = 60  # a minute, so that a slow test run does not outlast the wait
    office_client.get(SECOND_FACTOR)
    device = TOTPDevice.objects.get(user=international_office)
    office_client.post(SECOND_FACTOR, {"code": other_code(device)})

    response = verify(office_client, device)

    assert response.status_code == 400
    assert response.context["form"].has_error("code", "throttled")
    device.refresh_from_db()
    assert not device.confirmed


def test_a_code_is_used_only_once(client, required, international_office):
    device = confirmed_device(international_office)
    client.force_login(international_office)
    code = code_for(device)
    assert client.post(SECOND_FACTOR, {"code": code}).status_code == 302

    client.logout()
    client.force_login(international_office)
    response = client.post(SECOND_FACTOR, {"code": code})

    assert response.status_code == 400
    assert response.context["form"].has_error("code", "incorrect")


@pytest.mark.parametrize("unsafe", ["https://evil.example/", "//evil.example/", "javascript:alert(1)"])
def test_an_unsafe_next_is_not_followed(office_client, international_office, unsafe):
    device = confirmed_device(international_office)

    response = verify(office_client, device, next=unsafe)

    assert response.status_code == 302
    assert response.headers["Location"] == "/en/"


def test_an_unsafe_next_is_not_put_in_the_form(office_client):
    response = office_client.get(SECOND_FACTOR, {"next": "https://evil.example/"})

    assert response.context["next"] == "/en/"
    assert '<input type="hidden" name="next" value="/en/">' in response.content.decode()


# --- A lost device --------------------------------------------------------------------------------------------


def test_an_administrator_removes_a_lost_device_in_admin(client, administrator, international_office, settings):
    lost = confirmed_device(international_office)
    client.force_login(administrator)

    response = client.post(reverse("admin:otp_totp_totpdevice_delete", args=[lost.pk]), {"post": "yes"})

    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(pk=lost.pk).exists()
    assert Event.objects.filter(action=Event.Action.DELETE, object_type="otp_totp.TOTPDevice").exists()

    settings.REQUIRE_SECOND_FACTOR = True
    client.force_login(international_office)
    assert client.get(SECOND_FACTOR).context["setting_up"] is True


def test_the_international_office_does_not_see_the_devices(client, international_office):
    client.force_login(international_office)

    assert client.get(reverse("admin:otp_totp_totpdevice_changelist")).status_code == 403


# --- The page -------------------------------------------------------------------------------------------------


def test_the_code_field_is_labelled_and_its_error_tied_to_it(office_client, international_office):
    office_client.get(SECOND_FACTOR)
    device = TOTPDevice.objects.get(user=international_office)

    page = office_client.post(SECOND_FACTOR, {"code": other_code(device)}).content.decode()

    field = re.search(r"<input [^>]*name=\"code\"[^>]*>", page).group(0)
    assert 'autocomplete="one-time-code"' in field
    assert 'inputmode="numeric"' in field
    assert 'aria-invalid="true"' in field
    assert re.search(r'<label\s+for="id_code"', page)
    described_by = re.search(r'aria-describedby="([^"]+)"', field).group(1).split()
    for element_id in described_by:
        assert f'id="{element_id}"' in page
    # The error's container is among the field's descriptions, so a screen reader reads it with the field.
    assert any(re.search(rf'id="{element_id}"[^>]*>\s*<p[^>]*><strong>That code is not correct', page)
               for element_id in described_by)


def test_the_page_carries_nothing_the_csp_refuses(office_client):
    page = office_client.get(SECOND_FACTOR).content.decode()

    assert re.findall(r"<script(?![^>]*\ssrc=)[^>]*>|\sstyle=|\son[a-z]+=", page) == []


def test_the_danish_page_opens(office_client):
    response = office_client.get(reverse("accounts:second_factor"))

    assert response.status_code == 200
    assert response.headers["Content-Language"] == "da"
