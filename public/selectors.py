"""What is public, in one place. The public pages and the open-data API read through these functions: anonymous
readers get what the International Office published, readers who may read the portal (`reads_everything`) get
everything the portal shows them.

Published: the strategy (vision, purposes, values, areas, platforms, strategic tracks) and the partner regions with
their status history, each when switched on (Publication); per plan in force, the plan (goals and initiatives) and
its latest reported status (PlanPublication). Never published: staff names (an initiative's owner, who recorded or
reported something), notes on status decisions, drafts, superseded plans, removed goals and initiatives,
narratives marked internal, reporting rounds and their reports, the audit record."""

from django.core.paginator import Page, Paginator
from django.db.models import BooleanField, ExpressionWrapper, OuterRef, Prefetch, Q, Subquery, Value

from actionplans.models import ActionPlan, Goal, Initiative, ReportingRound, StatusUpdate
from common.cache import cached
from partners.models import Office, PartnerRegion, StatusDecision, StrategicTrack
from public.models import Publication
from strategy.models import Area, Purpose, Strategy
from strategy.models import Value as StrategyValue

# What a reader must be allowed to read in the portal to get everything through the API.
READ_PERMISSIONS = ("actionplans.view_actionplan", "partners.view_partnerregion")


def reads_everything(user) -> bool:
    """Whether the user may read the portal's pages (every role does): then they read everything, not only what
    is public."""
    return bool(user and user.is_authenticated and user.is_active and user.has_perms(READ_PERMISSIONS))


def publication() -> Publication:
    """The publication settings (nothing public when none are saved)."""
    return Publication.objects.first() or Publication()


def strategy_visible(full: bool, settings: Publication | None = None) -> bool:
    return full or (settings or publication()).strategy_public


def partners_visible(full: bool, settings: Publication | None = None) -> bool:
    return full or (settings or publication()).partners_public


def _public_plan_q(prefix: str = "") -> Q:
    return Q(**{f"{prefix}status": ActionPlan.Status.IN_FORCE, f"{prefix}publication__plan_public": True})


def _public_status_q(prefix: str = "") -> Q:
    return _public_plan_q(prefix) & Q(**{f"{prefix}publication__status_public": True})


def areas(full: bool):
    return Area.objects.all() if strategy_visible(full) else Area.objects.none()


def purposes(full: bool):
    return Purpose.objects.all() if strategy_visible(full) else Purpose.objects.none()


def tracks(full: bool, settings: Publication | None = None):
    """Strategic tracks, with their area and partner regions' codes (two queries)."""
    queryset = StrategicTrack.objects.select_related("area").prefetch_related(
        Prefetch("partner_regions", queryset=PartnerRegion.objects.only("id", "code").order_by("code")))
    return queryset if strategy_visible(full, settings) else queryset.none()


def partner_regions(full: bool, settings: Publication | None = None):
    """Partner regions with their office, fields and status history (three queries)."""
    queryset = (PartnerRegion.objects.select_related("office").prefetch_related(
        "fields", Prefetch("status_decisions", queryset=StatusDecision.objects.order_by("decided_on", "id")))
        .order_by(*PartnerRegion._meta.ordering))
    return queryset if partners_visible(full, settings) else queryset.none()


def plans(full: bool):
    """Action plans with area and term: every plan for a reader of the portal, the published plans in force for
    everyone else. `status_public` says whether the plan's latest reported status is shown."""
    queryset = ActionPlan.objects.select_related("area", "term").order_by("area__position", "-term__starts_on")
    if full:
        return queryset.annotate(status_public=Value(True))
    return queryset.filter(_public_plan_q()).annotate(
        status_public=ExpressionWrapper(Q(publication__status_public=True), output_field=BooleanField()))


def plans_with_goals(full: bool):
    """plans() with their present goals and the goals' purposes (three queries)."""
    goals = Goal.objects.present().prefetch_related("purposes").order_by("position", "id")
    return plans(full).prefetch_related(Prefetch("goals", queryset=goals, to_attr="present_goals"))


def initiatives(full: bool):
    """Present initiatives of plans(full), each with `latest_as_of`, `latest_status`, `latest_progress` and
    `latest_narrative` from its latest status update (None where the plan's status is not public; the narrative
    empty when marked internal and the reader is not a reader of the portal), its goal, plan, area, track and
    partner regions (two queries)."""
    queryset = Initiative.objects.present().filter(goal__plan__in=plans(full).values("pk"))
    latest = StatusUpdate.objects.filter(initiative=OuterRef("pk")).order_by("-as_of", "-id")
    if not full:
        latest = latest.filter(_public_status_q("initiative__goal__plan__"))
    queryset = queryset.annotate(
        latest_as_of=Subquery(latest.values("as_of")[:1]), latest_status=Subquery(latest.values("status")[:1]),
        latest_progress=Subquery(latest.values("progress")[:1]),
        latest_narrative=Subquery(latest.values("narrative")[:1]),
        latest_internal=Subquery(latest.values("narrative_internal")[:1]))
    return (queryset.select_related("goal__plan__area", "goal__plan__term", "track")
            .prefetch_related(Prefetch("partner_regions", queryset=PartnerRegion.objects.only(
                "id", "code", "name_da", "name_en", "name_native", "name_unknown", "country")))
            .order_by("goal__plan_id", "goal__position", "goal_id", "position", "id"))


def shown_narrative(initiative, full: bool) -> str:
    """The latest narrative the reader may see (see initiatives())."""
    if not full and initiative.latest_internal:
        return ""
    return initiative.latest_narrative or ""


def closed_rounds(full: bool):
    """Closed reporting rounds with their frozen reports: for readers of the portal only."""
    queryset = ReportingRound.objects.filter(is_open=False).order_by("-as_of")
    return queryset if full else queryset.none()


# --- The public pages: what each shows, computed once per data version and language ---------------------------

PUBLIC_PAGE_SIZE = 50


def _page_number(value) -> int:
    try:
        return max(1, int(value))
    except (TypeError, ValueError):
        return 1


def _page(queryset, number: int) -> Page:
    """A page whose rows are read now (so it can be kept in the cache)."""
    page = Paginator(queryset, PUBLIC_PAGE_SIZE).get_page(number)
    page.object_list = list(page.object_list)
    return page


def public_index() -> dict:
    """What is published (three queries: the settings, the published plans in force, and no more)."""
    def compute():
        settings = publication()
        return {"strategy_public": settings.strategy_public, "partners_public": settings.partners_public,
                "plans": list(plans(False))}
    return cached("public:index", compute)


def public_strategy() -> dict | None:
    """The published strategy, or None when it is not public."""
    def compute():
        settings = publication()
        if not strategy_visible(False, settings):
            return None
        return {"strategy": Strategy.objects.first(), "purposes": list(Purpose.objects.all()),
                "values": list(StrategyValue.objects.all()), "areas": list(Area.objects.all()),
                "offices": list(Office.objects.all()), "tracks": list(tracks(False, settings))}
    return cached("public:strategy", compute)


def public_partners(page) -> dict | None:
    number = _page_number(page)

    def compute():
        settings = publication()
        if not partners_visible(False, settings):
            return None
        return {"page": _page(partner_regions(False, settings), number)}
    return cached("public:partners", compute, number)


def public_region(code: str) -> dict | None:
    def compute():
        region = partner_regions(False).filter(code=code).first()
        return {"region": region} if region else None
    return cached("public:region", compute, code)


def public_plan(pk: int, page) -> dict | None:
    """A published plan in force: its goals and a page of its initiatives with their latest status when that is
    published too (seven queries)."""
    number = _page_number(page)

    def compute():
        plan = plans_with_goals(False).filter(pk=pk).first()
        if plan is None:
            return None
        shown = _page(initiatives(False).filter(goal__plan=plan), number)
        for initiative in shown.object_list:
            initiative.public_narrative = shown_narrative(initiative, False)
            initiative.public_status_label = (Initiative.Status(initiative.latest_status).label
                                              if initiative.latest_status else "")
        return {"plan": plan, "page": shown}
    return cached("public:plan", compute, pk, number)
