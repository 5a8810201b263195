"""Helpers shared by the meetings views."""

from django.shortcuts import render


def context_for(workspace, **extra):
    """The context every meetings page needs: the workspace and the user's membership."""
    return {"workspace": workspace, "membership": workspace.membership, **extra}


def apply_errors(form, error):
    """Show a service's ValidationError on the form: on its field when there is one, else at the top."""
    if hasattr(error, "error_dict"):
        for field, problems in error.message_dict.items():
            form.add_error(field if field in form.fields else None, problems)
    else:
        form.add_error(None, error.messages)


def form_page(request, workspace, form, title, *, cancel_url, multipart=False, template="form_page.html", **extra):
    """A page holding one form; shown again with its errors (status 400) after an invalid POST."""
    context = context_for(workspace, form=form, title=title, cancel_url=cancel_url, multipart=multipart, **extra)
    return render(request, template, context, status=400 if request.method == "POST" else 200)


def confirm_delete(request, workspace, obj, *, cancel_url, warning=""):
    context = context_for(workspace, object=obj, cancel_url=cancel_url, warning=warning)
    return render(request, "workspaces/confirm_delete.html", context)
