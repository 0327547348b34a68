"""The login service of the region's account, on claims as a verified ID token carries them."""

import pytest

from accounts.models import GroupMapping, User
from accounts.roles import Role, roles_of
from accounts.services import MAX_GROUPS, sign_in_with_region_account
from accounts.sso import SsoRefused, is_multi_factor
from accounts.tests.factories import UserFactory
from audit.models import Event

ISSUER = "https://login.example/tenant/v2.0"


@pytest.fixture
def council_group(roles):
    return GroupMapping.objects.create(group="Raad", role=Role.COUNCIL_MEMBER)


def _claims(**changes):
    return {"iss": ISSUER, "sub": "subject-1", "preferred_username": "maja@rm.dk", "given_name": "Maja",
            "family_name": "Holm", "email": "maja@rm.dk", "groups": ["Raad"], **changes}


def test_a_renamed_user_keeps_their_account(council_group):
    first = sign_in_with_region_account(claims=_claims(), issuer=ISSUER)
    again = sign_in_with_region_account(claims=_claims(preferred_username="maja.holm@rm.dk"), issuer=ISSUER)
    assert again.pk == first.pk and again.username == "maja.holm@rm.dk"


def test_a_name_taken_by_another_region_account_is_refused(council_group):
    UserFactory(username="maja@rm.dk", sso_issuer=ISSUER, sso_subject="someone-else")
    with pytest.raises(SsoRefused) as refused:
        sign_in_with_region_account(claims=_claims(), issuer=ISSUER)
    assert refused.value.reason == "user name taken by another account"
    assert User.objects.filter(sso_subject="subject-1").count() == 0


def test_the_same_subject_at_another_provider_is_another_person(council_group):
    sign_in_with_region_account(claims=_claims(), issuer=ISSUER)
    with pytest.raises(SsoRefused):  # same user name, another identity
        sign_in_with_region_account(claims=_claims(), issuer="https://other.example")


@pytest.mark.parametrize(("groups", "reason"), [
    (None, "no mapped group"),
    ([], "no mapped group"),
    (["x"] * (MAX_GROUPS + 1), "groups claim is not a list of names"),
    ([["Raad"]], "groups claim is not a list of names"),
])
def test_groups_that_give_no_role_are_refused(council_group, groups, reason):
    claims = _claims(groups=groups)
    if groups is None:
        del claims["groups"]
    with pytest.raises(SsoRefused) as refused:
        sign_in_with_region_account(claims=claims, issuer=ISSUER)
    assert refused.value.reason == reason
    assert not User.objects.filter(username="maja@rm.dk").exists()


def test_too_many_groups_for_the_token_is_named(council_group):
    claims = _claims(_claim_names={"groups": "src1"})
    del claims["groups"]
    with pytest.raises(SsoRefused) as refused:
        sign_in_with_region_account(claims=claims, issuer=ISSUER)
    assert refused.value.reason == "too many groups for the token (groups overage)"
    assert refused.value.status == 400


def test_roles_outside_the_portals_roles_are_kept(council_group, roles):
    from django.contrib.auth.models import Group

    other = Group.objects.create(name="Newsletter")
    user = sign_in_with_region_account(claims=_claims(), issuer=ISSUER)
    user.groups.add(other, roles[Role.ADMINISTRATOR])
    user = sign_in_with_region_account(claims=_claims(), issuer=ISSUER)
    assert roles_of(User.objects.get(pk=user.pk)) == {Role.COUNCIL_MEMBER}
    assert user.groups.filter(name="Newsletter").exists()
    assert Event.objects.filter(action=Event.Action.ROLES_CHANGED,
                                detail="Administrators, Council members -> Council members").exists()


@pytest.mark.parametrize(("claims", "expected"), [
    ({"amr": ["pwd", "mfa"]}, True), ({"amr": "mfa"}, True), ({"amr": ["pwd"]}, False), ({}, False),
    ({"acr": "http://schemas.microsoft.com/claims/multipleauthn"}, True), ({"acr": "1"}, False),
    ({"amr": {"mfa": 1}}, False),
])
def test_a_multi_factor_login_is_read_from_amr_or_acr(settings, claims, expected):
    assert is_multi_factor(claims) is expected
