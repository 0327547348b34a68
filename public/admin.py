from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from public.models import AccessibilityStatement


@admin.register(AccessibilityStatement)
class AccessibilityStatementAdmin(admin.ModelAdmin):
    list_display = ("__str__", "compliance", "reviewed_on")
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = (
        (_("Evaluation"), {"fields": ("organisation", "compliance", "method", "method_da", "method_en")}),
        (_("Content that is not accessible"), {"fields": ("known_gaps_da", "known_gaps_en")}),
        (_("Contact and dates"), {"fields": ("contact_email", "contact_phone", "prepared_on", "reviewed_on",
                                               "was_url")}),
    )

    def has_add_permission(self, request):
        # There is one statement: it is changed, never added twice.
        return super().has_add_permission(request) and not AccessibilityStatement.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False
