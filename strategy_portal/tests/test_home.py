"""The home page answers "what needs me now" for each role, in a fixed number of queries per role."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from django.utils import formats, timezone

from actionplans import services
from actionplans.models import CouncilTerm, Initiative, Milestone, ReportingRound
from actionplans.tests.factories import make_plan
from partners.models import PartnerRegion
from strategy.models import Area

TODAY = timezone.localdate()


def _days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


def _short(day: datetime.date) -> str:
    return formats.date_format(day, "SHORT_DATE_FORMAT")


def _url(name: str, *args) -> str | None:
    """The URL of a page, or None when the portal has no such page."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def _initiatives(plan) -> list[Initiative]:
    return list(Initiative.objects.filter(goal__plan=plan).order_by("goal__position", "position"))


def _report(initiative, by, status="on_track"):
    return services.record_status_update(initiative=initiative, as_of=TODAY, status=status, progress=40,
                                         narrative="", seen_update=None, by=by)


def _milestone(initiative, title, due_on, done_on=None):
    return services.add_milestone(milestone=Milestone(initiative=initiative, title=title, due_on=due_on,
                                                      done_on=done_on), by=None)


@pytest.fixture
def old_plan(health, previous_term):
    """Health's plan of the previous council term, still in force: due for revision."""
    return make_plan(health, previous_term)


@pytest.fixture
def current_plan(health, current_term):
    return make_plan(health, current_term)


@pytest.fixture
def open_round(international_office):
    return services.open_round(as_of=_days(-30), deadline=_days(10), by=international_office)


@pytest.fixture
def follow_up(old_plan, area_editor, open_round):
    """Health's plan of the previous term, still in force: one of its four initiatives reported in the open round,
    one milestone overdue, one done, one ahead."""
    first, second, *_rest = _initiatives(old_plan)
    _report(first, area_editor)
    _milestone(first, "Aftale underskrevet", _days(-20))
    _milestone(first, "Første besøg", _days(-40), done_on=_days(-41))
    _milestone(second, "Evaluering", _days(60))
    return old_plan


def _page(client, user) -> str:
    client.force_login(user)
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


def test_an_area_editor_sees_the_updates_due_the_revision_and_the_overdue_milestones(client, area_editor, follow_up,
                                                                                      open_round):
    page = _page(client, area_editor)
    assert "Det venter på dig i Sundhed" in page
    assert f"Status pr. {_short(open_round.as_of)}: fristen er {_short(open_round.deadline)}." in page
    assert "1 af 4 opdateringer er indsendt." in page
    # The three initiatives still missing, each with its owner; the one reported is not listed.
    for title in ("Indsats 1.2", "Indsats 2.1", "Indsats 2.2"):
        assert title in page
    assert "Indsats 1.1</a>" not in page and "Indsats 1.1 –" not in page
    assert "ansvarlig: Ejer" in page
    if reporting := _url("actionplans:reporting", follow_up.pk):
        assert f'href="{reporting}"' in page
    # The plan of the previous term is due for revision.
    assert "Skal revideres" in page
    assert f'href="{reverse("actionplans:area_detail", args=["sundhed"])}"' in page
    # Only the overdue milestone.
    assert "Aftale underskrevet" in page and f"frist {_short(_days(-20))}" in page
    assert "Første besøg" not in page and "Evaluering" not in page
    assert "Det venter på Internationalt Kontor" not in page and "Nøgletal" not in page


def test_an_area_editor_with_nothing_due(client, area_editor, current_plan):
    page = _page(client, area_editor)
    assert "Ingen statusrunde er åben." in page
    assert "Revideret" in page
    assert "Ingen af dit arbejdsområdes milepæle er overskredet." in page


def test_an_editor_whose_area_is_all_reported_is_thanked(client, area_editor, old_plan, open_round):
    for initiative in _initiatives(old_plan):
        _report(initiative, area_editor)
    page = _page(client, area_editor)
    assert "4 af 4 opdateringer er indsendt." in page
    assert "Alle dit arbejdsområdes opdateringer er indsendt. Tak." in page


def test_the_international_office_sees_the_rounds_progress_by_area_and_the_plans_due(
        client, international_office, follow_up, open_round, regional_development, current_term):
    make_plan(regional_development, current_term, goals=1, initiatives=1)
    page = _page(client, international_office)
    assert "Det venter på Internationalt Kontor" in page
    assert "4 af 5 opdateringer mangler." in page
    assert f"Statusopdateringer pr. arbejdsområde, Status pr. {_short(open_round.as_of)}</caption>" in page
    assert '<th scope="row">Sundhed</th>' in page and '<th scope="row">Regional Udvikling</th>' in page
    assert "i gang" in page
    if round_detail := _url("actionplans:round_detail", open_round.pk):
        assert f'href="{round_detail}"' in page
    # Health's plan is of the previous term; Regional Development's is current; the other two areas have none.
    assert "Planer, der skal revideres" in page
    assert f'href="{reverse("actionplans:area_detail", args=["sundhed"])}">Sundhed</a>' in page
    assert f'href="{reverse("actionplans:area_detail", args=["stabe"])}">Stabe</a>' in page
    assert f'href="{reverse("actionplans:area_detail", args=["regional-udvikling"])}">' not in page
    assert "Det venter på dig i" not in page


def test_the_deadline_passed_is_said_in_words(client, international_office, area_editor, follow_up, open_round):
    ReportingRound.objects.filter(pk=open_round.pk).update(deadline=_days(-1))
    assert "Fristen er overskredet." in _page(client, international_office)
    page = _page(client, area_editor)
    assert "Fristen er overskredet." in page


def test_a_council_member_sees_the_latest_report_and_key_figures(client, council_member, follow_up, open_round,
                                                                  international_office, area_editor):
    initiatives = _initiatives(follow_up)
    _report(initiatives[1], area_editor, status="at_risk")
    _report(initiatives[2], area_editor, status="off_track")
    _report(initiatives[3], area_editor, status="completed")
    services.close_round(reporting_round=open_round, by=international_office)
    page = _page(client, council_member)
    assert "Til regionsrådet" in page
    assert f"Statusrapport: Status pr. {_short(open_round.as_of)}" in page
    assert f"lukket {_short(TODAY)}" in page
    assert "4 indsatser i rapporten; gennemsnitlig fremdrift 40 %." in page
    if report := _url("actionplans:round_report", open_round.pk):
        assert f'href="{report}"' in page
    figures = dict(zip(["active", "concerns", "overdue", "regions"],
                       [int(n) for n in _figures(page)], strict=True))
    # Three initiatives active (one completed), two of them at risk or off track, one milestone overdue; the
    # starting data's active strategic partner regions (Shanghai and the two Hungarian regions).
    assert figures == {"active": 3, "concerns": 2, "overdue": 1,
                       "regions": PartnerRegion.objects.active().filter(kind="strategic").count()}
    assert figures["regions"] == 3
    assert "Det venter på Internationalt Kontor" not in page and "Det venter på dig i" not in page


def _figures(page: str) -> list[str]:
    marker = '<p class="fs-2 fw-bold mb-1">'
    return [part.split("<", 1)[0] for part in page.split(marker)[1:]]


def test_a_council_member_before_any_round_is_closed(client, council_member, open_round):
    page = _page(client, council_member)
    assert "Ingen statusrunde er lukket endnu." in page


@pytest.mark.django_db
def test_visitors_and_administrators_get_no_follow_up(client, administrator, follow_up):
    page = client.get("/").content.decode()
    assert "Det venter" not in page and "Til regionsrådet" not in page
    page = _page(client, administrator)
    assert "Det venter" not in page and "Til regionsrådet" not in page


# --- Queries -------------------------------------------------------------------------------------------------

def _queries(client, user) -> int:
    client.force_login(user)
    client.get("/")  # the session's first save is not the page's
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    return len(queries)


def _grow(area_editor, international_office):
    """More of everything the home page reads: plans, initiatives, updates, milestones, a closed round."""
    stabe = Area.objects.get(code="stabe")
    plan = make_plan(stabe, CouncilTerm.objects.current(), goals=3, initiatives=4)
    for i, initiative in enumerate(_initiatives(plan)):
        _milestone(initiative, f"Milepæl {i}", _days(-5 - i))
        if i % 2:
            _report(initiative, area_editor, status="at_risk")


def test_the_home_page_takes_the_same_queries_whatever_the_data(client, area_editor, international_office,
                                                                council_member, administrator, follow_up):
    users = {"area_editor": area_editor, "international_office": international_office,
             "council_member": council_member, "administrator": administrator}
    counts = {role: _queries(client, user) for role, user in users.items()}
    _grow(area_editor, international_office)
    assert {role: _queries(client, user) for role, user in users.items()} == counts
    # Eight of the queries are the same for every role: session, user, the user's groups (the roles), the user's and
    # the groups' permissions (the menu), and the session's save (savepoint, update, release). The round's progress
    # and the council's figures come from the cache after the first request (each reads the data version).
    assert counts == {
        "area_editor": 14,  # + open round, data version, the user's area, the area's plans, the current term, the
                            #   overdue milestones
        "international_office": 13,  # + open round, data version, current term, plans, areas
        "council_member": 9,  # + data version
        "administrator": 8,
    }
