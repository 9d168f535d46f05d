"""The scanner's shortcuts answer exactly what the plain way would: delimiter counts, chunk starts,
the Node-marker test, the rules skipped for occurrences that are not sends, and line_column's
counting on from its last answer."""

from __future__ import annotations

import re
from random import Random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wscodes.core.positions import LineIndex, line_column
from wscodes.core.registry import data
from wscodes.core.rules import _CHECKS, _SEND_RULES, RuleConfig
from wscodes.core.scan.analyser import _NODE_GATES, _NODE_MARKERS, _node_markers
from wscodes.core.scan.chunks import _TOP_LEVEL, _boundary_before, _Lexical
from wscodes.core.scan.model import Occurrence
from wscodes.core.teamcodes import builtin_registry

FRAGMENTS = [
    '"""', "'''", "`", '"', '\\"', "\\", "/*", "*/", "/", "*", "(", ")", "[", "]", "{", "}", "'",
    "\n", "\n\n", "\nclass A:\n", "\ndef f():\n", "\n    x = 1\n", "\n}\n", "\nelse:\n", "x", " ",
    "😀", "é", "\ud800", "ws'", 'node:"', "wss.on(", "ws.Server", "WebSocketServer", "uWebSockets",
]  # fmt: skip
texts = st.lists(st.sampled_from(FRAGMENTS), max_size=60).map("".join)
SETTINGS = settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)


def _plain_state(text: str, pos: int) -> tuple[int, ...]:
    return tuple(text.count(needle, 0, pos) for needle in _Lexical._NEEDLES)


@SETTINGS
@given(texts, st.lists(st.integers(min_value=0, max_value=10_000), max_size=8))
def test_lexical_counts_what_str_count_counts(text: str, picks: list[int]) -> None:
    """At line breaks (where chunks are cut), in any order, from any checkpoints."""
    breaks = [m.start() for m in re.finditer("\n", text)] + [len(text)]
    lexical = _Lexical(text)
    for pick in picks:
        pos = breaks[pick % len(breaks)]
        assert lexical.state(pos) == _plain_state(text, pos)


@SETTINGS
@given(texts, st.integers(min_value=0, max_value=10_000))
def test_lexical_counts_anywhere_from_the_start(text: str, pick: int) -> None:
    pos = pick % (len(text) + 1)
    assert _Lexical(text).state(pos) == _plain_state(text, pos)


def _plain_boundary_before(text: str, lexical: _Lexical, offset: int, floor: int) -> int | None:
    """The line-by-line walk _boundary_before replaced."""
    line = text.rfind("\n", floor, offset)
    while line >= floor:
        if _TOP_LEVEL.match(text, line) and not lexical.inside(line):
            return line + 1
        line = text.rfind("\n", floor, line)
    return None


@SETTINGS
@given(texts, st.integers(min_value=0, max_value=10_000), st.integers(min_value=0, max_value=10_000))
def test_boundary_before_finds_what_the_line_walk_finds(text: str, at: int, low: int) -> None:
    offset = at % (len(text) + 1)
    floor = low % (offset + 1)
    found = _boundary_before(text, _Lexical(text), _TOP_LEVEL, offset, floor)
    assert found == _plain_boundary_before(text, _Lexical(text), offset, floor)


def test_boundary_before_grows_its_window_over_long_texts() -> None:
    text = "import x\ndef f():\n" + "    y = 2\n" * 5000 + "    ws.close(1000)\n"
    found = _boundary_before(text, _Lexical(text), _TOP_LEVEL, len(text) - 5, 0)
    assert found == _plain_boundary_before(text, _Lexical(text), len(text) - 5, 0) == len("import x\n")


def test_every_node_marker_passes_a_gate() -> None:
    for marker in _NODE_MARKERS:
        assert any(gate(marker) for gate in _NODE_GATES)


@SETTINGS
@given(texts)
def test_node_markers_shortcut(text: str) -> None:
    assert _node_markers(text) == any(m in text for m in _NODE_MARKERS)


def test_send_rules_never_fire_on_comparisons_or_definitions() -> None:
    registry, config = builtin_registry(), RuleConfig(team_file=True)
    constant = data().constants[0]
    for rule_id in _SEND_RULES:
        for role in ("compare", "define"):
            for code in (-1, 0, 999, 1000, 1004, 1005, 1006, 1016, 3000, 4001, 5000, 70000):
                for passthrough in (False, True):
                    occ = Occurrence(
                        start=0, end=4, code=code, kind="literal", role=role, api="x", text="1006",
                        constant=constant, browser=True, reason="x" * 200, reason_start=0, reason_end=200,
                        passthrough=passthrough, name="CLOSE_NORMAL", name_code=1000,
                    )  # fmt: skip
                    assert list(_CHECKS[rule_id](occ, registry, config)) == []


def _plain_line_column(text: str, offset: int) -> tuple[int, int]:
    return LineIndex(text).position(offset, "utf-32")


@SETTINGS
@given(st.lists(st.tuples(texts, st.integers(min_value=-5, max_value=10_000)), max_size=12), st.randoms())
def test_line_column_counts_on_from_its_last_answer(queries: list[tuple[str, int]], rng: Random) -> None:
    """Whatever the order of texts and offsets (and with CRs), the same answer as a fresh count."""
    texts_seen = [text for text, _ in queries] + ["a\r\nb\rc\n", "x\ny"]
    for text, offset in queries + [(rng.choice(texts_seen), rng.randrange(-2, 12)) for _ in range(12)]:
        assert line_column(text, offset) == _plain_line_column(text, offset)
        assert line_column(text, offset + 3) == _plain_line_column(text, offset + 3)
        assert line_column(text, offset - 2) == _plain_line_column(text, offset - 2)
