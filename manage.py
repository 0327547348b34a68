#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""
import os
import sys

# These create, change or fill the schema, so they connect as its owner (README.md, "Database roles").
OWNER_COMMANDS = {"migrate", "flush", "load_strategy", "load_demo", "backup_db", "restore_db"}


def main():
    """Run administrative tasks."""
    os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'strategy_portal.settings')
    if len(sys.argv) > 1 and sys.argv[1] in OWNER_COMMANDS:
        os.environ.setdefault('DATABASE_ROLE', 'owner')
    try:
        from django.core.management import execute_from_command_line
    except ImportError as exc:
        raise ImportError(
            "Couldn't import Django. Are you sure it's installed and "
            "available on your PYTHONPATH environment variable? Did you "
            "forget to activate a virtual environment?"
        ) from exc
    execute_from_command_line(sys.argv)


if __name__ == '__main__':
    main()
