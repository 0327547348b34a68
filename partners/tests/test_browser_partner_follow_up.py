"""The follow-up on the partner dashboard and a fact sheet, as a council member reads it in Chromium."""

import pytest

from actionplans.models import CouncilTerm, Initiative
from actionplans.tests.factories import closed_round, make_plan
from common.testing import PHONE, assert_accessible, assert_fits_phone, log_in
from partners.models import PartnerRegion, StrategicTrack
from strategy.models import Area

pytestmark = pytest.mark.browser


@pytest.fixture
def followed_up(starting_data):
    plan = make_plan(Area.objects.get(code="sundhed"), CouncilTerm.objects.current())
    initiatives = Initiative.objects.filter(goal__plan=plan)
    StrategicTrack.objects.get(code="sundhed").initiatives.add(*initiatives)
    closed_round()
    Initiative.objects.filter(pk=initiatives.first().pk).update(status="off_track", progress=35)
    return plan


@pytest.mark.parametrize("path", ["/partners/", "/en/partners/{pk}/", "/partners/{pk}/print/"])
def test_the_follow_up_reads_well_on_a_phone(browser_context, council_member, followed_up, path):
    page = browser_context(viewport=PHONE).new_page()
    log_in(page, council_member.username)
    page.goto(path.format(pk=PartnerRegion.objects.get(code="shanghai").pk))
    assert_fits_phone(page)
    assert_accessible(page)


def test_council_member_reads_the_follow_up_per_purpose_track_and_region(page, council_member, followed_up):
    log_in(page, council_member.username)
    page.goto("/en/partners/")
    page.get_by_role("link", name="Follow-up", exact=True).click()
    purposes = page.get_by_role("table", name="Initiatives in the plans in force by status, per purpose")
    assert "0 → 1" in purposes.get_by_role("row", name="1. Development and growth").inner_text()
    tracks = page.get_by_role("table", name="Initiatives in the plans in force by status, per strategic track")
    assert tracks.get_by_role("row", name="Health").is_visible()
    shanghai = page.locator(".region-table tbody tr", has_text="Shanghai")
    assert "Off track: 1" in shanghai.inner_text()
    assert_accessible(page)
    shanghai.get_by_role("link", name="Shanghai").click()
    figures = page.get_by_role("table", name="The initiatives in the plans in force that work with Shanghai")
    assert figures.get_by_role("row", name="Off track").inner_text().split() == ["Off", "track", "1", "0"]
    assert_accessible(page)
