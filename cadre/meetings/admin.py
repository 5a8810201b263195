from django.contrib import admin

from .models import ActionPoint, AgendaItem, Decision, Material, Meeting, Participation


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["title_fr", "workspace", "kind", "starts_at", "time_zone", "status"]
    list_filter = ["kind", "status", "workspace"]
    search_fields = ["title_fr", "title_en", "place"]
    date_hierarchy = "starts_at"
    raw_id_fields = ["workspace", "activity", "host_institution"]
    filter_horizontal = ["themes", "facilitators"]
    readonly_fields = ["uid", "sequence"]


@admin.register(AgendaItem)
class AgendaItemAdmin(admin.ModelAdmin):
    list_display = ["title_fr", "meeting", "order", "starts_at", "duration_minutes"]
    raw_id_fields = ["meeting"]
    filter_horizontal = ["themes", "sections"]


@admin.register(Participation)
class ParticipationAdmin(admin.ModelAdmin):
    list_display = ["person", "meeting", "institution", "status"]
    list_filter = ["status"]
    raw_id_fields = ["meeting", "person", "institution"]
    exclude = ["token"]  # it opens the person's own tests: never shown


@admin.register(Material)
class MaterialAdmin(admin.ModelAdmin):
    list_display = ["title", "meeting", "kind", "original_name", "size", "uploaded_by", "created_at"]
    list_filter = ["kind"]
    raw_id_fields = ["meeting", "agenda_item", "uploaded_by"]
    readonly_fields = ["original_name", "size", "content_type"]


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "meeting", "order"]
    raw_id_fields = ["meeting"]


@admin.register(ActionPoint)
class ActionPointAdmin(admin.ModelAdmin):
    list_display = ["__str__", "workspace", "owner_institution", "due_date", "status", "closed_on"]
    list_filter = ["status", "workspace"]
    raw_id_fields = ["workspace", "meeting", "owner_person", "owner_institution", "closed_at_meeting"]
