"""Drafting pages at scale, for benchmarks/run.py: a probe document in the probe workspace that grows from one
section to 300 sections with 10,000 revisions, 3,000 comments (with replies) and 600 suggestions.

build_small() makes the one-section document through the services; grow(rng) adds the rest with bulk inserts
(generated rows need no audit trail); pages() names what run.py measures. Budget: 150 ms at the 95th percentile.
"""

import datetime

from django.contrib.auth import get_user_model
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from cadre.drafting import services
from cadre.drafting.models import Comment, Document, Revision, Section, Suggestion
from cadre.workspaces.models import Membership, Workspace

BUDGET_MS = 150.0
SECTIONS = 300
REVISIONS = 10_000
COMMENTS = 3_000
SUGGESTIONS = 600
SLUG = "bench-strategy"

SENTENCES = [
    "Le comité interministériel coordonne la mise en œuvre de la stratégie nationale.",
    "Les postes frontières de la région d'Agadez sont renforcés en personnel et en équipements.",
    "Les migrants vulnérables sont orientés vers les services de protection compétents.",
    "Les réseaux de trafic illicite de migrants font l'objet d'enquêtes et de poursuites.",
    "Le retour volontaire est accompagné d'un appui à la réintégration.",
    "Les partenaires techniques et financiers alignent leurs interventions sur les axes de la stratégie.",
]


def _body(rng, index, version):
    paragraphs = []
    for paragraph in range(5):
        sentences = rng.sample(SENTENCES, 4)
        paragraphs.append(" ".join(sentences) + f" (§{index}.{paragraph}, v{version})")
    paragraphs.append("- " + "\n- ".join(rng.sample(SENTENCES, 3)))
    return "\n\n".join(paragraphs) + "\n"


def build_small(workspace_slug, secretariat_email):
    User = get_user_model()
    secretariat = User.objects.get(email=secretariat_email)
    workspace = Workspace.objects.get(slug=workspace_slug)
    document = services.create_document(workspace, by=secretariat, title_fr="Stratégie (mesure)", is_main=False)
    document.slug = SLUG
    document.save(update_fields=["slug"])
    section = services.add_section(document, title="Section 1", by=secretariat, body=SENTENCES[0])
    services.add_comment(section, body="Remarque.", quote="comité", start=None, by=secretariat)
    services.add_suggestion(
        section,
        kind="replace",
        quote="coordonne",
        start=None,
        replacement="pilote",
        reason="Plus précis.",
        by=secretariat,
    )
    services.make_release(document, name="Version 1", by=secretariat)


def grow(rng, workspace_slug):
    document = Document.objects.get(workspace__slug=workspace_slug, slug=SLUG)
    users = list(
        get_user_model().objects.filter(
            pk__in=Membership.objects.filter(workspace__slug=workspace_slug).values("user_id")
        )[:40]
    )
    first = Section.objects.get(document=document)
    chapters, sections = [first], [first]
    for index in range(2, SECTIONS + 1):
        parent = None if index % 10 == 1 else chapters[-1]
        section = Section.objects.create(
            document=document,
            parent=parent,
            order=index,
            title=f"Section {index}",
            body=_body(rng, index, 0),
            status=rng.choice(Section.Status.values),
        )
        if parent is None:
            chapters.append(section)
        sections.append(section)
    now = timezone.now()
    revisions = []
    per_section = {section.pk: 0 for section in sections}
    per_section[first.pk] = first.revisions.aggregate(m=Max("number"))["m"]
    for index in range(REVISIONS):
        section = sections[index % len(sections)] if index < len(sections) else rng.choice(sections)
        per_section[section.pk] += 1
        number = per_section[section.pk]
        revisions.append(
            Revision(
                section=section,
                number=number,
                title=section.title,
                author=rng.choice(users),
                body=_body(rng, section.pk, number),
                kind=Revision.Kind.EDIT,
                created_at=now - datetime.timedelta(minutes=REVISIONS - index),
            )
        )
    Revision.objects.bulk_create(revisions, batch_size=1000)
    heads = {}
    for revision in (
        Revision.objects.filter(section__document=document)
        .order_by("section_id", "number")
        .only("pk", "section_id", "body")
    ):
        heads[revision.section_id] = revision
    for section in sections:
        section.head_id, section.body = heads[section.pk].pk, heads[section.pk].body
    Section.objects.bulk_update(sections, ["head", "body"], batch_size=500)

    comments = []
    for index in range(COMMENTS):
        section = rng.choice(sections)
        start = rng.randrange(0, max(1, len(section.body) - 40))
        comments.append(
            Comment(
                section=section,
                author=rng.choice(users),
                body=f"Remarque {index}.",
                quote=section.body[start : start + 30],
                start=start,
                status=rng.choice([Comment.Status.OPEN, Comment.Status.RESOLVED]),
            )
        )
    Comment.objects.bulk_create(comments, batch_size=1000)
    parents = list(Comment.objects.filter(section__document=document, parent=None)[: COMMENTS // 3])
    Comment.objects.bulk_create(
        [
            Comment(section_id=parent.section_id, parent=parent, author=rng.choice(users), body="Réponse.")
            for parent in parents
        ],
        batch_size=1000,
    )
    suggestions = []
    for index in range(SUGGESTIONS):
        section = rng.choice(sections)
        start = rng.randrange(0, max(1, len(section.body) - 40))
        suggestions.append(
            Suggestion(
                section=section,
                author=rng.choice(users),
                kind=Suggestion.Kind.REPLACE,
                quote=section.body[start : start + 20],
                start=start,
                replacement="texte proposé",
                reason=f"Motif {index}.",
                status=rng.choice(Suggestion.Status.values),
            )
        )
    Suggestion.objects.bulk_create(suggestions, batch_size=1000)


def pages(workspace_slug):
    """(name, URL) of the drafting pages measured, on the probe document's first section."""
    document = Document.objects.get(workspace__slug=workspace_slug, slug=SLUG)
    section = Section.objects.filter(document=document).order_by("pk").first()
    args = [workspace_slug, SLUG]
    return [
        ("documents", reverse("drafting:documents", args=[workspace_slug])),
        ("document outline", reverse("drafting:document", args=args)),
        ("document, read", reverse("drafting:document_read", args=args)),
        ("workshop view", reverse("drafting:workshop", args=args)),
        ("comments", reverse("drafting:discussion", args=args) + "?status=all"),
        ("disposition table", reverse("drafting:dispositions", args=args)),
        ("section", reverse("drafting:section", args=[*args, section.pk])),
        ("section history", reverse("drafting:section_history", args=[*args, section.pk])),
    ]
