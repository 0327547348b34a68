from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from strategy_portal.backup import BackupError, restore


class Command(BaseCommand):
    help = "Restore a backup file into an empty database (the configured one, or --database NAME)."

    def add_arguments(self, parser):
        parser.add_argument("input", help="A file written by backup_db")
        parser.add_argument("--database", help="Restore into this database on the same server instead")

    def handle(self, *args, input, database=None, **options):
        path = Path(input)
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        try:
            restore(path, database=database)
        except BackupError as error:
            raise CommandError(f"Restore failed: {error}") from error
        self.stdout.write(f"Restored {path} into {database or 'the configured database'}.")
