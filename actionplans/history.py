"""Snapshots of a whole plan, the differences between two of them, and the plan's history.

A snapshot is plain JSON: what the plan held at one moment, goals and initiatives included (removed
ones too, marked). Goals and initiatives are matched across snapshots by their lineage, which a copy
carried forward into the next term's plan keeps, so the same code compares two versions of one plan
and a plan with the previous term's plan.

An adjustment keeps only what its version changed (`changes()`): the plan's own fields, and the goals and
initiatives that are new or differ from the version before. Goals and initiatives are never deleted (a removal
marks them), so replaying a plan's adjustments in number order gives each version's whole snapshot
(`plan_states()`).
"""

from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from actionplans.models import KIND_NOT_STATED, ActionPlan, Adjustment, Goal, Initiative, WorkKind

GOAL_FIELDS = {
    "title": _("title"),
    "description": _("description"),
    "purposes": _("purposes"),
    "principles": _("principles"),
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
    "kind": _("kind of international work"),
    "coordination_partners": _("coordinated with"),
    "supported_plans": _("plans it supports"),
    "offices": _("offices"),
    "organisations": _("other partner organisations"),
    "starts_on": _("starts on"),
    "ends_on": _("ends on"),
    "status": _("status"),
    "progress": _("progress (%)"),
    "position": _("order"),
}
PLAN_FIELDS = {"summary": _("summary"), "status": _("status"), "adopted_on": _("adopted on")}
# What a snapshot taken before a field existed stands for: nothing linked, nothing stated. Replaying fills them in,
# so that a field added later shows no change until one is made.
GOAL_DEFAULTS = {"principles": []}
INITIATIVE_DEFAULTS = {"kind": "", "coordination_partners": [], "supported_plans": [], "offices": [],
                       "organisations": []}
INITIATIVE_LINKS = ("partner_regions", "funding_sources", "coordination_partners", "supported_plans", "offices",
                    "organisations")


def plan_with_content(plan_id: int) -> ActionPlan:
    """The plan with all goals and initiatives (removed ones too) in a fixed number of queries."""
    initiatives = Initiative.objects.select_related("track").prefetch_related(*INITIATIVE_LINKS)
    goals = Goal.objects.prefetch_related("purposes", "principles", Prefetch("initiatives", queryset=initiatives))
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
        "principles": sorted(p.number for p in goal.principles.all()),
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
        "kind": initiative.kind,
        "coordination_partners": sorted(c.name_da for c in initiative.coordination_partners.all()),
        "supported_plans": sorted(s.name_da for s in initiative.supported_plans.all()),
        "offices": sorted(o.name_da for o in initiative.offices.all()),
        "organisations": sorted(o.name for o in initiative.organisations.all()),
        "starts_on": initiative.starts_on.isoformat(),
        "ends_on": initiative.ends_on.isoformat() if initiative.ends_on else None,
        "status": initiative.status, "progress": initiative.progress, "position": initiative.position,
    }


def changes(before: dict | None, after: dict) -> dict:
    """What an adjustment keeps of the snapshot `after`: the plan's fields, and the goals (without their
    initiatives) and initiatives (with their goal's id) that are new or differ from the snapshot `before`."""
    old_goals, old_initiatives = _items(before) if before else ({}, {})
    new_goals, new_initiatives = _items(after)
    return {
        "plan": after["plan"],
        "goals": [goal for pk, goal in new_goals.items() if old_goals.get(pk) != goal],
        "initiatives": [item for pk, item in new_initiatives.items() if old_initiatives.get(pk) != item],
    }


def _items(snap: dict) -> tuple[dict, dict]:
    goals, initiatives = {}, {}
    for goal in snap["goals"]:
        goals[goal["id"]] = {name: value for name, value in goal.items() if name != "initiatives"}
        initiatives.update((i["id"], {**i, "goal": goal["id"]}) for i in goal["initiatives"])
    return goals, initiatives


def replay(all_changes) -> dict:
    """The snapshot after the last of these changes (a plan's, from its first adjustment on, in number order)."""
    plan, goals, initiatives = None, {}, {}
    for change in all_changes:
        plan = change["plan"]
        goals.update((goal["id"], GOAL_DEFAULTS | goal) for goal in change["goals"])
        initiatives.update((i["id"], INITIATIVE_DEFAULTS | i) for i in change["initiatives"])
    by_goal = defaultdict(list)
    for initiative in sorted(initiatives.values(), key=_in_order):
        by_goal[initiative["goal"]].append({name: value for name, value in initiative.items() if name != "goal"})
    # The order of plan_with_content(): goals and initiatives by position, then id (their models' ordering).
    return {"plan": plan,
            "goals": [{**goal, "initiatives": by_goal[goal["id"]]} for goal in sorted(goals.values(), key=_in_order)]}


def _in_order(item: dict) -> tuple:
    return item["position"], item["id"]


def plan_states(plan_id: int, numbers) -> dict[int, dict]:
    """The whole plan as it stood after each of these versions (snapshots by number; one query)."""
    wanted = set(numbers)
    rows = list(Adjustment.objects.filter(plan_id=plan_id, number__lte=max(wanted, default=0))
                .order_by("number").values_list("number", "changes"))
    all_changes = [change for _number, change in rows]
    return {number: replay(all_changes[:i + 1]) for i, (number, _change) in enumerate(rows) if number in wanted}


def changes_now(plan_id: int, number: int) -> dict:
    """What adjustment `number` of the plan keeps: the plan as it stands now against version `number - 1`."""
    before = plan_states(plan_id, [number - 1]).get(number - 1)
    return changes(before, snapshot(plan_with_content(plan_id)))


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
    return [(label, _shown(name, old.get(name)), _shown(name, new.get(name))) for name, label in labels.items()
            if old.get(name) != new.get(name)]


def _shown(name: str, value):
    """A snapshot's value as the history shows it: the kind of work by its label."""
    if name == "kind" and value is not None:
        return WorkKind(value).label if value in WorkKind.values else KIND_NOT_STATED
    return value


def item_change(kind: str, old: dict, new: dict) -> Change:
    """How one goal or initiative differs between two snapshots."""
    if new["removed"] and not old["removed"]:
        return Change(kind, new["title"], "removed")
    labels = GOAL_FIELDS if kind == "goal" else INITIATIVE_FIELDS
    return Change(kind, new["title"], "changed", _changed_fields(old, new, labels))


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
