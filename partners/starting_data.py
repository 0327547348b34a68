"""The partner regions, offices, fields of cooperation and strategic tracks of the 2013 strategy, with
the council's dated decisions, from the press release and public facts about the regions.

Loading is idempotent and never overwrites (see strategy.starting_data)."""

from partners.models import Field, Office, PartnerRegion, StatusDecision, StrategicTrack
from partners.services import sync_status
from strategy.models import Area
from strategy.starting_data import DECISION_2013, REFERENCE_2013, D, get_or_create

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


def load() -> dict[str, int]:
    created = {"offices": sum(get_or_create(Office, {"code": o["code"]}, o) for o in OFFICES)}
    created["fields"] = sum(get_or_create(Field, {"code": c}, {"name_da": da, "name_en": en}) for c, da, en in FIELDS)
    created["partner_regions"] = sum(_load_region(*entry) for entry in PARTNER_REGIONS)
    created["tracks"] = sum(_load_track(track) for track in TRACKS)
    return created


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
