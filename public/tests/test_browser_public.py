"""The public pages in Chromium: the International Office publishes, an anonymous visitor reads, without
JavaScript, at desktop and phone width, and axe finds nothing."""

import pytest
from django.utils import translation

from actionplans.models import CouncilTerm
from actionplans.tests.factories import make_plan, report_status
from common.testing import DESKTOP, PHONE, assert_accessible, assert_fits_phone, log_in
from strategy.models import Area

pytestmark = pytest.mark.browser


@pytest.fixture
def plan(starting_data):
    plan = make_plan(Area.objects.get(code="sundhed"), CouncilTerm.objects.current(), goals=2, initiatives=3)
    initiative = plan.goals.order_by("position").first().initiatives.order_by("position").first()
    report_status(initiative, status="at_risk", progress=30, narrative="Partneren har udskudt mødet.")
    return plan


def _english(plan) -> str:
    with translation.override("en"):
        return str(plan)


def test_the_office_publishes_and_everyone_reads(browser_context, international_office, plan):
    name_en = _english(plan)
    office = browser_context().new_page()
    log_in(office, international_office.username)
    office.goto("/en/open/settings/")
    assert_accessible(office)
    office.get_by_label("The strategy is public").check()
    office.get_by_label("The partner regions are public").check()
    office.get_by_label(f"{name_en} is public", exact=True).check()
    office.get_by_label(f"The latest reported status of {name_en} is public", exact=True).check()
    office.get_by_role("button", name="Save").click()
    assert office.get_by_text("What is public is saved.").is_visible()

    for viewport in (DESKTOP, PHONE):
        visitor = browser_context(viewport=viewport).new_page()
        visitor.goto("/en/")
        visitor.get_by_role("link", name="Public pages and open data").click()
        assert_accessible(visitor)
        for name in ("The strategy", "Partner regions and their status history", name_en):
            visitor.get_by_role("link", name=name).click()
            assert_accessible(visitor)
            if viewport == PHONE:
                assert_fits_phone(visitor)
            if name == "Partner regions and their status history":
                visitor.get_by_role("link", name="Shanghai").click()
                assert visitor.get_by_role("heading", name="Status history").is_visible()
                assert_accessible(visitor)
                if viewport == PHONE:
                    assert_fits_phone(visitor)
            visitor.goto("/en/open/")
        visitor.goto(f"/open/plans/{plan.pk}/")
        assert visitor.get_by_text("Partneren har udskudt mødet.").is_visible()
        assert_accessible(visitor)


def test_the_public_pages_read_without_javascript(browser, live_server, transactional_db, plan):
    from public.tests.factories import publish_all

    publish_all(plan)
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False, viewport=PHONE)
    try:
        page = context.new_page()
        page.goto(f"/en/open/plans/{plan.pk}/")
        assert page.get_by_role("heading", name=_english(plan), level=1).is_visible()
        assert page.get_by_text("Partneren har udskudt mødet.").is_visible()
        page.goto("/en/open/partners/")
        assert page.get_by_role("link", name="Shanghai").is_visible()
    finally:
        context.close()


def test_the_api_documentation_loads_from_the_portal_alone(browser_context, live_server, starting_data):
    """Swagger UI from the portal's static files: no CDN, nothing the CSP refuses (a console error fails)."""
    page = browser_context().new_page()
    outside = []
    page.on("request", lambda r: None if r.url.startswith(live_server.url) else outside.append(r.url))
    page.goto("/api/v1/docs/")
    page.locator(".swagger-ui .info").wait_for()
    assert page.get_by_text("open-data API").first.is_visible()
    assert page.locator(".opblock-tag").count() >= 7  # the collections
    assert outside == []
