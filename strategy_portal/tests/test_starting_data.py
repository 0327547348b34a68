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
    assert [(d.isoformat(), s) for d, s in history] == [("2008-11-20", "active"), ("2013-03-19", "ended")]
    assert region.status_changed_on.isoformat() == "2013-03-19"


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
