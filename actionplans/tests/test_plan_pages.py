"""A large plan is shown a page of whole goals at a time, on its page and on its reporting page; its print view,
exports and follow-up figures keep covering the whole plan."""

import datetime
import re
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from actionplans.models import ActionPlan, Goal, Initiative
from actionplans.selectors import PLAN_PAGE_SIZE, goal_pages
from actionplans.tests.factories import make_plan

# Goals of 30, 30, 50, 120, 0 and 10 initiatives: pages [1, 2], [3], [4, 5], [6].
SIZES = [30, 30, 50, 120, 0, 10]
PAGES = [1, 1, 2, 3, 3, 4]


def test_goals_are_packed_in_order_into_pages_of_whole_goals():
    goals = [SimpleNamespace(initiative_count=n) for n in [0, 30, 30, 50, 120, 0, 40, 60]]
    pages = goal_pages(goals)
    assert [[goal.initiative_count for goal in page] for page in pages] == [[0, 30, 30], [50], [120, 0], [40, 60]]
    assert PLAN_PAGE_SIZE == 100
    assert goal_pages([]) == [[]]


def _plan(area, term, sizes=SIZES, status=ActionPlan.Status.IN_FORCE):
    plan = make_plan(area, term, goals=0, status=status)
    for g, size in enumerate(sizes):
        goal = Goal.objects.create(plan=plan, title=f"Goal title {g + 1}", position=g)
        Initiative.objects.bulk_create([Initiative(goal=goal, title=f"Initiative {g + 1}.{i + 1}", owner="Ejer",
                                                   position=i, starts_on=term.starts_on) for i in range(size)])
    return plan


def _get(client, name, plan, page=None):
    url = reverse(f"actionplans:{name}", args=[plan.pk]) + (f"?page={page}" if page is not None else "")
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def _shown(html) -> set[str]:
    return set(re.findall(r'<h3 class="h6 fw-bold" id="initiative-\d+(?:-title)?">(?:<a [^>]*>)?([^<]+)<', html))


def _goals(plan):
    return list(plan.goals.order_by("position"))


def test_a_small_plan_is_one_page_as_before(client, area_editor, current_plan):
    client.force_login(area_editor)
    html = _get(client, "plan_detail", current_plan)
    assert _shown(html) == {f"Indsats {g}.{i}" for g in (1, 2) for i in (1, 2)}
    assert "goal-index-heading" not in html and "pagination" not in html and "?page=" not in html
    first, second = _goals(current_plan)
    assert html.count(reverse("actionplans:item_move", args=["goal", first.pk, "down"])) == 1
    assert reverse("actionplans:item_move", args=["goal", first.pk, "up"]) not in html
    assert html.count(reverse("actionplans:item_move", args=["goal", second.pk, "up"])) == 1
    assert reverse("actionplans:item_move", args=["goal", second.pk, "down"]) not in html
    other = _get(client, "plan_detail", current_plan, page=2)
    assert other.split("<main")[1].split("</main>")[0] == html.split("<main")[1].split("</main>")[0]


def test_a_large_plan_shows_a_page_of_whole_goals_with_their_plan_wide_numbers(client, area_editor, health,
                                                                             current_term):
    plan = _plan(health, current_term)
    goals = _goals(plan)
    client.force_login(area_editor)
    html = _get(client, "plan_detail", plan, page=2)
    assert _shown(html) == {f"Initiative 3.{i}" for i in range(1, 51)}
    assert "Mål 3: Goal title 3</h2>" in html
    assert "Mål 3–3" not in html and "Mål 3 af 6 – side 2 af 4" in html
    for goal, page in zip(goals, PAGES, strict=True):  # the index and the follow-up table link every goal
        assert html.count(f'href="?page={page}#goal-{goal.pk}"') == 2
    assert "– 30 indsatser" in html and "– 0 indsatser" in html and "(på denne side)" in html
    assert html.count(reverse("actionplans:item_move", args=["goal", goals[2].pk, "up"])) == 1
    assert html.count(reverse("actionplans:item_move", args=["goal", goals[2].pk, "down"])) == 1
    assert 'aria-label="Sider med planens mål"' in html and 'href="?page=3"' in html

    first = _get(client, "plan_detail", plan)
    assert _shown(first) == {f"Initiative {g}.{i}" for g in (1, 2) for i in range(1, 31)}
    assert "Mål 1–2 af 6 – side 1 af 4" in first
    assert reverse("actionplans:item_move", args=["goal", goals[0].pk, "up"]) not in first
    last = _get(client, "plan_detail", plan, page=4)
    assert _shown(last) == {f"Initiative 6.{i}" for i in range(1, 11)}
    assert reverse("actionplans:item_move", args=["goal", goals[5].pk, "up"]) in last
    assert reverse("actionplans:item_move", args=["goal", goals[5].pk, "down"]) not in last
    third = _get(client, "plan_detail", plan, page=3)  # a goal of more than a page, and an empty one with it
    assert "Mål 4–5 af 6 – side 3 af 4" in third and len(_shown(third)) == 120


@pytest.mark.parametrize(("asked", "shown"), [("abc", 1), ("0", 4), ("-1", 4), ("999", 4), ("", 1)])
def test_a_wrong_page_number_shows_the_first_or_the_last_page(client, council_member, health, current_term, asked,
                                                              shown):
    plan = _plan(health, current_term)
    client.force_login(council_member)
    assert f"side {shown} af 4" in _get(client, "plan_detail", plan, page=asked)


def test_a_page_of_a_large_plan_takes_as_many_queries_as_a_small_plan(client, council_member, health, current_term,
                                                                      regional_development):
    client.force_login(council_member)
    client.get("/")

    def queries(plan, page=None):
        with CaptureQueriesContext(connection) as captured:
            _get(client, "plan_detail", plan, page)
        return len(captured)

    small = _plan(health, current_term, sizes=[3, 2])
    large = _plan(regional_development, current_term)
    assert queries(large, page=3) == queries(large) == queries(small)


def test_the_print_view_and_the_exports_show_the_whole_large_plan(client, council_member, health, current_term):
    plan = _plan(health, current_term)
    client.force_login(council_member)
    html = _get(client, "print", plan)
    assert _shown(html) == {f"Initiative {g + 1}.{i + 1}" for g, size in enumerate(SIZES) for i in range(size)}
    assert "?page=" not in html
    csv = client.get(reverse("actionplans:export_csv", args=[plan.pk])).content.decode("utf-8-sig")
    assert csv.count("Initiative ") == sum(SIZES)


def test_what_stops_a_drafts_adoption_is_shown_from_every_page(client, area_editor, health, current_term):
    plan = _plan(health, current_term, status=ActionPlan.Status.DRAFT)
    late = Initiative.objects.get(title="Initiative 6.10")
    Initiative.objects.filter(pk=late.pk).update(starts_on=current_term.starts_on - datetime.timedelta(days=400),
                                                 ends_on=current_term.starts_on - datetime.timedelta(days=1))
    client.force_login(area_editor)
    html = _get(client, "plan_detail", plan)
    assert "Initiative 6.10" not in _shown(html) and "“Initiative 6.10”" in html
    assert list(plan.initiatives_needing_new_dates()) == [late]


# --- The reporting page ------------------------------------------------------------------------------------------


def _forms(html) -> set[int]:
    return {int(pk) for pk in re.findall(r'action="/plans/initiatives/(\d+)/status/"', html)}


def test_the_reporting_page_of_a_large_plan_has_forms_for_its_page_of_goals(client, area_editor, health,
                                                                            current_term, old_plan):
    plan = _plan(health, current_term)
    goals = _goals(plan)
    client.force_login(area_editor)
    html = _get(client, "reporting", plan, page=2)
    assert _forms(html) == set(Initiative.objects.filter(goal=goals[2]).values_list("pk", flat=True))
    assert html.count('<input type="hidden" name="page" value="2">') == 50
    assert "Mål 3 af 6 – side 2 af 4" in html and f'href="?page=4#goal-{goals[5].pk}"' in html
    assert f'id="goal-{goals[2].pk}"' in html
    single = _get(client, "reporting", old_plan)
    assert len(_forms(single)) == 4 and "goal-index-heading" not in single and 'name="page"' not in single


def test_a_status_update_returns_to_its_page_of_goals_and_errors_stay_on_it(client, area_editor, health,
                                                                           current_term):
    plan = _plan(health, current_term)
    initiative = Initiative.objects.get(title="Initiative 4.7")
    prefix = f"initiative-{initiative.pk}-"
    data = {prefix + "as_of": timezone.localdate().isoformat(), prefix + "status": "on_track",
            prefix + "progress": "20", prefix + "narrative": "Kept after the error", prefix + "seen_update": "",
            "page": "3"}
    client.force_login(area_editor)
    url = reverse("actionplans:status_update", args=[initiative.pk])
    refused = client.post(url, data | {prefix + "progress": "250"}, HTTP_ACCEPT_LANGUAGE="da")
    assert refused.status_code == 400
    html = refused.content.decode()
    assert initiative.pk in _forms(html) and "Kept after the error" in html and "side 3 af 4" in html
    assert len(_forms(html)) == 120
    saved = client.post(url, data)
    assert saved.status_code == 302
    assert saved.url == reverse("actionplans:reporting", args=[plan.pk]) + f"?page=3#initiative-{initiative.pk}"


def test_the_page_links_are_around_the_page_shown(client, council_member, health, current_term):
    plan = _plan(health, current_term, sizes=[60] * 25)
    client.force_login(council_member)
    html = _get(client, "plan_detail", plan, page=13)
    assert "Mål 13 af 25 – side 13 af 25" in html
    assert 'href="?page=13" aria-current="page">13</a>' in html
    assert 'href="?page=12">12</a>' in html and 'href="?page=25">25</a>' in html


def test_an_edit_returns_to_the_page_that_holds_the_goal_or_initiative(client, area_editor, health, current_term):
    plan = _plan(health, current_term, status=ActionPlan.Status.DRAFT)
    client.force_login(area_editor)
    goals = _goals(plan)
    initiative = goals[5].initiatives.get(position=3)
    form = client.get(reverse("actionplans:initiative_edit", args=[initiative.pk]))
    data = {key: value for key, value in form.context["form"].initial.items() if value is not None}
    data |= {"title": "Renamed on page 4", "owner": "Ejer", "starts_on": current_term.starts_on.isoformat(),
             "version": initiative.version, "partner_regions": [], "funding_sources": [],
                 "kind": "research"}
    response = client.post(reverse("actionplans:initiative_edit", args=[initiative.pk]), data)
    assert response.status_code == 302, response.content.decode()[-2000:]
    assert response.url == f"{plan.get_absolute_url()}?goal={goals[5].pk}#initiative-{initiative.pk}"
    assert "Renamed on page 4" in _shown(client.get(response.url).content.decode())
    moved = client.post(reverse("actionplans:item_move", args=["goal", goals[3].pk, "up"]), {"reason": ""})
    assert moved.url == f"{plan.get_absolute_url()}?goal={goals[3].pk}#goal-{goals[3].pk}"
    # A goal or page that is not there shows the first page.
    assert "Initiative 1.1" in _shown(client.get(f"{plan.get_absolute_url()}?goal=999999").content.decode())
    assert "Initiative 1.1" in _shown(client.get(f"{plan.get_absolute_url()}?goal=x").content.decode())
