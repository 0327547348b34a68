"""Partner regions abroad, the council's dated status decisions on them, the offices
(platforms) of the international work, fields of cooperation and strategic tracks."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from common.limits import bounded, length_limits
from strategy.models import NOT_STATED, Retirable, TranslatedName, in_language

# How long free text may be (see common.limits).
DESCRIPTION_MAX = 5_000
FACT_SHEET_MAX = 20_000
NOTE_MAX = 2_000


def _in_choices(field: str, choices) -> Q:
    return Q(**{f"{field}__in": choices.values})


class Office(TranslatedName, Retirable):
    """One of the platforms of the international work: the offices in Brussels, Budapest and Shanghai."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    city = models.CharField(_("city"), max_length=100)
    country = CountryField(_("country"))
    opened_year = models.PositiveSmallIntegerField(_("opened in"), null=True, blank=True)
    description_da = models.TextField(_("description (Danish)"), blank=True, **bounded(DESCRIPTION_MAX))
    description_en = models.TextField(_("description (English)"), blank=True, **bounded(DESCRIPTION_MAX))

    class Meta:
        verbose_name = _("office")
        verbose_name_plural = _("offices")
        ordering = ["name_da"]
        constraints = length_limits("partners_office", description_da=DESCRIPTION_MAX, description_en=DESCRIPTION_MAX)

    @property
    def description(self):
        return in_language(self.description_da, self.description_en)


class Field(TranslatedName):
    """A professional field of cooperation (health, rehabilitation, education, ...)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)

    class Meta:
        verbose_name = _("field of cooperation")
        verbose_name_plural = _("fields of cooperation")
        ordering = ["name_da"]


class OrganisationKind(models.TextChoices):
    COMPANY = "company", _("company")
    UNIVERSITY = "university", _("university or research institution")
    HOSPITAL = "hospital", _("hospital")
    AUTHORITY = "authority", _("public authority")
    OTHER = "other", _("other organisation")


class Organisation(models.Model):
    """A partner of initiatives that is not a region: a company, a university, a hospital, an authority. Editors add
    them from the initiative form; one shared list, so the same organisation is named the same way everywhere."""

    Kind = OrganisationKind

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind of organisation"), max_length=20, choices=OrganisationKind.choices)
    country = CountryField(_("country"), blank=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(Lower("name"), name="partners_organisation_name_unique",
                                    violation_error_message=_("An organisation with this name exists already.")),
            models.CheckConstraint(condition=_in_choices("kind", OrganisationKind),
                                   name="partners_organisation_kind_valid"),
            models.CheckConstraint(condition=~Q(name=""), name="partners_organisation_named"),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        self.name = " ".join(self.name.split())


class PartnershipKind(models.TextChoices):
    STRATEGIC = "strategic", _("strategic cooperation")
    FRIENDSHIP = "friendship", _("friendship cooperation")
    NETWORK = "network", _("network cooperation")


class PartnerStatus(models.TextChoices):
    ACTIVE = "active", _("active")
    UNDER_CONSIDERATION = "under_consideration", _("under consideration")
    PAUSED = "paused", _("paused")
    ENDED = "ended", _("ended")


class DatePrecision(models.TextChoices):
    """How much of a decision's date the sources give. A start known only by its year is stored as 1 January of
    that year; one known only to lie before a date is stored as that date. Neither becomes an invented day."""

    DAY = "day", _("exact day")
    YEAR = "year", _("year only")
    BEFORE = "before", _("before the date")


def dated(on: datetime.date | None, precision: str) -> str:
    """A decision's date as far as it is known: "20-11-2008", "2003" or "before 13-03-2013" (in the
    active language's short date format). The one rendering of such dates: pages, fact sheets and exports."""
    if on is None:
        return ""
    if precision == DatePrecision.YEAR:
        return str(on.year)
    if precision == DatePrecision.BEFORE:
        return gettext("before %(date)s") % {"date": date_format(on, "SHORT_DATE_FORMAT")}
    return date_format(on, "SHORT_DATE_FORMAT")


class StatusDecisionQuerySet(models.QuerySet):
    def chronological(self):
        """Oldest first; a decision known only to lie before a date comes before one made on that date."""
        return self.order_by("decided_on", models.Case(models.When(date_precision=DatePrecision.BEFORE, then=0),
                                                      default=1), "id")


class PartnerRegionQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=PartnerRegion.Status.ACTIVE)

    def offered(self):
        """Regions that new work may name: all but the ended ones (see common.forms.offer_current_choices)."""
        return self.exclude(status=PartnerRegion.Status.ENDED)


class PartnerRegion(models.Model):
    """A region abroad that the regional council cooperates with, or considers."""

    Kind = PartnershipKind
    Status = PartnerStatus

    code = models.SlugField(_("code"), max_length=60, unique=True, help_text=_("A short, stable identifier."))
    name_native = models.CharField(_("native name"), max_length=200, blank=True)
    name_da = models.CharField(_("name (Danish)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    name_unknown = models.BooleanField(
        _("name not yet known"),
        default=False,
        help_text=_("Tick when no source names the region yet; an administrator completes the names later."),
    )
    country = CountryField(_("country"), db_index=True)
    # Blank only where the sources do not state it (starting data); a new region needs one (clean()).
    kind = models.CharField(_("kind of partnership"), max_length=20, choices=Kind.choices, db_index=True, null=True,
                            blank=True)
    # Kept by partners.services.record_status_decision, from the latest decision.
    status = models.CharField(
        _("status"), max_length=30, choices=Status.choices, default=Status.UNDER_CONSIDERATION, db_index=True,
        editable=False,
    )
    status_changed_on = models.DateField(_("status changed on"), null=True, blank=True, editable=False, db_index=True)
    status_changed_precision = models.CharField(_("precision of the status date"), max_length=10,
                                                choices=DatePrecision.choices, default=DatePrecision.DAY,
                                                editable=False)
    office = models.ForeignKey(
        Office, verbose_name=_("platform office"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="partner_regions",
    )
    fields = models.ManyToManyField(Field, verbose_name=_("fields of cooperation"), blank=True,
                                    related_name="partner_regions")
    cooperation_since = models.PositiveSmallIntegerField(_("cooperation since (year)"), null=True, blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=8, decimal_places=5, null=True, blank=True)
    fact_sheet_da = models.TextField(_("fact sheet (Danish)"), blank=True, **bounded(FACT_SHEET_MAX))
    fact_sheet_en = models.TextField(_("fact sheet (English)"), blank=True, **bounded(FACT_SHEET_MAX))
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(m2m_fields=[fields])
    objects = PartnerRegionQuerySet.as_manager()

    class Meta:
        verbose_name = _("partner region")
        verbose_name_plural = _("partner regions")
        ordering = ["name_da", "name_en", "id"]
        indexes = [models.Index(fields=["name_da", "name_en", "id"], name="partners_region_name_idx")]
        constraints = [
            models.CheckConstraint(condition=_in_choices("kind", PartnershipKind), name="partners_region_kind_valid"),
            models.CheckConstraint(condition=_in_choices("status", PartnerStatus), name="partners_region_status_valid"),
            models.CheckConstraint(
                condition=Q(name_unknown=True) | (~Q(name_da="") & ~Q(name_en="")),
                name="partners_region_named_or_marked_unknown",
                violation_error_message=_("Give the Danish and English names, or mark the name as not yet known."),
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False, latitude__gte=-90, latitude__lte=90,
                    longitude__gte=-180, longitude__lte=180),
                name="partners_region_coordinates_valid",
                violation_error_message=_(
                    "Give both latitude (-90 to 90) and longitude (-180 to 180), or neither."
                ),
            ),
            models.CheckConstraint(condition=_in_choices("status_changed_precision", DatePrecision),
                                   name="partners_region_status_precision_valid"),
            *length_limits("partners_region", fact_sheet_da=FACT_SHEET_MAX, fact_sheet_en=FACT_SHEET_MAX),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("partners:region_detail", args=[self.pk])

    def clean(self):
        # Starting rows the sources do not give a kind stay blank; a region added by hand states its kind.
        if self._state.adding and not self.kind:
            raise ValidationError({"kind": _("Choose the kind of partnership.")})

    @property
    def kind_label(self) -> str:
        return self.get_kind_display() if self.kind else NOT_STATED

    @property
    def status_since(self) -> str:
        """Since when the region has its current status, as far as the sources date it ("2003")."""
        return dated(self.status_changed_on, self.status_changed_precision)

    @property
    def name(self) -> str:
        if self.name_unknown and not (self.name_da or self.name_en):
            return _("Unnamed region in %(country)s") % {"country": self.country.name}
        return in_language(self.name_da, self.name_en) or self.name_native

    @property
    def fact_sheet(self):
        return in_language(self.fact_sheet_da, self.fact_sheet_en)


class StatusDecision(models.Model):
    """A dated decision on a partner region's status, e.g. by the regional council."""

    region = models.ForeignKey(PartnerRegion, verbose_name=_("partner region"), on_delete=models.PROTECT,
                               related_name="status_decisions")
    decided_on = models.DateField(
        _("decided on"), help_text=_("For a year only, give 1 January of that year; for \"before\", the date "
                                     "it is known to lie before."))
    date_precision = models.CharField(_("the date is"), max_length=10, choices=DatePrecision.choices,
                                      default=DatePrecision.DAY)
    status = models.CharField(_("status"), max_length=30, choices=PartnerStatus.choices)
    reference = models.CharField(
        _("reference"), max_length=300, help_text=_("Where the decision was made, e.g. the council meeting."),
    )
    note = models.TextField(_("note"), blank=True, **bounded(NOTE_MAX))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"),
                                    on_delete=models.PROTECT, null=True, blank=True, editable=False)
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    objects = StatusDecisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("status decision")
        verbose_name_plural = _("status decisions")
        ordering = ["region_id", "-decided_on", "-id"]
        indexes = [models.Index(fields=["region", "-decided_on", "-id"], name="partners_decision_order")]
        get_latest_by = ["decided_on", "id"]
        constraints = [
            models.CheckConstraint(condition=_in_choices("status", PartnerStatus),
                                   name="partners_decision_status_valid"),
            models.CheckConstraint(condition=_in_choices("date_precision", DatePrecision),
                                   name="partners_decision_precision_valid"),
            models.CheckConstraint(
                condition=~Q(date_precision=DatePrecision.YEAR) | Q(decided_on__month=1, decided_on__day=1),
                name="partners_decision_year_on_1_january",
                violation_error_message=_("A date known only by its year is given as 1 January of that year."),
            ),
            models.UniqueConstraint(fields=["region", "decided_on", "date_precision", "status"],
                                    name="partners_decision_once_a_day",
                                    violation_error_message=_("This decision is already recorded for that day.")),
            *length_limits("partners_decision", note=NOTE_MAX),
        ]

    def __str__(self):
        return f"{self.when}: {self.get_status_display()}"

    def clean(self):
        if (self.date_precision == DatePrecision.YEAR and self.decided_on
                and (self.decided_on.month, self.decided_on.day) != (1, 1)):
            raise ValidationError({"decided_on": _(
                "A date known only by its year is given as 1 January of that year.")})

    @property
    def when(self) -> str:
        return dated(self.decided_on, self.date_precision)


class StrategicTrack(TranslatedName, Retirable):
    """A professional track in which partners are sought, owned by an area and department."""

    # Blank only where the sources do not state the owner (starting data); a new track names one (clean()).
    area = models.ForeignKey("strategy.Area", verbose_name=_("owning area"), on_delete=models.PROTECT,
                             related_name="tracks", null=True, blank=True)
    code = models.SlugField(_("code"), max_length=60, unique=True)
    department = models.CharField(_("department"), max_length=200, blank=True)
    fields = models.ManyToManyField(Field, verbose_name=_("fields"), blank=True, related_name="tracks")
    partner_regions = models.ManyToManyField(PartnerRegion, verbose_name=_("partner regions"), blank=True,
                                             related_name="tracks")
    description_da = models.TextField(_("description (Danish)"), blank=True, **bounded(DESCRIPTION_MAX))
    description_en = models.TextField(_("description (English)"), blank=True, **bounded(DESCRIPTION_MAX))
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(m2m_fields=[fields, partner_regions])

    class Meta:
        verbose_name = _("strategic track")
        verbose_name_plural = _("strategic tracks")
        ordering = ["name_da", "id"]
        constraints = length_limits("partners_track", description_da=DESCRIPTION_MAX, description_en=DESCRIPTION_MAX)

    def get_absolute_url(self):
        return reverse("partners:track_detail", args=[self.pk])

    def clean(self):
        if self._state.adding and not self.area_id:
            raise ValidationError({"area": _("Choose the owning area.")})

    @property
    def area_label(self) -> str:
        return self.area.name if self.area_id else NOT_STATED

    @property
    def description(self):
        return in_language(self.description_da, self.description_en)
