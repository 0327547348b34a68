"""What is published (the public app's tables) counts as data too: a change to it gives the data version a new
number, so the cached public pages show it on the next request."""

from django.db import migrations


def _function(pattern: str) -> str:
    return r"""
CREATE OR REPLACE FUNCTION portal_track_data_changes() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    name text;
BEGIN
    FOR name IN SELECT tablename FROM pg_tables
                WHERE schemaname = current_schema() AND tablename ~ '%s'
    LOOP
        EXECUTE format('CREATE OR REPLACE TRIGGER portal_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE '
                       'ON %%I FOR EACH STATEMENT EXECUTE FUNCTION portal_bump_data_version()', name);
    END LOOP;
END $$;
""" % pattern


class Migration(migrations.Migration):
    dependencies = [("strategy_portal", "0001_data_version")]

    operations = [migrations.RunSQL(_function("^(strategy|partners|actionplans|public)_"),
                                    _function("^(strategy|partners|actionplans)_"))]
