from __future__ import annotations

from qaznews.pipeline.clean import fold_for_comparison, repair_body, repair_paragraph


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
    body = repair_body(["First part ends.\u00a0\u00a0 Second part starts here. Importance of \u00a0unity."])
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
