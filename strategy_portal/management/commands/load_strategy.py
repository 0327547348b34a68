from django.core.management.base import BaseCommand

from strategy_portal.starting_data import load_starting_data


class Command(BaseCommand):
    help = "Load the strategy's starting data (idempotent: creates what is missing, never overwrites)."

    def handle(self, *args, **options):
        created = load_starting_data()
        total = sum(created.values())
        details = ", ".join(f"{kind}: {n}" for kind, n in created.items() if n)
        self.stdout.write(f"Starting data loaded: {total} rows created" + (f" ({details})." if details else "."))
