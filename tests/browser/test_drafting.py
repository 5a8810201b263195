"""Drafting journeys in two real browsers: concurrent edits never lose text; an expert comments and suggests,
a drafter accepts; a text typed offline is offered back; typed script never runs; pages pass axe."""

import pytest
from playwright.sync_api import expect

from cadre.drafting import services
from cadre.drafting.models import Revision, Section, Suggestion
from cadre.workspaces.models import Membership, Workspace

from .conftest import DESKTOP, PHONE, format_violations, french, horizontal_overflow, run_axe

SECRETARIAT = "secretariat@demo.example.org"
MEMBER = "member@demo.example.org"
EXPERT = "expert@demo.example.org"
BODY = (
    "Le Niger est un pays de départ, de transit et de destination des migrations.\n\n"
    "La région d'Agadez est au cœur des routes vers le nord. Les contrôles y ont été renforcés.\n\n"
    "Le retour volontaire est accompagné par les partenaires.\n"
)


@pytest.fixture
def section(site):
    """A section of a new strategy in the demo workspace, led by the demo member's institution."""
    from django.contrib.auth import get_user_model

    workspace = Workspace.objects.get(slug="niger-irregular-migration")
    secretariat = get_user_model().objects.get(email=SECRETARIAT)
    member = Membership.objects.get(workspace=workspace, user__email=MEMBER)
    document = services.create_document(workspace, by=secretariat, title_fr="Stratégie (essai)", is_main=False)
    section = services.add_section(document, title="Contexte", by=secretariat)
    section.lead_institution = member.institution
    section.save()
    services.save_section_text(section, title="Contexte", body=BODY, base_revision_id=section.head_id, by=secretariat)
    section.refresh_from_db()
    return section


def _verb(text):
    from django.utils import translation

    with translation.override("fr"):
        return translation.pgettext("verb", text)


def _edit_url(site, section):
    document = section.document
    return f"{site.url}/w/{document.workspace.slug}/documents/{document.slug}/s/{section.pk}/edit/"


def _open_editor(site, email, section):
    page = site.new_page(DESKTOP)
    site.sign_in(page, email)
    page.goto(_edit_url(site, section))
    expect(page.get_by_role("textbox", name=french("Text"))).to_have_value(BODY.rstrip("\n") + "\n")
    return page


def _replace(page, old, new):
    field = page.get_by_role("textbox", name=french("Text"))
    field.fill(field.input_value().replace(old, new))


def _save(page):
    with page.expect_navigation():
        page.get_by_role("button", name=french("Save")).click()


@pytest.mark.browser
@pytest.mark.parametrize("first", ["secretariat", "member"])
def test_two_browsers_editing_different_sentences_both_survive(site, section, first):
    pages = {"secretariat": _open_editor(site, SECRETARIAT, section), "member": _open_editor(site, MEMBER, section)}
    _replace(pages["secretariat"], "pays de départ", "pays d'origine")
    _replace(pages["member"], "Le retour volontaire", "Le retour volontaire et digne")
    second = "member" if first == "secretariat" else "secretariat"
    _save(pages[first])
    _save(pages[second])
    expect(pages[second].locator(".messages")).to_contain_text(
        french("Saved. Someone else saved this section while you were editing; both changes are kept.")
    )
    body = Section.objects.get(pk=section.pk).body
    assert "pays d'origine" in body and "Le retour volontaire et digne" in body
    expect(pages[second].locator("#section-body")).to_contain_text("pays d'origine")
    expect(pages[second].locator("#section-body")).to_contain_text("retour volontaire et digne")


@pytest.mark.browser
@pytest.mark.parametrize("first", ["secretariat", "member"])
def test_two_browsers_editing_the_same_sentence_reach_the_resolution_screen(site, section, first):
    pages = {"secretariat": _open_editor(site, SECRETARIAT, section), "member": _open_editor(site, MEMBER, section)}
    texts = {"secretariat": "Les contrôles y sont systématiques.", "member": "Les contrôles y restent ponctuels."}
    for who, page in pages.items():
        _replace(page, "Les contrôles y ont été renforcés.", texts[who])
    second = "member" if first == "secretariat" else "secretariat"
    _save(pages[first])
    revisions_before = Revision.objects.filter(section=section).count()
    _save(pages[second])

    page = pages[second]
    expect(page.get_by_role("heading", level=1)).to_have_text(french("Combine the two versions"))
    expect(page.locator(".conflict").first).to_contain_text(texts[first])
    expect(page.locator(".conflict").first).to_contain_text(texts[second])
    # Nothing saved yet; the text to save holds the user's own sentence.
    assert Revision.objects.filter(section=section).count() == revisions_before
    assert texts[second] in page.get_by_role("textbox", name=french("Text")).input_value()
    violations = run_axe_on(site, page)
    assert not violations, format_violations("the resolution screen", violations)

    _replace(page, texts[second], f"{texts[first]} {texts[second]}")
    _save(page)
    body = Section.objects.get(pk=section.pk).body
    assert texts[first] in body and texts[second] in body
    # Both versions stay in the history whatever was decided.
    bodies = list(Revision.objects.filter(section=section).values_list("body", flat=True))
    assert any(texts[first] in text for text in bodies) and any(texts[second] in text for text in bodies)


def run_axe_on(site, page):
    """axe needs an inline script: check the same address in a context that bypasses the CSP."""
    checker = site.new_page(DESKTOP, bypass_csp=True)
    checker.context.add_cookies(page.context.cookies())
    checker.set_content(page.content(), wait_until="load")
    return run_axe(checker)


@pytest.mark.browser
def test_text_typed_before_a_dropped_connection_is_offered_back(site, section):
    context = site.new_context(DESKTOP)
    page = context.new_page()
    site.sign_in(page, MEMBER)
    page.goto(_edit_url(site, section))
    field = page.get_by_role("textbox", name=french("Text"))
    field.fill(BODY + "\nUn paragraphe écrit dans le train.\n")
    page.wait_for_timeout(700)  # the browser keeps the text a moment after typing stops
    context.set_offline(True)
    page.get_by_role("button", name=french("Save")).click()  # fails: no network
    page.wait_for_timeout(300)
    context.set_offline(False)

    again = context.new_page()
    again.goto(_edit_url(site, section))
    expect(
        again.get_by_text(french("A text you were typing here was not saved (the connection may have dropped)."))
    ).to_be_visible()
    again.get_by_role("button", name=french("Bring my unsaved text back")).click()
    typed = BODY + "\nUn paragraphe écrit dans le train.\n"
    expect(again.get_by_role("textbox", name=french("Text"))).to_have_value(typed)
    _save(again)
    assert "Un paragraphe écrit dans le train." in Section.objects.get(pk=section.pk).body
    # Once saved, the kept text is forgotten: the editor no longer offers it.
    again.goto(_edit_url(site, section))
    expect(again.locator("[data-draft-notice]")).to_be_hidden()


@pytest.mark.browser
def test_expert_comments_and_suggests_on_a_phone_and_drafter_accepts(site, section):
    context = site.new_context(PHONE)
    expert = context.new_page()
    site.sign_in(expert, EXPERT)
    expert.goto(f"{site.url}{section.get_absolute_url()}")
    document_width, window_width = horizontal_overflow(expert)
    assert document_width <= window_width

    # Selecting a passage fills in the passage of both forms.
    expert.evaluate(
        """() => {
            const paragraphs = [...document.querySelectorAll('#section-body p')];
            const paragraph = paragraphs.find(p => p.textContent.includes('Agadez'));
            const node = paragraph.firstChild; const start = node.textContent.indexOf("La région d'Agadez");
            const range = document.createRange(); range.setStart(node, start); range.setEnd(node, start + 18);
            const selection = window.getSelection(); selection.removeAllRanges(); selection.addRange(range);
            document.getElementById('section-body').dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
        }"""
    )
    expert.get_by_text(_verb("Comment"), exact=True).first.click()
    comment_form = expert.locator("form.anchor-form").nth(1)
    expect(comment_form.get_by_label(french("Passage commented on"))).to_have_value("La région d'Agadez")
    comment_form.get_by_role("textbox", name=french("Comment"), exact=True).fill("Citer aussi Tahoua.")
    comment_form.get_by_role("button", name=_verb("Comment")).click()
    expect(expert.locator("#discussion .thread")).to_contain_text("Citer aussi Tahoua.")

    expert.get_by_text(french("Suggest a change")).click()
    form = expert.locator("form.anchor-form").first
    form.get_by_role("textbox", name=french("Passage"), exact=True).fill("renforcés")
    form.get_by_role("textbox", name=french("Proposed text")).fill("nettement renforcés")
    form.get_by_role("textbox", name=french("Reason")).fill("Mieux refléter l'effort.")
    form.get_by_role("button", name=french("Suggest")).click()
    expect(expert.locator("#discussion .suggestion")).to_contain_text("Mieux refléter l'effort.")

    member = site.new_page(DESKTOP)
    site.sign_in(member, MEMBER)
    member.goto(f"{site.url}{section.get_absolute_url()}")
    with member.expect_navigation():
        member.locator(".suggestion").get_by_role("button", name=french("Accept"), exact=True).click()
    expect(member.locator("#section-body")).to_contain_text("nettement renforcés")
    document = section.document
    member.goto(f"{site.url}/w/{document.workspace.slug}/documents/{document.slug}/dispositions/")
    row = member.locator("table.dispositions tbody tr").first
    expect(row).to_contain_text("Mieux refléter l'effort.")
    expect(row).to_contain_text(french(Suggestion.Status.ACCEPTED.label))
    expect(row).to_contain_text("Demo expert, Spain")  # who suggested…
    expect(row).to_contain_text("Membre ANLTP/TIM (démo)")  # …and who decided, with their institution


XSS = [
    "<script>window.__xss = 1</script>",
    '<img src=x onerror="window.__xss = 2">',
    "[clic](javascript:window.__xss=3)",
    '<svg onload="window.__xss = 4"></svg>',
    '<a href="javascript:window.__xss=5">lien</a>',
]


@pytest.mark.browser
def test_script_typed_in_a_section_comment_or_suggestion_never_runs(site, section):
    from django.contrib.auth import get_user_model

    expert = get_user_model().objects.get(email=EXPERT)
    payload = "\n\n".join(XSS)
    services.save_section_text(
        section,
        title="Contexte <script>window.__xss=9</script>",
        body=BODY + "\n" + payload,
        base_revision_id=section.head_id,
        by=get_user_model().objects.get(email=SECRETARIAT),
    )
    section.refresh_from_db()
    services.add_comment(section, body=payload, by=expert)
    services.add_suggestion(section, kind="insert", quote="", start=0, replacement=payload, reason=payload, by=expert)

    context = site.new_context(DESKTOP)
    dialogs = []
    context.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page = context.new_page()
    site.sign_in(page, SECRETARIAT)
    document = section.document
    base = f"{site.url}/w/{document.workspace.slug}/documents/{document.slug}/"
    for address in (
        section.get_absolute_url(),
        f"{section.get_absolute_url()}history/",
        "",
        "read/",
        "workshop/",
        "discussion/",
        "dispositions/",
    ):
        page.goto(f"{site.url}{address}" if address.startswith("/") else base + address)
        for link in page.locator("a[href^='javascript']").all():
            raise AssertionError(f"a javascript: link reached the page: {link.get_attribute('href')}")
        assert page.evaluate("() => window.__xss") is None, address
    assert dialogs == []


@pytest.mark.browser
@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_drafting_pages_have_no_serious_accessibility_fault(site, section, viewport):
    size = PHONE if viewport == "phone" else DESKTOP
    page = site.new_page(size, bypass_csp=True)
    site.sign_in(page, SECRETARIAT)
    document = section.document
    base = f"{site.url}/w/{document.workspace.slug}/documents/"
    for address in (
        "",
        f"{document.slug}/",
        f"{document.slug}/read/",
        f"{document.slug}/workshop/",
        f"{document.slug}/s/{section.pk}/",
        f"{document.slug}/s/{section.pk}/edit/",
        f"{document.slug}/s/{section.pk}/history/",
        f"{document.slug}/dispositions/",
        f"{document.slug}/discussion/",
    ):
        page.goto(base + address)
        violations = run_axe(page)
        assert not violations, format_violations(address or "the document list", violations)
        width, window = horizontal_overflow(page)
        assert width <= window, f"{address} scrolls sideways on a {viewport}"


@pytest.mark.browser
def test_script_in_an_imported_word_file_and_in_the_pdf_html_never_runs(site, section):
    """The same payloads arriving through a Word file, then printed through the PDF export's HTML."""
    import io

    import docx
    from django.contrib.auth import get_user_model

    from cadre.drafting.exchange import document_html, import_docx

    word = docx.Document()
    word.add_heading("<script>window.__xss = 10</script>", level=1)
    for payload in XSS:
        word.add_paragraph(payload)
    table = word.add_table(rows=1, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = XSS[1], XSS[3]
    buffer = io.BytesIO()
    word.save(buffer)
    secretariat = get_user_model().objects.get(email=SECRETARIAT)
    imported = import_docx(section.document.workspace, io.BytesIO(buffer.getvalue()), by=secretariat, title="<b>x</b>")

    context = site.new_context(DESKTOP)
    dialogs = []
    context.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page = context.new_page()
    site.sign_in(page, SECRETARIAT)
    base = f"{site.url}/w/{imported.workspace.slug}/documents/{imported.slug}/"
    first = imported.sections.order_by("pk").first()
    for address in ("", "read/", "workshop/", f"s/{first.pk}/"):
        page.goto(base + address)
        assert page.locator("a[href^='javascript']").count() == 0
        assert page.evaluate("() => window.__xss") is None, address
    # The PDF is printed from this HTML: loaded in a browser, nothing in it runs either.
    printable = site.new_page(DESKTOP)
    printable.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    printable.set_content(document_html(imported), wait_until="load")
    assert printable.evaluate("() => window.__xss") is None
    assert printable.locator("script").count() == 0
    assert dialogs == []
