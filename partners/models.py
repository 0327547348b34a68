"""Partner regions abroad, the council's dated status decisions on them, the offices
(platforms) of the international work, fields of cooperation and strategic tracks."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from common.limits import bounded, length_limits
from strategy.models import Retirable, TranslatedName, in_language

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
    kind = models.CharField(_("kind of partnership"), max_length=20, choices=Kind.choices, db_index=True)
    # Kept by partners.services.record_status_decision, from the latest decision.
    status = models.CharField(
        _("status"), max_length=30, choices=Status.choices, default=Status.UNDER_CONSIDERATION, db_index=True,
        editable=False,
    )
    status_changed_on = models.DateField(_("status changed on"), null=True, blank=True, editable=False, db_index=True)
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
            *length_limits("partners_region", fact_sheet_da=FACT_SHEET_MAX, fact_sheet_en=FACT_SHEET_MAX),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("partners:region_detail", args=[self.pk])

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
    decided_on = models.DateField(_("decided on"))
    status = models.CharField(_("status"), max_length=30, choices=PartnerStatus.choices)
    reference = models.CharField(
        _("reference"), max_length=300, help_text=_("Where the decision was made, e.g. the council meeting."),
    )
    note = models.TextField(_("note"), blank=True, **bounded(NOTE_MAX))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"),
                                    on_delete=models.PROTECT, null=True, blank=True, editable=False)
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("status decision")
        verbose_name_plural = _("status decisions")
        ordering = ["region_id", "-decided_on", "-id"]
        indexes = [models.Index(fields=["region", "-decided_on", "-id"], name="partners_decision_order")]
        get_latest_by = ["decided_on", "id"]
        constraints = [
            models.CheckConstraint(condition=_in_choices("status", PartnerStatus),
                                   name="partners_decision_status_valid"),
            models.UniqueConstraint(fields=["region", "decided_on", "status"], name="partners_decision_once_a_day",
                                    violation_error_message=_("This decision is already recorded for that day.")),
            *length_limits("partners_decision", note=NOTE_MAX),
        ]

    def __str__(self):
        return f"{self.decided_on:%Y-%m-%d}: {self.get_status_display()}"


class StrategicTrack(TranslatedName, Retirable):
    """A professional track in which partners are sought, owned by an area and department."""

    area = models.ForeignKey("strategy.Area", verbose_name=_("owning area"), on_delete=models.PROTECT,
                             related_name="tracks")
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

    @property
    def description(self):
        return in_language(self.description_da, self.description_en)
