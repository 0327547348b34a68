"""Partner regions and the council's status decisions, as the models and the database enforce them."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import override

from accounts.tests.factories import UserFactory
from audit.models import Event
from common.testing import non_field, refusal, refused_by_database
from partners.models import PartnerRegion, StatusDecision
from partners.services import record_status_decision
from partners.tests.factories import PartnerRegionFactory, StatusDecisionFactory

D = datetime.date
HistoricalPartnerRegion = PartnerRegion.history.model

NAMES = "Give the Danish and English names, or mark the name as not yet known."
BOTH_COORDINATES = "Give both latitude (-90 to 90) and longitude (-180 to 180), or neither."
COORDINATE_RANGE = "Give both latitude (-90 to 90) and longitude (-180 to 180), or neither."
DECISION_ONCE = "This decision is already recorded for that day."


@pytest.mark.django_db
def test_factories_make_valid_objects():
    PartnerRegionFactory().full_clean()
    PartnerRegionFactory(unnamed=True).full_clean()
    StatusDecisionFactory().full_clean()


# --- Names ---------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name_da", "name_en"), [("", ""), ("Nedre Schlesien", ""), ("", "Lower Silesia")], ids=["none", "da", "en"]
)
def test_region_needs_both_names_unless_marked_unknown(name_da, name_en):
    region = PartnerRegionFactory.build(name_da=name_da, name_en=name_en, name_native="Dolnośląskie")
    assert non_field(refusal(region)) == [NAMES]
    with refused_by_database("partners_region_named_or_marked_unknown", PartnerRegion, HistoricalPartnerRegion):
        PartnerRegion.objects.create(code="x", name_da=name_da, name_en=name_en, country="PL", kind="friendship")


@pytest.mark.django_db
def test_removing_a_name_by_update_is_refused():
    region = PartnerRegionFactory(name_da="Shanghai", name_en="Shanghai")
    with refused_by_database("partners_region_named_or_marked_unknown", PartnerRegion):
        PartnerRegion.objects.filter(pk=region.pk).update(name_en="")
    region.refresh_from_db()
    assert region.name_en == "Shanghai"


@pytest.mark.django_db
def test_unnamed_region_is_allowed_when_marked_unknown():
    region = PartnerRegionFactory.build(unnamed=True, country="RO", kind="friendship")
    region.full_clean()
    region.save()
    assert PartnerRegion.objects.filter(pk=region.pk, name_unknown=True).count() == 1


def test_unnamed_region_says_so_and_names_its_country(starting_data):
    romania = PartnerRegion.objects.get(code="rumaensk-venskabsregion")
    assert romania.name_unknown and romania.name_da == romania.name_en == ""
    with override("en"):
        assert str(romania) == "Unnamed region in Romania"
        assert romania.name == "Unnamed region in Romania"


def test_named_region_uses_its_name_in_the_active_language(starting_data):
    region = PartnerRegion.objects.get(code="gyor-moson-sopron")
    with override("en"):
        assert str(region) == "Győr-Moson-Sopron County"
    with override("da"):
        assert str(region) == "Győr-Moson-Sopron"


@pytest.mark.django_db
def test_names_given_later_replace_the_unnamed_label():
    region = PartnerRegionFactory(unnamed=True, country="RO", kind="friendship")
    region.name_da = region.name_en = "Alba"
    region.full_clean()
    region.save()
    with override("en"):
        assert str(region) == "Alba"


# --- Coordinates --------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(("latitude", "longitude"), [(Decimal("47.68750"), None), (None, Decimal("17.65040"))])
def test_one_coordinate_alone_is_refused_by_full_clean(latitude, longitude):
    region = PartnerRegionFactory.build(latitude=latitude, longitude=longitude)
    assert non_field(refusal(region)) == [BOTH_COORDINATES]
    assert not PartnerRegion.objects.filter(code=region.code).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(("latitude", "longitude"), [(Decimal("47.68750"), None), (None, Decimal("17.65040"))])
def test_one_coordinate_alone_is_refused_by_the_database(latitude, longitude):
    with refused_by_database("partners_region_coordinates_valid", PartnerRegion):
        PartnerRegionFactory(latitude=latitude, longitude=longitude)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("latitude", "longitude"),
    [
        (Decimal("91"), Decimal("10")),
        (Decimal("-90.00001"), Decimal("10")),
        (Decimal("45"), Decimal("180.5")),
        (Decimal("45"), Decimal("-181")),
    ],
)
def test_coordinates_out_of_range_are_refused(latitude, longitude):
    region = PartnerRegionFactory.build(latitude=latitude, longitude=longitude)
    assert non_field(refusal(region)) == [COORDINATE_RANGE]
    with refused_by_database("partners_region_coordinates_valid", PartnerRegion, HistoricalPartnerRegion):
        PartnerRegion.objects.create(code="x", name_da="X", name_en="X", country="HU", kind="strategic",
                                     latitude=latitude, longitude=longitude)


def test_moving_a_seat_off_the_globe_by_update_is_refused(starting_data):
    with refused_by_database("partners_region_coordinates_valid", PartnerRegion):
        PartnerRegion.objects.filter(code="shanghai").update(latitude=Decimal("91"))
    assert PartnerRegion.objects.get(code="shanghai").latitude == Decimal("31.23040")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("latitude", "longitude"),
    [(None, None), (Decimal("90"), Decimal("180")), (Decimal("-90"), Decimal("-180")), (Decimal("0"), Decimal("0"))],
)
def test_valid_coordinates_are_accepted(latitude, longitude):
    region = PartnerRegionFactory.build(latitude=latitude, longitude=longitude)
    region.full_clean()
    region.save()
    assert PartnerRegion.objects.filter(code=region.code).count() == 1


def test_starting_data_regions_are_valid(starting_data):
    for region in PartnerRegion.objects.all():
        region.full_clean()


# --- Kind and status -----------------------------------------------------------------------


@pytest.mark.django_db
def test_invalid_kind_is_refused():
    region = PartnerRegionFactory.build(kind="twinning")
    assert list(refusal(region)) == ["kind"]
    with refused_by_database("partners_region_kind_valid", PartnerRegion, HistoricalPartnerRegion):
        PartnerRegion.objects.create(code="x", name_da="X", name_en="X", country="HU", kind="twinning")


def test_invalid_region_status_is_refused_by_the_database(starting_data):
    with refused_by_database("partners_region_status_valid", PartnerRegion):
        PartnerRegion.objects.filter(code="shanghai").update(status="dormant")
    assert PartnerRegion.objects.get(code="shanghai").status == PartnerRegion.Status.ACTIVE


# --- Status decisions ---------------------------------------------------------------------


@pytest.mark.django_db
def test_same_decision_on_the_same_day_is_refused():
    first = StatusDecisionFactory(decided_on=D(2013, 3, 19), status="ended")
    second = StatusDecisionFactory.build(region=first.region, decided_on=D(2013, 3, 19), status="ended",
                                         reference="Samme møde, igen")
    assert non_field(refusal(second)) == [DECISION_ONCE]
    with refused_by_database("partners_decision_once_a_day", StatusDecision):
        StatusDecision.objects.bulk_create([second])


@pytest.mark.django_db
def test_other_decisions_on_the_same_day_are_allowed():
    first = StatusDecisionFactory(decided_on=D(2013, 3, 19), status="active")
    other_region = PartnerRegionFactory()
    for region, decided_on, status in [
        (first.region, D(2013, 3, 19), "paused"),  # another status
        (first.region, D(2013, 3, 20), "active"),  # another day
        (other_region, D(2013, 3, 19), "active"),  # another region
    ]:
        decision = StatusDecisionFactory.build(region=region, decided_on=decided_on, status=status)
        decision.full_clean()
        decision.save()
    assert StatusDecision.objects.filter(region__in=[first.region, other_region]).count() == 4


@pytest.mark.django_db
def test_invalid_decision_status_is_refused():
    region = PartnerRegionFactory()
    decision = StatusDecisionFactory.build(region=region, status="dormant")
    assert list(refusal(decision)) == ["status"]
    with refused_by_database("partners_decision_status_valid", StatusDecision):
        StatusDecision.objects.create(region=region, decided_on=D(2013, 3, 19), status="dormant", reference="x")


@pytest.fixture
def secretary(db):
    return UserFactory(username="international-office")


@pytest.mark.django_db
def test_record_status_decision_sets_the_status_and_writes_an_audit_event(secretary):
    region = PartnerRegionFactory(name_da="Shanghai", name_en="Shanghai")
    assert (region.status, region.status_changed_on) == (PartnerRegion.Status.UNDER_CONSIDERATION, None)

    decision = record_status_decision(region=region, status="active", decided_on=D(2013, 3, 19),
                                      reference="Regionsrådet 19-03-2013", by=secretary)

    assert decision.pk and decision.recorded_by == secretary
    assert (region.status, region.status_changed_on) == ("active", D(2013, 3, 19))
    region.refresh_from_db()
    assert (region.status, region.status_changed_on) == ("active", D(2013, 3, 19))
    event = Event.objects.get()
    assert event.action == Event.Action.CREATE
    assert (event.object_type, event.object_id) == ("partners.StatusDecision", str(decision.pk))
    assert (event.user, event.username) == (secretary, "international-office")
    assert "Shanghai" in event.detail and "Regionsrådet 19-03-2013" in event.detail


@pytest.mark.django_db
def test_an_older_decision_does_not_change_the_current_status(secretary):
    region = PartnerRegionFactory()
    record_status_decision(region=region, status="ended", decided_on=D(2013, 3, 19), reference="2013", by=secretary)
    record_status_decision(region=region, status="active", decided_on=D(2008, 11, 20), reference="2008", by=secretary)

    region.refresh_from_db()
    assert (region.status, region.status_changed_on) == ("ended", D(2013, 3, 19))
    assert region.status_decisions.count() == 2
    assert Event.objects.count() == 2

    record_status_decision(region=region, status="active", decided_on=D(2024, 5, 1), reference="2024", by=secretary)
    region.refresh_from_db()
    assert (region.status, region.status_changed_on) == ("active", D(2024, 5, 1))


def test_an_older_decision_on_a_starting_data_region(starting_data):
    silesia = PartnerRegion.objects.get(code="nedre-schlesien")
    assert (silesia.status, silesia.status_changed_on) == ("ended", D(2013, 3, 13))
    record_status_decision(region=silesia, status="active", decided_on=D(2001, 6, 1),
                           reference="Aftale med Ringkøbing Amt 2001")
    silesia.refresh_from_db()
    assert (silesia.status, silesia.status_changed_on) == ("ended", D(2013, 3, 13))


@pytest.mark.django_db
def test_the_later_recorded_of_two_decisions_on_one_day_wins():
    region = PartnerRegionFactory()
    record_status_decision(region=region, status="under_consideration", decided_on=D(2013, 3, 19), reference="a")
    record_status_decision(region=region, status="paused", decided_on=D(2013, 3, 19), reference="b")
    region.refresh_from_db()
    assert region.status == "paused"


@pytest.mark.django_db
def test_record_status_decision_refuses_a_duplicate_and_changes_nothing(secretary):
    region = PartnerRegionFactory()
    record_status_decision(region=region, status="active", decided_on=D(2013, 3, 19), reference="a", by=secretary)
    with override("en"), pytest.raises(ValidationError) as caught:
        record_status_decision(region=region, status="active", decided_on=D(2013, 3, 19), reference="b", by=secretary)
    with override("en"):
        assert caught.value.messages == [DECISION_ONCE]
    assert region.status_decisions.count() == 1
    assert Event.objects.count() == 1


@pytest.mark.django_db
def test_record_status_decision_refuses_an_invalid_status():
    region = PartnerRegionFactory()
    with pytest.raises(ValidationError) as caught:
        record_status_decision(region=region, status="dormant", decided_on=D(2013, 3, 19), reference="a")
    assert list(caught.value.message_dict) == ["status"]
    region.refresh_from_db()
    assert region.status == PartnerRegion.Status.UNDER_CONSIDERATION
    assert not region.status_decisions.exists()
    assert Event.objects.count() == 0


# --- The same refusals in Danish, the interface's default language ------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda: PartnerRegionFactory.build(name_da="", name_en=""),
         "Angiv det danske og det engelske navn, eller markér navnet som endnu ukendt."),
        (lambda: PartnerRegionFactory.build(latitude=Decimal("50"), longitude=None),
         "Angiv både breddegrad (-90 til 90) og længdegrad (-180 til 180) eller ingen af dem."),
        (lambda: PartnerRegionFactory.build(latitude=Decimal("91"), longitude=Decimal("10")),
         "Angiv både breddegrad (-90 til 90) og længdegrad (-180 til 180) eller ingen af dem."),
        (lambda: StatusDecisionFactory.build(region=StatusDecisionFactory(decided_on=D(2013, 3, 19)).region,
                                             decided_on=D(2013, 3, 19)),
         "Denne beslutning er allerede registreret for den dag."),
    ],
    ids=["names", "one-coordinate", "coordinate-range", "decision-once"],
)
def test_refusals_are_explained_in_danish(make, expected):
    assert refusal(make(), language="da") == {NON_FIELD_ERRORS: [expected]}


def test_unnamed_region_says_so_in_danish(starting_data):
    romania = PartnerRegion.objects.get(code="rumaensk-venskabsregion")
    with override("da"):
        assert str(romania) == "Unavngiven region i Rumænien"
