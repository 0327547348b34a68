"""Page-shaped reads of action plans, each in a fixed number of queries."""

import datetime
from decimal import Decimal

from django.core.paginator import Page, Paginator
from django.db.models import Count, OuterRef, Prefetch, Q, Subquery, prefetch_related_objects
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from actionplans import rollup
from actionplans.history import INITIATIVE_LINKS, diff, plan_with_content, snapshot
from actionplans.models import (
    ActionPlan,
    CouncilTerm,
    Goal,
    IndicatorValue,
    Initiative,
    Milestone,
    ReportingRound,
    StatusUpdate,
)
from actionplans.revision import revision_state
from common.cache import cached
from strategy.models import Area, Purpose, in_language


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
    every plan in force. Computed once per process until the data or the day changes (common.cache): then seven
    queries, the roll-up's six and the previous round's figures."""
    figures = cached("actionplans:follow-up", _follow_up_by_area, timezone.localdate())
    for summary in areas:
        in_force = summary["in_force"]
        summary["figures"] = figures["by_area"].get(summary["area"].pk, rollup.Figures()) if in_force else None
    return {"follow_up": {"total": figures["total"], "previous": figures["previous"]}}


def _follow_up_by_area() -> dict:
    rows = rollup.initiative_rows(Initiative.objects.in_force())
    previous = rollup.previous_figures("total", "area")
    frozen = previous.figures if previous else {}
    everything = rollup.total(rows)
    everything.previous = frozen.get("total")
    return {"by_area": rollup.compare(rollup.roll_up(rows, "area"), frozen.get("area")), "total": everything,
            "previous": previous}


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


# The most initiatives a page of a plan shows (plan_detail, reporting_page), in whole goals.
PLAN_PAGE_SIZE = 100


def goal_pages(goals: list[Goal], size: int = PLAN_PAGE_SIZE) -> list[list[Goal]]:
    """`goals` (with their `initiative_count`) packed in order into pages of at most `size` initiatives: a goal
    that does not fit on the page so far starts the next one, a goal with more than `size` has a page of its own,
    and a goal without initiatives stays on the page before (or the first). Always at least one page."""
    pages, filled = [[]], 0
    for goal in goals:
        if goal.initiative_count and filled and filled + goal.initiative_count > size:
            pages.append([])
            filled = 0
        pages[-1].append(goal)
        filled += goal.initiative_count
    return pages


def _present_goals():
    """Present goals in order, each with its `initiative_count` of present initiatives."""
    return (Goal.objects.present().annotate(initiative_count=Count("initiatives",
                                                                 filter=Q(initiatives__removed_at__isnull=True)))
            .order_by("position", "id"))


def _goal_page(goals: list[Goal], page=None, goal_id: int | None = None) -> tuple[list[Goal], Page | None]:
    """The goals shown and their page, None when it is the only one. Every goal is shown unless `page` (a number as
    given in the URL: a wrong one means the first or the last page) or `goal_id` (the page holding that goal) asks
    for one page of goal_pages(). Each goal gets its plan-wide `number` and the `page` it is on."""
    pages = [goals] if page is None and goal_id is None else goal_pages(goals)
    for number, goal in enumerate(goals, 1):
        goal.number = number
    for number, on_page in enumerate(pages, 1):
        for goal in on_page:
            goal.page = number
            if goal.pk == goal_id:
                page = number
    shown = Paginator(pages, 1).get_page(page)
    return shown.object_list[0], shown if shown.has_other_pages() else None


def plan_detail(pk: int, page=None, goal_id: int | None = None) -> dict:
    """A plan with its present goals (`all_goals`, each with its plan-wide `number`, its `initiative_count` and
    `page`), the `goals` shown with their present initiatives (a draft's marked `needs_new_dates` when they end
    before its term starts), why the draft's dates stop its adoption, the plans it replaced and was replaced by, and
    its area's revision state. Every goal is shown unless `page` is given (see goal_pages): then only that page's
    goals (or the page holding the goal `goal_id`), and `goal_page` is the page, or None when the plan fits on
    one."""
    plan = get_object_or_404(ActionPlan.objects.select_related("area", "term", "previous__term"), pk=pk)
    prefetch_related_objects([plan], Prefetch("goals", queryset=_present_goals().prefetch_related("purposes",
                                                                                                "principles")))
    all_goals = list(plan.goals.all())
    goals, goal_page = _goal_page(all_goals, page, goal_id)
    initiatives = (Initiative.objects.present().marking_needs_new_dates(plan.earliest_end()).select_related("track")
                   .prefetch_related(*INITIATIVE_LINKS).order_by("position", "id"))
    prefetch_related_objects(goals, Prefetch("initiatives", queryset=initiatives))
    today = timezone.localdate()
    area_plans_ = list(ActionPlan.objects.filter(area_id=plan.area_id).select_related("term")
                       .only("status", "adopted_on", "previous", "term__starts_on", "term__ends_on"))
    return {"plan": plan, "all_goals": all_goals, "goals": goals, "goal_page": goal_page,
            "new_dates_refusal": plan.new_dates_refusal(list(plan.initiatives_needing_new_dates())),
            "replaces": plan.predecessor(area_plans_), "replaced_by": plan.successor(area_plans_),
            "state": revision_state(plans=area_plans_, term=CouncilTerm.objects.current(), today=today)}


def plan_follow_up(plan: ActionPlan, goals, shown=None) -> dict:
    """The follow-up of a plan, from plan_detail(): the figures of the plan and of each of its `goals`, with their
    change since the previous closed round; and on each initiative of the `shown` goals (by default all `goals`)
    its `follow_up` (the roll-up's row: latest update's date and narrative, overdue milestones and indicators on and
    off target) and its `overdue_milestones`, by due date. Eight queries: the roll-up's six, the overdue milestones,
    the previous round's figures (a plan in force only)."""
    today = timezone.localdate()
    rows = rollup.initiative_rows(Initiative.objects.present().filter(goal__plan=plan), on=today)
    initiatives = [initiative for goal in (goals if shown is None else shown) for initiative in goal.initiatives.all()]
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
    """A plan's adjustments, newest first, without their changes (two queries)."""
    plan = plan_header(pk)
    adjustments = list(plan.adjustments.select_related("made_by").defer("changes").order_by("-number"))
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


# --- Follow-up ----------------------------------------------------------------------------------------------

def reporting_page(pk: int, page=None, goal_id: int | None = None) -> dict:
    """A plan's present initiatives by goal, each with its latest update (`latest`), its open milestones and its
    indicators, and the open round: what the reporting page shows and its forms need (a fixed number of
    queries). Only the initiatives of the page of goals `page` or of the page holding goal `goal_id` when asked
    for, as plan_detail() pages them (`all_goals`, `goal_page`)."""
    plan = plan_header(pk)
    all_goals = list(_present_goals().filter(plan=plan))
    goals, goal_page = _goal_page(all_goals, page, goal_id)
    latest = StatusUpdate.objects.filter(initiative=OuterRef("pk")).order_by("-as_of", "-id").values("pk")[:1]
    initiatives = list(Initiative.objects.present().filter(goal__in=[goal.pk for goal in goals])
                       .select_related("goal").annotate(latest_id=Subquery(latest))
                       .prefetch_related(Prefetch("milestones", to_attr="open_milestones",
                                                  queryset=Milestone.objects.filter(done_on__isnull=True)),
                                         Prefetch("indicators", to_attr="indicator_list"))
                       .order_by("goal__position", "goal_id", "position", "id"))
    updates = StatusUpdate.objects.select_related("made_by").in_bulk([i.latest_id for i in initiatives if i.latest_id])
    for initiative in initiatives:
        initiative.latest = updates.get(initiative.latest_id)
    return {"plan": plan, "initiatives": initiatives, "all_goals": all_goals, "goal_page": goal_page,
            "round": ReportingRound.objects.filter(is_open=True).first()}


def initiative_follow_up(pk: int) -> dict:
    """An initiative with its timeline of status updates (with indicator values), milestones and indicators."""
    initiative = get_object_or_404(Initiative.objects.select_related("goal__plan__area", "goal__plan__term",
                                                                      "track"), pk=pk)
    updates = list(initiative.status_updates.select_related("made_by", "round").prefetch_related(
        Prefetch("values", queryset=IndicatorValue.objects.select_related("indicator"))).order_by("-as_of", "-id"))
    milestones = list(initiative.milestones.order_by("due_on", "id"))
    indicators = list(initiative.indicators.order_by("id"))
    initiative.latest = updates[0] if updates else None
    initiative.open_milestones = [m for m in milestones if m.done_on is None]
    initiative.indicator_list = indicators
    today = timezone.localdate()
    for milestone in milestones:
        milestone.overdue = milestone.is_overdue(today)
    return {"initiative": initiative, "plan": initiative.goal.plan, "updates": updates, "milestones": milestones,
            "indicators": indicators, "round": ReportingRound.objects.filter(is_open=True).first()}


def rounds_page() -> dict:
    # A closed round's frozen report holds every initiative (megabytes at 10,000): the pages of rounds show none.
    rounds = list(ReportingRound.objects.select_related("opened_by", "closed_by").defer("report").order_by("-as_of"))
    return {"rounds": rounds, "open_round": next((r for r in rounds if r.is_open), None)}


def round_page(pk: int) -> dict:
    reporting_round = get_object_or_404(ReportingRound.objects.select_related("opened_by", "closed_by")
                                        .defer("report"), pk=pk)
    return {"round": reporting_round, "progress": round_progress(reporting_round) if reporting_round.is_open else None}


def round_progress(reporting_round: ReportingRound) -> dict:
    """rollup.round_progress of an open round as of today, kept until the data or the day changes (common.cache)."""
    today = timezone.localdate()
    return cached("actionplans:round-progress", lambda: rollup.round_progress(reporting_round, on=today),
                  reporting_round.pk, today)


# --- The council's status report of a reporting round ---------------------------------------------------


def round_report(pk: int) -> dict:
    """The council's status report of a round, the same for its page, print view, PDF and spreadsheet.

    A closed round's report is the one frozen when it closed, never recomputed, so it does not change when plans
    do; an open round's is computed (rollup.round_report) and marked preliminary. Either is read and laid out once
    per process and kept until the data or the day changes (common.cache): then two queries (the round, the data
    version), and otherwise the frozen report and the purposes' names, or the roll-up's fixed number."""
    reporting_round = get_object_or_404(ReportingRound.objects.defer("report"), pk=pk)

    def content() -> dict:
        report = (rollup.round_report(reporting_round) if reporting_round.is_open
                  else ReportingRound.objects.values_list("report", flat=True).get(pk=pk))
        purposes = {purpose.number: purpose.name for purpose in Purpose.objects.all()}
        return report_content(report, purposes)

    return {"round": reporting_round, "title": str(reporting_round), "preliminary": reporting_round.is_open,
            **cached("actionplans:round-report", content, pk, timezone.localdate())}


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _decimal(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def _status(value: str) -> str:
    return str(capfirst(Initiative.Status(value).label))


def report_content(report: dict, purposes: dict[int, str]) -> dict:
    """A report's plain JSON (rollup.round_report) as what its outputs show: dates and numbers as such, statuses
    by their labels and areas by their names in the active language, purposes by number with `purposes`' names.
    No queries."""
    statuses = list(Initiative.Status)
    initiatives = report["initiatives"]
    areas = {str(i["area_id"]): (i["area_position"], in_language(i["area_da"], i["area_en"])) for i in initiatives}
    by_id = {i["id"]: i for i in initiatives}

    def area_of(item: dict) -> str:
        return in_language(item["area_da"], item["area_en"])

    def figures(values: dict) -> dict:
        return {"total": values["total"], "by_status": [values["by_status"].get(s.value, 0) for s in statuses],
                "average_progress": values["average_progress"], "overdue_milestones": values["overdue_milestones"],
                "indicators_on": values["indicators_on"], "indicators_off": values["indicators_off"]}

    def on_target_text(state: bool | None) -> str:
        return {True: _("on target"), False: _("off target"), None: _("not reported")}[state]

    by_area = [{"name": areas[key][1], **figures(values)}
               for key, values in sorted(report["by_area"].items(), key=lambda item: areas[item[0]])]
    by_purpose = [{"number": int(key), "name": purposes.get(int(key), ""), **figures(values)}
                  for key, values in sorted(report["by_purpose"].items(), key=lambda item: int(item[0]))]
    concerns = [{"id": i["id"], "title": i["title"], "area": area_of(i), "goal": i["goal"], "owner": i["owner"],
                 "status": i["status"], "status_label": _status(i["status"]), "progress": i["progress"],
                 "narrative": i["narrative"], "reported_on": _date(i["reported_on"]),
                 "reported_in_round": i["reported_in_round"]}
                for i in initiatives if i["status"] in rollup.CONCERNS]
    milestones = [{"title": m["title"], "due_on": _date(m["due_on"]), "initiative": m["initiative"],
                   "area": area_of(by_id[m["initiative_id"]]) if m["initiative_id"] in by_id else ""}
                  for m in sorted(report["overdue_milestones"], key=lambda m: (m["due_on"], m["initiative"]))]
    indicators = [{"initiative": i["initiative"], "name": i["name"], "unit": i["unit"],
                   "area": area_of(by_id[i["initiative_id"]]) if i["initiative_id"] in by_id else "",
                   "baseline": _decimal(i["baseline"]), "target": _decimal(i["target"]),
                   "target_on": _date(i["target_on"]), "actual": _decimal(i["actual"]), "on_target": i["on_target"],
                   "on_target_text": on_target_text(i["on_target"])}
                  for i in report["indicators"]]
    changes = report["changes"]
    previous = report["previous"]
    return {
        "as_of": _date(report["as_of"]), "deadline": _date(report["deadline"]), "made_on": _date(report["made_on"]),
        "previous": {"id": previous["id"], "as_of": _date(previous["as_of"])} if previous else None,
        "statuses": [str(capfirst(s.label)) for s in statuses],
        "total": figures(report["total"]),
        "by_area": by_area,
        "by_purpose": by_purpose,
        "concerns": concerns,
        "overdue_milestones": milestones,
        "indicators": indicators,
        "changes": {
            "new": [{"title": c["title"], "area": area_of(c)} for c in changes["new"]],
            "ended": [{"title": c["title"], "area": area_of(c)} for c in changes["ended"]],
            "status": [{"title": c["title"], "area": area_of(c), "before": _status(c["before"]),
                        "now": _status(c["now"])} for c in changes["status"]],
        },
    }
