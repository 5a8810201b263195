"""Drafting test data, built through the services so that every object is in a state the app can reach.

A section made here always has a head revision (revision 1 holds its first text); comments and suggestions are
anchored on the section's current text exactly as `add_comment` / `add_suggestion` anchor them. A factory's `by`
is the user the service acts for; pass a workspace member (e.g. `world.users["secretariat"]`) to get their
institution recorded.
"""

import factory

from cadre.drafting import services
from cadre.drafting.models import Comment, Document, Section, Suggestion

from ..factories import UserFactory, WorkspaceFactory


class DocumentFactory(factory.Factory):
    """A document made by `services.create_document` (`from_template=True` for the usual skeleton)."""

    class Meta:
        model = Document

    workspace = factory.SubFactory(WorkspaceFactory)
    by = factory.SubFactory(UserFactory)
    title_fr = factory.Sequence(lambda n: f"Stratégie nationale {n}")
    title_en = factory.Sequence(lambda n: f"National strategy {n}")
    kind = Document.Kind.STRATEGY
    language = "fr"
    from_template = False

    @classmethod
    def _create(cls, model_class, *, workspace, by, **kwargs):
        return services.create_document(workspace, by=by, **kwargs)

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        raise NotImplementedError("a document only exists through services.create_document")


class SectionFactory(factory.Factory):
    """A section made by `services.add_section`: its text (if any) is revision 1, the section's head."""

    class Meta:
        model = Section

    document = factory.SubFactory(DocumentFactory)
    by = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Section {n}")
    body = ""
    parent = None

    @classmethod
    def _create(cls, model_class, *, document, by, title, body, parent):
        section = services.add_section(document, title=title, parent=parent, by=by, body=body)
        section.refresh_from_db()
        return section

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        raise NotImplementedError("a section only exists through services.add_section")


class CommentFactory(factory.Factory):
    """A comment made by `services.add_comment`; `quote` must be in the section's text (empty: whole section)."""

    class Meta:
        model = Comment

    section = factory.SubFactory(SectionFactory, body="Le Niger est un pays de transit.\n")
    by = factory.SubFactory(UserFactory)
    body = factory.Sequence(lambda n: f"Remarque {n}.")
    quote = ""
    start = None
    parent = None

    @classmethod
    def _create(cls, model_class, *, section, by, **kwargs):
        return services.add_comment(section, by=by, **kwargs)

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        raise NotImplementedError("a comment only exists through services.add_comment")


class SuggestionFactory(factory.Factory):
    """A suggestion made by `services.add_suggestion` on the section's current text (made on its head)."""

    class Meta:
        model = Suggestion

    section = factory.SubFactory(SectionFactory, body="Le Niger est un pays de transit.\n")
    by = factory.SubFactory(UserFactory)
    kind = Suggestion.Kind.REPLACE
    quote = "pays de transit"
    start = None
    replacement = "pays de transit et de destination"
    reason = "Le Niger accueille aussi des migrants."

    @classmethod
    def _create(cls, model_class, *, section, by, **kwargs):
        return services.add_suggestion(section, by=by, **kwargs)

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        raise NotImplementedError("a suggestion only exists through services.add_suggestion")


def edit_section(section, body, *, by, title=None, base=None, message=""):
    """Save a new text of `section` as its editor would, from `base` (default: the current head)."""
    section.refresh_from_db()
    outcome = services.save_section_text(
        section,
        title=section.title if title is None else title,
        body=body,
        base_revision_id=(base or section.head).pk,
        by=by,
        message=message,
    )
    section.refresh_from_db()
    return outcome
