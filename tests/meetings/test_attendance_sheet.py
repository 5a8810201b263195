"""The printable attendance sheet: every invitee with institution and an empty signature column, the meeting's
key facts in the header, blank lines for walk-ins; contacts only for those allowed to see them."""

import datetime
import zoneinfo

import lxml.html
import pytest
from django.urls import reverse

from cadre.meetings import attendance
from cadre.meetings.models import Participation

from ..factories import InstitutionFactory, PersonFactory
from .factories import ParticipationFactory


def _tree(html):
    return lxml.html.document_fromstring(html)


def _rows(tree):
    """The sheet's body rows as lists of cell texts."""
    return [
        [cell.text_content().strip() for cell in row.xpath("./td")]
        for row in tree.xpath("//table[@class='sheet']/tbody/tr")
    ]


def _header(tree):
    return [cell.text_content().strip() for cell in tree.xpath("//table[@class='sheet']/thead//th")]


def _layout_text(document) -> str:
    """All the text WeasyPrint laid out on the pages, in order: what the PDF prints."""
    texts = []

    def walk(box):
        if hasattr(box, "text"):
            texts.append(box.text)
        for child in getattr(box, "children", ()):
            walk(child)

    for page in document.pages:
        walk(page._page_box)
    return " ".join(texts)


@pytest.fixture
def sheet_meeting(world, session):
    meeting = session.meeting
    meeting.starts_at = datetime.datetime(2016, 9, 12, 9, 0, tzinfo=zoneinfo.ZoneInfo("Africa/Niamey"))
    meeting.ends_at = datetime.datetime(2016, 9, 12, 16, 30, tzinfo=zoneinfo.ZoneInfo("Africa/Niamey"))
    meeting.online_link = "https://meet.example.org/session"
    meeting.save()
    names = ["Zara Daouda", "Abdou Sani", "Moussa Karimou", "Fati Idrissa"]
    for participation, name in zip(session.own + session.other, names, strict=True):
        participation.person.full_name = name
        participation.person.function = "Chef de division"
        participation.person.phone = "+227 20 00 00 00"
        participation.person.save()
    session.other[1].status = Participation.Status.DECLINED
    session.other[1].save()
    return meeting


def test_sheet_lists_every_invitee_by_institution_then_name_with_an_empty_signature(world, session, sheet_meeting):
    tree = _tree(attendance.sheet_html(sheet_meeting, show_contacts=False))
    header = _header(tree)
    assert len(header) == 6  # no., name, function, institution, status, signature
    rows = _rows(tree)
    invitees = rows[:4]
    # DST (Direction de la surveillance…) before the Ministère; within each, by name.
    assert [row[1] for row in invitees] == ["Fati Idrissa", "Moussa Karimou", "Abdou Sani", "Zara Daouda"]
    assert [row[0] for row in invitees] == ["1", "2", "3", "4"]
    for row in invitees:
        assert row[2] == "Chef de division"
        assert row[-1] == ""  # the signature cell is empty
    assert invitees[0][3].startswith("Direction de la surveillance du territoire (DST)")
    assert invitees[2][3].startswith("Ministère de l'Intérieur")
    declined = [row for row in invitees if row[1] == "Fati Idrissa"][0]
    assert declined[4] == str(Participation.Status.DECLINED.label)  # those who declined are listed too


def test_sheet_ends_with_blank_lines_for_walk_ins(world, session, sheet_meeting):
    rows = _rows(_tree(attendance.sheet_html(sheet_meeting, show_contacts=False)))
    blank = rows[4:]
    assert len(blank) == attendance.BLANK_LINES
    assert [row[0] for row in blank] == [str(n) for n in range(5, 5 + attendance.BLANK_LINES)]
    assert all(cell == "" for row in blank for cell in row[1:])


def test_sheet_header_has_the_meetings_key_facts(world, session, sheet_meeting):
    tree = _tree(attendance.sheet_html(sheet_meeting, show_contacts=False))
    assert tree.xpath("//h1")[0].text_content() == sheet_meeting.title
    facts = tree.xpath("//table[@class='facts']")[0].text_content()
    assert "09:00" in facts and "16:30" in facts and "Africa/Niamey" in facts  # local time with its zone
    assert "2016" in facts
    assert sheet_meeting.place in facts and sheet_meeting.online_link in facts
    assert world.activity.title in facts
    assert world.expert.person.full_name in facts
    assert sheet_meeting.get_kind_display() in tree.xpath("//p[@class='kind']")[0].text_content().lower()


def test_sheet_shows_contacts_only_when_allowed(world, session, sheet_meeting):
    email = session.own[0].person.email
    hidden = attendance.sheet_html(sheet_meeting, show_contacts=False)
    shown = attendance.sheet_html(sheet_meeting, show_contacts=True)
    assert email not in hidden and "+227" not in hidden
    assert email in shown and "+227 20 00 00 00" in shown
    assert len(_header(_tree(shown))) == 7


def test_sheet_escapes_names(world, session, sheet_meeting):
    person = session.own[0].person
    person.full_name = "<script>alert(1)</script>"
    person.save()
    html = attendance.sheet_html(sheet_meeting, show_contacts=False)
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_sheet_pdf_is_a4_landscape_and_prints_every_invitee(world, session, sheet_meeting):
    document = attendance.render_sheet(sheet_meeting, show_contacts=False)
    page = document.pages[0]
    assert (round(page.width * 25.4 / 96), round(page.height * 25.4 / 96)) == (297, 210)  # CSS px → mm
    printed = _layout_text(document)
    for name in ("Zara Daouda", "Abdou Sani", "Moussa Karimou", "Fati Idrissa"):
        assert name in printed
    assert "Direction de la surveillance du territoire" in printed
    pdf = document.write_pdf()
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")


def test_sheet_of_many_invitees_runs_over_pages_with_the_column_heads_on_each(world, session, sheet_meeting):
    police = InstitutionFactory(name_fr="Garde nationale")
    for n in range(40):
        ParticipationFactory(meeting=sheet_meeting, person=PersonFactory(full_name=f"Agent {n:02}", institution=police))
    document = attendance.render_sheet(sheet_meeting, show_contacts=False)
    assert len(document.pages) >= 2
    printed = _layout_text(document)
    assert printed.count("Signature") == len(document.pages)  # the table's head repeats on each page
    assert all(f"Agent {n:02}" in printed for n in range(40))


def test_attendance_sheet_view_is_a_pdf_download_without_contacts_for_an_observer(world, session, sheet_meeting):
    url = reverse("meetings:attendance_sheet", args=[world.workspace.slug, sheet_meeting.pk])
    response = world.client("observer").get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert response["Content-Disposition"].endswith('.pdf"')
    assert response.content.startswith(b"%PDF-")


def test_attendance_sheet_view_passes_the_contacts_right(world, session, sheet_meeting, monkeypatch):
    seen = []
    real = attendance.render_sheet

    def spy(meeting, *, show_contacts, **kwargs):
        seen.append(show_contacts)
        return real(meeting, show_contacts=show_contacts, **kwargs)

    monkeypatch.setattr(attendance, "render_sheet", spy)
    url = reverse("meetings:attendance_sheet", args=[world.workspace.slug, sheet_meeting.pk])
    for persona in ("secretariat", "member", "expert", "observer"):
        assert world.client(persona).get(url).status_code == 200
    assert seen == [True, False, False, False]
