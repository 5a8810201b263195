"""A section: reading it with its discussion, editing it without losing anyone's text, its history."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from cadre.core.navigation import panels_for
from cadre.core.views import parse_int, render_page

from .. import queries, services, textops
from ..forms import CommentForm, SectionDetailsForm, SectionTextForm, SuggestionForm
from ..models import Comment, Revision, Suggestion
from .common import apply_errors, attach_html, context_for, form_page


def _section_context(section, membership, **extra):
    section.number = queries.section_number(section)
    attach_html([section])
    threads = list(queries.threads_of(section))
    suggestions = list(queries.suggestions_of(section))
    for suggestion in suggestions:
        suggestion.preview = mark_safe(textops.diff_html(suggestion.quote, suggestion.replacement))  # noqa: S308 — escaped
    can_edit = queries.can_edit_section(membership, section)
    for thread in threads:
        thread.can_moderate = queries.can_moderate_comment(membership, thread, section)
    context = context_for(
        section.document,
        section=section,
        threads=threads,
        open_threads=[t for t in threads if t.status == Comment.Status.OPEN],
        suggestions=suggestions,
        open_suggestions=[s for s in suggestions if s.status == Suggestion.Status.OPEN],
        can_edit=can_edit,
        can_comment=membership.can("comment"),
        can_suggest=membership.can("suggest"),
        can_manage=membership.can("manage_documents"),
        comment_form=CommentForm(),
        suggestion_form=SuggestionForm(),
    )
    context.update(extra)
    return context


@login_required
def section_detail(request, slug, document_slug, pk):
    section = queries.get_section_for_user(request.user, slug, document_slug, pk)
    membership = section.document.workspace.membership
    context = _section_context(section, membership)
    context["panels"] = panels_for("drafting.section", section, membership)
    return render_page(request, "drafting/section.html", context, partial="discussion")


@login_required
@require_http_methods(["GET", "POST"])
def section_edit(request, slug, document_slug, pk):
    """Edit the text. The form carries the revision it started from; a save in between is merged or resolved."""
    section = queries.get_section_for_user(request.user, slug, document_slug, pk, "edit")
    section.number = queries.section_number(section)
    initial = {"title": section.title, "body": section.body, "base_revision": section.head_id}
    form = SectionTextForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            outcome = services.save_section_text(
                section,
                title=data["title"],
                body=data["body"],
                base_revision_id=data["base_revision"],
                by=request.user,
                message=data["message"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            if outcome.conflict is not None or outcome.title_conflict:
                return _conflict_page(request, section, outcome, data["message"])
            if outcome.merged:
                messages.success(
                    request,
                    _("Saved. Someone else saved this section while you were editing; both changes are kept."),
                )
            elif outcome.saved:
                messages.success(request, _("Saved as revision %(number)s.") % {"number": outcome.revision.number})
            else:
                messages.info(request, _("Nothing changed."))
            # ?saved tells the browser that the text it kept is now safely stored.
            return redirect(f"{section.get_absolute_url()}?saved={outcome.head.number}")
    context = context_for(section.document, section=section, form=form, draft_key=f"cadre-draft-{section.pk}")
    return render(request, "drafting/section_edit.html", context, status=400 if form.errors else 200)


def _conflict_page(request, section, outcome, message):
    """Both texts side by side. The form starts from the user's own text merged with the other save where the
    two do not overlap; nothing is saved until the user decides."""
    head = outcome.head
    proposal = outcome.conflict.text("mine") if outcome.conflict is not None else outcome.body
    form = SectionTextForm(
        initial={"title": outcome.title, "body": proposal, "base_revision": head.pk, "message": message}
    )
    conflicts = outcome.conflict.conflicts if outcome.conflict is not None else []
    for conflict in conflicts:
        conflict.diff = mark_safe(textops.diff_html(conflict.theirs, conflict.mine))  # noqa: S308 — escaped
    context = context_for(
        section.document,
        section=section,
        form=form,
        head=head,
        mine_body=outcome.body,
        mine_title=outcome.title,
        conflicts=conflicts,
        title_conflict=outcome.title_conflict,
        draft_key=f"cadre-draft-{section.pk}",
    )
    return render(request, "drafting/section_conflict.html", context, status=409)


@login_required
@require_http_methods(["GET", "POST"])
def section_details(request, slug, document_slug, pk):
    """Status, lead institution, drafters and themes: the secretariat, or the section's own editors."""
    section = queries.get_section_for_user(request.user, slug, document_slug, pk, "edit")
    workspace = section.document.workspace
    stored_lead, stored_drafters = section.lead_institution_id, set(section.drafter_ids)
    form = SectionDetailsForm(request.POST or None, instance=section, workspace=workspace)
    if request.method == "POST" and form.is_valid():
        lead = form.cleaned_data["lead_institution"]
        if not workspace.membership.can("manage_documents") and (
            (lead.pk if lead else None) != stored_lead
            or {user.pk for user in form.cleaned_data["drafters"]} != stored_drafters
        ):
            raise PermissionDenied  # only the secretariat assigns sections
        services.save_section_details(form, by=request.user)
        messages.success(request, _("The section's details were saved."))
        return redirect(section.get_absolute_url())
    return form_page(
        request,
        workspace,
        form,
        _("Details of “%(name)s”") % {"name": section.title},
        cancel_url=section.get_absolute_url(),
    )


@login_required
def section_history(request, slug, document_slug, pk):
    section = queries.get_section_for_user(request.user, slug, document_slug, pk)
    section.number = queries.section_number(section)
    revisions = list(queries.revisions_of(section)[:200])
    context = context_for(
        section.document,
        section=section,
        revisions=revisions,
        can_edit=queries.can_edit_section(section.document.workspace.membership, section),
    )
    return render(request, "drafting/section_history.html", context)


@login_required
def section_compare(request, slug, document_slug, pk):
    section = queries.get_section_for_user(request.user, slug, document_slug, pk)
    section.number = queries.section_number(section)
    revisions = {r.number: r for r in Revision.objects.filter(section=section, number__in=_numbers(request))}
    numbers = _numbers(request)
    if len(numbers) != 2 or any(n not in revisions for n in numbers):
        messages.error(request, _("Choose two revisions of this section to compare."))
        return redirect("drafting:section_history", slug, document_slug, pk)
    old, new = sorted((revisions[n] for n in numbers), key=lambda r: r.number)
    context = context_for(
        section.document,
        section=section,
        old=old,
        new=new,
        title_diff=mark_safe(textops.diff_html(old.title, new.title)),  # noqa: S308 — escaped by diff_html
        body_diff=mark_safe(textops.diff_html(old.body, new.body)),  # noqa: S308
        counts=textops.diff_counts(old.body, new.body),
    )
    return render(request, "drafting/section_compare.html", context)


def _numbers(request):
    numbers = []
    for key in ("from", "to"):
        try:
            numbers.append(int(request.GET.get(key, "")))
        except ValueError:
            continue
    return numbers


@login_required
def revision_detail(request, slug, document_slug, pk, number):
    revision = queries.get_revision_for_user(request.user, slug, document_slug, pk, number)
    section = revision.section
    section.number = queries.section_number(section)
    context = context_for(
        section.document,
        section=section,
        revision=revision,
        can_edit=queries.can_edit_section(section.document.workspace.membership, section),
    )
    return render(request, "drafting/revision.html", context)


@login_required
@require_POST
def revision_restore(request, slug, document_slug, pk, number):
    queries.get_section_for_user(request.user, slug, document_slug, pk, "edit")
    revision = queries.get_revision_for_user(request.user, slug, document_slug, pk, number)
    try:
        new = services.restore_revision(revision, by=request.user)
    except ValidationError as error:
        messages.info(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("Revision %(old)s restored as revision %(new)s.") % {"old": number, "new": new.number}
        )
    return redirect(revision.section.get_absolute_url())


# --- comments and suggestions -------------------------------------------------------------------------


def _discussion_response(request, section, *, form_name=None, form=None):
    """After a comment or suggestion: the discussion partial for htmx, else back to the page (or its form)."""
    membership = section.document.workspace.membership
    if form is not None:  # invalid: show the form again with its errors
        context = _section_context(section, membership, **{form_name: form})
        return render_page(request, "drafting/section.html", context, partial="discussion", status=400)
    if request.htmx:
        return render_page(
            request, "drafting/section.html", _section_context(section, membership), partial="discussion"
        )
    target = request.POST.get("next")
    if target and target.startswith("/") and not target.startswith("//"):
        return redirect(target)
    return redirect(section.get_absolute_url())


@login_required
@require_POST
def comment_add(request, slug, document_slug, pk):
    section = queries.get_section_for_user(request.user, slug, document_slug, pk, "comment")
    form = CommentForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        parent = None
        if data["parent"]:
            parent = Comment.objects.filter(section=section, pk=data["parent"]).first()
        suggestion = None
        if request.POST.get("suggestion"):
            suggestion = Suggestion.objects.filter(section=section, pk=parse_int(request.POST["suggestion"])).first()
        try:
            services.add_comment(
                section,
                body=data["body"],
                quote=data["quote"],
                start=data["start"],
                parent=parent,
                suggestion=suggestion,
                by=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            if not request.htmx:
                messages.success(request, _("Your comment was added."))
            return _discussion_response(request, section)
    return _discussion_response(request, section, form_name="comment_form", form=form)


@login_required
@require_POST
def comment_status(request, slug, document_slug, pk, comment_id, action):
    comment = queries.get_comment_for_user(request.user, slug, document_slug, pk, comment_id, "comment")
    section = comment.section
    thread = comment.parent or comment  # resolving acts on the thread: its author decides, not a replier
    if not queries.can_moderate_comment(section.document.workspace.membership, thread, section):
        raise PermissionDenied
    if action == "resolve":
        services.resolve_comment(comment, by=request.user)
    else:
        services.reopen_comment(comment, by=request.user)
    return _discussion_response(request, section)


@login_required
@require_POST
def suggestion_add(request, slug, document_slug, pk):
    section = queries.get_section_for_user(request.user, slug, document_slug, pk, "suggest")
    form = SuggestionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.add_suggestion(
                section,
                kind=data["kind"],
                quote=data["quote"],
                start=data["start"],
                replacement=data["replacement"],
                reason=data["reason"],
                by=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            if not request.htmx:
                messages.success(request, _("Your suggestion was sent to the section's drafters."))
            return _discussion_response(request, section)
    return _discussion_response(request, section, form_name="suggestion_form", form=form)


@login_required
@require_POST
def suggestion_decide(request, slug, document_slug, pk, suggestion_id, action):
    capability = "suggest" if action == "withdraw" else "edit"
    suggestion = queries.get_suggestion_for_user(request.user, slug, document_slug, pk, suggestion_id, capability)
    section = suggestion.section
    if action == "withdraw" and suggestion.author_id != request.user.pk:
        raise PermissionDenied  # only its author withdraws a suggestion
    reason = request.POST.get("reason", "")
    try:
        if action == "accept":
            revision = services.accept_suggestion(suggestion, by=request.user, reason=reason)
            messages.success(request, _("Suggestion accepted: revision %(number)s.") % {"number": revision.number})
        elif action == "applied":
            services.record_suggestion_applied_by_hand(suggestion, by=request.user, reason=reason)
            messages.success(request, _("Suggestion recorded as accepted."))
        elif action == "reject":
            services.reject_suggestion(suggestion, by=request.user, reason=reason)
            messages.success(request, _("Suggestion rejected; its author will see your reason."))
        else:
            services.withdraw_suggestion(suggestion, by=request.user)
            messages.success(request, _("Suggestion withdrawn."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    if request.htmx:
        section = queries.get_section_for_user(request.user, slug, document_slug, pk)
        return render_page(
            request,
            "drafting/section.html",
            _section_context(section, section.document.workspace.membership),
            partial="discussion",
        )
    return redirect(section.get_absolute_url())
