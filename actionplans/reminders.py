"""E-mails to each area's editors: when their plan falls due for revision, and when it is overdue; and when status
updates of the open reporting round are missing, shortly before its deadline and after it. Each once only."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.roles import Role
from actionplans.models import RECIPIENTS_MAX, CouncilTerm, ReportingRound, RevisionReminder, StatusReminder
from actionplans.revision import revision_state
from actionplans.rollup import round_progress
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
        with translation.override(settings.LANGUAGE_CODE):
            subject, body = _revision_message(area, state, kind)
        reminder = _send_once(RevisionReminder(area=area, term=state.term, kind=kind), area_editors(area),
                              subject, body)
        if reminder:
            sent.append(reminder)
    return sent


def send_status_reminders() -> list[StatusReminder]:
    """Remind the editors of each area with status updates missing in the open reporting round: once from
    STATUS_REMINDER_DAYS before its deadline, once after it. Meant for a daily scheduler; safe to run more often."""
    today = timezone.localdate()
    reporting_round = ReportingRound.objects.filter(is_open=True).first()
    kind = reporting_round.reminder_due(today, settings.STATUS_REMINDER_DAYS) if reporting_round else None
    if kind is None:
        return []
    missing = [area for area in round_progress(reporting_round, on=today)["areas"] if area["missing"]]
    areas = Area.objects.in_bulk([area["id"] for area in missing])
    sent = []
    for progress in missing:
        area = areas[progress["id"]]
        with translation.override(settings.LANGUAGE_CODE):
            subject, body = _status_message(area, reporting_round, kind, progress["missing"])
        reminder = _send_once(StatusReminder(round=reporting_round, area=area, kind=kind), area_editors(area),
                              subject, body)
        if reminder:
            sent.append(reminder)
    return sent


def area_editors(area) -> list[User]:
    """The active editors of an area who have an e-mail address."""
    return list(User.objects.filter(area=area, is_active=True, groups__name=Role.AREA_EDITOR.value)
                .exclude(email="").order_by("pk"))


def _send_once(reminder, editors, subject: str, body: str):
    """Record the reminder and send it, or neither. The reminder's unique constraint is what makes it once only,
    even in parallel runs: None when it was sent before."""
    reminder.recipients = ", ".join(u.email for u in editors)[:RECIPIENTS_MAX]
    try:
        with transaction.atomic():
            reminder.save()
            if editors:
                send_mail(subject, body, None, [u.email for u in editors])
    except IntegrityError:
        return None
    return reminder


def _portal_url(path: str) -> str:
    return settings.PORTAL_URL.rstrip("/") + path


def _revision_message(area, state, kind):
    url = _portal_url(reverse("actionplans:area_detail", args=[area.code]))
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


def _status_message(area, reporting_round, kind, missing):
    # The home page lists each editor's missing updates with a link to their plan's reporting page.
    values = {"area": area.name, "round": str(reporting_round), "url": _portal_url(reverse("portal:home")),
              "deadline": formats.date_format(reporting_round.deadline, "SHORT_DATE_FORMAT"),
              "initiatives": "\n".join(_("- %(title)s (owner: %(owner)s)") % {"title": row["title"],
                                                                              "owner": row["owner"]}
                                       for row in missing)}
    if kind == StatusReminder.Kind.AFTER:
        subject = _("Status updates of %(area)s are overdue: %(round)s") % values
        body = _("The deadline of the reporting round “%(round)s” was %(deadline)s. These initiatives of %(area)s "
                 "still have no status update:\n\n%(initiatives)s\n\nReport their status as soon as possible: "
                 "%(url)s") % values
    else:
        subject = _("Status updates of %(area)s are due by %(deadline)s: %(round)s") % values
        body = _("The reporting round “%(round)s” closes for updates on %(deadline)s. These initiatives of "
                 "%(area)s have no status update yet:\n\n%(initiatives)s\n\nReport their status here: %(url)s") % values
    return subject, body
