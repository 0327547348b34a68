"""The home page with follow-up to show, as each role sees it in Chromium: accessible, and fits a phone."""

import datetime

import pytest
from django.utils import timezone

from actionplans import services
from actionplans.models import Initiative, Milestone
from actionplans.tests.factories import make_plan
from common.testing import DESKTOP, PHONE, assert_accessible, assert_fits_phone, log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def follow_up(health, previous_term, international_office, area_editor):
    """Health's plan of the previous term: a closed round, and an open one past its deadline with one update in
    and one milestone overdue."""
    today = timezone.localdate()
    plan = make_plan(health, previous_term)
    first, second = Initiative.objects.filter(goal__plan=plan).order_by("goal__position", "position")[:2]
    days = datetime.timedelta
    closed = services.open_round(as_of=today - days(60), deadline=today - days(40), by=international_office)
    services.record_status_update(initiative=first, as_of=closed.as_of, status="at_risk", progress=20,
                                  narrative="Forsinket leverance", seen_update=None, by=area_editor)
    services.close_round(reporting_round=closed, by=international_office)
    services.open_round(as_of=today - days(30), deadline=today - days(1), by=international_office)
    services.record_status_update(initiative=second, as_of=today, status="on_track", progress=50, narrative="",
                                  seen_update=None, by=area_editor)
    services.add_milestone(milestone=Milestone(initiative=first, title="Aftale underskrevet",
                                               due_on=today - days(10)), by=area_editor)
    return plan


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize(("role", "heading"), [
    ("area_editor", "Det venter på dig i Sundhed"),
    ("international_office", "Det venter på Internationalt Kontor"),
    ("council_member", "Til regionsrådet"),
])
def test_what_needs_me_now_is_accessible_for_every_role(browser_context, request, follow_up, role, heading,
                                                        viewport):
    page = browser_context(viewport=viewport).new_page()
    log_in(page, request.getfixturevalue(role).username)
    page.goto("/")
    assert page.get_by_role("heading", name=heading).is_visible()
    assert page.get_by_text("Fristen er overskredet.").count() == (0 if role == "council_member" else 1)
    assert_accessible(page)
    if viewport == PHONE:
        assert_fits_phone(page)
