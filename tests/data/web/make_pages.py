"""Writes the web fixtures: pages in the layouts of the sites we read, and their truth.

    python tests/data/web/make_pages.py

The layouts imitate the sites' structure (header, navigation, advertising, share
buttons, related news, footer, scripts, JSON-LD where such sites have it); every text
and every piece of markup is ours. The article texts live in ``articles.py``; the truth
(``truth.json``) is written from the same data, so a page and its truth cannot drift.
"""

from __future__ import annotations

import gzip
import html
import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import articles as A  # type: ignore[import-not-found]  # noqa: E402

PAGES = HERE / "pages"
e = html.escape


def paras(article: dict[str, Any], tag: str = "p") -> str:
    return "\n".join(f"<{tag}>{e(p)}</{tag}>" for p in article["paragraphs"])


def read_also_inline(article: dict[str, Any], text: str, link: str) -> str:
    """The paragraphs with a "Read also: <link>" paragraph after the second, as sites insert."""
    out = [f"<p>{e(p)}</p>" for p in article["paragraphs"]]
    head, _, title = text.partition(": ")
    out.insert(2, f'<p><strong>{e(head)}:</strong> <a href="{link}">{e(title)}</a></p>')
    return "\n".join(out)


def body_text(article: dict[str, Any]) -> str:
    return "\n".join(article["paragraphs"])


COUNTER = """<script>(function(){var i=new Image();i.src='https://counter.example.kz/hit?r='+
encodeURIComponent(document.referrer)+'&t='+Date.now();})();</script>
<noscript><img src="https://counter.example.kz/hit.gif" alt="" width="1" height="1"></noscript>"""


# --- Kazakhstan Today ---------------------------------------------------------------------

KT_MOST_VIEWED = [
    ("11.03.2026, 15:40", "11205", "Kazakhstan Joins International Solar Alliance", "/eng/politics/kazakhstan-joins-solar-alliance"),
    ("10.03.2026, 12:06", "9130", "Kazakh Cuisine Week Held in Kuala Lumpur", "/eng/culture/kazakh-cuisine-week"),
    ("09.03.2026, 19:02", "14388", "Senate Approves Amendments to the Tax Code", "/eng/politics/senate-tax-code"),
]


def kt_shell(lang: str, title: str, url: str, inner: str, description: str) -> str:
    menu = {"en": ["Politics", "Economy", "Society", "Diplomacy", "Sport", "Video"],
            "ru": ["Политика", "Экономика", "Общество", "Дипломатия", "Спорт", "Видео"]}[lang]
    most = {"en": "Most viewed", "ru": "Самое читаемое"}[lang]
    rights = {"en": "© 2001-2026 News Agency Kazakhstan Today. All rights reserved.",
              "ru": "© 2001-2026 Информационное агентство Казахстан Сегодня. Все права защищены."}[lang]
    mv = "\n".join(
        f'<li><a href="https://www.kt.kz{href}"><span class="mv-date">{d}</span>'
        f'<span class="mv-views">{v}</span><span class="mv-title">{e(t)}</span></a></li>'
        for d, v, t, href in KT_MOST_VIEWED
    )
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(title)} - Kazakhstan Today</title>
<meta name="description" content="{e(description)}">
<meta property="og:site_name" content="Kazakhstan Today">
<meta property="og:type" content="article">
<meta property="og:title" content="{e(title)}">
<meta property="og:url" content="{url}">
<link rel="canonical" href="{url}">
<link rel="stylesheet" href="/static/css/main.min.css?v=5.2">
<script async src="https://www.googletagmanager.com/gtag/js?id=G-KTX0000"></script>
<script>window.dataLayer=window.dataLayer||[];function gtag(){{dataLayer.push(arguments);}}gtag('js',new Date());gtag('config','G-KTX0000');</script>
</head>
<body class="page-news">
<div class="top-bar"><div class="container"><span class="currency">USD 498.20 &nbsp; EUR 541.75 &nbsp; RUB 5.61</span>
<span class="weather">Astana -4°C</span><div class="langs"><a href="/eng/">ENG</a> | <a href="/rus/">РУС</a> | <a href="/kaz/">ҚАЗ</a></div></div></div>
<header class="header"><div class="container"><a class="logo" href="/"><img src="/static/img/logo.svg" alt="Kazakhstan Today"></a>
<nav class="main-menu"><ul>{"".join(f'<li><a href="/{m.lower()}/">{m}</a></li>' for m in menu)}</ul></nav>
<form class="search" action="/search/"><input type="text" name="q" placeholder="Search"><button>Go</button></form></div></header>
<div class="banner banner-top"><a href="https://ads.example.kz/click?id=771" rel="nofollow"><img src="https://ads.example.kz/b/728x90.jpg" alt="Advertising"></a></div>
<main class="container">
<div class="row">
<div class="col-main">
{inner}
</div>
<aside class="col-side">
<div class="banner banner-side"><a href="https://ads.example.kz/click?id=772" rel="nofollow"><img src="https://ads.example.kz/b/300x250.jpg" alt="Advertising"></a></div>
<div class="live"><div class="live-title">INTERNET TELEVISION</div><a href="/live/">KAZAKHSTAN TODAY LIVE</a></div>
<div class="most-viewed"><h3>{most}</h3><ul>
{mv}
</ul></div>
</aside>
</div>
</main>
<footer class="footer"><div class="container">
<ul class="footer-menu"><li><a href="/about/">About the agency</a></li><li><a href="/advert/">Advertising</a></li><li><a href="/contacts/">Contacts</a></li><li><a href="/rss/">RSS</a></li></ul>
<p class="copy">{rights}</p>
<p class="age">18+</p>
</div></footer>
{COUNTER}
</body>
</html>
"""


def kt_article(lang: str, article: dict[str, Any], url: str, date: str, views: int,
               credit: str | None, source_url: str | None, related: list[tuple[str, str, str]]) -> str:
    share = {"en": "Tell a friend", "ru": "Поделиться"}[lang]
    notice = {
        "en": "This material may not be reproduced without a reference to Kazakhstan Today. All rights to the materials belong to News Agency Kazakhstan Today.",
        "ru": "Использование материалов разрешено только при наличии активной гиперссылки на Kazakhstan Today. Все права на материалы принадлежат ИА «Казахстан Сегодня».",
    }[lang]
    rel_head = {"en": "relevant news", "ru": "Читайте также"}[lang]
    also = {"en": "Read also:", "ru": "Читайте также:"}[lang]
    also_title, also_link = related[0][1], "https://www.kt.kz" + related[0][2]
    also = f"{also} {also_title}"
    image = ""
    if credit:
        image = (f'<div class="news-image"><img src="/uploads/2026/03/main-{views}.jpg" alt="{e(article["title"])}">'
                 f'<div class="news-image-caption">Images | {e(credit)}</div></div>')
    source = ""
    if source_url:
        label = {"en": "Source", "ru": "Источник"}[lang]
        source = f'<div class="news-source">{label}: <a href="{source_url}" target="_blank" rel="nofollow">gov.kz</a></div>'
    rel = "\n".join(
        f'<div class="rel-item"><span class="rel-date">{d}</span> <a href="https://www.kt.kz{h}">{e(t)}</a></div>'
        for d, t, h in related
    )
    inner = f"""<div class="breadcrumbs"><a href="/">Home</a> / <a href="/{lang}/diplomacy/">{'Diplomacy' if lang == 'en' else 'Общество'}</a></div>
<article class="news-detail">
<div class="news-meta"><span class="news-date">{date}</span> <span class="news-views"><i class="icon-eye"></i> {views}</span></div>
<h1 class="news-title">{e(article["title"])}</h1>
{image}
<div class="share-block"><span class="share-title">{share}</span>
<a class="share-fb" href="https://www.facebook.com/sharer.php?u={url}">Facebook</a>
<a class="share-tg" href="https://t.me/share/url?url={url}">Telegram</a>
<a class="share-wa" href="https://wa.me/?text={url}">WhatsApp</a></div>
<div class="news-text">
{read_also_inline(article, also, also_link)}
<p class="news-copyright">{notice}</p>
</div>
{source}
<div class="news-tags"><a href="/tags/1">#{'diplomacy' if lang == 'en' else 'Алматы'}</a> <a href="/tags/2">#{'Kazakhstan' if lang == 'en' else 'транспорт'}</a></div>
</article>
<section class="relevant"><h3>{rel_head}</h3>
{rel}
</section>
<div class="comments"><h4>{'Comments' if lang == 'en' else 'Комментарии'}</h4><p class="comments-empty">{'No comments yet. Be the first!' if lang == 'en' else 'Комментариев пока нет. Будьте первым!'}</p></div>"""
    return kt_shell(lang, article["title"], url, inner, article["paragraphs"][0][:150])


KT_LISTING = [
    ("12.03.2026, 18:45", 2210, "Tokayev Signs Law on Digital Assets", "/eng/politics/tokayev-signs-law-on-digital-assets_1155001", "The President signed the law regulating the circulation of digital assets and the activity of crypto exchanges."),
    ("12.03.2026, 16:20", 1874, "Kazakhstan and Norway Discuss Green Hydrogen and Arctic Research", "/eng/diplomacy/kazakhstan-and-norway-discuss-green-hydrogen_1154997", "Deputy Minister Roman Vassilenko met with State Secretary Eivind Vad Petersson in Oslo."),
    ("12.03.2026, 11:02", 3542, "Mazhilis Approves Ratification of Agreement With Uzbekistan on Border Rivers", "/eng/politics/mazhilis-approves-ratification_1154980", "Deputies ratified the agreement on the joint use of the Syr Darya and Chirchik rivers."),
    ("11.03.2026, 21:15", 5108, "Astana Hosts Central Asian Foreign Ministers' Meeting", "/eng/diplomacy/astana-hosts-ca-ministers_1154962", "The ministers discussed water, energy and transport connectivity of the region."),
    ("11.03.2026, 09:30", 4021, "Government Approves Plan to Modernise Regional Airports", "/eng/politics/government-airports-plan_1154931", "Eleven regional airports will get new terminals and runways by 2029."),
    ("10.03.2026, 17:48", 6650, "Senate Passes Budget Code Amendments", "/eng/politics/senate-budget-code_1154902", "The amendments oblige ministries to publish quarterly reports on budget execution."),
]


def kt_listing() -> tuple[str, list[dict[str, Any]]]:
    entries = []
    rows = []
    for date, views, title, href, teaser in KT_LISTING:
        rows.append(f"""<div class="news-item">
<a class="news-item-img" href="https://www.kt.kz{href}"><img src="/uploads/thumb/{views}.jpg" alt=""></a>
<div class="news-item-meta"><span class="news-date">{date}</span> <span class="news-views"><i class="icon-eye"></i> {views}</span></div>
<a class="news-item-title" href="https://www.kt.kz{href}">{e(title)}</a>
<p class="news-item-lead">{e(teaser)}</p>
</div>""")
        day, clock = date.split(", ")
        d, m, y = day.split(".")
        entries.append({"title": title, "published": f"{y}-{m}-{d}T{clock}", "views": views,
                        "url": f"https://www.kt.kz{href}"})
    inner = ('<div class="breadcrumbs"><a href="/">Home</a> / Politics</div>\n<h1 class="section-title">Politics</h1>\n'
             '<div class="news-list">\n' + "\n".join(rows) + '\n</div>\n<div class="pager"><a href="?page=1" class="active">1</a> <a href="?page=2">2</a> <a href="?page=3">3</a> <a href="?page=2">Next »</a></div>')
    page = kt_shell("en", "Politics", "https://www.kt.kz/eng/politics/", inner, "Politics news of Kazakhstan")
    return page, entries


# --- Qazinform ----------------------------------------------------------------------------

def qz_shell(lang: str, title: str, url: str, inner: str, jsonld: dict[str, Any] | None,
             description: str) -> str:
    menu = {
        "en": ["Politics", "Economy", "Society", "Regions", "World", "Sports", "Multimedia"],
        "ru": ["Политика", "Экономика", "Общество", "Регионы", "В мире", "Спорт", "Мультимедиа"],
        "kk": ["Saıasat", "Ekonomıka", "Qoǵam", "Óńirler", "Álem", "Sport", "Mýltımedıa"],
    }[lang]
    footer = {
        "en": "© Kazinform, 2026. When using materials, a hyperlink to inform.kz is required.",
        "ru": "© Kazinform, 2026. При использовании материалов ссылка на Kazinform обязательна.",
        "kk": "© Kazinform, 2026. Materıaldardy paıdalanǵanda Kazinform saıtyna silteme jasaý mindetti.",
    }[lang]
    ld = f'<script type="application/ld+json">{json.dumps(jsonld, ensure_ascii=False)}</script>' if jsonld else ""
    html_lang = "kk" if lang == "kk" else lang
    return f"""<!doctype html>
<html lang="{html_lang}">
<head>
<meta charset="UTF-8">
<title>{e(title)} | Kazinform</title>
<meta name="description" content="{e(description)}">
<meta property="og:site_name" content="Qazinform.com">
<meta property="og:title" content="{e(title)}">
<meta property="og:url" content="{url}">
<meta property="og:image" content="https://static.inform.kz/img/og-default.png">
<meta name="twitter:card" content="summary_large_image">
<link rel="canonical" href="{url}">
<link rel="alternate" hreflang="en" href="https://www.inform.kz/en/">
<link rel="alternate" hreflang="ru" href="https://www.inform.kz/ru/">
{ld}
<script>window.__NUXT__={{config:{{app:{{baseURL:"/"}}}},state:{{}}}};</script>
</head>
<body>
<div id="__nuxt"><div class="layout">
<header class="site-header"><div class="header-top"><a href="/{lang}/" class="logo">QAZINFORM</a>
<div class="lang-switch"><a href="/kz/">Qaz</a><a href="/ru/">Рус</a><a href="/en/">Eng</a></div>
<a class="header-live" href="/{lang}/live">LIVE</a></div>
<nav class="header-nav">{"".join(f'<a href="/{lang}/{i}">{m}</a>' for i, m in enumerate(menu))}</nav></header>
<div class="adv adv-header"><div id="adfox_1700"></div><script>window.yaContextCb=window.yaContextCb||[];</script></div>
<main class="main">
{inner}
</main>
<footer class="site-footer"><div class="footer-links"><a href="/{lang}/about">About</a><a href="/{lang}/contacts">Contacts</a><a href="/{lang}/advertising">Advertising</a></div>
<p>{footer}</p><p>Certificate of registration of mass media No. 16617-AA.</p></footer>
</div></div>
{COUNTER}
</body>
</html>
"""


def qz_article(lang: str, article: dict[str, Any], url: str, shown_date: str, iso: str,
               views: int | None, author: str | None, related: list[tuple[str, str]]) -> str:
    share = {"en": "Share", "ru": "Поделиться", "kk": "Bólisý"}[lang]
    also = {"en": "Read also", "ru": "Читайте также", "kk": "Oqı otyryńyz"}[lang]
    photo = {"en": "Photo: Kazinform", "ru": "Фото: Kazinform", "kk": "Suret: Kazinform"}[lang]
    subscribe = {"en": "Subscribe to our Telegram channel", "ru": "Подписывайтесь на наш Telegram-канал",
                 "kk": "Telegram arnamyzǵa jazylyńyz"}[lang]
    jsonld: dict[str, Any] = {
        "@context": "https://schema.org", "@type": "NewsArticle", "headline": article["title"],
        "datePublished": iso, "dateModified": iso, "inLanguage": lang,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "publisher": {"@type": "Organization", "name": "Kazinform", "logo": {"@type": "ImageObject", "url": "https://static.inform.kz/img/logo.png"}},
    }
    if author:
        jsonld["author"] = {"@type": "Person", "name": author}
    views_html = f'<span class="article-views"><svg class="icon-eye"></svg>{views}</span>' if views else ""
    author_html = f'<div class="article-author">{e(author)}</div>' if author else ""
    rel = "\n".join(f'<a class="related-card" href="{h}"><span>{e(t)}</span></a>' for t, h in related)
    inner = f"""<div class="article-page">
<div class="breadcrumbs"><a href="/{lang}/">Qazinform</a><span>/</span><a href="/{lang}/2">{'Society' if lang == 'en' else 'Общество' if lang == 'ru' else 'Qoǵam'}</a></div>
<article class="article">
<h1 class="article-title">{e(article["title"])}</h1>
<div class="article-info"><time class="article-date" datetime="{iso}">{shown_date}</time>{views_html}</div>
{author_html}
<figure class="article-image"><img src="https://static.inform.kz/photo/2026/03/{len(url) * 37}.jpg" alt=""><figcaption>{photo}</figcaption></figure>
<div class="article-body">
{read_also_inline(article, f"{also}: {related[0][0]}", related[0][1]) if lang == "ru" else paras(article)}
</div>
<div class="article-subscribe"><a href="https://t.me/kazinform">{subscribe}</a></div>
<div class="article-share"><span>{share}</span><a href="#">Facebook</a><a href="#">X</a><a href="#">Telegram</a><a href="#">WhatsApp</a></div>
</article>
<section class="related"><h2>{also}</h2>
{rel}
</section>
</div>"""
    return qz_shell(lang, article["title"], url, inner, jsonld, article["paragraphs"][0][:160])


QZ_LISTING = [
    ("14:20", "Синоптики прогнозируют потепление на юге Казахстана", "/ru/sinoptiki-prognoziruyut-poteplenie-na-yuge-kazahstana-a8e17b", "В ближайшие три дня на юге страны ожидается до плюс 13 градусов.", 1520),
    ("13:05", "В Алматинской области начали подготовку к весеннему паводку", "/ru/v-almatinskoy-oblasti-nachali-podgotovku-k-vesennemu-pavodku-b1c2d3", "Спасатели обследовали 64 населённых пункта в зоне возможного подтопления.", 987),
    ("11:47", "Казахстан и Малайзия подписали меморандум о сотрудничестве в сфере халяль-индустрии", "/ru/kazahstan-i-malayziya-podpisali-memorandum-c4d5e6", "Документ предусматривает взаимное признание сертификатов.", 2304),
    ("10:12", "В Усть-Каменогорске открылась выставка художников Восточного Казахстана", "/ru/v-ust-kamenogorske-otkrylas-vystavka-f7a8b9", "На выставке «Алтай в красках» представлены более 120 работ.", 640),
    ("09:00", "Курс доллара на утренних торгах KASE", "/ru/kurs-dollara-na-utrennih-torgah-kase-0a1b2c", "Средневзвешенный курс составил 498,2 тенге за доллар.", 3115),
]


def qz_listing() -> tuple[str, list[dict[str, Any]]]:
    rows = []
    entries = []
    for clock, title, href, teaser, views in QZ_LISTING:
        rows.append(f"""<div class="lenta-item">
<time class="lenta-time" datetime="2026-03-10T{clock}:00+05:00">{clock}</time>
<a class="lenta-title" href="https://www.inform.kz{href}">{e(title)}</a>
<p class="lenta-lead">{e(teaser)}</p>
<span class="lenta-views"><svg class="icon-eye"></svg>{views}</span>
</div>""")
        entries.append({"title": title, "published": f"2026-03-10T{clock}", "views": views,
                        "url": f"https://www.inform.kz{href}"})
    inner = f"""<div class="lenta-page">
<h1 class="page-title">Лента новостей</h1>
<div class="lenta-day">10 марта 2026</div>
<div class="lenta-list">
{chr(10).join(rows)}
</div>
<button class="load-more">Показать ещё</button>
</div>"""
    return qz_shell("ru", "Лента новостей", "https://www.inform.kz/ru/lenta", inner, None,
                    "Последние новости Казахстана и мира"), entries


# --- gov.kz -------------------------------------------------------------------------------

def govkz_release(lang: str, article: dict[str, Any], url: str, shown_date: str, entity_name: str) -> str:
    labels = {
        "en": ("Press releases", "Publication date", "Updated", "Print", "Share", "Was this page useful?", "Yes", "No",
               "Official information resource of the Ministry of Foreign Affairs of the Republic of Kazakhstan"),
        "kk": ("Баспасөз релиздері", "Жарияланған күні", "Жаңартылды", "Басып шығару", "Бөлісу", "Бұл бет пайдалы болды ма?", "Иә", "Жоқ",
               "Қазақстан Республикасы Сыртқы істер министрлігінің ресми ақпараттық ресурсы"),
    }[lang]
    press, pub, upd, prnt, share, useful, yes, no, official = labels
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<title>{e(article["title"])} - {e(entity_name)}</title>
<meta property="og:site_name" content="gov.kz">
<meta property="og:title" content="{e(article["title"])}">
<meta property="og:url" content="{url}">
<link rel="canonical" href="{url}">
<link rel="icon" href="/favicon.ico">
<script src="/static/js/chunk-vendors.5c1e.js" defer></script>
<script src="/static/js/app.91ad.js" defer></script>
</head>
<body>
<div id="app">
<div class="eye-panel"><a href="#">Version for the visually impaired</a></div>
<header class="gov-header"><a class="gov-logo" href="/">eGov · gov.kz</a>
<div class="gov-header__entity"><img src="/uploads/emblem.svg" alt=""><span>{e(entity_name)}</span></div>
<nav class="gov-menu"><a href="/memleket/entities/mfa/about">About</a><a href="/memleket/entities/mfa/activities">Activities</a><a href="/memleket/entities/mfa/press/news">{press}</a><a href="/memleket/entities/mfa/documents">Documents</a><a href="/memleket/entities/mfa/contacts">Contacts</a></nav>
<div class="gov-lang"><a href="?lang=kk">Қаз</a><a href="?lang=ru">Рус</a><a href="?lang=en">Eng</a></div></header>
<div class="container">
<ul class="breadcrumbs"><li><a href="/">gov.kz</a></li><li><a href="/memleket/entities/mfa">{e(entity_name)}</a></li><li><a href="/memleket/entities/mfa/press/news">{press}</a></li></ul>
<div class="news-page">
<h1 class="news-page__title">{e(article["title"])}</h1>
<div class="news-page__date"><span>{pub}:</span> {shown_date}</div>
<div class="news-page__content">
{paras(article)}
</div>
<div class="news-page__footer"><span class="updated">{upd}: {shown_date}</span>
<a class="print" href="javascript:window.print()">{prnt}</a>
<div class="share"><span>{share}</span><a href="#">Facebook</a><a href="#">Telegram</a></div></div>
<div class="useful"><p>{useful}</p><button>{yes}</button><button>{no}</button></div>
</div>
</div>
<footer class="gov-footer"><p>{official}</p><p>© 2026 gov.kz</p><a href="/memleket/entities/mfa/contacts">Call center 1414</a></footer>
</div>
</body>
</html>
"""


# --- The Astana Times ---------------------------------------------------------------------

def at_article(article: dict[str, Any], url: str, iso: str, shown: str, author: str, category: str,
               related: list[tuple[str, str]], quote: int | None = None) -> str:
    graph = {"@context": "https://schema.org", "@graph": [
        {"@type": "NewsArticle", "@id": url + "#article", "headline": article["title"],
         "datePublished": iso, "dateModified": iso, "author": {"name": author, "@id": "https://astanatimes.com/#/schema/person/1"},
         "publisher": {"@id": "https://astanatimes.com/#organization"}, "articleSection": [category], "inLanguage": "en-US"},
        {"@type": "WebPage", "@id": url, "url": url, "name": article["title"] + " - The Astana Times"},
        {"@type": "Organization", "@id": "https://astanatimes.com/#organization", "name": "The Astana Times"},
    ]}
    body_parts = []
    for i, p in enumerate(article["paragraphs"]):
        if quote is not None and i == quote:
            body_parts.append(f"<blockquote><p>{e(p)}</p></blockquote>")
        else:
            body_parts.append(f"<p>{e(p)}</p>")
        if i == 1:
            body_parts.append('<div class="code-block code-block-3"><script async src="https://pagead2.example.com/ads.js"></script><ins class="adsbygoogle" data-ad-slot="123"></ins></div>')
    rel = "\n".join(f'<li><a href="{h}">{e(t)}</a></li>' for t, h in related)
    return f"""<!DOCTYPE html>
<html lang="en-US">
<head>
<meta charset="UTF-8">
<title>{e(article["title"])} - The Astana Times</title>
<meta name="robots" content="index, follow, max-image-preview:large">
<link rel="canonical" href="{url}">
<meta property="og:locale" content="en_US">
<meta property="og:type" content="article">
<meta property="og:title" content="{e(article["title"])}">
<meta property="og:url" content="{url}">
<meta property="og:site_name" content="The Astana Times">
<meta property="article:published_time" content="{iso}">
<meta name="author" content="{e(author)}">
<script type="application/ld+json" class="yoast-schema-graph">{json.dumps(graph, ensure_ascii=False)}</script>
<link rel="stylesheet" id="td-theme-css" href="https://astanatimes.com/wp-content/themes/Newspaper/style.css?ver=12" type="text/css" media="all">
<script src="https://astanatimes.com/wp-includes/js/jquery/jquery.min.js?ver=3.7.1" id="jquery-core-js"></script>
</head>
<body class="post-template-default single single-post">
<div class="td-header-wrap"><div class="td-header-top-menu"><span class="td-date">Thursday, March 12, 2026</span>
<ul class="top-header-menu"><li><a href="/about-us/">About Us</a></li><li><a href="/contact-us/">Contact Us</a></li><li><a href="/subscribe/">Subscribe</a></li></ul></div>
<div class="td-header-logo"><a href="https://astanatimes.com/"><img src="/wp-content/uploads/logo.png" alt="The Astana Times"></a></div>
<div class="td-header-menu"><ul id="menu-main"><li><a href="/category/nation/">Nation</a></li><li><a href="/category/business/">Business</a></li><li><a href="/category/world/">World</a></li><li><a href="/category/opinion/">Opinion</a></li><li><a href="/category/culture/">Culture</a></li><li><a href="/category/tourism/">Tourism</a></li></ul></div></div>
<div class="td-main-content-wrap"><div class="td-container">
<div class="td-crumb-container"><span><a href="https://astanatimes.com/">Home</a></span> <i class="td-icon-right"></i> <span><a href="/category/{category.lower()}/">{category}</a></span></div>
<article id="post-1" class="post type-post status-publish">
<div class="td-post-header"><ul class="td-category"><li><a href="/category/{category.lower()}/">{category}</a></li></ul>
<header class="td-post-title"><h1 class="entry-title">{e(article["title"])}</h1>
<div class="td-module-meta-info"><div class="td-post-author-name">By <a href="/author/1/">{e(author)}</a> in <a href="/category/{category.lower()}/">{category}</a> on <time class="entry-date updated td-module-date" datetime="{iso}">{shown}</time></div></div></header></div>
<div class="td-post-sharing-top"><div class="td-social-sharing-buttons"><a href="#" class="td-social-facebook">Facebook</a><a href="#" class="td-social-twitter">Twitter</a><a href="#" class="td-social-telegram">Telegram</a><a href="#" class="td-social-linkedin">LinkedIn</a></div></div>
<div class="td-post-featured-image"><figure><img src="/wp-content/uploads/2026/03/photo-{len(url)}.jpg" alt=""><figcaption class="wp-caption-text">Photo credit: the press service.</figcaption></figure></div>
<div class="td-post-content tagdiv-type">
{chr(10).join(body_parts)}
</div>
<footer><div class="td-post-source-tags"><ul class="td-tags"><li><span>TAGS</span></li><li><a href="/tag/almaty/">Almaty</a></li><li><a href="/tag/kazakhstan/">Kazakhstan</a></li></ul></div>
<div class="td-post-sharing-bottom"><span class="td-social-but-text">Share</span><a href="#">Facebook</a><a href="#">Twitter</a></div>
<div class="td-author-name-wrap"><a href="/author/1/">{e(author)}</a></div></footer>
</article>
<div class="td_block_related_posts"><h4 class="td-related-title">RELATED ARTICLES</h4><ul>
{rel}
</ul></div>
<div class="newsletter-box"><p>Subscribe to The Astana Times newsletter to get our top stories every morning.</p><form><input type="email" placeholder="Your email"><button>Subscribe</button></form></div>
</div></div>
<div class="td-footer-wrap"><p>The Astana Times is an independent English-language newspaper in Kazakhstan.</p><p>© 2026 The Astana Times. All rights reserved.</p></div>
<script src="https://astanatimes.com/wp-content/themes/Newspaper/js/tagdiv_theme.min.js?ver=12" id="td-site-min-js"></script>
</body>
</html>
"""


# --- other layouts ------------------------------------------------------------------------

def generic_ru_portal(article: dict[str, Any]) -> str:
    comments = [("Айгерим", "Наконец-то! Наш двор на Шевченко ждёт ремонта уже десять лет."),
                ("Серик", "А кто будет следить за качеством асфальта? В прошлом году всё размыло за одну весну.")]
    com = "\n".join(f'<div class="comment"><b class="comment-author">{a}</b><div class="comment-text">{e(t)}</div></div>'
                    for a, t in comments)
    return f"""<!DOCTYPE html>
<html lang="ru">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>{e(article["title"])} :: Жетысу Инфо</title>
<meta property="og:site_name" content="Жетысу Инфо">
<meta property="og:title" content="{e(article["title"])}">
<meta property="og:url" content="https://zhetysu-info.kz/news/society/2026-03-05/v-taldykorgane-otremontiruyut-40-dvorov">
<link rel="canonical" href="https://zhetysu-info.kz/news/society/2026-03-05/v-taldykorgane-otremontiruyut-40-dvorov">
<script src="/js/jquery-1.12.4.min.js"></script>
</head>
<body>
<table class="layout" width="100%"><tr><td class="left-col">
<div class="logo"><a href="/"><img src="/i/logo.gif" alt="Жетысу Инфо"></a></div>
<div class="rubrics"><a href="/news/">Все новости</a><br><a href="/news/society/">Общество</a><br><a href="/news/economy/">Экономика</a><br><a href="/news/incidents/">Происшествия</a><br><a href="/news/sport/">Спорт</a></div>
<div class="informer">Курсы валют: USD 498,20 · EUR 541,75</div>
</td><td class="center-col">
<div class="newsblock">
<div class="newsdate"><time datetime="2026-03-05T10:15:00+05:00">05.03.2026 10:15</time> | Общество</div>
<h1>{e(article["title"])}</h1>
<div id="newstext">
{paras(article)}
</div>
<div class="author">Автор: Данияр Омаров</div>
<div class="ya-share2" data-services="vkontakte,facebook,telegram,whatsapp"></div>
</div>
<div class="other-news"><div class="hdr">Другие новости рубрики</div>
<div><a href="/news/society/2026-03-04/v-tekeli-otkroyut-poliklinniku">В Текели откроют новую поликлинику на 250 посещений</a> <span>04.03.2026</span></div>
<div><a href="/news/society/2026-03-03/avtobusy">На маршруты Талдыкоргана выйдут 30 новых автобусов на газе</a> <span>03.03.2026</span></div>
<div><a href="/news/society/2026-03-02/shkola">В Сарканде завершили строительство школы на 600 мест</a> <span>02.03.2026</span></div>
</div>
<div class="comments"><div class="hdr">Комментарии (2)</div>
{com}
<form class="comment-form"><textarea name="text"></textarea><input type="submit" value="Отправить"></form></div>
</td><td class="right-col"><div class="banner"><a href="/adv/go/15"><img src="/adv/240x400.gif" alt="Реклама"></a></div>
<div class="poll"><div class="hdr">Опрос</div><p>Как вы добираетесь на работу?</p><label><input type="radio"> Автобус</label><label><input type="radio"> Автомобиль</label><label><input type="radio"> Пешком</label></div></td></tr></table>
<div class="footer">© 2008-2026 «Жетысу Инфо». Перепечатка материалов только с разрешения редакции. Тел.: +7 (7282) 00-00-00</div>
<!-- Yandex.Metrika counter --><script>(function(m,e,t,r,i,k,a){{m[i]=m[i]||function(){{(m[i].a=m[i].a||[]).push(arguments)}};}})(window,document,"script","https://mc.yandex.ru/metrika/tag.js","ym");ym(1111,"init",{{clickmap:true}});</script>
</body>
</html>
"""


def generic_en_wire(article: dict[str, Any]) -> str:
    text = "<br><br>\n".join(e(p) for p in article["paragraphs"])
    return f"""<html>
<head>
<meta charset="utf-8">
<title>{e(article["title"])}</title>
<meta name="keywords" content="Caspian, seal, ecology, Aktau">
</head>
<body bgcolor="#ffffff">
<div id="top"><a href="/">STEPPE WIRE</a> &middot; <a href="/latest">Latest</a> &middot; <a href="/ecology">Ecology</a> &middot; <a href="/business">Business</a> &middot; <a href="/login">Log in</a></div>
<div id="wrap">
<div id="story">
<div class="kicker">ECOLOGY</div>
<div class="headline"><b>{e(article["title"])}</b></div>
<div class="dateline">Posted March 12, 2026 &middot; 3 min read</div>
<div class="storytext">
{text}
</div>
<div class="endnote">Steppe Wire stories may be republished free of charge with a link to the original.</div>
</div>
<div id="more"><b>More from Ecology</b><ul>
<li><a href="/ecology/2026/03/saiga-count">Saiga antelope count to begin in April</a></li>
<li><a href="/ecology/2026/02/balkhash-level">Lake Balkhash water level rises for second year</a></li>
<li><a href="/ecology/2026/02/almaty-smog">Almaty smog: what the sensors show</a></li></ul></div>
<div id="newsletter">Get Steppe Wire in your inbox. <a href="/subscribe">Sign up</a></div>
</div>
<div id="bottom">Steppe Wire &copy; 2026 &middot; <a href="/privacy">Privacy</a> &middot; <a href="/terms">Terms</a></div>
</body>
</html>
"""


def cp1251_portal(article: dict[str, Any]) -> str:
    # Declares UTF-8 but is written in cp1251, as old CMSs behind a misconfigured server do.
    return f"""<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<title>{e(article["title"])} - Семей Онлайн</title>
<meta name="description" content="Новости Семея и области Абай">
</head>
<body>
<div class="head"><a href="/" class="logo">Семей Онлайн</a>
<ul class="menu"><li><a href="/">Главная</a></li><li><a href="/news/">Новости</a></li><li><a href="/afisha/">Афиша</a></li><li><a href="/board/">Объявления</a></li><li><a href="/forum/">Форум</a></li></ul></div>
<div class="main"><div class="content">
<div class="path"><a href="/">Главная</a> &raquo; <a href="/news/">Новости</a> &raquo; Культура</div>
<div class="post">
<h1 class="post-title">{e(article["title"])}</h1>
<div class="post-info">Опубликовано: <span class="date">18.02.2026</span> в 10:20 | Просмотров: 734</div>
<div class="post-text">
{paras(article)}
</div>
<div class="post-share">Поделиться: <a href="#">ВКонтакте</a> <a href="#">Одноклассники</a> <a href="#">Telegram</a></div>
</div>
<div class="similar"><h3>Похожие новости</h3><ul><li><a href="/news/2026/02/10/teatr.html">Драмтеатр имени Абая покажет премьеру в марте</a></li><li><a href="/news/2026/02/02/most.html">Ремонт моста через Иртыш завершат летом</a></li></ul></div>
</div>
<div class="sidebar"><div class="block"><h3>Погода</h3><p>Семей: -12°C, ясно</p></div><div class="block"><h3>Реклама</h3><a href="/go/ad1"><img src="/ads/ad1.gif" alt="Реклама"></a></div></div>
</div>
<div class="foot">© Семей Онлайн, 2006-2026. Все права защищены.</div>
</body>
</html>
"""


# --- the fixture set ----------------------------------------------------------------------

def article_truth(article: dict[str, Any], url: str, published: str, views: int | None,
                  outlet: str | None, source_url: str | None, kind: str, language: str) -> dict[str, Any]:
    return {"kind": "article", "layout": kind, "language": language, "url": url,
            "title": article["title"], "published": published, "views": views, "outlet": outlet,
            "source_url": source_url, "articleBody": body_text(article)}


def build() -> dict[str, dict[str, Any]]:
    pages: dict[str, tuple[str, bool, str]] = {}
    truth: dict[str, dict[str, Any]] = {}

    def add(page_id: str, text: str, entry: dict[str, Any], *, gz: bool = False,
            encoding: str = "utf-8") -> None:
        pages[page_id] = (text, gz, encoding)
        entry["file"] = page_id + (".html.gz" if gz else ".html")
        truth[page_id] = entry

    govkz_en_url = "https://www.gov.kz/memleket/entities/mfa/press/news/details/1187342?lang=en"
    url = "https://www.kt.kz/eng/diplomacy/kazakhstan-and-norway-discuss-green-hydrogen_1154997"
    related = [("11.03.2026, 14:00", "Kazakh Cuisine Week Held in Kuala Lumpur", "/eng/culture/kazakh-cuisine-week"),
               ("10.03.2026, 09:12", "Kazakhstan and Finland Hold Political Consultations", "/eng/diplomacy/kz-finland")]
    add("kt_en_article", kt_article("en", A.KT_EN_MFA, url, "12.03.2026, 16:20", 1874, "gov.kz",
                                    "https://www.gov.kz/memleket/entities/mfa/press/news/details/1187001?lang=en", related),
        article_truth(A.KT_EN_MFA, url, "2026-03-12T16:20", 1874, "mfa",
                      "https://www.gov.kz/memleket/entities/mfa/press/news/details/1187001?lang=en", "kt", "en"))
    url = "https://www.kt.kz/rus/society/v-almaty-otkroyut-chetyre-novyh-stantsii-veloprokata_1155020"
    related = [("11.03.2026, 10:40", "В Алматы продлят работу метро в праздничные дни", "/rus/society/metro"),
               ("10.03.2026, 18:05", "На Восточной объездной Алматы откроют новую развязку", "/rus/society/razvyazka")]
    add("kt_ru_article", kt_article("ru", A.KT_RU_OWN, url, "12.03.2026, 19:05", 3218, None, None, related),
        article_truth(A.KT_RU_OWN, url, "2026-03-12T19:05", 3218, "Kazakhstan Today", None, "kt", "ru"), gz=True)
    listing, entries = kt_listing()
    add("kt_listing", listing, {"kind": "listing", "layout": "kt", "url": "https://www.kt.kz/eng/politics/", "entries": entries})

    url = "https://www.inform.kz/en/kazakhstan-to-launch-second-national-satellite-for-earth-observation-in-2027-7c1e0a"
    add("qazinform_en_article", qz_article("en", A.QAZINFORM_EN, url, "14:20, 3 March 2026", "2026-03-03T14:20:00+05:00",
                                           4312, "Dana Akhmetova",
                                           [("Kazakhstan, UAE to build satellite ground station", "/en/uae-ground-station-1a2b3c"),
                                            ("Baikonur to host three launches in March", "/en/baikonur-launches-4d5e6f")]),
        article_truth(A.QAZINFORM_EN, url, "2026-03-03T14:20", 4312, "Qazinform", None, "qazinform", "en"))
    url = "https://www.inform.kz/ru/v-almatinskoy-oblasti-nachali-podgotovku-k-vesennemu-pavodku-b1c2d3"
    add("qazinform_ru_article", qz_article("ru", A.QAZINFORM_RU, url, "13:05, 10 марта 2026", "2026-03-10T13:05:00+05:00",
                                           987, None,
                                           [("В ВКО проверили готовность к паводкам", "/ru/vko-pavodki-7a8b9c"),
                                            ("Казгидромет: уровень рек поднимется в конце марта", "/ru/kazgidromet-reki-0d1e2f")]),
        article_truth(A.QAZINFORM_RU, url, "2026-03-10T13:05", 987, "Qazinform", None, "qazinform", "ru"))
    url = "https://www.inform.kz/kz/turkistanda-jana-halyqaralyq-aueja-terminaly-salynady-5f6a7b"
    add("qazinform_kk_latin_article", qz_article("kk", A.QAZINFORM_KK_LATIN, url, "09:05, 3 Naýryz 2026", "2026-03-03T09:05:00+05:00",
                                                 None, None,
                                                 [("Shymkent áýejaıy jańa baǵyttar ashty", "/kz/shymkent-aueja-1c2d3e")]),
        article_truth(A.QAZINFORM_KK_LATIN, url, "2026-03-03T09:05", None, "Qazinform", None, "qazinform", "kk"), gz=True)
    listing, entries = qz_listing()
    add("qazinform_ru_listing", listing, {"kind": "listing", "layout": "qazinform", "url": "https://www.inform.kz/ru/lenta", "entries": entries})

    add("govkz_mfa_en_release", govkz_release("en", A.GOVKZ_MFA_EN, govkz_en_url, "04.03.2026 18:30",
                                              "Ministry of Foreign Affairs of the Republic of Kazakhstan"),
        article_truth(A.GOVKZ_MFA_EN, govkz_en_url, "2026-03-04T18:30", None, "mfa", govkz_en_url, "govkz", "en"))
    url = "https://www.gov.kz/memleket/entities/mfa/press/news/details/1187410?lang=kk"
    add("govkz_mfa_kk_release", govkz_release("kk", A.GOVKZ_MFA_KK, url, "06.03.2026 11:15",
                                              "Қазақстан Республикасы Сыртқы істер министрлігі"),
        article_truth(A.GOVKZ_MFA_KK, url, "2026-03-06T11:15", None, "mfa", url, "govkz", "kk"))

    url = "https://astanatimes.com/2026/03/almaty-opens-first-public-library-with-24-hour-reading-hall/"
    add("astanatimes_library", at_article(A.ASTANATIMES_1, url, "2026-03-03T17:45:12+05:00", "3 March 2026", "Assel Satubaldina", "Nation",
                                          [("Almaty to Plant 100,000 Trees This Spring", "https://astanatimes.com/2026/03/almaty-trees/"),
                                           ("Kazakh Writers Union Marks 100 Years", "https://astanatimes.com/2026/02/writers-union/")], quote=2),
        article_truth(A.ASTANATIMES_1, url, "2026-03-03T17:45", None, "The Astana Times", None, "astanatimes", "en"))
    url = "https://astanatimes.com/2026/03/kazakhstans-grain-exports-reach-record-13-million-tons/"
    add("astanatimes_grain", at_article(A.ASTANATIMES_2, url, "2026-03-09T12:30:00+05:00", "9 March 2026", "Zhazira Dyussembekova", "Business",
                                        [("Kazakhstan Expects Wheat Harvest of 25 Million Tons", "https://astanatimes.com/2025/09/wheat-harvest/")]),
        article_truth(A.ASTANATIMES_2, url, "2026-03-09T12:30", None, "Qazinform", None, "astanatimes", "en"), gz=True)

    url = "https://zhetysu-info.kz/news/society/2026-03-05/v-taldykorgane-otremontiruyut-40-dvorov"
    add("generic_ru_portal", generic_ru_portal(A.GENERIC_RU),
        article_truth(A.GENERIC_RU, url, "2026-03-05T10:15", None, "Жетысу Инфо", None, "other", "ru"))
    url = "https://steppewire.example/ecology/2026/03/caspian-seal-survey"
    add("generic_en_wire", generic_en_wire(A.GENERIC_EN),
        article_truth(A.GENERIC_EN, url, "2026-03-12", None, "steppewire.example", None, "other", "en"))
    url = "http://semey-online.kz/news/2026/02/18/muzey-tramvaya.html"
    add("cp1251_ru_portal", cp1251_portal(A.CP1251_RU),
        article_truth(A.CP1251_RU, url, "2026-02-18", 734, "semey-online.kz", None, "other", "ru"),
        encoding="cp1251")

    PAGES.mkdir(exist_ok=True)
    for old in PAGES.iterdir():
        old.unlink()
    for page_id, (text, gz, encoding) in pages.items():
        data = text.encode(encoding)
        if gz:
            (PAGES / f"{page_id}.html.gz").write_bytes(gzip.compress(data, mtime=0))
        else:
            (PAGES / f"{page_id}.html").write_bytes(data)
    return truth


def main() -> None:
    truth = build()
    (HERE / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n",
                                     encoding="utf-8")
    print(f"{len(truth)} pages written to {PAGES}")


if __name__ == "__main__":
    main()
