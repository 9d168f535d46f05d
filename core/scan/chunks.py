"""Windows: which parts of a text to parse — the top-level chunks (and, in large classes, the
members) that hold anchors — so that a window decides exactly what a full parse would."""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache

from .languages import SPECS

_TOP_LEVEL = re.compile(  # a line break followed by an unindented line that starts a new construct
    r"\n(?=[^\s{}\])#/*'\"`<>@.,;:=&|+\-0-9])"
    r"(?!(?:else|elif|elsif|except|catch|finally|rescue|ensure|end|when|case|default|in|then|do)\b)"
)


# A large top-level class is parsed one member at a time, wrapped so that a member parses as one.
SUB_CHUNK = 3000
# What a member cut from a long class body is parsed in (languages.LanguageSpec.member_wrap)
_MEMBER_PREFIX = {
    name: spec.member_wrap[0] for name, spec in SPECS.items() if spec.member_wrap and spec.member_chunks
}
_CLASS_HEAD = re.compile(
    r"(?:[ \t]*(?:@\w[\w.]*(?:\([^()\n]*\))?|#\[[^\]\n]*\]|//[^\n]*|/\*.*?\*/)[ \t]*\n)*"
    r"[ \t]*(?:[\w<>]+[ \t]+)*(?:class|interface|object|struct|enum|record|impl|trait|extension)\b",
    re.DOTALL,
)
_MEMBER_INDENT = re.compile(r"\n([ \t]+)\S")


class _Lexical:
    """Is an offset inside a multi-line string, a block comment or an open bracket? Decided by
    counting delimiters before it (triple quotes, backticks, double quotes, /* */, brackets),
    incrementally from checkpoints.

    Conservative on purpose: a doubtful line is treated as inside, which only merges two chunks
    (slower, never wrong); a chunk boundary inside a string would make code out of text.
    """

    _NEEDLES = ('"""', "'''", "`", '"', '\\"', "/*", "*/", "(", ")", "[", "]", "{", "}")

    def __init__(self, text: str) -> None:
        self.text = text
        self.points: list[int] = [0]
        self.states: list[tuple[int, ...]] = [(0,) * len(self._NEEDLES)]
        # A needle whose rarest character is absent from the text counts 0 everywhere.
        self._multi = tuple((k, count) for k, gate, count in _MULTI_COUNTS if gate in text)

    def state(self, pos: int) -> tuple[int, ...]:
        i = bisect_right(self.points, pos) - 1
        base, state = self.points[i], self.states[i]
        if base == pos:
            return state
        counts = list(state)
        # One-character needles: counted in the delimiters alone (bytes.translate drops the rest
        # in one C pass, instead of eight str.count passes over the whole range). UTF-8 never
        # encodes a non-ASCII character with an ASCII byte, so the counts are exact.
        kept = self.text[base:pos].encode("utf-8", "surrogatepass").translate(None, _NOT_DELIMITER)
        for k, byte in _SINGLE:
            counts[k] += kept.count(byte)
        for k, count in self._multi:  # a compiled literal searches faster than str.count
            counts[k] += len(count(self.text, base, pos))
        result = tuple(counts)
        self.points.insert(i + 1, pos)
        self.states.insert(i + 1, result)
        return result

    def depth(self, pos: int) -> tuple[int, int, int]:
        """How many (, [ and { are open at ``pos``."""
        counts = self.state(pos)
        return counts[7] - counts[8], counts[9] - counts[10], counts[11] - counts[12]

    def inside(self, pos: int, depth: tuple[int, int, int] = (0, 0, 0)) -> bool:
        """Is ``pos`` inside a string or comment, or at another bracket depth than ``depth``?"""
        counts = self.state(pos)
        return (
            _in_string_or_comment(counts)
            or (
                counts[7] - counts[8],
                counts[9] - counts[10],
                counts[11] - counts[12],
            )
            != depth
        )


# How _Lexical counts its needles: (index, byte) for the one-character ones, and (index, the
# character that must occur somewhere for it to occur, findall of a compiled literal) for the rest.
_SINGLE = tuple((k, ord(n)) for k, n in enumerate(_Lexical._NEEDLES) if len(n) == 1)
_NOT_DELIMITER = bytes(b for b in range(256) if b not in {byte for _, byte in _SINGLE})
_MULTI_COUNTS = tuple(
    (k, "\\" if "\\" in n else "*" if "*" in n else n[0], re.compile(re.escape(n)).findall)
    for k, n in enumerate(_Lexical._NEEDLES)
    if len(n) > 1
)


_RETURN_TYPE_LINE = re.compile(r"[A-Za-z_][\w \t*&:<>,]*\r?")  # `static void`, `struct lws *`
_NAME_AND_PARAMETERS = re.compile(r"[A-Za-z_~][\w:~]*[ \t]*\(")


def _continues_head(text: str, line: int) -> bool:
    """Does the line after the break at ``line`` continue a C function head split after its
    return type (``static int\ncallback(struct lws *wsi, …)\n{``)? Then it starts no chunk."""
    if _NAME_AND_PARAMETERS.match(text, line + 1) is None:
        return False
    previous = text.rfind("\n", 0, line) + 1
    return _RETURN_TYPE_LINE.fullmatch(text, previous, line) is not None


def _boundary_before(
    text: str,
    lexical: _Lexical,
    pattern: re.Pattern[str],
    offset: int,
    floor: int,
    *,
    depth: tuple[int, int, int] = (0, 0, 0),
) -> int | None:
    """The start of the last line at or before ``offset`` (and after ``floor``) that ``pattern``
    accepts as a chunk start, outside strings and comments.

    ``pattern`` starts with a line break, so ``re`` finds the candidate lines of a window before
    ``offset`` in one C pass (a Python loop over every line was slower); they are then checked
    from the last one back, the window growing until one is accepted or ``floor`` is reached.
    """
    high, span = offset, 2048
    while high > floor:
        low = max(floor, high - span)
        lines: list[int] = []
        for m in pattern.finditer(text, low):  # matched against the whole text, like match()
            if m.start() >= high:
                break
            lines.append(m.start())
        for line in reversed(lines):
            if not lexical.inside(line, depth) and not _continues_head(text, line):
                return line + 1
        high, span = low, span * 4
    return None


def _boundary_after(
    text: str,
    lexical: _Lexical,
    pattern: re.Pattern[str],
    offset: int,
    ceiling: int,
    *,
    depth: tuple[int, int, int] = (0, 0, 0),
) -> int | None:
    """The start of the first line after ``offset`` that ``pattern`` accepts as a chunk start."""
    pos = offset
    while (m := pattern.search(text, pos, ceiling)) is not None:
        if not lexical.inside(m.start(), depth) and not _continues_head(text, m.start()):
            return m.start() + 1
        pos = m.start() + 1
    return None


@cache
def _member_boundary(indent: str) -> re.Pattern[str]:
    """A line that starts a member of a class body indented by ``indent``: the same rule as
    top-level chunks, one level in."""
    return re.compile(r"\n" + re.escape(indent) + _TOP_LEVEL.pattern[2:])


def _member_chunks(
    text: str, lexical: _Lexical, start: int, end: int, anchors: list[tuple[str, int, int]]
) -> list[tuple[int, int, list[tuple[str, int, int]]]]:
    """Split a class chunk at its members (lines at the first member's indentation)."""
    indent = _MEMBER_INDENT.search(text, start, end)
    if indent is None:
        return [(start, end, anchors)]
    boundary = _member_boundary(indent.group(1))
    depth = lexical.depth(indent.start())  # inside the class's braces (or none, in Python and Ruby)
    out: list[tuple[int, int, list[tuple[str, int, int]]]] = []
    for anchor in anchors:
        if out and out[-1][0] <= anchor[1] < out[-1][1]:
            out[-1][2].append(anchor)
            continue
        sub_start = _boundary_before(text, lexical, boundary, anchor[1], start, depth=depth)
        sub_end = _boundary_after(text, lexical, boundary, anchor[1], end, depth=depth)
        # before the first member (the class head), parse the head with it, unwrapped
        out.append(
            (sub_start if sub_start is not None else start, sub_end if sub_end is not None else end, [anchor])
        )
    return out


def _chunks(
    text: str, lexical: _Lexical, anchors: list[tuple[str, int, int]]
) -> list[tuple[int, int, list[tuple[str, int, int]]]]:
    """Group anchors by the top-level chunk (from one unindented line to the next) around them.

    Only the chunks that hold anchors are located (backwards and forwards from each anchor), so a
    large file with a few anchors costs a few chunk searches, not a pass over every line.
    """
    out: list[tuple[int, int, list[tuple[str, int, int]]]] = []
    floor = 0  # the line break before the last chunk's end: an accepted chunk start itself
    for anchor in sorted(anchors, key=lambda a: a[1]):
        if out and out[-1][0] <= anchor[1] < out[-1][1]:
            out[-1][2].append(anchor)
            continue
        # The last chunk start before this anchor is at or after the last chunk's end: searching
        # back from the anchor stops there, instead of rescanning the last chunk's lines.
        start = _boundary_before(text, lexical, _TOP_LEVEL, anchor[1], floor)
        end = _boundary_after(text, lexical, _TOP_LEVEL, anchor[1], len(text))
        out.append((start or 0, end if end is not None else len(text), [anchor]))
        if end is not None:
            floor = end - 1
    return out


# ---------------------------------------------------------------------------------------------
# Repair windows: where to parse again when the parser could only recover around an anchor.
#
# Editors hold half-typed code all the time: one unbalanced bracket can turn the rest of a file
# into one ERROR node (tree-sitter's recovery is local in some grammars, not in others). An anchor
# inside such a node is decided in the largest window around it that parses cleanly there: its
# top-level chunk (found without bracket counting, which the stray bracket would mislead), then
# the blocks around it by indentation, outermost first, then its own statement.

_STATEMENT_WRAP = {name: spec.statement_wrap for name, spec in SPECS.items()}
_MEMBER_WRAP = {name: spec.member_wrap for name, spec in SPECS.items() if spec.member_wrap}
_TOP_WRAP = {name: spec.top_wrap for name, spec in SPECS.items()}
_CLOSERS = ("}", ")", "]", "end")
_REPAIR_LINES = 200  # how far a block may reach (lines) before the window gives up


class _Indents:
    """Line indentations, computed as they are asked for (a window asks for a few)."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.known: dict[int, int | None] = {}

    def __getitem__(self, i: int) -> int | None:
        known = self.known
        if i not in known:
            known[i] = _indent_of(self.lines[i])
        return known[i]


def _in_string_or_comment(counts: tuple[int, ...]) -> bool:
    """From a ``_Lexical.state``: is the position inside a string or a comment?"""
    triple2, triple1, backticks, quotes, escaped, opened, closed = counts[:7]
    return bool(
        triple2 % 2 or triple1 % 2 or backticks % 2 or (quotes - escaped - 3 * triple2) % 2 or opened > closed
    )


class _Loose(_Lexical):
    """``_Lexical`` without bracket depth: strings and comments still count (a stray bracket would
    put every later line at the wrong depth)."""

    def inside(self, pos: int, depth: tuple[int, int, int] = (0, 0, 0)) -> bool:
        return _in_string_or_comment(self.state(pos))


def _indent_of(line: str) -> int | None:
    """The indentation of a line (tabs count 4), or None for a blank line."""
    stripped = line.lstrip(" \t")
    if not stripped.strip():
        return None
    lead = line[: len(line) - len(stripped)]
    return lead.count(" ") + 4 * lead.count("\t")


def _balance(line: str) -> int:
    """Opening minus closing brackets on a line (strings not excluded: a guess that only sizes
    a window)."""
    return sum(1 for c in line if c in "([{") - sum(1 for c in line if c in ")]}")


def _balanced_statements(lines: list[str], indents: _Indents, here: int) -> tuple[int, int] | None:
    """The widest run of whole statements (lines at the indentation of line ``here`` that start
    one, with the lines between them) around line ``here`` whose brackets balance, from the line
    after an opener left open above it to the line before a closer below it (None: only its own)."""
    level = indents[here]
    if level is None:
        return None

    def starts_statement(i: int) -> bool:
        return indents[i] == level and not lines[i].lstrip().startswith(("{", *_CLOSERS))

    first = last = here
    depth = 0
    for i in range(here - 1, max(-1, here - _REPAIR_LINES), -1):
        depth += _balance(lines[i])
        if depth > 0:  # an opener above left open: the block's own, or a half-typed line
            break
        if depth == 0 and starts_statement(i):
            first = i
    depth = _balance(lines[here])
    if depth == 0:
        for i in range(here + 1, min(len(lines), here + _REPAIR_LINES)):
            depth += _balance(lines[i])
            if depth < 0:  # a closer below: the block's own, or a stray one
                break
            if depth == 0 and (i + 1 == len(lines) or starts_statement(i + 1)):
                last = i
    return (first, last) if (first, last) != (here, here) else None


def _brace_head(text: str, start: int) -> int:
    """A chunk that starts with "{" (Allman style) starts with the line above it."""
    while start > 0 and text.startswith("{", start):
        start = text.rfind("\n", 0, start - 1) + 1
    return start


def _repair_windows(text: str, loose: _Loose, language: str, offset: int) -> list[tuple[int, int, str, str]]:
    """(start, end, prefix, suffix) windows around ``offset`` to parse, largest first."""
    out: list[tuple[int, int, str, str]] = []
    top_start = _brace_head(text, _boundary_before(text, loose, _TOP_LEVEL, offset, 0) or 0)
    top_end = _boundary_after(text, loose, _TOP_LEVEL, offset, len(text))
    top_end = len(text) if top_end is None else top_end
    top_prefix, top_suffix = _TOP_WRAP.get(language, ("", ""))
    out.append((top_start, top_end, top_prefix, top_suffix))
    # Lines of the top-level chunk near the anchor (at most _REPAIR_LINES either side), as offsets.
    low = offset
    for _ in range(_REPAIR_LINES):
        low = text.rfind("\n", top_start, low)
        if low < 0:
            low = top_start
            break
    else:
        low += 1
    low = max(low, top_start)
    high = offset
    for _ in range(_REPAIR_LINES):
        high = text.find("\n", high + 1, top_end)
        if high < 0:
            high = top_end
            break
    starts = [low]
    pos = low
    while True:
        nl = text.find("\n", pos, high)
        if nl < 0:
            break
        starts.append(nl + 1)
        pos = nl + 1
    ends = [s - 1 for s in starts[1:]] + [high]
    lines = [text[s:e] for s, e in zip(starts, ends, strict=True)]
    here = max(0, bisect_right(starts, offset) - 1)
    indents = _Indents(lines)
    blocks: list[tuple[int, int]] = []
    current = indents[here]
    if current is None:
        return out
    above, below = here, here  # each level's search starts where the inner one stopped
    while current > 0:
        header = next(
            (i for i in range(above - 1, -1, -1) if (level := indents[i]) is not None and level < current),
            None,
        )
        if header is None:
            break
        level = indents[header] or 0
        if level == 0 and starts[header] <= top_start:
            break  # the top-level chunk: tried already
        last = below
        for i in range(below + 1, len(lines)):
            if indents[i] is None:
                continue
            if (indents[i] or 0) <= level:
                if lines[i].lstrip().startswith(_CLOSERS):
                    last = i
                break
            last = i
        above, below = header, last
        while header > 0 and lines[header].lstrip().startswith("{"):  # Allman style: the head is above
            header -= 1
        if level == 0 and not text[ends[last] : top_end].strip():
            break  # the top-level chunk but for its head's first lines: tried already
        blocks.append((header, last))  # (at level 0: one of several in its chunk, an Objective-C method)
        current = level
    statement_wrap = _STATEMENT_WRAP.get(language, ("", ""))
    member_wrap = _MEMBER_WRAP.get(language)
    for header, last in reversed(blocks):  # outermost first
        for prefix, suffix in (member_wrap, statement_wrap) if member_wrap else (statement_wrap,):
            out.append((starts[header], ends[last], prefix, suffix))
        # … and its body alone (a half-typed head must not cost the body its context)
        first = header + 1
        while first < here and lines[first].lstrip().startswith("{"):
            first += 1
        end = last - 1 if last > here and lines[last].lstrip().startswith(_CLOSERS) else last
        if first <= here <= end:
            out.append((starts[first], ends[end], *statement_wrap))
    # The statements around the anchor's, up to a line whose brackets don't balance (a line left
    # half-typed in the same block must not cost the anchor its context) or the block's ends.
    around = _balanced_statements(lines, indents, here)
    if around is not None:
        out.append((starts[around[0]], ends[around[1]], *statement_wrap))
    # The statement: the anchor's line, grown until its brackets balance.
    first = last_line = here
    depth = _balance(lines[here])
    while depth > 0 and last_line + 1 < len(lines) and last_line - here < 20:
        last_line += 1
        depth += _balance(lines[last_line])
    while depth < 0 and first > 0 and here - first < 20:
        first -= 1
        depth += _balance(lines[first])
    out.append((starts[first], ends[last_line], *statement_wrap))
    return out
