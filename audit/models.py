"""The audit record: who did what, when and from where."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from common.limits import bounded, length_limits

# The longest detail an event keeps (services.record cuts it to this).
DETAIL_MAX = 5_000


class Event(models.Model):
    class Action(models.TextChoices):
        LOGIN = "login", _("login")
        LOGOUT = "logout", _("logout")
        LOGIN_FAILED = "login_failed", _("failed login")
        LOCKED_OUT = "locked_out", _("locked out")
        PERMISSION_DENIED = "permission_denied", _("permission refused")
        CREATE = "create", _("created")
        CHANGE = "change", _("changed")
        DELETE = "delete", _("deleted")
        EXPORT = "export", _("export")
        ROLES_CHANGED = "roles_changed", _("roles changed by the identity provider's groups")
        DEACTIVATED = "deactivated", _("deactivated")

    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.SET_NULL,
                             null=True, blank=True, related_name="+")
    username = models.CharField(_("user name"), max_length=150, blank=True)
    ip_address = models.GenericIPAddressField(_("address"), null=True, blank=True)
    action = models.CharField(_("action"), max_length=30, choices=Action.choices, db_index=True)
    path = models.CharField(_("path"), max_length=500, blank=True)
    object_type = models.CharField(_("object type"), max_length=100, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=300, blank=True)
    detail = models.TextField(_("detail"), blank=True, **bounded(DETAIL_MAX))

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["username", "-at"], name="audit_event_user_at"),
                   models.Index(fields=["object_type", "object_id", "-at"], name="audit_event_object_at")]
        constraints = length_limits("audit_event", detail=DETAIL_MAX)

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.get_action_display()} {self.object_repr}"
