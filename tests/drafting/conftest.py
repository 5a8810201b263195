"""A drafted document in the personas' workspace: sections with text, a comment, a suggestion, a release."""

from dataclasses import dataclass

import pytest

from cadre.drafting import services


@dataclass
class Draft:
    document: object
    section: object  # led by the personas' institution: the member may edit it
    other: object  # led by no institution and no drafter: only the secretariat edits it
    comment: object
    suggestion: object
    release: object


BODY = (
    "Le Niger est un pays de départ, de transit et de destination.\n\n"
    "La région d'Agadez est au cœur des routes migratoires. Les autorités y renforcent les contrôles.\n\n"
    "- premier point ;\n- second point.\n"
)


@pytest.fixture
def draft(world) -> Draft:
    secretariat = world.users["secretariat"]
    document = services.create_document(
        world.workspace, by=secretariat, title_fr="Stratégie nationale", title_en="National strategy"
    )
    section = services.add_section(document, title="Contexte", by=secretariat)
    section.lead_institution = world.institution
    section.save()
    services.save_section_text(section, title="Contexte", body=BODY, base_revision_id=section.head_id, by=secretariat)
    section.refresh_from_db()
    other = services.add_section(document, title="Financement", by=secretariat)
    services.save_section_text(
        other,
        title="Financement",
        body="Le financement reste à préciser.\n",
        base_revision_id=other.head_id,
        by=secretariat,
    )
    other.refresh_from_db()
    expert = world.users["expert"]
    quote = "La région d'Agadez"
    comment = services.add_comment(
        section, body="Préciser les routes.", quote=quote, start=BODY.index(quote), by=expert
    )
    suggestion = services.add_suggestion(
        section,
        kind="replace",
        quote="renforcent",
        start=BODY.index("renforcent"),
        replacement="ont renforcé",
        reason="Temps du verbe.",
        by=expert,
    )
    release = services.make_release(document, name="Projet 1", by=secretariat)
    section.refresh_from_db()
    return Draft(document, section, other, comment, suggestion, release)
