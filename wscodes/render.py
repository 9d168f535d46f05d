"""Terminal text for close codes and search results (colour only when asked to)."""

from __future__ import annotations

from wscodes.core.registry import CloseCode
from wscodes.core.search import SearchResult
from wscodes.core.wording import shorten

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator

WIDTH = 88
MAX_MEASURED = 20  # measured behaviours shown on a card (the most any code has today is 15)
MAX_CONSTANTS = 8


def wrap(text: str, width: int, indent: str = "") -> list[str]:
    """Greedy word wrap (``textwrap`` costs ~1 ms of start-up to import; this is all we need).

    Words longer than ``width`` (URLs) stay whole on their own line.
    """
    lines: list[str] = []
    line = ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = indent + word
        else:
            line = f"{line} {word}" if line else word
    return [*lines, line] if line else lines


class Style:
    def __init__(self, color: bool) -> None:
        self.color = color

    def _wrap(self, code: str, text: str) -> str:
        return f"\033[{code}m{text}\033[0m" if self.color else text

    def bold(self, text: str) -> str:
        return self._wrap("1", text)

    def dim(self, text: str) -> str:
        return self._wrap("2", text)

    def bad(self, text: str) -> str:
        return self._wrap("1;31", text)

    def good(self, text: str) -> str:
        return self._wrap("1;32", text)

    def team(self, text: str) -> str:
        return self._wrap("1;35", text)


def _field(label: str, text: str) -> list[str]:
    head = f"  {label:<16} "
    lines = wrap(text, WIDTH - len(head)) or [""]
    return [head + lines[0], *(" " * len(head) + line for line in lines[1:])]


def title(code: CloseCode, st: Style) -> str:
    paint = st.team if code.team else (st.good if code.on_wire else st.bad)
    tag = " [your team's code]" if code.team else ""
    return paint(f"{code.code} {code.name}") + st.dim(tag)


def card(code: CloseCode, st: Style, brief: bool = False) -> list[str]:
    lines = [title(code, st)]
    lines += ["  " + line for line in wrap(code.meaning, WIDTH - 2)]
    lines += _field("Sent by", code.sender_text)
    lines += _field("In a Close frame", code.on_wire_text)
    lines += _field("Browser close()", code.browser_close_text)
    lines += _field("What to do", code.action)
    if brief:
        return [*lines, *_field("Reference", f"{code.reference.title} {code.reference.url}")]
    lines += _field("Range", code.range.name)
    if code.constants:
        names = [f"{c.name} ({c.library})" for c in code.constants[:MAX_CONSTANTS]]
        more = len(code.constants) - MAX_CONSTANTS
        if more > 0:
            names.append(f"+{more} more (--json lists all)")
        lines += _field("Constants", ", ".join(names))
    for i, note in enumerate(code.notes):
        lines += _field("Notes" if i == 0 else "", "• " + note)
    measured = code.measured_highlights
    for i, m in enumerate(measured[:MAX_MEASURED]):
        lines += _field("Measured" if i == 0 else "", "• " + m.text)
    if len(measured) > MAX_MEASURED:
        lines += _field("", f"+{len(measured) - MAX_MEASURED} more measured")
    for i, note in enumerate(code.disagreements):
        lines += _field("Sources disagree" if i == 0 else "", "• " + note)
    lines += _field("Reference", f"{code.reference.title} {code.reference.url}")
    if code.team and code.team_file:
        lines += _field("Defined in", code.team_file)
    return lines


def one_line(code: CloseCode, st: Style, why: str = "") -> str:
    meaning = shorten(code.meaning, 70)
    extra = st.dim(f"  [{why}]") if why else ""
    return f"{title(code, st)} — {meaning}{extra}"


def result(res: SearchResult, st: Style) -> Iterator[str]:
    """The text for any search result."""
    if res.kind == "number":
        yield from card(res.hits[0].code, st)
        if res.message:
            yield st.dim(res.message)
        return
    if res.kind == "range":
        yield st.bold(res.message)
        for r in res.ranges:
            yield from wrap(f"{r.name}: {r.summary}", WIDTH, indent="  ")
        for h in res.hits:
            yield one_line(h.code, st, "" if h.score >= 1 else h.why)
        return
    if res.kind == "text":
        for text in res.explanations:
            yield from wrap(st.bold("What this says:") + " " + text, WIDTH + (len(st.bold("")) or 0))
        for i, h in enumerate(res.hits):
            if i or res.explanations:
                yield ""
            yield from card(h.code, st, brief=True)
        return
    if not res.hits:
        yield res.message
        return
    best, rest = res.hits[0], res.hits[1:]
    yield from card(best.code, st)
    if rest:
        yield ""
        yield st.bold("Also matching:")
        for h in rest:
            yield one_line(h.code, st, h.why)
