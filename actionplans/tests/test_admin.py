"""Council terms and action plans in Django admin: a plan that is history is read, never changed; the
models' rules refuse a bad save with a message and change nothing."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.tests.test_admin import (
    admin_url,
    ended_term,
    form_data,
    loading_history,
    make_goal,
    make_initiative,
    make_plan,
    model_url,
)
from actionplans.models import ActionPlan, Adjustment, CouncilTerm, Election, Goal, Initiative
from strategy.models import FundingSource, Purpose

D = datetime.date


@pytest.fixture
def current_term(starting_data):
    return CouncilTerm.objects.current()


@pytest.fixture
def old_plan(starting_data):
    """The health plan of the 2018–2021 term, with a goal and an initiative: history."""
    with loading_history():
        plan = make_plan(area_code="sundhed", term=ended_term(), status=ActionPlan.Status.IN_FORCE,
                         adopted_on=D(2018, 6, 1))
        make_initiative(make_goal(plan))
    return plan


@pytest.fixture
def plan(current_term):
    """The health draft of the current term, with a goal and an initiative."""
    plan = make_plan(area_code="sundhed", term=current_term)
    make_initiative(make_goal(plan), ends_on=current_term.starts_on + datetime.timedelta(days=365))
    return plan


def _snapshot(plan):
    plan.refresh_from_db()
    goals = list(Goal.objects.filter(plan=plan).values())
    initiatives = list(Initiative.objects.filter(goal__plan=plan).values())
    return plan.summary, plan.status, plan.version, plan.updated_at, goals, initiatives


# --- A plan that is history -----------------------------------------------------------------------------


def test_a_plan_of_an_ended_term_is_read(client, administrator, old_plan):
    client.force_login(administrator)

    response = client.get(model_url(ActionPlan, "change", old_plan.pk))

    assert response.status_code == 200
    assert response.context["has_change_permission"] is False
    goals = response.context["inline_admin_formsets"][0]
    assert (goals.has_add_permission, goals.has_change_permission, goals.has_delete_permission) == (
        False, False, False)


@pytest.mark.parametrize("who", ["administrator", "international_office"])
def test_a_plan_of_an_ended_term_cannot_be_changed(client, request, who, old_plan):
    client.force_login(request.getfixturevalue(who))
    before = _snapshot(old_plan)

    response = client.post(model_url(ActionPlan, "change", old_plan.pk), {
        "area": old_plan.area_id, "term": old_plan.term_id, "status": "in_force", "adopted_on": "2018-06-01",
        "summary": "Rewritten afterwards", "goals-TOTAL_FORMS": "0", "goals-INITIAL_FORMS": "0",
        "adjustments-TOTAL_FORMS": "0", "adjustments-INITIAL_FORMS": "0"})

    assert response.status_code == 403
    assert _snapshot(old_plan) == before


def test_goals_and_initiatives_of_an_ended_term_cannot_be_changed(client, administrator, old_plan):
    client.force_login(administrator)
    goal = old_plan.goals.get()
    initiative = goal.initiatives.get()
    before = _snapshot(old_plan)

    goal_page = client.get(model_url(Goal, "change", goal.pk))
    assert goal_page.status_code == 200
    assert goal_page.context["has_change_permission"] is False
    assert goal_page.context["inline_admin_formsets"][0].has_add_permission is False
    assert client.get(model_url(Initiative, "change", initiative.pk)).context["has_change_permission"] is False

    assert client.post(model_url(Goal, "change", goal.pk), {"plan": old_plan.pk, "title": "New title",
                                                            "purposes": [1]}).status_code == 403
    assert client.post(model_url(Initiative, "change", initiative.pk), {
        "goal": goal.pk, "title": "New title", "owner": "Someone", "starts_on": "2018-01-01",
        "status": "planned", "progress": "0", "position": "0"}).status_code == 403
    assert _snapshot(old_plan) == before


def test_a_superseded_plan_cannot_be_changed(client, administrator, current_term):
    client.force_login(administrator)
    with loading_history():
        superseded = make_plan(area_code="stabe", term=current_term, status=ActionPlan.Status.SUPERSEDED,
                               adopted_on=current_term.starts_on)
    before = _snapshot(superseded)

    response = client.post(model_url(ActionPlan, "change", superseded.pk), {
        "area": superseded.area_id, "term": current_term.pk, "status": "superseded",
        "adopted_on": current_term.starts_on.isoformat(), "summary": "Changed"})

    assert response.status_code == 403
    assert _snapshot(superseded) == before


def test_nothing_is_added_to_a_plan_that_is_history(client, administrator, old_plan, plan):
    client.force_login(administrator)
    old_goal = old_plan.goals.get()

    goal_form = client.get(model_url(Goal, "add")).context["adminform"].form
    initiative_form = client.get(model_url(Initiative, "add")).context["adminform"].form
    plan_form = client.get(model_url(ActionPlan, "add")).context["adminform"].form

    assert list(goal_form.fields["plan"].queryset) == [plan]
    assert list(initiative_form.fields["goal"].queryset) == [plan.goals.get()]
    assert ended_term() not in plan_form.fields["term"].queryset

    response = client.post(model_url(Goal, "add"), {"plan": old_plan.pk, "title": "Late goal",
                                                    "purposes": [Purpose.objects.get(number=1).pk], "position": 0,
                                                    "initiatives-TOTAL_FORMS": "0", "initiatives-INITIAL_FORMS": "0"})
    assert response.status_code == 200
    assert "plan" in response.context["adminform"].form.errors
    assert list(old_plan.goals.all()) == [old_goal]


def test_a_plan_is_not_added_to_an_ended_term(client, administrator, starting_data):
    client.force_login(administrator)

    response = client.post(model_url(ActionPlan, "add"), {
        "area": 1, "term": ended_term().pk, "status": "draft", "summary": "",
        "goals-TOTAL_FORMS": "0", "goals-INITIAL_FORMS": "0"})

    assert response.status_code == 200
    assert "term" in response.context["adminform"].form.errors
    assert not ActionPlan.objects.exists()


# --- Working on a current plan ----------------------------------------------------------------------------


def test_international_office_changes_a_current_plan_and_adds_a_goal(client, international_office, plan):
    client.force_login(international_office)
    url = model_url(ActionPlan, "change", plan.pk)
    data = form_data(client.get(url))
    data["summary"] = "Health cooperation with Shanghai and Hungary."
    index = int(data["goals-TOTAL_FORMS"])
    data["goals-TOTAL_FORMS"] = str(index + 1)
    data |= {f"goals-{index}-title": "Shared research on rehabilitation", f"goals-{index}-position": "2",
             f"goals-{index}-purposes": [str(Purpose.objects.get(number=2).pk)]}

    response = client.post(url, data)

    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.summary == "Health cooperation with Shanghai and Hungary."
    assert plan.version == 0  # the number of the latest recorded adjustment: admin records none
    new_goal = plan.goals.get(title="Shared research on rehabilitation")
    assert [p.number for p in new_goal.purposes.all()] == [2]


def test_changing_a_goal_raises_its_version(client, administrator, plan):
    client.force_login(administrator)
    goal = plan.goals.get()
    url = model_url(Goal, "change", goal.pk)
    data = form_data(client.get(url))
    data["title"] = "Stronger cooperation with Shanghai and Győr"
    data["removed_at"] = "2026-01-01 10:00"  # read only: ignored

    assert client.post(url, data).status_code == 302

    goal.refresh_from_db()
    assert goal.title == "Stronger cooperation with Shanghai and Győr"
    assert goal.version == 2
    assert goal.removed_at is None


def test_an_initiative_is_added_under_its_goal(client, administrator, plan):
    client.force_login(administrator)
    goal = plan.goals.get()
    url = model_url(Goal, "change", goal.pk)
    data = form_data(client.get(url))
    index = int(data["initiatives-TOTAL_FORMS"])
    data["initiatives-TOTAL_FORMS"] = str(index + 1)
    data |= {f"initiatives-{index}-{name}": value for name, value in {
        "title": "Nurse exchange with Győr", "owner": "Regionshospitalet Randers", "starts_on": "2027-02-01",
        "ends_on": "2027-06-30", "status": "planned", "progress": "0", "position": "1",
        "funding_sources": [str(FundingSource.objects.get(code="interreg").pk)]}.items()}

    assert client.post(url, data).status_code == 302

    initiative = goal.initiatives.get(title="Nurse exchange with Győr")
    assert [f.code for f in initiative.funding_sources.all()] == ["interreg"]


# --- The models' rules, refused in admin --------------------------------------------------------------------


def test_an_initiative_ending_before_it_starts_is_refused(client, administrator, plan):
    client.force_login(administrator)
    initiative = Initiative.objects.get(goal__plan=plan)
    url = model_url(Initiative, "change", initiative.pk, lang="en")
    data = form_data(client.get(url))
    data["ends_on"] = (initiative.starts_on - datetime.timedelta(days=1)).isoformat()
    before = _snapshot(plan)

    response = client.post(url, data)

    assert response.status_code == 200
    assert "An initiative cannot end before it starts." in response.content.decode()
    assert _snapshot(plan) == before


def test_a_new_initiative_ending_before_it_starts_is_refused(client, administrator, plan):
    client.force_login(administrator)

    response = client.post(model_url(Initiative, "add", lang="en"), {
        "goal": plan.goals.get().pk, "title": "Backwards", "owner": "Stabe", "starts_on": "2027-05-01",
        "ends_on": "2027-04-30", "status": "planned", "progress": "0", "position": "0"})

    assert response.status_code == 200
    assert "An initiative cannot end before it starts." in response.content.decode()
    assert not Initiative.objects.filter(title="Backwards").exists()


def test_an_overlapping_council_term_is_refused(client, administrator, starting_data):
    client.force_login(administrator)
    election = Election.objects.create(held_on=D(2024, 6, 4), note="Test: an extraordinary election.")
    terms_before = list(CouncilTerm.objects.values())

    response = client.post(model_url(CouncilTerm, "add", lang="en"), {
        "election": election.pk, "starts_on": "2025-01-01", "ends_on": "2028-12-31", "note": "Deviates."})

    assert response.status_code == 200
    assert "Council terms cannot overlap." in response.content.decode()
    assert list(CouncilTerm.objects.values()) == terms_before


def test_moving_a_term_into_its_neighbour_is_refused(client, administrator, current_term):
    client.force_login(administrator)
    url = model_url(CouncilTerm, "change", current_term.pk, lang="en")
    data = form_data(client.get(url))
    data["ends_on"] = "2030-06-30"
    data["note"] = "Deviates."

    response = client.post(url, data)

    assert response.status_code == 200
    assert "Council terms cannot overlap." in response.content.decode()
    current_term.refresh_from_db()
    assert current_term.ends_on == D(2029, 12, 31)


def test_an_election_off_the_rule_needs_a_note(client, administrator, starting_data):
    client.force_login(administrator)
    url = model_url(Election, "add", lang="en")

    refused = client.post(url, {"held_on": "2031-03-04", "note": ""})
    accepted = client.post(url, {"held_on": "2031-03-04", "note": "Extraordinary election after a merger."})

    assert "This date deviates from the election rule: say why in the note." in refused.content.decode()
    assert accepted.status_code == 302
    assert Election.objects.get(held_on=D(2031, 3, 4)).note == "Extraordinary election after a merger."


# --- Records, lists ------------------------------------------------------------------------------------------


def test_adjustments_are_read_only(client, administrator, plan):
    client.force_login(administrator)
    adjustment = Adjustment.objects.create(plan=plan, number=1, summary="Goal added", reason="Council meeting",
                                           snapshot={"goals": []})

    plan_page = client.get(model_url(ActionPlan, "change", plan.pk))
    page = client.get(model_url(Adjustment, "change", adjustment.pk))

    assert [form.instance for form in plan_page.context["inline_admin_formsets"][1].formset.forms] == [adjustment]
    assert page.context["has_change_permission"] is False
    assert client.post(model_url(Adjustment, "change", adjustment.pk), {"reason": "Other"}).status_code == 403
    assert client.get(model_url(Adjustment, "add")).status_code == 403


def test_initiative_list_costs_the_same_queries_for_more_initiatives(client, administrator, plan):
    client.force_login(administrator)
    url = model_url(Initiative, "changelist")
    client.get(url)

    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    before = count_queries()
    for n in range(5):
        make_initiative(make_goal(plan, title=f"Goal {n}"), title=f"Initiative {n}")

    assert count_queries() == before


def test_initiatives_are_filtered_by_area_and_term(client, administrator, plan, old_plan):
    client.force_login(administrator)
    url = model_url(Initiative, "changelist")

    current = client.get(url, {"goal__plan__term__id__exact": plan.term_id}).context["cl"].result_list

    assert [i.goal.plan for i in current] == [plan]


def test_partner_regions_are_chosen_by_autocomplete(client, international_office, plan):
    client.force_login(international_office)

    response = client.get(admin_url("autocomplete"), {"app_label": "actionplans", "model_name": "initiative",
                                                      "field_name": "partner_regions", "term": "Shang"})

    assert response.status_code == 200
    assert [result["text"] for result in response.json()["results"]] == ["Shanghai"]
