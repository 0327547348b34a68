"""The strategy's reference data: retiring from a date, names in two languages, the single strategy."""

import datetime

import pytest
from django.utils import timezone
from django.utils.translation import override

from common.testing import refusal, refused_by_database
from partners.models import Office
from strategy.models import Area, FundingSource, Purpose, Strategy, SupportedPlan, in_language
from strategy.tests.factories import AreaFactory, FundingSourceFactory

D = datetime.date
DAY = D(2027, 1, 1)
ONE_DAY = datetime.timedelta(days=1)


# --- Retiring from a date -----------------------------------------------------------------


@pytest.mark.django_db
def test_current_keeps_rows_retired_later_and_drops_rows_retired_on_or_before_the_day():
    never = AreaFactory(code="never", retired_on=None)
    before = AreaFactory(code="before", retired_on=DAY - ONE_DAY)
    on_the_day = AreaFactory(code="on-the-day", retired_on=DAY)
    after = AreaFactory(code="after", retired_on=DAY + ONE_DAY)
    # Only the areas made here: the starting data's areas may be there as well.
    mine = Area.objects.filter(pk__in=[never.pk, before.pk, on_the_day.pk, after.pk])

    assert set(mine.current(on=DAY)) == {never, after}
    assert set(mine.current(on=DAY - ONE_DAY)) == {never, on_the_day, after}
    assert set(mine.current(on=D(2000, 1, 1))) == {never, before, on_the_day, after}
    assert mine.count() == 4  # retired rows stay readable


@pytest.mark.django_db
def test_is_retired_from_its_retirement_date():
    area = AreaFactory(retired_on=DAY)
    assert not area.is_retired(on=DAY - ONE_DAY)
    assert area.is_retired(on=DAY)
    assert area.is_retired(on=DAY + ONE_DAY)
    assert not AreaFactory(retired_on=None).is_retired(on=D(2100, 1, 1))


@pytest.mark.django_db
def test_current_and_is_retired_default_to_today():
    today = timezone.localdate()
    retired_today = FundingSourceFactory(retired_on=today)
    retired_tomorrow = FundingSourceFactory(retired_on=today + ONE_DAY)
    retired_yesterday = FundingSourceFactory(retired_on=today - ONE_DAY)
    mine = FundingSource.objects.filter(pk__in=[retired_today.pk, retired_tomorrow.pk, retired_yesterday.pk])
    assert set(mine.current()) == {retired_tomorrow}
    assert retired_today.is_retired() and retired_yesterday.is_retired()
    assert not retired_tomorrow.is_retired()


def test_growth_forum_strategy_is_retired_from_2019(starting_data):
    growth_forum = SupportedPlan.objects.get(code="vaekstforum-erhvervsudviklingsstrategi")
    assert growth_forum.retired_on == D(2019, 1, 1)
    assert growth_forum in SupportedPlan.objects.current(on=D(2018, 12, 31))
    assert growth_forum not in SupportedPlan.objects.current(on=D(2019, 1, 1))
    assert growth_forum not in SupportedPlan.objects.current()
    assert growth_forum.is_retired() and not growth_forum.is_retired(on=D(2018, 12, 31))
    assert SupportedPlan.objects.current().count() == SupportedPlan.objects.count() - 1


def test_current_works_on_every_retirable_model(starting_data):
    Office.objects.filter(code="budapest").update(retired_on=DAY)
    assert set(Office.objects.current(on=DAY).values_list("code", flat=True)) == {"bruxelles", "shanghai"}
    assert Office.objects.current(on=DAY).filter(code="budapest").count() == 0
    assert Office.objects.filter(code="budapest").exists()


# --- Names in two languages -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "danish", "english", "expected"),
    [
        ("da", "Sundhed", "Health", "Sundhed"),
        ("en", "Sundhed", "Health", "Health"),
        ("en-gb", "Sundhed", "Health", "Health"),
        ("en", "Sundhed", "", "Sundhed"),  # English missing: fall back to Danish
        ("da", "", "Health", "Health"),  # Danish missing: fall back to English
        ("de", "Sundhed", "Health", "Sundhed"),  # any other language gets Danish
        (None, "Sundhed", "Health", "Sundhed"),  # translation deactivated: the default language, Danish
        ("da", "", "", ""),
    ],
)
def test_in_language(language, danish, english, expected):
    with override(language):
        assert in_language(danish, english) == expected


def test_translated_name_follows_the_active_language(starting_data):
    health = Area.objects.get(code="sundhed")
    with override("da"):
        assert health.name == str(health) == "Sundhed"
    with override("en"):
        assert health.name == str(health) == "Health"


def test_translated_name_falls_back_to_the_other_language():
    only_danish = Area(name_da="Stabe", name_en="")
    only_english = Area(name_da="", name_en="Staff functions")
    with override("en"):
        assert only_danish.name == str(only_danish) == "Stabe"
    with override("da"):
        assert only_english.name == str(only_english) == "Staff functions"


def test_strategy_texts_follow_the_active_language(starting_data):
    strategy = Strategy.objects.get()
    with override("da"):
        assert str(strategy) == "Koncernstrategi for internationalisering"
        assert strategy.vision.startswith("Region Midtjylland skal i 2030")
    with override("en"):
        assert str(strategy) == "Group strategy for internationalisation"
        assert strategy.vision.startswith("In 2030, Central Denmark Region")


# --- One strategy -------------------------------------------------------------------------


SECOND_STRATEGY = {
    "title_da": "En anden strategi", "title_en": "Another strategy", "adopted_on": D(2026, 1, 1),
    "international_name": "Central Denmark Region", "vision_da": "x", "vision_en": "x",
}


def test_strategy_is_a_singleton(starting_data):
    assert Strategy.objects.count() == 1
    assert list(refusal(Strategy(**SECOND_STRATEGY))) == ["singleton"]
    with refused_by_database("strategy_strategy_singleton_key", Strategy):
        Strategy.objects.create(**SECOND_STRATEGY)
    with refused_by_database("strategy_strategy_singleton_key", Strategy):
        Strategy.objects.bulk_create([Strategy(**SECOND_STRATEGY)])


@pytest.mark.django_db
def test_a_strategy_that_is_not_the_singleton_is_refused():
    with refused_by_database("strategy_strategy_singleton", Strategy):
        Strategy.objects.create(**SECOND_STRATEGY, singleton=False)


def test_the_strategy_can_be_changed(starting_data):
    strategy = Strategy.objects.get()
    strategy.summary_en = "Changed."
    strategy.full_clean()
    strategy.save()
    assert Strategy.objects.get().summary_en == "Changed."


# --- Purposes -------------------------------------------------------------------------------


def test_purpose_numbers_start_at_1(starting_data):
    purpose = Purpose(number=0, name_da="Nul", name_en="Zero", description_da="x", description_en="x")
    assert refusal(purpose)
    with refused_by_database("strategy_purpose_number_positive", Purpose):
        purpose.save()
    assert list(Purpose.objects.values_list("number", flat=True)) == [1, 2, 3, 4]


def test_purpose_number_0_gets_a_clear_message(starting_data):
    purpose = Purpose(number=0, name_da="Nul", name_en="Zero", description_da="x", description_en="x")
    messages = [m for ms in refusal(purpose).values() for m in ms]
    assert not any("strategy_purpose_number_positive" in m for m in messages)
