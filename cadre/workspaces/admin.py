from django.contrib import admin

from .models import ExpectedResult, Expert, Membership, Theme, WorkplanActivity, Workspace


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user", "institution"]


@admin.register(Workspace)
class WorkspaceAdmin(admin.ModelAdmin):
    list_display = ["title_fr", "slug", "country", "start_date", "end_date", "status"]
    list_filter = ["status", "country"]
    search_fields = ["title_fr", "title_en", "slug"]
    prepopulated_fields = {"slug": ["title_en"]}
    autocomplete_fields = ["requesting_authority", "co_requesters"]
    filter_horizontal = ["expert_countries"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "workspace", "role", "institution", "valid_from", "valid_to"]
    list_filter = ["role", "workspace"]
    search_fields = ["user__email", "user__full_name"]
    list_select_related = ["user", "workspace", "institution"]
    autocomplete_fields = ["user", "institution"]


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name_fr", "workspace", "order", "code"]
    list_filter = ["workspace"]


@admin.register(WorkplanActivity)
class WorkplanActivityAdmin(admin.ModelAdmin):
    list_display = ["number", "title_en", "workspace", "kind", "planned_start", "status"]
    list_filter = ["workspace", "kind", "status"]
    filter_horizontal = ["themes", "experts"]


@admin.register(ExpectedResult)
class ExpectedResultAdmin(admin.ModelAdmin):
    list_display = ["number", "statement_en", "workspace"]
    list_filter = ["workspace"]


@admin.register(Expert)
class ExpertAdmin(admin.ModelAdmin):
    list_display = ["person", "country", "workspace", "expertise_fr"]
    list_filter = ["workspace", "country"]
    autocomplete_fields = ["person"]
