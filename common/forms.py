"""Form pieces every app uses."""

from django import forms
from django.core.exceptions import FieldDoesNotExist


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
