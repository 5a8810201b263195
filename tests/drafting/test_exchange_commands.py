"""export_document and import_docx: the same exports and import as the web pages, from the command line."""

import io

import docx
import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from cadre.drafting import services
from cadre.drafting.models import Document
from tests.drafting.exchange_fixtures import (
    STRATEGY_BODY,
    document_count,
    docx_outline,
    make_strategy,
    real_world_docx,
)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def strategy(world):
    return make_strategy(world)


def _run(*args):
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_export_document_writes_each_format(strategy, tmp_path):
    document, _sections = strategy
    for extension in ("docx", "pdf", "md"):
        target = tmp_path / f"strategy.{extension}"
        output = _run("export_document", "niger", "--format", extension, "-o", str(target))
        assert str(target) in output
        data = target.read_bytes()
        if extension == "docx":
            assert docx_outline(data)[0][1] == "1 Context"
        elif extension == "pdf":
            assert data.startswith(b"%PDF-")
        else:
            assert data.decode().startswith("# 1 Context\n\n" + STRATEGY_BODY["context"])


def test_export_document_defaults_to_the_main_document(world, strategy, tmp_path):
    document, _sections = strategy
    by = world.users["secretariat"]
    other = services.create_document(world.workspace, by=by, title_fr="Annexe", title_en="Annex", is_main=False)
    services.add_section(other, title="Annex text", by=by)
    target = tmp_path / "main.md"

    _run("export_document", "niger", "--format", "md", "-o", str(target))
    assert target.read_text().startswith("# 1 Context")

    _run("export_document", "niger", "--document", other.slug, "--format", "md", "-o", str(target))
    assert target.read_text() == "# 1 Annex text\n"


def test_export_document_without_main_document_takes_the_first(world, strategy, tmp_path):
    Document.objects.filter(pk=strategy[0].pk).update(is_main=False)
    target = tmp_path / "first.md"
    _run("export_document", "niger", "--format", "md", "-o", str(target))
    assert target.read_text().startswith("# 1 Context")


def test_export_document_release_and_line_numbers(world, strategy, tmp_path):
    document, sections = strategy
    by = world.users["secretariat"]
    services.make_release(document, name="Draft 1", by=by)
    services.save_section_text(
        sections["laws"], title="Laws", body="Changed.\n", base_revision_id=sections["laws"].head_id, by=by
    )
    target = tmp_path / "draft.docx"

    _run("export_document", "niger", "--format", "docx", "--release", "Draft 1", "--line-numbers", "-o", str(target))

    outline = docx_outline(target.read_bytes())
    assert (3, "1.1.1 National laws", ["\t1\tThree laws apply."]) in outline


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["nowhere", "--format", "md"], "no workspace with the short name “nowhere”"),
        (["niger", "--document", "missing", "--format", "md"], "has no document with the short name “missing”"),
        (["niger", "--release", "v9", "--format", "md"], "has no release named “v9”"),
    ],
)
def test_export_document_unknown_names_are_clear_errors(strategy, tmp_path, arguments, message):
    target = tmp_path / "out"
    with pytest.raises(CommandError, match=message):
        _run("export_document", *arguments, "-o", str(target))
    assert not target.exists()


def test_export_document_workspace_without_documents_is_an_error(world, tmp_path):
    with pytest.raises(CommandError, match="has no document yet"):
        _run("export_document", "niger", "--format", "md", "-o", str(tmp_path / "out.md"))


def test_import_docx_prints_the_new_document_slug_last(world, tmp_path):
    source = tmp_path / "strategie.docx"
    source.write_bytes(real_world_docx())

    output = _run("import_docx", "niger", str(source), "--by", "secretariat@example.org", "--title", "Projet")

    document = Document.objects.get(workspace=world.workspace, slug=output.strip().splitlines()[-1])
    assert document.title_fr == "Projet"
    assert document.sections.count() == 5
    assert set(document.sections.values_list("head__author", flat=True)) == {world.users["secretariat"].pk}


def test_import_docx_title_defaults_to_the_file_title(world, tmp_path):
    source = tmp_path / "plan_national.docx"
    word = docx.Document()
    word.add_heading("Contexte", 1)
    word.save(source)

    output = _run("import_docx", "niger", str(source))

    document = Document.objects.get(workspace=world.workspace, slug=output.strip().splitlines()[-1])
    assert document.title_fr == "plan national"


@pytest.mark.parametrize(
    ("content", "extra", "message"),
    [
        (b"not a zip", [], "not a Word file"),
        (None, [], "There is no file"),
        (b"x", ["--by", "nobody@example.org"], "no user with the e-mail address nobody@example.org"),
    ],
)
def test_import_docx_bad_input_is_an_error_and_creates_nothing(world, tmp_path, content, extra, message):
    source = tmp_path / "bad.docx"
    if content is not None:
        source.write_bytes(content)
    before = document_count(world.workspace)
    with pytest.raises(CommandError, match=message):
        _run("import_docx", "niger", str(source), *extra)
    assert document_count(world.workspace) == before


def test_import_docx_unknown_workspace_is_an_error(world, tmp_path):
    source = tmp_path / "ok.docx"
    source.write_bytes(real_world_docx())
    with pytest.raises(CommandError, match="no workspace with the short name “nowhere”"):
        _run("import_docx", "nowhere", str(source))
