"""Inputs that once reached the database as errors: now a clear message, and nothing changes."""

import pytest
from django.urls import reverse

from cadre.core.forms import IdsField
from cadre.workspaces.models import Theme

from ..meetings.factories import QuestionFactory
from .helpers import db_snapshot, french, text_of

TOO_LARGE = "9" * 25  # beyond any 64-bit id


def test_ids_field_treats_a_number_too_large_for_the_database_as_an_unknown_choice(world):
    field = IdsField(queryset=Theme.objects.all())
    with pytest.raises(Exception) as error:
        field.clean([TOO_LARGE])
    assert error.value.code == "invalid_choice"
    assert list(field.clean([str(world.theme.pk)])) == [world.theme]


def test_activity_form_with_a_theme_id_too_large_is_refused_and_changes_nothing(world):
    client = world.client("secretariat")
    before = db_snapshot()
    response = client.post(
        reverse("workspaces:activity_create", args=[world.workspace.slug]),
        {
            "number": 9,
            "kind": "other",
            "title_fr": "Atelier",
            "title_en": "Workshop",
            "planned_start": "2016-01-01",
            "planned_end": "2016-01-02",
            "status": "planned",
            "themes": [TOO_LARGE],
        },
    )
    assert response.status_code == 400
    assert db_snapshot() == before


def test_deleting_a_theme_still_used_by_questions_says_so_and_changes_nothing(world):
    QuestionFactory(workspace=world.workspace, theme=world.theme)
    client = world.client("secretariat")
    before = db_snapshot()
    response = client.post(reverse("workspaces:theme_delete", args=[world.workspace.slug, world.theme.code]))
    assert response.status_code == 400
    assert french("“%(name)s” cannot be deleted: %(things)s still refer to it. Remove or change them first.").split(
        "%(name)s"
    )[0] in text_of(response)
    assert db_snapshot() == before
