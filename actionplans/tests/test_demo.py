"""The demo data: a year of follow-up a council member can believe, loaded once, and marked as demo data."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from actionplans.demo import DEMO_MARK, SUMMARY, demo_rounds
from actionplans.models import (
    ActionPlan,
    Indicator,
    IndicatorValue,
    Initiative,
    Milestone,
    ReportingRound,
    StatusUpdate,
)
from actionplans.rollup import round_progress
from audit.models import Event

D = datetime.date


@pytest.mark.parametrize(("today", "rounds"), [
    (D(2026, 12, 1), [(D(2025, 12, 31), D(2026, 1, 30)), (D(2026, 6, 30), D(2026, 7, 30)),
                      (D(2026, 11, 30), D(2026, 12, 30))]),
    # On the first of a month the open round is as of the day before; its deadline stays ahead.
    (D(2026, 7, 1), [(D(2025, 6, 30), D(2025, 7, 30)), (D(2025, 12, 31), D(2026, 1, 30)),
                     (D(2026, 6, 30), D(2026, 7, 30))]),
    (D(2026, 8, 1), [(D(2025, 12, 31), D(2026, 1, 30)), (D(2026, 6, 30), D(2026, 7, 30)),
                     (D(2026, 7, 31), D(2026, 8, 30))]),
    (D(2026, 1, 31), [(D(2024, 12, 31), D(2025, 1, 30)), (D(2025, 6, 30), D(2025, 7, 30)),
                      (D(2025, 12, 31), D(2026, 2, 14))]),
])
def test_the_rounds_lie_in_the_past_year_and_only_the_last_deadline_is_ahead(today, rounds):
    assert demo_rounds(today) == rounds
    assert all(deadline < today for _as_of, deadline in rounds[:2])
    assert rounds[2][1] > today and rounds[2][0] < today


def _counts() -> dict:
    return {model.__name__: model.objects.count() for model in (
        ActionPlan, Initiative, ReportingRound, StatusUpdate, Milestone, Indicator, IndicatorValue, Event)}


@pytest.fixture
def demo(starting_data, roles):
    call_command("load_demo", "--allow-production")


def test_a_second_load_creates_nothing(demo):
    counts = _counts()
    call_command("load_demo", "--allow-production")
    assert _counts() == counts
    assert counts["ReportingRound"] == 3


def test_two_closed_rounds_with_frozen_reports_and_one_open_round(demo):
    today = timezone.localdate()
    first, second = ReportingRound.objects.filter(is_open=False).order_by("as_of")
    open_round = ReportingRound.objects.get(is_open=True)
    assert [r.as_of for r in (first, second, open_round)] == [as_of for as_of, _deadline in demo_rounds(today)]
    assert open_round.deadline > today
    for closed in (first, second):
        # Closed after the deadline, with the report frozen then; the updates came in during the month to report in.
        assert closed.deadline < closed.closed_at.date() <= today
        assert closed.report["made_on"] == closed.closed_at.date().isoformat()
        assert closed.report["total"]["total"] >= 9
        assert closed.report["by_area"] and closed.report["by_purpose"]
        narratives = [i["narrative"] for i in closed.report["initiatives"]]
        assert narratives and all(n.startswith("Demodata: ") for n in narratives)
        assert all(i["reported_in_round"] for i in closed.report["initiatives"])
        assert closed.report["indicators"] and all(i["actual"] for i in closed.report["indicators"])
        made = [u.made_at.date() for u in closed.updates.all()]
        assert all(closed.as_of < day for day in made)
    # One update of the first round came in late; the rest on time.
    progress = round_progress(first)
    assert sum(a["late"] for a in progress["areas"]) == 1
    assert sum(a["on_time"] for a in progress["areas"]) == first.updates.count() - 1
    # The second report says what changed since the first: statuses moved, a completed initiative left.
    changes = second.report["changes"]
    assert changes["status"] and changes["ended"]
    assert first.report["overdue_milestones"] and second.report["overdue_milestones"]
    assert second.report["previous"] == {"id": first.pk, "as_of": first.as_of.isoformat()}


def test_the_open_round_has_some_updates_in_and_some_missing(demo):
    open_round = ReportingRound.objects.get(is_open=True)
    progress = round_progress(open_round)
    reported = sum(a["on_time"] + a["late"] for a in progress["areas"])
    assert reported >= 3 and progress["missing"] >= 3
    # Every area has something due; Psychiatry and Social has reported nothing yet.
    assert {a["name_da"]: bool(a["missing"]) for a in progress["areas"]} == {
        "Sundhed": True, "Psykiatri og Social (Velfærd)": True, "Stabe": False, "Regional Udvikling": True}


def test_a_believable_mix_all_marked_as_demo_data(demo):
    today = timezone.localdate()
    initiatives = Initiative.objects.filter(goal__plan__summary=SUMMARY)
    assert {i.status for i in initiatives} >= {"on_track", "at_risk", "off_track", "completed"}
    updates = StatusUpdate.objects.filter(initiative__in=initiatives)
    assert {u.status for u in updates} == {"on_track", "at_risk", "off_track", "completed"}
    assert all(u.narrative.startswith(DEMO_MARK) and u.made_by is not None for u in updates)
    # Each initiative's state is its latest update's.
    for initiative in initiatives:
        latest = initiative.status_updates.order_by("-as_of", "-id").first()
        assert (initiative.status, initiative.progress) == (latest.status, latest.progress)
    milestones = Milestone.objects.filter(initiative__in=initiatives)
    assert all(m.title.endswith("(demodata)") for m in milestones)
    assert milestones.filter(done_on__isnull=False).count() >= 5
    assert milestones.filter(Milestone.overdue_q(today)).count() >= 3
    assert milestones.filter(due_on__gt=today).count() >= 2
    indicators = Indicator.objects.filter(initiative__in=initiatives)
    assert indicators.count() == 3 and all(i.name.endswith("(demodata)") for i in indicators)
    assert IndicatorValue.objects.filter(indicator__in=indicators).count() == 8
    assert all(p.summary == SUMMARY for p in ActionPlan.objects.filter(goals__initiatives__in=initiatives))


def test_a_database_that_follows_up_already_gets_no_demo_rounds(starting_data, roles, international_office):
    from actionplans import services

    services.open_round(as_of=timezone.localdate(), deadline=timezone.localdate(), by=international_office)
    call_command("load_demo", "--allow-production")
    assert ReportingRound.objects.count() == 1
    assert not StatusUpdate.objects.exists()
    assert ActionPlan.objects.filter(summary=SUMMARY).count() == 4
