import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from actionplans import services
from actionplans.history import plan_states
from actionplans.models import ActionPlan, Adjustment, Goal, Initiative
from actionplans.revision import revision_state
from actionplans.tests.factories import make_plan
from audit.models import Event
from common.editing import EditConflict


def _edit_initiative(initiative, *, by, reason="Ny status", version=None, **changes):
    fresh = Initiative.objects.get(pk=initiative.pk)
    for name, value in changes.items():
        setattr(fresh, name, value)
    return services.save_initiative(
        initiative=fresh, partner_regions=fresh.partner_regions.all(), funding_sources=fresh.funding_sources.all(),
        expected_version=initiative.version if version is None else version, reason=reason, by=by)


def test_adjusting_a_plan_in_force_records_who_when_why_and_what(current_plan, area_editor):
    initiative = Initiative.objects.filter(goal__plan=current_plan).first()
    _edit_initiative(initiative, by=area_editor, reason="Projektet er i gang", department="Forskning")
    adjustment = current_plan.adjustments.order_by("-number").first()
    assert adjustment.number == 2
    assert adjustment.made_by == area_editor
    assert adjustment.reason == "Projektet er i gang"
    assert initiative.title in adjustment.summary
    saved = Initiative.objects.get(pk=initiative.pk)
    assert (saved.department, saved.version) == ("Forskning", 2)
    assert Event.objects.filter(action=Event.Action.CHANGE, user=area_editor).exists()


def test_adjusting_a_plan_in_force_needs_a_reason(current_plan, area_editor):
    initiative = Initiative.objects.filter(goal__plan=current_plan).first()
    with pytest.raises(ValidationError) as caught:
        _edit_initiative(initiative, by=area_editor, reason="  ", department="Forskning")
    assert "reason" in caught.value.message_dict
    assert Initiative.objects.get(pk=initiative.pk).department == ""
    assert current_plan.adjustments.count() == 1


def test_a_draft_can_be_changed_without_a_reason(health, current_term, area_editor):
    draft = make_plan(health, current_term, status=ActionPlan.Status.DRAFT)
    initiative = Initiative.objects.filter(goal__plan=draft).first()
    _edit_initiative(initiative, by=area_editor, reason="", department="Forskning")
    assert Initiative.objects.get(pk=initiative.pk).department == "Forskning"


def test_second_edit_of_the_same_version_is_refused_and_shows_the_first(current_plan, area_editor, other_area_editor):
    initiative = Initiative.objects.filter(goal__plan=current_plan).first()
    _edit_initiative(initiative, by=area_editor, reason="Første", department="Forskning")
    with pytest.raises(EditConflict) as caught:
        _edit_initiative(initiative, by=other_area_editor, reason="Anden", department="HR")
    conflict = caught.value
    assert (conflict.current.version, conflict.current.department) == (2, "Forskning")
    assert conflict.saved_by == area_editor
    assert Initiative.objects.get(pk=initiative.pk).department == "Forskning"
    assert current_plan.adjustments.count() == 2


def test_removing_keeps_the_goal_in_history(current_plan, area_editor):
    goal = current_plan.goals.first()
    services.remove_item(item=goal, expected_version=goal.version, reason="Opgivet", by=area_editor)
    goal.refresh_from_db()
    assert goal.removed_at is not None
    latest = current_plan.adjustments.order_by("-number").first()
    removed = [g for g in plan_states(current_plan.pk, [latest.number])[latest.number]["goals"] if g["id"] == goal.pk]
    assert removed[0]["removed"] is True
    assert Goal.objects.filter(pk=goal.pk).exists()


def test_moving_a_goal_swaps_its_place(current_plan, area_editor):
    first, second = current_plan.goals.order_by("position")
    services.move_item(item=second, up=True, reason="Vigtigst først", by=area_editor)
    assert list(current_plan.goals.order_by("position").values_list("pk", flat=True)) == [second.pk, first.pk]


def test_start_revision_carries_forward_what_was_chosen(old_plan, health, current_term, area_editor):
    keep_goal = old_plan.goals.order_by("position").first()
    keep_initiative = keep_goal.initiatives.order_by("position").first()
    draft = services.start_revision(area=health, previous=old_plan, goal_ids=[keep_goal.pk],
                                    initiative_ids=[keep_initiative.pk], by=area_editor)
    assert (draft.term, draft.status, draft.previous) == (current_term, ActionPlan.Status.DRAFT, old_plan)
    [goal] = draft.goals.all()
    [initiative] = goal.initiatives.all()
    assert (goal.lineage, initiative.lineage) == (keep_goal.lineage, keep_initiative.lineage)
    assert list(initiative.partner_regions.values_list("code", flat=True)) == ["shanghai"]
    old_plan.refresh_from_db()
    assert old_plan.status == ActionPlan.Status.IN_FORCE  # stays in force until the draft is adopted


def test_only_one_revision_per_area_and_term(old_plan, health, area_editor):
    services.start_revision(area=health, previous=old_plan, goal_ids=[], initiative_ids=[], by=area_editor)
    with pytest.raises(ValidationError):
        services.start_revision(area=health, previous=old_plan, goal_ids=[], initiative_ids=[], by=area_editor)
    assert ActionPlan.objects.filter(area=health, status="draft").count() == 1


def test_no_revision_when_the_current_term_already_has_a_plan(current_plan, old_plan, health, area_editor):
    with pytest.raises(ValidationError):
        services.start_revision(area=health, previous=old_plan, goal_ids=[], initiative_ids=[], by=area_editor)


def test_adopting_puts_the_draft_in_force_and_supersedes_the_old_plan(old_plan, health, area_editor):
    draft = services.start_revision(area=health, previous=old_plan, goal_ids=[], initiative_ids=[], by=area_editor)
    today = timezone.localdate()
    services.adopt_plan(plan=draft, adopted_on=today, by=area_editor)
    draft.refresh_from_db()
    old_plan.refresh_from_db()
    assert (draft.status, draft.adopted_on) == (ActionPlan.Status.IN_FORCE, today)
    assert old_plan.status == ActionPlan.Status.SUPERSEDED


@pytest.mark.parametrize("days", [1, 400])
def test_adoption_date_in_the_future_or_outside_the_term_is_refused(old_plan, health, area_editor, days):
    draft = services.start_revision(area=health, previous=old_plan, goal_ids=[], initiative_ids=[], by=area_editor)
    today = timezone.localdate()
    day = today + datetime.timedelta(days=days) if days < 400 else draft.term.starts_on - datetime.timedelta(days=1)
    with pytest.raises(ValidationError):
        services.adopt_plan(plan=draft, adopted_on=day, by=area_editor)
    draft.refresh_from_db()
    old_plan.refresh_from_db()
    assert (draft.status, old_plan.status) == (ActionPlan.Status.DRAFT, ActionPlan.Status.IN_FORCE)


def test_a_plan_cannot_be_adopted_before_its_term_begins(health, area_editor, starting_data):
    from actionplans.models import CouncilTerm

    future = CouncilTerm.objects.filter(starts_on__gt=timezone.localdate()).first()
    draft = ActionPlan.objects.create(area=health, term=future, status=ActionPlan.Status.DRAFT)
    with pytest.raises(ValidationError) as caught, translation.override("en"):
        services.adopt_plan(plan=draft, adopted_on=timezone.localdate(), by=area_editor)
    assert "before its council term has begun" in caught.value.messages[0]
    assert ActionPlan.objects.get(pk=draft.pk).status == ActionPlan.Status.DRAFT


def test_the_plan_in_force_stays_adjustable_after_its_term_ended(old_plan, area_editor):
    initiative = Initiative.objects.filter(goal__plan=old_plan).first()
    _edit_initiative(initiative, by=area_editor, reason="Justeres løbende", owner="Ny ejer")
    assert Initiative.objects.get(pk=initiative.pk).owner == "Ny ejer"
    assert old_plan.adjustments.count() == 2


def test_a_plan_that_is_history_is_refused_by_the_services(history_plan, area_editor):
    initiative = Initiative.objects.filter(goal__plan=history_plan).first()
    with pytest.raises(ValidationError) as caught:
        _edit_initiative(initiative, by=area_editor, owner="Ny ejer")
    assert "er historik og kan læses, sammenlignes og eksporteres, men ikke ændres" in caught.value.messages[0]
    assert Initiative.objects.get(pk=initiative.pk).owner == "Ejer"


@pytest.mark.parametrize("change", ["goal_title", "initiative_progress", "plan_summary", "new_goal", "link",
                                    "adjustment"])
def test_a_plan_that_is_history_is_refused_by_the_database(history_plan, change):
    goal = history_plan.goals.first()
    initiative = goal.initiatives.first()
    statements = {
        "goal_title": lambda: Goal.objects.filter(pk=goal.pk).update(title="x"),
        "initiative_progress": lambda: Initiative.objects.filter(pk=initiative.pk).update(progress=99),
        "plan_summary": lambda: ActionPlan.objects.filter(pk=history_plan.pk).update(summary="x"),
        "new_goal": lambda: Goal.objects.create(plan=history_plan, title="x"),
        "link": lambda: initiative.partner_regions.clear(),
        "adjustment": lambda: Adjustment.objects.filter(plan=history_plan).update(reason="x"),
    }
    with pytest.raises(IntegrityError, match="history"), transaction.atomic():
        statements[change]()
    assert Goal.objects.get(pk=goal.pk).title == "Mål 1"
    assert Initiative.objects.get(pk=initiative.pk).partner_regions.count() == 1


def test_the_plan_in_force_of_an_ended_term_is_accepted_by_the_database(old_plan):
    Goal.objects.filter(plan=old_plan).update(title="Justeret")
    assert set(old_plan.goals.values_list("title", flat=True)) == {"Justeret"}


def test_an_adoption_date_is_fixed_at_the_database(old_plan):
    with pytest.raises(IntegrityError, match="adoption_date_frozen"), transaction.atomic():
        ActionPlan.objects.filter(pk=old_plan.pk).update(adopted_on=old_plan.adopted_on + datetime.timedelta(days=1))


def test_revision_state_follows_the_term_and_the_deadline(old_plan, current_term, settings):
    settings.REVISION_DEADLINE_DAYS = 100
    plans = [old_plan]
    start = current_term.starts_on
    due = revision_state(plans=plans, term=current_term, today=start + datetime.timedelta(days=10))
    assert (due.code, due.days_due, due.days_left) == ("due", 10, 90)
    overdue = revision_state(plans=plans, term=current_term, today=start + datetime.timedelta(days=130))
    assert (overdue.code, overdue.days_overdue) == ("overdue", 30)
    current = make_plan(old_plan.area, current_term, goals=0)
    assert revision_state(plans=[old_plan, current], term=current_term, today=current_term.starts_on).code == "current"
