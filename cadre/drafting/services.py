"""Every change to a document and what it holds goes through a named function here.

The rule that matters most: a section's text is saved against the revision it was read from. If another
save happened in between, non-overlapping edits are merged; overlapping ones are returned, unsaved, so the
author can resolve them. Nobody's text is thrown away.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, override

from cadre.core.services import change_by

from . import textops
from .models import Comment, Document, Release, Revision, Section, SignOff, Suggestion


def institution_of(user, workspace):
    """The institution on whose behalf the user works in this workspace (kept on what they write)."""
    membership = getattr(workspace, "membership", None)
    if membership is not None and membership.user_id == user.pk:
        return membership.institution
    found = workspace.memberships.current().filter(user=user).select_related("institution").first()
    return found.institution if found else None


# --- documents and their structure ------------------------------------------------------------------------

# The usual skeleton of a national strategy on irregular migration; strategic axes follow the workspace's themes.
TEMPLATE = [
    (
        gettext_noop("Context and diagnosis"),
        [
            gettext_noop("Migration situation"),
            gettext_noop("Legal and institutional framework"),
            gettext_noop("Challenges"),
        ],
    ),
    (
        gettext_noop("Vision, principles and objectives"),
        [gettext_noop("Vision"), gettext_noop("Guiding principles"), gettext_noop("General and specific objectives")],
    ),
    (gettext_noop("Strategic axes"), None),  # one sub-section per theme
    (
        gettext_noop("Implementation and coordination"),
        [gettext_noop("Institutional arrangements"), gettext_noop("Role of partners")],
    ),
    (
        gettext_noop("Monitoring and evaluation"),
        [gettext_noop("Indicators and reporting"), gettext_noop("Reviews and evaluation")],
    ),
    (gettext_noop("Financing"), [gettext_noop("Estimated cost"), gettext_noop("Sources of funding")]),
]


def unique_document_slug(workspace, title):
    base = slugify(title)[:60] or "document"
    slug, index = base, 2
    while Document.objects.filter(workspace=workspace, slug=slug).exists():
        slug, index = f"{base}-{index}", index + 1
    return slug


def create_document(
    workspace,
    *,
    by,
    title_fr,
    title_en="",
    kind=Document.Kind.STRATEGY,
    language="fr",
    from_template=False,
    is_main=None,
):
    """A new document; with `from_template`, the usual skeleton of a strategy, axes from the themes."""
    with change_by(by):
        if is_main is None:
            is_main = kind == Document.Kind.STRATEGY and not workspace.documents.filter(is_main=True).exists()
        document = Document.objects.create(
            workspace=workspace,
            slug=unique_document_slug(workspace, title_fr),
            kind=kind,
            title_fr=title_fr,
            title_en=title_en,
            language=language,
            is_main=is_main,
        )
        if from_template:
            with override(language):
                for title, children in TEMPLATE:
                    chapter = _add_section(document, _(title), None, by)
                    if children is None:
                        for theme in workspace.themes.order_by("order", "pk"):
                            name = theme.name_fr if language == "fr" else (theme.name_en or theme.name_fr)
                            _add_section(document, name, chapter, by).themes.add(theme)
                    else:
                        for child in children:
                            _add_section(document, _(child), chapter, by)
    return document


def _add_section(document, title, parent, by, body="", kind=Revision.Kind.CREATE, institution=None):
    order = (Section.objects.filter(document=document, parent=parent).aggregate(m=Max("order"))["m"] or 0) + 1
    body = _normalise(body)
    status = Section.Status.DRAFTING if body else Section.Status.TO_DRAFT
    section = Section.objects.create(
        document=document, parent=parent, order=order, title=title, body=body, status=status
    )
    revision = Revision.objects.create(
        section=section, number=1, kind=kind, title=title, body=body, author=by, institution=institution
    )
    section.head = revision
    section.save(update_fields=["head"])
    return section


def add_section(document, *, title, parent=None, by, body="", kind=Revision.Kind.CREATE):
    if parent is not None and parent.document_id != document.pk:
        raise ValidationError(_("The parent section belongs to another document."))
    with change_by(by):
        return _add_section(document, title, parent, by, body, kind, institution_of(by, document.workspace))


def move_section(section, *, parent, position, by):
    """Put the section at `position` (1-based) among `parent`'s children; numbers follow automatically."""
    if parent is not None:
        if parent.document_id != section.document_id:
            raise ValidationError(_("The parent section belongs to another document."))
        ancestor = parent
        while ancestor is not None:
            if ancestor.pk == section.pk:
                raise ValidationError(_("A section cannot be moved inside itself."))
            ancestor = ancestor.parent
    with change_by(by):
        # Only the position is written, on a fresh locked row: a text saved meanwhile is never put back.
        moved = Section.objects.select_for_update().get(pk=section.pk)
        siblings = list(
            Section.objects.select_for_update()
            .filter(document_id=section.document_id, parent=parent)
            .exclude(pk=section.pk)
            .order_by("order", "pk")
        )
        position = max(1, min(position, len(siblings) + 1))
        siblings.insert(position - 1, moved)
        moved.parent = parent
        for index, sibling in enumerate(siblings, 1):
            if sibling.pk == moved.pk:
                moved.order = index
                moved.save(update_fields=["parent", "order", "updated_at"])
            elif sibling.order != index:
                Section.objects.filter(pk=sibling.pk).update(order=index)  # renumbering is not an edit
    section.parent, section.order = moved.parent, moved.order
    return moved


def delete_section(section, *, by):
    """Only an empty section can go: text, sub-sections and discussion are never deleted with it."""
    if section.children.exists():
        raise ValidationError(_("Move or delete its sub-sections first."))
    if section.body.strip() or section.revisions.count() > 1:
        raise ValidationError(_("This section has text or a history: it cannot be deleted."))
    if section.comments.exists() or section.suggestions.exists():
        raise ValidationError(_("This section has comments or suggestions: it cannot be deleted."))
    with change_by(by):
        section.head = None
        section.save(update_fields=["head"])
        section.revisions.all().delete()
        section.delete()


def save_section_details(form, *, by):
    """Status, lead institution, drafters and themes, written on a fresh locked row: only these fields, so a
    text saved while the form was open is never put back."""
    data = form.cleaned_data
    with change_by(by):
        section = Section.objects.select_for_update(of=("self",)).get(pk=form.instance.pk)
        scalars = [name for name in ("status", "lead_institution") if name in data]
        for name in scalars:
            setattr(section, name, data[name])
        if scalars:
            section.save(update_fields=[*scalars, "updated_at"])
        for name in ("drafters", "themes"):
            if name in data:
                getattr(section, name).set(data[name])
    return section


# --- text ------------------------------------------------------------------------------------------------


@dataclass
class SaveOutcome:
    """What happened to a save: a revision, or (nothing saved) the overlap to resolve."""

    revision: Revision | None = None
    merged: bool = False
    conflict: textops.MergeResult | None = None
    title_conflict: bool = False
    head: Revision | None = None  # the revision saved meanwhile, when there is a conflict
    title: str = ""
    body: str = ""

    @property
    def saved(self):
        return self.revision is not None


def save_section_text(section, *, title, body, base_revision_id, by, message="", kind=Revision.Kind.EDIT):
    """Save a new text of the section, written from revision `base_revision_id`."""
    body = _normalise(body)
    title = title.strip()
    if not title:
        raise ValidationError({"title": _("A section needs a title.")})
    with transaction.atomic():
        locked = Section.objects.select_for_update(of=("self",)).select_related("head", "document").get(pk=section.pk)
        head = locked.head
        base = Revision.objects.filter(section=locked, pk=base_revision_id).first() if base_revision_id else None
        if base_revision_id and base is None:
            raise ValidationError(_("The revision this edit started from is not part of this section."))
        if base is None:
            base = head
        if title == head.title and body == head.body:
            return SaveOutcome(revision=None, head=head, title=title, body=body)  # nothing changed
        merged = False
        if base.pk != head.pk:
            merged_body = textops.merge(base.body, body, head.body)
            merged_title, title_clean = textops.merge_title(base.title, title, head.title)
            if not merged_body.clean or not title_clean:
                return SaveOutcome(
                    conflict=merged_body, title_conflict=not title_clean, head=head, title=title, body=body
                )
            body, title, merged = merged_body.text(), merged_title, True
            if title == head.title and body == head.body:  # the edit was already in: nothing new to record
                return SaveOutcome(revision=None, head=head, title=title, body=body)
            kind = Revision.Kind.MERGE if kind == Revision.Kind.EDIT else kind
        revision = _new_revision(locked, title=title, body=body, by=by, base=head, kind=kind, message=message)
    return SaveOutcome(revision=revision, merged=merged, head=revision, title=title, body=body)


def _normalise(body: str) -> str:
    body = body.replace("\r\n", "\n").replace("\r", "\n")
    return body.rstrip() + "\n" if body.strip() else ""


def _new_revision(section, *, title, body, by, base, kind, message=""):
    """Append a revision (section row already locked), move the section's head and re-anchor its discussion."""
    with change_by(by):
        number = (section.revisions.aggregate(m=Max("number"))["m"] or 0) + 1
        revision = Revision.objects.create(
            section=section,
            number=number,
            base=base,
            kind=kind,
            title=title,
            body=body,
            author=by,
            institution=institution_of(by, section.document.workspace),
            message=message[:300],
        )
        old_body = section.body
        section.title, section.body, section.head = title, body, revision
        if section.status == Section.Status.TO_DRAFT and body:
            section.status = Section.Status.DRAFTING
        section.save()
        if old_body != body:
            reanchor(section, body)
    return revision


def reanchor(section, body):
    """Follow every open comment and suggestion to where its passage now is, or mark it detached."""
    for model, open_status in ((Comment, Comment.Status.OPEN), (Suggestion, Suggestion.Status.OPEN)):
        changed = []
        items = model.objects.filter(section=section, status=open_status, detached=False)
        if model is Comment:
            items = items.exclude(quote="")  # a comment on the whole section has no passage to follow
        for item in items.only("pk", "quote", "prefix", "suffix", "start", "detached"):
            position = textops.find_anchor(body, item.quote, item.prefix, item.suffix, item.start)
            if position is None:
                item.detached = True
            elif position != item.start:
                item.start = position
                item.prefix, item.suffix = textops.anchor_context(body, position, position + len(item.quote))
            else:
                continue
            changed.append(item)
        if changed:
            model.objects.bulk_update(changed, ["start", "prefix", "suffix", "detached"])


def restore_revision(revision, *, by):
    """Make an earlier revision's text the current one, as a new revision (history only grows)."""
    with transaction.atomic():
        section = (
            Section.objects.select_for_update(of=("self",))
            .select_related("head", "document")
            .get(pk=revision.section_id)
        )
        if section.head.title == revision.title and section.head.body == revision.body:
            raise ValidationError(_("This revision's text is already the current text."))
        return _new_revision(
            section,
            title=revision.title,
            body=revision.body,
            by=by,
            base=section.head,
            kind=Revision.Kind.RESTORE,
            message=_("Restored revision %(number)s") % {"number": revision.number},
        )


# --- comments and suggestions ---------------------------------------------------------------------------


def _anchor(section, quote, start):
    """Check that the passage is in the section's current text; return (start, prefix, suffix)."""
    body = section.body
    quote = quote or ""
    start = max(0, start) if start is not None else None
    if start is None or body[start : start + len(quote)] != quote:
        start = textops.find_anchor(body, quote, "", "", start or 0) if quote else min(start or 0, len(body))
        if start is None:
            raise ValidationError(_("This passage is not in the current text of the section; it may have changed."))
    prefix, suffix = textops.anchor_context(body, start, start + len(quote))
    return start, prefix, suffix


def add_comment(section, *, body, by, quote="", start=None, parent=None, suggestion=None):
    body = body.strip()
    if not body:
        raise ValidationError({"body": _("Write the comment.")})
    workspace = section.document.workspace
    if parent is not None:
        if parent.section_id != section.pk:
            raise ValidationError(_("This comment belongs to another section."))
        parent = Comment.objects.get(pk=parent.parent_id or parent.pk)  # threads are one level deep; fresh anchor
        quote, start, prefix, suffix, detached = (
            parent.quote,
            parent.start,
            parent.prefix,
            parent.suffix,
            parent.detached,
        )
    elif suggestion is not None:
        if suggestion.section_id != section.pk:
            raise ValidationError(_("This suggestion belongs to another section."))
        quote, start, prefix, suffix, detached = "", suggestion.start, "", "", False
    else:
        start, prefix, suffix = _anchor(section, quote, start)
        detached = False
    with change_by(by):
        comment = Comment.objects.create(
            section=section,
            parent=parent,
            suggestion=suggestion,
            body=body,
            author=by,
            institution=institution_of(by, workspace),
            quote=quote,
            prefix=prefix,
            suffix=suffix,
            start=start,
            detached=detached,
        )
        if parent is not None and parent.status == Comment.Status.RESOLVED:
            _set_comment_status(parent, Comment.Status.OPEN, by)
    return comment


def _set_comment_status(comment, status, by):
    comment.status = status
    comment.resolved_by = by if status == Comment.Status.RESOLVED else None
    comment.resolved_at = timezone.now() if status == Comment.Status.RESOLVED else None
    # Only these fields: a save of the section may have moved the anchor since `comment` was read.
    comment.save(update_fields=["status", "resolved_by", "resolved_at", "updated_at"])


def resolve_comment(comment, *, by):
    with change_by(by):
        _set_comment_status(comment.parent or comment, Comment.Status.RESOLVED, by)


def reopen_comment(comment, *, by):
    with change_by(by):
        _set_comment_status(comment.parent or comment, Comment.Status.OPEN, by)


def add_suggestion(section, *, kind, quote, start, replacement, reason, by):
    reason, replacement = reason.strip(), replacement or ""
    errors = {}
    if not reason:
        errors["reason"] = _("Give a reason: the drafters decide on it and the disposition table shows it.")
    if kind in (Suggestion.Kind.REPLACE, Suggestion.Kind.DELETE) and not quote:
        errors["quote"] = _("Select the passage to replace or delete.")
    if kind in (Suggestion.Kind.REPLACE, Suggestion.Kind.INSERT) and not replacement.strip():
        errors["replacement"] = _("Write the proposed text.")
    if kind == Suggestion.Kind.REPLACE and replacement.strip() and replacement == quote:
        errors["replacement"] = _("The proposed text is the same as the passage.")
    if errors:
        raise ValidationError(errors)
    if kind == Suggestion.Kind.DELETE:
        replacement = ""
    if kind == Suggestion.Kind.INSERT:
        # The passage given for an insertion is the one the new text follows: the point is at its end.
        if quote:
            after, _prefix, _suffix = _anchor(section, quote, start)
            start = after + len(quote)
        quote = ""
    start, prefix, suffix = _anchor(section, quote, start)
    with change_by(by):
        return Suggestion.objects.create(
            section=section,
            kind=kind,
            quote=quote,
            start=start,
            prefix=prefix,
            suffix=suffix,
            replacement=replacement,
            reason=reason,
            base=section.head,
            author=by,
            institution=institution_of(by, section.document.workspace),
        )


def accept_suggestion(suggestion, *, by, reason=""):
    """Apply the suggestion to the current text as a new revision and record the decision.

    If the text has moved on, the passage is found again where it now is; if it was rewritten, the change is
    merged from the revision it was made on; if neither works, nothing changes and the drafter is told.
    """
    with transaction.atomic():
        suggestion = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
        if suggestion.status != Suggestion.Status.OPEN:
            raise ValidationError(_("This suggestion has already been decided."))
        section = (
            Section.objects.select_for_update(of=("self",))
            .select_related("head", "document")
            .get(pk=suggestion.section_id)
        )
        body = _apply_suggestion(section, suggestion)
        revision = _new_revision(
            section,
            title=section.title,
            body=body,
            by=by,
            base=section.head,
            kind=Revision.Kind.SUGGESTION,
            message=_("Suggestion by %(name)s accepted") % {"name": suggestion.author or "?"},
        )
        with change_by(by):
            _decide(suggestion, Suggestion.Status.ACCEPTED, by, reason)
            suggestion.applied_revision = revision
            suggestion.save()
    return revision


def _apply_suggestion(section, suggestion):
    body = section.body
    start = textops.find_anchor(body, suggestion.quote, suggestion.prefix, suggestion.suffix, suggestion.start)
    if start is not None:
        return textops.apply_change(body, start, suggestion.quote, suggestion.replacement)
    base = suggestion.base
    # The passage is gone from the current text: apply the change where it was in the revision the suggestion
    # was made on (found there by its context: the recorded position may have followed later revisions), then
    # merge that with the current text. Anything uncertain is refused.
    at = None
    if base is not None:
        at = textops.find_anchor(base.body, suggestion.quote, suggestion.prefix, suggestion.suffix, suggestion.start)
    if at is not None:
        proposed = textops.apply_change(base.body, at, suggestion.quote, suggestion.replacement)
        result = textops.merge(base.body, proposed, body)
        if result.clean:
            return result.text()
    raise ValidationError(
        _(
            "The passage this suggestion is about has been rewritten since. Edit the section by hand, then accept "
            "or reject the suggestion with a reason."
        )
    )


def record_suggestion_applied_by_hand(suggestion, *, by, reason=""):
    """Accept a suggestion whose change the drafter made themselves (its passage had been rewritten)."""
    with transaction.atomic():
        suggestion = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
        if suggestion.status != Suggestion.Status.OPEN:
            raise ValidationError(_("This suggestion has already been decided."))
        with change_by(by):
            _decide(suggestion, Suggestion.Status.ACCEPTED, by, reason)
            suggestion.applied_revision = Section.objects.get(pk=suggestion.section_id).head
            suggestion.save()


def reject_suggestion(suggestion, *, by, reason):
    reason = reason.strip()
    if not reason:
        raise ValidationError(
            {"reason": _("Say why the suggestion is rejected: its author and the disposition table will show it.")}
        )
    with transaction.atomic():
        suggestion = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
        if suggestion.status != Suggestion.Status.OPEN:
            raise ValidationError(_("This suggestion has already been decided."))
        with change_by(by):
            _decide(suggestion, Suggestion.Status.REJECTED, by, reason)
            suggestion.save()
    return suggestion


def withdraw_suggestion(suggestion, *, by):
    if suggestion.author_id != by.pk:
        raise ValidationError(_("Only its author can withdraw a suggestion."))
    with transaction.atomic():
        suggestion = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
        if suggestion.status != Suggestion.Status.OPEN:
            raise ValidationError(_("This suggestion has already been decided."))
        with change_by(by):
            _decide(suggestion, Suggestion.Status.WITHDRAWN, by, "")
            suggestion.save()
    return suggestion


def _decide(suggestion, status, by, reason):
    suggestion.status = status
    suggestion.decided_by = by
    suggestion.decided_by_institution = institution_of(by, suggestion.section.document.workspace)
    suggestion.decided_at = timezone.now()
    suggestion.decision_reason = reason.strip()


# --- releases, sign-offs, adoption ----------------------------------------------------------------------


def snapshot(document):
    """The document's current content in reading order, as a release stores it."""
    sections = textops.number_sections(
        list(Section.objects.filter(document=document).only("pk", "parent_id", "order", "title", "body", "head_id"))
    )
    return [
        {"id": s.pk, "number": s.number, "level": s.level, "title": s.title, "body": s.body, "revision": s.head_id}
        for s in sections
    ]


def make_release(document, *, name, note="", by):
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Give the release a name.")})
    if Release.objects.filter(document=document, name=name).exists():
        raise ValidationError({"name": _("Another release of this document already has this name.")})
    with change_by(by):
        return Release.objects.create(
            document=document, name=name, note=note.strip(), content=snapshot(document), created_by=by
        )


def sign_off(release, *, institution, decision, reservations="", signatory="", by):
    with change_by(by):
        signoff = SignOff.objects.filter(release=release, institution=institution).first() or SignOff(
            release=release, institution=institution
        )
        signoff.decision, signoff.reservations, signoff.signatory = decision, reservations.strip(), signatory.strip()
        signoff.signed_by = by
        signoff.full_clean()
        signoff.save()
    return signoff


def record_adoption(document, *, release, reference, adopted_on, by):
    if release.document_id != document.pk:
        raise ValidationError(_("This release belongs to another document."))
    if not reference.strip():
        raise ValidationError({"adoption_reference": _("Give the adoption reference, e.g. the decree number.")})
    with change_by(by):
        document.adopted_release = release
        document.adoption_reference = reference.strip()
        document.adopted_on = adopted_on
        document.save()
    return document
