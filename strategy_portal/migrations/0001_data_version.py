"""The data version: a number that changes with every write to the portal's data, so that read-mostly results
can be cached until the data under them changes (common.cache).

Every statement that writes a table of the strategy, the partner regions or the action plans (their history and
link tables included) gives the version a new number from a sequence. Inside the writing transaction the new number is
seen at once; others see it when the transaction commits, together with the data.
A sequence never hands out a number twice, so a number that a rolled-back transaction took is never seen again.
`portal_track_data_changes()` puts the trigger on every such table; it runs after each `migrate` (apps.py), so
tables added later are covered too."""

from django.db import migrations

SQL = r"""
CREATE SEQUENCE portal_data_version_seq;
CREATE TABLE portal_data_version (
    id boolean PRIMARY KEY DEFAULT true CHECK (id),
    version bigint NOT NULL
);
INSERT INTO portal_data_version VALUES (true, nextval('portal_data_version_seq'));

CREATE FUNCTION portal_bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE portal_data_version SET version = nextval('portal_data_version_seq');
    RETURN NULL;
END $$;

CREATE FUNCTION portal_track_data_changes() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    name text;
BEGIN
    FOR name IN SELECT tablename FROM pg_tables
                WHERE schemaname = current_schema() AND tablename ~ '^(strategy|partners|actionplans)_'
    LOOP
        EXECUTE format('CREATE OR REPLACE TRIGGER portal_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE '
                       'ON %I FOR EACH STATEMENT EXECUTE FUNCTION portal_bump_data_version()', name);
    END LOOP;
END $$;
"""

REVERSE = """
DROP FUNCTION portal_track_data_changes();
DROP FUNCTION portal_bump_data_version() CASCADE;
DROP TABLE portal_data_version;
DROP SEQUENCE portal_data_version_seq;
"""


class Migration(migrations.Migration):
    dependencies = []

    operations = [migrations.RunSQL(SQL, REVERSE)]
