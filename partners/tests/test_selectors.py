import datetime

import pytest
from django.utils import timezone

from actionplans.models import ActionPlan, CouncilTerm, Goal, Initiative
from actionplans.tests.factories import closed_round, make_plan
from partners import selectors
from partners.models import Field, Office, PartnerRegion, StrategicTrack
from partners.services import record_status_decision
from strategy.models import Area, Purpose

STRATEGIC_2013 = {"shanghai", "gyor-moson-sopron", "bacs-kiskun"}
ENDED_2013 = {"nedre-schlesien", "rumaensk-venskabsregion"}


def _codes(filters):
    return {r.code for r in selectors.region_list(filters)}


@pytest.fixture
def plan(starting_data):
    """Health's plan in force for the current term: two goals with two initiatives each, all with Shanghai."""
    return make_plan(Area.objects.get(code="sundhed"), CouncilTerm.objects.current())


def test_key_figures_of_the_2013_decision(starting_data):
    figures = selectors.key_figures()
    assert (figures["active_strategic"], figures["under_consideration"], figures["ended"]) == (3, 1, 2)
    assert figures["total"] == 6


@pytest.mark.parametrize(("filters", "expected"), [
    ({}, STRATEGIC_2013 | ENDED_2013 | {"leningrad-oblast"}),
    ({"status": ["active"]}, STRATEGIC_2013),
    ({"status": ["ended"]}, ENDED_2013),
    ({"status": ["under_consideration"]}, {"leningrad-oblast"}),
    ({"status": ["active", "under_consideration"]}, STRATEGIC_2013 | {"leningrad-oblast"}),
    ({"kind": ["friendship"]}, ENDED_2013),
    ({"country": ["HU"]}, {"gyor-moson-sopron", "bacs-kiskun"}),
    ({"country": ["RO", "RU"]}, {"rumaensk-venskabsregion", "leningrad-oblast"}),
    ({"status": ["active"], "country": ["CN"]}, {"shanghai"}),
])
def test_filters_give_the_right_regions(starting_data, filters, expected):
    assert _codes(filters) == expected


def test_filter_by_office_field_and_area(starting_data):
    budapest = Office.objects.filter(code="budapest")
    # The sources give the Romanian region no office.
    assert _codes({"office": budapest}) == {"gyor-moson-sopron", "bacs-kiskun"}
    # The energy agreements of 2009 are the only fields the sources tie to a region.
    assert _codes({"field": Field.objects.filter(code="sundhed")}) == set()
    assert _codes({"field": Field.objects.filter(code="energi-og-miljoe")}) == {"gyor-moson-sopron", "bacs-kiskun"}
    # The sources name no track's owner: an area is involved through a track once it owns one.
    assert _codes({"area": Area.objects.filter(code="regional-udvikling")}) == set()
    StrategicTrack.objects.filter(code="energi-og-miljoe").update(area=Area.objects.get(code="regional-udvikling"))
    assert _codes({"area": Area.objects.filter(code="regional-udvikling")}) == {"gyor-moson-sopron", "bacs-kiskun"}
    assert _codes({"area": Area.objects.filter(code="stabe")}) == set()


def test_an_area_is_involved_through_its_active_initiatives(starting_data):
    staff = Area.objects.get(code="stabe")
    plan = make_plan(staff, CouncilTerm.objects.current(), goals=1, initiatives=1)
    initiative = Initiative.objects.get(goal__plan=plan)
    initiative.partner_regions.add(PartnerRegion.objects.get(code="leningrad-oblast"))
    assert _codes({"area": [staff]}) == {"shanghai", "leningrad-oblast"}
    leningrad = next(r for r in selectors.region_list({}) if r.code == "leningrad-oblast")
    assert [a.code for a in leningrad.involved_areas] == ["stabe"]
    assert leningrad.active_initiatives == 1
    Initiative.objects.filter(pk=initiative.pk).update(status=Initiative.Status.COMPLETED)
    assert _codes({"area": [staff]}) == set()


def test_what_counts_as_an_active_initiative(plan):
    initiatives = list(Initiative.objects.filter(goal__plan=plan).order_by("goal__position", "position"))
    assert Initiative.objects.active().count() == 4
    Initiative.objects.filter(pk=initiatives[0].pk).update(status=Initiative.Status.COMPLETED)
    Initiative.objects.filter(pk=initiatives[1].pk).update(removed_at=timezone.now())
    assert Initiative.objects.active().count() == 2
    Goal.objects.filter(plan=plan).update(removed_at=timezone.now())
    assert Initiative.objects.active().count() == 0


def test_a_draft_plans_initiatives_do_not_count(starting_data):
    make_plan(Area.objects.get(code="stabe"), CouncilTerm.objects.current(), status=ActionPlan.Status.DRAFT)
    assert Initiative.objects.active().count() == 0
    assert selectors.key_figures()["active_initiatives"] == 0


def test_regions_list_tracks_areas_and_active_initiatives(plan):
    shanghai = next(r for r in selectors.region_list({}) if r.code == "shanghai")
    assert shanghai.active_initiatives == 4
    # The plan's initiatives have no track, and the sources put Shanghai on none.
    assert {t.code for t in shanghai.involved_tracks} == set()
    assert [a.code for a in shanghai.involved_areas] == ["sundhed"]
    energy = StrategicTrack.objects.get(code="energi-og-miljoe")
    energy.area = Area.objects.get(code="regional-udvikling")
    energy.save()
    energy.partner_regions.add(PartnerRegion.objects.get(code="shanghai"))
    shanghai = next(r for r in selectors.region_list({}) if r.code == "shanghai")
    assert {t.code for t in shanghai.involved_tracks} == {"energi-og-miljoe"}
    assert [a.code for a in shanghai.involved_areas] == ["sundhed", "regional-udvikling"]


def test_initiatives_by_area_purpose_track_and_partner(plan):
    by_area = {a.code: n for a, n in selectors.initiatives_by_area()}
    assert by_area == {"sundhed": 4, "psykiatri-og-social": 0, "stabe": 0, "regional-udvikling": 0}
    # make_plan ties every goal to purposes 1 and 2.
    assert {p.number: n for p, n in selectors.initiatives_by_purpose()} == {1: 4, 2: 4, 3: 0, 4: 0}
    assert {t.code: n for t, n in selectors.initiatives_by_track()} == {
        "sundhed": 0, "rehabilitering": 0, "uddannelse": 0, "energi-og-miljoe": 0}
    partners = selectors.initiatives_by_partner()
    assert [(r.code, n) for r, n in partners["top"]] == [("shanghai", 4)]
    assert (partners["other_regions"], partners["other_links"]) == (0, 0)
    assert Purpose.objects.count() == 4


def test_follow_up_per_purpose_track_and_partner_region(plan, previous_term):
    """Every initiative in force counts, whatever its status, once under each purpose and partner region; removed
    ones and superseded plans' do not."""
    make_plan(Area.objects.get(code="stabe"), previous_term, status=ActionPlan.Status.SUPERSEDED)
    first, second, third, fourth = Initiative.objects.filter(goal__plan=plan).order_by("goal__position", "position")
    health_track = StrategicTrack.objects.get(code="sundhed")
    Initiative.objects.filter(pk__in=[first.pk, second.pk]).update(track=health_track)
    Initiative.objects.filter(pk=first.pk).update(status="at_risk", progress=30)
    Initiative.objects.filter(pk=second.pk).update(status="completed", progress=100)
    Initiative.objects.filter(pk=fourth.pk).update(removed_at=timezone.now())
    silesia = PartnerRegion.objects.get(code="nedre-schlesien")
    first.partner_regions.add(silesia)
    follow_up = selectors.follow_up()
    assert follow_up["previous"] is None
    assert (follow_up["total"].total, follow_up["total"].average_progress) == (3, 47)  # (30 + 100 + 10) / 3
    assert {purpose.number: f.total for purpose, f in follow_up["by_purpose"]} == {1: 3, 2: 3, 3: 0, 4: 0}
    tracks = {track.code: f for track, f in follow_up["by_track"]}
    assert (tracks["sundhed"].total, dict(tracks["sundhed"].by_status)) == (2, {"at_risk": 1, "completed": 1})
    assert tracks["uddannelse"].total == 0
    figures = {region.code: follow_up["by_region"].get(region.pk) for region in PartnerRegion.objects.all()}
    assert (figures["shanghai"].total, figures["nedre-schlesien"].total, figures["leningrad-oblast"]) == (3, 1, None)
    assert figures["nedre-schlesien"].concerns == 1
    # After a round has closed, each figure knows its previous value.
    closed_round()
    Initiative.objects.filter(pk=first.pk).update(status="on_track", progress=60)
    follow_up = selectors.follow_up()
    shanghai = follow_up["by_region"][PartnerRegion.objects.get(code="shanghai").pk]
    assert (shanghai.previous.concerns, shanghai.concerns) == (1, 0)
    # The round's report counts the initiatives due in it: the completed one is not.
    assert (follow_up["total"].previous.total, follow_up["total"].previous.average_progress) == (2, 20)
    purposes = dict((purpose.number, f) for purpose, f in follow_up["by_purpose"])
    assert (purposes[1].previous.average_progress, purposes[1].average_progress) == (20, 57)
    context = selectors.region_detail(silesia.pk)
    assert (context["figures"].total, context["figures"].previous.concerns) == (1, 1)
    assert [i.follow_up["status"] for i in context["initiatives"]] == ["on_track"]


def test_status_over_time_from_the_decisions(starting_data):
    over_time = selectors.status_over_time(datetime.date(2026, 6, 1))
    years = {y["year"]: (y["counts"], y["undated"]) for y in over_time["years"]}
    assert min(years) == 2003 and max(years) == 2026

    def counts(active, under_consideration=0, ended=0):
        return {"active": active, "under_consideration": under_consideration, "paused": 0, "ended": ended}

    # Shanghai's agreement of 2003 is the first (known by its year); Győr-Moson-Sopron comes with the region on
    # 1 January 2007, Lower Silesia on 20-11-2008. Bács-Kiskun and the Romanian region were active before
    # 13-03-2013 at a date the sources do not give: counted in no year before it, but noted (2 "undated").
    expected = {year: (counts(1), 2) for year in range(2003, 2007)} | {2007: (counts(2), 2)} | {
        year: (counts(3), 2) for year in range(2008, 2013)} | {
        year: (counts(3, under_consideration=1, ended=2), 0) for year in range(2013, 2027)}
    assert years == expected
    assert over_time["before"] == [{"status": "active", "date": datetime.date(2013, 3, 13), "count": 2}]


def test_region_detail_lists_decisions_newest_first_and_the_areas_involved(plan):
    silesia = PartnerRegion.objects.get(code="nedre-schlesien")
    context = selectors.region_detail(silesia.pk)
    assert [(d.decided_on.year, d.status) for d in context["decisions"]] == [(2013, "ended"), (2008, "active")]
    assert context["tracks"] == [] and context["areas"] == [] and context["initiatives"] == []
    context = selectors.region_detail(PartnerRegion.objects.get(code="shanghai").pk)
    assert len(context["initiatives"]) == 4
    assert [a.code for a in context["areas"]] == ["sundhed"]


def test_a_new_decision_moves_the_region_in_the_figures(starting_data):
    leningrad = PartnerRegion.objects.get(code="leningrad-oblast")
    record_status_decision(region=leningrad, status="ended", decided_on=datetime.date(2014, 3, 1),
                           reference="Regionsrådet 2014")
    assert selectors.key_figures()["under_consideration"] == 0
    assert _codes({"status": ["ended"]}) == ENDED_2013 | {"leningrad-oblast"}


def test_track_list_and_detail(plan):
    initiative = Initiative.objects.filter(goal__plan=plan).first()
    health_track = StrategicTrack.objects.get(code="sundhed")
    Initiative.objects.filter(pk=initiative.pk).update(track=health_track, status=Initiative.Status.COMPLETED)
    tracks = {t.code: t for t in selectors.track_list()}
    assert (tracks["sundhed"].region_count, tracks["sundhed"].active_initiatives) == (0, 0)
    context = selectors.track_detail(tracks["sundhed"].pk)
    # The track page lists every initiative in the plans in force, completed ones too.
    assert [i.pk for i in context["initiatives"]] == [initiative.pk]
    assert {r.code for r in context["regions"]} == set()
    energy = selectors.track_detail(tracks["energi-og-miljoe"].pk)
    assert {r.code for r in energy["regions"]} == {"gyor-moson-sopron", "bacs-kiskun"}


# Queries of the page reads do not grow with the data.
@pytest.mark.parametrize(("regions", "initiatives"), [(10, 10), (1000, 10_000)])
def test_reads_take_the_same_queries_at_any_size(starting_data, grow_data, django_assert_num_queries, regions,
                                                 initiatives):
    grow_data(regions=regions, initiatives=initiatives)
    shanghai = PartnerRegion.objects.get(code="shanghai")
    # the chosen areas, regions, fields, active initiatives, tracks, areas, track links, initiative links
    with django_assert_num_queries(8):
        listed = selectors.region_list({"status": ["active", "paused"], "area": Area.objects.all()})
    assert len(listed) > 0
    # the chosen areas, the count, regions, fields, active initiatives, tracks, areas, track links, initiative links
    with django_assert_num_queries(9):
        page = selectors.region_page({"status": ["active", "paused"], "area": Area.objects.all()}, 2, {})
    assert [r.pk for r in page.object_list] == [r.pk for r in listed][selectors.REGIONS_PER_PAGE:][:50] or (
        page.number == 1)
    with django_assert_num_queries(2):  # the counts, the active initiatives
        selectors.key_figures()
    with django_assert_num_queries(5):  # area, purpose, track, partner (top and totals)
        selectors.initiatives_by_area()
        selectors.initiatives_by_purpose()
        selectors.initiatives_by_track()
        selectors.initiatives_by_partner()
    with django_assert_num_queries(1):  # the decisions
        selectors.status_over_time()
    # the initiatives with their latest update, purposes, partner regions, overdue milestones, indicators, their
    # values; the previous round's figures; the purposes; the tracks
    with django_assert_num_queries(9):
        follow_up = selectors.follow_up()
    assert follow_up["total"].total == initiatives + 1 and follow_up["previous"] is not None
    # the region with its office, fields, tracks, decisions; its initiatives; the roll-up's six; the previous round
    with django_assert_num_queries(12):
        selectors.region_detail(shanghai.pk)
    with django_assert_num_queries(2):  # tracks with counts, fields
        selectors.track_list()
