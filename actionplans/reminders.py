"""E-mails to each area's editors when their plan falls due for revision, and when it is overdue: once each."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.roles import Role
from actionplans.models import CouncilTerm, RevisionReminder
from actionplans.revision import revision_state
from strategy.models import Area


def send_revision_reminders() -> list[RevisionReminder]:
    """Send what is due today and not sent before. Meant for a daily scheduler; safe to run more often."""
    today = timezone.localdate()
    term = CouncilTerm.objects.current()
    sent = []
    for area in Area.objects.current(today).prefetch_related("action_plans"):
        state = revision_state(plans=list(area.action_plans.all()), term=term, today=today)
        if not state.is_due:
            continue
        kind = RevisionReminder.Kind.OVERDUE if state.code == "overdue" else RevisionReminder.Kind.DUE
        if reminder := _send_once(area, state, kind):
            sent.append(reminder)
    return sent


def _send_once(area, state, kind):
    editors = list(User.objects.filter(area=area, is_active=True, groups__name=Role.AREA_EDITOR.value)
                   .exclude(email="").order_by("pk"))
    try:
        with transaction.atomic():
            # The unique constraint (area, term, kind) is what makes this once only, even in parallel runs.
            reminder = RevisionReminder.objects.create(area=area, term=state.term, kind=kind,
                                                       recipients=", ".join(u.email for u in editors))
            with translation.override(settings.LANGUAGE_CODE):
                subject, body = _message(area, state, kind)
            if editors:
                send_mail(subject, body, None, [u.email for u in editors])
    except IntegrityError:
        return None
    return reminder


def _message(area, state, kind):
    url = settings.PORTAL_URL.rstrip("/") + reverse("actionplans:area_detail", args=[area.code])
    values = {"area": area.name, "term": state.term.label, "deadline": state.deadline.isoformat(), "url": url}
    if kind == RevisionReminder.Kind.OVERDUE:
        subject = _("The action plan of %(area)s is overdue for revision") % values
        body = _("The deadline for adopting the revised action plan of %(area)s for council term %(term)s was "
                 "%(deadline)s. Start or finish the revision here: %(url)s") % values
    else:
        subject = _("The action plan of %(area)s is due for revision") % values
        body = _("A new council term (%(term)s) has started, so the international action plan of %(area)s is due "
                 "for revision. The revised plan should be adopted by %(deadline)s. Start the revision here: "
                 "%(url)s") % values
    return subject, body
