import datetime

import pytest
from django.utils import timezone

from actionplans.models import ActionPlan, Initiative, ReportingRound, StatusUpdate
from actionplans.tests.factories import make_plan
from common.testing import PHONE, assert_accessible, assert_fits_phone, log_in

pytestmark = pytest.mark.browser


def test_a_reporting_round_from_opening_to_closing(browser_context, international_office, area_editor, health,
                                                   current_term):
    plan = make_plan(health, current_term, goals=1, initiatives=3)
    office = browser_context().new_page()
    log_in(office, international_office.username)
    office.get_by_role("link", name="Statusrunder").click()
    today = timezone.localdate()
    office.get_by_label("Status pr.").fill(today.isoformat())
    office.get_by_label("Frist").fill((today + datetime.timedelta(days=14)).isoformat())
    office.get_by_role("button", name="Åbn runde").click()
    assert office.get_by_text("Statusrunden er åben").first.is_visible()
    assert office.get_by_role("row", name="Sundhed 3 0 0 3 i gang").is_visible()
    assert_accessible(office)

    editor = browser_context(viewport=PHONE).new_page()
    log_in(editor, area_editor.username)
    editor.goto(f"/plans/{plan.pk}/")
    editor.get_by_role("link", name="Rapportér status").click()
    assert_accessible(editor)
    assert_fits_phone(editor)
    for number, (status, progress) in enumerate([("følger planen", "40"), ("i risiko", "25"), ("gennemført", "100")]):
        initiative = Initiative.objects.filter(goal__plan=plan).order_by("position")[number]
        form = editor.locator(f"#initiative-{initiative.pk} form")
        form.get_by_role("combobox").select_option(label=status)
        form.get_by_label("Fremdrift (%)").fill(progress)
        form.get_by_label("Beskrivelse", exact=True).fill(f"Rapport {number + 1}")
        form.get_by_role("button", name="Gem status").click()
        assert editor.get_by_text(f"Status for “{initiative.title}” er rapporteret.").is_visible()
    assert StatusUpdate.objects.filter(round__isnull=False).count() == 3

    office.reload()
    assert office.get_by_role("row", name="Sundhed 3 3 0 0 fuldført").is_visible()
    office.get_by_label("Jeg forstår").check()
    office.get_by_role("button", name="Luk runden").click()
    assert office.get_by_text("Statusrunden er lukket").is_visible()
    reporting_round = ReportingRound.objects.get()
    assert not reporting_round.is_open
    assert sorted(i["status"] for i in reporting_round.report["initiatives"]) == ["at_risk", "completed", "on_track"]


def test_an_editor_adjusts_the_plan_in_force_while_the_next_draft_exists(page, area_editor, health, previous_term,
                                                                        current_term):
    in_force = make_plan(health, previous_term)
    make_plan(health, current_term, status=ActionPlan.Status.DRAFT)
    initiative = Initiative.objects.filter(goal__plan=in_force).order_by("goal__position", "position").first()
    log_in(page, area_editor.username)
    page.goto(f"/plans/{in_force.pk}/")
    assert page.get_by_text("er historik").count() == 0
    page.get_by_role("link", name=f"Rediger indsats {initiative.title}").click()
    page.get_by_label("Ansvarlig").fill("Hospitalsenhed Vest")
    page.get_by_label("Begrundelse for justeringen").fill("Ny ansvarlig, indtil den nye plan er vedtaget")
    page.get_by_role("button", name="Gem").click()
    assert page.get_by_text("Indsatsen blev gemt.").is_visible()
    assert Initiative.objects.get(pk=initiative.pk).owner == "Hospitalsenhed Vest"
    assert in_force.adjustments.count() == 2
