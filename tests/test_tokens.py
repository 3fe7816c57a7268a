"""marsad.text.tokens: tokens, sentences, clitic stems and the phrase matcher."""
from __future__ import annotations

import pytest

from marsad.text.normalize import normalize, normalize_text
from marsad.text.tokens import (PhraseMatcher, number_value, original_span, sentence_bounds, stems, tokenize,
                                unwrap_lines)


def words(s: str) -> list[str]:
    return [t.text for t in tokenize(normalize_text(s))[0]]


def sentences(s: str) -> list[str]:
    text = normalize_text(s)
    return [text[a:b].strip() for a, b in sentence_bounds(text)]


# --- tokens ---------------------------------------------------------------

@pytest.mark.parametrize("raw, expected", [
    ("16ماي2003", ["16", "ماي", "2003"]),
    ("في16 ماي", ["في", "16", "ماي"]),
    ("أوقف 3,129 شخصا", ["اوقف", "3,129", "شخصا"]),
    ("نحو 4.304 مشتبها", ["نحو", "4.304", "مشتبها"]),
    ("٣٬١٢٩ موقوفا", ["3,129", "موقوفا"]),
    # a grouped number closing a sentence or a clause keeps its groups; a decimal after it does not
    ("at 1,484.", ["at", "1,484"]),
    ("à 1.484, selon lui", ["a", "1.484", "selon", "lui"]),
    ("3,129.5", ["3", "129", "5"]),
    ("بلغ 1 400 معتقل", ["بلغ", "1 400", "معتقل"]),
    ("منذ 2002 و2016", ["منذ", "2002", "و", "2016"]),
    ("سنتي 2003 2004", ["سنتي", "2003", "2004"]),  # two years side by side stay two numbers
    ("2,5 مليون", ["2", "5", "مليون"]),  # a decimal comma is not a thousands separator
    ("«داعش»، (البسيج)", ["داعش", "البسيج"]),
    ("Le BCIJ à Fès", ["le", "bcij", "a", "fes"]),
])
def test_tokenize(raw, expected):
    assert words(raw) == expected


def test_tokens_carry_offsets_into_the_normalized_text():
    text = normalize_text("اعتقال 12 متطرفا بطنجة")
    tokens, _ = tokenize(text)
    assert [text[t.start:t.end] for t in tokens] == [t.text for t in tokens]
    assert [t.is_number for t in tokens] == [False, True, False, False]


@pytest.mark.parametrize("raw, expected", [
    ("3,129", 3129), ("4.304", 4304), ("1 400", 1400), ("2003", 2003), ("07", 7),
])
def test_number_value(raw, expected):
    assert number_value(raw) == expected


@pytest.mark.parametrize("raw, soft", [
    ("الدار البيضاء", [False, True]),
    ("الدار  البيضاء", [False, True]),
    ("فاس، مكناس", [False, False]),
    ("فاس; مكناس", [False, False]),
    ('"داعش" الإرهابي', [False, True]),
    ("(البسيج) أعلن", [False, True]),
    ("الرباط - سلا", [False, True]),
    ("الرباط/سلا", [False, False]),
])
def test_soft_before_marks_tokens_only_spaces_quotes_or_dashes_apart(raw, soft):
    assert [t.soft_before for t in tokenize(normalize_text(raw))[0]] == soft


def test_original_span_of_tokens():
    raw = "فكّكت الأجهزة خليّةً إرهابيةً بمدينة طنجة"
    nt = normalize(raw)
    tokens, _ = tokenize(nt.text)
    a, b = original_span(nt, tokens, 2, 4)
    assert raw[a:b] == "خليّةً إرهابية"


# --- sentences ------------------------------------------------------------

@pytest.mark.parametrize("raw, expected", [
    ("أوقف شخصا. وحجز سكينا.", ["اوقف شخصا.", "وحجز سكينا."]),
    ("هل هو من داعش؟ نعم", ["هل هو من داعش؟", "نعم"]),
    ("خطير! تم توقيفه", ["خطير!", "تم توقيفه"]),
    ("عنوان الخبر\nنص الخبر", ["عنوان الخبر", "نص الخبر"]),
    ("سطر أول\n\n\nسطر ثان", ["سطر أول", "سطر ثان"]),
    ("اعتقل 2.588 شخصا منذ 2002.", ["اعتقل 2.588 شخصا منذ 2002."]),
    ("أوقف 3,129 شخصا.", ["اوقف 3,129 شخصا."]),
    ("حسب U.S. Department فإن", ["حسب u.s. department فان"]),
    ('قال: "انتهى." ثم غادر', ['قال: "انتهي."', "ثم غادر"]),
    # an abbreviated month's dot before its day or year ends no sentence (AP's "Sept. 23", «3 févr. 2026»)
    ("On Nov. 22, 2024, police arrested nine. On Sept. 23 they arrested five.",
     ["On Nov. 22, 2024, police arrested nine.", "On Sept. 23 they arrested five."]),
    ("H24info · 3 févr. 2026 Un partisan de Daech interpellé.", ["H24info · 3 févr. 2026 Un partisan de Daech interpellé."]),
    # ... a month's name ending a sentence does
    ("The cell was dismantled in Dec. Nine were held.", ["The cell was dismantled in Dec.", "Nine were held."]),
])
def test_sentence_bounds(raw, expected):
    assert sentences(normalize_text(raw)) == [normalize_text(s) for s in expected]


# --- hard-wrapped copy ------------------------------------------------------

@pytest.mark.parametrize("raw, expected", [
    # wire copy wrapped at its line width: lines that end in a word run on
    ("Police on Tuesday arrested a\n\"radicalised\" man in the city\nof Fez, the ministry said in\na statement.\nHe was held.",
     ['Police on Tuesday arrested a "radicalised" man in the city of Fez, the ministry said in a statement.',
      "He was held."]),
    # French: the same fact of case
    ("Les services ont interpelle un\nsuspect a Nador, selon un communique\ndu ministere.\nIl a ete place en garde a vue.",
     ["Les services ont interpelle un suspect a Nador, selon un communique du ministere.",
      "Il a ete place en garde a vue."]),
    # a paragraph break (blank line) still parts sentences in wrapped copy
    ("Police arrested a\nsuspect in Fez and\nseized knives\n\nThe ministry said",
     ["Police arrested a suspect in Fez and seized knives", "The ministry said"]),
    # one break inside a sentence is not enough: headlines and captions stay lines
    ("Morocco arrests terror suspect\nPolice said the suspect was held in\nthe city of Fez.",
     ["Morocco arrests terror suspect", "Police said the suspect was held in", "the city of Fez."]),
    # lines that each start with a capital are separate lines, not wrapped copy
    ("Morocco dismantles cell in Tangier\nRABAT - Police arrested four\nSuspects were held",
     ["Morocco dismantles cell in Tangier", "RABAT - Police arrested four", "Suspects were held"]),
    # Arabic has no case: never taken as wrapped
    ("فككت المصالح الأمنية\nخلية إرهابية\nبمدينة طنجة", ["فككت المصالح الامنيه", "خليه ارهابيه", "بمدينه طنجه"]),
])
def test_unwrap_lines_joins_hard_wrapped_copy(raw, expected):
    unwrapped = unwrap_lines(raw)
    assert len(unwrapped) == len(raw)  # offsets into the original text still hold
    assert sentences(unwrapped) == [normalize_text(s) for s in expected]


def test_tokens_know_their_sentence():
    tokens, sents = tokenize(normalize_text("أوقف شخصين. وحجز 3 سكاكين؟\nانتهى"))
    assert [t.sentence for t in tokens] == [0, 0, 1, 1, 1, 2]
    assert [(s.first_token, s.last_token) for s in sents] == [(0, 2), (2, 5), (5, 6)]


# --- stems ----------------------------------------------------------------

@pytest.mark.parametrize("word, stem", [
    ("وبالدار", "الدار"),
    ("للأبحاث", "الأبحاث"),
    ("والعيون", "العيون"),
    ("لداعش", "داعش"),
    ("بمدينة", "مدينة"),
    ("وللخلية", "الخلية"),
    ("فالخلية", "الخلية"),
    ("كالعادة", "العادة"),
    ("وبطنجة", "طنجة"),
    ("ولطنجة", "طنجة"),
    ("فبالرباط", "الرباط"),
    ("بالرباط", "الرباط"),
    ("والرباط", "رباط"),
    ("الرباط", "رباط"),
    ("وسلا", "سلا"),
])
def test_stems_strip_clitics(word, stem):
    forms = stems(normalize_text(word))
    assert forms[0] == normalize_text(word)
    assert normalize_text(stem) in forms


@pytest.mark.parametrize("word, not_a_stem", [
    ("وبالدار", "ر"),
    ("بل", "ل"),      # never below two letters
    ("ولد", "د"),
    ("لداعش", "اعش"),  # only one clitic layer per prefix, no arbitrary cuts
])
def test_stems_do_not_over_strip(word, not_a_stem):
    assert normalize_text(not_a_stem) not in stems(normalize_text(word))


def test_stems_are_unique():
    for w in ("وبالدار", "وللخلية", "للأبحاث"):
        forms = stems(normalize_text(w))
        assert len(forms) == len(set(forms))


# --- phrase matcher ---------------------------------------------------------

def found(entries, raw, start=0, end=None):
    tokens, _ = tokenize(normalize_text(raw))
    matcher = PhraseMatcher(entries)
    return [(m.label, m.value, " ".join(t.text for t in tokens[m.start:m.end]))
            for m in matcher.find(tokens, start, end)]


CITY = [("الدار البيضاء", "place", "casablanca")]


@pytest.mark.parametrize("raw, expected", [
    ("اعتقل بالدار البيضاء", ["بالدار البيضاء"]),
    ("وبالدار البيضاء", ["وبالدار البيضاء"]),
    ("في الدّار البيضاءِ أمس", ["الدار البيضاء"]),
    ("والدار البيضاء", ["والدار البيضاء"]),
    ("للدار البيضاء", ["للدار البيضاء"]),
    ('في "الدار البيضاء"', ["الدار البيضاء"]),
    ("الدار، البيضاء", []),           # no match across a comma
    ("الدار. البيضاء", []),           # nor across a sentence end
    ("الدار\nالبيضاء", []),
    ("الدار الكبيرة البيضاء", []),    # words must be adjacent without a gap
    ("البيضاء الدار", []),
])
def test_multiword_phrase_with_clitics(raw, expected):
    assert [span for _, _, span in found(CITY, raw)] == [normalize_text(e) for e in expected]


@pytest.mark.parametrize("raw, hit", [
    ("مقاتلو داعش", True),
    ("لداعش", True),
    ("ولداعش", True),
    ("بداعش", True),
    ("الداعشي", False),
])
def test_single_word_phrase(raw, hit):
    assert bool(found([("داعش", "org", "isis")], raw)) is hit


@pytest.mark.parametrize("raw, hit", [
    ("حجز المتفجرات", True),
    ("وبالمتفجرات", True),
    ("مواد متفجرة", True),
    ("تفجير", False),
    ("انفجار", False),
])
def test_star_matches_a_word_prefix(raw, hit):
    assert bool(found([("متفجر*", "item", "explosives")], raw)) is hit


def test_star_in_a_later_word():
    entries = [("عبوات ناسف*", "item", "ied")]
    assert found(entries, "صنع عبوات ناسفة") == [("item", "ied", "عبوات ناسفه")]
    assert found(entries, "صنع عبوات كبيرة") == []


@pytest.mark.parametrize("raw, hit", [
    ("تفكيك خلية", True),
    ("تفكيك هذه الخلية", True),
    ("تفكيك هذه الخلية الإرهابية", True),
    ("تفكيك هذه الشبكة الكبيرة والخلية", True),           # three words skipped
    ("تفكيك هذه الشبكة الكبيرة جدا والخلية", False),      # four is too many
    ("تفكيك شبكة. ثم الخلية", False),                     # a gap does not cross sentences
])
def test_gap_skips_up_to_three_words(raw, hit):
    assert bool(found([("تفكيك ~ خلية", "trigger", "dismantle")], raw)) is hit


def test_longest_match_per_label_wins():
    entries = [("الدار", "place", "dar"), ("الدار البيضاء", "place", "casablanca"),
               ("الدار", "noun", "house")]
    got = found(entries, "في الدار البيضاء")
    assert ("place", "casablanca", "الدار البيضاء") in got
    assert ("place", "dar", "الدار") not in got
    assert ("noun", "house", "الدار") in got  # other labels keep their own match


def test_phrases_are_normalized_like_the_text():
    entries = [("خليّة إرهابيّة", "cue", "cell")]
    assert found(entries, "فككت خليه ارهابيه") == [("cue", "cell", "خليه ارهابيه")]
    assert found(entries, "فككت خلية إرهابية") == [("cue", "cell", "خليه ارهابيه")]


def test_find_respects_the_window():
    entries = CITY + [("طنجة", "place", "tangier")]
    raw = "من طنجة إلى الدار البيضاء"
    assert [v for _, v, _ in found(entries, raw)] == ["tangier", "casablanca"]
    assert [v for _, v, _ in found(entries, raw, start=2)] == ["casablanca"]
    assert [v for _, v, _ in found(entries, raw, end=3)] == ["tangier"]  # the city starts at token 3
    assert [v for _, v, _ in found(entries, raw, end=4)] == ["tangier", "casablanca"]  # it may end past the window


def test_empty_phrase_is_ignored():
    assert found([("", "x", 1), ("   ", "x", 2)], "أي نص") == []


@pytest.mark.parametrize("phrase, text", [
    # a phrase is cut into words as the text is: apostrophes and hyphens part words on both sides
    ("M'diq", "arrêtés à M'diq et Tétouan"),
    ("Aït-Melloul", "arrested in Ait Melloul on Monday"),
    ("Aït-Melloul", "arrêté à Aït-Melloul lundi"),
])
def test_a_phrase_with_an_apostrophe_or_a_hyphen_matches_its_words(phrase, text):
    tokens = tokenize(normalize_text(text))[0]
    assert [m.value for m in PhraseMatcher([(phrase, "place", "x")]).find(tokens)] == ["x"]
