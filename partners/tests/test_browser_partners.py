"""The partner dashboard, fact sheets and tracks, as a council member and the International Office click them
in Chromium."""

import pytest

from actionplans.models import CouncilTerm, Initiative
from actionplans.tests.factories import make_plan
from common.testing import PHONE, assert_accessible, assert_fits_phone, log_in
from partners.models import PartnerRegion, StatusDecision, StrategicTrack
from strategy.models import Area

pytestmark = pytest.mark.browser


@pytest.fixture
def plan(starting_data):
    plan = make_plan(Area.objects.get(code="sundhed"), CouncilTerm.objects.current())
    StrategicTrack.objects.get(code="sundhed").initiatives.add(*Initiative.objects.filter(goal__plan=plan))
    return plan


def test_council_member_filters_the_dashboard_opens_a_fact_sheet_and_downloads_its_pdf(page, council_member, plan):
    log_in(page, council_member.username)
    page.goto("/en/partners/")
    assert_accessible(page)
    page.get_by_text("Filters", exact=True).click()
    page.get_by_role("group", name="Status").get_by_label("ended", exact=True).check()
    page.get_by_role("group", name="Country").get_by_label("Poland", exact=True).check()
    page.get_by_role("button", name="Show").click()
    assert "status=ended" in page.url and "country=PL" in page.url
    rows = page.locator(".region-table tbody tr")
    assert rows.count() == 1
    assert "Lower Silesia" in rows.first.inner_text()
    assert page.get_by_text("1 partner region shown.").is_visible()
    assert_accessible(page)
    # Read only: no edit control anywhere.
    assert page.get_by_role("link", name="Add partner region").count() == 0
    page.get_by_role("link", name="Lower Silesia").click()
    assert page.get_by_role("heading", name="Lower Silesia", level=1).is_visible()
    assert page.get_by_role("cell", name="Samarbejdsaftale underskrevet 20-11-2008").is_visible()
    assert page.get_by_role("link", name="Edit partner region").count() == 0
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Fact sheet (PDF)").click()
    assert download.value.suggested_filename == "nedre-schlesien.pdf"
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(4) == b"%PDF"
    page.get_by_role("link", name="Print layout").click()
    assert page.get_by_role("heading", name="Lower Silesia").is_visible()
    assert_accessible(page)


def test_map_and_charts_render_without_script(page, council_member, plan):
    log_in(page, council_member.username)
    page.goto("/en/partners/")
    assert page.locator("script").count() == 0
    map_svg = page.get_by_role("img", name="Map of all partner regions that match the filters, by status")
    box = map_svg.bounding_box()
    assert box["width"] > 600 and box["height"] > 200
    # Three active regions (circles), one under consideration and one ended with coordinates (polygons).
    assert map_svg.locator("circle.marker").count() == 3
    assert map_svg.locator("polygon.marker").count() == 2
    assert map_svg.locator("text", has_text="Shanghai").is_visible()
    assert page.get_by_text("Unnamed region in Romania").first.is_visible()
    for name in ["by area", "by purpose", "by strategic track", "by partner region", "by status at the end"]:
        chart = page.get_by_role("img", name=name)
        assert chart.bounding_box()["height"] > 20, name
    # The numbers behind a chart, as a table.
    page.get_by_text("The numbers as a table").first.click()
    assert page.get_by_role("table", name="Active initiatives by area").get_by_role("row", name="Health 4").is_visible()
    assert_accessible(page)


@pytest.mark.parametrize("path", ["/en/partners/", "/partners/{pk}/", "/partners/tracks/"])
def test_pages_fit_a_phone(browser_context, council_member, plan, path):
    page = browser_context(viewport=PHONE).new_page()
    log_in(page, council_member.username)
    page.goto(path.format(pk=PartnerRegion.objects.get(code="shanghai").pk))
    assert_fits_phone(page)
    assert_accessible(page)


def test_international_office_records_a_decision_and_edits_a_track(page, international_office):
    leningrad = PartnerRegion.objects.get(code="leningrad-oblast")
    log_in(page, international_office.username)
    page.goto(f"/en/partners/{leningrad.pk}/")
    page.get_by_role("link", name="Record a status decision").click()
    assert_accessible(page)
    page.get_by_label("Decided on").fill("2014-02-01")
    page.get_by_label("Status").select_option("ended")
    page.get_by_label("Reference").fill("Regionsrådets møde 1. februar 2014")
    page.get_by_role("button", name="Save").click()
    assert page.get_by_text("The decision was recorded.").is_visible()
    assert page.get_by_role("cell", name="Regionsrådets møde 1. februar 2014").is_visible()
    assert StatusDecision.objects.filter(region=leningrad).count() == 2
    page.get_by_role("link", name="Edit partner region").click()
    assert_accessible(page)
    page.goto("/en/partners/tracks/")
    assert_accessible(page)
    page.get_by_role("link", name="Education").click()
    assert_accessible(page)
    page.get_by_role("link", name="Edit strategic track").click()
    assert_accessible(page)
    page.get_by_label("Department").fill("Uddannelse og Job")
    page.get_by_role("button", name="Save").click()
    assert page.get_by_text("The strategic track was saved.").is_visible()
    assert page.get_by_text("Uddannelse og Job").is_visible()


def test_council_member_pages_through_many_regions_with_the_filter_kept(page, council_member, grow_data):
    grow_data(regions=300, initiatives=0)  # more than the map draws one by one
    log_in(page, council_member.username)
    page.goto("/en/partners/?kind=strategic")
    shown = PartnerRegion.objects.filter(kind="strategic").count()
    assert page.get_by_text(f"{shown} partner regions shown.").is_visible()
    assert page.locator("#map use").count() == PartnerRegion.objects.filter(kind="strategic",
                                                                          latitude__isnull=False).count()
    assert_accessible(page)
    page.get_by_role("navigation", name="Pages of partner regions").get_by_role("link", name="Next").click()
    assert "kind=strategic" in page.url and "page=2" in page.url
    assert page.get_by_text("This is page 2 of").is_visible()
    assert page.locator("table.region-table tbody tr").count() == 50
    assert_fits_phone(page)
