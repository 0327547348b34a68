"""Page-shaped reads of partner regions and strategic tracks, each in a fixed number of queries."""

import datetime
from collections import defaultdict

from django.core.paginator import Page, Paginator
from django.db.models import Count, F, Func, IntegerField, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone

from actionplans import rollup
from partners.models import DatePrecision, Office, PartnerRegion, PartnerStatus, StatusDecision, StrategicTrack
from strategy.models import Area, CoordinationPartner, Purpose, SupportedPlan

RegionLink = PartnerRegion.initiatives.through
TrackRegion = StrategicTrack.partner_regions.through
RegionField = PartnerRegion.fields.through
TOP_PARTNERS = 12


def count_of(queryset):
    """A correlated COUNT(*) subquery (no GROUP BY), 0 when nothing matches."""
    counted = queryset.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def active_count_for_region():
    """An annotation for partner regions: one join and GROUP BY, not a subquery per region."""
    return Count("initiatives", filter=rollup.active_q("initiatives__"))


# --- The dashboard ---------------------------------------------------------------------------

def filter_regions(queryset, filters: dict):
    """Narrow partner regions by the dashboard's (cleaned) filters; a missing or empty filter keeps all."""
    if filters.get("status"):
        queryset = queryset.filter(status__in=filters["status"])
    if filters.get("kind"):
        queryset = queryset.filter(kind__in=filters["kind"])
    if filters.get("country"):
        queryset = queryset.filter(country__in=filters["country"])
    if filters.get("office"):
        queryset = queryset.filter(office__in=filters["office"])
    # IN (subquery) rather than EXISTS: PostgreSQL hashes the subquery once instead of running it per region.
    if filters.get("field"):
        queryset = queryset.filter(pk__in=RegionField.objects.filter(field__in=filters["field"])
                                   .values("partnerregion_id"))
    if filters.get("area"):
        areas = filters["area"]
        via_tracks = TrackRegion.objects.filter(strategictrack__area__in=areas).values("partnerregion_id")
        via_plans = RegionLink.objects.filter(rollup.active_q("initiative__"),
                                              initiative__goal__plan__area__in=areas)
        queryset = queryset.filter(Q(pk__in=via_tracks) | Q(pk__in=via_plans.values("partnerregion_id")))
    return queryset


REGIONS_PER_PAGE = 50


def regions(filters: dict):
    """Partner regions matching the filters, each with its office and fields, in name order (indexed)."""
    return (filter_regions(PartnerRegion.objects.all(), filters).select_related("office").prefetch_related("fields")
            .order_by(*PartnerRegion._meta.ordering))


def involvement(regions: list[PartnerRegion]) -> list[PartnerRegion]:
    """Set `active_initiatives`, `involved_tracks` and `involved_areas` on each region: how many active initiatives
    work with it, the tracks it is on and those of its active initiatives, the tracks' areas and those of the plans
    involved (five queries, whatever the number; they read the given regions' rows only, so a page costs a page)."""
    ids = [region.pk for region in regions]
    active = dict(RegionLink.objects.filter(rollup.active_q("initiative__"), partnerregion__in=ids)
                  .values("partnerregion_id").annotate(n=Count("pk")).values_list("partnerregion_id", "n"))
    tracks = {t.pk: t for t in StrategicTrack.objects.select_related("area")}
    areas = {a.pk: a for a in Area.objects.all()}
    track_ids, area_ids = defaultdict(set), defaultdict(set)
    for region_id, track_id in TrackRegion.objects.filter(partnerregion__in=ids).values_list(
            "partnerregion_id", "strategictrack_id"):
        track_ids[region_id].add(track_id)
        if tracks[track_id].area_id:
            area_ids[region_id].add(tracks[track_id].area_id)
    links = (RegionLink.objects.filter(rollup.active_q("initiative__"), partnerregion__in=ids)
             .values_list("partnerregion_id", "initiative__track_id", "initiative__goal__plan__area_id").distinct())
    for region_id, track_id, area_id in links:
        if track_id:
            track_ids[region_id].add(track_id)
        area_ids[region_id].add(area_id)
    for region in regions:
        region.active_initiatives = active.get(region.pk, 0)
        region.involved_tracks = sorted((tracks[t] for t in track_ids[region.pk]), key=lambda t: t.name)
        region.involved_areas = sorted((areas[a] for a in area_ids[region.pk]), key=lambda a: (a.position, a.code))
    return regions


def region_list(filters: dict) -> list[PartnerRegion]:
    """Every partner region matching the filters, described as on the dashboard (for the exports)."""
    return involvement(list(regions(filters)))


def region_page(filters: dict, number, figures: dict) -> Page:
    """One page of the partner regions matching the filters, described as region_list does, each with its follow-up
    `figures` (from follow_up()'s `by_region`, None when no initiative in force works with it). Seven queries."""
    page = Paginator(regions(filters), REGIONS_PER_PAGE).get_page(number)
    page.object_list = involvement(list(page.object_list))
    for region in page.object_list:
        region.figures = figures.get(region.pk)
    return page


def dashboard_summary() -> dict:
    """Everything on the dashboard that its filters do not change."""
    return {"figures": key_figures(), "by_area": initiatives_by_area(), "by_purpose": initiatives_by_purpose(),
            "by_track": initiatives_by_track(), "by_partner": initiatives_by_partner(),
            "by_office": initiatives_linking(Office, "offices"),
            "by_coordination_partner": initiatives_linking(CoordinationPartner, "coordination_partners"),
            "by_supported_plan": initiatives_linking(SupportedPlan, "supported_plans"),
            "by_kind": rollup.active_by_kind(),
            "over_time": status_over_time(), "follow_up": follow_up()}


def map_regions(filters: dict) -> list[PartnerRegion]:
    """What the map needs of the partner regions matching the filters (one query)."""
    return list(filter_regions(PartnerRegion.objects.only(
        "name_da", "name_en", "name_unknown", "code", "country", "status", "latitude", "longitude"), filters))


def key_figures() -> dict:
    """The counts on top of the dashboard, over every partner region (one query)."""
    return PartnerRegion.objects.aggregate(
        active_strategic=Count("pk", filter=Q(status=PartnerStatus.ACTIVE, kind=PartnerRegion.Kind.STRATEGIC)),
        under_consideration=Count("pk", filter=Q(status=PartnerStatus.UNDER_CONSIDERATION)),
        ended=Count("pk", filter=Q(status=PartnerStatus.ENDED)),
        total=Count("pk"),
    ) | {"active_initiatives": rollup.active_initiatives().count()}


def initiatives_by_area() -> list[tuple]:
    counts = Area.objects.annotate(n=count_of(rollup.active_initiatives().filter(goal__plan__area=OuterRef("pk"))))
    return [(area, area.n) for area in counts if area.n or not area.is_retired()]


def initiatives_by_purpose() -> list[tuple]:
    # A goal may serve several purposes: its initiatives count once under each.
    counts = Purpose.objects.annotate(n=count_of(rollup.active_initiatives().filter(goal__purposes=OuterRef("pk"))))
    return [(purpose, purpose.n) for purpose in counts]


def initiatives_by_track() -> list[tuple]:
    counts = StrategicTrack.objects.annotate(n=count_of(rollup.active_initiatives().filter(track=OuterRef("pk"))))
    return [(track, track.n) for track in counts if track.n or not track.is_retired()]


def initiatives_linking(model, link: str) -> list[tuple]:
    """Active initiatives per office, coordination partner or supported plan (`model`, linked from initiatives
    through `link`); a retired one only while initiatives still link it (one query)."""
    counts = model.objects.annotate(n=count_of(rollup.active_initiatives().filter(**{link: OuterRef("pk")})))
    return [(row, row.n) for row in counts if row.n or not row.is_retired()]


def initiatives_by_partner() -> dict:
    """The partner regions with the most active initiatives, and what the rest add up to (two queries)."""
    top = list(PartnerRegion.objects.annotate(n=active_count_for_region()).filter(n__gt=0)
               .order_by("-n", "name_da", "name_en", "id")[:TOP_PARTNERS])
    totals = RegionLink.objects.filter(rollup.active_q("initiative__")).aggregate(
        links=Count("pk"), regions=Count("partnerregion", distinct=True))
    return {"top": [(region, region.n) for region in top],
            "other_regions": totals["regions"] - len(top),
            "other_links": totals["links"] - sum(region.n for region in top)}


def status_over_time(today: datetime.date | None = None) -> dict:
    """How many partner regions had each status at the end of each year since the first decision (today for
    this year). A region counts from its first recorded decision. A decision known only to lie before a date counts
    from that date, never from an invented year: in the years before it, the region is in the year's `undated` count,
    and `before` lists those decisions by status and date for a footnote. One query, over the decisions."""
    today = today or timezone.localdate()
    decisions = list(StatusDecision.objects.chronological().values_list(
        "region_id", "decided_on", "date_precision", "status"))
    if not decisions:
        return {"years": [], "before": []}
    # A region whose first decision is "before a date": its status until then is known, not its start.
    first, before = {}, defaultdict(int)
    for region_id, decided_on, precision, status in decisions:
        if region_id not in first:
            first[region_id] = (decided_on, precision, status)
            if precision == DatePrecision.BEFORE:
                before[(status, decided_on)] += 1
    undated_from = {region_id: (decided_on, status) for region_id, (decided_on, precision, status) in first.items()
                    if precision == DatePrecision.BEFORE}
    years, current, index = [], {}, 0
    for year in range(min(d[1] for d in decisions).year, today.year + 1):
        end = min(datetime.date(year, 12, 31), today)
        while index < len(decisions) and decisions[index][1] <= end:
            region_id, _decided_on, _precision, status = decisions[index]
            current[region_id] = status
            index += 1
        counts = {status: 0 for status in PartnerStatus.values}
        for status in current.values():
            counts[status] += 1
        undated = sum(1 for region_id, (decided_on, _status) in undated_from.items()
                      if decided_on > end and region_id not in current)
        years.append({"year": year, "on": end, "counts": counts, "undated": undated})
    return {"years": years, "before": [{"status": PartnerStatus(status), "date": decided_on, "count": count}
                                       for (status, decided_on), count in sorted(before.items(),
                                                                                 key=lambda item: item[0][1])]}


def follow_up() -> dict:
    """The follow-up of every area's plan in force: the figures of all their initiatives, per purpose, per
    strategic track and per partner region (`by_region`, by pk), each with its change since the previous closed
    round. An initiative counts once under each of its goal's purposes and each of its partner regions. Nine
    queries: the roll-up's six, the purposes, the tracks and the previous round's figures."""
    rows = rollup.initiative_rows(rollup.in_force_initiatives())
    previous = rollup.previous_figures("total", "purpose", "track", "region")
    frozen = previous.figures if previous else {}
    by_purpose = rollup.compare(rollup.roll_up(rows, "purpose"), frozen.get("purpose"))
    by_track = rollup.compare(rollup.roll_up(rows, "track"), frozen.get("track"))
    by_region = rollup.compare(rollup.roll_up(rows, "region"), frozen.get("region"))
    everything = rollup.total(rows)
    everything.previous = frozen.get("total")
    purposes, tracks = Purpose.objects.all(), StrategicTrack.objects.all()
    return {
        "total": everything,
        "by_purpose": [(purpose, by_purpose.get(purpose.number, rollup.Figures())) for purpose in purposes],
        "by_track": [(track, by_track.get(track.pk, rollup.Figures())) for track in tracks
                     if track.pk in by_track or not track.is_retired()],
        "by_region": by_region,
        "previous": previous,
    }


# --- One partner region ----------------------------------------------------------------------

def region_detail(pk: int) -> dict:
    """A partner region with its decisions, tracks, active initiatives and the areas involved; the `figures` of
    the initiatives in force that work with it, with their change since the previous closed round; and on each
    active initiative its `follow_up` (the roll-up's row). Twelve queries: five for the region and its initiatives,
    the roll-up's six and the previous round's figures."""
    region = get_object_or_404(
        PartnerRegion.objects.select_related("office").prefetch_related(
            "fields", Prefetch("tracks", queryset=StrategicTrack.objects.select_related("area")),
            Prefetch("status_decisions", queryset=StatusDecision.objects.chronological().reverse())),
        pk=pk,
    )
    initiatives = list(rollup.active_initiatives().filter(partner_regions=region)
                       .select_related("goal__plan__area", "goal__plan__term", "track__area")
                       .order_by("goal__plan__area__position", "goal__position", "position", "id"))
    tracks = {t.pk: t for t in region.tracks.all()} | {i.track.pk: i.track for i in initiatives if i.track}
    # The areas of the plans involved, and the owning areas of the tracks the region is on.
    areas = {t.area.pk: t.area for t in region.tracks.all() if t.area} | {i.goal.plan.area.pk: i.goal.plan.area
                                                                           for i in initiatives}
    rows = rollup.initiative_rows(rollup.in_force_initiatives().filter(partner_regions=region))
    by_id = {row["id"]: row for row in rows}
    for initiative in initiatives:
        initiative.follow_up = by_id.get(initiative.pk)
    previous = rollup.previous_figures("region")
    figures = rollup.total(rows)
    figures.previous = previous.figures["region"].get(region.pk) if previous else None
    return {
        "region": region,
        "decisions": region.status_decisions.all(),
        "initiatives": initiatives,
        "figures": figures,
        "previous": previous,
        "tracks": sorted(tracks.values(), key=lambda t: t.name),
        "areas": sorted(areas.values(), key=lambda a: (a.position, a.code)),
    }


# --- Strategic tracks ------------------------------------------------------------------------

def track_list() -> list[StrategicTrack]:
    """Every track with its area, fields and counts of partner regions and active initiatives (two queries)."""
    return list(StrategicTrack.objects.select_related("area").prefetch_related("fields").annotate(
        region_count=count_of(TrackRegion.objects.filter(strategictrack=OuterRef("pk"))),
        active_initiatives=count_of(rollup.active_initiatives().filter(track=OuterRef("pk"))),
    ).order_by(F("area__position").asc(nulls_last=True), "name_da", "id"))


def track_detail(pk: int) -> dict:
    """A track with its fields, partner regions and the initiatives in every area's plan in force (five queries)."""
    track = get_object_or_404(
        StrategicTrack.objects.select_related("area").prefetch_related("fields", "partner_regions"), pk=pk)
    initiatives = list(rollup.in_force_initiatives().filter(track=track)
                       .select_related("goal__plan__area", "goal__plan__term").prefetch_related("partner_regions")
                       .order_by("goal__plan__area__position", "goal__position", "position", "id"))
    return {"track": track, "initiatives": initiatives, "regions": track.partner_regions.all()}

