"""The open-data API: what anonymous readers see, pagination, filters, spreadsheets, tokens and throttling."""

import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from actionplans.models import ActionPlan, StatusUpdate
from actionplans.tests.factories import make_plan, report_status
from api.models import ApiToken, hash_key
from api.services import revoke_token
from api.tests.factories import bearer, token_for
from api.throttling import AddressThrottle, TokenThrottle
from audit.models import Event
from partners.models import StrategicTrack
from public.models import PlanPublication
from public.tests.factories import publish_all
from strategy.models import Area


@pytest.fixture
def plan(health, current_term):
    return make_plan(health, current_term)


@pytest.fixture
def initiative(plan):
    return plan.goals.order_by("position").first().initiatives.order_by("position").first()


def _get(url, **headers):
    return Client().get(url, **headers)


# --- Anonymous readers see exactly what is published ------------------------------------------------------

def test_nothing_is_public_until_it_is_published(plan):
    assert _get("/api/v1/strategy/").status_code == 404
    for collection in ["areas", "purposes", "partner-regions", "tracks", "plans", "initiatives"]:
        body = _get(f"/api/v1/{collection}/").json()
        assert body["count"] == 0, collection
    assert _get(f"/api/v1/plans/{plan.pk}/").status_code == 404
    assert _get("/api/v1/partner-regions/shanghai/").status_code == 404


def test_published_plans_in_force_only(plan, health, current_term, previous_term):
    draft = make_plan(health, current_term, status=ActionPlan.Status.DRAFT)
    old = make_plan(health, previous_term, status=ActionPlan.Status.SUPERSEDED)
    publish_all(plan)
    PlanPublication.objects.create(plan=draft, plan_public=False)  # a draft cannot be published
    PlanPublication.objects.filter(plan=old).delete()
    assert [p["id"] for p in _get("/api/v1/plans/").json()["results"]] == [plan.pk]
    assert _get(f"/api/v1/plans/{draft.pk}/").status_code == 404
    # A plan published while in force is no longer public once superseded.
    PlanPublication.objects.create(plan=old, plan_public=True)
    assert _get(f"/api/v1/plans/{old.pk}/").status_code == 404
    initiatives = _get("/api/v1/initiatives/").json()["results"]
    assert {i["plan"] for i in initiatives} == {plan.pk}


def test_no_staff_names_and_no_internal_narratives(plan, initiative, council_member):
    report_status(initiative, status="at_risk", progress=40, narrative="Mødet er udskudt.", by=council_member)
    publish_all(plan)
    shown = _get(f"/api/v1/initiatives/{initiative.pk}/").json()
    assert shown["owner"] is None
    assert shown["latest_status"] == {"as_of": shown["latest_status"]["as_of"], "status": "at_risk",
                                      "progress": 40, "narrative": "Mødet er udskudt."}
    assert council_member.username not in _get("/api/v1/initiatives/").content.decode()
    update = StatusUpdate.objects.filter(initiative=initiative).latest("id")
    StatusUpdate.objects.create(initiative=initiative, as_of=update.as_of, status="off_track", progress=45,
                                narrative="Budgettet er sprunget.", narrative_internal=True)
    shown = _get(f"/api/v1/initiatives/{initiative.pk}/").json()
    assert shown["latest_status"]["status"] == "off_track"
    assert shown["latest_status"]["narrative"] == ""  # not the older, public one either
    assert "Budgettet" not in _get("/api/v1/initiatives/?format=csv").content.decode("utf-8-sig")


def test_status_is_shown_only_when_published(plan, initiative):
    report_status(initiative, status="at_risk", progress=40, narrative="Forsinket.")
    publish_all(plan, status=False)
    assert _get(f"/api/v1/initiatives/{initiative.pk}/").json()["latest_status"] is None
    assert _get(f"/api/v1/plans/{plan.pk}/").json()["status_public"] is False
    assert _get("/api/v1/initiatives/?status=at_risk").json()["count"] == 0


def test_partner_regions_with_status_history(plan):
    publish_all(plan)
    region = _get("/api/v1/partner-regions/nedre-schlesien/").json()
    assert region["status"] == "ended"
    assert [d["status"] for d in region["status_history"]][-1] == "ended"
    assert "recorded_by" not in region["status_history"][0] and "note" not in region["status_history"][0]


# --- Pagination and filters ------------------------------------------------------------------------------

@pytest.mark.parametrize("size", ["0", "501", "100000", "many", "-1"])
def test_page_sizes_out_of_bounds_are_refused(plan, size):
    publish_all(plan)
    response = _get(f"/api/v1/partner-regions/?page_size={size}")
    assert response.status_code == 400
    assert "page_size" in response.json()


def test_pages(plan):
    publish_all(plan)
    first = _get("/api/v1/partner-regions/?page_size=2").json()
    assert (first["count"], len(first["results"])) == (6, 2)
    assert _get(first["next"]).json()["results"][0]["code"] != first["results"][0]["code"]
    assert _get("/api/v1/partner-regions/?page=99").status_code == 404


@pytest.mark.parametrize("query", ["colour=red", "status=on_track&owner=x", "Area=sundhed"])
def test_unknown_filters_are_refused(plan, query):
    publish_all(plan)
    response = _get(f"/api/v1/initiatives/?{query}")
    assert response.status_code == 400
    assert response.json()["detail"].startswith("Ukendt filter") or "Unknown filter" in response.json()["detail"]


@pytest.mark.parametrize("query", ["area=atlantis", "status=fine", "plan=x", "purpose=9", "track=nope"])
def test_unknown_filter_values_are_refused(plan, query):
    publish_all(plan)
    response = _get(f"/api/v1/initiatives/?{query}")
    assert response.status_code == 400
    assert list(response.json()) == [query.split("=")[0]]


def test_filters_mirror_the_pages(plan, initiative, regional_development, current_term):
    other = make_plan(regional_development, current_term)
    publish_all(plan, other)
    report_status(initiative, status="at_risk", progress=10)
    assert {i["area"] for i in _get("/api/v1/initiatives/?area=sundhed").json()["results"]} == {"sundhed"}
    at_risk = _get("/api/v1/initiatives/?status=at_risk").json()["results"]
    assert [i["id"] for i in at_risk] == [initiative.pk]
    planned = _get("/api/v1/initiatives/?status=planned").json()
    assert planned["count"] == 7
    assert _get("/api/v1/initiatives/?partner_region=shanghai&purpose=1,2").json()["count"] == 8
    assert _get(f"/api/v1/initiatives/?plan={other.pk}").json()["count"] == 4
    ended = _get("/api/v1/partner-regions/?status=ended&kind=friendship").json()["results"]
    assert {r["code"] for r in ended} == {"nedre-schlesien", "rumaensk-venskabsregion"}
    # The sources name no track's owner: an administrator has given the health track its area.
    StrategicTrack.objects.filter(code="sundhed").update(area=Area.objects.get(code="sundhed"))
    assert {t["area"] for t in _get("/api/v1/tracks/?area=sundhed").json()["results"]} == {"sundhed"}


# --- Spreadsheets -----------------------------------------------------------------------------------------

def test_csv_and_xlsx_hold_the_whole_filtered_collection(plan, initiative):
    publish_all(plan)
    initiative.title = "=HYPERLINK(\"http://example.com\")"
    initiative.save(update_fields=["title"])
    response = _get("/api/v1/initiatives/?format=csv&page_size=1")
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"] == 'attachment; filename="initiative.csv"'
    lines = response.content.decode("utf-8-sig").splitlines()
    assert len(lines) == 1 + 4  # every initiative, not a page
    assert "'=HYPERLINK" in lines[1]  # never a formula
    response = _get("/api/v1/partner-regions/?format=xlsx&kind=strategic")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 1 + 3  # the strategic partner regions (Leningrad Oblast's kind is not stated)
    assert sheet["A1"].value == "code"


def test_a_refusal_is_json_whatever_the_format(plan):
    response = _get("/api/v1/initiatives/?format=csv&colour=red")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"


# --- Tokens ----------------------------------------------------------------------------------------------

def test_a_token_is_shown_once_and_stored_hashed(client, area_editor):
    client.force_login(area_editor)
    response = client.post(reverse("tokens:list"), {"name": "Power BI"})
    assert response.status_code == 200
    key = response.context["key"]
    token = ApiToken.objects.get(user=area_editor)
    assert token.key_hash == hash_key(key) and key not in token.key_hash and token.prefix == key[:12]
    assert key in response.content.decode()
    assert key not in client.get(reverse("tokens:list")).content.decode()
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    assert Event.objects.filter(object_type="api.ApiToken", action=Event.Action.CREATE).count() == 1
    assert _get("/api/v1/reports/", **bearer(key)).status_code == 200


def test_a_token_needs_a_name(client, area_editor):
    client.force_login(area_editor)
    response = client.post(reverse("tokens:list"), {"name": ""})
    assert response.status_code == 400
    assert not ApiToken.objects.exists()


def test_the_owner_revokes_their_token_and_nobody_else_can(client, area_editor, other_area_editor):
    token, key = token_for(area_editor)
    client.force_login(other_area_editor)
    assert client.post(reverse("tokens:revoke", args=[token.pk])).status_code == 404
    client.force_login(area_editor)
    assert client.post(reverse("tokens:revoke", args=[token.pk])).status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    response = _get("/api/v1/plans/", **bearer(key))
    assert response.status_code == 401
    assert response.json() == {"detail": "Nøglen er trukket tilbage."} or "revoked" in response.json()["detail"]
    assert Event.objects.filter(object_type="api.ApiToken", action=Event.Action.CHANGE).count() == 1


@pytest.mark.parametrize("header", ["Bearer nonsense", "Bearer", "Bearer a b", "Token isp_wrong", "Bearer æøå"])
def test_bad_tokens_are_refused_with_401(header, plan):
    response = Client().get("/api/v1/plans/", HTTP_AUTHORIZATION=header.encode().decode("latin-1"))
    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_token_of_a_deactivated_user_is_refused(area_editor):
    _token, key = token_for(area_editor)
    area_editor.is_active = False
    area_editor.save()
    assert _get("/api/v1/plans/", **bearer(key)).status_code == 401


def test_administrators_list_tokens_in_admin(client, administrator, area_editor):
    token, _key = token_for(area_editor)
    client.force_login(administrator)
    response = client.get(reverse("admin:api_apitoken_changelist"))
    assert response.status_code == 200
    assert token.prefix in response.content.decode()
    response = client.post(reverse("admin:api_apitoken_changelist"),
                           {"action": "revoke", "_selected_action": [token.pk]})
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.is_revoked


def test_revoking_twice_changes_nothing(area_editor):
    token, _key = token_for(area_editor)
    first = revoke_token(token=token, by=area_editor).revoked_at
    assert revoke_token(token=token, by=area_editor).revoked_at == first


# --- Throttling ------------------------------------------------------------------------------------------

def test_anonymous_requests_are_throttled_per_address(monkeypatch, plan):
    monkeypatch.setattr(AddressThrottle, "THROTTLE_RATES", {"address": "3/minute", "token": "5/minute"})
    answers = [_get("/api/v1/areas/", REMOTE_ADDR="192.0.2.1").status_code for _n in range(4)]
    assert answers == [200, 200, 200, 429]
    assert _get("/api/v1/areas/", REMOTE_ADDR="192.0.2.1").json()["detail"]
    assert _get("/api/v1/areas/", REMOTE_ADDR="192.0.2.2").status_code == 200  # another address


def test_token_requests_are_throttled_per_token(monkeypatch, area_editor):
    monkeypatch.setattr(TokenThrottle, "THROTTLE_RATES", {"address": "1/minute", "token": "2/minute"})
    _token, key = token_for(area_editor)
    _other, other_key = token_for(area_editor, "Intranet")
    answers = [_get("/api/v1/areas/", **bearer(key)).status_code for _n in range(3)]
    assert answers == [200, 200, 429]
    assert _get("/api/v1/areas/", **bearer(other_key)).status_code == 200
