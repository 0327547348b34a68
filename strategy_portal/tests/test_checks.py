"""The project's own deployment checks."""

from strategy_portal.checks import portal_role_owns_nothing


def test_deploying_with_the_portal_as_the_owner_is_warned_of(settings):
    settings.PORTAL_DATABASE = settings.OWNER_DATABASE = {"USER": "portal"}
    assert [w.id for w in portal_role_owns_nothing(None)] == ["strategy_portal.W001"]


def test_deploying_with_two_roles_passes(settings):
    settings.PORTAL_DATABASE, settings.OWNER_DATABASE = {"USER": "portal"}, {"USER": "portal_owner"}
    assert portal_role_owns_nothing(None) == []
