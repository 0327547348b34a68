"""Form pieces every app uses."""

from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model


class DateInput(forms.DateInput):
    """The browser's date picker, with the ISO date it expects."""

    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def offer_current_choices(form: forms.BaseForm) -> None:
    """Offer only what may be chosen for new work, and keep what the instance already links to.

    Applies to every choice field whose model's queryset has ``offered()`` (retirable reference data, partner
    regions): a retired or ended row stays selected where it is linked already, and is not offered elsewhere.
    """
    instance = getattr(form, "instance", None)
    for name, field in form.fields.items():
        queryset = getattr(field, "queryset", None)
        if queryset is None or not hasattr(queryset, "offered"):
            continue
        linked = queryset.none()
        if instance is not None and instance.pk is not None:
            try:
                model_field = instance._meta.get_field(name)
            except FieldDoesNotExist:
                model_field = None
            if model_field is not None and model_field.many_to_many:
                linked = queryset.filter(pk__in=getattr(instance, name).values("pk"))
            elif model_field is not None and getattr(instance, model_field.attname, None) is not None:
                linked = queryset.filter(pk=getattr(instance, model_field.attname))
        field.queryset = (queryset.offered() | linked).distinct()


class CurrentChoicesForm(forms.ModelForm):
    """A model form that offers current choices only (see offer_current_choices)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        offer_current_choices(self)


def unoffered_links(obj: Model, before: Model | None, relations: dict) -> dict[str, list[Model]]:
    """What an edit would newly link that may no longer be chosen for new work, by field name: the rule of
    offer_current_choices, for the services (the form only offers what it allows, but a stale form, admin or a script
    may send more). Checks `obj`'s foreign keys and the many-to-many `relations` (name -> chosen rows) against
    `before`, the saved row (None for a new one); a link the row had already is kept as it is. Costs one query per
    field with a newly linked row."""
    refused = {}
    for field in obj._meta.concrete_fields:
        if not field.many_to_one or not hasattr(field.related_model._default_manager.all(), "offered"):
            continue
        value = getattr(obj, field.attname)
        if value is None or (before is not None and getattr(before, field.attname) == value):
            continue
        if not field.related_model._default_manager.all().offered().filter(pk=value).exists():
            refused[field.name] = [getattr(obj, field.name)]
    for name, chosen in relations.items():
        model = obj._meta.get_field(name).related_model
        if not chosen or not hasattr(model._default_manager.all(), "offered"):
            continue
        linked = set(getattr(before, name).values_list("pk", flat=True)) if before is not None else set()
        new = [row for row in chosen if row.pk not in linked]
        if not new:
            continue
        offered = set(model._default_manager.all().offered().filter(pk__in=[row.pk for row in new])
                      .values_list("pk", flat=True))
        if missing := [row for row in new if row.pk not in offered]:
            refused[name] = missing
    return refused
