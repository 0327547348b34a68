"""Page-shaped reads of action plans, each in a fixed number of queries."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils import timezone

from actionplans.models import ActionPlan, CouncilTerm, Goal, Initiative
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


def plan_detail(pk: int) -> dict:
    """A plan with its present goals and initiatives, and its area's revision state."""
    initiatives = (Initiative.objects.present().select_related("track")
                   .prefetch_related("partner_regions", "funding_sources").order_by("position", "id"))
    goals = (Goal.objects.present().prefetch_related("purposes", Prefetch("initiatives", queryset=initiatives))
             .order_by("position", "id"))
    plan = get_object_or_404(
        ActionPlan.objects.select_related("area", "term", "previous__term").prefetch_related(
            Prefetch("goals", queryset=goals)),
        pk=pk,
    )
    today = timezone.localdate()
    area_plans_ = list(ActionPlan.objects.filter(area_id=plan.area_id).only("id", "term_id", "status"))
    return {"plan": plan, "goals": plan.goals.all(),
            "state": revision_state(plans=area_plans_, term=CouncilTerm.objects.current(), today=today)}
