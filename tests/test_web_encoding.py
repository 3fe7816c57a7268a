"""Tests for marsad.web.encoding: pages in every encoding Moroccan sites use, and lying charsets."""
from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.errors import InputError
from marsad.web.encoding import decode_page, decode_text, declared_charset, repair_mojibake

ARTICLE = ("تمكنت عناصر المكتب المركزي للأبحاث القضائية من تفكيك خلية إرهابية موالية لتنظيم داعش "
           "تنشط بمدن طنجة وفاس والقنيطرة، وحجزت أسلحة بيضاء ومعدات إلكترونية، حسب بلاغ رسمي.")
FRENCH = "Le BCIJ a démantelé à Fès une cellule terroriste liée à Daech ; l'enquête se poursuit."


def page(body: str, charset: str | None = None, title: str = "خبر") -> str:
    meta = f'<meta charset="{charset}">' if charset else ""
    return (f"<!DOCTYPE html><html><head>{meta}<title>{title}</title>"
            f"<script>var x = 'googletag';</script></head>"
            f"<body><nav>menu</nav><article><p>{body}</p></article></body></html>")


@pytest.mark.parametrize("encoding, charset, expected", [
    ("cp1256", "windows-1256", "cp1256"),
    ("cp1256", None, "cp1256"),             # undeclared Windows-1256
    ("iso8859-6", "iso-8859-6", "iso8859-6"),
    ("iso8859-6", None, "iso8859-6"),        # undeclared: read by the letters it gives
    ("cp1256", "utf-8", "cp1256"),           # a lying <meta charset="utf-8">
    ("cp1256", "iso-8859-1", "cp1256"),      # Latin-1 would give «ÊãßäÊ» gibberish
    ("utf-8", "iso-8859-1", "utf-8"),        # a UTF-8 page declaring Latin-1
    ("utf-8", "windows-1256", "utf-8"),
    ("utf-8", None, "utf-8"),
])
def test_arabic_pages(encoding, charset, expected):
    html = page(ARTICLE, charset)
    text, used = decode_page(html.encode(encoding))
    assert (text, used) == (html, expected)


@pytest.mark.parametrize("encoding, bom", [("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"),
                                           ("utf-8", b"\xef\xbb\xbf")])
def test_byte_order_marks(encoding, bom):
    html = page(ARTICLE, "iso-8859-1")  # the BOM wins over any declaration
    assert decode_page(bom + html.encode(encoding)) == (html, encoding)


def test_http_charset_is_used_when_sensible():
    html = page(FRENCH, title="Actualité")
    assert decode_page(html.encode("latin-1"), "ISO-8859-1") == (html, "iso8859-1")
    assert decode_page(html.encode("cp1252"), '"windows-1252"') == (html, "cp1252")
    html = page(FRENCH, "iso-8859-15", title="Actualité")
    assert decode_page(html.encode("iso8859-15")) == (html, "iso8859-15")


def test_http_charset_that_lies_loses():
    html = page(ARTICLE)
    assert decode_page(html.encode("cp1256"), "iso-8859-1") == (html, "cp1256")
    assert decode_page(html.encode("cp1256"), "no-such-charset") == (html, "cp1256")


def test_declared_charset():
    assert declared_charset(b'<html><head><meta charset="UTF-8">') == "utf-8"
    assert declared_charset(b'<meta http-equiv="Content-Type" content="text/html; '
                            b'charset=windows-1256">') == "windows-1256"
    assert declared_charset(b"<html><p>no charset</p>") is None
    assert declared_charset(b" " * 5000 + b'<meta charset="utf-8">') is None  # too far down


def test_charset_normalizer_is_the_last_resort():
    russian = page("Марокканская полиция задержала подозреваемого в терроризме в Танжере и Фесе.",
                   title="Новости")
    text, used = decode_page(russian.encode("cp1251"))
    assert text == russian and used == "cp1251"


def cp1252_view(data: bytes) -> str:
    """What a browser shows for UTF-8 bytes read as Windows-1252 (C1 controls where it has none)."""
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in data)


@pytest.mark.parametrize("mangle", [cp1252_view, lambda b: b.decode("latin-1")])
def test_mojibake_is_repaired(mangle):
    html = page(ARTICLE + " " + FRENCH, "utf-8")
    mojibake = mangle(html.encode("utf-8"))
    assert "Ø§Ù" in mojibake and "Ã©" in mojibake  # «ال», «é»
    assert decode_page(mojibake.encode("utf-8")) == (html, "utf-8")


def test_mojibake_that_lost_bytes_is_repaired_where_it_can_be():
    html = page(ARTICLE, "utf-8")  # «ف» is D9 81, and cp1252 has no 0x81: it is dropped
    mojibake = html.encode("utf-8").decode("cp1252", errors="ignore")
    text, _ = decode_page(mojibake.encode("utf-8"))
    assert "المكتب المركزي للأبحاث القضائية" in text and "Ø" not in text


@pytest.mark.parametrize("text", [
    "Attentat déjoué à Fès, l'ÉTÉ» dernier: «café» à côté — 25 €",
    "Ãa ne change pas", "plain ascii", "تفكيك خلية", "Straße, naïve, coöperate",
])
def test_genuine_text_is_not_repaired(text):
    assert repair_mojibake(text) == text


def test_double_mojibake():
    once = "المغرب".encode("utf-8").decode("cp1252", errors="ignore")
    twice = once.encode("utf-8").decode("latin-1")
    assert repair_mojibake(twice) == "المغرب"


@pytest.mark.parametrize("data", [
    *(random.Random(seed).randbytes(5000) for seed in range(3)),
    bytes(range(256)) * 20,
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 200,
    b"<html>\x00\x00\x00</html>" * 10,  # valid UTF-8, but not text
])
def test_random_bytes_are_undecodable(data):
    with pytest.raises(InputError, match=r"^page\.html: undecodable page \(binary data"):
        decode_page(data, source="page.html")


def test_empty_page():
    with pytest.raises(InputError, match="empty page"):
        decode_page(b"")


def test_invalid_text_after_bom():
    with pytest.raises(InputError, match="invalid UTF-8 text after its byte-order mark"):
        decode_page(b"\xef\xbb\xbf\xff\xfe\xfa")


@pytest.mark.parametrize("data, result", [
    (ARTICLE.encode("utf-8"), (ARTICLE, "utf-8")),
    (ARTICLE.encode("cp1256"), (ARTICLE, "cp1256")),
    (ARTICLE.encode("iso8859-6"), (ARTICLE, "iso8859-6")),
    ("\ufeff".encode("utf-8") + ARTICLE.encode("utf-8"), (ARTICLE, "utf-8")),
])
def test_decode_text(data, result):
    assert decode_text(data) == result


@pytest.mark.parametrize("data, message", [
    (b"", "empty file"), (b"\x00\x01" * 100, "binary file, not text"),
    (FRENCH.encode("latin-1"), "unknown text encoding"),  # text files are not guessed
])
def test_decode_text_problems(data, message):
    with pytest.raises(InputError, match="^" + message):
        decode_text(data)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400), st.sampled_from([None, "utf-8", "iso-8859-1", "windows-1256", "bogus"]))
def test_any_bytes_decode_or_raise_input_error(data, declared):
    try:
        text, used = decode_page(data, declared)
    except InputError:
        return
    assert isinstance(text, str) and used
