"""Every read page of the action plans runs a fixed number of SQL queries, whatever the size of the plans."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actionplans.models import Goal, Initiative
from actionplans.tests.factories import bulk_follow_up, closed_round, make_plan

# The follow-up's queries (actionplans.rollup): the initiatives with their latest status update, their goals'
# purposes, their partner regions, their overdue milestones, their indicators, those indicators' latest values; and
# the previous closed round's figures.
FOLLOW_UP = 7

# Each page's queries, besides the ones every page makes (session, user, permissions, the roles for the menu).
PAGES = {
    "actionplans:overview": lambda plan: [],
    "actionplans:area_detail": lambda plan: ["sundhed"],
    "actionplans:plan_detail": lambda plan: [plan.pk],
    "actionplans:history": lambda plan: [plan.pk],
    "actionplans:compare_previous": lambda plan: [plan.pk],
    "actionplans:print": lambda plan: [plan.pk],
    "actionplans:start_revision": lambda plan: ["sundhed"],
    "actionplans:goal_edit": lambda plan: [plan.goals.first().pk],
    "actionplans:initiative_edit": lambda plan: [plan.goals.first().initiatives.first().pk],
}


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.content.decode()[-3000:])
    return len(queries)


def test_read_pages_take_the_same_queries_at_any_size(client, international_office, health, current_term):
    client.force_login(international_office)
    small = make_plan(health, current_term, goals=1, initiatives=1)
    client.get("/")  # the session's first save is not the page's
    counts = {name: _queries(client, reverse(name, args=args(small))) for name, args in PAGES.items()}
    counts["compare_versions"] = _queries(client, reverse("actionplans:compare_versions", args=[small.pk])
                                          + "?from_version=1&to_version=1")
    large = make_plan(health.__class__.objects.get(code="stabe"), current_term, goals=10, initiatives=30)
    grown = {name: _queries(client, reverse(name, args=args(large)).replace("sundhed", "stabe"))
             for name, args in PAGES.items()}
    grown["compare_versions"] = _queries(client, reverse("actionplans:compare_versions", args=[large.pk])
                                         + "?from_version=1&to_version=1")
    assert grown == counts
    # Eight of each page's queries are the same everywhere: session, user, the user's and the groups' permissions,
    # the roles for the menu, and the session's save (savepoint, update, release).
    assert counts == {
        # + current term, plans, areas; the data version, and FOLLOW_UP since the data changed (common.cache)
        "actionplans:overview": 11 + 1 + FOLLOW_UP,
        "actionplans:area_detail": 11,  # + area, current term, the area's plans
        # + plan, goals, purposes, principles, initiatives, regions, funding, coordination partners, supported plans,
        # offices, organisations, area's plans, term; FOLLOW_UP; overdue milestones
        "actionplans:plan_detail": 21 + FOLLOW_UP + 1,
        "actionplans:history": 10,  # + plan, adjustments
        "actionplans:compare_previous": 10,  # + plan, the previous term's plan (none here)
        "actionplans:print": 22 + FOLLOW_UP + 1,  # the plan page's reads and the export's audit event
        "actionplans:start_revision": 14,  # + area, term, the area's plans, goals, their present initiatives
        "actionplans:goal_edit": 13,  # + goal, purposes and principles offered and chosen
        # + initiative, the choices offered and chosen (track, regions, funding, coordination partners, supported
        # plans, offices, organisations)
        "actionplans:initiative_edit": 22,
        "compare_versions": 11,  # + plan, the versions offered, the changes up to the later one
    }


# The pages with roll-ups, at 10 and at 1,000 initiatives, each with a status update, milestones and an indicator
# with a value; and after a closed round, whose frozen figures they compare with.
FOLLOW_UP_PAGES = {
    "actionplans:overview": lambda plan: [],
    "actionplans:plan_detail": lambda plan: [plan.pk],
    "actionplans:print": lambda plan: [plan.pk],
}


def _grow(plan, initiatives: int) -> None:
    goal = Goal.objects.filter(plan=plan).first()
    created = Initiative.objects.bulk_create([
        Initiative(goal=goal, title=f"Bulk {n}", owner="Bulk", starts_on=plan.term.starts_on, position=n + 10)
        for n in range(initiatives - 1)])
    bulk_follow_up([*Initiative.objects.filter(goal__plan=plan, title__startswith="Indsats"), *created])


def test_follow_up_pages_take_the_same_queries_at_10_and_1000_initiatives(client, council_member, health,
                                                                         current_term):
    client.force_login(council_member)
    client.get("/")
    small = make_plan(health, current_term, goals=1, initiatives=1)
    _grow(small, 10)
    closed_round()
    counts = {name: _queries(client, reverse(name, args=args(small))) for name, args in FOLLOW_UP_PAGES.items()}
    large = make_plan(health.__class__.objects.get(code="stabe"), current_term, goals=1, initiatives=1)
    _grow(large, 1000)
    closed_round(days_ago=7)
    grown = {name: _queries(client, reverse(name, args=args(large))) for name, args in FOLLOW_UP_PAGES.items()}
    assert grown == counts == {"actionplans:overview": 11 + 1 + FOLLOW_UP,
                               "actionplans:plan_detail": 21 + FOLLOW_UP + 1, "actionplans:print": 22 + FOLLOW_UP + 1}
    page = client.get(reverse("actionplans:plan_detail", args=[large.pk])).content.decode()
    assert page.count("<strong>forsinket</strong>") == 1000  # each initiative's overdue milestone, marked


def test_round_and_initiative_pages_take_the_same_queries_as_data_grows(client, international_office, health,
                                                                       current_term):
    from actionplans.services import open_round

    client.force_login(international_office)
    client.get("/")
    plan = make_plan(health, current_term, goals=1, initiatives=2)
    first = Initiative.objects.filter(goal__plan=plan).first()
    bulk_follow_up([first])
    closed_round(days_ago=30)
    reporting_round = open_round(as_of=current_term.starts_on, deadline=current_term.starts_on, by=None)
    urls = {"rounds": reverse("actionplans:rounds"),
            "round_detail": reverse("actionplans:round_detail", args=[reporting_round.pk]),
            "initiative_detail": reverse("actionplans:initiative_detail", args=[first.pk])}
    counts = {name: _queries(client, url) for name, url in urls.items()}
    _grow(plan, 200)  # more initiatives due, and more updates, milestones and indicators
    grown = {name: _queries(client, url) for name, url in urls.items()}
    assert grown == counts == {
        "rounds": 9,  # the pages' common queries, and the rounds with who opened and closed them
        # + the round, the data version, the initiatives due, the updates reported in the round (these two kept with
        # the data version when the data has not changed)
        "round_detail": 12,
        # + initiative, its updates and their values, milestones, indicators, the open round, the form's choices
        "initiative_detail": 14,
    }
