"""Valid objects by default. Elections and terms start after the starting data's calendar (2005–2029),
so the factories can be used with or without the starting_data fixture."""

import datetime

import factory
from django.utils import timezone

from actionplans import services
from actionplans.history import changes_now, loading_history
from actionplans.models import (
    ActionPlan,
    Adjustment,
    CouncilTerm,
    Election,
    Goal,
    Indicator,
    IndicatorValue,
    Initiative,
    Milestone,
    ReportingRound,
    StatusUpdate,
    rule_election_date,
    rule_term_dates,
)
from partners.models import PartnerRegion
from strategy.models import Area, Purpose
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
    kind = Initiative.Kind.PROJECTS
    progress = 0
    position = factory.Sequence(lambda n: n)

    @factory.post_generation
    def partner_regions(self, create, extracted, **kwargs):
        if create and extracted:
            self.partner_regions.set(extracted)


# --- Plans of the starting data's areas and terms (use with the starting_data fixture) ----------------


def make_plan(area, term, *, status=ActionPlan.Status.IN_FORCE, goals=2, initiatives=2):
    """A plan with content, loaded the way historic plans are (the database otherwise refuses ended terms)."""
    adopted_on = None if status == ActionPlan.Status.DRAFT else term.starts_on + datetime.timedelta(days=30)
    with loading_history():
        plan = ActionPlan.objects.create(area=area, term=term, status=status, adopted_on=adopted_on, version=1)
        shanghai = PartnerRegion.objects.get(code="shanghai")
        for g in range(goals):
            goal = Goal.objects.create(plan=plan, title=f"Mål {g + 1}", position=g)
            goal.purposes.set(Purpose.objects.filter(number__in=[1, 2]))
            for i in range(initiatives):
                initiative = Initiative.objects.create(goal=goal, title=f"Indsats {g + 1}.{i + 1}", owner="Ejer",
                                                       position=i, starts_on=term.starts_on, progress=10,
                                                       kind=Initiative.Kind.PROJECTS)
                initiative.partner_regions.set([shanghai])
        Adjustment.objects.create(plan=plan, number=1, summary="Vedtaget",
                                  changes=changes_now(plan.pk, 1))
    return plan


def empty_plan(*, area_code: str, term: CouncilTerm, status=ActionPlan.Status.DRAFT, adopted_on=None) -> ActionPlan:
    """A plan without goals or adjustments, created as it is (a plan of an ended term needs loading_history())."""
    return ActionPlan.objects.create(area=Area.objects.get(code=area_code), term=term, status=status,
                                     adopted_on=adopted_on)


def make_goal(plan: ActionPlan, title: str = "Stronger cooperation with Shanghai on rehabilitation") -> Goal:
    goal = Goal.objects.create(plan=plan, title=title)
    goal.purposes.set(Purpose.objects.filter(number__in=[1, 2]))
    return goal


def make_initiative(goal: Goal, title: str = "Exchange of physiotherapists", **kwargs) -> Initiative:
    values = {"owner": "Hospitalsenhed Midt", "starts_on": goal.plan.term.starts_on} | kwargs
    return Initiative.objects.create(goal=goal, title=title, **values)


def ended_term() -> CouncilTerm:
    return CouncilTerm.objects.get(starts_on=datetime.date(2018, 1, 1))


# --- Follow-up: status updates and reporting rounds -------------------------------------------------------------


def report_status(initiative: Initiative, *, status: str, progress: int, narrative: str = "", as_of=None, by=None,
                  values=None):
    """A status update on top of the initiative's latest one (through the service, as the portal reports)."""
    latest = initiative.status_updates.order_by("-as_of", "-id").first()
    return services.record_status_update(initiative=initiative, as_of=as_of or timezone.localdate(), status=status,
                                         progress=progress, narrative=narrative,
                                         seen_update=latest.pk if latest else None, by=by, values=values)


def reporting_round(as_of: datetime.date, updates=(), *, close: bool = True, by=None) -> ReportingRound:
    """A round as of `as_of` in which each (initiative, status, progress, narrative) of `updates` is reported;
    closed (its report frozen) unless `close` is False."""
    opened = services.open_round(as_of=as_of, deadline=as_of + datetime.timedelta(days=14), by=by)
    for initiative, status, progress, narrative in updates:
        report_status(initiative, status=status, progress=progress, narrative=narrative, as_of=as_of, by=by)
    return services.close_round(reporting_round=opened, by=by) if close else opened


# --- Follow-up in bulk (for the query-count tests) -----------------------------------------------------------

FOLLOW_UP_STATUSES = [Initiative.Status.ON_TRACK, Initiative.Status.AT_RISK, Initiative.Status.OFF_TRACK,
                      Initiative.Status.COMPLETED]


def bulk_follow_up(initiatives) -> None:
    """Give each initiative, in bulk, a status update (the statuses in turn, a narrative), an overdue milestone and
    one done, and an indicator with a value reported with the update (every other initiative's on target)."""
    today = timezone.localdate()
    updates, milestones, indicators = [], [], []
    for n, initiative in enumerate(initiatives):
        as_of = max(initiative.starts_on, today - datetime.timedelta(days=7))
        initiative.status, initiative.progress = FOLLOW_UP_STATUSES[n % 4], n % 101
        updates.append(StatusUpdate(initiative=initiative, as_of=as_of, status=initiative.status,
                                    progress=initiative.progress, narrative=f"Status {n}"))
        milestones += [Milestone(initiative=initiative, title=f"Milestone {n}", due_on=today - datetime.timedelta(1)),
                       Milestone(initiative=initiative, title=f"Done {n}", due_on=as_of, done_on=as_of)]
        indicators.append(Indicator(initiative=initiative, name=f"Indicator {n}", baseline=0, target=100,
                                    target_on=initiative.starts_on + datetime.timedelta(days=365)))
    # Loaded as history is: the database's per-row guards (is the plan history?) would look up each row's plan.
    with loading_history():
        StatusUpdate.objects.bulk_create(updates, batch_size=2000)
        Milestone.objects.bulk_create(milestones, batch_size=2000)
        Indicator.objects.bulk_create(indicators, batch_size=2000)
        IndicatorValue.objects.bulk_create([
            IndicatorValue(update=update, indicator=indicator, value=100 * (n % 2))
            for n, (update, indicator) in enumerate(zip(updates, indicators, strict=True))], batch_size=2000)
        Initiative.objects.bulk_update(initiatives, ["status", "progress"], batch_size=2000)


def closed_round(*, days_ago: int = 14, by=None) -> ReportingRound:
    """A reporting round as of `days_ago` days ago, opened and closed at once: its report is frozen."""
    from actionplans.services import close_round, open_round

    as_of = timezone.localdate() - datetime.timedelta(days=days_ago)
    return close_round(reporting_round=open_round(as_of=as_of, deadline=as_of, by=by), by=by)
