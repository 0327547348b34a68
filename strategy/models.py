"""The strategy itself and its reference data: areas, purposes, values, coordination
partners, the regional plans the international work supports, and funding sources."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from common.limits import bounded, length_limits

# How long free text may be (see common.limits).
VISION_MAX = 10_000
NOTE_MAX = 2_000
SUMMARY_MAX = 10_000
DESCRIPTION_MAX = 5_000


# What the portal shows where the sources say nothing, instead of a guess.
NOT_STATED = _("not stated in the sources")


def in_language(danish: str, english: str) -> str:
    """Pick the text for the active language, falling back to the other one."""
    if (get_language() or "da").startswith("en"):
        return english or danish
    return danish or english


class TranslatedName(models.Model):
    name_da = models.CharField(_("name (Danish)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)

    class Meta:
        abstract = True

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return in_language(self.name_da, self.name_en)


class RetirableQuerySet(models.QuerySet):
    def current(self, on: datetime.date | None = None):
        """What may still be chosen for new work on the given day (today by default)."""
        on = on or timezone.localdate()
        return self.filter(Q(retired_on__isnull=True) | Q(retired_on__gt=on))

    def offered(self):
        """What forms offer for new work (see common.forms.offer_current_choices)."""
        return self.current()


class Retirable(models.Model):
    """Organisations change; history must not. A retired row stays readable and linked,
    but is no longer offered for new work from its retirement date."""

    retired_on = models.DateField(
        _("retired from"),
        null=True,
        blank=True,
        help_text=_("From this date it is no longer offered for new work. Everything linked to it stays readable."),
    )

    objects = RetirableQuerySet.as_manager()

    class Meta:
        abstract = True

    def is_retired(self, on: datetime.date | None = None) -> bool:
        on = on or timezone.localdate()
        return self.retired_on is not None and self.retired_on <= on


class Wording(models.TextChoices):
    DRAFT = "draft", _("the draft strategy (Udkast)")
    ADOPTED = "adopted", _("the adopted strategy")


class Strategy(models.Model):
    """The group strategy for internationalisation. There is one.

    Its text comes from the draft ("Udkast") until the International Office records that it holds the adopted
    wording; the council's decision date is derived from the press release, which is dated later."""

    Wording = Wording

    singleton = models.BooleanField(default=True, unique=True, editable=False)
    title_da = models.CharField(_("title (Danish)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    adopted_on = models.DateField(_("adopted on"))
    adopted_on_note_da = models.TextField(_("how the adoption date is known (Danish)"), blank=True,
                                          **bounded(NOTE_MAX))
    adopted_on_note_en = models.TextField(_("how the adoption date is known (English)"), blank=True,
                                          **bounded(NOTE_MAX))
    source_dated = models.DateField(_("date of the source"), null=True, blank=True,
                                    help_text=_("The date of the press release that reports the adoption."))
    wording = models.CharField(_("the text is from"), max_length=10, choices=Wording.choices, default=Wording.DRAFT)
    wording_note = models.TextField(
        _("note on the wording"), blank=True, **bounded(NOTE_MAX),
        help_text=_("Required for the adopted wording: where it comes from, e.g. the council's minutes."))
    international_office_head = models.CharField(
        _("head of the International Office"), max_length=200, blank=True,
        help_text=_("As quoted by the press release on the adoption."))
    international_name = models.CharField(_("international name"), max_length=100)
    vision_da = models.TextField(_("vision (Danish)"), **bounded(VISION_MAX))
    vision_en = models.TextField(_("vision (English)"), **bounded(VISION_MAX))
    summary_da = models.TextField(_("summary (Danish)"), blank=True, **bounded(SUMMARY_MAX))
    summary_en = models.TextField(_("summary (English)"), blank=True, **bounded(SUMMARY_MAX))

    class Meta:
        verbose_name = _("strategy")
        verbose_name_plural = _("strategy")
        constraints = [
            models.CheckConstraint(condition=Q(singleton=True), name="strategy_strategy_singleton"),
            models.CheckConstraint(condition=Q(wording__in=Wording.values), name="strategy_strategy_wording_valid"),
            models.CheckConstraint(
                condition=Q(wording=Wording.DRAFT) | ~Q(wording_note=""),
                name="strategy_strategy_adopted_wording_has_note",
                violation_error_message=_("Say in the note where the adopted wording comes from."),
            ),
            *length_limits("strategy_strategy", vision_da=VISION_MAX, vision_en=VISION_MAX, summary_da=SUMMARY_MAX,
                           summary_en=SUMMARY_MAX, adopted_on_note_da=NOTE_MAX, adopted_on_note_en=NOTE_MAX,
                           wording_note=NOTE_MAX),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        if self.wording == Wording.ADOPTED and not self.wording_note.strip():
            raise ValidationError({"wording_note": _("Say in the note where the adopted wording comes from.")})

    @property
    def adopted_on_note(self):
        return in_language(self.adopted_on_note_da, self.adopted_on_note_en)

    @property
    def title(self):
        return in_language(self.title_da, self.title_en)

    @property
    def vision(self):
        return in_language(self.vision_da, self.vision_en)

    @property
    def summary(self):
        return in_language(self.summary_da, self.summary_en)


class Area(TranslatedName, Retirable):
    """One of the owners of an international action plan (arbejdsområde)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        ordering = ["position", "code"]


class Purpose(TranslatedName):
    """One of the four purposes of the international work adopted by the regional council.

    The names and descriptions are the draft strategy's wording. Where the International Office has the adopted
    wording, it records it with a note on its source; pages then show the adopted wording, and say which it is."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    description_da = models.TextField(_("description (Danish)"), **bounded(DESCRIPTION_MAX))
    description_en = models.TextField(_("description (English)"), **bounded(DESCRIPTION_MAX))
    adopted_name_da = models.CharField(_("adopted name (Danish)"), max_length=200, blank=True)
    adopted_description_da = models.TextField(_("adopted wording (Danish)"), blank=True, **bounded(DESCRIPTION_MAX))
    adopted_wording_note = models.TextField(
        _("note on the adopted wording"), blank=True, **bounded(NOTE_MAX),
        help_text=_("Required with an adopted wording: where it comes from, e.g. the council's minutes."))

    class Meta:
        verbose_name = _("purpose")
        verbose_name_plural = _("purposes")
        ordering = ["number"]
        constraints = [
            models.CheckConstraint(condition=Q(number__gte=1), name="strategy_purpose_number_positive",
                                   violation_error_message=_("A purpose's number starts at 1.")),
            models.CheckConstraint(
                condition=(Q(adopted_name_da="") & Q(adopted_description_da="")) | ~Q(adopted_wording_note=""),
                name="strategy_purpose_adopted_wording_has_note",
                violation_error_message=_("Say in the note where the adopted wording comes from."),
            ),
            *length_limits("strategy_purpose", description_da=DESCRIPTION_MAX, description_en=DESCRIPTION_MAX,
                           adopted_description_da=DESCRIPTION_MAX, adopted_wording_note=NOTE_MAX),
        ]

    def clean(self):
        if (self.adopted_name_da.strip() or self.adopted_description_da.strip()) and not \
                self.adopted_wording_note.strip():
            raise ValidationError({"adopted_wording_note": _("Say in the note where the adopted wording comes from.")})

    @property
    def has_adopted_wording(self) -> bool:
        return bool(self.adopted_name_da or self.adopted_description_da)

    @property
    def name(self) -> str:
        return in_language(self.adopted_name_da or self.name_da, self.name_en)

    @property
    def description(self):
        return in_language(self.adopted_description_da or self.description_da, self.description_en)


class Principle(TranslatedName):
    """One of the strategy's nine principles: what "det skal sikres" (it must be ensured) in the international work.
    The text is the source's; the name is a short label for lists, forms and exports."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    text_da = models.TextField(_("text (Danish)"), **bounded(DESCRIPTION_MAX))
    text_en = models.TextField(_("text (English)"), **bounded(DESCRIPTION_MAX))

    class Meta:
        verbose_name = _("principle")
        verbose_name_plural = _("principles")
        ordering = ["number"]
        constraints = [
            models.CheckConstraint(condition=Q(number__gte=1), name="strategy_principle_number_positive",
                                   violation_error_message=_("A principle's number starts at 1.")),
            *length_limits("strategy_principle", text_da=DESCRIPTION_MAX, text_en=DESCRIPTION_MAX),
        ]

    def __str__(self):
        return f"{self.number}. {self.name}"

    @property
    def text(self):
        return in_language(self.text_da, self.text_en)


class Value(TranslatedName):
    """Dialogue, skill, daring: the region's values, carried into international work."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    description_da = models.TextField(_("description (Danish)"), **bounded(DESCRIPTION_MAX))
    description_en = models.TextField(_("description (English)"), **bounded(DESCRIPTION_MAX))

    class Meta:
        verbose_name = _("value")
        verbose_name_plural = _("values")
        ordering = ["position", "code"]
        constraints = length_limits("strategy_value", description_da=DESCRIPTION_MAX, description_en=DESCRIPTION_MAX)

    @property
    def description(self):
        return in_language(self.description_da, self.description_en)


class CoordinationPartner(TranslatedName, Retirable):
    """A cross-cutting international initiative the region coordinates its work with."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    description_da = models.TextField(_("description (Danish)"), blank=True, **bounded(DESCRIPTION_MAX))
    description_en = models.TextField(_("description (English)"), blank=True, **bounded(DESCRIPTION_MAX))

    class Meta:
        verbose_name = _("coordination partner")
        verbose_name_plural = _("coordination partners")
        ordering = ["name_da"]
        constraints = length_limits("strategy_coordination_partner", description_da=DESCRIPTION_MAX,
                                    description_en=DESCRIPTION_MAX)


class SupportedPlan(TranslatedName, Retirable):
    """A regional plan or strategy that the international work supports."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    area = models.ForeignKey(
        Area, verbose_name=_("area"), on_delete=models.PROTECT, null=True, blank=True, related_name="supported_plans"
    )

    class Meta:
        verbose_name = _("supported plan")
        verbose_name_plural = _("supported plans")
        ordering = ["name_da"]


class FundingSource(TranslatedName, Retirable):
    """Where an initiative's money comes from (EU research funds, structural funds, Interreg, ...)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)

    class Meta:
        verbose_name = _("funding source")
        verbose_name_plural = _("funding sources")
        ordering = ["name_da"]
