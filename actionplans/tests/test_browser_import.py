"""Filling a draft from a spreadsheet, as an area editor clicks it in Chromium: upload, preview, confirmation."""

from pathlib import Path

import pytest

from actionplans.models import Adjustment, Goal, Initiative
from actionplans.tests.factories import empty_plan
from common.testing import PHONE, assert_accessible, assert_fits_phone, log_in

pytestmark = pytest.mark.browser

FILES = Path(__file__).parent / "import_files"


@pytest.fixture
def draft(current_term):
    return empty_plan(area_code="sundhed", term=current_term)


def _upload(page, draft, name):
    page.goto(f"/plans/{draft.pk}/")
    page.get_by_role("link", name="Importér fra et regneark").click()
    page.get_by_label("Regneark (XLSX eller CSV)").set_input_files(str(FILES / name))
    page.get_by_role("button", name="Vis forhåndsvisning").click()


def test_editor_previews_a_file_and_imports_it_on_confirmation(page, area_editor, draft):
    log_in(page, area_editor.username)
    page.goto(f"/plans/{draft.pk}/import/")
    assert page.get_by_text("højst 2 MB og 1000 rækker").is_visible()
    assert_accessible(page)

    _upload(page, draft, "good_danish.csv")

    assert page.get_by_role("heading", name="Forhåndsvisning af importen").is_visible()
    rows = page.get_by_role("region", name="Alle filens rækker")
    assert rows.get_by_text("Nyt mål").count() == 2 and rows.get_by_text("Ny indsats").count() == 3
    assert_accessible(page)
    assert not Goal.objects.filter(plan=draft).exists()
    page.get_by_label("Begrundelse for justeringen").fill("Planen fra regnearket")
    page.get_by_role("button", name="Importér", exact=True).click()

    assert page.get_by_text("Filen blev importeret.").is_visible()
    assert page.get_by_role("heading", name="Mål 1: Styrket samarbejde om genoptræning").is_visible()
    assert Initiative.objects.filter(goal__plan=draft).count() == 3
    assert Adjustment.objects.get(plan=draft).reason == "Planen fra regnearket"
    page.get_by_role("link", name="Historik").click()
    assert page.get_by_role("cell", name="Planen fra regnearket").is_visible()


def test_a_file_with_errors_shows_each_row_and_cannot_be_confirmed_on_a_phone(browser_context, area_editor, draft):
    page = browser_context(viewport=PHONE).new_page()
    log_in(page, area_editor.username)

    _upload(page, draft, "dates.csv")

    assert page.get_by_text("Nogle rækker i filen har fejl (se nedenfor)").is_visible()
    assert page.get_by_text("“03/25/2027” ligner måned før dag").is_visible()
    assert page.get_by_role("button", name="Importér", exact=True).count() == 0
    assert_accessible(page)
    assert_fits_phone(page)
    assert not Goal.objects.filter(plan=draft).exists()


def test_a_file_that_is_not_a_spreadsheet_is_refused_at_the_field(page, area_editor, draft):
    log_in(page, area_editor.username)

    _upload(page, draft, "not_a_spreadsheet.pdf")

    assert page.get_by_text("Filen er ikke en XLSX- eller CSV-fil.").is_visible()
    assert_accessible(page)
    assert not Goal.objects.filter(plan=draft).exists()
