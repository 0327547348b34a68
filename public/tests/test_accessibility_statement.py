"""The accessibility statement: public, linked from every page, kept by administrators."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from common.testing import form_data, refused_by_database
from public.models import AccessibilityStatement
from strategy_portal.starting_data import load_starting_data


@pytest.fixture
def statement(starting_data):
    return AccessibilityStatement.objects.get()


def test_anyone_reads_the_statement_without_logging_in(client, statement):
    page = client.get(reverse("public:accessibility")).content.decode()
    for text in ["Tilgængelighedserklæring", "Portalen overholder delvist", "EN 301 549", "PDF-filerne",
                 "selv evalueret", "Digitaliseringsstyrelsen", "10 arbejdsdage"]:
        assert text in page
    assert "Rediger erklæringen" not in page
    assert "Kontaktoplysningerne er ikke angivet endnu" in page  # the starting data invents no address


def test_the_statement_in_english(client, statement):
    page = client.get("/en/accessibility/").content.decode()
    assert '<html lang="en">' in page and "partially compliant" in page and "not tagged PDFs" in page


def test_every_page_links_to_the_statement_in_its_footer(client, statement, council_member):
    link = f'href="{reverse("public:accessibility")}">Tilgængelighedserklæring</a>'
    assert link in client.get(reverse("portal:home")).content.decode()
    assert link in client.get(reverse("accounts:login")).content.decode()
    client.force_login(council_member)
    assert link in client.get(reverse("partners:dashboard")).content.decode()


def test_the_short_address_leads_to_the_statement(client, statement):
    assert client.get("/was").url == reverse("public:accessibility")
    statement.was_url = "https://www.was.digst.dk/strategi-rm-dk"
    statement.save()
    assert client.get("/was").url == "https://www.was.digst.dk/strategi-rm-dk"
    assert statement.was_url in client.get(reverse("public:accessibility")).content.decode()


def test_an_administrator_keeps_the_statement_up_to_date(client, statement, administrator):
    client.force_login(administrator)
    assert "Rediger erklæringen" in client.get(reverse("public:accessibility")).content.decode()
    url = reverse("admin:public_accessibilitystatement_change", args=[statement.pk])
    data = form_data(client.get(url)) | {"contact_email": "tilgaengelighed@example.org", "contact_phone": "7841 0000",
                                         "reviewed_on": "2027-06-01"}
    assert client.post(url, data).status_code == 302
    page = client.get(reverse("public:accessibility")).content.decode()
    assert "mailto:tilgaengelighed@example.org" in page and 'href="tel:78410000"' in page
    assert "1. juni 2027" in page


def test_the_statement_is_neither_added_twice_nor_deleted(client, statement, administrator):
    client.force_login(administrator)
    assert client.get(reverse("admin:public_accessibilitystatement_add")).status_code == 403
    delete = reverse("admin:public_accessibilitystatement_delete", args=[statement.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert AccessibilityStatement.objects.count() == 1


@pytest.mark.parametrize("role", ["council_member", "international_office", "area_editor"])
def test_only_administrators_edit_the_statement(client, statement, request, role):
    client.force_login(request.getfixturevalue(role))
    url = reverse("admin:public_accessibilitystatement_change", args=[statement.pk])
    assert client.post(url, {"organisation": "Nogen anden"}).status_code in (302, 403)
    statement.refresh_from_db()
    assert statement.organisation == "Region Midtjylland"


def test_a_review_overdue_for_a_year_is_pointed_out_to_administrators(client, statement, administrator):
    statement.prepared_on = statement.reviewed_on = datetime.date(2024, 1, 1)
    statement.save()
    warning = "Der er gået mere end et år"
    assert warning not in client.get(reverse("public:accessibility")).content.decode()
    client.force_login(administrator)
    assert warning in client.get(reverse("public:accessibility")).content.decode()


def test_a_review_cannot_come_before_the_statement(statement):
    statement.reviewed_on = statement.prepared_on - datetime.timedelta(days=1)
    with pytest.raises(ValidationError, match="kan ikke være gennemgået"):
        statement.full_clean()
    with refused_by_database("public_statement_reviewed_after_prepared", AccessibilityStatement):
        statement.save()


def test_loading_the_starting_data_again_keeps_an_edited_statement(statement):
    AccessibilityStatement.objects.update(contact_phone="7841 0000")
    assert load_starting_data()["accessibility_statement"] == 0
    assert AccessibilityStatement.objects.get().contact_phone == "7841 0000"
