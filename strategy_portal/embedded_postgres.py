"""An embedded, real PostgreSQL server for machines without one (development, tests).

Used only when DATABASE_URL is not set. The data lives in a folder of the project and
survives restarts; the server listens on a Unix socket only and stops when the last
process that uses it exits.
"""

import warnings
from pathlib import Path

DATABASE_NAME = "strategy_portal"
PORTAL_ROLE = "portal"


def database_settings(pgdata: Path) -> tuple[dict, dict]:
    """Start (or join) the embedded server and return Django's DATABASES entries of the portal and the owner.

    The owner is the server's superuser `postgres`; the portal connects as PORTAL_ROLE, created here when
    missing, which owns nothing (migrate grants it its rights). Costs about a second on the first start;
    later processes join the running server.
    """
    # pgserver keeps its lock file in the user's runtime folder; /tmp is fine where none is set.
    warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR is not set")
    import pgserver

    server = pgserver.get_server(pgdata, cleanup_mode="stop")
    found = server.psql(f"SELECT 'database' FROM pg_database WHERE datname = '{DATABASE_NAME}' "
                        f"UNION ALL SELECT 'role' FROM pg_roles WHERE rolname = '{PORTAL_ROLE}';")
    if "database" not in found:
        server.psql(f"CREATE DATABASE {DATABASE_NAME};")
    if "role" not in found:
        server.psql(f"CREATE ROLE {PORTAL_ROLE} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE;")
    info = server.get_postmaster_info()
    owner = {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": DATABASE_NAME,
        "USER": "postgres",
        "HOST": str(info.socket_dir),
        "PORT": str(info.port or ""),
    }
    return {**owner, "USER": PORTAL_ROLE}, owner
