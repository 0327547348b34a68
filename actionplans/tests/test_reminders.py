import datetime

from django.core import mail
from django.core.management import call_command

from actionplans.models import RevisionReminder


def test_due_reminder_goes_to_the_areas_editors_once(old_plan, area_editor, other_area_editor, settings):
    settings.REVISION_DEADLINE_DAYS = 100000
    call_command("send_revision_reminders")
    call_command("send_revision_reminders")
    # Health's plan is due; areas with no plan at all are due too, but only Health has an editor here.
    health_mails = [m for m in mail.outbox if area_editor.email in m.to]
    assert len(health_mails) == 1
    assert "skal revideres" in health_mails[0].subject
    assert "/plans/area/sundhed/" in health_mails[0].body
    assert other_area_editor.email not in health_mails[0].to
    assert RevisionReminder.objects.filter(area=old_plan.area, kind="due").count() == 1


def test_overdue_reminder_is_sent_once_after_the_deadline(old_plan, area_editor, current_term, settings):
    settings.REVISION_DEADLINE_DAYS = 100000
    call_command("send_revision_reminders")
    days_in = (datetime.date.today() - current_term.starts_on).days
    settings.REVISION_DEADLINE_DAYS = max(days_in - 1, 0)
    call_command("send_revision_reminders")
    call_command("send_revision_reminders")
    kinds = [m.subject for m in mail.outbox if area_editor.email in m.to]
    assert len(kinds) == 2
    assert "overskredet" in kinds[1]


def test_no_reminder_when_the_plan_is_current(current_plan, area_editor):
    call_command("send_revision_reminders")
    assert not [m for m in mail.outbox if area_editor.email in m.to]
