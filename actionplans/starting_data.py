"""The council elections and terms since the regions began (2005 onwards), by the election rule and
its one deviation. Loading is idempotent and never overwrites (see strategy.starting_data)."""

from actionplans.models import CouncilTerm, Election, rule_election_date, rule_term_dates
from strategy.starting_data import D

# The regions exist from 1 January 2007: the council elected in 2005 served 2006 as a preparatory
# committee, so its first real term ran 2007–2009.
DEVIATING_TERMS = {
    2005: (D(2007, 1, 1), D(2009, 12, 31),
           "Regionerne blev oprettet 1. januar 2007; regionsrådet valgt i 2005 var forberedelsesudvalg i 2006."),
}
LAST_ELECTION_YEAR = 2029
# The council's chair per term, by election year, as far as the sources state it: Bent Hansen 2006–2017 and
# Anders Kühnau 2018–2025. Later terms stay blank ("not stated in the sources").
CHAIRS = {2005: "Bent Hansen", 2009: "Bent Hansen", 2013: "Bent Hansen", 2017: "Anders Kühnau",
          2021: "Anders Kühnau"}



def load() -> dict[str, int]:
    return {"council_terms": _load_election_calendar()}


# A database loaded before the terms had a chair gets them by the data migration
# actionplans/migrations/0010_council_term_chair.py.


def _load_election_calendar() -> int:
    created = 0
    for year in range(2005, LAST_ELECTION_YEAR + 1, 4):
        held_on = rule_election_date(year)
        election, _new = Election.objects.get_or_create(held_on=held_on)
        if year in DEVIATING_TERMS:
            starts_on, ends_on, note = DEVIATING_TERMS[year]
        else:
            (starts_on, ends_on), note = rule_term_dates(held_on), ""
        chair = CHAIRS.get(year, "")
        _term, was_created = CouncilTerm.objects.get_or_create(
            election=election, defaults={"starts_on": starts_on, "ends_on": ends_on, "note": note, "chair": chair})
        created += int(was_created)
    return created
