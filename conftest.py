"""Shared fixtures: the starting data and one user per role."""

import os

import pytest
from django.conf import settings

from accounts.roles import Role, ensure_role_groups
from accounts.tests.factories import UserFactory
from common.testing import DESKTOP
from strategy.models import Area, Strategy
from strategy_portal.starting_data import load_starting_data

# Tests that commit are followed by emptying the whole database (TRUNCATE), the audit record too: a deliberate
# erasure, which the tests, connected as the owner, announce for every session (audit/migrations/0003).
settings.DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c audit.erasing=on"


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the portal's default language, whatever the one before it activated."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _fresh_api_throttles():
    """Each test starts with the open-data API's throttles at zero (they count in the process's memory)."""
    from django.core.cache import caches

    caches["api"].clear()


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    # Real hashing costs a third of a second per login; the tests are not about the hash.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the starting data once into the test database; each test rolls back its own changes."""
    with django_db_blocker.unblock():
        load_starting_data()


@pytest.fixture
def starting_data(db):
    # Tests that commit (browser tests) empty the database afterwards: load it again then.
    if not Strategy.objects.exists():
        load_starting_data()


@pytest.fixture
def roles(db):
    return ensure_role_groups()


def _user(roles, role, username, area=None, staff=False):
    user = UserFactory(username=username, area=area, is_staff=staff)
    user.groups.add(roles[role])
    return user


@pytest.fixture
def current_term(starting_data):
    from actionplans.models import CouncilTerm

    return CouncilTerm.objects.current()


@pytest.fixture
def previous_term(current_term):
    from actionplans.models import CouncilTerm

    return CouncilTerm.objects.filter(starts_on__lt=current_term.starts_on).last()


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


# --- Browser tests: Playwright driving Debian's Chromium --------------------------------
# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make
# around it are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# The helpers the browser tests use (log_in, assert_accessible, ...) are in common.testing.
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run"],
        )
        yield browser
        browser.close()


@pytest.fixture
def browser_context(browser, live_server, transactional_db):
    """A fresh browser profile in Danish. Console errors (CSP violations among them) fail the test."""
    contexts = []
    errors = []

    def new_context(locale="da-DK", viewport=None):
        context = browser.new_context(base_url=live_server.url, locale=locale, viewport=viewport or DESKTOP)
        context.set_default_timeout(10_000)
        context.on("weberror", lambda error: errors.append(str(error.error)))
        context.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
        contexts.append(context)
        return context

    yield new_context
    for context in contexts:
        context.close()
    # A refused form answers 400, and a stale edit 409, on purpose; anything else in the console is a defect.
    assert [e for e in errors if "status of 400" not in e and "status of 409" not in e] == []


@pytest.fixture
def page(browser_context):
    return browser_context().new_page()

