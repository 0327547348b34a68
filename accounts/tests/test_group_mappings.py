"""Group mappings (identity-provider group -> role, and area for area editors) and the users' admin filters."""

import datetime

import pytest
from django.utils import timezone

from accounts.models import GroupMapping, User
from accounts.roles import Role
from accounts.tests.factories import UserFactory
from audit.models import Event
from common.testing import model_url, refusal, refused_by_database


def test_an_area_editor_mapping_needs_an_area(health):
    assert refusal(GroupMapping(group="Portal-Sundhed", role=Role.AREA_EDITOR)) == {
        "area": ["An area editor needs an area: choose the area whose action plans the group's members keep."]}
    GroupMapping(group="Portal-Sundhed", role=Role.AREA_EDITOR, area=health).full_clean()


def test_only_an_area_editor_mapping_has_an_area(health):
    assert refusal(GroupMapping(group="Portal-Raad", role=Role.COUNCIL_MEMBER, area=health)) == {
        "area": ["Only the area editor role has an area: leave the area empty."]}


def test_a_group_is_mapped_once_whatever_its_case(db):
    GroupMapping.objects.create(group="Portal-Raad", role=Role.COUNCIL_MEMBER)
    errors = refusal(GroupMapping(group="portal-raad", role=Role.ADMINISTRATOR))
    assert errors == {"__all__": ["This group is mapped already."]}
    with refused_by_database("accounts_groupmapping_group_unique", GroupMapping):
        GroupMapping.objects.create(group="PORTAL-RAAD", role=Role.ADMINISTRATOR)


def test_the_database_holds_the_rules_too(health):
    with refused_by_database("accounts_groupmapping_area_exactly_for_area_editors", GroupMapping):
        GroupMapping.objects.create(group="a", role=Role.AREA_EDITOR)
    with refused_by_database("accounts_groupmapping_area_exactly_for_area_editors", GroupMapping):
        GroupMapping.objects.create(group="b", role=Role.COUNCIL_MEMBER, area=health)
    with refused_by_database("accounts_groupmapping_role_valid", GroupMapping):
        GroupMapping.objects.create(group="c", role="Superheroes")
    with refused_by_database("accounts_groupmapping_group_not_empty", GroupMapping):
        GroupMapping.objects.create(group="", role=Role.COUNCIL_MEMBER)


def test_a_user_is_linked_to_one_identity_and_with_both_parts(db):
    UserFactory(username="a", sso_issuer="https://idp", sso_subject="123")
    with refused_by_database("accounts_user_one_account_per_sso_identity", User):
        UserFactory(username="b", sso_issuer="https://idp", sso_subject="123")
    with refused_by_database("accounts_user_sso_issuer_with_subject", User):
        UserFactory(username="c", sso_issuer="", sso_subject="123")


def test_an_administrator_maps_a_group_in_admin(client, administrator, health):
    client.force_login(administrator)
    assert client.get(model_url(GroupMapping, "add")).status_code == 200
    response = client.post(model_url(GroupMapping, "add"),
                           {"group": " Portal-Sundhed ", "role": Role.AREA_EDITOR, "area": health.pk})
    assert response.status_code == 302
    mapping = GroupMapping.objects.get()
    assert (mapping.group, mapping.area) == ("Portal-Sundhed", health)
    assert Event.objects.filter(action=Event.Action.CREATE, object_type="accounts.GroupMapping").exists()
    assert client.get(model_url(GroupMapping, "change", mapping.pk)).status_code == 200
    assert client.get(model_url(GroupMapping, "changelist")).status_code == 200


@pytest.mark.parametrize(("data", "message"), [
    ({"group": "Portal-Sundhed", "role": Role.AREA_EDITOR}, "En områdemedarbejder skal have et arbejdsområde"),
    ({"group": "Portal-Raad", "role": Role.COUNCIL_MEMBER, "area": "AREA"}, "Kun rollen områdemedarbejder"),
    ({"group": "", "role": Role.COUNCIL_MEMBER}, "Dette felt er påkrævet"),
    ({"group": "x" * 300, "role": Role.COUNCIL_MEMBER}, "255"),
    ({"group": "Portal-Raad", "role": "Superheroes"}, "Marker en gyldig valgmulighed"),
])
def test_admin_refuses_a_bad_mapping_with_a_message(client, administrator, health, data, message):
    client.force_login(administrator)
    data = {key: health.pk if value == "AREA" else value for key, value in data.items()}
    response = client.post(model_url(GroupMapping, "add"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not GroupMapping.objects.exists()


def test_only_administrators_map_groups(client, international_office):
    client.force_login(international_office)
    assert client.get(model_url(GroupMapping, "add")).status_code == 403


# --- Users who have not logged in for N days ----------------------------------------------------------------

def test_admin_lists_users_not_logged_in_for_n_days(client, administrator):
    now = timezone.now()
    recent = UserFactory(username="recent", last_login=now - datetime.timedelta(days=5))
    old = UserFactory(username="old", last_login=now - datetime.timedelta(days=100))
    never = UserFactory(username="never")
    User.objects.filter(pk=never.pk).update(date_joined=now - datetime.timedelta(days=400))
    client.force_login(administrator)
    url = model_url(User, "changelist")
    listed = {u.username for u in client.get(url, {"not_logged_in_days": "90"}).context["cl"].result_list}
    assert {"old", "never"} <= listed and recent.username not in listed
    listed = {u.username for u in client.get(url, {"not_logged_in_days": "45"}).context["cl"].result_list}
    assert old.username in listed and recent.username not in listed
    assert "ikke logget ind i" in client.get(url).content.decode()


@pytest.mark.parametrize("value", ["abc", "-1", "99999999999999999999", "<script>"])
def test_a_bad_number_of_days_is_no_error(client, administrator, value):
    client.force_login(administrator)
    response = client.get(model_url(User, "changelist"), {"not_logged_in_days": value})
    assert response.status_code == 302  # admin's answer to a bad filter: the list again, marked ?e=1
    assert "e=1" in response["Location"]


def test_admin_tells_region_accounts_from_local_ones(client, administrator):
    UserFactory(username="region-user", sso_issuer="https://idp", sso_subject="1")
    client.force_login(administrator)
    url = model_url(User, "changelist")
    listed = {u.username for u in client.get(url, {"login_method": "region"}).context["cl"].result_list}
    assert listed == {"region-user"}
    region_user = User.objects.get(username="region-user")
    page = client.get(model_url(User, "change", region_user.pk)).content.decode()
    assert "Regionens konto" in page and "https://idp" in page
