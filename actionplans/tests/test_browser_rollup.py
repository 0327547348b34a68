"""The follow-up on the plan page and the plans overview, as a council member reads it in Chromium: accessible,
readable on a phone, in Danish and English."""

import datetime

import pytest
from django.utils import timezone

from actionplans import services
from actionplans.models import Indicator, Initiative, Milestone
from actionplans.tests.factories import closed_round
from common.testing import PHONE, assert_accessible, assert_fits_phone, log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def followed_up(current_plan, area_editor):
    """Health's plan after a closed round: the first initiative then reported at risk with a long narrative, an
    indicator off target and an overdue milestone."""
    closed_round()
    first = Initiative.objects.filter(goal__plan=current_plan).order_by("goal__position", "position").first()
    today = timezone.localdate()
    indicator = services.add_indicator(indicator=Indicator(
        initiative=first, name="Udvekslede fysioterapeuter", baseline=0, target=10,
        target_on=first.starts_on + datetime.timedelta(days=30)), by=area_editor)
    services.add_milestone(milestone=Milestone(initiative=first, title="Aftale underskrevet",
                                               due_on=today - datetime.timedelta(days=3)), by=area_editor)
    services.record_status_update(initiative=first, as_of=today, status="at_risk", progress=45,
                                  narrative="Udvekslingen er udskudt til foråret. " * 20, seen_update=None,
                                  by=area_editor, values={indicator: 2})
    return current_plan


def test_the_follow_up_reads_well_on_a_phone(browser_context, council_member, followed_up):
    page = browser_context(viewport=PHONE).new_page()
    log_in(page, council_member.username)
    for url in ["/plans/", f"/plans/{followed_up.pk}/", f"/plans/{followed_up.pk}/print/", "/en/plans/"]:
        page.goto(url)
        assert_fits_phone(page)
        assert_accessible(page)


def test_council_member_reads_the_plans_follow_up(page, council_member, followed_up):
    log_in(page, council_member.username)
    page.goto("/plans/")
    table = page.get_by_role("table", name="Indsatserne i hvert arbejdsområdes gældende plan fordelt på status")
    assert table.get_by_role("row", name="Sundhed").is_visible()
    page.get_by_role("link", name="Sundhed", exact=True).last.click()
    assert page.get_by_role("heading", name="Opfølgning").is_visible()
    table = page.get_by_role("table", name="Planens indsatser fordelt på status, pr. mål")
    assert table.get_by_role("columnheader", name="I risiko eller forsinket, før → nu").is_visible()
    assert "0 → 1" in table.get_by_role("row", name="Hele planen").inner_text()
    page.get_by_role("link", name="Mål 1: Mål 1").click()
    assert page.get_by_text("Aftale underskrevet").is_visible()
    assert page.locator("strong", has_text="forsinket").is_visible()
    assert_accessible(page)
