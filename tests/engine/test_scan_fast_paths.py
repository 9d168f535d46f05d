"""The scanner's fast paths build what the plain ways would: the positional occurrence() and
Occurrence(...), chunks searched back only to the last chunk's end and from the text's start."""

from __future__ import annotations

import inspect
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wscodes.core.registry import data
from wscodes.core.scan.chunks import _TOP_LEVEL, _boundary_after, _boundary_before, _chunks, _Lexical
from wscodes.core.scan.model import Occurrence, occurrence

FRAGMENTS = [
    '"""', "'''", "`", '"', "\\", "/*", "*/", "(", ")", "[", "]", "{", "}", "'", "#",
    "\n", "\n\n", "\nclass A:\n", "\ndef f():\n", "\n    x = 1\n", "\n}\n", "\nelse:\n",
    "\nws.close(1000)\n", "x", " ", "é",
]  # fmt: skip
texts = st.lists(st.sampled_from(FRAGMENTS), max_size=80).map("".join)
SETTINGS = settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)


def test_occurrence_takes_exactly_the_fields_of_occurrence() -> None:
    parameters = inspect.signature(occurrence).parameters
    assert tuple(parameters) == Occurrence._fields
    defaults = {name: p.default for name, p in parameters.items() if p.default is not p.empty}
    assert defaults == Occurrence._defaults


FIELDS = st.fixed_dictionaries(
    {
        "start": st.integers(0, 99), "end": st.integers(0, 99), "code": st.integers(-1, 70000),
        "kind": st.sampled_from(["literal", "constant"]), "role": st.sampled_from(["send", "compare"]),
        "api": st.text(max_size=5), "text": st.text(max_size=5),
    },
    optional={
        "constant": st.sampled_from([None, *data().constants[:3]]), "browser": st.booleans(),
        "reason": st.none() | st.text(max_size=5), "reason_start": st.none() | st.integers(0, 9),
        "reason_end": st.none() | st.integers(0, 9), "passthrough": st.booleans(),
        "name": st.none() | st.text(max_size=5), "name_code": st.none() | st.integers(0, 5000),
        "error_context": st.booleans(), "reason_escaped": st.booleans(),
    },
)  # fmt: skip


@SETTINGS
@given(FIELDS)
def test_occurrence_builds_the_record_the_constructor_builds(values: dict[str, object]) -> None:
    fast, plain = occurrence(**values), Occurrence(**values)  # type: ignore[arg-type]
    assert fast == plain and hash(fast) == hash(plain) and repr(fast) == repr(plain)
    assert list(vars(fast).items()) == list(
        vars(Occurrence(**dict(sorted(values.items(), key=_field_order)))).items()
    )  # type: ignore[arg-type]


def _field_order(item: tuple[str, object]) -> int:
    return Occurrence._fields.index(item[0])


def _plain_chunks(
    text: str, anchors: list[tuple[str, int, int]]
) -> list[tuple[int, int, list[tuple[str, int, int]]]]:
    """_chunks before it searched back only to the last chunk's end."""
    lexical = _Lexical(text)
    out: list[tuple[int, int, list[tuple[str, int, int]]]] = []
    for anchor in sorted(anchors, key=lambda a: a[1]):
        if out and out[-1][0] <= anchor[1] < out[-1][1]:
            out[-1][2].append(anchor)
            continue
        start = _boundary_before(text, lexical, _TOP_LEVEL, anchor[1], 0)
        end = _boundary_after(text, lexical, _TOP_LEVEL, anchor[1], len(text))
        out.append((start or 0, end if end is not None else len(text), [anchor]))
    return out


@SETTINGS
@given(texts, st.lists(st.integers(min_value=0, max_value=10_000), max_size=10))
def test_chunks_are_those_of_a_search_from_the_start(text: str, picks: list[int]) -> None:
    anchors = [("call", pick % (len(text) + 1), pick % (len(text) + 1)) for pick in picks if text]
    assert _chunks(text, _Lexical(text), anchors) == _plain_chunks(text, anchors)


def test_chunks_of_a_long_text_with_an_anchor_in_every_function() -> None:
    text = "".join(f"def f{i}():\n    '''x\n\ny'''\n    ws.close(1000)\n" for i in range(300))
    anchors = [("call", m.start(), m.end()) for m in re.finditer("close", text)]
    chunks = _chunks(text, _Lexical(text), anchors)
    assert chunks == _plain_chunks(text, anchors) and len(chunks) == 300


# -- anchors: definitions and close-call names found with the shortcuts, as the plain way finds them

DEF_FRAGMENTS = [
    "close", "Close", "CLOSE", "lose", "WS_1", "x", "_", "$", "@", "é", "9", " ", "\t", "\n", "=", "==",
    "!=", "=>", ":", "::", ":=", "'", '"', "1000", "4999", "0x3E8", "(", ".", "[", "]", "<", ">", "?",
    "const ", "int ", "-",
]  # fmt: skip
NAMES = [
    "close",
    "CLOSE_NORMAL",
    "closeGoingAway",
    "WS_1006_X",
    "@close_away",
    "x.close",
    "$close",
    "é_close",
]
SEPARATORS = [" = ", "==", " != ", ": ", " := ", " => ", "=", ": int = ", "' = ", " ", "(", "=!"]
VALUES = ["1000", "1006", "4001", "0x3E8", "x", "(1000", "-1"]
lines = st.tuples(st.sampled_from(NAMES), st.sampled_from(SEPARATORS), st.sampled_from(VALUES)).map("".join)
def_texts = st.lists(st.sampled_from(DEF_FRAGMENTS) | lines, max_size=30).map("".join)


def _plain_definition_anchors(text: str) -> list[tuple[str, int, int]]:
    """_definition_anchors before it dropped names by what follows them and values after = or !."""
    from wscodes.core.scan import anchors as a

    lose = [m.start() for m in a._LOSE.finditer(text)]
    marked = [at - 1 for at in lose if at and text[at - 1] == "c"]
    marked += [at - 1 for at in lose if at and text[at - 1] == "C"]
    for pattern in a._DEF_MARKED:
        marked += [m.start() for m in pattern.finditer(text)]
    starts = [a._word_start(text, at, "_$@") for at in marked]
    equals = [m.start() for m in a._DEF_EQUALS.finditer(text)]
    values = [at for at in equals if text[at + 1] != ">"]
    values += [m.start() for m in a._DEF_COLON.finditer(text)]
    values += [at for at in equals if text[at + 1] == ">"]
    for at in values:
        before = a._NAME_BEFORE.match(text, text.rfind("\n", 0, at) + 1, at + 1)
        if before is not None:
            starts.append(before.start("name"))
    if "@" in text:
        starts += [m.start() + 1 for m in a._DEF_ATTRIBUTE.finditer(text)]
    out: list[tuple[str, int, int]] = []
    for start in dict.fromkeys(starts):
        named = a._NAME_AT.match(text, start)
        if named is not None and a.name_code(named.group("name"))[0] is not None:
            out.append(("def", named.start("name"), named.end("name")))
    return out


@SETTINGS
@given(def_texts)
def test_definition_anchors_are_those_of_the_plain_way(text: str) -> None:
    from wscodes.core.scan import anchors as a

    lose = [m.start() for m in a._LOSE.finditer(text)]
    assert a._definition_anchors(text, lose, a._word_ends(text, lose)) == _plain_definition_anchors(text)


@SETTINGS
@given(def_texts, st.sampled_from(["python", "javascript", "go", "java", "rust", "csharp"]))
def test_close_call_names_are_those_of_the_plain_way(text: str, language: str) -> None:
    from wscodes.core.scan import anchors as a

    patterns = a._anchor_patterns(language)
    lose = [m.start() for m in a._LOSE.finditer(text)]
    found = list(a._words(text, patterns.calls, patterns.call_names, lose, a._word_ends(text, lose)))
    plain: list[tuple[int, int]] = []
    for pattern in patterns.calls:
        for m in pattern.finditer(text):
            start, end = a._word_start(text, m.start()), a._WORD_TAIL.match(text, m.end()).end()  # type: ignore[union-attr]
            if start not in {s for s, _ in plain} and text[start:end] in patterns.call_names:
                plain.append((start, end))
    assert found == plain


def test_definitions_after_names_of_every_kind() -> None:
    from wscodes.core.scan import anchors as a

    text = (
        "CLOSE_NORMAL = 1006\nclose_code == 1000\nx.close(1000)\n@close_going 1001\nCloseAway: int = 1001\n"
    )
    lose = [m.start() for m in a._LOSE.finditer(text)]
    found = a._definition_anchors(text, lose, a._word_ends(text, lose))
    assert found == _plain_definition_anchors(text)
    assert [text[s:e] for _, s, e in found] == [
        "CloseAway",
        "CLOSE_NORMAL",
    ]  # "Close" names, then "CLOSE" ones
