"""Numbers written in digits or words, and the qualifiers before them.

>>> parse_number(tokens_of("اثنا عشر متطرفا"), 0)
(12, 2)
Words come from ``data/<lang>/numbers.json`` (construct and case forms included:
ستة، ستة عناصر، اثنا عشر، مئتي، مائتين، ثلاثمائة وستين).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .. import resources
from .normalize import normalize_text
from .tokens import Token, is_number_text, number_value, stems


@dataclass(frozen=True, eq=False)
class NumberWords:
    units: dict[str, int]
    tens: dict[str, int]
    hundreds: dict[str, int]
    scales: dict[str, int]
    teen_suffix: frozenset[str]
    dual: frozenset[str]
    vague: frozenset[str]
    connectors: frozenset[str]
    dual_construct: frozenset[str] = frozenset()
    dual_construct_followers: frozenset[str] = frozenset()
    article: str = ""
    possessive_suffixes: tuple[str, ...] = ()
    bridges: frozenset[str] = frozenset()
    partitive: frozenset[str] = frozenset()
    approximate: dict[str, int] | None = None  # «soixantaine»: about sixty
    multiplying_tens: frozenset[str] = frozenset()  # «quatre-vingt(s)»: the unit before multiplies the ten
    fractions: dict[str, float] | None = None  # «half a dozen», «une demi-douzaine»: half of the scale after it
    fraction_articles: frozenset[str] = frozenset()
    teen_units: dict[str, int] | None = None  # «أحد عشر», «إحدى عشرة»: a unit only before the teen suffix (11)
    after_noun: frozenset[str] = frozenset()  # «شخص واحد»: number words written after the noun they count


@lru_cache(maxsize=None)
def number_words(lang: str = "ar") -> NumberWords:
    data = resources.language_data(lang, "numbers")

    def norm(d):
        return {normalize_text(k): v for k, v in (d or {}).items() if not k.startswith("_")}

    return NumberWords(
        units=norm(data.get("units")), tens=norm(data.get("tens")),
        hundreds=norm(data.get("hundreds")), scales=norm(data.get("scales")),
        teen_suffix=frozenset(normalize_text(w) for w in data.get("teen_suffix", [])),
        teen_units=norm(data.get("teen_units")),
        after_noun=frozenset(normalize_text(w) for w in data.get("after_noun", [])),
        dual=frozenset(normalize_text(w) for w in data.get("dual_nouns", {}).get("words", [])),
        vague=frozenset(normalize_text(w) for w in data.get("vague", [])),
        connectors=frozenset(normalize_text(w) for w in data.get("connectors", ["و"])),
        dual_construct=frozenset(normalize_text(w) for w in data.get("dual_construct", {}).get("words", [])),
        dual_construct_followers=frozenset(
            normalize_text(w) for w in data.get("dual_construct", {}).get("followers", [])),
        article=normalize_text(data.get("definite_after_noun", {}).get("article", "")),
        possessive_suffixes=tuple(normalize_text(w) for w in data.get("definite_after_noun", {}).get(
            "possessive_suffixes", [])),
        bridges=frozenset(normalize_text(w) for w in data.get("definite_after_noun", {}).get("bridges", [])),
        partitive=frozenset(normalize_text(w) for w in data.get("partitive", {}).get("words", [])),
        approximate=norm(data.get("approximate")),
        multiplying_tens=frozenset(normalize_text(w) for w in data.get("multiplying_tens", [])),
        fractions=norm(data.get("fractions", {}).get("words")),
        fraction_articles=frozenset(normalize_text(w) for w in data.get("fractions", {}).get("articles", [])),
    )


@lru_cache(maxsize=100_000)
def _may_start_number(nw: NumberWords, word: str) -> bool:
    return (is_number_text(word) or _word_value(nw, word) is not None or bool(nw.fractions and word in nw.fractions)
            or bool(nw.teen_units and word in nw.teen_units))


def _fraction_of_a_scale(nw: NumberWords, tokens: list[Token], i: int) -> tuple[int, int] | None:
    """Value and end of «half a dozen», «demi-douzaine» at ``tokens[i]``: a fraction, an article the
    language allows, then a scale or a collective numeral; None otherwise («half of them»)."""
    if not nw.fractions or tokens[i].text not in nw.fractions:
        return None
    j = i + 1
    if j < len(tokens) and tokens[j].soft_before and tokens[j].text in nw.fraction_articles:
        j += 1
    if j >= len(tokens) or not tokens[j].soft_before:
        return None
    kv = _word_value(nw, tokens[j].text)
    if kv is None or kv[0] not in ("scale", "approximate") or any(s in nw.vague for s in stems(tokens[j].text)):
        return None
    return round(nw.fractions[tokens[i].text] * kv[1]), j + 1


@lru_cache(maxsize=100_000)
def _word_value(nw: NumberWords, word: str) -> tuple[str, int] | None:
    """(kind, value) of a number word, clitics allowed («وستين», «بثلاثة»).

    With the article it is not a count: «الاثنين» is Monday, «الثلاثاء» Tuesday.
    """
    for s in stems(word):
        if len(word) - len(s) >= 2 and word[len(word) - len(s) - 2:len(word) - len(s)] == "ال":
            continue
        for kind, table in (("unit", nw.units), ("ten", nw.tens), ("hundred", nw.hundreds), ("scale", nw.scales),
                            ("approximate", nw.approximate or {})):
            if s in table:
                return kind, table[s]
    return None


def may_start_number(word: str, lang: str = "ar") -> bool:
    """Whether a number may start at this word (digits or a number word)."""
    return _may_start_number(number_words(lang), word)


def parse_number(tokens: list[Token], i: int, lang: str = "ar") -> tuple[int, int] | None:
    """Value and end index of the number starting at ``tokens[i]``, or None.

    Accepts digits, number words, and digits followed by a scale word («3 آلاف»).
    """
    if i >= len(tokens):
        return None
    nw = number_words(lang)
    tok = tokens[i]
    if not _may_start_number(nw, tok.text):
        return None
    if tok.is_number:
        value, j = number_value(tok.text), i + 1
        if j < len(tokens) and tokens[j].soft_before:
            kv = _word_value(nw, tokens[j].text)
            if kv and kv[0] == "scale":
                return value * kv[1], j + 1
        return value, j
    if nw.fractions and tok.text in nw.fractions:
        return _fraction_of_a_scale(nw, tokens, i)
    if (nw.approximate and i + 1 < len(tokens) and tokens[i + 1].soft_before
            and (any(s in nw.approximate for s in stems(tokens[i + 1].text))
                 or _fraction_of_a_scale(nw, tokens, i + 1))):
        return None  # «une soixantaine», «une demi-douzaine»: the number is the collective, «une» its qualifier
    total = current = 0
    j = i
    seen = False
    while j < len(tokens):
        if j > i and not tokens[j].soft_before:
            break
        word = tokens[j].text
        if seen and word in nw.connectors:
            if j + 1 < len(tokens) and _word_value(nw, tokens[j + 1].text):
                j += 1
                continue
            if (j + 1 < len(tokens) and tokens[j + 1].is_number and total and not current
                    and tokens[j + 1].soft_before and number_value(tokens[j + 1].text) < 1000):
                return total + number_value(tokens[j + 1].text), j + 2  # «ثلاثة آلاف و137»
            break
        kv = _word_value(nw, word)
        if kv is None and nw.teen_units and word in nw.teen_units and j + 1 < len(tokens) \
                and tokens[j + 1].text in nw.teen_suffix:
            kv = "unit", nw.teen_units[word]  # «أحد عشر مشتبها فيهم»: eleven («أحد» alone is "one of")
        if kv is None:
            break
        kind, v = kv
        if kind == "approximate":
            if seen:
                break
            return v, j + 1
        if kind == "unit":
            if j + 1 < len(tokens) and tokens[j + 1].text in nw.teen_suffix and v < 10:
                current += v + 10
                j += 1
            else:
                current += v
        elif kind == "ten" or kind == "hundred":
            if kind == "hundred" and v == 100 and 0 < current < 10:
                current *= 100
            elif kind == "ten" and word in nw.multiplying_tens and 0 < current % 100 < 10:
                current += (current % 100) * (v - 1)  # «(deux cent) quatre-vingt-dix»: 4 × 20, then + 10
            else:
                current += v
        else:  # scale
            if not seen and any(x in nw.vague for x in stems(word)):
                break  # «آلاف المعتقلين» is thousands, not 1000
            total += (current or 1) * v if v in (1000, 1000000) else v
            current = 0
        seen = True
        j += 1
    if not seen:
        return None
    return total + current, j


def is_vague_quantity(word: str, lang: str = "ar") -> bool:
    """True for words like «عشرات», «العديد» that are quantities but not numbers."""
    vague = number_words(lang).vague
    return any(s in vague for s in stems(word))


@lru_cache(maxsize=100_000)
def dual_count(word: str, lang: str = "ar") -> int | None:
    """2 when the word is a dual noun naming persons («شخصين»)."""
    return 2 if any(s in number_words(lang).dual for s in stems(word)) else None


def construct_dual(word: str, following: str, lang: str = "ar") -> int | None:
    """2 for a dual in construct state before a definite noun or a demonstrative
    («عضوي الخلية», «عنصري هذه الخلية»); None otherwise («تمييز عنصري» is an adjective)."""
    nw = number_words(lang)
    if not nw.dual_construct or not any(s in nw.dual_construct for s in stems(word)):
        return None
    if following in nw.dual_construct_followers or (nw.article and following.startswith(nw.article)):
        return 2
    return None


def definite_number(word: str, lang: str = "ar") -> int | None:
    """The value of a definite cardinal that follows its noun («الخمسة» in «أعضاؤها الخمسة»),
    clitics allowed («والثلاثة»); None for any other word and in languages without the construct."""
    nw = number_words(lang)
    if not nw.article:
        return None
    for s in stems(word):
        if s.startswith(nw.article) and len(s) > len(nw.article) + 1:
            bare = s[len(nw.article):]
            for table in (nw.units, nw.tens):
                if bare in table:
                    return table[bare]
    return None


def noun_forms(word: str, lang: str = "ar") -> tuple[str, ...]:
    """The word's stems and, in Arabic, the same without a possessive pronoun: «أعضائها» is
    «أعضاء» + «ها» (the hamza written on ي or و before the suffix is the final ء)."""
    nw = number_words(lang)
    out = list(stems(word))
    for s in list(out):
        for suf in nw.possessive_suffixes:
            if s.endswith(suf) and len(s) - len(suf) >= 3:
                base = s[:-len(suf)]
                out.append(base)
                if base[-1] in "يو":
                    out.append(base[:-1] + "ء")
                break
    return tuple(dict.fromkeys(out))


def is_partitive_one(value: int, following: str | None, lang: str = "ar") -> bool:
    """«l'un des membres», «one of the suspects»: one picked out of a group is no count."""
    return value == 1 and following is not None and following in number_words(lang).partitive
