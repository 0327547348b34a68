"""The project's own deployment checks."""

from strategy_portal.checks import portal_role_owns_nothing


def test_deploying_with_the_portal_as_the_owner_is_warned_of(settings):
    settings.PORTAL_DATABASE = settings.OWNER_DATABASE = {"USER": "portal"}
    assert [w.id for w in portal_role_owns_nothing(None)] == ["strategy_portal.W001"]


def test_deploying_with_two_roles_passes(settings):
    settings.PORTAL_DATABASE, settings.OWNER_DATABASE = {"USER": "portal"}, {"USER": "portal_owner"}
    assert portal_role_owns_nothing(None) == []


def test_deploying_without_a_sender_address_is_warned_of(settings):
    from strategy_portal.checks import sender_address_configured

    settings.DEFAULT_FROM_EMAIL = settings.SERVER_EMAIL = ""
    warnings = sender_address_configured(None)
    assert [w.id for w in warnings] == ["strategy_portal.W002"]
    assert "DEFAULT_FROM_EMAIL" in warnings[0].msg


def test_deploying_with_a_sender_address_passes(settings):
    from strategy_portal.checks import sender_address_configured

    settings.DEFAULT_FROM_EMAIL = settings.SERVER_EMAIL = "Internationalt Kontor <kontor@example.org>"
    assert sender_address_configured(None) == []


def test_the_sender_address_comes_from_the_environment_only():
    import os

    from django.conf import settings

    # No address is made up: unset in the tests' environment, it is empty.
    assert settings.DEFAULT_FROM_EMAIL == os.environ.get("DEFAULT_FROM_EMAIL", "")
