"""The admin kit every app's admin uses.

Nothing here is deleted through admin: a row that stops being used is retired from a date
(``retired_on``), stays readable and linked, and is no longer offered for new work.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import Http404, HttpResponseRedirect
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from common.editing import EDIT_FIELDS, EditConflict, check_version, merge_conflict, remember_loaded_values
from common.forms import CurrentChoicesForm


class KeptForeverMixin:
    """For ModelAdmins and inlines of rows that are kept for ever: no one deletes them through admin.

    Without the delete permission Django also leaves out the "delete selected" action.
    """

    def has_delete_permission(self, request, obj=None):
        return False


class CodeMixin:
    """The code is prepopulated from the English name when a row is added, and fixed afterwards:
    the starting data finds its rows by code, so a changed code would make it load the row again."""

    # Not the prepopulated_fields attribute: simple-history's version page reads that one even where the code
    # is read only.
    def get_prepopulated_fields(self, request, obj=None):
        return {} if obj is not None else {"code": ("name_en",)}

    def get_readonly_fields(self, request, obj=None):
        readonly = tuple(super().get_readonly_fields(request, obj))
        return (*readonly, "code") if obj is not None else readonly


class HistoryAdmin(SimpleHistoryAdmin):
    """History can be read in admin, not reverted.

    simple-history's revert saves an old version bypassing save_related (a partner region's status would
    no longer follow its decisions), puts back an old ``version``, and accepts the POST from anyone who
    may only view. A correction is a new change instead.
    """

    object_history_list_template = "admin/history_list.html"

    def revert_disabled(self, request, obj=None):
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied
        if not str(version_id).isdigit():  # a NUL byte or a word is no version: not found, not a server error
            raise Http404
        return super().history_form_view(request, object_id, version_id, extra_context)


class LabelledTabularInline(admin.TabularInline):
    """A tabular inline whose inputs have names. Django writes a field's label only in the column header, so the
    inputs in the rows have no accessible name (WCAG 2.1 AA, 1.3.1 and 4.1.2): each gets its column's label as
    aria-label. Checkboxes and radio buttons are left alone: each choice is labelled already."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is not None:
            widget = getattr(formfield.widget, "widget", formfield.widget)  # within admin's related-object wrapper
            if not widget.is_hidden and not isinstance(widget, forms.CheckboxSelectMultiple | forms.RadioSelect):
                widget.attrs["aria-label"] = formfield.label
        return formfield


class RetiredFilter(admin.SimpleListFilter):
    title = _("in use")
    parameter_name = "in_use"

    def lookups(self, request, model_admin):
        return [("current", _("offered for new work")), ("retired", _("retired"))]

    def queryset(self, request, queryset):
        if self.value() == "current":
            return queryset.offered()
        if self.value() == "retired":
            return queryset.exclude(pk__in=queryset.offered().values("pk"))
        return queryset


SHORT_TEXT = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 3, "cols": 60})}}


class ReferenceAdmin(KeptForeverMixin, admin.ModelAdmin):
    """Reference data with Danish and English names."""

    form = CurrentChoicesForm
    search_fields = ("name_da", "name_en")
    formfield_overrides = SHORT_TEXT


class RetirableReferenceAdmin(CodeMixin, ReferenceAdmin):
    list_display = ("name_da", "name_en", "code", "retired_on")
    list_filter = (RetiredFilter,)
    search_fields = ("name_da", "name_en", "code")


class UnlabelledHiddenInput(forms.HiddenInput):
    """A hidden input that no label points to.

    Admin writes a <label> for every field it lists, and a label's ``for`` must name a visible control (the HTML
    checker refuses it otherwise). Without an id for a label, the label Django writes has no ``for``; it stands in
    a row that admin hides, since the row has no visible field.
    """

    def id_for_label(self, id_):
        return ""


class VersionedAdminForm(CurrentChoicesForm):
    """The admin form of a versioned row: the same version check and field-by-field merge as the portal's forms
    (common.editing), so that admin never overwrites an edit made meanwhile. The ModelAdmin saves through the
    app's service, which checks the version again under lock.

    ``version`` is a model field here, so the version shown travels as ``expected_version``.
    """

    expected_version = forms.IntegerField(widget=UnlabelledHiddenInput, required=False, min_value=0)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        remember_loaded_values(self)
        if self.instance.pk is not None:
            self.fields["expected_version"].initial = self.instance.version

    def content_changes(self) -> list[str]:
        return [name for name in self.changed_data if name not in EDIT_FIELDS]

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk is not None and self.content_changes():
            try:
                saved = type(self.instance).objects.get(pk=self.instance.pk)
                check_version(saved, cleaned_data.get("expected_version"))
            except EditConflict as conflict:
                merge_conflict(self, conflict)
                raise ValidationError(CONFLICT) from None
        return cleaned_data


CONFLICT = _("Someone else saved this meanwhile, so nothing was saved. The form now holds their saved values with "
             "your changes on top; check the fields and save again.")


class ServiceAdminMixin:
    """For admins whose saves go through the app's service (the edit pipeline): a refusal the service finds under
    lock (a race the form could not see, or a rule only it knows) rolls the whole save back and says why."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except (EditConflict, ValidationError) as error:
            message = CONFLICT if isinstance(error, EditConflict) else " ".join(error.messages)
            self.message_user(request, message, level=messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())
