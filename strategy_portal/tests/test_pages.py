import pytest
from django.urls import reverse

from audit.models import Event


@pytest.mark.django_db
def test_anonymous_home_invites_to_log_in(client):
    response = client.get("/")
    assert response.status_code == 200
    assert reverse("accounts:login") in response.content.decode()
    assert '<html lang="da">' in response.content.decode()


@pytest.mark.django_db
def test_danish_is_the_default_whatever_the_browser_asks_for(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert '<html lang="da">' in response.content.decode()


@pytest.mark.django_db
def test_english_lives_under_en(client):
    response = client.get("/en/")
    assert '<html lang="en">' in response.content.decode()
    assert 'href="/?language=da" hreflang="da"' in response.content.decode()
    assert 'href="/en/?language=en" hreflang="en"' in client.get("/").content.decode()


@pytest.mark.django_db
def test_the_chosen_language_holds_when_the_portal_is_opened_again(client):
    """The language link stores the choice; the portal's plain address then leads to English, until the reader
    follows the link to Danish. An /en/ address read without choosing changes nothing."""
    client.get("/en/")
    assert "django_language" not in client.cookies and client.get("/").status_code == 200

    response = client.get("/accounts/login/?next=/plans/&language=en")  # the link to English
    assert response.status_code == 302 and response.url == "/en/accounts/login/?next=%2Fplans%2F"
    assert client.cookies["django_language"].value == "en"
    assert client.cookies["django_language"]["max-age"]  # kept beyond the browser session

    response = client.get("/accounts/login/?next=/plans/")  # opened again
    assert response.status_code == 302 and response.url == "/en/accounts/login/?next=/plans/"

    response = client.get("/en/accounts/login/?next=/plans/&language=da")  # the link to Danish
    assert response.status_code == 302 and response.url == "/accounts/login/?next=%2Fplans%2F"
    assert client.cookies["django_language"].value == "da"
    assert '<html lang="da">' in client.get(response.url).content.decode()


@pytest.mark.django_db
def test_a_form_post_is_never_redirected_to_the_chosen_language(client):
    client.cookies["django_language"] = "en"
    response = client.post("/accounts/login/", {"username": "nobody", "password": "wrong"})
    assert response.status_code == 200  # answered where it was sent, so nothing typed is lost


@pytest.mark.django_db
def test_an_unknown_language_choice_is_ignored(client):
    client.cookies["django_language"] = "xx"
    assert client.get("/?language=yy").status_code == 200


def test_english_pages_write_dates_day_month_year():
    import datetime

    from django.utils import formats, translation

    day = datetime.date(2026, 3, 9)
    with translation.override("en"):
        assert formats.date_format(day, "SHORT_DATE_FORMAT") == "09/03/2026"
        assert formats.date_format(day, "DATE_FORMAT") == "9 March 2026"
    with translation.override("da"):
        assert formats.date_format(day, "SHORT_DATE_FORMAT") == "09.03.2026"


def test_english_forms_read_dates_day_month_year():
    import datetime

    from django import forms
    from django.utils import translation

    with translation.override("en"):
        assert forms.DateField().clean("09/03/2026") == datetime.date(2026, 3, 9)
        assert forms.DateField().clean("2026-03-09") == datetime.date(2026, 3, 9)


def test_strategy_page_needs_login(client, starting_data):
    response = client.get(reverse("portal:strategy"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_strategy_page_shows_the_real_content(client, council_member):
    client.force_login(council_member)
    page = client.get(reverse("portal:strategy")).content.decode()
    assert "international vækstregion i et sammenhængende Danmark" in page
    for text in ["Shanghai", "Bács-Kiskun", "Nedre Schlesien", "Leningrad Oblast", "Unavngiven region i Rumænien",
                 "Vækstforums erhvervsudviklingsstrategi"]:
        assert text in page


@pytest.mark.parametrize(
    ("user_fixture", "shown", "hidden"),
    [
        ("area_editor", "Dit arbejdsområdes handlingsplan", "Gå til administration"),
        ("international_office", "Internationalt Kontor", "Gå til administration"),
        ("council_member", "Regionsrådet", "Internationalt Kontor</h3>"),
        ("administrator", "Gå til administration", "Dit arbejdsområdes handlingsplan"),
    ],
)
def test_home_shows_each_role_where_to_go(client, request, user_fixture, shown, hidden):
    client.force_login(request.getfixturevalue(user_fixture))
    page = client.get("/").content.decode()
    assert shown in page
    assert hidden not in page


def test_user_without_role_is_told_so(client, starting_data):
    from accounts.tests.factories import UserFactory

    client.force_login(UserFactory())
    assert "ingen rolle" in client.get("/").content.decode()


@pytest.mark.django_db
def test_unknown_page_is_a_404_in_the_layout(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Siden findes ikke" in response.content.decode()
    assert "navbar" in response.content.decode()


def test_permission_refusal_is_a_403_in_the_layout_and_audited(client, council_member):
    client.force_login(council_member)
    response = client.get(reverse("admin:index"))
    # Not staff: admin sends to its own login page, which is no refusal of a logged-in action.
    assert response.status_code == 302
    from django.core.exceptions import PermissionDenied
    from django.test import RequestFactory

    from strategy_portal.views import permission_denied

    request = RequestFactory().get("/x/")
    request.user = council_member
    response = permission_denied(request, PermissionDenied("nope"))
    assert response.status_code == 403
    assert "Adgang nægtet" in response.content.decode()
    assert Event.objects.filter(action=Event.Action.PERMISSION_DENIED, user=council_member).exists()


@pytest.mark.django_db
def test_healthz_answers_without_login(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"


@pytest.mark.django_db
def test_security_headers(client):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert response["X-Frame-Options"] == "DENY"


def test_the_language_link_stays_on_this_site(rf):
    """A 404 for //evil.example/ must not link to //evil.example/en/, which a browser reads as another host."""
    from strategy_portal.templatetags.portal import language_links

    request = rf.get("/")
    request.path = "//evil.example/"
    [link] = language_links({"request": request, "LANGUAGE_CODE": "da"})
    assert link["url"].startswith("/") and not link["url"].startswith("//")


def test_the_strategy_page_takes_the_same_queries_whatever_the_data(client, council_member):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from partners.models import Field, PartnerRegion

    client.force_login(council_member)
    client.get("/")

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("portal:strategy")).status_code == 200
        return len(captured)

    before = queries()
    regions = PartnerRegion.objects.bulk_create([
        PartnerRegion(code=f"extra-{n}", name_da=f"Ekstra {n}", name_en=f"Extra {n}", country="SE", kind="strategic")
        for n in range(50)])
    PartnerRegion.fields.through.objects.bulk_create([
        PartnerRegion.fields.through(partnerregion=region, field=field)
        for region in regions for field in Field.objects.all()])
    # The pages' common queries, and the strategy, the council terms (their chairs), purposes, values, principles,
    # areas, offices, coordination partners and supported plans (each with its count of initiatives in force), the
    # count of partner regions, a page of them with their offices, and their fields.
    assert queries() == before == 20


@pytest.mark.parametrize(("page", "pdf", "printed"), [
    ("actionplans:plan_detail", "actionplans:export_pdf", "actionplans:print"),
    ("partners:region_detail", "partners:region_pdf", "partners:region_print"),
    ("actionplans:round_report", "actionplans:round_report_pdf", "actionplans:round_report_print"),
])
def test_every_pdf_link_names_the_print_view_as_the_accessible_version(client, council_member, access_url_args,
                                                                       page, pdf, printed):
    """The PDFs are not tagged for screen readers; the print view, plain structured HTML, is the alternative."""
    client.force_login(council_member)
    html = client.get(reverse(page, args=access_url_args[page])).content.decode()
    link = f'<a href="{reverse(pdf, args=access_url_args[pdf])}" aria-describedby="pdf-note">'
    assert link in html
    note = html.split('id="pdf-note">', 1)[1].split("</span>", 1)[0]
    assert "den tilgængelige udgave" in note
    assert f'href="{reverse(printed, args=access_url_args[printed])}"' in note
    assert b"/Lang (da)" in client.get(reverse(pdf, args=access_url_args[pdf])).content  # the PDF says its language


def test_the_strategy_page_shows_the_partner_regions_a_page_at_a_time(client, council_member):
    from partners.models import PartnerRegion
    from partners.selectors import REGIONS_PER_PAGE

    PartnerRegion.objects.bulk_create([PartnerRegion(code=f"r-{n:03}", name_da=f"Region {n:03}",
                                                     name_en=f"Region {n:03}", country="PL", kind="friendship")
                                       for n in range(60)])
    client.force_login(council_member)
    names = [str(r) for r in PartnerRegion.objects.all()]
    first = " ".join(client.get(reverse("portal:strategy")).content.decode().split())
    assert "66 samarbejdsregioner. Dette er side 1 af 2: region 1–50." in first
    assert f"<th scope=\"row\">{names[REGIONS_PER_PAGE - 1]}</th>" in first
    assert f"<th scope=\"row\">{names[REGIONS_PER_PAGE]}</th>" not in first
    second = client.get(reverse("portal:strategy"), {"page": 2}).content.decode()
    assert all(f"<th scope=\"row\">{name}</th>" in second for name in names[REGIONS_PER_PAGE:])
    assert client.get(reverse("portal:strategy"), {"page": "x"}).status_code == 200


def test_the_admin_names_the_libraries_parts_in_danish(client, administrator):
    """django-axes and django-otp bring no Danish: the lock-outs and second-factor devices get Danish names."""
    client.force_login(administrator)
    page = client.get(reverse("admin:index")).content.decode()
    for danish in ["Spærring ved mislykkede login", "Loginforsøg", "Totrinsbekræftelse", "TOTP-enheder"]:
        assert danish in page
    for english in ["Axes", "Access attempts", "Otp_Totp", "TOTP devices"]:
        assert english not in page
    columns = client.get(reverse("admin:axes_accessattempt_changelist")).content.decode()
    assert "Tidspunkt for forsøg" in columns and "Attempt Time" not in columns
