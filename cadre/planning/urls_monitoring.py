"""Monitoring rounds, reporting and validation, the IPTT, the action-status summary and the narrative report.

Included by cadre/planning/urls.py (namespace "planning").
"""

from django.urls import path

from .views import monitoring, notices

P = "w/<slug:slug>/plan/<slug:plan_slug>/"
R = P + "rounds/<int:pk>/"

urlpatterns = [
    path(P + "rounds/", monitoring.round_list, name="rounds"),
    path(P + "rounds/new/", monitoring.round_create, name="round_create"),
    path(R, monitoring.round_detail, name="round"),
    path(R + "edit/", monitoring.round_edit, name="round_edit"),
    path(R + "status/", monitoring.round_status, name="round_status"),
    path(R + "report/", monitoring.round_report, name="round_report"),
    path(R + "report/indicator/<int:indicator_pk>/", monitoring.report_indicator, name="report_indicator"),
    path(R + "report/action/<int:action_pk>/", monitoring.report_action, name="report_action"),
    path(R + "values/<int:measurement_pk>/decide/", monitoring.measurement_decide, name="measurement_decide"),
    path(R + "actions/<int:report_pk>/decide/", monitoring.action_report_decide, name="action_report_decide"),
    path(R + "narrative.docx", monitoring.narrative_docx, name="narrative_docx"),
    path(P + "iptt/", monitoring.iptt_page, name="iptt"),
    path(P + "iptt.xlsx", monitoring.iptt_xlsx, name="iptt_xlsx"),
    path(P + "action-status/", monitoring.action_summary, name="action_summary"),
    path(R + "call/", notices.round_call, name="round_call"),
    path(R + "remind/", notices.round_remind, name="round_remind"),
]
