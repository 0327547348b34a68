"""The follow-up's figures: initiatives by status, average % complete, overdue milestones, indicators on and off
target, per goal, plan, area, purpose, strategic track and partner region, and their change since the previous
closed reporting round; and the pages that show them, in Danish and English."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from actionplans import rollup, services
from actionplans.models import ActionPlan, Goal, Indicator, Initiative, Milestone, ReportingRound
from actionplans.tests.factories import make_plan
from partners.models import PartnerRegion, StrategicTrack
from strategy.models import Area

DAY = datetime.timedelta(days=1)


@pytest.fixture
def plan(health, current_term):
    """Health's plan in force: goals "Mål 1" and "Mål 2", each with two initiatives (10 % done, planned), every
    goal under purposes 1 and 2, every initiative with Shanghai."""
    return make_plan(health, current_term)


def _initiatives(plan) -> list[Initiative]:
    return list(Initiative.objects.filter(goal__plan=plan).order_by("goal__position", "position"))


def _report(initiative, status, progress, *, as_of=None, narrative="", values=None, by=None):
    initiative.refresh_from_db()
    latest = initiative.status_updates.order_by("-as_of", "-id").first()
    return services.record_status_update(
        initiative=initiative, as_of=as_of or timezone.localdate(), status=status, progress=progress,
        narrative=narrative, seen_update=latest.pk if latest else None, by=by, values=values)


def _rows():
    return rollup.initiative_rows(Initiative.objects.in_force())


def _statuses(figures) -> dict:
    return {status: count for status, count in figures.by_status.items() if count}


# --- Figures ------------------------------------------------------------------------------------------------

def test_figures_by_status_and_average_progress_per_goal_and_plan(plan):
    first, second, third, fourth = _initiatives(plan)
    _report(first, "on_track", 40)
    _report(second, "at_risk", 20)
    _report(third, "off_track", 61)  # the fourth stays planned, 10 % done
    rows = _rows()
    figures = rollup.total(rows)
    assert (figures.total, _statuses(figures)) == (4, {"on_track": 1, "at_risk": 1, "off_track": 1, "planned": 1})
    assert figures.average_progress == 33  # (40 + 20 + 61 + 10) / 4 = 32.75
    assert figures.concerns == 2
    by_goal = rollup.roll_up(rows, "goal")
    assert {key: (f.total, f.average_progress, f.concerns) for key, f in by_goal.items()} == {
        first.goal_id: (2, 30, 1), third.goal_id: (2, 36, 1)}
    assert rollup.roll_up(rows, "plan") == {plan.pk: figures}
    assert rollup.roll_up(rows, "area") == {plan.area_id: figures}
    with override("en"):
        assert [(str(label), n) for label, n in figures.status_counts] == [
            ("planned", 1), ("on track", 1), ("at risk", 1), ("off track", 1), ("completed", 0), ("cancelled", 0)]


def test_overdue_milestones(plan, area_editor):
    first, second, *_ = _initiatives(plan)
    today = timezone.localdate()
    for title, due_on, done_on in [("Late", today - DAY, None), ("Late too", today - 2 * DAY, None),
                                   ("Done late", today - 2 * DAY, today - DAY), ("Due today", today, None),
                                   ("Later", today + 10 * DAY, None)]:
        services.add_milestone(milestone=Milestone(initiative=first, title=title, due_on=due_on, done_on=done_on),
                               by=area_editor)
    services.add_milestone(milestone=Milestone(initiative=second, title="Late", due_on=today - DAY), by=area_editor)
    rows = {row["id"]: row for row in _rows()}
    assert (rows[first.pk]["overdue"], rows[second.pk]["overdue"]) == (2, 1)
    assert rollup.total(list(rows.values())).overdue_milestones == 3
    # As of a later day, the milestone due today is overdue too.
    later = rollup.initiative_rows(Initiative.objects.filter(pk=first.pk), on=today + DAY)
    assert later[0]["overdue"] == 3


def test_indicators_on_and_off_target_follow_the_straight_line_to_the_target(plan, area_editor):
    """On target: at least as far from the baseline as the time since the initiative started says it should be
    (a falling indicator: at most as high); the latest reported value counts; no value, no verdict."""
    first, second, third, _fourth = _initiatives(plan)
    starts_on = first.starts_on
    halfway = starts_on + 50 * DAY

    def indicator(initiative, baseline, target):
        return services.add_indicator(indicator=Indicator(
            initiative=initiative, name=f"{baseline}→{target}", baseline=baseline, target=target,
            target_on=starts_on + 100 * DAY), by=area_editor)

    rising, falling = indicator(first, 0, 100), indicator(first, 100, 0)
    behind, unreported = indicator(second, 0, 100), indicator(third, 0, 100)
    assert rising.expected_on(halfway) == Decimal(50)
    assert rising.on_target(Decimal(50), halfway) and not rising.on_target(Decimal("49.99"), halfway)
    assert falling.on_target(Decimal(50), halfway) and not falling.on_target(Decimal(51), halfway)
    assert rising.on_target(None, halfway) is None
    assert rising.expected_on(starts_on + 200 * DAY) == 100  # after the target date: the target itself
    _report(first, "on_track", 50, as_of=halfway - DAY, values={rising: Decimal(10), falling: Decimal(90)})
    _report(first, "on_track", 50, as_of=halfway, values={rising: Decimal(50), falling: Decimal(50)})
    _report(second, "at_risk", 30, as_of=halfway, values={behind: Decimal(30)})
    rows = {row["id"]: row for row in _rows()}
    assert (rows[first.pk]["indicators_on"], rows[first.pk]["indicators_off"]) == (2, 0)
    assert (rows[second.pk]["indicators_on"], rows[second.pk]["indicators_off"]) == (0, 1)
    assert (rows[third.pk]["indicators_on"], rows[third.pk]["indicators_off"]) == (0, 0)
    assert unreported.values.count() == 0
    figures = rollup.total(list(rows.values()))
    assert (figures.indicators_on, figures.indicators_off) == (2, 1)


def test_an_initiative_counts_once_under_each_purpose_region_and_its_track(plan):
    first, second, *_ = _initiatives(plan)
    silesia = PartnerRegion.objects.get(code="nedre-schlesien")
    shanghai = PartnerRegion.objects.get(code="shanghai")
    first.partner_regions.add(silesia)
    track = StrategicTrack.objects.get(code="sundhed")
    Initiative.objects.filter(pk__in=[first.pk, second.pk]).update(track=track)
    rows = _rows()
    # make_plan ties every goal to purposes 1 and 2.
    assert {key: f.total for key, f in rollup.roll_up(rows, "purpose").items()} == {1: 4, 2: 4}
    assert {key: f.total for key, f in rollup.roll_up(rows, "region").items()} == {shanghai.pk: 4, silesia.pk: 1}
    assert {key: f.total for key, f in rollup.roll_up(rows, "track").items()} == {track.pk: 2}
    assert rollup.total(rows).total == 4


def test_removed_initiatives_superseded_plans_and_drafts_do_not_count(plan, superseded_plan, expired_draft,
                                                                         area_editor, current_term):
    make_plan(Area.objects.get(code="regional-udvikling"), current_term, status=ActionPlan.Status.DRAFT)
    first, second, third, _fourth = _initiatives(plan)
    services.remove_item(item=first, expected_version=first.version, reason="Droppet", by=area_editor)
    goal = Goal.objects.get(pk=third.goal_id)
    services.remove_item(item=goal, expected_version=goal.version, reason="Droppet", by=area_editor)
    rows = _rows()
    assert [row["id"] for row in rows] == [second.pk]
    assert set(rollup.roll_up(rows, "plan")) == {plan.pk}
    # The plan page counts the same: its present initiatives.
    context = _plan_page_context(plan)
    assert context["follow_up"]["plan"].total == 1
    assert [(goal.title, figures.total) for goal, figures in context["follow_up"]["goals"]] == [("Mål 1", 1)]


def _plan_page_context(plan):
    from actionplans import selectors

    context = selectors.plan_detail(plan.pk)
    return context | selectors.plan_follow_up(context["plan"], context["goals"])


# --- Change since the previous round ------------------------------------------------------------------------

def _close_a_round(plan, international_office, statuses):
    """Open a round a week ago, report each initiative's (status, progress) in it (None: no report), close it."""
    today = timezone.localdate()
    reporting_round = services.open_round(as_of=today - 7 * DAY, deadline=today, by=international_office)
    for initiative, reported in zip(_initiatives(plan), statuses, strict=True):
        if reported:
            _report(initiative, *reported, as_of=today - 7 * DAY, by=international_office)
    return services.close_round(reporting_round=reporting_round, by=international_office)


def test_no_change_before_a_round_has_closed(plan, international_office):
    assert rollup.previous_figures("total", "area") is None
    today = timezone.localdate()
    services.open_round(as_of=today, deadline=today, by=international_office)
    assert rollup.previous_figures("total") is None


def test_change_since_the_previous_closed_round(plan, international_office):
    closed = _close_a_round(plan, international_office,
                            [("on_track", 20), ("at_risk", 10), ("off_track", 30), ("on_track", 40)])
    first, second, third, fourth = _initiatives(plan)
    _report(second, "on_track", 50)
    _report(third, "completed", 100)
    _report(fourth, "off_track", 41)
    previous = rollup.previous_figures("total", "plan", "goal", "area", "purpose", "track", "region")
    assert (previous.id, previous.as_of) == (closed.pk, closed.as_of)
    then = previous.figures["total"]
    assert (then.total, then.average_progress, then.concerns) == (4, 25, 2)
    rows = _rows()
    now = rollup.total(rows)
    assert (now.average_progress, now.concerns) == (53, 1)  # (20 + 50 + 100 + 41) / 4 = 52.75
    by_goal = rollup.compare(rollup.roll_up(rows, "goal"), previous.figures["goal"])
    assert {key: (f.previous.average_progress, f.average_progress, f.previous.concerns, f.concerns)
            for key, f in by_goal.items()} == {first.goal_id: (15, 35, 1, 0), third.goal_id: (35, 70, 1, 1)}
    assert previous.figures["plan"][plan.pk].average_progress == 25
    assert previous.figures["area"][plan.area_id].total == 4
    assert set(previous.figures["purpose"]) == {1, 2}
    shanghai = PartnerRegion.objects.get(code="shanghai")
    assert previous.figures["region"][shanghai.pk].concerns == 2
    assert previous.figures["track"] == {}
    assert then.by_status == {"on_track": 2, "at_risk": 1, "off_track": 1}
    # The report keeps its rows per initiative, now with the goal, the track and the partner regions.
    row = closed.report["initiatives"][0]
    assert (row["goal_id"], row["track_id"], row["regions"], row["plan_id"]) == (first.goal_id, None,
                                                                                  [shanghai.pk], plan.pk)


def test_the_latest_closed_round_counts_and_an_older_report_without_a_group_gives_no_change(plan,
                                                                                             international_office):
    today = timezone.localdate()
    # A report as it was frozen before it kept every group's figures.
    ReportingRound.objects.create(as_of=today - 30 * DAY, deadline=today - 20 * DAY, is_open=False,
                                  closed_at=timezone.now(),
                                  report={"total": rollup.Figures().as_json(), "by_area": {}, "initiatives": []})
    previous = rollup.previous_figures("total", "goal")
    assert previous.figures == {"total": rollup.Figures(), "goal": {}}
    closed = _close_a_round(plan, international_office, [("on_track", 20)] * 4)
    assert rollup.previous_figures("total").id == closed.pk


# --- The pages ----------------------------------------------------------------------------------------------

@pytest.fixture
def followed_up(plan, international_office, area_editor):
    """The plan after a closed round (the third initiative never reported on) and a new update of the first: an
    overdue milestone, an indicator off target."""
    _close_a_round(plan, international_office, [("on_track", 20), ("at_risk", 10), None, ("off_track", 40)])
    first, second, *_ = _initiatives(plan)
    indicator = services.add_indicator(indicator=Indicator(
        initiative=first, name="Udvekslede fysioterapeuter", baseline=0, target=10,
        target_on=first.starts_on + 30 * DAY), by=area_editor)
    _report(first, "at_risk", 45, narrative="Udvekslingen er udskudt til foråret.", values={indicator: 2})
    services.add_milestone(milestone=Milestone(initiative=second, title="Aftale underskrevet",
                                               due_on=timezone.localdate() - 3 * DAY), by=area_editor)
    return plan


def test_the_plan_page_shows_the_follow_up_in_english(client, council_member, followed_up):
    client.force_login(council_member)
    page = client.get("/en" + reverse("actionplans:plan_detail", args=[followed_up.pk])).content.decode()
    today = timezone.localdate()
    for text in ["Follow-up", "The plan's initiatives by status, per goal", "Average progress (%)",
                 "At risk or off track, then → now", "Goal 1: Mål 1", "The whole plan", "Overdue milestones",
                 "Indicators off target", "Udvekslingen er udskudt til foråret.", "0 on target, 1 off target",
                 f"status as of {today:%d/%m/%Y}", "no status update yet",
                 f"Aftale underskrevet, due {today - 3 * DAY:%d/%m/%Y}: <strong>overdue</strong>",
                 "initiative-status-at_risk", ">At risk<"]:
        assert text in page, text
    # The whole plan: (45 + 10 + 10 + 40) / 4 = 26 % complete now against (20 + 10 + 10 + 40) / 4 = 20 % then;
    # at risk or off track: the second and the fourth then, and the first too now.
    assert "20 % → 26 %" in page and "2 → 3" in page


def test_the_plan_page_shows_the_follow_up_in_danish(client, council_member, followed_up):
    client.force_login(council_member)
    page = client.get(reverse("actionplans:plan_detail", args=[followed_up.pk])).content.decode()
    for text in ["Opfølgning", "Gennemsnitlig fremdrift (%)", "Overskredne milepæle", "Følger planen", "I risiko",
                 "Forsinket", "Hele planen", "<strong>forsinket</strong>", "0 på mål, 1 ikke på mål",
                 "Mål 1: Mål 1"]:
        assert text in page, text


def test_the_overview_shows_each_plan_in_force(client, council_member, followed_up, superseded_plan):
    client.force_login(council_member)
    page = client.get("/en" + reverse("actionplans:overview")).content.decode()
    section = page[page.index("Follow-up of the plans in force"):]
    assert "Health" in section and "All plans in force" in section and "20 % → 26 %" in section
    assert "Staff" not in section.split("All plans in force")[0]  # only a superseded plan: no row
    page = client.get("/plans/").content.decode()
    assert "Opfølgning på de gældende planer" in page and "Alle gældende planer" in page


def test_the_print_layout_shows_the_follow_up(client, council_member, followed_up):
    client.force_login(council_member)
    page = client.get("/en" + reverse("actionplans:print", args=[followed_up.pk])).content.decode()
    assert "The whole plan" in page and "<strong>overdue</strong>" in page



def test_a_draft_shows_its_figures_without_a_then(client, council_member, followed_up, current_term):
    draft = make_plan(Area.objects.get(code="regional-udvikling"), current_term, status=ActionPlan.Status.DRAFT)
    client.force_login(council_member)
    page = client.get("/en" + reverse("actionplans:plan_detail", args=[draft.pk])).content.decode()
    assert "The whole plan" in page and "then → now" not in page and "last closed status round" not in page
