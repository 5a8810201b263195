from django.urls import path

from . import views

app_name = "workspaces"
urlpatterns = [
    path("", views.my_workspaces, name="mine"),
    path("new/", views.workspace_create, name="create"),
    path("w/<slug:slug>/", views.overview, name="overview"),
    path("w/<slug:slug>/key-facts/", views.workspace_edit, name="edit"),
    path("w/<slug:slug>/workplan/", views.workplan, name="workplan"),
    path("w/<slug:slug>/workplan/activities/new/", views.activity_create, name="activity_create"),
    path("w/<slug:slug>/workplan/activities/<int:number>/", views.activity_edit, name="activity_edit"),
    path("w/<slug:slug>/workplan/activities/<int:number>/delete/", views.activity_delete, name="activity_delete"),
    path("w/<slug:slug>/workplan/results/new/", views.result_create, name="result_create"),
    path("w/<slug:slug>/workplan/results/<int:number>/", views.result_edit, name="result_edit"),
    path("w/<slug:slug>/workplan/results/<int:number>/delete/", views.result_delete, name="result_delete"),
    path("w/<slug:slug>/workplan/themes/new/", views.theme_create, name="theme_create"),
    path("w/<slug:slug>/workplan/themes/<slug:code>/", views.theme_edit, name="theme_edit"),
    path("w/<slug:slug>/workplan/themes/<slug:code>/delete/", views.theme_delete, name="theme_delete"),
    path("w/<slug:slug>/workplan/experts/new/", views.expert_create, name="expert_create"),
    path("w/<slug:slug>/workplan/experts/<int:pk>/", views.expert_edit, name="expert_edit"),
    path("w/<slug:slug>/workplan/experts/<int:pk>/delete/", views.expert_delete, name="expert_delete"),
    path("w/<slug:slug>/members/", views.members, name="members"),
    path("w/<slug:slug>/members/new/", views.member_add, name="member_add"),
    path("w/<slug:slug>/members/<int:pk>/", views.member_edit, name="member_edit"),
    path("w/<slug:slug>/members/<int:pk>/end/", views.member_end, name="member_end"),
    path("w/<slug:slug>/history/", views.history, name="history"),
]
