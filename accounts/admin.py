"""Users in admin: Django's user admin plus the area an area editor works for; the role groups are read only.

Groups and permissions are chosen with checkboxes, not Django's two-box filter widget: that widget needs
JavaScript and gives a text-less element an aria-label (WCAG 2.1 AA, 4.1.2).
"""

import datetime

from django import forms
from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.auth.admin import GroupAdmin as BaseGroupAdmin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, ReadOnlyPasswordHashWidget, UserChangeForm
from django.contrib.auth.models import Group
from django.db import models
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin as BaseTOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import GroupMapping, User
from accounts.roles import Role
from common.forms import CurrentChoicesForm, offer_current_choices


class AreaEditorFormMixin:
    """An area editor changes their own area's plans, so they need an area; only current areas are offered.

    The rule is checked here, not in User.clean(): it depends on the groups chosen in the same form,
    which are saved after the user.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        offer_current_choices(self)

    def clean(self):
        cleaned_data = super().clean()
        if "area" not in self.fields or self.has_error("area") or cleaned_data.get("area") is not None:
            return cleaned_data
        if "groups" in self.fields:
            groups = cleaned_data.get("groups") or []
        else:
            groups = self.instance.groups.all() if self.instance.pk else []
        if any(group.name == Role.AREA_EDITOR.value for group in groups):
            self.add_error("area", _("An area editor needs an area: choose the area whose action plans they keep."))
        return cleaned_data


class PasswordSummaryWidget(ReadOnlyPasswordHashWidget):
    """Django's summary of the password, without the ``disabled`` that its read-only field passes on: the summary
    is a <div>, where HTML does not allow that attribute."""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"].pop("disabled", None)
        return context


class UserChangeWithAreaForm(AreaEditorFormMixin, UserChangeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "password" in self.fields:
            self.fields["password"].widget = PasswordSummaryWidget()


class UserCreationWithAreaForm(AreaEditorFormMixin, AdminUserCreationForm):
    pass


def _with_area(fieldsets):
    """Django's user fieldsets with the area right after the groups, and the individual permissions (a long list
    of checkboxes, seldom needed: the roles give the permissions) in a section of their own, folded."""
    result = []
    for name, options in fieldsets:
        fields = list(options["fields"])
        if "groups" in fields:
            fields.insert(fields.index("groups") + 1, "area")
        own_permissions = "user_permissions" in fields
        if own_permissions:
            fields.remove("user_permissions")
        result.append((name, {**options, "fields": tuple(fields)}))
        if own_permissions:
            result.append((_OWN_PERMISSIONS, {"classes": ("collapse",), "fields": ("user_permissions",)}))
    return tuple(result)


# The heading of the user's own permissions: the field's help text ("Specific permissions for this user."), which
# Django translates, as "user permissions" comes out the same as "Permissions" in Danish.
_OWN_PERMISSIONS = lazy(lambda: str(User._meta.get_field("user_permissions").help_text).rstrip("."), str)()


class CheckboxesMixin:
    """Many-to-many choices (groups, permissions) as labelled checkboxes."""

    filter_horizontal = ()

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)


_PERSONAL_INFO, _PERMISSIONS = BaseUserAdmin.fieldsets[1][0], BaseUserAdmin.fieldsets[2][0]


def not_logged_in_since(queryset, days: int):
    """Users who have not logged in for `days` days: their last login, or their account if never, is older."""
    cutoff = timezone.now() - datetime.timedelta(days=days)
    return queryset.filter(models.Q(last_login__lt=cutoff) | models.Q(last_login__isnull=True, date_joined__lt=cutoff))


class NotLoggedInFilter(admin.SimpleListFilter):
    """Users who have not logged in for N days: the choices offered, or any number of days in the address
    (``?not_logged_in_days=45``)."""

    title = _("not logged in for")
    parameter_name = "not_logged_in_days"
    DAYS = (30, 90, 180, 365)

    def lookups(self, request, model_admin):
        return [(str(days), ngettext("%(days)d day", "%(days)d days", days) % {"days": days}) for days in self.DAYS]

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        try:
            days = int(self.value())
        except ValueError:
            days = -1
        if not 0 <= days <= 36_500:
            raise IncorrectLookupParameters(self.value())
        return not_logged_in_since(queryset, days)


class LoginMethodFilter(admin.SimpleListFilter):
    title = _("logs in with")
    parameter_name = "login_method"

    def lookups(self, request, model_admin):
        return [("region", _("the region's account")), ("local", _("a local password"))]

    def queryset(self, request, queryset):
        if self.value() == "region":
            return queryset.exclude(sso_subject="")
        if self.value() == "local":
            return queryset.filter(sso_subject="")
        return queryset


@admin.register(User)
class UserAdmin(CheckboxesMixin, BaseUserAdmin):
    form = UserChangeWithAreaForm
    add_form = UserCreationWithAreaForm
    fieldsets = _with_area(BaseUserAdmin.fieldsets)
    add_fieldsets = (
        *BaseUserAdmin.add_fieldsets,
        (_PERSONAL_INFO, {"classes": ("wide",), "fields": ("first_name", "last_name", "email")}),
        (_PERMISSIONS, {"classes": ("wide",), "fields": ("is_staff", "groups", "area")}),
    )
    list_display = ("username", "first_name", "last_name", "email", "area", "roles", "is_staff", "is_active",
                    "last_login")
    list_filter = ("is_staff", "is_superuser", "is_active", "groups", "area", LoginMethodFilter, NotLoggedInFilter)
    list_select_related = ("area",)
    # Recorded by Django, not entered; as inputs, admin's date and time boxes for them would have no labels
    # (WCAG 1.3.1). The link to the region's account is made at the user's first login with it.
    readonly_fields = ("last_login", "date_joined", "sso_issuer", "sso_subject")

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or not obj.sso_subject:
            return fieldsets
        return (*fieldsets, (_("The region's account"), {"fields": ("sso_issuer", "sso_subject")}))

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "user_permissions":
            kwargs["help_text"] = ""  # it heads their section
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    @admin.display(description=_("roles"))
    def roles(self, obj):
        labels = {role.value: role.label for role in Role}
        return ", ".join(str(labels.get(group.name, group.name)) for group in obj.groups.all())


class GroupMappingForm(CurrentChoicesForm):
    class Meta:
        model = GroupMapping
        fields = ["group", "role", "area"]


@admin.register(GroupMapping)
class GroupMappingAdmin(admin.ModelAdmin):
    """Which groups of the region's identity provider give which role (and, for area editors, which area)."""

    form = GroupMappingForm
    list_display = ("group", "role", "area")
    list_filter = ("role", "area")
    list_select_related = ("area",)
    search_fields = ("group",)


def _is_role_group(group) -> bool:
    return group is not None and group.name in Role.values


admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(CheckboxesMixin, BaseGroupAdmin):
    """The role groups are kept by accounts.roles.ensure_role_groups, which puts back their permissions whenever
    the starting data is loaded: here they are only read. A person gets a role on their user page."""

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not _is_role_group(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not _is_role_group(obj)


# django-otp registers its device admin when its admin module is imported (here, before admin's autodiscovery
# reaches it): it is registered again with two changes its pages need to pass the HTML and accessibility checks.
admin.site.unregister(TOTPDevice)


@admin.register(TOTPDevice)
class TOTPDeviceAdmin(BaseTOTPDeviceAdmin):
    """django-otp's device admin. The time of the last failed attempt is read, not entered: admin's date and time
    inputs for it have no labels (WCAG 1.3.1); django-otp sets it, and a device is let try again by setting the
    failure count to 0. The key gets no hidden copy of its initial value, which would carry the key's
    aria-describedby (not allowed on a hidden input)."""

    readonly_fields = [*BaseTOTPDeviceAdmin.readonly_fields, "throttling_failure_timestamp"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "key" and formfield is not None:
            formfield.show_hidden_initial = False
        return formfield
