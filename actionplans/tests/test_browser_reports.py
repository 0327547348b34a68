"""A council member reads the latest status report, as they click it in Chromium."""

import datetime

import pytest
from django.utils import timezone

from actionplans.models import Initiative
from actionplans.tests.factories import make_plan, reporting_round
from common.testing import PHONE, assert_accessible, assert_fits_phone, log_in

pytestmark = pytest.mark.browser


def test_council_member_opens_the_latest_report_from_the_home_page_and_downloads_its_pdf(
        browser_context, council_member, health, current_term):
    plan = make_plan(health, current_term)
    first, second, third, _fourth = Initiative.objects.filter(goal__plan=plan).order_by("goal__position", "position")
    today = timezone.localdate()
    reporting_round(today - datetime.timedelta(days=60), [(first, "on_track", 20, ""), (second, "on_track", 10, "")])
    latest = reporting_round(today - datetime.timedelta(days=30), [
        (first, "at_risk", 30, "Partneren har udskudt den fælles workshop til foråret."),
        (second, "off_track", 10, "Ingen ansøgere til udvekslingen endnu."),
        (third, "on_track", 50, "")])
    page = browser_context(viewport=PHONE).new_page()
    log_in(page, council_member.username)
    page.goto("/")
    page.get_by_role("link", name=f"Statusrapport: {latest}").click()
    assert page.get_by_role("heading", level=1, name=str(latest)).is_visible()
    assert page.get_by_text("2 indsatser i risiko eller forsinket").is_visible()
    concerns = page.get_by_role("table", name="Indsatser i risiko eller forsinket")
    assert concerns.get_by_role("cell", name="Partneren har udskudt den fælles workshop til foråret.").is_visible()
    assert concerns.get_by_role("cell", name="Forsinket", exact=True).count() == 1
    # The status changes since the first round: each initiative was on track (or planned) then.
    assert page.get_by_role("cell", name="Følger planen", exact=True).first.is_visible()
    assert_accessible(page)
    assert_fits_phone(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="PDF").click()
    assert download.value.suggested_filename == f"statusrapport-{latest.as_of.isoformat()}.pdf"
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(4) == b"%PDF"
