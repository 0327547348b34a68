from django.core.management.base import BaseCommand

from actionplans.reminders import send_status_reminders


class Command(BaseCommand):
    help = ("E-mail area editors about status updates missing in the open reporting round: once shortly before its "
            "deadline, once after it. Run daily.")

    def handle(self, *args, **options):
        sent = send_status_reminders()
        for reminder in sent:
            self.stdout.write(f"Sent {reminder.kind} reminder for {reminder.area.code} to: {reminder.recipients}")
        self.stdout.write(f"{len(sent)} reminder(s) sent.")
