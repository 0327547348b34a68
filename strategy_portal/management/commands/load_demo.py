from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from actionplans.demo import load_demo_follow_up, load_demo_plans
from strategy_portal.demo import DEMO_PASSWORD, load_demo_users


class Command(BaseCommand):
    help = ("Create demo users of every role, example action plans and a year of follow-up on them (idempotent). "
            "Refused in production.")

    def add_arguments(self, parser):
        parser.add_argument("--allow-production", action="store_true",
                            help="Create the demo users even with DEBUG off (test and benchmark servers only).")

    def handle(self, *args, allow_production=False, **options):
        if not settings.DEBUG and not allow_production:
            raise CommandError("Demo users have a published password: refused with DEBUG off.")
        users = load_demo_users()
        plans = load_demo_plans()
        if plans:
            self.stdout.write(f"Example action plans created: {plans}.")
        if updates := load_demo_follow_up():
            self.stdout.write(f"Example reporting rounds created, with {updates} status updates.")
        self.stdout.write(f"Demo users (password: {DEMO_PASSWORD}):")
        for username, role in users:
            self.stdout.write(f"  {username:<22} {role}")
