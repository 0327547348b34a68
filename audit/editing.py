"""The edit pipeline: every change of a versioned row, in the portal and in Django admin, is saved here.

In one transaction it locks the row, refuses an edit based on an outdated version (EditConflict, with who
saved meanwhile), validates (a new link to a retired or ended row is refused: common.forms.unoffered_links),
saves, sets the many-to-many relations, lets the caller keep its history, and records one audit event.
Permission is checked before (the app's permissions module); a plan's reason rule by the caller, through its
`history` step.
"""

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils.translation import gettext as _

from audit.models import Event
from audit.services import last_change, record
from common.editing import EditConflict, check_version
from common.forms import unoffered_links


def _changed(before: Model | None, after: Model, relations: dict) -> list[str]:
    if before is None:
        return []
    names = [f.name for f in after._meta.concrete_fields
             if f.editable and f.name != "version" and getattr(before, f.attname) != getattr(after, f.attname)]
    return names + [name for name, chosen in relations.items()
                    if {o.pk for o in getattr(before, name).all()} != {o.pk for o in chosen}]


@transaction.atomic
def save_edit(obj: Model, *, expected_version: int | None, by, relations: dict | None = None,
              keep: tuple[str, ...] = (), history: Callable[[bool, list[str]], str] | None = None) -> list[str]:
    """Save `obj` (it carries the new values) unless its row changed since `expected_version`.

    `relations` maps many-to-many names to the chosen rows; `keep` names fields an edit never changes (they are
    taken from the saved row). `history(created, changed)` keeps the caller's own history and returns what the
    audit event says; without it the event names the changed fields.
    Returns the names of the fields that changed (empty for a new row).
    """
    relations = relations or {}
    before = None
    if obj.pk is not None:
        before = type(obj).objects.select_for_update().get(pk=obj.pk)
        try:
            check_version(before, expected_version)
        except EditConflict as conflict:
            if change := last_change(before):
                conflict.saved_by, conflict.saved_at = change.user or change.username, change.at
            raise
        for name in keep:
            setattr(obj, name, getattr(before, name))
        obj.version = before.version + 1
    obj.full_clean()
    if refused := unoffered_links(obj, before, relations):
        raise ValidationError({name: _("No longer offered for new work: %(names)s. Links made earlier stay as they "
                                       "are.") % {"names": ", ".join(str(row) for row in rows)}
                               for name, rows in refused.items()})
    changed = _changed(before, obj, relations)
    obj.save()
    for name, chosen in relations.items():
        getattr(obj, name).set(chosen)
    created = before is None
    detail = history(created, changed) if history else ", ".join(changed)
    record(Event.Action.CREATE if created else Event.Action.CHANGE, user=by, obj=obj, detail=detail)
    return changed
