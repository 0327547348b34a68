from django.core.management.base import BaseCommand

from actionplans.reminders import send_revision_reminders


class Command(BaseCommand):
    help = "E-mail area editors when their plan becomes due, and overdue, for revision (once each). Run daily."

    def handle(self, *args, **options):
        sent = send_revision_reminders()
        for reminder in sent:
            self.stdout.write(f"Sent {reminder.kind} reminder for {reminder.area.code} to: {reminder.recipients}")
        self.stdout.write(f"{len(sent)} reminder(s) sent.")
