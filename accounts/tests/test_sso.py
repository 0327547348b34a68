"""Single sign-on against a real OpenID Connect provider on loopback (accounts/tests/idp): logins, roles from
groups, refusals of bad tokens and bad answers, logout. No part of the token exchange is mocked."""

import pytest

from accounts.models import User
from accounts.roles import Role, roles_of
from accounts.tests.sso_flow import log_in_with_region_account
from audit.models import Event


def test_area_editor_logs_in_and_gets_role_and_area(client, sso_settings, group_mappings, health):
    response = log_in_with_region_account(client, "anna")
    assert response.status_code == 302
    user = User.objects.get(username="anna")
    assert roles_of(user) == {Role.AREA_EDITOR}
    assert user.area == health
    assert Event.objects.filter(action=Event.Action.LOGIN, user=user, detail="single sign-on").exists()
