"""Filling a draft from a spreadsheet: the files in import_files/ (good and broken), the preview, the
confirmation as one adjustment, and who may do it."""

import datetime
import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from actionplans import services
from actionplans.imports import MAX_ROWS
from actionplans.models import ActionPlan, Adjustment, Goal, Initiative, PlanImport
from actionplans.tests.factories import empty_plan, make_plan
from audit.models import Event

FILES = Path(__file__).parent / "import_files"
HEADING = "Mål;Formål;Indsats;Ansvarlig;Starter den;Slutter den;Type af internationalt arbejde\n"
KIND = "projektsamarbejde og EU-projekter"


@pytest.fixture
def draft(current_term):
    return empty_plan(area_code="sundhed", term=current_term)


@pytest.fixture
def editor_client(client, area_editor):
    client.force_login(area_editor)
    return client


def _file(name: str, content: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, (FILES / name).read_bytes() if content is None else content)


def upload(client, plan, name, content=None):
    return client.post(f"/plans/{plan.pk}/import/", {"file": _file(name, content)})


def preview_of(client, plan, name, content=None):
    response = upload(client, plan, name, content)
    assert response.status_code == 302, response.content.decode()[:3000]
    return response["Location"], client.get(response["Location"])


def confirm(client, url, reason="Planen fra regnearket"):
    return client.post(url, {"reason": reason})


def _rows(response) -> str:
    return response.content.decode()


# --- Good files ------------------------------------------------------------------------------------------------------


def test_a_danish_csv_is_previewed_and_imported_only_on_confirmation_as_one_adjustment(editor_client, draft,
                                                                                      area_editor):
    url, page = preview_of(editor_client, draft, "good_danish.csv")
    assert page.status_code == 200
    html = _rows(page)
    assert html.count("Nyt mål") == 2 and html.count("Ny indsats") == 3
    assert not Goal.objects.filter(plan=draft).exists()
    events = Event.objects.count()

    response = confirm(editor_client, url, reason="Planen fra regnearket")

    assert response.status_code == 302 and response["Location"] == f"/plans/{draft.pk}/"
    goals = list(draft.goals.order_by("position"))
    assert [g.title for g in goals] == ["Styrket samarbejde om genoptræning", "Uddannelse på tværs af grænser"]
    assert [sorted(p.number for p in g.purposes.all()) for g in goals] == [[1, 2], [3]]
    first, second = goals[0].initiatives.order_by("position")
    assert (first.title, first.owner, first.department) == ("Udveksling af fysioterapeuter", "Hospitalsenhed Midt",
                                                           "Fysioterapien")
    assert (first.starts_on, first.ends_on) == (datetime.date(2027, 3, 1), datetime.date(2029, 12, 31))
    assert first.track.code == "rehabilitering"
    assert [r.code for r in first.partner_regions.all()] == ["shanghai"]
    assert [f.code for f in first.funding_sources.all()] == ["interreg"]
    assert first.description == 'To udvekslinger om året; "første" i foråret'
    assert sorted(r.code for r in second.partner_regions.all()) == ["bacs-kiskun", "gyor-moson-sopron"]
    assert (second.ends_on, second.track.code) == (None, "sundhed")
    third = goals[1].initiatives.get()
    assert (third.starts_on, third.ends_on) == (datetime.date(2027, 8, 15), datetime.date(2028, 8, 14))
    adjustment = Adjustment.objects.get(plan=draft)
    assert adjustment.reason == "Planen fra regnearket" and adjustment.made_by == area_editor
    assert "good_danish.csv" in adjustment.summary
    assert Event.objects.count() == events + 1
    draft.refresh_from_db()
    assert draft.version == adjustment.number
    assert PlanImport.objects.get().imported_at is not None


def test_an_english_xlsx_with_date_cells_and_a_goal_without_initiatives(editor_client, draft):
    url, _page = preview_of(editor_client, draft, "good_english.xlsx")
    assert confirm(editor_client, url).status_code == 302
    rehabilitation, europe = draft.goals.order_by("position")
    assert [sorted(p.number for p in g.purposes.all()) for g in (rehabilitation, europe)] == [[1, 2], [4]]
    assert not europe.initiatives.exists()
    exchange, research = rehabilitation.initiatives.order_by("position")
    assert (exchange.starts_on, exchange.ends_on) == (datetime.date(2027, 3, 1), datetime.date(2029, 12, 31))
    assert sorted(f.code for f in research.funding_sources.all()) == ["eu-forskning-og-udvikling", "interreg"]


def test_a_windows_1252_csv_keeps_its_danish_letters(editor_client, draft):
    url, _page = preview_of(editor_client, draft, "windows_1252.csv")
    confirm(editor_client, url)
    initiative = Initiative.objects.get(goal__plan=draft)
    assert (initiative.goal.title, initiative.title) == ("Samarbejde med østlige regioner", "Besøg i Gyõr")


def test_importing_the_same_file_again_changes_nothing(editor_client, draft):
    url, _page = preview_of(editor_client, draft, "good_danish.csv")
    confirm(editor_client, url)
    draft.refresh_from_db()
    version = draft.version

    url, page = preview_of(editor_client, draft, "good_danish.csv")

    assert "Planen indeholder allerede det, som filen indeholder" in _rows(page)
    assert _rows(page).count("Uændret") == 3
    assert 'name="reason"' not in _rows(page)
    response = confirm(editor_client, url)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.version == version and Adjustment.objects.filter(plan=draft).count() == 1


@pytest.mark.parametrize("export", ["/plans/{pk}/export.csv", "/plans/{pk}/export.xlsx",
                                    "/en/plans/{pk}/export.csv", "/en/plans/{pk}/export.xlsx"])
def test_the_plans_own_export_imports_again_as_no_change(editor_client, draft, export):
    url, _page = preview_of(editor_client, draft, "good_danish.csv")
    confirm(editor_client, url)
    exported = editor_client.get(export.format(pk=draft.pk))
    name = "plan." + export.rsplit(".", 1)[1]

    _url, page = preview_of(editor_client, draft, name, exported.content)

    assert "fejl" not in _rows(page).split("<table")[1] and "Uændret" in _rows(page)
    assert page.context["preview"].rows and not page.context["preview"].has_changes


def test_a_changed_field_shows_old_and_new_and_is_saved_on_confirmation(editor_client, draft):
    url, _page = preview_of(editor_client, draft, "good_danish.csv")
    confirm(editor_client, url)
    initiative = Initiative.objects.get(title="Praktikophold i Ungarn")
    changed = (HEADING + "Uddannelse på tværs af grænser;3, 2;Praktikophold i Ungarn;VIA;15.08.2027;31.12.2028\n"
               + f"Uddannelse på tværs af grænser;3, 2;Nyt praktikophold;VIA;01.09.2027;;{KIND}\n").encode()

    url, page = preview_of(editor_client, draft, "changed.csv", changed)

    html = _rows(page)
    assert "<del>3</del> → <ins>2, 3</ins>" in html
    assert "<del>VIA University College</del> → <ins>VIA</ins>" in html
    assert "<del>14.08.2028</del> → <ins>31.12.2028</ins>" in html
    assert "Ny indsats" in html
    assert "Styrket samarbejde om genoptræning" in page.context["preview"].not_in_file
    assert confirm(editor_client, url).status_code == 302
    initiative.refresh_from_db()
    assert (initiative.owner, initiative.ends_on, initiative.version) == ("VIA", datetime.date(2028, 12, 31), 2)
    # The columns the file lacks keep their values.
    assert initiative.track.code == "uddannelse"
    assert sorted(p.number for p in initiative.goal.purposes.all()) == [2, 3]
    assert [i.title for i in initiative.goal.initiatives.order_by("position")] == ["Praktikophold i Ungarn",
                                                                                  "Nyt praktikophold"]
    assert Adjustment.objects.filter(plan=draft).count() == 2


def test_line_breaks_written_by_a_browser_read_back_as_no_change(editor_client, draft):
    url, _page = preview_of(editor_client, draft, "good_danish.csv")
    confirm(editor_client, url)
    Initiative.objects.filter(title="Praktikophold i Ungarn").update(description="Første linje\r\nAnden linje")
    content = (HEADING.replace("\n", ";Beskrivelse\n")
               + 'Uddannelse på tværs af grænser;3;Praktikophold i Ungarn;VIA University College;15.08.2027;'
               '14.08.2028;;"Første linje\nAnden linje"\n').encode()
    _url, page = preview_of(editor_client, draft, "lines.csv", content)
    assert not page.context["preview"].has_changes and not page.context["preview"].errors


def test_html_and_script_in_cells_are_stored_as_text_and_escaped_on_every_page(editor_client, draft):
    url, page = preview_of(editor_client, draft, "html.csv")
    assert "<script>alert" not in _rows(page) and "&lt;script&gt;alert(&#x27;goal&#x27;)&lt;/script&gt;" in _rows(page)
    confirm(editor_client, url)
    initiative = Initiative.objects.get(goal__plan=draft)
    assert initiative.goal.title == "<script>alert('goal')</script>"
    assert initiative.description == '<a href="javascript:alert(3)">link</a>'
    detail = _rows(editor_client.get(f"/plans/{draft.pk}/"))
    assert "<script>alert" not in detail and "<img src=x" not in detail and "&lt;script&gt;" in detail


# --- Broken files: refused as a whole, nothing kept ------------------------------------------------------------------


@pytest.mark.parametrize(("name", "message"), [
    ("not_a_spreadsheet.pdf", "Filen er ikke en XLSX- eller CSV-fil"),
    ("old_excel.xls", "Filen er ikke en XLSX- eller CSV-fil"),
    ("not_a_workbook.xlsx", "Filen kunne ikke læses som en XLSX-projektmappe"),
    ("empty.csv", "Den medsendte fil er tom."),
    ("missing_columns.csv", "Filen mangler disse kolonner: Formål, Ansvarlig, Starter den."),
    ("unknown_column.csv", "Kolonne F, “Budget”, er ikke en kolonne i en handlingsplan."),
    ("no_heading.csv", "Der blev ikke fundet nogen overskriftsrække"),
])
def test_a_file_that_cannot_be_read_is_refused_with_a_message(editor_client, draft, name, message):
    response = upload(editor_client, draft, name)
    assert response.status_code == 400
    assert message in _rows(response)
    assert not PlanImport.objects.exists() and not Goal.objects.filter(plan=draft).exists()


@pytest.mark.parametrize(("name", "content"), [
    ("binary.csv", bytes(range(256)) * 10),
    ("quotes.csv", (HEADING + '"Et mål;1;"En indsats;Nogen;01.03.2027;\n').encode()),
    ("huge_cell.csv", (HEADING + "Et mål;1;En indsats;Nogen;01.03.2027;" + "x" * 200_000 + "\n").encode()),
    ("separators.csv", b";;;;;;\n;;;;\n"),
    ("renamed.xlsx", b"Goal;Purposes\nA;1\n"),
    ("truncated.xlsx", (FILES / "good_english.xlsx").read_bytes()[:2000]),
])
def test_odd_files_are_answered_without_a_server_error(editor_client, draft, name, content):
    response = upload(editor_client, draft, name, content)
    assert response.status_code in (302, 400)
    if response.status_code == 302:
        assert editor_client.get(response["Location"]).status_code == 200
    assert not Goal.objects.filter(plan=draft).exists()


def test_a_file_over_the_size_limit_is_refused(editor_client, draft):
    content = (HEADING + "Et mål;1;En indsats;Nogen;01.03.2027;\n" * 60_000).encode()
    assert len(content) > 2 * 1024 * 1024
    response = upload(editor_client, draft, "large.csv", content)
    assert response.status_code == 400 and "grænsen er 2 MB" in _rows(response)


def test_the_upload_still_needs_the_csrf_token(draft, area_editor):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(area_editor)
    assert upload(client, draft, "good_danish.csv").status_code == 403
    assert not PlanImport.objects.exists()


def test_ten_thousand_rows_are_refused_with_the_limit(editor_client, draft):
    content = (HEADING + "".join(f"Mål;1;Indsats {n};Nogen;01.03.2027;\n" for n in range(10_000))).encode()
    response = upload(editor_client, draft, "many.csv", content)
    assert response.status_code == 400 and f"Filen har mere end {MAX_ROWS} rækker" in _rows(response)
    assert not PlanImport.objects.exists()


def test_a_workbook_that_unpacks_to_too_much_is_refused(editor_client, draft):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "")
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (60 * 1024 * 1024))
    response = upload(editor_client, draft, "bomb.xlsx", buffer.getvalue())
    assert response.status_code == 400 and "pakkes ud til mere end 50 MB" in _rows(response)


def test_a_file_at_the_row_limit_is_read_and_previewed(editor_client, draft):
    content = (HEADING + "".join(f"Mål;1;Indsats {n};Nogen;01.03.2027;;{KIND}\n" for n in range(MAX_ROWS))).encode()
    _url, page = preview_of(editor_client, draft, "limit.csv", content)
    assert page.context["preview"].new_initiative_count == MAX_ROWS


# --- Rows with errors: each reported with its row, column and why; nothing imported ------------------------------


def _errors(page) -> dict[int, list[str]]:
    return {row.number: [f"{column}: {message}" for column, message in row.errors]
            for row in page.context["preview"].rows if row.errors}


@pytest.mark.parametrize(("name", "row", "expected"), [
    ("formula.csv", 2, "C (Indsats): Cellen indeholder en formel (=cmd|' /C calc'!A0)"),
    ("formula.xlsx", 2, "I (Slutter den): Cellen indeholder en formel (=DATE(2029,12,31))"),
    ("formula.xlsx", 2, "M (Beskrivelse): Cellen indeholder en formel"),
    ("dates.csv", 4, "E (Starter den): “01.03.27” angiver ikke året med fire cifre"),
    ("dates.csv", 5, "E (Starter den): “03/25/2027” ligner måned før dag"),
    ("dates.csv", 6, "E (Starter den): “next spring” er ikke en dato, portalen kan læse"),
    ("dates.csv", 7, "E (Starter den): “30.02.2027” er ikke en dato i kalenderen"),
    ("dates.csv", 8, "F (Slutter den): En indsats kan ikke slutte, før den starter."),
    ("dates.csv", 9, "E (Starter den): “46447” er ikke en dato, portalen kan læse"),
    ("unknown_names.csv", 2, "B (Formål): “7” er ikke nummeret på et af strategiens formål (1, 2, 3, 4)."),
    ("unknown_names.csv", 2, "F (Samarbejdsregioner): Der er ingen samarbejdsregion ved navn “Atlantis”"),
    ("unknown_names.csv", 3, "E (Strategisk spor): Der er intet strategisk spor ved navn “Space travel”"),
    ("unknown_names.csv", 4, "F (Samarbejdsregioner): “Lower Silesia” tilbydes ikke længere til nyt arbejde."),
    ("unknown_names.csv", 5, "H (Finansieringskilder): Der er ingen finansieringskilde ved navn “Lottery”"),
    ("duplicates.csv", 3, "C (Indsats): Række 2 indeholder allerede samme mål og indsats."),
    ("duplicates.csv", 4, "C (Indsats): Række 2 indeholder allerede samme mål og indsats."),
    ("duplicates.csv", 5, "B (Formål): Række 2 giver dette mål andre formål (1)."),
    ("missing_values.csv", 2, "A (Mål): Hver række skal have målets titel."),
    ("missing_values.csv", 3, "B (Formål): Et nyt mål skal have mindst ét af strategiens formål."),
    ("missing_values.csv", 4, "D (Ansvarlig): En indsats skal have en ansvarlig."),
    ("missing_values.csv", 4, "E (Starter den): En indsats skal have en startdato."),
    ("missing_values.csv", 5, "F (Afdeling): Cellen hører til en indsats"),
])
def test_a_row_with_an_error_is_reported_and_nothing_is_imported(editor_client, draft, name, row, expected):
    url, page = preview_of(editor_client, draft, name)
    assert page.status_code == 200
    assert any(error.startswith(expected) for error in _errors(page).get(row, [])), _errors(page)
    assert "Nogle rækker i filen har fejl" in _rows(page) and 'name="reason"' not in _rows(page)

    response = confirm(editor_client, url)

    assert response.status_code == 400 and "intet blev importeret" in _rows(response)
    assert not Goal.objects.filter(plan=draft).exists() and not Adjustment.objects.filter(plan=draft).exists()


def test_the_good_rows_of_a_file_with_errors_are_not_imported_either(editor_client, draft):
    url, page = preview_of(editor_client, draft, "dates.csv")
    assert sorted(_errors(page)) == [4, 5, 6, 7, 8, 9]
    confirm(editor_client, url)
    assert not Initiative.objects.filter(goal__plan=draft).exists()


def test_a_row_too_long_for_a_field_is_reported(editor_client, draft):
    content = (HEADING + "Mål;1;" + "x" * 301 + ";Nogen;01.03.2027;\n").encode()
    _url, page = preview_of(editor_client, draft, "long.csv", content)
    assert "højst have 300 tegn" in " ".join(_errors(page)[2])


# --- Confirmation ----------------------------------------------------------------------------------------------------


def test_confirmation_needs_a_reason(editor_client, draft):
    url, _page = preview_of(editor_client, draft, "good_danish.csv")
    response = confirm(editor_client, url, reason="  ")
    assert response.status_code == 400 and not Goal.objects.filter(plan=draft).exists()


def test_confirmation_is_refused_when_the_plan_changed_since_the_preview(editor_client, draft, area_editor):
    url, _page = preview_of(editor_client, draft, "good_danish.csv")
    services.save_plan_summary(plan=draft, summary="Ændret imens", expected_version=draft.version, reason="",
                               by=area_editor)

    page = editor_client.get(url)
    assert page.context["stale"] and 'name="reason"' not in _rows(page)
    response = confirm(editor_client, url)

    assert response.status_code == 302 and response["Location"] == f"/plans/{draft.pk}/import/"
    assert "Planen blev ændret efter forhåndsvisningen" in _rows(editor_client.get(response["Location"]))
    assert not Goal.objects.filter(plan=draft).exists()


def test_an_upload_is_confirmed_once(editor_client, draft):
    url, _page = preview_of(editor_client, draft, "good_danish.csv")
    confirm(editor_client, url)
    response = confirm(editor_client, url)
    assert response.status_code == 302 and response["Location"] == f"/plans/{draft.pk}/import/"
    assert Initiative.objects.filter(goal__plan=draft).count() == 3


def test_an_expired_upload_cannot_be_confirmed(editor_client, draft):
    url, _page = preview_of(editor_client, draft, "good_danish.csv")
    PlanImport.objects.update(made_at=timezone.now() - datetime.timedelta(hours=3))
    response = confirm(editor_client, url)
    assert response["Location"] == f"/plans/{draft.pk}/import/" and not Goal.objects.filter(plan=draft).exists()


def test_another_users_upload_cannot_be_seen_or_confirmed(client, editor_client, draft, international_office):
    url, _page = preview_of(editor_client, draft, "good_danish.csv")
    client.force_login(international_office)
    assert client.get(url).status_code == 302
    assert confirm(client, url).status_code == 302
    assert not Goal.objects.filter(plan=draft).exists()


def test_the_service_refuses_rows_with_errors_however_the_upload_was_kept(draft, area_editor):
    kept = services.keep_import(plan=draft, filename="x.csv", by=area_editor, table={
        "heading_row": 1, "columns": [["goal", "Mål", "A"], ["purposes", "Formål", "B"]],
        "rows": [[2, ["Et mål", "9"]]]})
    with pytest.raises(services.ValidationError):
        services.import_plan(plan_import=kept, reason="Fordi", by=area_editor)
    assert not Goal.objects.filter(plan=draft).exists()


# --- Who may import, into which plan ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("user", "status"), [
    ("area_editor", 200), ("international_office", 200), ("administrator", 200),
    ("other_area_editor", 403), ("council_member", 403),
])
def test_who_may_import_into_an_areas_draft(client, draft, request, user, status):
    client.force_login(request.getfixturevalue(user))
    assert client.get(f"/plans/{draft.pk}/import/").status_code == status
    response = upload(client, draft, "good_danish.csv")
    assert response.status_code == (302 if status == 200 else 403)


def test_an_editor_of_another_area_cannot_confirm_an_upload(client, editor_client, draft, other_area_editor):
    url, _page = preview_of(editor_client, draft, "good_danish.csv")
    client.force_login(other_area_editor)
    assert confirm(client, url).status_code == 403
    assert not Goal.objects.filter(plan=draft).exists()


def test_anonymous_visitors_are_sent_to_log_in(client, draft):
    assert client.get(f"/plans/{draft.pk}/import/").status_code == 302
    assert upload(client, draft, "good_danish.csv").status_code == 302
    assert not PlanImport.objects.exists()


def test_a_plan_in_force_is_not_filled_from_a_file(editor_client, health, current_term):
    plan = make_plan(health, current_term)
    response = upload(editor_client, plan, "good_danish.csv")
    assert response.status_code == 302 and response["Location"] == f"/plans/{plan.pk}/"
    assert "Kun et udkast kan udfyldes fra et regneark" in _rows(editor_client.get(response["Location"]))
    assert "Importér fra et regneark" not in _rows(editor_client.get(f"/plans/{plan.pk}/"))
    assert not PlanImport.objects.exists()


def test_a_plan_that_is_history_is_not_filled_from_a_file(client, administrator, history_plan):
    client.force_login(administrator)
    response = upload(client, history_plan, "good_danish.csv")
    assert response.status_code == 302 and not PlanImport.objects.exists()


def test_the_service_refuses_a_plan_in_force(area_editor, health, current_term):
    plan = make_plan(health, current_term)
    kept = PlanImport.objects.create(plan=plan, made_by=area_editor, filename="x.csv", plan_version=plan.version,
                                     table={"heading_row": 1, "columns": [], "rows": []})
    with pytest.raises(services.ValidationError):
        services.import_plan(plan_import=kept, reason="Fordi", by=area_editor)


def test_the_draft_page_offers_the_import(editor_client, draft):
    assert f'href="/plans/{draft.pk}/import/"' in _rows(editor_client.get(f"/plans/{draft.pk}/"))


# --- The template and the page ---------------------------------------------------------------------------------------


def test_the_upload_page_states_the_limits_and_links_the_template(editor_client, draft):
    html = _rows(editor_client.get(f"/plans/{draft.pk}/import/"))
    assert "højst 2 MB og 1000 rækker" in html and 'href="/plans/import-template.xlsx"' in html
    assert 'enctype="multipart/form-data"' in html


@pytest.mark.parametrize(("prefix", "first"), [("", "Mål"), ("/en", "Goal")])
def test_the_template_shows_the_columns_in_danish_and_english(editor_client, prefix, first):
    from openpyxl import load_workbook

    response = editor_client.get(f"{prefix}/plans/import-template.xlsx")
    book = load_workbook(io.BytesIO(response.content))
    plan_sheet, columns = book.worksheets
    assert plan_sheet["A1"].value == first and plan_sheet.max_row == 1
    assert [row[:2] for row in columns.iter_rows(min_row=2, max_row=3, values_only=True)] == [
        ("Mål", "Goal"), ("Formål", "Purposes")]


def test_the_template_filled_in_imports(editor_client, draft):
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(editor_client.get("/en/plans/import-template.xlsx").content))
    book.worksheets[0].append(["Et mål", "1", "En indsats", "Nogen", "", "", "", "01.03.2027", "", "", "", "", "", "",
                               "project cooperation and EU projects"])
    buffer = io.BytesIO()
    book.save(buffer)
    url, _page = preview_of(editor_client, draft, "template.xlsx", buffer.getvalue())
    confirm(editor_client, url)
    assert Initiative.objects.get(goal__plan=draft).title == "En indsats"


def test_the_preview_runs_the_same_queries_for_a_short_and_a_long_file(editor_client, draft):
    def counted(rows):
        content = (HEADING + "".join(f"Mål {n % 7};1;Indsats {n};Nogen;01.03.2027;\n" for n in range(rows)))
        url, _page = preview_of(editor_client, draft, "n.csv", content.encode())
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            editor_client.get(url)
        return len(queries)

    assert counted(3) == counted(300)


def test_only_a_draft_that_is_not_history_may_be_filled_from_a_file(draft, health, current_term, history_plan):
    assert draft.status == ActionPlan.Status.DRAFT and draft.import_refusal() is None
    assert "Kun et udkast" in make_plan(health, current_term).import_refusal()
    assert "historik" in history_plan.import_refusal()


# --- Dates: the common Danish and ISO forms; refused when doubtful -------------------------------------------------


@pytest.mark.parametrize(("text", "day"), [
    ("2027-03-01", datetime.date(2027, 3, 1)), ("2027-3-1", datetime.date(2027, 3, 1)),
    ("01.03.2027", datetime.date(2027, 3, 1)), ("1.3.2027", datetime.date(2027, 3, 1)),
    ("01-03-2027", datetime.date(2027, 3, 1)), ("01/03/2027", datetime.date(2027, 3, 1)),
    ("13/12/2027", datetime.date(2027, 12, 13)), (" 31.12.2029 ", datetime.date(2029, 12, 31)),
    (datetime.date(2027, 3, 1), datetime.date(2027, 3, 1)),
])
def test_dates_in_the_common_forms_are_read_day_before_month(text, day):
    from common.spreadsheets import read_date

    assert read_date(text) == day


@pytest.mark.parametrize("text", ["01.03.27", "03/25/2027", "2027/03/01", "1. marts 2027", "marts 2027", "2027",
                                  "01.03-2027", "46447", "29.02.2027", ""])
def test_doubtful_dates_are_refused_with_how_to_write_them(text):
    from common.spreadsheets import DateRefusal, read_date

    with pytest.raises(DateRefusal, match="2027-03-01"):
        read_date(text)


def test_a_new_initiative_says_its_kind_of_work_in_either_language(editor_client, draft):
    rows = (HEADING + "Mål;1;Uden type;Nogen;01.03.2027;;\n" + "Mål;1;Ukendt type;Nogen;01.03.2027;;sightseeing\n"
            + "Mål;1;Engelsk type;Nogen;01.03.2027;;staff exchange\n").encode()
    _url, page = preview_of(editor_client, draft, "kinds.csv", rows)
    html = _rows(page)
    assert "Angiv, hvilken type internationalt arbejde indsatsen er." in html
    assert "“sightseeing” er ikke en type af internationalt arbejde" in html
    assert len(page.context["preview"].errors) == 2
