"""Council terms and action plans in Django admin: a plan that is history is read, never changed; every
change goes through the plan services (reason, version, adjustment); the models' rules refuse a bad save
with a message and change nothing."""

import datetime
import re

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext

from actionplans import services
from actionplans.history import loading_history, plan_states
from actionplans.models import ActionPlan, Adjustment, CouncilTerm, Election, Goal, Initiative
from actionplans.tests.factories import empty_plan, ended_term, make_goal, make_initiative, make_plan
from common.testing import form_data, model_url
from strategy.models import Area, FundingSource, Purpose

D = datetime.date
REASON_REQUIRED = "Say briefly why the plan in force is adjusted."
CONFLICT = "Someone else saved this meanwhile, so nothing was saved."


@pytest.fixture
def current_term(starting_data):
    return CouncilTerm.objects.current()


@pytest.fixture
def old_plan(starting_data):
    """The health plan of the 2018–2021 term, with a goal and an initiative, superseded: history."""
    with loading_history():
        plan = empty_plan(area_code="sundhed", term=ended_term(), status=ActionPlan.Status.SUPERSEDED,
                         adopted_on=D(2018, 6, 1))
        make_initiative(make_goal(plan))
    return plan


def test_the_plan_in_force_of_an_ended_term_is_adjusted_in_admin(client, administrator, starting_data):
    with loading_history():
        plan = empty_plan(area_code="stabe", term=ended_term(), status=ActionPlan.Status.IN_FORCE,
                          adopted_on=D(2018, 6, 1))
        make_initiative(make_goal(plan))
    client.force_login(administrator)
    url = model_url(ActionPlan, "change", plan.pk)
    data = form_data(client.get(url)) | {"summary": "Justeret, indtil den nye plan er vedtaget.", "reason": "Løbende"}

    assert client.post(url, data).status_code == 302
    plan.refresh_from_db()
    assert plan.summary == "Justeret, indtil den nye plan er vedtaget."


@pytest.fixture
def plan(current_term):
    """The health draft of the current term, with a goal and an initiative."""
    plan = empty_plan(area_code="sundhed", term=current_term)
    make_initiative(make_goal(plan), ends_on=current_term.starts_on + datetime.timedelta(days=365))
    return plan


@pytest.fixture
def plan_in_force(current_term):
    """Regional Development's plan in force for the current term, with a goal and an initiative."""
    plan = empty_plan(area_code="regional-udvikling", term=current_term, status=ActionPlan.Status.IN_FORCE,
                     adopted_on=current_term.starts_on)
    make_initiative(make_goal(plan))
    return plan


def _snapshot(plan):
    plan.refresh_from_db()
    goals = list(Goal.objects.filter(plan=plan).values())
    initiatives = list(Initiative.objects.filter(goal__plan=plan).values())
    adjustments = list(plan.adjustments.values_list("number", flat=True))
    return plan.summary, plan.status, plan.version, plan.updated_at, goals, initiatives, adjustments


def _add_inline_row(data: dict, prefix: str, **values) -> dict:
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = str(index + 1)
    data |= {f"{prefix}-{index}-{name}": value for name, value in values.items()}
    return data


# --- A plan that is history -----------------------------------------------------------------------------


def test_a_plan_that_is_history_is_read(client, administrator, old_plan):
    client.force_login(administrator)

    response = client.get(model_url(ActionPlan, "change", old_plan.pk))

    assert response.status_code == 200
    assert response.context["has_change_permission"] is False
    goals = response.context["inline_admin_formsets"][0]
    assert (goals.has_add_permission, goals.has_change_permission, goals.has_delete_permission) == (
        False, False, False)
    shown = [name for _name, options in response.context["adminform"].fieldsets for name in options["fields"]]
    assert "reason" not in shown


@pytest.mark.parametrize("who", ["administrator", "international_office"])
def test_a_plan_that_is_history_cannot_be_changed(client, request, who, old_plan):
    client.force_login(request.getfixturevalue(who))
    before = _snapshot(old_plan)

    response = client.post(model_url(ActionPlan, "change", old_plan.pk), {
        "summary": "Rewritten afterwards", "reason": "Tidying up", "expected_version": "0",
        "goals-TOTAL_FORMS": "0", "goals-INITIAL_FORMS": "0",
        "adjustments-TOTAL_FORMS": "0", "adjustments-INITIAL_FORMS": "0"})

    assert response.status_code == 403
    assert _snapshot(old_plan) == before


def test_goals_and_initiatives_of_a_plan_that_is_history_cannot_be_changed(client, administrator, old_plan):
    client.force_login(administrator)
    goal = old_plan.goals.get()
    initiative = goal.initiatives.get()
    before = _snapshot(old_plan)

    goal_page = client.get(model_url(Goal, "change", goal.pk))
    assert goal_page.status_code == 200
    assert goal_page.context["has_change_permission"] is False
    assert goal_page.context["inline_admin_formsets"][0].has_add_permission is False
    assert client.get(model_url(Initiative, "change", initiative.pk)).context["has_change_permission"] is False

    assert client.post(model_url(Goal, "change", goal.pk), {"title": "New title", "purposes": [1],
                                                            "reason": "Late fix"}).status_code == 403
    assert client.post(model_url(Initiative, "change", initiative.pk), {
        "title": "New title", "owner": "Someone", "starts_on": "2018-01-01", "status": "planned", "progress": "0",
        "reason": "Late fix"}).status_code == 403
    assert _snapshot(old_plan) == before


def test_a_superseded_plan_cannot_be_changed(client, administrator, current_term):
    client.force_login(administrator)
    with loading_history():
        superseded = empty_plan(area_code="stabe", term=current_term, status=ActionPlan.Status.SUPERSEDED,
                               adopted_on=current_term.starts_on)
    before = _snapshot(superseded)

    response = client.post(model_url(ActionPlan, "change", superseded.pk), {"summary": "Changed",
                                                                           "reason": "Why not"})

    assert response.status_code == 403
    assert _snapshot(superseded) == before


def test_nothing_is_added_to_a_plan_that_is_history(client, administrator, old_plan, plan):
    client.force_login(administrator)
    old_goal = old_plan.goals.get()

    goal_form = client.get(model_url(Goal, "add")).context["adminform"].form
    initiative_form = client.get(model_url(Initiative, "add")).context["adminform"].form

    assert list(goal_form.fields["plan"].queryset) == [plan]
    assert list(initiative_form.fields["goal"].queryset) == [plan.goals.get()]

    response = client.post(model_url(Goal, "add"), {"plan": old_plan.pk, "title": "Late goal",
                                                    "purposes": [Purpose.objects.get(number=1).pk],
                                                    "initiatives-TOTAL_FORMS": "0", "initiatives-INITIAL_FORMS": "0"})
    assert response.status_code == 200
    assert "plan" in response.context["adminform"].form.errors
    assert list(old_plan.goals.all()) == [old_goal]


# --- Working on a current plan, through the services -------------------------------------------------------


def test_international_office_changes_a_draft_and_adds_a_goal(client, international_office, plan):
    client.force_login(international_office)
    url = model_url(ActionPlan, "change", plan.pk)
    data = form_data(client.get(url))
    data["summary"] = "Health cooperation with Shanghai and Hungary."
    _add_inline_row(data, "goals", title="Shared research on rehabilitation",
                    purposes=[str(Purpose.objects.get(number=2).pk)])

    response = client.post(url, data)

    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.summary == "Health cooperation with Shanghai and Hungary."
    new_goal = plan.goals.get(title="Shared research on rehabilitation")
    assert [p.number for p in new_goal.purposes.all()] == [2]
    assert new_goal.position == 1  # after the goal that was there
    adjustments = list(plan.adjustments.order_by("number"))
    assert [a.number for a in adjustments] == [1, 2]
    assert {a.made_by for a in adjustments} == {international_office}
    assert plan.version == 2


def test_a_plan_in_force_is_adjusted_with_a_reason(client, administrator, plan_in_force):
    client.force_login(administrator)
    goal = plan_in_force.goals.get()
    url = model_url(Goal, "change", goal.pk, lang="en")
    data = form_data(client.get(url))
    data["title"] = "Energy cooperation with Győr"
    before = _snapshot(plan_in_force)

    refused = client.post(url, data)

    assert refused.status_code == 200
    assert refused.context["adminform"].form.errors["reason"] == [REASON_REQUIRED]
    assert _snapshot(plan_in_force) == before

    data["reason"] = "Council meeting 12-03-2026 widened the goal."
    assert client.post(url, data).status_code == 302

    goal.refresh_from_db()
    assert (goal.title, goal.version) == ("Energy cooperation with Győr", 2)
    adjustment = plan_in_force.adjustments.get()
    assert (adjustment.reason, adjustment.made_by) == ("Council meeting 12-03-2026 widened the goal.", administrator)
    assert plan_states(plan_in_force.pk, [1])[1]["goals"][0]["title"] == "Energy cooperation with Győr"


def test_inline_changes_to_a_plan_in_force_need_the_reason(client, administrator, plan_in_force):
    client.force_login(administrator)
    url = model_url(ActionPlan, "change", plan_in_force.pk, lang="en")
    data = form_data(client.get(url))
    data["goals-0-title"] = "Renamed in the plan's page"
    before = _snapshot(plan_in_force)

    refused = client.post(url, data)

    assert refused.status_code == 200
    assert REASON_REQUIRED in refused.content.decode()
    assert _snapshot(plan_in_force) == before

    data["reason"] = "Annual review"
    assert client.post(url, data).status_code == 302
    assert plan_in_force.goals.get().title == "Renamed in the plan's page"
    assert plan_in_force.adjustments.get().reason == "Annual review"


def test_an_edit_based_on_an_old_version_is_refused(client, administrator, plan, international_office):
    client.force_login(administrator)
    goal = plan.goals.get()
    url = model_url(Goal, "change", goal.pk, lang="en")
    data = form_data(client.get(url))
    data["title"] = "Administrator's title"
    meanwhile = Goal.objects.get(pk=goal.pk)
    meanwhile.title = "Office's title"
    services.save_goal(goal=meanwhile, purposes=goal.purposes.all(), expected_version=goal.version, reason="",
                       by=international_office)
    before = _snapshot(plan)

    response = client.post(url, data)

    assert response.status_code == 200
    assert CONFLICT in response.content.decode()
    assert _snapshot(plan) == before
    assert Goal.objects.get(pk=goal.pk).title == "Office's title"


def test_an_initiative_is_added_under_its_goal(client, administrator, plan):
    client.force_login(administrator)
    goal = plan.goals.get()
    url = model_url(Goal, "change", goal.pk, lang="en")
    data = _add_inline_row(form_data(client.get(url)), "initiatives", title="Nurse exchange with Győr",
                           owner="Regionshospitalet Randers", starts_on="2027-02-01", ends_on="2027-06-30",
                           status="planned", progress="0", kind="exchange",
                           funding_sources=[str(FundingSource.objects.get(code="interreg").pk)])

    assert client.post(url, data).status_code == 302

    initiative = goal.initiatives.get(title="Nurse exchange with Győr")
    assert [f.code for f in initiative.funding_sources.all()] == ["interreg"]
    assert plan.adjustments.get().summary == "Added initiative “Nurse exchange with Győr”"


def test_a_new_plan_is_a_draft_for_the_current_term(client, administrator, current_term):
    client.force_login(administrator)
    health = Area.objects.get(code="sundhed")
    url = model_url(ActionPlan, "add", lang="en")

    assert list(client.get(url).context["adminform"].form.fields) == ["area", "previous", "summary",
                                                                     "expected_version", "reason"]
    assert client.post(url, {"area": health.pk, "summary": "A fresh start."}).status_code == 302
    again = client.post(url, {"area": health.pk, "summary": "Twice?"}, follow=True)

    plan = ActionPlan.objects.get(area=health)
    assert (plan.term, plan.status, plan.summary) == (current_term, ActionPlan.Status.DRAFT, "A fresh start.")
    assert [a.summary for a in plan.adjustments.order_by("number")] == ["Started a new plan",
                                                                         "Changed the plan's summary"]
    assert "already has a plan or a draft" in " ".join(str(m) for m in get_messages(again.wsgi_request))
    assert ActionPlan.objects.count() == 1


def test_area_term_and_status_are_set_by_the_revision_cycle(client, administrator, plan):
    client.force_login(administrator)
    response = client.get(model_url(ActionPlan, "change", plan.pk))

    assert {"area", "term", "status", "adopted_on", "previous"} <= set(response.context["adminform"].readonly_fields)


def test_removed_at_is_read_only_and_removed_goals_are_not_changed(client, administrator, plan):
    client.force_login(administrator)
    goal = plan.goals.get()
    url = model_url(Goal, "change", goal.pk)
    response = client.get(url)
    assert "removed_at" in response.context["adminform"].readonly_fields

    services.remove_item(item=goal, expected_version=goal.version, reason="", by=administrator)

    assert client.get(url).context["has_change_permission"] is False
    plan_page = client.get(model_url(ActionPlan, "change", plan.pk))
    assert plan_page.context["inline_admin_formsets"][0].formset.forms == []


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
        "ends_on": "2027-04-30", "status": "planned", "progress": "0"})

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


def test_moving_a_term_into_its_neighbour_is_refused(client, administrator, starting_data):
    client.force_login(administrator)
    future = CouncilTerm.objects.get(starts_on=D(2030, 1, 1))
    url = model_url(CouncilTerm, "change", future.pk, lang="en")
    data = form_data(client.get(url))
    data["starts_on"] = "2029-12-31"
    data["note"] = "Deviates."

    response = client.post(url, data)

    assert response.status_code == 200
    assert "Council terms cannot overlap." in response.content.decode()
    future.refresh_from_db()
    assert future.starts_on == D(2030, 1, 1)


def test_a_started_terms_dates_are_read_only_in_admin(client, administrator, current_term):
    client.force_login(administrator)
    url = model_url(CouncilTerm, "change", current_term.pk, lang="en")
    page = client.get(url)
    assert {"starts_on", "ends_on"} <= set(page.context["adminform"].readonly_fields)
    data = form_data(page) | {"ends_on": "2030-06-30", "note": "Moved."}

    assert client.post(url, data).status_code == 302
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
                                           changes={"plan": {}, "goals": [], "initiatives": []})

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


def test_initiatives_are_filtered_by_term(client, administrator, plan, old_plan):
    client.force_login(administrator)

    current = client.get(model_url(Initiative, "changelist"), {"goal__plan__term__id__exact": plan.term_id})

    assert [i.goal.plan for i in current.context["cl"].result_list] == [plan]


def test_partner_regions_and_funding_sources_are_checkboxes(client, administrator, plan):
    """Plain checkboxes, labelled and working without JavaScript: no select2 autocomplete (its search box and
    combobox have no accessible name)."""
    client.force_login(administrator)
    goal = plan.goals.get()

    for url in (model_url(Initiative, "add"), model_url(Initiative, "change", goal.initiatives.get().pk),
                model_url(Goal, "change", goal.pk)):
        html = client.get(url).content.decode()
        assert "admin-autocomplete" not in html, url
        assert re.search(r'<input type="checkbox" name="[\w-]*partner_regions"', html), url
        assert re.search(r'<input type="checkbox" name="[\w-]*funding_sources"', html), url


def test_the_plan_carried_forward_from_is_a_plain_select(client, administrator, plan):
    client.force_login(administrator)

    html = client.get(model_url(ActionPlan, "add")).content.decode()

    assert "admin-autocomplete" not in html
    assert re.search(r'<select name="previous"[^>]*>\s*<option value="" selected>---------</option>',
                     html)


def test_no_label_points_to_the_hidden_version(client, administrator, plan):
    """The version an edit is based on travels in a hidden input that no <label for> names (HTML)."""
    client.force_login(administrator)
    goal = plan.goals.get()

    for url in (model_url(ActionPlan, "change", plan.pk), model_url(Goal, "add"), model_url(Goal, "change", goal.pk),
                model_url(Initiative, "add"), model_url(Initiative, "change", goal.initiatives.get().pk)):
        html = client.get(url).content.decode()
        assert re.search(r'<input type="hidden" name="[\w-]*expected_version"', html), url
        assert not re.search(r'<label[^>]*\sfor="[\w-]*expected_version"', html), url


def test_the_list_of_adjustments_reads_no_changes(client, administrator, current_term):
    """A plan's first adjustment holds its whole content: the list shows no changes, so it reads none (one
    adjustment's page does)."""
    client.force_login(administrator)
    adjustment = make_plan(Area.objects.get(code="sundhed"), current_term).adjustments.get()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(model_url(Adjustment, "changelist")).status_code == 200
    assert not any('"changes"' in query["sql"] for query in queries.captured_queries)
    assert client.get(model_url(Adjustment, "change", adjustment.pk)).status_code == 200


def test_the_list_of_partner_regions_names_their_countries(client, administrator, starting_data):
    from partners.models import PartnerRegion

    client.force_login(administrator)
    page = client.get(model_url(PartnerRegion, "changelist")).content.decode()
    assert "<td class=\"field-country_name\">Kina</td>" in page
