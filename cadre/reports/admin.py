from django.contrib import admin

from .models import Evidence


@admin.register(Evidence)
class EvidenceAdmin(admin.ModelAdmin):
    list_display = ["expected_result", "measure", "order"]
    list_filter = ["measure", "expected_result__workspace"]
    raw_id_fields = ["expected_result"]
    filter_horizontal = ["themes"]
