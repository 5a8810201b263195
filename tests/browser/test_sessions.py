"""The sessions journey (issue #5's acceptance), end to end in real browsers: the secretariat plans an information
session, invites an institution's people and e-mails them, prepares a knowledge test from the demo's question bank
and opens it before the session; at the door, on a phone, people are checked in; each participant answers the test
before and after the session on a phone through their personal link (once only); the secretariat reads the learning
gain on the test's results and, once the expected result rests on it, on the results dashboard; an observer reads
the same figures without a name. axe finds nothing serious on any page of the journey.
"""

import re
import zoneinfo
from dataclasses import dataclass
from email.utils import parseaddr

import pytest
from django.utils import timezone, translation
from django.utils.text import capfirst
from playwright.sync_api import expect

from cadre.assessments import demo as assessments_demo
from cadre.assessments.models import Assessment, Attempt, Question
from cadre.assessments.scoring import Comparison
from cadre.directory.models import Country, Institution, Person
from cadre.meetings.models import Meeting, Participation
from cadre.reports.models import Evidence
from cadre.reports.templatetags.reports import gain as gain_text
from cadre.workspaces.models import Workspace

from .conftest import DESKTOP, PHONE, format_violations, french, horizontal_overflow, run_axe

MAIN = "niger-irregular-migration"
SECRETARIAT = "secretariat@demo.example.org"
OBSERVER = "observer@demo.example.org"
THEME = "border-management"
MEETING_TITLE = "Session d'information sur la gestion des frontières (essai)"
ITEM_TITLE = "Le cadre juridique des contrôles aux frontières (essai)"
TEST_TITLE = "Test de connaissances — gestion des frontières (essai)"
QUESTIONS = 3


@dataclass
class Invitee:
    name: str
    email: str
    right_before: int  # how many of the QUESTIONS this person answers right before the session…
    right_after: int  # …and after it
    link: str = ""


# One does badly before and learns everything, one learns some, one learns nothing: a gain, not a perfect one.
INVITEES = [
    Invitee("Aïcha Moussa (essai)", "aicha.moussa@example.org", right_before=0, right_after=3),
    Invitee("Ibrahim Souley (essai)", "ibrahim.souley@example.org", right_before=1, right_after=3),
    Invitee("Mariama Issa (essai)", "mariama.issa@example.org", right_before=2, right_after=2),
]


@pytest.fixture
def institution(site):
    """A directorate whose three people (fictitious) are in the directory, and nobody else."""
    niger = Country.objects.get(code="NE")
    institution = Institution.objects.create(
        name_fr="Direction de la surveillance du territoire (essai)",
        acronym="DST-E",
        kind=Institution.Kind.DIRECTORATE,
        country=niger,
    )
    for invitee in INVITEES:
        Person.objects.create(
            full_name=invitee.name, email=invitee.email, function="Officier (essai)", institution=institution
        )
    return institution


@pytest.fixture
def bank(site):
    """The demo's question bank; the test takes three one-answer questions of the border-management theme."""
    from django.contrib.auth import get_user_model

    from cadre.core.services import change_by

    workspace = Workspace.objects.get(slug=MAIN)
    with change_by(get_user_model().objects.get(email=SECRETARIAT)):
        found = assessments_demo.question_bank(workspace)
    questions = [
        question
        for question in found["knowledge"][THEME]
        if question.kind in (Question.Kind.SINGLE, Question.Kind.TRUE_FALSE)
    ][:QUESTIONS]
    assert len(questions) == QUESTIONS, "the demo bank has too few one-answer questions on border management"
    return questions


# --- helpers -----------------------------------------------------------------------------------------------


def _axe(site, page, where, viewport=DESKTOP):
    """axe on the page's address, in a context that bypasses the CSP (axe is injected inline) with its cookies."""
    checker = site.new_page(viewport, bypass_csp=True)
    checker.context.add_cookies(page.context.cookies())
    checker.goto(page.url)
    violations = run_axe(checker)
    checker.context.close()
    site.contexts.remove(checker.context)
    assert not violations, format_violations(where, violations)


def _field(scope, label):
    """The field labelled exactly `label`, whether or not the label carries the "required" star."""
    return scope.get_by_label(re.compile(rf"^\s*{re.escape(label)}(\s*\*)?\s*$"))


def _fits(page, where):
    width, window = horizontal_overflow(page)
    assert width <= window, f"{where} scrolls sideways: {width} px in a {window} px window"


def _today_in_niamey():
    return timezone.now().astimezone(zoneinfo.ZoneInfo("Africa/Niamey")).date()


def _fr(value) -> str:
    """A figure as the French dashboard writes it."""
    with translation.override("fr"):
        return value()


def _answer(page, questions, right):
    """Answer every question of the open form: the first `right` correctly, the others wrongly."""
    for index, question in enumerate(questions):
        choices = list(question.choices.order_by("order", "pk"))
        wanted = next(choice for choice in choices if choice.is_correct == (index < right))
        page.locator(f"#question-{question.pk}").get_by_label(wanted.text_fr, exact=True).check()


def _take(site, invitee, questions, phase, *, right, log, check=None):
    """One participant on a phone: their tests, the open part, their answers, the thank-you page."""
    context = site.new_context(PHONE)
    log(context)
    page = context.new_page()
    page.goto(invitee.link)
    expect(page.get_by_role("heading", level=1)).to_have_text(french("My tests"))
    expect(page.locator("main")).to_contain_text(invitee.name)
    label = "Answer (before the session)" if phase == Assessment.Phase.PRE else "Answer (after the session)"
    page.get_by_role("link", name=french(label)).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TEST_TITLE)
    expect(page.locator("fieldset.question")).to_have_count(QUESTIONS)
    if check:
        check(page)
    # Sending with nothing answered records nothing and marks every question left.
    page.get_by_role("button", name=french("Send my answers")).click()
    expect(page.locator("#form-errors")).to_be_visible()
    expect(page.locator(".question.field-invalid")).to_have_count(QUESTIONS)
    _answer(page, questions, right)
    page.get_by_role("button", name=french("Send my answers")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(french("Thank you!"))
    expect(page.locator("#my-score")).to_contain_text(f"{right} / {QUESTIONS}")
    return page


# --- the journey ---------------------------------------------------------------------------------------------


@pytest.mark.browser
def test_a_session_end_to_end(site, institution, bank, console_log, mailoutbox):
    workspace = Workspace.objects.get(slug=MAIN)
    theme = workspace.themes.get(code=THEME)
    logs = []

    def log(context):
        logs.append(console_log(context))

    # 1. The secretariat, on a laptop, plans the information session…
    context = site.new_context(DESKTOP)
    log(context)
    desk = context.new_page()
    site.sign_in(desk, SECRETARIAT)
    desk.goto(f"{site.url}/w/{MAIN}/meetings/")
    expect(desk.get_by_role("heading", level=1)).to_have_text(french("Meetings"))
    desk.get_by_role("link", name=french("New meeting")).click()
    _field(desk, capfirst(french("kind"))).select_option(label=french(Meeting.Kind.INFORMATION_SESSION.label))
    desk.get_by_label(french("title (French)")).fill(MEETING_TITLE)
    _field(desk, french("Date")).fill(_today_in_niamey().isoformat())
    _field(desk, french("Starts at")).fill("08:00")
    _field(desk, french("Ends at")).fill("17:00")
    _field(desk, capfirst(french("place"))).fill("Niamey, salle de conférence du ministère")
    _field(desk, theme.name_fr).check()
    desk.get_by_role("button", name=french("Save")).click()
    expect(desk.get_by_role("heading", level=1)).to_have_text(MEETING_TITLE)
    meeting = Meeting.objects.get(workspace=workspace, title_fr=MEETING_TITLE)
    assert meeting.kind == Meeting.Kind.INFORMATION_SESSION
    assert meeting.local_start.date() == _today_in_niamey() and list(meeting.themes.all()) == [theme]

    # …with an agenda item…
    desk.get_by_role("link", name=french("Add an item")).click()
    desk.get_by_label(french("title (French)")).fill(ITEM_TITLE)
    _field(desk, capfirst(french("time"))).fill("09:30")
    desk.get_by_role("button", name=french("Save")).click()
    expect(desk.get_by_role("heading", level=1)).to_have_text(MEETING_TITLE)
    expect(desk.locator("#agenda")).to_contain_text(ITEM_TITLE)
    assert list(meeting.agenda.values_list("title_fr", flat=True)) == [ITEM_TITLE]

    # …invites the directorate's people (chosen by institution, all proposed ticked)…
    desk.locator(".page-head").get_by_role("link", name=french("Participants"), exact=True).click()
    desk.get_by_role("link", name=french("Invite"), exact=True).click()
    _field(desk, french("Institutions")).select_option(value=str(institution.pk))
    people = desk.locator("#candidates input[name=people]")
    expect(people).to_have_count(len(INVITEES))
    for invitee in INVITEES:
        expect(_field(desk, invitee.name)).to_be_checked()
    desk.get_by_role("button", name=french("Invite the people ticked")).click()
    expect(desk.get_by_role("heading", level=1)).to_have_text(french("Participants"))
    for invitee in INVITEES:
        expect(desk.locator("#participants")).to_contain_text(invitee.name)
    participations = Participation.objects.filter(meeting=meeting)
    assert sorted(participations.values_list("person__full_name", flat=True)) == sorted(i.name for i in INVITEES)
    assert set(participations.values_list("institution", flat=True)) == {institution.pk}

    # …and e-mails the invitation (the test's e-mail backend keeps the messages).
    desk.locator("form[action$='/invitations/send/']").get_by_role("button").click()
    expect(desk.locator(".messages")).to_be_visible()
    assert sorted(parseaddr(address)[1] for message in mailoutbox for address in message.to) == sorted(
        i.email for i in INVITEES
    )
    assert all(MEETING_TITLE in message.body for message in mailoutbox)
    assert participations.filter(invitation_sent_at__isnull=True).count() == 0

    # 2. The knowledge test: made from the meeting's page, its questions picked from the bank, opened before.
    desk.goto(f"{site.url}{meeting.get_absolute_url()}")
    desk.get_by_role("link", name=french("New test for this meeting")).click()
    expect(_field(desk, capfirst(french("meeting")))).to_have_value(str(meeting.pk))
    _field(desk, capfirst(french("kind"))).select_option(label=french(Assessment.Kind.KNOWLEDGE.label))
    desk.get_by_label(french("title (French)")).fill(TEST_TITLE)
    desk.get_by_role("button", name=french("Save")).click()
    expect(desk.get_by_role("heading", level=1)).to_have_text(TEST_TITLE)
    assessment = Assessment.objects.get(meeting=meeting, title_fr=TEST_TITLE)
    desk.get_by_role("link", name=french("Add questions from the bank")).first.click()
    for question in bank:
        desk.get_by_label(question.text_fr).check()
    desk.get_by_role("button", name=french("Add the ticked questions")).click()
    expect(desk.locator("#questions ol.test-items > li")).to_have_count(QUESTIONS)
    assert [item.question for item in assessment.items.order_by("order")] == bank
    desk.get_by_role("button", name=french("Open before the session")).click()
    expect(desk.locator("#open-phase")).to_have_text(french(Assessment.Open.PRE.label))

    # The participants' personal links, as the secretariat hands them out.
    desk.get_by_role("link", name=french("Participants' personal links")).click()
    for invitee in INVITEES:
        row = desk.locator("#links tbody tr", has_text=invitee.name)
        invitee.link = row.get_by_role("link").get_attribute("href")
        token = Participation.objects.get(meeting=meeting, person__full_name=invitee.name).token
        assert invitee.link.endswith(f"/a/{token}/")

    # 3. Check-in at the door, on a phone: find a name, tap "Present"; the counts follow.
    context = site.new_context(PHONE)
    log(context)
    door = context.new_page()
    site.sign_in(door, SECRETARIAT)
    door.goto(f"{site.url}/w/{MAIN}/meetings/{meeting.pk}/participants/")
    door.get_by_role("link", name=french("Check-in"), exact=True).click()
    expect(door.get_by_role("heading", level=1)).to_contain_text(french("Check-in"))
    expect(door.locator("#present-count")).to_have_text("0")
    expect(door.locator("#expected-count")).to_have_text(str(len(INVITEES)))
    for present, invitee in enumerate(INVITEES[:2], start=1):
        door.get_by_role("searchbox", name=french("Find a name")).fill(invitee.name.split()[1])
        rows = door.locator("#checkin li.checkin-row")
        expect(rows).to_have_count(1)
        expect(rows).to_contain_text(invitee.name)
        rows.get_by_role("button", name=french("Present"), exact=True).click()
        expect(door.locator("#present-count")).to_have_text(str(present))
        expect(rows.get_by_role("button")).to_have_attribute("aria-pressed", "true")
    assert participations.filter(status=Participation.Status.ATTENDED).count() == 2
    assert participations.get(person__full_name=INVITEES[2].name).status == Participation.Status.INVITED
    _fits(door, "the check-in on a phone")
    _axe(site, door, "the check-in (phone)", PHONE)

    # 4. Each participant answers the test before the session on a phone, once.
    def axe_on_the_form(page):
        _fits(page, "the test form on a phone")
        _axe(site, page, "the participant's test form (phone)", PHONE)

    first = INVITEES[0]
    _take(site, first, bank, Assessment.Phase.PRE, right=first.right_before, log=log, check=axe_on_the_form)
    for invitee in INVITEES[1:]:
        _take(site, invitee, bank, Assessment.Phase.PRE, right=invitee.right_before, log=log)
    attempts = Attempt.objects.filter(assessment=assessment, phase=Assessment.Phase.PRE)
    assert attempts.count() == len(INVITEES)

    # The same link again: the answers are kept, nothing else is asked.
    again = site.new_page(PHONE)
    again.goto(f"{first.link}{assessment.pk}/")
    expect(again.locator("#refusal")).to_contain_text(
        french("Each test is answered once: your first answers are kept and nothing was changed.")
    )
    again.goto(first.link)
    expect(again.locator(f"#test-{assessment.pk}")).to_contain_text(
        french("You have answered this part; the next one opens later.")
    )
    assert attempts.count() == len(INVITEES)

    # 5. After the session the secretariat opens the test after; everyone answers better (or the same).
    desk.goto(f"{site.url}{assessment.get_absolute_url()}")
    desk.get_by_role("button", name=french("Open after the session")).click()
    expect(desk.locator("#open-phase")).to_have_text(french(Assessment.Open.POST.label))
    # The first participant also has the form open in a second tab, filled in otherwise, sent too late.
    stale = site.new_page(PHONE)
    stale.goto(f"{first.link}{assessment.pk}/")
    _answer(stale, bank, right=0)
    for invitee in INVITEES:
        page = _take(site, invitee, bank, Assessment.Phase.POST, right=invitee.right_after, log=log)
        expect(page.locator("#my-score")).to_contain_text(f"{invitee.right_before} / {QUESTIONS}")
        expect(page.locator("#my-answers")).to_be_visible()  # the explanations, once the test after is answered
        _fits(page, "a participant's result on a phone")
    stale.get_by_role("button", name=french("Send my answers")).click()
    expect(stale.locator("#refusal")).to_contain_text(
        french("Each test is answered once: your first answers are kept and nothing was changed.")
    )
    posted = Attempt.objects.filter(assessment=assessment, phase=Assessment.Phase.POST)
    assert posted.count() == len(INVITEES)
    assert posted.get(participation__person__full_name=first.name).score == first.right_after

    # 6. The test's results: the learning gain over the people who answered both, and each person's figures.
    before = sum(i.right_before for i in INVITEES)
    after = sum(i.right_after for i in INVITEES)
    total = QUESTIONS * len(INVITEES)
    overall = Comparison(pre_score=before, pre_max=total, post_score=after, post_max=total, people=len(INVITEES))
    desk.goto(f"{site.url}{assessment.get_absolute_url()}")
    desk.locator(".page-head").get_by_role("link", name=french("Results"), exact=True).click()
    figures = desk.locator("#overall")
    expect(figures).to_contain_text(f"{overall.pre_percent:.0f} %")
    expect(figures).to_contain_text(f"{overall.post_percent:.0f} %")
    expect(figures).to_contain_text(f"{overall.gain_percent:.0f} %")
    expect(figures).to_contain_text(f"{len(INVITEES)} {french('people answered both')}")
    for invitee in INVITEES:
        expect(desk.locator("#participants")).to_contain_text(invitee.name)
    _axe(site, desk, "the test's results")

    # The expected result on border management rests on the knowledge gain on that theme (the evidence page)…
    desk.goto(f"{site.url}/w/{MAIN}/reports/")
    desk.get_by_role("link", name=french("Choose the evidence")).click()
    result = workspace.expected_results.get(number=3)
    fieldset = desk.locator(f"#result-{result.number}")
    _field(fieldset, french(Evidence.Measure.KNOWLEDGE_GAIN.label)).check()
    _field(fieldset, theme.name_fr).check()
    desk.get_by_role("button", name=french("Save")).click()
    expect(desk.get_by_role("heading", level=1)).to_have_text(french("Expected results and their evidence"))
    assert list(Evidence.objects.get(expected_result=result).themes.all()) == [theme]
    # …and the dashboard shows the learning gain there.
    card = desk.locator(f"#result-{result.number}")
    expect(card.locator(".learning-gain")).to_contain_text(_fr(lambda: gain_text(overall)))
    expect(card).to_contain_text(french("Participants tested before and after"))
    _axe(site, desk, "the results dashboard")

    # The secretariat's other pages of the journey pass axe too.
    desk.goto(f"{site.url}/w/{MAIN}/meetings/")
    expect(desk.locator("#results")).to_contain_text(MEETING_TITLE)
    _axe(site, desk, "the meetings list")
    desk.goto(f"{site.url}{meeting.get_absolute_url()}")
    expect(desk.locator("#meeting-tests")).to_contain_text(TEST_TITLE)
    _axe(site, desk, "the meeting's page")

    # 7. An observer reads the same figures, without a single name.
    context = site.new_context(DESKTOP)
    log(context)
    observer = context.new_page()
    site.sign_in(observer, OBSERVER)
    observer.goto(f"{site.url}/w/{MAIN}/assessments/{assessment.pk}/results/")
    expect(observer.locator("#overall")).to_contain_text(f"{overall.gain_percent:.0f} %")
    expect(observer.locator("#participants")).to_have_count(0)
    text = observer.locator("body").inner_text()
    for invitee in INVITEES:
        assert invitee.name not in text and invitee.name.split()[0] not in text
    assert observer.request.get(f"{site.url}/w/{MAIN}/assessments/{assessment.pk}/results.csv").status == 403
    _axe(site, observer, "the test's results (observer)")
    observer.goto(f"{site.url}/w/{MAIN}/reports/")
    expect(observer.locator(f"#result-{result.number} .learning-gain")).to_contain_text(_fr(lambda: gain_text(overall)))

    # No page of the journey broke the Content Security Policy or raised a script error.
    for entry in logs:
        assert not entry.csp_violations(), entry.csp_violations()
        # (a form sent with answers missing is answered 400, on purpose: that one is expected)
        errors = [text for text in entry.errors() if "status of 400" not in text]
        assert not errors, errors
