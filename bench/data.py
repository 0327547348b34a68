"""Benchmark data on top of the starting data and the demo plans, made with bulk_create.

For each area: a plan in force for the current council term holding the size's share of the
initiatives (the demo plan of the previous term is superseded by it), and a small draft for the
same term that the load test's area editors adjust. Partner regions get status decisions and
fields; initiatives get partner regions, funding sources and a strategic track. Two reporting rounds
follow the plans in force up: a closed one with its frozen report, and an open one after it.
"""

import datetime
import random
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from actionplans import services
from actionplans.history import changes_now
from actionplans.models import (
    ActionPlan,
    Adjustment,
    CouncilTerm,
    Goal,
    Indicator,
    IndicatorValue,
    Initiative,
    Milestone,
    ReportingRound,
    StatusUpdate,
)
from partners.models import Field, Office, Organisation, PartnerRegion, StatusDecision, StrategicTrack
from strategy.models import Area, CoordinationPartner, FundingSource, Principle, Purpose, SupportedPlan


@dataclass(frozen=True)
class Size:
    regions: int
    initiatives: int  # in the plans in force, spread evenly over the areas
    goals_per_plan: int


SIZES = {"small": Size(regions=10, initiatives=100, goals_per_plan=5),
         "medium": Size(regions=100, initiatives=1000, goals_per_plan=10),
         "large": Size(regions=1000, initiatives=10_000, goals_per_plan=25)}
DRAFT_GOALS, DRAFT_INITIATIVES_PER_GOAL = 2, 4
COUNTRIES = ["DE", "PL", "HU", "CN", "FR", "ES", "IT", "SE", "NO", "NL", "RO", "US", "JP", "KR", "BR", "FI"]


@transaction.atomic
def generate(size_name: str, seed: int = 2026) -> dict:
    """Add the data of a size to a database that holds the starting data and the demo data only."""
    size, rng = SIZES[size_name], random.Random(seed)
    term = CouncilTerm.objects.current()
    _regions(size.regions, rng)
    _organisations(max(5, size.regions // 10), rng)
    regions = list(PartnerRegion.objects.values_list("pk", flat=True))
    areas = list(Area.objects.current())
    per_area = size.initiatives // len(areas)
    for area in areas:
        previous = ActionPlan.objects.filter(area=area, status=ActionPlan.Status.IN_FORCE).first()
        # Only the status changes: the database lets a plan of an ended term be superseded, nothing more.
        ActionPlan.objects.filter(area=area, status=ActionPlan.Status.IN_FORCE).update(
            status=ActionPlan.Status.SUPERSEDED)
        _plan(area, term, ActionPlan.Status.IN_FORCE, previous, size.goals_per_plan,
              per_area // size.goals_per_plan, regions, rng)
        _plan(area, term, ActionPlan.Status.DRAFT, previous, DRAFT_GOALS, DRAFT_INITIATIVES_PER_GOAL, regions, rng)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # before the rounds: closing one reads every initiative in force
    _rounds(term, rng)
    _publish()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # planner statistics, as autovacuum would keep them on a live database
    return {"partner regions": PartnerRegion.objects.count(), "initiatives": Initiative.objects.count(),
            "plans": ActionPlan.objects.count(), "reporting rounds": ReportingRound.objects.count()}


ORGANISATION_KINDS = Organisation.Kind.values


def _organisations(count: int, rng: random.Random) -> None:
    Organisation.objects.bulk_create(
        [Organisation(name=f"Benchmarkorganisation {i:04d}", kind=rng.choice(ORGANISATION_KINDS),
                      country=rng.choice(["", *COUNTRIES])) for i in range(count)], batch_size=1000,
        ignore_conflicts=True)


def _publish() -> None:
    """Everything public, so that the public pages and the anonymous API have something to show."""
    from public.models import PlanPublication, Publication

    Publication.objects.update_or_create(singleton=True, defaults={"strategy_public": True, "partners_public": True})
    for plan in ActionPlan.objects.in_force():
        PlanPublication.objects.update_or_create(plan=plan, defaults={"plan_public": True, "status_public": True})


def _regions(count: int, rng: random.Random) -> None:
    offices, fields = list(Office.objects.all()) + [None], list(Field.objects.values_list("pk", flat=True))
    statuses, kinds = PartnerRegion.Status.values, PartnerRegion.Kind.values
    new, decisions = [], []
    for i in range(count):
        dates = sorted(datetime.date(rng.randint(2008, 2026), rng.randint(1, 12), rng.randint(1, 28))
                       for _ in range(rng.randint(1, 3)))
        history = [(d, rng.choice(statuses)) for d in dict.fromkeys(dates)]
        new.append(PartnerRegion(
            code=f"bench-{i:04d}", name_da=f"Benchmarkregion {i:04d}", name_en=f"Benchmark region {i:04d}",
            name_native=f"Regio {i:04d}", country=rng.choice(COUNTRIES), kind=rng.choice(kinds),
            office=rng.choice(offices), cooperation_since=history[0][0].year,
            latitude=round(rng.uniform(-60, 70), 5), longitude=round(rng.uniform(-170, 170), 5),
            fact_sheet_da="Genereret til benchmark.", status=history[-1][1], status_changed_on=history[-1][0]))
        decisions.append(history)
    PartnerRegion.objects.bulk_create(new, batch_size=1000)
    StatusDecision.objects.bulk_create(
        [StatusDecision(region=region, decided_on=day, status=status, reference="Benchmark")
         for region, history in zip(new, decisions, strict=True) for day, status in history], batch_size=2000)
    PartnerRegion.fields.through.objects.bulk_create(
        [PartnerRegion.fields.through(partnerregion_id=region.pk, field_id=field)
         for region in new for field in rng.sample(fields, rng.randint(1, len(fields)))], batch_size=2000)


def _plan(area, term, status, previous, goal_count, per_goal, regions, rng) -> ActionPlan:
    adopted_on = term.starts_on + datetime.timedelta(days=59) if status == ActionPlan.Status.IN_FORCE else None
    plan = ActionPlan.objects.create(area=area, term=term, status=status, adopted_on=adopted_on, previous=previous,
                                     summary=f"Benchmarkplan ({status}).", version=1)
    goals = Goal.objects.bulk_create([Goal(plan=plan, title=f"Mål {g + 1} for {area.name_da}", position=g)
                                      for g in range(goal_count)])
    purposes = list(Purpose.objects.values_list("pk", flat=True))
    Goal.purposes.through.objects.bulk_create([Goal.purposes.through(goal_id=goal.pk, purpose_id=p)
                                               for goal in goals for p in rng.sample(purposes, rng.randint(1, 2))])
    principles = list(Principle.objects.values_list("pk", flat=True))
    Goal.principles.through.objects.bulk_create([Goal.principles.through(goal_id=goal.pk, principle_id=p)
                                                 for goal in goals for p in rng.sample(principles, rng.randint(0, 3))])
    tracks = list(StrategicTrack.objects.values_list("pk", flat=True)) + [None]
    funding = list(FundingSource.objects.values_list("pk", flat=True))
    initiatives = Initiative.objects.bulk_create([
        Initiative(goal=goal, title=f"Initiativ {goal.position + 1}.{i + 1} ({area.code})", owner="Benchmark-enhed",
                   description="Genereret til benchmark.", department="Afdeling", track_id=rng.choice(tracks),
                   starts_on=term.starts_on, ends_on=term.ends_on, position=i, progress=rng.randint(0, 100),
                   status=rng.choice(Initiative.Status.values),  # as if reported (bulk, no updates)
                   kind=rng.choice(["", *Initiative.Kind.values]))
        for goal in goals for i in range(per_goal)], batch_size=1000)
    Initiative.partner_regions.through.objects.bulk_create(
        [Initiative.partner_regions.through(initiative_id=i.pk, partnerregion_id=r)
         for i in initiatives for r in rng.sample(regions, rng.randint(1, 3))], batch_size=5000)
    Initiative.funding_sources.through.objects.bulk_create(
        [Initiative.funding_sources.through(initiative_id=i.pk, fundingsource_id=f)
         for i in initiatives for f in rng.sample(funding, rng.randint(0, 2))], batch_size=5000)
    # Every link an initiative has, as many as a busy plan gives them (none to three each).
    for name, column, model in [("coordination_partners", "coordinationpartner_id", CoordinationPartner),
                                ("supported_plans", "supportedplan_id", SupportedPlan),
                                ("offices", "office_id", Office), ("organisations", "organisation_id", Organisation)]:
        through, choices = getattr(Initiative, name).through, list(model.objects.values_list("pk", flat=True))
        through.objects.bulk_create(
            [through(initiative_id=i.pk, **{column: c})
             for i in initiatives for c in rng.sample(choices, min(len(choices), rng.randint(0, 2)))], batch_size=5000)
    Adjustment.objects.create(plan=plan, number=1, summary="Oprettet (benchmark)",
                              changes=changes_now(plan.pk, 1))
    return plan


NARRATIVES = [
    "Samarbejdet forløber som aftalt; næste workshop er planlagt, og partnerne har bekræftet deltagelse.",
    "Projektet venter på svar fra fonden. Uden bevillingen må aktiviteterne skæres ned eller udskydes et halvt år.",
    "Nøglepersonen hos partneren er stoppet, og en ny kontaktperson er endnu ikke udpeget. Vi følger op på "
    "næste møde i netværket og orienterer styregruppen, hvis forsinkelsen varer ved.",
    "",
]


def _rounds(term, rng: random.Random) -> None:
    """A closed round three months ago in which every initiative in force with a status reported it (its report
    frozen when it closed), and an open round a month ago in which a tenth of them reported a changed status.
    Every tenth initiative gets a milestone (half of them overdue) and an indicator with a value."""
    today = timezone.localdate()
    first_as_of = max(term.starts_on, today - datetime.timedelta(days=90))
    second_as_of = min(today, max(first_as_of + datetime.timedelta(days=1), today - datetime.timedelta(days=30)))
    initiatives = list(Initiative.objects.in_force().filter(goal__plan__term=term).order_by("pk"))
    Milestone.objects.bulk_create([
        Milestone(initiative=i, title=f"Milepæl for {i.title}",
                  due_on=first_as_of - datetime.timedelta(days=10) if n % 2 else term.ends_on)
        for n, i in enumerate(initiatives[::10])], batch_size=2000)
    indicators = Indicator.objects.bulk_create([
        Indicator(initiative=i, name="Deltagere i udvekslinger", unit="personer", baseline=0,
                  target=rng.randint(10, 100), target_on=term.ends_on) for i in initiatives[5::10]], batch_size=2000)
    # The demo data leaves a round open; only one may be open, so it is closed before the benchmark's own.
    for demo_round in ReportingRound.objects.filter(is_open=True):
        services.close_round(reporting_round=demo_round, by=None)
    first = services.open_round(as_of=first_as_of, deadline=first_as_of + datetime.timedelta(days=21), by=None)
    reported = [i for i in initiatives if i.status != Initiative.Status.PLANNED]
    updates = StatusUpdate.objects.bulk_create([
        StatusUpdate(initiative=i, round=first, as_of=first_as_of, status=i.status, progress=i.progress,
                     narrative=rng.choice(NARRATIVES)) for i in reported], batch_size=2000)
    by_initiative = {u.initiative_id: u for u in updates}
    IndicatorValue.objects.bulk_create([
        IndicatorValue(update=by_initiative[i.initiative_id], indicator=i, value=rng.randint(0, int(i.target)))
        for i in indicators if i.initiative_id in by_initiative], batch_size=2000)
    services.close_round(reporting_round=first, by=None)
    second = services.open_round(as_of=second_as_of, deadline=today + datetime.timedelta(days=14), by=None)
    active = [Initiative.Status.ON_TRACK, Initiative.Status.AT_RISK, Initiative.Status.OFF_TRACK]
    changed = [i for i in reported[::10] if i.status in active]
    for initiative in changed:
        initiative.status = rng.choice([s for s in active if s != initiative.status])
        initiative.progress = min(100, initiative.progress + rng.randint(0, 20))
    StatusUpdate.objects.bulk_create([
        StatusUpdate(initiative=i, round=second, as_of=second_as_of, status=i.status, progress=i.progress,
                     narrative=rng.choice(NARRATIVES)) for i in changed], batch_size=2000)
    Initiative.objects.bulk_update(changed, ["status", "progress"], batch_size=2000)
