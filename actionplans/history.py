"""Snapshots of a whole plan and the differences between two of them.

A snapshot is plain JSON: what the plan held at one moment, goals and initiatives included (removed
ones too, marked). Goals and initiatives are matched across snapshots by their lineage, which a copy
carried forward into the next term's plan keeps, so the same code compares two versions of one plan
and a plan with the previous term's plan.
"""

from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from actionplans.models import ActionPlan, Goal, Initiative

GOAL_FIELDS = {
    "title": _("title"),
    "description": _("description"),
    "purposes": _("purposes"),
    "position": _("order"),
}
INITIATIVE_FIELDS = {
    "title": _("title"),
    "description": _("description"),
    "owner": _("owner"),
    "department": _("department"),
    "track": _("strategic track"),
    "partner_regions": _("partner regions"),
    "funding_sources": _("funding sources"),
    "starts_on": _("starts on"),
    "ends_on": _("ends on"),
    "status": _("status"),
    "progress": _("progress (%)"),
    "position": _("order"),
}
PLAN_FIELDS = {"summary": _("summary"), "status": _("status"), "adopted_on": _("adopted on")}


def plan_with_content(plan_id: int) -> ActionPlan:
    """The plan with all goals and initiatives (removed ones too) in a fixed number of queries."""
    initiatives = Initiative.objects.select_related("track").prefetch_related("partner_regions", "funding_sources")
    goals = Goal.objects.prefetch_related("purposes", Prefetch("initiatives", queryset=initiatives))
    return ActionPlan.objects.select_related("area", "term").prefetch_related(
        Prefetch("goals", queryset=goals)).get(pk=plan_id)


def snapshot(plan: ActionPlan) -> dict:
    """The plan as JSON. Expects the plan from plan_with_content() (otherwise it costs queries per goal)."""
    return {
        "plan": {"summary": plan.summary, "status": plan.status,
                 "adopted_on": plan.adopted_on.isoformat() if plan.adopted_on else None},
        "goals": [_goal_snapshot(goal) for goal in plan.goals.all()],
    }


def _goal_snapshot(goal: Goal) -> dict:
    return {
        "id": goal.pk, "lineage": str(goal.lineage), "version": goal.version, "removed": goal.removed_at is not None,
        "title": goal.title, "description": goal.description, "position": goal.position,
        "purposes": sorted(p.number for p in goal.purposes.all()),
        "initiatives": [_initiative_snapshot(i) for i in goal.initiatives.all()],
    }


def _initiative_snapshot(initiative: Initiative) -> dict:
    return {
        "id": initiative.pk, "lineage": str(initiative.lineage), "version": initiative.version,
        "removed": initiative.removed_at is not None,
        "title": initiative.title, "description": initiative.description, "owner": initiative.owner,
        "department": initiative.department, "track": initiative.track.name_da if initiative.track else "",
        "partner_regions": sorted(str(r) for r in initiative.partner_regions.all()),
        "funding_sources": sorted(f.name_da for f in initiative.funding_sources.all()),
        "starts_on": initiative.starts_on.isoformat(),
        "ends_on": initiative.ends_on.isoformat() if initiative.ends_on else None,
        "status": initiative.status, "progress": initiative.progress, "position": initiative.position,
    }


@dataclass
class Change:
    kind: str  # "plan", "goal" or "initiative"
    title: str
    action: str  # "added", "removed" or "changed"
    fields: list[tuple[str, object, object]] = field(default_factory=list)

    @property
    def kind_label(self):
        return {"plan": _("Plan"), "goal": _("Goal"), "initiative": _("Initiative")}[self.kind]

    @property
    def action_label(self):
        return {"added": _("added"), "removed": _("removed"), "changed": _("changed")}[self.action]


def diff(old: dict | None, new: dict, *, compare_plan: bool = True) -> list[Change]:
    """What changed from one snapshot to another: goals and initiatives added, removed or changed."""
    old = old or {"plan": {}, "goals": []}
    changes = []
    if compare_plan:
        fields = _changed_fields(old["plan"], new["plan"], PLAN_FIELDS)
        if fields:
            changes.append(Change("plan", "", "changed", fields))
    old_goals = {g["lineage"]: g for g in old["goals"] if not g["removed"]}
    new_goals = {g["lineage"]: g for g in new["goals"] if not g["removed"]}
    for lineage, goal in new_goals.items():
        before = old_goals.get(lineage)
        if before is None:
            changes.append(Change("goal", goal["title"], "added"))
        elif fields := _changed_fields(before, goal, GOAL_FIELDS):
            changes.append(Change("goal", goal["title"], "changed", fields))
        changes.extend(_initiative_changes(before["initiatives"] if before else [], goal["initiatives"]))
    for lineage, goal in old_goals.items():
        if lineage not in new_goals:
            changes.append(Change("goal", goal["title"], "removed"))
            changes.extend(Change("initiative", i["title"], "removed") for i in goal["initiatives"] if not i["removed"])
    return changes


def _initiative_changes(old: list[dict], new: list[dict]) -> list[Change]:
    old_by = {i["lineage"]: i for i in old if not i["removed"]}
    new_by = {i["lineage"]: i for i in new if not i["removed"]}
    changes = []
    for lineage, initiative in new_by.items():
        before = old_by.get(lineage)
        if before is None:
            changes.append(Change("initiative", initiative["title"], "added"))
        elif fields := _changed_fields(before, initiative, INITIATIVE_FIELDS):
            changes.append(Change("initiative", initiative["title"], "changed", fields))
    changes.extend(Change("initiative", i["title"], "removed") for lin, i in old_by.items() if lin not in new_by)
    return changes


def _changed_fields(old: dict, new: dict, labels: dict) -> list[tuple[str, object, object]]:
    return [(label, old.get(name), new.get(name)) for name, label in labels.items() if old.get(name) != new.get(name)]


def item_change(kind: str, old: dict, new: dict) -> Change:
    """How one goal or initiative differs between two snapshots."""
    if new["removed"] and not old["removed"]:
        return Change(kind, new["title"], "removed")
    labels = GOAL_FIELDS if kind == "goal" else INITIATIVE_FIELDS
    return Change(kind, new["title"], "changed", _changed_fields(old, new, labels))


def find_item(snap: dict, kind: str, item_id: int) -> dict | None:
    """The goal or initiative with this id in a snapshot."""
    for goal in snap["goals"]:
        if kind == "goal" and goal["id"] == item_id:
            return goal
        for initiative in goal["initiatives"]:
            if kind == "initiative" and initiative["id"] == item_id:
                return initiative
    return None


@contextmanager
def loading_history():
    """Let the database accept rows for plans of ended terms, for loading historic plans only.

    The database otherwise refuses every change to a plan that is history (migration 0002).
    """
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL actionplans.loading_history = 'on'")
        try:
            yield
        finally:
            cursor.execute("SET LOCAL actionplans.loading_history = 'off'")
