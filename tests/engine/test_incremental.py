"""The editor's incremental rescan (core.scan.incremental) finds exactly what a whole scan finds,
after random edits of every fixture and of number-dense generated code."""

from __future__ import annotations

import random
import re
from pathlib import Path
from typing import Any

import pytest

from wscodes.core.scan import LARGE_TEXT, UNBALANCED_TEXT, language_for, scan
from wscodes.core.scan.incremental import SHIFTED_FIELDS, rescan, scan_state
from wscodes.core.scan.model import Occurrence

FIXTURES = Path(__file__).parent / "fixtures"

# What an edit may put in: digits, close calls, comparisons, bindings, brackets, keywords, lines.
SNIPPETS = [
    "1", "0", "6", "1006", "4001", " ", "\n", "\n\n", "(", ")", "{", "}", "[", "]", '"', "'", "#", "//",
    "ws.close(1000)", "close(4001, 'x')", "code == 1006", "code === 1001", "CODE = 1011", "code = 1000",
    "NAME = 4002", "case 1006:", "switch (code) {", "match code:", "when (code) {", "def f(ws):\n    ",
    "function g(ws) {\n  ", "func h() {\n\t", "[1000, 1001].includes(code)", "FATAL = [1002, 1006]",
    "x", "if ", "return ", "import websockets\n", 'require("ws")', "CloseCode.GOING_AWAY", "\n}\n",
]  # fmt: skip


def key(occ: Occurrence) -> tuple[object, ...]:
    return tuple(getattr(occ, f) for f in occ._fields)


def edit(text: str, rng: random.Random) -> str:
    at = rng.randrange(len(text) + 1)
    kind = rng.random()
    if kind < 0.3:  # delete a span
        return text[:at] + text[at + rng.randrange(1, 40) :]
    if kind < 0.45 and any(c.isdigit() for c in text):  # change a digit
        digits = [i for i, c in enumerate(text) if c.isdigit()]
        i = rng.choice(digits)
        return text[:i] + rng.choice("0123456789") + text[i + 1 :]
    if kind < 0.55:  # at the start of a line
        at = text.rfind("\n", 0, at) + 1
    return text[:at] + rng.choice(SNIPPETS) + text[at:]


def fixture_cases() -> list[Path]:
    return sorted(p for p in FIXTURES.rglob("*") if p.is_file() and language_for(p.name) is not None)


# Edits that keep the code valid (what an editor holds between keystrokes most of the time):
# change a digit, add a statement line, delete a statement line.
STATEMENTS = [
    "  ws.close(1000);\n",
    "  if (event.code === 4001) return;\n",
    "  log(42);\n",
    "  retry(3000);\n",
]


def valid_edit(text: str, rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.4:
        digits = [m.start() for m in re.finditer(r"\d", text)]
        i = rng.choice(digits)
        return text[:i] + rng.choice("0123456789") + text[i + 1 :]
    lines = [m.end() for m in re.finditer(r"\n(?=  \S[^\n]*;\n)", text)]  # statement lines
    at = rng.choice(lines)
    if kind < 0.7:
        return text[:at] + rng.choice(STATEMENTS) + text[at:]
    return text[:at] + text[text.index("\n", at) + 1 :]


def check_edits(text: str, language: str, seed: int, steps: int, change: Any = edit) -> int:
    """Edit ``text`` ``steps`` times, rescanning after each edit; the number of incremental scans."""
    rng = random.Random(seed)
    state = scan_state(text, language)
    reused = 0
    for _ in range(steps):
        text = change(text, rng)
        state = rescan(state, text, language, min_text=0)
        expected = [key(o) for o in scan(text, language).occurrences]
        assert [key(o) for o in state.result.occurrences] == expected, (seed, text)
        reused += state.incremental
    return reused


@pytest.mark.parametrize("path", fixture_cases(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_rescan_after_random_edits_equals_a_whole_scan(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    language = language_for(path.name)
    assert language is not None
    for seed in range(3):
        check_edits(text, language, seed, 25)


def number_dense(blocks: int) -> str:
    block = """\
function job{i}(ws, size, port, delay, items) {{
  if (size > 4096 && port < 3000) {{
    setTimeout(run, 1000);
  }}
  const ok = [1000, 2000].includes(delay);
  switch (port) {{
    case 8080:
      break;
  }}
  if (items.length == 1006) {{
    return retry(delay || 1005);
  }}
  return ok;
}}

function stop{i}(ws, event) {{
  if (event.code === 1006) {{
    return;
  }}
  ws.close(1006, "oops");
}}

"""
    return 'const WebSocket = require("ws");\n' + "".join(block.format(i=i) for i in range(blocks))


def test_rescan_of_number_dense_code_is_exact_and_mostly_incremental() -> None:
    text = number_dense(60)  # scanned whole (below LARGE_TEXT): valid code is rescanned in part
    reused = sum(check_edits(text, "javascript", seed, 30, valid_edit) for seed in range(3))
    assert reused >= 60  # of 90 edits: the path under test really runs


def balanced_edit(text: str, rng: random.Random) -> str:
    """A random edit that leaves as many of each bracket and quote (an open one makes every
    later chunk run to the end of the text: a whole scan, tested above)."""
    while True:
        edited = edit(text, rng)
        if all(edited.count(c) == text.count(c) for c in "()[]{}\"'`"):
            return edited


def test_rescan_of_a_large_text_after_random_edits() -> None:
    text = number_dense(450)  # above LARGE_TEXT: scanned in windows, broken code included
    assert len(text) > LARGE_TEXT
    reused = check_edits(text, "javascript", 7, 30, balanced_edit)
    assert reused >= 15


def test_every_offset_field_of_an_occurrence_is_shifted() -> None:
    # an offset field added to Occurrence must be shifted by the rescan too
    offsets = {f for f in Occurrence._fields if f in ("start", "end") or f.endswith(("_start", "_end"))}
    assert offsets == SHIFTED_FIELDS


PYTHON = """\
async def stop_{i}(ws, event):
    if event.code == 1006:
        retry({i})
    await ws.close(1001, "bye {i}")


"""


def test_rescan_of_a_text_with_a_bracket_left_open() -> None:
    """Half-typed code: an edit after the open bracket is rescanned by lines (as the windowed scan
    cuts the open tail), one before it as usual; the same occurrences as a whole scan."""
    body = number_dense(120)
    python = "".join(PYTHON.format(i=i) for i in range(150))
    for language, text in (
        ("javascript", "function half(ws, {\n" + body),
        ("javascript", body + "function half(ws, {\n"),
        ("python", "def half(ws, (\n" + python),
        ("python", python + "def half(ws, (\n"),
    ):
        assert UNBALANCED_TEXT < len(text) <= LARGE_TEXT
        reused = check_edits(text, language, 3, 25, balanced_edit)
        assert reused >= 15, reused


def test_rescan_of_a_large_text_with_a_bracket_left_open() -> None:
    text = "function half(ws, {\n" + number_dense(450)
    assert len(text) > LARGE_TEXT
    reused = check_edits(text, "javascript", 9, 15, balanced_edit)
    assert reused >= 10, reused


def test_an_edit_that_opens_or_closes_a_bracket_scans_whole() -> None:
    text = "function half(ws, {\n" + number_dense(120)
    state = rescan(scan_state(text, "javascript"), text.replace("1006", "1005", 1), "javascript", min_text=0)
    assert state.incremental
    closed = "function half(ws) {\n" + text.split("\n", 1)[1]  # the bracket on line 1 closed
    again = rescan(state, closed, "javascript", min_text=0)
    assert not again.incremental
    expected = [key(o) for o in scan(closed, "javascript").occurrences]
    assert [key(o) for o in again.result.occurrences] == expected
