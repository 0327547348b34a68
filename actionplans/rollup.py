"""Following the plans up: the state of the initiatives in force rolled up per goal, plan, area, purpose,
strategic track and partner region, and the council's status report of a reporting round.

Everything here reads a fixed number of queries, whatever the number of initiatives and rounds, and works on
plain values, so that a closed round's report can be kept as JSON and read back unchanged. This module is also
how the partner pages read initiatives (the one entry point from partners into action plans).
"""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, OuterRef, Q, Subquery
from django.utils import timezone

from actionplans.models import (
    KIND_NOT_STATED,
    Indicator,
    IndicatorValue,
    Initiative,
    InitiativeStatus,
    Milestone,
    ReportingRound,
    StatusUpdate,
)

GROUPS = ("plan", "goal", "area", "purpose", "track", "region")
CONCERNS = (InitiativeStatus.AT_RISK, InitiativeStatus.OFF_TRACK)
# Where a round's report keeps the figures of each group ("total": every initiative of the report once).
REPORT_KEYS = {"total": "total"} | {group: f"by_{group}" for group in GROUPS}


def active_initiatives():
    """Initiatives being worked on in the plans in force (see Initiative.active_q)."""
    return Initiative.objects.active()


def in_force_initiatives():
    return Initiative.objects.in_force()


def active_by_kind() -> list[tuple]:
    """Active initiatives per kind of international work, in the kinds' order, and those whose kind is not stated
    last when there are any (one query)."""
    counts = dict(active_initiatives().order_by().values_list("kind").annotate(n=Count("pk")))
    rows = [(label, counts.get(kind, 0)) for kind, label in Initiative.Kind.choices]
    return rows + [(KIND_NOT_STATED, counts[""])] if "" in counts else rows


def active_q(prefix: str = "") -> Q:
    return Initiative.active_q(prefix)


@dataclass
class Figures:
    """The roll-up of a group of initiatives."""

    total: int = 0
    by_status: Counter = field(default_factory=Counter)
    progress_sum: int = 0
    overdue_milestones: int = 0
    indicators_on: int = 0
    indicators_off: int = 0
    # The same group's figures in the previous closed round's report (see previous_figures and compare); None when
    # there is no such round or the group was not in its report.
    previous: "Figures | None" = field(default=None, compare=False, repr=False)

    def add(self, row: dict) -> None:
        self.total += 1
        self.by_status[row["status"]] += 1
        self.progress_sum += row["progress"]
        self.overdue_milestones += row["overdue"]
        self.indicators_on += row["indicators_on"]
        self.indicators_off += row["indicators_off"]

    @property
    def average_progress(self) -> int:
        return round(self.progress_sum / self.total) if self.total else 0

    @property
    def concerns(self) -> int:
        return sum(self.by_status[s] for s in CONCERNS)

    @property
    def status_counts(self) -> list[tuple[str, int]]:
        """(label, number of initiatives) for every status, in the statuses' order, the empty ones too."""
        return [(status.label, self.by_status[status.value]) for status in InitiativeStatus]

    @property
    def status_changes(self) -> list[tuple[str, int, int | None]]:
        """(label, number now, number in the previous figures or None) for every status, in the statuses' order."""
        then = self.previous.by_status if self.previous else None
        return [(label, count, None if then is None else then[status.value])
                for (label, count), status in zip(self.status_counts, InitiativeStatus, strict=True)]

    def as_json(self) -> dict:
        return {"total": self.total, "by_status": dict(self.by_status), "average_progress": self.average_progress,
                "overdue_milestones": self.overdue_milestones, "indicators_on": self.indicators_on,
                "indicators_off": self.indicators_off}

    @classmethod
    def from_json(cls, data: dict) -> "Figures":
        """Figures as as_json() froze them. The sum of progress is not kept: it is taken as average × total, which
        gives the frozen average back."""
        return cls(total=data["total"], by_status=Counter(data["by_status"]),
                   progress_sum=data["average_progress"] * data["total"],
                   overdue_milestones=data["overdue_milestones"], indicators_on=data["indicators_on"],
                   indicators_off=data["indicators_off"])


def initiative_rows(initiatives, on: datetime.date | None = None) -> list[dict]:
    """One plain row per initiative with what the roll-ups need (six queries, whatever the number)."""
    on = on or timezone.localdate()
    latest = StatusUpdate.objects.filter(initiative=OuterRef("pk")).order_by("-as_of", "-id")
    rows = list(initiatives.order_by().annotate(
        narrative=Subquery(latest.values("narrative")[:1]), reported_on=Subquery(latest.values("as_of")[:1]),
    ).values("id", "lineage", "title", "owner", "status", "progress", "goal_id", "goal__title", "goal__plan_id",
             "goal__plan__area_id", "goal__plan__area__name_da", "goal__plan__area__name_en",
             "goal__plan__area__position", "track_id", "track__name_da", "track__name_en", "narrative",
             "reported_on", "starts_on", "ends_on"))
    ids = [row["id"] for row in rows]
    purposes, regions = defaultdict(list), defaultdict(list)
    for initiative_id, goal_purpose in Initiative.objects.filter(pk__in=ids).values_list(
            "pk", "goal__purposes__number"):
        if goal_purpose is not None:
            purposes[initiative_id].append(goal_purpose)
    for initiative_id, region_id in Initiative.partner_regions.through.objects.filter(
            initiative_id__in=ids).values_list("initiative_id", "partnerregion_id"):
        regions[initiative_id].append(region_id)
    overdue = Counter(Milestone.objects.filter(Milestone.overdue_q(on), initiative_id__in=ids)
                      .values_list("initiative_id", flat=True))
    on_target, off_target = Counter(), Counter()
    for indicator, actual, as_of in indicator_states(ids):
        state = indicator.on_target(actual, as_of or on)
        if state is not None:
            (on_target if state else off_target)[indicator.initiative_id] += 1
    for row in rows:
        row.update(purposes=sorted(purposes[row["id"]]), regions=regions[row["id"]], overdue=overdue[row["id"]],
                   indicators_on=on_target[row["id"]], indicators_off=off_target[row["id"]])
    return rows


def indicator_states(initiative_ids) -> list[tuple[Indicator, Decimal | None, datetime.date | None]]:
    """Each indicator of the initiatives with its latest actual value and that value's as-of date (two queries)."""
    indicators = list(Indicator.objects.filter(initiative_id__in=initiative_ids).select_related("initiative"))
    latest = {}
    # Filtered by the initiatives, not the indicators just read: the same two queries when there are none.
    for indicator_id, value, as_of in (IndicatorValue.objects.filter(indicator__initiative_id__in=initiative_ids)
                                       .order_by("indicator_id", "-update__as_of", "-update_id")
                                       .distinct("indicator_id")
                                       .values_list("indicator_id", "value", "update__as_of")):
        latest[indicator_id] = (value, as_of)
    return [(indicator, *latest.get(indicator.pk, (None, None))) for indicator in indicators]


def group_keys(row: dict, group: str) -> list:
    return {
        "plan": [row["goal__plan_id"]], "goal": [row["goal_id"]], "area": [row["goal__plan__area_id"]],
        "purpose": row["purposes"], "track": [row["track_id"]] if row["track_id"] else [], "region": row["regions"],
    }[group]


def roll_up(rows: list[dict], group: str) -> dict:
    """Figures per key of a group ("area", "purpose", ...); an initiative counts once under each of its keys."""
    figures = defaultdict(Figures)
    for row in rows:
        for key in group_keys(row, group):
            figures[key].add(row)
    return dict(figures)


def total(rows: list[dict]) -> Figures:
    figures = Figures()
    for row in rows:
        figures.add(row)
    return figures


# --- Change since the previous round ------------------------------------------------------------------------

@dataclass
class PreviousRound:
    """The latest closed reporting round and, per group asked for, the figures its report froze."""

    id: int
    as_of: datetime.date
    figures: dict  # group -> {key: Figures}; "total" -> Figures


def previous_figures(*groups: str) -> PreviousRound | None:
    """The figures of the groups ("total", "plan", "goal", "area", "purpose", "track", "region") in the latest
    closed round's frozen report; None before a round has closed. One query, which reads only those groups'
    figures out of the report, never its rows per initiative.

    A report counts the initiatives due in its round (the open ones, and those reported in it); keys are the ids
    (the purposes' numbers) as round_report wrote them. A report frozen without a group's figures gives none for
    that group, and so no change."""
    fields = {group: f"report__{REPORT_KEYS[group]}" for group in groups}
    found = (ReportingRound.objects.filter(is_open=False).order_by("-as_of")
             .values("pk", "as_of", *fields.values()).first())
    if found is None:
        return None
    figures = {}
    for group, name in fields.items():
        frozen = found[name]
        if group == "total":
            figures[group] = Figures.from_json(frozen) if frozen else None
        else:
            figures[group] = {int(key): Figures.from_json(value) for key, value in (frozen or {}).items()}
    return PreviousRound(id=found["pk"], as_of=found["as_of"], figures=figures)


def compare(figures: dict, previous: dict | None) -> dict:
    """Give each group's figures now their `previous` figures (from previous_figures); returns `figures`."""
    for key, now in figures.items():
        now.previous = (previous or {}).get(key)
    return figures


# --- Reporting rounds ---------------------------------------------------------------------------------------

def round_progress(reporting_round: ReportingRound, on: datetime.date | None = None) -> dict:
    """Per area: the initiatives due in the round, how many are reported (on time or late) and which are missing,
    with their owners (three queries)."""
    on = on or timezone.localdate()
    due = list(due_initiatives(reporting_round).values(
        "id", "title", "owner", "goal__plan_id", "goal__plan__area_id", "goal__plan__area__name_da",
        "goal__plan__area__name_en", "goal__plan__area__position"))
    reported = dict(StatusUpdate.objects.filter(round=reporting_round).order_by("initiative_id", "made_at")
                    .distinct("initiative_id").values_list("initiative_id", "made_at"))
    deadline_passed = on > reporting_round.deadline
    areas = {}
    for row in sorted(due, key=lambda r: (r["goal__plan__area__position"], r["title"])):
        area = areas.setdefault(row["goal__plan__area_id"], {
            "id": row["goal__plan__area_id"], "name_da": row["goal__plan__area__name_da"],
            "name_en": row["goal__plan__area__name_en"], "due": 0, "on_time": 0, "late": 0, "missing": []})
        area["due"] += 1
        made_at = reported.get(row["id"])
        if made_at is None:
            area["missing"].append(row)
        elif timezone.localdate(made_at) > reporting_round.deadline:
            area["late"] += 1
        else:
            area["on_time"] += 1
    for area in areas.values():
        area["complete"] = not area["missing"]
        area["overdue"] = deadline_passed and bool(area["missing"])
    return {"areas": list(areas.values()), "due": len(due), "missing": sum(len(a["missing"]) for a in areas.values())}


def due_initiatives(reporting_round: ReportingRound):
    """What a round asks for: every open initiative of every plan in force, and what was reported in the round
    (an initiative completed in the round stays counted as reported)."""
    return Initiative.objects.in_force().filter(
        Q(status__in=Initiative.ACTIVE_STATUSES) | Q(status_updates__round=reporting_round)).distinct()


def round_report(reporting_round: ReportingRound) -> dict:
    """The council's status report of a round, as plain JSON: what closing a round freezes (a fixed number of
    queries). An open round's report is the same, computed now."""
    on = reporting_round.as_of
    rows = initiative_rows(due_initiatives(reporting_round), on=timezone.localdate())
    reported = set(StatusUpdate.objects.filter(round=reporting_round).values_list("initiative_id", flat=True))
    ids = [row["id"] for row in rows]
    milestones = list(Milestone.objects.filter(Milestone.overdue_q(timezone.localdate()), initiative_id__in=ids)
                      .values("title", "due_on", "initiative_id", "initiative__title"))
    indicators = [{"initiative_id": indicator.initiative_id, "initiative": indicator.initiative.title,
                   "name": indicator.name, "unit": indicator.unit, "baseline": str(indicator.baseline),
                   "target": str(indicator.target), "target_on": indicator.target_on.isoformat(),
                   "actual": None if actual is None else str(actual),
                   "on_target": indicator.on_target(actual, as_of or on)}
                  for indicator, actual, as_of in indicator_states(ids)]
    previous = (ReportingRound.objects.filter(is_open=False, as_of__lt=reporting_round.as_of)
                .order_by("-as_of").values("pk", "as_of", "report").first())
    initiatives = [{
        "id": row["id"], "lineage": str(row["lineage"]), "title": row["title"], "owner": row["owner"],
        "status": row["status"], "progress": row["progress"], "narrative": row["narrative"] or "",
        "reported_on": row["reported_on"].isoformat() if row["reported_on"] else None,
        "reported_in_round": row["id"] in reported, "area_id": row["goal__plan__area_id"],
        "area_da": row["goal__plan__area__name_da"], "area_en": row["goal__plan__area__name_en"],
        "area_position": row["goal__plan__area__position"], "plan_id": row["goal__plan_id"],
        "goal_id": row["goal_id"], "goal": row["goal__title"], "track_id": row["track_id"],
        "purposes": row["purposes"], "regions": sorted(row["regions"]), "overdue_milestones": row["overdue"],
        "indicators_on": row["indicators_on"], "indicators_off": row["indicators_off"],
    } for row in sorted(rows, key=lambda r: (r["goal__plan__area__position"], r["goal__title"], r["title"]))]
    return {
        "as_of": reporting_round.as_of.isoformat(), "deadline": reporting_round.deadline.isoformat(),
        "made_on": timezone.localdate().isoformat(),
        "previous": {"id": previous["pk"], "as_of": previous["as_of"].isoformat()} if previous else None,
        "total": total(rows).as_json(),
        # Every group's figures, so that the next round's pages show the change without reading the rows.
        **{REPORT_KEYS[group]: {str(k): v.as_json() for k, v in roll_up(rows, group).items()} for group in GROUPS},
        "initiatives": initiatives,
        "overdue_milestones": [{"title": m["title"], "due_on": m["due_on"].isoformat(),
                                "initiative_id": m["initiative_id"], "initiative": m["initiative__title"]}
                               for m in milestones],
        "indicators": indicators,
        "changes": changes(previous["report"] if previous else None, initiatives),
    }


def changes(previous_report: dict | None, initiatives: list[dict]) -> dict:
    """What changed since the previous round's report: new initiatives, ended ones and status changes, matched
    by lineage (a revision's copy of an initiative is the same initiative)."""
    if previous_report is None:
        return {"new": [], "ended": [], "status": []}
    before = {i["lineage"]: i for i in previous_report["initiatives"]}
    now = {i["lineage"]: i for i in initiatives}
    return {
        "new": [{"title": i["title"], "area_da": i["area_da"], "area_en": i["area_en"]}
                for key, i in now.items() if key not in before],
        "ended": [{"title": i["title"], "area_da": i["area_da"], "area_en": i["area_en"]}
                  for key, i in before.items() if key not in now],
        "status": [{"title": i["title"], "area_da": i["area_da"], "area_en": i["area_en"],
                    "before": before[key]["status"], "now": i["status"]}
                   for key, i in now.items() if key in before and before[key]["status"] != i["status"]],
    }
