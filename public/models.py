"""What the portal shows to everyone, without logging in: its accessibility statement and what the International
Office has published."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from common.limits import bounded, length_limits
from strategy.models import in_language

# How long free text may be (see common.limits).
STATEMENT_TEXT_MAX = 10_000


class Compliance(models.TextChoices):
    FULL = "full", _("fully compliant")
    PARTIAL = "partial", _("partially compliant")
    NONE = "none", _("not compliant")


class Method(models.TextChoices):
    SELF = "self", _("the authority evaluated the website itself")
    EXTERNAL = "external", _("an external party evaluated the website")
    OTHER = "other", _("another method")


class AccessibilityStatement(models.Model):
    """The portal's accessibility statement (tilgængelighedserklæring), in the form of the EU's model statement that
    the Danish web accessibility act (lov om tilgængelighed af offentlige organers websteder og mobilapplikationer)
    and the Agency for Digital Government's WAS-Tool follow. There is one; administrators keep it up to date, at
    least once a year."""

    Compliance = Compliance
    Method = Method

    singleton = models.BooleanField(default=True, unique=True, editable=False)
    organisation = models.CharField(_("responsible authority"), max_length=200)
    compliance = models.CharField(_("compliance with EN 301 549 (WCAG 2.1 AA)"), max_length=10,
                                  choices=Compliance.choices)
    method = models.CharField(_("how the website was evaluated"), max_length=10, choices=Method.choices)
    method_da = models.TextField(_("evaluation, described (Danish)"), **bounded(STATEMENT_TEXT_MAX))
    method_en = models.TextField(_("evaluation, described (English)"), **bounded(STATEMENT_TEXT_MAX))
    known_gaps_da = models.TextField(_("content that is not accessible, and why (Danish)"), blank=True,
                                     **bounded(STATEMENT_TEXT_MAX))
    known_gaps_en = models.TextField(_("content that is not accessible, and why (English)"), blank=True,
                                     **bounded(STATEMENT_TEXT_MAX))
    contact_email = models.EmailField(_("contact e-mail"), blank=True,
                                      help_text=_("Written contact for reports of content that is not accessible."))
    contact_phone = models.CharField(_("contact telephone"), max_length=40, blank=True)
    prepared_on = models.DateField(_("statement prepared on"))
    reviewed_on = models.DateField(_("last reviewed on"),
                                   help_text=_("The statement is reviewed at least once a year."))
    was_url = models.URLField(_("address of the statement in WAS-Tool"), blank=True,
                              help_text=_("Where the Agency for Digital Government publishes the statement "
                                          "(was.digst.dk/…), once it is registered there."))

    class Meta:
        verbose_name = _("accessibility statement")
        verbose_name_plural = _("accessibility statement")
        constraints = [
            models.CheckConstraint(condition=Q(singleton=True), name="public_statement_singleton"),
            models.CheckConstraint(condition=Q(compliance__in=Compliance.values),
                                   name="public_statement_compliance_valid"),
            models.CheckConstraint(condition=Q(method__in=Method.values),
                                   name="public_statement_method_valid"),
            models.CheckConstraint(condition=Q(reviewed_on__gte=models.F("prepared_on")),
                                   name="public_statement_reviewed_after_prepared",
                                   violation_error_message=_("The statement cannot be reviewed before it was "
                                                             "prepared.")),
            *length_limits("public_statement", method_da=STATEMENT_TEXT_MAX, method_en=STATEMENT_TEXT_MAX,
                           known_gaps_da=STATEMENT_TEXT_MAX, known_gaps_en=STATEMENT_TEXT_MAX),
        ]

    def __str__(self):
        return str(self._meta.verbose_name).capitalize()

    @property
    def method_text(self):
        return in_language(self.method_da, self.method_en)

    @property
    def known_gaps(self):
        return in_language(self.known_gaps_da, self.known_gaps_en)

    @property
    def has_contact(self) -> bool:
        """The act asks for both a written and a telephone contact."""
        return bool(self.contact_email and self.contact_phone)


class Publication(models.Model):
    """What the International Office has published for everyone to read, without logging in: the strategy (with
    its areas, purposes and strategic tracks) and the partner regions with their status history. Plans are
    published one by one (PlanPublication). There is one; nothing is public until it is switched on."""

    singleton = models.BooleanField(default=True, unique=True, editable=False)
    strategy_public = models.BooleanField(
        _("the strategy is public"), default=False,
        help_text=_("Vision, purposes, values, areas, platforms and strategic tracks."))
    partners_public = models.BooleanField(
        _("the partner regions are public"), default=False,
        help_text=_("Every partner region with its status history; no notes and no staff names."))
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publication")
        constraints = [models.CheckConstraint(condition=Q(singleton=True), name="public_publication_singleton")]

    def __str__(self):
        return str(self._meta.verbose_name).capitalize()


class PlanPublication(models.Model):
    """Whether an action plan in force, and its latest reported status, are public. Only a plan in force is shown:
    a plan that is superseded (or a draft) is never public, whatever is recorded here."""

    plan = models.OneToOneField("actionplans.ActionPlan", verbose_name=_("action plan"), on_delete=models.PROTECT,
                                related_name="publication")
    plan_public = models.BooleanField(_("the plan is public"), default=False)
    status_public = models.BooleanField(
        _("its latest reported status is public"), default=False,
        help_text=_("Each initiative's latest status and progress, and its narrative unless marked internal."))

    class Meta:
        verbose_name = _("plan publication")
        verbose_name_plural = _("plan publications")
        constraints = [
            models.CheckConstraint(condition=Q(plan_public=True) | Q(status_public=False),
                                   name="public_plan_status_needs_plan",
                                   violation_error_message=_("A plan's status can only be public when the plan "
                                                             "is.")),
        ]

    def __str__(self):
        return str(self.plan)

    def clean(self):
        if self.status_public and not self.plan_public:
            raise ValidationError({"status_public": _("A plan's status can only be public when the plan is.")})
        if self.plan_public and self.plan_id and self.plan.status != self.plan.Status.IN_FORCE:
            raise ValidationError(_("Only a plan in force can be made public."))
