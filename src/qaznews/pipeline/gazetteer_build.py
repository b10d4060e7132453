"""Builds `data/gazetteer.tsv`, the table :mod:`qaznews.pipeline.gazetteer` reads.

Run `python -m qaznews.pipeline.gazetteer_build` after editing a source; a test checks the
shipped table is what the sources give. Sources:

- pycountry (LGPL-2.1): ISO 3166-1 names (name, official name, common name) and their
  Russian and Kazakh translations, from the iso-codes project's catalogues;
- `data/gazetteer_countries.tsv` (ours): canonical names where ISO's is not what news
  writes ("Russia", "Vietnam"), variants ("UAE", "Hellenic Republic"), English demonyms,
  more Russian and Kazakh names ("РК", "ҚР");
- `data/gazetteer_places.tsv` (ours): Kazakhstan's regions, cities and some districts, and
  cities abroad that Kazakhstan's news names often.

Russian names are put in every case with natasha's pymorphy2 dictionary (the words up to and
including the head noun change: "Республики Казахстан", "Объединённых Арабских Эмиратов");
Kazakh Latin forms are transliterated from the Kazakh Cyrillic ones in the acute-accent Latin
alphabet Qazinform writes ("Qazaqstan", "Túrkııa").
"""

from __future__ import annotations

import gettext
import sys
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
OUTPUT = DATA_DIR / "gazetteer.tsv"

#: Names that are common words in one of our languages ("Того" is Russian "of that").
_NOT_NAMES = {"Того"}
_RU_CASES = ("Gen", "Dat", "Acc", "Ins", "Loc")

_KK_LATIN = {
    "а": "a", "ә": "á", "б": "b", "в": "v", "г": "g", "ғ": "ǵ", "д": "d", "е": "e", "ё": "ıo",
    "ж": "j", "з": "z", "и": "ı", "й": "ı", "к": "k", "қ": "q", "л": "l", "м": "m", "н": "n",
    "ң": "ń", "о": "o", "ө": "ó", "п": "p", "р": "r", "с": "s", "т": "t", "у": "ý", "ұ": "u",
    "ү": "ú", "ф": "f", "х": "h", "һ": "h", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
    "ъ": "", "ы": "y", "і": "i", "ь": "", "э": "e", "ю": "ıý", "я": "ıa",
}


def kazakh_latin(cyrillic: str) -> str:
    """Kazakh Cyrillic in the Latin alphabet (acute-accent letters, as Qazinform writes it)."""
    def letter(char: str) -> str:
        return _KK_LATIN.get(char.lower(), char.lower()) if char.isalpha() else char

    def part(word: str) -> str:
        if word.isupper() and len(word) > 1:  # АҚШ -> AQSh
            return "".join(letter(c).capitalize() for c in word)
        latin = "".join(letter(c) for c in word)
        return latin[:1].upper() + latin[1:] if word[:1].isupper() else latin

    return " ".join("-".join(part(p) for p in word.split("-")) for word in cyrillic.split(" "))


@dataclass(frozen=True, slots=True)
class Row:
    form: str
    canonical: str
    kind: str
    country: str
    usage: str  # "name" or "adjective"
    language: str

    def line(self) -> str:
        return "\t".join((self.form, self.canonical, self.kind, self.country, self.usage,
                          self.language))


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]


def _read_tsv(path: Path) -> Iterator[list[str]]:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.split("\t")


@lru_cache(maxsize=1)
def _morph() -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pymorphy2 imports the deprecated pkg_resources
        from natasha import MorphVocab

        return MorphVocab()


def _nominative_parse(word: str) -> Any | None:
    parses = [p for p in _morph().parse(word.lower()) if "nomn" in p.tag]
    if not parses:
        return None
    adjective_ending = word.lower().endswith(("ая", "ий", "ый", "ое", "ые", "ие", "ой"))

    def rank(parse: Any) -> tuple[bool, bool, bool]:
        pos = parse.tag.POS
        return ("Geox" not in parse.tag,
                (pos in ("ADJF", "PRTF")) != adjective_ending,
                pos not in ("NOUN", "ADJF", "PRTF"))

    best = min(parses, key=rank)
    return best if best.tag.POS in ("NOUN", "ADJF", "PRTF") else None


def _inflect_word(word: str, case: str) -> str | None:
    """`word` in `case`, its capitals kept; a hyphenated word changes its last part."""
    parse = _nominative_parse(word)
    # "Нур-Султан" declines as "Нур-Султана": unless the dictionary knows the whole hyphenated
    # place name ("Гвинея-Бисау"), only its last part changes.
    if "-" in word and (parse is None or "Geox" not in parse.tag):
        head, last = word.rsplit("-", 1)
        changed = _inflect_word(last, case)
        return None if changed is None else head + "-" + changed
    if parse is None:
        return None
    form = parse.inflect({case})
    if form is None:
        return None
    parts, original = form.word.split("-"), word.split("-")
    if len(parts) != len(original):
        return None
    return "-".join(p.capitalize() if o[:1].isupper() else p for p, o in zip(parts, original,
                                                                          strict=True))


def russian_forms(name: str) -> set[str]:
    """`name` in the six cases; only the words up to the head noun change."""
    words = name.split(" ")
    if any(w.isupper() for w in words):  # abbreviations do not decline
        return {name}
    changing: list[int] = []
    for index, word in enumerate(words):
        parse = _nominative_parse(word)
        if parse is None:
            break
        changing.append(index)
        if parse.tag.POS == "NOUN":
            # "Босния и Герцеговина": both nouns of a pair change.
            if index + 2 < len(words) and words[index + 1] == "и":
                pair = _nominative_parse(words[index + 2])
                if pair is not None and pair.tag.POS == "NOUN":
                    changing.append(index + 2)
            break
    forms = {name}
    for case in _RU_CASES:
        declined = list(words)
        for index in changing:
            changed = _inflect_word(words[index], case)
            if changed is None:
                break
            declined[index] = changed
        else:
            forms.add(" ".join(declined))
    return forms


def _clean(name: str) -> str:
    return name.replace("\u0301", "").strip()  # iso-codes marks stress in a few names


def _usable(name: str) -> bool:
    # "Korea, Republic of" and "Virgin Islands (U.S.)" are catalogue orders, not text.
    return bool(name) and "," not in name and "(" not in name and name not in _NOT_NAMES


def _country_rows() -> Iterator[Row]:
    import pycountry

    russian = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ru"])
    kazakh = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["kk"])
    extras: dict[str, list[list[str]]] = {}
    for cells in _read_tsv(DATA_DIR / "gazetteer_countries.tsv"):
        extras.setdefault(cells[0], []).append((cells + [""] * 6)[1:6])
    for country in pycountry.countries:
        code = country.alpha_2
        iso_names = [country.name, getattr(country, "official_name", ""),
                     getattr(country, "common_name", "")]
        rows = extras.get(code, [])
        canonical = next((r[0] for r in rows if r[0]), "") or (
            getattr(country, "common_name", "") or country.name)
        english = [canonical, *iso_names, *(a for r in rows for a in _split(r[1]))]
        adjectives = [a for r in rows for a in _split(r[2])]
        ru = [russian.gettext(n) for n in iso_names if n] + [a for r in rows
                                                              for a in _split(r[3])]
        kk = [kazakh.gettext(n) for n in iso_names if n] + [a for r in rows
                                                             for a in _split(r[4])]
        # An untranslated name comes back in English; it is not a Russian or Kazakh form.
        ru = [n for n in ru if n not in iso_names or n == "Türkiye"]
        kk = [n for n in kk if n not in iso_names]
        yield from _rows(canonical, "country", code, english, ru, kk)
        for adjective in adjectives:
            yield Row(adjective, canonical, "country", code, "adjective", "en")


def _region_variants(alias: str) -> list[str]:
    for word, variants in ((" Region", (" Region", " region", " Oblast", " oblast",
                                        " Province", " province")),
                           (" District", (" District", " district"))):
        if alias.endswith(word):
            return [alias[: -len(word)] + v for v in variants]
    return [alias]


def _place_rows() -> Iterator[Row]:
    for cells in _read_tsv(DATA_DIR / "gazetteer_places.tsv"):
        canonical, kind, country, english, ru, kk = (cells + [""] * 6)[:6]
        aliases = [v for a in [canonical, *_split(english)] for v in _region_variants(a)]
        yield from _rows(canonical, kind, country, aliases, _split(ru), _split(kk))


def _rows(canonical: str, kind: str, country: str, english: list[str], russian: list[str],
          kazakh: list[str]) -> Iterator[Row]:
    for name in english:
        if _usable(_clean(name)):
            yield Row(_clean(name), canonical, kind, country, "name", "en")
    for name in russian:
        if _usable(_clean(name)):
            for form in sorted(russian_forms(_clean(name))):
                if form not in _NOT_NAMES:
                    yield Row(form, canonical, kind, country, "name", "ru")
    for name in kazakh:
        if _usable(_clean(name)):
            yield Row(_clean(name), canonical, kind, country, "name", "kk")
            yield Row(kazakh_latin(_clean(name)), canonical, kind, country, "name", "kk-latn")


def build_rows() -> tuple[list[Row], list[str]]:
    """The table's rows, best claim first, and a note for each form two places claim."""
    kept: dict[str, Row] = {}
    conflicts: list[str] = []
    ambiguous: set[str] = set()
    # Names before adjectives; countries before places: "Kuwait" is the country.
    rows = list(_country_rows()) + list(_place_rows())
    rows.sort(key=lambda r: r.usage == "adjective")
    for row in rows:
        held = kept.get(row.form)
        if held is None:
            kept[row.form] = row
        elif held.canonical != row.canonical:
            conflicts.append(f"{row.form}: {held.canonical} kept, {row.canonical} dropped")
            if held.usage == row.usage == "adjective":
                ambiguous.add(row.form)  # "Dominican": two countries, so neither
    return [r for r in kept.values() if r.form not in ambiguous], conflicts


def render(rows: list[Row]) -> str:
    header = ("# Generated by qaznews.pipeline.gazetteer_build: do not edit by hand.\n"
              "# form\tcanonical\tkind\tcountry\tusage\tlanguage\n")
    return header + "".join(r.line() + "\n" for r in rows)


def main() -> None:
    rows, conflicts = build_rows()
    OUTPUT.write_text(render(rows), encoding="utf-8")
    for note in conflicts:
        print(note, file=sys.stderr)
    print(f"{len(rows)} forms written to {OUTPUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
