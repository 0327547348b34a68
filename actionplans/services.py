"""Every change to an action plan goes through here: each is one transaction that checks the plan
may be changed and that a plan in force is given a reason, saves through the edit pipeline
(audit.editing: version check, validation, one audit event), and records an adjustment (who, when,
why, what, and what it changed in the plan)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from actionplans import rollup
from actionplans.history import changes_now, plan_with_content
from actionplans.models import (
    ActionPlan,
    Adjustment,
    CouncilTerm,
    Goal,
    Indicator,
    IndicatorValue,
    Initiative,
    Milestone,
    ReportingRound,
    StatusUpdate,
)
from audit.editing import save_edit
from audit.models import Event
from audit.services import record
from common.editing import EditConflict


def _lock_editable_plan(plan_id: int) -> ActionPlan:
    plan = ActionPlan.objects.select_for_update().select_related("term", "area").get(pk=plan_id)
    if refusal := plan.edit_refusal():
        raise ValidationError(refusal)
    return plan


def _record_adjustment(*, plan: ActionPlan, by, reason: str, summary: str) -> Adjustment:
    """Keep the plan's history: the next version number and what changed since the version before.

    The plan's `version` is its latest adjustment's number (an edit of the plan row itself raised it already)."""
    number = (plan.adjustments.aggregate(n=Max("number"))["n"] or 0) + 1
    ActionPlan.objects.filter(pk=plan.pk).update(version=number)
    plan.version = number
    return Adjustment.objects.create(
        plan=plan, number=number, made_by=by, reason=reason.strip(), summary=summary[:500],
        changes=changes_now(plan.pk, number),
    )


def _adjusted(plan: ActionPlan, *, by, reason: str, summary: str) -> str:
    """The history step of the edit pipeline for plan content: an adjustment, and the audit event's text."""
    _record_adjustment(plan=plan, by=by, reason=reason, summary=summary)
    return f"{summary} ({reason.strip()})" if reason.strip() else summary


def _record_plan_step(plan: ActionPlan, *, by, reason: str, summary: str) -> None:
    """An adjustment of the plan as a whole (revision, adoption, order, removal), with its one audit event."""
    record(Event.Action.CHANGE, user=by, obj=plan, detail=_adjusted(plan, by=by, reason=reason, summary=summary))


@transaction.atomic
def save_plan_summary(*, plan: ActionPlan, summary: str, expected_version: int, reason: str, by) -> ActionPlan:
    """Change the plan's summary. The plan's version is its latest adjustment's number."""
    locked = _lock_editable_plan(plan.pk)
    locked.check_reason(reason)
    locked.summary = summary
    save_edit(locked, expected_version=expected_version, by=by, keep=("status", "adopted_on"),
              history=lambda created, changed: _adjusted(locked, by=by, reason=reason,
                                                         summary=_("Changed the plan's summary")))
    return locked


@transaction.atomic
def save_goal(*, goal: Goal, purposes, expected_version: int | None, reason: str, by) -> Goal:
    """Create or change a goal. `goal` carries the new values; `expected_version` the version edited."""
    plan = _lock_editable_plan(goal.plan_id)
    plan.check_reason(reason)
    if goal.pk is None:
        goal.position = plan.goals.count()
    template = _("Changed goal “%(title)s”") if goal.pk else _("Added goal “%(title)s”")
    save_edit(goal, expected_version=expected_version, by=by, relations={"purposes": purposes},
              keep=("plan", "position", "removed_at", "lineage"),
              history=lambda created, changed: _adjusted(plan, by=by, reason=reason,
                                                         summary=template % {"title": goal.title}))
    return goal


@transaction.atomic
def save_initiative(*, initiative: Initiative, partner_regions, funding_sources, expected_version: int | None,
                    reason: str, by) -> Initiative:
    """Create or change an initiative. `initiative` carries the new values; `expected_version` the version edited."""
    plan = _lock_editable_plan(initiative.goal.plan_id)
    plan.check_reason(reason)
    if initiative.pk is None:
        initiative.position = initiative.goal.initiatives.count()
    template = _("Changed initiative “%(title)s”") if initiative.pk else _("Added initiative “%(title)s”")
    save_edit(initiative, expected_version=expected_version, by=by,
              relations={"partner_regions": partner_regions, "funding_sources": funding_sources},
              keep=("goal", "position", "removed_at", "lineage", "status", "progress"),
              history=lambda created, changed: _adjusted(plan, by=by, reason=reason,
                                                         summary=template % {"title": initiative.title}))
    return initiative


@transaction.atomic
def remove_item(*, item: Goal | Initiative, expected_version: int, reason: str, by) -> None:
    """Remove a goal or an initiative from the plan. It stays in the plan's history."""
    plan = _lock_editable_plan(item.plan_id if isinstance(item, Goal) else item.goal.plan_id)
    plan.check_reason(reason)
    current = type(item).objects.get(pk=item.pk)
    current.removed_at = timezone.now()
    label = _("Removed goal “%(title)s”") if isinstance(item, Goal) else _("Removed initiative “%(title)s”")
    save_edit(current, expected_version=expected_version, by=by,
              history=lambda created, changed: _adjusted(plan, by=by, reason=reason,
                                                         summary=label % {"title": current.title}))


@transaction.atomic
def move_item(*, item: Goal | Initiative, up: bool, reason: str, by) -> None:
    """Move a goal within its plan, or an initiative within its goal, one place up or down."""
    kind = "goal" if isinstance(item, Goal) else "initiative"
    plan = _lock_editable_plan(item.plan_id if kind == "goal" else item.goal.plan_id)
    plan.check_reason(reason)
    siblings = (Goal.objects.filter(plan=plan) if kind == "goal" else Initiative.objects.filter(goal_id=item.goal_id))
    ordered = list(siblings.present().select_for_update(of=("self",)).order_by("position", "id"))
    index = next(i for i, s in enumerate(ordered) if s.pk == item.pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(ordered):
        return
    ordered[index], ordered[other] = ordered[other], ordered[index]
    for position, sibling in enumerate(ordered):
        if sibling.position != position:
            type(item).objects.filter(pk=sibling.pk).update(position=position, version=F("version") + 1)
    label = _("Moved goal “%(title)s” up") if up else _("Moved goal “%(title)s” down")
    if kind == "initiative":
        label = _("Moved initiative “%(title)s” up") if up else _("Moved initiative “%(title)s” down")
    _record_plan_step(plan, by=by, reason=reason, summary=label % {"title": item.title})


@transaction.atomic
def start_revision(*, area, previous: ActionPlan | None, goal_ids, initiative_ids, by) -> ActionPlan:
    """Create the current term's draft for an area, carrying forward the chosen goals and initiatives."""
    term = CouncilTerm.objects.current()
    if term is None:
        raise ValidationError(_("No council term covers today: an administrator must record it first."))
    if ActionPlan.objects.filter(area=area, term=term).exclude(status=ActionPlan.Status.SUPERSEDED).exists():
        raise ValidationError(_("%(area)s already has a plan or a draft for council term %(term)s.")
                              % {"area": area, "term": term.label})
    if previous is not None and (previous.area_id != area.pk or previous.term.starts_on >= term.starts_on):
        raise ValidationError(_("A revision carries forward a plan of an earlier term of the same area."))
    draft = ActionPlan(area=area, term=term, status=ActionPlan.Status.DRAFT, previous=previous,
                       summary=previous.summary if previous else "")
    draft.full_clean()
    draft.save()
    if previous is not None:
        _carry_forward(previous, draft, set(map(int, goal_ids)), set(map(int, initiative_ids)))
    summary = (_("Started the revision from the plan for %(term)s") % {"term": previous.term.label}
               if previous else _("Started a new plan"))
    _record_plan_step(draft, by=by, reason="", summary=summary)
    return draft


def _carry_forward(previous: ActionPlan, draft: ActionPlan, goal_ids: set[int], initiative_ids: set[int]) -> None:
    source = plan_with_content(previous.pk)
    for position, goal in enumerate(g for g in source.goals.all() if g.removed_at is None and g.pk in goal_ids):
        copy = Goal.objects.create(plan=draft, title=goal.title, description=goal.description, position=position,
                                   lineage=goal.lineage)
        copy.purposes.set(goal.purposes.all())
        kept = [i for i in goal.initiatives.all() if i.removed_at is None and i.pk in initiative_ids]
        for i_position, initiative in enumerate(kept):
            new = Initiative.objects.create(
                goal=copy, title=initiative.title, description=initiative.description, owner=initiative.owner,
                department=initiative.department, track=initiative.track, starts_on=initiative.starts_on,
                ends_on=initiative.ends_on,
                position=i_position, lineage=initiative.lineage,
            )
            new.partner_regions.set(initiative.partner_regions.all())
            new.funding_sources.set(initiative.funding_sources.all())


@transaction.atomic
def adopt_plan(*, plan: ActionPlan, adopted_on: datetime.date, by) -> ActionPlan:
    """Put a draft in force and supersede the area's plan in force of an earlier term: all or nothing."""
    locked = ActionPlan.objects.select_for_update().select_related("term", "area").get(pk=plan.pk)
    if not locked.may_adopt():
        raise ValidationError(_("Only a draft can be adopted."))
    today = timezone.localdate()
    if not locked.term.has_started(today):
        raise ValidationError(_("A plan cannot be adopted before its council term has begun."))
    if locked.term.has_ended(today):
        raise ValidationError(_("A plan cannot be adopted after its council term has ended."))
    if refusal := locked.new_dates_refusal(list(locked.initiatives_needing_new_dates())):
        raise ValidationError(refusal)
    if adopted_on > today:
        raise ValidationError({"adopted_on": _("The adoption date cannot be in the future.")})
    ActionPlan.objects.filter(area=locked.area, status=ActionPlan.Status.IN_FORCE).update(
        status=ActionPlan.Status.SUPERSEDED)
    locked.status = ActionPlan.Status.IN_FORCE
    locked.adopted_on = adopted_on
    locked.full_clean()
    locked.save(update_fields=["status", "adopted_on", "updated_at"])
    _record_plan_step(locked, by=by, reason="",
                      summary=_("Adopted the plan on %(date)s") % {"date": adopted_on.isoformat()})
    return locked


# --- Follow-up ---------------------------------------------------------------------------------------------


ROUND_CLOSED_MEANWHILE = _("The reporting round closed meanwhile: its figures can no longer change, and your update "
                           "is not saved. Save it again to record it outside the round.")


@transaction.atomic
def record_status_update(*, initiative: Initiative, as_of: datetime.date, status: str, progress: int,
                         narrative: str, seen_update: int | None, by, values: dict | None = None,
                         milestones_done=(), for_round: int | None = None,
                         narrative_internal: bool = False) -> StatusUpdate:
    """Report an initiative's state as of a date, with indicator values (Indicator -> value) and the milestones
    done. Refused when someone else reported on it since the editor saw `seen_update` (the latest update's id)."""
    locked = Initiative.objects.select_for_update(of=("self",)).select_related("goal__plan__term").get(
        pk=initiative.pk)
    latest = locked.status_updates.select_related("made_by").order_by("-as_of", "-id").first()
    if (latest.pk if latest else None) != seen_update:
        raise EditConflict(latest, saved_by=latest.made_by, saved_at=latest.made_at)
    open_round = ReportingRound.objects.filter(is_open=True).first()
    if for_round is not None and (open_round is None or open_round.pk != for_round):
        # The editor reported for a round that closed meanwhile: its figures can no longer change.
        raise ValidationError(ROUND_CLOSED_MEANWHILE, code="round_closed")
    update = StatusUpdate(initiative=locked, as_of=as_of, status=status, progress=progress, narrative=narrative,
                          narrative_internal=narrative_internal, round=open_round, made_by=by)
    update.full_clean()
    update.save()
    IndicatorValue.objects.bulk_create([IndicatorValue(update=update, indicator=indicator, value=value)
                                        for indicator, value in (values or {}).items()
                                        if value is not None and indicator.initiative_id == locked.pk])
    locked.milestones.filter(pk__in=[m.pk for m in milestones_done], done_on__isnull=True).update(done_on=as_of)
    if latest is None or (as_of, update.pk) >= (latest.as_of, latest.pk):
        Initiative.objects.filter(pk=locked.pk).update(status=status, progress=progress)
    record(Event.Action.CREATE, user=by, obj=update, detail=f"{update.get_status_display()}, {progress} %")
    return update


@transaction.atomic
def add_milestone(*, milestone: Milestone, by) -> Milestone:
    milestone.full_clean()
    milestone.save()
    record(Event.Action.CREATE, user=by, obj=milestone, detail=f"{milestone.initiative}: {milestone.due_on}")
    return milestone


@transaction.atomic
def add_indicator(*, indicator: Indicator, by) -> Indicator:
    indicator.full_clean()
    indicator.save()
    record(Event.Action.CREATE, user=by, obj=indicator, detail=str(indicator.initiative))
    return indicator


@transaction.atomic
def open_round(*, as_of: datetime.date, deadline: datetime.date, by) -> ReportingRound:
    """Open a reporting round: every open initiative of every plan in force is due for an update."""
    reporting_round = ReportingRound(as_of=as_of, deadline=deadline, opened_by=by)
    reporting_round.full_clean()
    reporting_round.save()
    record(Event.Action.CREATE, user=by, obj=reporting_round, detail=f"{as_of} – {deadline}")
    return reporting_round


@transaction.atomic
def close_round(*, reporting_round: ReportingRound, by) -> ReportingRound:
    """Close the round and freeze its report: a closed round's figures never change, whatever happens later."""
    locked = ReportingRound.objects.select_for_update().get(pk=reporting_round.pk)
    if not locked.is_open:
        raise ValidationError(_("This reporting round is closed already."))
    locked.report = rollup.round_report(locked)
    locked.is_open, locked.closed_at, locked.closed_by = False, timezone.now(), by
    locked.save()
    record(Event.Action.CHANGE, user=by, obj=locked, detail=_("Closed the reporting round"))
    return locked
