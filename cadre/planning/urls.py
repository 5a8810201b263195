from django.urls import path

from .urls_exports import urlpatterns as export_patterns
from .urls_indicators import urlpatterns as indicator_patterns
from .urls_monitoring import urlpatterns as monitoring_patterns
from .views import plans

app_name = "planning"

W = "w/<slug:slug>/plan/"
P = W + "<slug:plan_slug>/"
A = P + "a/<int:pk>/"

urlpatterns = [
    path(W, plans.plan_list, name="plans"),
    path(W + "new/", plans.plan_create, name="plan_create"),
    path(P, plans.plan_detail, name="plan"),
    path(P + "edit/", plans.plan_edit, name="plan_edit"),
    path(P + "funding/", plans.funding, name="funding"),
    path(P + "unfunded/", plans.unfunded, name="unfunded"),
    path(P + "objectives/new/", plans.objective_create, name="objective_create"),
    path(P + "o/<int:parent>/add/", plans.objective_create, name="objective_add"),
    path(P + "o/<int:pk>/edit/", plans.objective_edit, name="objective_edit"),
    path(P + "o/<int:pk>/delete/", plans.objective_delete, name="objective_delete"),
    path(P + "o/<int:pk>/move/", plans.objective_move, name="objective_move"),
    path(P + "o/<int:result>/actions/new/", plans.action_create, name="action_create"),
    path(A, plans.action_detail, name="action"),
    path(A + "edit/", plans.action_edit, name="action_edit"),
    path(A + "delete/", plans.action_delete, name="action_delete"),
    path(A + "move/", plans.action_move, name="action_move"),
    path(A + "costs/", plans.action_costs, name="action_costs"),
    path(A + "funding/new/", plans.funding_source_edit, name="funding_source_create"),
    path(A + "funding/<int:source>/", plans.funding_source_edit, name="funding_source_edit"),
    path(A + "funding/<int:source>/delete/", plans.funding_source_delete, name="funding_source_delete"),
    path(A + "contributions/new/", plans.contribution_add, name="contribution_create"),
    path(A + "contributions/<int:contribution>/delete/", plans.contribution_delete, name="contribution_delete"),
    *indicator_patterns,
    *monitoring_patterns,
    *export_patterns,
]
