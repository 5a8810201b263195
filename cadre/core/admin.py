from django.contrib import admin

from .models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """The trail is read-only: nobody edits or deletes what happened."""

    list_display = ["at", "actor", "action", "content_type", "object_repr", "workspace_id"]
    list_filter = ["action", "content_type"]
    search_fields = ["object_repr", "actor__email"]
    list_select_related = ["actor", "content_type"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
