"""The admin kit every app's admin uses.

Nothing here is deleted through admin: a row that stops being used is retired from a date
(``retired_on``), stays readable and linked, and is no longer offered for new work.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin


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
        return super().history_form_view(request, object_id, version_id, extra_context)

    def save_model(self, request, obj, form, change):
        # Other editors compare versions to notice that someone changed the row meanwhile.
        if change and form.has_changed():
            obj.version += 1
        super().save_model(request, obj, form, change)


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


def save_counting_versions(formset):
    """Save an inline formset of versioned rows: a changed row gets a new version, a new one starts at 1."""
    for obj in formset.save(commit=False):
        if obj.pk is not None:
            obj.version += 1
        obj.save()
    formset.save_m2m()


def current_or_linked(queryset, linked: Q):
    """The retirable rows that may be chosen for new work today, plus those the object already links to."""
    return queryset.filter(Q(retired_on__isnull=True) | Q(retired_on__gt=timezone.localdate()) | linked)


class CurrentChoicesForm(forms.ModelForm):
    """Offers only current (not retired) reference rows; a retired row that is already linked stays selected."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        offer_current_choices(self)


def _retirable(model) -> bool:
    return any(field.name == "retired_on" for field in model._meta.concrete_fields)


def offer_current_choices(form):
    """Limit the form's choices of retirable rows to the current ones and those the instance links to."""
    instance = form.instance
    for name, field in form.fields.items():
        queryset = getattr(field, "queryset", None)
        if queryset is None or not _retirable(queryset.model):
            continue
        linked = Q(pk__in=[])
        try:
            model_field = instance._meta.get_field(name)
        except FieldDoesNotExist:
            model_field = None
        if instance.pk is not None and model_field is not None:
            if model_field.many_to_many:
                linked = Q(pk__in=getattr(instance, name).values("pk"))
            elif getattr(instance, model_field.attname) is not None:
                linked = Q(pk=getattr(instance, model_field.attname))
        field.queryset = current_or_linked(queryset, linked)


class RetiredFilter(admin.SimpleListFilter):
    title = _("in use")
    parameter_name = "in_use"

    def lookups(self, request, model_admin):
        return [("current", _("offered for new work")), ("retired", _("retired"))]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "current":
            return queryset.filter(Q(retired_on__isnull=True) | Q(retired_on__gt=today))
        if self.value() == "retired":
            return queryset.filter(retired_on__lte=today)
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
