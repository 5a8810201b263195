"""Role × page matrix for the monitoring pages, and query counts of their lists.

Everyone in the workspace reads rounds, the IPTT, the action-status summary and the narrative report; the
secretariat opens and closes rounds and validates; members and partners report for their own institution.
"""

from datetime import date

import pytest
from django.urls import reverse

from cadre.planning.models import ActionReport, Measurement

from ..core.helpers import db_snapshot, french
from .factories import ActionFactory, IndicatorFactory
from .test_rounds import open_round

COLUMNS = ["secretariat", "member", "expert", "partner", "observer", "outsider", "anonymous"]
LOGIN = "sign-in"
READ = {"GET": (200, 200, 200, 200, 200, 404, LOGIN)}
EDIT = {"GET": (200, 403, 403, 403, 403, 404, LOGIN), "POST": (302, 403, 403, 403, 403, 404, LOGIN)}
POST_ONLY_SECRETARIAT = {"GET": (405, 405, 405, 405, 405, 405, LOGIN), "POST": (302, 403, 403, 403, 403, 404, LOGIN)}
MATRIX = {
    "rounds": READ,
    "round": READ,
    "iptt": READ,
    "iptt_xlsx": READ,
    "action_summary": READ,
    "narrative_docx": READ,
    "round_create": EDIT,
    "round_edit": EDIT,
    "round_status": POST_ONLY_SECRETARIAT,
    "round_report": {"GET": (200, 200, 403, 200, 403, 404, LOGIN)},
    "report_indicator": {  # the personas' institution is responsible for `own_indicator`
        "GET": (405, 405, 405, 405, 405, 405, LOGIN),
        "POST": (302, 302, 403, 302, 403, 404, LOGIN),
    },
    "report_indicator_other": {"POST": (302, 403, 403, 403, 403, 404, LOGIN)},
    "report_action": {"POST": (302, 302, 403, 302, 403, 404, LOGIN)},
    "report_action_other": {"POST": (302, 403, 403, 403, 403, 404, LOGIN)},
    "measurement_decide": POST_ONLY_SECRETARIAT,
    "action_report_decide": POST_ONLY_SECRETARIAT,
    "round_call": POST_ONLY_SECRETARIAT,  # e-mails the focal points (test_round_notices)
    "round_remind": POST_ONLY_SECRETARIAT,
}


@pytest.fixture
def monitored(world, planned):
    round_ = open_round(planned)
    measurement = Measurement.objects.create(
        indicator=planned.own_indicator,
        round=round_,
        period_start=round_.period_start,
        period_end=round_.period_end,
        value=3,
        status="submitted",
    )
    report = ActionReport.objects.create(round=round_, action=planned.own_action, status="ongoing")
    return round_, measurement, report


def _url(world, planned, monitored, name):
    round_, measurement, report = monitored
    base = [world.workspace.slug, planned.plan.slug]
    args = {
        "round": [round_.pk],
        "round_edit": [round_.pk],
        "round_status": [round_.pk],
        "round_report": [round_.pk],
        "round_call": [round_.pk],
        "round_remind": [round_.pk],
        "narrative_docx": [round_.pk],
        "report_indicator": [round_.pk, planned.own_indicator.pk],
        "report_indicator_other": [round_.pk, planned.other_indicator.pk],
        "report_action": [round_.pk, planned.own_action.pk],
        "report_action_other": [round_.pk, planned.other_action.pk],
        "measurement_decide": [round_.pk, measurement.pk],
        "action_report_decide": [round_.pk, report.pk],
    }.get(name, [])
    return reverse(f"planning:{name.replace('_other', '')}", args=base + args)


def _payload(planned, name):
    if name == "round_create":
        return {"title_fr": "Rapport 2019", "period_start": "2019-01-01", "period_end": "2019-12-31"}
    if name == "round_edit":  # values are reported for the round: its period stays (see test_review)
        return {"title_fr": "Rapport 2018 révisé", "period_start": "2018-01-01", "period_end": "2018-12-31"}
    if name == "round_status":
        return {"status": "closed"}
    if name.startswith("report_indicator"):
        indicator = planned.other_indicator if name.endswith("other") else planned.own_indicator
        return {f"i{indicator.pk}-value": "7", f"i{indicator.pk}-evidence": "Registre", "submit": "1"}
    if name.startswith("report_action"):
        action = planned.other_action if name.endswith("other") else planned.own_action
        return {f"a{action.pk}-status": "completed", f"a{action.pk}-progress": "Fait"}
    if name in ("measurement_decide", "action_report_decide"):
        return {"decision": "validate"}
    return {}


def _status(response):
    if response.status_code == 302 and response.url.startswith(reverse("accounts:login")):
        return LOGIN
    return response.status_code


def test_monitoring_matrix_covers_every_monitoring_page():
    from cadre.planning import urls_monitoring

    names = {p.name for p in urls_monitoring.urlpatterns}
    assert names == {name.replace("_other", "") for name in MATRIX}


@pytest.mark.parametrize("name", [name for name, rows in MATRIX.items() if "GET" in rows])
def test_monitoring_page_get_gives_each_role_its_status(world, planned, monitored, name):
    url = _url(world, planned, monitored, name)
    actual = {}
    for persona in COLUMNS:
        response = world.client(persona).get(url)
        actual[persona] = _status(response)
        if response.status_code == 404:
            assert planned.plan.title_fr not in response.content.decode()
        if response.status_code == 403:
            assert f"<h1>{french('Not allowed')}</h1>" in response.content.decode()
    assert actual == dict(zip(COLUMNS, MATRIX[name]["GET"], strict=True))


@pytest.mark.parametrize("name", [name for name, rows in MATRIX.items() if "POST" in rows])
def test_monitoring_page_post_gives_each_role_its_status_and_refusals_change_nothing(world, planned, monitored, name):
    url = _url(world, planned, monitored, name)
    expected = dict(zip(COLUMNS, MATRIX[name]["POST"], strict=True))
    if name == "round_remind":  # someone late to remind: an indicator of the personas' institution with no value
        IndicatorFactory(
            workspace=world.workspace,
            plan=planned.plan,
            objective=planned.result,
            responsible_institution=world.institution,
        )
    actual = {}
    for persona in sorted(COLUMNS, key=lambda p: expected[p] == 302):
        client = world.client(persona)
        before = db_snapshot()
        response = client.post(url, _payload(planned, name))
        actual[persona] = _status(response)
        if actual[persona] == 302 and persona != "anonymous":
            assert db_snapshot() != before, f"{persona}'s accepted POST changed nothing"
        else:
            assert db_snapshot() == before, f"{persona}'s refused POST changed the database"
    assert actual == expected


# --- query counts: one row vs many -----------------------------------------------------------------------


def _grow(world, planned, round_, count):
    for _n in range(count):
        indicator = IndicatorFactory(
            workspace=world.workspace,
            plan=planned.plan,
            objective=planned.result,
            responsible_institution=world.institution,
        )
        Measurement.objects.create(
            indicator=indicator,
            round=round_,
            period_start=round_.period_start,
            period_end=round_.period_end,
            value=1,
            status="submitted",
            comment="Note",
        )
        action = ActionFactory(plan=planned.plan, result=planned.result, lead_institution=world.institution)
        ActionReport.objects.create(round=round_, action=action, status="ongoing", progress="En cours", validated=True)
    open_round(planned, title_fr=f"Tour {count}", period_start=date(2017, 1, 1), period_end=date(2017, 12, 31))


@pytest.mark.parametrize(
    ("name", "persona"),
    [
        ("rounds", "observer"),
        ("round", "secretariat"),
        ("round_report", "member"),
        ("round_report", "secretariat"),
        ("action_summary", "observer"),
        ("narrative_docx", "observer"),
        ("iptt_xlsx", "observer"),
    ],
)
def test_monitoring_list_query_count_does_not_grow_with_rows(
    world, planned, monitored, name, persona, django_assert_max_num_queries
):
    client = world.client(persona)
    url = _url(world, planned, monitored, name)
    with django_assert_max_num_queries(40) as few:
        assert client.get(url).status_code == 200
    _grow(world, planned, monitored[0], 5)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200
