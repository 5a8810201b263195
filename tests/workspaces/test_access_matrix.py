"""Role × page matrix: every URL of cadre/workspaces/urls.py, for every persona, GET and (for write views) POST.

Columns are the personas of conftest.py plus an anonymous visitor. A refused POST must leave the database
exactly as it was (every table of Cadre, the audit trail included) and send no e-mail.
"""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from cadre.core.models import AuditEvent
from cadre.workspaces import urls as workspace_urls
from cadre.workspaces.models import ExpectedResult, Expert, Membership, Theme, WorkplanActivity, Workspace
from cadre.workspaces.roles import CAPABILITIES, Role

from ..conftest import PERSONAS, READ_ONLY_PERSONAS
from ..core.helpers import db_snapshot, french
from ..factories import ActivityFactory, ExpertFactory, MembershipFactory, PersonFactory, ResultFactory, ThemeFactory

COLUMNS = [*PERSONAS, "anonymous"]
LOGIN = "sign-in"  # a redirect to the sign-in page, with the requested address as `next`

#                        secretariat member expert partner observer outsider anonymous
READ = {"GET": (200, 200, 200, 200, 200, 404, LOGIN)}
WRITE = {
    "GET": (200, 403, 403, 403, 403, 404, LOGIN),
    "POST": (302, 403, 403, 403, 403, 404, LOGIN),
}
MATRIX = {
    "mine": {"GET": (200, 200, 200, 200, 200, 200, LOGIN)},
    "create": {
        "GET": (403, 403, 403, 403, 403, 403, LOGIN),  # platform administrators only (see test_workspace_creation)
        "POST": (403, 403, 403, 403, 403, 403, LOGIN),
    },
    "overview": READ,
    "edit": WRITE,
    "workplan": READ,
    "activity_create": WRITE,
    "activity_edit": WRITE,
    "activity_delete": WRITE,
    "result_create": WRITE,
    "result_edit": WRITE,
    "result_delete": WRITE,
    "theme_create": WRITE,
    "theme_edit": WRITE,
    "theme_delete": WRITE,
    "expert_create": WRITE,
    "expert_edit": WRITE,
    "expert_delete": WRITE,
    "members": READ,
    "member_add": WRITE,
    "member_edit": WRITE,
    "member_end": {
        "GET": (405, 405, 405, 405, 405, 405, LOGIN),  # POST only
        "POST": (302, 403, 403, 403, 403, 404, LOGIN),
    },
    "history": {"GET": (200, 403, 403, 403, 403, 404, LOGIN)},
}


def _url(world, name):
    slug = world.workspace.slug
    member = Membership.objects.get(workspace=world.workspace, user=world.users["member"])
    observer = Membership.objects.get(workspace=world.workspace, user=world.users["observer"])
    kwargs = {
        "mine": {},
        "create": {},
        "activity_edit": {"slug": slug, "number": world.activity.number},
        "activity_delete": {"slug": slug, "number": world.activity.number},
        "result_edit": {"slug": slug, "number": world.result.number},
        "result_delete": {"slug": slug, "number": world.result.number},
        "theme_edit": {"slug": slug, "code": world.theme.code},
        "theme_delete": {"slug": slug, "code": world.theme.code},
        "expert_edit": {"slug": slug, "pk": world.expert.pk},
        "expert_delete": {"slug": slug, "pk": world.expert.pk},
        "member_edit": {"slug": slug, "pk": member.pk},
        "member_end": {"slug": slug, "pk": observer.pk},
    }.get(name, {"slug": slug})
    return reverse(f"workspaces:{name}", kwargs=kwargs)


def _activity_data(world, **changes):
    activity = world.activity
    data = {
        "number": activity.number,
        "kind": activity.kind,
        "title_fr": activity.title_fr,
        "title_en": activity.title_en,
        "planned_start": activity.planned_start.isoformat(),
        "planned_end": activity.planned_end.isoformat(),
        "status": activity.status,
        "themes": [theme.pk for theme in activity.themes.all()],
    }
    data.update(changes)
    return data


def _workspace_data(world, **changes):
    workspace = world.workspace
    data = {
        "title_fr": workspace.title_fr,
        "title_en": workspace.title_en,
        "country": workspace.country_id,
        "requesting_authority": workspace.requesting_authority_id,
        "start_date": workspace.start_date.isoformat(),
        "end_date": workspace.end_date.isoformat(),
        "objective_fr": workspace.objective_fr,
        "objective_en": workspace.objective_en,
        "status": workspace.status,
    }
    data.update(changes)
    return data


# A valid POST for each write view: what the secretariat succeeds with, and what everyone else is refused.
PAYLOADS = {
    "create": lambda world: {
        "title_fr": "Mali : migration",
        "title_en": "Mali: Migration",
        "slug": "mali",
        "country": world.workspace.country_id,
        "requesting_authority": world.institution.pk,
        "start_date": "2018-01-01",
        "end_date": "2018-12-31",
        "objective_fr": "Appuyer.",
        "objective_en": "Support.",
        "status": "planned",
    },
    "edit": lambda world: _workspace_data(world, title_en="Niger: Irregular Migration (revised)"),
    "activity_create": lambda world: _activity_data(world, number=2, title_fr="Atelier", title_en="Workshop"),
    "activity_edit": lambda world: _activity_data(world, title_en="Renamed session"),
    "activity_delete": lambda world: {},
    "result_create": lambda world: {"number": 2, "statement_fr": "Un guide", "statement_en": "A guide"},
    "result_edit": lambda world: {
        "number": world.result.number,
        "statement_fr": world.result.statement_fr,
        "statement_en": "Capacities are enhanced",
    },
    "result_delete": lambda world: {},
    "theme_create": lambda world: {"order": 2, "code": "return", "name_fr": "Retour", "name_en": "Return"},
    "theme_edit": lambda world: {
        "order": world.theme.order,
        "code": world.theme.code,
        "name_fr": world.theme.name_fr,
        "name_en": "Border management",
        "framework_tags": "GCM-11",
    },
    "theme_delete": lambda world: {},
    "expert_create": lambda world: {
        "person": PersonFactory(full_name="New Expert").pk,
        "country": world.expert.country_id,
        "expertise_fr": "Orientation",
        "expertise_en": "Referral",
    },
    "expert_edit": lambda world: {
        "person": world.expert.person_id,
        "country": world.expert.country_id,
        "expertise_fr": "Fraude documentaire",
        "expertise_en": "Document fraud",
    },
    "expert_delete": lambda world: {},
    "member_add": lambda world: {
        "email": "newcomer@example.org",
        "full_name": "New Comer",
        "role": "member",
        "language": "fr",
    },
    "member_edit": lambda world: {
        "role": "partner",
        "institution": world.institution.pk,
        "valid_from": "2016-01-01",
    },
    "member_end": lambda world: {},
}


def _secretariat_change_applied(world, name):
    """The change each accepted POST must have made."""
    workspace = world.workspace
    if name == "edit":
        assert Workspace.objects.get(pk=workspace.pk).title_en == "Niger: Irregular Migration (revised)"
    elif name == "activity_create":
        assert WorkplanActivity.objects.get(workspace=workspace, number=2).title_en == "Workshop"
    elif name == "activity_edit":
        assert WorkplanActivity.objects.get(pk=world.activity.pk).title_en == "Renamed session"
    elif name == "activity_delete":
        assert not WorkplanActivity.objects.filter(pk=world.activity.pk).exists()
    elif name == "result_create":
        assert ExpectedResult.objects.get(workspace=workspace, number=2).statement_en == "A guide"
    elif name == "result_edit":
        assert ExpectedResult.objects.get(pk=world.result.pk).statement_en == "Capacities are enhanced"
    elif name == "result_delete":
        assert not ExpectedResult.objects.filter(pk=world.result.pk).exists()
    elif name == "theme_create":
        assert Theme.objects.get(workspace=workspace, code="return").name_en == "Return"
    elif name == "theme_edit":
        theme = Theme.objects.get(pk=world.theme.pk)
        assert (theme.name_en, theme.framework_tags) == ("Border management", ["GCM-11"])
    elif name == "theme_delete":
        assert not Theme.objects.filter(pk=world.theme.pk).exists()
    elif name == "expert_create":
        assert Expert.objects.get(workspace=workspace, person__full_name="New Expert").expertise_en == "Referral"
    elif name == "expert_edit":
        assert Expert.objects.get(pk=world.expert.pk).expertise_en == "Document fraud"
    elif name == "expert_delete":
        assert not Expert.objects.filter(pk=world.expert.pk).exists()
    elif name == "member_add":
        membership = Membership.objects.get(workspace=workspace, user__email="newcomer@example.org")
        assert membership.role == Role.MEMBER and membership.is_current()
        assert [message.to for message in mail.outbox] == [["newcomer@example.org"]]
    elif name == "member_edit":
        assert Membership.objects.get(workspace=workspace, user=world.users["member"]).role == Role.PARTNER
    elif name == "member_end":
        assert not Membership.objects.get(workspace=workspace, user=world.users["observer"]).is_current()
    else:  # pragma: no cover — a POST row without an expected change
        raise AssertionError(f"no expected change written for {name}")


def _status(response, url):
    """The response as a matrix cell: a status code, or LOGIN for a redirect to sign-in that keeps `next`."""
    if response.status_code == 302 and response.url == f"{reverse('accounts:login')}?next={url}":
        return LOGIN
    return response.status_code


def test_access_matrix_covers_every_workspace_url():
    names = {pattern.name for pattern in workspace_urls.urlpatterns}
    assert set(MATRIX) == names
    for name, rows in MATRIX.items():
        assert "GET" in rows, name
        for method, statuses in rows.items():
            assert len(statuses) == len(COLUMNS), (name, method)
        if "POST" in rows and name != "create":
            assert name in PAYLOADS, f"{name}: write a valid payload and its expected change"


def test_access_matrix_columns_match_the_capability_table():
    """The matrix encodes "only the secretariat writes": it must agree with roles.CAPABILITIES."""
    assert set(READ_ONLY_PERSONAS) | {"secretariat"} == {role.value for role in Role}
    for capability in ["manage_workspace", "edit_workplan", "manage_members", "view_history"]:
        assert CAPABILITIES[capability] == {Role.SECRETARIAT}, capability
    assert CAPABILITIES["view"] == set(Role)


def _check_page(world, name, persona, status, content):
    """What the page shows, beyond its status: the workspace to members, an explanation to the refused."""
    title = world.workspace.title_fr  # French is the default interface language
    if name == "mine" and persona == "outsider":
        assert world.other_workspace.title_fr in content and title not in content
    elif status == 200:
        assert title in content
    elif status == 403:
        assert f"<h1>{french('Not allowed')}</h1>" in content
    elif status == 404:
        assert f"<h1>{french('Page not found')}</h1>" in content
        assert title not in content  # the page does not reveal that the workspace exists


@pytest.mark.parametrize("name", list(MATRIX))
def test_workspace_url_get_gives_each_role_its_status(world, name):
    url = _url(world, name)
    actual = {}
    for persona in COLUMNS:
        response = world.client(persona).get(url)
        actual[persona] = _status(response, url)
        _check_page(world, name, persona, response.status_code, response.content.decode())
    assert actual == dict(zip(COLUMNS, MATRIX[name]["GET"], strict=True))


@pytest.mark.parametrize("name", [name for name, rows in MATRIX.items() if "POST" in rows])
def test_workspace_url_post_gives_each_role_its_status_and_refusals_change_nothing(world, name):
    url = _url(world, name)
    data = PAYLOADS[name](world) if name in PAYLOADS else {}
    expected = dict(zip(COLUMNS, MATRIX[name]["POST"], strict=True))
    actual = {}
    # Refused personas first: each must leave the database as it was; then the one whose POST is accepted.
    for persona in sorted(COLUMNS, key=lambda persona: expected[persona] == 302):
        client = world.client(persona)
        before = db_snapshot()
        last_event = AuditEvent.objects.order_by("pk").last()
        response = client.post(url, data)
        actual[persona] = _status(response, url)
        if actual[persona] == 302:
            _secretariat_change_applied(world, name)
            new_events = AuditEvent.objects.filter(pk__gt=last_event.pk)
            assert new_events.exists()
            assert set(new_events.values_list("actor", flat=True)) == {world.users[persona].pk}
            assert set(new_events.values_list("workspace_id", flat=True)) <= {world.workspace.pk, None}
        else:
            _check_page(world, name, persona, response.status_code, response.content.decode())
            assert db_snapshot() == before, f"{persona}'s refused POST changed the database"
            assert mail.outbox == [], f"{persona}'s refused POST sent an e-mail"
    assert actual == expected


READ_PAGES = [name for name, rows in MATRIX.items() if "POST" not in rows]


@pytest.mark.parametrize("name", READ_PAGES)
def test_read_page_post_by_secretariat_changes_nothing(world, name):
    """A page without a POST row must not write anything when sent a form."""
    client = world.client("secretariat")
    before = db_snapshot()
    client.post(_url(world, name), {"title_en": "x", "role": "observer", "number": 9})
    assert db_snapshot() == before


FOREIGN_OBJECTS = {
    "activity_edit": lambda other: {"number": ActivityFactory(workspace=other, number=7).number},
    "activity_delete": lambda other: {"number": ActivityFactory(workspace=other, number=7).number},
    "result_edit": lambda other: {"number": ResultFactory(workspace=other, number=7).number},
    "result_delete": lambda other: {"number": ResultFactory(workspace=other, number=7).number},
    "theme_edit": lambda other: {"code": ThemeFactory(workspace=other, code="elsewhere-only").code},
    "theme_delete": lambda other: {"code": ThemeFactory(workspace=other, code="elsewhere-only").code},
    "expert_edit": lambda other: {"pk": ExpertFactory(workspace=other).pk},
    "expert_delete": lambda other: {"pk": ExpertFactory(workspace=other).pk},
    "member_edit": lambda other: {"pk": MembershipFactory(workspace=other).pk},
    "member_end": lambda other: {"pk": MembershipFactory(workspace=other).pk},
}


@pytest.mark.parametrize("name", list(FOREIGN_OBJECTS))
def test_object_of_another_workspace_not_found_through_own_workspace(world, name):
    """The secretariat of one workspace cannot reach another workspace's objects by putting them in its URL."""
    foreign = FOREIGN_OBJECTS[name](world.other_workspace)
    url = reverse(f"workspaces:{name}", kwargs={"slug": world.workspace.slug, **foreign})
    client = world.client("secretariat")
    before = db_snapshot()
    if name != "member_end":
        assert client.get(url).status_code == 404
    assert client.post(url, {"number": 7, "expertise": "x", "role": "observer"}).status_code == 404
    assert db_snapshot() == before


def test_unknown_workspace_not_found_for_secretariat(world):
    response = world.client("secretariat").get(reverse("workspaces:overview", args=["no-such-workspace"]))
    assert response.status_code == 404


def test_membership_ended_yesterday_gives_404(world):
    Membership.objects.filter(user=world.users["member"]).update(
        valid_to=timezone.localdate() - datetime.timedelta(days=1)
    )
    response = world.client("member").get(world.workspace.get_absolute_url())
    assert response.status_code == 404


def test_membership_starting_tomorrow_gives_404(world):
    Membership.objects.filter(user=world.users["member"]).update(
        valid_from=timezone.localdate() + datetime.timedelta(days=1)
    )
    response = world.client("member").get(world.workspace.get_absolute_url())
    assert response.status_code == 404
