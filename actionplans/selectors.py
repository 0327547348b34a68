"""Page-shaped reads of action plans, each in a fixed number of queries."""

from django.db.models import Prefetch, prefetch_related_objects
from django.shortcuts import get_object_or_404
from django.utils import timezone

from actionplans import rollup
from actionplans.history import diff, plan_with_content, snapshot
from actionplans.models import ActionPlan, CouncilTerm, Goal, Initiative, Milestone
from actionplans.revision import revision_state
from strategy.models import Area


def plans_overview() -> dict:
    """Every area with its plan in force, its draft, its past plans and its revision state."""
    today = timezone.localdate()
    term = CouncilTerm.objects.current()
    plans = list(ActionPlan.objects.select_related("term").order_by("-term__starts_on"))
    areas = []
    for area in Area.objects.all():
        own = [p for p in plans if p.area_id == area.pk]
        if area.is_retired(today) and not own:
            continue
        areas.append(_area_summary(area, own, term, today))
    return {"areas": areas, "term": term, "today": today}


def plans_follow_up(areas: list[dict]) -> dict:
    """The follow-up of the plans in force, for plans_overview()'s `areas`: each area's summary gets the `figures`
    of its plan in force (None without one), with their change since the previous closed round; `total` covers
    every plan in force. Seven queries: the roll-up's six and the previous round's figures."""
    rows = rollup.initiative_rows(Initiative.objects.in_force())
    previous = rollup.previous_figures("total", "area")
    frozen = previous.figures if previous else {}
    by_area = rollup.compare(rollup.roll_up(rows, "area"), frozen.get("area"))
    for summary in areas:
        summary["figures"] = by_area.get(summary["area"].pk, rollup.Figures()) if summary["in_force"] else None
    everything = rollup.total(rows)
    everything.previous = frozen.get("total")
    return {"follow_up": {"total": everything, "previous": previous}}


def area_plans(code: str) -> dict:
    area = get_object_or_404(Area, code=code)
    today = timezone.localdate()
    term = CouncilTerm.objects.current()
    plans = list(area.action_plans.select_related("term").order_by("-term__starts_on"))
    return {"area": area, "term": term, **_area_summary(area, plans, term, today)}


def _area_summary(area, plans, term, today) -> dict:
    in_force = next((p for p in plans if p.status == ActionPlan.Status.IN_FORCE), None)
    draft = next((p for p in plans if p.status == ActionPlan.Status.DRAFT), None)
    return {
        "area": area,
        "in_force": in_force,
        "draft": draft,
        "past": [p for p in plans if p not in (in_force, draft)],
        "state": revision_state(plans=plans, term=term, today=today),
    }


def revision_start(code: str) -> dict:
    """The area's plans and what a revision may carry forward: the present goals of the plan in force (or the
    latest plan), each with its `present_initiatives`, each marked `needs_new_dates` when its period ends before
    the new council term starts."""
    context = area_plans(code)
    previous = context["in_force"] or next(iter(context["past"]), None)
    goals = []
    if previous is not None:
        new_term_starts = context["term"].starts_on if context["term"] else None
        initiatives = Initiative.objects.present().marking_needs_new_dates(new_term_starts).order_by("position", "id")
        goals = list(previous.goals.present().order_by("position", "id").prefetch_related(
            Prefetch("initiatives", queryset=initiatives, to_attr="present_initiatives")))
    return {**context, "previous": previous, "goals": goals}


def plan_detail(pk: int) -> dict:
    """A plan with its present goals and initiatives (a draft's marked `needs_new_dates` when they end before its
    term starts, and why that stops its adoption), the plans it replaced and was replaced by, and its area's
    revision state."""
    plan = get_object_or_404(ActionPlan.objects.select_related("area", "term", "previous__term"), pk=pk)
    initiatives = (Initiative.objects.present().marking_needs_new_dates(plan.earliest_end()).select_related("track")
                   .prefetch_related("partner_regions", "funding_sources").order_by("position", "id"))
    goals = (Goal.objects.present().prefetch_related("purposes", Prefetch("initiatives", queryset=initiatives))
             .order_by("position", "id"))
    prefetch_related_objects([plan], Prefetch("goals", queryset=goals))
    needing_new_dates = [i for goal in plan.goals.all() for i in goal.initiatives.all() if i.needs_new_dates]
    today = timezone.localdate()
    area_plans_ = list(ActionPlan.objects.filter(area_id=plan.area_id).select_related("term")
                       .only("status", "adopted_on", "previous", "term__starts_on", "term__ends_on"))
    return {"plan": plan, "goals": plan.goals.all(), "new_dates_refusal": plan.new_dates_refusal(needing_new_dates),
            "replaces": plan.predecessor(area_plans_), "replaced_by": plan.successor(area_plans_),
            "state": revision_state(plans=area_plans_, term=CouncilTerm.objects.current(), today=today)}


def plan_follow_up(plan: ActionPlan, goals) -> dict:
    """The follow-up of a plan, from plan_detail(): the figures of the plan and of each of its `goals`, with their
    change since the previous closed round; and on each initiative its `follow_up` (the roll-up's row: latest
    update's date and narrative, overdue milestones and indicators on and off target) and its
    `overdue_milestones`, by due date. Eight queries: the roll-up's six, the overdue milestones, the previous
    round's figures (a plan in force only)."""
    today = timezone.localdate()
    rows = rollup.initiative_rows(Initiative.objects.present().filter(goal__plan=plan), on=today)
    initiatives = [initiative for goal in goals for initiative in goal.initiatives.all()]
    prefetch_related_objects(initiatives, Prefetch(
        "milestones", queryset=Milestone.objects.filter(Milestone.overdue_q(today)).order_by("due_on", "id"),
        to_attr="overdue_milestones"))
    by_id = {row["id"]: row for row in rows}
    for initiative in initiatives:
        initiative.follow_up = by_id.get(initiative.pk)
    # Only a plan in force is reported on in rounds: a draft's or a superseded plan's figures have no "then".
    previous = rollup.previous_figures("plan", "goal") if plan.status == ActionPlan.Status.IN_FORCE else None
    frozen = previous.figures if previous else {}
    by_goal = rollup.compare(rollup.roll_up(rows, "goal"), frozen.get("goal"))
    plan_figures = rollup.total(rows)
    plan_figures.previous = frozen.get("plan", {}).get(plan.pk)
    return {"follow_up": {"plan": plan_figures, "goals": [(goal, by_goal.get(goal.pk, rollup.Figures()))
                                                          for goal in goals],
                          "previous": previous}}


def plan_adoption(plan: ActionPlan) -> dict:
    """A draft about to be adopted, with the initiatives that need new dates first and why (one query)."""
    needing_new_dates = list(plan.initiatives_needing_new_dates())
    return {"plan": plan, "needing_new_dates": needing_new_dates,
            "new_dates_refusal": plan.new_dates_refusal(needing_new_dates)}


def plan_header(pk: int) -> ActionPlan:
    """A plan with what names it (area, term): one query."""
    return get_object_or_404(ActionPlan.objects.select_related("area", "term"), pk=pk)


def plan_history(pk: int) -> dict:
    """A plan's adjustments, newest first, without their snapshots (two queries)."""
    plan = plan_header(pk)
    adjustments = list(plan.adjustments.select_related("made_by").defer("snapshot").order_by("-number"))
    return {"plan": plan, "adjustments": adjustments}


def previous_comparison(pk: int) -> dict:
    """A plan against the area's plan of the previous council term (the one it was revised from, if any)."""
    plan = plan_header(pk)
    previous = plan.previous or (ActionPlan.objects.filter(area=plan.area, term__starts_on__lt=plan.term.starts_on)
                                 .exclude(status=ActionPlan.Status.DRAFT).select_related("term")
                                 .order_by("-term__starts_on").first())
    changes = diff(snapshot(plan_with_content(previous.pk)), snapshot(plan_with_content(plan.pk)),
                   compare_plan=False) if previous else []
    return {"plan": plan, "previous": previous, "changes": changes}
