"""Every change to an action plan goes through here: each is one transaction that checks the plan
may be changed and that a plan in force is given a reason, saves through the edit pipeline
(audit.editing: version check, validation, one audit event), and records an adjustment (who, when,
why, what, and what it changed in the plan)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Max
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
    PlanImport,
    ReportingRound,
    StatusUpdate,
)
from audit.editing import save_edit
from audit.models import Event
from audit.services import record
from common.editing import EditConflict, check_version
from partners.models import Organisation


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
def save_goal(*, goal: Goal, purposes, expected_version: int | None, reason: str, by, principles=None) -> Goal:
    """Create or change a goal. `goal` carries the new values; `expected_version` the version edited. The
    `principles` it serves are kept as they are when not given."""
    plan = _lock_editable_plan(goal.plan_id)
    plan.check_reason(reason)
    if goal.pk is None:
        goal.position = plan.goals.count()
    template = _("Changed goal “%(title)s”") if goal.pk else _("Added goal “%(title)s”")
    relations = {"purposes": purposes} | ({"principles": principles} if principles is not None else {})
    save_edit(goal, expected_version=expected_version, by=by, relations=relations,
              keep=("plan", "position", "removed_at", "lineage"),
              history=lambda created, changed: _adjusted(plan, by=by, reason=reason,
                                                         summary=template % {"title": goal.title}))
    return goal


@transaction.atomic
def save_initiative(*, initiative: Initiative, partner_regions, funding_sources, expected_version: int | None,
                    reason: str, by, coordination_partners=None, supported_plans=None, offices=None,
                    organisations=None, new_organisation: Organisation | None = None) -> Initiative:
    """Create or change an initiative. `initiative` carries the new values; `expected_version` the version edited.
    The links not given (None) are kept as they are. `new_organisation`, unsaved, is added to the shared list of
    organisations (or, named like one there, taken from it) and linked too."""
    plan = _lock_editable_plan(initiative.goal.plan_id)
    plan.check_reason(reason)
    if initiative.pk is None:
        initiative.position = initiative.goal.initiatives.count()
    template = _("Changed initiative “%(title)s”") if initiative.pk else _("Added initiative “%(title)s”")
    relations = {"partner_regions": partner_regions, "funding_sources": funding_sources}
    optional = {"coordination_partners": coordination_partners, "supported_plans": supported_plans,
                "offices": offices, "organisations": organisations}
    relations |= {name: chosen for name, chosen in optional.items() if chosen is not None}
    if new_organisation is not None:
        added = add_organisation(organisation=new_organisation, by=by)
        chosen = (relations["organisations"] if "organisations" in relations
                  else initiative.organisations.all() if initiative.pk else [])
        relations["organisations"] = [*chosen, added]
    save_edit(initiative, expected_version=expected_version, by=by, relations=relations,
              keep=("goal", "position", "removed_at", "lineage", "status", "progress"),
              history=lambda created, changed: _adjusted(plan, by=by, reason=reason,
                                                         summary=template % {"title": initiative.title}))
    return initiative


@transaction.atomic
def add_organisation(*, organisation: Organisation, by) -> Organisation:
    """Add an organisation to the shared list, unless one of the same name (whatever its case) is there already:
    then that one is returned."""
    organisation.clean()
    existing = Organisation.objects.filter(name__iexact=organisation.name).first()
    if existing is not None:
        return existing
    organisation.full_clean()
    try:
        with transaction.atomic():
            organisation.save()
    except IntegrityError:
        # Someone added the same name meanwhile (the database's unique name): use theirs.
        return Organisation.objects.get(name__iexact=organisation.name)
    record(Event.Action.CREATE, user=by, obj=organisation, detail=organisation.name)
    return organisation


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


CARRIED_LINKS = ("partner_regions", "funding_sources", "coordination_partners", "supported_plans", "offices",
                 "organisations")


def _carry_forward(previous: ActionPlan, draft: ActionPlan, goal_ids: set[int], initiative_ids: set[int]) -> None:
    source = plan_with_content(previous.pk)
    for position, goal in enumerate(g for g in source.goals.all() if g.removed_at is None and g.pk in goal_ids):
        copy = Goal.objects.create(plan=draft, title=goal.title, description=goal.description, position=position,
                                   lineage=goal.lineage)
        copy.purposes.set(goal.purposes.all())
        copy.principles.set(goal.principles.all())
        kept = [i for i in goal.initiatives.all() if i.removed_at is None and i.pk in initiative_ids]
        for i_position, initiative in enumerate(kept):
            new = Initiative.objects.create(
                goal=copy, title=initiative.title, description=initiative.description, owner=initiative.owner,
                department=initiative.department, track=initiative.track, starts_on=initiative.starts_on,
                ends_on=initiative.ends_on, kind=initiative.kind,
                position=i_position, lineage=initiative.lineage,
            )
            # Carried as they are: a link to a retired or ended row stays (it is refused only for new links).
            for name in CARRIED_LINKS:
                getattr(new, name).set(getattr(initiative, name).all())


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


IMPORT_REASON_REQUIRED = _("Say briefly why the plan is filled from this file: it is kept in the plan's history.")


@transaction.atomic
def import_plan(*, plan_import: PlanImport, reason: str, by):
    """Apply a spreadsheet read for a draft (see actionplans.imports) as one adjustment: all of it or nothing.

    The file's cells are read again against the plan as it stands now. Refused (ValidationError) when the plan
    may not be filled from a file, the upload has expired or was imported already, or a row has an error; refused
    with EditConflict when the plan has changed since the preview. Returns the preview that was applied; a file
    that changes nothing records no adjustment."""
    from actionplans import imports

    plan = _lock_editable_plan(plan_import.plan_id)
    if refusal := plan.import_refusal():
        raise ValidationError(refusal)
    if not reason.strip():
        raise ValidationError({"reason": IMPORT_REASON_REQUIRED})
    upload = PlanImport.objects.select_for_update().pending().filter(pk=plan_import.pk, plan=plan).first()
    if upload is None:
        raise ValidationError(_("This upload has expired or was imported already: upload the file again."))
    check_version(plan, upload.plan_version)
    preview = imports.analyse(plan, upload.table)
    if preview.errors:
        raise ValidationError(_("Rows of the file have errors: nothing was imported."))
    upload.imported_at = timezone.now()
    upload.save(update_fields=["imported_at"])
    if not preview.has_changes:
        return preview
    _apply_import(plan, preview)
    summary = _("Imported “%(file)s”: %(goals)s new goals, %(initiatives)s new initiatives, %(changed)s changed") % {
        "file": upload.filename, "goals": len(preview.new_goals), "initiatives": preview.new_initiative_count,
        "changed": preview.changed_count}
    _record_plan_step(plan, by=by, reason=reason, summary=summary)
    return preview


@transaction.atomic
def keep_import(*, plan: ActionPlan, filename: str, table: dict, by) -> PlanImport:
    """Keep a file read for a plan until it is confirmed (imports.read_upload gives `table`); uploads that can no
    longer be confirmed are deleted on the way."""
    PlanImport.objects.exclude(pk__in=PlanImport.objects.pending().values("pk")).delete()
    upload = PlanImport(plan=plan, made_by=by, filename=filename[:255], plan_version=plan.version, table=table)
    upload.full_clean()
    upload.save()
    return upload


_RELATIONS = ("partner_regions", "funding_sources")


def _new_initiative(goal: Goal, values: dict, position: int) -> Initiative:
    initiative = Initiative(goal=goal, position=position,
                            **{name: value for name, value in values.items() if name not in _RELATIONS})
    initiative.full_clean()
    return initiative


def _apply_import(plan: ActionPlan, preview) -> None:
    """Save what the preview found, in bulk where it adds rows (the row limit bounds the rest)."""
    position = Goal.objects.filter(plan=plan).count()
    goals = []
    for offset, new in enumerate(preview.new_goals):
        goal = Goal(plan=plan, title=new.title, position=position + offset)
        goal.full_clean()
        goals.append(goal)
    Goal.objects.bulk_create(goals)
    Goal.purposes.through.objects.bulk_create([Goal.purposes.through(goal_id=goal.pk, purpose_id=purpose.pk)
                                               for goal, new in zip(goals, preview.new_goals, strict=True)
                                               for purpose in new.purposes])
    for goal, purposes in preview.goal_changes:
        goal.purposes.set(purposes)
        Goal.objects.filter(pk=goal.pk).update(version=F("version") + 1)
    counts = dict(Initiative.objects.filter(goal__in=[goal for goal, _values in preview.new_initiatives])
                  .order_by().values_list("goal").annotate(n=Count("id")).values_list("goal", "n"))
    pairs = [(goal, values) for goal, new in zip(goals, preview.new_goals, strict=True) for values in new.initiatives]
    pairs += preview.new_initiatives
    initiatives = []
    for goal, values in pairs:
        initiatives.append(_new_initiative(goal, values, counts.get(goal.pk, 0)))
        counts[goal.pk] = counts.get(goal.pk, 0) + 1
    Initiative.objects.bulk_create(initiatives)
    for name in _RELATIONS:
        through = getattr(Initiative, name).through
        target = getattr(Initiative, name).field.m2m_reverse_field_name() + "_id"
        through.objects.bulk_create([through(initiative_id=initiative.pk, **{target: row.pk})
                                     for initiative, (_goal, values) in zip(initiatives, pairs, strict=True)
                                     for row in values[name]])
    for initiative, values in preview.initiative_changes:
        for name, value in values.items():
            if name not in _RELATIONS:
                setattr(initiative, name, value)
        initiative.version += 1
        initiative.full_clean()
        initiative.save(update_fields=[name for name in values if name not in _RELATIONS] + ["version"])
        for name in _RELATIONS:
            if name in values:
                getattr(initiative, name).set(values[name])


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
