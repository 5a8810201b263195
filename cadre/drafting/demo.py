"""The drafting demo: a French draft of the "Stratégie nationale de lutte contre la migration irrégulière",
written section by section in the main Niger workspace, as the committee and its experts would write it in Cadre.

The text is written for the demo. It is not the strategy Niger adopted and never claims to be: the first section
says so. Institutions, places, laws and partners are real and come from ../shared/DOMAIN.md; the analysis and
the measures are examples, and the text holds no figures presented as statistics. No adoption is recorded
(DOMAIN.md gives no verified decree reference).

Everything is made through the drafting services, so revisions, anchors, decisions and the audit trail are the
real thing: sections drafted in several revisions by several institutions, threaded comments (one left detached
by a later rewrite), suggestions in every state, two releases and the sign-offs of the final one. The drafters
who are not demo accounts are fictitious, named as such, and cannot sign in (unusable passwords).

`load()` is idempotent: the document is found by workspace and slug; if it exists it is left as it is.
"""

import datetime
import textwrap
from typing import NamedTuple

from django.contrib.auth import get_user_model
from django.db import transaction
from django.forms import modelform_factory
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import override

from cadre.core.services import change_by
from cadre.directory.demo import INSTITUTIONS as DIRECTORY_INSTITUTIONS
from cadre.directory.models import Institution, Person
from cadre.workspaces import demo as workspace_demo
from cadre.workspaces.models import Membership, Theme, Workspace
from cadre.workspaces.roles import Role

from . import services
from .models import Comment, Document, Section, SignOff, Suggestion

TITLE_FR = "Stratégie nationale de lutte contre la migration irrégulière"
TITLE_EN = "National Strategy to Counter Irregular Migration"
DOCUMENT_SLUG = slugify(TITLE_FR)[:60]  # what services.create_document gives it in a workspace without it

FIRST_RELEASE = "Projet pour la 2e session de rédaction"
FINAL_RELEASE = "Version finale validée à l'atelier de finalisation"

# The demo accounts of cadre.workspaces.demo that take part in the drafting.
DEMO_ACCOUNTS = {
    "secretariat": "secretariat@demo.example.org",  # Direction de la migration
    "member": "member@demo.example.org",  # ANLTP/TIM
    "expert_es": "expert@demo.example.org",  # Demo expert, Spain
    "partner": "partner@demo.example.org",  # OIM
}

# key, e-mail, name, role, institution key (cadre.directory.demo) — fictitious people who cannot sign in
FICTITIOUS_ACCOUNTS = [
    (
        "justice",
        "drafter.justice@demo.example.org",
        "Rédacteur de démonstration, Ministère de la Justice",
        Role.MEMBER,
        "justice",
    ),
    (
        "dst",
        "drafter.dst@demo.example.org",
        "Rédactrice de démonstration, Direction de la surveillance du territoire",
        Role.MEMBER,
        "dst",
    ),
    (
        "garde",
        "drafter.garde@demo.example.org",
        "Rédacteur de démonstration, Garde nationale du Niger",
        Role.MEMBER,
        "garde",
    ),
    (
        "gendarmerie",
        "drafter.gendarmerie@demo.example.org",
        "Rédactrice de démonstration, Gendarmerie nationale",
        Role.MEMBER,
        "gendarmerie",
    ),
    (
        "mae",
        "drafter.mae@demo.example.org",
        "Rédacteur de démonstration, Ministère des Affaires étrangères",
        Role.MEMBER,
        "mae",
    ),
    (
        "mah",
        "drafter.humanitaire@demo.example.org",
        "Rédactrice de démonstration, Ministère chargé de l'action humanitaire",
        Role.MEMBER,
        "mah",
    ),
    # The other three experts of the workspace (cadre.workspaces.demo.MAIN_EXPERTS), given an account here.
    ("expert_fr", "expert.france@demo.example.org", "Demo expert, France", Role.EXPERT, None),
    ("expert_be", "expert.belgium@demo.example.org", "Demo expert, Belgium", Role.EXPERT, None),
    ("expert_sn", "expert.senegal@demo.example.org", "Demo expert, Senegal", Role.EXPERT, None),
]

# key (its number once built), parent key, title, lead institution key, theme codes
SECTIONS = [
    ("1", None, "Contexte et diagnostic", "mi", []),
    ("1.1", "1", "Situation migratoire", "dm", []),
    ("1.2", "1", "Cadre juridique et institutionnel", "justice", []),
    ("1.3", "1", "Défis", "dm", []),
    ("2", None, "Vision, principes et objectifs", "mi", []),
    ("2.1", "2", "Vision", "mi", []),
    ("2.2", "2", "Principes directeurs", "dm", []),
    ("2.3", "2", "Objectifs général et spécifiques", "dm", []),
    ("3", None, "Axes stratégiques", "dm", []),
    ("3.1", "3", "Axe 1 — Coordination et gouvernance", "mi", ["coordination"]),
    ("3.2", "3", "Axe 2 — Pré-entrée, entrée et sortie (gestion des frontières)", "dst", ["border-management"]),
    ("3.2.1", "3.2", "Postes frontières et contrôle des entrées et des sorties", "dst", ["border-management"]),
    ("3.2.2", "3.2", "Surveillance des espaces frontaliers entre les postes", "garde", ["border-management"]),
    ("3.2.3", "3.2", "Systèmes d'information et analyse des risques", "dst", ["border-management"]),
    ("3.3", "3", "Axe 3 — Migrants vulnérables et orientation", "mah", ["vulnerable-migrants"]),
    ("3.3.1", "3.3", "Identification et protection", "anltp", ["vulnerable-migrants"]),
    ("3.3.2", "3.3", "Mécanisme national d'orientation", "mah", ["vulnerable-migrants"]),
    (
        "3.4",
        "3",
        "Axe 4 — Détection des migrants en situation irrégulière et des réseaux criminels",
        "gendarmerie",
        ["detection"],
    ),
    ("3.5", "3", "Axe 5 — Enquêtes et poursuites", "justice", ["investigation"]),
    ("3.5.1", "3.5", "Application de la loi n° 2015-36", "justice", ["investigation"]),
    ("3.5.2", "3.5", "Enquêtes spécialisées et coopération internationale", "dst", ["investigation", "detection"]),
    ("3.6", "3", "Axe 6 — Retour et voies de sortie de l'irrégularité", "mae", ["return"]),
    ("4", None, "Mise en œuvre et coordination", "mi", ["coordination"]),
    ("4.1", "4", "Dispositif institutionnel", "dm", ["coordination"]),
    ("4.2", "4", "Rôle des partenaires", "dm", ["coordination"]),
    ("5", None, "Suivi et évaluation", "dm", []),
    ("5.1", "5", "Indicateurs et rapports", "dm", []),
    ("5.2", "5", "Revues et évaluation", "dm", []),
    ("6", None, "Financement", "mi", []),
    ("6.1", "6", "Coût estimé", "dm", []),
    ("6.2", "6", "Sources de financement", "dm", []),
]
# Added after the finalisation workshop.
ANNEX_SECTIONS = [
    ("7", None, "Annexes", "dm", []),
    ("7.1", "7", "Glossaire", "dm", []),
    ("7.2", "7", "Plan d'action opérationnel", "dm", ["coordination"]),
]


def _md(text: str) -> str:
    """Markdown written in this file: a line indented under the previous one continues it (one line a paragraph)."""
    lines: list[str] = []
    for line in textwrap.dedent(text).strip("\n").splitlines():
        if line[:1].isspace() and line.strip() and lines and lines[-1]:
            lines[-1] += " " + line.strip()
        else:
            lines.append(line.rstrip())
    return "\n".join(lines) + "\n"


# The current (final) text of each section. Earlier revisions are derived from it by HISTORY below; the accepted
# suggestions change it further when the story is told.
TEXTS = {
    "1": _md("""
    *Texte de démonstration rédigé pour Cadre ; il ne reproduit pas la stratégie adoptée.* Les institutions, les
        lieux et les textes juridiques cités existent ; l'analyse et les mesures sont des exemples écrits pour
        montrer le fonctionnement de la plateforme, et le texte ne contient aucune statistique.

    La présente stratégie a été rédigée par les institutions nationales concernées, réunies au sein du comité
        interministériel chargé des questions de migration, sous l'autorité du Ministère de l'Intérieur. Elles ont
        bénéficié de l'appui d'experts de la France, de la Belgique, de l'Espagne et du Sénégal, mobilisés par la
        facilité MIEUX (MIgration EU eXpertise), financée par l'Union européenne et mise en œuvre par le Centre
        international pour le développement des politiques migratoires (ICMPD).

    Le texte est le fruit de réunions bilatérales de cartographie des activités en cours, de quatre sessions
        d'information, dont trois suivies d'une session de rédaction, d'une assistance à distance entre les
        sessions et d'un atelier de finalisation. Chaque section a été confiée à une institution chef de file,
        discutée par les membres et commentée par les experts.

    Ce premier chapitre décrit la situation migratoire du Niger, le cadre juridique et institutionnel de la lutte
        contre la migration irrégulière, et les défis auxquels la stratégie doit répondre.
    """),
    "1.1": _md("""
    Par sa position au cœur du Sahel, entre l'Afrique de l'Ouest et l'Afrique du Nord, le Niger est à la fois un
        pays de départ, de transit, de destination et de retour. La mobilité y est ancienne : transhumance
        pastorale, migrations saisonnières vers les pays côtiers, commerce transsaharien. Elle fait partie de la
        vie économique et sociale de nombreuses familles et ne se réduit pas à la migration irrégulière.

    Ressortissants d'un État membre de la Communauté économique des États de l'Afrique de l'Ouest (CEDEAO), les
        Nigériens circulent librement dans l'espace communautaire, comme les ressortissants des autres États
        membres au Niger. La migration irrégulière se joue donc surtout au-delà de cet espace, sur les routes qui
        mènent vers l'Algérie et la Libye, puis vers la Méditerranée.

    La région d'Agadez est le principal carrefour de ces routes. Les axes qui passent par Arlit et le poste
        frontière d'Assamaka vers l'Algérie, et par Séguédine et Madama vers la Libye, concentrent les passages de
        transit. Les régions de Tahoua, Zinder et Maradi, sur les axes venant du Nigeria, ainsi que Tillabéri et
        Dosso, sur les axes venant du Mali, du Burkina Faso et du Bénin, sont aussi concernées.

    Plusieurs sources renseignent ces mouvements, sans être encore consolidées :

    - les points de suivi des flux de l'Organisation internationale pour les migrations (OIM) à Arlit,
        Séguédine, Madama, Dan Barto, Magaria, Tahoua et Dan Issa[^1] ;
    - les enregistrements des postes frontières de la Direction de la surveillance du territoire (DST), dans le
        système d'information MIDAS ;
    - les données des juridictions et de l'ANLTP sur les affaires de traite et de trafic illicite ;
    - les informations des services consulaires et des partenaires sur les retours.

    Faute de données harmonisées, ce diagnostic ne retient aucun chiffre global : l'axe 1 prévoit un dispositif
        commun de données pour y remédier.

    Les migrants en transit sont exposés à des risques graves : traversée du désert, abandon par les passeurs,
        extorsion, violences, traite des personnes. Les femmes, les enfants, en particulier non accompagnés, et les
        victimes de traite appellent une protection particulière. Les communautés des zones de transit vivent
        elles aussi les effets de ces mouvements, dont une partie de l'économie locale dépend.

    [^1]: Le suivi des flux de l'OIM s'appuie sur des points d'observation situés sur les principaux axes ; voir
        la [matrice de suivi des déplacements (DTM)](https://dtm.iom.int/).
    """),
    "1.2": _md("""
    La lutte contre la migration irrégulière s'appuie sur un cadre juridique national récent et sur les
        engagements internationaux du Niger. Les principaux textes sont les suivants :

    | Texte | Objet | Date |
    | --- | --- | --- |
    | Ordonnance n° 2010-86 | Lutte contre la traite des personnes ; création de l'ANLTP | 16 décembre 2010 |
    | Loi n° 2015-36 | Trafic illicite de migrants | 26 mai 2015[^1] |
    | Arrêté conjoint portant création du Cadre de concertation sur la migration | Coordination | 2 mai 2016 |
    | Protocole contre le trafic illicite de migrants par terre, mer et air, additionnel à la Convention des
        Nations unies contre la criminalité transnationale organisée | Référence internationale | adopté le
        15 novembre 2000, en vigueur le 28 janvier 2004 |

    La loi n° 2015-36 incrimine le trafic illicite de migrants ; l'ordonnance n° 2010-86 réprime la traite des
        personnes et a créé l'Agence nationale de lutte contre la traite des personnes (ANLTP). Le Protocole des
        Nations unies sert de référence commune pour la coopération avec les pays voisins et les pays de
        destination.

    Le dispositif institutionnel réunit notamment :

    - le **Ministère de l'Intérieur**, autorité requérante de l'appui MIEUX, et sa Direction générale de l'état
        civil, des migrations et des réfugiés (DGEC-M/R), dont la Direction de la migration assure le secrétariat
        permanent du Cadre de concertation ;
    - la **Police nationale**, en particulier la Direction de la surveillance du territoire (DST), police des
        frontières ;
    - la **Gendarmerie nationale** et la **Garde nationale du Niger**, présentes sur les axes routiers et dans
        les zones frontalières ;
    - le **Ministère de la Justice** et les juridictions ;
    - l'**ANLTP**, qui coordonne la lutte contre la traite et dispose d'un centre d'accueil des victimes à
        Zinder[^2] ;
    - le **Ministère des Affaires étrangères**, pour la protection consulaire et la coopération internationale ;
    - le **ministère chargé de l'action humanitaire**, pour l'assistance aux personnes vulnérables ;
    - la **Haute autorité à la consolidation de la paix (HACP)**, pour la prévention des conflits dans les zones
        frontalières.

    Le cadre est donc largement en place. Les difficultés tiennent surtout à son application : textes
        d'application, formation des acteurs de la chaîne pénale, coordination entre services et moyens sur le
        terrain.

    [^1]: La loi n° 2015-36 du 26 mai 2015 a été abrogée par ordonnance à la fin du mois de novembre 2023. Ce
        texte de démonstration se place à la date du processus d'élaboration (2016-2017).

    [^2]: Le décret n° 2018-148 du 8 mars 2018 a ensuite ajouté le trafic illicite de migrants au mandat de
        l'agence, devenue l'ANLTP/TIM.
    """),
    "1.3": _md("""
    Les réunions bilatérales de cartographie et les sessions d'information ont permis d'identifier sept défis
        principaux :

    1. **Coordination** : de nombreuses interventions des services de l'État et des partenaires se chevauchent,
        sans vue d'ensemble partagée ni pilotage commun ;
    2. **Frontières** : les frontières sont très étendues, les postes frontières inégalement équipés, et les
        vastes espaces désertiques entre les postes difficiles à surveiller ;
    3. **Protection** : l'identification des personnes vulnérables dépend encore de l'initiative des agents, et
        leur orientation vers les services compétents reste informelle ;
    4. **Détection** : l'information circule peu entre les services, alors que les réseaux de passeurs
        s'adaptent vite aux contrôles ;
    5. **Justice** : les enquêtes sur les réseaux sont longues et complexes, la loi n° 2015-36 est encore mal
        connue de certains acteurs de la chaîne pénale, et l'entraide judiciaire avec les pays voisins reste
        lente ;
    6. **Retour** : les retours, volontaires ou non, de Nigériens et de ressortissants de pays tiers sont
        fréquents, et la réintégration durable des personnes de retour est rarement assurée ;
    7. **Alternatives économiques** : dans les zones de transit, notamment à Agadez, une partie de l'économie
        locale vit des services rendus aux migrants ; sans alternatives, la répression seule risque d'être mal
        comprise et mal acceptée.

    Ces défis sont liés : une réponse limitée à la sécurité déplacerait les routes vers des zones plus
        dangereuses sans réduire la vulnérabilité des migrants. La stratégie y répond par des axes
        complémentaires, pilotés ensemble.
    """),
    "2": _md("""
    Ce chapitre fixe ce que la stratégie veut atteindre et les principes qui guident sa mise en œuvre. Ils ont
        été discutés en séance plénière lors de la première session d'information, puis précisés au fil des
        sessions de rédaction.
    """),
    "2.1": _md("""
    La vision de la stratégie est celle d'*un Niger où la mobilité se fait dans la légalité, la sécurité et la
        dignité, où les réseaux de trafic illicite de migrants et de traite des personnes sont démantelés, et où
        les personnes vulnérables sont protégées et accompagnées*.

    Cette vision reconnaît que la mobilité est une ressource pour les familles et pour les territoires. La
        stratégie vise la migration irrégulière et les crimes qui l'exploitent, non la mobilité en tant que telle.
    """),
    "2.2": _md("""
    La mise en œuvre de la stratégie obéit aux principes suivants :

    - **Respect des droits humains et de la dignité** : toute personne migrante, quel que soit son statut, est
        traitée avec dignité, a accès aux soins d'urgence et est informée de ses droits ;
    - **Protection des plus vulnérables** : l'intérêt supérieur de l'enfant guide toute décision qui le
        concerne ; les victimes de traite sont protégées, qu'elles coopèrent ou non avec la justice ;
    - **Distinction entre migrants et passeurs** : le migrant objet d'un trafic est d'abord une personne à
        protéger ; l'action pénale vise les passeurs et les réseaux ;
    - **Respect de la libre circulation** : la lutte contre la migration irrégulière ne remet pas en cause la
        libre circulation des ressortissants de la CEDEAO ;
    - **Approche globale et coordonnée** : prévention, contrôle, protection, répression et retour sont conduits
        ensemble, sous un pilotage unique ;
    - **Appropriation nationale et responsabilité partagée** : l'État pilote, les partenaires alignent leurs
        appuis sur la stratégie, et les pays d'origine, de transit et de destination partagent la
        responsabilité ;
    - **Gestion axée sur les résultats** : chaque mesure a un responsable, un calendrier et des indicateurs,
        suivis et rendus publics.

    Ces principes s'appliquent à tous les axes et servent de grille de lecture lors des revues annuelles.
    """),
    "2.3": _md("""
    **Objectif général** : réduire la migration irrégulière et ses conséquences humaines, sécuritaires et
        sociales, en renforçant la capacité de l'État à gérer ses frontières, à protéger les personnes
        vulnérables et à démanteler les réseaux criminels.

    **Objectifs spécifiques**, un par axe stratégique :

    1. renforcer la coordination et le pilotage de l'action publique en matière de migration ;
    2. améliorer la gestion des entrées et des sorties aux frontières et la surveillance des espaces
        frontaliers ;
    3. identifier, protéger et orienter les migrants vulnérables, en particulier les victimes de traite et les
        enfants ;
    4. améliorer la détection des migrants en situation irrégulière et des réseaux criminels sur le territoire ;
    5. renforcer les enquêtes, les poursuites et la coopération judiciaire contre le trafic illicite de migrants
        et la traite des personnes ;
    6. organiser des retours sûrs et dignes, favoriser la réintégration durable et ouvrir des voies de sortie de
        l'irrégularité.
    """),
    "3": _md("""
    La stratégie s'articule autour de six axes, qui reprennent les thèmes de travail retenus pour les sessions
        d'information et de rédaction. Chaque axe énonce un objectif, les résultats attendus et les mesures
        prioritaires ; le plan d'action opérationnel, annexé à la stratégie, les détaille en actions assorties
        d'un responsable, d'un calendrier, d'un coût et d'indicateurs.

    Les axes 2 et 3 ont été rédigés lors de la deuxième session d'information, les axes 4 et 5 lors de la
        troisième, l'axe 6 lors de la quatrième ; l'axe 1, transversal, a été consolidé en dernier, à la lumière
        des autres.
    """),
    "3.1": _md("""
    **Objectif** : faire du Cadre de concertation sur la migration l'instance unique de pilotage de l'action
        publique contre la migration irrégulière, appuyée sur des données partagées.

    **Résultats attendus** : les institutions nationales et les partenaires planifient et suivent leurs
        interventions ensemble ; les décisions reposent sur des données fiables et harmonisées.

    **Mesures prioritaires** :

    1. rendre pleinement opérationnels les quatre groupes thématiques du Cadre de concertation (migration et
        développement ; migration et sécurité ; migration et protection ; groupe technique sur la migration),
        chacun avec un programme de travail annuel ;
    2. tenir à jour, avec les partenaires, une cartographie partagée des interventions (qui fait quoi, où), qui
        évite les doublons et révèle les zones non couvertes ;
    3. créer un dispositif commun de données migratoires : définitions harmonisées, échanges réguliers entre la
        DST, l'ANLTP, les juridictions et les partenaires, rapport annuel publié par le secrétariat permanent ;
    4. installer des points focaux régionaux, en commençant par la région d'Agadez, pour relayer la stratégie
        auprès des autorités administratives et des collectivités ;
    5. associer la société civile, les chefs traditionnels et les organisations de jeunes aux travaux du Cadre
        de concertation, notamment pour la prévention ;
    6. conduire avec le Ministère de la Jeunesse et des Sports des actions d'information des jeunes sur les
        risques de la migration irrégulière et sur les voies de migration légale.
    """),
    "3.2": _md("""
    **Objectif** : mieux connaître et mieux gérer les entrées et les sorties du territoire, aux postes
        frontières comme entre eux, dans le respect de la libre circulation et des droits des personnes.

    Cet axe couvre la pré-entrée (information des voyageurs, coopération avec les pays voisins), l'entrée et la
        sortie (contrôle aux postes frontières) et la surveillance des espaces frontaliers. Il a été rédigé lors
        de la deuxième session d'information, consacrée à la gestion des frontières, aux besoins des migrants
        vulnérables aux frontières et aux mécanismes d'orientation.
    """),
    "3.2.1": _md("""
    Les postes frontières sont le premier lieu où l'État voit qui entre sur son territoire et qui en sort. Les
        postes d'Assamaka (frontière algérienne), de Madama (frontière libyenne), de Makalondi et de Petel Kolé
        (Burkina Faso), de Yassan (Mali), de Gaya (Bénin), de Birni N'Konni et d'Eroufa (Nigeria) sont
        prioritaires.

    Mesures prioritaires :

    1. renforcer les contrôles aux postes frontières, en priorité sur les axes de transit vers l'Algérie et la
        Libye ;
    2. doter les postes prioritaires d'équipements de lecture des documents de voyage et d'une connexion
        fiable ;
    3. former les agents à la détection de la fraude documentaire et à l'accueil des personnes vulnérables, avec
        des modules communs à la DST, à la Gendarmerie nationale et à la Garde nationale ;
    4. afficher et diffuser aux postes une information claire sur les droits et les obligations des voyageurs,
        en français et dans les langues nationales ;
    5. établir à chaque poste une procédure écrite d'orientation des personnes vulnérables vers les services
        compétents (voir l'axe 3).

    Les contrôles ne doivent pas avoir pour effet de détourner les voyageurs vers des pistes plus dangereuses :
        leur efficacité se mesure aussi à la sécurité des personnes.
    """),
    "3.2.2": _md("""
    Entre les postes, les frontières traversent de vastes espaces désertiques ou peu peuplés où passent les
        pistes empruntées par les passeurs. Leur surveillance relève de la Garde nationale du Niger et de la
        Gendarmerie nationale, en liaison avec la DST.

    Mesures prioritaires :

    - organiser des patrouilles conjointes sur les pistes de transit identifiées, en particulier dans la région
        d'Agadez ;
    - établir des procédures de sauvetage et de prise en charge des migrants trouvés en détresse dans le désert,
        avec les services de santé et les partenaires humanitaires ;
    - renforcer la coopération opérationnelle avec les forces des pays voisins : échange d'information,
        patrouilles coordonnées de part et d'autre de la frontière ;
    - associer les populations frontalières et les autorités coutumières à la remontée d'information.

    La surveillance des espaces frontaliers poursuit deux buts indissociables : empêcher les passages
        clandestins organisés par les réseaux, et sauver la vie des personnes qu'ils exposent au danger.
    """),
    "3.2.3": _md("""
    La DST gère le système d'information MIDAS, qui enregistre les entrées et les sorties aux postes frontières
        qui en sont équipés. Son extension et son exploitation sont au cœur de cet axe.

    Mesures prioritaires :

    1. étendre MIDAS aux postes prioritaires qui n'en disposent pas encore et assurer la maintenance des
        installations existantes ;
    2. produire des analyses de risques périodiques, partagées avec la Gendarmerie nationale, la Garde nationale
        et l'ANLTP ;
    3. relier progressivement les données des postes frontières au dispositif commun de données de l'axe 1 ;
    4. former des analystes au sein de la DST.

    Les données personnelles collectées aux frontières ne sont utilisées que pour les finalités prévues par la
        loi ; chaque accès est tracé.
    """),
    "3.3": _md("""
    **Objectif** : identifier les migrants vulnérables aux frontières et sur le territoire, les protéger et les
        orienter vers les services dont ils ont besoin.

    Sont notamment considérés comme vulnérables les victimes de traite, les enfants non accompagnés ou séparés,
        les femmes enceintes ou seules avec enfants, les personnes malades, blessées ou handicapées, les personnes
        âgées, les personnes ayant besoin d'une protection internationale et les migrants abandonnés dans le
        désert. La vulnérabilité s'apprécie au cas par cas ; une même personne peut avoir plusieurs besoins.
    """),
    "3.3.1": _md("""
    L'identification est la condition de toute protection : une victime de traite qui n'est pas identifiée est
        traitée comme un migrant en situation irrégulière, voire comme un délinquant.

    Mesures prioritaires :

    1. élaborer des indicateurs communs d'identification des victimes de traite et des personnes vulnérables,
        utilisables par tous les agents de première ligne ;
    2. former à leur usage les agents de la DST, de la Gendarmerie nationale et de la Garde nationale, les
        travailleurs sociaux et les agents de santé des régions de transit ;
    3. garantir aux personnes identifiées un hébergement sûr, des soins, un soutien psychosocial et une
        assistance juridique ; le centre d'accueil des victimes de l'ANLTP à Zinder sert de référence pour les
        structures à créer ou à renforcer ;
    4. prévoir pour les enfants des procédures adaptées : désignation d'un représentant, recherche de la
        famille, prise en charge par les services de protection de l'enfance ;
    5. informer les personnes identifiées de leurs droits, dans une langue qu'elles comprennent.

    La stratégie prévoit pour les victimes de traite un délai de rétablissement et de réflexion avant toute
        décision sur leur coopération avec la justice.
    """),
    "3.3.2": _md("""
    Un mécanisme national d'orientation organise, par des procédures écrites, la coopération entre les services
        de l'État, les organisations internationales et la société civile pour identifier les personnes
        vulnérables, les orienter et les accompagner. Celui du Niger s'inspire des mécanismes nationaux
        d'orientation décrits par l'OSCE/BIDDH, adaptés aux réalités des zones de transit.

    Il s'organise en quatre étapes :

    1. **identification et protection immédiate** : repérage par les agents de première ligne, mise en
        sécurité, premiers soins ;
    2. **accompagnement individuel et accès aux services** : évaluation des besoins, hébergement, soins,
        soutien psychosocial, assistance juridique et, le cas échéant, demande d'asile auprès de la DGEC-M/R ;
    3. **solution durable** : retour volontaire et réintégration, séjour régulier au Niger ou réinstallation,
        selon la situation et le choix éclairé de la personne ;
    4. **justice et réparation** : accompagnement des victimes qui portent plainte ou témoignent, accès à
        l'indemnisation.

    Le ministère chargé de l'action humanitaire coordonne le mécanisme. L'OIM et le HCR y sont associés selon
        leurs mandats : l'OIM pour l'assistance aux migrants et le retour volontaire, le HCR pour les personnes
        ayant besoin d'une protection internationale. Un annuaire des services, par région, est tenu à jour et
        diffusé à tous les postes frontières.

    Aucune personne n'est orientée sans son consentement, sauf urgence vitale ou décision prise dans l'intérêt
        supérieur d'un enfant ; les informations qui la concernent ne sont partagées qu'avec les services qui en
        ont besoin.
    """),
    "3.4": _md("""
    **Objectif** : mieux détecter, sur le territoire, les migrants en situation irrégulière qui ont besoin
        d'être orientés, et les réseaux criminels qui les exploitent.

    La détection ne vise pas à multiplier les interpellations de migrants. Elle vise à repérer les réseaux —
        recruteurs, transporteurs, logeurs, faussaires, intermédiaires financiers — et à mettre leurs victimes en
        relation avec les services de protection.

    Mesures prioritaires :

    1. renforcer le renseignement criminel sur les réseaux de trafic illicite de migrants et de traite des
        personnes, et son partage entre la Police nationale, la Gendarmerie nationale, la Garde nationale et
        l'ANLTP ;
    2. organiser des contrôles ciblés sur les lieux de regroupement et de départ identifiés (gares routières,
        points de départ des convois, lieux d'hébergement), dans le respect des droits des personnes ;
    3. associer les transporteurs, les logeurs et les autorités locales à la prévention, en les informant sur
        la loi et sur les risques encourus ;
    4. mettre en place une ligne d'alerte permettant de signaler des cas de traite ou de trafic ;
    5. appliquer systématiquement lors des contrôles les indicateurs d'identification de l'axe 3, afin
        qu'aucune victime ne soit traitée comme un délinquant.

    Les services de détection transmettent sans délai les informations recueillies sur les réseaux aux unités
        chargées des enquêtes (axe 5).
    """),
    "3.5": _md("""
    **Objectif** : poursuivre et juger efficacement les auteurs de trafic illicite de migrants et de traite des
        personnes, en particulier les organisateurs des réseaux, et priver ceux-ci des profits de leurs crimes.

    Cet axe a été rédigé lors de la troisième session d'information, consacrée à la détection des migrants en
        situation irrégulière et des réseaux criminels sur le territoire, et aux techniques d'enquête et de
        poursuite.
    """),
    "3.5.1": _md("""
    La loi n° 2015-36 donne aux autorités judiciaires un instrument spécifique contre le trafic illicite de
        migrants. Son application suppose que les acteurs de la chaîne pénale la connaissent et sachent
        distinguer le trafic illicite de migrants de la traite des personnes.

    Mesures prioritaires :

    1. diffuser la loi et un guide pratique de qualification des infractions (trafic illicite de migrants,
        traite des personnes, infractions connexes) auprès des officiers de police judiciaire, des magistrats du
        parquet et des juges d'instruction ;
    2. désigner, dans les juridictions des régions de transit, des magistrats référents pour les affaires de
        trafic et de traite ;
    3. assurer le suivi des procédures, de l'enquête au jugement, dans le dispositif commun de données de
        l'axe 1 ;
    4. garantir aux migrants entendus comme témoins ou victimes l'assistance d'un interprète et l'information
        sur leurs droits.

    Un premier bilan de l'application de la loi sera établi après deux ans de mise en œuvre de la stratégie,
        afin d'identifier les difficultés d'interprétation et les éventuels besoins de réforme.
    """),
    "3.5.2": _md("""
    Les réseaux de trafic illicite de migrants sont transnationaux : leurs organisateurs se trouvent rarement là
        où les migrants sont interceptés. Les enquêtes doivent donc remonter les filières, au-delà des
        frontières.

    Mesures prioritaires :

    - créer une équipe conjointe d'investigation (ECI) spécialisée, associant la Police nationale et la
        Gendarmerie nationale, appuyée par des enquêteurs de pays partenaires, sur le modèle de la coopération
        proposée par l'Espagne (FIIAPP) ;
    - développer les enquêtes financières et patrimoniales, la saisie et la confiscation des avoirs des
        réseaux ;
    - former les enquêteurs aux techniques spéciales d'enquête et à l'exploitation des téléphones et des
        données numériques, dans le respect des garanties procédurales ;
    - accélérer l'entraide judiciaire et l'échange d'information avec les pays voisins, les pays de destination
        et les organisations internationales compétentes, dont l'ONUDC ;
    - protéger les témoins et les victimes qui coopèrent avec la justice.

    L'ECI rend compte de ses travaux au Cadre de concertation, dans le respect du secret de l'enquête.
    """),
    "3.6": _md("""
    **Objectif** : organiser des retours sûrs et dignes, favoriser la réintégration durable des personnes de
        retour et ouvrir aux migrants en situation irrégulière au Niger des voies de sortie de l'irrégularité.

    Le Niger est concerné par trois situations : le retour de ses ressortissants depuis les pays de transit et
        de destination, y compris les personnes refoulées ou expulsées aux frontières algérienne et libyenne ; le
        retour vers leur pays d'origine de ressortissants de pays tiers présents sur son territoire ; la
        situation des personnes qui souhaitent rester au Niger.

    Mesures prioritaires :

    1. accueillir les personnes de retour aux points d'arrivée, notamment à Assamaka, avec une évaluation des
        besoins et une orientation par le mécanisme national d'orientation ;
    2. développer, avec l'OIM, l'aide au retour volontaire des ressortissants de pays tiers, avec une
        information complète sur les conditions du retour ;
    3. accompagner la réintégration des Nigériens de retour dans leurs communautés : formation, appui à des
        activités génératrices de revenus, soutien psychosocial, en lien avec les programmes de développement
        local ;
    4. renforcer la protection consulaire des Nigériens à l'étranger ;
    5. négocier, sous la conduite du Ministère des Affaires étrangères, des arrangements de réadmission
        respectueux des droits des personnes et des engagements régionaux du Niger ;
    6. faciliter la régularisation du séjour des migrants qui remplissent les conditions légales, et informer
        les jeunes sur les voies de migration légale.

    Aucun retour ne peut avoir lieu vers un pays où la personne risque la persécution ou des traitements
        inhumains ; un enfant n'est renvoyé que si son intérêt supérieur le commande.
    """),
    "4": _md("""
    La mise en œuvre de la stratégie repose sur les institutions existantes : elle ne crée pas de structure
        nouvelle, mais précise le rôle de chacune et les règles de leur coordination, au niveau national comme
        dans les régions.
    """),
    "4.1": _md("""
    Le pilotage de la stratégie est confié au **Cadre de concertation sur la migration**, créé par arrêté
        conjoint du 2 mai 2016. Présidé par le ministre de l'Intérieur, il a pour vice-président le ministre de la
        Justice et pour premier rapporteur le responsable de l'ANLTP. Son secrétariat permanent est assuré par la
        Direction de la migration de la DGEC-M/R.

    Le Cadre de concertation :

    - adopte chaque année le programme de travail et le rapport de mise en œuvre ;
    - arbitre les priorités et veille à la cohérence des interventions des partenaires avec la stratégie ;
    - s'appuie sur ses quatre groupes thématiques, qui suivent chacun les axes qui les concernent.

    Chaque axe a une institution chef de file, responsable de sa mise en œuvre et du rapport annuel
        correspondant :

    | Axe | Chef de file | Institutions associées |
    | --- | --- | --- |
    | 1. Coordination et gouvernance | Ministère de l'Intérieur (Direction de la migration) | Toutes les
        institutions membres |
    | 2. Gestion des frontières | Police nationale (DST) | Gendarmerie nationale, Garde nationale du Niger |
    | 3. Migrants vulnérables et orientation | Ministère chargé de l'action humanitaire | ANLTP, DGEC-M/R, OIM,
        HCR |
    | 4. Détection | Gendarmerie nationale | Police nationale, Garde nationale du Niger, ANLTP |
    | 5. Enquêtes et poursuites | Ministère de la Justice | Police nationale, Gendarmerie nationale, ANLTP |
    | 6. Retour et voies de sortie | Ministère des Affaires étrangères | Ministère de l'Intérieur, ANLTP, OIM |

    Dans les régions de transit, à commencer par celle d'Agadez, le gouverneur réunit un cadre régional de
        concertation associant les services déconcentrés, les collectivités et la société civile.
    """),
    "4.2": _md("""
    Les partenaires techniques et financiers appuient la mise en œuvre de la stratégie dans le respect du
        leadership national. Sont notamment concernés : la Délégation de l'Union européenne au Niger et la
        mission EUCAP Sahel Niger ; l'OIM, le HCR et l'ONUDC ; les agences et opérateurs de coopération des
        États membres de l'Union européenne (GIZ, AFD, Enabel, LuxDev, AICS, FIIAPP, Civipol) et la Coopération
        suisse ; les organisations non gouvernementales nationales, comme GRASPI, et internationales.

    Les partenaires s'engagent à :

    - aligner leurs interventions sur les axes de la stratégie et les inscrire dans la cartographie partagée ;
    - informer le secrétariat permanent de leurs projets, de leur budget et de leurs résultats ;
    - privilégier l'appui aux institutions nationales plutôt que la substitution ;
    - participer aux revues annuelles.

    L'appui de la facilité MIEUX, qui a accompagné l'élaboration de la stratégie, prend fin avec l'atelier de
        finalisation ; la mise en œuvre relève des institutions nationales et de leurs partenaires.
    """),
    "5": _md("""
    Le suivi et l'évaluation permettent au Cadre de concertation de savoir si la stratégie produit les
        changements attendus, et de l'adapter. Ils suivent la chaîne des résultats : des moyens aux activités,
        des activités aux produits, des produits aux effets et à l'impact.
    """),
    "5.1": _md("""
    Chaque objectif spécifique est assorti d'indicateurs SMART, avec une situation de référence, une cible, une
        source de vérification et les hypothèses dont dépend leur atteinte. Les situations de référence seront
        établies pendant la première année de mise en œuvre ; aucune valeur n'est fixée dans le présent document.

    Indicateurs principaux retenus par axe :

    | Axe | Indicateur | Source de vérification |
    | --- | --- | --- |
    | 1 | Réunions du Cadre de concertation tenues et décisions suivies | Comptes rendus du secrétariat permanent |
    | 2 | Postes frontières prioritaires équipés de MIDAS et connectés | Rapports de la DST |
    | 3 | Personnes vulnérables identifiées et orientées, par type de besoin | Registre du mécanisme national
        d'orientation |
    | 4 | Réseaux de trafic ou de traite identifiés et signalés aux enquêteurs | Rapports des forces de défense
        et de sécurité |
    | 5 | Procédures ouvertes et jugements rendus en application de la loi n° 2015-36 | Données du Ministère
        de la Justice |
    | 6 | Personnes de retour ayant bénéficié d'un appui à la réintégration | Rapports du Ministère des
        Affaires étrangères et des partenaires |

    Pour faciliter le rapportage des partenaires, ces indicateurs sont rapprochés, lorsque c'est possible, des
        indicateurs communs du Fonds fiduciaire d'urgence de l'Union européenne pour l'Afrique : migrants en
        transit protégés ou assistés, retours volontaires appuyés, personnes de retour bénéficiant d'une aide à la
        réintégration, personnes formées à la gestion des migrations.

    Le secrétariat permanent consolide chaque année un rapport de mise en œuvre, présenté au Cadre de
        concertation puis publié.
    """),
    "5.2": _md("""
    La mise en œuvre fait l'objet :

    - d'une **revue annuelle** conduite par le Cadre de concertation, avec les partenaires, sur la base du
        rapport de mise en œuvre ;
    - d'une **évaluation à mi-parcours**, qui peut conduire à réviser les mesures et le plan d'action ;
    - d'une **évaluation finale** indépendante, dont les conclusions préparent la stratégie suivante.

    Les évaluations examinent la pertinence, l'efficacité, l'efficience, l'impact et la durabilité des mesures,
        ainsi que le respect des principes directeurs, en particulier des droits des personnes. Leurs rapports
        sont publiés.
    """),
    "6": _md("""
    La stratégie est financée par le budget de l'État et par l'appui des partenaires. Son financement est
        programmé dans le plan d'action opérationnel et revu chaque année.
    """),
    "6.1": _md("""
    Le coût de la stratégie est établi action par action dans le plan d'action opérationnel, à partir des coûts
        unitaires communiqués par les institutions chefs de file. Aucune estimation globale n'est arrêtée dans le
        présent document : elle sera présentée au Cadre de concertation avec le plan d'action.

    Le chiffrage distingue :

    - les coûts de fonctionnement, pris en charge par le budget des institutions ;
    - les investissements : équipement des postes frontières, systèmes d'information, structures d'accueil ;
    - les coûts de formation et d'assistance technique ;
    - les coûts de protection et d'assistance aux personnes, qui varient avec les flux et doivent rester
        flexibles.
    """),
    "6.2": _md("""
    Les sources de financement sont :

    1. le **budget de l'État**, qui finance le fonctionnement des institutions et une part croissante des
        mesures ;
    2. les **contributions des partenaires techniques et financiers**, au premier rang desquels l'Union
        européenne, notamment par le Fonds fiduciaire d'urgence de l'Union européenne pour l'Afrique, et les
        coopérations bilatérales ;
    3. les financements des organisations internationales pour les mesures relevant de leur mandat.

    Le Cadre de concertation réunit, avec les ministères concernés, une table ronde des partenaires pour
        présenter le plan d'action et ses besoins de financement. Les financements sont suivis dans la
        cartographie partagée des interventions, qui permet de repérer les mesures non financées.
    """),
    "7": _md("""
    Les annexes complètent la stratégie ; le secrétariat permanent les tient à jour sans modifier le corps du
        texte validé.
    """),
    "7.1": _md("""
    Les définitions ci-dessous s'appliquent à la stratégie.

    - **Trafic illicite de migrants** : le fait d'assurer, pour en tirer un avantage financier ou matériel,
        l'entrée illégale dans un pays d'une personne qui n'en est ni ressortissante ni résidente permanente
        (définition du Protocole des Nations unies contre le trafic illicite de migrants).
    - **Traite des personnes** : le recrutement, le transport, l'hébergement ou l'accueil de personnes par la
        menace, la force, la tromperie ou l'abus d'une situation de vulnérabilité, aux fins d'exploitation ; pour
        un enfant, le recours à ces moyens n'est pas requis.
    - **Migrant en situation irrégulière** : personne qui entre sur le territoire, y séjourne ou en sort sans
        remplir les conditions prévues par la loi.
    - **Orientation** : mise en relation d'une personne, avec son consentement, avec le service qui peut
        répondre à ses besoins.
    - **Retour volontaire** : retour décidé librement par la personne, après une information complète, avec
        une aide au voyage et, le cas échéant, à la réintégration.
    """),
    "7.2": "",
}


class Step(NamedTuple):
    """One save of a section: who, why, and which version of its final text (a prefix of its blocks, some list
    lines dropped, some passages in their earlier wording)."""

    author: str
    message: str
    blocks: int | tuple | None = None
    drop: tuple = ()
    replace: tuple = ()  # (current wording, earlier wording)


_EARLY_1_1 = (
    "le Niger est à la fois un pays de départ, de transit, de destination et de retour.",
    "le Niger est avant tout un pays de transit vers l'Afrique du Nord et l'Europe.",
)
_NOTE_1, _NOTE_2 = ("[^1]", ""), ("[^2]", "")  # footnote calls, before their notes were written
_EARLY_3_3_2 = (
    "repérage par les agents de première ligne, mise en sécurité, premiers soins",
    "repérage par les agents de première ligne et premiers soins",
)
_EARLY_3_6 = (
    "négocier, sous la conduite du Ministère des Affaires étrangères, des arrangements de réadmission respectueux "
    "des droits des personnes et des engagements régionaux du Niger",
    "négocier avec les pays concernés des arrangements de réadmission respectueux des droits des personnes",
)
_EARLY_4_1 = ("Ministère de l'Intérieur, ANLTP, OIM |", "Ministère de l'Intérieur, OIM |")

# How each section was written, revision after revision (the first revision, empty, is its creation).
HISTORY = {
    "1": [
        Step("secretariat", "Introduction : démarche d'élaboration", blocks=(0, 1, 3)),
        Step("secretariat", "Précisions sur les sessions d'information et de rédaction"),
    ],
    "1.1": [
        Step("secretariat", "Premier jet : position du Niger et libre circulation", blocks=2, replace=(_EARLY_1_1,)),
        Step(
            "dst",
            "Routes de transit et sources de données des postes frontières",
            blocks=5,
            replace=(_EARLY_1_1, _NOTE_1),
        ),
        Step("secretariat", "Risques encourus par les migrants", blocks=7, replace=(_EARLY_1_1, _NOTE_1)),
        Step("secretariat", "Premier paragraphe reformulé après le commentaire de l'OIM ; note sur le suivi des flux"),
    ],
    "1.2": [
        Step(
            "justice",
            "Premier jet : textes nationaux",
            blocks=(0, 2),
            replace=((" Les principaux textes sont les suivants :", ""),),
        ),
        Step("justice", "Tableau des textes de référence", blocks=3, replace=(_NOTE_1,)),
        Step(
            "member",
            "Dispositif institutionnel, dont l'ANLTP et son centre d'accueil",
            blocks=6,
            replace=(_NOTE_1, _NOTE_2),
        ),
        Step("justice", "Notes sur l'évolution des textes depuis 2016"),
    ],
    "1.3": [
        Step(
            "secretariat",
            "Défis issus de la cartographie",
            blocks=2,
            replace=(
                (
                    "l'identification des personnes vulnérables dépend encore de l'initiative des agents, et leur "
                    "orientation vers les services compétents reste informelle",
                    "les personnes vulnérables ne sont pas toujours identifiées",
                ),
            ),
        ),
        Step("mah", "Précision sur l'identification et l'orientation des personnes vulnérables", blocks=2),
        Step("secretariat", "Conclusion du diagnostic"),
    ],
    "2": [Step("secretariat", "Introduction du chapitre")],
    "2.1": [
        Step("secretariat", "Vision discutée en plénière", blocks=1),
        Step("secretariat", "La mobilité comme ressource"),
    ],
    "2.2": [
        Step("secretariat", "Principes discutés en plénière", blocks=2, drop=("- **Appropriation", "- **Gestion")),
        Step("secretariat", "Ajout de l'appropriation nationale et de la gestion axée sur les résultats"),
    ],
    "2.3": [
        Step(
            "secretariat",
            "Objectifs, premier jet",
            replace=(
                (
                    "organiser des retours sûrs et dignes, favoriser la réintégration durable et ouvrir des voies de "
                    "sortie de l'irrégularité",
                    "organiser les retours",
                ),
            ),
        ),
        Step("secretariat", "Objectif 6 aligné sur l'intitulé de l'axe"),
    ],
    "3": [
        Step("secretariat", "Présentation des axes", blocks=1),
        Step("secretariat", "Origine des axes dans les sessions de rédaction"),
    ],
    "3.1": [
        Step("secretariat", "Objectif et premières mesures", drop=("4. ", "5. ", "6. ")),
        Step("secretariat", "Points focaux régionaux et société civile", drop=("6. ",)),
        Step("secretariat", "Information des jeunes, avec le Ministère de la Jeunesse et des Sports"),
    ],
    "3.2": [Step("dst", "Objectif et périmètre de l'axe")],
    "3.2.1": [
        Step("dst", "Premier jet : postes prioritaires", blocks=1),
        Step("dst", "Mesures prioritaires", blocks=3, drop=("4. ", "5. ")),
        Step("dst", "Information des voyageurs et orientation des personnes vulnérables"),
    ],
    "3.2.2": [
        Step("garde", "Premier jet", drop=("- établir des procédures de sauvetage",)),
        Step("garde", "Sauvetage des migrants en détresse dans le désert"),
    ],
    "3.2.3": [
        Step("dst", "MIDAS et analyse des risques", blocks=3),
        Step("dst", "Protection des données personnelles"),
    ],
    "3.3": [Step("mah", "Objectif et définition de la vulnérabilité")],
    "3.3.1": [
        Step("member", "Premier jet", blocks=3, drop=("4. ", "5. ")),
        Step("member", "Enfants et information sur les droits", blocks=3),
        Step("member", "Délai de rétablissement et de réflexion"),
    ],
    "3.3.2": [
        Step("mah", "Premier jet : les quatre étapes", blocks=3, replace=(_EARLY_3_3_2,)),
        Step("mah", "Coordination et rôle des partenaires", blocks=4, replace=(_EARLY_3_3_2,)),
        Step("member", "Mise en sécurité des victimes dès l'identification", blocks=4),
        Step("mah", "Consentement et confidentialité"),
    ],
    "3.4": [
        Step("gendarmerie", "Objectif et approche", blocks=2),
        Step("gendarmerie", "Mesures prioritaires", blocks=4, drop=("5. ",)),
        Step("gendarmerie", "Lien avec l'identification des victimes et avec les enquêtes"),
    ],
    "3.5": [Step("justice", "Objectif de l'axe")],
    "3.5.1": [
        Step("justice", "Premier jet", blocks=1),
        Step("justice", "Mesures prioritaires", blocks=3, drop=("4. ",)),
        Step("justice", "Droits des migrants entendus ; bilan de l'application de la loi"),
    ],
    "3.5.2": [
        Step("dst", "Premier jet", blocks=3, drop=("- protéger les témoins",)),
        Step("dst", "Protection des témoins ; compte rendu de l'ECI"),
    ],
    "3.6": [
        Step("mae", "Premier jet : les trois situations", blocks=2),
        Step("mae", "Mesures prioritaires", blocks=3, drop=("5. ", "6. ")),
        Step("mae", "Réadmission, régularisation, non-refoulement", replace=(_EARLY_3_6,)),
        Step("mae", "Mesure 5 reformulée après la réserve exprimée lors de la validation"),
    ],
    "4": [Step("secretariat", "Introduction du chapitre")],
    "4.1": [
        Step("secretariat", "Cadre de concertation", blocks=3),
        Step("secretariat", "Tableau des chefs de file", blocks=5, replace=(_EARLY_4_1,)),
        Step("secretariat", "ANLTP associée à l'axe 6 ; cadres régionaux de concertation"),
    ],
    "4.2": [
        Step("secretariat", "Partenaires et engagements", blocks=3),
        Step("secretariat", "Fin de l'appui MIEUX"),
    ],
    "5": [Step("secretariat", "Introduction du chapitre")],
    "5.1": [
        Step("secretariat", "Principes des indicateurs", blocks=1),
        Step("secretariat", "Tableau des indicateurs par axe", blocks=3),
        Step("secretariat", "Indicateurs communs du Fonds fiduciaire ; rapport annuel"),
    ],
    "5.2": [Step("secretariat", "Revues et évaluations")],
    "6": [Step("secretariat", "Introduction du chapitre")],
    "6.1": [Step("secretariat", "Méthode de chiffrage, sans estimation globale à ce stade")],
    "6.2": [
        Step("secretariat", "Sources de financement", blocks=2),
        Step("secretariat", "Table ronde des partenaires"),
    ],
    "7": [Step("secretariat", "Objet des annexes")],
    "7.1": [
        Step("secretariat", "Premières définitions", drop=("- **Orientation", "- **Retour volontaire")),
        Step("secretariat", "Orientation et retour volontaire"),
    ],
}


def _version(text: str, step: Step) -> str:
    blocks = text.strip().split("\n\n")
    if isinstance(step.blocks, int):
        blocks = blocks[: step.blocks]
    elif step.blocks is not None:
        blocks = [blocks[index] for index in step.blocks]
    body = "\n\n".join(blocks)
    if step.drop:
        body = "\n".join(line for line in body.split("\n") if not line.startswith(step.drop))
    for current, earlier in step.replace:
        if current not in body:
            raise ValueError(f"demo text: {current!r} is not in the text it should replace")
        body = body.replace(current, earlier)
    return body + "\n"


def _drafters(key):
    """The members who write a section besides the secretariat: they must be allowed to edit it."""
    return sorted({step.author for step in HISTORY.get(key, []) if step.author != "secretariat"})


def _institutions():
    names = {key: name_fr for key, _acronym, name_fr, *_rest in DIRECTORY_INSTITUTIONS}
    return {key: Institution.objects.get(name_fr=name) for key, name in names.items()}


def _accounts(workspace, institutions, by):
    """The demo accounts taking part, and the fictitious drafters and experts (created once, no password)."""
    User = get_user_model()
    users = {key: User.objects.get(email=email) for key, email in DEMO_ACCOUNTS.items()}
    with change_by(by):
        for key, email, name, role, institution in FICTITIOUS_ACCOUNTS:
            user = User.objects.filter(email=email).first()
            if user is None:
                user = User(email=email, full_name=name)
                user.set_unusable_password()  # a fictitious person: nobody signs in as them
                user.save()
            Membership.objects.get_or_create(
                user=user,
                workspace=workspace,
                defaults={
                    "role": role,
                    "institution": institutions[institution] if institution else None,
                    "valid_from": datetime.date(2016, 5, 2),
                },
            )
            if role == Role.EXPERT:
                for person in Person.objects.filter(full_name=name, user__isnull=True):
                    person.user = user
                    person.save()
            users[key] = user
    return users


class _Story:
    """The drafting of the strategy, told in the order it happened, through the services only."""

    def __init__(self, workspace, users, institutions):
        self.workspace = workspace
        self.users = users
        self.institutions = institutions
        self.themes = {theme.code: theme for theme in Theme.objects.filter(workspace=workspace)}
        self.document = None
        self.ids = {}
        self.written = {}
        self.transit_comment = None

    # --- helpers ---------------------------------------------------------------------------------------------

    def section(self, key) -> Section:
        return Section.objects.select_related("head", "document__workspace").get(pk=self.ids[key])

    def build(self, sections):
        secretariat = self.users["secretariat"]
        for key, parent, title, lead, themes in sections:
            parent_section = self.section(parent) if parent else None
            created = services.add_section(self.document, title=title, parent=parent_section, by=secretariat)
            self.ids[key] = created.pk
            self.details(
                key,
                lead_institution=self.institutions[lead],
                themes=[self.themes[code] for code in themes],
                drafters=[self.users[name] for name in _drafters(key)],
            )

    def details(self, key, by=None, **values):
        """Change a section's details the way the section form does: a model form saved by the service."""
        form_class = modelform_factory(Section, fields=list(values))
        data = {}
        for name, value in values.items():
            if isinstance(value, list):
                data[name] = [item.pk for item in value]
            else:
                data[name] = getattr(value, "pk", value)
        form = form_class(data, instance=self.section(key))
        if not form.is_valid():
            raise ValueError(f"demo section {key}: {form.errors.as_text()}")
        services.save_section_details(form, by=by or self.users["secretariat"])

    def status(self, status, *keys):
        for key in keys:
            self.details(key, status=status)

    def write(self, key, upto=None):
        """Save the section's next revisions, up to revision `upto` of its history (all of them by default)."""
        steps = HISTORY[key]
        upto = len(steps) if upto is None else upto
        while self.written.get(key, 0) < upto:
            step = steps[self.written.get(key, 0)]
            section = self.section(key)
            outcome = services.save_section_text(
                section,
                title=section.title,
                body=_version(TEXTS[key], step),
                base_revision_id=section.head_id,
                by=self.users[step.author],
                message=step.message,
            )
            if not outcome.saved:
                raise ValueError(f"demo section {key}: revision {step.message!r} changed nothing")
            self.written[key] = self.written.get(key, 0) + 1

    def comment(self, key, quote, body, by):
        section = self.section(key)
        start = section.body.index(quote)
        return services.add_comment(section, body=body, quote=quote, start=start, by=self.users[by])

    def reply(self, comment, body, by):
        # Read the thread again: later revisions may have moved (or detached) its anchor since it was made.
        parent = Comment.objects.get(pk=comment.pk)
        return services.add_comment(self.section_of(parent), body=body, parent=parent, by=self.users[by])

    def resolve(self, comment, by):
        services.resolve_comment(Comment.objects.get(pk=comment.pk), by=self.users[by])

    def section_of(self, item):
        return Section.objects.select_related("head", "document__workspace").get(pk=item.section_id)

    def suggest(self, key, by, reason, *, quote="", replacement="", after=None):
        """A replacement of `quote`, a deletion (no replacement) or an insertion just after the passage `after`."""
        section = self.section(key)
        if after is not None:
            kind, start = Suggestion.Kind.INSERT, section.body.index(after) + len(after)
        else:
            kind = Suggestion.Kind.REPLACE if replacement else Suggestion.Kind.DELETE
            start = section.body.index(quote)
        return services.add_suggestion(
            section, kind=kind, quote=quote, start=start, replacement=replacement, reason=reason, by=self.users[by]
        )

    # --- the story -------------------------------------------------------------------------------------------

    def tell(self):
        secretariat = self.users["secretariat"]
        has_main = self.workspace.documents.filter(is_main=True).exists()
        self.document = services.create_document(
            self.workspace,
            by=secretariat,
            title_fr=TITLE_FR,
            title_en=TITLE_EN,
            kind=Document.Kind.STRATEGY,
            language="fr",
            is_main=not has_main,
        )
        if self.document.slug != DOCUMENT_SLUG:
            raise ValueError(f"demo document made with slug {self.document.slug!r}, expected {DOCUMENT_SLUG!r}")
        self.build(SECTIONS)
        self.first_drafting_session()
        first = services.make_release(
            self.document,
            name=FIRST_RELEASE,
            note="Chapitres 1 et 2 et axes 2 et 3, rédigés lors de la deuxième session d'information et pendant "
            "l'assistance à distance ; envoyé aux membres et aux experts avant la troisième session.",
            by=secretariat,
        )
        self.second_and_third_drafting_sessions()
        final = self.finalisation_workshop()
        self.after_the_workshop()
        return self.document, first, final

    def first_drafting_session(self):
        """Activities 1–3: the outline, the context, the vision, border management and vulnerable migrants."""
        self.write("1")
        self.write("1.1", 3)
        transit = self.comment(
            "1.1",
            "le Niger est avant tout un pays de transit vers l'Afrique du Nord et l'Europe",
            "Les données de suivi des flux montrent aussi des départs de Nigériens, des séjours prolongés et de "
            "nombreux retours. Peut-on présenter le Niger comme pays de départ, de transit, de destination et de "
            "retour ?",
            "partner",
        )
        self.transit_comment = transit  # its passage is rewritten in the next session
        self.reply(
            transit,
            "D'accord avec l'OIM : cette formulation décrit mieux la situation et prépare l'axe 6.",
            "expert_sn",
        )
        assamaka = self.comment(
            "1.1",
            "le poste frontière d'Assamaka",
            "Préciser que les flux y vont dans les deux sens : Assamaka voit passer des départs, mais aussi des "
            "personnes refoulées ou expulsées d'Algérie.",
            "expert_fr",
        )
        self.reply(
            assamaka, "Merci : nous le traitons dans l'axe 6 (retour), où le point d'arrivée est cité.", "secretariat"
        )
        self.resolve(assamaka, "secretariat")
        self.write("1.1", 4)

        self.write("1.2", 2)
        law = self.comment(
            "1.2",
            "La loi n° 2015-36 incrimine le trafic illicite de migrants",
            "Il serait utile de rappeler ici que l'action pénale vise les passeurs et les réseaux, pas les migrants "
            "objets du trafic : c'est un point souvent mal compris sur le terrain.",
            "expert_es",
        )
        self.reply(law, "Le principe figure au chapitre 2 (principes directeurs) ; nous y renvoyons.", "justice")
        self.resolve(law, "justice")
        self.write("1.2")
        self.write("1.3")

        self.write("2")
        self.write("2.1", 1)
        vision = self.comment(
            "2.1",
            "un Niger où la mobilité se fait dans la légalité, la sécurité et la dignité",
            "Belle formule. Elle pourrait mentionner les communautés des zones de transit, qui vivent aussi les "
            "effets de la migration.",
            "expert_sn",
        )
        self.reply(
            vision,
            "Nous préférons garder une vision courte ; les communautés sont traitées aux axes 1 et 6.",
            "secretariat",
        )
        self.resolve(vision, "secretariat")
        self.write("2.1")
        self.write("2.2")
        self.write("2.3")
        self.write("3", 1)

        self.write("3.2")
        self.write("3.2.1")
        controls = self.suggest(
            "3.2.1",
            "expert_fr",
            "Sans cette précision, la mesure peut être lue comme une restriction de la libre circulation, contraire "
            "au principe énoncé au chapitre 2.",
            quote="renforcer les contrôles aux postes frontières, en priorité sur les axes de transit vers l'Algérie "
            "et la Libye",
            replacement="renforcer les contrôles aux postes frontières, en priorité sur les axes de transit vers "
            "l'Algérie et la Libye, dans le respect de la libre circulation des ressortissants de la CEDEAO",
        )
        services.accept_suggestion(
            controls, by=self.users["dst"], reason="Précision utile, conforme aux principes directeurs."
        )
        referral = self.comment(
            "3.2.1",
            "établir à chaque poste une procédure écrite d'orientation",
            "Très bien. La procédure devrait être la même à tous les postes et reprendre les étapes du mécanisme "
            "national d'orientation.",
            "expert_be",
        )
        self.reply(referral, "D'accord : le renvoi à l'axe 3 est là pour cela, le modèle sera commun.", "dst")
        self.resolve(referral, "dst")
        self.write("3.2.2")
        self.write("3.2.3")

        self.write("3.3")
        self.write("3.3.1", 2)
        self.write("3.3.2", 2)
        alert = self.suggest(
            "3.3.2",
            "expert_be",
            "Le point focal régional doit être informé de chaque cas pour suivre la prise en charge.",
            after="premiers soins",
            replacement=", signalement au point focal régional",
        )
        services.add_comment(
            self.section_of(alert),
            body="Je retire cette proposition : le signalement est déjà prévu dans la procédure écrite des "
            "postes frontières (section 3.2.1).",
            suggestion=alert,
            by=self.users["expert_be"],
        )
        services.withdraw_suggestion(alert, by=self.users["expert_be"])
        iom = self.comment(
            "3.3.2",
            "l'OIM pour l'assistance aux migrants et le retour volontaire",
            "L'OIM confirme ce rôle. Les structures d'accueil gérées avec les partenaires devraient figurer dans "
            "l'annuaire des services.",
            "partner",
        )
        self.reply(iom, "Noté : l'annuaire couvrira toutes les structures d'accueil, par région.", "mah")
        self.resolve(iom, "mah")
        self.write("3.3.1")
        reflection = self.comment(
            "3.3.1",
            "délai de rétablissement et de réflexion",
            "Faut-il en fixer la durée ici, ou dans un texte d'application ?",
            "expert_be",
        )
        self.reply(reflection, "Dans un texte d'application : la stratégie en pose le principe.", "member")
        self.resolve(reflection, "member")
        self.write("3.3.2")

        self.status(
            Section.Status.IN_REVIEW,
            *("1", "1.1", "1.2", "1.3", "2", "2.1", "2.2", "2.3"),
            *("3.2", "3.2.1", "3.2.2", "3.2.3", "3.3", "3.3.1", "3.3.2"),
        )

    def second_and_third_drafting_sessions(self):
        """Activities 4–7: detection, investigation, return, then coordination, monitoring and financing."""
        self.status(Section.Status.AGREED, "1", "1.2", "1.3", "2", "2.1", "2.2", "2.3")

        self.write("3.4", 2)
        hotline = self.comment(
            "3.4",
            "une ligne d'alerte",
            "Qui la gère ? Il faut un service identifié et joignable en permanence, sinon la ligne perd vite sa "
            "crédibilité.",
            "expert_es",
        )
        self.reply(hotline, "À préciser dans le plan d'action ; l'ANLTP est pressentie.", "gendarmerie")
        self.reply(hotline, "L'ANLTP est prête à étudier la question avec la Gendarmerie.", "member")
        self.write("3.4")

        self.write("3.5")
        self.write("3.5.1")
        judges = self.suggest(
            "3.5.1",
            "expert_es",
            "La spécialisation est plus efficace si elle commence là où se concentrent les affaires, et si elle "
            "couvre la dimension financière, indispensable pour atteindre les organisateurs.",
            quote="désigner, dans les juridictions des régions de transit, des magistrats référents pour les "
            "affaires de trafic et de traite",
            replacement="désigner, dans les juridictions des régions de transit, à commencer par Agadez, des "
            "magistrats référents pour les affaires de trafic et de traite, formés aux enquêtes financières",
        )
        review = self.suggest(
            "3.5.1",
            "expert_es",
            "Annoncer un bilan de la loi pourrait être lu comme l'annonce de sa réforme et fragiliser les "
            "poursuites en cours.",
            quote="Un premier bilan de l'application de la loi sera établi après deux ans de mise en œuvre de la "
            "stratégie, afin d'identifier les difficultés d'interprétation et les éventuels besoins de réforme.",
        )
        services.accept_suggestion(
            judges, by=self.users["justice"], reason="Retenu : Agadez sera la juridiction pilote."
        )
        services.reject_suggestion(
            review,
            by=self.users["justice"],
            reason="Le bilan est un outil de suivi, pas l'annonce d'une réforme ; le Cadre de concertation tient à "
            "le maintenir.",
        )
        services.add_comment(
            self.section_of(review),
            body="Entendu. Il faudra alors présenter ce bilan comme un bilan de l'application, non du texte.",
            suggestion=review,
            by=self.users["expert_es"],
        )

        self.write("3.5.2", 1)
        team = self.comment(
            "3.5.2",
            "équipe conjointe d'investigation (ECI)",
            "Prévoir dès le départ un protocole écrit entre le parquet et les enquêteurs : c'est ce qui rend ces "
            "équipes efficaces.",
            "expert_es",
        )
        self.reply(team, "Retenu pour le plan d'action ; l'ECI rendra compte au Cadre de concertation.", "dst")
        self.resolve(team, "dst")
        self.write("3.5.2")
        self.write("3.6", 3)

        self.write("1.1")  # rewrites the passage of the OIM's comment, which is left detached
        self.reply(
            self.transit_comment,
            "Le paragraphe a été reformulé dans ce sens ; le passage commenté n'existe plus.",
            "secretariat",
        )
        self.status(Section.Status.AGREED, "1.1")

        self.write("3.1")
        mapping = self.comment(
            "3.1",
            "cartographie partagée des interventions",
            "L'OIM peut y verser ses projets dès maintenant. Faut-il un format commun ?",
            "partner",
        )
        self.reply(
            mapping, "Oui : le secrétariat diffusera un modèle de tableau avant la prochaine réunion.", "secretariat"
        )
        self.resolve(mapping, "secretariat")
        self.write("3")

        self.write("4")
        self.write("4.1", 2)
        leads = self.comment(
            "4.1",
            "6. Retour et voies de sortie",
            "L'ANLTP souhaite être associée à l'axe 6, pour les victimes de traite de retour.",
            "member",
        )
        self.reply(leads, "Ajouté au tableau.", "secretariat")
        self.write("4.1")
        self.resolve(leads, "member")
        self.write("4.2", 1)
        reviews = self.comment(
            "4.2",
            "participer aux revues annuelles",
            "L'OIM participera. Il faudrait fixer la date de la revue assez tôt pour l'aligner sur la programmation "
            "des partenaires.",
            "partner",
        )
        self.reply(reviews, "Noté : le calendrier des revues sera fixé dans le plan d'action.", "secretariat")
        self.resolve(reviews, "secretariat")
        self.write("4.2")
        for key in ("5", "5.1", "5.2", "6", "6.1", "6.2"):
            self.write(key)
        self.status(
            Section.Status.IN_REVIEW,
            *("3", "3.1", "3.4", "3.5", "3.5.1", "3.5.2", "3.6"),
            *("4", "4.1", "4.2", "5", "5.1", "5.2", "6", "6.1", "6.2"),
        )

    def finalisation_workshop(self):
        """Activity 8: every section agreed, the final release, the institutions' sign-offs."""
        self.status(Section.Status.AGREED, *(key for key, *_rest in SECTIONS))
        final = services.make_release(
            self.document,
            name=FINAL_RELEASE,
            note="Texte validé en séance plénière de l'atelier de finalisation, sous réserve des observations "
            "consignées dans les visas des institutions.",
            by=self.users["secretariat"],
        )
        endorsed, reservations = SignOff.Decision.ENDORSED, SignOff.Decision.RESERVATIONS
        signatory = "Point focal de l'institution (personne fictive de démonstration)"
        for institution, decision, by, note in [
            ("mi", endorsed, "secretariat", ""),
            ("anltp", endorsed, "member", ""),
            ("justice", endorsed, "justice", ""),
            ("dst", endorsed, "dst", ""),
            ("gendarmerie", endorsed, "gendarmerie", ""),
            ("garde", endorsed, "garde", ""),
            ("mah", endorsed, "mah", ""),
            (
                "mae",
                reservations,
                "mae",
                "Le ministère approuve la stratégie, sous réserve que la mesure 5 de l'axe 6 précise que les "
                "arrangements de réadmission sont négociés sous sa conduite et dans le respect des engagements "
                "régionaux du Niger.",
            ),
        ]:
            services.sign_off(
                final,
                institution=self.institutions[institution],
                decision=decision,
                reservations=note,
                signatory=signatory,
                by=self.users[by],
            )
        return final

    def after_the_workshop(self):
        """The reservation taken into account, sections back in review, open proposals, the annexes begun."""
        self.write("3.6")
        self.status(Section.Status.IN_REVIEW, "3.6", "6.2")
        self.comment(
            "3.6",
            "sous la conduite du Ministère des Affaires étrangères",
            "Reformulation qui répond à la réserve exprimée lors de la validation ; à confirmer par le Cadre de "
            "concertation.",
            "mae",
        )
        self.suggest(
            "3.6",
            "expert_sn",
            "La réintégration réussit mieux lorsque les communes de retour sont associées dès le départ ; c'est un "
            "enseignement récurrent des programmes de réintégration de la région.",
            quote="en lien avec les programmes de développement local",
            replacement="en lien avec les programmes de développement local et avec les communes de retour, qui "
            "désignent un point focal",
        )
        self.suggest(
            "3.6",
            "partner",
            "Les candidats au retour décident mieux lorsqu'ils connaissent l'appui prévu à leur arrivée.",
            after="information complète sur les conditions du retour",
            replacement=" et sur l'aide à la réintégration",
        )
        self.suggest(
            "6.2",
            "expert_fr",
            "Sans ligne budgétaire identifiée, la part de l'État est difficile à suivre et à défendre.",
            after="une part croissante des mesures",
            replacement=", grâce à une ligne budgétaire propre à la stratégie",
        )
        self.comment(
            "6.2",
            "une table ronde des partenaires",
            "Remis en relecture : la date et l'organisation de la table ronde sont à arrêter avec les ministères "
            "concernés.",
            "secretariat",
        )
        self.suggest(
            "5.1",
            "expert_sn",
            "Une année sans situation de référence retarde d'autant la première revue ; six mois suffisent si les "
            "sources sont identifiées dès maintenant.",
            quote="pendant la première année de mise en œuvre",
            replacement="pendant les six premiers mois de mise en œuvre",
        )

        self.build(ANNEX_SECTIONS)
        self.write("7")
        self.write("7.1")
        self.suggest(
            "7.1",
            "partner",
            "Le terme revient souvent dans l'axe 6 ; une définition commune aidera les partenaires à rapporter "
            "de la même façon.",
            after="à la réintégration.",
            replacement="\n- **Personne de retour** : personne revenue dans son pays d'origine après un séjour à "
            "l'étranger, quelle que soit la façon dont le retour a eu lieu.",
        )


def load(*, by=None):
    """Create the demo strategy in the main Niger workspace unless it is there already; returns a line to print."""
    workspace = Workspace.objects.filter(slug=workspace_demo.MAIN_SLUG).first()
    if workspace is None:
        workspace_demo.load(by=by)
        workspace = Workspace.objects.get(slug=workspace_demo.MAIN_SLUG)
    document = Document.objects.filter(workspace=workspace, slug=DOCUMENT_SLUG).first()
    if document is None:
        # Texts the services write themselves (e.g. "suggestion accepted") are in the document's language.
        with transaction.atomic(), override("fr"):
            institutions = _institutions()
            users = _accounts(workspace, institutions, by)
            document, _first, _final = _Story(workspace, users, institutions).tell()
    return [
        _("Drafting demo: “%(title)s”, %(sections)s sections, %(releases)s releases.")
        % {
            "title": document.title,
            "sections": document.sections.count(),
            "releases": document.releases.count(),
        }
    ]
