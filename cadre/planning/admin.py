from django.contrib import admin

from .models import (
    Action,
    ActionReport,
    Contribution,
    Cost,
    FundingSource,
    Indicator,
    Measurement,
    MonitoringRound,
    Objective,
    Plan,
    RoundNotice,
    Target,
)


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["title_fr", "workspace", "start_year", "end_year", "status", "convention", "currency"]
    list_filter = ["status", "convention"]
    search_fields = ["title_fr", "title_en", "slug"]
    list_select_related = ["workspace"]


@admin.register(Objective)
class ObjectiveAdmin(admin.ModelAdmin):
    list_display = ["code", "title_fr", "level", "plan"]
    list_filter = ["level"]
    search_fields = ["code", "title_fr", "title_en"]
    list_select_related = ["plan"]
    raw_id_fields = ["plan", "parent", "theme"]
    filter_horizontal = ["sections"]


class CostInline(admin.TabularInline):
    model = Cost
    extra = 0
    readonly_fields = ["amount_eur"]


class FundingSourceInline(admin.TabularInline):
    model = FundingSource
    extra = 0
    readonly_fields = ["amount_eur"]
    raw_id_fields = ["institution"]


class ContributionInline(admin.TabularInline):
    model = Contribution
    extra = 0
    raw_id_fields = ["intervention"]


@admin.register(Action)
class ActionAdmin(admin.ModelAdmin):
    list_display = ["code", "title_fr", "status", "lead_institution", "plan"]
    list_filter = ["status"]
    search_fields = ["code", "title_fr", "title_en"]
    list_select_related = ["plan", "lead_institution"]
    raw_id_fields = ["plan", "result", "lead_institution"]
    filter_horizontal = ["supporting_institutions"]
    inlines = [CostInline, FundingSourceInline, ContributionInline]


class TargetInline(admin.TabularInline):
    model = Target
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["code", "definition_fr", "kind", "plan", "responsible_institution"]
    list_filter = ["kind", "frequency"]
    search_fields = ["code", "definition_fr", "definition_en", "library_code"]
    list_select_related = ["plan", "responsible_institution"]
    raw_id_fields = ["workspace", "plan", "objective", "action", "intervention", "responsible_institution"]
    inlines = [TargetInline]


@admin.register(MonitoringRound)
class MonitoringRoundAdmin(admin.ModelAdmin):
    list_display = ["title_fr", "plan", "period_start", "period_end", "status"]
    list_filter = ["status"]
    raw_id_fields = ["plan"]


@admin.register(Measurement)
class MeasurementAdmin(admin.ModelAdmin):
    """A validated value is read-only here too: it changes only after the secretariat reopens it in Cadre."""

    list_display = ["indicator", "period_end", "value", "status"]
    list_filter = ["status"]
    raw_id_fields = ["indicator", "round", "reported_by", "validated_by"]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.status == Measurement.Status.VALIDATED:
            return [field.name for field in Measurement._meta.fields if field.editable]
        return super().get_readonly_fields(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.status == Measurement.Status.VALIDATED:
            return False
        return super().has_delete_permission(request, obj)


@admin.register(ActionReport)
class ActionReportAdmin(admin.ModelAdmin):
    list_display = ["action", "round", "status", "validated"]
    list_filter = ["status", "validated"]
    raw_id_fields = ["round", "action", "reported_by"]


@admin.register(RoundNotice)
class RoundNoticeAdmin(admin.ModelAdmin):
    """Read only: a notice records a sending, and is not audited (see the model)."""

    list_display = ["round", "membership", "kind", "sent_at", "sent_by"]
    list_filter = ["kind"]
    list_select_related = ["round", "membership__user", "sent_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
