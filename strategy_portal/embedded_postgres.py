"""An embedded, real PostgreSQL server for machines without one (development, tests).

Used only when DATABASE_URL is not set. The data lives in a folder of the project and
survives restarts; the server listens on a Unix socket only and stops when the last
process that uses it exits.
"""

import warnings
from pathlib import Path

DATABASE_NAME = "strategy_portal"


def database_settings(pgdata: Path) -> dict:
    """Start (or join) the embedded server and return Django's DATABASES entry.

    Costs about a second on the first start; later processes join the running server.
    """
    # pgserver keeps its lock file in the user's runtime folder; /tmp is fine where none is set.
    warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR is not set")
    import pgserver

    server = pgserver.get_server(pgdata, cleanup_mode="stop")
    exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE_NAME}';")
    if "(1 row)" not in exists:
        server.psql(f"CREATE DATABASE {DATABASE_NAME};")
    info = server.get_postmaster_info()
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": DATABASE_NAME,
        "USER": "postgres",
        "HOST": str(info.socket_dir),
        "PORT": str(info.port or ""),
    }
