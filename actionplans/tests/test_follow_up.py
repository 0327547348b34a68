"""Following the plans up: status updates, milestones, indicators and reporting rounds."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from actionplans import rollup, services
from actionplans.models import (
    ActionPlan,
    Indicator,
    IndicatorValue,
    Initiative,
    Milestone,
    ReportingRound,
    StatusUpdate,
)
from actionplans.tests.factories import make_plan
from audit.models import Event
from common.editing import EditConflict

TODAY = timezone.localdate


def _first(plan) -> Initiative:
    return Initiative.objects.filter(goal__plan=plan).order_by("goal__position", "position").first()


def _report(initiative, *, by, seen=None, **values):
    fields = {"as_of": TODAY(), "status": "on_track", "progress": 20, "narrative": "Godt i gang"} | values
    return services.record_status_update(initiative=initiative, seen_update=seen, by=by, **fields)


def _form(initiative, **values):
    prefix = f"initiative-{initiative.pk}-"
    data = {"as_of": TODAY().isoformat(), "status": "on_track", "progress": "20", "narrative": "", "seen_update": ""}
    return {prefix + name: value for name, value in (data | values).items()}


# --- Status updates -------------------------------------------------------------------------------------------


def test_a_status_update_becomes_the_initiatives_state_and_is_recorded(current_plan, area_editor):
    initiative = _first(current_plan)
    update = _report(initiative, by=area_editor, status="at_risk", progress=35, narrative="Leverandøren er forsinket")
    initiative.refresh_from_db()
    assert (initiative.status, initiative.progress) == ("at_risk", 35)
    assert (update.made_by, update.round) == (area_editor, None)
    assert Event.objects.filter(action=Event.Action.CREATE, object_type="actionplans.StatusUpdate").count() == 1
    # A structure edit is not a status update: the plan's history is untouched.
    assert current_plan.adjustments.count() == 1


def test_an_older_update_is_kept_but_does_not_change_the_state(current_plan, area_editor):
    initiative = _first(current_plan)
    latest = _report(initiative, by=area_editor, status="off_track", progress=10)
    _report(initiative, by=area_editor, seen=latest.pk, status="on_track", progress=50,
            as_of=TODAY() - datetime.timedelta(days=30))
    initiative.refresh_from_db()
    assert (initiative.status, initiative.progress, initiative.status_updates.count()) == ("off_track", 10, 2)


@pytest.mark.parametrize("values, field", [
    ({"as_of": TODAY() + datetime.timedelta(days=1)}, "as_of"),
    ({"as_of": datetime.date(2025, 12, 31)}, "as_of"),  # before the plan's council term
    ({"progress": 101}, "progress"),
    ({"narrative": "x" * 2001}, "narrative"),
    ({"status": "paused"}, "status"),
])
def test_bad_status_updates_are_refused_and_nothing_is_saved(current_plan, area_editor, values, field):
    initiative = _first(current_plan)
    with pytest.raises(ValidationError) as caught:
        _report(initiative, by=area_editor, **values)
    assert field in caught.value.message_dict
    assert not StatusUpdate.objects.exists()
    assert Initiative.objects.get(pk=initiative.pk).status == "planned"


def test_the_database_refuses_a_bad_update_too(current_plan):
    initiative = _first(current_plan)
    for values in ({"progress": 101}, {"narrative": "x" * 2001}, {"status": "paused"}):
        with pytest.raises(IntegrityError), transaction.atomic():
            StatusUpdate.objects.create(initiative=initiative, as_of=TODAY(),
                                        **({"status": "on_track", "progress": 10} | values))


def test_a_cancelled_initiative_takes_no_more_updates(current_plan, area_editor):
    initiative = _first(current_plan)
    cancelled = _report(initiative, by=area_editor, status="cancelled", progress=0)
    with pytest.raises(ValidationError, match="opgivet"):
        _report(initiative, by=area_editor, seen=cancelled.pk)


def test_a_superseded_plan_takes_no_updates(superseded_plan, area_editor):
    initiative = _first(superseded_plan)
    with pytest.raises(ValidationError, match="historik"):
        _report(initiative, by=area_editor, as_of=superseded_plan.term.ends_on)
    with pytest.raises(IntegrityError, match="history"), transaction.atomic():
        StatusUpdate.objects.create(initiative=initiative, as_of=superseded_plan.term.ends_on, status="on_track",
                                    progress=10)


def test_the_plan_in_force_of_an_ended_term_takes_updates(old_plan, area_editor):
    _report(_first(old_plan), by=area_editor, narrative="Planen justeres løbende, indtil den nye er vedtaget")
    assert StatusUpdate.objects.filter(initiative__goal__plan=old_plan).count() == 1


def test_updates_are_never_rewritten(current_plan, area_editor):
    update = _report(_first(current_plan), by=area_editor)
    for change in (lambda: StatusUpdate.objects.filter(pk=update.pk).update(progress=99),
                   lambda: StatusUpdate.objects.filter(pk=update.pk).delete()):
        with pytest.raises(IntegrityError, match="cannot be changed"), transaction.atomic():
            change()


def test_two_people_reporting_at_once_lose_nothing(current_plan, area_editor, international_office):
    initiative = _first(current_plan)
    first = _report(initiative, by=international_office, status="at_risk", progress=30)
    with pytest.raises(EditConflict) as caught:
        _report(initiative, by=area_editor, seen=None, status="on_track", progress=60)
    assert (caught.value.current, caught.value.saved_by) == (first, international_office)
    assert list(initiative.status_updates.all()) == [first]


def test_indicator_values_and_milestones_are_reported_with_the_update(current_plan, area_editor):
    initiative = _first(current_plan)
    indicator = services.add_indicator(indicator=Indicator(initiative=initiative, name="Udvekslinger", unit="antal",
                                                           baseline=0, target=10, target_on=TODAY()), by=area_editor)
    milestone = services.add_milestone(milestone=Milestone(initiative=initiative, title="Aftale underskrevet",
                                                           due_on=TODAY()), by=area_editor)
    update = _report(initiative, by=area_editor, values={indicator: 12}, milestones_done=[milestone])
    assert IndicatorValue.objects.get(update=update).value == 12
    assert Milestone.objects.get(pk=milestone.pk).done_on == update.as_of
    [(state_indicator, actual, _as_of)] = rollup.indicator_states([initiative.pk])
    assert state_indicator.on_target(actual, TODAY()) is True


def test_an_indicator_is_on_target_when_on_the_line_from_baseline_to_target(current_plan):
    initiative = _first(current_plan)  # starts with the council term
    start = initiative.starts_on
    indicator = Indicator(initiative=initiative, name="x", baseline=0, target=100,
                          target_on=start + datetime.timedelta(days=100))
    halfway = start + datetime.timedelta(days=50)
    assert (indicator.on_target(50, halfway), indicator.on_target(49, halfway), indicator.on_target(None, halfway)) == (
        True, False, None)
    falling = Indicator(initiative=initiative, name="y", baseline=100, target=0, target_on=indicator.target_on)
    assert (falling.on_target(50, halfway), falling.on_target(51, halfway)) == (True, False)


# --- Reporting rounds -----------------------------------------------------------------------------------------


def _open(by, *, as_of=None, deadline=None):
    as_of = as_of or TODAY()
    return services.open_round(as_of=as_of, deadline=deadline or as_of + datetime.timedelta(days=30), by=by)


def test_a_round_needs_a_sensible_date_and_deadline_and_only_one_is_open(international_office, current_term):
    with pytest.raises(ValidationError, match="Fristen"):
        _open(international_office, deadline=TODAY() - datetime.timedelta(days=1))
    with pytest.raises(ValidationError):
        _open(international_office, as_of=TODAY() + datetime.timedelta(days=1))
    _open(international_office)
    with pytest.raises(ValidationError, match="anden statusrunde"):
        _open(international_office, as_of=TODAY() - datetime.timedelta(days=1))


def test_updates_in_a_round_count_and_closing_freezes_the_report(current_plan, area_editor, international_office):
    reporting_round = _open(international_office, as_of=current_plan.term.starts_on + datetime.timedelta(days=180))
    initiatives = list(Initiative.objects.filter(goal__plan=current_plan).order_by("id"))
    progress = rollup.round_progress(reporting_round)
    assert (progress["due"], progress["missing"]) == (4, 4)
    _report(initiatives[0], by=area_editor, as_of=reporting_round.as_of, status="off_track", progress=5,
            narrative="Partneren har trukket sig")
    assert StatusUpdate.objects.get().round == reporting_round
    assert rollup.round_progress(reporting_round)["missing"] == 3

    closed = services.close_round(reporting_round=reporting_round, by=international_office)
    frozen = ReportingRound.objects.get(pk=closed.pk).report
    row = next(i for i in frozen["initiatives"] if i["id"] == initiatives[0].pk)
    assert (row["status"], row["narrative"], row["reported_in_round"]) == ("off_track", "Partneren har trukket sig",
                                                                          True)
    # Later changes leave the closed round's report as it was.
    _report(initiatives[0], by=area_editor, seen=StatusUpdate.objects.get().pk, status="completed", progress=100)
    services.remove_item(item=initiatives[1], expected_version=initiatives[1].version, reason="Opgivet",
                         by=area_editor)
    assert ReportingRound.objects.get(pk=closed.pk).report == frozen


def test_a_closed_round_takes_no_updates_and_is_not_reopened(current_plan, area_editor, international_office):
    reporting_round = services.close_round(reporting_round=_open(international_office), by=international_office)
    with pytest.raises(IntegrityError, match="closed"), transaction.atomic():
        StatusUpdate.objects.create(initiative=_first(current_plan), round=reporting_round, as_of=TODAY(),
                                    status="on_track", progress=1)
    with pytest.raises(IntegrityError, match="closed"), transaction.atomic():
        ReportingRound.objects.filter(pk=reporting_round.pk).update(is_open=True)
    with pytest.raises(ValidationError):
        services.close_round(reporting_round=reporting_round, by=international_office)


def test_late_and_missing_updates_by_area(current_plan, area_editor, international_office):
    reporting_round = _open(international_office, as_of=TODAY() - datetime.timedelta(days=40),
                            deadline=TODAY() - datetime.timedelta(days=10))
    _report(_first(current_plan), by=area_editor, as_of=reporting_round.as_of)
    [area] = rollup.round_progress(reporting_round)["areas"]
    assert (area["due"], area["on_time"], area["late"], len(area["missing"]), area["overdue"]) == (4, 0, 1, 3, True)
    assert area["missing"][0]["owner"] == "Ejer"


# --- The pages ------------------------------------------------------------------------------------------------


def test_an_editor_reports_from_the_plans_reporting_page(client, area_editor, current_plan, international_office):
    reporting_round = _open(international_office, as_of=current_plan.term.starts_on)
    client.force_login(area_editor)
    initiative = _first(current_plan)
    page = client.get(reverse("actionplans:reporting", args=[current_plan.pk]))
    assert page.status_code == 200
    assert f'action="{reverse("actionplans:status_update", args=[initiative.pk])}"' in page.content.decode()
    response = client.post(reverse("actionplans:status_update", args=[initiative.pk]),
                           _form(initiative, status="at_risk", progress="40", narrative="Mangler midler",
                                 as_of=reporting_round.as_of.isoformat()))
    assert response.status_code == 302
    assert response.url.endswith(f"#initiative-{initiative.pk}")
    assert StatusUpdate.objects.get().round == reporting_round


def test_a_refused_update_keeps_the_input_with_the_reason(client, area_editor, current_plan):
    client.force_login(area_editor)
    initiative = _first(current_plan)
    response = client.post("/en" + reverse("actionplans:status_update", args=[initiative.pk]),
                           _form(initiative, progress="140", narrative="Halvvejs"))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Ensure this value is less than or equal to 100." in page and "Halvvejs" in page
    assert not StatusUpdate.objects.exists()


def test_an_update_made_meanwhile_gives_409_and_keeps_the_input(client, area_editor, international_office,
                                                               current_plan):
    initiative = _first(current_plan)
    client.force_login(area_editor)
    _report(initiative, by=international_office, status="off_track", progress=5)
    response = client.post(reverse("actionplans:status_update", args=[initiative.pk]),
                           _form(initiative, narrative="Min opdatering"))
    assert response.status_code == 409
    assert "Min opdatering" in response.content.decode() and str(international_office) in response.content.decode()
    assert StatusUpdate.objects.count() == 1


def test_who_may_report(client, council_member, other_area_editor, current_plan):
    initiative = _first(current_plan)
    for user in (council_member, other_area_editor):
        client.force_login(user)
        assert client.post(reverse("actionplans:status_update", args=[initiative.pk]), _form(initiative)).status_code \
            == 403
        assert client.get(reverse("actionplans:reporting", args=[current_plan.pk])).status_code == 403
    assert not StatusUpdate.objects.exists()


def test_the_international_office_opens_and_closes_rounds(client, international_office, council_member,
                                                         current_plan):
    client.force_login(council_member)
    assert client.post(reverse("actionplans:rounds"), {"as_of": TODAY().isoformat(),
                                                       "deadline": TODAY().isoformat()}).status_code == 403
    client.force_login(international_office)
    response = client.post(reverse("actionplans:rounds"), {"as_of": TODAY().isoformat(),
                                                           "deadline": (TODAY() - datetime.timedelta(days=1))
                                                           .isoformat()})
    assert response.status_code == 400 and not ReportingRound.objects.exists()
    response = client.post(reverse("actionplans:rounds"), {"as_of": TODAY().isoformat(),
                                                           "deadline": TODAY().isoformat()})
    reporting_round = ReportingRound.objects.get()
    assert response.url == reporting_round.get_absolute_url()
    page = client.get(reporting_round.get_absolute_url()).content.decode()
    assert "Ejer" in page  # the owners of the missing updates
    client.force_login(council_member)
    page = client.get(reporting_round.get_absolute_url()).content.decode()
    # Every reader follows the missing updates to the initiatives (the reporting pages are the editors').
    assert reverse("actionplans:initiative_detail", args=[_first(current_plan).pk]) in page
    assert reverse("actionplans:reporting", args=[current_plan.pk]) not in page
    assert client.post(reverse("actionplans:round_close", args=[reporting_round.pk]),
                       {"confirm": "on"}).status_code == 403
    client.force_login(international_office)
    assert client.post(reverse("actionplans:round_close", args=[reporting_round.pk])).status_code == 400
    assert ReportingRound.objects.get().is_open is True
    assert client.post(reverse("actionplans:round_close", args=[reporting_round.pk]),
                       {"confirm": "on"}).status_code == 302
    assert ReportingRound.objects.get().is_open is False


def test_milestones_and_indicators_are_added_on_the_initiative_page(client, area_editor, current_plan):
    client.force_login(area_editor)
    initiative = _first(current_plan)
    url = reverse("actionplans:follow_up_add", args=[initiative.pk, "milestone"])
    assert client.post(url, {"milestone-title": "Workshop", "milestone-due_on": "2026-06-01"}).status_code == 302
    refused = client.post(reverse("actionplans:follow_up_add", args=[initiative.pk, "indicator"]), {
        "indicator-name": "Udvekslinger", "indicator-baseline": "5", "indicator-target": "5",
        "indicator-target_on": "2027-12-31"})
    assert refused.status_code == 400 and not Indicator.objects.exists()
    page = client.get(reverse("actionplans:initiative_detail", args=[initiative.pk])).content.decode()
    assert "Workshop" in page


@pytest.mark.parametrize("size", [2, 20])
def test_the_reporting_page_takes_the_same_queries_at_any_size(client, area_editor, health, current_term,
                                                              international_office, size):
    plan = make_plan(health, current_term, goals=2, initiatives=size // 2)
    _open(international_office)
    for initiative in Initiative.objects.filter(goal__plan=plan)[:3]:
        Milestone.objects.create(initiative=initiative, title="m", due_on=TODAY())
        Indicator.objects.create(initiative=initiative, name="i", baseline=0, target=1, target_on=TODAY())
        _report(initiative, by=area_editor)
    client.force_login(area_editor)
    client.get("/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("actionplans:reporting", args=[plan.pk])).status_code == 200
    # the 8 of every page, plan, its area's permission check, the goals with their number of initiatives (to page
    # them), initiatives, open milestones, indicators, latest updates, the open round
    assert len(queries) == 16, [q["sql"][:80] for q in queries.captured_queries]


def test_plans_in_force_of_every_kind_count_in_a_round(old_plan, international_office, current_term):
    """The plan of the ended term is still in force until its successor is adopted: its initiatives are due."""
    assert old_plan.status == ActionPlan.Status.IN_FORCE
    reporting_round = _open(international_office)
    assert rollup.round_progress(reporting_round)["due"] == 4


def test_an_update_for_a_round_that_closed_meanwhile_is_refused_and_kept(client, area_editor, international_office,
                                                                          current_plan):
    reporting_round = _open(international_office, as_of=current_plan.term.starts_on)
    initiative = _first(current_plan)
    client.force_login(area_editor)
    data = _form(initiative, narrative="Sent efter lukningen", **{"for_round": str(reporting_round.pk)})
    frozen = services.close_round(reporting_round=reporting_round, by=international_office).report

    refused = client.post(reverse("actionplans:status_update", args=[initiative.pk]), data)

    assert refused.status_code == 400
    assert "Statusrunden blev lukket i mellemtiden" in refused.content.decode()
    assert "Sent efter lukningen" in refused.content.decode()
    assert not StatusUpdate.objects.exists()
    assert ReportingRound.objects.get().report == frozen
    # Saving again (the form now names no open round) records it outside the closed round.
    again = data | {f"initiative-{initiative.pk}-for_round": ""}
    assert client.post(reverse("actionplans:status_update", args=[initiative.pk]), again).status_code == 302
    assert StatusUpdate.objects.get().round is None


def test_a_rounds_page_names_the_first_missing_updates_and_counts_the_rest(client, international_office, health,
                                                                          current_term):
    plan = make_plan(health, current_term, goals=3, initiatives=10)
    reporting_round = services.open_round(as_of=current_term.starts_on, deadline=timezone.localdate(), by=None)
    client.force_login(international_office)
    page = client.get(reverse("actionplans:round_detail", args=[reporting_round.pk])).content.decode()
    assert page.count(reverse("actionplans:initiative_detail", args=[0])[:-2]) == 25
    assert f'Og 5 mere: <a href="{reverse("actionplans:plan_detail", args=[plan.pk])}">planen</a>' in page
