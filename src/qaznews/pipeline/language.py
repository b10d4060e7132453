"""Language of article titles and bodies.

lingua identifies English, Russian, Kazakh in Cyrillic and the neighbour languages. It has no
model for Kazakh in the Latin script (Qazinform and others publish in it; lingua calls it Turkish,
Tagalog, Spanish...), so that is recognised here from the letters, words and suffixes of the two
official Kazakh Latin alphabets: 2018 (á ǵ ı ń ó ú ý, sh, ch) and 2021 (ä ğ ı ñ ö ū ü ş).
Uzbek Latin, which lingua lacks too, is told apart from it by o‘/g‘ and its own function words.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

__all__ = ["article_language", "detect_language", "paragraph_languages"]

MIXED = "mixed"

# Enough for any headline and the opening paragraphs of a body; detection cost grows with length.
MAX_ANALYSED_CHARS = 3000
# lingua's answer is settled well before this, and its cost (most of ours) grows with the length.
LINGUA_MAX_CHARS = 1000
# Fewer letters than this carry no usable signal ("-", "A1", "ТВ").
MIN_LETTERS = 3

# lingua's English is reliable; below this the text may be Latin Kazakh with English-looking
# words (proper nouns, "-ly"-like endings), so our own Kazakh/Uzbek checks get a say.
ENGLISH_CONFIDENT = 0.9

# Share of Latin words carrying a Kazakh marker (a Kazakh-only letter or suffix, ı as a glide, y as
# the vowel ы, a frequent Kazakh word). Kazakh headlines score 0.25-1.0 (those made mostly of
# names at the bottom), prose 0.4-0.9; Turkish, Uzbek, Azerbaijani and French score 0, German
# (ä) about 0.1.
KAZAKH_LATIN_MIN_WORD_SHARE = 0.25
# y as a vowel is the weakest marker: English ends words in -ly, -ty, -ry too (city, heavy), so it
# counts half, and not at all when lingua's best guess is English.
Y_VOWEL_MARKER_WEIGHT = 0.5
# Spanish (á ó ú ñ) reaches the threshold above, but has more words foreign to Kazakh (é í, its
# function words; so do German and English): Kazakh must outnumber those clearly.
KAZAKH_OVER_FOREIGN_RATIO = 2.0

# Share of Latin words that are Uzbek-only (o‘ g‘, frequent Uzbek words): Uzbek headlines and
# prose score 0.17-0.6, every other language 0 but for a stray name.
UZBEK_MIN_WORD_SHARE = 0.15

# Share of Cyrillic words containing a Kazakh letter the detected language does not have
# (Russian has none of ә ғ қ ң ө ұ ү һ і): Kazakh headlines and prose score 0.25-1.0, Russian 0
# unless it quotes a Kazakh name or two.
KAZAKH_CYRILLIC_MIN_WORD_SHARE = 0.15

# lingua calls almost any text with a Kazakh-only letter Kazakh, so Russian news quoting Ақорда
# or «Нұр Отан» would be Kazakh. Without its words holding Kazakh letters, such a text reads as
# Russian with 0.83 (two words left) to 1.0 (a sentence), while what is left of a Kazakh text
# still reads as Kazakh (Russian at most 0.2).
NON_KAZAKH_REST_MIN_CONFIDENCE = 0.8

# A short title is often misread (a two-word English headline can look Azerbaijani to lingua):
# when it is at least this plausible in the body's language, it is taken to share it.
TITLE_FITS_BODY_MIN_CONFIDENCE = 0.1

# Tagalog is left out on purpose: no Kazakhstan outlet publishes in it, lingua only offers it
# for Latin Kazakh (which the detector below recognises) and, offered, it wins over plain
# English headlines full of names ("... veteran Viktor ... on his 101st birthday").
_LINGUA_LANGUAGES = (
    Language.ENGLISH,
    Language.RUSSIAN,
    Language.KAZAKH,
    Language.UKRAINIAN,
    Language.MONGOLIAN,
    Language.TURKISH,
    Language.AZERBAIJANI,
    Language.GERMAN,
    Language.FRENCH,
    Language.SPANISH,
    Language.CHINESE,
    Language.JAPANESE,
    Language.KOREAN,
    Language.ARABIC,
    Language.PERSIAN,
    Language.GEORGIAN,
    Language.ARMENIAN,
)

# Kazakh Cyrillic letters each Cyrillic language lingua may pick lacks (Ukrainian has і,
# Mongolian ө and ү): finding them often means lingua mistook Kazakh for that language.
_KAZAKH_CYRILLIC_LETTERS_ABSENT_FROM = {
    "ru": frozenset("әғқңөұүһі"),
    "uk": frozenset("әғқңөұүһ"),
    "mn": frozenset("әғқңұһі"),
}

_PLACEHOLDER_TITLES = frozenset(
    {"untitled", "no title", "notitle", "n/a", "na", "none", "null", "без названия",
     "без заголовка", "тақырыпсыз"}
)

# Links, e-mail addresses and bare domains (kazinform.kz/ru/...), matched from the start of a
# whitespace-separated chunk only, which keeps the search cheap.
_LINK_RE = re.compile(
    r"(?<!\S)\S*?(?:://|www\.|@|\w\.(?:kz|ru|com|org|net|gov|edu|info|io|uz|kg|tj|cn|tr|ua)\b)\S*",
    re.IGNORECASE,
)
# Letters only (digits and underscores excluded), keeping Uzbek o‘/g‘ and English don't whole.
_WORD_RE = re.compile(r"[^\W\d_]+(?:['‘’ʻʼ`][^\W\d_]+)*")

# Letters of the 2018 and 2021 Kazakh alphabets that none of our Latin neighbours combine with
# Kazakh-like text (Turkish and Azerbaijani have ğ ı ö ü ş ç, Uzbek only ASCII and o‘ g‘).
_KAZAKH_LATIN_LETTERS = r"[áǵńóúýäñū]"
# ı (2018's и/й) next to a vowel: aıtty, boıynsha, keıin. Turkish ı never touches one (its y is
# a consonant: -ıyor, -yı).
_KAZAKH_GLIDE = r"[aeouáóúäöü]ı|ı[aeouáóúäöüý]"
# y as the vowel ы between consonants or word-final: jyl, Mamyr, ashyldy, halyqaralyq. In Turkish,
# Uzbek, Azerbaijani and Tagalog y is only a consonant next to vowels.
_KAZAKH_Y_VOWEL_RE = re.compile(r"[bdfghjklmnpqrstvzǵğş]y(?:[bdfghjklmnpqrstvzǵğşń]|$)")
# Kazakh suffixes spelt with y = ы that neither English nor Turkish/Uzbek produce: locative and
# ablative after a possessive (oblysynda, jylynan), possessive (basshysy), instrumental (jumysymen),
# -lyq nouns, -yp converbs, -myz/-syz, past tense after l/r/z (ashyldy, tapsyrdy), -shy agents,
# dative -qa after a voiceless consonant (jumysqa, sportqa). -lary/-dary is left out: English
# has salary, military, secretary.
_KAZAKH_SUFFIX = r"(?:ynda|ynan|ysyn?|ymen|[ldt]yq|yp|[mns]yz|[lrz]dy|shy|[ptsfhş]qa)$"
_KAZAKH_LATIN_MARKER_RE = re.compile(f"{_KAZAKH_LATIN_LETTERS}|{_KAZAKH_GLIDE}|{_KAZAKH_SUFFIX}")
# Letters no Kazakh Latin alphabet uses (c only in ch), apostrophes inside words (Uzbek o‘,
# English 's, French l'), Azerbaijani ə.
_FOREIGN_TO_KAZAKH_LATIN_RE = re.compile(
    r"[éèêëíìîïàâãåæœôõøßěčřžšłőűûùòōəwx]|c(?!h)|['‘’ʻʼ`]"
)
_UZBEK_LETTERS_RE = re.compile(r"[og]['‘’ʻʼ`]")

# Frequent Kazakh words, mostly those without the distinctive letters (which count anyway):
# conjunctions, postpositions, auxiliaries, month names and news vocabulary, both alphabets.
_KAZAKH_LATIN_WORDS = frozenset(
    {
        "jáne", "jäne", "men", "pen", "ben", "úshin", "üşin", "üşın", "bul", "būl", "osy", "ol",
        "onyń", "onyñ", "bolyp", "boldy", "bolady", "bolsa", "bolǵan", "bolğan", "bolmaq", "dep",
        "degen", "eken", "turaly", "boıynsha", "boiynşa", "boiynsha", "arqyly", "qatysty", "keıin",
        "keiin", "keiın", "sondaı", "sondai", "aq", "biraq", "nemese", "álde", "älde", "taǵy",
        "tağy", "barlyq", "kóp", "köp", "jyl", "jyly", "jylǵy", "jylğy", "búgin", "bügin", "bügın",
        "qazir", "qazır", "ózi", "özi", "özı", "bizdiń", "bizdıñ", "elimiz", "elimizde", "qazaq",
        "qazaqstan", "qazaqstandyq", "respýblıkasy", "respublıkasy", "prezıdent", "prezıdenti",
        "memlekettik", "úkimet", "ükimet", "ükımet", "mınıstr", "mınıstrligi", "ákim", "ákimi",
        "äkim", "oblysy", "aýdany", "audany", "qala", "qalasy", "halyq", "halyqaralyq", "jumys",
        "jūmys", "kerek", "tıis", "kezdesti", "aıtty", "aitty", "atap", "arasynda", "kezinde",
        "qańtar", "qañtar", "aqpan", "naýryz", "nauryz", "sáýir", "säuir", "säuır", "mamyr",
        "maýsym", "mausym", "shilde", "şilde", "şılde", "tamyz", "qyrkúıek", "qyrkúiek",
        "qyrküiek", "qazan", "qarasha", "jeltoqsan",
    }
)
_UZBEK_LATIN_WORDS = frozenset(
    {
        "va", "bilan", "uchun", "ham", "hamda", "yil", "yilda", "yili", "esa", "emas", "haqida",
        "orqali", "ushbu", "mazkur", "yangi", "kerak", "davomida", "tomonidan", "ular", "qilib",
        "etib", "shu",
    }
)
# Function words of the languages Latin Kazakh could be confused with; none is a Kazakh word.
_FOREIGN_TO_KAZAKH_WORDS = _UZBEK_LATIN_WORDS | frozenset(
    {
        # Turkish and Azerbaijani
        "ve", "bir", "bu", "için", "ile", "olarak", "olan", "daha", "gibi", "çok", "değil",
        "ancak", "kadar", "sonra", "göre", "veya", "yeni", "ise", "ki", "mı", "mi", "şu", "tüm",
        "her", "en", "üçün",
        # English
        "the", "and", "of", "to", "is", "in", "for", "with", "that", "by", "at", "as", "from",
        "are", "was", "were", "has", "have", "this", "it", "its", "will", "after", "new", "says",
        "said", "over",
        # German
        "der", "die", "das", "und", "ist", "nicht", "mit", "von", "zu", "den", "dem", "des",
        "ein", "eine", "einer", "auf", "für", "sich", "auch", "im", "es", "wird", "werden", "hat",
        "sind", "wie", "bei", "nach", "aus", "über",
        # French
        "le", "la", "les", "et", "est", "du", "un", "une", "dans", "pour", "que", "qui", "sur",
        "avec", "au", "aux", "pas", "par", "ce", "il", "elle", "sont", "plus",
        # Spanish
        "el", "los", "las", "del", "por", "para", "con", "una", "se", "al", "su", "lo", "como",
        "más",
        # Tagalog
        "ang", "ng", "mga", "sa", "ay", "nang", "ito", "si", "ni", "kay", "siya", "hindi",
        "naman", "lang",
    }
)


@functools.cache
def _lingua_detector() -> LanguageDetector:
    # Built on first use: loading the models takes a while and most imports never detect.
    return LanguageDetectorBuilder.from_languages(*_LINGUA_LANGUAGES).build()


def _truncate(text: str, max_chars: int) -> str:
    if len(text) <= max_chars:
        return text
    cut = text.rfind(" ", 0, max_chars)  # not mid-word
    return text[: cut if cut > 0 else max_chars]


def _lingua_confidences(text: str) -> dict[str, float]:
    """ISO 639-1 code -> lingua's confidence, for the languages it finds possible."""
    return {
        value.language.iso_code_639_1.name.lower(): value.value
        for value in _lingua_detector().compute_language_confidence_values(
            _truncate(text, LINGUA_MAX_CHARS)
        )
        if value.value > 0
    }


@dataclass(frozen=True, slots=True)
class _LatinEvidence:
    """Shares of the Latin words (two letters or more) carrying each kind of marker."""

    kazakh: float  # a Kazakh-only letter or suffix, ı as a glide or a frequent Kazakh word
    kazakh_y_vowel_only: float  # no marker but y as the vowel ы
    uzbek: float
    foreign_to_kazakh: float

    def kazakh_score(self, y_vowel_weight: float) -> float:
        return self.kazakh + y_vowel_weight * self.kazakh_y_vowel_only

    def is_kazakh(self, y_vowel_weight: float) -> bool:
        score = self.kazakh_score(y_vowel_weight)
        return (
            score >= KAZAKH_LATIN_MIN_WORD_SHARE
            and score >= KAZAKH_OVER_FOREIGN_RATIO * self.foreign_to_kazakh
        )

    def is_uzbek(self) -> bool:
        return self.uzbek >= UZBEK_MIN_WORD_SHARE and self.uzbek > self.kazakh_score(1.0)


def _has_strong_kazakh_marker(word: str) -> bool:
    return word in _KAZAKH_LATIN_WORDS or _KAZAKH_LATIN_MARKER_RE.search(word) is not None


def _latin_evidence(words: list[str]) -> _LatinEvidence:
    total = kazakh = y_vowel_only = uzbek = foreign = 0
    for word in " ".join(words).lower().split():  # one lower() call: this loop runs per word
        if len(word) < 2:
            continue
        total += 1
        if _has_strong_kazakh_marker(word):
            kazakh += 1
        elif _KAZAKH_Y_VOWEL_RE.search(word):
            y_vowel_only += 1
        if word in _FOREIGN_TO_KAZAKH_WORDS or _FOREIGN_TO_KAZAKH_LATIN_RE.search(word):
            foreign += 1
            # Uzbek words and o‘/g‘ are a subset of what is foreign to Kazakh.
            uzbek += word in _UZBEK_LATIN_WORDS or _UZBEK_LETTERS_RE.search(word) is not None
    if total == 0:
        return _LatinEvidence(0.0, 0.0, 0.0, 0.0)
    return _LatinEvidence(kazakh / total, y_vowel_only / total, uzbek / total, foreign / total)


def _script(word: str) -> str:
    first = word[0]
    if "\u0400" <= first <= "\u052f":
        return "cyrillic"
    if first.isascii() or "\u00c0" <= first <= "\u024f" or "\u1e00" <= first <= "\u1eff":
        return "latin"
    return "other"


def _words(text: str) -> list[str]:
    text = _truncate(text, MAX_ANALYSED_CHARS)
    # NFC joins letters and combining accents (ǵ may arrive as g + U+0301); Turkish İ would
    # lowercase to i + a combining dot.
    text = unicodedata.normalize("NFC", text).replace("İ", "I")
    return _WORD_RE.findall(_LINK_RE.sub(" ", text))


@dataclass(frozen=True, slots=True)
class _Analysis:
    language: str | None
    confidences: dict[str, float]  # lingua's, before our corrections
    latin: _LatinEvidence | None  # for Latin text lingua was not sure is English

    def fits(self, language: str) -> bool:
        """Could this (short) text be in `language`, even if it was not our first guess?"""
        if self.language != max(self.confidences, key=self.confidences.__getitem__, default=None):
            # We overruled lingua from the letters and words: its scores mean nothing here.
            return False
        if self.confidences.get(language, 0.0) >= TITLE_FITS_BODY_MIN_CONFIDENCE:
            return True
        if self.latin is None or self.language == "en":
            return False
        if language == "kk":  # lingua has no Latin Kazakh: a title of names fits, unless foreign
            return self.latin.foreign_to_kazakh == 0
        return language == "uz" and self.latin.uzbek > 0


def _correct_cyrillic(language: str | None, words: list[str]) -> str | None:
    """lingua's call for a Cyrillic text, checked against the words holding Kazakh letters."""
    if language is None:
        return None
    # Letters that tell Kazakh from the language lingua picked (from Russian if it picked Kazakh).
    kazakh_letters = _KAZAKH_CYRILLIC_LETTERS_ABSENT_FROM.get(
        language, _KAZAKH_CYRILLIC_LETTERS_ABSENT_FROM["ru"]
    )
    rest = [word for word in words if kazakh_letters.isdisjoint(word.lower())]
    if len(rest) == len(words):
        return language
    rest_confidences = _lingua_confidences(" ".join(rest))
    rest_language = max(rest_confidences, key=rest_confidences.__getitem__, default="")
    if (
        rest_language in _KAZAKH_CYRILLIC_LETTERS_ABSENT_FROM
        and rest_confidences[rest_language] >= NON_KAZAKH_REST_MIN_CONFIDENCE
    ):
        return rest_language  # Kazakh names quoted in Russian (Ukrainian, Mongolian) text
    if (len(words) - len(rest)) / len(words) >= KAZAKH_CYRILLIC_MIN_WORD_SHARE:
        return "kk"
    return language


def _analyse(text: str) -> _Analysis | None:
    all_words = _words(text)
    if sum(map(str.isalpha, "".join(all_words))) < MIN_LETTERS:
        return None
    words_by_script: dict[str, list[str]] = {"latin": [], "cyrillic": [], "other": []}
    letters_by_script = dict.fromkeys(words_by_script, 0)
    for word in all_words:
        script = _script(word)
        words_by_script[script].append(word)
        letters_by_script[script] += len(word)  # letters but for a rare inner apostrophe
    # Detect on the dominant script alone: a Russian text quoting an English name is Russian.
    script = max(letters_by_script, key=letters_by_script.__getitem__)
    words = words_by_script[script]
    confidences = _lingua_confidences(" ".join(words))
    language = max(confidences, key=confidences.__getitem__, default=None)

    if script == "cyrillic":
        return _Analysis(_correct_cyrillic(language, words), confidences, None)
    if script != "latin":
        return _Analysis(language, confidences, None)

    if language == "en" and confidences["en"] >= ENGLISH_CONFIDENT:
        return _Analysis(language, confidences, None)
    latin = _latin_evidence(words)
    if latin.is_kazakh(0.0 if language == "en" else Y_VOWEL_MARKER_WEIGHT):
        language = "kk"
    elif latin.is_uzbek():
        language = "uz"
    return _Analysis(language, confidences, latin)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code: 'en', 'ru', 'kk' (Kazakh, in Cyrillic OR Latin script), or another code for
    the few neighbour languages we consider (e.g. 'tr', 'uk', 'az', 'uz', 'mn', 'de', 'fr'...),
    None when the text is too short or has no letters."""
    analysis = _analyse(text)
    return analysis.language if analysis is not None else None


def _is_placeholder(title: str) -> bool:
    return title.strip().lower() in _PLACEHOLDER_TITLES


def article_language(title: str | None, body: str) -> tuple[str | None, str | None, str | None]:
    """(language, title_language, body_language). language is body_language, or the title's when
    body is empty; it is 'mixed' when title and body are both detected and differ (typical case:
    an English title over a Russian body). A title that is only a placeholder like '-' has no
    language."""
    body_language = detect_language(body)
    title_analysis = None if title is None or _is_placeholder(title) else _analyse(title)
    title_language = title_analysis.language if title_analysis is not None else None
    if (
        title_analysis is not None
        and body_language is not None
        and title_language != body_language
        and title_analysis.fits(body_language)
    ):
        title_language = body_language

    if body_language is None:
        return title_language, title_language, None
    if title_language is None or title_language == body_language:
        return body_language, title_language, body_language
    return MIXED, title_language, body_language


# A paragraph with fewer letters than this ("Photo: press service", a dateline) says little
# about its language: it takes that of the nearest paragraph in the same script.
PARAGRAPH_MIN_LETTERS = 40
# Share of a paragraph's letters in one script for the checks below to skip lingua.
PURE_SCRIPT_SHARE = 0.8
# English prose has one of these in every few words; Latin Kazakh, Turkish, Uzbek none.
ENGLISH_FUNCTION_WORD_MIN_SHARE = 0.12
_ENGLISH_FUNCTION_WORDS = frozenset(
    {"the", "and", "of", "to", "in", "is", "for", "with", "that", "by", "at", "as", "from",
     "are", "was", "were", "has", "have", "this", "it", "its", "will", "on", "an", "a", "be",
     "said", "which", "their", "his", "her"}
)
# Cyrillic letters of Kazakh, Ukrainian, Mongolian, Kyrgyz and the rest that Russian lacks:
# a Cyrillic text without any is Russian for our purposes.
_NON_RUSSIAN_CYRILLIC = frozenset("әғқңөұүһіїєґўјђћџљњ")
_PARAGRAPH_RE = re.compile(r"[^\n]+")


def _script_counts(text: str) -> tuple[int, int, int]:
    """Letters in the Latin script, in Cyrillic, and in all."""
    latin = cyrillic = letters = 0
    for char in text:
        if char.isalpha():
            letters += 1
            if "\u0400" <= char <= "\u052f":
                cyrillic += 1
            elif char.isascii() or "\u00c0" <= char <= "\u024f":
                latin += 1
    return latin, cyrillic, letters


def _cheap_language(text: str, latin: int, cyrillic: int, letters: int) -> str | None:
    """Russian or English decided from the letters and words alone, else None (ask lingua)."""
    if cyrillic >= PURE_SCRIPT_SHARE * letters:
        return None if _NON_RUSSIAN_CYRILLIC.intersection(text.lower()) else "ru"
    if latin >= PURE_SCRIPT_SHARE * letters:
        words = _words(text)
        latin_words = [w for w in words if _script(w) == "latin"]
        if not latin_words or not all(w.isascii() for w in latin_words):
            return None  # diacritics: Latin Kazakh, Turkish, Uzbek... for the full detector
        lowered = [w.lower() for w in latin_words]
        english = sum(w in _ENGLISH_FUNCTION_WORDS for w in lowered)
        if english >= ENGLISH_FUNCTION_WORD_MIN_SHARE * len(lowered) and english >= 2 \
                and _latin_evidence(lowered).kazakh == 0:
            return "en"
    return None


def paragraph_languages(text: str) -> list[tuple[int, int, str | None]]:
    """(start, end, language) of each paragraph (line) of `text` that has letters, in order;
    `text[start:end]` is the line without its surrounding white space.

    Pure Russian and plain English prose are told from their letters and words; anything
    else (Kazakh in either script, mixed scripts, other languages) goes to
    :func:`detect_language`. A paragraph of fewer than PARAGRAPH_MIN_LETTERS letters takes
    the language of the nearest paragraph before it in the same script (else after it); it
    is detected on its own only when no paragraph shares its script, so an English title over
    a Russian body stays English.
    """
    paragraphs: list[tuple[int, int, str]] = []  # start, end, script
    languages: list[str | None] = []
    short: list[bool] = []
    for match in _PARAGRAPH_RE.finditer(text):
        line = match.group()
        stripped = line.strip()
        if not stripped:
            continue
        latin, cyrillic, letters = _script_counts(stripped)
        if letters == 0:
            continue
        start = match.start() + len(line) - len(line.lstrip())
        script = "cyrillic" if cyrillic > latin else "latin" if latin else "other"
        paragraphs.append((start, start + len(stripped), script))
        is_short = letters < PARAGRAPH_MIN_LETTERS
        short.append(is_short)
        languages.append(None if is_short
                         else _cheap_language(stripped, latin, cyrillic, letters)
                         or detect_language(stripped))
    for index, (start, end, script) in enumerate(paragraphs):
        if not short[index]:
            continue
        same_script = [i for i, p in enumerate(paragraphs)
                       if p[2] == script and not short[i] and languages[i] is not None]
        before = [i for i in same_script if i < index]
        after = [i for i in same_script if i > index]
        if before or after:
            languages[index] = languages[before[-1] if before else after[0]]
        else:
            paragraph = text[start:end]
            latin, cyrillic, letters = _script_counts(paragraph)
            languages[index] = (_cheap_language(paragraph, latin, cyrillic, letters)
                                or detect_language(paragraph))
    return [(start, end, language)
            for (start, end, _script), language in zip(paragraphs, languages, strict=True)]
