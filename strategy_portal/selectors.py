"""Page-shaped reads of the project-wide pages: the strategy page and the home page."""

from django.core.paginator import Paginator
from django.db.models import OuterRef
from django.db.models.fields.json import KeyTransform
from django.utils import timezone

from accounts.roles import Role, roles_of
from actionplans.models import ActionPlan, CouncilTerm, Initiative, Milestone, ReportingRound
from actionplans.revision import revision_state
from actionplans.rollup import CONCERNS
from actionplans.selectors import plans_overview, round_progress
from common.cache import cached
from partners.models import Office, PartnerRegion
from partners.selectors import REGIONS_PER_PAGE, count_of, key_figures
from strategy.models import (
    Area,
    CoordinationPartner,
    Principle,
    Purpose,
    Strategy,
    SupportedPlan,
    Value,
    in_language,
)


def _in_force_count(link: str):
    """How many initiatives of the plans in force link the row through `link` (a correlated count, no GROUP BY)."""
    return count_of(Initiative.objects.in_force().filter(**{link: OuterRef("pk")}))


def strategy_overview(page=None) -> dict:
    """Everything the strategy page shows, the partner regions a page (`page`, its number) at a time: a fixed
    number of queries. Offices, coordination partners and supported plans come with `initiative_count`, the
    initiatives of the plans in force that link them."""
    strategy = Strategy.objects.first()
    terms = list(CouncilTerm.objects.all())
    return {
        "strategy": strategy,
        # The people of the strategy: the chair of the council that adopted it, and each term's chair.
        "terms": terms,
        "adopting_term": next((t for t in terms if strategy and t.contains(strategy.adopted_on)), None),
        "purposes": list(Purpose.objects.all()),
        "values": list(Value.objects.all()),
        "areas": list(Area.objects.all()),
        "principles": list(Principle.objects.all()),
        "offices": list(Office.objects.annotate(initiative_count=_in_force_count("offices"))),
        "coordination_partners": list(CoordinationPartner.objects.annotate(
            initiative_count=_in_force_count("coordination_partners"))),
        "supported_plans": list(SupportedPlan.objects.annotate(initiative_count=_in_force_count("supported_plans"))),
        "partner_regions": Paginator(PartnerRegion.objects.select_related("office").prefetch_related("fields"),
                                     REGIONS_PER_PAGE).get_page(page),
    }


# --- The home page: what needs the user now ------------------------------------------------------------------

def home_summary(user) -> dict:
    """What needs the user now, by role (a user with several roles gets each part): for an area editor their area's
    updates due in the open reporting round, its plan's revision state and its overdue milestones; for the
    International Office the open round's progress by area and the plans due for revision; for council members the
    latest closed round's report and key figures. A fixed number of queries per role, whatever the data."""
    if not user.is_authenticated:
        return {}
    roles = roles_of(user)
    today = timezone.localdate()
    summary = {}
    open_round = None
    if Role.INTERNATIONAL_OFFICE in roles or (Role.AREA_EDITOR in roles and user.area_id):
        open_round = ReportingRound.objects.filter(is_open=True).first()
    # The round's progress and the council's figures cover every area: kept until the data or the day changes.
    progress = round_progress(open_round) if open_round else None
    if Role.AREA_EDITOR in roles and user.area_id:
        summary["editor"] = _editor_summary(user.area, open_round, progress, today)
    if Role.INTERNATIONAL_OFFICE in roles:
        summary["office"] = _office_summary(open_round, progress, today)
    if Role.COUNCIL_MEMBER in roles:
        summary["council"] = cached("home:council", lambda: _council_summary(today), today)
    return summary


def _round_summary(reporting_round, today) -> dict:
    return {"round": reporting_round, "is_late": reporting_round.is_late(today)}


def _named(area: dict) -> dict:
    return {**area, "name": in_language(area["name_da"], area["name_en"]),
            "reported": area["on_time"] + area["late"]}


def _editor_summary(area, open_round, progress, today) -> dict:
    """The editor's area: its updates due in the open round (each with its plan, for the link to the plan's reporting
    page), its revision state, and the overdue milestones of its active initiatives."""
    plans = list(ActionPlan.objects.filter(area=area).select_related("term"))
    own = next((a for a in progress["areas"] if a["id"] == area.pk), None) if progress else None
    milestones = (Milestone.objects.filter(Milestone.overdue_q(today),
                                           initiative__in=Initiative.objects.active().filter(goal__plan__area=area))
                  .select_related("initiative__goal").order_by("due_on", "id"))
    return {
        "area": area,
        "open_round": _round_summary(open_round, today) if open_round else None,
        "updates": _named(own) if own else None,
        "revision": revision_state(plans=plans, term=CouncilTerm.objects.current(), today=today),
        "overdue_milestones": list(milestones),
    }


def _office_summary(open_round, progress, today) -> dict:
    overview = plans_overview()
    return {
        "open_round": _round_summary(open_round, today) if open_round else None,
        "areas": [_named(area) for area in progress["areas"]] if progress else [],
        "due": progress["due"] if progress else 0,
        "missing": progress["missing"] if progress else 0,
        "due_for_revision": [entry for entry in overview["areas"] if entry["state"].is_due],
    }


def _council_summary(today) -> dict:
    """The latest closed round (without its report, but with the report's totals) and the key figures of the
    initiatives being worked on and of the partner regions."""
    latest = (ReportingRound.objects.filter(is_open=False).defer("report")
              .annotate(totals=KeyTransform("total", "report")).order_by("-as_of").first())
    partners = key_figures()
    return {
        "latest_round": latest,
        "active_initiatives": partners["active_initiatives"],
        "concerns": Initiative.objects.active().filter(status__in=CONCERNS).count(),
        "overdue_milestones": Milestone.objects.filter(Milestone.overdue_q(today),
                                                       initiative__in=Initiative.objects.active()).count(),
        "active_strategic_regions": partners["active_strategic"],
    }
