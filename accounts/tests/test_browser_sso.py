"""Single sign-on in Chromium, end to end: the portal's login page, the test provider's sign-in, and back."""

import pytest

from accounts.models import User
from accounts.roles import Role, roles_of
from accounts.tests.sso_flow import PROVIDER_PASSWORD
from common.testing import DESKTOP, PHONE, assert_accessible, assert_fits_phone

pytestmark = pytest.mark.browser


def _log_in_with_region_account(page, username):
    page.goto("/accounts/login/")
    page.get_by_role("link", name="Log ind med regionens konto").click()
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PROVIDER_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


@pytest.mark.parametrize(("username", "role", "visible"), [
    ("anna", Role.AREA_EDITOR, "Det venter på dig i Sundhed"),
    ("ib", Role.INTERNATIONAL_OFFICE, "Det venter på Internationalt Kontor"),
    ("rita", Role.COUNCIL_MEMBER, "Til regionsrådet"),
    ("adam", Role.ADMINISTRATOR, "Administration"),
])
def test_each_mapped_role_logs_in_with_the_region_account(page, live_server, sso_settings, group_mappings, username,
                                                          role, visible):
    _log_in_with_region_account(page, username)
    assert page.url == f"{live_server.url}/"
    assert page.get_by_text(visible).first.is_visible()
    assert page.get_by_text(f"{username.capitalize()} Testesen").is_visible()
    assert roles_of(User.objects.get(username=username)) == {role}
    page.get_by_role("button", name="Log ud").click()
    page.wait_for_load_state()
    assert page.url == f"{live_server.url}/"  # back from the provider's logout
    assert page.get_by_role("link", name="Log ind", exact=True).first.is_visible()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_login_page_offers_the_region_account_first(browser_context, sso_settings, viewport):
    page = browser_context(viewport=viewport).new_page()
    page.goto("/accounts/login/")
    links = page.locator("main a.btn, main button")
    assert links.first.inner_text() == "Log ind med regionens konto"
    assert_accessible(page)
    if viewport == PHONE:
        assert_fits_phone(page)


def test_an_unmapped_user_sees_the_no_access_page(browser, live_server, sso_settings, group_mappings):
    context = browser.new_context(base_url=live_server.url, locale="da-DK", viewport=DESKTOP)
    errors = []
    context.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page = context.new_page()
    _log_in_with_region_account(page, "uffe")
    assert page.get_by_role("heading", name="Ingen adgang til portalen").is_visible()
    assert_accessible(page)
    context.close()
    assert [e for e in errors if "status of 403" not in e] == []
    assert not User.objects.filter(username="uffe").exists()
