"""Helpers shared by the drafting views."""

from django.shortcuts import render


def context_for(document, **extra):
    """The context every drafting page needs: the document, its workspace and the user's membership."""
    workspace = document.workspace
    return {"workspace": workspace, "membership": workspace.membership, "document": document, **extra}


def apply_errors(form, error):
    """Show a service's ValidationError on the form: on its field when there is one, else at the top."""
    if hasattr(error, "error_dict"):
        for field, problems in error.message_dict.items():
            form.add_error(field if field in form.fields else None, problems)
    else:
        form.add_error(None, error.messages)


def form_page(request, workspace, form, title, *, cancel_url, multipart=False, status=None, **extra):
    """A page holding one form; re-shown with its errors (status 400) after an invalid POST."""
    if status is None:
        status = 400 if request.method == "POST" else 200
    context = {
        "workspace": workspace,
        "membership": workspace.membership,
        "form": form,
        "title": title,
        "cancel_url": cancel_url,
        "multipart": multipart,
        **extra,
    }
    return render(request, "drafting/form.html", context, status=status)
