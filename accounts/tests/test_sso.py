"""Single sign-on against a real OpenID Connect provider on loopback (accounts/tests/idp): logins, roles from
groups, refusals of bad tokens and bad answers, second factor, logout. No part of the token exchange is mocked."""

import urllib.parse
import urllib.request

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import User
from accounts.roles import Role, roles_of
from accounts.tests.factories import UserFactory
from accounts.tests.sso_flow import callback_path, log_in_with_region_account, provider_answer, start
from audit.models import Event
from common.testing import PASSWORD, free_port


def _refusals(reason: str):
    return Event.objects.filter(action=Event.Action.LOGIN_FAILED, detail=f"single sign-on: {reason}")


@pytest.mark.parametrize(("username", "role", "staff"), [
    ("anna", Role.AREA_EDITOR, False),
    ("ib", Role.INTERNATIONAL_OFFICE, True),
    ("rita", Role.COUNCIL_MEMBER, False),
    ("adam", Role.ADMINISTRATOR, True),
])
def test_each_mapped_role_logs_in_and_the_account_appears(client, sso_settings, group_mappings, health, username,
                                                          role, staff):
    response = log_in_with_region_account(client, username)
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:home")
    user = User.objects.get(username=username)
    assert roles_of(user) == {role}
    assert user.area == (health if role == Role.AREA_EDITOR else None)
    assert user.is_staff is staff and not user.is_superuser
    assert (user.first_name, user.last_name, user.email) == (username.capitalize(), "Testesen",
                                                             f"{username}@example.org")
    assert not user.has_usable_password()
    assert user.sso_issuer == sso_settings.OIDC_ISSUER and user.sso_subject
    assert Event.objects.filter(action=Event.Action.CREATE, object_type="accounts.User", object_id=str(user.pk),
                                detail__contains=role.value).exists()
    assert Event.objects.filter(action=Event.Action.LOGIN, user=user, detail="single sign-on").exists()
    assert client.get(reverse("portal:home")).context["user"] == user


def test_the_user_returns_to_the_page_asked_for(client, sso_settings, group_mappings):
    response = log_in_with_region_account(client, "rita", next_url="/strategy/")
    assert response["Location"] == "/strategy/"


def test_an_unmapped_user_gets_a_no_access_page_and_no_account(client, sso_settings, group_mappings):
    response = log_in_with_region_account(client, "uffe")
    assert response.status_code == 403
    page = response.content.decode()
    assert "Ingen adgang til portalen" in page and "regionens brugerkatalog" in page
    assert not User.objects.filter(username="uffe").exists()
    assert _refusals("no mapped group").filter(username="uffe").exists()
    assert "_auth_user_id" not in client.session


def test_roles_follow_the_groups_at_every_login_and_no_groups_deactivate(client, sso_settings, group_mappings,
                                                                         identity_provider, health):
    identity_provider.set_user("karen", groups=["Portal-Sundhed"])
    log_in_with_region_account(client, "karen")
    karen = User.objects.get(username="karen")
    assert roles_of(karen) == {Role.AREA_EDITOR} and karen.area == health

    identity_provider.set_user("karen", groups=["PORTAL-REGIONSRAAD"])  # group names match in any case
    client.post(reverse("accounts:logout"))
    assert log_in_with_region_account(client, "karen").status_code == 302
    karen = User.objects.get(pk=karen.pk)
    assert roles_of(karen) == {Role.COUNCIL_MEMBER} and karen.area is None
    change = Event.objects.get(action=Event.Action.ROLES_CHANGED, object_id=str(karen.pk))
    assert change.detail == "Area editors (sundhed) -> Council members"

    identity_provider.set_user("karen", groups=["Alle-Medarbejdere"])
    client.post(reverse("accounts:logout"))
    assert log_in_with_region_account(client, "karen").status_code == 403
    karen.refresh_from_db()
    assert not karen.is_active
    assert Event.objects.filter(action=Event.Action.DEACTIVATED, object_id=str(karen.pk)).exists()

    # Groups back at the provider: the account stays deactivated until an administrator activates it.
    identity_provider.set_user("karen", groups=["Portal-Sundhed"])
    response = log_in_with_region_account(client, "karen")
    assert response.status_code == 403 and "deaktiveret" in response.content.decode()
    assert _refusals("account deactivated").exists()


def test_a_deactivated_users_session_ends(client, sso_settings, group_mappings):
    log_in_with_region_account(client, "rita")
    User.objects.filter(username="rita").update(is_active=False)
    assert client.get("/strategy/").status_code == 302  # to the login page


@pytest.mark.parametrize(("mode", "reason"), [
    ("wrong-audience", "ID token for another audience"),
    ("wrong-issuer", "ID token from a wrong issuer"),
    ("bad-signature", "ID token signature does not verify"),
    ("expired", "ID token expired"),
    ("stale-nonce", "ID token nonce does not match the login"),
])
def test_a_token_the_portal_cannot_trust_is_refused(client, sso_settings, group_mappings, identity_provider, mode,
                                                    reason):
    username = f"token-{mode}"
    identity_provider.set_user(username, groups=["Portal-Regionsraad"], mode=mode)
    response = log_in_with_region_account(client, username)
    assert response.status_code == 403
    assert "Login med regionens konto mislykkedes" in response.content.decode()
    assert _refusals(reason).exists()
    assert not User.objects.filter(username=username).exists()
    assert "_auth_user_id" not in client.session


def test_a_replayed_callback_is_refused(client, sso_settings, group_mappings):
    answer = callback_path(provider_answer(start(client), "rita"))
    assert client.get(answer).status_code == 302
    client.post(reverse("accounts:logout"))
    assert client.get(answer).status_code == 400
    assert _refusals("unknown, used or expired state").exists()


def test_a_callback_in_another_browser_is_refused(client, sso_settings, group_mappings):
    answer = callback_path(provider_answer(start(client), "rita"))
    attacker = Client()
    response = attacker.get(answer)
    assert response.status_code == 400
    assert "Start login igen" in response.content.decode() or "Start logningen" in response.content.decode()
    assert not User.objects.filter(username="rita").exists()


def test_a_code_from_another_login_fails_pkce_at_the_provider(client, sso_settings, group_mappings):
    """The code of the first login sent with the state of the second: the second's code verifier does not match
    the first's challenge, so the provider refuses the token request."""
    first = urllib.parse.parse_qs(urllib.parse.urlsplit(provider_answer(start(client), "rita")).query)
    second = urllib.parse.parse_qs(urllib.parse.urlsplit(provider_answer(start(client), "rita")).query)
    response = client.get("/oidc/callback/", {"code": first["code"][0], "state": second["state"][0]})
    assert response.status_code == 403
    assert _refusals("token request refused: 400").exists()
    assert not User.objects.filter(username="rita").exists()


def test_the_authorization_request_carries_pkce_state_and_nonce(client, sso_settings):
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(start(client)).query)
    assert query["code_challenge_method"] == ["S256"] and query["code_challenge"][0]
    assert query["state"][0] and query["nonce"][0]
    assert query["redirect_uri"] == ["http://testserver/oidc/callback/"]
    assert query["scope"] == ["openid profile email"]


# --- Bad input ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("query", [
    {}, {"code": "abc"}, {"state": "abc"}, {"code": "", "state": ""}, {"code": "x" * 5000, "state": "abc"},
])
def test_a_callback_without_code_or_state_is_refused(client, sso_settings, query):
    response = client.get("/oidc/callback/", query)
    assert response.status_code == 400
    assert "ufuldstændigt" in response.content.decode()
    assert _refusals("callback without code or state").exists()


def test_a_forged_state_is_refused(client, sso_settings):
    start(client)
    response = client.get("/oidc/callback/", {"code": "forged", "state": "forged"})
    assert response.status_code == 400
    assert _refusals("unknown, used or expired state").exists()


def test_a_forged_code_is_refused_by_the_provider(client, sso_settings):
    state = urllib.parse.parse_qs(urllib.parse.urlsplit(start(client)).query)["state"][0]
    response = client.get("/oidc/callback/", {"code": "forged-code", "state": state})
    assert response.status_code == 403
    assert _refusals("token request refused: 400").exists()


@pytest.mark.parametrize(("error", "shown"), [("access_denied", "access_denied"),
                                              ("<script>alert(1)</script>", "?")])
def test_an_error_answer_from_the_provider_is_shown_and_uses_up_the_state(client, sso_settings, error, shown):
    state = urllib.parse.parse_qs(urllib.parse.urlsplit(start(client)).query)["state"][0]
    response = client.get("/oidc/callback/", {"error": error, "error_description": "<b>nej</b>", "state": state})
    assert response.status_code == 400
    page = response.content.decode()
    assert f"svar: {shown}" in page and "<script>alert" not in page and "<b>nej</b>" not in page
    assert state not in client.session["oidc_states"]
    assert _refusals(f"provider answered error={shown}").exists()


@pytest.mark.parametrize("claims", [
    {"groups": "Portal-Regionsraad"},
    {"groups": {"name": "Portal-Regionsraad"}},
    {"groups": [1, 2]},
    {"name": "<script>alert(1)</script>"},
    {"given_name": "<b>Rita</b>"},
    {"family_name": "x" * 10_000},
    {"name": "Rita " * 2_000},
    {"preferred_username": "<img src=x>"},
    {"preferred_username": "r" * 10_000},
    {"preferred_username": None},
])
def test_unusable_claims_are_refused_without_an_account(client, sso_settings, group_mappings, identity_provider,
                                                        claims):
    identity_provider.set_user("claimtest", groups=["Portal-Regionsraad"], claims=claims)
    response = log_in_with_region_account(client, "claimtest")
    assert response.status_code == 400
    assert "oplysninger om dig" in response.content.decode()
    assert User.objects.count() == User.objects.exclude(username__startswith="<").count()
    assert not User.objects.filter(email="claimtest@example.org").exists()
    assert Event.objects.filter(action=Event.Action.LOGIN_FAILED, detail__startswith="single sign-on: ").exists()


def test_an_email_claim_that_is_no_address_is_left_out(client, sso_settings, group_mappings, identity_provider):
    identity_provider.set_user("emil", groups=["Portal-Regionsraad"], claims={"email": "not an address"})
    assert log_in_with_region_account(client, "emil").status_code == 302
    assert User.objects.get(username="emil").email == ""


# --- Accounts that exist already ------------------------------------------------------------------------

def test_a_local_account_of_the_same_name_is_taken_over(client, sso_settings, group_mappings, roles):
    local = UserFactory(username="rita")
    local.groups.add(roles[Role.AREA_EDITOR])
    assert log_in_with_region_account(client, "rita").status_code == 302
    local.refresh_from_db()
    assert local.sso_subject and not local.has_usable_password()
    assert roles_of(local) == {Role.COUNCIL_MEMBER}
    assert User.objects.filter(username="rita").count() == 1


@pytest.mark.parametrize("kind", ["superuser", "break-glass"])
def test_a_local_administrator_account_is_never_taken_over(client, sso_settings, group_mappings, kind):
    local = UserFactory(username="adam", is_superuser=kind == "superuser")
    sso_settings.LOCAL_LOGIN_USERS = ["adam"] if kind == "break-glass" else []
    response = log_in_with_region_account(client, "adam")
    assert response.status_code == 403
    local.refresh_from_db()
    assert not local.sso_subject and local.has_usable_password()
    assert _refusals("user name belongs to a local administrator account").exists()


def test_groups_that_make_an_editor_of_two_areas_are_refused(client, sso_settings, group_mappings,
                                                             identity_provider, regional_development):
    from accounts.models import GroupMapping

    GroupMapping.objects.create(group="Portal-Udvikling", role=Role.AREA_EDITOR, area=regional_development)
    identity_provider.set_user("toke", groups=["Portal-Sundhed", "Portal-Udvikling"])
    assert log_in_with_region_account(client, "toke").status_code == 403
    assert not User.objects.filter(username="toke").exists()
    assert _refusals("groups map to more than one area").exists()


# --- Second factor -------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("amr", "asked"), [(["pwd", "mfa"], False), (["pwd"], True)])
def test_the_portals_code_is_asked_only_when_the_provider_did_not_use_two_factors(
        client, sso_settings, group_mappings, identity_provider, amr, asked):
    sso_settings.REQUIRE_SECOND_FACTOR = True
    identity_provider.set_user("ib", groups=["Portal-Internationalt-Kontor"], amr=amr)
    log_in_with_region_account(client, "ib")
    response = client.get("/strategy/")
    if asked:
        assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:second_factor"))
    else:
        assert response.status_code == 200
    detail = "single sign-on" if asked else "single sign-on, multi-factor"
    assert Event.objects.filter(action=Event.Action.LOGIN, username="ib", detail=detail).exists()


def test_an_acr_of_multiple_factors_counts_too(client, sso_settings, group_mappings, identity_provider):
    sso_settings.REQUIRE_SECOND_FACTOR = True
    identity_provider.set_user("ib", groups=["Portal-Internationalt-Kontor"],
                               claims={"acr": "http://schemas.microsoft.com/claims/multipleauthn"})
    log_in_with_region_account(client, "ib")
    assert client.get("/strategy/").status_code == 200


# --- Logout ------------------------------------------------------------------------------------------------

def test_logout_ends_the_providers_session_too(client, sso_settings, group_mappings, identity_provider):
    log_in_with_region_account(client, "rita")
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    target = urllib.parse.urlsplit(response["Location"])
    query = urllib.parse.parse_qs(target.query)
    assert f"{target.scheme}://{target.netloc}{target.path}" == f"{identity_provider.issuer}/logout/"
    assert query["post_logout_redirect_uri"] == ["http://testserver/"] and query["id_token_hint"][0]
    # The provider accepts it and sends the browser back to the portal.
    with pytest.raises(urllib.error.HTTPError) as redirect:
        urllib.request.build_opener(_NoRedirect()).open(response["Location"], timeout=10)
    assert redirect.value.code == 302 and redirect.value.headers["Location"] == "http://testserver/"
    assert Event.objects.filter(action=Event.Action.LOGOUT, username="rita").exists()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


def test_a_local_users_logout_stays_in_the_portal(client, sso_settings, council_member):
    client.force_login(council_member)
    assert client.post(reverse("accounts:logout"))["Location"] == reverse("portal:home")


# --- The provider down, and local passwords -----------------------------------------------------------------

def test_the_provider_down_gives_a_clear_page_and_break_glass_login_still_works(client, sso_settings, administrator):
    sso_settings.OIDC_ISSUER = f"http://127.0.0.1:{free_port()}/o"
    sso_settings.LOCAL_LOGIN = False
    sso_settings.LOCAL_LOGIN_USERS = [administrator.username]
    response = client.get("/oidc/login/")
    assert response.status_code == 503
    page = response.content.decode()
    assert "Regionens login kan ikke nås" in page and reverse("accounts:login") in page
    login = client.post(reverse("accounts:login"), {"username": administrator.username, "password": PASSWORD})
    assert login.status_code == 302


def test_the_provider_down_during_the_callback_gives_the_same_page(client, sso_settings):
    state = urllib.parse.parse_qs(urllib.parse.urlsplit(start(client)).query)["state"][0]
    sso_settings.OIDC_ISSUER = f"http://127.0.0.1:{free_port()}/o"
    from accounts import sso

    sso.forget_provider_configuration()
    response = client.get("/oidc/callback/", {"code": "abc", "state": state})
    assert response.status_code == 503


def test_with_local_login_off_only_break_glass_administrators_use_a_password(client, sso_settings, administrator,
                                                                             council_member):
    sso_settings.LOCAL_LOGIN = False
    sso_settings.LOCAL_LOGIN_USERS = [administrator.username]
    page = client.get(reverse("accounts:login")).content.decode()
    assert page.index("Log ind med regionens konto") < page.index("Nødadgang for administratorer")
    refused = client.post(reverse("accounts:login"), {"username": council_member.username, "password": PASSWORD})
    assert refused.status_code == 200 and "_auth_user_id" not in client.session
    assert client.post(reverse("accounts:login"), {"username": administrator.username,
                                                   "password": PASSWORD}).status_code == 302


def test_an_account_of_the_region_has_no_password_login(client, sso_settings, group_mappings):
    log_in_with_region_account(client, "rita")
    client.post(reverse("accounts:logout"))
    rita = User.objects.get(username="rita")
    rita.set_password(PASSWORD)
    rita.save()
    response = client.post(reverse("accounts:login"), {"username": "rita", "password": PASSWORD})
    assert response.status_code == 200 and "_auth_user_id" not in client.session


def test_without_single_sign_on_the_portal_works_as_before(client, settings, council_member):
    settings.OIDC_ISSUER = settings.OIDC_DISCOVERY_URL = settings.OIDC_RP_CLIENT_ID = ""
    page = client.get(reverse("accounts:login")).content.decode()
    assert "regionens konto" not in page
    assert client.get("/oidc/login/").status_code == 404
    assert client.get("/oidc/callback/", {"code": "a", "state": "b"}).status_code == 404
    assert client.post(reverse("accounts:login"), {"username": council_member.username,
                                                   "password": PASSWORD}).status_code == 302
