"""Test helpers for every app: assertions that a rule holds in model validation and in the database."""

from contextlib import contextmanager

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import override


def refusal(obj, *, language: str = "en") -> dict[str, list[str]]:
    """Run full_clean() in the given language; return the errors by field (NON_FIELD_ERRORS for the row)."""
    with override(language), pytest.raises(ValidationError) as caught:
        obj.full_clean()
    with override(language):
        return {field: [str(m) for m in messages] for field, messages in caught.value.message_dict.items()}


def non_field(errors: dict[str, list[str]]) -> list[str]:
    return errors.get(NON_FIELD_ERRORS, [])


@contextmanager
def refused_by_database(constraint: str, *models):
    """The block must fail with an IntegrityError from the named constraint and leave the row counts as they were.
    The block runs in its own savepoint, so the test can go on using the database."""
    before = {model: model.objects.count() for model in models}
    with pytest.raises(IntegrityError) as caught:
        with transaction.atomic():
            yield
    refused_by = caught.value.__cause__.diag.constraint_name
    assert refused_by == constraint, f"refused by {refused_by}, expected {constraint}"
    assert {model: model.objects.count() for model in models} == before
