"""The data of the planning demo: an action plan written for the demo, for the demo strategy of cadre.drafting.

Institutions are the real ones of cadre.directory.demo (by key), interventions the real EU Trust Fund projects
of the mapping demo (by IATI identifier), library codes the real EUTF common output indicators
(cadre.planning.library). Titles, costs, targets and reported values are examples written for the demo: they are
not Niger's adopted action plan and not statistics.
"""

from typing import NamedTuple

SLUG = "pa-snlmi-2017-2021"
TITLE_FR = "Plan d'action 2017–2021 de la Stratégie nationale de lutte contre la migration irrégulière"
TITLE_EN = "2017–2021 action plan of the National Strategy to Counter Irregular Migration"
START_YEAR, END_YEAR = 2017, 2021
DESCRIPTION = (
    "Plan d'action de démonstration, écrit pour la démo de Cadre : il n'est pas le plan adopté par le Niger. "
    "Les institutions et les projets du Fonds fiduciaire d'urgence de l'UE sont réels ; les coûts, les cibles "
    "et les valeurs rapportées sont des exemples."
)


class Ind(NamedTuple):
    """An indicator: code, French definition, unit, baseline (2016), final target (2021), responsible institution
    key; optional EUTF library code (e.g. "3.7"), type, disaggregation, means of verification."""

    code: str
    definition: str
    unit: str
    baseline: float | None
    target: float | None
    owner: str
    library: str = ""
    kind: str = "number"
    disaggregation: tuple = ()
    verification: str = ""


class Act(NamedTuple):
    """An action: code, title, lead key, partner keys, start (year, quarter), end (year, quarter), cost (total,
    spread evenly over its years), currency, funding [(kind, funder key or None, share of the cost, committed)],
    contributing interventions [(IATI identifier, share %)], indicators."""

    code: str
    title: str
    lead: str
    partners: tuple
    start: tuple
    end: tuple
    cost: int
    currency: str = "XOF"
    funding: tuple = (("state", None, 1.0, True),)
    contributions: tuple = ()
    indicators: tuple = ()
    assumptions: str = ""
    risks: str = ""


GENERAL = {
    "code": "OG",
    "title": "Réduire la migration irrégulière et ses conséquences au Niger, dans le respect des droits des migrants "
    "et de la libre circulation dans l'espace CEDEAO",
    "indicators": (
        Ind(
            "OG.1",
            "Nombre de migrants en situation irrégulière interceptés ou assistés dans la région d'Agadez",
            "personnes",
            None,
            None,
            "dst",
            verification="Rapports de la DST et de l'OIM (points de suivi des flux)",
            disaggregation=("sex", "age", "nationality"),
        ),
        Ind(
            "OG.2",
            "Stratégie nationale et plan d'action mis en œuvre et suivis par le Cadre de concertation",
            "oui/non",
            0,
            1,
            "dm",
            kind="yes_no",
            verification="Rapports annuels de suivi du plan d'action",
        ),
    ),
}

# Five axes: the six themes of the workspace, detection and investigation merged in axis 4.
# code, title, theme, drafting section keys (cadre.drafting.demo.SECTIONS), indicators, specific objectives
AXES = [
    {
        "code": "1",
        "title": "Coordination et gouvernance de la migration",
        "theme": "coordination",
        "sections": ("3.1", "4", "4.1", "4.2"),
        "indicators": (
            Ind("1.a", "Nombre de sessions du Cadre de concertation sur la migration tenues", "sessions", 1, 10, "dm"),
        ),
        "specifics": [
            {
                "code": "1.1",
                "title": "Renforcer le pilotage interministériel de la politique migratoire",
                "indicators": (
                    Ind(
                        "1.1.a",
                        "Nombre de stratégies, lois, politiques et plans élaborés ou appuyés",
                        "documents",
                        0,
                        4,
                        "dm",
                        library="4.6",
                    ),
                ),
                "results": [
                    {
                        "code": "1.1.1",
                        "title": "Le Cadre de concertation sur la migration se réunit et suit le plan d'action",
                        "indicators": (
                            Ind(
                                "1.1.1.a",
                                "Nombre de groupes multi-acteurs formés et se réunissant régulièrement",
                                "groupes",
                                1,
                                3,
                                "dm",
                                library="5.1",
                            ),
                        ),
                        "actions": (
                            Act(
                                "1.1.1.1",
                                "Tenir deux sessions ordinaires par an du Cadre de concertation sur la migration",
                                "dm",
                                ("mi", "mae", "justice", "iom"),
                                (2017, 1),
                                (2021, 4),
                                60_000_000,
                                funding=(("state", None, 0.6, True), ("partner", "eu", 0.4, True)),
                                contributions=(("T05-EUTF-SAH-NE-07-01", 10),),
                                indicators=(
                                    Ind(
                                        "1.1.1.1.a",
                                        "Comptes rendus de session adoptés et diffusés",
                                        "comptes rendus",
                                        0,
                                        10,
                                        "dm",
                                    ),
                                ),
                            ),
                            Act(
                                "1.1.1.2",
                                "Mettre en place un secrétariat permanent doté de personnel et d'un budget",
                                "dm",
                                ("dgecmr", "icmpd"),
                                (2017, 2),
                                (2018, 4),
                                45_000_000,
                                funding=(("state", None, 1.0, True),),
                            ),
                        ),
                    },
                    {
                        "code": "1.1.2",
                        "title": "Les régions d'Agadez, de Tahoua et de Zinder disposent de cadres régionaux",
                        "indicators": (
                            Ind(
                                "1.1.2.a",
                                "Nombre de cadres régionaux de concertation installés",
                                "cadres",
                                0,
                                3,
                                "dgecmr",
                            ),
                        ),
                        "actions": (
                            Act(
                                "1.1.2.1",
                                "Installer et animer des cadres régionaux de concertation sur la migration",
                                "dgecmr",
                                ("hacp", "iom", "giz"),
                                (2017, 3),
                                (2020, 4),
                                120_000_000,
                                funding=(("state", None, 0.3, True), ("partner", "giz", 0.7, False)),
                                contributions=(("T05-EUTF-SAH-NE-02", 15),),
                            ),
                        ),
                    },
                ],
            },
            {
                "code": "1.2",
                "title": "Disposer de données fiables et partagées sur la migration",
                "indicators": (
                    Ind(
                        "1.2.a",
                        "Nombre de systèmes de planification, de suivi et de collecte de données mis en place",
                        "systèmes",
                        0,
                        2,
                        "dm",
                        library="5.2",
                    ),
                ),
                "results": [
                    {
                        "code": "1.2.1",
                        "title": "Un profil migratoire national est publié et mis à jour",
                        "indicators": (
                            Ind(
                                "1.2.1.a",
                                "Nombre d'études de terrain, d'enquêtes et de recherches conduites",
                                "études",
                                0,
                                3,
                                "dm",
                                library="5.3",
                            ),
                        ),
                        "actions": (
                            Act(
                                "1.2.1.1",
                                "Élaborer et publier le profil migratoire national",
                                "dm",
                                ("iom", "icmpd"),
                                (2018, 1),
                                (2019, 2),
                                150_000,
                                currency="EUR",
                                funding=(("partner", "iom", 1.0, True),),
                                contributions=(("T05-EUTF-SAH-NE-07-01", 5),),
                            ),
                            Act(
                                "1.2.1.2",
                                "Mettre en place un groupe technique sur les statistiques migratoires",
                                "dgecmr",
                                ("dst", "iom"),
                                (2017, 4),
                                (2021, 4),
                                25_000_000,
                            ),
                        ),
                    },
                ],
            },
        ],
    },
    {
        "code": "2",
        "title": "Gestion des frontières : pré-entrée, entrée et sortie",
        "theme": "border-management",
        "sections": ("3.2", "3.2.1", "3.2.2", "3.2.3"),
        "indicators": (
            Ind(
                "2.a",
                "Part des postes frontières prioritaires équipés du système MIDAS",
                "%",
                20,
                100,
                "dst",
                kind="percentage",
                verification="Rapports de la DST",
            ),
        ),
        "specifics": [
            {
                "code": "2.1",
                "title": "Moderniser le contrôle aux postes frontières",
                "indicators": (
                    Ind(
                        "2.1.a",
                        "Nombre d'infrastructures appuyées pour renforcer la gouvernance",
                        "infrastructures",
                        0,
                        6,
                        "dst",
                        library="4.1",
                    ),
                ),
                "results": [
                    {
                        "code": "2.1.1",
                        "title": "Les postes frontières d'Assamaka, de Makalondi et de Gaya sont équipés et connectés",
                        "indicators": (
                            Ind(
                                "2.1.1.a",
                                "Nombre d'équipements fournis pour renforcer la gouvernance",
                                "équipements",
                                0,
                                120,
                                "dst",
                                library="4.1 bis",
                            ),
                        ),
                        "actions": (
                            Act(
                                "2.1.1.1",
                                "Réhabiliter et équiper les postes frontières d'Assamaka, de Makalondi et de Gaya",
                                "dst",
                                ("police", "eucap", "iom"),
                                (2017, 3),
                                (2019, 4),
                                900_000_000,
                                funding=(("state", None, 0.2, True), ("partner", "eu", 0.8, True)),
                                contributions=(("T05-EUTF-SAH-NE-07-01", 20),),
                                indicators=(
                                    Ind("2.1.1.1.a", "Nombre de postes frontières réhabilités", "postes", 0, 3, "dst"),
                                ),
                                assumptions="Accès sécurisé aux sites pendant les travaux.",
                                risks="Insécurité dans la région de Tillabéri.",
                            ),
                            Act(
                                "2.1.1.2",
                                "Étendre le système d'information MIDAS aux postes frontières prioritaires",
                                "dst",
                                ("iom", "police"),
                                (2017, 1),
                                (2020, 4),
                                1_200_000,
                                currency="EUR",
                                funding=(("partner", "iom", 1.0, True),),
                                contributions=(("T05-EUTF-SAH-REG-03-01", 25),),
                            ),
                            Act(
                                "2.1.1.3",
                                "Former les agents de la police des frontières au contrôle documentaire",
                                "dst",
                                ("eucap", "police"),
                                (2018, 1),
                                (2021, 2),
                                180_000_000,
                                funding=(("state", None, 0.25, True), ("partner", "eucap", 0.75, False)),
                                indicators=(
                                    Ind(
                                        "2.1.1.3.a",
                                        "Nombre d'agents formés au contrôle documentaire",
                                        "agents",
                                        0,
                                        300,
                                        "dst",
                                        library="4.2",
                                        disaggregation=("sex", "region"),
                                    ),
                                ),
                            ),
                        ),
                    },
                ],
            },
            {
                "code": "2.2",
                "title": "Renforcer la surveillance des espaces frontaliers entre les postes",
                "indicators": (
                    Ind(
                        "2.2.a",
                        "Nombre de patrouilles mixtes conduites dans les zones frontalières",
                        "patrouilles",
                        12,
                        150,
                        "garde",
                    ),
                ),
                "results": [
                    {
                        "code": "2.2.1",
                        "title": "Des unités mobiles surveillent les zones frontalières du nord et de l'ouest",
                        "indicators": (
                            Ind(
                                "2.2.1.a",
                                "Nombre d'unités mobiles opérationnelles",
                                "unités",
                                0,
                                4,
                                "garde",
                            ),
                        ),
                        "actions": (
                            Act(
                                "2.2.1.1",
                                "Créer et équiper un escadron polyvalent de la Garde nationale",
                                "garde",
                                ("mi", "eu"),
                                (2019, 1),
                                (2021, 4),
                                2_950_000_000,
                                funding=(("state", None, 0.1, True), ("partner", "eu", 0.9, True)),
                                contributions=(("T05-EUTF-SAH-NE-16", 60),),
                            ),
                            Act(
                                "2.2.1.2",
                                "Déployer une unité GAR-SI de la Gendarmerie dans les zones frontalières",
                                "gendarmerie",
                                ("civipol", "eu"),
                                (2017, 1),
                                (2019, 4),
                                3_800_000,
                                currency="EUR",
                                funding=(("partner", "eu", 1.0, True),),
                                contributions=(("T05-EUTF-SAH-REG-04-04", 80),),
                            ),
                            Act(
                                "2.2.1.3",
                                "Organiser des patrouilles conjointes avec les pays voisins",
                                "garde",
                                ("gendarmerie", "mae"),
                                (2018, 1),
                                (2021, 4),
                                240_000_000,
                            ),
                        ),
                    },
                ],
            },
        ],
    },
    {
        "code": "3",
        "title": "Protection et orientation des migrants vulnérables",
        "theme": "vulnerable-migrants",
        "sections": ("3.3", "3.3.1", "3.3.2"),
        "indicators": (
            Ind(
                "3.a",
                "Nombre de migrants en transit protégés ou assistés",
                "personnes",
                5000,
                60000,
                "mah",
                library="3.2",
                disaggregation=("sex", "age", "nationality"),
            ),
        ),
        "specifics": [
            {
                "code": "3.1",
                "title": "Identifier et protéger les victimes de traite et les migrants vulnérables",
                "indicators": (
                    Ind(
                        "3.1.a",
                        "Nombre de victimes de traite identifiées et prises en charge",
                        "personnes",
                        80,
                        600,
                        "anltp",
                        disaggregation=("sex", "age", "nationality"),
                    ),
                ),
                "results": [
                    {
                        "code": "3.1.1",
                        "title": "Les acteurs de première ligne identifient et orientent les personnes vulnérables",
                        "indicators": (
                            Ind(
                                "3.1.1.a",
                                "Nombre de personnes formées à la gestion des migrations et à la protection",
                                "personnes",
                                0,
                                800,
                                "anltp",
                                library="3.7",
                                disaggregation=("sex",),
                            ),
                        ),
                        "actions": (
                            Act(
                                "3.1.1.1",
                                "Élaborer des procédures opérationnelles standard d'identification des "
                                "victimes de traite",
                                "anltp",
                                ("justice", "unodc", "iom"),
                                (2017, 2),
                                (2018, 2),
                                35_000_000,
                                funding=(("state", None, 0.4, True), ("partner", "unodc", 0.6, True)),
                            ),
                            Act(
                                "3.1.1.2",
                                "Former les agents de première ligne à l'identification et à l'orientation",
                                "anltp",
                                ("dst", "gendarmerie", "iom"),
                                (2017, 3),
                                (2021, 2),
                                160_000_000,
                                funding=(("state", None, 0.3, True), ("partner", "iom", 0.7, True)),
                                contributions=(("T05-EUTF-SAH-REG-13", 10),),
                                indicators=(
                                    Ind(
                                        "3.1.1.2.a",
                                        "Nombre d'agents de première ligne formés",
                                        "agents",
                                        0,
                                        500,
                                        "anltp",
                                        disaggregation=("sex", "region"),
                                    ),
                                ),
                            ),
                            Act(
                                "3.1.1.3",
                                "Renforcer le centre d'accueil des victimes de Zinder",
                                "anltp",
                                ("mah", "iom"),
                                (2018, 1),
                                (2020, 4),
                                95_000_000,
                                funding=(("state", None, 0.5, True), ("partner", "iom", 0.5, False)),
                                indicators=(
                                    Ind(
                                        "3.1.1.3.a",
                                        "Nombre de victimes hébergées au centre de Zinder",
                                        "personnes",
                                        20,
                                        200,
                                        "anltp",
                                        disaggregation=("sex", "age"),
                                    ),
                                ),
                            ),
                        ),
                    },
                ],
            },
            {
                "code": "3.2",
                "title": "Mettre en place un mécanisme national d'orientation des migrants vulnérables",
                "indicators": (
                    Ind(
                        "3.2.a",
                        "Mécanisme national d'orientation adopté par arrêté",
                        "oui/non",
                        0,
                        1,
                        "mah",
                        kind="yes_no",
                    ),
                ),
                "results": [
                    {
                        "code": "3.2.1",
                        "title": "Les migrants vulnérables reçoivent une assistance dans les centres de transit",
                        "indicators": (
                            Ind(
                                "3.2.1.a",
                                "Nombre de services sociaux de base fournis",
                                "services",
                                0,
                                40000,
                                "iom",
                                library="2.2",
                            ),
                        ),
                        "actions": (
                            Act(
                                "3.2.1.1",
                                "Adopter et diffuser le mécanisme national d'orientation",
                                "mah",
                                ("anltp", "unhcr", "iom"),
                                (2017, 4),
                                (2018, 4),
                                20_000_000,
                            ),
                            Act(
                                "3.2.1.2",
                                "Assurer l'assistance directe dans les centres de transit d'Agadez, "
                                "d'Arlit et de Niamey",
                                "iom",
                                ("mah", "dm"),
                                (2017, 1),
                                (2021, 4),
                                7_000_000,
                                currency="EUR",
                                funding=(("partner", "eu", 1.0, True),),
                                contributions=(("T05-EUTF-SAH-NE-01", 100), ("T05-EUTF-REG-REG-04", 5)),
                                indicators=(
                                    Ind(
                                        "3.2.1.2.a",
                                        "Nombre de migrants assistés dans les centres de transit",
                                        "personnes",
                                        3000,
                                        45000,
                                        "iom",
                                        library="3.2",
                                        disaggregation=("sex", "age", "nationality"),
                                    ),
                                ),
                            ),
                            Act(
                                "3.2.1.3",
                                "Protéger les demandeurs d'asile et les réfugiés dans les flux mixtes",
                                "dgecmr",
                                ("unhcr",),
                                (2017, 1),
                                (2021, 4),
                                450_000_000,
                                funding=(("state", None, 0.1, True), ("partner", "unhcr", 0.9, True)),
                                contributions=(("T05-EUTF-REG-REG-04-01", 20),),
                            ),
                        ),
                    },
                    {
                        "code": "3.2.2",
                        "title": "Les migrants potentiels connaissent les risques de la migration irrégulière",
                        "indicators": (
                            Ind(
                                "3.2.2.a",
                                "Nombre de migrants potentiels touchés par des campagnes d'information",
                                "personnes",
                                0,
                                100000,
                                "iom",
                                library="3.3",
                                disaggregation=("sex", "age"),
                            ),
                        ),
                        "actions": (
                            Act(
                                "3.2.2.1",
                                "Conduire des campagnes de sensibilisation dans les régions de départ et de transit",
                                "mjs",
                                ("anltp", "iom", "graspi"),
                                (2017, 2),
                                (2021, 4),
                                210_000_000,
                                funding=(("state", None, 0.2, True), ("partner", "iom", 0.8, False)),
                                contributions=(("T05-EUTF-SAH-NE-07-01", 10),),
                                indicators=(
                                    Ind(
                                        "3.2.2.1.a",
                                        "Nombre d'événements de sensibilisation sur la migration",
                                        "événements",
                                        0,
                                        250,
                                        "mjs",
                                        library="3.11",
                                    ),
                                ),
                            ),
                        ),
                    },
                ],
            },
        ],
    },
    {
        "code": "4",
        "title": "Détection, enquêtes et poursuites contre les réseaux de trafic de migrants et de traite",
        "theme": "detection",
        "sections": ("3.4", "3.5", "3.5.1", "3.5.2"),
        "indicators": (Ind("4.a", "Nombre de réseaux de trafic de migrants démantelés", "réseaux", 2, 40, "eci"),),
        "specifics": [
            {
                "code": "4.1",
                "title": "Améliorer la détection des migrants en situation irrégulière et des réseaux criminels",
                "indicators": (
                    Ind(
                        "4.1.a",
                        "Nombre de cas de trafic détectés et transmis à la justice",
                        "cas",
                        30,
                        400,
                        "gendarmerie",
                    ),
                ),
                "results": [
                    {
                        "code": "4.1.1",
                        "title": "Les unités de détection partagent le renseignement et l'analyse des risques",
                        "indicators": (
                            Ind(
                                "4.1.1.a",
                                "Nombre de bulletins d'analyse des risques partagés",
                                "bulletins",
                                0,
                                40,
                                "dst",
                            ),
                        ),
                        "actions": (
                            Act(
                                "4.1.1.1",
                                "Créer une cellule conjointe d'analyse des risques migratoires",
                                "dst",
                                ("gendarmerie", "garde", "eucap"),
                                (2017, 3),
                                (2018, 4),
                                60_000_000,
                            ),
                            Act(
                                "4.1.1.2",
                                "Équiper les brigades de gendarmerie des axes Agadez–Arlit et Agadez–Séguédine",
                                "gendarmerie",
                                ("eu",),
                                (2018, 1),
                                (2020, 4),
                                650_000_000,
                                funding=(("state", None, 0.3, True), ("partner", "eu", 0.7, True)),
                                contributions=(("T05-EUTF-SAH-REG-04-04", 20),),
                                indicators=(
                                    Ind("4.1.1.2.a", "Nombre de brigades équipées", "brigades", 0, 8, "gendarmerie"),
                                ),
                            ),
                            Act(
                                "4.1.1.3",
                                "Former les forces de défense et de sécurité aux droits humains des migrants",
                                "justice",
                                ("anltp", "unodc", "eucap"),
                                (2017, 4),
                                (2021, 4),
                                130_000_000,
                                funding=(("state", None, 0.2, True), ("partner", "unodc", 0.8, False)),
                                indicators=(
                                    Ind(
                                        "4.1.1.3.a",
                                        "Nombre d'agents formés à la gouvernance et aux droits humains",
                                        "agents",
                                        0,
                                        600,
                                        "justice",
                                        library="4.2",
                                        disaggregation=("sex",),
                                    ),
                                ),
                            ),
                        ),
                    },
                ],
            },
            {
                "code": "4.2",
                "title": "Appliquer la loi n° 2015-36 relative au trafic illicite de migrants",
                "theme": "investigation",
                "indicators": (
                    Ind(
                        "4.2.a",
                        "Nombre de condamnations prononcées pour trafic illicite de migrants",
                        "condamnations",
                        10,
                        150,
                        "justice",
                        verification="Statistiques judiciaires du Ministère de la Justice",
                    ),
                ),
                "results": [
                    {
                        "code": "4.2.1",
                        "title": "Une équipe conjointe d'investigation mène des enquêtes complexes",
                        "indicators": (
                            Ind(
                                "4.2.1.a",
                                "Nombre d'enquêtes ouvertes par l'équipe conjointe d'investigation",
                                "enquêtes",
                                0,
                                120,
                                "eci",
                            ),
                        ),
                        "actions": (
                            Act(
                                "4.2.1.1",
                                "Créer et rendre opérationnelle l'Équipe conjointe d'investigation (ECI)",
                                "police",
                                ("eci", "fiiapp", "justice"),
                                (2017, 1),
                                (2021, 4),
                                6_000_000,
                                currency="EUR",
                                funding=(("partner", "eu", 1.0, True),),
                                contributions=(("T05-EUTF-SAH-NE-05-01", 100),),
                                indicators=(
                                    Ind("4.2.1.1.a", "Nombre de réseaux démantelés par l'ECI", "réseaux", 0, 30, "eci"),
                                ),
                            ),
                            Act(
                                "4.2.1.2",
                                "Mettre en place une coopération judiciaire avec les pays de la route",
                                "justice",
                                ("mae", "unodc"),
                                (2018, 1),
                                (2021, 4),
                                75_000_000,
                            ),
                        ),
                    },
                    {
                        "code": "4.2.2",
                        "title": "Magistrats et enquêteurs appliquent la loi n° 2015-36",
                        "indicators": (
                            Ind(
                                "4.2.2.a",
                                "Nombre de magistrats et d'enquêteurs formés à la loi n° 2015-36",
                                "personnes",
                                20,
                                400,
                                "justice",
                                disaggregation=("sex",),
                            ),
                        ),
                        "actions": (
                            Act(
                                "4.2.2.1",
                                "Former les magistrats et les officiers de police judiciaire à la loi n° 2015-36",
                                "justice",
                                ("anltp", "unodc"),
                                (2017, 2),
                                (2020, 4),
                                110_000_000,
                                funding=(("state", None, 0.3, True), ("partner", "unodc", 0.7, True)),
                            ),
                            Act(
                                "4.2.2.2",
                                "Élaborer un guide pratique de poursuite du trafic illicite de migrants",
                                "justice",
                                ("anltp", "unodc"),
                                (2017, 3),
                                (2018, 2),
                                18_000_000,
                                indicators=(
                                    Ind(
                                        "4.2.2.2.a",
                                        "Guide pratique de poursuite adopté",
                                        "oui/non",
                                        0,
                                        1,
                                        "justice",
                                        kind="yes_no",
                                    ),
                                ),
                            ),
                            Act(
                                "4.2.2.3",
                                "Mettre en place une base de données des procédures judiciaires",
                                "justice",
                                ("anltp", "eci"),
                                (2019, 1),
                                (2021, 4),
                                85_000_000,
                            ),
                        ),
                    },
                ],
            },
        ],
    },
    {
        "code": "5",
        "title": "Retour, réintégration et voies de sortie de l'irrégularité",
        "theme": "return",
        "sections": ("3.6",),
        "indicators": (
            Ind(
                "5.a",
                "Nombre de retours volontaires assistés",
                "personnes",
                1500,
                20000,
                "iom",
                library="3.4",
                disaggregation=("sex", "age", "nationality"),
            ),
        ),
        "specifics": [
            {
                "code": "5.1",
                "title": "Organiser des retours volontaires dignes et durables",
                "indicators": (
                    Ind(
                        "5.1.a",
                        "Nombre de migrants de retour bénéficiant d'une aide à la réintégration",
                        "personnes",
                        200,
                        8000,
                        "iom",
                        library="3.5 bis",
                        disaggregation=("sex", "age"),
                    ),
                ),
                "results": [
                    {
                        "code": "5.1.1",
                        "title": "Les migrants qui le souhaitent rentrent chez eux et sont accueillis",
                        "indicators": (
                            Ind(
                                "5.1.1.a",
                                "Nombre de migrants de retour bénéficiant d'une aide à l'arrivée",
                                "personnes",
                                500,
                                15000,
                                "iom",
                                library="3.5",
                            ),
                        ),
                        "actions": (
                            Act(
                                "5.1.1.1",
                                "Assister le retour volontaire des migrants bloqués au Niger",
                                "iom",
                                ("dm", "mae"),
                                (2017, 1),
                                (2021, 4),
                                9_500_000,
                                currency="EUR",
                                funding=(("partner", "eu", 1.0, True),),
                                contributions=(("T05-EUTF-SAH-NE-07-01", 40), ("T05-EUTF-REG-REG-04", 10)),
                            ),
                            Act(
                                "5.1.1.2",
                                "Conclure des arrangements de retour et de réadmission avec les pays d'origine",
                                "mae",
                                ("mi", "dm"),
                                (2018, 1),
                                (2021, 4),
                                40_000_000,
                                indicators=(
                                    Ind(
                                        "5.1.1.2.a",
                                        "Nombre d'arrangements de coopération conclus",
                                        "arrangements",
                                        0,
                                        5,
                                        "mae",
                                        library="5.4",
                                    ),
                                ),
                            ),
                            Act(
                                "5.1.1.3",
                                "Délivrer des documents d'état civil et de voyage aux nationaux de retour",
                                "dgecmr",
                                ("mae", "iom"),
                                (2018, 3),
                                (2021, 4),
                                55_000_000,
                            ),
                        ),
                    },
                ],
            },
            {
                "code": "5.2",
                "title": "Offrir des alternatives économiques dans les zones de départ et de transit",
                "indicators": (
                    Ind(
                        "5.2.a",
                        "Nombre d'emplois directs créés ou soutenus",
                        "emplois",
                        0,
                        5000,
                        "hacp",
                        library="1.1",
                        disaggregation=("sex", "age"),
                    ),
                ),
                "results": [
                    {
                        "code": "5.2.1",
                        "title": "Les anciens acteurs de l'économie migratoire d'Agadez ont une activité légale",
                        "indicators": (
                            Ind(
                                "5.2.1.a",
                                "Nombre de personnes aidées à développer des activités génératrices de revenus",
                                "personnes",
                                0,
                                3000,
                                "hacp",
                                library="1.3",
                                disaggregation=("sex", "age"),
                            ),
                        ),
                        "actions": (
                            Act(
                                "5.2.1.1",
                                "Financer la reconversion des acteurs de l'économie migratoire à Agadez",
                                "hacp",
                                ("mi", "eu"),
                                (2017, 3),
                                (2020, 4),
                                1_400_000_000,
                                funding=(("state", None, 0.2, True), ("partner", "eu", 0.8, True)),
                                contributions=(("T05-EUTF-SAH-NE-08-01", 100), ("T05-EUTF-SAH-NE-08-02", 50)),
                            ),
                            Act(
                                "5.2.1.2",
                                "Former les jeunes des zones de transit à des métiers porteurs",
                                "mjs",
                                ("luxdev", "enabel"),
                                (2018, 1),
                                (2021, 4),
                                1_100_000_000,
                                funding=(("state", None, 0.15, True), ("partner", "luxdev", 0.85, False)),
                                contributions=(("T05-EUTF-SAH-NE-04-01", 40),),
                                indicators=(
                                    Ind(
                                        "5.2.1.2.a",
                                        "Nombre de jeunes bénéficiant d'une formation professionnelle",
                                        "personnes",
                                        0,
                                        4000,
                                        "mjs",
                                        library="1.4",
                                        disaggregation=("sex", "age"),
                                    ),
                                ),
                            ),
                            Act(
                                "5.2.1.3",
                                "Créer des emplois dans les zones de transit de Tahoua et d'Agadez",
                                "hacp",
                                ("aics", "afd"),
                                (2018, 2),
                                (2021, 4),
                                1_800_000_000,
                                funding=(("partner", "eu", 1.0, False),),
                                contributions=(("T05-EUTF-SAH-NE-03-01", 15),),
                            ),
                        ),
                    },
                ],
            },
        ],
    },
]

# Monitoring rounds: title, period (year), due date, status
ROUNDS = [
    ("Rapport annuel 2018", "2018 annual report", 2018, "closed"),
    ("Rapport annuel 2019", "2019 annual report", 2019, "open"),
]
