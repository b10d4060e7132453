from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from qaznews.pipeline.clean import (
    fold_for_comparison,
    repair_body,
    repair_paragraph,
    split_lost_paragraphs,
)


def test_glued_sentences_are_split() -> None:
    assert repair_paragraph("The forum took place.During the forum") == (
        "The forum took place. During the forum"
    )
    assert repair_paragraph("called “Steppe Voices.”The hall") == "called “Steppe Voices.” The hall"
    assert repair_paragraph("на 2026 год».Депутаты") == "на 2026 год». Депутаты"
    assert repair_paragraph("Ready!Let us go") == "Ready! Let us go"
    assert repair_paragraph("in 2025.The plan") == "in 2025. The plan"


def test_initials_domains_and_numbers_stay() -> None:
    text = "A.Nurlanov met B.Sadvakasova at www.example.kz; growth was 4.5 percent."
    assert repair_paragraph(text) == text


def test_glued_comma_and_stray_space() -> None:
    assert repair_paragraph("Dear colleagues,It is an honour .") == (
        "Dear colleagues, It is an honour."
    )


def test_lost_paragraphs_are_recovered_only_at_sentence_ends() -> None:
    body = repair_body("First part ends.\u00a0\u00a0 Second part starts here. Importance of \u00a0unity.")
    assert body.split("\n") == ["First part ends.", "Second part starts here. Importance of unity."]


def test_homoglyphs_follow_the_word_script() -> None:
    # Cyrillic А and С inside Latin words; Latin o inside a Cyrillic word.
    assert repair_paragraph("\u0410mbassador met in \u0421hisinau") == "Ambassador met in Chisinau"
    assert repair_paragraph("Астанa") == "Астана"


def test_fold_for_comparison_ignores_spacing_only() -> None:
    assert fold_for_comparison("took place.During") == fold_for_comparison("took place. During")
    assert fold_for_comparison("took place") != fold_for_comparison("took a place")


def test_mixed_script_detection_on_bytes() -> None:
    from qaznews.pipeline.clean import _may_mix_scripts

    assert _may_mix_scripts("\u0421atlabuga")  # Cyrillic С before Latin letters
    assert _may_mix_scripts("Almat\u0443")  # Latin letters before Cyrillic у
    assert _may_mix_scripts("Q\u04d9zaq")  # Kazakh ә inside a Latin word
    assert not _may_mix_scripts("Kazakhstan and Астана, KAZINFORM – Астана")
    assert not _may_mix_scripts("plain ASCII text")
    assert not _may_mix_scripts("Caf\u00e9 \u2019quoted\u2019 \u2013 dash")
    assert not _may_mix_scripts("a\u0500b")  # beyond the Cyrillic block


# The fast paths of the repairs, held to their plain definitions on text made of the
# characters the rules look at.
_REPAIR_ALPHABET = "aBzЖжқҚ1 .!?…,;:»”\"'’)“«\u00a0\t\n"
_STOPS = ".!?…"
_BEFORE_GLUED_STOP = set("abcdefghijklmnopqrstuvwxyzабвгдежзийклмнопрстуфхцчшщъыьэюяёәғқңөұүһіı"
                         "0123456789)»”\"'’")
_UPPER = set("ABCDEFGHIJKLMNOPQRSTUVWXYZАБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯЁӘҒҚҢӨҰҮҺІ")


def _unglue_by_definition(text: str) -> str:
    """Every character visited: a run of stops glued between a lower-case letter (digit,
    closing mark) and a capital gets a space; a clause mark glued between a lower-case
    letter and a capitalised word gets one; spaces before a closing stop or mark go.
    (Lower-case letters are listed as far as the test alphabet needs.)"""
    from qaznews.pipeline.clean import _apply_edits, _stray_space

    edits: list[tuple[int, int]] = []
    length = len(text)
    for at, char in enumerate(text):
        if char in _STOPS and (at == 0 or text[at - 1] not in _STOPS):
            end = at + 1
            while end < length and text[end] in _STOPS:
                end += 1
            if at and end < length and text[at - 1] in _BEFORE_GLUED_STOP:
                after = end + 1 if text[end] in "»”\"’" else end
                if after < length and text[after] in _UPPER:
                    edits.append((after, after))
            if end == at + 1 and text[at - 1] == " " and char in ".!?":
                _stray_space(text, at, edits)
        elif char in ",;:":
            if (at and at + 2 < length and text[at - 1] in "abcdefghijklmnopqrstuvwxyzжқ"
                    and text[at + 1] in _UPPER and text[at + 2] in "abcdefghijklmnopqrstuvwxyzжқ"):
                edits.append((at + 1, at + 1))
            if text[at - 1] == " ":
                _stray_space(text, at, edits)
    return _apply_edits(text, edits)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=_REPAIR_ALPHABET, max_size=60))
def test_unglue_visits_what_the_definition_visits(text: str) -> None:
    from qaznews.pipeline.clean import _unglue

    assert _unglue(text) == _unglue_by_definition(text)


_LOST_PARAGRAPH_DEFINITION = re.compile(
    r"(?<=[.!?…»”\"])(?:[ \t]*\u00a0[ \t\u00a0]*| {4,})(?=[A-ZÀ-ÞА-ЯЁӘҒҚҢӨҰҮҺІ\d\"“«])"
)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="aÀ×Ж7٣.»\"“ \t\u00a0", max_size=60))
def test_lost_paragraphs_split_where_the_pattern_says(line: str) -> None:
    expected = [part for part in _LOST_PARAGRAPH_DEFINITION.split(line) if part.strip()]
    if "\u00a0" not in line and "    " not in line:
        expected = [line] if line.strip() else []
    assert split_lost_paragraphs(line) == expected


def test_body_with_and_without_double_spaces_is_folded_alike() -> None:
    assert repair_body("One  two.\nThree\u200b four") == "One two.\nThree four"
    assert repair_body("One two.\nThree \u200b four") == "One two.\nThree four"
    assert repair_body("  Lead.\n\nSecond\t") == "Lead.\nSecond"


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.one_of(
    st.sampled_from("a Ж\t\u00a0\u00ad\u00ab\u00bb\u2000\u2009\u200d\u200e\u2014\u201c\u2026"
                    "\u202f\u205f\u2060\u2061\u3000\u3001\ufeff\ufeffé"),
    st.characters(),
), max_size=40))
def test_odd_spaces_found_on_the_bytes_as_in_the_text(text: str) -> None:
    from qaznews.pipeline.clean import _ODD_OR_INVISIBLE_CHARS, _utf8_holds_odd_spaces, holds_any

    data = text.encode("utf-8", "surrogatepass")
    assert _utf8_holds_odd_spaces(data) == holds_any(text, _ODD_OR_INVISIBLE_CHARS)


def test_each_odd_space_is_found_on_the_bytes_and_its_neighbours_are_not() -> None:
    from qaznews.pipeline.clean import _ODD_OR_INVISIBLE_CHARS, _utf8_holds_odd_spaces

    for char in _ODD_OR_INVISIBLE_CHARS:
        assert _utf8_holds_odd_spaces(f"Жa\u201c{char}\u2014".encode()), hex(ord(char))
    for char in "\u00ab\u00bb\u00a9\u200e\u2010\u2014\u2030\u205e\u2061\u3001\ufefe":
        assert not _utf8_holds_odd_spaces(f"Жa\u201c{char}\u2014".encode()), hex(ord(char))
