"""Search: by number, by range, by words (typo-tolerant, ranked), and free text with codes in it.

``search(query)`` never raises and answers in microseconds: the word index is built once per
registry (registered codes + team codes) and every query is a handful of dict hits.

The word index is plain data (``SearchIndex.to_json()``) so other front ends — the HTML
reference page — can rank exactly as the core does without a second search engine.
Scoring, for each query token ``t`` and each code: the best of
  exact term match ``w``, prefix match ``0.7·w`` (t ≥ 3 chars), one-edit typo ``0.6·w``
  (t ≥ 4 chars), a synonym's match ``0.9·`` that;
summed over tokens, plus ``PHRASE_BONUS`` per word of a multi-word keyword or name found whole
in the query. Term weights ``w``: code number 5, name 3, keyword 2, constant name 1, meaning 0.5,
each divided by the square root of the number of codes the term appears in (a word many codes
share tells less).
"""

from __future__ import annotations

import re

from ._record import Record
from .registry import CloseCode, CodeRange, classify, data
from .teamcodes import ProjectRegistry, builtin_registry

TYPE_CHECKING = False  # no `import typing` at run time: it costs ~3 ms of start-up
if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping
    from typing import Any, Literal

    Kind = Literal["empty", "number", "range", "keyword", "text"]

__all__ = ["Hit", "SearchIndex", "SearchResult", "listing", "search", "tokenize"]

MAX_QUERY = 4000  # characters looked at; longer input is cut (Slack's own limit is 4,000)
MAX_DIGITS = 30  # longer digit runs are reported, not converted
PHRASE_BONUS = 1.5
KEEP_RATIO = 0.25  # keyword hits scoring under this share of the best one are dropped
W_NUMBER, W_NAME, W_KEYWORD, W_CONSTANT, W_MEANING = 5.0, 3.0, 2.0, 1.0, 0.5
PREFIX, TYPO, SYNONYM = 0.7, 0.6, 0.9

STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "code",
        "codes",
        "close",
        "closed",
        "closing",
        "connection",
        "do",
        "does",
        "for",
        "from",
        "get",
        "got",
        "i",
        "in",
        "is",
        "it",
        "its",
        "me",
        "mean",
        "means",
        "meaning",
        "my",
        "of",
        "on",
        "or",
        "our",
        "so",
        "socket",
        "that",
        "the",
        "this",
        "to",
        "was",
        "we",
        "websocket",
        "websockets",
        "what",
        "when",
        "which",
        "why",
        "with",
        "ws",
        "you",
        "your",
    ]
)
# Patterns as strings: `re` compiles (and caches) each on first use, so a plain number
# lookup (`wscode 1006`) never pays for the others at start-up.
TOKEN = r"[a-z0-9]+"
RANGE_X = r"(\d{1,3})[xX*?]+"
RANGE_SPAN = r"(\d{1,6})\s*(?:-|–|—|\.\.|to)\s*(\d{1,6})"
CODE_IN_TEXT = r"(?<![\d.:/-])([1-4]\d{3})(?![\d])"


def _is_integer(text: str) -> bool:
    digits = text[1:] if text[:1] in "+-" else text
    return digits.isascii() and digits.isdigit()


STEM_SUFFIXES = ("ing", "ed", "s")  # stripped when ≥ 4 characters remain (not after "ss")
PREFIX_MIN, TYPO_MIN = 3, 4  # shortest query token matched as a prefix / with one typo


def _stem(t: str) -> str:
    for suffix in STEM_SUFFIXES:
        if t.endswith(suffix) and not t.endswith("ss") and len(t) - len(suffix) >= 4:
            t = t[: -len(suffix)]
            if len(t) >= 2 and t[-1] == t[-2] and t[-1] not in "ls":
                t = t[:-1]
            break
    return t


def tokenize(text: str) -> list[str]:
    """Lower-case word tokens, lightly stemmed, stop words removed."""
    return [_stem(t) for t in re.findall(TOKEN, text.lower()) if t not in STOP_WORDS]


def _split_identifier(name: str) -> str:
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", name.rsplit(".", 1)[-1])
    return spaced.replace("_", " ")


def _deletes(t: str) -> set[str]:
    return {t[:i] + t[i + 1 :] for i in range(len(t))}


class Hit(Record):
    code: CloseCode
    score: float
    why: str

    def to_json(self) -> dict[str, Any]:
        return {**self.code.to_json(), "score": round(self.score, 3), "why": self.why}


class SearchResult(Record):
    query: str
    kind: Kind
    hits: tuple[Hit, ...] = ()
    explanations: tuple[str, ...] = ()  # what a pasted message means, for free text
    ranges: tuple[CodeRange, ...] = ()  # the ranges a range query covers
    message: str = ""  # one line for a person when there is nothing better to say

    @property
    def found(self) -> bool:
        return bool(self.hits or self.explanations)

    def to_json(self) -> list[dict[str, Any]]:
        return [h.to_json() for h in self.hits]


class SearchIndex:
    """Term -> {code: (weight, field label)}, plus prefix and one-edit typo tables."""

    def __init__(self) -> None:
        self.terms: dict[str, dict[int, tuple[float, str]]] = {}
        self.prefixes: dict[str, list[str]] = {}
        self.deletes: dict[str, list[str]] = {}
        self.phrases: dict[int, list[tuple[tuple[str, ...], str]]] = {}
        self.synonyms: dict[str, tuple[str, ...]] = {}

    @classmethod
    def build(cls, codes: Iterable[CloseCode], synonyms: Mapping[str, Iterable[str]]) -> SearchIndex:
        idx = cls()
        for code in codes:
            n = code.code
            idx._add(str(n), n, W_NUMBER, f"code {n}")
            fields: list[tuple[float, str, Iterable[str]]] = [
                (W_NAME, "name", [code.name]),
                (W_KEYWORD, "keyword", code.keywords),
                (W_CONSTANT, "constant", sorted({_split_identifier(c.name) for c in code.constants})),
                (W_MEANING, "meaning", [code.meaning]),
            ]
            for weight, label, texts in fields:
                for text in texts:
                    toks = tokenize(text)
                    for t in toks:
                        idx._add(t, n, weight, f'{label} "{text}"' if label != "meaning" else label)
                    if label in ("name", "keyword") and len(toks) > 1:
                        idx.phrases.setdefault(n, []).append((tuple(toks), f'{label} "{text}"'))
        for slot in idx.terms.values():  # a word many codes share tells less: weight / sqrt(df)
            damp = len(slot) ** -0.5
            for number, (w, why) in slot.items():
                slot[number] = (w * damp, why)
        for s, targets in synonyms.items():
            idx.synonyms[_stem(s)] = tuple(t for x in targets for t in tokenize(x))
        for term in idx.terms:
            for i in range(PREFIX_MIN, len(term)):
                idx.prefixes.setdefault(term[:i], []).append(term)
            if len(term) >= TYPO_MIN:
                for d in sorted(_deletes(term)):
                    idx.deletes.setdefault(d, []).append(term)
        return idx

    def _add(self, term: str, code: int, weight: float, why: str) -> None:
        slot = self.terms.setdefault(term, {})
        if code not in slot or slot[code][0] < weight:
            slot[code] = (weight, why)

    def _matches(self, t: str) -> list[tuple[str, float, str]]:
        """(term, factor, how) for one query token."""
        out: list[tuple[str, float, str]] = []
        if t in self.terms:
            out.append((t, 1.0, ""))
        if len(t) >= PREFIX_MIN:
            out += [(term, PREFIX, "") for term in self.prefixes.get(t, ())]
        if len(t) >= TYPO_MIN and not out:  # typos only when nothing matched exactly or as a prefix
            cands = set(self.deletes.get(t, ()))
            for d in _deletes(t):
                if d in self.terms:
                    cands.add(d)
                cands.update(self.deletes.get(d, ()))
            out += [(term, TYPO, f' (for "{t}")') for term in sorted(cands) if term != t]
        return out

    def score(self, query: str) -> list[tuple[int, float, str]]:
        """(code, score, why), best first."""
        tokens = tokenize(query)
        best: dict[int, float] = {}
        why: dict[int, tuple[float, str]] = {}
        for t in dict.fromkeys(tokens):
            per_code: dict[int, tuple[float, str]] = {}
            variants = [(t, 1.0)] + [(s, SYNONYM) for s in self.synonyms.get(t, ())]
            for variant, vfactor in variants:
                for term, factor, how in self._matches(variant):
                    for code, (w, label) in self.terms[term].items():
                        s = w * factor * vfactor
                        if code not in per_code or per_code[code][0] < s:
                            per_code[code] = (s, label + how)
            for code, (s, label) in per_code.items():
                best[code] = best.get(code, 0.0) + s
                if code not in why or why[code][0] < s:
                    why[code] = (s, label)
        joined = " " + " ".join(tokens) + " "
        for code, phrases in self.phrases.items():
            for words, label in phrases:
                if " " + " ".join(words) + " " in joined:
                    bonus = PHRASE_BONUS * len(words)
                    best[code] = best.get(code, 0.0) + bonus
                    if why.get(code, (0.0, ""))[0] < bonus + 1:
                        why[code] = (bonus + 1, label)
        ranked = sorted(best.items(), key=lambda kv: (-kv[1], kv[0]))
        return [(code, s, why[code][1]) for code, s in ranked]

    def to_json(self) -> dict[str, Any]:
        """The index as plain data, for front ends that rank outside Python (the HTML page)."""
        return {
            "weights": {"prefix": PREFIX, "typo": TYPO, "synonym": SYNONYM, "phrase": PHRASE_BONUS},
            "keep_ratio": KEEP_RATIO,
            "rules": {
                "token": TOKEN,
                "stem_suffixes": list(STEM_SUFFIXES),
                "prefix_min": PREFIX_MIN,
                "typo_min": TYPO_MIN,
                "max_query": MAX_QUERY,
                "max_digits": MAX_DIGITS,
            },
            "stop": sorted(STOP_WORDS),
            "terms": {t: {str(c): [w, why] for c, (w, why) in v.items()} for t, v in self.terms.items()},
            "phrases": {str(c): [[list(w), why] for w, why in v] for c, v in self.phrases.items()},
            "synonyms": {k: list(v) for k, v in self.synonyms.items()},
        }


def index_for(registry: ProjectRegistry) -> SearchIndex:
    """The word index of a registry, built on its first keyword query and kept on it."""
    idx = registry.cache.get("search_index")
    if not isinstance(idx, SearchIndex):
        idx = registry.cache["search_index"] = SearchIndex.build(registry.known(), data().synonyms)
    return idx


def _hit(code: CloseCode, score: float, why: str) -> Hit:
    return Hit(code=code, score=score, why=why)


class _Searcher:
    """One query against one registry; each method answers one kind of query."""

    def __init__(self, registry: ProjectRegistry, query: str) -> None:
        self.registry = registry
        self.query = query

    def result(self, kind: Kind, hits: Iterable[Hit] = (), **extra: Any) -> SearchResult:
        return SearchResult(query=self.query, kind=kind, hits=tuple(hits), **extra)

    def number(self, text: str) -> SearchResult:
        digits = text.lstrip("+-")
        if len(digits) > MAX_DIGITS:
            code = classify(-(10**MAX_DIGITS) if text.startswith("-") else 10**MAX_DIGITS)
            return self.result(
                "number",
                [_hit(code, 1.0, f"a {len(digits)}-digit number")],
                message=f"A {len(digits)}-digit number is not a close code. {code.range.summary}",
            )
        if not text.startswith(("-", "+")) and len(digits) <= 3:
            known = [c for c in self.registry.known() if str(c.code).startswith(digits)]
            if known:
                return self.result(
                    "range",
                    [_hit(c, 1.0, f"starts with {digits}") for c in known],
                    message=f"Codes starting with {digits}",
                )
        return self.result("number", [_hit(self.registry.classify(int(text)), 1.0, "number")])

    def span(self, low: int, high: int) -> SearchResult:
        low, high = min(low, high), max(low, high)
        known = [c for c in self.registry.known() if low <= c.code <= high]
        ranges = tuple(
            r for r in data().ranges if (r.high is None or r.high >= low) and (r.low is None or r.low <= high)
        )
        hits = [_hit(c, 1.0, f"in {low}–{high}") for c in known]
        if not hits:  # a valid range with nothing registered in it: explain the range itself
            hits = [_hit(self.registry.classify(low), 0.5, f"no registered code in {low}–{high}")]
        return self.result("range", hits, ranges=ranges, message=f"Codes {low}–{high}")

    def text(self, text: str) -> SearchResult | None:
        msgs = [m for m in data().messages if re.search(m.pattern, text)]
        about: list[int] = []
        for m in msgs:
            if m.code_pattern:
                for groups in re.findall(m.code_pattern, text):
                    parts = groups if isinstance(groups, tuple) else (groups,)
                    about += [int(g) for g in parts if g]
        found = about or [int(x) for x in re.findall(CODE_IN_TEXT, text)]
        codes = list(dict.fromkeys([*found, *(c for m in msgs for c in m.codes)]))
        if not codes and not msgs:
            return None
        # A known message about no code in particular (Chrome's reason-length error) is answered by
        # its explanation alone: codes that merely share its words would mislead.
        hits = [
            _hit(self.registry.classify(n), 1.0, "in the text" if n in found else "implied by the message")
            for n in codes
        ]
        return self.result("text", hits, explanations=tuple(m.explanation for m in msgs))

    def keyword(self, text: str) -> SearchResult:
        ranked = index_for(self.registry).score(text)
        if not ranked:
            return self.result(
                "keyword",
                message=(
                    f"No close code matches {text[:60]!r}. Try a number (1006), a range "
                    "(3xxx, 4000-4999) or words such as 'timeout', 'too big', 'tls'."
                ),
            )
        top = ranked[0][1]
        return self.result(
            "keyword",
            [_hit(self.registry.classify(c), s, why) for c, s, why in ranked if s >= top * KEEP_RATIO],
        )


def listing(registry: ProjectRegistry | None = None, query: str = "") -> SearchResult:
    """Every registered code and every team code, by number (``wscode list``, ``/wscode list``)."""
    registry = registry or builtin_registry()
    hits = tuple(Hit(code=c, score=1.0, why="") for c in registry.known())
    message = "Every registered close code" + (" and your team's codes" if registry.team else "")
    return SearchResult(query=query, kind="range", hits=hits, message=message)


def search(query: object, registry: ProjectRegistry | None = None) -> SearchResult:
    """Answer any input; never raises."""
    text = query if isinstance(query, str) else str(query)
    text = text[:MAX_QUERY].replace("\x00", "").strip()
    if not text.isascii():  # full-width digits, ligatures, compatibility forms: "１００６" is 1006
        import unicodedata

        text = unicodedata.normalize("NFKC", text).strip()
    s = _Searcher(registry or builtin_registry(), text)
    if not text:
        return s.result(
            "empty", message="Type a close code (1006), a range (3xxx, 4000-4999) or words (timeout)."
        )
    if _is_integer(text):
        return s.number(text)
    if (m := re.fullmatch(RANGE_X, text)) and len(text) <= 5:
        scale = 10 ** (len(text) - len(m.group(1)))
        low = int(m.group(1)) * scale
        return s.span(low, low + scale - 1)
    if m := re.fullmatch(RANGE_SPAN, text):
        return s.span(int(m.group(1)), int(m.group(2)))
    return s.text(text) or s.keyword(text)
