"""axe-core (WCAG 2.1 A and AA) on every page of the portal, as every role, at desktop and phone width."""

import pytest
from django.urls import reverse

from common.testing import DESKTOP, PHONE, assert_accessible, assert_fits_phone, log_in
from strategy_portal.tests.test_access import ROLES, TABLE

pytestmark = pytest.mark.browser

DOWNLOADS = {"actionplans:export_pdf", "actionplans:export_xlsx", "actionplans:export_csv", "partners:export_csv",
             "partners:export_xlsx", "partners:region_pdf", "actionplans:round_report_pdf",
             "actionplans:round_report_xlsx", "actionplans:import_template"}


def _pages(role, url_args):
    """The HTML pages the role may open, by the permission table (and the login page for everyone)."""
    for name, (get_answers, _post) in TABLE.items():
        if get_answers[role] == 200 and name not in DOWNLOADS and not name.startswith("api:"):  # JSON, Swagger UI
            yield reverse(name, args=url_args.get(name, []))
    if role != "anonymous":
        yield reverse("actionplans:compare_versions", args=url_args["actionplans:compare_versions"]) + \
            "?from_version=1&to_version=1"


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("role", ROLES)
def test_every_page_is_accessible(browser_context, request, role, viewport, access_url_args):
    page = browser_context(viewport=viewport).new_page()
    if role != "anonymous":
        log_in(page, request.getfixturevalue(role).username)
    for url in _pages(role, access_url_args):
        response = page.goto(url)
        assert response.status in (200, 400), url
        assert_accessible(page)
        if viewport == PHONE:
            assert_fits_phone(page)
