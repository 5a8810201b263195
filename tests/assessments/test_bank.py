"""The question bank: questions of each kind, the rules on correct answers, and questions locked once answered."""

from decimal import Decimal

import pytest
from django.urls import reverse

from cadre.assessments.models import Choice, Question

from ..core.helpers import db_snapshot, text_of
from .conftest import answer, english_client


def create_url(world, kind):
    return reverse("assessments:question_create", args=[world.workspace.slug, kind])


def base(world, **extra):
    data = {
        "theme": world.theme.pk,
        "text_fr": "Quelle institution coordonne ?",
        "text_en": "Which institution coordinates?",
        "explanation_fr": "",
        "explanation_en": "",
        "points": "1",
    }
    data.update(extra)
    return data


def choices(*rows, initial=0):
    data = {"choice-TOTAL_FORMS": str(len(rows)), "choice-INITIAL_FORMS": str(initial)}
    for index, (text, correct) in enumerate(rows):
        data[f"choice-{index}-text_fr"] = text
        data[f"choice-{index}-text_en"] = ""
        if correct:
            data[f"choice-{index}-is_correct"] = "on"
    return data


def edit_data(question, **changes):
    """What the edit page posts back for a question as it is, with `changes`."""
    data = {
        "theme": question.theme_id or "",
        "text_fr": question.text_fr,
        "text_en": question.text_en,
        "explanation_fr": question.explanation_fr,
        "explanation_en": question.explanation_en,
        "points": str(question.points),
    }
    rows = list(question.choices.order_by("order", "pk"))
    if question.kind in ("single", "multiple"):
        data.update({"choice-TOTAL_FORMS": str(len(rows)), "choice-INITIAL_FORMS": str(len(rows))})
        for index, choice in enumerate(rows):
            data.update({f"choice-{index}-id": choice.pk, f"choice-{index}-text_fr": choice.text_fr})
            data[f"choice-{index}-text_en"] = choice.text_en
            if choice.is_correct:
                data[f"choice-{index}-is_correct"] = "on"
    if question.kind == "numeric":
        data.update(
            {"numeric_answer": str(question.numeric_answer), "numeric_tolerance": str(question.numeric_tolerance)}
        )
    if question.kind == "true_false":
        data["correct"] = "true" if rows[0].is_correct else "false"
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_single_choice_question_is_created_with_its_answers_in_order(world):
    client = english_client(world, "expert")
    data = base(
        world, **choices(("Le ministère de l'Intérieur", True), ("", False), ("La DST", False), ("L'OIM", False))
    )
    response = client.post(create_url(world, "single"), data)
    assert response.status_code == 302
    question = Question.objects.get()
    assert (question.kind, question.workspace, question.theme) == ("single", world.workspace, world.theme)
    assert [(c.order, c.text_fr, c.is_correct) for c in question.choices.all()] == [
        (0, "Le ministère de l'Intérieur", True),
        (1, "La DST", False),
        (2, "L'OIM", False),
    ]


@pytest.mark.parametrize(
    ("kind", "rows", "message"),
    [
        ("single", [("A", True), ("B", True)], "Mark exactly one answer as correct."),
        ("single", [("A", False), ("B", False)], "Mark exactly one answer as correct."),
        ("single", [("A", True)], "Give at least two answers to choose from."),
        ("multiple", [("A", False), ("B", False), ("C", False)], "Mark at least one answer as correct."),
        ("multiple", [("A", True), ("", False)], "Give at least two answers to choose from."),
    ],
)
def test_choice_rules_are_enforced_and_change_nothing(world, kind, rows, message):
    client = english_client(world, "secretariat")
    before = db_snapshot()
    response = client.post(create_url(world, kind), base(world, **choices(*rows)))
    assert response.status_code == 400
    assert message in text_of(response)
    assert db_snapshot() == before


def test_multiple_choice_may_have_several_correct_answers(world):
    client = english_client(world, "secretariat")
    response = client.post(
        create_url(world, "multiple"), base(world, **choices(("Mali", True), ("Tchad", True), ("Sénégal", False)))
    )
    assert response.status_code == 302
    assert Question.objects.get().choices.filter(is_correct=True).count() == 2


def test_true_false_gets_its_two_fixed_answers(world):
    client = english_client(world, "secretariat")
    response = client.post(create_url(world, "true_false"), base(world, correct="false"))
    assert response.status_code == 302
    question = Question.objects.get()
    assert [(c.text_fr, c.text_en, c.is_correct) for c in question.choices.all()] == [
        ("Vrai", "True", False),
        ("Faux", "False", True),
    ]
    response = client.post(
        reverse("assessments:question_edit", args=[world.workspace.slug, question.pk]),
        edit_data(question, correct="true"),
    )
    assert response.status_code == 302
    assert [c.is_correct for c in question.choices.all()] == [True, False]
    assert Choice.objects.count() == 2


def test_true_false_needs_its_answer(world):
    client = english_client(world, "secretariat")
    before = db_snapshot()
    response = client.post(create_url(world, "true_false"), base(world))
    assert response.status_code == 400 and db_snapshot() == before


def test_numeric_question_accepts_a_decimal_comma_and_needs_its_number(world):
    client = english_client(world, "secretariat")
    before = db_snapshot()
    response = client.post(create_url(world, "numeric"), base(world, numeric_answer="", numeric_tolerance="0,5"))
    assert response.status_code == 400 and db_snapshot() == before
    response = client.post(create_url(world, "numeric"), base(world, numeric_answer="1 200,5", numeric_tolerance="-1"))
    assert response.status_code == 400 and "The accepted difference cannot be negative." in text_of(response)
    response = client.post(create_url(world, "numeric"), base(world, numeric_answer="1 200,5", numeric_tolerance="0,5"))
    assert response.status_code == 302
    question = Question.objects.get()
    assert (question.numeric_answer, question.numeric_tolerance) == (Decimal("1200.5"), Decimal("0.5"))


def test_likert_statement_has_no_answers_and_no_points(world):
    client = english_client(world, "expert")
    response = client.post(
        create_url(world, "likert"),
        {"theme": "", "text_fr": "Je sais rédiger un objectif SMART.", "text_en": "I can write a SMART objective."},
    )
    assert response.status_code == 302
    question = Question.objects.get()
    assert question.kind == "likert" and question.theme is None and question.max_points == 0
    assert not question.choices.exists()


def test_unknown_kind_is_404(world):
    assert english_client(world, "secretariat").get(create_url(world, "essay")).status_code == 404


def test_theme_of_another_workspace_is_refused(world):
    from ..factories import ThemeFactory

    foreign = ThemeFactory(workspace=world.other_workspace, code="foreign")
    client = english_client(world, "secretariat")
    before = db_snapshot()
    response = client.post(
        create_url(world, "single"), base(world, theme=foreign.pk, **choices(("A", True), ("B", False)))
    )
    assert response.status_code == 400 and db_snapshot() == before


def test_unanswered_question_may_change_its_correct_answer(world, bank):
    question = bank.single
    wrong = question.choices.get(text_fr="7")
    data = edit_data(question)
    for index, choice in enumerate(question.choices.order_by("order", "pk")):
        data.pop(f"choice-{index}-is_correct", None)
        if choice == wrong:
            data[f"choice-{index}-is_correct"] = "on"
    response = english_client(world, "secretariat").post(
        reverse("assessments:question_edit", args=[world.workspace.slug, question.pk]), data
    )
    assert response.status_code == 302
    assert list(question.choices.filter(is_correct=True)) == [wrong]


def test_answered_question_keeps_its_scoring_and_offers_a_copy(world, session, knowledge, bank):
    answer(knowledge, session.own[0], "pre", right="all")
    client = english_client(world, "secretariat")
    url = reverse("assessments:question_edit", args=[world.workspace.slug, bank.single.pk])
    page = text_of(client.get(url))
    assert "This question has been answered 1 time." in page
    assert reverse("assessments:question_copy", args=[world.workspace.slug, bank.single.pk]) in page
    locked = (
        "This question has already been answered: its choices, correct answer, expected number and points cannot change"
    )
    # Moving the correct answer, adding an answer, changing the points: refused, nothing changed.
    attempts = []
    data = edit_data(bank.single)
    data.pop("choice-1-is_correct")
    data["choice-0-is_correct"] = "on"
    attempts.append(data)
    data = edit_data(bank.single, **{"choice-TOTAL_FORMS": "4", "choice-3-text_fr": "10"})
    attempts.append(data)
    attempts.append(edit_data(bank.single, points="5"))
    for number, data in enumerate(attempts):
        before = db_snapshot()
        response = client.post(url, data)
        assert response.status_code == 400, number
        assert locked in text_of(response)
        assert db_snapshot() == before
    # The expected number of an answered numeric question is locked too.
    numeric_url = reverse("assessments:question_edit", args=[world.workspace.slug, bank.numeric.pk])
    before = db_snapshot()
    response = client.post(numeric_url, edit_data(bank.numeric, numeric_answer="0,9"))
    assert response.status_code == 400 and locked in text_of(response)
    assert db_snapshot() == before
    # Its wording may still be corrected.
    response = client.post(url, edit_data(bank.single, text_fr="Combien de régions le Niger compte-t-il ?"))
    assert response.status_code == 302
    bank.single.refresh_from_db()
    assert bank.single.text_fr == "Combien de régions le Niger compte-t-il ?"
    assert bank.single.choices.get(is_correct=True).text_fr == "8"


def test_a_copy_is_a_new_free_question(world, session, knowledge, bank):
    answer(knowledge, session.own[0], "pre", right="all")
    client = english_client(world, "expert")
    response = client.post(reverse("assessments:question_copy", args=[world.workspace.slug, bank.multiple.pk]))
    copy = Question.objects.order_by("-pk").first()
    assert response.status_code == 302
    assert response["Location"] == reverse("assessments:question_edit", args=[world.workspace.slug, copy.pk])
    assert copy.pk != bank.multiple.pk and copy.text_fr == bank.multiple.text_fr and copy.is_active
    assert [(c.text_fr, c.is_correct) for c in copy.choices.all()] == [
        (c.text_fr, c.is_correct) for c in bank.multiple.choices.all()
    ]
    assert "This question has been answered" not in text_of(client.get(response["Location"]))


def test_taking_a_question_out_of_use(world, bank):
    client = english_client(world, "expert")
    url = reverse("assessments:question_active", args=[world.workspace.slug, bank.single.pk])
    assert client.post(url, {"active": "0"}).status_code == 302
    bank.single.refresh_from_db()
    assert not bank.single.is_active
    listing = reverse("assessments:questions", args=[world.workspace.slug])
    assert bank.single.text_fr not in text_of(client.get(listing))
    assert bank.single.text_fr in text_of(client.get(listing + "?status=inactive"))
    client.post(url, {"active": "1"})
    bank.single.refresh_from_db()
    assert bank.single.is_active


def test_bank_filters_by_theme_kind_and_text(world, bank):
    client = english_client(world, "expert")
    listing = reverse("assessments:questions", args=[world.workspace.slug])
    page = text_of(client.get(listing + f"?theme={bank.other_theme.pk}"))
    assert bank.true_false.text_fr in page and bank.single.text_fr not in page
    page = text_of(client.get(listing + "?kind=numeric"))
    assert bank.numeric.text_fr in page and bank.multiple.text_fr not in page
    page = text_of(client.get(listing + "?theme=0"))
    assert bank.likert.text_fr in page and bank.single.text_fr not in page
    page = text_of(client.get(listing + "?q=frontaliers"))
    assert bank.multiple.text_fr in page and bank.single.text_fr not in page
    # A bad value is ignored, not an error.
    assert client.get(listing + "?theme=abc&kind=zzz&page=x").status_code == 200


def test_htmx_filter_returns_the_same_list_as_a_full_page(world, bank):
    from ..core.helpers import element_tokens

    client = english_client(world, "expert")
    url = reverse("assessments:questions", args=[world.workspace.slug]) + "?kind=single"
    full = client.get(url).content.decode()
    partial = client.get(url, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="results").content.decode()
    assert "<html" not in partial
    assert _without_csrf(element_tokens(partial, "results")) == _without_csrf(element_tokens(full, "results"))


def _without_csrf(tokens):
    """The CSRF token is masked differently in every response: leave its value out of the comparison."""
    return [token for token in tokens if "csrfmiddlewaretoken" not in str(token)]
