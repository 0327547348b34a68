"""Back up the database with pg_dump (custom format) and restore such a file into an empty database."""

import os
import shutil
import subprocess
from pathlib import Path

from django.conf import settings
from django.db import connections


class BackupError(Exception):
    pass


def _tool(name: str) -> str:
    """pg_dump/pg_restore: from PG_BIN_DIR if set, else the ones shipped with pgserver (PostgreSQL 16),
    else the machine's own. A dump tool must be at least as new as the server."""
    if bin_dir := os.environ.get("PG_BIN_DIR"):
        return str(Path(bin_dir) / name)
    try:
        from pgserver._commands import POSTGRES_BIN_PATH

        return str(POSTGRES_BIN_PATH / name)
    except ImportError:
        return shutil.which(name) or name


def _connection_args(alias: str = "default", database: str | None = None) -> tuple[list[str], dict]:
    db = settings.DATABASES[alias]
    host = db.get("HOST") or db.get("OPTIONS", {}).get("host", "")
    args = ["--dbname", database or db["NAME"], "--username", db.get("USER") or "postgres"]
    if host:
        args += ["--host", host]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    env = {**os.environ, "PGPASSWORD": db.get("PASSWORD") or "", "PGCONNECT_TIMEOUT": "10"}
    return args, env


def backup(path: Path, *, alias: str = "default") -> Path:
    args, env = _connection_args(alias)
    result = subprocess.run([_tool("pg_dump"), "--format=custom", "--no-owner", "--file", str(path), *args],
                            env=env, capture_output=True, text=True)
    if result.returncode:
        raise BackupError(result.stderr.strip())
    return path


def restore(path: Path, *, database: str | None = None, alias: str = "default") -> None:
    """Restore into `database` (default: the configured one), which must be empty."""
    target = database or settings.DATABASES[alias]["NAME"]
    if _has_tables(alias, target):
        raise BackupError(f"database {target} is not empty: restore only into an empty database")
    args, env = _connection_args(alias, target)
    result = subprocess.run([_tool("pg_restore"), "--no-owner", "--no-privileges", "--exit-on-error",
                             *args, str(path)], env=env, capture_output=True, text=True)
    if result.returncode:
        raise BackupError(result.stderr.strip())


def _has_tables(alias: str, database: str) -> bool:
    import psycopg2

    params = connections[alias].get_connection_params()
    params["dbname"] = database
    with psycopg2.connect(**params) as conn, conn.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
        return cursor.fetchone()[0] > 0
