"""export_interventions: the same exports as the web page, from the command line."""

import csv
import io

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from lxml import etree

from cadre.mapping.exports import validate_iati
from cadre.mapping.models import Intervention

from .test_export_data import build_mapping


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def mapping(world):
    return build_mapping(world)


def _run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("export_interventions", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_export_interventions_writes_each_format(world, mapping, tmp_path):
    for fmt, name in (("iati", "list.xml"), ("csv", "list.csv"), ("xlsx", "list.xlsx")):
        target = tmp_path / name
        output, errors = _run("niger", "--format", fmt, "-o", str(target))
        assert output.count("\n") == 1 and str(target) in output and "3 interventions" in output
        assert errors == ""
        data = target.read_bytes()
        if fmt == "iati":
            assert validate_iati(data) == []
            assert len(etree.fromstring(data).findall("iati-activity")) == 3
        elif fmt == "csv":
            assert len(list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))) == 4
        else:
            assert openpyxl.load_workbook(io.BytesIO(data)).active.max_row == 4


def test_export_interventions_filters_by_status_and_theme(world, mapping, tmp_path):
    target = tmp_path / "done.csv"
    output, _errors = _run("niger", "--format", "csv", "-o", str(target), "--status", "completed")
    assert "1 intervention exported" in output
    rows = list(csv.reader(io.StringIO(target.read_bytes().decode("utf-8-sig"))))
    assert [row[1] for row in rows[1:]] == [mapping.rich.iati_identifier]
    output, _errors = _run("niger", "--format", "iati", "-o", str(target), "--theme", "protection")
    identifiers = [a.findtext("iati-identifier") for a in etree.fromstring(target.read_bytes()).iter("iati-activity")]
    assert identifiers == [mapping.rich.iati_identifier]


def test_export_interventions_names_what_iati_left_out(world, mapping, tmp_path):
    lonely = Intervention.objects.create(workspace=world.workspace, title_fr="Sans acteur", planned_start="2017-01-01")
    output, errors = _run("niger", "--format", "iati", "-o", str(tmp_path / "x.xml"))
    assert "3 interventions" in output
    assert f"XM-CADRE-niger-{lonely.pk}" in errors and "no institution" in errors


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nowhere", "--format", "csv"], "no workspace"),
        (["niger", "--format", "pdf"], "Unknown export format"),
        (["niger", "--format", "csv", "--theme", "nope"], "no theme"),
        (["niger", "--format", "csv", "--status", "dreaming"], "invalid choice"),
    ],
)
def test_export_interventions_refuses_bad_arguments(world, mapping, tmp_path, args, message):
    target = tmp_path / "out.csv"
    with pytest.raises(CommandError, match=message):
        _run(*args, "-o", str(target))
    assert not target.exists()


def test_export_interventions_says_when_it_cannot_write(world, mapping, tmp_path):
    with pytest.raises(CommandError, match="Cannot write"):
        _run("niger", "--format", "csv", "-o", str(tmp_path / "missing" / "out.csv"))
    with pytest.raises(CommandError, match="Cannot write"):
        _run("niger", "--format", "csv", "-o", str(tmp_path))


def test_export_interventions_refuses_an_empty_iati_file(world, tmp_path):
    with pytest.raises(CommandError, match="at least one"):
        _run("niger", "--format", "iati", "-o", str(tmp_path / "x.xml"))
    assert not (tmp_path / "x.xml").exists()
