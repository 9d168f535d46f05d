"""Uses of the names a file defines as close codes, for hover.

``STATUS_NORMAL = 1000`` is a definition the analyser reads; the same name in
``VALID_CLOSE_STATUS = (STATUS_NORMAL, …)``, ``case CloseNormalClosure:`` or
``raise ProtocolError(PROTOCOL_ERROR)`` stands for 1000 too, wherever it is. Each use becomes a
hover-only ``mention`` (the rules skip mentions). Only names that read as constants
(``UPPER_CASE``, ``kCamelCase``, ``PascalCase``) and that the file binds to one code; never in a
comment or a string (as far as the line says). Applied to a whole scan's occurrences, so a
rescan (incremental.py) and a whole scan agree: it looks at the whole text each time.
"""

from __future__ import annotations

import re

from .mentions import _in_comment_or_string
from .model import Occurrence, occurrence

API = "named: "  # how these mentions are told apart (and dropped before they are made again)
_CONSTANT_NAME = re.compile(
    r"[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+"  # STATUS_NORMAL
    r"|[A-Z]{3,}[0-9]*"  # NORMAL (not a two-letter word)
    r"|k[A-Z][A-Za-z0-9]+"  # kCodeNormal
    r"|[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+"  # CloseNormalClosure
)


def with_named_uses(text: str, occurrences: tuple[Occurrence, ...]) -> tuple[Occurrence, ...]:
    """``occurrences`` (sorted) with a mention at every use of a name the file defines as a code."""
    base = [o for o in occurrences if not o.api.startswith(API)]
    defined: dict[str, int] = {}
    clash: set[str] = set()
    lines: set[tuple[str, int]] = set()  # (name, the start of a line that defines it)
    for occ in base:
        if occ.code < 0:
            continue
        name = occ.name if occ.role == "define" and occ.api != "local" else None
        if name is None and occ.role == "mention" and occ.api.startswith("assigned to "):
            name = occ.api.removeprefix("assigned to ")
        if not name or not _CONSTANT_NAME.fullmatch(name):
            continue
        if defined.setdefault(name, occ.code) != occ.code:
            clash.add(name)
        lines.add((name, text.rfind("\n", 0, occ.start) + 1))
    for name in clash:
        del defined[name]
    if not defined:
        return occurrences if len(base) == len(occurrences) else tuple(base)
    spans = sorted((o.start, o.end) for o in base)
    names = sorted(defined, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w$])(?:" + "|".join(map(re.escape, names)) + r")(?![\w$])")
    found: list[Occurrence] = []
    at = 0
    for m in pattern.finditer(text):
        start, end = m.span()
        while at < len(spans) and spans[at][1] <= start:
            at += 1
        if at < len(spans) and spans[at][0] < end:
            continue  # the analyser said what this is already
        line_start = text.rfind("\n", 0, start) + 1
        name = m.group()
        after = text[end : end + 3].lstrip(" \t")
        if (
            (name, line_start) in lines
            or (after[:1] == "=" and after[:2] != "==")
            or after[:2] == ":="
            or _in_comment_or_string(text[line_start:start])
        ):
            continue  # (the definition itself, its value is the occurrence; or a comment or string)
        code = defined[name]
        found.append(
            occurrence(start, end, code, "constant", "mention", f"{API}{name} is {code} in this file", name)
        )
    if not found:
        return tuple(base)
    return tuple(sorted([*base, *found], key=lambda o: (o.start, o.end)))
