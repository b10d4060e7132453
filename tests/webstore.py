"""The store the web, digest and browser tests read: the story fixtures and the demo
captures, ingested, plus three articles of our own: one whose title and text carry
markup (it must come out escaped), and two with entities, events and topics (the
columns later stages fill), so that those pages have something to show."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from qaznews.core import assign_stories, ingest_paths
from qaznews.model import Article, Entity, Event, Participant, Published, SourceRef
from qaznews.settings import load_settings
from qaznews.store.sqlite import Store

from .conftest import DATA, REPO

XSS_TITLE = '<script>alert("title")</script> Kazakhstan & Japan <b>test</b>'
XSS_BODY = ('A first paragraph with <script>document.title="pwned"</script> in it.\n'
            'A second one with <img src=x onerror=alert(1)> and "quotes" & ampersands.')

NURTLEU = Entity("Murat Nurtleu", "PER", role="Foreign Minister", affiliation="Kazakhstan")
KAMIKAWA = Entity("Yoko Kamikawa", "PER", role="Foreign Minister", affiliation="Japan")
SAIDOV = Entity("Bakhtiyor Saidov", "PER", role="Foreign Minister", affiliation="Uzbekistan")
MFA = Entity("Ministry of Foreign Affairs", "ORG")


def _extra_articles() -> list[Article]:
    day = dt.date(2026, 2, 6)
    p = {e.text: Participant(e.text, e.role, e.affiliation) for e in (NURTLEU, KAMIKAWA, SAIDOV)}
    return [
        Article(title=XSS_TITLE, body=XSS_BODY, outlet="Test <b>Outlet</b>", language="en",
                published=Published(dt.date(2026, 2, 5), dt.time(10, 0)),
                source=SourceRef("extra.txt", 1)),
        Article(
            title="Kazakhstan and Japan sign memorandum on green hydrogen",
            body=("ASTANA. Foreign Minister Murat Nurtleu met Foreign Minister of Japan Yoko "
                  "Kamikawa in Astana. The ministers signed a memorandum on green hydrogen. "
                  "The Ministry of Foreign Affairs said the talks covered trade."),
            outlet="Test Agency", language="en", url="https://example.kz/news/japan-hydrogen",
            published=Published(day, dt.time(9, 0)), source=SourceRef("extra.txt", 2),
            entities=[NURTLEU, KAMIKAWA, MFA],
            events=[
                Event("meeting", day, "Astana", (p["Murat Nurtleu"], p["Yoko Kamikawa"])),
                Event("signing", day, "Astana", (p["Murat Nurtleu"], p["Yoko Kamikawa"]),
                      agreements=("Memorandum on green hydrogen",)),
            ],
            topics=["diplomacy", "energy"]),
        Article(
            title="Murat Nurtleu visits Tashkent",
            body=("TASHKENT. Deputy Prime Minister Murat Nurtleu held talks with Foreign "
                  "Minister Bakhtiyor Saidov on water and energy."),
            outlet="Test Agency", language="en",
            published=Published(dt.date(2026, 2, 7), dt.time(15, 0)),
            source=SourceRef("extra.txt", 3),
            entities=[Entity("Murat Nurtleu", "PER", role="Deputy Prime Minister",
                             affiliation="Kazakhstan"), SAIDOV],
            events=[Event("visit", dt.date(2026, 2, 7), "Tashkent",
                          (Participant("Murat Nurtleu", "Deputy Prime Minister", "Kazakhstan"),
                           p["Bakhtiyor Saidov"]))],
            topics=["diplomacy"]),
    ]


def build_web_store(path: Path) -> Path:
    """Ingest the fixtures and demo captures into a new store at ``path``; add ours."""
    settings = load_settings(None, db=path)
    with Store(path) as store:
        ingest_paths([DATA / "stories", REPO / "demo" / "captures"], store, settings=settings)
        extra = _extra_articles()
        with store.transaction():
            store.write(list(extra))
            assign_stories(store, [a.id for a in extra], settings)
    return path


def extra_ids() -> dict[str, str]:
    xss, japan, tashkent = _extra_articles()
    return {"xss": xss.id, "japan": japan.id, "tashkent": tashkent.id}
