"""Valid objects by default. Elections and terms start after the starting data's calendar (2005–2029),
so the factories can be used with or without the starting_data fixture."""

import datetime

import factory

from actionplans.models import (
    ActionPlan,
    CouncilTerm,
    Election,
    Goal,
    Initiative,
    rule_election_date,
    rule_term_dates,
)
from strategy.tests.factories import AreaFactory


class ElectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Election

    held_on = factory.Sequence(lambda n: rule_election_date(2033 + 4 * n))


class CouncilTermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CouncilTerm

    election = factory.SubFactory(ElectionFactory)
    starts_on = factory.LazyAttribute(lambda term: rule_term_dates(term.election.held_on)[0])
    ends_on = factory.LazyAttribute(lambda term: rule_term_dates(term.election.held_on)[1])


class ActionPlanFactory(factory.django.DjangoModelFactory):
    """A draft by default; ActionPlanFactory(in_force=True) or (superseded=True) for an adopted plan."""

    class Meta:
        model = ActionPlan

    area = factory.SubFactory(AreaFactory)
    term = factory.SubFactory(CouncilTermFactory)
    status = ActionPlan.Status.DRAFT
    adopted_on = None
    summary = factory.Faker("sentence")

    class Params:
        in_force = factory.Trait(
            status=ActionPlan.Status.IN_FORCE,
            adopted_on=factory.LazyAttribute(lambda plan: plan.term.starts_on + datetime.timedelta(days=60)),
        )
        superseded = factory.Trait(
            status=ActionPlan.Status.SUPERSEDED,
            adopted_on=factory.LazyAttribute(lambda plan: plan.term.starts_on + datetime.timedelta(days=30)),
        )


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Goal
        skip_postgeneration_save = True

    plan = factory.SubFactory(ActionPlanFactory)
    title = factory.Sequence(lambda n: f"Goal {n}")
    position = factory.Sequence(lambda n: n)

    @factory.post_generation
    def purposes(self, create, extracted, **kwargs):
        if create and extracted:
            self.purposes.set(extracted)


class InitiativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Initiative
        skip_postgeneration_save = True

    goal = factory.SubFactory(GoalFactory)
    title = factory.Sequence(lambda n: f"Initiative {n}")
    owner = factory.Faker("name")
    starts_on = factory.LazyAttribute(lambda initiative: initiative.goal.plan.term.starts_on)
    ends_on = None
    status = Initiative.Status.PLANNED
    progress = 0
    position = factory.Sequence(lambda n: n)

    @factory.post_generation
    def partner_regions(self, create, extracted, **kwargs):
        if create and extracted:
            self.partner_regions.set(extracted)
