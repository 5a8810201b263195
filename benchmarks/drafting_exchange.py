"""Export time of a full-size strategy: ~150 A4 pages (185 sections of ~300 words, lists, notes, a table every
few sections) as Word and as PDF. Targets: DOCX under 5 s, PDF under 15 s.

Standalone: .venv/bin/python benchmarks/drafting_exchange.py — builds its own throw-away SQLite database.
From benchmarks/run.py (Django already set up, database migrated): `problems += drafting_exchange.run(print)`.
"""

import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCX_TARGET_S = 5.0
PDF_TARGET_S = 15.0
SECTIONS = 185  # with ~300 words each: about 150 A4 pages, the size the targets are set for
WORDS_PER_SECTION = 300
SEED = 2016
SLUG = "bench-drafting"

WORDS = (
    "migration frontières sécurité justice protection jeunesse santé intérieur développement coopération droits "
    "état civil statistique emploi formation femmes enfance réfugiés retour réintégration douanes police gendarmerie "
    "transport commerce région Agadez Niamey Zinder Tahoua Diffa comité ministère agence partenaires programme "
    "stratégie nationale plan d'action indicateur cible suivi évaluation budget financement coordination"
)
VOCABULARY = WORDS.split()


def _sentence(rng, words):
    text = " ".join(rng.choice(VOCABULARY) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def section_body(rng, index) -> str:
    """About WORDS_PER_SECTION words of Markdown, in the mix a strategy has."""
    parts = [
        f"{_sentence(rng, 40)} **{_sentence(rng, 4)}** {_sentence(rng, 30)}[^1]",
        f"{_sentence(rng, 35)} *{_sentence(rng, 5)}* [{rng.choice(VOCABULARY)}](https://example.org/{index}).",
        "\n".join(
            [
                f"- {_sentence(rng, 12)}",
                f"- {_sentence(rng, 10)}",
                f"  - {_sentence(rng, 8)}",
                f"- {_sentence(rng, 10)}",
            ]
        ),
        _sentence(rng, 45),
        "\n".join(f"{number}. {_sentence(rng, 10)}" for number in range(1, 4)),
        _sentence(rng, 40),
    ]
    if index % 4 == 0:
        rows = [f"| {_sentence(rng, 3)} | {rng.choice(VOCABULARY)} | {rng.randint(10, 999)} |" for _ in range(5)]
        parts.append("| Action | Lead | Cost |\n| --- | --- | ---: |\n" + "\n".join(rows))
    parts.append(f"[^1]: {_sentence(rng, 12)}")
    return "\n\n".join(parts) + "\n"


def build_document():
    """A workspace with one document of SECTIONS sections on three levels, made through the services."""
    import datetime

    from django.contrib.auth import get_user_model

    from cadre.directory.models import Country, Institution
    from cadre.drafting import services
    from cadre.workspaces.models import Workspace

    rng = random.Random(SEED)
    user, _created = get_user_model().objects.get_or_create(
        email="bench-drafting@example.org", defaults={"full_name": "Bench drafter"}
    )
    niger, _created = Country.objects.get_or_create(code="NE", defaults={"name_fr": "Niger", "name_en": "Niger"})
    authority, _created = Institution.objects.get_or_create(
        name_fr="Ministère de l'Intérieur (mesure)", defaults={"kind": "ministry", "country": niger}
    )
    workspace, _created = Workspace.objects.get_or_create(
        slug=SLUG,
        defaults={
            "title_fr": "Mesure des exports",
            "title_en": "Export benchmark",
            "country": niger,
            "requesting_authority": authority,
            "start_date": datetime.date(2016, 6, 1),
            "end_date": datetime.date(2017, 4, 30),
            "objective_fr": "Mesurer.",
            "objective_en": "Measure.",
        },
    )
    document = services.create_document(
        workspace, by=user, title_fr="Stratégie nationale (mesure)", language="fr", is_main=False
    )
    chapter = subsection = None
    for index in range(SECTIONS):
        body = section_body(rng, index)
        if index % 10 == 0:
            chapter = services.add_section(document, title=f"Chapitre {index // 10 + 1}", by=user, body=body)
            subsection = None
        elif index % 3 == 1 or subsection is None:
            subsection = services.add_section(document, title=f"Partie {index}", parent=chapter, by=user, body=body)
        else:
            services.add_section(document, title=f"Point {index}", parent=subsection, by=user, body=body)
    return document


def _timed(function, *args, **kwargs):
    started = time.perf_counter()
    result = function(*args, **kwargs)
    return result, time.perf_counter() - started


def run(report=print) -> list[str]:
    """Build the document, export it, report the times; returns the problems (targets missed)."""
    from cadre.drafting.exchange import export_docx, export_markdown, pdf_export

    started = time.perf_counter()
    document = build_document()
    words = sum(len(section.body.split()) for section in document.sections.all())
    report(f"Drafting exchange: {SECTIONS} sections, {words} words built in {time.perf_counter() - started:.1f} s")
    problems = []
    markdown, markdown_s = _timed(export_markdown, document)
    docx_bytes, docx_s = _timed(export_docx, document)
    numbered, numbered_s = _timed(export_docx, document, line_numbers=True)
    # export_pdf in its two steps, to count the pages: layout, then writing the file.
    rendered, layout_s = _timed(pdf_export.render_pdf, document)
    pdf_bytes, write_s = _timed(pdf_export.write_pdf, rendered)
    pdf_s, pages = layout_s + write_s, len(rendered.pages)
    rows = [
        ("Markdown", markdown_s, len(markdown.encode()), None),
        ("DOCX", docx_s, len(docx_bytes), DOCX_TARGET_S),
        ("DOCX, line numbers", numbered_s, len(numbered), DOCX_TARGET_S),
        (f"PDF ({pages} A4 pages)", pdf_s, len(pdf_bytes), PDF_TARGET_S),
    ]
    report(f"{'export':<24} {'seconds':>8} {'target':>8} {'size kB':>9}")
    for name, seconds, size, target in rows:
        flag = ""
        if target is not None and seconds >= target:
            flag = "  ← too slow"
            problems.append(f"{name} export: {seconds:.1f} s ≥ {target:.0f} s")
        target_text = f"{target:.0f}" if target else "-"
        report(f"{name:<24} {seconds:>8.2f} {target_text:>8} {size / 1024:>9.0f}{flag}")
    return problems


def main() -> int:
    workdir = Path(tempfile.mkdtemp(prefix="cadre-bench-drafting-"))
    (workdir / "static").mkdir()
    os.environ.pop("DATABASE_URL", None)
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "cadre.settings",
            "SQLITE_PATH": str(workdir / "bench.sqlite3"),
            "CADRE_VAR_DIR": str(workdir),
            "DEBUG": "0",
            "LOG_LEVEL": "ERROR",
        }
    )
    sys.path.insert(0, str(ROOT))
    try:
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection

        call_command("migrate", verbosity=0)
        try:
            problems = run(print)
        finally:
            connection.close()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    for problem in problems:
        print(f"FAILED: {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
