"""Import of a large IATI file: 50,000 activities (titles and descriptions in French and English, 2–4
participating organisations from a pool of ~300, 1–3 locations, sectors, budgets, dates, some parent links)
read, compared and applied into an empty workspace. Targets: under 60 s in all, under 1 GB of memory.

Standalone: .venv/bin/python benchmarks/mapping_import.py [--activities N] — builds a throw-away SQLite database.
From benchmarks/run.py (Django already set up, database migrated): `problems += mapping_import.run(print)`.
"""

import argparse
import os
import random
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

ROOT = Path(__file__).resolve().parent.parent
ACTIVITIES = 50_000
TIME_TARGET_S = 60.0
MEMORY_TARGET_MB = 1024
SEED = 2016
SLUG = "bench-mapping-import"

REGIONS = [
    ("NE-1", "Agadez"),
    ("NE-2", "Diffa"),
    ("NE-3", "Dosso"),
    ("NE-4", "Maradi"),
    ("NE-5", "Tahoua"),
    ("NE-6", "Tillabéri"),
    ("NE-7", "Zinder"),
    ("NE-8", "Niamey"),
]
FR = "appui renforcement gestion migration frontières protection migrants vulnérables retour réintégration "
FR += "jeunes emploi formation professionnelle résilience communautés sécurité justice traite trafic illicite "
FR += "état civil coopération régionale cohésion sociale développement local des personnes contre la"
EN = "support strengthening management migration borders protection vulnerable migrants return reintegration "
EN += "youth employment vocational training resilience communities security justice fight against trafficking "
EN += "in persons smuggling civil registration regional cooperation social cohesion local development"
FR_WORDS, EN_WORDS = FR.split(), EN.split()
KINDS = ["Agence", "Association", "Fondation", "Ministère", "Organisation", "Institut", "Programme", "Office"]
SUBJECTS = [
    "de la migration",
    "pour le développement",
    "de la jeunesse",
    "des droits humains",
    "de la santé",
    "de l'emploi",
    "de la sécurité",
    "pour la paix",
    "de l'éducation",
    "humanitaire",
]
PLACES = [
    "du Niger",
    "du Sahel",
    "d'Agadez",
    "de Zinder",
    "internationale",
    "européenne",
    "africaine",
    "de Tahoua",
    "de Diffa",
    "de Niamey",
]
SECTORS = ["15190", "15136", "15130", "15110", "16020", "11330", "72010", "15220"]


def organisations(rng, size=300):
    names = set()
    while len(names) < size:
        names.add(f"{rng.choice(KINDS)} {rng.choice(SUBJECTS)} {rng.choice(PLACES)}")
    return [(f"XM-BENCH-ORG-{index:03d}", name) for index, name in enumerate(sorted(names))]


def _words(rng, vocabulary, count):
    text = " ".join(rng.choice(vocabulary) for _ in range(count))
    return text[0].upper() + text[1:]


def _texts(rng, shortest, longest):
    """The same length of text in French and in English."""
    count = rng.randint(shortest, longest)
    return _words(rng, FR_WORDS, count), _words(rng, EN_WORDS, count)


def _narratives(french, english):
    return f'<narrative>{escape(french)}</narrative><narrative xml:lang="en">{escape(english)}</narrative>'


def activity_xml(rng, number, orgs) -> str:
    """One activity, valid against the IATI 2.03 schema."""
    identifier = f"XM-BENCH-{number:06d}"
    start_year = rng.randint(2012, 2024)
    start = f"{start_year}-{rng.randint(1, 12):02d}-01"
    end = f"{start_year + rng.randint(1, 5)}-{rng.randint(1, 12):02d}-28"
    parts = [
        '<iati-activity last-updated-datetime="2024-01-01T00:00:00Z" xml:lang="fr" default-currency="EUR">',
        f"<iati-identifier>{identifier}</iati-identifier>",
        '<reporting-org ref="XM-BENCH" type="10"><narrative>Réseau de mesure</narrative></reporting-org>',
        f"<title>{_narratives(*_texts(rng, 5, 9))}</title>",
        f'<description type="1">{_narratives(*_texts(rng, 8, 20))}</description>',
    ]
    roles = rng.sample(["1", "2", "3", "4"], rng.randint(2, 4))
    for role, (ref, name) in zip(roles, rng.sample(orgs, len(roles)), strict=True):
        parts.append(
            f'<participating-org ref="{ref}" role="{role}"><narrative>{escape(name)}</narrative></participating-org>'
        )
    parts.append(f'<activity-status code="{rng.randint(1, 4)}"/>')
    parts.append(f'<activity-date iso-date="{start}" type="1"/><activity-date iso-date="{end}" type="3"/>')
    if rng.random() < 0.2:
        parts.append('<recipient-country code="NE" percentage="60"/><recipient-country code="ML" percentage="40"/>')
    else:
        parts.append('<recipient-country code="NE" percentage="100"/>')
    for code, name in rng.sample(REGIONS, rng.randint(1, 3)):
        parts.append(
            f"<location><name><narrative>{escape(name)}</narrative></name>"
            f'<administrative vocabulary="G1" level="1" code="{code}"/></location>'
        )
    sectors = rng.sample(SECTORS, rng.randint(1, 2))
    shares = [100] if len(sectors) == 1 else [60, 40]
    for code, share in zip(sectors, shares, strict=True):
        parts.append(f'<sector vocabulary="1" code="{code}" percentage="{share}"/>')
    for year in range(rng.randint(1, 3)):
        amount = rng.randint(50, 5000) * 1000
        parts.append(
            f'<budget type="1" status="1"><period-start iso-date="{start_year + year}-01-01"/>'
            f'<period-end iso-date="{start_year + year}-12-31"/>'
            f'<value currency="EUR" value-date="{start_year + year}-01-01">{amount}</value></budget>'
        )
    if number > 10 and rng.random() < 0.1:
        parent = f"XM-BENCH-{rng.randint(1, number - 1):06d}"
        parts.append(f'<related-activity ref={quoteattr(parent)} type="1"/>')
    parts.append("</iati-activity>\n")
    return "".join(parts)


def write_activities(path, count=ACTIVITIES, seed=SEED):
    """Write an IATI 2.03 file of `count` activities to `path`, as a stream."""
    rng = random.Random(seed)
    orgs = organisations(rng)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        handle.write('<iati-activities version="2.03" generated-datetime="2024-01-01T00:00:00Z">\n')
        for number in range(1, count + 1):
            handle.write(activity_xml(rng, number, orgs))
        handle.write("</iati-activities>\n")
    return path


def _workspace():
    import datetime

    from cadre.directory.models import AdminArea, Country, Institution
    from cadre.workspaces.models import Workspace

    niger, _created = Country.objects.get_or_create(code="NE", defaults={"name_fr": "Niger", "name_en": "Niger"})
    for code, name in REGIONS:
        AdminArea.objects.get_or_create(country=niger, code=code, defaults={"kind": "region", "name": name})
    authority, _created = Institution.objects.get_or_create(
        name_fr="Ministère de l'Intérieur (mesure des imports)", defaults={"kind": "ministry", "country": niger}
    )
    workspace, _created = Workspace.objects.get_or_create(
        slug=SLUG,
        defaults={
            "title_fr": "Mesure des imports",
            "title_en": "Import benchmark",
            "country": niger,
            "requesting_authority": authority,
            "start_date": datetime.date(2016, 6, 1),
            "end_date": datetime.date(2017, 4, 30),
            "objective_fr": "Mesurer.",
            "objective_en": "Measure.",
        },
    )
    return workspace


def _peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def run(report=print, activities=ACTIVITIES) -> list[str]:
    """Generate the file, import it, report time and memory; returns the problems (targets missed)."""
    from cadre.mapping.imports import apply, plan, read
    from cadre.mapping.models import Intervention

    workdir = Path(tempfile.mkdtemp(prefix="cadre-bench-import-"))
    try:
        path = workdir / "activities.xml"
        started = time.perf_counter()
        write_activities(path, activities)
        size_mb = path.stat().st_size / (1024 * 1024)
        report(
            f"Mapping import: {activities} IATI activities, {size_mb:.0f} MB, written in "
            f"{time.perf_counter() - started:.1f} s"
        )
        workspace = _workspace()
        memory_before = _peak_mb()
        started = time.perf_counter()
        reading = read(workspace, path, "iati")
        read_s = time.perf_counter() - started
        the_plan = plan(workspace, reading.records, reading.errors)
        plan_s = time.perf_counter() - started - read_s
        apply(workspace, the_plan, by=None, source_note=path.name)
        total_s = time.perf_counter() - started
        peak = _peak_mb()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    created = Intervention.objects.filter(workspace=workspace).count()
    report(f"{'step':<28} {'seconds':>8}")
    report(f"{'read (stream parse)':<28} {read_s:>8.1f}")
    report(f"{'plan (compare)':<28} {plan_s:>8.1f}")
    report(f"{'apply (one transaction)':<28} {total_s - read_s - plan_s:>8.1f}")
    report(f"{'total':<28} {total_s:>8.1f}   target {TIME_TARGET_S:.0f}")
    report(f"peak memory {peak:.0f} MB (was {memory_before:.0f} MB before reading)   target {MEMORY_TARGET_MB} MB")
    report(f"summary {the_plan.summary()}, interventions in the workspace: {created}")
    problems = []
    if the_plan.summary()["create"] != activities or created != activities:
        problems.append(f"IATI import: {created} interventions created of {activities} activities")
    if total_s >= TIME_TARGET_S:
        problems.append(f"IATI import of {activities} activities: {total_s:.1f} s ≥ {TIME_TARGET_S:.0f} s")
    if peak >= MEMORY_TARGET_MB:
        problems.append(f"IATI import of {activities} activities: peak memory {peak:.0f} MB ≥ {MEMORY_TARGET_MB} MB")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--activities", type=int, default=ACTIVITIES)
    arguments = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="cadre-bench-mapping-"))
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
            problems = run(print, arguments.activities)
        finally:
            connection.close()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    for problem in problems:
        print(f"FAILED: {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
