import pytest

from accounts.roles import Role
from actionplans.models import CouncilTerm
from partners.models import PartnerRegion
from strategy.models import Area, Purpose, SupportedPlan, Value
from strategy_portal.starting_data import load_starting_data


def _snapshot():
    from django.apps import apps

    return {m._meta.label: m.objects.count() for m in apps.get_models()}


@pytest.mark.django_db
def test_loading_twice_changes_nothing():
    load_starting_data()
    before = _snapshot()
    second = load_starting_data()
    assert sum(second.values()) == 0
    assert _snapshot() == before


@pytest.mark.django_db
def test_loading_keeps_an_administrators_edit():
    load_starting_data()
    PartnerRegion.objects.filter(code="shanghai").update(latitude="31.00000")
    load_starting_data()
    assert str(PartnerRegion.objects.get(code="shanghai").latitude) == "31.00000"


def test_partner_statuses_of_march_2013(starting_data):
    statuses = dict(PartnerRegion.objects.values_list("code", "status"))
    assert statuses == {
        "shanghai": "active",
        "gyor-moson-sopron": "active",
        "bacs-kiskun": "active",
        "nedre-schlesien": "ended",
        "rumaensk-venskabsregion": "ended",
        "leningrad-oblast": "under_consideration",
    }
    kinds = dict(PartnerRegion.objects.values_list("code", "kind"))
    assert kinds["nedre-schlesien"] == kinds["rumaensk-venskabsregion"] == "friendship"
    assert kinds["shanghai"] == "strategic"


def test_the_romanian_region_is_marked_unnamed_not_invented(starting_data):
    romania = PartnerRegion.objects.get(country="RO")
    assert romania.name_unknown
    assert romania.name_da == romania.name_en == romania.name_native == ""


def test_lower_silesia_has_its_dated_history(starting_data):
    region = PartnerRegion.objects.get(code="nedre-schlesien")
    history = list(region.status_decisions.order_by("decided_on").values_list("decided_on", "status"))
    assert [(d.isoformat(), s) for d, s in history] == [("2008-11-20", "active"), ("2013-03-13", "ended")]
    assert region.status_changed_on.isoformat() == "2013-03-13"


def test_strategy_content(starting_data):
    assert Area.objects.count() == 4
    assert list(Purpose.objects.values_list("number", flat=True)) == [1, 2, 3, 4]
    assert set(Value.objects.values_list("name_da", flat=True)) == {"Dialog", "Dygtighed", "Dristighed"}
    growth_forum = SupportedPlan.objects.get(code="vaekstforum-erhvervsudviklingsstrategi")
    assert growth_forum.retired_on.isoformat() == "2019-01-01"
    assert SupportedPlan.objects.current().count() == 3


def test_election_calendar(starting_data):
    terms = [(t.election.held_on.isoformat(), t.starts_on.isoformat(), t.ends_on.isoformat())
             for t in CouncilTerm.objects.select_related("election")]
    assert terms[0] == ("2005-11-15", "2007-01-01", "2009-12-31")
    assert ("2021-11-16", "2022-01-01", "2025-12-31") in terms
    assert ("2025-11-18", "2026-01-01", "2029-12-31") in terms


def test_role_groups_exist(starting_data):
    from django.contrib.auth.models import Group

    assert set(Group.objects.values_list("name", flat=True)) >= {r.value for r in Role}


@pytest.mark.django_db
def test_loading_corrects_a_database_with_the_earlier_starting_data():
    """A deployed portal holds the earlier starting data: loading brings what is still unchanged to the sourced
    values, keeps what an administrator changed, and changes nothing the second time."""
    from partners.models import Field, Office, StatusDecision, StrategicTrack
    from partners.services import sync_status
    from strategy.models import Strategy

    load_starting_data()
    # Put the earlier values back, as the earlier loader left them.
    Strategy.objects.update(adopted_on="2013-03-19", adopted_on_note_da="", adopted_on_note_en="",
                            source_dated=None, international_office_head="")
    SupportedPlan.objects.filter(code="vaekstforum-erhvervsudviklingsstrategi").update(
        area=Area.objects.get(code="regional-udvikling"))
    Purpose.objects.filter(number=3).update(
        name_da="Gensidig forståelse",
        description_da="At styrke gensidig forståelse gennem samarbejde på tværs af grænser.")
    StatusDecision.objects.filter(decided_on__lt="2013-03-13").delete()
    StatusDecision.objects.filter(date_precision="before").delete()
    StatusDecision.objects.update(decided_on="2013-03-19", note="")
    StatusDecision.objects.filter(region__code="nedre-schlesien", status="active").update(decided_on="2008-11-20")
    regions = {r.code: r for r in PartnerRegion.objects.all()}
    PartnerRegion.objects.filter(code="leningrad-oblast").update(kind="strategic")
    PartnerRegion.objects.filter(code="rumaensk-venskabsregion").update(office=Office.objects.get(code="budapest"))
    shanghai = regions["shanghai"]
    shanghai.fact_sheet_da = shanghai.fact_sheet_da.replace("Søsterregionsaftale", "Venskabsregionsaftale")
    PartnerRegion.objects.filter(pk=shanghai.pk).update(fact_sheet_da=shanghai.fact_sheet_da.split(" Pressemedd")[0])
    for code in ("shanghai", "gyor-moson-sopron", "bacs-kiskun"):
        regions[code].fields.set(Field.objects.all())
    areas = {"sundhed": "sundhed", "rehabilitering": "psykiatri-og-social", "uddannelse": "regional-udvikling",
             "energi-og-miljoe": "regional-udvikling"}
    for track in StrategicTrack.objects.all():
        StrategicTrack.objects.filter(pk=track.pk).update(area=Area.objects.get(code=areas[track.code]))
        track.partner_regions.set([regions["shanghai"], regions["gyor-moson-sopron"], regions["bacs-kiskun"]])
    # An administrator's own change stays.
    StrategicTrack.objects.filter(code="uddannelse").update(area=Area.objects.get(code="stabe"))
    for region in regions.values():
        sync_status(region=region)
    assert PartnerRegion.objects.get(code="shanghai").status_changed_on.isoformat() == "2013-03-19"

    corrected = load_starting_data()

    assert corrected["strategy_corrections"] == 3 and corrected["partner_corrections"] > 0
    strategy = Strategy.objects.get()
    assert (strategy.adopted_on.isoformat(), strategy.source_dated.isoformat()) == ("2013-03-13", "2013-03-19")
    assert strategy.international_office_head == "Niels Erik Andersen"
    assert Purpose.objects.get(number=3).name_da == "Mellempåvirkende forståelse"
    assert SupportedPlan.objects.get(code="vaekstforum-erhvervsudviklingsstrategi").area is None
    shanghai = PartnerRegion.objects.get(code="shanghai")
    assert (shanghai.status_since, shanghai.fact_sheet_da[:19]) == ("2003", "Søsterregionsaftale")
    assert not shanghai.fields.exists()
    assert PartnerRegion.objects.get(code="bacs-kiskun").status_since == "før 13.03.2013"
    assert PartnerRegion.objects.get(code="leningrad-oblast").kind is None
    assert PartnerRegion.objects.get(code="rumaensk-venskabsregion").office is None
    assert not StatusDecision.objects.filter(decided_on="2013-03-19").exists()
    assert StatusDecision.objects.filter(decided_on="2013-03-13", note__contains="»onsdag«").count() == 6
    tracks = {t.code: t.area for t in StrategicTrack.objects.select_related("area")}
    assert (tracks["sundhed"], tracks["uddannelse"].code) == (None, "stabe")
    before = _snapshot()
    assert sum(load_starting_data().values()) == 0
    assert _snapshot() == before
