"""The council's status report of a reporting round: its page, print view, PDF and spreadsheet."""

import datetime
import io
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from actionplans import services
from actionplans.models import Indicator, IndicatorValue, Initiative, Milestone, ReportingRound, StatusUpdate
from actionplans.tests.factories import make_initiative, make_plan, reporting_round
from audit.models import Event
from strategy.models import Area

TODAY = timezone.localdate()
NARRATIVE = "Partneren i Shanghai har udskudt workshoppen til foråret; budgettet skal genforhandles."
OUTPUTS = ["actionplans:round_report", "actionplans:round_report_print", "actionplans:round_report_pdf",
           "actionplans:round_report_xlsx"]


def _initiatives(plan):
    return list(Initiative.objects.filter(goal__plan=plan).order_by("goal__position", "position"))


@pytest.fixture
def plan(health, current_term):
    """Health's plan in force: two goals (purposes 1 and 2) of two initiatives each."""
    return make_plan(health, current_term)


@pytest.fixture
def closed_round(plan, international_office):
    """A closed round: one initiative at risk with a narrative, one off track, one on track, one not reported;
    an overdue milestone and an indicator with a value."""
    first, second, third, _fourth = _initiatives(plan)
    services.add_milestone(milestone=Milestone(initiative=first, title="Samarbejdsaftale underskrevet",
                                               due_on=datetime.date(2026, 3, 1)), by=international_office)
    indicator = services.add_indicator(indicator=Indicator(
        initiative=second, name="Udvekslede medarbejdere", unit="personer", baseline=Decimal(0), target=Decimal(40),
        target_on=datetime.date(2029, 12, 31)), by=international_office)
    opened = reporting_round(TODAY - datetime.timedelta(days=30), [
        (first, "at_risk", 20, NARRATIVE),
        (third, "on_track", 50, "Alt kører."),
    ], close=False, by=international_office)
    services.record_status_update(initiative=second, as_of=opened.as_of, status="off_track", progress=5,
                                  narrative="Ingen ansøgere endnu.", seen_update=None, by=international_office,
                                  values={indicator: Decimal("2.5")})
    return services.close_round(reporting_round=opened, by=international_office)


@pytest.fixture
def open_round(closed_round, plan, international_office):
    """An open round after the closed one: the second initiative now on track, the first not reported yet."""
    second = _initiatives(plan)[1]
    return reporting_round(TODAY, [(second, "on_track", 30, "Tre ansøgere.")], close=False, by=international_office)


def _get(client, name, pk, lang="da"):
    with translation.override(lang):
        url = reverse(name, args=[pk])
    response = client.get(url)
    assert response.status_code == 200, name
    return response


def _texts(response) -> str:
    """What an output says, whichever it is: HTML, or every cell of every sheet."""
    if response["Content-Type"].startswith("text/html"):
        return response.content.decode()
    workbook = load_workbook(io.BytesIO(response.content))
    return "\n".join(str(cell.value) for sheet in workbook for row in sheet.iter_rows() for cell in row
                     if cell.value is not None)


# --- What the report says ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "words"), [
    ("da", ["Status pr.", "Sundhed", "Højt fagligt niveau", "I risiko", "Forsinket",
            "Samarbejdsaftale underskrevet", "Udvekslede medarbejdere", "ikke på kurs",
            "Der er ingen tidligere lukket statusrunde at sammenligne med."]),
    ("en", ["Status as of", "Health", "High professional level", "At risk", "Off track",
            "Samarbejdsaftale underskrevet", "Udvekslede medarbejdere", "off target",
            "There is no earlier closed round to compare with."]),
])
def test_a_closed_rounds_page_print_view_and_spreadsheet_say_the_same(client, council_member, closed_round, lang,
                                                                      words):
    client.force_login(council_member)
    for name in ["actionplans:round_report", "actionplans:round_report_print", "actionplans:round_report_xlsx"]:
        text = _texts(_get(client, name, closed_round.pk, lang))
        for word in words + [NARRATIVE, "Ingen ansøgere endnu."]:
            assert word in text, (name, word)
        assert "Alt kører." not in text  # on track: not among the concerns
        assert ("Foreløbig" in text or "Preliminary" in text) is False


def test_the_page_shows_each_section_as_a_table_with_caption_and_headers(client, council_member, closed_round):
    client.force_login(council_member)
    page = _get(client, "actionplans:round_report", closed_round.pk).content.decode()
    assert page.count("<caption") == 5  # by area, by purpose, concerns, milestones, indicators
    assert '<th scope="row">Sundhed</th>' in page
    assert '<th scope="row">Alle arbejdsområder</th>' in page
    assert '<th scope="row">2. Højt fagligt niveau</th>' in page
    assert '<th scope="row">Indsats 1.1</th>' in page
    assert "2,5" in page and "40" in page  # the indicator's actual value and target, in Danish notation
    # Four initiatives due: one on track, one at risk, one off track, one planned; 1 overdue milestone.
    context = _get(client, "actionplans:round_report", closed_round.pk).context
    assert context["total"]["total"] == 4
    assert context["total"]["by_status"] == [1, 1, 1, 1, 0, 0]
    assert [c["title"] for c in context["concerns"]] == ["Indsats 1.1", "Indsats 1.2"]
    assert context["concerns"][0]["narrative"] == NARRATIVE
    assert [i["on_target_text"] for i in context["indicators"]] == ["ikke på kurs"]


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_pdf_of_a_closed_round(client, council_member, closed_round, lang):
    client.force_login(council_member)
    response = _get(client, "actionplans:round_report_pdf", closed_round.pk, lang)
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert f'filename="statusrapport-{closed_round.as_of.isoformat()}.pdf"' in response["Content-Disposition"]


def test_long_narratives_flow_over_pages_in_the_pdf(client, council_member, plan, international_office):
    initiatives = _initiatives(plan)
    closed = reporting_round(TODAY - datetime.timedelta(days=30),
                             [(i, "off_track", 10, ("Lang beskrivelse. " * 120)[:2000]) for i in initiatives],
                             by=international_office)
    client.force_login(council_member)
    pdf = _get(client, "actionplans:round_report_pdf", closed.pk).content
    assert pdf.startswith(b"%PDF")
    assert len(re.findall(rb"/Type /Page\b(?!s)", pdf)) >= 2


@pytest.mark.parametrize("lang", ["da", "en"])
def test_an_open_rounds_report_is_computed_now_and_marked_preliminary(client, council_member, open_round, lang):
    client.force_login(council_member)
    preliminary = {"da": "Foreløbig rapport", "en": "Preliminary report"}[lang]
    for name in ["actionplans:round_report", "actionplans:round_report_print", "actionplans:round_report_xlsx"]:
        text = _texts(_get(client, name, open_round.pk, lang))
        assert preliminary in text, name
        assert "Ingen ansøgere endnu." not in text  # the second initiative is on track now
        assert NARRATIVE in text  # the first is still at risk, from the closed round's update
    pdf = _get(client, "actionplans:round_report_pdf", open_round.pk, lang)
    assert pdf.content.startswith(b"%PDF")
    assert ReportingRound.objects.get(pk=open_round.pk).report is None  # reading it freezes nothing


def test_an_open_rounds_report_shows_a_new_update_at_the_next_request(client, council_member, open_round):
    client.force_login(council_member)
    assert "Partneren har trukket sig." not in _texts(_get(client, "actionplans:round_report", open_round.pk, "da"))
    initiative = Initiative.objects.in_force().first()
    StatusUpdate.objects.create(initiative=initiative, round=open_round, as_of=open_round.as_of, status="off_track",
                                progress=5, narrative="Partneren har trukket sig.")
    assert "Partneren har trukket sig." in _texts(_get(client, "actionplans:round_report", open_round.pk, "da"))


def test_the_exports_are_audited_and_the_page_is_not(client, council_member, closed_round):
    client.force_login(council_member)
    before = Event.objects.filter(action=Event.Action.EXPORT).count()
    for name in OUTPUTS:
        _get(client, name, closed_round.pk)
    events = Event.objects.filter(action=Event.Action.EXPORT).order_by("id")[before:]
    assert [(e.detail, e.object_id, e.user) for e in events] == [
        (f"report {fmt}", str(closed_round.pk), council_member) for fmt in ("print", "pdf", "xlsx")]


def test_spreadsheet_cells_cannot_become_formulas(client, council_member, plan, international_office):
    closed = reporting_round(TODAY - datetime.timedelta(days=30),
                             [(_initiatives(plan)[0], "at_risk", 10, "=HYPERLINK(\"http://x\")")],
                             by=international_office)
    client.force_login(council_member)
    workbook = load_workbook(io.BytesIO(_get(client, "actionplans:round_report_xlsx", closed.pk).content))
    cells = [cell.value for sheet in workbook for row in sheet.iter_rows() for cell in row]
    assert "'=HYPERLINK(\"http://x\")" in cells
    assert workbook.sheetnames == ["Oversigt", "I risiko eller forsinket", "Overskredne milepæle", "Indikatorer",
                                   "Ændringer"]


# --- A closed round's report never changes ------------------------------------------------------------------


def test_a_closed_rounds_report_does_not_change_when_plans_change(client, council_member, plan, closed_round,
                                                                  international_office):
    frozen = ReportingRound.objects.get(pk=closed_round.pk).report
    client.force_login(council_member)
    before = _get(client, "actionplans:round_report", closed_round.pk).context
    first, second, _third, fourth = _initiatives(plan)
    # Later, without a round: the first is back on track, the second completed, the fourth removed, a new
    # initiative added and the area renamed.
    services.record_status_update(initiative=first, as_of=TODAY, status="on_track", progress=60,
                                  narrative="Workshoppen er holdt.", by=international_office,
                                  seen_update=first.status_updates.order_by("-as_of", "-id").first().pk)
    services.record_status_update(initiative=second, as_of=TODAY, status="completed", progress=100, narrative="",
                                  by=international_office,
                                  seen_update=second.status_updates.order_by("-as_of", "-id").first().pk)
    services.remove_item(item=fourth, expected_version=fourth.version, reason="Droppet", by=international_office)
    make_initiative(first.goal, "Ny indsats efter runden")
    Area.objects.filter(code="sundhed").update(name_da="Sundhed og hospitaler")

    assert ReportingRound.objects.get(pk=closed_round.pk).report == frozen
    after = _get(client, "actionplans:round_report", closed_round.pk)
    for key in ["by_area", "by_purpose", "total", "concerns", "overdue_milestones", "indicators", "changes"]:
        assert after.context[key] == before[key], key
    page = after.content.decode()
    assert NARRATIVE in page and "Ingen ansøgere endnu." in page
    assert "Workshoppen er holdt." not in page and "Ny indsats efter runden" not in page
    assert '<th scope="row">Sundhed</th>' in page
    text = _texts(_get(client, "actionplans:round_report_xlsx", closed_round.pk))
    assert NARRATIVE in text and "Workshoppen er holdt." not in text


# --- Changes since the previous round ----------------------------------------------------------------------


def test_changes_since_the_previous_round(client, council_member, plan, international_office):
    first, second, third, fourth = _initiatives(plan)
    earlier = reporting_round(TODAY - datetime.timedelta(days=60), [
        (first, "on_track", 20, ""), (second, "on_track", 20, ""), (third, "on_track", 20, ""),
        (fourth, "on_track", 20, "")], by=international_office)
    services.remove_item(item=fourth, expected_version=fourth.version, reason="Droppet", by=international_office)
    added = make_initiative(first.goal, "Ny indsats om telemedicin")
    later = reporting_round(TODAY - datetime.timedelta(days=30), [
        (first, "off_track", 25, "Projektlederen er stoppet."), (second, "on_track", 40, ""),
        (added, "on_track", 5, "")], by=international_office)
    client.force_login(council_member)
    context = _get(client, "actionplans:round_report", later.pk).context
    assert context["previous"] == {"id": earlier.pk, "as_of": earlier.as_of}
    assert context["changes"] == {
        "new": [{"title": "Ny indsats om telemedicin", "area": "Sundhed"}],
        "ended": [{"title": "Indsats 2.2", "area": "Sundhed"}],
        "status": [{"title": "Indsats 1.1", "area": "Sundhed", "before": "Følger planen", "now": "Forsinket"}],
    }
    page = _get(client, "actionplans:round_report", later.pk, "en").content.decode()
    assert "Changes since the previous round" in page
    assert reverse("actionplans:round_report", args=[earlier.pk]) in page
    assert "<td>On track</td><td>Off track</td>" in page
    text = _texts(_get(client, "actionplans:round_report_xlsx", later.pk, "en"))
    for words in ["New", "Ny indsats om telemedicin", "Ended", "Indsats 2.2", "Status changed", "Off track"]:
        assert words in text
    # The first round has nothing to compare with.
    first_page = _get(client, "actionplans:round_report", earlier.pk).content.decode()
    assert "Der er ingen tidligere lukket statusrunde at sammenligne med." in first_page


# --- SQL queries ------------------------------------------------------------------------------------------------

ACTIVE = ["on_track", "at_risk", "off_track"]


def _grow(goal, count: int, reporting_round_: ReportingRound) -> None:
    """`count` initiatives reported in the open round, in bulk: a third at risk, a third off track, each with a
    narrative; every fifth with an overdue milestone, every third with an indicator and its value."""
    initiatives = Initiative.objects.bulk_create([
        Initiative(goal=goal, title=f"Bulk {reporting_round_.pk}.{n}", owner="Bulk", starts_on=goal.plan.term.starts_on,
                   status=ACTIVE[n % 3], progress=n % 100, position=100 + n) for n in range(count)])
    updates = StatusUpdate.objects.bulk_create([
        StatusUpdate(initiative=i, round=reporting_round_, as_of=reporting_round_.as_of, status=i.status,
                     progress=i.progress, narrative=f"Beskrivelse af {i.title}") for i in initiatives])
    Milestone.objects.bulk_create([Milestone(initiative=i, title=f"Milepæl {i.title}", due_on=datetime.date(2026, 2, 1))
                                   for i in initiatives[::5]])
    indicators = Indicator.objects.bulk_create([
        Indicator(initiative=i, name=f"Indikator {i.title}", baseline=0, target=10, target_on=datetime.date(2029, 1, 1))
        for i in initiatives[::3]])
    by_initiative = {u.initiative_id: u for u in updates}
    IndicatorValue.objects.bulk_create([IndicatorValue(update=by_initiative[i.initiative_id], indicator=i, value=3)
                                        for i in indicators])


def _queries(client, pk) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("actionplans:round_report", args=[pk]))
    assert response.status_code == 200
    return len(queries)


def test_the_report_page_takes_the_same_queries_at_10_and_1000_initiatives(client, council_member, plan):
    client.force_login(council_member)
    client.get("/")  # the session's first save is not the page's
    goal = plan.goals.first()
    small = services.open_round(as_of=TODAY - datetime.timedelta(days=60), deadline=TODAY, by=None)
    _grow(goal, 10, small)
    open_small = _queries(client, small.pk)
    services.close_round(reporting_round=small, by=None)
    closed_small = _queries(client, small.pk)

    large = services.open_round(as_of=TODAY - datetime.timedelta(days=30), deadline=TODAY, by=None)
    _grow(goal, 990, large)
    assert Initiative.objects.in_force().filter(goal__plan=plan).count() >= 1000
    open_large = _queries(client, large.pk)
    # The page shows the first 100 of each long list and says where they all are; the print view holds them all.
    concerns = Initiative.objects.in_force().filter(status__in=["at_risk", "off_track"]).count()
    page = client.get(reverse("actionplans:round_report", args=[large.pk])).content.decode()
    section = page.split('id="concerns"', 1)[1].split("</section>", 1)[0]
    assert section.count('<th scope="row">') == 100 and f"De første 100 af {concerns} vises her." in section
    printed = client.get(reverse("actionplans:round_report_print", args=[large.pk])).content.decode()
    assert printed.split('id="concerns"', 1)[1].split("</section>", 1)[0].count('<th scope="row">') == concerns
    services.close_round(reporting_round=large, by=None)
    closed_large = _queries(client, large.pk)
    assert len(ReportingRound.objects.get(pk=large.pk).report["initiatives"]) >= 1000

    # Eight of each page's queries are the same everywhere: session, user, the user's and the groups'
    # permissions, the roles for the menu, and the session's save (savepoint, update, release).
    # A closed round, read first: + the round, the data version, its frozen report, the purposes' names; read
    # again, the report's content is kept (common.cache): + the round and the data version.
    assert closed_small == closed_large == 12
    assert _queries(client, large.pk) == 10
    # An open round adds the report computed now: the initiatives due with their latest updates, their purposes,
    # partner regions, overdue milestones, indicators and indicator values (rows), the initiatives reported in
    # the round, the overdue milestones, the indicators and their values (again, for the list) and the previous
    # closed round's report; and the data version it is kept with (common.cache).
    assert open_small == open_large == 22


# --- Who reads it -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("user_fixture", ["area_editor", "other_area_editor", "international_office",
                                          "council_member", "administrator"])
def test_every_role_reads_the_report(client, request, user_fixture, open_round):
    client.force_login(request.getfixturevalue(user_fixture))
    for round_ in [open_round, ReportingRound.objects.filter(is_open=False).get()]:
        for name in OUTPUTS:
            assert client.get(reverse(name, args=[round_.pk])).status_code == 200, name


def test_a_visitor_is_sent_to_log_in(client, closed_round):
    for name in OUTPUTS:
        response = client.get(reverse(name, args=[closed_round.pk]))
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login"))


def test_a_user_without_a_role_may_not_read_it(client, closed_round):
    from accounts.tests.factories import UserFactory

    client.force_login(UserFactory())
    assert client.get(reverse("actionplans:round_report", args=[closed_round.pk])).status_code == 403


def test_an_unknown_round_is_not_found(client, council_member):
    client.force_login(council_member)
    assert client.get(reverse("actionplans:round_report", args=[999999])).status_code == 404


# --- The council's way in: the home page ----------------------------------------------------------------------


def test_council_members_find_the_latest_closed_report_on_their_home_page(client, council_member, plan,
                                                                          international_office):
    client.force_login(council_member)
    assert "Ingen statusrunde er lukket endnu." in client.get("/").content.decode()
    earlier = reporting_round(TODAY - datetime.timedelta(days=60), by=international_office)
    latest = reporting_round(TODAY - datetime.timedelta(days=30), by=international_office)
    reporting_round(TODAY, close=False, by=international_office)  # open: not a report yet
    page = client.get("/").content.decode()
    assert reverse("actionplans:round_report", args=[latest.pk]) in page
    assert reverse("actionplans:round_report", args=[earlier.pk]) not in page
    assert f"Statusrapport: {latest}" in page
