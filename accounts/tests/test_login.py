import pytest
from django.urls import reverse

from accounts.tests.factories import PASSWORD
from audit.models import Event


def _login(client, username, password):
    return client.post(reverse("accounts:login"), {"username": username, "password": password},
                       REMOTE_ADDR="10.1.2.3")


def test_login_and_logout_are_audited(client, council_member):
    response = _login(client, council_member.username, PASSWORD)
    assert response.status_code == 302
    assert Event.objects.filter(action=Event.Action.LOGIN, user=council_member, ip_address="10.1.2.3").exists()
    client.post(reverse("accounts:logout"))
    assert Event.objects.filter(action=Event.Action.LOGOUT, user=council_member).exists()


def test_wrong_password_is_refused_with_a_message_and_audited(client, council_member):
    response = _login(client, council_member.username, "wrong")
    assert response.status_code == 200
    assert "korrekt brugernavn og adgangskode" in response.content.decode()
    assert Event.objects.filter(action=Event.Action.LOGIN_FAILED, username=council_member.username).exists()


def test_repeated_failures_lock_out_user_and_address(client, council_member, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, council_member.username, "wrong")
    response = _login(client, council_member.username, PASSWORD)
    assert response.status_code == 429
    assert "For mange mislykkede" in response.content.decode()
    assert Event.objects.filter(action=Event.Action.LOCKED_OUT).exists()
    # The same user from another address is not locked out.
    other = client.post(reverse("accounts:login"), {"username": council_member.username, "password": PASSWORD},
                        REMOTE_ADDR="10.9.9.9")
    assert other.status_code == 302


def test_behind_a_proxy_one_client_cannot_lock_out_another(client, council_member, settings):
    """Every request comes from the proxy's address; the client is the one the proxy forwarded for."""
    settings.PROXY_COUNT = 1

    def through_proxy(forwarded_for, password):
        return client.post(reverse("accounts:login"), {"username": council_member.username, "password": password},
                           REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded_for)

    for _ in range(settings.AXES_FAILURE_LIMIT):
        through_proxy("203.0.113.7", "wrong")
    assert through_proxy("203.0.113.7", PASSWORD).status_code == 429
    # A forged entry to the left of what the proxy added changes nothing.
    assert through_proxy("198.51.100.2, 203.0.113.7", PASSWORD).status_code == 429
    assert through_proxy("198.51.100.2", PASSWORD).status_code == 302  # the real user elsewhere gets in
    assert set(Event.objects.filter(action=Event.Action.LOGIN_FAILED).values_list("ip_address", flat=True)) == {
        "203.0.113.7"}
    assert Event.objects.filter(action=Event.Action.LOGIN, ip_address="198.51.100.2").exists()


def test_a_malformed_forwarded_address_falls_back_to_the_connection(rf, settings):
    from audit.services import client_ip

    settings.PROXY_COUNT = 1
    assert client_ip(rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="not-an-address")) == "10.0.0.1"
    assert client_ip(rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="2001:db8::1")) == "2001:db8::1"


@pytest.mark.django_db
def test_logout_needs_post(client):
    assert client.get(reverse("accounts:logout")).status_code == 405


def test_session_cookie_is_secure_httponly_and_expires_when_idle(client, council_member, settings):
    response = _login(client, council_member.username, PASSWORD)
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["secure"] and cookie["httponly"]
    assert int(cookie["max-age"]) == settings.SESSION_COOKIE_AGE == 30 * 60
    # Every request renews the session, so the age is an idle timeout.
    renewed = client.get("/").cookies[settings.SESSION_COOKIE_NAME]
    assert int(renewed["max-age"]) == settings.SESSION_COOKIE_AGE


def test_sessions_live_in_the_database(client, council_member):
    from django.contrib.sessions.models import Session

    _login(client, council_member.username, PASSWORD)
    assert Session.objects.filter(session_key=client.cookies["sessionid"].value).exists()
