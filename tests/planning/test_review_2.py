"""Review of the disaggregated reporting, the background results import and the deletion pages: each test is a
defect found in review (it failed before its fix)."""

import io
from datetime import date
from decimal import Decimal
from urllib.parse import urlencode

import openpyxl
import pytest
from django.urls import reverse

from cadre.planning import monitoring
from cadre.planning.models import Breakdown, Measurement

from ..core.helpers import db_snapshot, element_text, french, text_of
from ..factories import CountryFactory
from .test_rounds import open_round, round_url

ISO = [f"{a}{b}" for a in "ABCDEFGH" for b in "ABCDEFGHIJ"]  # 80 made-up country codes


@pytest.fixture
def round_(planned):
    return open_round(planned)


@pytest.fixture
def split(planned):
    """The personas' indicator, a number disaggregated by sex and nationality."""
    indicator = planned.own_indicator
    indicator.disaggregation = ["sex", "nationality"]
    indicator.save()
    return indicator


def _post(world, planned, round_, persona, indicator, value, parts=None, submit="1", extra=None):
    data = {f"i{indicator.pk}-value": value, f"i{indicator.pk}-evidence": "Liste", "submit": submit}
    data.update({f"b{indicator.pk}-{name}": part for name, part in (parts or {}).items()})
    data.update(extra or {})
    url = round_url(world, planned, "report_indicator", round_, indicator.pk)
    client = world.clients[persona] if hasattr(world, "clients") else world.client(persona)
    return client.post(url, urlencode(data), content_type="application/x-www-form-urlencoded")


def _nationalities(count, start=0):
    parts = {}
    for number in range(count):
        parts[f"nationality-country-{number}"] = ISO[start + number]
        parts[f"nationality-value-{number}"] = "1"
    return parts


# --- the breakdown form ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("saved", [28, 30])
def test_a_value_with_28_to_30_nationalities_can_be_saved_again(world, planned, round_, split, saved):
    for code in ISO[:31]:
        CountryFactory(code=code, name_fr=code, name_en=code)
    assert _post(world, planned, round_, "member", split, "100", _nationalities(saved), submit="0").status_code == 302
    # The page offers at most 30 rows; the focal point sends them back with only the total changed.
    page = world.client("member").get(round_url(world, planned, "round_report", round_)).content.decode()
    assert f'name="b{split.pk}-nationality-country-29"' in page
    assert f'name="b{split.pk}-nationality-country-30"' not in page
    rows = {f"nationality-country-{n}": "" for n in range(30)} | {f"nationality-value-{n}": "" for n in range(30)}
    response = _post(world, planned, round_, "member", split, "120", rows | _nationalities(saved))
    assert response.status_code == 302
    assert Measurement.objects.get(indicator=split).value == Decimal(120)
    assert Breakdown.objects.filter(dimension="nationality").count() == saved


@pytest.mark.parametrize("number", ["²", "9" * 5000, "١٢"])
def test_a_strange_nationality_row_number_is_refused_or_ignored_not_a_500(world, planned, round_, split, number):
    world.clients = {"member": world.client("member")}  # signing in writes to the database
    before = db_snapshot()
    extra = {f"b{split.pk}-nationality-value-{number}": "3"}
    response = _post(world, planned, round_, "member", split, "10", extra=extra)
    assert response.status_code in (302, 400)
    if response.status_code == 400:
        assert db_snapshot() == before


# --- the narrative report and the IPTT workbook ------------------------------------------------------------------


def test_the_narrative_report_leaves_out_the_comment_of_a_draft(world, planned, round_, split):
    import docx

    _post(
        world, planned, round_, "member", split, "200", extra={f"i{split.pk}-comment": "Brouillon à revoir"}, submit="0"
    )
    assert Measurement.objects.get(indicator=split).status == Measurement.Status.DRAFT
    response = world.client("observer").get(round_url(world, planned, "narrative_docx", round_))
    assert response.status_code == 200
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs)
    assert "Brouillon" not in text
    # Once submitted, the comment is part of the round's record.
    _post(world, planned, round_, "member", split, "200", extra={f"i{split.pk}-comment": "Chiffre soumis"})
    response = world.client("observer").get(round_url(world, planned, "narrative_docx", round_))
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs)
    assert "Chiffre soumis" in text


def test_iptt_workbook_never_writes_an_indicator_code_as_a_formula(world, planned, round_, split):
    split.code = "=1+2"
    split.save()
    _post(world, planned, round_, "member", split, "200", {"sex-female": "120"})
    monitoring.validate_measurement(Measurement.objects.get(indicator=split), by=world.users["secretariat"])
    response = world.client("observer").get(
        reverse("planning:iptt_xlsx", args=[world.workspace.slug, planned.plan.slug])
    )
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    cells = [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    assert "'=1+2" in [cell.value for cell in workbook.worksheets[1]["A"]]


# --- who reported a value --------------------------------------------------------------------------------------


def test_a_secretariat_reporter_is_not_named_to_the_institution_it_reported_for(world, planned, round_):
    """The reporter's name goes to the secretariat and the reporter's own institution, not to every member of the
    institution responsible for the indicator when somebody else (the secretariat) reported for it."""
    from cadre.workspaces.roles import Role

    from ..factories import MembershipFactory, UserFactory

    police_member = UserFactory(full_name="Agent Police-Membre")
    MembershipFactory(
        user=police_member, workspace=world.workspace, role=Role.MEMBER, institution=planned.other_institution
    )
    secretariat = world.users["secretariat"]
    membership = world.workspace.memberships.get(user=secretariat)
    monitoring.report_measurement(
        round_, planned.other_indicator, membership=membership, by=secretariat, value=Decimal(12)
    )
    client = world.client("member")
    client.force_login(police_member)
    page = client.get(round_url(world, planned, "round", round_)).content.decode()
    cell = element_text(page, f"value-{Measurement.objects.get(indicator=planned.other_indicator).pk}")
    assert "12" in cell
    assert secretariat.get_short_name() not in cell
    # The secretariat, and the reporter's own institution, still see the name.
    for persona in ("secretariat", "member"):
        page = world.client(persona).get(round_url(world, planned, "round", round_)).content.decode()
        assert secretariat.get_short_name() in page, persona


# --- a dimension the indicator no longer declares ------------------------------------------------------------------


def test_parts_of_a_dimension_dropped_from_the_indicator_go_with_the_next_report(world, planned, round_, split):
    """The secretariat stops disaggregating by sex; the focal point then corrects the total: the old parts by sex,
    which nobody can see in the form nor check against the new total, do not stay beside it (20 women of 5)."""
    _post(world, planned, round_, "member", split, "220", {"sex-female": "20", "sex-male": "10"})
    split.disaggregation = ["nationality"]
    split.save()
    assert _post(world, planned, round_, "member", split, "5").status_code == 302
    measurement = Measurement.objects.get(indicator=split)
    assert measurement.value == Decimal(5)
    assert not measurement.breakdown.exists()


def test_parts_of_a_dropped_dimension_stay_with_a_validated_value(world, planned, round_, split):
    _post(world, planned, round_, "member", split, "220", {"sex-female": "20"})
    measurement = Measurement.objects.get(indicator=split)
    monitoring.validate_measurement(measurement, by=world.users["secretariat"])
    split.disaggregation = []
    split.save()
    assert _post(world, planned, round_, "member", split, "5").status_code == 400
    assert measurement.breakdown.count() == 1


# --- found after the review: the type of a reported indicator, the admin ------------------------------------------


def test_the_type_of_an_indicator_with_reported_values_cannot_change(world, planned):
    from .test_access_indicators import indicator_payload

    indicator = planned.own_indicator
    Measurement.objects.create(
        indicator=indicator, period_start=date(2018, 1, 1), period_end=date(2018, 12, 31), value=Decimal(40)
    )
    client = world.client("secretariat")
    url = reverse("planning:indicator_edit", args=[world.workspace.slug, planned.plan.slug, indicator.pk])
    before = db_snapshot()
    response = client.post(url, indicator_payload(planned, code=indicator.code, kind="percentage"))
    assert response.status_code == 400
    message = "Values were reported for this indicator: its type can no longer change. Create another indicator."
    assert french(message) in text_of(response)
    assert db_snapshot() == before
    # Without values, it can.
    Measurement.objects.filter(indicator=indicator).delete()
    response = client.post(url, indicator_payload(planned, code=indicator.code, kind="percentage"))
    assert response.status_code == 302


def test_the_admin_cannot_change_or_delete_a_validated_value(world, planned):
    from django.contrib.admin.sites import site

    from ..factories import UserFactory

    measurement = Measurement.objects.create(
        indicator=planned.own_indicator,
        period_start=date(2018, 1, 1),
        period_end=date(2018, 12, 31),
        value=Decimal(40),
        status=Measurement.Status.VALIDATED,
    )
    admin = site._registry[Measurement]
    request = type("Request", (), {"user": UserFactory(is_staff=True, is_superuser=True)})()
    assert {"value", "status", "value_text"} <= set(admin.get_readonly_fields(request, measurement))
    assert not admin.has_delete_permission(request, measurement)
    measurement.status = Measurement.Status.REOPENED
    assert "value" not in admin.get_readonly_fields(request, measurement)


def test_the_tree_escapes_what_its_action_rows_show(world, planned):
    """The action rows of the tree are written in Python (views/plans.py: _action_rows), not by the template."""
    planned.own_action.title_fr = '<script>alert("x")</script> & « former »'
    planned.own_action.code = '1.1.1.1"><b>'
    planned.own_action.save()
    page = world.client("observer").get(reverse("planning:plan", args=[world.workspace.slug, planned.plan.slug]))
    html = page.content.decode()
    assert "<script>alert" not in html and '"><b>' not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; « former »" in html
    assert f'href="/w/{world.workspace.slug}/plan/{planned.plan.slug}/a/{planned.own_action.pk}/"' in html
