"""The audit record is only added to: the database refuses changing, deleting and emptying it, also to the
owner of its table. Two exceptions: a deleted user's events lose the link to the user (the user name stays),
and the owner may empty the record on purpose with `audit.erasing` set for the transaction (the tests do,
between tests that commit).
"""

from django.db import migrations

FORWARD = r"""
CREATE FUNCTION audit_refuse_rewrite() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF coalesce(current_setting('audit.erasing', true), '') = 'on'
            AND pg_has_role(session_user, (SELECT relowner FROM pg_class WHERE oid = TG_RELID), 'MEMBER') THEN
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    END IF;
    IF TG_OP = 'UPDATE' AND NEW.user_id IS NULL AND to_jsonb(NEW) - 'user_id' = to_jsonb(OLD) - 'user_id' THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit_event_is_record: audit events cannot be changed or deleted'
        USING ERRCODE = 'check_violation';
END
$$;
CREATE TRIGGER audit_event_no_rewrite BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_rewrite();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_rewrite();
"""

BACKWARD = r"""
DROP TRIGGER audit_event_no_truncate ON audit_event;
DROP TRIGGER audit_event_no_rewrite ON audit_event;
DROP FUNCTION audit_refuse_rewrite();
"""


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_event_object_index")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
