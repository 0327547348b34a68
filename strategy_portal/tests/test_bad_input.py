"""Wrong types, huge and empty values, HTML and script, SQL-looking text and unicode, in every form
field and URL parameter: a clear message or a 4xx, never a 500; nothing saved in part; shown escaped."""

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from actionplans.models import Initiative
from actionplans.tests.factories import make_plan

NASTY = st.one_of(
    st.sampled_from([
        "", " ", "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "'; DROP TABLE actionplans_goal; --",
        "1 OR 1=1", "-1", "0", "99999999999999999999", "1e309", "NaN", "2025-02-30", "31-12-2025", "9999-12-31",
        "0000-00-00", "null", "None", "[]", "{}", "%00", "\x00", "Æøå ĞŐŰ 上海 Ленинград 🚀", "a" * 5000,
        "\u202e\u200b", "../../etc/passwd", "{{ 7*7 }}", "{% debug %}",
    ]),
    st.text(max_size=300),
    st.integers().map(str),
)
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                       HealthCheck.too_slow])
INITIATIVE_FIELDS = ["title", "description", "owner", "department", "track", "partner_regions", "funding_sources",
                     "starts_on", "ends_on", "status", "progress", "version", "reason", "kind", "coordination_partners",
                     "supported_plans", "offices", "organisations", "new_organisation_name", "new_organisation_kind",
                     "new_organisation_country"]


@pytest.fixture
def editor_client(area_editor):
    client = Client()
    client.force_login(area_editor)
    return client


@pytest.fixture
def plan(health, current_term):
    return make_plan(health, current_term)


def _state(plan):
    return sorted(Initiative.objects.filter(goal__plan=plan).values_list(
        "pk", "version", "title", "description", "owner", "progress", "starts_on", "ends_on", "status", "kind"))


@FUZZ
@given(data=st.dictionaries(st.sampled_from(INITIATIVE_FIELDS), NASTY, min_size=1))
def test_initiative_form_refuses_or_saves_whole(editor_client, plan, data):
    initiative = Initiative.objects.filter(goal__plan=plan).first()
    before = _state(plan)
    response = editor_client.post(reverse("actionplans:initiative_edit", args=[initiative.pk]), data)
    assert response.status_code in (302, 400, 409)
    if response.status_code != 302:
        assert _state(plan) == before
    page = editor_client.get(reverse("actionplans:plan_detail", args=[plan.pk])).content.decode()
    assert "<script>alert(1)</script>" not in page and "<img src=x" not in page


def test_markup_is_saved_as_text_and_shown_escaped(editor_client, plan):
    initiative = Initiative.objects.filter(goal__plan=plan).first()
    response = editor_client.post(reverse("actionplans:initiative_edit", args=[initiative.pk]), {
        "title": "<script>alert(1)</script>", "owner": "x", "starts_on": "2027-01-01", "status": "planned",
        "progress": "5", "version": str(initiative.version), "reason": "<b>test</b>", "kind": "projects",
        "new_organisation_name": "<script>alert(2)</script>", "new_organisation_kind": "other"})
    assert response.status_code == 302
    assert Initiative.objects.get(pk=initiative.pk).title == "<script>alert(1)</script>"
    page = editor_client.get(reverse("actionplans:plan_detail", args=[plan.pk])).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "&lt;script&gt;alert(2)&lt;/script&gt;" in page
    assert "<script>alert(1)</script>" not in page and "<script>alert(2)</script>" not in page
    history = editor_client.get(reverse("actionplans:history", args=[plan.pk])).content.decode()
    assert "&lt;b&gt;test&lt;/b&gt;" in history


@FUZZ
@given(field=st.sampled_from(["title", "description", "purposes", "reason", "version"]), value=NASTY)
def test_goal_form_never_fails(editor_client, plan, field, value):
    before = plan.goals.count()
    data = {"title": "Mål", "purposes": "1", "reason": "r", field: value}
    response = editor_client.post(reverse("actionplans:goal_add", args=[plan.pk]), data)
    assert response.status_code in (302, 400)
    assert plan.goals.count() == before + (response.status_code == 302)


@FUZZ
@given(from_version=NASTY, to_version=NASTY)
def test_compare_parameters_never_fail(editor_client, plan, from_version, to_version):
    response = editor_client.get(reverse("actionplans:compare_versions", args=[plan.pk]),
                                 {"from_version": from_version, "to_version": to_version})
    assert response.status_code in (200, 400)


@FUZZ
@given(value=NASTY)
def test_adoption_date_never_fails(editor_client, health, current_term, value):
    from actionplans.models import ActionPlan

    draft = ActionPlan.objects.filter(area=health, status="draft").first() or make_plan(
        health, current_term, status=ActionPlan.Status.DRAFT, goals=0)
    response = editor_client.post(reverse("actionplans:adopt", args=[draft.pk]), {"adopted_on": value})
    assert response.status_code in (302, 400)
    if response.status_code == 400:
        assert ActionPlan.objects.get(pk=draft.pk).status == "draft"


@pytest.mark.parametrize("path", [
    "/plans/abc/", "/plans/99999999999999999999/", "/plans/-1/", "/plans/area/%3Cscript%3E/", "/plans/area/ /",
    "/plans/goal/1/move/sideways/", "/plans/thing/1/remove/", "/xx/plans/", "/en/plans/0/", "/plans/0/export.pdf",
    "/plans/1/compare/?from_version=1&to_version=2&from_version=x",
])
def test_bad_ids_and_paths_are_4xx(editor_client, plan, path):
    response = editor_client.get(path)
    assert 400 <= response.status_code < 500


@FUZZ
@given(username=NASTY, password=NASTY)
def test_login_form_never_fails(client, starting_data, username, password):
    response = client.post(reverse("accounts:login"), {"username": username, "password": password})
    assert response.status_code in (200, 429)


@FUZZ
@given(params=st.dictionaries(st.sampled_from(["status", "kind", "country", "office", "field", "area", "page",
                                               "lang", "sort"]), st.lists(NASTY, max_size=3), min_size=1))
def test_dashboard_filters_never_fail(editor_client, starting_data, params):
    for name in ("partners:dashboard", "partners:export_csv"):
        response = editor_client.get(reverse(name), params)
        assert response.status_code in (200, 400)
        if response["Content-Type"].startswith("text/html"):
            assert "<script>alert(1)</script>" not in response.content.decode()


@FUZZ
@given(field=st.sampled_from(["decided_on", "status", "reference", "note"]), value=NASTY)
def test_status_decision_form_refuses_or_saves_whole(client, international_office, field, value):
    from partners.models import PartnerRegion, StatusDecision

    client.force_login(international_office)
    region = PartnerRegion.objects.get(code="leningrad-oblast")
    before = (StatusDecision.objects.count(), PartnerRegion.objects.get(pk=region.pk).status)
    data = {"decided_on": "2026-02-01", "status": "paused", "reference": "Regionsrådet", "note": "", field: value}
    response = client.post(reverse("partners:decision_add", args=[region.pk]), data)
    assert response.status_code in (302, 400)
    if response.status_code == 400:
        assert (StatusDecision.objects.count(), PartnerRegion.objects.get(pk=region.pk).status) == before
