"""The partner regions, offices, fields of cooperation and strategic tracks of the 2013 strategy, with
the council's dated decisions, from the press release and public facts about the regions.

Loading is idempotent and never overwrites (see strategy.starting_data)."""

from django.db.models import F

from partners.models import DatePrecision, Field, Office, PartnerRegion, StatusDecision, StrategicTrack
from partners.services import sync_status
from strategy.starting_data import DECISION_2013, DECISION_2013_NOTE, REFERENCE_2013, REGION_FOUNDED, D, get_or_create

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

KEPT_FIELDS_NOTE_DA = ("Pressemeddelelsen nævner sundhed, rehabilitering, uddannelse samt energi- og miljøsamarbejde for de "
                       "fastholdte samarbejder med Shanghai og Ungarn under ét, ikke for den enkelte region.")
KEPT_FIELDS_NOTE_EN = ("The press release names health, rehabilitation, education and energy and environment for the kept "
                       "cooperations with Shanghai and Hungary together, not for each region.")
DAY, YEAR, BEFORE = DatePrecision.DAY, DatePrecision.YEAR, DatePrecision.BEFORE
KEPT_2013 = (DECISION_2013, DAY, "active", REFERENCE_2013, "Samarbejdet blev fastholdt. " + DECISION_2013_NOTE)
ENDED_2013 = (DECISION_2013, DAY, "ended", REFERENCE_2013, "Samarbejdet blev indstillet. " + DECISION_2013_NOTE)

# (region, fields of cooperation, status decisions as (date, precision, status, reference, note)). What the sources do
# not state is left blank (a kind, an office, fields) and shown as "not stated in the sources"; a start known only by
# its year, or only as "before" the council's decision of March 2013, keeps that precision. Coordinates are the seats,
# as editable values.
PARTNER_REGIONS = [
    ({"code": "shanghai", "name_native": "上海市", "name_da": "Shanghai", "name_en": "Shanghai", "country": "CN",
      "kind": "strategic", "office": "shanghai", "cooperation_since": 2003,
      "latitude": "31.23040", "longitude": "121.47370",
      "fact_sheet_da": "Søsterregionsaftale siden 2003. Regionen har haft kontor i Shanghai siden 2006. "
                       "Det strategiske samarbejde blev fastholdt af regionsrådet i marts 2013. " + KEPT_FIELDS_NOTE_DA,
      "fact_sheet_en": "Sister-region agreement since 2003. The region has had an office in Shanghai since 2006. "
                       "The council kept the strategic cooperation in March 2013. " + KEPT_FIELDS_NOTE_EN},
     [], [(D(2003, 1, 1), YEAR, "active", "Søsterregionsaftale med Shanghai, 2003",
           "Kilderne giver kun året for aftalen, ikke dagen."),
          KEPT_2013]),
    ({"code": "gyor-moson-sopron", "name_native": "Győr-Moson-Sopron vármegye", "name_da": "Győr-Moson-Sopron",
      "name_en": "Győr-Moson-Sopron County", "country": "HU", "kind": "strategic", "office": "budapest",
      "latitude": "47.68750", "longitude": "17.65040",
      "fact_sheet_da": "Amt med sæde i Győr. Samarbejdet er arvet fra det tidligere Viborg Amt; energiaftale i 2009. "
                       "Det strategiske samarbejde blev fastholdt af regionsrådet i marts 2013. " + KEPT_FIELDS_NOTE_DA,
      "fact_sheet_en": "County with its seat in Győr. The cooperation was inherited from the former Viborg County; "
                       "energy agreement in 2009. The council kept the strategic cooperation in March 2013. "
                       + KEPT_FIELDS_NOTE_EN},
     ["energi-og-miljoe"],
     [(REGION_FOUNDED, DAY, "active", "Arvet fra det tidligere Viborg Amt ved Region Midtjyllands oprettelse",
       "Samarbejdet er arvet fra Viborg Amt. Datoen er regionens første dag (1. januar 2007), ikke en beslutning "
       "i regionsrådet; kilderne giver ikke amtets startdato."),
      KEPT_2013]),
    ({"code": "bacs-kiskun", "name_native": "Bács-Kiskun vármegye", "name_da": "Bács-Kiskun",
      "name_en": "Bács-Kiskun County", "country": "HU", "kind": "strategic", "office": "budapest",
      "cooperation_since": 1991, "latitude": "46.90618", "longitude": "19.69128",
      "fact_sheet_da": "Amt med sæde i Kecskemét. Aftale med Viborg Amt siden 1991; energiaftale i 2009. "
                       "Det strategiske samarbejde blev fastholdt af regionsrådet i marts 2013. " + KEPT_FIELDS_NOTE_DA,
      "fact_sheet_en": "County with its seat in Kecskemét. Agreement with Viborg County since 1991; energy agreement "
                       "in 2009. The council kept the strategic cooperation in March 2013. " + KEPT_FIELDS_NOTE_EN},
     ["energi-og-miljoe"],
     [(DECISION_2013, BEFORE, "active", "Samarbejde før regionsrådets beslutning i marts 2013",
       "Aftale med Viborg Amt siden 1991. Kilderne siger ikke, hvornår samarbejdet gik over til Region Midtjylland."),
      KEPT_2013]),
    ({"code": "nedre-schlesien", "name_native": "Województwo dolnośląskie", "name_da": "Nedre Schlesien",
      "name_en": "Lower Silesia", "country": "PL", "kind": "friendship", "cooperation_since": 2008,
      "latitude": "51.10789", "longitude": "17.03854",
      "fact_sheet_da": "Voivodskab med hovedstad i Wrocław. Aftale underskrevet 20. november 2008 med rødder i en "
                       "aftale fra 2001 med Ringkøbing Amt. Venskabssamarbejdet blev indstillet af regionsrådet i "
                       "marts 2013.",
      "fact_sheet_en": "Voivodeship with its capital in Wrocław. Agreement signed on 20 November 2008, rooted in a "
                       "2001 agreement of Ringkøbing County. The council ended the friendship cooperation in March "
                       "2013."},
     [], [(D(2008, 11, 20), DAY, "active", "Samarbejdsaftale underskrevet 20-11-2008",
           "Med rødder i en aftale fra 2001 med Ringkøbing Amt."),
          ENDED_2013]),
    # No public source names the Romanian friendship region, nor its office: an administrator completes it.
    ({"code": "rumaensk-venskabsregion", "name_unknown": True, "country": "RO", "kind": "friendship",
      "fact_sheet_da": "Venskabssamarbejde i Rumænien, indstillet af regionsrådet i marts 2013. Regionens navn "
                       "mangler og skal udfyldes af en administrator.",
      "fact_sheet_en": "Friendship cooperation in Romania, ended by the council in March 2013. The region's name is "
                       "missing and is to be completed by an administrator."},
     [], [(DECISION_2013, BEFORE, "active", "Venskabssamarbejde før regionsrådets beslutning i marts 2013",
           "Kilderne giver ikke samarbejdets start, kun at det blev indstillet i marts 2013."),
          ENDED_2013]),
    # The sources give no kind for Leningrad Oblast: only that the cooperation is under consideration.
    ({"code": "leningrad-oblast", "name_native": "Ленинградская область", "name_da": "Leningrad Oblast",
      "name_en": "Leningrad Oblast", "country": "RU", "kind": None,
      "latitude": "59.56510", "longitude": "30.12840",
      "fact_sheet_da": "Samarbejdet blev sat under overvejelse af regionsrådet i marts 2013.",
      "fact_sheet_en": "The council put the cooperation under consideration in March 2013."},
     [], [(DECISION_2013, DAY, "under_consideration", REFERENCE_2013,
           "Samarbejdet blev sat under overvejelse. " + DECISION_2013_NOTE)]),
]

# The fields of the kept cooperations, as tracks. The sources name no owning area or department: both stay blank.
# A track's partner regions are those the sources tie to its field (the energy agreements of 2009).
TRACKS = [
    {"code": "sundhed", "name_da": "Sundhed", "name_en": "Health", "fields": ["sundhed"], "regions": []},
    {"code": "rehabilitering", "name_da": "Rehabilitering", "name_en": "Rehabilitation",
     "fields": ["rehabilitering"], "regions": []},
    {"code": "uddannelse", "name_da": "Uddannelse", "name_en": "Education", "fields": ["uddannelse"], "regions": []},
    {"code": "energi-og-miljoe", "name_da": "Energi og miljø", "name_en": "Energy and environment",
     "fields": ["energi-og-miljoe"], "regions": ["gyor-moson-sopron", "bacs-kiskun"]},
]


def load() -> dict[str, int]:
    created = {"offices": sum(get_or_create(Office, {"code": o["code"]}, o) for o in OFFICES)}
    created["fields"] = sum(get_or_create(Field, {"code": c}, {"name_da": da, "name_en": en}) for c, da, en in FIELDS)
    created["partner_regions"] = sum(_load_region(*entry) for entry in PARTNER_REGIONS)
    created["tracks"] = sum(_load_track(track) for track in TRACKS)
    created["partner_corrections"] = correct_earlier_starting_data()
    return created


# --- Correcting a database loaded with the earlier starting data ------------------------------------------------
# Earlier versions of this module dated the council's decisions by the press release (19-03-2013), recorded no
# cooperation before 2013, and stated what the sources do not (a kind, an office, fields, track owners). Only
# values that are still exactly the earlier ones are corrected: what an administrator changed is kept.

EARLIER_DECISION = D(2013, 3, 19)
EARLIER_FIELDS = set(ALL_FIELDS)
EARLIER_OFFICE = {"rumaensk-venskabsregion": "budapest"}
EARLIER_KIND = {"leningrad-oblast": "strategic"}
EARLIER_TRACK_AREAS = {"sundhed": "sundhed", "rehabilitering": "psykiatri-og-social", "uddannelse": "regional-udvikling",
                       "energi-og-miljoe": "regional-udvikling"}
EARLIER_TRACK_REGIONS = {"shanghai", "gyor-moson-sopron", "bacs-kiskun"}


def _earlier_fact_sheet(text: str) -> str:
    return (text.replace(" " + KEPT_FIELDS_NOTE_DA, "").replace(" " + KEPT_FIELDS_NOTE_EN, "")
            .replace("Søsterregionsaftale siden 2003", "Venskabsregionsaftale siden 2003"))


def correct_earlier_starting_data() -> int:
    """Bring the starting rows that still hold an earlier starting value to the sourced one. Returns how many
    rows changed (0 on a database that is already correct)."""
    corrected = 0
    for data, field_codes, decisions in PARTNER_REGIONS:
        region = PartnerRegion.objects.filter(code=data["code"]).first()
        if region is None:
            continue
        changes = {}
        if data["code"] in EARLIER_KIND and region.kind == EARLIER_KIND[data["code"]]:
            changes["kind"] = data["kind"]
        if data["code"] in EARLIER_OFFICE and region.office and region.office.code == EARLIER_OFFICE[data["code"]]:
            changes["office"] = None
        for language in ("da", "en"):
            name, new = f"fact_sheet_{language}", data[f"fact_sheet_{language}"]
            if getattr(region, name) != new and getattr(region, name) == _earlier_fact_sheet(new):
                changes[name] = new
        if {f.code for f in region.fields.all()} == EARLIER_FIELDS:
            region.fields.set(Field.objects.filter(code__in=field_codes))
            changes.setdefault("version", F("version") + 1)
        if changes:
            changes["version"] = F("version") + 1
            PartnerRegion.objects.filter(pk=region.pk).update(**changes)
            corrected += 1
        corrected += _correct_decisions(region, decisions)
    for data in TRACKS:
        track = StrategicTrack.objects.filter(code=data["code"]).select_related("area").first()
        if track is None:
            continue
        changes = {}
        if track.area and track.area.code == EARLIER_TRACK_AREAS[data["code"]]:
            changes["area"] = None
        if {r.code for r in track.partner_regions.all()} == EARLIER_TRACK_REGIONS:
            track.partner_regions.set(PartnerRegion.objects.filter(code__in=data["regions"]))
            changes["version"] = F("version") + 1
        if changes:
            changes["version"] = F("version") + 1
            StrategicTrack.objects.filter(pk=track.pk).update(**changes)
            corrected += 1
    return corrected


def _correct_decisions(region: PartnerRegion, decisions: list) -> int:
    """Move the decisions of March 2013 from the press release's date to the council's, with the note that says
    so, and add the start of a cooperation before 2013 that the earlier data left out."""
    corrected = 0
    for decided_on, precision, status, reference, note in decisions:
        if decided_on == DECISION_2013 and precision == DatePrecision.DAY:
            corrected += StatusDecision.objects.filter(
                region=region, decided_on=EARLIER_DECISION, date_precision=DatePrecision.DAY, status=status,
                reference=reference, note="").update(decided_on=decided_on, note=note)
    started = region.status_decisions.filter(decided_on__lt=DECISION_2013).exists() or region.status_decisions.filter(
        date_precision=DatePrecision.BEFORE).exists()
    for decided_on, precision, status, reference, note in decisions:
        if not started and (decided_on < DECISION_2013 or precision == DatePrecision.BEFORE):
            StatusDecision.objects.create(region=region, decided_on=decided_on, date_precision=precision,
                                          status=status, reference=reference, note=note)
            corrected += 1
        elif decided_on < DECISION_2013:
            corrected += StatusDecision.objects.filter(
                region=region, decided_on=decided_on, date_precision=precision, status=status, reference=reference,
                note="").update(note=note)
    if corrected:
        sync_status(region=region)
    return corrected


def _load_region(data: dict, field_codes: list[str], decisions: list) -> int:
    data = dict(data)
    office = data.pop("office", None)
    if office:
        data["office"] = Office.objects.get(code=office)
    region, was_created = PartnerRegion.objects.get_or_create(code=data["code"], defaults=data)
    if was_created:
        region.fields.set(Field.objects.filter(code__in=field_codes))
        for decided_on, precision, status, reference, note in decisions:
            StatusDecision.objects.create(region=region, decided_on=decided_on, date_precision=precision,
                                          status=status, reference=reference, note=note)
        sync_status(region=region)
    return int(was_created)


def _load_track(data: dict) -> int:
    track, was_created = StrategicTrack.objects.get_or_create(
        code=data["code"],
        defaults={"name_da": data["name_da"], "name_en": data["name_en"]},
    )
    if was_created:
        track.fields.set(Field.objects.filter(code__in=data["fields"]))
        track.partner_regions.set(PartnerRegion.objects.filter(code__in=data["regions"]))
    return int(was_created)
