"""Near-duplicate copies: one record, every outlet that republished it."""
from __future__ import annotations

import json
from pathlib import Path

from marsad.ingest import ingest_paths
from marsad.store import Store

CORPUS = Path(__file__).parent / "corpus" / "ar"
CHROME = [("الرئيسية | أخبار وطنية | رياضة\n", "\nشارك المقال: فيسبوك تويتر واتساب"),
          ("آخر الأخبار\n", "\nجميع الحقوق محفوظة © 2024"),
          ("", "\nاقرأ أيضا: توقعات الطقس ليوم غد"),
          ("عاجل |\n", ""), ("", "\nتابعونا على تيليغرام"), ("هسبريس من الرباط\n", ""),
          ("", "\nالتعليقات (0)"), ("قسم: مجتمع\n", "\nكلمات مفتاحية: أمن، إرهاب"),
          ("", "\nالمصدر: وكالة المغرب العربي للأنباء"), ("نشر في: المغرب اليوم\n", "")]


def _copies(tmp_path: Path) -> Path:
    text = (CORPUS / "ar_a01.txt").read_text(encoding="utf-8")
    path = tmp_path / "copies.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for i, (head, tail) in enumerate(CHROME):
            f.write(json.dumps({"id": f"outlet{i}", "text": head + text + tail, "published": "2024-05-03",
                                "url": f"https://outlet{i}.invalid/a01"}, ensure_ascii=False) + "\n")
    return path


def test_ten_copies_make_one_record_with_ten_sources(tmp_path, make_target):
    with Store(make_target("m.db")) as store:
        summary = ingest_paths([_copies(tmp_path)], store)
        assert (summary.added, summary.copies, summary.failed) == (1, 9, 0)
        events = store.events()
        assert len({e["document_id"] for e in events}) == 1  # extracted once
        sources = events[0]["sources"]
        assert sorted(s["document_id"] for s in sources) == [f"outlet{i}" for i in range(10)]
        assert sources[0]["document_id"] == "outlet0"  # the original first
        [hit] = store.search("خلية")  # one article, its copies among its sources
        assert hit["document_id"] == "outlet0"
        assert [s["document_id"] for s in hit["sources"]] == [f"outlet{i}" for i in range(10)]
        [hit] = store.search("تيليغرام")  # words only one copy has: still the one article
        assert hit["document_id"] == "outlet0" and len(hit["sources"]) == 10
        from marsad.server.pool import connect_reader
        from marsad.store import browse
        from marsad.store.event_index import EventIndex
        conn = connect_reader(store.path)  # the events page's text filter through the event index
        try:
            index, words = EventIndex.load(conn), browse.Filters(q="تيليغرام")
            assert set(browse.text_rowids(conn, words, index).tolist()) == \
                set(browse.text_rowids(conn, words).tolist()) == {r[0] for r in conn.execute(
                    "SELECT rowid FROM canonical_events")} != set()
        finally:
            conn.close()
        again = ingest_paths([_copies(tmp_path)], store)
        assert (again.added, again.copies, again.unchanged) == (0, 0, 10)


def test_different_articles_are_not_copies(tmp_path, make_target):
    path = tmp_path / "docs.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for name in ("ar_a01", "ar_b01", "ar_c01"):
            f.write(json.dumps({"id": name, "text": (CORPUS / f"{name}.txt").read_text(encoding="utf-8")},
                               ensure_ascii=False) + "\n")
    with Store(make_target("m.db")) as store:
        summary = ingest_paths([path], store)
        assert (summary.added, summary.copies) == (3, 0)


def _page(title: str, body: str, outlet: str, menu: str, footer: str) -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n") if p.strip())
    return (f'<html lang="ar"><head><meta charset="utf-8"><title>{title} - {outlet}</title>'
            f'<meta property="og:site_name" content="{outlet}">'
            f'<meta property="article:published_time" content="2024-05-03T10:00:00+01:00"></head>'
            f'<body><nav><a href="/">الرئيسية</a> {menu}</nav>'
            f'<script>googletag.cmd.push(function() {{ googletag.display("ad-1"); }});</script>'
            f'<article><h1>{title}</h1>{paragraphs}</article>'
            f'<aside><h3>الأكثر قراءة</h3><ul><li><a href="/x">مباراة الوداد والرجاء</a></li></ul></aside>'
            f'<footer>{footer}</footer></body></html>')


def test_ten_html_copies_with_different_chrome_make_one_record(tmp_path, make_target):
    text = (CORPUS / "ar_a01.txt").read_text(encoding="utf-8")
    title, body = text.split("\n", 1)
    for i in range(10):
        page = _page(title, body, f"Outlet {i}", " ".join(f"<a href='/c{k}'>قسم {k + i}</a>" for k in range(5)),
                     f"جميع الحقوق محفوظة {2015 + i}")
        (tmp_path / f"outlet{i}.html").write_text(page, encoding="utf-8")
    with Store(make_target("m.db")) as store:
        summary = ingest_paths([tmp_path], store)
        assert (summary.added, summary.copies, summary.failed) == (1, 9, 0)
        events = store.events()
        assert len({e["document_id"] for e in events}) == 1
        sources = events[0]["sources"]
        assert len(sources) == 10
        assert {s["outlet"] for s in sources} == {f"Outlet {i}" for i in range(10)}
        assert all(s["published"] == "2024-05-03" for s in sources)
