"""The four-year revision cycle as the models and the database enforce it: elections, council terms,
action plans and initiatives."""

import datetime

import pytest
from django.core.exceptions import NON_FIELD_ERRORS
from django.db import IntegrityError, transaction
from django.utils import timezone

from actionplans.models import (
    ActionPlan,
    CouncilTerm,
    Election,
    Initiative,
    is_election_year,
    rule_election_date,
    rule_term_dates,
)
from actionplans.tests.factories import (
    ActionPlanFactory,
    CouncilTermFactory,
    ElectionFactory,
    GoalFactory,
    InitiativeFactory,
    make_plan,
)
from common.testing import non_field, refusal, refused_by_database
from strategy.tests.factories import AreaFactory

D = datetime.date

ELECTION_NOTE = "This date deviates from the election rule: say why in the note."
TERM_NOTE = "This term deviates from the rule: say why in the note."
TERM_AFTER_ELECTION = "A term starts after its election."
TERM_ENDS_AFTER_START = "A term must end after it starts."
TERMS_OVERLAP = "Council terms cannot overlap."
TERM_DATES_FROZEN = ("The dates of a council term that has started or has action plans cannot be changed: the plans "
                     "and their history depend on them.")
ONE_IN_FORCE = "This area already has a plan in force for this council term."
ONE_DRAFT = "This area already has a draft for this council term."
ADOPTION_DATE = "An adopted plan needs an adoption date; a draft has none."
INITIATIVE_DATES = "An initiative cannot end before it starts."
PROGRESS = "Progress is a percentage from 0 to 100."


@pytest.fixture
def term_2026(starting_data):
    return CouncilTerm.objects.get(starts_on=D(2026, 1, 1))


@pytest.fixture
def term_2030(starting_data):
    return CouncilTerm.objects.get(starts_on=D(2030, 1, 1))


@pytest.fixture
def term_2022(starting_data):
    return CouncilTerm.objects.get(starts_on=D(2022, 1, 1))


@pytest.fixture
def term(starting_data):
    """The starting data's first term that has not ended (2026–2029 in 2026): the database refuses new plans,
    and changes to plans, of a term that has ended."""
    return CouncilTerm.objects.filter(ends_on__gte=timezone.localdate()).order_by("starts_on").first()


def day(term, n):
    """The n-th day of a term, counting from 0."""
    return term.starts_on + datetime.timedelta(days=n)


@pytest.mark.django_db
def test_factories_make_valid_objects():
    term = CouncilTermFactory()
    assert term.follows_rule()
    term.full_clean()
    for plan in (ActionPlanFactory(term=term), ActionPlanFactory(term=term, in_force=True),
                 ActionPlanFactory(term=term, superseded=True)):
        plan.full_clean()
    InitiativeFactory().full_clean()


# --- The election rule -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("year", "held_on"),
    [
        (2005, D(2005, 11, 15)),
        (2009, D(2009, 11, 17)),
        (2013, D(2013, 11, 19)),
        (2017, D(2017, 11, 21)),
        (2021, D(2021, 11, 16)),
        (2025, D(2025, 11, 18)),
        (2029, D(2029, 11, 20)),
    ],
)
def test_rule_election_date_is_the_third_tuesday_of_november(year, held_on):
    assert rule_election_date(year) == held_on
    assert held_on.weekday() == 1  # Tuesday
    assert 15 <= held_on.day <= 21


@pytest.mark.parametrize(
    ("held_on", "term"),
    [
        (D(2005, 11, 15), (D(2006, 1, 1), D(2009, 12, 31))),
        (D(2009, 11, 17), (D(2010, 1, 1), D(2013, 12, 31))),
        (D(2013, 11, 19), (D(2014, 1, 1), D(2017, 12, 31))),
        (D(2017, 11, 21), (D(2018, 1, 1), D(2021, 12, 31))),
        (D(2021, 11, 16), (D(2022, 1, 1), D(2025, 12, 31))),
        (D(2025, 11, 18), (D(2026, 1, 1), D(2029, 12, 31))),
        (D(2029, 11, 20), (D(2030, 1, 1), D(2033, 12, 31))),
    ],
)
def test_rule_term_runs_four_years_from_1_january_after_the_election(held_on, term):
    assert rule_term_dates(held_on) == term


@pytest.mark.parametrize("year", [2005, 2009, 2013, 2017, 2021, 2025, 2029, 2033])
def test_is_election_year(year):
    assert is_election_year(year)


@pytest.mark.parametrize("year", [2001, 2004, 2006, 2007, 2008, 2012, 2024, 2026, 2027, 2028])
def test_is_not_election_year(year):
    assert not is_election_year(year)


def test_starting_data_elections_follow_the_rule(starting_data):
    elections = list(Election.objects.all())
    assert [e.held_on for e in elections] == [rule_election_date(year) for year in range(2005, 2030, 4)]
    for election in elections:
        assert election.follows_rule()
        election.full_clean()


@pytest.mark.django_db
def test_election_on_the_rule_date_needs_no_note():
    election = Election(held_on=D(2033, 11, 15))
    assert election.follows_rule()
    election.full_clean()
    election.save()
    assert Election.objects.filter(held_on=D(2033, 11, 15)).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "held_on",
    [
        D(2025, 11, 25),  # the fourth Tuesday in an election year
        D(2025, 11, 19),  # a Wednesday
        rule_election_date(2027),  # the third Tuesday, but not an election year
    ],
)
def test_deviating_election_needs_a_note(held_on):
    election = Election(held_on=held_on)
    assert not election.follows_rule()

    errors = refusal(election)
    assert errors == {"note": [ELECTION_NOTE]}
    assert not Election.objects.filter(held_on=held_on).exists()

    election.note = "   "
    assert refusal(election) == {"note": [ELECTION_NOTE]}

    election.note = "Ekstraordinært valg efter kommunalreformen."
    election.full_clean()
    election.save()
    assert Election.objects.filter(held_on=held_on).count() == 1


def test_an_election_date_is_recorded_once(starting_data):
    errors = refusal(Election(held_on=D(2025, 11, 18)))
    assert list(errors) == ["held_on"]
    with refused_by_database("actionplans_election_held_on_key", Election):
        Election.objects.create(held_on=D(2025, 11, 18))


# --- Council terms ------------------------------------------------------------------------


def test_starting_data_terms(starting_data):
    terms = [(t.starts_on, t.ends_on) for t in CouncilTerm.objects.all()]
    assert terms == [(D(2007, 1, 1), D(2009, 12, 31))] + [
        (D(year, 1, 1), D(year + 3, 12, 31)) for year in range(2010, 2031, 4)
    ]
    for term in CouncilTerm.objects.select_related("election"):
        term.full_clean()


def test_the_first_term_deviates_and_carries_a_note(starting_data):
    term = CouncilTerm.objects.get(election__held_on=D(2005, 11, 15))
    assert (term.starts_on, term.ends_on) == (D(2007, 1, 1), D(2009, 12, 31))
    assert not term.follows_rule()
    assert term.note.strip()
    term.full_clean()

    term.note = ""
    assert refusal(term) == {"note": [TERM_NOTE]}
    term.refresh_from_db()
    assert term.note.strip()


def test_other_terms_follow_the_rule_without_a_note(starting_data):
    for term in CouncilTerm.objects.exclude(election__held_on=D(2005, 11, 15)):
        assert term.follows_rule()
        assert term.note == ""


@pytest.mark.django_db
def test_deviating_term_needs_a_note():
    election = ElectionFactory(held_on=D(2033, 11, 15))
    term = CouncilTerm(election=election, starts_on=D(2035, 1, 1), ends_on=D(2037, 12, 31))
    assert refusal(term) == {"note": [TERM_NOTE]}
    assert not CouncilTerm.objects.filter(election=election).exists()

    term.note = "Forberedelsesår 2034."
    term.full_clean()
    term.save()
    assert CouncilTerm.objects.filter(election=election).count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("starts_on", [D(2033, 11, 1), D(2033, 11, 15)])
def test_term_cannot_start_before_its_election(starts_on):
    election = ElectionFactory(held_on=D(2033, 11, 15))
    term = CouncilTerm(election=election, starts_on=starts_on, ends_on=D(2037, 12, 31), note="Afvigende periode.")
    assert refusal(term) == {"starts_on": [TERM_AFTER_ELECTION]}
    assert not CouncilTerm.objects.filter(election=election).exists()


@pytest.mark.django_db
def test_term_following_the_rule_is_accepted():
    election = ElectionFactory(held_on=D(2033, 11, 15))
    term = CouncilTerm(election=election, starts_on=D(2034, 1, 1), ends_on=D(2037, 12, 31))
    assert term.follows_rule()
    term.full_clean()
    term.save()


@pytest.mark.django_db
def test_adjacent_terms_are_allowed():
    # After the starting data's calendar (its last term ends 2033-12-31), so the test runs with or without it.
    first = CouncilTerm(election=ElectionFactory(held_on=D(2033, 11, 15)), starts_on=D(2034, 1, 1),
                        ends_on=D(2037, 12, 31))
    first.full_clean()
    first.save()
    second = CouncilTerm(election=ElectionFactory(held_on=D(2037, 11, 17)), starts_on=D(2038, 1, 1),
                         ends_on=D(2041, 12, 31))
    second.full_clean()
    second.save()
    assert CouncilTerm.objects.filter(pk__in=[first.pk, second.pk]).count() == 2
    assert CouncilTerm.objects.containing(D(2037, 12, 31)).get() == first
    assert CouncilTerm.objects.containing(D(2038, 1, 1)).get() == second


def test_starting_data_terms_are_adjacent(term_2022, term_2026):
    assert term_2022.ends_on == D(2025, 12, 31)
    assert term_2026.starts_on == term_2022.ends_on + datetime.timedelta(days=1)


@pytest.mark.parametrize(
    ("starts_on", "ends_on"),
    [
        (D(2032, 1, 1), D(2035, 12, 31)),  # overlaps most of 2030–2033
        (D(2033, 12, 31), D(2037, 12, 31)),  # overlaps its last day only: the end is inclusive
        (D(2026, 6, 1), D(2026, 6, 30)),  # inside 2026–2029
    ],
)
def test_overlapping_term_is_refused(starting_data, starts_on, ends_on):
    election = ElectionFactory(held_on=starts_on - datetime.timedelta(days=30), note="Afvigende valg.")
    term = CouncilTerm(election=election, starts_on=starts_on, ends_on=ends_on, note="Afvigende periode.")

    errors = refusal(term)
    assert non_field(errors) == [TERMS_OVERLAP]

    with refused_by_database("actionplans_term_no_overlap", CouncilTerm):
        CouncilTerm.objects.create(election=election, starts_on=starts_on, ends_on=ends_on, note="x")


def test_moving_a_term_into_its_neighbour_is_refused(term_2030):
    term_2030.starts_on = D(2029, 12, 31)
    term_2030.note = "Afvigende periode."
    assert non_field(refusal(term_2030)) == [TERMS_OVERLAP]
    with refused_by_database("actionplans_term_no_overlap", CouncilTerm):
        CouncilTerm.objects.filter(pk=term_2030.pk).update(starts_on=D(2029, 12, 31))
    term_2030.refresh_from_db()
    assert term_2030.starts_on == D(2030, 1, 1)


def test_a_term_that_has_not_started_and_has_no_plans_can_be_moved(term_2030):
    term_2030.ends_on = D(2034, 6, 30)
    term_2030.note = "Forlænget efter en sammenlægning."
    term_2030.full_clean()
    term_2030.save()
    assert CouncilTerm.objects.get(pk=term_2030.pk).ends_on == D(2034, 6, 30)


def test_a_started_terms_dates_are_fixed(term_2022):
    """Moving the 2022–2025 term's end into 2026 would reopen the plans of that term."""
    term_2022.ends_on = D(2026, 6, 30)
    term_2022.note = "Forsøg."
    assert TERM_DATES_FROZEN in non_field(refusal(term_2022))
    with pytest.raises(IntegrityError, match="term_dates_frozen"), transaction.atomic():
        CouncilTerm.objects.filter(pk=term_2022.pk).update(ends_on=D(2026, 6, 30))
    assert CouncilTerm.objects.get(pk=term_2022.pk).ends_on == D(2025, 12, 31)


def test_a_future_term_with_plans_has_fixed_dates(term_2030, health):
    make_plan(health, term_2030, status=ActionPlan.Status.DRAFT, goals=0)
    term_2030.ends_on = D(2034, 6, 30)
    term_2030.note = "Forlænget."
    assert non_field(refusal(term_2030)) == [TERM_DATES_FROZEN]
    with pytest.raises(IntegrityError, match="term_dates_frozen"), transaction.atomic():
        CouncilTerm.objects.filter(pk=term_2030.pk).update(ends_on=D(2034, 6, 30))


@pytest.mark.django_db
def test_term_ending_on_its_first_day_is_refused():
    election = ElectionFactory(held_on=D(2033, 11, 15))
    term = CouncilTerm(election=election, starts_on=D(2034, 1, 1), ends_on=D(2034, 1, 1), note="Afvigende.")
    assert refusal(term)["ends_on"] == [TERM_ENDS_AFTER_START]
    with refused_by_database("actionplans_term_ends_after_start", CouncilTerm):
        CouncilTerm.objects.create(election=election, starts_on=D(2034, 1, 1), ends_on=D(2034, 1, 1))


@pytest.mark.django_db
def test_term_ending_before_it_starts_is_refused_by_the_database():
    election = ElectionFactory(held_on=D(2033, 11, 15))
    with refused_by_database("actionplans_term_ends_after_start", CouncilTerm):
        CouncilTerm.objects.bulk_create(
            [CouncilTerm(election=election, starts_on=D(2034, 1, 1), ends_on=D(2033, 12, 31))]
        )


@pytest.mark.django_db
def test_term_ending_before_it_starts_is_refused_by_full_clean():
    election = ElectionFactory(held_on=D(2033, 11, 15))
    term = CouncilTerm(election=election, starts_on=D(2034, 1, 1), ends_on=D(2033, 12, 31), note="Afvigende.")
    with transaction.atomic():
        errors = refusal(term)
    assert errors["ends_on"] == [TERM_ENDS_AFTER_START]
    assert not CouncilTerm.objects.filter(election=election).exists()


# --- Action plans -------------------------------------------------------------------------


def test_one_plan_in_force_per_area_and_term(health, term):
    ActionPlanFactory(area=health, term=term, in_force=True)
    second = ActionPlanFactory.build(area=health, term=term, in_force=True)

    assert non_field(refusal(second)) == [ONE_IN_FORCE]
    with refused_by_database("actionplans_plan_one_in_force", ActionPlan):
        ActionPlan.objects.create(area=health, term=term, status="in_force", adopted_on=day(term, 100))
    assert ActionPlan.objects.in_force().filter(area=health, term=term).count() == 1


def test_putting_a_draft_in_force_next_to_the_plan_in_force_by_update_is_refused(health, term):
    ActionPlanFactory(area=health, term=term, in_force=True)
    draft = ActionPlanFactory(area=health, term=term)
    with refused_by_database("actionplans_plan_one_in_force", ActionPlan):
        ActionPlan.objects.filter(pk=draft.pk).update(status="in_force", adopted_on=day(term, 100))
    draft.refresh_from_db()
    assert draft.status == ActionPlan.Status.DRAFT


def test_plans_in_force_for_other_areas_and_terms_are_allowed(health, regional_development, term):
    later_term = CouncilTermFactory()
    for area in (health, regional_development):
        for each_term in (term, later_term):
            plan = ActionPlanFactory.build(area=area, term=each_term, in_force=True)
            plan.full_clean()
            plan.save()
    assert ActionPlan.objects.in_force().count() == 4


def test_one_draft_per_area_and_term(health, term):
    ActionPlanFactory(area=health, term=term)
    second = ActionPlanFactory.build(area=health, term=term)

    assert non_field(refusal(second)) == [ONE_DRAFT]
    with refused_by_database("actionplans_plan_one_draft", ActionPlan):
        ActionPlan.objects.bulk_create([ActionPlan(area=health, term=term)])
    assert ActionPlan.objects.drafts().count() == 1


def test_draft_next_to_the_plan_in_force_is_allowed(health, term):
    ActionPlanFactory(area=health, term=term, in_force=True)
    draft = ActionPlanFactory.build(area=health, term=term)
    draft.full_clean()
    draft.save()
    assert ActionPlan.objects.filter(area=health, term=term).count() == 2


def test_superseded_plans_and_a_new_plan_in_force_for_the_same_term_are_allowed(health, term):
    ActionPlanFactory(area=health, term=term, superseded=True, adopted_on=day(term, 30))
    second_superseded = ActionPlanFactory.build(area=health, term=term, superseded=True, adopted_on=day(term, 120))
    second_superseded.full_clean()
    second_superseded.save()
    in_force = ActionPlanFactory.build(area=health, term=term, in_force=True, adopted_on=day(term, 240))
    in_force.full_clean()
    in_force.save()
    assert ActionPlan.objects.filter(area=health, term=term).count() == 3
    assert ActionPlan.objects.in_force().get(area=health, term=term) == in_force


def test_draft_has_no_adoption_date(health, term):
    draft = ActionPlanFactory.build(area=health, term=term, adopted_on=day(term, 60))
    assert non_field(refusal(draft)) == [ADOPTION_DATE]
    with refused_by_database("actionplans_plan_adopted_iff_not_draft", ActionPlan):
        ActionPlan.objects.create(area=health, term=term, status="draft", adopted_on=day(term, 60))


@pytest.mark.parametrize("status", [ActionPlan.Status.IN_FORCE, ActionPlan.Status.SUPERSEDED])
def test_adopted_plan_needs_an_adoption_date(health, term, status):
    plan = ActionPlanFactory.build(area=health, term=term, status=status, adopted_on=None)
    assert non_field(refusal(plan)) == [ADOPTION_DATE]
    with refused_by_database("actionplans_plan_adopted_iff_not_draft", ActionPlan):
        ActionPlan.objects.create(area=health, term=term, status=status, adopted_on=None)


def test_adopting_by_update_without_a_date_is_refused(health, term):
    draft = ActionPlanFactory(area=health, term=term)
    with refused_by_database("actionplans_plan_adopted_iff_not_draft", ActionPlan):
        ActionPlan.objects.filter(pk=draft.pk).update(status="in_force")
    draft.refresh_from_db()
    assert draft.status == ActionPlan.Status.DRAFT


@pytest.mark.parametrize(
    "adopted_on",
    [
        lambda term: term.starts_on - datetime.timedelta(days=1),
        lambda term: term.ends_on + datetime.timedelta(days=1),
        lambda term: D(2013, 3, 19),
    ],
    ids=["day-before", "day-after", "long-before"],
)
def test_plan_is_adopted_within_its_term(health, term, adopted_on):
    plan = ActionPlanFactory.build(area=health, term=term, in_force=True, adopted_on=adopted_on(term))
    assert refusal(plan) == {
        "adopted_on": [
            "A plan can only be adopted within its council term "
            f"({term.starts_on:%Y-%m-%d} to {term.ends_on:%Y-%m-%d})."
        ]
    }
    assert ActionPlan.objects.count() == 0


def test_message_names_the_term_dates(health, term_2026):
    plan = ActionPlanFactory.build(area=health, term=term_2026, in_force=True, adopted_on=D(2025, 12, 31))
    assert refusal(plan)["adopted_on"] == [
        "A plan can only be adopted within its council term (2026-01-01 to 2029-12-31)."
    ]


@pytest.mark.parametrize(
    "adopted_on",
    [lambda term: term.starts_on, lambda term: day(term, 500), lambda term: term.ends_on],
    ids=["first-day", "middle", "last-day"],
)
def test_adoption_on_any_day_of_the_term_is_accepted(health, term, adopted_on):
    plan = ActionPlanFactory.build(area=health, term=term, in_force=True, adopted_on=adopted_on(term))
    plan.full_clean()
    plan.save()
    assert ActionPlan.objects.in_force().count() == 1


def test_invalid_plan_status_is_refused(health, term):
    # With an adoption date, so that only the status rule is broken.
    plan = ActionPlanFactory.build(area=health, term=term, status="archived", adopted_on=day(term, 60))
    assert list(refusal(plan)) == ["status"]
    with refused_by_database("actionplans_plan_status_valid", ActionPlan):
        ActionPlan.objects.create(area=health, term=term, status="archived", adopted_on=day(term, 60))


def test_plan_status_cannot_be_set_to_an_invalid_value_by_update(health, term):
    plan = ActionPlanFactory(area=health, term=term, in_force=True)
    with refused_by_database("actionplans_plan_status_valid", ActionPlan):
        ActionPlan.objects.filter(pk=plan.pk).update(status="archived")
    plan.refresh_from_db()
    assert plan.status == ActionPlan.Status.IN_FORCE


# --- Initiatives --------------------------------------------------------------------------


@pytest.fixture
def goal(health, term):
    return GoalFactory(plan=ActionPlanFactory(area=health, term=term, in_force=True))


def test_initiative_cannot_end_before_it_starts(goal):
    starts_on = goal.plan.term.starts_on
    initiative = InitiativeFactory.build(goal=goal, starts_on=starts_on, ends_on=starts_on - datetime.timedelta(days=1))
    assert non_field(refusal(initiative)) == [INITIATIVE_DATES]
    with refused_by_database("actionplans_initiative_ends_after_start", Initiative):
        Initiative.objects.create(goal=goal, title="x", owner="y", starts_on=starts_on,
                                  ends_on=starts_on - datetime.timedelta(days=1))


def test_moving_an_initiatives_end_before_its_start_is_refused(goal):
    term = goal.plan.term
    initiative = InitiativeFactory(goal=goal, starts_on=day(term, 100), ends_on=day(term, 300))
    with refused_by_database("actionplans_initiative_ends_after_start", Initiative):
        Initiative.objects.filter(pk=initiative.pk).update(ends_on=day(term, 99))
    initiative.refresh_from_db()
    assert initiative.ends_on == day(term, 300)


@pytest.mark.parametrize("length", [0, None, 2000], ids=["same-day", "open-end", "beyond-the-term"])
def test_initiative_dates_accepted(goal, length):
    starts_on = day(goal.plan.term, 100)
    ends_on = None if length is None else starts_on + datetime.timedelta(days=length)
    initiative = InitiativeFactory.build(goal=goal, starts_on=starts_on, ends_on=ends_on)
    initiative.full_clean()
    initiative.save()
    assert Initiative.objects.count() == 1


def test_initiative_progress_above_100_is_refused(goal):
    initiative = InitiativeFactory.build(goal=goal, progress=101)
    assert non_field(refusal(initiative)) == [PROGRESS]
    with refused_by_database("actionplans_initiative_progress_percent", Initiative):
        Initiative.objects.create(goal=goal, title="x", owner="y", starts_on=goal.plan.term.starts_on, progress=101)


def test_initiative_progress_below_0_is_refused(goal):
    initiative = InitiativeFactory(goal=goal, progress=50)
    initiative.progress = -1
    assert "progress" in refusal(initiative)
    with refused_by_database("actionplans_initiative_progress_check", Initiative):
        Initiative.objects.filter(pk=initiative.pk).update(progress=-1)
    initiative.refresh_from_db()
    assert initiative.progress == 50


@pytest.mark.parametrize("progress", [0, 100])
def test_initiative_progress_bounds_accepted(goal, progress):
    initiative = InitiativeFactory.build(goal=goal, progress=progress)
    initiative.full_clean()
    initiative.save()


def test_invalid_initiative_status_is_refused(goal):
    initiative = InitiativeFactory.build(goal=goal, status="forgotten")
    assert list(refusal(initiative)) == [NON_FIELD_ERRORS]  # the status is set by status updates, not a form
    with refused_by_database("actionplans_initiative_status_valid", Initiative):
        Initiative.objects.create(goal=goal, title="x", owner="y", starts_on=goal.plan.term.starts_on,
                                  status="forgotten")


# --- The same refusals in Danish, the interface's default language ------------------------


def _second_plan_in_force(term):
    area = ActionPlanFactory(term=term, in_force=True).area
    return ActionPlanFactory.build(area=area, term=term, in_force=True)


def _second_draft(term):
    area = ActionPlanFactory(term=term).area
    return ActionPlanFactory.build(area=area, term=term)


def _overlapping_term(term):
    election = ElectionFactory(held_on=D(2031, 11, 18), note="Afvigende valg.")
    return CouncilTerm(election=election, starts_on=D(2032, 1, 1), ends_on=D(2035, 12, 31), note="Afvigende.")


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda term: Election(held_on=D(2025, 11, 25)),
         {"note": ["Datoen afviger fra reglen for valgdatoer: skriv begrundelsen i bemærkningen."]}),
        (lambda term: CouncilTerm(election=ElectionFactory(held_on=D(2033, 11, 15)), starts_on=D(2035, 1, 1),
                                  ends_on=D(2037, 12, 31)),
         {"note": ["Valgperioden afviger fra reglen: skriv begrundelsen i bemærkningen."]}),
        (lambda term: CouncilTerm(election=ElectionFactory(held_on=D(2033, 11, 15)), starts_on=D(2033, 11, 1),
                                  ends_on=D(2037, 12, 31), note="x"),
         {"starts_on": ["En valgperiode starter efter det valg, den hører til."]}),
        (lambda term: CouncilTerm(election=ElectionFactory(held_on=D(2033, 11, 15)), starts_on=D(2034, 1, 1),
                                  ends_on=D(2034, 1, 1), note="x"),
         {"ends_on": ["En valgperiode skal slutte efter sin startdato."]}),
        (_overlapping_term, {NON_FIELD_ERRORS: ["Valgperioder må ikke overlappe hinanden."]}),
        (_second_plan_in_force,
         {NON_FIELD_ERRORS: ["Arbejdsområdet har allerede en gældende plan for denne valgperiode."]}),
        (_second_draft, {NON_FIELD_ERRORS: ["Arbejdsområdet har allerede et udkast for denne valgperiode."]}),
        (lambda term: ActionPlanFactory.build(area=AreaFactory(), term=term, adopted_on=term.starts_on),
         {NON_FIELD_ERRORS: ["En vedtaget plan skal have en vedtagelsesdato; et udkast har ingen."]}),
        (lambda term: ActionPlanFactory.build(area=AreaFactory(), term=CouncilTerm.objects.get(starts_on=D(2026, 1, 1)),
                                              in_force=True, adopted_on=D(2025, 12, 31)),
         {"adopted_on": ["En plan kan kun vedtages inden for sin valgperiode (2026-01-01 til 2029-12-31)."]}),
        (lambda term: InitiativeFactory.build(goal=GoalFactory(plan=ActionPlanFactory(term=term)),
                                              starts_on=day(term, 10), ends_on=day(term, 9)),
         {NON_FIELD_ERRORS: ["En indsats kan ikke slutte, før den starter."]}),
        (lambda term: InitiativeFactory.build(goal=GoalFactory(plan=ActionPlanFactory(term=term)), progress=101),
         {NON_FIELD_ERRORS: ["Fremdrift angives i procent fra 0 til 100."]}),
    ],
    ids=["election-note", "term-note", "term-before-election", "term-ends-after-start", "terms-overlap",
         "one-in-force", "one-draft", "adoption-date", "adopted-within-term", "initiative-dates", "progress"],
)
def test_refusals_are_explained_in_danish(term, make, expected):
    assert refusal(make(term), language="da") == expected
