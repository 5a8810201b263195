from django.contrib import admin

from .models import Answer, Assessment, AssessmentQuestion, Attempt, Choice, Question


class ChoiceInline(admin.TabularInline):
    model = Choice
    extra = 0


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "workspace", "theme", "kind", "points", "is_active"]
    list_filter = ["kind", "is_active", "workspace"]
    search_fields = ["text_fr", "text_en"]
    raw_id_fields = ["workspace", "theme"]
    inlines = [ChoiceInline]


class AssessmentQuestionInline(admin.TabularInline):
    model = AssessmentQuestion
    extra = 0
    raw_id_fields = ["question"]


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = ["title_fr", "workspace", "meeting", "kind", "open_phase"]
    list_filter = ["kind", "open_phase", "workspace"]
    search_fields = ["title_fr", "title_en"]
    raw_id_fields = ["workspace", "meeting"]
    inlines = [AssessmentQuestionInline]


class AnswerInline(admin.TabularInline):
    model = Answer
    extra = 0
    fields = ["question", "choice_ids", "number", "scale", "text", "score", "max_score"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Attempt)
class AttemptAdmin(admin.ModelAdmin):
    """A participant's submitted answers are the record of what they answered: read-only here."""

    list_display = ["__str__", "participation", "phase", "score", "max_score", "submitted_at"]
    list_filter = ["phase", "assessment__kind"]
    readonly_fields = ["assessment", "phase", "participation", "submitted_at", "score", "max_score"]
    inlines = [AnswerInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
