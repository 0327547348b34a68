import datetime
import itertools

import factory
from django.db import connection

from actionplans.models import CouncilTerm, Goal, Initiative
from actionplans.tests.factories import bulk_follow_up, closed_round, make_plan
from partners.models import Field, Office, PartnerRegion, StatusDecision, StrategicTrack
from strategy.models import Area, CoordinationPartner, SupportedPlan
from strategy.tests.factories import AreaFactory


class OfficeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Office
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"office-{n}")
    name_da = factory.Sequence(lambda n: f"Kontor {n}")
    name_en = factory.Sequence(lambda n: f"Office {n}")
    city = "Budapest"
    country = "HU"


class FieldFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Field
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"field-{n}")
    name_da = factory.Sequence(lambda n: f"Fagområde {n}")
    name_en = factory.Sequence(lambda n: f"Field {n}")


class PartnerRegionFactory(factory.django.DjangoModelFactory):
    """A named strategic partner region without a decision yet (status: under consideration)."""

    class Meta:
        model = PartnerRegion
        django_get_or_create = ("code",)
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"region-{n}")
    name_da = factory.Sequence(lambda n: f"Region {n}")
    name_en = factory.Sequence(lambda n: f"Region {n}")
    country = "HU"
    kind = PartnerRegion.Kind.STRATEGIC
    latitude = None
    longitude = None

    class Params:
        unnamed = factory.Trait(name_da="", name_en="", name_native="", name_unknown=True)

    @factory.post_generation
    def fields(self, create, extracted, **kwargs):
        if create and extracted:
            self.fields.set(extracted)


class StatusDecisionFactory(factory.django.DjangoModelFactory):
    """A bare decision row. To change a region's status, call partners.services.record_status_decision."""

    class Meta:
        model = StatusDecision

    region = factory.SubFactory(PartnerRegionFactory)
    decided_on = factory.Sequence(lambda n: datetime.date(2013, 3, 19) + datetime.timedelta(days=n))
    status = PartnerRegion.Status.ACTIVE
    reference = "Regionsrådets møde"


class StrategicTrackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StrategicTrack
        django_get_or_create = ("code",)

    area = factory.SubFactory(AreaFactory)
    code = factory.Sequence(lambda n: f"track-{n}")
    name_da = factory.Sequence(lambda n: f"Spor {n}")
    name_en = factory.Sequence(lambda n: f"Track {n}")


# --- Data in bulk, for the query-count tests ---------------------------------------------------------------

STATUSES = ["active", "under_consideration", "paused", "ended"]


def grow(*, regions: int, initiatives: int) -> None:
    """Add `regions` partner regions and `initiatives` initiatives to the starting data, in bulk, and a closed
    reporting round.

    Each region gets a field, a track, a decision and coordinates (every tenth none); each initiative is in
    Health's plan in force for the current term, works with two regions, and has a status update (every fourth
    completed, the others active), milestones (one overdue) and an indicator with a value.
    """
    area = Area.objects.get(code="sundhed")
    fields, tracks = list(Field.objects.all()), list(StrategicTrack.objects.all())
    new = PartnerRegion.objects.bulk_create([
        PartnerRegion(code=f"bulk-{n}", name_da=f"Bulk {n}", name_en=f"Bulk {n}", country=["HU", "PL", "CN"][n % 3],
                      kind="strategic" if n % 2 else "friendship", status=STATUSES[n % 4],
                      status_changed_on=datetime.date(2014 + n % 10, 1, 1),
                      latitude=None if n % 10 == 0 else 40 + n % 20, longitude=None if n % 10 == 0 else n % 120)
        for n in range(regions)])
    PartnerRegion.fields.through.objects.bulk_create([
        PartnerRegion.fields.through(partnerregion=r, field=fields[n % len(fields)]) for n, r in enumerate(new)])
    StrategicTrack.partner_regions.through.objects.bulk_create([
        StrategicTrack.partner_regions.through(partnerregion=r, strategictrack=tracks[n % len(tracks)])
        for n, r in enumerate(new)])
    StatusDecision.objects.bulk_create([
        StatusDecision(region=r, decided_on=r.status_changed_on, status=r.status, reference="Bulk")
        for r in new])
    plan = (CouncilTerm.objects.current().action_plans.filter(area=area, status="in_force").first()
            or make_plan(area, CouncilTerm.objects.current(), goals=1, initiatives=1))
    goal = Goal.objects.filter(plan=plan).first()
    created = Initiative.objects.bulk_create([
        Initiative(goal=goal, title=f"Bulk initiative {n}", owner="Bulk", starts_on=plan.term.starts_on,
                   status=["planned", "on_track", "at_risk"][n % 3], track=tracks[n % len(tracks)], position=n + 10,
                   kind=["", *Initiative.Kind.values][n % 6])
        for n in range(initiatives)])
    # What the initiatives serve: a coordination partner, a supported plan and an office each, in turn.
    for link, model in [("coordination_partners", CoordinationPartner), ("supported_plans", SupportedPlan),
                        ("offices", Office)]:
        through, rows = getattr(Initiative, link).through, itertools.cycle(model.objects.all())
        column = through._meta.get_field(model._meta.model_name).name
        through.objects.bulk_create([through(initiative=i, **{column: next(rows)}) for i in created])
    every = itertools.cycle(new or list(PartnerRegion.objects.all()))
    PartnerRegion.initiatives.through.objects.bulk_create([
        PartnerRegion.initiatives.through(initiative=i, partnerregion=next(every))
        for i in created for _pair in range(2)], ignore_conflicts=True)
    bulk_follow_up(created)
    # As autovacuum would in production: without statistics the planner takes the new tables for empty.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    closed_round()
