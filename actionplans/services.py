"""Every change to an action plan goes through here: each is one transaction that checks the plan
may be changed, refuses edits based on an outdated version, and records an adjustment (who, when,
why, what, and the plan as it stood after it)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from actionplans.history import Change, find_item, item_change, plan_with_content, snapshot
from actionplans.models import ActionPlan, Adjustment, CouncilTerm, Goal, Initiative
from audit.models import Event
from audit.services import record


class EditConflict(Exception):
    """Someone else saved the same goal, initiative or plan since this edit began."""

    def __init__(self, *, current_version: int, adjustment: Adjustment | None, changes: list[Change]):
        super().__init__("edit conflict")
        self.current_version = current_version
        self.adjustment = adjustment
        self.changes = changes


def _lock_editable_plan(plan_id: int) -> ActionPlan:
    plan = ActionPlan.objects.select_for_update().select_related("term", "area").get(pk=plan_id)
    if refusal := plan.edit_refusal():
        raise ValidationError(refusal)
    return plan


def _require_reason(plan: ActionPlan, reason: str) -> None:
    if plan.status == ActionPlan.Status.IN_FORCE and not reason.strip():
        raise ValidationError({"reason": _("Say briefly why the plan in force is adjusted.")})


def _check_version(obj, kind: str, expected_version: int) -> None:
    """Refuse the edit when the row changed since the editor loaded it (the row is locked by the caller)."""
    if obj.version == expected_version:
        return
    plan_id = obj.plan_id if kind == "goal" else obj.goal.plan_id
    adjustments = list(Adjustment.objects.filter(plan_id=plan_id).select_related("made_by").order_by("-number")[:50])
    base = next((find_item(a.snapshot, kind, obj.pk) for a in adjustments
                 if (find_item(a.snapshot, kind, obj.pk) or {}).get("version") == expected_version), None)
    latest = adjustments[0] if adjustments else None
    now = find_item(latest.snapshot, kind, obj.pk) if latest else None
    changes = [item_change(kind, base, now)] if base and now else []
    raise EditConflict(current_version=obj.version, adjustment=latest, changes=changes)


def _record_adjustment(*, plan: ActionPlan, by, reason: str, summary: str) -> Adjustment:
    ActionPlan.objects.filter(pk=plan.pk).update(version=F("version") + 1)
    plan.refresh_from_db(fields=["version"])
    adjustment = Adjustment.objects.create(
        plan=plan, number=plan.version, made_by=by, reason=reason.strip(), summary=summary[:500],
        snapshot=snapshot(plan_with_content(plan.pk)),
    )
    record(Event.Action.CHANGE, user=by, obj=plan, detail=f"{summary} ({reason.strip()})" if reason else summary)
    return adjustment


@transaction.atomic
def save_plan_summary(*, plan: ActionPlan, summary: str, expected_version: int, reason: str, by) -> ActionPlan:
    locked = _lock_editable_plan(plan.pk)
    _require_reason(locked, reason)
    if locked.version != expected_version:
        latest = locked.adjustments.order_by("-number").select_related("made_by").first()
        raise EditConflict(current_version=locked.version, adjustment=latest, changes=[])
    locked.summary = summary
    locked.full_clean()
    locked.save(update_fields=["summary", "updated_at"])
    _record_adjustment(plan=locked, by=by, reason=reason, summary=_("Changed the plan's summary"))
    return locked


@transaction.atomic
def save_goal(*, goal: Goal, purposes, expected_version: int | None, reason: str, by) -> Goal:
    """Create or change a goal. `goal` carries the new values; `expected_version` the version edited."""
    plan = _lock_editable_plan(goal.plan_id)
    _require_reason(plan, reason)
    if goal.pk:
        current = Goal.objects.select_for_update().get(pk=goal.pk)
        _check_version(current, "goal", expected_version)
        goal.version = current.version + 1
        summary = _("Changed goal “%(title)s”") % {"title": goal.title}
    else:
        goal.position = plan.goals.count()
        summary = _("Added goal “%(title)s”") % {"title": goal.title}
    goal.full_clean()
    goal.save()
    goal.purposes.set(purposes)
    _record_adjustment(plan=plan, by=by, reason=reason, summary=summary)
    return goal


@transaction.atomic
def save_initiative(*, initiative: Initiative, partner_regions, funding_sources, expected_version: int | None,
                    reason: str, by) -> Initiative:
    """Create or change an initiative. `initiative` carries the new values; `expected_version` the version edited."""
    plan = _lock_editable_plan(initiative.goal.plan_id)
    _require_reason(plan, reason)
    if initiative.pk:
        current = Initiative.objects.select_for_update().select_related("goal").get(pk=initiative.pk)
        _check_version(current, "initiative", expected_version)
        initiative.version = current.version + 1
        summary = _("Changed initiative “%(title)s”") % {"title": initiative.title}
    else:
        initiative.position = initiative.goal.initiatives.count()
        summary = _("Added initiative “%(title)s”") % {"title": initiative.title}
    initiative.full_clean()
    initiative.save()
    initiative.partner_regions.set(partner_regions)
    initiative.funding_sources.set(funding_sources)
    _record_adjustment(plan=plan, by=by, reason=reason, summary=summary)
    return initiative


@transaction.atomic
def remove_item(*, item: Goal | Initiative, expected_version: int, reason: str, by) -> None:
    """Remove a goal or an initiative from the plan. It stays in the plan's history."""
    kind = "goal" if isinstance(item, Goal) else "initiative"
    plan = _lock_editable_plan(item.plan_id if kind == "goal" else item.goal.plan_id)
    _require_reason(plan, reason)
    current = type(item).objects.select_for_update().get(pk=item.pk)
    _check_version(current, kind, expected_version)
    type(item).objects.filter(pk=item.pk).update(removed_at=timezone.now(), version=F("version") + 1)
    label = _("Removed goal “%(title)s”") if kind == "goal" else _("Removed initiative “%(title)s”")
    _record_adjustment(plan=plan, by=by, reason=reason, summary=label % {"title": item.title})


@transaction.atomic
def move_item(*, item: Goal | Initiative, up: bool, reason: str, by) -> None:
    """Move a goal within its plan, or an initiative within its goal, one place up or down."""
    kind = "goal" if isinstance(item, Goal) else "initiative"
    plan = _lock_editable_plan(item.plan_id if kind == "goal" else item.goal.plan_id)
    _require_reason(plan, reason)
    siblings = (Goal.objects.filter(plan=plan) if kind == "goal" else Initiative.objects.filter(goal_id=item.goal_id))
    ordered = list(siblings.present().select_for_update().order_by("position", "id"))
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
    _record_adjustment(plan=plan, by=by, reason=reason, summary=label % {"title": item.title})


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
    _record_adjustment(plan=draft, by=by, reason="", summary=summary)
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
                ends_on=initiative.ends_on, status=initiative.status, progress=initiative.progress,
                position=i_position, lineage=initiative.lineage,
            )
            new.partner_regions.set(initiative.partner_regions.all())
            new.funding_sources.set(initiative.funding_sources.all())


@transaction.atomic
def adopt_plan(*, plan: ActionPlan, adopted_on: datetime.date, by) -> ActionPlan:
    """Put a draft in force and supersede the area's plan in force of an earlier term: all or nothing."""
    locked = ActionPlan.objects.select_for_update().select_related("term", "area").get(pk=plan.pk)
    if locked.status != ActionPlan.Status.DRAFT:
        raise ValidationError(_("Only a draft can be adopted."))
    today = timezone.localdate()
    if not locked.term.has_started(today):
        raise ValidationError(_("A plan cannot be adopted before its council term has begun."))
    if locked.term.has_ended(today):
        raise ValidationError(_("A plan cannot be adopted after its council term has ended."))
    if adopted_on > today:
        raise ValidationError({"adopted_on": _("The adoption date cannot be in the future.")})
    ActionPlan.objects.filter(area=locked.area, status=ActionPlan.Status.IN_FORCE).update(
        status=ActionPlan.Status.SUPERSEDED)
    locked.status = ActionPlan.Status.IN_FORCE
    locked.adopted_on = adopted_on
    locked.full_clean()
    locked.save(update_fields=["status", "adopted_on", "updated_at"])
    _record_adjustment(plan=locked, by=by, reason="",
                       summary=_("Adopted the plan on %(date)s") % {"date": adopted_on.isoformat()})
    return locked
