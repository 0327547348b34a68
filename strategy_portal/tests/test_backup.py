import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import connection

from actionplans.tests.factories import make_plan

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def empty_database():
    name = f"{connection.settings_dict['NAME']}_restore"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    yield name
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _counts(cursor):
    counts = {}
    for model in apps.get_models(include_auto_created=True):
        cursor.execute(f'SELECT count(*) FROM "{model._meta.db_table}"')
        counts[model._meta.db_table] = cursor.fetchone()[0]
    return counts


def test_backup_restores_into_a_fresh_database(tmp_path, empty_database, health, current_term, area_editor):
    import psycopg2

    plan = make_plan(health, current_term)
    dump = tmp_path / "portal.dump"
    call_command("backup_db", output=str(dump))
    call_command("restore_db", str(dump), database=empty_database)

    with connection.cursor() as cursor:
        original = _counts(cursor)
    params = {**connection.get_connection_params(), "dbname": empty_database}
    with psycopg2.connect(**params) as restored, restored.cursor() as cursor:
        assert _counts(cursor) == original
        cursor.execute("SELECT title FROM actionplans_goal WHERE plan_id = %s ORDER BY position", [plan.pk])
        assert [row[0] for row in cursor.fetchall()] == ["Mål 1", "Mål 2"]
        cursor.execute("SELECT status FROM partners_partnerregion WHERE code = 'nedre-schlesien'")
        assert cursor.fetchone()[0] == "ended"
        cursor.execute("SELECT username FROM accounts_user WHERE id = %s", [area_editor.pk])
        assert cursor.fetchone()[0] == area_editor.username
        # The history guard came along with the data.
        cursor.execute("SELECT count(*) FROM pg_trigger WHERE tgname = 'actionplans_goal_guard'")
        assert cursor.fetchone()[0] == 1
    assert original["actionplans_initiative"] == 4


def test_restore_refuses_a_database_that_is_not_empty(tmp_path, starting_data):
    dump = tmp_path / "portal.dump"
    call_command("backup_db", output=str(dump))
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore_db", str(dump))
