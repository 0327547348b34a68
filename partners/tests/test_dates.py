"""A decision's date as precisely as the sources give it (an exact day, a year, "before" a date), rendered once;
and the values the sources do not state (a region's kind, a track's owner) blank only where they are not stated."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation

from partners.models import PartnerRegion, StatusDecision, StrategicTrack, dated
from partners.services import record_status_decision
from partners.tests.factories import PartnerRegionFactory
from strategy.models import Area

D = datetime.date


@pytest.mark.parametrize(("language", "precision", "expected"), [
    ("da", "day", "20.11.2008"), ("da", "year", "2008"), ("da", "before", "før 20.11.2008"),
    ("en", "day", "20/11/2008"), ("en", "year", "2008"), ("en", "before", "before 20/11/2008"),
])
def test_a_date_is_shown_as_precisely_as_it_is_known(language, precision, expected):
    with translation.override(language):
        assert dated(D(2008, 11, 20), precision) == expected
    assert dated(None, precision) == ""


def test_a_region_active_since_a_year_stays_so_when_the_council_keeps_it(db):
    region = PartnerRegionFactory()
    record_status_decision(region=region, status="active", decided_on=D(2003, 1, 1), date_precision="year",
                           reference="Aftale 2003")
    record_status_decision(region=region, status="active", decided_on=D(2013, 3, 13), reference="Fastholdt")
    region.refresh_from_db()
    assert (region.status, region.status_since) == ("active", "2003")
    record_status_decision(region=region, status="paused", decided_on=D(2020, 5, 4), reference="Sat på pause")
    region.refresh_from_db()
    assert (region.status, region.status_changed_on, region.status_changed_precision) == (
        "paused", D(2020, 5, 4), "day")


def test_a_year_only_date_is_1_january_model_and_database(db):
    region = PartnerRegionFactory()
    with pytest.raises(ValidationError) as refused:
        record_status_decision(region=region, status="active", decided_on=D(2003, 6, 1), date_precision="year",
                               reference="Aftale 2003")
    assert refused.value.message_dict["decided_on"] == [
        "Et tidspunkt, der kun kendes som et år, angives som 1. januar det år."]
    assert not region.status_decisions.exists()
    with pytest.raises(IntegrityError, match="partners_decision_year_on_1_january"), transaction.atomic():
        StatusDecision.objects.create(region=region, status="active", decided_on=D(2003, 6, 1),
                                      date_precision="year", reference="Aftale 2003")


def test_an_unknown_precision_is_refused_by_the_database(db):
    region = PartnerRegionFactory()
    with pytest.raises(IntegrityError, match="partners_decision_precision_valid"), transaction.atomic():
        StatusDecision.objects.create(region=region, status="active", decided_on=D(2003, 1, 1),
                                      date_precision="about", reference="Aftale")


def test_the_decision_form_records_a_before_date(client, international_office):
    region = PartnerRegionFactory()
    client.force_login(international_office)
    response = client.post(reverse("partners:decision_add", args=[region.pk]), {
        "decided_on": "2013-03-13", "date_precision": "before", "status": "active", "reference": "Før 2013"})
    assert response.status_code == 302
    region.refresh_from_db()
    assert region.status_since == "før 13.03.2013"
    page = client.get(region.get_absolute_url()).content.decode()
    assert "før 13.03.2013" in page


def test_the_decision_form_refuses_a_year_not_on_1_january_with_a_message(client, international_office):
    region = PartnerRegionFactory()
    client.force_login(international_office)
    response = client.post(reverse("partners:decision_add", args=[region.pk]), {
        "decided_on": "2003-06-01", "date_precision": "year", "status": "active", "reference": "Aftale"})
    assert response.status_code == 400
    assert "kun kendes som et år" in response.content.decode()
    assert not region.status_decisions.exists()


def test_a_new_region_states_its_kind_a_starting_row_may_leave_it_blank(client, international_office):
    client.force_login(international_office)
    response = client.post(reverse("partners:region_add"), {
        "code": "vastra-gotaland", "name_da": "Västra Götaland", "name_en": "Västra Götaland", "country": "SE",
        "kind": ""})
    assert response.status_code == 400
    assert "Vælg samarbejdsformen." in response.content.decode()
    assert not PartnerRegion.objects.filter(code="vastra-gotaland").exists()
    leningrad = PartnerRegion.objects.get(code="leningrad-oblast")
    leningrad.full_clean()  # a stored row without a kind is valid


def test_a_new_track_names_its_owner_a_starting_row_may_leave_it_blank(client, international_office):
    client.force_login(international_office)
    response = client.post(reverse("partners:track_add"), {"name_da": "Kultur", "name_en": "Culture",
                                                           "code": "kultur", "area": ""})
    assert response.status_code == 400
    assert "Vælg det ansvarlige arbejdsområde." in response.content.decode()
    assert not StrategicTrack.objects.filter(code="kultur").exists()
    response = client.post(reverse("partners:track_add"), {"name_da": "Kultur", "name_en": "Culture",
                                                           "code": "kultur", "area": Area.objects.get(code="stabe").pk})
    assert response.status_code == 302
    StrategicTrack.objects.get(code="sundhed").full_clean()
