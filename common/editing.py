"""What an edit form needs to save without losing anyone's work.

Every edit form carries the version it was loaded at and, for each field, the value it was loaded with
(Django's hidden initial). When someone else saved the same row meanwhile, the save is refused with
EditConflict, and the form is merged field by field: what this editor changed stays theirs, what only
the other person changed takes the saved value, and a field both changed is shown side by side for
an explicit choice. Saving again then keeps both people's work.
"""

import datetime
from dataclasses import dataclass

from django import forms
from django.db.models import Model
from django.utils.html import format_html_join
from django.utils.translation import gettext

# Form fields that say how a change is made, not what changes.
EDIT_FIELDS = ("version", "expected_version", "reason")


class EditConflict(Exception):
    """Someone else saved the same row since this edit began. `current` is the row as saved now;
    `saved_by` and `saved_at` say who and when, where the record knows."""

    def __init__(self, current: Model, *, saved_by=None, saved_at: datetime.datetime | None = None):
        super().__init__("edit conflict")
        self.current = current
        self.saved_by = saved_by
        self.saved_at = saved_at
        self.fields: list[FieldConflict] = []  # set by merge_conflict()


@dataclass
class FieldConflict:
    name: str
    label: str
    loaded: str  # when the editor opened the form; "" where the form did not say
    theirs: str
    yours: str
    both: bool  # both changed the field to different values: the editor chooses
    keeps_yours: bool  # the merged form holds the editor's value (else the saved one)


def check_version(current: Model, expected_version: int | None) -> None:
    """Refuse an edit based on another version than the saved row's (`current`, locked by the caller)."""
    if current.version != expected_version:
        raise EditConflict(current)


class _LoadedValue(forms.HiddenInput):
    """The hidden input of a field's loaded value: no aria-* attributes (they belong to the visible field)."""

    def get_context(self, name, value, attrs):
        attrs = {key: val for key, val in (attrs or {}).items() if not key.startswith("aria-")}
        return super().get_context(name, value, attrs)


class _LoadedValues(_LoadedValue, forms.MultipleHiddenInput):
    pass


def remember_loaded_values(form: forms.BaseForm) -> None:
    """Make every content field send back the value it was loaded with (Django's hidden initial)."""
    for name, field in form.fields.items():
        if name not in EDIT_FIELDS:
            field.show_hidden_initial = True
            multiple = issubclass(field.hidden_widget, forms.MultipleHiddenInput)
            field.hidden_widget = _LoadedValues if multiple else _LoadedValue


class EditForm(forms.Form):
    """Mixin for edit forms of versioned rows: the version edited, and each field's loaded value."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        remember_loaded_values(self)
        instance = getattr(self, "instance", None)
        if instance is not None and instance.pk is not None and "version" in self.fields:
            self.fields["version"].initial = instance.version

    def hidden_initials(self):
        """The loaded values of the fields whose choices crispy forms renders one by one (checkboxes, radio
        buttons) as hidden inputs; it renders every other field whole, its loaded value included."""
        one_by_one = forms.CheckboxSelectMultiple | forms.RadioSelect
        return format_html_join("", "{}", ((self[name].as_hidden(only_initial=True),)
                                           for name, field in self.fields.items()
                                           if field.show_hidden_initial and isinstance(field.widget, one_by_one)))

    def content_changes(self) -> list[str]:
        """The fields this editor changed, compared with the values the form was loaded with."""
        return [name for name in self.changed_data if name not in EDIT_FIELDS]


def _display(field: forms.Field, value) -> str:
    """A field's value as a person reads it (choices by label)."""
    if value in (None, "", [], ()):
        return "–"
    choices = dict((str(k), v) for k, v in getattr(field, "choices", []) if not isinstance(v, list | tuple))
    if isinstance(value, list | tuple):
        return ", ".join(str(choices.get(str(v), v)) for v in value)
    return str(choices.get(str(value), value))


def _as_data(value) -> list[str]:
    """A form field's Python value as submitted data."""
    if value is None or value is False:
        return []
    if value is True:
        return ["on"]
    if isinstance(value, list | tuple):
        return [str(v.pk if isinstance(v, Model) else v) for v in value]
    if isinstance(value, Model):
        return [str(value.pk)]
    if isinstance(value, datetime.date):
        return [value.isoformat()]
    return [str(value)]


def merge_conflict(form: forms.Form, error: EditConflict) -> None:
    """Rebase a refused form on the saved row (`error.current`), field by field.

    The form's data afterwards: this editor's changes on top of the saved values, based on the saved version,
    so that saving again overwrites nothing the editor did not change. Fields both people changed differently
    get an error that names both values; `error.fields` lists every field the other person changed.
    """
    saved = type(form)(instance=error.current) if hasattr(form, "instance") else None
    data = form.data.copy()
    mine = set(form.content_changes())
    for name, field in form.fields.items():
        if not field.show_hidden_initial or saved is None:
            continue
        initial_name = form.add_initial_prefix(name)
        now, posted = saved[name].value(), form[name].data
        if initial_name in form.data:
            loaded_raw = field.hidden_widget().value_from_datadict(form.data, form.files, initial_name)
            if not field.has_changed(now, loaded_raw):
                continue  # the other person left this field alone
            loaded, both = _display(field, field.to_python(loaded_raw)), name in mine
        elif field.has_changed(now, posted):
            # The form did not say what it was loaded with: the editor's value stays, shown beside theirs.
            loaded, both, mine = "", False, mine | {name}
        else:
            continue
        now_data = _as_data(now)
        both = both and field.has_changed(now, posted)
        error.fields.append(FieldConflict(name=name, label=str(field.label), loaded=loaded,
                                          theirs=_display(field, now), yours=_display(field, form[name].value()),
                                          both=both, keeps_yours=name in mine))
        if name not in mine:
            data.setlist(form.add_prefix(name), now_data)
        data.setlist(initial_name, now_data)
    for name in ("version", "expected_version"):
        if name in form.fields:
            data[form.add_prefix(name)] = error.current.version
    form.data = data
    for conflict in error.fields:
        if conflict.both:
            form.add_error(conflict.name, gettext(
                "Someone else changed this to “%(theirs)s” meanwhile; the field holds yours (“%(yours)s”). "
                "Keep it or change it, then save.") % {"theirs": conflict.theirs, "yours": conflict.yours})
