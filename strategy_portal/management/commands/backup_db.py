from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from strategy_portal.backup import BackupError, backup


class Command(BaseCommand):
    help = "Back up the database to a file (pg_dump custom format)."

    def add_arguments(self, parser):
        parser.add_argument("--output", help="The file to write; default backups/portal-<timestamp>.dump")

    def handle(self, *args, output=None, **options):
        path = Path(output or f"backups/portal-{timezone.now():%Y%m%d-%H%M%S}.dump")
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            backup(path)
        except BackupError as error:
            raise CommandError(f"Backup failed: {error}") from error
        self.stdout.write(f"Backed up to {path} ({path.stat().st_size} bytes).")
