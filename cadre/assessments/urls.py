from django.urls import path

from . import views

app_name = "assessments"

W = "w/<slug:slug>/assessments/"
# A participant's personal link: outside the workspace's pages, no account needed (see views/answering.py).
A = "a/<str:token>/"

urlpatterns = [
    path(W, views.assessment_list, name="assessments"),
    path(W + "new/", views.assessment_create, name="assessment_create"),
    path(W + "<int:pk>/", views.assessment_detail, name="assessment"),
    path(W + "<int:pk>/edit/", views.assessment_edit, name="assessment_edit"),
    path(W + "<int:pk>/delete/", views.assessment_delete, name="assessment_delete"),
    path(W + "<int:pk>/questions/", views.assessment_questions, name="assessment_questions"),
    path(W + "<int:pk>/questions/<int:item_pk>/", views.assessment_item, name="assessment_item"),
    path(W + "<int:pk>/phase/", views.assessment_phase, name="assessment_phase"),
    path(W + "<int:pk>/results/", views.results, name="results"),
    path(W + "<int:pk>/results.csv", views.results_csv, name="results_csv"),
    path(W + "questions/", views.question_list, name="questions"),
    path(W + "questions/new/<str:kind>/", views.question_create, name="question_create"),
    path(W + "questions/<int:pk>/edit/", views.question_edit, name="question_edit"),
    path(W + "questions/<int:pk>/copy/", views.question_copy, name="question_copy"),
    path(W + "questions/<int:pk>/active/", views.question_active, name="question_active"),
    path(W + "meetings/<int:meeting_pk>/links/", views.participant_links, name="links"),
    path(W + "meetings/<int:meeting_pk>/links/print/", views.participant_links_print, name="links_print"),
    path(A, views.take_list, name="take_list"),
    path(A + "<int:pk>/", views.take, name="take"),
    path(A + "<int:pk>/done/", views.take_done, name="take_done"),
]
