"""Tests for marsad.readers: every kind of input, good and bad, without raising."""
from __future__ import annotations

import io
import json
import tracemalloc

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marsad import readers
from marsad.errors import InputError
from marsad.models import Document
from marsad.readers import (SKIPPED, InputProblem, count_documents, document_from_json,
                            read_documents)

ARTICLE = "أعلن المكتب المركزي للأبحاث القضائية تفكيك خلية إرهابية بمدينة طنجة."
ARTICLE_2 = "أوقفت السلطات شخصا يشتبه في ولائه لتنظيم داعش بمدينة فاس."


def read_all(*paths, stdin=None):
    return list(read_documents(paths, stdin=stdin))


def only_problem(items) -> InputProblem:
    assert len(items) == 1 and isinstance(items[0], InputProblem), items
    return items[0]


def jsonl(*objs) -> str:
    return "".join((o if isinstance(o, str) else json.dumps(o, ensure_ascii=False)) + "\n"
                   for o in objs)


# -- .txt files and encodings ----------------------------------------------------------------

@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-32", "cp1256"])
def test_txt_encodings_decode_to_the_same_text(tmp_path, encoding):
    path = tmp_path / "004.txt"
    path.write_bytes(ARTICLE.encode(encoding))
    [doc] = read_all(path)
    assert doc == Document(id="004", text=ARTICLE, source=str(path))


@pytest.mark.parametrize("data, message", [
    (b"", "empty file"),
    (b"  \n\t\n", "empty file"),
    ("\ufeff".encode("utf-8"), "empty file"),
    (bytes(range(256)) * 20, "binary file, not text"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 200, "binary file, not text"),
    ("Attentat déjoué à Fès".encode("latin-1"), "unknown text encoding"),
])
def test_bad_txt_files_are_problems(tmp_path, data, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    problem = only_problem(read_all(path))
    assert problem.source == str(path) and problem.line is None
    assert problem.message.startswith(message)
    assert str(problem) == f"{path}: {problem.message}"


def test_oversized_txt_is_reported_without_reading_it(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:  # sparse: instant to create, never read
        f.truncate(52_428_800)
    problem = only_problem(read_all(path))
    assert problem.message == "file too large for one article (52.4 MB > 5 MB)"


def test_missing_path_and_unsupported_type(tmp_path):
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    items = read_all(tmp_path / "nope.txt", tmp_path / "notes.pdf")
    assert [p.message for p in items] == [
        "no such file or directory",
        "unsupported file type '.pdf'; use .txt, .jsonl(.gz), .json, .html, .warc(.gz) or .parquet"]


# -- JSON Lines ------------------------------------------------------------------------------------

def test_jsonl_reads_fields_and_names_lines(tmp_path):
    path = tmp_path / "docs.jsonl"
    path.write_text(jsonl({"id": "a", "text": ARTICLE, "published": "2023-05-01",
                           "url": "https://example.org/a", "lang": "ar", "extra": 1},
                          "", {"id": "b", "text": ARTICLE_2}), encoding="utf-8")
    a, b = read_all(path)
    assert a == Document(id="a", text=ARTICLE, published="2023-05-01",
                         url="https://example.org/a", lang="ar", source=f"{path}:1",
                         published_from="input")
    assert (b.id, b.source, b.published) == ("b", f"{path}:3", None)


def test_invalid_json_line_among_good_lines(tmp_path):
    path = tmp_path / "docs.jsonl"
    path.write_text(jsonl({"id": "a", "text": ARTICLE}, '{"id": "b" "text": "x"}',
                          {"id": "c", "text": ARTICLE_2}), encoding="utf-8")
    a, problem, c = read_all(path)
    assert (a.id, c.id) == ("a", "c")
    assert problem.line == 2
    assert str(problem).startswith(f"{path}:2: invalid JSON: Expecting ',' delimiter")


@pytest.mark.parametrize("obj, message", [
    ({"text": ARTICLE}, "missing field 'id'"),
    ({"id": "a"}, "missing field 'text' (or 'html')"),
    ({"id": "a", "html": "no markup"}, "not an HTML page"),
    ({"id": "a", "html": " "}, "field 'html' is empty"),
    ({"id": "a", "html": 3}, "field 'html' must be a string, got a number"),
    ({"id": "a", "html": "<html><body><nav><a href='/'>Home</a></nav></body></html>"},
     "no article text found in the page"),
    ({"id": 7, "text": ARTICLE}, "field 'id' must be a string, got a number"),
    ({"id": "a", "text": ["x"]}, "field 'text' must be a string, got a list"),
    ({"id": "a", "text": "  "}, "field 'text' is empty"),
    ({"id": "", "text": ARTICLE}, "field 'id' is empty"),
    ({"id": "a", "text": ARTICLE, "published": "2023/05/01"},
     "field 'published' must be a YYYY-MM-DD date, got '2023/05/01'"),
    ({"id": "a", "text": ARTICLE, "published": "2023-02-30"},
     "field 'published' must be a YYYY-MM-DD date, got '2023-02-30'"),
    ({"id": "a", "text": ARTICLE, "lang": "de"}, "field 'lang' must be one of ar, en, fr, got 'de'"),
    ({"id": "a", "text": ARTICLE, "url": 3}, "field 'url' must be a string, got a number"),
    (["a", "b"], "expected a JSON object, got a list"),
])
def test_bad_jsonl_objects(tmp_path, obj, message):
    path = tmp_path / "docs.jsonl"
    path.write_text(jsonl({"id": "ok", "text": ARTICLE}, obj), encoding="utf-8")
    ok, problem = read_all(path)
    assert ok.id == "ok"
    assert problem == InputProblem(str(path), 2, message)
    with pytest.raises(InputError, match="^" + message[:10]):
        document_from_json(obj)


@pytest.mark.parametrize("data, message", [
    (b"", "empty file"),
    (b"\n\n  \n", "empty file"),
    (b"\x00\x01\x02\x03" * 100, "binary file, not text"),
])
def test_bad_jsonl_files(tmp_path, data, message):
    path = tmp_path / "docs.jsonl"
    path.write_bytes(data)
    assert only_problem(read_all(path)) == InputProblem(str(path), None, message)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_jsonl_with_bom(tmp_path, encoding):
    path = tmp_path / "docs.jsonl"
    path.write_bytes(jsonl({"id": "a", "text": ARTICLE}, {"id": "b", "text": ARTICLE_2})
                     .encode(encoding))
    assert [d.text for d in read_all(path)] == [ARTICLE, ARTICLE_2]


def test_jsonl_line_not_utf8_is_a_problem_for_that_line(tmp_path):
    path = tmp_path / "docs.jsonl"
    path.write_bytes(b'{"id": "a", "text": "caf\xe9"}\n' + jsonl({"id": "b", "text": "x"}).encode())
    problem, doc = read_all(path)
    assert problem == InputProblem(str(path), 1, "line is not valid UTF-8 text")
    assert doc.id == "b"


def test_oversized_jsonl_line(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "MAX_ARTICLE_BYTES", 1000)
    monkeypatch.setattr(readers, "CHUNK_BYTES", 64)  # lines span many chunks
    path = tmp_path / "docs.jsonl"
    path.write_text(jsonl({"id": "a", "text": "x" * 2000}, {"id": "b", "text": "y" * 900},
                          {"id": "c", "text": "z" * 5000}), encoding="utf-8")
    first, second, third = read_all(path)
    assert (first.line, first.message[:29]) == (1, "line too long for one article")
    assert second.text == "y" * 900
    assert (third.line, third.message[:13]) == (3, "line too long")


def test_jsonl_without_final_newline(tmp_path):
    path = tmp_path / "docs.jsonl"
    path.write_text('{"id": "a", "text": "x"}\n{"id": "b", "text": "y"}', encoding="utf-8")
    assert [d.id for d in read_all(path)] == ["a", "b"]


def test_large_jsonl_streams_in_constant_memory(tmp_path):
    path = tmp_path / "big.jsonl"
    line = json.dumps({"id": "x{}", "text": ARTICLE * 20}, ensure_ascii=False) + "\n"
    with path.open("w", encoding="utf-8") as f:
        for i in range(8000):  # distinct ids: a repeated one is reported, not read
            f.write(line.replace('"x{}"', f'"x{i}"', 1))
    assert path.stat().st_size > 20_000_000
    tracemalloc.start()
    try:
        count = sum(1 for item in read_documents([path]) if isinstance(item, Document))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 8000
    assert peak < 8_000_000


def test_stdin_is_jsonl():
    stdin = io.BytesIO(jsonl({"id": "a", "text": ARTICLE}, "not json").encode("utf-8"))
    doc, problem = read_all("-", stdin=stdin)
    assert doc.source == "<stdin>:1"
    assert str(problem).startswith("<stdin>:2: invalid JSON")


# -- .json files ---------------------------------------------------------------------------------

def test_json_object_and_list(tmp_path):
    one, many = tmp_path / "one.json", tmp_path / "many.json"
    one.write_text(json.dumps({"id": "a", "text": ARTICLE}), encoding="utf-8")
    many.write_text(json.dumps([{"id": "b", "text": ARTICLE_2}, {"id": "c"}]), encoding="utf-8")
    a, b, problem = read_all(one, many)
    assert (a.id, a.source, b.id, b.source) == ("a", str(one), "b", f"{many}[0]")
    assert problem == InputProblem(str(many), None, "item 1: missing field 'text' (or 'html')")


def test_invalid_json_file(tmp_path):
    path = tmp_path / "one.json"
    path.write_text('{"id": "a",\n "text": }', encoding="utf-8")
    assert only_problem(read_all(path)).message.startswith("invalid JSON: Expecting value (line 2")


# -- folders ---------------------------------------------------------------------------------------

def test_folder_recursion_sorted_and_filtered(tmp_path):
    (tmp_path / "b" / "deeper").mkdir(parents=True)
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "z.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "a.txt").write_text(ARTICLE_2, encoding="utf-8")
    (tmp_path / "b" / "docs.jsonl").write_text(jsonl({"id": "j1", "text": ARTICLE},
                                                     {"id": "j2", "text": ARTICLE_2}))
    (tmp_path / "b" / "deeper" / "c.TXT").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b" / "readme.md").write_text("ignored")
    (tmp_path / "b" / "page.html").write_text(f"<html><body><p>{ARTICLE}</p></body></html>",
                                              encoding="utf-8")
    (tmp_path / "b" / "empty.htm").write_text("")
    (tmp_path / ".hidden" / "x.txt").write_text(ARTICLE, encoding="utf-8")
    items = read_all(tmp_path)
    ids = [i.id if isinstance(i, Document) else str(i) for i in items]
    assert ids == ["a", "c", "j1", "j2", f"{tmp_path / 'b' / 'empty.htm'}: empty file", "page",
                   "z", f"{tmp_path / 'b' / 'readme.md'}: .md"]
    assert items[-1].level == SKIPPED  # for the summary: not read, and no error
    assert count_documents([tmp_path]) >= 5
    assert count_documents([tmp_path, "-"]) is None


# -- never raising -------------------------------------------------------------------------------

@settings(max_examples=200, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=300) | st.text(max_size=200).map(lambda s: s.encode("utf-8")),
       suffix=st.sampled_from([".txt", ".jsonl", ".json", ".html", ".warc", ".warc.gz"]))
def test_any_bytes_give_documents_or_problems(tmp_path, data, suffix):
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(data)
    items = read_all(path)
    assert items and all(isinstance(i, (Document, InputProblem)) for i in items)
    assert all(i.source.startswith(str(path)) for i in items)


# -- web pages: .html files and JSONL "html" ------------------------------------------------------

TITLE = "تفكيك خلية إرهابية بطنجة"


def html_page(body: str = ARTICLE, published: str | None = "2024-05-03", charset: str = "utf-8",
              lang: str = "ar") -> str:
    date = (f'<meta property="article:published_time" content="{published}T10:00:00+01:00">'
            if published else "")
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="{charset}">'
            f"<title>{TITLE} | الخبر"
            f'</title><meta property="og:site_name" content="الخبر">{date}'
            '<link rel="canonical" href="https://alkhabar.invalid/ar/tanger-cellule">'
            "<script>googletag.cmd.push(function() { googletag.display('ad'); });</script></head>"
            '<body><nav><ul><li><a href="/">الرئيسية</a></li><li><a href="/s">رياضة</a></li>'
            "</ul></nav>"
            f"<article><h1>{TITLE}</h1><p>{body}</p><p>{ARTICLE_2}</p></article>"
            "<footer><p>جميع الحقوق محفوظة 2024</p></footer></body></html>")


def test_html_file(tmp_path):
    path = tmp_path / "tanger.html"
    path.write_text(html_page(), encoding="utf-8")
    [doc] = read_all(path)
    assert doc == Document(id="tanger", text=f"{TITLE}\n\n{ARTICLE}\n{ARTICLE_2}",
                           published="2024-05-03",
                           url="https://alkhabar.invalid/ar/tanger-cellule", lang="ar", title=TITLE,
                           source=str(path), published_from="meta", outlet="الخبر")


def test_html_file_without_date_metadata(tmp_path):
    path = tmp_path / "p.htm"
    path.write_text(html_page(published=None), encoding="utf-8")
    [doc] = read_all(path)
    assert (doc.published, doc.published_from) == (None, None)  # not the footer's 2024


def test_html_file_in_windows_1256_with_a_lying_charset(tmp_path):
    path = tmp_path / "p.html"
    path.write_bytes(html_page(charset="utf-8").encode("cp1256"))
    [doc] = read_all(path)
    assert doc.text == f"{TITLE}\n\n{ARTICLE}\n{ARTICLE_2}"


@pytest.mark.parametrize("data, message", [
    (b"", "empty file"),
    (b" \n ", "empty file"),
    (bytes(range(256)) * 20, "undecodable page (binary data, not text)"),
    (b"<html><body><nav><a href='/'>Home</a></nav></body></html>",
     "no article text found in the page"),
])
def test_bad_html_files(tmp_path, data, message):
    path = tmp_path / "bad.html"
    path.write_bytes(data)
    assert only_problem(read_all(path)) == InputProblem(str(path), None, message)


def test_oversized_html_file(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "MAX_PAGE_BYTES", 100_000)
    path = tmp_path / "big.html"
    path.write_text(html_page(ARTICLE * 2000), encoding="utf-8")
    assert only_problem(read_all(path)).message == "file too large for one page (0.3 MB > 0.1 MB)"


def test_jsonl_html_lines(tmp_path):
    path = tmp_path / "pages.jsonl"
    path.write_text(jsonl(
        {"id": "p1", "html": html_page()},
        {"id": "p2", "html": html_page(), "published": "2024-05-01", "url": "https://x.invalid/p2",
         "title": "عنوان آخر", "lang": "ar"},
        {"id": "p3", "html": html_page(published=None), "text": ARTICLE_2},  # text wins
        {"id": "p4", "html": f"<p>{ARTICLE}</p>"},                          # a fragment
    ), encoding="utf-8")
    p1, p2, p3, p4 = read_all(path)
    assert (p1.text, p1.published, p1.published_from, p1.url, p1.title, p1.lang, p1.source) == (
        f"{TITLE}\n\n{ARTICLE}\n{ARTICLE_2}", "2024-05-03", "meta",
        "https://alkhabar.invalid/ar/tanger-cellule", TITLE, "ar", f"{path}:1")
    assert (p2.published, p2.published_from, p2.url, p2.title) == (
        "2024-05-01", "input", "https://x.invalid/p2", "عنوان آخر")
    assert (p3.text, p3.published) == (ARTICLE_2, None)
    assert (p4.text, p4.title, p4.lang) == (ARTICLE, None, "ar")


def test_html_page_in_another_language_is_other(tmp_path):
    path = tmp_path / "es.html"
    path.write_text(html_page("La policía española detuvo a un presunto yihadista en Ceuta con la "
                              "ayuda de los servicios marroquíes, según el Ministerio del Interior.")
                    .replace(ARTICLE_2, "El detenido fue puesto a disposición de la Audiencia "
                                        "Nacional en Madrid.").replace(TITLE, "Detenido en Ceuta"),
                    encoding="utf-8")
    [doc] = read_all(path)
    assert doc.lang == "other"


# -- web archives ------------------------------------------------------------------------------

def warc(records: list[tuple], gzip: bool = True) -> bytes:
    """A WARC built with warcio: (url, status, content type, body bytes) per response record."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzip)
    writer.write_record(writer.create_warcinfo_record("crawl.warc.gz", {"software": "test"}))
    for url, status, ctype, body in records:
        if status is None:  # a request record
            request = io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")
            rec = writer.create_warc_record(url, "request", payload=request)
        else:
            http = StatusAndHeaders(f"{status} {'OK' if status == 200 else 'Not Found'}",
                                    [("Content-Type", ctype)], protocol="HTTP/1.1")
            rec = writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                            http_headers=http,
                                            warc_headers_dict={"WARC-Date": "2025-06-01T12:00:00Z"})
        writer.write_record(rec)
    return out.getvalue()


PAGES = [
    ("https://alkhabar.invalid/a", 200, "text/html; charset=utf-8", html_page().encode("utf-8")),
    ("https://alkhabar.invalid/a", None, None, None),
    ("https://alkhabar.invalid/logo.png", 200, "image/png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100),
    ("https://alkhabar.invalid/gone", 404, "text/html", html_page().encode("utf-8")),
    ("https://alkhabar.invalid/b", 200, "text/html; charset=windows-1256",
     html_page(ARTICLE_2, published=None, charset="windows-1256").encode("cp1256")),
    ("https://alkhabar.invalid/c", 200, "application/xhtml+xml", html_page(published="2023-01-11")
     .encode("utf-8")),
]


def warc_id(url: str) -> str:
    import hashlib
    return "warc-" + hashlib.sha1(url.encode()).hexdigest()[:16]


@pytest.mark.parametrize("name, gzip", [("crawl.warc.gz", True), ("crawl.warc", False)])
def test_warc_pages(tmp_path, name, gzip):
    path = tmp_path / name
    path.write_bytes(warc(PAGES, gzip=gzip))
    a, b, c = read_all(path)
    assert [d.id for d in (a, b, c)] == [warc_id(f"https://alkhabar.invalid/{x}") for x in "abc"]
    assert [d.url for d in (a, b, c)] == [f"https://alkhabar.invalid/{x}" for x in "abc"]
    # from each page's metadata, never the WARC-Date
    assert [d.published for d in (a, b, c)] == ["2024-05-03", None, "2023-01-11"]
    assert a.text == f"{TITLE}\n\n{ARTICLE}\n{ARTICLE_2}" and ARTICLE_2 in b.text
    assert a.source.startswith(f"{path}@") and a.source.endswith("(fetched 2025-06-01T12:00:00Z)")
    assert count_documents([path]) >= 1
    assert [d.id for d in read_all(tmp_path)] == [d.id for d in (a, b, c)]  # found in folders


def test_corrupt_archive_keeps_what_was_read(tmp_path):
    good = warc(PAGES[:1])
    path = tmp_path / "bad.warc.gz"
    path.write_bytes(good + b"this is not a WARC record\r\n\r\n" + warc(PAGES[4:5]))
    doc, problem = read_all(path)
    assert doc.url == "https://alkhabar.invalid/a"
    assert problem.source == str(path) and problem.line is None
    assert problem.message.startswith(f"corrupt archive at record offset {len(good)}: "
                                      "ArchiveLoadFailed")


def test_truncated_archive(tmp_path):
    data = warc(PAGES[:1] + PAGES[4:5], gzip=False)
    path = tmp_path / "cut.warc"
    path.write_bytes(data[:-200])
    doc, problem = read_all(path)
    assert doc.url == "https://alkhabar.invalid/a"
    assert problem.message.startswith("record at offset ")
    assert problem.message.endswith("(https://alkhabar.invalid/b): "
                                    "truncated record (archive cut short)")


@pytest.mark.parametrize("data, message", [
    (b"", "empty file"),
    (b"\n\n", "no archive records found (not a WARC or ARC file?)"),
    (b"hello world, not an archive\r\n", "corrupt archive at record offset 0"),
])
def test_bad_archives(tmp_path, data, message):
    path = tmp_path / "x.warc"
    path.write_bytes(data)
    assert only_problem(read_all(path)).message.startswith(message)


def test_bad_page_in_an_archive_is_one_problem(tmp_path, monkeypatch):
    path = tmp_path / "x.warc.gz"
    path.write_bytes(warc([("https://e.invalid/bin", 200, "text/html", bytes(range(256)) * 20),
                           ("https://e.invalid/big", 200, "text/html",
                            html_page(ARTICLE * 1000).encode()),
                           PAGES[0]]))
    monkeypatch.setattr(readers, "MAX_PAGE_BYTES", 100_000)
    binary, big, doc = read_all(path)
    assert binary.message.endswith("(https://e.invalid/bin): "
                                   "undecodable page (binary data, not text)")
    assert big.message.endswith("(https://e.invalid/big): page too large (> 0.1 MB)")
    assert doc.url == "https://alkhabar.invalid/a"


def test_archive_streams_in_constant_memory(tmp_path):
    big = ("https://e.invalid/video", 200, "video/mp4", b"\x00" * 4_000_000)
    path = tmp_path / "big.warc"
    path.write_bytes(warc([big] * 10 + PAGES[:1], gzip=False))
    tracemalloc.start()
    try:
        items = read_all(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [d.url for d in items] == ["https://alkhabar.invalid/a"]
    assert peak < 8_000_000


# -- end to end ----------------------------------------------------------------------------------

def test_ingest_a_page_then_show_its_event(tmp_path):
    from click.testing import CliRunner

    from marsad.cli import main

    path, db = tmp_path / "page.html", str(tmp_path / "m.db")
    path.write_text(html_page(), encoding="utf-8")
    ingested = CliRunner().invoke(main, ["ingest", str(path), "--db", db])
    assert ingested.exit_code == 0, ingested.output
    assert "ingested 1 document: 1 added" in ingested.output
    shown = CliRunner().invoke(main, ["show", "1", "--db", db])
    assert shown.exit_code == 0, shown.output
    assert shown.output.startswith("event 1: cell_dismantled (news)")
    assert "document: page  published 2024-05-03" in shown.output
    assert "url: https://alkhabar.invalid/ar/tanger-cellule" in shown.output
    assert "places: tangier" in shown.output
    assert "⟦أعلن المكتب المركزي للأبحاث القضائية تفكيك خلية إرهابية بمدينة طنجة.⟧" in shown.output
