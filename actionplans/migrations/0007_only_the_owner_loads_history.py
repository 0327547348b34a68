"""Only the owner of the tables may load history: `actionplans.loading_history` set by any other role (the
portal's, which owns nothing) changes nothing, and the triggers refuse its changes to history as before.
"""

from django.db import migrations

OWNER_ONLY = r"""
CREATE OR REPLACE FUNCTION actionplans_loading_history() RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT coalesce(current_setting('actionplans.loading_history', true), '') = 'on'
        AND pg_has_role(session_user,
                        (SELECT relowner FROM pg_class WHERE oid = 'actionplans_actionplan'::regclass), 'MEMBER')
$$;
"""

ANYONE = r"""
CREATE OR REPLACE FUNCTION actionplans_loading_history() RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT coalesce(current_setting('actionplans.loading_history', true), '') = 'on'
$$;
"""


class Migration(migrations.Migration):
    dependencies = [("actionplans", "0006_status_reminders")]

    operations = [migrations.RunSQL(OWNER_ONLY, ANYONE)]
