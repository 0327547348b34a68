"""The audit record in admin: read only, for those with the permission to view it."""

from django.contrib import admin

from audit.models import Event


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ("at", "action", "username", "ip_address", "object_type", "object_repr", "path")
    list_filter = ("action", "at")
    date_hierarchy = "at"
    search_fields = ("username", "object_repr", "ip_address")
    ordering = ("-at", "-id")
    fields = ("at", "action", "user", "username", "ip_address", "path", "object_type", "object_id", "object_repr",
              "detail")
    # The record grows for ever: counting all of it on every page would cost more than it tells.
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
