"""send_status_reminders: the editors of each area with status updates missing in the open reporting round are told
once shortly before the deadline and once after it, never twice."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from actionplans import services
from actionplans.models import ReportingRound, StatusReminder
from actionplans.tests.factories import make_plan


def _today():
    return timezone.localdate()


@pytest.fixture
def open_round(current_plan, international_office):
    """A round opened a month ago whose deadline is three days away: inside the default seven days' notice."""
    return services.open_round(as_of=_today() - datetime.timedelta(days=30),
                               deadline=_today() + datetime.timedelta(days=3), by=international_office)


def _report(initiative, by):
    services.record_status_update(initiative=initiative, as_of=_today(), status="on_track", progress=20,
                                  narrative="", seen_update=None, by=by)


def _mails_to(user):
    return [m for m in mail.outbox if user.email in m.to]


def _move_deadline(reporting_round, days_from_today):
    ReportingRound.objects.filter(pk=reporting_round.pk).update(
        deadline=_today() + datetime.timedelta(days=days_from_today))


def test_before_the_deadline_the_areas_editors_get_one_mail_listing_what_is_missing(
        open_round, current_plan, area_editor, other_area_editor, international_office):
    initiatives = list(current_plan.goals.get(title="Mål 1").initiatives.order_by("position"))
    _report(initiatives[0], area_editor)
    call_command("send_status_reminders")
    call_command("send_status_reminders")
    mails = _mails_to(area_editor)
    assert len(mails) == 1
    assert mails[0].to == [area_editor.email]
    assert "Sundhed" in mails[0].subject and "mangler" in mails[0].subject.lower()
    body = mails[0].body
    # The three initiatives not reported yet, each with its owner; not the one reported.
    assert "- Indsats 1.2 (ansvarlig: Ejer)" in body
    assert "Indsats 2.1" in body and "Indsats 2.2" in body
    assert "Indsats 1.1" not in body
    assert "http://127.0.0.1:8000/" in body
    # Regional Development has no plan in force, so nothing is due there.
    assert not _mails_to(other_area_editor) and not _mails_to(international_office)
    reminder = StatusReminder.objects.get()
    assert (reminder.round, reminder.area, reminder.kind) == (open_round, current_plan.area, "before")
    assert reminder.recipients == area_editor.email


def test_after_the_deadline_one_more_mail_and_never_a_third(open_round, area_editor):
    call_command("send_status_reminders")
    _move_deadline(open_round, -1)
    call_command("send_status_reminders")
    call_command("send_status_reminders")
    subjects = [m.subject for m in _mails_to(area_editor)]
    assert len(subjects) == 2
    assert "overskredet" in subjects[1]
    assert "Fristen for statusrunden" in _mails_to(area_editor)[1].body
    assert sorted(StatusReminder.objects.values_list("kind", flat=True)) == ["after", "before"]


def test_a_round_first_seen_after_its_deadline_gets_only_the_reminder_after_it(open_round, area_editor):
    _move_deadline(open_round, -2)
    call_command("send_status_reminders")
    call_command("send_status_reminders")
    assert list(StatusReminder.objects.values_list("kind", flat=True)) == ["after"]
    assert len(_mails_to(area_editor)) == 1


def test_nothing_while_the_deadline_is_further_away_than_the_notice(open_round, area_editor, settings):
    settings.STATUS_REMINDER_DAYS = 2
    call_command("send_status_reminders")
    assert not mail.outbox
    settings.STATUS_REMINDER_DAYS = 3
    call_command("send_status_reminders")
    assert len(_mails_to(area_editor)) == 1


def test_nothing_when_every_update_is_in(open_round, current_plan, area_editor):
    for goal in current_plan.goals.all():
        for initiative in goal.initiatives.all():
            _report(initiative, area_editor)
    _move_deadline(open_round, -1)
    call_command("send_status_reminders")
    assert not mail.outbox
    assert not StatusReminder.objects.exists()


def test_nothing_without_an_open_round(current_plan, area_editor, international_office):
    call_command("send_status_reminders")
    closed = services.open_round(as_of=_today() - datetime.timedelta(days=40),
                                 deadline=_today() - datetime.timedelta(days=10), by=international_office)
    services.close_round(reporting_round=closed, by=international_office)
    call_command("send_status_reminders")
    assert not mail.outbox
    assert not StatusReminder.objects.exists()


def test_each_area_gets_its_own_mail(open_round, area_editor, other_area_editor, regional_development,
                                     current_term):
    make_plan(regional_development, current_term, goals=1, initiatives=1)
    call_command("send_status_reminders")
    assert len(_mails_to(area_editor)) == 1 and len(_mails_to(other_area_editor)) == 1
    assert "Regional Udvikling" in _mails_to(other_area_editor)[0].subject
    assert "Indsats 1.1" in _mails_to(other_area_editor)[0].body
    assert "Indsats 2.1" not in _mails_to(other_area_editor)[0].body
