"""The data version under the cached page parts (common.cache): every write to the data changes it."""

import pytest
from django.db import connection

from common.cache import data_version
from partners.models import PartnerRegion


def _tables_without_trigger():
    with connection.cursor() as cursor:
        cursor.execute("""
            SELECT t.tablename FROM pg_tables t
            WHERE t.schemaname = current_schema() AND t.tablename ~ '^(strategy|partners|actionplans|public)_'
              AND NOT EXISTS (SELECT 1 FROM pg_trigger g WHERE g.tgrelid = (quote_ident(t.tablename))::regclass
                                                            AND g.tgname = 'portal_data_version')""")
        return [row[0] for row in cursor.fetchall()]


@pytest.mark.django_db
def test_every_data_table_counts_its_writes():
    assert _tables_without_trigger() == []


@pytest.mark.django_db
def test_every_write_of_any_kind_gives_a_new_version(starting_data):
    before = data_version()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE partners_partnerregion SET name_native = name_native WHERE code = 'shanghai'")
    after = data_version()
    assert after != before
    PartnerRegion.objects.filter(code="shanghai").update(latitude=31)
    assert data_version() not in (before, after)  # in the same transaction too
    after = data_version()
    assert PartnerRegion.objects.count() == 6  # reading changes nothing
    assert data_version() == after
