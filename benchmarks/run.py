"""`make bench`: server time and query counts of Cadre's main pages at a realistic scale.

1. Builds a throw-away SQLite database: the real demo plus a small "probe" workspace, and measures the query
   count of every list page (the small data set).
2. Grows it to a realistic scale with bulk inserts (no audit trail needed for generated rows): 20 more
   workspaces with themes, workplans, experts and results, 2,000+ institutions, 500+ memberships, 20,000+
   audit events spread over the workspaces; the probe workspace grows from 1 activity to 12, the demo
   workspace gains members and history.
3. Measures the query counts again — a list page must make as many queries with 1 row as with 1,000 — then
   requests each page N times as the demo secretariat and prints median and p95 server time.

Exits non-zero, saying which page, if a page's p95 reaches the budget or a list page's query count depends
on the size of the data. Run: .venv/bin/python benchmarks/run.py [--requests N]
"""

import argparse
import datetime
import gc
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUDGET_MS = 100.0  # the foundation's pages; drafting pages hold a whole strategy and get drafting_pages.BUDGET_MS
WARMUPS = 3
SEED = 2016

WORKDIR = Path(tempfile.mkdtemp(prefix="cadre-bench-"))
(WORKDIR / "static").mkdir()
os.environ.pop("DATABASE_URL", None)
os.environ.update(
    {
        "DJANGO_SETTINGS_MODULE": "cadre.settings",
        "SQLITE_PATH": str(WORKDIR / "bench.sqlite3"),
        "CADRE_VAR_DIR": str(WORKDIR),
        "DEBUG": "0",
        "ALLOWED_HOSTS": "testserver",
        "LOG_LEVEL": "ERROR",
    }
)
sys.path.insert(0, str(ROOT))

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from cadre.core.models import AuditEvent  # noqa: E402
from cadre.core.services import change_by  # noqa: E402
from cadre.directory.models import AdminArea, Country, Institution, Person  # noqa: E402
from cadre.workspaces import demo  # noqa: E402
from cadre.workspaces.models import (  # noqa: E402
    ExpectedResult,
    Expert,
    Membership,
    ThematicArea,
    Theme,
    WorkplanActivity,
    Workspace,
)
from cadre.workspaces.roles import Role  # noqa: E402

sys.path.insert(0, str(ROOT / "benchmarks"))
import drafting_exchange  # noqa: E402
import drafting_pages  # noqa: E402
import mapping_import  # noqa: E402
import planning_pages  # noqa: E402
import sessions_pages  # noqa: E402

User = get_user_model()
D = datetime.date
MAIN = demo.MAIN_SLUG
PROBE = "bench-probe"
SECRETARIAT = "secretariat@demo.example.org"
PROBE_TEST = None  # the probe workspace's first knowledge test (sessions_pages.build_small)

WORDS_FR = [
    "migration",
    "frontières",
    "sécurité",
    "justice",
    "protection",
    "jeunesse",
    "santé",
    "intérieur",
    "développement",
    "coopération",
    "droits humains",
    "état civil",
    "statistique",
    "emploi",
    "formation",
    "femmes",
    "enfance",
    "réfugiés",
    "retour",
    "réintégration",
    "douanes",
    "police",
    "gendarmerie",
    "transport",
    "commerce",
]
WORDS_EN = [
    "migration",
    "borders",
    "security",
    "justice",
    "protection",
    "youth",
    "health",
    "interior",
    "development",
    "cooperation",
    "human rights",
    "civil status",
    "statistics",
    "employment",
    "training",
    "women",
    "children",
    "refugees",
    "return",
    "reintegration",
    "customs",
    "police",
    "gendarmerie",
    "transport",
    "trade",
]
PREFIXES = [
    ("Direction de la", "Directorate of"),
    ("Agence nationale de la", "National Agency for"),
    ("Association pour la", "Association for"),
    ("Observatoire de la", "Observatory of"),
    ("Service régional de la", "Regional Service for"),
    ("Programme d'appui à la", "Support Programme for"),
]
KINDS = list(WorkplanActivity.Kind.values)
STATUSES = list(WorkplanActivity.Status.values)


# --- The data sets -----------------------------------------------------------------------------------


def build_small():
    """The demo, plus a probe workspace with one of everything, where the demo secretariat is secretariat."""
    call_command("migrate", verbosity=0)
    demo.load()
    secretariat = User.objects.get(email=SECRETARIAT)
    niger = Country.objects.get(code="NE")
    france = Country.objects.get(code="FR")
    authority = Institution.objects.get(name_en="Ministry of Interior")
    probe = Workspace.objects.create(
        slug=PROBE,
        title_fr="Espace de mesure",
        title_en="Benchmark workspace",
        country=niger,
        requesting_authority=authority,
        start_date=D(2016, 1, 1),
        end_date=D(2017, 12, 31),
        objective_fr="Mesurer.",
        objective_en="Measure.",
        status=Workspace.Status.ACTIVE,
    )
    probe.expert_countries.set([france])
    theme = Theme.objects.create(workspace=probe, order=1, code="theme-1", name_fr="Thème 1", name_en="Theme 1")
    person = Person.objects.create(full_name="Bench expert 0", country=france)
    expert = Expert.objects.create(
        workspace=probe, person=person, country=france, expertise_en="Borders", expertise_fr="Frontières"
    )
    activity = WorkplanActivity.objects.create(
        workspace=probe,
        number=1,
        kind=KINDS[0],
        title_fr="Activité 1",
        title_en="Activity 1",
        planned_start=D(2016, 2, 1),
        planned_end=D(2016, 2, 5),
    )
    activity.themes.add(theme)
    activity.experts.add(expert)
    ExpectedResult.objects.create(workspace=probe, number=1, statement_fr="Résultat 1", statement_en="Result 1")
    Membership.objects.create(
        user=secretariat, workspace=probe, role=Role.SECRETARIAT, institution=authority, valid_from=D(2016, 1, 1)
    )
    drafting_pages.build_small(PROBE, SECRETARIAT)
    global PROBE_TEST
    PROBE_TEST = sessions_pages.build_small(PROBE, SECRETARIAT)
    planning_pages.build_small(PROBE, SECRETARIAT)
    # One recorded change by the secretariat, so the filtered history is not empty on the small data set either.
    with change_by(secretariat):
        first = WorkplanActivity.objects.get(workspace__slug=MAIN, number=1)
        first.description_en = "Bilateral meetings in Niamey."
        first.save()


def _datetime_between(rng, start, end):
    span = (end - start).total_seconds()
    return start + datetime.timedelta(seconds=rng.random() * span)


def grow(rng):
    """Bring the database to a realistic scale with bulk inserts; returns what was added, for the summary."""
    countries = list(Country.objects.all())
    niger = Country.objects.get(code="NE")
    secretariat = User.objects.get(email=SECRETARIAT)

    # Institutions: 2,000+, some of them units of others, some closed.
    institutions = []
    for index in range(2100):
        word = rng.randrange(len(WORDS_FR))
        prefix_fr, prefix_en = rng.choice(PREFIXES)
        closed = rng.random() < 0.1
        institutions.append(
            Institution(
                name_fr=f"{prefix_fr} {WORDS_FR[word]} n° {index}",
                name_en=f"{prefix_en} {WORDS_EN[word]} no. {index}",
                acronym=f"B{index:04d}" if rng.random() < 0.6 else "",
                kind=rng.choice(Institution.Kind.values),
                country=rng.choice(countries) if rng.random() < 0.85 else None,
                active_from=D(rng.randint(1960, 2015), 1, 1) if rng.random() < 0.5 else None,
                active_to=D(rng.randint(2017, 2024), 6, 30) if closed else None,
            )
        )
    institutions = Institution.objects.bulk_create(institutions, batch_size=500)
    parents = institutions[:200]
    for institution in institutions[200:]:
        if rng.random() < 0.3:
            institution.parent = rng.choice(parents)
    Institution.objects.bulk_update(institutions[200:], ["parent"], batch_size=500)
    # The detail page measured is the demo's Ministry of Interior: give it many units.
    ministry = Institution.objects.get(name_en="Ministry of Interior")
    for institution in institutions[1000:1040]:
        institution.parent = ministry
    Institution.objects.bulk_update(institutions[1000:1040], ["parent"])

    # Places: regions get many more named points.
    regions = list(AdminArea.objects.filter(kind=AdminArea.Kind.REGION))
    AdminArea.objects.bulk_create(
        [
            AdminArea(
                country=niger,
                kind=rng.choice([AdminArea.Kind.FLOW_MONITORING_POINT, AdminArea.Kind.TOWN]),
                name=f"Point {index}",
                region=rng.choice(regions) if rng.random() < 0.9 else None,
            )
            for index in range(300)
        ]
    )

    # People with an account: 650.
    users = User.objects.bulk_create(
        [
            User(email=f"bench{index}@bench.example.org", full_name=f"Personne {index:03d}", password="!")
            for index in range(650)
        ],
        batch_size=500,
    )

    # Workspaces: 20 new ones, plus the probe, which grows.
    workspaces = Workspace.objects.bulk_create(
        [
            Workspace(
                slug=f"bench-{index:02d}",
                title_fr=f"Espace de mesure {index:02d}",
                title_en=f"Benchmark workspace {index:02d}",
                country=rng.choice(countries),
                requesting_authority=rng.choice(institutions),
                programme="MIEUX",
                start_date=D(2015 + index % 5, 1 + index % 12, 1),
                end_date=D(2017 + index % 5, 1 + index % 12, 28),
                objective_fr="Appuyer les autorités dans l'élaboration d'une stratégie. " * 3,
                objective_en="Support the authorities in drafting a strategy. " * 3,
                thematic_area_codes=rng.sample(ThematicArea.values, 3),
                status=Workspace.Status.ACTIVE,
            )
            for index in range(1, 21)
        ]
    )
    probe = Workspace.objects.get(slug=PROBE)
    main = Workspace.objects.get(slug=MAIN)
    expert_country_links, co_requester_links = [], []
    for workspace in workspaces:
        for country in rng.sample(countries, 4):
            expert_country_links.append(Workspace.expert_countries.through(workspace=workspace, country=country))
        co_requester_links.append(Workspace.co_requesters.through(workspace=workspace, institution=institutions[0]))
    Workspace.expert_countries.through.objects.bulk_create(expert_country_links)
    Workspace.co_requesters.through.objects.bulk_create(co_requester_links)

    persons = Person.objects.bulk_create(
        [Person(full_name=f"Bench expert {index}", country=rng.choice(countries)) for index in range(1, 120)]
    )
    person_pool = iter(persons)
    themes, experts, activities, results = [], [], [], []
    plan = [(workspace, 1, rng.randint(8, 12)) for workspace in workspaces] + [(probe, 2, 12)]
    for workspace, first, last in plan:
        existing = workspace is probe
        for order in range(first, 7):
            themes.append(
                Theme(
                    workspace=workspace,
                    order=order,
                    code=f"theme-{order}",
                    name_fr=f"Thème {order}",
                    name_en=f"Theme {order}",
                    framework_tags=["GCM-11"],
                )
            )
        for _ in range(4 - (1 if existing else 0)):
            person = next(person_pool)
            experts.append(
                Expert(
                    workspace=workspace,
                    person=person,
                    country=person.country,
                    expertise_en="Expertise",
                    expertise_fr="Expertise",
                )
            )
        for number in range(first, last + 1):
            start = workspace.start_date + datetime.timedelta(days=30 * number)
            done = start < D(2017, 1, 1)
            activities.append(
                WorkplanActivity(
                    workspace=workspace,
                    number=number,
                    kind=rng.choice(KINDS),
                    title_fr=f"Session d'information n° {number} sur la migration irrégulière et la rédaction",
                    title_en=f"Information session no. {number} on irregular migration and drafting",
                    description_fr="Préparation, **session** et compte rendu.",
                    description_en="Preparation, **session** and report.",
                    planned_start=start,
                    planned_end=start + datetime.timedelta(days=rng.randint(0, 40)),
                    actual_start=start if done else None,
                    actual_end=start + datetime.timedelta(days=4) if done else None,
                    status="done" if done else rng.choice(STATUSES[:2]),
                )
            )
        for number in range(first, 6):
            results.append(
                ExpectedResult(
                    workspace=workspace,
                    number=number,
                    statement_fr=f"Résultat attendu {number} : les capacités sont renforcées",
                    statement_en=f"Expected result {number}: capacities are strengthened",
                    measurement_fr="Auto-évaluation avant et après les sessions.",
                    measurement_en="Self-assessment before and after the sessions.",
                )
            )
    Theme.objects.bulk_create(themes)
    Expert.objects.bulk_create(experts)
    WorkplanActivity.objects.bulk_create(activities)
    ExpectedResult.objects.bulk_create(results)

    # Activities get 1–3 themes and 0–2 experts of their workspace.
    themes_of = {}
    for theme in Theme.objects.filter(workspace__slug__startswith="bench-"):
        themes_of.setdefault(theme.workspace_id, []).append(theme)
    experts_of = {}
    for expert in Expert.objects.filter(workspace__slug__startswith="bench-"):
        experts_of.setdefault(expert.workspace_id, []).append(expert)
    theme_links, expert_links = [], []
    linked = set(WorkplanActivity.themes.through.objects.values_list("workplanactivity_id", flat=True))
    for activity in WorkplanActivity.objects.filter(workspace__slug__startswith="bench-").exclude(pk__in=linked):
        for theme in rng.sample(themes_of[activity.workspace_id], rng.randint(1, 3)):
            theme_links.append(WorkplanActivity.themes.through(workplanactivity_id=activity.pk, theme_id=theme.pk))
        for expert in rng.sample(experts_of[activity.workspace_id], rng.randint(0, 2)):
            expert_links.append(WorkplanActivity.experts.through(workplanactivity_id=activity.pk, expert_id=expert.pk))
    WorkplanActivity.themes.through.objects.bulk_create(theme_links)
    WorkplanActivity.experts.through.objects.bulk_create(expert_links)

    # Memberships: 25 per new workspace, 60 more in the demo workspace, 40 in the probe; some have ended.
    # The demo secretariat also belongs to 8 of the new workspaces ("my workspaces" grows to 10).
    roles = [Role.MEMBER, Role.MEMBER, Role.EXPERT, Role.PARTNER, Role.OBSERVER, Role.SECRETARIAT]
    memberships = []
    members_of = {}
    for workspace, count in [(w, 25) for w in workspaces] + [(main, 60), (probe, 40)]:
        chosen = rng.sample(users, count)
        members_of[workspace.pk] = chosen
        for user in chosen:
            ended = rng.random() < 0.1
            memberships.append(
                Membership(
                    user=user,
                    workspace=workspace,
                    role=rng.choice(roles),
                    institution=rng.choice(institutions) if rng.random() < 0.9 else None,
                    valid_from=D(2016, rng.randint(1, 12), 1),
                    valid_to=D(2017, 6, 30) if ended else None,
                )
            )
    for workspace in workspaces[:8]:
        memberships.append(
            Membership(user=secretariat, workspace=workspace, role=rng.choice(roles), valid_from=D(2016, 1, 1))
        )
    Membership.objects.bulk_create(memberships, batch_size=500)

    # Audit events: 1,000 per workspace (22,000), plus the directory's own history.
    types = {
        model: ContentType.objects.get_for_model(model)
        for model in (
            Workspace,
            Theme,
            WorkplanActivity,
            ExpectedResult,
            Expert,
            Membership,
            Institution,
        )
    }
    objects_of = {}
    for model in (Theme, WorkplanActivity, ExpectedResult, Expert, Membership):
        for obj in model.objects.filter(workspace__in=[*workspaces, probe, main]).only("pk", "workspace_id"):
            objects_of.setdefault((obj.workspace_id, model), []).append(obj.pk)
    now = timezone.now()
    since = now - datetime.timedelta(days=730)
    events = []
    for workspace in [*workspaces, probe, main]:
        actors = members_of[workspace.pk][:12] + [secretariat] * 4 + [None]
        for _ in range(1000):
            model = rng.choice(
                [WorkplanActivity, WorkplanActivity, Theme, ExpectedResult, Expert, Membership, Workspace]
            )
            object_id = workspace.pk if model is Workspace else rng.choice(objects_of[(workspace.pk, model)])
            action = rng.choices(["create", "update", "delete"], weights=[3, 6, 1])[0]
            if model is WorkplanActivity:
                changes = {
                    "status": ["planned", rng.choice(STATUSES)],
                    "actual_start": [None, "2016-12-05"],
                    "title_fr": ["Session d'information", "Session d'information et de rédaction"],
                }
            elif model is Membership:
                changes = {"role": ["member", rng.choice(Role.values)], "valid_to": [None, "2017-06-30"]}
            else:
                changes = {"name_fr": ["Ancien intitulé", "Nouvel intitulé"], "order": [1, 2]}
            events.append(
                AuditEvent(
                    at=_datetime_between(rng, since, now),
                    actor=rng.choice(actors),
                    workspace_id=workspace.pk,
                    action=action,
                    content_type=types[model],
                    object_id=str(object_id),
                    object_repr=f"{model.__name__} {object_id}",
                    changes=changes,
                )
            )
    directory_editors = [secretariat, *users[:20]]
    for index in range(2000):
        institution = ministry if index < 200 else rng.choice(institutions)
        events.append(
            AuditEvent(
                at=_datetime_between(rng, since, now),
                actor=rng.choice(directory_editors),
                workspace_id=None,
                action="update",
                content_type=types[Institution],
                object_id=str(institution.pk),
                object_repr=str(institution)[:300],
                changes={"kind": ["ministry", "agency"], "website": ["", "https://example.org/"]},
            )
        )
    # `at` is auto_now_add; bulk inserts must keep the spread-out times given here.
    at = AuditEvent._meta.get_field("at")
    at.auto_now_add = False
    try:
        AuditEvent.objects.bulk_create(events, batch_size=1000)
    finally:
        at.auto_now_add = True


def dataset_summary():
    return (
        f"{Workspace.objects.count()} workspaces, {WorkplanActivity.objects.count()} activities, "
        f"{Institution.objects.count()} institutions, {Membership.objects.count()} memberships, "
        f"{User.objects.count()} users, {AuditEvent.objects.count()} audit events"
    )


# --- Pages -------------------------------------------------------------------------------------------


LIST, WATCH = "list", "watch"
BUDGETS = {}  # page name → its own p95 budget in ms, where it differs from BUDGET_MS


def pages():
    """(name, URL, signed in?, check) of every page measured.

    check: LIST — a list page, whose query count must not depend on the size of the data (failure otherwise);
    WATCH — a page that shows short lists among other things: a difference is reported as a warning.
    """
    from django.urls import reverse

    secretariat = User.objects.get(email=SECRETARIAT)
    activity_type = ContentType.objects.get_for_model(WorkplanActivity)
    ministry = Institution.objects.get(name_en="Ministry of Interior")
    filtered = f"?person={secretariat.pk}&type={activity_type.pk}"
    ws = "workspaces"
    return [
        ("sign-in page", reverse("accounts:login"), False, None),
        ("my workspaces", reverse(f"{ws}:mine"), True, LIST),
        ("overview (demo)", reverse(f"{ws}:overview", args=[MAIN]), True, LIST),
        ("overview (probe)", reverse(f"{ws}:overview", args=[PROBE]), True, LIST),
        ("workplan (demo)", reverse(f"{ws}:workplan", args=[MAIN]), True, LIST),
        ("workplan (probe)", reverse(f"{ws}:workplan", args=[PROBE]), True, LIST),
        ("members (demo)", reverse(f"{ws}:members", args=[MAIN]), True, LIST),
        ("members (probe)", reverse(f"{ws}:members", args=[PROBE]), True, LIST),
        ("members, former too", reverse(f"{ws}:members", args=[MAIN]) + "?past=1", True, LIST),
        ("history, page 1", reverse(f"{ws}:history", args=[MAIN]), True, LIST),
        ("history, filtered", reverse(f"{ws}:history", args=[MAIN]) + filtered, True, LIST),
        ("history (probe)", reverse(f"{ws}:history", args=[PROBE]), True, LIST),
        ("institutions", reverse("directory:institutions"), True, LIST),
        ("institutions, search", reverse("directory:institutions") + "?q=migration", True, LIST),
        ("institutions, by type", reverse("directory:institutions") + "?kind=ministry", True, LIST),
        ("institution detail", reverse("directory:institution", args=[ministry.pk]), True, LIST),
        ("places", reverse("directory:places"), True, LIST),
        *[(name, url, True, LIST) for name, url in drafting_pages.pages(PROBE)],
        *[(name, url, True, LIST) for name, url in sessions_pages.pages(PROBE, PROBE_TEST)],
        *[(name, url, True, LIST) for name, url in planning_pages.pages(PROBE)],
    ]


def _budgets():
    budgets = {name: drafting_pages.BUDGET_MS for name, _url in drafting_pages.pages(PROBE)}
    budgets.update({name: sessions_pages.BUDGET_MS for name, _url in sessions_pages.pages(PROBE, PROBE_TEST)})
    budgets.update({name: planning_pages.BUDGET_MS for name, _url in planning_pages.pages(PROBE)})
    budgets.update({f"{name}, uncached": planning_pages.BUDGET_MS for name, _url in planning_pages.pages(PROBE)})
    return budgets


def clients():
    anonymous, signed_in = Client(), Client()
    signed_in.force_login(User.objects.get(email=SECRETARIAT))
    return anonymous, signed_in


def fetch(client, url):
    response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}, not 200: the benchmark measures nothing useful")
    return response


def query_counts(page_list):
    anonymous, signed_in = clients()
    counts = {}
    for name, url, signed, _check in page_list:
        client = signed_in if signed else anonymous
        fetch(client, url)  # first request: caches (content types, templates) are warm afterwards
        with CaptureQueriesContext(connection) as queries:
            fetch(client, url)
        counts[name] = len(queries)
    return counts


def timings(page_list, requests, before_each=None):
    """Median and p95 server time per page; `before_each` runs (untimed) before every timed request."""
    anonymous, signed_in = clients()
    found = {}
    for name, url, signed, _check in page_list:
        client = signed_in if signed else anonymous
        for _ in range(WARMUPS):
            fetch(client, url)
        samples = []
        for _ in range(requests):
            if before_each:
                before_each()
            started = time.perf_counter()
            client.get(url)
            samples.append((time.perf_counter() - started) * 1000)
        samples.sort()
        p95 = statistics.quantiles(samples, n=100, method="inclusive")[94]
        found[name] = (statistics.median(samples), p95)
    return found


MAPPING_BUDGET_MS = 200.0


def mapping_pages(rng, requests):
    """The mapping list and matrix with the 50,000 interventions mapping_import.run() left, given themes."""
    from django.urls import reverse

    from cadre.mapping import analysis
    from cadre.mapping.models import Intervention

    workspace = Workspace.objects.get(slug=mapping_import.SLUG)
    secretariat = User.objects.get(email=SECRETARIAT)
    Membership.objects.get_or_create(
        user=secretariat, workspace=workspace, defaults={"role": Role.SECRETARIAT, "valid_from": D(2016, 1, 1)}
    )
    themes = [
        Theme.objects.get_or_create(
            workspace=workspace,
            code=f"theme-{n}",
            defaults={"order": n, "name_fr": f"Thème {n}", "name_en": f"Theme {n}"},
        )[0]
        for n in range(1, 7)
    ]
    started = time.perf_counter()
    through = Intervention.themes.through
    ids = list(Intervention.objects.filter(workspace=workspace).values_list("pk", flat=True))
    with transaction.atomic():
        through.objects.filter(intervention_id__in=ids).delete()
        links = [
            through(intervention_id=pk, theme_id=theme.pk)
            for pk in ids
            for theme in rng.sample(themes, rng.randint(1, 2))
        ]
        through.objects.bulk_create(links, batch_size=5000)
        analysis.refresh_cells(ids)
    print(
        f"Mapping: {len(ids)} interventions given themes, matrix rows rebuilt in {time.perf_counter() - started:.1f} s"
    )
    region = AdminArea.objects.get(code="NE-1")
    base = reverse("mapping:interventions", args=[workspace.slug])
    matrix = reverse("mapping:matrix", args=[workspace.slug])
    page_list = [
        ("mapping list", base, True, LIST),
        ("mapping list, page 20", base + "?page=20", True, LIST),
        ("mapping list, filtered", base + f"?status=ongoing&theme={themes[0].pk}&area={region.pk}", True, LIST),
        ("mapping list, search", base + "?q=migration", True, LIST),
        ("mapping matrix", matrix, True, LIST),
        ("mapping matrix, filtered", matrix + f"?status=ongoing&theme={themes[1].pk}", True, LIST),
    ]
    counts = query_counts(page_list)
    gc.collect()
    gc.freeze()  # the import's leftovers, frozen as a freshly started server would have none
    times = timings(page_list, requests)
    problems = []
    print()
    print(f"{'page (50,000 interventions)':<28} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
    for name, _url, _signed, _check in page_list:
        median, p95 = times[name]
        flag = "  ← too slow" if p95 >= MAPPING_BUDGET_MS else ""
        if flag:
            problems.append(f"{name}: p95 {p95:.1f} ms ≥ {MAPPING_BUDGET_MS:.0f} ms")
        print(f"{name:<28} {median:>10.1f} {p95:>8.1f} {counts[name]:>8}{flag}")
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=30, help="timed requests per page (after 3 warm-ups)")
    parser.add_argument(
        "--pages-only", action="store_true", help="only the pages: skip the exports and the 50,000-activity import"
    )
    args = parser.parse_args()
    rng = random.Random(SEED)
    problems = []
    try:
        started = time.perf_counter()
        build_small()
        print(f"Small data set ({time.perf_counter() - started:.1f} s): {dataset_summary()}")
        page_list = pages()  # the objects they name exist from now on and keep their keys
        small = query_counts(page_list)

        started = time.perf_counter()
        with transaction.atomic():
            grow(rng)
            drafting_pages.grow(rng, PROBE)
            print(f"Sessions: {sessions_pages.grow(rng, PROBE)}")
            print(f"Planning: {planning_pages.grow(rng, PROBE)}")
        print(f"Large data set (+{time.perf_counter() - started:.1f} s): {dataset_summary()}")
        gc.collect()
        gc.freeze()  # as cadre/wsgi.py does once the application is loaded: measure a server, not the builder
        large = query_counts(page_list)
        times = timings(page_list, args.requests)
        # The planning pages cache their large tables under the plan's version: measure them as just after a
        # change too, with nothing cached.
        uncached = [(f"{name}, uncached", url, True, None) for name, url in planning_pages.pages(PROBE)]
        times.update(timings(uncached, args.requests, before_each=cache.clear))
        BUDGETS.update(_budgets())
        if not args.pages_only:
            print()
            problems += drafting_exchange.run(print)  # DOCX and PDF export of a ~150-page strategy
            print()
            problems += mapping_import.run(print)  # 50,000 IATI activities
            problems += mapping_pages(rng, args.requests)
    finally:
        connection.close()

    print()
    print(f"Server time of {args.requests} requests per page after {WARMUPS} warm-ups, as the demo secretariat")
    header = f"{'page':<24} {'median ms':>10} {'p95 ms':>8} {'queries':>8} {'(small)':>8}"
    print(header)
    print("-" * len(header))
    warnings = []
    for name, _url, _signed, check in page_list + uncached:
        median, p95 = times[name]
        flag = ""
        budget = BUDGETS.get(name, BUDGET_MS)
        if p95 >= budget:
            flag = "  ← too slow"
            problems.append(f"{name}: p95 {p95:.1f} ms ≥ {budget:.0f} ms")
        if check and small[name] != large[name]:
            flag += "  ← queries depend on size"
            difference = f"{name}: {small[name]} queries on the small data set, {large[name]} on the large one"
            (problems if check == LIST else warnings).append(difference)
        counts = f"{large[name]:>8} {small[name]:>8}" if name in large else f"{'':>8} {'':>8}"
        print(f"{name:<24} {median:>10.1f} {p95:>8.1f} {counts}{flag}")
    print()
    for warning in warnings:
        print(f"WARNING (not a list page, so not a failure): {warning}")
    if problems:
        print("FAILED:")
        for problem in problems:
            print(f"  - {problem}")
        return 1
    print("OK: every page's p95 is under its budget and every list page's query count is size-independent.")
    return 0


if __name__ == "__main__":
    try:
        code = main()
    finally:
        shutil.rmtree(WORKDIR, ignore_errors=True)
    sys.exit(code)
