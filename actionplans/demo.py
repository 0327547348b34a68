"""Example action plans for trying the portal out: one plan in force per area for the council term
before the current one, so that every area's plan is due for revision as the strategy's cycle says.
The goals echo the strategy's aims; the initiatives are examples, marked as such.

And a year of follow-up on them, relative to today so that it stays believable: two closed reporting
rounds (status as of the ends of the last two half-years, their reports frozen) and one open round (as of
the latest month end, deadline ahead) in which some updates are still missing; milestones, some done and
some overdue; and a few indicators with actual values. Every narrative starts with "Demodata:", and every
milestone and indicator says "(demodata)", so each page that shows them says they are examples.
"""

import datetime
from collections import defaultdict
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from actionplans import services
from actionplans.history import changes_now, loading_history
from actionplans.models import (
    ActionPlan,
    Adjustment,
    CouncilTerm,
    Goal,
    Indicator,
    Initiative,
    Milestone,
    ReportingRound,
    StatusUpdate,
)
from partners.models import Office, PartnerRegion, StrategicTrack
from strategy.models import Area, CoordinationPartner, FundingSource, Principle, Purpose, SupportedPlan

SUMMARY = ("Eksempel på en international handlingsplan (demodata), med mål fra koncernstrategien for "
           "internationalisering.")
DEMO_MARK = "Demodata: "

# area code -> [(goal title, purposes, [(initiative title, owner, track, regions, funding)])]
PLANS = {
    "sundhed": [
        ("Internationalisering som integreret del af sundhedsplanen", [2], [
            ("Forskningssamarbejde om sundhed med Shanghai", "Hospitalsenhed Midt", "sundhed", ["shanghai"],
             ["eu-forskning-og-udvikling"]),
            ("Telemedicinsk opfølgning af hjertepatienter i et EU-projekt", "Center for Telemedicin", "sundhed", [],
             ["eu-forskning-og-udvikling"]),
        ]),
        ("Udveksling af personale og viden", [2, 3], [
            ("Personaleudveksling med hospitaler i Győr-Moson-Sopron", "HR Sundhed", "sundhed",
             ["gyor-moson-sopron"], []),
        ]),
    ],
    "psykiatri-og-social": [
        ("Rehabilitering i samarbejde med de bedste", [2, 3], [
            ("Erfaringsudveksling om rehabilitering med Bács-Kiskun", "Socialområdet", "rehabilitering",
             ["bacs-kiskun"], ["interreg"]),
            ("Europæisk netværk om recovery-orienteret psykiatri", "Psykiatrisk Forskningsenhed", "rehabilitering",
             [], []),
        ]),
    ],
    "stabe": [
        ("Politisk indflydelse på europæisk niveau", [4], [
            ("Regionsrådets deltagelse i europæiske regionale netværk", "Regionssekretariatet", None, [], []),
        ]),
        ("Medarbejdere, der kan arbejde internationalt", [2], [
            ("Kursusforløb i EU-fundraising for medarbejdere", "Koncern HR", None, [], []),
        ]),
    ],
    "regional-udvikling": [
        ("Vækst gennem energi- og miljøsamarbejde", [1], [
            ("Energisamarbejde med de ungarske regioner", "Regional Udvikling", "energi-og-miljoe",
             ["gyor-moson-sopron", "bacs-kiskun"], ["interreg", "eu-strukturfonde"]),
            ("Erfaringsudveksling om grøn kollektiv trafik med Győr-Moson-Sopron", "Regional Udvikling",
             "energi-og-miljoe", ["gyor-moson-sopron"], ["interreg"]),
        ]),
        ("Uddannelsessamarbejde på tværs af grænser", [1, 3], [
            ("Uddannelsessamarbejde med Shanghai", "Regional Udvikling", "uddannelse", ["shanghai"], []),
        ]),
    ],
}

# The demo user who reports for each area, and the one who opens and closes the rounds (when they exist).
REPORTERS = {"sundhed": "demo-sundhed", "psykiatri-og-social": "demo-psykiatri", "stabe": "demo-stabe",
             "regional-udvikling": "demo-udvikling"}
ROUND_KEEPER = "demo-international"

# initiative title -> its update in each round: the two closed rounds and the open one, as (status, progress,
# narrative), or None where no update was made (in the open round: still missing).
UPDATES = {
    "Forskningssamarbejde om sundhed med Shanghai": (
        ("on_track", 55, "Fælles forskningsprotokol godkendt af begge hospitaler; de første to ph.d.-studerende "
                         "starter i foråret."),
        ("on_track", 65, "To fælles ansøgninger er sendt til EU's forskningsprogram; svar ventes i efteråret."),
        ("at_risk", 70, "Den ene ansøgning fik afslag. Finansieringen af andet forskningsår er usikker, og "
                        "styregruppen drøfter alternative fonde."),
    ),
    "Telemedicinsk opfølgning af hjertepatienter i et EU-projekt": (
        ("on_track", 20, "Projektet er skudt i gang med partnere fra fem lande; regionen leder arbejdspakken om "
                         "patientinddragelse."),
        ("off_track", 30, "Den polske projektpartner er trådt ud. Pilotafprøvningen kan ikke begynde, før "
                          "konsortiet har fundet en ny partner."),
        ("off_track", 35, "Ny partner er fundet, men ændringen afventer EU-Kommissionens godkendelse. "
                          "Pilotafprøvningen er udskudt et halvt år."),
    ),
    "Personaleudveksling med hospitaler i Győr-Moson-Sopron": (
        ("at_risk", 25, "Få ansøgere til første udvekslingsrunde. Afdelingsledelserne er bedt om at gøre "
                        "opmærksom på muligheden."),
        ("on_track", 40, "Otte sygeplejersker har været udsendt i fire uger, og evalueringen er positiv."),
        None,
    ),
    "Erfaringsudveksling om rehabilitering med Bács-Kiskun": (
        ("on_track", 15, "Studiebesøg i Kecskemét gennemført med 12 deltagere fra botilbud og jobcentre."),
        ("on_track", 35, "Genbesøget er planlagt; to botilbud afprøver en ungarsk metode til træning i "
                         "hverdagsfærdigheder."),
        None,
    ),
    "Europæisk netværk om recovery-orienteret psykiatri": (
        ("at_risk", 10, "Netværkets sekretariat er flyttet til Bruxelles, og mødeplanen for året er endnu ikke "
                        "fastlagt."),
        ("off_track", 10, "Årsmødet blev aflyst. Vi overvejer, om deltagelsen skal fortsætte i næste periode."),
        None,
    ),
    "Regionsrådets deltagelse i europæiske regionale netværk": (
        ("on_track", 50, "Regionen er repræsenteret i to arbejdsgrupper om sundhed og grøn omstilling."),
        ("on_track", 60, "Fælles udtalelse om samhørighedspolitikken efter 2027 vedtaget på netværkets "
                         "generalforsamling."),
        ("on_track", 70, "Høringssvar om samhørighedspolitikken afgivet sammen med de øvrige danske regioner."),
    ),
    "Kursusforløb i EU-fundraising for medarbejdere": (
        ("on_track", 60, "To af tre kursusforløb er afholdt med i alt 41 deltagere."),
        ("completed", 100, "Tredje kursusforløb er afholdt; i alt 64 deltagere. Evalueringen er afsluttet, og "
                           "materialet ligger på intranettet."),
        None,
    ),
    "Energisamarbejde med de ungarske regioner": (
        ("on_track", 65, "Fælles konference om biogas i Győr med 14 virksomheder fra regionen."),
        ("at_risk", 70, "Interreg-ansøgningen er udskudt til næste indkaldelse; partnerne fastholder "
                        "samarbejdet."),
        ("on_track", 75, "Ansøgningen er indsendt i den nye indkaldelse; fire nye virksomheder deltager."),
    ),
    "Erfaringsudveksling om grøn kollektiv trafik med Győr-Moson-Sopron": (
        ("on_track", 10, "Kontakt etableret med trafikselskabet i Győr; fælles arbejdsgruppe nedsat."),
        ("on_track", 25, "Arbejdsgruppen har sammenlignet erfaringer med elbusser i de to regioner."),
        None,
    ),
    "Uddannelsessamarbejde med Shanghai": (
        ("completed", 100, "Udvekslingsaftalen mellem erhvervsskolerne er underskrevet, og de første 20 elever har "
                           "været i Shanghai."),
        None,
        None,
    ),
}

# (initiative title, milestone, round it is reckoned from (0, 1, 2), days from that round's as-of date, the round
# whose update marks it done or None). Not done and due before today: overdue.
MILESTONES = [
    ("Forskningssamarbejde om sundhed med Shanghai", "Forskningsaftale underskrevet", 0, -60, 0),
    ("Forskningssamarbejde om sundhed med Shanghai", "Første fælles artikel indsendt", 1, 30, None),
    ("Telemedicinsk opfølgning af hjertepatienter i et EU-projekt", "Konsortieaftale underskrevet", 0, -20, 1),
    ("Telemedicinsk opfølgning af hjertepatienter i et EU-projekt", "Pilotafprøvning begyndt på to hospitaler",
     1, 14, None),
    ("Personaleudveksling med hospitaler i Győr-Moson-Sopron", "Udvekslingsaftale med hospitalet i Győr", 0, -30,
     0),
    ("Personaleudveksling med hospitaler i Győr-Moson-Sopron", "Anden udvekslingsrunde afsluttet", 2, 75, None),
    ("Erfaringsudveksling om rehabilitering med Bács-Kiskun", "Studiebesøg i Kecskemét", 0, -45, 0),
    ("Erfaringsudveksling om rehabilitering med Bács-Kiskun", "Genbesøg fra Bács-Kiskun", 2, 45, None),
    ("Europæisk netværk om recovery-orienteret psykiatri", "Oplæg på netværkets årsmøde", 1, -30, None),
    ("Regionsrådets deltagelse i europæiske regionale netværk", "Høringssvar om samhørighedspolitikken", 2, -20,
     2),
    ("Kursusforløb i EU-fundraising for medarbejdere", "Tredje kursusforløb afholdt", 1, -15, 1),
    ("Energisamarbejde med de ungarske regioner", "Fælles Interreg-ansøgning indsendt", 1, -20, 2),
    ("Erfaringsudveksling om grøn kollektiv trafik med Győr-Moson-Sopron", "Studietur til Győr om elbusser", 2, 50,
     None),
]

# (initiative title, indicator, unit, baseline, target, the actual value in each round or None)
INDICATORS = [
    ("Personaleudveksling med hospitaler i Győr-Moson-Sopron", "Udsendte medarbejdere", "personer", 0, 40,
     (12, 20, None)),
    ("Energisamarbejde med de ungarske regioner", "Deltagende virksomheder", "virksomheder", 0, 30, (21, 23, 27)),
    ("Regionsrådets deltagelse i europæiske regionale netværk", "Fælles høringssvar med andre regioner",
     "høringssvar", 0, 8, (6, 6, 8)),
]
# Days from the open round's as-of date to the indicators' target date.
TARGET_DAYS = 395


@transaction.atomic
def load_demo_plans() -> int:
    """Create the example plans that are missing. Returns how many plans were created."""
    current = CouncilTerm.objects.current()
    previous = CouncilTerm.objects.filter(starts_on__lt=current.starts_on).last() if current else None
    if previous is None:
        return 0
    created = 0
    for code, goals in PLANS.items():
        area = Area.objects.get(code=code)
        if ActionPlan.objects.filter(area=area).exists():
            continue
        with loading_history():
            _create_plan(area, previous, goals)
        created += 1
    return created


def _create_plan(area, term, goals):
    adopted_on = term.starts_on + datetime.timedelta(days=180)
    plan = ActionPlan.objects.create(area=area, term=term, status=ActionPlan.Status.IN_FORCE, adopted_on=adopted_on,
                                     summary=SUMMARY, version=1)
    for g_position, (title, purposes, initiatives) in enumerate(goals):
        goal = Goal.objects.create(plan=plan, title=title, position=g_position)
        goal.purposes.set(Purpose.objects.filter(number__in=purposes))
        # The principles a demo goal serves follow from its purposes: political influence (4), else the
        # international dimension in every plan (2) and, with EU funding in view, active use of EU funds (6).
        goal.principles.set(Principle.objects.filter(number__in=[4] if 4 in purposes else [2, 6]))
        for i_position, (i_title, owner, track, regions, funding) in enumerate(initiatives):
            initiative = Initiative.objects.create(
                goal=goal, title=i_title, owner=owner, position=i_position,
                track=StrategicTrack.objects.get(code=track) if track else None,
                starts_on=adopted_on, ends_on=term.ends_on,
            )
            initiative.partner_regions.set(PartnerRegion.objects.filter(code__in=regions))
            initiative.funding_sources.set(FundingSource.objects.filter(code__in=funding))
            _link_demo(initiative, regions, funding)
    Adjustment.objects.create(plan=plan, number=1, summary="Vedtaget (demodata)",
                              changes=changes_now(plan.pk, 1))


# The offices that serve the demo's partner regions.
DEMO_OFFICES = {"shanghai": "shanghai", "gyor-moson-sopron": "budapest", "bacs-kiskun": "budapest"}


def _link_demo(initiative, regions, funding) -> None:
    """A demo initiative's kind and what it serves: EU-funded work is an EU project coordinated with the EU office
    in Brussels; other work gathers knowledge from partners. It supports its area's plans still in use."""
    initiative.kind = Initiative.Kind.PROJECTS if funding else Initiative.Kind.KNOWLEDGE
    initiative.save(update_fields=["kind"])
    if funding:
        initiative.coordination_partners.set(CoordinationPartner.objects.filter(code="eu-kontor-bruxelles"))
    initiative.offices.set(Office.objects.filter(code__in={DEMO_OFFICES[r] for r in regions if r in DEMO_OFFICES}))
    initiative.supported_plans.set(SupportedPlan.objects.current().filter(area=initiative.goal.plan.area_id))


# --- A year of follow-up ----------------------------------------------------------------------------------------


def demo_rounds(today: datetime.date) -> list[tuple[datetime.date, datetime.date]]:
    """(as of, deadline) of the demo's rounds, oldest first: the ends of the last two half-years before the open
    round (closed, each a month to report in), and the latest month end (open, its deadline still ahead)."""
    open_as_of = today.replace(day=1) - datetime.timedelta(days=1)
    half_year_ends = [datetime.date(year, month, day) for year in (open_as_of.year - 1, open_as_of.year)
                      for month, day in ((6, 30), (12, 31))]
    closed = [day for day in half_year_ends if day < open_as_of][-2:]
    month = datetime.timedelta(days=30)
    return [(day, day + month) for day in closed] + [(open_as_of, max(open_as_of + month,
                                                                       today + datetime.timedelta(days=14)))]


@transaction.atomic
def load_demo_follow_up() -> int:
    """Add the demo's reporting rounds, status updates, milestones and indicators to the example plans, through the
    services (they check the rules): each round is opened, reported in and, but for the last, closed with its report
    frozen, before the next one opens. Only where nothing has been reported yet: a database that already follows its
    plans up (any reporting round, or updates on the example plans) gets nothing. Returns how many updates were made."""
    initiatives = {i.title: i for i in Initiative.objects.in_force().filter(goal__plan__summary=SUMMARY)
                   .select_related("goal__plan__area")}
    if (not initiatives or ReportingRound.objects.exists()
            or StatusUpdate.objects.filter(initiative__in=initiatives.values()).exists()):
        return 0
    today = timezone.localdate()
    users = {u.username: u for u in User.objects.filter(username__in=[*REPORTERS.values(), ROUND_KEEPER])}
    keeper = users.get(ROUND_KEEPER)
    rounds = demo_rounds(today)
    indicators = _add_indicators(initiatives, keeper, rounds[-1][0] + datetime.timedelta(days=TARGET_DAYS))
    waiting = sorted((rounds[index][0] + datetime.timedelta(days=days), title, name, done)
                     for title, name, index, days, done in MILESTONES if title in initiatives)
    to_tick = defaultdict(list)  # (round index, initiative title) -> the milestones its update marks done
    latest, made = {}, 0
    for index, (as_of, deadline) in enumerate(rounds):
        # A milestone is set before the round in which it falls due, so that no earlier report counts it overdue.
        while waiting and waiting[0][0] <= as_of:
            due_on, title, name, done = waiting.pop(0)
            to_tick[done, title].append(_add_milestone(initiatives[title], name, due_on, keeper))
        reporting_round = services.open_round(as_of=as_of, deadline=deadline, by=keeper)
        for title, story in UPDATES.items():
            if title not in initiatives or story[index] is None:
                continue
            initiative = initiatives[title]
            status, progress, narrative = story[index]
            latest[title] = services.record_status_update(
                initiative=initiative, as_of=as_of, status=status, progress=progress,
                narrative=DEMO_MARK + narrative, seen_update=latest.get(title),
                by=users.get(REPORTERS[initiative.goal.plan.area.code]),
                values={indicator: Decimal(actuals[index]) for indicator, actuals in indicators.get(title, [])
                        if actuals[index] is not None},
                milestones_done=to_tick[index, title]).pk
            made += 1
        if index < len(rounds) - 1:
            reporting_round = services.close_round(reporting_round=reporting_round, by=keeper)
        _date_round(reporting_round, index, today)
    for due_on, title, name, _done in waiting:
        _add_milestone(initiatives[title], name, due_on, keeper)
    return made


def _add_indicators(initiatives, by, target_on) -> dict:
    """The indicators, per initiative title, each with its actual values per round."""
    indicators = defaultdict(list)
    for title, name, unit, baseline, target, actuals in INDICATORS:
        if title in initiatives:
            indicator = services.add_indicator(indicator=Indicator(
                initiative=initiatives[title], name=f"{name} (demodata)", unit=unit, baseline=Decimal(baseline),
                target=Decimal(target), target_on=target_on), by=by)
            indicators[title].append((indicator, actuals))
    return indicators


def _add_milestone(initiative, name, due_on, by) -> Milestone:
    return services.add_milestone(milestone=Milestone(initiative=initiative, title=f"{name} (demodata)",
                                                      due_on=due_on), by=by)


# Reported after the deadline: (round index, initiative title).
LATE = {(0, "Europæisk netværk om recovery-orienteret psykiatri")}
# Days after the as-of date on which the updates of a closed round came in, in turn.
REPORTING_DAYS = (6, 11, 17, 22, 27, 9, 14, 20, 25, 29)


def _date_round(reporting_round, index: int, today: datetime.date):
    """Give a round the dates it would have had: opened the day after its as-of date and, when closed, a few days after
    its deadline with the report made then; its updates came in during the month to report in (the LATE ones after
    it). Loaded as history, since rounds and updates are otherwise never changed."""
    def moment(day, hour):
        return timezone.make_aware(datetime.datetime.combine(min(day, today), datetime.time(hour)))

    days = datetime.timedelta
    changes = {"opened_at": moment(reporting_round.as_of + days(1), 9)}
    with loading_history():
        if not reporting_round.is_open:
            closed_on = min(reporting_round.deadline + days(3), today)
            changes.update(closed_at=moment(closed_on, 12),
                           report={**reporting_round.report, "made_on": closed_on.isoformat()})
            updates = StatusUpdate.objects.filter(round=reporting_round).select_related("initiative").order_by("id")
            for turn, update in enumerate(updates):
                late = (index, update.initiative.title) in LATE
                day = (reporting_round.deadline + days(2) if late
                       else reporting_round.as_of + days(REPORTING_DAYS[turn % len(REPORTING_DAYS)]))
                StatusUpdate.objects.filter(pk=update.pk).update(made_at=moment(day, 10 + turn % 6))
        ReportingRound.objects.filter(pk=reporting_round.pk).update(**changes)
