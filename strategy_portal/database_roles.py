"""The portal's database role: what it may do with the tables the owner's migrations create.

It owns nothing, so it can neither change the schema nor switch off a trigger (ALTER TABLE needs ownership).
After each `migrate` the owner grants it reading and writing on every table, but no TRUNCATE anywhere, and
on the audit record only reading and adding (plus clearing the user of a deleted user, which the audit
table's trigger checks). The history tables are guarded by their triggers, whoever writes.
"""

from django.conf import settings
from django.db import connections

# Tables the portal's role may only read and add to (the rest it may also change and delete from).
APPEND_ONLY = {"audit_event": "SELECT, INSERT", "django_migrations": "SELECT"}


def portal_role() -> str:
    return settings.PORTAL_DATABASE["USER"]


def grant_portal_role(using: str = "default") -> None:
    """Grant the portal's role its rights on every table and sequence of the schema. Idempotent."""
    connection = connections[using]
    role = connection.ops.quote_name(portal_role())
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user")
        if cursor.fetchone()[0] == portal_role():
            return  # the portal connects as the owner (see the check strategy_portal.W001): nothing to grant
        append_only = "".join(f"REVOKE ALL ON {table} FROM {role}; GRANT {rights} ON {table} TO {role};"
                              for table, rights in APPEND_ONLY.items())
        # One batch, one transaction: a running portal never sees its rights missing.
        cursor.execute(f"GRANT USAGE ON SCHEMA public TO {role};"
                       f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {role};"
                       f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role};"
                       f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role};"
                       f"{append_only}GRANT UPDATE (user_id) ON audit_event TO {role};")

def grant_after_migrate(sender, using="default", **kwargs) -> None:
    grant_portal_role(using)
