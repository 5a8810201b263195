"""The pure text operations of drafting: merge, diff, anchors, numbering and workshop lines, on plain strings."""

import random
from types import SimpleNamespace

import pytest

from cadre.drafting import textops
from cadre.drafting.textops import (
    ANCHOR_CONTEXT,
    Conflict,
    anchor_context,
    apply_change,
    diff_counts,
    diff_html,
    find_anchor,
    merge,
    merge_title,
    merge_tokens,
    number_sections,
    plain_line,
    workshop_lines,
)

NBSP = "\u00a0"

PARAGRAPH = "Le Niger est un pays de transit. Les flux augmentent depuis 2015. La route d'Agadez domine.\n"
TWO_PARAGRAPHS = (
    "Le Niger est un pays de transit. Les flux augmentent depuis 2015.\n"
    "\n"
    "La loi 2015-36 réprime le trafic. Son application reste inégale.\n"
)
FRENCH = (
    f"Il a dit{NBSP}: « Non. » Puis il est parti{NBSP}! Pourquoi{NBSP}? Personne ne sait{NBSP}; c'est ainsi.\n"
    "\n"
    "Attention : la frontière est longue ! Qui la surveille ? Les forces de sécurité ; parfois les douanes.\n"
)


def sentences(text):
    """The sentence tokens of a text (what the merge works on), without the spaces and line breaks between them."""
    return [token.strip() for token in merge_tokens(text) if not token.isspace()]


# --- merge tokens ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "Une phrase.", PARAGRAPH, TWO_PARAGRAPHS, FRENCH, "a.  b.\t c.\n\n\nd"])
def test_merge_tokens_join_back_to_the_text(text):
    assert "".join(merge_tokens(text)) == text


def test_merge_tokens_split_sentences_lines_and_spaces_apart():
    assert merge_tokens("Un. Deux ! Trois ?\nQuatre : cinq ; six.") == [
        "Un.",
        " ",
        "Deux !",
        " ",
        "Trois ?",
        "\n",
        "Quatre :",
        " ",
        "cinq ;",
        " ",
        "six.",
    ]


def test_merge_tokens_keep_a_non_breaking_space_before_punctuation_inside_the_sentence():
    assert merge_tokens(f"Pourquoi{NBSP}? Parce que{NBSP}!") == [f"Pourquoi{NBSP}?", " ", f"Parce que{NBSP}!"]


def test_merge_tokens_do_not_split_decimals_or_abbreviations_without_space():
    assert merge_tokens("Le taux est de 3.5 % en 2016.") == ["Le taux est de 3.5 % en 2016."]


# --- merge -------------------------------------------------------------------------------------------------


def test_merge_different_sentences_of_one_paragraph_is_clean():
    mine = PARAGRAPH.replace("pays de transit", "pays de transit et de départ")
    theirs = PARAGRAPH.replace("La route d'Agadez domine.", "La route d'Agadez reste la plus utilisée.")
    result = merge(PARAGRAPH, mine, theirs)
    assert result.clean and result.conflicts == []
    assert result.text() == (
        "Le Niger est un pays de transit et de départ. Les flux augmentent depuis 2015. "
        "La route d'Agadez reste la plus utilisée.\n"
    )


def test_merge_adjacent_sentences_edited_by_each_side_is_clean():
    mine = PARAGRAPH.replace("Le Niger est", "Le Niger reste")
    theirs = PARAGRAPH.replace("depuis 2015", "depuis 2014")
    result = merge(PARAGRAPH, mine, theirs)
    assert result.clean
    assert result.text() == (
        "Le Niger reste un pays de transit. Les flux augmentent depuis 2014. La route d'Agadez domine.\n"
    )


def test_merge_different_paragraphs_is_clean():
    mine = TWO_PARAGRAPHS.replace("Les flux augmentent", "Les flux de migrants augmentent")
    theirs = TWO_PARAGRAPHS.replace("reste inégale", "reste inégale selon les régions")
    result = merge(TWO_PARAGRAPHS, mine, theirs)
    assert result.clean
    assert result.text() == (
        "Le Niger est un pays de transit. Les flux de migrants augmentent depuis 2015.\n"
        "\n"
        "La loi 2015-36 réprime le trafic. Son application reste inégale selon les régions.\n"
    )


def test_merge_same_sentence_is_a_conflict_with_base_mine_and_theirs():
    mine = PARAGRAPH.replace("augmentent depuis 2015", "augmentent fortement depuis 2015")
    theirs = PARAGRAPH.replace("augmentent depuis 2015", "diminuent depuis 2017")
    result = merge(PARAGRAPH, mine, theirs)
    assert not result.clean
    assert result.conflicts == [
        Conflict(
            base="Les flux augmentent depuis 2015.",
            mine="Les flux augmentent fortement depuis 2015.",
            theirs="Les flux diminuent depuis 2017.",
        )
    ]
    assert result.text("mine") == mine
    assert result.text("theirs") == theirs


def test_merge_conflict_keeps_the_other_sides_clean_changes_around_it():
    mine = TWO_PARAGRAPHS.replace("réprime le trafic", "réprime le trafic illicite")
    theirs = TWO_PARAGRAPHS.replace("réprime le trafic", "punit le trafic").replace("Le Niger est", "Le Niger reste")
    result = merge(TWO_PARAGRAPHS, mine, theirs)
    assert len(result.conflicts) == 1
    assert result.text("mine") == mine.replace("Le Niger est", "Le Niger reste")
    assert result.text("theirs") == theirs


def test_merge_identical_edits_on_both_sides_is_clean():
    edited = PARAGRAPH.replace("domine", "reste la plus utilisée")
    result = merge(PARAGRAPH, edited, edited)
    assert result.clean and result.text() == edited


def test_merge_identical_sentence_edit_inside_different_changes_is_clean():
    same = PARAGRAPH.replace("domine", "reste la plus utilisée")
    mine = same.replace("Le Niger est", "Le Niger reste")
    theirs = same
    result = merge(PARAGRAPH, mine, theirs)
    assert result.clean and result.text() == mine


def test_merge_when_mine_is_unchanged_gives_theirs():
    theirs = PARAGRAPH.replace("domine", "reste la plus utilisée")
    result = merge(PARAGRAPH, PARAGRAPH, theirs)
    assert result.clean and result.text() == theirs


def test_merge_when_theirs_is_unchanged_gives_mine():
    mine = PARAGRAPH.replace("domine", "reste la plus utilisée")
    result = merge(PARAGRAPH, mine, PARAGRAPH)
    assert result.clean and result.text() == mine


def test_merge_insertion_at_start_and_edit_at_end_is_clean():
    mine = "En résumé. " + PARAGRAPH
    theirs = PARAGRAPH.replace("domine", "reste la plus utilisée")
    result = merge(PARAGRAPH, mine, theirs)
    assert result.clean
    assert result.text() == "En résumé. " + theirs


def test_merge_insertion_at_end_and_edit_at_start_is_clean():
    mine = PARAGRAPH + "\nUn nouveau paragraphe. Il conclut.\n"
    theirs = PARAGRAPH.replace("Le Niger est", "Le Niger reste")
    result = merge(PARAGRAPH, mine, theirs)
    assert result.clean
    assert result.text() == theirs + "\nUn nouveau paragraphe. Il conclut.\n"


def test_merge_different_insertions_at_the_same_place_conflict_keeping_both():
    mine = PARAGRAPH + "Ajout A.\n"
    theirs = PARAGRAPH + "Ajout B.\n"
    result = merge(PARAGRAPH, mine, theirs)
    assert not result.clean
    assert result.text("mine") == mine and result.text("theirs") == theirs


def test_merge_deletion_and_edit_elsewhere_is_clean():
    mine = TWO_PARAGRAPHS.replace(" Les flux augmentent depuis 2015.", "")
    theirs = TWO_PARAGRAPHS.replace("reste inégale", "s'améliore")
    result = merge(TWO_PARAGRAPHS, mine, theirs)
    assert result.clean
    assert result.text() == (
        "Le Niger est un pays de transit.\n\nLa loi 2015-36 réprime le trafic. Son application s'améliore.\n"
    )


def test_merge_same_deletion_on_both_sides_is_clean():
    mine = theirs = TWO_PARAGRAPHS.replace("La loi 2015-36 réprime le trafic. ", "")
    result = merge(TWO_PARAGRAPHS, mine, theirs)
    assert result.clean and result.text() == mine


def test_merge_deletion_of_a_sentence_the_other_side_edited_is_a_conflict():
    mine = PARAGRAPH.replace(" Les flux augmentent depuis 2015.", "")
    theirs = PARAGRAPH.replace("depuis 2015", "depuis 2014")
    result = merge(PARAGRAPH, mine, theirs)
    assert not result.clean
    assert "Les flux augmentent depuis 2014." in result.text("theirs")
    assert result.text("mine") == mine


def test_merge_french_typography_in_different_sentences_is_clean():
    mine = FRENCH.replace("Pourquoi", "Mais pourquoi")
    theirs = FRENCH.replace("Qui la surveille ?", "Qui la surveille vraiment ?")
    result = merge(FRENCH, mine, theirs)
    assert result.clean
    assert result.text() == FRENCH.replace("Pourquoi", "Mais pourquoi").replace(
        "Qui la surveille ?", "Qui la surveille vraiment ?"
    )
    assert f"Mais pourquoi{NBSP}?" in result.text() and "« Non. »" in result.text()


def test_merge_french_typography_keeps_non_breaking_spaces_and_guillemets():
    mine = FRENCH.replace("« Non. »", "« Non, jamais. »")
    theirs = FRENCH.replace(f"parti{NBSP}!", f"reparti{NBSP}!")
    result = merge(FRENCH, mine, theirs)
    assert result.clean
    text = result.text()
    assert "« Non, jamais. » Puis il est reparti\u00a0!" in text
    assert text.count(NBSP) == FRENCH.count(NBSP)


def test_merge_french_same_clause_before_a_colon_is_a_conflict():
    mine = FRENCH.replace("Attention :", "Prudence :")
    theirs = FRENCH.replace("Attention :", "Note :")
    result = merge(FRENCH, mine, theirs)
    assert result.conflicts == [Conflict(base="Attention :", mine="Prudence :", theirs="Note :")]


def test_merge_title_changed_on_one_side_takes_the_change():
    assert merge_title("Contexte", "Contexte", "Contexte et diagnostic") == ("Contexte et diagnostic", True)
    assert merge_title("Contexte", "Contexte et diagnostic", "Contexte") == ("Contexte et diagnostic", True)


def test_merge_title_same_change_on_both_sides_is_clean():
    assert merge_title("Contexte", "Diagnostic", "Diagnostic") == ("Diagnostic", True)


def test_merge_title_different_changes_conflict_and_keep_mine():
    assert merge_title("Contexte", "Diagnostic", "Situation") == ("Diagnostic", False)


# --- merge, property style ---------------------------------------------------------------------------------

BASES = [
    PARAGRAPH,
    TWO_PARAGRAPHS,
    FRENCH,
    "Première phrase. Deuxième phrase. Troisième phrase. Quatrième phrase.\n",
    "Objectifs\n\n- Protéger les migrants.\n- Démanteler les réseaux.\n- Informer les communautés.\n\nFin. Suite.\n",
]


def _sentence_spans(text):
    spans, position = [], 0
    for token in merge_tokens(text):
        if not token.isspace():
            spans.append((position, position + len(token)))
        position += len(token)
    return spans


def _random_edit(text, rng, tag):
    """Up to three sentence-level edits: replace, insert (before or after a sentence) or delete a sentence."""
    for step in range(rng.randint(1, 3)):
        spans = _sentence_spans(text)
        new = f"Phrase {tag}{step} ajoutée."
        operation = rng.choice(["replace", "insert", "delete"]) if spans else "insert"
        if not spans:
            text += new
            continue
        start, end = rng.choice(spans)
        if operation == "replace":
            text = text[:start] + new + text[end:]
        elif operation == "insert" and rng.random() < 0.5:
            text = text[:start] + new + " " + text[start:]
        elif operation == "insert":
            text = text[:end] + " " + new + text[end:]
        else:
            text = text[:start] + text[end:]
    return text


def _changes(base, edited):
    """The sentences an edit added (its own new sentences) and the base sentences it removed."""
    inserted = {s for s in sentences(edited) if s.startswith("Phrase ")}
    deleted = {s for s in sentences(base) if s not in sentences(edited)}
    return inserted, deleted


def _edit_pairs():
    for index, base in enumerate(BASES):
        for seed in range(150):
            rng = random.Random(f"{index}-{seed}")
            yield base, _random_edit(base, rng, "A"), _random_edit(base, rng, "B")


def test_merge_property_clean_merges_keep_every_insertion_and_no_deletion():
    clean = 0
    for base, mine, theirs in _edit_pairs():
        result = merge(base, mine, theirs)
        if not result.clean:
            continue
        clean += 1
        merged = sentences(result.text())
        inserted_a, deleted_a = _changes(base, mine)
        inserted_b, deleted_b = _changes(base, theirs)
        assert inserted_a | inserted_b <= set(merged), (base, mine, theirs)
        assert not (deleted_a | deleted_b) & set(merged), (base, mine, theirs)
        for sentence in set(sentences(base)) - deleted_a - deleted_b:
            assert merged.count(sentence) >= 1, (base, mine, theirs)
    assert clean > 100  # the generator does produce mergeable pairs, not only conflicts


def test_merge_property_conflicts_lose_nothing_of_either_side():
    conflicted = 0
    for base, mine, theirs in _edit_pairs():
        result = merge(base, mine, theirs)
        if result.clean:
            continue
        conflicted += 1
        inserted_a, deleted_a = _changes(base, mine)
        inserted_b, deleted_b = _changes(base, theirs)
        as_mine, as_theirs = sentences(result.text("mine")), sentences(result.text("theirs"))
        assert inserted_a <= set(as_mine), (base, mine, theirs)
        assert inserted_b <= set(as_theirs), (base, mine, theirs)
        assert not deleted_a & set(as_mine) - set(sentences(theirs)), (base, mine, theirs)
        for conflict in result.conflicts:
            assert conflict.mine != conflict.theirs
            assert conflict.mine in mine and conflict.theirs in theirs
    assert conflicted > 100


@pytest.mark.parametrize("seed", range(40))
def test_merge_property_mine_wins_whole_where_theirs_only_touched_my_sentences(seed):
    """If the other side only rewrote sentences I rewrote too, taking "mine" gives back exactly my text."""
    rng = random.Random(seed)
    base = rng.choice(BASES)
    spans = _sentence_spans(base)
    chosen = sorted(rng.sample(spans, rng.randint(1, min(3, len(spans)))), reverse=True)
    mine, theirs = base, base
    for number, (start, end) in enumerate(chosen):
        mine = mine[:start] + f"Version A{number}." + mine[end:]
        theirs = theirs[:start] + f"Version B{number}." + theirs[end:]
    result = merge(base, mine, theirs)
    assert len(result.conflicts) >= 1
    assert result.text("mine") == mine
    assert result.text("theirs") == theirs


@pytest.mark.parametrize("seed", range(20))
def test_merge_property_unchanged_side_always_gives_the_other(seed):
    rng = random.Random(seed)
    base = rng.choice(BASES)
    edited = _random_edit(base, rng, "X")
    assert merge(base, edited, base).text() == edited
    assert merge(base, base, edited).text() == edited
    assert merge(base, edited, base).clean and merge(base, base, edited).clean


# --- word diff ---------------------------------------------------------------------------------------------


def test_diff_html_marks_insertions_and_deletions_word_by_word():
    html = diff_html("La frontière est poreuse.", "La frontière reste très poreuse.")
    assert html == "La frontière <del>est</del><ins>reste très</ins> poreuse."


def test_diff_html_of_identical_texts_has_no_marks():
    assert diff_html(PARAGRAPH, PARAGRAPH) == PARAGRAPH.replace("'", "&#x27;")


def test_diff_html_pure_insertion_and_deletion():
    assert diff_html("Un deux.", "Un trois deux.") == "Un<ins> trois</ins> deux."
    assert diff_html("Un trois deux.", "Un deux.") == "Un<del> trois</del> deux."


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Texte sûr.", "Texte <script>alert(1)</script> sûr."),
        ("Texte <script>alert(1)</script> sûr.", "Texte sûr."),
        ("Texte <script>alert(1)</script>.", "Autre <script>alert(1)</script>."),
    ],
    ids=["inserted", "deleted", "unchanged"],
)
def test_diff_html_escapes_markup_from_either_text(old, new):
    html = diff_html(old, new)
    assert "<script>" not in html and "</script>" not in html
    assert "&lt;script&gt;" in html
    stripped = html.replace("<ins>", "").replace("</ins>", "").replace("<del>", "").replace("</del>", "")
    assert "<" not in stripped


def test_diff_html_escapes_ampersands_and_quotes():
    html = diff_html('A & B "x"', 'A & C "x"')
    assert html == "A &amp; <del>B</del><ins>C</ins> &quot;x&quot;"


def test_diff_html_keeps_french_characters():
    html = diff_html(f"Pourquoi{NBSP}? « Oui. »", f"Pourquoi donc{NBSP}? « Oui. »")
    assert html == f"Pourquoi<ins> donc</ins>{NBSP}? « Oui. »"


def test_diff_counts_words_inserted_and_deleted():
    assert diff_counts("La frontière est poreuse.", "La frontière reste très poreuse.") == (2, 1)


def test_diff_counts_ignore_whitespace_changes():
    assert diff_counts("Un deux trois.", "Un  deux\ntrois.") == (0, 0)


def test_diff_counts_of_identical_and_empty_texts():
    assert diff_counts(PARAGRAPH, PARAGRAPH) == (0, 0)
    assert diff_counts("", "Un deux trois") == (3, 0)
    assert diff_counts("Un deux trois", "") == (0, 3)


# --- anchors -----------------------------------------------------------------------------------------------


def test_anchor_context_takes_up_to_the_context_length_on_each_side():
    text = "x" * 50 + "PASSAGE" + "y" * 50
    prefix, suffix = anchor_context(text, 50, 57)
    assert prefix == "x" * ANCHOR_CONTEXT and suffix == "y" * ANCHOR_CONTEXT
    assert anchor_context("ab PASSAGE cd", 3, 10) == ("ab ", " cd")


def test_find_anchor_unchanged_text_gives_the_same_position():
    start = TWO_PARAGRAPHS.index("réprime")
    prefix, suffix = anchor_context(TWO_PARAGRAPHS, start, start + len("réprime le trafic"))
    assert find_anchor(TWO_PARAGRAPHS, "réprime le trafic", prefix, suffix, start) == start


def test_find_anchor_follows_a_passage_when_text_before_it_changes():
    quote = "réprime le trafic"
    start = TWO_PARAGRAPHS.index(quote)
    prefix, suffix = anchor_context(TWO_PARAGRAPHS, start, start + len(quote))
    new_text = TWO_PARAGRAPHS.replace("Le Niger est un pays de transit.", "Le Niger, vaste pays, est un carrefour.")
    found = find_anchor(new_text, quote, prefix, suffix, start)
    assert found == new_text.index(quote) and found != start


def test_find_anchor_rewritten_passage_is_not_found():
    quote = "réprime le trafic"
    start = TWO_PARAGRAPHS.index(quote)
    prefix, suffix = anchor_context(TWO_PARAGRAPHS, start, start + len(quote))
    new_text = TWO_PARAGRAPHS.replace(quote, "punit le passage illicite")
    assert find_anchor(new_text, quote, prefix, suffix, start) is None


def test_find_anchor_duplicate_quote_is_resolved_by_its_context():
    text = "La frontière est longue. Au nord, la frontière est désertique. Au sud, la frontière est fluviale.\n"
    second = text.index("frontière est désertique")
    prefix, suffix = anchor_context(text, second, second + len("frontière"))
    # a sentence added at the start moves everything: the occurrence nearest the old offset is now the first one
    new_text = "Préambule sur la situation générale du pays. " + text
    nearest = min(
        (i for i in range(len(new_text)) if new_text.startswith("frontière", i)), key=lambda i: abs(i - second)
    )
    assert nearest == new_text.index("frontière")
    assert find_anchor(new_text, "frontière", prefix, suffix, second) == new_text.index("frontière est désertique")


def test_find_anchor_duplicate_quote_without_context_takes_the_nearest():
    text = "Oui. Non. Oui. Non. Oui."
    assert find_anchor(text, "Oui.", "", "", 9) == 10
    assert find_anchor(text, "Oui.", "", "", 0) == 0
    assert find_anchor(text, "Oui.", "", "", 30) == 20


def test_find_anchor_insertion_point_is_found_by_its_context():
    text = "Le Niger est un pays de transit. Les flux augmentent depuis 2015."
    point = text.index(" Les flux")
    prefix, suffix = anchor_context(text, point, point)
    new_text = "Préambule ajouté en tête du texte. " + text
    assert find_anchor(new_text, "", prefix, suffix, point) == new_text.index(" Les flux")


def test_find_anchor_insertion_point_by_prefix_alone_when_suffix_changed():
    text = "Le Niger est un pays de transit. Les flux augmentent depuis 2015."
    point = text.index(" Les flux")
    prefix, suffix = anchor_context(text, point, point)
    new_text = "Avant. " + text.replace("Les flux augmentent depuis 2015.", "Tout a changé ici.")
    assert find_anchor(new_text, "", prefix, suffix, point) == new_text.index(" Tout a changé")


def test_find_anchor_insertion_point_by_suffix_alone_when_prefix_changed():
    text = "Le Niger est un pays de transit. Les flux augmentent depuis 2015."
    point = text.index(" Les flux")
    prefix, suffix = anchor_context(text, point, point)
    new_text = "Un tout autre début de texte." + text[point:]
    assert find_anchor(new_text, "", prefix, suffix, point) == new_text.index(" Les flux")


def test_find_anchor_insertion_point_with_all_context_rewritten_is_not_found():
    text = "Le Niger est un pays de transit. Les flux augmentent depuis 2015."
    point = text.index(" Les flux")
    prefix, suffix = anchor_context(text, point, point)
    assert find_anchor("Texte entièrement réécrit, sans rien de commun.", "", prefix, suffix, point) is None


def test_find_anchor_insertion_point_in_empty_text_stays_within_the_text():
    assert find_anchor("", "", "", "", 0) == 0
    assert find_anchor("abc", "", "", "", 10) == 3


def test_apply_change_replaces_inserts_and_deletes():
    text = "La frontière est poreuse."
    assert apply_change(text, 17, "poreuse", "longue") == "La frontière est longue."
    assert apply_change(text, 17, "", "très ") == "La frontière est très poreuse."
    assert apply_change(text, 12, " est", "") == "La frontière poreuse."


def test_apply_change_refuses_a_passage_that_is_not_at_the_position():
    with pytest.raises(ValueError):
        apply_change("La frontière est poreuse.", 0, "poreuse", "longue")


# --- numbering ---------------------------------------------------------------------------------------------


def _node(pk, parent_id=None, order=1):
    return SimpleNamespace(pk=pk, parent_id=parent_id, order=order)


def test_number_sections_gives_reading_order_numbers_and_levels():
    nodes = [
        _node(1, None, 2),
        _node(2, None, 1),
        _node(3, 2, 1),
        _node(4, 3, 1),
        _node(5, 3, 2),
        _node(6, 2, 2),
        _node(7, 1, 1),
    ]
    ordered = number_sections(nodes)
    assert [(n.pk, n.number, n.level) for n in ordered] == [
        (2, "1", 1),
        (3, "1.1", 2),
        (4, "1.1.1", 3),
        (5, "1.1.2", 3),
        (6, "1.2", 2),
        (1, "2", 1),
        (7, "2.1", 2),
    ]
    by_pk = {n.pk: n for n in nodes}
    assert [c.pk for c in by_pk[3].children_list] == [4, 5]
    assert by_pk[4].children_list == []


def test_number_sections_breaks_order_ties_by_pk_and_ignores_gaps():
    ordered = number_sections([_node(9, None, 5), _node(3, None, 5), _node(4, None, 40)])
    assert [(n.pk, n.number) for n in ordered] == [(3, "1"), (9, "2"), (4, "3")]


def test_number_sections_of_nothing_is_empty():
    assert number_sections([]) == []


# --- workshop lines ----------------------------------------------------------------------------------------


def test_workshop_lines_wrap_at_the_width_and_skip_blank_lines():
    body = ("mot " * 50).strip() + "\n\n\nCourt.\n"
    lines = workshop_lines(body, width=40)
    assert all(len(line) <= 40 for line in lines)
    assert lines[-1] == "Court."
    assert " ".join(lines[:-1]) == ("mot " * 50).strip()
    assert "" not in lines


def test_workshop_lines_default_width_is_eighty():
    lines = workshop_lines("mot " * 100)
    assert max(len(line) for line in lines) <= textops.WORKSHOP_WIDTH == 80
    assert len(lines) == 5


def test_workshop_lines_are_the_same_for_the_same_text():
    assert workshop_lines(FRENCH * 3, width=30) == workshop_lines(FRENCH * 3, width=30)


def test_workshop_lines_indent_list_item_continuations():
    lines = workshop_lines("- " + "élément " * 12 + "\n1. " + "point " * 10, width=30)
    assert lines[0].startswith("- ")
    assert lines[1].startswith("  ") and not lines[1].startswith("   ")
    numbered = [i for i, line in enumerate(lines) if line.startswith("1. ")][0]
    assert lines[numbered + 1].startswith("   ")


def test_workshop_lines_show_markdown_as_it_reads():
    lines = workshop_lines("Voir **le décret** et [la loi](https://example.org/loi) *ici*[^1].\n\n[^1]: Note.")
    assert lines == ["Voir le décret et la loi ici[1].", "[1] Note."]


def test_workshop_lines_never_break_at_a_non_breaking_space():
    body = f"Pourquoi{NBSP}? " * 20
    for line in workshop_lines(body, width=25):
        assert not line.startswith("?")
        assert f"Pourquoi{NBSP}?" in line


def test_workshop_lines_break_over_long_words():
    assert workshop_lines("x" * 25, width=10) == ["x" * 10, "x" * 10, "x" * 5]


def test_plain_line_removes_emphasis_markers_only():
    assert plain_line("**gras** et __gras__, *italique* et _italique_") == "gras et gras, italique et italique"
    assert plain_line("2 * 3 = 6 et a _ b") == "2 * 3 = 6 et a _ b"


def test_plain_line_keeps_underscores_inside_words():
    line = "Écrire à point_focal_migration@interieur.ne ou voir fichier_2016_v2.xlsx."
    assert plain_line(line) == line
