"""Suppression comments: ``# wscode: ignore[WSC001]`` and friends (ruff's ``# noqa``, ESLint's
``// eslint-disable-line``).

Forms, written in any comment the language has (``#``, ``//``, ``/* */``, and ``<!-- -->`` in the
HTML around PHP code)::

    ws.close(1006)  # wscode: ignore[WSC001]      the findings of this line, for these rules
    ws.close(1006)  // wscode: ignore             every rule, on this line
    // wscode: ignore[WSC001, WSC009]             a comment alone on its line: the next line too
    # wscode: ignore-file[WSC003]                 anywhere: the whole file, for these rules
    /* wscode: ignore-file */                     the whole file, every rule

Only real comments count (tree-sitter says what is a comment): the same words in a string, a
docstring or code are text. Files without ``wscode:`` anywhere cost one substring search.

Pure: text in, records out; no I/O. ``apply`` splits findings into kept and suppressed and says
which directives did something, so ``wscode check --report-unused-suppressions`` can name the
ones that rotted (ruff's RUF100). ``suppression_edit`` is the text edit behind the editor's
"suppress on this line" action.
"""

from __future__ import annotations

import re

from ._record import Record
from .positions import LineIndex
from .scan.languages import SPECS

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from tree_sitter import Node

__all__ = [
    "LINE_COMMENT",
    "Directive",
    "Edit",
    "Outcome",
    "apply",
    "directives",
    "suppression_edit",
    "unused",
]

# The line comment a "suppress on this line" edit writes, per scanner language.
LINE_COMMENT: dict[str, str] = {name: spec.line_comment for name, spec in SPECS.items()}

# The spellings of the marker (a case-insensitive regular expression costs ~10 ms per MB of text;
# three substring searches ~1 ms, and most files hold none).
MARKERS = ("wscode:", "WSCODE:", "Wscode:")
_DIRECTIVE = re.compile(
    r"(?:wscode|WSCODE|Wscode):[ \t]*(?P<kind>(?i:ignore-file|ignore))\b(?:[ \t]*\[(?P<codes>[^\]\n]*)\])?"
)
_CODE = re.compile(r"[A-Za-z]+[0-9]+")


class Directive(Record):
    """One suppression comment's directive (``wscode: ignore[…]``), as written."""

    start: int  # the directive's span in the text (from "wscode:" to its "]")
    end: int
    line: int  # 0-based line of "wscode:"
    lines: frozenset[int]  # the lines whose findings it suppresses (empty for a file directive)
    rules: tuple[str, ...] | None  # upper-case ids as written; None: every rule
    file: bool


class Outcome(Record):
    kept: tuple[object, ...]  # the findings no directive covers (same objects, same order)
    suppressed: tuple[object, ...]
    used: frozenset[tuple[int, str | None]]  # (directive index, rule id, or None for "every rule") used


class Edit(Record):
    """Replace ``text[start:end]`` with ``new_text`` (offsets in the same str)."""

    start: int
    end: int
    new_text: str


def directives(text: str, language: str) -> tuple[Directive, ...]:
    """Every suppression directive inside a real comment of ``text`` (a scanner language name)."""
    if not any(marker in text for marker in MARKERS):
        return ()
    candidates = list(_DIRECTIVE.finditer(text))
    if not candidates:
        return ()
    comments = _comment_spans(text, language, [m.start() for m in candidates])
    if not comments:
        return ()
    index = LineIndex(text)
    out: list[Directive] = []
    for match in candidates:
        span = next((c for c in comments if c[0] <= match.start() < c[1]), None)
        if span is None:
            continue
        codes = match.group("codes")
        rules = None if codes is None else tuple(c.upper() for c in _CODE.findall(codes))
        file_level = match.group("kind").lower() == "ignore-file"
        line = index.position(match.start(), "utf-32")[0]
        lines: frozenset[int] = frozenset()
        if not file_level:
            first = index.position(span[0], "utf-32")[0]
            last = index.position(span[1], "utf-32")[0]
            covered = set(range(first, last + 1))
            alone = not text[index.line_start(first) : span[0]].strip() and not _rest_of_line(
                text, index, span[1], last
            )
            if alone:
                covered.add(last + 1)  # a comment on its own line covers the next line
            lines = frozenset(covered)
        out.append(
            Directive(
                start=match.start(), end=match.end(), line=line, lines=lines, rules=rules, file=file_level
            )
        )
    return tuple(out)


def _rest_of_line(text: str, index: LineIndex, offset: int, line: int) -> str:
    end = index.line_start(line + 1) if line + 1 < index.line_count else len(text)
    return text[offset:end].strip()


def apply(
    findings: Sequence[object],
    spans: Sequence[tuple[int, int, str]],
    found: Sequence[Directive],
    text: str,
) -> Outcome:
    """Split ``findings`` (any objects) by ``spans``, their (start, end, rule id), against ``found``.

    A finding is suppressed by a file directive naming its rule (or none), or by a line directive
    covering its first or last line and naming its rule (or none)."""
    if not found or not findings:
        return Outcome(kept=tuple(findings), suppressed=(), used=frozenset())
    index = LineIndex(text)
    kept: list[object] = []
    suppressed: list[object] = []
    used: set[tuple[int, str | None]] = set()
    for finding, (start, end, rule) in zip(findings, spans, strict=True):
        lines = {index.position(start, "utf-32")[0], index.position(end, "utf-32")[0]}
        hit: tuple[int, str | None] | None = None
        for n, directive in enumerate(found):
            if not directive.file and not (directive.lines & lines):
                continue
            if directive.rules is None:
                hit = (n, None)
            elif rule in directive.rules:
                hit = (n, rule)
            else:
                continue
            used.add(hit)
        (suppressed if hit is not None else kept).append(finding)
    return Outcome(kept=tuple(kept), suppressed=tuple(suppressed), used=frozenset(used))


def unused(
    found: Sequence[Directive], used: Iterable[tuple[int, str | None]], known: Iterable[str]
) -> list[tuple[Directive, str | None, str]]:
    """The directives (or the rule ids in them) that suppressed nothing, each with a message:
    (directive, rule id or None for the whole directive, message)."""
    used = set(used)
    known_ids = set(known)
    out: list[tuple[Directive, str | None, str]] = []
    for n, directive in enumerate(found):
        form = "wscode: ignore-file" if directive.file else "wscode: ignore"
        if directive.rules is None:
            if (n, None) not in used:
                out.append((directive, None, f"Unused suppression (`{form}` suppresses nothing here)"))
            continue
        for rule in directive.rules:
            if rule not in known_ids:
                out.append((directive, rule, f"Unknown rule {rule} in `{form}[…]`"))
            elif (n, rule) not in used:
                out.append((directive, rule, f"Unused suppression of {rule} (no {rule} finding here)"))
    return out


def suppression_edit(text: str, language: str, offset: int, rule: str) -> Edit:
    """The edit that suppresses ``rule`` on the line holding ``offset``: add the rule to that
    line's ``wscode: ignore[…]`` if it has one, else append ``  # wscode: ignore[RULE]`` (in the
    language's line-comment syntax) at the end of the line. A line that ends in a ``\\``
    continuation gets the comment on a line of its own above it."""
    index = LineIndex(text)
    line = index.position(offset, "utf-32")[0]
    start = index.line_start(line)
    end = index.offset(line, 1 << 30, "utf-32")  # the end of the line's content
    for directive in directives(text, language):
        if directive.file or directive.line != line or directive.rules is None:
            continue
        if rule in directive.rules:
            return Edit(start=directive.start, end=directive.start, new_text="")  # already there
        form = "ignore-file" if directive.file else "ignore"
        codes = ", ".join((*directive.rules, rule))
        return Edit(start=directive.start, end=directive.end, new_text=f"wscode: {form}[{codes}]")
    comment = LINE_COMMENT.get(language, "//")
    content = text[start:end]
    if content.rstrip().endswith("\\"):
        indent = content[: len(content) - len(content.lstrip())]
        newline = "\r\n" if "\r\n" in text else ("\r" if "\r" in text else "\n")
        return Edit(start=start, end=start, new_text=f"{indent}{comment} wscode: ignore[{rule}]{newline}")
    trimmed = len(content.rstrip())
    return Edit(start=start + trimmed, end=end, new_text=f"  {comment} wscode: ignore[{rule}]")


# ---------------------------------------------------------------------------------------------
# Which candidates sit in a comment: tree-sitter's answer


def _comment_spans(text: str, language: str, offsets: Sequence[int]) -> list[tuple[int, int]]:
    """(start, end) str offsets of the comments (or HTML ``<!-- -->`` comments in PHP's text)
    that hold one of ``offsets``."""
    from .scan.languages import _parser, grammar_available

    if not grammar_available(language):
        return []
    data = text.encode("utf-8", "surrogatepass")
    tree = _parser(language).parse(data)
    ascii_text = len(data) == len(text)
    html = language == "php"  # PHP files hold HTML: its <!-- --> comments count too
    spans: list[tuple[int, int]] = []
    for offset in offsets:
        byte = offset if ascii_text else len(text[:offset].encode("utf-8", "surrogatepass"))
        node: Node | None = tree.root_node.descendant_for_byte_range(byte, byte + 1)
        while node is not None and "comment" not in node.type and not (html and node.type == "text"):
            node = node.parent
        if node is None:
            continue
        start, end = node.start_byte, node.end_byte
        if node.type == "text":  # HTML around PHP code: only inside <!-- … -->
            opened = data.rfind(b"<!--", start, byte)
            if opened == -1 or data.find(b"-->", opened, byte) != -1:
                continue
            closed = data.find(b"-->", byte, end)
            start, end = opened, (closed + 3 if closed != -1 else end)
        if ascii_text:
            spans.append((start, end))
        else:
            spans.append(
                (
                    len(data[:start].decode("utf-8", "surrogatepass")),
                    len(data[:end].decode("utf-8", "surrogatepass")),
                )
            )
    return spans
