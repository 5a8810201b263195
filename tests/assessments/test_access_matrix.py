"""Role × page matrix of the assessment pages (the participant's link pages are in test_answering.py).

Everyone in the workspace reads the tests and their aggregated results; the secretariat and the experts
(run_sessions) keep the question bank (it holds the correct answers) and run the tests; only the secretariat
(view_personal_results) sees each person's results and personal links. A refused POST changes nothing.
"""

import pytest
from django.urls import reverse

from cadre.assessments.models import Assessment, Question

from ..core.helpers import db_snapshot, text_of
from ..meetings.factories import QuestionFactory
from .conftest import answer, make_assessment

COLUMNS = ["secretariat", "member", "expert", "partner", "observer", "outsider", "anonymous"]
LOGIN = "sign-in"

READ = (200, 200, 200, 200, 200, 404, LOGIN)
RUN = (200, 403, 200, 403, 403, 404, LOGIN)
RUN_POST = (302, 403, 302, 403, 403, 404, LOGIN)
PERSONAL = (200, 403, 403, 403, 403, 404, LOGIN)
POST_ONLY = (405, 405, 405, 405, 405, 405, LOGIN)

MATRIX = {
    "assessments": {"GET": READ},
    "assessment": {"GET": READ},
    "results": {"GET": READ},
    "results_csv": {"GET": PERSONAL},
    "links": {"GET": PERSONAL},
    "links_print": {"GET": PERSONAL},
    "questions": {"GET": RUN},
    "question_create": {"GET": RUN, "POST": RUN_POST},
    "question_edit": {"GET": RUN, "POST": RUN_POST},
    "question_copy": {"GET": POST_ONLY, "POST": RUN_POST},
    "question_active": {"GET": POST_ONLY, "POST": RUN_POST},
    "assessment_create": {"GET": RUN, "POST": RUN_POST},
    "assessment_edit": {"GET": RUN, "POST": RUN_POST},
    "assessment_delete": {"GET": RUN, "POST": RUN_POST},
    "assessment_questions": {"GET": RUN, "POST": RUN_POST},
    "assessment_item": {"GET": POST_ONLY, "POST": RUN_POST},
    "assessment_phase": {"GET": POST_ONLY, "POST": RUN_POST},
}

TAKEN_BY_TOKEN = {"take_list", "take", "take_done"}


class Scene:
    """The objects the pages are about; `fresh_assessment` makes a deletable one per accepted POST."""

    def __init__(self, world, session, bank, knowledge):
        self.world, self.session, self.bank, self.knowledge = world, session, bank, knowledge
        self.empty = make_assessment(session.meeting, Assessment.Kind.KNOWLEDGE, [], title="Vide")

    def url(self, name, fresh=False):
        ws = self.world.workspace.slug
        knowledge = self.knowledge
        if name == "assessment_delete" and fresh:
            knowledge = make_assessment(self.session.meeting, Assessment.Kind.KNOWLEDGE, [], title="À supprimer")
        args = {
            "assessment": [ws, knowledge.pk],
            "results": [ws, knowledge.pk],
            "results_csv": [ws, knowledge.pk],
            "links": [ws, self.session.meeting.pk],
            "links_print": [ws, self.session.meeting.pk],
            "question_create": [ws, "single"],
            "question_edit": [ws, self.bank.single.pk],
            "question_copy": [ws, self.bank.single.pk],
            "question_active": [ws, self.bank.single.pk],
            "assessment_edit": [ws, knowledge.pk],
            "assessment_delete": [ws, knowledge.pk],
            "assessment_questions": [ws, self.empty.pk],
            "assessment_item": [ws, self.knowledge.pk, self.knowledge.items.order_by("order").first().pk],
            "assessment_phase": [ws, knowledge.pk],
        }.get(name, [ws])
        return reverse(f"assessments:{name}", args=args)

    def payload(self, name, persona):
        world, bank = self.world, self.bank
        if name == "question_create":
            return {
                "theme": world.theme.pk,
                "text_fr": f"Question de {persona} ?",
                "text_en": "",
                "explanation_fr": "",
                "explanation_en": "",
                "points": "1",
                "choice-TOTAL_FORMS": "2",
                "choice-INITIAL_FORMS": "0",
                "choice-0-text_fr": "Oui",
                "choice-0-is_correct": "on",
                "choice-1-text_fr": "Non",
            }
        if name == "question_edit":
            question = Question.objects.get(pk=bank.single.pk)
            data = {
                "theme": world.theme.pk,
                "text_fr": f"{question.text_fr} (revu par {persona})",
                "text_en": question.text_en,
                "explanation_fr": question.explanation_fr,
                "explanation_en": question.explanation_en,
                "points": "1",
            }
            choices = list(question.choices.order_by("order", "pk"))
            data.update({"choice-TOTAL_FORMS": str(len(choices)), "choice-INITIAL_FORMS": str(len(choices))})
            for index, choice in enumerate(choices):
                data[f"choice-{index}-id"] = choice.pk
                data[f"choice-{index}-text_fr"] = choice.text_fr
                data[f"choice-{index}-text_en"] = choice.text_en
                if choice.is_correct:
                    data[f"choice-{index}-is_correct"] = "on"
            return data
        if name == "question_active":
            return {"active": "0" if Question.objects.get(pk=bank.single.pk).is_active else "1"}
        if name in ("assessment_create", "assessment_edit"):
            return {
                "meeting": self.session.meeting.pk,
                "kind": "knowledge",
                "title_fr": f"Test de {persona}",
                "title_en": "",
                "instructions_fr": "",
                "instructions_en": "",
            }
        if name == "assessment_questions":
            fresh = QuestionFactory(workspace=world.workspace, theme=world.theme, text_fr=f"Nouvelle ({persona}) ?")
            return {"question": [fresh.pk]}
        if name == "assessment_item":
            return {"action": "down"}
        if name == "assessment_phase":
            current = Assessment.objects.get(pk=self.knowledge.pk).open_phase
            return {"open_phase": "post" if current != "post" else "pre"}
        return {}


@pytest.fixture
def scene(world, session, bank, knowledge):
    return Scene(world, session, bank, knowledge)


def _status(response):
    if response.status_code == 302 and response.url.startswith(reverse("accounts:login")):
        return LOGIN
    return response.status_code


def test_matrix_covers_every_assessment_page():
    from cadre.assessments import urls

    names = {p.name for p in urls.urlpatterns} - TAKEN_BY_TOKEN
    assert names == set(MATRIX)


@pytest.mark.parametrize("name", list(MATRIX))
def test_page_get_gives_each_role_its_status(scene, session, name):
    answer(scene.knowledge, session.own[0], "pre", right="all")
    url = scene.url(name)
    actual = {}
    for persona in COLUMNS:
        response = scene.world.client(persona).get(url)
        actual[persona] = _status(response)
        if response.status_code in (403, 404):
            page = text_of(response)
            assert scene.knowledge.title_fr not in page
            assert session.own[0].person.full_name not in page
    assert actual == dict(zip(COLUMNS, MATRIX[name]["GET"], strict=True))


@pytest.mark.parametrize("name", [name for name, rows in MATRIX.items() if "POST" in rows])
def test_page_post_gives_each_role_its_status_and_refusals_change_nothing(scene, name):
    expected = dict(zip(COLUMNS, MATRIX[name]["POST"], strict=True))
    actual = {}
    for persona in sorted(COLUMNS, key=lambda p: expected[p] == 302):
        accepted = expected[persona] == 302 and persona != "anonymous"
        url = scene.url(name, fresh=accepted)
        data = scene.payload(name, persona)
        client = scene.world.client(persona)  # signing in records the last login: before the snapshot
        before = db_snapshot()
        response = client.post(url, data)
        actual[persona] = _status(response)
        if actual[persona] == 302 and persona != "anonymous":
            assert db_snapshot() != before, f"{persona}'s accepted POST changed nothing"
        else:
            assert db_snapshot() == before, f"{persona}'s refused POST changed the database"
    assert actual == expected


def test_only_those_who_run_sessions_see_the_questions_of_a_test(scene, bank):
    url = scene.url("assessment")
    correct = bank.single.choices.get(is_correct=True).text_fr
    for persona in ("member", "partner", "observer"):
        page = text_of(scene.world.client(persona).get(url))
        assert bank.single.text_fr not in page and bank.multiple.text_fr not in page, persona
        assert reverse("assessments:questions", args=[scene.world.workspace.slug]) not in page
    page = text_of(scene.world.client("expert").get(url))
    assert bank.single.text_fr in page and correct in page
