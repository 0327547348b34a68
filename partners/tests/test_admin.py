"""Partner regions and strategic tracks in Django admin: the International Office keeps them current;
a region's status follows its status decisions."""

import datetime
from urllib.parse import quote

import pytest

from common.testing import admin_url, form_data, model_url
from partners.models import Office, PartnerRegion, StatusDecision, StrategicTrack

D = datetime.date


@pytest.fixture
def leningrad(starting_data):
    return PartnerRegion.objects.get(code="leningrad-oblast")


def _add_decision(data: dict, **decision) -> dict:
    """Add one new row to the status decision inline of a region's change form."""
    index = int(data["status_decisions-TOTAL_FORMS"])
    data["status_decisions-TOTAL_FORMS"] = str(index + 1)
    for name, value in decision.items():
        data[f"status_decisions-{index}-{name}"] = value
    return data


# --- The International Office at work -----------------------------------------------------------


def test_international_office_opens_partner_regions_and_tracks(client, international_office, leningrad):
    client.force_login(international_office)
    track = StrategicTrack.objects.get(code="sundhed")

    for url in (
        model_url(PartnerRegion, "changelist"),
        model_url(PartnerRegion, "change", leningrad.pk),
        model_url(PartnerRegion, "history", leningrad.pk),
        model_url(PartnerRegion, "add"),
        model_url(StatusDecision, "changelist"),
        model_url(StrategicTrack, "changelist"),
        model_url(StrategicTrack, "change", track.pk),
        model_url(StrategicTrack, "add"),
    ):
        assert client.get(url).status_code == 200, url


def test_international_office_changes_a_partner_region(client, international_office, leningrad):
    client.force_login(international_office)
    url = model_url(PartnerRegion, "change", leningrad.pk)
    data = form_data(client.get(url))
    data["fact_sheet_en"] = "Talks on health cooperation resumed."
    data["code"] = "renamed"  # fixed after creation: ignored

    response = client.post(url, data)

    assert response.status_code == 302
    leningrad.refresh_from_db()
    assert leningrad.fact_sheet_en == "Talks on health cooperation resumed."
    assert leningrad.code == "leningrad-oblast"
    assert leningrad.version == 2
    assert leningrad.history.first().history_user == international_office


def test_international_office_changes_a_track(client, international_office, leningrad):
    client.force_login(international_office)
    track = StrategicTrack.objects.get(code="sundhed")
    url = model_url(StrategicTrack, "change", track.pk)
    data = form_data(client.get(url))
    data["department"] = "Koncern HR"
    data["partner_regions"] = [*data["partner_regions"], str(leningrad.pk)]

    response = client.post(url, data)

    assert response.status_code == 302
    track.refresh_from_db()
    assert track.department == "Koncern HR"
    assert leningrad in track.partner_regions.all()


def test_international_office_adds_a_partner_region(client, international_office, starting_data):
    client.force_login(international_office)
    data = {"code": "vastra-gotaland", "name_da": "Västra Götaland", "name_en": "Västra Götaland",
            "country": "SE", "kind": "strategic", "status_decisions-TOTAL_FORMS": "1",
            "status_decisions-INITIAL_FORMS": "0", "status_decisions-0-decided_on": "2026-03-10",
            "status_decisions-0-status": "under_consideration", "status_decisions-0-reference": "Regionsrådet"}

    response = client.post(model_url(PartnerRegion, "add"), data)

    assert response.status_code == 302
    region = PartnerRegion.objects.get(code="vastra-gotaland")
    assert region.status == PartnerRegion.Status.UNDER_CONSIDERATION
    assert region.status_changed_on == D(2026, 3, 10)
    assert region.status_decisions.get().recorded_by == international_office


# --- Status follows the decisions -----------------------------------------------------------------------


def test_adding_a_status_decision_inline_updates_the_status(client, international_office, leningrad):
    client.force_login(international_office)
    url = model_url(PartnerRegion, "change", leningrad.pk)
    data = _add_decision(form_data(client.get(url)), decided_on="2026-09-15", status="active",
                         reference="Regionsrådets møde 15-09-2026", note="")

    response = client.post(url, data)

    assert response.status_code == 302
    leningrad.refresh_from_db()
    assert leningrad.status == PartnerRegion.Status.ACTIVE
    assert leningrad.status_changed_on == D(2026, 9, 15)
    decision = leningrad.status_decisions.latest()
    assert decision.recorded_by == international_office
    assert decision.reference == "Regionsrådets møde 15-09-2026"


def test_an_older_decision_leaves_the_status_to_the_latest(client, international_office, leningrad):
    client.force_login(international_office)
    url = model_url(PartnerRegion, "change", leningrad.pk)
    data = _add_decision(form_data(client.get(url)), decided_on="2012-05-01", status="active",
                         reference="Forgotten 2012 decision")

    assert client.post(url, data).status_code == 302

    leningrad.refresh_from_db()
    assert (leningrad.status, leningrad.status_changed_on) == (PartnerRegion.Status.UNDER_CONSIDERATION,
                                                               D(2013, 3, 13))
    assert leningrad.status_decisions.count() == 2


def test_the_status_cannot_be_set_by_hand(client, administrator, leningrad):
    client.force_login(administrator)
    url = model_url(PartnerRegion, "change", leningrad.pk)
    response = client.get(url)
    assert {"status", "status_changed_on"} <= set(response.context["adminform"].readonly_fields)
    data = form_data(response)
    data["status"] = "ended"
    data["status_changed_on"] = "2026-01-01"

    assert client.post(url, data).status_code == 302

    leningrad.refresh_from_db()
    assert leningrad.status == PartnerRegion.Status.UNDER_CONSIDERATION
    assert leningrad.status_changed_on == D(2013, 3, 13)


def test_correcting_a_decision_updates_the_status(client, administrator, leningrad):
    client.force_login(administrator)
    url = model_url(PartnerRegion, "change", leningrad.pk)
    data = form_data(client.get(url))
    data["status_decisions-0-status"] = "paused"

    assert client.post(url, data).status_code == 302

    leningrad.refresh_from_db()
    assert leningrad.status == PartnerRegion.Status.PAUSED


def test_a_decision_recorded_twice_is_refused(client, administrator, leningrad):
    client.force_login(administrator)
    url = model_url(PartnerRegion, "change", leningrad.pk, lang="en")
    data = _add_decision(form_data(client.get(url)), decided_on="2013-03-13", status="under_consideration",
                         reference="Same decision again")

    response = client.post(url, data)

    assert response.status_code == 200
    assert "Please correct the duplicate data for decided_on, date_precision and status" in response.content.decode()
    assert leningrad.status_decisions.count() == 1


def test_a_decision_added_on_its_own_page_updates_the_status(client, international_office, leningrad):
    client.force_login(international_office)

    response = client.post(model_url(StatusDecision, "add"), {
        "region": leningrad.pk, "decided_on": "2026-10-01", "status": "ended", "reference": "Regionsrådet"})

    assert response.status_code == 302
    leningrad.refresh_from_db()
    assert (leningrad.status, leningrad.status_changed_on) == (PartnerRegion.Status.ENDED, D(2026, 10, 1))
    assert leningrad.status_decisions.latest().recorded_by == international_office


# --- Names, coordinates, retired offices --------------------------------------------------------------


def test_unnamed_region_is_completed_by_an_administrator(client, administrator, starting_data):
    client.force_login(administrator)
    region = PartnerRegion.objects.get(code="rumaensk-venskabsregion")
    url = model_url(PartnerRegion, "change", region.pk, lang="en")
    data = form_data(client.get(url))
    data.pop("name_unknown")

    response = client.post(url, data)
    assert response.status_code == 200
    assert "Give the Danish and English names, or mark the name as not yet known." in response.content.decode()

    data |= {"name_da": "Bihor", "name_en": "Bihor County", "name_native": "Județul Bihor"}
    assert client.post(url, data).status_code == 302
    region.refresh_from_db()
    assert (region.name_en, region.name_unknown) == ("Bihor County", False)


def test_half_a_coordinate_is_refused(client, administrator, leningrad):
    client.force_login(administrator)
    url = model_url(PartnerRegion, "change", leningrad.pk)
    data = form_data(client.get(url))
    data.pop("longitude")

    assert client.post(url, data).status_code == 200

    leningrad.refresh_from_db()
    assert leningrad.longitude is not None


def test_a_retired_office_is_not_offered_to_new_regions(client, administrator, starting_data):
    client.force_login(administrator)
    budapest = Office.objects.get(code="budapest")
    budapest.retired_on = D(2025, 1, 1)
    budapest.save()
    gyor = PartnerRegion.objects.get(code="gyor-moson-sopron")

    add_offices = client.get(model_url(PartnerRegion, "add")).context["adminform"].form.fields["office"].queryset
    gyor_offices = client.get(model_url(PartnerRegion, "change", gyor.pk)).context["adminform"].form.fields[
        "office"].queryset

    assert budapest not in add_offices
    assert budapest in gyor_offices  # still linked, still readable


def test_partner_regions_are_filtered_and_searched(client, administrator, starting_data):
    client.force_login(administrator)
    url = model_url(PartnerRegion, "changelist")

    ended = client.get(url, {"status__exact": "ended"}).context["cl"].result_list
    found = client.get(url, {"q": "dolnośląskie"}).context["cl"].result_list
    hungarian = client.get(url, {"country": "HU"}).context["cl"].result_list

    assert {r.code for r in ended} == {"nedre-schlesien", "rumaensk-venskabsregion"}
    assert [r.code for r in found] == ["nedre-schlesien"]  # by its native name
    assert {r.code for r in hungarian} == {"gyor-moson-sopron", "bacs-kiskun"}


# --- Kept for ever ----------------------------------------------------------------------------------------


def test_regions_and_decisions_are_not_deleted(client, administrator, leningrad):
    client.force_login(administrator)
    decision = leningrad.status_decisions.get()

    assert client.post(model_url(PartnerRegion, "delete", leningrad.pk), {"post": "yes"}).status_code == 403
    assert client.post(model_url(StatusDecision, "delete", decision.pk), {"post": "yes"}).status_code == 403
    inline = client.get(model_url(PartnerRegion, "change", leningrad.pk)).context["inline_admin_formsets"][0]

    assert inline.formset.can_delete is False
    assert PartnerRegion.objects.filter(pk=leningrad.pk).exists()
    assert StatusDecision.objects.filter(pk=decision.pk).exists()


def test_history_is_read_not_reverted(client, administrator, leningrad):
    client.force_login(administrator)
    leningrad.fact_sheet_en = "Changed"
    leningrad.save()
    first = leningrad.history.earliest()
    url = admin_url("partners_partnerregion_simple_history", leningrad.pk, first.history_id)

    assert client.get(url).status_code == 200
    assert client.post(url, {"fact_sheet_en": first.fact_sheet_en}).status_code == 403

    leningrad.refresh_from_db()
    assert leningrad.fact_sheet_en == "Changed"


@pytest.mark.parametrize("version", ["abc", "1\x00", "x\x00"])
def test_a_version_that_is_no_number_is_not_found(client, administrator, leningrad, version):
    client.force_login(administrator)
    track = StrategicTrack.objects.first()
    for model, pk in ((PartnerRegion, leningrad.pk), (StrategicTrack, track.pk)):
        url = f"{model_url(model, 'history', pk)}{quote(version)}/"
        assert client.get(url).status_code == 404
