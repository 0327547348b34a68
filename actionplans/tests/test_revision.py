"""Starting a revision and adopting it: what is offered ticked, periods that end before the new term, and the
links between a superseded plan and the plan adopted in its place."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from actionplans import services
from actionplans.history import loading_history
from actionplans.models import ActionPlan, CouncilTerm, Initiative
from actionplans.tests.factories import make_plan

EARLY_ON_START = "Slutter før den nye valgperiode – giv nye datoer i udkastet"
EARLY_IN_DRAFT = "Slutter før valgperioden begynder – giv nye datoer, før planen vedtages"


def _initiatives(plan):
    return list(Initiative.objects.filter(goal__plan=plan).order_by("goal__position", "position"))


def _set_on_history(initiative, **values):
    with loading_history():  # the old plan's term has ended: the database refuses changes otherwise
        Initiative.objects.filter(pk=initiative.pk).update(**values)


def _edit_initiative(initiative, *, by, **changes):
    fresh = Initiative.objects.get(pk=initiative.pk)
    for name, value in changes.items():
        setattr(fresh, name, value)
    return services.save_initiative(initiative=fresh, partner_regions=fresh.partner_regions.all(),
                                    funding_sources=fresh.funding_sources.all(), expected_version=fresh.version,
                                    reason="", by=by)


@pytest.fixture
def early(old_plan, current_term):
    """An initiative of the old plan whose period ends on the last day before the new council term."""
    initiative = _initiatives(old_plan)[0]
    _set_on_history(initiative, ends_on=current_term.starts_on - datetime.timedelta(days=1))
    return initiative


@pytest.fixture
def draft(old_plan, health, area_editor, early):
    """The current term's draft, carrying forward everything of the old plan."""
    return services.start_revision(area=health, previous=old_plan, goal_ids=[g.pk for g in old_plan.goals.all()],
                                   initiative_ids=[i.pk for i in _initiatives(old_plan)], by=area_editor)


def _copy(draft, initiative):
    return Initiative.objects.get(goal__plan=draft, lineage=initiative.lineage)


def _page(client, name, plan):
    return client.get(reverse(f"actionplans:{name}", args=[plan.pk]))


# --- The start screen -------------------------------------------------------------------------------------------


def test_start_screen_offers_finished_initiatives_unticked_and_flags_early_ends(client, area_editor, old_plan,
                                                                                 early, current_term):
    _early, completed, cancelled, on_first_day = _initiatives(old_plan)
    _set_on_history(completed, status=Initiative.Status.COMPLETED, progress=100)
    _set_on_history(cancelled, status=Initiative.Status.CANCELLED)
    _set_on_history(on_first_day, ends_on=current_term.starts_on)
    client.force_login(area_editor)

    response = client.get(reverse("actionplans:start_revision", args=["sundhed"]))

    field = response.context["form"].fields["initiatives"]
    labels = dict(field.choices)
    assert set(labels) == {early.pk, completed.pk, cancelled.pk, on_first_day.pk}  # all still offered
    assert set(field.initial) == {early.pk, on_first_day.pk}
    assert [pk for pk, label in labels.items() if EARLY_ON_START in label] == [early.pk]
    assert response.content.decode().count(EARLY_ON_START) == 1


def test_finished_initiatives_ticked_on_purpose_are_carried_forward(old_plan, health, area_editor):
    completed = _initiatives(old_plan)[1]
    _set_on_history(completed, status=Initiative.Status.COMPLETED, progress=100)
    draft = services.start_revision(area=health, previous=old_plan, goal_ids=[completed.goal_id],
                                    initiative_ids=[completed.pk], by=area_editor)
    copy = _copy(draft, completed)
    # The copy reports afresh in the new plan: its state comes from its own status updates.
    assert (copy.lineage, copy.status, copy.progress) == (completed.lineage, Initiative.Status.PLANNED, 0)


# --- Adopting a draft with periods that end before its term -----------------------------------------------------


def test_adopting_is_refused_while_a_carried_forward_period_ends_before_the_term(draft, early, old_plan,
                                                                               area_editor):
    with pytest.raises(ValidationError) as caught, translation.override("en"):
        services.adopt_plan(plan=draft, adopted_on=timezone.localdate(), by=area_editor)
    assert caught.value.messages == [
        f"The plan cannot be adopted while initiatives end before council term {draft.term.label} starts: "
        f"“{early.title}”. Give them new dates first."
    ]
    draft.refresh_from_db()
    old_plan.refresh_from_db()
    assert (draft.status, old_plan.status) == (ActionPlan.Status.DRAFT, ActionPlan.Status.IN_FORCE)


def test_the_draft_and_its_adopt_page_show_what_blocks_adoption(client, area_editor, draft, early):
    client.force_login(area_editor)
    copy = _copy(draft, early)

    plan_page = _page(client, "plan_detail", draft)
    assert [i.pk for g in plan_page.context["goals"] for i in g.initiatives.all() if i.needs_new_dates] == [copy.pk]
    assert plan_page.content.decode().count(EARLY_IN_DRAFT) == 1
    assert early.title in plan_page.context["new_dates_refusal"]

    adopt_page = _page(client, "adopt", draft)
    assert adopt_page.context["needing_new_dates"] == [copy]
    assert early.title in adopt_page.context["new_dates_refusal"]
    html = adopt_page.content.decode()
    assert reverse("actionplans:initiative_edit", args=[copy.pk]) in html
    assert 'name="adopted_on"' not in html  # no form to submit

    refused = client.post(reverse("actionplans:adopt", args=[draft.pk]),
                          {"adopted_on": timezone.localdate().isoformat()})
    assert refused.status_code == 400
    assert ActionPlan.objects.get(pk=draft.pk).status == ActionPlan.Status.DRAFT


def test_adopting_is_allowed_once_the_period_has_new_dates(client, area_editor, draft, early, old_plan):
    _edit_initiative(_copy(draft, early), by=area_editor, ends_on=draft.term.ends_on)
    client.force_login(area_editor)
    assert _page(client, "adopt", draft).context["new_dates_refusal"] is None
    assert EARLY_IN_DRAFT not in _page(client, "plan_detail", draft).content.decode()

    services.adopt_plan(plan=draft, adopted_on=timezone.localdate(), by=area_editor)

    draft.refresh_from_db()
    old_plan.refresh_from_db()
    assert (draft.status, old_plan.status) == (ActionPlan.Status.IN_FORCE, ActionPlan.Status.SUPERSEDED)


def test_a_removed_initiative_does_not_stop_the_adoption(draft, early, area_editor):
    copy = _copy(draft, early)
    services.remove_item(item=copy, expected_version=copy.version, reason="", by=area_editor)
    services.adopt_plan(plan=draft, adopted_on=timezone.localdate(), by=area_editor)
    assert ActionPlan.objects.get(pk=draft.pk).status == ActionPlan.Status.IN_FORCE


# --- A superseded plan and the plan adopted in its place --------------------------------------------------------


def _links(client, plan) -> dict:
    context = _page(client, "plan_detail", plan).context
    return {"replaces": context["replaces"], "replaced_by": context["replaced_by"]}


def test_a_revised_plan_links_to_its_successor_and_back(client, international_office, old_plan, health,
                                                        area_editor):
    draft = services.start_revision(area=health, previous=old_plan, goal_ids=[], initiative_ids=[], by=area_editor)
    client.force_login(international_office)
    # Before the adoption the draft is only carried forward, and the old plan is in force.
    assert _links(client, old_plan) == {"replaces": None, "replaced_by": None}
    assert _links(client, draft) == {"replaces": None, "replaced_by": None}
    assert "Videreført fra" in _page(client, "plan_detail", draft).content.decode()

    services.adopt_plan(plan=draft, adopted_on=timezone.localdate(), by=area_editor)

    assert _links(client, old_plan) == {"replaces": None, "replaced_by": draft}
    assert _links(client, draft) == {"replaces": old_plan, "replaced_by": None}
    old_page = _page(client, "plan_detail", old_plan).content.decode()
    assert "Afløst af" in old_page and reverse("actionplans:plan_detail", args=[draft.pk]) in old_page
    new_page = _page(client, "plan_detail", draft).content.decode()
    assert "Afløser" in new_page and reverse("actionplans:plan_detail", args=[old_plan.pk]) in new_page


def test_without_a_revision_the_next_adopted_plan_by_term_is_the_successor(client, international_office, health,
                                                                           previous_term, current_term):
    oldest_term = CouncilTerm.objects.filter(starts_on__lt=previous_term.starts_on).last()
    oldest = make_plan(health, oldest_term, status=ActionPlan.Status.SUPERSEDED, goals=0)
    middle = make_plan(health, previous_term, status=ActionPlan.Status.SUPERSEDED, goals=0)
    newest = make_plan(health, current_term, goals=0)
    client.force_login(international_office)

    assert _links(client, oldest) == {"replaces": None, "replaced_by": middle}
    assert _links(client, middle) == {"replaces": oldest, "replaced_by": newest}
    assert _links(client, newest) == {"replaces": middle, "replaced_by": None}
