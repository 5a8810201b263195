"""Calling the focal points of a monitoring round by e-mail, and reminding the late ones (planning/notify.py).

Focal points are the current members and partners of an institution that answers for an indicator or leads an
action of the plan. One message per person, in their account's language, with the link to the report page; a
call is sent once (unless asked again), a reminder at most once a week and only to the late; a refused
recipient is reported and tried again next time; nothing is sent for a closed round.
"""

import datetime
import smtplib
from io import StringIO

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from cadre.planning import notify
from cadre.planning.models import ActionReport, Measurement, MonitoringRound, RoundNotice
from cadre.workspaces.roles import Role

from ..core.helpers import db_snapshot, element_text, english, text_of
from ..factories import InstitutionFactory, MembershipFactory, UserFactory
from .factories import IndicatorFactory
from .test_rounds import open_round, round_url

BASE = "https://cadre.example.org/"
DUE = datetime.date(2019, 3, 31)  # open_round's due date


class FailingForOneBackend(EmailBackend):
    """The locmem back-end, except that the server refuses one address."""

    refused = "partner@example.org"

    def send_messages(self, messages):
        for message in messages:
            if any(self.refused in recipient for recipient in message.to):
                raise smtplib.SMTPRecipientsRefused({self.refused: (550, b"mailbox unavailable")})
        return super().send_messages(messages)


def in_language(language, msgid, **params):
    with translation.override(language):
        text = translation.gettext(msgid)
    return text % params if params else text


@pytest.fixture
def round_(world, planned):
    return open_round(planned)


@pytest.fixture
def police_member(world, planned):
    """A member of the other institution, which answers for `other_indicator` and leads `other_action`."""
    user = UserFactory(email="dst@example.org", full_name="Agent DST", language="en")
    return MembershipFactory(
        user=user, workspace=world.workspace, role=Role.MEMBER, institution=planned.other_institution
    )


def _emails(points):
    return sorted(point.user.email for point in points)


def _submit(round_, indicator, status=Measurement.Status.SUBMITTED):
    return Measurement.objects.create(
        indicator=indicator,
        round=round_,
        period_start=round_.period_start,
        period_end=round_.period_end,
        value=3,
        status=status,
    )


def _mark_done(round_, planned):
    """The personas' institution has reported everything of its own."""
    _submit(round_, planned.own_indicator)
    ActionReport.objects.create(round=round_, action=planned.own_action, status="ongoing")


# --- who is a focal point, and what they have to report ---------------------------------------------------


def test_focal_points_are_current_members_and_partners_of_institutions_with_something_to_report(
    world, planned, round_, police_member
):
    elsewhere = InstitutionFactory(name_fr="Office sans indicateur")
    MembershipFactory(
        user=UserFactory(email="idle@example.org"), workspace=world.workspace, role=Role.MEMBER, institution=elsewhere
    )
    MembershipFactory(  # left the workspace last year
        user=UserFactory(email="former@example.org"),
        workspace=world.workspace,
        role=Role.PARTNER,
        institution=world.institution,
        valid_to=timezone.localdate() - datetime.timedelta(days=365),
    )
    MembershipFactory(  # joins next month
        user=UserFactory(email="future@example.org"),
        workspace=world.workspace,
        role=Role.MEMBER,
        institution=world.institution,
        valid_from=timezone.localdate() + datetime.timedelta(days=30),
    )
    MembershipFactory(  # a member of another workspace's same institution
        user=UserFactory(email="other-ws@example.org"),
        workspace=world.other_workspace,
        role=Role.MEMBER,
        institution=world.institution,
    )
    points = notify.focal_points(round_)
    # Not the secretariat (it reports for all), nor the expert and observer (no report_monitoring).
    assert _emails(points) == ["dst@example.org", "member@example.org", "partner@example.org"]


def test_focal_points_count_what_their_institution_reports_and_what_is_missing(world, planned, round_, police_member):
    extra = IndicatorFactory(
        workspace=world.workspace,
        plan=planned.plan,
        objective=planned.result,
        responsible_institution=world.institution,
    )
    _submit(round_, planned.own_indicator)  # submitted: done
    _submit(round_, extra, status=Measurement.Status.DRAFT)  # a draft is still missing
    ActionReport.objects.create(round=round_, action=planned.own_action, status="ongoing")
    # A value sent back is missing again; a value of another round does not count for this one.
    _submit(round_, planned.other_indicator, status=Measurement.Status.REOPENED)
    earlier = open_round(
        planned, title_fr="2017", period_start=datetime.date(2017, 1, 1), period_end=datetime.date(2017, 12, 31)
    )
    ActionReport.objects.create(round=earlier, action=planned.other_action, status="ongoing")
    by_email = {point.user.email: point for point in notify.focal_points(round_)}
    own = by_email["member@example.org"]
    assert (own.indicators, own.indicators_missing, own.actions, own.actions_missing) == (2, 1, 1, 0)
    assert own.missing == 1
    police = by_email["dst@example.org"]
    assert (police.indicators, police.indicators_missing, police.actions, police.actions_missing) == (1, 1, 1, 1)


def test_focal_points_cost_the_same_queries_whatever_the_number_of_institutions(world, planned, round_):
    with CaptureQueriesContext(connection) as few:
        notify.focal_points(round_)
    for n in range(10):
        institution = InstitutionFactory()
        IndicatorFactory(
            workspace=world.workspace, plan=planned.plan, objective=planned.result, responsible_institution=institution
        )
        membership = MembershipFactory(
            user=UserFactory(email=f"fp{n}@example.org"),
            workspace=world.workspace,
            role=Role.PARTNER,
            institution=institution,
        )
        RoundNotice.objects.create(round=round_, membership=membership, kind="call")
    with CaptureQueriesContext(connection) as many:
        assert len(notify.focal_points(round_)) == 12
    assert len(many.captured_queries) == len(few.captured_queries) == 4


# --- the call ------------------------------------------------------------------------------------------------


def test_call_sends_one_message_per_focal_point_in_their_language_with_the_report_link(
    world, planned, round_, police_member
):
    outcome = notify.send_call(round_, by=world.users["secretariat"], base_url=BASE)
    assert _emails(outcome.sent) == ["dst@example.org", "member@example.org", "partner@example.org"]
    assert outcome.failed == [] and outcome.without_email == []
    assert len(mail.outbox) == 3 and all(len(message.to) == 1 for message in mail.outbox)
    messages = {message.to[0].rsplit("<", 1)[-1].rstrip(">"): message for message in mail.outbox}
    link = BASE.rstrip("/") + round_url(world, planned, "round_report", round_)

    english_one = messages["dst@example.org"]  # their account is in English
    assert english_one.subject == in_language("en", "Monitoring round open: %(title)s", title="2018 annual report")
    assert link in english_one.body
    assert "31 March 2019" in english_one.body and "Agent DST" in english_one.body
    assert (
        in_language("en", "indicators: %(count)s (still missing: %(missing)s)", count=1, missing=1) in english_one.body
    )

    french_one = messages["member@example.org"]  # the default language
    assert french_one.subject == in_language("fr", "Monitoring round open: %(title)s", title="Rapport annuel 2018")
    assert link in french_one.body and "31 mars 2019" in french_one.body
    assert "1 janvier 2018" in french_one.body and "31 décembre 2018" in french_one.body
    assert planned.plan.title_fr in french_one.body
    assert in_language("fr", "Dear %(name)s,", name="Member Persona") in french_one.body

    notices = RoundNotice.objects.filter(round=round_, kind="call")
    assert sorted(notices.values_list("membership__user__email", flat=True)) == _emails(outcome.sent)
    assert set(notices.values_list("sent_by", flat=True)) == {world.users["secretariat"].pk}


def test_calling_twice_sends_only_to_those_not_called_yet_unless_asked_again(world, planned, round_):
    secretariat = world.users["secretariat"]
    notify.send_call(round_, by=secretariat, base_url=BASE)
    mail.outbox.clear()
    again = notify.send_call(round_, by=secretariat, base_url=BASE)
    assert again.sent == [] and mail.outbox == []

    newcomer = MembershipFactory(
        user=UserFactory(email="new@example.org"),
        workspace=world.workspace,
        role=Role.MEMBER,
        institution=world.institution,
    )
    third = notify.send_call(round_, by=secretariat, base_url=BASE)
    assert [point.membership for point in third.sent] == [newcomer]
    assert [message.to[0].endswith("<new@example.org>") for message in mail.outbox] == [True]

    mail.outbox.clear()
    everyone = notify.send_call(round_, by=secretariat, base_url=BASE, again=True)
    assert len(everyone.sent) == 3 and len(mail.outbox) == 3
    assert RoundNotice.objects.filter(round=round_, kind="call").count() == 6


def test_a_refused_recipient_is_reported_not_recorded_and_tried_again(world, planned, round_, settings):
    settings.EMAIL_BACKEND = f"{__name__}.FailingForOneBackend"
    outcome = notify.send_call(round_, by=world.users["secretariat"], base_url=BASE)
    assert _emails(outcome.sent) == ["member@example.org"]
    [(failed, reason)] = outcome.failed
    assert failed.user.email == "partner@example.org" and "mailbox unavailable" in reason
    assert len(mail.outbox) == 1
    assert list(RoundNotice.objects.values_list("membership__user__email", flat=True)) == ["member@example.org"]

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    retry = notify.send_call(round_, by=world.users["secretariat"], base_url=BASE)
    assert _emails(retry.sent) == ["partner@example.org"]


def test_a_focal_point_without_an_address_is_reported_and_not_recorded(world, planned, round_):
    world.users["partner"].__class__.objects.filter(pk=world.users["partner"].pk).update(email="")
    outcome = notify.send_call(round_, by=world.users["secretariat"], base_url=BASE)
    assert _emails(outcome.sent) == ["member@example.org"]
    assert [point.membership.user_id for point in outcome.without_email] == [world.users["partner"].pk]
    assert RoundNotice.objects.count() == 1


def test_no_call_for_a_closed_round(world, planned, round_):
    round_.status = MonitoringRound.Status.CLOSED
    round_.save()
    with pytest.raises(ValidationError):
        notify.send_call(round_, by=world.users["secretariat"], base_url=BASE)
    assert mail.outbox == [] and not RoundNotice.objects.exists()


# --- reminders -----------------------------------------------------------------------------------------------


def test_reminders_go_only_to_late_institutions_once_the_due_date_is_near(world, planned, round_, police_member):
    _mark_done(round_, planned)  # the personas' institution is up to date; the police is late
    secretariat = world.users["secretariat"]
    early = notify.send_reminders(round_, by=secretariat, base_url=BASE, today=DUE - datetime.timedelta(days=8))
    assert early.sent == [] and mail.outbox == []

    outcome = notify.send_reminders(round_, by=secretariat, base_url=BASE, today=DUE - datetime.timedelta(days=7))
    assert _emails(outcome.sent) == ["dst@example.org"]
    [message] = mail.outbox
    assert message.subject == in_language("en", "Reminder: %(title)s", title="2018 annual report")
    assert BASE.rstrip("/") + round_url(world, planned, "round_report", round_) in message.body
    assert RoundNotice.objects.get().kind == "reminder"


def test_reminders_go_on_after_the_due_date_at_most_once_a_week(world, planned, round_, police_member):
    _mark_done(round_, planned)
    secretariat = world.users["secretariat"]
    after = DUE + datetime.timedelta(days=20)
    first = notify.send_reminders(round_, by=secretariat, base_url=BASE, today=after)
    assert _emails(first.sent) == ["dst@example.org"]
    assert "were due" in mail.outbox[0].body  # overdue, said so (their account is in English)
    notice = RoundNotice.objects.get()
    # Six days later: left alone.
    notice.sent_at = timezone.make_aware(datetime.datetime.combine(after, datetime.time(9)))
    notice.save()
    second = notify.send_reminders(round_, by=secretariat, base_url=BASE, today=after + datetime.timedelta(days=6))
    assert second.sent == [] and _emails(second.skipped) == ["dst@example.org"] and len(mail.outbox) == 1
    # A week later: reminded again.
    third = notify.send_reminders(round_, by=secretariat, base_url=BASE, today=after + datetime.timedelta(days=7))
    assert _emails(third.sent) == ["dst@example.org"] and len(mail.outbox) == 2


def test_no_reminder_for_a_closed_round_or_once_everything_is_reported(world, planned, round_):
    secretariat = world.users["secretariat"]
    round_.status = MonitoringRound.Status.CLOSED
    round_.save()
    assert notify.send_reminders(round_, by=secretariat, base_url=BASE, today=DUE).sent == []
    assert notify.send_reminders(round_, by=secretariat, base_url=BASE, today=DUE, whenever=True).sent == []
    round_.status = MonitoringRound.Status.OPEN
    round_.save()
    _mark_done(round_, planned)
    assert notify.send_reminders(round_, by=secretariat, base_url=BASE, today=DUE).sent == []
    assert mail.outbox == [] and not RoundNotice.objects.exists()


def test_a_round_without_a_due_date_has_no_automatic_reminder(world, planned):
    round_ = open_round(planned, due_date=None)
    today = timezone.localdate()
    assert notify.send_reminders(round_, by=None, base_url=BASE, today=today).sent == []
    assert len(notify.send_reminders(round_, by=None, base_url=BASE, today=today, whenever=True).sent) == 2


# --- pages -------------------------------------------------------------------------------------------------------


def _client(world, persona, language="en"):
    client = world.client(persona)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def test_call_page_calls_and_says_how_many_by_name_for_failures(world, planned, round_, settings):
    settings.EMAIL_BACKEND = f"{__name__}.FailingForOneBackend"
    client = _client(world, "secretariat")
    response = client.post(round_url(world, planned, "round_call", round_), follow=True)
    page = text_of(response)
    assert response.redirect_chain[-1][0] == round_url(world, planned, "round", round_) + "#focal-points"
    assert english("%(count)s focal point called.", count=1) in page
    assert "1 focal point could not be reached: Partner Persona (" in page and "mailbox unavailable" in page
    assert len(mail.outbox) == 1


def test_call_page_says_who_has_no_address_and_when_nobody_is_left(world, planned, round_):
    world.users["partner"].__class__.objects.filter(pk=world.users["partner"].pk).update(email="")
    client = _client(world, "secretariat")
    page = text_of(client.post(round_url(world, planned, "round_call", round_), follow=True))
    assert "1 focal point has no e-mail address: Partner Persona." in page
    page = text_of(client.post(round_url(world, planned, "round_call", round_), follow=True))
    assert (
        english("Every focal point was called already: nobody was written to.") not in page
    )  # partner still lacks one
    assert len(mail.outbox) == 1


def test_call_page_for_a_closed_round_says_so_and_sends_nothing(world, planned, round_):
    round_.status = MonitoringRound.Status.CLOSED
    round_.save()
    client = _client(world, "secretariat")
    before = db_snapshot()
    for name in ("round_call", "round_remind"):
        response = client.post(round_url(world, planned, name, round_), follow=True)
        assert english("This monitoring round is closed: nobody was written to.") in text_of(response)
    assert mail.outbox == [] and db_snapshot() == before


def test_remind_page_reminds_the_late_ones_whatever_the_due_date(world, planned, police_member):
    round_ = open_round(planned, due_date=timezone.localdate() + datetime.timedelta(days=60))
    _mark_done(round_, planned)
    client = _client(world, "secretariat")
    page = text_of(client.post(round_url(world, planned, "round_remind", round_), follow=True))
    assert english("%(count)s focal point reminded.", count=1) in page
    assert [message.to[0] for message in mail.outbox] == ["Agent DST <dst@example.org>"]
    page = text_of(client.post(round_url(world, planned, "round_remind", round_), follow=True))
    assert "1 focal point was written to less than 7 days ago and was left alone." in page
    assert len(mail.outbox) == 1


@pytest.mark.parametrize("name", ["round_call", "round_remind"])
def test_only_the_secretariat_calls_and_reminds(world, planned, round_, name):
    url = round_url(world, planned, name, round_)
    clients = {persona: world.client(persona) for persona in ("outsider", "member", "partner", "expert", "observer")}
    secretariat = world.client("secretariat")
    before = db_snapshot()
    expected = {"outsider": 404, "member": 403, "partner": 403, "expert": 403, "observer": 403}
    assert {persona: client.post(url).status_code for persona, client in clients.items()} == expected
    assert secretariat.get(url).status_code == 405
    assert db_snapshot() == before and mail.outbox == []


def test_the_focal_points_box_is_for_the_secretariat_only(world, planned, round_, police_member):
    _submit(round_, planned.own_indicator, status=Measurement.Status.DRAFT)
    notify.send_call(round_, by=world.users["secretariat"], base_url=BASE)
    url = round_url(world, planned, "round", round_)
    page = _client(world, "secretariat").get(url).content.decode()
    box = element_text(page, "focal-points")
    assert "Agent DST" in box and "Member Persona" in box and "Partner Persona" in box
    assert "Secretariat Persona" not in box and "Observer Persona" not in box
    assert "1/1 indicators, 1/1 actions" in box  # a draft is still missing
    assert timezone.localdate().strftime("%m/%d/%Y") in box  # when they were called (English short dates)
    assert english("Call the focal points") in box and english("Remind the late ones") in box
    for persona in ("member", "partner", "expert", "observer"):
        page = _client(world, persona).get(url).content.decode()
        assert 'id="focal-points"' not in page and "Agent DST" not in page


def test_the_round_page_costs_the_same_with_2_and_20_focal_points(world, planned, round_):
    client = world.client("secretariat")
    url = round_url(world, planned, "round", round_)
    client.get(url)  # warm up (session, caches)
    with CaptureQueriesContext(connection) as two:
        assert client.get(url).status_code == 200
    assert len(notify.focal_points(round_)) == 2
    for n in range(18):
        institution = InstitutionFactory() if n % 2 else world.institution
        if n % 2:
            IndicatorFactory(
                workspace=world.workspace,
                plan=planned.plan,
                objective=planned.result,
                responsible_institution=institution,
            )
        membership = MembershipFactory(
            user=UserFactory(email=f"fp{n}@example.org"),
            workspace=world.workspace,
            role=Role.MEMBER,
            institution=institution,
        )
        RoundNotice.objects.create(round=round_, membership=membership, kind="reminder")
    assert len(notify.focal_points(round_)) == 20
    with CaptureQueriesContext(connection) as twenty:
        assert client.get(url).status_code == 200
    assert len(twenty.captured_queries) == len(two.captured_queries)


# --- the daily command ---------------------------------------------------------------------------------------


def test_command_reminds_every_open_round_due_soon_and_says_what_it_did(world, planned, police_member):
    today = timezone.localdate()
    due = open_round(planned, title_fr="Dû bientôt", due_date=today + datetime.timedelta(days=3))
    open_round(
        planned,
        title_fr="Plus tard",
        period_start=datetime.date(2017, 1, 1),
        period_end=datetime.date(2017, 12, 31),
        due_date=today + datetime.timedelta(days=30),
    )
    closed = open_round(
        planned,
        title_fr="Fermé",
        period_start=datetime.date(2016, 1, 1),
        period_end=datetime.date(2016, 12, 31),
        due_date=today,
        status="closed",
    )
    out = StringIO()
    call_command("send_round_reminders", "--base-url", BASE, "--dry-run", stdout=out)
    assert "would remind — niger/snlmi-2017-2021: Dû bientôt" in out.getvalue()
    assert "dst@example.org" in out.getvalue() and "Plus tard" not in out.getvalue() and "Fermé" not in out.getvalue()
    assert mail.outbox == [] and not RoundNotice.objects.exists()

    out = StringIO()
    call_command("send_round_reminders", "--base-url", BASE, stdout=out)
    assert "niger/snlmi-2017-2021: Dû bientôt" in out.getvalue() and "3 reminded, 0 failed" in out.getvalue()
    assert len(mail.outbox) == 3
    assert set(RoundNotice.objects.values_list("round", flat=True)) == {due.pk}
    assert not RoundNotice.objects.filter(round=closed).exists()

    out = StringIO()
    call_command("send_round_reminders", "--base-url", BASE, stdout=out)  # the next run, the same day
    assert "0 reminded, 0 failed, 0 without an e-mail address, 3 reminded recently" in out.getvalue()
    assert len(mail.outbox) == 3


def test_command_reports_failures_and_needs_the_site_address(world, planned, settings):
    open_round(planned, due_date=timezone.localdate())
    settings.EMAIL_BACKEND = f"{__name__}.FailingForOneBackend"
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError):
        call_command("send_round_reminders", "--base-url", BASE, stdout=out, stderr=err)
    assert "1 reminded, 1 failed" in out.getvalue() and "Partner Persona" in err.getvalue()
    with pytest.raises(CommandError):
        call_command("send_round_reminders", "--base-url", "", stdout=StringIO())


def test_a_focal_point_called_this_week_is_not_reminded_yet(world, planned, mailoutbox):
    """Nobody gets more than one message a week: a call counts like a reminder."""
    round_ = MonitoringRound.objects.create(
        plan=planned.plan,
        title_fr="Rapport annuel 2018",
        period_start=datetime.date(2018, 1, 1),
        period_end=datetime.date(2018, 12, 31),
        due_date=datetime.date(2019, 3, 31),
    )
    secretariat, base = world.users["secretariat"], "https://cadre.example.org"
    assert notify.send_call(round_, by=secretariat, base_url=base).sent
    mailoutbox.clear()
    called = timezone.make_aware(datetime.datetime(2019, 3, 28, 9))
    RoundNotice.objects.filter(round=round_).update(sent_at=called)
    outcome = notify.send_reminders(round_, by=secretariat, base_url=base, today=round_.due_date)
    assert not outcome.sent and outcome.skipped and mailoutbox == []
    later = round_.due_date + datetime.timedelta(days=5)
    outcome = notify.send_reminders(round_, by=secretariat, base_url=base, today=later)
    assert outcome.sent and len(mailoutbox) == len(outcome.sent)
