"""A synthetic corpus of plain-text captures, in the layouts qaznews reads.

The text is random sentences drawn from small word lists written for this file
(English, Russian, Kazakh in Cyrillic and in the 2018 Latin alphabet); nothing is
copied from real captures. Layouts change within and across files, as they do in
real captures:

- Kazakhstan Today: `DD.MM.YYYY, HH:MM VIEWS`, title, paragraphs, then page debris
  (image credit, "Tell a friend", copyright, "relevant news") and now and then a
  "Most viewed" line followed by one line of ten glued listing entries (links);
- a ministry list: a bare `DD.MM.YYYY`, title, paragraphs, the first one ending in
  "..., Ministry of Foreign Affairs of the Republic of Kazakhstan reports.";
- gov.kz re-publications: `Title DD.MM.YYYY`, then one body line ending in
  ` Source : https://www.gov.kz/memleket/entities/<slug>/press/news/details/<n>?lang=kk`;
- Qazinform: `17:36, 30 Qańtar 2026`, `30 қаңтар 2026, 17:36` or `30 января 2026, 17:36`,
  then title and paragraphs.

About half of the files open with a capture stamp, ` date YYYY-MM-DD`, followed on the
same line by the first item's first line. The files are 1-5 MB each, plus one large
file (10 MB for a 50 MB corpus) that exercises streaming within one file. The same
seed gives the same bytes.

    python bench/make_corpus.py OUT_DIR --mb 50 --seed 1
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

MB = 1024 * 1024
MANIFEST_NAME = "corpus.json"
#: Bump when the generated text changes, so a kept corpus of an older kind is rebuilt.
GENERATOR_VERSION = 1

# --- word lists --------------------------------------------------------------------------
# Function words are drawn more often than content words, so sentences read like prose
# to a language detector.


def word_list(text: str) -> list[str]:
    return text.split()


EN_FUNCTION = word_list(
    "the of and in to for with on at by from as its their this that these will has have "
    "was were also about more than after over under into between during within"
)
EN_CONTENT = word_list(
    "government ministry president minister meeting agreement cooperation development "
    "economy investment region project programme energy oil gas transport railway "
    "agriculture grain water education school university health hospital digital "
    "technology export import trade partner delegation visit forum summit council "
    "parliament deputy law reform budget tax bank tenge price market company industry "
    "plant construction road bridge airport city village district citizens residents "
    "families children youth sport culture museum festival heritage tourism border "
    "security climate environment steppe lake river mountains winter spring summer autumn "
    "season annual national international regional local new modern strategic sustainable "
    "important significant additional joint official public private social financial "
    "industrial efficient discussed signed announced launched approved opened presented "
    "reviewed supported increased reduced expanded improved completed planned expected "
    "noted emphasized highlighted stressed agreed invited held received including further "
    "capacity logistics corridor pipeline wind solar power grid housing water supply "
    "infrastructure volunteers scholarship research laboratory startup exhibition"
)

RU_FUNCTION = word_list("в на и с по для о к от из что как также это при за до не все года")
RU_CONTENT = word_list(
    "правительство министерство президент министр встреча соглашение сотрудничество "
    "развитие экономика инвестиции регион проект программа энергетика нефть газ транспорт "
    "железная дорога сельское хозяйство зерно вода образование школа университет "
    "здравоохранение больница цифровой технологии экспорт импорт торговля партнер "
    "делегация визит форум саммит совет парламент депутат закон реформа бюджет налог банк "
    "тенге цена рынок компания промышленность завод строительство мост аэропорт город "
    "село район граждане жители семьи дети молодежь спорт культура музей фестиваль "
    "наследие туризм граница безопасность климат экология степь озеро река горы зима "
    "весна лето осень сезон ежегодный национальный международный региональный местный "
    "новый современный стратегический устойчивый важный значительный дополнительный "
    "совместный официальный общественный частный социальный финансовый промышленный "
    "эффективный обсудили подписали объявили запустили утвердили открыли представили "
    "рассмотрели поддержали увеличили сократили расширили улучшили завершили планируют "
    "ожидается сообщили отметил подчеркнул заявил договорились пригласили провели "
    "получили мощность логистика коридор трубопровод ветер солнечный жилье исследование "
    "лаборатория выставка волонтеры стипендия"
)

KK_FUNCTION = word_list(
    "және мен бен пен үшін бойынша туралы арқылы осы бұл сондай-ақ жылы жыл арасында "
    "кезінде тағы барлық көп біздің еліміздің"
)
KK_CONTENT = word_list(
    "үкімет министрлік президент министр кездесу келісім ынтымақтастық даму экономика "
    "инвестиция өңір жоба бағдарлама энергетика мұнай газ көлік теміржол ауыл шаруашылығы "
    "астық су білім мектеп университет денсаулық аурухана цифрлық технология экспорт "
    "импорт сауда серіктес делегация сапар форум саммит кеңес парламент депутат заң "
    "реформа бюджет салық банк теңге баға нарық компания өнеркәсіп зауыт құрылыс жол "
    "көпір әуежай қала аудан азаматтар тұрғындар отбасылар балалар жастар спорт мәдениет "
    "мұражай фестиваль мұра туризм шекара қауіпсіздік климат экология дала көл өзен тау "
    "қыс көктем жаз күз ұлттық халықаралық өңірлік жергілікті жаңа заманауи стратегиялық "
    "тұрақты маңызды елеулі қосымша бірлескен ресми қоғамдық жеке әлеуметтік қаржылық "
    "тиімді талқылады жариялады бекітті ашты таныстырды қарады қолдады арттырды "
    "қысқартты кеңейтті жақсартты аяқтады хабарлады мәлімдеді келісті шақырды өткізді "
    "алды қуат логистика дәліз құбыр жел күн тұрғын зерттеу зертхана көрме еріктілер"
)

KK_LATIN_FUNCTION = word_list(
    "jáne men úshin boıynsha týraly arqyly osy bul sondaı-aq jyly arasynda kezinde taǵy "
    "barlyq kóp bizdiń elimizdiń"
)
KK_LATIN_CONTENT = word_list(
    "úkimet mınıstrlik prezıdent mınıstr kezdesý kelisim yntymaqtastyq damý ekonomıka "
    "ınvestısıa óńir joba baǵdarlama energetıka munaı gaz kólik temirjol aýyl "
    "sharýashylyǵy astyq sý bilim mektep ýnıversıtet densaýlyq aýrýhana sıfrlyq "
    "tehnologıa eksport ımport saýda seriktes delegasıa sapar forým sammıt keńes parlament "
    "depýtat zań reforma búdjet salyq bank teńge baǵa naryq kompanıa ónerkásip zaýyt "
    "qurylys jol kópir áýejaı qala aýdan azamattar turǵyndar otbasylar balalar jastar "
    "sport mádenıet murajaı festıval mura týrızm shekara qaýipsizdik klımat ekologıa dala "
    "kól ózen taý qys kóktem jaz kúz ulttyq halyqaralyq óńirlik jergilikti jańa zamanaýı "
    "strategıalyq turaqty mańyzdy qosymsha birlesken resmı qoǵamdyq áleýmettik qarjylyq "
    "tıimdi talqylady jarıalady bekitti ashty tanystyrdy qarady qoldady arttyrdy keńeıtti "
    "jaqsartty aıaqtady habarlady málimdedi kelisti shaqyrdy ótkizdi aldy"
)

LANGUAGES: dict[str, tuple[list[str], list[str]]] = {
    "en": (EN_FUNCTION, EN_CONTENT),
    "ru": (RU_FUNCTION, RU_CONTENT),
    "kk": (KK_FUNCTION, KK_CONTENT),
    "kk-latn": (KK_LATIN_FUNCTION, KK_LATIN_CONTENT),
}

MONTHS: dict[str, list[str]] = {
    "kk-latn": word_list(
        "Qańtar Aqpan Naýryz Sáýir Mamyr Maýsym Shilde Tamyz Qyrkúıek Qazan Qarasha Jeltoqsan"
    ),
    "kk": word_list(
        "қаңтар ақпан наурыз сәуір мамыр маусым шілде тамыз қыркүйек қазан қараша желтоқсан"
    ),
    "ru": word_list(
        "января февраля марта апреля мая июня июля августа сентября октября ноября декабря"
    ),
}

GOVKZ_ENTITIES = (
    "mfa", "mfa-geneva", "mfa-berlin", "mfa-ankara", "edu", "dsm", "energo", "minfin",
    "miid", "moa", "mcs", "akmola", "almaty", "shymkent", "abai", "mangystau",
)
IMAGE_CREDITS = ("Images | gov.kz", "Images | akorda.kz", "Images | primeminister.kz")
COPYRIGHT = "This information may not be reproduced without reference to Kazakhstan Today."
MFA_ATTRIBUTION = ", Ministry of Foreign Affairs of the Republic of Kazakhstan reports."

FIRST_DAY = dt.date(2024, 1, 1)
DAYS_SPANNED = 800
LINKS_PER_LISTING = 10


# --- text ----------------------------------------------------------------------------


def words(rng: random.Random, language: str, count: int) -> list[str]:
    function_words, content_words = LANGUAGES[language]
    return [
        rng.choice(function_words) if rng.random() < 0.3 else rng.choice(content_words)
        for _ in range(count)
    ]


def sentence(rng: random.Random, language: str) -> str:
    chosen = words(rng, language, rng.randint(8, 20))
    if rng.random() < 0.2:  # numbers inside sentences, never at the end (a date there is a title)
        chosen.insert(rng.randrange(1, len(chosen)), str(rng.randint(2, 9000)))
    text = " ".join(chosen)
    return text[0].upper() + text[1:] + "."


def paragraph(rng: random.Random, language: str) -> str:
    return " ".join(sentence(rng, language) for _ in range(rng.randint(2, 5)))


def title(rng: random.Random, language: str) -> str:
    """A random headline: capitalised, no closing stop, no digits (they could read as a date).

    It ends in a content word, as headlines do: a title line ending "... to 09.06.2025"
    reads as a sentence, not as a dated title.
    """
    chosen = words(rng, language, rng.randint(4, 10))
    chosen.append(rng.choice(LANGUAGES[language][1]))
    text = " ".join(chosen)
    return text[0].upper() + text[1:]


@dataclass(slots=True)
class Moment:
    date: dt.date
    hour: int
    minute: int

    @classmethod
    def random(cls, rng: random.Random) -> Moment:
        date = FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS_SPANNED))
        return cls(date, rng.randrange(24), rng.randrange(60))

    @property
    def numeric_date(self) -> str:
        return f"{self.date:%d.%m.%Y}"

    @property
    def clock(self) -> str:
        return f"{self.hour:02d}:{self.minute:02d}"


# --- layouts: each returns the item's lines and how many articles and links they hold ---


@dataclass(slots=True)
class Chunk:
    lines: list[str]
    articles: int = 0
    links: int = 0


@dataclass(slots=True)
class FileState:
    """What one file's layouts share: its random source and a counter for unique gov.kz ids."""

    rng: random.Random
    file_index: int
    govkz_items: int = 0


def kazakhstan_today(state: FileState) -> Chunk:
    rng = state.rng
    language = "en" if rng.random() < 0.7 else "ru"
    when = Moment.random(rng)
    lines = [f"{when.numeric_date}, {when.clock} {rng.randint(100, 40_000)}", title(rng, language)]
    if rng.random() < 0.5:
        lines.append(rng.choice(IMAGE_CREDITS))
    lines += [paragraph(rng, language) for _ in range(rng.randint(2, 8))]
    lines += ["Tell a friend", COPYRIGHT]
    if rng.random() < 0.6:
        lines.append("relevant news")
    chunk = Chunk(lines, articles=1)
    if rng.random() < 0.08:
        chunk.lines += ["Most viewed", most_viewed_line(rng)]
        chunk.links = LINKS_PER_LISTING
    return chunk


def most_viewed_line(rng: random.Random) -> str:
    """Ten listing entries glued together: `11.12.2025, 19:5618371Some Title 11.12.2025, ...`."""
    entries = []
    for _ in range(LINKS_PER_LISTING):
        when = Moment.random(rng)
        language = "en" if rng.random() < 0.7 else "ru"
        views = rng.randint(1000, 40_000)
        entries.append(f"{when.numeric_date}, {when.clock}{views}{title(rng, language)}")
    return " ".join(entries)


def ministry_list(state: FileState) -> Chunk:
    rng = state.rng
    when = Moment.random(rng)
    first = " ".join(sentence(rng, "en") for _ in range(rng.randint(1, 3)))
    lines = [when.numeric_date, title(rng, "en"), first.rstrip(".") + MFA_ATTRIBUTION]
    lines += [paragraph(rng, "en") for _ in range(rng.randint(1, 5))]
    return Chunk(lines, articles=1)


def govkz(state: FileState) -> Chunk:
    rng = state.rng
    language = rng.choice(("kk", "kk", "ru", "en"))
    when = Moment.random(rng)
    sentences = [sentence(rng, language) for _ in range(rng.randint(4, 14))]
    body = ""
    for index, text in enumerate(sentences):
        if index:
            # Re-publishing leaves a run of non-breaking spaces where a paragraph ended.
            body += "\u00a0 " if rng.random() < 0.2 else " "
        body += text
    state.govkz_items += 1
    details = state.file_index * 1_000_000 + state.govkz_items * 10 + rng.randrange(10)
    lang_param = {"kk": "kk", "ru": "ru", "en": "en"}[language]
    url = (
        f"https://www.gov.kz/memleket/entities/{rng.choice(GOVKZ_ENTITIES)}"
        f"/press/news/details/{details}?lang={lang_param}"
    )
    return Chunk([f"{title(rng, language)} {when.numeric_date}", f"{body} Source : {url}"],
                 articles=1)


def qazinform(state: FileState) -> Chunk:
    rng = state.rng
    when = Moment.random(rng)
    style = rng.choice(("kk-latn", "kk", "ru"))
    month = MONTHS[style][when.date.month - 1]
    day = f"{when.date.day} {month} {when.date.year}"
    header = f"{when.clock}, {day}" if style == "kk-latn" else f"{day}, {when.clock}"
    paragraphs = [paragraph(rng, style) for _ in range(rng.randint(1, 6))]
    if rng.random() < 0.5:
        paragraphs[0] = "ASTANA. KAZINFORM – " + paragraphs[0]
    return Chunk([header, title(rng, style), *paragraphs], articles=1)


Layout = Callable[[FileState], Chunk]
LAYOUTS: dict[str, Layout] = {
    "kazakhstan_today": kazakhstan_today,
    "ministry_list": ministry_list,
    "govkz": govkz,
    "qazinform": qazinform,
}


# --- files and the corpus ------------------------------------------------------------


@dataclass(slots=True)
class CorpusFile:
    name: str
    bytes: int
    articles: int
    links: int
    layouts: dict[str, int] = field(default_factory=dict)


@dataclass(slots=True)
class Corpus:
    directory: Path
    megabytes: float
    seed: int
    files: list[CorpusFile]
    big_file: str

    @property
    def paths(self) -> list[Path]:
        return [self.directory / f.name for f in self.files]

    @property
    def bytes(self) -> int:
        return sum(f.bytes for f in self.files)

    @property
    def articles(self) -> int:
        return sum(f.articles for f in self.files)

    @property
    def links(self) -> int:
        return sum(f.links for f in self.files)


def write_capture(path: Path, target_bytes: int, *, seed: int, file_index: int) -> CorpusFile:
    """One capture of about ``target_bytes``: runs of items in layouts chosen per file."""
    # A string seed is hashed deterministically, unlike hash() of a tuple.
    rng = random.Random(f"qaznews-bench-{seed}-{file_index}")
    state = FileState(rng, file_index)
    names = list(LAYOUTS)
    weights = [rng.uniform(0.1, 1.0) for _ in names]
    record = CorpusFile(path.name, 0, 0, 0, dict.fromkeys(names, 0))
    stamp = rng.random() < 0.5
    with path.open("w", encoding="utf-8", newline="\n") as out:
        while record.bytes < target_bytes:
            layout = rng.choices(names, weights)[0]
            for _ in range(rng.randint(1, 40)):
                chunk = LAYOUTS[layout](state)
                if stamp:  # the capture date shares its line with the first item's first line
                    captured = FIRST_DAY + dt.timedelta(days=DAYS_SPANNED + rng.randrange(30))
                    chunk.lines[0] = f" date {captured.isoformat()} {chunk.lines[0]}"
                    stamp = False
                text = "\n".join(chunk.lines) + "\n"
                out.write(text)
                record.bytes += len(text.encode("utf-8"))
                record.articles += chunk.articles
                record.links += chunk.links
                record.layouts[layout] += chunk.articles
                if record.bytes >= target_bytes:
                    break
    return record


def file_sizes(total_bytes: int, rng: random.Random) -> tuple[list[int], int]:
    """Sizes of the ordinary files (1-5 MB each) and of the one large file."""
    big = min(10 * MB, total_bytes // 5)
    rest = total_bytes - big
    sizes: list[int] = []
    while rest > 0:
        size = min(rest, rng.randint(1 * MB, 5 * MB))
        if rest - size < MB // 2:  # no crumb of a file at the end
            size = rest
        sizes.append(size)
        rest -= size
    return sizes, big


def build_corpus(directory: Path, *, megabytes: float = 50.0, seed: int = 1) -> Corpus:
    """Write the corpus into ``directory`` (created if needed) with its manifest."""
    directory.mkdir(parents=True, exist_ok=True)
    for old in directory.glob("capture_*.txt"):
        old.unlink()
    sizes, big = file_sizes(int(megabytes * MB), random.Random(f"qaznews-bench-sizes-{seed}"))
    files: list[CorpusFile] = []
    for index, size in enumerate(sizes):
        files.append(write_capture(directory / f"capture_{index:03d}.txt", size,
                                   seed=seed, file_index=index))
    # Named to sort last, so a prefix of the files (a quarter of the corpus) leaves it out.
    big_name = "capture_big.txt"
    files.append(write_capture(directory / big_name, big, seed=seed, file_index=len(sizes)))
    corpus = Corpus(directory, megabytes, seed, files, big_name)
    manifest = {
        "generator_version": GENERATOR_VERSION,
        "megabytes": megabytes,
        "seed": seed,
        "big_file": big_name,
        "files": [asdict(f) for f in files],
    }
    (directory / MANIFEST_NAME).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    return corpus


def load_corpus(directory: Path, *, megabytes: float, seed: int) -> Corpus | None:
    """The corpus kept in ``directory`` if it was built with these parameters and is intact."""
    try:
        manifest = json.loads((directory / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if (manifest.get("generator_version"), manifest.get("megabytes"), manifest.get("seed")) != (
        GENERATOR_VERSION, megabytes, seed
    ):
        return None
    files = [CorpusFile(**entry) for entry in manifest["files"]]
    for entry in files:
        path = directory / entry.name
        if not path.is_file() or path.stat().st_size != entry.bytes:
            return None
    return Corpus(directory, megabytes, seed, files, str(manifest["big_file"]))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("out_dir", type=Path, help="folder to write the captures into")
    parser.add_argument("--mb", type=float, default=50.0, help="corpus size in MB (default 50)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    args = parser.parse_args(argv)
    corpus = build_corpus(args.out_dir, megabytes=args.mb, seed=args.seed)
    print(f"{len(corpus.files)} files, {corpus.bytes / MB:.1f} MB, {corpus.articles} articles, "
          f"{corpus.links} links in {corpus.directory}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
