"""The strategy's nine principles: the points the draft strategy (seeds 001, "Koncernstrategi for
internationalisering", section "Internationale muligheder skal skabe fornyelse og innovation gennem strategiske
spor") lists after "det skal sikres"."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from strategy import starting_data as strategy_data
from strategy.models import Principle


def test_the_nine_principles_of_the_draft_strategy_are_loaded_in_its_order(starting_data):
    principles = list(Principle.objects.all())
    assert [p.number for p in principles] == list(range(1, 10))
    # Source: the draft strategy, the list after "det skal sikres:".
    starts = ["at internationalisering er en integreret del af den måde, Region Midtjylland arbejder på",
              "at den internationale dimension er en del af strategierne og handlingsplanerne for alle områder",
              "at den faglige kvalitet i det internationale arbejde er afgørende",
              "at regionsrådet gennem aktiv deltagelse i europæiske og internationale organisationer søger politisk",
              "at Region Midtjyllands internationale arbejde koordineres i størst muligt omfang",
              "at EU-midler til forskning og udvikling samt EU's strukturfondsmidler, herunder Interreg-midler",
              "at relevante medarbejdere i alle afdelinger i administrationen og på hospitaler og institutioner",
              "at Region Midtjylland – hvor det giver mening - skal samarbejde med andre regioner, kommuner",
              "at Region Midtjylland bliver en vigtig samarbejdspartner vedrørende internationalt samarbejde"]
    for principle, start in zip(principles, starts, strict=True):
        assert principle.text_da.startswith(start), principle.number
        assert principle.text_en and principle.name_da and principle.name_en
    # Source: the draft strategy names the four coordination partners in principle 5 word for word.
    assert principles[4].text_da.endswith(
        "Midtjyllands EU-kontor i Bruxelles, Aarhus Universitets Internationale Center, VIA University College's "
        "internationale afdeling samt det Internationale Elevcenter i Herning")
    assert principles[8].text_da.endswith("for alle øvrige aktører i regionen")


def test_each_principle_is_one_bullet_of_the_source():
    """Source: the draft strategy; each text is a bullet as it stands there, without the list's closing comma."""
    for number, _da, _en, text_da, text_en in strategy_data.PRINCIPLES:
        assert text_da.startswith("at ") and not text_da.endswith((",", ".")), number
        assert text_en.startswith("that "), number


def test_loading_again_keeps_an_edited_principle(starting_data):
    Principle.objects.filter(number=3).update(name_en="Quality first")
    assert strategy_data.load()["principles"] == 0
    assert Principle.objects.get(number=3).name_en == "Quality first"


def test_a_principle_has_a_positive_unique_number(starting_data):
    with pytest.raises(ValidationError):
        Principle(number=0, name_da="x", name_en="x", text_da="x", text_en="x").full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        Principle.objects.create(number=0, name_da="x", name_en="x", text_da="x", text_en="x")
    with pytest.raises(IntegrityError), transaction.atomic():
        Principle.objects.create(number=1, name_da="x", name_en="x", text_da="x", text_en="x")


def test_the_strategy_page_shows_the_principles_in_both_languages(client, council_member):
    client.force_login(council_member)
    page = client.get("/strategy/").content.decode()
    assert "Principper" in page and "Gennem det internationale samarbejde skal det sikres:" in page
    assert "at relevante medarbejdere i alle afdelinger i administrationen" in page
    page = client.get("/en/strategy/").content.decode()
    assert "that relevant staff in every department of the administration" in page
    assert page.count("<li value=") == 9
