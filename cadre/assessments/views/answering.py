"""A participant answers through their personal link (no account): the list of their tests, one form per open
phase, and their own result afterwards. A link shows its own person's answers, never anyone else's."""

from functools import wraps

from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from .. import queries, services
from ..forms import AnswerForm
from ..models import Assessment

# Explanations and correct answers are shown once the test after the session is answered (or for a test given
# once): shown after the test before, they would give away the answers of the test after.


def personal_link(view):
    """A page reached by a personal link: not cached, and its address (the link) never sent to another page as
    the referrer, where it would end up in that server's logs (this site's own included: a page opened from
    here, e.g. the sign-in page on a shared phone, would log the link)."""

    @never_cache
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        # "strict-origin": the referrer is the site's address only, never the path holding the link. Not
        # "no-referrer": with it, browsers send `Origin: null` with the answers' POST, which Django's CSRF check
        # refuses (403); with "strict-origin" the Origin (and, failing it, the Referer) still matches the site.
        response["Referrer-Policy"] = "strict-origin"
        return response

    return wrapped


def _context(participation, **extra):
    return {"participation": participation, "meeting": participation.meeting, "token": participation.token, **extra}


@personal_link
def take_list(request, token):
    participation = queries.get_participation_for_token(token)
    tests = queries.tests_for_participation(participation)
    for test in tests:
        done = {attempt.phase: attempt for attempt in test.own_attempts}
        test.done = done
        test.answered_open = test.open_phase in done
        test.all_done = all(phase in done for phase in test.phases)
    return render(request, "assessments/take_list.html", _context(participation, tests=tests))


@personal_link
@require_http_methods(["GET", "POST"])
def take(request, token, pk):
    participation = queries.get_participation_for_token(token)
    assessment = queries.get_assessment_for_participation(participation, pk)
    phase = assessment.open_phase
    questions = queries.questions_for_answering(assessment)
    # A form posted for the test before the session after that phase was closed is not taken as another phase.
    posted_phase = request.POST.get("phase") if request.method == "POST" else phase
    if phase == Assessment.Open.CLOSED or posted_phase != phase or not questions:
        status = 400 if request.method == "POST" else 200
        ctx = _context(participation, assessment=assessment, posted=request.method == "POST")
        return render(request, "assessments/take_closed.html", ctx, status=status)
    existing = queries.own_attempt(assessment, participation, phase)
    if existing is not None:
        return _already(request, participation, assessment, existing)
    form = AnswerForm(request.POST if request.method == "POST" else None, questions=questions)
    if request.method == "POST" and form.is_valid():
        try:
            services.submit_attempt(assessment, participation, phase, form.answers())
        except services.AlreadyAnswered as refused:
            return _already(request, participation, assessment, refused.attempt)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("assessments:take_done", participation.token, assessment.pk)
    ctx = _context(
        participation,
        assessment=assessment,
        form=form,
        phase=phase,
        phase_label=Assessment.Phase(phase).label,
        rows=form.rows(),
    )
    return render(request, "assessments/take_form.html", ctx, status=400 if request.method == "POST" else 200)


def _already(request, participation, assessment, attempt):
    attempt.assessment = assessment
    ctx = _context(
        participation,
        assessment=assessment,
        message=services.already_answered_message(attempt),
    )
    return render(request, "assessments/take_refused.html", ctx, status=409 if request.method == "POST" else 200)


@personal_link
def take_done(request, token, pk):
    """The participant's own result: score(s) and, once the last phase is answered, the explanations."""
    participation = queries.get_participation_for_token(token)
    assessment = queries.get_assessment_for_participation(participation, pk)
    attempts = queries.own_attempts_with_answers(assessment, participation)
    if not attempts:
        return redirect("assessments:take", participation.token, assessment.pk)
    by_phase = {attempt.phase: attempt for attempt in attempts}
    reveal = assessment.is_scored and Assessment.Phase.POST in by_phase
    details = []
    if reveal:
        for answer in by_phase[Assessment.Phase.POST].answers.all():
            question = answer.question
            chosen = set(answer.choice_ids or [])
            details.append(
                {
                    "question": question,
                    "answer": answer,
                    "choices": [{"choice": choice, "chosen": choice.pk in chosen} for choice in question.choices.all()],
                    "correct": answer.max_score and answer.score >= answer.max_score,
                }
            )
    ctx = _context(
        participation,
        assessment=assessment,
        attempts=attempts,
        by_phase=by_phase,
        reveal=reveal,
        details=details,
        open_next=assessment.open_phase not in by_phase and assessment.open_phase != Assessment.Open.CLOSED,
    )
    return render(request, "assessments/take_done.html", ctx)
