"""Login events, lockouts and every change made in Django admin go to the audit record."""

from axes.signals import user_locked_out
from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_save
from django.dispatch import receiver

from audit.models import Event
from audit.services import changes_recorded_in_this_request, record


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    # How the user logged in, where the login view says (single sign-on does); a password login says nothing.
    record(Event.Action.LOGIN, request=request, user=user, detail=getattr(user, "login_method", ""))


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        record(Event.Action.LOGOUT, request=request, user=user)


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    record(Event.Action.LOGIN_FAILED, request=request, username=str(credentials.get("username", ""))[:150])


@receiver(user_locked_out)
def _locked_out(sender, request, username, ip_address, **kwargs):
    record(Event.Action.LOCKED_OUT, request=request, username=str(username or "")[:150])


_ADMIN_ACTIONS = {ADDITION: Event.Action.CREATE, CHANGE: Event.Action.CHANGE, DELETION: Event.Action.DELETE}


@receiver(post_save, sender=LogEntry)
def _admin_change(sender, instance, created, **kwargs):
    if not created:
        return
    if changes_recorded_in_this_request():
        return  # the edit pipeline recorded this save already: one event per change
    model = instance.content_type.model_class() if instance.content_type_id else None
    record(
        _ADMIN_ACTIONS.get(instance.action_flag, Event.Action.CHANGE),
        user=instance.user,
        object_type=model._meta.label if model else "",
        object_id=instance.object_id or "",
        object_repr=instance.object_repr,
        detail=instance.get_change_message(),
    )
