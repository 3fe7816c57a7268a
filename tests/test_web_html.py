"""Tests for marsad.web.html: main text without chrome, trustworthy dates, same records as text.

The pages are built here from the project's own articles (tests/corpus) wrapped in the
chrome of a news site: menu, ad scripts, cookie banner, share buttons, a list of other
headlines with their own dates («داعش» in one), comments and a footer with a year.
"""
from __future__ import annotations

import html as html_lib
import json
from pathlib import Path

import pytest

from marsad.errors import InputError
from marsad.evaluation import load_corpus
from marsad.models import Document
from marsad.pipeline.extract import extract
from marsad.text.tokens import unwrap_lines
from marsad.web.html import HtmlArticle, extract_html, page_document

CORPUS = Path(__file__).parent / "corpus"
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "seeds.jsonl"

CHROME = {
    "ar": {"dir": "rtl", "outlet": "الخبر المغربي",
           "nav": ["الرئيسية", "سياسة", "مجتمع", "اقتصاد", "رياضة", "فن وثقافة"],
           "cookie": "يستخدم هذا الموقع ملفات تعريف الارتباط لتحسين تجربتك. بمواصلة التصفح فإنك "
                     "توافق على ذلك.", "accept": "موافق",
           "share": ["شارك على فيسبوك", "غرّد على تويتر", "أرسل عبر واتساب"],
           "most_read": "الأكثر قراءة",
           "headlines": [("محكمة سلا تدين ثلاثة متهمين بالانتماء إلى داعش", "2019-03-02"),
                         ("الرجاء يفوز على الوداد في ديربي الدار البيضاء", "2021-11-14"),
                         ("ارتفاع أسعار المحروقات مع بداية الشهر", "2022-06-01")],
           "comments": "تعليقات الزوار", "comment": "الله يحفظ بلادنا من كل سوء، شكرا لرجال الأمن",
           "write": "أضف تعليقك", "footer": "جميع الحقوق محفوظة 2024 © الخبر المغربي",
           "links": ["من نحن", "اتصل بنا", "سياسة الخصوصية"]},
    "en": {"dir": "ltr", "outlet": "Maghreb Daily",
           "nav": ["Home", "Politics", "Society", "Economy", "Sports", "Culture"],
           "cookie": "We use cookies to improve your experience. By continuing to browse you "
                     "accept our cookie policy.", "accept": "Accept",
           "share": ["Share on Facebook", "Tweet this", "Send on WhatsApp"],
           "most_read": "Most read",
           "headlines": [("Salé court jails three over Daesh membership", "2019-03-02"),
                         ("Raja beat Wydad in the Casablanca derby", "2021-11-14"),
                         ("Fuel prices rise at the start of the month", "2022-06-01")],
           "comments": "Reader comments", "comment": "Thank you to our security services!",
           "write": "Leave a comment", "footer": "All rights reserved 2024 © Maghreb Daily",
           "links": ["About us", "Contact", "Privacy policy"]},
    "fr": {"dir": "ltr", "outlet": "Le Quotidien du Maroc",
           "nav": ["Accueil", "Politique", "Société", "Économie", "Sport", "Culture"],
           "cookie": "Nous utilisons des cookies pour améliorer votre expérience. En poursuivant "
                     "votre navigation, vous acceptez leur utilisation.", "accept": "J'accepte",
           "share": ["Partager sur Facebook", "Tweeter", "Envoyer par WhatsApp"],
           "most_read": "Les plus lus",
           "headlines": [("Salé : trois accusés condamnés pour appartenance à Daech", "2019-03-02"),
                         ("Le Raja bat le Wydad dans le derby de Casablanca", "2021-11-14"),
                         ("Hausse des prix des carburants en début de mois", "2022-06-01")],
           "comments": "Commentaires", "comment": "Merci à nos services de sécurité !",
           "write": "Laisser un commentaire",
           "footer": "Tous droits réservés 2024 © Le Quotidien du Maroc",
           "links": ["Qui sommes-nous", "Contact", "Confidentialité"]},
}
AD_SCRIPT = ("googletag.cmd.push(function() { googletag.defineSlot('/2156/top', [728, 90], "
             "'div-gpt-ad-top').addService(googletag.pubads()); googletag.enableServices(); });")


def chrome_strings(lang: str) -> list[str]:
    """Every piece of chrome text a page in ``lang`` has, none of which is article text."""
    c = CHROME[lang]
    return [*c["nav"], c["cookie"], c["accept"], *c["share"], c["most_read"],
            *(h for h, _ in c["headlines"]), c["comments"], c["comment"], c["write"],
            c["footer"], *c["links"], "googletag", "div-gpt-ad"]


def wrap_page(title: str, paragraphs: list[str], lang: str = "ar", published: str | None = None,
              url: str | None = None, head: str = "", article_head: str = "") -> str:
    """A realistic news page around an article; ``published`` goes in article:published_time."""
    c, e = CHROME[lang], html_lib.escape
    meta = [f'<meta property="og:site_name" content="{e(c["outlet"])}">',
            f'<meta property="og:title" content="{e(title)}">',
            '<meta property="og:type" content="article">']
    if published:
        meta.append(f'<meta property="article:published_time" content="{published}T09:30:00+01:00">')
    if url:
        meta.append(f'<link rel="canonical" href="{e(url)}">')
    nav = "".join(f'<li><a href="/section/{i}">{e(x)}</a></li>' for i, x in enumerate(c["nav"]))
    share = "".join(f'<li><a class="share-btn" href="https://share.invalid/{i}">{e(x)}</a></li>'
                    for i, x in enumerate(c["share"]))
    headlines = "".join(f'<li><a href="/news/{i}">{e(h)}</a> <time datetime="{d}T08:00:00">{d}</time>'
                        f"</li>" for i, (h, d) in enumerate(c["headlines"]))
    body = "\n".join(f"<p>{e(p)}</p>" for p in paragraphs)
    links = "".join(f'<li><a href="/page/{i}">{e(x)}</a></li>' for i, x in enumerate(c["links"]))
    return f"""<!DOCTYPE html>
<html lang="{lang}" dir="{c['dir']}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(title)} | {e(c['outlet'])}</title>
{''.join(meta)}
{head}
<script async src="https://securepubads.g.doubleclick.invalid/tag/js/gpt.js"></script>
<script>window.googletag = window.googletag || {{cmd: []}}; {AD_SCRIPT}</script>
<style>.cookie-notice {{position: fixed; bottom: 0}}</style>
</head>
<body class="single-post">
<div id="cookie-notice" class="cookie-notice"><p>{e(c['cookie'])}</p>
<button>{e(c['accept'])}</button></div>
<header class="site-header"><a class="logo" href="/">{e(c['outlet'])}</a>
<nav class="main-navigation"><ul class="menu">{nav}</ul></nav></header>
<div id="div-gpt-ad-top" class="ad ad-leaderboard">
<script>googletag.cmd.push(function() {{ googletag.display('div-gpt-ad-top'); }});</script></div>
<main id="main" class="site-main">
<article class="post type-post">
<header class="entry-header"><h1 class="entry-title">{e(title)}</h1>{article_head}</header>
<div class="entry-content">
{body}
</div>
<div class="share-buttons"><ul>{share}</ul></div>
</article>
<aside class="widget most-read"><h3 class="widget-title">{e(c['most_read'])}</h3>
<ul>{headlines}</ul></aside>
<section id="comments" class="comments-area"><h3>{e(c['comments'])}</h3>
<ol class="comment-list"><li class="comment">
<div class="comment-content"><p>{e(c['comment'])}</p></div></li></ol>
<div id="respond" class="comment-respond"><form class="comment-form">
<textarea placeholder="{e(c['write'])}"></textarea><button>{e(c['write'])}</button></form></div>
</section>
</main>
<footer class="site-footer"><p>{e(c['footer'])}</p><ul class="footer-links">{links}</ul></footer>
</body>
</html>"""


def split_article(text: str) -> tuple[str, list[str]]:
    """A plain-text article's headline (first line) and paragraphs (the other lines); the lines of
    hard-wrapped copy are first joined into their paragraphs, as a page would show them."""
    lines = [" ".join(line.split()) for line in unwrap_lines(text).split("\n") if line.strip()]
    return lines[0], lines[1:]


def page_of(doc: Document, with_date: bool = True) -> str:
    title, paragraphs = split_article(doc.text)
    return wrap_page(title, paragraphs, doc.lang or doc.id[:2],
                     published=doc.published if with_date else None, url=doc.url)


def comparable(record) -> dict:
    """A record as a dict without evidence and value spans (they index different texts)."""
    d = record.to_dict()
    for item in d["events"] + d["claims"]:
        item.pop("evidence")
        item.pop("spans", None)
    return d


LANGS = ("ar", "en", "fr")
CORPUS_DOCS = [doc for lang in LANGS for doc in load_corpus(CORPUS / lang)[0]]
IDS = [d.id for d in CORPUS_DOCS]


# -- main text ---------------------------------------------------------------------------------

@pytest.mark.parametrize("doc", CORPUS_DOCS, ids=IDS)
def test_main_text_has_the_article_and_none_of_the_chrome(doc):
    page = extract_html(page_of(doc), url=doc.url)
    title, paragraphs = split_article(doc.text)
    lines = page.text.split("\n")
    assert lines[:2] == [title, ""]  # headline, blank line, then one paragraph per line
    assert lines[2:] == paragraphs
    for chrome in chrome_strings(doc.id[:2]):
        assert chrome not in page.text or chrome in doc.text, chrome


@pytest.mark.parametrize("layout", [
    lambda ps: "".join(f"<p>{p}</p>" for p in ps),
    lambda ps: "<div class='text'>" + "<br><br>".join(ps) + "</div>",  # one block, <br> breaks
    lambda ps: "<div class='text'>" + "".join(f"<div>{p}</div>" for p in ps) + "</div>",
])
def test_paragraph_markup_variants(layout):
    doc = CORPUS_DOCS[0]
    title, paragraphs = split_article(doc.text)
    html = wrap_page(title, ["BODY"]).replace("<p>BODY</p>", layout(paragraphs))
    assert extract_html(html).text == "\n".join([title, "", *paragraphs])


def test_text_layout_without_a_title():
    page = extract_html("<html><body><article><p>أولى الفقرات هنا.</p><p>والثانية هنا.</p>"
                        "</article></body></html>")
    assert page.text == "أولى الفقرات هنا.\nوالثانية هنا."
    assert page.title is None


def test_fragment_and_non_html():
    text = "تفكيك خلية إرهابية بمدينة طنجة"
    assert extract_html(f"<p>{text}</p>").text == text
    for bad in ("", "   ", "no markup at all"):
        with pytest.raises(InputError, match="not an HTML page"):
            extract_html(bad)
    with pytest.raises(InputError, match="must be a string"):
        extract_html(b"<p>x</p>")  # type: ignore[arg-type]


# -- publication date ----------------------------------------------------------------------------

BODY_YEAR = ["تفكيك أكثر من 200 خلية إرهابية منذ سنة 2002",
             "أعلن المكتب المركزي للأبحاث القضائية أن المصالح الأمنية فككت منذ سنة 2002 أكثر من "
             "مئتي خلية إرهابية، وأن التهديد ما زال قائما في منطقة الساحل."]


def test_no_date_metadata_means_no_date_not_a_body_year():
    html = wrap_page(BODY_YEAR[0], BODY_YEAR[1:])  # body «منذ سنة 2002», footer 2024, list dates
    page = extract_html(html)
    assert (page.published, page.published_from) == (None, None)
    doc = page_document(html, "no-date")
    assert (doc.published, doc.published_from) == (None, None)
    assert extract(doc).published is None


def test_date_from_article_published_time():
    page = extract_html(wrap_page(BODY_YEAR[0], BODY_YEAR[1:], published="2024-05-03"))
    assert (page.published, page.published_from) == ("2024-05-03", "meta")


@pytest.mark.parametrize("head, article_head, expected", [
    ('<meta property="og:published_time" content="2023-01-11">', "", ("2023-01-11", "meta")),
    ('<meta itemprop="datePublished" content="2023-01-11T10:00:00Z">', "", ("2023-01-11", "meta")),
    ('<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", '
     '"headline": "x", "datePublished": "2022-07-05T18:20:00+01:00", "dateModified": "2024-01-01"}'
     "</script>", "", ("2022-07-05", "json-ld")),
    ('<script type="application/ld+json">{"@graph": [{"@type": "WebSite", "name": "x"}, '
     '{"@type": ["NewsArticle"], "datePublished": "2022-07-05"}]}</script>', "",
     ("2022-07-05", "json-ld")),
    ("", '<time class="published" datetime="2021-12-18T07:00:00+01:00">18 دجنبر 2021</time>',
     ("2021-12-18", "time")),
    ("", '<span itemprop="datePublished" content="2021-12-18">18/12/2021</span>',
     ("2021-12-18", "time")),
    ('<meta name="date" content="2020/09/10">', "", ("2020-09-10", "meta")),
    ('<meta name="pubdate" content="20200910">', "", ("2020-09-10", "meta")),
    ('<meta name="DC.date.issued" content="Thu, 10 Sep 2020 09:00:00 GMT">', "",
     ("2020-09-10", "meta")),
    # more trusted first: the article's own tag beats JSON-LD and <time>
    ('<meta property="article:published_time" content="2024-05-03">'
     '<script type="application/ld+json">{"@type": "NewsArticle", '
     '"datePublished": "2024-05-04"}</script>',
     '<time datetime="2024-05-05">x</time>', ("2024-05-03", "meta")),
    # not a publication date
    ('<meta property="article:modified_time" content="2024-05-03">', "", (None, None)),
    ('<meta property="og:updated_time" content="2024-05-03">', "", (None, None)),
    ('<meta property="article:published_time" content="1970-01-01T00:00:00Z">', "", (None, None)),
    ('<meta property="article:published_time" content="2999-01-01">', "", (None, None)),
    ('<meta property="article:published_time" content="منذ ساعتين">', "", (None, None)),
    ('<script type="application/ld+json">{"@type": "ItemList", "itemListElement": [{"@type": '
     '"NewsArticle", "datePublished": "2019-03-02"}]}</script>', "", (None, None)),
    ('<script type="application/ld+json">{not json</script>', "", (None, None)),
])
def test_date_sources(head, article_head, expected):
    page = extract_html(wrap_page(BODY_YEAR[0], BODY_YEAR[1:], head=head, article_head=article_head))
    assert (page.published, page.published_from) == expected


def test_dates_in_a_url_or_other_stories_are_not_the_page_date():
    html = wrap_page(BODY_YEAR[0], BODY_YEAR[1:], url="https://example.invalid/2019/03/02/story")
    assert extract_html(html, url="https://example.invalid/2019/03/02/story").published is None
    related = ('<aside><ul><li itemscope itemtype="https://schema.org/NewsArticle">'
               '<meta itemprop="datePublished" content="2019-03-02"><a href="/x">x</a>'
               '<span itemprop="datePublished" content="2019-03-02">x</span></li></ul></aside>')
    html = wrap_page(BODY_YEAR[0], BODY_YEAR[1:]).replace("</main>", related + "</main>")
    assert extract_html(html).published is None


# -- other metadata ----------------------------------------------------------------------------

def test_title_outlet_canonical_and_lang():
    html = wrap_page("عنوان المقال", ["فقرة أولى من المقال."], url="/ar/story-1")
    page = extract_html(html, url="https://www.example.invalid/ar/story-1?utm_source=x")
    assert page == HtmlArticle(text="عنوان المقال\n\nفقرة أولى من المقال.", title="عنوان المقال",
                               outlet="الخبر المغربي",
                               canonical_url="https://www.example.invalid/ar/story-1", lang="ar")


@pytest.mark.parametrize("head, title, outlet", [
    ("<title>Headline</title>", "Headline", "news.example.invalid"),
    ("<title>Headline - Le Site du Maroc</title>", "Headline", "news.example.invalid"),  # the <h1>
    ('<title>Headline | Le Site</title><meta property="og:site_name" content="Le Site">',
     "Headline", "Le Site"),
    ('<title>Le Site - Headline</title><meta name="application-name" content="Le Site">',
     "Headline", "Le Site"),
    ('<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Headline", '
     '"publisher": {"@type": "Organization", "name": "Le Site"}}</script>', "Headline", "Le Site"),
])
def test_outlet_and_title_fallbacks(head, title, outlet):
    html = (f"<html><head>{head}</head><body><article><h1>Headline</h1>"
            "<p>Le BCIJ a démantelé une cellule à Tanger.</p></article></body></html>")
    page = extract_html(html, url="https://www.news.example.invalid/a")
    assert (page.title, page.outlet) == (title, outlet)
    assert page.text == "Headline\n\nLe BCIJ a démantelé une cellule à Tanger."


@pytest.mark.parametrize("attrs, meta, lang", [
    ('lang="ar-MA"', "", "ar"), ('lang="FR"', "", "fr"),
    ("", '<meta property="og:locale" content="en_US">', "en"),
    ("", "", None), ('lang="x"', "", None),
])
def test_page_lang(attrs, meta, lang):
    page = extract_html(f"<html {attrs}><head>{meta}</head><body><p>نص</p><p>نص آخر</p></body></html>")
    assert page.lang == lang


# -- page_document ----------------------------------------------------------------------------

def test_page_document_fields_given_win():
    html = wrap_page("عنوان", ["تفكيك خلية إرهابية بمدينة طنجة."], published="2024-05-03",
                     url="https://example.invalid/canonical")
    doc = page_document(html, "p1", source="p1.html")
    assert (doc.published, doc.published_from, doc.url, doc.lang, doc.title) == (
        "2024-05-03", "meta", "https://example.invalid/canonical", "ar", "عنوان")
    assert (doc.outlet, doc.source) == ("الخبر المغربي", "p1.html")
    given = page_document(html, "p1", url="https://example.invalid/given", published="2024-05-01",
                          lang="ar", title="مختلف")
    assert (given.published, given.published_from, given.url, given.title) == (
        "2024-05-01", "input", "https://example.invalid/given", "مختلف")


def test_page_lang_that_contradicts_the_text_is_ignored():
    html = wrap_page("عنوان", ["تفكيك خلية إرهابية بمدينة طنجة ونواحيها."]).replace(
        '<html lang="ar"', '<html lang="en"')
    assert page_document(html, "x").lang == "ar"


@pytest.mark.parametrize("text", [
    "La policía española detuvo a un presunto yihadista en Ceuta con la ayuda de los servicios "
    "marroquíes, según informó el Ministerio del Interior.",
    "La polizia italiana ha arrestato un presunto terrorista marocchino a Milano, secondo il "
    "ministero dell'Interno, con la collaborazione dei servizi di Rabat.",
    "Die spanische Polizei hat in Ceuta einen mutmaßlichen Dschihadisten festgenommen, teilte das "
    "Innenministerium mit, die marokkanischen Dienste haben dabei geholfen.",
])
def test_pages_in_other_languages_are_other(text):
    html = f'<html lang="fr"><body><article><h1>Titre</h1><p>{text}</p></article></body></html>'
    doc = page_document(html, "x")
    assert doc.lang == "other"


def test_page_lang_decides_only_a_text_too_short_to_tell():
    html = ('<html lang="fr-MA"><body><article><h1>Tanger</h1><p>Tanger, Fès et Oujda</p>'
            "</article></body></html>")
    assert page_document(html, "x").lang == "fr"
    assert page_document(html.replace('lang="fr-MA"', 'lang="es"'), "x").lang == "other"


def test_page_without_article_text():
    with pytest.raises(InputError, match="no article text"):
        page_document("<html><body><nav><ul><li><a href='/'>Home</a></li></ul></nav></body></html>",
                      "x")


# -- the same records as from the plain text (issue 3: done when) ------------------------------

@pytest.mark.parametrize("doc", CORPUS_DOCS, ids=IDS)
def test_same_record_from_the_page_as_from_the_text(doc):
    """The page carries the article's date in article:published_time when the corpus gives one."""
    from_page = page_document(page_of(doc), doc.id, url=doc.url)
    assert from_page.published == doc.published
    assert from_page.published_from == ("meta" if doc.published else None)
    plain, paged = extract(doc), extract(from_page)
    assert comparable(paged) == comparable(plain)
    for a, b in zip(plain.events + plain.claims, paged.events + paged.claims):
        said = [" ".join(doc.text[s:e].split()) for s, e in a.evidence]
        assert [" ".join(from_page.text[s:e].split()) for s, e in b.evidence] == said


def test_seed_documents_give_the_same_records_from_pages():
    if not SEEDS.exists():
        pytest.skip(f"{SEEDS} not found (the shared folder is not beside the repository)")
    seeds = [Document.from_dict(json.loads(line)) for line in SEEDS.read_text("utf-8").splitlines()
             if line.strip()]
    assert len(seeds) == 5
    for doc in seeds:
        title, paragraphs = split_article(doc.text)
        from_page = page_document(wrap_page(title, paragraphs, published=doc.published), doc.id)
        for paragraph in paragraphs:
            assert paragraph in from_page.text, (doc.id, paragraph[:40])
        for chrome in chrome_strings("ar"):
            assert chrome not in from_page.text or chrome in doc.text, (doc.id, chrome)
        assert comparable(extract(from_page)) == comparable(extract(doc)), doc.id
