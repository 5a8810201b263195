"""Fixtures and files for the import tests: spreadsheets in the shapes people send, IATI files, hostile XML.

A test module imports a fixture by its function name (`media_fixture`) and uses it by its name (`media`).
"""

import io
from pathlib import Path

import openpyxl
import pytest
from django.test import override_settings
from lxml import etree

from cadre.directory.models import AdminArea

DATA = Path("/work/shared/data")
EUTF_PROJECTS = DATA / "eutf" / "eutf_projects_niger.csv"
IATI_DIR = DATA / "iati"
IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
REGIONS = {
    "NE-1": "Agadez",
    "NE-2": "Diffa",
    "NE-3": "Dosso",
    "NE-4": "Maradi",
    "NE-5": "Tahoua",
    "NE-6": "Tillabéri",
    "NE-7": "Zinder",
    "NE-8": "Niamey",
}


@pytest.fixture(name="media")
def media_fixture(settings, tmp_path):
    """Uploads are stored under a scratch MEDIA_ROOT; returns the imports directory."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return tmp_path / "media" / "imports"


@pytest.fixture(name="immediate_tasks")
def immediate_tasks_fixture():
    with override_settings(TASKS=IMMEDIATE_TASKS):
        yield


@pytest.fixture(name="regions")
def regions_fixture(world):
    """Niger's eight regions in the personas' workspace country."""
    country = world.workspace.country
    return {
        code: AdminArea.objects.get_or_create(country=country, kind="region", code=code, defaults={"name": name})[0]
        for code, name in REGIONS.items()
    }


def write(tmp_path, name, content) -> Path:
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


# A spreadsheet as a ministry sends it: French headings, `;` between cells, decimal commas, spaces between
# thousands, dates dd/mm/yyyy, region names, several institutions in one cell.
FRENCH_HEADINGS = [
    "Code projet",
    "Intitulé du projet",
    "Statut",
    "Date de début",
    "Date de fin",
    "Montant",
    "Devise",
    "Bailleurs",
    "Mis en œuvre par",
    "Régions",
]
FRENCH_ROWS = [
    [
        "MI-2017-01",
        "Appui à la police des frontières à Agadez",
        "En cours",
        "01/03/2017",
        "31/12/2019",
        "1 250 000,50",
        "EUR",
        "Union européenne",
        "Direction de la surveillance du territoire; OIM",
        "Agadez",
    ],
    [
        "MI-2017-02",
        "Sensibilisation des jeunes à Tillabéri et Tahoua",
        "",
        "2017-06-01",
        "NULL",
        "7e+06",
        "",
        "Coopération suisse / GIZ",
        "GRASPI",
        "tillaberi, NE-5",
    ],
    [
        "MI-2018-03",
        "Retour volontaire et réintégration",
        "terminé",
        "15/01/2018",
        "15/01/2020",
        "",
        "XOF",
        "",
        "OIM\nHCR",
        "Niger",
    ],
]


def csv_text(headings=FRENCH_HEADINGS, rows=FRENCH_ROWS, separator=";") -> str:
    out = io.StringIO()
    import csv

    writer = csv.writer(out, delimiter=separator, lineterminator="\r\n")
    writer.writerow(headings)
    writer.writerows(rows)
    return out.getvalue()


def xlsx_bytes(headings, rows) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(headings)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


IATI_203 = """<?xml version="1.0" encoding="UTF-8"?>
<iati-activities version="2.03" generated-datetime="2021-12-01T00:00:00Z">
  <iati-activity last-updated-datetime="2021-12-01T00:00:00Z" xml:lang="fr" default-currency="EUR">
    <iati-identifier>XI-IATI-EC_INTPA-T05-EUTF-SAH-NE-01</iati-identifier>
    <reporting-org ref="XI-IATI-EC_INTPA" type="10"><narrative>Commission européenne</narrative></reporting-org>
    <title>
      <narrative>Mécanisme de réponse et de ressources pour les migrants</narrative>
      <narrative xml:lang="en">Response and resource mechanism for migrants</narrative>
    </title>
    <description type="1">
      <narrative>Assistance aux migrants en transit à Agadez.</narrative>
      <narrative xml:lang="en">Assistance to migrants in transit in Agadez.</narrative>
    </description>
    <participating-org ref="XI-IATI-EC_INTPA" role="1" type="10">
      <narrative>Union européenne</narrative>
    </participating-org>
    <participating-org role="2" type="10"><narrative xml:lang="en">EU Delegation Niger</narrative></participating-org>
    <participating-org ref="XM-DAC-47066" role="4" type="40">
      <narrative xml:lang="en">International Organization for Migration</narrative>
      <narrative>Organisation internationale pour les migrations</narrative>
    </participating-org>
    <activity-status code="2"/>
    <activity-date iso-date="2016-08-04" type="1"/>
    <activity-date iso-date="2016-09-01" type="2"/>
    <activity-date iso-date="2019-08-04" type="3"/>
    <recipient-country code="NE" percentage="100"/>
    <location>
      <name><narrative>Agadez</narrative></name>
      <administrative vocabulary="G1" level="1" code="NE-1"/>
    </location>
    <location>
      <name><narrative>Tillabéri</narrative></name>
    </location>
    <sector vocabulary="1" code="15190" percentage="70"/>
    <sector vocabulary="1" code="15136" percentage="30"/>
    <budget type="1" status="1">
      <period-start iso-date="2016-08-04"/>
      <period-end iso-date="2017-12-31"/>
      <value currency="EUR" value-date="2016-08-04">4000000</value>
    </budget>
    <budget type="1" status="1">
      <period-start iso-date="2018-01-01"/>
      <period-end iso-date="2019-08-04"/>
      <value currency="EUR" value-date="2018-01-01">3000000.50</value>
    </budget>
    <budget type="2" status="1">
      <period-start iso-date="2018-01-01"/>
      <period-end iso-date="2019-08-04"/>
      <value currency="EUR" value-date="2018-06-01">9999999</value>
    </budget>
  </iati-activity>
  <iati-activity last-updated-datetime="2021-12-01T00:00:00Z" xml:lang="en" default-currency="EUR">
    <iati-identifier>XI-IATI-EC_INTPA-T05-EUTF-SAH-REG-01</iati-identifier>
    <reporting-org ref="XI-IATI-EC_INTPA" type="10"><narrative>European Commission</narrative></reporting-org>
    <title><narrative>Support to the G5 Sahel</narrative></title>
    <description><narrative>Security cooperation of the five G5 Sahel states.</narrative></description>
    <participating-org role="1"><narrative>EU Trust Fund for Africa</narrative></participating-org>
    <participating-org role="4"><narrative>Civipol</narrative></participating-org>
    <activity-status code="4"/>
    <activity-date iso-date="2017-01-01" type="1"/>
    <activity-date iso-date="2020-12-31" type="4"/>
    <recipient-country code="NE" percentage="40"/>
    <recipient-country code="ML" percentage="60"/>
    <sector vocabulary="2" code="152"/>
    <budget type="1">
      <period-start iso-date="2017-01-01"/>
      <period-end iso-date="2020-12-31"/>
      <value value-date="2017-01-01">15000000</value>
    </budget>
  </iati-activity>
  <iati-activity last-updated-datetime="2021-12-01T00:00:00Z" default-currency="XOF">
    <iati-identifier>XI-IATI-EC_INTPA-T05-EUTF-SAH-NE-01-01</iati-identifier>
    <reporting-org ref="XI-IATI-EC_INTPA" type="10"><narrative>Commission européenne</narrative></reporting-org>
    <title><narrative>Contrat OIM</narrative></title>
    <description><narrative>Mise en œuvre par l'OIM.</narrative></description>
    <participating-org role="4"><narrative>OIM</narrative></participating-org>
    <activity-status code="6"/>
    <activity-date iso-date="2016-08-04" type="1"/>
    <recipient-country code="NE"/>
    <budget>
      <period-start iso-date="2016-08-04"/>
      <period-end iso-date="2017-08-04"/>
      <value value-date="2016-08-04">500000000</value>
    </budget>
    <related-activity ref="XI-IATI-EC_INTPA-T05-EUTF-SAH-NE-01" type="1"/>
  </iati-activity>
</iati-activities>
"""

# The same kind of file in version 1.03: text instead of narratives, roles and date types as words.
IATI_103 = """<?xml version="1.0" encoding="UTF-8"?>
<iati-activities version="1.03" xml:lang="en">
  <iati-activity default-currency="EUR" xml:lang="en">
    <iati-identifier>GB-1-203456</iati-identifier>
    <reporting-org ref="GB-1" type="10">Department for International Development</reporting-org>
    <title>Migration and protection in Niger</title>
    <title xml:lang="fr">Migration et protection au Niger</title>
    <description>Protection of vulnerable migrants in Zinder.</description>
    <participating-org role="Funding" ref="GB-1" type="10">Department for International Development</participating-org>
    <participating-org role="Implementing" type="21">Save the Children</participating-org>
    <activity-status code="2">Implementation</activity-status>
    <activity-date type="start-planned" iso-date="2015-04-01"/>
    <activity-date type="end-planned" iso-date="2018-03-31">31 March 2018</activity-date>
    <recipient-country code="NE" percentage="100">Niger</recipient-country>
    <location>
      <name>Zinder</name>
      <administrative country="NE" adm1="NE-7">Zinder</administrative>
    </location>
    <sector vocabulary="DAC" code="15190" percentage="100">Facilitation of migration</sector>
    <budget type="1">
      <period-start iso-date="2015-04-01"/>
      <period-end iso-date="2018-03-31"/>
      <value currency="GBP" value-date="2015-04-01">2500000</value>
    </budget>
  </iati-activity>
</iati-activities>
"""

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<iati-activities version="2.03">
  <iati-activity>
    <iati-identifier>XX-LOL</iati-identifier>
    <title><narrative>&lol9;</narrative></title>
    <participating-org role="1"><narrative>Lol</narrative></participating-org>
  </iati-activity>
</iati-activities>
"""

EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE iati-activities [ <!ENTITY secret SYSTEM "file:///etc/passwd"> ]>
<iati-activities version="2.03">
  <iati-activity>
    <iati-identifier>XX-XXE</iati-identifier>
    <title><narrative>&secret;</narrative></title>
    <participating-org role="1"><narrative>Someone</narrative></participating-org>
  </iati-activity>
</iati-activities>
"""

EXTERNAL_DTD = """<?xml version="1.0"?>
<!DOCTYPE iati-activities SYSTEM "http://example.org/evil.dtd">
<iati-activities version="2.03">
  <iati-activity><iati-identifier>XX-DTD</iati-identifier></iati-activity>
</iati-activities>
"""

MALFORMED = """<?xml version="1.0"?>
<iati-activities version="2.03">
  <iati-activity>
    <iati-identifier>XX-1</iati-identifier>
    <title><narrative>Unclosed</title>
  </iati-activity>
</iati-activities>
"""


def iati_schema():
    return etree.XMLSchema(etree.parse(str(IATI_DIR / "iati-activities-schema.xsd")))
