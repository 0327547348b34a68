import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from actionplans.models import ActionPlan, CouncilTerm, Goal, Initiative
from actionplans.tests.factories import closed_round, make_plan
from audit.models import Event
from common.testing import longest_text


def _initiative(plan):
    return Initiative.objects.filter(goal__plan=plan).order_by("goal__position", "position").first()


def _initiative_form(initiative, **changes):
    data = {
        "title": initiative.title, "description": initiative.description, "owner": initiative.owner,
        "department": initiative.department, "track": initiative.track_id or "",
        "partner_regions": [r.pk for r in initiative.partner_regions.all()],
        "funding_sources": [f.pk for f in initiative.funding_sources.all()], "kind": initiative.kind or "projects",
        "starts_on": initiative.starts_on.isoformat(), "ends_on": "",
        "version": initiative.version, "reason": "Justering",
    }
    data.update(changes)
    return data


@pytest.mark.parametrize("user_fixture", ["area_editor", "other_area_editor", "international_office",
                                          "council_member", "administrator"])
def test_every_role_reads_the_plans(client, request, user_fixture, current_plan):
    client.force_login(request.getfixturevalue(user_fixture))
    for url in [reverse("actionplans:overview"), reverse("actionplans:area_detail", args=["sundhed"]),
                reverse("actionplans:plan_detail", args=[current_plan.pk]),
                reverse("actionplans:history", args=[current_plan.pk])]:
        assert client.get(url).status_code == 200, url


def test_a_user_without_role_may_not_read_plans(client, current_plan):
    from accounts.tests.factories import UserFactory

    client.force_login(UserFactory())
    assert client.get(reverse("actionplans:plan_detail", args=[current_plan.pk])).status_code == 403


@pytest.mark.parametrize(("user_fixture", "allowed"), [
    ("area_editor", True), ("international_office", True), ("administrator", True),
    ("other_area_editor", False), ("council_member", False),
])
def test_who_may_change_a_plan(client, request, user_fixture, allowed, current_plan):
    client.force_login(request.getfixturevalue(user_fixture))
    initiative = _initiative(current_plan)
    url = reverse("actionplans:initiative_edit", args=[initiative.pk])
    page = client.get(reverse("actionplans:plan_detail", args=[current_plan.pk])).content.decode()
    assert (url in page) is allowed
    assert client.get(url).status_code == (200 if allowed else 403)
    response = client.post(url, _initiative_form(initiative, department="Forskning"))
    assert response.status_code == (302 if allowed else 403)
    assert (Initiative.objects.get(pk=initiative.pk).department == "Forskning") is allowed


def test_adjusting_with_a_reason_shows_in_history(client, area_editor, current_plan):
    client.force_login(area_editor)
    initiative = _initiative(current_plan)
    response = client.post(reverse("actionplans:initiative_edit", args=[initiative.pk]),
                           _initiative_form(initiative, department="Forskning", reason="Projektet er startet"))
    assert response.status_code == 302
    history = client.get(reverse("actionplans:history", args=[current_plan.pk])).content.decode()
    assert "Projektet er startet" in history
    assert str(area_editor) in history


def test_missing_reason_is_refused_on_the_field_and_saves_nothing(client, area_editor, current_plan):
    client.force_login(area_editor)
    initiative = _initiative(current_plan)
    response = client.post(reverse("actionplans:initiative_edit", args=[initiative.pk]),
                           _initiative_form(initiative, department="Forskning", reason=""))
    assert response.status_code == 400
    assert "Skriv kort, hvorfor" in response.content.decode()
    assert response.context["form"].errors["reason"]
    assert Initiative.objects.get(pk=initiative.pk).department == ""
    assert current_plan.adjustments.count() == 1


def test_bad_period_is_refused_with_a_clear_message(client, area_editor, current_plan):
    client.force_login(area_editor)
    initiative = _initiative(current_plan)
    response = client.post(reverse("actionplans:initiative_edit", args=[initiative.pk]),
                           _initiative_form(initiative, starts_on="2027-05-01", ends_on="2027-01-01"))
    assert response.status_code == 400
    assert "En indsats kan ikke slutte, før den starter." in response.content.decode()
    assert Initiative.objects.get(pk=initiative.pk).ends_on is None


def test_second_save_of_the_same_version_is_refused_and_keeps_both_edits(client, area_editor, international_office,
                                                                         current_plan):
    initiative = _initiative(current_plan)
    url = reverse("actionplans:initiative_edit", args=[initiative.pk])
    client.force_login(area_editor)
    assert client.post(url, _initiative_form(initiative, department="Forskning", reason="Første")).status_code == 302
    client.force_login(international_office)
    response = client.post(url, _initiative_form(initiative, department="HR", title="Min titel", reason="Anden"))
    assert response.status_code == 409
    page = response.content.decode()
    assert "Ændret af en anden i mellemtiden" in page
    assert str(area_editor) in page and "<td>Forskning</td>" in page  # who, and what they saved
    assert 'value="Min titel"' in page  # the refused edit is still in the form
    assert 'name="version" value="2"' in page
    assert Initiative.objects.get(pk=initiative.pk).department == "Forskning"
    # Saving again is a deliberate overwrite on top of the version now shown.
    response = client.post(url, _initiative_form(Initiative.objects.get(pk=initiative.pk), department="HR",
                                                 reason="Anden, bevidst"))
    assert response.status_code == 302
    assert Initiative.objects.get(pk=initiative.pk).department == "HR"


def test_a_superseded_plan_is_read_only_in_the_views(client, area_editor, health, current_plan):
    superseded = make_plan(health, CouncilTerm.objects.get(starts_on=datetime.date(2018, 1, 1)),
                           status=ActionPlan.Status.SUPERSEDED)
    client.force_login(area_editor)
    initiative = _initiative(superseded)
    page = client.get(reverse("actionplans:plan_detail", args=[superseded.pk])).content.decode()
    assert reverse("actionplans:initiative_edit", args=[initiative.pk]) not in page
    assert "historik" in page.lower()
    response = client.post(reverse("actionplans:initiative_edit", args=[initiative.pk]),
                           _initiative_form(initiative, owner="Ny ejer"), follow=True)
    assert "er historik og kan læses, sammenlignes og eksporteres, men ikke ændres" in response.content.decode()
    assert Initiative.objects.get(pk=initiative.pk).owner == "Ejer"


def test_the_plan_in_force_is_adjusted_in_the_views_after_its_term_ended(client, area_editor, old_plan):
    client.force_login(area_editor)
    initiative = _initiative(old_plan)
    page = client.get(reverse("actionplans:plan_detail", args=[old_plan.pk])).content.decode()
    assert reverse("actionplans:initiative_edit", args=[initiative.pk]) in page
    assert "er historik" not in page
    response = client.post(reverse("actionplans:initiative_edit", args=[initiative.pk]),
                           _initiative_form(initiative, owner="Ny ejer", reason="Justeres løbende"))
    assert response.status_code == 302
    assert Initiative.objects.get(pk=initiative.pk).owner == "Ny ejer"


def test_revision_flow_in_views(client, area_editor, old_plan):
    client.force_login(area_editor)
    area_page = client.get(reverse("actionplans:area_detail", args=["sundhed"])).content.decode()
    assert "Skal revideres" in area_page
    form = client.get(reverse("actionplans:start_revision", args=["sundhed"]))
    goals = [g.pk for g in old_plan.goals.all()][:1]
    response = client.post(reverse("actionplans:start_revision", args=["sundhed"]),
                           {"goals": goals, "initiatives": []})
    assert form.status_code == 200 and response.status_code == 302
    draft = ActionPlan.objects.get(area=old_plan.area, status="draft")
    assert draft.goals.count() == 1
    assert client.post(reverse("actionplans:start_revision", args=["sundhed"]), {}).status_code == 302
    assert ActionPlan.objects.filter(area=old_plan.area, status="draft").count() == 1
    response = client.post(reverse("actionplans:adopt", args=[draft.pk]),
                           {"adopted_on": timezone.localdate().isoformat()})
    assert response.status_code == 302
    old_plan.refresh_from_db()
    assert old_plan.status == "superseded"
    assert "Revideret" in client.get(reverse("actionplans:area_detail", args=["sundhed"])).content.decode()


def test_add_goal_remove_and_move(client, area_editor, current_plan):
    client.force_login(area_editor)
    from strategy.models import Purpose

    response = client.post(reverse("actionplans:goal_add", args=[current_plan.pk]),
                           {"title": "Nyt mål", "purposes": [Purpose.objects.get(number=3).pk], "reason": "Nyt fokus"})
    assert response.status_code == 302
    goal = current_plan.goals.get(title="Nyt mål")
    response = client.post(reverse("actionplans:item_move", args=["goal", goal.pk, "up"]), {"reason": "Vigtigere"})
    assert response.status_code == 302
    goal.refresh_from_db()
    response = client.post(reverse("actionplans:item_remove", args=["goal", goal.pk]),
                           {"reason": "Alligevel ikke", "version": goal.version})
    assert response.status_code == 302
    page = client.get(reverse("actionplans:plan_detail", args=[current_plan.pk])).content.decode()
    assert "Nyt mål" not in page
    history = client.get(reverse("actionplans:history", args=[current_plan.pk])).content.decode()
    assert "Alligevel ikke" in history


def test_goal_needs_a_purpose(client, area_editor, current_plan):
    client.force_login(area_editor)
    response = client.post(reverse("actionplans:goal_add", args=[current_plan.pk]),
                           {"title": "Uden formål", "reason": "x"})
    assert response.status_code == 400
    assert response.context["form"].errors["purposes"]
    assert not current_plan.goals.filter(title="Uden formål").exists()


def test_compare_two_versions(client, area_editor, current_plan):
    client.force_login(area_editor)
    initiative = _initiative(current_plan)
    client.post(reverse("actionplans:initiative_edit", args=[initiative.pk]),
                _initiative_form(initiative, owner="Ny ejer", reason="Status"))
    response = client.get(reverse("actionplans:compare_versions", args=[current_plan.pk]),
                          {"from_version": 1, "to_version": 2})
    page = response.content.decode()
    assert response.status_code == 200
    assert "<del>Ejer</del>" in page and "<ins>Ny ejer</ins>" in page


@pytest.mark.parametrize("params", [{}, {"from_version": "x", "to_version": "1"}, {"from_version": "99",
                                                                                  "to_version": "1"}])
def test_compare_refuses_bad_versions_with_a_message(client, council_member, current_plan, params):
    client.force_login(council_member)
    response = client.get(reverse("actionplans:compare_versions", args=[current_plan.pk]), params)
    assert response.status_code == 400
    assert "Vælg to versioner" in response.content.decode()


def test_compare_with_the_previous_term(client, council_member, old_plan, current_term):
    from actionplans import services

    draft = services.start_revision(area=old_plan.area, previous=old_plan, goal_ids=[g.pk for g in
                                    old_plan.goals.all()], initiative_ids=[], by=None)
    client.force_login(council_member)
    page = client.get(reverse("actionplans:compare_previous", args=[draft.pk])).content.decode()
    assert "Indsats 1.1" in page and "fjernet" in page


def test_exports_carry_the_plan_in_the_users_language(client, council_member, current_plan):
    client.force_login(council_member)
    response = client.get(reverse("actionplans:export_csv", args=[current_plan.pk]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Mål", "Formål", "Indsats"]
    assert ["Mål 1", "1, 2", "Indsats 1.1"] == rows[1][:3]
    assert len(rows) == 5
    response = client.get("/en" + reverse("actionplans:export_xlsx", args=[current_plan.pk]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[4]][:3] == ["Goal", "Purposes", "Initiative"]
    assert sheet["C5"].value == "Indsats 1.1"
    response = client.get(reverse("actionplans:export_pdf", args=[current_plan.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-") and b"%%EOF" in response.content[-10:]
    assert client.get(reverse("actionplans:print", args=[current_plan.pk])).status_code == 200
    assert Event.objects.filter(action=Event.Action.EXPORT, user=council_member).count() == 4


@pytest.fixture
def longest_plan(health, current_term):
    """A plan in force of 50 initiatives under 5 goals whose summary and descriptions are as long as allowed; the
    first initiative's in lines of one letter, the most lines a description can have."""
    plan = make_plan(health, current_term, goals=5, initiatives=10)
    ActionPlan.objects.filter(pk=plan.pk).update(summary=longest_text(ActionPlan, "summary"))
    Goal.objects.filter(plan=plan).update(description=longest_text(Goal, "description"))
    Initiative.objects.filter(goal__plan=plan).update(description=longest_text(Initiative, "description"))
    Initiative.objects.filter(pk=_initiative(plan).pk).update(description=longest_text(Initiative, "description", "x"))
    return plan


def test_the_plan_pdf_takes_the_longest_texts_allowed(client, council_member, longest_plan):
    client.force_login(council_member)
    response = client.get(reverse("actionplans:export_pdf", args=[longest_plan.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-") and b"%%EOF" in response.content[-10:]


def test_a_pdf_that_takes_too_long_is_given_up_for_the_print_view(client, settings, council_member, longest_plan):
    settings.PDF_TIME_LIMIT = 0.001
    client.force_login(council_member)
    response = client.get(reverse("actionplans:export_pdf", args=[longest_plan.pk]))
    assert response.status_code == 503 and response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    assert "PDF-filen kunne ikke laves" in page
    assert f'href="{reverse("actionplans:print", args=[longest_plan.pk])}"' in page
    response = client.get("/en" + reverse("actionplans:round_report_pdf", args=[closed_round().pk]))
    assert response.status_code == 503 and "The PDF could not be made" in response.content.decode()


def test_export_cells_cannot_become_formulas(client, council_member, current_plan):
    Initiative.objects.filter(pk=_initiative(current_plan).pk).update(title="=HYPERLINK(\"http://x\")")
    client.force_login(council_member)
    response = client.get(reverse("actionplans:export_csv", args=[current_plan.pk]))
    assert "'=HYPERLINK" in response.content.decode("utf-8-sig")


@pytest.mark.parametrize("size", [5, 100])
def test_plan_page_queries_do_not_grow_with_the_plan(client, django_assert_num_queries, council_member, health,
                                                     current_term, size):
    plan = make_plan(health, current_term, goals=5, initiatives=size // 5)
    client.force_login(council_member)
    client.get("/")  # warm the session
    # session, user, user and group permissions (2), plan + area + term, goals, purposes, principles, initiatives +
    # track, partner regions, funding sources, coordination partners, supported plans, offices, organisations, the
    # area's plans, current term, groups (roles in the menu),
    # session save (savepoint, update, release); the follow-up: the initiatives with their latest update, their
    # purposes, partner regions, overdue milestones (counted and listed), indicators and their values, and the
    # previous round's figures
    with django_assert_num_queries(29):
        response = client.get(reverse("actionplans:plan_detail", args=[plan.pk]))
    assert response.status_code == 200
