from django.urls import path

from . import views

app_name = "reports"

W = "w/<slug:slug>/reports/"

urlpatterns = [
    path(W, views.dashboard, name="dashboard"),
    path(W + "results.pdf", views.dashboard_pdf, name="dashboard_pdf"),
    path(W + "evidence/", views.evidence, name="evidence"),
    path(W + "results/<int:number>/<slug:measure>/", views.evidence_detail, name="evidence_detail"),
]
