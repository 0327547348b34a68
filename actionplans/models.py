"""Council elections and terms, and the areas' international action plans with their
goals and initiatives."""

import datetime
import uuid
from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import DateRangeField, RangeBoundary, RangeOperators
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Case, F, Func, Q, Value, When
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from common.limits import bounded, length_limits
from strategy.models import NOT_STATED

# How long free text may be (see common.limits).
NOTE_MAX = 2_000
SUMMARY_MAX = 5_000
DESCRIPTION_MAX = 5_000
NARRATIVE_MAX = 2_000
RECIPIENTS_MAX = 10_000

# --- The election rule -----------------------------------------------------------------
# Regional council elections: the third Tuesday of November every fourth year (2005, 2009, ...);
# the new council's term runs from 1 January after the election, for four years.
FIRST_ELECTION_YEAR = 2005
TERM_YEARS = 4


def rule_election_date(year: int) -> datetime.date:
    """The third Tuesday of November of the given year."""
    first = datetime.date(year, 11, 1)
    first_tuesday = first + datetime.timedelta(days=(1 - first.weekday()) % 7)
    return first_tuesday + datetime.timedelta(weeks=2)


def is_election_year(year: int) -> bool:
    return year >= FIRST_ELECTION_YEAR and (year - FIRST_ELECTION_YEAR) % TERM_YEARS == 0


def rule_term_dates(election_date: datetime.date) -> tuple[datetime.date, datetime.date]:
    """First and last day of the term that follows an election under the rule."""
    starts = datetime.date(election_date.year + 1, 1, 1)
    ends = datetime.date(election_date.year + TERM_YEARS, 12, 31)
    return starts, ends


class Election(models.Model):
    held_on = models.DateField(_("held on"), unique=True)
    note = models.TextField(
        _("note"), blank=True, **bounded(NOTE_MAX),
        help_text=_("Required when the election deviates from the rule (third Tuesday of November every fourth year)."),
    )

    class Meta:
        verbose_name = _("election")
        verbose_name_plural = _("elections")
        ordering = ["held_on"]
        constraints = length_limits("actionplans_election", note=NOTE_MAX)

    def __str__(self):
        return _("Election %(date)s") % {"date": self.held_on.isoformat()}

    def follows_rule(self) -> bool:
        return is_election_year(self.held_on.year) and self.held_on == rule_election_date(self.held_on.year)

    def clean(self):
        if self.held_on and not self.follows_rule() and not self.note.strip():
            raise ValidationError(
                {"note": _("This date deviates from the election rule: say why in the note.")}
            )


class DateRange(Func):
    function = "DATERANGE"
    output_field = DateRangeField()


class CouncilTermQuerySet(models.QuerySet):
    def containing(self, day: datetime.date):
        return self.filter(starts_on__lte=day, ends_on__gte=day)

    def current(self):
        return self.containing(timezone.localdate()).first()


class CouncilTerm(models.Model):
    """A regional council's term (valgperiode). Terms never overlap."""

    election = models.OneToOneField(Election, verbose_name=_("election"), on_delete=models.PROTECT,
                                    related_name="term")
    starts_on = models.DateField(_("starts on"), unique=True)
    ends_on = models.DateField(_("ends on"))
    note = models.TextField(_("note"), blank=True, **bounded(NOTE_MAX),
                            help_text=_("Required when the term deviates from the rule (four years from 1 January)."))
    chair = models.CharField(_("chair of the regional council"), max_length=200, blank=True,
                             help_text=_("Leave blank when the sources do not state it."))

    objects = CouncilTermQuerySet.as_manager()

    class Meta:
        verbose_name = _("council term")
        verbose_name_plural = _("council terms")
        ordering = ["starts_on"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gt=F("starts_on")), name="actionplans_term_ends_after_start",
                                   violation_error_message=_("A term must end after it starts.")),
            ExclusionConstraint(
                name="actionplans_term_no_overlap",
                expressions=[(DateRange("starts_on", "ends_on", RangeBoundary(inclusive_upper=True)),
                              RangeOperators.OVERLAPS)],
                violation_error_message=_("Council terms cannot overlap."),
            ),
            *length_limits("actionplans_term", note=NOTE_MAX),
        ]

    def __str__(self):
        return _("Council term %(start)s–%(end)s") % {"start": self.starts_on.year, "end": self.ends_on.year}

    @property
    def label(self):
        return f"{self.starts_on.year}–{self.ends_on.year}"

    @property
    def chair_label(self) -> str:
        return self.chair or NOT_STATED

    def has_started(self, on: datetime.date | None = None) -> bool:
        return self.starts_on <= (on or timezone.localdate())

    def has_ended(self, on: datetime.date | None = None) -> bool:
        return self.ends_on < (on or timezone.localdate())

    def contains(self, day: datetime.date) -> bool:
        return self.starts_on <= day <= self.ends_on

    def follows_rule(self) -> bool:
        return (self.starts_on, self.ends_on) == rule_term_dates(self.election.held_on)

    def clean(self):
        if not (self.starts_on and self.ends_on and self.election_id):
            return
        if self.ends_on <= self.starts_on:
            # Said here, on the field, before the overlap check would build an impossible date range.
            raise ValidationError({"ends_on": _("A term must end after it starts.")})
        if self.starts_on <= self.election.held_on:
            raise ValidationError({"starts_on": _("A term starts after its election.")})
        if not self.follows_rule() and not self.note.strip():
            raise ValidationError({"note": _("This term deviates from the rule: say why in the note.")})
        if refusal := self.date_change_refusal():
            raise ValidationError(refusal)

    def dates_frozen(self) -> bool:
        """Plans and their history are computed from a term's dates: they are fixed once the term has started
        or has plans. The database enforces the same (migration 0004)."""
        return self.pk is not None and (self.has_started() or self.action_plans.exists())

    def date_change_refusal(self) -> str | None:
        saved = CouncilTerm.objects.filter(pk=self.pk).first() if self.pk else None
        if saved is None or (saved.starts_on, saved.ends_on) == (self.starts_on, self.ends_on):
            return None
        if saved.dates_frozen():
            return _("The dates of a council term that has started or has action plans cannot be changed: the "
                     "plans and their history depend on them.")
        return None


REASON_REQUIRED = _("Say briefly why the plan in force is adjusted.")


class ActionPlanQuerySet(models.QuerySet):
    def in_force(self):
        return self.filter(status=ActionPlan.Status.IN_FORCE)

    def drafts(self):
        return self.filter(status=ActionPlan.Status.DRAFT)

    def editable(self, on: datetime.date | None = None):
        """Plans that may still be changed: the rule of ActionPlan.edit_refusal(), as a filter."""
        return self.exclude(status=PlanStatus.SUPERSEDED).exclude(
            status=PlanStatus.DRAFT, term__ends_on__lt=on or timezone.localdate())


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    IN_FORCE = "in_force", _("in force")
    SUPERSEDED = "superseded", _("superseded")


class ActionPlan(models.Model):
    """An area's international action plan for one council term."""

    Status = PlanStatus

    area = models.ForeignKey("strategy.Area", verbose_name=_("area"), on_delete=models.PROTECT,
                             related_name="action_plans")
    term = models.ForeignKey(CouncilTerm, verbose_name=_("council term"), on_delete=models.PROTECT,
                             related_name="action_plans")
    status = models.CharField(_("status"), max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    previous = models.ForeignKey("self", verbose_name=_("carried forward from"), on_delete=models.PROTECT,
                                 null=True, blank=True, related_name="revisions")
    summary = models.TextField(_("summary"), blank=True, **bounded(SUMMARY_MAX))
    # The number of the plan's latest adjustment (see Adjustment).
    version = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ActionPlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")
        # Own columns only: ordering through the area or term would join both into every unordered query.
        ordering = ["area_id", "-id"]
        indexes = [models.Index(fields=["area", "status"], name="actionplans_plan_area_status")]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=PlanStatus.values), name="actionplans_plan_status_valid"),
            models.UniqueConstraint(
                fields=["area", "term"], condition=Q(status="in_force"), name="actionplans_plan_one_in_force",
                violation_error_message=_("This area already has a plan in force for this council term."),
            ),
            models.UniqueConstraint(
                fields=["area", "term"], condition=Q(status="draft"), name="actionplans_plan_one_draft",
                violation_error_message=_("This area already has a draft for this council term."),
            ),
            models.CheckConstraint(
                condition=Q(status="draft", adopted_on__isnull=True)
                | (~Q(status="draft") & Q(adopted_on__isnull=False)),
                name="actionplans_plan_adopted_iff_not_draft",
                violation_error_message=_("An adopted plan needs an adoption date; a draft has none."),
            ),
            *length_limits("actionplans_plan", summary=SUMMARY_MAX),
        ]

    def __str__(self):
        return _("Action plan %(area)s %(term)s") % {"area": self.area, "term": self.term.label}

    def get_absolute_url(self):
        return reverse("actionplans:plan_detail", args=[self.pk])

    def edit_refusal(self, on: datetime.date | None = None) -> str | None:
        """Why the plan cannot be changed, or None when it can. The database enforces the same.

        A plan in force stays in force, and adjustable, until its successor is adopted; only a superseded plan,
        and a draft whose council term ended before it was adopted, are history."""
        if self.status == PlanStatus.SUPERSEDED:
            return _("This plan has been superseded: it is history, and can be read, compared and exported, "
                     "but not changed.")
        if self.status == PlanStatus.DRAFT and self.term.has_ended(on):
            return _("This draft for council term %(term)s was not adopted before the term ended: it is history, "
                     "and can be read, compared and exported, but not changed.") % {"term": self.term.label}
        return None

    def is_editable(self, on: datetime.date | None = None) -> bool:
        return self.edit_refusal(on) is None

    def import_refusal(self) -> str | None:
        """Why the plan cannot be filled from a spreadsheet, or None when it can: only a draft that is not history.
        A plan in force is adjusted continuously, one goal or initiative at a time, each with its reason."""
        if refusal := self.edit_refusal():
            return refusal
        if self.status != PlanStatus.DRAFT:
            return _("Only a draft can be filled from a spreadsheet. A plan in force is adjusted one goal or "
                     "initiative at a time, each with its reason.")
        return None

    def needs_reason(self) -> bool:
        """Every adjustment of a plan in force says why; a draft is still being written."""
        return self.status == PlanStatus.IN_FORCE

    def check_reason(self, reason: str) -> None:
        if self.needs_reason() and not reason.strip():
            raise ValidationError({"reason": REASON_REQUIRED})

    def may_adopt(self) -> bool:
        """Only a draft is adopted (adopt_plan checks the dates)."""
        return self.status == PlanStatus.DRAFT

    def earliest_end(self) -> datetime.date | None:
        """The first day a draft's initiatives may end on: the start of its council term. An initiative carried
        forward whose period ends earlier needs new dates before the draft is adopted. None for an adopted plan."""
        return self.term.starts_on if self.may_adopt() else None

    def initiatives_needing_new_dates(self):
        """The draft's present initiatives whose period ends before its council term starts (see earliest_end), in
        the plan's order."""
        return (Initiative.objects.present().filter(goal__plan=self).ending_before(self.earliest_end())
                .order_by("goal__position", "goal_id", "position", "id"))

    def new_dates_refusal(self, initiatives) -> str | None:
        """Why the draft cannot be adopted yet, given its initiatives_needing_new_dates(), or None when it can."""
        if not initiatives:
            return None
        return _("The plan cannot be adopted while initiatives end before council term %(term)s starts: "
                 "%(initiatives)s. Give them new dates first.") % {
            "term": self.term.label, "initiatives": ", ".join(f"“{i.title}”" for i in initiatives)}

    def _adoption_order(self) -> tuple:
        return self.term.starts_on, self.adopted_on

    def successor(self, plans) -> "ActionPlan | None":
        """The plan adopted in this one's place, among `plans` (the area's plans, with their terms): the adopted plan
        carried forward from this one, else the area's next adopted plan. None unless this plan is superseded."""
        if self.status != PlanStatus.SUPERSEDED:
            return None
        adopted = [p for p in plans if p.status != PlanStatus.DRAFT and p.pk != self.pk]
        later = ([p for p in adopted if p.previous_id == self.pk]
                 or [p for p in adopted if p._adoption_order() > self._adoption_order()])
        return min(later, key=ActionPlan._adoption_order, default=None)

    def predecessor(self, plans) -> "ActionPlan | None":
        """The plan this one was adopted in place of, among `plans` (the reverse of successor; the plan it was
        carried forward from first). None for a draft."""
        if self.status == PlanStatus.DRAFT:
            return None
        replaced = [p for p in plans if p.successor(plans) == self]
        return next((p for p in replaced if p.pk == self.previous_id),
                    max(replaced, key=ActionPlan._adoption_order, default=None))

    def clean(self):
        if self.adopted_on and self.term_id and not self.term.contains(self.adopted_on):
            raise ValidationError({"adopted_on": _(
                "A plan can only be adopted within its council term (%(start)s to %(end)s)."
            ) % {"start": self.term.starts_on.isoformat(), "end": self.term.ends_on.isoformat()}})


class GoalQuerySet(models.QuerySet):
    def present(self):
        """Goals that have not been removed (removed ones stay in history)."""
        return self.filter(removed_at__isnull=True)


class InitiativeQuerySet(models.QuerySet):
    def present(self):
        """Initiatives that have not been removed, under a goal that has not been removed."""
        return self.filter(removed_at__isnull=True, goal__removed_at__isnull=True)

    def in_force(self):
        """Present initiatives of the plans in force, whatever their own status."""
        return self.present().filter(goal__plan__status=PlanStatus.IN_FORCE)

    def active(self):
        """Initiatives being worked on: see Initiative.active_q()."""
        return self.filter(Initiative.active_q())

    def ending_before(self, day: datetime.date | None):
        """Initiatives whose period ends before `day`: see Initiative.ends_before_q(). None when `day` is None."""
        return self.filter(Initiative.ends_before_q(day)) if day else self.none()

    def marking_needs_new_dates(self, day: datetime.date | None):
        """Each initiative with `needs_new_dates`: whether ending_before(day) holds it (never when `day` is None)."""
        if not day:
            return self.annotate(needs_new_dates=Value(False))
        return self.annotate(needs_new_dates=Case(When(Initiative.ends_before_q(day), then=Value(True)),
                                                  default=Value(False)))


class Goal(models.Model):
    """What a plan wants to reach, tied to one or more of the strategy's purposes."""

    plan = models.ForeignKey(ActionPlan, verbose_name=_("action plan"), on_delete=models.PROTECT,
                             related_name="goals")
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True, **bounded(DESCRIPTION_MAX))
    purposes = models.ManyToManyField("strategy.Purpose", verbose_name=_("purposes"), related_name="goals")
    principles = models.ManyToManyField(
        "strategy.Principle", verbose_name=_("principles"), blank=True, related_name="goals",
        help_text=_("Which of the strategy's principles the goal serves."))
    position = models.PositiveIntegerField(_("order"), default=0)
    removed_at = models.DateTimeField(_("removed at"), null=True, blank=True, editable=False)
    # Shared by a goal and its copies in later terms' plans, so plans can be compared.
    lineage = models.UUIDField(default=uuid.uuid4, editable=False, db_index=True)
    # Raised on every save; an edit based on an older version is refused (no lost updates).
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = GoalQuerySet.as_manager()

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["plan_id", "position", "id"]
        indexes = [models.Index(fields=["plan", "position", "id"], name="actionplans_goal_order")]
        constraints = length_limits("actionplans_goal", description=DESCRIPTION_MAX)

    def __str__(self):
        return self.title

    def clean(self):
        if self.plan_id and (refusal := self.plan.edit_refusal()):
            raise ValidationError(refusal)


class InitiativeStatus(models.TextChoices):
    """An initiative's state as its latest status update reports it ("planned" until the first update)."""

    PLANNED = "planned", pgettext_lazy("initiative status", "planned")
    ON_TRACK = "on_track", pgettext_lazy("initiative status", "on track")
    AT_RISK = "at_risk", pgettext_lazy("initiative status", "at risk")
    OFF_TRACK = "off_track", pgettext_lazy("initiative status", "off track")
    COMPLETED = "completed", pgettext_lazy("initiative status", "completed")
    CANCELLED = "cancelled", pgettext_lazy("initiative status", "cancelled")


class WorkKind(models.TextChoices):
    """The kinds of international work the strategy names."""

    PROJECTS = "projects", _("project cooperation and EU projects")
    RESEARCH = "research", _("research cooperation across borders")
    RECRUITMENT = "recruitment", _("recruitment of foreign labour and researchers")
    EXCHANGE = "exchange", _("staff exchange")
    KNOWLEDGE = "knowledge", _("gathering knowledge from partners")


class Initiative(models.Model):
    """Concrete work under a goal."""

    Status = InitiativeStatus
    Kind = WorkKind
    ACTIVE_STATUSES = [InitiativeStatus.PLANNED, InitiativeStatus.ON_TRACK, InitiativeStatus.AT_RISK,
                       InitiativeStatus.OFF_TRACK]

    goal = models.ForeignKey(Goal, verbose_name=_("goal"), on_delete=models.PROTECT, related_name="initiatives")
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True, **bounded(DESCRIPTION_MAX))
    owner = models.CharField(_("owner"), max_length=200, help_text=_("The person or unit responsible."))
    department = models.CharField(_("department"), max_length=200, blank=True)
    track = models.ForeignKey("partners.StrategicTrack", verbose_name=_("strategic track"), on_delete=models.PROTECT,
                              null=True, blank=True, related_name="initiatives")
    partner_regions = models.ManyToManyField("partners.PartnerRegion", verbose_name=_("partner regions"),
                                             blank=True, related_name="initiatives")
    funding_sources = models.ManyToManyField("strategy.FundingSource", verbose_name=_("funding sources"),
                                             blank=True, related_name="initiatives")
    # Empty for initiatives written before the kind was asked for: shown as "not stated".
    kind = models.CharField(_("kind of international work"), max_length=20, choices=WorkKind.choices, blank=True)
    coordination_partners = models.ManyToManyField(
        "strategy.CoordinationPartner", verbose_name=_("coordinated with"), blank=True, related_name="initiatives")
    supported_plans = models.ManyToManyField(
        "strategy.SupportedPlan", verbose_name=_("plans it supports"), blank=True, related_name="initiatives")
    offices = models.ManyToManyField("partners.Office", verbose_name=_("offices"), blank=True,
                                     related_name="initiatives")
    organisations = models.ManyToManyField(
        "partners.Organisation", verbose_name=_("other partner organisations"), blank=True,
        related_name="initiatives", help_text=_("Companies, universities, hospitals, authorities: partners that are "
                                                "not regions."))
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    # The current state: the latest status update's (services.record_status_update), never a structure edit.
    status = models.CharField(_("status"), max_length=20, choices=InitiativeStatus.choices,
                              default=InitiativeStatus.PLANNED, editable=False)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0, editable=False)
    position = models.PositiveIntegerField(_("order"), default=0)
    removed_at = models.DateTimeField(_("removed at"), null=True, blank=True, editable=False)
    lineage = models.UUIDField(default=uuid.uuid4, editable=False, db_index=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = InitiativeQuerySet.as_manager()

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        ordering = ["goal_id", "position", "id"]
        indexes = [models.Index(fields=["goal", "position", "id"], name="actionplans_initiative_order")]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=InitiativeStatus.values),
                                   name="actionplans_initiative_status_valid"),
            models.CheckConstraint(condition=Q(kind__in=["", *WorkKind.values]),
                                   name="actionplans_initiative_kind_valid"),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="actionplans_initiative_ends_after_start",
                violation_error_message=_("An initiative cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(progress__gte=0, progress__lte=100), name="actionplans_initiative_progress_percent",
                violation_error_message=_("Progress is a percentage from 0 to 100."),
            ),
            *length_limits("actionplans_initiative", description=DESCRIPTION_MAX),
        ]

    def __str__(self):
        return self.title

    @classmethod
    def active_q(cls, prefix: str = "") -> Q:
        """An active initiative: present, under a present goal, in a plan in force, neither completed nor
        cancelled. `prefix` reaches initiatives through a relation ("initiatives__", "initiative__")."""
        return Q(**{f"{prefix}removed_at__isnull": True, f"{prefix}goal__removed_at__isnull": True,
                    f"{prefix}goal__plan__status": PlanStatus.IN_FORCE,
                    f"{prefix}status__in": cls.ACTIVE_STATUSES})

    @staticmethod
    def ends_before_q(day: datetime.date) -> Q:
        """An initiative whose period ends before `day` (one without an end date never does): carried forward into a
        plan whose council term starts on `day`, it needs new dates."""
        return Q(ends_on__lt=day)

    def takes_status_updates(self) -> bool:
        """A cancelled initiative is over: it takes no more status updates."""
        return self.status != InitiativeStatus.CANCELLED

    def is_finished(self) -> bool:
        """Completed or cancelled: a revision does not carry it forward unless asked to."""
        return self.status in (InitiativeStatus.COMPLETED, InitiativeStatus.CANCELLED)

    def clean(self):
        if self.goal_id and (refusal := self.goal.plan.edit_refusal()):
            raise ValidationError(refusal)
        if self.pk is None and not self.kind:
            # Initiatives written before the kind was asked for keep "not stated"; new ones say what they are.
            raise ValidationError({"kind": _("Say which kind of international work the initiative is.")})

    def kind_label(self) -> str:
        return self.get_kind_display() if self.kind else str(KIND_NOT_STATED)


KIND_NOT_STATED = _("not stated")


class ReportingRound(models.Model):
    """A round of status reporting: every open initiative of every plan in force is due for an update by the
    deadline, as of the round's date ("status pr. 30.06.2027"). Closing it freezes its report."""

    as_of = models.DateField(_("status as of"), unique=True)
    deadline = models.DateField(_("deadline"))
    is_open = models.BooleanField(_("open"), default=True, editable=False)
    opened_at = models.DateTimeField(_("opened at"), auto_now_add=True)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("opened by"), on_delete=models.PROTECT,
                                  null=True, blank=True, related_name="+", editable=False)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True, editable=False)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("closed by"), on_delete=models.PROTECT,
                                  null=True, blank=True, related_name="+", editable=False)
    # The council's status report as it stood when the round closed; it never changes afterwards.
    report = models.JSONField(_("report"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("reporting round")
        verbose_name_plural = _("reporting rounds")
        ordering = ["-as_of"]
        constraints = [
            models.CheckConstraint(condition=Q(deadline__gte=F("as_of")), name="actionplans_round_deadline_after",
                                   violation_error_message=_("The deadline cannot be before the as-of date.")),
            models.UniqueConstraint(fields=["is_open"], condition=Q(is_open=True), name="actionplans_round_one_open",
                                    violation_error_message=_("Another reporting round is open: close it first.")),
            models.CheckConstraint(condition=Q(is_open=True, closed_at__isnull=True, report__isnull=True)
                                   | Q(is_open=False, closed_at__isnull=False, report__isnull=False),
                                   name="actionplans_round_closed_with_report"),
        ]

    def __str__(self):
        return _("Status as of %(date)s") % {"date": formats.date_format(self.as_of, "SHORT_DATE_FORMAT")}

    def get_absolute_url(self):
        return reverse("actionplans:round_detail", args=[self.pk])

    def clean(self):
        if self.as_of and self.pk is None and self.as_of > timezone.localdate():
            raise ValidationError({"as_of": _("A round reports status as of today or an earlier date.")})

    def is_late(self, on: datetime.date | None = None) -> bool:
        return self.is_open and (on or timezone.localdate()) > self.deadline

    def reminder_due(self, on: datetime.date, days_before: int) -> "str | None":
        """Which reminder of missing updates is due on `on` (a StatusReminder.Kind): BEFORE from `days_before` days
        before the deadline up to the deadline itself, AFTER once the deadline has passed; None while the round is
        closed or the deadline is further away."""
        if not self.is_open:
            return None
        if self.is_late(on):
            return StatusReminder.Kind.AFTER
        if on >= self.deadline - datetime.timedelta(days=days_before):
            return StatusReminder.Kind.BEFORE
        return None


class UpdateStatus(models.TextChoices):
    ON_TRACK = InitiativeStatus.ON_TRACK.value, InitiativeStatus.ON_TRACK.label
    AT_RISK = InitiativeStatus.AT_RISK.value, InitiativeStatus.AT_RISK.label
    OFF_TRACK = InitiativeStatus.OFF_TRACK.value, InitiativeStatus.OFF_TRACK.label
    COMPLETED = InitiativeStatus.COMPLETED.value, InitiativeStatus.COMPLETED.label
    CANCELLED = InitiativeStatus.CANCELLED.value, InitiativeStatus.CANCELLED.label


class StatusUpdate(models.Model):
    """A dated report on an initiative: its status, how far it is, and a short narrative. Not a structure edit:
    updates are only ever added (the database refuses changing one), and the latest is the initiative's state."""

    Status = UpdateStatus

    initiative = models.ForeignKey(Initiative, verbose_name=_("initiative"), on_delete=models.PROTECT,
                                   related_name="status_updates")
    round = models.ForeignKey(ReportingRound, verbose_name=_("reporting round"), on_delete=models.PROTECT,
                              null=True, blank=True, related_name="updates")
    as_of = models.DateField(_("status as of"))
    status = models.CharField(_("status"), max_length=20, choices=UpdateStatus.choices)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), validators=[MaxValueValidator(100)])
    narrative = models.TextField(_("narrative"), blank=True, **bounded(NARRATIVE_MAX),
                                 help_text=_("What happened, what is next, what needs attention."))
    # Public pages and the open-data API leave an internal narrative out (public.selectors); the status and the
    # progress are shown whenever the plan's status is published.
    narrative_internal = models.BooleanField(
        _("internal narrative"), default=False,
        help_text=_("Not shown on the public pages or to anonymous users of the open-data API."))
    made_at = models.DateTimeField(_("reported at"), auto_now_add=True)
    made_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("reported by"), on_delete=models.PROTECT,
                                null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("status update")
        verbose_name_plural = _("status updates")
        ordering = ["initiative_id", "-as_of", "-id"]
        indexes = [models.Index(fields=["initiative", "-as_of", "-id"], name="actionplans_update_latest"),
                   models.Index(fields=["round", "initiative"], name="actionplans_update_round")]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=UpdateStatus.values), name="actionplans_update_status_valid"),
            models.CheckConstraint(condition=Q(progress__gte=0, progress__lte=100),
                                   name="actionplans_update_progress_percent",
                                   violation_error_message=_("Progress is a percentage from 0 to 100.")),
            models.CheckConstraint(condition=LessThanOrEqual(Length("narrative"), NARRATIVE_MAX),
                                   name="actionplans_update_narrative_length",
                                   violation_error_message=_("The narrative is too long.")),
        ]

    def __str__(self):
        return f"{self.initiative} {self.as_of.isoformat()}: {self.get_status_display()}"

    def clean(self):
        if not (self.initiative_id and self.as_of):
            return
        plan = self.initiative.goal.plan
        if refusal := plan.edit_refusal():
            raise ValidationError(refusal)
        if self.pk is None and not self.initiative.takes_status_updates():
            raise ValidationError(_("This initiative is cancelled: it takes no more status updates."))
        today = timezone.localdate()
        if not plan.term.starts_on <= self.as_of <= today:
            raise ValidationError({"as_of": _(
                "The as-of date must lie between the start of the plan's council term (%(start)s) and today."
            ) % {"start": formats.date_format(plan.term.starts_on, "SHORT_DATE_FORMAT")}})
        if self.round_id and not self.round.is_open:
            raise ValidationError(_("The reporting round is closed: its figures can no longer change."))


class Milestone(models.Model):
    """A dated checkpoint of an initiative."""

    initiative = models.ForeignKey(Initiative, verbose_name=_("initiative"), on_delete=models.PROTECT,
                                   related_name="milestones")
    title = models.CharField(_("milestone"), max_length=300)
    due_on = models.DateField(_("due"))
    done_on = models.DateField(_("done"), null=True, blank=True)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["initiative_id", "due_on", "id"]
        indexes = [models.Index(fields=["initiative", "due_on"], name="actionplans_milestone_due")]

    def __str__(self):
        return self.title

    def is_overdue(self, on: datetime.date | None = None) -> bool:
        return self.done_on is None and self.due_on < (on or timezone.localdate())

    @staticmethod
    def overdue_q(on: datetime.date, prefix: str = "") -> Q:
        return Q(**{f"{prefix}done_on__isnull": True, f"{prefix}due_on__lt": on})

    def clean(self):
        if self.initiative_id and (refusal := self.initiative.goal.plan.edit_refusal()):
            raise ValidationError(refusal)
        if self.done_on and self.done_on > timezone.localdate():
            raise ValidationError({"done_on": _("A milestone cannot be done in the future.")})


class Indicator(models.Model):
    """What an initiative measures: a baseline, a target by a date, and actual values reported with the status
    updates. On target: the latest actual value is at least as far from the baseline towards the target as the
    time elapsed since the initiative started says it should be."""

    initiative = models.ForeignKey(Initiative, verbose_name=_("initiative"), on_delete=models.PROTECT,
                                   related_name="indicators")
    name = models.CharField(_("indicator"), max_length=200)
    unit = models.CharField(_("unit"), max_length=50, blank=True)
    baseline = models.DecimalField(_("baseline"), max_digits=12, decimal_places=2)
    target = models.DecimalField(_("target"), max_digits=12, decimal_places=2)
    target_on = models.DateField(_("target date"))

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["initiative_id", "id"]
        constraints = [models.CheckConstraint(condition=~Q(target=F("baseline")), name="actionplans_indicator_moves",
                                              violation_error_message=_("The target must differ from the baseline."))]

    def __str__(self):
        return f"{self.name} ({self.unit})" if self.unit else self.name

    def clean(self):
        if self.initiative_id and (refusal := self.initiative.goal.plan.edit_refusal()):
            raise ValidationError(refusal)

    def expected_on(self, day: datetime.date) -> Decimal:
        """Where the straight line from the baseline (at the initiative's start) to the target stands on `day`."""
        start = self.initiative.starts_on
        if day >= self.target_on or self.target_on <= start:
            return self.target
        share = Decimal(max((day - start).days, 0)) / Decimal((self.target_on - start).days)
        return self.baseline + (self.target - self.baseline) * share

    def on_target(self, actual: Decimal | None, day: datetime.date) -> bool | None:
        """Whether `actual` (as of `day`) is on target; None when nothing was reported."""
        if actual is None:
            return None
        expected = self.expected_on(day)
        return actual >= expected if self.target > self.baseline else actual <= expected


class IndicatorValue(models.Model):
    """An indicator's actual value, reported with a status update."""

    update = models.ForeignKey(StatusUpdate, verbose_name=_("status update"), on_delete=models.PROTECT,
                               related_name="values")
    indicator = models.ForeignKey(Indicator, verbose_name=_("indicator"), on_delete=models.PROTECT,
                                  related_name="values")
    value = models.DecimalField(_("actual value"), max_digits=12, decimal_places=2)

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        constraints = [models.UniqueConstraint(fields=["update", "indicator"], name="actionplans_value_once")]

    def __str__(self):
        return f"{self.indicator}: {self.value}"


class Adjustment(models.Model):
    """One recorded change to a plan: who, when, why, what, and what it changed in the plan's content.

    `changes` holds the plan's fields and the goals and initiatives that differ from the version before
    (actionplans.history.changes()); replaying a plan's adjustments gives the whole plan of any version
    (history.plan_states()), which makes any two versions comparable and keeps removed content readable.
    """

    plan = models.ForeignKey(ActionPlan, verbose_name=_("action plan"), on_delete=models.PROTECT,
                             related_name="adjustments")
    number = models.PositiveIntegerField(_("version"))
    made_at = models.DateTimeField(_("when"), auto_now_add=True)
    made_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT,
                                null=True, blank=True, related_name="+")
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    summary = models.CharField(_("what changed"), max_length=500)
    changes = models.JSONField(_("changes to the content"), editable=False)

    class Meta:
        verbose_name = _("adjustment")
        verbose_name_plural = _("adjustments")
        ordering = ["plan_id", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="actionplans_adjustment_number_unique"),
        ]

    def __str__(self):
        return _("Version %(number)s of %(plan)s") % {"number": self.number, "plan": self.plan}


IMPORT_HOURS = 2


class PlanImportQuerySet(models.QuerySet):
    def pending(self):
        """Uploads that may still be confirmed: not imported, and younger than IMPORT_HOURS."""
        return self.filter(imported_at__isnull=True,
                           made_at__gt=timezone.now() - datetime.timedelta(hours=IMPORT_HOURS))


class PlanImport(models.Model):
    """A spreadsheet read for a plan, kept on the server between its preview and its confirmation.

    It holds the file's cells as read, never the preview: the confirmation reads them again against the plan as it
    stands then, and is refused when the plan has changed since the preview (`plan_version`)."""

    plan = models.ForeignKey(ActionPlan, verbose_name=_("action plan"), on_delete=models.CASCADE,
                             related_name="imports")
    made_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.CASCADE,
                                related_name="+")
    made_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    filename = models.CharField(_("file"), max_length=255)
    plan_version = models.PositiveIntegerField(_("plan version at the preview"))
    # {"columns": [[key or null, heading, letter], ...], "heading_row": n, "rows": [[number, [cells]], ...]}
    table = models.JSONField(_("cells"), editable=False)
    imported_at = models.DateTimeField(_("imported at"), null=True, blank=True, editable=False)

    objects = PlanImportQuerySet.as_manager()

    class Meta:
        verbose_name = _("spreadsheet import")
        verbose_name_plural = _("spreadsheet imports")
        indexes = [models.Index(fields=["made_at"], name="actionplans_import_made_at")]

    def __str__(self):
        return f"{self.filename} ({self.plan})"


class RevisionReminder(models.Model):
    """That an area's editors were told their plan is due, or overdue, for revision in a term: sent once."""

    class Kind(models.TextChoices):
        DUE = "due", _("due for revision")
        OVERDUE = "overdue", _("revision overdue")

    area = models.ForeignKey("strategy.Area", verbose_name=_("area"), on_delete=models.PROTECT, related_name="+")
    term = models.ForeignKey(CouncilTerm, verbose_name=_("council term"), on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    recipients = models.TextField(_("recipients"), blank=True, **bounded(RECIPIENTS_MAX))

    class Meta:
        verbose_name = _("revision reminder")
        verbose_name_plural = _("revision reminders")
        constraints = [
            models.UniqueConstraint(fields=["area", "term", "kind"], name="actionplans_reminder_once"),
            *length_limits("actionplans_reminder", recipients=RECIPIENTS_MAX),
        ]

    def __str__(self):
        return f"{self.area} {self.term.label} {self.get_kind_display()}"


class StatusReminder(models.Model):
    """That an area's editors were told which status updates of a reporting round are missing: once before the
    deadline and once after it."""

    class Kind(models.TextChoices):
        BEFORE = "before", _("before the deadline")
        AFTER = "after", _("after the deadline")

    round = models.ForeignKey(ReportingRound, verbose_name=_("reporting round"), on_delete=models.PROTECT,
                              related_name="+")
    area = models.ForeignKey("strategy.Area", verbose_name=_("area"), on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    recipients = models.TextField(_("recipients"), blank=True, **bounded(RECIPIENTS_MAX))

    class Meta:
        verbose_name = _("status reminder")
        verbose_name_plural = _("status reminders")
        constraints = [
            models.UniqueConstraint(fields=["round", "area", "kind"], name="actionplans_status_reminder_once"),
            models.CheckConstraint(condition=Q(kind__in=["before", "after"]), name="actionplans_status_reminder_kind"),
            *length_limits("actionplans_status_reminder", recipients=RECIPIENTS_MAX),
        ]

    def __str__(self):
        return f"{self.area} {self.round} {self.get_kind_display()}"
