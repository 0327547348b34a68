"""Length limits on free text, held alike in three places: a form gets a maxlength and says what is too long,
model validation refuses more, and so does the database. A CharField has its limit already (max_length)."""

from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual


def bounded(limit: int) -> dict:
    """A TextField's arguments for a limit: `models.TextField(_("note"), blank=True, **bounded(NOTE_MAX))`."""
    return {"max_length": limit, "validators": [MaxLengthValidator(limit)]}


def length_limits(prefix: str, **limits: int) -> list[models.CheckConstraint]:
    """The database's side of `bounded`: a check constraint `<prefix>_<field>_length` per field."""
    return [models.CheckConstraint(condition=LessThanOrEqual(Length(field), limit), name=f"{prefix}_{field}_length")
            for field, limit in limits.items()]
