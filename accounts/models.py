from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from accounts.roles import Role


class User(AbstractUser):
    """A person who logs in. Area editors belong to the area whose plans they keep.

    A person who logs in with the region's account is linked to it by the provider's issuer and subject (`sub`),
    which never change, not by the user name, which can."""

    area = models.ForeignKey(
        "strategy.Area",
        verbose_name=_("area"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
        help_text=_("Required for area editors: the area whose action plans they may change."),
    )
    sso_issuer = models.CharField(_("identity provider"), max_length=255, blank=True, editable=False)
    sso_subject = models.CharField(_("identity at the provider"), max_length=255, blank=True, editable=False)

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(fields=["sso_issuer", "sso_subject"], condition=~Q(sso_subject=""),
                                    name="accounts_user_one_account_per_sso_identity"),
            models.CheckConstraint(condition=Q(sso_issuer="", sso_subject="")
                                   | (~Q(sso_issuer="") & ~Q(sso_subject="")),
                                   name="accounts_user_sso_issuer_with_subject"),
        ]

    def __str__(self):
        return self.get_full_name() or self.username

    @property
    def uses_region_account(self) -> bool:
        return bool(self.sso_subject)


class GroupMapping(models.Model):
    """A group of the region's identity provider and the portal role it gives; for area editors, also the area.

    At every login with the region's account, the user's roles (and area) are those of the mappings of the
    groups the provider names."""

    group = models.CharField(
        _("group at the identity provider"), max_length=255,
        help_text=_("The group's name or id exactly as the provider puts it in the groups claim (Microsoft Entra ID "
                    "sends the group's object id unless set up to send names)."))
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    area = models.ForeignKey(
        "strategy.Area", verbose_name=_("area"), on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        help_text=_("Only for the area editor role: the area whose action plans the group's members keep."))

    class Meta:
        verbose_name = _("group mapping")
        verbose_name_plural = _("group mappings")
        ordering = ["group"]
        constraints = [
            models.UniqueConstraint(Lower("group"), name="accounts_groupmapping_group_unique",
                                    violation_error_message=_("This group is mapped already.")),
            models.CheckConstraint(condition=~Q(group=""), name="accounts_groupmapping_group_not_empty"),
            models.CheckConstraint(condition=Q(role__in=Role.values), name="accounts_groupmapping_role_valid"),
            models.CheckConstraint(condition=Q(role=Role.AREA_EDITOR, area__isnull=False)
                                   | (~Q(role=Role.AREA_EDITOR) & Q(area__isnull=True)),
                                   name="accounts_groupmapping_area_exactly_for_area_editors"),
        ]

    def __str__(self):
        label = self.get_role_display()
        return f"{self.group} → {label} ({self.area})" if self.area_id else f"{self.group} → {label}"

    def clean(self):
        self.group = (self.group or "").strip()
        if self.role == Role.AREA_EDITOR and self.area_id is None:
            raise ValidationError({"area": _("An area editor needs an area: choose the area whose action plans "
                                             "the group's members keep.")})
        if self.role and self.role != Role.AREA_EDITOR and self.area_id is not None:
            raise ValidationError({"area": _("Only the area editor role has an area: leave the area empty.")})
