from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from api.models import ApiToken
from api.services import revoke_token


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Administrators see every token and may revoke one; keys are never shown (only their hash is stored)."""

    list_display = ("name", "user", "prefix", "created_at", "last_used_at", "revoked_at")
    list_filter = ("revoked_at",)
    search_fields = ("name", "user__username", "prefix")
    list_select_related = ("user",)
    readonly_fields = ("user", "name", "prefix", "created_at", "last_used_at", "revoked_at")
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False  # a token is created by its owner, in the portal

    def has_delete_permission(self, request, obj=None):
        return False  # revoked, not deleted: the audit record refers to it

    @admin.action(description=_("Revoke the chosen tokens"), permissions=["change"])
    def revoke(self, request, queryset):
        for token in queryset:
            revoke_token(token=token, by=request.user)
