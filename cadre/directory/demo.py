"""Reference data of the demo: real countries, Niger's regions and named places, real institutions.

Every fact here comes from ../shared/DOMAIN.md; where a fact could not be verified the record says so in
its notes, and nothing unverified is filled in (e.g. a place whose region is unknown has none).
"""

import datetime

from cadre.core.services import change_by

from .models import AdminArea, Country, Institution

COUNTRIES = [
    ("NE", "Niger", "Niger"),
    ("FR", "France", "France"),
    ("BE", "Belgique", "Belgium"),
    ("ES", "Espagne", "Spain"),
    ("SN", "Sénégal", "Senegal"),
    ("DE", "Allemagne", "Germany"),
    ("PL", "Pologne", "Poland"),
    ("ML", "Mali", "Mali"),
    ("DZ", "Algérie", "Algeria"),
    ("LY", "Libye", "Libya"),
    ("BF", "Burkina Faso", "Burkina Faso"),
    ("BJ", "Bénin", "Benin"),
    ("NG", "Nigeria", "Nigeria"),
    ("TD", "Tchad", "Chad"),
    ("LU", "Luxembourg", "Luxembourg"),
    ("IT", "Italie", "Italy"),
    ("CH", "Suisse", "Switzerland"),
]

# ISO 3166-2:NE
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

# (name, region code or None where not verified, neighbouring country)
BORDER_POSTS = [
    ("Assamaka", "NE-1", "DZ"),
    ("Madama", "NE-1", "LY"),
    ("Makalondi", "NE-6", "BF"),
    ("Petel Kolé", "NE-6", "BF"),
    ("Yassan", "NE-6", "ML"),
    ("Gaya", "NE-3", "BJ"),
    ("Birni N'Konni", "NE-5", "NG"),
    ("Eroufa", None, "NG"),
]

# IOM flow-monitoring points, (name, region code, active from)
FLOW_MONITORING_POINTS = [
    ("Arlit", "NE-1", None),
    ("Séguédine", "NE-1", datetime.date(2016, 1, 1)),
    ("Madama", "NE-1", None),
    ("Dan Barto", "NE-7", None),
    ("Magaria", "NE-7", None),
    ("Tahoua", "NE-5", None),
    ("Dan Issa", "NE-4", None),
]

# key, acronym, French name, English name, kind, country, parent key, active from, active to, notes
INSTITUTIONS = [
    ("mi", "", "Ministère de l'Intérieur", "Ministry of Interior", "ministry", "NE", None, None, None, ""),
    (
        "dgecmr",
        "DGEC-M/R",
        "Direction générale de l'état civil, des migrations et des réfugiés",
        "Directorate-General of Civil Status, Migration and Refugees",
        "directorate",
        "NE",
        "mi",
        None,
        None,
        "",
    ),
    (
        "dm",
        "",
        "Direction de la migration",
        "Directorate of Migration",
        "directorate",
        "NE",
        "dgecmr",
        None,
        None,
        "Secrétariat permanent du Cadre de concertation sur la migration.",
    ),
    ("police", "", "Police nationale", "National Police", "security_force", "NE", "mi", None, None, ""),
    (
        "dst",
        "DST",
        "Direction de la surveillance du territoire",
        "Directorate of Territorial Surveillance",
        "security_force",
        "NE",
        "police",
        None,
        None,
        "Police des frontières ; gère le système d'information MIDAS.",
    ),
    ("gendarmerie", "", "Gendarmerie nationale", "National Gendarmerie", "security_force", "NE", None, None, None, ""),
    (
        "garde",
        "GNN",
        "Garde nationale du Niger",
        "National Guard of Niger",
        "security_force",
        "NE",
        None,
        None,
        None,
        "",
    ),
    ("justice", "", "Ministère de la Justice", "Ministry of Justice", "ministry", "NE", None, None, None, ""),
    (
        "anltp",
        "ANLTP/TIM",
        "Agence nationale de lutte contre la traite des personnes et le trafic illicite de migrants",
        "National Agency to Combat Trafficking in Persons and the Illicit Smuggling of Migrants",
        "agency",
        "NE",
        None,
        datetime.date(2010, 12, 16),
        None,
        "Créée par l'ordonnance 2010-86 ; le trafic illicite de migrants est ajouté à son mandat par le "
        "décret 2018-148 du 8 mars 2018. Centre d'accueil des victimes à Zinder.",
    ),
    (
        "hacp",
        "HACP",
        "Haute autorité à la consolidation de la paix",
        "High Authority for Peace Consolidation",
        "agency",
        "NE",
        None,
        None,
        None,
        "",
    ),
    (
        "mae",
        "",
        "Ministère des Affaires étrangères",
        "Ministry of Foreign Affairs",
        "ministry",
        "NE",
        None,
        None,
        None,
        "",
    ),
    (
        "mjs",
        "",
        "Ministère de la Jeunesse et des Sports",
        "Ministry of Youth and Sports",
        "ministry",
        "NE",
        None,
        None,
        None,
        "",
    ),
    (
        "mah",
        "",
        "Ministère chargé de l'action humanitaire",
        "Ministry in charge of humanitarian action",
        "ministry",
        "NE",
        None,
        None,
        None,
        "Intitulé exact actuel non vérifié.",
    ),
    (
        "eci",
        "ECI",
        "Équipe conjointe d'investigation contre les réseaux de trafic de migrants",
        "Joint Investigation Team against smuggling networks",
        "security_force",
        "NE",
        None,
        None,
        None,
        "Appuyée par la FIIAPP (Espagne).",
    ),
    (
        "ccm",
        "",
        "Cadre de concertation sur la migration",
        "Consultation Framework on Migration",
        "committee",
        "NE",
        None,
        datetime.date(2016, 5, 2),
        None,
        "Créé par arrêté conjoint du 2 mai 2016 ; présidé par le ministre de l'Intérieur, vice-présidé par le "
        "ministre de la Justice ; premier rapporteur : le responsable de l'ANLTP/TIM.",
    ),
    ("graspi", "GRASPI", "GRASPI", "GRASPI", "ngo", "NE", None, None, None, ""),
    (
        "eu",
        "",
        "Délégation de l'Union européenne au Niger",
        "Delegation of the European Union to Niger",
        "diplomatic_mission",
        None,
        None,
        None,
        None,
        "",
    ),
    (
        "eucap",
        "EUCAP Sahel Niger",
        "EUCAP Sahel Niger",
        "EUCAP Sahel Niger",
        "international_organisation",
        None,
        None,
        None,
        datetime.date(2024, 6, 30),
        "Active sur la migration à partir de 2016 ; mission close le 30 juin 2024.",
    ),
    (
        "iom",
        "OIM",
        "Organisation internationale pour les migrations",
        "International Organization for Migration",
        "international_organisation",
        None,
        None,
        None,
        None,
        "",
    ),
    (
        "unhcr",
        "HCR",
        "Haut Commissariat des Nations unies pour les réfugiés",
        "Office of the United Nations High Commissioner for Refugees",
        "international_organisation",
        None,
        None,
        None,
        None,
        "",
    ),
    (
        "unodc",
        "ONUDC",
        "Office des Nations unies contre la drogue et le crime",
        "United Nations Office on Drugs and Crime",
        "international_organisation",
        None,
        None,
        None,
        None,
        "",
    ),
    (
        "icmpd",
        "ICMPD",
        "Centre international pour le développement des politiques migratoires",
        "International Centre for Migration Policy Development",
        "international_organisation",
        None,
        None,
        None,
        None,
        "Met en œuvre la facilité MIEUX.",
    ),
    (
        "giz",
        "GIZ",
        "Deutsche Gesellschaft für Internationale Zusammenarbeit",
        "Deutsche Gesellschaft für Internationale Zusammenarbeit",
        "donor",
        "DE",
        None,
        None,
        None,
        "",
    ),
    (
        "afd",
        "AFD",
        "Agence française de développement",
        "French Development Agency",
        "donor",
        "FR",
        None,
        None,
        None,
        "",
    ),
    (
        "enabel",
        "Enabel",
        "Enabel, agence belge de développement",
        "Enabel, Belgian development agency",
        "donor",
        "BE",
        None,
        None,
        None,
        "",
    ),
    (
        "luxdev",
        "LuxDev",
        "Agence luxembourgeoise pour la coopération au développement",
        "Luxembourg Agency for Development Cooperation",
        "donor",
        "LU",
        None,
        None,
        None,
        "",
    ),
    (
        "aics",
        "AICS",
        "Agence italienne pour la coopération au développement",
        "Italian Agency for Development Cooperation",
        "donor",
        "IT",
        None,
        None,
        None,
        "",
    ),
    (
        "fiiapp",
        "FIIAPP",
        "Fondation internationale et pour l'Ibéro-Amérique d'administration et de politiques publiques",
        "International and Ibero-American Foundation for Administration and Public Policies",
        "donor",
        "ES",
        None,
        None,
        None,
        "",
    ),
    ("civipol", "Civipol", "Civipol", "Civipol", "donor", "FR", None, None, None, ""),
    ("ch", "DDC", "Coopération suisse", "Swiss cooperation", "donor", "CH", None, None, None, ""),
]


def load_reference_data(*, by=None) -> dict:
    """Create or update the reference data; returns {key: Institution}. Safe to run again."""
    with change_by(by):
        countries = {}
        for code, name_fr, name_en in COUNTRIES:
            countries[code], _created = Country.objects.update_or_create(
                code=code, defaults={"name_fr": name_fr, "name_en": name_en}
            )
        niger = countries["NE"]
        regions = {}
        for code, name in REGIONS:
            regions[code], _created = AdminArea.objects.update_or_create(
                country=niger, code=code, defaults={"kind": AdminArea.Kind.REGION, "name": name}
            )
        for name, region, neighbour in BORDER_POSTS:
            AdminArea.objects.update_or_create(
                country=niger,
                kind=AdminArea.Kind.BORDER_POST,
                name=name,
                defaults={"region": regions.get(region), "borders": countries[neighbour]},
            )
        for name, region, active_from in FLOW_MONITORING_POINTS:
            AdminArea.objects.update_or_create(
                country=niger,
                kind=AdminArea.Kind.FLOW_MONITORING_POINT,
                name=name,
                defaults={"region": regions[region], "active_from": active_from},
            )
        institutions = {}
        for key, acronym, name_fr, name_en, kind, country, parent, active_from, active_to, notes in INSTITUTIONS:
            institutions[key], _created = Institution.objects.update_or_create(
                name_fr=name_fr,
                defaults={
                    "acronym": acronym,
                    "name_en": name_en,
                    "kind": kind,
                    "country": countries[country] if country else None,
                    "parent": institutions[parent] if parent else None,
                    "active_from": active_from,
                    "active_to": active_to,
                    "notes": notes,
                },
            )
    return {"countries": countries, "institutions": institutions, "regions": regions}
