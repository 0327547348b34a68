"""Shared fixtures: the starting data and one user per role."""

import pytest

from accounts.roles import Role, ensure_role_groups
from accounts.tests.factories import UserFactory
from strategy.models import Area
from strategy.starting_data import load_starting_data


@pytest.fixture
def starting_data(db):
    load_starting_data()


@pytest.fixture
def roles(db):
    return ensure_role_groups()


def _user(roles, role, username, area=None, staff=False):
    user = UserFactory(username=username, area=area, is_staff=staff)
    user.groups.add(roles[role])
    return user


@pytest.fixture
def health(starting_data):
    return Area.objects.get(code="sundhed")


@pytest.fixture
def regional_development(starting_data):
    return Area.objects.get(code="regional-udvikling")


@pytest.fixture
def area_editor(roles, health):
    return _user(roles, Role.AREA_EDITOR, "editor-health", area=health)


@pytest.fixture
def other_area_editor(roles, regional_development):
    return _user(roles, Role.AREA_EDITOR, "editor-rd", area=regional_development)


@pytest.fixture
def international_office(roles, starting_data):
    return _user(roles, Role.INTERNATIONAL_OFFICE, "int-office", staff=True)


@pytest.fixture
def council_member(roles, starting_data):
    return _user(roles, Role.COUNCIL_MEMBER, "council")


@pytest.fixture
def administrator(roles, starting_data):
    return _user(roles, Role.ADMINISTRATOR, "admin-user", staff=True)
