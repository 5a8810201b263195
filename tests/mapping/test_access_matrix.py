"""Role × page matrix for the mapping pages (imports and exports have their own tests).

A partner and a member enter and update only their own institution's interventions; the secretariat all, and
it alone imports, decides themes, deletes and records interviews. A refused POST changes nothing.
"""

import pytest
from django.urls import reverse

from cadre.mapping.models import Intervention, MappingInterview

from ..core.helpers import db_snapshot, french, text_of

COLUMNS = ["secretariat", "member", "expert", "partner", "observer", "outsider", "anonymous"]
LOGIN = "sign-in"

READ = {"GET": (200, 200, 200, 200, 200, 404, LOGIN)}
MATRIX = {
    "interventions": READ,
    "intervention": READ,
    "matrix": READ,
    "duplicates": READ,
    "charts": READ,
    "interviews": READ,
    "interview": READ,
    "intervention_create": {
        "GET": (200, 200, 403, 200, 403, 404, LOGIN),
        "POST": (302, 302, 403, 302, 403, 404, LOGIN),
    },
    "intervention_edit": {  # the personas' institution implements `own`
        "GET": (200, 200, 403, 200, 403, 404, LOGIN),
        "POST": (302, 302, 403, 302, 403, 404, LOGIN),
    },
    "intervention_edit_other": {  # …but not `other`
        "GET": (200, 403, 403, 403, 403, 404, LOGIN),
        "POST": (302, 403, 403, 403, 403, 404, LOGIN),
    },
    "intervention_delete": {
        "GET": (200, 403, 403, 403, 403, 404, LOGIN),
        "POST": (302, 403, 403, 403, 403, 404, LOGIN),
    },
    "intervention_themes": {
        "GET": (405, 405, 405, 405, 405, 405, LOGIN),
        "POST": (302, 403, 403, 403, 403, 404, LOGIN),
    },
    "interview_create": {
        "GET": (200, 403, 403, 403, 403, 404, LOGIN),
        "POST": (302, 403, 403, 403, 403, 404, LOGIN),
    },
    "interview_edit": {
        "GET": (200, 403, 403, 403, 403, 404, LOGIN),
        "POST": (302, 403, 403, 403, 403, 404, LOGIN),
    },
}


@pytest.fixture
def interview(world, mapped):
    return MappingInterview.objects.create(workspace=world.workspace, institution=mapped.stranger, status="planned")


def _url(world, mapped, interview, name):
    ws = world.workspace.slug
    args = {
        "intervention": [ws, mapped.own.pk],
        "intervention_edit": [ws, mapped.own.pk],
        "intervention_edit_other": [ws, mapped.other.pk],
        "intervention_delete": [ws, mapped.child.pk],
        "intervention_themes": [ws, mapped.own.pk],
        "interview": [ws, interview.pk],
        "interview_edit": [ws, interview.pk],
    }.get(name, [ws])
    return reverse(f"mapping:{name.replace('_other', '')}", args=args)


def intervention_payload(intervention, world, **changes):
    data = {
        "title_fr": intervention.title_fr,
        "title_en": "",
        "status": intervention.status,
        "currency": "EUR",
        "budget": "1000000",
        "planned_start": "2016-01-01",
        "planned_end": "2018-12-31",
        "themes": [world.theme.pk],
        "org-TOTAL_FORMS": "1",
        "org-INITIAL_FORMS": "0",
        "org-0-role": "implementing",
        "org-0-institution": world.institution.pk,
        "place-TOTAL_FORMS": "0",
        "place-INITIAL_FORMS": "0",
    }
    data.update(changes)
    return data


def _existing_formsets(intervention):
    """The management and row fields an edit form posts back for the rows already there."""
    data = {
        "org-TOTAL_FORMS": str(intervention.participations.count()),
        "org-INITIAL_FORMS": str(intervention.participations.count()),
        "place-TOTAL_FORMS": str(intervention.locations.count()),
        "place-INITIAL_FORMS": str(intervention.locations.count()),
    }
    for index, participation in enumerate(intervention.participations.order_by("pk")):
        data.update(
            {
                f"org-{index}-id": participation.pk,
                f"org-{index}-role": participation.role,
                f"org-{index}-institution": participation.institution_id,
            }
        )
    for index, location in enumerate(intervention.locations.order_by("pk")):
        data.update(
            {
                f"place-{index}-id": location.pk,
                f"place-{index}-scope": location.scope,
                f"place-{index}-area": location.area_id or "",
            }
        )
    return data


def _payload(world, mapped, name):
    if name == "intervention_create":
        return intervention_payload(Intervention(title_fr="Nouvelle intervention", status="ongoing"), world)
    if name in ("intervention_edit", "intervention_edit_other"):
        target = mapped.own if name == "intervention_edit" else mapped.other
        data = intervention_payload(target, world, title_fr=f"{target.title_fr} (revu)")
        data.update(_existing_formsets(target))
        return data
    if name == "intervention_themes":
        return {"action": "confirm", "theme": world.theme.pk}
    if name in ("interview_create", "interview_edit"):
        institution = mapped.donor if name == "interview_create" else mapped.stranger
        return {
            "institution": institution.pk,
            "status": "done",
            "date": "2016-06-15",
            "notes": "Rencontre.",
            "confirmed": [mapped.other.pk] if name == "interview_edit" else [],
        }
    return {}


def _status(response):
    if response.status_code == 302 and response.url.startswith(reverse("accounts:login")):
        return LOGIN
    return response.status_code


def test_mapping_matrix_covers_every_mapping_page():
    from cadre.mapping import urls

    names = {p.name for p in urls.urlpatterns if p.name and not p.name.startswith(("import", "export"))}
    assert names == {name.replace("_other", "") for name in MATRIX}


@pytest.mark.parametrize("name", list(MATRIX))
def test_mapping_page_get_gives_each_role_its_status(world, mapped, interview, name):
    url = _url(world, mapped, interview, name)
    actual = {}
    for persona in COLUMNS:
        response = world.client(persona).get(url)
        actual[persona] = _status(response)
        if response.status_code == 404:
            assert mapped.own.title_fr not in response.content.decode()
        if response.status_code == 403:
            assert f"<h1>{french('Not allowed')}</h1>" in response.content.decode()
    assert actual == dict(zip(COLUMNS, MATRIX[name]["GET"], strict=True))


@pytest.mark.parametrize("name", [name for name, rows in MATRIX.items() if "POST" in rows])
def test_mapping_page_post_gives_each_role_its_status_and_refusals_change_nothing(world, mapped, interview, name):
    url = _url(world, mapped, interview, name)
    expected = dict(zip(COLUMNS, MATRIX[name]["POST"], strict=True))
    actual = {}
    for persona in sorted(COLUMNS, key=lambda p: expected[p] == 302):
        client = world.client(persona)
        before = db_snapshot()
        response = client.post(url, _payload(world, mapped, name))
        actual[persona] = _status(response)
        if actual[persona] == 302 and persona != "anonymous":
            assert db_snapshot() != before, f"{persona}'s accepted POST changed nothing"
        else:
            assert db_snapshot() == before, f"{persona}'s refused POST changed the database"
    assert actual == expected


def test_partner_sees_no_edit_control_on_another_institutions_intervention(world, mapped):
    client = world.client("partner")
    other = text_of(client.get(mapped.other.get_absolute_url()))
    own = text_of(client.get(mapped.own.get_absolute_url()))
    edit_other = reverse("mapping:intervention_edit", args=[world.workspace.slug, mapped.other.pk])
    edit_own = reverse("mapping:intervention_edit", args=[world.workspace.slug, mapped.own.pk])
    assert edit_other not in other and edit_own in own


def test_partner_cannot_remove_their_own_institution_from_an_intervention(world, mapped):
    client = world.client("partner")
    data = intervention_payload(mapped.own, world)
    data.update(_existing_formsets(mapped.own))
    funder_index = [k for k, v in data.items() if k.endswith("-institution") and v == world.institution.pk][0]
    data[funder_index.replace("-institution", "-DELETE")] = "on"
    before = db_snapshot()
    response = client.post(reverse("mapping:intervention_edit", args=[world.workspace.slug, mapped.own.pk]), data)
    assert response.status_code == 400
    assert db_snapshot() == before
