"""The strategy's real starting data, from the regional council's 2013 group strategy for
internationalisation, its press release of 19 March 2013, and public facts about the partner
regions, offices and council terms.

Loading is idempotent and never overwrites: a row that exists (by its code) is left as an
administrator may have edited it.
"""

import datetime

from django.db import transaction

from accounts.roles import ensure_role_groups
from actionplans.models import CouncilTerm, Election, rule_election_date, rule_term_dates
from partners.models import Field, Office, PartnerRegion, StatusDecision, StrategicTrack
from partners.services import sync_status
from strategy.models import Area, CoordinationPartner, FundingSource, Purpose, Strategy, SupportedPlan, Value

D = datetime.date

# The council's decision on the partner regions in March 2013, as given by the press release.
DECISION_2013 = D(2013, 3, 19)
REFERENCE_2013 = "Regionsrådets vedtagelse af koncernstrategien for internationalisering, marts 2013 (pressemeddelelse 19-03-2013)"

STRATEGY = {
    "title_da": "Koncernstrategi for internationalisering",
    "title_en": "Group strategy for internationalisation",
    "adopted_on": DECISION_2013,
    "international_name": "Central Denmark Region",
    "vision_da": "Region Midtjylland skal i 2030 være en international vækstregion i et sammenhængende Danmark.",
    "vision_en": "In 2030, Central Denmark Region is an international growth region in a cohesive Denmark.",
    "summary_da": (
        "Det internationale samarbejde skal være et strategisk værktøj til fornyelse og innovation i Sundhed, "
        "Psykiatri og Social (Velfærd), Stabe samt Regional Udvikling gennem gensidigt og udbytterigt samarbejde "
        "med internationale samarbejdspartnere. De konkrete mål og indsatser udmøntes i internationale "
        "handlingsplaner, som justeres løbende og revideres hvert 4. år i forbindelse med nyvalg til regionsrådet."
    ),
    "summary_en": (
        "International cooperation is a strategic tool for renewal and innovation in Health, Psychiatry and Social "
        "(Welfare), Staff functions and Regional Development, through mutual and rewarding cooperation with "
        "international partners. The concrete goals and initiatives are set out in international action plans, "
        "which are adjusted continuously and revised every fourth year with the new regional council."
    ),
}

AREAS = [
    ("sundhed", "Sundhed", "Health"),
    ("psykiatri-og-social", "Psykiatri og Social (Velfærd)", "Psychiatry and Social (Welfare)"),
    ("stabe", "Stabe", "Staff functions"),
    ("regional-udvikling", "Regional Udvikling", "Regional Development"),
]

PURPOSES = [
    (1, "Udvikling og vækst", "Development and growth",
     "At styrke udvikling og vækst i virksomheder og organisationer i Region Midtjylland gennem internationalt arbejde.",
     "To strengthen development and growth in companies and organisations in the region through international work."),
    (2, "Højt fagligt niveau", "High professional level",
     "At sikre et højt fagligt niveau blandt medarbejderne og sikre, at ydelserne fra Region Midtjylland er på et "
     "højt internationalt niveau.",
     "To ensure a high professional level among employees and services at a high international level."),
    (3, "Gensidig forståelse", "Mutual understanding",
     "At styrke gensidig forståelse gennem samarbejde på tværs af grænser.",
     "To strengthen mutual understanding through cooperation across borders."),
    (4, "Politisk indflydelse", "Political influence",
     "At sikre Region Midtjylland politisk indflydelse i organisationer, som arbejder med regionale "
     "problemstillinger på europæisk niveau.",
     "To secure political influence in organisations that work on regional issues at European level."),
]

VALUES = [
    ("dialog", "Dialog", "Dialogue",
     "Indgå i dialog med internationale samarbejdspartnere og gennem gensidig udveksling af erfaringer og viden "
     "skabe innovation og udvikle en høj faglighed på alle fagområder.",
     "Enter into dialogue with international partners and, through mutual exchange of experience and knowledge, "
     "create innovation and a high professional level in every field."),
    ("dygtighed", "Dygtighed", "Skill",
     "Stræbe efter at være internationalt anerkendt på vores arbejdsområder og lære af de bedste i verden.",
     "Strive to be internationally recognised in our areas of work and learn from the best in the world."),
    ("dristighed", "Dristighed", "Daring",
     "Have modet til at skille sig ud gennem nye og innovative tiltag – også internationalt.",
     "Have the courage to stand out through new and innovative initiatives – internationally too."),
]

OFFICES = [
    {"code": "bruxelles", "name_da": "Midtjyllands EU-kontor i Bruxelles", "name_en": "Central Denmark EU Office, Brussels",
     "city": "Bruxelles", "country": "BE",
     "description_da": "Regionens platform i Bruxelles, delt med kommunerne i regionen.",
     "description_en": "The region's platform in Brussels, shared with the municipalities of the region."},
    {"code": "budapest", "name_da": "Budapest-kontoret (kontor for Central- og Østeuropa)",
     "name_en": "Budapest office (Office for Central and Eastern Europe)", "city": "Budapest", "country": "HU",
     "opened_year": 1998,
     "description_da": "Har siden 1998 hjulpet mere end 300 organisationer med projekter i Tjekkiet, Slovakiet, "
                       "Ungarn og Rumænien.",
     "description_en": "Since 1998 it has helped more than 300 organisations with projects in Czechia, Slovakia, "
                       "Hungary and Romania."},
    {"code": "shanghai", "name_da": "Shanghai-kontoret", "name_en": "Shanghai office", "city": "Shanghai",
     "country": "CN", "opened_year": 2006,
     "description_da": "Regionens kontor i Shanghai siden 2006.",
     "description_en": "The region's office in Shanghai since 2006."},
]

FIELDS = [
    ("sundhed", "Sundhed", "Health"),
    ("rehabilitering", "Rehabilitering", "Rehabilitation"),
    ("uddannelse", "Uddannelse", "Education"),
    ("energi-og-miljoe", "Energi og miljø", "Energy and environment"),
]
ALL_FIELDS = [code for code, _da, _en in FIELDS]

# (region, status decisions as (date, status, reference)). Coordinates are the seats, as editable values.
PARTNER_REGIONS = [
    ({"code": "shanghai", "name_native": "上海市", "name_da": "Shanghai", "name_en": "Shanghai", "country": "CN",
      "kind": "strategic", "office": "shanghai", "cooperation_since": 2003,
      "latitude": "31.23040", "longitude": "121.47370",
      "fact_sheet_da": "Venskabsregionsaftale siden 2003. Regionen har haft kontor i Shanghai siden 2006. "
                       "Det strategiske samarbejde blev fastholdt af regionsrådet i marts 2013.",
      "fact_sheet_en": "Sister-region agreement since 2003. The region has had an office in Shanghai since 2006. "
                       "The council kept the strategic cooperation in March 2013."},
     ALL_FIELDS, [(DECISION_2013, "active", REFERENCE_2013)]),
    ({"code": "gyor-moson-sopron", "name_native": "Győr-Moson-Sopron vármegye", "name_da": "Győr-Moson-Sopron",
      "name_en": "Győr-Moson-Sopron County", "country": "HU", "kind": "strategic", "office": "budapest",
      "latitude": "47.68750", "longitude": "17.65040",
      "fact_sheet_da": "Amt med sæde i Győr. Samarbejdet er arvet fra det tidligere Viborg Amt; energiaftale i 2009. "
                       "Det strategiske samarbejde blev fastholdt af regionsrådet i marts 2013.",
      "fact_sheet_en": "County with its seat in Győr. The cooperation was inherited from the former Viborg County; "
                       "energy agreement in 2009. The council kept the strategic cooperation in March 2013."},
     ALL_FIELDS, [(DECISION_2013, "active", REFERENCE_2013)]),
    ({"code": "bacs-kiskun", "name_native": "Bács-Kiskun vármegye", "name_da": "Bács-Kiskun",
      "name_en": "Bács-Kiskun County", "country": "HU", "kind": "strategic", "office": "budapest",
      "cooperation_since": 1991, "latitude": "46.90618", "longitude": "19.69128",
      "fact_sheet_da": "Amt med sæde i Kecskemét. Aftale med Viborg Amt siden 1991; energiaftale i 2009. "
                       "Det strategiske samarbejde blev fastholdt af regionsrådet i marts 2013.",
      "fact_sheet_en": "County with its seat in Kecskemét. Agreement with Viborg County since 1991; energy agreement "
                       "in 2009. The council kept the strategic cooperation in March 2013."},
     ALL_FIELDS, [(DECISION_2013, "active", REFERENCE_2013)]),
    ({"code": "nedre-schlesien", "name_native": "Województwo dolnośląskie", "name_da": "Nedre Schlesien",
      "name_en": "Lower Silesia", "country": "PL", "kind": "friendship", "cooperation_since": 2008,
      "latitude": "51.10789", "longitude": "17.03854",
      "fact_sheet_da": "Voivodskab med hovedstad i Wrocław. Aftale underskrevet 20. november 2008 med rødder i en "
                       "aftale fra 2001 med Ringkøbing Amt. Venskabssamarbejdet blev indstillet af regionsrådet i "
                       "marts 2013.",
      "fact_sheet_en": "Voivodeship with its capital in Wrocław. Agreement signed on 20 November 2008, rooted in a "
                       "2001 agreement of Ringkøbing County. The council ended the friendship cooperation in March "
                       "2013."},
     [], [(D(2008, 11, 20), "active", "Samarbejdsaftale underskrevet 20-11-2008"),
          (DECISION_2013, "ended", REFERENCE_2013)]),
    # No public source names the Romanian friendship region: an administrator completes it.
    ({"code": "rumaensk-venskabsregion", "name_unknown": True, "country": "RO", "kind": "friendship",
      "office": "budapest",
      "fact_sheet_da": "Venskabssamarbejde i Rumænien, indstillet af regionsrådet i marts 2013. Regionens navn "
                       "mangler og skal udfyldes af en administrator.",
      "fact_sheet_en": "Friendship cooperation in Romania, ended by the council in March 2013. The region's name is "
                       "missing and is to be completed by an administrator."},
     [], [(DECISION_2013, "ended", REFERENCE_2013)]),
    ({"code": "leningrad-oblast", "name_native": "Ленинградская область", "name_da": "Leningrad Oblast",
      "name_en": "Leningrad Oblast", "country": "RU", "kind": "strategic",
      "latitude": "59.56510", "longitude": "30.12840",
      "fact_sheet_da": "Samarbejdet blev sat under overvejelse af regionsrådet i marts 2013.",
      "fact_sheet_en": "The council put the cooperation under consideration in March 2013."},
     [], [(DECISION_2013, "under_consideration", REFERENCE_2013)]),
]

TRACKS = [
    {"code": "sundhed", "name_da": "Sundhed", "name_en": "Health", "area": "sundhed",
     "fields": ["sundhed"], "regions": ["shanghai", "gyor-moson-sopron", "bacs-kiskun"]},
    {"code": "rehabilitering", "name_da": "Rehabilitering", "name_en": "Rehabilitation",
     "area": "psykiatri-og-social", "fields": ["rehabilitering"],
     "regions": ["shanghai", "gyor-moson-sopron", "bacs-kiskun"]},
    {"code": "uddannelse", "name_da": "Uddannelse", "name_en": "Education", "area": "regional-udvikling",
     "fields": ["uddannelse"], "regions": ["shanghai", "gyor-moson-sopron", "bacs-kiskun"]},
    {"code": "energi-og-miljoe", "name_da": "Energi og miljø", "name_en": "Energy and environment",
     "area": "regional-udvikling", "fields": ["energi-og-miljoe"],
     "regions": ["shanghai", "gyor-moson-sopron", "bacs-kiskun"]},
]

COORDINATION_PARTNERS = [
    ("eu-kontor-bruxelles", "Midtjyllands EU-kontor i Bruxelles", "Central Denmark EU Office in Brussels"),
    ("au-internationalt-center", "Aarhus Universitets Internationale Center", "Aarhus University's International Centre"),
    ("via-international", "VIA University College's internationale afdeling",
     "VIA University College's international department"),
    ("internationale-elevcenter", "Det Internationale Elevcenter i Herning", "The International Student Centre in Herning"),
]

SUPPORTED_PLANS = [
    ("sundhedsplanen", "Sundhedsplanen", "The health plan", "sundhed", None),
    ("psykiatriplanen", "Psykiatriplanen", "The psychiatry plan", "psykiatri-og-social", None),
    ("regional-udviklingsplan", "Den regionale udviklingsplan", "The regional development plan",
     "regional-udvikling", None),
    # The growth forums were abolished by the business-promotion law of 2019: the strategy ended in 2018.
    ("vaekstforum-erhvervsudviklingsstrategi", "Vækstforums erhvervsudviklingsstrategi",
     "The Growth Forum's business development strategy", "regional-udvikling", D(2019, 1, 1)),
]

FUNDING_SOURCES = [
    ("eu-forskning-og-udvikling", "EU-midler til forskning og udvikling", "EU research and development funds"),
    ("eu-strukturfonde", "EU's strukturfondsmidler", "EU structural funds"),
    ("interreg", "Interreg-midler", "Interreg"),
]

# The regions exist from 1 January 2007: the council elected in 2005 served 2006 as a preparatory
# committee, so its first real term ran 2007–2009.
DEVIATING_TERMS = {
    2005: (D(2007, 1, 1), D(2009, 12, 31),
           "Regionerne blev oprettet 1. januar 2007; regionsrådet valgt i 2005 var forberedelsesudvalg i 2006."),
}
LAST_ELECTION_YEAR = 2029


def load_starting_data() -> dict[str, int]:
    """Create whatever of the starting data is missing. Returns how many rows were created per kind."""
    created = {}
    with transaction.atomic():
        ensure_role_groups()
        created["strategy"] = _get_or_create(Strategy, {"singleton": True}, STRATEGY)
        created["areas"] = sum(_get_or_create(Area, {"code": c}, {"name_da": da, "name_en": en, "position": i})
                               for i, (c, da, en) in enumerate(AREAS))
        created["purposes"] = sum(
            _get_or_create(Purpose, {"number": n}, {"name_da": da, "name_en": en, "description_da": dda,
                                                   "description_en": den})
            for n, da, en, dda, den in PURPOSES)
        created["values"] = sum(
            _get_or_create(Value, {"code": c}, {"name_da": da, "name_en": en, "description_da": dda,
                                                "description_en": den, "position": i})
            for i, (c, da, en, dda, den) in enumerate(VALUES))
        created["offices"] = sum(_get_or_create(Office, {"code": o["code"]}, o) for o in OFFICES)
        created["fields"] = sum(_get_or_create(Field, {"code": c}, {"name_da": da, "name_en": en})
                                for c, da, en in FIELDS)
        created["partner_regions"] = sum(_load_region(*entry) for entry in PARTNER_REGIONS)
        created["tracks"] = sum(_load_track(track) for track in TRACKS)
        created["coordination_partners"] = sum(
            _get_or_create(CoordinationPartner, {"code": c}, {"name_da": da, "name_en": en})
            for c, da, en in COORDINATION_PARTNERS)
        created["supported_plans"] = sum(
            _get_or_create(SupportedPlan, {"code": c}, {"name_da": da, "name_en": en,
                                                        "area": Area.objects.get(code=area), "retired_on": retired})
            for c, da, en, area, retired in SUPPORTED_PLANS)
        created["funding_sources"] = sum(_get_or_create(FundingSource, {"code": c}, {"name_da": da, "name_en": en})
                                         for c, da, en in FUNDING_SOURCES)
        created["council_terms"] = _load_election_calendar()
    return created


def _get_or_create(model, lookup: dict, defaults: dict) -> int:
    _obj, was_created = model.objects.get_or_create(**lookup, defaults=defaults)
    return int(was_created)


def _load_region(data: dict, field_codes: list[str], decisions: list) -> int:
    data = dict(data)
    office = data.pop("office", None)
    if office:
        data["office"] = Office.objects.get(code=office)
    region, was_created = PartnerRegion.objects.get_or_create(code=data["code"], defaults=data)
    if was_created:
        region.fields.set(Field.objects.filter(code__in=field_codes))
        for decided_on, status, reference in decisions:
            StatusDecision.objects.create(region=region, decided_on=decided_on, status=status, reference=reference)
        sync_status(region=region)
    return int(was_created)


def _load_track(data: dict) -> int:
    track, was_created = StrategicTrack.objects.get_or_create(
        code=data["code"],
        defaults={"name_da": data["name_da"], "name_en": data["name_en"], "area": Area.objects.get(code=data["area"])},
    )
    if was_created:
        track.fields.set(Field.objects.filter(code__in=data["fields"]))
        track.partner_regions.set(PartnerRegion.objects.filter(code__in=data["regions"]))
    return int(was_created)


def _load_election_calendar() -> int:
    created = 0
    for year in range(2005, LAST_ELECTION_YEAR + 1, 4):
        held_on = rule_election_date(year)
        election, _new = Election.objects.get_or_create(held_on=held_on)
        if year in DEVIATING_TERMS:
            starts_on, ends_on, note = DEVIATING_TERMS[year]
        else:
            (starts_on, ends_on), note = rule_term_dates(held_on), ""
        _term, was_created = CouncilTerm.objects.get_or_create(
            election=election, defaults={"starts_on": starts_on, "ends_on": ends_on, "note": note})
        created += int(was_created)
    return created
