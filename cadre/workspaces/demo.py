"""The demo: the two Niger actions of ../shared/DOMAIN.md, with one account per role.

"Niger: Irregular Migration" carries exactly the seed's key facts, objective, 8 activities and 5 results
(English verbatim, French translated). Activity dates are illustrative: the seed gives only the June 2016 –
April 2017 time frame. Experts and accounts are fictitious and named as such.

The demo is the 2016–2017 process seen from today: it is over. All 8 activities are done, on their planned dates,
and the other demos agree (meetings held, tests answered, final release signed at activity 8, the 2017–2021 action
plan adopted and monitored). The workspace stays "under way" (active), not "completed": the action ended in April
2017, but the committee still uses the workspace to monitor the adopted plan (the planning demo's 2019 round is
still open). The status changes nothing else: it is only shown.
"""

import datetime

from django.contrib.auth import get_user_model

from cadre.core.services import change_by
from cadre.directory.demo import load_reference_data
from cadre.directory.models import Person

from .models import ExpectedResult, Expert, Membership, Theme, WorkplanActivity, Workspace
from .roles import Role

D = datetime.date
DEMO_PASSWORD = "demo-cadre-2016"  # noqa: S105 — printed on purpose: demo accounts only

MAIN_SLUG = "niger-irregular-migration"
YOUTH_SLUG = "niger-migration-youth"

MAIN = {
    "title_en": "Niger: Irregular Migration",
    "title_fr": "Niger : migration irrégulière",
    "programme": "MIEUX (MIgration EU eXpertise)",
    "reference": "MIEUX 95",
    "start_date": D(2016, 6, 1),
    "end_date": D(2017, 4, 30),
    "objective_en": "Support the Inter-ministerial Committee on Migration to develop the National Strategy to "
    "Counter Irregular Migration.",
    "objective_fr": "Appuyer le Comité interministériel sur la migration dans l'élaboration de la Stratégie "
    "nationale de lutte contre la migration irrégulière.",
    "thematic_area_codes": [
        "irregular_migration",
        "border_management",
        "smuggling",
        "trafficking",
        "return_reintegration",
    ],
    "status": Workspace.Status.ACTIVE,
}

# code, order, French, English, framework tags
MAIN_THEMES = [
    ("coordination", 1, "Coordination et gouvernance", "Coordination and governance", ["GCM-23", "GCM-1"]),
    (
        "border-management",
        2,
        "Pré-entrée, entrée et sortie (gestion des frontières)",
        "Pre-entry, entry and exit (border management)",
        ["GCM-11"],
    ),
    (
        "vulnerable-migrants",
        3,
        "Migrants vulnérables et orientation",
        "Vulnerable migrants and referral",
        ["GCM-7", "GCM-12"],
    ),
    (
        "detection",
        4,
        "Détection des migrants en situation irrégulière et des réseaux criminels",
        "Detection of irregular migrants and criminal networks",
        ["GCM-9", "GCM-10"],
    ),
    ("investigation", 5, "Enquêtes et poursuites", "Investigation and prosecution", ["GCM-9", "GCM-10"]),
    ("return", 6, "Retour et voies de sortie de l'irrégularité", "Return and pathways out of irregularity", ["GCM-21"]),
]

# number, kind, English (seed, verbatim), French, planned start, planned end, status, theme codes
MAIN_ACTIVITIES = [
    (
        1,
        "mapping_meetings",
        "Bilateral working meetings in order to map out the ongoing irregular migration-related activities "
        "implemented in Niger and 1st Introductory Information Session on Irregular Migration",
        "Réunions de travail bilatérales afin de cartographier les activités en cours liées à la migration "
        "irrégulière mises en œuvre au Niger, et 1re session d'information introductive sur la migration irrégulière",
        D(2016, 6, 13),
        D(2016, 6, 17),
        "done",
        ["coordination"],
    ),
    (
        2,
        "information_and_drafting",
        "Second Information Session on Irregular Migration focusing on Pre-Entry-, Entry- and Exit-related Matters "
        "mainly related to Border Management, the Needs of Vulnerable Migrants at Borders and within the Territory, "
        "and Referral Mechanisms, and a Drafting Session on the sections of the Strategy pertinent to these",
        "Deuxième session d'information sur la migration irrégulière, consacrée aux questions de pré-entrée, "
        "d'entrée et de sortie relevant principalement de la gestion des frontières, aux besoins des migrants "
        "vulnérables aux frontières et sur le territoire, et aux mécanismes d'orientation, et session de rédaction "
        "des sections de la Stratégie qui s'y rapportent",
        D(2016, 9, 12),
        D(2016, 9, 16),
        "done",
        ["border-management", "vulnerable-migrants"],
    ),
    (
        3,
        "remote_assistance",
        "Remote assistance in drafting the National Strategy to Counter Irregular Migration",
        "Assistance à distance pour la rédaction de la Stratégie nationale de lutte contre la migration irrégulière",
        D(2016, 9, 19),
        D(2016, 11, 18),
        "done",
        ["border-management", "vulnerable-migrants"],
    ),
    (
        4,
        "information_and_drafting",
        "Third Information Session on Irregular Migration focusing on the Detection of Irregular Migrants and "
        "Criminal Networks within the Territory, and Investigation Techniques and Prosecution for Irregular "
        "Migration Cases, and a Drafting Session on the sections of the Strategy pertinent to these",
        "Troisième session d'information sur la migration irrégulière, consacrée à la détection des migrants en "
        "situation irrégulière et des réseaux criminels sur le territoire, ainsi qu'aux techniques d'enquête et aux "
        "poursuites dans les affaires de migration irrégulière, et session de rédaction des sections de la "
        "Stratégie qui s'y rapportent",
        D(2016, 11, 28),
        D(2016, 12, 2),
        "done",
        ["detection", "investigation"],
    ),
    (
        5,
        "remote_assistance",
        "Remote assistance in drafting the National Strategy to Counter Irregular Migration",
        "Assistance à distance pour la rédaction de la Stratégie nationale de lutte contre la migration irrégulière",
        D(2016, 12, 5),
        D(2017, 1, 27),
        "done",
        ["detection", "investigation"],
    ),
    (
        6,
        "information_and_drafting",
        "Fourth Information Session on Irregular Migration focusing on Return and Pathways out of Irregularity, "
        "and Drafting Session on the sections of the Strategy pertinent to these",
        "Quatrième session d'information sur la migration irrégulière, consacrée au retour et aux voies de sortie "
        "de l'irrégularité, et session de rédaction des sections de la Stratégie qui s'y rapportent",
        D(2017, 2, 6),
        D(2017, 2, 10),
        "done",
        ["return"],
    ),
    (
        7,
        "remote_assistance",
        "Remote assistance in drafting the National Strategy",
        "Assistance à distance pour la rédaction de la Stratégie nationale",
        D(2017, 2, 13),
        D(2017, 3, 31),
        "done",
        ["return", "coordination"],
    ),
    (
        8,
        "finalisation_workshop",
        "Finalisation workshop for the National Strategy to Counter Irregular Migration",
        "Atelier de finalisation de la Stratégie nationale de lutte contre la migration irrégulière",
        D(2017, 4, 18),
        D(2017, 4, 20),
        "done",
        ["coordination", "border-management", "vulnerable-migrants", "detection", "investigation", "return"],
    ),
]

# number, English (seed, verbatim), French, how it is measured (en, fr)
MAIN_RESULTS = [
    (
        1,
        "The capacities and practical knowledge of Nigerien authorities on how to develop a strategic document "
        "are enhanced",
        "Les capacités et les connaissances pratiques des autorités nigériennes sur la manière d'élaborer un "
        "document stratégique sont renforcées",
        "Capacity self-assessment of participants before and after the sessions.",
        "Auto-évaluation des capacités des participants avant et après les sessions.",
    ),
    (
        2,
        "A National Strategy to Counter Irregular Migration in Niger is drafted by the Nigerien authorities with "
        "the support of the MIEUX experts",
        "Une Stratégie nationale de lutte contre la migration irrégulière au Niger est rédigée par les autorités "
        "nigériennes avec l'appui des experts MIEUX",
        "Sections of the strategy agreed; the draft endorsed by the institutions at the finalisation workshop.",
        "Sections de la stratégie validées ; projet approuvé par les institutions à l'atelier de finalisation.",
    ),
    (
        3,
        "Knowledge of issues pertinent to pre-entry-, entry- and exit-related matters mainly pertinent to border "
        "management, the needs of vulnerable migrants at borders and within the territory, and referral "
        "mechanisms is enhanced",
        "Les connaissances sur les questions de pré-entrée, d'entrée et de sortie relevant principalement de la "
        "gestion des frontières, sur les besoins des migrants vulnérables aux frontières et sur le territoire, et "
        "sur les mécanismes d'orientation sont renforcées",
        "Knowledge test scores before and after the second information session.",
        "Résultats au test de connaissances avant et après la deuxième session d'information.",
    ),
    (
        4,
        "Knowledge of issues pertinent to the detection of irregular migrants and criminal networks within the "
        "territory, investigation and prosecution techniques of irregular migration cases is enhanced",
        "Les connaissances sur la détection des migrants en situation irrégulière et des réseaux criminels sur le "
        "territoire, ainsi que sur les techniques d'enquête et de poursuite dans les affaires de migration "
        "irrégulière sont renforcées",
        "Knowledge test scores before and after the third information session.",
        "Résultats au test de connaissances avant et après la troisième session d'information.",
    ),
    (
        5,
        "Inter-agency coordination in the field of irregular migration is strengthened",
        "La coordination interinstitutionnelle dans le domaine de la migration irrégulière est renforcée",
        "Institutions taking part in each session and co-drafting sections; action points closed on time.",
        "Institutions participant à chaque session et co-rédigeant des sections ; "
        "points d'action clos dans les délais.",
    ),
]

# country, name, expertise (en), expertise (fr) — fictitious people, named as such
MAIN_EXPERTS = [
    (
        "FR",
        "Demo expert, France",
        "Border management and document fraud",
        "Gestion des frontières et fraude documentaire",
    ),
    ("BE", "Demo expert, Belgium", "Referral of vulnerable migrants", "Orientation des migrants vulnérables"),
    (
        "ES",
        "Demo expert, Spain",
        "Investigation of smuggling networks",
        "Enquêtes sur les réseaux de trafic illicite de migrants",
    ),
    (
        "SN",
        "Demo expert, Senegal",
        "Strategic planning and national migration policy",
        "Planification stratégique et politique migratoire nationale",
    ),
]
EXPERT_ACTIVITIES = {"FR": [2, 3, 8], "BE": [2, 3, 6], "ES": [4, 5, 8], "SN": [1, 6, 7, 8]}

YOUTH = {
    "title_en": "Niger III: Migration and Youth",
    "title_fr": "Niger III : migration et jeunesse",
    "programme": "MIEUX (MIgration EU eXpertise)",
    "reference": "",
    "start_date": D(2016, 8, 1),
    "end_date": D(2019, 5, 31),
    "objective_en": "Support the Ministry of Youth and Sports and the NGO GRASPI in producing a practical guide "
    "on migration and youth and two brochures, on irregular and on legal migration.",
    "objective_fr": "Appuyer le ministère de la Jeunesse et des Sports et l'ONG GRASPI dans la production d'un "
    "guide pratique sur la migration et la jeunesse et de deux brochures, sur la migration "
    "irrégulière et sur la migration légale.",
    "thematic_area_codes": ["youth", "irregular_migration", "legal_migration"],
    "status": Workspace.Status.COMPLETED,
}
YOUTH_THEMES = [
    ("awareness", 1, "Sensibilisation des jeunes", "Awareness-raising among young people", []),
    ("legal-pathways", 2, "Voies de migration légale", "Legal migration pathways", []),
]
YOUTH_RESULTS = [
    (
        1,
        "A practical guide on migration and youth is produced",
        "Un guide pratique sur la migration et la jeunesse est produit",
        "",
        "",
    ),
    (
        2,
        "Two brochures, on irregular and on legal migration, are produced",
        "Deux brochures, sur la migration irrégulière et sur la migration légale, sont produites",
        "",
        "",
    ),
]

# e-mail, name, role, institution key, workspace slug
ACCOUNTS = [
    ("secretariat@demo.example.org", "Secrétariat (démo)", Role.SECRETARIAT, "dm", MAIN_SLUG),
    ("member@demo.example.org", "Membre ANLTP/TIM (démo)", Role.MEMBER, "anltp", MAIN_SLUG),
    ("expert@demo.example.org", "Demo expert, Spain", Role.EXPERT, None, MAIN_SLUG),
    ("partner@demo.example.org", "Partenaire OIM (démo)", Role.PARTNER, "iom", MAIN_SLUG),
    ("observer@demo.example.org", "Observateur UE (démo)", Role.OBSERVER, "eu", MAIN_SLUG),
    ("youth@demo.example.org", "Secrétariat Niger III (démo)", Role.SECRETARIAT, "mjs", YOUTH_SLUG),
]


def _workspace(slug, facts, *, country, authority, co_requesters, expert_countries):
    workspace, _created = Workspace.objects.update_or_create(
        slug=slug, defaults={**facts, "country": country, "requesting_authority": authority}
    )
    workspace.co_requesters.set(co_requesters)
    workspace.expert_countries.set(expert_countries)
    return workspace


def _themes(workspace, themes):
    found = {}
    for code, order, name_fr, name_en, tags in themes:
        found[code], _created = Theme.objects.update_or_create(
            workspace=workspace,
            code=code,
            defaults={"order": order, "name_fr": name_fr, "name_en": name_en, "framework_tags": tags},
        )
    return found


def _results(workspace, results):
    for number, statement_en, statement_fr, measurement_en, measurement_fr in results:
        ExpectedResult.objects.update_or_create(
            workspace=workspace,
            number=number,
            defaults={
                "statement_en": statement_en,
                "statement_fr": statement_fr,
                "measurement_en": measurement_en,
                "measurement_fr": measurement_fr,
            },
        )


def load(*, by=None) -> list[tuple[str, str, str, str]]:
    """Create or update the whole demo; returns the accounts as (e-mail, password, role, workspace title)."""
    ref = load_reference_data(by=by)
    countries, institutions = ref["countries"], ref["institutions"]
    User = get_user_model()
    with change_by(by):
        main = _workspace(
            MAIN_SLUG,
            MAIN,
            country=countries["NE"],
            authority=institutions["mi"],
            co_requesters=[],
            expert_countries=[countries[c] for c in ("FR", "BE", "ES", "SN")],
        )
        themes = _themes(main, MAIN_THEMES)
        experts = {}
        for code, name, expertise_en, expertise_fr in MAIN_EXPERTS:
            person, _created = Person.objects.update_or_create(
                full_name=name, defaults={"country": countries[code], "function": "Expert (fictitious demo person)"}
            )
            experts[code], _created = Expert.objects.update_or_create(
                workspace=main,
                person=person,
                defaults={"country": countries[code], "expertise_en": expertise_en, "expertise_fr": expertise_fr},
            )
        for number, kind, title_en, title_fr, start, end, status, theme_codes in MAIN_ACTIVITIES:
            done = status == "done"
            activity, _created = WorkplanActivity.objects.update_or_create(
                workspace=main,
                number=number,
                defaults={
                    "kind": kind,
                    "title_en": title_en,
                    "title_fr": title_fr,
                    "planned_start": start,
                    "planned_end": end,
                    "status": status,
                    "actual_start": start if done else None,
                    "actual_end": end if done else None,
                },
            )
            activity.themes.set([themes[code] for code in theme_codes])
            activity.experts.set([experts[code] for code, numbers in EXPERT_ACTIVITIES.items() if number in numbers])
        _results(main, MAIN_RESULTS)

        youth = _workspace(
            YOUTH_SLUG,
            YOUTH,
            country=countries["NE"],
            authority=institutions["mjs"],
            co_requesters=[institutions["graspi"]],
            expert_countries=[countries[c] for c in ("FR", "DE", "PL", "ML")],
        )
        _themes(youth, YOUTH_THEMES)
        _results(youth, YOUTH_RESULTS)

        workspaces = {MAIN_SLUG: main, YOUTH_SLUG: youth}
        accounts = []
        for email, name, role, institution, slug in ACCOUNTS:
            user = User.objects.filter(email=email).first()
            if user is None:
                user = User.objects.create_user(email=email, password=DEMO_PASSWORD, full_name=name)
            elif not user.check_password(DEMO_PASSWORD):
                user.set_password(DEMO_PASSWORD)
                user.save()
            Membership.objects.update_or_create(
                user=user,
                workspace=workspaces[slug],
                defaults={
                    "role": role,
                    "institution": institutions.get(institution),
                    "valid_from": D(2016, 5, 2),
                    "valid_to": None,
                },
            )
            if role == Role.EXPERT:
                for person in Person.objects.filter(full_name=name, user__isnull=True):
                    person.user = user
                    person.save()
            accounts.append((email, DEMO_PASSWORD, str(role.label), workspaces[slug].title_en))
    return accounts
