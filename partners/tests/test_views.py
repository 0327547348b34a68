import csv
import datetime
import io
import re

import pytest
from django.db import connection
from django.urls import reverse
from openpyxl import load_workbook

from accounts.tests.factories import UserFactory
from actionplans.models import CouncilTerm, Initiative
from actionplans.tests.factories import closed_round, make_plan
from audit.models import Event
from common.testing import longest_text
from partners import selectors
from partners.models import Field, Office, PartnerRegion, StatusDecision, StrategicTrack
from partners.services import record_status_decision
from strategy.models import Area

ROLES = ["area_editor", "international_office", "council_member", "administrator"]


def _region(code):
    return PartnerRegion.objects.get(code=code)


def _read_urls():
    shanghai, track = _region("shanghai"), StrategicTrack.objects.get(code="sundhed")
    return [reverse("partners:dashboard"), reverse("partners:region_detail", args=[shanghai.pk]),
            reverse("partners:region_print", args=[shanghai.pk]), reverse("partners:region_pdf", args=[shanghai.pk]),
            reverse("partners:export_csv"), reverse("partners:export_xlsx"), reverse("partners:track_list"),
            reverse("partners:track_detail", args=[track.pk])]


def _write_urls():
    shanghai, track = _region("shanghai"), StrategicTrack.objects.get(code="sundhed")
    return [reverse("partners:region_add"), reverse("partners:region_edit", args=[shanghai.pk]),
            reverse("partners:decision_add", args=[shanghai.pk]), reverse("partners:track_add"),
            reverse("partners:track_edit", args=[track.pk])]


def _key_figures(page: str) -> list[str]:
    return re.findall(r'<p class="figure-number mb-1">([^<]*)</p>', page)


def _map_section(page: str) -> str:
    return page.split('<section id="map"', 1)[1].split("</section>", 1)[0]


def _region_form(region, **changes):
    data = {
        "name_da": region.name_da, "name_en": region.name_en, "name_native": region.name_native,
        "code": region.code, "country": str(region.country.code), "kind": region.kind,
        "office": region.office_id or "", "fields": [f.pk for f in region.fields.all()],
        "cooperation_since": region.cooperation_since or "", "latitude": region.latitude or "",
        "longitude": region.longitude or "", "fact_sheet_da": region.fact_sheet_da,
        "fact_sheet_en": region.fact_sheet_en, "version": region.version,
    }
    if region.name_unknown:
        data["name_unknown"] = "on"
    data.update(changes)
    return data


def _track_form(track, **changes):
    data = {"name_da": track.name_da, "name_en": track.name_en, "code": track.code, "area": track.area_id or "",
            "department": track.department, "fields": [f.pk for f in track.fields.all()],
            "partner_regions": [r.pk for r in track.partner_regions.all()], "description_da": track.description_da,
            "description_en": track.description_en, "retired_on": "", "version": track.version}
    data.update(changes)
    return data


# --- Reading ------------------------------------------------------------------------------------

@pytest.mark.parametrize("user_fixture", ROLES)
def test_every_role_reads_every_page(client, request, user_fixture):
    client.force_login(request.getfixturevalue(user_fixture))
    for url in _read_urls():
        assert client.get(url).status_code == 200, url


def test_a_user_without_role_is_refused_and_a_visitor_must_log_in(client, starting_data):
    urls = _read_urls()
    for url in urls:
        assert client.get(url).status_code == 302, url
    client.force_login(UserFactory())
    for url in urls:
        assert client.get(url).status_code == 403, url


def test_dashboard_shows_figures_regions_map_and_charts(client, council_member):
    make_plan(Area.objects.get(code="sundhed"), CouncilTerm.objects.current())
    StrategicTrack.objects.get(code="sundhed").initiatives.add(*Initiative.objects.all())
    client.force_login(council_member)
    response = client.get("/en/partners/")
    page = response.content.decode()
    assert _key_figures(page)[:3] == ["3", "1", "2"]  # active strategic, under consideration, ended
    assert {r.code for r in response.context["page"].object_list} == {
        "shanghai", "gyor-moson-sopron", "bacs-kiskun", "nedre-schlesien", "rumaensk-venskabsregion",
        "leningrad-oblast"}
    for text in ["Shanghai", "Győr-Moson-Sopron County", "Lower Silesia", "Unnamed region in Romania",
                 "Leningrad Oblast", "Budapest office", "active strategic partners"]:
        assert text in page, text
    # The map: a marker per region with coordinates; the Romanian region has none and is listed instead.
    assert page.count('class="marker"') == 5
    assert "Not on the map (no coordinates recorded):" in page and "Unnamed region in Romania</a> (" in page
    assert page.count('role="img"') == 7  # the map, five charts, and the kinds of work (the links count none here)
    assert "<script" not in page and "style=" not in page
    assert "Natural Earth" in page


def test_dashboard_filters_live_in_the_url(client, council_member):
    client.force_login(council_member)
    budapest = Office.objects.get(code="budapest")
    response = client.get("/en/partners/", {"status": "active", "office": budapest.pk})
    assert [r.code for r in response.context["page"].object_list] == ["bacs-kiskun", "gyor-moson-sopron"]
    assert f"export.csv?status=active&amp;office={budapest.pk}" in response.content.decode()
    health = Area.objects.get(code="sundhed")
    health_field = Field.objects.get(code="sundhed")
    track = StrategicTrack.objects.get(code="sundhed")
    StrategicTrack.objects.filter(pk=track.pk).update(area=health)
    track.partner_regions.set(PartnerRegion.objects.filter(country="HU"))
    for region in PartnerRegion.objects.filter(country="HU"):
        region.fields.add(health_field)
    response = client.get("/en/partners/", {"area": health.pk, "field": health_field.pk, "country": "HU"})
    assert {r.code for r in response.context["page"].object_list} == {"gyor-moson-sopron", "bacs-kiskun"}
    assert "2 partner regions shown." in response.content.decode()


def test_a_change_shows_on_the_dashboard_at_the_next_request(client, council_member):
    """The figures, charts and map are cached until the data under them changes, however it changes."""
    client.force_login(council_member)
    assert _key_figures(client.get("/en/partners/").content.decode())[1:3] == ["1", "2"]
    record_status_decision(region=_region("leningrad-oblast"), status="ended", decided_on=datetime.date(2014, 3, 1),
                           reference="Regionsrådet 2014")
    response = client.get("/en/partners/")
    assert _key_figures(response.content.decode())[1:3] == ["0", "3"]
    assert "Leningrad Oblast: ended" in response.content.decode()  # its marker on the map
    with connection.cursor() as cursor:  # a write that goes round the portal's code
        cursor.execute("UPDATE partners_partnerregion SET status = 'paused' WHERE code = 'leningrad-oblast'")
    assert "Leningrad Oblast: paused" in client.get("/en/partners/").content.decode()


def test_the_dashboard_pages_its_regions_and_keeps_the_filters(client, council_member, grow_data):
    grow_data(regions=120, initiatives=0)
    client.force_login(council_member)
    everything = [r.pk for r in selectors.region_list({"kind": ["strategic"]})]
    response = client.get("/en/partners/", {"kind": "strategic"})
    page = response.content.decode()
    assert [r.pk for r in response.context["page"].object_list] == everything[:50]
    assert f"{len(everything)} partner regions shown. This is page 1 of 2: regions 1–50." in " ".join(page.split())
    assert '<a class="page-link" href="?kind=strategic&amp;page=2">Next</a>' in page
    response = client.get("/en/partners/", {"kind": "strategic", "page": 2})
    assert [r.pk for r in response.context["page"].object_list] == everything[50:]
    map_html = _map_section(response.content.decode())
    assert map_html.count('class="marker"') + map_html.count("</a> (") == len(everything)
    # A page number that is not one shows a page, not an error.
    for bad in ["abc", "999", "-1", "1\x00"]:
        assert client.get("/en/partners/", {"kind": "strategic", "page": bad}).status_code == 200


def test_the_map_of_many_regions_draws_one_shape_per_status(client, council_member, grow_data):
    grow_data(regions=400, initiatives=0)  # every tenth without coordinates
    client.force_login(council_member)
    map_html = _map_section(client.get("/en/partners/").content.decode())
    assert 'class="marker"' not in map_html
    counts = [int(n) for n in re.findall(r"<title>(\d+) partner regions: ", map_html)]
    placed = PartnerRegion.objects.filter(latitude__isnull=False).count()
    assert len(counts) == 4 and sum(counts) == placed == map_html.count("<use ")
    unplaced = PartnerRegion.objects.filter(latitude__isnull=True).count()
    assert map_html.count("</a> (") == 30 and f"and {unplaced - 30} more in the list." in map_html


@pytest.mark.parametrize("query", [
    {"status": "sleeping"}, {"office": "999999"}, {"area": "abc"}, {"country": "XX"}, {"kind": ["strategic", "x"]},
])
def test_bad_filters_give_a_clear_message_not_an_error(client, council_member, query):
    client.force_login(council_member)
    response = client.get("/en/partners/", query)
    assert response.status_code == 400
    assert "Some filters could not be used" in response.content.decode()
    # The other filters still apply; the invalid one is left out.
    assert len(response.context["page"].object_list) == 6
    assert client.get("/en/partners/export.csv", query).status_code == 400


def test_fact_sheet(client, council_member):
    plan = make_plan(Area.objects.get(code="sundhed"), CouncilTerm.objects.current(), goals=1, initiatives=2)
    Initiative.objects.filter(goal__plan=plan, position=1).update(status=Initiative.Status.COMPLETED)
    client.force_login(council_member)
    shanghai = _region("shanghai")
    page = client.get(f"/en/partners/{shanghai.pk}/").content.decode()
    # Active since the agreement of 2003 (known by its year only), kept by the council on 13-03-2013.
    for text in ["Shanghai", "上海市", "China", "strategic cooperation", "since 2003", "13/03/2013", "Shanghai office",
                 "Regionsrådets vedtagelse af koncernstrategien", "Sister-region agreement since 2003",
                 "Indsats 1.1", "Health", "Not stated in the sources", "Søsterregionsaftale med Shanghai, 2003",
                 f"/en/partners/{shanghai.pk}/factsheet.pdf"]:
        assert text in page, text
    assert "Indsats 1.2" not in page  # completed: not an active initiative
    silesia = _region("nedre-schlesien")
    page = client.get(f"/en/partners/{silesia.pk}/print/").content.decode()
    assert "20/11/2008" in page and "Samarbejdsaftale underskrevet 20-11-2008" in page
    assert page.index("13/03/2013") < page.index("20/11/2008")  # newest decision first


def test_fact_sheet_pdf(client, council_member):
    client.force_login(council_member)
    shanghai = _region("shanghai")
    response = client.get(reverse("partners:region_pdf", args=[shanghai.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="shanghai.pdf"'
    assert response.content.startswith(b"%PDF") and len(response.content) > 5000
    assert Event.objects.filter(action=Event.Action.EXPORT, object_id=str(shanghai.pk)).exists()


def test_the_fact_sheet_pdf_takes_the_longest_texts_allowed(client, council_member, settings):
    """A note of one letter a line is far taller than a page: it goes on over the next pages inside its row."""
    settings.PDF_TIME_LIMIT = 60  # two decisions with the longest notes: a long PDF on a busy test machine
    shanghai = _region("shanghai")
    PartnerRegion.objects.filter(pk=shanghai.pk).update(fact_sheet_da=longest_text(PartnerRegion, "fact_sheet_da"))
    StatusDecision.objects.filter(region=shanghai).update(note=longest_text(StatusDecision, "note", "x"))
    Office.objects.filter(pk=shanghai.office_id).update(description_da=longest_text(Office, "description_da"))
    client.force_login(council_member)
    response = client.get(reverse("partners:region_pdf", args=[shanghai.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF") and b"%%EOF" in response.content[-10:]


def test_a_fact_sheet_that_takes_too_long_is_given_up_for_the_print_view(client, settings, council_member):
    settings.PDF_TIME_LIMIT = 0.001
    shanghai = _region("shanghai")
    PartnerRegion.objects.filter(pk=shanghai.pk).update(fact_sheet_da=longest_text(PartnerRegion, "fact_sheet_da"))
    client.force_login(council_member)
    response = client.get(reverse("partners:region_pdf", args=[shanghai.pk]))
    assert response.status_code == 503
    assert f'href="{reverse("partners:region_print", args=[shanghai.pk])}"' in response.content.decode()


@pytest.fixture
def followed_up(starting_data):
    """Health's plan in force (four initiatives with Shanghai, purposes 1 and 2): a closed round, then the first
    initiative at risk, the second completed, the first two on the health track."""
    plan = make_plan(Area.objects.get(code="sundhed"), CouncilTerm.objects.current())
    closed_round()
    first, second, *_ = Initiative.objects.filter(goal__plan=plan).order_by("goal__position", "position")
    Initiative.objects.filter(pk=first.pk).update(status="at_risk", progress=30)
    Initiative.objects.filter(pk=second.pk).update(status="completed", progress=100)
    Initiative.objects.filter(pk__in=[first.pk, second.pk]).update(track=StrategicTrack.objects.get(code="sundhed"))
    return plan


def test_dashboard_shows_the_follow_up_in_english_and_danish(client, council_member, followed_up):
    client.force_login(council_member)
    page = client.get("/en/partners/").content.decode()
    follow_up = page[page.index('id="follow-up-heading"'):]
    # (30 + 100 + 10 + 10) / 4 = 38 % complete on average now, 10 % then; at risk or off track 0 then, 1 now.
    assert 'href="#follow-up"' in page
    for text in ["All initiatives in the plans in force", "By purpose",
                 "1. Development and growth", "4. ", "By strategic track", "Health", "Average progress (%)",
                 "10 % → 38 %", "0 → 1", "status round, status as of"]:
        assert text in follow_up, text
    regions = page[page.index('id="regions-heading"'):page.index('id="map-heading"')]
    assert "Initiatives in force by status" in regions
    assert "<li>Planned: 2</li><li>At risk: 1</li><li>Completed: 1</li><li>38 % complete on average</li>" in regions
    page = client.get("/partners/").content.decode()
    for text in ["Opfølgning", "Fordelt på formål", "1. Udvikling og vækst", "Fordelt på strategisk spor",
                 "Gældende indsatser fordelt på status", "<li>I risiko: 1</li>", "38 % fremdrift i gennemsnit",
                 "I risiko eller forsinket, før → nu"]:
        assert text in page, text


def test_fact_sheet_shows_the_regions_follow_up(client, council_member, followed_up):
    client.force_login(council_member)
    shanghai = _region("shanghai")
    page = client.get(f"/en/partners/{shanghai.pk}/").content.decode()
    follow_up = page[page.index(">Follow-up<"):page.index(">Active initiatives<")]
    for text in ["The initiatives in the plans in force that work with Shanghai, by status", "Now", "Then",
                 "Average progress (%)", "38 %", "10 %", "Overdue milestones", "Indicators off target"]:
        assert text in follow_up, text
    initiatives = page[page.index(">Active initiatives<"):]
    assert "Progress (%)" in initiatives and "initiative-status-at_risk" in initiatives and "30 %" in initiatives
    assert "Indsats 1.2" not in initiatives  # completed: counted above, not an active initiative
    page = client.get(f"/partners/{shanghai.pk}/print/").content.decode()
    for text in ["Opfølgning", "Indsatser i de gældende planer, der samarbejder med Shanghai, fordelt på status",
                 "Gennemsnitlig fremdrift (%)", "Før", "I risiko", "Fremdrift (%)"]:
        assert text in page, text
    response = client.get(reverse("partners:region_pdf", args=[shanghai.pk]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_fact_sheet_pdf_tells_the_figures_now_and_then(followed_up):
    from django.utils.translation import override

    from partners.exports import figures_rows

    context = selectors.region_detail(_region("shanghai").pk)
    with override("en"):
        rows = [[str(cell) for cell in row] for row in figures_rows(context["figures"], context["previous"])]
    assert rows[0][:2] == ["Figure", "Now"] and rows[0][2].startswith("Then (status as of ")
    assert rows[1] == ["Initiatives", "4", "4"]
    assert [row[0] for row in rows[2:8]] == ["Planned", "On track", "At risk", "Off track", "Completed",
                                             "Cancelled"]
    assert rows[8] == ["Average progress (%)", "38 %", "10 %"]
    with override("en"):
        assert [str(cell) for cell in figures_rows(context["figures"], None)[1]] == ["Initiatives", "4"]


def test_csv_export_of_the_filtered_list_in_english(client, council_member):
    client.force_login(council_member)
    response = client.get("/en/partners/export.csv", {"status": "active"})
    assert response["Content-Disposition"] == 'attachment; filename="partner-regions.csv"'
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    assert rows[0][:5] == ["Partner region", "Native name", "Country", "Kind of partnership", "Status"]
    assert sorted(r[0] for r in rows[1:]) == ["Bács-Kiskun County", "Győr-Moson-Sopron County", "Shanghai"]
    shanghai = next(r for r in rows if r[0] == "Shanghai")
    assert shanghai[2:6] == ["China", "strategic cooperation", "active", "2003"]
    assert shanghai[7] == ""  # the sources name the fields of the kept cooperations together, not Shanghai's
    bacs_kiskun = next(r for r in rows if r[0] == "Bács-Kiskun County")
    assert bacs_kiskun[5:8] == ["before 13/03/2013", "Budapest office (Office for Central and Eastern Europe)",
                                "Energy and environment"]


def test_xlsx_export_in_danish_guards_formulas(client, council_member):
    PartnerRegion.objects.filter(code="leningrad-oblast").update(name_native="=HYPERLINK(\"http://x\")")
    client.force_login(council_member)
    response = client.get(reverse("partners:export_xlsx"), {"status": "under_consideration"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 2
    assert rows[1][0] == "Leningrad Oblast"
    assert rows[1][1] == "'=HYPERLINK(\"http://x\")"


# --- Changing -----------------------------------------------------------------------------------

@pytest.mark.parametrize("user_fixture", ["council_member", "area_editor"])
def test_readers_see_no_edit_control_and_the_server_refuses_their_writes(client, request, user_fixture):
    client.force_login(request.getfixturevalue(user_fixture))
    shanghai, track = _region("shanghai"), StrategicTrack.objects.get(code="sundhed")
    pages = "".join(client.get(url).content.decode() for url in _read_urls()[:3] + _read_urls()[6:])
    for url in _write_urls():
        assert url not in pages, url
        assert client.get(url).status_code == 403, url
        assert client.post(url, {}).status_code == 403, url
    response = client.post(reverse("partners:region_edit", args=[shanghai.pk]), _region_form(shanghai, name_da="X"))
    assert response.status_code == 403
    response = client.post(reverse("partners:decision_add", args=[shanghai.pk]),
                           {"decided_on": "2024-01-01", "status": "ended", "reference": "Nej"})
    assert response.status_code == 403
    response = client.post(reverse("partners:track_edit", args=[track.pk]), _track_form(track, name_da="X"))
    assert response.status_code == 403
    shanghai.refresh_from_db()
    assert (shanghai.name_da, shanghai.status, shanghai.version) == ("Shanghai", "active", 1)
    assert StrategicTrack.objects.get(pk=track.pk).name_da == "Sundhed"
    assert Event.objects.filter(action=Event.Action.PERMISSION_DENIED).count() >= 5


@pytest.mark.parametrize("user_fixture", ["international_office", "administrator"])
def test_staff_see_the_edit_controls(client, request, user_fixture):
    client.force_login(request.getfixturevalue(user_fixture))
    shanghai = _region("shanghai")
    page = client.get(reverse("partners:region_detail", args=[shanghai.pk])).content.decode()
    assert reverse("partners:region_edit", args=[shanghai.pk]) in page
    assert reverse("partners:decision_add", args=[shanghai.pk]) in page
    for url in _write_urls():
        assert client.get(url).status_code == 200, url


def test_international_office_edits_a_region_and_the_status_stays(client, international_office):
    client.force_login(international_office)
    romania = _region("rumaensk-venskabsregion")
    response = client.post(reverse("partners:region_edit", args=[romania.pk]),
                           _region_form(romania, name_da="Alba", name_en="Alba County", latitude="46.07",
                                        longitude="23.58"))
    assert response.status_code == 302
    romania.refresh_from_db()
    assert (str(romania.name_en), romania.version, romania.status) == ("Alba County", 2, "ended")
    event = Event.objects.get(action=Event.Action.CHANGE, object_id=str(romania.pk))
    assert "name_da" in event.detail and "latitude" in event.detail
    assert romania.history.count() >= 2


def test_a_stale_edit_is_refused_and_keeps_the_input(client, international_office):
    client.force_login(international_office)
    shanghai = _region("shanghai")
    url = reverse("partners:region_edit", args=[shanghai.pk])
    assert client.post(url, _region_form(shanghai, name_en="Shanghai Municipality")).status_code == 302
    response = client.post("/en" + url, _region_form(shanghai, name_en="Shanghai City"))  # still version 1
    assert response.status_code == 409
    page = response.content.decode()
    assert "Someone else saved this meanwhile" in page
    assert 'value="Shanghai City"' in page and 'name="version" value="2"' in page
    assert _region("shanghai").name_en == "Shanghai Municipality"
    # Saving again on purpose overwrites.
    assert client.post(url, _region_form(shanghai, name_en="Shanghai City", version=2)).status_code == 302
    assert _region("shanghai").name_en == "Shanghai City"


def test_an_invalid_region_is_refused_with_the_reason(client, international_office):
    client.force_login(international_office)
    shanghai = _region("shanghai")
    response = client.post("/en" + reverse("partners:region_edit", args=[shanghai.pk]),
                           _region_form(shanghai, latitude="", longitude="121"))
    assert response.status_code == 400
    assert "Give both latitude" in response.content.decode()


def test_international_office_adds_a_region_and_records_a_decision(client, international_office):
    client.force_login(international_office)
    response = client.post(reverse("partners:region_add"), {
        "name_da": "Skåne", "name_en": "Scania", "name_native": "Skåne län", "code": "skane", "country": "SE",
        "kind": "strategic", "fields": [Field.objects.get(code="sundhed").pk], "latitude": "55.6",
        "longitude": "13.0"})
    assert response.status_code == 302
    scania = _region("skane")
    assert (scania.status, scania.status_changed_on) == ("under_consideration", None)
    response = client.post(reverse("partners:decision_add", args=[scania.pk]), {
        "decided_on": "2024-05-02", "status": "active", "reference": "Regionsrådets møde 2. maj 2024", "note": ""})
    assert response.status_code == 302
    scania.refresh_from_db()
    assert (scania.status, scania.status_changed_on) == ("active", datetime.date(2024, 5, 2))
    decision = StatusDecision.objects.get(region=scania)
    assert decision.recorded_by == international_office
    # The same decision twice on a day is refused with the model's message.
    response = client.post("/en" + reverse("partners:decision_add", args=[scania.pk]), {
        "decided_on": "2024-05-02", "status": "active", "reference": "Igen"})
    assert response.status_code == 400
    assert "already recorded for that day" in response.content.decode()
    page = client.get("/en/partners/?status=active").content.decode()
    assert "Scania" in page


def test_international_office_edits_and_adds_tracks(client, international_office):
    client.force_login(international_office)
    track = StrategicTrack.objects.get(code="uddannelse")
    leningrad = _region("leningrad-oblast")
    regions = [r.pk for r in track.partner_regions.all()] + [leningrad.pk]
    response = client.post(reverse("partners:track_edit", args=[track.pk]),
                           _track_form(track, department="Uddannelse og Job", partner_regions=regions))
    assert response.status_code == 302
    track.refresh_from_db()
    assert (track.department, track.version, track.partner_regions.count()) == ("Uddannelse og Job", 2, 1)
    stale = client.post(reverse("partners:track_edit", args=[track.pk]), _track_form(track, version=1))
    assert stale.status_code == 409
    response = client.post(reverse("partners:track_add"), {
        "name_da": "Kultur", "name_en": "Culture", "code": "kultur", "area": Area.objects.get(code="stabe").pk,
        "partner_regions": [leningrad.pk]})
    assert response.status_code == 302
    culture = StrategicTrack.objects.get(code="kultur")
    assert list(culture.partner_regions.all()) == [leningrad]
    page = client.get(reverse("partners:track_detail", args=[culture.pk])).content.decode()
    assert "Leningrad Oblast" in page
    assert Event.objects.filter(action=Event.Action.CREATE, object_id=str(culture.pk)).exists()


# --- Queries do not grow with the data ----------------------------------------------------------

@pytest.mark.parametrize(("regions", "initiatives"), [(10, 10), (1000, 10_000)])
def test_pages_take_the_same_queries_at_any_size(client, council_member, grow_data, django_assert_num_queries,
                                                 regions, initiatives):
    grow_data(regions=regions, initiatives=initiatives)
    client.force_login(council_member)
    shanghai, track = _region("shanghai"), StrategicTrack.objects.get(code="sundhed")
    office, health = Office.objects.get(code="budapest"), Area.objects.get(code="sundhed")
    # A track owned by the area filtered on, with the regions of the office filtered on (the starting data's
    # tracks have no owner: the sources name none).
    StrategicTrack.objects.filter(pk=track.pk).update(area=health)
    track.partner_regions.set(PartnerRegion.objects.filter(office=office))
    # Every page: the session, the user, the user's permissions (own and groups'), the user's groups (for the
    # navigation), and saving the session (savepoint, update, release): 8.
    # Dashboard: the filters' countries and the chosen offices and areas; the regions with their fields, the
    # tracks, the areas, the tracks' and the initiatives' links; the key figures (2); by partner (2), area,
    # purpose and track; by office, coordination partner, supported plan and kind of work; the decisions; the
    # offices, fields and areas offered as filters; the follow-up: the roll-up's six (the initiatives with their
    # latest update, their purposes, their partner regions, the overdue milestones, the indicators, their latest
    # values), the previous round's figures, the purposes and the tracks; the count of regions, their active
    # initiatives, the regions for the map, and the data version twice (the figures, the map).
    filters = {"status": ["active", "paused"], "office": office.pk, "area": health.pk}
    with django_assert_num_queries(46):
        assert client.get(reverse("partners:dashboard"), filters).status_code == 200
    # Again: the figures, the charts and the map come from the cache (the data version is read for each).
    with django_assert_num_queries(24):
        assert client.get(reverse("partners:dashboard"), filters).status_code == 200
    # Export: the countries; the regions with fields, their active initiatives, the tracks, the areas, the tracks'
    # and initiatives' links; the audit event. No navigation: 7 for every page.
    with django_assert_num_queries(16):
        assert client.get(reverse("partners:export_csv"), {"kind": "strategic"}).status_code == 200
    # Fact sheet: the region with its office; its fields, tracks (with areas) and decisions; its initiatives; the
    # roll-up's six of the initiatives in force with the region and the previous round's figures.
    with django_assert_num_queries(20):
        assert client.get(reverse("partners:region_detail", args=[shanghai.pk])).status_code == 200
    with django_assert_num_queries(20):  # the same, and the audit event instead of the navigation
        assert client.get(reverse("partners:region_pdf", args=[shanghai.pk])).status_code == 200
    with django_assert_num_queries(10):  # the tracks with their counts, their fields
        assert client.get(reverse("partners:track_list")).status_code == 200
    # The track with its area; its fields and regions; its initiatives and their regions.
    with django_assert_num_queries(13):
        assert client.get(reverse("partners:track_detail", args=[track.pk])).status_code == 200
