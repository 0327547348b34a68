"""The strategy's own starting data, from the regional council's 2013 group strategy for
internationalisation and its press release of 19 March 2013: the strategy, areas, purposes, values,
the principles, coordination partners, the regional plans the work supports and funding sources.

Loading is idempotent and never overwrites: a row that exists (by its code) is left as an
administrator may have edited it. strategy_portal.starting_data loads every app's part in order.
"""

import datetime

from strategy.models import (
    Area,
    CoordinationPartner,
    FundingSource,
    Principle,
    Purpose,
    Strategy,
    SupportedPlan,
    Value,
)

D = datetime.date

# The press release is dated Tuesday 19-03-2013 and says the council adopted the strategy "onsdag": the Wednesday
# before, 13-03-2013. The council's decisions on the partner regions were made at the same meeting.
PRESS_RELEASE_2013 = D(2013, 3, 19)
DECISION_2013 = D(2013, 3, 13)
DECISION_2013_NOTE = ("Datoen er udledt af pressemeddelelsen af tirsdag 19-03-2013, som siger, at regionsrådet "
                      "vedtog strategien »onsdag«: onsdagen før, 13-03-2013.")
DECISION_2013_NOTE_EN = ("The date is derived from the press release of Tuesday 19-03-2013, which says that the "
                         "council adopted the strategy \"onsdag\" (Wednesday): the Wednesday before, 13-03-2013.")
REFERENCE_2013 = "Regionsrådets vedtagelse af koncernstrategien for internationalisering, marts 2013 (pressemeddelelse 19-03-2013)"
# Central Denmark Region exists from 1 January 2007; what it inherited from the counties is its own from then.
REGION_FOUNDED = D(2007, 1, 1)
# As quoted by the press release: "kontorchef for Internationalt Kontor Niels Erik Andersen".
INTERNATIONAL_OFFICE_HEAD = "Niels Erik Andersen"

STRATEGY = {
    "title_da": "Koncernstrategi for internationalisering",
    "title_en": "Group strategy for internationalisation",
    "adopted_on": DECISION_2013,
    "adopted_on_note_da": DECISION_2013_NOTE,
    "adopted_on_note_en": DECISION_2013_NOTE_EN,
    "source_dated": PRESS_RELEASE_2013,
    # The strategy's text is the draft's ("Udkast"): the adopted wording is not among the sources.
    "wording": "draft",
    "international_office_head": INTERNATIONAL_OFFICE_HEAD,
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
    # The draft's wording, as it stands there ("mellempåvirkende forståelse"); the English follows DOMAIN's reading.
    (3, "Mellempåvirkende forståelse", "Mutual understanding",
     "At styrke mellempåvirkende forståelse gennem samarbejde på tværs af grænser.",
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

# The nine points the draft strategy says "det skal sikres" (it must be ensured), in its order; the Danish text is
# the source's (without the list's closing comma or full stop), the short names are the portal's labels.
PRINCIPLES = [
    (1, "Integreret i hele virksomheden", "Integrated in all of the region's work",
     "at internationalisering er en integreret del af den måde, Region Midtjylland arbejder på i alle dele af "
     "virksomheden, og således er en integreret del af Sundhedsplanen, Psykiatriplanen og Den regionale "
     "udviklingsplan samt Vækstforums erhvervsudviklingsstrategi",
     "that internationalisation is an integrated part of the way Central Denmark Region works in every part of the "
     "organisation, and so an integrated part of the health plan, the psychiatry plan and the regional development "
     "plan and of the Growth Forum's business development strategy"),
    (2, "Den internationale dimension i alle strategier og planer", "The international dimension in every strategy and plan",
     "at den internationale dimension er en del af strategierne og handlingsplanerne for alle områder i Region "
     "Midtjylland",
     "that the international dimension is part of the strategies and action plans of every area of Central Denmark "
     "Region"),
    (3, "Faglig kvalitet", "Professional quality",
     "at den faglige kvalitet i det internationale arbejde er afgørende, og at de faglige spor varetages af de "
     "relevante områder og afdelinger",
     "that professional quality in the international work is decisive, and that the professional tracks are looked "
     "after by the relevant areas and departments"),
    (4, "Politisk indflydelse gennem europæiske og internationale organisationer",
     "Political influence through European and international organisations",
     "at regionsrådet gennem aktiv deltagelse i europæiske og internationale organisationer søger politisk "
     "indflydelse på den regionale udvikling i Europa og verden",
     "that the regional council, through active participation in European and international organisations, seeks "
     "political influence on regional development in Europe and the world"),
    (5, "Koordinering med tværgående internationale initiativer", "Coordination with cross-cutting international initiatives",
     "at Region Midtjyllands internationale arbejde koordineres i størst muligt omfang med andre tværgående "
     "internationale initiativer som Midtjyllands EU-kontor i Bruxelles, Aarhus Universitets Internationale Center, "
     "VIA University College's internationale afdeling samt det Internationale Elevcenter i Herning",
     "that Central Denmark Region's international work is coordinated as far as possible with other cross-cutting "
     "international initiatives such as the Central Denmark EU Office in Brussels, Aarhus University's International "
     "Centre, VIA University College's international department and the International Student Centre in Herning"),
    (6, "Aktiv brug af EU-midler", "Active use of EU funds",
     "at EU-midler til forskning og udvikling samt EU's strukturfondsmidler, herunder Interreg-midler, anvendes "
     "aktivt til at styrke udviklingen i Region Midtjylland til gavn for borgere, virksomheder, "
     "uddannelsesinstitutioner og offentlige myndigheder",
     "that EU funds for research and development and the EU's structural funds, Interreg included, are used actively "
     "to strengthen development in Central Denmark Region for the benefit of citizens, companies, educational "
     "institutions and public authorities"),
    (7, "Inddragelse af medarbejdere", "Involving staff",
     "at relevante medarbejdere i alle afdelinger i administrationen og på hospitaler og institutioner inddrages i "
     "det internationale arbejde",
     "that relevant staff in every department of the administration and at hospitals and institutions are involved "
     "in the international work"),
    (8, "Samarbejde med andre aktører og synergi", "Working with other actors for synergy",
     "at Region Midtjylland – hvor det giver mening - skal samarbejde med andre regioner, kommuner, virksomheder, "
     "organisationer og ministerier og i størst mulig omfang koordinere den internationale indsats med bredere "
     "regionale, statslige, europæiske og internationale indsatser for at skabe størst mulig synergi",
     "that Central Denmark Region – where it makes sense – works with other regions, municipalities, companies, "
     "organisations and ministries and coordinates its international work as far as possible with wider regional, "
     "national, European and international efforts, for the greatest possible synergy"),
    (9, "Samarbejdspartner for regionens øvrige aktører", "A partner for the region's other actors",
     "at Region Midtjylland bliver en vigtig samarbejdspartner vedrørende internationalt samarbejde for alle øvrige "
     "aktører i regionen",
     "that Central Denmark Region becomes an important partner in international cooperation for every other actor in "
     "the region"),
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
    # The growth forums were abolished by the business-promotion law of 2019: the strategy ended in 2018. The Growth
    # Forum was a body of its own: the sources tie its strategy to none of the region's areas.
    ("vaekstforum-erhvervsudviklingsstrategi", "Vækstforums erhvervsudviklingsstrategi",
     "The Growth Forum's business development strategy", None, D(2019, 1, 1)),
]

FUNDING_SOURCES = [
    ("eu-forskning-og-udvikling", "EU-midler til forskning og udvikling", "EU research and development funds"),
    ("eu-strukturfonde", "EU's strukturfondsmidler", "EU structural funds"),
    ("interreg", "Interreg-midler", "Interreg"),
]


def get_or_create(model, lookup: dict, defaults: dict) -> int:
    """Create the row unless one matches `lookup`; 1 when created. An existing row is left as it is."""
    _obj, was_created = model.objects.get_or_create(**lookup, defaults=defaults)
    return int(was_created)


def load() -> dict[str, int]:
    """Create whatever of the strategy's reference data is missing. Returns how many rows were created per kind."""
    created = {"strategy": get_or_create(Strategy, {"singleton": True}, STRATEGY)}
    created["strategy_corrections"] = correct_earlier_starting_data()
    created["areas"] = sum(get_or_create(Area, {"code": c}, {"name_da": da, "name_en": en, "position": i})
                           for i, (c, da, en) in enumerate(AREAS))
    created["purposes"] = sum(
        get_or_create(Purpose, {"number": n}, {"name_da": da, "name_en": en, "description_da": dda,
                                              "description_en": den})
        for n, da, en, dda, den in PURPOSES)
    created["values"] = sum(
        get_or_create(Value, {"code": c}, {"name_da": da, "name_en": en, "description_da": dda,
                                           "description_en": den, "position": i})
        for i, (c, da, en, dda, den) in enumerate(VALUES))
    created["principles"] = sum(
        get_or_create(Principle, {"number": n}, {"name_da": da, "name_en": en, "text_da": tda, "text_en": ten})
        for n, da, en, tda, ten in PRINCIPLES)
    created["coordination_partners"] = sum(
        get_or_create(CoordinationPartner, {"code": c}, {"name_da": da, "name_en": en})
        for c, da, en in COORDINATION_PARTNERS)
    created["supported_plans"] = sum(
        get_or_create(SupportedPlan, {"code": c}, {"name_da": da, "name_en": en,
                                                   "area": Area.objects.filter(code=area).first(),
                                                   "retired_on": retired})
        for c, da, en, area, retired in SUPPORTED_PLANS)
    created["funding_sources"] = sum(get_or_create(FundingSource, {"code": c}, {"name_da": da, "name_en": en})
                                     for c, da, en in FUNDING_SOURCES)
    return created


# --- Correcting a database loaded with the earlier starting data ------------------------------------------------
# Earlier versions dated the adoption by the press release and showed purpose 3 as "gensidig forståelse". Only
# values still exactly the earlier ones are corrected: what an administrator changed is kept.
EARLIER_PURPOSE_3 = ("Gensidig forståelse", "At styrke gensidig forståelse gennem samarbejde på tværs af grænser.")


def correct_earlier_starting_data() -> int:
    corrected = Strategy.objects.filter(adopted_on=PRESS_RELEASE_2013, source_dated__isnull=True).update(
        adopted_on=DECISION_2013, adopted_on_note_da=DECISION_2013_NOTE, adopted_on_note_en=DECISION_2013_NOTE_EN,
        source_dated=PRESS_RELEASE_2013, international_office_head=INTERNATIONAL_OFFICE_HEAD)
    number, name_da, _en, description_da, _description_en = PURPOSES[2]
    corrected += Purpose.objects.filter(number=number, name_da=EARLIER_PURPOSE_3[0],
                                        description_da=EARLIER_PURPOSE_3[1]).update(
        name_da=name_da, description_da=description_da)
    corrected += SupportedPlan.objects.filter(code="vaekstforum-erhvervsudviklingsstrategi",
                                              area__code="regional-udvikling").update(area=None)
    return corrected
