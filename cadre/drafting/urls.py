from django.urls import path

from . import views

app_name = "drafting"

D = "w/<slug:slug>/documents/<slug:document_slug>/"
S = D + "s/<int:pk>/"

urlpatterns = [
    path("w/<slug:slug>/documents/", views.document_list, name="documents"),
    path("w/<slug:slug>/documents/new/", views.document_create, name="document_create"),
    path("w/<slug:slug>/documents/import/", views.document_import, name="document_import"),
    path(D, views.document_detail, name="document"),
    path(D + "edit/", views.document_edit, name="document_edit"),
    path(D + "read/", views.document_read, name="document_read"),
    path(D + "workshop/", views.workshop, name="workshop"),
    path(D + "export/", views.export, name="export"),
    path(D + "discussion/", views.discussion, name="discussion"),
    path(D + "dispositions/", views.dispositions, name="dispositions"),
    path(D + "adoption/", views.adoption, name="adoption"),
    path(D + "sections/new/", views.section_create, name="section_create"),
    path(D + "outline/move/", views.section_step, name="section_step"),
    path(D + "releases/new/", views.release_create, name="release_create"),
    path(D + "releases/compare/", views.release_compare, name="release_compare"),
    path(D + "releases/<int:release_id>/", views.release_detail, name="release"),
    path(D + "releases/<int:release_id>/sign-off/", views.signoff, name="signoff"),
    path(S, views.section_detail, name="section"),
    path(S + "edit/", views.section_edit, name="section_edit"),
    path(S + "details/", views.section_details, name="section_details"),
    path(S + "move/", views.section_move, name="section_move"),
    path(S + "delete/", views.section_delete, name="section_delete"),
    path(S + "history/", views.section_history, name="section_history"),
    path(S + "compare/", views.section_compare, name="section_compare"),
    path(S + "revisions/<int:number>/", views.revision_detail, name="revision"),
    path(S + "revisions/<int:number>/restore/", views.revision_restore, name="revision_restore"),
    path(S + "comments/", views.comment_add, name="comment_add"),
    path(S + "comments/<int:comment_id>/resolve/", views.comment_status, {"action": "resolve"}, name="comment_resolve"),
    path(S + "comments/<int:comment_id>/reopen/", views.comment_status, {"action": "reopen"}, name="comment_reopen"),
    path(S + "suggestions/", views.suggestion_add, name="suggestion_add"),
    *[
        path(
            S + f"suggestions/<int:suggestion_id>/{action}/",
            views.suggestion_decide,
            {"action": action},
            name=f"suggestion_{action}",
        )
        for action in ("accept", "reject", "withdraw", "applied")
    ],
]
