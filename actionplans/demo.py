"""Example action plans for trying the portal out: one plan in force per area for the council term
before the current one, so that every area's plan is due for revision as the strategy's cycle says.
The goals echo the strategy's aims; the initiatives are examples, marked as such."""

import datetime

from django.db import transaction

from actionplans.history import loading_history, plan_with_content, snapshot
from actionplans.models import ActionPlan, Adjustment, CouncilTerm, Goal, Initiative
from partners.models import PartnerRegion, StrategicTrack
from strategy.models import Area, FundingSource, Purpose

SUMMARY = ("Eksempel på en international handlingsplan (demodata), med mål fra koncernstrategien for "
           "internationalisering.")

# area code -> [(goal title, purposes, [(initiative title, owner, track, regions, funding, status, progress)])]
PLANS = {
    "sundhed": [
        ("Internationalisering som integreret del af sundhedsplanen", [2], [
            ("Forskningssamarbejde om sundhed med Shanghai", "Hospitalsenhed Midt", "sundhed", ["shanghai"],
             ["eu-forskning-og-udvikling"], "on_track", 60),
        ]),
        ("Udveksling af personale og viden", [2, 3], [
            ("Personaleudveksling med hospitaler i Győr-Moson-Sopron", "HR Sundhed", "sundhed",
             ["gyor-moson-sopron"], [], "on_track", 30),
        ]),
    ],
    "psykiatri-og-social": [
        ("Rehabilitering i samarbejde med de bedste", [2, 3], [
            ("Erfaringsudveksling om rehabilitering med Bács-Kiskun", "Socialområdet", "rehabilitering",
             ["bacs-kiskun"], ["interreg"], "planned", 0),
        ]),
    ],
    "stabe": [
        ("Politisk indflydelse på europæisk niveau", [4], [
            ("Regionsrådets deltagelse i europæiske regionale netværk", "Regionssekretariatet", None, [], [],
             "on_track", 50),
        ]),
    ],
    "regional-udvikling": [
        ("Vækst gennem energi- og miljøsamarbejde", [1], [
            ("Energisamarbejde med de ungarske regioner", "Regional Udvikling", "energi-og-miljoe",
             ["gyor-moson-sopron", "bacs-kiskun"], ["interreg", "eu-strukturfonde"], "on_track", 70),
        ]),
        ("Uddannelsessamarbejde på tværs af grænser", [1, 3], [
            ("Uddannelsessamarbejde med Shanghai", "Regional Udvikling", "uddannelse", ["shanghai"], [],
             "completed", 100),
        ]),
    ],
}


@transaction.atomic
def load_demo_plans() -> int:
    """Create the example plans that are missing. Returns how many plans were created."""
    current = CouncilTerm.objects.current()
    previous = CouncilTerm.objects.filter(starts_on__lt=current.starts_on).last() if current else None
    if previous is None:
        return 0
    created = 0
    for code, goals in PLANS.items():
        area = Area.objects.get(code=code)
        if ActionPlan.objects.filter(area=area).exists():
            continue
        with loading_history():
            _create_plan(area, previous, goals)
        created += 1
    return created


def _create_plan(area, term, goals):
    adopted_on = term.starts_on + datetime.timedelta(days=180)
    plan = ActionPlan.objects.create(area=area, term=term, status=ActionPlan.Status.IN_FORCE, adopted_on=adopted_on,
                                     summary=SUMMARY, version=1)
    for g_position, (title, purposes, initiatives) in enumerate(goals):
        goal = Goal.objects.create(plan=plan, title=title, position=g_position)
        goal.purposes.set(Purpose.objects.filter(number__in=purposes))
        for i_position, (i_title, owner, track, regions, funding, status, progress) in enumerate(initiatives):
            initiative = Initiative.objects.create(
                goal=goal, title=i_title, owner=owner, position=i_position, status=status, progress=progress,
                track=StrategicTrack.objects.get(code=track) if track else None,
                starts_on=adopted_on, ends_on=term.ends_on,
            )
            initiative.partner_regions.set(PartnerRegion.objects.filter(code__in=regions))
            initiative.funding_sources.set(FundingSource.objects.filter(code__in=funding))
    Adjustment.objects.create(plan=plan, number=1, summary="Vedtaget (demodata)",
                              snapshot=snapshot(plan_with_content(plan.pk)))
