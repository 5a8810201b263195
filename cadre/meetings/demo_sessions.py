"""The meetings of the demo: every activity of the seed as the sessions the committee held, with their agendas,
invitees, minutes, decisions and action points. The process is over (cadre.workspaces.demo): every meeting here
was held, and every one has its minutes and decisions.

Everything here is written for the demo. The institutions are the real ones of cadre.directory.demo (by key);
the people are fictitious and their names say so; the minutes and decisions describe plausible discussions, hold
no statistics and say at their top that they were written for the demo. Dates fall within each activity's planned
dates (cadre.workspaces.demo.MAIN_ACTIVITIES), in Niamey time.
"""

import datetime
import textwrap

D = datetime.date

DEMO_NOTE = (
    "*Compte rendu rédigé pour la démonstration de Cadre : les participants sont fictifs, les échanges sont des "
    "exemples.*"
)

MINISTRY_ROOM = "Niamey, salle de réunion du Ministère de l'Intérieur"
ONLINE_LINK = "https://visio.example.org/cadre-demo/{key}"  # example.org: a domain reserved for examples
SECRETARIAT = "Secrétariat (Direction de la migration)"
EXPERT_NAMES = {
    "FR": "Demo expert, France",
    "BE": "Demo expert, Belgium",
    "ES": "Demo expert, Spain",
    "SN": "Demo expert, Senegal",
}

# Fictitious people of each institution (cadre.directory.demo key): how many, their function, and the short
# name used in their label. Numbered across the whole demo: "Participant fictif 07 (DST)".
PEOPLE = [
    ("mi", 2, "Conseiller technique", "Ministère de l'Intérieur"),
    ("dgecmr", 2, "Cadre de la direction générale", "DGEC-M/R"),
    ("dm", 3, "Cadre de la Direction de la migration", "Direction de la migration"),
    ("police", 2, "Commissaire de police", "Police nationale"),
    ("dst", 3, "Officier de police", "DST"),
    ("gendarmerie", 3, "Officier de gendarmerie", "Gendarmerie nationale"),
    ("garde", 2, "Officier de la Garde nationale", "Garde nationale"),
    ("justice", 3, "Magistrat", "Ministère de la Justice"),
    ("anltp", 2, "Chargé de programme", "ANLTP"),
    ("hacp", 1, "Chargé de mission", "HACP"),
    ("mae", 2, "Diplomate", "Ministère des Affaires étrangères"),
    ("mah", 2, "Cadre du ministère", "Action humanitaire"),
    ("iom", 1, "Chargé de programme", "OIM"),
    ("unhcr", 1, "Chargé de protection", "HCR"),
    ("unodc", 1, "Chargé de programme", "ONUDC"),
    ("eu", 1, "Chargé de coopération", "Délégation de l'UE"),
    ("eucap", 1, "Conseiller", "EUCAP Sahel Niger"),
]

# The demo accounts invited as themselves (cadre.workspaces.demo.ACCOUNTS).
ACCOUNTS = {"member": "member@demo.example.org", "partner": "partner@demo.example.org"}


def _md(text: str) -> str:
    """Markdown written in this file: a line indented under the previous one continues it."""
    lines: list[str] = []
    for line in textwrap.dedent(text).strip("\n").splitlines():
        if line[:1].isspace() and line.strip() and lines and lines[-1]:
            lines[-1] += " " + line.strip()
        else:
            lines.append(line.rstrip())
    return DEMO_NOTE + "\n\n" + "\n".join(lines) + "\n"


def item(time, minutes, title_fr, title_en, presenter="", themes=(), sections=(), notes=""):
    """An agenda item: local start time "HH:MM", duration, titles, presenter, theme codes, section keys."""
    return {
        "time": time,
        "minutes": minutes,
        "title_fr": title_fr,
        "title_en": title_en,
        "presenter": presenter,
        "themes": list(themes),
        "sections": list(sections),
        "notes": notes,
    }


def _bilateral(key, host, day, start, end, title_fr, title_en, invitees, minutes, decisions, topics_fr, topics_en):
    return {
        "key": key,
        "activity": 1,
        "kind": "bilateral",
        "title_fr": title_fr,
        "title_en": title_en,
        "day": day,
        "start": start,
        "end": end,
        "place": "Niamey, dans les locaux de l'institution rencontrée",
        "host": host,
        "themes": ["coordination"],
        "facilitators": ["SN"],
        "description": "Réunion bilatérale de cartographie des activités en cours liées à la migration irrégulière "
        "(activité 1). Réunion de démonstration.",
        "agenda": [
            item(
                start,
                15,
                "Présentation de l'action MIEUX et de la démarche",
                "The MIEUX action and the approach",
                EXPERT_NAMES["SN"],
                ["coordination"],
            ),
            item(_add(start, 15), 45, topics_fr, topics_en, "", ["coordination"]),
            item(
                _add(start, 60),
                30,
                "Attentes envers la stratégie et suites",
                "Expectations of the strategy and next steps",
                SECRETARIAT,
                ["coordination"],
            ),
        ],
        "invitees": invitees,
        "minutes": minutes,
        "decisions": decisions,
    }


def _add(time: str, minutes: int) -> str:
    hours, mins = (int(part) for part in time.split(":"))
    total = hours * 60 + mins + minutes
    return f"{total // 60:02d}:{total % 60:02d}"


# Sections of the demo strategy (cadre.drafting.demo.SECTIONS keys), by group.
CHAPTER_1 = ["1", "1.1", "1.2", "1.3"]
CHAPTER_2 = ["2", "2.1", "2.2", "2.3"]
AXIS_1 = ["3.1"]
AXIS_2 = ["3.2", "3.2.1", "3.2.2", "3.2.3"]
AXIS_3 = ["3.3", "3.3.1", "3.3.2"]
AXIS_4 = ["3.4"]
AXIS_5 = ["3.5", "3.5.1", "3.5.2"]
AXIS_6 = ["3.6"]
CHAPTERS_4_6 = ["4", "4.1", "4.2", "5", "5.1", "5.2", "6", "6.1", "6.2"]

MEETINGS = [
    # --- Activity 1: mapping meetings, 13–17 June 2016
    _bilateral(
        "a1-mi",
        "mi",
        D(2016, 6, 13),
        "09:00",
        "10:30",
        "Réunion bilatérale avec le Ministère de l'Intérieur et la DGEC-M/R",
        "Bilateral meeting with the Ministry of Interior and the DGEC-M/R",
        [("mi", 2), ("dgecmr", 2), ("dm", 2)],
        _md("""
        La réunion a ouvert la mission de cartographie. Le Ministère de l'Intérieur, autorité requérante, a rappelé
            l'objectif de l'action : appuyer le Cadre de concertation sur la migration, créé le 2 mai 2016, dans
            l'élaboration d'une stratégie nationale de lutte contre la migration irrégulière.

        La DGEC-M/R a présenté l'organisation du Cadre de concertation et le rôle de la Direction de la migration,
            qui en assure le secrétariat permanent. Les participants ont souligné le grand nombre d'interventions
            des partenaires, qui rend nécessaire une vue d'ensemble partagée.

        L'expert du Sénégal a présenté la démarche : cartographie, quatre sessions d'information, sessions de
            rédaction, assistance à distance et atelier de finalisation.
        """),
        [
            "La Direction de la migration coordonne la cartographie et centralise les informations reçues.",
            "Le calendrier indicatif des activités est présenté au Cadre de concertation le 17 juin.",
        ],
        "Tour d'horizon des activités du ministère liées à la migration irrégulière",
        "Overview of the ministry's activities related to irregular migration",
    ),
    _bilateral(
        "a1-anltp",
        "anltp",
        D(2016, 6, 13),
        "15:00",
        "16:30",
        "Réunion bilatérale avec l'ANLTP",
        "Bilateral meeting with ANLTP",
        [("anltp", 2), ("member", 1), ("dm", 1)],
        _md("""
        L'ANLTP a présenté son mandat, fixé par l'ordonnance n° 2010-86 relative à la lutte contre la traite des
            personnes, ses activités de sensibilisation et son centre d'accueil des victimes à Zinder.

        Les échanges ont porté sur la distinction entre traite des personnes et trafic illicite de migrants,
            incriminé par la loi n° 2015-36 du 26 mai 2015, et sur la nécessité de former les acteurs de terrain à
            l'identification des victimes.
        """),
        [
            "L'ANLTP désigne un point focal pour les travaux de rédaction.",
            "La protection des victimes de traite est traitée dans un axe dédié aux migrants vulnérables.",
        ],
        "Mandat de l'agence, activités en cours et besoins",
        "The agency's mandate, ongoing activities and needs",
    ),
    _bilateral(
        "a1-dst",
        "dst",
        D(2016, 6, 14),
        "09:00",
        "10:30",
        "Réunion bilatérale avec la Direction de la surveillance du territoire (DST)",
        "Bilateral meeting with the Directorate of Territorial Surveillance (DST)",
        [("dst", 3), ("police", 1), ("dm", 1)],
        _md("""
        La DST a présenté l'organisation du contrôle aux postes frontières et le système d'information MIDAS, qui
            enregistre les entrées et les sorties aux postes équipés.

        Les participants ont évoqué l'étendue des frontières, l'équipement inégal des postes et la difficulté de
            surveiller les espaces désertiques entre les postes, notamment dans la région d'Agadez.
        """),
        [
            "La DST présente MIDAS et l'analyse des risques lors de la deuxième session d'information.",
            "La gestion des frontières fait l'objet d'un axe de la stratégie, dont la DST est chef de file.",
        ],
        "Contrôle aux frontières, système MIDAS et besoins",
        "Border control, the MIDAS system and needs",
    ),
    _bilateral(
        "a1-iom",
        "iom",
        D(2016, 6, 14),
        "11:00",
        "12:30",
        "Réunion bilatérale avec l'OIM",
        "Bilateral meeting with IOM",
        [("iom", 1), ("partner", 1), ("dm", 1)],
        _md("""
        L'OIM a présenté ses activités au Niger : assistance aux migrants, aide au retour volontaire et points de
            suivi des flux sur les principaux axes (Arlit, Séguédine, Madama, Dan Barto, Magaria, Tahoua, Dan Issa).

        Elle souhaite que la stratégie prévoie un mécanisme national d'orientation des migrants vulnérables et
            s'appuie sur des données partagées entre les services de l'État et les partenaires.
        """),
        [
            "L'OIM partage avec le secrétariat les données publiques de ses points de suivi des flux.",
            "Le mécanisme national d'orientation est inscrit à l'ordre du jour de la deuxième session.",
        ],
        "Programmes de l'OIM et données de suivi des flux",
        "IOM programmes and flow monitoring data",
    ),
    _bilateral(
        "a1-gendarmerie",
        "gendarmerie",
        D(2016, 6, 14),
        "15:00",
        "16:30",
        "Réunion bilatérale avec la Gendarmerie nationale",
        "Bilateral meeting with the National Gendarmerie",
        [("gendarmerie", 2), ("dm", 1)],
        _md("""
        La Gendarmerie nationale a décrit son rôle sur les axes routiers et dans les zones rurales, où elle
            constate des infractions liées au trafic illicite de migrants.

        Les participants ont relevé le besoin d'un meilleur échange d'informations avec la DST et la Garde
            nationale, et de formations sur la conduite des enquêtes visant les réseaux.
        """),
        [
            "La Gendarmerie est chef de file de l'axe consacré à la détection des migrants en situation irrégulière "
            "et des réseaux criminels.",
            "L'échange d'informations entre services est inscrit au programme de la troisième session.",
        ],
        "Contrôles sur les axes et constatation des infractions",
        "Road checks and recording offences",
    ),
    _bilateral(
        "a1-justice",
        "justice",
        D(2016, 6, 15),
        "09:00",
        "10:30",
        "Réunion bilatérale avec le Ministère de la Justice",
        "Bilateral meeting with the Ministry of Justice",
        [("justice", 2), ("dm", 1)],
        _md("""
        Le Ministère de la Justice a présenté l'état de l'application de la loi n° 2015-36 et les difficultés
            rencontrées : enquêtes longues, preuves difficiles à réunir, entraide judiciaire lente avec les pays
            voisins.

        Il a rappelé que l'action pénale vise les passeurs et les réseaux, et non les migrants objets du trafic.
        """),
        [
            "Le Ministère de la Justice désigne un point focal pour la rédaction de l'axe enquêtes et poursuites.",
            "La formation des acteurs de la chaîne pénale à la loi n° 2015-36 figure parmi les mesures à étudier.",
        ],
        "Application de la loi n° 2015-36 et chaîne pénale",
        "Applying Law 2015-36 and the criminal justice chain",
    ),
    _bilateral(
        "a1-eu",
        "eu",
        D(2016, 6, 15),
        "15:00",
        "16:30",
        "Réunion bilatérale avec la Délégation de l'Union européenne et EUCAP Sahel Niger",
        "Bilateral meeting with the EU Delegation and EUCAP Sahel Niger",
        [("eu", 1), ("eucap", 1), ("dm", 1)],
        _md("""
        La Délégation de l'Union européenne a présenté les programmes qu'elle finance dans le domaine de la
            migration, et EUCAP Sahel Niger son appui aux forces de sécurité intérieure, étendu à la migration
            en 2016.

        Les participants ont insisté sur la complémentarité des appuis et sur l'intérêt d'une stratégie nationale
            qui serve de cadre commun aux partenaires.
        """),
        [
            "Les partenaires sont invités aux sessions d'information en qualité d'observateurs.",
            "Le secrétariat tient à jour la cartographie des interventions des partenaires dans Cadre.",
        ],
        "Appuis de l'Union européenne et de la mission EUCAP Sahel Niger",
        "Support from the European Union and the EUCAP Sahel Niger mission",
    ),
    {
        "key": "a1-session-1",
        "activity": 1,
        "kind": "information_session",
        "title_fr": "1re session d'information introductive sur la migration irrégulière",
        "title_en": "1st introductory information session on irregular migration",
        "day": D(2016, 6, 16),
        "start": "08:30",
        "end": "17:00",
        "place": MINISTRY_ROOM,
        "host": "mi",
        "themes": ["coordination"],
        "facilitators": ["SN"],
        "description": "Session introductive : notions, cadre international, restitution de la cartographie et "
        "démarche d'élaboration de la stratégie. Session de démonstration.",
        "assessed": True,
        "agenda": [
            item(
                "08:30",
                30,
                "Accueil, enregistrement et test de connaissances (avant)",
                "Welcome, registration and knowledge test (before)",
                SECRETARIAT,
            ),
            item(
                "09:00",
                30,
                "Ouverture officielle et objectifs de l'action MIEUX",
                "Official opening and objectives of the MIEUX action",
                "Ministère de l'Intérieur",
                ["coordination"],
            ),
            item(
                "09:30",
                60,
                "La migration irrégulière : notions et cadre international",
                "Irregular migration: concepts and international framework",
                EXPERT_NAMES["SN"],
                ["coordination"],
            ),
            item("10:30", 15, "Pause", "Break"),
            item(
                "10:45",
                75,
                "Restitution des réunions bilatérales de cartographie",
                "Feedback from the bilateral mapping meetings",
                SECRETARIAT,
                ["coordination"],
            ),
            item("12:00", 60, "Déjeuner", "Lunch"),
            item(
                "13:00",
                90,
                "Élaborer une stratégie nationale : étapes, acteurs, calendrier",
                "Developing a national strategy: steps, actors, timetable",
                EXPERT_NAMES["SN"],
                ["coordination"],
            ),
            item(
                "14:30",
                60,
                "Travail en groupes : l'arbre à problèmes de la migration irrégulière",
                "Group work: the problem tree of irregular migration",
                EXPERT_NAMES["SN"],
                ["coordination"],
            ),
            item(
                "15:30",
                45,
                "Restitution des groupes et prochaines étapes",
                "Group feedback and next steps",
                SECRETARIAT,
                ["coordination"],
            ),
            item(
                "16:15",
                30,
                "Test de connaissances (après) et évaluation de la session",
                "Knowledge test (after) and session evaluation",
                SECRETARIAT,
            ),
            item("16:45", 15, "Clôture", "Closing", "Ministère de l'Intérieur"),
        ],
        "invitees": [
            ("mi", 2),
            ("dgecmr", 2),
            ("dm", 2),
            ("dst", 2),
            ("gendarmerie", 2),
            ("garde", 1),
            ("justice", 2),
            ("anltp", 2),
            ("member", 1),
            ("mae", 1),
            ("mah", 1),
            ("iom", 1),
            ("partner", 1),
            ("eu", 1),
        ],
        "minutes": _md("""
        ## Ouverture

        Le représentant du Ministère de l'Intérieur a ouvert la session en rappelant la création, le 2 mai 2016,
            du Cadre de concertation sur la migration et la demande d'appui adressée à la facilité MIEUX pour
            élaborer la stratégie nationale de lutte contre la migration irrégulière.

        ## Présentations

        L'expert du Sénégal a présenté les notions de base (migration régulière et irrégulière, trafic illicite
            de migrants, traite des personnes) et le Protocole des Nations unies contre le trafic illicite de
            migrants. Le secrétariat a restitué les réunions bilatérales : chaque institution rencontrée mène des
            activités utiles, mais sans vue d'ensemble ni pilotage commun.

        ## Travail en groupes

        Trois groupes ont construit un arbre à problèmes. Les causes les plus citées sont le manque
            d'alternatives économiques dans les zones de transit, la faible circulation de l'information entre
            services et la méconnaissance de la loi n° 2015-36. Les groupes ont proposé que la stratégie soit
            organisée en axes correspondant aux thèmes des sessions suivantes.

        ## Suites

        Les participants ont validé la démarche et le calendrier. Le test de connaissances et l'évaluation ont été
            remplis en fin de journée.
        """),
        "decisions": [
            "La stratégie est organisée en axes correspondant aux thèmes des sessions d'information.",
            "Chaque axe est confié à une institution chef de file, qui anime un groupe de rédaction.",
            "Le secrétariat diffuse le compte rendu et le calendrier des sessions à toutes les institutions.",
        ],
    },
    {
        "key": "a1-committee",
        "activity": 1,
        "kind": "coordination",
        "title_fr": "Réunion du Cadre de concertation : restitution de la mission de cartographie",
        "title_en": "Consultation Framework meeting: feedback on the mapping mission",
        "day": D(2016, 6, 17),
        "start": "09:00",
        "end": "11:30",
        "place": MINISTRY_ROOM,
        "host": "ccm",
        "themes": ["coordination"],
        "facilitators": ["SN"],
        "description": "Réunion du Cadre de concertation sur la migration. Réunion de démonstration.",
        "agenda": [
            item("09:00", 15, "Mot d'ouverture de la présidence", "Opening by the chair", "Ministère de l'Intérieur"),
            item(
                "09:15",
                45,
                "Restitution de la mission de cartographie",
                "Feedback on the mapping mission",
                EXPERT_NAMES["SN"],
                ["coordination"],
            ),
            item(
                "10:00",
                60,
                "Calendrier de l'action et désignation des chefs de file",
                "Timetable of the action and lead institutions",
                SECRETARIAT,
                ["coordination"],
            ),
            item("11:00", 30, "Divers", "Any other business"),
        ],
        "invitees": [
            ("mi", 1),
            ("dgecmr", 1),
            ("dm", 1),
            ("dst", 1),
            ("gendarmerie", 1),
            ("garde", 1),
            ("justice", 1),
            ("member", 1),
            ("hacp", 1),
            ("mae", 1),
            ("mah", 1),
            ("partner", 1),
        ],
        "minutes": _md("""
        La présidence a rappelé le rôle du Cadre de concertation comme instance de pilotage de la stratégie. Le
            secrétariat et l'expert du Sénégal ont présenté les résultats des réunions bilatérales de la semaine.

        Le Cadre de concertation a adopté le calendrier indicatif de l'action et désigné les institutions chefs de
            file des axes. Il a demandé que les partenaires techniques et financiers soient tenus informés de
            l'avancement, sans participer à la rédaction.
        """),
        "decisions": [
            "Le calendrier indicatif de l'action (quatre sessions d'information et un atelier de finalisation) "
            "est adopté.",
            "Les chefs de file des axes sont désignés : DST (frontières), ministère chargé de l'action humanitaire "
            "(migrants vulnérables), Gendarmerie nationale (détection), Ministère de la Justice (enquêtes et "
            "poursuites), Ministère des Affaires étrangères (retour).",
        ],
    },
    # --- Activity 2: 2nd session and drafting, 12–16 Sept 2016
    {
        "key": "a2-session-2",
        "activity": 2,
        "kind": "information_session",
        "title_fr": "2e session d'information : gestion des frontières, migrants vulnérables et orientation",
        "title_en": "2nd information session: border management, vulnerable migrants and referral",
        "day": D(2016, 9, 12),
        "start": "08:30",
        "end": "17:00",
        "place": MINISTRY_ROOM,
        "host": "mi",
        "themes": ["border-management", "vulnerable-migrants"],
        "facilitators": ["FR", "BE"],
        "description": "Questions de pré-entrée, d'entrée et de sortie relevant de la gestion des frontières, "
        "besoins des migrants vulnérables aux frontières et sur le territoire, mécanismes d'orientation. "
        "Session de démonstration.",
        "assessed": True,
        "agenda": [
            item(
                "08:30",
                30,
                "Accueil et test de connaissances (avant)",
                "Welcome and knowledge test (before)",
                SECRETARIAT,
            ),
            item(
                "09:00",
                75,
                "La gestion intégrée des frontières : principes et expériences",
                "Integrated border management: principles and experiences",
                EXPERT_NAMES["FR"],
                ["border-management"],
            ),
            item("10:15", 15, "Pause", "Break"),
            item(
                "10:30",
                60,
                "Contrôle aux postes frontières et système MIDAS",
                "Control at border posts and the MIDAS system",
                "DST",
                ["border-management"],
            ),
            item(
                "11:30",
                60,
                "Fraude documentaire : repérer un document contrefait ou falsifié",
                "Document fraud: spotting a counterfeit or falsified document",
                EXPERT_NAMES["FR"],
                ["border-management"],
            ),
            item("12:30", 60, "Déjeuner", "Lunch"),
            item(
                "13:30",
                75,
                "Migrants vulnérables : identification et besoins",
                "Vulnerable migrants: identification and needs",
                EXPERT_NAMES["BE"],
                ["vulnerable-migrants"],
            ),
            item(
                "14:45",
                60,
                "Mécanismes d'orientation : exemples et conditions de réussite",
                "Referral mechanisms: examples and conditions for success",
                EXPERT_NAMES["BE"],
                ["vulnerable-migrants"],
            ),
            item(
                "15:45",
                45,
                "Table ronde : ANLTP, OIM, HCR",
                "Round table: ANLTP, IOM, UNHCR",
                "ANLTP",
                ["vulnerable-migrants"],
            ),
            item(
                "16:30",
                30,
                "Test de connaissances (après) et évaluation",
                "Knowledge test (after) and evaluation",
                SECRETARIAT,
            ),
        ],
        "invitees": [
            ("dm", 2),
            ("dgecmr", 1),
            ("police", 1),
            ("dst", 3),
            ("gendarmerie", 2),
            ("garde", 2),
            ("anltp", 1),
            ("member", 1),
            ("mah", 2),
            ("mae", 1),
            ("iom", 1),
            ("partner", 1),
            ("unhcr", 1),
            ("eucap", 1),
        ],
        "minutes": _md("""
        ## Gestion des frontières

        L'expert de la France a présenté les principes de la gestion intégrée des frontières : coopération entre
            les services d'un même pays, avec les pays voisins, et analyse des risques pour orienter les contrôles.
            La DST a présenté le fonctionnement du système MIDAS et les besoins d'équipement des postes.

        Un exercice pratique sur la fraude documentaire a permis de distinguer document contrefait (entièrement
            fabriqué) et document falsifié (document authentique modifié).

        ## Migrants vulnérables et orientation

        L'expert de la Belgique a présenté les catégories de personnes vulnérables (enfants non accompagnés,
            victimes de traite, personnes malades ou blessées, femmes enceintes) et les conditions de réussite d'un
            mécanisme d'orientation : des procédures écrites, des points de contact connus et un suivi des cas.

        Lors de la table ronde, l'ANLTP, l'OIM et le HCR ont décrit leurs dispositifs d'accueil et d'assistance.
            Les participants ont relevé que l'orientation des personnes vulnérables reste informelle et dépend de
            l'initiative des agents.
        """),
        "decisions": [
            "L'axe 2 de la stratégie traite des postes frontières, de la surveillance entre les postes et des "
            "systèmes d'information.",
            "L'axe 3 prévoit la mise en place d'un mécanisme national d'orientation.",
            "Le ministère chargé de l'action humanitaire recense les services de prise en charge existants.",
        ],
    },
    {
        "key": "a2-drafting",
        "activity": 2,
        "kind": "drafting_session",
        "title_fr": "Session de rédaction : contexte, vision et axes 2 et 3",
        "title_en": "Drafting session: context, vision and axes 2 and 3",
        "day": D(2016, 9, 14),
        "start": "08:30",
        "end": "16:30",
        "place": MINISTRY_ROOM,
        "host": "mi",
        "themes": ["border-management", "vulnerable-migrants"],
        "facilitators": ["FR", "BE"],
        "description": "Rédaction des sections de la stratégie qui se rapportent aux thèmes de la deuxième session. "
        "Session de démonstration.",
        "agenda": [
            item(
                "08:30",
                30,
                "Méthode de rédaction et répartition des groupes",
                "Drafting method and groups",
                SECRETARIAT,
            ),
            item(
                "09:00",
                90,
                "Chapitre 1 : contexte et diagnostic",
                "Chapter 1: context and diagnosis",
                SECRETARIAT,
                ["coordination"],
                CHAPTER_1,
            ),
            item(
                "10:30",
                60,
                "Chapitre 2 : vision, principes et objectifs",
                "Chapter 2: vision, principles and objectives",
                EXPERT_NAMES["BE"],
                ["coordination"],
                CHAPTER_2,
            ),
            item("11:30", 60, "Déjeuner", "Lunch"),
            item(
                "12:30",
                120,
                "Axe 2 : gestion des frontières",
                "Axis 2: border management",
                EXPERT_NAMES["FR"],
                ["border-management"],
                AXIS_2,
            ),
            item(
                "14:30",
                90,
                "Axe 3 : migrants vulnérables et orientation",
                "Axis 3: vulnerable migrants and referral",
                EXPERT_NAMES["BE"],
                ["vulnerable-migrants"],
                AXIS_3,
            ),
            item("16:00", 30, "Synthèse et suites", "Summary and next steps", SECRETARIAT),
        ],
        "invitees": [
            ("dm", 2),
            ("dst", 2),
            ("garde", 1),
            ("justice", 1),
            ("anltp", 1),
            ("member", 1),
            ("mah", 2),
            ("partner", 1),
        ],
        "minutes": _md("""
        Les groupes de rédaction ont travaillé sur le plan détaillé proposé par le secrétariat. Le chapitre 1
            (contexte et diagnostic) et le chapitre 2 (vision, principes et objectifs) ont été rédigés en séance
            plénière, les axes 2 et 3 en groupes.

        Les experts ont commenté les premières versions directement dans Cadre. Les points encore ouverts
            concernent la surveillance des espaces frontaliers entre les postes et le fonctionnement du futur
            mécanisme national d'orientation.
        """),
        "decisions": [
            "Les sections des chapitres 1 et 2 sont soumises à la relecture des membres.",
            "Les chefs de file des axes 2 et 3 complètent leurs sections pendant l'assistance à distance.",
        ],
    },
    # --- Activity 3: remote assistance, 19 Sept–18 Nov 2016
    {
        "key": "a3-remote-1",
        "activity": 3,
        "kind": "remote_assistance",
        "title_fr": "Assistance à distance : axe 2 (gestion des frontières)",
        "title_en": "Remote assistance: axis 2 (border management)",
        "day": D(2016, 10, 6),
        "start": "10:00",
        "end": "12:00",
        "online": True,
        "host": "dst",
        "themes": ["border-management"],
        "facilitators": ["FR"],
        "description": "Relecture à distance des sections de l'axe 2 avec l'expert de la France. Séance de "
        "démonstration.",
        "agenda": [
            item(
                "10:00",
                60,
                "Relecture des sections de l'axe 2",
                "Review of the axis 2 sections",
                EXPERT_NAMES["FR"],
                ["border-management"],
                AXIS_2,
            ),
            item(
                "11:00",
                60,
                "Indicateurs de l'axe 2",
                "Axis 2 indicators",
                EXPERT_NAMES["FR"],
                ["border-management"],
                AXIS_2,
            ),
        ],
        "invitees": [("dm", 1), ("dst", 2), ("garde", 1)],
        "minutes": _md("""
        L'expert de la France a relu les sections de l'axe 2 avec la DST et la Garde nationale. Les mesures sur
            les postes frontières ont été précisées ; la section sur la surveillance entre les postes doit encore
            préciser la répartition des rôles entre les forces.

        Une première liste d'indicateurs a été discutée ; les sources de vérification restent à confirmer.
        """),
        "decisions": [
            "Chaque mesure de l'axe 2 est assortie d'au moins un indicateur et de sa source de vérification.",
            "La Garde nationale rédige la section sur la surveillance des espaces frontaliers entre les postes.",
        ],
    },
    {
        "key": "a3-remote-2",
        "activity": 3,
        "kind": "remote_assistance",
        "title_fr": "Assistance à distance : axe 3 (migrants vulnérables et orientation)",
        "title_en": "Remote assistance: axis 3 (vulnerable migrants and referral)",
        "day": D(2016, 11, 3),
        "start": "10:00",
        "end": "12:00",
        "online": True,
        "host": "mah",
        "themes": ["vulnerable-migrants"],
        "facilitators": ["BE"],
        "description": "Relecture à distance des sections de l'axe 3 avec l'expert de la Belgique. Séance de "
        "démonstration.",
        "agenda": [
            item(
                "10:00",
                75,
                "Identification, protection et mécanisme d'orientation",
                "Identification, protection and the referral mechanism",
                EXPERT_NAMES["BE"],
                ["vulnerable-migrants"],
                AXIS_3,
            ),
            item(
                "11:15", 45, "Suivi des actions de la 2e session", "Follow-up of the 2nd session's actions", SECRETARIAT
            ),
        ],
        "invitees": [("dm", 1), ("mah", 2), ("anltp", 1), ("member", 1), ("partner", 1)],
        "minutes": _md("""
        L'expert de la Belgique a relu les sections de l'axe 3. Le groupe a retenu une organisation du mécanisme
            national d'orientation en étapes : identification, mise en sécurité, orientation vers le service
            compétent, suivi du cas.

        Les commentaires des experts sur les axes 2 et 3 ont été intégrés par le secrétariat.
        """),
        "decisions": [
            "Le mécanisme national d'orientation est décrit en étapes, avec un service responsable pour chacune.",
            "Les indicateurs de l'axe 3 sont proposés avant la troisième session.",
        ],
    },
    # --- coordination between activities
    {
        "key": "committee-october",
        "activity": None,
        "kind": "coordination",
        "title_fr": "Réunion du Cadre de concertation : point d'étape",
        "title_en": "Consultation Framework meeting: progress review",
        "day": D(2016, 10, 20),
        "start": "09:00",
        "end": "11:30",
        "place": MINISTRY_ROOM,
        "host": "ccm",
        "themes": ["coordination"],
        "facilitators": [],
        "description": "Point d'étape sur la rédaction et préparation de la troisième session. Réunion de "
        "démonstration.",
        "agenda": [
            item("09:00", 45, "Avancement de la rédaction", "Drafting progress", SECRETARIAT, ["coordination"]),
            item("09:45", 45, "Suivi des points d'action", "Follow-up of action points", SECRETARIAT, ["coordination"]),
            item(
                "10:30",
                60,
                "Préparation de la 3e session d'information",
                "Preparing the 3rd information session",
                SECRETARIAT,
                ["detection", "investigation"],
            ),
        ],
        "invitees": [
            ("mi", 1),
            ("dgecmr", 1),
            ("dm", 1),
            ("dst", 1),
            ("gendarmerie", 1),
            ("garde", 1),
            ("justice", 1),
            ("member", 1),
            ("hacp", 1),
            ("mae", 1),
            ("mah", 1),
            ("partner", 1),
        ],
        "minutes": _md("""
        Le secrétariat a présenté l'avancement : les chapitres 1 et 2 et les axes 2 et 3 sont rédigés en première
            version. Le Cadre de concertation a passé en revue les points d'action : la plupart sont clos, certains
            avec retard.

        La troisième session portera sur la détection et sur les enquêtes et poursuites ; l'ONUDC y sera invité.
        """),
        "decisions": [
            "La première version du projet de stratégie est diffusée aux membres avant la troisième session.",
            "La proposition de visite d'étude est abandonnée : elle n'entre pas dans le cadre de l'action.",
        ],
    },
    # --- Activity 4: 3rd session and drafting, 28 Nov–2 Dec 2016
    {
        "key": "a4-session-3",
        "activity": 4,
        "kind": "information_session",
        "title_fr": "3e session d'information : détection, enquêtes et poursuites",
        "title_en": "3rd information session: detection, investigation and prosecution",
        "day": D(2016, 11, 28),
        "start": "08:30",
        "end": "17:00",
        "place": MINISTRY_ROOM,
        "host": "mi",
        "themes": ["detection", "investigation"],
        "facilitators": ["ES"],
        "description": "Détection des migrants en situation irrégulière et des réseaux criminels sur le territoire, "
        "techniques d'enquête et poursuites dans les affaires de migration irrégulière. Session de démonstration.",
        "assessed": True,
        "agenda": [
            item(
                "08:30",
                30,
                "Accueil et test de connaissances (avant)",
                "Welcome and knowledge test (before)",
                SECRETARIAT,
            ),
            item(
                "09:00",
                75,
                "Détecter les réseaux : indicateurs, analyse des risques et échange d'informations",
                "Detecting networks: indicators, risk analysis and information exchange",
                EXPERT_NAMES["ES"],
                ["detection"],
            ),
            item("10:15", 15, "Pause", "Break"),
            item(
                "10:30",
                60,
                "Contrôles sur les axes : expérience de la Gendarmerie nationale",
                "Road checks: the National Gendarmerie's experience",
                "Gendarmerie nationale",
                ["detection"],
            ),
            item(
                "11:30",
                60,
                "Documents de voyage : vérifications et bases de données",
                "Travel documents: checks and databases",
                EXPERT_NAMES["ES"],
                ["detection"],
            ),
            item("12:30", 60, "Déjeuner", "Lunch"),
            item(
                "13:30",
                75,
                "Enquêter sur les réseaux de passeurs : techniques spéciales et enquête financière",
                "Investigating smuggling networks: special techniques and financial investigation",
                EXPERT_NAMES["ES"],
                ["investigation"],
            ),
            item(
                "14:45",
                60,
                "Poursuites au titre de la loi n° 2015-36 et entraide judiciaire",
                "Prosecution under Law 2015-36 and mutual legal assistance",
                "Ministère de la Justice",
                ["investigation"],
            ),
            item(
                "15:45",
                45,
                "Étude de cas en groupes",
                "Case study in groups",
                EXPERT_NAMES["ES"],
                ["detection", "investigation"],
            ),
            item(
                "16:30",
                30,
                "Test de connaissances (après) et évaluation",
                "Knowledge test (after) and evaluation",
                SECRETARIAT,
            ),
        ],
        "invitees": [
            ("dm", 2),
            ("police", 2),
            ("dst", 3),
            ("gendarmerie", 3),
            ("garde", 1),
            ("justice", 3),
            ("anltp", 2),
            ("member", 1),
            ("unodc", 1),
            ("eucap", 1),
            ("partner", 1),
        ],
        "minutes": _md("""
        ## Détection

        L'expert de l'Espagne a présenté les indicateurs qui peuvent signaler un trafic illicite de migrants sur
            un axe (passagers sans documents, documents identiques ou falsifiés, sommes collectées auprès de chaque
            passager) et l'intérêt d'une analyse des risques partagée entre services. La Gendarmerie nationale a
            présenté son expérience des contrôles routiers.

        ## Enquêtes et poursuites

        Les techniques spéciales d'enquête (surveillance, interceptions autorisées par un magistrat, enquête
            financière) ont été présentées. Le Ministère de la Justice a rappelé les éléments constitutifs du
            trafic illicite de migrants et les difficultés de l'entraide judiciaire avec les pays voisins.

        L'étude de cas a montré l'intérêt d'associer le parquet dès le début de l'enquête et de mieux protéger
            les témoins.
        """),
        "decisions": [
            "L'axe 4 prévoit un dispositif d'échange d'informations entre la DST, la Gendarmerie et la Garde "
            "nationale.",
            "L'axe 5 prévoit un programme de formation des acteurs de la chaîne pénale à la loi n° 2015-36.",
            "L'ONUDC est associé à la rédaction de l'axe 5 en qualité d'observateur.",
        ],
    },
    {
        "key": "a4-drafting",
        "activity": 4,
        "kind": "drafting_session",
        "title_fr": "Session de rédaction : axes 1, 4 et 5",
        "title_en": "Drafting session: axes 1, 4 and 5",
        "day": D(2016, 11, 30),
        "start": "08:30",
        "end": "16:30",
        "place": MINISTRY_ROOM,
        "host": "mi",
        "themes": ["detection", "investigation", "coordination"],
        "facilitators": ["ES"],
        "description": "Rédaction des sections de la stratégie qui se rapportent aux thèmes de la troisième session, "
        "et de l'axe coordination. Session de démonstration.",
        "agenda": [
            item(
                "08:30",
                30,
                "Relecture du projet diffusé après la 2e session",
                "Review of the draft circulated after the 2nd session",
                SECRETARIAT,
            ),
            item("09:00", 90, "Axe 4 : détection", "Axis 4: detection", "Gendarmerie nationale", ["detection"], AXIS_4),
            item(
                "10:30",
                120,
                "Axe 5 : enquêtes et poursuites",
                "Axis 5: investigation and prosecution",
                EXPERT_NAMES["ES"],
                ["investigation"],
                AXIS_5,
            ),
            item("12:30", 60, "Déjeuner", "Lunch"),
            item(
                "13:30",
                90,
                "Axe 1 : coordination et gouvernance",
                "Axis 1: coordination and governance",
                SECRETARIAT,
                ["coordination"],
                AXIS_1,
            ),
            item("15:00", 90, "Synthèse, points ouverts et suites", "Summary, open points and next steps", SECRETARIAT),
        ],
        "invitees": [
            ("dm", 2),
            ("dst", 2),
            ("gendarmerie", 2),
            ("justice", 2),
            ("anltp", 1),
            ("member", 1),
            ("garde", 1),
            ("mi", 1),
        ],
        "minutes": _md("""
        Les groupes ont rédigé les axes 4 et 5 à partir des échanges de la troisième session, puis l'axe 1 en
            séance plénière. Les sections de l'axe 5 distinguent l'application de la loi n° 2015-36 et les enquêtes
            spécialisées avec la coopération internationale.

        Les sections des axes 4 et 5 seront complétées pendant l'assistance à distance avec l'expert de l'Espagne.
        """),
        "decisions": [
            "Les axes 4 et 5 sont complétés d'ici la mi-janvier pendant l'assistance à distance.",
            "L'axe 1 confie le pilotage de la stratégie au Cadre de concertation sur la migration.",
        ],
    },
    # --- Activity 5: remote assistance, 5 Dec 2016–27 Jan 2017
    {
        "key": "a5-remote-1",
        "activity": 5,
        "kind": "remote_assistance",
        "title_fr": "Assistance à distance : axe 4 (détection)",
        "title_en": "Remote assistance: axis 4 (detection)",
        "day": D(2016, 12, 15),
        "start": "10:00",
        "end": "12:00",
        "online": True,
        "host": "gendarmerie",
        "themes": ["detection"],
        "facilitators": ["ES"],
        "description": "Relecture à distance de l'axe 4 avec l'expert de l'Espagne. Séance de démonstration.",
        "agenda": [
            item("10:00", 90, "Relecture de l'axe 4", "Review of axis 4", EXPERT_NAMES["ES"], ["detection"], AXIS_4),
            item("11:30", 30, "Suivi des points d'action", "Follow-up of action points", SECRETARIAT),
        ],
        "invitees": [("dm", 1), ("gendarmerie", 2), ("dst", 1)],
        "minutes": _md("""
        L'expert de l'Espagne a relu avec la Gendarmerie nationale et la DST le projet de l'axe 4 issu de la session
            de rédaction du 30 novembre. Les mesures de détection sur les axes routiers et aux postes frontières ont
            été précisées, ainsi que le rôle de chaque service.

        Le dispositif d'échange d'informations entre la DST, la Gendarmerie nationale et la Garde nationale, demandé
            lors de la troisième session, a été discuté : les participants envisagent un point focal par service et
            une réunion régulière des services, sans base de données commune à ce stade.
        """),
        "decisions": [
            "L'axe 4 prévoit un point focal par service pour l'échange d'informations.",
            "La version relue de l'axe 4 est déposée dans Cadre avant le 23 décembre.",
        ],
    },
    {
        "key": "a5-remote-2",
        "activity": 5,
        "kind": "remote_assistance",
        "title_fr": "Assistance à distance : axe 5 (enquêtes et poursuites)",
        "title_en": "Remote assistance: axis 5 (investigation and prosecution)",
        "day": D(2017, 1, 19),
        "start": "10:00",
        "end": "12:00",
        "online": True,
        "host": "justice",
        "themes": ["investigation"],
        "facilitators": ["ES"],
        "description": "Relecture à distance de l'axe 5 avec l'expert de l'Espagne. Séance de démonstration.",
        "agenda": [
            item(
                "10:00", 120, "Relecture de l'axe 5", "Review of axis 5", EXPERT_NAMES["ES"], ["investigation"], AXIS_5
            ),
        ],
        "invitees": [("dm", 1), ("justice", 2), ("dst", 1)],
        "minutes": _md("""
        L'expert de l'Espagne a relu avec le Ministère de la Justice et la DST le projet de l'axe 5. Les
            participants ont distingué les mesures relatives à l'application de la loi n° 2015-36, la formation des
            acteurs de la chaîne pénale et la coopération judiciaire avec les pays voisins.

        Le recensement des affaires jugées, demandé lors de la troisième session, est en cours ; le Ministère de la
            Justice le présentera à la réunion du Cadre de concertation du 26 janvier.
        """),
        "decisions": [
            "L'axe 5 comprend un programme de formation des magistrats et des enquêteurs à la loi n° 2015-36.",
            "Les sections relues des axes 4 et 5 sont soumises au Cadre de concertation le 26 janvier.",
        ],
    },
    {
        "key": "committee-january",
        "activity": None,
        "kind": "coordination",
        "title_fr": "Réunion du Cadre de concertation : préparation de la 4e session",
        "title_en": "Consultation Framework meeting: preparing the 4th session",
        "day": D(2017, 1, 26),
        "start": "09:00",
        "end": "11:30",
        "place": MINISTRY_ROOM,
        "host": "ccm",
        "themes": ["coordination", "return"],
        "facilitators": [],
        "description": "Point d'étape et préparation de la quatrième session. Réunion de démonstration.",
        "agenda": [
            item(
                "09:00",
                60,
                "Avancement de la rédaction des axes 4 et 5",
                "Drafting progress on axes 4 and 5",
                SECRETARIAT,
                ["coordination"],
            ),
            item("10:00", 45, "Suivi des points d'action", "Follow-up of action points", SECRETARIAT),
            item(
                "10:45",
                45,
                "Préparation de la 4e session (retour)",
                "Preparing the 4th session (return)",
                "Ministère des Affaires étrangères",
                ["return"],
            ),
        ],
        "invitees": [
            ("mi", 1),
            ("dgecmr", 1),
            ("dm", 1),
            ("dst", 1),
            ("gendarmerie", 1),
            ("garde", 1),
            ("justice", 1),
            ("member", 1),
            ("hacp", 1),
            ("mae", 1),
            ("mah", 1),
            ("partner", 1),
        ],
        "minutes": _md("""
        Le secrétariat a présenté l'avancement de la rédaction : les axes 1 à 3 sont stabilisés, les axes 4 et 5 ont
            été relus pendant l'assistance à distance avec l'expert de l'Espagne. Le Ministère de la Justice a
            présenté, sans données personnelles, le recensement des affaires jugées au titre de la loi n° 2015-36.

        Le Ministère des Affaires étrangères a présenté le programme de la quatrième session, consacrée au retour
            et aux voies de sortie de l'irrégularité, et proposé d'y associer l'OIM, le HCR et le ministère chargé
            de l'action humanitaire.
        """),
        "decisions": [
            "Les axes 4 et 5 sont prêts pour la relecture d'ensemble à l'atelier de finalisation.",
            "L'OIM, le HCR et le ministère chargé de l'action humanitaire interviennent à la quatrième session.",
            "Le dispositif d'échange d'informations entre services reste à proposer par la DST.",
        ],
    },
    # --- Activity 6: 4th session and drafting, 6–10 Feb 2017
    {
        "key": "a6-session-4",
        "activity": 6,
        "kind": "information_session",
        "title_fr": "4e session d'information : retour et voies de sortie de l'irrégularité",
        "title_en": "4th information session: return and pathways out of irregularity",
        "day": D(2017, 2, 6),
        "start": "08:30",
        "end": "17:00",
        "place": MINISTRY_ROOM,
        "host": "mi",
        "themes": ["return"],
        "facilitators": ["BE", "SN"],
        "description": "Retour, réintégration et voies de sortie de l'irrégularité. Session de démonstration.",
        "assessed": True,
        "agenda": [
            item(
                "08:30",
                30,
                "Accueil et test de connaissances (avant)",
                "Welcome and knowledge test (before)",
                SECRETARIAT,
            ),
            item(
                "09:00",
                75,
                "Retour volontaire, retour forcé : principes et garanties",
                "Voluntary and forced return: principles and safeguards",
                EXPERT_NAMES["BE"],
                ["return"],
            ),
            item("10:15", 15, "Pause", "Break"),
            item(
                "10:30",
                60,
                "Protection consulaire et documents de voyage des personnes de retour",
                "Consular protection and travel documents of returnees",
                "Ministère des Affaires étrangères",
                ["return"],
            ),
            item(
                "11:30",
                60,
                "Réintégration durable : dimensions économique, sociale et psychosociale",
                "Sustainable reintegration: economic, social and psychosocial dimensions",
                EXPERT_NAMES["SN"],
                ["return"],
            ),
            item("12:30", 60, "Déjeuner", "Lunch"),
            item(
                "13:30",
                75,
                "Voies de sortie de l'irrégularité",
                "Pathways out of irregularity",
                EXPERT_NAMES["BE"],
                ["return"],
            ),
            item(
                "14:45",
                60,
                "Table ronde : OIM, HCR et ministère chargé de l'action humanitaire",
                "Round table: IOM, UNHCR and the ministry in charge of humanitarian action",
                "OIM",
                ["return"],
            ),
            item(
                "15:45",
                45,
                "Travail en groupes : mesures de l'axe 6",
                "Group work: measures of axis 6",
                EXPERT_NAMES["SN"],
                ["return"],
            ),
            item(
                "16:30",
                30,
                "Test de connaissances (après) et évaluation",
                "Knowledge test (after) and evaluation",
                SECRETARIAT,
            ),
        ],
        "invitees": [
            ("mi", 1),
            ("dm", 3),
            ("dgecmr", 2),
            ("mae", 2),
            ("mah", 2),
            ("anltp", 1),
            ("member", 1),
            ("dst", 1),
            ("hacp", 1),
            ("iom", 1),
            ("partner", 1),
            ("unhcr", 1),
            ("eu", 1),
        ],
        "minutes": _md("""
        ## Retour

        L'expert de la Belgique a présenté les principes du retour volontaire et du retour forcé et les garanties
            qui les encadrent. Le Ministère des Affaires étrangères a décrit la protection consulaire et la
            délivrance des documents de voyage aux ressortissants nigériens de retour.

        ## Réintégration et voies de sortie de l'irrégularité

        L'expert du Sénégal a présenté les dimensions économique, sociale et psychosociale d'une réintégration
            durable. La table ronde a réuni l'OIM, le HCR et le ministère chargé de l'action humanitaire autour de
            l'orientation des personnes de retour et des personnes ayant besoin d'une protection internationale.

        Les groupes de travail ont proposé les premières mesures de l'axe 6, reprises lors de la session de
            rédaction du 8 février.
        """),
        "decisions": [
            "L'axe 6 distingue l'aide au retour volontaire, la réintégration et les voies de sortie de l'irrégularité.",
            "Les personnes ayant besoin d'une protection internationale sont orientées vers la procédure d'asile, "
            "en lien avec le HCR.",
            "Les mesures proposées par les groupes de travail sont reprises dans le projet de l'axe 6.",
        ],
    },
    {
        "key": "a6-drafting",
        "activity": 6,
        "kind": "drafting_session",
        "title_fr": "Session de rédaction : axe 6, mise en œuvre, suivi et financement",
        "title_en": "Drafting session: axis 6, implementation, monitoring and funding",
        "day": D(2017, 2, 8),
        "start": "08:30",
        "end": "16:30",
        "place": MINISTRY_ROOM,
        "host": "mi",
        "themes": ["return", "coordination"],
        "facilitators": ["BE", "SN"],
        "description": "Rédaction de l'axe 6 et des chapitres sur la mise en œuvre, le suivi et le financement. "
        "Session de démonstration.",
        "agenda": [
            item(
                "08:30",
                120,
                "Axe 6 : retour et voies de sortie de l'irrégularité",
                "Axis 6: return and pathways out of irregularity",
                EXPERT_NAMES["BE"],
                ["return"],
                AXIS_6,
            ),
            item(
                "10:30",
                90,
                "Mise en œuvre et coordination",
                "Implementation and coordination",
                EXPERT_NAMES["SN"],
                ["coordination"],
                ["4", "4.1", "4.2"],
            ),
            item("12:00", 60, "Déjeuner", "Lunch"),
            item(
                "13:00",
                90,
                "Suivi et évaluation : indicateurs et revues",
                "Monitoring and evaluation: indicators and reviews",
                EXPERT_NAMES["SN"],
                ["coordination"],
                ["5", "5.1", "5.2"],
            ),
            item(
                "14:30",
                90,
                "Financement : coût estimé et sources",
                "Funding: estimated cost and sources",
                SECRETARIAT,
                ["coordination"],
                ["6", "6.1", "6.2"],
            ),
            item("16:00", 30, "Synthèse et suites", "Summary and next steps", SECRETARIAT),
        ],
        "invitees": [("dm", 2), ("dgecmr", 1), ("mae", 2), ("mah", 1), ("member", 1), ("mi", 1), ("partner", 1)],
        "minutes": _md("""
        Les participants ont rédigé l'axe 6 à partir des travaux de groupe de la quatrième session, puis les
            chapitres consacrés à la mise en œuvre, au suivi et au financement de la stratégie.

        Le chapitre sur le suivi prévoit un rapport annuel au Cadre de concertation et des indicateurs par axe. Le
            chapitre sur le financement distingue le budget de l'État et les appuis des partenaires ; les montants
            restent à estimer avec les chefs de file.
        """),
        "decisions": [
            "L'axe 6 et les chapitres 4 à 6 sont relus à distance avec l'expert du Sénégal en mars.",
            "Chaque chef de file transmet au secrétariat une estimation du coût des mesures de son axe.",
        ],
    },
    # --- Activity 7: remote assistance, 13 Feb–31 Mar 2017
    {
        "key": "a7-remote-1",
        "activity": 7,
        "kind": "remote_assistance",
        "title_fr": "Assistance à distance : axe 6 (retour)",
        "title_en": "Remote assistance: axis 6 (return)",
        "day": D(2017, 3, 2),
        "start": "10:00",
        "end": "12:00",
        "online": True,
        "host": "mae",
        "themes": ["return"],
        "facilitators": ["SN"],
        "description": "Relecture à distance de l'axe 6 avec l'expert du Sénégal. Séance de démonstration.",
        "agenda": [
            item("10:00", 120, "Relecture de l'axe 6", "Review of axis 6", EXPERT_NAMES["SN"], ["return"], AXIS_6),
        ],
        "invitees": [("dm", 1), ("mae", 2), ("mah", 1)],
        "minutes": _md("""
        L'expert du Sénégal a relu avec le Ministère des Affaires étrangères, le ministère chargé de l'action
            humanitaire et la Direction de la migration le projet de l'axe 6. Les mesures de réintégration ont été
            rattachées aux programmes de développement existants dans les régions de départ et de transit.

        Les participants ont précisé la répartition des rôles entre les services de l'État et les partenaires pour
            l'aide au retour volontaire.
        """),
        "decisions": [
            "Les mesures de réintégration de l'axe 6 s'appuient sur les programmes de développement existants.",
            "La version relue de l'axe 6 est déposée dans Cadre avant le 10 mars.",
        ],
    },
    {
        "key": "a7-remote-2",
        "activity": 7,
        "kind": "remote_assistance",
        "title_fr": "Assistance à distance : mise en œuvre, suivi et financement",
        "title_en": "Remote assistance: implementation, monitoring and funding",
        "day": D(2017, 3, 23),
        "start": "10:00",
        "end": "12:00",
        "online": True,
        "host": "dm",
        "themes": ["coordination"],
        "facilitators": ["SN"],
        "description": "Relecture à distance des chapitres 4 à 6 avec l'expert du Sénégal. Séance de démonstration.",
        "agenda": [
            item(
                "10:00",
                120,
                "Relecture des chapitres 4 à 6",
                "Review of chapters 4 to 6",
                EXPERT_NAMES["SN"],
                ["coordination"],
                CHAPTERS_4_6,
            ),
        ],
        "invitees": [("dm", 2), ("dgecmr", 1), ("mi", 1)],
        "minutes": _md("""
        L'expert du Sénégal a relu avec la Direction de la migration, la DGEC-M/R et le Ministère de l'Intérieur les
            chapitres consacrés à la mise en œuvre, au suivi et au financement. Les participants ont retenu le
            principe d'un plan d'action pluriannuel, préparé après la validation de la stratégie, qui en précisera
            les coûts et les indicateurs.

        Le secrétariat a présenté le programme de l'atelier de finalisation et la manière dont les institutions
            valideront le projet.
        """),
        "decisions": [
            "Le projet complet est diffusé aux institutions avant le 7 avril.",
            "Un plan d'action 2017-2021 est préparé après la validation de la stratégie.",
        ],
    },
    # --- Activity 8: finalisation workshop, 18–20 Apr 2017
    {
        "key": "a8-workshop",
        "activity": 8,
        "kind": "workshop",
        "title_fr": "Atelier de finalisation de la Stratégie nationale de lutte contre la migration irrégulière",
        "title_en": "Finalisation workshop for the National Strategy to Counter Irregular Migration",
        "day": D(2017, 4, 18),
        "start": "08:30",
        "end_day": D(2017, 4, 20),
        "end": "13:00",
        "place": MINISTRY_ROOM,
        "host": "mi",
        "themes": ["coordination", "border-management", "vulnerable-migrants", "detection", "investigation", "return"],
        "facilitators": ["FR", "ES", "SN"],
        "description": "Relecture d'ensemble, validation des sections et du projet de stratégie par les "
        "institutions. Atelier de démonstration.",
        "agenda": [
            item(
                "08:30",
                60,
                "Jour 1 — Ouverture et présentation du projet de stratégie",
                "Day 1 — Opening and presentation of the draft strategy",
                "Ministère de l'Intérieur",
                ["coordination"],
            ),
            item(
                "09:30",
                180,
                "Jour 1 — Contexte, vision et axes 1 à 3",
                "Day 1 — Context, vision and axes 1 to 3",
                SECRETARIAT,
                ["coordination", "border-management", "vulnerable-migrants"],
                ["1", "2", "3.1", "3.2", "3.3"],
            ),
            item(
                "14:00",
                180,
                "Jour 2 — Axes 4 à 6",
                "Day 2 — Axes 4 to 6",
                EXPERT_NAMES["ES"],
                ["detection", "investigation", "return"],
                ["3.4", "3.5", "3.6"],
            ),
            item(
                "09:00",
                150,
                "Jour 3 — Mise en œuvre, suivi, financement et validation",
                "Day 3 — Implementation, monitoring, funding and endorsement",
                EXPERT_NAMES["SN"],
                ["coordination"],
                ["4", "5", "6"],
            ),
            item(
                "11:30",
                90,
                "Jour 3 — Signatures et clôture",
                "Day 3 — Sign-offs and closing",
                "Ministère de l'Intérieur",
                ["coordination"],
            ),
        ],
        "invitees": [
            ("mi", 2),
            ("dgecmr", 2),
            ("dm", 3),
            ("police", 1),
            ("dst", 2),
            ("gendarmerie", 2),
            ("garde", 1),
            ("justice", 2),
            ("anltp", 2),
            ("member", 1),
            ("hacp", 1),
            ("mae", 2),
            ("mah", 2),
            ("iom", 1),
            ("partner", 1),
            ("unhcr", 1),
            ("unodc", 1),
            ("eu", 1),
        ],
        "minutes": _md("""
        ## Jour 1

        Le Ministère de l'Intérieur a ouvert l'atelier. Le secrétariat a présenté le projet de stratégie ; les
            participants ont relu le contexte, la vision et les axes 1 à 3.

        ## Jour 2

        Les axes 4 à 6 ont été relus avec l'expert de l'Espagne. Les amendements proposés ont été examinés en
            séance et intégrés au projet lorsqu'ils faisaient consensus.

        ## Jour 3

        Les chapitres sur la mise en œuvre, le suivi et le financement ont été validés. Les institutions ont
            approuvé la version finale du projet de stratégie et l'ont signée dans Cadre.
        """),
        "decisions": [
            "La version finale du projet de stratégie est validée par les institutions du Cadre de concertation.",
            "Le Ministère de l'Intérieur transmet la stratégie validée au Gouvernement pour adoption.",
            "Le secrétariat prépare le plan d'action 2017-2021 avec les chefs de file des axes.",
        ],
    },
]

# Action points: raised at (meeting key), text, owner (institution key, person: index in that institution's people,
# "member"/"partner", or None), due date, status, closed on, closed at (meeting key), progress note.
ACTION_POINTS = [
    (
        "a1-mi",
        "Transmettre au secrétariat la liste des activités de chaque institution liées à la migration irrégulière.",
        ("dm", 0),
        D(2016, 7, 15),
        "done",
        D(2016, 7, 12),
        None,
        "",
    ),
    (
        "a1-anltp",
        "Partager avec les experts le rapport d'activité de l'ANLTP.",
        ("anltp", "member"),
        D(2016, 7, 1),
        "done",
        D(2016, 7, 20),
        "a2-session-2",
        "Transmis avec retard, après validation interne.",
    ),
    (
        "a1-dst",
        "Préparer la présentation du système MIDAS pour la deuxième session.",
        ("dst", 0),
        D(2016, 9, 12),
        "done",
        D(2016, 9, 12),
        "a2-session-2",
        "Présenté lors de la deuxième session.",
    ),
    (
        "a1-iom",
        "Partager les données publiques des points de suivi des flux.",
        ("iom", "partner"),
        D(2016, 7, 31),
        "done",
        D(2016, 9, 12),
        "a2-session-2",
        "Données remises lors de la deuxième session.",
    ),
    (
        "a1-justice",
        "Désigner le point focal du Ministère de la Justice pour la rédaction.",
        ("justice", None),
        D(2016, 6, 30),
        "done",
        D(2016, 6, 28),
        None,
        "",
    ),
    (
        "a1-eu",
        "Étudier l'organisation d'une visite d'étude dans un pays de l'Union européenne.",
        ("eu", None),
        D(2016, 10, 31),
        "dropped",
        D(2016, 10, 20),
        "committee-october",
        "Abandonné : hors du cadre de l'action ; remplacé par des échanges avec les experts lors des sessions.",
    ),
    (
        "a1-session-1",
        "Constituer les groupes de rédaction par axe et en communiquer la composition.",
        ("dm", 1),
        D(2016, 7, 15),
        "done",
        D(2016, 7, 8),
        None,
        "",
    ),
    (
        "a2-session-2",
        "Rédiger la première version des sections de l'axe 2.",
        ("dst", 1),
        D(2016, 10, 14),
        "done",
        D(2016, 10, 20),
        "committee-october",
        "Première version déposée dans Cadre le 20 octobre.",
    ),
    (
        "a2-session-2",
        "Recenser les services de prise en charge des migrants vulnérables par région.",
        ("mah", 0),
        D(2016, 11, 15),
        "in_progress",
        None,
        None,
        "Recensement engagé dans les régions d'Agadez et de Zinder.",
    ),
    (
        "a2-drafting",
        "Intégrer les commentaires des experts dans les sections des axes 2 et 3.",
        ("dm", 0),
        D(2016, 10, 31),
        "done",
        D(2016, 10, 28),
        "a3-remote-2",
        "",
    ),
    (
        "a3-remote-2",
        "Proposer les indicateurs de l'axe 3.",
        ("mah", 1),
        D(2016, 11, 25),
        "done",
        D(2016, 11, 28),
        "a4-session-3",
        "Proposés lors de la troisième session.",
    ),
    (
        "committee-october",
        "Inviter l'ONUDC à la troisième session d'information.",
        ("dm", 1),
        D(2016, 11, 15),
        "done",
        D(2016, 11, 10),
        None,
        "",
    ),
    (
        "a4-session-3",
        "Proposer un dispositif d'échange d'informations entre la DST, la Gendarmerie nationale et la Garde nationale.",
        ("dst", 0),
        D(2016, 12, 16),
        "open",
        None,
        None,
        "",
    ),
    (
        "a4-session-3",
        "Recenser, sans données personnelles, les affaires jugées au titre de la loi n° 2015-36.",
        ("justice", 0),
        D(2016, 12, 16),
        "done",
        D(2017, 1, 26),
        "committee-january",
        "Présenté au Cadre de concertation, avec retard.",
    ),
    (
        "a4-drafting",
        "Compléter les sections des axes 4 et 5 pendant l'assistance à distance.",
        ("gendarmerie", 0),
        D(2017, 1, 13),
        "done",
        D(2017, 1, 19),
        "a5-remote-2",
        "Axe 4 relu en décembre, axe 5 le 19 janvier avec l'expert de l'Espagne.",
    ),
    (
        "a4-drafting",
        "Identifier les partenaires de la réintégration à inviter à la quatrième session.",
        ("mae", None),
        None,
        "done",
        D(2017, 1, 26),
        "committee-january",
        "OIM, HCR et ministère chargé de l'action humanitaire retenus.",
    ),
    (
        "a6-session-4",
        "Transmettre au secrétariat les présentations de la quatrième session.",
        ("mae", 0),
        D(2017, 2, 17),
        "done",
        D(2017, 2, 15),
        None,
        "",
    ),
    (
        "a6-drafting",
        "Transmettre au secrétariat l'estimation du coût des mesures de chaque axe.",
        ("dm", 0),
        D(2017, 3, 17),
        "done",
        D(2017, 3, 23),
        "a7-remote-2",
        "Estimations de tous les chefs de file reçues, la dernière en séance.",
    ),
    (
        "a7-remote-2",
        "Diffuser le projet complet de stratégie aux institutions avant l'atelier de finalisation.",
        ("dm", 1),
        D(2017, 4, 7),
        "done",
        D(2017, 4, 6),
        None,
        "",
    ),
    (
        "a8-workshop",
        "Transmettre la stratégie validée au Gouvernement pour adoption.",
        ("mi", 0),
        D(2017, 5, 31),
        "done",
        D(2017, 5, 18),
        None,
        "",
    ),
    (
        "a8-workshop",
        "Préparer le projet de plan d'action 2017-2021 avec les chefs de file des axes.",
        ("dm", 0),
        D(2017, 9, 30),
        "done",
        D(2017, 9, 28),
        None,
        "Repris dans le plan d'action de la démonstration (module de planification).",
    ),
    (
        "a8-workshop",
        "Publier la stratégie et son plan d'action sur le site du Ministère de l'Intérieur.",
        ("mi", None),
        None,
        "open",
        None,
        None,
        "",
    ),
]
