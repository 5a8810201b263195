"""A participant answers through their personal link: once per phase, only while it is open, only their own."""

from decimal import Decimal

import pytest
from django.db import IntegrityError
from django.urls import reverse
from django.utils import translation

from cadre.assessments import queries, services
from cadre.assessments.models import Answer, Assessment, Attempt, Question

from ..core.helpers import db_snapshot, text_of
from .conftest import answer, english_client, make_assessment, right_answers


def take_url(participation, assessment):
    return reverse("assessments:take", args=[participation.token, assessment.pk])


def payload(assessment, values=None, *, phase="pre", **overrides):
    """The form a participant posts: every question answered correctly unless `values` says otherwise."""
    data = {"phase": phase}
    for question, value in right_answers(assessment).items():
        value = (values or {}).get(question.kind, value)
        key = f"q{question.pk}"
        if question.kind == Question.Kind.MULTIPLE:
            data[key] = [str(pk) for pk in value]
        elif question.kind in Question.CHOICE_KINDS:
            data[key] = str(value[0])
        else:
            data[key] = str(value)
    data.update(overrides)
    return data


def test_unknown_token_is_404(knowledge):
    client = english_client()
    assert client.get(reverse("assessments:take_list", args=["not-a-real-token"])).status_code == 404
    assert client.get(reverse("assessments:take", args=["not-a-real-token", knowledge.pk])).status_code == 404
    assert client.post(reverse("assessments:take", args=["x" * 60, knowledge.pk]), {}).status_code == 404


def test_token_lists_the_persons_open_tests(session, knowledge):
    participation = session.own[0]
    response = english_client().get(reverse("assessments:take_list", args=[participation.token]))
    assert response.status_code == 200
    page = text_of(response)
    assert participation.person.full_name in page
    assert "Answer (before the session)" in page
    assert take_url(participation, knowledge) in page
    assert response["Cache-Control"].startswith("max-age=0")


def test_personal_link_pages_never_send_their_address_as_referrer(session, knowledge):
    """The link is the participant's key: a page opened from it (the site's own pages included, whose server
    logs record the referrer) must not receive it."""
    participation = session.own[0]
    client = english_client()
    addresses = [reverse("assessments:take_list", args=[participation.token]), take_url(participation, knowledge)]
    client.post(take_url(participation, knowledge), payload(knowledge))
    addresses.append(reverse("assessments:take_done", args=[participation.token, knowledge.pk]))
    for address in addresses:
        response = client.get(address)
        assert response.status_code == 200, address
        assert response["Referrer-Policy"] == "strict-origin", address  # the site's address, never the path
        assert "no-store" in response["Cache-Control"], address


def test_test_of_another_meeting_is_404_with_this_token(world, session, bank):
    from ..meetings.factories import MeetingFactory

    elsewhere = make_assessment(
        MeetingFactory(workspace=world.workspace), Assessment.Kind.KNOWLEDGE, [bank.single], open_phase="pre"
    )
    client = english_client()
    assert client.get(take_url(session.own[0], elsewhere)).status_code == 404
    assert client.post(take_url(session.own[0], elsewhere), {"phase": "pre"}).status_code == 404
    assert not Attempt.objects.exists()


def test_form_shows_every_question_in_the_interface_language(session, knowledge, bank):
    participation = session.own[0]
    french = english_client()
    french.cookies["django_language"] = "fr"
    page = text_of(french.get(take_url(participation, knowledge)))
    assert bank.multiple.text_fr in page and bank.multiple.text_en not in page
    page = text_of(english_client().get(take_url(participation, knowledge)))
    for question in (bank.single, bank.multiple, bank.true_false, bank.numeric):
        assert question.text_en in page
    assert 'inputmode="decimal"' in page
    assert 'name="viewport"' in page


def test_submitting_records_scored_answers_and_shows_own_score(session, knowledge, bank):
    participation = session.own[0]
    client = english_client()
    response = client.post(
        take_url(participation, knowledge),
        payload(knowledge, {"multiple": [bank.multiple.choices.get(text_fr="Mali").pk]}),
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("assessments:take_done", args=[participation.token, knowledge.pk])
    attempt = Attempt.objects.get(participation=participation, assessment=knowledge, phase="pre")
    assert (attempt.score, attempt.max_score) == (Decimal(3), Decimal(4))  # the multiple choice half right: 0
    answers = {a.question_id: a for a in attempt.answers.all()}
    assert answers[bank.multiple.pk].score == 0
    assert answers[bank.numeric.pk].number == Decimal("0.8")
    assert answers[bank.single.pk].theme_id == bank.single.theme_id
    assert answers[bank.true_false.pk].theme_id == bank.other_theme.pk
    page = text_of(client.get(response["Location"]))
    assert "3 / 4" in page
    # After the test before the session, no answer is given away: explanations come after the test after.
    assert "Niger has 8 regions." not in page
    assert "The correct answers and their explanations will be shown after the test" in page


@pytest.mark.parametrize("typed", ["0,8", "0.8", " 0,80 ", "0,82"])
def test_numbers_accept_a_decimal_comma(session, knowledge, bank, typed):
    participation = session.own[0]
    response = english_client().post(take_url(participation, knowledge), payload(knowledge, {"numeric": typed}))
    assert response.status_code == 302
    stored = Answer.objects.get(question=bank.numeric)
    assert stored.number == Decimal(typed.strip().replace(",", "."))
    assert stored.score == 1  # within the tolerance of 0.05


@pytest.mark.parametrize("typed", ["", "huit", "1e99", "NaN", "0,8,1"])
def test_missing_or_unreadable_number_is_refused_and_changes_nothing(session, knowledge, typed):
    before = db_snapshot()
    response = english_client().post(take_url(session.own[0], knowledge), payload(knowledge, {"numeric": typed}))
    assert response.status_code == 400
    page = text_of(response)
    assert "Some questions are not answered or not valid: see below." in page
    assert ("Please answer this question." if not typed else "Enter a number, for example 12 or 0,8.") in page
    assert db_snapshot() == before


def test_unanswered_question_is_refused_and_changes_nothing(session, knowledge, bank):
    data = payload(knowledge)
    del data[f"q{bank.multiple.pk}"]
    before = db_snapshot()
    response = english_client().post(take_url(session.own[0], knowledge), data)
    assert response.status_code == 400
    assert "Please answer this question." in text_of(response)
    assert db_snapshot() == before


def test_choice_of_another_question_is_refused(session, knowledge, bank):
    data = payload(knowledge)
    data[f"q{bank.single.pk}"] = str(bank.true_false.choices.first().pk)
    before = db_snapshot()
    response = english_client().post(take_url(session.own[0], knowledge), data)
    assert response.status_code == 400
    assert "Choose one of the answers shown." in text_of(response)
    assert db_snapshot() == before


def test_answering_twice_is_refused_with_the_date_and_changes_nothing(session, knowledge):
    participation = session.own[0]
    client = english_client()
    assert client.post(take_url(participation, knowledge), payload(knowledge)).status_code == 302
    attempt = Attempt.objects.get()
    before = db_snapshot()
    response = client.post(take_url(participation, knowledge), payload(knowledge, {"numeric": "5"}))
    assert response.status_code == 409
    day = attempt.submitted_at.astimezone(session.meeting.tz)
    from django.utils import formats, translation

    with translation.override("en"):
        expected = (
            f"You have already answered this test before the session on {formats.date_format(day, 'DATE_FORMAT')}."
        )
    assert expected in text_of(response)
    assert db_snapshot() == before
    # Opening the form again shows the same refusal instead of the questions.
    again = client.get(take_url(participation, knowledge))
    assert expected in text_of(again)
    assert 'name="phase"' not in text_of(again)


def test_concurrent_second_submission_is_refused_by_the_database(session, knowledge, monkeypatch):
    """Two submissions racing: both pass the check, the unique constraint refuses the second one."""
    participation = session.own[0]
    answer(knowledge, participation, "pre", right="all")
    before = db_snapshot()
    real = queries.own_attempt
    calls = []

    def not_yet(*args):  # the first look happens before the other submission is committed
        calls.append(args)
        return None if len(calls) == 1 else real(*args)

    monkeypatch.setattr(queries, "own_attempt", not_yet)
    with pytest.raises(services.AlreadyAnswered) as refused, translation.override("en"):
        services.submit_attempt(knowledge, participation, "pre", right_answers(knowledge))
    assert "You have already answered this test before the session on" in str(refused.value.messages[0])
    assert db_snapshot() == before
    # The same race through the page gives the clear message, not an error.
    calls.clear()
    response = english_client().post(take_url(participation, knowledge), payload(knowledge))
    assert response.status_code == 409
    assert "You have already answered this test before the session on" in text_of(response)
    assert db_snapshot() == before


def test_integrity_error_of_another_kind_is_not_hidden(session, knowledge, monkeypatch):
    def broken(*args, **kwargs):
        raise IntegrityError("something else")

    monkeypatch.setattr(Attempt.objects, "create", broken)
    with pytest.raises(IntegrityError):
        services.submit_attempt(knowledge, session.own[0], "pre", right_answers(knowledge))


def test_closed_test_is_refused_and_changes_nothing(session, knowledge):
    Assessment.objects.filter(pk=knowledge.pk).update(open_phase="closed")
    client = english_client()
    response = client.get(take_url(session.own[0], knowledge))
    assert "This test is not open for answers now." in text_of(response)
    before = db_snapshot()
    response = client.post(take_url(session.own[0], knowledge), payload(knowledge))
    assert response.status_code == 400
    assert "This test closed while you were answering, so your answers were not recorded." in text_of(response)
    assert db_snapshot() == before
    with pytest.raises(services.ValidationError):
        services.submit_attempt(knowledge, session.own[0], "pre", right_answers(knowledge))


def test_form_of_the_test_before_posted_after_it_closed_is_not_taken_as_the_test_after(session, knowledge):
    Assessment.objects.filter(pk=knowledge.pk).update(open_phase="post")
    before = db_snapshot()
    response = english_client().post(take_url(session.own[0], knowledge), payload(knowledge, phase="pre"))
    assert response.status_code == 400
    assert "This part of the test closed while you were answering" in text_of(response)
    assert db_snapshot() == before


def test_token_never_shows_another_persons_answers(session, knowledge, bank):
    alice, bob = session.own[0], session.other[0]
    client = english_client()
    Assessment.objects.filter(pk=knowledge.pk).update(open_phase="pre")
    client.post(take_url(alice, knowledge), payload(knowledge, {"numeric": "0,81"}))
    Assessment.objects.filter(pk=knowledge.pk).update(open_phase="post")
    client.post(take_url(alice, knowledge), payload(knowledge, {"numeric": "0,79"}, phase="post"))
    alice_done = text_of(client.get(reverse("assessments:take_done", args=[alice.token, knowledge.pk])))
    assert "0.79" in alice_done  # her own answer, shown to her
    # Bob's link: his own list, nothing of Alice; his result page has nothing to show until he answers.
    bob_list = text_of(client.get(reverse("assessments:take_list", args=[bob.token])))
    assert alice.person.full_name not in bob_list
    assert "Answered before the session" not in bob_list
    bob_done = client.get(reverse("assessments:take_done", args=[bob.token, knowledge.pk]))
    assert bob_done.status_code == 302 and bob_done["Location"] == take_url(bob, knowledge)
    bob_form = text_of(client.get(take_url(bob, knowledge)))
    assert "0.79" not in bob_form and "0,79" not in bob_form and alice.person.full_name not in bob_form


def test_after_the_test_after_the_explanations_and_correct_answers_are_shown(session, knowledge, bank):
    participation = session.own[0]
    answer(knowledge, participation, "pre")
    Assessment.objects.filter(pk=knowledge.pk).update(open_phase="post")
    client = english_client()
    response = client.post(take_url(participation, knowledge), payload(knowledge, phase="post"))
    assert response.status_code == 302
    page = text_of(client.get(response["Location"]))
    assert "0 / 4" in page and "4 / 4" in page
    assert "Niger has 8 regions." in page
    assert "correct answer" in page


def test_evaluation_needs_every_scale_but_no_comment(session, bank):
    evaluation = make_assessment(
        session.meeting, Assessment.Kind.EVALUATION, [bank.likert, bank.text], open_phase="post", title="Évaluation"
    )
    url = take_url(session.own[0], evaluation)
    client = english_client()
    before = db_snapshot()
    response = client.post(url, {"phase": "post", f"q{bank.text.pk}": "Bien"})
    assert response.status_code == 400 and db_snapshot() == before
    response = client.post(url, {"phase": "post", f"q{bank.likert.pk}": "6"})
    assert response.status_code == 400 and db_snapshot() == before
    response = client.post(url, {"phase": "post", f"q{bank.likert.pk}": "4", f"q{bank.text.pk}": ""})
    assert response.status_code == 302
    attempt = Attempt.objects.get(assessment=evaluation)
    assert attempt.max_score == 0
    assert {a.question_id: (a.scale, a.text) for a in attempt.answers.all()} == {
        bank.likert.pk: (4, ""),
        bank.text.pk: (None, ""),
    }


def test_signed_in_member_reaches_their_tests(world, session, knowledge):
    person = session.own[0].person
    person.user = world.users["member"]
    person.save()
    client = english_client(world, "member")
    page = text_of(client.get(reverse("assessments:assessments", args=[world.workspace.slug])))
    assert reverse("assessments:take_list", args=[session.own[0].token]) in page
    page = text_of(client.get(reverse("assessments:assessment", args=[world.workspace.slug, knowledge.pk])))
    assert reverse("assessments:take_list", args=[session.own[0].token]) in page
    # …and never anyone else's link.
    for other in [session.own[1], *session.other]:
        assert other.token not in page
