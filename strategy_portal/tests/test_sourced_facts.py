"""Each fact of the starting data that a source gives, pinned with the source named: the press release of
19-03-2013 ("press release 19-03-2013"), the draft strategy ("draft strategy") or the product team's reading of
public sources ("DOMAIN"). What no source states stays blank and reads "not stated in the sources"."""

import datetime

from django.urls import reverse

from actionplans.models import CouncilTerm
from partners.models import DatePrecision, PartnerRegion, StatusDecision, StrategicTrack
from strategy.models import CoordinationPartner, Purpose, Strategy, SupportedPlan, Value

D = datetime.date


def _decisions(code):
    region = PartnerRegion.objects.get(code=code)
    return [(d.decided_on, d.date_precision, d.status) for d in region.status_decisions.chronological()]


# --- press release 19-03-2013 ------------------------------------------------------------------------------------

def test_press_release_19_03_2013_the_council_adopted_the_strategy_on_the_wednesday_before(starting_data):
    strategy = Strategy.objects.get()
    # Source: press release 19-03-2013 (a Tuesday): "regionsrådet vedtog onsdag".
    assert strategy.source_dated == D(2013, 3, 19) and strategy.source_dated.weekday() == 1
    assert strategy.adopted_on == D(2013, 3, 13) and strategy.adopted_on.weekday() == 2
    assert "»onsdag«" in strategy.adopted_on_note_da and "19-03-2013" in strategy.adopted_on_note_da
    assert '"onsdag"' in strategy.adopted_on_note_en


def test_press_release_19_03_2013_the_partner_decisions_were_made_at_the_same_meeting(starting_data):
    # Source: press release 19-03-2013: Shanghai and two Hungarian regions kept, Poland and Romania ended,
    # Leningrad Oblast under consideration.
    march_2013 = StatusDecision.objects.filter(date_precision=DatePrecision.DAY, decided_on__year=2013)
    assert {(d.region.code, d.status) for d in march_2013.select_related("region")} == {
        ("shanghai", "active"), ("gyor-moson-sopron", "active"), ("bacs-kiskun", "active"),
        ("nedre-schlesien", "ended"), ("rumaensk-venskabsregion", "ended"),
        ("leningrad-oblast", "under_consideration")}
    assert {d.decided_on for d in march_2013} == {D(2013, 3, 13)}
    assert all("»onsdag«" in d.note and "pressemeddelelse 19-03-2013" in d.reference for d in march_2013)
    assert not StatusDecision.objects.filter(decided_on=D(2013, 3, 19)).exists()


def test_press_release_19_03_2013_the_head_of_the_international_office(starting_data):
    # Source: press release 19-03-2013: "kontorchef for Internationalt Kontor Niels Erik Andersen".
    assert Strategy.objects.get().international_office_head == "Niels Erik Andersen"


def test_press_release_19_03_2013_names_the_fields_for_the_kept_cooperations_together(starting_data):
    # Source: press release 19-03-2013 names health, rehabilitation, education and energy and environment for the
    # cooperation with Shanghai and Hungary together; per region only the energy agreements (DOMAIN) are given.
    fields = {r.code: {f.code for f in r.fields.all()} for r in PartnerRegion.objects.prefetch_related("fields")}
    assert fields == {"shanghai": set(), "gyor-moson-sopron": {"energi-og-miljoe"},
                      "bacs-kiskun": {"energi-og-miljoe"}, "nedre-schlesien": set(),
                      "rumaensk-venskabsregion": set(), "leningrad-oblast": set()}
    assert "under ét" in PartnerRegion.objects.get(code="shanghai").fact_sheet_da


# --- draft strategy ----------------------------------------------------------------------------------------------

def test_draft_strategy_purpose_3_in_the_drafts_wording(starting_data):
    # Source: draft strategy ("Udkast"): "at styrke mellempåvirkende forståelse gennem samarbejde på tværs af grænser".
    purpose = Purpose.objects.get(number=3)
    assert purpose.name_da == "Mellempåvirkende forståelse"
    assert purpose.description_da == "At styrke mellempåvirkende forståelse gennem samarbejde på tværs af grænser."
    assert not purpose.has_adopted_wording
    assert Strategy.objects.get().wording == Strategy.Wording.DRAFT


def test_draft_strategy_vision_values_coordination_and_plans(starting_data):
    # Source: draft strategy.
    strategy = Strategy.objects.get()
    assert strategy.vision_da == ("Region Midtjylland skal i 2030 være en international vækstregion i et "
                                  "sammenhængende Danmark.")
    assert list(Value.objects.values_list("name_da", flat=True)) == ["Dialog", "Dygtighed", "Dristighed"]
    assert CoordinationPartner.objects.count() == 4
    assert set(SupportedPlan.objects.values_list("code", flat=True)) == {
        "sundhedsplanen", "psykiatriplanen", "regional-udviklingsplan", "vaekstforum-erhvervsudviklingsstrategi"}


# --- DOMAIN ------------------------------------------------------------------------------------------------------

def test_domain_shanghai_active_since_2003_known_by_its_year(starting_data):
    # Source: DOMAIN: sister-region agreement since 2003; the region's office in Shanghai since 2006.
    assert _decisions("shanghai") == [(D(2003, 1, 1), "year", "active"), (D(2013, 3, 13), "day", "active")]
    shanghai = PartnerRegion.objects.get(code="shanghai")
    assert (shanghai.status_changed_on, shanghai.status_changed_precision) == (D(2003, 1, 1), "year")
    assert shanghai.status_since == "2003"
    assert shanghai.fact_sheet_da.startswith("Søsterregionsaftale siden 2003")
    assert "Venskabsregionsaftale" not in shanghai.fact_sheet_da
    assert (shanghai.kind, shanghai.office.code, shanghai.cooperation_since) == ("strategic", "shanghai", 2003)


def test_domain_gyor_moson_sopron_inherited_from_viborg_county_with_the_region(starting_data):
    # Source: DOMAIN: inherited from the former Viborg County; Central Denmark Region exists from 2007-01-01.
    assert _decisions("gyor-moson-sopron") == [(D(2007, 1, 1), "day", "active"), (D(2013, 3, 13), "day", "active")]
    first = PartnerRegion.objects.get(code="gyor-moson-sopron").status_decisions.chronological().first()
    assert "Viborg Amt" in first.note and "ikke en beslutning" in first.note


def test_domain_bacs_kiskun_active_before_2013_at_a_date_not_given(starting_data):
    # Source: DOMAIN: agreement with Viborg County since 1991; when it passed to the region is not given.
    assert _decisions("bacs-kiskun") == [(D(2013, 3, 13), "before", "active"), (D(2013, 3, 13), "day", "active")]
    region = PartnerRegion.objects.get(code="bacs-kiskun")
    assert region.status_since == "før 13.03.2013"
    assert region.cooperation_since == 1991


def test_domain_lower_silesia_signed_20_11_2008(starting_data):
    # Source: DOMAIN: agreement signed 2008-11-20 (roots in a 2001 agreement of Ringkøbing County); ended March 2013.
    assert _decisions("nedre-schlesien") == [(D(2008, 11, 20), "day", "active"), (D(2013, 3, 13), "day", "ended")]
    assert PartnerRegion.objects.get(code="nedre-schlesien").kind == "friendship"


def test_domain_the_romanian_region_unnamed_without_an_office(starting_data):
    # Source: DOMAIN: no public source names it (nor its office); ended March 2013, active before at an unknown date.
    romania = PartnerRegion.objects.get(code="rumaensk-venskabsregion")
    assert romania.name_unknown and romania.office is None and romania.kind == "friendship"
    assert _decisions("rumaensk-venskabsregion") == [(D(2013, 3, 13), "before", "active"),
                                                     (D(2013, 3, 13), "day", "ended")]


def test_domain_leningrad_oblast_has_no_kind(starting_data):
    # Source: DOMAIN: under consideration since March 2013; no kind of partnership given.
    leningrad = PartnerRegion.objects.get(code="leningrad-oblast")
    assert leningrad.kind is None and str(leningrad.kind_label) == "ikke oplyst i kilderne"
    assert _decisions("leningrad-oblast") == [(D(2013, 3, 13), "day", "under_consideration")]


def test_domain_tracks_have_no_owner_the_sources_do_not_name(starting_data):
    # Source: DOMAIN: a track is owned by "the relevant area and department" — which, no source says.
    assert not StrategicTrack.objects.filter(area__isnull=False).exists()
    assert not StrategicTrack.objects.exclude(department="").exists()
    assert str(StrategicTrack.objects.get(code="sundhed").area_label) == "ikke oplyst i kilderne"
    energy = StrategicTrack.objects.get(code="energi-og-miljoe")
    assert {r.code for r in energy.partner_regions.all()} == {"gyor-moson-sopron", "bacs-kiskun"}


def test_domain_council_chairs_per_term(starting_data):
    # Source: DOMAIN: Bent Hansen 2006–2017, Anders Kühnau 2018–2025; later terms are not stated.
    chairs = {t.label: t.chair for t in CouncilTerm.objects.all()}
    assert chairs == {"2007–2009": "Bent Hansen", "2010–2013": "Bent Hansen", "2014–2017": "Bent Hansen",
                      "2018–2021": "Anders Kühnau", "2022–2025": "Anders Kühnau", "2026–2029": "",
                      "2030–2033": ""}
    assert str(CouncilTerm.objects.get(starts_on=D(2026, 1, 1)).chair_label) == "ikke oplyst i kilderne"


def test_domain_the_growth_forums_strategy_ended_in_2018(starting_data):
    # Source: DOMAIN: the business-promotion law of 2019 abolished the growth forums.
    assert SupportedPlan.objects.get(code="vaekstforum-erhvervsudviklingsstrategi").retired_on == D(2019, 1, 1)
    # The Growth Forum was a body of its own: no area of the region owns its strategy (not stated in the sources).
    assert SupportedPlan.objects.get(code="vaekstforum-erhvervsudviklingsstrategi").area is None


# --- The pages show it --------------------------------------------------------------------------------------------

def test_the_strategy_page_shows_the_sources_wording_dates_and_people(client, council_member):
    client.force_login(council_member)
    page = " ".join(client.get(reverse("portal:strategy")).content.decode().split())
    for text in ["13. marts 2013", "»onsdag«", "Udkast", "mellempåvirkende forståelse", "udkastets ordlyd",
                 "Niels Erik Andersen", "pressemeddelelsen", "Bent Hansen (valgperiode 2010–2013)", "Anders Kühnau",
                 "Ikke oplyst i kilderne"]:
        assert text in page, text
    assert "gensidig forståelse" not in page


def test_the_fact_sheet_says_since_when_and_what_is_not_stated(client, council_member):
    client.force_login(council_member)
    shanghai = PartnerRegion.objects.get(code="shanghai")
    page = " ".join(client.get(reverse("partners:region_detail", args=[shanghai.pk])).content.decode().split())
    assert "siden 2003" in page and "siden 13" not in page
    leningrad = PartnerRegion.objects.get(code="leningrad-oblast")
    page = client.get(reverse("partners:region_detail", args=[leningrad.pk])).content.decode()
    assert "Ikke oplyst i kilderne" in page


def test_the_dashboard_chart_notes_the_regions_active_before_a_date_not_given(client, council_member):
    client.force_login(council_member)
    page = " ".join(client.get("/en/partners/").content.decode().split())
    assert ("Plus 2 partner regions active before 13/03/2013, at a date the sources do not give: they are counted "
            "from 13/03/2013.") in page
    assert "<th scope=\"row\">2003</th>" in page and "3 (+2*)" in page
