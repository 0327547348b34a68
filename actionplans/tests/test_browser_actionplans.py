"""The main flows of the action plans, as an area editor clicks them in Chromium."""

import pytest
from django.utils import timezone

from actionplans.models import ActionPlan, Initiative
from actionplans.tests.factories import make_plan
from common.testing import PHONE, assert_accessible, assert_fits_phone, log_in

pytestmark = pytest.mark.browser


def _open_initiative_form(page, plan, initiative):
    page.goto(f"/plans/{plan.pk}/")
    page.get_by_role("link", name=f"Rediger indsats {initiative.title}").click()


def test_editor_adjusts_an_initiative_with_a_reason_and_sees_it_in_history(page, area_editor, current_plan):
    initiative = Initiative.objects.filter(goal__plan=current_plan).order_by("goal__position", "position").first()
    log_in(page, area_editor.username)
    _open_initiative_form(page, current_plan, initiative)
    assert_accessible(page)
    page.get_by_label("Afdeling", exact=True).fill("Forskning og Innovation")
    page.get_by_role("button", name="Gem").click()
    # Refused without a reason: the message sits on the field and nothing is saved.
    assert page.get_by_text("Skriv kort, hvorfor den gældende plan justeres.").is_visible()
    assert_accessible(page)
    assert Initiative.objects.get(pk=initiative.pk).department == ""
    page.get_by_label("Begrundelse for justeringen").fill("Halvvejs efter første workshop")
    page.get_by_role("button", name="Gem").click()
    assert page.get_by_text("Forskning og Innovation").first.is_visible()
    page.get_by_role("link", name="Historik").click()
    assert page.get_by_role("cell", name="Halvvejs efter første workshop").is_visible()
    assert_accessible(page)


def test_editor_starts_a_revision_in_the_new_term_and_adopts_it(page, area_editor, old_plan):
    log_in(page, area_editor.username)
    page.goto("/plans/area/sundhed/")
    assert page.get_by_text("Skal revideres", exact=True).is_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Start revision").click()
    assert_accessible(page)
    page.get_by_label("Mål 2", exact=True).uncheck()
    page.get_by_role("button", name="Opret udkast").click()
    draft = ActionPlan.objects.get(area=old_plan.area, status=ActionPlan.Status.DRAFT)
    assert [g.title for g in draft.goals.all()] == ["Mål 1"]
    page.get_by_role("link", name="Vedtag plan").click()
    page.get_by_role("button", name="Vedtag").click()
    assert page.get_by_text("Planen er vedtaget og gældende.").is_visible()
    draft.refresh_from_db()
    old_plan.refresh_from_db()
    assert (draft.status, draft.adopted_on) == (ActionPlan.Status.IN_FORCE, timezone.localdate())
    assert old_plan.status == ActionPlan.Status.SUPERSEDED


def test_editor_cannot_edit_a_superseded_plan(page, area_editor, health, previous_term):
    old_plan = make_plan(health, previous_term, status=ActionPlan.Status.SUPERSEDED)
    initiative = Initiative.objects.filter(goal__plan=old_plan).first()
    log_in(page, area_editor.username)
    page.goto(f"/plans/{old_plan.pk}/")
    assert page.get_by_text("er historik").is_visible()
    assert page.get_by_role("link", name=f"Rediger indsats {initiative.title}").count() == 0
    # Going to the form directly is refused with the same message; nothing changes.
    page.goto(f"/plans/initiatives/{initiative.pk}/edit/")
    assert page.get_by_text("er historik").first.is_visible()
    assert page.url.endswith(f"/plans/{old_plan.pk}/")
    assert Initiative.objects.get(pk=initiative.pk).version == 1


def test_two_editors_on_the_same_initiative_second_is_refused_first_is_kept(browser_context, area_editor,
                                                                          international_office, current_plan):
    initiative = Initiative.objects.filter(goal__plan=current_plan).first()
    first, second = browser_context().new_page(), browser_context().new_page()
    log_in(first, area_editor.username)
    log_in(second, international_office.username)
    _open_initiative_form(first, current_plan, initiative)
    _open_initiative_form(second, current_plan, initiative)
    first.get_by_label("Afdeling", exact=True).fill("Forskning")
    first.get_by_label("Begrundelse for justeringen").fill("Første ændring")
    first.get_by_role("button", name="Gem").click()
    assert first.get_by_text("Indsatsen blev gemt.").is_visible()

    second.get_by_label("Titel").fill("Ny titel fra Internationalt Kontor")
    second.get_by_label("Afdeling", exact=True).fill("HR")
    second.get_by_label("Begrundelse for justeringen").fill("Anden ændring")
    second.get_by_role("button", name="Gem").click()
    assert second.get_by_text("Ændret af en anden i mellemtiden").is_visible()
    assert second.get_by_role("row", name="Afdeling – Forskning HR").is_visible()  # loaded, theirs, yours
    assert second.get_by_text("En anden har ændret dette til “Forskning” i mellemtiden").is_visible()
    assert second.get_by_label("Titel").input_value() == "Ny titel fra Internationalt Kontor"
    assert_accessible(second)
    saved = Initiative.objects.get(pk=initiative.pk)
    assert (saved.department, saved.title) == ("Forskning", initiative.title)
    # The second editor keeps the first one's department and saves their title on top.
    second.get_by_label("Afdeling", exact=True).fill("Forskning")
    second.get_by_role("button", name="Gem").click()
    assert second.get_by_text("Indsatsen blev gemt.").is_visible()
    saved = Initiative.objects.get(pk=initiative.pk)
    assert (saved.department, saved.title) == ("Forskning", "Ny titel fra Internationalt Kontor")


def test_plan_pages_fit_a_phone(browser_context, council_member, current_plan):
    page = browser_context(viewport=PHONE).new_page()
    log_in(page, council_member.username)
    for url in ["/plans/", "/plans/area/sundhed/", f"/plans/{current_plan.pk}/", f"/plans/{current_plan.pk}/history/"]:
        page.goto(url)
        assert_fits_phone(page)
        assert_accessible(page)


def test_editor_finds_a_goal_of_a_large_plan_from_its_index_and_pages_on(page, area_editor, health, current_term):
    from actionplans.models import Goal

    plan = make_plan(health, current_term, goals=0, status=ActionPlan.Status.DRAFT)
    for g, size in enumerate([60, 60, 60]):
        goal = Goal.objects.create(plan=plan, title=f"Stort mål {g + 1}", position=g)
        Initiative.objects.bulk_create([Initiative(goal=goal, title=f"Indsats {g + 1}.{i + 1}", owner="Ejer",
                                                   position=i, starts_on=current_term.starts_on) for i in range(size)])
    log_in(page, area_editor.username)
    page.goto(f"/plans/{plan.pk}/")
    assert page.get_by_text("Mål 1 af 3 – side 1 af 3").is_visible()
    assert page.get_by_role("heading", name="Indsats 1.60", exact=True).count() == 1
    assert page.get_by_role("heading", name="Indsats 3.1", exact=True).count() == 0
    assert_accessible(page)
    page.get_by_role("navigation", name="Planens mål").get_by_role("link", name="Mål 3: Stort mål 3").click()
    assert "?page=3" in page.url
    assert page.get_by_role("heading", name="Indsats 3.1", exact=True).is_visible()
    assert page.get_by_role("heading", name="Indsats 1.1", exact=True).count() == 0
    page.get_by_role("navigation", name="Sider med planens mål").get_by_role("link", name="Forrige").click()
    assert page.get_by_text("Mål 2 af 3 – side 2 af 3").is_visible()
    assert_fits_phone(page)
