"""User text is rendered as safe HTML: CommonMark, no raw HTML, no script, no dangerous link."""

import pytest
from django.template import Context, Template

from cadre.core.text import render_markdown


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        "Avant <script src='https://evil.example/x.js'></script> après",
        "<SCRIPT>alert(1)</SCRIPT>",
        "```\n</code></pre><script>alert(1)</script>\n```",
    ],
)
def test_markdown_never_outputs_a_script_element(text):
    html = render_markdown(text)
    assert "<script" not in html.lower()


@pytest.mark.parametrize(
    "text",
    [
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[click](&#106;avascript:alert(1))",
        "[click]( javascript:alert(1) )",
        "<javascript:alert(1)>",
        "[click](vbscript:msgbox(1))",
        "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[click][ref]\n\n[ref]: javascript:alert(1)",
    ],
)
def test_markdown_never_outputs_a_dangerous_link(text):
    html = render_markdown(text).lower()
    assert "<a " not in html and "href" not in html


@pytest.mark.parametrize(
    ("text", "forbidden"),
    [
        ('<a href="https://example.org" onclick="steal()">x</a>', "<a "),
        ("<img src=x onerror=alert(1)>", "<img"),
        ("<iframe src='https://evil.example'></iframe>", "<iframe"),
        ("<div style='position:fixed'>overlay</div>", "<div"),
        ("<b onmouseover=alert(1)>bold</b>", "<b "),
        ("<form action='https://evil.example'><input name=password></form>", "<form"),
        ("<style>body{display:none}</style>", "<style"),
    ],
)
def test_markdown_shows_raw_html_as_text(text, forbidden):
    html = render_markdown(text)
    assert forbidden not in html
    assert "&lt;" in html  # the user sees what they typed


def test_markdown_keeps_ordinary_formatting():
    html = render_markdown("**Gras**, *italique*\n\n- un\n- deux\n\n> citation\n\n`code`")
    assert "<strong>Gras</strong>" in html and "<em>italique</em>" in html
    assert "<ul>" in html and "<li>un</li>" in html
    assert "<blockquote>" in html and "<code>code</code>" in html


def test_markdown_links_are_kept_and_marked_external():
    html = render_markdown('[MIEUX](https://www.mieux-initiative.eu/ "site") et <https://example.org>')
    assert '<a href="https://www.mieux-initiative.eu/" title="site" rel="noopener noreferrer nofollow">' in html
    assert '<a href="https://example.org" rel="noopener noreferrer nofollow">' in html


def test_markdown_mailto_link_kept():
    assert 'href="mailto:cadre@example.org"' in render_markdown("[écrire](mailto:cadre@example.org)")


def test_markdown_tables_allowed():
    html = render_markdown("| a | b |\n|---|---|\n| 1 | 2 |")
    assert "<table>" in html and "<td>1</td>" in html


def test_markdown_images_not_loaded_from_elsewhere():
    assert "<img" not in render_markdown("![tracker](https://evil.example/pixel.png)")


@pytest.mark.parametrize("text", ["", None])
def test_markdown_of_nothing_is_empty(text):
    assert render_markdown(text) == ""


def test_markdown_template_filter_is_safe_and_sanitised():
    output = Template("{% load cadre %}{{ text|markdown }}").render(
        Context({"text": "**ok** <script>alert(1)</script>"})
    )
    assert "<strong>ok</strong>" in output and "<script>" not in output
