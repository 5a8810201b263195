from django.contrib import admin

from .models import Comment, Document, Release, Revision, Section, SignOff, Suggestion


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["title_fr", "workspace", "kind", "is_main", "adoption_reference"]
    list_filter = ["kind", "workspace"]
    search_fields = ["title_fr", "title_en", "slug"]


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["title", "document", "status", "lead_institution"]
    list_filter = ["status", "document__workspace"]
    search_fields = ["title"]
    raw_id_fields = ["document", "parent", "head", "lead_institution"]
    filter_horizontal = ["drafters", "themes"]


@admin.register(Revision)
class RevisionAdmin(admin.ModelAdmin):
    """Revisions are the record of what was written: read-only here."""

    list_display = ["section", "number", "kind", "author", "created_at"]
    readonly_fields = [field.name for field in Revision._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["__str__", "section", "author", "status", "detached", "created_at"]
    list_filter = ["status", "detached"]
    raw_id_fields = ["section", "parent", "suggestion", "author", "resolved_by", "institution"]


@admin.register(Suggestion)
class SuggestionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "section", "kind", "author", "status", "created_at"]
    list_filter = ["status", "kind"]
    raw_id_fields = [
        "section",
        "base",
        "author",
        "institution",
        "decided_by",
        "decided_by_institution",
        "applied_revision",
    ]


@admin.register(Release)
class ReleaseAdmin(admin.ModelAdmin):
    list_display = ["name", "document", "created_by", "created_at"]
    readonly_fields = ["document", "name", "note", "content", "created_by"]

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(SignOff)
class SignOffAdmin(admin.ModelAdmin):
    list_display = ["release", "institution", "decision", "signatory", "created_at"]
    raw_id_fields = ["release", "institution", "signed_by"]
